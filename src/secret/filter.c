/*
 * The filters between a regex match and a finding: placeholders, the
 * entropy gate of the generic kinds, and the path tests.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "core/file.h"
#include "secret/secret-internal.h"
#include "secret/secret.h"

double
secret_entropy(const char *s, size_t n)
{
	unsigned counts[256] = { 0 };
	double h = 0;

	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		counts[(unsigned char)s[i]]++;
	for (size_t i = 0; i < 256; i++) {
		double p;

		if (!counts[i])
			continue;
		p = (double)counts[i] / (double)n;
		h -= p * log2(p);
	}
	return h;
}

/* Words that stand for a secret when they are the whole value. */
static const char *const placeholder_words[] = {
	"password", "passwd",	  "pass",  "secret",	 "pwd",	   "user",
	"username", "token",	  "null",  "none",	 "nil",	   "undefined",
	"empty",    "test",	  "value", "mypassword", "apikey", "api_key",
	"key",	    "secret_key", NULL,
};

/* Pieces that mark a value as a stand-in wherever they appear. */
static const char *const placeholder_parts[] = {
	"changeme", "change_me",  "change-me", "changeit",   "placeholder",
	"your_",    "your-",	  "yourpass",  "yoursecret", "yourtoken",
	"redacted", "replace_me", "replaceme", "example",    "dummy",
	"xxxx",	    "****",	  "...",       "<",	     "sample",
	"insert_",  "enter_",	  "fixme",     "todo",	     NULL,
};

static bool
has_icase(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; i + m <= n; i++)
		if (!strncasecmp(s + i, needle, m))
			return true;
	return false;
}

static bool
all_one_char(const char *s, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (s[i] != s[0])
			return false;
	return true;
}

bool
secret_is_placeholder(const char *s, size_t n)
{
	if (!n || all_one_char(s, n))
		return true;
	/* Shell, compose, Helm and printf-style references to a value. */
	if (s[0] == '$' || s[0] == '%' || has_icase(s, n, "${") ||
	    has_icase(s, n, "{{"))
		return true;
	/* Maven's {encrypted} values and <placeholders>. */
	if ((s[0] == '{' && s[n - 1] == '}') ||
	    (s[0] == '<' && s[n - 1] == '>'))
		return true;
	for (const char *const *w = placeholder_words; *w; w++)
		if (strlen(*w) == n && !strncasecmp(s, *w, n))
			return true;
	for (const char *const *p = placeholder_parts; *p; p++)
		if (has_icase(s, n, *p))
			return true;
	return false;
}

#define FILTER_UPPER_DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define FILTER_IDENT_CHARS "abcdefghijklmnopqrstuvwxyz_" FILTER_UPPER_DIGITS

/* Are all n bytes of s in `allowed`, and is `needed` among them? */
static bool
only_chars_with(const char *s, size_t n, const char *allowed, char needed)
{
	bool seen = false;

	for (size_t i = 0; i < n; i++) {
		if (!s[i] || !strchr(allowed, s[i]))
			return false;
		seen |= s[i] == needed;
	}
	return seen;
}

/* A dotted identifier: os.environ.get, process.env.TOKEN, self.secret. */
static bool
is_dotted_identifier(const char *s, size_t n)
{
	return only_chars_with(s, n, FILTER_IDENT_CHARS ".", '.');
}

/* SOME_ENV_NAME: a reference to a variable, not its value. */
static bool
is_constant_name(const char *s, size_t n)
{
	return only_chars_with(s, n, FILTER_UPPER_DIGITS "_", '_');
}

static unsigned
char_classes(const char *s, size_t n)
{
	unsigned mask = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			mask |= 1;
		else if (c >= 'A' && c <= 'Z')
			mask |= 2;
		else if (c >= '0' && c <= '9')
			mask |= 4;
		else
			mask |= 8;
	}
	return (unsigned)__builtin_popcount(mask);
}

/*
 * Below this many bits per byte a value reads like a word or a name
 * rather than a generated credential.  3.0 keeps "S3cr3t-Pass!" and drops
 * "othervalue" (single class anyway) and "aaaabbbb".
 */
#define SECRET_MIN_ENTROPY 3.0

bool
secret_looks_random(const char *s, size_t n)
{
	if (n < 8)
		return false;
	if (s[0] == '/' || s[0] == '.' || s[0] == '~' || has_icase(s, n, "://"))
		return false;
	if (is_dotted_identifier(s, n) || is_constant_name(s, n))
		return false;
	if (char_classes(s, n) < 2)
		return false;
	return secret_entropy(s, n) >= SECRET_MIN_ENTROPY;
}

/*
 * The generic kind: a value assigned to a password, secret, token or key
 * name.  Source code assigns such names all day without holding a
 * secret (token = self.token, password = get_password(), tokens =
 * ParseResults(...)), so a value must read as a literal in its context
 * and as random for its character set.
 */

/* Parts that mark a value as a test or documentation value. */
static const char *const generic_test_parts[] = {
	"test",	   "fake",     "mock",	 "dummy",  "sample", "example",
	"foobar",  "password", "passwd", "secret", "token",  "qwerty",
	"letmein", "hunter2",  "123456", "abcdef", "abc123", NULL,
};

/* Hosts reserved for documentation (RFC 2606): lines naming them are
 * examples. */
static const char *const generic_doc_hosts[] = {
	"example.com",
	"example.org",
	"example.net",
	NULL,
};

static bool
is_quote(char c)
{
	return c == '"' || c == '\'' || c == '`';
}

/* Only letters, digits, '_', '.' and '$': a name or a dotted path. */
static bool
is_identifier_like(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(c == '_' || c == '.' || c == '$' ||
		      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

enum assignment {
	ASSIGN_NONE,   /* not an assignment: C++ A::B, a ':' in prose */
	ASSIGN_CODE,   /* x = y, x := y, x => y, "x": y */
	ASSIGN_CONFIG, /* X=y, x: y (YAML), x=y in a URL query */
};

/*
 * How the value is assigned, read backwards from its first byte (or its
 * opening quote).  `x = y`, `x := y`, `x => y` and `"x": y` are code (or
 * JSON, whose bare values are numbers and keywords); `X=y`, `x: y` and
 * `x=y` in a URL query are configuration.  A ':' followed by neither a
 * blank nor a quote is no assignment at all (YAML needs the blank).
 */
static enum assignment
assignment_kind(const char *m, size_t at, bool quoted)
{
	size_t i = quoted ? at - 1 : at;
	bool ws_after = false, ws_before = false;
	char sep;

	while (i > 0 && (m[i - 1] == ' ' || m[i - 1] == '\t')) {
		ws_after = true;
		i--;
	}
	if (i == 0)
		return ASSIGN_NONE;
	sep = m[--i];
	if (i > 0 && ((sep == '=' && m[i - 1] == ':') ||
		      (sep == '>' && m[i - 1] == '=')))
		return ASSIGN_CODE;
	while (i > 0 && (m[i - 1] == ' ' || m[i - 1] == '\t')) {
		ws_before = true;
		i--;
	}
	if (sep == ':') {
		if (!ws_after && !quoted)
			return ASSIGN_NONE;
		return i > 0 && is_quote(m[i - 1]) ? ASSIGN_CODE
						   : ASSIGN_CONFIG;
	}
	return ws_before || ws_after ? ASSIGN_CODE : ASSIGN_CONFIG;
}

/*
 * Thresholds per character set.  Letters alone are words and names;
 * digits alone are numbers; lowercase or uppercase hex is a digest or an
 * id unless it is long; letters with digits need ten characters (a
 * hand-made "s3cr3tlabel" passes, "utf8mb4" does not); a value with
 * punctuation as well can be a short password.  The entropy floors sit
 * below what random strings of those lengths reach (a random
 * 10-character alphanumeric string has about 3.2 bits per byte) and
 * above words with a digit tacked on ("password1" has 2.9).
 */
#define GENERIC_MIN_SYMBOLS_LEN 8
#define GENERIC_MIN_SYMBOLS_ENTROPY 3.0
#define GENERIC_MIN_ALNUM_LEN 10
#define GENERIC_MIN_ALNUM_ENTROPY 3.0
#define GENERIC_MIN_HEX_LEN 16
#define GENERIC_MIN_HEX_ENTROPY 3.0

static bool
is_hex(const char *s, size_t n)
{
	bool lower = false, upper = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'f')
			lower = true;
		else if (c >= 'A' && c <= 'F')
			upper = true;
		else if (!(c >= '0' && c <= '9'))
			return false;
	}
	return !(lower && upper);
}

static bool
generic_random_enough(const char *s, size_t n)
{
	bool letters = false, digits = false, symbols = false;
	double h = secret_entropy(s, n);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* %26 in lock%26key is an escaped '&', not randomness */
		if (c == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			i += 2;
			continue;
		}
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letters = true;
		else if (c >= '0' && c <= '9')
			digits = true;
		else if (c != '_' && c != '-' && c != '.')
			symbols = true;
	}
	if (!digits && !symbols)
		return false;
	if (!letters && !symbols)
		return false;
	if (is_hex(s, n))
		return n >= GENERIC_MIN_HEX_LEN && h >= GENERIC_MIN_HEX_ENTROPY;
	if (!symbols)
		return n >= GENERIC_MIN_ALNUM_LEN &&
		       h >= GENERIC_MIN_ALNUM_ENTROPY;
	return n >= GENERIC_MIN_SYMBOLS_LEN && h >= GENERIC_MIN_SYMBOLS_ENTROPY;
}

/*
 * NEEDSWORK: literal example tokens in documentation (oauthlib's
 * "?access_token=h480djs93hd8") look as random as real ones and are
 * still reported; only an allowlist or a doc-host line skips them.
 */
bool
secret_generic_keep(const char *m, size_t mn, size_t vs, size_t vn,
		    const char *line, size_t ln)
{
	const char *v = m + vs;
	bool quoted = vs > 0 && vs + vn < mn && is_quote(m[vs - 1]) &&
		      m[vs + vn] == m[vs - 1];
	enum assignment how;

	how = assignment_kind(m, vs, quoted);
	if (how == ASSIGN_NONE)
		return false;
	if (!quoted && how == ASSIGN_CODE && is_identifier_like(v, vn))
		return false;
	if (!secret_looks_random(v, vn) || !generic_random_enough(v, vn))
		return false;
	for (const char *const *p = generic_test_parts; *p; p++)
		if (has_icase(v, vn, *p))
			return false;
	for (const char *const *h = generic_doc_hosts; *h; h++)
		if (has_icase(line, ln, *h))
			return false;
	return true;
}

/* Extensions of files that are never text worth reading. */
static const char *const binary_exts[] = {
	".png",	  ".jpg", ".jpeg", ".gif",   ".bmp",	".ico", ".webp",
	".tiff",  ".psd", ".zip",  ".gz",    ".tgz",	".bz2", ".xz",
	".zst",	  ".7z",  ".rar",  ".tar",   ".jar",	".war", ".ear",
	".class", ".so",  ".o",	   ".a",     ".dylib",	".dll", ".exe",
	".bin",	  ".pdf", ".woff", ".woff2", ".ttf",	".otf", ".eot",
	".mp3",	  ".mp4", ".ogg",  ".wav",   ".avi",	".mov", ".mkv",
	".pyc",	  ".pyo", ".wasm", ".db",    ".sqlite", ".rpm", ".deb",
	".apk",	  ".iso", ".img",  ".qcow2", ".mo",	".gpg", NULL,
};

bool
secret_path_is_binary(const char *path)
{
	for (const char *const *e = binary_exts; *e; e++)
		if (str_iends_with(path, *e))
			return true;
	/* versioned shared objects: libssl.so.3 */
	return strstr(path_basename(path), ".so.") != NULL;
}

/* Base names that hold credentials by convention. */
static const char *const sensitive_names[] = {
	"id_rsa",
	"id_dsa",
	"id_ecdsa",
	"id_ed25519",
	".env",
	".npmrc",
	".yarnrc",
	".yarnrc.yml",
	".pypirc",
	".git-credentials",
	".netrc",
	"_netrc",
	".pgpass",
	".my.cnf",
	".bash_history",
	".zsh_history",
	".sh_history",
	".ash_history",
	".python_history",
	".mysql_history",
	".psql_history",
	".dockercfg",
	"credentials",
	"settings.xml",
	"settings-security.xml",
	".htpasswd",
	"secrets.yml",
	"secrets.yaml",
	".s3cfg",
	".boto",
	".vault-token",
	"terraform.tfvars",
	NULL,
};

bool
secret_path_is_sensitive(const char *path)
{
	const char *base = path_basename(path);

	for (const char *const *n = sensitive_names; *n; n++)
		if (!strcmp(base, *n))
			return true;
	if (str_starts_with(base, ".env.") || str_ends_with(base, ".pem") ||
	    str_ends_with(base, ".key") || str_ends_with(base, ".p12") ||
	    str_ends_with(base, ".pfx"))
		return true;
	if (str_ends_with(path, ".docker/config.json") ||
	    str_ends_with(path, ".aws/credentials") ||
	    str_ends_with(path, ".kube/config"))
		return true;
	return false;
}

bool
secret_glob_match(const struct strvec *globs, const char *path)
{
	const char *base;

	if (!globs || !path)
		return false;
	base = path_basename(path);
	for (size_t i = 0; i < globs->n; i++) {
		const char *g = globs->v[i];

		if (!fnmatch(g, path, 0))
			return true;
		if (!strchr(g, '/') && !fnmatch(g, base, 0))
			return true;
		/* a glob like testdata/x also matches a/testdata/x */
		for (const char *p = strchr(path, '/'); p;
		     p = strchr(p + 1, '/'))
			if (!fnmatch(g, p + 1, 0))
				return true;
	}
	return false;
}
