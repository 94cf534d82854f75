/* The store: databases opened by URL, transactions through the backend
 * table, the head's compare-and-swap between two connections, the portable
 * upserts, and the state tables' record of the log head they were built
 * from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "helpers.h"
#include "store/state.h"
#include "util/util.h"

static int64_t count(ss_store *st, const char *sql)
{
	ss_query q;
	int64_t n = -1;

	assert_ok(ss_q_open(&q, st, sql, ""));
	if (ss_q_next(&q) > 0)
		n = ss_q_int(&q, 0);
	ss_q_close(&q);
	return n;
}

static void parse(const char *url, const char *scheme, const char *rest)
{
	char got[32];
	const char *r = NULL;

	assert_ok(ss_store__parse_url(got, sizeof(got), &r, url));
	assert_string_equal(got, scheme);
	assert_string_equal(r, rest);
}

static void urls(void **state)
{
	fixture *fx = *state;
	char url[400], scheme[32];
	const char *rest;
	ss_store *st = NULL;

	(void)fx;
	parse("t.db", "sqlite", "t.db");
	parse("/var/lib/secspec/main.db", "sqlite", "/var/lib/secspec/main.db");
	parse("sqlite:t.db", "sqlite", "t.db");
	parse("SQLite:t.db", "sqlite", "t.db");
	parse("sqlite:///var/x.db", "sqlite", "/var/x.db");
	parse("postgresql://db.example/secspec", "postgresql", "//db.example/secspec");
	/* a colon alone does not make a URL: such paths mean what they meant */
	parse("my:file.db", "sqlite", "my:file.db");
	parse("./a:b", "sqlite", "./a:b");
	assert_int_equal(ss_store__parse_url(scheme, sizeof(scheme), &rest, ""), SS_EINVAL);

	assert_int_equal(ss_store_open(&st, "postgresql://localhost/secspec", 1), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "the postgresql backend is not built into"));
	assert_int_equal(ss_store_open(&st, "mysql://localhost/secspec", 1), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "unknown scheme 'mysql'"));
	assert_int_equal(ss_store_open(&st, "sqlite:", 1), SS_EINVAL);
	assert_null(st);

	/* sqlite:PATH opens the same file as PATH */
	snprintf(url, sizeof(url), "sqlite:%s", fx->path);
	assert_ok(ss_store_open(&st, url, 0));
	assert_ok(ss_store_check(st));
	ss_store_free(st);
	snprintf(url, sizeof(url), "sqlite://%s", fx->path);
	assert_ok(ss_store_open(&st, url, 0));
	assert_ok(ss_store_check(st));
	ss_store_free(st);
}

static void transactions(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	int has = -1;

	assert_ok(st->be->has_table(&has, st->be, "meta"));
	assert_int_equal(has, 1);
	assert_ok(st->be->has_table(&has, st->be, "no_such_table"));
	assert_int_equal(has, 0);

	/* rolled back: gone */
	assert_ok(ss_store__begin(st));
	assert_int_equal(ss_store__begin(st), SS_ERROR); /* no nesting */
	assert_ok(ss_q_exec(st, "INSERT INTO meta(key, value) VALUES('t1', 'x')", ""));
	ss_error_set(SS_EINVAL, "the cause");
	ss_store__rollback(st);
	assert_string_equal(ss_error_last(), "the cause"); /* rollback keeps it */
	assert_int_equal(count(st, "SELECT count(*) FROM meta WHERE key = 't1'"), 0);

	/* committed: kept */
	assert_ok(ss_store__begin(st));
	assert_ok(ss_q_exec(st, "INSERT INTO meta(key, value) VALUES('t1', 'x')", ""));
	assert_ok(ss_store__commit(st));
	assert_int_equal(count(st, "SELECT count(*) FROM meta WHERE key = 't1'"), 1);

	/* a read snapshot, then a write transaction after it */
	assert_ok(ss_store__begin_read(st));
	assert_int_equal(count(st, "SELECT count(*) FROM meta WHERE key = 't1'"), 1);
	ss_store__rollback(st);
	assert_ok(ss_store__begin(st));
	assert_ok(ss_q_exec(st, "DELETE FROM meta WHERE key = 't1'", ""));
	assert_ok(ss_store__commit(st));
}

static void one_writer(void **state)
{
	fixture *fx = *state;
	ss_store *other = NULL;

	setenv("SECSPEC_BUSY_TIMEOUT_MS", "0", 1);
	assert_ok(ss_store_open(&other, fx->path, 0));
	unsetenv("SECSPEC_BUSY_TIMEOUT_MS");
	/* the write lock is taken at begin: the second writer fails there */
	assert_ok(ss_store__begin(fx->st));
	assert_int_equal(ss_store__begin(other), SS_EBUSY);
	ss_store__rollback(fx->st);
	assert_ok(ss_store__begin(other));
	ss_store__rollback(other);
	ss_store_free(other);
}

static void head_compare_and_swap(void **state)
{
	fixture *fx = *state;
	ss_store *other = NULL;
	json_t *key = NULL;
	int64_t pid, seen;

	fx_project(fx->st);
	assert_ok(ss_lstore_project_key(&key, fx->st, "p"));
	pid = ss_ji(key, "id");
	seen = ss_ji(key, "head_seq");
	json_decref(key);

	/* another connection moves the log on */
	assert_ok(ss_store_open(&other, fx->path, 0));
	assert_ok(ss_member_add(other, "p", "ito", "user", "member", NULL, "suzuki"));
	ss_store_free(other);

	/* the head read before is stale: the swap refuses */
	assert_ok(ss_store__begin(fx->st));
	assert_int_equal(ss_lstore_set_head_cas(fx->st, pid, seen, seen + 1, "00"), SS_ECONFLICT);
	assert_non_null(strstr(ss_error_last(), "the log of project 'p' moved under this change"));
	assert_non_null(strstr(ss_error_last(), "retry"));
	ss_store__rollback(fx->st);

	/* from the head as it stands it moves, in the same transaction as the
	 * state's record of it */
	assert_ok(ss_store__begin(fx->st));
	assert_ok(ss_lstore_set_head_cas(fx->st, pid, seen + 1, seen + 1, "00"));
	assert_int_equal(count(fx->st, "SELECT seq FROM state_head"), seen + 1);
	ss_store__rollback(fx->st);
	assert_ok(ss_store_check_state(fx->st, "p"));
}

static json_t *event(int64_t seq, const char *type, json_t *data)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "seq", (json_int_t)seq, "type",
			 type, "actor", "suzuki", "side", "user", "role", "lead", "time",
			 "2026-11-26T10:00:00Z", "data", data);
}

static void apply(ss_store *st, int64_t pid, json_t *ev)
{
	assert_non_null(ev);
	assert_ok(ss_state_apply(st, pid, ev));
	json_decref(ev);
}

static void upserts(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_buf b = SS_BUF_INIT(1024);
	json_t *dump = NULL;
	const json_t *req, *asset;
	int64_t pid = 0;

	assert_ok(ss_store__begin(st));
	assert_ok(ss_lstore_project_key_new(&pid, st, "u"));
	apply(st, pid, event(1, "spec.draft", json_pack("{s:[[s,s]]}", "items", "A-1", "h1")));
	apply(st, pid,
	      event(2, "advice.add", json_pack("{s:s, s:s}", "item", "A-1", "note", "do it")));
	apply(st, pid,
	      event(3, "decision.set",
		    json_pack("{s:s, s:s, s:s, s:s, s:i}", "item", "A-1", "item_hash", "h1",
			      "policy", "accept", "reason", "later", "level", 2)));
	/* drafting again leaves a decided item alone (DO NOTHING) */
	apply(st, pid, event(4, "spec.draft", json_pack("{s:[[s,s]]}", "items", "A-1", "h1")));
	assert_ok(ss_state_dump(&dump, st, pid));
	req = json_array_get(json_object_get(dump, "requirement"), 0);
	assert_string_equal(ss_js(req, "policy"), "accept");
	json_decref(dump);
	/* an upgrade that adds the item again opens it; its advice stays (DO UPDATE) */
	apply(st, pid,
	      event(5, "project.upgrade",
		    json_pack("{s:s, s:[[s,s]], s:[]}", "to", "2", "added", "A-1", "h2",
			      "retired")));
	assert_ok(ss_state_dump(&dump, st, pid));
	assert_int_equal(json_array_size(json_object_get(dump, "requirement")), 1);
	req = json_array_get(json_object_get(dump, "requirement"), 0);
	assert_string_equal(ss_js(req, "status"), "open");
	assert_string_equal(ss_js(req, "item_hash"), "h2");
	assert_string_equal(ss_js(req, "approval"), "none");
	assert_true(json_is_null(json_object_get(req, "policy")));
	assert_true(json_is_null(json_object_get(req, "decision_seq")));
	assert_int_equal(ss_ji(req, "advice_seq"), 2);
	json_decref(dump);
	/* an asset set twice is one row with the second values */
	apply(st, pid,
	      event(6, "asset.set",
		    json_pack("{s:s, s:s, s:s, s:s, s:{s:i, s:i, s:i, s:i}, s:i}", "id", "a1",
			      "kind", "personal-data", "name", "first", "system", "s", "impact",
			      "duration", 1, "reach", 1, "damage", 1, "trust", 1, "level", 1)));
	apply(st, pid,
	      event(7, "asset.set",
		    json_pack("{s:s, s:s, s:s, s:s, s:{s:i, s:i, s:i, s:i}, s:i}", "id", "a1",
			      "kind", "personal-data", "name", "second", "system", "s", "impact",
			      "duration", 3, "reach", 1, "damage", 1, "trust", 1, "level", 3)));
	assert_ok(ss_state_dump(&dump, st, pid));
	assert_int_equal(json_array_size(json_object_get(dump, "asset")), 1);
	asset = json_array_get(json_object_get(dump, "asset"), 0);
	assert_string_equal(ss_js(asset, "name"), "second");
	assert_int_equal(ss_ji(asset, "level"), 3);
	assert_int_equal(ss_ji(asset, "seq"), 7);
	json_decref(dump);
	/* an attachment stored twice is one row; the first bytes stay */
	assert_ok(ss_blob_put(st, "abc", "one", 3));
	assert_ok(ss_blob_put(st, "abc", "two", 3));
	assert_int_equal(count(st, "SELECT count(*) FROM blob WHERE sha256 = 'abc'"), 1);
	assert_ok(ss_blob_get(&b, st, "abc"));
	assert_memory_equal(b.ptr, "one", 3);
	ss_buf_release(&b);
	ss_store__rollback(st);
}

static void state_drift(void **state)
{
	fixture *fx = *state;
	json_t *res = NULL;

	fx_project(fx->st);
	assert_ok(ss_store_check_state(fx->st, "p"));
	assert_int_equal(ss_store_check_state(fx->st, "nope"), SS_ENOTFOUND);

	/* a state row changed by hand */
	fx_tamper(fx, "UPDATE member SET role = 'lead' WHERE person = 'tanaka'");
	assert_int_equal(ss_store_check_state(fx->st, "p"), SS_ECORRUPT);
	assert_non_null(strstr(ss_error_last(), "were changed outside secspec"));
	assert_non_null(strstr(ss_error_last(), "'secspec log replay p --repair'"));
	/* and no change is built on it (a write would clear the mark) */
	assert_int_equal(ss_member_add(fx->st, "p", "ito", "user", "member", NULL, "suzuki"),
			 SS_ECORRUPT);
	assert_ok(ss_log_replay_repair(&res, fx->st, "p"));
	assert_int_equal(ss_ji(res, "events"), 6);
	json_decref(res);
	assert_ok(ss_store_check_state(fx->st, "p"));
	assert_int_equal(count(fx->st, "SELECT count(*) FROM member WHERE role = 'lead'"), 2);
	assert_ok(ss_member_add(fx->st, "p", "ito", "user", "member", NULL, "suzuki"));
	assert_ok(ss_store_check_state(fx->st, "p"));

	/* the state records another head than the log's */
	fx_tamper(fx, "UPDATE state_head SET seq = seq - 1");
	assert_int_equal(ss_store_check_state(fx->st, "p"), SS_ECORRUPT);
	assert_non_null(strstr(ss_error_last(), "were built from event 6"));
	assert_non_null(strstr(ss_error_last(), "the log's head is event 7"));
	assert_ok(ss_log_replay_repair(&res, fx->st, "p"));
	json_decref(res);

	/* or none */
	fx_tamper(fx, "DELETE FROM state_head");
	assert_int_equal(ss_store_check_state(fx->st, "p"), SS_ECORRUPT);
	assert_non_null(strstr(ss_error_last(), "record no log head"));
	assert_ok(ss_log_replay_repair(&res, fx->st, "p"));
	json_decref(res);
	assert_ok(ss_store_check_state(fx->st, "p"));
	assert_ok(ss_log_replay_check(&res, fx->st, "p"));
	json_decref(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(urls, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(transactions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(one_writer, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(head_compare_and_swap, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(upserts, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(state_drift, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
