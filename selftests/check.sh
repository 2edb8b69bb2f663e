#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: userspace unit tests and static checks on the host, then
# for every supported kernel installed (6.1, 6.12, and the debug kernel
# when VNETFAB_KERNEL_DEBS names a folder of its .debs) one guest boot
# running every selftest (the debug kernel: half of them, on two guests),
# and one more per test that needs a boot of its own; two guests at a time.
# KTAP out; the last line is "N passed, N failed, N skipped".
#
#   VNETFAB_KERNELS="6.1 debug"  only these kernels
#   selftests/check.sh [TEST.sh...]  only these selftests
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/selftests/vm/kernels.sh"
cd "$top"

passed=0 failed=0 n=0
result()	# result RC NAME [DETAIL]
{
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		passed=$((passed + 1))
		echo "ok $n $2${3:+ # $3}"
	else
		failed=$((failed + 1))
		echo "not ok $n $2${3:+ # $3}"
	fi
}

# run NAME CMD...: a host-side test, output indented as KTAP diagnostics
run()
{
	local name=$1 rc
	shift
	"$@" 2>&1 | sed 's/^/# /'
	rc=${PIPESTATUS[0]}
	result "$rc" "$name"
}

echo "TAP version 13"

# The debug kernel comes as .debs: installed whenever the installed one
# is not exactly the shipped one (kernels.sh), and booted by that version.
# A folder named but without .debs fails the run, it does not vanish.
if [ -n "${VNETFAB_KERNEL_DEBS:-}" ]; then
	if ! shipped=$(vm_debug_shipped); then
		result 1 "debug kernel" "no linux-image-*.deb in $VNETFAB_KERNEL_DEBS"
	elif ! vm_debug_current; then
		echo "# installing the debug kernel $shipped from $VNETFAB_KERNEL_DEBS"
		run "install debug kernel ${shipped% *}" vm_debug_install
	fi
fi

run "userspace: build" make -s -C userspace
run "selftests: tools build" make -s -C selftests/tools
run "userspace: unit tests" make -s -C userspace test
run "ip plugin: symbols in Debian ip 6.1 and 6.15" scripts/ip-plugin-symbols.sh
if [ -f "${VNETFAB_KERNEL_DEBS:-/nonexistent}/debug.config" ]; then
	run "selftests/vm/debug.config is the shipped debug kernel's fragment" \
		diff <(grep '^CONFIG' selftests/vm/debug.config | sort) \
		<(grep '^CONFIG' "$VNETFAB_KERNEL_DEBS/debug.config" | sort)
fi
# the Debian packages (make deb), with lintian
run "make deb: vnetfab-dkms and vnetfab-tools built, lintian clean" scripts/mkdeb
run "selftests: every test is in one half of the debug lane" \
	selftests/run-guest.sh --halves
if [ -x scripts/checkpatch.sh ]; then
	run "kmod: checkpatch --strict" scripts/checkpatch.sh
fi

kernels=${VNETFAB_KERNELS:-$(vm_kernels | awk '{print $1}')}
if [ -z "${VNETFAB_KERNEL_DEBS:-}" ]; then
	echo "# VNETFAB_KERNEL_DEBS unset: the debug kernel lane runs only if installed"
fi
# Lanes: one guest per kernel (the debug kernel's half of the suite on
# two guests, debug-a and debug-b), each lane's stream kept in
# build/logs/LANE/stream.log and reported in lane order. They run from a
# queue on VNETFAB_GUESTS workers at a time (default: one per core),
# stock kernels first: a TCG guest is one busy vCPU, and four of them on
# two cores ran each lane 2.5 to 3.7 times slower than alone (CI
# rehearsal at 110 commits), more than the sharing explains.
# The debug lane runs half of the suite, the halves alternating with the
# commit count (run-guest.sh lists them), so that two consecutive CI runs
# put every test through the debug kernel. VNETFAB_DEBUG_HALF=1|2|all.
commits=$(git rev-list --count HEAD 2>/dev/null || echo 0)
half=${VNETFAB_DEBUG_HALF:-$((commits % 2 + 1))}
# how many times this half has come round (run-guest.sh starts the
# debug parts' order from their middle every other round)
round=${VNETFAB_DEBUG_ROUND:-$((commits / 2))}
lanes=() boot_lanes=() boot_tests=()
if [ $# -eq 0 ]; then
	mapfile -t boot_tests < <(grep -l '^# vnetfab-\(boot\|smp\):' selftests/*.sh |
		xargs -r -n 1 basename)
fi
for k in $kernels; do
	if ! vm_kernel_version "$k" >/dev/null; then
		result 1 "kernel $k" "not installed (make deps)"
		continue
	fi
	if [ "$k" = debug ] && [ $# -eq 0 ]; then
		lanes+=(debug-a debug-b)
	else
		lanes+=("$k")
	fi
	# a test that needs a boot of its own ("# vnetfab-boot: ARGS",
	# kernel arguments, or "# vnetfab-smp: N", vCPUs):
	# lane K+TEST, queued first (short, outside the debug budget)
	# (on the debug kernel in the half that lists it, if one does)
	for t in "${boot_tests[@]}"; do
		if [ "$k" = debug ]; then
			h=$(selftests/run-guest.sh --half-of "$t")
			[ -z "$h" ] || [ "$h" = "$half" ] || [ "$half" = all ] ||
				continue
		fi
		boot_lanes+=("$k+${t%.sh}")
	done
	# build the module first, in turn: kbuild runs are not all reentrant;
	# netdevsim before it, whose index then holds both (udp_offload.sh;
	# cached; where it cannot be built it says why and the test skips)
	if ! nsim=$(selftests/vm/build-netdevsim "$(vm_kernel_version "$k")" 2>&1 >/dev/null); then
		echo "$nsim" | sed 's/^/# /'
		result 1 "$k: netdevsim build"
	elif [ -n "$nsim" ]; then
		echo "$nsim" | sed 's/^/# /'
	fi
	selftests/vm/build-module "$(vm_kernel_version "$k")" >/dev/null ||
		result 1 "$k: module build"
	# and dkms.sh's "dkms add" + "dkms build" for Debian's kernels (and
	# deb.sh's prebuilt DKMS archive of it), here rather than in a TCG
	# guest (where it took a third of the lane)
	case "$k" in
	debug) ;;
	*) run "$k: dkms add + build" selftests/vm/dkms-build "$(vm_kernel_version "$k")" ;;
	esac
done
lanes=("${boot_lanes[@]}" "${lanes[@]}")
workers=${VNETFAB_GUESTS:-$(nproc)}
# The project's 75 minutes for CI: a debug guest starts no test that its
# measured time (run-guest.sh, scaled by the lane's pace) says could end
# past VNETFAB_DEBUG_BUDGET seconds after the first lane started (0:
# none); what it does not reach fails the run (the half must run whole
# for two consecutive CI runs to cover the suite), or is counted as
# skipped with VNETFAB_DEBUG_PARTIAL=1 (a slower machine's make check).
# 3900 s: the last CI run spent about 575 s outside the lanes (make deps
# on a fresh machine, the host's part), so a run ends within about 74
# minutes.
deadline=${VNETFAB_DEBUG_BUDGET:-3900}
start=$SECONDS

# lane_kernel LANE: its kernel (6.1, 6.12, debug; lanes debug-a, 6.1+TEST)
lane_kernel() { local k=${1%%+*}; echo "${k%-[ab]}"; }

lane()	# lane NAME [TEST.sh...]: boots its guest, to build/logs/NAME/stream.log
{
	local l=$1 k part= t0=$SECONDS budget= vmlimit=4800 boot= smp=
	shift
	k=$(lane_kernel "$l")
	case "$l" in
	*+*)	# its test alone, with its kernel arguments
		set -- "${l#*+}.sh"
		boot=$(sed -n 's/^# vnetfab-boot: *//p' "selftests/$1" | head -n 1)
		smp=$(sed -n 's/^# vnetfab-smp: *//p' "selftests/$1" | head -n 1) ;;
	*-[ab])	part=${l##*-} ;;
	esac
	mkdir -p "build/logs/$l"
	echo "# $l: guest started at $((SECONDS - start))s$([ "$k" = debug ] && [ "${l#*+}" = "$l" ] && echo ", half $half of the suite${part:+, part $part}")"
	if [ "$k" = debug ] && [ -n "$part" ]; then
		budget=$((deadline - (SECONDS - start)))
		[ "$budget" -gt 0 ] || budget=1
		[ "$deadline" = 0 ] && budget= vmlimit=30000
	fi
	VNETFAB_TEST_BUDGET=$budget VNETFAB_TEST_HALF=$half VNETFAB_TEST_ROUND=$round \
	VNETFAB_TEST_PART=$part VNETFAB_APPEND=$boot VNETFAB_SMP=${smp:-${VNETFAB_SMP:-1}} \
	selftests/vm/run --kernel "$k" --timeout "$vmlimit" \
		--keep "build/logs/$l" -- \
		selftests/run-guest.sh "$@" >"build/logs/$l/stream.log" 2>&1
	echo "@@vmrc=$? time=$((SECONDS - t0))s" >>"build/logs/$l/stream.log"
	echo "# $l: guest ended at $((SECONDS - start))s"
}

# the queue: a worker takes the next lane under a lock
queue=build/logs/.queue
mkdir -p build/logs
printf '%s\n' "${lanes[@]}" >"$queue"
for w in $(seq "$workers"); do
	(
		while :; do
			l=$(flock "$queue.lock" sh -c \
				'l=$(head -n 1 "$1"); sed -i 1d "$1"; echo "$l"' \
				- "$queue")
			[ -n "$l" ] || break
			lane "$l" "$@"
		done
	) &
done
wait

skipped=0 budget_left=0
for l in "${lanes[@]}"; do
	k=$(lane_kernel "$l")
	vrc= plan= got=0 took=
	: >"build/logs/$l/times.tsv"
	while IFS= read -r line; do
		case "$line" in
		"ok "*"# SKIP the lane's time budget"*)
			# the half must run whole: a test the budget left out
			# fails the run unless VNETFAB_DEBUG_PARTIAL=1
			n=$((n + 1)); got=$((got + 1))
			if [ "${VNETFAB_DEBUG_PARTIAL:-0}" = 1 ]; then
				skipped=$((skipped + 1))
				echo "ok $n ${line#ok * }"
			else
				failed=$((failed + 1)); budget_left=$((budget_left + 1))
				echo "not ok $n ${line#ok * } (VNETFAB_DEBUG_PARTIAL=1 counts it as skipped)"
			fi ;;
		"ok "*"# SKIP"*)
			n=$((n + 1)); got=$((got + 1)); skipped=$((skipped + 1))
			echo "ok $n ${line#ok * }" ;;
		"ok "[0-9]*)
			n=$((n + 1)); got=$((got + 1)); passed=$((passed + 1))
			echo "ok $n ${line#ok * }" ;;
		"not ok "[0-9]*)
			n=$((n + 1)); got=$((got + 1)); failed=$((failed + 1))
			echo "not ok $n ${line#not ok * }" ;;
		"1.."*) [ -z "$plan" ] && plan=${line#1..} ;;
		"TAP version"*) ;;
		"#"*) echo "$line" ;;
		"@@vmrc="*) vrc=${line#@@vmrc=}; took=${vrc#* }; vrc=${vrc%% *} ;;
		*) echo "# $line" ;;
		esac
		# per-test time: "TEST (ENCAP)<TAB>SECONDS<TAB>ok|fail|skip<TAB>BUSY<TAB>PROCS"
		# (BUSY: the vCPU's busy seconds; PROCS: processes started)
		case "$line" in
		"ok "[0-9]*"time="*|"not ok "[0-9]*"time="*)
			awk -v k="$k" '{
				r = ($1 == "not") ? "fail" : (/# SKIP/ ? "skip" : "ok")
				sub(/^(not )?ok [0-9]+ /, ""); sub("^" k ": ", "")
				t = $0; sub(/.*time=/, "", t); sub(/s.*/, "", t)
				b = "-"; p = "-"
				if (/ busy=/) { b = $0; sub(/.* busy=/, "", b); sub(/s.*/, "", b) }
				if (/ procs=/) { p = $0; sub(/.* procs=/, "", p); sub(/[^0-9].*/, "", p) }
				sub(/ #.*/, ""); printf "%s\t%s\t%s\t%s\t%s\n", $0, t, r, b, p
			}' <<<"$line" >>"build/logs/$l/times.tsv" ;;
		esac
	done <"build/logs/$l/stream.log"
	# the boot itself: a splat outside any test, a timeout, no status,
	# or fewer results than the guest planned
	if [ "$vrc" = 0 ] && [ "${plan:-0}" != "$got" ]; then
		echo "# $l: the guest planned ${plan:-no} tests and reported $got"
		vrc=1
	fi
	result "${vrc:-1}" "$l: guest run" "exit=$vrc $took"
done
echo "# all lanes: $((SECONDS - start))s"
# where the time went: seconds per test and lane (build/logs/*/times.tsv)
selftests/vm/times "${lanes[@]}" | sed 's/^/# /'

[ "$budget_left" = 0 ] ||
	echo "# the debug lane's budget left $budget_left test runs of half $half out: the half did not run whole"
echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
