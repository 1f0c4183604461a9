/*
 * SHA-256 over OpenSSL's libcrypto, which uses the CPU's SHA extensions
 * where it has them: image layers are digested byte for byte, so this
 * speed is the scan's.
 */
#ifndef HULL_CORE_SHA256_H
#define HULL_CORE_SHA256_H

#include <stddef.h>

/* 64 hex digits; with the "sha256:" prefix, 71 and a NUL. */
#define SHA256_HEX_LEN 64
#define SHA256_DIGEST_STR 72

struct sha256;

/* A fresh context; allocation cannot fail. */
struct sha256 *sha256_new(void);
void sha256_update(struct sha256 *h, const void *data, size_t len);
/* "sha256:<hex>" into out; the context is reset for reuse. */
void sha256_final_hex(struct sha256 *h, char out[SHA256_DIGEST_STR]);
void sha256_free(struct sha256 *h);

/* The digest of data[0..len) as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN + 1]);

#endif
