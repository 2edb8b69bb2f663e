#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# QEMU alone on a segment, and a VM that moves between hosts.
# QEMU (no libvirt) runs with "-netdev tap,script=vnetfab-ifup,
# downscript=no", the script vnetfab-tools ships: the tap, named
# SEGMENT-NAME, joins the segment; when QEMU quits the tap and the port
# go. Then the VM is live-migrated (QEMU's own migration, over the
# underlay) from host h1 to host h3: the QEMU that takes over announces
# the VM with RARPs, and every host of the segment (h1, which had the VM
# on a local port, and h2, which had it behind h1) sends to h3 at once.
# Last, a VM that moves with no announce (a veth VM whose link is made
# again on another host) is found there by its first ordinary frame: a
# single ping, with no retry, answers.
# The VM boots nothing: its NIC is an rtl8139 with no boot ROM, which
# QEMU lets read (and drop) what the tap brings, so the tap's transmit
# counter shows frames delivered to the VM.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd qemu-system-x86_64 python3 jq
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
modprobe tun 2>/dev/null
[ -c /dev/net/tun ] || ktap_skip_all "no /dev/net/tun (CONFIG_TUN)"
ktap_header
ktap_plan 16

IFUP=$TOP/userspace/hv/vnetfab-ifup
QMP=$TOP/selftests/tools/qmp.py
T=$(mktemp -d /tmp/qemu.XXXXXX)
MAC=52:54:00:0e:00:01
VM2_MAC=02:00:00:00:01:02
VM4_MAC=02:00:00:00:01:04

cleanup()
{
	local p
	for p in "$T"/*.pid; do
		[ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
	done
	ns_cleanup
	rm -rf "$T"
}
trap cleanup EXIT

# qemu_start HOST NAME [QEMU ARGS...]: a VM that boots nothing, its NIC
# (MAC) on tap fab100-web1 of HOST by the shipped script, its QMP
# monitor at $T/NAME.qmp
qemu_start()
{
	local h=$1 n=$2
	shift 2
	ip netns exec "$h" qemu-system-x86_64 -M pc -m 32 -nodefaults \
		-no-user-config -display none \
		-netdev "tap,id=n0,ifname=fab100-web1,script=$IFUP,downscript=no" \
		-device "rtl8139,netdev=n0,mac=$MAC,romfile=" \
		-qmp "unix:$T/$n.qmp,server=on,wait=off" \
		-daemonize -pidfile "$T/$n.pid" "$@"
}

# fdb_at HOST MAC: where HOST's fab100 sends MAC: the peer's address, or
# "port PORT" for a local port
fdb_at()
{
	ctl "$1" fdb show dev fab100 --json | jq -r --arg m "$2" \
		'.[] | select((.mac | ascii_downcase) == $m) |
		 if .remote then .remote else "port \(.port)" end'
}

# fdb_is HOST MAC WHERE: HOST's fab100 sends MAC to WHERE (up to 2 s)
fdb_is()
{
	local deadline=$((SECONDS + 2 * SLOW)) at
	while :; do
		at=$(fdb_at "$1" "$2")
		[ "$at" = "$3" ] && return 0
		[ $SECONDS -ge $deadline ] && break
		sleep 0.1
	done
	echo "$1: $2 at '$at', not '$3'"
	return 1
}

# announce: the source QEMU sends its NIC's RARP announce
announce()
{
	"$QMP" "$T/src.qmp" '{"execute":"announce-self","arguments":{"initial":50,"max":550,"rounds":3,"step":100}}'
}

# migrated: the source QEMU's migration to h3 has completed
migrated()
{
	"$QMP" "$T/src.qmp" '{"execute":"query-migrate"}' |
		grep -q '"status": "completed"'
}

vnetfab_load
topo_segment fab100 100 h1 h2 h3
vm_add h2 vm2 fab100 $VM2_MAC 198.51.100.2/24 -
ul1=$(host_addr h1 4)
ul3=$(host_addr h3 4)

check "QEMU starts on h1 with the shipped script" qemu_start h1 src
check_eq "its tap is a port of fab100" fab100 "$(master_of h1 fab100-web1)"
check "its announce (RARP) crosses to a VM on h2" \
	heard_during vm2 $MAC 8035 announce
check "h2 sends the VM's MAC to h1" fdb_is h2 $MAC "$ul1"
check "frames from h2's VM reach the VM's tap" \
	delivered_to h1 fab100-web1 vm2 $MAC

# live migration to h3, over the underlay: the QEMU there waits for it
check "a second QEMU waits for the VM on h3" \
	qemu_start h3 dst -incoming "tcp:$ul3:4444"
check "h1's QEMU migrates the VM to h3" \
	"$QMP" "$T/src.qmp" "{\"execute\":\"migrate\",\"arguments\":{\"uri\":\"tcp:$ul3:4444\"}}"
check "the migration completes" slowwait 60 migrated
# the QEMU on h3 announces the VM as it resumes it: at once, every host
# of the segment sends the VM's frames to h3
check "h1 (whose port had the VM) sends its MAC to h3" fdb_is h1 $MAC "$ul3"
check "h2 (which had it behind h1) sends its MAC to h3" fdb_is h2 $MAC "$ul3"
check "frames from h2's VM reach the VM's tap on h3" \
	delivered_to h3 fab100-web1 vm2 $MAC
"$QMP" "$T/src.qmp" '{"execute":"quit"}' >/dev/null 2>&1
check "h1's QEMU quit: its tap and port are gone" \
	slowwait 10 sh -c "! ip -n h1 link show dev fab100-web1"
check_eq "h1's fab100 has no port left" 0 \
	"$(ctl h1 show fab100 --json | jq -r '.[0].n_ports')"

# a VM that moves with no announce: its link made again on h3, its first
# frame an ordinary one (a ping to VM2)
vm_add h1 vm4 fab100 $VM4_MAC 198.51.100.4/24 -
check "VM4 on h1 pings VM2" ping_ok vm4 198.51.100.2
ip -n h1 link del vm4
ip -n h3 -batch - <<-EOF
	link add vm4 type veth peer name eth0 netns vm4
	link set vm4 master fab100 up
EOF
ip -n vm4 -batch - <<-EOF
	link set eth0 address $VM4_MAC
	addr add 198.51.100.4/24 dev eth0
	link set eth0 up
EOF
check "VM4, moved to h3, pings VM2 at the first try" \
	ip netns exec vm4 ping -c 1 -W 2 198.51.100.2
vm4_at_h3() { fdb_is h1 $VM4_MAC "$ul3" && fdb_is h2 $VM4_MAC "$ul3"; }
check "h1 and h2 send VM4's MAC to h3" vm4_at_h3
ktap_finish
