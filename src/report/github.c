/*
 * The GitHub Actions reporter: one workflow command per finding, which the
 * runner turns into an annotation on the file and line.
 */
#include <string.h>

#include "report/report.h"

/*
 * Workflow-command escaping: data escapes %, CR and LF; properties also
 * escape ':' and ','.  The runner shows the text in its log, so every
 * other control character (ESC, BEL, an OSC sequence from a file path or
 * an image name) is shown as \xNN like the table does.
 */
static void
gh_escape(struct buf *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			buf_addstr(out, "%25");
			break;
		case '\r':
			buf_addstr(out, "%0D");
			break;
		case '\n':
			buf_addstr(out, "%0A");
			break;
		case ':':
			buf_addstr(out, property ? "%3A" : ":");
			break;
		case ',':
			buf_addstr(out, property ? "%2C" : ",");
			break;
		default:
			s += report_add_printable_at(out, s) - 1;
		}
	}
}

static const char *
gh_level(enum severity s)
{
	if (s >= SEV_HIGH)
		return "error";
	if (s == SEV_MEDIUM)
		return "warning";
	return "notice";
}

void
report_github(const struct report *r, struct buf *out)
{
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];
		struct buf title = BUF_INIT;

		if (f->suppressed)
			continue;
		buf_addf(out, "::%s ", gh_level(f->severity));
		if (f->loc.file) {
			buf_addstr(out, "file=");
			gh_escape(out, f->loc.file, true);
			if (f->loc.line)
				buf_addf(out, ",line=%u", f->loc.line);
			if (f->loc.column)
				buf_addf(out, ",col=%u", f->loc.column);
			if (f->loc.end_line > f->loc.line)
				buf_addf(out, ",endLine=%u", f->loc.end_line);
			buf_addch(out, ',');
		}
		buf_addf(&title, "%s %s: %s", severity_name(f->severity), f->id,
			 f->title);
		buf_addstr(out, "title=");
		gh_escape(out, title.data, true);
		buf_addstr(out, "::");
		if (!f->loc.file && (f->loc.target || f->loc.path)) {
			gh_escape(out, f->loc.target ? f->loc.target : "",
				  false);
			if (f->loc.path) {
				buf_addch(out, ' ');
				gh_escape(out, f->loc.path, false);
			}
			buf_addstr(out, ": ");
		}
		gh_escape(out,
			  f->message && *f->message ? f->message : f->title,
			  false);
		buf_addch(out, '\n');
		buf_release(&title);
	}
	/* What could not be read, and vulnerabilities not looked for: a
	 * clean run of annotations must not pass for a complete one. */
	for (size_t i = 0; i < r->errors.n; i++) {
		buf_addstr(out, "::error title=hull could not read an input::");
		gh_escape(out, r->errors.v[i], false);
		buf_addch(out, '\n');
	}
	if (r->vulns.applies && !r->vulns.checked) {
		buf_addstr(out, "::warning title=Vulnerabilities not "
				"checked::");
		gh_escape(out,
			  r->vulns.not_checked ? r->vulns.not_checked
					       : "no vulnerability database",
			  false);
		buf_addch(out, '\n');
	}
}
