#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compares benchmark results: bench-report.py NOVSERVER.txt VSERVER.txt

Each file holds "BENCH <name> <ns per op> <ops>" lines (tests/bench).
Prints every measurement on both kernels, then the ratios the design
brief budgets, each as "<what>: <ratio> (<a> vs <b> ns)".
"""
import sys

# (what, numerator, denominator): numerator / denominator, same kernel.
RATIOS = [
    ("host, no context: vserver vs CONFIG_VSERVER=n, fork+exit",
     ("vserver", "host.fork_exit"), ("novserver", "host.fork_exit")),
    ("host, no context: vserver vs CONFIG_VSERVER=n, kill(pid, 0)",
     ("vserver", "host.kill0"), ("novserver", "host.kill0")),
    ("host with 1,000 contexts vs none, fork+exit",
     ("vserver", "host1k.fork_exit"), ("vserver", "host.fork_exit")),
    ("host with 1,000 contexts vs none, kill(pid, 0)",
     ("vserver", "host1k.kill0"), ("vserver", "host.kill0")),
    ("inside a context vs host, fork+exit",
     ("vserver", "guest.fork_exit"), ("vserver", "host1k.fork_exit")),
    ("inside a context vs host, kill(pid, 0)",
     ("vserver", "guest.kill0"), ("vserver", "host1k.kill0")),
    ("host, no context: vserver vs CONFIG_VSERVER=n, ioprio_set RT (capable)",
     ("vserver", "host.ioprio_rt"), ("novserver", "host.ioprio_rt")),
    ("host, no context: vserver vs CONFIG_VSERVER=n, sock_diag TCP dump",
     ("vserver", "host.diag_tcp"), ("novserver", "host.diag_tcp")),
    ("host with 1,000 contexts vs none, ioprio_set RT (capable)",
     ("vserver", "host1k.ioprio_rt"), ("vserver", "host.ioprio_rt")),
    ("host with 1,000 contexts vs none, sock_diag TCP dump",
     ("vserver", "host1k.diag_tcp"), ("vserver", "host.diag_tcp")),
    ("new context + /bin/true vs fork+exec /bin/true",
     ("vserver", "spawn.context"), ("vserver", "spawn.true")),
    ("vcontext --create -- /bin/true vs fork+exec /bin/true",
     ("vserver", "spawn.vcontext"), ("vserver", "spawn.true")),
    ("unshare --fork --pid --uts --ipc --mount-proc true vs fork+exec",
     ("vserver", "spawn.unshare"), ("vserver", "spawn.true")),
    ("new context + /bin/true vs unshare (pid, uts, ipc, mount)",
     ("vserver", "spawn.context"), ("vserver", "spawn.unshare")),
    ("vserver NAME start (to its httpd answering) vs fork+exec httpd "
     "[budget 20x]",
     ("vserver", "guest.start"), ("vserver", "service.httpd_start")),
    ("vserver NAME stop vs fork+exec httpd",
     ("vserver", "guest.stop"), ("vserver", "service.httpd_start")),
    ("Debian guest: vserver NAME start (to sshd answering) vs sshd in a "
     "chroot of its tree",
     ("vserver", "debian.start"), ("vserver", "service.sshd_start")),
    ("Debian guest: vserver NAME stop vs sshd in a chroot of its tree",
     ("vserver", "debian.stop"), ("vserver", "service.sshd_start")),
]
for op in ("bind", "tcp", "udp_rtt"):
    RATIOS += [
        (f"host socket: vserver vs CONFIG_VSERVER=n, {op}",
         ("vserver", f"host.{op}"), ("novserver", f"host.{op}")),
        (f"host socket with 1,000 network contexts vs none, {op}",
         ("vserver", f"host1k.{op}"), ("vserver", f"host.{op}")),
    ] + [
        (f"network context with {n} vs host socket, {op}",
         ("vserver", f"{n}.{op}"), ("vserver", f"host.{op}"))
        for n in ("nx1", "nx16", "nx64", "nx1k")
    ]

for op in ("open_close", "socket_close", "mmap_touch"):
    RATIOS += [
        (f"host, no context: vserver vs CONFIG_VSERVER=n, {op}",
         ("vserver", f"host.{op}"), ("novserver", f"host.{op}")),
        (f"host with 1,000 contexts vs none, {op}",
         ("vserver", f"host1k.{op}"), ("vserver", f"host.{op}")),
    ]
for op in ("fork_exit", "open_close", "socket_close", "mmap_touch"):
    RATIOS.append((f"inside a context with every limit set vs host, {op}",
                   ("vserver", f"limited.{op}"), ("vserver", f"host.{op}")))

for op in ("write1m", "create_unlink"):
    RATIOS.append((f"disk, untagged host: vserver vs CONFIG_VSERVER=n, {op}",
                   ("vserver", f"disk.untagged.host.{op}"),
                   ("novserver", f"disk.untagged.host.{op}")))
    for where in ("host", "guest"):
        RATIOS += [
            (f"disk, {where}: {mode} vs untagged filesystem, {op}",
             ("vserver", f"disk.{mode}.{where}.{op}"),
             ("vserver", f"disk.untagged.{where}.{op}"))
            for mode in ("tagged", "limited")
        ]


def load(path):
    results = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            fields = line.split()
            if len(fields) == 4 and fields[0] == "BENCH":
                results[fields[1]] = int(fields[2])
    return results


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench-report.py NOVSERVER.txt VSERVER.txt")
    runs = {"novserver": load(sys.argv[1]), "vserver": load(sys.argv[2])}
    names = sorted(set(runs["novserver"]) | set(runs["vserver"]))
    print(f"{'benchmark (ns/op)':<36}{'CONFIG_VSERVER=n':>18}{'vserver':>12}")
    for name in names:
        cells = [str(runs[k].get(name, "-")) for k in ("novserver", "vserver")]
        print(f"{name:<36}{cells[0]:>18}{cells[1]:>12}")
    print()
    for what, (ka, na), (kb, nb) in RATIOS:
        a, b = runs[ka].get(na), runs[kb].get(nb)
        if a is None or b is None or b == 0:
            print(f"{what}: missing")
            continue
        print(f"{what}: {a / b:.3f} ({a} vs {b} ns)")


if __name__ == "__main__":
    main()
