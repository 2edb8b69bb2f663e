#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Changes of the MAC table through the neighbour API, as vxlan has them:
# "bridge monitor fdb" sees every change, whoever made it (learning,
# ageing, vnetfabctl, a flush), and "bridge fdb flush dev fab0 self"
# (ndo_fdb_del_bulk) empties it by state and by port.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping bridge
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
bridge fdb help 2>&1 | grep -q "fdb flush" ||
	ktap_skip_all "this bridge(8) has no fdb flush (iproute2 >= 5.19)"
ktap_header
ktap_plan 21

VM1=02:00:00:00:01:01
VM2=02:00:00:00:02:01
S1=02:00:00:00:0a:01 S2=02:00:00:00:0a:02 S3=02:00:00:00:0a:03
PROBE=02:00:00:00:0f:0f

vnetfab_load
topo_underlay h1 h2
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 $VM1 198.51.100.1/24 -
vm_add h2 vm2 fab100 $VM2 198.51.100.2/24 -
# no ARP: nothing relearns behind the tests' backs
ip -n vm1 neigh add 198.51.100.2 lladdr $VM2 dev eth0 nud permanent
ip -n vm2 neigh add 198.51.100.1 lladdr $VM1 dev eth0 nud permanent

br() { ip netns exec h1 bridge "$@"; }
# table: host 1's entries as "MAC learned|static", sorted, one line
table()
{
	ctl h1 fdb show dev fab100 --json |
		jq -r '[.[] | .mac + (if .static then " static" else " learned" end)] |
		       sort | join(", ")'
}
# seen REGEX: the monitor printed a line matching REGEX
seen() { slowwait 15 grep -Eq "$1" /tmp/bm.out; }
# seen_n N REGEX: ... N such lines
seen_n() { slowwait 15 sh -c "[ \$(grep -Ec '$2' /tmp/bm.out) = $1 ]"; }

ip netns exec h1 bridge monitor fdb >/tmp/bm.out 2>&1 &
# the monitor has joined once it reports a change; an add of an existing
# MAC replaces it, and is reported, every time
check "bridge monitor fdb runs and reports a vnetfabctl fdb add" \
	slowwait 15 sh -c "ip netns exec h1 $VNETFABCTL fdb add dev fab100 \
		$PROBE local && grep -q '^$PROBE dev fab100 self permanent' /tmp/bm.out"
ctl h1 fdb del dev fab100 $PROBE
check "... and its delete ('Deleted MAC dev fab100 self permanent')" \
	seen "^Deleted $PROBE dev fab100 self permanent"

ping_ok vm1 198.51.100.2
check "a MAC learned behind a port: '$VM1 dev fab100 via vm1 self'" \
	seen "^$VM1 dev fab100 via vm1 self *$"
check "a MAC learned behind a peer: '$VM2 dev fab100 dst 192.0.2.2 self'" \
	seen "^$VM2 dev fab100 dst 192.0.2.2 self *$"

ctl h1 segment set fab100 ageing 1
check "learned MACs that age out: 'Deleted $VM1 ...'" \
	seen "^Deleted $VM1 dev fab100 via vm1 self"
check "... and 'Deleted $VM2 ...'" seen "^Deleted $VM2 dev fab100 dst 192.0.2.2"
ctl h1 segment set fab100 ageing 300

# the table for the flushes: three static entries (a peer's, a port's,
# the host endpoint's) and two learned ones (a port's, a peer's)
ctl h1 fdb add dev fab100 $S1 remote 192.0.2.2
ctl h1 fdb add dev fab100 $S2 port vm1
ctl h1 fdb add dev fab100 $S3 local
relearn()
{
	ping_ok vm1 198.51.100.2 &&
		slowwait 5 sh -c "ip netns exec h1 $VNETFABCTL fdb show dev fab100 | grep -q $VM2"
}
relearn
check_eq "the table: 3 static, 2 learned" \
	"$VM1 learned, $VM2 learned, $S1 static, $S2 static, $S3 static" "$(table)"

ndel=$(grep -c "^Deleted $VM2 dev fab100 dst 192.0.2.2" /tmp/bm.out)
check "bridge fdb flush dev fab100 self dynamic" \
	br fdb flush dev fab100 self dynamic
check_eq "... took the learned entries only" \
	"$S1 static, $S2 static, $S3 static" "$(table)"
check "... each reported ('Deleted $VM2 ... dst 192.0.2.2', once more)" \
	seen_n $((ndel + 1)) "^Deleted $VM2 dev fab100 dst 192.0.2.2"

relearn
check "bridge fdb flush dev fab100 self brport vm1" \
	br fdb flush dev fab100 self brport vm1
check_eq "... took what is behind port vm1, static or learned" \
	"$VM2 learned, $S1 static, $S3 static" "$(table)"

check "bridge fdb flush dev fab100 self brport fab100" \
	br fdb flush dev fab100 self brport fab100
check_eq "... took the host endpoint's" "$VM2 learned, $S1 static" "$(table)"

n=$(table)
check "bridge fdb flush ... extern_learn: no entry has that flag" \
	br fdb flush dev fab100 self extern_learn
check_eq "... so nothing is taken" "$n" "$(table)"

check "bridge fdb flush dev fab100 self permanent" \
	br fdb flush dev fab100 self permanent
check_eq "... took the static entries" "$VM2 learned" "$(table)"

check_err "a VLAN is refused" "VLAN-unaware" \
	br fdb flush dev fab100 self vlan 5
check_err "brport naming a device that is not a port is refused" \
	"not a port" br fdb flush dev fab100 self brport lo

relearn
ctl h1 fdb add dev fab100 $S1 remote 192.0.2.2
check "bridge fdb flush dev fab100 self: everything" \
	sh -c "ip netns exec h1 bridge fdb flush dev fab100 self &&
	       [ -z \"\$(ip netns exec h1 $VNETFABCTL fdb show dev fab100)\" ]"
ktap_finish
