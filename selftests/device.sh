#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The segment device as an Ethernet netdev: create, delete, MAC, up and
# down, MTU limits, counters; a segment bound to an underlay device goes
# with it.
. "$(dirname "$0")/lib.sh"
require_root
ktap_header
ktap_plan 24

vnetfab_load
ns_create devA
A="ip -n devA"

check "create fab0" $A link add fab0 type vnetfab
check_err "same id and port twice refused" "already exists" \
	$A link add fab1 type vnetfab
check "create fab1 with another id" ctl devA segment add fab1 id 2
check_eq "link kind is vnetfab" vnetfab \
	"$($A -d -j link show fab0 | grep -o '"info_kind":"[a-z]*"' | cut -d'"' -f4)"
check_fail "duplicate name refused" $A link add fab0 type vnetfab

mac0=$($A -br link show fab0 | awk '{print $3}')
mac1=$($A -br link show fab1 | awk '{print $3}')
check "random MACs differ" test "$mac0" != "$mac1"
# locally administered (bit 1 of first octet), unicast (bit 0 clear)
check_eq "MAC is local unicast" 2 $(( 0x${mac0%%:*} & 3 ))
check "MAC can be set" $A link set fab0 address 02:00:00:00:00:10
check_fail "multicast MAC refused" $A link set fab0 address 01:00:5e:00:00:01

check "up" $A link set fab0 up
check "carrier when up" slowwait 5 \
	sh -c "$A link show fab0 | grep -q 'LOWER_UP'"
check "down" $A link set fab0 down

check "MTU 68 accepted" $A link set fab0 mtu 68
check_fail "MTU 67 refused" $A link set fab0 mtu 67
check_fail "MTU 65536 refused" $A link set fab0 mtu 65536

# the host endpoint sends 5 frames: the device counts each
tx_packets()
{
	$A -j -s link show fab0 | jq '.[0].stats64.tx.packets'
}
$A link set fab0 mtu 1500
ip netns exec devA sysctl -qw net.ipv6.conf.fab0.disable_ipv6=1
$A link set fab0 up
$A addr add 192.0.2.1/24 dev fab0
$A neigh add 192.0.2.2 lladdr 02:00:00:00:00:99 dev fab0
before=$(tx_packets)
ip netns exec devA ping -c 5 -i 0.2 -W 1 192.0.2.2 >/dev/null 2>&1
check_eq "5 frames sent, 5 counted in tx packets" 5 $(( $(tx_packets) - before ))

# peers as link attributes (IFLA_VNETFAB_PEERS), through the ip plugin:
# the kernel's newlink and changelink take the set, the link dump lists it
if [ -f "$TOP/userspace/ip/link_vnetfab.so" ]; then
	P="env IP_LIB_DIR=$TOP/userspace/ip ip -n devA"
	check "create fab2 with two peers (ip link add ... remote)" \
		$P link add fab2 type vnetfab id 3 remote 192.0.2.7 remote 2001:db8::7
	check "ip link set ... remote: the set replaced, listed by the link dump" \
		sh -c "$P link set fab2 type vnetfab remote 192.0.2.8 &&
		       $P -d -j link show fab2 | jq -e '.[0].linkinfo.info_data |
			.remote == [\"192.0.2.8\"] and .peers == 1'"
	check_err "a bad peer set is refused, no device made" "given twice" \
		$P link add fab3 type vnetfab id 4 remote 192.0.2.7 remote 192.0.2.7
	check_fail "... (no fab3)" $A link show fab3
else
	for t in "create fab2 with two peers" "ip link set ... remote" \
		 "a bad peer set is refused" "... (no fab3)"; do
		ktap_result SKIP "$t" "userspace/ip/link_vnetfab.so not built"
	done
fi

check "delete" $A link del fab0

# bound to an underlay device ("dev"): it goes when that device goes, as
# a vxlan device does, so its ifindex, reused, never binds it to another
ip -n devA link add ulx0 type dummy
check "a segment bound to underlay ulx0" ctl devA segment add fabu id 9 dev ulx0
ctl devA segment add fabn id 10
ip -n devA link del ulx0
check_fail "deleting ulx0 deletes the segment bound to it" $A link show fabu
check "... and no other" $A link show fabn
ktap_finish
