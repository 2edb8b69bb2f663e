#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# Frames larger than the underlay MTU: outer fragmentation (df unset),
# PMTU discovery (df set); GSO: TCP segments that fit once encapsulated
# leave the host as one encapsulated GSO packet, not cut before; a VM's
# own tunnel (vxlan in the VM) carries TCP across the segment.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping iperf3 tcpdump ss
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
# UDP adds (e), over an IPv6 underlay, which GRE does not carry
if [ "$VNETFAB_ENCAP" = udp ]; then
	ktap_plan 29
else
	ktap_plan 24
fi

UL_MTU=1400
# what fits: the underlay MTU less the outer IPv4 and encapsulation
# headers (36 bytes for UDP/VXLAN, 28 for GRE) and the inner Ethernet
OVERHEAD=$(($(encap_overhead 4) + 14))
FIT_MTU=$((UL_MTU - OVERHEAD))

# snmp NS PROTO FIELD: counter PROTO (Ip, Udp, ...) FIELD of
# /proc/net/snmp in NS
snmp()
{
	ip netns exec "$1" awk -v p="$2:" -v f="$3" '
		$1 == p && !n { for (i = 2; i <= NF; i++) h[i] = $i; n = 1; next }
		$1 == p { for (i = 2; i <= NF; i++) if (h[i] == f) print $i }
	' /proc/net/snmp
}

# greater A B: integer A > integer B
greater()
{
	[ "$1" -gt "$2" ] 2>/dev/null || { echo "'$1' is not greater than '$2'"; return 1; }
}

# has_mtu OUTPUT: ping output reports an MTU
has_mtu()
{
	echo "$1"
	echo "$1" | grep -qi "mtu"
}

# gone PID: process PID (a child of this shell) has ended
gone()
{
	! kill -0 "$1" 2>/dev/null
}

# set_df VALUE: the df setting on both hosts, at run time
set_df()
{
	ctl h1 segment set fab100 df "$1" && ctl h2 segment set fab100 df "$1"
}

vnetfab_load
topo_underlay h1 h2
for h in h1 h2; do
	ip -n $h link set ul0 mtu $UL_MTU
	ip -n ul link set p$h mtu $UL_MTU
done
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 2001:db8:100::1/64
vm_add h2 vm2 fab100 02:00:00:00:01:02 198.51.100.2/24 2001:db8:100::2/64

check "small ping across (IPv4)" ping_ok vm1 198.51.100.2
check "small ping across (IPv6)" ping_ok vm1 2001:db8:100::2

# (a) df unset, the default: the underlay fragments the outer packet
frag0=$(snmp h1 Ip FragCreates)
check "df unset: 1428-byte IPv4 packet with DF crosses" \
	slowwait 5 ip netns exec vm1 ping -c 1 -W 1 -s 1400 -M do 198.51.100.2
check "df unset: h1 fragmented the outer packets" \
	greater "$(snmp h1 Ip FragCreates)" "$frag0"
check "df unset: 1448-byte IPv6 packet crosses" \
	slowwait 5 ip netns exec vm1 ping -6 -c 1 -W 1 -s 1400 -M do 2001:db8:100::2
check_eq "df unset: nothing counted too big" 0 "$(seg_stat h1 fab100 too_big)"

# (b) df set, changed at run time: the inner sender learns the path MTU
check "df set on both hosts at run time" set_df set

out=$(ip netns exec vm1 ping -c 1 -W 2 -s 1400 -M do 198.51.100.2 2>&1)
check "df set: ping -M do of 1428 bytes fails (IPv4)" test $? -ne 0
check "df set: VM told the MTU (frag needed)" has_mtu "$out"
check_eq "df set: reported MTU is underlay MTU less $OVERHEAD" $FIT_MTU \
	"$(reported_mtu "$out")"
too_big=$(seg_stat h1 fab100 too_big)
check "df set: too_big counted on h1" positive "$too_big"
check "df set: plain 1428-byte ping gets through after PMTU discovery (IPv4)" \
	slowwait 10 ip netns exec vm1 ping -c 1 -W 1 -s 1400 198.51.100.2

out=$(ip netns exec vm1 ping -6 -c 1 -W 2 -s 1400 -M do 2001:db8:100::2 2>&1)
check "df set: ping -M do of 1448 bytes fails (IPv6)" test $? -ne 0
check "df set: VM told the MTU (packet too big)" has_mtu "$out"
check_eq "df set: reported IPv6 MTU is underlay MTU less $OVERHEAD" $FIT_MTU \
	"$(reported_mtu "$out")"
check "df set: too_big counted for IPv6" \
	greater "$(seg_stat h1 fab100 too_big)" "$too_big"
check "df set: plain 1448-byte ping gets through after PMTU discovery (IPv6)" \
	slowwait 10 ip netns exec vm1 ping -6 -c 1 -W 1 -s 1400 2001:db8:100::2

# back to unset: what did not fit, fits again
check "df unset again at run time" set_df unset
check "df unset again: large ping across (IPv4)" \
	slowwait 5 ip netns exec vm2 ping -c 1 -W 1 -s 1400 198.51.100.1

# (c) GSO: with the VMs' MTU at what fits, TCP's GSO packets are
# encapsulated whole; each segment fits the underlay once cut, so the
# underlay veth takes them as they are, longer than its MTU. A packet
# socket on ul0 sees the packet as the device gets it. Any frame there
# longer than the MTU is such a packet: what is not GSO was fragmented
# (df unset) before it. How many segments TCP puts in one depends on
# its pacing rate; on a slow kernel it is the minimum, 2, whose packet
# (about 2700 bytes) is less than twice the MTU.
ip -n vm1 link set eth0 mtu $FIT_MTU
ip -n vm2 link set eth0 mtu $FIT_MTU
ip netns exec vm2 timeout 60 iperf3 -s -1 -B 198.51.100.2 >/tmp/gso.srv 2>&1 &
srv=$!
ip netns exec h1 timeout 60 tcpdump -i ul0 -nn -v -c 1 \
	"$(encap_filter) and src 192.0.2.1 and greater $((UL_MTU + 14 + 1))" >/tmp/gso.cap 2>&1 &
cap=$!
wait_listeners h1
slowwait 10 sh -c "ip netns exec vm2 ss -Htln | grep -q ':5201 '"
check "GSO: 1 MB over TCP from VM1 to VM2 (iperf3)" \
	ip netns exec vm1 timeout 60 iperf3 -c 198.51.100.2 -n 1M
# the transfer is over: what tcpdump did not see by now, never came
slowwait 5 gone $cap || kill $cap 2>/dev/null
wait $cap
rc=$?
check "GSO: h1 sent an encapsulated packet longer than ul0's MTU ($UL_MTU)" \
	sh -c "cat /tmp/gso.cap; exit $rc"
kill $srv 2>/dev/null
wait $srv

# (d) the VMs' own vxlan over the segment: their TCP super-packets reach
# the port already encapsulated, which GSO cannot nest: vnetfab must cut
# them before adding its own header, or every segment arrives mangled
for i in 1 2; do
	ip -n vm$i link add vx42 type vxlan id 42 dstport 4790 \
		local 198.51.100.$i remote 198.51.100.$((3 - i))
	ip -n vm$i link set vx42 mtu $((FIT_MTU - 50)) up
	ip -n vm$i addr add 10.42.0.$i/24 dev vx42
done
ip netns exec vm2 timeout 60 iperf3 -s -1 -B 10.42.0.2 >/tmp/gso.srv 2>&1 &
srv=$!
slowwait 10 sh -c "ip netns exec vm2 ss -Htln | grep -q '10.42.0.2:5201 '"
check "nested: ping over the VMs' own vxlan" ping_ok vm1 10.42.0.2
check "nested: 1 MB over TCP over the VMs' own vxlan (iperf3)" \
	ip netns exec vm1 timeout 60 iperf3 -c 10.42.0.2 -n 1M
# TCP gets through mangled segments by resending them; the mangled ones
# are UDP datagrams of the VMs' vxlan with a wrong length
check_eq "nested: no mangled vxlan datagram reached VM2 (UdpInErrors)" 0 \
	"$(snmp vm2 Udp InErrors)"
kill $srv 2>/dev/null
wait $srv
# (e) df inherit over an IPv6 underlay: the inner IPv4 header's DF
# decides, as over IPv4 (it was once ignored there, and DF packets were
# fragmented). vm2's new address has no path MTU learned in (b) yet.
if [ "$VNETFAB_ENCAP" = udp ]; then
	OVERHEAD6=$(($(encap_overhead 6) + 14))
	ip -n vm2 addr add 198.51.100.22/24 dev eth0
	ip -n vm1 link set eth0 mtu 1500
	ip -n vm2 link set eth0 mtu 1500
	check "IPv6 underlay, df inherit on both hosts" sh -c "
		ip netns exec h1 $VNETFABCTL peer set dev fab100 remote 2001:db8::2 &&
		ip netns exec h2 $VNETFABCTL peer set dev fab100 remote 2001:db8::1 &&
		ip netns exec h1 $VNETFABCTL segment set fab100 df inherit &&
		ip netns exec h2 $VNETFABCTL segment set fab100 df inherit"
	slowwait 10 ip netns exec vm1 ping -c 1 -W 1 198.51.100.22 >/dev/null
	too_big=$(seg_stat h1 fab100 too_big)
	out=$(ip netns exec vm1 ping -c 1 -W 2 -s 1400 -M do 198.51.100.22 2>&1)
	check "df inherit, IPv6 underlay: ping -M do of 1428 bytes fails" \
		test $? -ne 0
	check_eq "... VM told the MTU: underlay MTU less $OVERHEAD6" \
		$((UL_MTU - OVERHEAD6)) "$(reported_mtu "$out")"
	check "... too_big counted on h1" \
		greater "$(seg_stat h1 fab100 too_big)" "$too_big"
	check "df inherit, IPv6 underlay: 1428 bytes without DF cross (outer fragmented)" \
		slowwait 5 ip netns exec vm1 ping -c 1 -W 1 -s 1400 -M dont 198.51.100.22
fi
ktap_finish
