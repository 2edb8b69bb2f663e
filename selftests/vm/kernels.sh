# SPDX-License-Identifier: GPL-2.0
# Sourced by the harness: map kernel names to installed kernel versions.
#
#   vm_kernel_version NAME   6.1 | 6.12 | debug | an exact version -> version
#   vm_kernels               every supported installed kernel, "NAME VERSION"

vm_kernel_version()
{
	local name=$1 pat v
	case "$name" in
	6.1)	pat='6.1.*-amd64' ;;
	6.12)	pat='6.12.*-amd64' ;;
	debug)	pat='*-vnetfab-debug' ;;
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
