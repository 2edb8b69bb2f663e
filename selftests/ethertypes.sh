#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# Every ethertype crosses the fabric unchanged: IPX, AppleTalk, 802.2 LLC
# with a length field (NetBEUI), 802.1Q-tagged frames with their tag, and
# a jumbo-ish frame; byte for byte, between VMs on two hosts.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 6

vnetfab_load
topo_underlay h1 h2
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 2001:db8:100::1/64
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 2001:db8:100::2/64

src=020000000101
dst=020000000201
pay() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# carry NAME HEXFRAME: vm1 sends it, vm2 must receive exactly the same bytes
carry()
{
	ip netns exec vm2 "$RAWFRAME" recv eth0 02:00:00:00:01:01 30000 1 \
		"${2:24:4}" >/tmp/got &
	wait_listeners vm2
	ip netns exec vm1 "$RAWFRAME" send eth0 "$2"
	wait
	check_eq "$1 delivered byte-exact" "$2" "$(cat /tmp/got)"
}

# teach both switches where the VMs are, so frames go unicast
ping_ok vm1 198.51.100.2

carry "IPX (0x8137)" "$dst${src}8137ffff001e0004$(pay 60)"
carry "AppleTalk (0x809b)" "$dst${src}809b$(pay 80)"
# NetBEUI: 802.3 length, LLC DSAP/SSAP 0xF0, UI
carry "802.2 LLC, NetBEUI (length 64)" "$dst${src}0040f0f003$(pay 61)"
carry "802.1Q tag 42, priority 5" "$dst${src}8100a02a0800$(pay 100)"
carry "802.1ad outer + 802.1Q inner" "$dst${src}88a8000781000064$(pay 4)86dd$(pay 60)"
carry "1400-byte payload" "$dst${src}88b5$(pay 1400)"
ktap_finish
