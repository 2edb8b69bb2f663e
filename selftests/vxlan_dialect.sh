#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vxlan's FDB dialect, message for message: what the agents that drive
# vxlan devices send, replayed byte for byte with tools/neigh.py (and
# with bridge(8) where it sends the same), and what the segment makes of
# it.
#  - FRR's zebra, zebra/rt_netlink.c: netlink_vxlan_flood_update_ctx()
#    adds a remote VTEP to a VNI's head-end replication list as
#    RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_APPEND, AF_BRIDGE, MAC
#    00:00:00:00:00:00, NDA_DST the VTEP, NUD_NOARP | NUD_PERMANENT,
#    NTF_SELF; RTM_DELNEIGH the same to remove it.
#    netlink_macfdb_update_ctx() adds a remote MAC as RTM_NEWNEIGH,
#    NLM_F_CREATE | NLM_F_REPLACE, NTF_SELF with NTF_EXT_LEARNED and
#    NUD_REACHABLE, or for a sticky MAC NTF_STICKY and NUD_NOARP.
#  - flannel, pkg/backend/vxlan/device.go: vxlanDevice.AddFDB() calls
#    netlink.NeighSet() (vishvananda/netlink, neigh_linux.go:
#    RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE) with AF_BRIDGE,
#    NTF_SELF, NUD_PERMANENT, the remote host's MAC and public IP; it
#    adds no flood entries.
# Checked: floods reach exactly the VTEPs added; unicast goes where the
# entries say; extern-learned entries survive ageing; sticky ones
# survive a MAC move attempt; a MAC entry to a host not yet a peer makes
# it one (vnetfab takes frames from peers only); replace moves an entry;
# peers added any way are announced as all-zeros entries; bad messages
# get vxlan's error with a message, and change nothing.
# Encapsulation-independent (the neighbour API): one run, UDP, with a
# GRE segment for the family check.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq bridge python3 tc
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
ktap_header
ktap_plan 33

NEIGH=$TOP/selftests/tools/neigh.py
ZERO=00:00:00:00:00:00
VM1=02:00:00:00:01:01 VM2=02:00:00:00:02:01 VM3=02:00:00:00:03:01
nb() { ip netns exec h1 "$NEIGH" "$@"; }
br() { ip netns exec h1 bridge "$@"; }
peers() { ctl h1 peer list dev fab100 --json | jq -r '[.[].remote] | sort | join(" ")'; }

vnetfab_load
topo_underlay h1 h2 h3
for h in h1 h2 h3; do seg_add $h fab100 100; done
# h2 and h3 know every host; h1 is left to the agent
for h in h2 h3; do
	for o in 1 2 3; do
		[ "$h" = h$o ] || ctl $h peer add dev fab100 remote 192.0.2.$o
	done
done
vm_add h1 vm1 fab100 $VM1 198.51.100.1/24 -
vm_add h2 vm2 fab100 $VM2 198.51.100.2/24 -
vm_add h3 vm3 fab100 $VM3 198.51.100.3/24 -
# as under an EVPN agent: the agent says where MACs are
ctl h1 segment set fab100 learning off

# frames VM DST N: N frames of ethertype 88b5 from VM's eth0 to DST
frames() { ip netns exec "$1" "$RAWFRAME" send eth0 "${2//:/}$(ip -n "$1" -br link show dev eth0 | awk '{ gsub(":", "", $3); print $3 }')88b5$(printf '%092d' 0)" "$3"; }
# got VM: packets eth0 of VM received
got() { link_stat "$1" eth0 rx packets; }
# ours VM: the frames of ethertype 88b5 eth0 of VM received (a
# matchall filter's count: a VM's own IGMP report, flooded meanwhile,
# is not one of them)
for v in vm2 vm3; do
	tc -n $v qdisc add dev eth0 clsact
	tc -n $v filter add dev eth0 ingress protocol 0x88b5 pref 1 matchall action pass
done
ours() { tc -n "$1" -s -j filter show dev eth0 ingress | jq '[.[] | .options.actions[0].stats.packets // empty] | add // 0'; }
ours_reach() { [ $(( $(ours vm2) + $(ours vm3) )) -ge "$1" ]; }
# delivered DST: 5 frames from vm1 to DST: "N2 N3", how many vm2 and
# vm3 got
delivered()
{
	local a2 a3
	a2=$(ours vm2) a3=$(ours vm3)
	frames vm1 "$1" 5
	slowwait 5 ours_reach $((a2 + a3 + 5))
	sleep 1	# (and nothing more on its way)
	echo "$(( $(ours vm2) - a2 )) $(( $(ours vm3) - a3 ))"
}

# ---- zebra's flood list ---------------------------------------------------------
check "zebra's flood entry for VTEP h2 (append, noarp|permanent, self)" \
	nb new fab100 $ZERO flags=CREATE,APPEND state=NOARP,PERMANENT ntf=SELF dst=192.0.2.2
check_eq "... makes h2 a peer" "192.0.2.2" "$(peers)"
check_eq "bridge fdb show: its all-zeros entry, as vxlan's" \
	"00:00:00:00:00:00 dst 192.0.2.2 self permanent" \
	"$(br fdb show dev fab100 | grep "^$ZERO" | sed 's/ *$//')"
check_eq "a broadcast reaches exactly the VTEP added (vm2 5, vm3 0)" "5 0" \
	"$(delivered ff:ff:ff:ff:ff:ff)"
check "bridge fdb append 00:00:00:00:00:00 dst h3: the second VTEP" \
	br fdb append $ZERO dev fab100 dst 192.0.2.3 self permanent
check_eq "... and a broadcast reaches both" "5 5" "$(delivered ff:ff:ff:ff:ff:ff)"
check "appending a VTEP already there: nothing to do, as vxlan" \
	nb new fab100 $ZERO flags=CREATE,APPEND state=NOARP,PERMANENT ntf=SELF dst=192.0.2.2
check_err "add (not append) to a flood list that has VTEPs: vxlan's EEXIST" \
	"append adds one more" br fdb add $ZERO dev fab100 dst 192.0.2.9 self permanent
check_eq "... the peers unchanged" "192.0.2.2 192.0.2.3" "$(peers)"

# ---- zebra's remote MACs ------------------------------------------------------
check "zebra's remote MAC (replace, reachable, self|extern_learn) behind h2" \
	nb new fab100 $VM2 flags=CREATE,REPLACE state=REACHABLE ntf=SELF,EXT_LEARNED dst=192.0.2.2
check "bridge fdb show: extern_learn, reachable (no 'permanent')" \
	sh -c "ip netns exec h1 bridge fdb show dev fab100 | grep -Eqx '$VM2 dst 192.0.2.2 self extern_learn *'"
check_eq "unicast to it goes to h2 alone (vm2 5, vm3 0)" "5 0" "$(delivered $VM2)"
ctl h1 segment set fab100 ageing 1
sleep 3		# three ageing times: a learned entry would be gone
check_eq "extern_learn survives ageing (ageing 1 s, 3 s later)" "$VM2" \
	"$(br -j fdb show dev fab100 | jq -r --arg m $VM2 '.[] | select(.mac == $m) | .mac')"
ctl h1 segment set fab100 ageing 300 learning on
check "zebra's sticky MAC (noarp, self|sticky): vm3's, said to be behind h2" \
	nb new fab100 $VM3 flags=CREATE,REPLACE state=NOARP ntf=SELF,STICKY dst=192.0.2.2
a1=$(got vm1)
frames vm3 ff:ff:ff:ff:ff:ff 5
slowwait 5 stat_reached vm1 eth0 rx packets $((a1 + 5))
check_eq "frames from vm3 itself (behind h3, learning on) do not move it" \
	"192.0.2.2 sticky" \
	"$(br -j fdb show dev fab100 | jq -r --arg m $VM3 '.[] | select(.mac == $m) | "\(.dst) \(.flags | map(select(. == "sticky")) | join(""))"')"
check "replace moves it (bridge fdb replace ... dst h3)" \
	br fdb replace $VM3 dev fab100 dst 192.0.2.3 self permanent
check_eq "... and unicast follows (vm2 0, vm3 5)" "0 5" "$(delivered $VM3)"
ctl h1 segment set fab100 learning off

# ---- flannel: MAC entries to hosts that are not peers yet -------------------
check "bridge fdb del 00:00:00:00:00:00 dst h3: h3 is no peer any more" \
	br fdb del $ZERO dev fab100 dst 192.0.2.3 self
check_eq "... and its MACs went with it" "192.0.2.2|" \
	"$(peers)|$(br fdb show dev fab100 | grep -c "^$VM3" | sed 's/^0$//')"
check "flannel's entry (NeighSet: replace, permanent, self) for vm3 behind h3" \
	nb new fab100 $VM3 flags=CREATE,REPLACE state=PERMANENT ntf=SELF dst=192.0.2.3
check_eq "... makes h3 a peer: frames from it are taken" "192.0.2.2 192.0.2.3" "$(peers)"
check_eq "... and unicast to vm3 reaches it (vm2 0, vm3 5)" "0 5" "$(delivered $VM3)"

# ---- notifications -------------------------------------------------------------
ip netns exec h1 bridge monitor fdb >/tmp/vxd.mon 2>&1 &
mon=$!
wait_listeners h1
ctl h1 peer add dev fab100 remote 192.0.2.5
ctl h1 peer del dev fab100 remote 192.0.2.5
slowwait 5 grep -q "^Deleted $ZERO" /tmp/vxd.mon
kill $mon; wait $mon 2>/dev/null
check_eq "a peer added and deleted with vnetfabctl: bridge monitor fdb sees its all-zeros entry come and go" \
	"$ZERO dev fab100 dst 192.0.2.5 self permanent|Deleted $ZERO dev fab100 dst 192.0.2.5 self permanent" \
	"$(grep 192.0.2.5 /tmp/vxd.mon | sed 's/ *$//' | paste -sd'|')"

# ---- bad input: vxlan's errors, nothing changed ---------------------------------
ctl h1 segment add fab300 id 300 encap gre
n0="$(peers) $(br fdb show | wc -l)"
check_err "an all-zeros entry without dst" "give dst" \
	nb new fab100 $ZERO flags=CREATE,APPEND state=NOARP,PERMANENT ntf=SELF
check_err "a dst of the wrong family for the segment (IPv6 on GRE)" "IPv4" \
	nb new fab300 $ZERO flags=CREATE,APPEND state=NOARP,PERMANENT ntf=SELF dst=2001:db8::2
check_err "a VNI that is not the segment's" "vni" \
	nb new fab100 $VM1 flags=CREATE,REPLACE state=PERMANENT ntf=SELF dst=192.0.2.2 vni=101
check_err "a flag vxlan has no use for here (router)" "router" \
	nb new fab100 $VM1 flags=CREATE,REPLACE state=PERMANENT ntf=SELF,ROUTER dst=192.0.2.2
check_err "add of a MAC that has an entry, to a host not a peer: EEXIST" \
	"bridge fdb replace" br fdb add $VM2 dev fab100 dst 192.0.2.7 self permanent
check_eq "... none of them changed anything, not even a peer made on the way" \
	"$n0" "$(peers) $(br fdb show | wc -l)"
has() { br fdb show dev fab100 | grep -q "^$1 " && echo yes || echo no; }
check "bridge fdb flush ... self extern_learn" \
	br fdb flush dev fab100 self extern_learn
check_eq "... took zebra's entry, not flannel's (vm2's, vm3's)" "no yes" \
	"$(has $VM2) $(has $VM3)"
check "del 00:00:00:00:00:00 without dst: every VTEP goes, as vxlan's whole entry" \
	br fdb del $ZERO dev fab100 self
check_eq "... no peer left" "" "$(peers)"
ktap_finish
