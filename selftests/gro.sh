#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# GRO on receive. h1's underlay device cuts the encapsulated TCP
# super-packets into MTU-sized datagrams (as a NIC without tunnel TSO
# would); h2's underlay device runs GRO (a veth does with "gro on"). The
# datagrams of one flow must merge again before decapsulation (the UDP
# socket's GRO callbacks; ip_gre's for GRE), so VM2's port carries fewer,
# larger frames than the wire did. With GRO off on h2's ul0, UDP's stay
# apart, which shows the count tells the two cases apart; GRE's still
# merge, in the GRO cells ip_gre's device runs after decapsulation.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq iperf3 ethtool ss
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 13

vnetfab_load
topo_underlay h1 h2
for h in h1 h2; do
	seg_add $h fab100 100
done
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
# what fits the underlay once encapsulated: no outer fragments, which
# GRO would leave alone
mtu=$((1500 - $(encap_overhead 4) - 14))
ip -n vm1 link set eth0 mtu "$mtu"
ip -n vm2 link set eth0 mtu "$mtu"

if [ "$VNETFAB_ENCAP" = udp ]; then
	seg_off="tx-udp_tnl-segmentation off tx-udp_tnl-csum-segmentation off"
else
	seg_off="tx-gre-segmentation off tx-gre-csum-segmentation off"
fi
# shellcheck disable=SC2086
check "h1's ul0 no longer segments $VNETFAB_ENCAP tunnels in hardware" \
	ip netns exec h1 ethtool -K ul0 $seg_off

# run LABEL: 4 MB from vm1 to vm2; sets WIRE (packets h2's ul0 got)
# and PORT (frames h2 sent to VM2's port)
run()
{
	local w0 b0 s0 p0 srv bytes sent
	ip netns exec vm2 timeout 120 iperf3 -s -1 -B 198.51.100.2 >/dev/null 2>&1 &
	srv=$!
	slowwait 20 sh -c "ip netns exec vm2 ss -Htln | grep -q ':5201 '"
	w0=$(link_stat h2 ul0 rx packets)
	b0=$(link_stat h2 ul0 rx bytes)
	s0=$(link_stat h1 ul0 tx packets)
	p0=$(link_stat h2 vm2 tx packets)
	check "$1: 4 MB over TCP from VM1 to VM2 (iperf3)" \
		ip netns exec vm1 timeout 120 iperf3 -c 198.51.100.2 -n 4M
	wait $srv
	WIRE=$(( $(link_stat h2 ul0 rx packets) - w0 ))
	bytes=$(( $(link_stat h2 ul0 rx bytes) - b0 ))
	sent=$(( $(link_stat h1 ul0 tx packets) - s0 ))
	PORT=$(( $(link_stat h2 vm2 tx packets) - p0 ))
	echo "# $1: h1's ul0 sent $sent packets; h2's ul0 got $WIRE packets" \
		"($bytes bytes), $PORT frames to VM2's port"
	# the ratios below say nothing of an empty run. iperf3 -n ends the
	# test at the client's last write, and the server stops reading:
	# what the socket buffers still held never crosses. Loaded CI
	# machines carried 1562 to 2126 datagrams (1.6 to 3.3 MB) where
	# quiet ones carry 3029; 1000 datagrams are plenty for a ratio
	check "$1: at least 1000 datagrams crossed the underlay" \
		[ "$WIRE" -ge 1000 ]
}

# a veth hands a packet to its peer's GRO only if the sending end does
# not do TSO itself (veth_skb_is_eligible_for_gro())
check "GRO on at h2's ul0 (TSO off on the bridge port that feeds it)" \
	sh -c "ip netns exec ul ethtool -K ph2 tso off &&
	       ip netns exec h2 ethtool -K ul0 gro on"
ping_ok vm1 198.51.100.2
run "GRO on"
# without GRO it is one frame a datagram (the GRO off check); with it,
# a stock kernel merges 10-20, the debug kernel, slower, about 2
check "GRO on: at most 2 frames per 3 datagrams reached VM2's port" \
	[ $((3 * PORT)) -le $((2 * WIRE)) ]

check "GRO off at h2's ul0" ip netns exec h2 ethtool -K ul0 gro off
run "GRO off"
if [ "$VNETFAB_ENCAP" = udp ]; then
	check "GRO off: as many frames reached VM2's port as datagrams came (within 10 %)" \
		[ $((10 * PORT)) -ge $((9 * WIRE)) ]
else
	# (the debug kernel merged 3029 into 1522: just under 2 to 1)
	check "GRO off: ip_gre's GRO cells still merged: at most 2 frames per 3 datagrams" \
		[ $((3 * PORT)) -le $((2 * WIRE)) ]
fi

# frames the underlay cannot take whole once encapsulated (the VMs at
# 1500 like the segment): the outer packets fragment, h2 reassembles
# them and, for GRE, ip_gre's GRO cells merge the decapsulated frames.
# Those super-packets carry no inner headers; they were once all
# dropped as invalid (TCP over GRE crawled at a few Mbit/s).
check "GRO on at h2's ul0, VMs at MTU 1500" sh -c "
	ip netns exec h2 ethtool -K ul0 gro on &&
	ip -n vm1 link set eth0 mtu 1500 && ip -n vm2 link set eth0 mtu 1500"
inv0=$(seg_stat h2 fab100 rx_invalid)
run "fragmented underlay"
check_eq "fragmented underlay: no frame dropped as invalid at h2" 0 \
	$(( $(seg_stat h2 fab100 rx_invalid) - inv0 ))
ktap_finish
