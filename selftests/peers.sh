#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# Peers: frames from an address that is not a peer are dropped and
# counted, not learned; frames with another VNI (GRE key) never reach a
# segment; deleting a peer forgets the MACs behind it; peer counters; a
# peer with no route to it costs a counted error, nothing more.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 24

vnetfab_load
topo_underlay h1 h2 h3
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_add h3 fab100 100
seg_add h3 fab101 101
seg_add h1 fab101 101
ctl h1 peer add dev fab101 remote 192.0.2.3
# h1 and h2 are peers; h3 knows them but they do not know h3 (and does
# not probe h1: its probes would be unknown-peer drops there too)
seg_mesh fab100 4 h1 h2
ctl h3 peer add dev fab100 remote 192.0.2.1 probe off
ctl h3 peer add dev fab101 remote 192.0.2.1
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 2001:db8:100::1/64
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 2001:db8:100::2/64
vm_add h3 vm3 fab100 02:00:00:00:03:01 198.51.100.3/24 -
vm_add h3 vm4 fab101 02:00:00:00:03:02 198.51.100.4/24 -

check "peers exchange traffic" ping_ok vm1 198.51.100.2

ip netns exec vm1 "$RAWFRAME" recv eth0 02:00:00:00:03:01 60000 1 >/tmp/stranger &
rxpid=$!
wait_listeners vm1
before=$(seg_stat h1 fab100 rx_unknown_peer)
drop0=$(link_stat h1 fab100 rx dropped)
port0=$(link_stat h3 vm3 rx packets)
local0=$(link_stat h3 fab100 rx packets)
ip netns exec vm3 "$RAWFRAME" send eth0 "ffffffffffff02000000030188b5$(printf '%092d' 0)" 10
# all 10 reached h1 and were dropped there: nothing can arrive later
check "frames from a stranger are counted as unknown-peer drops" \
	slowwait 20 sh -c "[ \$(( \$(ip netns exec h1 $VNETFABCTL show fab100 --json | jq '.[0].stats.rx_unknown_peer') - $before )) -eq 10 ]"
kill $rxpid 2>/dev/null
wait $rxpid
check_eq "... and not delivered" 0 "$(wc -l </tmp/stranger)"
check_eq "... and in the netdev's rx_dropped" 10 \
	$(( $(link_stat h1 fab100 rx dropped) - drop0 ))
check_eq "netdev stats: the sender's port received 10" 10 \
	$(( $(link_stat h3 vm3 rx packets) - port0 ))
check_eq "netdev stats: the host endpoint received the 10 broadcasts" 10 \
	$(( $(link_stat h3 fab100 rx packets) - local0 ))
check_eq "... and not learned" "" \
	"$(ctl h1 fdb show dev fab100 | grep 02:00:00:00:03:01)"

# segment 101 of h3 sends to segment 101 of h1: never to segment 100
idf=VNI
[ "$VNETFAB_ENCAP" = gre ] && idf="GRE key"
ip netns exec vm1 "$RAWFRAME" recv eth0 02:00:00:00:03:02 60000 1 >/tmp/othervni &
rxpid=$!
wait_listeners vm1
before=$(link_stat h1 fab101 rx packets)
ip netns exec vm4 "$RAWFRAME" send eth0 "ffffffffffff02000000030288b5$(printf '%092d' 0)" 10
check "$idf 101 frames reach segment 101" \
	slowwait 20 sh -c "[ \$(( \$(ip -n h1 -s -j link show fab101 | jq '.[0].stats64.rx.packets') - $before )) -eq 10 ]"
kill $rxpid 2>/dev/null
wait $rxpid
check_eq "... and never segment 100" 0 "$(wc -l </tmp/othervni)"

# only the pings cross while the counters are read: the VMs know each
# other for good (a stale ARP entry probes 5 s after use, and on a slow
# kernel the probe and its answer came inside the count)
ip -n vm1 neigh replace 198.51.100.2 lladdr 02:00:00:00:02:01 dev eth0 nud permanent
ip -n vm2 neigh replace 198.51.100.1 lladdr 02:00:00:00:01:01 dev eth0 nud permanent
rx0=$(peer_stat h1 fab100 192.0.2.2 rx_packets)
tx0=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
t0=$(date +%s%3N)
ip netns exec vm1 ping -c 5 -i 0.1 -W 1 198.51.100.2 >/dev/null
check_eq "peer tx counter: 5 echo requests" 5 $(( $(peer_stat h1 fab100 192.0.2.2 tx_packets) - tx0 ))
check_eq "peer rx counter: 5 echo replies" 5 $(( $(peer_stat h1 fab100 192.0.2.2 rx_packets) - rx0 ))
# the last frame came after the pings began: its age is at most the time
# since then (a jiffy or two of rounding allowed); a fixed bound would
# not hold on a loaded host
last=$(peer_stat h1 fab100 192.0.2.2 last_rx_ms)
since=$(($(date +%s%3N) - t0))
check "last rx is recent: $last ms <= $since ms since the pings began" \
	test "$last" -le $((since + 20))

# a segment's frames leave from this host: never to itself
check_err "a loopback peer is refused" "loopback or local address" \
	ctl h1 peer add dev fab100 remote 127.0.0.1
check_err "... an IPv6 one too" "loopback or local address" \
	ctl h1 peer add dev fab100 remote ::1
check_err "... and one of the host's own underlay addresses" \
	"loopback or local address" \
	ctl h1 peer set dev fab100 remote 192.0.2.2 remote 192.0.2.1
check_eq "... which changed nothing" "192.0.2.2" \
	"$(ctl h1 peer list dev fab100 --json | jq -r '[.[].remote] | join(" ")')"
check_err "a duplicate peer is refused" "already has this peer" \
	ctl h1 peer add dev fab100 remote 192.0.2.2
check "peer del" ctl h1 peer del dev fab100 remote 192.0.2.2
check_eq "MACs behind a deleted peer are forgotten" "" \
	"$(ctl h1 fdb show dev fab100 | grep 02:00:00:00:02:01)"
check_fail "no traffic to a deleted peer" ip netns exec vm1 ping -c 2 -W 1 198.51.100.2
# and that was the deletion, not a broken fabric: added back, it carries
ctl h1 peer add dev fab100 remote 192.0.2.2
check "a peer added back carries traffic again" ping_ok vm1 198.51.100.2

# a peer the underlay has no route to (h1 has neither an IPv6 nor an
# IPv4 default route; UDP tries IPv6, GRE's underlay is IPv4): its copy
# of a flood is counted as a transmit error, the other peer still gets
# its own, and nothing else happens
nr=2001:db8:ffff::1
[ "$VNETFAB_ENCAP" = gre ] && nr=203.0.113.1
e0=$(seg_stat h1 fab100 tx_errors)
check "a peer with no route to it ($nr) is accepted" \
	ctl h1 peer add dev fab100 remote $nr
ip netns exec vm1 "$RAWFRAME" send eth0 \
	"ffffffffffff02000000010188b5$(printf '%092d' 0)" 5
tx_errors_reached() { [ "$(seg_stat h1 fab100 tx_errors)" -ge "$1" ]; }
check "5 broadcasts: the copy for it counted as a transmit error, each" \
	slowwait 5 tx_errors_reached $((e0 + 5))
check "... while the other peer is reached" ping_ok vm1 198.51.100.2
ktap_finish
