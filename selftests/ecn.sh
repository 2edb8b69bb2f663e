#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# ECN across the fabric (RFC 6040). The outer header takes the inner
# frame's ECN field on transmit; on receive, a CE mark a router set on
# the outer header is copied into an ECN-capable inner IP header, and a
# frame whose inner header is not ECN-capable is dropped and counted (as
# vxlan_ecn_decapsulate() does). The "router" is an nftables rule that
# marks CE on every VXLAN datagram h2 receives. IPv4 and IPv6 underlays.
# (GRE segments are decapsulated by ip_gre, which does the same.)
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping tcpdump nft
ktap_header
ktap_plan 12

vnetfab_load
for fam in 4 6; do
	u="IPv$fam underlay"
	ns_cleanup
	topo_underlay h1 h2
	seg_add h1 fab100 100
	seg_add h2 fab100 100
	seg_mesh fab100 $fam h1 h2
	vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
	vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
	check "$u: VM1 pings VM2 (ECT(0))" ping_ok vm1 198.51.100.2

	# the inner ECN field travels out: VM1's ECT(0) is on the wire
	ip netns exec h2 timeout 20 tcpdump -i ul0 -nn -v -c 1 \
		"udp port 4789 and $([ $fam = 4 ] && echo 'ip[1] & 3 = 2' || echo '(ip6[0:2] >> 4) & 3 = 2')" \
		>/tmp/ecn.ul 2>&1 &
	cap=$!
	slowwait 10 sh -c "ip netns exec h2 ss -0 -a -H | grep -q ."
	ip netns exec vm1 ping -c 3 -i 0.2 -Q 0x02 198.51.100.2 >/dev/null
	wait $cap
	rc=$?
	check "$u: an ECT(0) frame goes out in an ECT(0) datagram" \
		sh -c "cat /tmp/ecn.ul; exit $rc"

	ip netns exec h2 nft -f - <<NFT
table inet ce {
	chain pre {
		type filter hook prerouting priority -300;
		udp dport 4789 ip ecn set ce
		udp dport 4789 ip6 ecn set ce
	}
}
NFT
	# an ECN-capable inner header takes the CE mark
	ip netns exec vm2 timeout 20 tcpdump -i eth0 -nn -v -c 2 \
		'icmp[icmptype] = icmp-echo' >/tmp/ecn.vm2 2>&1 &
	cap=$!
	slowwait 10 sh -c "ip netns exec vm2 ss -0 -a -H | grep -q ."
	check "$u: with CE marked on the way, an ECT(0) ping still passes" \
		ip netns exec vm1 ping -c 2 -i 0.2 -W 2 -Q 0x02 198.51.100.2
	wait $cap
	check_eq "$u: ... and reaches VM2 marked CE (tos 0x3)" 2 \
		"$(grep -c 'tos 0x3' /tmp/ecn.vm2)"
	# one that is not ECN-capable cannot carry it: dropped, counted
	inv0=$(seg_stat h2 fab100 rx_invalid)
	check_fail "$u: a not-ECT ping under the same CE mark is dropped" \
		ip netns exec vm1 ping -c 3 -i 0.2 -W 1 198.51.100.2
	check "$u: ... and counted as invalid at h2 (3 or more)" \
		test $(( $(seg_stat h2 fab100 rx_invalid) - inv0 )) -ge 3
done
ktap_finish
