#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# The YNL spec netlink/vnetfab.yaml drives the generic netlink family
# through the kernel's own YNL CLI (tools/net/ynl/cli.py of
# linux-source-6.12, extracted into build/ynl by make -C selftests/tools):
# the README's YNL example, run as the README writes it (taken from
# README.md, so the two cannot drift), validates the spec against the
# genetlink-legacy schema and lists the segment; every request
# the CLI encodes from it is understood by the kernel and every reply it
# decodes agrees with vnetfabctl; multi-attr requests (set-peers), the
# kernel's extack messages and attribute paths, event notifications, and
# the permission split (changes need CAP_NET_ADMIN, reads do not).
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq setpriv
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"

# Debian's python3, not whatever python3 PATH finds (a pyenv one may lack
# python3-yaml)
PY=/usr/bin/python3
YNL=$TOP/build/ynl
CLI=$YNL/tools/net/ynl/cli.py
SPEC=$TOP/netlink/vnetfab.yaml
SCHEMA=$YNL/Documentation/netlink/genetlink-legacy.yaml
[ -f "$CLI" ] && [ -f "$SCHEMA" ] ||
	ktap_skip_all "no YNL CLI in build/ynl: make -C selftests/tools (needs linux-source-6.12, make deps)"
[ -x "$PY" ] || ktap_skip_all "needs $PY"
"$PY" -c 'import yaml' 2>/dev/null ||
	ktap_skip_all "the YNL CLI needs python3-yaml (make deps)"
ktap_header
ktap_plan 27

vnetfab_load
topo_underlay h1 h2
seg_add h1 fab100 100
ctl h1 peer add dev fab100 remote 192.0.2.3
ctl h1 peer add dev fab100 remote 2001:db8::3

# ynl ARGS...: the CLI in h1, JSON out. The schema is checked once, by the
# README's example below: without --schema the CLI would look for one two
# directories above the spec, where the kernel tree keeps it.
ynl()
{
	ip netns exec h1 "$PY" "$CLI" --spec "$SPEC" --no-schema --output-json "$@"
}
# ynl_nobody ARGS...: the same as user nobody, without capabilities
ynl_nobody()
{
	ip netns exec h1 setpriv --reuid 65534 --regid 65534 --clear-groups \
		"$PY" "$CLI" --spec "$SPEC" --no-schema --output-json "$@"
}
# YNL takes a big-endian u32 (display-hint ipv4) as a number, binary
# attributes (ipv6, mac) as hex
ip4num() { local IFS=.; set -- $1; echo $(( ($1 << 24) | ($2 << 16) | ($3 << 8) | $4 )); }
ip6hex() { "$PY" -c 'import ipaddress, sys; print(ipaddress.ip_address(sys.argv[1]).packed.hex())' "$1"; }
# peers_ctl: the remotes vnetfabctl lists on fab100, sorted
peers_ctl() { ctl h1 peer list dev fab100 --json | jq -r '.[].remote' | sort | xargs; }

# The README's example: its lines from the one that starts the CLI to the
# first that does not end in a backslash, run by sh at the top of the tree
# with a Debian root's PATH (the CLI's "#!/usr/bin/env python3" then finds
# Debian's python3)
readme_ynl=$(awk '/^    build\/ynl\/tools\/net\/ynl\/cli\.py / { on = 1 }
	on { print; if (!/\\$/) exit }' "$TOP/README.md")
if [ -z "$readme_ynl" ]; then
	ktap_result FAIL "the README's YNL example validates the spec and lists fab100" \
		"no line of README.md starts with build/ynl/tools/net/ynl/cli.py"
elif "$PY" -c 'import jsonschema' 2>/dev/null; then
	check_eq "the README's YNL example validates the spec and lists fab100" \
		"'ifname': 'fab100'" \
		"$(cd "$TOP" && ip netns exec h1 env PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			sh -c "$readme_ynl" 2>&1 | grep -o "'ifname': 'fab100'")"
else
	ktap_result SKIP "the README's YNL example validates the spec and lists fab100" \
		"no python3-jsonschema (make deps)"
fi

ifindex=$(ip -n h1 -j link show dev fab100 | jq '.[0].ifindex')
check_eq "get-segment dump lists fab100: ifindex, id, encap" "$ifindex 100 udp" \
	"$(ynl --dump get-segment | jq -r '.[] | select(.ifname == "fab100") | "\(.ifindex) \(.id) \(.encap)"')"
mtu=$(ip -n h1 -j link show dev fab100 | jq '.[0].mtu')
check_eq "get-segment do: mtu, dstport, peers, u64 counters" "$mtu 4789 2 number" \
	"$(ynl --do get-segment --json '{"ifname": "fab100"}' |
		jq -r '"\(.mtu) \(.dstport) \(."n-peers") \(.stats."tx-packets" | type)"')"

# the settings, decoded by the spec (local4: an address, df: its name),
# then gone so that the dumps below list fab100 alone
ctl h1 segment add fab101 id 101 local 192.0.2.1 dev ul0 ttl 9 tos 0x10 \
	df set ageing 77 nolearning maxaddr 99
ul0=$(ip -n h1 -j link show dev ul0 | jq '.[0].ifindex')
check_eq "get-segment do: ttl tos df ageing learning max-addrs local4 link" \
	"9 16 set 77 0 99 192.0.2.1 $ul0 null" \
	"$(ynl --do get-segment --json '{"ifname": "fab101"}' |
		jq -r '"\(.ttl) \(.tos) \(.df) \(.ageing) \(.learning) \(."max-addrs") \(.local4) \(.link) \(.local6)"')"
check_err "the settings are read only: get-segment with a ttl is refused" \
	"Unsupported attribute" \
	ynl --do get-segment --json '{"ifname": "fab101", "ttl": 5}'
ctl h1 segment del fab101

p2=$(ip4num 192.0.2.2)
check "add-peer 192.0.2.2" \
	ynl --do add-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $p2}}"
check_eq "... vnetfabctl lists it, with the segment's port" "4789" \
	"$(ctl h1 peer list dev fab100 --json | jq -r '.[] | select(.remote == "192.0.2.2") | .dstport')"
check_eq "get-peer dump shows the peers vnetfabctl added" \
	"192.0.2.2 192.0.2.3 2001:db8::3" \
	"$(ynl --dump get-peer --json "{\"ifindex\": $ifindex}" |
		jq -r '.[].peer[] | .addr4 // .addr6' | sort | xargs)"

mac=02:00:00:00:aa:01
check "add-fdb: a static MAC behind 192.0.2.2" \
	ynl --do add-fdb --json "{\"ifname\": \"fab100\", \"fdb\": {\"mac\": \"${mac//:/}\", \"peer\": {\"addr4\": $p2}}}"
check_eq "... vnetfabctl fdb show lists it" "$mac remote 192.0.2.2 static" \
	"$(ctl h1 fdb show dev fab100 | grep "^$mac " | sed 's/ dstport [0-9]*//; s/ age [0-9]* ms//')"
check_eq "get-fdb dump: the entry, static, behind 192.0.2.2" "$mac true 192.0.2.2" \
	"$(ynl --dump get-fdb --json '{"ifname": "fab100"}' |
		jq -r ".[].fdb | select(.mac == \"$mac\") | \"\(.mac) \(.static) \(.peer.addr4)\"")"
check "del-fdb" \
	ynl --do del-fdb --json "{\"ifname\": \"fab100\", \"fdb\": {\"mac\": \"${mac//:/}\"}}"
check_eq "... vnetfabctl fdb show no longer lists it" "" \
	"$(ctl h1 fdb show dev fab100 | grep "^$mac ")"
check_eq "add-fdb with fdb-list: three entries in one request, then del-fdb of two" \
	"02:00:00:00:aa:03" \
	"$(ynl --do add-fdb --json "{\"ifname\": \"fab100\", \"fdb-list\": {\"entry\": [{\"mac\": \"02000000aa02\", \"local\": true}, {\"mac\": \"02000000aa03\", \"local\": true}, {\"mac\": \"02000000aa04\", \"peer\": {\"addr4\": $p2}}]}}" >/dev/null &&
	   ynl --do del-fdb --json "{\"ifname\": \"fab100\", \"fdb-list\": {\"entry\": [{\"mac\": \"02000000aa02\"}, {\"mac\": \"02000000aa04\"}]}}" >/dev/null &&
	   ctl h1 fdb show dev fab100 | awk '/^02:00:00:00:aa:0/ { print $1 }')"

# a peer at two addresses: the path is a multi-attr nest of its own
p8=$(ip4num 192.0.2.8)
check "add-peer with a second path" \
	ynl --do add-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $p8, \"path\": [{\"addr4\": $(ip4num 203.0.113.8)}]}}"
check_eq "... get-peer dump: both paths, in order, and the active one" \
	"192.0.2.8 203.0.113.8 active 0" \
	"$(ynl --dump get-peer --json "{\"ifindex\": $ifindex}" |
		jq -r '.[].peer[] | select(.addr4 == "192.0.2.8") | "\([.path[] | .addr4] | join(" ")) active \(."active-path")"')"
ctl h1 peer del dev fab100 remote 192.0.2.8

ynl --do del-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $p2}}" >/dev/null
check_eq "del-peer 192.0.2.2: vnetfabctl lists the others only" \
	"192.0.2.3 2001:db8::3" "$(peers_ctl)"

# VNETFAB_A_PEER is multi-attr: a list is one attribute per element
ynl --do set-peers --json "{\"ifname\": \"fab100\", \"peer\": [{\"addr4\": $(ip4num 192.0.2.4)}, {\"addr6\": \"$(ip6hex 2001:db8::5)\"}]}" >/dev/null
check_eq "set-peers with two peers replaces the set" \
	"192.0.2.4 2001:db8::5" "$(peers_ctl)"
ynl --do set-peers --json '{"ifname": "fab100"}' >/dev/null
check_eq "set-peers with no peer deletes every peer" "" "$(peers_ctl)"

check_err "a missing segment: the kernel's extack message" \
	"no vnetfab device by that name or index" \
	ynl --do add-peer --json "{\"ifname\": \"nosuch\", \"peer\": {\"addr4\": $p2}}"
check_err "a bad address: the message, and the attribute named by the spec" \
	"unicast IPv4 address.*'bad-attr': '.peer.addr4'" \
	ynl --do add-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $(ip4num 224.0.0.1)}}"
check_err "a peer's probe interval of 50 ms: the kernel's own message" \
	"probe interval must be 0 (off) or 100..60000 ms" \
	ynl --do add-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $p2, \"probe-interval\": 50}}"
check_err "... and 60001 ms, refused by the policy" "Invalid argument\|out of range\|60000" \
	ynl --do add-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $p2, \"probe-interval\": 60001}}"

# events: a CLI listener (--subscribe events --sleep S prints what was
# queued once S is over). The 6.12 CLI cannot take a notification while it
# waits for a reply of its own (its --subscribe with --do dies on the
# first one), so the change comes from another process, once the
# listener has joined the group: until then, a peer added and deleted
# with vnetfabctl queues nothing on its socket.
listening()
{
	ctl h1 peer add dev fab100 remote 192.0.2.6 &&
		ctl h1 peer del dev fab100 remote 192.0.2.6 || return 1
	ip netns exec h1 ss -f netlink -a -H |
		awk '$4 ~ /^genl:/ && $4 != "genl:kernel" && $2 > 0 { f = 1 } END { exit !f }'
}
ynl --subscribe events --sleep 30 >/tmp/ynl_events.out 2>&1 &
lpid=$!
if slowwait 60 listening; then
	ynl --do add-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $(ip4num 192.0.2.7)}}" >/dev/null
fi
wait $lpid
check_eq "events: the CLI listener decodes add-peer's peer-added" \
	"peer-added fab100 100 192.0.2.7" \
	"$(tail -n 1 /tmp/ynl_events.out | jq -r '.[] | select(.name == "event") | .msg |
		select(.peer[0].addr4 == "192.0.2.7") | "\(.event) \(.ifname) \(.id) \(.peer[0].addr4)"' 2>&1)"

check_err "unprivileged add-peer fails with EPERM" "Operation not permitted" \
	ynl_nobody --do add-peer --json "{\"ifname\": \"fab100\", \"peer\": {\"addr4\": $p2}}"
check_eq "... and adds nothing" "192.0.2.7" "$(peers_ctl)"
check_eq "unprivileged get-segment dump works" "fab100 100" \
	"$(ynl_nobody --dump get-segment | jq -r '.[] | "\(.ifname) \(.id)"')"
ktap_finish
