#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Port security (kmod/portsec.c): a locked port passes only frames from
# the source MACs of its allow list (static entries behind it) and, with
# max-macs, the first ones it learns, which stick; the rest is dropped,
# counted exactly, and announced by one port_violation event a second at
# most. A locked port's MACs are not taken over by another port or a
# peer (the frames pass, the entry stays, the try is counted), so a VM
# cannot draw another's traffic. max-macs alone caps what a port learns.
# Bad values and ports that are not ports are refused, changing nothing.
# Encapsulation-independent (the switch's ingress): one run, UDP.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 24

VM1=02:00:00:00:01:01 VM2=02:00:00:00:01:02 VM3=02:00:00:00:02:01
VM4=02:00:00:00:01:04 SPOOF=02:00:00:00:0e:01
MON=/tmp/port_security

vnetfab_load
topo_segment fab100 100 h1 h2
vm_add h1 vm1 fab100 $VM1 198.51.100.1/24 -
vm_add h1 vm2 fab100 $VM2 198.51.100.2/24 -
vm_add h2 vm3 fab100 $VM3 198.51.100.3/24 -
vm_add h1 vm4 fab100 $VM4 198.51.100.4/24 -

# pstat PORT KEY: a port's setting or counter from port show --json
pstat() { ctl h1 port show "$1" --json | jq -r ".[0] | (.stats.$2 // .$2)"; }
# fdb_port MAC: the port h1's entry of MAC points at, and its flags
fdb_of()
{
	ctl h1 fdb show dev fab100 --json |
		jq -r --arg m "$1" '.[] | select(.mac == $m) |
			"\(.port // .remote) \(if .static then "static" elif .sticky then "sticky" else "learned" end)"'
}
# send VM SRC N: N broadcast frames of ethertype 0x88b5 from SRC out of
# VM's eth0
send() { ip netns exec "$1" "$RAWFRAME" send eth0 "ffffffffffff${2//:/}88b5$(printf '%092d' 0)" "$3"; }

check "before: vm1 pings vm3" ping_ok vm1 198.51.100.3

ip netns exec h1 "$VNETFABCTL" monitor dev fab100 --json >$MON.out 2>$MON.err &
slowwait 10 grep -q "listening for events" $MON.err

# ---- an allow list: vm1 may send as VM1 only --------------------------
ctl h1 fdb add dev fab100 $VM1 port vm1
ctl h1 port set vm1 locked on
check_eq "port show: vm1 locked, no max-macs" "true 0" \
	"$(ctl h1 port show vm1 --json | jq -r '.[0] | "\(.locked) \(.max_macs)"')"
check "locked vm1 still pings vm3 as its allowed MAC" ping_ok vm1 198.51.100.3
s0=$(seg_stat h1 fab100 port_locked)
t0=${EPOCHREALTIME/./}
send vm1 $SPOOF 50
t1=${EPOCHREALTIME/./}
check_eq "50 frames from another MAC: all 50 dropped, counted on the port" \
	50 "$(pstat vm1 port_locked)"
check_eq "... and on the segment" 50 $(( $(seg_stat h1 fab100 port_locked) - s0 ))
check_eq "the MAC was not learned" "" "$(fdb_of $SPOOF)"
viol() { jq -c 'select(.event == "port_violation")' $MON.out | wc -l; }
slowwait 5 sh -c "[ \$(jq -c 'select(.event == \"port_violation\")' $MON.out | wc -l) -ge 1 ]"
n=$(viol) secs=$(( (t1 - t0) / 1000000 + 1 ))
check "announced: $n port_violation event(s) for 50 frames in under $secs s" \
	test "$n" -ge 1 -a "$n" -le "$secs"
check_eq "the event names the MAC and the port" "$SPOOF vm1" \
	"$(jq -r 'select(.event == "port_violation") | "\(.mac) \(.port)"' $MON.out | head -n 1)"
ip -n vm1 link set eth0 address $SPOOF
check_fail "vm1 with another MAC reaches nobody" \
	ip netns exec vm1 ping -c 2 -W 1 198.51.100.3
ip -n vm1 link set eth0 address $VM1

# ---- sticky: vm2 keeps the first MAC it learns ------------------------
ctl h1 port set vm2 locked on max-macs 1
check "vm2 (locked, max-macs 1) pings vm3" ping_ok vm2 198.51.100.3
check_eq "its MAC is learned, sticky" "vm2 sticky" "$(fdb_of $VM2)"
send vm2 02:00:00:00:0e:02 20
check_eq "a second MAC from vm2: its 20 frames dropped" 20 "$(pstat vm2 port_locked)"
check "... over max-macs (learn_limit counted)" positive "$(pstat vm2 learn_limit)"
check_eq "port show: n_macs 1" 1 "$(pstat vm2 n_macs)"

# ---- the locked ports' MACs stay theirs --------------------------------
m0=$(seg_stat h1 fab100 mac_move_denied)
send vm4 $VM2 10
send vm4 $VM1 10
check_eq "vm4 sending as VM2 and VM1: the entries stay (20 counted)" \
	"vm2 sticky|vm1 static|20" \
	"$(fdb_of $VM2)|$(fdb_of $VM1)|$(( $(seg_stat h1 fab100 mac_move_denied) - m0 ))"
# vm1 sends to VM2 without asking (a permanent neighbor entry): it
# reaches vm2 only if h1's entry still points there, not at vm4
ip -n vm1 neigh replace 198.51.100.2 lladdr $VM2 dev eth0 nud permanent
check "vm1 still reaches vm2: its traffic was not drawn to vm4" \
	ping_ok vm1 198.51.100.2
send vm3 $VM2 10
check_eq "vm3, behind peer h2, sending as VM2: the entry stays" \
	"vm2 sticky" "$(fdb_of $VM2)"

# ---- unlocking ----------------------------------------------------------
ctl h1 port set vm2 locked off
check_eq "vm2 unlocked: its MAC is an ordinary learned one again" \
	"vm2 learned" "$(fdb_of $VM2)"

# ---- max-macs on an unlocked port ---------------------------------------
ctl h1 port set vm4 max-macs 3
ctl h1 fdb flush dev fab100
ip netns exec vm4 "$RAWFRAME" srcflood eth0 \
	"ffffffffffff0a000000000088b5$(printf '%092d' 0)" 20
check_eq "20 source MACs from vm4 (max-macs 3): 3 learned behind it" 3 \
	"$(ctl h1 fdb show dev fab100 --json | jq '[.[] | select(.port == "vm4")] | length')"
check_eq "... the other 17 counted, not learned" 17 "$(pstat vm4 learn_limit)"

# ---- bad input: refused, nothing changed --------------------------------
check_err "the segment itself is not a port" "not a port" \
	ctl h1 port set fab100 locked on
check_err "nor is the underlay device" "not a port" \
	ctl h1 port set ul0 max-macs 2
check_err "max-macs beyond 16777216 refused" "max-macs" \
	ctl h1 port set vm1 storm 5 max-macs 16777217
check_eq "... and nothing of that change made" "true 0 0" \
	"$(ctl h1 port show vm1 --json | jq -r '.[0] | "\(.locked) \(.max_macs) \(.storm)"')"

kill %1 2>/dev/null
ktap_finish
