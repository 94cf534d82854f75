/*
 * Signed tree heads: the message a server signs over a project's log head
 * (docs/server-model.md), signing it and checking a signed head. Pure: no
 * store; the server and sync use the same two functions.
 */
#include <stdio.h>
#include <string.h>

#include "ledger/merkle.h"
#include "secspec/sync.h"
#include "util/util.h"
#include "util/banned.h"

static bool is_lower_hex(const char *s, size_t n)
{
	size_t i;

	if (!s || strlen(s) != n)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* YYYY-MM-DDTHH:MM:SSZ, digits where digits belong. */
static bool is_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (!s || strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return false;
	return true;
}

int ss_head_message(ss_buf *out, const char *project, int64_t tree_size, const char *root,
		    const char *time)
{
	json_t *m;
	int error;

	if (!out || !project || !root || !time)
		return ss_error_set(SS_EINVAL, "ss_head_message: NULL argument");
	if (tree_size < 0 || !is_lower_hex(root, 2 * SS_HASH_LEN) || !is_time(time))
		return ss_error_set(SS_EINVAL,
				    "a tree head needs a size of 0 or more, a root of 64 lowercase "
				    "hex digits and a time YYYY-MM-DDTHH:MM:SSZ");
	if (!(m = json_pack("{s:s, s:s, s:s, s:I, s:s, s:i}", "project", project, "root", root,
			    "time", time, "tree_size", (json_int_t)tree_size, "type", "tree-head",
			    "v", SS_HEAD_VERSION)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	ss_buf_clear(out);
	error = ss_json_canonical(out, m);
	json_decref(m);
	return error;
}

int ss_head_sign(json_t **out, const ss_key *k, const char *project, int64_t tree_size,
		 const char *root, const char *time)
{
	ss_buf msg = SS_BUF_INIT(4096);
	char sig[129];
	json_t *h;
	int error;

	if (!out || !k)
		return ss_error_set(SS_EINVAL, "ss_head_sign: NULL argument");
	if ((error = ss_head_message(&msg, project, tree_size, root, time)) < 0 ||
	    (error = ss_key_sign(k, msg.ptr, msg.len, sig)) < 0)
		goto out;
	if (!(h = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "project", project, "tree_size",
			    (json_int_t)tree_size, "root", root, "time", time, "key",
			    ss_key_fingerprint(k), "public_key", ss_key_public_hex(k), "signature",
			    sig))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	*out = h;
out:
	ss_buf_release(&msg);
	return error;
}

int ss_head_verify(const json_t *head)
{
	const json_t *size = json_object_get(head, "tree_size");
	const char *project = ss_js_or_null(head, "project"), *root = ss_js_or_null(head, "root"),
		   *time = ss_js_or_null(head, "time"), *key = ss_js_or_null(head, "key"),
		   *pub = ss_js_or_null(head, "public_key"),
		   *sig = ss_js_or_null(head, "signature");
	ss_buf msg = SS_BUF_INIT(4096);
	uint8_t raw[32];
	char fp[2 * SS_HASH_LEN + 1];
	ss_hash h;
	int error;

	if (!json_is_object(head) || !project || !json_is_integer(size) ||
	    json_integer_value(size) < 0 || !is_lower_hex(root, 2 * SS_HASH_LEN) ||
	    !is_time(time) || !is_lower_hex(key, 2 * SS_HASH_LEN) || !is_lower_hex(pub, 64) ||
	    !is_lower_hex(sig, 128))
		return ss_error_set(SS_ECORRUPT,
				    "the signed head is malformed: it needs project, tree_size, "
				    "root, time, key, public_key and signature");
	if (ss_hex_decode(raw, sizeof(raw), pub) < 0)
		return ss_error_set(SS_ECORRUPT, "the signed head's public key is not hex");
	ss_sha256(h, raw, sizeof(raw));
	ss_hash_hex(fp, h);
	if (strcmp(fp, key) != 0)
		return ss_error_set(SS_ECORRUPT,
				    "the signed head names key %.16s… but carries the public key "
				    "of %.16s…",
				    key, fp);
	if ((error = ss_head_message(&msg, project, json_integer_value(size), root, time)) == 0 &&
	    ss_key_verify(pub, msg.ptr, msg.len, sig) < 0)
		error = ss_error_set(SS_ECORRUPT,
				     "the signature of the signed head of %.100s (%lld events, "
				     "%s) does not verify with key %.16s…",
				     project, (long long)json_integer_value(size), time, key);
	ss_buf_release(&msg);
	return error;
}
