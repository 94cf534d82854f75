/*
 * Agreement milestones and the specification as it was agreed.
 *
 * A milestone's checkpoint is the log before its first signature (tree size
 * and root) and the SHA-256 of the canonical JSON document at that point.
 * `render --as-of MILESTONE` replays the log to that point and gives the
 * same bytes, so the hash can be checked by anyone who has the log.
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "rules/rules.h"
#include "store/rules_store.h"
#include "ledger/tsa.h"
#include "util/banned.h"

int ss_milestone_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_milestone_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	error = ss__milestones(out, st, ss_ji(key, "id"));
	json_decref(key);
	return error;
}

/* SHA-256 of the JSON document (`render --format json`) of the current state. */
static int spec_hash(char out[SS_SHA256_HEX], bool *needs_management, ss_store *st,
		     const char *project, int64_t pid, const char *version)
{
	json_t *model = NULL;
	ss_buf doc = SS_BUF_INIT(0);
	int64_t risky = 0;
	int error;

	/* exactly the bytes `render --format json` writes */
	if ((error = ss_spec_model(&model, st, project)) < 0 ||
	    (error = ss_render(&doc, model, "json", "en")) < 0)
		goto out;
	ss_sha256_hex(out, doc.ptr, doc.len);
	/* what the rule book requires (rules.c, milestone-management) */
	if ((error = ss_rules_store_risky(&risky, st, pid, version)) < 0)
		goto out;
	*needs_management = risky > 0;
out:
	json_decref(model);
	ss_buf_release(&doc);
	return error;
}

static json_t *find(const json_t *ms, const char *name)
{
	json_t *m;
	size_t i;

	json_array_foreach(ms, i, m) {
		if (strcmp(ss_js(m, "name"), name) == 0)
			return m;
	}
	return NULL;
}

int ss_agree(json_t **out, ss_store *st, const char *project, const char *name, const char *by)
{
	return ss_agree_parties(out, st, project, name, NULL, by);
}

static int agree(json_t **out, ss_store *st, const char *project, const char *name,
		 const char *parties, const char *stage, const char *by);

int ss_agree_parties(json_t **out, ss_store *st, const char *project, const char *name,
		     const char *parties, const char *by)
{
	return agree(out, st, project, name, parties, NULL, by);
}

int ss_agree_stage(json_t **out, ss_store *st, const char *project, const char *name,
		   const char *stage, const char *by)
{
	if (stage && strcmp(stage, "acceptance") != 0 && strcmp(stage, "switchover") != 0)
		return ss_error_set(SS_EINVAL,
				    "--stage must be acceptance (every implemented item verified) "
				    "or switchover (its completion), not '%.40s'",
				    stage);
	return agree(out, st, project, name, NULL, stage, by);
}

static int agree(json_t **out, ss_store *st, const char *project, const char *name,
		 const char *parties, const char *stage, const char *by)
{
	json_t *ms = NULL, *m, *s;
	char hash[SS_SHA256_HEX], root_hex[2 * SS_HASH_LEN + 1], type[64];
	bool needs_management = false;
	ss_write w = {0};
	int64_t changed = 0;
	ss_hash root;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_agree: NULL argument");
	if ((error = ss_name_check("--milestone", name, 64)) < 0)
		return error;
	if (parties && strcmp(parties, "both") != 0 && strcmp(parties, "user") != 0)
		return ss_error_set(
			SS_EINVAL,
			"--parties must be both (the user and the vendor agree) or user "
			"(the user's own draft), not '%.40s'",
			parties);
	if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
		return ss_error_set(
			SS_EINVAL,
			"--milestone '%.60s' must start with a letter (numbers and dates "
			"mean events and times in --as-of)",
			name);
	if (!st->signer && !st->proposal) /* signed here, or where the key is */
		return ss_error_set(SS_EPERM,
				    "an agreement is signed: give your key with --key FILE (or "
				    "SECSPEC_KEY)");
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_AGREE)) < 0)
		return error;
	if ((error = ss_state_milestones(&ms, st, w.pid)) < 0)
		goto out;
	if (!(m = find(ms, name))) {
		if (w.seq == 0 || (error = ss_lstore_root(st, w.pid, (uint64_t)w.seq, root)) < 0 ||
		    (error = spec_hash(hash, &needs_management, st, project, w.pid,
				       ss_js(w.project, "catalog_version"))) < 0)
			goto out;
		ss_hash_hex(root_hex, root);
		/* the vendor's proposals the user declined need management too
		 * (rules 3; the rule book folds them, the store has no table) */
		needs_management = needs_management || ss_rules_declined(w.rules) > 0 ||
				   ss_rules_vuln_risky(w.rules) > 0;
		if ((error = ss_write__event(
			     &w, "milestone.open",
			     json_pack("{s:s, s:s, s:I, s:s, s:s, s:b, s:s*, s:s*}", "name", name,
				       "catalog_version", ss_js(w.project, "catalog_version"),
				       "tree_size", (json_int_t)w.seq, "root", root_hex,
				       "spec_hash", hash, "needs_management", needs_management,
				       "parties", parties, "stage", stage))) < 0)
			goto out;
	} else {
		if (stage) {
			error = ss_error_set(
				SS_EINVAL,
				"milestone %s is open; --stage goes with the signature "
				"that opens a milestone",
				name);
			goto out;
		}
		if (parties && strcmp(parties, ss_js(m, "parties")) != 0) {
			if (strcmp(ss_js(m, "parties"), "user") == 0)
				error = ss_error_set(
					SS_EINVAL,
					"milestone %s was opened for the user side only; "
					"--parties goes with the signature that opens a "
					"milestone",
					name);
			else
				error = ss_error_set(
					SS_EINVAL,
					"milestone %s was opened for both parties; "
					"--parties goes with the signature that opens a "
					"milestone",
					name);
			goto out;
		}
		json_array_foreach(json_object_get(m, "signatures"), i, s) {
			if (strcmp(ss_js(s, "person"), by) == 0) {
				error = ss_error_set(SS_ECONFLICT, "%s has already signed %s", by,
						     name);
				goto out;
			}
		}
		if ((error = ss_lstore_change_after(&changed, type, sizeof(type), st, w.pid,
						    ss_ji(m, "seq"))) < 0)
			goto out;
		if (changed) {
			error = ss_error_set(SS_ECONFLICT,
					     "the specification changed after milestone %s was "
					     "opened (event %lld, %s); agree on a new milestone",
					     name, (long long)changed, type);
			goto out;
		}
		if ((error = ss_write__event(&w, "milestone.sign",
					     json_pack("{s:s, s:s}", "name", name, "spec_hash",
						       ss_js(m, "spec_hash")))) < 0)
			goto out;
	}
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	json_decref(ms);
	ms = NULL;
	if ((error = ss__milestones(&ms, st, w.pid)) < 0)
		goto out;
	*out = json_incref(find(ms, name));
out:
	ss_write__release(&w);
	json_decref(ms);
	return error;
}

/* The number of events that `as_of` names. */
static int resolve_as_of(int64_t *out, ss_store *st, int64_t pid, int64_t head, const char *as_of)
{
	json_t *ms = NULL, *m;
	char t[SS_TIME_MAX];
	int64_t n;
	int error;

	if (ss_parse_int(&n, as_of, 1, INT64_MAX) == 0) {
		if (n > head)
			return ss_error_set(SS_EINVAL, "--as-of %lld: the log has %lld events",
					    (long long)n, (long long)head);
		*out = n;
		return 0;
	}
	if (ss_date_valid(as_of) || (strlen(as_of) == 20 && as_of[10] == 'T')) {
		snprintf(t, sizeof(t), strlen(as_of) == 10 ? "%sT23:59:59Z" : "%s", as_of);
		if ((error = ss_lstore_count_until(&n, st, pid, t)) < 0)
			return error;
		if (n == 0)
			return ss_error_set(SS_ENOTFOUND, "nothing was recorded by %s", t);
		*out = n;
		return 0;
	}
	if ((error = ss_state_milestones(&ms, st, pid)) < 0)
		return error;
	m = find(ms, as_of);
	if (m)
		*out = ss_ji(m, "tree_size");
	else
		error = ss_error_set(SS_ENOTFOUND,
				     "--as-of '%.60s' is not a milestone, an event number or a "
				     "time; 'secspec agree --list' shows the milestones",
				     as_of);
	json_decref(ms);
	return error;
}

int ss__models_as_of(ss_store *st, const char *project, const int64_t *sizes, size_t n,
		     int (*fn)(void *ctx, size_t i, json_t **model), void *ctx)
{
	char last[2 * SS_HASH_LEN + 1] = "";
	json_t *key = NULL, *model = NULL;
	int64_t pid, done = 0;
	size_t i;
	int error;

	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	pid = ss_ji(key, "id");
	json_decref(key);
	/* a write transaction, always rolled back: the database is not changed */
	if ((error = ss_store__begin(st)) < 0)
		return error;
	if ((error = ss_state_clear(st, pid)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (sizes[i] < done) {
			error = ss_error_set(SS_EINVAL, "internal: sizes out of order");
			goto out;
		}
		if (sizes[i] > done &&
		    ((error = ss__replay_more(st, pid, done + 1, sizes[i], NULL, last)) < 0 ||
		     (error = ss_lstore_set_head(st, pid, sizes[i], last)) < 0))
			goto out;
		done = sizes[i];
		if ((error = ss_spec_model(&model, st, project)) < 0 ||
		    (error = fn(ctx, i, &model)) < 0)
			goto out;
		json_decref(model);
		model = NULL;
	}
out:
	json_decref(model);
	ss_store__rollback(st);
	return error;
}

static int keep_model(void *ctx, size_t i, json_t **model)
{
	(void)i;
	*(json_t **)ctx = *model;
	*model = NULL;
	return 0;
}

int ss_spec_model_as_of(json_t **out, ss_store *st, const char *project, const char *as_of)
{
	json_t *key = NULL;
	int64_t n = 0;
	int error;

	if (!out || !st || !as_of)
		return ss_error_set(SS_EINVAL, "ss_spec_model_as_of: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	error = resolve_as_of(&n, st, ss_ji(key, "id"), ss_ji(key, "head_seq"), as_of);
	json_decref(key);
	if (error < 0)
		return error;
	*out = NULL;
	return ss__models_as_of(st, project, &n, 1, keep_model, out);
}

static int milestone_digest(char digest[SS_SHA256_HEX], json_t **ms_out, ss_store *st, int64_t pid,
			    const char *project, const char *name)
{
	json_t *ms = NULL, *m;
	int error;

	if ((error = ss_state_milestones(&ms, st, pid)) < 0)
		return error;
	if (!(m = find(ms, name))) {
		json_decref(ms);
		return ss_error_set(SS_ENOTFOUND,
				    "milestone '%.60s' not found; 'secspec agree "
				    "--list' shows them",
				    name);
	}
	error = ss_rules_checkpoint_digest(digest, project, name, ss_ji(m, "tree_size"),
					   ss_js(m, "root"), ss_js(m, "spec_hash"));
	*ms_out = ms;
	return error;
}

int ss_timestamp_request(ss_buf *out, ss_store *st, const char *project, const char *milestone)
{
	json_t *key = NULL, *ms = NULL;
	char digest[SS_SHA256_HEX];
	int error;

	if (!out || !st || !milestone)
		return ss_error_set(SS_EINVAL, "ss_timestamp_request: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = milestone_digest(digest, &ms, st, ss_ji(key, "id"), project, milestone)) == 0)
		error = ss_tsa_request(out, digest);
	json_decref(key);
	json_decref(ms);
	return error;
}

int ss_timestamp_add(json_t **out, ss_store *st, const char *project, const char *milestone,
		     const void *response, size_t len, const char *ca_file, const char *by)
{
	static const char hex[] = "0123456789abcdef";
	json_t *ms = NULL;
	ss_buf token = SS_BUF_INIT(4 * 1024 * 1024);
	char digest[SS_SHA256_HEX], when[32];
	const unsigned char *p = response;
	ss_write w = {0};
	int checked = 0, error;
	size_t i;

	if (!out || !st || !response || !milestone)
		return ss_error_set(SS_EINVAL, "ss_timestamp_add: NULL argument");
	if (!ca_file)
		return ss_error_set(SS_EINVAL, "give the TSA's CA certificate with --ca, so that "
					       "the response is checked before it is recorded");
	if (len > 1024 * 1024)
		return ss_error_set(SS_ELIMIT, "a timestamp response is at most 1 MiB");
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_MINUTES)) < 0)
		return error;
	if ((error = milestone_digest(digest, &ms, st, w.pid, project, milestone)) < 0 ||
	    (error = ss_tsa_check(response, len, digest, ca_file, when, &checked)) < 0)
		goto out;
	{
		const json_t *m = find(ms, milestone), *t;
		size_t k;

		json_array_foreach(json_object_get(m, "timestamps"), k, t) {
			if (strcmp(ss_js(t, "time"), when) == 0) {
				error = ss_error_set(
					SS_ECONFLICT,
					"this timestamp (%s) is already recorded for %s", when,
					milestone);
				goto out;
			}
		}
	}
	for (i = 0; i < len && error == 0; i++) {
		char two[2] = {hex[p[i] >> 4], hex[p[i] & 15]};

		error = ss_buf_put(&token, two, 2);
	}
	if (error < 0 ||
	    (error = ss_write__event(&w, "timestamp.add",
				     json_pack("{s:s, s:s, s:s, s:s}", "milestone", milestone,
					       "digest", digest, "time", when, "token",
					       token.ptr))) < 0 ||
	    (error = ss_write__commit(&w)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:s, s:b}", "milestone", milestone, "digest", digest, "time",
			 when, "signature_checked", checked);
out:
	ss_write__release(&w);
	json_decref(ms);
	ss_buf_release(&token);
	return error;
}
