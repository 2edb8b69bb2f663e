#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/build-debug-kernel.sh [--install|--config-only] [OUTDIR]
#
# Builds the debug lane's kernel without ../shared: Debian's
# linux-source-6.12, x86_64_defconfig + kvm_guest.config + the fragment
# selftests/vm/debug.config (KASAN, lockdep, kmemleak, UBSAN, DEBUG_NET,
# refcount trackers, failslab, and everything a test guest needs built
# in), packed as linux-image-/linux-headers-VERSION-vnetfab-debug .debs in
# OUTDIR (default build/debug-kernel). --install installs them, after
# which `selftests/vm/run --kernel debug` and `make check` boot it (the
# newest installed *-vnetfab-debug kernel is the debug lane's). CI keeps
# the prebuilt .debs of ../shared/kernels, built by the same recipe.
# --config-only stops once the configuration is made and checked (it is
# left in OUTDIR).
# About 40 minutes on 2 cores (76 CPU-minutes for 6.12.95); needs some
# 20 GB of disk.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
install='' config_only=''
case "${1:-}" in
--install)	install=1; shift ;;
--config-only)	config_only=1; shift ;;
esac
out=$(realpath -m "${1:-$top/build/debug-kernel}")
frag=$top/selftests/vm/debug.config

[ "$(id -u)" = 0 ] || { echo "build-debug-kernel: run as root (it installs build packages)" >&2; exit 2; }
apt-get install -y -qq --no-install-recommends -t bookworm-backports \
	linux-source-6.12 >/dev/null
apt-get install -y -qq --no-install-recommends bc bison flex libelf-dev \
	libssl-dev pahole cpio rsync debhelper kmod xz-utils >/dev/null
tarball=$(ls /usr/src/linux-source-6.12.tar.xz)

mkdir -p "$out"
src=$out/linux-source-6.12
rm -rf "$src"
tar -C "$out" -xf "$tarball"
cd "$src"
ver=$(make -s kernelversion)
make -s x86_64_defconfig
make -s kvm_guest.config
scripts/kconfig/merge_config.sh -m .config "$frag" >/dev/null
make -s olddefconfig
# what the fragment asks for and the configuration does not hold (an
# unmet dependency drops it silently): named, as the prebuilt kernel's
# own config shows the same (CONFIG_NFT_NAT wants NF_TABLES_IPV4, which
# neither enables); anything the debug lane relies on must hold
held=1
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n)	grep -qx "${line%=n}=[ym]" .config || continue ;;
	CONFIG_*)	grep -qx "$line" .config && continue ;;
	*)		continue ;;
	esac
	echo "build-debug-kernel: does not hold: $line" >&2
	case "$line" in
	CONFIG_KASAN*|CONFIG_*LOCK*|CONFIG_DEBUG_*|CONFIG_*REF*|CONFIG_UBSAN*|\
	CONFIG_FAIL*|CONFIG_FAULT*|CONFIG_MODULE*|CONFIG_*9P*|CONFIG_VIRTIO*)
		held=0 ;;
	esac
done <"$frag"
[ $held = 1 ] || { echo "build-debug-kernel: a debug option did not hold against $ver" >&2; exit 1; }
if [ -n "$config_only" ]; then
	cp .config "$out/config-$ver-vnetfab-debug"
	rm -rf "$src"
	echo "build-debug-kernel: $out/config-$ver-vnetfab-debug holds the fragment" >&2
	exit 0
fi
echo "build-debug-kernel: $ver-vnetfab-debug, config checked; building" >&2
make -j"$(($(nproc) + 1))" bindeb-pkg LOCALVERSION=-vnetfab-debug \
	KDEB_PKGVERSION="$ver-1vnetfab1" >"$out/build.log" 2>&1 ||
	{ tail -30 "$out/build.log" >&2; exit 1; }
cp .config "$out/config-$ver-vnetfab-debug"
cd "$out"
rm -rf "$src"
debs=(linux-image-"$ver"-vnetfab-debug_*.deb linux-headers-"$ver"-vnetfab-debug_*.deb)
sha256sum "${debs[@]}" >SHA256SUMS
ls -l "${debs[@]}"
[ -z "$install" ] || dpkg -i "${debs[@]}"
