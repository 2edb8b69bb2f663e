#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vnetfabctl apply FILE / dump-config (vnetfab.conf(5)): a file creates
# its segments (up), peers and static MAC entries, as show, peer list and
# fdb show read them back; applying it again, or applying dump-config's
# output, changes nothing (peer counters kept); a changed file makes
# exactly its changes, one printed line each; every bad file of the
# corpus (userspace/tests/config/bad-*.conf) and a file changing a
# segment's id are refused naming FILE:LINE with nothing changed;
# --dry-run prints what apply then does and changes nothing; port and
# mtu lines enslave devices and set the MTU, read back; a kernel
# refusal prints its message with the line; segments made by hand are
# left alone unless --prune (those apply made carry alias vnetfab-apply);
# an empty file deletes all that apply made.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq
ktap_header
ktap_plan 58

CORPUS=$TOP/userspace/tests/config
T=$(mktemp -d /tmp/apply.XXXXXX)

vnetfab_load
topo_underlay h1 h2 h3

# ctl_apply (lib.sh) keeps the stderr of apply in $T/err
APPLY_ERR=$T/err
dump() { ctl h1 dump-config; }

cat >"$T/site.conf" <<'EOF'
# two segments, their peers and static MAC entries
segment fab100 id 100 ttl 64 ageing 300
peer fab100 192.0.2.2
peer fab100 192.0.2.3 dstport 4790
fdb fab100 02:00:00:00:00:01 remote 192.0.2.2
fdb fab100 02:00:00:00:00:02 local

segment fab101 id 101 local 2001:db8::1 dev ul0 ttl 10 tos inherit df set ageing 600 learning off maxaddr 100 probe 500 probe-misses 4
peer fab101 2001:db8::2 probe off
fdb fab101 02:00:00:00:01:01 remote 2001:db8::2
EOF
site_dump='segment fab100 id 100 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 mtu 1500
peer fab100 192.0.2.2
peer fab100 192.0.2.3 dstport 4790
fdb fab100 02:00:00:00:00:01 remote 192.0.2.2
fdb fab100 02:00:00:00:00:02 local

segment fab101 id 101 encap udp local 2001:db8::1 dstport 4789 dev ul0 ttl 10 tos inherit df set ageing 600 learning off maxaddr 100 probe 500 probe-misses 4 hold-down 5000 mtu 1430
peer fab101 2001:db8::2 probe off
fdb fab101 02:00:00:00:01:01 remote 2001:db8::2'

# ---- a file with two segments, applied to an empty namespace -------------
r=$(ctl_apply h1 "$T/site.conf")
check_eq "apply site.conf: exit 0" 0 "${r%%:*}"
check_eq "... one line per change: 2 segments, 2 peer sets, 3 MAC entries" 7 \
	"$(echo "${r#*:}" | grep -c .)"
check_eq "dump-config prints the file, every setting given" "$site_dump" "$(dump)"
check_eq "show: the segments' id, encap, dstport" \
	"fab100 100 udp 4789,fab101 101 udp 4789" \
	"$(ctl h1 show --json | jq -r '[.[] | "\(.ifname) \(.id) \(.encap) \(.dstport)"] | join(",")')"
check_eq "ip -d (plugin): fab101's id, ttl, df, ageing, learning, maxaddr, local, dev" \
	'[101,10,"set",600,false,100,"2001:db8::1","ul0"]' \
	"$(IP_LIB_DIR=$TOP/userspace/ip ip -n h1 -d -j link show dev fab101 |
	   jq -c '.[0].linkinfo.info_data | [.id, .ttl, .df, .ageing, .learning, .maxaddr, .local6 // .local, .link]')"
check_eq "peer list: fab100's peers and ports" "192.0.2.2:4789 192.0.2.3:4790" \
	"$(ctl h1 peer list dev fab100 --json | jq -r '[.[] | "\(.remote):\(.dstport)"] | sort | join(" ")')"
check_eq "fdb show: fab100's static entries" \
	"02:00:00:00:00:01 192.0.2.2,02:00:00:00:00:02 local" \
	"$(ctl h1 fdb show dev fab100 --json |
	   jq -r '[.[] | select(.static) | "\(.mac) \(.remote // (if .local then "local" else .port end))"] | sort | join(",")')"
check_eq "the segments were created up" "UP UP" \
	"$(for d in fab100 fab101; do ip -n h1 -j link show dev $d | jq -r 'if any(.[0].flags[]; . == "UP") then "UP" else "DOWN" end'; done | xargs)"

# traffic to the peers: ARP requests from the host endpoint are flooded
ip -n h1 addr add 198.51.100.1/24 dev fab100
ip netns exec h1 ping -c 2 -W 1 198.51.100.9 >/dev/null 2>&1
tx0=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
check "192.0.2.2 of fab100 carried frames (tx_packets $tx0)" test "${tx0:-0}" -gt 0

# ---- applying it again, or dump-config's output: nothing -------------------
before=$(dump)
check_eq "second apply: exit 0, nothing printed" "0:" "$(ctl_apply h1 "$T/site.conf")"
check_eq "... dump-config unchanged" "$before" "$(dump)"
tx1=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
check "... 192.0.2.2's counter not reset ($tx0 -> $tx1)" test "${tx1:-0}" -ge "$tx0"
r=$(ip netns exec h1 sh -c "$VNETFABCTL dump-config | $VNETFABCTL apply -" 2>&1)
check_eq "dump-config | apply -: exit 0, nothing printed" "0:" "$?:$r"
check_eq "... dump-config unchanged" "$before" "$(dump)"

# ---- a port entry: the port must be enslaved first ------------------------
{ cat "$T/site.conf"; echo "fdb fab100 02:00:00:00:00:03 port tap0"; } >"$T/site2.conf"
ip -n h1 link add tap0 type veth peer name tap0p
check_err "fdb on a device that is not a port: refused, naming the line" \
	"site2.conf:11: fdb: tap0 is not a port of fab100 (add a line 'port fab100 tap0', or enslave it first" \
	ctl h1 apply "$T/site2.conf"
ip -n h1 link set tap0 master fab100 up
check_eq "once enslaved: the one change, printed" \
	"0:fdb fab100 02:00:00:00:00:03: port tap0" "$(ctl_apply h1 "$T/site2.conf")"

# ---- a changed file: exactly its changes ----------------------------------
# 192.0.2.3 replaced by 192.0.2.4, ageing 300 -> 600, MAC ..:02 removed,
# segment fab101 removed
cat >"$T/site3.conf" <<'EOF'
segment fab100 id 100 ttl 64 ageing 600
peer fab100 192.0.2.2
peer fab100 192.0.2.4
fdb fab100 02:00:00:00:00:01 remote 192.0.2.2
fdb fab100 02:00:00:00:00:03 port tap0
EOF
r=$(ctl_apply h1 "$T/site3.conf")
check_eq "changed file: 4 changes, 4 lines" \
	"0:set fab100 ageing 600
peers of fab100: 2 (was 2): +192.0.2.4 -192.0.2.3
fdb fab100 02:00:00:00:00:02: deleted
deleted segment fab101" "$r"
site3_dump='segment fab100 id 100 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 600 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 mtu 1500
peer fab100 192.0.2.2
peer fab100 192.0.2.4
port fab100 tap0
fdb fab100 02:00:00:00:00:01 remote 192.0.2.2
fdb fab100 02:00:00:00:00:03 port tap0'
check_eq "... dump-config is the changed file" "$site3_dump" "$(dump)"
check_eq "... and applying it again changes nothing" "0:" "$(ctl_apply h1 "$T/site3.conf")"

# ---- MACs in any order: what the file has is found in it -----------------
{ grep -v '^fdb' "$T/site3.conf"; printf '%s\n' \
	"fdb fab100 02:00:00:00:00:09 local" "fdb fab100 02:00:00:00:00:07 local" \
	"fdb fab100 02:00:00:00:00:05 local" "fdb fab100 02:00:00:00:00:03 port tap0" \
	"fdb fab100 02:00:00:00:00:01 remote 192.0.2.2"; } >"$T/desc.conf"
check_eq "MACs in descending order: the three new ones added" \
	"0:fdb fab100 02:00:00:00:00:09: local
fdb fab100 02:00:00:00:00:07: local
fdb fab100 02:00:00:00:00:05: local" "$(ctl_apply h1 "$T/desc.conf")"
check_eq "... and applying it again changes nothing (no entry of the file deleted)" \
	"0:" "$(ctl_apply h1 "$T/desc.conf")"
ctl_apply h1 "$T/site3.conf" >/dev/null

# ---- a peer's port alone changes: the same peer, MACs and counters kept ----
tx0=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
sed 's/^peer fab100 192.0.2.2$/& dstport 4790/' "$T/site3.conf" >"$T/port.conf"
ip netns exec h1 timeout 60 "$VNETFABCTL" monitor dev fab100 count 1 --json \
	>"$T/ev" 2>"$T/ev.err" &
mon=$!
slowwait 10 grep -q "listening for events" "$T/ev.err"
check_eq "a peer's dstport changed: one change, printed" \
	"0:peers of fab100: 2 (was 2): ~192.0.2.2" "$(ctl_apply h1 "$T/port.conf")"
wait $mon
check_eq "... one event: peer_changed, the new port" "peer_changed 192.0.2.2 4790" \
	"$(jq -r '"\(.event) \(.remote) \(.dstport)"' "$T/ev")"
check_eq "... peer list: the new port" "192.0.2.2:4790 192.0.2.4:4789" \
	"$(ctl h1 peer list dev fab100 --json | jq -r '[.[] | "\(.remote):\(.dstport)"] | sort | join(" ")')"
check_eq "... the static MAC behind it stays" "02:00:00:00:00:01 192.0.2.2" \
	"$(ctl h1 fdb show dev fab100 --json |
	   jq -r '.[] | select(.static and .remote == "192.0.2.2") | "\(.mac) \(.remote)"')"
check "... its counters kept (tx_packets $tx0 before)" \
	test "$(peer_stat h1 fab100 192.0.2.2 tx_packets)" -ge "$tx0"
check_eq "... and back: dump-config is site3 again" "$site3_dump" \
	"$(ctl_apply h1 "$T/site3.conf" >/dev/null; dump)"

# ---- port and mtu lines: the devices enslaved, the MTU set, read back ------
ip -n h1 link add tap1 type veth peer name tap1p
mtu0=$(ip -n h1 -j link show dev fab100 | jq -r '.[0].mtu')
{ sed 's/^segment fab100 id 100 ttl 64 ageing 600$/& mtu 1400/' "$T/site3.conf"
  printf '%s\n' "port fab100 tap0" "port fab100 tap1" \
	"fdb fab100 02:00:00:00:00:04 port tap1"; } >"$T/ports.conf"
check_eq "port and mtu lines: tap1 enslaved, the MTU set, tap1's entry added" \
	"0:port fab100: tap1 enslaved
set fab100 mtu 1400
fdb fab100 02:00:00:00:00:04: port tap1" "$(ctl_apply h1 "$T/ports.conf")"
check_eq "... ip: fab100's mtu, tap1's master" "1400 fab100" \
	"$(ip -n h1 -j link show dev fab100 | jq -r '.[0].mtu') $(ip -n h1 -j link show dev tap1 | jq -r '.[0].master')"
check_eq "... dump-config writes them" "mtu 1400|port fab100 tap0|port fab100 tap1" \
	"$(dump | grep -o '^segment fab100 .* \(mtu [0-9]*\)$' | grep -o 'mtu [0-9]*$')|$(dump | grep '^port ' | paste -sd'|')"
check_eq "... applied again, or dump-config's output: nothing" "0:|0:" \
	"$(ctl_apply h1 "$T/ports.conf")|$(dump >"$T/d.conf"; ctl_apply h1 "$T/d.conf")"
ip -n h1 link add br9 type bridge
ip -n h1 link add tap2 type veth peer name tap2p
ip -n h1 link set tap2 master br9
{ cat "$T/ports.conf"; echo "port fab100 tap2"; } >"$T/ports2.conf"
check_err "a port line whose device is another's port: refused, naming the line" \
	"ports2.conf:9: port: tap2 is a port of br9 (release it first: ip link set tap2 nomaster)" \
	ctl h1 apply "$T/ports2.conf"
check_eq "... nothing changed" "br9" "$(ip -n h1 -j link show dev tap2 | jq -r '.[0].master')"
ip -n h1 link del br9
ip -n h1 link del tap2
# back to site3 (a port without a line stays one: tap1 goes with its veth)
ip -n h1 link del tap1
ip -n h1 link set fab100 mtu "$mtu0"
check_eq "back: dump-config is site3 again" "$site3_dump" \
	"$(ctl_apply h1 "$T/site3.conf" >/dev/null; dump)"

# ---- refusals: nothing changes --------------------------------------------
before=$(dump)
n=0 ok=0
for f in "$CORPUS"/bad-*.conf; do
	n=$((n + 1))
	r=$(ctl_apply h1 "$f")
	if [ "${r%%:*}" = 2 ] && [ "$r" = "2:" ] &&
	   grep -q "^vnetfabctl: $f:[0-9][0-9]*: " "$T/err"; then
		ok=$((ok + 1))
	else
		echo "# $f: $r: $(cat "$T/err")"
	fi
done
check "the corpus has bad files ($n)" test "$n" -ge 40
check_eq "each bad file: exit 2, 'FILE:LINE: ' named, nothing printed" "$n" "$ok"
check_eq "... running state unchanged" "$before" "$(dump)"

sed 's/^segment fab100 id 100 /segment fab100 id 150 /' "$T/site3.conf" >"$T/id.conf"
check_err "a new id for a running segment: refused, naming the line" \
	"id.conf:1: segment fab100 runs with id 100, the file says id 150: .*delete the segment first" \
	ctl h1 apply "$T/id.conf"
check_eq "... running state unchanged" "$before" "$(dump)"

# a change the kernel refuses: its message, with the line of the file
ip -n h1 link add vnetfab_gre type veth peer name vgp
{ dump; echo; echo "segment fab300 id 300 encap gre"; } >"$T/gre.conf"
check_err "kernel refusal: extack and FILE:LINE" \
	"gre.conf:8: fab300: .*: .*\(vnetfab_gre\|ip_gre\)" \
	ctl h1 apply "$T/gre.conf"
ip -n h1 link del vnetfab_gre
check_eq "... running state unchanged" "$before" "$(dump)"

# a GRE segment through a file: created with its peer and entry, read
# back, applied again for nothing, deleted by the file without it
echo "$before" >"$T/before.conf"
{ echo "$before"; echo; echo "segment fab300 id 300 encap gre ttl 32";
  echo "peer fab300 192.0.2.2"
  echo "fdb fab300 02:00:00:00:03:01 remote 192.0.2.2"; } >"$T/gre.conf"
check_eq "a GRE segment, its peer and its entry: 3 changes" "0:3" \
	"$(r=$(ctl_apply h1 "$T/gre.conf"); echo "${r%%:*}:$(echo "${r#*:}" | grep -c .)")"
check "... read back by dump-config" sh -c \
	"ip netns exec h1 $VNETFABCTL dump-config | grep -A2 '^segment fab300 id 300 encap gre ttl 32 ' |
	 tr '\n' '|' | grep -qx 'segment fab300 [^|]*|peer fab300 192.0.2.2|fdb fab300 02:00:00:00:03:01 remote 192.0.2.2|'"
check_eq "... applied again: nothing to do" "0:" "$(ctl_apply h1 "$T/gre.conf")"
check_eq "the file without it deletes it" "0:deleted segment fab300" \
	"$(ctl_apply h1 "$T/before.conf")"

# ---- --dry-run --------------------------------------------------------------
dry=$(ctl_apply h1 --dry-run "$T/site.conf")
check_eq "--dry-run: changes nothing" "$before" "$(dump)"
check_eq "... and printed what apply then does" "$dry" "$(ctl_apply h1 "$T/site.conf")"

# ---- segments made by hand: left alone unless --prune ----------------------
# apply marks what it creates (alias vnetfab-apply) and deletes, of the
# segments absent from the file, only those; --prune deletes any
ipp() { IP_LIB_DIR=$TOP/userspace/ip ip -n h1 "$@"; }
alias_of() { for d in "$@"; do ip -n h1 -j link show dev "$d" | jq -r '.[0].ifalias // "-"'; done | xargs; }
have() { for d in "$@"; do ip -n h1 link show dev "$d" >/dev/null 2>&1 && echo "$d"; done | xargs; }
ipp link add hand0 type vnetfab id 900
ipp link add hand5 type vnetfab id 500
check_eq "apply's segments carry alias vnetfab-apply, those made by hand none" \
	"vnetfab-apply vnetfab-apply - -" "$(alias_of fab100 fab101 hand0 hand5)"
sed 's/^segment fab100 id 100 ttl 64 ageing 300$/segment fab100 id 100 ttl 64 ageing 900/' \
	"$T/site.conf" >"$T/age.conf"
check_eq "a file without the segments made by hand: its own reconciled, those left alone" \
	"0:set fab100 ageing 900|hand0 hand5" \
	"$(ctl_apply h1 "$T/age.conf")|$(have hand0 hand5)"
{ cat "$T/age.conf"; echo "segment hand0 id 900 ttl 9"; } >"$T/hand.conf"
check_eq "a file naming one: reconciled as any segment of the file" \
	"0:set hand0 ttl 9" "$(ctl_apply h1 "$T/hand.conf")"
check_eq "... a file no longer naming it: left alone (apply did not make it)" \
	"0:|hand0 hand5" "$(ctl_apply h1 "$T/age.conf")|$(have hand0 hand5)"
{ cat "$T/age.conf"; echo "segment fab500 id 500"; } >"$T/age5.conf"
before=$(dump)
check_err "a new segment whose id one made by hand has: refused, naming the line and --prune" \
	"age5.conf:11: segment fab500: its id 500 is taken by segment hand5, .*or apply with --prune" \
	ctl h1 apply "$T/age5.conf"
check_eq "... nothing changed" "$before|hand0 hand5" "$(dump)|$(have hand0 hand5)"
want="deleted segment hand5
created segment fab500
deleted segment hand0"
check_eq "--dry-run --prune: deletes those made by hand, changes nothing" \
	"0:$want|hand0 hand5" \
	"$(ctl_apply h1 --dry-run --prune "$T/age5.conf")|$(have hand0 hand5)"
check_eq "--prune: the same lines, those made by hand deleted, fab500 marked" \
	"0:$want||vnetfab-apply" \
	"$(ctl_apply h1 "$T/age5.conf" --prune)|$(have hand0 hand5)|$(alias_of fab500)"
check_eq "a segment apply made, absent from the file: deleted without --prune" \
	"0:set fab100 ageing 300
deleted segment fab500" "$(ctl_apply h1 "$T/site.conf")"

# ---- a new segment taking a deleted one's id; an empty file ---------------
sed 's/fab100/fab102/g' "$T/site.conf" >"$T/rename.conf"
check_eq "fab100 renamed fab102 (same id): deleted first, then created" \
	"0:deleted segment fab100
created segment fab102" "$(ctl_apply h1 "$T/rename.conf" | head -n 2)"
printf '# nothing\n' >"$T/empty.conf"
check_eq "an empty file deletes every segment" \
	"0:deleted segment fab101
deleted segment fab102 0" "$(ctl_apply h1 "$T/empty.conf") $(count_links h1)"

rm -rf "$T"
ktap_finish
