/* Signed tree heads: the message is the documented canonical JSON, a head
 * signed with ss_head_sign verifies, and any change to it does not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define ROOT "e0d744c2215a0d370927a29f006438d34157111ccf980fed77be378d36e85e0a"

static void message_is_canonical_json(void **state)
{
	ss_buf b = SS_BUF_INIT(4096);

	(void)state;
	assert_ok(ss_head_message(&b, "demo", 353, ROOT, "2026-01-02T03:04:05Z"));
	assert_string_equal(b.ptr, "{\"project\":\"demo\",\"root\":\"" ROOT "\","
				   "\"time\":\"2026-01-02T03:04:05Z\",\"tree_size\":353,"
				   "\"type\":\"tree-head\",\"v\":1}");
	/* what is not a head is refused */
	assert_int_equal(ss_head_message(&b, "demo", -1, ROOT, "2026-01-02T03:04:05Z"), SS_EINVAL);
	assert_int_equal(ss_head_message(&b, "demo", 1, "ABC", "2026-01-02T03:04:05Z"), SS_EINVAL);
	assert_int_equal(ss_head_message(&b, "demo", 1, ROOT, "2026-01-02"), SS_EINVAL);
	ss_buf_release(&b);
}

static ss_key *new_key(char *dir, size_t n)
{
	char path[300];
	ss_key *k = NULL;

	snprintf(dir, n, "/tmp/secspec-head-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/k", dir);
	assert_ok(ss_key_generate(path, NULL));
	assert_ok(ss_key_load_private(&k, path, NULL));
	return k;
}

static void remove_key(const char *dir)
{
	char path[300];

	snprintf(path, sizeof(path), "%s/k", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/k.pub", dir);
	unlink(path);
	rmdir(dir);
}

static void sign_and_verify(void **state)
{
	char dir[64];
	ss_key *k = new_key(dir, sizeof(dir)), *other;
	char odir[64];
	json_t *h = NULL, *t;
	ss_buf msg = SS_BUF_INIT(4096);

	(void)state;
	assert_ok(ss_head_sign(&h, k, "demo", 353, ROOT, "2026-01-02T03:04:05Z"));
	assert_ok(ss_head_verify(h));
	assert_string_equal(json_string_value(json_object_get(h, "key")), ss_key_fingerprint(k));
	/* the signature is over the message: ss_key_verify agrees */
	assert_ok(ss_head_message(&msg, "demo", 353, ROOT, "2026-01-02T03:04:05Z"));
	assert_ok(ss_key_verify(ss_key_public_hex(k), msg.ptr, msg.len,
				json_string_value(json_object_get(h, "signature"))));

	/* each field changed: refused */
	t = json_deep_copy(h);
	json_object_set_new(t, "tree_size", json_integer(352));
	assert_int_equal(ss_head_verify(t), SS_ECORRUPT);
	json_decref(t);
	t = json_deep_copy(h);
	json_object_set_new(
		t, "root",
		json_string("f0d744c2215a0d370927a29f006438d34157111ccf980fed77be378d36e85e0a"));
	assert_int_equal(ss_head_verify(t), SS_ECORRUPT);
	json_decref(t);
	t = json_deep_copy(h);
	json_object_set_new(t, "project", json_string("demo2"));
	assert_int_equal(ss_head_verify(t), SS_ECORRUPT);
	json_decref(t);
	t = json_deep_copy(h);
	json_object_set_new(t, "time", json_string("2026-01-02T03:04:06Z"));
	assert_int_equal(ss_head_verify(t), SS_ECORRUPT);
	json_decref(t);
	t = json_deep_copy(h);
	json_object_del(t, "signature");
	assert_int_equal(ss_head_verify(t), SS_ECORRUPT);
	json_decref(t);

	/* another key's public key under this key's name, or both swapped */
	other = new_key(odir, sizeof(odir));
	t = json_deep_copy(h);
	json_object_set_new(t, "public_key", json_string(ss_key_public_hex(other)));
	assert_int_equal(ss_head_verify(t), SS_ECORRUPT);
	assert_non_null(strstr(ss_error_last(), "carries the public key"));
	json_object_set_new(t, "key", json_string(ss_key_fingerprint(other)));
	assert_int_equal(ss_head_verify(t), SS_ECORRUPT);
	json_decref(t);

	ss_buf_release(&msg);
	json_decref(h);
	ss_key_free(k);
	ss_key_free(other);
	remove_key(dir);
	remove_key(odir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(message_is_canonical_json),
		cmocka_unit_test(sign_and_verify),
	};

	ss_messages_lang_set("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
