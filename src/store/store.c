/* The store handle: opening a backend by URL, and transactions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/util.h"
#include "util/banned.h"

/* The backends this build has, by URL scheme. */
static const struct {
	const char *scheme;
	int (*open)(ss_store_backend **out, const char *path, int create);
} backends[] = {
	{"sqlite", ss_sqlite_backend_open},
};

/* Schemes that name a backend secspec may have, but this build has not. */
static const char *const known_elsewhere[] = {"postgresql", "postgres", NULL};

int ss_store__parse_url(char *scheme, size_t n, const char **rest, const char *url)
{
	size_t len = 0;

	if (!url || !*url)
		return ss_error_set(
			SS_EINVAL,
			"no database given (use --db sqlite:PATH, a path, or SECSPEC_DB)");
	/* a scheme is letters, digits, '+', '-', '.' after a letter, then ':' */
	if ((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')) {
		len = strspn(url,
			     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
		if (url[len] != ':')
			len = 0;
	}
	if (len >= n)
		len = 0; /* no scheme is that long: a path */
	for (size_t i = 0; i < len; i++)
		scheme[i] = (char)((url[i] >= 'A' && url[i] <= 'Z') ? url[i] - 'A' + 'a' : url[i]);
	scheme[len] = '\0';
	/* "sqlite:PATH", or any "scheme://...": a URL; everything else, even
	 * with a colon in it, is a path as before URLs were accepted */
	if (len == 0 || (strcmp(scheme, "sqlite") != 0 && strncmp(url + len + 1, "//", 2) != 0)) {
		snprintf(scheme, n, "sqlite");
		*rest = url;
		return 0;
	}
	*rest = url + len + 1;
	/* sqlite:///abs/path and sqlite://rel/path, as with file: URLs */
	if (strcmp(scheme, "sqlite") == 0 && strncmp(*rest, "//", 2) == 0)
		*rest += 2;
	return 0;
}

int ss_store_open(ss_store **out, const char *url, int create)
{
	char scheme[32];
	const char *rest = NULL;
	ss_store *st = NULL;
	size_t i;
	int error;

	if (!out)
		return ss_error_set(SS_EINVAL, "ss_store_open: NULL argument");
	if ((error = ss_store__parse_url(scheme, sizeof(scheme), &rest, url)) < 0)
		return error;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i].scheme, scheme) == 0)
			break;
	if (i == sizeof(backends) / sizeof(backends[0])) {
		for (const char *const *k = known_elsewhere; *k; k++)
			if (strcmp(*k, scheme) == 0)
				return ss_error_set(
					SS_EINVAL,
					"database '%.80s': the %s backend is not built into this "
					"secspec; use sqlite:PATH or a file path",
					url, scheme);
		return ss_error_set(SS_EINVAL,
				    "database '%.80s': unknown scheme '%s'; this secspec stores in "
				    "sqlite:PATH (or a plain file path)",
				    url, scheme);
	}
	if (!*rest)
		return ss_error_set(SS_EINVAL, "database '%.80s' names no file", url);
	if (!(st = calloc(1, sizeof(*st))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = backends[i].open(&st->be, rest, create)) < 0) {
		free(st);
		return error;
	}
	*out = st;
	return 0;
}

void ss_store_free(ss_store *st)
{
	if (!st)
		return;
	if (st->in_txn)
		ss_store__rollback(st);
	ss__tiles_free(st);
	st->be->close(st->be);
	free(st);
}

/* What a transaction remembers is forgotten at its start and end, so that
 * another process's commits are seen. */
static void txn_edge(ss_store *st)
{
	ss__tiles_forget(st);
	st->append_pid = 0;
	st->append_base = 0;
}

static int begin(ss_store *st, ss_txn_kind kind)
{
	int error;

	if (st->in_txn)
		return ss_error_set(SS_ERROR, "nested transaction");
	if ((error = st->be->begin(st->be, kind)) < 0)
		return error;
	st->in_txn = 1;
	txn_edge(st);
	return 0;
}

int ss_store__begin(ss_store *st)
{
	return begin(st, SS_TXN_WRITE);
}

int ss_store__begin_read(ss_store *st)
{
	return begin(st, SS_TXN_READ);
}

int ss_store__commit(ss_store *st)
{
	int error = st->be->commit(st->be);

	if (error == 0)
		st->in_txn = 0;
	txn_edge(st);
	return error;
}

void ss_store__rollback(ss_store *st)
{
	char saved[SS_ERROR_MAX];

	if (!st->in_txn)
		return;
	/* Keep the message of the error that made us roll back. */
	memcpy(saved, ss_error_last(), sizeof(saved));
	st->be->rollback(st->be);
	st->in_txn = 0;
	txn_edge(st);
	ss_error_set(0, "%s", saved);
}

int ss_store__read_snapshot(ss_store *st, bool *began)
{
	int error = 0;

	*began = false;
	if (!st->in_txn && (error = ss_store__begin_read(st)) == 0)
		*began = true;
	return error;
}

void ss_store__read_end(ss_store *st, bool began)
{
	if (began)
		ss_store__rollback(st); /* read only: nothing to keep */
}

int ss_store_set_durability(ss_store *st, int each_commit)
{
	if (!st)
		return ss_error_set(SS_EINVAL, "ss_store_set_durability: NULL argument");
	if (!st->be->durability)
		return 0;
	return st->be->durability(st->be, each_commit);
}

int ss_store_sync(ss_store *st)
{
	if (!st)
		return ss_error_set(SS_EINVAL, "ss_store_sync: NULL argument");
	return st->be->sync ? st->be->sync(st->be) : 0;
}
