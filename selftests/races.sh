#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-smp: 2
# RCU races, a bug class of tunnel drivers: configuration changes on one
# CPU racing with the data path on the other. check.sh boots each kernel
# once more for this test, with two vCPUs. The traffic (a ping flood
# and broadcasts from vm1, whose veth pair hands every frame to h1's
# segment, the tunnel and h2 in softirq on the sender's CPU) is pinned
# to CPU 1; the changes to CPU 0: peer delete and re-add, port release
# and re-enslave, static MAC entries and flushes, segments deleted while
# another process dumps them, and at last the module unloaded under the
# traffic. Each race must have overlapped traffic (the segment's
# counters grew meanwhile), every change must be accepted, and the
# fabric must carry traffic after it; run-guest.sh fails the test on any
# splat (KASAN, lockdep, RCU warnings) or leak.
#
#   VNETFAB_RACE_SECS  how long each race runs (default 8 s; at least one
#                      round is always run)
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping taskset
[ "$(nproc)" -ge 2 ] ||
	ktap_skip_all "needs two CPUs (check.sh boots a guest with two for it)"
ktap_header
ktap_plan 14

secs=${VNETFAB_RACE_SECS:-8}
# this shell and what it starts run on CPU 0; the traffic asks for CPU 1
taskset -pc 0 $$ >/dev/null
vnetfab_load
topo_underlay h1 h2
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
check "before: vm1 pings vm2" ping_ok vm1 198.51.100.2

# the traffic, on CPU 1, until stopped
ip netns exec vm1 sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
traffic_start()
{
	taskset -c 1 ip netns exec vm1 ping -q -f 198.51.100.2 >/dev/null 2>&1 &
	t1=$!
	taskset -c 1 ip netns exec vm1 ping -q -b -i 0.01 198.51.100.255 \
		>/dev/null 2>&1 &
	t2=$!
}
traffic_stop() { kill "$t1" "$t2" 2>/dev/null; wait "$t1" "$t2" 2>/dev/null; }
# traffic_runs: until h1 has sent 100 more encapsulated frames (the
# floods take seconds to start on the debug kernel)
tx_reached() { [ "$(link_stat h1 ul0 tx packets)" -ge "$1" ]; }
traffic_runs()
{
	local tx0
	tx0=$(link_stat h1 ul0 tx packets)
	slowwait 10 tx_reached $((tx0 + 100))
}

# race NAME CMD...: CMD (one round of changes) in a loop on CPU 0 for
# secs seconds under the traffic; every round must succeed, and h1 must
# have sent at least 100 encapsulated frames meanwhile
race()
{
	local name=$1 rounds=0 fails=0 tx0 tx1 end=$((SECONDS + secs))
	shift
	tx0=$(link_stat h1 ul0 tx packets)
	while [ $rounds = 0 ] || [ $SECONDS -lt $end ]; do
		rounds=$((rounds + 1))
		"$@" >/tmp/race.out 2>&1 || {
			fails=$((fails + 1))
			head -n 3 /tmp/race.out | sed 's/^/# /'
		}
	done
	tx1=$(link_stat h1 ul0 tx packets)
	echo "# $name: $rounds rounds, $((tx1 - tx0)) frames sent meanwhile"
	check_eq "$name: every round of changes accepted ($rounds)" 0 "$fails"
	check "$name: the data path ran meanwhile ($((tx1 - tx0)) frames)" \
		test $((tx1 - tx0)) -ge 100
}

peer_churn()
{
	ctl h1 peer del dev fab100 remote 192.0.2.2 &&
	ctl h1 peer add dev fab100 remote 192.0.2.2
}
port_churn()
{
	ip -n h1 link set vm1 nomaster && ip -n h1 link set vm1 master fab100
}
fdb_churn()
{
	ctl h1 fdb add dev fab100 02:00:00:00:02:01 remote 192.0.2.2 &&
	ctl h1 fdb del dev fab100 02:00:00:00:02:01 &&
	ctl h1 fdb flush dev fab100 all
}

traffic_start
check "the traffic runs (100 frames on h1's underlay)" traffic_runs
race "peer delete and re-add" peer_churn
race "port release and re-enslave" port_churn
race "static MACs added, deleted, flushed" fdb_churn

traffic_stop
check "after the races: vm1 pings vm2" ping_ok vm1 198.51.100.2

# segments created and deleted on CPU 0 while CPU 1 dumps them (each
# dump's JSON kept, and read by one jq at the end: a jq per dump made the
# debug kernel's run take many minutes)
: >/tmp/races.dumps
taskset -c 1 sh -c "for i in \$(seq 20); do
	ip netns exec h1 $VNETFABCTL show --json >>/tmp/races.dumps || exit 1
	done" &
dumper=$!
rounds=0
while [ $rounds = 0 ] || kill -0 $dumper 2>/dev/null; do
	rounds=$((rounds + 1))
	for i in 1 2 3 4 5; do
		ctl h1 segment add "d$i" id $((1000 + i))
	done
	for i in 1 2 3 4 5; do
		ip -n h1 link del "d$i"
	done
done
wait $dumper
drc=$?
echo "# $rounds rounds of 5 segments created and deleted during the dumps"
check_eq "20 dumps on CPU 1 while CPU 0 deletes segments: each ended well" 0 "$drc"
check_eq "and each is a whole JSON array" 20 \
	"$(jq -s '[.[] | select(type == "array")] | length' /tmp/races.dumps)"

# the module unloaded on CPU 0 under traffic on CPU 1
traffic_start
check "the traffic runs again (100 frames on h1's underlay)" traffic_runs
check "the module unloads under traffic on the other CPU" modprobe -r vnetfab
traffic_stop
check_eq "no vnetfab device left" 0 $(( $(count_links h1) + $(count_links h2) ))
ns_cleanup
ktap_finish
