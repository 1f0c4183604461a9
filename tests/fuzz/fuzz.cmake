# libFuzzer targets: tests/fuzz/fuzz_*.c, each defining
enable_testing()
# LLVMFuzzerTestOneInput.  Built only with clang and -DHULL_FUZZ=ON; each
# also becomes a short CTest run (label "fuzz") over its seed corpus in
# tests/fuzz/corpus/<name>/ when that folder exists.

set(HULL_FUZZ_RUNS 20000 CACHE STRING "libFuzzer runs per target in ctest")
# Some targets (the secret scanner compares two engines on each input) are
# slow per input; the time cap keeps the whole fuzz step to minutes.
set(HULL_FUZZ_SECONDS 15 CACHE STRING "libFuzzer seconds per target in ctest")
file(GLOB HULL_FUZZERS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_*.c)
foreach(src ${HULL_FUZZERS})
	get_filename_component(name ${src} NAME_WE)
	add_executable(${name} ${src})
	target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
	target_link_options(${name} PRIVATE -fsanitize=fuzzer)
	target_link_libraries(${name} PRIVATE hullcore)
	set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
	set(corpus ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${name})
	set(work ${CMAKE_BINARY_DIR}/fuzz-work/${name})
	file(MAKE_DIRECTORY ${work})
	if(EXISTS ${corpus})
		set(dirs ${work} ${corpus})
	else()
		set(dirs ${work})
	endif()
	add_test(NAME fuzz/${name}
		COMMAND ${name} -runs=${HULL_FUZZ_RUNS}
			-max_total_time=${HULL_FUZZ_SECONDS} -max_len=65536
			-timeout=10 -rss_limit_mb=2048 ${dirs})
	set_tests_properties(fuzz/${name} PROPERTIES LABELS fuzz TIMEOUT 600)
endforeach()
