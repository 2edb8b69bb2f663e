#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/ip-plugin-symbols.sh [PLUGIN.so]
#
# The iproute2 plugin calls into the ip binary that loads it; a symbol ip
# does not export kills ip when the call is made. Checks that every
# symbol userspace/ip/link_vnetfab.so leaves undefined, other than libc's
# (versioned GLIBC_*) and weak ones (which resolve to 0 when absent), is
# a defined dynamic symbol of the ip of each supported Debian iproute2.
# The .debs are fetched with apt-get download into build/ip-debs/ (kept
# there) and unpacked with dpkg-deb -x, never installed.
#
# KTAP out, one result per ip version. Exit 0 all present, 1 some
# missing (or the plugin is not built), 4 (skip) the .debs cannot be
# downloaded.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
plugin=${1:-$top/userspace/ip/link_vnetfab.so}
cache=$top/build/ip-debs

# bookworm, and bookworm-backports
versions=(6.1.0-3 "6.15.0-1~bpo12+1")

# ip_binary DIR: the ip binary of an unpacked iproute2 (not a link)
ip_binary()
{
	local p
	for p in bin/ip sbin/ip usr/bin/ip usr/sbin/ip; do
		if [ -f "$1/$p" ] && [ ! -L "$1/$p" ]; then
			echo "$1/$p"
			return 0
		fi
	done
	return 1
}

# fetch VERSION: the unpacked package's directory, downloading and
# unpacking when not cached; non-zero when the .deb cannot be had
fetch()
{
	local v=$1 deb=$cache/iproute2_$1_amd64.deb dir=$cache/iproute2_$1 out

	if [ ! -s "$deb" ]; then
		# apt-get download writes to the current directory
		if ! out=$(cd "$cache" && apt-get download -q "iproute2=$v" 2>&1) ||
		   [ ! -s "$deb" ]; then
			echo "$out" | sed 's/^/# /' | tail -n 5 >&2
			return 1
		fi
	fi
	if [ ! -d "$dir" ] || [ "$dir" -ot "$deb" ]; then
		rm -rf "$dir" "$dir.tmp"
		dpkg-deb -x "$deb" "$dir.tmp" && mv "$dir.tmp" "$dir" || return 1
	fi
	echo "$dir"
}

echo "TAP version 13"
mkdir -p "$cache"
dirs=()
for v in "${versions[@]}"; do
	if ! d=$(fetch "$v"); then
		echo "1..0 # SKIP cannot download iproute2=$v (is bookworm-backports configured? make deps)"
		exit 4
	fi
	dirs+=("$d")
done
echo "1..${#versions[@]}"

if [ ! -f "$plugin" ]; then
	echo "# $plugin is not built (make -C userspace)"
	n=0
	for v in "${versions[@]}"; do
		n=$((n + 1))
		echo "not ok $n iproute2 $v: ip exports what the plugin calls # plugin not built"
	done
	exit 1
fi

# The plugin's undefined symbols other than libc's and weak ones:
# "readelf --dyn-syms -W" columns are Num Value Size Type Bind Vis Ndx
# Name [(version index)], and a versioned name reads NAME@GLIBC_2.2.5.
needs=$(readelf --dyn-syms -W "$plugin" |
	awk '$7 == "UND" && $5 != "WEAK" && $8 != "" && $8 !~ /@GLIBC_/ {
		print $8 }' | sort -u)
echo "# $(basename "$plugin") needs from ip: ${needs//$'\n'/ }"

rc=0 n=0
for i in "${!versions[@]}"; do
	v=${versions[$i]}
	n=$((n + 1))
	if ! ip=$(ip_binary "${dirs[$i]}"); then
		echo "not ok $n iproute2 $v: ip exports what the plugin calls # no ip binary in the package"
		rc=1
		continue
	fi
	have=$(readelf --dyn-syms -W "$ip" |
		awk '$7 != "UND" && $8 != "" { sub(/@.*/, "", $8); print $8 }' |
		sort -u)
	missing=$(comm -23 <(echo "$needs") <(echo "$have"))
	if [ -z "$needs" ]; then
		echo "not ok $n iproute2 $v: ip exports what the plugin calls # no symbols read from the plugin"
		rc=1
	elif [ -n "$missing" ]; then
		echo "not ok $n iproute2 $v: ip exports what the plugin calls # missing: ${missing//$'\n'/ }"
		rc=1
	else
		echo "ok $n iproute2 $v: ip exports what the plugin calls ($(echo "$needs" | wc -l) symbols)"
	fi
done
exit $rc
