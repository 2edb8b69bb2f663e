#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# Transmit recursion, a bug class of tunnel drivers: a segment whose
# underlay route leads back into itself, directly or through stacked
# devices. A peer reachable only through its own segment; two segments
# each the other's underlay; a segment that is a port of the bridge that
# is its own underlay. Each loop ends (the route check, or the nesting
# limit in xmit.c), leaves no splat and no soft lockup, and the rest of
# the fabric works; the first two are counted as tx errors (in the third
# some copies end uncounted on their way through the bridge). The loop
# segments do not probe their peers (a probe enters the loop every
# interval, and the counters would never stand still) until the end,
# where a probe that enters a loop must be dropped and counted too.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 9

vnetfab_load
topo_underlay h1 h2
# the witness: segment 300 between VMs on h1 and h2
seg_add h1 fab300 300
seg_add h2 fab300 300
seg_mesh fab300 4 h1 h2
vm_add h1 vm1 fab300 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab300 02:00:00:00:02:01 198.51.100.2/24 -
check "the witness segment carries traffic" ping_ok vm1 198.51.100.2

# dropped NS DEV...: the sum of tx_dropped and the tx errors of DEVs
dropped()
{
	local ns=$1 d s=0
	shift
	for d in "$@"; do
		s=$((s + $(link_stat "$ns" "$d" tx dropped) + $(link_stat "$ns" "$d" tx errors)))
	done
	echo $s
}
# grown BASE MIN NS DEV...: dropped NS DEV... is at least BASE + MIN
grown() { [ $(( $(dropped "${@:3}") - $1 )) -ge "$2" ]; }
bcast() { ip netns exec h1 "$RAWFRAME" send "$1" "ffffffffffff02000000aa0188b5$(printf '%092d' 0)" 10; }

# 1: the peer's address lies behind the segment itself
seg_add h1 fab101 101 probe off
ip -n h1 addr add 10.101.0.1/24 dev fab101
ctl h1 peer add dev fab101 remote 10.101.0.2
ip -n h1 neigh replace 10.101.0.2 lladdr 02:00:00:00:aa:02 dev fab101 nud permanent
errors_grown() { [ $(( $(seg_stat h1 fab101 tx_errors) - $1 )) -ge 10 ]; }
e0=$(seg_stat h1 fab101 tx_errors)
bcast fab101
check "peer behind its own segment: the 10 floods counted as tx errors" \
	slowwait 10 errors_grown "$e0"

# 2: fab102's peer lies behind fab103 and fab103's behind fab102
seg_add h1 fab102 102 probe off
seg_add h1 fab103 103 probe off
ip -n h1 addr add 10.102.0.1/24 dev fab102
ip -n h1 addr add 10.103.0.1/24 dev fab103
ctl h1 peer add dev fab102 remote 10.103.0.2
ctl h1 peer add dev fab103 remote 10.102.0.2
ip -n h1 neigh replace 10.102.0.2 lladdr 02:00:00:00:aa:02 dev fab102 nud permanent
ip -n h1 neigh replace 10.103.0.2 lladdr 02:00:00:00:aa:03 dev fab103 nud permanent
d0=$(dropped h1 fab102 fab103)
bcast fab102
check "two segments each other's underlay: the loop ends, dropped and counted" \
	slowwait 10 grown "$d0" 10 h1 fab102 fab103
echo "# fab102 + fab103 dropped $(( $(dropped h1 fab102 fab103) - d0 ))"

# 3: fab104 is a port of br4, and br4 is fab104's underlay
seg_add h1 fab104 104 probe off
ip -n h1 link add br4 type bridge
# no IPv6 of its own: its router solicitations and MLD reports would
# enter the loop every few seconds, and the counters never stand still
ip netns exec h1 sysctl -qw net.ipv6.conf.br4.disable_ipv6=1
ip -n h1 link set fab104 master br4
ip -n h1 link set br4 up
ip -n h1 addr add 10.104.0.1/24 dev br4
ctl h1 peer add dev fab104 remote 10.104.0.2
ip -n h1 neigh replace 10.104.0.2 lladdr 02:00:00:00:aa:04 dev br4 nud permanent
t0=$(link_stat h1 fab104 tx packets)
bcast fab104
# (some of these copies end uncounted on the way through the bridge:
# this check asks that the loop ends, and that the segment sent more
# than the 10 frames, i.e. that the loop was entered)
check "a segment that is a port of its own underlay bridge: the loop was entered" \
	slowwait 10 sh -c "[ \$(( \$(ip -n h1 -s -j link show fab104 | jq '.[0].stats64.tx.packets') - $t0 )) -gt 10 ]"
# the loops keep nothing spinning: the counters stand still
still()
{
	local a b
	a=$(dropped h1 fab101 fab102 fab103 fab104 br4)$(link_stat h1 fab104 tx packets)
	sleep 1
	b=$(dropped h1 fab101 fab102 fab103 fab104 br4)$(link_stat h1 fab104 tx packets)
	[ "$a" = "$b" ]
}
check "no frame still circles (counters stand still for a second)" \
	slowwait 10 still
echo "# fab104 sent $(( $(link_stat h1 fab104 tx packets) - t0 )), dropped and errors $(dropped h1 fab104 br4)"
# probes enter the loops too: each ends, dropped and counted
d0=$(dropped h1 fab102 fab103)
ctl h1 segment set fab102 probe 100
check "probes into a loop end, dropped and counted" \
	slowwait 10 grown "$d0" 5 h1 fab102 fab103
ctl h1 segment set fab102 probe off
# and traffic of the host itself into the loop, not just raw frames
check_fail "a ping into the looped bridge gets nowhere" \
	ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.104.0.9
check "the witness segment still carries traffic" ping_ok vm1 198.51.100.2
ns_cleanup
check "the module unloads" vnetfab_unload
ktap_finish
