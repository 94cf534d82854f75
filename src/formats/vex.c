/*
 * VEX documents: the register's analyses out as CycloneDX 1.6, OpenVEX
 * 0.2.0 or CSAF 2.0 csaf_vex, and VEX statements in from any of the three
 * (OpenVEX 0.0.1 too). Documents are small: an input is loaded whole under
 * the byte cap, its values counted before jansson parses it. The state,
 * justification and response mappings are in docs/internals/vex.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha1.h>

#include "formats/vex.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

const ss_import_limits ss_vex_limits = {
	.bytes = (uint64_t)64 * MiB,
	.string = 1 * MiB,
	.values = 2000000,
	.depth = 40,
	.records = 1000000,
	.record_bytes = 64 * MiB,
	.record_values = 1000000,
};

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int index_of(const char *s, const char *const *list)
{
	for (int i = 0; s && list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return i;
	return -1;
}

/* ---- names and their mappings --------------------------------------------- */

static const char *const states[] = {"affected", "not_affected", "fixed", "under_investigation",
				     NULL};
static const char *const cdx_states[] = {"exploitable", "not_affected", "resolved", "in_triage",
					 NULL};
static const char *const cdx_just[] = {"code_not_present",
				       "code_not_reachable",
				       "requires_configuration",
				       "requires_dependency",
				       "requires_environment",
				       "protected_by_compiler",
				       "protected_at_runtime",
				       "protected_at_perimeter",
				       "protected_by_mitigating_control",
				       NULL};
/* cdx_just[i] as OpenVEX / CSAF say it, or NULL */
static const char *const cdx_to_ovx[] = {"vulnerable_code_not_present",
					 "vulnerable_code_not_in_execute_path",
					 NULL,
					 NULL,
					 NULL,
					 "inline_mitigations_already_exist",
					 "inline_mitigations_already_exist",
					 NULL,
					 "inline_mitigations_already_exist"};
static const char *const ovx_just[] = {"component_not_present",
				       "vulnerable_code_not_present",
				       "vulnerable_code_not_in_execute_path",
				       "vulnerable_code_cannot_be_controlled_by_adversary",
				       "inline_mitigations_already_exist",
				       NULL};
/* ovx_just[i] as CycloneDX says it, or NULL */
static const char *const ovx_to_cdx[] = {"code_not_present", "code_not_present",
					 "code_not_reachable", NULL,
					 "protected_by_mitigating_control"};
static const char *const responses[] = {"can_not_fix", "will_not_fix",         "update",
					"rollback",    "workaround_available", NULL};
/* responses[i] as a CSAF remediation category */
static const char *const csaf_remedy[] = {"none_available", "no_fix_planned", "vendor_fix",
					  "vendor_fix", "workaround"};

static const char *just_ovx(const char *j)
{
	int i;

	if (index_of(j, ovx_just) >= 0)
		return j;
	return (i = index_of(j, cdx_just)) >= 0 ? cdx_to_ovx[i] : NULL;
}

static const char *just_cdx(const char *j)
{
	int i;

	if (index_of(j, cdx_just) >= 0)
		return j;
	return (i = index_of(j, ovx_just)) >= 0 ? ovx_to_cdx[i] : NULL;
}

/* ---- export ---------------------------------------------------------------- */

typedef struct {
	const json_t *rec, *an;
	const char *vuln, *comp, *state, *just, *detail, *status, *first, *last;
	bool accepted;
} item;

typedef struct {
	const json_t *doc;
	const char *project, *id, *author, *time, *ns;
	json_int_t version;
	item *items;
	size_t n;
	bool oom;
} exporter;

static json_t *js(exporter *x, const char *s)
{
	json_t *v = json_string(s ? s : "");

	if (!v)
		x->oom = true;
	return v;
}

static void set(exporter *x, json_t *o, const char *key, json_t *v)
{
	if (!o || !v || json_object_set_new(o, key, v) < 0)
		x->oom = true;
}

static void push(exporter *x, json_t *a, json_t *v)
{
	if (!a || !v || json_array_append_new(a, v) < 0)
		x->oom = true;
}

static json_t *obj(exporter *x)
{
	json_t *o = json_object();

	if (!o)
		x->oom = true;
	return o;
}

static json_t *arr(exporter *x)
{
	json_t *a = json_array();

	if (!a)
		x->oom = true;
	return a;
}

static int by_vuln(const void *a, const void *b)
{
	const item *p = a, *q = b;
	int c = strcmp(p->vuln, q->vuln);

	return c ? c : strcmp(p->comp, q->comp);
}

static int by_comp(const void *a, const void *b)
{
	const item *p = *(const item *const *)a, *q = *(const item *const *)b;

	return strcmp(p->comp, q->comp);
}

static const char *later(const char *a, const char *b)
{
	if (!a || !*a)
		return b;
	if (!b || !*b)
		return a;
	return strcmp(b, a) > 0 ? b : a;
}

/* The register's status of a record with an analysis (as core says it). */
static const char *status_of(const json_t *rec, bool *accepted)
{
	const json_t *dec = json_object_get(rec, "decision"),
		     *ap = json_object_get(rec, "approval");

	*accepted = false;
	if (!dec)
		return "analysed";
	if (!streq(ss_js(dec, "verdict"), "accept"))
		return "rejected";
	if (json_is_true(json_object_get(dec, "needs_approval"))) {
		if (!ap)
			return "awaiting-approval";
		if (!streq(ss_js(ap, "verdict"), "approved"))
			return "approval-rejected";
	}
	*accepted = true;
	return "accepted";
}

static int bad_record(size_t i, const char *what)
{
	return ss_error_set(SS_EINVAL, "VEX export: /records/%zu: %s", i, what);
}

static int collect(exporter *x, bool undecided)
{
	const json_t *recs = json_object_get(x->doc, "records"), *rec;
	size_t i;

	if (!json_is_array(recs))
		return ss_error_set(SS_EINVAL, "VEX export: /records is not a list of records");
	if (!(x->items = calloc(json_array_size(recs) + 1, sizeof(item))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	json_array_foreach(recs, i, rec) {
		const json_t *an = json_object_get(rec, "analysis"), *dec, *ap, *e;
		item *it = &x->items[x->n];
		size_t k;

		if (!json_is_object(rec) || !ss_js_or_null(rec, "vuln") ||
		    !ss_js_or_null(rec, "component") || !*ss_js(rec, "vuln") ||
		    !*ss_js(rec, "component"))
			return bad_record(i, "a record needs a vuln and a component (text)");
		if (!an)
			continue;
		if (json_is_false(json_object_get(rec, "current")))
			continue;
		if (!json_is_object(an) || index_of(ss_js(an, "state"), states) < 0)
			return bad_record(i,
					  "analysis/state is not affected, not_affected, fixed or "
					  "under_investigation");
		if (json_object_get(an, "justification") &&
		    !json_is_null(json_object_get(an, "justification")) &&
		    index_of(ss_js(an, "justification"), cdx_just) < 0 &&
		    index_of(ss_js(an, "justification"), ovx_just) < 0)
			return bad_record(i, "analysis/justification is not one CycloneDX or "
					     "OpenVEX defines");
		json_array_foreach(json_object_get(an, "response"), k, e) {
			if (index_of(json_string_value(e), responses) < 0)
				return bad_record(i, "analysis/response holds an unknown response");
		}
		it->rec = rec;
		it->an = an;
		it->vuln = ss_js(rec, "vuln");
		it->comp = ss_js(rec, "component");
		it->state = ss_js(an, "state");
		it->just = ss_js_or_null(an, "justification");
		it->detail = ss_js_or_null(an, "detail");
		it->status = status_of(rec, &it->accepted);
		if (!it->accepted && !undecided)
			continue;
		dec = json_object_get(rec, "decision");
		ap = json_object_get(rec, "approval");
		it->first = ss_js_or_null(an, "time");
		it->last = later(later(it->first, ss_js_or_null(dec, "time")),
				 ss_js_or_null(ap, "time"));
		x->n++;
	}
	qsort(x->items, x->n, sizeof(item), by_vuln);
	for (i = 1; i < x->n; i++)
		if (by_vuln(&x->items[i - 1], &x->items[i]) == 0)
			return ss_error_set(SS_EINVAL,
					    "VEX export: /records: %.80s on %.80s is there twice",
					    x->items[i].vuln, x->items[i].comp);
	return 0;
}

/* The detail with what the target format cannot say: a justification it
 * has no name for, and a statement the user side has not accepted. */
static json_t *detail_for(exporter *x, const item *it, const char *mapped, const char *dialect)
{
	ss_buf b = SS_BUF_INIT(0);
	json_t *v;

	if (it->just && !mapped)
		ss_buf_printf(&b, "Justification (%s): %s. ", dialect, it->just);
	if (it->detail)
		ss_buf_puts(&b, it->detail);
	while (b.len && b.ptr[b.len - 1] == ' ')
		b.ptr[--b.len] = '\0';
	v = js(x, b.ptr);
	ss_buf_release(&b);
	return v;
}

static json_t *undecided_note(exporter *x, const item *it)
{
	ss_buf b = SS_BUF_INIT(0);
	json_t *v;

	ss_buf_printf(&b,
		      "Not accepted by the user side (secspec status: %s): the vendor's "
		      "analysis only.",
		      it->status);
	v = js(x, b.ptr);
	ss_buf_release(&b);
	return v;
}

static const char *product_of(const item *it)
{
	const char *purl = ss_js_or_null(it->rec, "purl");

	return purl && *purl ? purl : it->comp;
}

/* A UUID (version 5, the URL namespace) named by the document id. */
static void uuid_of(char out[37], const char *name)
{
	static const uint8_t ns[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
				       0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
	struct sha1_ctx c;
	uint8_t d[SHA1_DIGEST_SIZE];
	char *p = out;

	sha1_init(&c);
	sha1_update(&c, sizeof(ns), ns);
	sha1_update(&c, strlen(name), (const uint8_t *)name);
	sha1_digest(&c, sizeof(d), d);
	d[6] = (uint8_t)((d[6] & 0x0f) | 0x50);
	d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		snprintf(p, 3, "%02x", d[i]);
		p += 2;
	}
	*p = '\0';
}

/* Percent-encoded but for RFC 3986's unreserved characters. */
static void pct(ss_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch))
			ss_buf_putc(b, (char)ch);
		else
			ss_buf_printf(b, "%%%02X", ch);
	}
}

/* A source for an id, by its prefix: {name, url?} or NULL. */
static json_t *source_of(exporter *x, const char *id, const json_t *notice)
{
	ss_buf b = SS_BUF_INIT(0);
	json_t *s = NULL;

	if (strncmp(id, "CVE-", 4) == 0) {
		ss_buf_puts(&b, "https://nvd.nist.gov/vuln/detail/");
		pct(&b, id);
		s = json_pack("{s:s, s:s}", "name", "NVD", "url", b.ptr);
	} else if (strncmp(id, "GHSA-", 5) == 0) {
		ss_buf_puts(&b, "https://github.com/advisories/");
		pct(&b, id);
		s = json_pack("{s:s, s:s}", "name", "GitHub", "url", b.ptr);
	} else if (strncmp(id, "JVNDB-", 6) == 0) {
		s = json_pack("{s:s}", "name", "JVN");
	} else if (ss_js_or_null(notice, "source")) {
		s = json_pack("{s:s}", "name", ss_js(notice, "source"));
	} else {
		ss_buf_release(&b);
		return NULL;
	}
	if (!s)
		x->oom = true;
	ss_buf_release(&b);
	return s;
}

static const char *cdx_state(const char *state)
{
	return cdx_states[index_of(state, states)];
}

static json_t *export_cyclonedx(exporter *x)
{
	json_t *root = obj(x), *meta = obj(x), *comps = arr(x), *vulns = arr(x), *a;
	const item **sorted = NULL;
	char uuid[37], serial[64];
	size_t i;

	uuid_of(uuid, x->id);
	snprintf(serial, sizeof(serial), "urn:uuid:%s", uuid);
	set(x, root, "bomFormat", js(x, "CycloneDX"));
	set(x, root, "specVersion", js(x, "1.6"));
	set(x, root, "serialNumber", js(x, serial));
	set(x, root, "version", json_integer(x->version));
	set(x, meta, "timestamp", js(x, x->time));
	set(x, meta, "authors", a = arr(x));
	push(x, a, json_pack("{s:s}", "name", x->author));
	set(x, meta, "component",
	    json_pack("{s:s, s:s}", "type", "application", "name", x->project));
	set(x, root, "metadata", meta);
	if ((sorted = calloc(x->n + 1, sizeof(*sorted)))) {
		for (i = 0; i < x->n; i++)
			sorted[i] = &x->items[i];
		qsort(sorted, x->n, sizeof(*sorted), by_comp);
		for (i = 0; i < x->n; i++) {
			const json_t *r = sorted[i]->rec;
			json_t *c;

			if (i > 0 && streq(sorted[i - 1]->comp, sorted[i]->comp))
				continue;
			push(x, comps, c = obj(x));
			set(x, c, "type", js(x, "library"));
			set(x, c, "bom-ref", js(x, sorted[i]->comp));
			set(x, c, "name",
			    js(x, ss_js_or_null(r, "name") ? ss_js(r, "name") : sorted[i]->comp));
			if (ss_js_or_null(r, "version"))
				set(x, c, "version", js(x, ss_js(r, "version")));
			if (ss_js_or_null(r, "purl"))
				set(x, c, "purl", js(x, ss_js(r, "purl")));
		}
		free(sorted);
	} else {
		x->oom = true;
	}
	set(x, root, "components", comps);
	for (i = 0; i < x->n; i++) {
		const item *it = &x->items[i];
		const json_t *notice = json_object_get(it->rec, "notice"), *e;
		json_t *v = obj(x), *an = obj(x), *src, *resp;
		const char *j = it->just ? just_cdx(it->just) : NULL;
		size_t k;

		push(x, vulns, v);
		set(x, v, "id", js(x, it->vuln));
		if ((src = source_of(x, it->vuln, notice)))
			set(x, v, "source", src);
		if (json_array_size(json_object_get(notice, "aliases")) > 0) {
			json_t *refs = arr(x);

			json_array_foreach(json_object_get(notice, "aliases"), k, e) {
				json_t *ref = obj(x), *s2;

				if (!json_is_string(e) || streq(json_string_value(e), it->vuln))
					continue;
				set(x, ref, "id", js(x, json_string_value(e)));
				s2 = source_of(x, json_string_value(e), NULL);
				set(x, ref, "source",
				    s2 ? s2 : json_pack("{s:s}", "name", "other"));
				push(x, refs, ref);
			}
			if (json_array_size(refs) > 0)
				set(x, v, "references", refs);
			else
				json_decref(refs);
		}
		if (ss_js_or_null(notice, "summary"))
			set(x, v, "description", js(x, ss_js(notice, "summary")));
		set(x, an, "state", js(x, cdx_state(it->state)));
		if (j)
			set(x, an, "justification", js(x, j));
		if (json_array_size(json_object_get(it->an, "response")) > 0) {
			set(x, an, "response", resp = arr(x));
			json_array_foreach(json_object_get(it->an, "response"), k, e)
				push(x, resp, js(x, json_string_value(e)));
		}
		set(x, an, "detail", detail_for(x, it, j, "OpenVEX"));
		if (it->first)
			set(x, an, "firstIssued", js(x, it->first));
		if (it->last)
			set(x, an, "lastUpdated", js(x, it->last));
		set(x, v, "analysis", an);
		set(x, v, "affects", json_pack("[{s:s}]", "ref", it->comp));
		if (!it->accepted)
			set(x, v, "properties",
			    json_pack("[{s:s, s:s}]", "name", "secspec:status", "value",
				      it->status));
	}
	set(x, root, "vulnerabilities", vulns);
	return root;
}

static json_t *export_openvex(exporter *x)
{
	json_t *root = obj(x), *sts = arr(x);
	ss_buf id = SS_BUF_INIT(0);
	size_t i;

	if (strchr(x->id, ':')) {
		ss_buf_puts(&id, x->id);
	} else {
		ss_buf_puts(&id, "urn:secspec:vex:");
		pct(&id, x->id);
	}
	set(x, root, "@context", js(x, "https://openvex.dev/ns/v0.2.0"));
	set(x, root, "@id", js(x, id.ptr));
	set(x, root, "author", js(x, x->author));
	set(x, root, "timestamp", js(x, x->time));
	set(x, root, "version", json_integer(x->version));
	set(x, root, "tooling", js(x, "secspec"));
	for (i = 0; i < x->n; i++) {
		const item *it = &x->items[i];
		const json_t *notice = json_object_get(it->rec, "notice"), *e;
		json_t *st = obj(x), *vul = obj(x), *al = arr(x);
		const char *j = it->just ? just_ovx(it->just) : NULL;
		size_t k;

		set(x, vul, "name", js(x, it->vuln));
		json_array_foreach(json_object_get(notice, "aliases"), k, e) {
			if (json_is_string(e) && !streq(json_string_value(e), it->vuln))
				push(x, al, js(x, json_string_value(e)));
		}
		if (json_array_size(al) > 0)
			set(x, vul, "aliases", al);
		else
			json_decref(al);
		set(x, st, "vulnerability", vul);
		set(x, st, "timestamp", js(x, it->last ? it->last : x->time));
		set(x, st, "products", json_pack("[{s:s}]", "@id", product_of(it)));
		set(x, st, "status", js(x, it->state));
		if (streq(it->state, "not_affected")) {
			if (j)
				set(x, st, "justification", js(x, j));
			set(x, st, "impact_statement", detail_for(x, it, j, "CycloneDX"));
		} else if (streq(it->state, "affected")) {
			ss_buf b = SS_BUF_INIT(0);

			ss_buf_puts(&b, it->detail ? it->detail : "");
			json_array_foreach(json_object_get(it->an, "response"), k, e) {
				ss_buf_puts(&b,
					    k == 0 ? (b.len ? " Response: " : "Response: ") : ", ");
				ss_buf_puts(&b, json_string_value(e));
			}
			if (k > 0)
				ss_buf_putc(&b, '.');
			set(x, st, "action_statement", js(x, b.ptr));
			ss_buf_release(&b);
		} else if (it->detail) {
			set(x, st, "status_notes", js(x, it->detail));
		}
		if (!it->accepted) {
			json_t *n = undecided_note(x, it);
			const char *old = ss_js_or_null(st, "status_notes");

			if (old && n) {
				ss_buf b = SS_BUF_INIT(0);

				ss_buf_printf(&b, "%s %s", json_string_value(n), old);
				json_decref(n);
				n = js(x, b.ptr);
				ss_buf_release(&b);
			}
			set(x, st, "status_notes", n);
		}
		push(x, sts, st);
	}
	set(x, root, "statements", sts);
	ss_buf_release(&id);
	return root;
}

/* The CSAF vulnerability of items[from, to) (one vuln id). */
static json_t *csaf_vuln(exporter *x, size_t from, size_t to)
{
	static const char *const cats[] = {"known_affected", "known_not_affected", "fixed",
					   "under_investigation"};
	const item *first = &x->items[from];
	const json_t *notice = NULL, *e;
	json_t *v = obj(x), *ps = obj(x), *flags = arr(x), *threats = arr(x), *rems = arr(x),
	       *notes = arr(x), *ids = arr(x);
	const char *cve = NULL;
	ss_buf b = SS_BUF_INIT(0);
	size_t i, k;

	for (i = from; i < to && !notice; i++)
		notice = json_object_get(x->items[i].rec, "notice");
	if (strncmp(first->vuln, "CVE-", 4) == 0) {
		cve = first->vuln;
	} else {
		json_array_foreach(json_object_get(notice, "aliases"), k, e) {
			const char *s = json_string_value(e);

			if (s && strncmp(s, "CVE-", 4) == 0 && (!cve || strcmp(s, cve) < 0))
				cve = s;
		}
		push(x, ids,
		     json_pack("{s:s, s:s}", "system_name",
			       strncmp(first->vuln, "GHSA-", 5) == 0    ? "GitHub"
			       : strncmp(first->vuln, "JVNDB-", 6) == 0 ? "JVN"
			       : ss_js_or_null(notice, "source")        ? ss_js(notice, "source")
									: "other",
			       "text", first->vuln));
	}
	if (cve)
		set(x, v, "cve", js(x, cve));
	if (json_array_size(ids) > 0)
		set(x, v, "ids", ids);
	else
		json_decref(ids);
	if (ss_js_or_null(notice, "summary"))
		push(x, notes,
		     json_pack("{s:s, s:s, s:s}", "category", "description", "text",
			       ss_js(notice, "summary"), "title", "Summary"));
	for (int c = 0; c < 4; c++) {
		json_t *list = arr(x);

		for (i = from; i < to; i++)
			if (index_of(x->items[i].state, states) == c)
				push(x, list, js(x, x->items[i].comp));
		if (json_array_size(list) > 0)
			set(x, ps, cats[c], list);
		else
			json_decref(list);
	}
	set(x, v, "product_status", ps);
	for (i = from; i < to; i++) {
		const item *it = &x->items[i];
		const char *j = it->just ? just_ovx(it->just) : NULL;

		if (streq(it->state, "not_affected")) {
			json_t *f = NULL;

			for (k = 0; j && k < json_array_size(flags); k++)
				if (streq(ss_js(json_array_get(flags, k), "label"), j))
					f = json_array_get(flags, k);
			if (j && !f) {
				push(x, flags,
				     f = json_pack("{s:s, s:[]}", "label", j, "product_ids"));
			}
			if (f)
				push(x, json_object_get(f, "product_ids"), js(x, it->comp));
			push(x, threats,
			     json_pack("{s:s, s:o, s:[s]}", "category", "impact", "details",
				       detail_for(x, it, j, "CycloneDX"), "product_ids", it->comp));
		} else if (streq(it->state, "affected")) {
			const json_t *resp = json_object_get(it->an, "response");

			if (json_array_size(resp) == 0)
				push(x, rems,
				     json_pack("{s:s, s:s, s:[s]}", "category", "none_available",
					       "details", it->detail ? it->detail : "",
					       "product_ids", it->comp));
			json_array_foreach(resp, k, e) {
				int r = index_of(json_string_value(e), responses);

				ss_buf_clear(&b);
				ss_buf_printf(&b, "%s%s%s", json_string_value(e),
					      it->detail ? ": " : "", it->detail ? it->detail : "");
				push(x, rems,
				     json_pack("{s:s, s:s, s:[s]}", "category", csaf_remedy[r],
					       "details", b.ptr, "product_ids", it->comp));
			}
		}
		if (!it->accepted) {
			json_t *n = undecided_note(x, it);

			ss_buf_clear(&b);
			ss_buf_printf(&b, "%s: %s", it->comp, n ? json_string_value(n) : "");
			json_decref(n);
			push(x, notes,
			     json_pack("{s:s, s:s, s:s}", "category", "other", "text", b.ptr,
				       "title", "Not accepted"));
		}
	}
	if (json_array_size(flags) > 0)
		set(x, v, "flags", flags);
	else
		json_decref(flags);
	if (json_array_size(threats) > 0)
		set(x, v, "threats", threats);
	else
		json_decref(threats);
	if (json_array_size(rems) > 0)
		set(x, v, "remediations", rems);
	else
		json_decref(rems);
	if (json_array_size(notes) > 0)
		set(x, v, "notes", notes);
	else
		json_decref(notes);
	ss_buf_release(&b);
	return v;
}

static json_t *export_csaf(exporter *x)
{
	json_t *root = obj(x), *doc = obj(x), *tr = obj(x), *names = arr(x), *vulns = arr(x);
	ss_buf b = SS_BUF_INIT(0), ns = SS_BUF_INIT(0);
	const item **sorted = NULL;
	size_t i, from;

	if (x->ns) {
		ss_buf_puts(&ns, x->ns);
	} else {
		ss_buf_puts(&ns, "urn:secspec:project:");
		pct(&ns, x->project);
	}
	ss_buf_printf(&b, "%lld", (long long)x->version);
	set(x, doc, "category", js(x, "csaf_vex"));
	set(x, doc, "csaf_version", js(x, "2.0"));
	set(x, doc, "publisher",
	    json_pack("{s:s, s:s, s:s}", "category", "vendor", "name", x->author, "namespace",
		      ns.ptr));
	ss_buf_clear(&ns);
	ss_buf_printf(&ns, "VEX of %s", x->project);
	set(x, doc, "title", js(x, ns.ptr));
	set(x, tr, "id", js(x, x->id));
	set(x, tr, "status", js(x, "final"));
	set(x, tr, "version", js(x, b.ptr));
	set(x, tr, "initial_release_date", js(x, x->time));
	set(x, tr, "current_release_date", js(x, x->time));
	set(x, tr, "revision_history",
	    json_pack("[{s:s, s:s, s:s}]", "date", x->time, "number", b.ptr, "summary",
		      "Exported from the secspec vulnerability register."));
	set(x, tr, "generator", json_pack("{s:{s:s}}", "engine", "name", "secspec"));
	set(x, doc, "tracking", tr);
	set(x, root, "document", doc);
	if (x->n > 0 && (sorted = calloc(x->n, sizeof(*sorted)))) {
		for (i = 0; i < x->n; i++)
			sorted[i] = &x->items[i];
		qsort(sorted, x->n, sizeof(*sorted), by_comp);
		for (i = 0; i < x->n; i++) {
			const json_t *r = sorted[i]->rec;
			json_t *p;

			if (i > 0 && streq(sorted[i - 1]->comp, sorted[i]->comp))
				continue;
			ss_buf_clear(&ns);
			ss_buf_puts(&ns,
				    ss_js_or_null(r, "name") ? ss_js(r, "name") : sorted[i]->comp);
			if (ss_js_or_null(r, "version"))
				ss_buf_printf(&ns, " %s", ss_js(r, "version"));
			push(x, names, p = obj(x));
			set(x, p, "name", js(x, ns.ptr));
			set(x, p, "product_id", js(x, sorted[i]->comp));
			if (ss_js_or_null(r, "purl"))
				set(x, p, "product_identification_helper",
				    json_pack("{s:s}", "purl", ss_js(r, "purl")));
		}
		free(sorted);
		set(x, root, "product_tree", json_pack("{s:O}", "full_product_names", names));
		for (from = 0; from < x->n; from = i) {
			for (i = from + 1; i < x->n && streq(x->items[i].vuln, x->items[from].vuln);
			     i++)
				;
			push(x, vulns, csaf_vuln(x, from, i));
		}
		set(x, root, "vulnerabilities", json_incref(vulns));
	} else if (x->n > 0) {
		x->oom = true;
	}
	json_decref(names);
	json_decref(vulns);
	ss_buf_release(&b);
	ss_buf_release(&ns);
	return root;
}

static int need_text(const json_t *doc, const char *key)
{
	const char *s = ss_js_or_null(doc, key);

	if (!s || !*s)
		return ss_error_set(SS_EINVAL,
				    "VEX export: /%s: a required text member is missing "
				    "or empty",
				    key);
	return 0;
}

int ss_vex_export(ss_buf *out, const char *format, const json_t *doc)
{
	exporter x = {.doc = doc, .version = 1};
	const json_t *ver, *und;
	json_t *root = NULL;
	char *text = NULL;
	int error;

	if (!out || !format || !doc)
		return ss_error_set(SS_EINVAL, "ss_vex_export: NULL argument");
	if (!streq(format, "cyclonedx") && !streq(format, "openvex") && !streq(format, "csaf"))
		return ss_error_set(SS_EINVAL,
				    "the VEX format \"%.40s\" is not cyclonedx, openvex or csaf",
				    format);
	if (!json_is_object(doc))
		return ss_error_set(SS_EINVAL, "VEX export: the document is not an object");
	if ((error = need_text(doc, "project")) < 0 ||
	    (error = need_text(doc, "document_id")) < 0 || (error = need_text(doc, "author")) < 0 ||
	    (error = need_text(doc, "time")) < 0)
		return error;
	if ((ver = json_object_get(doc, "version")) &&
	    (!json_is_integer(ver) || json_integer_value(ver) < 1))
		return ss_error_set(SS_EINVAL, "VEX export: /version is not a number from 1");
	if ((und = json_object_get(doc, "include_undecided")) && !json_is_boolean(und))
		return ss_error_set(SS_EINVAL,
				    "VEX export: /include_undecided is not true or false");
	if (json_object_get(doc, "namespace") && (error = need_text(doc, "namespace")) < 0)
		return error;
	x.project = ss_js(doc, "project");
	x.id = ss_js(doc, "document_id");
	x.author = ss_js(doc, "author");
	x.time = ss_js(doc, "time");
	x.ns = ss_js_or_null(doc, "namespace");
	if (ver)
		x.version = json_integer_value(ver);
	if ((error = collect(&x, json_is_true(und))) < 0)
		goto out;
	root = streq(format, "cyclonedx") ? export_cyclonedx(&x)
	       : streq(format, "openvex") ? export_openvex(&x)
					  : export_csaf(&x);
	if (x.oom || !root || !(text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss_buf_puts(out, text)) < 0 || (error = ss_buf_putc(out, '\n')) < 0)
		goto out;
out:
	free(text);
	json_decref(root);
	free(x.items);
	return error;
}

/* ---- import ---------------------------------------------------------------- */

typedef struct {
	const char *path;
	const ss_import_limits *lim;
	uint64_t rows;
	uint64_t text;     /* bytes of text in the rows, against 4 x lim->bytes */
	uint64_t expanded; /* CSAF: product ids named by flags, threats, remedies */
	json_t *out;
	json_t *products; /* CSAF: product_id -> {product, name} */
	json_t *groups;   /* CSAF: group_id -> [product_id] */
} parser;

/* text of obj.key, or NULL; SS_EPARSE when it is there but not text */
static int opt_text(const parser *p, const json_t *o, const char *key, const char *ptr,
		    const char **out)
{
	const json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return ss_error_set(SS_EPARSE, "%s: %s/%s: not text", p->path, ptr, key);
	*out = json_string_value(v);
	return 0;
}

static int req_text(const parser *p, const json_t *o, const char *key, const char *ptr,
		    const char **out)
{
	int error;

	if ((error = opt_text(p, o, key, ptr, out)) < 0)
		return error;
	if (!*out || !**out)
		return ss_error_set(SS_EPARSE,
				    "%s: %s/%s: a required text member is missing or "
				    "empty",
				    p->path, ptr, key);
	return 0;
}

static int add_row(parser *p, const char *vuln, const char *product, const char *state,
		   const char *just, json_t *resp, const char *detail, const char *time,
		   const char *name, const char *within)
{
	json_t *r;

	if (++p->rows > p->lim->records) {
		json_decref(resp);
		return ss_error_set(SS_ELIMIT,
				    "%s: over the record count limit: more statements than %llu",
				    p->path, (unsigned long long)p->lim->records);
	}
	p->text += strlen(vuln) + strlen(product) + (detail ? strlen(detail) : 0) +
		   (time ? strlen(time) : 0) + (name ? strlen(name) : 0) +
		   (within ? strlen(within) : 0);
	if (p->text > 4 * p->lim->bytes) {
		json_decref(resp);
		return ss_error_set(SS_ELIMIT,
				    "%s: over the size limit: the statements hold more than %llu "
				    "bytes of text",
				    p->path, (unsigned long long)(4 * p->lim->bytes));
	}
	r = json_pack("{s:s, s:s, s:s}", "vuln", vuln, "product", product, "state", state);
	if (r && just)
		json_object_set_new(r, "justification", json_string(just));
	if (r && resp && json_array_size(resp) > 0)
		json_object_set(r, "response", resp);
	if (r && detail && *detail)
		json_object_set_new(r, "detail", json_string(detail));
	if (r && time && *time)
		json_object_set_new(r, "timestamp", json_string(time));
	if (r && name && *name)
		json_object_set_new(r, "name", json_string(name));
	if (r && within)
		json_object_set_new(r, "within", json_string(within));
	json_decref(resp);
	if (!r || json_array_append_new(p->out, r) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

/* -- CycloneDX -- */

static int parse_cyclonedx(parser *p, const json_t *root)
{
	const json_t *vulns = json_object_get(root, "vulnerabilities"), *v;
	const char *doc_time = ss_js_or_null(json_object_get(root, "metadata"), "timestamp");
	char ptr[96];
	size_t i;
	int error;

	if (vulns && !json_is_array(vulns))
		return ss_error_set(SS_EPARSE, "%s: /vulnerabilities: not a list", p->path);
	json_array_foreach(vulns, i, v) {
		const json_t *an = json_object_get(v, "analysis"),
			     *aff = json_object_get(v, "affects"), *e, *a;
		const char *id, *state, *just, *detail, *t1, *t2, *norm;
		json_t *resp = NULL;
		size_t k;
		int s;

		snprintf(ptr, sizeof(ptr), "/vulnerabilities/%zu", i);
		if (!json_is_object(v))
			return ss_error_set(SS_EPARSE, "%s: %s: not an object", p->path, ptr);
		if ((error = req_text(p, v, "id", ptr, &id)) < 0)
			return error;
		if (!an)
			continue; /* a vulnerability, not a statement */
		snprintf(ptr, sizeof(ptr), "/vulnerabilities/%zu/analysis", i);
		if (!json_is_object(an))
			return ss_error_set(SS_EPARSE, "%s: %s: not an object", p->path, ptr);
		if ((error = opt_text(p, an, "state", ptr, &state)) < 0 ||
		    (error = opt_text(p, an, "justification", ptr, &just)) < 0 ||
		    (error = opt_text(p, an, "detail", ptr, &detail)) < 0 ||
		    (error = opt_text(p, an, "lastUpdated", ptr, &t1)) < 0 ||
		    (error = opt_text(p, an, "firstIssued", ptr, &t2)) < 0)
			return error;
		if (!state)
			continue;
		if (streq(state, "false_positive"))
			norm = "not_affected";
		else if (streq(state, "resolved_with_pedigree"))
			norm = "fixed";
		else if ((s = index_of(state, cdx_states)) >= 0)
			norm = states[s];
		else
			return ss_error_set(SS_EPARSE,
					    "%s: %s/state: \"%.40s\" is not a CycloneDX analysis "
					    "state",
					    p->path, ptr, state);
		if (just && index_of(just, cdx_just) < 0)
			return ss_error_set(SS_EPARSE,
					    "%s: %s/justification: \"%.60s\" is not a CycloneDX "
					    "justification",
					    p->path, ptr, just);
		if (json_object_get(an, "response") &&
		    !json_is_array(json_object_get(an, "response")))
			return ss_error_set(SS_EPARSE, "%s: %s/response: not a list", p->path, ptr);
		json_array_foreach(json_object_get(an, "response"), k, e) {
			if (index_of(json_string_value(e), responses) < 0)
				return ss_error_set(SS_EPARSE,
						    "%s: %s/response/%zu: not a CycloneDX response",
						    p->path, ptr, k);
		}
		if (aff && !json_is_array(aff))
			return ss_error_set(SS_EPARSE,
					    "%s: /vulnerabilities/%zu/affects: not a list", p->path,
					    i);
		json_array_foreach(aff, k, a) {
			const char *ref;

			snprintf(ptr, sizeof(ptr), "/vulnerabilities/%zu/affects/%zu", i, k);
			if ((error = req_text(p, a, "ref", ptr, &ref)) < 0)
				return error;
			resp = json_copy(json_object_get(an, "response"));
			if ((error = add_row(p, id, ref, norm, just, resp, detail,
					     t1   ? t1
					     : t2 ? t2
						  : doc_time,
					     NULL, NULL)) < 0)
				return error;
		}
	}
	return 0;
}

/* -- OpenVEX -- */

static int ovx_product(parser *p, const json_t *prod, const char *ptr, const char **out)
{
	const json_t *ids;
	int error;

	if (json_is_string(prod)) {
		*out = json_string_value(prod);
		if (!**out)
			return ss_error_set(SS_EPARSE, "%s: %s: an empty product id", p->path, ptr);
		return 0;
	}
	if (!json_is_object(prod))
		return ss_error_set(SS_EPARSE, "%s: %s: a product is not text or an object",
				    p->path, ptr);
	if ((error = opt_text(p, prod, "@id", ptr, out)) < 0)
		return error;
	ids = json_object_get(prod, "identifiers");
	if ((!*out || !**out) && json_is_object(ids)) {
		*out = ss_js_or_null(ids, "purl");
		if (!*out || !**out)
			*out = ss_js_or_null(ids, "cpe23");
		if (!*out || !**out)
			*out = ss_js_or_null(ids, "cpe22");
	}
	if (!*out || !**out)
		return ss_error_set(SS_EPARSE,
				    "%s: %s: a product has no @id and no purl or CPE identifier",
				    p->path, ptr);
	return 0;
}

static int parse_openvex(parser *p, const json_t *root)
{
	const json_t *sts = json_object_get(root, "statements"), *st;
	const char *doc_time = ss_js_or_null(root, "timestamp");
	char ptr[128];
	size_t i;
	int error;

	if (!json_is_array(sts))
		return ss_error_set(SS_EPARSE, "%s: /statements: missing or not a list", p->path);
	json_array_foreach(sts, i, st) {
		const json_t *vul = json_object_get(st, "vulnerability"), *prods, *pr;
		const char *vuln = NULL, *status, *just, *imp, *act, *notes, *time, *detail;
		size_t k;

		snprintf(ptr, sizeof(ptr), "/statements/%zu", i);
		if (!json_is_object(st))
			return ss_error_set(SS_EPARSE, "%s: %s: not an object", p->path, ptr);
		if (json_is_string(vul)) {
			vuln = json_string_value(vul);
		} else if (json_is_object(vul)) {
			snprintf(ptr, sizeof(ptr), "/statements/%zu/vulnerability", i);
			if ((error = opt_text(p, vul, "name", ptr, &vuln)) < 0)
				return error;
			if (!vuln || !*vuln)
				vuln = ss_js_or_null(vul, "@id");
			snprintf(ptr, sizeof(ptr), "/statements/%zu", i);
		}
		if (!vuln || !*vuln)
			return ss_error_set(SS_EPARSE,
					    "%s: %s/vulnerability: no vulnerability name", p->path,
					    ptr);
		if ((error = req_text(p, st, "status", ptr, &status)) < 0 ||
		    (error = opt_text(p, st, "justification", ptr, &just)) < 0 ||
		    (error = opt_text(p, st, "impact_statement", ptr, &imp)) < 0 ||
		    (error = opt_text(p, st, "action_statement", ptr, &act)) < 0 ||
		    (error = opt_text(p, st, "status_notes", ptr, &notes)) < 0 ||
		    (error = opt_text(p, st, "timestamp", ptr, &time)) < 0)
			return error;
		if (index_of(status, states) < 0)
			return ss_error_set(SS_EPARSE,
					    "%s: %s/status: \"%.40s\" is not an OpenVEX status",
					    p->path, ptr, status);
		if (just && !*just)
			just = NULL;
		if (just && index_of(just, ovx_just) < 0)
			return ss_error_set(SS_EPARSE,
					    "%s: %s/justification: \"%.60s\" is not an OpenVEX "
					    "justification",
					    p->path, ptr, just);
		detail = streq(status, "not_affected") && imp && *imp ? imp
			 : streq(status, "affected") && act && *act   ? act
			 : notes && *notes                            ? notes
			 : imp && *imp                                ? imp
								      : act;
		prods = json_object_get(st, "products");
		if (prods && !json_is_array(prods))
			return ss_error_set(SS_EPARSE, "%s: %s/products: not a list", p->path, ptr);
		json_array_foreach(prods, k, pr) {
			const json_t *subs = json_object_get(pr, "subcomponents"), *sub;
			const char *id, *sid;
			size_t m;

			snprintf(ptr, sizeof(ptr), "/statements/%zu/products/%zu", i, k);
			if ((error = ovx_product(p, pr, ptr, &id)) < 0)
				return error;
			if (subs && !json_is_array(subs))
				return ss_error_set(SS_EPARSE, "%s: %s/subcomponents: not a list",
						    p->path, ptr);
			if (json_array_size(subs) == 0 &&
			    (error = add_row(p, vuln, id, status, just, NULL, detail,
					     time ? time : doc_time, NULL, NULL)) < 0)
				return error;
			json_array_foreach(subs, m, sub) {
				snprintf(ptr, sizeof(ptr),
					 "/statements/%zu/products/%zu/subcomponents/%zu", i, k, m);
				if ((error = ovx_product(p, sub, ptr, &sid)) < 0 ||
				    (error = add_row(p, vuln, sid, status, just, NULL, detail,
						     time ? time : doc_time, NULL, id)) < 0)
					return error;
			}
		}
	}
	return 0;
}

/* -- CSAF -- */

static int csaf_product(parser *p, const json_t *fpn, const char *ptr)
{
	const json_t *helper = json_object_get(fpn, "product_identification_helper");
	const char *id, *name, *ref;
	json_t *row;
	int error;

	if ((error = req_text(p, fpn, "product_id", ptr, &id)) < 0 ||
	    (error = opt_text(p, fpn, "name", ptr, &name)) < 0)
		return error;
	if (json_object_get(p->products, id))
		return ss_error_set(SS_EPARSE,
				    "%s: %s/product_id: the product id \"%.80s\" is defined twice",
				    p->path, ptr, id);
	ref = ss_js_or_null(helper, "purl");
	if (!ref || !*ref)
		ref = ss_js_or_null(helper, "cpe");
	if (!ref || !*ref)
		ref = id;
	row = json_pack("{s:s, s:s}", "product", ref, "name", name ? name : "");
	if (!row || json_object_set_new(p->products, id, row) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

static int csaf_branches(parser *p, const json_t *branches, const char *ptr, int depth)
{
	const json_t *b;
	char sub[512];
	size_t i;
	int error;

	if (branches && !json_is_array(branches))
		return ss_error_set(SS_EPARSE, "%s: %s: not a list", p->path, ptr);
	json_array_foreach(branches, i, b) {
		const json_t *prod = json_object_get(b, "product");

		if (snprintf(sub, sizeof(sub), "%s/%zu", ptr, i) >= (int)sizeof(sub) || depth > 30)
			return ss_error_set(SS_ELIMIT, "%s: %s: branches nested too deep", p->path,
					    ptr);
		if (prod) {
			char pp[540];

			snprintf(pp, sizeof(pp), "%s/product", sub);
			if ((error = csaf_product(p, prod, pp)) < 0)
				return error;
		}
		snprintf(sub + strlen(sub), sizeof(sub) - strlen(sub), "/branches");
		if ((error = csaf_branches(p, json_object_get(b, "branches"), sub, depth + 1)) < 0)
			return error;
	}
	return 0;
}

static int csaf_tree(parser *p, const json_t *tree)
{
	const json_t *e;
	char ptr[96];
	size_t i, k;
	int error;

	if (!tree)
		return 0;
	if (!json_is_object(tree))
		return ss_error_set(SS_EPARSE, "%s: /product_tree: not an object", p->path);
	if ((error = csaf_branches(p, json_object_get(tree, "branches"), "/product_tree/branches",
				   0)) < 0)
		return error;
	json_array_foreach(json_object_get(tree, "full_product_names"), i, e) {
		snprintf(ptr, sizeof(ptr), "/product_tree/full_product_names/%zu", i);
		if ((error = csaf_product(p, e, ptr)) < 0)
			return error;
	}
	json_array_foreach(json_object_get(tree, "relationships"), i, e) {
		snprintf(ptr, sizeof(ptr), "/product_tree/relationships/%zu/full_product_name", i);
		if ((error = csaf_product(p, json_object_get(e, "full_product_name"), ptr)) < 0)
			return error;
	}
	json_array_foreach(json_object_get(tree, "product_groups"), i, e) {
		const char *gid;

		snprintf(ptr, sizeof(ptr), "/product_tree/product_groups/%zu", i);
		if ((error = req_text(p, e, "group_id", ptr, &gid)) < 0)
			return error;
		if (!json_is_array(json_object_get(e, "product_ids")))
			return ss_error_set(SS_EPARSE, "%s: %s/product_ids: not a list", p->path,
					    ptr);
		json_array_foreach(json_object_get(e, "product_ids"), k, e) {
			if (!json_is_string(e))
				return ss_error_set(SS_EPARSE, "%s: %s/product_ids/%zu: not text",
						    p->path, ptr, k);
		}
		e = json_array_get(json_object_get(tree, "product_groups"), i);
		if (json_object_set(p->groups, gid, json_object_get(e, "product_ids")) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
	}
	return 0;
}

/* Call fn for each product id that an element (flag, threat, remediation)
 * names, directly or through its groups; the ids so named are counted
 * against the value cap (a group may be named many times). */
typedef int (*each_fn)(parser *p, const char *id, const json_t *el, void *arg);

static int each_product(parser *p, const json_t *el, const char *ptr, each_fn fn, void *arg)
{
	const json_t *e, *g;
	size_t i, k;
	int error;

	json_array_foreach(json_object_get(el, "product_ids"), i, e) {
		if (!json_is_string(e))
			return ss_error_set(SS_EPARSE, "%s: %s/product_ids/%zu: not text", p->path,
					    ptr, i);
		if (++p->expanded > p->lim->values)
			goto over;
		if ((error = fn(p, json_string_value(e), el, arg)) < 0)
			return error;
	}
	json_array_foreach(json_object_get(el, "group_ids"), i, g) {
		json_array_foreach(json_object_get(p->groups, json_string_value(g) ?: ""), k, e) {
			if (++p->expanded > p->lim->values)
				goto over;
			if ((error = fn(p, json_string_value(e), el, arg)) < 0)
				return error;
		}
	}
	return 0;
over:
	return ss_error_set(SS_ELIMIT,
			    "%s: %s: over the value count limit: flags, threats and remediations "
			    "name more than %llu products",
			    p->path, ptr, (unsigned long long)p->lim->values);
}

typedef struct {
	json_t *just;   /* product id -> label */
	json_t *na;     /* product id -> impact details (not_affected) */
	json_t *aff;    /* product id -> remediation details (affected) */
	json_t *resp;   /* product id -> [responses] */
	const char *rr; /* the response of the remediation at hand */
} csaf_vuln_maps;

static int on_flag(parser *p, const char *id, const json_t *el, void *arg)
{
	csaf_vuln_maps *m = arg;

	if (json_object_set(m->just, id, json_object_get(el, "label")) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	(void)p;
	return 0;
}

/* Append the element's details to map[id], under the string cap. */
static int add_details(parser *p, json_t *map, const char *id, const json_t *el)
{
	const json_t *d = json_object_get(el, "details"), *old = json_object_get(map, id);
	ss_buf b = SS_BUF_INIT(0);
	int error = 0;

	if (!json_is_string(d) || json_string_length(d) == 0)
		return 0;
	if (!old) {
		if (json_object_set(map, id, (json_t *)d) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
		return 0;
	}
	if (json_string_length(old) + 1 + json_string_length(d) > p->lim->string)
		return ss_error_set(SS_ELIMIT,
				    "%s: over the string length limit: the details for product "
				    "\"%.80s\" are longer than %zu",
				    p->path, id, p->lim->string);
	if (ss_buf_printf(&b, "%s %s", json_string_value(old), json_string_value(d)) < 0 ||
	    json_object_set_new(map, id, json_string(b.ptr)) < 0)
		error = ss_error_set(SS_ENOMEM, "out of memory");
	ss_buf_release(&b);
	return error;
}

static int on_threat(parser *p, const char *id, const json_t *el, void *arg)
{
	return add_details(p, ((csaf_vuln_maps *)arg)->na, id, el);
}

static int on_remedy(parser *p, const char *id, const json_t *el, void *arg)
{
	csaf_vuln_maps *m = arg;
	json_t *list = json_object_get(m->resp, id);
	const json_t *e;
	size_t i;
	int error;

	if ((error = add_details(p, m->aff, id, el)) < 0)
		return error;
	if (!list) {
		if (!(list = json_array()) || json_object_set_new(m->resp, id, list) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
	}
	json_array_foreach(list, i, e) {
		if (streq(json_string_value(e), m->rr))
			return 0;
	}
	if (json_array_append_new(list, json_string(m->rr)) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

static int parse_csaf(parser *p, const json_t *root)
{
	static const struct {
		const char *cat, *state;
	} cats[] = {{"first_affected", "affected"},
		    {"known_affected", "affected"},
		    {"last_affected", "affected"},
		    {"known_not_affected", "not_affected"},
		    {"first_fixed", "fixed"},
		    {"fixed", "fixed"},
		    {"under_investigation", "under_investigation"}};
	static const char *const remedies[] = {
		"none_available", "no_fix_planned", "vendor_fix",  "workaround",
		"mitigation",     "optional_patch", "fix_planned", NULL};
	static const char *const remedy_resp[] = {
		"can_not_fix",          "will_not_fix", "update", "workaround_available",
		"workaround_available", "update",       "update"};
	const json_t *doc = json_object_get(root, "document"), *vulns, *v;
	csaf_vuln_maps m = {0};
	const char *time, *ver;
	char ptr[160], eptr[200];
	size_t i;
	int error = 0;

	if ((error = req_text(p, doc, "csaf_version", "/document", &ver)) < 0)
		return error;
	if (!streq(ver, "2.0") && !streq(ver, "2.1"))
		return ss_error_set(SS_EPARSE, "%s: /document/csaf_version: \"%.20s\" is not 2.0",
				    p->path, ver);
	time = ss_js_or_null(json_object_get(doc, "tracking"), "current_release_date");
	if ((error = csaf_tree(p, json_object_get(root, "product_tree"))) < 0)
		return error;
	vulns = json_object_get(root, "vulnerabilities");
	if (vulns && !json_is_array(vulns))
		return ss_error_set(SS_EPARSE, "%s: /vulnerabilities: not a list", p->path);
	json_array_foreach(vulns, i, v) {
		const json_t *ps = json_object_get(v, "product_status"), *el;
		const char *vuln;
		size_t k;

		json_decref(m.just);
		json_decref(m.na);
		json_decref(m.aff);
		json_decref(m.resp);
		m = (csaf_vuln_maps){json_object(), json_object(), json_object(), json_object(),
				     NULL};
		if (!m.just || !m.na || !m.aff || !m.resp) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		snprintf(ptr, sizeof(ptr), "/vulnerabilities/%zu", i);
		if (!json_is_object(v)) {
			error = ss_error_set(SS_EPARSE, "%s: %s: not an object", p->path, ptr);
			goto out;
		}
		if ((error = opt_text(p, v, "cve", ptr, &vuln)) < 0)
			goto out;
		if (!vuln || !*vuln)
			vuln = ss_js_or_null(json_array_get(json_object_get(v, "ids"), 0), "text");
		if (!vuln || !*vuln) {
			error = ss_error_set(SS_EPARSE,
					     "%s: %s: a vulnerability with no cve and no ids",
					     p->path, ptr);
			goto out;
		}
		if (ps && !json_is_object(ps)) {
			error = ss_error_set(SS_EPARSE, "%s: %s/product_status: not an object",
					     p->path, ptr);
			goto out;
		}
		json_array_foreach(json_object_get(v, "flags"), k, el) {
			snprintf(eptr, sizeof(eptr), "%s/flags/%zu", ptr, k);
			if (index_of(ss_js_or_null(el, "label"), ovx_just) < 0) {
				error = ss_error_set(SS_EPARSE,
						     "%s: %s/label: \"%.60s\" is not a CSAF flag "
						     "label",
						     p->path, eptr, ss_js(el, "label"));
				goto out;
			}
			if ((error = each_product(p, el, eptr, on_flag, &m)) < 0)
				goto out;
		}
		json_array_foreach(json_object_get(v, "threats"), k, el) {
			snprintf(eptr, sizeof(eptr), "%s/threats/%zu", ptr, k);
			if (streq(ss_js(el, "category"), "impact") &&
			    (error = each_product(p, el, eptr, on_threat, &m)) < 0)
				goto out;
		}
		json_array_foreach(json_object_get(v, "remediations"), k, el) {
			int r = index_of(ss_js_or_null(el, "category"), remedies);

			snprintf(eptr, sizeof(eptr), "%s/remediations/%zu", ptr, k);
			if (r < 0)
				continue;
			m.rr = remedy_resp[r];
			if ((error = each_product(p, el, eptr, on_remedy, &m)) < 0)
				goto out;
		}
		for (size_t c = 0; c < sizeof(cats) / sizeof(cats[0]); c++) {
			const json_t *list = json_object_get(ps, cats[c].cat), *e;
			bool na = streq(cats[c].state, "not_affected"),
			     aff = streq(cats[c].state, "affected");

			if (list && !json_is_array(list)) {
				error = ss_error_set(SS_EPARSE,
						     "%s: %s/product_status/%s: not a list",
						     p->path, ptr, cats[c].cat);
				goto out;
			}
			json_array_foreach(list, k, e) {
				const char *id = json_string_value(e);
				const json_t *prod;
				json_t *resp;

				if (!id || !*id) {
					error = ss_error_set(SS_EPARSE,
							     "%s: %s/product_status/%s/%zu: not a "
							     "product id",
							     p->path, ptr, cats[c].cat, k);
					goto out;
				}
				prod = json_object_get(p->products, id);
				resp = aff ? json_incref(json_object_get(m.resp, id)) : NULL;
				if ((error = add_row(p, vuln, prod ? ss_js(prod, "product") : id,
						     cats[c].state,
						     na ? ss_js_or_null(m.just, id) : NULL, resp,
						     na    ? ss_js_or_null(m.na, id)
						     : aff ? ss_js_or_null(m.aff, id)
							   : NULL,
						     time, prod ? ss_js(prod, "name") : NULL,
						     NULL)) < 0)
					goto out;
			}
		}
	}
out:
	json_decref(m.just);
	json_decref(m.na);
	json_decref(m.aff);
	json_decref(m.resp);
	return error;
}

int ss_vex_parse(json_t **statements, ss_input *in, const ss_import_limits *lim)
{
	parser p = {0};
	json_t *root = NULL;
	const json_t *ctx;
	int error = 0;

	if (!statements || !in)
		return ss_error_set(SS_EINVAL, "ss_vex_parse: NULL argument");
	p.lim = lim ? lim : &ss_vex_limits;
	p.path = in->path ? in->path : "VEX";
	if ((error = ss_json_load_whole(&root, in, p.lim, "VEX")) < 0)
		goto out;
	if (!(p.out = json_array()) || !(p.products = json_object()) ||
	    !(p.groups = json_object())) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	ctx = json_object_get(root, "@context");
	if (json_is_object(json_object_get(root, "document")) &&
	    json_object_get(json_object_get(root, "document"), "csaf_version"))
		error = parse_csaf(&p, root);
	else if (streq(ss_js_or_null(root, "bomFormat"), "CycloneDX"))
		error = parse_cyclonedx(&p, root);
	else if (json_is_string(ctx) && strstr(json_string_value(ctx), "openvex"))
		error = parse_openvex(&p, root);
	else
		error = ss_error_set(SS_EPARSE,
				     "%s: /: not a CycloneDX, OpenVEX or CSAF document (no "
				     "bomFormat, @context or document/csaf_version)",
				     p.path);
	if (error < 0)
		goto out;
	*statements = p.out;
	p.out = NULL;
out:
	json_decref(root);
	json_decref(p.out);
	json_decref(p.products);
	json_decref(p.groups);
	return error;
}
