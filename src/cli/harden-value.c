/*
 * Checking and quoting the values hull harden prints; see harden-value.h.
 */
#include <string.h>

#include "cli/harden-value.h"
#include "core/util.h"
#include "image/image.h"

/* Longest image reference the distribution grammar allows for a name. */
#define HARDEN_NAME_MAX 255
/* Longest tag: the grammar's [\w][\w.-]{0,127}. */
#define HARDEN_TAG_MAX 128

static bool
is_alnum_lower(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

static bool
is_word(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || is_alnum_lower(ch) || ch == '_';
}

#define USER_CHARS                                                             \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"

bool
harden_user_is_valid(const char *u)
{
	size_t n = strspn(u, USER_CHARS);

	if (!n || u[0] == '-')
		return false;
	if (!u[n])
		return true;
	if (u[n] != ':' || u[n + 1] == '-')
		return false;
	u += n + 1;
	n = strspn(u, USER_CHARS);
	return n && !u[n];
}

/* domain: host[:port], host dot-separated [A-Za-z0-9-] labels or [v6]. */
static bool
domain_is_valid(const char *s, const char *e)
{
	const char *colon = NULL;

	if (*s == '[') {
		const char *close = memchr(s, ']', (size_t)(e - s));

		if (!close || close == s + 1)
			return false;
		for (const char *p = s + 1; p < close; p++)
			if (!strchr("0123456789abcdefABCDEF:", *p))
				return false;
		colon = close + 1 < e ? close + 1 : NULL;
		if (colon && *colon != ':')
			return false;
	} else {
		const char *end = memchr(s, ':', (size_t)(e - s));
		const char *label = s;

		colon = end;
		end = end ? end : e;
		for (const char *p = s; p <= end; p++) {
			if (p < end && (is_word(*p) || *p == '-') && *p != '_')
				continue;
			if (p < end && *p != '.')
				return false;
			if (p == label || *label == '-' || p[-1] == '-')
				return false;
			label = p + 1;
		}
	}
	if (!colon)
		return true;
	if (colon + 1 == e)
		return false;
	for (const char *p = colon + 1; p < e; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* digest: algorithm ":" hex{32,}. */
static bool
digest_is_valid(const char *d)
{
	const char *colon = strchr(d, ':');
	size_t n;

	if (!colon || colon == d ||
	    !((*d >= 'a' && *d <= 'z') || (*d >= 'A' && *d <= 'Z')))
		return false;
	for (const char *p = d; p < colon; p++)
		if (!is_word(*p) && !strchr("+.-", *p))
			return false;
	n = strspn(colon + 1, "0123456789abcdefABCDEF");
	return n >= 32 && !colon[1 + n];
}

/* Docker takes a first part with an upper-case letter for a domain. */
static bool
span_has_upper(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

static bool
tag_is_valid(const char *s, const char *e)
{
	if (s == e || (size_t)(e - s) > HARDEN_TAG_MAX || !is_word(*s))
		return false;
	for (; s < e; s++)
		if (!is_word(*s) && *s != '.' && *s != '-')
			return false;
	return true;
}

bool
harden_ref_is_valid(const char *ref)
{
	const char *at = strchr(ref, '@');
	const char *end = at ? at : ref + strlen(ref);
	const char *slash, *colon, *p;

	if (at && !digest_is_valid(at + 1))
		return false;
	slash = ref;
	colon = NULL;
	for (p = ref; p < end; p++)
		if (*p == '/')
			slash = p;
	for (p = slash; p < end && !colon; p++)
		if (*p == ':')
			colon = p;
	if (colon) {
		if (!tag_is_valid(colon + 1, end))
			return false;
		end = colon;
	}
	if (end == ref || (size_t)(end - ref) > HARDEN_NAME_MAX)
		return false;
	p = memchr(ref, '/', (size_t)(end - ref));
	if (p && (memchr(ref, '.', (size_t)(p - ref)) ||
		  memchr(ref, ':', (size_t)(p - ref)) || *ref == '[' ||
		  (p - ref == 9 && !strncmp(ref, "localhost", 9)) ||
		  span_has_upper(ref, p))) {
		if (!domain_is_valid(ref, p))
			return false;
		ref = p + 1;
	}
	for (;;) {
		p = memchr(ref, '/', (size_t)(end - ref));
		if (!image_ref_component_is_valid(
			ref, (size_t)((p ? p : end) - ref)))
			return false;
		if (!p)
			return true;
		ref = p + 1;
	}
}

bool
harden_name_is_valid(const char *name)
{
	size_t n;

	if (!((name[0] >= 'A' && name[0] <= 'Z') || is_alnum_lower(name[0])))
		return false;
	n = strspn(name, USER_CHARS);
	return !name[n];
}

bool
harden_port_is_valid(const char *port)
{
	long long p;

	return strspn(port, "0123456789") == strlen(port) &&
	       !str_to_ll(port, 1, 65535, &p);
}

bool
harden_text_is_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = utf8_valid_len(p);

		if (!n || *p < 0x20 || *p == 0x7f || utf8_is_c1(p))
			return false;
		p += n;
	}
	return true;
}

bool
harden_path_is_valid(const char *path)
{
	return path[0] == '/' && !strpbrk(path, ":,") &&
	       harden_text_is_printable(path);
}

#define SHELL_SAFE                                                             \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"       \
	"_./:@,=+%-"

void
harden_add_shell_word(struct buf *out, const char *s)
{
	if (*s && strspn(s, SHELL_SAFE) == strlen(s)) {
		buf_addstr(out, s);
		return;
	}
	buf_addch(out, '\'');
	for (; *s; s++)
		if (*s == '\'')
			buf_addstr(out, "'\\''");
		else
			buf_addch(out, *s);
	buf_addch(out, '\'');
}

void
harden_add_yaml_string(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	buf_addch(out, '"');
	for (; *p; p++) {
		if (*p == '\\' || *p == '"')
			buf_addf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_addf(out, "\\x%02x", *p);
		else if (utf8_is_c1(p))
			buf_addf(out, "\\u%04x", *++p);
		else
			buf_addch(out, (char)*p);
	}
	buf_addch(out, '"');
}
