#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boots a 6.12 guest and builds a small fabric there: three
# hosts (network namespaces) on an underlay, each with two VMs on two
# segments: segment 100 carried between hosts in UDP (VXLAN format),
# segment 200 in GRE. Shows the VMs talking across hosts, the isolation
# of the segments, a stock Linux gretap device joining the GRE segment,
# a host found dead and back by peer liveness, and what each host's
# vnetfab learned.
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

step "what host1 learned, and the per-peer traffic matrix"
say ip netns exec host1 userspace/vnetfabctl fdb show dev fab100
say ip netns exec host1 userspace/vnetfabctl peer list dev fab100
say ip netns exec host1 userspace/vnetfabctl peer list dev fab200
ns_cleanup
say modprobe -r vnetfab \&\& echo "module unloaded cleanly"
