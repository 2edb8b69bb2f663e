#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# A whole scenario from one file (vnetfab.conf(5), host lines): three
# hosts apply the same fabric file, each with --host, and take their
# part: dump-config on each is exactly its plain part, its port lines
# aside (its segments with its address as local, the other hosts of each
# as peers, the MACs behind them as static entries); VMs on a segment
# ping across hosts.
# The file is edited: fab200 moves from h1 to h3 (gone on h1, h1 dropped
# from h2's peers, traffic h2-h3 flows), then a fourth host joins the
# underlay and the file (every host's fab100 gains it, its VM pings).
# Applied again, the file changes nothing: nothing printed, no event on
# any host's monitor, segments not recreated, counters kept; found by
# the host's address without --host, the same. Bad files (a host that
# does not exist, a segment carried by no host, duplicate hosts, ids or
# addresses, --host of no host line, a MAC behind a host that does not
# carry its segment, no or two host lines with this host's addresses)
# are refused naming FILE:LINE (or FILE), every host's state untouched.
# Last, the README's example file and commands, as written.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping
ktap_header
ktap_plan 52

T=$(mktemp -d /tmp/fabric.XXXXXX)
trap 'ns_cleanup; rm -rf "$T"' EXIT

vnetfab_load
topo_underlay h1 h2 h3

# ctl_apply (lib.sh) keeps the stderr of apply in $T/err
APPLY_ERR=$T/err

# seg NAME ID I [AGEING]: dump-config's line of segment NAME on host hI
seg()
{
	echo "segment $1 id $2 encap udp local 192.0.2.$3 dstport 4789 ttl 64 tos 0 df unset ageing ${4:-300} learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 mtu 1500"
}

# dumps HOST...: each HOST's dump-config, "== HOST" before each, without
# its port lines (the VMs' ports: each host's own, no fabric file's)
dumps()
{
	local h
	for h in "$@"; do
		echo "== $h"
		ctl "$h" dump-config | grep -v '^port '
	done
}

# ---- one file, three hosts -------------------------------------------------
cat >"$T/fabric.conf" <<'EOF'
# the hosts of the fabric and their underlay addresses
host h1 192.0.2.1
host h2 192.0.2.2
host h3 192.0.2.3

# the segments, and the hosts that carry them
segment fab100 id 100 hosts h1,h2,h3
segment fab200 id 200 ageing 600 hosts h1,h2

# static MACs: the host each lives behind
fdb fab100 02:00:00:00:01:01 host h1
fdb fab100 02:00:00:00:01:03 host h3
fdb fab200 02:00:00:00:02:02 host h2
EOF

check_eq "h1 applies the file: its part created, one line per change" \
	"0:created segment fab100
created segment fab200
peers of fab100: 2 (was 0): +192.0.2.2 +192.0.2.3
peers of fab200: 1 (was 0): +192.0.2.2
fdb fab100 02:00:00:00:01:03: remote 192.0.2.3
fdb fab200 02:00:00:00:02:02: remote 192.0.2.2" \
	"$(ctl_apply h1 --host h1 "$T/fabric.conf")"
r2=$(ctl_apply h2 --host h2 "$T/fabric.conf")
r3=$(ctl_apply h3 --host h3 "$T/fabric.conf")
check_eq "h2 and h3 apply it: exit 0, 6 and 3 changes" "0:6 0:3" \
	"${r2%%:*}:$(echo "${r2#*:}" | grep -c .) ${r3%%:*}:$(echo "${r3#*:}" | grep -c .)"

want1="== h1
$(seg fab100 100 1)
peer fab100 192.0.2.2
peer fab100 192.0.2.3
fdb fab100 02:00:00:00:01:03 remote 192.0.2.3

$(seg fab200 200 1 600)
peer fab200 192.0.2.2
fdb fab200 02:00:00:00:02:02 remote 192.0.2.2"
want2="== h2
$(seg fab100 100 2)
peer fab100 192.0.2.1
peer fab100 192.0.2.3
fdb fab100 02:00:00:00:01:01 remote 192.0.2.1
fdb fab100 02:00:00:00:01:03 remote 192.0.2.3

$(seg fab200 200 2 600)
peer fab200 192.0.2.1"
want3="== h3
$(seg fab100 100 3)
peer fab100 192.0.2.1
peer fab100 192.0.2.2
fdb fab100 02:00:00:00:01:01 remote 192.0.2.1"
check_eq "dump-config of h1: its plain part" "$want1" "$(dumps h1)"
check_eq "dump-config of h2: its plain part" "$want2" "$(dumps h2)"
check_eq "dump-config of h3: its plain part (no fab200)" "$want3" "$(dumps h3)"

vm_add h1 vm1 fab100 02:00:00:00:01:01 10.1.0.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:01:02 10.1.0.2/24 -
vm_add h3 vm3 fab100 02:00:00:00:01:03 10.1.0.3/24 -
vm_add h1 vm21 fab200 02:00:00:00:02:01 10.2.0.1/24 -
vm_add h2 vm22 fab200 02:00:00:00:02:02 10.2.0.2/24 -
check "fab100: vm1 (h1) pings vm2 (h2)" ping_ok vm1 10.1.0.2
check "fab100: vm1 (h1) pings vm3 (h3)" ping_ok vm1 10.1.0.3
check "fab100: vm2 (h2) pings vm3 (h3)" ping_ok vm2 10.1.0.3
check "fab200: vm21 (h1) pings vm22 (h2)" ping_ok vm21 10.2.0.2
check_eq "... vm3's MAC: on h1 the static entry, towards h3" \
	"02:00:00:00:01:03 192.0.2.3 true" \
	"$(ctl h1 fdb show dev fab100 --json |
	   jq -r '.[] | select(.mac == "02:00:00:00:01:03") | "\(.mac) \(.remote) \(.static)"')"

# ---- fab200 moves from h1 to h3 ---------------------------------------------
sed -e 's/^segment fab200 id 200 ageing 600 hosts h1,h2$/segment fab200 id 200 ageing 600 hosts h2,h3/' \
	-e '$a fdb fab200 02:00:00:00:02:03 host h3' "$T/fabric.conf" >"$T/fabric2.conf"
check_eq "fab200 moved to h3: h1 deletes its fab200" "0:deleted segment fab200" \
	"$(ctl_apply h1 --host h1 "$T/fabric2.conf")"
check_eq "... h2 swaps fab200's peer h1 for h3, and adds h3's MAC" \
	"0:peers of fab200: 1 (was 1): +192.0.2.3 -192.0.2.1
fdb fab200 02:00:00:00:02:03: remote 192.0.2.3" \
	"$(ctl_apply h2 --host h2 "$T/fabric2.conf")"
check_eq "... h3 creates fab200, peer h2 and h2's MAC" \
	"0:created segment fab200
peers of fab200: 1 (was 0): +192.0.2.2
fdb fab200 02:00:00:00:02:02: remote 192.0.2.2" \
	"$(ctl_apply h3 --host h3 "$T/fabric2.conf")"
check_eq "dump-config of h1: fab100 alone" "== h1
$(seg fab100 100 1)
peer fab100 192.0.2.2
peer fab100 192.0.2.3
fdb fab100 02:00:00:00:01:03 remote 192.0.2.3" "$(dumps h1)"
check_eq "dump-config of h2: fab200's peer is h3" "== h2
$(seg fab100 100 2)
peer fab100 192.0.2.1
peer fab100 192.0.2.3
fdb fab100 02:00:00:00:01:01 remote 192.0.2.1
fdb fab100 02:00:00:00:01:03 remote 192.0.2.3

$(seg fab200 200 2 600)
peer fab200 192.0.2.3
fdb fab200 02:00:00:00:02:03 remote 192.0.2.3" "$(dumps h2)"
check_eq "dump-config of h3: fab200 with peer h2" "$want3

$(seg fab200 200 3 600)
peer fab200 192.0.2.2
fdb fab200 02:00:00:00:02:02 remote 192.0.2.2" "$(dumps h3)"
check_eq "h1's fab200 is gone: one segment, vm21's port released" "1:" \
	"$(count_links h1):$(master_of h1 vm21)"
vm_add h3 vm23 fab200 02:00:00:00:02:03 10.2.0.3/24 -
tx0=$(peer_stat h2 fab200 192.0.2.3 tx_packets)
check "fab200: vm22 (h2) pings vm23 (h3)" ping_ok vm22 10.2.0.3
check "... through h2's peer h3 (tx_packets ${tx0:-?} before)" \
	test "$(peer_stat h2 fab200 192.0.2.3 tx_packets)" -gt "${tx0:-0}"
check_eq "... and h2's fab200 sends nothing towards h1 any more" "" \
	"$(peer_stat h2 fab200 192.0.2.1 tx_packets)"
check "fab100 unchanged throughout: vm1 pings vm3" ping_ok vm1 10.1.0.3

# ---- a fourth host joins ------------------------------------------------------
ns_create h4
ip -n ul -batch - <<-EOF
	link add ph4 type veth peer name ul0 netns h4
	link set ph4 master br0 up
EOF
ip -n h4 -batch - <<-EOF
	addr add 192.0.2.4/24 dev ul0
	link set ul0 up
EOF
sed -e '/^host h3 /a host h4 192.0.2.4' \
	-e 's/^segment fab100 id 100 hosts h1,h2,h3$/segment fab100 id 100 hosts h1,h2,h3,h4/' \
	-e '$a fdb fab100 02:00:00:00:01:04 host h4' "$T/fabric2.conf" >"$T/fabric3.conf"
for h in h1 h2 h3; do
	check_eq "h4 joins fab100: $h adds it as a peer, and its MAC" \
		"0:peers of fab100: 3 (was 2): +192.0.2.4
fdb fab100 02:00:00:00:01:04: remote 192.0.2.4" "$(ctl_apply $h --host $h "$T/fabric3.conf")"
done
check_eq "h4 applies the file: fab100, 3 peers, 2 MACs" \
	"0:created segment fab100
peers of fab100: 3 (was 0): +192.0.2.1 +192.0.2.2 +192.0.2.3
fdb fab100 02:00:00:00:01:01: remote 192.0.2.1
fdb fab100 02:00:00:00:01:03: remote 192.0.2.3" "$(ctl_apply h4 --host h4 "$T/fabric3.conf")"
check_eq "dump-config of h4: its plain part" "== h4
$(seg fab100 100 4)
peer fab100 192.0.2.1
peer fab100 192.0.2.2
peer fab100 192.0.2.3
fdb fab100 02:00:00:00:01:01 remote 192.0.2.1
fdb fab100 02:00:00:00:01:03 remote 192.0.2.3" "$(dumps h4)"
check_eq "dump-config of h1: h4 a peer of fab100" "== h1
$(seg fab100 100 1)
peer fab100 192.0.2.2
peer fab100 192.0.2.3
peer fab100 192.0.2.4
fdb fab100 02:00:00:00:01:03 remote 192.0.2.3
fdb fab100 02:00:00:00:01:04 remote 192.0.2.4" "$(dumps h1)"
check_eq "dump-config of h3: h4 a peer of fab100, fab200 unchanged" "== h3
$(seg fab100 100 3)
peer fab100 192.0.2.1
peer fab100 192.0.2.2
peer fab100 192.0.2.4
fdb fab100 02:00:00:00:01:01 remote 192.0.2.1
fdb fab100 02:00:00:00:01:04 remote 192.0.2.4

$(seg fab200 200 3 600)
peer fab200 192.0.2.2
fdb fab200 02:00:00:00:02:02 remote 192.0.2.2" "$(dumps h3)"
vm_add h4 vm4 fab100 02:00:00:00:01:04 10.1.0.4/24 -
check "fab100: vm4 (h4) pings vm1 (h1)" ping_ok vm4 10.1.0.1
check "fab100: vm4 (h4) pings vm3 (h3)" ping_ok vm4 10.1.0.3

# ---- the same file again: nothing ---------------------------------------------
# every peer up first, so that no liveness event comes during the watch
peers_up()
{
	local h
	for h in h1 h2 h3 h4; do
		for d in $(ip -n "$h" -o link show type vnetfab |
			   awk -F': ' '{ sub("@.*", "", $2); print $2 }'); do
			ctl "$h" peer list dev "$d" --json |
				jq -e 'all(.[]; .state == "up")' >/dev/null || return 1
		done
	done
}
check "every peer of every host is up" slowwait 20 peers_up
before=$(dumps h1 h2 h3 h4)
idx=$(for h in h1 h2 h3 h4; do ip -n $h -o link show type vnetfab; done |
	awk -F': ' '{ print $1 ":" $2 }' | xargs)
tx0=$(peer_stat h1 fab100 192.0.2.2 tx_packets)
mons=()
for h in h1 h2 h3 h4; do
	ip netns exec $h timeout 120 "$VNETFABCTL" monitor --json \
		>"$T/mon.$h" 2>"$T/mon.$h.err" &
	mons+=($!)
done
for h in h1 h2 h3 h4; do
	slowwait 10 grep -q "listening for events" "$T/mon.$h.err"
done
check_eq "applied again on each host: exit 0, nothing printed" "0: 0: 0: 0:" \
	"$(for h in h1 h2 h3 h4; do ctl_apply $h --host $h "$T/fabric3.conf"; done | xargs)"
check_eq "... and without --host: each host found by its address, nothing to do" \
	"0: 0: 0: 0:" \
	"$(for h in h1 h2 h3 h4; do ctl_apply $h "$T/fabric3.conf"; done | xargs)"
check_eq "... --dry-run: nothing to print" "0:" \
	"$(ctl_apply h2 --dry-run "$T/fabric3.conf")"
sleep 1
kill "${mons[@]}" 2>/dev/null
wait "${mons[@]}" 2>/dev/null
# (a MAC learned, moved or aged by traffic is the fabric at work, not the
# apply: the hosts' own devices send IPv6 neighbour and MLD frames at any
# time, as in a CI run where h1 learned h2's MACs during the watch)
check_eq "... no event on any host's monitor but learning (each was listening)" "" \
	"$(cat "$T"/mon.h? |
	   jq -c 'select((.event | test("^fdb_(learned|moved|aged)$")) and
			       .static == false | not)'
	   for h in h1 h2 h3 h4; do
	   grep -q "listening for events" "$T/mon.$h.err" || echo "$h: no monitor"; done)"
check_eq "... every host's dump-config unchanged" "$before" "$(dumps h1 h2 h3 h4)"
check_eq "... no segment recreated (same ifindexes)" "$idx" \
	"$(for h in h1 h2 h3 h4; do ip -n $h -o link show type vnetfab; done |
	   awk -F': ' '{ print $1 ":" $2 }' | xargs)"
check "... h1's counters towards h2 kept (tx_packets $tx0)" \
	test "$(peer_stat h1 fab100 192.0.2.2 tx_packets)" -ge "${tx0:-1}"

# ---- bad files: refused, nothing changed ---------------------------------------
# bad NAME MESSAGE NS ARGS...: apply ARGS in NS exits 2, prints nothing,
# and says "vnetfabctl: MESSAGE" (a grep pattern) on stderr
bad()
{
	local r
	r=$(ctl_apply "$3" "${@:4}")
	if [ "$r" = "2:" ] && grep -q "^vnetfabctl: $2" "$T/err"; then
		ktap_result OK "$1"
	else
		sed 's/^/# /' "$T/err"
		ktap_result FAIL "$1" "got '$r'"
	fi
}
F3=$T/fabric3.conf
sed 's/^segment fab100 id 100 hosts h1,h2,h3,h4$/segment fab100 id 100 hosts h1,h2,h3,h5/' \
	"$F3" >"$T/undef.conf"
bad "a segment naming a host that does not exist" \
	"$T/undef.conf:8: segment fab100: host h5 is not defined in this file" h1 --host h1 "$T/undef.conf"
{ cat "$F3"; echo "segment fab300 id 300"; } >"$T/nohost.conf"
bad "a segment carried by no host" \
	"$T/nohost.conf:17: segment fab300 is carried by no host" h1 --host h1 "$T/nohost.conf"
{ cat "$F3"; echo "host h2 192.0.2.9"; } >"$T/duphost.conf"
bad "a host name given twice" \
	"$T/duphost.conf:17: host h2 is already defined on line 3" h2 --host h2 "$T/duphost.conf"
{ cat "$F3"; echo "segment fab300 id 100 hosts h1"; } >"$T/dupid.conf"
bad "a segment id given twice" \
	"$T/dupid.conf:17: segment fab300: id 100 and dstport 4789 are also those of segment fab100 on line 8" \
	h1 --host h1 "$T/dupid.conf"
{ cat "$F3"; echo "host h5 192.0.2.3"; } >"$T/dupaddr.conf"
bad "a host address given twice" \
	"$T/dupaddr.conf:17: host h5: 192.0.2.3 is also an address of host h3 on line 4" \
	h3 --host h3 "$T/dupaddr.conf"
bad "--host of no host line" \
	"$F3: host h9 is not defined in this file (its hosts: h1, h2, h3, h4)" h1 --host h9 "$F3"
{ cat "$F3"; echo "fdb fab200 02:00:00:00:02:09 host h1"; } >"$T/machost.conf"
bad "a MAC behind a host that does not carry its segment" \
	"$T/machost.conf:17: fdb: host h1 does not carry segment fab200" h2 --host h2 "$T/machost.conf"
printf 'host a 192.0.2.1\nhost b 2001:db8::1\nsegment fab100 id 100 hosts a\nsegment fab101 id 101 hosts b\n' \
	>"$T/two.conf"
bad "without --host, two host lines with this host's addresses" \
	"$T/two.conf: hosts a (line 1) and b (line 2) both have addresses of this host (pass --host NAME)" \
	h1 "$T/two.conf"
bad "without --host, no host line with this host's addresses" \
	"$F3: no host line of this file has an address of this host (pass --host NAME)" vm1 "$F3"
check_eq "every host's state untouched" "$before" "$(dumps h1 h2 h3 h4)"
check_eq "fabric3.conf is still what every host runs: nothing to do" "0: 0: 0: 0:" \
	"$(for h in h1 h2 h3 h4; do ctl_apply $h --host $h "$T/fabric3.conf"; done | xargs)"

# ---- the README's example, as written ------------------------------------------
sed -n '/^    # fabric.conf, the same on every host$/,/^$/s/^    //p' "$TOP/README.md" \
	>"$T/fabric.conf"
check "the README's fabric.conf: a fabric of h1, h2 and h3" grep -q '^host h3 ' "$T/fabric.conf"
cd "$T" || exit 1
r=$(for h in h1 h2 h3; do
	ctl $h apply --host $h fabric.conf --dry-run >/dev/null &&
	ctl $h apply --host $h fabric.conf >/dev/null && ctl $h apply fabric.conf
	echo "$h:$?"
done | xargs)
check_eq "... its commands on h1, h2, h3: the second apply prints nothing" \
	"h1:0 h2:0 h3:0" "$r"
check_eq "... h3's part: fab100 alone, towards h1 and h2, vm1's MAC at h1" "== h3
$(seg fab100 100 3)
peer fab100 192.0.2.1
peer fab100 192.0.2.2
fdb fab100 02:00:00:00:01:01 remote 192.0.2.1" "$(dumps h3)"
cd - >/dev/null || exit 1

ktap_finish
