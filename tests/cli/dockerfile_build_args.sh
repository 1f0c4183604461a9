#!/bin/bash
# hull dockerfile --build-arg: a value for a declared ARG wins over its
# default and fills one that has none (so `USER ${U}` is judged by the
# user it names), NAME alone takes the environment, an undeclared name
# changes nothing, and a malformed one is a usage error.
. "$(dirname "$0")/../lib/common.sh" || exit 1
need_cmd python3

ids() {
	"$HULL" dockerfile -f json "$@" | python3 -c 'import json, sys
print(" ".join(sorted({f["id"] for f in json.load(sys.stdin)["findings"]})))'
}
expect() {
	local what=$1 want=$2 got
	shift 2
	got=$(ids "$@")
	[ "$got" = "$want" ] && ok "$what" || bad "$what: want '$want' got '$got'"
}

cd "$tmp" || exit 1
printf 'FROM alpine:3.19@sha256:%064d\nARG U\nUSER ${U}\nHEALTHCHECK CMD ["true"]\n' 0 >nodefault
printf 'ARG U=root\nFROM alpine:3.19@sha256:%064d\nARG U\nUSER $U\nHEALTHCHECK CMD ["true"]\n' 0 >global
printf 'FROM alpine:3.19@sha256:%064d\nARG U=app\nUSER $U\nHEALTHCHECK CMD ["true"]\n' 0 >stagedefault

expect "ARG without a default: USER may be root" DF002 nodefault
expect "--build-arg fills it" "" --build-arg U=app nodefault
expect "--build-arg naming root" DF002 --build-arg U=root nodefault
unset U
expect "--build-arg NAME unset in the environment: no value" DF002 \
	--build-arg U nodefault
U=app expect "--build-arg NAME from the environment" "" --build-arg U nodefault
expect "a global default of root" DF002 global
expect "--build-arg wins over the global default" "" --build-arg U=app global
expect "--build-arg wins over a stage default" DF002 \
	--build-arg U=0 stagedefault
expect "an undeclared name changes nothing" DF002 --build-arg V=app nodefault

"$HULL" dockerfile --build-arg =x nodefault >/dev/null 2>err
rc=$?
[ $rc = 2 ] && grep -q "NAME=VALUE" err && ok "malformed --build-arg: exit 2" ||
	bad "malformed --build-arg: exit $rc: $(cat err)"
finish
