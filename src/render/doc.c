/*
 * The structure of the security specification, written once for every
 * format through an emitter. The order of everything is fixed by the model
 * (catalog order, key order), so the same state gives the same bytes.
 */
#include <stdio.h>
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

#define E(call)                                                                                    \
	do {                                                                                       \
		if ((error = (call)) < 0)                                                          \
			goto out;                                                                  \
	} while (0)

static const char *side_text(const ss_doc *d, const char *side)
{
	return strcmp(side, "user") == 0 ? ss_tr(d, "side_user") : ss_tr(d, "side_vendor");
}

static const char *role_text(const ss_doc *d, const char *role)
{
	if (strcmp(role, "lead") == 0)
		return ss_tr(d, "role_lead");
	if (strcmp(role, "member") == 0)
		return ss_tr(d, "role_member");
	if (strcmp(role, "management") == 0)
		return ss_tr(d, "role_management");
	if (strcmp(role, "auditor") == 0)
		return ss_tr(d, "role_auditor");
	return role;
}

/* Join a JSON array of strings with sep into b (cleared first). */
static const char *join(ss_buf *b, const json_t *arr, const char *sep)
{
	const json_t *e;
	size_t i;

	ss_buf_clear(b);
	json_array_foreach(arr, i, e) {
		if (i)
			ss_buf_puts(b, sep);
		ss_buf_puts(b, json_string_value(e) ? json_string_value(e) : "");
	}
	return b->ptr;
}

static const char *axis_level(const ss_doc *d, const char *axis, json_int_t level)
{
	const json_t *ax;
	size_t i;

	json_array_foreach(json_object_get(d->m, "impact_axes"), i, ax) {
		if (strcmp(ss_js(ax, "id"), axis) == 0)
			return ss_pick(d, json_array_get(json_object_get(ax, "levels"),
							 (size_t)level - 1));
	}
	return "";
}

static int header(ss_doc *d)
{
	const json_t *p = json_object_get(d->m, "project"), *step = json_object_get(d->m, "step");
	char title[512], line[512];
	int error;

	snprintf(title, sizeof(title), "%s: %s", ss_tr(d, "doc_title"), ss_js(p, "name"));
	E(d->em->begin(d, title));
	E(d->em->heading(d, 1, title, NULL));
	E(d->em->kv_begin(d));
	E(d->em->kv(d, ss_tr(d, "project"), ss_js(p, "name")));
	E(d->em->kv(d, ss_tr(d, "user_org"), ss_js(p, "user_org")));
	E(d->em->kv(d, ss_tr(d, "vendor_org"), ss_js(p, "vendor_org")));
	snprintf(line, sizeof(line), "%s (%s)", ss_pick(d, json_object_get(p, "catalog_title")),
		 ss_js(p, "catalog_version"));
	E(d->em->kv(d, ss_tr(d, "catalog"), line));
	E(d->em->kv(d, ss_tr(d, "catalog_hash"), ss_js(p, "catalog_hash")));
	snprintf(line, sizeof(line), "(%lld) %s / %s", (long long)ss_ji(step, "step"),
		 ss_pick(d, json_object_get(step, "stage")),
		 ss_pick(d, json_object_get(step, "name")));
	E(d->em->kv(d, ss_tr(d, "phase"), line));
	snprintf(line, sizeof(line), "%lld %s", (long long)ss_ji(p, "events"), ss_tr(d, "events"));
	E(d->em->kv(d, ss_tr(d, "ledger"), line));
	E(d->em->kv(d, ss_tr(d, "ledger_head"), ss_js(p, "head")));
	E(d->em->kv_end(d));
out:
	return error;
}

static int parties(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "person"), ss_tr(d, "side"), ss_tr(d, "role"),
			   ss_tr(d, "keys")};
	const json_t *m, *k;
	ss_buf keys = SS_BUF_INIT(1 << 16);
	char who[512], role[256];
	size_t i, j, ncol = 3;
	int error;

	/* the keys column only when someone has a key: a document made before
	 * keys were printed renders as it did */
	json_array_foreach(json_object_get(d->m, "members"), i, m) {
		if (json_array_size(json_object_get(m, "keys")) > 0)
			ncol = 4;
	}
	E(d->em->heading(d, 2, ss_tr(d, "s_parties"), "parties"));
	E(d->em->table_begin(d, h, ncol));
	json_array_foreach(json_object_get(d->m, "members"), i, m) {
		const char *row[4];

		ss_person(d, ss_js(m, "person"), who, sizeof(who));
		snprintf(role, sizeof(role), "%s%s", role_text(d, ss_js(m, "role")),
			 json_is_true(json_object_get(m, "active")) ? "" : ss_tr(d, "inactive"));
		ss_buf_clear(&keys);
		json_array_foreach(json_object_get(m, "keys"), j, k) {
			E(ss_buf_printf(&keys, "%s%s", j ? " " : "", json_string_value(k)));
		}
		row[0] = who;
		row[1] = side_text(d, ss_js(m, "side"));
		row[2] = role;
		row[3] = keys.ptr;
		E(d->em->table_row(d, row, ncol));
	}
	E(d->em->table_end(d));
	if (ncol == 4)
		E(d->em->para(d, ss_tr(d, "keys_note")));
out:
	ss_buf_release(&keys);
	return error;
}

static int risk(ss_doc *d)
{
	static const char *const axes[] = {"duration", "reach", "damage", "trust"};
	const json_t *a, *s, *q, *ms;
	ss_buf b1 = SS_BUF_INIT(1 << 20);
	char lv[8];
	const char *h[10];
	size_t i, j;
	int error, k;

	E(d->em->heading(d, 2, ss_tr(d, "s_risk"), "risk"));
	E(d->em->heading(d, 3, ss_tr(d, "s_levels"), NULL));
	E(d->em->para(d, ss_tr(d, "levels_note")));
	h[0] = ss_tr(d, "level");
	for (k = 0; k < 4; k++)
		h[k + 1] = ss_label(d, "impact_axes", axes[k]);
	E(d->em->table_begin(d, h, 5));
	for (k = 1; k <= 3; k++) {
		const char *row[5] = {ss_level_text(k), axis_level(d, "duration", k),
				      axis_level(d, "reach", k), axis_level(d, "damage", k),
				      axis_level(d, "trust", k)};

		E(d->em->table_row(d, row, 5));
	}
	E(d->em->table_end(d));

	E(d->em->heading(d, 3, ss_tr(d, "s_assets"), "assets"));
	h[0] = ss_tr(d, "asset");
	h[1] = ss_tr(d, "kind");
	h[2] = ss_tr(d, "system");
	h[3] = ss_tr(d, "devices");
	for (k = 0; k < 4; k++)
		h[k + 4] = ss_label(d, "impact_axes", axes[k]);
	h[8] = ss_tr(d, "level");
	E(d->em->table_begin(d, h, 9));
	json_array_foreach(json_object_get(d->m, "assets"), i, a) {
		const json_t *im = json_object_get(a, "impact");
		char name[600];
		const char *row[9];

		snprintf(name, sizeof(name), "%s\n[%s]", ss_js(a, "name"), ss_js(a, "id"));
		row[0] = name;
		row[1] = ss_pick(d, json_object_get(a, "kind_label"));
		row[2] = ss_js(a, "system");
		row[3] = join(&b1, json_object_get(a, "devices"), "\n");
		for (k = 0; k < 4; k++)
			row[k + 4] =
				ss_level_text(json_integer_value(json_object_get(im, axes[k])));
		row[8] = ss_level_text(ss_ji(a, "level"));
		E(d->em->table_row(d, row, 9));
	}
	E(d->em->table_end(d));
	/* the answers to each kind's questions */
	E(d->em->para(d, ss_tr(d, "answers")));
	h[0] = ss_tr(d, "asset");
	h[1] = ss_tr(d, "question");
	h[2] = ss_tr(d, "answer");
	E(d->em->table_begin(d, h, 3));
	json_array_foreach(json_object_get(d->m, "assets"), i, a) {
		json_array_foreach(json_object_get(a, "answers"), j, q) {
			const char *ques =
				json_object_get(q, "question") &&
						!json_is_null(json_object_get(q, "question"))
					? ss_pick(d, json_object_get(q, "question"))
					: ss_js(q, "id");
			const char *ans = ss_js_or_null(q, "answer");
			const char *row[3] = {ss_js(a, "id"), ques,
					      ans ? ans : ss_tr(d, "no_answer")};

			E(d->em->table_row(d, row, 3));
		}
	}
	E(d->em->table_end(d));

	E(d->em->heading(d, 3, ss_tr(d, "s_systems"), "systems"));
	h[0] = ss_tr(d, "system");
	h[1] = ss_tr(d, "devices");
	h[2] = ss_tr(d, "level");
	h[3] = ss_tr(d, "policy_col");
	h[4] = ss_tr(d, "implementation");
	E(d->em->table_begin(d, h, 5));
	json_array_foreach(json_object_get(d->m, "systems"), i, s) {
		ms = json_object_get(s, "measures");
		lv[0] = '\0';
		snprintf(lv, sizeof(lv), "%s", ss_level_text(ss_ji(s, "level")));
		if (json_array_size(ms) == 0) {
			const char *row[5] = {ss_js(s, "name"),
					      join(&b1, json_object_get(s, "devices"), "\n"), lv,
					      ss_tr(d, "none"), ""};

			E(d->em->table_row(d, row, 5));
		}
		json_array_foreach(ms, j, q) {
			const char *row[5] = {
				j ? "" : ss_js(s, "name"),
				j ? "" : join(&b1, json_object_get(s, "devices"), "\n"),
				j ? "" : lv, ss_label(d, "categories", ss_js(q, "policy")),
				ss_js(q, "implementation")};

			E(d->em->table_row(d, row, 5));
		}
	}
	E(d->em->table_end(d));
out:
	ss_buf_release(&b1);
	return error;
}

static int summary(ss_doc *d)
{
	static const char *const keys[][2] = {
		{"requirements", "requirements"}, {"open", "open"},
		{"implement", "p_implement"},     {"accept", "p_accept"},
		{"alternative", "p_alternative"}, {"na", "p_na"},
		{"approved", "approved"},         {"pending_approval", "pending"},
		{"rejected", "rejected"}};
	const json_t *s = json_object_get(d->m, "summary");
	const char *h[2] = {"", ""};
	char num[32];
	size_t i;
	int error;

	E(d->em->heading(d, 2, ss_tr(d, "s_summary"), "summary"));
	E(d->em->table_begin(d, h, 2));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *row[2] = {ss_tr(d, keys[i][1]), num};

		snprintf(num, sizeof(num), "%lld", (long long)ss_ji(s, keys[i][0]));
		E(d->em->table_row(d, row, 2));
	}
	E(d->em->table_end(d));
out:
	return error;
}

static void who_when(const ss_doc *d, char *out, size_t n, const char *person, const char *at)
{
	char who[400];

	ss_person(d, person, who, sizeof(who));
	snprintf(out, n, "%s\n%s", who, at);
}

static const char *approval_text(const ss_doc *d, const json_t *ap, char *out, size_t n)
{
	const char *state = ss_js(ap, "state");
	char who[512];

	if (strcmp(state, "approved") != 0 && strcmp(state, "rejected") != 0)
		return ss_tr(d, "pending");
	who_when(d, who, sizeof(who), ss_js(ap, "by"), ss_js(ap, "at"));
	snprintf(out, n, "%s: %s%s%s", ss_tr(d, state), who, ss_js_or_null(ap, "note") ? "\n" : "",
		 ss_js(ap, "note"));
	return out;
}

static int reg(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "id"),     ss_tr(d, "title"),      ss_tr(d, "decision"),
			   ss_tr(d, "reason"), ss_tr(d, "decided_by"), ss_tr(d, "approval")};
	const json_t *r;
	ss_buf reason = SS_BUF_INIT(1 << 20);
	char who[600], appr[5000];
	size_t i, n = 0;
	int error;

	E(d->em->heading(d, 2, ss_tr(d, "s_register"), "register"));
	E(d->em->para(d, ss_tr(d, "register_note")));
	E(d->em->table_begin(d, h, 6));
	json_array_foreach(json_object_get(d->m, "requirements"), i, r) {
		const json_t *dec = json_object_get(r, "decision");
		const char *pol = ss_js(dec, "policy");
		const char *row[6];

		if (!dec || strcmp(pol, "implement") == 0)
			continue;
		ss_buf_clear(&reason);
		ss_buf_puts(&reason, ss_js(dec, "reason"));
		if (ss_js_or_null(dec, "alternative"))
			ss_buf_printf(&reason, "\n%s: %s", ss_tr(d, "alternative"),
				      ss_js(dec, "alternative"));
		if (ss_js_or_null(dec, "review_by"))
			ss_buf_printf(&reason, "\n%s: %s", ss_tr(d, "review_by"),
				      ss_js(dec, "review_by"));
		who_when(d, who, sizeof(who), ss_js(dec, "by"), ss_js(dec, "at"));
		row[0] = ss_js(r, "id");
		row[1] = ss_pick(d, json_object_get(r, "title"));
		row[2] = ss_policy_text(d, pol);
		row[3] = reason.ptr;
		row[4] = who;
		row[5] = json_object_get(r, "approval")
				 ? approval_text(d, json_object_get(r, "approval"), appr,
						 sizeof(appr))
				 : "-";
		E(d->em->table_row(d, row, 6));
		n++;
	}
	E(d->em->table_end(d));
	if (n == 0)
		E(d->em->para(d, ss_tr(d, "none_register")));
out:
	ss_buf_release(&reason);
	return error;
}

static int open_items(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "id"), ss_tr(d, "title"), ss_tr(d, "s_items")};
	const json_t *r;
	size_t i, n = 0;
	int error;

	E(d->em->heading(d, 2, ss_tr(d, "s_open"), "open"));
	json_array_foreach(json_object_get(d->m, "requirements"), i, r) {
		const char *row[3];

		if (json_object_get(r, "decision"))
			continue;
		if (n++ == 0) {
			h[2] = ss_tr(d, "kind");
			E(d->em->table_begin(d, h, 3));
		}
		row[0] = ss_js(r, "id");
		row[1] = ss_pick(d, json_object_get(r, "title"));
		row[2] = json_is_true(json_object_get(r, "default"))
				 ? ss_tr(d, "default_mark")
				 : ss_label(d, "sections", ss_js(r, "section"));
		E(d->em->table_row(d, row, 3));
	}
	if (n)
		E(d->em->table_end(d));
	else
		E(d->em->para(d, ss_tr(d, "open_none")));
out:
	return error;
}

/* Events up to the last complete agreement; decisions after it are marked. */
static int64_t agreed_upto(const ss_doc *d, const char **name)
{
	const json_t *m;
	int64_t upto = 0;
	size_t i;

	json_array_foreach(json_object_get(d->m, "agreements"), i, m) {
		if (json_is_true(json_object_get(m, "complete")) && ss_ji(m, "tree_size") >= upto) {
			upto = ss_ji(m, "tree_size");
			*name = ss_js(m, "name");
		}
	}
	return upto;
}

static int item(ss_doc *d, const json_t *r, ss_buf *b)
{
	const json_t *dec = json_object_get(r, "decision"), *s, *ad;
	char head[800], line[800], appr[5000];
	size_t i;
	int error;

	snprintf(head, sizeof(head), "%s %s", ss_js(r, "id"),
		 ss_pick(d, json_object_get(r, "title")));
	E(d->em->heading(d, 4, head, ss_js(r, "id")));
	E(d->em->kv_begin(d));
	snprintf(line, sizeof(line), "%s / %s / %s%s%s%s%s",
		 ss_label(d, "sections", ss_js(r, "section")),
		 ss_label(d, "platforms", ss_js(r, "platform")),
		 ss_label(d, "categories", ss_js(r, "category")),
		 json_is_true(json_object_get(r, "default")) ? " / " : "",
		 json_is_true(json_object_get(r, "default")) ? ss_tr(d, "default_mark") : "",
		 json_is_true(json_object_get(r, "important")) ? " / " : "",
		 json_is_true(json_object_get(r, "important")) ? ss_tr(d, "important_mark") : "");
	E(d->em->kv(d, ss_tr(d, "kind"), line));
	snprintf(line, sizeof(line), "%lld / %lld",
		 (long long)ss_ji(json_object_get(r, "scores"), "incident"),
		 (long long)ss_ji(json_object_get(r, "scores"), "ease"));
	E(d->em->kv(d, ss_tr(d, "scores"), line));
	E(d->em->kv(d, ss_tr(d, "mitigation"), ss_pick(d, json_object_get(r, "mitigation"))));
	if (json_array_size(json_object_get(r, "settings"))) {
		ss_buf_clear(b);
		json_array_foreach(json_object_get(r, "settings"), i, s) {
			ss_buf_printf(b, "%s%s: %s = %s", i ? "\n" : "", ss_js(s, "where"),
				      ss_js(s, "key"), ss_js(s, "value"));
		}
		E(d->em->kv(d, ss_tr(d, "settings"), b->ptr));
	}
	{
		ss_buf refs = SS_BUF_INIT(1 << 20);
		static const char *const kinds[] = {"attack", "cwe", "asvs"};

		for (i = 0; i < 3; i++) {
			const json_t *l = json_object_get(r, kinds[i]), *e;
			size_t k;

			json_array_foreach(l, k, e) {
				ss_buf_printf(&refs, "%s%s", refs.len ? ", " : "",
					      json_string_value(e));
			}
		}
		if (refs.len)
			error = d->em->kv(d, ss_tr(d, "refs"), refs.ptr);
		ss_buf_release(&refs);
		if (error < 0)
			goto out;
	}
	if (dec) {
		E(d->em->kv(d, ss_tr(d, "decision"), ss_policy_text(d, ss_js(dec, "policy"))));
		if (ss_js_or_null(dec, "reason"))
			E(d->em->kv(d, ss_tr(d, "reason"), ss_js(dec, "reason")));
		if (ss_js_or_null(dec, "alternative"))
			E(d->em->kv(d, ss_tr(d, "alternative"), ss_js(dec, "alternative")));
		if (ss_js_or_null(dec, "review_by"))
			E(d->em->kv(d, ss_tr(d, "review_by"), ss_js(dec, "review_by")));
		who_when(d, line, sizeof(line), ss_js(dec, "by"), ss_js(dec, "at"));
		E(d->em->kv(d, ss_tr(d, "decided_by"), line));
		E(d->em->kv(d, ss_tr(d, "level_at"), ss_level_text(ss_ji(dec, "level"))));
		{
			const char *ms = NULL;
			int64_t upto = agreed_upto(d, &ms);

			if (upto && ss_ji(dec, "seq") > upto) {
				snprintf(line, sizeof(line), "%s (%s)", ss_tr(d, "after_agreement"),
					 ms);
				E(d->em->kv(d, ss_tr(d, "change_mark"), line));
			}
		}
		if (json_object_get(r, "approval"))
			E(d->em->kv(d, ss_tr(d, "approval"),
				    approval_text(d, json_object_get(r, "approval"), appr,
						  sizeof(appr))));
	} else {
		E(d->em->kv(d, ss_tr(d, "decision"), ss_tr(d, "open")));
	}
	json_array_foreach(json_object_get(r, "advice"), i, ad) {
		char who[400];

		ss_person(d, ss_js(ad, "by"), who, sizeof(who));
		ss_buf_clear(b);
		ss_buf_printf(b, "%s (%s, %s)", ss_js(ad, "note"), who, ss_js(ad, "at"));
		E(d->em->kv(d, ss_tr(d, "advice"), b->ptr));
	}
	E(d->em->kv(d, ss_tr(d, "item_hash"), ss_js(r, "item_hash")));
	E(d->em->kv_end(d));
out:
	return error;
}

static int items(ss_doc *d)
{
	const json_t *r;
	ss_buf b = SS_BUF_INIT(1 << 20);
	const char *section = "";
	size_t i;
	int error;

	E(d->em->heading(d, 2, ss_tr(d, "s_items"), "items"));
	json_array_foreach(json_object_get(d->m, "requirements"), i, r) {
		if (strcmp(section, ss_js(r, "section")) != 0) {
			section = ss_js(r, "section");
			E(d->em->heading(d, 3, ss_label(d, "sections", section), section));
		}
		E(item(d, r, &b));
	}
out:
	ss_buf_release(&b);
	return error;
}

static int agreements(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "milestone"), ss_tr(d, "checkpoint"), ss_tr(d, "signatures"),
			   ss_tr(d, "status")};
	const json_t *m, *s;
	ss_buf sig = SS_BUF_INIT(1 << 20);
	char cp[300];
	size_t i, j;
	int error;

	E(d->em->heading(d, 2, ss_tr(d, "s_agreements"), "agreements"));
	if (json_array_size(json_object_get(d->m, "agreements")) == 0) {
		E(d->em->para(d, ss_tr(d, "no_agreements")));
		goto out;
	}
	E(d->em->table_begin(d, h, 4));
	json_array_foreach(json_object_get(d->m, "agreements"), i, m) {
		const char *row[4];

		ss_buf_clear(&sig);
		json_array_foreach(json_object_get(m, "signatures"), j, s) {
			char who[400];

			ss_person(d, ss_js(s, "person"), who, sizeof(who));
			ss_buf_printf(&sig, "%s%s %s", j ? "\n" : "", who, ss_js(s, "time"));
		}
		snprintf(cp, sizeof(cp), "1-%lld\n%s\nSHA-256 %s", (long long)ss_ji(m, "tree_size"),
			 ss_js(m, "root"), ss_js(m, "spec_hash"));
		row[0] = ss_js(m, "name");
		row[1] = cp;
		row[2] = sig.ptr;
		row[3] = json_is_true(json_object_get(m, "complete")) ? ss_tr(d, "complete")
								      : ss_tr(d, "incomplete");
		E(d->em->table_row(d, row, 4));
	}
	E(d->em->table_end(d));
out:
	ss_buf_release(&sig);
	return error;
}

static int evidence(ss_doc *d)
{
	const json_t *p = json_object_get(d->m, "project");
	char n[32];
	int error;

	E(d->em->heading(d, 2, ss_tr(d, "s_evidence"), "evidence"));
	E(d->em->para(d, ss_tr(d, "evidence_note")));
	E(d->em->kv_begin(d));
	snprintf(n, sizeof(n), "%lld", (long long)ss_ji(p, "events"));
	E(d->em->kv(d, ss_tr(d, "ledger"), n));
	E(d->em->kv(d, ss_tr(d, "ledger_head"), ss_js(p, "head")));
	E(d->em->kv(d, ss_tr(d, "catalog_hash"), ss_js(p, "catalog_hash")));
	E(d->em->kv_end(d));
out:
	return error;
}

int ss_render_doc(ss_doc *d)
{
	int error;

	E(header(d));
	E(parties(d));
	E(risk(d));
	E(summary(d));
	E(reg(d));
	E(open_items(d));
	E(items(d));
	E(agreements(d));
	E(evidence(d));
	E(d->em->end(d));
out:
	return error;
}
