# SPDX-License-Identifier: GPL-2.0
# Minimal TAP helpers for the shell scenario tests.  Sourced.
# Each test prints "ok N - name" or "not ok N - name" and a reason; t_done
# prints the kselftest-style totals line that the guest runner counts.

T_PASS=0
T_FAIL=0
T_N=0

t_pass() {
	T_N=$((T_N + 1))
	T_PASS=$((T_PASS + 1))
	echo "ok $T_N - $1"
}

t_fail() {
	T_N=$((T_N + 1))
	T_FAIL=$((T_FAIL + 1))
	echo "not ok $T_N - $1"
	shift
	[ $# -eq 0 ] || echo "#   $*"
}

# t_run NAME CMD...: passes when CMD exits 0.
t_run() {
	_name=$1
	shift
	if "$@"; then t_pass "$_name"; else t_fail "$_name" "failed: $*"; fi
}

# t_gone NAME PATH: passes once PATH has disappeared, within 3 seconds
# (contexts are torn down by the kernel's work queue, just after their end).
t_gone() {
	_i=0
	while [ -e "$2" ] && [ "$_i" -lt 30 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	if [ -e "$2" ]; then t_fail "$1" "$2 still exists"; else t_pass "$1"; fi
}

# t_status NAME WANT CMD...: passes when CMD exits with status WANT.
t_status() {
	_name=$1 _want=$2
	shift 2
	"$@" >/dev/null 2>&1
	_rc=$?
	if [ "$_rc" -eq "$_want" ]; then
		t_pass "$_name"
	else
		t_fail "$_name" "exit status $_rc, want $_want: $*"
	fi
}

# t_eq NAME GOT WANT
t_eq() {
	if [ "$2" = "$3" ]; then
		t_pass "$1"
	else
		t_fail "$1" "got '$2', want '$3'"
	fi
}

# t_contains NAME HAYSTACK NEEDLE
t_contains() {
	case "$2" in
	*"$3"*) t_pass "$1" ;;
	*) t_fail "$1" "'$3' not found in: $2" ;;
	esac
}

t_done() {
	echo "# Totals: pass:$T_PASS fail:$T_FAIL xfail:0 xpass:0 skip:0 error:0"
	[ "$T_FAIL" -eq 0 ]
}
