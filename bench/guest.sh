#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/guest.sh: the measurements of "make bench", run in the guest
# (bench/run boots it). Prints a Markdown report on stdout; progress and
# raw figures go to stderr.
#
# Topology: two hosts h1, h2 (netns) joined by a veth underlay ul0
# (192.0.2.1, 192.0.2.2), one VM (netns vm1, vm2, eth0 MTU 1450) per host
# on a veth whose host side is the VM's port. Configurations:
#   A  routed, no encapsulation      D  vnetfab UDP, port of fab0
#   B  bridge + vxlan                E  vnetfab GRE, port of fab0
#   C  bridge + gretap               F  vnetfab UDP as a bridge port
#   G  D, H  B: over an underlay that segments on send, GROs on receive
#
#   VNETFAB_BENCH_SECONDS=N   seconds per throughput run (default 5)
#   VNETFAB_BENCH_QUICK=1     skip the 1 000 000-entry FDB run
#   VNETFAB_BENCH_CONFIGS="A B ..."  the configurations (default A-H)
#   VNETFAB_BENCH_PARTS="data flood fdb segs liveness failover shares profile"  what to
#     measure
#     (default: all; profile: perf profiles of B, D and G)
#   VNETFAB_BENCH_RUNS, _PKTS, _FLOOD, _FDB, _SEGS: runs per figure (3),
#     pktgen frames (200000), broadcasts per flood run (5000), static
#     entries to install (100000), segments to create (4096)
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/selftests/lib.sh"
trap ns_cleanup EXIT

SECS=${VNETFAB_BENCH_SECONDS:-5}
VM1=02:00:00:00:01:01
VM2=02:00:00:00:02:01
log() { echo "# $*" >&2; }

# ---- topology ---------------------------------------------------------------

# hosts: h1, h2, vm1, vm2; VM veths vm1/vm2 in h1/h2, not yet attached
hosts()
{
	local i
	ns_cleanup
	ns_create h1 h2 vm1 vm2 || return 1
	# no IPv6 on the hosts: their devices' router solicitations and
	# MLD reports would be flooded to every peer during flood runs
	for i in 1 2; do
		ip netns exec h$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
	done
	ip -n h1 link add ul0 type veth peer name ul0 netns h2
	for i in 1 2; do
		ip -n h$i addr add 192.0.2.$i/24 dev ul0
		ip -n h$i link set ul0 up
		ip -n h$i link add vm$i type veth peer name eth0 netns vm$i
		ip -n vm$i link set eth0 address "$([ $i = 1 ] && echo $VM1 || echo $VM2)"
		ip -n vm$i link set eth0 mtu 1450 up
		ip netns exec vm$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1
		ip -n h$i link set vm$i up
	done
}

# the VMs on one subnet (the overlay configurations)
vm_l2()
{
	ip -n vm1 addr add 198.51.100.1/24 dev eth0
	ip -n vm2 addr add 198.51.100.2/24 dev eth0
	DST=198.51.100.2
}

config_A()	# routed: vm1 - h1 - h2 - vm2
{
	hosts
	local i j
	for i in 1 2; do
		j=$((3 - i))
		ip netns exec h$i sysctl -qw net.ipv4.ip_forward=1
		ip -n h$i link set vm$i mtu 1450
		ip -n h$i addr add 10.$i.0.1/24 dev vm$i
		ip -n vm$i addr add 10.$i.0.2/24 dev eth0
		ip -n vm$i route add default via 10.$i.0.1
		ip -n h$i route add 10.$j.0.0/24 via 192.0.2.$j
	done
	DST=10.2.0.2
}

# bridge_with HOST DEV: br0 in HOST with the VM's port and DEV
bridge_with()
{
	ip -n "$1" link add br0 type bridge
	ip -n "$1" link set "vm${1#h}" master br0
	ip -n "$1" link set "$2" master br0
	ip -n "$1" link set "$2" up
	ip -n "$1" link set br0 up
}

config_B()	# bridge + vxlan
{
	hosts
	local i
	for i in 1 2; do
		ip -n h$i link add vx0 type vxlan id 100 local 192.0.2.$i \
			remote 192.0.2.$((3 - i)) dstport 4789 dev ul0
		bridge_with h$i vx0
	done
	vm_l2
}

config_C()	# bridge + gretap
{
	hosts
	local i
	for i in 1 2; do
		ip -n h$i link add gt0 type gretap local 192.0.2.$i \
			remote 192.0.2.$((3 - i)) key 100 dev ul0
		bridge_with h$i gt0
	done
	vm_l2
}

# vnetfab_with ENCAP BRIDGED
vnetfab_with()
{
	hosts
	local i
	for i in 1 2; do
		ctl h$i segment add fab0 id 100 encap "$1" local 192.0.2.$i dev ul0
		ip netns exec h$i sysctl -qw net.ipv6.conf.fab0.disable_ipv6=1
		ctl h$i peer add dev fab0 remote 192.0.2.$((3 - i))
		ip -n h$i link set fab0 up
		if [ "$2" = bridged ]; then
			bridge_with h$i fab0
		else
			ip -n h$i link set vm$i master fab0
		fi
	done
	vm_l2
}
config_D() { vnetfab_with udp port; }
config_E() { vnetfab_with gre port; }
config_F() { vnetfab_with udp bridged; }

# G, H: D and B over an underlay that cuts tunnel super-packets into
# MTU-sized datagrams on h1's side (a NIC without tunnel TSO) and runs
# GRO on h2's: what the receive side's GRO is worth
wire_segments()
{
	# (and no TSO at h1's end: a veth only feeds its peer's GRO then)
	ip netns exec h1 ethtool -K ul0 tx-udp_tnl-segmentation off \
		tx-udp_tnl-csum-segmentation off tso off >/dev/null
	ip netns exec h2 ethtool -K ul0 gro on >/dev/null
}
config_G() { config_D && wire_segments; }
config_H() { config_B && wire_segments; }

# ---- measurements -------------------------------------------------------------

RUNS=${VNETFAB_BENCH_RUNS:-3}
server_start()
{
	ip netns exec vm2 iperf3 -s -D --pidfile /tmp/bench.iperf3.pid >/dev/null
	slowwait 10 sh -c "ip netns exec vm2 ss -Htln | grep -q ':5201 '"
}
server_stop() { kill "$(cat /tmp/bench.iperf3.pid 2>/dev/null)" 2>/dev/null; rm -f /tmp/bench.iperf3.pid; }

# tcp STREAMS: receiver Gbit/s
tcp()
{
	ip netns exec vm1 iperf3 -c "$DST" -t "$SECS" -P "$1" -J 2>/dev/null |
		jq -r '.end.sum_received.bits_per_second / 1e9 | . * 1000 | round / 1000'
}

# small: 64-byte frames delivered to vm2 per second. pktgen in vm1 sends
# PKTS frames of 60 bytes (64 with the FCS) to vm2's MAC (to the router's
# in A) as fast as it can; the rate is what vm2's eth0 received over
# pktgen's own elapsed time. Without pktgen: iperf3 -u with 18-byte
# payloads.
PKTS=${VNETFAB_BENCH_PKTS:-200000}
small()
{
	local pg=/proc/net/pktgen rx0 rx1 us mac
	if ! modprobe pktgen 2>/dev/null; then
		ip netns exec vm1 iperf3 -c "$DST" -u -l 18 -b 0 -t "$SECS" -J 2>/dev/null |
			jq -r '.end.sum | ((.packets - .lost_packets) / .seconds) | round'
		return
	fi
	mac=$DMAC
	rx0=$(link_stat vm2 eth0 rx packets)
	ip netns exec vm1 sh -c "
		echo rem_device_all >$pg/kpktgend_0
		echo add_device eth0 >$pg/kpktgend_0
		echo 'count $PKTS' >$pg/eth0
		echo 'pkt_size 60' >$pg/eth0
		echo 'clone_skb 0' >$pg/eth0
		echo 'delay 0' >$pg/eth0
		echo 'dst $DST' >$pg/eth0
		echo 'dst_mac $mac' >$pg/eth0
		echo 'udp_dst_min 9' >$pg/eth0
		echo 'udp_dst_max 9' >$pg/eth0
		echo start >$pg/pgctrl"
	us=$(ip netns exec vm1 sed -n 's/.*Result: OK: \([0-9]*\)(.*/\1/p' $pg/eth0)
	# what is still queued arrives within a moment
	rx1=$(settled vm2 eth0)
	ip netns exec vm1 sh -c "echo rem_device_all >$pg/kpktgend_0"
	awk -v n=$((rx1 - rx0)) -v us="$us" 'BEGIN { if (us > 0) printf "%d\n", n * 1e6 / us }'
}

# settled NS DEV: DEV's rx packets once two readings 200 ms apart agree
settled()
{
	local a= b
	b=$(link_stat "$1" "$2" rx packets)
	until [ "$a" = "$b" ]; do
		a=$b
		sleep 0.2
		b=$(link_stat "$1" "$2" rx packets)
	done
	echo "$b"
}

# latency: "MEDIAN P99" round trip in microseconds over 1000 pings
latency()
{
	ip netns exec vm1 ping -c 1000 -i 0.002 -W 1 "$DST" 2>/dev/null |
		sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p' | sort -n |
		awk '{ v[NR] = $1 } END {
			if (!NR) { print "- -"; exit }
			printf "%d %d\n", v[int((NR + 1) / 2)] * 1000,
				v[int(NR * 0.99 + 0.999)] * 1000 }'
}

# med V...: "MEDIAN MIN MAX" of the figures given ("-" are left out)
med()
{
	printf '%s\n' "$@" | grep -v '^-*$' | sort -g |
		awk '{ v[NR] = $1 } END { if (!NR) print "- - -";
			else print v[int((NR + 1) / 2)], v[1], v[NR] }'
}
# put KEY V...: R[KEY] the median, R[KEY.range] "min-max"
put()
{
	local k=$1 m lo hi
	shift
	read -r m lo hi < <(med "$@")
	R[$k]=$m
	R[$k.range]="$lo-$hi"
}

require_root
require_cmd iperf3 jq ping
vnetfab_load
declare -A R
CONFIGS=${VNETFAB_BENCH_CONFIGS:-A B C D E F G H}
PARTS=" ${VNETFAB_BENCH_PARTS:-data flood fdb segs liveness failover shares profile} "
part() { [[ $PARTS == *" $1 "* ]]; }
part data || CONFIGS=
# rounds: each run measures every configuration once, so that a slow
# phase of the host weighs on all of them alike, not on one
declare -A T1 T4 SM L50 L99 OK
for r in $(seq "$RUNS"); do
	for c in $CONFIGS; do
		log "run $r, config $c"
		"config_$c" || { log "config $c: setup failed"; continue; }
		ping_ok vm1 "$DST" || { log "config $c: no connectivity"; continue; }
		if [ $c = A ]; then
			DMAC=$(ip -n h1 -j link show vm1 | jq -r '.[0].address')
		else
			DMAC=$VM2
		fi
		server_start
		T1[$c]+=" $(tcp 1)"
		T4[$c]+=" $(tcp 4)"
		SM[$c]+=" $(small)"
		read -r a b < <(latency)
		L50[$c]+=" $a" L99[$c]+=" $b"
		OK[$c]=1
		server_stop
	done
done
for c in $CONFIGS; do
	[ -n "${OK[$c]:-}" ] || continue
	# shellcheck disable=SC2086 # word lists
	{
		put $c.tcp1 ${T1[$c]}
		put $c.tcp4 ${T4[$c]}
		put $c.small ${SM[$c]}
		put $c.lat50 ${L50[$c]}
		put $c.lat99 ${L99[$c]}
	}
	log "$c: tcp1${T1[$c]} tcp4${T4[$c]} Gbit/s, 64B${SM[$c]} pps, rtt${L50[$c]} /${L99[$c]} us"
done

# ---- flood replication: N peers, broadcasts from vm1 ----------------------------

# peers N: 192.0.2.2 and N-1 addresses routed to h2, which drops them
fake_peer() { echo "10.9.$(($1 / 250)).$(($1 % 250 + 1))"; }
FRAME="ffffffffffff${VM1//:/}88b5$(printf '%092d' 0)"
flood_cost()	# flood_cost DEVKIND N: microseconds per broadcast
{
	local kind=$1 n=$2 i t0 t1 tx0 tx1
	if [ "$kind" = vnetfab ]; then
		vnetfab_with udp port
		for i in $(seq 1 $((n - 1))); do
			ctl h1 peer add dev fab0 remote "$(fake_peer "$i")"
		done
	else
		config_B
		for i in $(seq 1 $((n - 1))); do
			ip netns exec h1 bridge fdb append 00:00:00:00:00:00 \
				dev vx0 dst "$(fake_peer "$i")"
		done
	fi
	ip -n h1 route add 10.9.0.0/16 via 192.0.2.2
	# h2's address resolved, or the first broadcast's copies wait for
	# it in a queue too short for them
	ip netns exec h1 ping -c 1 -W 2 192.0.2.2 >/dev/null
	local v=()
	for r in $(seq "$RUNS"); do
		tx0=$(link_stat h1 ul0 tx packets)
		dr0=$(link_stat h1 ul0 tx dropped)
		t0=$(date +%s%N)
		ip netns exec vm1 "$RAWFRAME" send eth0 "$FRAME" $FLOOD_K
		t1=$(drained h1 ul0 $((tx0 + dr0 + n * FLOOD_K)) "$(date +%s%N)")
		tx1=$(link_stat h1 ul0 tx packets)
		dr1=$(link_stat h1 ul0 tx dropped)
		log "flood $kind $n peers: $((tx1 - tx0)) packets on the underlay ($((dr1 - dr0)) dropped) for $FLOOD_K frames, $(( (t1 - t0) / 1000 )) us"
		[ $((tx1 + dr1 - tx0 - dr0)) -ge $((n * FLOOD_K)) ] ||
			log "flood $kind $n peers: $((n * FLOOD_K - tx1 - dr1 + tx0 + dr0)) copies never reached the underlay; the time is the sender's"
		v+=("$(awk -v d=$((t1 - t0)) -v k=$FLOOD_K 'BEGIN { printf "%.2f", d / 1000 / k }')")
	done
	put flood.$kind.$n "${v[@]}"
}
# drained NS DEV TARGET SINCE: the time (ns since the epoch) DEV's tx
# counters (sent and dropped) reached TARGET, within 20 ms; SINCE (the
# sender's end) if they had by the first look. The frames the sender
# queued are replicated after it is done (in ksoftirqd once the softirq
# runs out of budget), and their cost counts as well.
drained()
{
	local t
	t=$(ip netns exec "$1" bash -c '
		d=/sys/class/net/$1/statistics
		first=1 t=0 end=$((${EPOCHREALTIME%.*} + 30))
		while [ ${EPOCHREALTIME%.*} -lt $end ]; do
			read -r p <$d/tx_packets
			read -r x <$d/tx_dropped
			if [ $((p + x)) -ge $2 ]; then
				[ $first ] || t=${EPOCHREALTIME/./}
				break
			fi
			first=
			sleep 0.02
		done
		echo $((t * 1000))' drained "$2" "$3")
	echo $((t > $4 ? t : $4))
}
FLOOD_K=${VNETFAB_BENCH_FLOOD:-5000}
# one broadcast becomes up to 256 packets on the CPU's backlog at once,
# and one NAPI round of the backlog (64 frames) 16 384: room for them, or
# the figures are of drops (the default holds 1 000)
backlog=$(sysctl -n net.core.netdev_max_backlog)
part flood && sysctl -qw net.core.netdev_max_backlog=100000
for n in 1 16 64 256; do
	part flood || break
	flood_cost vnetfab $n
	flood_cost vxlan $n
done
sysctl -qw net.core.netdev_max_backlog="$backlog"

# ---- the FDB: install speed, size, and unicast rate with many MACs --------

# fdb_file N FILE: N static entries behind peer 192.0.2.2 for h1's fab0
fdb_file()
{
	ctl h1 dump-config >"$2"
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "fdb fab0 02:aa:%02x:%02x:%02x:%02x remote 192.0.2.2\n",
			int(i / 16777216) % 256, int(i / 65536) % 256,
			int(i / 256) % 256, i % 256 }' >>"$2"
}
# bridge_file N FILE: the same entries for h1's vxlan device vx0
bridge_file()
{
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "fdb append 02:aa:%02x:%02x:%02x:%02x dev vx0 dst 192.0.2.2 self permanent\n",
			int(i / 16777216) % 256, int(i / 65536) % 256,
			int(i / 256) % 256, i % 256 }' >"$2"
}
secs_since() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
# timed ARRAY WHAT CMD...: CMD's seconds appended to ARRAY if it succeeds;
# a failure is logged, not timed
timed()
{
	local -n into=$1
	local what=$2 t0
	shift 2
	t0=$(date +%s%N)
	if "$@" >/dev/null; then
		into+=("$(secs_since "$t0")")
	else
		log "$what failed"
	fi
}
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }

N=${VNETFAB_BENCH_FDB:-100000}
ia=() ib=()
part fdb || RUNS_FDB=0
for r in $(seq "${RUNS_FDB:-$RUNS}"); do
	vnetfab_with udp port
	fdb_file "$N" /tmp/bench.conf
	timed ia "$N static entries: vnetfabctl apply" ctl h1 apply /tmp/bench.conf
	config_B
	bridge_file "$N" /tmp/bench.batch
	timed ib "$N static entries: bridge -batch" \
		ip netns exec h1 bridge -batch /tmp/bench.batch
	log "$N static entries: vnetfabctl apply ${ia[-1]:-?} s, bridge -batch ${ib[-1]:-?} s"
done
put install.apply "${ia[@]}"
put install.bridge "${ib[@]}"

# 1 000 peers: vnetfabctl apply of a file, and bridge -batch of the
# all-zeros entries (vxlan's head-end replication list) on vxlan
NP=1000
pa=() pb=()
for r in $(seq "${RUNS_FDB:-$RUNS}"); do
	vnetfab_with udp port
	ctl h1 dump-config | grep -v '^peer' >/tmp/bench.conf
	# 10.A.B.C, C 1..250 (fake_peer's plan)
	awk -v n=$NP 'BEGIN { for (i = 0; i < n; i++)
		printf "peer fab0 10.%d.%d.%d probe off\n", int(i / 64000) % 256,
			int(i / 250) % 256, i % 250 + 1 }' >>/tmp/bench.conf
	timed pa "$NP peers: vnetfabctl apply" ctl h1 apply /tmp/bench.conf
	np=$(ctl h1 peer list dev fab0 --json | jq length)
	config_B
	awk -v n=$NP 'BEGIN { for (i = 0; i < n; i++)
		printf "fdb append 00:00:00:00:00:00 dev vx0 dst 10.%d.%d.%d self permanent\n",
			int(i / 64000) % 256, int(i / 250) % 256, i % 250 + 1 }' >/tmp/bench.batch
	timed pb "$NP peers: bridge -batch" \
		ip netns exec h1 bridge -batch /tmp/bench.batch
	log "$NP peers: vnetfabctl apply ${pa[-1]:-?} s, bridge -batch ${pb[-1]:-?} s; then $np peers and $(ip netns exec h1 bridge fdb show dev vx0 | grep -c '^00:00:00:00:00:00') all-zeros entries"
done
put install.peers "${pa[@]}"
put install.peers.bridge "${pb[@]}"

for m in 1000 1000000; do
	part fdb || break
	[ "${VNETFAB_BENCH_QUICK:-}" ] && [ $m = 1000000 ] && continue
	vnetfab_with udp port
	DMAC=$VM2
	ping_ok vm1 "$DST"
	fdb_file $m /tmp/bench.conf
	# what the entries cost: slab growth, and all memory (the hash
	# table's buckets come from the page allocator or vmalloc)
	echo 3 >/proc/sys/vm/drop_caches
	s0=$(meminfo Slab) f0=$(meminfo MemFree)
	ctl h1 apply /tmp/bench.conf >/dev/null
	echo 3 >/proc/sys/vm/drop_caches
	s1=$(meminfo Slab) f1=$(meminfo MemFree)
	R[fdb.$m.bytes]=$(( (s1 - s0) * 1024 / m ))
	R[fdb.$m.mem]=$(( (f0 - f1) * 1024 / m ))
	sm=()
	for r in $(seq "$RUNS"); do sm+=("$(small)"); done
	put fdb.$m.small "${sm[@]}"
	log "$m MACs: ${R[fdb.$m.bytes]} bytes of slab, ${R[fdb.$m.mem]} of memory each, 64B ${sm[*]} pps"
done
rm -f /tmp/bench.conf /tmp/bench.batch

# ---- 4 096 segments created and deleted (ip -batch), vxlan alike --------------

SEGS=${VNETFAB_BENCH_SEGS:-4096}
segs()	# segs vnetfab|vxlan: "CREATE_S DELETE_S"
{
	local t0 c
	hosts
	awk -v n="$SEGS" -v k="$1" 'BEGIN { for (i = 1; i <= n; i++)
		if (k == "vnetfab")
			printf "link add s%d type vnetfab id %d local 192.0.2.1 dev ul0\n", i, i
		else
			printf "link add s%d type vxlan id %d local 192.0.2.1 dstport 4789 dev ul0\n", i, i }' >/tmp/bench.add
	awk -v n="$SEGS" 'BEGIN { for (i = 1; i <= n; i++) printf "link del s%d\n", i }' >/tmp/bench.del
	t0=$(date +%s%N)
	# the plugin from the tree (make install puts it where ip looks)
	IP_LIB_DIR=$TOP/userspace/ip ip -n h1 -batch /tmp/bench.add
	c=$(secs_since "$t0")
	[ "$(ip -n h1 -o link show type "$1" | wc -l)" = "$SEGS" ] || log "segs $1: not all $SEGS created"
	t0=$(date +%s%N)
	ip -n h1 -batch /tmp/bench.del
	echo "$c $(secs_since "$t0")"
}
for k in vnetfab vxlan; do
	part segs || break
	sc=() sd=()
	for r in $(seq "$RUNS"); do
		read -r a b < <(segs $k)
		sc+=("$a") sd+=("$b")
	done
	put segs.$k.create "${sc[@]}"
	put segs.$k.delete "${sd[@]}"
	log "$SEGS $k segments: create ${sc[*]} s, delete ${sd[*]} s"
done
rm -f /tmp/bench.add /tmp/bench.del

# ---- liveness: how soon a dead peer is found, and found again -------------
# D and E (vnetfab UDP, GRE), h1's view of h2, with the default probes
# (1000 ms, 3 misses) and with 100 ms ones; h2 dies two ways: its
# underlay link goes down, or h1's firewall drops all it sends (a black
# hole: links up). Detection by the kernel's clock: the age of h2's last
# frame less the age of its "down" state, read in one dump. Recovery:
# from the restore command to "up" (an upper bound: the poll is in it).
peer_of() { ctl h1 peer list dev fab0 --json | jq -c '.[] | select(.remote == "192.0.2.2")'; }
h2_state() { [ "$(peer_of | jq -r .state)" = "$1" ]; }
cut()	# cut down|hole: h2 unreachable from h1 over ul0
{
	if [ "$1" = down ]; then
		ip -n h2 link set ul0 down
	else
		printf '%s\n' 'table inet bench {' '	chain in {' \
			'		type filter hook input priority 0;' \
			'		iifname "ul0" drop' '	}' '}' |
			ip netns exec h1 nft -f -
	fi
}
heal()
{
	if [ "$1" = down ]; then
		ip -n h2 link set ul0 up
	else
		ip netns exec h1 nft delete table inet bench
	fi
}
for enc in D E; do
	part liveness || break
	for ms in 1000 100; do
		"config_$enc" || continue
		for h in h1 h2; do ctl $h segment set fab0 probe $ms; done
		ping_ok vm1 "$DST" || continue
		for kind in down hole; do
			det=() rec=()
			for r in $(seq "$RUNS"); do
				slowwait 10 h2_state up || { log "liveness $enc $ms: h2 not up"; break; }
				cut $kind
				if ! slowwait 20 h2_state down; then
					log "liveness $enc $ms $kind: h2 not found down"
					heal $kind
					continue
				fi
				p=$(peer_of)
				det+=("$(( $(jq .last_rx_ms <<<"$p") - $(jq .state_ms <<<"$p") ))")
				t0=$(date +%s%N)
				heal $kind
				slowwait 20 h2_state up || continue
				# the dump, then the clock: an upper bound
				p=$(peer_of)
				t1=$(date +%s%N)
				rec+=("$(( (t1 - t0) / 1000000 - $(jq .state_ms <<<"$p") ))")
			done
			put live.$enc.$ms.$kind "${det[@]}"
			put live.$enc.$ms.$kind.up "${rec[@]}"
			log "liveness $enc probe $ms $kind: detection ${det[*]} ms, back up ${rec[*]} ms"
		done
	done
done

# ---- failover: the outage a stream sees when the active path dies ----------
# h1 and h2 joined by two underlays, ul0 (192.0.2.0/24) and ul1
# (203.0.113.0/24); a ping every 10 ms from vm1 to vm2; the first path
# dies two ways: h2's ul0 goes down, or h1's firewall drops all that
# arrives on ul0 (a black hole: links up). The outage: the longest time between
# two replies (cut and heal as for liveness above). Then the path heals;
# the pings lost until frames are back on it (after the hold-down, 1000
# ms here) are counted. Compared:
#   D2, E2: vnetfab UDP, GRE, each peer at both addresses ("path"), with
#     the default probes (1000 ms) and 100 ms ones;
#   R: bridge+vxlan to a loopback address of the other host, routed over
#     both underlays (metric 10 and 20), with ignore_routes_with_linkdown:
#     the kernel withdraws the first route when its link goes down;
#   bridge+vxlan to one address has no failover at all.
second_underlay()
{
	local i
	ip -n h1 link add ul1 type veth peer name ul1 netns h2
	for i in 1 2; do
		ip -n h$i addr add 203.0.113.$i/24 dev ul1
		ip -n h$i link set ul1 up
	done
}
config_paths()	# config_paths udp|gre PROBE_MS
{
	hosts && second_underlay || return 1
	local i j
	for i in 1 2; do
		j=$((3 - i))
		ctl h$i segment add fab0 id 100 encap "$1" probe "$2" hold-down 1000 || return 1
		ip netns exec h$i sysctl -qw net.ipv6.conf.fab0.disable_ipv6=1
		ctl h$i peer add dev fab0 remote 192.0.2.$j path 203.0.113.$j || return 1
		ip -n h$i link set fab0 up
		ip -n h$i link set vm$i master fab0
	done
	vm_l2
}
config_routed_vxlan()
{
	hosts && second_underlay || return 1
	local i j
	for i in 1 2; do
		j=$((3 - i))
		ip netns exec h$i sysctl -qw net.ipv4.conf.all.ignore_routes_with_linkdown=1
		ip -n h$i addr add 10.255.0.$i/32 dev lo
		ip -n h$i route add 10.255.0.$j/32 via 192.0.2.$j metric 10
		ip -n h$i route add 10.255.0.$j/32 via 203.0.113.$j metric 20
		ip -n h$i link add vx0 type vxlan id 100 local 10.255.0.$i \
			remote 10.255.0.$j dstport 4789
		bridge_with h$i vx0
	done
	vm_l2
}
fo_active() { [ "$(ctl h1 peer list dev fab0 --json 2>/dev/null | jq -r '.[0].active_path')" = "$1" ]; }
fo_paths_up() { [ "$(ctl h1 peer list dev fab0 --json | jq -r '.[0].paths | map(.state) | join(",")')" = up,up ]; }
# fo_ping START|STOP: the 10 ms ping from vm1
fo_ping()
{
	if [ "$1" = start ]; then
		ip netns exec vm1 ping -D -n -i 0.01 -W 1 "$DST" >/tmp/bench.fo 2>&1 &
		FOPID=$!
		slowwait 5 grep -q 'bytes from' /tmp/bench.fo
	else
		date +%s.%N >/tmp/bench.fo.stop
		kill -INT "$FOPID" 2>/dev/null
		wait "$FOPID" 2>/dev/null
	fi
}
# the longest time without a reply: between two, or from the last to
# the stop (a stream that did not come back is an outage to the end)
fo_gap()
{
	awk -F'[][]' -v stop="$(</tmp/bench.fo.stop)" '/bytes from/ { t = $2; if (p != "" && (t - p) * 1000 > m) m = (t - p) * 1000; p = t }
		END { if (p != "" && (stop - p) * 1000 > m) m = (stop - p) * 1000; printf "%d\n", m }' /tmp/bench.fo
}
fo_lost() { awk '/packets transmitted/ { print $1 - $4 }' /tmp/bench.fo; }
fo_replies() { grep -c 'bytes from' /tmp/bench.fo; }
# fo_resumed N: 20 replies more than N (the stream is back)
fo_resumed() { [ "$(fo_replies)" -ge $(($1 + 20)) ]; }
# fo_runs KEY KIND VNETFAB: RUNS cuts; the outages into KEY, pings lost
# at failback into KEY.back (vnetfab only: the routed one has no hold-down)
fo_runs()
{
	local key=$1 kind=$2 vf=$3 out=() back=() r
	for r in $(seq "$RUNS"); do
		if [ "$vf" = 1 ]; then
			slowwait 20 fo_paths_up ||
				{ log "failover $key: paths not up"; break; }
		fi
		ping_ok vm1 "$DST" || { log "failover $key: no ping"; break; }
		fo_ping start
		cut "$kind"
		# until frames take the second path (vnetfab), then until the
		# stream is back: up to 10 s (a black hole never fails over
		# when routed; a sender's packets held in the dead path's
		# ARP queue hold its socket's buffer until they are dropped)
		if [ "$vf" = 1 ]; then
			slowwait 20 fo_active 1 || log "failover $key: no failover"
		fi
		n=$(fo_replies)
		slowwait 10 fo_resumed "$n" || log "failover $key: stream not back in 10 s"
		fo_ping stop
		out+=("$(fo_gap)")
		fo_ping start
		heal "$kind"
		if [ "$vf" = 1 ]; then
			slowwait 20 fo_active 0 || log "failover $key: no failback"
			sleep 0.5
		else
			sleep 3
		fi
		fo_ping stop
		back+=("$(fo_lost)")
	done
	put "$key" "${out[@]}"
	put "$key.back" "${back[@]}"
	log "failover $key: outage ${out[*]} ms, lost at failback ${back[*]}"
}
for enc in udp gre; do
	part failover || break
	for ms in 1000 100; do
		config_paths $enc $ms || { log "failover $enc $ms: setup failed"; continue; }
		for kind in down hole; do
			fo_runs fo.$enc.$ms.$kind $kind 1
		done
	done
done
# (routed: link down only. Routing has no liveness, so a black hole never
# fails over there; a run of it measured ~20 ms, which means the cut did
# not cut what routed vxlan sends, for a reason not found yet: not shown)
if part failover && config_routed_vxlan; then
	fo_runs fo.route.down down 0
fi
rm -f /tmp/bench.fo /tmp/bench.fo.stop

# ---- shares: fair sharing of the underlay ------------------------------------
# h1 and h2 over lib.sh's bridged underlay; segments fab1, fab2, fab3
# (UDP) with shares 10, 5 and 1, and fab4 with share 1, priority 7; a VM
# of each on each host; h1's ul0 scheduled at SHARE_MBIT (20 Mbit/s: at
# 200 the three streams made 130-150 on the TCG guest, the CPU and not
# the underlay was what they shared, and they split it as TCP does; at
# 50 they made 44-45, and fab3 took 1.34-1.6 of its share of what fab1
# could not use) by "vnetfabctl share set". A TCP stream on each of fab1..3 at once, SECS*2 s; what
# each received (iperf3), as a fraction of the three; the same with no
# shares (no scheduler: what TCP makes of it alone, on an underlay
# limited to the same rate by tbf). And the median RTT of 20 pings over
# fab4 idle and under that load, with its priority and with none.
SHARE_MBIT=${VNETFAB_BENCH_SHARE_MBIT:-20}
SHARES=(- 10 5 1 1) ASKED=(- 625 312 62)
shares_setup()
{
	local s h
	ns_cleanup
	topo_underlay h1 h2 || return 1
	for s in 1 2 3 4; do
		for h in h1 h2; do seg_add $h fab$s $s encap udp || return 1; done
		seg_mesh fab$s 4 h1 h2 || return 1
		vm_add h1 a$s fab$s 02:00:00:00:0$s:01 10.0.$s.1/24 - || return 1
		vm_add h2 b$s fab$s 02:00:00:00:0$s:02 10.0.$s.2/24 - || return 1
		ip netns exec b$s iperf3 -s -D -B 10.0.$s.2 >/dev/null
		ping_ok a$s 10.0.$s.2 || return 1
		# MTU-sized frames: a 64 KB super-packet takes 170 ms of a
		# 3 Mbit/s share, and fq_codel (5 ms target) drops it
		ip netns exec a$s ethtool -K eth0 tso off gso off >/dev/null
		ip netns exec b$s ethtool -K eth0 tso off gso off >/dev/null
	done
}
# shares_run: "F1 F2 F3" the fractions (x1000) each stream got, and
# "RTT_IDLE RTT_LOADED" of fab4 in us
shares_run()
{
	local s pids=() f=() sum=0 idle busy
	idle=$(shares_rtt)
	for s in 1 2 3; do
		ip netns exec a$s iperf3 -c 10.0.$s.2 -t $((SECS * 2)) -J \
			>/tmp/bench.sh$s.json 2>/dev/null &
		pids+=($!)
	done
	sleep "$SECS"
	busy=$(shares_rtt)
	wait "${pids[@]}"
	for s in 1 2 3; do
		f[s]=$(jq '.end.sum_received.bits_per_second // 0 | floor' /tmp/bench.sh$s.json)
		sum=$((sum + f[s]))
	done
	[ "$sum" -gt 0 ] || { echo "- - - $idle $busy"; return; }
	echo "$((f[1] * 1000 / sum)) $((f[2] * 1000 / sum)) $((f[3] * 1000 / sum)) $idle $busy $sum"
}
shares_rtt()
{
	ip netns exec a4 ping -c 20 -i 0.05 -W 2 10.0.4.2 |
		sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | sort -n |
		awk '{ v[NR] = $1 } END { printf "%d\n", NR ? v[int((NR + 1) / 2)] * 1000 : -1 }'
}
if part shares && shares_setup; then
	declare -a sh1 sh2 sh3 shi shb shs nh1 nh2 nh3 nhb pb
	for r in $(seq "$RUNS"); do
		# with shares and priority
		for s in 1 2 3 4; do
			ctl h1 segment set fab$s share ${SHARES[s]} \
				priority $([ $s = 4 ] && echo 7 || echo 0)
		done
		ctl h1 share set dev ul0 rate ${SHARE_MBIT}mbit
		read -r a b c i l t <<<"$(shares_run)"
		sh1+=("$a") sh2+=("$b") sh3+=("$c") shi+=("$i") shb+=("$l") shs+=("$t")
		# fab4 without priority
		ctl h1 segment set fab4 priority 0
		read -r a b c i l t <<<"$(shares_run)"
		pb+=("$l")
		# no shares: tbf at the same rate, TCP alone
		ctl h1 share del dev ul0
		for s in 1 2 3 4; do ctl h1 segment set fab$s share off; done
		tc -n h1 qdisc add dev ul0 root tbf rate ${SHARE_MBIT}mbit burst 64kb latency 20ms
		read -r a b c i l t <<<"$(shares_run)"
		nh1+=("$a") nh2+=("$b") nh3+=("$c") nhb+=("$l")
		tc -n h1 qdisc del dev ul0 root
		log "shares run $r: 10:5:1 -> ${sh1[-1]}:${sh2[-1]}:${sh3[-1]} (of 1000, sum ${shs[-1]} bit/s), none -> ${nh1[-1]}:${nh2[-1]}:${nh3[-1]}; fab4 RTT idle ${shi[-1]} us, loaded ${shb[-1]} (priority 7), ${pb[-1]} (priority 0), ${nhb[-1]} (no shares)"
	done
	put sh.1 "${sh1[@]}"; put sh.2 "${sh2[@]}"; put sh.3 "${sh3[@]}"
	put sh.sum "${shs[@]}"; put sh.idle "${shi[@]}"; put sh.busy "${shb[@]}"
	put sh.busy0 "${pb[@]}"; put sh.none.busy "${nhb[@]}"
	put sh.none.1 "${nh1[@]}"; put sh.none.2 "${nh2[@]}"; put sh.none.3 "${nh3[@]}"
	pkill -KILL iperf3
	ns_cleanup
fi

# ---- profile: where the time of one TCP stream goes ------------------------
# A system-wide perf record (cpu-clock: TCG has no PMU) over one iperf3
# run in B, D and G; the report lists each one's top symbols.
declare -A PROF
for c in B D G; do
	part profile || break
	command -v perf >/dev/null || { log "profile: no perf (make deps)"; break; }
	"config_$c" || continue
	ping_ok vm1 "$DST" || continue
	server_start
	perf record -q -a -g -e cpu-clock -o /tmp/bench.perf -- \
		ip netns exec vm1 iperf3 -c "$DST" -t "$SECS" >/dev/null 2>&1
	server_stop
	PROF[$c]=$(perf report -q -i /tmp/bench.perf --stdio --no-children \
		--sort dso -g none --percent-limit 0.5 2>/dev/null |
		grep -E '^ +[0-9]' | head -8
		echo
		perf report -q -i /tmp/bench.perf --stdio --no-children \
		--sort dso,sym -g none --percent-limit 1 2>/dev/null |
		grep -E '^ +[0-9]' | head -25)
	rm -f /tmp/bench.perf
done
# D with 4 streams: does anything of vnetfab's, or any lock, show up per
# packet? vnetfab.ko's own symbols and every locking or atomic symbol of
# the kernel, down to 0.1 % of the samples (with 2 vCPUs, VCPUS=2, a
# lock or cache line shared per packet would be here)
if part profile && command -v perf >/dev/null && config_D && ping_ok vm1 "$DST"; then
	server_start
	perf record -q -a -g -e cpu-clock -o /tmp/bench.perf -- \
		ip netns exec vm1 iperf3 -c "$DST" -t "$SECS" -P 4 >/dev/null 2>&1
	server_stop
	PROF[D4]=$(perf report -q -i /tmp/bench.perf --stdio --no-children \
		--sort dso,sym -g none --percent-limit 0.1 2>/dev/null |
		grep -E '^ +[0-9]' |
		grep -E '\[vnetfab\]|vnetfab_|spin_lock|_lock_|mutex|rwlock|seqlock|atomic|cmpxchg|queued_' |
		head -30
		# in which processes a spinlock was contended, if anywhere
		perf report -q -i /tmp/bench.perf --stdio --no-children \
		-S native_queued_spin_lock_slowpath -G 2>/dev/null |
		grep -E '[a-z_]' | grep -vE '^#|^$' | head -40)
	PROF[D4]=${PROF[D4]:-(no symbol of vnetfab.ko nor any lock at 0.1 % or more)}
	rm -f /tmp/bench.perf
fi

# ---- the report ------------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "") printf "%.2f", a / b; else print "-" }'; }
# met RATIO BAR: "met", "missed", or "not measured" (a part not run, or
# no figure from it: a row of a part left out must not read missed, nor met)
met() { awk -v r="$1" -v b="$2" 'BEGIN { print (r == "-" || r == "") ? "not measured" : (r + 0 >= b) ? "met" : "missed" }'; }
# below SECONDS BAR: the same for a time that must stay under BAR
below() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "-" || a == "") ? "not measured" : (a + 0 > 0 && a + 0 < b) ? "met" : "missed" }'; }
# measured KEY: the part that sets R[KEY] ran and gave a figure
measured() { [ -n "${R[$1]:-}" ] && [ "${R[$1]}" != - ]; }
# slope: least-squares microseconds per peer over 1..256 peers
slope()
{
	local k=$1
	for n in 1 16 64 256; do echo "$n ${R[flood.$k.$n]}"; done |
		awk '{ x += $1; y += $2; xx += $1 * $1; xy += $1 * $2; n++ }
		     END { printf "%.3f", (n * xy - x * y) / (n * xx - x * x) }'
}

# cell KEY: "median (min-max)"
cell() { [ -n "${R[$1]:-}" ] && [ "${R[$1]}" != - ] && echo "${R[$1]} (${R[$1.range]})" || echo -; }

# a warning the guest's console does not show (loglevel 4) still says
# the run is suspect: the report names it
splats=$(dmesg | grep -cE 'WARNING:|BUG:|Call Trace|general protection')
[ "$splats" = 0 ] || dmesg | grep -E -A12 'WARNING:|BUG:' | head -60 | sed 's/^/# dmesg: /' >&2

echo "@@report"
[ "$splats" = 0 ] || { echo "**The guest's kernel log has $splats warning lines (WARNING, BUG, Call Trace): see the run's stderr.**"; echo; }
echo "Each cell: median of $RUNS runs (min-max). Ratios are of medians. The"
echo "data-path runs go in rounds: A to H once per round."
echo
echo "| metric | A routed | B br+vxlan | C br+gretap | D vnetfab udp | E vnetfab gre | F br+vnetfab | G = D, wire segments | H = B, wire segments | D/B | D/A | G/H |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
row()
{
	local c
	printf '| %s |' "$1"
	for c in A B C D E F G H; do printf ' %s |' "$(cell $c.$2)"; done
	printf ' %s | %s | %s |\n' "$(ratio "${R[D.$2]:-}" "${R[B.$2]:-}")" \
		"$(ratio "${R[D.$2]:-}" "${R[A.$2]:-}")" \
		"$(ratio "${R[G.$2]:-}" "${R[H.$2]:-}")"
}
row "TCP, 1 stream (Gbit/s)" tcp1
row "TCP, 4 streams (Gbit/s)" tcp4
row "64-byte frames delivered (pps)" small
row "RTT median (us)" lat50
row "RTT p99 (us)" lat99
echo
echo "| targets | measured | bar | |"
echo "|---|---|---|---|"
for m in tcp1 tcp4; do
	r=$(ratio "${R[D.$m]:-}" "${R[B.$m]:-}")
	echo "| D/B TCP ($m) | $r | >= 1.0 (goal 1.15) | $(met "$r" 1.0) |"
	r=$(ratio "${R[D.$m]:-}" "${R[A.$m]:-}")
	echo "| D/A TCP ($m) | $r | >= 0.8 | $(met "$r" 0.8) |"
done
r=$(ratio "${R[D.small]:-}" "${R[B.small]:-}")
echo "| D/B 64-byte rate | $r | >= 1.0 (goal 1.3) | $(met "$r" 1.0) |"
r=$(ratio "${R[B.lat50]:-}" "${R[D.lat50]:-}")
echo "| B/D median RTT (above 1: D faster) | $r | >= 1.0 | $(met "$r" 1.0) |"
if measured fdb.1000000.small; then
	r=$(ratio "${R[fdb.1000000.small]}" "${R[fdb.1000.small]}")
	echo "| 64-byte rate, 1M MACs / 1k MACs | $r | >= 0.9 | $(met "$r" 0.9) |"
	b=${R[fdb.1000000.bytes]}
	echo "| slab bytes per FDB entry (1M static) | $b | <= 128 | $([ "$b" -le 128 ] && echo met || echo missed) |"
	b=${R[fdb.1000000.mem]}
	echo "| ... all memory per entry, hash table included | $b | <= 128 | $([ "$b" -le 128 ] && echo met || echo missed) |"
fi
a=${R[install.apply]:-} b=${R[install.bridge]:-}
echo "| $N static entries, vnetfabctl apply (s) | ${a:--} | < 2 | $(below "$a" 2) |"
r=$(ratio "$b" "$a")
echo "| ... bridge -batch on vxlan / apply | $r | >= 10 | $(met "$r" 10) |"
a=${R[install.peers]:-}
echo "| $NP peers, vnetfabctl apply (s) | ${a:--} | < 1 | $(below "$a" 1) |"
if measured flood.vnetfab.256 && measured flood.vxlan.256; then
	sv=$(slope vnetfab) sx=$(slope vxlan)
	echo "| flood cost per added peer, vnetfab (us) | $sv | <= 0.8 x vxlan's $sx | $(awk -v a="$sv" -v b="$sx" 'BEGIN { print a <= 0.8 * b ? "met" : "missed" }') |"
fi
echo
echo "| control plane | vnetfab | vxlan (B) | vnetfab/vxlan |"
echo "|---|---|---|---|"
echo "| $N static FDB entries (s) | $(cell install.apply) | $(cell install.bridge) | $(ratio "${R[install.apply]:-}" "${R[install.bridge]:-}") |"
echo "| $NP peers (s; vxlan: all-zeros entries) | $(cell install.peers) | $(cell install.peers.bridge) | $(ratio "${R[install.peers]:-}" "${R[install.peers.bridge]:-}") |"
echo "| create $SEGS segments, ip -batch (s) | $(cell segs.vnetfab.create) | $(cell segs.vxlan.create) | $(ratio "${R[segs.vnetfab.create]:-}" "${R[segs.vxlan.create]:-}") |"
echo "| delete them (s) | $(cell segs.vnetfab.delete) | $(cell segs.vxlan.delete) | $(ratio "${R[segs.vnetfab.delete]:-}" "${R[segs.vxlan.delete]:-}") |"
if [ -n "${R[fdb.1000.small]:-}" ]; then
	echo "| 64-byte rate with 1 000 MACs (pps) | $(cell fdb.1000.small) | | |"
	echo "| 64-byte rate with 1 000 000 MACs (pps) | $(cell fdb.1000000.small) | | |"
	echo "| slab bytes per static entry (1 000 / 1 000 000) | ${R[fdb.1000.bytes]:--} / ${R[fdb.1000000.bytes]:--} | | |"
	echo "| all memory per static entry (1 000 / 1 000 000) | ${R[fdb.1000.mem]:--} / ${R[fdb.1000000.mem]:--} | | |"
fi
echo
echo "Flood: microseconds per broadcast frame from vm1 ($FLOOD_K frames), by number of peers,"
echo "until the last copy left h1 (starting the sender is in it too: compare slopes)"
echo
echo "| peers | vnetfab | bridge+vxlan (head-end replication) |"
echo "|---|---|---|"
for n in 1 16 64 256; do
	echo "| $n | $(cell flood.vnetfab.$n) | $(cell flood.vxlan.$n) |"
done
if [ -n "${R[live.D.100.down]:-}" ]; then
	echo
	echo "Liveness: a dead peer found down, ms after its last frame (kernel clock), and"
	echo "back up after the path heals (ms, poll included); probe-misses 3. bridge+vxlan has"
	echo "no liveness: it keeps sending floods and unicast to a dead host until reconfigured."
	echo
	echo "| failure | probe 1000 ms: down | back up | probe 100 ms: down | back up | bridge+vxlan |"
	echo "|---|---|---|---|---|---|"
	for enc in D E; do
		for kind in down hole; do
			printf '| %s, %s | %s | %s | %s | %s | never |\n' \
				"$([ $enc = D ] && echo UDP || echo GRE)" \
				"$([ $kind = down ] && echo "link down" || echo "black hole")" \
				"$(cell live.$enc.1000.$kind)" "$(cell live.$enc.1000.$kind.up)" \
				"$(cell live.$enc.100.$kind)" "$(cell live.$enc.100.$kind.up)"
		done
	done
	echo
	echo "| target | measured | bar | |"
	echo "|---|---|---|---|"
	for enc in D E; do
		for kind in down hole; do
			r=${R[live.$enc.100.$kind]:--}
			echo "| $enc $kind: found down with 100 ms probes (ms) | $r | < 500 | $(awk -v a="$r" 'BEGIN { print (a != "-" && a + 0 < 500) ? "met" : "missed" }') |"
		done
	done
fi
if [ -n "${R[sh.1]:-}" ]; then
	echo
	echo "Shares: three segments with shares 10, 5 and 1 (and one idle with 1,"
	echo "priority 7) on an underlay scheduled at $SHARE_MBIT Mbit/s by vnetfabctl share"
	echo "set; a TCP stream on each of the three at once. What each received, per"
	echo "thousand of the three's sum (${R[sh.sum]} bit/s median), against what the"
	echo "shares ask (10/16, 5/16, 1/16); and with no shares (tbf at the same"
	echo "rate: TCP's own split). bridge+vxlan has no shares."
	echo
	echo "| segment | share | asked (of 1000) | measured | no shares |"
	echo "|---|---|---|---|---|"
	echo "| fab1 | 10 | 625 | $(cell sh.1) | $(cell sh.none.1) |"
	echo "| fab2 | 5 | 312 | $(cell sh.2) | $(cell sh.none.2) |"
	echo "| fab3 | 1 | 62 | $(cell sh.3) | $(cell sh.none.3) |"
	echo
	echo "| fab4 ping, median RTT (us) | idle | under that load |"
	echo "|---|---|---|"
	echo "| share 1, priority 7 | $(cell sh.idle) | $(cell sh.busy) |"
	echo "| share 1, priority 0 | | $(cell sh.busy0) |"
	echo "| no shares (tbf) | | $(cell sh.none.busy) |"
	echo
	echo "| target | measured | bar | |"
	echo "|---|---|---|---|"
	for s in 1 2 3; do
		a=${ASKED[s]} r=${R[sh.$s]:--}	# (cut is a function here)
		echo "| fab$s: measured / asked | $(ratio "$r" "$a") | 0.85..1.15 | $(awk -v r="$r" -v a="$a" 'BEGIN { q = r / a; print (r != "-" && q >= 0.85 && q <= 1.15) ? "met" : "missed" }') |"
	done
	r=$(ratio "${R[sh.busy]:-}" "${R[sh.idle]:-}")
	echo "| fab4 (priority) RTT loaded / idle | $r | <= 2 | $(awk -v r="$r" 'BEGIN { print (r != "-" && r + 0 <= 2) ? "met" : "missed" }') |"
fi
if [ -n "${R[fo.udp.100.down]:-}" ]; then
	echo
	echo "Failover: the longest gap in a ping every 10 ms (ms) when the first of two"
	echo "underlay paths dies, and the pings lost when frames go back to it after the"
	echo "hold-down (1000 ms). bridge+vxlan to one address has no failover: the outage"
	echo "lasts until someone reconfigures it. Routed: bridge+vxlan to a loopback address"
	echo "routed over both underlays, the first route withdrawn on link down"
	echo "(ignore_routes_with_linkdown); it cannot see a black hole. Link down here is a direct cable: each host loses the carrier or"
	echo "the route of that path, which vnetfab finds at the first frame (reason"
	echo "unreachable) as routing withdraws its route; a black hole is found by timeout."
	echo
	echo "| failure | vnetfab UDP, probe 1000 | probe 100 | vnetfab GRE, probe 1000 | probe 100 | routed vxlan | bridge+vxlan |"
	echo "|---|---|---|---|---|---|---|"
	for kind in down hole; do
		printf '| %s: outage | %s | %s | %s | %s | %s | never ends |\n' \
			"$([ $kind = down ] && echo "link down" || echo "black hole")" \
			"$(cell fo.udp.1000.$kind)" "$(cell fo.udp.100.$kind)" \
			"$(cell fo.gre.1000.$kind)" "$(cell fo.gre.100.$kind)" \
			"$([ $kind = down ] && cell fo.route.$kind || echo "never ends (no liveness)")"
		printf '| ... pings lost at failback | %s | %s | %s | %s | %s | |\n' \
			"$(cell fo.udp.1000.$kind.back)" "$(cell fo.udp.100.$kind.back)" \
			"$(cell fo.gre.1000.$kind.back)" "$(cell fo.gre.100.$kind.back)" \
			"$(cell fo.route.$kind.back)"
	done
	echo
	echo "| target | measured | bar | |"
	echo "|---|---|---|---|"
	for enc in udp gre; do
		for kind in down hole; do
			r=${R[fo.$enc.100.$kind]:--}
			echo "| $enc $kind: outage with 100 ms probes (ms) | $r | < 500 | $(awk -v a="$r" 'BEGIN { print (a != "-" && a + 0 < 500) ? "met" : "missed" }') |"
			r=${R[fo.$enc.100.$kind.back]:--}
			echo "| $enc $kind: pings lost at failback | $r | 0 | $([ "$r" = 0 ] && echo met || echo missed) |"
		done
	done
fi
for c in B D G; do
	[ -n "${PROF[$c]:-}" ] || continue
	echo
	echo "Profile, config $c: one TCP stream, cpu-clock samples of the whole guest, by module, then by symbol (>= 1 %)"
	echo
	echo '```'
	echo "${PROF[$c]}"
	echo '```'
done
if [ -n "${PROF[D4]:-}" ]; then
	echo
	echo "Profile, config D: 4 TCP streams on $(nproc) vCPUs, vnetfab.ko's symbols and the kernel's lock and atomic symbols (>= 0.1 %), then in which processes a spinlock was contended (comm, dso)"
	echo
	echo '```'
	echo "${PROF[D4]}"
	echo '```'
fi
