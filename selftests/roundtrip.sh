#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every setting of a segment through every pair of front ends (issue 21):
# created by the ip plugin, the words ip -d link show prints are given
# to vnetfabctl segment add (the fixed ones) and segment set (the
# others), then put on a segment line of a configuration file that
# vnetfabctl apply creates, and the segment line dump-config prints goes
# back to ip link add. After each step the segment must read back equal
# to what ip link add made, in ip -d -j link show and vnetfabctl -j show.
. "$(dirname "$0")/lib.sh"

PLUGIN_DIR=$TOP/userspace/ip

[ -f "$PLUGIN_DIR/link_vnetfab.so" ] ||
	ktap_skip_all "the ip plugin is not built (make -C userspace)"
require_root
require_cmd jq ip
ktap_header
# per case: create and 2 reads, add and set, apply, dump-config and ip
# link add and delete, 3 x 2 comparisons, the settings line, the MTU
CASES=3
ktap_plan $((CASES * 18 + 1))

vnetfab_load
ns_create rtA
IPBIN=$(command -v ip)
ipp() { IP_LIB_DIR=$PLUGIN_DIR "$IPBIN" -n rtA "$@"; }

ipp link add ul0 type veth peer name ul1
ipp addr add 192.0.2.1/24 dev ul0
ipp addr add 2001:db8::1/64 dev ul0 nodad
ipp link set ul0 up
ipp link set ul1 up

# the settings of rt0 as ip -d -j link show and vnetfabctl -j show read them
ip_json() { ipp -d -j link show dev rt0 | jq -cS '.[0].linkinfo.info_data'; }
ctl_json()
{
	ctl rtA -j show rt0 | jq -cS '.[0] | {id, encap, dstport, ttl, tos, df,
		ageing, learning, limit, local, local6, link}'
}

# opts_of TEXT: the options in the vnetfab part of ip -d link show's TEXT,
# one a line, up to the first word that is none of them
opts_of()
{
	sed -n 's/.* vnetfab \(id .*\)/\1/p' <<<"$1" | tr ' ' '\n' | awk '
		/^(no)?learning$/ { print; next }
		/^(id|encap|local|dstport|dev|ttl|tos|df|ageing|maxaddr|probe|probe-misses|hold-down)$/ {
			print; if ((getline v) > 0) print v; next }
		NF { exit }'
}

# split WORDS...: the fixed ones into $fixed, the others into $runtime
split()
{
	fixed=() runtime=()
	while [ $# -gt 0 ]; do
		case $1 in
		id|encap|local|dstport|dev) fixed+=("$1" "$2"); shift 2 ;;
		learning|nolearning) runtime+=("$1"); shift ;;
		*) runtime+=("$1" "$2"); shift 2 ;;
		esac
	done
}

# settings_of WORDS...: those vnetfabctl show prints on its settings line
settings_of()
{
	local out=()
	while [ $# -gt 0 ]; do
		case $1 in
		local|dev|ttl|tos|df|ageing|maxaddr) out+=("$1" "$2"); shift 2 ;;
		learning|nolearning) out+=("$1"); shift ;;
		*) shift 2 ;;
		esac
	done
	echo "${out[*]}"
}

# same STEP: rt0 reads back as ip link add made it, in both tools
same()
{
	check_eq "$name: $1: ip -d -j link show" "$ref_ip" "$(ip_json)"
	check_eq "$name: $1: vnetfabctl -j show" "$ref_ctl" "$(ctl_json)"
}

conf=$(mktemp)
trap 'ns_cleanup; rm -f "$conf"' EXIT

# roundtrip NAME OPTIONS...: the whole way for a segment made with OPTIONS
roundtrip()
{
	local text words dump mtu
	name=$1
	shift
	check "$name: ip link add" ipp link add rt0 type vnetfab "$@"
	ref_ip=$(ip_json)
	ref_ctl=$(ctl_json)
	ref_mtu=$(ipp -j link show dev rt0 | jq '.[0].mtu')
	# every setting there (else null would equal null all the way)
	check "$name: ip -d -j link show reads it" jq -e \
		'.id and .ttl and .tos != null and .df and .ageing and .learning != null' \
		<<<"$ref_ip"
	check "$name: vnetfabctl -j show reads it" jq -e \
		'.id and .encap and .ttl and .tos != null and .df and .ageing and .learning != null and .limit' \
		<<<"$ref_ctl"

	# ip -d link show's words -> vnetfabctl segment add + segment set
	text=$(ipp -d link show dev rt0)
	mapfile -t words < <(opts_of "$text")
	split "${words[@]}"
	ipp link del rt0
	check "$name: segment add ${fixed[*]}" \
		ctl rtA segment add rt0 "${fixed[@]}"
	check "$name: segment set ${runtime[*]}" \
		ctl rtA segment set rt0 "${runtime[@]}"
	same "ip words -> vnetfabctl segment add/set"

	# vnetfabctl show's settings line: ip's words of those settings
	check_eq "$name: vnetfabctl show's settings line in ip's words" \
		"$(settings_of "${words[@]}")" \
		"$(ctl rtA show rt0 | sed -n '2s/^ *//p')"

	# the same words on a configuration file's segment line -> apply
	ctl rtA segment del rt0
	echo "segment rt0 ${words[*]}" >"$conf"
	check "$name: apply 'segment rt0 ${words[*]}'" ctl rtA apply "$conf"
	same "ip words -> config file -> apply"

	# dump-config's segment line -> ip link add
	dump=$(ctl rtA dump-config | sed -n 's/^segment rt0 //p')
	check "$name: dump-config prints rt0" test -n "$dump"
	check "$name: apply /dev/null" ctl rtA apply /dev/null
	# its "mtu N" is ip's own option, before "type"
	mtu=$(sed -n 's/.* \(mtu [0-9]*\).*/\1/p' <<<"$dump")
	dump=$(sed 's/ mtu [0-9]*//' <<<"$dump")
	# shellcheck disable=SC2086 # the words of the line
	check "$name: ip link add rt0 $mtu type vnetfab $dump" \
		ipp link add rt0 $mtu type vnetfab $dump
	check_eq "$name: dump-config -> ip link add: mtu" "$ref_mtu" \
		"$(ipp -j link show dev rt0 | jq '.[0].mtu')"
	same "dump-config -> ip link add"
	check "$name: delete" ipp link del rt0
}

roundtrip "ipv4, every setting off its default" id 4301 encap udp \
	local 192.0.2.1 dstport 4791 dev ul0 ttl 17 tos 0x20 df set \
	ageing 121 nolearning maxaddr 1001 probe 500 probe-misses 4 \
	hold-down 7000
roundtrip "ipv6, the inherit forms, the limits" id 0xffffff encap udp \
	local 2001:db8::1 dstport 65535 ttl 255 tos inherit df inherit \
	ageing 1000000 learning maxaddr 16777216 probe off probe-misses 255 \
	hold-down 0
roundtrip "gre, the low limits" id 1 encap gre local 192.0.2.1 dev ul0 \
	ttl 1 tos 0xff df unset ageing 1 nolearning maxaddr 1 probe 60000 \
	probe-misses 2 hold-down 600000

check_eq "no vnetfab device left" 0 "$(count_links rtA)"
ktap_finish
