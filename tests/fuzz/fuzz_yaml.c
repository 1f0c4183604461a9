/*
 * Fuzz target: the YAML tree builder (compose files, .hull.yaml).
 */
#include <stddef.h>
#include <stdint.h>

#include "parse/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yaml_doc doc;

	if (yaml_parse(&doc, (const char *)data, size, "fuzz.yml", NULL) == 0)
		yaml_doc_release(&doc);
	return 0;
}
