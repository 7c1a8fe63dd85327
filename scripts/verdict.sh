# SPDX-License-Identifier: GPL-2.0
# Reads a guest console log for kernel splats.  Sourced by run-qemu.sh and
# tested by scripts/test-rig.sh.

# Kernel lines carry a printk timestamp; only those can be splats, so a test
# printing "BUG:" cannot fail the run and cannot hide one either.
VS_SPLAT_RE='^\[ *[0-9]+\.[0-9]+\] (.*(Kernel panic|BUG:|WARNING:|Oops|general protection fault|KASAN:|UBSAN:|kmemleak: [0-9]+ new suspected|Call Trace:|cut here|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|lock held when returning|blocked for more than|soft lockup|rcu_sched self-detected stall|rcu: INFO:|list_add corruption|list_del corruption|refcount_t:|stack-protector|segfault at).*)'

# vs_splats LOG: prints the splat lines of LOG (nothing if clean).  The
# stack an OOM report dumps (from "invoked oom-killer" to "Killed
# process") is no splat: a memory cgroup killing inside a guest over its
# limit is the limit working.  Anything else in between still is.
vs_splats() {
	VS_RE=$VS_SPLAT_RE LC_ALL=C awk '
		/^\[ *[0-9]+\.[0-9]+\] .* invoked oom-killer: / { oom = 1 }
		$0 ~ ENVIRON["VS_RE"] && !(oom && /^\[ *[0-9]+\.[0-9]+\] Call Trace:/) { print }
		/^\[ *[0-9]+\.[0-9]+\] (Memory cgroup out of memory|Out of memory): Killed process / { oom = 0 }
	' "$1" | head -n 40 || true
}

# vs_verdict_counts VERDICT_FILE: prints "PASS FAIL" from the guest's
# "VS-RESULT pass=N fail=M" line, or nothing if there is none.
vs_verdict_counts() {
	sed -n 's/^VS-RESULT pass=\([0-9]*\) fail=\([0-9]*\).*/\1 \2/p' "$1" 2>/dev/null | tail -n 1
}
