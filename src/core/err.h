/*
 * struct err: the reason an operation failed, for the user to read.
 *
 * Functions that can fail return a negative value and, when the caller
 * passed a struct err, fill it with a message in git's manner: lowercase, no
 * final period, the subject quoted.  Context is prepended as the error
 * travels up: err_prefix(e, "layer '%s'", digest) turns "unexpected end of
 * gzip stream" into "layer 'sha256:ab..': unexpected end of gzip stream".
 *
 * The message lives inside the struct: no allocation, nothing to free.
 */
#ifndef HULL_CORE_ERR_H
#define HULL_CORE_ERR_H

#define ERR_MSG_MAX 1024

/* What kind of failure, so cli/ can choose the exit code. */
enum err_kind {
	ERR_NONE = 0,
	ERR_USAGE,    /* the caller asked for something invalid */
	ERR_INPUT,    /* a target could not be read or parsed */
	ERR_NETWORK,  /* a daemon or registry could not be reached */
	ERR_INTERNAL, /* a bug or an environment failure */
};

struct err {
	enum err_kind kind;
	char msg[ERR_MSG_MAX];
};

#define ERR_INIT                                                               \
	{                                                                      \
		ERR_NONE,                                                      \
		{                                                              \
			0                                                      \
		}                                                              \
	}

/* Set the message; returns -1 so that `return err_set(...)` reads well.
 * A NULL err is allowed and ignored. */
int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Set the message followed by ": strerror(errnum)". */
int err_errno(struct err *e, enum err_kind kind, int errnum, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));
/* Prepend "context: " to the message; returns -1. */
int err_prefix(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void err_clear(struct err *e);

#endif
