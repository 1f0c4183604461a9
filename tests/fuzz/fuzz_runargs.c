/*
 * Fuzz target: docker run lines, found in text (as a script and as CI
 * YAML) and parsed, and the runtime rules that read them.
 */
#include <stddef.h>
#include <stdint.h>

#include "parse/runargs.h"
#include "rules/runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spec_list l = SPEC_LIST_INIT;
	struct findings fs = FINDINGS_INIT;
	struct runargs_line *lines;
	struct container_spec *s;
	size_t n;

	n = runargs_find(&l.arena, (const char *)data, size, &lines);
	for (size_t i = 0; i < n; i++) {
		runargs_parse(&l, lines[i].words, lines[i].n, "fuzz.sh", &s,
			      NULL);
		runtime_check(s, NULL, &fs);
	}
	/* The same text as a CI YAML file: its script scalars. */
	n = runargs_find_file(&l.arena, "ci.yml", (const char *)data, size,
			      &lines);
	for (size_t i = 0; i < n; i++) {
		runargs_parse(&l, lines[i].words, lines[i].n, "ci.yml", &s,
			      NULL);
		runtime_check(s, NULL, &fs);
	}
	findings_release(&fs);
	spec_list_release(&l);
	return 0;
}
