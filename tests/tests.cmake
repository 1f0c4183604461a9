# Test registration.  Adding a test needs no edit here:
#
#   tests/unit/test_*.c        one cmocka executable each, label "unit"
#   tests/{rules,cli,integration}/*.sh
#                              one shell test each, labelled by folder
#
# Shell tests get HULL (the binary), HULL_SRC (the source tree),
# HULL_DATA (../shared/data, which may be absent) and HULL_BUILD.  A test
# that cannot run exits 77, which CTest reports as skipped, and says why.

pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)

file(GLOB HULL_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
foreach(src ${HULL_UNIT_TESTS})
	get_filename_component(name ${src} NAME_WE)
	add_executable(${name} ${src})
	target_link_libraries(${name} PRIVATE hullcore PkgConfig::CMOCKA)
	target_compile_definitions(${name} PRIVATE
		HULL_TEST_DATA="${CMAKE_SOURCE_DIR}/../shared/data"
		HULL_TEST_SRC="${CMAKE_SOURCE_DIR}")
	add_test(NAME unit/${name} COMMAND ${name})
	set_tests_properties(unit/${name} PROPERTIES LABELS unit
		SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()

foreach(tier rules cli integration)
	file(GLOB scripts CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${tier}/*.sh)
	foreach(script ${scripts})
		get_filename_component(name ${script} NAME_WE)
		add_test(NAME ${tier}/${name} COMMAND bash ${script})
		set_tests_properties(${tier}/${name} PROPERTIES
			LABELS ${tier}
			SKIP_RETURN_CODE 77
			TIMEOUT 900
			ENVIRONMENT "HULL=$<TARGET_FILE:hull>;HULL_SRC=${CMAKE_SOURCE_DIR};HULL_BUILD=${CMAKE_BINARY_DIR};HULL_DATA=${CMAKE_SOURCE_DIR}/../shared/data;XDG_CACHE_HOME=${CMAKE_BINARY_DIR}/test-cache")
	endforeach()
endforeach()
