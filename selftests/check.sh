#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: userspace unit tests and static checks on the host, then
# for every supported kernel installed (6.1, 6.12, and the debug kernel
# when VNETFAB_KERNEL_DEBS names a folder of its .debs) one guest boot
# running every selftest. KTAP out; the last line is "N passed, N failed".
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

# The debug kernel comes as .debs; install them once.
if [ -n "${VNETFAB_KERNEL_DEBS:-}" ] && ! vm_kernel_version debug >/dev/null; then
	echo "# installing the debug kernel from $VNETFAB_KERNEL_DEBS"
	dpkg -i "$VNETFAB_KERNEL_DEBS"/linux-image-*.deb \
		"$VNETFAB_KERNEL_DEBS"/linux-headers-*.deb >/dev/null 2>&1 ||
		result 1 "install debug kernel from $VNETFAB_KERNEL_DEBS"
fi

run "userspace: build" make -s -C userspace
run "selftests: tools build" make -s -C selftests/tools
run "userspace: unit tests" make -s -C userspace test
run "ip plugin: symbols in Debian ip 6.1 and 6.15" scripts/ip-plugin-symbols.sh
if [ -x scripts/checkpatch.sh ]; then
	run "kmod: checkpatch --strict" scripts/checkpatch.sh
fi

kernels=${VNETFAB_KERNELS:-$(vm_kernels | awk '{print $1}')}
if [ -z "${VNETFAB_KERNEL_DEBS:-}" ]; then
	echo "# VNETFAB_KERNEL_DEBS unset: the debug kernel lane runs only if installed"
fi
# One guest per kernel, all at once: a guest is mostly one busy vCPU, and
# the debug kernel's lane is the long one. Each lane's stream is kept in
# build/logs/KERNEL/stream.log and reported in kernel order.
lanes=()
for k in $kernels; do
	if ! vm_kernel_version "$k" >/dev/null; then
		result 1 "kernel $k" "not installed (make deps)"
		continue
	fi
	lanes+=("$k")
	mkdir -p "build/logs/$k"
	# build the module first, in turn: kbuild runs are not all reentrant
	selftests/vm/build-module "$(vm_kernel_version "$k")" >/dev/null ||
		result 1 "$k: module build"
	# and dkms.sh's "dkms add" + "dkms build" for Debian's kernels, here
	# rather than in a TCG guest (where it took a third of the lane)
	case "$k" in
	debug) ;;
	*) run "$k: dkms add + build" selftests/vm/dkms-build "$(vm_kernel_version "$k")" ;;
	esac
done
# The debug lane's order rotates with the commit (run-guest.sh), by seven
# tests a commit, so that successive CI runs start at different tests
# (one run reaches two or three besides fault_inject.sh)
rotate=$(( $(git rev-list --count HEAD 2>/dev/null || echo 0) * 7 ))
start=$SECONDS
for k in "${lanes[@]}"; do
	echo "# $k: guest started"
	(
		t0=$SECONDS
		# The debug kernel runs several times slower than the stock
		# ones: its lane starts no test that could still run 45 minutes
		# after its boot (what it did not reach is reported as
		# skipped), so that with the installs and builds before it CI
		# stays within an hour.
		budget= vmlimit=4800
		[ "$k" = debug ] && budget=${VNETFAB_DEBUG_BUDGET:-2700}
		# 0: no budget, the whole suite, however long it takes
		[ "$budget" = 0 ] && budget= vmlimit=30000
		VNETFAB_TEST_BUDGET=$budget VNETFAB_TEST_ROTATE=$rotate \
		selftests/vm/run --kernel "$k" --timeout "$vmlimit" \
			--keep "build/logs/$k" -- \
			selftests/run-guest.sh "$@" >"build/logs/$k/stream.log" 2>&1
		echo "@@vmrc=$? time=$((SECONDS - t0))s" >>"build/logs/$k/stream.log"
	) &
done
wait

for k in "${lanes[@]}"; do
	vrc= plan= got=0 took=
	while IFS= read -r line; do
		case "$line" in
		"ok "*"# SKIP"*)
			n=$((n + 1)); got=$((got + 1)); echo "ok $n ${line#ok * }" ;;
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
	done <"build/logs/$k/stream.log"
	# the boot itself: a splat outside any test, a timeout, no status,
	# or fewer results than the guest planned
	if [ "$vrc" = 0 ] && [ "${plan:-0}" != "$got" ]; then
		echo "# $k: the guest planned ${plan:-no} tests and reported $got"
		vrc=1
	fi
	result "${vrc:-1}" "$k: guest run" "exit=$vrc $took"
done
echo "# all lanes: $((SECONDS - start))s"

echo "1..$n"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
