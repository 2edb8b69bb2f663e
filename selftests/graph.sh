#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vnetfabctl graph: each host's view (--json) of a known traffic pattern,
# merged into one picture of the fabric that Graphviz's dot draws. Three
# hosts: fab100 in full mesh (its peers recognised by the hosts'
# addresses), fab200 between h1 and h2 only (by the segments' local
# addresses), and on h3 a peer that is no host (192.0.2.99, probe off).
# Traffic: 20 pings of 1000 bytes from vm1 on h1 to vm2 on h2, none to
# h3; the counts on the edges must be those of the hosts' JSON.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq ping dot
ktap_header
ktap_plan 25

T=$(mktemp -d)
trap 'ns_cleanup; rm -rf "$T"' EXIT

vnetfab_load
topo_underlay h1 h2 h3
for h in h1 h2 h3; do
	seg_add $h fab100 100
done
seg_mesh fab100 4 h1 h2 h3
seg_add h1 fab200 200 local 192.0.2.1
seg_add h2 fab200 200 local 192.0.2.2
ctl h1 peer add dev fab200 remote 192.0.2.2
ctl h2 peer add dev fab200 remote 192.0.2.1
ctl h3 peer add dev fab100 remote 192.0.2.99 probe off
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:02:01 198.51.100.2/24 -
vm_add h1 vm1b fab200 02:00:00:00:01:02 198.51.100.11/24 -

# views HOST... SUFFIX: each HOST's graph --json in $T/HOST.SUFFIX.json
views()
{
	local h sfx=${*: -1}
	for h in "${@:1:$#-1}"; do
		ctl "$h" graph --json >"$T/$h.$sfx.json" || return 1
	done
}
# peer FILE SEG REMOTE KEY: KEY of peer REMOTE of SEG in a view
peer()
{
	jq -r --arg s "$2" --arg r "$3" --arg k "$4" \
		'.segments[] | select(.ifname == $s) | .peers[] | select(.remote == $r) | .[$k]' "$1"
}
# tx FILE SEG REMOTE: its tx_packets
tx() { peer "$1" "$2" "$3" tx_packets; }
# grown HOST SEG REMOTE KEY: how much KEY grew from HOST's view before
# to its view after, or "?"
grown()
{
	local a b
	a=$(peer "$T/$1.after.json" "$2" "$3" "$4")
	b=$(peer "$T/$1.before.json" "$2" "$3" "$4")
	[[ $a =~ ^[0-9]+$ && $b =~ ^[0-9]+$ ]] && echo $((a - b)) || echo "?"
}
# num VALUE: VALUE if it is a count, else a message (so that no two
# missing values compare equal)
num() { [[ $1 =~ ^[0-9]+$ ]] && echo "$1" || echo "not a count: '$1'"; }
# sent DOTLINE HOST: N of "HOST sent N pkts" in an edge's label
sent() { echo "$1" | sed -n "s/.*[\"n]$2 sent \([0-9]*\) pkts.*/\1/p"; }
# edge FROM TO: the line of the edge between two nodes of the merged DOT
edge() { grep -F "\"$1\" -> \"$2\" [" "$T/merged.dot"; }
# has_line LINE: the merged DOT has the line LINE (its tabs included)
has_line() { grep -qxF -- "$1" "$T/merged.dot"; }
# svg_of FILE PATTERN: FILE is an SVG with PATTERN in it
svg_of() { grep -q '<svg' "$1" && grep -q "$2" "$1"; }

# the MACs learned and the ARP resolved, then the counters before
ping_ok vm1 198.51.100.2
views h1 h2 h3 before
check "20 pings of 1000 bytes from vm1 (h1) to vm2 (h2)" \
	ip netns exec vm1 ping -q -c 20 -i 0.2 -s 1000 -W $((2 * SLOW)) 198.51.100.2
check "graph --json of each host" views h1 h2 h3 after
for h in h1 h2 h3; do
	cp "$T/$h.after.json" "$T/$h.json"
done
F=("$T/h1.json" "$T/h2.json" "$T/h3.json")

check_eq "each view is named by its netns (-n)" "h1 h2 h3" \
	"$(jq -r .host "${F[@]}" | tr '\n' ' ' | sed 's/ $//')"
check_eq "h1's view: its segments, ports and fab200's local address" \
	"fab100 vm1 - fab200 vm1b 192.0.2.1" \
	"$(jq -r '.segments[] | "\(.ifname) \(.ports | join(",")) \(.local // "-")"' "$T/h1.json" |
		tr '\n' ' ' | sed 's/ $//')"
check "h1's view: its underlay address" \
	jq -e '.addresses | index("192.0.2.1")' "$T/h1.json"

d12=$(grown h1 fab100 192.0.2.2 tx_packets)
b12=$(grown h1 fab100 192.0.2.2 tx_bytes)
d21=$(grown h2 fab100 192.0.2.1 tx_packets)
d13=$(grown h1 fab100 192.0.2.3 tx_packets)
echo "# h1 -> h2: $d12 packets, $b12 bytes; h2 -> h1: $d21; h1 -> h3: $d13"
check "h1 sent the 20 pings to h2 (fab100)" test "$d12" -ge 20
check "... of 1000 bytes each" test "$b12" -ge 20000
check "h2 sent the 20 replies to h1" test "$d21" -ge 20
# to h3 only what is not the pings: an ARP broadcast, liveness probes
check "h1 sent h3 fewer frames than the pings" test "$d13" -lt 20

"$VNETFABCTL" graph "${F[@]}" >"$T/merged.dot"
check "graph of the three views" test -s "$T/merged.dot"
dot -Tsvg "$T/merged.dot" >"$T/merged.svg"
check "dot draws it (SVG)" svg_of "$T/merged.svg" "h1 sent"

# fab100: a peer entry of each host to each other, 3 pairs, one edge each
l12=$(edge h1/fab100 h2/fab100)
l13=$(edge h1/fab100 h3/fab100)
check_eq "edge h1-h2 (fab100): h1's tx_packets to h2" \
	"$(num "$(tx "$T/h1.json" fab100 192.0.2.2)")" "$(sent "$l12" h1)"
check_eq "edge h1-h2 (fab100): h2's tx_packets to h1" \
	"$(num "$(tx "$T/h2.json" fab100 192.0.2.1)")" "$(sent "$l12" h2)"
check_eq "edge h1-h3 (fab100): h1's tx_packets to h3" \
	"$(num "$(tx "$T/h1.json" fab100 192.0.2.3)")" "$(sent "$l13" h1)"
check_eq "edge h2-h3 (fab100): h3's tx_packets to h2" \
	"$(num "$(tx "$T/h3.json" fab100 192.0.2.2)")" "$(sent "$(edge h2/fab100 h3/fab100)" h3)"
# fab200: recognised by the segments' local addresses
check_eq "edge h1-h2 (fab200): h2's tx_packets to h1" \
	"$(num "$(tx "$T/h2.json" fab200 192.0.2.1)")" "$(sent "$(edge h1/fab200 h2/fab200)" h2)"

# 9 peer entries (fab100: 2 + 2 + 3, fab200: 1 + 1); 4 of them are the
# reverse of another (h1-h2, h1-h3, h2-h3 on fab100, h1-h2 on fab200)
check_eq "peer entries across the hosts" 9 \
	"$(jq -s '[.[].segments[].peers | length] | add' "${F[@]}")"
check_eq "edges: the entries less the 4 reverse ones" 5 \
	"$(grep -c ' pkts, ' "$T/merged.dot")"
check_eq "the DOT says so" \
	"// vnetfabctl graph: 3 hosts, 5 segments, 9 peer entries, 5 edges" \
	"$(head -n 1 "$T/merged.dot")"
check "the peer that is no host is a node of its address" \
	has_line $'\t"192.0.2.99" [shape=box, style=dashed];'
check_eq "... with an edge from h3's fab100: h3's tx_packets to it" \
	"$(num "$(tx "$T/h3.json" fab100 192.0.2.99)")" "$(sent "$(edge h3/fab100 192.0.2.99)" h3)"
check_eq "no host is drawn as an address" 0 \
	"$(grep -c '"192\.0\.2\.[123]"' "$T/merged.dot")"
check "a port is drawn on its segment" \
	has_line $'\t\t"h1/fab100/vm1" -> "h1/fab100" [dir=none];'

# one host alone, from the kernel: its peers are addresses
ctl h1 graph --svg "$T/h1.svg"
check "graph --svg FILE of one host writes an SVG" svg_of "$T/h1.svg" "192.0.2.3"

printf '{"host":"h9","segments":[{"ifname":"fab100","id":100,"encap":"udp",' >"$T/bad.json"
check_err "a truncated view is refused, naming the file and the place" \
	"bad.json: line 1, column 68: unexpected end of the text (expected a string key)" \
	"$VNETFABCTL" graph "${F[@]}" "$T/bad.json"
ktap_finish
