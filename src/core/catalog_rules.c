/*
 * The rules of catalog format 2 (docs/catalog-format.md, "Format 2"):
 * threats are scored once per ATT&CK technique and items inherit the score;
 * every item names the ATT&CK mitigations it implements; one item owns each
 * setting; the Japanese text keeps one term per concept and one register;
 * a version says what changed since the one it revises, and which ids it
 * retired.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"
#include "util/banned.h"

#define MITIGATION_RE "^M1[0-9]{3}$"
#define TECHNIQUE_RE "^T[0-9]{4}(\\.[0-9]{3})?$"
#define TERMS_MAX 100
#define SPELLINGS_MAX 16   /* avoid + allow of one term */
#define AVOID_TOTAL_MAX 64 /* avoid spellings of all terms and the register */
#define SPELLING_MAX 100   /* bytes */
#define EXCLUDED_MAX 200

static const char *const texts[] = {
	"title",     "overview", "mitigation", "operational_impact", "user_responsibility",
	"rationale", "change",   NULL};

void ss__cat_item2(ss__catcheck *c, const json_t *item)
{
	const json_t *chg = json_object_get(item, "change");

	if (json_object_get(item, "scores"))
		ss__cat_problem(c, item, "scores",
				"format 2 scores the threat, not the item: give the ATT&CK "
				"technique its score in threats.yaml");
	if (ss__cat_ids(c, item, "attack", TECHNIQUE_RE, "T1110.001") == 0)
		ss__cat_problem(c, item, "attack",
				"missing; an item names the ATT&CK techniques it hinders and "
				"inherits their threat score");
	if (ss__cat_ids(c, item, "mitigations", MITIGATION_RE, "M1032") == 0)
		ss__cat_problem(c, item, "mitigations",
				"missing; name the ATT&CK mitigations (M1013…) the item "
				"implements");
	if (chg) {
		static const char *const known[] = {"version", "ja", "en", NULL};
		const char *v = ss_js_or_null(chg, "version");
		const char *version = ss_js(c->index, "version");

		ss__cat_i18n(c, item, "change", SS_TEXT_MAX, true);
		if (json_is_object(chg))
			ss__cat_known(c, chg, "change", known);
		if (!v || !ss__cat_matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", v))
			ss__cat_problem(c, item, "change",
					"change.version is the catalog version the change "
					"came with, MAJOR.MINOR.PATCH");
		else if (ss__cat_matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", version) &&
			 ss__semver_cmp(v, version) > 0)
			ss__cat_problem(c, item, "change",
					"change.version %.40s is later than the catalog's "
					"version %s",
					v, version);
	}
}

/* The threat file: one score per technique, each with its reason. */
static int read_threats(ss__catcheck *c, const char *dir)
{
	const char *name = ss_js_or_null(c->index, "threats");
	ss_buf path = SS_BUF_INIT(4096);
	json_t *doc = NULL, *list, *t;
	const char *saved = c->file;
	size_t i;
	int error = 0;

	c->threats = json_array();
	c->threat_by = json_object();
	if (!name || !ss__cat_matches("^[A-Za-z0-9_-]+\\.yaml$", name)) {
		ss__cat_problem(c, c->index, "threats",
				"format 2 names its threat file, e.g. threats: threats.yaml");
		goto out;
	}
	if ((error = ss_buf_printf(&path, "%s/%s", dir, name)) < 0)
		goto out;
	c->file = name;
	c->item = NULL;
	if ((error = ss_yaml_load(&doc, path.ptr, SS_CATALOG_FILE_MAX, SS_CATALOG_DEPTH_MAX)) < 0) {
		if (error == SS_EPARSE || error == SS_ELIMIT || error == SS_ENOTFOUND ||
		    error == SS_EINVAL) {
			ss__cat_problem(c, NULL, NULL, "%s", ss_error_last());
			error = 0;
		}
		goto out;
	}
	list = json_object_get(doc, "threats");
	if (!json_is_array(list)) {
		ss__cat_problem(c, doc, "threats", "the file must hold a list under 'threats'");
		goto out;
	}
	if (json_array_size(list) > SS_CATALOG_THREATS_MAX) {
		ss__cat_problem(c, doc, "threats",
				"%zu threats; a catalog version scores at most %d techniques",
				json_array_size(list), SS_CATALOG_THREATS_MAX);
		goto out;
	}
	json_array_foreach(list, i, t) {
		const char *id = ss_js_or_null(t, "technique");
		int64_t v;

		c->item = NULL;
		if (!json_is_object(t) || !id || !ss__cat_matches(TECHNIQUE_RE, id)) {
			ss__cat_problem(c, t, "technique",
					"entry %zu needs technique: an ATT&CK id like T1110.001",
					i + 1);
			continue;
		}
		c->item = id;
		if (json_object_get(c->threat_by, id))
			ss__cat_problem(c, t, "technique",
					"%s is scored twice; a technique has one score per "
					"catalog version",
					id);
		else
			json_object_set(c->threat_by, id, t);
		if (ss_parse_int(&v, ss_js(t, "incident"), 1, 3) < 0)
			ss__cat_problem(c, t, "incident", "incident must be 1, 2 or 3");
		if (ss_parse_int(&v, ss_js(t, "ease"), 1, 3) < 0)
			ss__cat_problem(c, t, "ease", "ease must be 1, 2 or 3");
		ss__cat_i18n(c, t, "reason", SS_TEXT_MAX, true);
		json_array_append(c->threats, t);
	}
out:
	c->file = saved;
	c->item = NULL;
	json_decref(doc);
	ss_buf_release(&path);
	return error;
}

/* Every cited technique is scored, and every scored one is cited. */
static void check_scored(ss__catcheck *c)
{
	json_t *cited = json_object(), *item, *e;
	const json_t *t;
	size_t i, j;

	json_array_foreach(c->items, i, item) {
		c->file = ss_js(item, "__file");
		c->item = ss_js(item, "id");
		json_array_foreach(json_object_get(item, "attack"), j, e) {
			const char *id = json_string_value(e);

			if (!id)
				continue;
			json_object_set_new(cited, id, json_true());
			if (!json_object_get(c->threat_by, id))
				ss__cat_problem(c, item, "attack",
						"%.20s has no score in the threat file; score "
						"each cited technique once",
						id);
		}
	}
	c->file = ss_js_or_null(c->index, "threats") ? ss_js(c->index, "threats") : "threats";
	json_array_foreach(c->threats, i, t) {
		c->item = ss_js(t, "technique");
		if (!json_object_get(cited, c->item))
			ss__cat_problem(c, t, "technique",
					"%s is scored but no item cites it; remove the score",
					c->item);
	}
	c->item = NULL;
	json_decref(cited);
}

/* A setting's identity: where and key, ASCII case folded, blanks collapsed,
 * appended to out whole (where and key are text fields, at most
 * SS_TEXT_MAX bytes each). */
static int setting_key(ss_buf *out, const json_t *s)
{
	const char *parts[2] = {ss_js(s, "where"), ss_js(s, "key")};
	int error = 0;

	for (size_t k = 0; k < 2 && error == 0; k++) {
		bool blank = false, any = false;

		if (k == 1)
			error = ss_buf_putc(out, '\x1f');
		for (const char *p = parts[k]; *p && error == 0; p++) {
			char ch = *p;

			if (ch == ' ' || ch == '\t') {
				blank = any;
				continue;
			}
			if (blank)
				error = ss_buf_putc(out, ' ');
			blank = false;
			any = true;
			if (error == 0)
				error = ss_buf_putc(
					out, ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch);
		}
	}
	return error;
}

/* One item owns each setting; within an item a where/key may repeat only
 * with different values (audit rules, module lists). */
static int check_settings_owned(ss__catcheck *c)
{
	json_t *owner = json_object(), *item, *s;
	ss_buf key = SS_BUF_INIT(4 * SS_TEXT_MAX), full = SS_BUF_INIT(6 * SS_TEXT_MAX);
	size_t i, j;
	int error = 0;

	json_array_foreach(c->items, i, item) {
		json_t *mine = json_object();

		c->file = ss_js(item, "__file");
		c->item = ss_js(item, "id");
		json_array_foreach(json_object_get(item, "settings"), j, s) {
			const char *other;

			if (!json_is_object(s))
				continue;
			ss_buf_clear(&key);
			ss_buf_clear(&full);
			if ((error = setting_key(&key, s)) < 0 ||
			    (error = ss_buf_printf(&full, "%s\x1f%s", key.ptr, ss_js(s, "value"))) <
				    0) {
				json_decref(mine);
				goto out;
			}
			other = ss_js_or_null(owner, key.ptr);
			if (other && strcmp(other, c->item) != 0)
				ss__cat_problem(c, s, "key",
						"'%.80s' at '%.80s' is also set by %s; one item "
						"owns a setting (merge them, or make the key say "
						"which part each sets)",
						ss_js(s, "key"), ss_js(s, "where"), other);
			json_object_set_new(owner, key.ptr, json_string(c->item));
			if (json_object_get(mine, full.ptr))
				ss__cat_problem(c, s, "value",
						"'%.80s' = '%.60s' is listed twice in the item",
						ss_js(s, "key"), ss_js(s, "value"));
			json_object_set_new(mine, full.ptr, json_true());
		}
		json_decref(mine);
	}
out:
	c->item = NULL;
	json_decref(owner);
	ss_buf_release(&key);
	ss_buf_release(&full);
	return error;
}

/* Whether the occurrence of `word` at text+pos lies inside one of `allowed`. */
static bool inside_allowed(const char *text, size_t pos, const char *word, const json_t *allowed)
{
	const json_t *a;
	size_t i, wl = strlen(word);

	json_array_foreach(allowed, i, a) {
		const char *s = json_string_value(a), *in;

		for (in = s ? strstr(s, word) : NULL; in; in = strstr(in + 1, word)) {
			size_t off = (size_t)(in - s), sl = strlen(s);

			if (off <= pos && strncmp(text + pos - off, s, sl) == 0 && wl <= sl)
				return true;
		}
	}
	return false;
}

/* The first avoided spelling in text that no allowed spelling covers. */
static const char *avoided(const char *text, const json_t *avoid, const json_t *allowed)
{
	const json_t *a;
	size_t i;

	json_array_foreach(avoid, i, a) {
		const char *w = json_string_value(a), *at;

		if (!w || !*w)
			continue;
		for (at = strstr(text, w); at; at = strstr(at + 1, w))
			if (!inside_allowed(text, (size_t)(at - text), w, allowed))
				return w;
	}
	return NULL;
}

static void check_text_terms(ss__catcheck *c, const json_t *obj, const char *field,
			     const json_t *terms, const json_t *register_avoid)
{
	const char *ja = ss_js_or_null(json_object_get(obj, field), "ja"), *w;
	const json_t *t;
	size_t i;

	if (!ja)
		return;
	json_array_foreach(terms, i, t) {
		json_t *allowed = json_array();

		json_array_append(allowed, json_object_get(t, "use"));
		json_array_extend(allowed, json_object_get(t, "allow"));
		if ((w = avoided(ja, json_object_get(t, "avoid"), allowed)))
			ss__cat_problem(c, obj, field,
					"%s.ja writes '%s'; the catalog's term is '%s'", field, w,
					ss_js(t, "use"));
		json_decref(allowed);
	}
	if ((w = avoided(ja, register_avoid, NULL)))
		ss__cat_problem(c, obj, field,
				"%s.ja uses '%s'; the catalog is written in the plain style "
				"(である調)",
				field, w);
}

/* A spelling list of the index: text, not empty, short. Returns how many
 * entries it holds, or SIZE_MAX when it is unusable. what names the list's
 * owner in the reader's language (a translated noun, or a field name). */
static size_t check_spellings(ss__catcheck *c, const json_t *obj, const char *field,
			      const char *what, size_t nth)
{
	const json_t *list = json_object_get(obj, field), *e;
	size_t i, bad = 0;

	if (!list)
		return 0;
	if (!json_is_array(list)) {
		ss__cat_problem(c, obj, field, "%s %zu: %s is a list of spellings", what, nth,
				field);
		return SIZE_MAX;
	}
	json_array_foreach(list, i, e) {
		const char *w = json_string_value(e);

		if (!w || !*w || ss_text_check(field, w, SPELLING_MAX, false) < 0) {
			ss__cat_problem(c, obj, field,
					"%s %zu: %s entry %zu must be a spelling of 1 to %d bytes",
					what, nth, field, i + 1, SPELLING_MAX);
			bad++;
		}
	}
	return bad ? SIZE_MAX : json_array_size(list);
}

static void check_terms(ss__catcheck *c)
{
	const json_t *terms = json_object_get(c->index, "terms"), *t, *item;
	const json_t *reg = json_object_get(json_object_get(c->index, "register"), "avoid");
	size_t i, k, total = 0, n;
	bool usable = true;

	c->file = "catalog.yaml";
	c->item = NULL;
	if (!json_is_array(terms))
		ss__cat_problem(c, c->index, "terms",
				"format 2 lists its terms: [{use, avoid: [...], allow?, en}]");
	if (!json_is_array(reg))
		ss__cat_problem(c, c->index, "register",
				"format 2 names the Japanese register: register: {avoid: [...]}");
	if (!json_is_array(terms) || !json_is_array(reg))
		return;
	if (json_array_size(terms) > TERMS_MAX) {
		ss__cat_problem(c, c->index, "terms", "%zu terms; at most %d",
				json_array_size(terms), TERMS_MAX);
		return;
	}
	json_array_foreach(terms, i, t) {
		const char *use = ss_js_or_null(t, "use");
		size_t na, nl;

		if (!use || !*use || ss_text_check("use", use, SPELLING_MAX, false) < 0 ||
		    !json_is_array(json_object_get(t, "avoid"))) {
			ss__cat_problem(c, t, "use",
					"term %zu needs use (1 to %d bytes) and avoid: [...]",
					i + 1, SPELLING_MAX);
			usable = false;
		}
		na = check_spellings(c, t, "avoid", _("term"), i + 1);
		nl = check_spellings(c, t, "allow", _("term"), i + 1);
		if (na == SIZE_MAX || nl == SIZE_MAX) {
			usable = false;
			continue;
		}
		if (na + nl > SPELLINGS_MAX) {
			ss__cat_problem(c, t, "avoid",
					"term %zu: %zu spellings; at most %d avoided and allowed",
					i + 1, na + nl, SPELLINGS_MAX);
			usable = false;
		}
		total += na;
	}
	if ((n = check_spellings(c, json_object_get(c->index, "register"), "avoid", "register",
				 1)) == SIZE_MAX)
		usable = false;
	else
		total += n;
	if (total > AVOID_TOTAL_MAX) {
		ss__cat_problem(c, c->index, "terms",
				"%zu avoided spellings in terms and register; at most %d", total,
				AVOID_TOTAL_MAX);
		usable = false;
	}
	if (!usable)
		return; /* the lists are wrong: their problems say so, not each text */
	json_array_foreach(c->items, i, item) {
		c->file = ss_js(item, "__file");
		c->item = ss_js(item, "id");
		for (k = 0; texts[k]; k++)
			check_text_terms(c, item, texts[k], terms, reg);
	}
	c->file = ss_js_or_null(c->index, "threats") ? ss_js(c->index, "threats") : "threats";
	json_array_foreach(c->threats, i, t) {
		c->item = ss_js(t, "technique");
		check_text_terms(c, t, "reason", terms, reg);
	}
	c->item = NULL;
}

/* An item's content for comparing versions: without what format 2 moved
 * (scores to the threat file) or added (mitigations) and the change note. */
static json_t *comparable(const json_t *item)
{
	json_t *copy = json_deep_copy(item);
	static const char *const drop[] = {"scores", "mitigations", "change", "__file", NULL};
	size_t k;

	for (k = 0; drop[k]; k++)
		json_object_del(copy, drop[k]);
	return copy;
}

/* Equal as canonical JSON, which leaves out the reader's source positions. */
static bool same_content(const json_t *a, const json_t *b)
{
	ss_buf x = SS_BUF_INIT(SS_CATALOG_FILE_MAX), y = SS_BUF_INIT(SS_CATALOG_FILE_MAX);
	bool same = ss_json_canonical(&x, a) == 0 && ss_json_canonical(&y, b) == 0 &&
		    x.len == y.len && memcmp(x.ptr, y.ptr, x.len) == 0;

	ss_buf_release(&x);
	ss_buf_release(&y);
	return same;
}

/* Whether two items carry the same change note, or none. */
static bool same_note(const json_t *a, const json_t *b)
{
	const json_t *x = json_object_get(a, "change"), *y = json_object_get(b, "change");

	return x && y ? same_content(x, y) : x == y;
}

/* id -> the first item with that id; lookups stay linear in the catalog. */
static json_t *item_index(const json_t *items)
{
	json_t *by = json_object(), *item;
	size_t i;

	json_array_foreach(items, i, item) {
		const char *id = ss_js_or_null(item, "id");

		if (id && !json_object_get(by, id))
			json_object_set(by, id, item);
	}
	return by;
}

/* Mitigations left out on purpose, and ids retired in this version. */
/* An optional list of the index, or NULL (with a problem) when it is not a
 * list or longer than max; shape (marked with N_) says what it lists. */
static const json_t *index_list(ss__catcheck *c, const char *key, size_t max, const char *shape)
{
	const json_t *v = json_object_get(c->index, key);

	if (v && !json_is_array(v)) {
		ss__cat_problem(c, c->index, key, "%s", _(shape));
		return NULL;
	}
	if (json_array_size(v) > max) {
		ss__cat_problem(c, c->index, key, "%zu entries; at most %zu", json_array_size(v),
				max);
		return NULL;
	}
	return v;
}

static void check_lists(ss__catcheck *c)
{
	const json_t *ex, *ret, *e, *r, *item;
	json_t *ids = item_index(c->items), *cited = json_object(), *listed = json_object();
	size_t i, j;

	c->file = "catalog.yaml";
	c->item = NULL;
	json_array_foreach(c->items, i, item) {
		json_array_foreach(json_object_get(item, "mitigations"), j, e) {
			if (json_is_string(e))
				json_object_set_new(cited, json_string_value(e), json_true());
		}
	}
	ex = index_list(c, "excluded_mitigations", EXCLUDED_MAX,
			N_("a list of {id, reason: {ja, en}}: the ATT&CK mitigations left out, "
			   "and why"));
	json_array_foreach(ex, i, e) {
		const char *id = ss_js_or_null(e, "id");

		if (!id || !ss__cat_matches(MITIGATION_RE, id)) {
			ss__cat_problem(c, e, "id",
					"excluded mitigation %zu needs an id like M1055", i + 1);
			continue;
		}
		ss__cat_i18n(c, e, "reason", SS_TEXT_MAX, true);
		if (json_object_get(cited, id))
			ss__cat_problem(c, e, "id",
					"%s is listed as left out but items cite it; drop one", id);
		if (json_object_get(listed, id))
			ss__cat_problem(c, e, "id", "%s is listed twice", id);
		json_object_set_new(listed, id, json_true());
	}
	json_object_clear(listed);
	ret = index_list(c, "retired", SS_CATALOG_ITEMS_MAX,
			 N_("a list of {id, replaced_by?, reason: {ja, en}}"));
	json_array_foreach(ret, i, r) {
		const char *id = ss_js_or_null(r, "id");
		const json_t *by = json_object_get(r, "replaced_by");

		if (!id || !ss__cat_matches("^(LNX|WIN|APP|NET|OPS)-(DM|DS|AT|SC)-[0-9]{3}$", id)) {
			ss__cat_problem(c, r, "id", "retired entry %zu needs an item id", i + 1);
			continue;
		}
		ss__cat_i18n(c, r, "reason", SS_TEXT_MAX, true);
		if (json_object_get(ids, id))
			ss__cat_problem(c, r, "id",
					"%s is retired but still an item; a retired id never "
					"comes back",
					id);
		if (json_object_get(listed, id))
			ss__cat_problem(c, r, "id", "%s is retired twice", id);
		json_object_set_new(listed, id, json_true());
		if (by && !json_is_array(by))
			ss__cat_problem(c, r, "replaced_by",
					"%s: replaced_by is a list of item ids", id);
		json_array_foreach(by, j, e) {
			if (!json_is_string(e) || !json_object_get(ids, json_string_value(e)))
				ss__cat_problem(c, r, "replaced_by",
						"%s: replaced_by entry %zu is not an item of this "
						"version",
						id, j + 1);
		}
	}
	json_decref(ids);
	json_decref(cited);
	json_decref(listed);
}

int ss__cat_whole2(ss__catcheck *c, const char *dir)
{
	int error;

	if ((error = read_threats(c, dir)) < 0)
		return error;
	c->file = "catalog.yaml";
	c->item = NULL;
	if (!ss_js_or_null(c->index, "previous") && json_object_get(c->index, "retired"))
		ss__cat_problem(c, c->index, "retired",
				"a version that retires ids names the version it revises "
				"(previous)");
	check_scored(c);
	if ((error = check_settings_owned(c)) < 0)
		return error;
	check_terms(c);
	check_lists(c);
	c->file = "catalog.yaml";
	c->item = NULL;
	return 0;
}

void ss__cat_previous(ss__catcheck *c, const ss__catcheck *prev)
{
	const char *version = ss_js(c->index, "version");
	json_t *olds = item_index(prev->items), *nows = item_index(c->items);
	json_t *retired = json_object();
	const json_t *item, *old, *r;
	const char *id;
	size_t i;

	json_array_foreach(json_object_get(c->index, "retired"), i, r) {
		if (ss_js_or_null(r, "id"))
			json_object_set_new(retired, ss_js(r, "id"), json_true());
	}
	json_array_foreach(c->items, i, item) {
		const char *note = ss_js(json_object_get(item, "change"), "version");
		json_t *a, *b;
		bool same;

		c->file = ss_js(item, "__file");
		c->item = ss_js(item, "id");
		if (!(old = json_object_get(olds, c->item))) {
			if (*note && strcmp(note, version) != 0)
				ss__cat_problem(c, item, "change",
						"a new item's change note is for this version, %s",
						version);
			continue;
		}
		a = comparable(item);
		b = comparable(old);
		same = same_content(a, b);
		json_decref(a);
		json_decref(b);
		if (!same && strcmp(note, version) != 0)
			ss__cat_problem(c, item, "change",
					"changed since %s without a change note; add change: "
					"{version: %s, ja, en} saying what changed and why",
					ss_js(prev->index, "version"), version);
		else if (same && strcmp(note, version) == 0)
			ss__cat_problem(c, item, "change",
					"the change note is for %s but the item is as in %s",
					version, ss_js(prev->index, "version"));
		else if (same && !same_note(item, old))
			ss__cat_problem(c, item, "change",
					"the item is as in %s but its change note is not; the note "
					"is part of the agreed content (its hash), so keep it as "
					"it was",
					ss_js(prev->index, "version"));
	}
	c->file = "catalog.yaml";
	c->item = NULL;
	json_array_foreach(prev->items, i, old) {
		id = ss_js(old, "id");
		if (*id && !json_object_get(nows, id) && !json_object_get(retired, id))
			ss__cat_problem(c, c->index, "retired",
					"%s of %s is gone without a retired entry saying why", id,
					ss_js(prev->index, "version"));
	}
	json_object_foreach(retired, id, r) {
		if (!json_object_get(olds, id))
			ss__cat_problem(c, c->index, "retired",
					"%s is retired but was not an item of %s", id,
					ss_js(prev->index, "version"));
	}
	json_decref(olds);
	json_decref(nows);
	json_decref(retired);
}

void ss__cat_inherit_scores(json_t *items, const json_t *threats)
{
	json_t *by = json_object(), *item, *e;
	const json_t *t;
	size_t i, j;

	json_array_foreach(threats, i, t) {
		const char *id = ss_js_or_null(t, "technique");

		if (id && !json_object_get(by, id))
			json_object_set(by, id, (json_t *)t);
	}
	json_array_foreach(items, i, item) {
		int64_t best_i = 0, best_e = 0;
		const char *from = NULL;

		json_array_foreach(json_object_get(item, "attack"), j, e) {
			int64_t ti = 0, te = 0;

			t = json_string_value(e) ? json_object_get(by, json_string_value(e)) : NULL;
			if (!t || ss_parse_int(&ti, ss_js(t, "incident"), 1, 3) < 0 ||
			    ss_parse_int(&te, ss_js(t, "ease"), 1, 3) < 0)
				continue;
			if (ti * te > best_i * best_e ||
			    (ti * te == best_i * best_e && ti > best_i)) {
				best_i = ti;
				best_e = te;
				from = ss_js(t, "technique");
			}
		}
		json_object_set_new(item, "scores",
				    json_pack("{s:I, s:I, s:s?}", "incident", (json_int_t)best_i,
					      "ease", (json_int_t)best_e, "technique", from));
	}
	json_decref(by);
}
