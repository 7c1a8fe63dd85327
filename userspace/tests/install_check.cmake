# SPDX-License-Identifier: GPL-2.0-only
#
# Runs cmake --install into a temporary DESTDIR and checks that every tool
# and its man page are there, and nothing that is only for the build.
#   -DBUILD_DIR=<the build tree> -DTOOLS=<tool|tool|...> -DSCRATCH=<a directory to use>

string(REPLACE "|" ";" tools "${TOOLS}")
set(destdir ${SCRATCH}/destdir)
set(prefix /usr/local)
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

# Exactly these files: no vserver-mangen, no libraries, no tests.
file(GLOB_RECURSE installed RELATIVE ${root} ${root}/*)
list(SORT installed)
list(SORT want)
if(NOT installed STREQUAL want)
    message(FATAL_ERROR "installed: ${installed}\nwant: ${want}")
endif()
file(REMOVE_RECURSE ${destdir})
