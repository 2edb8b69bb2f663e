#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# A segment moved out of its underlay netns keeps working and dies with that netns.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping ss
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 16

rx_what="UDP 4789 socket"
[ "$VNETFAB_ENCAP" = gre ] && rx_what="GRE device vnetfab_gre"

# no_master NS DEV: DEV exists in NS and has no master
no_master()
{
	local out
	out=$(ip -n "$1" -o link show dev "$2") || return 1
	echo "$out"
	! echo "$out" | grep -q " master "
}

vnetfab_load
topo_underlay h1 h2
ns_create app1

seg_add h1 fab100 100 dev ul0
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
vm_add h2 vm2 fab100 02:00:00:00:01:02 198.51.100.2/24 2001:db8:100::2/64

check_eq "show names the underlay device in h1" ul0 \
	"$(ctl h1 -j show fab100 | jq -r '.[0].link')"
check "move fab100 from h1 to app1" ip -n h1 link set fab100 netns app1
check_fail "fab100 gone from h1" ip -n h1 link show fab100
ip -n app1 link set fab100 up
# ports live in the master's netns: the VM's host side is made in app1
vm_add app1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 2001:db8:100::1/64

check "app1 shows the underlay netns h1 as link-netns" \
	sh -c "ip -n app1 -d link show fab100 | grep -q 'link-netns h1'"
# its index is h1's: in app1 it would name some other device
check_eq "show in app1 names no underlay device (its index is h1's)" false \
	"$(ctl app1 -j show fab100 | jq '.[0] | has("link")')"
check_eq "peer configured in h1 kept after the move" 192.0.2.2 \
	"$(ctl app1 peer list dev fab100 --json | jq -r '.[0].remote')"
check "underlay receive ($rx_what) is in h1" underlay_rx h1
check_fail "no underlay receive ($rx_what) in app1" underlay_rx app1
check "VM1 (app1) pings VM2 (h2) (IPv4)" ping_ok vm1 198.51.100.2
check "VM2 (h2) pings VM1 (app1) (IPv4)" ping_ok vm2 198.51.100.1
check "VM1 (app1) pings VM2 (h2) (IPv6)" ping_ok vm1 2001:db8:100::2
check "VM2 (h2) pings VM1 (app1) (IPv6)" ping_ok vm2 2001:db8:100::1

check "delete the underlay netns h1" ip netns del h1
check "fab100 removed from app1 with its underlay netns" \
	slowwait 10 sh -c '! ip -n app1 link show fab100'
check "VM port left in app1, released" no_master app1 vm1

ns_cleanup
check "module unloads afterwards" slowwait 20 vnetfab_unload
ktap_finish
