#!/bin/bash
# hull db cvss: score, rating and kind per vector for every version, from
# arguments and from stdin; a malformed or over-long vector is named on
# stderr and exits 3 while the others are still scored; no vector is a
# usage error.  Expected scores: FIRST's published examples (3.1, 4.0)
# and the v2 guide; the CVSS-BTE line from ae-cvss-calculator.
set -u
: "${HULL:?HULL is not set}"
tmp=$(mktemp -d /tmp/hull-db-cvss.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
v4=CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N

"$HULL" db cvss "$v4" "$v4/E:U" "$v4/CR:L/IR:L/AR:L" "$v4/E:P/MAV:P/MPR:H" \
	"$v4/MVC:N/MVI:N/MVA:N" CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H \
	'(AV:N/AC:L/Au:N/C:C/I:C/A:C)' >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '%s\n' \
	"9.3	CRITICAL	CVSS-B	$v4" \
	"8.1	HIGH	CVSS-BT	$v4/E:U" \
	"8.9	HIGH	CVSS-BE	$v4/CR:L/IR:L/AR:L" \
	"5.2	MEDIUM	CVSS-BTE	$v4/E:P/MAV:P/MPR:H" \
	"0.0	NONE	CVSS-BE	$v4/MVC:N/MVI:N/MVA:N" \
	"9.8	CRITICAL	3.1	CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" \
	"10.0	HIGH	2.0	(AV:N/AC:L/Au:N/C:C/I:C/A:C)" >"$tmp/want"
[ "$rc" = 0 ] || { echo "FAIL: exit $rc for valid vectors"; cat "$tmp/err"; fail=1; }
diff -u "$tmp/want" "$tmp/out" || { echo "FAIL: scores differ"; fail=1; }

# Malformed vectors: named on stderr, exit 3, the good one still scored.
printf '%s\n' "$v4" "CVSS:4.0/AV:N/AC:L" "" "$(head -c 600 /dev/zero | tr '\0' A)" \
	"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N" \
	"$v4/E:P" | "$HULL" db cvss - >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] || { echo "FAIL: malformed vectors exited $rc, want 3"; fail=1; }
[ "$(cut -f1 "$tmp/out" | tr '\n' ' ')" = "9.3 8.9 " ] ||
	{ echo "FAIL: good vectors among bad ones:"; cat "$tmp/out"; fail=1; }
grep -q "invalid CVSS vector 'CVSS:4.0/AV:N/AC:L': base metric 'AT' missing" "$tmp/err" ||
	{ echo "FAIL: missing metric not named"; cat "$tmp/err"; fail=1; }
grep -q "unknown value 'S' for metric 'SI'" "$tmp/err" ||
	{ echo "FAIL: bad value not named"; cat "$tmp/err"; fail=1; }
grep -q "longer than 512 characters" "$tmp/err" ||
	{ echo "FAIL: over-long line not reported"; cat "$tmp/err"; fail=1; }

# Every version refuses an unknown or repeated metric alike (exit 3).
b31=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
for v in "$b31/XX:Y" "$b31/E:X/E:H" "$b31/A:L" "${b31/CVSS:3.1/CVSS:3.0}/XX:Y" \
	"AV:N/AC:L/Au:N/C:C/I:C/A:C/XX:Y" "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/E:H" \
	"$v4/XX:Y" "$v4/E:X/E:A"; do
	out=$("$HULL" db cvss "$v" 2>"$tmp/err")
	rc=$?
	if [ "$rc" != 3 ] || [ -n "$out" ] ||
		! grep -qE "unknown metric 'XX'|given twice" "$tmp/err"; then
		echo "FAIL: '$v' gave '$out' rc=$rc: $(cat "$tmp/err")"
		fail=1
	fi
done

"$HULL" db cvss >/dev/null 2>&1
rc=$?
[ "$rc" = 2 ] || { echo "FAIL: no vector exited $rc, want 2"; fail=1; }
# An unknown version names the prefix that is wrong; a long vector is
# quoted to 64 bytes and "...".
long="CVSS:3.9/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/IR:X/AR:X"
err=$("$HULL" db cvss "$long" 2>&1 >/dev/null)
rc=$?
[ "$rc" = 3 ] || [ "$rc" = 2 ] || { echo "FAIL: unknown version exited $rc"; fail=1; }
grep -qF "invalid CVSS vector '${long:0:64}...': unknown CVSS version 'CVSS:3.9'" <<<"$err" ||
	{ echo "FAIL: unknown version message: $err"; fail=1; }
exit $fail
