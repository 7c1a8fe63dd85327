# SPDX-License-Identifier: GPL-2.0
# Linux-VServer for Linux 6.12: the one entry point.
#
#   make          kernel (QEMU test config), userspace, tests, initramfs
#   make guest-trees  the Debian 12 guest tree the rig builds guests from
#                 (debootstrap once, cached in build/guest-trees)
#   make run      boot the patched kernel in QEMU and show vserver-info
#   make shell    interactive QEMU guest ('reboot -f' leaves)
#   make check    every test: patches, lint, unit, rig, KUnit, integration
#   make lint     checkpatch --strict, sparse, clang-format (fast)
#   make kunit    KUnit suites in the QEMU test kernel
#   make check-novserver  CONFIG_VSERVER=n builds and behaves as unpatched
#   make bench    benchmarks: patched kernel vs CONFIG_VSERVER=n, in QEMU
#   make patch    one combined patch against the pristine Debian source
#   make install  the tools and their man pages into $(DESTDIR)$(PREFIX)
#                 (sbin/, share/man/man8/; PREFIX=/usr/local)
#   make clean    remove build outputs (keeps the unpacked pristine source)
#   make distclean  remove build/ entirely
# Every target installs the Debian packages it needs.

S := scripts
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all deps source tree kernel userspace tests initramfs guest-trees run shell \
	check lint unit kunit integration check-patches check-rig \
	check-novserver bench patch install \
	clean distclean

all: kernel userspace tests initramfs

deps:
	@$(S)/deps.sh

source:
	@$(S)/fetch-source.sh

tree:
	@$(S)/assemble.sh

kernel:
	@$(S)/build-kernel.sh

userspace:
	@$(S)/build-userspace.sh

tests:
	@$(S)/build-tests.sh

initramfs: kernel userspace tests
	@$(S)/build-initramfs.sh

guest-trees: userspace
	@$(S)/guest-trees.sh

run: all guest-trees
	@$(S)/run-qemu.sh run

shell: all guest-trees
	@$(S)/run-qemu.sh shell

check:
	@$(S)/check.sh

lint:
	@$(S)/lint.sh

unit:
	@$(S)/unit.sh

kunit: initramfs
	@$(S)/run-qemu.sh kunit

integration: initramfs guest-trees
	@$(S)/run-qemu.sh check

check-patches:
	@$(S)/check-patches.sh

check-rig: initramfs
	@$(S)/test-rig.sh

check-novserver:
	@$(S)/check-novserver.sh

bench:
	@$(S)/bench.sh

patch:
	@$(S)/make-patch.sh

install:
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" $(S)/install.sh

clean:
	rm -rf build/linux build/obj-* build/userspace build/tests build/qemu \
		build/bench build/check build/*.patch build/scratch

distclean:
	rm -rf build
