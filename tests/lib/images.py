"""Builders for the container images the shell tests feed to hull.

Imported by the tests' inline python (tests/lib/common.sh puts this
directory on PYTHONPATH):

    import images as I
    base = I.layer([I.file("etc/os-release", b"ID=alpine\\n"),
                    I.dir("tmp", 0o1777), I.symlink("host", "/")])
    I.docker_archive(out + "/app.tar", [base],
                     I.config({"User": "app"}, diff_ids=[I.digest(base)]))
    img = I.OCIImage(I.config(...), [base], compression="gzip")
    I.oci_layout(out + "/oci", [img])
    I.oci_archive(out + "/oci.tar", out + "/oci")

Layouts follow the Docker Image Specification v1.2 (docker save: a tar of
manifest.json, the config and one tar per layer) and the OCI Image
Layout Specification (oci-layout, index.json and blobs/sha256/<hex>).
Tars are PAX, with tarfile's defaults (uid 0, mtime 0) unless an entry
says otherwise.  Nothing here talks to the network.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
LAYER_TAR = "application/vnd.oci.image.layer.v1.tar"
LAYER_MEDIA = {None: LAYER_TAR, "gzip": LAYER_TAR + "+gzip",
               "zstd": LAYER_TAR + "+zstd"}


# --- layer entries: (TarInfo, data or None) pairs ---------------------------

def file(name, data=b"x", mode=0o644, uid=0, gid=0):
    """A regular file."""
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mode = mode
    ti.uid = uid
    ti.gid = gid
    return (ti, data)


def dir(name, mode=0o755):  # noqa: A001 (the tar entry type)
    """A directory."""
    ti = tarfile.TarInfo(name)
    ti.type = tarfile.DIRTYPE
    ti.mode = mode
    return (ti, None)


def symlink(name, target):
    """A symbolic link to target (not checked: tests make bad ones)."""
    ti = tarfile.TarInfo(name)
    ti.type = tarfile.SYMTYPE
    ti.linkname = target
    return (ti, None)


def hardlink(name, target):
    """A hard link to the entry target."""
    ti = tarfile.TarInfo(name)
    ti.type = tarfile.LNKTYPE
    ti.linkname = target
    return (ti, None)


def whiteout(path):
    """An overlay whiteout: path is deleted by this layer (.wh.<name>)."""
    head, base = os.path.split(path)
    return file(os.path.join(head, ".wh." + base), b"")


def opaque(dirpath):
    """An opaque whiteout: the lower layers' dirpath is hidden."""
    return file(dirpath.rstrip("/") + "/.wh..wh..opq", b"")


def _entry(e):
    # (TarInfo, data) as made above, or the short forms (name, bytes) and
    # (name, bytes or None, mode): None is a directory.
    if isinstance(e[0], tarfile.TarInfo):
        return e
    name, data = e[0], e[1]
    mode = e[2] if len(e) > 2 else None
    if data is None:
        return dir(name, 0o755 if mode is None else mode)
    return file(name, data, 0o644 if mode is None else mode)


def layer(entries, fmt=tarfile.PAX_FORMAT):
    """The bytes of an uncompressed layer tar holding entries, in order."""
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=fmt) as t:
        for e in entries:
            ti, data = _entry(e)
            t.addfile(ti, io.BytesIO(data) if data is not None else None)
    return b.getvalue()


# --- compression -------------------------------------------------------------

def have_zstd():
    """Whether the zstd program is there to compress with."""
    return shutil.which("zstd") is not None


def compress(data, kind):
    """data compressed with kind: None (as is), "gzip" or "zstd" (needs the
    zstd program; see have_zstd)."""
    if kind is None:
        return data
    if kind == "gzip":
        return gzip.compress(data)
    if kind == "zstd":
        return subprocess.run(["zstd", "-c", "-q"], input=data,
                              capture_output=True, check=True).stdout
    raise ValueError("unknown compression %r" % (kind,))


def digest(data):
    """The OCI digest of data: "sha256:<hex>"."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


# --- image configs -----------------------------------------------------------

def history(steps):
    """History entries from steps: a created_by string, or a pair
    (created_by, empty_layer)."""
    out = []
    for s in steps:
        c, empty = (s, False) if isinstance(s, str) else s
        out.append(dict({"created_by": c},
                        **({"empty_layer": True} if empty else {})))
    return out


def config(cfg=None, diff_ids=(), history=None, created=None,
           architecture="amd64", os="linux"):  # noqa: A002
    """An image config (the JSON object, not its bytes): cfg is its
    "config" (User, Env, ...), diff_ids the uncompressed layers' digests,
    history a list of entries (see history()), created a timestamp."""
    c = {"architecture": architecture, "os": os}
    if created is not None:
        c["created"] = created
    c["config"] = cfg if cfg is not None else {}
    c["rootfs"] = {"type": "layers", "diff_ids": list(diff_ids)}
    if history is not None:
        c["history"] = history
    return c


def _bytes(doc):
    return doc if isinstance(doc, bytes) else json.dumps(doc).encode()


def add_member(t, name, data):
    """Add a regular member name holding data to the open tarfile t."""
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    t.addfile(ti, io.BytesIO(data))


# --- docker save archives ----------------------------------------------------

def docker_archive(path, layers, cfg, repo_tags=("t:1",), names=None,
                   config_name="config.json"):
    """Write a docker save archive to path: one member per layer blob (as
    given, maybe compressed; a None blob is named in the manifest but left
    out of the archive), the config (an object or bytes) and manifest.json
    with repo_tags.  names default to docker's l<i>/layer.tar."""
    names = list(names or ["l%d/layer.tar" % i for i in range(len(layers))])
    man = [{"Config": config_name, "RepoTags": list(repo_tags),
            "Layers": names}]
    with tarfile.open(path, "w") as t:
        for n, blob in zip(names, layers):
            if blob is not None:
                add_member(t, n, blob)
        add_member(t, config_name, _bytes(cfg))
        add_member(t, "manifest.json", json.dumps(man).encode())


# --- OCI ---------------------------------------------------------------------

class OCIImage:
    """An OCI image: the config, layer and manifest blobs.

    layers are the blobs as stored (already compressed if they are);
    with compression ("gzip", "zstd") they are uncompressed tars that are
    compressed here.  media_types default to what compression says; sizes
    override the descriptors' sizes (None keeps the real one), for
    descriptors that lie.  cfg is an object or bytes."""

    def __init__(self, cfg, layers, compression=None, media_types=None,
                 sizes=None):
        self.config = _bytes(cfg)
        self.layers = [compress(b, compression) for b in layers]
        media_types = media_types or [LAYER_MEDIA[compression]] * len(layers)
        sizes = sizes or [None] * len(layers)
        self.manifest = json.dumps({
            "schemaVersion": 2,
            "mediaType": OCI_MANIFEST,
            "config": {"mediaType": OCI_CONFIG,
                       "digest": digest(self.config),
                       "size": len(self.config)},
            "layers": [{"mediaType": mt, "digest": digest(b),
                        "size": len(b) if s is None else s}
                       for b, mt, s in zip(self.layers, media_types,
                                           sizes)]}).encode()

    def blobs(self):
        return self.layers + [self.config, self.manifest]

    def descriptor(self, annotations=None):
        """The manifest's descriptor, as an index lists it."""
        d = {"mediaType": OCI_MANIFEST, "digest": digest(self.manifest),
             "size": len(self.manifest)}
        if annotations is not None:
            d["annotations"] = annotations
        return d


def write_blob(layout, data):
    """Store data in layout's blobs/sha256; returns its digest."""
    h = hashlib.sha256(data).hexdigest()
    os.makedirs(layout + "/blobs/sha256", exist_ok=True)
    with open(layout + "/blobs/sha256/" + h, "wb") as f:
        f.write(data)
    return "sha256:" + h


def oci_layout(path, images, annotations=None):
    """Write an OCI image layout at path (created) holding images (a list
    of OCIImage), each listed in index.json, with annotations[i] on the
    i-th descriptor when given."""
    os.makedirs(path, exist_ok=True)
    with open(path + "/oci-layout", "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    annotations = annotations or [None] * len(images)
    for img in images:
        for b in img.blobs():
            write_blob(path, b)
    with open(path + "/index.json", "w") as f:
        f.write(json.dumps({"schemaVersion": 2, "manifests": [
            img.descriptor(a) for img, a in zip(images, annotations)]}))


def oci_archive(path, layout):
    """Write the OCI layout directory layout as a tar (an oci-archive)."""
    with tarfile.open(path, "w") as t:
        for root, _, files in os.walk(layout):
            for f in files:
                p = os.path.join(root, f)
                t.add(p, os.path.relpath(p, layout))
