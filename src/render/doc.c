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
	if (strcmp(role, "operations") == 0)
		return ss_tr(d, "role_operations");
	if (strcmp(role, "provider") == 0)
		return ss_tr(d, "role_provider");
	if (strcmp(role, "expert") == 0)
		return ss_tr(d, "role_expert");
	return role;
}

/* A localized label of prefix + id ("pk_" "foss"); the id when unknown. */
static const char *word(const ss_doc *d, const char *prefix, const char *id)
{
	char key[64];
	const char *s;

	snprintf(key, sizeof(key), "%s%s", prefix, id);
	s = ss_tr(d, key);
	return strcmp(s, key) == 0 ? id : s;
}

/* A value a reader's view withholds (null in the model) shows as such. */
static const char *shown(const ss_doc *d, const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	if (d->withheld && v && json_is_null(v))
		return ss_tr(d, "withheld_cell");
	return ss_js(obj, key);
}

static bool withheld_value(const ss_doc *d, const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return d->withheld && v && json_is_null(v);
}

/* Numbered headings: "N. title" for a section, "N.M title" for a
 * subsection, counted as the document goes, so that a section shown only in
 * some documents numbers the ones after it. */
static int section(ss_doc *d, const char *key, const char *anchor)
{
	char title[400];

	d->sec++;
	d->sub = 0;
	snprintf(title, sizeof(title), "%d. %s", d->sec, ss_tr(d, key));
	return d->em->heading(d, 2, title, anchor);
}

static int subsection(ss_doc *d, const char *key, const char *anchor)
{
	char title[400];

	d->sub++;
	snprintf(title, sizeof(title), "%d.%d %s", d->sec, d->sub, ss_tr(d, key));
	return d->em->heading(d, 3, title, anchor);
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
	E(d->em->kv(d, ss_tr(d, "vendor_org"),
		    d->neg && !*ss_js(p, "vendor_org") ? ss_tr(d, "vendor_unselected")
						       : ss_js(p, "vendor_org")));
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
	if (d->neg) {
		const json_t *rp = json_object_get(d->neg, "rules_proposal");

		snprintf(line, sizeof(line), "%lld", (long long)ss_ji(d->neg, "rules"));
		E(d->em->kv(d, ss_tr(d, "rules_version"), line));
		if (json_is_object(rp)) {
			char who[400];

			ss_person(d, ss_js(rp, "by"), who, sizeof(who));
			snprintf(line, sizeof(line), "%lld (%s, %s)", (long long)ss_ji(rp, "to"),
				 who, ss_js(rp, "time"));
			E(d->em->kv(d, ss_tr(d, "rules_proposed"), line));
		}
	}
	if (d->withheld) {
		const json_t *w = json_object_get(d->m, "withheld");

		ss_person(d, ss_js(w, "for"), line, sizeof(line));
		E(d->em->kv(d, ss_tr(d, "view_for"), line));
	}
	E(d->em->kv_end(d));
	if (d->withheld)
		E(d->em->para(d, ss_tr(d, "withheld_note")));
	if (d->withheld && (json_array_size(json_object_get(d->neg, "itassets")) > 0 ||
			    json_array_size(json_object_get(d->neg, "network")) > 0))
		E(d->em->para(d, ss_tr(d, "withheld_note5")));
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
	E(section(d, "s_parties", "parties"));
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

static int assets_table(ss_doc *d, ss_buf *b1)
{
	static const char *const axes[] = {"duration", "reach", "damage", "trust"};
	const json_t *a, *q;
	const char *h[9];
	size_t i, j;
	int error, k;

	E(subsection(d, "s_assets", "assets"));
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

		snprintf(name, sizeof(name), "%s\n[%s]", shown(d, a, "name"), ss_js(a, "id"));
		row[0] = name;
		row[1] = ss_pick(d, json_object_get(a, "kind_label"));
		row[2] = ss_js(a, "system");
		row[3] = withheld_value(d, a, "devices")
				 ? ss_tr(d, "withheld_cell")
				 : join(b1, json_object_get(a, "devices"), "\n");
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
		if (withheld_value(d, a, "answers")) {
			const char *row[3] = {ss_js(a, "id"), "", ss_tr(d, "withheld_cell")};

			E(d->em->table_row(d, row, 3));
			continue;
		}
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
out:
	return error;
}

static int systems_table(ss_doc *d, ss_buf *b1)
{
	const json_t *s, *q, *ms;
	const char *h[5];
	char lv[8];
	size_t i, j;
	int error;

	E(subsection(d, "s_systems", "systems"));
	h[0] = ss_tr(d, "system");
	h[1] = ss_tr(d, "devices");
	h[2] = ss_tr(d, "level");
	h[3] = ss_tr(d, "policy_col");
	h[4] = ss_tr(d, "implementation");
	E(d->em->table_begin(d, h, 5));
	json_array_foreach(json_object_get(d->m, "systems"), i, s) {
		const char *devices = withheld_value(d, s, "devices")
					      ? ss_tr(d, "withheld_cell")
					      : join(b1, json_object_get(s, "devices"), "\n");

		ms = json_object_get(s, "measures");
		snprintf(lv, sizeof(lv), "%s", ss_level_text(ss_ji(s, "level")));
		if (withheld_value(d, s, "measures")) {
			const char *row[5] = {ss_js(s, "name"), devices, lv,
					      ss_tr(d, "withheld_cell"), ""};

			E(d->em->table_row(d, row, 5));
			continue;
		}
		if (json_array_size(ms) == 0) {
			const char *row[5] = {ss_js(s, "name"), devices, lv, ss_tr(d, "none"), ""};

			E(d->em->table_row(d, row, 5));
		}
		json_array_foreach(ms, j, q) {
			const char *row[5] = {j ? "" : ss_js(s, "name"), j ? "" : devices,
					      j ? "" : lv,
					      ss_label(d, "categories", ss_js(q, "policy")),
					      ss_js(q, "implementation")};

			E(d->em->table_row(d, row, 5));
		}
	}
	E(d->em->table_end(d));
out:
	return error;
}

/* Rules 3: systems that stay although they cannot be kept current. */
static int legacy_table(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "system"), ss_tr(d, "legacy_why"), ss_tr(d, "compensating")};
	const json_t *s;
	size_t i, n = 0;
	int error = 0;

	json_array_foreach(json_object_get(d->m, "systems"), i, s) {
		const char *row[3] = {ss_js(s, "name"), shown(d, s, "legacy"),
				      shown(d, s, "compensating")};

		if (!json_object_get(s, "legacy"))
			continue;
		if (n++ == 0) {
			E(subsection(d, "s_legacy", "legacy"));
			E(d->em->table_begin(d, h, 3));
		}
		E(d->em->table_row(d, row, 3));
	}
	if (n)
		E(d->em->table_end(d));
out:
	return error;
}

static void who_when(const ss_doc *d, char *out, size_t n, const char *person, const char *at);

static int laws_table(ss_doc *d, ss_buf *b1)
{
	const char *h[] = {ss_tr(d, "id"),     ss_tr(d, "title"),      ss_tr(d, "authority"),
			   ss_tr(d, "duties"), ss_tr(d, "assets_col"), ss_tr(d, "law_review"),
			   ss_tr(d, "by")};
	const json_t *l, *laws = json_object_get(d->neg, "laws");
	char title[1200], who[600];
	size_t i;
	int error;

	E(subsection(d, "s_laws", "laws"));
	if (json_array_size(laws) == 0) {
		E(d->em->para(d, ss_tr(d, "no_laws")));
		goto out;
	}
	E(d->em->table_begin(d, h, 7));
	json_array_foreach(laws, i, l) {
		const char *row[7];

		snprintf(title, sizeof(title), "%s\n(%s)", ss_js(l, "title"),
			 word(d, "lk_", ss_js(l, "kind")));
		who_when(d, who, sizeof(who), ss_js(l, "by"), ss_js(l, "time"));
		row[0] = ss_js(l, "id");
		row[1] = title;
		row[2] = ss_js(l, "authority");
		row[3] = ss_js(l, "duties");
		row[4] = join(b1, json_object_get(l, "assets"), "\n");
		row[5] = ss_js(l, "review_by");
		row[6] = who;
		E(d->em->table_row(d, row, 7));
	}
	E(d->em->table_end(d));
out:
	return error;
}

static int retention_table(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "asset"),  ss_tr(d, "keep"),   ss_tr(d, "period"),
			   ss_tr(d, "method"), ss_tr(d, "reason"), ss_tr(d, "by")};
	const json_t *a, *r, *ret = json_object_get(d->neg, "retention");
	char who[600];
	size_t i;
	int error;

	E(subsection(d, "s_retention", "retention"));
	if (json_array_size(json_object_get(d->m, "assets")) == 0) {
		E(d->em->para(d, ss_tr(d, "no_assets_retention")));
		goto out;
	}
	E(d->em->table_begin(d, h, 6));
	json_array_foreach(json_object_get(d->m, "assets"), i, a) {
		const char *row[6] = {ss_js(a, "id"), ss_tr(d, "not_decided"), "", "", "", ""};

		if ((r = ss_json_find_by(ret, "asset", ss_js(a, "id")))) {
			bool keep = json_is_true(json_object_get(r, "keep"));

			who_when(d, who, sizeof(who), ss_js(r, "by"), ss_js(r, "time"));
			row[1] = ss_tr(d, keep ? "keep_yes" : "keep_no");
			row[2] = ss_js(r, "period");
			row[3] = ss_js(r, "method");
			row[4] = ss_js(r, "reason");
			row[5] = who;
		}
		E(d->em->table_row(d, row, 6));
	}
	E(d->em->table_end(d));
out:
	return error;
}

/* Rules 5: the IT assets by development category (application, components,
 * packages, platform, hardware), each with its management items; only in
 * documents of projects that record them. */
static int itassets_table(ss_doc *d, ss_buf *b)
{
	static const char *const cats[] = {"application", "component", "package", "platform",
					   "hardware"};
	const char *h[] = {ss_tr(d, "it_category"), ss_tr(d, "id"),        ss_tr(d, "it_name"),
			   ss_tr(d, "system"),      ss_tr(d, "it_permit"), ss_tr(d, "licence_col"),
			   ss_tr(d, "it_vuln"),     ss_tr(d, "it_config"), ss_tr(d, "it_network"),
			   ss_tr(d, "by")};
	const json_t *a, *list = json_object_get(d->neg, "itassets");
	char permit[600], who[600];
	size_t i, k;
	int error = 0;

	if (json_array_size(list) == 0)
		return 0;
	E(subsection(d, "s_itassets", "itassets"));
	E(d->em->para(d, ss_tr(d, "itassets_note")));
	E(d->em->table_begin(d, h, 10));
	for (k = 0; k < sizeof(cats) / sizeof(cats[0]); k++) {
		size_t n = 0;

		json_array_foreach(list, i, a) {
			const char *row[10];

			if (strcmp(ss_js(a, "category"), cats[k]) != 0)
				continue;
			ss_buf_clear(b);
			if (withheld_value(d, a, "name"))
				E(ss_buf_puts(b, ss_tr(d, "withheld_cell")));
			else
				E(ss_buf_printf(b, "%s%s%s", ss_js(a, "name"),
						ss_js_or_null(a, "version") ? " " : "",
						ss_js(a, "version")));
			if (ss_js_or_null(a, "revision") || withheld_value(d, a, "revision"))
				E(ss_buf_printf(b, "\n%s: %s", ss_tr(d, "it_revision"),
						shown(d, a, "revision")));
			if (ss_js_or_null(a, "note") || withheld_value(d, a, "note"))
				E(ss_buf_printf(b, "\n%s", shown(d, a, "note")));
			snprintf(permit, sizeof(permit), "%s%s%s",
				 ss_tr(d, json_is_true(json_object_get(a, "permitted"))
						  ? "it_permitted"
						  : "it_not_permitted"),
				 ss_js_or_null(a, "permission") ? "\n" : "",
				 ss_js(a, "permission"));
			who_when(d, who, sizeof(who), ss_js(a, "by"), ss_js(a, "time"));
			row[0] = n++ ? "" : word(d, "ic_", cats[k]);
			row[1] = ss_js(a, "id");
			row[2] = b->ptr ? b->ptr : "";
			row[3] = ss_js(a, "system");
			row[4] = permit;
			row[5] = ss_js(a, "licence");
			row[6] = ss_js(a, "vuln_link");
			row[7] = shown(d, a, "config");
			row[8] = shown(d, a, "network");
			row[9] = who;
			E(d->em->table_row(d, row, 10));
		}
	}
	E(d->em->table_end(d));
out:
	return error;
}

/* Rules 5: the network configuration (segments, routing, firewall, VPN,
 * public servers, servers holding important assets, the terminals that
 * reach them, planned changes), in the order of the kinds. */
static int network_table(ss_doc *d)
{
	static const char *const kinds[] = {"segment",  "routing",       "firewall",
					    "vpn",      "public-server", "asset-server",
					    "terminal", "planned-change"};
	const char *h[] = {ss_tr(d, "nw_kind"),   ss_tr(d, "id"),         ss_tr(d, "it_name"),
			   ss_tr(d, "nw_detail"), ss_tr(d, "nw_address"), ss_tr(d, "nw_protocols"),
			   ss_tr(d, "nw_auth"),   ss_tr(d, "nw_stored"),  ss_tr(d, "by")};
	const json_t *a, *list = json_object_get(d->neg, "network");
	char stored[600], who[600];
	size_t i, k;
	int error = 0;

	if (json_array_size(list) == 0)
		return 0;
	E(subsection(d, "s_network", "network"));
	E(d->em->table_begin(d, h, 9));
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t n = 0;

		json_array_foreach(list, i, a) {
			const json_t *enc = json_object_get(a, "encrypted");
			const char *row[9];

			if (strcmp(ss_js(a, "kind"), kinds[k]) != 0)
				continue;
			if (withheld_value(d, a, "encrypted"))
				snprintf(stored, sizeof(stored), "%s", ss_tr(d, "withheld_cell"));
			else
				snprintf(stored, sizeof(stored), "%s%s%s",
					 !enc                ? ""
					 : json_is_true(enc) ? ss_tr(d, "nw_encrypted")
							     : ss_tr(d, "nw_plain"),
					 enc && json_object_get(a, "storage") ? "\n" : "",
					 shown(d, a, "storage"));
			who_when(d, who, sizeof(who), ss_js(a, "by"), ss_js(a, "time"));
			row[0] = n++ ? "" : word(d, "nk_", kinds[k]);
			row[1] = ss_js(a, "id");
			row[2] = ss_js(a, "name");
			row[3] = shown(d, a, "detail");
			row[4] = shown(d, a, "address");
			row[5] = shown(d, a, "protocols");
			row[6] = shown(d, a, "auth");
			row[7] = stored;
			row[8] = who;
			E(d->em->table_row(d, row, 9));
		}
	}
	E(d->em->table_end(d));
out:
	return error;
}

/* The important threats of a format-2 catalog, with the items against each. */
static int threats_table(ss_doc *d, ss_buf *b)
{
	const json_t *threats = json_object_get(d->m, "threats"), *t, *it;
	const char *h[3];
	size_t i, j;
	int error = 0;

	if (!threats)
		return 0;
	E(subsection(d, "s_threats", "threats"));
	E(d->em->para(d, ss_tr(d, "threats_note")));
	if (json_array_size(threats) == 0) {
		E(d->em->para(d, ss_tr(d, "none")));
		goto out;
	}
	h[0] = ss_tr(d, "technique");
	h[1] = ss_tr(d, "threat_reason");
	h[2] = ss_tr(d, "threat_items");
	E(d->em->table_begin(d, h, 3));
	json_array_foreach(threats, i, t) {
		const char *reason = ss_js_or_null(t, "score_reason")
					     ? ss_js(t, "score_reason")
					     : ss_pick(d, json_object_get(t, "reason"));
		const char *row[3];

		ss_buf_clear(b);
		json_array_foreach(json_object_get(t, "items"), j, it) {
			E(ss_buf_printf(b, "%s%s (%s)", j ? ", " : "", ss_js(it, "item"),
					ss_tr(d, ss_js(it, "state"))));
		}
		row[0] = ss_js(t, "technique");
		row[1] = reason;
		row[2] = b->ptr ? b->ptr : "";
		E(d->em->table_row(d, row, 3));
	}
	E(d->em->table_end(d));
out:
	return error;
}

static int risk(ss_doc *d)
{
	static const char *const axes[] = {"duration", "reach", "damage", "trust"};
	ss_buf b1 = SS_BUF_INIT(1 << 20);
	const char *h[5];
	int error, k;

	E(section(d, "s_risk", "risk"));
	E(subsection(d, "s_levels", NULL));
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
	E(assets_table(d, &b1));
	E(systems_table(d, &b1));
	E(threats_table(d, &b1));
	if (d->neg) {
		E(legacy_table(d));
		E(laws_table(d, &b1));
		E(retention_table(d));
		E(itassets_table(d, &b1));
		E(network_table(d));
	}
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

	E(section(d, "s_summary", "summary"));
	E(d->em->table_begin(d, h, 2));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *row[2] = {ss_tr(d, keys[i][1]), num};

		snprintf(num, sizeof(num), "%lld", (long long)ss_ji(s, keys[i][0]));
		E(d->em->table_row(d, row, 2));
		/* rules 3: controls already in place, after the policies */
		if (d->neg && strcmp(keys[i][0], "na") == 0) {
			const char *ex[2] = {ss_tr(d, "p_existing"), num};

			snprintf(num, sizeof(num), "%lld", (long long)ss_ji(s, "existing"));
			E(d->em->table_row(d, ex, 2));
		}
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
	char who[600], appr[5000], pol_text[200];
	size_t i, n = 0;
	int error;

	E(section(d, "s_register", "register"));
	E(d->em->para(d, ss_tr(d, "register_note")));
	if (d->neg)
		E(d->em->para(d, ss_tr(d, "register_note_default")));
	E(d->em->table_begin(d, h, 6));
	json_array_foreach(json_object_get(d->m, "requirements"), i, r) {
		const json_t *dec = json_object_get(r, "decision");
		const char *pol = ss_js(dec, "policy");
		const char *row[6];

		if (!dec || strcmp(pol, "implement") == 0 || strcmp(pol, "existing") == 0)
			continue;
		ss_buf_clear(&reason);
		ss_buf_puts(&reason, ss_js(dec, "reason"));
		if (ss_js_or_null(dec, "scenario"))
			ss_buf_printf(&reason, "\n%s: %s", ss_tr(d, "scenario"),
				      ss_js(dec, "scenario"));
		if (ss_js_or_null(dec, "owner"))
			ss_buf_printf(&reason, "\n%s: %s", ss_tr(d, "owner"),
				      word(d, "owner_", ss_js(dec, "owner")));
		if (ss_js_or_null(dec, "duty"))
			ss_buf_printf(&reason, "\n%s: %s", ss_tr(d, "duty"), ss_js(dec, "duty"));
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
		if (d->neg && json_is_true(json_object_get(r, "default"))) {
			snprintf(pol_text, sizeof(pol_text), "%s\n(%s)", ss_policy_text(d, pol),
				 ss_tr(d, "default_mark"));
			row[2] = pol_text;
		}
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

	E(section(d, "s_open", "open"));
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
		/* an agreement binds both parties: a user-only milestone is the
		 * user's own record, and never stands for one */
		if (json_is_true(json_object_get(m, "complete")) &&
		    strcmp(ss_js(m, "parties"), "user") != 0 && ss_ji(m, "tree_size") >= upto) {
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
		const char *pol = ss_js(dec, "policy");

		E(d->em->kv(d, ss_tr(d, "decision"), ss_policy_text(d, pol)));
		/* what the guideline says of leaving a default out, where it is left out */
		if (d->neg && json_is_true(json_object_get(r, "default")) &&
		    (strcmp(pol, "accept") == 0 || strcmp(pol, "na") == 0))
			E(d->em->kv(d, ss_tr(d, "negligence_label"), ss_tr(d, "negligence")));
		if (ss_js_or_null(dec, "reason"))
			E(d->em->kv(d, ss_tr(d, "reason"), ss_js(dec, "reason")));
		if (ss_js_or_null(dec, "scenario"))
			E(d->em->kv(d, ss_tr(d, "scenario"), ss_js(dec, "scenario")));
		if (ss_js_or_null(dec, "alternative"))
			E(d->em->kv(d, ss_tr(d, "alternative"), ss_js(dec, "alternative")));
		if (ss_js_or_null(dec, "evidence"))
			E(d->em->kv(d, ss_tr(d, "evidence_col"), ss_js(dec, "evidence")));
		if (ss_js_or_null(dec, "owner"))
			E(d->em->kv(d, ss_tr(d, "owner"), word(d, "owner_", ss_js(dec, "owner"))));
		if (ss_js_or_null(dec, "duty"))
			E(d->em->kv(d, ss_tr(d, "duty"), ss_js(dec, "duty")));
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
	const char *sect = "";
	size_t i;
	int error;

	E(section(d, "s_items", "items"));
	json_array_foreach(json_object_get(d->m, "requirements"), i, r) {
		if (strcmp(sect, ss_js(r, "section")) != 0) {
			sect = ss_js(r, "section");
			E(d->em->heading(d, 3, ss_label(d, "sections", sect), sect));
		}
		E(item(d, r, &b));
	}
out:
	ss_buf_release(&b);
	return error;
}

/* --- rules 3: the negotiation ----------------------------------------------- */

/* An NDA: date and title, document hash, expiry, on lines. */
static const char *nda_text(const ss_doc *d, const json_t *nda, char *out, size_t n)
{
	const char *exp = ss_js_or_null(nda, "expires");

	if (!json_is_object(nda))
		snprintf(out, n, "%s", ss_tr(d, "nda_none"));
	else
		snprintf(out, n, "%s%s%s\nSHA-256 %s%s%s%s%s", ss_js(nda, "date"),
			 ss_js_or_null(nda, "title") ? " " : "", ss_js(nda, "title"),
			 ss_js(nda, "document"), exp ? "\n" : "",
			 exp ? ss_tr(d, "nda_expires") : "", exp ? " " : "", exp ? exp : "");
	return out;
}

static int selection(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "candidate"), ss_tr(d, "org"), ss_tr(d, "nda"),
			   ss_tr(d, "documents")};
	const json_t *v = json_object_get(d->neg, "vendor"), *sel = json_object_get(v, "selected");
	const json_t *c, *doc, *cands = json_object_get(d->neg, "candidates");
	ss_buf docs = SS_BUF_INIT(1 << 20);
	char nda[800], who[600];
	size_t i, j;
	int error;

	E(section(d, "s_selection", "selection"));
	if (json_array_size(cands) == 0) {
		E(d->em->para(d, ss_tr(d, "no_candidates")));
	} else {
		E(d->em->table_begin(d, h, 4));
		json_array_foreach(cands, i, c) {
			const char *row[4];

			ss_buf_clear(&docs);
			json_array_foreach(json_object_get(c, "documents"), j, doc) {
				E(ss_buf_printf(&docs, "%s%s: %s (%lld bytes)\nSHA-256 %s",
						j ? "\n" : "", ss_js(doc, "kind"),
						ss_js(doc, "name"), (long long)ss_ji(doc, "size"),
						ss_js(doc, "sha256")));
			}
			row[0] = ss_js(c, "id");
			row[1] = ss_js(c, "org");
			row[2] = nda_text(d, json_object_get(c, "nda"), nda, sizeof(nda));
			row[3] = docs.ptr;
			E(d->em->table_row(d, row, 4));
		}
		E(d->em->table_end(d));
	}
	if (!json_is_true(json_object_get(v, "named"))) {
		E(d->em->para(d, ss_tr(d, "not_selected")));
		goto out;
	}
	E(d->em->kv_begin(d));
	/* a vendor named when the project was created has no selection record */
	if (!json_is_object(sel))
		E(d->em->kv(d, ss_tr(d, "vendor_org"), ss_js(v, "org")));
	if (json_is_object(sel)) {
		snprintf(nda, sizeof(nda), "%s (%s)", ss_js(sel, "org"), ss_js(sel, "candidate"));
		E(d->em->kv(d, ss_tr(d, "selection"), nda));
		E(d->em->kv(d, ss_tr(d, "selection_reason"), ss_js(sel, "reason")));
		who_when(d, who, sizeof(who), ss_js(sel, "by"), ss_js(sel, "time"));
		E(d->em->kv(d, ss_tr(d, "by"), who));
	}
	E(d->em->kv(d, ss_tr(d, "vendor_nda"),
		    nda_text(d, json_object_get(v, "nda"), nda, sizeof(nda))));
	E(d->em->kv_end(d));
out:
	ss_buf_release(&docs);
	return error;
}

static int standard(ss_doc *d)
{
	const char *hs[] = {ss_tr(d, "standard"), ss_tr(d, "version"), ss_tr(d, "level"),
			    ss_tr(d, "note"), ss_tr(d, "by")};
	const char *hd[] = {ss_tr(d, "id"),      ss_tr(d, "kind"),   ss_tr(d, "standard"),
			    ss_tr(d, "date"),    ss_tr(d, "result"), ss_tr(d, "report"),
			    ss_tr(d, "contract")};
	const json_t *e, *list = json_object_get(d->neg, "standards");
	char lv[32], who[600];
	size_t i;
	int error;

	E(section(d, "s_standard", "standard"));
	E(subsection(d, "standard", NULL));
	if (json_array_size(list) == 0) {
		E(d->em->para(d, ss_tr(d, "no_standard")));
	} else {
		E(d->em->table_begin(d, hs, 5));
		json_array_foreach(list, i, e) {
			const char *row[5] = {ss_js(e, "standard"), ss_js(e, "version"), lv,
					      ss_js(e, "note"), who};

			snprintf(lv, sizeof(lv), "%lld", (long long)ss_ji(e, "level"));
			who_when(d, who, sizeof(who), ss_js(e, "by"), ss_js(e, "time"));
			E(d->em->table_row(d, row, 5));
		}
		E(d->em->table_end(d));
	}
	E(subsection(d, "diagnoses", "diagnoses"));
	list = json_object_get(d->neg, "diagnoses");
	if (json_array_size(list) == 0) {
		E(d->em->para(d, ss_tr(d, "no_diagnoses")));
		goto out;
	}
	E(d->em->table_begin(d, hd, 7));
	json_array_foreach(list, i, e) {
		const char *row[7] = {ss_js(e, "id"),       word(d, "dk_", ss_js(e, "kind")),
				      ss_js(e, "standard"), ss_js(e, "date"),
				      ss_js(e, "result"),   ss_js(e, "report"),
				      ss_js(e, "contract")};

		E(d->em->table_row(d, row, 7));
	}
	E(d->em->table_end(d));
out:
	return error;
}

/* Decisions of one kind, as a table: existing controls, or the user's part. */
static int decision_list(ss_doc *d, bool existing)
{
	const char *h[] = {ss_tr(d, "id"), ss_tr(d, "title"),
			   existing ? ss_tr(d, "evidence_col") : ss_tr(d, "owner"),
			   existing ? ss_tr(d, "decided_by") : ss_tr(d, "duty")};
	const json_t *r;
	char who[600];
	size_t i, n = 0;
	int error;

	E(section(d, existing ? "s_existing" : "s_duties", existing ? "existing" : "duties"));
	E(d->em->para(d, ss_tr(d, existing ? "existing_note" : "duties_note")));
	json_array_foreach(json_object_get(d->m, "requirements"), i, r) {
		const json_t *dec = json_object_get(r, "decision");
		const char *owner = ss_js(dec, "owner");
		const char *row[4];

		if (existing ? strcmp(ss_js(dec, "policy"), "existing") != 0
			     : strcmp(owner, "user") != 0 && strcmp(owner, "both") != 0)
			continue;
		if (n++ == 0)
			E(d->em->table_begin(d, h, 4));
		who_when(d, who, sizeof(who), ss_js(dec, "by"), ss_js(dec, "at"));
		row[0] = ss_js(r, "id");
		row[1] = ss_pick(d, json_object_get(r, "title"));
		row[2] = existing ? ss_js(dec, "evidence") : word(d, "owner_", owner);
		row[3] = existing ? who : ss_js(dec, "duty");
		E(d->em->table_row(d, row, 4));
	}
	if (n)
		E(d->em->table_end(d));
	else
		E(d->em->para(d, ss_tr(d, existing ? "none_existing" : "none_duties")));
out:
	return error;
}

static int proposal(ss_doc *d, const json_t *p, ss_buf *b)
{
	const json_t *a = json_object_get(p, "answer");
	bool foss = strcmp(ss_js(p, "kind"), "foss") == 0;
	char head[800], who[600];
	int error;

	snprintf(head, sizeof(head), "%s %s", ss_js(p, "id"), ss_js(p, "title"));
	E(d->em->heading(d, 3, head, ss_js(p, "id")));
	E(d->em->kv_begin(d));
	E(d->em->kv(d, ss_tr(d, "kind"), word(d, "pk_", ss_js(p, "kind"))));
	E(d->em->kv(d, ss_tr(d, "proposal_text"), ss_js(p, "text")));
	if (ss_js_or_null(p, "item"))
		E(d->em->kv(d, ss_tr(d, "concerns"), ss_js(p, "item")));
	if (foss) {
		ss_buf_clear(b);
		E(ss_buf_printf(b, "%s %s", shown(d, p, "component"), shown(d, p, "version")));
		E(d->em->kv(d, ss_tr(d, "component"), b->ptr));
		E(d->em->kv(d, ss_tr(d, "licence"), ss_js(p, "licence")));
		E(d->em->kv(d, ss_tr(d, "defects"), ss_js(p, "defects")));
	}
	who_when(d, who, sizeof(who), ss_js(p, "by"), ss_js(p, "time"));
	E(d->em->kv(d, ss_tr(d, "proposed_by"), who));
	if (!json_is_object(a)) {
		E(d->em->kv(d, ss_tr(d, "answer"), ss_tr(d, "unanswered")));
	} else {
		ss_buf_clear(b);
		who_when(d, who, sizeof(who), ss_js(a, "by"), ss_js(a, "time"));
		E(ss_buf_printf(b, "%s%s%s\n%s", word(d, "a_", ss_js(a, "answer")),
				ss_js_or_null(a, "reason") ? "\n" : "", ss_js(a, "reason"), who));
		E(d->em->kv(d, ss_tr(d, "answer"), b->ptr));
		/* the parties' allocation, for a component used with its defects */
		if (foss && strcmp(ss_js(a, "answer"), "adopt") == 0)
			E(d->em->kv(d, ss_tr(d, "foss_label"), ss_tr(d, "foss_clause")));
	}
	E(d->em->kv_end(d));
out:
	return error;
}

static int proposals(ss_doc *d)
{
	const json_t *p, *list = json_object_get(d->neg, "proposals");
	ss_buf b = SS_BUF_INIT(1 << 20), open = SS_BUF_INIT(1 << 16);
	size_t i;
	int error;

	E(section(d, "s_proposals", "proposals"));
	if (json_array_size(list) == 0) {
		E(d->em->para(d, ss_tr(d, "no_proposals")));
		goto out;
	}
	/* what still needs the user's answer comes first */
	json_array_foreach(list, i, p) {
		if (!json_is_object(json_object_get(p, "answer")))
			E(ss_buf_printf(&open, "%s%s", open.len ? ", " : "", ss_js(p, "id")));
	}
	if (open.len) {
		ss_buf_clear(&b);
		E(ss_buf_printf(&b, "%s: %s", ss_tr(d, "unanswered_list"), open.ptr));
		E(d->em->para(d, b.ptr));
	}
	json_array_foreach(list, i, p) {
		E(proposal(d, p, &b));
	}
out:
	ss_buf_release(&b);
	ss_buf_release(&open);
	return error;
}

static int costs(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "cost_for"), ss_tr(d, "bearer"), ss_tr(d, "amount"),
			   ss_tr(d, "basis"),    ss_tr(d, "by"),     ss_tr(d, "mgmt_approval")};
	const json_t *c, *list = json_object_get(d->neg, "costs");
	char on[300], bearer[1200], amount[64], who[600], appr[5000];
	size_t i;
	int error;

	E(section(d, "s_costs", "costs"));
	if (json_array_size(list) == 0) {
		E(d->em->para(d, ss_tr(d, "no_costs")));
		goto out;
	}
	E(d->em->table_begin(d, h, 6));
	json_array_foreach(list, i, c) {
		const json_t *a = json_object_get(c, "approval");
		const char *b = ss_js(c, "bearer");
		const char *row[6];

		snprintf(on, sizeof(on), "%s %s", word(d, "on_", ss_js(c, "on")), ss_js(c, "ref"));
		snprintf(bearer, sizeof(bearer), "%s%s%s",
			 strcmp(b, "shared") == 0 ? ss_tr(d, "bearer_shared") : side_text(d, b),
			 ss_js_or_null(c, "share") ? "\n" : "", ss_js(c, "share"));
		amount[0] = '\0';
		if (json_object_get(c, "amount"))
			snprintf(amount, sizeof(amount), "%lld %s", (long long)ss_ji(c, "amount"),
				 ss_js(c, "currency"));
		who_when(d, who, sizeof(who), ss_js(c, "by"), ss_js(c, "time"));
		row[0] = on;
		row[1] = bearer;
		row[2] = amount;
		row[3] = ss_js(c, "basis");
		row[4] = who;
		row[5] = ss_tr(d, "pending");
		if (json_is_object(a)) {
			json_t *ap = json_pack(
				"{s:s, s:O, s:O, s:O}", "state", ss_js(a, "verdict"), "by",
				json_object_get(a, "by"), "at", json_object_get(a, "time"), "note",
				json_object_get(a, "note") ? json_object_get(a, "note")
							   : json_null());

			row[5] = ap ? approval_text(d, ap, appr, sizeof(appr)) : "";
			E(d->em->table_row(d, row, 6));
			json_decref(ap);
			continue;
		}
		E(d->em->table_row(d, row, 6));
	}
	E(d->em->table_end(d));
out:
	return error;
}

static int contracts(ss_doc *d)
{
	const json_t *c, *list = json_object_get(d->neg, "contracts");
	char head[800], who[600];
	size_t i;
	int error;

	E(section(d, "s_contracts", "contracts"));
	E(d->em->para(d, ss_tr(d, "contracts_note")));
	if (json_array_size(list) == 0) {
		E(d->em->para(d, ss_tr(d, "no_contracts")));
		goto out;
	}
	json_array_foreach(list, i, c) {
		const json_t *a = json_object_get(c, "agreed");

		snprintf(head, sizeof(head), "%s %s (%s)", ss_js(c, "id"), ss_js(c, "title"),
			 word(d, "ck_", ss_js(c, "kind")));
		E(d->em->heading(d, 3, head, ss_js(c, "id")));
		E(d->em->kv_begin(d));
		E(d->em->kv(d, ss_tr(d, "sla"), ss_js(c, "sla")));
		E(d->em->kv(d, ss_tr(d, "diagnosis_cadence"), ss_js(c, "diagnosis")));
		E(d->em->kv(d, ss_tr(d, "incident"), ss_js(c, "incident")));
		if (ss_js_or_null(c, "document"))
			E(d->em->kv(d, ss_tr(d, "contract_doc"), ss_js(c, "document")));
		who_when(d, who, sizeof(who), ss_js(c, "by"), ss_js(c, "time"));
		E(d->em->kv(d, ss_tr(d, "by"), who));
		if (json_is_object(a)) {
			char line[800];

			who_when(d, who, sizeof(who), ss_js(a, "by"), ss_js(a, "time"));
			snprintf(line, sizeof(line), "%s: %s", ss_tr(d, "agreed"), who);
			E(d->em->kv(d, ss_tr(d, "status"), line));
		} else {
			E(d->em->kv(d, ss_tr(d, "status"), ss_tr(d, "awaiting_other")));
		}
		E(d->em->kv_end(d));
	}
out:
	return error;
}

/* Rules 3: the user's acknowledgement that changes after agreement are
 * re-estimated. */
static int acknowledgement(ss_doc *d)
{
	const json_t *a = json_object_get(d->neg, "acknowledgement");
	char who[600];
	int error;

	if (!json_is_object(a))
		return d->em->para(d, ss_tr(d, "ack_none"));
	E(d->em->kv_begin(d));
	E(d->em->kv(d, ss_tr(d, "ack"), ss_js(a, "text")));
	who_when(d, who, sizeof(who), ss_js(a, "by"), ss_js(a, "time"));
	E(d->em->kv(d, ss_tr(d, "by"), who));
	E(d->em->kv_end(d));
out:
	return error;
}

static int agreements(ss_doc *d)
{
	const char *h[] = {ss_tr(d, "milestone"), ss_tr(d, "checkpoint"), ss_tr(d, "signatures"),
			   ss_tr(d, "status")};
	const json_t *m, *s;
	ss_buf sig = SS_BUF_INIT(1 << 20);
	char cp[300], name[200];
	size_t i, j;
	int error;

	E(section(d, "s_agreements", "agreements"));
	if (json_array_size(json_object_get(d->m, "agreements")) == 0) {
		E(d->em->para(d, ss_tr(d, "no_agreements")));
		if (d->neg)
			E(acknowledgement(d));
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
		if (strcmp(ss_js(m, "parties"), "user") == 0) {
			snprintf(name, sizeof(name), "%s\n(%s)", ss_js(m, "name"),
				 ss_tr(d, "parties_user"));
			row[0] = name;
		}
		row[1] = cp;
		row[2] = sig.ptr;
		row[3] = json_is_true(json_object_get(m, "complete")) ? ss_tr(d, "complete")
								      : ss_tr(d, "incomplete");
		E(d->em->table_row(d, row, 4));
	}
	E(d->em->table_end(d));
	if (d->neg)
		E(acknowledgement(d));
out:
	ss_buf_release(&sig);
	return error;
}

static int evidence(ss_doc *d)
{
	const json_t *p = json_object_get(d->m, "project");
	char n[32];
	int error;

	E(section(d, "s_evidence", "evidence"));
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

/* --- rules 5: components and vulnerabilities -------------------------------- */

/* The analysis of a vulnerability record in a line: state, justification,
 * responses. */
static const char *analysis_text(const ss_doc *d, const json_t *an, ss_buf *b)
{
	const json_t *r;
	size_t i;

	ss_buf_clear(b);
	if (!json_is_object(an))
		return ss_tr(d, "vx_none");
	ss_buf_printf(b, "%s", word(d, "vs_", ss_js(an, "state")));
	if (ss_js_or_null(an, "justification"))
		ss_buf_printf(b, " (%s)", ss_js(an, "justification"));
	json_array_foreach(json_object_get(an, "response"), i, r) {
		ss_buf_printf(b, "%s%s", i ? ", " : "\n", json_string_value(r));
	}
	ss_buf_printf(b, "\n%s", ss_js(an, "detail"));
	return b->ptr;
}

static int components(ss_doc *d)
{
	const json_t *c = json_object_get(d->m, "components"), *v = json_object_get(c, "sbom"), *x;
	const json_t *lic = json_object_get(c, "licences");
	ss_buf b1 = SS_BUF_INIT(1 << 20), b2 = SS_BUF_INIT(1 << 20);
	char line[800], who[600];
	size_t i;
	int error;

	E(section(d, "s_components", "components"));
	if (!json_is_object(v)) {
		E(d->em->para(d, ss_tr(d, "no_sbom")));
	} else {
		const char *h[6] = {ss_tr(d, "component"),  ss_tr(d, "version"),
				    ss_tr(d, "licence"),    ss_tr(d, "supplier"),
				    ss_tr(d, "brought_by"), "purl"};

		E(d->em->kv_begin(d));
		snprintf(line, sizeof(line), "%lld: %s (%s %s)", (long long)ss_ji(v, "sbom"),
			 ss_js(v, "name"), ss_js(v, "format"), ss_js(v, "spec_version"));
		E(d->em->kv(d, ss_tr(d, "sbom_version"), line));
		E(d->em->kv(d, "SHA-256", ss_js(v, "file")));
		who_when(d, who, sizeof(who), ss_js(v, "by"), ss_js(v, "time"));
		E(d->em->kv(d, ss_tr(d, "by"), who));
		E(d->em->kv_end(d));
		E(d->em->table_begin(d, h, 6));
		json_array_foreach(json_object_get(c, "list"), i, x) {
			const char *row[6] = {ss_js(x, "name"),       ss_js(x, "version"),
					      ss_js(x, "licenses"),   ss_js(x, "supplier"),
					      ss_js(x, "brought_by"), ss_js(x, "purl")};

			E(d->em->table_row(d, row, 6));
		}
		E(d->em->table_end(d));
	}
	/* the licences, with the policy's verdict */
	E(subsection(d, "s_licences", "licences"));
	if (!json_is_object(json_object_get(c, "policy")))
		E(d->em->para(d, ss_tr(d, "no_policy")));
	{
		const char *h[3] = {ss_tr(d, "licence"), ss_tr(d, "components_n"),
				    ss_tr(d, "verdict")};

		E(d->em->table_begin(d, h, 3));
		json_array_foreach(json_object_get(lic, "licences"), i, x) {
			char n[32];
			const char *row[3];

			snprintf(n, sizeof(n), "%lld", (long long)ss_ji(x, "components"));
			row[0] = ss_js(x, "id");
			row[1] = n;
			row[2] = ss_js_or_null(x, "verdict") ? word(d, "lv_", ss_js(x, "verdict"))
							     : "";
			E(d->em->table_row(d, row, 3));
		}
		E(d->em->table_end(d));
	}
	/* the vulnerability register */
	E(subsection(d, "s_vulns", "vulnerabilities"));
	if (json_array_size(json_object_get(c, "vulnerabilities")) == 0) {
		E(d->em->para(d, ss_tr(d, "no_vulns")));
	} else {
		const char *h[5] = {ss_tr(d, "vulnerability"), ss_tr(d, "component"),
				    ss_tr(d, "vx_analysis"), ss_tr(d, "vx_decision"),
				    ss_tr(d, "status")};

		E(d->em->table_begin(d, h, 5));
		json_array_foreach(json_object_get(c, "vulnerabilities"), i, x) {
			const json_t *dec = json_object_get(x, "decision"),
				     *ap = json_object_get(x, "approval");
			const char *row[5];

			ss_buf_clear(&b2);
			if (json_is_object(dec)) {
				who_when(d, who, sizeof(who), ss_js(dec, "by"), ss_js(dec, "time"));
				ss_buf_printf(&b2, "%s: %s%s%s",
					      word(d, "vd_", ss_js(dec, "verdict")), who,
					      ss_js_or_null(dec, "reason") ? "\n" : "",
					      ss_js(dec, "reason"));
			}
			if (json_is_object(ap)) {
				who_when(d, who, sizeof(who), ss_js(ap, "by"), ss_js(ap, "time"));
				ss_buf_printf(&b2, "\n%s: %s %s", ss_tr(d, "approval"),
					      word(d, "va_", ss_js(ap, "verdict")), who);
			}
			row[0] = ss_js(x, "vuln");
			row[1] = ss_js(x, "component");
			row[2] = analysis_text(d, json_object_get(x, "analysis"), &b1);
			row[3] = b2.len ? b2.ptr : "";
			row[4] = word(d, "vst_", ss_js(x, "status"));
			E(d->em->table_row(d, row, 5));
		}
		E(d->em->table_end(d));
	}
out:
	ss_buf_release(&b1);
	ss_buf_release(&b2);
	return error;
}

int ss_render_doc(ss_doc *d)
{
	const json_t *neg = json_object_get(d->m, "negotiation");
	int error;

	/* the sections of rules 3 only in documents that carry the negotiation:
	 * earlier documents render as they were signed */
	d->neg = json_is_object(neg) ? neg : NULL;
	d->withheld = json_is_object(json_object_get(d->m, "withheld"));
	d->sec = d->sub = 0;
	E(header(d));
	E(parties(d));
	if (d->neg)
		E(selection(d));
	E(risk(d));
	if (d->neg)
		E(standard(d));
	E(summary(d));
	E(reg(d));
	if (d->neg) {
		E(decision_list(d, true));
		E(decision_list(d, false));
		E(proposals(d));
		E(costs(d));
	}
	E(open_items(d));
	E(items(d));
	if (json_is_object(json_object_get(d->m, "components")))
		E(components(d));
	if (d->neg)
		E(contracts(d));
	E(agreements(d));
	E(evidence(d));
	E(d->em->end(d));
out:
	return error;
}
