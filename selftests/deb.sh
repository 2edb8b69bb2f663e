#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-timeout: 900
# The Debian packages ("make deb", built on the host by check.sh) on a
# host that has never had vnetfab, with one kernel (the running one):
# apt installs vnetfab-dkms and vnetfab-tools, the package's postinst
# has DKMS install the module, ip knows the options; vnetfab.service, its lines run as
# systemd runs them, applies /etc/vnetfab.conf and traffic crosses to a
# second host; a reload changes one segment while the other's traffic
# goes on; a broken file fails the reload, and the start, naming its
# line and changing nothing; remove and purge leave nothing behind. Then a host without the
# kernel's headers: the install names the package to install and dpkg
# stays consistent. Runs in a mount namespace of its own.
# DKMS's compile is the one step not made here: under TCG it took 4.5
# minutes of a lane. check.sh has DKMS build the module for this kernel
# on the host (selftests/vm/dkms-build, "dkms build" with these headers,
# as Debian's kernel-headers hook would) and pack it with "dkms
# mktarball"; put where a DKMS package's postinst looks for prebuilt
# binaries (/usr/share/vnetfab-dkms/vnetfab-VERSION.dkms.tar.gz, dkms's
# common.postinst), it is loaded with "dkms ldtarball" and installed.
# The install without headers then runs without it: the package's own
# message is what is checked there. On the debug kernel, as dkms.sh,
# it does not run: DKMS and dpkg do nothing there they do not do on
# 6.1 and 6.12.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd apt-get dpkg dkms unshare ping
case "$(uname -r)" in
*-vnetfab-debug) ktap_skip_all "the packages are tested on Debian's 6.1 and 6.12 kernels" ;;
esac
kver=$(uname -r)
debs=$TOP/build/deb
dkms_deb=$(ls "$debs"/vnetfab-dkms_*_all.deb 2>/dev/null | head -n 1)
tools_deb=$(ls "$debs"/vnetfab-tools_*_amd64.deb 2>/dev/null | head -n 1)
[ -n "$dkms_deb" ] && [ -n "$tools_deb" ] ||
	ktap_skip_all "no packages in build/deb: run make deb on the host"
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/dkms.conf")
prebuilt=$TOP/build/$kver/dkms/vnetfab-$ver.dkms.tar.gz
[ -f "$prebuilt" ] ||
	ktap_skip_all "no DKMS build for $kver: run selftests/vm/dkms-build $kver on the host"
# a private mount namespace: the mounts below go when the test ends
if [ -z "${VNETFAB_DEB_NS:-}" ]; then
	VNETFAB_DEB_NS=1 exec unshare -m --propagation private "$0" "$@"
fi
ktap_header
ktap_plan 29

export DEBIAN_FRONTEND=noninteractive
unit=/lib/systemd/system/vnetfab.service
conf=/etc/vnetfab.conf
T=$(mktemp -d /tmp/deb.XXXXXX)

# A host that never had vnetfab, with only the running kernel: in this
# mount namespace /lib/modules holds that kernel alone, and of its
# modules only those the test loads (vnetfab's dependencies and veth),
# without the test module check.sh put in place. DKMS's depmod then
# reads a handful of modules instead of the thousands it read over 9p,
# a minute or more each time (the real tree is not touched: nothing to
# restore, no depmod after).
modprobe -r vnetfab 2>/dev/null
modules_tree_minimal "$T/modules" vnetfab veth
restore()
{
	ns_cleanup
	ip link del vfdeb0 2>/dev/null
	/usr/sbin/vnetfabctl apply /dev/null >/dev/null 2>&1
	modprobe -r vnetfab 2>/dev/null
	apt-get purge -y -q vnetfab-dkms vnetfab-tools >/dev/null 2>&1
	rm -f "$conf"
}
trap restore EXIT

# no network here: every dependency is installed already
apt_install() { apt-get install -y -q "$@" 2>&1; }
# vnetfab.service's KEY= lines, run as systemd runs them (no systemd
# here): a leading "-" would mean "failure ignored", which it has none of
unit_run()	# unit_run KEY...
{
	local k line
	for k in "$@"; do
		while IFS= read -r line; do
			sh -c "${line#*=}" || return 1
		done < <(grep "^$k=" "$unit")
	done
}
leftovers()
{
	ls -d /lib/modules/*/updates/dkms/vnetfab.ko* /usr/src/vnetfab-* \
		/var/lib/dkms/vnetfab "$unit" /usr/sbin/vnetfabctl \
		/usr/lib/*/ip/link_vnetfab.so /usr/libexec/vnetfab 2>/dev/null
}

# man-db's trigger rebuilds the whole man database: not here
rm -f /var/lib/man-db/auto-update
mkdir -p /usr/share/vnetfab-dkms
cp "$prebuilt" /usr/share/vnetfab-dkms/
out=$(apt_install "$dkms_deb" "$tools_deb")
rc=$?
echo "$out" | grep -i -e dkms -e "Building\|error" | sed 's/^/# /' | head -n 20
rm -f "/usr/share/vnetfab-dkms/vnetfab-$ver.dkms.tar.gz"
check_eq "apt installs vnetfab-dkms and vnetfab-tools" 0 "$rc"
check "DKMS installed the module built for $kver" \
	sh -c "dkms status -m vnetfab -v '$ver' -k '$kver' | grep -q ': installed'"
check "modprobe finds DKMS's module" sh -c "modinfo -n vnetfab | grep -q '/updates/dkms/'"
check_eq "the module's version is the package's" "$ver" "$(modinfo -F version vnetfab)"
check "vnetfabctl (the package's) says the same version" \
	sh -c "/usr/sbin/vnetfabctl version | grep -q '^vnetfabctl $ver '"
check "the ip plugin is in Debian's plugin folder and ip uses it" \
	sh -c "modprobe vnetfab && ip link add vfdeb9 type vnetfab id 9 ttl 9 &&
		ip -d link show vfdeb9 | grep -q 'id 9 .*ttl 9'; r=\$?; ip link del vfdeb9; exit \$r"
check "systemd-analyze verify vnetfab.service" systemd-analyze verify "$unit"

# the boot: this host (the guest's own netns) and a second one, h2, on
# an underlay veth; a VM on each end of segments 100 and 200
ns_create h2 vm1 vm2 vm3 vm4
ip link add vfdeb0 type veth peer name ul0 netns h2
ip addr add 192.0.2.1/24 dev vfdeb0
ip link set vfdeb0 up
ip -n h2 addr add 192.0.2.2/24 dev ul0
ip -n h2 link set ul0 up
cat >"$conf" <<'CONF'
# two segments to host h2
segment vfdeb100 id 100
peer vfdeb100 192.0.2.2
segment vfdeb200 id 200
peer vfdeb200 192.0.2.2
CONF
modprobe -r vnetfab
check "ExecStartPre and ExecStart (modprobe, apply $conf)" unit_run ExecStartPre ExecStart
check "the module is loaded and both segments are up" \
	sh -c "grep -q '^vnetfab ' /proc/modules && ip link show vfdeb100 up | grep -q UP && ip link show vfdeb200 up | grep -q UP"
for s in 100 200; do
	ctl h2 segment add vfdeb$s id $s >/dev/null
	ctl h2 peer add dev vfdeb$s remote 192.0.2.1
	ip -n h2 link set vfdeb$s up
done
vm_port() # vm_port HOSTNS VM SEG ADDR: ("" = this host)
{
	ip ${1:+-n "$1"} link add "$2" type veth peer name eth0 netns "$2"
	ip -n "$2" addr add "$4" dev eth0
	ip -n "$2" link set eth0 up
	ip ${1:+-n "$1"} link set "$2" master "$3" up
}
vm_port "" vm1 vfdeb100 198.51.100.1/24
vm_port h2 vm2 vfdeb100 198.51.100.2/24
vm_port "" vm3 vfdeb200 203.0.113.3/24
vm_port h2 vm4 vfdeb200 203.0.113.4/24
check "segment 100 carries a ping to the other host" ping_ok vm1 198.51.100.2
check "segment 200 carries a ping to the other host" ping_ok vm3 203.0.113.4

# reload: segment 200 gets a ttl, a segment 300 comes; segment 100 is
# not touched and its traffic does not stop
idx100=$(cat /sys/class/net/vfdeb100/ifindex)
ip netns exec vm1 ping -q -i 0.05 -c 200 -W 1 198.51.100.2 >"$T/ping" &
pp=$!
slowwait 5 sh -c "ip -n vm1 -s link show eth0 | awk '/TX:/ { getline; exit !(\$2 >= 5) }'"
cat >"$conf" <<'CONF'
segment vfdeb100 id 100
peer vfdeb100 192.0.2.2
segment vfdeb200 id 200 ttl 32
peer vfdeb200 192.0.2.2
segment vfdeb300 id 300
CONF
check "ExecReload applies the changed file" unit_run ExecReload
check "... while segment 100's ping still runs" kill -0 $pp
wait $pp
check_eq "segment 100: 200 pings through the reload, none lost" \
	"200 packets transmitted, 200 received" \
	"$(grep -o '200 packets transmitted, [0-9]* received' "$T/ping")"
check_eq "segment 100 is the same device (not re-created)" "$idx100" \
	"$(cat /sys/class/net/vfdeb100/ifindex)"
check "segment 200 has ttl 32, segment 300 is up" \
	sh -c "ip -d link show vfdeb200 | grep -q 'ttl 32' && ip link show vfdeb300 up | grep -q UP"

# a broken file: the reload fails naming the line, nothing changes
/usr/sbin/vnetfabctl dump-config >"$T/before"
printf 'segment vfdeb100 id 100\nsegment vfdeb400 id 400\npeer vfdeb400 192.0.2.999\n' >"$conf"
check_err "a broken file fails ExecReload, naming file and line" "vnetfab.conf:3" unit_run ExecReload
/usr/sbin/vnetfabctl dump-config >"$T/after"
check "... and the running state is untouched" cmp -s "$T/before" "$T/after"
check "segment 100 still carries traffic" ping_ok vm1 198.51.100.2
# the same file at boot (the unit's start, the module already loaded)
check_err "a broken file fails ExecStart too, naming file and line" \
	"vnetfab.conf:3" unit_run ExecStartPre ExecStart
/usr/sbin/vnetfabctl dump-config >"$T/after"
check "... and the running state is untouched" cmp -s "$T/before" "$T/after"

# remove: the segments first (the unit's stop leaves them), then the
# packages; nothing of vnetfab stays on the host
/usr/sbin/vnetfabctl apply /dev/null >/dev/null
check "apply /dev/null removes the segments" sh -c "! ip -d link show type vnetfab | grep -q ."
modprobe -r vnetfab
out=$(apt-get remove -y -q vnetfab-dkms vnetfab-tools 2>&1)
check_eq "apt removes both packages" 0 "$?"
check_eq "nothing of vnetfab is left (module, source, DKMS tree, tools)" "" "$(leftovers)"
out=$(apt-get purge -y -q vnetfab-dkms vnetfab-tools 2>&1)
check_eq "apt purges both, dpkg knows them no more" "0 " \
	"$? $(dpkg-query -W -f '${db:Status-Abbrev}' vnetfab-dkms vnetfab-tools 2>/dev/null)"

# a host without the running kernel's headers
mount -t tmpfs tmpfs "$(readlink -f "/lib/modules/$kver/build")"
out=$(apt_install "$dkms_deb" "$tools_deb")
rc=$?
echo "$out" | grep -i -e header | sed 's/^/# /'
check_eq "no headers: apt installs (exit 0)" 0 "$rc"
check "... and says which package to install" \
	grep -q "apt install linux-headers-$kver" <<<"$out"
check "... dpkg is consistent (dpkg --audit finds nothing)" \
	sh -c "[ -z \"\$(dpkg --audit)\" ]"
apt-get purge -y -q vnetfab-dkms vnetfab-tools >/dev/null 2>&1
check_eq "... and purging leaves nothing" "" "$(leftovers)"
ktap_finish
