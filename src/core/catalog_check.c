/*
 * The checks every catalog rule is made of: reporting a problem with its
 * file, line, item and field; matching an id pattern; a {ja, en} pair; a
 * single text; a list of ids; the known fields of a mapping; version order.
 * catalog.c (format 1, reading and loading) and catalog_rules.c (format 2)
 * both build on these.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"
#include "util/banned.h"

#define CATALOG_PROBLEMS_MAX 2000

typedef ss__catcheck check;

static void vproblem(check *c, const json_t *obj, const char *field, bool always, const char *fmt,
		     va_list ap)
{
	char msg[SS_ERROR_MAX];

	/* the cap keeps a hostile file's thousand small faults from costing
	 * memory; a limit that stopped reading is always said (one each) */
	if (!always && json_array_size(c->problems) >= CATALOG_PROBLEMS_MAX)
		return;
	vsnprintf(msg, sizeof(msg), ss_gettext(fmt), ap);
	json_array_append_new(c->problems,
			      json_pack("{s:s, s:i, s:s?, s:s?, s:s}", "file", c->file, "line",
					obj ? ss_yaml_line(obj, field ? field : "") : 0, "item",
					c->item, "field", field, "message", msg));
}

void ss__cat_problem(check *c, const json_t *obj, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(c, obj, field, false, fmt, ap);
	va_end(ap);
}

void ss__cat_limit(check *c, const json_t *obj, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(c, obj, field, true, fmt, ap);
	va_end(ap);
}

/*
 * The patterns are a few string literals of this file and catalog_rules.c,
 * each matched against hundreds of ids: each is compiled once per thread
 * and kept (by the literal's address) for the life of the process.
 */
#define RX_CACHE 32

bool ss__cat_matches(const char *re, const char *s)
{
	static _Thread_local struct {
		const char *re;
		regex_t rx;
	} cache[RX_CACHE];
	static _Thread_local size_t used;
	regex_t once;
	size_t i;
	bool ok;

	for (i = 0; i < used; i++)
		if (cache[i].re == re)
			return regexec(&cache[i].rx, s, 0, NULL, 0) == 0;
	if (used < RX_CACHE) {
		if (regcomp(&cache[used].rx, re, REG_EXTENDED | REG_NOSUB) != 0)
			return false;
		cache[used].re = re;
		return regexec(&cache[used++].rx, s, 0, NULL, 0) == 0;
	}
	if (regcomp(&once, re, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	ok = regexec(&once, s, 0, NULL, 0) == 0;
	regfree(&once);
	return ok;
}

/* A {ja, en} text pair. */
void ss__cat_i18n(check *c, const json_t *obj, const char *field, size_t max, bool required)
{
	const json_t *v = json_object_get(obj, field);
	static const char *const langs[] = {"ja", "en"};

	if (!v) {
		if (required)
			ss__cat_problem(c, obj, field, "missing; give the text in ja and en");
		return;
	}
	if (!json_is_object(v)) {
		ss__cat_problem(c, obj, field, "must be a mapping with ja and en");
		return;
	}
	for (size_t i = 0; i < 2; i++) {
		const char *s = ss_js_or_null(v, langs[i]);
		char name[64];

		snprintf(name, sizeof(name), "%s.%s", field, langs[i]);
		if (!s || !*s) {
			ss__cat_problem(c, obj, field, "%s is missing or empty", name);
		} else if (ss_text_check(name, s, max, true) < 0) {
			ss__cat_problem(c, obj, field, "%s", ss_error_last());
		}
	}
}

const char *ss__cat_string(check *c, const json_t *obj, const char *field, bool required)
{
	const json_t *v = json_object_get(obj, field);

	if (!v) {
		if (required)
			ss__cat_problem(c, obj, field, "missing");
		return NULL;
	}
	if (!json_is_string(v)) {
		ss__cat_problem(c, obj, field, "must be a single value");
		return NULL;
	}
	if (ss_text_check(field, json_string_value(v), SS_TEXT_MAX, false) < 0) {
		ss__cat_problem(c, obj, field, "%s", ss_error_last());
		return NULL;
	}
	return json_string_value(v);
}

/* Whether one of the first n strings of list is s. */
bool ss__cat_listed_before(const json_t *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = json_string_value(json_array_get(list, i));

		if (e && strcmp(e, s) == 0)
			return true;
	}
	return false;
}

void ss__cat_known(check *c, const json_t *obj, const char *what, const char *const *known)
{
	const char *key;
	json_t *val;

	json_object_foreach((json_t *)obj, key, val) {
		const char *const *k;

		if (strncmp(key, "__", 2) == 0)
			continue; /* the reader's source positions */
		for (k = known; *k && strcmp(*k, key) != 0; k++)
			;
		if (!*k)
			ss__cat_problem(c, obj, key, "unknown field '%.60s' in %s", key, what);
	}
}

/* A list of ids matching re; returns the count. */
size_t ss__cat_ids(check *c, const json_t *obj, const char *field, const char *re,
		   const char *example)
{
	const json_t *v = json_object_get(obj, field), *e;
	size_t i;

	if (!v)
		return 0;
	if (!json_is_array(v)) {
		ss__cat_problem(c, obj, field, "must be a list, e.g. [%s]", example);
		return 0;
	}
	if (json_array_size(v) > SS_CATALOG_LIST_MAX) {
		ss__cat_problem(c, obj, field, "%zu entries; at most %d", json_array_size(v),
				SS_CATALOG_LIST_MAX);
		return json_array_size(v);
	}
	json_array_foreach(v, i, e) {
		const char *s = json_string_value(e);

		if (!s || (re && !ss__cat_matches(re, s)))
			ss__cat_problem(c, obj, field, "entry %zu '%.60s' is not an id like %s",
					i + 1, s ? s : _("(not text)"), example);
		else if (!re && ss_text_check(field, s, SS_CATALOG_TITLE_MAX, false) < 0)
			ss__cat_problem(c, obj, field, "entry %zu: %s", i + 1, ss_error_last());
		else if (ss__cat_listed_before(v, i, s))
			ss__cat_problem(c, obj, field, "entry %zu '%.60s' is listed twice", i + 1,
					s);
	}
	return json_array_size(v);
}

/* strtoul, unlike sscanf, defines what an out-of-range number gives */
static void semver_parts(unsigned long v[3], const char *s)
{
	for (int k = 0; k < 3; k++) {
		char *end;

		v[k] = strtoul(s, &end, 10);
		s = *end == '.' ? end + 1 : end;
	}
}

int ss__semver_cmp(const char *x, const char *y)
{
	unsigned long vx[3], vy[3];

	semver_parts(vx, x);
	semver_parts(vy, y);
	for (int k = 0; k < 3; k++)
		if (vx[k] != vy[k])
			return vx[k] < vy[k] ? -1 : 1;
	return 0;
}
