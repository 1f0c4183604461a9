/*
 * Small string helpers shared by every module.
 */
#ifndef HULL_CORE_UTIL_H
#define HULL_CORE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
bool str_istarts_with(const char *s, const char *prefix);
bool str_iends_with(const char *s, const char *suffix);
bool str_ieq(const char *a, const char *b);
/* Case-insensitive substring search; NULL when absent. */
const char *str_icase_find(const char *hay, const char *needle);
/* Lowercase / uppercase ASCII letters in place; returns s. */
char *str_lower(char *s);
char *str_upper(char *s);
/* A copy of s[0..n) with leading and trailing whitespace removed. */
char *str_trim_dup(const char *s, size_t n);

/*
 * Parse a decimal integer in [min, max] from the whole of s.  Returns 0 on
 * success and -1 when s is empty, has trailing characters, or is out of
 * range.  Unlike the libc ascii-to-int call, it reports errors.
 */
int str_to_ll(const char *s, long long min, long long max, long long *out);

/*
 * Length of the valid UTF-8 sequence that starts at p (1 to 4), or 0 when
 * the bytes there are not valid UTF-8.  p must be NUL-terminated.
 */
size_t utf8_valid_len(const unsigned char *p);

/*
 * Does p start a UTF-8 C1 control (U+0080..U+009F, bytes 0xc2 0x80..0x9f),
 * which some terminals obey like ESC?  p must be NUL-terminated.
 */
bool utf8_is_c1(const unsigned char *p);

/*
 * struct strvec: a NULL-terminated, growable array of owned strings.
 */
struct strvec {
	char **v; /* v[n] is NULL whenever n > 0 */
	size_t n;
	size_t cap;
};

#define STRVEC_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void strvec_push(struct strvec *sv, const char *s);
void strvec_push_nodup(struct strvec *sv, char *s);
void strvec_pushf(struct strvec *sv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool strvec_contains(const struct strvec *sv, const char *s);
bool strvec_icontains(const struct strvec *sv, const char *s);
void strvec_release(struct strvec *sv);

/* FNV-1a, for hash tables. */
uint64_t hash_bytes(const void *data, size_t len);

#endif
