#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module load and unload, with and without devices present.
. "$(dirname "$0")/lib.sh"
require_root
ktap_header
ktap_plan 8

modprobe -r vnetfab 2>/dev/null
check "load without devices" vnetfab_load
check "genl family registered" sh -c "genl ctrl list | grep -q 'Name: vnetfab'"
check "unload without devices" vnetfab_unload
check_fail "module gone after unload" test -d /sys/module/vnetfab

# rtnetlink autoloads the module by its link kind alias
check "link kind autoloads the module" ip link add fab0 type vnetfab
ns_create mlA
ip -n mlA link add fab1 type vnetfab
"$VNETFABCTL" segment add fab2 id 2
check_eq "devices present before unload" 3 $(( $(count_links) + $(count_links mlA) ))
check "unload with devices present" vnetfab_unload
check_eq "devices gone with the module" 0 $(( $(count_links) + $(count_links mlA) ))
ktap_finish
