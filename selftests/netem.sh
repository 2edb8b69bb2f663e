#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Link emulation with tc netem, the two ways README's "Link emulation"
# shows: (a) on a VM's port, the host's side of its veth, which delays or
# drops what the segment sends that VM; (b) on a host's underlay toward
# one peer (a prio qdisc, netem on its third band, a u32 filter sending
# the packets to that peer's address there), which delays or drops what
# the segment sends to that host only. Three hosts, fab100 in full mesh,
# vm1 on h1, vm2 on h2, vm3 on h3. Each way: with "delay 50ms" every
# ping across the segment takes 50 ms or more, and a ping that does not
# cross the delayed link stays under 25 ms; with "loss 10%" 200 pings
# lose 2% to 25% of their replies; the qdisc removed, none is lost and
# the round trip is back under 25 ms.
# Encapsulation-independent (a qdisc on a veth, a filter on the outer
# destination address): one run, UDP.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd ping tc sort
ktap_header
ktap_plan 15

T=$(mktemp -d)
trap 'ns_cleanup; rm -rf "$T"' EXIT
exec 3>&1	# the measurements, shown whether a check passes or fails

M1=02:00:00:00:01:01 M2=02:00:00:00:02:01 M3=02:00:00:00:03:01
A1=198.51.100.1 A2=198.51.100.2 A3=198.51.100.3

vnetfab_load
topo_segment fab100 100 h1 h2 h3
vm_add h1 vm1 fab100 $M1 $A1/24 -
vm_add h2 vm2 fab100 $M2 $A2/24 -
vm_add h3 vm3 fab100 $M3 $A3/24 -
# permanent neighbours: no ARP that the loss could eat
neigh() { echo "neigh replace $1 lladdr $2 dev eth0 nud permanent"; }
ip -n vm1 -batch - <<<"$(neigh $A2 $M2; neigh $A3 $M3)"
ip -n vm2 -batch - <<<"$(neigh $A1 $M1; neigh $A3 $M3)"
ip -n vm3 -batch - <<<"$(neigh $A1 $M1; neigh $A2 $M2)"

# the interval of the 200-ping runs: 5 ms, 30 ms on the debug kernel
printf -v PI '0.%03d' $((5 * SLOW))
DELAY=50	# ms
FAST=25		# ms: a round trip that no 50 ms delay is part of

# pings VM ADDR COUNT INTERVAL: ping ADDR from VM; sets ANSWERED, the
# replies ping saw, and MIN and MEDIAN, their round trips (ms, "-" when
# none), MIN_US and MEDIAN_US the same in whole microseconds
pings()
{
	ip netns exec "$1" ping -n -c "$3" -i "$4" -W $((2 * SLOW)) "$2" \
		>"$T/ping" 2>&1
	read -r ANSWERED MIN MEDIAN MIN_US MEDIAN_US < <(
		sed -n 's/.* time=\([0-9.]*\) ms$/\1/p' "$T/ping" | sort -n |
		awk '{ v[NR] = $1 }
		     END { m = v[int((NR + 1) / 2)]
			   if (NR) print NR, v[1], m, int(v[1] * 1000), int(m * 1000)
			   else print 0, "-", "-", -1, -1 }')
}

# replies VM: the echo replies VM's stack has received (its netns's
# IcmpInEchoReps), which only the pings below make
replies()
{
	ip netns exec "$1" awk '$1 == "Icmp:" { if (!c) { for (i = 2; i <= NF; i++)
		if ($i == "InEchoReps") c = i } else print $c }' /proc/net/snmp
}
# replied VM N: replies VM is N or more
replied() { [ "$(replies "$1")" -ge "$2" ]; }

# delayed VM ADDR: 10 pings, all answered, none faster than DELAY
delayed()
{
	pings "$1" "$2" 10 0.05
	echo "# $1 -> $2: 10 pings, $ANSWERED answered, fastest $MIN ms" >&3
	[ "$ANSWERED" = 10 ] && [ "$MIN_US" -ge $((DELAY * 1000)) ]
}
# fast VM ADDR: 10 pings, all answered, median under FAST
fast()
{
	pings "$1" "$2" 10 0.05
	echo "# $1 -> $2: 10 pings, $ANSWERED answered, median $MEDIAN ms" >&3
	[ "$ANSWERED" = 10 ] && [ "$MEDIAN_US" -ge 0 ] &&
		[ "$MEDIAN_US" -lt $((FAST * 1000)) ]
}
# lossy VM ADDR: 200 pings, between 2% and 25% of them unanswered.
# netem drops each packet with probability 0.1, here one way only: the
# losses of 200 pings are binomial (mean 20, s.d. 4.2); fewer than 4 or
# more than 50 happens once in about 10^6 runs, while a qdisc that does
# not drop (0) or drops far more than asked fails
lossy()
{
	local rx0
	rx0=$(replies "$1") || return 1
	pings "$1" "$2" 200 "$PI"
	# (for the drop count below: the replies that reached the VM, with
	# any that came after ping stopped waiting)
	echo $((200 - $(replies "$1") + rx0)) >"$T/lost"
	echo "# $1 -> $2: 200 pings, $((200 - ANSWERED)) lost" >&3
	[ $((200 - ANSWERED)) -ge 4 ] && [ $((200 - ANSWERED)) -le 50 ]
}
# lossless VM ADDR: 200 pings, and 200 replies reach VM (a reply that
# comes after ping stopped waiting is not a loss), with a median round
# trip under FAST
lossless()
{
	local rx0 rx
	rx0=$(replies "$1") || return 1
	pings "$1" "$2" 200 "$PI"
	slowwait 5 replied "$1" $((rx0 + 200))
	rx=$(( $(replies "$1") - rx0 ))
	echo "# $1 -> $2: 200 pings, $rx replies, median $MEDIAN ms" >&3
	[ "$rx" = 200 ] && [ "$MEDIAN_US" -ge 0 ] &&
		[ "$MEDIAN_US" -lt $((FAST * 1000)) ]
}

check "vm1 pings vm2 and vm3 across the segment" \
	sh -c "ip netns exec vm1 ping -c 1 -W $((5 * SLOW)) $A2 && ip netns exec vm1 ping -c 1 -W $((5 * SLOW)) $A3"
check "no qdisc: vm1 -> vm2 under $FAST ms" fast vm1 $A2

# ---- (a) on a VM's port ----------------------------------------------------
# the host's side of vm1's veth is the port; its qdisc holds what the
# segment sends vm1: the replies to vm1's pings
check "tc qdisc add dev vm1 root netem delay ${DELAY}ms (h1)" \
	tc -n h1 qdisc add dev vm1 root netem delay ${DELAY}ms
check "vm1 -> vm2: every round trip >= $DELAY ms" delayed vm1 $A2
check "vm2 -> vm3, not through vm1's port: under $FAST ms" fast vm2 $A3
tc -n h1 qdisc change dev vm1 root netem loss 10%
check "netem loss 10% on vm1's port: 2% to 25% of 200 pings lost" \
	lossy vm1 $A2
tc -n h1 qdisc del dev vm1 root
check "qdisc deleted: none of 200 lost, under $FAST ms again" \
	lossless vm1 $A2

# ---- (b) on the underlay, toward one peer -----------------------------------
# h1's underlay device: a prio qdisc (what does not match a filter goes
# to bands 1 and 2 by priority, as with pfifo_fast), netem on band 3,
# and a filter that sends the packets to h2's address to band 3
H2=$(host_addr h2 4)
underlay_netem()
{
	tc -n h1 qdisc add dev ul0 root handle 1: prio &&
	tc -n h1 qdisc add dev ul0 parent 1:3 handle 30: netem delay ${DELAY}ms &&
	tc -n h1 filter add dev ul0 parent 1: protocol ip prio 1 u32 \
		match ip dst "$H2"/32 flowid 1:3
}
check "h1's underlay: prio, netem delay ${DELAY}ms on 1:3, u32 dst $H2 to it" \
	underlay_netem
check "vm1 -> vm2 (behind h2): every round trip >= $DELAY ms" delayed vm1 $A2
check "vm1 -> vm3 (behind h3): under $FAST ms" fast vm1 $A3
tc -n h1 qdisc change dev ul0 parent 1:3 handle 30: netem loss 10%
check "netem loss 10% toward h2: 2% to 25% of 200 pings to vm2 lost" \
	lossy vm1 $A2
# what netem dropped is what vm1 missed: its requests to vm2, and now
# and then a liveness probe to h2 (a few a second at most, while h2 is
# silent); "tc -s" shows it
dropped=$(tc -n h1 -s qdisc show dev ul0 | awk '/^qdisc netem 30:/ { f = 1 }
	f && /dropped/ { sub(/.*dropped /, ""); sub(/,.*/, ""); print; exit }')
lost=$(cat "$T/lost")
check "tc -s: netem dropped what vm1 missed ($dropped for $lost)" \
	test "${dropped:-0}" -ge "$lost" -a "${dropped:-0}" -le $((lost + 5))
check "... and none of 200 pings to vm3 (behind h3)" lossless vm1 $A3
tc -n h1 qdisc del dev ul0 root
check_eq "qdisc deleted: h1's underlay back to its default qdisc" "" \
	"$(tc -n h1 qdisc show dev ul0 | grep -E 'prio|netem')"
check "vm1 -> vm2: none of 200 lost, under $FAST ms again" lossless vm1 $A2
ktap_finish
