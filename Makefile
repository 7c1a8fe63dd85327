# SPDX-License-Identifier: GPL-2.0
# Linux-VServer for Linux 6.12: the one entry point.
#
#   make          kernel (QEMU test config), userspace, tests, initramfs
#   make guest-trees  the Debian 12 guest tree the rig builds guests from
#                 (debootstrap once, cached in build/guest-trees)
#   make run      boot the patched kernel (no debug options) in QEMU and
#                 show guests at work
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

# make run boots the kernel without debug options (the benchmarks' build,
# build/obj-bench): the Debian guests' trees are written some 15 times
# faster than through KASAN and lockdep.  make check keeps the debug one.
RUN_OBJ = $${VS_BUILD:-$(CURDIR)/build}/obj-bench
run: userspace tests guest-trees
	@VS_OBJ=$(RUN_OBJ) VS_KERNEL_VARIANT=bench $(S)/build-kernel.sh
	@$(S)/build-initramfs.sh
	@VS_OBJ=$(RUN_OBJ) $(S)/run-qemu.sh run

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
