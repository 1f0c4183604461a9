/*
 * struct buf: a growable byte buffer that is always NUL-terminated, so its
 * contents can be used as a C string whenever they hold no NUL bytes.
 *
 *	struct buf b = BUF_INIT;
 *	buf_addstr(&b, "layer ");
 *	buf_addf(&b, "%d", i);
 *	use(b.data);
 *	buf_release(&b);
 *
 * The buffer owns `data`.  `buf_detach` hands it to the caller.
 */
#ifndef HULL_CORE_BUF_H
#define HULL_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* never NULL after BUF_INIT; points at "" when empty */
	size_t len;
	size_t cap;
};

extern char buf_empty_[1];
#define BUF_INIT                                                               \
	{                                                                      \
		buf_empty_, 0, 0                                               \
	}

void buf_init(struct buf *b);
void buf_release(struct buf *b);
/* Keep the allocation, drop the contents. */
void buf_reset(struct buf *b);
/* Hand the contents to the caller, who frees them; b is reinitialised. */
char *buf_detach(struct buf *b, size_t *len);

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_addstr(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_setlen(struct buf *b, size_t len);
/*
 * Append s with JSON string escaping, without the surrounding quotes.
 * Controls (C0, DEL, C1 U+0080..U+009F) and U+2028/U+2029 become \u
 * escapes (\u001b, \u0085) so that the text cannot act on a terminal
 * that shows the file; invalid
 * UTF-8 becomes \ufffd.
 */
void buf_add_json_escaped(struct buf *b, const char *s);
/* Drop trailing whitespace. */
void buf_rtrim(struct buf *b);

#endif
