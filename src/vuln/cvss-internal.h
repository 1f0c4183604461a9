/*
 * What the CVSS versions share inside src/vuln: the 4.0 scorer lives in
 * its own file (cvss4.c) and cvss.c dispatches to it.
 */
#ifndef HULL_VULN_CVSS_INTERNAL_H
#define HULL_VULN_CVSS_INTERNAL_H

#include "vuln/cvss.h"

/* One "NAME:VALUE" metric of a vector, pointing into it. */
struct cvss_token {
	const char *name, *val;
	size_t nlen, vlen;
};

/*
 * Read the metric at *s into *t and move *s past it and its '/'.  Returns
 * 1, 0 at the end of the string, or -1 with ERR_INPUT for an empty name
 * or value, a metric without ':' or with a second one, or a '/' that ends
 * the vector.  Every version splits its metrics with this one function.
 */
int cvss_token_next(const char **s, struct cvss_token *t, struct err *e);

/*
 * Score the metrics of a 4.0 vector, the part after "CVSS:4.0/".  Fills
 * out->score and out->nomenclature.  Returns 0, or -1 with ERR_INPUT when
 * a metric is unknown, repeated or has an unknown value, or a base metric
 * is missing.
 */
int cvss4_score(const char *metrics, struct cvss *out, struct err *e);

#endif
