#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# Ports: what may be enslaved and what is refused (with a reason), nomaster,
# and a port released when its device disappears (QEMU closing its tap);
# for GRE segments, the receive device vnetfab_gre is never a port.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
ktap_header
if [ "$VNETFAB_ENCAP" = gre ]; then ktap_plan 12; else ktap_plan 11; fi

vnetfab_load
ns_create pA
A="ip -n pA"
ctl pA segment add fab0 id 10 encap "$VNETFAB_ENCAP"
ctl pA segment add fab1 id 11 encap "$VNETFAB_ENCAP"
$A link set fab0 up

check_err "loopback refused" "loopback" $A link set lo master fab0
check_err "a device as its own port refused" "its own port" $A link set fab0 master fab0
check_err "another vnetfab device refused" "cannot be a port of another" \
	$A link set fab1 master fab0
$A link add v0 type veth peer name v0p
$A link add gre9 type gre local 192.0.2.1 remote 192.0.2.2
check_err "a non-Ethernet device refused" "only Ethernet" $A link set gre9 master fab0
$A link add v1 type veth peer name v1p
$A link add mv0 link v1 type macvlan
check_err "a device another driver holds refused" "in use by another driver" \
	$A link set v1 master fab0
if [ "$VNETFAB_ENCAP" = gre ]; then
	# it carries every GRE segment's traffic: as a port it would loop
	check "the GRE receive device vnetfab_gre refused" \
		sh -c "$A link show vnetfab_gre && ! $A link set vnetfab_gre master fab0"
fi

check "a veth becomes a port" $A link set v0p master fab0
check_eq "the segment counts 1 port" 1 "$(seg_stat pA fab0 n_ports)"
check "nomaster releases it" $A link set v0p nomaster
check_eq "the segment counts 0 ports" 0 "$(seg_stat pA fab0 n_ports)"

# a tap that vanishes while enslaved
modprobe tun
$A tuntap add tap0 mode tap
$A link set tap0 master fab0
$A link set tap0 up
check "a tap becomes a port" sh -c "$A -d link show tap0 | grep -q 'master fab0'"
$A tuntap del tap0 mode tap
check_eq "a deleted port device is released" 0 "$(seg_stat pA fab0 n_ports)"
ktap_finish
