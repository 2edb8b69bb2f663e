#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The generic netlink family through vnetfabctl: dump and get of segment
# devices, per netns, a dump spanning several messages, JSON output.
. "$(dirname "$0")/lib.sh"
require_root
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 12

vnetfab_load
ns_create gA gB

check_eq "empty netns dumps nothing" "" "$(ctl gA show)"
check_eq "empty netns dumps [] in JSON" "[]" "$(ctl gA show --json | tr -d ' \n')"
check "segment add through rtnetlink" ctl gA segment add fab0 id 100
check_err "encap gre refused until it exists" "encap gre is not available" \
	ctl gA segment add fab1 id 200 encap gre
check "second segment" ctl gA segment add fab1 id 200
ctl gB segment add fab9 id 9
check "text lists fab0 with id 100" sh -c "ip netns exec gA $VNETFABCTL show | grep -q \"fab0: id 100 encap udp\""
check_eq "JSON lists exactly this netns' devices" "fab0 fab1" \
	"$(ctl gA show --json | grep -o '"ifname":"[^"]*"' | cut -d'"' -f4 | sort | xargs)"
check_eq "get one by name" 200 \
	"$(ctl gA show fab1 --json | grep -o '"id":[0-9]*' | cut -d: -f2)"
check_err "get a missing device names it" "nosuch" ctl gA show nosuch
check_err "id 0 refused, naming the valid range" "1..16777215" \
	ctl gA segment add fab2 id 0

# 300 devices cannot fit one netlink message: the dump must span
# several and still list each exactly once
for i in $(seq 1 300); do ctl gB segment add "m$i" id $((1000 + i)); done
check_eq "dump of 301 devices across messages" 301 \
	"$(ctl gB show --json | grep -o '"ifname":"[^"]*"' | sort -u | wc -l)"
check "segment del" ctl gA segment del fab0
ktap_finish
