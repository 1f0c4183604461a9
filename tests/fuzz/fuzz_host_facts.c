/*
 * Fuzz target: the host facts parsers (daemon.json, the daemon's command
 * line in unit and default files and as /proc/PID/cmdline holds it,
 * /etc/group).  The first byte picks the
 * parser; the rest is its input.
 */
#include <stddef.h>
#include <stdint.h>

#include "engine/host_facts.h"
#include "rules/host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct host_facts f;
	struct findings out = FINDINGS_INIT;
	struct err e = ERR_INIT;
	const char *text = (const char *)data + 1;

	if (size < 1)
		return 0;
	host_facts_init(&f);
	switch (data[0] % 4) {
	case 0:
		host_facts_from_daemon_json(&f, text, size - 1, "fuzz", &e);
		break;
	case 1:
		host_facts_from_daemon_args(&f, text, size - 1);
		break;
	case 2:
		host_facts_from_daemon_argv(&f, text, size - 1);
		break;
	default:
		host_facts_from_group(&f, text, size - 1);
	}
	host_rules_check(&f, &out);
	findings_release(&out);
	host_facts_release(&f);
	return 0;
}
