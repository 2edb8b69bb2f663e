# SPDX-License-Identifier: GPL-2.0
# Shared helpers for vnetfab selftests, in the manner of
# tools/testing/selftests/net/lib.sh. Source it; it reports in KTAP.

ksft_pass=0
ksft_fail=1
ksft_skip=4

TOP=${VNETFAB_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VNETFABCTL=$TOP/userspace/vnetfabctl

_ktap_n=0
_ktap_failed=0
_ktap_name=$(basename "$0" .sh)
_ns_list=()

ktap_header()
{
	echo "TAP version 13"
}

ktap_plan()
{
	echo "1..$1"
}

# ktap_result OK|FAIL|SKIP NAME [REASON]
ktap_result()
{
	_ktap_n=$((_ktap_n + 1))
	case "$1" in
	OK)	echo "ok $_ktap_n $2" ;;
	SKIP)	echo "ok $_ktap_n $2 # SKIP ${3:-}" ;;
	*)	echo "not ok $_ktap_n $2${3:+ # $3}"
		_ktap_failed=$((_ktap_failed + 1)) ;;
	esac
}

# check NAME CMD...: CMD must succeed; its output is shown only on failure.
check()
{
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		ktap_result OK "$name"
	else
		echo "$out" | sed 's/^/# /' | tail -n 20
		ktap_result FAIL "$name"
	fi
}

# check_fail NAME CMD...: CMD must fail.
check_fail()
{
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "$out" | sed 's/^/# /' | tail -n 20
		ktap_result FAIL "$name" "succeeded but must fail"
	else
		ktap_result OK "$name"
	fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq()
{
	if [ "$2" = "$3" ]; then
		ktap_result OK "$1"
	else
		ktap_result FAIL "$1" "expected '$2', got '$3'"
	fi
}

# check_err NAME PATTERN CMD...: CMD must fail and say PATTERN (extack).
check_err()
{
	local name=$1 pat=$2 out
	shift 2
	if out=$("$@" 2>&1); then
		ktap_result FAIL "$name" "succeeded but must fail"
	elif echo "$out" | grep -q -- "$pat"; then
		ktap_result OK "$name"
	else
		echo "$out" | sed 's/^/# /' | tail -n 5
		ktap_result FAIL "$name" "error does not say '$pat'"
	fi
}

ktap_finish()
{
	echo "# $_ktap_name: $((_ktap_n - _ktap_failed)) passed, $_ktap_failed failed"
	[ "$_ktap_failed" = 0 ] && exit $ksft_pass
	exit $ksft_fail
}

ktap_skip_all()
{
	echo "1..0 # SKIP $*"
	exit $ksft_skip
}

require_root()
{
	[ "$(id -u)" = 0 ] || ktap_skip_all "needs root"
}

require_cmd()
{
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || ktap_skip_all "needs $c"
	done
}

# slowwait TIMEOUT_S CMD...: poll CMD every 100 ms until it succeeds.
slowwait()
{
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -ge $deadline ] && return 1
		sleep 0.1
	done
}

# ns_create NAME...: fresh network namespaces, removed on exit.
ns_create()
{
	local ns
	for ns in "$@"; do
		ip netns del "$ns" 2>/dev/null
		ip netns add "$ns" || return 1
		ip -n "$ns" link set lo up
		_ns_list+=("$ns")
	done
}

ns_cleanup()
{
	local ns
	for ns in "${_ns_list[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	_ns_list=()
}

vnetfab_load()
{
	modprobe vnetfab
}

# vnetfab_unload: remove the module; devices go with it.
vnetfab_unload()
{
	modprobe -r vnetfab
}

# count_links NS: the number of vnetfab devices in NS ("" = this one)
count_links()
{
	ip ${1:+-n "$1"} -d -o link show type vnetfab 2>/dev/null | wc -l
}

trap ns_cleanup EXIT
