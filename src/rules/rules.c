/*
 * The rule book (rules.h). State is kept in jansson objects: the sets are
 * small (people, keys, milestones, change requests) except the
 * requirements, which a verifier holds as one object per item.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules.h"
#include "util/util.h"
#include "util/banned.h"

static const struct {
	const char *id;
	int code;
} rule_table[SS_RULE_COUNT] = {[SS_RULE_NONE] = {"", 0},
#define SS__RULE_ROW(name, id, code) [SS_RULE_##name] = {id, code},
			       SS_RULES(SS__RULE_ROW)
#undef SS__RULE_ROW
};

const char *ss_rule_id(ss_rule r)
{
	return r < SS_RULE_COUNT ? rule_table[r].id : "";
}

int ss_rule_code(ss_rule r)
{
	return r < SS_RULE_COUNT ? rule_table[r].code : SS_ERROR;
}

enum { SIDE_USER, SIDE_VENDOR };

#define NAME_MAX_BYTES 200

/*
 * The verifier's requirements: an open-addressing table of fixed entries
 * keyed by item id (a log of a million decisions and advice events looks an
 * item up per event). Strings keep the lengths the rules read them at
 * (item_state); the decider's name is interned, as a project has few.
 */
typedef struct {
	uint64_t hash;
	bool used, live; /* used: the slot holds an id; live: not retired */
	char sid[22];    /* the id, when it fits (the common case: no pointer to chase) */
	char *id;        /* else the id, on the heap */
	const char *by;
	int64_t seq;
	char policy[32], approval[16];
	char content[65]; /* the catalog item's content hash ("" when not known) */
} item_entry;

typedef struct {
	item_entry *slot;
	size_t cap, used; /* cap a power of two, or 0 */
	char **names;     /* interned deciders: open addressing too */
	size_t ncap, nused;
} item_table;

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void items_release(item_table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slot[i].id);
	for (i = 0; i < t->ncap; i++)
		free(t->names[i]);
	free(t->slot);
	free(t->names);
	memset(t, 0, sizeof(*t));
}

/* The slot of id, or the free slot where it would go (NULL: empty table). */
static const char *item_key(const item_entry *e)
{
	return e->id ? e->id : e->sid;
}

static item_entry *items_slot(const item_table *t, const char *id)
{
	size_t i;

	uint64_t h;

	if (!t->cap)
		return NULL;
	h = str_hash(id);
	for (i = (size_t)h & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
		if (!t->slot[i].used ||
		    (t->slot[i].hash == h && strcmp(item_key(&t->slot[i]), id) == 0))
			return &t->slot[i];
}

static item_entry *items_find(const item_table *t, const char *id)
{
	item_entry *e = id ? items_slot(t, id) : NULL;

	return e && e->used && e->live ? e : NULL;
}

static bool items_grow(item_table *t)
{
	item_table n = *t;
	size_t i;

	n.cap = t->cap ? t->cap * 2 : 1024;
	if (!(n.slot = calloc(n.cap, sizeof(*n.slot))))
		return false;
	for (i = 0; i < t->cap; i++)
		if (t->slot[i].used)
			*items_slot(&n, item_key(&t->slot[i])) = t->slot[i];
	free(t->slot);
	*t = n;
	return true;
}

static const char *items_name(item_table *t, const char *name)
{
	char cut[NAME_MAX_BYTES + 1], **p;
	size_t i;

	snprintf(cut, sizeof(cut), "%s", name);
	if (t->nused * 2 >= t->ncap) {
		char **old = t->names;
		size_t ocap = t->ncap;

		t->ncap = ocap ? ocap * 2 : 64;
		if (!(t->names = calloc(t->ncap, sizeof(*t->names)))) {
			t->names = old;
			t->ncap = ocap;
			return NULL;
		}
		for (i = 0; i < ocap; i++) {
			size_t j;

			if (!old[i])
				continue;
			for (j = (size_t)str_hash(old[i]) & (t->ncap - 1); t->names[j];
			     j = (j + 1) & (t->ncap - 1))
				;
			t->names[j] = old[i];
		}
		free(old);
	}
	for (i = (size_t)str_hash(cut) & (t->ncap - 1);; i = (i + 1) & (t->ncap - 1)) {
		p = &t->names[i];
		if (!*p)
			break;
		if (strcmp(*p, cut) == 0)
			return *p;
	}
	if (!(*p = strdup(cut)))
		return NULL;
	t->nused++;
	return *p;
}

/* The entry of id, made (live, open) when it is not there; NULL on no memory. */
static item_entry *items_put(item_table *t, const char *id)
{
	item_entry *e;

	if ((t->used + 1) * 4 > t->cap * 3 && !items_grow(t))
		return NULL;
	e = items_slot(t, id);
	if (!e->used) {
		size_t n = strlen(id);

		if (n < sizeof(e->sid))
			memcpy(e->sid, id, n + 1);
		else if (!(e->id = strdup(id)))
			return NULL;
		e->used = true;
		e->hash = str_hash(id);
		t->used++;
		e->live = false;
	}
	if (!e->live) {
		e->live = true;
		e->seq = 0;
		e->by = "";
		e->policy[0] = '\0';
		e->content[0] = '\0';
		snprintf(e->approval, sizeof(e->approval), "none");
	}
	return e;
}

/* Indexes into shapes[]. */
enum {
	T_PROJECT_CREATE,
	T_MEMBER_ADD,
	T_MEMBER_REMOVE,
	T_PHASE_SET,
	T_ASSET_SET,
	T_SYSTEM_SET,
	T_SPEC_DRAFT,
	T_DECISION_SET,
	T_ADVICE_ADD,
	T_APPROVAL_SET,
	T_KEY_REGISTER,
	T_KEY_REVOKE,
	T_MILESTONE_OPEN,
	T_MILESTONE_SIGN,
	T_MINUTES_ADD,
	T_TIMESTAMP_ADD,
	T_PROJECT_UPGRADE,
	T_CHANGE_OPEN,
	T_CHANGE_ASSESS,
	T_CHANGE_DECIDE,
	T_CHANGE_CLOSE,
	T_THREAT_SCORE,
	T_COUNT
};

struct ss_rules {
	char *project;
	int version;
	bool created;
	ss_rules_verify_fn verify;
	const ss_rules_source *src;
	char catalog[128];
	int64_t phase;
	json_t *members; /* person -> {side, role, active} */
	bool lead_ever[2];
	json_t *keys;       /* fingerprint -> {person, public_key, seq, revoked?} */
	json_t *key_order;  /* [fingerprint] */
	json_t *holders;    /* person -> number of keys not revoked */
	json_t *milestones; /* name -> {…, signers {person: true}} */
	json_t *ms_order;   /* [name] */
	json_t *changes;    /* id -> state */
	int64_t nminutes;
	/* verifier mode: the requirements, from the log */
	item_table items; /* id -> {seq, policy, by, approval} */
	bool drafted;
	int64_t risky;
	int64_t last_change;  /* the last event that changed the specification */
	json_t *assets;       /* id -> {seq, level} */
	json_t *systems;      /* name -> seq */
	char last_time[24];   /* of the last event folded */
	int64_t last_seq;     /* the last event folded */
	json_t *upgrade;      /* the upgrade whose change requests are being opened, or NULL */
	bool last_time_known; /* a writer learns it from its store at its first check */
	/* writer mode: after ITEM_LOOKUPS_BULK lookups through the source, every
	 * item is read at once into items; kept while the events appended touch
	 * no requirement (advice only) */
	int64_t lookups;
	bool items_cached;
	/* the type of the events before, which runs of one type share */
	char last_type[48];
	int last_index;
	int action[T_COUNT]; /* ss_perm_action_of each type */
	/* the actor of the events before: member, side, role, active, keys;
	 * dropped by a fold that changes members or keys */
	struct {
		bool valid, active, has_key;
		const json_t *m;
		const char *side, *role;
		signed char allowed[SS_ACT_COUNT]; /* -1: not yet asked */
		char person[256];
	} actor;
};

static void init_types(ss_rules *r);

ss_rules *ss_rules_new(const char *project, ss_rules_verify_fn verify, const ss_rules_source *src)
{
	ss_rules *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->project = strdup(project ? project : "");
	r->verify = verify;
	r->src = src;
	r->version = SS_RULES_VERSION;
	r->phase = 1;
	r->last_index = -1;
	init_types(r);
	r->members = json_object();
	r->keys = json_object();
	r->key_order = json_array();
	r->holders = json_object();
	r->milestones = json_object();
	r->ms_order = json_array();
	r->changes = json_object();
	r->assets = json_object();
	r->systems = json_object();
	r->last_time_known = !src;
	if (!r->assets || !r->systems || !r->project || !r->members || !r->keys || !r->key_order ||
	    !r->holders || !r->milestones || !r->ms_order || !r->changes) {
		ss_rules_free(r);
		return NULL;
	}
	return r;
}

void ss_rules_free(ss_rules *r)
{
	if (!r)
		return;
	free(r->project);
	json_decref(r->members);
	json_decref(r->keys);
	json_decref(r->key_order);
	json_decref(r->holders);
	json_decref(r->milestones);
	json_decref(r->ms_order);
	json_decref(r->changes);
	items_release(&r->items);
	json_decref(r->assets);
	json_decref(r->systems);
	json_decref(r->upgrade);
	free(r);
}

static int hit(ss_rule_hit *h, ss_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int hit(ss_rule_hit *h, ss_rule rule, const char *fmt, ...)
{
	va_list ap;

	h->rule = rule;
	h->code = ss_rule_code(rule);
	va_start(ap, fmt);
	vsnprintf(h->msg, sizeof(h->msg), fmt, ap);
	va_end(ap);
	return h->code;
}

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int side_index(const char *side)
{
	return streq(side, "vendor") ? SIDE_VENDOR : SIDE_USER;
}

/* --- the shape of each event type's data --------------------------------- */

/* Field kinds: 't' text (UTF-8, no control character but \n and \t),
 * 'n' name (an identifier), 'h' 64 hex digits, 'x' hex digits, 'i' integer,
 * 'b' boolean, 'a' array, 'o' object, 'd' date YYYY-MM-DD, 'T' UTC time.
 * An upper-case 'N', 'H' … is not used: optional fields carry opt = true. */
typedef struct {
	const char *name;
	char kind;
	bool opt;
} field;

#define F(n, k)                                                                                    \
	{                                                                                          \
		n, k, false                                                                        \
	}
#define O(n, k)                                                                                    \
	{                                                                                          \
		n, k, true                                                                         \
	}
static const struct {
	const char *type;
	field f[12];
} shapes[] = {
	{"project.create",
	 {F("name", 'n'), F("user_org", 't'), F("vendor_org", 't'), F("catalog_version", 't'),
	  O("display_name", 't'), O("rules", 'i')}},
	{"member.add", {F("person", 'n'), F("side", 'n'), F("role", 'n'), O("display_name", 't')}},
	{"member.remove", {F("person", 'n')}},
	{"phase.set", {F("phase", 'i'), F("from", 'i'), F("forced", 'b'), O("reason", 't')}},
	{"asset.set",
	 {F("id", 'n'), F("kind", 't'), O("label", 't'), F("name", 't'), F("system", 't'),
	  F("devices", 'a'), F("answers", 'o'), F("impact", 'o'), F("level", 'i'),
	  O("supersedes", 'i')}},
	{"system.set",
	 {F("name", 't'), F("devices", 'a'), F("measures", 'a'), O("supersedes", 'i')}},
	{"spec.draft", {F("catalog_version", 't'), F("items", 'a')}},
	{"decision.set",
	 {F("item", 'n'), F("item_hash", 'h'), F("policy", 'n'), O("reason", 't'),
	  O("alternative", 't'), O("review_by", 'd'), F("level", 'i'), O("supersedes", 'i')}},
	{"advice.add", {F("item", 'n'), F("item_hash", 'h'), F("note", 't')}},
	{"approval.set",
	 {F("item", 'n'), F("decision_seq", 'i'), F("verdict", 'n'), O("note", 't')}},
	{"key.register",
	 {F("person", 'n'), F("algorithm", 'n'), F("public_key", 'h'), F("fingerprint", 'h'),
	  O("pop", 'x')}},
	{"key.revoke", {F("fingerprint", 'h'), F("person", 'n'), F("reason", 't')}},
	{"milestone.open",
	 {F("name", 'n'), F("catalog_version", 't'), F("tree_size", 'i'), F("root", 'h'),
	  F("spec_hash", 'h'), F("needs_management", 'b')}},
	{"milestone.sign", {F("name", 'n'), F("spec_hash", 'h')}},
	{"minutes.add",
	 {F("id", 'n'), F("date", 'd'), O("title", 't'), F("attendees", 'a'), F("topics", 'a'),
	  F("items", 'a'), F("attachments", 'a')}},
	{"timestamp.add", {F("milestone", 'n'), F("digest", 'h'), F("time", 'T'), F("token", 'x')}},
	{"project.upgrade",
	 {F("from", 't'), F("to", 't'), F("added", 'a'), F("retired", 'a'), F("changed", 'a')}},
	{"change.open",
	 {F("id", 'n'), F("kind", 'n'), F("item", 'n'), F("from", 't'), F("to", 't'),
	  F("fields", 'a')}},
	{"change.assess", {F("id", 'n'), F("note", 't'), F("reestimate", 'n')}},
	{"change.decide", {F("id", 'n'), F("note", 't')}},
	{"change.close", {F("id", 'n'), O("note", 't')}},
	{"threat.score",
	 {F("technique", 'n'), F("incident", 'i'), F("ease", 'i'), F("reason", 't')}},
};
#undef F
#undef O

/* shapes[] and the T_ indexes list the types in the same order */
_Static_assert(sizeof(shapes) / sizeof(shapes[0]) == T_COUNT, "a T_ index per shape");

static void init_types(ss_rules *r)
{
	int i;

	assert(streq(shapes[T_ADVICE_ADD].type, "advice.add") &&
	       streq(shapes[T_THREAT_SCORE].type, "threat.score"));

	for (i = 0; i < T_COUNT; i++)
		r->action[i] = ss_perm_action_of(shapes[i].type);
}

/* The index of type in shapes[], or -1. */
static int type_index(ss_rules *r, const char *type)
{
	size_t n = strlen(type);
	int i;

	if (r->last_index >= 0 && n < sizeof(r->last_type) &&
	    memcmp(r->last_type, type, n + 1) == 0)
		return r->last_index;
	for (i = 0; i < T_COUNT; i++) {
		if (strcmp(shapes[i].type, type) == 0) {
			if (n < sizeof(r->last_type)) {
				memcpy(r->last_type, type, n + 1);
				r->last_index = i;
			}
			return i;
		}
	}
	return -1;
}

#define TEXT_MAX_BYTES 4000
#define HEX_MAX_BYTES (4u << 20)

static bool is_hex(const char *s, size_t n)
{
	/* lowercase hex digits, a word at a time: per byte, the digits are
	 * 0x30-0x39 and the letters 0x61-0x66 */
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, digit, letter;

		memcpy(&w, s + i, 8);
		if (w & high)
			return false;
		/* each byte b < 0x80: (b | 0x80) - 0x30 keeps bit 7 iff b >= 0x30
		 * (no borrow leaves the byte), b + 0x46 lacks it iff b <= 0x39 (no
		 * carry does); likewise 0x61 <= b <= 0x66 */
		digit = ((w | high) - ones * 0x30) & ~(w + ones * 0x46) & high;
		letter = ((w | high) - ones * 0x61) & ~(w + ones * 0x19) & high;
		if ((digit | letter) != high)
			return false;
	}
	for (; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > NAME_MAX_BYTES)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		bool alnum =
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || !strchr("._@+-", c)))
			return false;
	}
	return true;
}

static bool text_ok(const char *s, size_t n)
{
	size_t i;

	if (n > TEXT_MAX_BYTES || !ss_utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
			return false;
	return true;
}

static bool digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

bool ss_rules_time_valid(const char *s)
{
	char date[11];

	if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    !digits(s + 11, 2) || !digits(s + 14, 2) || !digits(s + 17, 2))
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	return ss_date_valid(date) && num2(s + 11) < 24 && num2(s + 14) < 60 && num2(s + 17) < 61;
}

/* --- the data object, from jansson or as a flat view ---------------------- */

static void field_of_json(ss_rules_field *f, const char *key, const json_t *v)
{
	memset(f, 0, sizeof(*f));
	f->key = key;
	switch (json_typeof(v)) {
	case JSON_STRING:
		f->kind = 's';
		f->s = json_string_value(v);
		f->len = json_string_length(v);
		break;
	case JSON_INTEGER:
		f->kind = 'i';
		f->i = (int64_t)json_integer_value(v);
		break;
	case JSON_TRUE:
		f->kind = 't';
		break;
	case JSON_FALSE:
		f->kind = 'f';
		break;
	case JSON_NULL:
		f->kind = 'n';
		break;
	case JSON_ARRAY:
		f->kind = 'a';
		break;
	case JSON_OBJECT:
		f->kind = 'o';
		break;
	default:
		f->kind = 'r';
	}
}

/* Whether data has key, and its value in *f. */
static bool dfield(const ss_rules_data *d, const char *key, ss_rules_field *f)
{
	size_t i, n;

	if (d->json) {
		const json_t *v = json_object_get(d->json, key);

		if (!v)
			return false;
		field_of_json(f, key, v);
		return true;
	}
	n = strlen(key);
	for (i = 0; i < d->n; i++) {
		if (d->f[i].key_len == n && memcmp(d->f[i].key, key, n) == 0) {
			*f = d->f[i];
			return true;
		}
	}
	return false;
}

/* As ss_js, ss_js_or_null, ss_ji and json_is_true on a jansson object. */
static const char *dstr_or_null(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return dfield(d, key, &f) && f.kind == 's' ? f.s : NULL;
}

static const char *dstr(const ss_rules_data *d, const char *key)
{
	const char *s = dstr_or_null(d, key);

	return s ? s : "";
}

static size_t dlen(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return dfield(d, key, &f) && f.kind == 's' ? f.len : 0;
}

static int64_t dint(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return dfield(d, key, &f) && f.kind == 'i' ? f.i : 0;
}

static bool dhas(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return dfield(d, key, &f);
}

static bool dtrue(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return dfield(d, key, &f) && f.kind == 't';
}

/* A nested value: only data read with jansson has any (a flat view holds
 * scalars, and iterating a scalar as an array visits nothing). */
static const json_t *djson(const ss_rules_data *d, const char *key)
{
	return d->json ? json_object_get(d->json, key) : NULL;
}

void ss_rules_data_json(ss_rules_data *d, const json_t *obj)
{
	d->json = obj;
	d->n = 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int ss_rules_data_flat(ss_rules_data *d, const ss_json_member *m, size_t n, int parent,
		       char *scratch, size_t cap)
{
	size_t i, used = 0;

	d->json = NULL;
	d->n = 0;
	for (i = 0; i < n; i++) {
		const ss_json_member *e = &m[i];
		ss_rules_field *f;

		if (e->parent != parent)
			continue;
		if (d->n >= SS_RULES_FLAT_MAX || e->kind == 'a' || e->kind == 'o')
			return -1;
		f = &d->f[d->n++];
		memset(f, 0, sizeof(*f));
		f->key = e->key;
		f->key_len = e->key_len;
		f->kind = e->kind;
		if (e->kind == 'i') {
			/* canonical: -?[0-9]+ within int64 */
			const char *p = e->val, *end = e->val + e->val_len;
			bool neg = *p == '-';
			uint64_t u = 0;

			for (p += neg; p < end; p++)
				u = u * 10 + (uint64_t)(*p - '0');
			f->i = neg ? (int64_t)(0 - u) : (int64_t)u;
		} else if (e->kind == 's') {
			const char *p = e->val, *end = e->val + e->val_len;
			char *o = scratch + used;

			if (cap - used < (size_t)e->val_len + 1)
				return -1;
			if (!e->esc) {
				memcpy(o, p, e->val_len);
				o += e->val_len;
			} else {
				/* the escapes a canonical string may hold */
				while (p < end) {
					if (*p != '\\') {
						*o++ = *p++;
						continue;
					}
					switch (p[1]) {
					case 'b':
						*o++ = '\b';
						break;
					case 'f':
						*o++ = '\f';
						break;
					case 'n':
						*o++ = '\n';
						break;
					case 'r':
						*o++ = '\r';
						break;
					case 't':
						*o++ = '\t';
						break;
					case 'u': {
						int v = hexval(p[4]) * 16 + hexval(p[5]);

						if (v == 0)
							return -1; /* jansson refuses U+0000 */
						*o++ = (char)v;
						p += 4;
						break;
					}
					default:
						*o++ = p[1];
					}
					p += 2;
				}
			}
			*o++ = '\0';
			f->s = scratch + used;
			f->len = (size_t)(o - f->s) - 1;
			used = (size_t)(o - scratch);
		}
	}
	return 0;
}

static bool field_ok(const ss_rules_field *f, char kind)
{
	const char *s = f->kind == 's' ? f->s : NULL;
	size_t n = f->len;

	switch (kind) {
	case 'i':
		return f->kind == 'i';
	case 'b':
		return f->kind == 't' || f->kind == 'f';
	case 'a':
		return f->kind == 'a';
	case 'o':
		return f->kind == 'o';
	default:
		break;
	}
	if (!s || memchr(s, '\0', n)) /* a string, without NUL inside */
		return false;
	switch (kind) {
	case 'n':
		return name_ok(s, n);
	case 'h':
		return n == 64 && is_hex(s, n);
	case 'x':
		return n > 0 && n % 2 == 0 && n <= HEX_MAX_BYTES && is_hex(s, n);
	case 'd':
		return ss_date_valid(s);
	case 'T':
		return ss_rules_time_valid(s);
	default:
		return text_ok(s, n);
	}
}

static bool value_ok(const json_t *v, char kind)
{
	ss_rules_field f;

	field_of_json(&f, "", v);
	return field_ok(&f, kind);
}

static bool array_of_names(const json_t *a)
{
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (!json_is_string(e) || !name_ok(json_string_value(e), json_string_length(e)))
			return false;
	}
	return true;
}

static bool array_of_texts(const json_t *a)
{
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (!value_ok(e, 't'))
			return false;
	}
	return true;
}

/* [[id, content hash], …] */
static bool array_of_items(const json_t *a)
{
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (json_array_size(e) != 2 || !value_ok(json_array_get(e, 0), 'n') ||
		    !value_ok(json_array_get(e, 1), 'h'))
			return false;
	}
	return true;
}

static bool one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (streq(s, *set))
			return true;
	return false;
}

/* The nested values that the rules read, and the enumerations. */
static const char *nested_problem(const char *type, const ss_rules_data *d)
{
	static const char *const sides[] = {"user", "vendor", NULL};
	static const char *const roles[] = {"lead", "member", "management", "auditor", NULL};
	static const char *const policies[] = {"implement", "accept", "alternative", "na", NULL};
	static const char *const verdicts[] = {"approved", "rejected", NULL};
	static const char *const kinds[] = {"item-changed", "new-default", "retired", NULL};
	static const char *const estimates[] = {"none", "cost", "date", "both", NULL};

	if (streq(type, "member.add")) {
		if (!one_of(dstr(d, "side"), sides))
			return "side is not user or vendor";
		if (!one_of(dstr(d, "role"), roles))
			return "role is not lead, member, management or auditor";
	} else if (streq(type, "decision.set")) {
		if (!one_of(dstr(d, "policy"), policies))
			return "policy is not implement, accept, alternative or na";
		if (dhas(d, "review_by") && !streq(dstr(d, "policy"), "accept"))
			return "review_by goes only with policy accept";
		if (dhas(d, "alternative") && !streq(dstr(d, "policy"), "alternative"))
			return "alternative goes only with policy alternative";
		if (dint(d, "level") < 0 || dint(d, "level") > 3)
			return "level is not 0 to 3";
	} else if (streq(type, "approval.set")) {
		if (!one_of(dstr(d, "verdict"), verdicts))
			return "verdict is not approved or rejected";
	} else if (streq(type, "key.register")) {
		if (!streq(dstr(d, "algorithm"), "ed25519"))
			return "algorithm is not ed25519";
		if (dhas(d, "pop") && dlen(d, "pop") != 128)
			return "pop is not a 64-byte signature";
	} else if (streq(type, "spec.draft")) {
		if (!array_of_items(djson(d, "items")))
			return "items is not a list of [id, content hash]";
	} else if (streq(type, "project.upgrade")) {
		if (!array_of_items(djson(d, "added")) || !array_of_names(djson(d, "retired")) ||
		    !array_of_names(djson(d, "changed")))
			return "added, retired or changed is not a list of items";
	} else if (streq(type, "minutes.add")) {
		const json_t *a;
		size_t i;

		if (!array_of_names(djson(d, "attendees")) || !array_of_names(djson(d, "items")) ||
		    !array_of_texts(djson(d, "topics")))
			return "attendees, items or topics is not a list of names";
		json_array_foreach(djson(d, "attachments"), i, a) {
			if (json_object_size(a) != 3 ||
			    !value_ok(json_object_get(a, "name"), 't') ||
			    !value_ok(json_object_get(a, "sha256"), 'h') ||
			    !json_is_integer(json_object_get(a, "size")) || ss_ji(a, "size") < 0)
				return "an attachment is not {name, sha256, size}";
		}
	} else if (streq(type, "change.open")) {
		if (!one_of(dstr(d, "kind"), kinds))
			return "kind is not item-changed, new-default or retired";
		if (!array_of_names(djson(d, "fields")))
			return "fields is not a list of names";
	} else if (streq(type, "change.assess")) {
		if (!one_of(dstr(d, "reestimate"), estimates))
			return "reestimate is not none, cost, date or both";
	} else if (streq(type, "asset.set")) {
		static const char *const axes[] = {"duration", "reach", "damage", "trust", NULL};
		const json_t *im = djson(d, "impact");
		const char *const *a;

		if (json_object_size(im) != 4)
			return "impact is not {duration, reach, damage, trust}";
		for (a = axes; *a; a++)
			if (!json_is_integer(json_object_get(im, *a)) || ss_ji(im, *a) < 1 ||
			    ss_ji(im, *a) > 3)
				return "impact is not {duration, reach, damage, trust}, each 1 to "
				       "3";
	} else if (streq(type, "threat.score")) {
		const char *t = dstr(d, "technique");
		size_t n = strlen(t), i;
		bool ok = (n == 5 || n == 9) && t[0] == 'T';

		for (i = 1; ok && i < n; i++)
			ok = i == 5 ? t[i] == '.' : (t[i] >= '0' && t[i] <= '9');
		if (!ok)
			return "technique is not an ATT&CK id like T1110 or T1110.001";
		if (dint(d, "incident") < 1 || dint(d, "incident") > 3 || dint(d, "ease") < 1 ||
		    dint(d, "ease") > 3)
			return "incident and ease are 1 to 3";
	} else if (streq(type, "phase.set")) {
		if (dint(d, "phase") < 1 || dint(d, "phase") > 12 || dint(d, "from") < 1 ||
		    dint(d, "from") > 12)
			return "phase and from are steps 1 to 12";
	} else if (streq(type, "milestone.open") || streq(type, "milestone.sign")) {
		const char *n = dstr(d, "name");

		if (dint(d, "tree_size") < 0)
			return "tree_size is negative";
		if (strlen(n) > 64 ||
		    !((n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z')))
			return "a milestone's name starts with a letter and has at most 64 "
			       "characters";
	} else if (streq(type, "project.create")) {
		if (!*dstr(d, "user_org") || !*dstr(d, "vendor_org"))
			return "user_org and vendor_org name the two organisations";
	}
	return NULL;
}

/* The types nested_problem looks further into. */
static const bool has_nested[T_COUNT] = {
	[T_MEMBER_ADD] = true,     [T_DECISION_SET] = true, [T_APPROVAL_SET] = true,
	[T_KEY_REGISTER] = true,   [T_SPEC_DRAFT] = true,   [T_PROJECT_UPGRADE] = true,
	[T_MINUTES_ADD] = true,    [T_CHANGE_OPEN] = true,  [T_CHANGE_ASSESS] = true,
	[T_THREAT_SCORE] = true,   [T_PHASE_SET] = true,    [T_MILESTONE_OPEN] = true,
	[T_MILESTONE_SIGN] = true, [T_ASSET_SET] = true,    [T_PROJECT_CREATE] = true};

static bool shape_has(int shape, const char *key, size_t klen)
{
	size_t k;

	for (k = 0; k < 12 && shapes[shape].f[k].name; k++)
		if (strlen(shapes[shape].f[k].name) == klen &&
		    memcmp(shapes[shape].f[k].name, key, klen) == 0)
			return true;
	return false;
}

static int check_shape(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int *shape)
{
	const ss_rules_data *d = ev->data;
	const char *why;
	size_t i, k, known = 0, size;
	ss_rules_field v;

	if ((*shape = type_index(r, ev->type)) < 0)
		return hit(h, SS_RULE_EVENT_TYPE, "unknown event type '%.40s'", ev->type);
	if (d->json && !json_is_object(d->json))
		return hit(h, SS_RULE_EVENT_DATA, "%s: data is not an object", ev->type);
	for (k = 0; k < 12 && shapes[*shape].f[k].name; k++) {
		const field *f = &shapes[*shape].f[k];

		if (!dfield(d, f->name, &v)) {
			if (!f->opt)
				return hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is missing",
					   ev->type, f->name);
			continue;
		}
		known++;
		if (!field_ok(&v, f->kind))
			return hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid %s", ev->type,
				   f->name,
				   f->kind == 'i'   ? "integer"
				   : f->kind == 'b' ? "boolean"
				   : f->kind == 'a' ? "array"
				   : f->kind == 'o' ? "object"
				   : f->kind == 'n' ? "name"
				   : f->kind == 'h' ? "hash (64 hex digits)"
				   : f->kind == 'x' ? "hex string"
				   : f->kind == 'd' ? "date"
				   : f->kind == 'T' ? "time"
						    : "text");
	}
	size = d->json ? json_object_size(d->json) : d->n;
	if (known != size) {
		const char *key;
		json_t *jv;

		if (d->json) {
			json_object_foreach((json_t *)d->json, key, jv) {
				if (!shape_has(*shape, key, strlen(key)))
					return hit(h, SS_RULE_EVENT_DATA,
						   "%s: unknown field data.%.40s", ev->type, key);
			}
		}
		for (i = 0; !d->json && i < d->n; i++) {
			size_t klen = d->f[i].key_len;

			if (!shape_has(*shape, d->f[i].key, klen))
				return hit(h, SS_RULE_EVENT_DATA, "%s: unknown field data.%.*s",
					   ev->type, (int)(klen < 40 ? klen : 40), d->f[i].key);
		}
	}
	if (has_nested[*shape] && (why = nested_problem(ev->type, d)) != NULL)
		return hit(h, SS_RULE_EVENT_DATA, "%s: %s", ev->type, why);
	return 0;
}

/* --- helpers over the state ----------------------------------------------- */

static json_t *member(const ss_rules *r, const char *person)
{
	return json_object_get(r->members, person);
}

static bool active(const json_t *m)
{
	return m && json_is_true(json_object_get(m, "active"));
}

bool ss_rules_has_key(const ss_rules *r, const char *person)
{
	return ss_ji(r->holders, person) > 0;
}

bool ss_rules_member(const ss_rules *r, const char *person, const char **side, const char **role)
{
	const json_t *m = member(r, person);

	*side = m ? ss_js(m, "side") : "";
	*role = m ? ss_js(m, "role") : "";
	return active(m);
}

int ss_rules_version(const ss_rules *r)
{
	return r->version;
}

bool ss_rules_type_is_item(const char *type)
{
	static const char *const item_types[] = {"asset.set",    "system.set", "spec.draft",
						 "decision.set", "advice.add", "approval.set",
						 "threat.score", NULL};

	return one_of(type, item_types);
}

typedef struct {
	int64_t seq;
	char policy[32], approval[16], hash[65];
	const char *by; /* the writer's source fills by_buf */
	char by_buf[NAME_MAX_BYTES + 1];
} item_state;

#define ITEM_LOOKUPS_BULK 64

static int cache_item(void *ctx, const char *id, int64_t seq, const char *policy,
		      const char *decider, const char *approval, const char *hash)
{
	ss_rules *r = ctx;
	item_entry *e = items_put(&r->items, id);
	const char *name = e ? items_name(&r->items, decider) : NULL;

	if (!name)
		return ss_error_set(SS_ENOMEM, "out of memory");
	e->seq = seq;
	snprintf(e->policy, sizeof(e->policy), "%s", policy);
	e->by = name;
	snprintf(e->approval, sizeof(e->approval), "%s", approval);
	snprintf(e->content, sizeof(e->content), "%s", hash);
	return 0;
}

static int source_error(ss_rule_hit *h, int error);

/* 1 and *out when id is in the specification, 0 when not, < 0 on error. */
static int item_get(ss_rule_hit *h, ss_rules *r, const char *id, item_state *out)
{
	const item_entry *it;
	int found;

	if (r->src && !r->items_cached && r->src->items && ++r->lookups > ITEM_LOOKUPS_BULK) {
		if ((found = r->src->items(r->src->ctx, cache_item, r)) < 0) {
			items_release(&r->items);
			return source_error(h, found);
		}
		r->items_cached = true;
	}
	if (r->src && !r->items_cached) {
		memset(out, 0, sizeof(*out));
		out->by = out->by_buf;
		found = r->src->item(r->src->ctx, id, &out->seq, out->policy, sizeof(out->policy),
				     out->by_buf, sizeof(out->by_buf), out->approval,
				     sizeof(out->approval), out->hash, sizeof(out->hash));
		if (found < 0) {
			h->rule = SS_RULE_NONE;
			h->code = found;
			snprintf(h->msg, sizeof(h->msg), "%s", ss_error_last());
		}
		return found;
	}
	if (!(it = items_find(&r->items, id)))
		return 0;
	/* each string was cut to its field's size when stored */
	out->seq = it->seq;
	memcpy(out->policy, it->policy, sizeof(out->policy));
	out->by = it->by;
	memcpy(out->approval, it->approval, sizeof(out->approval));
	memcpy(out->hash, it->content, sizeof(out->hash));
	return 1;
}

static int source_error(ss_rule_hit *h, int error)
{
	h->rule = SS_RULE_NONE;
	h->code = error;
	snprintf(h->msg, sizeof(h->msg), "%s", ss_error_last());
	return error;
}

static bool risky_policy(const char *p)
{
	return streq(p, "accept") || streq(p, "alternative");
}

/* --- the checks ------------------------------------------------------------ */

static int check_create(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	ss_rules_field v;
	bool has_v = dfield(ev->data, "rules", &v);
	int64_t vi = has_v && v.kind == 'i' ? v.i : 0;

	if (r->created || ev->seq != 1)
		return hit(h, SS_RULE_PROJECT_CREATE, "a second project.create, at event %lld",
			   (long long)ev->seq);
	if (!name_ok(ev->actor, strlen(ev->actor)))
		return hit(h, SS_RULE_PROJECT_CREATE, "the creator '%.60s' is not a person's id",
			   ev->actor);
	if (!streq(ev->role, "lead") || (!streq(ev->side, "user") && !streq(ev->side, "vendor")))
		return hit(h, SS_RULE_PROJECT_CREATE,
			   "the creator must be the lead of the user or the vendor side");
	if (!streq(dstr(ev->data, "name"), r->project))
		return hit(h, SS_RULE_PROJECT_CREATE, "project.create names project '%.60s'",
			   dstr(ev->data, "name"));
	if (has_v && (vi < 1 || vi > SS_RULES_VERSION))
		return hit(h, SS_RULE_RULES_VERSION,
			   "the project was created under rules version %lld, which this "
			   "version of secspec does not know (it knows 1 to %d)",
			   (long long)vi, SS_RULES_VERSION);
	return 0;
}

static void actor_load(ss_rules *r, const char *person)
{
	size_t n = strlen(person);

	if (r->actor.valid && n < sizeof(r->actor.person) &&
	    memcmp(r->actor.person, person, n + 1) == 0)
		return;
	r->actor.m = member(r, person);
	r->actor.active = active(r->actor.m);
	r->actor.side = r->actor.m ? ss_js(r->actor.m, "side") : "";
	r->actor.role = r->actor.m ? ss_js(r->actor.m, "role") : "";
	r->actor.has_key = ss_rules_has_key(r, person);
	memset(r->actor.allowed, -1, sizeof(r->actor.allowed));
	r->actor.valid = n < sizeof(r->actor.person);
	if (r->actor.valid)
		memcpy(r->actor.person, person, n + 1);
}

/* The actor's membership and permission (actor_load has read the actor). */
static int check_actor(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int shape)
{
	int action = r->action[shape];

	if (!r->actor.active)
		return hit(h, SS_RULE_ACTOR_MEMBER,
			   "%.100s was not an active member when this was "
			   "recorded",
			   ev->actor);
	if (!streq(r->actor.side, ev->side) || !streq(r->actor.role, ev->role))
		return hit(h, SS_RULE_ACTOR_CLAIM, "%s acted as %s/%s but was %s/%s at the time",
			   ev->actor, ev->side, ev->role, r->actor.side, r->actor.role);
	if (action >= 0 && r->actor.allowed[action] < 0)
		r->actor.allowed[action] =
			ss_perm_allows((ss_action)action, ev->side, ev->role) ? 1 : 0;
	if (action < 0 || !r->actor.allowed[action])
		return hit(h, SS_RULE_PERMISSION, "%s (%s side, %s) may not %s: only %s may",
			   ev->actor, ev->side, ev->role, ss_perm_name((ss_action)action),
			   ss_perm_who((ss_action)action));
	return 0;
}

static int check_signature(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *k;
	const char *pub;

	if (!ev->key) {
		if (ev->sig)
			return hit(h, SS_RULE_SIG_UNEXPECTED,
				   "a signature on an event that names no key");
		if (r->actor.has_key)
			return hit(h, SS_RULE_SIG_REQUIRED,
				   "%s has a registered key: sign the change with --key FILE (or "
				   "SECSPEC_KEY)",
				   ev->actor);
		return 0;
	}
	if (!ev->sig)
		return hit(h, SS_RULE_SIG_MISSING, "the signature of this event is missing");
	k = json_object_get(r->keys, ev->key);
	if (k) {
		if (!streq(ss_js(k, "person"), ev->actor))
			return hit(h, SS_RULE_SIG_KEY_OWNER,
				   "key %.16s… is registered to %s, not to %s", ev->key,
				   ss_js(k, "person"), ev->actor);
		if (json_object_get(k, "revoked"))
			return hit(h, SS_RULE_SIG_KEY_REVOKED,
				   "key %.16s… of %s was revoked at event %lld", ev->key, ev->actor,
				   (long long)ss_ji(k, "revoked"));
		pub = ss_js(k, "public_key");
	} else if (streq(ev->type, "key.register") &&
		   streq(dstr(ev->data, "fingerprint"), ev->key) &&
		   !ss_rules_has_key(r, ev->actor)) {
		pub = dstr(ev->data, "public_key"); /* a first key signs its own registration */
	} else {
		return hit(h, SS_RULE_SIG_KEY_UNKNOWN,
			   "key %.16s… is not registered to %s in this project; register it with "
			   "'secspec key register'",
			   ev->key, ev->actor);
	}
	if (ev->sig_later && !ev->sig_made && r->verify) {
		h->sig_pub = pub; /* the caller verifies; the other rules go on */
		return 0;
	}
	if (!ev->sig_made && (!r->verify || r->verify(pub, ev->body, ev->body_len, ev->sig) != 0))
		return hit(h, SS_RULE_SIG_INVALID, "the signature does not match the event");
	return 0;
}

static int check_member_add(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *person = dstr(ev->data, "person"), *side = dstr(ev->data, "side");
	const char *role = dstr(ev->data, "role");
	const json_t *m = member(r, person);

	if (streq(person, ev->actor))
		return hit(h, SS_RULE_MEMBER_SELF,
			   "nobody changes their own membership; ask another lead");
	if (streq(role, "management") && !streq(side, "user"))
		return hit(h, SS_RULE_MEMBER_MANAGEMENT_SIDE,
			   "management approval belongs to the user side; add %s with --side "
			   "user",
			   person);
	if (m && !streq(ss_js(m, "side"), side))
		return hit(h, SS_RULE_MEMBER_SIDE_FIXED,
			   "%s belongs to the %s side for the life of the project", person,
			   ss_js(m, "side"));
	if (!streq(side, ev->side)) {
		/* a lead invites the other side's first lead, once; after that
		 * each side's lead manages their own people */
		if (m || !streq(role, "lead") || r->lead_ever[side_index(side)])
			return hit(h,
				   m || r->lead_ever[side_index(side)] ? SS_RULE_MEMBER_OWN_SIDE
								       : SS_RULE_MEMBER_FIRST_LEAD,
				   "%s (%s side) may not add %s-side members: each side's lead "
				   "adds its own people (a lead may add only the other side's "
				   "first lead)",
				   ev->actor, ev->side, side);
	}
	if (active(m) && streq(ss_js(m, "role"), role))
		return hit(h, SS_RULE_MEMBER_UNCHANGED, "%s is already a %s-side %s", person, side,
			   role);
	return 0;
}

static int check_member_remove(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *person = dstr(ev->data, "person");
	const json_t *m = member(r, person);

	if (streq(person, ev->actor))
		return hit(h, SS_RULE_MEMBER_SELF,
			   "nobody changes their own membership; ask another lead");
	if (!active(m))
		return hit(h, SS_RULE_MEMBER_NOT_ACTIVE, "%s is not an active member", person);
	if (!streq(ss_js(m, "side"), ev->side))
		return hit(h, SS_RULE_MEMBER_OWN_SIDE,
			   "a lead removes members of their own side, other than themselves");
	return 0;
}

static int check_key_register(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *pub = dstr(d, "public_key"), *fpr = dstr(d, "fingerprint");
	const char *pop = dstr_or_null(d, "pop");
	uint8_t raw[32], digest[SS_SHA256_LEN];
	char hex[SS_SHA256_HEX], msg[1024];

	if (!streq(dstr(d, "person"), ev->actor))
		return hit(h, SS_RULE_KEY_OWNER,
			   "%s registers a key for %s: a key is registered "
			   "by its holder",
			   ev->actor, dstr(d, "person"));
	if (ss_hex_decode(raw, sizeof(raw), pub) < 0)
		return hit(h, SS_RULE_KEY_FINGERPRINT, "the public key is not 32 bytes of hex");
	ss_sha256(digest, raw, sizeof(raw));
	ss_hex_encode(hex, digest, sizeof(digest));
	if (!streq(hex, fpr))
		return hit(h, SS_RULE_KEY_FINGERPRINT,
			   "the key's fingerprint does not match its public key");
	if (json_object_get(r->keys, fpr))
		return hit(h, SS_RULE_KEY_DUPLICATE, "key %.16s… is already registered to %s", fpr,
			   ss_js(json_object_get(r->keys, fpr), "person"));
	if (!ss_rules_has_key(r, ev->actor) && !streq(ev->key, fpr))
		return hit(h, SS_RULE_KEY_SELF_SIGNED,
			   "a first key is registered with a signature by that key");
	if (ss_rules_has_key(r, ev->actor) && !pop)
		return hit(h, SS_RULE_KEY_POP,
			   "a further key registered without its proof of possession");
	if (pop) {
		if (ss_rules_pop_message(msg, sizeof(msg), r->project, ev->actor, fpr) < 0 ||
		    !r->verify || r->verify(pub, msg, strlen(msg), pop) != 0)
			return hit(h, SS_RULE_KEY_POP,
				   "the new key did not sign its registration (proof of "
				   "possession fails)");
	}
	return 0;
}

static int check_key_revoke(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *k = json_object_get(r->keys, dstr(ev->data, "fingerprint"));
	const char *owner;
	const json_t *om;

	if (!k)
		return hit(h, SS_RULE_KEY_REVOKE_UNKNOWN, "key %.16s… is not registered",
			   dstr(ev->data, "fingerprint"));
	if (json_object_get(k, "revoked"))
		return hit(h, SS_RULE_KEY_REVOKE_UNKNOWN, "key %.16s… was already revoked",
			   dstr(ev->data, "fingerprint"));
	owner = ss_js(k, "person");
	if (!streq(dstr(ev->data, "person"), owner))
		return hit(h, SS_RULE_KEY_REVOKE_HOLDER,
			   "names %s as the key's holder, but it is registered to %s",
			   dstr(ev->data, "person"), owner);
	om = member(r, owner);
	if (!streq(ev->actor, owner) &&
	    !(streq(ev->role, "lead") && streq(ev->side, ss_js(om, "side"))))
		return hit(h, SS_RULE_KEY_REVOKE_WHO,
			   "%s may not revoke the key of %s: only its holder or the lead of "
			   "their side may",
			   ev->actor, owner);
	return 0;
}

static int project_level(const ss_rules *r, int64_t *out);

/* A decision or advice is frozen to the item's text: the content hash the
 * specification holds for it (from the draft or the upgrade that added it;
 * an upgrade that changed the item's text leaves it to the catalog). */
static int check_item_hash(ss_rule_hit *h, const item_state *it, const ss_rules_event *ev)
{
	if (it->hash[0] && !streq(it->hash, dstr(ev->data, "item_hash")))
		return hit(h, SS_RULE_ITEM_HASH,
			   "%s: item_hash %.12s… is not the content hash of the item in the "
			   "specification (%.12s…)",
			   dstr(ev->data, "item"), dstr(ev->data, "item_hash"), it->hash);
	return 0;
}

static int check_decision(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *policy = dstr(d, "policy"), *id = dstr(d, "item");
	bool sup = dhas(d, "supersedes");
	int64_t sup_seq = dint(d, "supersedes");
	int64_t level = 0;
	item_state it;
	int found, error;

	if ((found = item_get(h, r, id, &it)) < 0)
		return found;
	if (!found)
		return hit(h, SS_RULE_ITEM_UNKNOWN,
			   "item '%.60s' is not in this project's specification", id);
	if ((error = check_item_hash(h, &it, ev)) < 0)
		return error;
	if (!streq(policy, "implement") && !*dstr(d, "reason"))
		return hit(h, SS_RULE_DECISION_REASON,
			   "--policy %s needs --reason: the user's reason for not implementing "
			   "the mitigation is the evidence the process requires",
			   policy);
	if (streq(policy, "alternative") && !*dstr(d, "alternative"))
		return hit(h, SS_RULE_DECISION_REASON,
			   "--policy alternative needs --alternative describing the other measure");
	if ((error = project_level(r, &level)) < 0)
		return source_error(h, error);
	if (dint(d, "level") != level)
		return hit(h, SS_RULE_DECISION_LEVEL,
			   "%s: the decision records level L%lld, but the project's assets are at "
			   "L%lld",
			   id, (long long)dint(d, "level"), (long long)level);
	if ((it.seq ? !sup || sup_seq != it.seq : sup))
		return hit(h, SS_RULE_DECISION_SUPERSEDES,
			   "%s: the decision replaces event %lld, but the item's decision is "
			   "event %lld",
			   id, sup ? (long long)sup_seq : 0LL, (long long)it.seq);
	return 0;
}

static int asset_get(const ss_rules *r, const char *id, int64_t *seq, int64_t *level)
{
	const json_t *a;

	*seq = *level = 0;
	if (r->src)
		return r->src->asset(r->src->ctx, id, seq, level);
	if (!(a = json_object_get(r->assets, id)))
		return 0;
	*seq = ss_ji(a, "seq");
	*level = ss_ji(a, "level");
	return 1;
}

static int project_level(const ss_rules *r, int64_t *out)
{
	const char *id;
	const json_t *a;

	*out = 0;
	if (r->src)
		return r->src->level(r->src->ctx, out);
	json_object_foreach(r->assets, id, a) {
		if (ss_ji(a, "level") > *out)
			*out = ss_ji(a, "level");
	}
	return 0;
}

/* A record replaces the one it names, and only that: supersedes is the
 * event of the record it corrects, absent for a new one. */
static bool supersedes_ok(const json_t *d, int found, int64_t seq)
{
	const json_t *sup = json_object_get(d, "supersedes");

	return found ? sup && json_integer_value(sup) == seq : !sup;
}

static int check_asset(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	/* asset.set nests objects: its data is read with jansson */
	const json_t *d = ev->data->json, *im = json_object_get(d, "impact");
	int64_t seq, level, max = 0, v;
	int found;
	const char *axes[] = {"duration", "reach", "damage", "trust"};
	size_t i;

	if (r->src) {
		if ((found = r->src->system(r->src->ctx, ss_js(d, "system"), &seq)) < 0)
			return source_error(h, found);
	} else {
		found = json_object_get(r->systems, ss_js(d, "system")) != NULL;
	}
	if (!found)
		return hit(h, SS_RULE_ASSET_SYSTEM, "asset %s: system '%.60s' was never recorded",
			   ss_js(d, "id"), ss_js(d, "system"));
	if ((found = asset_get(r, ss_js(d, "id"), &seq, &level)) < 0)
		return source_error(h, found);
	if (!supersedes_ok(d, found, seq))
		return hit(
			h, SS_RULE_ASSET_SUPERSEDES,
			found ? "asset %s already exists (event %lld); a correction names it with "
				"supersedes"
			      : "asset %s does not exist, nothing to supersede (event %lld)",
			ss_js(d, "id"), (long long)seq);
	for (i = 0; i < 4; i++)
		if ((v = ss_ji(im, axes[i])) > max)
			max = v;
	if (ss_ji(d, "level") != max)
		return hit(h, SS_RULE_ASSET_LEVEL,
			   "asset %s: level L%lld is not the highest of its impacts (L%lld)",
			   ss_js(d, "id"), (long long)ss_ji(d, "level"), (long long)max);
	return 0;
}

static int check_system(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	/* system.set nests arrays: its data is read with jansson */
	const json_t *d = ev->data->json, *m;
	int64_t seq = 0;
	int found;
	size_t i;

	if (r->src) {
		if ((found = r->src->system(r->src->ctx, ss_js(d, "name"), &seq)) < 0)
			return source_error(h, found);
	} else {
		found = (m = json_object_get(r->systems, ss_js(d, "name"))) != NULL;
		seq = found ? (int64_t)json_integer_value(m) : 0;
	}
	if (!supersedes_ok(d, found, seq))
		return hit(
			h, SS_RULE_SYSTEM_SUPERSEDES,
			found ? "system %.60s already exists (event %lld); a correction names it "
				"with supersedes"
			      : "system %.60s does not exist, nothing to supersede (event %lld)",
			ss_js(d, "name"), (long long)seq);
	json_array_foreach(json_object_get(d, "measures"), i, m) {
		if (json_object_size(m) != 2 || !value_ok(json_object_get(m, "policy"), 't') ||
		    !value_ok(json_object_get(m, "implementation"), 't'))
			return hit(h, SS_RULE_EVENT_DATA,
				   "system.set: a measure is not {policy, implementation}");
	}
	if (!array_of_texts(json_object_get(d, "devices")))
		return hit(h, SS_RULE_EVENT_DATA, "system.set: devices is not a list of texts");
	return 0;
}

static int check_advice(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	item_state it;
	int found;

	if ((found = item_get(h, r, dstr(ev->data, "item"), &it)) < 0)
		return found;
	if (!found)
		return hit(h, SS_RULE_ITEM_UNKNOWN,
			   "item '%.60s' is not in this project's specification",
			   dstr(ev->data, "item"));
	if ((found = check_item_hash(h, &it, ev)) < 0)
		return found;
	if (!*dstr(ev->data, "note"))
		return hit(h, SS_RULE_ADVICE_NOTE,
			   "--note is required: the vendor's advice on "
			   "whether the mitigation is needed");
	return 0;
}

static int check_approval(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *id = dstr(d, "item");
	item_state it;
	int found;

	if ((found = item_get(h, r, id, &it)) < 0)
		return found;
	if (!found)
		return hit(h, SS_RULE_ITEM_UNKNOWN,
			   "item '%.60s' is not in this project's specification", id);
	if (!it.seq || !risky_policy(it.policy) || dint(d, "decision_seq") != it.seq)
		return hit(h, SS_RULE_APPROVAL_TARGET,
			   "%s: event %lld is not a risk acceptance or alternative measure "
			   "awaiting approval (the item's decision is event %lld, policy %s)",
			   id, (long long)dint(d, "decision_seq"), (long long)it.seq,
			   *it.policy ? it.policy : "none");
	if (!streq(it.approval, "none") && *it.approval)
		return hit(h, SS_RULE_APPROVAL_REPEAT,
			   "%s was already %s; a new decision starts a new approval", id,
			   it.approval);
	if (streq(it.by, ev->actor))
		return hit(h, SS_RULE_APPROVAL_SELF,
			   "%s: %s decided this and may not approve it; another manager must", id,
			   ev->actor);
	if (streq(dstr(d, "verdict"), "rejected") && !*dstr(d, "note"))
		return hit(h, SS_RULE_APPROVAL_NOTE, "a rejection needs --note saying why");
	return 0;
}

static int check_draft(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	bool drafted = r->drafted;
	int error;

	if (r->src && (error = r->src->drafted(r->src->ctx, &drafted)) < 0)
		return source_error(h, error);
	if (drafted)
		return hit(h, SS_RULE_DRAFT_REPEAT, "project %s already has its draft", r->project);
	if (!streq(dstr(ev->data, "catalog_version"), r->catalog))
		return hit(h, SS_RULE_EVENT_DATA,
			   "spec.draft: catalog version %.40s is not the project's (%.40s)",
			   dstr(ev->data, "catalog_version"), r->catalog);
	return 0;
}

static int check_upgrade(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	bool drafted = r->drafted;
	int error;

	if (r->src && (error = r->src->drafted(r->src->ctx, &drafted)) < 0)
		return source_error(h, error);
	if (!drafted)
		return hit(h, SS_RULE_UPGRADE_DRAFT,
			   "project %s has no draft to upgrade; draft it first", r->project);
	if (!streq(dstr(ev->data, "from"), r->catalog) || streq(dstr(ev->data, "to"), r->catalog))
		return hit(h, SS_RULE_UPGRADE_FROM,
			   "the upgrade goes from %.40s to %.40s, but the project uses %.40s",
			   dstr(ev->data, "from"), dstr(ev->data, "to"), r->catalog);
	return 0;
}

static int check_milestone_open(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *name = dstr(d, "name");
	int64_t risky = r->risky;
	int error;

	if (!ev->key)
		return hit(h, SS_RULE_MILESTONE_UNSIGNED,
			   "an agreement is signed: give your key "
			   "with --key FILE (or SECSPEC_KEY)");
	if (json_object_get(r->milestones, name))
		return hit(h, SS_RULE_MILESTONE_REOPEN, "milestone %s was opened before", name);
	if (dint(d, "tree_size") != ev->tree_size || !streq(dstr(d, "root"), ev->root))
		return hit(h, SS_RULE_MILESTONE_CHECKPOINT,
			   "milestone %s: its checkpoint (%lld events, root %.12s…) is not the "
			   "log before it",
			   name, (long long)dint(d, "tree_size"), dstr(d, "root"));
	if (!streq(dstr(d, "catalog_version"), r->catalog))
		return hit(h, SS_RULE_MILESTONE_CATALOG,
			   "milestone %s names catalog %.40s, but the project uses %.40s", name,
			   dstr(d, "catalog_version"), r->catalog);
	if (r->src && (error = r->src->risky(r->src->ctx, &risky)) < 0)
		return source_error(h, error);
	if (risky > 0 && !dtrue(d, "needs_management"))
		return hit(h, SS_RULE_MILESTONE_MANAGEMENT,
			   "milestone %s: the specification accepts risks or relies on other "
			   "measures (%lld item(s)), so the user side's management must sign it",
			   name, (long long)risky);
	return 0;
}

static int check_milestone_sign(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *name = dstr(ev->data, "name");
	const json_t *m = json_object_get(r->milestones, name);
	int64_t changed = 0;
	int error;

	if (!ev->key)
		return hit(h, SS_RULE_MILESTONE_UNSIGNED,
			   "an agreement is signed: give your key "
			   "with --key FILE (or SECSPEC_KEY)");
	if (!m)
		return hit(h, SS_RULE_MILESTONE_UNKNOWN, "milestone %s was never opened", name);
	if (!streq(ss_js(m, "spec_hash"), dstr(ev->data, "spec_hash")))
		return hit(h, SS_RULE_MILESTONE_SPEC_HASH,
			   "milestone %s signed over a different specification", name);
	if (json_object_get(json_object_get(m, "signers"), ev->actor))
		return hit(h, SS_RULE_MILESTONE_TWICE, "%s has already signed %s", ev->actor, name);
	if (r->src) {
		if ((error = r->src->changed_after(r->src->ctx, ss_ji(m, "seq"), &changed)) < 0)
			return source_error(h, error);
	} else if (r->last_change > ss_ji(m, "seq")) {
		changed = r->last_change;
	}
	if (changed)
		return hit(h, SS_RULE_MILESTONE_FROZEN,
			   "the specification changed after milestone %s was opened (event %lld); "
			   "agree on a new milestone",
			   name, (long long)changed);
	return 0;
}

static int check_timestamp(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *name = dstr(ev->data, "milestone");
	const json_t *m = json_object_get(r->milestones, name), *t;
	char digest[SS_SHA256_HEX];
	size_t i;

	if (!m)
		return hit(h, SS_RULE_TIMESTAMP_MILESTONE,
			   "a timestamp for milestone %s, which was never opened", name);
	if (ss_rules_checkpoint_digest(digest, r->project, name, ss_ji(m, "tree_size"),
				       ss_js(m, "root"), ss_js(m, "spec_hash")) < 0)
		return source_error(h, SS_ENOMEM);
	if (!streq(digest, dstr(ev->data, "digest")))
		return hit(h, SS_RULE_TIMESTAMP_DIGEST, "the timestamp is not over milestone %s",
			   name);
	json_array_foreach(json_object_get(m, "timestamps"), i, t) {
		if (streq(ss_js(t, "time"), dstr(ev->data, "time")))
			return hit(h, SS_RULE_TIMESTAMP_REPEAT,
				   "this timestamp (%s) is already recorded for %s",
				   dstr(ev->data, "time"), name);
	}
	return 0;
}

static int check_minutes(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const json_t *e;
	char id[32];
	size_t i;
	int found;

	snprintf(id, sizeof(id), "M-%04lld", (long long)r->nminutes + 1);
	if (!streq(dstr(ev->data, "id"), id))
		return hit(h, SS_RULE_MINUTES_ID, "minutes %.40s should be numbered %s",
			   dstr(ev->data, "id"), id);
	json_array_foreach(djson(ev->data, "attendees"), i, e) {
		if (!member(r, json_string_value(e)))
			return hit(h, SS_RULE_MINUTES_ATTENDEE,
				   "attendee '%.60s' is not a member of this project",
				   json_string_value(e));
	}
	json_array_foreach(djson(ev->data, "items"), i, e) {
		item_state it;

		if ((found = item_get(h, r, json_string_value(e), &it)) < 0)
			return found;
		if (!found)
			return hit(h, SS_RULE_MINUTES_ITEM,
				   "item '%.60s' is not in this project's specification",
				   json_string_value(e));
	}
	return 0;
}

static int check_change(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *id = dstr(ev->data, "id");
	const char *state = json_string_value(json_object_get(r->changes, id));
	const char *want = streq(ev->type, "change.assess")   ? "open"
			   : streq(ev->type, "change.decide") ? "assessed"
							      : "decided";

	if (streq(ev->type, "change.open")) {
		static const struct {
			const char *kind, *list;
		} lists[] = {{"item-changed", "changed"},
			     {"new-default", "added"},
			     {"retired", "retired"}};
		const char *kind = dstr(ev->data, "kind"), *item = dstr(ev->data, "item");
		const json_t *e, *list = NULL;
		char expect[32];
		bool listed = false;
		size_t i;

		snprintf(expect, sizeof(expect), "CR-%04zu", json_object_size(r->changes) + 1);
		if (state || !streq(id, expect))
			return hit(h, SS_RULE_CHANGE_ID,
				   "change request %.40s should be numbered %s", id, expect);
		/* raised by the upgrade just before it, for an item it names */
		if (!r->upgrade || r->last_seq != ev->seq - 1 ||
		    !streq(dstr(ev->data, "from"), ss_js(r->upgrade, "from")) ||
		    !streq(dstr(ev->data, "to"), ss_js(r->upgrade, "to")))
			return hit(
				h, SS_RULE_CHANGE_OPEN,
				"change request %s is not raised by the catalog upgrade it follows",
				id);
		for (i = 0; i < 3; i++)
			if (streq(kind, lists[i].kind))
				list = json_object_get(r->upgrade, lists[i].list);
		json_array_foreach(list, i, e) {
			const json_t *v = json_is_array(e) ? json_array_get(e, 0) : e;

			listed = listed || streq(json_string_value(v), item);
		}
		if (!listed)
			return hit(h, SS_RULE_CHANGE_OPEN,
				   "change request %s (%s) names %.60s, which the upgrade does not "
				   "list "
				   "as such",
				   id, kind, item);
		return 0;
	}
	if (!state)
		return hit(h, SS_RULE_CHANGE_UNKNOWN, "change request '%.40s' not found", id);
	if (!streq(state, want))
		return hit(h, SS_RULE_CHANGE_STATE, "%s is %s; this step needs it %s", id, state,
			   want);
	if (!streq(ev->type, "change.close") && !*dstr(ev->data, "note"))
		return hit(h, SS_RULE_CHANGE_NOTE, "--note is required");
	return 0;
}

static int check_phase(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	if (dint(ev->data, "from") != r->phase || dint(ev->data, "phase") == r->phase)
		return hit(h, SS_RULE_PHASE_FROM, "the project is at step %lld, not %lld",
			   (long long)r->phase, (long long)dint(ev->data, "from"));
	if (dtrue(ev->data, "forced") && !*dstr(ev->data, "reason"))
		return hit(h, SS_RULE_PHASE_REASON, "a forced step needs --reason");
	return 0;
}

int ss_rules_check(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	int shape, error;

	memset(h, 0, sizeof(*h));
	if ((error = check_shape(h, r, ev, &shape)) < 0)
		return error;
	if (shape == T_PROJECT_CREATE) {
		if ((error = check_create(h, r, ev)) < 0)
			return error;
		if (ev->key || ev->sig)
			return hit(h, SS_RULE_SIG_KEY_UNKNOWN,
				   "project.create is signed, but nobody has a key yet");
		return 0;
	}
	if (!r->created)
		return hit(h, SS_RULE_PROJECT_CREATE, "the log does not start with project.create");
	if (r->version >= 2) {
		if (!r->last_time_known) {
			if ((error = r->src->last_time(r->src->ctx, r->last_time,
						       sizeof(r->last_time))) < 0)
				return source_error(h, error);
			r->last_time_known = true;
		}
		if (strcmp(ev->time, r->last_time) < 0)
			return hit(h, SS_RULE_EVENT_TIME_ORDER,
				   "the event's time %s is before the last event's (%s): the "
				   "clock went back; set it right and retry",
				   ev->time, r->last_time);
	}
	actor_load(r, ev->actor);
	if ((error = check_actor(h, r, ev, shape)) < 0 || (error = check_signature(h, r, ev)) < 0)
		return error;
	switch (shape) {
	case T_MEMBER_ADD:
		return check_member_add(h, r, ev);
	case T_MEMBER_REMOVE:
		return check_member_remove(h, r, ev);
	case T_KEY_REGISTER:
		return check_key_register(h, r, ev);
	case T_KEY_REVOKE:
		return check_key_revoke(h, r, ev);
	case T_ASSET_SET:
		return check_asset(h, r, ev);
	case T_SYSTEM_SET:
		return check_system(h, r, ev);
	case T_DECISION_SET:
		return check_decision(h, r, ev);
	case T_ADVICE_ADD:
		return check_advice(h, r, ev);
	case T_APPROVAL_SET:
		return check_approval(h, r, ev);
	case T_SPEC_DRAFT:
		return check_draft(h, r, ev);
	case T_PROJECT_UPGRADE:
		return check_upgrade(h, r, ev);
	case T_MILESTONE_OPEN:
		return check_milestone_open(h, r, ev);
	case T_MILESTONE_SIGN:
		return check_milestone_sign(h, r, ev);
	case T_TIMESTAMP_ADD:
		return check_timestamp(h, r, ev);
	case T_MINUTES_ADD:
		return check_minutes(h, r, ev);
	case T_CHANGE_OPEN:
	case T_CHANGE_ASSESS:
	case T_CHANGE_DECIDE:
	case T_CHANGE_CLOSE:
		return check_change(h, r, ev);
	case T_PHASE_SET:
		return check_phase(h, r, ev);
	case T_THREAT_SCORE:
		if (!*dstr(ev->data, "reason"))
			return hit(h, SS_RULE_THREAT_REASON, "a threat score needs --reason");
		return 0;
	default:
		return 0;
	}
}

/* --- the fold ---------------------------------------------------------------- */

static void set_member(ss_rules *r, const char *person, const char *side, const char *role)
{
	json_t *m = member(r, person);

	if (m) {
		/* a side never changes: a forged move is reported and not taken */
		json_object_set_new(m, "role", json_string(role));
		json_object_set_new(m, "active", json_true());
	} else {
		json_object_set_new(
			r->members, person,
			json_pack("{s:s, s:s, s:b}", "side", side, "role", role, "active", 1));
	}
	if (streq(role, "lead"))
		r->lead_ever[side_index(ss_js(member(r, person), "side"))] = true;
}

static void set_item(ss_rules *r, const char *id, int64_t seq, const char *policy, const char *by,
		     const char *approval)
{
	item_entry *it = items_find(&r->items, id);
	bool was = it && risky_policy(it->policy);
	const char *name;

	if (!it && !(it = items_put(&r->items, id)))
		return;
	if (!(name = items_name(&r->items, by)))
		return;
	it->seq = seq;
	snprintf(it->policy, sizeof(it->policy), "%s", policy);
	it->by = name;
	snprintf(it->approval, sizeof(it->approval), "%s", approval);
	r->risky += (risky_policy(policy) ? 1 : 0) - (was ? 1 : 0);
}

/* The content hash a draft or an upgrade gives an item (json_object_set of
 * the value, read back as a string: absent keeps it, not a string is ""). */
static void set_content(item_entry *it, const json_t *hash)
{
	if (it && hash)
		snprintf(it->content, sizeof(it->content), "%s",
			 json_string_value(hash) ? json_string_value(hash) : "");
}

static void fold_items(ss_rules *r, const ss_rules_event *ev, int t)
{
	const ss_rules_data *d = ev->data;
	const json_t *e;
	size_t i;

	if (t == T_SPEC_DRAFT) {
		r->drafted = true;
		json_array_foreach(djson(d, "items"), i, e) {
			const char *id = json_string_value(json_array_get(e, 0));

			if (id && !items_find(&r->items, id)) {
				set_item(r, id, 0, "", "", "none");
				set_content(items_find(&r->items, id), json_array_get(e, 1));
			}
		}
	} else if (t == T_PROJECT_UPGRADE) {
		/* an added item starts open, whatever it was before */
		json_array_foreach(djson(d, "added"), i, e) {
			const char *id = json_string_value(json_array_get(e, 0));

			if (id) {
				set_item(r, id, 0, "", "", "none");
				set_content(items_find(&r->items, id), json_array_get(e, 1));
			}
		}
		json_array_foreach(djson(d, "changed"), i, e) {
			item_entry *it = items_find(&r->items, json_string_value(e));

			if (it)
				it->content[0] = '\0';
		}
		json_array_foreach(djson(d, "retired"), i, e) {
			item_entry *it = items_find(&r->items, json_string_value(e));

			if (it && risky_policy(it->policy))
				r->risky--;
			if (it)
				it->live = false;
		}
	} else if (t == T_DECISION_SET) {
		if (items_find(&r->items, dstr(d, "item")))
			set_item(r, dstr(d, "item"), ev->seq, dstr(d, "policy"), ev->actor, "none");
	} else if (t == T_APPROVAL_SET) {
		item_entry *it = items_find(&r->items, dstr(d, "item"));

		if (it)
			snprintf(it->approval, sizeof(it->approval), "%s", dstr(d, "verdict"));
	} else if (t == T_ASSET_SET) {
		json_object_set_new(r->assets, dstr(d, "id"),
				    json_pack("{s:I, s:I}", "seq", (json_int_t)ev->seq, "level",
					      (json_int_t)dint(d, "level")));
	} else if (t == T_SYSTEM_SET) {
		json_object_set_new(r->systems, dstr(d, "name"), json_integer(ev->seq));
	}
}

static void fold_key_register(ss_rules *r, const ss_rules_event *ev)
{
	const char *fpr = dstr(ev->data, "fingerprint"), *person = dstr(ev->data, "person");

	if (json_object_get(r->keys, fpr))
		return;
	json_object_set_new(r->keys, fpr,
			    json_pack("{s:s, s:s, s:I}", "person", person, "public_key",
				      dstr(ev->data, "public_key"), "seq", (json_int_t)ev->seq));
	json_array_append_new(r->key_order, json_string(fpr));
	json_object_set_new(r->holders, person, json_integer(ss_ji(r->holders, person) + 1));
}

static void fold_key_revoke(ss_rules *r, const ss_rules_event *ev)
{
	json_t *k = json_object_get(r->keys, dstr(ev->data, "fingerprint"));
	const char *person;

	if (!k || json_object_get(k, "revoked"))
		return;
	person = ss_js(k, "person");
	json_object_set_new(k, "revoked", json_integer(ev->seq));
	json_object_set_new(r->holders, person, json_integer(ss_ji(r->holders, person) - 1));
}

static json_t *signature_of(const ss_rules_event *ev)
{
	return json_pack("{s:s, s:s, s:s, s:s*, s:s, s:I}", "person", ev->actor, "side", ev->side,
			 "role", ev->role, "key", ev->key, "time", ev->time, "seq",
			 (json_int_t)ev->seq);
}

static void fold_milestone(ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *name = dstr(d, "name");
	json_t *m = json_object_get(r->milestones, name);

	if (streq(ev->type, "milestone.open")) {
		if (m)
			return;
		m = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:b, s:[o], s:[], s:{s:b}}", "name",
			      name, "seq", (json_int_t)ev->seq, "tree_size",
			      (json_int_t)dint(d, "tree_size"), "root", dstr(d, "root"),
			      "spec_hash", dstr(d, "spec_hash"), "catalog_version",
			      dstr(d, "catalog_version"), "needs_management",
			      dtrue(d, "needs_management"), "signatures", signature_of(ev),
			      "timestamps", "signers", ev->actor, 1);
		if (m) {
			json_object_set_new(r->milestones, name, m);
			json_array_append_new(r->ms_order, json_string(name));
		}
	} else if (m) {
		json_array_append_new(json_object_get(m, "signatures"), signature_of(ev));
		json_object_set_new(json_object_get(m, "signers"), ev->actor, json_true());
	}
}

static void fold_timestamp(ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	json_t *m = json_object_get(r->milestones, dstr(d, "milestone"));

	if (m)
		json_array_append_new(json_object_get(m, "timestamps"),
				      json_pack("{s:I, s:s, s:s, s:s}", "seq", (json_int_t)ev->seq,
						"time", dstr(d, "time"), "digest",
						dstr(d, "digest"), "token", dstr(d, "token")));
}

/* A copy of the data as a jansson object (json_deep_copy of the object
 * jansson would have read). */
static json_t *data_copy(const ss_rules_data *d)
{
	json_t *o;
	size_t i;

	if (d->json)
		return json_deep_copy(d->json);
	if (!(o = json_object()))
		return NULL;
	for (i = 0; i < d->n; i++) {
		const ss_rules_field *f = &d->f[i];
		char key[64];
		json_t *v;

		if (f->key_len >= sizeof(key))
			continue; /* no data member of an event is that long */
		memcpy(key, f->key, f->key_len);
		key[f->key_len] = '\0';
		v = f->kind == 's'   ? json_stringn(f->s, f->len)
		    : f->kind == 'i' ? json_integer((json_int_t)f->i)
		    : f->kind == 't' ? json_true()
		    : f->kind == 'f' ? json_false()
				     : json_null();
		json_object_set_new(o, key, v);
	}
	return o;
}

void ss_rules_fold(ss_rules *r, const ss_rules_event *ev)
{
	const char *type = ev->type;
	const ss_rules_data *d = ev->data;
	int t = type_index(r, type);

	/* the events that record evidence about the specification without
	 * changing it (a milestone stays valid across them), and the types
	 * ss_rules_type_is_item names */
	static const bool evidence[T_COUNT] = {
		[T_MILESTONE_OPEN] = true, [T_MILESTONE_SIGN] = true, [T_KEY_REGISTER] = true,
		[T_MINUTES_ADD] = true,    [T_TIMESTAMP_ADD] = true,  [T_THREAT_SCORE] = true,
		[T_CHANGE_ASSESS] = true,  [T_CHANGE_DECIDE] = true,  [T_CHANGE_CLOSE] = true};
	static const bool item[T_COUNT] = {
		[T_ASSET_SET] = true,    [T_SYSTEM_SET] = true, [T_SPEC_DRAFT] = true,
		[T_DECISION_SET] = true, [T_ADVICE_ADD] = true, [T_APPROVAL_SET] = true,
		[T_THREAT_SCORE] = true};

	size_t tn = ev->time ? strlen(ev->time) : 0;

	/* as snprintf("%s") into last_time, without the cost of a format */
	if (tn >= sizeof(r->last_time))
		tn = sizeof(r->last_time) - 1;
	memcpy(r->last_time, ev->time ? ev->time : "", tn);
	r->last_time[tn] = '\0';
	r->last_seq = ev->seq;
	if (t == T_PROJECT_UPGRADE) {
		json_decref(r->upgrade);
		r->upgrade = data_copy(d);
	} else if (t != T_CHANGE_OPEN && r->upgrade) {
		json_decref(r->upgrade);
		r->upgrade = NULL;
	}
	if (t < 0 || !evidence[t])
		r->last_change = ev->seq;
	if (r->src && r->items_cached && t != T_ADVICE_ADD &&
	    (t < 0 || item[t] || t == T_PROJECT_UPGRADE)) {
		/* the store has the change; read from it again */
		items_release(&r->items);
		r->items_cached = false;
		r->lookups = 0;
	}
	if (r->src && t >= 0 && item[t])
		return;
	switch (t) {
	case T_PROJECT_CREATE: {
		bool has_v = dhas(d, "rules");

		if (r->created)
			return;
		r->actor.valid = false;
		r->created = true;
		r->version = has_v ? (int)dint(d, "rules") : 1;
		snprintf(r->catalog, sizeof(r->catalog), "%s", dstr(d, "catalog_version"));
		set_member(r, ev->actor, ev->side, "lead");
		break;
	}
	case T_MEMBER_ADD:
		r->actor.valid = false;
		set_member(r, dstr(d, "person"), dstr(d, "side"), dstr(d, "role"));
		break;
	case T_MEMBER_REMOVE: {
		json_t *m = member(r, dstr(d, "person"));

		r->actor.valid = false;
		if (m)
			json_object_set_new(m, "active", json_false());
		break;
	}
	case T_KEY_REGISTER:
		r->actor.valid = false;
		fold_key_register(r, ev);
		break;
	case T_KEY_REVOKE:
		r->actor.valid = false;
		fold_key_revoke(r, ev);
		break;
	case T_MILESTONE_OPEN:
	case T_MILESTONE_SIGN:
		fold_milestone(r, ev);
		break;
	case T_TIMESTAMP_ADD:
		fold_timestamp(r, ev);
		break;
	case T_MINUTES_ADD:
		r->nminutes++;
		break;
	case T_PHASE_SET:
		r->phase = dint(d, "phase");
		break;
	case T_CHANGE_OPEN:
		if (!json_object_get(r->changes, dstr(d, "id")))
			json_object_set_new(r->changes, dstr(d, "id"), json_string("open"));
		break;
	case T_PROJECT_UPGRADE:
		snprintf(r->catalog, sizeof(r->catalog), "%s", dstr(d, "to"));
		break;
	default:
		/* the other change steps, and a forged type named like one */
		if (strncmp(type, "change.", 7) == 0 && json_object_get(r->changes, dstr(d, "id")))
			json_object_set_new(r->changes, dstr(d, "id"),
					    json_string(streq(type, "change.assess")   ? "assessed"
							: streq(type, "change.decide") ? "decided"
										       : "closed"));
	}
	if (!r->src)
		fold_items(r, ev, t);
}

bool ss_rules_needs_management(const ss_rules *r)
{
	return r->risky > 0;
}

/* --- reports -------------------------------------------------------------------- */

json_t *ss_rules_members(const ss_rules *r)
{
	return json_deep_copy(r->members);
}

json_t *ss_rules_keys(const ss_rules *r)
{
	json_t *out = json_array(), *f;
	size_t i;

	json_array_foreach(r->key_order, i, f) {
		const json_t *k = json_object_get(r->keys, json_string_value(f));
		json_t *one = json_pack("{s:O, s:O, s:O, s:O}", "fingerprint", f, "person",
					json_object_get(k, "person"), "public_key",
					json_object_get(k, "public_key"), "seq",
					json_object_get(k, "seq"));

		if (one && json_object_get(k, "revoked"))
			json_object_set(one, "revoked", json_object_get(k, "revoked"));
		json_array_append_new(out, one);
	}
	return out;
}

json_t *ss_rules_milestones(const ss_rules *r)
{
	json_t *out = json_array(), *n;
	size_t i;

	json_array_foreach(r->ms_order, i, n) {
		json_t *m = json_deep_copy(json_object_get(r->milestones, json_string_value(n)));

		json_object_del(m, "signers");
		json_array_append_new(out, m);
	}
	return out;
}

int ss_rules_checkpoint_digest(char out[65], const char *project, const char *name,
			       int64_t tree_size, const char *root, const char *spec_hash)
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

int ss_rules_pop_message(char *out, size_t n, const char *project, const char *person,
			 const char *fingerprint)
{
	int len = snprintf(out, n, "secspec key registration\n%s\n%s\n%s", project, person,
			   fingerprint);

	if (len < 0 || (size_t)len >= n)
		return ss_error_set(SS_ELIMIT, "proof-of-possession message too long");
	return 0;
}

json_t *ss_rules_milestone_missing(const json_t *signatures, bool needs_management)
{
	bool user_lead = false, vendor_lead = false, mgmt = false;
	json_t *missing = json_array();
	const json_t *s;
	size_t j;

	json_array_foreach(signatures, j, s) {
		bool lead = streq(ss_js(s, "role"), "lead");

		if (!ss_js_or_null(s, "key"))
			continue; /* an agreement counts only when signed */
		if (lead && streq(ss_js(s, "side"), "user"))
			user_lead = true;
		if (lead && streq(ss_js(s, "side"), "vendor"))
			vendor_lead = true;
		if (streq(ss_js(s, "role"), "management") && streq(ss_js(s, "side"), "user"))
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
