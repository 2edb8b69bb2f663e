#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-timeout: 1800
# DKMS: add, build and install this tree for the running kernel, then
# modprobe loads the DKMS-built module. Cleans up after itself.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd dkms
# Building in the guest takes over 10 minutes on the KASAN/lockdep kernel
# under TCG, and DKMS does nothing there it does not do on 6.1 and 6.12.
case "$(uname -r)" in
*-vnetfab-debug) ktap_skip_all "DKMS is exercised on Debian's 6.1 and 6.12 kernels" ;;
esac
ktap_header
ktap_plan 6

ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/dkms.conf")
kver=$(uname -r)
src=/usr/src/vnetfab-$ver
modprobe -r vnetfab 2>/dev/null
dkms remove -m vnetfab -v "$ver" --all >/dev/null 2>&1
rm -rf "$src"
mkdir -p "$src"
cp -r "$TOP/Kbuild" "$TOP/dkms.conf" "$src/"
mkdir -p "$src/kmod"
cp -r "$TOP"/kmod/Kbuild "$TOP"/kmod/*.[ch] "$TOP/kmod/uapi" "$src/kmod/"

check "dkms add" dkms add -m vnetfab -v "$ver"
check "dkms build" dkms build -m vnetfab -v "$ver" -k "$kver"
check "dkms install" dkms install -m vnetfab -v "$ver" -k "$kver" --force
check "modinfo finds the dkms module" sh -c "modinfo -n vnetfab | grep -q '/updates/dkms/'"
check "modprobe loads it" sh -c "modprobe vnetfab && ip link add fab0 type vnetfab && ip link del fab0"
modprobe -r vnetfab
check "dkms remove" dkms remove -m vnetfab -v "$ver" --all
rm -rf "$src"
ktap_finish
