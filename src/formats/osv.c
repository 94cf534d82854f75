/*
 * OSV advisories (https://ossf.github.io/osv-schema/): one record file, a
 * directory of them, or osv.dev's "<ecosystem>-all.zip" read entry by entry
 * through libarchive without touching the disk. Each record is small and is
 * parsed whole (jansson) after a scan that caps its depth, values and
 * strings; what is read of it is checked against the schema and handed to
 * the sink as one advisory and one affected row per affected[] entry.
 * docs/internals/osv.md has the limits and the deviations.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "formats/idset.h"
#include "formats/osv.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/* osv.dev's Go-all.zip: 4,291 records, 7.9 MB unpacked, the largest 13 KB,
 * depth 8; crates.io-all.zip: 1,206 records, 2.6 MB. The whole of osv.dev's
 * PyPI or npm is a few hundred MB. */
const ss_import_limits ss_osv_limits = {
	.bytes = (uint64_t)4096 * MiB, /* all records read, unpacked */
	.string = 1 * MiB,             /* one JSON string */
	.name = 1024,                  /* a zip entry's or a file's name */
	.values = 200000000,           /* JSON values of all records */
	.depth = 16,                   /* of one record */
	.records = 2000000,            /* zip entries / files, read or skipped */
	.record_bytes = 4 * MiB,       /* one record (entry or file) */
	.record_values = 200000,       /* JSON values of one record */
};

typedef struct {
	ss_vuln_sink *sink;
	const ss_import_limits *lim;
	ss_idset ids;
	uint64_t records, affected, withdrawn, skipped, entries, bytes, values;
	char newest[48];
	char *buf; /* one entry or file */
	size_t cap;
} osv_ctx;

/* One record being checked: its name (the file, or "ZIP: entry") for messages. */
typedef struct {
	const char *name;
	char ptr[160]; /* the JSON pointer of the field a message is about */
} rd;

/* Set the error "NAME: POINTER: message"; fmt is English and translated
 * here (an xgettext keyword). ptr may be NULL or "". */
static int parse_error(const char *name, int code, const char *ptr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int parse_error(const char *name, int code, const char *ptr, const char *fmt, ...)
{
	char msg[SS_ERROR_MAX], full[SS_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), ss_gettext(fmt), ap);
	va_end(ap);
	/* cut when too long */
	if ((ptr && *ptr ? snprintf(full, sizeof(full), "%s: %s: %s", name, ptr, msg)
			 : snprintf(full, sizeof(full), "%s: %s", name, msg)) < 0)
		full[0] = '\0';
	ss_text_printable(full, false);
	return ss_error_set(code, "%s", full);
}

static const char *at(rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *at(rd *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->ptr, sizeof(r->ptr), fmt, ap);
	va_end(ap);
	return r->ptr;
}

/* ---- the scan before the parse ------------------------------------------ */

/* Depth, values and string length of one record's text, with the line and
 * column where a cap is passed; the parser then builds a bounded tree. */
static int prescan(const char *name, const char *s, size_t len, const ss_import_limits *lim,
		   uint64_t *values_out)
{
	uint64_t values = 1;
	size_t i, line = 1, col0 = 0, str0 = 0;
	bool in_string = false;
	int depth = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			if (in_string && i - str0 > lim->string)
				return parse_error(name, SS_ELIMIT, NULL,
						   "line %zu, column %zu: a string longer than %zu "
						   "bytes (the limit 'string')",
						   line, str0 - col0 + 1, lim->string);
			continue;
		}
		switch (c) {
		case '"':
			in_string = true;
			str0 = i;
			break;
		case '\n':
			line++;
			col0 = i + 1;
			break;
		case '{':
		case '[':
			if (++depth > lim->depth)
				return parse_error(name, SS_ELIMIT, NULL,
						   "line %zu, column %zu: nested deeper than %d "
						   "(the limit 'depth')",
						   line, i - col0 + 1, lim->depth);
			/* fall through */
		case ',':
			if (++values > lim->record_values)
				return parse_error(name, SS_ELIMIT, NULL,
						   "line %zu, column %zu: more than %llu values in "
						   "one record (the limit 'record_values')",
						   line, i - col0 + 1,
						   (unsigned long long)lim->record_values);
			break;
		case '}':
		case ']':
			depth--;
			break;
		default:
			break;
		}
	}
	*values_out = values;
	return 0;
}

/* ---- checks of the schema ----------------------------------------------- */

static const char *kind_of(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return N_("an object");
	case JSON_ARRAY:
		return N_("an array");
	case JSON_STRING:
		return N_("a string");
	case JSON_INTEGER:
	case JSON_REAL:
		return N_("a number");
	case JSON_TRUE:
	case JSON_FALSE:
		return N_("a boolean");
	default:
		return N_("null");
	}
}

/* Member key of obj (its pointer base) as a string: *out NULL when absent
 * and not required. */
static int str_member(rd *r, const json_t *obj, const char *base, const char *key, bool required,
		      const char **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v) {
		if (!required)
			return 0;
		return parse_error(r->name, SS_EPARSE, at(r, "%s/%s", base, key),
				   "required, and missing");
	}
	if (!json_is_string(v))
		return parse_error(r->name, SS_EPARSE, at(r, "%s/%s", base, key),
				   "must be a string, not %s", _(kind_of(v)));
	if (required && json_string_length(v) == 0)
		return parse_error(r->name, SS_EPARSE, at(r, "%s/%s", base, key),
				   "must not be empty");
	*out = json_string_value(v);
	return 0;
}

/* Member key of obj as an array (NULL when absent). */
static int array_member(rd *r, const json_t *obj, const char *base, const char *key, json_t **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (v && !json_is_array(v))
		return parse_error(r->name, SS_EPARSE, at(r, "%s/%s", base, key),
				   "must be an array, not %s", _(kind_of(v)));
	*out = v;
	return 0;
}

/* An array of strings (aliases, related, versions), absent or not. */
static int strings_member(rd *r, const json_t *obj, const char *base, const char *key, json_t **out)
{
	json_t *v, *s;
	size_t i;
	int error;

	if ((error = array_member(r, obj, base, key, &v)) < 0)
		return error;
	json_array_foreach(v, i, s) {
		if (!json_is_string(s))
			return parse_error(r->name, SS_EPARSE, at(r, "%s/%s/%zu", base, key, i),
					   "must be a string, not %s", _(kind_of(s)));
	}
	*out = v;
	return 0;
}

static bool digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM). */
static bool rfc3339(const char *s)
{
	size_t n = strlen(s), i = 19;

	if (n < 20 || n > 40 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2) || (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return false;
	if (s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == 20)
			return false;
	}
	if (s[i] == 'Z' || s[i] == 'z')
		return i + 1 == n;
	return (s[i] == '+' || s[i] == '-') && i + 6 == n && digits(s + i + 1, 2) &&
	       s[i + 3] == ':' && digits(s + i + 4, 2);
}

static int time_member(rd *r, const json_t *obj, const char *key, bool required, const char **out)
{
	int error;

	if ((error = str_member(r, obj, "", key, required, out)) < 0)
		return error;
	if (*out && !rfc3339(*out))
		return parse_error(r->name, SS_EPARSE, at(r, "/%s", key),
				   "'%.60s' is not an RFC 3339 date-time", *out);
	return 0;
}

/* An OSV id: "<DB>-<ENTRYID>" in letters, digits and . _ - : + */
static bool id_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 128)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '.' || c == '_' || c == ':' || c == '+'))
			return false;
	}
	return true;
}

static const char *const range_types[] = {"SEMVER", "ECOSYSTEM", "GIT", NULL};
static const char *const event_keys[] = {"introduced", "fixed", "last_affected", "limit", NULL};
static const char *const severity_types[] = {"CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu", NULL};
static const char *const reference_types[] = {"ADVISORY", "ARTICLE",  "DETECTION",  "DISCUSSION",
					      "REPORT",   "FIX",      "INTRODUCED", "GIT",
					      "PACKAGE",  "EVIDENCE", "WEB",        NULL};

static bool one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static int canonical(char **out, const json_t *v, const char *name)
{
	ss_buf b = SS_BUF_INIT(64 * MiB);
	int error;

	*out = NULL;
	if ((error = ss_json_canonical(&b, v)) < 0) {
		ss_buf_release(&b);
		return ss_error_prefix(error, "%s: ", name);
	}
	if (!(*out = ss_buf_detach(&b)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

/* severity[] -> [{"type", "vector"}] */
static int severity_of(rd *r, const json_t *rec, json_t *out)
{
	json_t *list, *s;
	size_t i;
	int error;

	if ((error = array_member(r, rec, "", "severity", &list)) < 0)
		return error;
	json_array_foreach(list, i, s) {
		const char *type, *score;
		char base[48];

		snprintf(base, sizeof(base), "/severity/%zu", i);
		if (!json_is_object(s))
			return parse_error(r->name, SS_EPARSE, base, "must be an object, not %s",
					   _(kind_of(s)));
		if ((error = str_member(r, s, base, "type", true, &type)) < 0 ||
		    (error = str_member(r, s, base, "score", true, &score)) < 0)
			return error;
		if (!one_of(type, severity_types))
			return parse_error(r->name, SS_EPARSE, at(r, "%s/type", base),
					   "'%.40s' is none of CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu",
					   type);
		if ((strcmp(type, "CVSS_V3") == 0 && strncmp(score, "CVSS:3.", 7) != 0) ||
		    (strcmp(type, "CVSS_V4") == 0 && strncmp(score, "CVSS:4.0/", 9) != 0) ||
		    (strcmp(type, "CVSS_V2") == 0 && strncmp(score, "AV:", 3) != 0 &&
		     strncmp(score, "(AV:", 4) != 0))
			return parse_error(r->name, SS_EPARSE, at(r, "%s/score", base),
					   "'%.60s' is not a %s vector", score, type);
		if (json_array_append_new(
			    out, json_pack("{s:s,s:s}", "type", type, "vector", score)) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
	}
	return 0;
}

static bool cwe_id(const char *s)
{
	size_t n = strlen(s);

	return n > 4 && n < 16 && strncmp(s, "CWE-", 4) == 0 && digits(s + 4, (int)(n - 4));
}

/* database_specific is free-form: only its cwe_ids strings "CWE-<n>" are taken. */
static int cwes_of(const json_t *rec, json_t *out)
{
	json_t *ids = json_object_get(json_object_get(rec, "database_specific"), "cwe_ids"), *s;
	size_t i;

	json_array_foreach(ids, i, s) {
		if (json_is_string(s) && cwe_id(json_string_value(s)) &&
		    json_array_append(out, s) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
	}
	return 0;
}

static int references_of(rd *r, const json_t *rec, json_t *out)
{
	json_t *list, *ref;
	size_t i;
	int error;

	if ((error = array_member(r, rec, "", "references", &list)) < 0)
		return error;
	json_array_foreach(list, i, ref) {
		const char *type, *url, *p;
		char base[48];

		snprintf(base, sizeof(base), "/references/%zu", i);
		if (!json_is_object(ref))
			return parse_error(r->name, SS_EPARSE, base, "must be an object, not %s",
					   _(kind_of(ref)));
		if ((error = str_member(r, ref, base, "type", true, &type)) < 0 ||
		    (error = str_member(r, ref, base, "url", true, &url)) < 0)
			return error;
		if (!one_of(type, reference_types))
			return parse_error(r->name, SS_EPARSE, at(r, "%s/type", base),
					   "'%.40s' is not a reference type of the schema", type);
		for (p = url; *p; p++)
			if ((unsigned char)*p <= ' ' || *p == 0x7f)
				return parse_error(r->name, SS_EPARSE, at(r, "%s/url", base),
						   "a URL holds no space or control character");
		if (json_array_size(out) < SS_OSV_REFERENCES_MAX &&
		    json_array_append_new(out, json_string(url)) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
	}
	return 0;
}

/* One range: checked, and rebuilt as {type, events, repo?} (its
 * database_specific left out). */
static int range_of(rd *r, const json_t *range, const char *base, json_t *out)
{
	const char *type, *repo;
	json_t *events, *ev, *copy = NULL;
	bool introduced = false;
	size_t i;
	int error;

	if (!json_is_object(range))
		return parse_error(r->name, SS_EPARSE, base, "must be an object, not %s",
				   _(kind_of(range)));
	if ((error = str_member(r, range, base, "type", true, &type)) < 0 ||
	    (error = str_member(r, range, base, "repo", false, &repo)) < 0 ||
	    (error = array_member(r, range, base, "events", &events)) < 0)
		return error;
	if (!one_of(type, range_types))
		return parse_error(r->name, SS_EPARSE, at(r, "%s/type", base),
				   "'%.40s' is none of SEMVER, ECOSYSTEM, GIT", type);
	if (strcmp(type, "GIT") == 0 && !repo)
		return parse_error(r->name, SS_EPARSE, at(r, "%s/repo", base),
				   "required for a GIT range, and missing");
	if (json_array_size(events) == 0)
		return parse_error(r->name, SS_EPARSE, at(r, "%s/events", base),
				   "required, with at least one event");
	json_array_foreach(events, i, ev) {
		const char *key;
		json_t *v;

		if (!json_is_object(ev) || json_object_size(ev) != 1)
			return parse_error(r->name, SS_EPARSE, at(r, "%s/events/%zu", base, i),
					   "an event is an object with exactly one of introduced, "
					   "fixed, last_affected, limit");
		json_object_foreach(ev, key, v) {
			if (!one_of(key, event_keys))
				return parse_error(r->name, SS_EPARSE,
						   at(r, "%s/events/%zu", base, i),
						   "'%.40s' is none of introduced, fixed, "
						   "last_affected, limit",
						   key);
			if (!json_is_string(v) || json_string_length(v) == 0)
				return parse_error(r->name, SS_EPARSE,
						   at(r, "%s/events/%zu/%s", base, i, key),
						   "must be a version, a non-empty string");
			introduced = introduced || strcmp(key, "introduced") == 0;
		}
	}
	if (!introduced)
		return parse_error(r->name, SS_EPARSE, at(r, "%s/events", base),
				   "a range has at least one 'introduced' event");
	if (!(copy = json_pack("{s:s,s:O}", "type", type, "events", events)) ||
	    (repo && json_object_set_new(copy, "repo", json_string(repo)) < 0) ||
	    json_array_append_new(out, copy) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

/* One affected[] entry, checked and made a row (its strings borrowed from
 * the record, or owned: ranges and versions). */
static int affected_one(rd *r, const json_t *a, size_t index, ss_sink_affected *row)
{
	json_t *pkg, *ranges, *versions, *range, *out = json_array();
	char base[48], rbase[96];
	size_t i;
	int error;

	snprintf(base, sizeof(base), "/affected/%zu", index);
	row->vulnerable = 1;
	if (!out) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (!json_is_object(a)) {
		error = parse_error(r->name, SS_EPARSE, base, "must be an object, not %s",
				    _(kind_of(a)));
		goto out;
	}
	if ((pkg = json_object_get(a, "package")) != NULL) {
		char pbase[64];

		snprintf(pbase, sizeof(pbase), "%s/package", base);
		if (!json_is_object(pkg)) {
			error = parse_error(r->name, SS_EPARSE, pbase, "must be an object, not %s",
					    _(kind_of(pkg)));
			goto out;
		}
		if ((error = str_member(r, pkg, pbase, "ecosystem", true, &row->ecosystem)) < 0 ||
		    (error = str_member(r, pkg, pbase, "name", true, &row->package)) < 0 ||
		    (error = str_member(r, pkg, pbase, "purl", false, &row->purl)) < 0)
			goto out;
		if (row->purl && strncmp(row->purl, "pkg:", 4) != 0) {
			error = parse_error(r->name, SS_EPARSE, at(r, "%s/purl", pbase),
					    "'%.60s' is not a package URL (pkg:...)", row->purl);
			goto out;
		}
	}
	if ((error = array_member(r, a, base, "ranges", &ranges)) < 0 ||
	    (error = strings_member(r, a, base, "versions", &versions)) < 0)
		goto out;
	json_array_foreach(ranges, i, range) {
		snprintf(rbase, sizeof(rbase), "%s/ranges/%zu", base, i);
		if ((error = range_of(r, range, rbase, out)) < 0)
			goto out;
	}
	if ((error = canonical((char **)&row->ranges, out, r->name)) < 0)
		goto out;
	json_array_clear(out);
	error = canonical((char **)&row->versions, versions ? versions : out, r->name);
out:
	json_decref(out);
	return error;
}

static void rows_free(ss_sink_affected *rows, size_t n)
{
	size_t i;

	for (i = 0; rows && i < n; i++) {
		free((char *)rows[i].ranges);
		free((char *)rows[i].versions);
	}
	free(rows);
}

/* A parsed record: checked, then handed. */
static int record_tree(osv_ctx *c, rd *r, const json_t *rec)
{
	ss_sink_advisory row = {.source = "osv", .lang = "en"};
	json_t *aliases, *related, *affected, *a, *sev = json_array(), *cwes = json_array(),
						  *refs = json_array();
	char *aliases_text = NULL, *sev_text = NULL, *cwes_text = NULL, *refs_text = NULL;
	ss_sink_affected *rows = NULL;
	const char *schema;
	size_t i, n = 0;
	int error;

	if (!sev || !cwes || !refs) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (!json_is_object(rec)) {
		error = parse_error(r->name, SS_EPARSE, NULL,
				    "an OSV record is a JSON object, not %s", _(kind_of(rec)));
		goto out;
	}
	if ((error = str_member(r, rec, "", "id", true, &row.id)) < 0 ||
	    (error = time_member(r, rec, "modified", true, &row.modified)) < 0 ||
	    (error = time_member(r, rec, "published", false, &row.published)) < 0 ||
	    (error = time_member(r, rec, "withdrawn", false, &row.withdrawn)) < 0 ||
	    (error = str_member(r, rec, "", "schema_version", false, &schema)) < 0 ||
	    (error = str_member(r, rec, "", "summary", false, &row.summary)) < 0 ||
	    (error = str_member(r, rec, "", "details", false, &row.details)) < 0 ||
	    (error = strings_member(r, rec, "", "aliases", &aliases)) < 0 ||
	    (error = strings_member(r, rec, "", "related", &related)) < 0 ||
	    (error = array_member(r, rec, "", "affected", &affected)) < 0)
		goto out;
	if (!id_ok(row.id)) {
		error = parse_error(r->name, SS_EPARSE, "/id",
				    "'%.60s' is not an OSV id (letters, digits and . _ - : + only, "
				    "at most 128)",
				    row.id);
		goto out;
	}
	if (schema && strncmp(schema, "1.", 2) != 0) {
		error = parse_error(r->name, SS_EPARSE, "/schema_version",
				    "version '%.20s' of the OSV schema is not supported (1.x is)",
				    schema);
		goto out;
	}
	if ((error = severity_of(r, rec, sev)) < 0 || (error = cwes_of(rec, cwes)) < 0 ||
	    (error = references_of(r, rec, refs)) < 0)
		goto out;
	/* every affected[] entry is checked before the advisory is handed */
	if (json_array_size(affected) &&
	    !(rows = calloc(json_array_size(affected), sizeof(*rows)))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(affected, i, a) {
		rows[i].advisory = row.id;
		n = i + 1;
		if ((error = affected_one(r, a, i, &rows[i])) < 0)
			goto out;
	}
	if (ss_idset_has(&c->ids, row.id)) {
		error = parse_error(r->name, SS_EPARSE, "/id",
				    "the id %s was read already in this import: an OSV database "
				    "holds each id once",
				    row.id);
		goto out;
	}
	if ((error = ss_idset_add(&c->ids, row.id)) < 0)
		goto out;
	if (c->records >= c->lim->records) {
		error = parse_error(r->name, SS_ELIMIT, NULL,
				    "more than %llu records (the limit 'records')",
				    (unsigned long long)c->lim->records);
		goto out;
	}
	if (aliases) {
		if ((error = canonical(&aliases_text, aliases, r->name)) < 0)
			goto out;
	} else if (!(aliases_text = strdup("[]"))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = canonical(&sev_text, sev, r->name)) < 0 ||
	    (error = canonical(&cwes_text, cwes, r->name)) < 0 ||
	    (error = canonical(&refs_text, refs, r->name)) < 0)
		goto out;
	row.aliases = aliases_text;
	row.severity = sev_text;
	row.cwes = cwes_text;
	row.references = refs_text;
	if (c->sink->advisory && (error = c->sink->advisory(c->sink, &row)) < 0) {
		error = ss_error_prefix(error, "%s: ", r->name);
		goto out;
	}
	c->records++;
	if (row.withdrawn)
		c->withdrawn++;
	if (strcmp(row.modified, c->newest) > 0)
		snprintf(c->newest, sizeof(c->newest), "%s", row.modified);
	for (i = 0; i < n; i++) {
		if (c->sink->affected && (error = c->sink->affected(c->sink, &rows[i])) < 0) {
			error = ss_error_prefix(error, "%s: ", r->name);
			goto out;
		}
		c->affected++;
	}
out:
	rows_free(rows, n);
	json_decref(sev);
	json_decref(cwes);
	json_decref(refs);
	free(aliases_text);
	free(sev_text);
	free(cwes_text);
	free(refs_text);
	return error;
}

static int record(osv_ctx *c, const char *name, const char *data, size_t len)
{
	rd r = {.name = name};
	json_error_t jerr;
	json_t *rec = NULL;
	uint64_t values = 0;
	int error;

	if (len > c->lim->record_bytes)
		return parse_error(name, SS_ELIMIT, NULL,
				   "a record of more than %zu bytes (the limit 'record_bytes')",
				   c->lim->record_bytes);
	if ((error = prescan(name, data, len, c->lim, &values)) < 0)
		return error;
	if ((c->values += values) > c->lim->values)
		return parse_error(name, SS_ELIMIT, NULL,
				   "more than %llu JSON values in all (the limit 'values')",
				   (unsigned long long)c->lim->values);
	if (!(rec = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &jerr)))
		return parse_error(name, SS_EPARSE, NULL, "line %d, column %d: %s", jerr.line,
				   jerr.column, jerr.text);
	error = record_tree(c, &r, rec);
	json_decref(rec);
	return error;
}

int ss_osv_record(ss_vuln_sink *out, const char *name, const void *data, size_t len,
		  const ss_import_limits *lim)
{
	osv_ctx c = {.sink = out, .lim = lim ? lim : &ss_osv_limits};
	int error;

	if (!out || !name || (!data && len))
		return ss_error_set(SS_EINVAL, "ss_osv_record: NULL argument");
	error = record(&c, name, data ? data : "", len);
	ss_idset_release(&c.ids);
	return error;
}

/* ---- files, directories and zips ---------------------------------------- */

static bool json_name(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Room for one more byte than a record may have, grown as needed. */
static int room(osv_ctx *c, size_t used)
{
	size_t want = c->cap ? c->cap * 2 : 64 * 1024;
	char *p;

	if (used < c->cap)
		return 0;
	if (want > c->lim->record_bytes + 1)
		want = c->lim->record_bytes + 1;
	if (want <= used)
		return 0;
	if (!(p = realloc(c->buf, want)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	c->buf = p;
	c->cap = want;
	return 0;
}

static int one_more_entry(osv_ctx *c, const char *label)
{
	if (++c->entries > c->lim->records)
		return parse_error(label, SS_ELIMIT, NULL,
				   "more than %llu entries or files (the limit 'records')",
				   (unsigned long long)c->lim->records);
	return 0;
}

static int add_bytes(osv_ctx *c, const char *label, size_t n)
{
	if ((c->bytes += n) > c->lim->bytes)
		return parse_error(label, SS_ELIMIT, NULL,
				   "more than %llu bytes of records in all (the limit 'bytes')",
				   (unsigned long long)c->lim->bytes);
	return 0;
}

/* The regular file open at fd, read whole. */
static int read_fd(osv_ctx *c, int fd, const char *label)
{
	struct stat st;
	size_t len = 0;
	int error;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return ss_error_set(SS_EINVAL, "%s: not a regular file", label);
	if ((uint64_t)st.st_size > c->lim->record_bytes)
		return parse_error(label, SS_ELIMIT, NULL,
				   "a record of more than %zu bytes (the limit 'record_bytes')",
				   c->lim->record_bytes);
	for (;;) {
		ssize_t n;

		if ((error = room(c, len)) < 0)
			return error;
		if (len >= c->cap)
			return parse_error(label, SS_ELIMIT, NULL,
					   "a record of more than %zu bytes (the limit "
					   "'record_bytes')",
					   c->lim->record_bytes);
		n = read(fd, c->buf + len, c->cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ss_error_set(SS_EIO, "%s: %s", label, strerror(errno));
		if (n == 0)
			break;
		len += (size_t)n;
		if ((error = add_bytes(c, label, (size_t)n)) < 0)
			return error;
	}
	return record(c, label, c->buf, len);
}

/* The regular file dirfd/name, never through a link. */
static int read_file(osv_ctx *c, int dirfd, const char *name, const char *label)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), error;

	if (fd < 0)
		return ss_error_set(SS_EIO, "%s: %s", label, strerror(errno));
	error = read_fd(c, fd, label);
	close(fd);
	return error;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of the directory open at fd (closed here), in name order. */
static int walk(osv_ctx *c, int fd, const char *label, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;
	char **names = NULL, *child = NULL;
	size_t n = 0, cap = 0, i;
	int error = 0;

	if (!d) {
		close(fd);
		return ss_error_set(SS_EIO, "%s: %s", label, strerror(errno));
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((error = one_more_entry(c, label)) < 0)
			goto out;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **p = realloc(names, ncap * sizeof(*p));

			if (!p) {
				error = ss_error_set(SS_ENOMEM, "out of memory");
				goto out;
			}
			names = p;
			cap = ncap;
		}
		if (!(names[n] = strdup(de->d_name))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		n++;
	}
	if (errno) {
		error = ss_error_set(SS_EIO, "%s: %s", label, strerror(errno));
		goto out;
	}
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		struct stat st;
		size_t len = strlen(label) + strlen(names[i]) + 2;

		free(child);
		if (!(child = malloc(len))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		snprintf(child, len, "%s/%s", label, names[i]);
		if (strlen(names[i]) > c->lim->name) {
			error = parse_error(child, SS_ELIMIT, NULL,
					    "a name longer than %zu bytes (the limit 'name')",
					    c->lim->name);
			goto out;
		}
		if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			error = ss_error_set(SS_EIO, "%s: %s", child, strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			int sub;

			if (depth >= SS_OSV_DIR_DEPTH) {
				error = parse_error(child, SS_ELIMIT, NULL,
						    "directories nested deeper than %d",
						    SS_OSV_DIR_DEPTH);
				goto out;
			}
			sub = openat(dirfd(d), names[i],
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0) {
				error = ss_error_set(SS_EIO, "%s: %s", child, strerror(errno));
				goto out;
			}
			if ((error = walk(c, sub, child, depth + 1)) < 0)
				goto out;
		} else if (S_ISREG(st.st_mode) && json_name(names[i])) {
			if ((error = read_file(c, dirfd(d), names[i], child)) < 0)
				goto out;
		} else {
			c->skipped++; /* a link, a device, or not .json */
		}
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(child);
	closedir(d);
	return error;
}

static const char *aerr(struct archive *a)
{
	const char *s = archive_error_string(a);

	return s ? s : _("unknown error");
}

/* One regular .json entry, unpacked into c->buf with every cap checked on
 * the bytes as they come (not on the sizes the headers claim). */
static int zip_entry(osv_ctx *c, struct archive *a, const char *label)
{
	size_t len = 0;
	int error;

	for (;;) {
		la_ssize_t n;
		uint64_t packed;

		if ((error = room(c, len)) < 0)
			return error;
		if (len >= c->cap)
			return parse_error(label, SS_ELIMIT, NULL,
					   "an entry of more than %zu bytes unpacked (the limit "
					   "'record_bytes')",
					   c->lim->record_bytes);
		n = archive_read_data(a, c->buf + len, c->cap - len);
		if (n < 0)
			return parse_error(label, SS_EPARSE, NULL, "cannot be unpacked: %s",
					   aerr(a));
		if (n == 0)
			break;
		len += (size_t)n;
		if ((error = add_bytes(c, label, (size_t)n)) < 0)
			return error;
		packed = (uint64_t)archive_filter_bytes(a, -1);
		if (c->bytes > SS_OSV_RATIO_FLOOR && c->bytes / SS_OSV_RATIO_MAX > packed)
			return parse_error(label, SS_ELIMIT, NULL,
					   "%llu bytes unpacked from %llu read: more than %d times "
					   "(a zip bomb?)",
					   (unsigned long long)c->bytes, (unsigned long long)packed,
					   SS_OSV_RATIO_MAX);
	}
	return record(c, label, c->buf, len);
}

static int read_zip(osv_ctx *c, int fd, const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char *label = NULL;
	int rc, error = 0;

	if (!a)
		return ss_error_set(SS_ENOMEM, "out of memory");
	/* the seekable reader: the central directory gives each entry's type */
	archive_read_support_format_zip_seekable(a);
	if (lseek(fd, 0, SEEK_SET) < 0 || archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK) {
		error = parse_error(path, SS_EPARSE, NULL, "not a readable zip file: %s", aerr(a));
		goto out;
	}
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		size_t len;

		if (!name)
			name = "";
		len = strlen(path) + strlen(name) + 3;
		free(label);
		if (!(label = malloc(len))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		snprintf(label, len, "%s: %s", path, name);
		ss_text_printable(label, false);
		if ((error = one_more_entry(c, label)) < 0)
			goto out;
		if (strlen(name) > c->lim->name) {
			error = parse_error(label, SS_ELIMIT, NULL,
					    "a name longer than %zu bytes (the limit 'name')",
					    c->lim->name);
			goto out;
		}
		if (archive_entry_filetype(e) != AE_IFREG || archive_entry_symlink(e) ||
		    archive_entry_hardlink(e) || !json_name(name)) {
			c->skipped++;
			continue; /* the next header skips its data */
		}
		if (archive_entry_size_is_set(e) && archive_entry_size(e) >= 0 &&
		    (uint64_t)archive_entry_size(e) > c->lim->record_bytes) {
			error = parse_error(label, SS_ELIMIT, NULL,
					    "its header gives %lld bytes unpacked, more than %zu "
					    "(the limit 'record_bytes')",
					    (long long)archive_entry_size(e), c->lim->record_bytes);
			goto out;
		}
		if ((error = zip_entry(c, a, label)) < 0)
			goto out;
	}
	if (rc != ARCHIVE_EOF)
		error = parse_error(path, SS_EPARSE, NULL, "not a readable zip file: %s", aerr(a));
out:
	free(label);
	archive_read_free(a);
	return error;
}

int ss_format_osv(ss_vuln_sink *out, const char *path, const ss_import_limits *lim, json_t *info)
{
	osv_ctx c = {.sink = out, .lim = lim ? lim : &ss_osv_limits};
	unsigned char magic[4] = {0};
	struct stat st;
	json_t *counts;
	int fd = -1, error = 0;
	ssize_t n;

	if (!out || !path || !info)
		return ss_error_set(SS_EINVAL, "ss_format_osv: NULL argument");
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	if (fstat(fd, &st) < 0) {
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		error = walk(&c, fd, path, 0);
		fd = -1; /* closed by walk */
		if (error < 0)
			goto out;
	} else if (!S_ISREG(st.st_mode)) {
		error = ss_error_set(SS_EINVAL,
				     "%s: not a regular file or a directory: give an OSV record "
				     "(.json), a directory of them or an <ecosystem>-all.zip",
				     path);
		goto out;
	} else {
		n = read(fd, magic, sizeof(magic));
		if (n == 4 && magic[0] == 'P' && magic[1] == 'K' &&
		    ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))) {
			error = read_zip(&c, fd, path);
		} else if (lseek(fd, 0, SEEK_SET) < 0) {
			error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		} else if ((error = one_more_entry(&c, path)) == 0) {
			error = read_fd(&c, fd, path);
		}
		if (error < 0)
			goto out;
	}
	if (c.records == 0) {
		error = ss_error_set(SS_EPARSE, "%s: holds no OSV record (.json)", path);
		goto out;
	}
	if (!(counts = json_pack("{s:I,s:I,s:I,s:I}", "record", (json_int_t)c.records, "affected",
				 (json_int_t)c.affected, "withdrawn", (json_int_t)c.withdrawn,
				 "skipped", (json_int_t)c.skipped))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_object_set_new(info, "counts", counts);
	json_object_set_new(info, "name", json_string("OSV"));
	json_object_set_new(info, "version", json_string(c.newest));
out:
	if (fd >= 0)
		close(fd);
	ss_idset_release(&c.ids);
	free(c.buf);
	return error;
}
