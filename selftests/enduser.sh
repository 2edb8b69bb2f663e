#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# An end user behind NAT, encrypted (README's "End users behind NAT"):
# the user's Linux machine, netns "user", has no vnetfab, only a stock
# vxlan device; it sits behind a home router, netns "nat", which
# masquerades it behind its outside address on the underlay (192.0.2.2)
# with nftables, and is its only way out. The host h1 (192.0.2.1)
# carries fab100 with vm1 on a port. WireGuard, set up by wg-quick from
# the files of the recipe, joins them: the host listens, knows the user
# by key alone (no Endpoint), the user names the host's address and
# keeps the NAT's mapping open (PersistentKeepalive); fab100's peer is
# the user's WireGuard address, vx0's remote the host's. Checked: the
# host sees the user at the NAT's address; pings both ways; a non-IP
# frame (0x88b5) of the full MTU arrives byte-exact both ways; the MTUs
# are the recipe's (wg0 1500 - 60, vx0, fab100 and the VM 1440 - 50), a
# 1400-byte ping arrives (fragmented by its sender) both ways, a
# full-MTU ping with DF arrives both ways without a fragment made
# anywhere, one byte more gets "message too long" naming the MTU; on
# the host's underlay, between NAT and host, a capture sees only
# WireGuard's UDP and never the frames' payload, which a capture on the
# host's wg0 does see (so the check can fail).
# Encapsulation-specific to the user's side (a stock vxlan device): one
# run, UDP.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd wg wg-quick nft tcpdump ping od
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
modprobe wireguard 2>/dev/null || module_builtin wireguard ||
	ktap_skip_all "needs the wireguard module"
modprobe vxlan 2>/dev/null
ktap_header
ktap_plan 19

T=$(mktemp -d)
pids=()
cleanup()
{
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
	ns_cleanup
	rm -rf "$T"
}
trap cleanup EXIT

H1=192.0.2.1 NAT_OUT=192.0.2.2		# the host's and the NAT's public addresses
LAN_GW=192.168.1.1 LAN_USER=192.168.1.2	# the home LAN behind the NAT
WG_HOST=10.100.0.1 WG_USER=10.100.0.2	# WireGuard addresses
WG_PORT=51820
A_VM=198.51.100.1 A_USER=198.51.100.100	# on segment 100
M_VM=02:00:00:00:01:01 M_USER=02:00:00:00:0e:01
# the MTUs of the recipe: the underlay's 1500, less WireGuard over IPv4
# (IPv4 20, UDP 8, WireGuard 32), less VXLAN over IPv4 (IPv4 20, UDP 8,
# VXLAN 8, inner Ethernet 14)
WG_MTU=$((1500 - 60))
MTU=$((WG_MTU - 50))
PATTERN=WIREGUARD-HIDES-THIS-FRAME-

vnetfab_load
# the underlay: h1 and the NAT's outside interface (both "ul0"); quiet
# (no IPv6 there), so that a capture sees only what the test sends
topo_underlay h1 nat
for ns in ul nat; do
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
ip netns exec h1 sysctl -qw net.ipv6.conf.ul0.disable_ipv6=1
# the user's machine, whose one link leads to the NAT
ns_create user
ip netns exec user sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	net.ipv6.conf.default.disable_ipv6=1
ip -n nat -batch - <<-EOF
	link add lan0 type veth peer name eth0 netns user
	addr add $LAN_GW/24 dev lan0
	link set lan0 up
EOF
ip -n user -batch - <<-EOF
	addr add $LAN_USER/24 dev eth0
	link set eth0 up
	route add default via $LAN_GW
EOF
ip netns exec nat sysctl -qw net.ipv4.ip_forward=1
ip netns exec nat nft -f - <<-EOF
	table ip homerouter {
		chain postrouting {
			type nat hook postrouting priority srcnat;
			oifname "ul0" masquerade
		}
	}
EOF

# the host's segment and VM, MTUs as the recipe says
seg_add h1 fab100 100
ip -n h1 link set fab100 mtu $MTU
vm_add h1 vm1 fab100 $M_VM $A_VM/24 -
ip -n vm1 link set eth0 mtu $MTU

# the wg-quick files: the host's with a ListenPort and a peer with no
# Endpoint, the user's with the host's address and a keepalive
umask 077
mkdir "$T/h1" "$T/user"
hkey=$(wg genkey) ukey=$(wg genkey)
cat >"$T/h1/wg0.conf" <<-EOF
	[Interface]
	PrivateKey = $hkey
	Address = $WG_HOST/24
	ListenPort = $WG_PORT
	MTU = $WG_MTU

	[Peer]
	PublicKey = $(wg pubkey <<<"$ukey")
	AllowedIPs = $WG_USER/32
EOF
cat >"$T/user/wg0.conf" <<-EOF
	[Interface]
	PrivateKey = $ukey
	Address = $WG_USER/24
	MTU = $WG_MTU

	[Peer]
	PublicKey = $(wg pubkey <<<"$hkey")
	Endpoint = $H1:$WG_PORT
	AllowedIPs = $WG_HOST/32
	PersistentKeepalive = 25
EOF
umask 022

check "host: wg-quick up (ListenPort $WG_PORT, the user's key, no Endpoint)" \
	ip netns exec h1 wg-quick up "$T/h1/wg0.conf"
check "user: wg-quick up (Endpoint $H1:$WG_PORT, PersistentKeepalive)" \
	ip netns exec user wg-quick up "$T/user/wg0.conf"
# the host's side: the user's WireGuard address is a peer of fab100
ctl h1 peer add dev fab100 remote $WG_USER
# the user's side: a stock vxlan device to the host's WireGuard address
ip -n user -batch - <<-EOF
	link add vx0 address $M_USER mtu $MTU type vxlan id 100 dstport 4789 remote $WG_HOST local $WG_USER
	addr add $A_USER/24 dev vx0
	link set vx0 up
EOF

# handshaken: the user's handshake reached the host, which sees it at
# the NAT's outside address (masqueraded), not its LAN address
handshaken()
{
	local hs ep
	hs=$(ip netns exec h1 wg show wg0 latest-handshakes | awk '{ print $2 }')
	ep=$(ip netns exec h1 wg show wg0 endpoints | awk '{ print $2 }')
	echo "latest handshake: ${hs:-none}, endpoint: ${ep:-none}"
	[ "${hs:-0}" -gt 0 ] && [ "${ep%:*}" = $NAT_OUT ]
}
# (once more after the wait, to show what the host saw)
check "the host has a handshake with the user, at the NAT's address $NAT_OUT" \
	eval 'slowwait 10 handshaken || handshaken'

# (sysfs is per netns: read each in its own)
mtu_of() { ip netns exec "$1" cat "/sys/class/net/$2/mtu"; }
check_eq "MTUs: wg0 $WG_MTU (host, user); vx0, fab100, the VM's eth0 $MTU" \
	"$WG_MTU $WG_MTU $MTU $MTU $MTU" \
	"$(mtu_of h1 wg0) $(mtu_of user wg0) $(mtu_of user vx0) $(mtu_of h1 fab100) $(mtu_of vm1 eth0)"

check "the user's machine (vx0, $A_USER) pings the VM ($A_VM)" ping_ok user $A_VM
check "the VM pings the user's machine" ping_ok vm1 $A_USER
# counted: fab100 counts frames from and to the user's address
counted()
{
	local rx tx
	rx=$(peer_stat h1 fab100 $WG_USER rx_packets)
	tx=$(peer_stat h1 fab100 $WG_USER tx_packets)
	echo "rx_packets $rx, tx_packets $tx"
	positive "$rx" && positive "$tx"
}
check "fab100 counts frames from and to its peer $WG_USER (the user)" counted

# frag_creates NS...: the fragments the IPv4 stacks of NS... have made
frag_creates()
{
	local ns n=0
	for ns in "$@"; do
		n=$((n + $(ip netns exec "$ns" awk '$1 == "Ip:" { if (!c) {
			for (i = 2; i <= NF; i++) if ($i == "FragCreates") c = i
			} else print $c }' /proc/net/snmp)))
	done
	echo $n
}

# ---- frames, and what the wire between NAT and host shows of them ----------
# a non-IP frame of the full MTU, its payload the pattern over and over
payload=
while [ ${#payload} -lt $MTU ]; do payload+=$PATTERN; done
hex=$(printf %s "${payload:0:$MTU}" | od -An -v -tx1 | tr -d ' \n')
TO_VM=${M_VM//:/}${M_USER//:/}88b5$hex
TO_USER=${M_USER//:/}${M_VM//:/}88b5$hex

# capture NS DEV FILE: tcpdump on DEV in NS writing FILE, once it listens
capture()
{
	ip netns exec "$1" tcpdump -i "$2" -nn -U --immediate-mode -Z root -w "$3" \
		2>"$3.err" &
	pids+=($!)
	slowwait 5 grep -q "listening on" "$3.err"
}
# exact SRC_NS SRC_DEV DST_NS DST_DEV SRCMAC HEX: the frame HEX sent on
# SRC_DEV arrives at DST_DEV as it was sent
exact()
{
	local pid got
	ip netns exec "$3" "$RAWFRAME" recv "$4" "$5" $((5000 * SLOW)) 1 88b5 \
		>"$T/rx" &
	pid=$!
	wait_listeners "$3" || { kill $pid; return 1; }
	ip netns exec "$1" "$RAWFRAME" send "$2" "$6" || { kill $pid; return 1; }
	wait $pid || { echo "no frame arrived"; return 1; }
	got=$(cat "$T/rx")
	[ "$got" = "$6" ] || { echo "sent $6"; echo "got  $got"; return 1; }
}

capture h1 ul0 "$T/ul0.pcap"
capture h1 wg0 "$T/wg0.pcap"
frag0=$(frag_creates user h1)
check "a $((MTU + 14))-byte 0x88b5 frame from the user arrives byte-exact at the VM" \
	exact user vx0 vm1 eth0 $M_USER "$TO_VM"
check "... and one from the VM at the user's vx0" \
	exact vm1 eth0 user vx0 $M_VM "$TO_USER"
check_eq "... neither fragmented on the way (FragCreates of user and host)" \
	"$frag0" "$(frag_creates user h1)"
# the captures are processes of their own: give them time to write what
# crossed (the two frames on wg0, their two WireGuard packets on ul0)
# before they are stopped; a check below fails if it never comes
size_at_least() { [ "$(stat -c %s "$1")" -ge "$2" ]; }
slowwait 5 size_at_least "$T/wg0.pcap" $((2 * MTU))
slowwait 5 size_at_least "$T/ul0.pcap" $((2 * MTU))
kill "${pids[@]}"
wait "${pids[@]}" 2>/dev/null
pids=()

# on the underlay: WireGuard between the NAT's outside address and the
# host's port, and nothing else but ARP
wg_between="udp and host $NAT_OUT and host $H1 and port $WG_PORT"
n_wg=$(tcpdump -r "$T/ul0.pcap" -nn "$wg_between" 2>/dev/null | wc -l)
others=$(tcpdump -r "$T/ul0.pcap" -nn "not ($wg_between) and not arp" 2>/dev/null)
only_wg() { echo "$others"; [ "$n_wg" -ge 2 ] && [ -z "$others" ]; }
check "host's underlay: $n_wg packets, all WireGuard UDP $NAT_OUT <-> $H1:$WG_PORT" \
	only_wg
pat_count() { grep -a -o -- "$PATTERN" "$1" | wc -l; }
check_eq "... and the frames' payload ($PATTERN) nowhere in it" \
	0 "$(pat_count "$T/ul0.pcap")"
check "the host's wg0 capture does show it (the check above can fail)" \
	positive "$(pat_count "$T/wg0.pcap")"

# ---- MTU ----------------------------------------------------------------
# big NS ADDR SIZE [WAIT [ARGS]]: a ping of SIZE bytes of payload,
# answered within WAIT seconds (default 2)
big()
{
	ip netns exec "$1" ping -c 1 -W $((${4:-2} * SLOW)) -s "$3" "${@:5}" "$2"
}
check "a 1400-byte ping from the user arrives (fragmented by its sender)" \
	big user $A_VM 1400
check "... and from the VM" big vm1 $A_USER 1400
full=$((MTU - 28))
# unfragmented NS ADDR: a full-MTU ping with DF is answered, and no
# stack on its way made a fragment of it or its reply (wireguard's
# outer packets do not have DF: a miscounted MTU shows here)
unfragmented()
{
	local f0=$(frag_creates user h1 vm1) f1
	big "$1" "$2" $full 2 -M do || return 1
	f1=$(frag_creates user h1 vm1)
	[ "$f1" = "$f0" ] || { echo "FragCreates $f0 -> $f1"; return 1; }
}
check "a full-MTU ping ($MTU bytes, DF) from the user arrives, unfragmented" \
	unfragmented user $A_VM
check "... and from the VM" unfragmented vm1 $A_USER
# over NS ADDR: one byte more than the MTU with DF: ping fails saying so
# (a local "message too long" or an ICMP "frag needed"), naming the MTU
over()
{
	local out
	out=$(big "$1" "$2" $((full + 1)) 1 -M do 2>&1) &&
		{ echo "$out"; echo "answered"; return 1; }
	echo "$out"
	[ "$(reported_mtu "$out")" = $MTU ]
}
check "one byte over, from the user: an error naming mtu $MTU" over user $A_VM
check "... and from the VM" over vm1 $A_USER
ktap_finish
