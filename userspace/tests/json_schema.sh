#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The JSON of vnetfabctl's printers, for made-up state with every key
# (tests/json_samples.c), validates against the documented schema
# (Documentation/vnetfabctl.schema.json), and the schema refuses what
# is not documented: an extra key, a key under its old name.
# Usage: tests/json_schema.sh ./json_samples   ($PYTHON, $VALGRIND optional)

BIN=${1:-./json_samples}
PY=${PYTHON:-/usr/bin/python3}
VG=${VALGRIND:-valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect -q}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
VALIDATE="$TOP/scripts/json-validate.py"
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
CMDS="show peer_list fdb_show stats port_show monitor graph"
pass=0 fail=0 n=0

result() {	# RC DESC
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2"
		sed 's/^/#   /' "$D/log"
	fi
}

# validate [--invalid] COMMAND FILE: json-validate.py, its lines in $D/log
validate() {
	"$PY" "$VALIDATE" "$@" >"$D/log" 2>&1
}

mkdir "$D/plain" "$D/vg"
"$BIN" "$D/plain" >"$D/log" 2>&1
result $? "json_samples writes the samples"
$VG --error-exitcode=99 "$BIN" "$D/vg" >"$D/log" 2>&1
result $? "json_samples under valgrind"
for c in $CMDS; do
	validate "$c" "$D/plain/$c.json"
	result $? "$c validates"
done
for f in "$TOP"/userspace/tests/graph/h?.json "$TOP"/Documentation/graph-example/h?.json; do
	validate graph "$f"
	result $? "graph view ${f#"$TOP"/} validates"
done

# what the schema refuses: an extra key in the first object of each
for c in $CMDS; do
	sed 's/{/{"undocumented":1,/' "$D/plain/$c.json" >"$D/extra.json"
	validate --invalid "$c" "$D/extra.json"
	result $? "$c with an undocumented key is refused"
done
# the keys renamed for one vocabulary (issue 21), under their old names
sed 's/"ifname"/"dev"/' "$D/plain/monitor.json" >"$D/old.json"
validate --invalid monitor "$D/old.json"
result $? "monitor: \"dev\" (now \"ifname\") is refused"
sed 's/"tx_packets"/"to_packets"/g' "$D/plain/stats.json" >"$D/old.json"
validate --invalid stats "$D/old.json"
result $? "stats: \"to_packets\" (now \"tx_packets\") is refused"
sed 's/"master"/"segment"/' "$D/plain/port_show.json" >"$D/old.json"
validate --invalid port_show "$D/old.json"
result $? "port show: \"segment\" (now \"master\") is refused"
sed 's/"index":0,"remote"/"index":0,"addr"/' "$D/plain/peer_list.json" >"$D/old.json"
validate --invalid peer_list "$D/old.json"
result $? "peer list: a path's \"addr\" (now \"remote\") is refused"
# and the validator refuses a wrong type and a document that is no JSON
sed 's/"id":100/"id":"100"/' "$D/plain/stats.json" >"$D/old.json"
validate --invalid stats "$D/old.json"
result $? "stats: a number as a string is refused"
echo '[{"ifname":' >"$D/old.json"
validate --invalid show "$D/old.json"
result $? "show: a truncated document is refused"

echo "1..$n"
echo "json schema: $pass passed, $fail failed"
[ $fail -eq 0 ]
