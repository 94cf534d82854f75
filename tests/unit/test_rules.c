/*
 * Forged logs, one rule at a time: each case is an honest project followed
 * by events that a malicious insider of one side writes by hand, correctly
 * chained and signed with the keys they hold, so that only the rule book
 * can catch them. The offline checker must name the expected rule at the
 * last event and find nothing wrong before it. tests/cli/rules.test shows
 * the write path refusing the same things; test_rules3.c forges the rules of
 * version 3, through the rule book's writer mode as well.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "ledger/check.h"
#include "ledger/merkle.h"
#include "rules/rules.h"
#include "util/util.h"

#define H0 "0000000000000000000000000000000000000000000000000000000000000000"

enum { NOKEY = -1, ALICE, BOB, MGR, CAROL, STRAY, NKEYS };
static ss_key *keys[NKEYS];

/* flags for one step */
#define NOSIG 1u   /* name the key but leave the signature out */
#define BADSIG 2u  /* a signature over other bytes */
#define SIGONLY 4u /* a signature with no key in the event */

typedef struct {
	ss_checker *c;
	int64_t seq;
	char prev[2 * SS_HASH_LEN + 1];
	ss_tile_builder tree;
	const char *time; /* the time of the next events (NULL: the usual one) */
} forger;

static void start(forger *f)
{
	f->c = ss_checker_new("p");
	assert_non_null(f->c);
	f->seq = 0;
	f->time = NULL;
	memset(f->prev, '0', 2 * SS_HASH_LEN);
	f->prev[2 * SS_HASH_LEN] = '\0';
	ss_tile_builder_init(&f->tree, 0);
}

static void root_hex(forger *f, char *out)
{
	ss_hash r;

	ss_tile_builder_root(&f->tree, r);
	ss_hash_hex(out, r);
}

/* Append a raw body (already chained), signed as asked. */
static void add_body(forger *f, const char *body, size_t len, int signer, unsigned flags)
{
	char sig[129];
	ss_hash leaf;

	if (signer >= 0)
		assert_int_equal(ss_key_sign(keys[signer], flags & BADSIG ? "x" : body,
					     flags & BADSIG ? 1 : len, sig),
				 0);
	ss_checker_add(f->c, f->seq, body, len, NULL,
		       (signer >= 0 && !(flags & NOSIG)) || (flags & SIGONLY) ? sig : NULL, NULL);
	ss_merkle_leaf(leaf, body, len);
	ss_hash_hex(f->prev, leaf);
	ss_tile_builder_add(&f->tree, leaf, NULL, NULL);
}

/* An event as the write path would build it; data is JSON text ("%ROOT%"
 * and "%SIZE%" are replaced by the checkpoint of the log so far). */
static void add(forger *f, const char *actor, const char *side, const char *role, const char *type,
		const char *data, int signer, unsigned flags)
{
	char root[2 * SS_HASH_LEN + 1], text[4096], size[24];
	const char *p;
	ss_buf body = SS_BUF_INIT(0), d = SS_BUF_INIT(0);
	json_t *ev, *dj;

	root_hex(f, root);
	snprintf(size, sizeof(size), "%lld", (long long)f->seq);
	/* substitute the placeholders */
	for (p = data; *p;) {
		if (strncmp(p, "%ROOT%", 6) == 0) {
			ss_buf_puts(&d, root);
			p += 6;
		} else if (strncmp(p, "%SIZE%", 6) == 0) {
			ss_buf_puts(&d, size);
			p += 6;
		} else {
			ss_buf_putc(&d, *p++);
		}
	}
	snprintf(text, sizeof(text), "%s", d.ptr);
	dj = json_loads(text, 0, NULL);
	if (!dj)
		fail_msg("bad test data: %s", text);
	ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1, "project", "p",
		       "seq", (json_int_t)++f->seq, "prev", f->prev, "time",
		       f->time ? f->time : "2026-11-26T10:00:00Z", "actor", actor, "side", side,
		       "role", role, "type", type, "data", dj);
	if (signer >= 0)
		json_object_set_new(ev, "key", json_string(ss_key_fingerprint(keys[signer])));
	assert_int_equal(ss_json_canonical(&body, ev), 0);
	add_body(f, body.ptr, body.len, flags & SIGONLY ? ALICE : signer, flags);
	ss_buf_release(&body);
	ss_buf_release(&d);
	json_decref(ev);
}

static char *keyreg_data(char *out, size_t n, const char *person, int k, bool pop,
			 const char *fpr_override)
{
	char msg[512], sig[129] = "";
	const char *fpr = fpr_override ? fpr_override : ss_key_fingerprint(keys[k]);

	if (pop) {
		snprintf(msg, sizeof(msg), "secspec key registration\np\n%s\n%s", person, fpr);
		assert_int_equal(ss_key_sign(keys[k], msg, strlen(msg), sig), 0);
	}
	snprintf(out, n,
		 "{\"person\":\"%s\",\"algorithm\":\"ed25519\",\"public_key\":\"%s\","
		 "\"fingerprint\":\"%s\"%s%s%s}",
		 person, ss_key_public_hex(keys[k]), fpr, pop ? ",\"pop\":\"" : "", pop ? sig : "",
		 pop ? "\"" : "");
	return out;
}

/* The honest start: alice (user lead) creates; bob (vendor lead), mgr
 * (user management), carol (user member), dave (vendor member); the draft
 * of items X, Y, Z; alice, bob and mgr register keys (events 7-9). */
static void base(forger *f)
{
	char buf[1024];

	start(f);
	add(f, "alice", "user", "lead", "project.create",
	    "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\",\"catalog_version\":\"1.0."
	    "0\"}",
	    NOKEY, 0);
	add(f, "alice", "user", "lead", "member.add",
	    "{\"person\":\"bob\",\"side\":\"vendor\",\"role\":\"lead\"}", NOKEY, 0);
	add(f, "alice", "user", "lead", "member.add",
	    "{\"person\":\"mgr\",\"side\":\"user\",\"role\":\"management\"}", NOKEY, 0);
	add(f, "alice", "user", "lead", "member.add",
	    "{\"person\":\"carol\",\"side\":\"user\",\"role\":\"member\"}", NOKEY, 0);
	add(f, "bob", "vendor", "lead", "member.add",
	    "{\"person\":\"dave\",\"side\":\"vendor\",\"role\":\"member\"}", NOKEY, 0);
	add(f, "alice", "user", "lead", "spec.draft",
	    "{\"catalog_version\":\"1.0.0\",\"items\":[[\"X\",\"" H0 "\"],[\"Y\",\"" H0
	    "\"],[\"Z\",\"" H0 "\"]]}",
	    NOKEY, 0);
	add(f, "alice", "user", "lead", "key.register",
	    keyreg_data(buf, sizeof(buf), "alice", ALICE, false, NULL), ALICE, 0);
	add(f, "bob", "vendor", "lead", "key.register",
	    keyreg_data(buf, sizeof(buf), "bob", BOB, false, NULL), BOB, 0);
	add(f, "mgr", "user", "management", "key.register",
	    keyreg_data(buf, sizeof(buf), "mgr", MGR, false, NULL), MGR, 0);
	if (json_array_size(ss_checker_problems(f->c)))
		fail_msg("the honest base does not verify: %s",
			 json_string_value(json_object_get(
				 json_array_get(ss_checker_problems(f->c), 0), "problem")));
}

/* The checker found exactly one problem, at the last event, under rule. */
static void expect(forger *f, const char *rule)
{
	const json_t *p = json_array_get(ss_checker_problems(f->c), 0);
	const char *got = json_string_value(json_object_get(p, "rule"));

	if (!p)
		fail_msg("expected rule %s at event %lld, but the log verifies", rule,
			 (long long)f->seq);
	if (strcmp(got, rule) != 0 || json_integer_value(json_object_get(p, "seq")) != f->seq)
		fail_msg("expected rule %s at event %lld, got %s at event %lld: %s", rule,
			 (long long)f->seq, got,
			 (long long)json_integer_value(json_object_get(p, "seq")),
			 json_string_value(json_object_get(p, "problem")));
	ss_checker_free(f->c);
	f->c = NULL;
}

static void verifies(forger *f)
{
	const json_t *p = json_array_get(ss_checker_problems(f->c), 0);

	if (p)
		fail_msg("expected the log to verify: event %lld: %s [%s]",
			 (long long)json_integer_value(json_object_get(p, "seq")),
			 json_string_value(json_object_get(p, "problem")),
			 json_string_value(json_object_get(p, "rule")));
	ss_checker_free(f->c);
	f->c = NULL;
}

#define DEC(item, policy, extra)                                                                   \
	"{\"item\":\"" item "\",\"item_hash\":\"" H0 "\",\"policy\":\"" policy                     \
	"\",\"level\":0" extra "}"
#define UL "alice", "user", "lead"
#define VL "bob", "vendor", "lead"
#define MG "mgr", "user", "management"

static void membership(void **state)
{
	forger f;

	/* the user lead moves the vendor's lead to the user side */
	base(&f);
	add(&f, UL, "member.add", "{\"person\":\"bob\",\"side\":\"user\",\"role\":\"member\"}",
	    ALICE, 0);
	expect(&f, "member-side-fixed");
	/* ... or adds a vendor lead of their own */
	base(&f);
	add(&f, UL, "member.add", "{\"person\":\"eve\",\"side\":\"vendor\",\"role\":\"lead\"}",
	    ALICE, 0);
	expect(&f, "member-own-side");
	/* the vendor lead makes a user-side manager */
	base(&f);
	add(&f, VL, "member.add", "{\"person\":\"eve\",\"side\":\"user\",\"role\":\"management\"}",
	    BOB, 0);
	expect(&f, "member-own-side");
	/* the user lead demotes or removes the vendor's lead */
	base(&f);
	add(&f, UL, "member.add", "{\"person\":\"bob\",\"side\":\"vendor\",\"role\":\"member\"}",
	    ALICE, 0);
	expect(&f, "member-own-side");
	base(&f);
	add(&f, UL, "member.remove", "{\"person\":\"bob\"}", ALICE, 0);
	expect(&f, "member-own-side");
	/* a member promotes themselves, a lead changes their own role */
	base(&f);
	add(&f, UL, "member.add",
	    "{\"person\":\"alice\",\"side\":\"user\",\"role\":\"management\"}", ALICE, 0);
	expect(&f, "member-self");
	base(&f);
	add(&f, "carol", "user", "member", "member.add",
	    "{\"person\":\"carol\",\"side\":\"user\",\"role\":\"lead\"}", NOKEY, 0);
	expect(&f, "permission");
	/* management on the vendor side */
	base(&f);
	add(&f, VL, "member.add",
	    "{\"person\":\"eve\",\"side\":\"vendor\",\"role\":\"management\"}", BOB, 0);
	expect(&f, "member-management-side");
	base(&f);
	add(&f, UL, "member.add", "{\"person\":\"carol\",\"side\":\"user\",\"role\":\"member\"}",
	    ALICE, 0);
	expect(&f, "member-unchanged");
	base(&f);
	add(&f, UL, "member.remove", "{\"person\":\"eve\"}", ALICE, 0);
	expect(&f, "member-not-active");
	/* a role nobody gave */
	base(&f);
	add(&f, "carol", "user", "lead", "decision.set", DEC("X", "implement", ""), NOKEY, 0);
	expect(&f, "actor-claim");
	base(&f);
	add(&f, "eve", "user", "lead", "decision.set", DEC("X", "implement", ""), NOKEY, 0);
	expect(&f, "actor-member");
	base(&f);
	add(&f, "dave", "vendor", "member", "decision.set", DEC("X", "implement", ""), NOKEY, 0);
	expect(&f, "permission");
	/* once removed, a member acts no more */
	base(&f);
	add(&f, UL, "member.remove", "{\"person\":\"carol\"}", ALICE, 0);
	add(&f, "carol", "user", "member", "decision.set", DEC("X", "implement", ""), NOKEY, 0);
	expect(&f, "actor-member");
	/* the other side's first lead is invited once, as a lead */
	start(&f);
	add(&f, UL, "project.create",
	    "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\",\"catalog_version\":\"1.0."
	    "0\"}",
	    NOKEY, 0);
	add(&f, UL, "member.add", "{\"person\":\"eve\",\"side\":\"vendor\",\"role\":\"member\"}",
	    NOKEY, 0);
	expect(&f, "member-first-lead");
	/* honest membership verifies */
	base(&f);
	add(&f, VL, "member.add", "{\"person\":\"dave\",\"side\":\"vendor\",\"role\":\"lead\"}",
	    BOB, 0);
	add(&f, "dave", "vendor", "lead", "member.remove", "{\"person\":\"bob\"}", NOKEY, 0);
	verifies(&f);
}

static void signatures(void **state)
{
	char buf[1024], fpr[80];
	forger f;

	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), NOKEY, 0);
	expect(&f, "sig-required");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), BOB, 0);
	expect(&f, "sig-key-owner");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), STRAY, 0);
	expect(&f, "sig-key-unknown");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), ALICE, NOSIG);
	expect(&f, "sig-missing");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), ALICE, BADSIG);
	expect(&f, "sig-invalid");
	base(&f);
	add(&f, "carol", "user", "member", "decision.set", DEC("X", "implement", ""), NOKEY,
	    SIGONLY);
	expect(&f, "sig-unexpected");
	/* a revoked key signs nothing after its revocation */
	base(&f);
	snprintf(buf, sizeof(buf),
		 "{\"fingerprint\":\"%s\",\"person\":\"alice\",\"reason\":\"lost\"}",
		 ss_key_fingerprint(keys[ALICE]));
	add(&f, UL, "key.revoke", buf, ALICE, 0);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), ALICE, 0);
	expect(&f, "sig-key-revoked");
	/* keys */
	base(&f);
	add(&f, "carol", "user", "member", "key.register",
	    keyreg_data(buf, sizeof(buf), "carol", CAROL, false, H0), CAROL, 0);
	expect(&f, "sig-key-unknown"); /* its key field names a fingerprint never registered */
	base(&f);
	add(&f, "carol", "user", "member", "key.register",
	    keyreg_data(buf, sizeof(buf), "carol", CAROL, false, NULL), NOKEY, 0);
	expect(&f, "key-self-signed");
	base(&f);
	add(&f, "carol", "user", "member", "key.register",
	    keyreg_data(buf, sizeof(buf), "dave", CAROL, false, NULL), CAROL, 0);
	expect(&f, "key-owner");
	base(&f);
	add(&f, UL, "key.register", keyreg_data(buf, sizeof(buf), "alice", CAROL, false, NULL),
	    ALICE, 0);
	expect(&f, "key-pop");
	base(&f);
	add(&f, UL, "key.register", keyreg_data(buf, sizeof(buf), "alice", ALICE, true, NULL),
	    ALICE, 0);
	expect(&f, "key-duplicate");
	/* a further key with its proof of possession, signed by the first */
	base(&f);
	add(&f, UL, "key.register", keyreg_data(buf, sizeof(buf), "alice", CAROL, true, NULL),
	    ALICE, 0);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), CAROL, 0);
	verifies(&f);
	/* revocations */
	snprintf(fpr, sizeof(fpr), "%s", ss_key_fingerprint(keys[MGR]));
	base(&f);
	snprintf(buf, sizeof(buf),
		 "{\"fingerprint\":\"%s\",\"person\":\"mgr\",\"reason\":\"lost\"}", fpr);
	add(&f, VL, "key.revoke", buf, BOB, 0);
	expect(&f, "key-revoke-who");
	base(&f);
	snprintf(buf, sizeof(buf),
		 "{\"fingerprint\":\"%s\",\"person\":\"carol\",\"reason\":\"lost\"}", fpr);
	add(&f, UL, "key.revoke", buf, ALICE, 0);
	expect(&f, "key-revoke-holder");
	base(&f);
	snprintf(buf, sizeof(buf),
		 "{\"fingerprint\":\"%s\",\"person\":\"mgr\",\"reason\":\"lost\"}", H0);
	add(&f, UL, "key.revoke", buf, ALICE, 0);
	expect(&f, "key-revoke-unknown");
	/* the lead of the holder's side may revoke it */
	base(&f);
	snprintf(buf, sizeof(buf),
		 "{\"fingerprint\":\"%s\",\"person\":\"mgr\",\"reason\":\"left\"}", fpr);
	add(&f, UL, "key.revoke", buf, ALICE, 0);
	verifies(&f);
}

static void decisions(void **state)
{
	forger f;

	base(&f);
	add(&f, UL, "decision.set", DEC("Q", "implement", ""), ALICE, 0);
	expect(&f, "item-unknown");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "accept", ""), ALICE, 0);
	expect(&f, "decision-reason");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "alternative", ",\"reason\":\"r\""), ALICE, 0);
	expect(&f, "decision-reason");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), ALICE, 0);
	add(&f, UL, "decision.set", DEC("X", "na", ",\"reason\":\"r\""), ALICE, 0);
	expect(&f, "decision-supersedes");
	base(&f);
	add(&f, VL, "advice.add", "{\"item\":\"X\",\"item_hash\":\"" H0 "\",\"note\":\"\"}", BOB,
	    0);
	expect(&f, "advice-note");
	base(&f);
	add(&f, UL, "advice.add", "{\"item\":\"X\",\"item_hash\":\"" H0 "\",\"note\":\"n\"}", ALICE,
	    0);
	expect(&f, "permission");
	/* approvals */
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), ALICE, 0);
	add(&f, MG, "approval.set", "{\"item\":\"X\",\"decision_seq\":10,\"verdict\":\"approved\"}",
	    MGR, 0);
	expect(&f, "approval-target");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "accept", ",\"reason\":\"r\""), ALICE, 0);
	add(&f, UL, "decision.set", DEC("X", "accept", ",\"reason\":\"s\",\"supersedes\":10"),
	    ALICE, 0);
	add(&f, MG, "approval.set", "{\"item\":\"X\",\"decision_seq\":10,\"verdict\":\"approved\"}",
	    MGR, 0);
	expect(&f, "approval-target"); /* an approval of a decision since replaced */
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "accept", ",\"reason\":\"r\""), ALICE, 0);
	add(&f, MG, "approval.set", "{\"item\":\"X\",\"decision_seq\":10,\"verdict\":\"approved\"}",
	    MGR, 0);
	add(&f, MG, "approval.set", "{\"item\":\"X\",\"decision_seq\":10,\"verdict\":\"approved\"}",
	    MGR, 0);
	expect(&f, "approval-repeat");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "accept", ",\"reason\":\"r\""), ALICE, 0);
	add(&f, MG, "approval.set", "{\"item\":\"X\",\"decision_seq\":10,\"verdict\":\"rejected\"}",
	    MGR, 0);
	expect(&f, "approval-note");
	/* carol decides, is made management by her lead, and approves herself */
	base(&f);
	add(&f, "carol", "user", "member", "decision.set", DEC("X", "accept", ",\"reason\":\"r\""),
	    NOKEY, 0);
	add(&f, UL, "member.add",
	    "{\"person\":\"carol\",\"side\":\"user\",\"role\":\"management\"}", ALICE, 0);
	add(&f, "carol", "user", "management", "approval.set",
	    "{\"item\":\"X\",\"decision_seq\":10,\"verdict\":\"approved\"}", NOKEY, 0);
	expect(&f, "approval-self");
	base(&f);
	add(&f, UL, "spec.draft", "{\"catalog_version\":\"1.0.0\",\"items\":[]}", ALICE, 0);
	expect(&f, "draft-repeat");
	/* shapes */
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "implement", ",\"approved\":true"), ALICE, 0);
	expect(&f, "event-data");
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "maybe", ""), ALICE, 0);
	expect(&f, "event-data");
	base(&f);
	add(&f, UL, "decision.delete", "{\"item\":\"X\"}", ALICE, 0);
	expect(&f, "event-type");
	/* an honest accept, advice and approval */
	base(&f);
	add(&f, VL, "advice.add", "{\"item\":\"X\",\"item_hash\":\"" H0 "\",\"note\":\"n\"}", BOB,
	    0);
	add(&f, UL, "decision.set", DEC("X", "accept", ",\"reason\":\"r\""), ALICE, 0);
	add(&f, MG, "approval.set", "{\"item\":\"X\",\"decision_seq\":11,\"verdict\":\"approved\"}",
	    MGR, 0);
	verifies(&f);
}

#define OPEN(name, mgmt)                                                                           \
	"{\"name\":\"" name                                                                        \
	"\",\"catalog_version\":\"1.0.0\",\"tree_size\":%SIZE%,\"root\":\"%ROOT%"                  \
	"\",\"spec_hash\":\"" H0 "\",\"needs_management\":" mgmt "}"
#define SIGN(name) "{\"name\":\"" name "\",\"spec_hash\":\"" H0 "\"}"

static void milestones(void **state)
{
	char buf[1024], digest[SS_SHA256_HEX], root[2 * SS_HASH_LEN + 1];
	forger f;

	base(&f);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	add(&f, VL, "milestone.sign", SIGN("v1"), BOB, 0);
	verifies(&f);
	/* management required when the specification accepts a risk */
	base(&f);
	add(&f, UL, "decision.set", DEC("X", "accept", ",\"reason\":\"r\""), ALICE, 0);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	expect(&f, "milestone-management");
	base(&f);
	add(&f, UL, "milestone.open",
	    "{\"name\":\"v1\",\"catalog_version\":\"1.0.0\",\"tree_size\":3,\"root\":\"%ROOT%\","
	    "\"spec_hash\":\"" H0 "\",\"needs_management\":false}",
	    ALICE, 0);
	expect(&f, "milestone-checkpoint");
	base(&f);
	add(&f, UL, "milestone.open",
	    "{\"name\":\"v1\",\"catalog_version\":\"9.9\",\"tree_size\":%SIZE%,\"root\":\"%ROOT%\","
	    "\"spec_hash\":\"" H0 "\",\"needs_management\":false}",
	    ALICE, 0);
	expect(&f, "milestone-catalog");
	base(&f);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	add(&f, VL, "milestone.open", OPEN("v1", "false"), BOB, 0);
	expect(&f, "milestone-reopen");
	base(&f);
	add(&f, VL, "milestone.sign", SIGN("v1"), BOB, 0);
	expect(&f, "milestone-unknown");
	base(&f);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	add(&f, VL, "milestone.sign", "{\"name\":\"v1\",\"spec_hash\":\"" H0 "1\"}", BOB, 0);
	expect(&f, "event-data");
	base(&f);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	add(&f, VL, "milestone.sign",
	    "{\"name\":\"v1\",\"spec_hash\":"
	    "\"1111111111111111111111111111111111111111111111111111111111111111\"}",
	    BOB, 0);
	expect(&f, "milestone-spec-hash");
	base(&f);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	add(&f, UL, "milestone.sign", SIGN("v1"), ALICE, 0);
	expect(&f, "milestone-twice");
	/* a decision slipped in after the opening, before the other side signs */
	base(&f);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	add(&f, UL, "decision.set", DEC("Y", "na", ",\"reason\":\"r\""), ALICE, 0);
	add(&f, VL, "milestone.sign", SIGN("v1"), BOB, 0);
	expect(&f, "milestone-frozen");
	/* an unsigned agreement (alice's key revoked, so unsigned is allowed) */
	base(&f);
	snprintf(buf, sizeof(buf),
		 "{\"fingerprint\":\"%s\",\"person\":\"alice\",\"reason\":\"lost\"}",
		 ss_key_fingerprint(keys[ALICE]));
	add(&f, UL, "key.revoke", buf, ALICE, 0);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), NOKEY, 0);
	expect(&f, "milestone-unsigned");
	/* trusted time */
	base(&f);
	root_hex(&f, root);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	assert_int_equal(ss_rules_checkpoint_digest(digest, "p", "v1", 9, root, H0), 0);
	snprintf(buf, sizeof(buf),
		 "{\"milestone\":\"v1\",\"digest\":\"%s\",\"time\":\"2026-11-26T10:00:00Z\","
		 "\"token\":\"00\"}",
		 digest);
	add(&f, UL, "timestamp.add", buf, ALICE, 0);
	assert_int_equal(json_array_size(ss_checker_problems(f.c)), 0);
	add(&f, UL, "timestamp.add", buf, ALICE, 0);
	expect(&f, "timestamp-repeat");
	base(&f);
	add(&f, UL, "milestone.open", OPEN("v1", "false"), ALICE, 0);
	add(&f, UL, "timestamp.add",
	    "{\"milestone\":\"v1\",\"digest\":\"" H0 "\",\"time\":\"2026-11-26T10:00:00Z\","
	    "\"token\":\"00\"}",
	    ALICE, 0);
	expect(&f, "timestamp-digest");
	base(&f);
	add(&f, UL, "timestamp.add",
	    "{\"milestone\":\"v9\",\"digest\":\"" H0 "\",\"time\":\"2026-11-26T10:00:00Z\","
	    "\"token\":\"00\"}",
	    ALICE, 0);
	expect(&f, "timestamp-milestone");
}

#define UPG                                                                                        \
	"{\"from\":\"1.0.0\",\"to\":\"1.1.0\",\"added\":[],\"retired\":[\"X\"],\"changed\":["      \
	"\"Y\"]}"

static void the_rest(void **state)
{
	forger f;

	base(&f);
	add(&f, UL, "minutes.add",
	    "{\"id\":\"M-0002\",\"date\":\"2026-11-26\",\"attendees\":[],\"topics\":[],\"items\":[]"
	    ","
	    "\"attachments\":[]}",
	    ALICE, 0);
	expect(&f, "minutes-id");
	base(&f);
	add(&f, UL, "minutes.add",
	    "{\"id\":\"M-0001\",\"date\":\"2026-11-26\",\"attendees\":[\"eve\"],\"topics\":[],"
	    "\"items\":[],\"attachments\":[]}",
	    ALICE, 0);
	expect(&f, "minutes-attendee");
	base(&f);
	add(&f, UL, "minutes.add",
	    "{\"id\":\"M-0001\",\"date\":\"2026-11-26\",\"attendees\":[\"bob\"],\"topics\":[\"t\"],"
	    "\"items\":[\"Q\"],\"attachments\":[]}",
	    ALICE, 0);
	expect(&f, "minutes-item");
	/* a change request no upgrade raised, or for an item it does not name */
	base(&f);
	add(&f, UL, "change.open",
	    "{\"id\":\"CR-0001\",\"kind\":\"retired\",\"item\":\"X\",\"from\":\"1.0.0\","
	    "\"to\":\"1.1.0\",\"fields\":[]}",
	    ALICE, 0);
	expect(&f, "change-open");
	base(&f);
	add(&f, UL, "project.upgrade", UPG, ALICE, 0);
	add(&f, UL, "change.open",
	    "{\"id\":\"CR-0001\",\"kind\":\"retired\",\"item\":\"Z\",\"from\":\"1.0.0\","
	    "\"to\":\"1.1.0\",\"fields\":[]}",
	    ALICE, 0);
	expect(&f, "change-open");
	base(&f);
	add(&f, UL, "project.upgrade", UPG, ALICE, 0);
	add(&f, UL, "change.open",
	    "{\"id\":\"CR-0001\",\"kind\":\"item-changed\",\"item\":\"Y\",\"from\":\"1.0.0\","
	    "\"to\":\"1.1.0\",\"fields\":[\"title\"]}",
	    ALICE, 0);
	/* the changed item's new text is the catalog's: any hash is taken */
	add(&f, UL, "decision.set",
	    "{\"item\":\"Y\",\"item_hash\":"
	    "\"1111111111111111111111111111111111111111111111111111111111111111\","
	    "\"policy\":\"implement\",\"level\":0}",
	    ALICE, 0);
	verifies(&f);
	/* a decision on other text than the specification's */
	base(&f);
	add(&f, UL, "decision.set",
	    "{\"item\":\"X\",\"item_hash\":"
	    "\"1111111111111111111111111111111111111111111111111111111111111111\","
	    "\"policy\":\"implement\",\"level\":0}",
	    ALICE, 0);
	expect(&f, "item-hash");
	base(&f);
	add(&f, "dave", "vendor", "member", "change.assess",
	    "{\"id\":\"CR-0001\",\"note\":\"n\",\"reestimate\":\"none\"}", NOKEY, 0);
	expect(&f, "change-unknown");
	base(&f);
	add(&f, UL, "change.open",
	    "{\"id\":\"CR-0005\",\"kind\":\"retired\",\"item\":\"X\",\"from\":\"1.0.0\",\"to\":\"1."
	    "1.0\","
	    "\"fields\":[]}",
	    ALICE, 0);
	expect(&f, "change-id");
	base(&f);
	add(&f, UL, "project.upgrade", UPG, ALICE, 0);
	add(&f, UL, "change.open",
	    "{\"id\":\"CR-0001\",\"kind\":\"retired\",\"item\":\"X\",\"from\":\"1.0.0\",\"to\":\"1."
	    "1.0\","
	    "\"fields\":[]}",
	    ALICE, 0);
	add(&f, UL, "change.decide", "{\"id\":\"CR-0001\",\"note\":\"n\"}", ALICE, 0);
	expect(&f, "change-state");
	base(&f);
	add(&f, UL, "project.upgrade", UPG, ALICE, 0);
	add(&f, UL, "change.open",
	    "{\"id\":\"CR-0001\",\"kind\":\"retired\",\"item\":\"X\",\"from\":\"1.0.0\",\"to\":\"1."
	    "1.0\","
	    "\"fields\":[]}",
	    ALICE, 0);
	add(&f, "dave", "vendor", "member", "change.assess",
	    "{\"id\":\"CR-0001\",\"note\":\"\",\"reestimate\":\"cost\"}", NOKEY, 0);
	expect(&f, "change-note");
	base(&f);
	add(&f, UL, "project.upgrade",
	    "{\"from\":\"0.9.0\",\"to\":\"1.1.0\",\"added\":[],\"retired\":[],\"changed\":[]}",
	    ALICE, 0);
	expect(&f, "upgrade-from");
	base(&f);
	add(&f, UL, "phase.set", "{\"phase\":4,\"from\":3,\"forced\":false}", ALICE, 0);
	expect(&f, "phase-from");
	base(&f);
	add(&f, UL, "phase.set", "{\"phase\":4,\"from\":1,\"forced\":true}", ALICE, 0);
	expect(&f, "phase-reason");
	base(&f);
	add(&f, UL, "threat.score",
	    "{\"technique\":\"T1110\",\"incident\":3,\"ease\":2,\"reason\":\"\"}", ALICE, 0);
	expect(&f, "threat-reason");
	base(&f);
	add(&f, UL, "threat.score",
	    "{\"technique\":\"T1110\",\"incident\":4,\"ease\":2,\"reason\":\"r\"}", ALICE, 0);
	expect(&f, "event-data");
	base(&f);
	add(&f, UL, "project.create",
	    "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\",\"catalog_version\":\"1.0."
	    "0\"}",
	    NOKEY, 0);
	expect(&f, "project-create");
	start(&f);
	add(&f, UL, "project.create",
	    "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\",\"catalog_version\":\"1.0.0\","
	    "\"rules\":7}",
	    NOKEY, 0);
	expect(&f, "rules-version"); /* a version after the highest this build knows */
	/* the upgrade path an honest project takes */
	base(&f);
	add(&f, UL, "project.upgrade",
	    "{\"from\":\"1.0.0\",\"to\":\"1.1.0\",\"added\":[[\"W\",\"" H0
	    "\"]],\"retired\":[\"Z\"],"
	    "\"changed\":[]}",
	    ALICE, 0);
	add(&f, UL, "decision.set", DEC("W", "implement", ""), ALICE, 0);
	verifies(&f);
	base(&f);
	add(&f, UL, "project.upgrade",
	    "{\"from\":\"1.0.0\",\"to\":\"1.1.0\",\"added\":[],\"retired\":[\"Z\"],\"changed\":[]}",
	    ALICE, 0);
	add(&f, UL, "decision.set", DEC("Z", "implement", ""), ALICE, 0);
	expect(&f, "item-unknown");
}

#define SYS(name, extra) "{\"name\":\"" name "\",\"devices\":[\"srv\"],\"measures\":[]" extra "}"
#define ASSET(id, lvl, extra)                                                                      \
	"{\"id\":\"" id "\",\"kind\":\"personal-data\",\"name\":\"n\",\"system\":\"S\","           \
	"\"devices\":[],\"answers\":{},\"impact\":{\"duration\":1,\"reach\":" lvl                  \
	",\"damage\":1,\"trust\":1},\"level\":" lvl extra "}"
#define DEC3(item)                                                                                 \
	"{\"item\":\"" item "\",\"item_hash\":\"" H0 "\",\"policy\":\"implement\",\"level\":3}"

/* Assets, systems and the level a decision is frozen to. */
static void assessment(void **state)
{
	forger f;

	base(&f);
	add(&f, UL, "system.set", SYS("S", ""), ALICE, 0);
	add(&f, UL, "asset.set", ASSET("a1", "3", ""), ALICE, 0);
	add(&f, UL, "decision.set", DEC3("X"), ALICE, 0);
	add(&f, UL, "system.set", SYS("S", ",\"supersedes\":10"), ALICE, 0);
	add(&f, UL, "asset.set", ASSET("a1", "2", ",\"supersedes\":11"), ALICE, 0);
	verifies(&f);
	/* a decision that claims another level than the assets' */
	base(&f);
	add(&f, UL, "system.set", SYS("S", ""), ALICE, 0);
	add(&f, UL, "asset.set", ASSET("a1", "3", ""), ALICE, 0);
	add(&f, UL, "decision.set", DEC("X", "implement", ""), ALICE, 0);
	expect(&f, "decision-level");
	base(&f);
	add(&f, UL, "asset.set", ASSET("a1", "3", ""), ALICE, 0);
	expect(&f, "asset-system");
	base(&f);
	add(&f, UL, "system.set", SYS("S", ""), ALICE, 0);
	add(&f, UL, "asset.set", ASSET("a1", "3", ""), ALICE, 0);
	add(&f, UL, "asset.set", ASSET("a1", "1", ""), ALICE, 0);
	expect(&f, "asset-supersedes");
	base(&f);
	add(&f, UL, "system.set", SYS("S", ""), ALICE, 0);
	add(&f, UL, "asset.set", ASSET("a1", "3", ",\"supersedes\":4"), ALICE, 0);
	expect(&f, "asset-supersedes");
	base(&f);
	add(&f, UL, "system.set", SYS("S", ""), ALICE, 0);
	add(&f, UL, "asset.set",
	    "{\"id\":\"a1\",\"kind\":\"k\",\"name\":\"n\",\"system\":\"S\",\"devices\":[],"
	    "\"answers\":{},\"impact\":{\"duration\":1,\"reach\":3,\"damage\":1,\"trust\":1},"
	    "\"level\":1}",
	    ALICE, 0);
	expect(&f, "asset-level");
	base(&f);
	add(&f, UL, "system.set", SYS("S", ""), ALICE, 0);
	add(&f, UL, "system.set", SYS("S", ""), ALICE, 0);
	expect(&f, "system-supersedes");
	base(&f);
	add(&f, "dave", "vendor", "member", "system.set", SYS("S", ""), NOKEY, 0);
	expect(&f, "permission");
}

/* Version 2: time never goes back; version 1 logs are not held to it. */
static void time_order(void **state)
{
	char body[1024];
	forger f;
	int v;

	for (v = 1; v <= 2; v++) {
		start(&f);
		snprintf(body, sizeof(body),
			 "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\","
			 "\"catalog_version\":\"1.0.0\",\"rules\":%d}",
			 v);
		add(&f, UL, "project.create", body, NOKEY, 0);
		add(&f, UL, "member.add",
		    "{\"person\":\"bob\",\"side\":\"vendor\",\"role\":\"lead\"}", NOKEY, 0);
		/* the forger's clock: an event dated before the one it follows */
		f.time = "2026-11-25T09:00:00Z";
		add(&f, UL, "member.add",
		    "{\"person\":\"carol\",\"side\":\"user\",\"role\":\"member\"}", NOKEY, 0);
		f.time = NULL;
		if (v == 1)
			verifies(&f);
		else
			expect(&f, "event-time-order");
	}
}

/* Version 2: an upgrade gives each changed item's new hash, and the
 * decisions after it are frozen to that text. */
static void upgrade_hashes(void **state)
{
	static const char *const create = "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\","
					  "\"catalog_version\":\"1.0.0\",\"rules\":2}";
	static const char *const draft =
		"{\"catalog_version\":\"1.0.0\",\"items\":[[\"X\",\"" H0 "\"],[\"Y\",\"" H0 "\"]]}";
	static const char *const h1 =
		"1111111111111111111111111111111111111111111111111111111111111111";
	char up[512], dec[512];
	forger f;
	int round;

	snprintf(up, sizeof(up),
		 "{\"from\":\"1.0.0\",\"to\":\"1.1.0\",\"added\":[],\"retired\":[],"
		 "\"changed\":[\"Y\"],\"changed_hashes\":[[\"Y\",\"%s\"]]}",
		 h1);
	for (round = 0; round < 3; round++) {
		start(&f);
		add(&f, UL, "project.create", create, NOKEY, 0);
		add(&f, UL, "spec.draft", draft, NOKEY, 0);
		if (round == 0) {
			/* the hashes are required under version 2 */
			add(&f, UL, "project.upgrade",
			    "{\"from\":\"1.0.0\",\"to\":\"1.1.0\",\"added\":[],\"retired\":[],"
			    "\"changed\":[\"Y\"]}",
			    NOKEY, 0);
			expect(&f, "event-data");
			continue;
		}
		add(&f, UL, "project.upgrade", up, NOKEY, 0);
		snprintf(dec, sizeof(dec),
			 "{\"item\":\"Y\",\"item_hash\":\"%s\",\"policy\":\"implement\","
			 "\"level\":0}",
			 round == 1 ? h1 : H0);
		add(&f, UL, "decision.set", dec, NOKEY, 0);
		if (round == 1)
			verifies(&f);
		else
			expect(&f, "item-hash"); /* decided on the old text */
	}
}

/* A body edited by hand after the canonical form was made. */
static void raw(forger *f, const char *from, const char *to, int signer)
{
	char root[2 * SS_HASH_LEN + 1], body[2048], out[2048];
	const char *p;
	json_t *ev;
	ss_buf b = SS_BUF_INIT(0);

	root_hex(f, root);
	ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1, "project", "p",
		       "seq", (json_int_t)++f->seq, "prev", f->prev, "time", "2026-11-26T10:00:00Z",
		       "actor", "alice", "side", "user", "role", "lead", "type", "decision.set",
		       "data", json_loads(DEC("X", "implement", ""), 0, NULL));
	json_object_set_new(ev, "key", json_string(ss_key_fingerprint(keys[signer])));
	assert_int_equal(ss_json_canonical(&b, ev), 0);
	snprintf(body, sizeof(body), "%s", b.ptr);
	p = strstr(body, from);
	assert_non_null(p);
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(p - body), body, to, p + strlen(from));
	add_body(f, out, strlen(out), signer, 0);
	ss_buf_release(&b);
	json_decref(ev);
}

static void envelope(void **state)
{
	static const struct {
		const char *from, *to, *rule;
	} cases[] = {
		{"\"v\":1", "\"v\":2", "event-version"},
		{"\"v\":1", "\"v\":1,\"w\":0", "event-field"},
		{"\"v\":1", "\"v\":01", "event-json"},
		{",\"v\":1", "", "event-field"},
		{"\"type\"", " \"type\"", "event-canonical"},
		{"\"time\":\"2026-11-26T10:00:00Z\"", "\"time\":\"2026-13-26T10:00:00Z\"",
		 "event-time"},
		{"\"time\":\"2026-11-26T10:00:00Z\"", "\"time\":\"2026-11-26 10:00:00\"",
		 "event-time"},
		{"\"project\":\"p\"", "\"project\":\"q\"", "event-project"},
		{"\"seq\":10", "\"seq\":11", "event-seq"},
		{"\"prev\":\"", "\"prev\":\"1", "event-chain"},
		{"\"actor\":\"alice\"", "\"actor\":\"al\\u0069ce\"", "event-canonical"},
		{"\"policy\":\"implement\"", "\"policy\":\"implement\",\"policy\":\"na\"",
		 "event-canonical"},
		{"\"data\":{", "\"data\":{\"a\":1,", "event-data"},
	};
	size_t i;
	forger f;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		base(&f);
		raw(&f, cases[i].from, cases[i].to, ALICE);
		expect(&f, cases[i].rule);
	}
	base(&f);
	raw(&f, "\"v\":1", "\"v\":1", ALICE);
	verifies(&f);
}

static int setup(void **state)
{
	char path[96];
	int i;

	for (i = 0; i < NKEYS; i++) {
		snprintf(path, sizeof(path), "/tmp/secspec-rules-%d-%d", (int)getpid(), i);
		if (ss_key_generate(path, NULL) < 0 ||
		    ss_key_load_private(&keys[i], path, NULL) < 0)
			return -1;
		unlink(path);
		strncat(path, ".pub", sizeof(path) - strlen(path) - 1);
		unlink(path);
	}
	return 0;
}

static int teardown(void **state)
{
	int i;

	for (i = 0; i < NKEYS; i++)
		ss_key_free(keys[i]);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(membership),     cmocka_unit_test(signatures),
		cmocka_unit_test(decisions),      cmocka_unit_test(milestones),
		cmocka_unit_test(the_rest),       cmocka_unit_test(envelope),
		cmocka_unit_test(assessment),     cmocka_unit_test(time_order),
		cmocka_unit_test(upgrade_hashes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
