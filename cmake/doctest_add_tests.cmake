# Writes the ctest file of one doctest executable: one add_test per test case.
# Used in place of Debian's doctestAddTests.cmake (doctest 2.4.9), which splits
# the --list-test-cases output as a CMake list and so breaks on a case name
# with an unbalanced "[" or a ";" ("... as [from, to) ranges"). Run by
# doctest_discover_tests() after each build, with the same -D variables:
# TEST_EXECUTABLE, TEST_EXECUTOR, TEST_WORKING_DIR, TEST_PREFIX, TEST_SUFFIX,
# TEST_PROPERTIES, TEST_EXTRA_ARGS, TEST_LIST, CTEST_FILE.
if(NOT EXISTS "${TEST_EXECUTABLE}")
  message(FATAL_ERROR "Specified test executable '${TEST_EXECUTABLE}' does not exist")
endif()
execute_process(
  COMMAND ${TEST_EXECUTOR} "${TEST_EXECUTABLE}" --list-test-cases
  OUTPUT_VARIABLE output
  RESULT_VARIABLE result
  WORKING_DIRECTORY "${TEST_WORKING_DIR}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "Error running test executable '${TEST_EXECUTABLE}':\n  Result: ${result}\n  Output: ${output}\n")
endif()

# Hide the characters that CMake lists treat specially, split into lines, and
# restore them in each name.
string(REPLACE "[" "@LB@" output "${output}")
string(REPLACE "]" "@RB@" output "${output}")
string(REPLACE ";" "@SC@" output "${output}")
string(REPLACE "\n" ";" lines "${output}")
set(script "")
set(names "")
foreach(line IN LISTS lines)
  if(line STREQUAL "" OR line MATCHES "^===+$" OR line MATCHES "^@LB@doctest@RB@ ")
    continue()
  endif()
  string(REPLACE "@LB@" "[" name "${line}")
  string(REPLACE "@RB@" "]" name "${name}")
  string(REPLACE "@SC@" ";" name "${name}")
  # doctest filters: "," separates patterns (escape it); "*" and "?" are
  # wildcards, which still match the name itself.
  string(REPLACE "," "\\," filter "${name}")
  set(test "${TEST_PREFIX}${name}${TEST_SUFFIX}")
  string(APPEND script
    "add_test([==[${test}]==] ${TEST_EXECUTOR} [==[${TEST_EXECUTABLE}]==] [==[--test-case=${filter}]==]")
  foreach(arg IN LISTS TEST_EXTRA_ARGS)
    string(APPEND script " [==[${arg}]==]")
  endforeach()
  string(APPEND script ")\nset_tests_properties([==[${test}]==] PROPERTIES WORKING_DIRECTORY [==[${TEST_WORKING_DIR}]==]")
  foreach(arg IN LISTS TEST_PROPERTIES)
    string(APPEND script " [==[${arg}]==]")
  endforeach()
  string(APPEND script ")\n")
  string(REPLACE ";" "\\;" escaped "${test}")
  list(APPEND names "${escaped}")
endforeach()
list(LENGTH names count)
string(APPEND script "set(${TEST_LIST}_COUNT ${count})\n")
file(WRITE "${CTEST_FILE}" "${script}")
