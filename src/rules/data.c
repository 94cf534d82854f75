/* The shapes of event data, the value kinds and the data accessors, from
 * jansson or from a flat view of canonical bytes (rules_int.h). */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

/* --- rule ids, the hits that name them, and words the rules share ------- */

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

int ss_rules__hit(ss_rule_hit *h, ss_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

int ss_rules__hit(ss_rule_hit *h, ss_rule rule, const char *fmt, ...)
{
	va_list ap;

	h->rule = rule;
	h->code = ss_rule_code(rule);
	va_start(ap, fmt);
	vsnprintf(h->msg, sizeof(h->msg), ss_gettext(fmt), ap);
	va_end(ap);
	return h->code;
}

bool ss_rules__risky_policy(const char *p)
{
	return streq(p, "accept") || streq(p, "alternative");
}

bool ss_rules__blank_text(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	return !*s;
}

bool ss_rules__blank(const ss_rules_data *d, const char *key)
{
	return ss_rules__blank_text(ss_rules__dstr(d, key));
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
#define FIELDS_MAX 16
static const struct {
	const char *type;
	int since; /* the rule version that brought the type (0: 1) */
	field f[FIELDS_MAX];
} shapes[] = {
	{"project.create",
	 0,
	 {F("name", 'n'), F("user_org", 't'), F("vendor_org", 't'), F("catalog_version", 't'),
	  O("display_name", 't'), O("rules", 'i')}},
	{"member.add",
	 0,
	 {F("person", 'n'), F("side", 'n'), F("role", 'n'), O("display_name", 't')}},
	{"member.remove", 0, {F("person", 'n')}},
	{"phase.set", 0, {F("phase", 'i'), F("from", 'i'), F("forced", 'b'), O("reason", 't')}},
	{"asset.set",
	 0,
	 {F("id", 'n'), F("kind", 't'), O("label", 't'), F("name", 't'), F("system", 't'),
	  F("devices", 'a'), F("answers", 'o'), F("impact", 'o'), F("level", 'i'),
	  O("supersedes", 'i')}},
	{"system.set",
	 0,
	 {F("name", 't'), F("devices", 'a'), F("measures", 'a'), O("supersedes", 'i'),
	  O("legacy", 't'), O("compensating", 't')}},
	{"spec.draft", 0, {F("catalog_version", 't'), F("items", 'a')}},
	{"decision.set",
	 0,
	 {F("item", 'n'), F("item_hash", 'h'), F("policy", 'n'), O("reason", 't'),
	  O("alternative", 't'), O("review_by", 'd'), F("level", 'i'), O("supersedes", 'i'),
	  O("scenario", 't'), O("owner", 'n'), O("duty", 't'), O("evidence", 't')}},
	{"advice.add", 0, {F("item", 'n'), F("item_hash", 'h'), F("note", 't')}},
	{"approval.set",
	 0,
	 {F("item", 'n'), F("decision_seq", 'i'), F("verdict", 'n'), O("note", 't')}},
	{"key.register",
	 0,
	 {F("person", 'n'), F("algorithm", 'n'), F("public_key", 'h'), F("fingerprint", 'h'),
	  O("pop", 'x')}},
	{"key.revoke", 0, {F("fingerprint", 'h'), F("person", 'n'), F("reason", 't')}},
	{"milestone.open",
	 0,
	 {F("name", 'n'), F("catalog_version", 't'), F("tree_size", 'i'), F("root", 'h'),
	  F("spec_hash", 'h'), F("needs_management", 'b'), O("parties", 'n'), O("stage", 'n')}},
	{"milestone.sign", 0, {F("name", 'n'), F("spec_hash", 'h')}},
	{"minutes.add",
	 0,
	 {F("id", 'n'), F("date", 'd'), O("title", 't'), F("attendees", 'a'), F("topics", 'a'),
	  F("items", 'a'), F("attachments", 'a')}},
	{"timestamp.add",
	 0,
	 {F("milestone", 'n'), F("digest", 'h'), F("time", 'T'), F("token", 'x')}},
	{"project.upgrade",
	 0,
	 {F("from", 't'), F("to", 't'), F("added", 'a'), F("retired", 'a'), F("changed", 'a'),
	  O("changed_hashes", 'a')}},
	{"change.open",
	 0,
	 /* item: a catalog id, an asset id or a system's name (text) */
	 {F("id", 'n'), F("kind", 'n'), F("item", 't'), F("from", 't'), F("to", 't'),
	  F("fields", 'a')}},
	{"change.assess", 0, {F("id", 'n'), F("note", 't'), F("reestimate", 'n')}},
	{"change.decide", 0, {F("id", 'n'), F("note", 't')}},
	{"change.close", 0, {F("id", 'n'), O("note", 't')}},
	{"threat.score",
	 0,
	 {F("technique", 'n'), F("incident", 'i'), F("ease", 'i'), F("reason", 't')}},
	{"proposal.add",
	 3,
	 {F("id", 'n'), F("kind", 'n'), F("title", 't'), F("text", 't'), O("item", 'n'),
	  O("component", 't'), O("version", 't'), O("licence", 't'), O("defects", 't')}},
	{"proposal.answer",
	 3,
	 {F("id", 'n'), F("answer", 'n'), O("reason", 't'), O("supersedes", 'i')}},
	{"cost.set",
	 3,
	 {F("on", 'n'), F("ref", 'n'), F("bearer", 'n'), O("amount", 'i'), O("currency", 'n'),
	  F("basis", 't'), O("share", 't'), O("supersedes", 'i')}},
	{"cost.approve",
	 3,
	 {F("on", 'n'), F("ref", 'n'), F("cost_seq", 'i'), F("verdict", 'n'), O("note", 't')}},
	{"candidate.add", 3, {F("id", 'n'), F("org", 't')}},
	{"candidate.document",
	 3,
	 {F("candidate", 'n'), F("kind", 'n'), F("name", 't'), F("sha256", 'h'), F("size", 'i')}},
	{"nda.record",
	 3,
	 {F("party", 'n'), F("date", 'd'), F("document", 'h'), O("title", 't'), O("expires", 'd'),
	  O("supersedes", 'i')}},
	{"vendor.select", 3, {F("candidate", 'n'), F("org", 't'), F("reason", 't')}},
	{"law.set",
	 3,
	 {F("id", 'n'), F("title", 't'), F("kind", 'n'), O("authority", 't'), O("duties", 't'),
	  F("assets", 'a'), F("review_by", 'd'), O("supersedes", 'i')}},
	{"asset.retention",
	 3,
	 {F("asset", 'n'), F("keep", 'b'), O("period", 't'), F("method", 't'), O("reason", 't'),
	  O("supersedes", 'i')}},
	{"contract.set",
	 3,
	 {F("id", 'n'), F("kind", 'n'), F("title", 't'), F("sla", 't'), F("diagnosis", 't'),
	  F("incident", 't'), O("document", 'h'), O("supersedes", 'i')}},
	{"contract.agree", 3, {F("id", 'n'), F("contract_seq", 'i')}},
	{"terms.acknowledge", 3, {F("text", 't')}},
	{"standard.set",
	 3,
	 {F("standard", 'n'), F("version", 't'), F("level", 'i'), O("note", 't'),
	  O("supersedes", 'i')}},
	{"diagnosis.add",
	 3,
	 {F("id", 'n'), F("kind", 'n'), F("standard", 't'), F("date", 'd'), F("result", 't'),
	  O("report", 'h'), O("contract", 'n')}},
	{"rules.propose", 0, {F("to", 'i')}},
	{"rules.accept", 0, {F("to", 'i'), F("proposal", 'i')}},
	{"sbom.add",
	 5,
	 {F("sbom", 'i'), F("name", 't'), F("file", 'h'), F("format", 'n'), F("spec_version", 't'),
	  O("serial", 't'), F("components", 'a'), F("dependencies", 'a'), O("document", 'o')}},
	{"sbom.policy",
	 5,
	 {F("allowed", 'a'), F("review", 'a'), F("denied", 'a'), F("default", 'n'),
	  O("reason", 't'), O("supersedes", 'i')}},
	{"vuln.notice",
	 5,
	 {F("vuln", 't'), F("component", 't'), F("sbom", 'i'), F("aliases", 'a'), F("source", 'n'),
	  O("summary", 't'), O("severity", 't'), O("score", 't')}},
	{"vuln.analysis",
	 5,
	 {F("vuln", 't'), F("component", 't'), F("sbom", 'i'), F("state", 'n'),
	  O("justification", 'n'), O("response", 'a'), F("detail", 't'), O("supersedes", 'i')}},
	{"vuln.decide",
	 5,
	 {F("vuln", 't'), F("component", 't'), F("analysis", 'i'), F("verdict", 'n'),
	  O("reason", 't')}},
	{"vuln.approve",
	 5,
	 {F("vuln", 't'), F("component", 't'), F("decision", 'i'), F("verdict", 'n'),
	  O("note", 't')}},
	{"itasset.set",
	 5,
	 {F("id", 'n'), F("category", 'n'), F("name", 't'), O("version", 't'), O("system", 't'),
	  F("permitted", 'b'), O("permission", 't'), O("licence", 't'), O("vuln_link", 't'),
	  O("config", 't'), O("revision", 't'), O("network", 't'), O("note", 't'),
	  O("supersedes", 'i')}},
	{"network.set",
	 5,
	 {F("id", 'n'), F("kind", 'n'), F("name", 't'), F("detail", 't'), O("protocols", 't'),
	  O("address", 't'), O("auth", 't'), O("encrypted", 'b'), O("storage", 't'),
	  O("system", 't'), O("supersedes", 'i')}},
	{"check.run",
	 6,
	 {F("host", 't'), F("target", 'n'), F("stage", 'n'), F("catalog_version", 't'),
	  F("results", 'a'), F("counts", 'o'), F("unchecked", 'i'), O("path", 't'), O("note", 't'),
	  O("tool", 'n')}},
	{"verify.record",
	 6,
	 {F("subject", 'n'), O("item_hash", 'h'), F("method", 'n'), F("result", 'n'),
	  F("detail", 't'), O("evidence", 'h'), O("host", 't'), O("supersedes", 'i')}},
};
#undef F
#undef O

/* shapes[] and the T_ indexes list the types in the same order */
_Static_assert(sizeof(shapes) / sizeof(shapes[0]) == T_COUNT, "a T_ index per shape");

void ss_rules__init_types(ss_rules *r)
{
	int i;

	assert(streq(shapes[T_ADVICE_ADD].type, "advice.add") &&
	       streq(shapes[T_THREAT_SCORE].type, "threat.score") &&
	       streq(shapes[T_PROPOSAL_ADD].type, "proposal.add") &&
	       streq(shapes[T_RULES_ACCEPT].type, "rules.accept") &&
	       streq(shapes[T_VULN_APPROVE].type, "vuln.approve") &&
	       streq(shapes[T_NETWORK_SET].type, "network.set") &&
	       streq(shapes[T_VERIFY_RECORD].type, "verify.record"));

	for (i = 0; i < T_COUNT; i++)
		r->action[i] = ss_perm_action_of(shapes[i].type);
}

/* The rule version that brought type t. */
int ss_rules__since(int t)
{
	return t >= 0 && t < T_COUNT && shapes[t].since > 1 ? shapes[t].since : 1;
}

/* The index of type in shapes[], or -1. */
int ss_rules__type_index(ss_rules *r, const char *type)
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

bool ss_rules__is_hex(const char *s, size_t n)
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

bool ss_rules__name_ok(const char *s, size_t n)
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

bool ss_rules__text_ok(const char *s, size_t n)
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
bool ss_rules__dfield(const ss_rules_data *d, const char *key, ss_rules_field *f)
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
const char *ss_rules__dstr_or_null(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return ss_rules__dfield(d, key, &f) && f.kind == 's' ? f.s : NULL;
}

const char *ss_rules__dstr(const ss_rules_data *d, const char *key)
{
	const char *s = ss_rules__dstr_or_null(d, key);

	return s ? s : "";
}

size_t ss_rules__dlen(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return ss_rules__dfield(d, key, &f) && f.kind == 's' ? f.len : 0;
}

int64_t ss_rules__dint(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return ss_rules__dfield(d, key, &f) && f.kind == 'i' ? f.i : 0;
}

bool ss_rules__dhas(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return ss_rules__dfield(d, key, &f);
}

bool ss_rules__dtrue(const ss_rules_data *d, const char *key)
{
	ss_rules_field f;

	return ss_rules__dfield(d, key, &f) && f.kind == 't';
}

/* A nested value: only data read with jansson has any (a flat view holds
 * scalars, and iterating a scalar as an array visits nothing). */
const json_t *ss_rules__djson(const ss_rules_data *d, const char *key)
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

bool ss_rules__field_ok(const ss_rules_field *f, char kind)
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
		return ss_rules__name_ok(s, n);
	case 'h':
		return n == 64 && ss_rules__is_hex(s, n);
	case 'x':
		return n > 0 && n % 2 == 0 && n <= HEX_MAX_BYTES && ss_rules__is_hex(s, n);
	case 'd':
		return ss_date_valid(s);
	case 'T':
		return ss_rules_time_valid(s);
	default:
		return ss_rules__text_ok(s, n);
	}
}

bool ss_rules__value_ok(const json_t *v, char kind)
{
	ss_rules_field f;

	if (!v)
		return false; /* a member the object lacks */
	field_of_json(&f, "", v);
	return ss_rules__field_ok(&f, kind);
}

static bool array_of_names(const json_t *a)
{
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (!json_is_string(e) ||
		    !ss_rules__name_ok(json_string_value(e), json_string_length(e)))
			return false;
	}
	return true;
}

bool ss_rules__array_of_texts(const json_t *a)
{
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (!ss_rules__value_ok(e, 't'))
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
		if (json_array_size(e) != 2 || !ss_rules__value_ok(json_array_get(e, 0), 'n') ||
		    !ss_rules__value_ok(json_array_get(e, 1), 'h'))
			return false;
	}
	return true;
}

bool ss_rules__one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (streq(s, *set))
			return true;
	return false;
}

/* The enumerations of the rules 3 types. */
static const char *negotiation_problem(const char *type, const ss_rules_data *d)
{
	static const char *const pkinds[] = {"advice", "warning", "improvement", "foss", NULL};
	static const char *const answers[] = {"adopt", "decline", "defer", NULL};
	static const char *const subjects[] = {"item", "proposal", "change", NULL};
	static const char *const bearers[] = {"user", "vendor", "shared", NULL};
	static const char *const verdicts[] = {"approved", "rejected", NULL};
	static const char *const dkinds[] = {"rfi", "rfp", "proposal", "answer", "other", NULL};
	static const char *const lkinds[] = {"law", "regulation", "guideline", NULL};
	static const char *const ckinds[] = {"operation", "maintenance", "maintenance-development",
					     NULL};
	static const char *const gkinds[] = {"diagnosis", "pentest", "review", NULL};
	static const char *const icats[] = {"application", "component", "package",
					    "platform",    "hardware",  NULL};
	static const char *const nkinds[] = {"segment",  "routing",        "firewall",
					     "vpn",      "public-server",  "asset-server",
					     "terminal", "planned-change", NULL};

	if (streq(type, "proposal.add")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "kind"), pkinds))
			return N_("kind is not advice, warning, improvement or foss");
	} else if (streq(type, "proposal.answer")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "answer"), answers))
			return N_("answer is not adopt, decline or defer");
	} else if (streq(type, "cost.set")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "on"), subjects))
			return N_("on is not item, proposal or change");
		if (!ss_rules__one_of(ss_rules__dstr(d, "bearer"), bearers))
			return N_("bearer is not user, vendor or shared");
		if (ss_rules__dint(d, "amount") < 0)
			return N_("amount is negative");
		if (ss_rules__dhas(d, "amount") != ss_rules__dhas(d, "currency"))
			return N_("amount and currency go together");
		if (ss_rules__dhas(d, "share") != streq(ss_rules__dstr(d, "bearer"), "shared"))
			return N_(
				"share says how a shared cost is split, and goes only with bearer "
				"shared");
	} else if (streq(type, "cost.approve")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "on"), subjects))
			return N_("on is not item, proposal or change");
		if (!ss_rules__one_of(ss_rules__dstr(d, "verdict"), verdicts))
			return N_("verdict is not approved or rejected");
	} else if (streq(type, "candidate.document")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "kind"), dkinds))
			return N_("kind is not rfi, rfp, proposal, answer or other");
		if (ss_rules__dint(d, "size") < 0)
			return N_("size is negative");
	} else if (streq(type, "law.set")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "kind"), lkinds))
			return N_("kind is not law, regulation or guideline");
		if (!array_of_names(ss_rules__djson(d, "assets")))
			return N_("assets is not a list of asset ids");
	} else if (streq(type, "contract.set")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "kind"), ckinds))
			return N_("kind is not operation, maintenance or maintenance-development");
	} else if (streq(type, "standard.set")) {
		if (ss_rules__dint(d, "level") < 0 || ss_rules__dint(d, "level") > 3)
			return N_("level is not 0 to 3");
	} else if (streq(type, "diagnosis.add")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "kind"), gkinds))
			return N_("kind is not diagnosis, pentest or review");
	} else if (streq(type, "itasset.set")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "category"), icats))
			return N_("category is not application, component, package, platform or "
				  "hardware");
		if (ss_rules__blank(d, "name"))
			return N_("name is blank");
	} else if (streq(type, "network.set")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "kind"), nkinds))
			return N_("kind is not segment, routing, firewall, vpn, public-server, "
				  "asset-server, terminal or planned-change");
		if (ss_rules__blank(d, "name"))
			return N_("name is blank");
		if (ss_rules__blank(d, "detail"))
			return N_("detail is blank: say what the record is (the segment, the rule, "
				  "the server's role …)");
	} else if (streq(type, "rules.propose") || streq(type, "rules.accept")) {
		if (ss_rules__dint(d, "to") < 2)
			return N_("to is not a rule version after 1");
	}
	return NULL;
}

/* The component fields of sbom.add and their kinds (hashes: an object of
 * algorithm -> hex digits). */
static const field component_fields[] = {
	{"ref", 't', false},       {"name", 't', false},        {"parent", 't', true},
	{"root", 'b', true},       {"type", 't', true},         {"group", 't', true},
	{"version", 't', true},    {"purl", 't', true},         {"cpe", 't', true},
	{"licenses", 't', true},   {"supplier", 't', true},     {"brought_by", 't', true},
	{"repository", 't', true}, {"hashes", 'o', true},       {"file", 't', true},
	{"scope", 't', true},      {"vuln_contact", 't', true}, {"end_of_life", 't', true},
	{"support", 't', true},
};

static const char *component_problem(const json_t *c)
{
	size_t k, known = 0, n = sizeof(component_fields) / sizeof(component_fields[0]);
	const char *alg;
	json_t *v;

	if (!json_is_object(c))
		return N_("a component is not an object");
	for (k = 0; k < n; k++) {
		const json_t *f = json_object_get(c, component_fields[k].name);

		if (!f) {
			if (!component_fields[k].opt)
				return N_("a component lacks its ref or name");
			continue;
		}
		known++;
		if (!ss_rules__value_ok(f, component_fields[k].kind))
			return N_("a component's field is not of its kind");
	}
	if (known != json_object_size(c))
		return N_("a component has a field that is not known");
	if (!json_string_length(json_object_get(c, "ref")) ||
	    ss_rules__blank_text(ss_js(c, "name")))
		return N_("a component's ref or name is empty");
	json_object_foreach(json_object_get(c, "hashes"), alg, v) {
		if (!ss_rules__name_ok(alg, strlen(alg)) || !ss_rules__value_ok(v, 'x'))
			return N_("a component's hashes are not {algorithm: hex digits}");
	}
	return NULL;
}

/* The enumerations of the rules 5 types. */
static const char *sbom_problem(const char *type, const ss_rules_data *d)
{
	static const char *const formats[] = {"cyclonedx", "spdx", NULL};
	static const char *const levels[] = {"allowed", "review", "denied", NULL};
	static const char *const states[] = {"affected", "not_affected", "fixed",
					     "under_investigation", NULL};
	/* CycloneDX's and OpenVEX's justifications, as each spells them */
	static const char *const justifications[] = {
		"code_not_present",
		"code_not_reachable",
		"requires_configuration",
		"requires_dependency",
		"requires_environment",
		"protected_by_compiler",
		"protected_at_runtime",
		"protected_at_perimeter",
		"protected_by_mitigating_control",
		"component_not_present",
		"vulnerable_code_not_present",
		"vulnerable_code_not_in_execute_path",
		"vulnerable_code_cannot_be_controlled_by_adversary",
		"inline_mitigations_already_exist",
		NULL};
	static const char *const responses[] = {"can_not_fix", "will_not_fix",         "update",
						"rollback",    "workaround_available", NULL};
	static const char *const verdicts[] = {"accept", "reject", NULL};
	static const char *const approvals[] = {"approved", "rejected", NULL};
	const json_t *e;
	size_t i;

	if (streq(type, "sbom.add")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "format"), formats))
			return N_("format is not cyclonedx or spdx");
		if (ss_rules__dint(d, "sbom") < 1)
			return N_("sbom is not a number from 1");
		json_array_foreach(ss_rules__djson(d, "components"), i, e) {
			const char *why = component_problem(e);

			if (why)
				return why;
		}
		json_array_foreach(ss_rules__djson(d, "dependencies"), i, e) {
			if (json_array_size(e) != 2 ||
			    !ss_rules__value_ok(json_array_get(e, 0), 't') ||
			    !ss_rules__value_ok(json_array_get(e, 1), 't'))
				return N_("dependencies is not a list of [from, to] refs");
		}
	} else if (streq(type, "sbom.policy")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "default"), levels))
			return N_("default is not allowed, review or denied");
		if (!ss_rules__array_of_texts(ss_rules__djson(d, "allowed")) ||
		    !ss_rules__array_of_texts(ss_rules__djson(d, "review")) ||
		    !ss_rules__array_of_texts(ss_rules__djson(d, "denied")))
			return N_("allowed, review and denied are lists of licence ids");
	} else if (streq(type, "vuln.notice")) {
		if (!ss_rules__array_of_texts(ss_rules__djson(d, "aliases")))
			return N_("aliases is not a list of ids");
	} else if (streq(type, "vuln.analysis")) {
		const char *state = ss_rules__dstr(d, "state");

		if (!ss_rules__one_of(state, states))
			return N_("state is not affected, not_affected, fixed or "
				  "under_investigation");
		if (ss_rules__dhas(d, "justification") != streq(state, "not_affected"))
			return N_("a justification goes with state not_affected, and only with it");
		if (ss_rules__dhas(d, "justification") &&
		    !ss_rules__one_of(ss_rules__dstr(d, "justification"), justifications))
			return N_("justification is not one CycloneDX or OpenVEX defines");
		json_array_foreach(ss_rules__djson(d, "response"), i, e) {
			if (!ss_rules__one_of(json_string_value(e), responses))
				return N_("response is not a list of can_not_fix, will_not_fix, "
					  "update, rollback or workaround_available");
		}
	} else if (streq(type, "vuln.decide")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "verdict"), verdicts))
			return N_("verdict is not accept or reject");
	} else if (streq(type, "vuln.approve")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "verdict"), approvals))
			return N_("verdict is not approved or rejected");
	}
	return NULL;
}

/* Rules 6: a check run's results and counts, a verification's words. */
static const char *accept_problem(const char *type, const ss_rules_data *d)
{
	static const char *const targets[] = {"linux", "windows", NULL};
	static const char *const tools[] = {"openscap", "stig-viewer", NULL};
	static const char *const stages[] = {"acceptance", "switchover", "operation", NULL};
	static const char *const verdicts[] = {"pass", "fail", "na", "error", NULL};
	static const char *const methods[] = {"attestation", "review", "test", NULL};
	static const char *const results[] = {"pass", "fail", "na", NULL};
	static const char *const count_keys[] = {"pass", "fail", "na", "error", NULL};
	const char *const *k;
	const json_t *e, *counts;
	size_t i;

	if (streq(type, "verify.record")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "method"), methods))
			return N_("method is not attestation, review or test");
		if (!ss_rules__one_of(ss_rules__dstr(d, "result"), results))
			return N_("result is not pass, fail or na");
		if (ss_rules__blank(d, "detail"))
			return N_("detail says nothing: say what was verified, how, and what was "
				  "seen");
		return NULL;
	}
	if (!ss_rules__one_of(ss_rules__dstr(d, "target"), targets))
		return N_("target is not linux or windows");
	if (!ss_rules__one_of(ss_rules__dstr(d, "stage"), stages))
		return N_("stage is not acceptance, switchover or operation");
	if (ss_rules__blank(d, "host") || ss_rules__dlen(d, "host") > 200)
		return N_("host is blank or longer than 200 bytes");
	if (ss_rules__dhas(d, "tool") && !ss_rules__one_of(ss_rules__dstr(d, "tool"), tools))
		return N_("tool is not openscap or stig-viewer");
	if (json_array_size(ss_rules__djson(d, "results")) > SS_RULES_CHECK_RESULTS_MAX)
		return N_("results has more entries than a check run may hold");
	json_array_foreach(ss_rules__djson(d, "results"), i, e) {
		if (json_object_size(e) != 6 ||
		    !ss_rules__value_ok(json_object_get(e, "item"), 'n') ||
		    !ss_rules__value_ok(json_object_get(e, "item_hash"), 'h') ||
		    !ss_rules__value_ok(json_object_get(e, "kind"), 'n') ||
		    !ss_rules__value_ok(json_object_get(e, "seen"), 't') ||
		    !ss_rules__value_ok(json_object_get(e, "expected"), 't') ||
		    !ss_rules__one_of(ss_js(e, "verdict"), verdicts))
			return N_("a result is not {item, item_hash, kind, verdict, seen, "
				  "expected} with verdict pass, fail, na or error");
	}
	counts = ss_rules__djson(d, "counts");
	if (json_object_size(counts) != 4)
		return N_("counts is not {pass, fail, na, error}");
	for (k = count_keys; *k; k++)
		if (!json_is_integer(json_object_get(counts, *k)) || ss_ji(counts, *k) < 0)
			return N_("counts is not {pass, fail, na, error}");
	if (ss_rules__dint(d, "unchecked") < 0)
		return N_("unchecked is negative");
	return NULL;
}

/* The nested values that the rules read, and the enumerations. */
static const char *nested_problem(const char *type, const ss_rules_data *d)
{
	static const char *const sides[] = {"user", "vendor", NULL};
	static const char *const roles[] = {"lead",       "member",   "management", "auditor",
					    "operations", "provider", "expert",     NULL};
	static const char *const policies[] = {"implement", "accept",   "alternative",
					       "na",        "existing", NULL};
	static const char *const owners[] = {"vendor", "user", "both", NULL};
	static const char *const verdicts[] = {"approved", "rejected", NULL};
	static const char *const kinds[] = {
		"item-changed",   "new-default",  "retired",    "asset-changed",
		"system-changed", "sbom-changed", "vuln-found", NULL};
	static const char *const estimates[] = {"none", "cost", "date", "both", NULL};

	if (streq(type, "member.add")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "side"), sides))
			return N_("side is not user or vendor");
		if (!ss_rules__one_of(ss_rules__dstr(d, "role"), roles))
			return N_("role is not lead, member, management, auditor, operations, "
				  "provider or expert");
	} else if (streq(type, "decision.set")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "policy"), policies))
			return N_("policy is not implement, accept, alternative, na or existing");
		if (ss_rules__dhas(d, "review_by") && !streq(ss_rules__dstr(d, "policy"), "accept"))
			return N_("review_by goes only with policy accept");
		if (ss_rules__dhas(d, "alternative") &&
		    !streq(ss_rules__dstr(d, "policy"), "alternative"))
			return N_("alternative goes only with policy alternative");
		if (ss_rules__dint(d, "level") < 0 || ss_rules__dint(d, "level") > 3)
			return N_("level is not 0 to 3");
		if (ss_rules__dhas(d, "owner") &&
		    !ss_rules__one_of(ss_rules__dstr(d, "owner"), owners))
			return N_("owner is not vendor, user or both");
		if (ss_rules__dhas(d, "duty") && !streq(ss_rules__dstr(d, "owner"), "user") &&
		    !streq(ss_rules__dstr(d, "owner"), "both"))
			return N_("duty goes only with owner user or both");
		if (ss_rules__dhas(d, "evidence") &&
		    !streq(ss_rules__dstr(d, "policy"), "existing"))
			return N_("evidence goes only with policy existing");
		if (ss_rules__dhas(d, "scenario") &&
		    !ss_rules__risky_policy(ss_rules__dstr(d, "policy")))
			return N_("scenario goes only with policy accept or alternative");
	} else if (streq(type, "approval.set")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "verdict"), verdicts))
			return N_("verdict is not approved or rejected");
	} else if (streq(type, "key.register")) {
		if (!streq(ss_rules__dstr(d, "algorithm"), "ed25519"))
			return N_("algorithm is not ed25519");
		if (ss_rules__dhas(d, "pop") && ss_rules__dlen(d, "pop") != 128)
			return N_("pop is not a 64-byte signature");
	} else if (streq(type, "spec.draft")) {
		if (!array_of_items(ss_rules__djson(d, "items")))
			return N_("items is not a list of [id, content hash]");
	} else if (streq(type, "project.upgrade")) {
		if (!array_of_items(ss_rules__djson(d, "added")) ||
		    !array_of_names(ss_rules__djson(d, "retired")) ||
		    !array_of_names(ss_rules__djson(d, "changed")) ||
		    (ss_rules__dhas(d, "changed_hashes") &&
		     !array_of_items(ss_rules__djson(d, "changed_hashes"))))
			return N_(
				"added, retired, changed or changed_hashes is not a list of items");
	} else if (streq(type, "minutes.add")) {
		const json_t *a;
		size_t i;

		if (!array_of_names(ss_rules__djson(d, "attendees")) ||
		    !array_of_names(ss_rules__djson(d, "items")) ||
		    !ss_rules__array_of_texts(ss_rules__djson(d, "topics")))
			return N_("attendees, items or topics is not a list of names");
		json_array_foreach(ss_rules__djson(d, "attachments"), i, a) {
			if (json_object_size(a) != 3 ||
			    !ss_rules__value_ok(json_object_get(a, "name"), 't') ||
			    !ss_rules__value_ok(json_object_get(a, "sha256"), 'h') ||
			    !json_is_integer(json_object_get(a, "size")) || ss_ji(a, "size") < 0)
				return N_("an attachment is not {name, sha256, size}");
		}
	} else if (streq(type, "change.open")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "kind"), kinds))
			return N_("kind is not item-changed, new-default, retired, asset-changed, "
				  "system-changed, sbom-changed or vuln-found");
		if (!array_of_names(ss_rules__djson(d, "fields")))
			return N_("fields is not a list of names");
	} else if (streq(type, "change.assess")) {
		if (!ss_rules__one_of(ss_rules__dstr(d, "reestimate"), estimates))
			return N_("reestimate is not none, cost, date or both");
	} else if (streq(type, "asset.set")) {
		static const char *const axes[] = {"duration", "reach", "damage", "trust", NULL};
		const json_t *im = ss_rules__djson(d, "impact");
		const char *const *a;

		if (json_object_size(im) != 4)
			return N_("impact is not {duration, reach, damage, trust}");
		for (a = axes; *a; a++)
			if (!json_is_integer(json_object_get(im, *a)) || ss_ji(im, *a) < 1 ||
			    ss_ji(im, *a) > 3)
				return N_(
					"impact is not {duration, reach, damage, trust}, each 1 to "
					"3");
	} else if (streq(type, "threat.score")) {
		const char *t = ss_rules__dstr(d, "technique");
		size_t n = strlen(t), i;
		bool ok = (n == 5 || n == 9) && t[0] == 'T';

		for (i = 1; ok && i < n; i++)
			ok = i == 5 ? t[i] == '.' : (t[i] >= '0' && t[i] <= '9');
		if (!ok)
			return N_("technique is not an ATT&CK id like T1110 or T1110.001");
		if (ss_rules__dint(d, "incident") < 1 || ss_rules__dint(d, "incident") > 3 ||
		    ss_rules__dint(d, "ease") < 1 || ss_rules__dint(d, "ease") > 3)
			return N_("incident and ease are 1 to 3");
	} else if (streq(type, "phase.set")) {
		if (ss_rules__dint(d, "phase") < 1 || ss_rules__dint(d, "phase") > 12 ||
		    ss_rules__dint(d, "from") < 1 || ss_rules__dint(d, "from") > 12)
			return N_("phase and from are steps 1 to 12");
	} else if (streq(type, "milestone.open") || streq(type, "milestone.sign")) {
		const char *n = ss_rules__dstr(d, "name");

		if (ss_rules__dint(d, "tree_size") < 0)
			return N_("tree_size is negative");
		if (strlen(n) > 64 ||
		    !((n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z')))
			return N_("a milestone's name starts with a letter and has at most 64 "
				  "characters");
	} else if (streq(type, "project.create")) {
		/* rules 3: the vendor may be chosen later (check_create) */
		if (!*ss_rules__dstr(d, "user_org") ||
		    (!*ss_rules__dstr(d, "vendor_org") && ss_rules__dint(d, "rules") < 3))
			return N_("user_org and vendor_org name the two organisations");
	} else if (streq(type, "system.set")) {
		if (ss_rules__dhas(d, "legacy") != ss_rules__dhas(d, "compensating"))
			return N_("legacy and compensating go together");
	} else if (!strncmp(type, "sbom.", 5) || !strncmp(type, "vuln.", 5)) {
		return sbom_problem(type, d);
	} else if (streq(type, "check.run") || streq(type, "verify.record")) {
		return accept_problem(type, d);
	} else {
		return negotiation_problem(type, d);
	}
	if (streq(type, "milestone.open") && ss_rules__dhas(d, "parties") &&
	    !streq(ss_rules__dstr(d, "parties"), "both") &&
	    !streq(ss_rules__dstr(d, "parties"), "user"))
		return N_("parties is not both or user");
	if (streq(type, "milestone.open") && ss_rules__dhas(d, "stage") &&
	    !streq(ss_rules__dstr(d, "stage"), "acceptance") &&
	    !streq(ss_rules__dstr(d, "stage"), "switchover"))
		return N_("stage is not acceptance or switchover");
	if (streq(type, "milestone.open") && ss_rules__dhas(d, "stage") &&
	    streq(ss_rules__dstr(d, "parties"), "user"))
		return N_("a milestone of a stage is both parties'");
	return NULL;
}

/* The types nested_problem looks further into. */
static const bool has_nested[T_COUNT] = {
	[T_MEMBER_ADD] = true,     [T_DECISION_SET] = true,  [T_APPROVAL_SET] = true,
	[T_KEY_REGISTER] = true,   [T_SPEC_DRAFT] = true,    [T_PROJECT_UPGRADE] = true,
	[T_MINUTES_ADD] = true,    [T_CHANGE_OPEN] = true,   [T_CHANGE_ASSESS] = true,
	[T_THREAT_SCORE] = true,   [T_PHASE_SET] = true,     [T_MILESTONE_OPEN] = true,
	[T_MILESTONE_SIGN] = true, [T_ASSET_SET] = true,     [T_PROJECT_CREATE] = true,
	[T_SYSTEM_SET] = true,     [T_PROPOSAL_ADD] = true,  [T_PROPOSAL_ANSWER] = true,
	[T_COST_SET] = true,       [T_COST_APPROVE] = true,  [T_CANDIDATE_DOCUMENT] = true,
	[T_LAW_SET] = true,        [T_CONTRACT_SET] = true,  [T_STANDARD_SET] = true,
	[T_DIAGNOSIS_ADD] = true,  [T_RULES_PROPOSE] = true, [T_RULES_ACCEPT] = true,
	[T_SBOM_ADD] = true,       [T_SBOM_POLICY] = true,   [T_VULN_NOTICE] = true,
	[T_VULN_ANALYSIS] = true,  [T_VULN_DECIDE] = true,   [T_VULN_APPROVE] = true,
	[T_ITASSET_SET] = true,    [T_NETWORK_SET] = true,   [T_CHECK_RUN] = true,
	[T_VERIFY_RECORD] = true};

static bool shape_has(int shape, const char *key, size_t klen)
{
	size_t k;

	for (k = 0; k < FIELDS_MAX && shapes[shape].f[k].name; k++)
		if (strlen(shapes[shape].f[k].name) == klen &&
		    memcmp(shapes[shape].f[k].name, key, klen) == 0)
			return true;
	return false;
}

/* A field that is not of its kind: one whole sentence for each kind, so
 * that a translation need not fit a kind's name into a sentence. */
static int bad_kind(ss_rule_hit *h, const char *type, const char *name, char kind)
{
	switch (kind) {
	case 'i':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid integer",
				     type, name);
	case 'b':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid boolean",
				     type, name);
	case 'a':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid array",
				     type, name);
	case 'o':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid object",
				     type, name);
	case 'n':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid name", type,
				     name);
	case 'h':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA,
				     "%s: data.%s is not a valid hash (64 hex digits)", type, name);
	case 'x':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid hex string",
				     type, name);
	case 'd':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid date", type,
				     name);
	case 'T':
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not a valid time", type,
				     name);
	default:
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data.%s is not valid text", type,
				     name);
	}
}

int ss_rules__check_shape(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int *shape)
{
	const ss_rules_data *d = ev->data;
	const char *why;
	size_t i, k, known = 0, size;
	ss_rules_field v;

	if ((*shape = ss_rules__type_index(r, ev->type)) < 0)
		return ss_rules__hit(h, SS_RULE_EVENT_TYPE, "unknown event type '%.40s'", ev->type);
	if (d->json && !json_is_object(d->json))
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: data is not an object", ev->type);
	for (k = 0; k < FIELDS_MAX && shapes[*shape].f[k].name; k++) {
		const field *f = &shapes[*shape].f[k];

		if (!ss_rules__dfield(d, f->name, &v)) {
			if (!f->opt)
				return ss_rules__hit(h, SS_RULE_EVENT_DATA,
						     "%s: data.%s is missing", ev->type, f->name);
			continue;
		}
		known++;
		if (!ss_rules__field_ok(&v, f->kind))
			return bad_kind(h, ev->type, f->name, f->kind);
	}
	size = d->json ? json_object_size(d->json) : d->n;
	if (known != size) {
		const char *key;
		json_t *jv;

		if (d->json) {
			json_object_foreach((json_t *)d->json, key, jv) {
				if (!shape_has(*shape, key, strlen(key)))
					return ss_rules__hit(h, SS_RULE_EVENT_DATA,
							     "%s: unknown field data.%.40s",
							     ev->type, key);
			}
		}
		for (i = 0; !d->json && i < d->n; i++) {
			size_t klen = d->f[i].key_len;

			if (!shape_has(*shape, d->f[i].key, klen))
				return ss_rules__hit(h, SS_RULE_EVENT_DATA,
						     "%s: unknown field data.%.*s", ev->type,
						     (int)(klen < 40 ? klen : 40), d->f[i].key);
		}
	}
	if (has_nested[*shape] && (why = nested_problem(ev->type, d)) != NULL)
		return ss_rules__hit(h, SS_RULE_EVENT_DATA, "%s: %s", ev->type, _(why));
	return 0;
}

/* A copy of the data as a jansson object (json_deep_copy of the object
 * jansson would have read). */
json_t *ss_rules__data_copy(const ss_rules_data *d)
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
