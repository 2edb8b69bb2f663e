#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The iproute2 plugin userspace/ip/link_vnetfab.so, loaded by the stock ip
# through IP_LIB_DIR: ip link add with every option, each value read back
# with ip -d -j link show and with vnetfabctl show (generic netlink,
# text and JSON), run-time changes
# with ip link set, refusals by the plugin (bad values) and by the kernel
# (changing a creation-time attribute), ip link help, and the symbols the
# plugin needs from ip. When the tree has Debian's ip 6.15 unpacked
# (scripts/ip-plugin-symbols.sh leaves it in build/ip-debs/), a few of
# the checks run with it too.
. "$(dirname "$0")/lib.sh"

PLUGIN_DIR=$TOP/userspace/ip
PLUGIN=$PLUGIN_DIR/link_vnetfab.so
IP615=$TOP/build/ip-debs/iproute2_6.15.0-1~bpo12+1/bin/ip

[ -f "$PLUGIN" ] || ktap_skip_all "$PLUGIN is not built (make -C userspace)"
require_root
require_cmd jq readelf ip
ktap_header
ktap_plan 127

vnetfab_load
ns_create ipA

# ipp ARGS...: the stock ip, in netns ipA, with the plugin
IPBIN=$(command -v ip)
ipp()
{
	IP_LIB_DIR=$PLUGIN_DIR "$IPBIN" -n ipA "$@"
}

# info DEV KEY: linkinfo.info_data.KEY of DEV from ip -d -j link show,
# "null" when absent
info()
{
	ipp -d -j link show dev "$1" | jq -c ".[0].linkinfo.info_data.$2"
}

# ctl_show DEV KEY: KEY of DEV from vnetfabctl show --json
ctl_show()
{
	ctl ipA show "$1" --json | jq -c ".[0].$2"
}

# check_info NAME DEV KEY EXPECTED
check_info()
{
	check_eq "$1" "$4" "$(info "$2" "$3")"
}

# ---- the symbols ip must provide ----------------------------------------

# the plugin's undefined symbols that are not libc's (GLIBC_*) and not
# weak (those resolve to 0 when absent)
plugin_needs()
{
	readelf --dyn-syms -W "$PLUGIN" | awk '$7 == "UND" && $5 != "WEAK" &&
		$8 != "" && $8 !~ /@GLIBC_/ { print $8 }' | sort -u
}

# ip_lacks IP: what the plugin needs that IP does not export
ip_lacks()
{
	local needs
	needs=$(plugin_needs)
	[ -n "$needs" ] || { echo "no symbols read from $PLUGIN"; return; }
	comm -23 <(echo "$needs") <(readelf --dyn-syms -W "$1" |
		awk '$7 != "UND" && $8 != "" { sub(/@.*/, "", $8); print $8 }' |
		sort -u)
}

ipreal=$(readlink -f "$IPBIN")
check_eq "running ip ($("$IPBIN" -V | grep -o 'iproute2-[^, ]*')) exports all the plugin calls" \
	"" "$(ip_lacks "$ipreal")"

# ---- help -----------------------------------------------------------------

out=$(IP_LIB_DIR=$PLUGIN_DIR "$IPBIN" link help vnetfab 2>&1)
check_eq "ip link help vnetfab exits 0" 0 $?
check "ip link help vnetfab prints the usage" \
	grep -q "Usage: \.\.\. vnetfab \[ id ID \]" <<<"$out"
check_eq "usage names every option" "" "$(for o in id encap local dstport \
	dev ttl tos df ageing learning nolearning maxaddr remote hold-down; do
		grep -qw -- "$o" <<<"$out" || echo "$o"; done)"

# ---- create with every option -----------------------------------------

ipp link add ul0 type veth peer name ul1
ipp addr add 192.0.2.1/24 dev ul0
ipp addr add 2001:db8::1/64 dev ul0 nodad
ipp link set ul0 up
ipp link set ul1 up

check "create fab0 with every option" ipp link add fab0 type vnetfab \
	id 4242 encap udp local 192.0.2.1 dstport 4790 ttl 16 tos 0x10 \
	df set ageing 120 nolearning maxaddr 1000 dev ul0
check_eq "info_kind is vnetfab" '"vnetfab"' \
	"$(ipp -d -j link show dev fab0 | jq -c '.[0].linkinfo.info_kind')"
check_info "json id" fab0 id 4242
check_info "json encap" fab0 encap '"udp"'
check_info "json local" fab0 local '"192.0.2.1"'
check_info "json no local6 with an IPv4 local" fab0 local6 null
check_info "json dstport" fab0 dstport 4790
check_info "json link (dev)" fab0 link '"ul0"'
check_info "json ttl" fab0 ttl 16
check_info "json tos" fab0 tos 16
check_info "json df" fab0 df '"set"'
check_info "json ageing" fab0 ageing 120
check_info "json learning" fab0 learning false
check_info "json maxaddr" fab0 maxaddr 1000
# the underlay sets the MTU: veth 1500 less outer IPv4, UDP, VXLAN, Ethernet
check_eq "mtu follows dev ul0" $((1500 - $(encap_overhead 4) - 14)) \
	"$(ipp -j link show dev fab0 | jq '.[0].mtu')"
check_eq "vnetfabctl: id" 4242 "$(ctl_show fab0 id)"
check_eq "vnetfabctl: encap" '"udp"' "$(ctl_show fab0 encap)"
check_eq "vnetfabctl: dstport" 4790 "$(ctl_show fab0 dstport)"
# vnetfabctl show: every setting as ip link add gave it, with vxlan's
# JSON keys, and in text in the words of ip -d link show
check_eq "vnetfabctl -j show: ttl tos df ageing learning limit local local6 link" \
	'[16,16,"set",120,false,1000,"192.0.2.1",null,"ul0"]' \
	"$(ctl ipA -j show fab0 | jq -c '.[0] | [.ttl, .tos, .df, .ageing,
		.learning, .limit, .local, .local6, .link]')"
check "vnetfabctl show: the settings line" grep -qx \
	"    local 192.0.2.1 dev ul0 ttl 16 tos 0x10 df set ageing 120 nolearning maxaddr 1000" \
	<<<"$(ctl ipA show fab0)"

text=$(ipp -d link show dev fab0)
check "text: vnetfab id 4242" grep -q "vnetfab id 4242 " <<<"$text"
check "text: every option as ip link add takes it" grep -q \
	"id 4242 encap udp local 192.0.2.1 dstport 4790 dev ul0 ttl 16 tos 0x10 df set ageing 120 nolearning maxaddr 1000" \
	<<<"$text"

# IPv6 local, the inherit forms, learning
check "create fab1: local IPv6, tos/df inherit, learning" ipp link add fab1 \
	type vnetfab id 4243 local 2001:db8::1 tos inherit df inherit learning
check_info "json local6" fab1 local6 '"2001:db8::1"'
check_info "json no local with an IPv6 local" fab1 local null
check_info "json tos inherit" fab1 tos '"inherit"'
check_info "json df inherit" fab1 df '"inherit"'
check_info "json learning on" fab1 learning true
check "text: local IPv6, tos inherit, learning" \
	grep -q "local 2001:db8::1 .*tos inherit df inherit .*learning" \
	<<<"$(ipp -d link show dev fab1)"
check_eq "vnetfabctl -j show fab1: local6, no local or link, inherit, learning" \
	'[null,"2001:db8::1",null,"inherit","inherit",true]' \
	"$(ctl ipA -j show fab1 | jq -c '.[0] | [.local, .local6, .link, .tos,
		.df, .learning]')"
check "vnetfabctl show fab1: the settings line, defaults included" grep -qx \
	"    local 2001:db8::1 ttl 64 tos inherit df inherit ageing 300 learning maxaddr 16384" \
	<<<"$(ctl ipA show fab1)"

# no options at all (ip calls no parse_opt), and only an id: defaults
check "create fab2 with no options" ipp link add fab2 type vnetfab
check_info "no options: id 1" fab2 id 1
check "create fab3 with only an id" ipp link add fab3 type vnetfab id 0x10
check_eq "id 0x10 is 16; defaults: udp 4789 ttl 64 tos 0 df unset ageing 300 learning maxaddr 16384" \
	'[16,"udp",4789,64,0,"unset",300,true,16384,null,null,null]' \
	"$(ipp -d -j link show dev fab3 | jq -c '.[0].linkinfo.info_data |
		[.id, .encap, .dstport, .ttl, .tos, .df, .ageing, .learning,
		 .maxaddr, .local, .local6, .link]')"
check_info "default hold_down 5000" fab3 hold_down 5000

# each front end takes the other's words for learning: ip "learning on|off"
# (vnetfabctl's), vnetfabctl and the config file "nolearning" (ip's)
check "ip: learning off, vnetfabctl's form" ipp link set fab3 type vnetfab learning off
check_info "... learning false" fab3 learning false
check "ip: learning on" ipp link set fab3 type vnetfab learning on ttl 9
check_info "... learning true, and the ttl after it taken" fab3 learning true
check_info "... ttl 9" fab3 ttl 9
check "vnetfabctl: nolearning, ip's form" ctl ipA segment set fab3 nolearning
check_info "... learning false" fab3 learning false

# GRE: no dstport reported
if module_builtin ip_gre || modinfo ip_gre >/dev/null 2>&1; then
	check "create fab4 encap gre" ipp link add fab4 type vnetfab \
		id 4244 encap gre local 192.0.2.1
	check_eq "gre: json encap gre, no dstport" '["gre",null]' \
		"$(ipp -d -j link show dev fab4 | jq -c '.[0].linkinfo.info_data | [.encap, .dstport]')"
	check_eq "gre: vnetfabctl encap" '"gre"' "$(ctl_show fab4 encap)"
	check "delete fab4" ipp link del fab4
else
	for t in "create fab4 encap gre" "gre: json encap gre, no dstport" \
		 "gre: vnetfabctl encap" "delete fab4"; do
		ktap_result SKIP "$t" "no ip_gre"
	done
fi

# ---- run-time changes ----------------------------------------------------

check "ip link set fab0 type vnetfab ttl ageing learning df tos maxaddr" \
	ipp link set fab0 type vnetfab ttl 200 ageing 600 learning df inherit \
	tos inherit maxaddr 5
check_info "changed: ttl" fab0 ttl 200
check_info "changed: ageing" fab0 ageing 600
check_info "changed: learning" fab0 learning true
check_info "changed: df" fab0 df '"inherit"'
check_info "changed: tos" fab0 tos '"inherit"'
check_info "changed: maxaddr" fab0 maxaddr 5
check_eq "vnetfabctl -j show follows: ttl ageing learning df tos limit" \
	'[200,600,true,"inherit","inherit",5]' \
	"$(ctl ipA -j show fab0 | jq -c '.[0] | [.ttl, .ageing, .learning, .df,
		.tos, .limit]')"
check "ip link set fab0 type vnetfab hold-down 250" \
	ipp link set fab0 type vnetfab hold-down 250
check_info "changed: hold_down" fab0 hold_down 250
check "text: probe-misses 3 hold-down 250" grep -q "probe-misses 3 hold-down 250 " \
	<<<"$(ipp -d link show dev fab0)"
check "ip link set fab0 type vnetfab nolearning df unset tos 0" \
	ipp link set fab0 type vnetfab nolearning df unset tos 0
check_eq "changed back: learning df tos" '[false,"unset",0]' \
	"$(ipp -d -j link show dev fab0 | jq -c '.[0].linkinfo.info_data | [.learning, .df, .tos]')"
check_eq "creation-time values kept" '[4242,"udp","192.0.2.1",4790,"ul0"]' \
	"$(ipp -d -j link show dev fab0 | jq -c '.[0].linkinfo.info_data | [.id, .encap, .local, .dstport, .link]')"

# the kernel refuses a change of what is fixed at creation, and says so
check_err "change of id refused by the kernel, with its message" \
	"Error: .*fixed at creation" ipp link set fab0 type vnetfab id 9
check_err "change of encap refused by the kernel" "fixed at creation" \
	ipp link set fab0 type vnetfab encap gre
check_info "id unchanged after the refusal" fab0 id 4242
check "the same id again is accepted with a change" \
	ipp link set fab0 type vnetfab id 4242 ttl 9
check_info "... and the change applied" fab0 ttl 9
# a refusal by the kernel's checks at creation passes through
check_err "encap gre with dstport refused by the kernel" \
	"dstport applies to encap udp only" \
	ipp link add fabx type vnetfab id 7 encap gre dstport 5000

# ---- peers: remote -------------------------------------------------------
# IFLA_VNETFAB_PEERS: the first peers at creation, the whole new set on
# ip link set, listed by ip -d while a segment has at most 64

peers() { ctl ipA peer list dev fab6 --json | jq -r '[.[].remote] | sort | join(" ")'; }
remotes()
{
	ipp -d -j link show dev fab6 |
		jq -c '.[0].linkinfo.info_data | [(.remote | if . then sort else . end), .peers]'
}
check "create fab6 with two remotes" ipp link add fab6 type vnetfab \
	id 4247 remote 192.0.2.2 remote 192.0.2.3
check_eq "vnetfabctl lists them as its peers" "192.0.2.2 192.0.2.3" "$(peers)"
check_eq "json: remote [.2, .3], peers 2" '[["192.0.2.2","192.0.2.3"],2]' \
	"$(remotes)"
check "text: remote 192.0.2.2 remote 192.0.2.3" grep -Eq \
	"maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 remote 192.0.2.[23] remote 192.0.2.[23] " \
	<<<"$(ipp -d link show dev fab6)"
check "ip link set fab6 type vnetfab remote 192.0.2.4 remote 192.0.2.2" \
	ipp link set fab6 type vnetfab remote 192.0.2.4 remote 192.0.2.2
check_eq "... is the whole new set" "192.0.2.2 192.0.2.4" "$(peers)"
check "ip link set fab6 type vnetfab remote none" \
	ipp link set fab6 type vnetfab remote none
check_eq "... deletes every peer" '[[],0]' "$(remotes)"
ctl ipA peer add dev fab6 remote 2001:db8::2
ipp link set fab6 type vnetfab ttl 5
check_eq "a change without remote keeps the peers" "2001:db8::2" "$(peers)"
args=()
for i in $(seq 1 65); do args+=(remote "10.0.$i.1"); done
ctl ipA peer set dev fab6 "${args[@]}"
check_eq "65 peers: json gives their number only" '[null,65]' "$(remotes)"
check "... and so does the text ('peers 65')" grep -q "maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 peers 65" \
	<<<"$(ipp -d link show dev fab6)"
check_err "a multicast remote is refused by the kernel" \
	"must be a unicast IPv4 address" \
	ipp link add fabx type vnetfab id 8 remote 224.0.0.1
check_err "the same remote twice is refused by the kernel" "given twice" \
	ipp link add fabx type vnetfab id 8 remote 192.0.2.2 remote 192.0.2.2
check "delete fab6" ipp link del fab6

# ---- refused by the plugin ---------------------------------------------
# Each message names the option, the value and what is allowed; nothing
# reaches the kernel, so no device appears.

bad()	# bad PATTERN ARGS...: ip link add fabx type vnetfab ARGS must fail saying PATTERN
{
	local pat=$1
	shift
	check_err "refused: $*" "$pat" ipp link add fabx type vnetfab "$@"
}
# the messages of the parser every front end shares (../userspace/segopts.c)
bad "vnetfab: invalid ttl '300' (expected 1..255)" ttl 300
bad "vnetfab: invalid ttl '0' (expected 1..255)" ttl 0
bad "vnetfab: invalid segment id '0x1000000' (expected 1..16777215)" id 0x1000000
bad "vnetfab: invalid segment id '0' (expected 1..16777215)" id 0
bad "vnetfab: invalid segment id '-1' (expected 1..16777215)" id -1
bad "vnetfab: invalid encap 'foo' (expected udp or gre)" encap foo
bad 'vnetfab: invalid local "notanaddr" (expected an IPv4 or IPv6 address)' \
	local notanaddr
bad "vnetfab: invalid dstport '0' (expected 1..65535)" dstport 0
bad "vnetfab: invalid tos '256' (expected 0..255, 0x00..0xff or inherit)" tos 256
bad "vnetfab: invalid df 'maybe' (expected unset, set or inherit)" df maybe
bad "vnetfab: invalid ageing '1000001' (expected 1..1000000)" ageing 1000001
bad "vnetfab: invalid maxaddr '16777217' (expected 1..16777216)" \
	maxaddr 16777217
bad "vnetfab: invalid learning 'maybe' (expected on or off)" learning maybe
bad 'vnetfab: invalid dev "nosuchdev" (expected the name of an existing' \
	dev nosuchdev
bad 'vnetfab: invalid hold-down '"'600001'"': hold-down must be 0..600000 ms' \
	hold-down 600001
bad 'vnetfab: option "ttl" needs a value' id 5 ttl
bad 'vnetfab: unknown option "bogus"' id 5 bogus 1
# dump-config's "mtu N" is ip's own option, which goes before "type"
bad 'vnetfab: "mtu" is ip'"'"'s: give it before "type vnetfab"' id 5 mtu 1400
bad 'vnetfab: invalid remote "nope" (expected an IPv4 or IPv6 address, or none)' \
	id 5 remote nope
bad '"remote none" deletes every peer: give it alone' \
	id 5 remote 192.0.2.2 remote none
check_err "ip link set: bad value refused by the plugin" \
	"vnetfab: invalid ageing '0' (expected 1..1000000)" \
	ipp link set fab0 type vnetfab ageing 0
check_fail "no device made by the refused commands" ipp link show dev fabx

# ---- a port's settings: type vnetfab_slave (link_vnetfab_slave.so) --------

ipp link add pt0 type veth peer name pt1
ipp link set pt0 master fab0
check "ip link set PORT type vnetfab_slave: locked, max-macs, storm" \
	ipp link set pt0 type vnetfab_slave locked on max-macs 2 storm 100 storm-burst 10
check_eq "read back with ip -d -j link show" '[true,2,100,10]' \
	"$(ipp -d -j link show dev pt0 | jq -c '.[0].linkinfo.info_slave_data |
		[.locked, .max_macs, .storm, .storm_burst]')"
check "... as text, as ip link set takes them" \
	grep -q "vnetfab_slave locked on max-macs 2 storm 100 storm-burst 10 " \
	<<<"$(ipp -d link show dev pt0)"
check_eq "vnetfabctl port show agrees" '[true,2,100,10]' \
	"$("$VNETFABCTL" -n ipA port show pt0 --json | jq -c '.[0] |
		[.locked, .max_macs, .storm, .storm_burst]')"
ipp link set pt0 type vnetfab_slave storm off locked off
check_eq "storm off, locked off" '[false,0]' \
	"$(ipp -d -j link show dev pt0 | jq -c '.[0].linkinfo.info_slave_data | [.locked, .storm]')"
check_err "bad port value refused by the plugin" \
	'vnetfab_slave: invalid max-macs "16777217" (expected 0..16777216)' \
	ipp link set pt0 type vnetfab_slave max-macs 16777217
check_fail "port settings for a device that is no port refused" \
	ipp link set pt1 type vnetfab_slave locked on
check "ip link help vnetfab_slave" grep -q "Usage: \.\.\. vnetfab_slave \[ locked" \
	<<<"$(IP_LIB_DIR=$PLUGIN_DIR "$IPBIN" link help vnetfab_slave 2>&1)"
ipp link del pt0

# ---- Debian's ip 6.15 (bookworm-backports), when unpacked ----------------

ip615()
{
	IP_LIB_DIR=$PLUGIN_DIR "$IP615" -n ipA "$@"
}
t615=("ip 6.15 exports all the plugin calls"
      "ip 6.15: create with options" "ip 6.15: json values"
      "ip 6.15: ip link set" "ip 6.15: text" "ip 6.15: help"
      "ip 6.15: bad value refused")
if [ -x "$IP615" ] && "$IP615" -V >/dev/null 2>&1; then
	check_eq "${t615[0]}" "" "$(ip_lacks "$IP615")"
	check "${t615[1]}" ip615 link add fab5 type vnetfab id 4246 \
		local 2001:db8::1 ttl 33 df set nolearning maxaddr 77 dev ul0
	check_eq "${t615[2]}" '[4246,"2001:db8::1",33,"set",false,77,"ul0"]' \
		"$(ip615 -d -j link show dev fab5 | jq -c '.[0].linkinfo.info_data |
			[.id, .local6, .ttl, .df, .learning, .maxaddr, .link]')"
	ip615 link set fab5 type vnetfab ttl 44 learning
	check_eq "${t615[3]}" '[44,true]' \
		"$(ip615 -d -j link show dev fab5 | jq -c '.[0].linkinfo.info_data | [.ttl, .learning]')"
	check "${t615[4]}" grep -q "vnetfab id 4246 encap udp local 2001:db8::1 dstport 4789 dev ul0 ttl 44 " \
		<<<"$(ip615 -d link show dev fab5)"
	check "${t615[5]}" grep -q "Usage: \.\.\. vnetfab \[ id ID \]" \
		<<<"$(IP_LIB_DIR=$PLUGIN_DIR "$IP615" link help vnetfab)"
	check_err "${t615[6]}" "vnetfab: invalid ttl '300' (expected 1..255)" \
		ip615 link add fabx type vnetfab ttl 300
	ip615 link del fab5
else
	for t in "${t615[@]}"; do
		ktap_result SKIP "$t" "no $IP615 (scripts/ip-plugin-symbols.sh unpacks it)"
	done
fi

# ---- delete ----------------------------------------------------------------

for d in fab0 fab1 fab2 fab3; do
	check "delete $d" ipp link del "$d"
done
check_eq "no vnetfab device left" 0 "$(count_links ipA)"
ktap_finish
