/*
 * Importing advisories (OSV, NVD, JVN, CSAF) and scores (EPSS, KEV) into the
 * deployment's reference tables, in one transaction, and what the import
 * changed in each project's findings.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core.h"
#include "core/sbom_int.h"
#include "core/vulnmatch.h"
#include "formats/sbom.h"
#include "secspec/project.h"
#include "secspec/sbom.h"
#include "store/sbom_store.h"
#include "util/banned.h"

typedef struct {
	ss_vuln_sink sink;
	ss_store *st;
	int64_t src;
	char current[256]; /* the advisory whose affected rows follow */
	bool skip;         /* it was withdrawn */
	int64_t n;         /* its affected rows so far */
	int64_t withdrawn, advisories, affected, epss, kev;
	char newest[64]; /* the newest modified time */
} vsink;

static int put_advisory(ss_vuln_sink *s, const ss_sink_advisory *a)
{
	vsink *v = (vsink *)s;
	ss_advisory_row row = {
		.id = a->id,
		.kind = a->source,
		.aliases = a->aliases ? a->aliases : "[]",
		.summary = a->summary,
		.details = a->details,
		.lang = a->lang,
		.published = a->published,
		.modified = a->modified,
		.severity = a->severity ? a->severity : "[]",
		.cwes = a->cwes ? a->cwes : "[]",
		.refs = a->references ? a->references : "[]",
	};

	if (!a->id || !*a->id || strlen(a->id) >= sizeof(v->current))
		return ss_error_set(SS_EPARSE, "an advisory has no id, or one too long");
	snprintf(v->current, sizeof(v->current), "%s", a->id);
	v->n = 0;
	if (a->modified && strcmp(a->modified, v->newest) > 0)
		snprintf(v->newest, sizeof(v->newest), "%s", a->modified);
	if ((v->skip = a->withdrawn != NULL)) {
		v->withdrawn++;
		return ss_vstore_advisory_drop(v->st, a->id);
	}
	v->advisories++;
	return ss_vstore_advisory_put(v->st, v->src, &row);
}

static int put_affected(ss_vuln_sink *s, const ss_sink_affected *f)
{
	vsink *v = (vsink *)s;

	if (v->skip)
		return 0;
	if (!f->advisory || strcmp(f->advisory, v->current) != 0)
		return ss_error_set(SS_EPARSE,
				    "an affected row names advisory '%.60s', not the "
				    "one before it",
				    f->advisory ? f->advisory : "");
	v->affected++;
	return ss_vstore_affected_put(v->st, v->current, v->n++, f->ecosystem ? f->ecosystem : "",
				      f->package ? f->package : "", f->purl,
				      f->ranges ? f->ranges : "[]",
				      f->versions ? f->versions : "[]", f->vulnerable);
}

static int put_epss(ss_vuln_sink *s, const ss_sink_epss *e)
{
	vsink *v = (vsink *)s;

	v->epss++;
	return ss_vstore_epss_put(v->st, e->cve, e->epss, e->percentile, e->date);
}

static int put_kev(ss_vuln_sink *s, const ss_sink_kev *k)
{
	vsink *v = (vsink *)s;
	ss_buf b = SS_BUF_INIT(0);
	json_t *o = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "vendor", k->vendor,
			      "product", k->product, "name", k->name, "date_added", k->date_added,
			      "due_date", k->due_date, "ransomware", k->ransomware,
			      "catalog_version", k->catalog_version);
	int error;

	if (!o)
		return ss_error_set(SS_ENOMEM, "out of memory");
	v->kev++;
	if ((error = ss_json_canonical(&b, o)) == 0)
		error = ss_vstore_kev_put(v->st, k->cve, b.ptr);
	json_decref(o);
	ss_buf_release(&b);
	return error;
}

/* The findings of every project with an SBOM: {project: {"vuln component": true}}. */
static int all_findings(json_t **out, ss_store *st)
{
	json_t *projects = NULL, *res = json_object(), *p;
	size_t i;
	int error;

	if (!res)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_q_all(&projects, st,
			      "SELECT k.id, k.name FROM project_key k WHERE EXISTS (SELECT 1 "
			      "FROM sbom s WHERE s.project_id = k.id) ORDER BY k.name",
			      "")) < 0) {
		json_decref(res);
		return error;
	}
	json_array_foreach(projects, i, p) {
		json_t *m = NULL, *set = json_object(), *f;
		size_t k;

		if ((error = ss__vuln_match(&m, st, ss_ji(p, "id"), ss_js(p, "name"), NULL)) < 0) {
			json_decref(set);
			break;
		}
		json_array_foreach(json_object_get(m, "findings"), k, f) {
			char key[2048];

			snprintf(key, sizeof(key), "%s %s", ss_js(f, "vuln"),
				 ss_js(f, "component"));
			json_object_set_new(set, key, json_true());
		}
		json_object_set_new(res, ss_js(p, "name"), set);
		json_decref(m);
	}
	json_decref(projects);
	if (error < 0) {
		json_decref(res);
		return error;
	}
	*out = res;
	return 0;
}

/* What each project gained (new) and lost (gone) between before and after. */
static json_t *changes_of(const json_t *before, const json_t *after)
{
	json_t *res = json_object(), *a;
	const char *project;

	json_object_foreach((json_t *)after, project, a) {
		const json_t *b = json_object_get(before, project);
		json_t *one = json_pack("{s:[], s:[]}", "new", "gone"), *v;
		const char *key;

		json_object_foreach(a, key, v) {
			if (!json_object_get(b, key))
				json_array_append_new(json_object_get(one, "new"),
						      json_string(key));
		}
		json_object_foreach((json_t *)b, key, v) {
			if (!json_object_get(a, key))
				json_array_append_new(json_object_get(one, "gone"),
						      json_string(key));
		}
		ss__sort_texts(json_object_get(one, "new"));
		ss__sort_texts(json_object_get(one, "gone"));
		if (json_array_size(json_object_get(one, "new")) ||
		    json_array_size(json_object_get(one, "gone")))
			json_object_set_new(res, project, one);
		else
			json_decref(one);
	}
	return res;
}

static int hash_path(char hash[SS_SHA256_HEX], const char *path, uint64_t max)
{
	ss_input in = {.fd = -1};
	char buf[65536];
	long n;
	int error;

	if ((error = ss_input_open(&in, path, max)) < 0)
		return error;
	while ((n = ss_input_read(&in, buf, sizeof(buf))) > 0)
		;
	error = n < 0 ? (int)n : ss_input_finish(&in, hash);
	ss_input_close(&in);
	return error;
}

/* What the parsing thread of ss__vuln_relay runs. */
typedef struct {
	const char *path;
	int (*fn)(ss_vuln_sink *, ss_input *, const ss_import_limits *, json_t *);
	ss_input *in;
	json_t *info;
	char *hash;
} parse_job;

static int parse_osv(ss_vuln_sink *sink, void *arg)
{
	parse_job *j = arg;

	return ss_format_osv(sink, j->path, NULL, j->info);
}

static int parse_streamed(ss_vuln_sink *sink, void *arg)
{
	parse_job *j = arg;
	int error;

	if ((error = j->fn(sink, j->in, NULL, j->info)) < 0)
		return error;
	return ss_input_finish(j->in, j->hash);
}

int ss_vuln_import(json_t **out, ss_store *st, const char *kind, const char *path)
{
	static const struct {
		const char *kind;
		int (*fn)(ss_vuln_sink *, ss_input *, const ss_import_limits *, json_t *);
		const ss_import_limits *lim;
	} streamed[] = {
		{"nvd", ss_format_nvd, &ss_nvd_limits},
		{"jvn", ss_format_jvn, &ss_jvn_limits},
		{"csaf", ss_format_csaf, &ss_csaf_limits},
		{"epss", ss_format_epss, &ss_epss_limits},
		{"kev", ss_format_kev, &ss_kev_limits},
	};
	vsink v = {.sink = {.advisory = put_advisory,
			    .affected = put_affected,
			    .epss = put_epss,
			    .kev = put_kev},
		   .st = st};
	char hash[SS_SHA256_HEX] = "", now[SS_TIME_MAX];
	json_t *info = NULL, *before = NULL, *after = NULL, *counts = NULL;
	ss_buf cb = SS_BUF_INIT(0);
	ss_input in = {.fd = -1};
	bool began = false, opened = false, dir = false;
	int64_t before_src = 0;
	struct stat sb;
	size_t k;
	int error;

	if (!out || !st || !kind || !path)
		return ss_error_set(SS_EINVAL, "ss_vuln_import: NULL argument");
	for (k = 0; k < sizeof(streamed) / sizeof(streamed[0]); k++)
		if (streq(streamed[k].kind, kind))
			break;
	if (k == sizeof(streamed) / sizeof(streamed[0]) && !streq(kind, "osv"))
		return ss_error_set(SS_EINVAL,
				    "unknown kind '%.20s': osv, nvd, jvn, csaf, epss or kev", kind);
	if ((error = ss_store_check(st)) < 0 || (error = ss_time_now(now)) < 0)
		return error;
	dir = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
	/* the same file imported again does nothing */
	if (!dir) {
		if ((error = hash_path(hash, path,
				       streq(kind, "osv") ? ss_osv_limits.bytes
							  : streamed[k].lim->bytes)) < 0)
			return error;
		if ((error = ss_vstore_source_find(&before_src, st, kind, hash)) < 0)
			return error;
		if (before_src) {
			*out = json_pack("{s:s, s:I, s:b, s:s}", "kind", kind, "source",
					 (json_int_t)before_src, "imported", 0, "sha256", hash);
			return *out ? 0 : ss_error_set(SS_ENOMEM, "out of memory");
		}
	}
	if ((error = ss_store__begin(st)) < 0)
		return error;
	began = true;
	if ((error = all_findings(&before, st)) < 0 ||
	    (error = ss_vstore_source_new(&v.src, st, kind, path, now)) < 0)
		goto out;
	if (!(info = json_pack("{s:{}}", "counts"))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	/* parsed in a second thread, written in this one */
	if (streq(kind, "osv")) {
		parse_job j = {.path = path, .info = info};

		if ((error = ss__vuln_relay(&v.sink, parse_osv, &j)) < 0)
			goto out;
	} else {
		parse_job j = {.fn = streamed[k].fn, .in = &in, .info = info, .hash = hash};

		if ((error = ss_input_open(&in, path, streamed[k].lim->bytes)) < 0)
			goto out;
		opened = true;
		if ((error = ss__vuln_relay(&v.sink, parse_streamed, &j)) < 0)
			goto out;
	}
	if (dir)
		ss_sha256_hex(hash, now, strlen(now)); /* a directory is not one file */
	counts = json_pack("{s:I, s:I, s:I, s:I, s:I}", "advisories", (json_int_t)v.advisories,
			   "affected", (json_int_t)v.affected, "withdrawn", (json_int_t)v.withdrawn,
			   "epss", (json_int_t)v.epss, "kev", (json_int_t)v.kev);
	if (!counts || (error = ss_json_canonical(&cb, counts)) < 0 ||
	    (error = ss_vstore_source_finish(
		     st, v.src, ss_js_or_null(info, "name") ? ss_js(info, "name") : kind,
		     ss_js_or_null(info, "version") ? ss_js(info, "version") : v.newest, cb.ptr,
		     hash)) < 0 ||
	    (error = all_findings(&after, st)) < 0)
		goto out;
	if ((error = ss_store__commit(st)) < 0)
		goto out;
	began = false;
	*out = json_pack("{s:s, s:s, s:I, s:b, s:s, s:O, s:o}", "kind", kind, "name",
			 ss_js_or_null(info, "name") ? ss_js(info, "name") : kind, "source",
			 (json_int_t)v.src, "imported", 1, "sha256", hash, "counts", counts,
			 "changes", changes_of(before, after));
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	if (began)
		ss_store__rollback(st); /* nothing is half-imported */
	if (opened)
		ss_input_close(&in);
	json_decref(info);
	json_decref(before);
	json_decref(after);
	json_decref(counts);
	ss_buf_release(&cb);
	return error;
}

int ss_vuln_sources(json_t **out, ss_store *st)
{
	json_t *src = NULL, *row;
	bool began = false;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_vuln_sources: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss_vstore_counts(out, st)) == 0 &&
	    (error = ss_vstore_sources(&src, st)) == 0) {
		json_array_foreach(src, i, row) {
			json_t *c = json_loads(ss_js(row, "counts"), 0, NULL);

			json_object_set_new(row, "counts", c ? c : json_object());
		}
		json_object_set_new(*out, "sources", src);
	}
	ss_store__read_end(st, began);
	return error;
}

int ss_vuln_lookup(json_t **out, ss_store *st, const char *id)
{
	static const char *const fields[] = {"aliases", "severity", "cwes", "refs", NULL};
	json_t *a = NULL, *f;
	bool began = false;
	size_t i;
	int error;

	if (!out || !st || !id)
		return ss_error_set(SS_EINVAL, "ss_vuln_lookup: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	error = ss_vstore_advisory_get(&a, st, id);
	ss_store__read_end(st, began);
	if (error < 0)
		return error;
	for (const char *const *k = fields; *k; k++)
		json_object_set_new(a, *k, json_loads(ss_js(a, *k), 0, NULL));
	json_array_foreach(json_object_get(a, "affected"), i, f) {
		json_object_set_new(f, "ranges", json_loads(ss_js(f, "ranges"), 0, NULL));
		json_object_set_new(f, "versions", json_loads(ss_js(f, "versions"), 0, NULL));
	}
	*out = a;
	return 0;
}
