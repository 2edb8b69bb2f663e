#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Interoperation with a stock Linux gretap device (key N, no checksum, no
# sequence numbers) as peer of a GRE segment N: traffic both ways, ARP
# and ND included; a gretap with another key gets nothing through either
# way; the IPv6 underlay (ip6gretap's format) is refused with a message.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping tcpdump
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
VNETFAB_ENCAP=gre
require_encap
ktap_header
ktap_plan 17

VM1_MAC=02:00:00:00:01:01
GT_MAC=02:00:00:00:02:02
GT101_MAC=02:00:00:00:03:03

# neigh_ok NS DEV ADDR MAC: a resolved entry for ADDR on DEV pointing at MAC
neigh_ok()
{
	local out
	out=$(ip -n "$1" neigh show "$3" dev "$2")
	echo "$out"
	echo "$out" | grep -qiE "lladdr $4 .*(REACHABLE|STALE|DELAY|PROBE)"
}

# peer_ctr NS DEV ADDR KEY: counter KEY of peer ADDR of DEV
peer_ctr()
{
	ctl "$1" peer list dev "$2" --json |
		jq -r ".[] | select(.remote == \"$3\") | .stats.$4"
}

# positive VALUE: VALUE is an integer > 0
positive()
{
	[ "$1" -gt 0 ] 2>/dev/null || { echo "value: '$1'"; return 1; }
}

# gretap NS DEV KEY REMOTE LOCAL MAC ADDR4 [ADDR6]: a plain gretap device
gretap()
{
	ip -n "$1" link add "$2" address "$6" type gretap key "$3" \
		remote "$4" local "$5" || return 1
	ip -n "$1" addr add "$7" dev "$2"
	[ -n "${8:-}" ] && ip -n "$1" addr add "$8" dev "$2" nodad
	ip -n "$1" link set "$2" up
}

vnetfab_load
topo_underlay h1 h2 h3

# h1: GRE segment 100 with h2 and h3 as peers and a VM on it
seg_add h1 fab100 100
ctl h1 peer add dev fab100 remote 192.0.2.2
ctl h1 peer add dev fab100 remote 192.0.2.3
vm_add h1 vm1 fab100 $VM1_MAC 198.51.100.1/24 2001:db8:100::1/64
# h2: a plain gretap device, key 100, h1 as its remote
gretap h2 gt100 100 192.0.2.1 192.0.2.2 $GT_MAC 198.51.100.2/24 2001:db8:100::2/64
# h3: the same but key 101
gretap h3 gt101 101 192.0.2.1 192.0.2.3 $GT101_MAC 198.51.100.3/24

# VM -> gretap: the VM's ARP request crosses, the reply comes back
check "VM pings gretap host (IPv4)" ping_ok vm1 198.51.100.2
check "VM ARP entry for the gretap host has gt100's MAC" \
	neigh_ok vm1 eth0 198.51.100.2 $GT_MAC
# gretap -> VM, from empty neighbour tables: the gretap host's ARP
# request is flooded to the VM, its reply goes back as unicast
ip -n h2 neigh flush dev gt100
ip -n vm1 neigh flush dev eth0
check "gretap host pings VM (IPv4)" ping_ok h2 198.51.100.1
check "gretap host's ARP entry for the VM has the VM's MAC" \
	neigh_ok h2 gt100 198.51.100.1 $VM1_MAC
check "VM pings gretap host (IPv6)" ping_ok vm1 2001:db8:100::2
check "VM ND entry for the gretap host has gt100's MAC" \
	neigh_ok vm1 eth0 2001:db8:100::2 $GT_MAC
check "gretap host pings VM (IPv6)" ping_ok h2 2001:db8:100::1
check "peer 192.0.2.2: rx_packets > 0" \
	positive "$(peer_ctr h1 fab100 192.0.2.2 rx_packets)"
check "peer 192.0.2.2: tx_packets > 0" \
	positive "$(peer_ctr h1 fab100 192.0.2.2 tx_packets)"
check "h1 learned gt100's MAC behind peer 192.0.2.2" \
	sh -c "ip netns exec h1 $VNETFABCTL fdb show dev fab100 --json |
		jq -e '.[] | select(.mac == \"$GT_MAC\" and .remote == \"192.0.2.2\")'"

# key 101 -> segment 100: the packets reach h1 but no frame the VM
ip netns exec vm1 "$RAWFRAME" recv eth0 $GT101_MAC 30000 1 >/tmp/k101.vm &
rxpid=$!
ip netns exec h1 timeout 30 tcpdump -i ul0 -nn -c 1 \
	'ip proto 47 and src 192.0.2.3' >/tmp/k101.ul 2>&1 &
cap=$!
wait_listeners vm1 h1
check_fail "gretap key 101 host cannot reach the VM of segment 100" \
	ip netns exec h3 ping -c 3 -W 1 198.51.100.1
wait $cap
rc=$?
check "... though its GRE packets reached h1" sh -c "cat /tmp/k101.ul; exit $rc"
kill $rxpid 2>/dev/null
wait $rxpid
check_eq "... and the VM saw no frame from gt101" 0 "$(wc -l </tmp/k101.vm)"
# segment 100 -> key 101: h3 is a peer, floods reach it, gt101 takes none
check_fail "VM cannot reach the key 101 gretap host" \
	ip netns exec vm1 ping -c 2 -W 1 198.51.100.3
check_eq "gt101 received nothing" 0 "$(link_stat h3 gt101 rx packets)"

# IPv6 underlay: where the kernel has ip6gretap, its format is not one
# vnetfab can receive (README): an IPv6 peer or local address is refused
if ip -n h2 link add g6 type ip6gretap key 100 remote 2001:db8::1 \
	local 2001:db8::2 2>/dev/null; then
	check_err "an IPv6 peer (an ip6gretap host) is refused" "IPv4 underlay only" \
		ctl h1 peer add dev fab100 remote 2001:db8::2
	check_err "a GRE segment with an IPv6 local address is refused" \
		"IPv4 underlay only" \
		ctl h1 segment add fab6 id 106 encap gre local 2001:db8::1
else
	ktap_result SKIP "an IPv6 peer (an ip6gretap host) is refused" "no ip6gretap"
	ktap_result SKIP "a GRE segment with an IPv6 local address is refused" "no ip6gretap"
fi
ktap_finish
