/* The rule book's hits and the verifier's problems in Japanese: the text is
 * translated, the rule id is not, and a checker that runs on other threads
 * (ss_checker_async) reports in the language of the thread that started it,
 * word for word as a checker on one thread does. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "ledger/check.h"
#include "ledger/merkle.h"
#include "rules/perm.h"
#include "util/util.h"

typedef struct {
	ss_checker *c;
	int64_t seq;
	char prev[2 * SS_HASH_LEN + 1];
} forger;

#define HASH0 "0000000000000000000000000000000000000000000000000000000000000000"

/* Whether the embedded catalog has this part's Japanese (po/parts/rules.po
 * merged into po/ja.po): without it there is nothing to check. */
static bool have_japanese(void)
{
	const char *probe = "the signature does not match the event";
	bool ok;

	ss_messages_lang_set("ja");
	ok = strcmp(ss_gettext(probe), probe) != 0;
	ss_messages_lang_set("en");
	return ok;
}

static void add(forger *f, const char *actor, const char *side, const char *role, const char *type,
		json_t *data)
{
	json_t *ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1,
			       "project", "p", "seq", (json_int_t)++f->seq, "prev", f->prev, "time",
			       "2026-11-26T10:00:00Z", "actor", actor, "side", side, "role", role,
			       "type", type, "data", data);
	ss_buf body = SS_BUF_INIT(0);
	ss_hash leaf;

	assert_int_equal(ss_json_canonical(&body, ev), 0);
	ss_checker_add(f->c, f->seq, body.ptr, body.len, NULL, NULL, NULL);
	ss_merkle_leaf(leaf, body.ptr, body.len);
	ss_hash_hex(f->prev, leaf);
	ss_buf_release(&body);
	json_decref(ev);
}

/* A rules-1 log that breaks four rules: a vendor decides (permission), a
 * rules-3 role (rules-version), two events are missing (event-seq) and a
 * decision lacks its level (event-data). The problems, as JSON text. */
static char *forged_problems(bool async)
{
	forger f = {ss_checker_new("p"), 0, {0}};
	char *out;

	assert_non_null(f.c);
	memset(f.prev, '0', 2 * SS_HASH_LEN);
	if (async)
		assert_int_equal(ss_checker_async(f.c), 0);
	add(&f, "alice", "user", "lead", "project.create",
	    json_pack("{s:s, s:s, s:s, s:s}", "name", "p", "user_org", "U", "vendor_org", "V",
		      "catalog_version", "1.0.0"));
	add(&f, "alice", "user", "lead", "member.add",
	    json_pack("{s:s, s:s, s:s}", "person", "bob", "side", "vendor", "role", "lead"));
	add(&f, "alice", "user", "lead", "spec.draft",
	    json_pack("{s:s, s:[[s, s]]}", "catalog_version", "1.0.0", "items", "X", HASH0));
	add(&f, "bob", "vendor", "lead", "decision.set",
	    json_pack("{s:s, s:s, s:s, s:i}", "item", "X", "item_hash", HASH0, "policy",
		      "implement", "level", 0));
	add(&f, "alice", "user", "lead", "member.add",
	    json_pack("{s:s, s:s, s:s}", "person", "carol", "side", "user", "role", "expert"));
	f.seq += 2;
	add(&f, "alice", "user", "lead", "decision.set",
	    json_pack("{s:s, s:s, s:s}", "item", "X", "item_hash", HASH0, "policy", "implement"));
	out = json_dumps(ss_checker_problems(f.c), JSON_COMPACT);
	assert_non_null(out);
	ss_checker_free(f.c);
	return out;
}

static const json_t *problem_at(const json_t *ps, size_t i, const char *rule)
{
	const json_t *p = json_array_get(ps, i);

	assert_non_null(p);
	assert_string_equal(json_string_value(json_object_get(p, "rule")), rule);
	return p;
}

static const char *text_of(const json_t *p)
{
	return json_string_value(json_object_get(p, "problem"));
}

static void problems_in_japanese(void **state)
{
	json_t *ps;
	char *text;

	if (!have_japanese())
		skip();
	ss_messages_lang_set("ja");
	text = forged_problems(false);
	ps = json_loads(text, 0, NULL);
	assert_int_equal(json_array_size(ps), 4);
	assert_string_equal(text_of(problem_at(ps, 0, "permission")),
			    "bob (vendor 側、lead) は「対策の判断」を行えません: 行えるのは "
			    "ユーザー側の責任者または担当者 だけです");
	assert_non_null(strstr(text_of(problem_at(ps, 1, "rules-version")),
			       "運用担当、サービス提供者または有識者の役割 には規則バージョン 3 "
			       "が必要ですが、プロジェクトはバージョン 1 です"));
	assert_string_equal(text_of(problem_at(ps, 2, "event-seq")),
			    "イベント 6 から 7 までがありません");
	assert_string_equal(text_of(problem_at(ps, 3, "event-data")),
			    "decision.set: data.level がありません");
	json_decref(ps);
	free(text);
	ss_messages_lang_set("en");
}

/* The same log in English names the same rules, in other words. */
static void rule_ids_do_not_change(void **state)
{
	json_t *ja, *en;
	char *t;
	size_t i;

	if (!have_japanese())
		skip();
	ss_messages_lang_set("ja");
	ja = json_loads(t = forged_problems(false), 0, NULL);
	free(t);
	ss_messages_lang_set("en");
	en = json_loads(t = forged_problems(false), 0, NULL);
	free(t);
	assert_int_equal(json_array_size(ja), json_array_size(en));
	for (i = 0; i < json_array_size(en); i++) {
		const json_t *a = json_array_get(ja, i), *b = json_array_get(en, i);

		assert_string_equal(ss_js(a, "rule"), ss_js(b, "rule"));
		assert_int_equal(ss_ji(a, "seq"), ss_ji(b, "seq"));
		assert_string_not_equal(ss_js(a, "problem"), ss_js(b, "problem"));
	}
	assert_non_null(
		strstr(ss_js(json_array_get(en, 2), "problem"), "events 6 to 7 are missing"));
	json_decref(ja);
	json_decref(en);
}

/* The worker thread takes the language of the thread that started it. */
static void async_checker_reports_the_same_words(void **state)
{
	char *one, *many;

	if (!have_japanese())
		skip();
	ss_messages_lang_set("ja");
	one = forged_problems(false);
	many = forged_problems(true);
	assert_string_equal(one, many);
	assert_non_null(strstr(many, "「対策の判断」を行えません"));
	free(one);
	free(many);
	ss_messages_lang_set("en");
	one = forged_problems(false);
	many = forged_problems(true);
	assert_string_equal(one, many);
	assert_non_null(strstr(many, "may not decide on a mitigation"));
	free(one);
	free(many);
}

/* What an action is and who may do it, for callers that format them. */
static void permission_words(void **state)
{
	if (!have_japanese())
		skip();
	ss_messages_lang_set("ja");
	assert_string_equal(ss_perm_name(SS_ACT_APPROVE), "承認または却下");
	assert_string_equal(ss_perm_who(SS_ACT_APPROVE), "ユーザー側の経営層");
	ss_messages_lang_set("en");
	assert_string_equal(ss_perm_name(SS_ACT_APPROVE), "approve or reject");
	assert_string_equal(ss_perm_who(SS_ACT_APPROVE), "the user side's management");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(problems_in_japanese),
		cmocka_unit_test(rule_ids_do_not_change),
		cmocka_unit_test(async_checker_reports_the_same_words),
		cmocka_unit_test(permission_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
