#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The UDP ports of the segments announced to NICs that offload the VXLAN
# format (udp_tunnel_nic), as vxlan announces its own: a port is in the
# NIC's table while a segment of the NIC's netns receives on it, a NIC
# that comes later or turns the offload back on is given the ports, one
# that turns it off gives them back. The NIC is netdevsim, which keeps
# its tables in debugfs (as the kernel's netdevsim/udp_tunnel_nic.sh
# reads them), built by selftests/vm/build-netdevsim: where it could not
# be built the test skips, saying why.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd ethtool

NSIM_SYS=/sys/bus/netdevsim
NSIM_DFS=/sys/kernel/debug/netdevsim
nsim_ids=()

vnetfab_load
if ! modprobe netdevsim 2>/dev/null; then
	why=$(cat "$TOP/build/$(uname -r)/netdevsim/SKIP" 2>/dev/null)
	ktap_skip_all "no netdevsim: ${why:-not built (selftests/vm/build-netdevsim)}"
fi
[ -d "$NSIM_DFS" ] || ktap_skip_all "netdevsim's tables need debugfs on /sys/kernel/debug"

cleanup()
{
	local id
	for id in "${nsim_ids[@]}"; do
		[ -e "$NSIM_SYS/devices/netdevsim$id" ] &&
			echo "$id" >"$NSIM_SYS/del_device"
	done
	ns_cleanup
	modprobe -r netdevsim 2>/dev/null
}
trap cleanup EXIT

ktap_header
ktap_plan 19

# nsim_dev NS ID: the netdev of netdevsim device ID in NS
nsim_dev()
{
	ip -n "$1" -d -o link show |
		awk -v p="parentdev netdevsim$2" '$0 ~ p "( |$)" { sub(":$", "", $2); print $2 }'
}

# nsim_new NS ID: a netdevsim device ID with one port, made in NS (the
# netns of the process that asks for it); its netdev's name in $nsim_name
nsim_new()
{
	ip netns exec "$1" sh -c "echo '$2 1' >$NSIM_SYS/new_device" || return 1
	nsim_ids+=("$2")
	slowwait 5 nsim_present "$1" "$2" || return 1
	nsim_name=$(nsim_dev "$1" "$2")
}

nsim_present() { [ -n "$(nsim_dev "$1" "$2")" ]; }

# nsim_ports ID: the entries of the UDP tunnel port tables of netdevsim
# ID's port 0, "PORT/TYPE" in port order ("" when empty)
nsim_ports()
{
	local t v have out=()
	for t in 0 1; do
		read -ra have <"$NSIM_DFS/netdevsim$1/ports/0/udp_ports/table$t" ||
			return 1
		for v in "${have[@]}"; do
			[ "$v" = 0 ] && continue
			case $((v & 0xffff)) in
			1) out+=("$((v >> 16))/vxlan") ;;
			2) out+=("$((v >> 16))/geneve") ;;
			4) out+=("$((v >> 16))/vxlan-gpe") ;;
			*) out+=("$((v >> 16))/type$((v & 0xffff))") ;;
			esac
		done
	done
	[ ${#out[@]} = 0 ] || printf '%s\n' "${out[@]}" | sort -n | paste -sd ' '
}

# tunnels_list NS DEV LINE: ethtool's view of DEV's tables (the NIC
# core's, not the driver's) has LINE; shown whole
tunnels_list()
{
	local t
	t=$(ip netns exec "$1" ethtool --show-tunnels "$2") || return 1
	echo "$t"
	grep -qF -- "$3" <<<"$t"
}

ports_are() { [ "$(nsim_ports "$1")" = "$2" ]; }

# check_ports NAME ID EXPECTED: netdevsim ID's tables hold EXPECTED (the
# NIC's core may program them from a work item: allowed a moment)
check_ports()
{
	slowwait 2 ports_are "$2" "$3"
	check_eq "$1" "$3" "$(nsim_ports "$2")"
}

ns_create uo uo2
A="ip -n uo"
nsim_new uo 11 || echo "# netdevsim 11 not made in uo"
nic1=$nsim_name
check_ports "a new NIC's port tables are empty" 11 ""

# the reference: the kernel's own VXLAN driver announces its port
$A link add vx0 type vxlan id 500 dstport 4790
$A link set vx0 up
check_ports "reference: a vxlan device (dstport 4790) announces its port" 11 "4790/vxlan"
$A link del vx0
check_ports "... and takes it back when deleted" 11 ""

# (a) a segment's port: the sockets open with the device
ctl uo segment add fab0 id 100
check_ports "a segment down announces nothing" 11 ""
$A link set fab0 up
check_ports "fab0 up (default port): 4789, a VXLAN port, in the NIC's table" 11 "4789/vxlan"
check "ethtool --show-tunnels lists it: port 4789, vxlan" \
	tunnels_list uo "$nic1" "port 4789, vxlan"

# (b) another port; two segments on one port share the entry
ctl uo segment add fab1 id 200 dstport 8472
$A link set fab1 up
check_ports "fab1 up (dstport 8472): 8472 added" 11 "4789/vxlan 8472/vxlan"
ctl uo segment add fab2 id 201 dstport 8472
$A link set fab2 up
check_ports "fab2 up on 8472 too: one entry for the port" 11 "4789/vxlan 8472/vxlan"
$A link set fab1 down
check_ports "fab1 down: 8472 stays while fab2 receives on it" 11 "4789/vxlan 8472/vxlan"
# (c) the last segment of a port goes
ctl uo segment del fab2
check_ports "fab2 deleted, the last on 8472: 8472 removed" 11 "4789/vxlan"

# GRE segments have no UDP port to announce
if module_builtin ip_gre || modinfo ip_gre >/dev/null 2>&1; then
	ctl uo segment add fab3 id 300 encap gre
	$A link set fab3 up
	check_ports "a GRE segment up: nothing announced" 11 "4789/vxlan"
	ctl uo segment del fab3
else
	ktap_result SKIP "a GRE segment up: nothing announced" "no ip_gre"
fi

# (d) a NIC that registers later is given the ports of its netns
$A link set fab1 up
check_ports "fab1 up again: 8472 back" 11 "4789/vxlan 8472/vxlan"
nsim_new uo 12 || echo "# netdevsim 12 not made in uo"
check_ports "a NIC made after the segments gets their ports" 12 "4789/vxlan 8472/vxlan"
nsim_new uo2 13 || echo "# netdevsim 13 not made in uo2"
check_ports "a NIC in another netns gets none of them" 13 ""

# the NIC turns the offload off (the ports are dropped) and on again
# (they are pushed again)
ip netns exec uo ethtool -K "$nic1" rx-udp_tunnel-port-offload off
check_ports "the offload off on the NIC: its table emptied" 11 ""
ip netns exec uo ethtool -K "$nic1" rx-udp_tunnel-port-offload on
check_ports "the offload on again: the ports pushed again" 11 "4789/vxlan 8472/vxlan"

# (c) down and delete take the ports away from every NIC
$A link set fab0 down
check_ports "fab0 down: 4789 removed" 11 "8472/vxlan"
ctl uo segment del fab1
check_ports "fab1 deleted: the NIC's table empty" 11 ""
check_ports "... and the later NIC's too" 12 ""
ktap_finish
