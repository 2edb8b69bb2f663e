#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Interoperation with a stock Linux vxlan device as peer, IPv4 and IPv6 underlay.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ip link help vxlan 2>&1 | grep -q vxlan || ktap_skip_all "needs ip link vxlan"
ktap_header
ktap_plan 16

VM1_MAC=02:00:00:00:01:01
VX_MAC=02:00:00:00:02:02

# neigh_ok NS ADDR MAC: a resolved entry for ADDR on eth0 pointing at MAC
neigh_ok()
{
	local out
	out=$(ip -n "$1" neigh show "$2" dev eth0)
	echo "$out"
	echo "$out" | grep -qiE "lladdr $3 .*(REACHABLE|STALE|DELAY|PROBE)"
}

# peer_ctr NS DEV KEY: counter KEY of the (only) peer of DEV
peer_ctr()
{
	ctl "$1" peer list dev "$2" --json | jq -r '.[0].stats.'"$3"
}

# positive VALUE: VALUE is an integer > 0
positive()
{
	[ "$1" -gt 0 ] 2>/dev/null || { echo "value: '$1'"; return 1; }
}

vnetfab_load
modprobe vxlan 2>/dev/null

for fam in 4 6; do
	u="v$fam underlay"
	topo_underlay h1 h2
	a1=$(host_addr h1 $fam)
	a2=$(host_addr h2 $fam)

	# h1: vnetfab segment 100 with h2 as peer and a VM on it
	seg_add h1 fab100 100
	ctl h1 peer add dev fab100 remote "$a2"
	vm_add h1 vm1 fab100 $VM1_MAC 198.51.100.1/24 2001:db8:100::1/64

	# h2: a plain Linux vxlan device, VNI 100, h1 as its remote
	ip -n h2 link add vx0 address $VX_MAC type vxlan id 100 dstport 4789 \
		remote "$a1" local "$a2"
	ip -n h2 addr add 198.51.100.2/24 dev vx0
	ip -n h2 addr add 2001:db8:100::2/64 dev vx0 nodad
	ip -n h2 link set vx0 up

	check "$u: VM pings vxlan host (IPv4)" ping_ok vm1 198.51.100.2
	check "$u: VM ARP entry for vxlan host has vx0's MAC" \
		neigh_ok vm1 198.51.100.2 $VX_MAC
	check "$u: vxlan host pings VM (IPv4)" ping_ok h2 198.51.100.1
	check "$u: VM pings vxlan host (IPv6)" ping_ok vm1 2001:db8:100::2
	check "$u: VM ND entry for vxlan host has vx0's MAC" \
		neigh_ok vm1 2001:db8:100::2 $VX_MAC
	check "$u: vxlan host pings VM (IPv6)" ping_ok h2 2001:db8:100::1
	check "$u: peer rx_packets > 0" positive "$(peer_ctr h1 fab100 rx_packets)"
	check "$u: peer tx_packets > 0" positive "$(peer_ctr h1 fab100 tx_packets)"
	ns_cleanup
done
ktap_finish
