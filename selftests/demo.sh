#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boots a 6.12 guest and builds a small fabric there: three
# hosts (network namespaces) on an underlay, each with two VMs on two
# segments: segment 100 carried between hosts in UDP (VXLAN format),
# segment 200 in GRE. Shows the VMs talking across hosts, the isolation
# of the segments, a stock Linux gretap device joining the GRE segment,
# a host found dead and back by peer liveness, a stream failing over to
# a second underlay network and back, and what each host's vnetfab
# learned.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" != --in-guest ]; then
	make -s -C "$top/userspace"
	make -s -C "$top/selftests/tools"
	exec "$top/selftests/vm/run" --kernel "${VNETFAB_DEMO_KERNEL:-6.12}" \
		-- selftests/demo.sh --in-guest
fi

cd "$top"
. selftests/lib.sh
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; eval "$@"; }
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

modprobe vnetfab
step "3 hosts on an underlay 192.0.2.0/24 (a 4th comes later); on each, segment 100 (UDP) and segment 200 (GRE)"
topo_underlay host1 host2 host3 host4
for h in host1 host2 host3; do
	seg_add $h fab100 100 encap udp
	seg_add $h fab200 200 encap gre
done
seg_mesh fab100 4 host1 host2 host3
seg_mesh fab200 4 host1 host2 host3
for i in 1 2 3; do
	vm_add host$i vm${i}a fab100 02:00:00:00:0$i:0a 198.51.100.$i/24 2001:db8:100::$i/64
	vm_add host$i vm${i}b fab200 02:00:00:00:0$i:0b 203.0.113.$i/24 2001:db8:200::$i/64
done
say ip netns exec host1 userspace/vnetfabctl show
say ip netns exec host1 userspace/vnetfabctl peer list dev fab100

step "VMs on segment 100 talk across hosts, IPv4 and IPv6"
say ip netns exec vm1a ping -c 2 198.51.100.2
say ip netns exec vm1a ping -c 2 198.51.100.3
say ip netns exec vm3a ping -c 2 2001:db8:100::2
step "segment 200 is another Ethernet, carried in GRE"
say ip netns exec vm2b ping -c 2 203.0.113.3
step "host4, without vnetfab, joins segment 200 through host1 with a stock gretap device, key 200"
say ip netns exec host1 userspace/vnetfabctl peer add dev fab200 remote 192.0.2.4
say ip -n host4 link add gt200 type gretap key 200 local 192.0.2.4 remote 192.0.2.1
say ip -n host4 addr add 203.0.113.4/24 dev gt200
say ip -n host4 link set gt200 up
say ip netns exec vm1b ping -c 2 203.0.113.4
step "segment 100 cannot reach segment 200, even with an address in its subnet"
say ip -n vm1a addr add 203.0.113.101/24 dev eth0
say "ip netns exec vm1a ping -c 2 -W 1 203.0.113.2 || echo '(no reply: the segments are isolated)'"

step "host3's underlay link fails: host1 finds it down in under half a second (probes every 100 ms, 3 missed), stops sending to it, and takes it back when the link returns"
say ip netns exec host1 userspace/vnetfabctl segment set fab100 probe 100
ip netns exec host1 userspace/vnetfabctl monitor dev fab100 2>/dev/null |
	grep --line-buffered peer_ &
host3_is() { [ "$(ip netns exec host1 userspace/vnetfabctl peer list dev fab100 --json |
	jq -r '.[] | select(.remote == "192.0.2.3") | .state')" = "$1" ]; }
slowwait 5 host3_is up
say ip -n ul link set phost3 down
slowwait 5 host3_is down
say ip netns exec host1 userspace/vnetfabctl peer list dev fab100
say ip netns exec vm1a ping -c 2 198.51.100.2
say ip -n ul link set phost3 up
slowwait 5 host3_is up
say ip netns exec vm1a ping -c 2 198.51.100.3
kill %1 2>/dev/null || true

step "host1 and host2 also share a second underlay, 198.18.0.0/24: each becomes the other's peer at both addresses. A ping every 10 ms from vm1a to vm2a keeps going while host2's first link fails (frames move to the second path in about 0.3 s) and returns (frames go back after the 1 s hold-down)"
ns_create ul2
ip -n ul2 link add br0 type bridge
ip -n ul2 link set br0 up
for i in 1 2; do
	ip -n ul2 link add qhost$i type veth peer name ul1 netns host$i
	ip -n ul2 link set qhost$i master br0 up
	ip -n host$i addr add 198.18.0.$i/24 dev ul1
	ip -n host$i link set ul1 up
done
say ip netns exec host1 userspace/vnetfabctl segment set fab100 probe 100 hold-down 1000
say ip netns exec host2 userspace/vnetfabctl segment set fab100 probe 100 hold-down 1000
say ip netns exec host1 userspace/vnetfabctl peer set dev fab100 remote 192.0.2.2 path 198.18.0.2 remote 192.0.2.3
say ip netns exec host2 userspace/vnetfabctl peer set dev fab100 remote 192.0.2.1 path 198.18.0.1 remote 192.0.2.3
host2_path() { [ "$(ip netns exec host1 userspace/vnetfabctl peer list dev fab100 --json |
	jq -r '.[] | select(.remote == "192.0.2.2") | [.active_path, (.paths[].state)] | join(" ")')" = "$1" ]; }
slowwait 10 host2_path "0 up up"
say ip netns exec host1 userspace/vnetfabctl peer list dev fab100
ip netns exec host1 userspace/vnetfabctl monitor dev fab100 2>/dev/null |
	grep --line-buffered path_ &
mon_pid=$!
ip netns exec vm1a ping -D -n -i 0.01 198.51.100.2 >/tmp/demo.ping 2>&1 &
ping_pid=$!
slowwait 5 grep -q 'bytes from' /tmp/demo.ping
say ip -n ul link set phost2 down
slowwait 5 host2_path "1 down up"
# the stream goes on over the second path: 50 more replies
n=$(grep -c 'bytes from' /tmp/demo.ping)
slowwait 5 sh -c "[ \$(grep -c 'bytes from' /tmp/demo.ping) -ge $((n + 50)) ]"
say ip -n ul link set phost2 up
slowwait 10 host2_path "0 up up"
kill -INT $ping_pid
wait $ping_pid || true
kill $mon_pid 2>/dev/null || true
awk -F'[][]' '/bytes from/ { t = $2; if (p != "" && (t - p) * 1000 > m) m = (t - p) * 1000; p = t }
	/packets transmitted/ { s = $0 }
	END { printf "ping every 10 ms: %s; longest gap between replies %d ms\n", s, m }' /tmp/demo.ping
rm -f /tmp/demo.ping

step "what host1 learned, and the per-peer traffic matrix"
say ip netns exec host1 userspace/vnetfabctl fdb show dev fab100
say ip netns exec host1 userspace/vnetfabctl peer list dev fab100
say ip netns exec host1 userspace/vnetfabctl peer list dev fab200
ns_cleanup
say modprobe -r vnetfab \&\& echo "module unloaded cleanly"
