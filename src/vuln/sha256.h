/*
 * SHA-256 (FIPS 180-4), for checking downloaded advisory data against
 * the digest given in a source entry.
 */
#ifndef HULL_VULN_SHA256_H
#define HULL_VULN_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_LEN 64

/* The digest of data[0..len) as 64 lowercase hex digits plus NUL. */
void vuln_sha256_hex(const void *data, size_t len,
		     char out[SHA256_HEX_LEN + 1]);

#endif
