#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void
err_vset(struct err *e, enum err_kind kind, const char *fmt, va_list ap)
{
	e->kind = kind;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
}

int
err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	err_vset(e, kind, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_errno(struct err *e, enum err_kind kind, int errnum, const char *fmt, ...)
{
	va_list ap;
	size_t len;

	if (!e)
		return -1;
	va_start(ap, fmt);
	err_vset(e, kind, fmt, ap);
	va_end(ap);
	len = strlen(e->msg);
	snprintf(e->msg + len, sizeof(e->msg) - len, ": %s", strerror(errnum));
	return -1;
}

int
err_prefix(struct err *e, const char *fmt, ...)
{
	char tail[ERR_MSG_MAX];
	size_t len;
	va_list ap;

	if (!e)
		return -1;
	memcpy(tail, e->msg, sizeof(tail));
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	len = strlen(e->msg);
	if (len + 2 < sizeof(e->msg))
		snprintf(e->msg + len, sizeof(e->msg) - len, ": %.*s",
			 (int)(sizeof(e->msg) - len - 3), tail);
	if (e->kind == ERR_NONE)
		e->kind = ERR_INTERNAL;
	return -1;
}

void
err_clear(struct err *e)
{
	if (!e)
		return;
	e->kind = ERR_NONE;
	e->msg[0] = '\0';
}
