# SPDX-License-Identifier: GPL-2.0-only
#
# Checks one generated man page: man-db formats it (man --warnings -l)
# and groff with every warning enabled (-ww) has nothing to say.
#   -DPAGE=<the .8 file> -DTOOL=<the tool it documents>

foreach(program man groff)
    find_program(${program}_path ${program})
    if(NOT ${program}_path)
        message(FATAL_ERROR "${program} not found (Debian: man-db, groff-base; "
            "scripts/build-userspace.sh installs them)")
    endif()
endforeach()

execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C MANWIDTH=80
    ${man_path} --warnings -l ${PAGE}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "man -l ${PAGE}: exit status ${rc}\n${err}")
endif()
string(TOUPPER "${TOOL}" upper)
foreach(want "^${upper}\\(8\\)" "\nNAME\n +${TOOL} +- " "\nSYNOPSIS\n +${TOOL} +"
        "\nDESCRIPTION\n" "\nOPTIONS\n" "\n +--help")
    if(NOT out MATCHES "${want}")
        message(FATAL_ERROR "man -l ${PAGE} does not match '${want}':\n${out}")
    endif()
endforeach()

execute_process(COMMAND ${groff_path} -man -ww -z ${PAGE}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "groff -man -ww -z ${PAGE}: exit status ${rc}\n${err}")
endif()
