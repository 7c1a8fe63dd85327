# SPDX-License-Identifier: GPL-2.0-only
#
# What the tools print for a command line they refuse, and --help/--version:
# behaviour that does not depend on the running kernel. Included by
# ../CMakeLists.txt, which defines vserver_cli_error() and
# vserver_cli_output() (both run cli_check.cmake).
#
#   vserver_cli_error(<name> <tool> <exit status> "<the one stderr line after '<tool>: '>" <args>...)
#   vserver_cli_output(<name> <tool> "<regex stdout must match>" <args>...)
#
# Each becomes the CTest test cli_<tool>_<name>.

# vserver-info, the first tool: plain exit status checks.
set(info $<TARGET_FILE:vserver-info>)
add_test(NAME cli_list COMMAND ${info} -l)
set_tests_properties(cli_list PROPERTIES
    PASS_REGULAR_EXPRESSION "^Valid tags are: SYSINFO, FEATURE\n$")
add_test(NAME cli_help COMMAND ${info} --help)
set_tests_properties(cli_help PROPERTIES PASS_REGULAR_EXPRESSION "Usage: vserver-info")
add_test(NAME cli_version COMMAND ${info} --version)
set_tests_properties(cli_version PROPERTIES PASS_REGULAR_EXPRESSION "vserver-userspace")
foreach(bad "NOSUCHTAG" "CONTEXT" "FEATURE" "FEATURE;nosuchthing")
    string(REPLACE ";" "_" name "cli_fails_${bad}")
    add_test(NAME ${name} COMMAND ${info} - ${bad})
    set_tests_properties(${name} PROPERTIES WILL_FAIL TRUE)
endforeach()
add_test(NAME cli_fails_not_host COMMAND ${info} myguest SYSINFO)
set_tests_properties(cli_fails_not_host PROPERTIES WILL_FAIL TRUE)
add_test(NAME cli_fails_bad_option COMMAND ${info} -x - SYSINFO)
set_tests_properties(cli_fails_bad_option PROPERTIES WILL_FAIL TRUE)
# The same refusals, with their exact messages.
vserver_cli_error(bad_option vserver-info 1 "invalid option '-x' (try '--help')" -x - SYSINFO)
vserver_cli_error(unknown_tag vserver-info 1
    "unknown tag 'NOSUCHTAG' (use -l to list valid tags)" - NOSUCHTAG)
vserver_cli_error(later_tag vserver-info 1 "tag 'CONTEXT' is not supported yet" - CONTEXT)
vserver_cli_error(not_host vserver-info 1
    "only '-' (the host) is supported as <vserver> for tag SYSINFO, not 'myguest'" myguest SYSINFO)
vserver_cli_error(no_feature vserver-info 1 "FEATURE needs a feature name" - FEATURE)
vserver_cli_error(unknown_feature vserver-info 1
    "unknown feature 'nosuchthing'" - FEATURE nosuchthing)
foreach(tool vcontext vattribute vkill vps vuname vwait chbind ncontext naddress nattribute
        vlimit chxid lsxid setattr showattr vdlimit)
    vserver_cli_output(help ${tool} "^Usage:" --help)
    vserver_cli_output(version ${tool} "^${tool} \\(vserver-userspace [0-9.]+\\)" --version)
endforeach()

vserver_cli_error(no_mode vcontext 255
    "Neither '--create' nor '--migrate' specified; try '--help' for more information")
vserver_cli_error(no_mode_with_command vcontext 255
    "Neither '--create' nor '--migrate' specified; try '--help' for more information"
    --endsetup -- true)
vserver_cli_error(create_and_migrate vcontext 255
    "Can not specify '--create' and '--migrate' at the same time; try '--help' for more information"
    --create --migrate-self -- true)
vserver_cli_error(initpid_without_migrate vcontext 255
    "'--initpid' is possible in combination with '--migrate' only"
    --create --xid 42 --initpid -- true)
vserver_cli_error(migrate_without_xid vcontext 255
    "Can not migrate to an unknown context" --migrate -- true)
vserver_cli_error(no_command vcontext 255
    "No command given; use '--help' for more information." --create --xid 42)
vserver_cli_error(no_command_migrate vcontext 255
    "No command given; use '--help' for more information." --migrate --xid 42 --)
vserver_cli_error(bad_xid vcontext 255
    "invalid context 'guest' (a number or 'self')" --migrate --xid guest -- true)
vserver_cli_error(bad_uid vcontext 255
    "Uid 'root' is not a number" --create --xid 42 --uid root -- true)
vserver_cli_error(bad_option vcontext 255
    "invalid option '--bogus' (try '--help')" --bogus)
vserver_cli_error(missing_argument vcontext 255
    "option '--xid' requires an argument (try '--help')" --create --xid)

vserver_cli_error(unknown_flag vattribute 1
    "unknown flag 'nosuch'" --set --flag virt_mem,nosuch)
vserver_cli_error(unknown_ccap vattribute 1 "unknown ccap 'chown'" --set --ccap ~chown)
vserver_cli_error(unknown_bcap vattribute 1 "unknown bcap 'CAP_FOO'" --set --bcap CAP_FOO)
vserver_cli_error(unknown_namespace vattribute 1
    "unknown namespace 'newfoo'" --set --umask newfoo)
vserver_cli_error(bad_bit vattribute 1
    "bad bit number in '^64' (0..63)" --set --bcap CHOWN,^64)
vserver_cli_error(empty_item vattribute 1
    "empty flag name in list" --set --flag nproc,)
vserver_cli_error(bad_xid vattribute 1
    "invalid context 'x' (a number or 'self')" --xid x --get)
vserver_cli_error(bad_option vattribute 255
    "invalid option '--bogus' (try '--help')" --bogus)

vserver_cli_error(no_mode ncontext 255
    "Neither '--create' nor '--migrate' specified; try '--help' for more information" true)
vserver_cli_error(create_and_migrate ncontext 255
    "Can not specify '--create' and '--migrate' at the same time; try '--help' for more information"
    --create --migrate-self -- true)
vserver_cli_error(migrate_without_nid ncontext 255
    "Can not migrate to an unknown context" --migrate -- true)
vserver_cli_error(no_command ncontext 255
    "No command given; use '--help' for more information." --create --nid 42)
vserver_cli_error(bad_nid ncontext 255
    "invalid network context 'guest' (a number or 'self')" --migrate --nid guest -- true)
vserver_cli_error(bad_option ncontext 255 "invalid option '--xid' (try '--help')" --xid 42)
vserver_cli_error(missing_argument ncontext 255
    "option '--nid' requires an argument (try '--help')" --create --nid)

vserver_cli_error(no_operation naddress 255
    "No operation specified; try '--help' for more information" --ip 192.0.2.1)
vserver_cli_error(two_operations naddress 255
    "Multiple operations specified; try '--help' for more information" --add --set)
vserver_cli_error(bad_prefix naddress 255
    "invalid prefix '33' in '192.0.2.1/33' (0..32)" --add --ip 192.0.2.1/33)
vserver_cli_error(noncontiguous_mask naddress 255
    "non-contiguous netmask '255.0.255.0' in '192.0.2.1/255.0.255.0'"
    --add --ip 192.0.2.1/255.0.255.0)
vserver_cli_error(interface_name naddress 255
    "invalid IPv4 address 'eth0' (interface names are not supported)" --add --ip eth0)
vserver_cli_error(empty_range naddress 255
    "empty range '10.0.0.9-10.0.0.1' (the first address must be lower than the second)"
    --add --range 10.0.0.9-10.0.0.1)
vserver_cli_error(bad_option naddress 255 "invalid option '--bogus' (try '--help')" --bogus)

vserver_cli_error(unknown_flag nattribute 1 "unknown flag 'hide_mount'" --flag hide_mount)
vserver_cli_error(unknown_ncap nattribute 1 "unknown ncap 'chown'" --set --ncap ~chown)
vserver_cli_error(bad_nid nattribute 1
    "invalid network context 'x' (a number or 'self')" --nid x --get)
vserver_cli_error(bad_option nattribute 255 "invalid option '--bogus' (try '--help')" --bogus)

vserver_cli_error(no_nid chbind 1
    "--nid is required: this kernel has no dynamic network contexts" --ip 192.0.2.1 -- true)
vserver_cli_error(no_command chbind 1
    "No command given; use '--help' for more information." --nid 42 --ip 192.0.2.1)
vserver_cli_error(bad_ip chbind 1
    "invalid IPv4 address '192.0.2.256' (256 is above 255)" --nid 42 --ip 192.0.2.256 true)
vserver_cli_error(unknown_flag chbind 1 "unknown flag 'nosuch'" --nid 42 --flag nosuch true)
vserver_cli_error(bad_option chbind 1 "invalid option '--range' (try '--help')"
    --range 10.0.0.1-10.0.0.2)

vserver_cli_error(bad_value vlimit 255 "Can not parse limit '10x'" --nproc 10x)
vserver_cli_error(negative_value vlimit 255 "Can not parse limit '-1'" -S --nofile -1)
vserver_cli_error(bad_xid vlimit 255
    "invalid context 'guest' (a number or 'self')" -c guest -a)
vserver_cli_error(bad_option vlimit 255 "invalid option '--sigpending' (try '--help')"
    --sigpending 10)
vserver_cli_error(missing_argument vlimit 255
    "option '--nproc' requires an argument (try '--help')" --nproc)

# A path that does not exist is found by lstat before any system call.
vserver_cli_error(no_filename chxid 1 "No filename given; use '--help' for more information")
vserver_cli_error(no_context chxid 1 "No context given; use '--help' for more information" f)
vserver_cli_error(unknown_vserver chxid 1
    "unknown context or vserver 'no-such-guest' (no /etc/vservers/no-such-guest/vdir)"
    -c no-such-guest f)
vserver_cli_error(no_such_file chxid 1
    "/nonexistent/f: No such file or directory (ENOENT)" -R -c 42 /nonexistent/f)
vserver_cli_error(bad_option chxid 1 "invalid option '-a' (try '--help')" -a -c 42 f)
vserver_cli_error(missing_argument chxid 1
    "option '-c' requires an argument (try '--help')" f -c)

vserver_cli_error(no_such_file lsxid 1
    "/nonexistent/f: No such file or directory (ENOENT)" -R /nonexistent/f)
vserver_cli_error(bad_option lsxid 1 "invalid option '-c' (try '--help')" -c 42)

vserver_cli_error(no_filename setattr 1
    "No filename given; use '--help' for more information" --~iunlink)
vserver_cli_error(bad_flags setattr 1
    "Invalid flags argument: '0x8x'; try '--help' for more information" --flags 0x8x f)
vserver_cli_error(no_such_file setattr 1
    "/nonexistent/f: No such file or directory (ENOENT)" --barrier /nonexistent/f)
vserver_cli_error(bad_option setattr 1 "invalid option '--sticky' (try '--help')" --sticky f)

vserver_cli_error(no_such_file showattr 1
    "/nonexistent/f: No such file or directory (ENOENT)" -d /nonexistent/f)
vserver_cli_error(bad_option showattr 1 "invalid option '-n' (try '--help')" -n)

vserver_cli_error(no_xid vdlimit 1 "No xid specified; try '--help' for more information" /)
vserver_cli_error(no_mount_point vdlimit 1
    "No mount point specified; try '--help' for more information" --xid 42)
vserver_cli_error(two_operations vdlimit 1
    "Can not specify multiple operations; try '--help' for more information"
    --xid 42 --remove --set reserved=5 /)
vserver_cli_error(unknown_limit vdlimit 1 "unknown limit in 'space=5'" --set space=5 /)
vserver_cli_error(set_twice vdlimit 1 "value already set in 'reserved=6'"
    --set reserved=5 --set reserved=6 /)
vserver_cli_error(bad_number vdlimit 1 "can not parse number in 'space_total=1G'"
    --set space_total=1G /)
vserver_cli_error(used_above_total vdlimit 1
    "invalid parameters: 'space_used' is larger than 'space_total'"
    -x 42 -s space_used=2 -s space_total=1 /)
vserver_cli_error(bad_flags vdlimit 1
    "Invalid flags argument: '-3'; try '--help' for more information" --flags -3 /)
vserver_cli_error(unknown_vserver vdlimit 1
    "unknown context or vserver 'no-such-guest' (no /etc/vservers/no-such-guest/vdir)"
    --xid no-such-guest /)
vserver_cli_error(bad_option vdlimit 1 "invalid option '--bogus' (try '--help')" --bogus)

vserver_cli_error(no_pid vkill 1 "No pid specified")
vserver_cli_error(bad_signal vkill 1 "Invalid signal specified: 'FOO'" -s FOO 1)
vserver_cli_error(bad_signal_number vkill 1 "Invalid signal specified: '65'" -s 65 1)
vserver_cli_error(bad_xid vkill 1 "invalid context 'abc' (a number or 'self')" -c abc 1)
vserver_cli_error(bad_option vkill 1 "invalid option '-x' (try '--help')" -x 1)
vserver_cli_error(missing_argument vkill 1
    "option '-s' requires an argument (try '--help')" -s)

vserver_cli_error(no_xid vuname 255
    "No context specified; try '--help' for more information" --get)
vserver_cli_error(bad_tag vuname 255 "Tag 'foo' not recognized" --xid 42 --set -t foo=bar)
vserver_cli_error(bad_get_tag vuname 255 "Tag 'host' not recognized" --xid 42 --get host)
vserver_cli_error(bad_xid vuname 255
    "invalid context '-1' (a number or 'self')" --xid -1 --get)
vserver_cli_error(bad_option vuname 1 "invalid option '--bogus' (try '--help')" --bogus)

vserver_cli_error(no_xid vwait 1 "no context specified; try '--help' for more information")
vserver_cli_error(two_xids vwait 1
    "can not wait for more than one context; try '--help' for more information" -- 42 43)
vserver_cli_error(bad_xid vwait 1
    "invalid context specified; try '--help' for more information" guest)
vserver_cli_error(bad_timeout vwait 1 "invalid timeout '1s'" --timeout 1s 42)
vserver_cli_error(bad_status_fd vwait 1
    "invalid file descriptor '-3'" --status-fd -3 42)
vserver_cli_error(bad_option vwait 1 "invalid option '--bogus' (try '--help')" --bogus 42)

# vserver-stat: no options besides --help and --version, no operands.
vserver_cli_output(help vserver-stat "^Usage: vserver-stat" --help)
vserver_cli_output(version vserver-stat "^vserver-stat \\(vserver-userspace [0-9.]+\\)" --version)
vserver_cli_error(bad_option vserver-stat 1 "invalid option '-x' (try '--help')" -x)
vserver_cli_error(bad_long_option vserver-stat 1 "invalid option '--sort' (try '--help')" --sort)
vserver_cli_error(operand vserver-stat 1
    "unexpected argument 'foo'; try '--help' for more information" foo)

# vshelper: <action> <xid>; the refusals only (a valid call acts).
vserver_cli_output(help vshelper "^Usage: vshelper" --help)
vserver_cli_output(version vshelper "^vshelper \\(vserver-userspace [0-9.]+\\)" --version)
vserver_cli_error(no_arguments vshelper 1 "missing arguments; try '--help' for more information")
vserver_cli_error(no_xid vshelper 1 "missing arguments; try '--help' for more information"
    restart)
vserver_cli_error(unknown_action vshelper 1 "unknown action 'reboot'" reboot 42)
vserver_cli_error(bad_xid vshelper 1 "invalid xid 'abc'" restart abc)
vserver_cli_error(bad_option vshelper 1 "invalid option '-x' (try '--help')" -x restart 42)

# vserver: <name> <command>; refusals found before any guest is looked at,
# and the exit status 5 of a guest without configuration.
vserver_cli_output(help vserver "^Usage: vserver" --help)
vserver_cli_output(version vserver "^vserver \\(vserver-userspace [0-9.]+\\)" --version)
vserver_cli_error(no_arguments vserver 1
    "missing guest name or command; try '--help' for more information")
vserver_cli_error(no_command vserver 1
    "missing guest name or command; try '--help' for more information" guest)
vserver_cli_error(unknown_command vserver 2
    "unknown command 'fly'; try '--help' for more information" guest fly)
vserver_cli_error(bad_option vserver 1 "invalid option '-x' (try '--help')" -x guest start)
vserver_cli_error(bad_long_option vserver 1 "invalid option '--force' (try '--help')"
    --force guest delete)
vserver_cli_error(options_only vserver 1
    "missing guest name or command; try '--help' for more information" --silent --sync)
vserver_cli_error(exec_without_command vserver 1 "exec needs a command" guest exec)
vserver_cli_error(suexec_without_command vserver 1 "suexec needs a user and a command"
    guest suexec root)
vserver_cli_error(unknown_guest vserver 5
    "Can not find a vserver-setup at '/etc/vservers/no-such-guest/'"
    no-such-guest status)

# vapt-get: <name>...|--all|--running|--marked <mark> -- <apt-get args>; the
# refusals, found before any guest is entered.
vserver_cli_output(help vapt-get "^Usage: vapt-get" --help)
vserver_cli_output(version vapt-get "^vapt-get \\(vserver-userspace [0-9.]+\\)" --version)
vserver_cli_error(no_selection vapt-get 1
    "no guests selected (names, --all, --running or --marked <mark>); try '--help' for more information"
    -- update)
vserver_cli_error(names_and_all vapt-get 1
    "give guest names or one of --all, --running and --marked, not several; try '--help' for more information"
    a --all -- update)
vserver_cli_error(all_and_marked vapt-get 1
    "give guest names or one of --all, --running and --marked, not several; try '--help' for more information"
    --all --marked default -- update)
vserver_cli_error(no_dashes vapt-get 1
    "missing '--' before the apt-get arguments; try '--help' for more information" --all)
vserver_cli_error(no_apt_args vapt-get 1
    "no apt-get arguments after '--'; try '--help' for more information" --running --)
vserver_cli_error(unknown_guest vapt-get 1
    "no guest 'no-such-guest' in /etc/vservers" no-such-guest -- update)
vserver_cli_error(bad_option vapt-get 1 "invalid option '--bogus' (try '--help')"
    --bogus --all -- update)
vserver_cli_error(missing_argument vapt-get 1
    "option '--marked' requires an argument (try '--help')" --marked -- update)

# vserver-start-marked: [--mark <mark>|--all] start|stop.
vserver_cli_output(help vserver-start-marked "^Usage: vserver-start-marked" --help)
vserver_cli_output(version vserver-start-marked
    "^vserver-start-marked \\(vserver-userspace [0-9.]+\\)" --version)
vserver_cli_error(no_command vserver-start-marked 1
    "missing command (start or stop); try '--help' for more information")
vserver_cli_error(unknown_command vserver-start-marked 1
    "unknown command 'restart' (start or stop); try '--help' for more information" restart)
vserver_cli_error(extra_argument vserver-start-marked 1
    "unexpected argument 'now'; try '--help' for more information" start now)
vserver_cli_error(mark_and_all vserver-start-marked 1
    "--mark and --all exclude each other; try '--help' for more information"
    --mark default --all start)
vserver_cli_error(bad_option vserver-start-marked 1 "invalid option '--bogus' (try '--help')"
    --bogus start)
vserver_cli_error(missing_argument vserver-start-marked 1
    "option '--mark' requires an argument (try '--help')" start --mark)
