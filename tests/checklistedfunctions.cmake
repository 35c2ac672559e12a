# cmake -DEXECUTABLE=tst_x -DLISTED=a,b,c -P checklistedfunctions.cmake
#
# Fails when the Qt Test executable has a test function that none of its
# FUNCTIONS lists (LISTED, comma-separated) names: ctest would never run it.
# Also fails on a listed name the executable does not have.
execute_process(COMMAND ${EXECUTABLE} -functions
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${EXECUTABLE} -functions failed (${status}): ${errors}")
endif()
string(REPLACE "," ";" listed "${LISTED}")
string(REGEX MATCHALL "[A-Za-z_][A-Za-z0-9_]*\\(\\)" found "${output}")
list(TRANSFORM found REPLACE "\\(\\)$" "")
if(NOT found)
    message(FATAL_ERROR "${EXECUTABLE} -functions named no test function:\n${output}")
endif()

get_filename_component(name ${EXECUTABLE} NAME)
set(unlisted ${found})
list(REMOVE_ITEM unlisted ${listed})
set(unknown ${listed})
list(REMOVE_ITEM unknown ${found})
set(problems "")
if(unlisted)
    list(JOIN unlisted ", " unlisted)
    string(APPEND problems "${name}: ${unlisted} never run: add each to the FUNCTIONS of "
                           "chairside_add_keyring_test or chairside_add_nokeychain_test for ${name}\n")
endif()
if(unknown)
    list(JOIN unknown ", " unknown)
    string(APPEND problems "${name}: the FUNCTIONS lists name ${unknown}, which ${name} does not have\n")
endif()
if(problems)
    message(FATAL_ERROR "${problems}")
endif()
list(LENGTH found count)
message(STATUS "${name}: all ${count} test functions are listed")
