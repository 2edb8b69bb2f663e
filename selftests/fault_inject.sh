#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-timeout: 1200
# vnetfab-kmemleak-allow: sysfs_slab_add
# vnetfab-splat-allow: vmalloc error:|kmem_cache_create[a-z_]*\(.*\) failed with error|ref_tracker: memory allocation failure
# Fault injection: every slab allocation made by module load, segment
# creation (UDP and GRE), port enslave, peer add and static FDB add (genl
# and bridge fdb) is failed in turn, with the per-task fail-nth of
# failslab (tools/failnth.c). Each run must succeed
# or fail cleanly, leaving the state its answer claims; kmemleak and the
# splat check of run-guest.sh catch leaks and warnings. Afterwards no
# device is left over, a fabric still carries a ping, the module's slab
# cache is back to its baseline and the module unloads.
#
# What the kernel reports of an injected failure by design is not a
# splat here (the splat-allow line above): the allocators' reports with
# their stacks, "vmalloc error" and "kmem_cache_create(...) failed with
# error -12" (module load), and the refcount tracker's
# one-time "memory allocation failure" note (netdev_hold() without a
# tracker). Any other report still fails the test.
# Nor is one leak of the core's: when failslab fails the
# kobject_init_and_add() of a new cache's sysfs entry, SLUB's
# sysfs_slab_add() (6.12.117) returns without kobject_put(), and the
# kobject's name (the cache's, vnetfab_fdb_entry) is lost (the
# kmemleak-allow line above). Any other leak still fails the test.
#
# A move to another netns is not swept: vnetfab allocates nothing there
# (the underlay socket stays in the creation netns, as vxlan's does; a
# UDP segment's socket is made at open, swept above by link-add ... up),
# and failing the core's own allocations trips its WARN_ON()s in
# __dev_change_net_namespace() (device_rename(), netdev_change_owner()
# "cannot fail" there) for any kind of device. tools/failnth keeps the
# netns-move operation for whoever wants to see that.
. "$(dirname "$0")/lib.sh"
require_root
FAILNTH=$TOP/selftests/tools/failnth
FS=/sys/kernel/debug/failslab
[ -w /proc/self/fail-nth ] && [ -d $FS ] ||
	ktap_skip_all "needs CONFIG_FAILSLAB and CONFIG_FAULT_INJECTION_DEBUG_FS (the debug kernel, --kernel debug)"
[ -x "$FAILNTH" ] || ktap_skip_all "build selftests/tools first (make -C selftests/tools failnth)"
require_cmd jq ping modinfo
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 15

# failslab knobs, put back on exit
saved_wait=$(cat $FS/ignore-gfp-wait)
saved_verbose=$(cat $FS/verbose)
saved_exp=$(cat /sys/kernel/rcu_expedited 2>/dev/null)
cleanup()
{
	echo "$saved_wait" >$FS/ignore-gfp-wait
	echo "$saved_verbose" >$FS/verbose
	[ -n "$saved_exp" ] && echo "$saved_exp" >/sys/kernel/rcu_expedited
	ns_cleanup
}
trap cleanup EXIT
# GFP_KERNEL allocations too; no log line (or stack) per injected fault
echo N >$FS/ignore-gfp-wait
echo 0 >$FS/verbose
echo 0 >$FS/probability
# every run deletes what it made: expedited grace periods keep the
# sweeps' synchronize_rcu()s short on the slow debug kernel
[ -n "$saved_exp" ] && echo 1 >/sys/kernel/rcu_expedited

# sweep NAME NETNS FAILNTH-ARGS...: one KTAP check for one operation's
# sweep, run in NETNS ("-": this one); the tool's summary is shown
sweep()
{
	local name=$1 ns=$2 out rc t0=$SECONDS
	shift 2
	if [ "$ns" = - ]; then
		out=$("$FAILNTH" "$@" 2>&1)
	else
		out=$(ip netns exec "$ns" "$FAILNTH" "$@" 2>&1)
	fi
	rc=$?
	echo "$out" | tail -n 12 | sed 's/^/# /'
	echo "# ($((SECONDS - t0)) s)"
	if [ $rc = 0 ]; then
		ktap_result OK "$name"
	else
		ktap_result FAIL "$name" "failnth exit $rc"
	fi
}

# slab_objs: active objects of the module's own cache ("-" if the
# cache has no line of its own, e.g. merged with another one)
slab_objs()
{
	# SLUB counts the objects of per-CPU slabs as active: flush them
	[ -w /sys/kernel/slab/vnetfab_fdb_entry/shrink ] &&
		echo 1 >/sys/kernel/slab/vnetfab_fdb_entry/shrink
	awk '$1 == "vnetfab_fdb_entry" { print $2; f = 1 } END { if (!f) print "-" }' \
		/proc/slabinfo
}

# ---- module load ------------------------------------------------------
ko=$(modinfo -n vnetfab)
modprobe ip_gre 2>/dev/null	# loaded once, not at each vnetfab init
modprobe -r vnetfab 2>/dev/null
# one run in 4: a whole sweep takes ~270 s on the debug kernel
sweep "modload: finit_module through every 4th fault" - -s 4 modload "$ko"
vnetfab_load
slab_base=$(slab_objs)

# ---- netlink operations, in netns fa ---------------------------------
ns_create fa
sweep "link-add udp up with a peer through every fault" fa \
	link-add fab1 100 udp up peer 192.0.2.2
if module_loaded ip_gre || module_builtin ip_gre; then
	# one run in 4: most of its ~700 points are ip_gre's flow-based
	# device, ~300 s on the debug kernel
	sweep "link-add gre up with a peer through every 4th fault" fa \
		-s 4 link-add fab2 200 gre up peer 192.0.2.2
else
	ktap_result SKIP "link-add gre up with a peer through every 4th fault" "no ip_gre"
fi

ctl fa segment add fab0 id 10
ip -n fa link add vport0 type veth peer name vpeer0
sweep "enslave a veth through every fault" fa enslave fab0 vport0
sweep "peer-add (IPv4) through every fault" fa peer-add fab0 192.0.2.2
sweep "peer-add (IPv6) through every fault" fa peer-add fab0 2001:db8::2
ctl fa peer add dev fab0 remote 192.0.2.2
sweep "fdb-add (genl, behind a peer) through every fault" fa \
	fdb-add fab0 02:00:00:00:00:aa peer 192.0.2.2
sweep "bridge fdb add (RTM_NEWNEIGH) through every fault" fa \
	bridge-fdb-add fab0 02:00:00:00:00:bb
ctl fa fdb add dev fab0 02:00:00:00:00:cc remote 192.0.2.2

# ---- the state the sweeps leave --------------------------------------
check_eq "only fab0 left, in fa" 1 "$(count_links fa)"
check_eq "fab0 kept its peer and its static MAC" "1 1" \
	"$(ctl fa peer list dev fab0 --json | jq length) $(ctl fa fdb show dev fab0 --json | jq length)"
ip -n fa link del fab0
ip -n fa link del vport0
check "no GRE receive device or UDP socket left in fa" sh -c \
	"! ip -n fa link show vnetfab_gre 2>/dev/null &&
	 ! ip netns exec fa ss -Hulna | grep -q ':4789 '"

# ---- ordinary operation afterwards -----------------------------------
topo_underlay h1 h2
seg_add h1 fab100 100
seg_add h2 fab100 100
seg_mesh fab100 4 h1 h2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 02:00:00:00:01:02 198.51.100.2/24 -
check "VM1 pings VM2 over the fabric afterwards" ping_ok vm1 198.51.100.2

ns_cleanup
check_eq "no vnetfab device left" 0 "$(count_links)"
if [ "$slab_base" = - ]; then
	ktap_result SKIP "vnetfab_fdb_entry slab back to its baseline" \
		"the cache has no line of its own in /proc/slabinfo (merged)"
else
	# entries are freed after an RCU grace period
	slab_back() { [ "$(slab_objs)" = "$slab_base" ]; }
	slowwait 10 slab_back
	check_eq "vnetfab_fdb_entry slab back to its baseline" "$slab_base" "$(slab_objs)"
fi
check "modprobe -r vnetfab" slowwait 20 vnetfab_unload
ktap_finish
