#!/bin/bash
# hull version compare: "<", "=" or ">" and exit 0; exit 2 with a message
# for an unknown scheme or an invalid version; the upstream vectors of
# data/versions through the command line, both directions.
set -u
: "${HULL:?HULL is not set}"
fail=0

expect() { # expect WANT_OUT WANT_RC ARGS...
	local want=$1 rc=$2 out got
	shift 2
	out=$("$HULL" version compare "$@" 2>/tmp/hull-vc-err.$$)
	got=$?
	if [ "$out" != "$want" ] || [ "$got" != "$rc" ]; then
		echo "FAIL: version compare $*: got '$out' rc=$got, want '$want' rc=$rc"
		fail=1
	fi
}

expect "<" 0 dpkg 1.0~rc1 1.0
expect ">" 0 dpkg 1:0.1 2.0
expect "=" 0 rpm 0:1.0-1 1.0-1
expect "<" 0 rpm 1.0~rc1 1.0
expect ">" 0 rpm 1.0^git1 1.0
expect "<" 0 semver 1.2.3-alpha 1.2.3
expect "=" 0 semver v1.2.3+build 1.2.3
expect "<" 0 pep440 1.0rc1 1.0
expect ">" 0 pypi 1.0.post1 1.0
expect "<" 0 go v0.0.0-20220906165146-f3363e06e74c v0.1.0
expect "<" 0 go go1.21rc2 go1.21.0
expect "<" 0 maven 1.0-SNAPSHOT 1.0
expect "=" 0 maven 1.0.0 1-ga
expect "<" 0 gem 1.0.pre 1.0
expect "<" 0 apk 1.2.3_rc1-r0 1.2.3-r0
# a pre-release before its release also when the last number is 0
expect "<" 0 apk 1.0_rc1 1.0
expect "<" 0 apk 3.0_alpha 3.0
expect "<" 0 apk 1.2.0_beta 1.2.0
expect "<" 0 apk 1.0_pre 1.0
expect ">" 0 apk 1.0_p1 1.0
# versions that start with '-' need "--"
expect "" 2 dpkg -- -0.6.5 0.9.1
expect "" 2 dpkg 0foo- 0foo
expect "" 2 nonesuch 1 2
expect "" 2 semver 1.2.3
expect "" 2 go v1.2.3.4 v1.0.0
grep -q "not a valid dpkg version" < <("$HULL" version compare dpkg 0foo- 0foo 2>&1) ||
	{ echo "FAIL: no message for an invalid dpkg version"; fail=1; }
grep -q "unknown version scheme 'nonesuch'" < <("$HULL" version compare nonesuch 1 2 2>&1) ||
	{ echo "FAIL: no message for an unknown scheme"; fail=1; }
# apk-tools' own "invalid, do string sort" case: ordered, with a warning
expect "<" 0 apk 1.0 1.0bc
grep -q "not a valid apk version" < <("$HULL" version compare apk 1.0 1.0bc 2>&1) ||
	{ echo "FAIL: no warning for an invalid apk version"; fail=1; }
# a very long version: a short message (the argument cut to 64 bytes and
# "..."), exit 2; 256 bytes, the limit, still compare
long=$(printf '1%.0s' $(seq 1 102400))
expect "" 2 apk "$long" 1.0
err=$("$HULL" version compare apk "$long" 1.0 2>&1 >/dev/null)
if [ "${#err}" -gt 200 ] || ! grep -q "is too long (102400 bytes" <<<"$err"; then
	echo "FAIL: message for a 100 KB version is ${#err} bytes: ${err:0:200}"
	fail=1
fi
err=$("$HULL" version compare apk "1.0b${long:0:5000}" 1.0 2>&1 >/dev/null)
[ "${#err}" -le 200 ] ||
	{ echo "FAIL: warning for a 5 KB version is ${#err} bytes"; fail=1; }
err=$("$HULL" version compare dpkg "1.0 ${long:0:200}" 1.0 2>&1 >/dev/null)
[ "${#err}" -le 200 ] ||
	{ echo "FAIL: error for a long invalid dpkg version is ${#err} bytes"; fail=1; }
expect ">" 0 apk "${long:0:256}" 1.0
expect "<" 0 dpkg 1.0 "1.${long:0:254}"
[ "$("$HULL" version)" = "hull $("$HULL" --version | cut -d' ' -f2)" ] ||
	{ echo "FAIL: hull version"; fail=1; }

vectors=${HULL_DATA:-}/versions
if [ -d "$vectors" ]; then
	# apk.tsv (707 lines) runs in test_version; here the smaller files.
	for f in dpkg:dpkg rpm:rpm semver:semver semver-loose:semver; do
		file=${f%%:*} scheme=${f##*:} n=0 bad=0
		while IFS=$'\t' read -r a op b; do
			case $op in '<') inv='>' ;; '>') inv='<' ;; *) inv='=' ;; esac
			r=$("$HULL" version compare "$scheme" -- "$a" "$b" 2>/dev/null)
			rr=$("$HULL" version compare "$scheme" -- "$b" "$a" 2>/dev/null)
			if [ "$r" != "$op" ] || [ "$rr" != "$inv" ]; then
				echo "FAIL: $file: $a $op $b: got $r / $rr"
				bad=$((bad + 1))
			fi
			n=$((n + 1))
		done <"$vectors/$file.tsv"
		echo "$file: $n lines, $bad failures"
		[ "$bad" = 0 ] || fail=1
	done
else
	echo "note: ../shared/data is absent; upstream vectors not run"
fi
rm -f /tmp/hull-vc-err.$$
exit $fail
