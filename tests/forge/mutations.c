/*
 * The forgeries: what a user lead, vendor lead, member or management insider
 * holding their own private keys (and, for some, a stranger's) would try.
 * Each names the rule ids of which the verifier must report at least one;
 * "" marks a control, which must still verify.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive_entry.h>

#include "forge.h"
#include "mutations.h"
#include "util/util.h"

#define END (b->n)
#define ADD_AT(at, actor, type, ...) fg_insert(b, (at), fg_make(b, (at), actor, type, __VA_ARGS__))
#define ADD(actor, type, ...) ADD_AT(END, actor, type, __VA_ARGS__)

static json_t *EV(fg_bundle *b, long i)
{
	return i >= 0 && (size_t)i < b->n ? b->ev[i].ev : NULL;
}

static json_t *D(fg_bundle *b, long i)
{
	return json_object_get(EV(b, i), "data");
}

static void set_s(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, json_string(v));
}

static void set_i(json_t *o, const char *k, long long v)
{
	json_object_set_new(o, k, json_integer(v));
}

static const char *item_hash(fg_bundle *b, const char *item)
{
	const json_t *it;
	size_t i;

	json_array_foreach(
		D(b, fg_find(b, 0, "spec.draft", NULL, NULL, NULL))
			? json_object_get(D(b, fg_find(b, 0, "spec.draft", NULL, NULL, NULL)),
					  "items")
			: NULL,
		i, it) {
		if (strcmp(json_string_value(json_array_get(it, 0)), item) == 0)
			return json_string_value(json_array_get(it, 1));
	}
	return "";
}

static const char *fpr_of(fg_bundle *b, const char *person)
{
	const ss_key *k = fg_signer_of(b, person);
	const char *fpr = NULL;

	fg_state_at(b, b->n, person, NULL, NULL, &fpr);
	if (fpr)
		return fpr;
	return k ? ss_key_fingerprint(k) : "";
}

/* A decision as the write path records it (supersedes the last one). */
static int decide(fg_bundle *b, size_t at, const char *by, const char *item, const char *policy,
		  const char *reason)
{
	json_t *e = fg_make(b, at, by, "decision.set",
			    "{\"item\":\"%s\",\"item_hash\":\"%s\","
			    "\"level\":3,\"policy\":\"%s\"}",
			    item, item_hash(b, item), policy);
	long long sup = fg_find_last(b, "decision.set", NULL, "item", item) + 1;

	if (reason)
		set_s(json_object_get(e, "data"), "reason", reason);
	if (sup > 0 && (size_t)sup <= at)
		set_i(json_object_get(e, "data"), "supersedes", sup);
	return fg_insert(b, at, e);
}

static int approve(fg_bundle *b, size_t at, const char *by, const char *item, long long dseq)
{
	return ADD_AT(at, by, "approval.set",
		      "{\"decision_seq\":%lld,\"item\":\"%s\",\"note\":\"ok\","
		      "\"verdict\":\"approved\"}",
		      dseq, item);
}

static int member(fg_bundle *b, size_t at, const char *by, const char *person, const char *side,
		  const char *role)
{
	return ADD_AT(at, by, "member.add", "{\"person\":\"%s\",\"role\":\"%s\",\"side\":\"%s\"}",
		      person, role, side);
}

static int sign_ms(fg_bundle *b, size_t at, const char *by, const char *name)
{
	long o = fg_find(b, 0, "milestone.open", NULL, "name", name);

	return ADD_AT(at, by, "milestone.sign", "{\"name\":\"%s\",\"spec_hash\":\"%s\"}", name,
		      o >= 0 ? ss_js(D(b, o), "spec_hash") : "00");
}

/* The key.register event of person for the key file they hold. */
static int key_register(fg_bundle *b, size_t at, const char *by, const char *keyholder, bool pop)
{
	const ss_key *k = fg_signer_of(b, keyholder);
	json_t *e;

	if (!k)
		return -1;
	e = fg_make(b, at, by, "key.register",
		    "{\"algorithm\":\"ed25519\",\"fingerprint\":\"%s\",\"person\":\"%s\","
		    "\"public_key\":\"%s\"}",
		    ss_key_fingerprint(k), by, ss_key_public_hex(k));
	if (pop)
		set_s(json_object_get(e, "data"), "pop", "00");
	if (!json_object_get(e, "key"))
		set_s(e, "key", ss_key_fingerprint(k));
	return fg_insert(b, at, e);
}

static int revoke(fg_bundle *b, size_t at, const char *by, const char *fpr, const char *person)
{
	return ADD_AT(at, by, "key.revoke",
		      "{\"fingerprint\":\"%s\",\"person\":\"%s\",\"reason\":\"lost\"}", fpr,
		      person);
}

static int minutes(fg_bundle *b, size_t at, const char *by, const char *id, const char *attendees,
		   const char *items)
{
	return ADD_AT(at, by, "minutes.add",
		      "{\"attachments\":[],\"attendees\":%s,\"date\":\"2026-11-25\",\"id\":\"%s\","
		      "\"items\":%s,\"title\":\"t\",\"topics\":[\"x\"]}",
		      attendees, id, items);
}

/* --- line tweaks: chained and signed over the tweaked bytes --- */

static int replace_first(char **line, size_t *len, const char *from, const char *to)
{
	char *p = strstr(*line, from), *n;
	size_t fl = strlen(from), tl = strlen(to);

	if (!p)
		return -1;
	n = malloc(*len - fl + tl + 1);
	memcpy(n, *line, (size_t)(p - *line));
	memcpy(n + (p - *line), to, tl);
	memcpy(n + (p - *line) + tl, p + fl, *len - (size_t)(p - *line) - fl + 1);
	*len = *len - fl + tl;
	free(*line);
	*line = n;
	return 0;
}

static int file_replace(fg_bundle *b, const char *path, const char *from, const char *to)
{
	fg_file *f = fg_file_get(b, path);
	char *s = f ? strndup((const char *)f->data, f->len) : NULL;
	size_t n = s ? strlen(s) : 0;
	int error = -1;

	if (s && replace_first(&s, &n, from, to) == 0)
		error = fg_file_set(b, path, s, n);
	free(s);
	return error;
}

static int tw_space_colon(char **l, size_t *n)
{
	return replace_first(l, n, "\"actor\":", "\"actor\": ");
}
static int tw_space_comma(char **l, size_t *n)
{
	return replace_first(l, n, ",\"project\"", ", \"project\"");
}
static int tw_leading_space(char **l, size_t *n)
{
	return replace_first(l, n, "{", " {");
}
static int tw_trailing_space(char **l, size_t *n)
{
	char *p = realloc(*l, *n + 2);

	p[(*n)++] = ' ';
	p[*n] = '\0';
	*l = p;
	return 0;
}
static int tw_key_order(char **l, size_t *n)
{
	/* "v":1 moved from last to first */
	if (replace_first(l, n, ",\"v\":1}", "}") < 0)
		return -1;
	return replace_first(l, n, "{", "{\"v\":1,");
}
static int tw_escape_unicode(char **l, size_t *n)
{
	return replace_first(l, n, "鈴木", "\\u9234\\u6728");
}
static int tw_escape_ascii(char **l, size_t *n)
{
	return replace_first(l, n, "\"actor\":\"suzuki\"", "\"actor\":\"\\u0073uzuki\"");
}
static int tw_escape_solidus(char **l, size_t *n)
{
	return replace_first(l, n, "T10:00:00Z", "T10:00:00\\u005a");
}
static int tw_exponent(char **l, size_t *n)
{
	return replace_first(l, n, "\"v\":1}", "\"v\":1e0}");
}
static int tw_float(char **l, size_t *n)
{
	return replace_first(l, n, "\"v\":1}", "\"v\":1.0}");
}
static int tw_duplicate_key(char **l, size_t *n)
{
	return replace_first(l, n, "\"v\":1}", "\"v\":1,\"v\":1}");
}
static int tw_crlf(char **l, size_t *n)
{
	return tw_trailing_space(l, n) < 0 ? -1 : ((*l)[*n - 1] = '\r', 0);
}
static int tw_bom(char **l, size_t *n)
{
	return replace_first(l, n, "{", "\xef\xbb\xbf{");
}
static int tw_bad_utf8(char **l, size_t *n)
{
	return replace_first(l, n, "鈴木", "\xff\xfe");
}
static int tw_upper_escape(char **l, size_t *n)
{
	return replace_first(l, n, "\"actor\":\"suzuki\"", "\"actor\":\"\\u0073uzuki\\u0000\"");
}
static int tw_tab(char **l, size_t *n)
{
	return replace_first(l, n, "\"data\":", "\"data\":\t");
}

static int tweak(fg_bundle *b, long i, fg_tweak t)
{
	if (i < 0)
		return -1;
	b->ev[i].tweak = t;
	return 0;
}

#define TWEAK_MEMBER_ADD(fn)                                                                       \
	static int m_##fn(fg_bundle *b)                                                            \
	{                                                                                          \
		return tweak(b, fg_find(b, 0, "member.add", "suzuki", NULL, NULL), fn);            \
	}
TWEAK_MEMBER_ADD(tw_space_colon)
TWEAK_MEMBER_ADD(tw_space_comma)
TWEAK_MEMBER_ADD(tw_leading_space)
TWEAK_MEMBER_ADD(tw_trailing_space)
TWEAK_MEMBER_ADD(tw_key_order)
TWEAK_MEMBER_ADD(tw_escape_ascii)
TWEAK_MEMBER_ADD(tw_escape_solidus)
TWEAK_MEMBER_ADD(tw_exponent)
TWEAK_MEMBER_ADD(tw_float)
TWEAK_MEMBER_ADD(tw_duplicate_key)
TWEAK_MEMBER_ADD(tw_crlf)
TWEAK_MEMBER_ADD(tw_bom)
TWEAK_MEMBER_ADD(tw_upper_escape)
TWEAK_MEMBER_ADD(tw_tab)

static int tw_escaped_slash(char **l, size_t *n)
{
	return replace_first(l, n, " / ", " \\/ ");
}
static int m_tw_escaped_slash(fg_bundle *b)
{
	return tweak(b, fg_find_last(b, "decision.set", "tanaka", "item", "LNX-AT-002"),
		     tw_escaped_slash);
}
static int m_tw_escape_unicode(fg_bundle *b)
{
	return tweak(b, 0, tw_escape_unicode);
}
static int m_tw_bad_utf8(fg_bundle *b)
{
	return tweak(b, 0, tw_bad_utf8);
}
/* a signed event, tweaked: the signature covers the tweak */
static int m_tw_signed(fg_bundle *b)
{
	return tweak(b, fg_find_last(b, "approval.set", "yamada", NULL, NULL), tw_space_colon);
}

/* --- controls --- */

static int m_none(fg_bundle *b)
{
	(void)b;
	return 0;
}
static int m_control_decision(fg_bundle *b)
{
	return decide(b, END, "suzuki", "LNX-DM-002", "implement", NULL);
}
static int m_control_advice(fg_bundle *b)
{
	return ADD("ito", "advice.add",
		   "{\"item\":\"LNX-DM-002\",\"item_hash\":\"%s\",\"note\":\"n\"}",
		   item_hash(b, "LNX-DM-002"));
}
static int m_control_minutes(fg_bundle *b)
{
	return minutes(b, END, "tanaka", "M-0002", "[\"suzuki\",\"tanaka\"]", "[\"LNX-DM-002\"]");
}
static int m_control_complete_v2(fg_bundle *b)
{
	return sign_ms(b, END, "yamada", "spec-v2");
}
static int m_control_vendor_member(fg_bundle *b)
{
	return member(b, END, "sato", "kato", "vendor", "member");
}
static int m_control_revoke_own(fg_bundle *b)
{
	return revoke(b, END, "ito", fpr_of(b, "ito"), "ito");
}
static int m_control_minutes_between(fg_bundle *b)
{
	/* evidence between a milestone's opening and its signatures is allowed */
	return minutes(b, (size_t)fg_find(b, 0, "milestone.open", NULL, "name", "spec-v2") + 1,
		       "tanaka", "M-0002", "[\"suzuki\"]", "[]");
}
static int m_control_gzip(fg_bundle *b)
{
	b->gzip = true;
	return 0;
}

/* --- structure and manifest: the files around the log --- */

static int m_extra_listed(fg_bundle *b)
{
	return fg_file_set(b, "notes.txt", "x\n", 2);
}
static int m_extra_unlisted(fg_bundle *b)
{
	/* added after the manifest was made */
	b->extra[b->nextra].name = strdup("secspec-evidence/notes.txt");
	b->extra[b->nextra].data = (unsigned char *)strdup("x\n");
	b->extra[b->nextra].len = 2;
	b->extra[b->nextra++].type = AE_IFREG;
	return 0;
}
static int entry(fg_bundle *b, const char *name, int type, const char *link)
{
	b->extra[b->nextra].name = strdup(name);
	b->extra[b->nextra].data = (unsigned char *)strdup("x");
	b->extra[b->nextra].len = 1;
	b->extra[b->nextra].type = type;
	b->extra[b->nextra++].link = link ? strdup(link) : NULL;
	return 0;
}
static int m_symlink(fg_bundle *b)
{
	return entry(b, "secspec-evidence/link", AE_IFLNK, "/etc/passwd");
}
static int m_dotdot(fg_bundle *b)
{
	return entry(b, "secspec-evidence/../x", AE_IFREG, NULL);
}
static int m_outside_root(fg_bundle *b)
{
	return entry(b, "other/file", AE_IFREG, NULL);
}
static int m_absolute(fg_bundle *b)
{
	return entry(b, "/secspec-evidence/x", AE_IFREG, NULL);
}
static int m_duplicate_entry(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "log/events.jsonl");

	b->extra[b->nextra].name = strdup("secspec-evidence/log/events.jsonl");
	b->extra[b->nextra].data = malloc(f->len);
	memcpy(b->extra[b->nextra].data, f->data, f->len);
	b->extra[b->nextra].len = f->len - 1;
	b->extra[b->nextra++].type = AE_IFREG;
	return 0;
}
static int m_rm_events(fg_bundle *b)
{
	fg_file_remove(b, "log/events.jsonl");
	return 0;
}
static int m_rm_sigs(fg_bundle *b)
{
	fg_file_remove(b, "log/signatures.jsonl");
	return 0;
}
static int m_rm_keys(fg_bundle *b)
{
	fg_file_remove(b, "keys.json");
	return 0;
}
static int m_rm_index(fg_bundle *b)
{
	fg_file_remove(b, "INDEX.en.md");
	return 0;
}
static int m_rm_spec(fg_bundle *b)
{
	fg_file_remove(b, "documents/spec-v1/spec.json");
	return 0;
}
static int m_rm_rendition(fg_bundle *b)
{
	fg_file_remove(b, "documents/spec-v1/spec.en.md");
	return 0;
}
static const char *attachment_path(fg_bundle *b)
{
	size_t i;

	for (i = 0; i < b->nfiles; i++)
		if (strncmp(b->files[i].path, "attachments/", 12) == 0)
			return b->files[i].path;
	return "attachments/none";
}
static int m_rm_attachment(fg_bundle *b)
{
	fg_file_remove(b, attachment_path(b));
	return 0;
}
static int m_alter_attachment(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, attachment_path(b));

	if (!f)
		return -1;
	f->data[0] ^= 1;
	return 0;
}
static int m_extra_attachment(fg_bundle *b)
{
	char path[128], h[SS_SHA256_HEX];

	ss_sha256_hex(h, "planted\n", 8);
	snprintf(path, sizeof(path), "attachments/%s", h);
	return fg_file_set(b, path, "planted\n", 8);
}
static int m_rendition_current(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "documents/spec-v2/spec.en.md");

	if (!f)
		return -1;
	f->data[f->len / 2] = 'X';
	return 0;
}
static int m_spec_current_altered(fg_bundle *b)
{
	/* spec-v2's document is no longer the one signed */
	return file_replace(b, "documents/spec-v2/spec.json", "\"accept\"", "\"implement\"");
}
static int m_spec_swapped(fg_bundle *b)
{
	const char *names[] = {"spec.json", "spec.ja.html", "spec.ja.md", "spec.en.html",
			       "spec.en.md"};
	char from[64], to[64];
	size_t i;

	for (i = 0; i < 5; i++) {
		fg_file *f;

		snprintf(from, sizeof(from), "documents/spec-v2/%s", names[i]);
		snprintf(to, sizeof(to), "documents/spec-v1/%s", names[i]);
		if (!(f = fg_file_get(b, from)))
			return -1;
		fg_file_set(b, to, f->data, f->len);
	}
	return 0;
}
static int m_document_unknown(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "documents/spec-v1/spec.json");

	return f ? fg_file_set(b, "documents/spec-v9/spec.json", f->data, f->len) : -1;
}
static int m_keys_fake(fg_bundle *b)
{
	const char *k = "[{\"active\":true,\"fingerprint\":\"00\",\"person\":\"mallory\","
			"\"public_key\":\"00\",\"seq\":1}]";

	return fg_file_set(b, "keys.json", k, strlen(k));
}
static int m_keys_revoked_active(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "keys.json");
	char *s = f ? strndup((const char *)f->data, f->len) : NULL, *p;
	int error = -1;

	if (s && (p = strstr(s, "\"active\":false")) != NULL) {
		memcpy(p, "\"active\":true,", 14);
		error = fg_file_set(b, "keys.json", s, strlen(s));
	}
	free(s);
	return error;
}
static int m_index_status(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "INDEX.en.md");
	char *s = f ? strndup((const char *)f->data, f->len) : NULL;
	size_t n = s ? strlen(s) : 0;
	int error = -1;

	if (s && replace_first(&s, &n, "awaiting signatures", "complete") == 0)
		error = fg_file_set(b, "INDEX.en.md", s, n);
	free(s);
	return error;
}
static int m_index_signer(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "INDEX.ja.md");
	char *s = f ? strndup((const char *)f->data, f->len) : NULL;
	size_t n = s ? strlen(s) : 0;
	int error = -1;

	if (s &&
	    replace_first(&s, &n, "yamada (user, management)", "mallory (user, management)") == 0)
		error = fg_file_set(b, "INDEX.ja.md", s, n);
	free(s);
	return error;
}
static int m_no_final_newline(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "log/events.jsonl");

	if (!f || f->len == 0)
		return -1;
	f->len--;
	return 0;
}
static int m_blank_line(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "log/events.jsonl");
	unsigned char *d;

	if (!f)
		return -1;
	d = malloc(f->len + 1);
	memcpy(d, f->data, f->len);
	d[f->len] = '\n';
	free(f->data);
	f->data = d;
	f->len++;
	return 0;
}
static int m_empty_log(fg_bundle *b)
{
	while (b->n)
		fg_remove(b, b->n - 1);
	return 0;
}
static int m_not_json_line(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "log/events.jsonl");
	const char *add = "garbage\n";
	unsigned char *d;

	if (!f)
		return -1;
	d = malloc(f->len + strlen(add));
	memcpy(d, f->data, f->len);
	memcpy(d + f->len, add, strlen(add));
	free(f->data);
	f->data = d;
	f->len += strlen(add);
	return 0;
}
static int m_truncated_line(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "log/events.jsonl");

	if (!f || f->len < 10)
		return -1;
	f->len -= 10;
	return 0;
}

/* manifest */
static int m_man_tree_size(fg_bundle *b)
{
	set_i(b->manifest, "tree_size", ss_ji(b->manifest, "tree_size") - 1);
	return 0;
}
static int m_man_root(fg_bundle *b)
{
	set_s(b->manifest, "root",
	      ss_js(D(b, fg_find(b, 0, "milestone.open", NULL, NULL, NULL)), "root"));
	return 0;
}
static int m_man_head(fg_bundle *b)
{
	set_s(b->manifest, "head", ss_js(EV(b, (long)b->n - 1), "prev"));
	return 0;
}
static int m_man_project(fg_bundle *b)
{
	set_s(b->manifest, "project", "other");
	return 0;
}
static int m_man_format(fg_bundle *b)
{
	set_s(b->manifest, "format", "secspec-evidence/2");
	return 0;
}
static int m_man_field(fg_bundle *b)
{
	set_s(b->manifest, "signed_by", "everyone");
	return 0;
}
static int m_man_exported(fg_bundle *b)
{
	set_s(b->manifest, "exported_at", "2026-13-01T00:00:00Z");
	return 0;
}
static json_t *man_file(fg_bundle *b, const char *path)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(b->manifest, "files"), i, f) {
		if (strcmp(ss_js(f, "path"), path) == 0)
			return f;
	}
	return NULL;
}
static int m_man_sha(fg_bundle *b)
{
	json_t *f = man_file(b, "log/signatures.jsonl");

	if (!f)
		return -1;
	set_s(f, "sha256", ss_js(man_file(b, "keys.json"), "sha256"));
	return 0;
}
static int m_man_size(fg_bundle *b)
{
	json_t *f = man_file(b, "keys.json");

	if (!f)
		return -1;
	set_i(f, "size", ss_ji(f, "size") + 1);
	return 0;
}
static int m_man_lists_missing(fg_bundle *b)
{
	return json_array_append_new(json_object_get(b->manifest, "files"),
				     json_pack("{s:s, s:s, s:i}", "path", "log/extra.jsonl",
					       "sha256", ss_js(b->manifest, "root"), "size", 0));
}
static int m_man_duplicate(fg_bundle *b)
{
	return json_array_append(json_object_get(b->manifest, "files"), man_file(b, "keys.json"));
}
static int m_man_itself(fg_bundle *b)
{
	return json_array_append_new(json_object_get(b->manifest, "files"),
				     json_pack("{s:s, s:s, s:i}", "path", "MANIFEST.json", "sha256",
					       ss_js(b->manifest, "root"), "size", 0));
}
static int m_man_pretty(fg_bundle *b)
{
	b->manifest_raw = json_dumps(b->manifest, JSON_INDENT(2) | JSON_SORT_KEYS);
	b->manifest_raw_len = strlen(b->manifest_raw);
	return 0;
}
static int m_man_missing(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "keys.json");

	/* no MANIFEST.json: write the keys in its place under another name */
	b->manifest_raw = strdup("");
	b->manifest_raw_len = 0;
	(void)f;
	return 0;
}

/* --- event form --- */

static long some_member_add(fg_bundle *b)
{
	return fg_find(b, 0, "member.add", "suzuki", NULL, NULL);
}
static int m_unknown_field(fg_bundle *b)
{
	set_s(EV(b, some_member_add(b)), "note", "x");
	return 0;
}
static int m_missing_time(fg_bundle *b)
{
	return json_object_del(EV(b, some_member_add(b)), "time");
}
static int m_v2(fg_bundle *b)
{
	set_i(EV(b, some_member_add(b)), "v", 2);
	return 0;
}
static int m_v_string(fg_bundle *b)
{
	set_s(EV(b, some_member_add(b)), "v", "1");
	return 0;
}
static int set_time(fg_bundle *b, const char *t)
{
	set_s(EV(b, some_member_add(b)), "time", t);
	return 0;
}
static int m_time_month13(fg_bundle *b)
{
	return set_time(b, "2026-13-01T00:00:00Z");
}
static int m_time_no_z(fg_bundle *b)
{
	return set_time(b, "2026-11-26T10:00:00");
}
static int m_time_offset(fg_bundle *b)
{
	return set_time(b, "2026-11-26T19:00:00+09:00");
}
static int m_time_feb30(fg_bundle *b)
{
	return set_time(b, "2026-02-30T10:00:00Z");
}
static int m_time_fraction(fg_bundle *b)
{
	return set_time(b, "2026-11-26T10:00:00.5Z");
}
static int m_time_backwards(fg_bundle *b)
{
	/* the last event dated before the one it follows */
	set_s(EV(b, (long)b->n - 1), "time", "2020-01-01T00:00:00Z");
	return 0;
}
static int m_seq_gap(fg_bundle *b)
{
	/* remove an event; the seqs keep their numbers (FG_KEEP_SEQ), the chain
	 * is made whole */
	fg_remove(b, 100);
	return 0;
}
static int m_seq_duplicate(fg_bundle *b)
{
	set_i(EV(b, 101), "seq", 101);
	return 0;
}
static int m_seq_string(fg_bundle *b)
{
	set_s(EV(b, 101), "seq", "102");
	return 0;
}
static int m_seq_swapped(fg_bundle *b)
{
	fg_event t = b->ev[100];

	b->ev[100] = b->ev[101];
	b->ev[101] = t;
	return 0;
}
static int m_reorder_approval(fg_bundle *b)
{
	/* the approval moved before the decision it approves, renumbered */
	long a = fg_find_last(b, "approval.set", "yamada", NULL, NULL);
	long d = a - 1;
	fg_event t;

	if (a < 1 || strcmp(ss_js(EV(b, d), "type"), "decision.set") != 0)
		return -1;
	t = b->ev[a];
	b->ev[a] = b->ev[d];
	b->ev[d] = t;
	return 0;
}
static int m_other_project(fg_bundle *b)
{
	set_s(EV(b, some_member_add(b)), "project", "other");
	return 0;
}
static int m_prev_broken(fg_bundle *b)
{
	/* after the rebuild (FG_NO_CHAIN): one prev points elsewhere */
	set_s(EV(b, 50), "prev", ss_js(EV(b, 10), "prev"));
	return 0;
}
static int m_event_removed_no_chain(fg_bundle *b)
{
	fg_remove(b, 60);
	return 0;
}
static int m_unknown_type(fg_bundle *b)
{
	return ADD("suzuki", "decision.delete", "{\"item\":\"LNX-DM-001\"}");
}
static int m_type_case(fg_bundle *b)
{
	set_s(EV(b, some_member_add(b)), "type", "Member.add");
	return 0;
}
static int m_data_not_object(fg_bundle *b)
{
	json_object_set_new(EV(b, some_member_add(b)), "data", json_string("x"));
	return 0;
}
static int m_data_missing(fg_bundle *b)
{
	return json_object_del(EV(b, some_member_add(b)), "data");
}
static int m_key_empty(fg_bundle *b)
{
	set_s(EV(b, fg_find_last(b, "decision.set", "suzuki", NULL, NULL)), "key", "");
	return 0;
}
static int m_side_unknown(fg_bundle *b)
{
	set_s(EV(b, some_member_add(b)), "side", "auditor");
	return 0;
}
static int m_actor_empty(fg_bundle *b)
{
	set_s(EV(b, fg_find(b, 0, "decision.set", "tanaka", NULL, NULL)), "actor", "");
	return 0;
}
static int m_column_null(fg_bundle *b)
{
	json_object_set_new(EV(b, some_member_add(b)), "role", json_null());
	return 0;
}

/* --- project --- */

static int m_second_create(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, 0));

	return fg_insert(b, END, e);
}
static int m_create_not_first(fg_bundle *b)
{
	fg_event t = b->ev[0];

	b->ev[0] = b->ev[1];
	b->ev[1] = t;
	return 0;
}
static int m_create_missing(fg_bundle *b)
{
	fg_remove(b, 0);
	return 0;
}
static int m_create_member(fg_bundle *b)
{
	set_s(EV(b, 0), "role", "member");
	return 0;
}
static int m_create_name(fg_bundle *b)
{
	set_s(D(b, 0), "name", "other");
	return 0;
}
static int m_create_catalog(fg_bundle *b)
{
	set_s(D(b, 0), "catalog_version", "9.9.9");
	return 0;
}

/* --- actors --- */

static int m_nonmember(fg_bundle *b)
{
	return decide(b, END, "mallory", "LNX-DM-002", "implement", NULL);
}
static int m_removed_member(fg_bundle *b)
{
	ADD("suzuki", "member.remove", "{\"person\":\"kobayashi\"}");
	return ADD("kobayashi", "minutes.add",
		   "{\"attachments\":[],\"attendees\":[\"suzuki\"],\"date\":\"2026-11-25\","
		   "\"id\":\"M-0002\",\"items\":[],\"topics\":[]}");
}
static int m_claims_lead(fg_bundle *b)
{
	long i = fg_find_last(b, "decision.set", "tanaka", NULL, NULL);

	set_s(EV(b, i), "role", "lead");
	return 0;
}
static int m_claims_side(fg_bundle *b)
{
	set_s(EV(b, fg_find_last(b, "advice.add", "ito", NULL, NULL)), "side", "user");
	return 0;
}
static int m_claims_mgmt(fg_bundle *b)
{
	/* the user lead signs as management as well */
	long i = fg_find(b, 0, "milestone.open", NULL, "name", "spec-v2");

	sign_ms(b, END, "suzuki", "spec-v2");
	(void)i;
	set_s(EV(b, (long)b->n - 1), "role", "management");
	return 0;
}

/* --- membership --- */

static int m_move_vendor_lead(fg_bundle *b)
{
	return member(b, END, "suzuki", "sato", "user", "member");
}
static int m_replace_vendor_lead(fg_bundle *b)
{
	member(b, END, "suzuki", "sato", "user", "member");
	return member(b, END, "suzuki", "mallory", "vendor", "lead");
}
static int m_second_vendor_lead(fg_bundle *b)
{
	return member(b, END, "suzuki", "mallory", "vendor", "lead");
}
static int m_demote_vendor_lead(fg_bundle *b)
{
	return member(b, END, "suzuki", "sato", "vendor", "member");
}
static int m_self_promote_lead(fg_bundle *b)
{
	return member(b, END, "suzuki", "suzuki", "user", "management");
}
static int m_self_promote_member(fg_bundle *b)
{
	return member(b, END, "tanaka", "tanaka", "user", "lead");
}
static int m_self_promote_vendor_member(fg_bundle *b)
{
	return member(b, END, "ito", "ito", "vendor", "lead");
}
static int m_vendor_adds_user_mgmt(fg_bundle *b)
{
	return member(b, END, "sato", "kimura", "user", "management");
}
static int m_vendor_adds_vendor_mgmt(fg_bundle *b)
{
	return member(b, END, "sato", "kimura", "vendor", "management");
}
static int m_vendor_makes_member_mgmt(fg_bundle *b)
{
	return member(b, END, "sato", "ito", "vendor", "management");
}
static int m_user_removes_vendor_lead(fg_bundle *b)
{
	return ADD("suzuki", "member.remove", "{\"person\":\"sato\"}");
}
static int m_vendor_removes_user_mgmt(fg_bundle *b)
{
	return ADD("sato", "member.remove", "{\"person\":\"yamada\"}");
}
static int m_lead_removes_self(fg_bundle *b)
{
	return ADD("suzuki", "member.remove", "{\"person\":\"suzuki\"}");
}
static int m_member_unchanged(fg_bundle *b)
{
	return member(b, END, "suzuki", "tanaka", "user", "member");
}
static int m_remove_never_added(fg_bundle *b)
{
	return ADD("suzuki", "member.remove", "{\"person\":\"nobody\"}");
}
static int m_remove_twice(fg_bundle *b)
{
	ADD("suzuki", "member.remove", "{\"person\":\"kobayashi\"}");
	return ADD("suzuki", "member.remove", "{\"person\":\"kobayashi\"}");
}
static int m_auditor_adds(fg_bundle *b)
{
	return member(b, END, "kobayashi", "mallory", "user", "member");
}
static int m_mgmt_adds(fg_bundle *b)
{
	return member(b, END, "yamada", "mallory", "user", "member");
}
static int m_member_adds(fg_bundle *b)
{
	return member(b, END, "ito", "mallory", "vendor", "member");
}
static int m_role_unknown(fg_bundle *b)
{
	return member(b, END, "suzuki", "mallory", "user", "owner");
}
static int m_side_third(fg_bundle *b)
{
	return member(b, END, "suzuki", "mallory", "third", "member");
}
static int m_first_lead_twice(fg_bundle *b)
{
	/* the vendor's first lead added by the vendor member, not the user lead */
	long i = fg_find(b, 0, "member.add", NULL, "person", "sato");

	set_s(EV(b, i), "actor", "tanaka");
	set_s(EV(b, i), "role", "member");
	return 0;
}
static int m_mgmt_by_vendor_signs(fg_bundle *b)
{
	/* the vendor lead makes "kimura" user management; kimura's key signs the
	 * milestone that needs management */
	member(b, END, "sato", "kimura", "user", "management");
	key_register(b, END, "kimura", "kimura", true);
	return sign_ms(b, END, "kimura", "spec-v2");
}

/* --- signatures and keys --- */

static long last_signed_by(fg_bundle *b, const char *who)
{
	return fg_find_last(b, "decision.set", who, NULL, NULL);
}
static int m_sig_line_removed(fg_bundle *b)
{
	long i = last_signed_by(b, "suzuki");

	free(b->ev[i].sig);
	b->ev[i].sig = NULL;
	return fg_sigs_file(b);
}
static int m_sig_stripped_key(fg_bundle *b)
{
	return json_object_del(EV(b, last_signed_by(b, "suzuki")), "key");
}
static int m_sig_flipped(fg_bundle *b)
{
	long i = last_signed_by(b, "suzuki");

	b->ev[i].sig[10] = b->ev[i].sig[10] == '0' ? '1' : '0';
	return fg_sigs_file(b);
}
static int m_sig_other_key(fg_bundle *b)
{
	set_s(EV(b, last_signed_by(b, "suzuki")), "key", fpr_of(b, "yamada"));
	return 0;
}
static int m_sig_unknown_key(fg_bundle *b)
{
	set_s(EV(b, last_signed_by(b, "suzuki")), "key", fpr_of(b, "mallory"));
	return 0;
}
static int m_sig_revoked_key(fg_bundle *b)
{
	long r = fg_find(b, 0, "key.revoke", NULL, "person", "tanaka");

	decide(b, END, "tanaka", "LNX-DM-002", "implement", NULL);
	set_s(EV(b, (long)b->n - 1), "key", ss_js(D(b, r), "fingerprint"));
	return 0;
}
static int m_sig_unexpected(fg_bundle *b)
{
	b->ev[5].sig = strdup(b->ev[b->n - 1].sig);
	return fg_sigs_file(b);
}
static int m_sig_beyond_log(fg_bundle *b)
{
	fg_file *f = fg_file_get(b, "log/signatures.jsonl");
	char line[200];
	unsigned char *d;
	int n = snprintf(line, sizeof(line), "{\"seq\":%zu,\"sig\":\"%s\"}\n", b->n + 5,
			 b->ev[b->n - 1].sig);

	d = malloc(f->len + (size_t)n);
	memcpy(d, f->data, f->len);
	memcpy(d + f->len, line, (size_t)n);
	free(f->data);
	f->data = d;
	f->len += (size_t)n;
	return 0;
}
static int sigs_append(fg_bundle *b, const char *line)
{
	fg_file *f = fg_file_get(b, "log/signatures.jsonl");
	unsigned char *d = malloc(f->len + strlen(line));

	memcpy(d, f->data, f->len);
	memcpy(d + f->len, line, strlen(line));
	free(f->data);
	f->data = d;
	f->len += strlen(line);
	return 0;
}
static int m_sig_garbage(fg_bundle *b)
{
	return sigs_append(b, "not json\n");
}
static int m_sig_duplicate(fg_bundle *b)
{
	char line[200];

	snprintf(line, sizeof(line), "{\"seq\":%zu,\"sig\":\"%s\"}\n", b->n,
		 b->ev[b->n - 2].sig ? b->ev[b->n - 2].sig : "00");
	return sigs_append(b, line);
}
static int m_sig_copied(fg_bundle *b)
{
	long i = last_signed_by(b, "suzuki"),
	     j = fg_find_last(b, "key.revoke", "suzuki", NULL, NULL);

	free(b->ev[i].sig);
	b->ev[i].sig = strdup(b->ev[j].sig);
	return fg_sigs_file(b);
}
static int m_sig_short(fg_bundle *b)
{
	long i = last_signed_by(b, "suzuki");

	b->ev[i].sig[126] = '\0';
	return fg_sigs_file(b);
}
static int m_sig_upper(fg_bundle *b)
{
	long i = last_signed_by(b, "suzuki");
	char *p;

	for (p = b->ev[i].sig; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	return fg_sigs_file(b);
}
static int m_key_fpr_mismatch(fg_bundle *b)
{
	/* kobayashi's first key: mallory's public key under kobayashi's
	 * fingerprint, signed (and proven) by mallory's key */
	const ss_key *k = fg_signer_of(b, "mallory");

	if (!k || key_register(b, END, "kobayashi", "kobayashi", true) < 0)
		return -1;
	set_s(D(b, (long)b->n - 1), "public_key", ss_key_public_hex(k));
	b->ev[b->n - 1].sign_with = k;
	return 0;
}
static int m_key_first_unsigned(fg_bundle *b)
{
	key_register(b, END, "kobayashi", "kobayashi", true);
	return json_object_del(EV(b, (long)b->n - 1), "key");
}
static int m_key_first_signed_by_other(fg_bundle *b)
{
	key_register(b, END, "kobayashi", "kobayashi", true);
	set_s(EV(b, (long)b->n - 1), "key", fpr_of(b, "mallory"));
	return 0;
}
static int m_key_first_bad_pop(fg_bundle *b)
{
	key_register(b, END, "kobayashi", "kobayashi", true);
	set_s(D(b, (long)b->n - 1), "pop", b->ev[b->n - 2].sig);
	return 0;
}
static int m_key_further_no_pop(fg_bundle *b)
{
	long i = fg_find_last(b, "key.register", "sato", NULL, NULL);

	return json_object_del(D(b, i), "pop");
}
static int m_key_further_bad_pop(fg_bundle *b)
{
	/* ito adds mallory's key, with a proof made for another person */
	const ss_key *k = fg_signer_of(b, "mallory");
	ss_buf msg = SS_BUF_INIT(0);
	char *pop;

	if (!k || key_register(b, END, "ito", "mallory", true) < 0)
		return -1;
	set_s(D(b, (long)b->n - 1), "person", "ito");
	set_s(EV(b, (long)b->n - 1), "key", fpr_of(b, "ito"));
	ss_key_pop_message(&msg, b->project, "suzuki", ss_key_fingerprint(k));
	pop = fg_sign(k, msg.ptr, msg.len);
	set_s(D(b, (long)b->n - 1), "pop", pop);
	free(pop);
	ss_buf_release(&msg);
	return 0;
}
static int m_key_further_by_new_key(fg_bundle *b)
{
	/* ito adds a further key, but signs the event with the new key */
	key_register(b, END, "ito", "mallory", true);
	set_s(D(b, (long)b->n - 1), "person", "ito");
	set_s(EV(b, (long)b->n - 1), "key", fpr_of(b, "mallory"));
	return 0;
}
static int m_key_for_other(fg_bundle *b)
{
	key_register(b, END, "suzuki", "mallory", true);
	set_s(D(b, (long)b->n - 1), "person", "tanaka");
	set_s(EV(b, (long)b->n - 1), "key", fpr_of(b, "suzuki"));
	return 0;
}
static int m_key_duplicate_own(fg_bundle *b)
{
	key_register(b, END, "suzuki", "suzuki", true);
	set_s(EV(b, (long)b->n - 1), "key", fpr_of(b, "suzuki"));
	return 0;
}
static int m_key_duplicate_other(fg_bundle *b)
{
	/* a vendor member adds management's key as a further key of their own */
	if (key_register(b, END, "ito", "yamada", true) < 0)
		return -1;
	set_s(D(b, (long)b->n - 1), "person", "ito");
	return 0;
}
static int m_key_algorithm(fg_bundle *b)
{
	key_register(b, END, "kobayashi", "kobayashi", true);
	set_s(D(b, (long)b->n - 1), "algorithm", "rsa");
	return 0;
}
static int m_key_by_nonmember(fg_bundle *b)
{
	return key_register(b, END, "mallory", "mallory", true);
}
static int m_revoke_unknown(fg_bundle *b)
{
	return revoke(b, END, "suzuki", fpr_of(b, "mallory"), "suzuki");
}
static int m_revoke_twice(fg_bundle *b)
{
	long r = fg_find(b, 0, "key.revoke", NULL, "person", "tanaka");

	return revoke(b, END, "suzuki", ss_js(D(b, r), "fingerprint"), "tanaka");
}
static int m_revoke_other_side(fg_bundle *b)
{
	return revoke(b, END, "sato", fpr_of(b, "tanaka"), "tanaka");
}
static int m_revoke_by_member(fg_bundle *b)
{
	return revoke(b, END, "ito", fpr_of(b, "tanaka"), "tanaka");
}
static int m_revoke_by_mgmt(fg_bundle *b)
{
	return revoke(b, END, "yamada", fpr_of(b, "suzuki"), "suzuki");
}
static int m_revoke_wrong_holder(fg_bundle *b)
{
	return revoke(b, END, "suzuki", fpr_of(b, "tanaka"), "yamada");
}
static int m_revoke_no_reason(fg_bundle *b)
{
	revoke(b, END, "ito", fpr_of(b, "ito"), "ito");
	return json_object_del(D(b, (long)b->n - 1), "reason");
}
static int m_revoke_then_sign(fg_bundle *b)
{
	/* the vendor lead revokes the old key, then signs with it again */
	char *old = strdup(fpr_of(b, "sato"));

	revoke(b, END, "sato", old, "sato");
	ADD("sato", "advice.add", "{\"item\":\"LNX-DM-002\",\"item_hash\":\"%s\",\"note\":\"n\"}",
	    item_hash(b, "LNX-DM-002"));
	set_s(EV(b, (long)b->n - 1), "key", old);
	free(old);
	return 0;
}
static int m_unsigned_keyholder(fg_bundle *b)
{
	ADD("ito", "advice.add", "{\"item\":\"LNX-DM-002\",\"item_hash\":\"%s\",\"note\":\"n\"}",
	    item_hash(b, "LNX-DM-002"));
	return json_object_del(EV(b, (long)b->n - 1), "key");
}

/* --- permission --- */

static int m_advice_by_user(fg_bundle *b)
{
	return ADD("suzuki", "advice.add",
		   "{\"item\":\"LNX-DM-002\",\"item_hash\":\"%s\",\"note\":\"n\"}",
		   item_hash(b, "LNX-DM-002"));
}
static int m_decision_by_vendor(fg_bundle *b)
{
	return decide(b, END, "sato", "LNX-DM-002", "implement", NULL);
}
static int m_decision_by_vendor_member(fg_bundle *b)
{
	return decide(b, END, "ito", "LNX-DM-002", "na", "vendor says so");
}
static int m_decision_by_mgmt(fg_bundle *b)
{
	return decide(b, END, "yamada", "LNX-DM-002", "implement", NULL);
}
static int m_decision_by_auditor(fg_bundle *b)
{
	return decide(b, END, "kobayashi", "LNX-DM-002", "implement", NULL);
}
static int m_approval_by_lead(fg_bundle *b)
{
	long d = fg_find_last(b, "decision.set", "suzuki", "item", "LNX-DM-001");

	return approve(b, END, "suzuki", "LNX-DM-001", d + 1);
}
static int m_approval_by_vendor(fg_bundle *b)
{
	long d = fg_find_last(b, "decision.set", "suzuki", "item", "LNX-DM-001");

	return approve(b, END, "sato", "LNX-DM-001", d + 1);
}
static int m_asset_by_vendor(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, fg_find(b, 0, "asset.set", NULL, NULL, NULL)));

	fg_insert(b, END, e);
	set_s(e, "actor", "ito");
	set_s(e, "side", "vendor");
	set_s(e, "role", "member");
	set_s(e, "key", fpr_of(b, "ito"));
	return 0;
}
static int m_system_by_mgmt(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, fg_find(b, 0, "system.set", NULL, NULL, NULL)));

	fg_insert(b, END, e);
	set_s(e, "actor", "yamada");
	set_s(e, "role", "management");
	set_s(e, "key", fpr_of(b, "yamada"));
	return 0;
}
static int m_phase_by_member(fg_bundle *b)
{
	return ADD("tanaka", "phase.set", "{\"forced\":false,\"from\":5,\"phase\":6}");
}
static int m_draft_by_member(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, fg_find(b, 0, "spec.draft", NULL, NULL, NULL)));

	fg_insert(b, END, e);
	set_s(e, "actor", "ito");
	set_s(e, "side", "vendor");
	set_s(e, "role", "member");
	set_s(e, "key", fpr_of(b, "ito"));
	return 0;
}
static int m_minutes_by_auditor(fg_bundle *b)
{
	return minutes(b, END, "kobayashi", "M-0002", "[\"suzuki\"]", "[]");
}
static int m_sign_by_member(fg_bundle *b)
{
	return sign_ms(b, END, "tanaka", "spec-v2");
}
static int m_sign_by_vendor_member(fg_bundle *b)
{
	return sign_ms(b, END, "ito", "spec-v2");
}
static int m_open_by_member(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, fg_find(b, 0, "milestone.open", NULL, "name", "spec-v2")));

	set_s(json_object_get(e, "data"), "name", "spec-v3");
	fg_insert(b, END, e);
	set_s(e, "actor", "tanaka");
	set_s(e, "role", "member");
	set_s(e, "key", fpr_of(b, "tanaka"));
	return 0;
}
static int m_assess_by_user(fg_bundle *b)
{
	return ADD("suzuki", "change.assess",
		   "{\"id\":\"C-0001\",\"note\":\"n\",\"reestimate\":\"none\"}");
}
static int m_threat_by_member(fg_bundle *b)
{
	return ADD("tanaka", "threat.score",
		   "{\"ease\":2,\"incident\":2,\"reason\":\"r\",\"technique\":\"T1059\"}");
}
static int m_upgrade_by_member(fg_bundle *b)
{
	return ADD(
		"tanaka", "project.upgrade",
		"{\"added\":[],\"changed\":[],\"from\":\"1.0.0\",\"retired\":[],\"to\":\"1.0.0\"}");
}
static int m_timestamp_by_auditor(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, fg_find(b, 0, "timestamp.add", NULL, NULL, NULL)));

	fg_insert(b, END, e);
	set_s(e, "actor", "kobayashi");
	set_s(e, "role", "auditor");
	json_object_del(e, "key");
	return 0;
}

/* --- decisions, advice, approvals --- */

static int m_accept_no_reason(fg_bundle *b)
{
	return decide(b, END, "suzuki", "LNX-DM-002", "accept", NULL);
}
static int m_alternative_no_text(fg_bundle *b)
{
	return decide(b, END, "suzuki", "LNX-DM-002", "alternative", "because");
}
static int m_na_no_reason(fg_bundle *b)
{
	return decide(b, END, "tanaka", "LNX-DM-002", "na", NULL);
}
static int m_unknown_item(fg_bundle *b)
{
	return ADD("suzuki", "decision.set",
		   "{\"item\":\"XXX-ZZ-999\",\"item_hash\":\"%s\",\"level\":3,"
		   "\"policy\":\"implement\"}",
		   item_hash(b, "LNX-DM-002"));
}
static int m_item_hash(fg_bundle *b)
{
	decide(b, END, "suzuki", "LNX-DM-002", "implement", NULL);
	set_s(D(b, (long)b->n - 1), "item_hash", item_hash(b, "LNX-DM-003"));
	return 0;
}
static int m_supersedes_advice(fg_bundle *b)
{
	decide(b, END, "suzuki", "LNX-DM-002", "implement", NULL);
	set_i(D(b, (long)b->n - 1), "supersedes",
	      fg_find_last(b, "advice.add", NULL, NULL, NULL) + 1);
	return 0;
}
static int m_supersedes_missing(fg_bundle *b)
{
	decide(b, END, "suzuki", "LNX-DM-002", "implement", NULL);
	return json_object_del(D(b, (long)b->n - 1), "supersedes");
}
static int m_supersedes_old(fg_bundle *b)
{
	/* supersedes a decision that was itself superseded: history forked */
	long first = fg_find(b, 0, "decision.set", NULL, "item", "LNX-DM-001");

	decide(b, END, "suzuki", "LNX-DM-001", "implement", NULL);
	set_i(D(b, (long)b->n - 1), "supersedes", first + 1);
	return 0;
}
static int m_bad_policy(fg_bundle *b)
{
	return decide(b, END, "suzuki", "LNX-DM-002", "ignore", "x");
}
static int m_level_wrong(fg_bundle *b)
{
	decide(b, END, "suzuki", "LNX-DM-002", "implement", NULL);
	set_i(D(b, (long)b->n - 1), "level", 1);
	return 0;
}
static int m_advice_empty(fg_bundle *b)
{
	return ADD("ito", "advice.add",
		   "{\"item\":\"LNX-DM-002\",\"item_hash\":\"%s\",\"note\":\"\"}",
		   item_hash(b, "LNX-DM-002"));
}
static int m_advice_unknown_item(fg_bundle *b)
{
	return ADD("ito", "advice.add",
		   "{\"item\":\"XXX-ZZ-999\",\"item_hash\":\"%s\",\"note\":\"n\"}",
		   item_hash(b, "LNX-DM-002"));
}
static int m_approval_by_decider(fg_bundle *b)
{
	/* tanaka decides to accept, is made management by the user lead, and
	 * approves their own decision */
	long long d;

	decide(b, END, "tanaka", "LNX-DM-002", "accept", "cheap");
	d = (long long)b->n;
	member(b, END, "suzuki", "tanaka", "user", "management");
	return approve(b, END, "tanaka", "LNX-DM-002", d);
}
static int m_approval_superseded(fg_bundle *b)
{
	/* approval of a decision that is no longer the current one */
	long long d;

	decide(b, END, "suzuki", "LNX-DM-002", "accept", "first");
	d = (long long)b->n;
	decide(b, END, "suzuki", "LNX-DM-002", "accept", "second");
	return approve(b, END, "yamada", "LNX-DM-002", d);
}
static int m_approval_implement(fg_bundle *b)
{
	decide(b, END, "suzuki", "LNX-DM-002", "implement", NULL);
	return approve(b, END, "yamada", "LNX-DM-002", (long long)b->n);
}
static int m_approval_wrong_item(fg_bundle *b)
{
	long d = fg_find_last(b, "decision.set", "suzuki", "item", "LNX-DM-001");

	return approve(b, END, "yamada", "LNX-DM-002", d + 1);
}
static int m_approval_repeat(fg_bundle *b)
{
	long d = fg_find_last(b, "decision.set", "suzuki", "item", "LNX-DM-001");

	return approve(b, END, "yamada", "LNX-DM-001", d + 1);
}
static int m_approval_nowhere(fg_bundle *b)
{
	return approve(b, END, "yamada", "LNX-DM-001", 99999);
}
static int m_approval_verdict(fg_bundle *b)
{
	long d;

	decide(b, END, "suzuki", "LNX-DM-002", "accept", "r");
	d = (long)b->n;
	approve(b, END, "yamada", "LNX-DM-002", d);
	set_s(D(b, (long)b->n - 1), "verdict", "maybe");
	return 0;
}

/* --- milestones --- */

static long ms_open(fg_bundle *b, const char *name)
{
	return fg_find(b, 0, "milestone.open", NULL, "name", name);
}
static int m_ms_tree_size(fg_bundle *b)
{
	set_i(D(b, ms_open(b, "spec-v2")), "tree_size",
	      ss_ji(D(b, ms_open(b, "spec-v2")), "tree_size") - 1);
	return 0;
}
static int m_ms_root(fg_bundle *b)
{
	set_s(D(b, ms_open(b, "spec-v2")), "root", ss_js(D(b, ms_open(b, "spec-v1")), "root"));
	return 0;
}
static int m_ms_no_mgmt_dropped(fg_bundle *b)
{
	/* spec-v1 does not need management after all: drop yamada's signature */
	long s = fg_find(b, 0, "milestone.sign", "yamada", "name", "spec-v1");

	json_object_set_new(D(b, ms_open(b, "spec-v1")), "needs_management", json_false());
	fg_remove(b, (size_t)s);
	return 0;
}
static int m_ms_no_mgmt_v2(fg_bundle *b)
{
	json_object_set_new(D(b, ms_open(b, "spec-v2")), "needs_management", json_false());
	return 0;
}
static int m_ms_decision_between(fg_bundle *b)
{
	long s = fg_find_last(b, "milestone.sign", NULL, "name", "spec-v1");

	return decide(b, (size_t)s, "suzuki", "LNX-DM-002", "accept", "slipped in");
}
static int m_ms_asset_between(fg_bundle *b)
{
	long s = fg_find_last(b, "milestone.sign", NULL, "name", "spec-v2");
	json_t *e = json_deep_copy(EV(b, fg_find(b, 0, "asset.set", NULL, NULL, NULL)));

	set_s(json_object_get(e, "data"), "name", "changed");
	set_s(e, "actor", "suzuki");
	set_s(e, "role", "lead");
	set_s(e, "key", fpr_of(b, "suzuki"));
	return fg_insert(b, (size_t)s, e);
}
static int m_ms_member_between(fg_bundle *b)
{
	long s = fg_find_last(b, "milestone.sign", NULL, "name", "spec-v2");

	return member(b, (size_t)s, "suzuki", "mallory", "user", "member");
}
static int m_ms_sign_twice(fg_bundle *b)
{
	return sign_ms(b, END, "suzuki", "spec-v1");
}
static int m_ms_sign_other_key_twice(fg_bundle *b)
{
	/* the vendor lead signs spec-v2 again with the other key */
	sign_ms(b, END, "sato", "spec-v2");
	set_s(EV(b, (long)b->n - 1), "key", fpr_of(b, "sato"));
	return 0;
}
static int m_ms_sign_no_key(fg_bundle *b)
{
	long s = fg_find(b, 0, "milestone.sign", "sato", "name", "spec-v1");

	return json_object_del(EV(b, s), "key");
}
static int m_ms_sign_unknown(fg_bundle *b)
{
	return ADD("yamada", "milestone.sign", "{\"name\":\"spec-v9\",\"spec_hash\":\"%s\"}",
		   ss_js(D(b, ms_open(b, "spec-v2")), "spec_hash"));
}
static int m_ms_sign_hash(fg_bundle *b)
{
	return ADD("yamada", "milestone.sign", "{\"name\":\"spec-v2\",\"spec_hash\":\"%s\"}",
		   ss_js(D(b, ms_open(b, "spec-v1")), "spec_hash"));
}
static int m_ms_reopen(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, ms_open(b, "spec-v1")));

	return fg_insert(b, END, e);
}
static int m_ms_catalog(fg_bundle *b)
{
	set_s(D(b, ms_open(b, "spec-v2")), "catalog_version", "0.9.0");
	return 0;
}
static int m_ms_open_no_key(fg_bundle *b)
{
	return json_object_del(EV(b, ms_open(b, "spec-v2")), "key");
}
static int m_ms_sign_before_open(fg_bundle *b)
{
	long s = fg_find_last(b, "milestone.sign", "sato", "name", "spec-v2");
	fg_event t = b->ev[s];

	b->ev[s] = b->ev[s - 1];
	b->ev[s - 1] = t;
	return 0;
}
static int m_ms_spec_hash_consistent(fg_bundle *b)
{
	/* the open and every signature name another document than the bundle's */
	long i;
	char *h = strdup(ss_js(D(b, ms_open(b, "spec-v1")), "spec_hash"));
	char *other = strdup(h);

	other[0] = other[0] == '0' ? '1' : '0';
	for (i = 0; i < (long)b->n; i++)
		if (strcmp(ss_js(D(b, i), "spec_hash"), h) == 0)
			set_s(D(b, i), "spec_hash", other);
	free(other);
	free(h);
	return 0;
}
static int m_ms_user_lead_as_vendor(fg_bundle *b)
{
	sign_ms(b, END, "suzuki", "spec-v2");
	set_s(EV(b, (long)b->n - 1), "side", "vendor");
	return 0;
}
static int m_ms_sign_removed(fg_bundle *b)
{
	/* management removed, then signs */
	ADD("suzuki", "member.remove", "{\"person\":\"yamada\"}");
	sign_ms(b, END, "yamada", "spec-v2");
	set_s(EV(b, (long)b->n - 1), "role", "management");
	set_s(EV(b, (long)b->n - 1), "side", "user");
	return 0;
}

/* --- trusted time --- */

static long ts(fg_bundle *b)
{
	return fg_find(b, 0, "timestamp.add", NULL, NULL, NULL);
}
static int m_ts_other_milestone(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, ts(b)));

	set_s(json_object_get(e, "data"), "milestone", "spec-v2");
	return fg_insert(b, END, e);
}
static int m_ts_unknown(fg_bundle *b)
{
	json_t *e = json_deep_copy(EV(b, ts(b)));

	set_s(json_object_get(e, "data"), "milestone", "spec-v9");
	return fg_insert(b, END, e);
}
static int m_ts_repeat(fg_bundle *b)
{
	return fg_insert(b, END, json_deep_copy(EV(b, ts(b))));
}
static int m_ts_token(fg_bundle *b)
{
	set_s(D(b, ts(b)), "token", "3082");
	return 0;
}
static int m_ts_time(fg_bundle *b)
{
	set_s(D(b, ts(b)), "time", "2020-01-01T00:00:00Z");
	return 0;
}
static int m_ts_digest(fg_bundle *b)
{
	set_s(D(b, ts(b)), "digest", ss_js(D(b, ms_open(b, "spec-v1")), "root"));
	return 0;
}
static int m_ts_before_open(fg_bundle *b)
{
	/* the timestamp moved to just before the milestone's opening */
	long t = ts(b), o = ms_open(b, "spec-v1");
	fg_event e = b->ev[t];

	memmove(&b->ev[o + 1], &b->ev[o], (size_t)(t - o) * sizeof(e));
	b->ev[o] = e;
	return 0;
}

/* --- minutes --- */

static int m_min_attendee(fg_bundle *b)
{
	return minutes(b, END, "suzuki", "M-0002", "[\"suzuki\",\"mallory\"]", "[]");
}
static int m_min_attendee_removed(fg_bundle *b)
{
	ADD("suzuki", "member.remove", "{\"person\":\"kobayashi\"}");
	return minutes(b, END, "suzuki", "M-0002", "[\"kobayashi\"]", "[]");
}
static int m_min_item(fg_bundle *b)
{
	return minutes(b, END, "suzuki", "M-0002", "[\"suzuki\"]", "[\"XXX-ZZ-999\"]");
}
static int m_min_id_repeat(fg_bundle *b)
{
	return minutes(b, END, "suzuki", "M-0001", "[\"suzuki\"]", "[]");
}
static int m_min_id_gap(fg_bundle *b)
{
	return minutes(b, END, "suzuki", "M-0009", "[\"suzuki\"]", "[]");
}
static int m_min_attachment_missing(fg_bundle *b)
{
	minutes(b, END, "suzuki", "M-0002", "[\"suzuki\"]", "[]");
	return json_array_append_new(json_object_get(D(b, (long)b->n - 1), "attachments"),
				     json_pack("{s:s, s:s, s:i}", "name", "contract.pdf", "sha256",
					       ss_js(b->manifest, "root"), "size", 10));
}
static int m_min_bad_date(fg_bundle *b)
{
	minutes(b, END, "suzuki", "M-0002", "[\"suzuki\"]", "[]");
	set_s(D(b, (long)b->n - 1), "date", "2026-02-30");
	return 0;
}

/* --- changes, phases, threats --- */

static int m_change_decide_unknown(fg_bundle *b)
{
	return ADD("suzuki", "change.decide", "{\"id\":\"C-0042\",\"note\":\"n\"}");
}
static int m_change_assess_unknown(fg_bundle *b)
{
	return ADD("ito", "change.assess",
		   "{\"id\":\"C-0042\",\"note\":\"n\",\"reestimate\":\"none\"}");
}
static int m_change_close_unknown(fg_bundle *b)
{
	return ADD("suzuki", "change.close", "{\"id\":\"C-0042\"}");
}
static int change_open(fg_bundle *b, const char *id)
{
	return ADD("suzuki", "change.open",
		   "{\"fields\":[\"title\"],\"from\":\"1.0.0\",\"id\":\"%s\",\"item\":"
		   "\"LNX-DM-002\",\"kind\":\"item-changed\",\"to\":\"1.0.0\"}",
		   id);
}
static int m_change_open_repeat(fg_bundle *b)
{
	change_open(b, "C-0001");
	return change_open(b, "C-0001");
}
static int m_change_decide_unassessed(fg_bundle *b)
{
	change_open(b, "C-0001");
	return ADD("suzuki", "change.decide", "{\"id\":\"C-0001\",\"note\":\"n\"}");
}
static int m_upgrade_from(fg_bundle *b)
{
	return ADD(
		"suzuki", "project.upgrade",
		"{\"added\":[],\"changed\":[],\"from\":\"0.1.0\",\"retired\":[],\"to\":\"1.0.0\"}");
}
static int m_phase_back_no_reason(fg_bundle *b)
{
	return ADD("suzuki", "phase.set", "{\"forced\":false,\"from\":5,\"phase\":2}");
}
static int m_phase_forced_no_reason(fg_bundle *b)
{
	return ADD("suzuki", "phase.set", "{\"forced\":true,\"from\":5,\"phase\":9}");
}
static int m_threat_no_reason(fg_bundle *b)
{
	return ADD("suzuki", "threat.score",
		   "{\"ease\":2,\"incident\":2,\"reason\":\"\",\"technique\":\"T1059\"}");
}
static int m_threat_range(fg_bundle *b)
{
	return ADD("suzuki", "threat.score",
		   "{\"ease\":2,\"incident\":9,\"reason\":\"r\",\"technique\":\"T1059\"}");
}

/* --- rules 4: a change of several events is whole --- */

/* Both leads move the base (rules 2) to rules 4. */
static int to_v4(fg_bundle *b)
{
	if (ADD("suzuki", "rules.propose", "{\"to\":4}") < 0)
		return -1;
	return ADD("sato", "rules.accept", "{\"proposal\":%zu,\"to\":4}", b->n);
}

/* A decision by by on item, as part i of n of one change (n 0: alone). */
static int decide_part(fg_bundle *b, const char *by, const char *item, long long i, long long n)
{
	json_t *e = fg_make(b, END, by, "decision.set",
			    "{\"item\":\"%s\",\"item_hash\":\"%s\",\"level\":3,"
			    "\"owner\":\"vendor\",\"policy\":\"implement\"}",
			    item, item_hash(b, item));
	long long sup = fg_find_last(b, "decision.set", NULL, "item", item) + 1;

	if (!e)
		return -1;
	if (sup > 0)
		set_i(json_object_get(e, "data"), "supersedes", sup);
	if (i > 0)
		set_i(e, "part", i);
	if (n > 0)
		set_i(e, "parts", n);
	return fg_insert(b, END, e);
}

static int m_control_parts(fg_bundle *b)
{
	return to_v4(b) < 0 || decide_part(b, "suzuki", "LNX-DM-002", 1, 2) < 0
		       ? -1
		       : decide_part(b, "suzuki", "LNX-DM-003", 2, 2);
}
static int m_parts_leading_only(fg_bundle *b)
{
	/* the writer had all three signed, and appends two */
	return to_v4(b) < 0 || decide_part(b, "suzuki", "LNX-DM-002", 1, 3) < 0
		       ? -1
		       : decide_part(b, "suzuki", "LNX-DM-003", 2, 3);
}
static int m_parts_between(fg_bundle *b)
{
	/* another event pushed between the parts */
	if (to_v4(b) < 0 || decide_part(b, "suzuki", "LNX-DM-002", 1, 2) < 0 ||
	    ADD("ito", "advice.add",
		"{\"item\":\"LNX-DM-002\",\"item_hash\":\"%s\",\"note\":\"n\"}",
		item_hash(b, "LNX-DM-002")) < 0)
		return -1;
	return decide_part(b, "suzuki", "LNX-DM-003", 2, 2);
}
static int m_parts_dropped_first(fg_bundle *b)
{
	return to_v4(b) < 0 ? -1 : decide_part(b, "suzuki", "LNX-DM-003", 2, 2);
}
static int m_parts_other_person(fg_bundle *b)
{
	/* the writer passes another member's decision off as the last part */
	return to_v4(b) < 0 || decide_part(b, "suzuki", "LNX-DM-002", 1, 2) < 0
		       ? -1
		       : decide_part(b, "tanaka", "LNX-DM-003", 2, 2);
}
static int m_parts_under_v2(fg_bundle *b)
{
	return decide_part(b, "suzuki", "LNX-DM-002", 1, 2) < 0
		       ? -1
		       : decide_part(b, "suzuki", "LNX-DM-003", 2, 2);
}
static int m_parts_one_field(fg_bundle *b)
{
	return to_v4(b) < 0 ? -1 : decide_part(b, "suzuki", "LNX-DM-002", 1, 0);
}

#define M(name, cls, rules, flags, fn, post, what) {name, cls, rules, flags, fn, post, what},
#define S FG_KEEP_SEQ
#define NC FG_NO_CHAIN
#define NS FG_NO_SIGN
#define KC FG_KEEP_CHECKPOINT
#define KP FG_KEEP_POP
#define KT FG_KEEP_TS
#define NM FG_NO_MANIFEST
#define ND FG_NO_DERIVED

/* post runs after the rebuild: on the files, signatures or manifest. */
const fg_mutation
	fg_mutations[] =
		{
			// clang-format off
	/* controls: must verify */
	M("control-resign-unchanged", "control", "", 0, m_none, NULL, "re-chain and re-sign, no change")
	M("control-signed-decision", "control", "", 0, m_control_decision, NULL, "user lead decides, signed")
	M("control-vendor-advice", "control", "", 0, m_control_advice, NULL, "vendor member advises, signed")
	M("control-member-minutes", "control", "", 0, m_control_minutes, NULL, "user member records minutes")
	M("control-complete-spec-v2", "control", "", 0, m_control_complete_v2, NULL, "management completes spec-v2")
	M("control-vendor-adds-member", "control", "", 0, m_control_vendor_member, NULL, "vendor lead adds a vendor member")
	M("control-revoke-own-key", "control", "", 0, m_control_revoke_own, NULL, "a member revokes their own key")
	M("control-minutes-between-signatures", "control", "", 0, m_control_minutes_between, NULL, "minutes between a milestone's opening and signature")
	M("control-gzip", "control", "", 0, m_control_gzip, NULL, "the same bundle gzip-compressed")
	M("control-parts", "control", "", 0, m_control_parts, NULL, "rules 4: a whole change of two decisions")
	M("parts-leading-only", "structure", "part-missing", 0, m_parts_leading_only, NULL, "two of a three-event change appended")
	M("parts-between", "structure", "part-missing", 0, m_parts_between, NULL, "an event pushed between a change's parts")
	M("parts-dropped-first", "structure", "part-order", 0, m_parts_dropped_first, NULL, "a change's second part without its first")
	M("parts-other-person", "structure", "part-order", 0, m_parts_other_person, NULL, "another member's event as a change's last part")
	M("parts-under-v2", "structure", "event-part", 0, m_parts_under_v2, NULL, "parts in a rules 2 log")
	M("parts-one-field", "structure", "event-field", 0, m_parts_one_field, NULL, "part without parts")

	/* structure: the tar container */
	M("extra-file-listed", "structure", "bundle-file|bundle-entry", 0, m_extra_listed, NULL, "a file outside the format, listed in the manifest")
	M("extra-file-unlisted", "structure", "bundle-manifest|bundle-file|bundle-entry", 0, NULL, m_extra_unlisted, "a file not in the manifest")
	M("entry-symlink", "structure", "bundle-entry", 0, NULL, m_symlink, "a symbolic link entry")
	M("entry-dotdot", "structure", "bundle-entry", 0, NULL, m_dotdot, "an entry name with ..")
	M("entry-outside-root", "structure", "bundle-entry", 0, NULL, m_outside_root, "an entry outside secspec-evidence/")
	M("entry-absolute", "structure", "bundle-entry", 0, NULL, m_absolute, "an absolute entry name")
	M("entry-duplicate", "structure", "bundle-entry", 0, NULL, m_duplicate_entry, "events.jsonl twice, the second shorter")
	M("no-events-file", "structure", "bundle-log|bundle-file", 0, NULL, m_rm_events, "log/events.jsonl removed (manifest follows)")
	M("no-signatures-file", "structure", "bundle-signatures|sig-missing|bundle-file", 0, NULL, m_rm_sigs, "log/signatures.jsonl removed (manifest follows)")
	M("no-keys-file", "structure", "bundle-keys|bundle-file", 0, NULL, m_rm_keys, "keys.json removed (manifest follows)")
	M("no-index-file", "structure", "bundle-index|bundle-file", 0, NULL, m_rm_index, "INDEX.en.md removed (manifest follows)")
	M("no-milestone-spec", "documents", "bundle-document", 0, m_rm_spec, NULL, "documents/spec-v1/spec.json removed")
	M("no-milestone-rendition", "documents", "bundle-document", 0, m_rm_rendition, NULL, "documents/spec-v1/spec.en.md removed")
	M("no-attachment", "documents", "bundle-attachment", 0, m_rm_attachment, NULL, "a minutes attachment removed")
	M("attachment-altered", "documents", "bundle-attachment", 0, m_alter_attachment, NULL, "an attachment's bytes changed (manifest follows)")
	M("attachment-unreferenced", "documents", "bundle-attachment|bundle-file", 0, m_extra_attachment, NULL, "an attachment no minutes name")
	M("rendition-altered", "documents", "bundle-document", 0, m_rendition_current, NULL, "documents/spec-v2/spec.en.md is not the rendering of its spec.json")
	M("milestone-spec-altered", "documents", "bundle-document|milestone-spec-hash", 0, m_spec_current_altered, NULL, "documents/spec-v2/spec.json changed (manifest follows)")
	M("milestone-documents-swapped", "documents", "bundle-document|milestone-spec-hash", 0, m_spec_swapped, NULL, "spec-v1's documents replaced by spec-v2's")
	M("documents-unknown-milestone", "documents", "bundle-document|bundle-file", 0, m_document_unknown, NULL, "documents for a milestone the log lacks")
	M("keys-json-fake", "structure", "bundle-keys", 0, NULL, m_keys_fake, "keys.json names a key the log lacks")
	M("keys-json-revoked-active", "structure", "bundle-keys", 0, NULL, m_keys_revoked_active, "keys.json shows a revoked key active")
	M("index-status-forged", "structure", "bundle-index", 0, NULL, m_index_status, "INDEX says spec-v2 is complete")
	M("index-signer-forged", "structure", "bundle-index", 0, NULL, m_index_signer, "INDEX names another signer")
	M("log-no-final-newline", "structure", "bundle-log", 0, NULL, m_no_final_newline, "events.jsonl without its final newline")
	M("log-blank-line", "structure", "bundle-log|event-json", 0, NULL, m_blank_line, "an empty line at the end of events.jsonl")
	M("log-empty", "structure", "bundle-log|project-create", 0, m_empty_log, NULL, "no events at all")
	M("log-garbage-line", "structure", "event-json|bundle-log", 0, NULL, m_not_json_line, "a line that is not JSON")
	M("log-truncated", "structure", "event-json|bundle-log", 0, NULL, m_truncated_line, "the last line cut short")

	/* manifest */
	M("manifest-tree-size", "manifest", "bundle-manifest", 0, NULL, m_man_tree_size, "tree_size one less")
	M("manifest-root", "manifest", "bundle-manifest", 0, NULL, m_man_root, "root of another tree")
	M("manifest-head", "manifest", "bundle-manifest", 0, NULL, m_man_head, "head is the event before the last")
	M("manifest-project", "manifest", "bundle-manifest|event-project", 0, NULL, m_man_project, "another project name")
	M("manifest-format", "manifest", "bundle-manifest", 0, NULL, m_man_format, "format secspec-evidence/2")
	M("manifest-unknown-field", "manifest", "bundle-manifest", 0, NULL, m_man_field, "a field the format lacks")
	M("manifest-exported-at", "manifest", "bundle-manifest", 0, NULL, m_man_exported, "exported_at 2026-13-01")
	M("manifest-file-sha", "manifest", "bundle-manifest|bundle-file", 0, NULL, m_man_sha, "a file listed with another's hash")
	M("manifest-file-size", "manifest", "bundle-manifest|bundle-file", 0, NULL, m_man_size, "a file listed one byte longer")
	M("manifest-lists-missing", "manifest", "bundle-manifest|bundle-file", 0, NULL, m_man_lists_missing, "a listed file that is absent")
	M("manifest-duplicate-path", "manifest", "bundle-manifest", 0, NULL, m_man_duplicate, "a file listed twice")
	M("manifest-lists-itself", "manifest", "bundle-manifest", 0, NULL, m_man_itself, "MANIFEST.json listed")
	M("manifest-not-canonical", "manifest", "bundle-manifest", 0, NULL, m_man_pretty, "the manifest pretty-printed")
	M("manifest-empty", "manifest", "bundle-manifest", 0, NULL, m_man_missing, "MANIFEST.json empty")

	/* canonical form: chained and signed over the odd bytes */
	M("canon-space-after-colon", "canonical", "event-canonical", 0, m_tw_space_colon, NULL, "\"actor\": \"suzuki\"")
	M("canon-space-after-comma", "canonical", "event-canonical", 0, m_tw_space_comma, NULL, ", \"project\"")
	M("canon-leading-space", "canonical", "event-canonical|event-json", 0, m_tw_leading_space, NULL, "a space before {")
	M("canon-trailing-space", "canonical", "event-canonical|event-json", 0, m_tw_trailing_space, NULL, "a space after }")
	M("canon-key-order", "canonical", "event-canonical", 0, m_tw_key_order, NULL, "v first instead of last")
	M("canon-escaped-unicode", "canonical", "event-canonical", 0, m_tw_escape_unicode, NULL, "\\u9234\\u6728 for 鈴木")
	M("canon-escaped-ascii", "canonical", "event-canonical", 0, m_tw_escape_ascii, NULL, "\\u0073uzuki for suzuki")
	M("canon-escaped-solidus", "canonical", "event-canonical", 0, m_tw_escaped_slash, NULL, "\\/ for / in a reason")
	M("canon-escaped-letter-in-time", "canonical", "event-canonical", 0, m_tw_escape_solidus, NULL, "\\u005a for the Z of the time")
	M("canon-exponent", "canonical", "event-canonical|event-version|event-json", 0, m_tw_exponent, NULL, "v 1e0")
	M("canon-float", "canonical", "event-canonical|event-version|event-json", 0, m_tw_float, NULL, "v 1.0")
	M("canon-duplicate-key", "canonical", "event-json|event-canonical", 0, m_tw_duplicate_key, NULL, "v twice")
	M("canon-crlf", "canonical", "event-canonical|event-json", 0, m_tw_crlf, NULL, "a CR before the newline")
	M("canon-bom", "canonical", "event-canonical|event-json", 0, m_tw_bom, NULL, "a byte order mark")
	M("canon-bad-utf8", "canonical", "event-json|event-canonical", 0, m_tw_bad_utf8, NULL, "bytes that are not UTF-8")
	M("canon-nul-escape", "canonical", "event-canonical|event-data|actor-member", 0, m_tw_upper_escape, NULL, "an escaped NUL inside the actor's name")
	M("canon-tab", "canonical", "event-canonical", 0, m_tw_tab, NULL, "a tab after \"data\":")
	M("canon-signed-event", "canonical", "event-canonical", 0, m_tw_signed, NULL, "a signed approval with a space, signature over it")

	/* event form */
	M("event-unknown-field", "structure", "event-field", 0, m_unknown_field, NULL, "a top-level field \"note\"")
	M("event-missing-time", "structure", "event-field|event-time", 0, m_missing_time, NULL, "no time")
	M("event-v2", "structure", "event-version", 0, m_v2, NULL, "v 2")
	M("event-v-string", "structure", "event-version|event-field", 0, m_v_string, NULL, "v \"1\"")
	M("event-data-not-object", "structure", "event-field|event-data", 0, m_data_not_object, NULL, "data a string")
	M("event-data-missing", "structure", "event-field|event-data", 0, m_data_missing, NULL, "no data")
	M("event-unknown-type", "structure", "event-type", 0, m_unknown_type, NULL, "decision.delete")
	M("event-type-case", "structure", "event-type", 0, m_type_case, NULL, "Member.add")
	M("event-key-empty", "signature", "sig-key-unknown|event-field|sig-invalid|sig-required|sig-unexpected", 0, m_key_empty, NULL, "key \"\"")
	M("event-side-unknown", "structure", "event-field|actor-claim", 0, m_side_unknown, NULL, "side auditor")
	M("event-actor-empty", "structure", "event-field|actor-member", 0, m_actor_empty, NULL, "actor \"\"")
	M("event-role-null", "structure", "event-field|actor-claim", 0, m_column_null, NULL, "role null")
	M("event-other-project", "structure", "event-project", 0, m_other_project, NULL, "an event from another project")

	/* timestamps of events */
	M("time-month-13", "timestamps", "event-time", 0, m_time_month13, NULL, "2026-13-01T00:00:00Z")
	M("time-without-z", "timestamps", "event-time", 0, m_time_no_z, NULL, "2026-11-26T10:00:00")
	M("time-offset", "timestamps", "event-time", 0, m_time_offset, NULL, "+09:00 instead of Z")
	M("time-feb-30", "timestamps", "event-time", 0, m_time_feb30, NULL, "2026-02-30")
	M("time-fraction", "timestamps", "event-time", 0, m_time_fraction, NULL, "fractional seconds")
	M("time-backwards", "timestamps", "event-time-order|event-time", 0, m_time_backwards, NULL, "the last event dated 2020")

	/* chain */
	M("seq-gap", "chain", "event-seq", S, m_seq_gap, NULL, "an event removed, the others keep their seq, chain whole")
	M("seq-duplicate", "chain", "event-seq", S, m_seq_duplicate, NULL, "two events with the same seq")
	M("seq-string", "chain", "event-seq|event-field", S, m_seq_string, NULL, "seq \"102\"")
	M("seq-swapped", "chain", "event-seq", S, m_seq_swapped, NULL, "two events swapped, their seqs kept, chain whole")
	M("prev-broken", "chain", "event-chain", NC, m_prev_broken, NULL, "one prev points elsewhere")
	M("event-removed-unchained", "chain", "event-chain", NC, m_event_removed_no_chain, NULL, "an event removed, renumbered, not re-chained")
	M("reorder-approval-first", "chain", "approval-target", 0, m_reorder_approval, NULL, "an approval moved before its decision, re-chained")

	/* project */
	M("project-second-create", "membership", "project-create", 0, m_second_create, NULL, "project.create again at the end")
	M("project-create-second", "membership", "project-create", 0, m_create_not_first, NULL, "the first two events swapped")
	M("project-create-missing", "membership", "project-create", 0, m_create_missing, NULL, "the log starts with member.add")
	M("project-create-by-member", "membership", "project-create", 0, m_create_member, NULL, "the creator claims role member")
	M("project-create-name", "membership", "project-create|event-project", 0, m_create_name, NULL, "project.create names another project")
	M("project-create-catalog", "membership", "project-create|milestone-catalog|rules-version", 0, m_create_catalog, NULL, "pinned catalog 9.9.9, milestones say 1.0.0")

	/* actors */
	M("actor-nonmember", "membership", "actor-member", 0, m_nonmember, NULL, "a decision by mallory, never a member")
	M("actor-removed", "membership", "actor-member", 0, m_removed_member, NULL, "minutes by a removed auditor")
	M("actor-claims-lead", "membership", "actor-claim", 0, m_claims_lead, NULL, "a user member's decision claims role lead")
	M("actor-claims-side", "membership", "actor-claim", 0, m_claims_side, NULL, "a vendor member's advice claims side user")
	M("actor-claims-management", "membership", "actor-claim", 0, m_claims_mgmt, NULL, "the user lead signs spec-v2 as management")

	/* membership */
	M("member-vendor-lead-to-user", "membership", "member-side-fixed|member-own-side", 0, m_move_vendor_lead, NULL, "user lead re-adds the vendor lead on the user side")
	M("member-replace-vendor-lead", "membership", "member-side-fixed|member-own-side", 0, m_replace_vendor_lead, NULL, "... and adds a vendor lead of their own")
	M("member-user-adds-vendor-lead", "membership", "member-own-side|member-first-lead", 0, m_second_vendor_lead, NULL, "user lead adds a second vendor lead")
	M("member-user-demotes-vendor-lead", "membership", "member-own-side", 0, m_demote_vendor_lead, NULL, "user lead makes the vendor lead a member")
	M("member-lead-self-management", "membership", "member-self", 0, m_self_promote_lead, NULL, "user lead makes themselves management")
	M("member-self-promote", "membership", "member-self|permission", 0, m_self_promote_member, NULL, "a user member makes themselves lead")
	M("member-vendor-self-promote", "membership", "member-self|permission", 0, m_self_promote_vendor_member, NULL, "a vendor member makes themselves lead")
	M("member-vendor-adds-user-mgmt", "membership", "member-own-side|member-management-side", 0, m_vendor_adds_user_mgmt, NULL, "vendor lead adds user management")
	M("member-vendor-mgmt", "membership", "member-management-side", 0, m_vendor_adds_vendor_mgmt, NULL, "vendor lead adds vendor-side management")
	M("member-vendor-member-to-mgmt", "membership", "member-management-side", 0, m_vendor_makes_member_mgmt, NULL, "vendor lead makes a vendor member management")
	M("member-user-removes-vendor-lead", "membership", "member-own-side", 0, m_user_removes_vendor_lead, NULL, "user lead removes the vendor lead")
	M("member-vendor-removes-user-mgmt", "membership", "member-own-side", 0, m_vendor_removes_user_mgmt, NULL, "vendor lead removes user management")
	M("member-lead-removes-self", "membership", "member-self", 0, m_lead_removes_self, NULL, "user lead removes themselves")
	M("member-unchanged", "membership", "member-unchanged", 0, m_member_unchanged, NULL, "a member added again as they are")
	M("member-remove-unknown", "membership", "member-not-active", 0, m_remove_never_added, NULL, "removal of someone never added")
	M("member-remove-twice", "membership", "member-not-active", 0, m_remove_twice, NULL, "the same removal twice")
	M("member-by-auditor", "permission", "permission", 0, m_auditor_adds, NULL, "the auditor adds a member")
	M("member-by-management", "permission", "permission", 0, m_mgmt_adds, NULL, "management adds a member")
	M("member-by-vendor-member", "permission", "permission", 0, m_member_adds, NULL, "a vendor member adds a member")
	M("member-role-unknown", "membership", "event-data", 0, m_role_unknown, NULL, "role owner")
	M("member-side-unknown", "membership", "event-data", 0, m_side_third, NULL, "side third")
	M("member-first-vendor-lead-by-member", "membership", "permission|member-first-lead", 0, m_first_lead_twice, NULL, "the vendor's first lead added by a user member")
	M("mgmt-by-vendor-signs", "membership", "member-own-side|member-management-side", 0, m_mgmt_by_vendor_signs, NULL, "management made by the vendor lead signs spec-v2")

	/* signatures */
	M("sig-line-removed", "signature", "sig-missing", 0, NULL, m_sig_line_removed, "a signed event's signature line removed")
	M("sig-key-stripped", "signature", "sig-required", 0, m_sig_stripped_key, NULL, "a key holder's decision with key removed")
	M("sig-flipped", "signature", "sig-invalid", 0, NULL, m_sig_flipped, "a signature with one digit changed")
	M("sig-other-persons-key", "signature", "sig-key-owner", 0, m_sig_other_key, NULL, "the user lead's decision signed with management's key")
	M("sig-unregistered-key", "signature", "sig-key-unknown", 0, m_sig_unknown_key, NULL, "signed with a key never registered")
	M("sig-revoked-key", "signature", "sig-key-revoked", 0, m_sig_revoked_key, NULL, "signed with the revoked key")
	M("sig-unexpected", "signature", "sig-unexpected", 0, NULL, m_sig_unexpected, "a signature line for an unsigned event")
	M("sig-beyond-log", "signature", "sig-unexpected|bundle-signatures", 0, NULL, m_sig_beyond_log, "a signature for an event that is not there")
	M("sig-garbage-line", "signature", "bundle-signatures", 0, NULL, m_sig_garbage, "a signatures line that is not JSON")
	M("sig-duplicate-line", "signature", "bundle-signatures|sig-invalid", 0, NULL, m_sig_duplicate, "two signature lines for one event")
	M("sig-copied", "signature", "sig-invalid", 0, NULL, m_sig_copied, "another event's signature")
	M("sig-short", "signature", "sig-invalid|bundle-signatures", 0, NULL, m_sig_short, "a signature one byte short")
	M("sig-uppercase", "signature", "sig-invalid|bundle-signatures", 0, NULL, m_sig_upper, "a signature in upper-case hex")
	M("sig-unsigned-keyholder", "signature", "sig-required", 0, m_unsigned_keyholder, NULL, "a key holder's unsigned advice")

	/* key lifecycle */
	M("key-fingerprint-mismatch", "key-lifecycle", "key-fingerprint", 0, m_key_fpr_mismatch, NULL, "public key of one, fingerprint of another")
	M("key-first-unsigned", "key-lifecycle", "key-self-signed", 0, m_key_first_unsigned, NULL, "a first key.register not signed")
	M("key-first-signed-by-other", "key-lifecycle", "key-self-signed|sig-key-unknown", 0, m_key_first_signed_by_other, NULL, "a first key.register signed by another key")
	M("key-first-bad-pop", "key-lifecycle", "key-pop", KP, m_key_first_bad_pop, NULL, "a first key with a proof that does not verify")
	M("key-further-no-pop", "key-lifecycle", "key-pop", 0, m_key_further_no_pop, NULL, "a further key without proof of possession")
	M("key-further-bad-pop", "key-lifecycle", "key-pop", KP, m_key_further_bad_pop, NULL, "a further key with a proof made for someone else")
	M("key-further-self-signed", "key-lifecycle", "sig-key-unknown|key-self-signed|sig-key-owner", 0, m_key_further_by_new_key, NULL, "a further key signing its own registration")
	M("key-for-someone-else", "key-lifecycle", "key-owner", 0, m_key_for_other, NULL, "user lead registers a key to a member")
	M("key-duplicate-own", "key-lifecycle", "key-duplicate", 0, m_key_duplicate_own, NULL, "the same key registered again")
	M("key-duplicate-other", "key-lifecycle", "key-duplicate", 0, m_key_duplicate_other, NULL, "management's key registered as a vendor member's further key")
	M("key-algorithm", "key-lifecycle", "event-data", 0, m_key_algorithm, NULL, "algorithm rsa")
	M("key-by-nonmember", "key-lifecycle", "actor-member", 0, m_key_by_nonmember, NULL, "a stranger registers a key")
	M("key-revoke-unknown", "key-lifecycle", "key-revoke-unknown", 0, m_revoke_unknown, NULL, "revocation of a key never registered")
	M("key-revoke-twice", "key-lifecycle", "key-revoke-unknown", 0, m_revoke_twice, NULL, "the revoked key revoked again")
	M("key-revoke-other-side", "key-lifecycle", "key-revoke-who", 0, m_revoke_other_side, NULL, "vendor lead revokes a user member's key")
	M("key-revoke-by-member", "key-lifecycle", "key-revoke-who", 0, m_revoke_by_member, NULL, "a vendor member revokes a user member's key")
	M("key-revoke-by-management", "key-lifecycle", "key-revoke-who|permission", 0, m_revoke_by_mgmt, NULL, "management revokes the user lead's key")
	M("key-revoke-wrong-holder", "key-lifecycle", "key-revoke-holder", 0, m_revoke_wrong_holder, NULL, "revocation naming another holder")
	M("key-revoke-no-reason", "key-lifecycle", "event-data", 0, m_revoke_no_reason, NULL, "revocation without a reason")
	M("key-revoked-then-signs", "key-lifecycle", "sig-key-revoked", 0, m_revoke_then_sign, NULL, "vendor lead revokes a key and signs with it")

	/* permission */
	M("perm-advice-by-user", "permission", "permission", 0, m_advice_by_user, NULL, "advice.add by the user lead")
	M("perm-decision-by-vendor", "permission", "permission", 0, m_decision_by_vendor, NULL, "decision by the vendor lead")
	M("perm-decision-by-vendor-member", "permission", "permission", 0, m_decision_by_vendor_member, NULL, "decision by a vendor member")
	M("perm-decision-by-management", "permission", "permission", 0, m_decision_by_mgmt, NULL, "decision by management")
	M("perm-decision-by-auditor", "permission", "permission", 0, m_decision_by_auditor, NULL, "decision by the auditor")
	M("perm-approval-by-lead", "permission", "permission", 0, m_approval_by_lead, NULL, "approval by the user lead")
	M("perm-approval-by-vendor", "permission", "permission", 0, m_approval_by_vendor, NULL, "approval by the vendor lead")
	M("perm-asset-by-vendor", "permission", "permission", 0, m_asset_by_vendor, NULL, "asset.set by a vendor member")
	M("perm-system-by-management", "permission", "permission", 0, m_system_by_mgmt, NULL, "system.set by management")
	M("perm-phase-by-member", "permission", "permission", 0, m_phase_by_member, NULL, "phase.set by a user member")
	M("perm-draft-by-member", "permission", "permission", 0, m_draft_by_member, NULL, "spec.draft by a vendor member")
	M("perm-minutes-by-auditor", "permission", "permission", 0, m_minutes_by_auditor, NULL, "minutes by the auditor")
	M("perm-sign-by-member", "permission", "permission", 0, m_sign_by_member, NULL, "milestone.sign by a user member")
	M("perm-sign-by-vendor-member", "permission", "permission", 0, m_sign_by_vendor_member, NULL, "milestone.sign by a vendor member")
	M("perm-open-by-member", "permission", "permission", 0, m_open_by_member, NULL, "milestone.open by a user member")
	M("perm-assess-by-user", "permission", "permission|change-unknown", 0, m_assess_by_user, NULL, "change.assess by the user lead")
	M("perm-threat-by-member", "permission", "permission", 0, m_threat_by_member, NULL, "threat.score by a user member")
	M("perm-upgrade-by-member", "permission", "permission", 0, m_upgrade_by_member, NULL, "project.upgrade by a user member")
	M("perm-timestamp-by-auditor", "permission", "permission", 0, m_timestamp_by_auditor, NULL, "timestamp.add by the auditor")

	/* decisions */
	M("decision-accept-no-reason", "permission", "decision-reason", 0, m_accept_no_reason, NULL, "accept without a reason")
	M("decision-alternative-no-text", "permission", "decision-reason", 0, m_alternative_no_text, NULL, "alternative without the other measure")
	M("decision-na-no-reason", "permission", "decision-reason", 0, m_na_no_reason, NULL, "na without a reason")
	M("decision-unknown-item", "permission", "item-unknown", 0, m_unknown_item, NULL, "a decision on an item not in the draft")
	M("decision-item-hash", "permission", "item-hash", 0, m_item_hash, NULL, "a decision with another item's content hash")
	M("decision-supersedes-advice", "permission", "decision-supersedes", 0, m_supersedes_advice, NULL, "supersedes an advice event")
	M("decision-supersedes-missing", "permission", "decision-supersedes", 0, m_supersedes_missing, NULL, "a second decision without supersedes")
	M("decision-supersedes-stale", "permission", "decision-supersedes", 0, m_supersedes_old, NULL, "supersedes a decision already superseded")
	M("decision-bad-policy", "permission", "event-data", 0, m_bad_policy, NULL, "policy ignore")
	M("decision-level-wrong", "permission", "decision-level", 0, m_level_wrong, NULL, "level 1 while the project is at 3")
	M("advice-empty-note", "permission", "advice-note", 0, m_advice_empty, NULL, "advice with an empty note")
	M("advice-unknown-item", "permission", "item-unknown", 0, m_advice_unknown_item, NULL, "advice on an item not in the draft")
	M("approval-by-decider", "permission", "approval-self", 0, m_approval_by_decider, NULL, "the decider, made management, approves their own decision")
	M("approval-not-current", "permission", "approval-target", 0, m_approval_superseded, NULL, "approval of a superseded decision")
	M("approval-of-implement", "permission", "approval-target", 0, m_approval_implement, NULL, "approval of an implement decision")
	M("approval-wrong-item", "permission", "approval-target", 0, m_approval_wrong_item, NULL, "approval naming another item than its decision")
	M("approval-repeat", "permission", "approval-repeat", 0, m_approval_repeat, NULL, "the same decision approved twice")
	M("approval-nowhere", "permission", "approval-target", 0, m_approval_nowhere, NULL, "approval of event 99999")
	M("approval-verdict", "permission", "event-data", 0, m_approval_verdict, NULL, "verdict maybe")

	/* milestones */
	M("milestone-tree-size", "milestone", "milestone-checkpoint", KC, m_ms_tree_size, NULL, "spec-v2's tree_size one less")
	M("milestone-root", "milestone", "milestone-checkpoint", KC, m_ms_root, NULL, "spec-v2's root is spec-v1's")
	M("milestone-no-management-dropped", "milestone", "milestone-management", 0, m_ms_no_mgmt_dropped, NULL, "needs_management false though risks are accepted; management's signature dropped")
	M("milestone-no-management", "milestone", "milestone-management", 0, m_ms_no_mgmt_v2, NULL, "spec-v2 needs_management false though risks are accepted")
	M("milestone-decision-between", "milestone", "milestone-frozen", 0, m_ms_decision_between, NULL, "a decision between spec-v1's opening and its last signature")
	M("milestone-asset-between", "milestone", "milestone-frozen", 0, m_ms_asset_between, NULL, "an asset change before spec-v2's signature")
	M("milestone-member-between", "milestone", "milestone-frozen", 0, m_ms_member_between, NULL, "a member added before spec-v2's signature")
	M("milestone-sign-twice", "milestone", "milestone-twice", 0, m_ms_sign_twice, NULL, "the user lead signs spec-v1 again")
	M("milestone-sign-twice-other-key", "milestone", "milestone-twice", 0, m_ms_sign_other_key_twice, NULL, "the vendor lead signs spec-v2 again with the other key")
	M("milestone-sign-without-key", "milestone", "sig-required|milestone-unsigned", 0, m_ms_sign_no_key, NULL, "the vendor lead's spec-v1 signature without key")
	M("milestone-sign-unknown", "milestone", "milestone-unknown", 0, m_ms_sign_unknown, NULL, "a signature for spec-v9")
	M("milestone-sign-spec-hash", "milestone", "milestone-spec-hash", 0, m_ms_sign_hash, NULL, "spec-v2 signed over spec-v1's document")
	M("milestone-reopen", "milestone", "milestone-reopen", 0, m_ms_reopen, NULL, "spec-v1 opened again")
	M("milestone-catalog", "milestone", "milestone-catalog", 0, m_ms_catalog, NULL, "spec-v2 under catalog 0.9.0")
	M("milestone-open-without-key", "milestone", "sig-required|milestone-unsigned", 0, m_ms_open_no_key, NULL, "spec-v2 opened unsigned")
	M("milestone-sign-before-open", "milestone", "milestone-unknown", 0, m_ms_sign_before_open, NULL, "a signature before the opening")
	M("milestone-spec-hash-everywhere", "milestone", "bundle-document|milestone-spec-hash", 0, m_ms_spec_hash_consistent, NULL, "open and signatures name another document")
	M("milestone-user-lead-as-vendor", "milestone", "actor-claim", 0, m_ms_user_lead_as_vendor, NULL, "the user lead signs spec-v2 claiming side vendor")
	M("milestone-sign-by-removed", "milestone", "actor-member|member-not-active", 0, m_ms_sign_removed, NULL, "removed management signs spec-v2")

	/* trusted time */
	M("timestamp-other-milestone", "timestamps", "timestamp-digest|timestamp-milestone", 0, m_ts_other_milestone, NULL, "spec-v1's timestamp recorded for spec-v2")
	M("timestamp-unknown-milestone", "timestamps", "timestamp-milestone", 0, m_ts_unknown, NULL, "a timestamp for spec-v9")
	M("timestamp-repeat", "timestamps", "timestamp-repeat", 0, m_ts_repeat, NULL, "the same timestamp twice")
	M("timestamp-token", "timestamps", "timestamp-token", 0, m_ts_token, NULL, "a token that is not one")
	M("timestamp-time", "timestamps", "timestamp-time", 0, m_ts_time, NULL, "the log's time is not the token's")
	M("timestamp-digest", "timestamps", "timestamp-digest", 0, m_ts_digest, NULL, "another digest")
	M("timestamp-before-open", "timestamps", "timestamp-milestone", KT, m_ts_before_open, NULL, "the timestamp before its milestone's opening")

	/* minutes */
	M("minutes-attendee-stranger", "documents", "minutes-attendee", 0, m_min_attendee, NULL, "an attendee who is not a member")
	M("minutes-attendee-removed", "documents", "minutes-attendee", 0, m_min_attendee_removed, NULL, "an attendee who was removed")
	M("minutes-unknown-item", "documents", "minutes-item", 0, m_min_item, NULL, "minutes about an item not in the draft")
	M("minutes-id-repeat", "documents", "minutes-id", 0, m_min_id_repeat, NULL, "M-0001 again")
	M("minutes-id-gap", "documents", "minutes-id", 0, m_min_id_gap, NULL, "M-0009 after M-0001")
	M("minutes-attachment-missing", "documents", "bundle-attachment", 0, m_min_attachment_missing, NULL, "an attachment the bundle lacks")
	M("minutes-bad-date", "documents", "event-data", 0, m_min_bad_date, NULL, "meeting date 2026-02-30")

	/* changes, phases, threats */
	M("change-decide-unknown", "permission", "change-unknown", 0, m_change_decide_unknown, NULL, "change.decide of an unknown change")
	M("change-assess-unknown", "permission", "change-unknown", 0, m_change_assess_unknown, NULL, "change.assess of an unknown change")
	M("change-close-unknown", "permission", "change-unknown", 0, m_change_close_unknown, NULL, "change.close of an unknown change")
	M("change-open-repeat", "permission", "change-id", 0, m_change_open_repeat, NULL, "change C-0001 opened twice")
	M("change-decide-unassessed", "permission", "change-state", 0, m_change_decide_unassessed, NULL, "change decided before the vendor assessed it")
	M("upgrade-wrong-from", "permission", "upgrade-from", 0, m_upgrade_from, NULL, "project.upgrade from a version not pinned")
	M("phase-back-no-reason", "permission", "phase-reason", 0, m_phase_back_no_reason, NULL, "phase moved back without a reason")
	M("phase-forced-no-reason", "permission", "phase-reason", 0, m_phase_forced_no_reason, NULL, "phase forced without a reason")
	M("threat-no-reason", "permission", "threat-reason", 0, m_threat_no_reason, NULL, "threat score with an empty reason")
	M("threat-out-of-range", "permission", "event-data", 0, m_threat_range, NULL, "incident 9")
	{NULL, NULL, NULL, 0, NULL, NULL, NULL},
			// clang-format on
};
