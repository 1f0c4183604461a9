#include "report/report.h"

#include <string.h>
#include <strings.h>

void
report_release(struct report *r)
{
	strvec_release(&r->targets);
	strvec_release(&r->errors);
	findings_release(&r->findings);
}

int
report_format_parse(const char *name, enum report_format *out)
{
	static const struct {
		const char *name;
		enum report_format fmt;
	} formats[] = {
		{ "table", REPORT_TABLE },	   { "json", REPORT_JSON },
		{ "sarif", REPORT_SARIF },	   { "github", REPORT_GITHUB },
		{ "cyclonedx", REPORT_CYCLONEDX }, { "spdx", REPORT_SPDX },
		{ "spdx-json", REPORT_SPDX },
	};

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		if (!strcasecmp(name, formats[i].name)) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	return -1;
}

void
report_totals(const struct findings *fs, struct buf *out)
{
	static const enum severity order[] = { SEV_CRITICAL, SEV_HIGH,
					       SEV_MEDIUM,   SEV_LOW,
					       SEV_INFO,     SEV_UNKNOWN };
	size_t counts[SEV_COUNT], total = 0;

	findings_count(fs, counts);
	for (int i = 0; i < SEV_COUNT; i++)
		total += counts[i];
	buf_addf(out, "Total: %zu (", total);
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		if (order[i] == SEV_UNKNOWN && !counts[SEV_UNKNOWN])
			continue;
		buf_addf(out, "%s%s: %zu", i ? ", " : "",
			 severity_name(order[i]), counts[order[i]]);
	}
	buf_addch(out, ')');
}
