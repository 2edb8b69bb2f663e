#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boots a 6.12 guest and shows vnetfab there. Three "hosts"
# (network namespaces) each get two segments; vnetfabctl lists them.
# The data path (frames between hosts) lands with issue #3.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" != --in-guest ]; then
	make -s -C "$top/userspace"
	exec "$top/selftests/vm/run" --kernel "${VNETFAB_DEMO_KERNEL:-6.12}" \
		-- selftests/demo.sh --in-guest
fi

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; eval "$@"; }
modprobe vnetfab
for h in host1 host2 host3; do
	ip netns add $h
	ip -n $h link set lo up
	ip netns exec $h "$top/userspace/vnetfabctl" segment add fab100 id 100
	ip netns exec $h "$top/userspace/vnetfabctl" segment add fab200 id 200
	ip -n $h link set fab100 up
done
say uname -r
say ip netns exec host1 userspace/vnetfabctl show
say ip netns exec host2 userspace/vnetfabctl show fab200 --json
say ip -n host3 -d link show fab100
say lsmod \| grep vnetfab
for h in host1 host2 host3; do ip netns del $h; done
say modprobe -r vnetfab \&\& echo "module unloaded cleanly"
