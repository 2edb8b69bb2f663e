#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# Churn under traffic: while a TCP stream (iperf3) and a broadcast stream
# cross segment 100, loop for a bounded time over every configuration
# change a running fabric sees: peer add/delete, peer set, FDB flush, port
# release/enslave, deletion of a port device, link down/up, MTU change,
# netns move of a segment with a port, segment delete/recreate, module
# unload and reload (with the fabric rebuilt). Then the traffic must
# recover, the counters be sane, and the module unload with
# the traffic still running.
#
#   VNETFAB_CHURN_SECS  how long the loop runs (default 20 s; at least
#                       one full round is always run)
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping iperf3
# vnetfab-timeout: 1200
ktap_header
ktap_plan 14

secs=${VNETFAB_CHURN_SECS:-20}
vnetfab_load
topo_underlay h1 h2 h3
ns_create app1
# fabric_up: the segments, their peers and (once the VMs exist) their
# ports; run again after a module reload
fabric_up()
{
	local h
	for h in h1 h2 h3; do
		seg_add $h fab100 100 || return 1
	done
	seg_mesh fab100 4 h1 h2 h3 &&
	seg_add h1 fab101 101 &&
	seg_add h2 fab101 101 &&
	seg_mesh fab101 4 h1 h2 &&
	seg_add h1 fab102 102 &&
	ctl h1 peer add dev fab102 remote 192.0.2.2 || return 1
	[ -e /run/netns/vm4 ] || return 0
	ip -n h1 link set vm1 master fab100 &&
	ip -n h2 link set vm2 master fab100 &&
	ip -n h1 link set vm3 master fab101 &&
	ip -n h2 link set vm4 master fab101
}
fabric_up
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
vm_add h1 vm3 fab101 02:00:00:00:01:03 198.51.101.1/24 -
vm_add h2 vm4 fab101 02:00:00:00:02:04 198.51.101.2/24 -
mtu0=$(ip -n h1 -j link show fab100 | jq '.[0].mtu')

check "before: VM1 pings VM2" ping_ok vm1 198.51.100.2
check "before: VM3 pings VM4 (segment 101)" ping_ok vm3 198.51.101.2

# the traffic: a TCP stream VM1 -> VM2 and broadcasts from VM1 and VM3,
# for the loop's time and a margin
dur=$((secs + 10 * SLOW))
ip netns exec vm2 timeout $((dur + 40 * SLOW)) iperf3 -s -1 -B 198.51.100.2 \
	>/tmp/churn.srv 2>&1 &
srv=$!
slowwait 10 sh -c "ip netns exec vm2 ss -Htln | grep -q ':5201 '"
ip netns exec vm1 timeout $((dur + 30 * SLOW)) iperf3 -c 198.51.100.2 -t "$dur" \
	-b 50M >/tmp/churn.cli 2>&1 &
cli=$!
ip netns exec vm1 sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec vm1 ping -q -b -i 0.05 -w "$dur" 198.51.100.255 >/dev/null 2>&1 &
bc1=$!
ip netns exec vm3 ping -q -b -i 0.05 -w "$dur" 198.51.101.255 >/dev/null 2>&1 &
bc3=$!

# op NAME CMD...: one change; a failure is logged and counted
fails=0 ops=0
op()
{
	local name=$1 out
	shift
	ops=$((ops + 1))
	if ! out=$("$@" 2>&1); then
		fails=$((fails + 1))
		echo "# churn: '$name' failed: $out" | head -n 3
	fi
}

rounds=0 reloads=0
end=$((SECONDS + secs))
while [ $rounds = 0 ] || [ $SECONDS -lt $end ]; do
	rounds=$((rounds + 1))
	op "peer add" ctl h1 peer add dev fab100 remote 192.0.2.9
	op "peer del" ctl h1 peer del dev fab100 remote 192.0.2.9
	op "peer set (replace)" ctl h1 peer set dev fab100 remote 192.0.2.2
	op "peer set (restore)" \
		ctl h1 peer set dev fab100 remote 192.0.2.2 remote 192.0.2.3
	op "fdb flush" ctl h1 fdb flush dev fab100
	op "fdb flush (peer side)" ctl h2 fdb flush dev fab100
	op "port release" ip -n h1 link set vm1 nomaster
	op "port enslave" ip -n h1 link set vm1 master fab100
	op "port device add" \
		ip -n h1 link add tp0 type veth peer name tp1
	op "port device enslave" ip -n h1 link set tp0 master fab100 up
	ip -n h1 link set tp1 up
	op "port device delete" ip -n h1 link del tp0
	op "link down" ip -n h1 link set fab100 down
	op "link up" ip -n h1 link set fab100 up
	op "mtu change" ip -n h1 link set fab100 mtu 1280
	op "mtu restore" ip -n h1 link set fab100 mtu "$mtu0"
	# a segment with a port and traffic leaves its netns (the port
	# stays behind, released) and comes back
	op "netns move out" ip -n h1 link set fab101 netns app1
	op "netns move back" ip -n app1 link set fab101 netns h1
	op "moved segment up" ip -n h1 link set fab101 up
	op "re-enslave after move" ip -n h1 link set vm3 master fab101
	op "segment delete" ctl h1 segment del fab102
	op "segment recreate" seg_add h1 fab102 102
	op "recreated segment's peer" \
		ctl h1 peer add dev fab102 remote 192.0.2.2
	# the module unloads under the traffic (its devices go with it)
	# and comes back: in the first round, and in every other one in
	# the loop's first half, so the stream has time to recover
	if [ $rounds = 1 ] ||
	   { [ $((rounds % 2)) = 1 ] && [ $SECONDS -lt $((end - secs / 2)) ]; }; then
		op "module unload" vnetfab_unload
		op "module reload" vnetfab_load
		op "fabric rebuilt" fabric_up
		reloads=$((reloads + 1))
	fi
done
echo "# churn: $rounds rounds, $ops changes ($reloads module reloads) in $secs s"

check_eq "every change was accepted ($ops in $rounds rounds)" 0 "$fails"
check "after: VM1 pings VM2" ping_ok vm1 198.51.100.2
check "after: VM2 pings VM1" ping_ok vm2 198.51.100.1
check "after: VM3 pings VM4 across the moved segment 101" \
	ping_ok vm3 198.51.101.2

# the stream survived, or at least recovered: iperf3 ends without error
# within its time once the churn stopped
wait $cli
crc=$?
sed -n '/sender$/p;/receiver$/p;/error/p' /tmp/churn.cli | sed 's/^/# /'
check_eq "the TCP stream outlived the churn (iperf3 exit)" 0 "$crc"
wait $srv
kill $bc1 $bc3 2>/dev/null
wait $bc1 $bc3 2>/dev/null

check_eq "segment state: 2 peers, 1 port" "2 1" \
	"$(ctl h1 show fab100 --json | jq -r '.[0] | "\(.n_peers) \(.n_ports)"')"
# counters: they count again after the churn (a module reload in it
# zeroed them, so the stream's total says nothing): 50 pings from VM1
# are 50 frames (and an ARP refresh or two) from h1 to h2; and nothing
# absurd (a counter that went "negative" would show as > 2^63)
tx0=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
ip netns exec vm1 ping -q -c 50 -i 0.02 198.51.100.2 >/dev/null
tx1=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
check "counters sane: 50 pings VM1 -> VM2 are 50 to 53 frames h1 sent h2 (got $((tx1 - tx0)))" \
	test $((tx1 - tx0)) -ge 50 -a $((tx1 - tx0)) -le 53
check "counters sane: no peer counter above 2^62" \
	sh -c "ip netns exec h1 $VNETFABCTL peer list dev fab100 --json |
		jq -e '[.. | numbers | select(. > 4611686018427387904)] | length == 0'"
check "counters sane: the device's stats64 below 2^62" \
	sh -c "ip -n h1 -s -j link show fab100 |
		jq -e '[.[0].stats64 | .. | numbers | select(. > 4611686018427387904)] | length == 0'"

# module unload while traffic still flows through every segment
ip netns exec vm1 ping -q -i 0.05 -w $((30 * SLOW)) 198.51.100.2 >/dev/null 2>&1 &
p1=$!
ip netns exec vm3 ping -q -b -i 0.05 -w $((30 * SLOW)) 198.51.101.255 >/dev/null 2>&1 &
p3=$!
check "module unloads under traffic" vnetfab_unload
check_eq "no vnetfab device left in any netns" 0 \
	$(( $(count_links h1) + $(count_links h2) + $(count_links h3) + $(count_links app1) ))
kill $p1 $p3 2>/dev/null
wait $p1 $p3 2>/dev/null
check "the module loads again and a segment works" sh -c "
	modprobe vnetfab &&
	ip netns exec h1 $VNETFABCTL segment add fab100 id 100 encap $VNETFAB_ENCAP &&
	ip -n h1 link set fab100 up && ip -n h1 link del fab100"
ktap_finish
