# SPDX-License-Identifier: GPL-2.0-only
#
# Runs one tool invocation and checks its exit status and output:
#   -DTOOL=<path> -DARGS=<arg|arg|...> -DEXIT=<status>
#   -DSTDERR=<the exact single error line, without the newline>  (or)
#   -DSTDOUT=<regex the standard output must match; stderr must be empty>
# ';' in STDERR is passed as <SC>, since CMake would split it.

string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND "${TOOL}" ${args}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
get_filename_component(tool_name "${TOOL}" NAME)

if(NOT "${rc}" STREQUAL "${EXIT}")
    message(FATAL_ERROR "exit status ${rc}, want ${EXIT}\nstdout: ${out}\nstderr: ${err}")
endif()

if(DEFINED STDERR)
    string(REPLACE "<SC>" ";" want "${tool_name}: ${STDERR}\n")
    if(NOT "${err}" STREQUAL "${want}")
        message(FATAL_ERROR "stderr:\n[${err}]\nwant:\n[${want}]")
    endif()
    if(NOT "${out}" STREQUAL "")
        message(FATAL_ERROR "unexpected stdout: ${out}")
    endif()
endif()

if(DEFINED STDOUT)
    if(NOT "${out}" MATCHES "${STDOUT}")
        message(FATAL_ERROR "stdout does not match '${STDOUT}':\n${out}")
    endif()
    if(NOT "${err}" STREQUAL "")
        message(FATAL_ERROR "unexpected stderr: ${err}")
    endif()
endif()
