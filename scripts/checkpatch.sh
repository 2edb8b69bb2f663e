#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict over the module's sources, from Debian's
# linux-source-6.12 (make deps installs it).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cp_dir=$top/build/checkpatch
if [ ! -f "$cp_dir/scripts/checkpatch.pl" ]; then
	tarball=$(ls /usr/src/linux-source-6.12*.tar.xz 2>/dev/null | sort -V | tail -n 1)
	[ -n "$tarball" ] || { echo "checkpatch: apt-get install linux-source-6.12" >&2; exit 1; }
	root=$(basename "$tarball" .tar.xz)
	mkdir -p "$cp_dir"
	tar -xJf "$tarball" -C "$cp_dir" --strip-components=1 \
		"$root/scripts/checkpatch.pl" "$root/scripts/spelling.txt" \
		"$root/scripts/const_structs.checkpatch"
fi
cd "$top"
perl "$cp_dir/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
	--ignore FILE_PATH_CHANGES -f $(git ls-files 'kmod/*.[ch]' 2>/dev/null || ls kmod/*.[ch] kmod/uapi/linux/*.h)
