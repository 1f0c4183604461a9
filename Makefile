# The two commands of the README:
#
#   make demo    install what is missing, build, run hull on examples/
#   make check   install what is missing, build, run every test
#
# Everything real is in CMake; this file only strings the steps together.

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
HULL = $(BUILD)/hull

.PHONY: all deps deps-build build demo check test format format-check \
	asan fuzz bench clean

all: build

deps:
	@scripts/deps.sh

deps-build:
	@scripts/deps.sh --build

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps-build $(BUILD)/Makefile
	cmake --build $(BUILD) -j$(JOBS)

demo: build
	@scripts/demo.sh $(HULL)

check: deps
	@tests/run-all.sh

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'bench/*.c')

format-check:
	@out=$$(for f in $$(git ls-files 'src/*.c' 'src/*.h'); do \
		clang-format --dry-run "$$f" 2>&1 | grep -q warning && echo "$$f"; \
	done); \
	if [ -n "$$out" ]; then echo "clang-format would change:"; \
		echo "$$out"; exit 1; fi

bench: build
	@bench/run.sh $(HULL)

clean:
	rm -rf build build-asan build-fuzz
