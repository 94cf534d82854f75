#include <pthread.h>
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
/* a batch handed to the worker (ss_checker_async) */
#define BATCH_EVENTS 1024
#define BATCH_BYTES (1u << 20)

/* One event of a batch: its strings are offsets into the batch's text
 * (SIZE_MAX: NULL). */
typedef struct {
	int64_t seq;
	size_t body, len, hash, sig, cols[5];
} pending;

typedef struct {
	ss_buf text;
	pending *ev;
	size_t n, cap;
	bool full_cols; /* an event had columns */
} batch;

/* A tile the worker's tree made, for the reading thread to hand on. */
typedef struct {
	int level;
	uint64_t idx;
	unsigned count;
	size_t at; /* offset of its hashes in tile_hashes */
} tile_made;

/* Signatures checked on other threads (with ss_checker_async): a job per
 * signed event, and the problems held back behind a job not yet done so
 * that they are recorded in the order a checker on one thread records them. */
#define SIG_THREADS 2
#define SIG_PENDING_MAX 4096

typedef struct sig_job {
	struct sig_job *next; /* in the queue of jobs no thread has taken */
	char pub[2 * SS_HASH_LEN + 1], sig[129];
	char *body;
	size_t len;
	int result; /* -1 not yet known, 0 valid, 1 invalid */
} sig_job;

typedef struct {
	int64_t seq;
	sig_job *job; /* NULL: a problem that waits behind an earlier job */
	const char *rule;
	char *msg; /* NULL with a job: the event breaks no other rule */
} held;

struct ss_checker {
	char *project;
	int64_t expect;
	char prev[2 * SS_HASH_LEN + 1];
	ss_tile_builder tree;
	ss_tile_fn on_tile; /* given each tile the tree makes, when set */
	void *tile_ctx;
	json_t *problems;
	bool lost;        /* a problem could not be recorded: the log never verifies */
	int64_t ended_at; /* expect when the end was last checked (0: never) */
	ss_rules *rules;  /* the state the events fold to */
	int64_t nsigned, nunsigned;
	char scratch[4096]; /* the strings of a flat data view */
	char lang[3];       /* async: the caller's message language, for the worker */
	/* async: a worker thread checks one batch while the caller reads the
	 * next into fill; the state above belongs to the worker until flush */
	bool async, stop, busy, failed;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch fill, work;
	ss_tile_fn user_tile; /* the caller's on_tile: called on its thread */
	void *user_tile_ctx;
	tile_made *tiles;
	size_t ntiles, tiles_cap;
	ss_buf tile_hashes;
	/* signatures on SIG_THREADS threads; queue, results and npending under
	 * smu; held belongs to the checking thread */
	bool sig_async, sig_stop;
	int sig_threads;
	pthread_t sig_thread[SIG_THREADS];
	pthread_mutex_t smu;
	pthread_cond_t scv;
	sig_job *q_head, *q_tail;
	size_t npending;
	held *held;
	size_t held_start, nheld, held_cap;
};

static void sig_threads_stop(ss_checker *c);

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
	if (c->async) {
		pthread_mutex_lock(&c->mu);
		c->stop = true;
		pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
		pthread_join(c->thread, NULL);
		pthread_cond_destroy(&c->cv);
		pthread_mutex_destroy(&c->mu);
		sig_threads_stop(c);
		ss_buf_release(&c->fill.text);
		ss_buf_release(&c->work.text);
		ss_buf_release(&c->tile_hashes);
		free(c->fill.ev);
		free(c->work.ev);
		free(c->tiles);
	}
	free(c->project);
	json_decref(c->problems);
	ss_rules_free(c->rules);
	free(c);
}

static void emit(ss_checker *c, int64_t seq, const char *rule, char *msg)
{
	if (json_array_size(c->problems) >= PROBLEMS_MAX)
		return;
	/* messages quote the untrusted log and %.Ns may cut a character */
	ss_text_printable(msg, false);
	if (json_array_append_new(c->problems, json_pack("{s:I, s:s, s:s}", "seq", (json_int_t)seq,
							 "rule", rule, "problem", msg)) < 0)
		c->lost = true;
}

static bool hold(ss_checker *c, int64_t seq, sig_job *job, const char *rule, const char *msg)
{
	held *h;

	if (c->nheld == c->held_cap) {
		size_t cap = c->held_cap ? c->held_cap * 2 : 64;
		held *n;

		if (c->held_start > 0) { /* compact before growing */
			memmove(c->held, c->held + c->held_start,
				(c->nheld - c->held_start) * sizeof(*c->held));
			c->nheld -= c->held_start;
			c->held_start = 0;
		}
		if (c->nheld == c->held_cap) {
			if (!(n = realloc(c->held, cap * sizeof(*n))))
				return false;
			c->held = n;
			c->held_cap = cap;
		}
	}
	h = &c->held[c->nheld];
	h->seq = seq;
	h->job = job;
	h->rule = rule;
	h->msg = msg ? strdup(msg) : NULL;
	if (msg && !h->msg)
		return false;
	c->nheld++;
	return true;
}

/* The problem's text, in the message language: fmt is the English format
 * (marked N_() here, a keyword for xgettext for ss_checker_problem). */
static void vproblem(ss_checker *c, int64_t seq, const char *rule, const char *fmt, va_list ap)
{
	char msg[SS_ERROR_MAX];

	vsnprintf(msg, sizeof(msg), ss_gettext(fmt), ap);
	if (c->held_start < c->nheld) {
		if (!hold(c, seq, NULL, rule, msg))
			c->lost = true;
		return;
	}
	emit(c, seq, rule, msg);
}

static void problem(ss_checker *c, int64_t seq, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(ss_checker *c, int64_t seq, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(c, seq, rule, fmt, ap);
	va_end(ap);
}

static void flush(const ss_checker *cc);

void ss_checker_problem(ss_checker *c, int64_t seq, const char *rule, const char *fmt, ...)
{
	va_list ap;

	flush(c);
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
	int64_t part, parts; /* rules 4; when has_part */
	bool has_part;
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

	/* canonical integers have no leading zero: 19 digits may overflow */
	if (m->kind != 'i' || m->val_len > 18 + (*p == '-'))
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

static bool is_fingerprint(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 2 * SS_HASH_LEN;
}

/* NULL, or what is wrong with the envelope's fields. */
static const char *scan(view *v, const ss_json_members *ms, const char *body, size_t len)
{
	unsigned seen = 0;
	size_t i;

	if (len == 0 || body[0] != '{')
		return N_("the event is not a JSON object");
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
		} else if (key_is(m, "part", 4)) {
			bit = 1u << 11;
			ok = take_int(m, &v->part);
		} else if (key_is(m, "parts", 5)) {
			bit = 1u << 12;
			ok = take_int(m, &v->parts);
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
		else return N_("the event has an unknown field");
#undef FIELD
		if (!ok)
			return N_("a field of the event is not of its type (or too long)");
		seen |= bit;
	}
	if ((seen & 0x5ff) != 0x5ff)
		return N_("the event lacks one of v, project, seq, prev, time, actor, side, role, "
			  "type, data");
	if (!(seen & (1u << 11)) != !(seen & (1u << 12)))
		return N_("the event has one of part and parts without the other");
	v->has_part = (seen & (1u << 11)) != 0;
	if ((seen & (1u << 9)) && !is_fingerprint(v->key))
		return N_("the key field is not a key fingerprint (64 lowercase hex digits)");
	return NULL;
}

static bool defer_sig(ss_checker *c, int64_t seq, const char *pub, const char *sig,
		      const char *body, size_t len, const char *rule, const char *msg);
static void drain_held(ss_checker *c, bool wait);

static void add_now(ss_checker *c, int64_t seq, const char *body, size_t len,
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

	if (c->held_start < c->nheld)
		drain_held(c, false);
	v.actor[0] = v.side[0] = v.role[0] = v.type[0] = v.project[0] = v.prev[0] = '\0';
	v.time[0] = v.key[0] = '\0';
	v.seq = v.v = v.part = v.parts = 0;
	v.has_part = false;
	if (seq != c->expect) {
		problem(c, seq, "event-seq",
			seq > c->expect ? N_("events %lld to %lld are missing")
					: N_("event %lld appears out of order"),
			(long long)c->expect, (long long)seq - 1);
		c->expect = seq;
	}
	ss_merkle_leaf(leaf, body, len);
	ss_hash_hex(hex, leaf);
	altered = stored_hash && strcmp(hex, stored_hash) != 0;
	if (altered)
		problem(c, seq, "event-hash", "%s",
			_("the event's content was altered (its hash does not match)"));
	root[0] = '\0';
	if (!ss_json_canonical_scan(body, len, &where, &ms)) {
		json_t *any = ss_json_loadb_bounded(body, len, 0);

		if (!json_is_object(any))
			problem(c, seq, "event-json",
				N_("the event is not a JSON object (from byte %zu)"), where);
		else
			problem(c, seq, "event-canonical",
				N_("the event is not canonical JSON (from byte %zu): it is "
				   "not the exact bytes that were signed and hashed"),
				where);
		json_decref(any);
	} else if (ms.overflow && (flat = false, ms.top_only = true,
				   !ss_json_canonical_scan(body, len, &where, &ms))) {
		problem(c, seq, "event-field", "%s", _("the event cannot be read"));
	} else if ((why = scan(&v, &ms, body, len)) != NULL) {
		problem(c, seq, "event-field", "%s", _(why));
	} else if (flat && ss_rules_data_flat(&data, mem, ms.n, v.data, c->scratch,
					      sizeof(c->scratch)) == 0) {
		read = true;
	} else if (!(dj = ss_json_loadb_bounded(mem[v.data].val, mem[v.data].val_len,
						JSON_REJECT_DUPLICATES))) {
		problem(c, seq, "event-data", "%s", _("the event's data cannot be read"));
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
			.has_part = v.has_part,
			.part = v.part,
			.parts = v.parts,
			.body = body,
			.body_len = len,
			.data = &data,
			.tree_size = c->expect - 1,
			.root = root,
			.sig_later = c->sig_async && strncmp(v.type, "milestone.", 10) != 0,
		};
		ss_rule_hit h;
		int rc;

		/* the root of the log so far: only a checkpoint needs it, and a
		 * partial tile costs up to 255 hashes to fold */
		if (strcmp(v.type, "milestone.open") == 0)
			root_hex(c, root);
		if (v.v != 1)
			problem(c, seq, "event-version",
				N_("event format version %lld (only 1 exists)"), (long long)v.v);
		if (v.seq != seq)
			problem(c, seq, "event-seq",
				N_("the event was moved: its body says it is event %lld"),
				(long long)v.seq);
		if (strcmp(v.project, c->project) != 0)
			problem(c, seq, "event-project", N_("the event belongs to project '%.60s'"),
				v.project);
		if (strcmp(v.prev, c->prev) != 0)
			problem(c, seq, "event-chain", "%s",
				_("the chain is broken: the event does not follow the one "
				  "before it (an event was removed, inserted or reordered)"));
		if (!ss_rules_time_valid(v.time))
			problem(c, seq, "event-time",
				N_("the time '%.40s' is not a UTC time YYYY-MM-DDTHH:MM:SSZ"),
				v.time);
		rc = ss_rules_check(&h, c->rules, &ev);
		if (h.sig_pub && defer_sig(c, seq, h.sig_pub, sig, body, len,
					   rc < 0 ? (h.rule ? ss_rule_id(h.rule) : "error") : NULL,
					   rc < 0 ? h.msg : NULL)) {
			; /* recorded when the signature is known */
		} else if (h.sig_pub && ss_key_verify(h.sig_pub, body, len, sig) != 0) {
			problem(c, seq, ss_rule_id(SS_RULE_SIG_INVALID), "%s",
				_("the signature does not match the event"));
			rc = SS_EPERM;
		} else if (rc < 0) {
			problem(c, seq, h.rule ? ss_rule_id(h.rule) : "error", "%s", h.msg);
		}
		/* a refused agreement is no agreement: it is not counted (its
		 * signature is checked here, never deferred) */
		if (rc == 0 || strncmp(v.type, "milestone.", 10) != 0)
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
					problem(c, seq, "event-column",
						N_("the '%s' column differs from the hashed body"),
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

/* --- signatures on other threads ------------------------------------------ */

static void job_run(sig_job *j)
{
	j->result = ss_key_verify(j->pub, j->body, j->len, j->sig) == 0 ? 0 : 1;
}

static void *sig_worker(void *arg)
{
	ss_checker *c = arg;

	pthread_mutex_lock(&c->smu);
	for (;;) {
		sig_job *j;
		int result;

		while (!c->q_head && !c->sig_stop)
			pthread_cond_wait(&c->scv, &c->smu);
		if (!c->q_head)
			break;
		j = c->q_head;
		if (!(c->q_head = j->next))
			c->q_tail = NULL;
		pthread_mutex_unlock(&c->smu);
		result = ss_key_verify(j->pub, j->body, j->len, j->sig) == 0 ? 0 : 1;
		pthread_mutex_lock(&c->smu);
		j->result = result;
		c->npending--;
		pthread_cond_broadcast(&c->scv);
	}
	pthread_mutex_unlock(&c->smu);
	return NULL;
}

/* Take a queued job and run it here (smu held on entry and exit); false when
 * none is queued. */
static bool help_one(ss_checker *c)
{
	sig_job *j = c->q_head;

	if (!j)
		return false;
	if (!(c->q_head = j->next))
		c->q_tail = NULL;
	pthread_mutex_unlock(&c->smu);
	job_run(j);
	pthread_mutex_lock(&c->smu);
	c->npending--;
	pthread_cond_broadcast(&c->scv);
	return true;
}

/* Record the held problems whose signatures are known, in order (all of
 * them, waiting for the rest, when wait). */
static void drain_held(ss_checker *c, bool wait)
{
	while (c->held_start < c->nheld) {
		held *h = &c->held[c->held_start];

		if (h->job) {
			int result;

			pthread_mutex_lock(&c->smu);
			while ((result = h->job->result) < 0 && wait)
				if (!help_one(c))
					pthread_cond_wait(&c->scv, &c->smu);
			pthread_mutex_unlock(&c->smu);
			if (result < 0)
				return;
			if (result == 1) {
				char msg[SS_ERROR_MAX];

				snprintf(msg, sizeof(msg), "%s",
					 _("the signature does not match the event"));
				emit(c, h->seq, ss_rule_id(SS_RULE_SIG_INVALID), msg);
			} else if (h->msg) {
				emit(c, h->seq, h->rule, h->msg);
			}
			free(h->job->body);
			free(h->job);
		} else {
			emit(c, h->seq, h->rule, h->msg);
		}
		free(h->msg);
		c->held_start++;
	}
	c->held_start = c->nheld = 0;
}

/* The signature of event seq, to be checked against pub on another thread;
 * rule and msg: what the event breaks if the signature is valid (NULL:
 * nothing). false on no memory (the caller then checks it here). */
static bool defer_sig(ss_checker *c, int64_t seq, const char *pub, const char *sig,
		      const char *body, size_t len, const char *rule, const char *msg)
{
	sig_job *j = calloc(1, sizeof(*j));

	if (!j || strlen(pub) >= sizeof(j->pub) || strlen(sig) >= sizeof(j->sig) ||
	    !(j->body = malloc(len ? len : 1))) {
		free(j);
		return false;
	}
	memcpy(j->pub, pub, strlen(pub) + 1);
	memcpy(j->sig, sig, strlen(sig) + 1);
	memcpy(j->body, body, len);
	j->len = len;
	j->result = -1;
	if (!hold(c, seq, j, rule, msg)) {
		free(j->body);
		free(j);
		return false;
	}
	pthread_mutex_lock(&c->smu);
	/* bounded: past SIG_PENDING_MAX this thread checks signatures too */
	while (c->npending >= SIG_PENDING_MAX)
		if (!help_one(c))
			pthread_cond_wait(&c->scv, &c->smu);
	if (c->q_tail)
		c->q_tail->next = j;
	else
		c->q_head = j;
	c->q_tail = j;
	c->npending++;
	pthread_cond_signal(&c->scv);
	pthread_mutex_unlock(&c->smu);
	return true;
}

static void sig_start(ss_checker *c)
{
	int i;

	if (pthread_mutex_init(&c->smu, NULL) != 0)
		return;
	if (pthread_cond_init(&c->scv, NULL) != 0) {
		pthread_mutex_destroy(&c->smu);
		return;
	}
	for (i = 0; i < SIG_THREADS; i++)
		if (pthread_create(&c->sig_thread[i], NULL, sig_worker, c) != 0)
			break;
	c->sig_threads = i;
	c->sig_async = i > 0;
	if (!c->sig_async) {
		pthread_cond_destroy(&c->scv);
		pthread_mutex_destroy(&c->smu);
	}
}

static void sig_threads_stop(ss_checker *c)
{
	int i;

	if (!c->sig_async)
		return;
	drain_held(c, true);
	pthread_mutex_lock(&c->smu);
	c->sig_stop = true;
	pthread_cond_broadcast(&c->scv);
	pthread_mutex_unlock(&c->smu);
	for (i = 0; i < c->sig_threads; i++)
		pthread_join(c->sig_thread[i], NULL);
	pthread_cond_destroy(&c->scv);
	pthread_mutex_destroy(&c->smu);
	free(c->held);
}

/* --- the worker ------------------------------------------------------------ */

static const char *at(const batch *b, size_t off)
{
	return off == SIZE_MAX ? NULL : b->text.ptr + off;
}

static void *worker(void *arg)
{
	ss_checker *c = arg;

	/* the problems read as on the caller's thread: a language is per thread */
	(void)ss_messages_lang_set(c->lang);
	pthread_mutex_lock(&c->mu);
	for (;;) {
		size_t i;

		while (!c->busy && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (!c->busy)
			break;
		pthread_mutex_unlock(&c->mu);
		for (i = 0; i < c->work.n; i++) {
			const pending *e = &c->work.ev[i];
			const char *cols[5];
			size_t k;

			for (k = 0; k < 5; k++)
				cols[k] = at(&c->work, e->cols[k]);
			add_now(c, e->seq, at(&c->work, e->body), e->len, at(&c->work, e->hash),
				at(&c->work, e->sig), e->cols[0] == SIZE_MAX ? NULL : cols);
		}
		pthread_mutex_lock(&c->mu);
		c->busy = false;
		pthread_cond_broadcast(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* The worker's tiles, kept for the caller's thread (which may read its
 * store, as `log verify` does to compare them). */
static int queue_tile(void *ctx, int level, uint64_t idx, const ss_hash *hashes, unsigned count)
{
	ss_checker *c = ctx;
	tile_made *t;

	if (c->ntiles == c->tiles_cap) {
		size_t cap = c->tiles_cap ? c->tiles_cap * 2 : 16;
		tile_made *n = realloc(c->tiles, cap * sizeof(*n));

		if (!n) {
			c->failed = true;
			return 0;
		}
		c->tiles = n;
		c->tiles_cap = cap;
	}
	t = &c->tiles[c->ntiles];
	t->level = level;
	t->idx = idx;
	t->count = count;
	t->at = c->tile_hashes.len;
	if (ss_buf_put(&c->tile_hashes, hashes, (size_t)count * SS_HASH_LEN) < 0) {
		c->failed = true;
		return 0;
	}
	c->ntiles++;
	return 0;
}

static void wait_idle(ss_checker *c)
{
	size_t i;

	pthread_mutex_lock(&c->mu);
	while (c->busy)
		pthread_cond_wait(&c->cv, &c->mu);
	pthread_mutex_unlock(&c->mu);
	/* the worker is idle: its tiles go to the caller in order */
	for (i = 0; i < c->ntiles && c->user_tile; i++)
		c->user_tile(c->user_tile_ctx, c->tiles[i].level, c->tiles[i].idx,
			     (const ss_hash *)(const void *)(c->tile_hashes.ptr + c->tiles[i].at),
			     c->tiles[i].count);
	c->ntiles = 0;
	ss_buf_clear(&c->tile_hashes);
}

/* Hand the filled batch to the worker (after the one before it is done). */
static void submit(ss_checker *c)
{
	batch t;

	wait_idle(c);
	t = c->work;
	c->work = c->fill;
	c->fill = t;
	c->fill.n = 0;
	ss_buf_clear(&c->fill.text);
	pthread_mutex_lock(&c->mu);
	c->busy = true;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

/* Everything fed so far is checked, and its tiles handed on. */
static void flush(const ss_checker *cc)
{
	ss_checker *c = (ss_checker *)cc; /* the state is complete once flushed */

	if (!c->async)
		return;
	if (c->fill.n)
		submit(c);
	wait_idle(c);
	if (c->sig_async)
		drain_held(c, true);
}

static size_t put_str(batch *b, const char *s, size_t n)
{
	size_t off = b->text.len;

	if (!s)
		return SIZE_MAX;
	if (ss_buf_put(&b->text, s, n) < 0 || ss_buf_putc(&b->text, '\0') < 0)
		return SIZE_MAX - 1;
	return off;
}

void ss_checker_add(ss_checker *c, int64_t seq, const char *body, size_t len,
		    const char *stored_hash, const char *sig, const char *const *cols)
{
	pending *e;
	size_t k;
	bool ok;

	if (!c->async) {
		add_now(c, seq, body, len, stored_hash, sig, cols);
		return;
	}
	if (c->fill.n == c->fill.cap) {
		size_t cap = c->fill.cap ? c->fill.cap * 2 : 256;
		pending *n = realloc(c->fill.ev, cap * sizeof(*n));

		if (!n) { /* check it here, in order, after what is queued */
			flush(c);
			add_now(c, seq, body, len, stored_hash, sig, cols);
			return;
		}
		c->fill.ev = n;
		c->fill.cap = cap;
	}
	e = &c->fill.ev[c->fill.n];
	e->seq = seq;
	e->len = len;
	e->body = put_str(&c->fill, body, len);
	e->hash = stored_hash ? put_str(&c->fill, stored_hash, strlen(stored_hash)) : SIZE_MAX;
	e->sig = sig ? put_str(&c->fill, sig, strlen(sig)) : SIZE_MAX;
	ok = e->body < SIZE_MAX - 1 && e->hash != SIZE_MAX - 1 && e->sig != SIZE_MAX - 1;
	for (k = 0; k < 5; k++) {
		e->cols[k] =
			cols && cols[k] ? put_str(&c->fill, cols[k], strlen(cols[k])) : SIZE_MAX;
		ok = ok && e->cols[k] != SIZE_MAX - 1;
	}
	if (cols && e->cols[0] == SIZE_MAX)
		ok = false; /* no time column: the offsets cannot say "columns, time NULL" */
	if (!ok) {
		flush(c);
		add_now(c, seq, body, len, stored_hash, sig, cols);
		return;
	}
	if (++c->fill.n >= BATCH_EVENTS || c->fill.text.len >= BATCH_BYTES)
		submit(c);
}

int ss_checker_async(ss_checker *c)
{
	if (c->async || c->expect != 1)
		return 0;
	ss_buf_init(&c->fill.text, 0);
	ss_buf_init(&c->work.text, 0);
	ss_buf_init(&c->tile_hashes, 0);
	snprintf(c->lang, sizeof(c->lang), "%s", ss_messages_lang());
	if (pthread_mutex_init(&c->mu, NULL) != 0)
		return ss_error_set(SS_ERROR, "cannot start the checking thread");
	if (pthread_cond_init(&c->cv, NULL) != 0) {
		pthread_mutex_destroy(&c->mu);
		return ss_error_set(SS_ERROR, "cannot start the checking thread");
	}
	if (pthread_create(&c->thread, NULL, worker, c) != 0) {
		pthread_cond_destroy(&c->cv);
		pthread_mutex_destroy(&c->mu);
		return ss_error_set(SS_ERROR, "cannot start the checking thread");
	}
	sig_start(c);
	c->user_tile = c->on_tile;
	c->user_tile_ctx = c->tile_ctx;
	if (c->on_tile) {
		c->on_tile = queue_tile;
		c->tile_ctx = c;
	}
	c->async = true;
	return 0;
}

int64_t ss_checker_size(const ss_checker *c)
{
	flush(c);
	return c->expect - 1;
}

void ss_checker_tiles(ss_checker *c, ss_tile_fn fn, void *ctx)
{
	flush(c);
	if (c->async) {
		c->user_tile = fn;
		c->user_tile_ctx = ctx;
		c->on_tile = fn ? queue_tile : NULL;
		c->tile_ctx = c;
		return;
	}
	c->on_tile = fn;
	c->tile_ctx = ctx;
}

void ss_checker_tiles_end(ss_checker *c)
{
	flush(c);
	if (c->async && c->user_tile)
		ss_tile_builder_flush(&c->tree, true, c->user_tile, c->user_tile_ctx);
	else if (!c->async && c->on_tile)
		ss_tile_builder_flush(&c->tree, true, c->on_tile, c->tile_ctx);
}

const char *ss_checker_last_hash(const ss_checker *c)
{
	flush(c);
	return c->expect > 1 ? c->prev : "";
}

void ss_checker_root(const ss_checker *c, char *out)
{
	flush(c);
	root_hex(c, out);
}

/* What the rule book says of the log ending where it does: recorded once
 * for the events fed so far (a caller that feeds more and asks again is
 * asked about the new end). */
static void end_check(const ss_checker *cc)
{
	ss_checker *c = (ss_checker *)cc; /* flushed: the state is the caller's */
	ss_rule_hit h;
	int64_t seq;

	if (c->ended_at == c->expect)
		return;
	c->ended_at = c->expect;
	/* a change already reported, at its event or at the one after it, is
	 * not reported again for where the log ends */
	if (ss_rules_end(&h, c->rules, &seq) < 0) {
		const json_t *last = json_array_get(c->problems, json_array_size(c->problems) - 1);

		if (!last || (ss_ji(last, "seq") != seq &&
			      strcmp(ss_js(last, "rule"), ss_rule_id(h.rule)) != 0))
			problem(c, seq, ss_rule_id(h.rule), "%s", h.msg);
	}
}

const json_t *ss_checker_problems(const ss_checker *c)
{
	flush(c);
	end_check(c);
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
	flush(c);
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
	flush(c);
	end_check(c);
	if (c->failed)
		return false;
	return !c->lost && json_array_size(c->problems) == 0;
}

json_t *ss_checker_report(const ss_checker *c)
{
	json_t *ms, *m;
	char root[2 * SS_HASH_LEN + 1];
	size_t i;

	flush(c);
	end_check(c);
	ms = ss_rules_milestones(c->rules);
	json_array_foreach(ms, i, m) {
		json_t *missing = ss_rules_milestone_missing(
			json_object_get(m, "signatures"),
			json_is_true(json_object_get(m, "needs_management")),
			strcmp(ss_js(m, "parties"), "user") == 0);

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
