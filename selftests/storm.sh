#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Storm control (kmod/storm.c): a port, or a peer, sends at most its
# limit of broadcast, multicast and unknown-unicast frames a second into
# the segment, plus a burst; the excess is dropped and counted exactly,
# and what reaches the other hosts stays within the limit. Known unicast
# is never limited. With a VM of segment 100 blasting broadcasts, TCP on
# segments 200 and 300 between the same hosts keeps 90% of what it had
# without the storm. Off by default; bad values refused.
# Encapsulation-independent (the switch's ingress): one run, UDP.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping iperf3 tc
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 14

VM1=02:00:00:00:01:01 VM3=02:00:00:00:02:01
BCAST="ffffffffffff${VM1//:/}88b5$(printf '%092d' 0)"

vnetfab_load
topo_segment fab100 100 h1 h2
vm_add h1 vm1 fab100 $VM1 198.51.100.1/24 -
vm_add h2 vm3 fab100 $VM3 198.51.100.3/24 -
check "before: vm1 pings vm3" ping_ok vm1 198.51.100.3

pstat() { ctl h1 port show "$1" --json | jq -r ".[0] | (.stats.$2 // .$2)"; }
now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

check_eq "off by default" "0 0" \
	"$(ctl h1 port show vm1 --json | jq -r '.[0] | "\(.storm) \(.stats.storm)"')"

# ---- a port's limit: 100 frames a second, a burst of 20 ----------------
ctl h1 port set vm1 storm 100 storm-burst 20
rx0=$(link_stat vm3 eth0 rx packets)
t0=$(now_ms)
ip netns exec vm1 "$RAWFRAME" send eth0 "$BCAST" 2000
t1=$(now_ms)
# what passed is on its way to vm3 now: wait until it stops growing
settled() { local a; a=$(link_stat vm3 eth0 rx packets); sleep 0.5; [ "$a" = "$(link_stat vm3 eth0 rx packets)" ]; }
slowwait 10 settled
dropped=$(pstat vm1 storm)
passed=$((2000 - dropped))
rx=$(( $(link_stat vm3 eth0 rx packets) - rx0 ))
limit=$(( 20 + 100 * (t1 - t0 + 999) / 1000 ))
echo "# 2000 broadcasts in $((t1 - t0)) ms: $passed passed, $dropped dropped, vm3 got $rx"
check "passed ($passed) within the limit: 20 + 100/s over $((t1 - t0)) ms = $limit" \
	test "$passed" -ge 20 -a "$passed" -le "$limit"
check_eq "the rest is counted on the segment too" "$dropped" \
	"$(seg_stat h1 fab100 storm)"
check "vm3, on the other host, got what passed and no more ($rx of $passed)" \
	test "$rx" -ge "$passed" -a "$rx" -le $((passed + 5))

# known unicast is not limited: 500 frames to vm3's MAC, all delivered
ip netns exec vm1 "$RAWFRAME" send eth0 "${VM3//:/}${VM1//:/}88b5$(printf '%092d' 0)" 500
d1=$(pstat vm1 storm)
check_eq "500 frames to a known MAC: none counted as storm" "$dropped" "$d1"

# ---- a peer's limit (segment peer-storm) ---------------------------------
ctl h1 port set vm1 storm off
ctl h2 segment set fab100 peer-storm 50 peer-storm-burst 10
rx0=$(link_stat vm3 eth0 rx packets)
t0=$(now_ms)
ip netns exec vm1 "$RAWFRAME" send eth0 "$BCAST" 1000
t1=$(now_ms)
slowwait 10 settled
rx=$(( $(link_stat vm3 eth0 rx packets) - rx0 ))
pdrop=$(peer_stat h2 fab100 192.0.2.1 rx_storm)
limit=$(( 10 + 50 * (t1 - t0 + 999 + 1000) / 1000 ))
echo "# 1000 broadcasts from behind h1 in $((t1 - t0)) ms: vm3 got $rx, h2 dropped $pdrop"
check "from peer h1 (peer-storm 50, burst 10): vm3 got $rx <= $limit" \
	test "$rx" -ge 10 -a "$rx" -le "$limit"
check "... the rest counted on the peer ($pdrop)" test $((rx + pdrop)) -ge 1000
ctl h2 segment set fab100 peer-storm off

# ---- what a storm costs the other segments ------------------------------
# Segments 200 and 300 between h1 and h2 carry a TCP stream each, 3 s,
# of 30% of h1's underlay each, which tbf limits to RATE: the network is
# what a storm takes from the others, as between real hosts, not the
# guest's one CPU that every "host" here shares. (Streams that would
# take all of it split it between them as TCP pleases: 76/103 one run,
# 57/112 the next.) Alone; with vm1 blasting broadcasts into segment 100
# as fast as it can (frames of 1414 bytes), storm control on (100/s at
# its port), then off; (the streams ask for little of the one vCPU they
# share with the blaster: with five guests on this machine's two cores
# 6.1 still lost 40% of one stream once, 20% with two at nice 10, and a
# blaster at nice 10 made no storm at all on 6.12);
# alone again. With storm control on each stream keeps 90% of the mean
# of the two runs alone; with it off they fall below that (the check
# that the storm is one, and that the test can fail).
case $(uname -r) in *-debug) RATE=4 ;; *) RATE=10 ;; esac
# the blaster's frames: 1414 bytes, so that a few thousand a second fill
# the underlay (as many as one CPU makes when they are not dropped)
BIG="ffffffffffff${VM1//:/}88b5$(printf '%02800d' 0)"
tc -n h1 qdisc add dev ul0 root tbf rate ${RATE}mbit burst 16kb latency 20ms
for s in 200 300; do
	for h in h1 h2; do seg_add $h fab$s $s; done
	seg_mesh fab$s 4 h1 h2
	vm_add h1 a$s fab$s 02:00:00:00:0$((s / 100)):01 10.$((s / 100)).0.1/24 -
	vm_add h2 b$s fab$s 02:00:00:00:0$((s / 100)):02 10.$((s / 100)).0.2/24 -
	ip netns exec b$s iperf3 -s -D -B 10.$((s / 100)).0.2 >/dev/null
done
check "segments 200 and 300 work" sh -c "ip netns exec a200 ping -c 1 -W 5 10.2.0.2 && ip netns exec a300 ping -c 1 -W 5 10.3.0.2"
# tput SECS: the two streams' Mbit/s (with one decimal, times 10)
tput()
{
	local s pids=()
	for s in 200 300; do
		ip netns exec a$s timeout $(($1 + 20 * SLOW)) iperf3 \
			-c 10.$((s / 100)).0.2 -t "$1" -b $((RATE * 300))K -J \
			>/tmp/storm-$s.json &
		pids+=($!)
	done
	wait "${pids[@]}"	# not the blaster, which storm_run started
	for s in 200 300; do
		jq '.end.sum_received.bits_per_second // 0 | . / 1e5 | floor' \
			/tmp/storm-$s.json 2>/dev/null || echo 0
	done | tr '\n' ' '
}
# storm_run on|off|cpu: tput 3 with vm1 blasting into the segment,
# storm control on or off, or (cpu) into a veth pair of its own that
# leads nowhere: what the blaster's CPU alone takes from the streams
ip -n vm1 link add x0 type veth peer name x1
ip -n vm1 link set x0 up
ip -n vm1 link set x1 up
storm_run()
{
	local b tx0 dev=eth0
	case $1 in
	on)	ctl h1 port set vm1 storm 100 ;;
	off)	ctl h1 port set vm1 storm off ;;
	cpu)	dev=x0 ;;
	esac
	tx0=$(link_stat vm1 $dev tx packets)
	ip netns exec vm1 "$RAWFRAME" send $dev "$BIG" 100000000 \
		>/dev/null 2>&1 &
	b=$!
	# under way: a thousand frames out of its device
	slowwait 10 stat_reached vm1 $dev tx packets $((tx0 + 1000))
	tput 3
	kill $b 2>/dev/null
	wait $b 2>/dev/null
}
tput 2 >/dev/null	# warm-up
read -r a2 a3 <<<"$(tput 3)"
sd0=$(pstat vm1 storm)
read -r on2 on3 <<<"$(storm_run on)"
sd=$(pstat vm1 storm)
read -r off2 off3 <<<"$(storm_run off)"
read -r c2 c3 <<<"$(storm_run cpu)"
read -r b2 b3 <<<"$(tput 3)"
# the reference: the mean of the runs alone, or the run with the
# blaster's CPU alone if lower (on a loaded host it took up to 20% by
# itself): what the storm's frames cost is what is measured
base2=$(( (a2 + b2) / 2 )) base3=$(( (a3 + b3) / 2 ))
[ "$c2" -lt "$base2" ] && base2=$c2
[ "$c3" -lt "$base3" ] && base3=$c3
echo "# underlay ${RATE} Mbit/s; in 0.1 Mbit/s: alone $a2 $a3; storm, control on: $on2 $on3 ($((sd - sd0)) dropped); off: $off2 $off3; blaster's CPU only: $c2 $c3; alone $b2 $b3"
t_on2="segment 200 keeps 90% under the storm ($on2 of $base2, 0.1 Mbit/s)"
t_on3="segment 300 keeps 90% under the storm ($on3 of $base3, 0.1 Mbit/s)"
t_off="without storm control they fall below that ($((off2 + off3)) of $((base2 + base3)))"
case $(uname -r) in
*-debug)
	# measured: alone 0.8 and 0.9 of the 1.2 Mbit/s each stream asks,
	# the blaster dropped 160 frames in 3 s: the CPU, not the network,
	# is what the streams and the blaster share here. The run above is
	# for KASAN, lockdep and kmemleak's sake.
	for t in "$t_on2" "$t_on3" "$t_off"; do
		ktap_result SKIP "$t" "the debug kernel under TCG is CPU-bound at these rates"
	done ;;
*)
	check "$t_on2" test $((on2 * 10)) -ge $((base2 * 9))
	check "$t_on3" test $((on3 * 10)) -ge $((base3 * 9))
	check "$t_off" test $(( (off2 + off3) * 10 )) -lt $(( (base2 + base3) * 9 )) ;;
esac

# ---- bad values ------------------------------------------------------------
check_err "storm beyond 100000000 refused" "storm must be off or 1..100000000" \
	ctl h1 port set vm1 storm 100000001
check_err "peer-storm of a word refused" "peer-storm" \
	ctl h1 segment set fab100 peer-storm lots
ktap_finish
