/*
 * Fuzz target: .hull.yaml policy files and inline ignore pragmas.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "report/policy.h"
#include "report/pragma.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pragmas ps = PRAGMAS_INIT;
	struct findings fs = FINDINGS_INIT;
	struct policy p;
	char *text = xstrndup((const char *)data, size);

	policy_init(&p);
	policy_load_config_text(&p, "fuzz.yaml", (const char *)data, size,
				NULL);
	findings_add(&fs, "CVE-1", SEV_HIGH, "t", NULL, "m");
	policy_apply(&p, &fs);
	pragmas_parse_comment(&ps, text, 1, 2);
	pragmas_apply(&ps, "f", &fs);
	pragmas_release(&ps);
	findings_release(&fs);
	policy_release(&p);
	free(text);
	return 0;
}
