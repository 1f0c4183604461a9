#include "report/report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

void
report_release(struct report *r)
{
	strvec_release(&r->targets);
	strvec_release(&r->errors);
	findings_release(&r->findings);
	free(r->vulns.database);
	free(r->vulns.not_checked);
	memset(&r->vulns, 0, sizeof(r->vulns));
}

size_t
report_add_printable_at(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p < 0x20 || *p == 0x7f) {
		buf_addf(out, "\\x%02x", *p);
		return 1;
	}
	/* U+0080..U+009F in UTF-8: C1 controls some terminals obey. */
	if (utf8_is_c1(p)) {
		buf_addf(out, "\\x%02x\\x%02x", p[0], p[1]);
		return 2;
	}
	buf_addch(out, (char)*p);
	return 1;
}

void
report_add_printable(struct buf *out, const char *s)
{
	while (*s)
		s += report_add_printable_at(out, s);
}

size_t
report_printable_len(const char *s, struct buf *scratch)
{
	buf_reset(scratch);
	if (s)
		report_add_printable(scratch, s);
	return scratch->len;
}

void
report_add_printable_cell(struct buf *out, const char *s, size_t width)
{
	size_t start = out->len;

	if (s)
		report_add_printable(out, s);
	while (out->len - start < width)
		buf_addch(out, ' ');
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

/*
 * "N (CRITICAL: a, HIGH: b, MEDIUM: c, LOW: d, INFO: e[, UNKNOWN: f])";
 * advisories are never INFO, so `vulns` leaves that one out.
 */
static void
counts_line(const size_t counts[SEV_COUNT], bool vulns, struct buf *out)
{
	static const enum severity order[] = { SEV_CRITICAL, SEV_HIGH,
					       SEV_MEDIUM,   SEV_LOW,
					       SEV_INFO,     SEV_UNKNOWN };
	size_t total = 0;

	for (int i = 0; i < SEV_COUNT; i++)
		total += counts[i];
	buf_addf(out, "%zu (", total);
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		if (order[i] == SEV_UNKNOWN && !counts[SEV_UNKNOWN])
			continue;
		if (order[i] == SEV_INFO && vulns && !counts[SEV_INFO])
			continue;
		buf_addf(out, "%s%s: %zu", i ? ", " : "",
			 severity_name(order[i]), counts[order[i]]);
	}
	buf_addch(out, ')');
}

void
report_totals(const struct findings *fs, struct buf *out)
{
	size_t counts[SEV_COUNT];

	findings_count(fs, counts);
	buf_addstr(out, "Total: ");
	counts_line(counts, false, out);
}

void
report_vuln_count(const struct findings *fs, size_t counts[SEV_COUNT])
{
	memset(counts, 0, SEV_COUNT * sizeof(*counts));
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].vuln && !fs->v[i].suppressed)
			counts[fs->v[i].severity]++;
}

void
report_vuln_totals(const struct report *r, struct buf *out)
{
	size_t counts[SEV_COUNT];

	if (!r->vulns.applies)
		return;
	if (!r->vulns.checked) {
		buf_addstr(out, "Vulnerabilities: not checked (");
		report_add_printable(out, r->vulns.not_checked
					      ? r->vulns.not_checked
					      : "no database");
		buf_addstr(out, ")\n");
		return;
	}
	report_vuln_count(&r->findings, counts);
	buf_addstr(out, "Vulnerabilities: ");
	counts_line(counts, true, out);
	buf_addch(out, '\n');
}
