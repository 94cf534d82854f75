/*
 * SBOM versions (rules 5): an import reads the file in one pass through the
 * format's importer (src/formats/), keeps what the specification needs of
 * each component, and appends it as the project's next version in one
 * transaction with the file itself (by its hash) and, after agreement, the
 * change request the rule book owes. Reads come from the projection
 * (sbom, sbom_component).
 */
#define _DEFAULT_SOURCE /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "core/core.h"
#include "core/sbom_int.h"
#include "formats/license.h"
#include "formats/sbom.h"
#include "secspec/evidence.h"
#include "secspec/sbom.h"
#include "store/sbom_store.h"
#include "util/banned.h"

/* --- reading an SBOM --------------------------------------------------- */

typedef struct {
	ss_sbom_sink sink;
	json_t *components; /* [component] in document order */
	json_t *deps;       /* [[from, to]] */
	json_t *doc;        /* the document row */
	const char *brought_by;
} reader;

static void put_text(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
}

static int take_component(ss_sbom_sink *s, const ss_sink_component *c)
{
	reader *rd = (reader *)s;
	json_t *o = json_object(), *h;

	if (!o)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (json_array_size(rd->components) >= SS_SBOM_COMPONENTS_MAX) {
		json_decref(o);
		return ss_error_set(SS_ELIMIT,
				    "over the component limit: an SBOM version holds at most %d "
				    "components",
				    SS_SBOM_COMPONENTS_MAX);
	}
	put_text(o, "ref", c->ref);
	put_text(o, "name", c->name);
	put_text(o, "parent", c->parent);
	if (c->root)
		json_object_set_new(o, "root", json_true());
	put_text(o, "type", c->type);
	put_text(o, "group", c->group);
	put_text(o, "version", c->version);
	put_text(o, "purl", c->purl);
	put_text(o, "cpe", c->cpe);
	/* a licence expression in its normal form (the SPDX list's case, plain
	 * spacing), as given when it does not parse */
	{
		ss_license l;

		if (c->licenses && ss_license_parse(&l, c->licenses) == 0) {
			put_text(o, "licenses", l.expr);
			ss_license_free(&l);
		} else {
			put_text(o, "licenses", c->licenses);
		}
	}
	put_text(o, "supplier", c->supplier);
	put_text(o, "brought_by", c->brought_by ? c->brought_by : rd->brought_by);
	put_text(o, "repository", c->repository);
	if (c->hashes && (h = json_loads(c->hashes, 0, NULL)) != NULL) {
		if (json_object_size(h))
			json_object_set_new(o, "hashes", h);
		else
			json_decref(h);
	}
	put_text(o, "file", c->file);
	put_text(o, "scope", c->scope);
	put_text(o, "vuln_contact", c->vuln_contact);
	put_text(o, "end_of_life", c->end_of_life);
	put_text(o, "support", c->support);
	if (!json_object_get(o, "name"))
		json_object_set_new(o, "name", json_string(c->ref ? c->ref : "?"));
	return json_array_append_new(rd->components, o) == 0
		       ? 0
		       : ss_error_set(SS_ENOMEM, "out of memory");
}

static int take_dependency(ss_sbom_sink *s, const ss_sink_dependency *d)
{
	reader *rd = (reader *)s;

	if (json_array_size(rd->deps) >= SS_SBOM_DEPENDENCIES_MAX)
		return ss_error_set(SS_ELIMIT,
				    "over the dependency limit: an SBOM version holds at most %d "
				    "dependencies",
				    SS_SBOM_DEPENDENCIES_MAX);
	return json_array_append_new(rd->deps, json_pack("[ss]", d->from, d->to)) == 0
		       ? 0
		       : ss_error_set(SS_ENOMEM, "out of memory");
}

static int take_sbom(ss_sbom_sink *s, const ss_sink_sbom *d)
{
	reader *rd = (reader *)s;
	json_t *o = json_object();

	if (!o)
		return ss_error_set(SS_ENOMEM, "out of memory");
	put_text(o, "format", d->format);
	put_text(o, "encoding", d->encoding);
	put_text(o, "spec_version", d->spec_version);
	put_text(o, "serial", d->serial);
	put_text(o, "name", d->name);
	put_text(o, "version", d->version);
	put_text(o, "timestamp", d->timestamp);
	put_text(o, "supplier", d->supplier);
	if (d->authors)
		json_object_set_new(o, "authors", json_loads(d->authors, 0, NULL));
	if (d->tools)
		json_object_set_new(o, "tools", json_loads(d->tools, 0, NULL));
	json_decref(rd->doc);
	rd->doc = o;
	return 0;
}

static bool has(const char *head, size_t n, const char *what)
{
	size_t w = strlen(what);

	for (size_t i = 0; i + w <= n; i++)
		if (memcmp(head + i, what, w) == 0)
			return true;
	return false;
}

/* Which importer reads a file, from its first bytes. */
static int sniff(const char **kind, const char *head, size_t n, const char *path)
{
	size_t i = 0;

	if (n >= 3 && (unsigned char)head[0] == 0xef && (unsigned char)head[1] == 0xbb &&
	    (unsigned char)head[2] == 0xbf)
		i = 3;
	while (i < n && strchr(" \t\r\n", head[i]))
		i++;
	*kind = NULL;
	if (i < n && head[i] == '{') {
		if (has(head, n, "\"bomFormat\""))
			*kind = "cyclonedx-json";
		else if (has(head, n, "\"spdxVersion\""))
			*kind = "spdx-json";
	} else if (i < n && head[i] == '<') {
		if (has(head, n, "cyclonedx.org/schema/bom"))
			*kind = "cyclonedx-xml";
	} else if (has(head, n, "SPDXVersion:")) {
		*kind = "spdx-tv";
	}
	if (!*kind)
		return ss_error_set(
			SS_EPARSE,
			"%s: not an SBOM secspec reads: give CycloneDX 1.2-1.7 (JSON or "
			"XML) or SPDX 2.2/2.3 (JSON or tag-value)",
			path);
	return 0;
}

static int read_head(char *buf, size_t cap, size_t *n, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	ssize_t got;

	*n = 0;
	if (fd < 0)
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	got = read(fd, buf, cap);
	close(fd);
	if (got < 0)
		return ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
	*n = (size_t)got;
	return 0;
}

int ss__sbom_read(json_t **doc, ss_buf *bytes, char hash[SS_SHA256_HEX], const char *path,
		  const char *brought_by)
{
	reader rd = {
		{.component = take_component, .dependency = take_dependency, .sbom = take_sbom},
		json_array(),
		json_array(),
		NULL,
		brought_by};
	char head[8192];
	const char *kind;
	json_t *info = json_pack("{s:{}}", "counts");
	ss_input in = {.fd = -1};
	struct stat sb;
	bool opened = false;
	size_t n;
	int error;

	*doc = NULL;
	if (!rd.components || !rd.deps || !info) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = read_head(head, sizeof(head), &n, path)) < 0 ||
	    (error = sniff(&kind, head, n, path)) < 0)
		goto out;
	/* a file small enough to keep is read whole, then parsed from memory */
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (uint64_t)sb.st_size <= SS_ATTACHMENT_MAX) {
		if ((error = ss_file_read(bytes, path, SS_ATTACHMENT_MAX)) < 0 ||
		    (error = ss_input_open_mem(&in, path, bytes->ptr, bytes->len,
					       ss_sbom_limits.bytes)) < 0)
			goto out;
	} else if ((error = ss_input_open(&in, path, ss_sbom_limits.bytes)) < 0) {
		goto out;
	}
	opened = true;
	error = streq(kind, "cyclonedx-json")  ? ss_format_cyclonedx_json(&rd.sink, &in, NULL, info)
		: streq(kind, "cyclonedx-xml") ? ss_format_cyclonedx_xml(&rd.sink, &in, NULL, info)
		: streq(kind, "spdx-json")     ? ss_format_spdx_json(&rd.sink, &in, NULL, info)
					       : ss_format_spdx_tv(&rd.sink, &in, NULL, info);
	if (error < 0 || (error = ss_input_finish(&in, hash)) < 0)
		goto out;
	if (!rd.doc) {
		error = ss_error_set(SS_EPARSE, "%s: the SBOM lists no component", path);
		goto out;
	}
	/* the edges between components (a CycloneDX dependency may name a
	 * service, which is not a component) */
	{
		json_t *refs = json_object(), *kept = json_array(), *e;
		size_t i;

		json_array_foreach(rd.components, i, e) {
			json_object_set_new(refs, ss_js(e, "ref"), json_true());
		}
		json_array_foreach(rd.deps, i, e) {
			if (json_object_get(refs, json_string_value(json_array_get(e, 0))) &&
			    json_object_get(refs, json_string_value(json_array_get(e, 1))))
				json_array_append(kept, e);
		}
		json_decref(refs);
		json_decref(rd.deps);
		rd.deps = kept;
	}
	json_object_set_new(rd.doc, "components", rd.components);
	json_object_set_new(rd.doc, "dependencies", rd.deps);
	rd.components = rd.deps = NULL;
	*doc = rd.doc;
	rd.doc = NULL;
out:
	if (opened)
		ss_input_close(&in);
	json_decref(rd.components);
	json_decref(rd.deps);
	json_decref(rd.doc);
	json_decref(info);
	return error;
}

/* --- what an SBOM lacks -------------------------------------------------- */

/* The fields the seed's component list (and the NTIA minimum elements) ask
 * for, and how many components lack each; the document's own gaps. */
json_t *ss__sbom_lacks(const json_t *doc)
{
	static const char *const fields[] = {"version",    "supplier",   "licenses", "hashes",
					     "brought_by", "repository", NULL};
	json_t *lacks = json_object(), *per = json_object(), *docl = json_array(), *c;
	size_t i;

	if (!lacks || !per || !docl) {
		json_decref(lacks);
		json_decref(per);
		json_decref(docl);
		return NULL;
	}
	for (const char *const *f = fields; *f; f++)
		json_object_set_new(per, *f, json_integer(0));
	json_object_set_new(per, "identifier", json_integer(0));
	json_array_foreach(json_object_get(doc, "components"), i, c) {
		for (const char *const *f = fields; *f; f++)
			if (!json_object_get(c, *f))
				json_object_set_new(per, *f, json_integer(ss_ji(per, *f) + 1));
		if (!json_object_get(c, "purl") && !json_object_get(c, "cpe"))
			json_object_set_new(per, "identifier",
					    json_integer(ss_ji(per, "identifier") + 1));
	}
	if (!ss_js_or_null(doc, "timestamp"))
		json_array_append_new(docl, json_string("timestamp"));
	if (!json_array_size(json_object_get(doc, "authors")) &&
	    !json_array_size(json_object_get(doc, "tools")))
		json_array_append_new(docl, json_string("author"));
	if (!json_array_size(json_object_get(doc, "dependencies")))
		json_array_append_new(docl, json_string("dependencies"));
	json_object_set_new(lacks, "components", per);
	json_object_set_new(lacks, "document", docl);
	return lacks;
}

/* --- import ------------------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

int ss_sbom_import(json_t **out, ss_store *st, const ss_sbom_import_req *req)
{
	char hash[SS_SHA256_HEX], cr[32] = "", item[32], from[32];
	ss_buf bytes = SS_BUF_INIT(SS_ATTACHMENT_MAX);
	json_t *doc = NULL, *data = NULL, *lacks = NULL;
	ss_write w = {0};
	int64_t n = 0;
	bool due = false;
	int error;

	if (!out || !st || !req || !req->project || !req->path || !req->by)
		return ss_error_set(SS_EINVAL, "ss_sbom_import: NULL argument");
	if (req->brought_by &&
	    (error = ss_text_check("--brought-by", req->brought_by, SS_TEXT_MAX, false)) < 0)
		return error;
	if ((error = ss_store_check(st)) < 0 ||
	    (error = ss__sbom_read(&doc, &bytes, hash, req->path, req->brought_by)) < 0)
		goto out;
	if (!(lacks = ss__sbom_lacks(doc))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss_write__begin(&w, st, req->project, req->by, SS_ACT_SBOM)) < 0 ||
	    (error = ss_rules_store_sbom(&n, st, w.pid)) < 0 ||
	    (error = ss__change_due(&due, &w)) < 0)
		goto out;
	/* the newest version's very file again changes nothing */
	if (n > 0) {
		json_t *last = NULL;

		if ((error = ss_sbstore_version(&last, st, w.pid, n)) < 0)
			goto out;
		if (streq(ss_js(last, "file"), hash)) {
			json_decref(last);
			if (!(*out = json_pack("{s:I, s:b, s:s}", "sbom", (json_int_t)n,
					       "unchanged", 1, "file", hash)))
				error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		json_decref(last);
	}
	data = json_pack("{s:I, s:s, s:s, s:s, s:s, s:O, s:O}", "sbom", (json_int_t)n + 1, "name",
			 base_name(req->path), "file", hash, "format", ss_js(doc, "format"),
			 "spec_version", ss_js(doc, "spec_version"), "components",
			 json_object_get(doc, "components"), "dependencies",
			 json_object_get(doc, "dependencies"));
	if (!data) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (ss_js_or_null(doc, "serial"))
		json_object_set_new(data, "serial", json_string(ss_js(doc, "serial")));
	/* what the document says of itself: its subject, when and by whom */
	{
		static const char *const keys[] = {"name",     "version", "timestamp",
						   "supplier", "authors", "tools"};
		json_t *d = json_object();

		for (size_t k = 0; d && k < sizeof(keys) / sizeof(keys[0]); k++) {
			json_t *x = json_object_get(doc, keys[k]);

			if (x && (!json_is_array(x) || json_array_size(x)))
				json_object_set(d, keys[k], x);
		}
		json_object_set_new(data, "document", d);
	}
	if ((error = ss_write__parts(&w, due ? 2 : 1)) < 0)
		goto out;
	error = ss_write__event(&w, "sbom.add", data);
	data = NULL;
	if (error < 0)
		goto out;
	snprintf(item, sizeof(item), "SBOM %lld", (long long)n + 1);
	snprintf(from, sizeof(from), "SBOM %lld", (long long)n);
	if ((error = ss__change_follow(cr, &w, due, "sbom-changed", item, from, item, NULL, NULL)) <
	    0)
		goto out;
	if (bytes.len && ((error = ss_blob_put(st, hash, bytes.ptr, bytes.len)) < 0 ||
			  (error = ss_blob_hold(st, w.pid, hash)) < 0))
		goto out;
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	*out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:b, s:O, s:s?}", "sbom",
			 (json_int_t)n + 1, "format", ss_js(doc, "format"), "encoding",
			 ss_js(doc, "encoding"), "spec_version", ss_js(doc, "spec_version"), "name",
			 base_name(req->path), "file", hash, "components",
			 (json_int_t)json_array_size(json_object_get(doc, "components")),
			 "dependencies",
			 (json_int_t)json_array_size(json_object_get(doc, "dependencies")), "kept",
			 bytes.len > 0, "lacks", lacks, "change", cr[0] ? cr : NULL);
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	ss_write__release(&w);
	json_decref(doc);
	json_decref(data);
	json_decref(lacks);
	ss_buf_release(&bytes);
	return error;
}

/* --- the vulnerability records (folded from the log) ------------------------- */

struct fold_ctx {
	ss_rules *r;
	int64_t upto;
};

static int fold(void *vctx, const ss_event_row *row)
{
	const struct fold_ctx *c = vctx;

	return row->seq > c->upto ? 0 : ss__rules_fold_row(c->r, row);
}

int ss__vulns_fold_upto(json_t **out, ss_store *st, int64_t pid, const char *project, int64_t upto)
{
	struct fold_ctx c = {ss_rules_new(project, NULL, NULL), upto};
	int error;

	*out = NULL;
	if (!c.r)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_lstore_rule_events(st, pid, fold, &c)) == 0 &&
	    !(*out = ss_rules_vulns(c.r)))
		error = ss_error_set(SS_ENOMEM, "out of memory");
	ss_rules_free(c.r);
	return error;
}

int ss__vulns_fold(json_t **out, ss_store *st, int64_t pid, const char *project)
{
	return ss__vulns_fold_upto(out, st, pid, project, INT64_MAX);
}

/* Where a record stands, in one word. */
const char *ss__vuln_status(const json_t *rec)
{
	const json_t *an = json_object_get(rec, "analysis"),
		     *dec = json_object_get(rec, "decision"),
		     *ap = json_object_get(rec, "approval");

	if (!an)
		return "open";
	if (!dec)
		return "analysed";
	if (streq(ss_js(dec, "verdict"), "reject"))
		return "rejected";
	if (json_is_true(json_object_get(dec, "needs_approval")))
		return !ap                                       ? "awaiting-approval"
		       : streq(ss_js(ap, "verdict"), "approved") ? "accepted"
								 : "approval-rejected";
	return "decided";
}

/* --- reading versions ---------------------------------------------------- */

static int read_begin(json_t **key, ss_store *st, const char *project, bool *began)
{
	int error;

	*key = NULL;
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, began)) < 0)
		return error;
	if ((error = ss__project_read(key, NULL, st, project)) < 0)
		ss_store__read_end(st, *began);
	return error;
}

int ss_sbom_versions(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	bool began = false;
	int error;

	if (!out || !st || !project)
		return ss_error_set(SS_EINVAL, "ss_sbom_versions: NULL argument");
	if ((error = read_begin(&key, st, project, &began)) < 0)
		return error;
	error = ss_sbstore_versions(out, st, ss_ji(key, "id"));
	ss_store__read_end(st, began);
	json_decref(key);
	return error;
}

/* Version n of project pid (0: the newest) with its components. */
int ss__sbom_get(json_t **out, ss_store *st, int64_t pid, int64_t n)
{
	json_t *v = NULL, *comps = NULL;
	int error;

	*out = NULL;
	if (n == 0 && (error = ss_rules_store_sbom(&n, st, pid)) < 0)
		return error;
	if (n == 0)
		return ss_error_set(
			SS_ENOTFOUND,
			"the project has no SBOM yet ('secspec sbom import' records one)");
	if ((error = ss_sbstore_version(&v, st, pid, n)) < 0)
		return error;
	if ((error = ss_sbstore_components(&comps, st, pid, n)) < 0) {
		json_decref(v);
		return error;
	}
	json_object_set_new(v, "components", comps);
	json_object_set_new(v, "dependencies", json_loads(ss_js(v, "dependencies"), 0, NULL));
	json_object_set_new(v, "document", json_loads(ss_js(v, "document"), 0, NULL));
	*out = v;
	return 0;
}

int ss_sbom_show(json_t **out, ss_store *st, const char *project, int64_t n)
{
	json_t *key = NULL, *v = NULL, *nego = NULL, *vulns = NULL;
	bool began = false;
	int error;

	if (!out || !st || !project || n < 0)
		return ss_error_set(SS_EINVAL, "ss_sbom_show: bad argument");
	if ((error = read_begin(&key, st, project, &began)) < 0)
		return error;
	if ((error = ss__sbom_get(&v, st, ss_ji(key, "id"), n)) < 0 ||
	    (error = ss__vulns_fold(&vulns, st, ss_ji(key, "id"), project)) < 0)
		goto out;
	{
		/* the document's own fields, for what it lacks */
		json_t *probe = json_deep_copy(json_object_get(v, "document"));

		if (!json_is_object(probe)) {
			json_decref(probe);
			probe = json_object();
		}
		json_object_set(probe, "components", json_object_get(v, "components"));
		json_object_set(probe, "dependencies", json_object_get(v, "dependencies"));
		json_object_set_new(v, "lacks", ss__sbom_lacks(probe));
		json_decref(probe);
	}
	json_object_set_new(v, "licences",
			    ss__licence_summary(json_object_get(v, "components"),
						json_object_get(vulns, "policy")));
	json_object_set(v, "policy", json_object_get(vulns, "policy"));
	*out = v;
	v = NULL;
out:
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(v);
	json_decref(nego);
	json_decref(vulns);
	return error;
}

/* --- diff ------------------------------------------------------------------ */

/* A component's identity across versions: its purl without version,
 * qualifiers and subpath, else group/name and type. */
void ss__component_identity(char *out, size_t n, const json_t *c)
{
	const char *purl = ss_js_or_null(c, "purl");

	if (purl) {
		size_t len = strcspn(purl, "@?#");

		snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), purl);
		return;
	}
	snprintf(out, n, "%s/%s/%s", ss_js(c, "type"), ss_js(c, "group"), ss_js(c, "name"));
}

static json_t *index_by_identity(const json_t *comps)
{
	json_t *idx = json_object(), *c;
	size_t i;
	char id[1024];

	json_array_foreach(comps, i, c) {
		json_t *list;

		ss__component_identity(id, sizeof(id), c);
		if (!(list = json_object_get(idx, id))) {
			list = json_array();
			json_object_set_new(idx, id, list);
		}
		json_array_append(list, c);
	}
	return idx;
}

/* Whether a and b say the same of key (both silent included). */
static bool same(const json_t *a, const json_t *b, const char *key)
{
	const json_t *x = json_object_get(a, key), *y = json_object_get(b, key);

	return (!x && !y) || (x && y && json_equal(x, y));
}

static json_t *brief(const json_t *c)
{
	json_t *o = json_pack("{s:s, s:s}", "ref", ss_js(c, "ref"), "name", ss_js(c, "name"));

	if (ss_js_or_null(c, "version"))
		json_object_set_new(o, "version", json_string(ss_js(c, "version")));
	if (ss_js_or_null(c, "purl"))
		json_object_set_new(o, "purl", json_string(ss_js(c, "purl")));
	return o;
}

int ss_sbom_diff(json_t **out, ss_store *st, const char *project, int64_t a, int64_t b)
{
	json_t *key = NULL, *va = NULL, *vb = NULL, *ia = NULL, *ib = NULL, *res = NULL;
	bool began = false;
	int64_t unchanged = 0;
	const char *id;
	json_t *lb;
	int error;

	if (!out || !st || !project || a < 0 || b < 0)
		return ss_error_set(SS_EINVAL, "ss_sbom_diff: bad argument");
	if ((error = read_begin(&key, st, project, &began)) < 0)
		return error;
	if ((error = ss__sbom_get(&vb, st, ss_ji(key, "id"), b)) < 0)
		goto out;
	b = ss_ji(vb, "sbom");
	if (a == 0)
		a = b - 1;
	if (a < 1 || a == b) {
		error = ss_error_set(SS_ENOTFOUND,
				     "there is no earlier SBOM to compare SBOM %lld with",
				     (long long)b);
		goto out;
	}
	if ((error = ss__sbom_get(&va, st, ss_ji(key, "id"), a)) < 0)
		goto out;
	ia = index_by_identity(json_object_get(va, "components"));
	ib = index_by_identity(json_object_get(vb, "components"));
	res = json_pack("{s:I, s:I, s:[], s:[], s:[], s:[], s:[]}", "from", (json_int_t)a, "to",
			(json_int_t)b, "added", "removed", "upgraded", "downgraded", "changed");
	if (!ia || !ib || !res) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_object_foreach(ib, id, lb) {
		json_t *la = json_object_get(ia, id);
		const json_t *cb = json_array_get(lb, 0), *ca = json_array_get(la, 0);
		const char *vA, *vB;
		int cmp;

		if (!la) {
			json_t *c;
			size_t i;

			json_array_foreach(lb, i, c) {
				json_array_append_new(json_object_get(res, "added"), brief(c));
			}
			continue;
		}
		vA = ss_js(ca, "version");
		vB = ss_js(cb, "version");
		cmp = ss__version_order(ss_js_or_null(cb, "purl"), vA, vB);
		if (cmp != 0) {
			json_array_append_new(
				json_object_get(res, cmp < 0 ? "upgraded" : "downgraded"),
				json_pack("{s:s, s:s, s:s, s:s}", "name", ss_js(cb, "name"),
					  "identity", id, "from", vA, "to", vB));
		} else if (!same(ca, cb, "licenses") || !same(ca, cb, "hashes") ||
			   !same(ca, cb, "supplier")) {
			json_array_append_new(json_object_get(res, "changed"),
					      json_pack("{s:s, s:s, s:s}", "name",
							ss_js(cb, "name"), "identity", id,
							"version", vB));
		} else {
			unchanged++;
		}
	}
	json_object_foreach(ia, id, lb) {
		if (!json_object_get(ib, id)) {
			json_t *c;
			size_t i;

			json_array_foreach(lb, i, c) {
				json_array_append_new(json_object_get(res, "removed"), brief(c));
			}
		}
	}
	json_object_set_new(res, "unchanged", json_integer(unchanged));
	*out = res;
	res = NULL;
out:
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(va);
	json_decref(vb);
	json_decref(ia);
	json_decref(ib);
	json_decref(res);
	return error;
}

/* --- hashes against the files ------------------------------------------- */

/* The hex digest of algorithm alg over the file open at fd; false when
 * secspec does not compute alg. */
static int digest_file(bool *known, char *hex, size_t cap, int fd, const char *alg)
{
	union {
		struct md5_ctx md5;
		struct sha1_ctx sha1;
		struct sha256_ctx sha256;
		struct sha384_ctx sha384;
		struct sha512_ctx sha512;
	} u;
	uint8_t dig[64], buf[65536];
	size_t len;
	ssize_t got;
	int kind;

	*known = true;
	if (streq(alg, "MD5"))
		kind = 0, len = MD5_DIGEST_SIZE, md5_init(&u.md5);
	else if (streq(alg, "SHA-1"))
		kind = 1, len = SHA1_DIGEST_SIZE, sha1_init(&u.sha1);
	else if (streq(alg, "SHA-256"))
		kind = 2, len = SHA256_DIGEST_SIZE, sha256_init(&u.sha256);
	else if (streq(alg, "SHA-384"))
		kind = 3, len = SHA384_DIGEST_SIZE, sha384_init(&u.sha384);
	else if (streq(alg, "SHA-512"))
		kind = 4, len = SHA512_DIGEST_SIZE, sha512_init(&u.sha512);
	else {
		*known = false;
		return 0;
	}
	while ((got = read(fd, buf, sizeof(buf))) > 0) {
		switch (kind) {
		case 0:
			md5_update(&u.md5, (size_t)got, buf);
			break;
		case 1:
			sha1_update(&u.sha1, (size_t)got, buf);
			break;
		case 2:
			sha256_update(&u.sha256, (size_t)got, buf);
			break;
		case 3:
			sha384_update(&u.sha384, (size_t)got, buf);
			break;
		default:
			sha512_update(&u.sha512, (size_t)got, buf);
		}
	}
	if (got < 0)
		return ss_error_set(SS_EIO, "read: %s", strerror(errno));
	switch (kind) {
	case 0:
		md5_digest(&u.md5, len, dig);
		break;
	case 1:
		sha1_digest(&u.sha1, len, dig);
		break;
	case 2:
		sha256_digest(&u.sha256, len, dig);
		break;
	case 3:
		sha384_digest(&u.sha384, len, dig);
		break;
	default:
		sha512_digest(&u.sha512, len, dig);
	}
	for (size_t i = 0; i < len && 2 * i + 2 < cap; i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
	return 0;
}

/*
 * Open rel under the directory open at dirfd, one component at a time,
 * refusing a symbolic link anywhere on the way and "..": nothing outside
 * the delivered tree is read. -1 with errno set otherwise.
 */
static int open_beneath(int dirfd, const char *rel)
{
	char part[NAME_MAX + 1];
	int fd = dup(dirfd);

	while (fd >= 0 && *rel) {
		size_t n = strcspn(rel, "/");
		int next;

		if (n == 0 || (n == 1 && rel[0] == '.')) {
			rel += n + (rel[n] == '/');
			continue;
		}
		if (n > NAME_MAX || (n == 2 && rel[0] == '.' && rel[1] == '.')) {
			close(fd);
			errno = EACCES;
			return -1;
		}
		memcpy(part, rel, n);
		part[n] = '\0';
		rel += n + (rel[n] == '/');
		next = openat(fd, part,
			      O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
				      (*rel ? O_DIRECTORY : 0));
		close(fd);
		fd = next;
	}
	return fd;
}

int ss_sbom_verify_hashes(json_t **out, ss_store *st, const char *project, const char *dir)
{
	json_t *key = NULL, *v = NULL, *res = NULL, *c;
	bool began = false;
	int64_t checked = 0, matched = 0, unchecked = 0;
	int dirfd = -1, error;
	size_t i;

	if (!out || !st || !project || !dir)
		return ss_error_set(SS_EINVAL, "ss_sbom_verify_hashes: NULL argument");
	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", dir,
				    strerror(errno));
	if ((error = read_begin(&key, st, project, &began)) < 0) {
		close(dirfd);
		return error;
	}
	if ((error = ss__sbom_get(&v, st, ss_ji(key, "id"), 0)) < 0)
		goto out;
	res = json_pack("{s:I, s:[], s:[]}", "sbom", (json_int_t)ss_ji(v, "sbom"), "mismatched",
			"missing");
	json_array_foreach(json_object_get(v, "components"), i, c) {
		const char *file = ss_js_or_null(c, "file"), *alg;
		json_t *want;
		bool any = false;
		int fd;

		if (!file || !json_object_size(json_object_get(c, "hashes"))) {
			unchecked++;
			continue;
		}
		if ((fd = open_beneath(dirfd, file)) < 0) {
			json_array_append_new(
				json_object_get(res, "missing"),
				json_pack("{s:s, s:s, s:s}", "ref", ss_js(c, "ref"), "file", file,
					  "error",
					  errno == ELOOP || errno == ENOTDIR
						  ? _("a symbolic link on the way, not followed")
					  : errno == EACCES ? _("outside the tree, not read")
							    : strerror(errno)));
			continue;
		}
		json_object_foreach(json_object_get(c, "hashes"), alg, want) {
			char hex[129] = "";
			bool known;

			if (lseek(fd, 0, SEEK_SET) < 0 ||
			    (error = digest_file(&known, hex, sizeof(hex), fd, alg)) < 0) {
				close(fd);
				goto out;
			}
			if (!known)
				continue;
			any = true;
			if (!streq(hex, json_string_value(want))) {
				json_array_append_new(json_object_get(res, "mismatched"),
						      json_pack("{s:s, s:s, s:s, s:s, s:s}", "ref",
								ss_js(c, "ref"), "file", file,
								"algorithm", alg, "expected",
								json_string_value(want), "found",
								hex));
				any = false;
				break;
			}
		}
		close(fd);
		if (any) {
			checked++;
			matched++;
		} else {
			checked++;
		}
	}
	json_object_set_new(res, "checked", json_integer(checked));
	json_object_set_new(res, "matched", json_integer(matched));
	json_object_set_new(res, "unchecked", json_integer(unchecked));
	*out = res;
	if (json_array_size(json_object_get(res, "mismatched")) ||
	    json_array_size(json_object_get(res, "missing")))
		error = ss_error_set(SS_ERULE,
				     "%zu component(s) of SBOM %lld do not match their files, %zu "
				     "file(s) are missing",
				     json_array_size(json_object_get(res, "mismatched")),
				     (long long)ss_ji(v, "sbom"),
				     json_array_size(json_object_get(res, "missing")));
	res = NULL;
out:
	ss_store__read_end(st, began);
	close(dirfd);
	json_decref(key);
	json_decref(v);
	json_decref(res);
	return error;
}

/* --- the licence policy --------------------------------------------------- */

static json_t *list_of(const char *const *ids, int *error, const char *what)
{
	json_t *a = json_array();

	for (; ids && *ids && *error == 0; ids++) {
		if ((*error = ss_text_check(what, *ids, SS_NAME_MAX, false)) < 0)
			break;
		json_array_append_new(a, json_string(*ids));
	}
	return a;
}

int ss_sbom_policy(ss_store *st, const ss_sbom_policy_req *req)
{
	ss_write w = {0};
	json_t *data;
	int error = 0;

	if (!st || !req || !req->project || !req->by || !req->fallback)
		return ss_error_set(SS_EINVAL, "ss_sbom_policy: NULL argument");
	data = json_pack("{s:o, s:o, s:o, s:s}", "allowed",
			 list_of(req->allowed, &error, "--allow"), "review",
			 list_of(req->review, &error, "--review"), "denied",
			 list_of(req->denied, &error, "--deny"), "default", req->fallback);
	if (error < 0 || !data) {
		json_decref(data);
		return error < 0 ? error : ss_error_set(SS_ENOMEM, "out of memory");
	}
	if (req->reason && *req->reason &&
	    ((error = ss_text_check("--reason", req->reason, SS_TEXT_MAX, true)) < 0 ||
	     json_object_set_new(data, "reason", json_string(req->reason)) < 0)) {
		json_decref(data);
		return error;
	}
	if (req->supersedes > 0)
		json_object_set_new(data, "supersedes", json_integer(req->supersedes));
	if ((error = ss_write__begin(&w, st, req->project, req->by, SS_ACT_POLICY)) < 0) {
		json_decref(data);
		return error;
	}
	if ((error = ss_write__event(&w, "sbom.policy", data)) == 0)
		error = ss_write__commit(&w);
	ss_write__release(&w);
	return error;
}
