/* Registering a person's public key to their membership of a project. */
#include <string.h>

#include "core/core.h"
#include "rules/rules.h"
#include "util/banned.h"

/* The registration of k; pop_hex given (a key held elsewhere) or made with k. */
static int key_register(ss_store *st, const char *project, const char *person, const ss_key *k,
			const char *pop_hex)
{
	json_t *row;
	ss_write w = {0};
	size_t i;
	int error;

	ss_buf msg = SS_BUF_INIT(4096);
	bool has_keys = false;
	char pop[129];

	if ((error = ss_write__begin(&w, st, project, person, SS_ACT_KEY)) < 0)
		return error;
	/* read once: the write path signs with the same list */
	if ((error = ss_state_keys(&w.keys, st, w.pid)) < 0)
		goto out;
	json_array_foreach(w.keys, i, row) {
		if (strcmp(ss_js(row, "fingerprint"), ss_key_fingerprint(k)) == 0) {
			error = ss_error_set(SS_ECONFLICT, "key %.16s… is already registered to %s",
					     ss_key_fingerprint(k), ss_js(row, "person"));
			goto out;
		}
		if (strcmp(ss_js(row, "person"), person) == 0 && ss_ji(row, "active"))
			has_keys = true;
	}
	if (!pop_hex && !has_keys && st->signer != k) {
		error = ss_error_set(SS_EINVAL, "a first key signs its own registration: give it "
						"with --key");
		goto out;
	}
	if (!pop_hex && has_keys && st->signer == k) {
		error = ss_error_set(SS_EPERM,
				     "%s already has a registered key: register a further key with "
				     "--key OLD-KEY --new-key NEW-KEY",
				     person);
		goto out;
	}
	if (pop_hex) {
		/* the rule book checks it (key-pop); a malformed one is refused here */
		if (strlen(pop_hex) != 128 || strspn(pop_hex, "0123456789abcdef") != 128) {
			error = ss_error_set(SS_EINVAL, "pop: 128 lowercase hex characters (an "
							"Ed25519 signature) are expected");
			goto out;
		}
		memcpy(pop, pop_hex, sizeof(pop));
	} else if ((error = ss_key_pop_message(&msg, project, person, ss_key_fingerprint(k))) < 0 ||
		   (error = ss_key_sign(k, msg.ptr, msg.len, pop)) < 0) {
		goto out;
	}
	if ((error = ss_write__event(&w, "key.register",
				     json_pack("{s:s, s:s, s:s, s:s, s:s}", "person", person,
					       "algorithm", "ed25519", "public_key",
					       ss_key_public_hex(k), "fingerprint",
					       ss_key_fingerprint(k), "pop", pop))) < 0)
		goto out;
	error = ss_write__commit(&w);
out:
	ss_buf_release(&msg);
	ss_write__release(&w);
	return error;
}

int ss_key_register(ss_store *st, const char *project, const char *person, const ss_key *k)
{
	if (!st || !k)
		return ss_error_set(SS_EINVAL, "ss_key_register: a key is required");
	return key_register(st, project, person, k, NULL);
}

int ss_key_register_public(ss_store *st, const char *project, const char *person,
			   const char *public_hex, const char *pop_hex)
{
	ss_key *k = NULL;
	int error;

	if (!st || !public_hex || !pop_hex)
		return ss_error_set(SS_EINVAL, "ss_key_register_public: NULL argument");
	if ((error = ss_key_from_public_hex(&k, public_hex)) < 0)
		return error;
	error = key_register(st, project, person, k, pop_hex);
	ss_key_free(k);
	return error;
}

int ss_key_revoke(ss_store *st, const char *project, const char *fingerprint, const char *reason,
		  const char *by)
{
	json_t *row, *found = NULL;
	ss_write w = {0};
	size_t i;
	int error;

	if (!st || !fingerprint)
		return ss_error_set(SS_EINVAL, "ss_key_revoke: NULL argument");
	if (!reason || !*reason)
		return ss_error_set(SS_ERULE, "--reason is required: why the key may no longer "
					      "sign (lost, exposed, left the project)");
	if ((error = ss_text_check("--reason", reason, SS_TEXT_MAX, false)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_KEY)) < 0)
		return error;
	if ((error = ss_state_keys(&w.keys, st, w.pid)) < 0)
		goto out;
	json_array_foreach(w.keys, i, row) {
		if (strcmp(ss_js(row, "fingerprint"), fingerprint) == 0)
			found = row;
	}
	if (!found) {
		error = ss_error_set(SS_ENOTFOUND,
				     "no key %.64s is registered in %s; 'secspec key list' shows "
				     "them",
				     fingerprint, project);
		goto out;
	}
	if (!ss_ji(found, "active")) {
		error = ss_error_set(SS_ECONFLICT, "key %.16s… is already revoked", fingerprint);
		goto out;
	}
	/* who may revoke whose key is the rule book's (key-revoke-who) */
	if ((error = ss_write__event(&w, "key.revoke",
				     json_pack("{s:s, s:s, s:s}", "fingerprint", fingerprint,
					       "person", ss_js(found, "person"), "reason",
					       reason))) < 0)
		goto out;
	error = ss_write__commit(&w);
out:
	ss_write__release(&w);
	return error;
}

int ss_key_pop_message(ss_buf *out, const char *project, const char *person,
		       const char *fingerprint)
{
	char msg[1024];
	int error;

	if ((error = ss_rules_pop_message(msg, sizeof(msg), project, person, fingerprint)) < 0)
		return error;
	return ss_buf_puts(out, msg);
}

int ss_key_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_key_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = ss_state_keys(out, st, ss_ji(key, "id"))) == 0)
		ss__bool_field(*out, "active", "active");
	json_decref(key);
	return error;
}
