#include "image/analyzer.h"

int
entry_read_all(struct entry_reader *r, size_t max, struct buf *out,
	       struct err *e)
{
	size_t start = out->len;

	for (;;) {
		ssize_t n;

		buf_grow(out, 65536);
		n = r->read(r, out->data + out->len, 65536);
		if (n < 0) {
			if (e)
				*e = r->e;
			return -1;
		}
		if (n == 0)
			return 0;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len - start > max)
			return err_set(e, ERR_INPUT,
				       "file larger than the %zu bytes read",
				       max);
	}
}
