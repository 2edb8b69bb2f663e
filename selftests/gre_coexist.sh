#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab GRE segments and stock gretap devices on the same hosts:
# (a) ip_gre loaded first, then GRE segments: both carry traffic;
# (c) unloading vnetfab leaves the gretap devices working;
# (b) vnetfab loaded first (it loads ip_gre, without a link-time
#     dependency, and holds it only while GRE segments exist), gretap
#     devices after: both carry traffic;
# (f) a mixed host: a UDP and a GRE segment with the same id 100, both
#     carry traffic, no frame crosses between them;
# (e) vnetfab_gre, the flow-based gretap GRE segments receive through,
#     lives as long as a GRE segment of its netns;
# (c) with the GRE segments gone, ip_gre unloads while vnetfab stays and
#     its UDP segment keeps working; a GRE segment without ip_gre is
#     refused with the command that fixes it;
# (d) a user's flow-based gretap in the netns makes a GRE segment fail
#     with a message naming it, leaving nothing behind.
# Module (un)loading is skipped, with the reason, where ip_gre is built in.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping ss
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
VNETFAB_ENCAP=gre
require_encap
ktap_header
ktap_plan 36

BUILTIN=
module_builtin ip_gre && BUILTIN="ip_gre is built in"

# modular CHECK NAME ARGS...: CHECK (check, check_fail, check_err) NAME
# ARGS..., or SKIP where ip_gre is built in
modular()
{
	if [ -n "$BUILTIN" ]; then
		ktap_result SKIP "$2" "$BUILTIN"
	else
		"$@"
	fi
}

# gretap_pair KEY: gretap gtKEY in h1 (10.KEY.0.1/24) and h2 (.2), each
# the other's remote
gretap_pair()
{
	local i
	for i in 1 2; do
		ip -n h$i link add gt$1 type gretap key "$1" \
			local 192.0.2.$i remote 192.0.2.$((3 - i)) || return 1
		ip -n h$i addr add 10.$1.0.$i/24 dev gt$1
		ip -n h$i link set gt$1 up
	done
}

# seg_on HOST DEV ID [options]: segment DEV on HOST (h1 or h2) with the
# other host as its peer
seg_on()
{
	local other=192.0.2.1
	[ "$1" = h1 ] && other=192.0.2.2
	seg_add "$@" && ctl "$1" peer add dev "$2" remote $other
}

# seg_pair DEV ID [options]: segment DEV on h1 and h2, peers
seg_pair()
{
	seg_on h1 "$@" && seg_on h2 "$@"
}

# fb_gretap NS DEV: DEV in NS is a flow-based ("external") gretap
fb_gretap()
{
	ip -n "$1" -d -j link show dev "$2" |
		jq -e '.[0].linkinfo | .info_kind == "gretap" and
			(.info_data | has("external"))'
}

# no_gre_dev NS...: no vnetfab_gre device in any NS
no_gre_dev()
{
	local ns
	for ns in "$@"; do
		ip -n "$ns" link show vnetfab_gre 2>/dev/null && return 1
	done
	return 0
}

# wait_sockets NS N: until N packet sockets are open in NS
wait_sockets()
{
	slowwait 5 sh -c "[ \$(ip netns exec $1 ss -0 -a -H | wc -l) -ge $2 ]"
}

# start from neither module loaded (ip_gre: where it is a module); the
# previous test's namespaces may still hold vnetfab for a moment
slowwait 20 sh -c '! grep -q "^vnetfab " /proc/modules || modprobe -r vnetfab'
[ -z "$BUILTIN" ] && modprobe -r ip_gre 2>/dev/null
topo_underlay h1 h2

# (a) ip_gre first: a gretap pair, then vnetfab and GRE segments
modprobe ip_gre
gretap_pair 7
check "(a) gretap pair between h1 and h2 works" ping_ok h1 10.7.0.2
vnetfab_load
check "(a) GRE segments created with ip_gre and a gretap pair there" \
	seg_pair gre100 100
vm_add h1 vmg1 gre100 02:00:00:00:01:01 198.51.100.21/24 -
vm_add h2 vmg2 gre100 02:00:00:00:02:01 198.51.100.22/24 -
check "(a) VM pings across the GRE segment" ping_ok vmg1 198.51.100.22
check "(a) the gretap pair still works" ping_ok h2 10.7.0.1

# (c) unloading vnetfab leaves the gretap pair working
check "(c) modprobe -r vnetfab with GRE segments present" \
	slowwait 20 vnetfab_unload
check "(c) vnetfab_gre went with the module (h1, h2)" no_gre_dev h1 h2
check "(c) the gretap pair works without vnetfab" ping_ok h1 10.7.0.2

# (b) vnetfab first, gretap devices after
if [ -n "$BUILTIN" ]; then
	ip -n h1 link del gt7
	ip -n h2 link del gt7
fi
modular check "(b) ip_gre unloaded" modprobe -r ip_gre
vnetfab_load
modular check "(b) loading vnetfab loads ip_gre" module_loaded ip_gre
check "(b) GRE segments created before any gretap device" seg_pair gre100 100
ip -n h1 link set vmg1 master gre100
ip -n h2 link set vmg2 master gre100
modular check_fail "(b) ip_gre cannot be unloaded under GRE segments" \
	rmmod ip_gre
check "(e) h1 has vnetfab_gre, a flow-based gretap" fb_gretap h1 vnetfab_gre
check_fail "(d) no second flow-based gretap next to vnetfab_gre" \
	ip -n h1 link add gtx type gretap external
gretap_pair 7
check "(b) VM pings across the GRE segment" ping_ok vmg1 198.51.100.22
check "(b) a gretap pair created after the segments works" ping_ok h1 10.7.0.2

# (f) mixed host: a UDP segment with the same id, VMs on the same subnet
check "(f) UDP segments with the same id 100 next to the GRE ones" \
	seg_pair udp100 100 encap udp
vm_add h1 vmu1 udp100 02:00:00:00:01:02 198.51.100.11/24 -
vm_add h2 vmu2 udp100 02:00:00:00:02:02 198.51.100.12/24 -
check "(f) VM pings across the UDP segment 100" ping_ok vmu1 198.51.100.12
check "(f) VM pings across the GRE segment 100" ping_ok vmg2 198.51.100.21
# vmu1 and vmg1 each send 10 broadcasts (0x88b5) then a marker (0x88b7):
# the other VM of each one's segment gets them all, no VM of the other
# segment any
U=02:00:00:00:01:02
G=02:00:00:00:01:01
ip netns exec vmu2 "$RAWFRAME" recv eth0 $U $((30000 * SLOW)) 0 88b7 >/tmp/mix.u2 &
p1=$!
ip netns exec vmg2 "$RAWFRAME" recv eth0 $G $((30000 * SLOW)) 0 88b7 >/tmp/mix.g2 &
p2=$!
neg=()
for vm in vmg1 vmg2; do
	ip netns exec $vm "$RAWFRAME" recv eth0 $U $((30000 * SLOW)) 1 >/tmp/mix.$vm.x &
	neg+=($!)
done
for vm in vmu1 vmu2; do
	ip netns exec $vm "$RAWFRAME" recv eth0 $G $((30000 * SLOW)) 1 >/tmp/mix.$vm.x &
	neg+=($!)
done
wait_sockets vmu1 1 && wait_sockets vmg1 1 &&
	wait_sockets vmu2 2 && wait_sockets vmg2 2 ||
	echo "# not every listener was up in time: the counts below show which"
for s in "vmu1 $U" "vmg1 $G"; do
	set -- $s
	ip netns exec $1 "$RAWFRAME" send eth0 "ffffffffffff${2//:/}88b5$(printf '%092d' 0)" 10
	ip netns exec $1 "$RAWFRAME" send eth0 "ffffffffffff${2//:/}88b7$(printf '%092d' 0)"
done
wait $p1 $p2
kill "${neg[@]}" 2>/dev/null
wait
check_eq "(f) UDP segment: vmu2 got vmu1's 10 broadcasts" 10 \
	"$(grep -c '^.\{24\}88b5' /tmp/mix.u2)"
check_eq "(f) GRE segment: vmg2 got vmg1's 10 broadcasts" 10 \
	"$(grep -c '^.\{24\}88b5' /tmp/mix.g2)"
check_eq "(f) no frame of the UDP segment reached a GRE segment VM" 0 \
	"$(cat /tmp/mix.vmg1.x /tmp/mix.vmg2.x | wc -l)"
check_eq "(f) no frame of the GRE segment reached a UDP segment VM" 0 \
	"$(cat /tmp/mix.vmu1.x /tmp/mix.vmu2.x | wc -l)"

# (e) vnetfab_gre lives as long as a GRE segment of its netns
seg_add h1 gre101 101
ctl h1 segment del gre100
check "(e) vnetfab_gre stays while h1 has a GRE segment" \
	ip -n h1 link show vnetfab_gre
ctl h1 segment del gre101
check "(e) vnetfab_gre goes with h1's last GRE segment" no_gre_dev h1
check "(e) ... while h2's stays with h2's GRE segment" \
	ip -n h2 link show vnetfab_gre
ctl h2 segment del gre100
check "(e) ... and goes with it" no_gre_dev h2

# (c) without GRE segments ip_gre unloads while vnetfab stays, and its
# UDP segment keeps working
modular check "(c) rmmod ip_gre once the GRE segments are gone" rmmod ip_gre
check "(c) vnetfab stays loaded" module_loaded vnetfab
check "(c) the UDP segment keeps working" ping_ok vmu2 198.51.100.11
modular check_err "(c) without ip_gre a GRE segment is refused: modprobe ip_gre" \
	"modprobe ip_gre" ctl h2 segment add gre100 id 100 encap gre
modprobe ip_gre
check "(c) after modprobe ip_gre, a GRE segment again, on h2" \
	seg_on h2 gre100 100

# (d) a user's flow-based gretap in h1 holds what a GRE segment needs
ip -n h1 link add gtx type gretap external
check_err "(d) GRE segment next to a user's flow-based gretap refused" \
	"flow-based gretap" ctl h1 segment add gre100 id 100 encap gre
check_eq "(d) nothing half-created in h1: no gre100, no vnetfab_gre" "udp100" \
	"$(ip -n h1 -o link show | awk -F': ' '{ sub("@.*", "", $2); print $2 }' |
		grep -E '^(gre100|vnetfab_gre|udp100)$' | xargs)"
check "(d) the user's flow-based gretap is intact" fb_gretap h1 gtx
ip -n h1 link del gtx
check "(d) with it gone, the GRE segment is created" seg_on h1 gre100 100
ip -n h1 link set vmg1 master gre100
ip -n h2 link set vmg2 master gre100
check "(d) ... and carries traffic" ping_ok vmg1 198.51.100.22
ktap_finish
