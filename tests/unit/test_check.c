/* The offline checker rejects forged evidence: a signature by a key that is
 * not the actor's, an act by the wrong side or role, a milestone whose
 * checkpoint is not the log before it. Events are built by hand here, as a
 * forger would, bypassing the write path. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "ledger/check.h"
#include "ledger/merkle.h"
#include "util/util.h"

typedef struct {
	ss_checker *c;
	int64_t seq;
	char prev[2 * SS_HASH_LEN + 1];
} forger;

static void start(forger *f)
{
	f->c = ss_checker_new("p");
	f->seq = 0;
	memset(f->prev, '0', 2 * SS_HASH_LEN);
	f->prev[2 * SS_HASH_LEN] = '\0';
}

/* Append an event with the given actor and data, signed by k when given. */
static void add(forger *f, const char *actor, const char *side, const char *role, const char *type,
		json_t *data, const ss_key *k)
{
	json_t *ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1,
			       "project", "p", "seq", (json_int_t)++f->seq, "prev", f->prev, "time",
			       "2026-11-26T10:00:00Z", "actor", actor, "side", side, "role", role,
			       "type", type, "data", data);
	ss_buf body = SS_BUF_INIT(0);
	char sig[129];
	ss_hash leaf;

	if (k)
		json_object_set_new(ev, "key", json_string(ss_key_fingerprint(k)));
	assert_int_equal(ss_json_canonical(&body, ev), 0);
	if (k)
		assert_int_equal(ss_key_sign(k, body.ptr, body.len, sig), 0);
	ss_checker_add(f->c, f->seq, body.ptr, body.len, NULL, k ? sig : NULL, NULL);
	ss_merkle_leaf(leaf, body.ptr, body.len);
	ss_hash_hex(f->prev, leaf);
	ss_buf_release(&body);
	json_decref(ev);
}

static ss_key *newkey(const char *name)
{
	char path[64];
	ss_key *k = NULL;

	snprintf(path, sizeof(path), "/tmp/secspec-check-%d-%s", (int)getpid(), name);
	assert_int_equal(ss_key_generate(path, NULL), 0);
	assert_int_equal(ss_key_load_private(&k, path, NULL), 0);
	unlink(path);
	strncat(path, ".pub", sizeof(path) - strlen(path) - 1);
	unlink(path);
	return k;
}

static json_t *keyreg(const char *person, const ss_key *k)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "person", person, "algorithm", "ed25519",
			 "public_key", ss_key_public_hex(k), "fingerprint", ss_key_fingerprint(k));
}

#define HASH0 "0000000000000000000000000000000000000000000000000000000000000000"

/* decision.set data for item, as the write path makes it */
static json_t *decision(const char *item, const char *policy, json_int_t supersedes)
{
	json_t *d = json_pack("{s:s, s:s, s:s, s:i}", "item", item, "item_hash", HASH0, "policy",
			      policy, "level", 0);

	if (strcmp(policy, "implement") != 0)
		json_object_set_new(d, "reason", json_string("a reason"));
	if (supersedes)
		json_object_set_new(d, "supersedes", json_integer(supersedes));
	return d;
}

static const char *first_problem(forger *f)
{
	const json_t *p = json_array_get(ss_checker_problems(f->c), 0);

	return p ? json_string_value(json_object_get(p, "problem")) : "";
}

static void base(forger *f, ss_key *alice, ss_key *bob)
{
	start(f);
	add(f, "alice", "user", "lead", "project.create",
	    json_pack("{s:s, s:s, s:s, s:s}", "name", "p", "user_org", "U", "vendor_org", "V",
		      "catalog_version", "1.0.0"),
	    NULL);
	add(f, "alice", "user", "lead", "member.add",
	    json_pack("{s:s, s:s, s:s}", "person", "bob", "side", "vendor", "role", "lead"), NULL);
	add(f, "alice", "user", "lead", "spec.draft",
	    json_pack("{s:s, s:[[s, s], [s, s]]}", "catalog_version", "1.0.0", "items", "X", HASH0,
		      "Y", HASH0),
	    NULL);
	add(f, "alice", "user", "lead", "key.register", keyreg("alice", alice), alice);
	add(f, "bob", "vendor", "lead", "key.register", keyreg("bob", bob), bob);
}

static void honest_log_verifies(void **state)
{
	ss_key *alice = newkey("a"), *bob = newkey("b");
	forger f;

	base(&f, alice, bob);
	add(&f, "alice", "user", "lead", "decision.set", decision("X", "implement", 0), alice);
	add(&f, "bob", "vendor", "lead", "advice.add",
	    json_pack("{s:s, s:s, s:s}", "item", "X", "item_hash", HASH0, "note", "ok"), bob);
	assert_int_equal(json_array_size(ss_checker_problems(f.c)), 0);
	ss_checker_free(f.c);
	ss_key_free(alice);
	ss_key_free(bob);
}

static void signed_by_someone_elses_key(void **state)
{
	ss_key *alice = newkey("a"), *bob = newkey("b");
	forger f;

	base(&f, alice, bob);
	/* bob signs a decision in alice's name */
	add(&f, "alice", "user", "lead", "decision.set", decision("X", "accept", 0), bob);
	assert_non_null(strstr(first_problem(&f), "registered to bob, not to alice"));
	ss_checker_free(f.c);
	ss_key_free(alice);
	ss_key_free(bob);
}

static void unregistered_key_and_unsigned(void **state)
{
	ss_key *alice = newkey("a"), *bob = newkey("b"), *mallory = newkey("m");
	forger f;

	base(&f, alice, bob);
	add(&f, "alice", "user", "lead", "decision.set", decision("X", "na", 0), mallory);
	assert_non_null(strstr(first_problem(&f), "not registered"));
	ss_checker_free(f.c);
	base(&f, alice, bob);
	add(&f, "alice", "user", "lead", "decision.set", decision("X", "na", 0), NULL);
	assert_non_null(strstr(first_problem(&f), "alice has a registered key"));
	ss_checker_free(f.c);
	ss_key_free(alice);
	ss_key_free(bob);
	ss_key_free(mallory);
}

static json_t *revoke(const char *person, const ss_key *k)
{
	return json_pack("{s:s, s:s, s:s}", "fingerprint", ss_key_fingerprint(k), "person", person,
			 "reason", "lost");
}

/* A revoked key signs nothing after its revocation, though what it signed
 * before stands; only the holder or the lead of their side revokes. */
static void revoked_keys(void **state)
{
	ss_key *alice = newkey("a"), *bob = newkey("b"), *carol = newkey("c");
	forger f;

	base(&f, alice, bob);
	add(&f, "alice", "user", "lead", "key.revoke", revoke("alice", alice), alice);
	assert_int_equal(json_array_size(ss_checker_problems(f.c)), 0);
	/* a forger still holding the key signs with it */
	add(&f, "alice", "user", "lead", "decision.set", decision("X", "na", 0), alice);
	assert_non_null(strstr(first_problem(&f), "revoked at event 6"));
	ss_checker_free(f.c);

	/* with no key left, alice's unsigned changes and a new first key are fine */
	base(&f, alice, bob);
	add(&f, "alice", "user", "lead", "key.revoke", revoke("alice", alice), alice);
	add(&f, "alice", "user", "lead", "decision.set", decision("X", "implement", 0), NULL);
	add(&f, "alice", "user", "lead", "key.register", keyreg("alice", carol), carol);
	add(&f, "alice", "user", "lead", "decision.set", decision("Y", "implement", 0), carol);
	assert_int_equal(json_array_size(ss_checker_problems(f.c)), 0);
	ss_checker_free(f.c);

	/* the other side's lead may not revoke alice's key */
	base(&f, alice, bob);
	add(&f, "bob", "vendor", "lead", "key.revoke", revoke("alice", alice), bob);
	assert_non_null(strstr(first_problem(&f), "bob may not revoke the key of alice"));
	ss_checker_free(f.c);

	/* nor can a key be revoked twice, or one that was never registered */
	base(&f, alice, bob);
	add(&f, "alice", "user", "lead", "key.revoke", revoke("alice", carol), alice);
	assert_non_null(strstr(first_problem(&f), "not registered"));
	ss_checker_free(f.c);
	ss_key_free(alice);
	ss_key_free(bob);
	ss_key_free(carol);
}

/* Messages quote the log with %.Ns, which may cut a character in two: the
 * problem must still be recorded, made printable, and the log not verify. */
static void problem_quoting_a_cut_character_is_kept(void **state)
{
	ss_key *alice = newkey("a"), *bob = newkey("b");
	char actor[128];
	forger f;

	memset(actor, 'z', 99);
	memcpy(actor + 99, "\xc3\xa9", 3); /* 'e' with an acute: bytes 100-101 */
	base(&f, alice, bob);
	add(&f, actor, "user", "lead", "decision.set", decision("X", "na", 0), NULL);
	assert_false(ss_checker_ok(f.c));
	assert_true(ss_utf8_valid(first_problem(&f), strlen(first_problem(&f))));
	assert_non_null(strstr(first_problem(&f), "zzz?"));
	ss_checker_free(f.c);
	ss_key_free(alice);
	ss_key_free(bob);
}

static void printable_text(void **state)
{
	char cut[] = "ab\xc3", esc[] = "\x1b]0;x\x07ok", c1[] = "a\xc2\x9b",
	     ja[] = "\xe4\xbc\x9a\xe8\xad\xb0", lines[] = "a\nb\tc\x1b";

	assert_string_equal(ss_text_printable(lines, true), "a\nb\tc?");
	assert_int_equal(ss_utf8_cut("ab\xe4\xbc\x9a", 4), 2);
	assert_int_equal(ss_utf8_cut("ab\xe4\xbc\x9a", 5), 5);
	assert_string_equal(ss_text_printable(cut, false), "ab?");
	assert_string_equal(ss_text_printable(esc, false), "?]0;x?ok");
	assert_string_equal(ss_text_printable(c1, false), "a??");
	assert_string_equal(ss_text_printable(ja, false), "\xe4\xbc\x9a\xe8\xad\xb0");
}

static void wrong_side_or_role(void **state)
{
	ss_key *alice = newkey("a"), *bob = newkey("b");
	forger f;

	base(&f, alice, bob);
	/* the vendor decides, with a valid signature of their own */
	add(&f, "bob", "vendor", "lead", "decision.set", decision("X", "implement", 0), bob);
	assert_non_null(strstr(first_problem(&f), "may not decide on a mitigation"));
	ss_checker_free(f.c);
	base(&f, alice, bob);
	/* bob claims to be management */
	add(&f, "bob", "user", "management", "approval.set",
	    json_pack("{s:s, s:i, s:s}", "item", "X", "decision_seq", 6, "verdict", "approved"),
	    bob);
	assert_non_null(strstr(first_problem(&f), "acted as user/management but was vendor/lead"));
	ss_checker_free(f.c);
	ss_key_free(alice);
	ss_key_free(bob);
}

static void milestone_checkpoint_must_be_the_log(void **state)
{
	ss_key *alice = newkey("a"), *bob = newkey("b");
	forger f;

	base(&f, alice, bob);
	add(&f, "alice", "user", "lead", "milestone.open",
	    json_pack("{s:s, s:I, s:s, s:s, s:s, s:b}", "name", "spec-v1", "tree_size",
		      (json_int_t)5, "root", HASH0, "spec_hash", HASH0, "catalog_version", "1.0.0",
		      "needs_management", 0),
	    alice);
	assert_non_null(strstr(first_problem(&f), "is not the log before it"));
	ss_checker_free(f.c);
	ss_key_free(alice);
	ss_key_free(bob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(honest_log_verifies),
		cmocka_unit_test(signed_by_someone_elses_key),
		cmocka_unit_test(unregistered_key_and_unsigned),
		cmocka_unit_test(wrong_side_or_role),
		cmocka_unit_test(revoked_keys),
		cmocka_unit_test(problem_quoting_a_cut_character_is_kept),
		cmocka_unit_test(printable_text),
		cmocka_unit_test(milestone_checkpoint_must_be_the_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
