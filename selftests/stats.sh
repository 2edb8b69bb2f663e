#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vnetfabctl stats: the segment's traffic matrix. 10 broadcasts from a
# VM go once to each peer and once to the host endpoint, and each peer
# counts them as received from the sender's host.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 8

vnetfab_load
topo_segment fab100 100 h1 h2 h3
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -

# st HOST JQ: a number from HOST's stats of fab100
st() { ctl "$1" stats dev fab100 --json | jq -r "$2"; }
peer() { echo ".peers[] | select(.remote == \"$1\") | .$2"; }

to2=$(st h1 "$(peer 192.0.2.2 tx_packets)")
to3=$(st h1 "$(peer 192.0.2.3 tx_packets)")
host=$(st h1 .host.rx_packets)
from1=$(st h2 "$(peer 192.0.2.1 rx_packets)")
ip netns exec vm1 "$RAWFRAME" send eth0 "ffffffffffff02000000010188b5$(printf '%092d' 0)" 10
check "h2 counts 10 frames from peer 192.0.2.1" slowwait 10 sh -c \
	"[ \$(( \$(ip netns exec h2 $VNETFABCTL stats dev fab100 --json | jq '.peers[] | select(.remote == \"192.0.2.1\") | .rx_packets') - $from1 )) -eq 10 ]"
check_eq "h1 sent the 10 broadcasts to peer 192.0.2.2" 10 \
	$(( $(st h1 "$(peer 192.0.2.2 tx_packets)") - to2 ))
check_eq "h1 sent the 10 broadcasts to peer 192.0.2.3" 10 \
	$(( $(st h1 "$(peer 192.0.2.3 tx_packets)") - to3 ))
check_eq "h1's host endpoint got the 10 broadcasts" 10 \
	$(( $(st h1 .host.rx_packets) - host ))
check_eq "the matrix lists both peers" "192.0.2.2 192.0.2.3" \
	"$(st h1 '[.peers[].remote] | sort | join(" ")')"
check_eq "the segment's drop counters are there" 0 \
	"$(st h1 .drops.rx_unknown_peer)"
check "text: a row per endpoint" sh -c \
	"ip netns exec h1 $VNETFABCTL stats dev fab100 | grep -q '^  peer 192.0.2.3 '"
check_err "stats of a device that is not there" "nope" \
	ctl h1 stats dev nope
ktap_finish
