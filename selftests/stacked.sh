#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Stacked devices, a bug class of tunnel drivers (header_ops, rx_handler
# and upper/lower links of whatever sits above or below). As ports of
# segment 100 on h1: a VLAN device, a macvlan (passthru), a bond and a
# bridge, each with a VM behind it that reaches vm2 on h2. Above the
# segment: a VLAN device and a macvlan reach h2's endpoint. The segment
# itself as the slave of a bond and as the port of a team carries the
# bond's and the team's traffic. Then each is taken apart from below or
# above: ports released, slaves gone from their masters, no splat, and
# the module unloads. The switching does not depend on the encapsulation:
# one run, UDP.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping teamnl
ktap_header
ktap_plan 14

vnetfab_load
topo_underlay h1 h2
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -

# vm_below VM ADDR LOWER: netns VM with eth0 (ADDR, no IPv6), whose host
# side is h1's veth LOWER, up and not yet anyone's port
vm_below()
{
	ns_create "$1"
	ip -n h1 link add "$3" type veth peer name eth0 netns "$1"
	ip netns exec "$1" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1
	ip -n "$1" addr add "$2" dev eth0
	ip -n "$1" link set eth0 up
	ip -n h1 link set "$3" up
}
# quiet DEV...: no IPv6 of their own on h1 (no RS, no MLD in the fabric)
quiet() { local d; for d in "$@"; do ip netns exec h1 sysctl -qw "net.ipv6.conf.$d.disable_ipv6=1"; done; }

# ports: a VLAN device (the VM tags its frames with VLAN 10)
vm_below vmv 198.51.100.11/24 vl0
ip -n vmv link add link eth0 name eth0.10 type vlan id 10
ip netns exec vmv sysctl -qw net.ipv6.conf.eth0/10.disable_ipv6=1
ip -n vmv addr del 198.51.100.11/24 dev eth0
ip -n vmv addr add 198.51.100.11/24 dev eth0.10
ip -n vmv link set eth0.10 up
ip -n h1 link add link vl0 name vl0.10 type vlan id 10
quiet vl0/10
ip -n h1 link set vl0.10 master fab100 up
check "a VLAN device as a port: its VM reaches vm2" ping_ok vmv 198.51.100.2

# a macvlan in passthru mode (all the lower's frames are the macvlan's)
vm_below vmm 198.51.100.12/24 ml0
ip -n h1 link add mv0 link ml0 type macvlan mode passthru
quiet mv0
ip -n h1 link set mv0 master fab100 up
check "a macvlan (passthru) as a port: its VM reaches vm2" ping_ok vmm 198.51.100.2

# a bond (active-backup) of the VM's veth
vm_below vmb 198.51.100.13/24 bl0
ip -n h1 link add bond0 type bond mode active-backup miimon 100
quiet bond0
ip -n h1 link set bl0 down
ip -n h1 link set bl0 master bond0
ip -n h1 link set bond0 master fab100 up
check "a bond as a port: its VM reaches vm2" ping_ok vmb 198.51.100.2

# a bridge, the VM's veth its port
vm_below vmr 198.51.100.14/24 brl
ip -n h1 link add br5 type bridge
quiet br5
ip -n h1 link set brl master br5
ip -n h1 link set br5 master fab100 up
check "a bridge as a port: its VM reaches vm2" ping_ok vmr 198.51.100.2
check_eq "the segment counts 4 ports" 4 "$(seg_stat h1 fab100 n_ports)"

# above the segment: a VLAN device on each host, a macvlan on h1
for h in h1 h2; do
	ip -n $h link add link fab100 name fab100.20 type vlan id 20
	ip netns exec $h sysctl -qw net.ipv6.conf.fab100/20.disable_ipv6=1
	ip -n $h link set fab100.20 up
done
ip -n h1 addr add 10.20.0.1/24 dev fab100.20
ip -n h2 addr add 10.20.0.2/24 dev fab100.20
check "a VLAN device above the segment reaches h2's" ping_ok h1 10.20.0.2
ip -n h1 link add mvs link fab100 type macvlan mode bridge
quiet mvs
ip -n h1 addr add 10.30.0.1/24 dev mvs
ip -n h1 link set mvs up
ip -n h2 addr add 10.30.0.2/24 dev fab100
check "a macvlan above the segment reaches h2's endpoint" ping_ok h1 10.30.0.2

# the segment as the slave of a bond: bond1 on h1, the endpoint on h2
seg_add h1 fab101 101
seg_add h2 fab101 101
seg_mesh fab101 4 h1 h2
ip -n h2 addr add 10.101.0.2/24 dev fab101
ip -n h1 link add bond1 type bond mode active-backup miimon 100
quiet bond1
ip -n h1 link set fab101 down
ip -n h1 link set fab101 master bond1
ip -n h1 addr add 10.101.0.1/24 dev bond1
ip -n h1 link set bond1 up
check "a segment as a bond's slave carries the bond's traffic" ping_ok h1 10.101.0.2

# the segment as a team's port (activebackup, set by teamnl, no teamd)
seg_add h1 fab102 102
seg_add h2 fab102 102
seg_mesh fab102 4 h1 h2
ip -n h2 addr add 10.102.0.2/24 dev fab102
ip -n h1 link add team0 type team
quiet team0
ip netns exec h1 teamnl team0 setoption mode activebackup
ip -n h1 link set team0 address "$(ip -n h1 -j link show fab102 | jq -r '.[0].address')"
ip -n h1 link set fab102 down
ip -n h1 link set fab102 master team0
ip netns exec h1 teamnl team0 setoption activeport \
	"$(ip -n h1 -j link show fab102 | jq -r '.[0].ifindex')"
ip -n h1 addr add 10.102.0.1/24 dev team0
ip -n h1 link set team0 up
check "a segment as a team's port carries the team's traffic" ping_ok h1 10.102.0.2

# taken apart: the lower of a stacked port, the bond under a port, the
# segments under the bond and the team
ip -n h1 link del vl0
check_eq "deleting the VLAN port's lower device releases the port" 3 \
	"$(seg_stat h1 fab100 n_ports)"
ip -n h1 link del bond0
check_eq "deleting the bond releases it" 2 "$(seg_stat h1 fab100 n_ports)"
ip -n h1 link del fab101
check_eq "a segment deleted under its bond leaves the bond no slave" "" \
	"$(ip -n h1 -o link show master bond1)"
ip -n h1 link del fab102
check_eq "a segment deleted under its team leaves the team no port" "" \
	"$(ip -n h1 -o link show master team0)"
ns_cleanup
check "the module unloads" vnetfab_unload
ktap_finish
