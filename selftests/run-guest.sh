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

if [ $# -gt 0 ]; then
	tests=("$@")
else
	# dkms.sh last: it swaps the module under modprobe's feet
	mapfile -t tests < <(cd "$here" && ls ./*.sh |
		grep -v -e '/lib.sh$' -e '/run-guest.sh$' -e '/check.sh$' \
			-e '/demo.sh$' -e '/dkms.sh$' | sed 's|^\./||'
		echo dkms.sh)
fi

# The debug kernel's lane has a time budget (check.sh) that the whole
# suite overruns. There fault_inject.sh (which runs nowhere else) runs
# first; the rest follow in a fixed order (the tests that drive the data
# path and the module's own state before the front ends), rotated by
# VNETFAB_TEST_ROTATE (check.sh: the commit count), so that successive
# CI runs start at different tests and over a few runs each test has its
# turn on the debug kernel.
debug_first="fault_inject.sh"
debug_order="switching.sh mtu.sh gre_coexist.sh churn.sh pkt_fuzz.sh
	teardown.sh abuse.sh gro.sh peers.sh fdb.sh netns_move.sh bridge_fdb.sh
	bridge_fdb_flush.sh peer_set.sh module_load.sh gre_interop.sh netns.sh
	nl_fuzz.sh"
case "$(uname -r)" in
*-vnetfab-debug)
	if [ $# -eq 0 ]; then
		rest=()
		for t in $debug_order; do
			for u in "${tests[@]}"; do
				[ "$u" = "$t" ] && rest+=("$t")
			done
		done
		for u in "${tests[@]}"; do
			case " $(echo $debug_first $debug_order) dkms.sh " in
			*" $u "*) ;;
			*) rest+=("$u") ;;
			esac
		done
		rot=$((${VNETFAB_TEST_ROTATE:-0} % ${#rest[@]}))
		tests=($debug_first "${rest[@]:$rot}" "${rest[@]:0:$rot}" dkms.sh)
		order_note="debug lane: $debug_first, then from ${rest[$rot]} on (rotation $rot of ${#rest[@]})"
	fi ;;
esac

# kmemleak_check [ALLOW]: fails on any leak kmemleak reports, but those
# whose report matches the ERE ALLOW ("# vnetfab-kmemleak-allow: ERE" in
# a test: leaks of core code the test provokes on purpose, e.g. SLUB's
# sysfs_slab_add() under failslab). kmemleak reports an object the
# second scan in a row finds unreferenced: two scans, so that a test's
# leaks are its own and not the next test's.
kmemleak_check()
{
	[ -w $kml ] || return 0
	echo scan >$kml
	echo scan >$kml
	awk -v allow="${1:-}" '
		function flush() {
			if (b != "" && !(allow != "" && b ~ allow))
				printf "%s", b
			b = ""
		}
		/^unreferenced object/ { flush() }
		{ b = b $0 "\n" }
		END { flush() }' $kml >/tmp/kmemleak.txt
	echo clear >$kml
	if grep -q . /tmp/kmemleak.txt; then
		sed 's/^/# kmemleak: /' /tmp/kmemleak.txt | head -n 40
		return 1
	fi
	return 0
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
n=0
for r in "${runs[@]}"; do
	n=$((n + 1))
	t=${r%%:*} encap=
	[ "$t" = "$r" ] || encap=${r#*:}
	name="$kname: ${t%.sh}${encap:+ ($encap)}"
	# a test may ask for more than the default with "# vnetfab-timeout: S"
	limit=$(sed -n 's/^# vnetfab-timeout: *\([0-9]*\)$/\1/p' "$here/$t")
	limit=${limit:-${VNETFAB_TEST_TIMEOUT:-600}}
	# a lane with a time budget (VNETFAB_TEST_BUDGET seconds since the
	# guest booted, set by check.sh for the slow debug kernel) starts no
	# test that could run past it, so that the run ends inside CI's
	# time; it says what it did not run
	if [ -n "${VNETFAB_TEST_BUDGET:-}" ] &&
	   [ $(($(cut -d. -f1 /proc/uptime) + limit)) -gt "$VNETFAB_TEST_BUDGET" ]; then
		echo "ok $n $name # SKIP the lane's time budget (${VNETFAB_TEST_BUDGET}s) is spent"
		continue
	fi
	# reports a test provokes on purpose: "# vnetfab-splat-allow: ERE";
	# the markers (at KERN_ERR, to reach the console log vm/run scans)
	# tell vm/splat where they may stand in the whole boot's log
	allow=$(sed -n 's/^# vnetfab-splat-allow: *//p' "$here/$t" | head -n 1)
	[ -n "$allow" ] &&
		echo "<3>vnetfab-run: $t: splat-allow $allow" >/dev/kmsg
	mark=$(dmesg | wc -l)
	start=$SECONDS
	VNETFAB_ENCAP=${encap:-udp} \
		timeout -k 5 "$limit" "$here/$t" 2>&1 |
		sed 's/^/# /'
	rc=${PIPESTATUS[0]}
	why=
	[ "$rc" = 124 ] && why="timed out"
	if dmesg | tail -n +$((mark + 1)) >/tmp/test.dmesg &&
	   "$here/vm/splat" /tmp/test.dmesg "$allow" |
	   sed 's/^/# splat: /' | grep .; then
		why="kernel splat"
	fi
	kmemleak_check "$(sed -n 's/^# vnetfab-kmemleak-allow: *//p' "$here/$t" | head -n 1)" ||
		why="kmemleak report"
	[ -n "$allow" ] && echo "<3>vnetfab-run: $t: splat-allow end" >/dev/kmsg
	secs=$((SECONDS - start))
	if [ "$rc" = 4 ]; then
		echo "ok $n $name # SKIP"
	elif [ "$rc" = 0 ] && [ -z "$why" ]; then
		echo "ok $n $name # time=${secs}s"
	else
		echo "not ok $n $name # exit=$rc ${why} time=${secs}s"
	fi
done
