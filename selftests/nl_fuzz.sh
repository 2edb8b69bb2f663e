#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-timeout: 1800
# Netlink fuzzing: selftests/tools/nlfuzz sends 60000 generated generic
# netlink requests and 40000 rtnetlink ones (RTM_NEWLINK kind vnetfab,
# changelink, bridge fdb add/del/get/dump) in a "victim" netns, mutated
# from valid templates, then runs multi-part dumps the table changes
# under, abandoned midway, closed mid-dump, of a device deleted
# mid-dump. Every request must be answered, the kernel must refuse many,
# the victim's segments stay consistent (counts equal dumps), the
# devices the replies say were created exist, a refused request changes
# nothing, a segment in another netns is left byte for byte as it was
# and keeps carrying traffic, and the module unloads. Splats and leaks
# are caught by run-guest.sh.
#
#   VNETFAB_FUZZ_SEED  the seed (default 1); the summary lines name it
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping
NLFUZZ=$TOP/selftests/tools/nlfuzz
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
[ -x "$NLFUZZ" ] || ktap_skip_all "build selftests/tools/nlfuzz first"
ktap_header
ktap_plan 31

SEED=${VNETFAB_FUZZ_SEED:-1}
NGENL=60000 NRTNL=40000 NDUMP=300
# the debug kernel's lane (SLOW > 1) sends a tenth: the full count takes
# it ~1400 s, a third of its time budget; VNETFAB_FUZZ_SCALE=1 for all
if [ "${VNETFAB_FUZZ_SCALE:-$SLOW}" -gt 1 ]; then
	NGENL=6000 NRTNL=4000 NDUMP=30
fi
IPP="env IP_LIB_DIR=$TOP/userspace/ip ip"
T=$(mktemp -d /tmp/nl_fuzz.XXXXXX)

vnetfab_load

# the control fabric: two hosts, learning off so that its state is only
# what is configured here
topo_underlay h1 h2
for h in h1 h2; do
	seg_add $h fab100 100 learning off ttl 33
done
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
ctl h1 fdb add dev fab100 02:00:00:00:02:01 remote 192.0.2.2
ctl h1 fdb add dev fab100 02:00:00:00:01:01 port vm1
ctl h2 fdb add dev fab100 02:00:00:00:ff:01 local

# snapshot: a control host's whole vnetfab state less counters and ages
snapshot()
{
	local h
	for h in h1 h2; do
		ctl $h show --json | jq -S 'map(del(.stats))'
		ctl $h peer list dev fab100 --json |
			jq -S 'map(del(.stats, .last_rx_ms, .state_ms))'
		ctl $h fdb show dev fab100 --json | jq -S 'map(del(.age_ms))'
		$IPP -n $h -d -j link show type vnetfab | jq -S .
	done
}

# the victim: segments of both encapsulations, ports, peers, static
# entries; fabd has tables that take several dump messages
ns_create fzv
ctl fzv segment add fab1 id 100
ctl fzv segment add fab2 id 200 local 192.0.2.1 learning off
segs="-t fab1 -t fab2"
if module_builtin ip_gre || modinfo ip_gre >/dev/null 2>&1; then
	ctl fzv segment add fab3 id 300 encap gre
	segs="$segs -t fab3"
fi
ctl fzv segment add fabd id 900 learning off
for p in 1 2; do
	ip -n fzv link add vp$p type veth peer name vp${p}b
	ip -n fzv link set vp$p master fab$p
done
ctl fzv peer set dev fab1 remote 192.0.2.1 remote 192.0.2.2 remote 2001:db8::1
ctl fzv peer set dev fab2 remote 192.0.2.2 remote 192.0.2.3
ctl fzv fdb add dev fab1 02:00:00:00:00:01 remote 192.0.2.1
ctl fzv fdb add dev fab1 02:00:00:00:00:02 port vp1
ctl fzv fdb add dev fab1 02:00:00:00:00:03 local
ctl fzv fdb add dev fab2 02:00:00:00:00:04 remote 192.0.2.3
args=()
for i in $(seq 0 299); do args+=(remote "10.8.$((i / 250)).$((i % 250 + 1))"); done
ctl fzv peer set dev fabd "${args[@]}"
ctl fzv dump-config >"$T/fabd.conf"
for i in $(seq 0 999); do
	printf 'fdb fabd 02:aa:00:00:%02x:%02x local\n' $((i / 256)) $((i % 256))
done >>"$T/fabd.conf"
ctl fzv apply "$T/fabd.conf" >/dev/null

echo "# setup: $SECONDS s"
check "control fabric carries traffic before" ping_ok vm1 198.51.100.2
snapshot >"$T/before"
check "control state snapshot taken" test -s "$T/before"

# fuzz NAME ARGS...: one nlfuzz run in the victim netns; its summary
# line in $T/NAME
fuzz()
{
	local name=$1 t0=$SECONDS
	shift
	ip netns exec fzv timeout -k 5 $((600 * SLOW)) \
		"$NLFUZZ" -k -s "$SEED" "$@" -i vp1 -i vp2 -i vp1b -i lo \
		>"$T/$name" 2>"$T/$name.err"
	read -r -a words <"$T/$name"
	echo "# ${words[*]} ($((SECONDS - t0)) s)"
	for kv in "${words[@]}"; do
		[[ $kv == *=* ]] && R[$name.${kv%%=*}]=${kv#*=}
	done
	[ -s "$T/$name.err" ] && sed 's/^/# /' "$T/$name.err" | head -n 5
}
# val NAME KEY: KEY=value from the summary line of run NAME
declare -A R
val()
{
	echo "${R[$1.$2]}"
}

fuzz dump -m dump -n $NDUMP -t fabd $segs
check_eq "dumps: each answered (no timeout)" 0 "$(val dump timeouts)"
check "dumps spanning messages complete while the table changes" \
	test "$(val dump dumps)" -gt 0 -a "$(val dump changed)" -gt 0 -a \
	"$(val dump dump_err)" = 0
check "... flagged NLM_F_DUMP_INTR when it changed, never else, no duplicate unflagged" \
	test "$(val dump intr)" -gt 0 -a "$(val dump intr_clean)" = 0 -a \
	"$(val dump dup_unflagged)" = 0
check "a dump whose device is deleted ends in ENODEV" test "$(val dump gone)" -gt 0

fuzz genl -m genl -n $NGENL $segs
check_eq "genl: $NGENL requests sent" $NGENL "$(val genl sent)"
check_eq "genl: each answered (no timeout)" 0 "$(val genl timeouts)"
check "genl: the kernel refused some and accepted some" \
	test "$(val genl err)" -gt 0 -a "$(val genl ok)" -gt 0

fuzz rtnl -m rtnl -n $NRTNL $segs
check_eq "rtnl: $NRTNL requests sent" $NRTNL "$(val rtnl sent)"
check_eq "rtnl: each answered (no timeout)" 0 "$(val rtnl timeouts)"
check "rtnl: the kernel refused some and accepted some" \
	test "$(val rtnl err)" -gt 0 -a "$(val rtnl ok)" -gt 0
if [ $((NGENL + NRTNL)) -ge 100000 ]; then
	check "genl + rtnl: at least 100000 requests" \
		test $(($(val genl sent) + $(val rtnl sent))) -ge 100000
else
	ktap_result SKIP "genl + rtnl: at least 100000 requests" \
		"a tenth on the debug kernel (its lane's time budget)"
fi
check_eq "the nfz devices the replies created exist, no others" \
	"$(val rtnl links)" \
	"$(ip -n fzv -o link show type vnetfab | grep -c ': nfz[0-9]*[@:]')"
check_eq "... and the unnamed ones" "$(val rtnl anon)" \
	"$(ip -n fzv -o link show type vnetfab | grep -c ': vnetfab[0-9]*[@:]')"

echo "# fuzz done: $SECONDS s"
# every victim segment answers and its counts match its dumps
consistent()
{
	ip netns exec fzv bash -c '
	set -o pipefail; c=$1 T=$2
	$c show --json | jq -r ".[] | \"\(.ifname) \(.n_peers) \(.n_addrs)\"" >$T/segs
	[ -s $T/segs ] || exit 1
	while read -r s p a; do
		got=$({ $c peer list dev "$s" --json; $c fdb show dev "$s" --json; } |
			jq -s -r "map(length) | join(\" \")")
		[ "$got" = "$p $a" ] ||
			{ echo "$s: n_peers n_addrs $p $a, dumps $got"; exit 1; }
	done <$T/segs' - "$VNETFABCTL" "$T"
}
check "victim segments: n_peers and n_addrs equal their dumps" consistent

# refused requests change nothing: a peer set with one bad address
# (generic netlink), a changelink with a new ttl and peers but a changed
# id (the kind refuses), and one with a new ttl and an MTU no device has
# (the core refuses), a master that takes no ports and the netns of a
# dead pid (the core refuses too)
peers_fab1() { ctl fzv peer list dev fab1 --json | jq -c 'map(.remote) | sort'; }
ttl_fab1() { $IPP -n fzv -d -j link show dev fab1 | jq '.[0].linkinfo.info_data.ttl'; }
ctl fzv peer set dev fab1 remote 192.0.2.1 remote 192.0.2.2
ctl fzv segment set fab1 ttl 20
p0=$(peers_fab1) t0=$(ttl_fab1)
check_fail "peer set with a bad address refused" \
	ctl fzv peer set dev fab1 remote 192.0.2.5 remote 0.0.0.0
check_fail "changelink with ttl, peers and another id refused" \
	$IPP -n fzv link set fab1 type vnetfab ttl 9 remote 192.0.2.6 id 999
check_eq "... and neither changed the peers or the ttl" "$p0 $t0" \
	"$(peers_fab1) $(ttl_fab1)"
check_err "changelink with ttl and peers and mtu 1000000 refused" mtu \
	$IPP -n fzv link set fab1 mtu 1000000 type vnetfab ttl 9 remote 192.0.2.7
check_eq "... and it changed neither the peers nor the ttl" "$p0 $t0" \
	"$(peers_fab1) $(ttl_fab1)"
check_err "changelink with ttl and peers and the name lo refused" exists \
	$IPP -n fzv link set fab1 name lo type vnetfab ttl 9 remote 192.0.2.8
check_eq "... and it changed neither the peers nor the ttl" "$p0 $t0" \
	"$(peers_fab1) $(ttl_fab1)"
check_err "changelink with ttl and peers and master lo (takes no ports) refused" \
	"takes ports" \
	$IPP -n fzv link set fab1 master lo type vnetfab ttl 9 remote 192.0.2.9
check_eq "... and it changed neither the peers nor the ttl" "$p0 $t0" \
	"$(peers_fab1) $(ttl_fab1)"
check_err "changelink with ttl and peers and netns of a dead pid refused" \
	"namespace not found" \
	$IPP -n fzv link set fab1 netns 4194304 type vnetfab ttl 9 remote 192.0.2.10
check_eq "... and it changed neither the peers nor the ttl" "$p0 $t0" \
	"$(peers_fab1) $(ttl_fab1)"

echo "# probes done: $SECONDS s"
check_eq "control state byte-identical after" "" \
	"$(snapshot | diff "$T/before" - | head -n 20)"
check "control fabric carries traffic after" ping_ok vm1 198.51.100.2

dellinks()
{
	local d
	# (one may go with another: a segment bound to a deleted device
	# as its underlay goes with it)
	for d in $(ip -n fzv -j link show type vnetfab | jq -r '.[].ifname'); do
		ip -n fzv link del "$d" 2>/dev/null ||
			! ip -n fzv link show "$d" >/dev/null 2>&1 || return 1
	done
	[ "$(count_links fzv)" = 0 ]
}
echo "# checks done: $SECONDS s"
check "every vnetfab device of the victim deleted" dellinks
echo "# deleted: $SECONDS s"
ns_cleanup
check "module unloads" slowwait 10 vnetfab_unload
rm -rf "$T"
ktap_finish
