/*
 * JVN iPedia VULDEF 3.2 (MyJVN getVulnDetailInfo answers and the detail
 * data feed dataFeed_jvndb_detail_*.xml), streamed Vulinfo by Vulinfo: one
 * advisory row each (Japanese kept as it is), then one affected row per CPE
 * and version text of its Affected items. The JVNRSS overview feed is
 * refused: it names no products nor scores. docs/internals/advisories.md
 * has the mapping and the rule for JVN's free-text versions.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/advis.h"
#include "formats/sbom.h"
#include "formats/xml.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)
#define NS_VULDEF "http://jvn.jp/vuldef/"
#define NS_STATUS "http://jvndb.jvn.jp/myjvn/Status"
#define STACK_MAX 32

/* A detail feed of a year is tens of MB with a few thousand entries; one
 * entry has at most a few hundred related items and affected products. */
const ss_import_limits ss_jvn_limits = {
	.bytes = (uint64_t)1024 * MiB,
	.string = 1 * MiB,
	.name = 1000,
	.values = 100000000,
	.depth = 64,
	.records = 1000000,
	.record_values = 10000,
};

typedef struct {
	char *id, *title, *overview, *first_published, *public, *updated;
	json_t *affected; /* [{"cpes": [{cpe, line}], "versions": [text]}] */
	json_t *cvss;     /* [{"version", "base", "vector"}] */
	json_t *related;  /* [{"type", "name", "id", "url"}] */
	int line;
	uint64_t links;
} vulinfo;

typedef struct {
	ss_vuln_sink *sink;
	json_t *info;
	const char *path;
	regex_t cve_re, cwe_re, version_re;
	ss_buf a, b, c, d, e;
} jvn_ctx;

static void vulinfo_clear(vulinfo *v)
{
	free(v->id);
	free(v->title);
	free(v->overview);
	free(v->first_published);
	free(v->public);
	free(v->updated);
	json_decref(v->affected);
	json_decref(v->cvss);
	json_decref(v->related);
	memset(v, 0, sizeof(*v));
}

/* Leading and trailing white space off s, in place. */
static char *trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	while (s[i] && strchr(" \t\r\n", s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
	return s;
}

/* The text of the current element, trimmed, into *out (freed first). */
static int text(char **out, ss_xml *x)
{
	char *t = NULL;
	int error;

	if ((error = ss_xml_text(&t, x)) < 0)
		return error;
	free(*out);
	*out = trim(t);
	return 0;
}

static int one_link(const ss_xml *x, vulinfo *v)
{
	if (++v->links > x->lim->record_values)
		return ss_xml_limit(x,
				    "over the record link limit: more related items, products "
				    "and scores in one Vulinfo than %llu",
				    (unsigned long long)x->lim->record_values);
	return 0;
}

/* A text member of the last object of list. */
static int text_into(ss_xml *x, json_t *list, const char *key)
{
	char *t = NULL;
	int error;

	if ((error = text(&t, x)) < 0)
		return error;
	json_object_set_new(json_array_get(list, json_array_size(list) - 1), key, json_string(t));
	free(t);
	return 0;
}

/*
 * JVN's version text to bounds (docs/internals/advisories.md): a plain
 * version ("1.2", "Ver.1.2", "v1.2") is that version; "X およびそれ以前" /
 * "X 以前" is up to X included, "X より前" / "X 未満" up to X excluded, with
 * "のバージョン" and a trailing "（...）" allowed. Anything else gives no
 * bound. *exact, *end_incl, *end_excl point into buf.
 */
static void version_rule(jvn_ctx *c, const char *textv, char *buf, size_t n, const char **exact,
			 const char **end_incl, const char **end_excl)
{
	regmatch_t m[6];
	size_t len;
	const char *open;

	*exact = *end_incl = *end_excl = NULL;
	snprintf(buf, n, "%s", textv);
	len = strlen(buf);
	/* a trailing full-width parenthesis: （CVE-2025-0354、CVE-2025-0355） */
	if (len > 3 && strcmp(buf + len - 3, "）") == 0 && (open = strstr(buf, "（")) &&
	    !strstr(open + 3, "（"))
		buf[open - buf] = '\0';
	trim(buf);
	if (regexec(&c->version_re, buf, 6, m, 0) != 0)
		return;
	if (m[3].rm_so < 0 || m[3].rm_so == m[3].rm_eo)
		*exact = buf + m[2].rm_so;
	else if (strncmp(buf + m[3].rm_so, "より前", strlen("より前")) == 0 ||
		 strncmp(buf + m[3].rm_so, "未満", strlen("未満")) == 0)
		*end_excl = buf + m[2].rm_so;
	else
		*end_incl = buf + m[2].rm_so;
	buf[m[2].rm_eo] = '\0';
}

static int affected_row(jvn_ctx *c, const vulinfo *v, const ss_advis_cpe *cpe, const char *vtext)
{
	char vbuf[512];
	const char *exact = NULL, *incl = NULL, *excl = NULL;
	json_t *range = NULL, *ranges = NULL, *versions = json_array();
	int error;

	if (vtext)
		version_rule(c, vtext, vbuf, sizeof(vbuf), &exact, &incl, &excl);
	if ((error = ss_advis__cpe_format(&c->a, cpe, exact)) < 0) {
		/* a version that a CPE cannot hold: no bound, the text as a note */
		exact = incl = excl = NULL;
		if ((error = ss_advis__cpe_format(&c->a, cpe, NULL)) < 0)
			goto out;
	}
	range = json_pack("{s:s, s:s}", "type", "CPE", "criteria", c->a.ptr);
	if (incl)
		json_object_set_new(range, "end_including", json_string(incl));
	if (excl)
		json_object_set_new(range, "end_excluding", json_string(excl));
	if (vtext && !(exact && strcmp(exact, vtext) == 0))
		json_object_set_new(range, "note", json_string(vtext));
	if (exact)
		json_array_append_new(versions, json_string(exact));
	ranges = json_pack("[O]", range);
	if ((error = ss_advis__canon(&c->b, ranges)) < 0 ||
	    (error = ss_advis__canon(&c->c, versions)) < 0 ||
	    (error = ss_advis__cpe_package(&c->d, cpe)) < 0)
		goto out;
	{
		ss_sink_affected row = {.advisory = v->id,
					.ecosystem = "cpe",
					.package = c->d.ptr,
					.ranges = c->b.ptr,
					.versions = c->c.ptr,
					.vulnerable = 1};

		if (c->sink->affected && (error = c->sink->affected(c->sink, &row)) < 0)
			goto out;
	}
	ss_format_count(c->info, N_("affected"));
out:
	json_decref(range);
	json_decref(ranges);
	json_decref(versions);
	return error;
}

static int emit(jvn_ctx *c, vulinfo *v)
{
	json_t *aliases, *cwes, *refs, *sev, *e, *item, *cpe;
	size_t i, j, k;
	int error;

	if (!v->id || !*v->id || !v->title)
		return ss_error_set(SS_EPARSE,
				    "%s:%d: a Vulinfo without its VulinfoID or VulinfoData/Title",
				    c->path, v->line);
	if (strncmp(v->id, "JVNDB-", 6) != 0)
		return ss_error_set(SS_EPARSE, "%s:%d: the VulinfoID \"%.40s\" is not a JVNDB id",
				    c->path, v->line, v->id);
	aliases = json_array();
	cwes = json_array();
	refs = json_array();
	sev = json_array();
	json_array_foreach(v->cvss, i, e) {
		const char *ver = ss_js(e, "version"), *vec = ss_js_or_null(e, "vector");
		const char *type = strncmp(ver, "2.", 2) == 0   ? "CVSS_V2"
				   : strncmp(ver, "3.", 2) == 0 ? "CVSS_V3"
				   : strncmp(ver, "4.", 2) == 0 ? "CVSS_V4"
								: NULL;
		const char *base = ss_js(e, "base");
		char *end = NULL;
		double d = strtod(base, &end);
		json_t *s;

		if (!type || !vec || !*vec)
			continue;
		s = json_pack("{s:s, s:s}", "type", type, "vector", vec);
		if (*base && end && !*end && d >= 0 && d <= 10)
			json_object_set_new(s, "score", json_real(d));
		json_array_append_new(sev, s);
	}
	json_array_foreach(v->related, i, e) {
		const char *type = ss_js(e, "type"), *rid = ss_js(e, "id");

		if (strcmp(type, "advisory") == 0 && regexec(&c->cve_re, rid, 0, NULL, 0) == 0)
			ss_advis__list_add(aliases, rid, SS_ADVIS_ALIASES_MAX);
		if (strcmp(type, "cwe") == 0 && regexec(&c->cwe_re, rid, 0, NULL, 0) == 0)
			ss_advis__list_add(cwes, rid, SS_ADVIS_ALIASES_MAX);
		ss_advis__list_add(refs, ss_js(e, "url"), SS_ADVIS_REFS_MAX);
	}
	if ((error = ss_advis__canon(&c->a, aliases)) < 0 ||
	    (error = ss_advis__canon(&c->b, cwes)) < 0 ||
	    (error = ss_advis__canon(&c->c, refs)) < 0 ||
	    (error = ss_advis__severity(&c->e, sev)) < 0)
		goto out;
	{
		ss_sink_advisory row = {.id = v->id,
					.source = "jvn",
					.aliases = c->a.ptr,
					.summary = v->title,
					.details = v->overview,
					.lang = "ja",
					.published =
						v->first_published ? v->first_published : v->public,
					.modified = v->updated,
					.severity = c->e.ptr,
					.cwes = c->b.ptr,
					.references = c->c.ptr};

		if (c->sink->advisory && (error = c->sink->advisory(c->sink, &row)) < 0)
			goto out;
	}
	ss_format_count(c->info, N_("advisory"));
	json_array_foreach(v->affected, i, item) {
		json_t *versions = json_object_get(item, "versions");

		if (json_array_size(json_object_get(item, "cpes")) == 0)
			ss_format_count(c->info, N_("product without CPE"));
		json_array_foreach(json_object_get(item, "cpes"), j, cpe) {
			ss_advis_cpe p;

			if (ss_advis__cpe_parse(&p, ss_js(cpe, "cpe")) < 0) {
				error = ss_error_prefix(SS_EPARSE, "%s:%d: Cpe: ", c->path,
							(int)ss_ji(cpe, "line"));
				goto out;
			}
			if (json_array_size(versions) == 0)
				error = affected_row(c, v, &p, NULL);
			json_array_foreach(versions, k, e) {
				if (error == 0)
					error = affected_row(c, v, &p, json_string_value(e));
			}
			ss_advis__cpe_release(&p);
			if (error < 0)
				goto out;
		}
	}
out:
	json_decref(aliases);
	json_decref(cwes);
	json_decref(refs);
	json_decref(sev);
	return error;
}

/* The parent's local name of an element at depth d. */
#define PARENT(d) ((d) > 0 && (d)-1 < STACK_MAX ? stack[(d)-1] : "")

int ss_format_jvn(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	jvn_ctx c = {.sink = out,
		     .info = info,
		     .a = SS_BUF_INIT(SS_BUF_DOC_MAX),
		     .b = SS_BUF_INIT(SS_BUF_DOC_MAX),
		     .c = SS_BUF_INIT(SS_BUF_DOC_MAX),
		     .d = SS_BUF_INIT(SS_BUF_DOC_MAX),
		     .e = SS_BUF_INIT(SS_BUF_DOC_MAX)};
	const char *stack[STACK_MAX];
	vulinfo v = {0};
	ss_xml x = {0};
	bool root = false, in_vulinfo = false, res = false;
	char *doc_version = NULL;
	uint64_t records = 0;
	int rc, error, d, vdepth = -1;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_jvn: NULL argument");
	c.path = in->path;
	if (regcomp(&c.cve_re, "^CVE-[0-9]{4}-[0-9]{4,}$", REG_EXTENDED | REG_NOSUB) != 0 ||
	    regcomp(&c.cwe_re, "^CWE-[0-9]+$", REG_EXTENDED | REG_NOSUB) != 0 ||
	    regcomp(&c.version_re,
		    "^(Ver\\.? ?|ver\\.? ?|[vV])?([0-9][0-9A-Za-z._+-]*) ?"
		    "(およびそれ以前|以前|より前|未満)?(のバージョン)?$",
		    REG_EXTENDED) != 0)
		return ss_error_set(SS_ERROR, "compiling the JVN patterns");
	res = true;
	if ((error = ss_xml_open(&x, in, lim ? lim : &ss_jvn_limits)) < 0)
		goto out;
	while ((rc = ss_xml_next(&x)) > 0) {
		if (x.type != XML_READER_TYPE_ELEMENT && x.type != XML_READER_TYPE_END_ELEMENT)
			continue;
		d = ss_xml_depth(&x);
		if (!root) {
			root = true;
			if (strcmp(x.name, "RDF") == 0) {
				error = ss_error_set(
					SS_EPARSE,
					"%s:%d: a JVNRSS overview feed (getVulnOverviewList, "
					"dataFeed_jvndb_rss_*): it names no affected products nor "
					"scores; give the VULDEF detail instead: getVulnDetailInfo "
					"answers or the detail data feed (dataFeed_jvndb_detail_*)",
					c.path, ss_xml_line(&x));
				goto out;
			}
			if (strcmp(x.name, "VULDEF-Document") != 0 ||
			    strcmp(ss_xml_ns(&x), NS_VULDEF) != 0) {
				error = ss_error_set(SS_EPARSE,
						     "%s:%d: the root element is <%.60s>, not a "
						     "VULDEF-Document of http://jvn.jp/vuldef/",
						     c.path, ss_xml_line(&x), x.name);
				goto out;
			}
			doc_version = ss_xml_attr(&x, "version");
		}
		if (x.type == XML_READER_TYPE_ELEMENT && d < STACK_MAX)
			stack[d] = x.name;
		if (x.type == XML_READER_TYPE_ELEMENT && strcmp(x.name, "Status") == 0 &&
		    strcmp(ss_xml_ns(&x), NS_STATUS) == 0) {
			char *ret = ss_xml_attr(&x, "retCd"), *msg = ss_xml_attr(&x, "errMsg");

			if (ret && strcmp(ret, "0") != 0)
				error = ss_error_set(SS_EPARSE,
						     "%s:%d: the MyJVN API answered an error "
						     "(retCd %.20s): %.200s",
						     c.path, ss_xml_line(&x), ret, msg ? msg : "");
			xmlFree(ret);
			xmlFree(msg);
			if (error < 0)
				goto out;
			continue;
		}
		if (strcmp(ss_xml_ns(&x), NS_VULDEF) != 0)
			continue;
		if (ss_xml_is_start(&x, "Vulinfo") && !in_vulinfo) {
			vulinfo_clear(&v);
			in_vulinfo = true;
			vdepth = d;
			v.line = ss_xml_line(&x);
			v.affected = json_array();
			v.cvss = json_array();
			v.related = json_array();
			if (++records > x.lim->records) {
				error = ss_xml_limit(&x,
						     "over the record count limit: more Vulinfo "
						     "entries than %llu",
						     (unsigned long long)x.lim->records);
				goto out;
			}
			if (!x.empty)
				continue;
		}
		if (!in_vulinfo)
			continue;
		if (ss_xml_is_end(&x, "Vulinfo") && d == vdepth) {
			in_vulinfo = false;
			if ((error = emit(&c, &v)) < 0)
				goto out;
			vulinfo_clear(&v);
			continue;
		}
		if (x.type != XML_READER_TYPE_ELEMENT)
			continue;
		if (ss_xml_is_start(&x, "VulinfoID") && d == vdepth + 1)
			error = text(&v.id, &x);
		else if (ss_xml_is_start(&x, "Title") && strcmp(PARENT(d), "VulinfoData") == 0)
			error = text(&v.title, &x);
		else if (ss_xml_is_start(&x, "Overview") &&
			 strcmp(PARENT(d), "VulinfoDescription") == 0)
			error = text(&v.overview, &x);
		else if (ss_xml_is_start(&x, "DateFirstPublished"))
			error = text(&v.first_published, &x);
		else if (ss_xml_is_start(&x, "DatePublic"))
			error = text(&v.public, &x);
		else if (ss_xml_is_start(&x, "DateLastUpdated"))
			error = text(&v.updated, &x);
		else if (ss_xml_is_start(&x, "AffectedItem")) {
			if ((error = one_link(&x, &v)) == 0)
				json_array_append_new(
					v.affected, json_pack("{s:[], s:[]}", "cpes", "versions"));
		} else if (ss_xml_is_start(&x, "Cpe") && strcmp(PARENT(d), "AffectedItem") == 0) {
			char *t = NULL;
			int line = ss_xml_line(&x);

			if ((error = one_link(&x, &v)) == 0 && (error = text(&t, &x)) == 0) {
				json_t *item =
					json_array_get(v.affected, json_array_size(v.affected) - 1);
				ss_advis_cpe p;

				if (ss_advis__cpe_parse(&p, t) < 0)
					error = ss_error_prefix(SS_EPARSE, "%s:%d: Cpe: ", c.path,
								line);
				ss_advis__cpe_release(&p);
				json_array_append_new(
					json_object_get(item, "cpes"),
					json_pack("{s:s, s:i}", "cpe", t, "line", line));
			}
			free(t);
		} else if (ss_xml_is_start(&x, "VersionNumber") &&
			   strcmp(PARENT(d), "AffectedItem") == 0) {
			char *t = NULL;

			if ((error = one_link(&x, &v)) == 0 && (error = text(&t, &x)) == 0 && *t)
				json_array_append_new(
					json_object_get(
						json_array_get(v.affected,
							       json_array_size(v.affected) - 1),
						"versions"),
					json_string(t));
			free(t);
		} else if (ss_xml_is_start(&x, "Cvss") && strcmp(PARENT(d), "Impact") == 0) {
			char *ver = ss_xml_attr(&x, "version");

			if ((error = one_link(&x, &v)) == 0)
				json_array_append_new(
					v.cvss, json_pack("{s:s}", "version", ver ? ver : ""));
			xmlFree(ver);
		} else if ((ss_xml_is_start(&x, "Base") || ss_xml_is_start(&x, "Vector")) &&
			   strcmp(PARENT(d), "Cvss") == 0) {
			error = text_into(&x, v.cvss,
					  ss_xml_is_start(&x, "Base") ? "base" : "vector");
		} else if (ss_xml_is_start(&x, "RelatedItem")) {
			char *type = ss_xml_attr(&x, "type");

			if ((error = one_link(&x, &v)) == 0)
				json_array_append_new(v.related,
						      json_pack("{s:s}", "type", type ? type : ""));
			xmlFree(type);
		} else if (strcmp(PARENT(d), "RelatedItem") == 0 &&
			   (ss_xml_is_start(&x, "Name") || ss_xml_is_start(&x, "VulinfoID") ||
			    ss_xml_is_start(&x, "URL"))) {
			error = text_into(&x, v.related,
					  ss_xml_is_start(&x, "Name")  ? "name"
					  : ss_xml_is_start(&x, "URL") ? "url"
								       : "id");
		}
		if (error < 0)
			goto out;
	}
	if (rc < 0) {
		error = rc;
		goto out;
	}
	if (!root) {
		error = ss_error_set(SS_EPARSE, "%s: no XML element in the file", c.path);
		goto out;
	}
	json_object_set_new(info, "name", json_string("JVN iPedia"));
	json_object_set_new(info, "version", json_string(doc_version ? doc_version : "VULDEF"));
	json_object_set_new(info, "format", json_string("VULDEF"));
out:
	if (res) {
		regfree(&c.cve_re);
		regfree(&c.cwe_re);
		regfree(&c.version_re);
	}
	ss_xml_close(&x);
	xmlFree(doc_version);
	vulinfo_clear(&v);
	ss_buf_release(&c.a);
	ss_buf_release(&c.b);
	ss_buf_release(&c.c);
	ss_buf_release(&c.d);
	ss_buf_release(&c.e);
	return error;
}
