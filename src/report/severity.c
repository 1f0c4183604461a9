#include "severity.h"

#include <strings.h>

static const char *const severity_names[SEV_COUNT] = {
	[SEV_UNKNOWN] = "UNKNOWN", [SEV_INFO] = "INFO",
	[SEV_LOW] = "LOW",	   [SEV_MEDIUM] = "MEDIUM",
	[SEV_HIGH] = "HIGH",	   [SEV_CRITICAL] = "CRITICAL",
};

const char *
severity_name(enum severity s)
{
	if ((unsigned)s >= SEV_COUNT)
		return "UNKNOWN";
	return severity_names[s];
}

int
severity_parse(const char *name, enum severity *out)
{
	for (int i = 0; i < SEV_COUNT; i++) {
		if (!strcasecmp(name, severity_names[i])) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}
