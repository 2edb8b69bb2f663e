#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install everything vnetfab needs from Debian's registry. Idempotent.
set -euo pipefail

stamp=/var/lib/vnetfab-deps.stamp
want=14  # bump when the package list changes

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "make deps: run as root (it installs Debian packages)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
bp=/etc/apt/sources.list.d/vnetfab-backports.sources
if [ ! -f "$bp" ]; then
	cat >"$bp" <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
apt-get update -qq

pkgs=(
	build-essential make gcc pkg-config kmod cpio
	qemu-system-x86 busybox-static
	iproute2 iputils-ping tcpdump iperf3 ethtool jq arping nftables
	wireguard-tools
	libteam-utils
	libvirt-daemon-system libvirt-daemon-driver-qemu libvirt-clients
	libnl-3-dev libnl-genl-3-dev libcmocka-dev xz-utils
	dkms valgrind
	debhelper dh-dkms lintian
	python3-yaml python3-jsonschema groff-base
	graphviz
	linux-image-amd64 linux-headers-amd64
)
apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
# 6.12 from bookworm-backports (pulls its own headers and kbuild); its
# perf profiles the guests (VNETFAB_BENCH_PARTS=profile make bench)
apt-get install -y -qq --no-install-recommends -t bookworm-backports \
	linux-image-amd64 linux-headers-amd64 linux-perf >/dev/null
# linux-source-6.12 gives checkpatch.pl, YNL and the 6.12 guests' netdevsim;
# optional for the tests
apt-get install -y -qq --no-install-recommends -t bookworm-backports \
	linux-source-6.12 >/dev/null || true
# linux-source-6.1 at exactly the version of the 6.1 kernel the guests
# boot (its headers' version): selftests/vm/build-netdevsim builds
# netdevsim.ko from it, as from linux-source-6.12 for 6.12; optional:
# without it udp_offload.sh skips on 6.1, saying why
. "$(dirname "$0")/../selftests/vm/kernels.sh"
if k61=$(vm_kernel_version 6.1) &&
   v61=$(dpkg-query -W -f='${Version}' "linux-headers-$k61" 2>/dev/null); then
	apt-get install -y -qq --no-install-recommends \
		"linux-source-6.1=$v61" >/dev/null ||
		echo "make deps: linux-source-6.1 $v61 is not available: no netdevsim for 6.1" >&2
fi

echo "$want" >"$stamp"
