#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Events (vnetfabctl monitor, the "events" multicast group): peer added
# and removed, MAC learned, moved and aged, each seen once by a listener,
# filtered by segment, open to unprivileged listeners.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping setpriv
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 12

vnetfab_load
topo_underlay h1 h2
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_add h1 fab101 101
ctl h2 peer add dev fab100 remote 192.0.2.1
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
vm_add h1 vm3 fab100 02:00:00:00:01:03 198.51.100.3/24 -

# monitor NAME ARGS...: a listener in h1, output in /tmp/NAME.out, started
# once it has joined the group
monitor()
{
	local name=$1
	shift
	ip netns exec h1 "$@" >/tmp/$name.out 2>/tmp/$name.err &
	slowwait 10 grep -q "listening for events" /tmp/$name.err
}
# seen NAME JQ-FILTER: how many events of NAME's output match
seen() { jq -c "select($2)" /tmp/$1.out 2>/dev/null | wc -l; }
# wait_seen NAME JQ-FILTER: until at least one event matches
wait_seen() { slowwait 10 sh -c "[ \$(jq -c 'select($2)' /tmp/$1.out | wc -l) -ge 1 ]"; }

monitor seg $VNETFABCTL monitor dev fab100 --json
monitor all $VNETFABCTL monitor --json
monitor other $VNETFABCTL monitor dev fab101 --json
monitor user setpriv --reuid 65534 --regid 65534 --clear-groups \
	$VNETFABCTL monitor dev fab100 --json
check "an unprivileged user may listen" grep -q "listening" /tmp/user.err

ctl h1 peer add dev fab100 remote 192.0.2.2
check "peer added: one event" wait_seen seg \
	'.event == "peer_added" and .remote == "192.0.2.2" and .ifname == "fab100" and .id == 100'

ping_ok vm1 198.51.100.2
check "MAC learned behind a port" wait_seen seg \
	'.event == "fdb_learned" and .mac == "02:00:00:00:01:01" and .port == "vm1"'
check "MAC learned behind a peer" wait_seen seg \
	'.event == "fdb_learned" and .mac == "02:00:00:00:02:01" and .remote == "192.0.2.2"'

# vm2's MAC shows up behind port vm3: a move
ip netns exec vm3 "$RAWFRAME" send eth0 "ffffffffffff02000000020188b5$(printf '%092d' 0)" 1
check "MAC moved to another port" wait_seen seg \
	'.event == "fdb_moved" and .mac == "02:00:00:00:02:01" and .port == "vm3"'

ctl h1 segment set fab100 ageing 1
check "learned MACs age out, one event each" \
	slowwait 15 sh -c "[ \$(jq -c 'select(.event == \"fdb_aged\")' /tmp/seg.out | wc -l) -ge 2 ]"

ctl h1 peer del dev fab100 remote 192.0.2.2
check "peer removed" wait_seen seg \
	'.event == "peer_removed" and .remote == "192.0.2.2"'
check_eq "each peer event seen exactly once" 2 \
	"$(seen seg '.event == "peer_added" or .event == "peer_removed"')"

ctl h1 peer add dev fab101 remote 192.0.2.2
check "a listener of every segment sees fab101's too" wait_seen all \
	'.event == "peer_added" and .ifname == "fab101"'
check_eq "... a listener of fab101 saw only fab101's events" 0 \
	"$(seen other '.ifname != "fab101"')"
check_eq "... a listener of fab100 saw none of fab101's" 0 \
	"$(seen seg '.ifname != "fab100"')"
check "the unprivileged listener saw the same events" \
	slowwait 10 sh -c "cmp -s /tmp/seg.out /tmp/user.out"

kill %1 %2 %3 %4 2>/dev/null
wait 2>/dev/null
ktap_finish
