#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs in the test guest: every selftest (or those named) in turn, as a
# kselftest-style KTAP stream. After each test, the kernel log it caused
# is checked for splats and kmemleak is made to scan; either fails the
# test.
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

kmemleak_check()
{
	[ -w $kml ] || return 0
	echo scan >$kml
	if grep -q . $kml; then
		sed 's/^/# kmemleak: /' $kml | head -n 40
		echo clear >$kml
		return 1
	fi
	return 0
}

echo "TAP version 13"
echo "1..${#tests[@]}"
n=0
for t in "${tests[@]}"; do
	n=$((n + 1))
	name="$kname: ${t%.sh}"
	mark=$(dmesg | wc -l)
	start=$SECONDS
	# a test may ask for more than the default with "# vnetfab-timeout: S"
	limit=$(sed -n 's/^# vnetfab-timeout: *\([0-9]*\)$/\1/p' "$here/$t")
	timeout -k 5 "${limit:-${VNETFAB_TEST_TIMEOUT:-600}}" "$here/$t" 2>&1 | sed 's/^/# /'
	rc=${PIPESTATUS[0]}
	why=
	[ "$rc" = 124 ] && why="timed out"
	if dmesg | tail -n +$((mark + 1)) >/tmp/test.dmesg &&
	   "$here/vm/splat" /tmp/test.dmesg | sed 's/^/# splat: /' | grep .; then
		why="kernel splat"
	fi
	kmemleak_check || why="kmemleak report"
	secs=$((SECONDS - start))
	if [ "$rc" = 4 ]; then
		echo "ok $n $name # SKIP"
	elif [ "$rc" = 0 ] && [ -z "$why" ]; then
		echo "ok $n $name # time=${secs}s"
	else
		echo "not ok $n $name # exit=$rc ${why} time=${secs}s"
	fi
done
