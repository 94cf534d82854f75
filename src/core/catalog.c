/*
 * The guideline catalog: reading catalog directories, checking every item
 * against docs/catalog-format.md, loading versions, and browsing them.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/catalog_int.h"
#include "formats/winexport.h"
#include "util/banned.h"

#ifndef SECSPEC_CATALOG_FROM_BINDIR
#define SECSPEC_CATALOG_FROM_BINDIR ""
#endif
#ifndef SECSPEC_CATALOG_INSTALL_DIR
#define SECSPEC_CATALOG_INSTALL_DIR ""
#endif

static char builtin_dir[PATH_MAX];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static int is_dir(const char *path)
{
	struct stat sb;

	return *path && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The catalog next to the running program (<bindir>/../share/secspec/catalog
 * for an installed one, written <prefix>/share/secspec/catalog), the
 * build-time directory (the source tree), or the configured install location,
 * the first that exists. */
static void find_builtin_dir(void)
{
	char exe[sizeof builtin_dir];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *rel = SECSPEC_CATALOG_FROM_BINDIR;
	char *slash;

	if (n > 0 && *rel && exe[0] == '/') {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0'; /* the program's directory */
		while (strncmp(rel, "../", 3) == 0 && (slash = strrchr(exe, '/'))) {
			*slash = '\0';
			rel += 3;
		}
		if (snprintf(builtin_dir, sizeof builtin_dir, "%s/%s", exe, rel) <
			    (int)sizeof builtin_dir &&
		    is_dir(builtin_dir))
			return;
	}
	snprintf(builtin_dir, sizeof builtin_dir, "%s",
		 is_dir(SECSPEC_CATALOG_DIR) ? SECSPEC_CATALOG_DIR : SECSPEC_CATALOG_INSTALL_DIR);
}

const char *ss_catalog_builtin_dir(void)
{
	const char *dir = getenv("SECSPEC_CATALOG_DIR");

	if (dir && *dir)
		return dir;
	pthread_once(&builtin_once, find_builtin_dir);
	return builtin_dir;
}

typedef ss__catcheck check;

static int check_score(check *c, const json_t *scores, const char *field)
{
	const char *s = ss_js_or_null(scores, field);
	int64_t v;

	if (!s || ss_parse_int(&v, s, 1, 3) < 0) {
		ss__cat_problem(c, scores, field, "scores.%s must be 1, 2 or 3", field);
		return 0;
	}
	return (int)v;
}

/* A check's regex is compiled by glibc, whose compile time and memory grow
 * with nested bounded repeats ("((a{1,100}){1,100}){1,100}" takes gigabytes).
 * Catalog patterns are short line matchers: keep them so. */
#define PATTERN_MAX 256
#define PATTERN_REPEAT_MAX 16

static void check_pattern(check *c, const json_t *chk, const char *field, const char *pattern)
{
	const char *p;
	int braces = 0;
	regex_t rx;

	if (strlen(pattern) > PATTERN_MAX) {
		ss__cat_problem(c, chk, field, "longer than %d bytes", PATTERN_MAX);
		return;
	}
	for (p = pattern; *p; p++) {
		if (*p == '{' && (p == pattern || p[-1] != '\\')) {
			char *end;
			long lo = strtol(p + 1, &end, 10), hi = lo;

			if (*end == ',')
				hi = end[1] == '}' ? PATTERN_REPEAT_MAX + 1
						   : strtol(end + 1, &end, 10);
			if (++braces > 2 || lo > PATTERN_REPEAT_MAX || hi > PATTERN_REPEAT_MAX) {
				ss__cat_problem(
					c, chk, field,
					"bounded repeats are limited to two of at most {%d}",
					PATTERN_REPEAT_MAX);
				return;
			}
		}
	}
	if (regcomp(&rx, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		ss__cat_problem(c, chk, field, "not a valid POSIX extended regex");
		return;
	}
	regfree(&rx);
}

/* The check kinds (docs/catalog-format.md, "Checks"): required fields, the
 * fields a check may leave out, and the first catalog format that has the
 * kind (optional fields also need format 3). any, all and first hold
 * other checks under of. */
#define CHECK_NEST_MAX 3  /* any/all/first inside one another */
#define CHECK_OF_MAX 16   /* checks in one of */
#define CHECK_PATHS_MAX 8 /* paths of one file-match */

static const struct {
	const char *kind;
	const char *fields[3];
	const char *optional[2];
	int format;
} check_kinds[] = {
	{"sysctl", {"key", "expect", NULL}, {"default", NULL}, 1},
	{"file-match", {"path", "pattern", NULL}, {"reject", NULL}, 1},
	{"file-mode", {"path", "max_mode", NULL}, {"owner", "group"}, 1},
	{"service-disabled", {"unit", NULL, NULL}, {NULL, NULL}, 1},
	{"package-absent", {"package", NULL, NULL}, {NULL, NULL}, 1},
	{"registry", {"key", "name", "expect"}, {NULL, NULL}, 1},
	{"service-enabled", {"unit", NULL, NULL}, {NULL, NULL}, 3},
	{"package-installed", {"package", NULL, NULL}, {NULL, NULL}, 3},
	{"pam-module", {"service", "type", "module"}, {"args", NULL}, 3},
	{"firewalld-zone", {"pattern", NULL, NULL}, {NULL, NULL}, 3},
	{"any", {"of", NULL, NULL}, {NULL, NULL}, 3},
	{"all", {"of", NULL, NULL}, {NULL, NULL}, 3},
	{"first", {"of", NULL, NULL}, {NULL, NULL}, 3},
	{"accounts", {"rule", NULL, NULL}, {"max", NULL}, 3},
	{"audit-watch", {"path", "perms", NULL}, {NULL, NULL}, 3},
	{"audit-immutable", {NULL, NULL, NULL}, {NULL, NULL}, 3},
	{"mount-options", {"path", "options", NULL}, {NULL, NULL}, 3},
	/* check_windows.c; their other fields in check_windows_fields */
	{"account-policy", {"name", NULL, NULL}, {NULL, NULL}, 3},
	{"audit-policy", {"subcategory", "expect", NULL}, {NULL, NULL}, 3},
	{"user-right", {"right", NULL, NULL}, {NULL, NULL}, 3},
};

static void check_one(check *c, const json_t *chk, const json_t *parent, const char *field,
		      int depth);

/* The words of the kinds over host facts (check_facts.c). */
static void check_fact_fields(check *c, const char *kind, const json_t *chk)
{
	const char *rule = ss_js(chk, "rule");

	if (strcmp(kind, "accounts") == 0 && json_is_string(json_object_get(chk, "rule"))) {
		if (!ss__cat_matches("^(uid0-root-only|no-empty-password|max-days)$", rule))
			ss__cat_problem(c, chk, "rule",
					"must be uid0-root-only, no-empty-password or max-days");
		else if ((strcmp(rule, "max-days") == 0) !=
			 json_is_string(json_object_get(chk, "max")))
			ss__cat_problem(c, chk, "max", "goes with rule max-days, and only with it");
		if (json_is_string(json_object_get(chk, "max")) &&
		    !ss__cat_matches("^[1-9][0-9]{0,4}$", ss_js(chk, "max")))
			ss__cat_problem(c, chk, "max", "must be a number of days, 1 to 99999");
	}
	if (strcmp(kind, "audit-watch") == 0 && json_is_string(json_object_get(chk, "perms")) &&
	    !ss__cat_matches("^[rwxa]{1,4}$", ss_js(chk, "perms")))
		ss__cat_problem(c, chk, "perms", "must be letters of r, w, x and a");
	if ((strcmp(kind, "audit-watch") == 0 || strcmp(kind, "mount-options") == 0) &&
	    json_is_string(json_object_get(chk, "path")) && ss_js(chk, "path")[0] != '/')
		ss__cat_problem(c, chk, "path", "must be an absolute path");
	if (strcmp(kind, "mount-options") == 0 && json_is_string(json_object_get(chk, "options")) &&
	    !ss__cat_matches("^[a-z]+(,[a-z]+)*$", ss_js(chk, "options")))
		ss__cat_problem(c, chk, "options",
				"must be mount options such as nodev,nosuid,noexec");
}

/* The fields of the kinds over the Windows policy exports (check_windows.c)
 * that the table cannot say: account-policy has exactly one of min, max
 * and expect; user-right one or more of must_include, must_exclude and
 * only. Adds them to known (room for three more). */
static void check_windows_fields(check *c, const char *kind, const json_t *chk, const char **known,
				 size_t k)
{
	if (strcmp(kind, "account-policy") == 0) {
		static const char *const one[] = {"min", "max", "expect"};
		size_t n = 0;

		for (size_t i = 0; i < 3; i++)
			if (json_object_get(chk, one[i])) {
				n++;
				if (n == 1)
					known[k] = one[i];
				if (!ss__cat_string(c, chk, one[i], true))
					continue;
				if (i < 2 && !ss__cat_matches("^-?[0-9]{1,9}$", ss_js(chk, one[i])))
					ss__cat_problem(c, chk, one[i], "must be a whole number");
			}
		if (n != 1)
			ss__cat_problem(c, chk, "name", "needs exactly one of min, max and expect");
		if (json_is_string(json_object_get(chk, "name")) &&
		    !ss__cat_matches("^[A-Za-z]{1,64}$", ss_js(chk, "name")))
			ss__cat_problem(c, chk, "name",
					"must be a [System Access] setting such as "
					"MinimumPasswordLength");
	}
	if (strcmp(kind, "audit-policy") == 0) {
		const char *sub = ss_js(chk, "subcategory");

		if (json_is_string(json_object_get(chk, "expect")) &&
		    !ss__cat_matches("^(success|failure|success-and-failure)$",
				     ss_js(chk, "expect")))
			ss__cat_problem(c, chk, "expect",
					"must be success, failure or success-and-failure");
		if (json_is_string(json_object_get(chk, "subcategory")) &&
		    !ss__cat_matches("^[{]?[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}[}]?$",
				     sub) &&
		    !ss_auditpol_guid(sub))
			ss__cat_problem(c, chk, "subcategory",
					"must be an audit subcategory's GUID or English name");
	}
	if (strcmp(kind, "user-right") == 0) {
		static const char *const lists[] = {"must_include", "must_exclude", "only"};
		size_t n = 0;

		/* only: "" is nobody */
		for (size_t i = 0; i < 3; i++)
			if (json_object_get(chk, lists[i])) {
				known[k + n++] = lists[i];
				if (ss__cat_string(c, chk, lists[i], i < 2) &&
				    !ss__cat_matches(i < 2 ? "^[^,]+(, ?[^,]+)*$"
							   : "^$|^[^,]+(, ?[^,]+)*$",
						     ss_js(chk, lists[i])))
					ss__cat_problem(c, chk, lists[i],
							"must be SIDs or account names separated "
							"by commas");
			}
		if (n == 0)
			ss__cat_problem(c, chk, "right",
					"needs must_include, must_exclude or only");
		if (json_is_string(json_object_get(chk, "right")) &&
		    !ss__cat_matches("^Se[A-Za-z]{1,60}(Right|Privilege)$", ss_js(chk, "right")))
			ss__cat_problem(c, chk, "right",
					"must be a user right such as SeDenyNetworkLogonRight");
	}
}

/* A file-match's path: absolute, or from format 3 a glob pattern or a list
 * of them. */
static void check_paths(check *c, const json_t *chk)
{
	const json_t *v = json_object_get(chk, "path"), *e;
	size_t i;

	if (json_is_array(v) && c->format >= 3) {
		if (json_array_size(v) == 0 || json_array_size(v) > CHECK_PATHS_MAX) {
			ss__cat_problem(c, chk, "path", "a list of 1 to %d paths", CHECK_PATHS_MAX);
			return;
		}
		json_array_foreach(v, i, e) {
			const char *p = json_string_value(e);

			if (!p || p[0] != '/' || strlen(p) > 255)
				ss__cat_problem(c, chk, "path",
						"entry %zu must be an absolute path", i + 1);
		}
		return;
	}
	{
		const char *p = ss__cat_string(c, chk, "path", true);

		if (p && (p[0] != '/' || strlen(p) > 255))
			ss__cat_problem(c, chk, "path", "must be an absolute path");
		else if (p && c->format < 3 && strpbrk(p, "*?["))
			ss__cat_problem(c, chk, "path", "a glob pattern needs catalog format 3");
	}
}

static void check_of(check *c, const json_t *chk, int depth)
{
	const json_t *of = json_object_get(chk, "of"), *e;
	size_t i;

	if (!json_is_array(of) || json_array_size(of) < 2 || json_array_size(of) > CHECK_OF_MAX) {
		ss__cat_problem(c, chk, "of", "a list of 2 to %d checks", CHECK_OF_MAX);
		return;
	}
	if (depth >= CHECK_NEST_MAX) {
		ss__cat_problem(c, chk, "of", "any, all and first nest at most %d deep",
				CHECK_NEST_MAX);
		return;
	}
	json_array_foreach(of, i, e)
		check_one(c, e, chk, "of", depth + 1);
}

static void check_one(check *c, const json_t *chk, const json_t *parent, const char *field,
		      int depth)
{
	const char *kind;
	size_t i, f;

	if (!json_is_object(chk)) {
		ss__cat_problem(c, parent, field, "must be a mapping with a kind");
		return;
	}
	kind = ss__cat_string(c, chk, "kind", true);
	if (!kind)
		return;
	for (i = 0; i < sizeof(check_kinds) / sizeof(check_kinds[0]); i++) {
		if (strcmp(check_kinds[i].kind, kind) != 0)
			continue;
		const char *known[8] = {"kind"};
		const char *const *opt = check_kinds[i].optional;

		if (c->format < check_kinds[i].format) {
			ss__cat_problem(c, chk, "kind", "check kind %s needs catalog format %d",
					kind, check_kinds[i].format);
			return;
		}
		for (f = 0; f < 3 && check_kinds[i].fields[f]; f++) {
			const char *name = check_kinds[i].fields[f];

			if (strcmp(name, "of") == 0)
				check_of(c, chk, depth);
			else if (strcmp(kind, "file-match") == 0 && strcmp(name, "path") == 0)
				check_paths(c, chk);
			else
				ss__cat_string(c, chk, name, true);
			known[f + 1] = name;
		}
		for (size_t o = 0; o < 2 && opt[o] && c->format >= 3; o++) {
			known[++f] = opt[o];
			if (json_object_get(chk, opt[o]))
				ss__cat_string(c, chk, opt[o], false);
		}
		check_windows_fields(c, kind, chk, known, f + 1);
		ss__cat_known(c, chk, "check", known);
		if ((strcmp(kind, "file-match") == 0 || strcmp(kind, "firewalld-zone") == 0) &&
		    json_is_string(json_object_get(chk, "pattern")))
			check_pattern(c, chk, "pattern", ss_js(chk, "pattern"));
		if (json_is_string(json_object_get(chk, "reject")))
			check_pattern(c, chk, "reject", ss_js(chk, "reject"));
		if (strcmp(kind, "file-mode") == 0)
			for (size_t o = 0; o < 2; o++)
				if (json_is_string(json_object_get(chk, opt[o])) &&
				    !ss__cat_matches(
					    "^([a-z_][a-z0-9_.-]{0,31}[$]?|[0-9]{1,10})"
					    "(,([a-z_][a-z0-9_.-]{0,31}[$]?|[0-9]{1,10}))*$",
					    ss_js(chk, opt[o])))
					ss__cat_problem(c, chk, opt[o],
							"must be account or group names, or "
							"numeric IDs, separated by commas");
		if (strcmp(kind, "pam-module") == 0 &&
		    json_is_string(json_object_get(chk, "type")) &&
		    !ss__cat_matches("^(auth|account|password|session)$", ss_js(chk, "type")))
			ss__cat_problem(c, chk, "type",
					"must be auth, account, password or session");
		if (strcmp(kind, "pam-module") == 0 &&
		    json_is_string(json_object_get(chk, "service")) &&
		    !ss__cat_matches("^[A-Za-z0-9_.-]{1,64}$", ss_js(chk, "service")))
			ss__cat_problem(c, chk, "service", "must be a file name of /etc/pam.d");
		check_fact_fields(c, kind, chk);
		return;
	}
	ss__cat_problem(c, chk, "kind",
			"unknown check kind '%.40s' (sysctl, file-match, file-mode, "
			"service-disabled, service-enabled, package-absent, package-installed, "
			"pam-module, firewalld-zone, registry, accounts, audit-watch, "
			"audit-immutable, mount-options, account-policy, audit-policy, user-right, "
			"any, all, first)",
			kind);
}

static void check_check(check *c, const json_t *item)
{
	const json_t *chk = json_object_get(item, "check");

	if (chk)
		check_one(c, chk, item, "check", 0);
}

static void check_settings(check *c, const json_t *item, bool required)
{
	const json_t *v = json_object_get(item, "settings"), *s;
	size_t i;

	if (!v) {
		if (required)
			ss__cat_problem(
				c, item, "settings",
				"missing; name where the setting is made, the key and the value");
		return;
	}
	if (!json_is_array(v) || json_array_size(v) == 0) {
		ss__cat_problem(c, item, "settings",
				"must be a non-empty list of {where, key, value}");
		return;
	}
	if (json_array_size(v) > SS_CATALOG_LIST_MAX) {
		ss__cat_problem(c, item, "settings", "%zu settings; at most %d", json_array_size(v),
				SS_CATALOG_LIST_MAX);
		return;
	}
	json_array_foreach(v, i, s) {
		if (!json_is_object(s)) {
			ss__cat_problem(c, item, "settings",
					"entry %zu must be {where, key, value}", i + 1);
			continue;
		}
		static const char *const known[] = {"where", "key", "value", NULL};

		ss__cat_string(c, s, "where", true);
		ss__cat_string(c, s, "key", true);
		ss__cat_string(c, s, "value", true);
		ss__cat_known(c, s, _("a setting"), known);
	}
}

static const struct {
	const char *code, *section;
} section_codes[] = {
	{"DM", "default"}, {"DS", "detailed"}, {"AT", "attack"}, {"SC", "secure-coding"}};
static const struct {
	const char *code, *platform;
} platform_codes[] = {{"LNX", "linux"},
		      {"WIN", "windows"},
		      {"APP", "application"},
		      {"NET", "network"},
		      {"OPS", "operations"}};

static void check_item(check *c, json_t *item)
{
	const char *id, *section, *platform, *category;
	const json_t *scores;
	size_t i, nattack, ncwe, nasvs;

	c->item = NULL;
	if (!json_is_object(item)) {
		ss__cat_problem(c, NULL, NULL, "an item must be a mapping");
		return;
	}
	id = ss__cat_string(c, item, "id", true);
	if (!id)
		return;
	c->item = id;
	if (!ss__cat_matches("^(LNX|WIN|APP|NET|OPS)-(DM|DS|AT|SC)-[0-9]{3}$", id)) {
		ss__cat_problem(c, item, "id", "'%.40s' is not an id like LNX-DM-001", id);
		return;
	}
	if (json_object_get(c->seen, id))
		ss__cat_problem(c, item, "id", "duplicate id %s", id);
	json_object_set_new(c->seen, id, json_true());

	section = ss__cat_string(c, item, "section", true);
	platform = ss__cat_string(c, item, "platform", true);
	category = ss__cat_string(c, item, "category", true);
	for (i = 0; section && i < 4; i++)
		if (strncmp(id + 4, section_codes[i].code, 2) == 0 &&
		    strcmp(section, section_codes[i].section) != 0)
			ss__cat_problem(c, item, "section", "id %s is in section %s, not %s", id,
					section_codes[i].section, section);
	for (i = 0; platform && i < sizeof(platform_codes) / sizeof(platform_codes[0]); i++)
		if (strncmp(id, platform_codes[i].code, 3) == 0 &&
		    strcmp(platform, platform_codes[i].platform) != 0)
			ss__cat_problem(c, item, "platform", "id %s is for platform %s, not %s", id,
					platform_codes[i].platform, platform);
	if (category && !ss__meta_find(c->index, "categories", category))
		ss__cat_problem(c, item, "category",
				"unknown category '%.60s'; catalog.yaml lists them", category);

	ss__cat_i18n(c, item, "title", SS_CATALOG_TITLE_MAX, true);
	ss__cat_i18n(c, item, "overview", SS_TEXT_MAX, true);
	ss__cat_i18n(c, item, "mitigation", SS_TEXT_MAX, true);
	ss__cat_i18n(c, item, "operational_impact", SS_TEXT_MAX, true);
	ss__cat_i18n(c, item, "user_responsibility", SS_TEXT_MAX, true);
	ss__cat_i18n(c, item, "rationale", SS_TEXT_MAX, true);

	if (json_object_get(item, "attacker_permissions")) {
		const char *p = ss__cat_string(c, item, "attacker_permissions", false);

		if (p && !ss__cat_matches("^(none|user|administrator|system)$", p))
			ss__cat_problem(c, item, "attacker_permissions",
					"must be none, user, administrator or system");
	} else if (section && strcmp(section, "attack") == 0) {
		ss__cat_problem(
			c, item, "attacker_permissions",
			"missing; ATT&CK-based items say what the attacker must already hold");
	}
	ss__cat_ids(c, item, "tactics", "^TA[0-9]{4}$", "TA0001");
	nattack = ss__cat_ids(c, item, "attack", "^T[0-9]{4}(\\.[0-9]{3})?$", "T1110.001");
	ncwe = ss__cat_ids(c, item, "cwe", "^CWE-[0-9]{1,5}$", "CWE-89");
	nasvs = ss__cat_ids(c, item, "asvs", "^V[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{1,2}$", "V5.3.4");
	ss__cat_ids(c, item, "stig", "^[A-Z][A-Z0-9]*-[A-Z0-9]+-[0-9]{4,6}$", "RHEL-09-255045");
	ss__cat_ids(c, item, "cis", NULL, "\"CIS Debian Linux 12 v1.1.0 5.1.20\"");
	if (section && (strcmp(section, "default") == 0 || strcmp(section, "attack") == 0) &&
	    nattack == 0)
		ss__cat_problem(c, item, "attack", "a %s item names at least one ATT&CK technique",
				section);
	if (section && strcmp(section, "secure-coding") == 0 && (ncwe == 0 || nasvs == 0))
		ss__cat_problem(
			c, item, ncwe == 0 ? "cwe" : "asvs",
			"a secure-coding item names at least one CWE and one ASVS requirement");
	check_settings(c, item, !section || strcmp(section, "secure-coding") != 0);

	scores = json_object_get(item, "scores");
	if (c->format >= 2) {
		ss__cat_item2(c, item);
	} else if (!json_is_object(scores)) {
		ss__cat_problem(c, item, "scores", "missing; give {incident: 1..3, ease: 1..3}");
	} else {
		check_score(c, scores, "incident");
		check_score(c, scores, "ease");
	}
	check_check(c, item);

	static const char *const known[] = {"id",
					    "section",
					    "platform",
					    "category",
					    "title",
					    "overview",
					    "mitigation",
					    "operational_impact",
					    "user_responsibility",
					    "attacker_permissions",
					    "tactics",
					    "attack",
					    "cwe",
					    "asvs",
					    "stig",
					    "cis",
					    "settings",
					    "rationale",
					    "scores",
					    "check",
					    "mitigations",
					    "change",
					    NULL};
	const char *key;
	json_t *val;

	json_object_foreach(item, key, val) {
		const char *const *k;

		if (strncmp(key, "__", 2) == 0)
			continue;
		for (k = known; *k && strcmp(*k, key) != 0; k++)
			;
		if (!*k)
			ss__cat_problem(c, item, key, "unknown field '%.60s'", key);
	}
}

/* Whether s starts with prefix followed by sep. */
static bool starts_with_then(const char *s, const char *prefix, char sep)
{
	size_t n = strlen(prefix);

	return strncmp(s, prefix, n) == 0 && s[n] == sep;
}

/*
 * The releases the catalog's references come from (`references`): ATT&CK,
 * CWE and ASVS as one release each; STIG as a map from the rule-id family
 * (RHEL-09, WN11, …) to the benchmark's release; CIS as the list of
 * benchmarks with their versions. A catalog that pins STIG or CIS releases
 * must pin every one its items cite, so that a contract on the catalog
 * names the exact setting baselines.
 */
#define REFERENCE_PINS_MAX 64

static void check_references(check *c)
{
	static const char *const known[] = {"attack", "cwe", "asvs", "stig", "cis", NULL};
	const json_t *refs = json_object_get(c->index, "references"), *v, *stig, *cis, *item;
	const char *key;
	size_t i, j;

	c->file = "catalog.yaml";
	c->item = NULL;
	if (!refs)
		return;
	if (!json_is_object(refs)) {
		ss__cat_problem(c, c->index, "references",
				"must be a mapping of reference releases");
		return;
	}
	json_object_foreach((json_t *)refs, key, v) {
		const char *const *k;

		if (strncmp(key, "__", 2) == 0)
			continue; /* the loader's source positions */
		for (k = known; *k && strcmp(*k, key) != 0; k++)
			;
		if (!*k)
			ss__cat_problem(c, refs, key,
					"unknown reference kind '%.40s' (attack, cwe, asvs, "
					"stig, cis)",
					key);
		else if (strcmp(key, "stig") != 0 && strcmp(key, "cis") != 0 &&
			 (!json_is_string(v) || !*json_string_value(v)))
			ss__cat_problem(c, refs, key,
					"references.%s names the release, e.g. \"CWE 4.15\"", key);
	}
	stig = json_object_get(refs, "stig");
	cis = json_object_get(refs, "cis");
	/* each cited STIG rule and CIS reference is matched against every pin */
	if (ss_yaml_size(stig) > REFERENCE_PINS_MAX || json_array_size(cis) > REFERENCE_PINS_MAX) {
		ss__cat_problem(c, refs, json_array_size(cis) > REFERENCE_PINS_MAX ? "cis" : "stig",
				"at most %d STIG families and %d CIS benchmarks",
				REFERENCE_PINS_MAX, REFERENCE_PINS_MAX);
		return;
	}
	if (stig) {
		if (!json_is_object(stig))
			ss__cat_problem(
				c, refs, "stig",
				"references.stig maps a rule-id family to its benchmark release, "
				"e.g. RHEL-09: \"Red Hat Enterprise Linux 9 STIG V2R5\"");
		json_object_foreach((json_t *)stig, key, v) {
			if (strncmp(key, "__", 2) == 0)
				continue;
			if (!ss__cat_matches("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)?$", key) ||
			    !json_is_string(v) || !*json_string_value(v))
				ss__cat_problem(
					c, stig, key,
					"references.stig entry '%.40s' must be a family like "
					"RHEL-09 with its release as text",
					key);
		}
	}
	if (cis) {
		if (!json_is_array(cis))
			ss__cat_problem(
				c, refs, "cis",
				"references.cis lists the CIS Benchmarks with their versions");
		json_array_foreach(cis, i, v) {
			if (!json_is_string(v) || !*json_string_value(v))
				ss__cat_problem(c, refs, "cis",
						"references.cis entry %zu must be text", i + 1);
		}
	}
	json_array_foreach(c->items, i, item) {
		c->file = ss_js(item, "__file");
		c->item = ss_js_or_null(item, "id");
		json_array_foreach(json_is_object(stig) ? json_object_get(item, "stig") : NULL, j,
				   v) {
			const char *id = json_string_value(v);
			bool pinned = false;
			const json_t *rel;

			json_object_foreach((json_t *)stig, key, rel) {
				if (id && strncmp(key, "__", 2) != 0 &&
				    starts_with_then(id, key, '-'))
					pinned = true;
			}
			if (id && !pinned)
				ss__cat_problem(
					c, item, "stig",
					"STIG rule %.40s is from a benchmark references.stig does "
					"not pin; add its family with the release",
					id);
		}
		json_array_foreach(json_is_array(cis) ? json_object_get(item, "cis") : NULL, j, v) {
			const char *text = json_string_value(v);
			const json_t *b;
			size_t k;
			bool pinned = false;

			json_array_foreach(cis, k, b) {
				if (text && json_string_value(b) &&
				    starts_with_then(text, json_string_value(b), ' '))
					pinned = true;
			}
			if (text && !pinned)
				ss__cat_problem(
					c, item, "cis",
					"'%.60s' does not start with a benchmark references.cis "
					"pins",
					text);
		}
	}
	c->item = NULL;
}

static void check_labels(check *c, const char *list)
{
	const json_t *v = json_object_get(c->index, list), *e;
	size_t i;

	if (!json_is_array(v) || json_array_size(v) == 0) {
		ss__cat_problem(c, c->index, list, "missing; a list of {id, ja, en}");
		return;
	}
	if (json_array_size(v) > SS_CATALOG_LIST_MAX) {
		ss__cat_problem(c, c->index, list, "%zu entries; at most %d", json_array_size(v),
				SS_CATALOG_LIST_MAX);
		return;
	}
	json_array_foreach(v, i, e) {
		const char *id = ss_js_or_null(e, "id");

		if (!id || ss_name_check(list, id, 64) < 0)
			ss__cat_problem(c, e, "id", "%s entry %zu needs a plain id", list, i + 1);
		if (!ss_js_or_null(e, "ja") || !ss_js_or_null(e, "en"))
			ss__cat_problem(c, e, "id", "%s entry %zu needs ja and en labels", list,
					i + 1);
	}
}

static void check_asset_kinds(check *c)
{
	const json_t *v = json_object_get(c->index, "asset_kinds"), *k, *q;
	size_t i, j;

	check_labels(c, "asset_kinds");
	json_array_foreach(v, i, k) {
		if (strcmp(ss_js(k, "id"), "custom") == 0)
			ss__cat_problem(c, k, "id",
					"'custom' is reserved for project-specific kinds");
		ss__cat_i18n(c, k, "examples", SS_TEXT_MAX, true);
		json_array_foreach(json_object_get(k, "questions"), j, q) {
			if (!ss_js_or_null(q, "id") ||
			    ss_name_check("question", ss_js(q, "id"), 64) < 0)
				ss__cat_problem(c, q, "id",
						"asset kind %s: question %zu needs a plain id",
						ss_js(k, "id"), j + 1);
			if (!ss_js_or_null(q, "ja") || !ss_js_or_null(q, "en"))
				ss__cat_problem(c, q, "id",
						"asset kind %s: question %zu needs ja and en",
						ss_js(k, "id"), j + 1);
		}
	}
	v = json_object_get(c->index, "impact_axes");
	if (json_array_size(v) != 4)
		ss__cat_problem(c, c->index, "impact_axes",
				"must list the four axes duration, reach, damage, trust");
	json_array_foreach(v, i, k) {
		if (json_array_size(json_object_get(k, "levels")) != 3)
			ss__cat_problem(c, k, "levels",
					"impact axis %s needs three levels (L1..L3)",
					ss_js(k, "id"));
	}
}

static void check_free(check *c)
{
	json_decref(c->problems);
	json_decref(c->index);
	json_decref(c->items);
	json_decref(c->seen);
	json_decref(c->threats);
	json_decref(c->threat_by);
}

/* Read and check a directory; c holds the result. Fails only when a file
 * cannot be read at all; content problems go to c->problems. */
static int read_dir(check *c, const char *dir)
{
	ss_buf path = SS_BUF_INIT(4096);
	struct stat sb;
	size_t bytes = 0;
	const json_t *files, *f;
	size_t i;
	int error = 0;

	memset(c, 0, sizeof(*c));
	c->problems = json_array();
	c->items = json_array();
	c->seen = json_object();
	c->file = "catalog.yaml";
	if ((error = ss_buf_printf(&path, "%s/catalog.yaml", dir)) < 0)
		goto out;
	if ((error = ss_yaml_load(&c->index, path.ptr, SS_CATALOG_FILE_MAX, SS_CATALOG_DEPTH_MAX)) <
	    0) {
		if (error == SS_EPARSE || error == SS_ELIMIT) {
			ss__cat_problem(c, NULL, NULL, "%s", ss_error_last());
			error = 0;
		}
		goto out;
	}
	if (!json_is_object(c->index)) {
		ss__cat_problem(c, NULL, NULL, "catalog.yaml must be a mapping");
		goto out;
	}
	ss__cat_string(c, c->index, "catalog", true);
	{
		const char *v = ss__cat_string(c, c->index, "version", true);
		const char *r = ss__cat_string(c, c->index, "released", true);

		if (v && !ss__cat_matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", v))
			ss__cat_problem(c, c->index, "version", "'%.40s' is not MAJOR.MINOR.PATCH",
					v);
		if (r && !ss_date_valid(r))
			ss__cat_problem(c, c->index, "released", "'%.40s' is not a date YYYY-MM-DD",
					r);
	}
	{
		const char *fmt = json_object_get(c->index, "format")
					  ? ss__cat_string(c, c->index, "format", false)
					  : "1";

		if (fmt && strcmp(fmt, "1") != 0 && strcmp(fmt, "2") != 0 && strcmp(fmt, "3") != 0)
			ss__cat_problem(c, c->index, "format", "format '%.10s' is not 1, 2 or 3",
					fmt);
		c->format = !fmt ? 1 : strcmp(fmt, "3") == 0 ? 3 : strcmp(fmt, "2") == 0 ? 2 : 1;
	}
	ss__cat_i18n(c, c->index, "title", SS_CATALOG_TITLE_MAX, true);
	check_labels(c, "sections");
	check_labels(c, "platforms");
	check_labels(c, "categories");
	check_asset_kinds(c);
	files = json_object_get(c->index, "files");
	if (!json_is_array(files) || json_array_size(files) == 0)
		ss__cat_problem(c, c->index, "files", "missing; list the item files");
	if (json_array_size(files) > SS_CATALOG_FILES_MAX) {
		ss__cat_problem(c, c->index, "files", "%zu item files; at most %d",
				json_array_size(files), SS_CATALOG_FILES_MAX);
		files = NULL;
	}
	json_array_foreach(files, i, f) {
		const char *name = json_string_value(f);
		json_t *doc = NULL, *items, *item;
		size_t j;

		c->file = "catalog.yaml";
		c->item = NULL;
		if (!name || !ss__cat_matches("^[A-Za-z0-9_-]+\\.yaml$", name)) {
			ss__cat_problem(c, c->index, "files",
					"entry %zu must be a file name like x.yaml", i + 1);
			continue;
		}
		if (ss__cat_listed_before(files, i, name)) {
			ss__cat_problem(c, c->index, "files", "%s is listed twice", name);
			continue;
		}
		if (json_array_size(c->items) >= SS_CATALOG_ITEMS_MAX) {
			ss__cat_limit(c, c->index, "files",
				      "%s is not read: the files before it hold %d items already",
				      name, SS_CATALOG_ITEMS_MAX);
			continue;
		}
		ss_buf_clear(&path);
		if ((error = ss_buf_printf(&path, "%s/%s", dir, name)) < 0)
			goto out;
		if (stat(path.ptr, &sb) == 0 && S_ISREG(sb.st_mode)) {
			if ((size_t)sb.st_size > SS_CATALOG_BYTES_MAX - bytes) {
				ss__cat_limit(c, c->index, "files",
					      "%s is not read: the item files of a version hold "
					      "at most %zu MB in all",
					      name, SS_CATALOG_BYTES_MAX >> 20);
				continue;
			}
			bytes += (size_t)sb.st_size;
		}
		c->file = name;
		if ((error = ss_yaml_load(&doc, path.ptr, SS_CATALOG_FILE_MAX,
					  SS_CATALOG_DEPTH_MAX)) < 0) {
			if (error == SS_EPARSE || error == SS_ELIMIT || error == SS_ENOTFOUND ||
			    error == SS_EINVAL) {
				ss__cat_problem(c, NULL, NULL, "%s", ss_error_last());
				error = 0;
				continue;
			}
			goto out;
		}
		items = json_object_get(doc, "items");
		if (!json_is_array(items)) {
			ss__cat_problem(c, doc, "items", "the file must hold a list under 'items'");
		} else {
			json_array_foreach(items, j, item) {
				if (json_array_size(c->items) == SS_CATALOG_ITEMS_MAX) {
					c->item = NULL;
					ss__cat_limit(c, item, NULL,
						      "more than %d items in the catalog version",
						      SS_CATALOG_ITEMS_MAX);
					break;
				}
				check_item(c, item);
				json_object_set_new(item, "__file", json_string(name));
				json_array_append(c->items, item);
			}
		}
		json_decref(doc);
	}
	check_references(c);
	if (c->format >= 2)
		error = ss__cat_whole2(c, dir);
out:
	ss_buf_release(&path);
	return error;
}

static int semver_cmp(const void *a, const void *b)
{
	return ss__semver_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Read a version directory and, when the version it revises sits beside it
 * (a release tree), check it against that one too. */
static int read_version(check *c, const char *dir, const check *read, size_t nread, bool tree)
{
	const check *before = NULL;
	const char *prev = NULL;
	ss_buf path = SS_BUF_INIT(4096);
	check p;
	int error;

	memset(&p, 0, sizeof(p));
	if ((error = read_dir(c, dir)) < 0)
		return error;
	if (c->format < 2 || !(prev = ss_js_or_null(c->index, "previous")))
		return 0;
	if (!ss__cat_matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", prev)) {
		ss__cat_problem(c, c->index, "previous", "'%.40s' is not MAJOR.MINOR.PATCH", prev);
		return 0;
	}
	{
		const char *version = ss_js(c->index, "version");

		if (ss__cat_matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", version) &&
		    ss__semver_cmp(prev, version) >= 0) {
			ss__cat_problem(c, c->index, "previous",
					"'%.40s' is not older than version %.40s; a version "
					"revises an earlier one",
					prev, version);
			return 0;
		}
	}
	/* in a release tree the versions before this one have just been read */
	for (size_t k = nread; k-- > 0 && !before;)
		if (strcmp(ss_js(read[k].index, "version"), prev) == 0)
			before = &read[k];
	if (before) {
		if (json_array_size(before->problems) > 0)
			ss__cat_problem(c, c->index, "previous",
					"version %s beside it has problems of its own", prev);
		else
			ss__cat_previous(c, before);
		return 0;
	}
	if (tree)
		return 0; /* the tree does not hold it (a directory may be misnamed) */
	if ((error = ss_buf_printf(&path, "%s/../%s/catalog.yaml", dir, prev)) < 0)
		goto out;
	if (access(path.ptr, R_OK) != 0)
		goto out; /* not in a release tree: nothing beside it to compare */
	ss_buf_clear(&path);
	if ((error = ss_buf_printf(&path, "%s/../%s", dir, prev)) < 0 ||
	    (error = read_dir(&p, path.ptr)) < 0) {
		check_free(&p);
		goto out;
	}
	if (json_array_size(p.problems) > 0)
		ss__cat_problem(c, c->index, "previous",
				"version %s beside it has problems of its own; validate it first",
				prev);
	else if (strcmp(ss_js(p.index, "version"), prev) != 0)
		ss__cat_problem(c, c->index, "previous",
				"the directory %s beside it holds version %.40s", prev,
				ss_js(p.index, "version"));
	else
		ss__cat_previous(c, &p);
	check_free(&p);
out:
	ss_buf_release(&path);
	return error;
}

#define CATALOG_TREE_MAX 256

/*
 * A catalog directory holds one version (catalog.yaml at its top) or a
 * release tree: one subdirectory per version, named by it. *out receives the
 * version directories, oldest first.
 */
static int version_dirs(json_t **out, const char *dir)
{
	ss_buf path = SS_BUF_INIT(4096);
	char *names[CATALOG_TREE_MAX];
	size_t n = 0, i;
	struct dirent *e;
	DIR *d = NULL;
	int error = 0;

	*out = json_array();
	if ((error = ss_buf_printf(&path, "%s/catalog.yaml", dir)) < 0)
		goto out;
	if (access(path.ptr, F_OK) == 0) {
		json_array_append_new(*out, json_string(dir));
		goto out;
	}
	if (!(d = opendir(dir))) {
		error = ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO,
				     "%s: no catalog here (%s)", dir, strerror(errno));
		goto out;
	}
	while ((e = readdir(d))) {
		struct stat sb;

		if (!ss__cat_matches("^[0-9]{1,6}\\.[0-9]{1,6}\\.[0-9]{1,6}$", e->d_name))
			continue;
		ss_buf_clear(&path);
		if ((error = ss_buf_printf(&path, "%s/%s", dir, e->d_name)) < 0)
			goto out;
		/* a link could name a version twice, or a directory outside the tree */
		if (lstat(path.ptr, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			error = ss_error_set(SS_EPARSE,
					     "%s: a version of a release tree is a directory, not "
					     "a file or a link; move it away or replace it",
					     path.ptr);
			goto out;
		}
		if (n == CATALOG_TREE_MAX) {
			error = ss_error_set(SS_ELIMIT, "%s: more than %d catalog versions", dir,
					     CATALOG_TREE_MAX);
			goto out;
		}
		if (!(names[n] = strdup(e->d_name))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof(*names), semver_cmp);
	for (i = 0; i < n; i++) {
		ss_buf_clear(&path);
		if ((error = ss_buf_printf(&path, "%s/%s", dir, names[i])) < 0)
			goto out;
		json_array_append_new(*out, json_string(path.ptr));
	}
	if (n == 0)
		error = ss_error_set(SS_ENOTFOUND,
				     "%s: no catalog.yaml and no version directories (1.0.0/ …)",
				     dir);
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	if (d)
		closedir(d);
	ss_buf_release(&path);
	if (error < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return error;
}

/* One version directory: {version, dir, items, problems}. */
static int validate_one(json_t **out, check *c, const char *dir, const char *expect,
			const check *read, size_t nread)
{
	int error;

	if ((error = read_version(c, dir, read, nread, expect != NULL)) < 0)
		return error;
	if (expect && ss_js_or_null(c->index, "version") &&
	    strcmp(ss_js(c->index, "version"), expect) != 0) {
		c->file = "catalog.yaml";
		c->item = NULL;
		ss__cat_problem(c, c->index, "version",
				"version %.40s sits in directory %s; a release tree names each "
				"directory by its version",
				ss_js(c->index, "version"), expect);
	}
	*out = json_pack("{s:s?, s:s, s:i, s:O}", "version", ss_js_or_null(c->index, "version"),
			 "dir", dir, "items", (json_int_t)json_array_size(c->items), "problems",
			 c->problems);
	return 0;
}

/*
 * Read and check every version of dir (one version, or a release tree),
 * oldest first, each against the one before it. checks[] receives the
 * read versions (*n of them); *out the report of ss_catalog_validate.
 */
static int read_all(json_t **out, check *checks, size_t *n, const char *dir)
{
	json_t *dirs = NULL, *versions = json_array(), *problems = json_array(), *res = NULL;
	const json_t *d, *p;
	size_t i, j;
	int error;

	*n = 0;
	if ((error = version_dirs(&dirs, dir)) < 0)
		goto out;
	json_array_foreach(dirs, i, d) {
		json_t *one = NULL;
		const char *base = strrchr(json_string_value(d), '/');
		bool tree = strcmp(json_string_value(d), dir) != 0;

		error = validate_one(&one, &checks[i], json_string_value(d), tree ? base + 1 : NULL,
				     checks, i);
		*n = i + 1;
		if (error < 0)
			goto out;
		json_array_foreach(json_object_get(one, "problems"), j, p) {
			json_t *copy = json_copy((json_t *)p);

			json_object_set_new(copy, "dir", json_string(json_string_value(d)));
			json_array_append_new(problems, copy);
		}
		json_array_append_new(versions, one);
	}
	/* the newest version's summary at the top, every version below */
	res = json_deep_copy(json_array_get(versions, json_array_size(versions) - 1));
	json_object_set_new(res, "dir", json_string(dir));
	json_object_set(res, "problems", problems);
	json_object_set(res, "versions", versions);
	if (json_array_size(problems) > 0) {
		p = json_array_get(problems, 0);
		error = ss_error_set(SS_EPARSE, "%s/%s:%lld: %s%s%s: %s (%zu problem(s) in all)",
				     ss_js(p, "dir"), ss_js(p, "file"), (long long)ss_ji(p, "line"),
				     ss_js_or_null(p, "item") ? ss_js(p, "item") : "",
				     ss_js_or_null(p, "item") ? " " : "", ss_js(p, "field"),
				     ss_js(p, "message"), json_array_size(problems));
	}
	*out = res;
	res = NULL;
out:
	json_decref(dirs);
	json_decref(versions);
	json_decref(problems);
	json_decref(res);
	return error;
}

int ss_catalog_validate(json_t **out, const char *dir)
{
	check checks[CATALOG_TREE_MAX];
	size_t n = 0, i;
	int error;

	if (!out || !dir)
		return ss_error_set(SS_EINVAL, "ss_catalog_validate: NULL argument");
	*out = NULL;
	error = read_all(out, checks, &n, dir);
	for (i = 0; i < n; i++)
		check_free(&checks[i]);
	return error;
}

/* The stored index: catalog.yaml without files and source positions. */
static json_t *index_meta(const check *c)
{
	json_t *meta = json_deep_copy(c->index);

	json_object_del(meta, "files");
	/* format 2: the threat scores travel with the version, not a file name */
	if (c->format >= 2)
		json_object_set_new(meta, "threats", json_deep_copy(c->threats));
	return meta;
}

static int put_refs(ss_store *st, const char *version, const char *id, const json_t *item,
		    const char *kind)
{
	const json_t *e;
	size_t i;
	int error;

	json_array_foreach(json_object_get(item, kind), i, e) {
		if ((error = ss_cstore_ref_put(st, version, id, kind, json_string_value(e))) < 0)
			return error;
	}
	return 0;
}

/* Scores are numbers in stored items; YAML gave them as text (validated). */
static void normalize_scores(json_t *items)
{
	json_t *item, *scores;
	size_t i;

	json_array_foreach(items, i, item) {
		int64_t incident = 0, ease = 0;

		scores = json_object_get(item, "scores");
		ss_parse_int(&incident, ss_js(scores, "incident"), 1, 3);
		ss_parse_int(&ease, ss_js(scores, "ease"), 1, 3);
		json_object_set_new(scores, "incident", json_integer(incident));
		json_object_set_new(scores, "ease", json_integer(ease));
	}
}

/* Load one version that read_all has read and found without problems. */
static int load_one(json_t **out, ss_store *st, const check *c)
{
	ss_buf body = SS_BUF_INIT(SS_CATALOG_FILE_MAX), all = SS_BUF_INIT(256 * 1024 * 1024);
	ss_buf docbuf = SS_BUF_INIT(SS_CATALOG_FILE_MAX);
	char hash[SS_SHA256_HEX], vhash[SS_SHA256_HEX], now[SS_TIME_MAX];
	json_t *existing = NULL, *meta = NULL, *item, *whole = NULL;
	const char *version;
	size_t i;
	int error;

	version = ss_js(c->index, "version");
	if (c->format >= 2)
		ss__cat_inherit_scores(c->items, c->threats);
	else
		normalize_scores(c->items);
	meta = index_meta(c);
	whole = json_pack("{s:O, s:O}", "index", meta, "items", c->items);
	if (!meta || !whole) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss_json_canonical(&all, whole)) < 0 || (error = ss_time_now(now)) < 0)
		goto out;
	ss_sha256_hex(vhash, all.ptr, all.len);
	error = ss_cstore_version_get(&existing, st, version);
	if (error == 0) {
		if (strcmp(ss_js(existing, "content_hash"), vhash) != 0) {
			error = ss_error_set(SS_ECONFLICT,
					     "catalog version %s is already loaded with different "
					     "content; give the edited catalog a new version in "
					     "catalog.yaml",
					     version);
			goto out;
		}
		*out = json_pack("{s:s, s:s, s:b, s:i}", "version", version, "content_hash", vhash,
				 "loaded", 0, "items", (json_int_t)json_array_size(c->items));
		goto out;
	}
	if (error != SS_ENOTFOUND)
		goto out;
	ss_buf_clear(&all);
	if ((error = ss_json_canonical(&all, meta)) < 0 ||
	    (error = ss_cstore_version_put(
		     st, version, ss_js(c->index, "catalog"), ss_js(c->index, "released"),
		     ss_js(json_object_get(c->index, "title"), "ja"),
		     ss_js(json_object_get(c->index, "title"), "en"), vhash, all.ptr, now)) < 0)
		goto out;
	{
		json_t *latest = NULL, *refs = json_object(), *row;
		size_t k;

		if ((error = ss_rstore_latest_sources(&latest, st)) == 0) {
			json_array_foreach(latest, k, row) {
				json_object_set(refs, ss_js(row, "kind"),
						json_object_get(row, "id"));
			}
			ss_buf_clear(&all);
			if ((error = ss_json_canonical(&all, refs)) == 0)
				error = ss_cstore_set_refs(st, version, all.ptr);
		}
		json_decref(latest);
		json_decref(refs);
		if (error < 0)
			goto out;
	}
	json_array_foreach(c->items, i, item) {
		const json_t *title = json_object_get(item, "title");
		const json_t *scores = json_object_get(item, "scores");
		const char *id = ss_js(item, "id");
		int64_t incident = 0, ease = 0;

		incident = ss_ji(scores, "incident");
		ease = ss_ji(scores, "ease");
		const json_t *mit = json_object_get(item, "mitigation");
		json_t *doc;

		ss_buf_clear(&body);
		ss_buf_clear(&docbuf);
		doc = json_pack(
			"{s:O?, s:O?, s:O?, s:O?}", "settings", json_object_get(item, "settings"),
			"attack", json_object_get(item, "attack"), "cwe",
			json_object_get(item, "cwe"), "asvs", json_object_get(item, "asvs"));
		error = doc ? ss_json_canonical(&docbuf, doc)
			    : ss_error_set(SS_ENOMEM, "out of memory");
		json_decref(doc);
		if (error < 0 || (error = ss__catalog_item_hash(hash, item)) < 0 ||
		    (error = ss_json_canonical(&body, item)) < 0)
			goto out;
		if ((error = ss_cstore_item_put(st, version, id, (int64_t)i, ss_js(item, "section"),
						ss_js(item, "platform"), ss_js(item, "category"),
						strcmp(ss_js(item, "section"), "default") == 0,
						ss_js(title, "ja"), ss_js(title, "en"), incident,
						ease, hash, body.ptr, ss_js(mit, "ja"),
						ss_js(mit, "en"), docbuf.ptr)) < 0)
			goto out;
		if ((error = put_refs(st, version, id, item, "attack")) < 0 ||
		    (error = put_refs(st, version, id, item, "cwe")) < 0 ||
		    (error = put_refs(st, version, id, item, "asvs")) < 0 ||
		    (error = put_refs(st, version, id, item, "stig")) < 0 ||
		    (error = put_refs(st, version, id, item, "tactics")) < 0 ||
		    (error = put_refs(st, version, id, item, "mitigations")) < 0)
			goto out;
	}
	*out = json_pack("{s:s, s:s, s:b, s:i}", "version", version, "content_hash", vhash,
			 "loaded", 1, "items", (json_int_t)json_array_size(c->items));
out:
	json_decref(existing);
	json_decref(meta);
	json_decref(whole);
	ss_buf_release(&body);
	ss_buf_release(&docbuf);
	ss_buf_release(&all);
	return error;
}

int ss_catalog_load(json_t **out, ss_store *st, const char *dir)
{
	json_t *results = json_array(), *one = NULL, *res = NULL;
	check checks[CATALOG_TREE_MAX];
	bool began = false;
	size_t n = 0, i;
	int error;

	if (!out || !st || !dir)
		return ss_error_set(SS_EINVAL, "ss_catalog_load: NULL argument");
	/* every version is read and checked before any is loaded, and all of
	 * them are loaded in one transaction: a tree loads whole or not at all */
	if ((error = read_all(&res, checks, &n, dir)) < 0 || (error = ss_store_check(st)) < 0 ||
	    (error = ss_store__begin(st)) < 0)
		goto out;
	began = true;
	for (i = 0; i < n; i++) {
		if ((error = load_one(&one, st, &checks[i])) < 0)
			goto out;
		json_array_append_new(results, one);
	}
	if ((error = ss_store__commit(st)) < 0)
		goto out;
	began = false;
	json_decref(res);
	/* the newest version's result at the top, every version below */
	res = json_deep_copy(json_array_get(results, json_array_size(results) - 1));
	json_object_set(res, "versions", results);
	*out = res;
	res = NULL;
out:
	if (began)
		ss_store__rollback(st);
	for (i = 0; i < n; i++)
		check_free(&checks[i]);
	json_decref(results);
	json_decref(res);
	return error;
}

json_t *ss__catalog_item_agreed(const json_t *item)
{
	json_t *copy = json_deep_copy(item), *scores;

	if (!copy)
		return NULL;
	json_object_del(copy, "mitigations");
	if ((scores = json_object_get(copy, "scores")))
		json_object_del(scores, "technique");
	return copy;
}

int ss__catalog_item_hash(char hash[SS_SHA256_HEX], const json_t *item)
{
	ss_buf body = SS_BUF_INIT(SS_CATALOG_FILE_MAX);
	json_t *agreed = ss__catalog_item_agreed(item);
	int error;

	if (!agreed)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_json_canonical(&body, agreed)) == 0)
		ss_sha256_hex(hash, body.ptr, body.len);
	json_decref(agreed);
	ss_buf_release(&body);
	return error;
}

static int resolve_version(char **out, ss_store *st, const char *version)
{
	json_t *row = NULL;
	int error;

	if (version) {
		if ((error = ss_cstore_version_has(st, version)) < 0)
			return error;
		*out = strdup(version);
		return *out ? 0 : ss_error_set(SS_ENOMEM, "out of memory");
	}
	if ((error = ss_cstore_latest(&row, st)) < 0)
		return error;
	*out = strdup(ss_js(row, "version"));
	json_decref(row);
	return *out ? 0 : ss_error_set(SS_ENOMEM, "out of memory");
}

int ss_catalog_versions(json_t **out, ss_store *st)
{
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_catalog_versions: NULL argument");
	if ((error = ss_store_check(st)) < 0)
		return error;
	return ss_cstore_versions(out, st);
}

int ss_catalog_list(json_t **out, ss_store *st, const char *version, const ss_filter *f)
{
	static const ss_filter none;
	json_t *rows = NULL, *meta = NULL;
	char *v = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_catalog_list: NULL argument");
	if (!f)
		f = &none;
	if ((error = ss_store_check(st)) < 0 || (error = resolve_version(&v, st, version)) < 0)
		goto out;
	if ((error = ss__catalog_meta(&meta, st, v)) < 0 || (error = ss__filter_check(meta, f)) < 0)
		goto out;
	if ((error = ss_cstore_items(&rows, st, v, f->section, f->platform, f->category,
				     f->technique, 0)) < 0)
		goto out;
	ss__bool_field(rows, "is_default", "default");
	*out = json_pack("{s:s, s:i, s:o}", "version", v, "count",
			 (json_int_t)json_array_size(rows), "items", rows);
	rows = NULL;
out:
	json_decref(rows);
	json_decref(meta);
	free(v);
	return error;
}

/* What the imported reference data says of an item's ids (names, titles,
 * revoked or deprecated); ids that nothing imported knows are left out. */
static json_t *references(ss_store *st, const json_t *item)
{
	static const char *const kinds[] = {"attack", "tactics", "cwe", "asvs", "stig"};
	json_t *refs = json_object();
	const json_t *e;
	size_t k, i;

	for (k = 0; k < 5; k++) {
		json_t *list = json_array();

		json_array_foreach(json_object_get(item, kinds[k]), i, e) {
			json_t *r = NULL;
			const char *id = json_string_value(e);

			if (!id || ss_refs_lookup(&r, st, id) < 0)
				continue;
			json_array_append_new(
				list,
				json_pack("{s:s, s:s, s:O*, s:O*, s:O*}", "id", id, "name",
					  ss_js_or_null(r, "name")    ? ss_js(r, "name")
					  : ss_js_or_null(r, "title") ? ss_js(r, "title")
								      : ss_js(r, "description"),
					  "revoked", json_object_get(r, "revoked"), "deprecated",
					  json_object_get(r, "deprecated"), "release",
					  json_object_get(r, "release")));
			json_decref(r);
		}
		if (json_array_size(list))
			json_object_set_new(refs, kinds[k], list);
		else
			json_decref(list);
	}
	ss_error_clear();
	return refs;
}

int ss__catalog_item(json_t **out, ss_store *st, const char *version, const char *id)
{
	json_t *row = NULL, *body = NULL;
	char *v = NULL;
	int error;

	if ((error = ss_store_check(st)) < 0 || (error = resolve_version(&v, st, version)) < 0)
		goto out;
	if ((error = ss_cstore_item_get(&row, st, v, id)) < 0)
		goto out;
	if (!(body = json_loads(ss_js(row, "body"), 0, NULL))) {
		error = ss_error_set(SS_ECORRUPT, "catalog item %s: stored body is not JSON", id);
		goto out;
	}
	json_object_set_new(body, "version", json_string(v));
	json_object_set(body, "content_hash", json_object_get(row, "content_hash"));
	json_object_set_new(body, "default", json_boolean(ss_ji(row, "is_default")));
	*out = body;
	body = NULL;
out:
	json_decref(row);
	json_decref(body);
	free(v);
	return error;
}

int ss_catalog_show(json_t **out, ss_store *st, const char *version, const char *id)
{
	json_t *body = NULL;
	int error;

	if (!out || !st || !id)
		return ss_error_set(SS_EINVAL, "ss_catalog_show: an item id is required");
	if ((error = ss__catalog_item(&body, st, version, id)) < 0)
		return error;
	json_object_set_new(body, "references", references(st, body));
	*out = body;
	return 0;
}

int ss_catalog_meta(json_t **out, ss_store *st, const char *version)
{
	char *v = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_catalog_meta: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = resolve_version(&v, st, version)) < 0)
		return error;
	error = ss__catalog_meta(out, st, v);
	free(v);
	return error;
}
