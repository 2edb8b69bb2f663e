# SPDX-License-Identifier: GPL-2.0
#
#   make          build kmod/vnetfab.ko (against KDIR) and userspace/
#   make check    install deps, then run every test on every installed kernel
#   make demo     boot a guest and show a small fabric at work
#   make bench    measure vnetfab against veth, bridge+vxlan, bridge+gretap
#                 (KERNEL=6.1|6.12, default 6.12; VCPUS=N: N vCPUs, a host
#                 thread each); report in bench/results/
#   make deps     install what the project needs from Debian (root)
#   make install  install vnetfabctl and the ip plugin (DESTDIR= to stage)
#   make deb      Debian packages vnetfab-dkms and vnetfab-tools in build/deb/
#
# KDIR defaults to the running kernel's build dir, else the newest
# installed Debian headers.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64 \
			  /usr/src/linux-headers-*-vnetfab-debug))))

KERNEL ?= 6.12

.PHONY: all module userspace check demo bench deps clean install checkpatch deb

all: module userspace

module:
	@test -n "$(KDIR)" || { echo "no kernel headers found: run 'make deps' or pass KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) VNETFAB_WERROR=1 modules

userspace:
	$(MAKE) -C userspace

install:
	$(MAKE) -C userspace install

deps:
	scripts/deps.sh

deb: deps
	scripts/mkdeb

check: deps
	selftests/check.sh

demo: deps
	selftests/demo.sh

bench: deps
	VCPUS=$(VCPUS) bench/run $(KERNEL)

checkpatch:
	scripts/checkpatch.sh

clean:
	-$(MAKE) -C $(or $(KDIR),/nonexistent) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C userspace clean
	rm -rf build
