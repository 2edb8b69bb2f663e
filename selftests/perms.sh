#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Who may do what: reads are open to everyone; changes need CAP_NET_ADMIN
# in the user namespace that owns the segment's network namespace. An
# unprivileged user and a user namespace that does not own the netns
# change nothing; root of a user namespace owns the netns it creates.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq setpriv unshare
ktap_header
ktap_plan 19

vnetfab_load
topo_underlay h1
seg_add h1 fab100 100

# nobody CMD...: CMD as an unprivileged user in h1
nobody() { ip netns exec h1 setpriv --reuid 65534 --regid 65534 --clear-groups "$@"; }
# userns CMD...: CMD as root of a new user namespace, still in h1
userns() { ip netns exec h1 unshare --user --map-root-user "$@"; }
# The debug kernel is built without user namespaces (CONFIG_USER_NS):
# there the checks that need one are reported skipped, with the reason
nouserns=
unshare --user --map-root-user true 2>/dev/null ||
	nouserns="the kernel has no user namespaces (CONFIG_USER_NS)"
# ucheck, ucheck_err, ucheck_eq: check, check_err, check_eq, or SKIP
ucheck() { if [ -n "$nouserns" ]; then ktap_result SKIP "$1" "$nouserns"; else check "$@"; fi; }
ucheck_err() { if [ -n "$nouserns" ]; then ktap_result SKIP "$1" "$nouserns"; else check_err "$@"; fi; }
ucheck_eq() { if [ -n "$nouserns" ]; then ktap_result SKIP "$1" "$nouserns"; else check_eq "$@"; fi; }

check "unprivileged: show" sh -c "ip netns exec h1 setpriv --reuid 65534 --regid 65534 --clear-groups $VNETFABCTL show fab100 --json | jq -e '.[0].id == 100'"
check "unprivileged: peer list and fdb show" sh -c \
	"ip netns exec h1 setpriv --reuid 65534 --regid 65534 --clear-groups $VNETFABCTL peer list dev fab100 &&
	 ip netns exec h1 setpriv --reuid 65534 --regid 65534 --clear-groups $VNETFABCTL fdb show dev fab100"
check_err "unprivileged: peer add refused" "not permitted" \
	nobody "$VNETFABCTL" peer add dev fab100 remote 192.0.2.2
check_err "unprivileged: fdb add refused" "not permitted" \
	nobody "$VNETFABCTL" fdb add dev fab100 02:00:00:00:00:01 local
check_err "unprivileged: segment set refused" "not permitted" \
	nobody "$VNETFABCTL" segment set fab100 ageing 10
ucheck_err "a user namespace that does not own the netns: peer add refused" \
	"not permitted" userns "$VNETFABCTL" peer add dev fab100 remote 192.0.2.2
ucheck_err "... and peer set" "not permitted" \
	userns "$VNETFABCTL" peer set dev fab100 none
ucheck "... but it may read" sh -c \
	"ip netns exec h1 unshare --user --map-root-user $VNETFABCTL peer list dev fab100 --json | jq -e 'length == 0'"
check_eq "nothing changed" "0 0 300" \
	"$(ctl h1 show fab100 --json | jq -r '.[0] | "\(.n_peers) \(.n_addrs)"') $(IP_LIB_DIR=$TOP/userspace/ip ip -n h1 -d -j link show fab100 | jq -r '.[0].linkinfo.info_data.ageing')"
ucheck "root of a user namespace manages segments in the netns it owns" \
	unshare --user --map-root-user --net sh -ec "
		$VNETFABCTL segment add fab9 id 9
		ip link set fab9 up
		$VNETFABCTL peer add dev fab9 remote 192.0.2.9
		$VNETFABCTL fdb add dev fab9 02:00:00:00:00:09 remote 192.0.2.9
		$VNETFABCTL peer list dev fab9 --json | jq -e '.[0].remote == \"192.0.2.9\"'
		$VNETFABCTL fdb show dev fab9 --json |
			jq -e '[.[] | select(.mac == \"02:00:00:00:00:09\" and .static)] | length == 1'"

# A segment moved into a netns that a user namespace owns still sends
# from h1, where it was made: that namespace's root may read it and
# manage its ports and MACs, not aim its frames (peers) anywhere in h1
seg_add h1 fab200 200
cpid=
if [ -z "$nouserns" ]; then
	unshare --user --map-root-user --net sleep 600 &
	cpid=$!
	slowwait 5 sh -c "[ \"\$(readlink /proc/$cpid/ns/net)\" != \"\$(readlink /proc/self/ns/net)\" ]"
	ip -n h1 link set fab200 netns $cpid
fi
# container CMD...: CMD as the root of that user namespace, in its netns
container() { nsenter -t $cpid -U -n "$@"; }
ucheck "moved into a container's netns: its root reads the segment" \
	sh -c "nsenter -t $cpid -U -n $VNETFABCTL show fab200 --json | jq -e '.[0].id == 200'"
ucheck_err "... but may not add a peer (frames would leave from h1)" \
	"CAP_NET_ADMIN there" container "$VNETFABCTL" peer add dev fab200 remote 192.0.2.7
ucheck_err "... nor set the peers" "CAP_NET_ADMIN there" \
	container "$VNETFABCTL" peer set dev fab200 remote 192.0.2.7
ucheck_err "... nor through rtnetlink (ip link set ... type vnetfab remote)" \
	"CAP_NET_ADMIN there" container env IP_LIB_DIR="$TOP/userspace/ip" \
	ip link set fab200 type vnetfab remote 192.0.2.7
ucheck "root of h1's user namespace still may" \
	nsenter -t $cpid -n "$VNETFABCTL" peer add dev fab200 remote 192.0.2.7
ucheck_eq "only that peer is there" "192.0.2.7" \
	"$(nsenter -t $cpid -n "$VNETFABCTL" peer list dev fab200 --json | jq -r '[.[].remote] | join(" ")')"
[ -n "$cpid" ] && kill $cpid && wait $cpid 2>/dev/null

# learned MACs are kernel memory no cgroup pays for: a user namespace's
# root gets at most 65536 per segment, the host's root up to 16777216
ucheck_err "root of a user namespace: maxaddr 65537 refused" \
	"maxaddr above 65536 takes CAP_NET_ADMIN in the initial user namespace" \
	unshare --user --map-root-user --net "$VNETFABCTL" segment add fab8 id 8 maxaddr 65537
ucheck "... maxaddr 65536 accepted" \
	unshare --user --map-root-user --net "$VNETFABCTL" segment add fab8 id 8 maxaddr 65536
check "the host's root: maxaddr 16777216" sh -c \
	"ip netns exec h1 $VNETFABCTL segment set fab100 maxaddr 16777216 &&
	 IP_LIB_DIR=$TOP/userspace/ip ip -n h1 -d -j link show fab100 |
		jq -e '.[0].linkinfo.info_data.maxaddr == 16777216'"
ktap_finish
