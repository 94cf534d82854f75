/*
 * The change log: listing, verifying the hash chain, and checking that the
 * state tables are exactly the replay of the events.
 *
 * Chain: each event's canonical JSON body carries "prev", the hash of the
 * event before it (64 zeros for the first); its hash is SHA-256 of the body.
 * The project's head (seq and hash of the last event) is kept beside the
 * chain, so removing events at the end is detected too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

#define VERIFY_PROBLEMS_MAX 100

int ss_log_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *events = NULL, *list = NULL, *e;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = ss_lstore_events(&events, st, ss_ji(key, "id"))) < 0)
		goto out;
	list = json_array();
	json_array_foreach(events, i, e) {
		json_t *body = json_loads(ss_js(e, "body"), 0, NULL);

		json_array_append_new(
			list, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "seq",
					json_object_get(e, "seq"), "time", json_object_get(e, "time"),
					"actor", json_object_get(e, "actor"), "side",
					json_object_get(e, "side"), "role", json_object_get(e, "role"),
					"type", json_object_get(e, "type"), "data",
					body ? json_object_get(body, "data") : json_null(), "hash",
					json_object_get(e, "hash")));
		json_decref(body);
	}
	*out = json_pack("{s:s, s:o}", "project", project, "events", list);
out:
	json_decref(key);
	json_decref(events);
	return error;
}

static void bad(json_t *problems, int64_t seq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(json_t *problems, int64_t seq, const char *fmt, ...)
{
	char msg[SS_ERROR_MAX];
	va_list ap;

	if (json_array_size(problems) >= VERIFY_PROBLEMS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_array_append_new(problems, json_pack("{s:I, s:s}", "seq", (json_int_t)seq,
						  "problem", msg));
}

static const char *const mirrored[] = {"time", "actor", "side", "role", "type", NULL};

int ss_log_verify(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *events = NULL, *problems = json_array(), *e;
	char prev[SS_SHA256_HEX], hash[SS_SHA256_HEX];
	int64_t expect = 1;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_verify: NULL argument");
	memset(prev, '0', SS_SHA256_HEX - 1);
	prev[SS_SHA256_HEX - 1] = '\0';
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		goto out;
	if ((error = ss_lstore_events(&events, st, ss_ji(key, "id"))) < 0)
		goto out;
	json_array_foreach(events, i, e) {
		int64_t seq = ss_ji(e, "seq");
		const char *body_text = ss_js(e, "body");
		json_t *body = json_loads(body_text, JSON_REJECT_DUPLICATES, NULL);
		const char *const *m;

		if (seq != expect) {
			bad(problems, seq,
			    seq > expect ? "events %lld to %lld are missing"
					 : "event %lld appears out of order",
			    (long long)expect, (long long)seq - 1);
			expect = seq;
		}
		if ((error = ss_sha256_hex(hash, body_text, strlen(body_text))) < 0) {
			json_decref(body);
			goto out;
		}
		if (strcmp(hash, ss_js(e, "hash")) != 0)
			bad(problems, seq, "the event's content was altered (its hash does not match)");
		if (!body) {
			bad(problems, seq, "the event's body is not valid JSON");
		} else {
			if (ss_ji(body, "seq") != seq)
				bad(problems, seq,
				    "the event was moved: its body says it is event %lld",
				    (long long)ss_ji(body, "seq"));
			if (strcmp(ss_js(body, "project"), project) != 0)
				bad(problems, seq, "the event belongs to project '%.60s'",
				    ss_js(body, "project"));
			if (strcmp(ss_js(body, "prev"), prev) != 0)
				bad(problems, seq,
				    "the chain is broken: the event does not follow the one before "
				    "it (an event was removed, inserted or reordered)");
			for (m = mirrored; *m; m++)
				if (strcmp(ss_js(body, *m), ss_js(e, *m)) != 0)
					bad(problems, seq,
					    "the '%s' column differs from the signed body", *m);
		}
		json_decref(body);
		memcpy(prev, ss_js(e, "hash"), SS_SHA256_HEX - 1);
		prev[SS_SHA256_HEX - 1] = '\0';
		expect++;
	}
	if (ss_ji(key, "head_seq") != expect - 1)
		bad(problems, ss_ji(key, "head_seq"),
		    "the log ends at event %lld but the project's head is event %lld (events "
		    "were removed from the end, or the head was changed)",
		    (long long)expect - 1, (long long)ss_ji(key, "head_seq"));
	else if (expect > 1 && strcmp(ss_js(key, "head_hash"), prev) != 0)
		bad(problems, expect - 1, "the project's head hash does not match the last event");
	*out = json_pack("{s:s, s:I, s:s, s:b, s:O}", "project", project, "events",
			 (json_int_t)json_array_size(events), "head", prev,
			 "ok", json_array_size(problems) == 0, "problems", problems);
	if (json_array_size(problems) > 0) {
		const json_t *p = json_array_get(problems, 0);

		error = ss_error_set(SS_ECORRUPT,
				     "log of project %s does not verify: event %lld: %s (%zu "
				     "problems)",
				     project, (long long)ss_ji(p, "seq"), ss_js(p, "problem"),
				     json_array_size(problems));
	}
out:
	json_decref(key);
	json_decref(events);
	json_decref(problems);
	return error;
}

/* First difference between two state dumps, as text. */
static void first_difference(char *out, size_t n, const json_t *live, const json_t *replayed)
{
	const char *table;
	json_t *rows;

	snprintf(out, n, "unknown");
	json_object_foreach((json_t *)live, table, rows) {
		const json_t *other = json_object_get(replayed, table);
		size_t i;

		if (json_array_size(rows) != json_array_size(other)) {
			snprintf(out, n, "table %s: %zu rows live, %zu after replay", table,
				 json_array_size(rows), json_array_size(other));
			return;
		}
		for (i = 0; i < json_array_size(rows); i++) {
			if (!json_equal(json_array_get(rows, i), json_array_get(other, i))) {
				const char *k;
				json_t *v;

				json_object_foreach(json_array_get(rows, i), k, v) {
					if (!json_equal(v, json_object_get(json_array_get(other, i),
									  k))) {
						snprintf(out, n, "table %s, row %zu, column %s", table,
							 i + 1, k);
						return;
					}
				}
			}
		}
	}
}

int ss_log_replay_check(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *events = NULL, *live = NULL, *replayed = NULL, *e;
	char diff[256] = "";
	int64_t pid;
	size_t i;
	bool began = false;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_replay_check: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	pid = ss_ji(key, "id");
	if ((error = ss_store__begin(st)) < 0)
		goto out;
	began = true;
	if ((error = ss_state_dump(&live, st, pid)) < 0 ||
	    (error = ss_lstore_events(&events, st, pid)) < 0 ||
	    (error = ss_state_clear(st, pid)) < 0)
		goto out;
	json_array_foreach(events, i, e) {
		json_t *body = json_loads(ss_js(e, "body"), 0, NULL);

		if (!body) {
			error = ss_error_set(SS_ECORRUPT, "event %lld is not valid JSON",
					     (long long)ss_ji(e, "seq"));
			goto out;
		}
		error = ss_state_apply(st, pid, body);
		json_decref(body);
		if (error < 0) {
			ss_error_prefix(error, "replaying event %lld: ", (long long)ss_ji(e, "seq"));
			goto out;
		}
	}
	if ((error = ss_state_dump(&replayed, st, pid)) < 0)
		goto out;
	if (!json_equal(live, replayed))
		first_difference(diff, sizeof(diff), live, replayed);
	*out = json_pack("{s:s, s:I, s:b, s:s*}", "project", project, "events",
			 (json_int_t)json_array_size(events), "ok", diff[0] == '\0', "difference",
			 diff[0] ? diff : NULL);
	if (diff[0])
		error = ss_error_set(SS_ECORRUPT,
				     "the state of project %s is not the replay of its log: %s",
				     project, diff);
out:
	if (began)
		ss_store__rollback(st); /* replay never changes the database */
	json_decref(key);
	json_decref(events);
	json_decref(live);
	json_decref(replayed);
	return error;
}
