/*
 * Japanese messages of the catalog checker, the decisions, the assessment,
 * the agreement and the bundle verifier: under "ja" every problem they
 * report reads in Japanese, and under "en" the same calls still read
 * English (the other tests depend on it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

/* A message of these files; the embedded catalog translates it once
 * po/parts/core-a.po has been merged into po/ja.po. */
#define SENTINEL "an item must be a mapping"

static bool has_japanese(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

static int ja_setup(void **state)
{
	int error = fx_setup(state);

	ss_messages_lang_set("ja");
	return error;
}

static int ja_teardown(void **state)
{
	ss_messages_lang_set("en");
	return fx_teardown(state);
}

static void need_catalog(void)
{
	if (strcmp(ss_gettext(SENTINEL), SENTINEL) == 0) {
		print_message("the Japanese catalog does not hold these messages yet "
			      "(po/parts/core-a.po is not merged into po/ja.po)\n");
		skip();
	}
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void remove_tree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Whether one of the report's problems has text containing want. */
static bool problem_has(const json_t *problems, const char *key, const char *want)
{
	const json_t *p;
	size_t i;

	json_array_foreach(problems, i, p) {
		const char *text = json_string_value(json_object_get(p, key));

		if (text && strstr(text, want))
			return true;
	}
	return false;
}

static const char *const CATALOG_YAML =
	"catalog: test\n"
	"version: 1.0.0\n"
	"released: 2026-13-40\n"
	"title: {ja: テスト, en: Test}\n"
	"sections: [{id: default, ja: 標準, en: Default}]\n"
	"platforms: [{id: linux, ja: Linux, en: Linux}]\n"
	"categories: [{id: authentication, ja: 認証, en: Authentication}]\n"
	"asset_kinds: [{id: personal-data, ja: 個人情報, en: Personal data, "
	"examples: {ja: 顧客, en: Customers}}]\n"
	"impact_axes: []\n"
	"files: [items.yaml]\n";

static const char *const ITEMS_YAML = "items:\n"
				      "  - id: LNX-DM-001\n"
				      "    section: default\n"
				      "    platform: windows\n"
				      "    category: authentication\n"
				      "    title: {ja: 題, en: Title}\n"
				      "    overview: {ja: 概要, en: Overview}\n"
				      "    mitigation: {ja: 対策, en: Mitigation}\n"
				      "    operational_impact: {ja: 影響, en: Impact}\n"
				      "    user_responsibility: {ja: 責任, en: Responsibility}\n"
				      "    rationale: {ja: 根拠, en: Rationale}\n"
				      "    attack: [T1110]\n"
				      "    settings: [{where: /etc/x, key: k, value: v, note: n}]\n"
				      "    scores: {incident: 4, ease: 1}\n"
				      "    colour: red\n";

static void catalog_problems(void **state)
{
	char dir[] = "/tmp/secspec-i18n-XXXXXX";
	json_t *res = NULL, *problems, *p;
	size_t i;

	(void)state;
	need_catalog();
	assert_non_null(mkdtemp(dir));
	write_file(dir, "catalog.yaml", CATALOG_YAML);
	write_file(dir, "items.yaml", ITEMS_YAML);
	assert_int_equal(ss_catalog_validate(&res, dir), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "(問題は全部で "));
	problems = json_object_get(res, "problems");
	assert_true(json_array_size(problems) >= 5);
	assert_true(problem_has(problems, "message",
				"ID LNX-DM-001 はプラットフォーム linux の項目です (windows "
				"ではありません)"));
	assert_true(problem_has(problems, "message", "フィールド 'note' は 設定 では不明です"));
	assert_true(problem_has(problems, "message", "フィールド 'colour' は不明です"));
	assert_true(problem_has(problems, "message",
				"scores.incident は 1、2、3 のいずれかにしてください"));
	assert_true(problem_has(problems, "message", "は YYYY-MM-DD 形式の日付ではありません"));
	assert_true(problem_has(problems, "message", "4 つの軸 duration、reach、damage、trust"));
	/* nothing on this path is left in English */
	json_array_foreach(problems, i, p) {
		const char *msg = json_string_value(json_object_get(p, "message"));

		if (!has_japanese(msg))
			fail_msg("an English problem: %s", msg);
	}
	json_decref(res);

	/* the same catalog in English */
	ss_messages_lang_set("en");
	assert_int_equal(ss_catalog_validate(&res, dir), SS_EPARSE);
	problems = json_object_get(res, "problems");
	assert_true(problem_has(problems, "message", "unknown field 'note' in a setting"));
	assert_true(problem_has(problems, "message", "id LNX-DM-001 is for platform linux"));
	json_decref(res);
	ss_messages_lang_set("ja");
	remove_tree(dir);
}

static int decide(ss_store *st, const char *item, const char *policy, const char *reason)
{
	ss_decision_input in = {.policy = policy,
				.reason = reason,
				.scenario = strcmp(policy, "accept") == 0
						    ? "a stolen password reused over SSH"
						    : NULL};
	json_t *res = NULL;
	int error = ss_decide(&res, st, "p", item, NULL, false, &in, "suzuki");

	json_decref(res);
	return error;
}

static void decisions_refused(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	json_t *res = NULL;

	need_catalog();
	fx_project(st);
	assert_int_equal(decide(st, "LNX-DM-001", "accept", NULL), SS_ERULE);
	assert_non_null(strstr(ss_error_last(), "--policy accept には --reason が必要です"));
	assert_int_equal(decide(st, "NOPE-001", "implement", NULL), SS_ENOTFOUND);
	assert_non_null(
		strstr(ss_error_last(), "項目 'NOPE-001' はこのプロジェクトの仕様書にありません"));
	assert_int_equal(decide(st, "LNX-DM-001", "maybe", NULL), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "--policy は implement、accept"));

	assert_ok(ss_member_add(st, "p", "mori", "user", "management", NULL, "suzuki"));
	assert_ok(decide(st, "WIN-DM-010", "accept", "budget"));
	assert_ok(ss_approve(&res, st, "p", "WIN-DM-010", NULL, true, NULL, "yamada"));
	json_decref(res);
	assert_int_equal(ss_approve(&res, st, "p", "WIN-DM-010", NULL, true, NULL, "mori"),
			 SS_ECONFLICT);
	assert_string_equal(ss_error_last(), "WIN-DM-010 は既に承認されています。新しい判断をする"
					     "と、改めて承認を受けることになります");
	assert_int_equal(ss_approve(&res, st, "p", "LNX-DM-001", NULL, false, NULL, "yamada"),
			 SS_ERULE);
	assert_non_null(strstr(ss_error_last(), "却下には理由を書いた --note が必要です"));
}

static void assessment_and_agreement(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_asset_input in = {.id = "bad id",
			     .kind = "personal-data",
			     .name = "customers",
			     .system = "CRM",
			     .impact = {1, 1, 1, 1}};
	json_t *res = NULL;
	int level = 0;

	need_catalog();
	fx_project(st);
	assert_int_equal(ss_level_parse(&level, "--reach", "L4"), SS_EINVAL);
	assert_string_equal(ss_error_last(), "--reach は L1、L2、L3 のいずれかにしてください");
	/* the field a shared check names is translated by its caller */
	assert_int_equal(ss_asset_set(&res, st, "p", &in, "suzuki"), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "資産 ID 'bad id'"));
	assert_int_equal(ss_agree_parties(&res, st, "p", "spec-v1", "three", "suzuki"), SS_EINVAL);
	assert_non_null(
		strstr(ss_error_last(), "--parties は both (ユーザーとベンダーが合意する)"));
	assert_int_equal(ss_agree(&res, st, "p", "spec-v1", "suzuki"), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "合意には署名が必要です"));
}

static void bundle_problems(void **state)
{
	char dir[] = "/tmp/secspec-i18n-XXXXXX", sub[128], cmd[512], tar[160];
	json_t *res = NULL, *bp, *p;
	size_t i;

	(void)state;
	need_catalog();
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/secspec-evidence", dir);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", sub);
	assert_int_equal(system(cmd), 0);
	write_file(sub, "MANIFEST.json",
		   "{\"exported_at\":\"yesterday\",\"files\":[],\"format\":\"secspec-evidence/1\","
		   "\"head\":\"00\",\"project\":\"p\",\"root\":\"00\",\"tree_size\":0}\n");
	snprintf(tar, sizeof(tar), "%s/b.tar", dir);
	snprintf(cmd, sizeof(cmd), "tar -C '%s' -cf '%s' secspec-evidence/MANIFEST.json", dir, tar);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(ss_evidence_verify(&res, tar, NULL), SS_ECORRUPT);
	assert_non_null(strstr(ss_error_last(), "の検証に失敗しました: "));
	bp = json_object_get(res, "bundle_problems");
	assert_true(json_array_size(bp) >= 3);
	assert_true(problem_has(bp, "problem",
				"exported_at が YYYY-MM-DDTHH:MM:SSZ 形式の時刻ではありません"));
	assert_true(
		problem_has(bp, "problem", "head と root が小文字の 16 進数 64 桁ではありません"));
	json_array_foreach(bp, i, p) {
		const char *msg = json_string_value(json_object_get(p, "problem"));

		if (!has_japanese(msg))
			fail_msg("an English problem: %s", msg);
		/* rule ids and file names stay as they are */
		assert_false(has_japanese(json_string_value(json_object_get(p, "rule"))));
	}
	json_decref(res);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(catalog_problems, ja_setup, ja_teardown),
		cmocka_unit_test_setup_teardown(decisions_refused, ja_setup, ja_teardown),
		cmocka_unit_test_setup_teardown(assessment_and_agreement, ja_setup, ja_teardown),
		cmocka_unit_test_setup_teardown(bundle_problems, ja_setup, ja_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
