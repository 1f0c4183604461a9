/*
 * The Debian security tracker's advisory lists (data/DSA/list and
 * data/DLA/list):
 *
 *	[29 Mar 2023] DSA-5380-1 xorg-server - security update
 *		{CVE-2023-1393}
 *		[bullseye] - xorg-server 2:1.20.11-1+deb11u6
 *		[buster] - foo <not-affected> (reason)
 *		NOTE: free text
 *
 * Each header starts an advisory; "{...}" lists the CVEs it fixes; each
 * release line names the source package and the fixed version, or a
 * marker: <not-affected> (nothing to record), <unfixed> and <postponed>
 * (affected, no fix yet), <end-of-life>, <no-dsa> and <ignored> (affected,
 * and no fix will come).  Indentation varies (tabs or spaces) and is
 * ignored.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/xalloc.h"
#include "vuln/vulndb-internal.h"

/* Longest line read; longer lines (none in real lists) are cut. */
#define DEBIAN_MAX_LINE 65536

struct marker {
	const char *text;
	const char *status; /* NULL: not affected, skip */
};

static const struct marker markers[] = {
	{ "<not-affected>", NULL },	{ "<unfixed>", "unfixed" },
	{ "<postponed>", "unfixed" },	{ "<end-of-life>", "will_not_fix" },
	{ "<no-dsa>", "will_not_fix" }, { "<ignored>", "will_not_fix" },
	{ "<undetermined>", NULL },
};

struct debian_state {
	struct vulndb *db;
	const char *name;
	unsigned line;
	long long adv; /* current advisory row, 0 before the first */
	struct vulndb_stats *st;
};

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* "[29 Mar 2023]" to "2023-03-29"; NULL when malformed. */
static char *
debian_date(const char *s)
{
	int d, y;
	char mon[4] = { 0 };

	if (strlen(s) < 13 || s[12] != ']' || !isdigit((unsigned char)s[1]))
		return NULL;
	d = (s[1] - '0') * 10 + (s[2] - '0');
	memcpy(mon, s + 4, 3);
	y = (int)strtol(s + 8, NULL, 10);
	for (int m = 0; m < 12; m++)
		if (!strcmp(mon, months[m]))
			return xasprintf("%04d-%02d-%02d", y, m + 1, d);
	return NULL;
}

static int
debian_header(struct debian_state *ds, const char *s, struct err *e)
{
	struct vulndb_adv a = { 0 };
	char *date = debian_date(s);
	const char *p = strchr(s, ']');
	const char *dash;
	char *id, *summary = NULL;
	size_t n;

	p = p ? p + 1 : s;
	while (*p == ' ')
		p++;
	n = strcspn(p, " \t");
	if (!n) {
		free(date);
		return err_set(e, ERR_INPUT, "'%s':%u: header without an id",
			       ds->name, ds->line);
	}
	id = xstrndup(p, n);
	dash = strstr(p + n, " - ");
	if (dash)
		summary = xasprintf("%.*s: %s", (int)(dash - p - n - 1),
				    p + n + 1, dash + 3);
	a.name = id;
	a.source = "debian-tracker";
	a.summary = summary;
	a.published = date;
	ds->adv = vulndb_put_advisory(ds->db, &a, true, e);
	free(id);
	free(summary);
	free(date);
	if (ds->adv < 0)
		return err_prefix(e, "'%s':%u", ds->name, ds->line);
	ds->st->advisories++;
	return 0;
}

static int
debian_cves(struct debian_state *ds, const char *s, struct err *e)
{
	s++;
	while (*s && *s != '}') {
		size_t n;
		char *id;
		int rc;

		s += strspn(s, " \t");
		n = strcspn(s, " \t}");
		if (!n)
			break;
		id = xstrndup(s, n);
		rc = vulndb_put_alias(ds->db, ds->adv, id, e);
		free(id);
		if (rc)
			return -1;
		s += n;
	}
	return 0;
}

/* "[bullseye] - pkg 1.2-3" or "[lenny] - pkg <not-affected> (...)" */
static int
debian_release_line(struct debian_state *ds, const char *s, struct err *e)
{
	struct vulndb_aff f = { 0 };
	struct buf ranges = BUF_INIT;
	const char *rel_end = strchr(s, ']');
	char *eco = NULL, *pkg = NULL, *ver = NULL;
	const char *p;
	size_t n;
	int rc = 0;

	if (!rel_end || strncmp(rel_end, "] - ", 4)) {
		vulndb_skip(ds->st, VULNDB_SKIP_AFFECTED,
			    "'%s': line %u: no \"] - \" after the release",
			    ds->name, ds->line);
		return 0;
	}
	eco = xasprintf("debian:%.*s", (int)(rel_end - s - 1), s + 1);
	p = rel_end + 4;
	n = strcspn(p, " \t");
	pkg = xstrndup(p, n);
	p += n;
	p += strspn(p, " \t");
	n = strcspn(p, " \t");
	ver = xstrndup(p, n);
	f.status = "affected";
	if (*ver == '<') {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(markers); i++)
			if (!strcmp(ver, markers[i].text))
				break;
		if (i == ARRAY_SIZE(markers))
			vulndb_skip(ds->st, VULNDB_SKIP_AFFECTED,
				    "'%s': line %u: unknown marker '%.40s'",
				    ds->name, ds->line, ver);
		if (i == ARRAY_SIZE(markers) || !markers[i].status)
			goto out;
		f.status = markers[i].status;
		buf_addstr(&ranges, "ECOSYSTEM\tintroduced\t0\n");
	} else if (*ver) {
		buf_addf(&ranges,
			 "ECOSYSTEM\tintroduced\t0\nECOSYSTEM\tfixed\t%s\n",
			 ver);
	} else {
		vulndb_skip(ds->st, VULNDB_SKIP_AFFECTED,
			    "'%s': line %u: no version or marker", ds->name,
			    ds->line);
		goto out;
	}
	f.ecosystem = eco;
	f.package = pkg;
	f.ranges = ranges.data;
	rc = vulndb_put_affected(ds->db, ds->adv, &f, e);
	ds->st->affected += !rc;
out:
	free(eco);
	free(pkg);
	free(ver);
	buf_release(&ranges);
	return rc;
}

/* "[DD Mon YYYY] ID ..." at the start of a line. */
static bool
looks_like_header(const char *s)
{
	return isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	       s[3] == ' ';
}

static int
debian_line(struct debian_state *ds, const char *line, struct err *e)
{
	const char *s = line;

	if (*s == '[' && looks_like_header(s))
		return debian_header(ds, s, e);
	s += strspn(s, " \t");
	if (!*s || !ds->adv || str_starts_with(s, "NOTE:"))
		return 0;
	if (*s == '{')
		return debian_cves(ds, s, e);
	if (*s == '[')
		return debian_release_line(ds, s, e);
	vulndb_skip(ds->st, VULNDB_SKIP_RECORD, "'%s': line %u: not understood",
		    ds->name, ds->line);
	return 0;
}

int
import_debian_list(struct vulndb *db, const char *name, const char *data,
		   size_t len, struct vulndb_stats *st, struct err *e)
{
	struct debian_state ds = { db, name, 0, 0, st };
	const char *p = data, *end = data + len;
	char *line = xmalloc(DEBIAN_MAX_LINE + 1);
	int rc = 0;

	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t keep = n > DEBIAN_MAX_LINE ? DEBIAN_MAX_LINE : n;

		memcpy(line, p, keep);
		while (keep &&
		       (line[keep - 1] == '\r' || line[keep - 1] == ' '))
			keep--;
		line[keep] = '\0';
		ds.line++;
		if (memchr(line, '\0', keep)) {
			rc = err_set(e, ERR_INPUT, "'%s':%u: binary data", name,
				     ds.line);
			break;
		}
		rc = debian_line(&ds, line, e);
		p += n + 1;
	}
	free(line);
	return rc;
}
