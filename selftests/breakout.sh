#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# Controlled break-out (README's "Break-out to the outside"): VMs on
# fab100, vm1 on h1 and vm2 on h2, reach an outside network through a
# third host, gw, that carries the segment: its fab100 has the address
# 198.51.100.254, the VMs' default route, and its uplink up0 leads to
# netns "inet", which plays the outside world with three servers,
# 198.18.0.10, .20 and .30, and knows no route to the VMs' subnet. gw
# loads the operator's nftables file, Documentation/breakout.nft, as it
# is: masquerade, an allow-list of one destination (198.18.0.10), all
# else the VMs send out dropped and counted, TCP port 8080 of gw
# forwarded to port 80 of vm2. Checked: the allowed destination answers
# pings and TCP, and sees gw's address; 5 pings and 3 UDP datagrams to
# the others are dropped, the counter says 8 and the outside saw none;
# an address added to the allow-list while running is reachable at once;
# the outside reaches vm2's port 80 through gw's 8080, vm2 seeing the
# outside client's address, and no VM directly; a file whose allow-list
# entry is no address is refused naming its line, nothing changed.
# Encapsulation-independent (routing and nftables on gw's segment
# device): one run, UDP.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd nft ping /usr/bin/python3 unshare
ktap_header
ktap_plan 15

RULES=$TOP/Documentation/breakout.nft
T=$(mktemp -d)
pids=()
cleanup()
{
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
	ns_cleanup
	rm -rf "$T"
}
trap cleanup EXIT

GW=198.51.100.254 A1=198.51.100.1 A2=198.51.100.2
UP=203.0.113.1 OUT=203.0.113.254		# gw's up0, inet's end of it
ALLOWED=198.18.0.10 REFUSED=198.18.0.20 REFUSED2=198.18.0.30

vnetfab_load
topo_segment fab100 100 h1 h2 gw
vm_add h1 vm1 fab100 02:00:00:00:01:01 $A1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 $A2/24 -
ip -n vm1 route add default via $GW
ip -n vm2 route add default via $GW
ns_create inet
ip -n gw -batch - <<-EOF
	addr add $GW/24 dev fab100
	link add up0 type veth peer name gw0 netns inet
	addr add $UP/24 dev up0
	link set up0 up
	route add default via $OUT
EOF
ip netns exec gw sysctl -qw net.ipv4.ip_forward=1
ip -n inet -batch - <<-EOF
	addr add $OUT/24 dev gw0
	link set gw0 up
	addr add $ALLOWED/32 dev lo
	addr add $REFUSED/32 dev lo
	addr add $REFUSED2/32 dev lo
EOF

# serve NS ADDR PORT: a TCP server on ADDR:PORT in NS that answers each
# connection with "you are PEER" and closes it
serve()
{
	ip netns exec "$1" /usr/bin/python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen()
while True:
    c, peer = s.accept()
    c.sendall(b"you are %s\n" % peer[0].encode())
    c.close()' "$2" "$3" &
	pids+=($!)
}
# listening NS ADDR PORT: a TCP socket listens on ADDR:PORT in NS
listening() { ip netns exec "$1" ss -Htln | grep -q " $2:$3 "; }
# tcp_get NS ADDR PORT: what a TCP connection from NS to ADDR:PORT reads
tcp_get()
{
	ip netns exec "$1" timeout $((5 * SLOW)) \
		bash -c 'exec 3<>"/dev/tcp/$0/$1" && cat <&3' "$2" "$3"
}
# counted NS TABLE COUNTER: the packets of a named nftables counter
counted()
{
	ip netns exec "$1" nft list counter ip "$2" "$3" |
		sed -n 's/.*packets \([0-9]*\) .*/\1/p'
}

serve inet $ALLOWED 80
serve vm2 $A2 80
slowwait 10 listening inet $ALLOWED 80
slowwait 10 listening vm2 $A2 80
# the outside's own view: what reaches the refused servers
ip netns exec inet nft -f - <<-EOF
	table ip watch {
		chain input {
			type filter hook input priority filter;
			ip daddr { $REFUSED, $REFUSED2 } counter
		}
	}
EOF

check "gw loads the operator's file, $(basename "$RULES")" \
	ip netns exec gw nft -f "$RULES"
check "vm1 reaches its gateway, gw's fab100 ($GW)" ping_ok vm1 $GW
check "vm1 pings the allowed $ALLOWED" ping_ok vm1 $ALLOWED
check_eq "vm2 talks TCP to $ALLOWED:80, which sees gw's address (masquerade)" \
	"you are $UP" "$(tcp_get vm2 $ALLOWED 80)"

# refused: 5 pings and 3 UDP datagrams, 8 packets for the counter
check_fail "5 pings from vm1 to the refused $REFUSED: none answered" \
	ip netns exec vm1 ping -c 5 -i 0.2 -W $((1 * SLOW)) $REFUSED
check "3 UDP datagrams from vm2 to the refused $REFUSED2:9 (sent)" \
	ip netns exec vm2 bash -c \
	"for i in 1 2 3; do echo \$i >/dev/udp/$REFUSED2/9 || exit 1; done"
check_eq "gw counted 8 refused packets" 8 "$(counted gw vnetfab_breakout refused)"
check_eq "... and the outside saw none of them" 0 \
	"$(ip netns exec inet nft list chain ip watch input |
		sed -n 's/.*packets \([0-9]*\) .*/\1/p')"
check "the refused $REFUSED is there: gw itself pings it" \
	ip netns exec gw ping -c 1 -W $((2 * SLOW)) $REFUSED
check "allowed while running (nft add element ... allowed { $REFUSED }): vm1 pings it" \
	sh -c "ip netns exec gw nft add element ip vnetfab_breakout allowed { $REFUSED } &&
		ip netns exec vm1 ping -c 1 -W $((2 * SLOW)) $REFUSED"

# the port forward, and no way in besides it
check_eq "from the outside, gw's $UP:8080 is vm2's port 80, which sees the client" \
	"you are $OUT" "$(tcp_get inet $UP 8080)"
ip -n inet route add 198.51.100.0/24 via $UP
check_fail "the outside, with a route to the VMs' subnet, still reaches no VM" \
	ip netns exec inet ping -c 1 -W $((1 * SLOW)) $A1

# bad input: an allow-list entry that is no address, refused naming the
# file and the line, and the running ruleset left as it was (nft applies
# a file in one transaction). nft asks the resolver for a word it cannot
# read as an address, but glibc answers "not found" for a name of digits
# and dots without asking a server; the private resolv.conf (127.0.0.1,
# in gw's netns) makes sure that no query could leave gw anyway.
sed 's/^define ALLOWED = { 198.18.0.10 }/define ALLOWED = { 198.18.0.10, 198.18.0.300 }/' \
	"$RULES" >"$T/bad.nft"
line=$(grep -n '^define ALLOWED' "$T/bad.nft" | cut -d: -f1)
echo "nameserver 127.0.0.1" >"$T/resolv.conf"
before=$(ip netns exec gw nft list ruleset)
check_err "an allow-list entry 198.18.0.300 is refused, naming file and line" \
	"bad.nft:$line:[0-9-]*: Error" \
	ip netns exec gw unshare -m sh -c \
	'[ ! -e /etc/resolv.conf ] || mount --bind "$0" /etc/resolv.conf; exec nft -f "$1"' \
	"$T/resolv.conf" "$T/bad.nft"
check_eq "... and gw's ruleset is unchanged" "$before" \
	"$(ip netns exec gw nft list ruleset)"
check "... and still applied: vm1 pings $ALLOWED" ping_ok vm1 $ALLOWED
ktap_finish
