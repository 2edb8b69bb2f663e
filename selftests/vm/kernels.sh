# SPDX-License-Identifier: GPL-2.0
# Sourced by the harness: map kernel names to installed kernel versions.
#
#   vm_kernel_version NAME   6.1 | 6.12 | debug | an exact version -> version
#   vm_kernels               every supported installed kernel, "NAME VERSION"
#   vm_debug_shipped         "VERSION PKGVERSION" of the debug kernel .debs in
#                            VNETFAB_KERNEL_DEBS (fails when it names none)
#   vm_debug_install         install those .debs unless exactly they are
#                            installed already
#
# When VNETFAB_KERNEL_DEBS names a folder of debug kernel .debs, "debug"
# is the kernel those .debs hold and no other: a debug kernel left by an
# earlier run never wins because its version sorts higher.

vm_debug_shipped()
{
	local deb
	[ -n "${VNETFAB_KERNEL_DEBS:-}" ] || return 1
	deb=$(ls "$VNETFAB_KERNEL_DEBS"/linux-image-*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || return 1
	# linux-image-6.12.95-vnetfab-debug -> 6.12.95-vnetfab-debug
	echo "$(dpkg-deb -f "$deb" Package | sed 's/^linux-image-//')" \
		"$(dpkg-deb -f "$deb" Version)"
}

# vm_debug_current: the shipped debug kernel is installed, image and
# headers, at the shipped package version
vm_debug_current()
{
	local v pv
	read -r v pv < <(vm_debug_shipped) || return 1
	[ -f "/boot/vmlinuz-$v" ] && [ -d "/lib/modules/$v/build" ] || return 1
	[ "$(dpkg-query -W -f '${Version}' "linux-image-$v" 2>/dev/null)" = "$pv" ] &&
	[ "$(dpkg-query -W -f '${Version}' "linux-headers-$v" 2>/dev/null)" = "$pv" ]
}

vm_debug_install()
{
	local d=${VNETFAB_KERNEL_DEBS:-}
	[ -n "$d" ] || return 1
	vm_debug_shipped >/dev/null ||
		{ echo "no linux-image-*.deb in $d" >&2; return 1; }
	vm_debug_current && return 0
	if [ -f "$d/SHA256SUMS" ]; then
		(cd "$d" && sha256sum --quiet -c SHA256SUMS) ||
			{ echo "$d: .debs do not match SHA256SUMS" >&2; return 1; }
	fi
	dpkg -i "$d"/linux-image-*.deb "$d"/linux-headers-*.deb >&2 &&
		vm_debug_current
}

vm_kernel_version()
{
	local name=$1 pat v pv
	case "$name" in
	6.1)	pat='6.1.*-amd64' ;;
	6.12)	pat='6.12.*-amd64' ;;
	debug)	if [ -n "${VNETFAB_KERNEL_DEBS:-}" ]; then
			read -r v pv < <(vm_debug_shipped) || return 1
			vm_debug_current || return 1
			echo "$v"
			return 0
		fi
		pat='*-vnetfab-debug' ;;
	*)	[ -f "/boot/vmlinuz-$name" ] && { echo "$name"; return 0; }
		return 1 ;;
	esac
	# newest installed image that also has its headers
	for v in $(cd /boot && ls -d vmlinuz-$pat 2>/dev/null | sed 's/^vmlinuz-//' | sort -rV); do
		if [ -d "/lib/modules/$v/build" ]; then
			echo "$v"
			return 0
		fi
	done
	return 1
}

vm_kernels()
{
	local n v
	for n in 6.1 6.12 debug; do
		v=$(vm_kernel_version "$n") && echo "$n $v"
	done
	return 0
}
