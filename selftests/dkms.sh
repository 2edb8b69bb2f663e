#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DKMS: the tree that "dkms add" and "dkms build" made on the host for
# this kernel (selftests/vm/dkms-build, run by check.sh; Debian's
# kernel-headers hook builds the same way for a kernel not yet booted)
# is installed here with "dkms install", and modprobe loads the
# DKMS-built module, which makes a working device. Cleans up after
# itself. Runs in a mount namespace of its own, where /lib/modules holds
# the few modules the test loads (lib.sh's modules_tree_minimal): DKMS's
# depmod over the kernel's thousands over 9p took most of its time.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd dkms unshare
# DKMS does nothing on the debug kernel it does not do on 6.1 and 6.12
case "$(uname -r)" in
*-vnetfab-debug) ktap_skip_all "DKMS is exercised on Debian's 6.1 and 6.12 kernels" ;;
esac
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/dkms.conf")
kver=$(uname -r)
built=$TOP/build/$kver/dkms
[ -d "$built/tree/vnetfab/$ver/$kver" ] ||
	ktap_skip_all "no DKMS build for $kver: run selftests/vm/dkms-build $kver on the host"
# a private mount namespace: the mounts below go when the test ends
if [ -z "${VNETFAB_DKMS_NS:-}" ]; then
	VNETFAB_DKMS_NS=1 exec unshare -m --propagation private "$0" "$@"
fi
ktap_header
ktap_plan 8

modprobe -r vnetfab 2>/dev/null
T=$(mktemp -d /tmp/dkms.XXXXXX)
check "a private /lib/modules of the modules it loads" \
	modules_tree_minimal "$T/modules" vnetfab
dkms remove -m vnetfab -v "$ver" --all >/dev/null 2>&1
rm -rf "/usr/src/vnetfab-$ver" /var/lib/dkms/vnetfab
mkdir -p /var/lib/dkms
cp -a "$built/src/vnetfab-$ver" /usr/src/
cp -a "$built/tree/vnetfab" /var/lib/dkms/
ln -sfn "/usr/src/vnetfab-$ver" "/var/lib/dkms/vnetfab/$ver/source"

check "dkms status: built for $kver" \
	sh -c "dkms status -m vnetfab -v '$ver' -k '$kver' | grep -q ': built'"
check "dkms install" dkms install -m vnetfab -v "$ver" -k "$kver" --force
check "dkms status: installed" \
	sh -c "dkms status -m vnetfab -v '$ver' -k '$kver' | grep -q ': installed'"
check "modinfo finds the dkms module" sh -c "modinfo -n vnetfab | grep -q '/updates/dkms/'"
check "modprobe loads it" sh -c "modprobe vnetfab && grep -q '^vnetfab ' /proc/modules"
check "it makes a segment" sh -c "ip link add fab0 type vnetfab && ip -d link show fab0 | grep -q vnetfab && ip link del fab0"
modprobe -r vnetfab
check "dkms remove" dkms remove -m vnetfab -v "$ver" --all
rm -rf "/usr/src/vnetfab-$ver"
umount -R /lib/modules "$T/modules/$kver" 2>/dev/null
rm -rf "$T"
ktap_finish
