#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# Interoperation with a stock Linux tunnel device as peer: a vxlan device
# (VNI N, port 4789) of a UDP segment N over an IPv4 and an IPv6
# underlay, a gretap device (key N, no checksum, no sequence numbers) of
# a GRE segment N over IPv4. Traffic both ways, ARP and ND included, the
# stock host's MAC learned behind its peer; a stock device of another
# VNI or key gets nothing through either way; for GRE the IPv6 underlay
# (ip6gretap's format) is refused with a message.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping tcpdump
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
families=$(encap_families)
ktap_header
# 15 checks per underlay family, for GRE the two IPv6 refusals
plan=$((15 * $(echo $families | wc -w)))
[ "$VNETFAB_ENCAP" = gre ] && plan=$((plan + 2))
ktap_plan $plan

VM1_MAC=02:00:00:00:01:01
ST_MAC=02:00:00:00:02:02
ST101_MAC=02:00:00:00:03:03
if [ "$VNETFAB_ENCAP" = gre ]; then
	stock=gretap what="GRE packets"
else
	stock=vxlan what="VXLAN datagrams"
	modprobe vxlan 2>/dev/null
fi

# stock_dev NS DEV ID REMOTE LOCAL MAC ADDR4 ADDR6|-: a plain vxlan or
# gretap device of VNI or key ID
stock_dev()
{
	if [ "$stock" = gretap ]; then
		ip -n "$1" link add "$2" address "$6" type gretap key "$3" \
			remote "$4" local "$5" || return 1
	else
		ip -n "$1" link add "$2" address "$6" type vxlan id "$3" \
			dstport 4789 remote "$4" local "$5" || return 1
	fi
	ip -n "$1" addr add "$7" dev "$2"
	[ "$8" != - ] && ip -n "$1" addr add "$8" dev "$2" nodad
	ip -n "$1" link set "$2" up
}

vnetfab_load
for fam in $families; do
	u="v$fam underlay"
	topo_underlay h1 h2 h3
	a1=$(host_addr h1 $fam) a2=$(host_addr h2 $fam) a3=$(host_addr h3 $fam)
	# h1: segment 100 with h2 and h3 as peers and a VM on it; h2: a
	# stock device of 100, h3 one of 101, both with h1 as remote
	seg_add h1 fab100 100
	ctl h1 peer add dev fab100 remote "$a2"
	ctl h1 peer add dev fab100 remote "$a3"
	vm_add h1 vm1 fab100 $VM1_MAC 198.51.100.1/24 2001:db8:100::1/64
	stock_dev h2 st100 100 "$a1" "$a2" $ST_MAC 198.51.100.2/24 2001:db8:100::2/64
	stock_dev h3 st101 101 "$a1" "$a3" $ST101_MAC 198.51.100.3/24 -

	# VM -> stock: the VM's ARP request crosses, the reply comes back
	check "$u: VM pings $stock host (IPv4)" ping_ok vm1 198.51.100.2
	check "$u: VM's ARP entry for the $stock host has its MAC" \
		neigh_ok vm1 eth0 198.51.100.2 $ST_MAC
	# stock -> VM, from empty neighbour tables: the stock host's ARP
	# request is flooded to the VM, its reply goes back as unicast
	ip -n h2 neigh flush dev st100
	ip -n vm1 neigh flush dev eth0
	check "$u: $stock host pings VM (IPv4)" ping_ok h2 198.51.100.1
	check "$u: $stock host's ARP entry for the VM has the VM's MAC" \
		neigh_ok h2 st100 198.51.100.1 $VM1_MAC
	check "$u: VM pings $stock host (IPv6)" ping_ok vm1 2001:db8:100::2
	check "$u: VM's ND entry for the $stock host has its MAC" \
		neigh_ok vm1 eth0 2001:db8:100::2 $ST_MAC
	check "$u: $stock host pings VM (IPv6)" ping_ok h2 2001:db8:100::1
	check "$u: peer $a2: rx_packets > 0" \
		positive "$(peer_stat h1 fab100 "$a2" rx_packets)"
	check "$u: peer $a2: tx_packets > 0" \
		positive "$(peer_stat h1 fab100 "$a2" tx_packets)"
	check "$u: h1 learned the $stock host's MAC behind peer $a2" \
		sh -c "ip netns exec h1 $VNETFABCTL fdb show dev fab100 --json |
			jq -e '.[] | select(.mac == \"$ST_MAC\" and .remote == \"$a2\")'"

	# id 101 -> segment 100: the packets reach h1 but no frame the VM
	ip netns exec vm1 "$RAWFRAME" recv eth0 $ST101_MAC 30000 1 >/tmp/k101.vm &
	rxpid=$!
	ip netns exec h1 timeout 30 tcpdump -i ul0 -nn -c 1 \
		"$(encap_filter) and src $a3" >/tmp/k101.ul 2>&1 &
	cap=$!
	wait_listeners vm1 h1
	check_fail "$u: the $stock host of 101 cannot reach the VM of segment 100" \
		ip netns exec h3 ping -c 3 -W 1 198.51.100.1
	wait $cap
	rc=$?
	check "$u: ... though its $what reached h1" sh -c "cat /tmp/k101.ul; exit $rc"
	kill $rxpid 2>/dev/null
	wait $rxpid
	check_eq "$u: ... and the VM saw no frame from it" 0 "$(wc -l </tmp/k101.vm)"
	# segment 100 -> 101: h3 is a peer, floods reach it, st101 takes none
	check_fail "$u: VM cannot reach the $stock host of 101" \
		ip netns exec vm1 ping -c 2 -W 1 198.51.100.3
	check_eq "$u: st101 received nothing" 0 "$(link_stat h3 st101 rx packets)"
	ns_cleanup
done

# GRE's IPv6 underlay: where the kernel has ip6gretap, its format is not
# one vnetfab can receive (README): an IPv6 peer or local address is
# refused
if [ "$VNETFAB_ENCAP" = gre ]; then
	topo_underlay h1 h2
	seg_add h1 fab100 100
	if ip -n h2 link add g6 type ip6gretap key 100 remote 2001:db8::1 \
		local 2001:db8::2 2>/dev/null; then
		check_err "an IPv6 peer (an ip6gretap host) is refused" \
			"IPv4 underlay only" \
			ctl h1 peer add dev fab100 remote 2001:db8::2
		check_err "a GRE segment with an IPv6 local address is refused" \
			"IPv4 underlay only" \
			ctl h1 segment add fab6 id 106 encap gre local 2001:db8::1
	else
		ktap_result SKIP "an IPv6 peer (an ip6gretap host) is refused" "no ip6gretap"
		ktap_result SKIP "a GRE segment with an IPv6 local address is refused" "no ip6gretap"
	fi
fi
ktap_finish
