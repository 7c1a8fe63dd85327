#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The rig's own test: a deliberately wrong expectation that must turn the
# run red.  Run only by `make check-rig` (vs.mode=canary), which passes
# when the rig reports exactly this one failure.
. ../lib/tap.sh

t_eq "VCI version is 0002:0309 (deliberately wrong)" \
	"$(sed -n 's/^VCIVersion:\t//p' /proc/virtual/info)" "0002:0309"
t_done
