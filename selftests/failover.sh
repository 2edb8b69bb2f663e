#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Redundant underlay paths (kmod/path.c): three hosts joined by two
# independent underlay networks, each host a peer of the others at both
# addresses ("remote A path B"), with VMs on a UDP and a GRE segment and
# a ping every 10 ms on each. The active path is cut three ways: its
# link goes down, it black-holes one way (nftables, link up), the peer's
# address on it disappears. Each time the outage the streams see stays
# within 3 probe intervals and a margin (8 x 100 ms in all; 600 ms probes
# on the debug kernel), frames then go over the second network, and no MAC is
# relearned; once healed, frames go back to the first path after the
# hold-down, losing at most 3 pings. A link flapping every 200 ms for
# 10 s (with a hold-down longer than that), and one flapping slowly
# enough to be found down each time, move the peer's frames at most
# twice and never take the peer down. A host
# with both paths gone is down, and comes back by itself. Paths are read
# back through vnetfabctl, dump-config and ip; bad paths are refused
# with nothing changed.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping nft awk
module_builtin ip_gre || modinfo ip_gre >/dev/null 2>&1 ||
	ktap_skip_all "needs ip_gre (CONFIG_NET_IPGRE) for the GRE segment"
ktap_header
ktap_plan 52

P=$((100 * SLOW))	# probe interval, ms
# hold-down, ms: longer than a slow flap's up phase (4 intervals) and
# the detection time (3) together, so that the flapping path is never
# taken again while it flaps
H=$((8 * P))
# the streams' ping interval: 10 ms, 60 ms on the debug kernel (where
# two streams at 10 ms took most of the guest's one vCPU), a tenth of a
# probe interval either way
printf -v PI '0.%03d' $((10 * SLOW))
# the longest outage allowed: 3 intervals to find the path down, one
# more for the other side to learn it (a one-way failure), and a margin
# for a TCG guest that shares its cores with another (CI runs two at a
# time); make bench measures the outage itself
BOUND=$((8 * P))
VM1=02:00:00:00:01:01 VM2=02:00:00:00:02:01
W=$(mktemp -d /tmp/failover.XXXXXX)
MON=$W/mon

vnetfab_load
# underlay A: 192.0.2.0/24 on ul0 (lib.sh); underlay B: 203.0.113.0/24
# on ul1, a bridge in netns ulb
topo_underlay h1 h2 h3
ns_create ulb
ip -n ulb -batch - <<EOF
link add br0 type bridge
link set br0 up
link add qh1 type veth peer name ul1 netns h1
link add qh2 type veth peer name ul1 netns h2
link add qh3 type veth peer name ul1 netns h3
link set qh1 master br0 up
link set qh2 master br0 up
link set qh3 master br0 up
EOF
for i in 1 2 3; do
	ip -n h$i addr add 203.0.113.$i/24 dev ul1
	ip -n h$i link set ul1 up
	seg_add h$i fab100 100 encap udp probe $P hold-down $H
	seg_add h$i fab200 200 encap gre probe $P hold-down $H
done
for i in 1 2 3; do
	set --
	for j in 1 2 3; do
		[ $i = $j ] || set -- "$@" remote 192.0.2.$j path 203.0.113.$j
	done
	for s in fab100 fab200; do
		ctl h$i peer set dev $s "$@"
	done
done
vm_add h1 vm1 fab100 $VM1 198.51.100.1/24 -
vm_add h2 vm2 fab100 $VM2 198.51.100.2/24 -
vm_add h3 vm3 fab100 02:00:00:00:03:01 198.51.100.3/24 -
vm_add h1 vg1 fab200 02:00:00:00:01:02 10.20.0.1/24 -
vm_add h2 vg2 fab200 02:00:00:00:02:02 10.20.0.2/24 -

# peer_json NS SEG REMOTE: the peer's object in `peer list --json`
peer_json()
{
	ctl "$1" peer list dev "$2" --json |
		jq -c --arg r "$3" '.[] | select(.remote == $r)'
}
# The waits below read `peer list` text with bash, not JSON with jq:
# each process costs the debug kernel the better part of a second.
# peer_text NS SEG REMOTE: the peer's line and its paths' lines
peer_text()
{
	local out l p=
	out=$(ctl "$1" peer list dev "$2") || return 1
	while IFS= read -r l; do
		case $l in
		"$3 "*)	p=1 ;;
		" "*)	;;
		*)	p= ;;
		esac
		[ -n "$p" ] && echo "$l"
	done <<<"$out"
}
# active NS SEG REMOTE: the index of the path frames to the peer take
active()
{
	local t
	t=$(peer_text "$@")
	t=${t%%$'\n'*}
	[[ $t =~ active-path\ ([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}
# pfield NS SEG REMOTE KEY: a field of the peer's own line: state,
# active-path, state-changes, path-changes, tx-peer-down
pfield()
{
	local t
	t=$(peer_text "$1" "$2" "$3")
	t=${t%%$'\n'*}
	case $4 in
	state)	[[ $t =~ \ state\ ([a-z]+)\  ]] ;;
	*)	[[ $t =~ \ $4\ ([0-9]+) ]] ;;
	esac && echo "${BASH_REMATCH[1]}"
}
# on_path I: h1 and h2 send each other's frames over path I, both segments
on_path()
{
	local s a
	for s in fab100 fab200; do
		a="$(active h1 $s 192.0.2.2) $(active h2 $s 192.0.2.1)"
		[ "$a" = "$1 $1" ] || { echo "$s: active paths h1->h2, h2->h1: $a"; return 1; }
	done
}
# all_paths_up: on every host and segment, the 4 paths of its 2 peers
all_paths_up()
{
	local i s n l
	for i in 1 2 3; do
		for s in fab100 fab200; do
			n=0
			while IFS= read -r l; do
				[[ $l == "    path "[01]" "*" state up "* ]] && n=$((n + 1))
			done < <(ctl h$i peer list dev $s)
			[ "$n" = 4 ] || { echo "h$i $s: $n paths up of 4"; return 1; }
		done
	done
}

# has_text FILE TEXT: a line of FILE holds TEXT (no process: the waits
# below poll with it)
has_text()
{
	local l
	while IFS= read -r l; do
		[[ $l == *"$2"* ]] && return 0
	done <"$1"
	return 1
}
# replies NAME: how many replies the stream has had
replies()
{
	local l n=0
	while IFS= read -r l; do
		[[ $l == *"bytes from"* ]] && n=$((n + 1))
	done <"$W/$1.ping"
	echo $n
}
streams_have() { [ "$(replies udp)" -ge "$1" ] && [ "$(replies gre)" -ge "$2" ]; }
# streams_grow N: until each stream has had N replies more
streams_grow()
{
	slowwait 10 streams_have $(( $(replies udp) + $1 )) $(( $(replies gre) + $1 ))
}
# stream_start: a ping every PI s, vm1 -> vm2 (UDP) and vg1 -> vg2
# (GRE), with the time of each reply
stream_start()
{
	ip netns exec vm1 ping -D -n -i $PI -W 1 198.51.100.2 >$W/udp.ping 2>&1 &
	spid1=$!
	ip netns exec vg1 ping -D -n -i $PI -W 1 10.20.0.2 >$W/gre.ping 2>&1 &
	spid2=$!
	slowwait 5 eval "has_text $W/udp.ping 'bytes from' && has_text $W/gre.ping 'bytes from'"
}
stream_stop()
{
	date +%s.%N >$W/stop
	kill -INT $spid1 $spid2 2>/dev/null
	wait $spid1 $spid2 2>/dev/null
}
# gap NAME: the longest time without a reply, ms: between two replies,
# or from the last one to the stream's stop (a stream that never came
# back is an outage to the end)
gap()
{
	awk -F'[][]' -v stop="$(<$W/stop)" '/bytes from/ { t = $2; if (p != "" && (t - p) * 1000 > m) m = (t - p) * 1000; p = t }
		END { if (p != "" && (stop - p) * 1000 > m) m = (stop - p) * 1000; printf "%d\n", m }' $W/$1.ping
}
# lost NAME: requests without a reply
lost()
{
	awk '/packets transmitted/ { print $1 - $4 }' $W/$1.ping
}
outage_ok()
{
	local u g
	u=$(gap udp) g=$(gap gre)
	echo "outage: udp ${u} ms, gre ${g} ms (bound $BOUND ms, probes $P ms)"
	[ "$u" -le $BOUND ] && [ "$g" -le $BOUND ]
}
few_lost()
{
	local u g
	u=$(lost udp) g=$(lost gre)
	echo "pings lost: udp $u, gre $g"
	[ "$u" -le 3 ] && [ "$g" -le 3 ]
}
# no_relearning: h1 and h2 announced no MAC event of vm2 or vm1: nothing
# was flooded to find them again
no_relearning()
{
	local n
	n=$(jq -c "select(.event != null and (.event | startswith(\"fdb\")))" $MON.h1 $MON.h2 | wc -l)
	[ "$n" = 0 ] || { echo "MAC events during the cut: $n"; head -n 3 $MON.h1 $MON.h2; }
	[ "$n" = 0 ]
}
# has_event FILE JQ-CONDITION: FILE holds an event matching it
has_event() { [ "$(jq -c "select($2)" "$1" | wc -l)" -ge 1 ]; }
# ul_tx NS: frames sent on underlay B
ul_tx() { link_stat "$1" ul1 tx packets; }
monitor_start()
{
	: >$MON.h1.err
	: >$MON.h2.err
	ip netns exec h1 "$VNETFABCTL" monitor --json >$MON.h1 2>$MON.h1.err &
	mpid1=$!
	ip netns exec h2 "$VNETFABCTL" monitor --json >$MON.h2 2>$MON.h2.err &
	mpid2=$!
	slowwait 10 eval "has_text $MON.h1.err 'listening for events' &&
		has_text $MON.h2.err 'listening for events'"
}
monitor_stop() { kill $mpid1 $mpid2 2>/dev/null; wait $mpid1 $mpid2 2>/dev/null; }

check "every path of every peer answers probes and is up" slowwait 20 all_paths_up
check "frames take the first path" on_path 0
check "vm1 reaches vm2 (udp) and vg1 reaches vg2 (gre)" \
	sh -c "ip netns exec vm1 ping -c 2 -W 2 198.51.100.2 >/dev/null &&
	       ip netns exec vg1 ping -c 2 -W 2 10.20.0.2 >/dev/null"

# cut NAME CUT-CMD HEAL-CMD: the checks of one kind of failure
cut()
{
	local name=$1 tx0
	monitor_start
	stream_start
	tx0=$(ul_tx h1)
	eval "$2"
	check "$name: frames move to the second path" slowwait 10 on_path 1
	# 50 more replies on each stream: the gap has ended
	streams_grow 50
	stream_stop
	check "$name: outage within 3 probe intervals and a margin" outage_ok
	# (half a second of the two streams at least: more than the
	# probes on underlay B meanwhile, 40 a second)
	check "$name: the streams go over underlay B" \
		sh -c "[ $(ul_tx h1) -ge $((tx0 + 100 / SLOW)) ]"
	check "$name: no MAC relearned" no_relearning
	check_eq "$name: the peer stays up" up "$(pfield h1 fab100 192.0.2.2 state)"
	stream_start
	eval "$3"
	check "$name: healed, frames go back to the first path" \
		slowwait $((H / 1000 + 10)) on_path 0
	streams_grow 20
	stream_stop
	monitor_stop
	check "$name: failback after the hold-down, at most 3 pings lost" few_lost
}

changes0=$(pfield h1 fab100 192.0.2.2 path-changes)
cut "link down" "ip -n ul link set ph2 down" "ip -n ul link set ph2 up"
failback_held()
{
	local e
	e=$(jq -c 'select(.event == "path_active" and .remote == "192.0.2.2")' $MON.h1 | tail -n 1)
	echo "last path_active event: $e"
	[ "$(jq -r .path <<<"$e")" = 0 ] && [ "$(jq -r .reason <<<"$e")" = hold_down ]
}
check "the failback event says path 0, reason hold_down" failback_held
check_eq "two path changes: one away, one back" 2 \
	$(( $(pfield h1 fab100 192.0.2.2 path-changes) - changes0 ))
check "a path_down event of path 0 with reason timeout" has_event $MON.h1 \
	'.event == "path_down" and .remote == "192.0.2.2" and .path == 0 and .reason == "timeout"'

cut "black hole" \
	"ip netns exec h2 nft add table inet fo; ip netns exec h2 nft add chain inet fo in '{ type filter hook input priority 0; }'; ip netns exec h2 nft add rule inet fo in ip saddr 192.0.2.1 drop" \
	"ip netns exec h2 nft delete table inet fo"
check "black hole: h1 learned it from h2's probes (reason not_heard)" has_event $MON.h1 \
	'.event == "path_down" and .remote == "192.0.2.2" and .path == 0 and .reason == "not_heard"'

cut "address removed" "ip -n h2 addr del 192.0.2.2/24 dev ul0" \
	"ip -n h2 addr add 192.0.2.2/24 dev ul0"

# ---- flapping -----------------------------------------------------------
check "all paths up again" slowwait 20 all_paths_up
flap()	# flap HALF_PERIOD_MS SECONDS: h2's link on underlay A down, up...
{
	local n=$(( $2 * 1000 / ($1 * 2) )) i half fd
	printf -v half '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 ))
	# one ip for all the changes, and read -t for a sleep: no process
	# per flap (each costs the debug kernel a third of a second)
	exec {fd}<> <(:)
	for ((i = 0; i < n; i++)); do
		echo "link set ph2 down"
		read -rt "$half" -u $fd || :
		echo "link set ph2 up"
		read -rt "$half" -u $fd || :
	done | ip -n ul -batch -
	exec {fd}<&-
}
flap_bounded()	# flap_bounded HALF_PERIOD_MS SECONDS
{
	local c0 s0 c s
	c0=$(pfield h1 fab100 192.0.2.2 path-changes)
	s0=$(pfield h1 fab100 192.0.2.2 state-changes)
	monitor_start
	flap "$1" "$2"
	slowwait $((${HD:-$H} / 1000 + 10)) on_path 0 || echo "not back on path 0"
	monitor_stop
	c=$(( $(pfield h1 fab100 192.0.2.2 path-changes) - c0 ))
	s=$(( $(pfield h1 fab100 192.0.2.2 state-changes) - s0 ))
	echo "path changes $c, peer state changes $s"
	[ "$c" -le 2 ] && [ "$s" = 0 ] && on_path 0 && return
	peer_json h1 fab100 192.0.2.2 | jq -c '.paths[]'
	jq -c 'select(.ifname == "fab100" and .remote == "192.0.2.2") | [.event, .path, .reason, .state_ms]' $MON.h1
	return 1
}
# with a hold-down longer than the flapping: a flap that liveness does
# see (the debug kernel under TCG sometimes holds probes for 3
# intervals) takes frames away once and brings them back once, where a
# hold-down shorter than the flapping (H, 4.8 s there) let them back in
# the middle of it and away again (4 changes, seen once on the debug
# kernel beside other guests)
HD=12000
ctl h1 segment set fab100 hold-down $HD
check "a link flapping every 200 ms for 10 s, hold-down 12 s: at most 2 path changes, peer always up" \
	flap_bounded 200 10
ctl h1 segment set fab100 hold-down $H
unset HD
# slow enough for each down to be found (4 intervals down, 4 up): the
# hold-down keeps frames off the path until it stays up
check "a link flapping every $((4 * P)) ms, each down found: at most 2 path changes" \
	flap_bounded $((4 * P)) $((P * 40 / 1000))

# ---- a host that loses both paths --------------------------------------
monitor_start
ip -n ul link set ph3 down
ip -n ulb link set qh3 down
# h3_is JQ-EXPR VALUE: JQ-EXPR of h1's peer h3 on fab100 is VALUE
h3_is() { [ "$(pfield h1 fab100 192.0.2.3 "$1")" = "$2" ]; }
h3_down_counted() { [ "$(pfield h1 fab100 192.0.2.3 tx-peer-down)" -ge "$1" ]; }
check "h3, with no path left, is found down" slowwait 10 h3_is state down
check "a peer_down event for h3" slowwait 5 has_event $MON.h1 \
	'.event == "peer_down" and .remote == "192.0.2.3"'
d0=$(pfield h1 fab100 192.0.2.3 tx-peer-down)
ip netns exec vm1 "$RAWFRAME" send eth0 "ffffffffffff${VM1//:/}88b5$(printf '%092d' 0)" 5
check "floods are not copied to it: 5 counted" slowwait 5 h3_down_counted $((d0 + 5))
check "h1 and h2 still reach each other" \
	ip netns exec vm1 ping -c 1 -W 2 198.51.100.2
ip -n ulb link set qh3 up
h3_back() { h3_is state up && h3_is active-path 1; }
check "h3 comes back up over its second path, by itself" slowwait 10 h3_back
check "vm1 reaches vm3" ping_ok vm1 198.51.100.3
ip -n ul link set ph3 up
monitor_stop
# both of h3's paths heard again before one is dropped: the peer set
# below must keep the traffic of a peer whose remaining path is up (a
# single ping right after it raced the first path's first answer)
h3_paths_up()
{
	peer_json h1 fab100 192.0.2.3 |
		jq -e '[.paths[].state] == ["up", "up"]' >/dev/null
}
slowwait 10 h3_paths_up

# a peer whose paths change is replaced in one step, its MACs kept
h3_one_path()
{
	[ -n "$(peer_text h1 fab100 192.0.2.3)" ] &&
		[ "$(peer_text h1 fab100 192.0.2.3 | grep -c '^    path')" = 0 ]
}
vm3_behind_h3()
{
	ctl h1 fdb show dev fab100 --json |
		jq -e '[.[] | select(.mac == "02:00:00:00:03:01" and .remote == "192.0.2.3")] | length == 1'
}
ctl h1 peer set dev fab100 remote 192.0.2.2 path 203.0.113.2 remote 192.0.2.3
check "peer set drops h3's second path" h3_one_path
check "... vm3's MAC stays behind h3, and vm1 reaches vm3" \
	eval "vm3_behind_h3 && ip netns exec vm1 ping -c 1 -W 2 198.51.100.3"

# ---- read back, bad input ------------------------------------------------
check_eq "peer list shows both paths of h2, up" "192.0.2.2 up 203.0.113.2 up" \
	"$(peer_json h1 fab100 192.0.2.2 | jq -r '[.paths[] | .remote, .state] | join(" ")')"
dump_has_path() { ctl h1 dump-config | grep '^peer fab100 192.0.2.2 ' | grep -q ' path 203.0.113.2'; }
check "dump-config writes the path" dump_has_path
ctl h1 dump-config >$W/h1.conf
check_eq "apply of h1's own dump-config changes nothing" "" "$(ctl h1 apply $W/h1.conf 2>&1)"
sed -i 's/^\(peer fab200 192.0.2.3\) path 203.0.113.3/\1/' $W/h1.conf
h3_paths_fab200() { peer_text h1 fab200 192.0.2.3 | grep -c '^    path'; }
check_eq "apply of a file that drops h3's path on fab200: one change, h3 has one path" \
	"1 0" "$(ctl h1 apply $W/h1.conf | grep -c .) $(h3_paths_fab200)"
check "ip -d link show says hold-down $H" sh -c \
	"IP_LIB_DIR=$TOP/userspace/ip ip -n h1 -d link show fab100 | grep -q 'hold-down $H'"
ctl h1 peer add dev fab100 remote 192.0.2.9 local 192.0.2.1 path 203.0.113.9 local 203.0.113.1
check_eq "a path with its own source address reads back" "192.0.2.1 203.0.113.1" \
	"$(peer_json h1 fab100 192.0.2.9 | jq -r '.local + " " + .paths[1].local')"
before=$(ctl h1 peer list dev fab100 --json | jq -c '[.[] | {remote, paths: [.paths[]? | .remote]}]')
check_err "a path that is another peer's address is refused" "already" \
	ctl h1 peer add dev fab100 remote 192.0.2.8 path 192.0.2.3
check_err "the same address twice among a peer's paths is refused" "twice" \
	ctl h1 peer add dev fab100 remote 192.0.2.8 path 203.0.113.8 path 203.0.113.8
check_err "a path of another family is refused" "family" \
	ctl h1 peer add dev fab100 remote 192.0.2.8 path 2001:db8::8
check_err "a GRE peer's IPv6 path is refused" "family\|IPv4" \
	ctl h1 peer add dev fab200 remote 192.0.2.8 path 2001:db8::8
check_err "five paths are refused" "at most 4" \
	ctl h1 peer add dev fab100 remote 192.0.2.8 path 203.0.113.4 path 203.0.113.5 path 203.0.113.6 path 203.0.113.7
check_err "hold-down 600001 is refused" "600000" \
	ctl h1 segment set fab100 hold-down 600001
check_eq "and nothing changed" "$before" \
	"$(ctl h1 peer list dev fab100 --json | jq -c '[.[] | {remote, paths: [.paths[]? | .remote]}]')"

rm -rf "$W"
ns_cleanup
ktap_finish
