/*
 * hull rules [ID]: list every rule, or print one rule's page.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "report/jsonw.h"
#include "rules/rule.h"

static void
list_aliases(const struct rule *r, struct buf *out)
{
	for (const char *const *a = r->aliases; a && *a; a++)
		buf_addf(out, "%s%s", a == r->aliases ? "" : ",", *a);
}

static void
rules_table(struct buf *out)
{
	buf_addf(out, "%-7s %-8s %-10s %s\n", "ID", "SEVERITY", "TARGET",
		 "TITLE (ALIASES)");
	for (unsigned i = 0; i < rules_count(); i++) {
		const struct rule *r = rules_at(i);

		buf_addf(out, "%-7s %-8s %-10s %s", r->id,
			 severity_name(r->severity),
			 rule_target_name(r->target), r->title);
		if (r->aliases && r->aliases[0]) {
			buf_addstr(out, " (");
			list_aliases(r, out);
			buf_addch(out, ')');
		}
		buf_addch(out, '\n');
	}
	buf_addf(out, "\n%u rules.  'hull rules ID' explains one.\n",
		 rules_count());
}

static void
rule_json(struct jsonw *w, const struct rule *r)
{
	jsonw_obj(w);
	jsonw_kstr(w, "id", r->id);
	jsonw_kstr(w, "severity", severity_name(r->severity));
	jsonw_kstr(w, "target", rule_target_name(r->target));
	jsonw_kstr(w, "title", r->title);
	jsonw_kstr(w, "why", r->why);
	jsonw_kstr(w, "remediation", r->remediation);
	jsonw_kstr(w, "bad", r->bad);
	jsonw_kstr(w, "good", r->good);
	jsonw_key(w, "aliases");
	jsonw_arr(w);
	for (const char *const *a = r->aliases; a && *a; a++)
		jsonw_str(w, *a);
	jsonw_end(w);
	jsonw_key(w, "references");
	jsonw_arr(w);
	for (const char *const *a = r->references; a && *a; a++)
		jsonw_str(w, *a);
	jsonw_end(w);
	jsonw_end(w);
}

static void
indent_block(struct buf *out, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");

		buf_addstr(out, "    ");
		buf_add(out, p, n);
		buf_addch(out, '\n');
		p += n;
		if (*p)
			p++;
	}
}

static void
rule_page(const struct rule *r, struct buf *out)
{
	buf_addf(out, "%s  %s\n", r->id, r->title);
	buf_addf(out, "severity: %s    reads: %s\n", severity_name(r->severity),
		 rule_target_name(r->target));
	if (r->aliases && r->aliases[0]) {
		buf_addstr(out, "also known as: ");
		list_aliases(r, out);
		buf_addch(out, '\n');
	}
	if (r->why)
		buf_addf(out, "\nWhy it matters\n  %s\n", r->why);
	if (r->bad) {
		buf_addstr(out, "\nBad\n");
		indent_block(out, r->bad);
	}
	if (r->good) {
		buf_addstr(out, "\nGood\n");
		indent_block(out, r->good);
	}
	if (r->remediation)
		buf_addf(out, "\nHow to fix it\n  %s\n", r->remediation);
	for (const char *const *ref = r->references; ref && *ref; ref++)
		buf_addf(out, "%s%s\n",
			 ref == r->references ? "\nReferences\n  " : "  ",
			 *ref);
}

/*
 * `hull rules ID`: a hull id is one rule.  An alias may stand for several
 * (DS-0002 is DF001 and DF002): each is shown, after a line naming them
 * all; in JSON an alias gives an array whatever the count, so a script
 * need not guess the shape.
 */
static void
rules_lookup(struct buf *out, const char *arg, const struct rule *exact,
	     const struct rule *const *hits, unsigned n, bool json)
{
	bool alias = strcasecmp(exact->id, arg) != 0;
	struct jsonw w;

	if (json) {
		jsonw_init(&w, out, false);
		if (alias)
			jsonw_arr(&w);
		for (unsigned i = 0; i < (alias ? n : 1); i++)
			rule_json(&w, alias ? hits[i] : exact);
		if (alias)
			jsonw_end(&w);
		buf_addch(out, '\n');
		return;
	}
	if (!alias || n == 1) {
		rule_page(exact, out);
		return;
	}
	buf_addf(out, "'%s' is an alias of %u rules:", arg, n);
	for (unsigned i = 0; i < n; i++)
		buf_addf(out, " %s", hits[i]->id);
	buf_addstr(out, "\n\n");
	for (unsigned i = 0; i < n; i++) {
		rule_page(hits[i], out);
		if (i + 1 < n)
			buf_addch(out, '\n');
	}
}

int
cmd_rules(int argc, char **argv)
{
	struct buf out = BUF_INIT;
	struct cli c;
	int rc = HULL_EXIT_OK;

	cli_init(&c, "rules");
	if (cli_parse(&c, argc, argv, NULL, NULL)) {
		cli_release(&c);
		return HULL_EXIT_USAGE;
	}
	if (c.opt.format_set && c.opt.format != REPORT_TABLE &&
	    c.opt.format != REPORT_JSON) {
		cli_error("'hull rules' prints a table or json");
		rc = HULL_EXIT_USAGE;
	} else if (c.args.n > 1) {
		cli_error("usage: hull rules [ID]");
		rc = HULL_EXIT_USAGE;
	} else if (c.args.n == 1) {
		const struct rule *hits[64];
		unsigned n =
		    rules_find_all(c.args.v[0], hits, ARRAY_SIZE(hits));
		const struct rule *exact = rules_find(c.args.v[0]);

		if (!n) {
			cli_error("no rule '%s' (see 'hull rules')",
				  c.args.v[0]);
			rc = HULL_EXIT_USAGE;
		} else {
			rules_lookup(&out, c.args.v[0], exact, hits, n,
				     c.opt.format == REPORT_JSON);
		}
	} else if (c.opt.format == REPORT_JSON) {
		struct jsonw w;

		jsonw_init(&w, &out, false);
		jsonw_arr(&w);
		for (unsigned i = 0; i < rules_count(); i++)
			rule_json(&w, rules_at(i));
		jsonw_end(&w);
		buf_addch(&out, '\n');
	} else {
		rules_table(&out);
	}
	if (!rc && cli_write_output(&c, out.data, out.len))
		rc = HULL_EXIT_INTERNAL;
	buf_release(&out);
	cli_release(&c);
	return rc;
}
