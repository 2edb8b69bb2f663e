# SPDX-License-Identifier: GPL-2.0
# Shared helpers for vnetfab selftests, in the manner of
# tools/testing/selftests/net/lib.sh. Source it; it reports in KTAP.

ksft_pass=0
ksft_fail=1
ksft_skip=4

TOP=${VNETFAB_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VNETFABCTL=$TOP/userspace/vnetfabctl

# The encapsulation of the segments seg_add makes: udp (VXLAN format) or
# gre. A test with a "# vnetfab-encaps: udp gre" line is run once per
# encapsulation by run-guest.sh, which sets this.
VNETFAB_ENCAP=${VNETFAB_ENCAP:-udp}

_ktap_n=0
_ktap_failed=0
_ktap_plan=
_ktap_name=${0##*/}
_ktap_name=${_ktap_name%.sh}
[ "$VNETFAB_ENCAP" = udp ] || _ktap_name="$_ktap_name ($VNETFAB_ENCAP)"
_ns_list=()

ktap_header()
{
	echo "TAP version 13"
}

ktap_plan()
{
	_ktap_plan=$1
	echo "1..$1"
}

# ktap_result OK|FAIL|SKIP NAME [REASON]
ktap_result()
{
	_ktap_n=$((_ktap_n + 1))
	case "$1" in
	OK)	echo "ok $_ktap_n $2" ;;
	SKIP)	echo "ok $_ktap_n $2 # SKIP ${3:-}" ;;
	*)	echo "not ok $_ktap_n $2${3:+ # $3}"
		_ktap_failed=$((_ktap_failed + 1)) ;;
	esac
}

# check NAME CMD...: CMD must succeed; its output is shown only on failure.
check()
{
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		ktap_result OK "$name"
	else
		echo "$out" | sed 's/^/# /' | tail -n 20
		ktap_result FAIL "$name"
	fi
}

# check_fail NAME CMD...: CMD must fail.
check_fail()
{
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "$out" | sed 's/^/# /' | tail -n 20
		ktap_result FAIL "$name" "succeeded but must fail"
	else
		ktap_result OK "$name"
	fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq()
{
	if [ "$2" = "$3" ]; then
		ktap_result OK "$1"
	else
		ktap_result FAIL "$1" "expected '$2', got '$3'"
	fi
}

# check_err NAME PATTERN CMD...: CMD must fail and say PATTERN (extack).
check_err()
{
	local name=$1 pat=$2 out
	shift 2
	if out=$("$@" 2>&1); then
		ktap_result FAIL "$name" "succeeded but must fail"
	elif echo "$out" | grep -q -- "$pat"; then
		ktap_result OK "$name"
	else
		echo "$out" | sed 's/^/# /' | tail -n 5
		ktap_result FAIL "$name" "error does not say '$pat'"
	fi
}

# ktap_finish: the test's verdict. It fails when a check failed, and
# when the test reported another number of results than it planned (a
# check skipped by an early exit or a broken loop is a failure too).
ktap_finish()
{
	echo "# $_ktap_name: $((_ktap_n - _ktap_failed)) passed, $_ktap_failed failed"
	if [ -n "$_ktap_plan" ] && [ "$_ktap_n" != "$_ktap_plan" ]; then
		echo "# $_ktap_name: planned $_ktap_plan results, reported $_ktap_n"
		exit $ksft_fail
	fi
	[ "$_ktap_failed" = 0 ] && exit $ksft_pass
	exit $ksft_fail
}

ktap_skip_all()
{
	echo "1..0 # SKIP $*"
	exit $ksft_skip
}

require_root()
{
	[ "$EUID" = 0 ] || ktap_skip_all "needs root"
}

require_cmd()
{
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || ktap_skip_all "needs $c"
	done
}

# The debug kernel runs several times slower than the stock ones, and
# slower still on a loaded host: waits for a condition allow it SLOW times
# as long there (a wait that succeeds ends as soon as it does).
# (the kernel release read by bash: every process counts on the debug kernel)
read -r _kernel_release </proc/sys/kernel/osrelease
case $_kernel_release in
*-debug) SLOW=${VNETFAB_SLOW:-6} ;;
*) SLOW=${VNETFAB_SLOW:-1} ;;
esac

# sleep SECONDS: bash's read with a timeout on a pipe that nobody writes
# to, not /bin/sleep: a process costs the debug kernel about 0.2 s, and
# slowwait sleeps between its polls. (Any other argument: /bin/sleep.)
exec {_sleep_fd}<> <(:)
sleep()
{
	if [ $# = 1 ] && [[ $1 =~ ^[0-9]*\.?[0-9]+$ ]]; then
		read -rt "$1" -u "$_sleep_fd" _ || :
	else
		command sleep "$@"
	fi
}

# slowwait TIMEOUT_S CMD...: poll CMD every 100 ms until it succeeds,
# for up to TIMEOUT_S seconds (times SLOW).
slowwait()
{
	local deadline=$((SECONDS + $1 * SLOW))
	shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -ge $deadline ] && return 1
		sleep 0.1
	done
}

# ns_create NAME...: fresh network namespaces, removed on exit. (A
# process costs a debug kernel under TCG most of a second: the helpers
# below make few, with "ip -batch" where they can.)
ns_create()
{
	local ns cmds=
	for ns in "$@"; do
		[ -e "/run/netns/$ns" ] && ip netns del "$ns"
		cmds+="netns add $ns"$'\n'
		_ns_list+=("$ns")
	done
	ip -batch - <<<"$cmds" || return 1
	for ns in "$@"; do
		ip -n "$ns" link set lo up || return 1
	done
}

ns_cleanup()
{
	local ns cmds=
	for ns in "${_ns_list[@]}"; do
		cmds+="netns del $ns"$'\n'
	done
	# one process for all (-force: on past one already gone)
	[ -z "$cmds" ] || ip -force -batch - <<<"$cmds" >/dev/null 2>&1
	_ns_list=()
}

# modules_tree_minimal DIR MODULE...: in this (private) mount namespace,
# /lib/modules holds the running kernel alone and, of its modules, only
# MODULE... and their dependencies, on a tmpfs under DIR, without the
# test module check.sh installed in extra/. depmod over it reads a
# handful of modules instead of the thousands it reads over 9p (a minute
# or more each time under TCG); the real tree is not touched.
modules_tree_minimal()
{
	local dir=$1 kver real fake m mods
	shift
	kver=$(uname -r)
	real=/lib/modules/$kver
	fake=$dir/$kver
	mods=$(modprobe --show-depends "$@" | awk '$1 == "insmod" { print $2 }' |
		grep -v "^$real/extra/")
	mkdir -p "$fake"
	mount -t tmpfs tmpfs "$fake" || return 1
	cp "$real"/modules.order "$real"/modules.builtin \
		"$real"/modules.builtin.modinfo "$fake/" || return 1
	cp -P "$real/build" "$fake/"
	for m in $mods; do
		mkdir -p "$fake/$(dirname "${m#"$real"/}")"
		cp "$m" "$fake/${m#"$real"/}" || return 1
	done
	mount --rbind "$dir" /lib/modules && depmod "$kver"
}

# module_builtin NAME: module NAME is built into the running kernel
module_builtin()
{
	grep -q "/$1\.ko" "/lib/modules/$(uname -r)/modules.builtin" 2>/dev/null
}

# module_loaded NAME: module NAME is loaded (never true when built in)
module_loaded()
{
	grep -q "^$1 " /proc/modules
}

# require_encap: skip the test when the kernel cannot carry VNETFAB_ENCAP
require_encap()
{
	case $VNETFAB_ENCAP in
	udp)	;;
	gre)	module_builtin ip_gre || modinfo ip_gre >/dev/null 2>&1 ||
			ktap_skip_all "encap gre needs ip_gre (CONFIG_NET_IPGRE)" ;;
	*)	ktap_skip_all "unknown VNETFAB_ENCAP '$VNETFAB_ENCAP'" ;;
	esac
}

# encap_families: the underlay families VNETFAB_ENCAP carries (GRE
# segments have an IPv4 underlay only)
encap_families()
{
	case $VNETFAB_ENCAP in
	gre)	echo 4 ;;
	*)	echo 4 6 ;;
	esac
}

# encap_overhead 4|6: the bytes encapsulation adds in front of the inner
# Ethernet header on an IPv4 or IPv6 underlay: the outer IP header, then
# UDP and VXLAN (8 + 8), or GRE with a key (4 + 4)
encap_overhead()
{
	local ip=20
	[ "$1" = 6 ] && ip=40
	case $VNETFAB_ENCAP in
	gre)	echo $((ip + 8)) ;;
	*)	echo $((ip + 8 + 8)) ;;
	esac
}

# encap_filter: a pcap filter matching encapsulated packets on the underlay
encap_filter()
{
	case $VNETFAB_ENCAP in
	gre)	echo "ip proto 47" ;;
	*)	echo "udp port 4789" ;;
	esac
}

vnetfab_load()
{
	modprobe vnetfab
}

# vnetfab_unload: remove the module; devices go with it.
vnetfab_unload()
{
	modprobe -r vnetfab
}

# count_links NS: the number of vnetfab devices in NS ("" = this one)
count_links()
{
	ip ${1:+-n "$1"} -d -o link show type vnetfab 2>/dev/null | wc -l
}

# ---- fabric topologies -------------------------------------------------
#
# topo_underlay HOST...: the underlay, a bridge in netns "ul", and one
# netns per host joined to it by veth "ul0"; host number i (1-based, in
# the order given) is 192.0.2.i/24 and 2001:db8::i/64.
topo_underlay()
{
	local h i=0 v6=: ul="link add br0 type bridge"$'\n'"link set br0 up"$'\n'
	ns_create ul "$@" || return 1
	# (no IPv6 on a kernel booted with ipv6.disable=1)
	[ -d /proc/sys/net/ipv6 ] && v6=
	for h in "$@"; do
		ul+="link add p$h type veth peer name ul0 netns $h"$'\n'
		ul+="link set p$h master br0 up"$'\n'
	done
	ip -n ul -batch - <<<"$ul" || return 1
	for h in "$@"; do
		i=$((i + 1))
		ip -n "$h" -batch - <<-EOF || return 1
			addr add 192.0.2.$i/24 dev ul0
			${v6:+#}addr add 2001:db8::$i/64 dev ul0 nodad
			link set ul0 up
		EOF
	done
}

# host_addr HOST 4|6: the underlay address of HOST
host_addr()
{
	ip -n "$1" -"$2" -o addr show dev ul0 scope global |
		awk '{ sub("/.*", "", $4); print $4; exit }'
}

# ctl NS ARGS...: vnetfabctl in netns NS
ctl()
{
	"$VNETFABCTL" -n "$1" "${@:2}"
}

# ctl_apply NS ARGS...: "RC:OUTPUT" of vnetfabctl apply ARGS in netns NS,
# its stderr into file $APPLY_ERR (default: none kept)
ctl_apply()
{
	local out rc
	out=$(ctl "$1" apply "${@:2}" 2>"${APPLY_ERR:-/dev/null}")
	rc=$?
	echo "$rc:$out"
}

# seg_add HOST DEV ID [vnetfabctl options]: a segment device, up, with
# encap VNETFAB_ENCAP unless the options name one; the host endpoint has
# no IPv6, so that it sends nothing of its own
seg_add()
{
	local encap=(encap "$VNETFAB_ENCAP")
	case " ${*:4} " in *" encap "*) encap=() ;; esac
	ctl "$1" segment add "$2" id "$3" "${encap[@]}" "${@:4}" || return 1
	ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1"
	ip -n "$1" link set "$2" up
}

# seg_mesh DEV 4|6 HOST...: make every HOST a peer of every other on DEV
seg_mesh()
{
	local dev=$1 fam=$2 a b
	local -A addr
	shift 2
	# (each host's address read once: two processes a read)
	for b in "$@"; do
		addr[$b]=$(host_addr "$b" "$fam")
	done
	for a in "$@"; do
		for b in "$@"; do
			[ "$a" = "$b" ] && continue
			ctl "$a" peer add dev "$dev" remote "${addr[$b]}" ||
				return 1
		done
	done
}

# topo_segment DEV ID HOST...: the underlay of topo_underlay between the
# HOSTs, segment DEV (ID) on each, every host a peer of every other over
# IPv4
topo_segment()
{
	local dev=$1 id=$2 h
	shift 2
	topo_underlay "$@" || return 1
	for h in "$@"; do
		seg_add "$h" "$dev" "$id" || return 1
	done
	seg_mesh "$dev" 4 "$@"
}

# vm_add HOST VM DEV MAC ADDR4 ADDR6: a "VM", netns VM with eth0 (MAC),
# whose host side, veth VM in HOST, is a port of DEV. ADDR6 "-": no IPv6
# at all (so the VM sends no MLD reports).
vm_add()
{
	local v6="addr add $6 dev eth0 nodad" off=0
	ns_create "$2" || return 1
	[ "$6" = - ] && off=1 v6=
	# quiet VMs: no router solicitations or DAD probes behind the tests,
	# and with ADDR6 "-" no IPv6 on eth0 (set as the default before it
	# is made)
	if [ -d /proc/sys/net/ipv6 ]; then
		ip netns exec "$2" sysctl -qw \
			net.ipv6.conf.default.router_solicitations=0 \
			net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.disable_ipv6=$off || return 1
	fi
	ip -n "$1" -batch - <<-EOF || return 1
		link add $2 type veth peer name eth0 netns $2
		link set $2 master $3 up
	EOF
	ip -n "$2" -batch - <<-EOF
		link set eth0 address $4
		addr add $5 dev eth0
		$v6
		link set eth0 up
	EOF
}

# ping_ok NS ADDR: one ping, up to 5 s for resolution and learning
ping_ok()
{
	slowwait 5 ip netns exec "$1" ping -c 1 -W 1 "$2"
}

# link_stat NS DEV rx|tx packets|bytes|dropped: read from ip's JSON by
# bash (its "stats64" holds the first "rx" and "tx" objects, flat) rather
# than jq, which takes the debug kernel a second to start
link_stat()
{
	local out
	out=$(ip -n "$1" -s -j link show dev "$2") || return 1
	[[ $out =~ \"$3\":\{[^}]*\"$4\":([0-9]+) ]] || return 1
	echo "${BASH_REMATCH[1]}"
}

# stat_reached NS DEV rx|tx KEY N: link_stat NS DEV rx|tx KEY is at
# least N (for slowwait)
stat_reached()
{
	local v
	v=$(link_stat "$1" "$2" "$3" "$4") && [ "$v" -ge "$5" ]
}

# master_of NS DEV: the master of DEV in NS, or nothing
master_of()
{
	ip -n "$1" -o link show dev "$2" 2>/dev/null |
		sed -n 's/.* master \([^ ]*\) .*/\1/p'
}

# heard_during VM SRCMAC TYPE CMD...: while CMD runs, a frame of
# ethertype TYPE (hex) from SRCMAC reaches eth0 of netns VM (within 15 s
# of the listener's start, times SLOW: waiting for the listener and CMD
# itself take the debug kernel tens of seconds when the host is loaded;
# the frame ends the wait)
heard_during()
{
	local vm=$1 mac=$2 type=$3 pid
	shift 3
	ip netns exec "$vm" "$RAWFRAME" recv eth0 "$mac" $((15000 * SLOW)) 1 "$type" \
		>/dev/null &
	pid=$!
	wait_listeners "$vm" && "$@" || { kill $pid 2>/dev/null; return 1; }
	wait $pid || { echo "no frame of type $type from $mac reached $vm"; return 1; }
}

# delivered_to NS TAP VM MAC: five frames from netns VM's eth0 to MAC
# are handed to TAP in NS (its transmit counter: what the VM's NIC read)
delivered_to()
{
	local tx0 vmac
	tx0=$(link_stat "$1" "$2" tx packets) || return 1
	vmac=$(ip -n "$3" -br link show dev eth0 | awk '{ print $3 }')
	ip netns exec "$3" "$RAWFRAME" send eth0 \
		"${4//:/}${vmac//:/}88b5$(printf '%092d' 0)" 5 || return 1
	slowwait 5 stat_reached "$1" "$2" tx packets $((tx0 + 5)) ||
		{ echo "$2: tx $tx0 -> $(link_stat "$1" "$2" tx packets)"; return 1; }
}

# seg_stat NS DEV KEY: a counter from vnetfabctl show --json
seg_stat()
{
	ctl "$1" show "$2" --json | jq -r "(if type == \"array\" then .[0] else . end) | (.stats.$3 // .$3)"
}

# peer_stat NS DEV REMOTE KEY: KEY of peer REMOTE of DEV in `peer list
# --json`: a counter of its "stats" (tx_packets, rx_packets...), else a
# key of the peer itself (last_rx_ms, dstport...)
peer_stat()
{
	ctl "$1" peer list dev "$2" --json |
		jq -r --arg r "$3" --arg k "$4" \
			'.[] | select(.remote == $r) | (.stats[$k] // .[$k])'
}

# positive VALUE: VALUE is an integer > 0
positive()
{
	[ "$1" -gt 0 ] 2>/dev/null || { echo "value: '$1'"; return 1; }
}

# reported_mtu OUTPUT: the MTU number in ping's output ("mtu = N" from
# an ICMP error, "mtu=N" from a local one)
reported_mtu()
{
	echo "$1" | grep -oiE 'mtu ?= ?[0-9]+' | grep -oE '[0-9]+$' | head -n 1
}

# neigh_ok NS DEV ADDR MAC: a resolved entry for ADDR on DEV pointing at MAC
neigh_ok()
{
	local out
	out=$(ip -n "$1" neigh show "$3" dev "$2")
	echo "$out"
	echo "$out" | grep -qiE "lladdr $4 .*(REACHABLE|STALE|DELAY|PROBE)"
}

# underlay_rx NS: the receive side of VNETFAB_ENCAP's segments is in NS:
# the UDP socket on 4789, or for GRE the flow-based gretap device
underlay_rx()
{
	case $VNETFAB_ENCAP in
	gre)	ip -n "$1" link show vnetfab_gre ;;
	*)	ip netns exec "$1" ss -Hulna | awk '{ print $4 }' | grep -q ':4789$' ;;
	esac
}

RAWFRAME=$TOP/selftests/tools/rawframe

# ns_packet_socket NS: a packet socket is open in netns NS, as the
# /proc/PID/net/packet of a process in NS says (found by comparing
# /proc/PID/ns/net with /run/netns/NS, as "ip netns identify" does): no
# process started, where "ip netns exec NS ss" took the debug kernel 2 s
ns_packet_socket()
{
	local p l
	for p in /proc/[0-9]*; do
		[ "$p/ns/net" -ef "/run/netns/$1" ] || continue
		# (the table's header, then a line per socket)
		{ read -r l && read -r l; } <"$p/net/packet" 2>/dev/null ||
			continue
		return 0
	done
	return 1
}

# wait_listeners NS...: until a packet socket (rawframe recv) is open in
# each NS
wait_listeners()
{
	local ns
	for ns in "$@"; do
		slowwait 5 ns_packet_socket "$ns" || return 1
	done
}

trap ns_cleanup EXIT
