/* The change log: tampering behind the tool's back is detected and located;
 * state is the replay of the log; documents are deterministic and escaped. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "helpers.h"
#include "ledger/merkle.h"
#include "util/util.h"

static void demo(fixture *fx)
{
	json_t *res = NULL;

	assert_ok(ss_demo_build(&res, fx->st, "p", NULL));
	json_decref(res);
	assert_ok(ss_log_verify(&res, fx->st, "p"));
	json_decref(res);
}

static void expect_broken(fixture *fx, long long seq, const char *words)
{
	json_t *res = NULL;
	const json_t *first;

	assert_int_equal(ss_log_verify(&res, fx->st, "p"), SS_ECORRUPT);
	assert_false(json_is_true(json_object_get(res, "ok")));
	first = json_array_get(json_object_get(res, "problems"), 0);
	if (json_integer_value(json_object_get(first, "seq")) != seq ||
	    !strstr(json_string_value(json_object_get(first, "problem")), words))
		fail_msg("expected event %lld '%s', got: %s", seq, words, ss_error_last());
	json_decref(res);
}

static void altered_body(void **state)
{
	fixture *fx = *state;

	demo(fx);
	fx_tamper(fx, "UPDATE event SET body = replace(body, 'suzuki', 'suzukj') WHERE seq = 5");
	expect_broken(fx, 5, "altered");
}

static void altered_and_rehashed(void **state)
{
	fixture *fx = *state;
	char hash[2 * SS_HASH_LEN + 1];
	ss_hash leaf;
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	ss_buf body = SS_BUF_INIT(0);
	char *p;

	demo(fx);
	/* the attacker changes an event and recomputes its hash */
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(db, "SELECT body FROM event WHERE seq = 14", -1, &stmt, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	ss_buf_puts(&body, (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	assert_non_null(p = strstr(body.ptr, "\"role\":\"lead\""));
	memcpy(p + 8, "mngr", 4);
	ss_merkle_leaf(leaf, body.ptr, body.len);
	ss_hash_hex(hash, leaf);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "UPDATE event SET body = ?1, hash = ?2 WHERE seq = 14",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(stmt, 1, body.ptr, (int)body.len, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, hash, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	/* the rule book sees the forged role first; the chain breaks after it */
	expect_broken(
		fx, 14,
		"role is not lead, member, management, auditor, operations, provider or expert");
	ss_buf_release(&body);
}

static void removed_event(void **state)
{
	fixture *fx = *state;

	demo(fx);
	fx_tamper(fx, "DELETE FROM event WHERE seq = 7");
	expect_broken(fx, 8, "missing");
}

static void reordered_events(void **state)
{
	fixture *fx = *state;

	demo(fx);
	fx_tamper(fx, "UPDATE event SET seq = -1 WHERE seq = 8;"
		      "UPDATE event SET seq = 8 WHERE seq = 9;"
		      "UPDATE event SET seq = 9 WHERE seq = -1;");
	expect_broken(fx, 8, "moved");
}

static void removed_last_event(void **state)
{
	fixture *fx = *state;

	demo(fx);
	fx_tamper(fx, "DELETE FROM event WHERE seq = (SELECT max(seq) FROM event)");
	expect_broken(fx, 286, "head");
}

static void altered_tile(void **state)
{
	fixture *fx = *state;

	demo(fx);
	fx_tamper(fx, "UPDATE merkle_tile SET hashes = substr(hashes, 1, 320) || zeroblob(32) || "
		      "substr(hashes, 353) WHERE level = 0");
	expect_broken(fx, 286, "Merkle tile at level 0, index 0");
}

static void truncated_tile(void **state)
{
	fixture *fx = *state;
	json_t *res = NULL;

	demo(fx);
	fx_tamper(fx, "UPDATE merkle_tile SET hashes = substr(hashes, 1, 64) WHERE level = 0");
	expect_broken(fx, 286, "Merkle tile at level 0, index 0");
	/* a proof over it refuses rather than give a wrong path */
	assert_int_equal(ss_log_proof(&res, fx->st, "p", 100, 0), SS_ECORRUPT);
	assert_null(res);
}

static void changed_column(void **state)
{
	fixture *fx = *state;

	demo(fx);
	fx_tamper(fx, "UPDATE event SET actor = 'yamada' WHERE seq = 3");
	expect_broken(fx, 3, "'actor' column");
}

static void state_edited_without_event(void **state)
{
	fixture *fx = *state;
	json_t *res = NULL, *lint = NULL;

	demo(fx);
	/* someone "fixes" a risk acceptance directly in the state table */
	fx_tamper(fx, "UPDATE requirement SET reason = NULL WHERE item_id = 'WIN-DM-010'");
	assert_int_equal(ss_log_replay_check(&res, fx->st, "p"), SS_ECORRUPT);
	assert_non_null(strstr(ss_error_last(), "table requirement"));
	json_decref(res);
	/* lint refuses to judge a state that is not the log's projection */
	assert_int_equal(ss_lint(&lint, fx->st, "p"), SS_ECORRUPT);
	assert_non_null(strstr(ss_error_last(), "changed outside secspec"));
	assert_non_null(strstr(ss_error_last(), "'secspec log replay p --repair'"));
	assert_null(lint);
	/* repair rebuilds the state from the log: the reason is back */
	assert_ok(ss_log_replay_repair(&res, fx->st, "p"));
	json_decref(res);
	assert_ok(ss_lint(&lint, fx->st, "p"));
	assert_int_equal(json_integer_value(json_object_get(lint, "errors")), 0);
	json_decref(lint);
	/* the log itself is intact */
	assert_ok(ss_log_verify(&res, fx->st, "p"));
	json_decref(res);
}

static void deterministic_documents(void **state)
{
	fixture *fx = *state;
	static const char *const formats[] = {"md", "html", "json"};
	json_t *m1 = NULL, *m2 = NULL, *res = NULL;
	size_t i;

	demo(fx);
	assert_ok(ss_spec_model(&m1, fx->st, "p"));
	assert_ok(ss_log_replay_check(&res, fx->st, "p"));
	json_decref(res);
	assert_ok(ss_spec_model(&m2, fx->st, "p"));
	for (i = 0; i < 3; i++) {
		ss_buf a = SS_BUF_INIT(0), b = SS_BUF_INIT(0);

		assert_ok(ss_render(&a, m1, formats[i], "ja"));
		assert_ok(ss_render(&b, m2, formats[i], "ja"));
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.ptr, b.ptr, a.len);
		ss_buf_release(&a);
		ss_buf_release(&b);
	}
	json_decref(m1);
	json_decref(m2);
}

static void hostile_text_is_escaped(void **state)
{
	fixture *fx = *state;
	const char *evil = "<script>alert(1)</script> | **bold** & \"q\" 'a'\n# heading\n1. list";
	/* a reason is one line; the alternative measure may span lines */
	ss_decision_input in = {
		.policy = "alternative",
		.reason = "see the alternative",
		.alternative = evil,
		.scenario = "script injected into the page steals the session (T1059.007)",
		.owner = "vendor"};
	json_t *res = NULL, *m = NULL;
	ss_buf html = SS_BUF_INIT(0), md = SS_BUF_INIT(0);

	fx_project(fx->st);
	assert_ok(ss_decide(&res, fx->st, "p", "LNX-DM-001", NULL, false, &in, "suzuki"));
	json_decref(res);
	assert_ok(ss_spec_model(&m, fx->st, "p"));
	assert_ok(ss_render(&html, m, "html", "en"));
	assert_ok(ss_render(&md, m, "md", "en"));
	assert_null(strstr(html.ptr, "<script>"));
	assert_non_null(strstr(html.ptr, "&lt;script&gt;alert(1)&lt;/script&gt; | **bold** &amp; "
					 "&quot;q&quot; &#39;a&#39;"));
	assert_null(strstr(md.ptr, "<script>"));
	/* in md the text lands in table cells and list items, where only inline
	 * syntax applies */
	assert_non_null(strstr(md.ptr, "\\<script\\>alert(1)\\</script\\> \\| \\*\\*bold\\*\\* "
				       "\\& \"q\" 'a'<br># heading<br>1. list"));
	json_decref(m);
	ss_buf_release(&html);
	ss_buf_release(&md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(altered_body, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(altered_and_rehashed, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(removed_event, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(reordered_events, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(removed_last_event, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(altered_tile, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(truncated_tile, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(changed_column, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(state_edited_without_event, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(deterministic_documents, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(hostile_text_is_escaped, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
