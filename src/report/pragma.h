/*
 * Inline ignore pragmas written in the scanned files themselves:
 *
 *	# hull ignore=DF001,DF004 reason text      (the next instruction)
 *	# hull global ignore=DF010 reason text     (the whole file)
 *	# hadolint ignore=DL3008,DL3009            (hadolint's own spelling)
 *	# hadolint global ignore=DL3059
 *
 * Ids may be hull's or any alias.  A parser that meets such a comment
 * records it with pragmas_parse_comment(); after the rules ran,
 * pragmas_apply() marks the findings of that file suppressed.
 *
 * A hull pragma must give a reason after the ids, as an ignore in
 * .hull.yaml must: without one it suppresses nothing (the Dockerfile
 * rules report it as DF086).  hadolint's spelling has no place for a
 * reason, so its pragmas work without one.
 */
#ifndef HULL_REPORT_PRAGMA_H
#define HULL_REPORT_PRAGMA_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"
#include "report/finding.h"

struct pragma {
	unsigned line; /* the line it applies to; 0 for the whole file */
	unsigned at;   /* the line the comment sits on */
	struct strvec ids;
	char *reason; /* may be NULL (hadolint pragmas carry none) */
	bool hull;    /* "# hull ...", not "# hadolint ..." */
};

/* Does the pragma take effect?  Not a hull pragma without a reason. */
bool pragma_effective(const struct pragma *p);

struct pragmas {
	struct pragma *v;
	size_t n, cap;
};

#define PRAGMAS_INIT                                                           \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * If `comment` (the text after '#', trimmed or not) is an ignore pragma,
 * record it as applying to `target_line` (0 when it is global) and return
 * true.
 */
bool pragmas_parse_comment(struct pragmas *ps, const char *comment,
			   unsigned comment_line, unsigned target_line);

/*
 * Suppress the findings in `file` that an effective pragma names; of
 * several, the first recorded is named in suppressed_by.  The cost is
 * linear in findings and pragmas, whatever their number.
 */
void pragmas_apply(const struct pragmas *ps, const char *file,
		   struct findings *fs);

void pragmas_release(struct pragmas *ps);

#endif
