#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Replacing a segment's whole peer set at once (vnetfabctl peer set,
# VNETFAB_CMD_SET_PEERS): peers that stay keep carrying frames, counters
# and MACs while the set changes under traffic; peers that go take their
# MACs with them; a bad set changes nothing; 1000 peers dump complete.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
ktap_header
ktap_plan 16

vnetfab_load
topo_underlay h1 h2 h3 h4
for h in h1 h2 h3 h4; do
	seg_add $h fab100 100
done
for h in h2 h3 h4; do
	ctl $h peer add dev fab100 remote 192.0.2.1
done
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
vm_add h3 vm3 fab100 02:00:00:00:03:01 198.51.100.3/24 -
vm_add h4 vm4 fab100 02:00:00:00:04:01 198.51.100.4/24 -

# peers_of HOST: its peers' addresses, sorted, on one line
peers_of()
{
	ctl "$1" peer list dev fab100 --json | jq -r '[.[].remote] | sort | join(" ")'
}

check "peer set: two peers at once" \
	ctl h1 peer set dev fab100 remote 192.0.2.2 remote 192.0.2.3
check_eq "... are the segment's peers" "192.0.2.2 192.0.2.3" "$(peers_of h1)"
check "... and carry frames" sh -c \
	"ip netns exec vm1 ping -c 2 -W 3 198.51.100.2 >/dev/null &&
	 ip netns exec vm1 ping -c 2 -W 3 198.51.100.3 >/dev/null"

# Replace the set 20 times under a ping stream to a peer that stays: not
# one echo may be lost, and the staying peer's counters keep counting. The
# stream is made of 300-echo rounds and lasts until the replacements are
# done, however slow the host (at most 20 rounds).
tx0=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
echo 0 >/tmp/ps.n
(
	for n in $(seq 1 20); do
		if [ $((n % 2)) = 1 ]; then
			ctl h1 peer set dev fab100 remote 192.0.2.2 remote 192.0.2.4
		else
			ctl h1 peer set dev fab100 remote 192.0.2.3 remote 192.0.2.2
		fi || break
		echo "$n" >/tmp/ps.n
	done
) &
setpid=$!
lost=0 rounds=0
while [ $rounds -lt 20 ]; do
	rounds=$((rounds + 1))
	if ! ip netns exec vm1 ping -q -c 300 -i 0.02 -W 2 198.51.100.2 \
		>/tmp/ps.ping 2>&1 || ! grep -q ' 0% packet loss' /tmp/ps.ping; then
		cat /tmp/ps.ping
		lost=$((lost + 1))
	fi
	kill -0 $setpid 2>/dev/null || break
done
wait $setpid
check_eq "20 replacements made while the stream ran" 20 "$(cat /tmp/ps.n)"
check_eq "no echo lost to the peer that stayed ($rounds rounds of 300)" 0 "$lost"
check "... whose counters were kept (+300 echo requests at least)" \
	test $(( $(peer_stat h1 fab100 192.0.2.2 tx_packets) - tx0 )) -ge 300

# the last set was {.3, .2}; now {.2, .4}: .3 goes, with its MACs
ping_ok vm1 198.51.100.3
check "vm3's MAC is learned behind 192.0.2.3" sh -c \
	"ip netns exec h1 $VNETFABCTL fdb show dev fab100 | grep 02:00:00:00:03:01 | grep -q 192.0.2.3"
check "peer set: 192.0.2.3 replaced by 192.0.2.4" \
	ctl h1 peer set dev fab100 remote 192.0.2.2 remote 192.0.2.4
check_eq "MACs behind the peer that went are forgotten" "" \
	"$(ctl h1 fdb show dev fab100 | grep 02:00:00:00:03:01)"
check "the new peer carries frames" ping_ok vm1 198.51.100.4

check_err "a set with one bad address is refused ..." \
	"must be a unicast IPv4 address" \
	ctl h1 peer set dev fab100 remote 192.0.2.2 remote 192.0.2.3 remote 224.0.0.9
check_eq "... and changes nothing" "192.0.2.2 192.0.2.4" "$(peers_of h1)"

# 1000 peers: the set and its dump (several netlink messages) complete
args=()
for i in $(seq 0 999); do
	args+=(remote "10.$((i / 250)).$((i % 250 + 1)).1")
done
check "peer set: 1000 peers in one request" \
	ctl h1 peer set dev fab100 "${args[@]}"
check_eq "... all 1000 in the dump, each once" 1000 \
	"$(ctl h1 peer list dev fab100 --json | jq '[.[].remote] | unique | length')"

check "peer set none: every peer deleted" ctl h1 peer set dev fab100 none
check_eq "... the segment has no peer" 0 \
	"$(ctl h1 show fab100 --json | jq '.[0].n_peers')"
ktap_finish
