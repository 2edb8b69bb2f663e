#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# IEEE 802.1D link-local frames (01:80:c2:00:00:0X) are not switched, as
# by a Linux bridge with STP off: LLDP, 802.1X, LACP and the like stay on
# the link they were sent on, PAUSE is dropped and counted; only BPDUs
# (01:80:c2:00:00:00) cross, so that bridges behind ports can see a loop
# the fabric closes. From a VM's port and from a peer (a stock vxlan or
# gretap device, whose host sends whatever it likes).
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 10

vnetfab_load
topo_underlay h1 h2 h3
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
ctl h1 peer add dev fab100 remote 192.0.2.3
vm_add h1 vm11 fab100 02:00:00:00:01:01 198.51.100.11/24 -
vm_add h1 vm12 fab100 02:00:00:00:01:02 198.51.100.12/24 -
vm_add h2 vm21 fab100 02:00:00:00:02:01 198.51.100.21/24 -
# h3: a stock tunnel device of 100, h1 its remote
if [ "$VNETFAB_ENCAP" = gre ]; then
	ip -n h3 link add st0 address 02:00:00:00:03:01 type gretap key 100 \
		remote 192.0.2.1 local 192.0.2.3
else
	ip -n h3 link add st0 address 02:00:00:00:03:01 type vxlan id 100 \
		dstport 4789 remote 192.0.2.1 local 192.0.2.3
fi
ip -n h3 addr add 198.51.100.3/24 dev st0
ip -n h3 link set st0 up

pad=$(printf '%092d' 0)
# blast NS DEV SRC: 5 frames to each link-local group of interest, then
# a broadcast marker (0x88b7) that ends the listeners
blast()
{
	local g
	for g in 00 01 02 03 0e; do
		ip netns exec "$1" "$RAWFRAME" send "$2" \
			"0180c20000$g${3//:/}88b5$pad" 5
	done
	ip netns exec "$1" "$RAWFRAME" send "$2" "ffffffffffff${3//:/}88b7$pad"
}
# got FILE GROUP: frames to 01:80:c2:00:00:GROUP in a listener's file
got() { grep -c "^0180c20000$2" "$1"; }

# from VM11's port: VM12 (same host) and VM21 (across the fabric) listen
src=02:00:00:00:01:01
for vm in vm12 vm21; do
	ip netns exec $vm "$RAWFRAME" recv eth0 $src 120000 0 88b7 >/tmp/ll.$vm &
done
wait_listeners vm12 vm21
inv0=$(seg_stat h1 fab100 rx_invalid)
blast vm11 eth0 $src
wait
for vm in vm12 vm21; do
	check_eq "from a port: BPDUs reach $vm, 5 of 5" 5 "$(got /tmp/ll.$vm 00)"
	check_eq "from a port: no LLDP, 802.1X, LACP or PAUSE frame reaches $vm" \
		"0 0 0 0" "$(got /tmp/ll.$vm 01) $(got /tmp/ll.$vm 02) $(got /tmp/ll.$vm 03) $(got /tmp/ll.$vm 0e)"
done
check_eq "from a port: the 5 PAUSE frames counted as invalid" 5 \
	$(( $(seg_stat h1 fab100 rx_invalid) - inv0 ))

# from the stock peer: VM11 listens
src=02:00:00:00:03:01
ip netns exec vm11 "$RAWFRAME" recv eth0 $src 120000 0 88b7 >/tmp/ll.peer &
wait_listeners vm11
inv0=$(seg_stat h1 fab100 rx_invalid)
blast h3 st0 $src
wait
check_eq "from a peer: BPDUs reach the VM, 5 of 5" 5 "$(got /tmp/ll.peer 00)"
check_eq "from a peer: no other link-local frame reaches the VM" \
	"0 0 0 0" "$(got /tmp/ll.peer 01) $(got /tmp/ll.peer 02) $(got /tmp/ll.peer 03) $(got /tmp/ll.peer 0e)"
check_eq "from a peer: the 20 others counted as invalid" 20 \
	$(( $(seg_stat h1 fab100 rx_invalid) - inv0 ))
check "the fabric still switches: VM11 pings VM21" ping_ok vm11 198.51.100.21
check "... and the stock peer's host" ping_ok vm11 198.51.100.3
ktap_finish
