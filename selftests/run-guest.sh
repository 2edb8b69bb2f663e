#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs in the test guest: every selftest (or those named) in turn, as a
# kselftest-style KTAP stream. After each test, the kernel log it caused
# is checked for splats and kmemleak is made to scan; either fails the
# test.
#
# A test with a line "# vnetfab-encaps: udp gre" runs once per
# encapsulation named there, with VNETFAB_ENCAP set (see lib.sh), and
# reports "TEST (ENCAP)"; others run once, udp. "TEST.sh:ENCAP" on the
# command line runs one encapsulation only. On the debug kernel a
# "# vnetfab-encaps-debug: ..." line, where a test has one, says which.
here=$(cd "$(dirname "$0")" && pwd)
kname=${VNETFAB_KERNEL:-$(uname -r)}
kml=/sys/kernel/debug/kmemleak

if [ $# -gt 0 ] && [ "$1" != --halves ]; then
	tests=("$@")
else
	# deb.sh and dkms.sh last: they swap the module under modprobe's
	# feet; a test with a "# vnetfab-boot: ARGS" or "# vnetfab-smp: N"
	# line needs a boot of its own with those kernel arguments or vCPUs
	# (check.sh makes one per kernel for it)
	mapfile -t tests < <(cd "$here" && ls ./*.sh |
		grep -v -e '/lib.sh$' -e '/run-guest.sh$' -e '/check.sh$' \
			-e '/demo.sh$' -e '/dkms.sh$' -e '/deb.sh$' | sed 's|^\./||' |
		while read -r t; do
			grep -q '^# vnetfab-\(boot\|smp\):' "$t" || echo "$t"
		done
		echo deb.sh; echo dkms.sh)
fi

# The debug kernel runs the suite several times slower than the stock
# ones, and a CI run has room for half of it there: the lane runs one of
# two halves (VNETFAB_TEST_HALF=1|2, check.sh alternates them with the
# commit count; "all" runs both), so that two consecutive CI runs put
# every test through KASAN, lockdep, kmemleak and UBSAN. The half is
# shared by two guests (VNETFAB_TEST_PART=a|b, none: the whole half):
# the longest test first, each to the part with less time so far. Each
# entry is TEST:SECONDS, the test's time on the debug kernel, which the
# split and the lane's budget use. Half 2: as measured 2026-12-07 at 327
# commits in a run of its two parts at once, as CI runs them (each part
# about 1750 s; races.sh, a lane of its own, by its old figure), after
# LANG=C and lib.sh's sleep made a debug test 10 to 25% faster. Half 1:
# likewise at 337 commits (part a 12 runs in 1331 s, part b 14 in 1377;
# kernel_lacks.sh, a lane of its own, by its old figure). Figures taken
# with a third guest beside were up to three times these. udp_offload.sh:
# 2026-12-07, the first test of a guest, a skip there (no netdevsim: the
# debug kernel has no devlink).
# build/logs/debug-*/times.tsv has a run's own. races.sh and kernel_lacks.sh need boots of their
# own: a half lists them only to say when their debug lane runs.
# fault_inject.sh runs only there. dkms.sh and deb.sh are the tests not
# run there: DKMS and dpkg do on the debug kernel nothing that they do
# not do on 6.1 and 6.12. "run-guest.sh --halves" checks on the
# host that every test is in exactly one half.
debug_half1="fault_inject.sh:113 switching.sh:142 nl_fuzz.sh:168 churn.sh:151
	abuse.sh:167 mtu.sh:151 peers.sh:78 genl.sh:74 fdb.sh:60
	bridge_fdb_flush.sh:46 gro.sh:70 recursion.sh:165 link_local.sh:128
	netns.sh:31 stats.sh:51 pmtu.sh:54 kernel_lacks.sh:140
	libvirt.sh:348 sharing.sh:139 vxlan_dialect.sh:207 graph.sh:77
	netem.sh:103 breakout.sh:75 fabric.sh:110 json_schema.sh:90"
debug_half2="fdb_dump.sh:166 ynl.sh:289 pkt_fuzz.sh:326 ip_plugin.sh:152
	interop.sh:214 peer_set.sh:74 apply.sh:148 gre_coexist.sh:100
	bridge_fdb.sh:99 teardown.sh:90 netns_move.sh:89 monitor.sh:48
	bridge_port.sh:36 ethertypes.sh:46 device.sh:36 module_load.sh:29
	perms.sh:28 ports.sh:32 ecn.sh:75 stacked.sh:91
	exhaustion.sh:123 races.sh:260 qemu.sh:93 liveness.sh:204
	failover.sh:425 port_security.sh:75 storm.sh:189 enduser.sh:133
	roundtrip.sh:90 udp_offload.sh:7"
debug_none="dkms.sh deb.sh"

# --half-of TEST: the debug half that lists TEST (1 or 2), or nothing
if [ "${1:-}" = --half-of ]; then
	for h in 1 2; do
		v=debug_half$h
		echo ${!v} | tr ' ' '\n' | grep -q "^$2:" && echo $h
	done
	exit 0
fi

if [ "${1:-}" = --halves ]; then
	bad=0
	for t in "${tests[@]}"; do
		c=$(echo $debug_half1 $debug_half2 $debug_none | tr ' ' '\n' |
			grep -c "^$t\(:\|$\)")
		[ "$c" = 1 ] && continue
		echo "$t is in $c of the debug lane's halves (run-guest.sh)"
		bad=1
	done
	for e in $debug_half1 $debug_half2; do
		[ -f "$here/${e%%:*}" ] ||
			{ echo "${e%%:*}: in a debug half, but no such test"; bad=1; }
	done
	exit $bad
fi

default_limit=600
case "$(uname -r)" in *-vnetfab-debug) default_limit=1500 ;; esac

# expected seconds on the debug kernel, for the budget
declare -A debug_secs
for e in $debug_half1 $debug_half2; do
	debug_secs[${e%%:*}]=${e#*:}
done
case "$(uname -r)" in
*-vnetfab-debug)
	if [ $# -eq 0 ]; then
		case "${VNETFAB_TEST_HALF:-all}" in
		1)	sel=$debug_half1 ;;
		2)	sel=$debug_half2 ;;
		*)	sel="$debug_half1 $debug_half2" ;;
		esac
		# (a test that needs a boot of its own has its own lane)
		mapfile -t tests < <(echo $sel | tr ' ' '\n' |
			while IFS=: read -r t s; do
				grep -q '^# vnetfab-\(boot\|smp\):' "$here/$t" ||
					echo "$t:$s"
			done | sort -t: -k2,2nr |
			awk -F: -v part="${VNETFAB_TEST_PART:-}" '
				{ p = (a <= b) ? "a" : "b"
				  if (p == "a") a += $2; else b += $2
				  if (part == "" || part == p) print $1 }')
		# When the lane's budget cannot fit the whole part, the tests it
		# does not reach are the last ones: the order starts at the
		# part's middle every other time the half comes round
		# (VNETFAB_TEST_ROUND, check.sh: the commit count / 2), so that
		# what one run leaves out the next run of the half reaches
		# first, and no test is left out every time.
		rot=0
		if [ $((${VNETFAB_TEST_ROUND:-0} % 2)) = 1 ] && [ ${#tests[@]} -gt 1 ]; then
			rot=$(((${#tests[@]} + 1) / 2))
			tests=("${tests[@]:$rot}" "${tests[@]:0:$rot}")
		fi
		order_note="debug lane: half ${VNETFAB_TEST_HALF:-all} of the suite${VNETFAB_TEST_PART:+, part $VNETFAB_TEST_PART}, round ${VNETFAB_TEST_ROUND:-0}$([ $rot -gt 0 ] && echo ", from its middle") (run-guest.sh)"
	fi ;;
esac

# kmemleak_check [SCANS [ALLOW]]: fails on any leak kmemleak reports,
# but those whose report matches the ERE ALLOW ("# vnetfab-kmemleak-allow:
# ERE" in a test: leaks of core code the test provokes on purpose, e.g.
# SLUB's sysfs_slab_add() under failslab). kmemleak reports an object
# the second scan in a row finds unreferenced (the first only records
# its checksum). A scan costs 8 to 20 s on the debug kernel under TCG,
# twice that in a loaded CI run, so scans are spaced: one after the
# first test that ends VNETFAB_TEST_KMEMLEAK_EVERY seconds (default 300) or
# more after the last scan, two after the lane's last test. A leak is
# reported at the scan after the one that first saw it, and the test
# fails naming the tests run since the scan before those two (the
# report's allocation stack names the code).
kmemleak_check()
{
	local i t0=$SECONDS
	[ -w $kml ] || return 0
	for i in $(seq "${1:-1}"); do
		echo scan >$kml
	done
	echo "# kmemleak: ${1:-1} scan(s) in $((SECONDS - t0)) s"
	awk -v allow="${2:-}" '
		function flush() {
			if (b != "" && !(allow != "" && b ~ allow))
				printf "%s", b
			b = ""
		}
		/^unreferenced object/ { flush() }
		{ b = b $0 "\n" }
		END { flush() }' $kml >/tmp/kmemleak.txt ||
		{ echo "# kmemleak: could not read the report"; return 1; }
	echo clear >$kml
	if grep -q . /tmp/kmemleak.txt; then
		echo "# kmemleak: a leak made by one of: $suspects"
		sed 's/^/# kmemleak: /' /tmp/kmemleak.txt | head -n 40
		return 1
	fi
	return 0
}

# cpu_procs: the vCPUs' busy ticks (all but idle and iowait) and the
# processes forked since boot, from /proc/stat
hz=$(getconf CLK_TCK)
cpu_procs()
{
	awk '$1 == "cpu" { b = 0; for (i = 2; i <= 9; i++)
				if (i != 5 && i != 6) b += $i }
	     $1 == "processes" { p = $2 }
	     END { print b, p }' /proc/stat
}

# one run per test and encapsulation: "TEST.sh" or "TEST.sh:ENCAP"
runs=()
for t in "${tests[@]}"; do
	case "$t" in
	*:*)	runs+=("$t"); continue ;;
	esac
	encaps=$(sed -n 's/^# vnetfab-encaps: *//p' "$here/$t" 2>/dev/null | head -n 1)
	# the debug kernel runs several times slower: a test whose other
	# encapsulation only repeats encap-independent switching there
	# names what it runs on it with "# vnetfab-encaps-debug: udp"
	case "$(uname -r)" in
	*-vnetfab-debug)
		de=$(sed -n 's/^# vnetfab-encaps-debug: *//p' "$here/$t" 2>/dev/null | head -n 1)
		[ -n "$de" ] && encaps=$de ;;
	esac
	if [ -z "$encaps" ]; then
		runs+=("$t")
	else
		for e in $encaps; do
			runs+=("$t:$e")
		done
	fi
done

echo "TAP version 13"
echo "1..${#runs[@]}"
[ -n "${order_note:-}" ] && echo "# $order_note"
took_figured=0 took_real=0
n=0 last_scan=$SECONDS window=() window_allow=() prev_window=() prev_window_allow=()
for r in "${runs[@]}"; do
	n=$((n + 1))
	t=${r%%:*} encap=
	[ "$t" = "$r" ] || encap=${r#*:}
	name="$kname: ${t%.sh}${encap:+ ($encap)}"
	# a test may ask for more than the default with "# vnetfab-timeout: S"
	limit=$(sed -n 's/^# vnetfab-timeout: *\([0-9]*\)$/\1/p' "$here/$t")
	# (on the debug kernel 1500: in CI, when four guests shared two
	# cores, it ran ynl.sh, 270 s alone, past 600 s; the lane's
	# budget, not this, keeps the whole inside CI's time)
	limit=${limit:-${VNETFAB_TEST_TIMEOUT:-$default_limit}}
	# a lane with a time budget (VNETFAB_TEST_BUDGET seconds since the
	# guest booted, set by check.sh for the slow debug kernel) starts no
	# test whose measured time (debug_secs, split evenly between its
	# encapsulations) would take it past the budget, so that the run
	# ends inside CI's time; it says what it did not run
	# These figures come from one machine at one load: scaled by how
	# long this lane's tests took so far against their figures (after
	# 300 s of them), never below 3/4 of them, so that a faster run
	# reaches more tests and a slower one stops sooner
	expect=${debug_secs[$t]:-$limit}
	nenc=$(printf '%s\n' "${runs[@]}" | grep -c "^$t\(:\|$\)")
	expect=$((expect / nenc))
	if [ "$took_figured" -ge 300 ]; then
		pct=$((100 * took_real / took_figured))
		[ "$pct" -ge 75 ] || pct=75
		expect=$((expect * pct / 100))
	fi
	if [ -n "${VNETFAB_TEST_BUDGET:-}" ] &&
	   [ $(($(cut -d. -f1 /proc/uptime) + expect)) -gt "$VNETFAB_TEST_BUDGET" ]; then
		echo "ok $n $name # SKIP the lane's time budget (${VNETFAB_TEST_BUDGET}s) is spent (expected ${expect}s)"
		continue
	fi
	figured=$((${debug_secs[$t]:-0} / nenc))
	# reports a test provokes on purpose: "# vnetfab-splat-allow: ERE";
	# the markers (at KERN_ERR, to reach the console log vm/run scans)
	# tell vm/splat where they may stand in the whole boot's log
	allow=$(sed -n 's/^# vnetfab-splat-allow: *//p' "$here/$t" | head -n 1)
	[ -n "$allow" ] &&
		echo "<3>vnetfab-run: $t: splat-allow $allow" >/dev/kmsg
	mark=$(dmesg | wc -l)
	start=$SECONDS
	read -r busy0 procs0 < <(cpu_procs)
	# stdin from /dev/null: timeout(1) runs the test outside the
	# console's foreground process group, where a read of the console
	# (dpkg and apt look at their terminal) stops it for good (SIGTTIN)
	VNETFAB_ENCAP=${encap:-udp} \
		timeout -k 5 "$limit" "$here/$t" </dev/null 2>&1 |
		sed 's/^/# /'
	rc=${PIPESTATUS[0]}
	why=
	[ "$rc" = 124 ] && why="timed out"
	if dmesg | tail -n +$((mark + 1)) >/tmp/test.dmesg &&
	   "$here/vm/splat" /tmp/test.dmesg "$allow" |
	   sed 's/^/# splat: /' | grep .; then
		why="kernel splat"
	fi
	# the tests a leak found now may come from: those since the scan
	# before the last one (and what they allow, allowed here too)
	window+=("${t%.sh}${encap:+ ($encap)}")
	own=$(sed -n 's/^# vnetfab-kmemleak-allow: *//p' "$here/$t" | head -n 1)
	[ -n "$own" ] && window_allow+=("($own)")
	scans=0
	[ $((SECONDS - last_scan)) -ge "${VNETFAB_TEST_KMEMLEAK_EVERY:-300}" ] &&
		scans=1
	[ "$n" = "${#runs[@]}" ] && scans=2
	if [ "$scans" -gt 0 ]; then
		suspects=$(IFS=,; echo "${prev_window[*]}${prev_window[*]:+,}${window[*]}" |
			sed 's/,/, /g')
		# (joined with "|" from the non-empty ones: an empty
		# alternative is no ERE to mawk, and the scan's report was lost)
		kallow=$(IFS='|'; a=("${prev_window_allow[@]}" "${window_allow[@]}"); echo "${a[*]}")
		kmemleak_check $scans "$kallow" || why="kmemleak report"
		last_scan=$SECONDS
		prev_window=("${window[@]}") prev_window_allow=("${window_allow[@]}")
		window=() window_allow=()
	fi
	[ -n "$allow" ] && echo "<3>vnetfab-run: $t: splat-allow end" >/dev/kmsg
	secs=$((SECONDS - start))
	# (a test with a figure: for the scaling above)
	if [ "$figured" -gt 0 ]; then
		took_figured=$((took_figured + figured))
		took_real=$((took_real + secs))
	fi
	read -r busy1 procs1 < <(cpu_procs)
	# where the time went: the vCPU's busy seconds (the rest is waiting)
	# and the processes the test started (a process start costs the debug
	# kernel 0.2 to 0.8 s under TCG)
	cost="time=${secs}s busy=$(((busy1 - busy0) / hz))s procs=$((procs1 - procs0))"
	# a test that skipped itself after a splat or a leak still fails
	if [ "$rc" = 4 ] && [ -z "$why" ]; then
		echo "ok $n $name # SKIP $cost"
	elif [ "$rc" = 0 ] && [ -z "$why" ]; then
		echo "ok $n $name # $cost"
	else
		echo "not ok $n $name # exit=$rc ${why} $cost"
	fi
done
