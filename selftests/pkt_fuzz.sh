#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp gre
# vnetfab-encaps-debug: udp
# vnetfab-timeout: 1800
# Packet fuzzing: 100000 malformed encapsulated packets an underlay
# family and sender (tools/pktfuzz: truncated, wrong flags, reserved
# bits, wrong VNI or GRE key, runt, oversized, bad inner lengths, bad
# source MACs, garbage), from a peer (h2) and from a stranger (h3), at
# h1's segment 100 while vm1 pings vm2 through it. What reaches the
# segment's checks is counted exactly as the tool predicts (rx_invalid,
# rx_unknown_peer); segment 101 on h1 counts its own id's packets and its
# VM hears nothing; the stranger moves no MAC, even sending as vm2; the
# ping goes on; the module unloads.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping nstat
PKTFUZZ=$TOP/selftests/tools/pktfuzz
[ -x "$PKTFUZZ" ] || ktap_skip_all "build selftests/tools first"
# per sender and underlay family; the debug kernel's lane (SLOW > 1)
# sends a tenth: the full count takes it ~2000 s, half its time budget
# (VNETFAB_FUZZ_SCALE=1: all of it)
N=${VNETFAB_FUZZ_COUNT:-$((${VNETFAB_FUZZ_SCALE:-$SLOW} > 1 ? 10000 : 100000))}
fams=$(encap_families)
ktap_header
ktap_plan $((9 + 7 * $(echo $fams | wc -w)))

vnetfab_load
topo_underlay h1 h2 h3
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_add h1 fab101 101
# h1 and h2 are peers (over IPv6 too for udp: h2 fuzzes over both);
# h3 is nobody's peer; segment 101 has none
seg_mesh fab100 4 h1 h2
[ "$VNETFAB_ENCAP" = udp ] && ctl h1 peer add dev fab100 remote 2001:db8::2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
# h1's end of vm3's link sends no IPv6 of its own (router solicitations,
# MLD reports) to vm3 either
ip netns exec h1 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
vm_add h1 vm3 fab101 02:00:00:00:03:01 198.51.100.3/24 -
FUZZMAC=02:00:00:00:fa:01	# the peer's fuzz frames' valid source
VM2MAC=02:00:00:00:02:01	# the stranger's: vm2's, spoofed

# kv KEY OUTPUT: the value of KEY in pktfuzz's key=value line
kv() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# ctr DEV KEY: a counter of h1's segment DEV
ctr() { seg_stat h1 "$1" "$2"; }
# reached DEV KEY VALUE: the counter has got to VALUE
reached() { [ "$(ctr "$1" "$2")" -ge "$3" ]; }
# lost: packets dropped on their way to h1's segments that no sender is
# told of: by the underlay bridge's port to h1 (h1's backlog full), by
# h1's reassembly, by ip_gre's GRO cells on h1
lost()
{
	local n
	n=$(( $(link_stat ul ph1 tx dropped) + \
	      $(ip netns exec h1 nstat -asz IpReasmFails Ip6ReasmFails |
		awk '/Reasm/ { s += $2 } END { print s + 0 }') ))
	[ "$VNETFAB_ENCAP" = gre ] && n=$((n + $(link_stat h1 vnetfab_gre rx dropped)))
	echo "$n"
}
# check_count NAME EXPECTED GOT LOST: GOT is EXPECTED; when the underlay
# lost packets on the way (LOST > 0, seen on no run so far, but the
# backlogs are finite), each lost one may be one fewer counted: then
# EXPECTED - LOST <= GOT <= EXPECTED
check_count()
{
	if [ "$4" = 0 ] || [ "$3" = "$2" ]; then
		check_eq "$1" "$2" "$3"
	else
		echo "# $4 packets lost on the underlay: $2 - $4 <= $3 <= $2"
		check "$1" [ "$3" -le "$2" -a "$3" -ge $(($2 - $4)) ]
	fi
}

check "vm1 reaches vm2 before the fuzzing" ping_ok vm1 198.51.100.2
vm3rx=$(link_stat vm3 eth0 rx packets)
tmp=$(mktemp -d)
trap 'ns_cleanup; rm -rf "$tmp"' EXIT
ip netns exec vm1 ping -i 0.2 -W 2 198.51.100.2 >"$tmp/ping" 2>&1 &
pingpid=$!

seed=1
for f in $fams; do
	dst=$(host_addr h1 "$f")
	o_unk0=$(ctr fab101 rx_unknown_peer) o_inv0=$(ctr fab101 rx_invalid)
	o_unk=0 o_inv=0
	for s in h2 h3; do
		seed=$((seed + 1))
		inv0=$(ctr fab100 rx_invalid) unk0=$(ctr fab100 rx_unknown_peer)
		lost0=$(lost)
		mac=$FUZZMAC who="the peer"
		[ $s = h3 ] && mac=$VM2MAC who="the stranger"
		t0=$SECONDS
		out=$(ip netns exec $s "$PKTFUZZ" "$VNETFAB_ENCAP" "$dst" 100 \
			"$N" $seed --srcmac $mac)
		rc=$?
		echo "# IPv$f from $s, $((SECONDS - t0)) s: $out"
		check_eq "IPv$f: $who ($s) sent $N malformed packets" "0 $N" \
			"$rc $(kv sent "$out")"
		if [ $s = h2 ]; then
			inv=$(kv peer_invalid "$out") unk=0
		else
			inv=$(kv stranger_invalid "$out")
			unk=$(kv stranger_unknown "$out")
		fi
		o_unk=$((o_unk + $(kv other_unknown "$out")))
		o_inv=$((o_inv + $(kv other_invalid "$out")))
		# the packets are counted as h1 receives them, maybe later
		# than sent: until every count is in (if some were lost on
		# the way, until the wait gives up)
		slowwait 10 eval "reached fab100 rx_invalid $((inv0 + inv)) &&
			reached fab100 rx_unknown_peer $((unk0 + unk)) &&
			reached fab101 rx_unknown_peer $((o_unk0 + o_unk))"
		lost=$(( $(lost) - lost0 ))
		[ $s = h3 ] && check_count \
			"IPv$f: rx_unknown_peer counts the stranger's $unk that reached the segment's peer check" \
			"$unk" $(( $(ctr fab100 rx_unknown_peer) - unk0 )) "$lost"
		check_count "IPv$f: rx_invalid counts the $inv invalid ones from $who" \
			"$inv" $(( $(ctr fab100 rx_invalid) - inv0 )) "$lost"
		[ $s = h2 ] && check_eq "IPv$f: rx_unknown_peer counts none of the peer's" \
			0 $(( $(ctr fab100 rx_unknown_peer) - unk0 ))
	done
	check_eq "IPv$f: segment 101 counts the id 101 packets as from no peer of its own, none as invalid" \
		"unknown $o_unk invalid $o_inv" \
		"unknown $(( $(ctr fab101 rx_unknown_peer) - o_unk0 )) invalid $(( $(ctr fab101 rx_invalid) - o_inv0 ))"
done

kill -INT $pingpid
wait $pingpid
read -r tx rx < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' "$tmp/ping")
echo "# ping vm1 -> vm2 during the fuzzing: $tx sent, $rx answered"
# one in flight when it was stopped; a few more on a loaded host
check "the ping went on: at most 2 + 2 % of $tx lost" \
	[ -n "$tx" -a $((tx - ${rx:-0})) -le $((2 + tx / 50)) ]
check_eq "vm3 on segment 101 received nothing" 0 \
	$(( $(link_stat vm3 eth0 rx packets) - vm3rx ))

# with nothing else on the way (the ping is over), the stranger sends as
# vm2 once more: had that moved vm2's MAC, nothing would move it back
unk0=$(ctr fab100 rx_unknown_peer)
out=$(ip netns exec h3 "$PKTFUZZ" "$VNETFAB_ENCAP" 192.0.2.1 100 2000 99 \
	--srcmac $VM2MAC)
unk=$(kv stranger_unknown "$out")
check "the stranger's $unk frames with vm2's MAC counted as from no peer" \
	slowwait 10 reached fab100 rx_unknown_peer $((unk0 + unk))
fdb=$(ctl h1 fdb show dev fab100 --json)
check_eq "vm2's MAC still points at h2" 192.0.2.2 \
	"$(echo "$fdb" | jq -r ".[] | select(.mac == \"$VM2MAC\") | .remote")"
check_eq "no MAC points at the stranger" "" \
	"$(echo "$fdb" | jq -r '.[] | select(.remote == "192.0.2.3" or .remote == "2001:db8::3") | .mac')"
check_eq "the peer's valid fuzz frames were switched (their MAC learned)" \
	"$(host_addr h2 "${fams##* }")" \
	"$(echo "$fdb" | jq -r ".[] | select(.mac == \"$FUZZMAC\") | .remote")"
check "vm1 still reaches vm2" ping_ok vm1 198.51.100.2
check "the module unloads" vnetfab_unload
ktap_finish
