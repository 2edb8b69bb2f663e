#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# The path MTU learned from a router in the middle of the underlay. h1
# and h2 are routed through r, whose link towards h2 carries 1400 bytes
# while h1's own link carries 1500: only r's ICMP error (fragmentation
# needed, packet too big) can tell h1. The datagram it quotes has a
# flow-hashed source port that no socket is bound to: the segment's
# socket must claim it (encap_err_lookup, as vxlan's), or the error is
# lost and full-size frames vanish without a trace.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 9

# what the VMs must be told: r's MTU less the outer IPv4, UDP, VXLAN
# and inner Ethernet headers
FIT_MTU=$((1400 - $(encap_overhead 4) - 14))

# path_mtu NS ADDR: the path MTU NS has learned towards ADDR, if any
path_mtu()
{
	ip -n "$1" route get "$2" | grep -oE 'mtu [0-9]+' | grep -oE '[0-9]+'
}

# told_mtu: a 1428-byte ping -M do from vm1 to vm2 is refused, the MTU
# named; prints it
told_mtu()
{
	local out
	out=$(ip netns exec vm1 ping -c 1 -W 1 -s 1400 -M do 198.51.100.2 2>&1) &&
		return 1
	reported_mtu "$out" | grep .
}

vnetfab_load
ns_create h1 r h2
ip -n h1 link add ul0 type veth peer name r1 netns r
ip -n h2 link add ul0 type veth peer name r2 netns r
ip -n r link set dev r2 mtu 1400
ip -n h2 link set ul0 mtu 1400
ip -n h1 addr add 192.0.2.1/24 dev ul0
ip -n h1 addr add 2001:db8:1::1/64 dev ul0 nodad
ip -n r addr add 192.0.2.254/24 dev r1
ip -n r addr add 2001:db8:1::fe/64 dev r1 nodad
ip -n r addr add 203.0.113.254/24 dev r2
ip -n r addr add 2001:db8:2::fe/64 dev r2 nodad
ip -n h2 addr add 203.0.113.2/24 dev ul0
ip -n h2 addr add 2001:db8:2::2/64 dev ul0 nodad
for ns in h1 r h2; do
	for d in ul0 r1 r2; do
		ip -n $ns link set dev $d up 2>/dev/null
	done
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r sysctl -qw net.ipv6.conf.all.forwarding=1
ip -n h1 route add default via 192.0.2.254
ip -n h1 -6 route add default via 2001:db8:1::fe
ip -n h2 route add default via 203.0.113.254
ip -n h2 -6 route add default via 2001:db8:2::fe

seg_add h1 fab100 100 df set
seg_add h2 fab100 100 df set
ctl h1 peer add dev fab100 remote 203.0.113.2
ctl h2 peer add dev fab100 remote 192.0.2.1
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
ip -n vm2 addr add 198.51.100.22/24 dev eth0

check "small ping across r (IPv4 underlay)" ping_ok vm1 198.51.100.2

# IPv4 underlay, df set: r refuses the outer packet, says why; h1 learns
# 1400 and tells the VM what fits
mtu=$(slowwait 10 told_mtu && told_mtu)
check_eq "df set: vm1 is told the MTU that fits past r" "$FIT_MTU" "$mtu"
check_eq "... which h1 learned from r's fragmentation needed" 1400 \
	"$(path_mtu h1 203.0.113.2)"
check "... and counted too_big" positive "$(seg_stat h1 fab100 too_big)"
check "a plain 1428-byte ping crosses, cut by vm1 to fit" \
	slowwait 10 ip netns exec vm1 ping -c 1 -W 1 -s 1400 198.51.100.2

# IPv6 underlay, df unset: IPv6 routers never fragment, r sends packet
# too big; h1 must learn it and fragment the outer packets itself.
# 198.51.100.22 is an address vm1 has learned nothing about.
check "IPv6 underlay, df unset" sh -c "
	ip netns exec h1 $VNETFABCTL peer set dev fab100 remote 2001:db8:2::2 &&
	ip netns exec h2 $VNETFABCTL peer set dev fab100 remote 2001:db8:1::1 &&
	ip netns exec h1 $VNETFABCTL segment set fab100 df unset &&
	ip netns exec h2 $VNETFABCTL segment set fab100 df unset"
check "small ping across r (IPv6 underlay)" ping_ok vm1 198.51.100.22
check "a 1428-byte ping with DF crosses after r's packet too big" \
	slowwait 10 ip netns exec vm1 ping -c 1 -W 1 -s 1400 -M do 198.51.100.22
check_eq "... which h1 learned" 1400 "$(path_mtu h1 2001:db8:2::2)"
ktap_finish
