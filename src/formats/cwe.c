/* MITRE CWE as its XML catalog (plain or gzip), streamed: weaknesses with
 * their status, abstraction, mapping usage and ChildOf parents; categories
 * and views by id and name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/import.h"
#include "formats/xml.h"
#include "util/util.h"
#include "util/banned.h"

typedef struct {
	char kind[16];
	int64_t id;
	char *name, *status, *abstraction, *usage;
	json_t *parents;
	int line;
} entry;

static void entry_clear(entry *e)
{
	xmlFree(e->name);
	xmlFree(e->status);
	xmlFree(e->abstraction);
	free(e->usage);
	json_decref(e->parents);
	memset(e, 0, sizeof(*e));
}

static int flush(ss_ref_sink *sink, entry *e, json_t *info, const char *path)
{
	ss_buf parents = SS_BUF_INIT(1 << 20);
	int error;

	if (!e->kind[0])
		return 0;
	if (!e->name || e->id <= 0) {
		if (e->kind[0] == 'w')
			error = ss_error_set(SS_EPARSE,
					     "%s:%d: a weakness without a numeric ID or a Name",
					     path, e->line);
		else if (e->kind[0] == 'c')
			error = ss_error_set(SS_EPARSE,
					     "%s:%d: a category without a numeric ID or a Name",
					     path, e->line);
		else
			error = ss_error_set(SS_EPARSE,
					     "%s:%d: a view without a numeric ID or a Name", path,
					     e->line);
		goto out;
	}
	if ((error = ss_json_canonical(&parents, e->parents)) < 0)
		goto out;
	{
		ss_sink_cwe row = {e->kind,        e->id,    e->name,    e->status,
				   e->abstraction, e->usage, parents.ptr};

		if ((error = SS_SINK_PUT(sink, cwe, &row)) < 0)
			goto out;
	}
	ss_format_count(info, e->kind);
out:
	ss_buf_release(&parents);
	entry_clear(e);
	return error;
}

int ss_format_cwe(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	static const char *const kinds[][2] = {
		{"Weakness", N_("weakness")}, {"Category", N_("category")}, {"View", N_("view")}};
	ss_xml x;
	entry e = {0};
	bool root_seen = false;
	const char *path;
	uint64_t records = 0;
	int rc, error;
	size_t k;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_cwe: NULL argument");
	path = in->path;
	lim = lim ? lim : &ss_cwe_limits;
	if ((error = ss_xml_open(&x, in, lim)) < 0)
		return error;
	while ((rc = ss_xml_next(&x)) > 0) {
		if (x.type != XML_READER_TYPE_ELEMENT)
			continue; /* only element starts matter here */
		if (!root_seen) {
			char *name, *version;

			root_seen = true;
			if (!ss_xml_is_start(&x, "Weakness_Catalog")) {
				error = ss_error_set(SS_EPARSE,
						     "%s:%d: not a CWE catalog (the root is "
						     "not Weakness_Catalog)",
						     path, ss_xml_line(&x));
				goto out;
			}
			name = ss_xml_attr(&x, "Name");
			version = ss_xml_attr(&x, "Version");
			json_object_set_new(info, "name", json_string(name ? name : "CWE"));
			json_object_set_new(info, "version", json_string(version ? version : ""));
			xmlFree(name);
			xmlFree(version);
			continue;
		}
		for (k = 0; k < 3; k++) {
			if (ss_xml_is_start(&x, kinds[k][0]) && ss_xml_depth(&x) == 2) {
				char *id;

				if ((error = flush(out, &e, info, path)) < 0)
					goto out;
				if (++records > lim->records) {
					error = ss_xml_limit(&x,
							     "over the record count limit: more "
							     "weaknesses, categories and views "
							     "than %llu",
							     (unsigned long long)lim->records);
					goto out;
				}
				snprintf(e.kind, sizeof(e.kind), "%s", kinds[k][1]);
				e.line = ss_xml_line(&x);
				id = ss_xml_attr(&x, "ID");
				if (!id || ss_parse_int(&e.id, id, 1, 10000000) < 0)
					e.id = 0;
				xmlFree(id);
				e.name = ss_xml_attr(&x, "Name");
				e.status = ss_xml_attr(&x, "Status");
				e.abstraction = ss_xml_attr(&x, "Abstraction");
				e.parents = json_array();
			}
		}
		if (!e.kind[0])
			continue;
		if (ss_xml_is_start(&x, "Related_Weakness")) {
			char *nature = ss_xml_attr(&x, "Nature"), *id = ss_xml_attr(&x, "CWE_ID");
			int64_t pid;

			if (nature && id && strcmp(nature, "ChildOf") == 0 &&
			    ss_parse_int(&pid, id, 1, 10000000) == 0)
				json_array_append_new(e.parents, json_integer(pid));
			xmlFree(nature);
			xmlFree(id);
			if (json_array_size(e.parents) > lim->record_values) {
				error = ss_xml_limit(&x,
						     "over the record link limit: more "
						     "ChildOf links in one entry than %llu",
						     (unsigned long long)lim->record_values);
				goto out;
			}
		} else if (ss_xml_is_start(&x, "Usage") && !e.usage) {
			if ((error = ss_xml_text(&e.usage, &x)) < 0)
				goto out;
		}
	}
	if (rc < 0) {
		error = rc;
		goto out;
	}
	if ((error = flush(out, &e, info, path)) < 0)
		goto out;
	if (!root_seen || !json_object_get(json_object_get(info, "counts"), "weakness"))
		error = ss_error_set(SS_EPARSE, "%s: the file holds no CWE weaknesses", path);
out:
	entry_clear(&e);
	ss_xml_close(&x);
	return error;
}
