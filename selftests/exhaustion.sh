#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vnetfab-timeout: 1500
# Resource exhaustion, a bug class of tunnel drivers: a peer set of 4096
# (the most a segment takes) replaced by another 4096 under traffic, one
# more refused naming the limit; a million learned-MAC attempts (20000
# on the debug kernel) against a limit of 100; a netns deleted with its
# segment's 4096 peers and 10000 static MACs, after which the module
# unloads (nothing left holding it). run-guest.sh adds kmemleak and the
# splat check. Encapsulation-independent: one run, UDP.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 10

N=1000000
# the debug kernel floods far more slowly under TCG: a
# fiftieth there (100000 had not ended after 12 minutes beside four
# other guests)
case $(uname -r) in *-debug) N=20000 ;; esac
N=${VNETFAB_FLOOD_COUNT:-$N}
CAP=100
T=$(mktemp -d)
trap 'ns_cleanup; rm -rf "$T"' EXIT

vnetfab_load
topo_underlay h1 h2
for h in h1 h2; do
	ip netns exec $h sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec $h sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	seg_add $h fab100 100
done
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
check "before: vm1 pings vm2" ping_ok vm1 198.51.100.2

# set OCTET: h2 and 4095 addresses no route leads to, 10.OCTET.x.y
set_args()
{
	local i
	args=(remote 192.0.2.2)
	for i in $(seq 0 4094); do
		args+=(remote "10.$1.$((i / 250)).$((i % 250 + 1))")
	done
}
n_peers() { seg_stat h1 fab100 n_peers; }

ip netns exec vm1 ping -q -i 0.05 -w $((60 * SLOW)) 198.51.100.2 >/dev/null 2>&1 &
pinger=$!
set_args 1
ctl h1 peer set dev fab100 "${args[@]}"
check_eq "a set of 4096 peers installed" 4096 "$(n_peers)"
set_args 2
ctl h1 peer set dev fab100 "${args[@]}"
check_eq "replaced by another 4096 under traffic" \
	"4096 10.2.0.1" \
	"$(n_peers) $(ctl h1 peer list dev fab100 --json | jq -r '[.[].remote] | map(select(startswith("10."))) | sort | .[0]')"
kill $pinger 2>/dev/null
wait $pinger 2>/dev/null
check "h2, a peer in both sets, still carries traffic" ping_ok vm1 198.51.100.2
check_err "a 4097th peer refused, naming the limit" "4096" \
	ctl h1 peer add dev fab100 remote 10.3.0.1

# learned-MAC attempts from vm2: h2 keeps at most CAP, counts the rest
ctl h2 segment set fab100 maxaddr $CAP
lim0=$(seg_stat h2 fab100 learn_limit)
over() { [ $(( $(seg_stat h2 fab100 learn_limit) - lim0 )) -ge $((N - CAP)) ]; }
ip netns exec vm2 "$RAWFRAME" srcflood eth0 \
	"ffffffffffff0a000000000088b5$(printf '%092d' 0)" "$N"
check "$N source MACs from a port: the rest counted in learn_limit" \
	slowwait 120 over
learned=$(ctl h2 fdb show dev fab100 --json | jq '[.[] | select(.static | not)] | length')
check "h2 learned $learned <= $CAP" test "$learned" -le $CAP

# h1's netns, with its 4096 peers and 10000 static MACs, deleted
ctl h1 dump-config >"$T/big.conf"
awk 'BEGIN {
	for (i = 0; i < 10000; i++)
		printf "fdb fab100 02:aa:00:00:%02x:%02x remote 10.2.%d.%d\n",
			int(i / 256), i % 256, int(i % 4095 / 250), i % 4095 % 250 + 1
}' >>"$T/big.conf"
check "10000 static MACs applied behind the 4096 peers" \
	sh -c "ip netns exec h1 $VNETFABCTL apply $T/big.conf >/dev/null"
ip netns del h1
ip netns del vm1
gone() { ! ip -n ul link show ph1 >/dev/null 2>&1; }
check "the netns is gone, its underlay veth with it" slowwait 60 gone
ns_cleanup
check "the module unloads: nothing held it" slowwait 30 vnetfab_unload
ktap_finish
