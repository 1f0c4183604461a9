#include "buf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xalloc.h"

char buf_empty_[1];

void
buf_init(struct buf *b)
{
	b->data = buf_empty_;
	b->len = 0;
	b->cap = 0;
}

void
buf_release(struct buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	buf_setlen(b, 0);
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	p = b->cap ? b->data : xstrdup("");
	buf_init(b);
	return p;
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (!b->cap)
		b->data = NULL;
	ALLOC_GROW(b->data, need, b->cap);
	if (b->len == 0)
		b->data[0] = '\0';
}

void
buf_setlen(struct buf *b, size_t len)
{
	if (!b->cap)
		return;
	b->len = len;
	b->data[len] = '\0';
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_addstr(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addch(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
buf_add_json_escaped(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		switch (*p) {
		case '"':
			buf_addstr(b, "\\\"");
			break;
		case '\\':
			buf_addstr(b, "\\\\");
			break;
		case '\n':
			buf_addstr(b, "\\n");
			break;
		case '\r':
			buf_addstr(b, "\\r");
			break;
		case '\t':
			buf_addstr(b, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				buf_addf(b, "\\u%04x", *p);
			} else if (*p < 0x80) {
				buf_addch(b, *p);
			} else {
				size_t n = utf8_valid_len(p);

				/* Invalid UTF-8 becomes U+FFFD. */
				if (!n) {
					buf_addstr(b, "\\ufffd");
				} else if (n == 2 && utf8_is_c1(p)) {
					/* C1 controls act on terminals. */
					buf_addf(b, "\\u%04x", p[1]);
					p++;
				} else if (n == 3 && p[0] == 0xe2 &&
					   p[1] == 0x80 &&
					   (p[2] == 0xa8 || p[2] == 0xa9)) {
					/* U+2028/9 end lines in JavaScript. */
					buf_addf(b, "\\u%04x",
						 0x2000 + (p[2] - 0x80));
					p += 2;
				} else {
					buf_add(b, p, n);
					p += n - 1;
				}
			}
		}
	}
}

void
buf_rtrim(struct buf *b)
{
	while (b->len && isspace((unsigned char)b->data[b->len - 1]))
		b->len--;
	if (b->cap)
		b->data[b->len] = '\0';
}
