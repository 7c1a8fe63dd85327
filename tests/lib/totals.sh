# SPDX-License-Identifier: GPL-2.0
# Counting a test program's result.  Sourced by the guest's /init and by
# scripts/test-rig.sh, which tests it on the host.

# vs_count OUTPUT_FILE EXIT_STATUS: prints "PASS FAIL" for one test program
# from its kselftest "# Totals: pass:N fail:N xfail:N xpass:N skip:N
# error:N" line.  A program with no totals line, or a non-zero exit status
# but no failed test, counts one failure; skips and errors count as
# failures (a test that cannot run has not passed).
vs_count() {
	_line=$(grep -a '^# Totals: ' "$1" | tail -n 1)
	_p=$(echo "$_line" | sed -n 's/^# Totals: pass:\([0-9]*\) .*/\1/p')
	_f=$(echo "$_line" | sed -n 's/^# Totals: pass:[0-9]* fail:\([0-9]*\).*/\1/p')
	_s=$(echo "$_line" | sed -n 's/.* skip:\([0-9]*\).*/\1/p')
	_e=$(echo "$_line" | sed -n 's/.* error:\([0-9]*\).*/\1/p')
	_p=${_p:-0} _f=${_f:-0}
	_f=$((_f + ${_s:-0} + ${_e:-0}))
	if [ -z "$_line" ] || { [ "$2" -ne 0 ] && [ "$_f" -eq 0 ]; }; then
		_f=$((_f + 1))
	fi
	echo "$_p $_f"
}
