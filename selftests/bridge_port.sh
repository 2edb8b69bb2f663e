#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Bridge-port mode: the segment device as a port of a Linux bridge that holds the VMs.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping bridge
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 9

VM1_MAC=02:00:00:00:01:01
VM2_MAC=02:00:00:00:01:02

# br_learned NS MAC PORT: bridge br0 of NS learned MAC on PORT
br_learned()
{
	local out
	out=$(bridge -n "$1" fdb show br br0)
	echo "$out"
	# the bridge's own entry ("master br0"), not fab100's table
	echo "$out" | grep -i "^$2 dev $3 " | grep -q "master br0"
}

# fdb_local NS DEV MAC: the segment's MAC table has MAC on the local side
fdb_local()
{
	local out
	out=$(ctl "$1" fdb show dev "$2" --json)
	echo "$out"
	echo "$out" | jq -e --arg m "$3" \
		'any(.[]; (.mac | ascii_downcase) == $m and .local == true)'
}

vnetfab_load
topo_underlay h1 h2
for i in 1 2; do
	h=h$i
	ip -n $h link add br0 type bridge
	ip -n $h link set br0 up
	seg_add $h fab100 100
	ip -n $h link set fab100 master br0
	# the VM is a bridge port, not a port of fab100
	vm_add $h vm$i br0 02:00:00:00:01:0$i 198.51.100.$i/24 2001:db8:100::$i/64
done
seg_mesh fab100 4 h1 h2

check_eq "fab100 has no ports of its own" 0 \
	"$(ctl h1 show fab100 --json | jq -r '.[0].n_ports')"
check "VM1 pings VM2 across hosts (IPv4)" ping_ok vm1 198.51.100.2
check "VM2 pings VM1 across hosts (IPv4)" ping_ok vm2 198.51.100.1
check "VM1 pings VM2 across hosts (IPv6)" ping_ok vm1 2001:db8:100::2
check "VM2 pings VM1 across hosts (IPv6)" ping_ok vm2 2001:db8:100::1
check "h1 bridge learned VM2's MAC on fab100" br_learned h1 $VM2_MAC fab100
check "h2 bridge learned VM1's MAC on fab100" br_learned h2 $VM1_MAC fab100
check "h1 bridge has VM1's MAC on its VM port" br_learned h1 $VM1_MAC vm1
check "h1 segment has VM1's MAC on the local (bridge) side" \
	fdb_local h1 fab100 $VM1_MAC
ktap_finish
