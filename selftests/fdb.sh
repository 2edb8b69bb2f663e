#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# The MAC table: learning from ports and peers, ageing, a MAC moving
# across hosts, static entries, the cap on learned MACs under a flood of
# random source MACs.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 17

vnetfab_load
topo_segment fab100 100 h1 h2 h3
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 2001:db8:100::1/64
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 2001:db8:100::2/64
vm_add h3 vm3 fab100 02:00:00:00:03:01 198.51.100.3/24 2001:db8:100::3/64

# fdb_where HOST MAC: "port NAME", "remote ADDR", "local" or nothing
fdb_where()
{
	ctl "$1" fdb show dev fab100 --json |
		jq -r ".[] | select(.mac == \"$2\") |
		       if .port then \"port \" + .port
		       elif .remote then \"remote \" + .remote
		       else \"local\" end"
}

ping_ok vm1 198.51.100.2
check_eq "learned from a local port" "port vm1" "$(fdb_where h1 02:00:00:00:01:01)"
check_eq "learned from a peer" "remote 192.0.2.2" "$(fdb_where h1 02:00:00:00:02:01)"
ctl h3 segment set fab100 ageing 3
check "a learned MAC ages out (ageing set to 3 s at run time)" \
	slowwait 20 sh -c "[ -z \"\$(ip netns exec h3 $VNETFABCTL fdb show dev fab100 | grep 02:00:00:00:01:01)\" ]"

# the VM moves from host 2 to host 3: the first frame from the new place
# takes effect on host 1
ping_ok vm1 198.51.100.2
ip -n h2 link del vm2
ip netns del vm2
vm_add h3 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 2001:db8:100::2/64
ip netns exec vm2 "$RAWFRAME" send eth0 "ffffffffffff02000000020188b5$(printf '%092d' 0)"
check "MAC move across hosts" slowwait 5 \
	sh -c "[ \"\$(ip netns exec h1 $VNETFABCTL fdb show dev fab100 --json | jq -r '.[] | select(.mac == \"02:00:00:00:02:01\") | .remote')\" = 192.0.2.3 ]"
check "traffic follows the moved MAC" ping_ok vm1 198.51.100.2

# static entries: never aged, never moved by learning
check "static entry to a peer" ctl h1 fdb add dev fab100 02:00:00:00:0a:0a remote 192.0.2.3
check "static entry to a port" ctl h1 fdb add dev fab100 02:00:00:00:0b:0b port vm1
check_err "static entry to an unknown peer refused" "not a peer" \
	ctl h1 fdb add dev fab100 02:00:00:00:0c:0c remote 192.0.2.99
# a frame from the static MAC arriving on a local port must not move it
ip netns exec vm1 "$RAWFRAME" send eth0 "ffffffffffff020000000a0a88b5$(printf '%092d' 0)"
check_eq "static entry not moved by learning" "remote 192.0.2.3" \
	"$(fdb_where h1 02:00:00:00:0a:0a)"
check "fdb del" ctl h1 fdb del dev fab100 02:00:00:00:0b:0b
check_err "fdb del of a missing MAC says so" "no entry" \
	ctl h1 fdb del dev fab100 02:00:00:00:0b:0b

# 2000 random source MACs against a cap of 50 learned entries
ctl h2 segment set fab100 maxaddr 50 ageing 300
ip netns exec vm1 "$RAWFRAME" srcflood eth0 "ffffffffffff0a000000000088b5$(printf '%092d' 0)" 2000
learned=$(ctl h2 fdb show dev fab100 --json | jq '[.[] | select(.static | not)] | length')
check "learned MACs stay within maxaddr (50) under a flood: $learned" test "$learned" -le 50
check "the excess is counted in learn_limit" \
	test "$(seg_stat h2 fab100 learn_limit)" -ge 1900

# flush: learned entries go, static ones stay unless "all" (learning
# off first, so that no frame of the VMs' own puts one back meanwhile)
ctl h2 segment set fab100 learning off
ctl h2 fdb add dev fab100 02:00:00:00:0d:0d local
check "fdb flush" ctl h2 fdb flush dev fab100
check_eq "... left only the static entry" "02:00:00:00:0d:0d" \
	"$(ctl h2 fdb show dev fab100 --json | jq -r '([.[] | select(.static | not)] | length) as $l | if $l == 0 then ([.[].mac] | join(" ")) else "learned: \($l)" end')"
check "fdb flush all" ctl h2 fdb flush dev fab100 all
check_eq "... left nothing" 0 "$(ctl h2 fdb show dev fab100 --json | jq length)"
ktap_finish
