#include "log.h"

#include <stdarg.h>
#include <stdio.h>

static log_sink_fn log_sink;

void
log_set_sink(log_sink_fn sink)
{
	log_sink = sink;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	if (!log_sink)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_sink(level, msg);
}
