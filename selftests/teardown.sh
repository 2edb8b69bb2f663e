#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# vnetfab-timeout: 1200
# Teardown with traffic in flight: deleting the underlay netns of
# segments that have ports, peers and traffic; deleting the netns a
# segment was moved to; deleting a VM's netns (its port goes); unloading
# the module with devices, ports and traffic in several netns. Each must
# take exactly what it owns and leave the rest working. Leaks and
# reference-count errors show in the kernel log and in kmemleak, which
# run-guest.sh checks after the test.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping ss
ktap_header
ktap_plan 15

# flood NS ADDR: pings ADDR from NS every 50 ms until killed (or 120 s)
flood()
{
	ip netns exec "$1" ping -q -i 0.05 -w $((120 * SLOW)) "$2" >/dev/null 2>&1 &
	pids+=($!)
}
pids=()
stop_floods()
{
	kill "${pids[@]}" 2>/dev/null
	wait "${pids[@]}" 2>/dev/null
	pids=()
}

no_underlay_rx() { ! underlay_rx "$1"; }

vnetfab_load
topo_underlay h1 h2 h3
ns_create app3
for h in h1 h2 h3; do
	seg_add $h fab100 100
done
seg_mesh fab100 4 h1 h2 h3
# h3's segment lives in app3, its underlay stays h3
ip -n h3 link set fab100 netns app3
ip -n app3 link set fab100 up
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h1 vm1b fab100 02:00:00:00:01:02 198.51.100.11/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
vm_add app3 vm3 fab100 02:00:00:00:03:01 198.51.100.3/24 -

check "all VMs reach each other" sh -c "
	$(declare -f slowwait); SLOW=$SLOW
	slowwait 5 ip netns exec vm1 ping -c 1 -W 1 198.51.100.2 &&
	slowwait 5 ip netns exec vm1 ping -c 1 -W 1 198.51.100.3 &&
	slowwait 5 ip netns exec vm2 ping -c 1 -W 1 198.51.100.3"

# 1. a VM's netns goes: its veth, a port, goes with it, the segment stays
# (a netns lives as long as a process in it: VM1b's own pinger stops
# first, traffic to it goes on)
flood vm1 198.51.100.2
flood vm2 198.51.100.1
flood vm2 198.51.100.11
ip netns exec vm1b ping -q -i 0.05 -c 20 198.51.100.2 >/dev/null 2>&1
check "delete a VM's netns (vm1b) under traffic" ip netns del vm1b
# netns teardown runs later, in a workqueue, after RCU grace periods:
# up to a minute on a busy TCG guest
check "its port is released: the segment counts 1 port" \
	slowwait 60 sh -c "[ \$(ip netns exec h1 $VNETFABCTL show fab100 --json | jq '.[0].n_ports') = 1 ]"
check "the other VM of that host still reaches VM2" ping_ok vm1 198.51.100.2

# 2. the netns a segment was moved to goes: the segment goes, its
# underlay receive in h3 goes with the last segment there, the VM's port
# is released in the deleted netns (nothing left to check there)
flood vm3 198.51.100.1
check "delete the netns holding h3's segment (app3) under traffic" \
	ip netns del app3
check "h3's underlay receive is gone with its last segment" \
	slowwait 60 no_underlay_rx h3
check "VM1 and VM2 still reach each other" ping_ok vm1 198.51.100.2

# 3. the underlay netns of a segment with ports, peers and traffic goes
check "delete h1, underlay and home of fab100 with its ports, under traffic" \
	ip netns del h1
check "h1's VM lost its link with the host (veth pair gone)" \
	slowwait 60 sh -c "! ip -n vm1 link show eth0"
check_eq "h2 still has its segment" 1 "$(count_links h2)"
stop_floods

# 4. module unload with devices, ports, peers and traffic in several netns
# a new host on the underlay (topo_underlay would remake it)
ns_create h4
ip -n ul link add ph4 type veth peer name ul0 netns h4
ip -n ul link set ph4 master br0 up
ip -n h4 addr add 192.0.2.4/24 dev ul0
ip -n h4 link set ul0 up
seg_add h4 fab100 100
ctl h4 peer add dev fab100 remote 192.0.2.2
ctl h2 peer add dev fab100 remote 192.0.2.4
vm_add h4 vm4 fab100 02:00:00:00:04:01 198.51.100.4/24 -
check "before unload: VM4 reaches VM2" ping_ok vm4 198.51.100.2
flood vm4 198.51.100.2
flood vm2 198.51.100.4
check "module unloads with devices, ports and traffic present" vnetfab_unload
check_eq "no vnetfab device left" 0 $(( $(count_links h2) + $(count_links h4) ))
check "the former ports are left without a master" sh -c "
	ip -n h2 -o link show vm2 | grep -qv ' master ' &&
	ip -n h4 -o link show vm4 | grep -qv ' master '"
stop_floods
check "no underlay receive left (h2, h4)" \
	sh -c "$(declare -f underlay_rx); ! underlay_rx h2 && ! underlay_rx h4"
ktap_finish
