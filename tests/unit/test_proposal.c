/* Propose, sign, append: a person whose key is elsewhere signs the exact
 * bytes the writer proposes; the writer alone cannot make the change, a
 * moved log asks for a new signature, and what lands verifies like any
 * other signed change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"

static ss_key *suzuki_key(fixture *fx)
{
	char path[400];
	ss_key *k = NULL;

	snprintf(path, sizeof(path), "%s/suzuki.key", fx->dir);
	assert_ok(ss_key_generate(path, NULL));
	assert_ok(ss_key_load_private(&k, path, NULL));
	ss_store_set_signer(fx->st, k);
	assert_ok(ss_key_register(fx->st, "p", "suzuki", k));
	ss_store_set_signer(fx->st, NULL);
	return k;
}

/* The person's side: sign body i of p with k. */
static void sign(const ss_key *k, const ss_proposal *p, size_t i, char sig[129])
{
	size_t len;
	const char *body = ss_proposal_body(p, i, &len);

	assert_non_null(body);
	assert_ok(ss_key_sign(k, body, len, sig));
}

static const ss_decision_input implement = {.policy = "implement", .owner = "vendor"};

static int64_t head(ss_store *st)
{
	json_t *p = NULL;
	int64_t n;

	assert_ok(ss_project_show(&p, st, "p"));
	n = json_integer_value(json_object_get(p, "head_seq"));
	json_decref(p);
	return n;
}

/* Pass 1: the change is checked and its bodies come back; nothing lands. */
static ss_proposal *propose(fixture *fx, const char *fpr, const char *time, const char *item)
{
	ss_proposal *p = NULL;
	json_t *res = NULL;
	int64_t before = head(fx->st);

	assert_ok(ss_proposal_new(&p, fpr, time));
	ss_store_set_proposal(fx->st, p);
	assert_ok(ss_decide(&res, fx->st, "p", item, NULL, false, &implement, "suzuki"));
	ss_store_set_proposal(fx->st, NULL);
	json_decref(res);
	assert_true(ss_proposal_pending(p));
	assert_false(ss_proposal_conflict(p));
	assert_int_equal(head(fx->st), before);
	return p;
}

static void signed_elsewhere(void **state)
{
	fixture *fx = *state;
	ss_key *k;
	ss_proposal *p, *q = NULL;
	json_t *res = NULL;
	char sig[129];
	size_t len, i;
	int64_t before;

	fx_project(fx->st);
	k = suzuki_key(fx);
	/* the writer has no key: it cannot sign for suzuki */
	assert_int_equal(
		ss_decide(&res, fx->st, "p", "LNX-DM-001", NULL, false, &implement, "suzuki"),
		SS_EPERM);
	p = propose(fx, NULL, NULL, "LNX-DM-001");
	assert_string_equal(ss_proposal_fingerprint(p), ss_key_fingerprint(k));
	assert_int_equal(ss_proposal_count(p), 1);
	assert_non_null(strstr(ss_proposal_body(p, 0, &len), "\"decision.set\""));
	/* the person signs the bytes, the writer appends them */
	sign(k, p, 0, sig);
	assert_ok(ss_proposal_new(&q, ss_proposal_fingerprint(p), ss_proposal_time(p)));
	assert_ok(ss_proposal_add_signature(q, sig));
	before = head(fx->st);
	ss_store_set_proposal(fx->st, q);
	assert_ok(ss_decide(&res, fx->st, "p", "LNX-DM-001", NULL, false, &implement, "suzuki"));
	ss_store_set_proposal(fx->st, NULL);
	json_decref(res);
	res = NULL;
	assert_false(ss_proposal_pending(q));
	assert_int_equal(head(fx->st), before + 1);
	ss_proposal_free(q);
	/* the log verifies, signature and all */
	assert_ok(ss_log_verify(&res, fx->st, "p"));
	assert_true(json_is_true(json_object_get(res, "ok")));
	json_decref(res);
	res = NULL;

	/* a bulk change: one body per item, signed in order */
	ss_proposal_free(p);
	{
		ss_filter f = {.section = "default", .platform = "linux"};
		size_t n;

		assert_ok(ss_proposal_new(&p, NULL, NULL));
		ss_store_set_proposal(fx->st, p);
		assert_ok(ss_decide(&res, fx->st, "p", NULL, &f, true, &implement, "suzuki"));
		ss_store_set_proposal(fx->st, NULL);
		json_decref(res);
		res = NULL;
		n = ss_proposal_count(p);
		assert_true(n > 3);
		assert_ok(ss_proposal_new(&q, NULL, ss_proposal_time(p)));
		for (i = 0; i < n; i++) {
			sign(k, p, i, sig);
			assert_ok(ss_proposal_add_signature(q, sig));
		}
		before = head(fx->st);
		ss_store_set_proposal(fx->st, q);
		assert_ok(ss_decide(&res, fx->st, "p", NULL, &f, true, &implement, "suzuki"));
		ss_store_set_proposal(fx->st, NULL);
		json_decref(res);
		res = NULL;
		assert_false(ss_proposal_pending(q));
		assert_int_equal(head(fx->st), before + (int64_t)n);
		ss_proposal_free(q);
		ss_proposal_free(p);
	}
	ss_key_free(k);
}

static void moved_log_and_bad_signatures(void **state)
{
	fixture *fx = *state;
	ss_key *k, *other = NULL;
	ss_proposal *p, *q = NULL;
	json_t *res = NULL;
	char sig[129], path[400];
	int64_t before;

	fx_project(fx->st);
	k = suzuki_key(fx);
	p = propose(fx, ss_key_fingerprint(k), NULL, "LNX-DM-002");
	sign(k, p, 0, sig);
	/* another person's change comes first: the signed bytes no longer fit */
	{
		assert_ok(ss_advise(&res, fx->st, "p", "LNX-DM-003", NULL, "keep it", "sato"));
		json_decref(res);
		res = NULL;
	}
	assert_ok(ss_proposal_new(&q, ss_key_fingerprint(k), ss_proposal_time(p)));
	assert_ok(ss_proposal_add_signature(q, sig));
	before = head(fx->st);
	ss_store_set_proposal(fx->st, q);
	assert_ok(ss_decide(&res, fx->st, "p", "LNX-DM-002", NULL, false, &implement, "suzuki"));
	ss_store_set_proposal(fx->st, NULL);
	json_decref(res);
	res = NULL;
	assert_true(ss_proposal_conflict(q));
	assert_int_equal(head(fx->st), before);
	assert_string_not_equal(ss_proposal_body(q, 0, NULL), ss_proposal_body(p, 0, NULL));
	ss_proposal_free(q);
	q = NULL;

	/* a signature by another key over the right bytes: nothing lands */
	snprintf(path, sizeof(path), "%s/other.key", fx->dir);
	assert_ok(ss_key_generate(path, NULL));
	assert_ok(ss_key_load_private(&other, path, NULL));
	ss_proposal_free(p);
	p = propose(fx, ss_key_fingerprint(k), NULL, "LNX-DM-002");
	sign(other, p, 0, sig);
	assert_ok(ss_proposal_new(&q, ss_key_fingerprint(k), ss_proposal_time(p)));
	assert_ok(ss_proposal_add_signature(q, sig));
	ss_store_set_proposal(fx->st, q);
	assert_ok(ss_decide(&res, fx->st, "p", "LNX-DM-002", NULL, false, &implement, "suzuki"));
	ss_store_set_proposal(fx->st, NULL);
	json_decref(res);
	res = NULL;
	assert_true(ss_proposal_pending(q));
	assert_int_equal(head(fx->st), before);
	ss_proposal_free(q);
	q = NULL;

	/* a key not registered to the person cannot even be proposed for */
	assert_ok(ss_proposal_new(&q, ss_key_fingerprint(other), NULL));
	ss_store_set_proposal(fx->st, q);
	assert_int_equal(
		ss_decide(&res, fx->st, "p", "LNX-DM-002", NULL, false, &implement, "suzuki"),
		SS_EPERM);
	ss_store_set_proposal(fx->st, NULL);
	ss_proposal_free(q);
	q = NULL;

	/* the rules hold in the proposal pass too: a risk acceptance without
	 * its reason is refused before anyone signs */
	{
		ss_decision_input bad = {.policy = "accept", .scenario = "x"};

		assert_ok(ss_proposal_new(&q, NULL, NULL));
		ss_store_set_proposal(fx->st, q);
		assert_true(ss_decide(&res, fx->st, "p", "LNX-DM-002", NULL, false, &bad,
				      "suzuki") < 0);
		ss_store_set_proposal(fx->st, NULL);
		ss_proposal_free(q);
		q = NULL;
	}

	/* a proposal more than a day old, or from the future, is refused */
	assert_ok(ss_proposal_new(&q, NULL, "2020-01-01T00:00:00Z"));
	ss_store_set_proposal(fx->st, q);
	assert_int_equal(
		ss_decide(&res, fx->st, "p", "LNX-DM-002", NULL, false, &implement, "suzuki"),
		SS_ECONFLICT);
	ss_store_set_proposal(fx->st, NULL);
	ss_proposal_free(q);
	q = NULL;
	assert_ok(ss_proposal_new(&q, NULL, "2099-01-01T00:00:00Z"));
	ss_store_set_proposal(fx->st, q);
	assert_int_equal(
		ss_decide(&res, fx->st, "p", "LNX-DM-002", NULL, false, &implement, "suzuki"),
		SS_ECONFLICT);
	ss_store_set_proposal(fx->st, NULL);
	ss_proposal_free(q);
	q = NULL;

	/* malformed input */
	assert_int_equal(ss_proposal_new(&q, "abc", NULL), SS_EINVAL);
	assert_int_equal(ss_proposal_new(&q, NULL, "yesterday"), SS_EINVAL);
	assert_ok(ss_proposal_new(&q, NULL, NULL));
	assert_int_equal(ss_proposal_add_signature(q, "00"), SS_EINVAL);
	ss_proposal_free(q);
	ss_proposal_free(p);
	ss_key_free(other);
	ss_key_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(signed_elsewhere, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(moved_log_and_bad_signatures, fx_setup,
						fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
