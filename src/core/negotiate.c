/*
 * The negotiation's records (rules 3): proposals outside the catalog and
 * their answers, cost allocations, vendor candidates, NDAs and the
 * selection, laws, contracts, retention, diagnoses, the requirement
 * standard. They have no state table: the rule book holds them, and a read
 * folds the project's log through it (the writer folds the same events
 * before every append), so the document shows exactly what the rules
 * judged. This file reads them, hashes the documents they cite, and holds
 * what their writers (negotiate_write.c) share.
 */
#include <stdio.h>
#include <string.h>

#include "core/negotiate_int.h"
#include "store/rules_store.h"
#include "util/banned.h"

struct fold_ctx {
	ss_rules *r;
	int64_t upto;
};

static int fold(void *vctx, const ss_event_row *row)
{
	const struct fold_ctx *c = vctx;

	return row->seq > c->upto ? 0 : ss__rules_fold_row(c->r, row);
}

int ss__negotiation(json_t **out, ss_store *st, int64_t pid, const char *project, int64_t upto)
{
	struct fold_ctx c = {ss_rules_new(project, NULL, NULL), upto};
	json_t *rep;
	int error;

	if (!c.r)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_lstore_rule_events(st, pid, fold, &c)) < 0)
		goto out;
	if (!(rep = ss_rules_negotiation(c.r))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	*out = rep;
out:
	ss_rules_free(c.r);
	return error;
}

/* --- reading ------------------------------------------------------------------ */

int ss_negotiation_show(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	bool began = false;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_negotiation_show: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, NULL, st, project)) == 0)
		error = ss__negotiation(out, st, ss_ji(key, "id"), project, INT64_MAX);
	ss_store__read_end(st, began);
	json_decref(key);
	return error;
}

int ss_negotiation_list(json_t **out, ss_store *st, const char *project, const char *kind)
{
	json_t *all = NULL;
	int error;

	if (!out || !st || !kind)
		return ss_error_set(SS_EINVAL, "ss_negotiation_list: NULL argument");
	if ((error = ss__nego_pick("list", kind, ss_rules_registers,
				   "candidates, proposals, costs, laws, contracts, retention, "
				   "diagnoses, standards, itassets or network")) < 0 ||
	    (error = ss_negotiation_show(&all, st, project)) < 0)
		return error;
	/* a register of rules 5 is in the report once it holds a record */
	*out = json_object_get(all, kind) ? json_incref(json_object_get(all, kind)) : json_array();
	json_decref(all);
	return 0;
}

/* Open: not answered yet, or deferred. */
static bool open_proposal(const json_t *p)
{
	const json_t *a = json_object_get(p, "answer");

	return !a || strcmp(ss_js(a, "answer"), "defer") == 0;
}

int ss_proposal_list(json_t **out, ss_store *st, const char *project, bool open_only)
{
	json_t *all = NULL;
	size_t i = 0;
	int error;

	if ((error = ss_negotiation_list(&all, st, project, "proposals")) < 0)
		return error;
	while (open_only && i < json_array_size(all)) {
		if (open_proposal(json_array_get(all, i)))
			i++;
		else
			json_array_remove(all, i);
	}
	*out = all;
	return 0;
}

/* --- documents ---------------------------------------------------------------- */

void ss_document_of(ss_document *out, const char *name, const void *data, size_t len)
{
	out->name = name;
	ss_sha256_hex(out->sha256, data, len);
	out->size = (int64_t)len;
}

int ss_document_read(ss_document *out, const char *path)
{
	ss_buf data = SS_BUF_INIT((size_t)SS_DOCUMENT_MAX);
	const char *name;
	int error;

	if (!out || !path)
		return ss_error_set(SS_EINVAL, "ss_document_read: NULL argument");
	name = ss_base_name(path);
	if ((error = ss_text_check(_("the document's file name"), name, SS_NAME_MAX, false)) < 0)
		return error;
	if ((error = ss_file_read(&data, path, (size_t)SS_DOCUMENT_MAX)) < 0) {
		char why[SS_ERROR_MAX];

		/* say what the file was for */
		snprintf(why, sizeof(why), "%s", ss_error_last());
		if (error == SS_EINVAL)
			ss_error_set(error, "%s: give the document's file", why);
		else if (error == SS_ELIMIT)
			ss_error_set(error, "%s (64 MiB) for a document recorded by its hash", why);
		goto out;
	}
	ss_document_of(out, name, data.ptr, data.len);
out:
	ss_buf_release(&data);
	return error;
}

/* --- what the writers share --------------------------------------------------- */

int ss__nego_begin(ss_write *w, ss_store *st, const char *project, const char *by, const char *type)
{
	int error;

	if ((error = ss__nego_need("--by", by, "the person making the record")) < 0)
		return error;
	/* the permission of the type, as the rule book will ask it */
	return ss_write__begin(w, st, project, by, (ss_action)ss_perm_action_of(type));
}

const json_t *ss__nego_record(const ss_write *w, const char *kind, const char *key)
{
	return key ? json_object_get(ss_rules_register(w->rules, kind), key) : NULL;
}

int ss__nego_supersedes(json_t *data, const json_t *current, bool supersede, const char *what)
{
	if (!supersede)
		return 0;
	if (!current)
		return ss_error_set(SS_ENOTFOUND,
				    "%s is not recorded, so there is nothing to supersede: record "
				    "it without --supersede",
				    what);
	if (json_object_set_new(data, "supersedes", json_integer(ss_ji(current, "seq"))) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

int ss__nego_append(json_t **out, ss_write *w, const char *project, const char *type, json_t *data)
{
	json_t *res;
	int error;

	if (!data)
		return ss_error_set(SS_ENOMEM, "out of memory building an event");
	if (!(res = json_deep_copy(data))) {
		json_decref(data);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	if ((error = ss_write__event(w, type, data)) < 0 || (error = ss_write__commit(w)) < 0) {
		json_decref(res);
		return error;
	}
	json_object_set_new(res, "project", json_string(project));
	json_object_set_new(res, "seq", json_integer((json_int_t)w->seq));
	*out = res;
	return 0;
}

int ss__nego_set(json_t **out, ss_store *st, const char *project, const char *by, const char *type,
		 json_t *data, const char *kind, const char *field, bool supersede,
		 const char *what)
{
	ss_write w = {0};
	const char *key = ss_js(data, field);
	int error;

	if (!data)
		return ss_error_set(SS_ENOMEM, "out of memory building an event");
	if ((error = ss__nego_begin(&w, st, project, by, type)) < 0)
		goto out;
	if ((error = ss__nego_supersedes(data, ss__nego_record(&w, kind, key), supersede, what)) <
	    0)
		goto out;
	error = ss__nego_append(out, &w, project, type, data);
	data = NULL;
out:
	ss_write__release(&w);
	json_decref(data);
	return error;
}

int ss__nego_need(const char *opt, const void *value, const char *what)
{
	if (value)
		return 0;
	return ss_error_set(SS_EINVAL, "%s is required: %s", _(opt), _(what));
}

int ss__nego_pick(const char *opt, const char *value, const char *const *set, const char *list)
{
	const char *const *s;

	if (!value)
		return ss_error_set(SS_EINVAL, "%s is required: %s", _(opt), _(list));
	for (s = set; *s; s++)
		if (strcmp(*s, value) == 0)
			return 0;
	return ss_error_set(SS_EINVAL, "%s must be %s, not '%.60s'", _(opt), _(list), value);
}

int ss__nego_name(const char *opt, const char *value)
{
	return ss_name_check(_(opt), value, SS_NAME_MAX);
}

int ss__nego_text(const char *opt, const char *value, bool multiline)
{
	if (!value)
		return 0;
	return ss_text_check(_(opt), value, SS_TEXT_MAX, multiline);
}

int ss__nego_date(const char *opt, const char *value)
{
	if (!value)
		return 0;
	if (!ss_date_valid(value))
		return ss_error_set(SS_EINVAL, "%s must be a date YYYY-MM-DD, not '%.40s'", _(opt),
				    value);
	return 0;
}
