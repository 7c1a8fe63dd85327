# SPDX-License-Identifier: GPL-2.0-only
#
# Runs cmake --install into a temporary DESTDIR and checks that every tool
# and its man page are there, the systemd unit (naming the installed
# vserver-start-marked) and tmpfiles file too, and nothing that is only for
# the build.
#   -DBUILD_DIR=<the build tree> -DTOOLS=<tool|tool|...> -DSCRATCH=<a directory to use>
#   [-DPREFIX=<the configured CMAKE_INSTALL_PREFIX>, which the unit's paths name]

string(REPLACE "|" ";" tools "${TOOLS}")
set(destdir ${SCRATCH}/destdir)
set(prefix /usr/local)
if(PREFIX)
    set(prefix ${PREFIX})
endif()
file(REMOVE_RECURSE ${destdir})

execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${destdir}
    ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}${err}")
endif()

set(root ${destdir}${prefix})
set(want)
foreach(tool IN LISTS tools)
    if(NOT EXISTS ${root}/sbin/${tool} OR IS_DIRECTORY ${root}/sbin/${tool})
        message(FATAL_ERROR "not installed: sbin/${tool}")
    endif()
    execute_process(COMMAND ${root}/sbin/${tool} --version
        RESULT_VARIABLE rc OUTPUT_VARIABLE version)
    if(NOT rc EQUAL 0 OR NOT version MATCHES "^${tool} \\(vserver-userspace ")
        message(FATAL_ERROR "installed ${tool} --version: ${rc} ${version}")
    endif()
    if(NOT EXISTS ${root}/share/man/man8/${tool}.8)
        message(FATAL_ERROR "not installed: share/man/man8/${tool}.8")
    endif()
    list(APPEND want sbin/${tool} share/man/man8/${tool}.8)
endforeach()

# The unit starts and stops the marked guests with the installed tool.
set(unit lib/systemd/system/vservers-default.service)
set(tmpfiles lib/tmpfiles.d/vserver.conf)
foreach(file ${unit} ${tmpfiles})
    if(NOT EXISTS ${root}/${file})
        message(FATAL_ERROR "not installed: ${file}")
    endif()
endforeach()
file(READ ${root}/${unit} text)
foreach(pattern "\nExecStart=${prefix}/sbin/vserver-start-marked --mark default start\n"
        "\nExecStop=${prefix}/sbin/vserver-start-marked --mark default stop\n"
        "\nType=oneshot\n" "\nRemainAfterExit=yes\n" "\nWantedBy=multi-user.target\n")
    if(NOT text MATCHES "${pattern}")
        message(FATAL_ERROR "${unit} does not match '${pattern}':\n${text}")
    endif()
endforeach()
file(READ ${root}/${tmpfiles} text)
foreach(pattern "\nd /run/vservers 0755 root root -\n" "\nd /run/vshelper 0755 root root -\n")
    if(NOT text MATCHES "${pattern}")
        message(FATAL_ERROR "${tmpfiles} does not match '${pattern}':\n${text}")
    endif()
endforeach()
list(APPEND want ${unit} ${tmpfiles})

# Exactly these files: no vserver-mangen, no libraries, no tests.
file(GLOB_RECURSE installed RELATIVE ${root} ${root}/*)
list(SORT installed)
list(SORT want)
if(NOT installed STREQUAL want)
    message(FATAL_ERROR "installed: ${installed}\nwant: ${want}")
endif()
file(REMOVE_RECURSE ${destdir})
