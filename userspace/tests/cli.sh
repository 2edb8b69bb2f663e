#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Command-line checks for vnetfabctl: exit codes, messages, and no leaks
# under valgrind. Usage: tests/cli.sh ./vnetfabctl   ($VALGRIND optional)
# Checks that need the module to be absent are skipped where it is loaded.

BIN=${1:-./vnetfabctl}
VG=${VALGRIND:-valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect -q}
VG_RC=99	# valgrind's own exit code: distinct from ours (0, 1, 2)
OUT=$(mktemp) ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT
pass=0 fail=0 skip=0 n=0

# check WANT_RC STDERR_GREP DESC -- ARGS...   (runs plain and under valgrind)
check() {
	want=$1 pat=$2 desc=$3
	shift 4
	for mode in plain valgrind; do
		n=$((n + 1))
		if [ $mode = plain ]; then
			"$BIN" "$@" >"$OUT" 2>"$ERR"
		else
			$VG --error-exitcode=$VG_RC "$BIN" "$@" >"$OUT" 2>"$ERR"
		fi
		rc=$?
		if [ $rc -eq "$want" ] && { [ -z "$pat" ] || grep -q -- "$pat" "$ERR" "$OUT"; }; then
			pass=$((pass + 1))
			echo "ok $n - $desc ($mode)"
		else
			fail=$((fail + 1))
			echo "not ok $n - $desc ($mode): exit $rc, want $want, grep '$pat'"
			sed 's/^/#   /' "$ERR"
		fi
	done
}

skipn() {
	n=$((n + 2)); skip=$((skip + 2))
	echo "ok $((n - 1)) # SKIP $1"
	echo "ok $n # SKIP $1"
}

usage_hint="see 'vnetfabctl help'"

check 0 "Usage:" "help" -- help
check 0 "Usage:" "-h" -- -h
check 0 "Usage:" "--help" -- --help
check 0 "vnetfabctl " "--version" -- --version
check 2 "$usage_hint" "no command" --
check 2 "unknown command 'bogus'" "unknown command" -- bogus
check 2 "unknown option" "unknown option" -- --bogus
check 2 "$usage_hint" "show with two devices" -- show a b
check 2 "longer than 15" "show with an overlong name" -- show 1234567890123456
check 2 "expected 1..16777215" "id 0" -- segment add fab0 id 0
check 2 "expected 1..16777215" "id 16777216" -- segment add fab0 id 16777216
check 2 "'12x'" "id 12x" -- segment add fab0 id 12x
check 2 "expected udp or gre" "bad encap" -- segment add fab0 encap ipip
check 2 "needs a value" "id without value" -- segment add fab0 id
check 2 "missing device name" "del without name" -- segment del
check 2 "$usage_hint" "segment without subcommand" -- segment

if [ -d /sys/module/vnetfab ]; then
	for d in "show" "show --json" "show DEV" "segment add" "segment del"; do
		skipn "vnetfab module is loaded ($d)"
	done
else
	check 1 "(modprobe vnetfab)" "show without the module" -- show
	check 1 "(modprobe vnetfab)" "show --json without the module" -- show --json
	check 1 "(modprobe vnetfab)" "show DEV without the module" -- show fab0
	# No module, so no device can appear; should the kernel load one on
	# demand after all, remove what we made and skip.
	"$BIN" segment add vnfctltest0 >/dev/null 2>&1
	if [ $? -eq 0 ]; then
		"$BIN" segment del vnfctltest0 >/dev/null 2>&1
		skipn "module loaded on demand (segment add)"
	else
		check 1 "^vnetfabctl: " "segment add without the module" -- segment add vnfctltest0 id 5 encap gre
	fi
	check 1 "vnfctltest1: No such device" "segment del of a missing device" -- segment del vnfctltest1
fi
# lo is no vnetfab segment (and the kernel never deletes lo anyway)
check 1 "lo: not a vnetfab segment" "segment del of a non-vnetfab device" -- segment del lo

echo "1..$n"
echo "cli: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
