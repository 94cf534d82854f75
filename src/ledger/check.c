#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/check.h"
#include "ledger/merkle.h"
#include "ledger/perm.h"
#include "ledger/tiles.h"
#include "ledger/tsa.h"
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
	bool lost;          /* a problem could not be recorded: the log never verifies */
	json_t *members;    /* person -> {side, role, active} */
	json_t *keys;       /* fingerprint -> {person, public_key, seq} */
	json_t *keyholders; /* person -> true */
	json_t *milestones; /* name -> {...} */
	json_t *order;      /* milestone names in order */
	int64_t nsigned, nunsigned;
};

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
	c->members = json_object();
	c->keys = json_object();
	c->keyholders = json_object();
	c->milestones = json_object();
	c->order = json_array();
	if (!c->project || !c->problems || !c->members || !c->keys || !c->keyholders ||
	    !c->milestones || !c->order) {
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
	json_decref(c->members);
	json_decref(c->keys);
	json_decref(c->keyholders);
	json_decref(c->milestones);
	json_decref(c->order);
	free(c);
}

void ss_checker_problem(ss_checker *c, int64_t seq, const char *fmt, ...)
{
	char msg[SS_ERROR_MAX];
	va_list ap;

	if (json_array_size(c->problems) >= PROBLEMS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* messages quote the untrusted log and %.Ns may cut a character */
	ss_text_printable(msg, false);
	if (json_array_append_new(c->problems, json_pack("{s:I, s:s}", "seq", (json_int_t)seq,
							 "problem", msg)) < 0)
		c->lost = true;
}

static void root_hex(const ss_checker *c, char *out)
{
	ss_hash r;

	ss_tile_builder_root(&c->tree, r);
	ss_hash_hex(out, r);
}

/*
 * An event's top-level fields. Bodies are canonical JSON, so the fields are
 * read by a small scanner without building a tree (a log of a million
 * events is verified at close to hashing speed); `data` is parsed only for
 * the event types that need it. Anything the scanner does not expect
 * (escapes, odd spacing, duplicates) goes through jansson instead.
 */
typedef struct {
	char actor[256], side[32], role[32], type[48], project[256], prev[72], time[40];
	char key[72];
	int64_t seq;
	const char *data; /* the data value's text, within the body */
	size_t data_len;
	json_t *d; /* data, parsed on first use */
} view;

static bool skip_string(const char **p, const char *end)
{
	const char *s = *p + 1;

	while (s < end && *s != '"') {
		if (*s == '\\')
			s++;
		s++;
	}
	if (s >= end)
		return false;
	*p = s + 1;
	return true;
}

static bool skip_value(const char **p, const char *end)
{
	const char *s = *p;
	int depth = 0;

	do {
		if (s >= end)
			return false;
		if (*s == '"') {
			if (!skip_string(&s, end))
				return false;
			continue;
		}
		if (*s == '{' || *s == '[') {
			if (++depth > 64)
				return false;
		} else if (*s == '}' || *s == ']') {
			if (--depth < 0)
				return false;
		} else if (depth == 0 && (*s == ',')) {
			break;
		}
		s++;
	} while (depth > 0 || (s < end && *s != ',' && *s != '}'));
	*p = s;
	return true;
}

/* Copy a plain string value (no escapes) into out. */
static bool take_string(const char **p, const char *end, char *out, size_t n)
{
	const char *s = *p + 1, *q;

	if (*p >= end || **p != '"')
		return false;
	for (q = s; q < end && *q != '"'; q++)
		if (*q == '\\' || (size_t)(q - s) >= n - 1)
			return false;
	if (q >= end)
		return false;
	memcpy(out, s, (size_t)(q - s));
	out[q - s] = '\0';
	*p = q + 1;
	return true;
}

static bool scan(view *v, const char *body, size_t len)
{
	const char *p = body, *end = body + len;
	unsigned seen = 0;

	if (p >= end || *p++ != '{')
		return false;
	while (p < end && *p != '}') {
		char key[16];
		unsigned bit = 0;
		bool ok = true;

		if (!take_string(&p, end, key, sizeof(key)) || p >= end || *p++ != ':')
			return false;
#define FIELD(name, n, dest)                                                                       \
	else if (strcmp(key, name) == 0)                                                           \
	{                                                                                          \
		bit = 1u << n;                                                                     \
		ok = take_string(&p, end, dest, sizeof(dest));                                     \
	}
		if (strcmp(key, "seq") == 0) {
			char *e;

			bit = 1u << 0;
			v->seq = strtoll(p, &e, 10);
			ok = e > p && e <= end;
			p = e;
		} else if (strcmp(key, "data") == 0) {
			bit = 1u << 1;
			v->data = p;
			ok = skip_value(&p, end);
			v->data_len = (size_t)(p - v->data);
		}
		FIELD("actor", 2, v->actor)
		FIELD("side", 3, v->side)
		FIELD("role", 4, v->role)
		FIELD("type", 5, v->type)
		FIELD("project", 6, v->project)
		FIELD("prev", 7, v->prev)
		FIELD("time", 8, v->time)
		FIELD("key", 9, v->key)
		else ok = skip_value(&p, end);
#undef FIELD
		if (!ok || (bit & seen))
			return false;
		seen |= bit;
		if (p < end && *p == ',')
			p++;
		else if (p >= end || *p != '}')
			return false;
	}
	return p + 1 == end && (seen & 0x1ff) == 0x1ff;
}

/* The same, through jansson, for bodies the scanner does not take. */
static bool load(view *v, const char *body, size_t len)
{
	json_t *ev = ss_json_loadb_bounded(body, len, JSON_REJECT_DUPLICATES);
	static const struct {
		const char *name;
		size_t off, size;
	} fields[] = {
		{"actor", offsetof(view, actor), sizeof(((view *)0)->actor)},
		{"side", offsetof(view, side), sizeof(((view *)0)->side)},
		{"role", offsetof(view, role), sizeof(((view *)0)->role)},
		{"type", offsetof(view, type), sizeof(((view *)0)->type)},
		{"project", offsetof(view, project), sizeof(((view *)0)->project)},
		{"prev", offsetof(view, prev), sizeof(((view *)0)->prev)},
		{"time", offsetof(view, time), sizeof(((view *)0)->time)},
		{"key", offsetof(view, key), sizeof(((view *)0)->key)},
	};
	size_t i;

	if (!ev || !json_is_object(ev)) {
		json_decref(ev);
		return false;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		snprintf((char *)v + fields[i].off, fields[i].size, "%s",
			 ss_js(ev, fields[i].name));
	v->seq = ss_ji(ev, "seq");
	v->d = json_incref(json_object_get(ev, "data"));
	json_decref(ev);
	return true;
}

static const json_t *data_of(view *v)
{
	if (!v->d && v->data)
		v->d = ss_json_loadb_bounded(v->data, v->data_len, JSON_REJECT_DUPLICATES);
	return v->d;
}

/* Is the actor who the membership so far says, and allowed to do this? */
static void check_actor(ss_checker *c, int64_t seq, const view *v)
{
	const json_t *m = json_object_get(c->members, v->actor);
	int action = ss_perm_action_of(v->type);

	if (strcmp(v->type, "project.create") == 0) {
		if (seq != 1)
			ss_checker_problem(c, seq, "a second project.create");
		if (strcmp(v->role, "lead") != 0)
			ss_checker_problem(c, seq, "the creator must be a lead");
		return;
	}
	if (seq == 1)
		ss_checker_problem(c, seq, "the log does not start with project.create");
	if (action < 0) {
		ss_checker_problem(c, seq, "unknown event type '%.40s'", v->type);
		return;
	}
	if (!m || !json_is_true(json_object_get(m, "active"))) {
		ss_checker_problem(c, seq, "%.100s was not an active member when this was recorded",
				   v->actor);
		return;
	}
	if (strcmp(ss_js(m, "side"), v->side) != 0 || strcmp(ss_js(m, "role"), v->role) != 0)
		ss_checker_problem(c, seq, "%.100s acted as %s/%s but was %s/%s at the time",
				   v->actor, v->side, v->role, ss_js(m, "side"), ss_js(m, "role"));
	else if (!ss_perm_allows((ss_action)action, ss_js(m, "side"), ss_js(m, "role")))
		ss_checker_problem(c, seq, "%.100s (%s %s) may not %s: only %s may", v->actor,
				   ss_js(m, "side"), ss_js(m, "role"),
				   ss_perm_name((ss_action)action), ss_perm_who((ss_action)action));
}

/* Whether person has a registered key that is not revoked. */
static bool holds_a_key(const ss_checker *c, const char *person)
{
	const char *fpr;
	json_t *k;

	json_object_foreach(c->keys, fpr, k) {
		if (strcmp(ss_js(k, "person"), person) == 0 && !json_object_get(k, "revoked"))
			return true;
	}
	return false;
}

static void check_signature(ss_checker *c, int64_t seq, view *v, const char *body, size_t len,
			    const char *sig)
{
	const char *fpr = v->key[0] ? v->key : NULL;
	const json_t *k;
	const char *pub = NULL;

	if (!fpr) {
		if (sig)
			ss_checker_problem(c, seq, "a signature without a key in the event");
		if (json_object_get(c->keyholders, v->actor))
			ss_checker_problem(c, seq,
					   "unsigned change by %.100s, who has a registered key",
					   v->actor);
		c->nunsigned++;
		return;
	}
	if (!sig) {
		ss_checker_problem(c, seq, "the signature of this event is missing");
		return;
	}
	k = json_object_get(c->keys, fpr);
	if (k) {
		if (strcmp(ss_js(k, "person"), v->actor) != 0)
			ss_checker_problem(c, seq,
					   "signed with a key registered to %.100s, not to %.100s",
					   ss_js(k, "person"), v->actor);
		pub = ss_js(k, "public_key");
		if (json_object_get(k, "revoked")) {
			ss_checker_problem(c, seq, "signed with key %.16s…, revoked at event %lld",
					   fpr, (long long)ss_ji(k, "revoked"));
			return;
		}
	} else if (strcmp(v->type, "key.register") == 0 &&
		   strcmp(ss_js(data_of(v), "fingerprint"), fpr) == 0 &&
		   !json_object_get(c->keyholders, v->actor)) {
		/* a first key signs its own registration */
		pub = ss_js(data_of(v), "public_key");
	} else {
		ss_checker_problem(c, seq, "signed with key %.16s…, which is not registered", fpr);
		return;
	}
	if (ss_key_verify(pub, body, len, sig) < 0)
		ss_checker_problem(c, seq, "the signature does not match the event");
	else
		c->nsigned++;
}

static void apply(ss_checker *c, int64_t seq, view *v)
{
	const char *type = v->type;
	const json_t *d;

	if (strcmp(type, "project.create") == 0) {
		json_object_set_new(
			c->members, v->actor,
			json_pack("{s:s, s:s, s:b}", "side", v->side, "role", "lead", "active", 1));
		return;
	}
	if (strncmp(type, "member.", 7) != 0 && strncmp(type, "key.", 4) != 0 &&
	    strncmp(type, "milestone.", 10) != 0 && strcmp(type, "timestamp.add") != 0)
		return; /* nothing the checker tracks: data is not even parsed */
	d = data_of(v);
	if (strcmp(type, "member.add") == 0) {
		json_object_set_new(c->members, ss_js(d, "person"),
				    json_pack("{s:s, s:s, s:b}", "side", ss_js(d, "side"), "role",
					      ss_js(d, "role"), "active", 1));
	} else if (strcmp(type, "member.remove") == 0) {
		json_t *m = json_object_get(c->members, ss_js(d, "person"));

		if (m)
			json_object_set_new(m, "active", json_false());
	} else if (strcmp(type, "key.register") == 0) {
		char fp[2 * SS_HASH_LEN + 1];
		unsigned char raw[32];
		ss_hash h;
		const char *pub = ss_js(d, "public_key");
		int ok = ss_hex_decode(raw, sizeof(raw), pub) == 0;

		if (ok) {
			ss_sha256(h, raw, sizeof(raw));
			ss_hash_hex(fp, h);
		}
		if (!ok || strcmp(fp, ss_js(d, "fingerprint")) != 0)
			ss_checker_problem(c, seq,
					   "the key's fingerprint does not match its public key");
		if (ss_js_or_null(d, "pop")) {
			ss_buf msg = SS_BUF_INIT(4096);

			ss_key_pop_message(&msg, c->project, ss_js(d, "person"),
					   ss_js(d, "fingerprint"));
			if (ss_key_verify(pub, msg.ptr, msg.len, ss_js(d, "pop")) < 0)
				ss_checker_problem(
					c, seq,
					"the new key did not sign its registration (proof "
					"of possession fails)");
			ss_buf_release(&msg);
		} else if (json_object_get(c->keyholders, ss_js(d, "person"))) {
			ss_checker_problem(c, seq,
					   "a further key registered without proof of possession");
		}
		if (strcmp(ss_js(d, "person"), v->actor) != 0)
			ss_checker_problem(c, seq, "a key registered for someone else");
		if (json_object_get(c->keys, ss_js(d, "fingerprint")))
			ss_checker_problem(c, seq, "a key registered a second time");
		json_object_set_new(c->keys, ss_js(d, "fingerprint"),
				    json_pack("{s:s, s:s, s:I}", "person", ss_js(d, "person"),
					      "public_key", pub, "seq", (json_int_t)seq));
		json_object_set_new(c->keyholders, ss_js(d, "person"), json_true());
	} else if (strcmp(type, "key.revoke") == 0) {
		json_t *k = json_object_get(c->keys, ss_js(d, "fingerprint"));
		const char *owner;

		if (!k || json_object_get(k, "revoked")) {
			ss_checker_problem(c, seq, "%s",
					   k ? "revokes a key that was already revoked"
					     : "revokes a key that is not registered");
			return;
		}
		owner = ss_js(k, "person");
		if (strcmp(ss_js(d, "person"), owner) != 0)
			ss_checker_problem(c, seq,
					   "names %.100s as the key's holder, but it is registered "
					   "to %.100s",
					   ss_js(d, "person"), owner);
		if (!ss_perm_may_revoke(v->actor, v->side, v->role, owner,
					ss_js(json_object_get(c->members, owner), "side")))
			ss_checker_problem(
				c, seq,
				"%.100s may not revoke the key of %.100s (only the holder "
				"or the lead of their side)",
				v->actor, owner);
		json_object_set_new(k, "revoked", json_integer(seq));
		if (!holds_a_key(c, owner))
			json_object_del(c->keyholders, owner);
	} else if (strcmp(type, "milestone.open") == 0) {
		char root[2 * SS_HASH_LEN + 1];
		const char *name = ss_js(d, "name");
		json_t *ms;

		root_hex(c, root);
		if (ss_ji(d, "tree_size") != seq - 1 || strcmp(ss_js(d, "root"), root) != 0)
			ss_checker_problem(
				c, seq,
				"milestone %.60s: its checkpoint (%lld events, root %.12s…) "
				"is not the log before it",
				name, (long long)ss_ji(d, "tree_size"), ss_js(d, "root"));
		if (json_object_get(c->milestones, name)) {
			ss_checker_problem(c, seq, "milestone %.60s opened twice", name);
			return;
		}
		ms = json_pack("{s:s, s:I, s:O, s:O, s:O, s:O, s:O, s:[{s:s, s:s, s:s, s:s*, "
			       "s:s, s:I}]}",
			       "name", name, "seq", (json_int_t)seq, "tree_size",
			       json_object_get(d, "tree_size"), "root", json_object_get(d, "root"),
			       "spec_hash", json_object_get(d, "spec_hash"), "catalog_version",
			       json_object_get(d, "catalog_version"), "needs_management",
			       json_object_get(d, "needs_management")
				       ? json_object_get(d, "needs_management")
				       : json_false(),
			       "signatures", "person", v->actor, "side", v->side, "role", v->role,
			       "key", v->key[0] ? v->key : NULL, "time", v->time, "seq",
			       (json_int_t)seq);
		if (!ms) {
			ss_checker_problem(
				c, seq,
				"milestone %.60s lacks its tree size, root, specification "
				"hash or catalog version",
				name);
			return;
		}
		json_object_set_new(c->milestones, name, ms);
		json_array_append_new(c->order, json_string(name));
	} else if (strcmp(type, "timestamp.add") == 0) {
		json_t *ms = json_object_get(c->milestones, ss_js(d, "milestone"));
		char digest[SS_SHA256_HEX];

		if (!ms) {
			ss_checker_problem(c, seq,
					   "a timestamp for a milestone that was never opened");
			return;
		}
		ss_checkpoint_digest(digest, c->project, ss_js(d, "milestone"),
				     ss_ji(ms, "tree_size"), ss_js(ms, "root"),
				     ss_js(ms, "spec_hash"));
		if (strcmp(digest, ss_js(d, "digest")) != 0)
			ss_checker_problem(c, seq, "the timestamp is not over milestone %.60s",
					   ss_js(d, "milestone"));
		if (!json_object_get(ms, "timestamps"))
			json_object_set_new(ms, "timestamps", json_array());
		json_array_append_new(json_object_get(ms, "timestamps"),
				      json_pack("{s:I, s:s, s:s, s:s}", "seq", (json_int_t)seq,
						"time", ss_js(d, "time"), "digest", digest, "token",
						ss_js(d, "token")));
	} else if (strcmp(type, "milestone.sign") == 0) {
		json_t *ms = json_object_get(c->milestones, ss_js(d, "name"));

		if (!ms) {
			ss_checker_problem(c, seq,
					   "signature for a milestone that was never opened");
			return;
		}
		if (strcmp(ss_js(ms, "spec_hash"), ss_js(d, "spec_hash")) != 0)
			ss_checker_problem(c, seq,
					   "milestone %.60s signed over a different specification",
					   ss_js(d, "name"));
		json_array_append_new(json_object_get(ms, "signatures"),
				      json_pack("{s:s, s:s, s:s, s:s*, s:s, s:I}", "person",
						v->actor, "side", v->side, "role", v->role, "key",
						v->key[0] ? v->key : NULL, "time", v->time, "seq",
						(json_int_t)seq));
	}
}

void ss_checker_add(ss_checker *c, int64_t seq, const char *body, size_t len,
		    const char *stored_hash, const char *sig, const char *const *cols)
{
	static const char *const col_names[] = {"time", "actor", "side", "role", "type"};
	char hex[2 * SS_HASH_LEN + 1];
	view v;
	ss_hash leaf;
	bool ok, altered;

	memset(&v, 0, sizeof(v));
	if (seq != c->expect) {
		ss_checker_problem(c, seq,
				   seq > c->expect ? "events %lld to %lld are missing"
						   : "event %lld appears out of order",
				   (long long)c->expect, (long long)seq - 1);
		c->expect = seq;
	}
	ss_merkle_leaf(leaf, body, len);
	ss_hash_hex(hex, leaf);
	altered = stored_hash && strcmp(hex, stored_hash) != 0;
	if (altered)
		ss_checker_problem(c, seq,
				   "the event's content was altered (its hash does not match)");
	ok = scan(&v, body, len);
	if (!ok) {
		memset(&v, 0, sizeof(v));
		ok = load(&v, body, len);
	}
	if (!ok) {
		ss_checker_problem(c, seq, "the event's body is not valid JSON");
	} else {
		if (v.seq != seq)
			ss_checker_problem(c, seq,
					   "the event was moved: its body says it is event %lld",
					   (long long)v.seq);
		if (strcmp(v.project, c->project) != 0)
			ss_checker_problem(c, seq, "the event belongs to project '%.60s'",
					   v.project);
		if (strcmp(v.prev, c->prev) != 0)
			ss_checker_problem(
				c, seq,
				"the chain is broken: the event does not follow the one "
				"before it (an event was removed, inserted or reordered)");
		check_actor(c, seq, &v);
		check_signature(c, seq, &v, body, len, sig);
		apply(c, seq, &v);
		/* the columns a store keeps beside the body must say the same */
		if (cols) {
			const char *mine[] = {v.time, v.actor, v.side, v.role, v.type};
			size_t i;

			for (i = 0; i < 5; i++)
				if (cols[i] && strcmp(cols[i], mine[i]) != 0)
					ss_checker_problem(
						c, seq,
						"the '%s' column differs from the hashed body",
						col_names[i]);
		}
	}
	json_decref(v.d);
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

int ss_checkpoint_digest(char out[65], const char *project, const char *name, int64_t tree_size,
			 const char *root, const char *spec_hash)
{
	json_t *cp =
		json_pack("{s:s, s:s, s:s, s:s, s:I}", "milestone", name, "project", project,
			  "root", root, "spec_hash", spec_hash, "tree_size", (json_int_t)tree_size);
	ss_buf b = SS_BUF_INIT(0);
	int error;

	if (!cp)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_json_canonical(&b, cp)) == 0)
		ss_sha256_hex(out, b.ptr, b.len);
	json_decref(cp);
	ss_buf_release(&b);
	return error;
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
				ss_checker_problem(c, ss_ji(t, "seq"), "timestamp of %.60s: %s",
						   ss_js(m, "name"), ss_error_last());
			} else if (strcmp(when, ss_js(t, "time")) != 0) {
				ss_checker_problem(
					c, ss_ji(t, "seq"),
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

json_t *ss_milestone_missing(const json_t *signatures, int needs_management)
{
	bool user_lead = false, vendor_lead = false, mgmt = false;
	json_t *missing = json_array();
	const json_t *s;
	size_t j;

	json_array_foreach(signatures, j, s) {
		bool lead = strcmp(ss_js(s, "role"), "lead") == 0;

		if (!ss_js_or_null(s, "key"))
			continue; /* an agreement counts only when signed */
		if (lead && strcmp(ss_js(s, "side"), "user") == 0)
			user_lead = true;
		if (lead && strcmp(ss_js(s, "side"), "vendor") == 0)
			vendor_lead = true;
		if (strcmp(ss_js(s, "role"), "management") == 0)
			mgmt = true;
	}
	if (!user_lead)
		json_array_append_new(missing, json_string("user lead"));
	if (!vendor_lead)
		json_array_append_new(missing, json_string("vendor lead"));
	if (needs_management && !mgmt)
		json_array_append_new(missing, json_string("user management"));
	return missing;
}

json_t *ss_checker_report(const ss_checker *c)
{
	json_t *ms = json_array(), *keys = json_array(), *m;
	char root[2 * SS_HASH_LEN + 1];
	const char *k;
	size_t i;

	json_array_foreach(c->order, i, m) {
		json_t *one = json_deep_copy(json_object_get(c->milestones, json_string_value(m)));
		json_t *missing = ss_milestone_missing(
			json_object_get(one, "signatures"),
			json_is_true(json_object_get(one, "needs_management")));

		json_object_set_new(one, "complete", json_boolean(json_array_size(missing) == 0));
		json_object_set_new(one, "missing", missing);
		json_array_append_new(ms, one);
	}
	json_object_foreach(c->keys, k, m) {
		json_t *one =
			json_pack("{s:s, s:O, s:O}", "fingerprint", k, "person",
				  json_object_get(m, "person"), "seq", json_object_get(m, "seq"));

		if (one && json_object_get(m, "revoked"))
			json_object_set(one, "revoked", json_object_get(m, "revoked"));
		json_array_append_new(keys, one);
	}
	root_hex(c, root);
	return json_pack("{s:s, s:I, s:s, s:s, s:I, s:I, s:o, s:o, s:O, s:b}", "project",
			 c->project, "events", (json_int_t)(c->expect - 1), "root", root, "head",
			 ss_checker_last_hash(c), "signed", (json_int_t)c->nsigned, "unsigned",
			 (json_int_t)c->nunsigned, "keys", keys, "milestones", ms, "problems",
			 c->problems, "ok", ss_checker_ok(c));
}
