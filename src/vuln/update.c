/*
 * Download the configured sources and rebuild the database atomically.
 */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "core/sha256.h"
#include "vuln/update.h"
#include "vuln/vulndb-internal.h"

struct fetch {
	char *url;    /* the entry without its "#sha256=" fragment */
	char *sha256; /* expected digest, or NULL */
	char *cache;  /* where the bytes of this source are kept */
	struct buf body;
	char *etag, *last_modified;
	bool not_modified;
};

static void
fetch_release(struct fetch *f)
{
	free(f->url);
	free(f->sha256);
	free(f->cache);
	buf_release(&f->body);
	free(f->etag);
	free(f->last_modified);
}

static int
fetch_parse(struct fetch *f, const char *entry, const char *cache_dir,
	    struct err *e)
{
	const char *hash = strchr(entry, '#');
	char digest[SHA256_HEX_LEN + 1];

	f->url =
	    hash ? xstrndup(entry, (size_t)(hash - entry)) : xstrdup(entry);
	if (!str_istarts_with(f->url, "https://") &&
	    !str_istarts_with(f->url, "http://") &&
	    !str_istarts_with(f->url, "file://"))
		return err_set(e, ERR_USAGE,
			       "source '%s': only https://, http:// and "
			       "file:// URLs are supported",
			       entry);
	if (hash) {
		const char *hex = hash + 1;

		if (!str_starts_with(hex, "sha256=") ||
		    strlen(hex + 7) != SHA256_HEX_LEN ||
		    strspn(hex + 7, "0123456789abcdefABCDEF") != SHA256_HEX_LEN)
			return err_set(e, ERR_USAGE,
				       "source '%s': the fragment must be "
				       "#sha256= and 64 hex digits",
				       entry);
		f->sha256 = str_lower(xstrdup(hex + 7));
	}
	sha256_hex(f->url, strlen(f->url), digest);
	digest[24] = '\0';
	f->cache = xasprintf("%s/%s", cache_dir, digest);
	return 0;
}

static size_t
on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;

	if (b->len + size * n > UPDATE_MAX_DOWNLOAD)
		return 0;
	buf_add(b, data, size * n);
	return size * n;
}

/* Keep the value of one response header ("ETag: ..."). */
static void
header_value(const char *line, size_t len, const char *name, char **out)
{
	size_t n = strlen(name);

	if (len <= n + 1 || strncasecmp(line, name, n) || line[n] != ':')
		return;
	free(*out);
	*out = str_trim_dup(line + n + 1, len - n - 1);
}

static size_t
on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct fetch *f = ctx;

	header_value(data, size * n, "ETag", &f->etag);
	header_value(data, size * n, "Last-Modified", &f->last_modified);
	return size * n;
}

static int
fetch_perform(struct fetch *f, const char *etag, const char *lm, long *code,
	      struct err *e)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	CURLcode rc;

	if (!c)
		return err_set(e, ERR_INTERNAL, "cannot start libcurl");
	if (etag) {
		char *h = xasprintf("If-None-Match: %s", etag);

		hdr = curl_slist_append(hdr, h);
		free(h);
	}
	if (lm) {
		char *h = xasprintf("If-Modified-Since: %s", lm);

		hdr = curl_slist_append(hdr, h);
		free(h);
	}
	curl_easy_setopt(c, CURLOPT_URL, f->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)UPDATE_STALL_SECONDS);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &f->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, f);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "hull/" HULL_VERSION);
	rc = curl_easy_perform(c);
	*code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	if (rc == CURLE_WRITE_ERROR)
		return err_set(e, ERR_INPUT, "'%s': larger than %u bytes",
			       f->url, UPDATE_MAX_DOWNLOAD);
	if (rc != CURLE_OK)
		return err_set(e, ERR_NETWORK, "cannot download '%s': %s",
			       f->url,
			       *errbuf ? errbuf : curl_easy_strerror(rc));
	return 0;
}

/*
 * Fetch one source.  Conditional headers are sent only when its bytes
 * are in the cache, since a 304 is useless without them.
 */
static int
fetch_one(struct fetch *f, struct vulndb *old, struct err *e)
{
	char *etag = NULL, *lm = NULL;
	struct buf cached = BUF_INIT;
	bool have_cache = false;
	char digest[SHA256_HEX_LEN + 1];
	long code;
	int rc = -1;

	if (old && vulndb_source_get(old, f->url, &etag, &lm, NULL) > 0)
		have_cache =
		    !file_read(f->cache, UPDATE_MAX_DOWNLOAD, &cached, NULL);
	if (fetch_perform(f, have_cache ? etag : NULL, have_cache ? lm : NULL,
			  &code, e))
		goto out;
	if (code == 304 && have_cache) {
		f->not_modified = true;
		buf_reset(&f->body);
		buf_add(&f->body, cached.data, cached.len);
		free(f->etag), f->etag = etag, etag = NULL;
		free(f->last_modified), f->last_modified = lm, lm = NULL;
	} else if (code >= 300) {
		err_set(e, ERR_NETWORK, "cannot download '%s': HTTP %ld",
			f->url, code);
		goto out;
	} else if (have_cache && cached.len == f->body.len &&
		   !memcmp(cached.data, f->body.data, cached.len)) {
		/* file:// and servers without validators: same bytes. */
		f->not_modified = true;
	}
	if (!f->body.len) {
		err_set(e, ERR_INPUT, "'%s': empty download", f->url);
		goto out;
	}
	if (f->sha256) {
		sha256_hex(f->body.data, f->body.len, digest);
		if (strcmp(digest, f->sha256)) {
			err_set(e, ERR_INPUT, "'%s': sha256 is %s, expected %s",
				f->url, digest, f->sha256);
			goto out;
		}
	}
	rc = 0;
out:
	free(etag);
	free(lm);
	buf_release(&cached);
	return rc;
}

static int
build_new(const char *path, struct fetch *fs, size_t n,
	  struct update_result *res, struct err *e)
{
	struct vulndb *db = NULL;
	time_t now = time(NULL);

	unlink(path);
	if (vulndb_open(&db, path, VULNDB_CREATE, e) || vulndb_begin(db, e))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct vulndb_stats st = { 0 };
		struct vulndb_source src = { fs[i].url,	 fs[i].url,
					     fs[i].etag, fs[i].last_modified,
					     now,	 0,
					     0 };

		if (vulndb_import_data(db, fs[i].url, fs[i].body.data,
				       fs[i].body.len, &st, e))
			goto fail;
		src.advisories = st.advisories;
		src.affected = st.affected;
		if (vulndb_source_put(db, &src, e))
			goto fail;
		vulndb_stats_add(&res->stats, &st);
	}
	/* Read the new file back whole before it replaces the old one. */
	if (vulndb_commit(db, e) || vulndb_verify(db, e))
		goto fail;
	vulndb_close(db);
	return 0;
fail:
	if (db)
		vulndb_rollback(db);
	vulndb_close(db);
	unlink(path);
	return -1;
}

/* Keep the bytes of each changed source for the next update. */
static void
cache_store(struct fetch *fs, size_t n, const char *dir)
{
	mkdir(dir, 0700);
	for (size_t i = 0; i < n; i++) {
		char *tmp;
		FILE *fp;

		if (fs[i].not_modified)
			continue;
		tmp = xasprintf("%s.tmp", fs[i].cache);
		fp = fopen(tmp, "wb");
		if (!fp || fwrite(fs[i].body.data, 1, fs[i].body.len, fp) !=
			       fs[i].body.len) {
			log_warn("cannot cache '%s' in '%s'", fs[i].url, dir);
			if (fp)
				fclose(fp);
			unlink(tmp);
		} else if (fclose(fp) || rename(tmp, fs[i].cache)) {
			log_warn("cannot cache '%s' in '%s'", fs[i].url, dir);
			unlink(tmp);
		}
		free(tmp);
	}
}

/* Nothing changed: the old data is current as of now. */
static void
mark_checked(const char *db_path)
{
	sqlite3 *db;

	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK)
		sqlite3_exec(db,
			     "UPDATE sources SET imported_at = "
			     "strftime('%s', 'now')",
			     NULL, NULL, NULL);
	sqlite3_close(db);
}

int
vulndb_update(const char *db_path, const struct strvec *sources,
	      struct update_result *res, struct err *e)
{
	char *cache_dir = xasprintf("%s.sources", db_path);
	char *new_path = xasprintf("%s.new", db_path);
	struct fetch *fs = xcalloc(sources->n + 1, sizeof(*fs));
	struct vulndb *old = NULL;
	bool old_ok = false;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (!sources->n) {
		err_set(e, ERR_USAGE,
			"no sources configured (db.sources in "
			".hull.yaml, or URLs on the command line)");
		goto out;
	}
	for (size_t i = 0; i < sources->n; i++)
		fs[i].body = (struct buf)BUF_INIT;
	if (vulndb_is_foreign(db_path)) {
		err_set(e, ERR_INPUT,
			"'%s' is an SQLite database but not a hull "
			"vulnerability database; refusing to replace it",
			db_path);
		goto out;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* A damaged old database is rebuilt: no conditional requests
	 * against its stored validators, so every source is downloaded. */
	if (vulndb_open(&old, db_path, VULNDB_READ | VULNDB_VERIFY, NULL))
		old = NULL;
	old_ok = old != NULL;
	for (size_t i = 0; i < sources->n; i++) {
		if (fetch_parse(&fs[i], sources->v[i], cache_dir, e) ||
		    fetch_one(&fs[i], old, e))
			goto out;
		res->sources++;
		res->downloaded += !fs[i].not_modified;
		res->not_modified += fs[i].not_modified;
	}
	vulndb_close(old);
	old = NULL;
	if (!res->downloaded && path_is_file(db_path)) {
		mark_checked(db_path);
		if (old_ok)
			vulndb_stamp_file(db_path);
		rc = 0;
		goto out;
	}
	if (build_new(new_path, fs, sources->n, res, e) ||
	    (rename(new_path, db_path) &&
	     err_errno(e, ERR_INPUT, errno, "cannot replace '%s'", db_path))) {
		unlink(new_path);
		goto out;
	}
	res->rebuilt = true;
	vulndb_stamp_file(db_path); /* build_new() checked it whole */
	cache_store(fs, sources->n, cache_dir);
	rc = 0;
out:
	vulndb_close(old);
	for (size_t i = 0; i < sources->n; i++)
		fetch_release(&fs[i]);
	free(fs);
	free(cache_dir);
	free(new_path);
	return rc;
}
