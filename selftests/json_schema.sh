#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# One JSON vocabulary (issue 21): the JSON of every read command of
# vnetfabctl validates against the documented schema
# (Documentation/vnetfabctl.schema.json, vnetfabctl(8) section JSON).
# h1 and h2 carry fab100 (UDP, probes every 100 ms) and fab200 (GRE);
# h1's fab100 has a peer of several paths that never answers and an IPv6
# one, static MACs behind a port, a peer and the host endpoint, MACs
# learned behind a port and a peer, port settings, a locked port that
# reports a violation, and a share of ul0's scheduler. Then show, peer
# list, fdb show, stats, port show, share show (with -j and --json,
# whole and for one device, and empty), monitor's events and graph
# --json are each validated; and the schema refuses an undocumented key
# and a key under the name it had before, so that the test can fail.
# Encapsulation-independent (the printers): one run, with a GRE segment.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
PY=/usr/bin/python3
"$PY" -c 'import jsonschema' 2>/dev/null ||
	ktap_skip_all "no python3-jsonschema (make deps)"
VALIDATE=$TOP/scripts/json-validate.py
ktap_header
ktap_plan 26

T=$(mktemp -d /tmp/json_schema.XXXXXX)
MON=
cleanup()
{
	[ -n "$MON" ] && kill "$MON" 2>/dev/null && wait "$MON" 2>/dev/null
	rm -rf "$T"
	ns_cleanup
}
trap cleanup EXIT

VM1=02:00:00:00:01:01 VM2=02:00:00:00:02:01 SPOOF=02:00:00:00:0e:01

vnetfab_load
topo_underlay h1 h2
for h in h1 h2; do
	seg_add $h fab100 100 probe 100
	seg_add $h fab200 200 encap gre
done
vm_add h1 vm1 fab100 $VM1 198.51.100.1/24 -
vm_add h2 vm2 fab100 $VM2 198.51.100.2/24 -
vm_add h1 vm3 fab100 02:00:00:00:01:03 198.51.100.3/24 -

# monitor --json on h1 from before the peers (their peer_up comes within
# 100 ms), till the end
ip netns exec h1 "$VNETFABCTL" monitor --json >"$T/monitor.json" 2>"$T/monitor.err" &
MON=$!
slowwait 10 grep -q "listening for events" "$T/monitor.err"
seg_mesh fab100 4 h1 h2
seg_mesh fab200 4 h1 h2

# a peer of three paths (a host that is not there), a stock IPv6 VTEP,
# static MACs behind a peer, a port and the host endpoint
ctl h1 peer add dev fab100 remote 192.0.2.9 local 192.0.2.1 \
	path 192.0.2.10 path 192.0.2.11 local 192.0.2.1
ctl h1 peer add dev fab100 remote 2001:db8::99 probe off dstport 4790
ctl h1 fdb add dev fab100 02:00:00:00:0a:01 remote 192.0.2.2
ctl h1 fdb add dev fab100 02:00:00:00:0a:02 port vm1
ctl h1 fdb add dev fab100 02:00:00:00:0a:03 local
# port settings; vm3 locked, with nothing allowed: a violation
ctl h1 port set vm1 max-macs 4 storm 1000 storm-burst 100
ctl h1 port set vm3 locked on
ip netns exec vm3 "$RAWFRAME" send eth0 "ffffffffffff${SPOOF//:/}88b5$(printf '%092d' 0)" 1
# a share of ul0
ctl h1 segment set fab100 share 10
ctl h1 share set dev ul0 rate 100mbit
# learned MACs: vm1's behind a port, vm2's behind peer h2
check "vm1 pings vm2 across" ping_ok vm1 198.51.100.2

# ev FILTER: an event matching the jq FILTER has been printed
ev() { [ "$(jq -c "select($1)" "$T/monitor.json" | wc -l)" -ge 1 ]; }
events_seen()
{
	slowwait 10 ev '.event == "peer_up"' &&
		slowwait 10 ev '.event == "fdb_learned" and .remote == "192.0.2.2"' &&
		slowwait 10 ev '.event == "port_violation"'
}
check "events: peer h2 up, a MAC learned behind it, the violation" events_seen

# run NAME ARGS...: h1's vnetfabctl ARGS into $T/NAME.json; NAME up to
# its first "." is the command's definition in the schema
NAMES=() PAIRS=()
declare -A CMD
run()
{
	local name=$1
	shift
	ctl h1 "$@" >"$T/$name.json" 2>"$T/$name.err" ||
		echo "vnetfabctl $*: exit $?: $(cat "$T/$name.err")" >>"$T/errors"
	NAMES+=("$name")
	CMD[$name]="vnetfabctl $*"
	PAIRS+=("${name%%.*}" "$T/$name.json")
}
: >"$T/errors"
run show show --json
run show.dev show dev fab100 --json
run show.j -j show fab200
run show.p -j -p show
run peer_list peer list dev fab100 --json
run peer_list.gre -j peer list dev fab200
run fdb_show fdb show dev fab100 --json
run stats stats dev fab100 --json
run stats.gre stats dev fab200 --json
run port_show port show --json
run port_show.port -j port show vm1
run share_show share show --json
run share_show.dev share show dev ul0 --json
run graph graph --json
kill "$MON" && wait "$MON" 2>/dev/null
MON=
NAMES+=(monitor)
CMD[monitor]="vnetfabctl monitor --json"
PAIRS+=(monitor "$T/monitor.json")
check_eq "every read command ran" "" "$(cat "$T/errors")"

# one validator run for all: a line "DEFINITION FILE: valid (N
# documents)" or "...: invalid: WHERE: WHAT" per file
"$PY" "$VALIDATE" "${PAIRS[@]}" >"$T/result" 2>&1
# valid NAME: NAME's output validates (else the validator's lines for it)
valid()
{
	grep -qF " $T/$1.json: valid" "$T/result" && return 0
	grep -F " $T/$1.json: " "$T/result" || cat "$T/result"
	return 1
}
for n in "${NAMES[@]}"; do
	check "${CMD[$n]} validates" valid "$n"
done

# the outputs hold what the segment has (else validating them says little)
check_eq "fdb show: entries behind a port, a peer and local; static, learned" \
	"local port remote|false true" \
	"$(jq -r '[.[] | if .local then "local" elif .port then "port" else "remote" end] | unique | join(" ")' "$T/fdb_show.json")|$(jq -r '[.[].static] | unique | join(" ")' "$T/fdb_show.json")"
check_eq "peer list: a peer of 3 paths, an IPv6 one, h2 up" "3 2001:db8::99 up" \
	"$(jq -r '"\(map(select(.remote == "192.0.2.9"))[0].paths | length) \(map(select(.remote | contains(":")))[0].remote) \(map(select(.remote == "192.0.2.2"))[0].state)"' "$T/peer_list.json")"
check_eq "share show: ul0 with fab100's class and other's" "ul0 fab100 other" \
	"$(jq -r '.[0] | "\(.ifname) \([.classes[].ifname] | sort | join(" "))"' "$T/share_show.json")"
check_eq "monitor: peer, MAC and port events" "fdb_learned peer_added peer_up port_violation" \
	"$(jq -r .event "$T/monitor.json" | sort -u | grep -x 'fdb_learned\|peer_added\|peer_up\|port_violation' | paste -sd' ')"

# -p: the same document as without (its counters aside), one value a line
check_eq "-j -p show: show's document, indented" "same 2" \
	"$(cmp -s <(jq -S 'map(del(.stats))' "$T/show.json") <(jq -S 'map(del(.stats))' "$T/show.p.json") && echo same) $(grep -c '^    {$' "$T/show.p.json")"

# the schema refuses what it does not document
jq -c '.[0] += {"undocumented": 1}' "$T/show.json" >"$T/bad.show.json"
check "show with an undocumented key is refused" \
	"$PY" "$VALIDATE" --invalid show "$T/bad.show.json"
jq -c '.[0].stats += {"undocumented": 1}' "$T/peer_list.json" >"$T/bad.peer.json"
check "peer list with an undocumented counter is refused" \
	"$PY" "$VALIDATE" --invalid peer_list "$T/bad.peer.json"
jq -c 'with_entries(if .key == "ifname" then .key = "dev" else . end)' \
	"$T/monitor.json" >"$T/bad.monitor.json"
check "monitor events with \"dev\" (now \"ifname\") are refused" \
	"$PY" "$VALIDATE" --invalid monitor "$T/bad.monitor.json"

ktap_finish
