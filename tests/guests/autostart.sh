#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Linux-VServer integration tests - guests as the host's boot runs them:
# `vserver-start-marked` starts the guests of an init mark (apps/init/mark)
# after what they depend on (apps/init/depends) and stops them again, and
# `vapt-get` runs apt-get in each selected guest. Four busybox guests on
# tmpfs: asa and asb marked default (asa depends on asc), asc marked
# other, asd unmarked. apt-get is a script that names its guest.
. ../lib/tap.sh

R=/tmp/autostart
mkdir -p $R
ip link add vsa0 type dummy 2>/dev/null
ip link set vsa0 up
ip link set lo up
for g in "asa 1231 10.78.0.1" "asb 1232 10.78.0.2" "asc 1233 10.78.0.3" \
	"asd 1234 10.78.0.4"; do
	set -- $g
	../lib/mkguest.sh "$1" "$2" "$3" vsa0 $R
	mkdir -p $R/"$1"/usr/bin
	cat >$R/"$1"/usr/bin/apt-get <<'APT'
#!/bin/sh
echo "apt-get in $(hostname) $*"
APT
	chmod 755 $R/"$1"/usr/bin/apt-get
done
echo default >/etc/vservers/asa/apps/init/mark
echo default >/etc/vservers/asb/apps/init/mark
echo other >/etc/vservers/asc/apps/init/mark
printf '# asa needs asc\nasc\n' >/etc/vservers/asa/apps/init/depends

# The guests a start-marked output names after "starting" (or another
# verb), on one line: "'asb' 'asc' 'asa'".
acted() {
	echo "$1" | sed -n "s/^vserver-start-marked: $2 //p" | tr '\n' ' ' | sed 's/ $//'
}

# --- vserver-start-marked start ------------------------------------------------
out=$(vserver-start-marked start 2>&1)
t_eq "start-marked start exits 0" "$?" 0
t_eq "... starts the default-marked guests and asa's dependency, asc before asa" \
	"$(acted "$out" starting)" "'asb' 'asc' 'asa'"
t_status "asa (marked default) runs" 0 vserver asa running
t_status "asb (marked default) runs" 0 vserver asb running
t_status "asc (asa's dependency) runs" 0 vserver asc running
t_status "asd (unmarked) does not run" 1 vserver asd running
t_eq "asa is in its context" "$(vserver asa exec hostname)" "asa"
out=$(vserver-start-marked start 2>&1)
t_eq "a second start exits 0" "$?" 0
t_contains "... and leaves running guests alone" "$out" "'asa' is already running"
t_eq "... starting none" "$(acted "$out" starting)" ""
out=$(vserver-start-marked --mark nosuch start 2>&1)
t_eq "start of an unused mark exits 0" "$?" 0
t_eq "... with one line" "$out" "vserver-start-marked: no guests marked 'nosuch'"

# --- vserver-start-marked --mark other stop --------------------------------------
out=$(vserver-start-marked --mark other stop 2>&1)
t_eq "start-marked --mark other stop exits 0" "$?" 0
t_eq "... stops asc only" "$(acted "$out" stopping)" "'asc'"
t_status "asc is stopped" 1 vserver asc running
t_gone "... and its context is gone" /proc/virtual/1233
t_status "asa still runs" 0 vserver asa running
t_status "asb still runs" 0 vserver asb running

# --- vapt-get --------------------------------------------------------------------
out=$(vapt-get --all -- --version 2>$R/err)
t_eq "vapt-get --all exits 0" "$?" 0
t_eq "... runs apt-get in each running guest after its header, in name order" "$out" \
	"==> asa <==
apt-get in asa --version
==> asb <==
apt-get in asb --version"
err=$(cat $R/err)
t_contains "... skips asc with a note" "$err" "vapt-get: 'asc' is not running; skipped"
t_contains "... skips asd with a note" "$err" "vapt-get: 'asd' is not running; skipped"
t_eq "... one line each" "$(echo "$err" | wc -l)" 2
t_eq "vapt-get --running does the same" "$(vapt-get --running -- --version 2>/dev/null)" "$out"
t_eq "vapt-get NAME passes every argument" "$(vapt-get asb -- install -y foo)" \
	"==> asb <==
apt-get in asb install -y foo"
t_eq "vapt-get --quiet: no header" "$(vapt-get --quiet asb -- update)" "apt-get in asb update"
t_eq "vapt-get --marked default" "$(vapt-get --marked default -- update | grep -c '^apt-get in')" 2
err=$(vapt-get asc -- update 2>&1)
t_status "vapt-get on a stopped guest named fails" 1 vapt-get asc -- update
t_contains "... saying so" "$err" "vapt-get: 'asc' is not running"
err=$(vapt-get nosuch -- update 2>&1)
t_status "vapt-get on an unknown guest fails" 1 vapt-get nosuch -- update
t_eq "... with one line" "$err" "vapt-get: no guest 'nosuch' in /etc/vservers"

cat >$R/asb/usr/bin/apt-get <<'APT'
#!/bin/sh
echo "apt-get in $(hostname) $*"
exit 3
APT
out=$(vapt-get --all -- --version 2>$R/err)
t_eq "an apt-get failing in asb: vapt-get exits 1" "$?" 1
t_contains "... after running it in asa" "$out" "apt-get in asa --version"
t_contains "... and in asb" "$out" "apt-get in asb --version"
t_eq "... naming asb last" "$(tail -n 1 $R/err)" "vapt-get: apt-get failed in: asb"

# --- vserver-start-marked --all stop --------------------------------------------
out=$(vserver-start-marked --all stop 2>&1)
t_eq "start-marked --all stop exits 0" "$?" 0
t_eq "... stops the running guests, asa before what it needs" \
	"$(acted "$out" stopping)" "'asa' 'asb'"
for g in asa asb asc asd; do
	t_status "$g is stopped" 1 vserver $g running
done
t_gone "no context of asa is left" /proc/virtual/1231
t_gone "no context of asb is left" /proc/virtual/1232
case "$(ip addr show dev vsa0)" in
*10.78.0.*) t_fail "no guest address is left on vsa0" ;;
*) t_pass "no guest address is left on vsa0" ;;
esac
t_eq "no guest runs: vserver-stat lists none of them" \
	"$(vserver-stat | grep -c -e '^123[1-4] ')" 0

# Later suites start clean: no configuration, no tree.
for g in asa asb asc asd; do
	vserver $g delete --force >/dev/null 2>&1 || rm -rf "/etc/vservers/$g" "${R:?}/$g"
done
t_gone "the configurations are removed" /etc/vservers/asa
t_gone "... all of them" /etc/vservers/asd
t_gone "the trees are removed" $R/asa
rm -rf $R
ip link del vsa0
t_done
