#!/bin/bash
# hull sbom's documents against the published schemas.
#
# CycloneDX: the official bom-1.5 JSON schema (with its spdx and jsf
# references) as shipped by the npm package @cyclonedx/cyclonedx-library,
# checked with ajv-cli + ajv-formats.
#
# SPDX 2.3: no npm package we could find ships the SPDX 2.3 JSON schema
# (tried: spdx-schema, @spdx/spdx-schema, spdx-json-schema, spdx-tools,
# @spdx/tools, spdx-2.3-schema, schemastore; @cyclonedx/cdxgen ships only
# the SPDX 3.0.1 export schema), nor does any Debian 12 package.  The SPDX
# document is therefore checked against the 2.3 specification's required
# fields and value sets by a small node script, and every licence
# expression with spdx-expression-parse, which knows the SPDX licence
# list; and against the official schema too wherever a copy is found
# (HULL_SPDX_SCHEMA, ../shared/data, node_modules).
#
# The npm tools are installed once into $HULL_BUILD/sbom-validate; the
# test is skipped only when npm or its registry cannot be reached.
set -u

: "${HULL:?}" "${HULL_BUILD:=/tmp}" "${HULL_DATA:=}"
db="$HULL_DATA/pkgdb"
if [ ! -d "$db" ]; then
	echo "skipped: ../shared/data is absent"
	exit 77
fi
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
	echo "skipped: npm/node are not installed"
	exit 77
fi

tools="$HULL_BUILD/sbom-validate"
if [ ! -x "$tools/node_modules/.bin/ajv" ] ||
	[ ! -d "$tools/node_modules/spdx-expression-parse" ] ||
	[ ! -d "$tools/node_modules/@cyclonedx/cyclonedx-library" ]; then
	mkdir -p "$tools"
	if ! (cd "$tools" && timeout 600 npm install --no-audit --no-fund \
		--silent ajv-cli ajv-formats @cyclonedx/cyclonedx-library \
		spdx-expression-parse >install.log 2>&1); then
		echo "skipped: npm cannot install the validators:"
		tail -5 "$tools/install.log"
		exit 77
	fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# A root filesystem with one database of each kind the data holds.
root="$tmp/root"
mkdir -p "$root/etc" "$root/lib/apk/db" "$root/var/lib/dpkg" \
	"$root/var/lib/rpm"
cp "$db/os-release/alpine-image/alpine-3.10.4" "$root/etc/os-release"
cp "$db/apk/trivy-installed" "$root/lib/apk/db/installed"
cp "$db/dpkg/valid/var/lib/dpkg/status" "$root/var/lib/dpkg/status"
cp "$db/rpm/sle15-bci/Packages.db" "$root/var/lib/rpm/Packages.db"
if [ -d "$db/npm" ]; then
	mkdir -p "$root/app"
	cp "$db/npm/package-lock_v3_with_workspace.json" \
		"$root/app/package-lock.json"
fi
if [ -d "$db/python/site-packages" ]; then
	mkdir -p "$root/usr/lib/python3/dist-packages"
	cp -r "$db/python/site-packages/." "$root/usr/lib/python3/dist-packages/"
fi
if [ -d "$db/java" ]; then
	mkdir -p "$root/opt/app"
	cp "$db/java/"*.jar "$db/java/maven.war" "$root/opt/app/" 2>/dev/null
fi

"$HULL" sbom "$root" --format cyclonedx >"$tmp/bom.json" 2>"$tmp/err" ||
	{ echo "FAIL: hull sbom --format cyclonedx"; cat "$tmp/err"; exit 1; }
"$HULL" sbom "dir:$root" --format spdx >"$tmp/spdx.json" 2>>"$tmp/err" ||
	{ echo "FAIL: hull sbom --format spdx"; cat "$tmp/err"; exit 1; }

# The CycloneDX schemas refer to each other by their published names.
schemas="$tools/node_modules/@cyclonedx/cyclonedx-library/res/schema"
for s in bom-1.5 spdx jsf-0.82; do
	sed -e 's/spdx\.SNAPSHOT\.schema\.json/spdx.schema.json/g' \
		-e 's/jsf-0\.82\.SNAPSHOT\.schema\.json/jsf-0.82.schema.json/g' \
		"$schemas/$s.SNAPSHOT.schema.json" >"$tmp/$s.schema.json"
done
if "$tools/node_modules/.bin/ajv" validate --spec=draft7 --strict=false \
	-c ajv-formats -s "$tmp/bom-1.5.schema.json" \
	-r "$tmp/spdx.schema.json" -r "$tmp/jsf-0.82.schema.json" \
	-d "$tmp/bom.json" >"$tmp/ajv.out" 2>&1; then
	echo "ok: CycloneDX document is valid against bom-1.5.schema.json"
else
	echo "FAIL: CycloneDX document is not valid:"
	head -40 "$tmp/ajv.out"
	fail=1
fi
n=$(node -e 'const b=require(process.argv[1]);
	console.log(b.components.filter(c=>c.type==="library").length)' \
	"$tmp/bom.json")
if [ "$n" -lt 100 ]; then
	echo "FAIL: only $n library components in the CycloneDX document"
	fail=1
fi

cat >"$tmp/spdx-check.js" <<'JS'
// SPDX 2.3 (spdx.github.io/spdx-spec/v2.3): the fields a document and
// its packages must carry, and the value sets the spec defines.
const doc = require(process.argv[2]);
const parse = require(process.argv[3]);
const errs = [];
const need = (o, k, where) => { if (!(k in o)) errs.push(`${where}: no ${k}`); };
const idre = /^SPDXRef-[A-Za-z0-9.\-]+$/;
const purposes = new Set(["APPLICATION", "FRAMEWORK", "LIBRARY",
  "CONTAINER", "OPERATING-SYSTEM", "DEVICE", "FIRMWARE", "SOURCE",
  "ARCHIVE", "FILE", "INSTALL", "OTHER"]);
const reltypes = new Set(["DESCRIBES", "CONTAINS", "DEPENDS_ON",
  "DESCRIBED_BY", "CONTAINED_BY", "DEPENDENCY_OF"]);
const refs = new Set((doc.hasExtractedLicensingInfos || []).map(x => x.licenseId));
// The properties SPDX 2.3 defines for each object (its JSON serialisation
// closes every object: nothing else may appear).
const allowed = {
  document: ["SPDXID", "annotations", "comment", "creationInfo", "dataLicense",
    "externalDocumentRefs", "hasExtractedLicensingInfos", "name", "revieweds",
    "spdxVersion", "documentNamespace", "documentDescribes", "packages",
    "files", "snippets", "relationships"],
  creationInfo: ["comment", "created", "creators", "licenseListVersion"],
  package: ["SPDXID", "annotations", "attributionTexts", "builtDate",
    "checksums", "comment", "copyrightText", "description", "downloadLocation",
    "externalRefs", "filesAnalyzed", "hasFiles", "homepage", "licenseComments",
    "licenseConcluded", "licenseDeclared", "licenseInfoFromFiles", "name",
    "originator", "packageFileName", "packageVerificationCode",
    "primaryPackagePurpose", "releaseDate", "sourceInfo", "summary",
    "supplier", "validUntilDate", "versionInfo"],
  externalRef: ["comment", "referenceCategory", "referenceLocator",
    "referenceType"],
  checksum: ["algorithm", "checksumValue"],
  relationship: ["spdxElementId", "comment", "relatedSpdxElement",
    "relationshipType"],
};
const closed = (o, kind, where) => {
  for (const k of Object.keys(o))
    if (!allowed[kind].includes(k)) errs.push(`${where}: ${kind} has no property ${k}`);
};
const algorithms = new Set(["SHA1", "BLAKE3", "SHA3-384", "SHA256", "SHA384",
  "BLAKE2b-512", "BLAKE2b-256", "SHA3-512", "MD2", "ADLER32", "MD4",
  "SHA3-256", "BLAKE2b-384", "SHA512", "MD6", "MD5", "SHA224"]);
closed(doc, "document", "document");
closed(doc.creationInfo || {}, "creationInfo", "creationInfo");
if (doc.spdxVersion !== "SPDX-2.3") errs.push("spdxVersion");
if (doc.dataLicense !== "CC0-1.0") errs.push("dataLicense");
if (doc.SPDXID !== "SPDXRef-DOCUMENT") errs.push("SPDXID");
for (const k of ["name", "documentNamespace", "creationInfo", "packages"])
  need(doc, k, "document");
try { const u = new URL(doc.documentNamespace);
  if (u.hash) errs.push("documentNamespace has a fragment"); }
catch (e) { errs.push("documentNamespace is not a URI"); }
if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(doc.creationInfo.created))
  errs.push("creationInfo.created is not YYYY-MM-DDThh:mm:ssZ");
if (!doc.creationInfo.creators.every(c => /^(Tool|Organization|Person): /.test(c)))
  errs.push("creators");
const ids = new Set();
for (const p of doc.packages) {
  const w = p.SPDXID || "(package)";
  for (const k of ["SPDXID", "name", "downloadLocation", "filesAnalyzed"])
    need(p, k, w);
  if (!idre.test(p.SPDXID)) errs.push(`${w}: bad SPDXID`);
  if (ids.has(p.SPDXID)) errs.push(`${w}: duplicate SPDXID`);
  ids.add(p.SPDXID);
  if (p.primaryPackagePurpose && !purposes.has(p.primaryPackagePurpose))
    errs.push(`${w}: purpose ${p.primaryPackagePurpose}`);
  for (const k of ["licenseConcluded", "licenseDeclared"]) {
    const v = p[k];
    if (v === undefined || v === "NOASSERTION" || v === "NONE") continue;
    try {
      const walk = n => { if (n.license) {
        if (n.license.startsWith("LicenseRef-") && !refs.has(n.license))
          errs.push(`${w}: ${n.license} not in hasExtractedLicensingInfos`);
      } else { walk(n.left); walk(n.right); } };
      walk(parse(v));
    } catch (e) { errs.push(`${w}: ${k} '${v}' is not an SPDX expression`); }
  }
  closed(p, "package", w);
  if (typeof p.filesAnalyzed !== "boolean") errs.push(`${w}: filesAnalyzed`);
  for (const c of p.checksums || []) {
    closed(c, "checksum", w);
    if (!algorithms.has(c.algorithm) || !/^[0-9a-f]+$/.test(c.checksumValue))
      errs.push(`${w}: bad checksum`);
  }
  for (const r of p.externalRefs || []) closed(r, "externalRef", w);
  for (const r of p.externalRefs || [])
    if (r.referenceCategory !== "PACKAGE-MANAGER" || r.referenceType !== "purl" ||
        !r.referenceLocator.startsWith("pkg:"))
      errs.push(`${w}: bad externalRef`);
}
let describes = 0;
for (const r of doc.relationships || []) {
  closed(r, "relationship", "relationship");
  if (!reltypes.has(r.relationshipType)) errs.push(`relationship ${r.relationshipType}`);
  if (r.spdxElementId !== "SPDXRef-DOCUMENT" && !ids.has(r.spdxElementId))
    errs.push(`relationship from unknown ${r.spdxElementId}`);
  if (!ids.has(r.relatedSpdxElement)) errs.push(`relationship to unknown ${r.relatedSpdxElement}`);
  if (r.relationshipType === "DESCRIBES") describes++;
}
if (describes !== 1) errs.push("the document must DESCRIBE one package");
if (errs.length) { console.log(errs.slice(0, 40).join("\n")); process.exit(1); }
console.log(`ok: SPDX 2.3 document: ${doc.packages.length} packages, ` +
  `${(doc.relationships || []).length} relationships`);
JS
if ! node "$tmp/spdx-check.js" "$tmp/spdx.json" \
	"$tools/node_modules/spdx-expression-parse"; then
	echo "FAIL: SPDX document"
	fail=1
fi

# The official SPDX 2.3 JSON schema (spdx-spec, schemas/spdx-schema.json,
# "$id" http://spdx.org/rdf/terms/2.3), wherever it can be had: named by
# HULL_SPDX_SCHEMA, or a copy in the shared test data or in an installed
# npm package.  When there is none the structural check above stands
# alone, and this says so.
find_spdx_schema() {
	local f
	if [ -n "${HULL_SPDX_SCHEMA:-}" ]; then
		echo "$HULL_SPDX_SCHEMA"
		return
	fi
	for f in $(find "$HULL_DATA" "$tools/node_modules" -name '*.json' \
		-size -4M 2>/dev/null | xargs -r grep -l \
		'"http://spdx.org/rdf/terms/2.3"' 2>/dev/null); do
		node -e 'const s = require(process.argv[1]);
			process.exit(s.$id === "http://spdx.org/rdf/terms/2.3" &&
				s.title === "SPDX 2.3" ? 0 : 1)' "$f" &&
			{ echo "$f"; return; }
	done
}
spdx_schema=$(find_spdx_schema)
if [ -n "$spdx_schema" ]; then
	if "$tools/node_modules/.bin/ajv" validate --spec=draft7 \
		--strict=false -c ajv-formats -s "$spdx_schema" \
		-d "$tmp/spdx.json" >"$tmp/ajv-spdx.out" 2>&1; then
		echo "ok: SPDX document is valid against $spdx_schema"
	else
		echo "FAIL: SPDX document is not valid against $spdx_schema:"
		head -40 "$tmp/ajv-spdx.out"
		fail=1
	fi
else
	echo "note: the official SPDX 2.3 JSON schema is not available here"
	echo "  (no npm or Debian package ships it); set HULL_SPDX_SCHEMA or"
	echo "  put spdx-spec's schemas/spdx-schema.json (v2.3) in"
	echo "  ../shared/data to validate against it as well."
fi

if [ $fail -ne 0 ]; then
	echo "0 passed, 1 failed"
	exit 1
fi
exit 0
