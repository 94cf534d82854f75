/*
 * The fast paths of the checker against the plain ones: the flat view of an
 * event's data (read straight from its canonical bytes) against jansson's,
 * and the checker on a second thread (signatures on further threads)
 * against the checker on one, over a log with forged and damaged events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "ledger/check.h"
#include "ledger/merkle.h"
#include "rules/rules.h"
#include "util/util.h"

/* Each flat data object is read as jansson reads it. */
static void test_flat_matches_json(void **state)
{
	static const char *const flat[] = {
		"{}",
		"{\"item\":\"LNX-AT-002\",\"item_hash\":\"99b1\",\"note\":\"n4\"}",
		"{\"a\":-9223372036854775808,\"b\":9223372036854775807,\"c\":0,\"d\":-1}",
		"{\"f\":false,\"n\":null,\"s\":\"\",\"t\":true}",
		"{\"e\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f x\"}",
		"{\"j\":\"日本語のメモ\",\"k\":\"a\\nb\"}",
		"{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,"
		"\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16}",
	};
	static const char *const nested[] = {
		"{\"items\":[[\"X\",\"h\"]]}",
		"{\"answers\":{}}",
		"{\"s\":\"\\u0000\"}",
		"{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,"
		"\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17}",
	};
	ss_json_member mem[64];
	char scratch[4096];
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(flat) / sizeof(flat[0]); i++) {
		ss_json_members ms = {mem, 64, 0, false, false};
		json_t *j = json_loads(flat[i], 0, NULL);
		ss_rules_data d;

		assert_non_null(j);
		assert_true(ss_json_canonical_scan(flat[i], strlen(flat[i]), NULL, &ms));
		assert_int_equal(ss_rules_data_flat(&d, mem, ms.n, -1, scratch, sizeof(scratch)),
				 0);
		assert_int_equal(d.n, json_object_size(j));
		for (k = 0; k < d.n; k++) {
			char key[64];
			const json_t *v;

			memcpy(key, d.f[k].key, d.f[k].key_len);
			key[d.f[k].key_len] = '\0';
			v = json_object_get(j, key);
			assert_non_null(v);
			switch (d.f[k].kind) {
			case 's':
				assert_true(json_is_string(v));
				assert_int_equal(d.f[k].len, json_string_length(v));
				assert_memory_equal(d.f[k].s, json_string_value(v), d.f[k].len);
				assert_int_equal(d.f[k].s[d.f[k].len], '\0');
				break;
			case 'i':
				assert_true(json_is_integer(v));
				assert_true(d.f[k].i == json_integer_value(v));
				break;
			case 't':
				assert_true(json_is_true(v));
				break;
			case 'f':
				assert_true(json_is_false(v));
				break;
			case 'n':
				assert_true(json_is_null(v));
				break;
			default:
				fail_msg("kind %c", d.f[k].kind);
			}
		}
		json_decref(j);
	}
	for (i = 0; i < sizeof(nested) / sizeof(nested[0]); i++) {
		ss_json_members ms = {mem, 64, 0, false, false};
		ss_rules_data d;

		assert_true(ss_json_canonical_scan(nested[i], strlen(nested[i]), NULL, &ms));
		assert_int_equal(ss_rules_data_flat(&d, mem, ms.n, -1, scratch, sizeof(scratch)),
				 -1);
	}
}

#define SS_TEST_H "99b15cd76e8f0a20191006e80e536a76f711eeaa1ec3ed939af65158d1bfd541"

static ss_key *key_a, *key_b;

typedef struct {
	int64_t seq;
	char *body, *hash, *sig, *cols[5];
	size_t len;
} row;

typedef struct {
	row *r;
	size_t n, cap;
	char prev[2 * SS_HASH_LEN + 1];
} log_t;

static void push(log_t *l, const char *actor, const char *side, const char *role, const char *type,
		 const char *data, ss_key *k)
{
	json_t *ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1,
			       "project", "p", "seq", (json_int_t)(l->n + 1), "prev", l->prev,
			       "time", "2026-11-26T10:00:00Z", "actor", actor, "side", side, "role",
			       role, "type", type, "data", json_loads(data, 0, NULL));
	ss_buf body = SS_BUF_INIT(0);
	char sig[129], hex[2 * SS_HASH_LEN + 1];
	ss_hash leaf;
	row *r;

	assert_non_null(ev);
	if (k)
		json_object_set_new(ev, "key", json_string(ss_key_fingerprint(k)));
	assert_int_equal(ss_json_canonical(&body, ev), 0);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		assert_non_null(l->r = realloc(l->r, l->cap * sizeof(*l->r)));
	}
	r = &l->r[l->n++];
	memset(r, 0, sizeof(*r));
	r->seq = (int64_t)l->n;
	r->body = strdup(body.ptr);
	r->len = body.len;
	ss_merkle_leaf(leaf, body.ptr, body.len);
	ss_hash_hex(hex, leaf);
	r->hash = strdup(hex);
	memcpy(l->prev, hex, sizeof(hex));
	if (k) {
		assert_int_equal(ss_key_sign(k, body.ptr, body.len, sig), 0);
		r->sig = strdup(sig);
	}
	r->cols[0] = strdup("2026-11-26T10:00:00Z");
	r->cols[1] = strdup(actor);
	r->cols[2] = strdup(side);
	r->cols[3] = strdup(role);
	r->cols[4] = strdup(type);
	ss_buf_release(&body);
	json_decref(ev);
}

static json_t *run(const log_t *l, bool async)
{
	ss_checker *c = ss_checker_new("p");
	json_t *rep;
	size_t i;

	assert_non_null(c);
	if (async)
		assert_int_equal(ss_checker_async(c), 0);
	for (i = 0; i < l->n; i++) {
		const row *r = &l->r[i];

		ss_checker_add(c, r->seq, r->body, r->len, r->hash, r->sig,
			       (const char *const *)r->cols);
	}
	rep = ss_checker_report(c);
	ss_checker_free(c);
	return rep;
}

/* The same log, damaged at random, gives the same report either way. */
static void test_async_matches_sync(void **state)
{
	char buf[1024];
	log_t l;
	int round, i;

	(void)state;
	srand(7);
	for (round = 0; round < 6; round++) {
		json_t *a, *b;
		size_t k;

		memset(&l, 0, sizeof(l));
		memset(l.prev, '0', 2 * SS_HASH_LEN);
		push(&l, "alice", "user", "lead", "project.create",
		     "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\",\"catalog_version\":"
		     "\"1\"}",
		     NULL);
		push(&l, "alice", "user", "lead", "member.add",
		     "{\"person\":\"bob\",\"side\":\"vendor\",\"role\":\"lead\"}", NULL);
		push(&l, "alice", "user", "lead", "spec.draft",
		     "{\"catalog_version\":\"1\",\"items\":[[\"X\",\"" SS_TEST_H
		     "\"],[\"Y\",\"" SS_TEST_H "\"]]}",
		     NULL);
		snprintf(buf, sizeof(buf),
			 "{\"person\":\"bob\",\"algorithm\":\"ed25519\",\"public_key\":\"%s\","
			 "\"fingerprint\":\"%s\"}",
			 ss_key_public_hex(key_b), ss_key_fingerprint(key_b));
		push(&l, "bob", "vendor", "lead", "key.register", buf, key_b);
		for (i = 0; i < 3000; i++) {
			const char *item = i % 7 == 0 ? "Z" : i % 2 ? "X" : "Y";
			char note[256];

			snprintf(note, sizeof(note),
				 "{\"item\":\"%s\",\"item_hash\":\"" SS_TEST_H
				 "\",\"note\":\"n%d\\n\\u0001\"}",
				 item, i);
			if (i % 3)
				push(&l, "bob", "vendor", "lead", "advice.add", note, key_b);
			else
				push(&l, "bob", "vendor", "lead", "advice.add", note,
				     i % 5 ? NULL : key_a);
		}
		/* damage: bytes of bodies, signatures, columns */
		for (i = 0; i < 40; i++) {
			row *r = &l.r[4 + (size_t)rand() % (l.n - 4)];

			switch (rand() % 3) {
			case 0:
				r->body[(size_t)rand() % r->len] ^= (char)(1 + rand() % 3);
				break;
			case 1:
				if (r->sig)
					r->sig[rand() % 128] = r->sig[0] == 'a' ? 'b' : 'a';
				break;
			default:
				r->cols[1][0] = 'x';
			}
		}
		a = run(&l, false);
		b = run(&l, true);
		assert_true(json_array_size(json_object_get(a, "problems")) > 0);
		if (!json_equal(a, b)) {
			char *sa = json_dumps(a, JSON_COMPACT), *sb = json_dumps(b, JSON_COMPACT);

			fail_msg("sync %s\nasync %s", sa, sb);
		}
		json_decref(a);
		json_decref(b);
		for (k = 0; k < l.n; k++) {
			int c;

			free(l.r[k].body);
			free(l.r[k].hash);
			free(l.r[k].sig);
			for (c = 0; c < 5; c++)
				free(l.r[k].cols[c]);
		}
		free(l.r);
	}
}

static int setup(void **state)
{
	ss_key **k[2] = {&key_a, &key_b};
	char path[96];
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/tmp/secspec-rd-%d-%d", (int)getpid(), i);
		if (ss_key_generate(path, NULL) < 0 || ss_key_load_private(k[i], path, NULL) < 0)
			return -1;
		unlink(path);
		strncat(path, ".pub", sizeof(path) - strlen(path) - 1);
		unlink(path);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ss_key_free(key_a);
	ss_key_free(key_b);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_matches_json),
		cmocka_unit_test(test_async_matches_sync),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
