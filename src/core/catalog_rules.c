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
#define SETTING_KEY_MAX 1024

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
		const char *v = ss_js_or_null(chg, "version");

		ss__cat_i18n(c, item, "change", SS_TEXT_MAX, true);
		if (!v || !ss__cat_matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", v))
			ss__cat_problem(c, item, "change",
					"change.version is the catalog version the change "
					"came with, MAJOR.MINOR.PATCH");
	}
}

/* The threat file: one score per technique, each with its reason. */
static int read_threats(ss__catcheck *c, const char *dir)
{
	const char *name = ss_js_or_null(c->index, "threats");
	ss_buf path = SS_BUF_INIT(4096);
	json_t *doc = NULL, *list, *t, *seen = json_object();
	const char *saved = c->file;
	size_t i;
	int error = 0;

	c->threats = json_array();
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
		if (error == SS_EPARSE || error == SS_ELIMIT || error == SS_ENOTFOUND) {
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
		if (json_object_get(seen, id))
			ss__cat_problem(c, t, "technique",
					"%s is scored twice; a technique has one score per "
					"catalog version",
					id);
		json_object_set_new(seen, id, json_true());
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
	json_decref(seen);
	ss_buf_release(&path);
	return error;
}

static const json_t *threat_of(const json_t *threats, const char *technique)
{
	const json_t *t;
	size_t i;

	json_array_foreach(threats, i, t) {
		if (strcmp(ss_js(t, "technique"), technique) == 0)
			return t;
	}
	return NULL;
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
			if (!threat_of(c->threats, id))
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

/* A setting's identity: where and key, ASCII case folded, blanks collapsed. */
static void setting_key(char *out, size_t size, const json_t *s)
{
	const char *parts[2] = {ss_js(s, "where"), ss_js(s, "key")};
	size_t n = 0, k;

	for (k = 0; k < 2 && n + 1 < size; k++) {
		const char *p = parts[k];
		bool blank = true;

		for (; *p && n + 2 < size; p++) {
			char ch = *p;

			if (ch == ' ' || ch == '\t') {
				blank = true;
				continue;
			}
			if (blank && n > 0 && out[n - 1] != '\x1f')
				out[n++] = ' ';
			blank = false;
			out[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
		}
		if (k == 0)
			out[n++] = '\x1f';
	}
	out[n] = '\0';
}

/* One item owns each setting; within an item a where/key may repeat only
 * with different values (audit rules, module lists). */
static void check_settings_owned(ss__catcheck *c)
{
	json_t *owner = json_object(), *item, *s;
	char key[SETTING_KEY_MAX];
	size_t i, j;

	json_array_foreach(c->items, i, item) {
		json_t *mine = json_object();

		c->file = ss_js(item, "__file");
		c->item = ss_js(item, "id");
		json_array_foreach(json_object_get(item, "settings"), j, s) {
			const char *other;
			char full[SETTING_KEY_MAX + 64];

			if (!json_is_object(s))
				continue;
			setting_key(key, sizeof(key), s);
			other = ss_js_or_null(owner, key);
			if (other && strcmp(other, c->item) != 0)
				ss__cat_problem(c, s, "key",
						"'%.80s' at '%.80s' is also set by %s; one item "
						"owns a setting (merge them, or make the key say "
						"which part each sets)",
						ss_js(s, "key"), ss_js(s, "where"), other);
			json_object_set_new(owner, key, json_string(c->item));
			snprintf(full, sizeof(full), "%s\x1f%.60s", key, ss_js(s, "value"));
			if (json_object_get(mine, full))
				ss__cat_problem(c, s, "value",
						"'%.80s' = '%.60s' is listed twice in the item",
						ss_js(s, "key"), ss_js(s, "value"));
			json_object_set_new(mine, full, json_true());
		}
		json_decref(mine);
	}
	c->item = NULL;
	json_decref(owner);
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

static void check_terms(ss__catcheck *c)
{
	const json_t *terms = json_object_get(c->index, "terms"), *t, *item;
	const json_t *reg = json_object_get(json_object_get(c->index, "register"), "avoid");
	size_t i, k;

	c->file = "catalog.yaml";
	if (!json_is_array(terms))
		ss__cat_problem(c, c->index, "terms",
				"format 2 lists its terms: [{use, avoid: [...], allow?, en}]");
	if (!json_is_array(reg))
		ss__cat_problem(c, c->index, "register",
				"format 2 names the Japanese register: register: {avoid: [...]}");
	json_array_foreach(terms, i, t) {
		if (!ss_js_or_null(t, "use") || !json_is_array(json_object_get(t, "avoid")))
			ss__cat_problem(c, t, "use", "term %zu needs use and avoid: [...]", i + 1);
	}
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

static bool cites(const json_t *items, const char *field, const char *id)
{
	const json_t *item, *e;
	size_t i, j;

	json_array_foreach(items, i, item) {
		json_array_foreach(json_object_get(item, field), j, e) {
			if (json_is_string(e) && strcmp(json_string_value(e), id) == 0)
				return true;
		}
	}
	return false;
}

static bool has_item(const json_t *items, const char *id)
{
	const json_t *item;
	size_t i;

	json_array_foreach(items, i, item) {
		if (strcmp(ss_js(item, "id"), id) == 0)
			return true;
	}
	return false;
}

/* Mitigations left out on purpose, and ids retired in this version. */
static void check_lists(ss__catcheck *c)
{
	const json_t *ex = json_object_get(c->index, "excluded_mitigations");
	const json_t *ret = json_object_get(c->index, "retired"), *e, *r;
	size_t i, j;

	c->file = "catalog.yaml";
	c->item = NULL;
	if (ex && !json_is_array(ex))
		ss__cat_problem(c, c->index, "excluded_mitigations",
				"a list of {id, ja, en}: the ATT&CK mitigations left out, and why");
	json_array_foreach(ex, i, e) {
		const char *id = ss_js_or_null(e, "id");

		if (!id || !ss__cat_matches(MITIGATION_RE, id)) {
			ss__cat_problem(c, e, "id",
					"excluded mitigation %zu needs an id like M1055", i + 1);
			continue;
		}
		ss__cat_i18n(c, e, "reason", SS_TEXT_MAX, true);
		if (cites(c->items, "mitigations", id))
			ss__cat_problem(c, e, "id",
					"%s is listed as left out but items cite it; drop one", id);
	}
	if (ret && !json_is_array(ret))
		ss__cat_problem(c, c->index, "retired",
				"a list of {id, replaced_by?, reason: {ja, en}}");
	json_array_foreach(ret, i, r) {
		const char *id = ss_js_or_null(r, "id");

		if (!id || !ss__cat_matches("^(LNX|WIN|APP|NET|OPS)-(DM|DS|AT|SC)-[0-9]{3}$", id)) {
			ss__cat_problem(c, r, "id", "retired entry %zu needs an item id", i + 1);
			continue;
		}
		ss__cat_i18n(c, r, "reason", SS_TEXT_MAX, true);
		if (has_item(c->items, id))
			ss__cat_problem(c, r, "id",
					"%s is retired but still an item; a retired id never "
					"comes back",
					id);
		json_array_foreach(json_object_get(r, "replaced_by"), j, e) {
			if (!json_is_string(e) || !has_item(c->items, json_string_value(e)))
				ss__cat_problem(c, r, "replaced_by",
						"%s: replaced_by entry %zu is not an item of this "
						"version",
						id, j + 1);
		}
	}
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
	check_settings_owned(c);
	check_terms(c);
	check_lists(c);
	c->file = "catalog.yaml";
	c->item = NULL;
	return 0;
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
	ss_buf x = SS_BUF_INIT(1 << 20), y = SS_BUF_INIT(1 << 20);
	bool same = ss_json_canonical(&x, a) == 0 && ss_json_canonical(&y, b) == 0 &&
		    x.len == y.len && memcmp(x.ptr, y.ptr, x.len) == 0;

	ss_buf_release(&x);
	ss_buf_release(&y);
	return same;
}

static const json_t *find_item(const json_t *items, const char *id)
{
	const json_t *item;
	size_t i;

	json_array_foreach(items, i, item) {
		if (strcmp(ss_js(item, "id"), id) == 0)
			return item;
	}
	return NULL;
}

static bool retired_here(const json_t *index, const char *id)
{
	const json_t *r;
	size_t i;

	json_array_foreach(json_object_get(index, "retired"), i, r) {
		if (strcmp(ss_js(r, "id"), id) == 0)
			return true;
	}
	return false;
}

void ss__cat_previous(ss__catcheck *c, const ss__catcheck *prev)
{
	const char *version = ss_js(c->index, "version");
	const json_t *item, *old, *r;
	size_t i;

	json_array_foreach(c->items, i, item) {
		const char *note = ss_js(json_object_get(item, "change"), "version");
		json_t *a, *b;
		bool same;

		c->file = ss_js(item, "__file");
		c->item = ss_js(item, "id");
		if (!(old = find_item(prev->items, c->item))) {
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
	}
	c->file = "catalog.yaml";
	c->item = NULL;
	json_array_foreach(prev->items, i, old) {
		const char *id = ss_js(old, "id");

		if (!find_item(c->items, id) && !retired_here(c->index, id))
			ss__cat_problem(c, c->index, "retired",
					"%s of %s is gone without a retired entry saying why", id,
					ss_js(prev->index, "version"));
	}
	json_array_foreach(json_object_get(c->index, "retired"), i, r) {
		if (!find_item(prev->items, ss_js(r, "id")))
			ss__cat_problem(c, r, "id", "%s is retired but was not an item of %s",
					ss_js(r, "id"), ss_js(prev->index, "version"));
	}
}

void ss__cat_inherit_scores(json_t *items, const json_t *threats)
{
	json_t *item, *e;
	size_t i, j;

	json_array_foreach(items, i, item) {
		int64_t best_i = 0, best_e = 0;
		const char *from = NULL;

		json_array_foreach(json_object_get(item, "attack"), j, e) {
			const json_t *t = threat_of(threats, json_string_value(e));
			int64_t ti = 0, te = 0;

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
}
