#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Fair sharing of the underlay (kmod/share.c, userspace/share.c). Four
# segments between h1 and h2: fab1 share 10, fab2 share 5, fab3 share 1
# (GRE: both encapsulations are classified), fab4 share 1 priority 7.
# h1's underlay is scheduled by "vnetfabctl share set dev ul0 rate R".
# With fab1..3 each carrying a TCP stream as fast as it can, what each
# sends (the bytes of its class) is within 15% of 10:5:1; fab1 stopped,
# fab2 and fab3 take the capacity within 2 s; fab1 started again, it has
# its share back within 2 s; fab4's ping under that load stays within 2x
# of the idle fabric's. Settings read back through vnetfabctl, the ip
# plugin and the config file; bad values refused by each, the kernel
# included, with nothing changed.
# Encapsulation-independent (after encapsulation): one run, with a UDP
# and a GRE segment.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping iperf3 tc python3
ktap_header
ktap_plan 31

LINKSET=$TOP/selftests/tools/linkset.py
export IP_LIB_DIR=$TOP/userspace/ip
# the underlay's rate: what the guest's CPU carries with room to spare
# (a scheduler measured against the CPU would measure the CPU)
case $(uname -r) in *-debug) RATE=2 ;; *) RATE=5 ;; esac

vnetfab_load
topo_underlay h1 h2
for s in 1 2 3 4; do
	enc=()
	[ $s = 3 ] && enc=(encap gre)
	for h in h1 h2; do seg_add $h fab$s $s "${enc[@]}"; done
	seg_mesh fab$s 4 h1 h2
	vm_add h1 a$s fab$s 02:00:00:00:0$s:01 10.0.$s.1/24 -
	vm_add h2 b$s fab$s 02:00:00:00:0$s:02 10.0.$s.2/24 -
	ip netns exec b$s iperf3 -s -D -B 10.0.$s.2 >/dev/null
done
check "four segments, fab3 GRE, work" sh -c \
	'for s in 1 2 3 4; do ip netns exec a$s ping -c 1 -W 5 10.0.$s.2 >/dev/null || exit 1; done'

ipd() { ip -n h1 -d -j link show dev "$1" | jq -r ".[0].linkinfo.info_data.$2 // \"-\""; }

# ---- settings, through every front end ---------------------------------------
check_eq "no share by default: ip shows none, dump-config writes none" "- 0" \
	"$(ipd fab1 share) $(ctl h1 dump-config | grep -c ' share ')"
ctl h1 segment set fab1 share 10
ip -n h1 link set fab2 type vnetfab share 5
ctl h1 dump-config | sed '/^segment fab3 /s/$/ share 1/' >/tmp/sharing.conf
out=$(ctl h1 apply /tmp/sharing.conf)
ctl h1 segment set fab4 share 1 priority 7
check_eq "vnetfabctl, ip and apply set them; ip -d shows share, priority, class" \
	"10 0 fab:2|5 0 fab:3|1 0 fab:4|1 7 fab:5" \
	"$(for s in 1 2 3 4; do echo -n "$(ipd fab$s share) $(ipd fab$s priority) $(ipd fab$s share_class)|"; done | sed 's/|$//')"
check "apply said what it changed (fab3 share 1)" grep -q 'fab3.* share 1' <<<"$out"
check_eq "dump-config writes them back" "share 10|share 5|share 1|share 1 priority 7" \
	"$(ctl h1 dump-config | grep -o 'share [0-9]*\( priority [0-9]*\)\?' | paste -sd'|')"

# ---- bad input ----------------------------------------------------------------
check_err "vnetfabctl: share 10001 refused" "share must be 1..10000, or off" \
	ctl h1 segment set fab1 share 10001
check_err "vnetfabctl: share 0 refused (off is none)" "share must be 1..10000, or off" \
	ctl h1 segment set fab1 share 0
check_err "share set: a rate beyond 64 bits refused" "not a rate" \
	ctl h1 share set dev ul0 rate 18446744073709551616
check_err "ip: priority 8 refused" "priority" \
	ip -n h1 link set fab1 type vnetfab priority 8
check_err "the kernel: share 10001, with its message" "share must be 0 (none)..10000" \
	ip netns exec h1 "$LINKSET" fab1 share=10001 priority:8=3
check_err "the kernel: priority 8, with its message" "priority must be 0..7" \
	ip netns exec h1 "$LINKSET" fab1 priority:8=8
check_err "the kernel: the class is read only" "read only" \
	ip netns exec h1 "$LINKSET" fab1 share_class=0x0fab0009
check_eq "... and nothing changed" "10 0 fab:2" \
	"$(ipd fab1 share) $(ipd fab1 priority) $(ipd fab1 share_class)"
check_err "share set: a rate that is not one" "not a rate" \
	ctl h1 share set dev ul0 rate fast
check_err "share set: no such device" "no device nosuch" \
	ctl h1 share set dev nosuch rate 1mbit
tc -n h1 qdisc add dev ul0 root handle 1: tbf rate 1mbit burst 16kb latency 50ms
check_err "share set over someone's root qdisc: refused, saying what to do" \
	"tc qdisc del dev ul0 root" ctl h1 share set dev ul0 rate ${RATE}mbit
check_eq "... which stays" "tbf" \
	"$(tc -n h1 -j qdisc show dev ul0 root | jq -r '.[0].kind')"
tc -n h1 qdisc del dev ul0 root

# ---- the scheduler --------------------------------------------------------------
ctl h1 share set dev ul0 rate ${RATE}mbit
# shares 10+5+1+1, and 1 for the host's own traffic: 18 parts
R=$((RATE * 1000000))
# (HTB keeps rates in bytes a second)
part() { echo $((R * $1 / 18 / 8 * 8)); }
check_eq "share show: each class's guaranteed rate is its part of $RATE Mbit/s" \
	"fab1 $(part 10) fab2 $(part 5) fab3 $(part 1) fab4 $(part 1) other $(part 1)" \
	"$(ctl h1 share show dev ul0 --json | jq -r '[.[0].classes[] | "\(.ifname) \(.rate)"] | sort | join(" ")')"
check_eq "each class has fq_codel, not a pfifo of 1000 packets" "5" \
	"$(tc -n h1 -j qdisc show dev ul0 | jq '[.[] | select(.kind == "fq_codel" and (.parent | startswith("fab:")))] | length')"

now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
# Every 100 ms, the bytes each segment's class sent: "MS B1 B2 B3 B4"
# (tools/tcbytes.py: one process, one netlink socket)
sampler()
{
	exec ip netns exec h1 "$TOP/selftests/tools/tcbytes.py" ul0 0.1 \
		$(for s in 1 2 3 4; do ipd fab$s share_class; done)
}
# rate FROM TO COLS: bit/s of the sum of columns COLS (1..4) between
# the first sample from FROM and the last up to TO (ms)
rate()
{
	awk -v f="$1" -v t="$2" -v cols="$3" '
		function sum(   i, s, n, c) { n = split(cols, c, ","); s = 0
			for (i = 1; i <= n; i++) s += $(c[i] + 1); return s }
		$1 >= f && !a { a = $1; sa = sum() }
		$1 <= t { b = $1; sb = sum() }
		END { if (b > a) printf "%d\n", (sb - sa) * 8000 / (b - a); else print 0 }' /tmp/sharing.samples
}
# reached FROM COLS MIN: ms from FROM to the end of the first window of
# at least 500 ms, all after FROM, in which COLS carry MIN bit/s, or
# "never"
reached()
{
	awk -v f="$1" -v cols="$2" -v min="$3" '
		function sum(   i, s, n, c) { n = split(cols, c, ","); s = 0
			for (i = 1; i <= n; i++) s += $(c[i] + 1); return s }
		$1 >= f { t[n] = $1; v[n++] = sum() }
		END {
			i = 0
			for (j = 1; j < n; j++) {
				while (t[j] - t[i + 1] >= 500) i++
				if (t[j] - t[i] >= 500 &&
				    (v[j] - v[i]) * 8000 / (t[j] - t[i]) >= min) {
					printf "%d\n", t[j] - f; exit
				}
			}
			print "never" }' /tmp/sharing.samples
}
# moved COL FROM TO first|last: the ms of the first (last) sample
# between FROM and TO at which column COL (1..4) had grown by 10000
# bytes or more since the one before (a stream's first or last 100 ms,
# not a FIN or the control connection's close); 0 if none
moved()
{
	awk -v c="$1" -v f="$2" -v t="$3" -v w="$4" '
		$1 >= f && $1 <= t && seen && $(c + 1) >= p + 10000 {
			m = $1; if (w == "first") { print m; done = 1; exit } }
		{ p = $(c + 1); seen = 1 }
		# (m as read: mawk prints a number past 2^31 as 1.8e+12)
		END { if (!done) print (m == "" ? 0 : m) }' /tmp/sharing.samples
}
# stream S SECS: a TCP stream over segment S, as fast as it goes
stream() { ip netns exec a$1 iperf3 -c 10.0.$1.2 -t "$2" >/dev/null 2>&1; }
# median RTT in us of 20 pings over segment S
rtt()
{
	ip netns exec a$1 ping -c 20 -i 0.1 -W 2 10.0.$1.2 |
		sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | sort -n |
		awk '{ v[NR] = $1 } END { printf "%d\n", v[int((NR + 1) / 2)] * 1000 }'
}
# MTU-sized frames, as most VMs send: HTB's accounting is by packet, and
# 64 KB super-packets make the classes' rates coarse at these speeds
for s in 1 2 3 4; do
	ip netns exec a$s ethtool -K eth0 tso off gso off >/dev/null
	ip netns exec b$s ethtool -K eth0 tso off gso off >/dev/null
done

# each segment's frames in its own class: 20 pings over a segment add
# 20 packets or more (its probes and ARP go there too) to its class, and
# fewer than 20 (their own probes) to each other one
cls_pkts() { ctl h1 share show dev ul0 --json | jq -r '[.[0].classes[] | select(.ifname | startswith("fab"))] | sort_by(.ifname) | map(.packets) | join(" ")'; }
classes_ok()
{
	local s k before after b a
	for s in 1 2 3 4; do
		read -ra before <<<"$(cls_pkts)"
		ip netns exec a$s ping -c 20 -i 0.05 -W 2 -q 10.0.$s.2 >/dev/null || return 1
		read -ra after <<<"$(cls_pkts)"
		echo "20 pings over fab$s: ${before[*]} -> ${after[*]}"
		for k in 0 1 2 3; do
			b=${before[k]:-x} a=${after[k]:-x}
			if [ $k = $((s - 1)) ]; then
				[ $((a - b)) -ge 20 ] || return 1
			else
				[ $((a - b)) -lt 20 ] || return 1
			fi
		done
	done
}
check "each segment's packets, UDP and GRE, go through its own class (20 pings: 20 or more there, fewer elsewhere)" classes_ok

# throughput: on the debug kernel under TCG the CPU, not the underlay,
# is what the streams share (measured: 0.5 of 2 Mbit/s for the three,
# iperf3 ten seconds to start, the sampler's 100 ms taking 2 s): those
# checks are for the stock kernels; the debug kernel has the settings,
# the classification above and the teardown below under KASAN
throughput()
{
idle=$(rtt 4)
# and with the same three streams paced to 80% of the rate together: no
# queue at the underlay, the guest's CPU as busy as under the load (on a
# TCG guest an idle fabric's 1 ms doubles with the CPU alone: 6.1 once
# 947 us idle, 1990 under load, with fab3's own at 27900)
pp=()
for s in 1 2 3; do
	ip netns exec a$s iperf3 -c 10.0.$s.2 -t 8 -b $((R * 8 / 10 / 3)) >/dev/null 2>&1 &
	pp+=($!)
done
sleep 3
paced=$(rtt 4)
wait "${pp[@]}"
ref=$idle
[ "$paced" -gt "$ref" ] && ref=$paced
sampler >/tmp/sharing.samples &
spid=$!
# python's first start on the guest reads its modules over 9p: seconds
slowwait 60 test -s /tmp/sharing.samples
T0=$(now_ms)
stream 2 50 2>/dev/null & p2=$!
stream 3 50 2>/dev/null & p3=$!
stream 1 20 2>/dev/null & p1=$!
# all three busy: from 4 s in to 17 s (TCP's start left out; 13 s: a
# run beside another guest's load once took fab3 to 1.17/16 over 7 s)
sleep 5
busy=$(rtt 4)
busy3=$(rtt 3)
sleep 9
r1=$(rate $((T0 + 4000)) $((T0 + 17000)) 1)
r2=$(rate $((T0 + 4000)) $((T0 + 17000)) 2)
r3=$(rate $((T0 + 4000)) $((T0 + 17000)) 3)
cap=$((r1 + r2 + r3))
wait $p1
T1=$(now_ms)
sleep 5
stream 1 12 2>/dev/null & p1=$!
sleep 5
kill $spid
wait $spid 2>/dev/null
pkill -KILL iperf3	# (TERM: a client whose server went first can hang)
# fab1 stopped when its class sent its last bytes, started again with
# its first (not when iperf3 did: its start on a TCG guest takes a
# second of its own)
Tstop=$(moved 1 $((T0 + 4000)) "$T1" last)
Tstart=$(moved 1 $((T1 + 1000)) $((T1 + 20000)) first)
borrow=$(reached $Tstop 2,3 $((cap * 85 / 100)))
back=$(reached $Tstart 1 $((cap * 10 / 16 * 85 / 100)))
echo "# $(wc -l </tmp/sharing.samples) samples; fab1 stopped at $((Tstop - T0)) ms, started at $((Tstart - T0)) ms"
# every second's sample, for the record: ms from T0, bytes of fab1..4
awk -v t0="$T0" 'NR % 10 == 1 { printf "%s%d:%s/%s/%s/%s", (n++ ? " " : "# samples "), $1 - t0, $2, $3, $4, $5 } END { print "" }' /tmp/sharing.samples | fold -w 200 | sed '2,$s/^/# /'
wait $p1 $p2 $p3 2>/dev/null
echo "# underlay $RATE Mbit/s; all busy, bit/s: fab1 $r1 fab2 $r2 fab3 $r3 (sum $cap)"
echo "# fab1 stopped: fab2+fab3 at 85% of the sum after $borrow ms; started: its share after $back ms"
echo "# ping over fab4 (priority 7), median: idle $idle us, streams paced under the rate $paced us, under load $busy us; over fab3 (busy, share 1): $busy3 us"
# within15 R SHARE: R is within 15% of SHARE/16 of the sum
within15() { [ $(($1 * 16 * 100)) -ge $((cap * $2 * 85)) ] && [ $(($1 * 16 * 100)) -le $((cap * $2 * 115)) ]; }
check "the streams filled the underlay (sum $cap bit/s of $R, at least 85%)" \
	test $((cap * 100)) -ge $((R * 85))
check "fab1 (share 10) got 10/16 of it, within 15% ($r1 bit/s)" within15 "$r1" 10
check "fab2 (share 5) got 5/16 of it, within 15% ($r2 bit/s)" within15 "$r2" 5
check "fab3 (share 1, GRE) got 1/16 of it, within 15% ($r3 bit/s)" within15 "$r3" 1
check "fab1 stopped: fab2 and fab3 take its capacity within 2 s ($borrow ms)" \
	test "${borrow/never/99999}" -le 2000
check "fab1 started again: its share is back within 2 s ($back ms)" \
	test "${back/never/99999}" -le 2000
check "fab4 (priority 7): ping under load within 2x of an idle fabric's ($busy us; idle $idle, paced $paced)" \
	test "$busy" -gt 0 -a "$busy" -le $((ref * 2))

}
case $(uname -r) in
*-debug)
	for t in "the streams filled the underlay" "fab1 (share 10) got 10/16 of it" \
		 "fab2 (share 5) got 5/16 of it" "fab3 (share 1, GRE) got 1/16 of it" \
		 "fab1 stopped: fab2 and fab3 take its capacity within 2 s" \
		 "fab1 started again: its share is back within 2 s" \
		 "fab4 (priority 7): ping under load within 2x of idle"; do
		ktap_result SKIP "$t" "the debug kernel under TCG is CPU-bound at these rates"
	done ;;
*)	throughput ;;
esac

# ---- shares given up, the scheduler removed --------------------------------------
ctl h1 segment set fab2 share off
check_eq "share off: fab2 has no class any more, in the link or in tc" "- fab1 fab3 fab4 other" \
	"$(ipd fab2 share_class) $(ctl h1 share show dev ul0 --json | jq -r '[.[0].classes[].ifname] | sort | join(" ")')"
ctl h1 segment del fab3
check_eq "segment deleted: its class too" "fab1 fab4 other" \
	"$(ctl h1 share show dev ul0 --json | jq -r '[.[0].classes[].ifname] | sort | join(" ")')"
ctl h1 share del dev ul0
check_eq "share del: no scheduler on ul0" "0" \
	"$(tc -n h1 -j qdisc show dev ul0 | jq '[.[] | select(.handle == "fab:")] | length')"
check_err "share del again: says there is none" "no share scheduler" \
	ctl h1 share del dev ul0
ktap_finish
