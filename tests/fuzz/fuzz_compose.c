/*
 * Fuzz target: compose files (interpolation, every service field) and the
 * runtime rules that read the result.
 */
#include <stddef.h>
#include <stdint.h>

#include "parse/compose.h"
#include "rules/runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spec_list l = SPEC_LIST_INIT;
	struct strvec problems = STRVEC_INIT;
	struct findings fs = FINDINGS_INIT;
	struct strmap env = STRMAP_INIT;
	struct compose_opts o = { &env, "" };

	compose_load_buf(&l, (const char *)data, size, "fuzz.yml", &o,
			 &problems, NULL);
	for (size_t i = 0; i < l.n; i++)
		runtime_check(l.v[i], NULL, &fs);
	findings_release(&fs);
	strvec_release(&problems);
	spec_list_release(&l);
	return 0;
}
