#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/check.h"
#include "ledger/merkle.h"
#include "ledger/tiles.h"
#include "ledger/tsa.h"
#include "rules/rules.h"
#include "secspec/keys.h"
#include "util/util.h"
#include "util/banned.h"

#define PROBLEMS_MAX 200

struct ss_checker {
	char *project;
	int64_t expect;
	char prev[2 * SS_HASH_LEN + 1];
	ss_tile_builder tree;
	ss_tile_fn on_tile; /* given each tile the tree makes, when set */
	void *tile_ctx;
	json_t *problems;
	bool lost;       /* a problem could not be recorded: the log never verifies */
	ss_rules *rules; /* the state the events fold to */
	int64_t nsigned, nunsigned;
	char scratch[4096]; /* the strings of a flat data view */
};

static int verify_sig(const char *pub_hex, const void *msg, size_t len, const char *sig_hex)
{
	return ss_key_verify(pub_hex, msg, len, sig_hex);
}

ss_checker *ss_checker_new(const char *project)
{
	ss_checker *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->project = strdup(project ? project : "");
	c->expect = 1;
	memset(c->prev, '0', 2 * SS_HASH_LEN);
	ss_tile_builder_init(&c->tree, 0);
	c->problems = json_array();
	c->rules = ss_rules_new(project, verify_sig, NULL);
	if (!c->project || !c->problems || !c->rules) {
		ss_checker_free(c);
		return NULL;
	}
	return c;
}

void ss_checker_free(ss_checker *c)
{
	if (!c)
		return;
	free(c->project);
	json_decref(c->problems);
	ss_rules_free(c->rules);
	free(c);
}

static void vproblem(ss_checker *c, int64_t seq, const char *rule, const char *fmt, va_list ap)
{
	char msg[SS_ERROR_MAX];

	if (json_array_size(c->problems) >= PROBLEMS_MAX)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* messages quote the untrusted log and %.Ns may cut a character */
	ss_text_printable(msg, false);
	if (json_array_append_new(c->problems, json_pack("{s:I, s:s, s:s}", "seq", (json_int_t)seq,
							 "rule", rule, "problem", msg)) < 0)
		c->lost = true;
}

void ss_checker_problem(ss_checker *c, int64_t seq, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(c, seq, rule, fmt, ap);
	va_end(ap);
}

static void root_hex(const ss_checker *c, char *out)
{
	ss_hash r;

	ss_tile_builder_root(&c->tree, r);
	ss_hash_hex(out, r);
}

/*
 * An event's envelope. The body is checked to be canonical JSON in one pass
 * (ss_json_canonical_scan) that also records the members of the event and of
 * its data object, so its keys are in byte order, unique and free of
 * escapes, and no tree is built: a log of a million events is verified at
 * close to the speed of reading and hashing it. The data is read as a flat
 * view when it holds only scalars (advice, decisions, approvals …) and with
 * jansson when it nests arrays or objects.
 */
#define MEMBERS_MAX 48
#define FLAT_SCRATCH 4096

typedef struct {
	char actor[256], side[32], role[32], type[48], project[256], prev[72], time[40];
	char key[72];
	int64_t seq, v;
	int data; /* the data member's index */
} view;

/* Copy a string value with no escape into out (n bytes with the NUL). */
static bool take_string(const ss_json_member *m, char *out, size_t n)
{
	if (m->kind != 's' || m->esc || m->val_len >= n)
		return false;
	memcpy(out, m->val, m->val_len);
	out[m->val_len] = '\0';
	return true;
}

static bool take_int(const ss_json_member *m, int64_t *out)
{
	const char *p = m->val, *end = m->val + m->val_len;
	bool neg;
	uint64_t u = 0;

	if (m->kind != 'i')
		return false;
	neg = *p == '-';
	for (p += neg; p < end; p++)
		u = u * 10 + (uint64_t)(*p - '0');
	*out = neg ? (int64_t)(0 - u) : (int64_t)u;
	return true;
}

static bool key_is(const ss_json_member *m, const char *k, size_t n)
{
	return m->key_len == n && memcmp(m->key, k, n) == 0;
}

/* NULL, or what is wrong with the envelope's fields. */
static const char *scan(view *v, const ss_json_members *ms, const char *body, size_t len)
{
	unsigned seen = 0;
	size_t i;

	if (len == 0 || body[0] != '{')
		return "the event is not a JSON object";
	v->data = -1;
	for (i = 0; i < ms->n; i++) {
		const ss_json_member *m = &ms->m[i];
		unsigned bit = 0;
		bool ok = true;

		if (m->parent != -1)
			continue;
#define FIELD(name, n, dest)                                                                       \
	else if (key_is(m, name, sizeof(name) - 1))                                                \
	{                                                                                          \
		bit = 1u << n;                                                                     \
		ok = take_string(m, dest, sizeof(dest));                                           \
	}
		if (key_is(m, "seq", 3)) {
			bit = 1u << 0;
			ok = take_int(m, &v->seq);
		} else if (key_is(m, "v", 1)) {
			bit = 1u << 10;
			ok = take_int(m, &v->v);
		} else if (key_is(m, "data", 4)) {
			bit = 1u << 1;
			v->data = (int)i;
			ok = m->kind == 'o';
		}
		FIELD("actor", 2, v->actor)
		FIELD("side", 3, v->side)
		FIELD("role", 4, v->role)
		FIELD("type", 5, v->type)
		FIELD("project", 6, v->project)
		FIELD("prev", 7, v->prev)
		FIELD("time", 8, v->time)
		FIELD("key", 9, v->key)
		else return "the event has an unknown field";
#undef FIELD
		if (!ok)
			return "a field of the event is not of its type (or too long)";
		seen |= bit;
	}
	if ((seen & 0x5ff) != 0x5ff)
		return "the event lacks one of v, project, seq, prev, time, actor, side, role, "
		       "type, data";
	return NULL;
}

void ss_checker_add(ss_checker *c, int64_t seq, const char *body, size_t len,
		    const char *stored_hash, const char *sig, const char *const *cols)
{
	static const char *const col_names[] = {"time", "actor", "side", "role", "type"};
	char hex[2 * SS_HASH_LEN + 1], root[2 * SS_HASH_LEN + 1];
	ss_json_member mem[MEMBERS_MAX];
	ss_json_members ms = {mem, MEMBERS_MAX, 0, false, false};
	const char *why;
	size_t where = 0;
	view v;
	json_t *dj = NULL;
	ss_rules_data data;
	ss_hash leaf;
	bool altered, read = false, flat = true;

	v.actor[0] = v.side[0] = v.role[0] = v.type[0] = v.project[0] = v.prev[0] = '\0';
	v.time[0] = v.key[0] = '\0';
	v.seq = v.v = 0;
	if (seq != c->expect) {
		ss_checker_problem(c, seq, "event-seq",
				   seq > c->expect ? "events %lld to %lld are missing"
						   : "event %lld appears out of order",
				   (long long)c->expect, (long long)seq - 1);
		c->expect = seq;
	}
	ss_merkle_leaf(leaf, body, len);
	ss_hash_hex(hex, leaf);
	altered = stored_hash && strcmp(hex, stored_hash) != 0;
	if (altered)
		ss_checker_problem(c, seq, "event-hash",
				   "the event's content was altered (its hash does not match)");
	root[0] = '\0';
	if (!ss_json_canonical_scan(body, len, &where, &ms)) {
		ss_checker_problem(c, seq, "event-canonical",
				   "the event is not canonical JSON (from byte %zu): it is not the "
				   "exact bytes that were signed and hashed",
				   where);
	} else if (ms.overflow && (flat = false, ms.top_only = true,
				   !ss_json_canonical_scan(body, len, &where, &ms))) {
		ss_checker_problem(c, seq, "event-field", "the event cannot be read");
	} else if ((why = scan(&v, &ms, body, len)) != NULL) {
		ss_checker_problem(c, seq, "event-field", "%s", why);
	} else if (flat && ss_rules_data_flat(&data, mem, ms.n, v.data, c->scratch,
					      sizeof(c->scratch)) == 0) {
		read = true;
	} else if (!(dj = ss_json_loadb_bounded(mem[v.data].val, mem[v.data].val_len,
						JSON_REJECT_DUPLICATES))) {
		ss_checker_problem(c, seq, "event-data", "the event's data cannot be read");
	} else {
		ss_rules_data_json(&data, dj);
		read = true;
	}
	if (read) {
		ss_rules_event ev = {
			.seq = seq,
			.project = v.project,
			.time = v.time,
			.actor = v.actor,
			.side = v.side,
			.role = v.role,
			.type = v.type,
			.key = v.key[0] ? v.key : NULL,
			.sig = sig,
			.body = body,
			.body_len = len,
			.data = &data,
			.tree_size = c->expect - 1,
			.root = root,
		};
		ss_rule_hit h;

		/* the root of the log so far: only a checkpoint needs it, and a
		 * partial tile costs up to 255 hashes to fold */
		if (strcmp(v.type, "milestone.open") == 0)
			root_hex(c, root);
		if (v.v != 1)
			ss_checker_problem(c, seq, "event-version",
					   "event format version %lld (only 1 exists)",
					   (long long)v.v);
		if (v.seq != seq)
			ss_checker_problem(c, seq, "event-seq",
					   "the event was moved: its body says it is event %lld",
					   (long long)v.seq);
		if (strcmp(v.project, c->project) != 0)
			ss_checker_problem(c, seq, "event-project",
					   "the event belongs to project '%.60s'", v.project);
		if (strcmp(v.prev, c->prev) != 0)
			ss_checker_problem(
				c, seq, "event-chain",
				"the chain is broken: the event does not follow the one "
				"before it (an event was removed, inserted or reordered)");
		if (!ss_rules_time_valid(v.time))
			ss_checker_problem(
				c, seq, "event-time",
				"the time '%.40s' is not a UTC time YYYY-MM-DDTHH:MM:SSZ", v.time);
		if (ss_rules_check(&h, c->rules, &ev) < 0)
			ss_checker_problem(c, seq, h.rule ? ss_rule_id(h.rule) : "error", "%s",
					   h.msg);
		ss_rules_fold(c->rules, &ev);
		if (ev.key && sig)
			c->nsigned++;
		else
			c->nunsigned++;
		/* the columns a store keeps beside the body must say the same */
		if (cols) {
			const char *mine[] = {v.time, v.actor, v.side, v.role, v.type};
			size_t i;

			for (i = 0; i < 5; i++)
				if (cols[i] && strcmp(cols[i], mine[i]) != 0)
					ss_checker_problem(
						c, seq, "event-column",
						"the '%s' column differs from the hashed body",
						col_names[i]);
		}
	}
	json_decref(dj);
	/* the tree and chain continue from the stored hash, so one altered event
	 * is reported once, where it is (from the body's when that is no hash) */
	if (altered && ss_hash_unhex(leaf, stored_hash) < 0)
		ss_merkle_leaf(leaf, body, len);
	if (altered)
		ss_hash_hex(hex, leaf);
	ss_tile_builder_add(&c->tree, leaf, c->on_tile, c->tile_ctx);
	memcpy(c->prev, hex, sizeof(hex));
	c->expect++;
}

int64_t ss_checker_size(const ss_checker *c)
{
	return c->expect - 1;
}

void ss_checker_tiles(ss_checker *c, ss_tile_fn fn, void *ctx)
{
	c->on_tile = fn;
	c->tile_ctx = ctx;
}

void ss_checker_tiles_end(ss_checker *c)
{
	if (c->on_tile)
		ss_tile_builder_flush(&c->tree, true, c->on_tile, c->tile_ctx);
}

const char *ss_checker_last_hash(const ss_checker *c)
{
	return c->expect > 1 ? c->prev : "";
}

void ss_checker_root(const ss_checker *c, char *out)
{
	root_hex(c, out);
}

const json_t *ss_checker_problems(const ss_checker *c)
{
	return c->problems;
}

static int unhex_buf(ss_buf *out, const char *hex)
{
	size_t n = strlen(hex);
	int error;

	if (n % 2)
		return SS_EINVAL;
	if ((error = ss_buf_grow(out, n / 2)) < 0)
		return error;
	if ((error = ss_hex_decode((uint8_t *)out->ptr + out->len, n / 2, hex)) < 0)
		return error;
	out->len += n / 2;
	out->ptr[out->len] = '\0';
	return 0;
}

void ss_checker_check_timestamps(ss_checker *c, json_t *report, const char *ca_file)
{
	json_t *m, *t;
	size_t i, j;

	json_array_foreach(json_object_get(report, "milestones"), i, m) {
		json_array_foreach(json_object_get(m, "timestamps"), j, t) {
			ss_buf der = SS_BUF_INIT(1 << 20);
			char when[32];
			int checked = 0;

			if (unhex_buf(&der, ss_js(t, "token")) < 0 ||
			    ss_tsa_check(der.ptr, der.len, ss_js(t, "digest"), ca_file, when,
					 &checked) < 0) {
				ss_checker_problem(c, ss_ji(t, "seq"), "timestamp-token",
						   "timestamp of %.60s: %s", ss_js(m, "name"),
						   ss_error_last());
			} else if (strcmp(when, ss_js(t, "time")) != 0) {
				ss_checker_problem(
					c, ss_ji(t, "seq"), "timestamp-time",
					"timestamp of %.60s: the token says %s, the log %s",
					ss_js(m, "name"), when, ss_js(t, "time"));
			}
			json_object_set_new(t, "signature_checked", json_boolean(checked));
			json_object_del(t, "token");
			ss_buf_release(&der);
		}
	}
	json_object_set_new(report, "ok", json_boolean(ss_checker_ok(c)));
}

bool ss_checker_ok(const ss_checker *c)
{
	return !c->lost && json_array_size(c->problems) == 0;
}

json_t *ss_checker_report(const ss_checker *c)
{
	json_t *ms = ss_rules_milestones(c->rules), *m;
	char root[2 * SS_HASH_LEN + 1];
	size_t i;

	json_array_foreach(ms, i, m) {
		json_t *missing = ss_rules_milestone_missing(
			json_object_get(m, "signatures"),
			json_is_true(json_object_get(m, "needs_management")));

		json_object_set_new(m, "complete", json_boolean(json_array_size(missing) == 0));
		json_object_set_new(m, "missing", missing);
		if (json_array_size(json_object_get(m, "timestamps")) == 0)
			json_object_del(m, "timestamps");
	}
	root_hex(c, root);
	return json_pack("{s:s, s:I, s:s, s:s, s:I, s:I, s:o, s:o, s:O, s:b}", "project",
			 c->project, "events", (json_int_t)(c->expect - 1), "root", root, "head",
			 ss_checker_last_hash(c), "signed", (json_int_t)c->nsigned, "unsigned",
			 (json_int_t)c->nunsigned, "keys", ss_rules_keys(c->rules), "milestones",
			 ms, "problems", c->problems, "ok", ss_checker_ok(c));
}
