#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vnetfab-timeout: 1200
# Abuse from a VM and from a peer: a flood of random source MACs keeps
# the learned table, and the memory it costs, within the learned-MAC
# limit on the host whose port it comes from and on the peer it reaches;
# a stranger claiming a VM's MAC moves nothing; no frame crosses into
# another segment meanwhile. (Permissions: perms.sh; malformed packets:
# pkt_fuzz.sh.)
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 11

N=20000		# source MACs in a flood
CAP=100		# the learned-MAC limit under test

meminfo() { awk -v k="$1:" '$1 == k { print $2 * 1024 }' /proc/meminfo; }
# learned NS: learned (not static) entries of fab100 in NS
learned()
{
	ctl "$1" fdb show dev fab100 --json | jq '[.[] | select(.static | not)] | length'
}
# flood: N frames from vm1, each from a new source MAC, 0a:00:00:00:00:01
# on (never a VM's 02:00:...: a forged VM MAC would move that VM's entry,
# which is port security's business, and a VM's own ARP probe re-learning
# its MAC after a flush would then leave it behind the flooding port)
flood()
{
	ip netns exec vm1 "$RAWFRAME" srcflood eth0 \
		"ffffffffffff0a000000000088b5$(printf '%092d' 0)" "$N"
}
# drained NS: the flood's last frame was counted on NS's fab100 (as
# learned or as over the limit)
drained()
{
	local d
	d=$(ctl "$1" show fab100 --json | jq '.[0] | .stats.learn_limit + .n_addrs')
	[ "$d" -ge "$2" ]
}

vnetfab_load
topo_underlay h1 h2 h3
# quiet hosts: segment 101's check below counts every frame its VMs
# receive, and the segments' own host ends and the VMs' host-side veths
# would send IPv6 router solicitations and MLD reports into it
for h in h1 h2 h3; do
	ip netns exec $h sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip netns exec $h sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
for h in h1 h2 h3; do
	seg_add $h fab100 100
	seg_add $h fab101 101
done
seg_mesh fab100 4 h1 h2
seg_mesh fab101 4 h1 h2 h3
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
vm_add h1 vm5 fab101 02:00:00:00:01:05 198.51.101.1/24 -
vm_add h2 vm6 fab101 02:00:00:00:02:06 198.51.101.2/24 -
check "VM1 reaches VM2" ping_ok vm1 198.51.100.2
vm5rx=$(link_stat vm5 eth0 rx packets)
vm6rx=$(link_stat vm6 eth0 rx packets)

# the memory a flood costs without a limit worth the name, as the
# yardstick: the whole flood learned on h1 and h2
for h in h1 h2; do
	ctl $h segment set fab100 maxaddr $((N + 1000)) ageing 600
done
s0=$(meminfo Slab)
flood
slowwait 60 drained h2 $N
s1=$(meminfo Slab)
check "yardstick: h1 learned the whole flood from its port" \
	test "$(learned h1)" -ge "$N"
ctl h1 fdb flush dev fab100
ctl h2 fdb flush dev fab100

for h in h1 h2; do
	ctl $h segment set fab100 maxaddr $CAP
done
lim1=$(seg_stat h1 fab100 learn_limit)
lim2=$(seg_stat h2 fab100 learn_limit)
s2=$(meminfo Slab)
flood
slowwait 60 drained h2 $((N - CAP))
s3=$(meminfo Slab)
l1=$(learned h1) l2=$(learned h2)
check "from a port: h1 learned $l1 <= $CAP" test "$l1" -le $CAP
check "from a peer: h2 learned $l2 <= $CAP" test "$l2" -le $CAP
check "h1 counted the rest in learn_limit" \
	test $(( $(seg_stat h1 fab100 learn_limit) - lim1 )) -ge $((N - CAP))
check "h2 counted the rest in learn_limit" \
	test $(( $(seg_stat h2 fab100 learn_limit) - lim2 )) -ge $((N - CAP))
# the yardstick's entries cost memory; the capped flood's must not grow
# with N: a quarter of the yardstick's growth is far above the entries
# CAP allows and far below N entries
echo "# slab growth: $(( (s1 - s0) / 1024 )) KiB for $N learned, $(( (s3 - s2) / 1024 )) KiB with maxaddr $CAP"
check "memory bounded by the limit: slab grew less than a quarter of the unlimited flood's" \
	test $((s3 - s2)) -lt $(( (s1 - s0) / 4 ))

# a stranger (h3, not a peer of segment 100 on h1) sends frames that
# claim VM2's MAC: dropped as from an unknown peer, VM2 stays at h2
# (probe off: its probes would be unknown-peer drops at h1 too)
ctl h3 peer add dev fab100 remote 192.0.2.1 probe off
ns_create vmx
# quiet: no IPv6 of its own, so only the 20 frames below leave it
ip netns exec vmx sysctl -qw net.ipv6.conf.all.disable_ipv6=1
ip netns exec vmx sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n h3 link add vmx type veth peer name eth0 netns vmx
ip -n vmx link set eth0 address 02:00:00:00:02:01 up
ip -n h3 link set vmx master fab100 up
ctl h1 segment set fab100 maxaddr 1000
check "VM1 reaches VM2 (VM2's MAC learned at h2)" ping_ok vm1 198.51.100.2
u0=$(seg_stat h1 fab100 rx_unknown_peer)
ip netns exec vmx "$RAWFRAME" send eth0 "ffffffffffff02000000020188b5$(printf '%092d' 0)" 20
check "the stranger's 20 frames are dropped as from an unknown peer" \
	slowwait 10 sh -c "[ \$(( \$(ip netns exec h1 $VNETFABCTL show fab100 --json | jq '.[0].stats.rx_unknown_peer') - $u0 )) -eq 20 ]"
check_eq "VM2's MAC still lives at h2" 192.0.2.2 \
	"$(ctl h1 fdb show dev fab100 --json | jq -r '.[] | select(.mac == "02:00:00:00:02:01") | .remote')"

# segment 101 is meshed with all three hosts and saw none of it: its
# VMs are quiet (no IPv6), so they received nothing at all
check_eq "no frame crossed into segment 101" "0 0" \
	"$(( $(link_stat vm5 eth0 rx packets) - vm5rx )) $(( $(link_stat vm6 eth0 rx packets) - vm6rx ))"
ktap_finish
