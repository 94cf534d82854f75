/* OWASP ASVS 4.0.3 and 5.0.0 as their "flat" JSON: requirement ids, levels,
 * text and CWE links. */
#include <stdio.h>
#include <string.h>

#include "formats/import.h"
#include "store/refs.h"
#include "util/util.h"
#include "util/banned.h"

#define ASVS_FILE_MAX ((size_t)16 * 1024 * 1024)

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

int ss_format_asvs(ss_store *st, int64_t src, const char *path, json_t *info)
{
	ss_buf data = SS_BUF_INIT(ASVS_FILE_MAX);
	json_t *doc = NULL;
	const json_t *r;
	json_error_t jerr;
	bool v5 = false;
	char level[4];
	size_t i;
	int error;

	if ((error = ss_file_read(&data, path, ASVS_FILE_MAX)) < 0)
		goto out;
	if (!(doc = json_loadb(data.ptr, data.len, JSON_REJECT_DUPLICATES, &jerr))) {
		error = ss_error_set(SS_EPARSE, "%s:%d:%d: malformed JSON: %s", path, jerr.line,
				     jerr.column, jerr.text);
		goto out;
	}
	if (!json_is_array(json_object_get(doc, "requirements"))) {
		error = ss_error_set(SS_EPARSE,
				     "%s: no 'requirements' list; give the flat JSON edition "
				     "(…flat.json)",
				     path);
		goto out;
	}
	json_array_foreach(json_object_get(doc, "requirements"), i, r) {
		const char *id = ss_js_or_null(r, "req_id");

		if (!id || !ss_js_or_null(r, "req_description")) {
			error = ss_error_set(SS_EPARSE,
					     "%s: requirement %zu has no req_id or req_description",
					     path, i + 1);
			goto out;
		}
		v5 = v5 || ss_js_or_null(r, "L");
		if ((error = ss_rstore_asvs_put(st, src, id, level_of(r, level, sizeof(level)),
						ss_js(r, "req_description"),
						ss_js_or_null(r, "cwe"))) < 0)
			goto out;
		ss_format_count(info, "requirement");
	}
	if (i == 0) {
		error = ss_error_set(SS_EPARSE, "%s: the file holds no requirements", path);
		goto out;
	}
	json_object_set_new(info, "name", json_string("OWASP ASVS"));
	json_object_set_new(info, "version", json_string(v5 ? "5.0.0" : "4.0.3"));
out:
	json_decref(doc);
	ss_buf_release(&data);
	return error;
}
