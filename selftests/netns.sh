#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Devices in several network namespaces; netns deletion with devices.
. "$(dirname "$0")/lib.sh"
require_root
ktap_header
ktap_plan 7

vnetfab_load
ns_create nsA nsB nsC
for ns in nsA nsB nsC; do
	ip -n $ns link add fab0 type vnetfab
	ctl $ns segment add fab1 id 2
done
check_eq "same names in three netns" 6 \
	$(( $(count_links nsA) + $(count_links nsB) + $(count_links nsC) ))
check "delete in one netns" ip -n nsB link del fab0
check_eq "others untouched" 5 \
	$(( $(count_links nsA) + $(count_links nsB) + $(count_links nsC) ))

ip -n nsA link set fab0 up
ip -n nsA addr add 198.51.100.1/24 dev fab0
check "netns deletion with devices present" ip netns del nsA
check "devices gone with their netns" slowwait 10 \
	sh -c '! ip -d -o link show type vnetfab | grep -q . && ! ip netns list | grep -qw nsA'
check "netns deletion of the rest" sh -c 'ip netns del nsB && ip netns del nsC'
# every device is gone, so nothing pins the module
check "module unloads afterwards" slowwait 10 vnetfab_unload
ktap_finish
