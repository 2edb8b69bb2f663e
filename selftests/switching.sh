#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-timeout: 2700
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# Switching across three hosts on two segments, over an IPv4 and an IPv6
# underlay (IPv4 only for GRE, which refuses an IPv6 peer): pings between
# VMs on different hosts and on one host, IPv6, isolation of segments,
# unicast to one place only once learned, flooding that reaches every VM
# exactly once in a full mesh.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
families=$(encap_families)
ktap_header
# 13 checks per underlay family, and for GRE the IPv6 peer refused
plan=$((13 * $(echo $families | wc -w)))
[ "$VNETFAB_ENCAP" = gre ] && plan=$((plan + 1))
ktap_plan $plan

vnetfab_load

# the VMs' ports: HOST:VM:SEGMENT
ports="h1:vm11:fab100 h1:vm13:fab100 h2:vm21:fab100 h3:vm31:fab100
	h1:vm12:fab200 h2:vm22:fab200 h3:vm32:fab200"

setup()		# setup 4|6
{
	local h
	ns_cleanup
	topo_underlay h1 h2 h3
	for h in h1 h2 h3; do
		seg_add $h fab100 100
		seg_add $h fab200 200
	done
	seg_mesh fab100 "$1" h1 h2 h3
	seg_mesh fab200 "$1" h1 h2 h3
	vm_add h1 vm11 fab100 02:00:00:00:01:01 198.51.100.11/24 2001:db8:100::11/64
	vm_add h1 vm13 fab100 02:00:00:00:01:03 198.51.100.13/24 2001:db8:100::13/64
	vm_add h2 vm21 fab100 02:00:00:00:02:01 198.51.100.21/24 2001:db8:100::21/64
	vm_add h3 vm31 fab100 02:00:00:00:03:01 198.51.100.31/24 2001:db8:100::31/64
	vm_add h1 vm12 fab200 02:00:00:00:01:02 203.0.113.12/24 2001:db8:200::12/64
	vm_add h2 vm22 fab200 02:00:00:00:02:02 203.0.113.22/24 2001:db8:200::22/64
	# on segment 200, but addressed as if on segment 100
	vm_add h3 vm32 fab200 02:00:00:00:03:02 198.51.100.32/24 2001:db8:100::32/64
}

# resegment 4|6: the same hosts and VMs on new segment devices meshed
# over the other underlay family (new devices: nothing learned, no peer
# of the other family left); the VMs forget their neighbours. Cheaper
# than building the namespaces again (minutes on the debug kernel).
resegment()
{
	local h p vm
	for h in h1 h2 h3; do
		ip -n $h link del fab100
		ip -n $h link del fab200
		seg_add $h fab100 100
		seg_add $h fab200 200
	done
	seg_mesh fab100 "$1" h1 h2 h3
	seg_mesh fab200 "$1" h1 h2 h3
	for p in $ports; do
		IFS=: read -r h vm dev <<<"$p"
		ip -n $h link set $vm master $dev up
		ip -n $vm neigh flush dev eth0
	done
}

for fam in $families; do
	u="IPv$fam underlay"
	if [ "$fam" = "${families%% *}" ]; then
		setup $fam
	else
		resegment $fam
	fi
	check "$u: IPv4 ping across hosts" ping_ok vm11 198.51.100.21
	check "$u: IPv4 ping to a third host" ping_ok vm11 198.51.100.31
	check "$u: IPv6 ping across hosts" ping_ok vm21 2001:db8:100::31
	check "$u: ping between VMs on one host" ping_ok vm11 198.51.100.13
	check "$u: second segment carries its own traffic" ping_ok vm12 203.0.113.22
	# vm11's ARP requests for 198.51.100.32 flood segment 100 only:
	# vm31 (segment 100, host 3) sees them, then a marker vm11 sends
	# after them; vm32 (segment 200, host 3) sees nothing from vm11
	m=02:00:00:00:01:01
	ip netns exec vm32 "$RAWFRAME" recv eth0 $m 120000 1 >/tmp/iso.vm32 &
	p32=$!
	ip netns exec vm31 "$RAWFRAME" recv eth0 $m 120000 0 88b7 >/tmp/iso.vm31 &
	p31=$!
	wait_listeners vm32 vm31
	check_fail "$u: no frame crosses from segment 100 to 200" \
		ip netns exec vm11 ping -c 2 -W 1 198.51.100.32
	ip netns exec vm11 "$RAWFRAME" send eth0 "ffffffffffff${m//:/}88b7$(printf '%092d' 0)"
	wait $p31
	kill $p32 2>/dev/null
	wait $p32
	check "$u: segment 100's host 3 port saw those ARP requests" \
		grep -q '^.\{24\}0806' /tmp/iso.vm31
	check_eq "$u: segment 200's host 3 port saw no frame from segment 100" 0 \
		"$(wc -l </tmp/iso.vm32)"

	# learned: 20 unicast frames vm11 -> vm21 reach vm21, and only vm21;
	# first vm11 stops asking for 198.51.100.32 (segment 200's, never
	# answered): its ARP retries are broadcasts vm31 would see
	slowwait 15 sh -c "! ip -n vm11 neigh show 198.51.100.32 | grep -q INCOMPLETE"
	ping_ok vm11 198.51.100.21
	src=02:00:00:00:01:01
	frame="020000000201${src//:/}88b6$(printf '%092d' 0)"
	ip netns exec vm21 "$RAWFRAME" recv eth0 $src 120000 20 >/tmp/uc.vm21 &
	# vm31 collects what vm11 sends until a broadcast marker (0x88b7)
	# that follows the unicast frames on the same path
	ip netns exec vm31 "$RAWFRAME" recv eth0 $src 120000 0 88b7 >/tmp/uc.vm31 &
	wait_listeners vm21 vm31
	ip netns exec vm11 "$RAWFRAME" send eth0 "$frame" 20
	ip netns exec vm11 "$RAWFRAME" send eth0 "ffffffffffff${src//:/}88b7$(printf '%092d' 0)"
	wait
	check_eq "$u: learned unicast reaches its VM, 20 of 20" 20 \
		"$(wc -l </tmp/uc.vm21)"
	# (vm11's own ARP broadcasts may reach vm31 in that window: not counted)
	check_eq "$u: learned unicast reaches no other VM (only the marker)" \
		"88b7" "$(grep -v '^.\{24\}0806' /tmp/uc.vm31 | cut -c25-28 | xargs)"

	# flood: 10 broadcasts from a new MAC reach each VM of the segment
	# exactly 10 times in a full mesh (an 11th copy would be a loop)
	src=02:00:00:00:01:99
	frame="ffffffffffff${src//:/}88b5$(printf '%092d' 0)"
	for vm in vm13 vm21 vm31; do
		ip netns exec $vm "$RAWFRAME" recv eth0 $src 120000 0 88b7 >/tmp/flood.$vm &
	done
	wait_listeners vm13 vm21 vm31
	ip netns exec vm11 "$RAWFRAME" send eth0 "$frame" 10
	ip netns exec vm11 "$RAWFRAME" send eth0 "ffffffffffff${src//:/}88b7$(printf '%092d' 0)"
	wait
	for vm in vm13 vm21 vm31; do
		check_eq "$u: broadcast reached $vm exactly 10 times" 10 \
			"$(grep -c '^.\{24\}88b5' /tmp/flood.$vm)"
	done
done
if [ "$VNETFAB_ENCAP" = gre ]; then
	check_err "GRE segment: an IPv6 peer is refused" "IPv4 underlay only" \
		ctl h1 peer add dev fab100 remote "$(host_addr h2 6)"
fi
ktap_finish
