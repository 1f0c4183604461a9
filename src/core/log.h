/*
 * Diagnostics.  Modules below cli/ never print: they report warnings and
 * progress through log_msg(), and cli/ installs the sink that decides
 * whether and where they appear (stderr, governed by -q and -v).  Without a
 * sink, messages are dropped.
 */
#ifndef HULL_CORE_LOG_H
#define HULL_CORE_LOG_H

enum log_level {
	LOG_ERROR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

typedef void (*log_sink_fn)(enum log_level level, const char *msg);

void log_set_sink(log_sink_fn sink);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
