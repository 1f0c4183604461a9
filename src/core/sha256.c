#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/sha256.h"

struct sha256 {
	EVP_MD_CTX *ctx;
};

struct sha256 *
sha256_new(void)
{
	struct sha256 *h = xmalloc(sizeof(*h));

	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || !EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL))
		abort();
	return h;
}

void
sha256_update(struct sha256 *h, const void *data, size_t len)
{
	if (len)
		EVP_DigestUpdate(h->ctx, data, len);
}

void
sha256_final_hex(struct sha256 *h, char out[SHA256_DIGEST_STR])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *p = out;

	EVP_DigestFinal_ex(h->ctx, md, &n);
	p += snprintf(p, 8, "sha256:");
	for (unsigned i = 0; i < n && i < 32; i++) {
		*p++ = hex[md[i] >> 4];
		*p++ = hex[md[i] & 15];
	}
	*p = '\0';
	EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL);
}

void
sha256_free(struct sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

void
sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN + 1])
{
	struct sha256 *h = sha256_new();
	char full[SHA256_DIGEST_STR];

	sha256_update(h, data, len);
	sha256_final_hex(h, full);
	sha256_free(h);
	memcpy(out, full + 7, SHA256_HEX_LEN + 1);
}
