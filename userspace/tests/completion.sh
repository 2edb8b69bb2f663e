#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bash completion of vnetfabctl, on the host: what it offers after
# each command and keyword. `ip` and `vnetfabctl` are stubbed, so no
# module is needed. KTAP; exit 0 when every check passes.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/completion/vnetfabctl"

ip()
{
	case "$*" in
	"netns list") printf 'ns1 (id: 0)\nns2\n' ;;
	"-n ns1 "*"type vnetfab"*) printf '3: fabns: <UP> mtu 1450\n' ;;
	*"type vnetfab"*) printf '7: fab100: <UP> mtu 1450\n8: fab200@NONE: <UP> mtu 1450\n' ;;
	*"link show"*) printf '1: lo: <LOOPBACK>\n9: tap0: <UP>\n' ;;
	esac
}
vnetfabctl()
{
	echo '[{"remote":"192.0.2.2","dstport":4789},{"remote":"2001:db8::3"}]'
}

n=0 failed=0
# offers "EXPECTED" WORD...: completing the last WORD offers EXPECTED
offers()
{
	local want=$1 got
	shift
	COMP_WORDS=(vnetfabctl "$@")
	COMP_CWORD=$(($# ))
	COMPREPLY=()
	_vnetfabctl
	got="${COMPREPLY[*]}"
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n vnetfabctl $* -> $want"
	else
		failed=$((failed + 1))
		echo "not ok $n vnetfabctl $* # expected '$want', got '$got'"
	fi
}

echo "TAP version 13"
plan=60
echo "1..$plan"
offers "-n show segment peer fdb port share stats monitor apply dump-config graph help --version" ""
offers "ns1 ns2" -n ""
offers "add del set list" -n ns1 peer ""
offers "fabns" -n ns1 peer add dev ""
offers "show segment share stats" s
offers "dump-config" d
offers "tests/completion.sh" apply tests/completion.s
offers "--host --dry-run --check --prune" apply f.conf --
offers "--host" apply --h
offers "h1 h2 h3 h4" apply tests/config/good-fabric.conf --host ""
offers "h2" apply --dry-run tests/config/good-fabric.conf --host h2
offers "" apply --host ""
offers "tests/completion.sh" apply --host h1 tests/completion.s
offers "" dump-config ""
offers "graph" g
offers "--json --svg" graph --
offers "--svg" graph --json --s
offers "tests/completion.sh" graph --svg tests/completion.s
offers "tests/completion.sh" graph h1.json tests/completion.s
offers "graph" -n ns1 gr
offers "add del set list" peer ""
offers "fab100 fab200" peer add dev ""
offers "fab200" segment set fab2
offers "udp gre" segment add fab0 encap ""
offers "dev remote none dstport probe" peer set ""
offers "remote dstport probe" peer add dev fab100 ""
offers "dev remote dstport" peer del ""
offers "path local dstport probe" peer add dev fab100 remote 192.0.2.2 ""
offers "path dstport probe" peer add dev fab100 remote 192.0.2.2 local 192.0.2.1 ""
offers "path local dstport probe" peer add dev fab100 remote 192.0.2.2 path 198.51.100.2 ""
offers "path" peer add dev fab100 remote 192.0.2.2 pa
offers "" peer add dev fab100 remote 192.0.2.2 path ""
offers "" peer add dev fab100 remote 192.0.2.2 local ""
offers "remote path local dstport probe" peer set dev fab100 remote 192.0.2.2 ""
offers "hold-down" segment set fab100 h
offers "" segment add fab0 hold-down ""
offers "off" segment set fab100 probe ""
offers "probe probe-misses" segment add fab0 pro
offers "" segment set fab100 probe-misses ""
offers "192.0.2.2 2001:db8::3" peer del dev fab100 remote ""
offers "" peer add dev fab100 remote ""
offers "lo tap0" fdb add dev fab100 02:00:00:00:00:01 port ""
offers "unset set inherit" segment set fab100 df ""
offers "on off" segment add fab0 learning ""
offers "dev count --json" monitor ""
offers "fab100 fab200 --json" show ""
offers "set show" port ""
offers "lo tap0" port set ""
offers "locked max-macs storm storm-burst" port set tap0 ""
offers "set show del" share ""
offers "dev rate" share set ""
offers "on off" port set tap0 locked ""
# keywords already on the line are not offered again; "path" and its
# "local" may repeat; --dry-run and --check exclude each other; values
# are offered whatever the line holds
offers "id encap local dstport dev tos df ageing learning maxaddr probe probe-misses hold-down peer-storm peer-storm-burst share priority" \
	segment add fab0 ttl 5 ""
offers "tos df ageing maxaddr probe probe-misses hold-down peer-storm peer-storm-burst share priority" \
	segment set fab100 ttl 5 learning off ""
offers "off" segment set fab100 learning off probe ""
offers "dev path local dstport probe" peer add remote 192.0.2.2 path 198.51.100.2 ""
offers "path local dstport probe" peer add dev fab100 remote 192.0.2.2 path 198.51.100.2 local 198.51.100.1 path 198.51.100.3 ""
offers "remote path local dstport probe" peer set dev fab100 remote 192.0.2.2 dstport 8472 remote 192.0.2.3 ""
offers "--host --prune" apply f.conf --dry-run --
offers "count --json" monitor dev fab100 ""
echo "# completion: $((n - failed)) passed, $failed failed"
[ "$n" = "$plan" ] || { echo "# completion: planned $plan checks, ran $n"; exit 1; }
[ "$failed" = 0 ]
