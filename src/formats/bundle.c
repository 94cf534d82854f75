/* Evidence bundles as POSIX tar files, written and read with libarchive. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "formats/bundle.h"
#include "util/util.h"
#include "util/banned.h"

struct ss_bundle_writer {
	struct archive *a;
	json_t *files;
	char *path;
};

/* libarchive may have no message to give */
static const char *aerr(struct archive *a)
{
	const char *s = archive_error_string(a);

	return s ? s : _("unknown error");
}

static int add_entry(struct archive *a, const char *name, const void *data, size_t len)
{
	struct archive_entry *e = archive_entry_new();
	int error = 0;

	if (!e)
		return ss_error_set(SS_ENOMEM, "out of memory");
	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, 0, 0); /* the content carries its own times */
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    (len && archive_write_data(a, data, len) != (la_ssize_t)len))
		error = ss_error_set(SS_EIO, "writing %s into the bundle: %s", name, aerr(a));
	archive_entry_free(e);
	return error;
}

int ss_bundle_writer_open(ss_bundle_writer **out, const char *path)
{
	ss_bundle_writer *w = calloc(1, sizeof(*w));

	if (!w || !(w->files = json_array()) || !(w->a = archive_write_new()) ||
	    !(w->path = strdup(path))) {
		ss_bundle_writer_free(w);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	if (archive_write_set_format_pax_restricted(w->a) != ARCHIVE_OK ||
	    archive_write_open_filename(w->a, path) != ARCHIVE_OK) {
		int error = ss_error_set(SS_EIO, "%s: %s", path, aerr(w->a));

		ss_bundle_writer_free(w);
		return error;
	}
	*out = w;
	return 0;
}

int ss_bundle_add(ss_bundle_writer *w, const char *path, const void *data, size_t len)
{
	ss_buf name = SS_BUF_INIT(4096);
	char hash[SS_SHA256_HEX];
	int error;

	ss_sha256_hex(hash, data, len);
	if ((error = ss_buf_printf(&name, "%s%s", SS_BUNDLE_ROOT, path)) < 0 ||
	    (error = add_entry(w->a, name.ptr, data, len)) < 0)
		goto out;
	json_array_append_new(w->files, json_pack("{s:s, s:s, s:I}", "path", path, "sha256", hash,
						  "size", (json_int_t)len));
out:
	ss_buf_release(&name);
	return error;
}

static int by_listed_path(const void *a, const void *b)
{
	return strcmp(ss_js(*(json_t *const *)a, "path"), ss_js(*(json_t *const *)b, "path"));
}

/* The manifest lists the files sorted by path (bytewise). */
static int sorted_files(json_t **out, const json_t *files)
{
	size_t i, n = json_array_size(files);
	json_t **v = calloc(n ? n : 1, sizeof(*v)), *sorted = json_array();
	int error = 0;

	if (!v || !sorted) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		v[i] = json_array_get(files, i);
	qsort(v, n, sizeof(*v), by_listed_path);
	for (i = 0; i < n; i++)
		if (i > 0 && strcmp(ss_js(v[i - 1], "path"), ss_js(v[i], "path")) == 0) {
			error = ss_error_set(SS_ERROR, "bundle: %s added twice",
					     ss_js(v[i], "path"));
			goto out;
		} else if (json_array_append(sorted, v[i]) < 0) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
	*out = sorted;
	sorted = NULL;
out:
	free(v);
	json_decref(sorted);
	return error;
}

int ss_bundle_writer_close(ss_bundle_writer *w, json_t *manifest)
{
	ss_buf text = SS_BUF_INIT(0);
	json_t *files = NULL;
	int error;

	if ((error = sorted_files(&files, w->files)) < 0)
		goto out;
	json_object_set_new(manifest, "files", files);
	if ((error = ss_json_canonical(&text, manifest)) < 0 ||
	    (error = ss_buf_putc(&text, '\n')) < 0 ||
	    (error = add_entry(w->a, SS_BUNDLE_ROOT "MANIFEST.json", text.ptr, text.len)) < 0)
		goto out;
	if (archive_write_close(w->a) != ARCHIVE_OK)
		error = ss_error_set(SS_EIO, "%s: %s", w->path, aerr(w->a));
out:
	ss_buf_release(&text);
	return error;
}

void ss_bundle_writer_free(ss_bundle_writer *w)
{
	if (!w)
		return;
	if (w->a)
		archive_write_free(w->a);
	json_decref(w->files);
	free(w->path);
	free(w);
}

/* A name is safe when it lies below the root, has no "." or ".." part and
 * no empty part. */
static const char *safe_name(const char *name)
{
	const char *p, *rest;

	if (!name || strncmp(name, SS_BUNDLE_ROOT, strlen(SS_BUNDLE_ROOT)) != 0)
		return NULL;
	rest = name + strlen(SS_BUNDLE_ROOT);
	if (!*rest)
		return NULL;
	for (p = rest; *p;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);

		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return NULL;
		p += n + (slash ? 1 : 0);
		if (slash && !*p)
			return NULL;
	}
	return rest;
}

static size_t total_max(void)
{
	const char *env = getenv("SECSPEC_BUNDLE_MAX_BYTES");
	char *end = NULL;
	unsigned long long v = env ? strtoull(env, &end, 10) : 0;

	return env && *end == '\0' && v > 0 && v < SS_BUNDLE_TOTAL_MAX ? (size_t)v
								       : SS_BUNDLE_TOTAL_MAX;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const ss_bundle_file *)a)->path, ((const ss_bundle_file *)b)->path);
}

static const char *entry_kind(struct archive_entry *e)
{
	if (archive_entry_hardlink(e))
		return N_("a hard link");
	if (archive_entry_symlink(e))
		return N_("a symbolic link");
	switch (archive_entry_filetype(e)) {
	case AE_IFREG:
		return archive_entry_sparse_count(e) > 0 ? N_("a sparse file") : NULL;
	case AE_IFDIR:
		return N_("a directory");
	case AE_IFLNK:
		return N_("a symbolic link");
	case AE_IFCHR:
	case AE_IFBLK:
		return N_("a device");
	case AE_IFIFO:
		return N_("a FIFO");
	case AE_IFSOCK:
		return N_("a socket");
	default:
		return N_("not a regular file");
	}
}

/* Fill *why (the name made printable) and set the error from fmt, which is
 * English and translated here (an xgettext keyword). */
static int bundle_refuse(ss_bundle_refusal *why, int code, const char *rule, const char *name,
			 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int bundle_refuse(ss_bundle_refusal *why, int code, const char *rule, const char *name,
			 const char *fmt, ...)
{
	char msg[SS_ERROR_MAX];
	va_list ap;

	if (why) {
		memset(why, 0, sizeof(*why));
		snprintf(why->rule, sizeof(why->rule), "%s", rule);
		snprintf(why->entry, sizeof(why->entry), "%s", name ? name : "");
		ss_text_printable(why->entry, false);
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), ss_gettext(fmt), ap);
	va_end(ap);
	ss_text_printable(msg, false);
	return ss_error_set(code, "%s", msg);
}

static int read_all(ss_bundle *out, struct archive *a, const char *what, ss_bundle_refusal *why)
{
	struct archive_entry *e;
	size_t total = 0, max = total_max(), entries = 0, i;
	int rc, error = 0;

	memset(out, 0, sizeof(*out));
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e), *rel, *kind;
		la_int64_t size = archive_entry_size(e);
		ss_bundle_file *f;

		if (++entries > SS_BUNDLE_ENTRIES_MAX) {
			error = bundle_refuse(why, SS_ELIMIT, "bundle-limit", "",
					      "%s: more than %d entries", what,
					      SS_BUNDLE_ENTRIES_MAX);
			goto out;
		}
		if (!name || strlen(name) > SS_BUNDLE_NAME_MAX ||
		    ss_text_check("entry name", name, SS_BUNDLE_NAME_MAX, false) < 0) {
			error = bundle_refuse(
				why, SS_EPARSE, "bundle-entry", name,
				"%s: entry %zu has a name that is not printable UTF-8 "
				"of at most %d bytes ('%.100s')",
				what, entries, SS_BUNDLE_NAME_MAX, name ? name : "");
			goto out;
		}
		if ((kind = entry_kind(e)) != NULL) {
			error = bundle_refuse(
				why, SS_EPARSE, "bundle-entry", name,
				"%s: entry '%.100s' is %s: a bundle holds regular files only", what,
				name, _(kind));
			goto out;
		}
		if (!(rel = safe_name(name))) {
			error = bundle_refuse(why, SS_EPARSE, "bundle-entry", name,
					      "%s: entry '%.100s' is not a plain path below %s",
					      what, name, SS_BUNDLE_ROOT);
			goto out;
		}
		if (size < 0 || (size_t)size > SS_BUNDLE_ENTRY_MAX || total + (size_t)size > max ||
		    out->n >= SS_BUNDLE_ENTRIES_MAX) {
			error = bundle_refuse(why, SS_ELIMIT, "bundle-limit", name,
					      "%s: entry '%.100s' goes over the bundle's limits",
					      what, rel);
			goto out;
		}
		if (out->n % 64 == 0) {
			ss_bundle_file *grown = realloc(out->files, (out->n + 64) * sizeof(*grown));

			if (!grown) {
				error = ss_error_set(SS_ENOMEM, "out of memory");
				goto out;
			}
			out->files = grown;
		}
		f = &out->files[out->n];
		memset(f, 0, sizeof(*f));
		f->path = strdup(rel);
		f->data = malloc((size_t)size + 1);
		if (!f->path || !f->data) {
			free(f->path);
			free(f->data);
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		out->n++;
		f->len = (size_t)size;
		if (size && archive_read_data(a, f->data, (size_t)size) != size) {
			error = bundle_refuse(why, SS_EPARSE, "bundle-entry", name,
					      "%s: entry '%.100s' is truncated: %s", what, rel,
					      aerr(a));
			goto out;
		}
		f->data[size] = '\0';
		total += (size_t)size;
	}
	if (rc != ARCHIVE_EOF) {
		error = bundle_refuse(why, SS_EPARSE, "bundle-entry", "",
				      "%s: not a readable tar archive: %s", what, aerr(a));
		goto out;
	}
	/* sorted by name: duplicates are neighbours and lookups bisect */
	if (out->n)
		qsort(out->files, out->n, sizeof(*out->files), by_path);
	for (i = 1; i < out->n; i++)
		if (strcmp(out->files[i - 1].path, out->files[i].path) == 0) {
			error = bundle_refuse(why, SS_EPARSE, "bundle-entry", out->files[i].path,
					      "%s: entry '%.100s' appears twice", what,
					      out->files[i].path);
			goto out;
		}
out:
	if (error < 0)
		ss_bundle_release(out);
	return error;
}

static struct archive *reader(void)
{
	struct archive *a = archive_read_new();

	if (a) {
		archive_read_support_format_tar(a);
		archive_read_support_filter_gzip(a);
	}
	return a;
}

int ss_bundle_read_file(ss_bundle *out, const char *path, ss_bundle_refusal *why)
{
	struct archive *a = reader();
	int error;

	if (!a)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK)
		error = ss_error_set(SS_EIO, "%s: %s", path, aerr(a));
	else
		error = read_all(out, a, path, why);
	archive_read_free(a);
	return error;
}

const ss_bundle_file *ss_bundle_get(const ss_bundle *b, const char *path)
{
	ss_bundle_file key = {.path = (char *)path};

	if (!b->n || !path)
		return NULL;
	return bsearch(&key, b->files, b->n, sizeof(*b->files), by_path);
}

void ss_bundle_release(ss_bundle *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->files[i].path);
		free(b->files[i].data);
	}
	free(b->files);
	b->files = NULL;
	b->n = 0;
}
