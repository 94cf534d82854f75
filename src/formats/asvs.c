/* OWASP ASVS 4.0.3 and 5.0.0 as their "flat" JSON (plain or gzip), streamed
 * requirement by requirement: ids, levels, text and CWE links. */
#include <stdio.h>
#include <string.h>

#include "formats/import.h"
#include "formats/jsonstream.h"
#include "util/util.h"
#include "util/banned.h"

typedef struct {
	ss_ref_sink *sink;
	json_t *info;
	int64_t index;
	bool v5;
} asvs_ctx;

static const char *level_of(const json_t *r, char *buf, size_t n)
{
	/* 5.0.0 has "L": "1".."3"; 4.0.3 marks level1..level3 with a check mark */
	if (ss_js_or_null(r, "L"))
		return ss_js(r, "L");
	snprintf(buf, n, "%s",
		 *ss_js(r, "level1")   ? "1"
		 : *ss_js(r, "level2") ? "2"
		 : *ss_js(r, "level3") ? "3"
				       : "");
	return buf;
}

static int one_requirement(void *vctx, json_t *r)
{
	asvs_ctx *c = vctx;
	ss_sink_asvs row;
	char level[4];
	int error;

	c->index++;
	row.id = ss_js_or_null(r, "req_id");
	row.description = ss_js_or_null(r, "req_description");
	if (!json_is_object(r) || !row.id || !row.description)
		return ss_error_set(SS_EPARSE, "requirement %lld has no req_id or req_description",
				    (long long)c->index);
	c->v5 = c->v5 || ss_js_or_null(r, "L");
	row.level = level_of(r, level, sizeof(level));
	row.cwe = ss_js_or_null(r, "cwe");
	if ((error = SS_SINK_PUT(c->sink, asvs, &row)) < 0)
		return error;
	ss_format_count(c->info, N_("requirement"));
	return 0;
}

int ss_format_asvs(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	asvs_ctx c = {.sink = out, .info = info};
	json_t *top = NULL;
	bool absent = false;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_asvs: NULL argument");
	error = ss_jstream(&top, in, "requirements", one_requirement, &c,
			   lim ? lim : &ss_asvs_limits, &absent);
	if (error < 0 && absent) {
		error = ss_error_set(SS_EPARSE,
				     "%s: no 'requirements' list; give the flat JSON edition "
				     "(…flat.json)",
				     in->path);
		goto out;
	}
	if (error < 0)
		goto out;
	if (c.index == 0) {
		error = ss_error_set(SS_EPARSE, "%s: the file holds no requirements", in->path);
		goto out;
	}
	json_object_set_new(info, "name", json_string("OWASP ASVS"));
	json_object_set_new(info, "version", json_string(c.v5 ? "5.0.0" : "4.0.3"));
out:
	json_decref(top);
	return error;
}
