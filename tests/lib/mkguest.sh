#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Makes a small busybox guest for the lifecycle suite and `make run`:
#   mkguest.sh NAME XID IP DEV ROOT
# Its tree goes to ROOT/NAME (busybox, an rc that starts httpd on port 80
# at runlevel 3 and stops it at 6), its configuration to
# /etc/vservers/NAME in util-vserver's layout.
set -e
name=$1 xid=$2 ip=$3 dev=$4 root=$5
d=$root/$name
c=/etc/vservers/$name

mkdir -p "$d/bin" "$d/sbin" "$d/etc/init.d" "$d/proc" "$d/dev/pts" \
	"$d/tmp" "$d/var/run" "$d/var/lock" "$d/www" "$d/root"
cp /bin/busybox "$d/bin/busybox"
for a in sh ash cat echo hostname httpd id kill killall ls mount ps \
	reboot halt poweroff sleep uname wget df free grep touch; do
	ln -sf busybox "$d/bin/$a"
done
[ -e "$d/dev/null" ] || mknod -m 666 "$d/dev/null" c 1 3
[ -e "$d/dev/zero" ] || mknod -m 666 "$d/dev/zero" c 1 5
echo "guest $name" >"$d/www/index.html"
cat >"$d/etc/init.d/rc" <<'RC'
#!/bin/sh
# The guest's rc: runlevel 3 serves /www on port 80, 0 and 6 stop it.
case "$1" in
3) httpd -p 80 -h /www ;;
0 | 6) killall httpd 2>/dev/null ;;
esac
exit 0
RC
chmod 755 "$d/etc/init.d/rc"
printf 'root:x:0:0:root:/root:/bin/sh\nwww:x:33:33:www:/www:/bin/sh\n' \
	>"$d/etc/passwd"
printf 'root:x:0:\nwww:x:33:\n' >"$d/etc/group"

mkdir -p "$c/interfaces/0" "$c/apps/init" "$c/uts"
echo "$xid" >"$c/context"
echo "$ip" >"$c/interfaces/0/ip"
echo 24 >"$c/interfaces/0/prefix"
echo "$dev" >"$c/interfaces/0/dev"
echo "$name" >"$c/interfaces/0/name"
ln -sfn "$d" "$c/vdir"
echo "$name" >"$c/uts/nodename"
echo sysv >"$c/apps/init/style"
printf 'proc /proc proc defaults 0 0\nnone /tmp tmpfs size=16m,mode=1777 0 0\n' \
	>"$c/fstab"
