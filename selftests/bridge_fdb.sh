#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vnetfab-timeout: 1200
# The MAC table through the neighbour API ("bridge fdb", ndo_fdb_*):
# entries added there are the ones vnetfabctl shows and they steer
# traffic; the dump lists the same table, 20000 static entries across
# many messages included; refusals say what to do instead.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping bridge
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 38

VM1=02:00:00:00:01:01
VM2=02:00:00:00:02:01
VM3=02:00:00:00:03:01
N=20000
# the debug kernel (KASAN, lockdep) takes minutes over 20000: 2000 still
# spans many dump messages
case "$(uname -r)" in *-vnetfab-debug) N=2000 ;; esac

vnetfab_load
topo_segment fab100 100 h1 h2 h3
# VMs without IPv6: nothing but the tests' own frames on the segment
vm_add h1 vm1 fab100 $VM1 198.51.100.1/24 -
vm_add h2 vm2 fab100 $VM2 198.51.100.2/24 -
vm_add h3 vm3 fab100 $VM3 198.51.100.3/24 -
# and no ARP either: no late probe relearns what a test deleted
for a in 1 2 3; do
	for b in 1 2 3; do
		[ $a = $b ] && continue
		mac=VM$b
		ip -n vm$a neigh add 198.51.100.$b lladdr ${!mac} dev eth0 \
			nud permanent
	done
done

# br ARGS...: bridge(8) on host 1
br()
{
	ip netns exec h1 bridge "$@"
}

# fdb_where MAC [DEV]: host 1's entry for MAC as vnetfabctl shows it:
# "port NAME", "remote ADDR" or "local", then "static" or "learned"
fdb_where()
{
	ctl h1 fdb show dev "${2:-fab100}" --json |
		jq -r --arg m "$1" '.[] | select(.mac == $m) |
		       (if .port then "port " + .port
			elif .remote then "remote " + .remote
			else "local" end) +
		       (if .static then " static" else " learned" end)'
}

# genl_count: the entries of host 1's fab100 as vnetfabctl lists them
genl_count()
{
	ctl h1 fdb show dev fab100 --json | jq length
}

# a peer entry, first at the wrong host: the unicast to VM2 goes to host
# 3, which knows no VM2 (and never sends a peer's frame on to a peer)
check "bridge fdb add MAC dst PEER (to the wrong host, 3)" \
	br fdb add $VM2 dev fab100 dst 192.0.2.3 static
check_eq "vnetfabctl shows it: static, behind peer 192.0.2.3" \
	"remote 192.0.2.3 static" "$(fdb_where $VM2)"
tx2=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
tx3=$(peer_stat h1 fab100 192.0.2.3 tx_packets)
check_fail "VM1 cannot reach VM2 while VM2's MAC points at host 3" \
	ip netns exec vm1 ping -c 2 -W 1 198.51.100.2
d2=$(($(peer_stat h1 fab100 192.0.2.2 tx_packets) - tx2))
d3=$(($(peer_stat h1 fab100 192.0.2.3 tx_packets) - tx3))
check "the unicast to VM2 went to host 3 only (to 2: $d2, to 3: $d3 frames)" \
	test $((d3 - d2)) -ge 2
check "bridge fdb replace points it at host 2" \
	br fdb replace $VM2 dev fab100 dst 192.0.2.2 static
check "VM1 reaches VM2 now" ping_ok vm1 198.51.100.2
check_eq "vnetfabctl shows it: static, behind peer 192.0.2.2" \
	"remote 192.0.2.2 static" "$(fdb_where $VM2)"
check "VM1 reaches VM3 (learned across the fabric)" ping_ok vm1 198.51.100.3

# the dump: the genl table, entry for entry
check_eq "bridge fdb show lists as many MAC entries as vnetfabctl" \
	"$(genl_count)" "$(br fdb show dev fab100 | grep -vc '^00:00:00:00:00:00 ')"
check "a learned port entry: '$VM1 via vm1 self', no state (reachable)" \
	sh -c "ip netns exec h1 bridge fdb show dev fab100 | grep -Eqx '$VM1 via vm1 self *'"
check "a learned peer entry: '$VM3 dst 192.0.2.3 self'" \
	sh -c "ip netns exec h1 bridge fdb show dev fab100 | grep -Eqx '$VM3 dst 192.0.2.3 self *'"
check "the static peer entry: '$VM2 dst 192.0.2.2 self permanent'" \
	sh -c "ip netns exec h1 bridge fdb show dev fab100 | grep -Eqx '$VM2 dst 192.0.2.2 self permanent *'"
check "bridge -j: the static entry has dst, flags [self], state permanent" \
	sh -c "ip netns exec h1 bridge -j fdb show dev fab100 |
	       jq -e 'any(.[]; .mac == \"$VM2\" and .dst == \"192.0.2.2\" and
			  .flags == [\"self\"] and .state == \"permanent\")'"

# port and host-endpoint entries, get, del
check "bridge fdb add MAC via PORT: a static entry behind port vm1" \
	br fdb add 02:00:00:00:0b:0b dev fab100 via vm1
check_eq "vnetfabctl shows it behind port vm1" \
	"port vm1 static" "$(fdb_where 02:00:00:00:0b:0b)"
check "bridge fdb add MAC (no dst, no via): the host endpoint's" \
	br fdb add 02:00:00:00:0c:0c dev fab100
check_eq "vnetfabctl shows it local" \
	"local static" "$(fdb_where 02:00:00:00:0c:0c)"
check "bridge fdb get reads the port entry back ('via vm1 ... permanent')" \
	sh -c "ip netns exec h1 bridge fdb get 02:00:00:00:0b:0b dev fab100 self |
	       grep -Eq '^02:00:00:00:0b:0b dev fab100 via vm1 self permanent *$'"
check "bridge fdb del removes the port entry" \
	br fdb del 02:00:00:00:0b:0b dev fab100
check_eq "... from vnetfabctl's view too" "" "$(fdb_where 02:00:00:00:0b:0b)"
check_err "bridge fdb del MAC dst OTHER-PEER refused: the entry points elsewhere" \
	"points elsewhere" br fdb del $VM2 dev fab100 dst 192.0.2.3
check "bridge fdb del removes a learned entry" br fdb del $VM3 dev fab100
check_eq "... from vnetfabctl's view too" "" "$(fdb_where $VM3)"

# refusals, each with the kernel's reason
n0=$(genl_count)
check_err "a VLAN is refused" "VLAN-unaware" \
	br fdb add 02:00:00:00:0d:0d dev fab100 dst 192.0.2.2 vlan 10
check_err "a multicast MAC is refused" "entries take unicast MACs" \
	br fdb add 01:00:5e:00:00:01 dev fab100 dst 192.0.2.2
check_err "a dynamic entry is refused" "give static or permanent" \
	br fdb add 02:00:00:00:0d:0d dev fab100 dst 192.0.2.2 dynamic
check_err "add over an existing entry is refused: replace changes it" \
	"bridge fdb replace" br fdb add $VM2 dev fab100 dst 192.0.2.3
check_err "via a device that is not a port is refused" "not a port" \
	br fdb add 02:00:00:00:0d:0d dev fab100 via ul0
check_err "'master' on a port does not reach vnetfab (not a bridge port)" \
	"not supported" br fdb add 02:00:00:00:0d:0d dev vm1 master
check_eq "none of them changed the table" "$n0" "$(genl_count)"
# (vxlan's dialect, the all-zeros entries and entries to hosts that are
# not peers yet: vxlan_dialect.sh)

# an IPv6 peer, on a segment of host 1 alone
ctl h1 segment add fab200 id 200
ctl h1 peer add dev fab200 remote 2001:db8::2
check "bridge fdb add MAC dst IPV6-PEER" \
	br fdb add 02:00:00:00:0e:0e dev fab200 dst 2001:db8::2
check_eq "vnetfabctl shows it behind 2001:db8::2" \
	"remote 2001:db8::2 static" "$(fdb_where 02:00:00:00:0e:0e fab200)"

# 20000 static entries through bridge -batch; the learned cap (maxaddr)
# does not apply to them; both dumps span many messages
ctl h1 segment set fab100 maxaddr 50
n0=$(genl_count)
batch=$(mktemp)
awk -v n=$N 'BEGIN {
	for (i = 0; i < n; i++)
		printf "fdb add 02:aa:00:%02x:%02x:%02x dev fab100 dst 192.0.2.2\n",
			int(i / 65536), int(i / 256) % 256, i % 256
}' >"$batch"
check "bridge -batch adds $N static entries (maxaddr 50 caps learned ones only)" \
	br -batch "$batch"
rm -f "$batch"
dump=$(br fdb show dev fab100 | grep -v '^00:00:00:00:00:00 ')
check_eq "bridge fdb show lists $N + $n0 entries" \
	$((N + n0)) "$(echo "$dump" | wc -l)"
check_eq "... each once" \
	$((N + n0)) "$(echo "$dump" | awk '{ print $1 }' | sort -u | wc -l)"
check_eq "vnetfabctl lists the same $((N + n0))" $((N + n0)) "$(genl_count)"
check_eq "bridge -j: $N + 1 (VM2) entries behind 192.0.2.2" $((N + 1)) \
	"$(br -j fdb show dev fab100 | jq '[.[] | select(.dst == "192.0.2.2" and .mac != "00:00:00:00:00:00")] | length')"
ctl h1 peer del dev fab100 remote 192.0.2.2
check_eq "deleting the peer takes its entries out of the bridge fdb view" 0 \
	"$(br fdb show dev fab100 | grep -c 'dst 192.0.2.2 ')"
ktap_finish
