/*
 * The table reporter: findings grouped by file (or image, service,
 * container), aligned columns, colour only when asked (cli/ asks on a TTY),
 * and totals by severity.  Vulnerabilities get their own columns.
 */
#include <string.h>

#include "report/report.h"
#include "rules/rule.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"

/*
 * The widest path inside an image the table shows whole, in escaped
 * bytes; longer ones keep their head and tail around "...", so the
 * table stays readable and the file name (the tail) survives.
 */
#define TABLE_PATH_MAX 60

static const char *
sev_color(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
		return "\033[1;31m";
	case SEV_HIGH:
		return "\033[31m";
	case SEV_MEDIUM:
		return "\033[33m";
	case SEV_LOW:
		return "\033[36m";
	default:
		return "\033[2m";
	}
}

static const char *
group_of(const struct finding *f)
{
	if (f->loc.file)
		return f->loc.file;
	if (f->loc.target)
		return f->loc.target;
	return "(no file)";
}

static void
pad(struct buf *out, size_t have, size_t width)
{
	while (have++ < width)
		buf_addch(out, ' ');
}

/* One "      label: value" line of -v output, escaped. */
static void
detail(struct buf *out, const char *label, const char *value)
{
	if (!value)
		return;
	buf_addf(out, "      %s: ", label);
	report_add_printable(out, value);
	buf_addch(out, '\n');
}

/* A one-line rendering of where inside the group the finding sits. */
static void
where(const struct finding *f, struct buf *w)
{
	buf_reset(w);
	if (f->loc.line)
		buf_addf(w, "%u", f->loc.line);
	if (f->loc.line && f->loc.column)
		buf_addf(w, ":%u", f->loc.column);
	if (f->loc.layer_index >= 0)
		buf_addf(w, "%slayer %d", w->len ? " " : "",
			 f->loc.layer_index);
	if (!w->len)
		buf_addch(w, '-');
}

/*
 * The path inside an image of a finding that is not about a text file
 * (a secret in a layer, a setuid binary), or NULL.  Findings in a
 * Dockerfile or compose file name their file in the group header.
 */
static const char *
image_path(const struct finding *f)
{
	if (f->vuln || f->loc.file || !f->loc.path || !*f->loc.path)
		return NULL;
	return f->loc.path;
}

/*
 * The escaped path of f into w, shortened from the middle to
 * TABLE_PATH_MAX bytes, cut only between UTF-8 characters.
 */
static void
path_text(const struct finding *f, struct buf *w)
{
	const char *p = image_path(f);
	size_t head, tail, keep = (TABLE_PATH_MAX - 3) / 2;
	struct buf full = BUF_INIT;

	buf_reset(w);
	if (!p) {
		buf_addch(w, '-');
		return;
	}
	report_add_printable(&full, p);
	if (full.len <= TABLE_PATH_MAX) {
		buf_add(w, full.data, full.len);
		goto out;
	}
	head = keep;
	while (head && ((unsigned char)full.data[head] & 0xc0) == 0x80)
		head--;
	tail = full.len - keep;
	while (tail < full.len &&
	       ((unsigned char)full.data[tail] & 0xc0) == 0x80)
		tail++;
	buf_add(w, full.data, head);
	buf_addstr(w, "...");
	buf_add(w, full.data + tail, full.len - tail);
out:
	buf_release(&full);
}

struct widths {
	size_t where, id, path, pkg, installed, fixed;
	bool paths; /* some finding of the group has an image path */
};

static void
measure(const struct report *r, size_t from, size_t to, struct widths *wd)
{
	struct buf w = BUF_INIT;

	memset(wd, 0, sizeof(*wd));
	for (size_t i = from; i < to; i++) {
		const struct finding *f = &r->findings.v[i];

		if (f->suppressed)
			continue;
		where(f, &w);
		if (w.len > wd->where)
			wd->where = w.len;
		if (report_printable_len(f->id, &w) > wd->id)
			wd->id = w.len;
		if (image_path(f)) {
			wd->paths = true;
			path_text(f, &w);
			if (w.len > wd->path)
				wd->path = w.len;
		}
		if (f->vuln) {
			const struct vuln_detail *v = f->vuln;
			size_t n;

			if ((n = report_printable_len(v->pkg_name, &w)) >
			    wd->pkg)
				wd->pkg = n;
			if ((n = report_printable_len(v->pkg_version, &w)) >
			    wd->installed)
				wd->installed = n;
			n = v->fixed_version
				? report_printable_len(v->fixed_version, &w)
				: 9;
			if (n > wd->fixed)
				wd->fixed = n;
		}
	}
	buf_release(&w);
}

static void
row(const struct finding *f, const struct widths *wd,
    const struct report_style *st, struct buf *out)
{
	struct buf w = BUF_INIT;
	const char *sev = severity_name(f->severity);

	where(f, &w);
	buf_addstr(out, "  ");
	buf_addstr(out, w.data);
	pad(out, w.len, wd->where);
	buf_addstr(out, "  ");
	if (st->color)
		buf_addstr(out, sev_color(f->severity));
	buf_addstr(out, sev);
	if (st->color)
		buf_addstr(out, C_RESET);
	pad(out, strlen(sev), 8);
	buf_addstr(out, "  ");
	report_add_printable_cell(out, f->id, wd->id);
	buf_addstr(out, "  ");
	if (wd->paths && !f->vuln) {
		path_text(f, &w);
		buf_add(out, w.data, w.len);
		pad(out, w.len, wd->path);
		buf_addstr(out, "  ");
	}
	if (f->vuln) {
		const struct vuln_detail *v = f->vuln;
		const char *fixed =
		    v->fixed_version
			? v->fixed_version
			: (v->status && !strcmp(v->status, "will_not_fix")
			       ? "will not fix"
			       : "not fixed");

		report_add_printable_cell(out, v->pkg_name, wd->pkg);
		buf_addstr(out, "  ");
		report_add_printable_cell(out, v->pkg_version, wd->installed);
		buf_addstr(out, "  ");
		report_add_printable_cell(out, fixed, wd->fixed);
		buf_addstr(out, "  ");
	}
	report_add_printable(out,
			     f->message && *f->message ? f->message : f->title);
	buf_addch(out, '\n');
	if (st->verbose) {
		detail(out, "path", f->loc.path);
		detail(out, "layer", f->loc.layer_digest);
		detail(out, "created by", f->loc.layer_created_by);
		detail(out, "instruction", f->loc.instruction);
		detail(out, "evidence", f->evidence);
		detail(out, "fix", f->remediation);
	}
	buf_release(&w);
}

void
report_table(const struct report *r, const struct report_style *st,
	     struct buf *out)
{
	const struct findings *fs = &r->findings;
	size_t i = 0, shown = 0, hidden = 0, filtered = 0;

	while (i < fs->n) {
		const char *g = group_of(&fs->v[i]);
		size_t j = i, visible = 0;
		struct widths wd;

		while (j < fs->n && !strcmp(group_of(&fs->v[j]), g)) {
			if (!fs->v[j].suppressed)
				visible++;
			j++;
		}
		if (visible) {
			measure(r, i, j, &wd);
			if (shown)
				buf_addch(out, '\n');
			buf_addstr(out, st->color ? C_BOLD : "");
			report_add_printable(out, g);
			buf_addf(out, "%s\n", st->color ? C_RESET : "");
			for (size_t k = i; k < j; k++)
				if (!fs->v[k].suppressed)
					row(&fs->v[k], &wd, st, out);
			shown += visible;
		}
		for (size_t k = i; k < j; k++) {
			if (fs->v[k].filtered)
				filtered++;
			else if (fs->v[k].suppressed)
				hidden++;
		}
		i = j;
	}
	if (shown)
		buf_addch(out, '\n');
	report_vuln_totals(r, out);
	report_totals(fs, out);
	if (hidden)
		buf_addf(out, ", %zu suppressed", hidden);
	if (filtered)
		buf_addf(out, ", %zu not shown by --severity", filtered);
	buf_addch(out, '\n');
}
