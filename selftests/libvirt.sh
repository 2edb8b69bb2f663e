#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# libvirt attaches VMs to segments, with Debian's own libvirtd started
# here (in host h1's network namespace, so that its taps are made there)
# and a QEMU domain that boots nothing: it is the attachment that counts.
# The domain has a NIC of each of the four kinds below; it starts, each
# tap is checked where it should be, a frame from each NIC (QEMU's own
# announce, the RARP it sends after a migration, asked for over QMP) is
# received by a VM on host h2 and a frame from that VM is delivered into
# the NIC's tap; the domain is destroyed, the taps libvirt made are gone
# and their ports with them, the segment still carries traffic, and the
# domain starts again:
#  - <interface type='bridge'>: a Linux bridge with segment fab200 as a
#    port (libvirt attaches with SIOCBRADDIF, which only a Linux bridge
#    answers);
#  - <interface type='network'>: a libvirt network of forward mode
#    "bridge" on that bridge, as Documentation/hypervisors.md gives it;
#  - <interface type='ethernet'> with <script path='vnetfab-ifup'/>, the
#    script vnetfab-tools ships: the tap, named SEGMENT-NAME, joins
#    fab100 with no bridge; QEMU closes it when the domain stops and the
#    port goes with it;
#  - a tap made beforehand and made a port of fab100 (managed='no'),
#    which stays a port when the domain stops.
# The NIC is an rtl8139 with no boot ROM: with no driver to enable it,
# QEMU still reads (and drops) what the tap brings, so that the tap's
# transmit counter shows a frame delivered to the VM (an e1000 or a
# virtio-net without a driver leaves it unread in the tap's queue).
# Then the script's refusals: a tap that is a port elsewhere, a tap that
# does not exist, a segment that does not exist.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd libvirtd virsh qemu-system-x86_64 unshare
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
[ -x "$RAWFRAME" ] || ktap_skip_all "build selftests/tools first"
# a private mount namespace: libvirt's writable state (below) goes with it
if [ -z "${VNETFAB_LIBVIRT_NS:-}" ]; then
	VNETFAB_LIBVIRT_NS=1 exec unshare -m --propagation private "$0" "$@"
fi
modprobe tun 2>/dev/null
[ -c /dev/net/tun ] || ktap_skip_all "no /dev/net/tun (CONFIG_TUN)"
ktap_header
ktap_plan 25

IFUP=$TOP/userspace/hv/vnetfab-ifup
T=$(mktemp -d /tmp/libvirt.XXXXXX)
export LIBVIRT_DEFAULT_URI=qemu:///system
VM2_MAC=02:00:00:00:01:02
VM3_MAC=02:00:00:00:02:03

cleanup()
{
	virsh destroy d-vm >/dev/null 2>&1
	[ -f "$T/libvirtd.pid" ] && kill "$(cat "$T/libvirtd.pid")" 2>/dev/null
	ns_cleanup
	rm -rf "$T"
}
trap cleanup EXIT

# libvirtd in a guest whose root is the host's, read-only: its state
# and configuration on tmpfs (../shared/design.md, "libvirt in a test
# guest"); QEMU as root, no cgroups, namespaces or security driver
for d in /var/log /var/cache /var/lib/libvirt /run/libvirt; do
	mkdir -p "$d" 2>/dev/null
	mount -t tmpfs tmpfs "$d" || ktap_skip_all "cannot mount tmpfs on $d"
done
mkdir -p "$T/etc"
cp -a /etc/libvirt/. "$T/etc/"
cat >>"$T/etc/qemu.conf" <<-EOF
	user = "root"
	group = "root"
	dynamic_ownership = 0
	namespaces = [ ]
	cgroup_controllers = [ ]
	security_driver = "none"
	stdio_handler = "file"
EOF
mount --bind "$T/etc" /etc/libvirt

vnetfab_load
topo_underlay h1 h2
for h in h1 h2; do
	seg_add $h fab100 100
	seg_add $h fab200 200
done
seg_mesh fab100 4 h1 h2
seg_mesh fab200 4 h1 h2
ip -n h1 -batch - <<-EOF
	link add br200 type bridge
	link set br200 up
	link set fab200 master br200
EOF
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
vm_add h2 vm2 fab100 $VM2_MAC 198.51.100.2/24 -
vm_add h2 vm3 fab200 $VM3_MAC 198.51.101.3/24 -

ip netns exec h1 libvirtd --pid-file "$T/libvirtd.pid" >"$T/libvirtd.log" 2>&1 &
libvirtd_up()
{
	slowwait 60 virsh -q version && return 0
	tail -n 20 "$T/libvirtd.log"
	return 1
}
check "libvirtd answers" libvirtd_up

# domain NAME INTERFACES-XML: a transient domain's XML
NIC="<model type='rtl8139'/><rom enabled='no'/>"
domain()
{
	cat >"$T/$1.xml" <<-EOF
		<domain type='qemu'>
		  <name>$1</name>
		  <memory unit='MiB'>32</memory>
		  <vcpu>1</vcpu>
		  <os><type arch='x86_64'>hvm</type></os>
		  <devices>
		    <emulator>/usr/bin/qemu-system-x86_64</emulator>
		    $2
		    <memballoon model='none'/>
		  </devices>
		</domain>
	EOF
}

# announce DOMAIN: QEMU sends its NIC's RARP announce (QMP announce-self)
announce()
{
	virsh qemu-monitor-command "$1" \
		'{"execute":"announce-self","arguments":{"initial":50,"max":550,"rounds":3,"step":100}}'
}

# crosses DOMAIN MAC VM: the domain's announce reaches VM (on h2), and
# frames from VM to MAC are delivered into the NIC's tap
crosses()
{
	heard_during "$3" "$2" 8035 announce "$1" &&
		delivered_to h1 "$(tap_by_mac "$1" "$2")" "$3" "$2"
}

# One domain with a NIC of each kind (a domain start is what costs: a
# minute and more on the debug kernel under TCG): NAME MAC VM WHERE
nics=(
	"bridge 52:54:00:0f:00:01 vm3 br200"
	"network 52:54:00:0f:00:02 vm3 br200"
	"script 52:54:00:0f:00:03 vm2 fab100"
	"managed=no 52:54:00:0f:00:04 vm2 fab100"
)
domain d-vm "<interface type='bridge'><source bridge='br200'/>
	<mac address='52:54:00:0f:00:01'/>$NIC</interface>
	<interface type='network'><source network='fab200'/>
	<mac address='52:54:00:0f:00:02'/>$NIC</interface>
	<interface type='ethernet'><target dev='fab100-web1'/>
	<script path='$IFUP'/>
	<mac address='52:54:00:0f:00:03'/>$NIC</interface>
	<interface type='ethernet'><target dev='fab100-pre' managed='no'/>
	<mac address='52:54:00:0f:00:04'/>$NIC</interface>"

# tap_by_mac DOMAIN MAC: the domain's tap for the NIC with MAC
tap_by_mac()
{
	virsh -q domiflist "$1" 2>/dev/null | awk -v m="$2" '$5 == m { print $1 }'
}

# where_all DOMAIN: every NIC's tap is where it should be
where_all()
{
	local n c mac vm where t bad=0
	for n in "${nics[@]}"; do
		read -r c mac vm where <<<"$n"
		t=$(tap_by_mac "$1" "$mac")
		[ -n "$t" ] && [ "$(master_of h1 "$t")" = "$where" ] && continue
		echo "$c: tap '$t' has master '$(master_of h1 "$t")', not $where"
		bad=1
	done
	return $bad
}

printf '%s\n' "<network>" "<name>fab200</name>" "<forward mode='bridge'/>" \
	"<bridge name='br200'/>" "</network>" >"$T/net.xml"
check "network: the libvirt network for fab200 (on br200) is made" \
	virsh net-create "$T/net.xml"
ip -n h1 tuntap add dev fab100-pre mode tap
ip netns exec h1 "$IFUP" fab100-pre

echo "# the domain starts at ${SECONDS}s"
check "the domain with one NIC of each kind starts" virsh create "$T/d-vm.xml"
declare -A tap
for n in "${nics[@]}"; do
	read -r c mac vm where <<<"$n"
	tap[$c]=$(tap_by_mac d-vm "$mac")
	check_eq "$c: its tap is a port of $where" "$where" "$(master_of h1 "${tap[$c]}")"
	check "$c: frames cross the fabric both ways" crosses d-vm "$mac" "$vm"
done
echo "# the domain stops at ${SECONDS}s"
check "the domain stops" virsh destroy d-vm
for c in bridge network script; do
	check "$c: its tap is gone, and with it the port" \
		slowwait 5 sh -c "! ip -n h1 link show dev ${tap[$c]}"
done
check_eq "managed=no: the tap stays a port of fab100" fab100 \
	"$(master_of h1 fab100-pre)"
check "the segment carries on: VM1 pings VM2 across fab100" \
	ping_ok vm1 198.51.100.2
check "the domain starts again" virsh create "$T/d-vm.xml"
check "... every NIC's tap where it should be" where_all d-vm
check "... and the script's NIC's frames cross again" \
	crosses d-vm 52:54:00:0f:00:03 vm2
virsh destroy d-vm >/dev/null 2>&1
echo "# the domain stopped at ${SECONDS}s"

# the script's refusals, each naming the problem, each leaving things be
ip -n h1 link add elsewhere0 type bridge
ip -n h1 tuntap add dev fab100-busy mode tap
ip -n h1 link set fab100-busy master elsewhere0
check_err "script: a tap that is a port elsewhere is refused" \
	"already a port of elsewhere0" ip netns exec h1 "$IFUP" fab100-busy
check_eq "script: ... and stays where it was" elsewhere0 \
	"$(master_of h1 fab100-busy)"
check_err "script: a tap that does not exist is refused" "no such device" \
	ip netns exec h1 "$IFUP" fab100-nope
ip -n h1 tuntap add dev fab300-x mode tap
check_err "script: a segment that does not exist is refused" \
	"segment fab300 does not exist" ip netns exec h1 "$IFUP" fab300-x
check "script: and VM1 still pings VM2" ping_ok vm1 198.51.100.2
ktap_finish
