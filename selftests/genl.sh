#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The generic netlink family through vnetfabctl: dump and get of segment
# devices, per netns, a dump spanning several messages, JSON output.
. "$(dirname "$0")/lib.sh"
require_root
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 14

vnetfab_load
ns_create gA gB

check_eq "empty netns dumps nothing" "" "$(ctl gA show)"
check_eq "empty netns dumps [] in JSON" "[]" "$(ctl gA show --json | tr -d ' \n')"
check "segment add through rtnetlink" ctl gA segment add fab0 id 100
check_err "encap gre with a dstport refused" "dstport" \
	ctl gA segment add fab1 id 200 encap gre dstport 4790
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
# refusals that only the kernel can make, with its extack text
ctl gA segment add fab3 id 300 local 192.0.2.1
check_err "kernel: a peer of the other address family is refused" \
	"address family differs" ctl gA peer add dev fab3 remote 2001:db8::2
check_err "kernel: a static MAC on a device that is not a port is refused" \
	"not a port of this segment" ctl gA fdb add dev fab3 02:00:00:00:00:01 port lo

# 150 segments (~340 bytes each) cannot fit one netlink dump message
# (32 KiB at most): the dump must span several and list each once
for i in $(seq 1 150); do ctl gB segment add "m$i" id $((1000 + i)); done
check_eq "dump of 151 devices across messages" 151 \
	"$(ctl gB show --json | grep -o '"ifname":"[^"]*"' | sort -u | wc -l)"
check "segment del" ctl gA segment del fab0
ktap_finish
