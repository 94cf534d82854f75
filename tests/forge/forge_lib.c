/* The forger's library: read, mutate, re-chain, re-sign, write (forge.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "forge.h"
#include "rules/rules.h"
#include "ledger/merkle.h"
#include "ledger/tiles.h"
#include "util/util.h"

#define ROOT "secspec-evidence/"

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q) {
		fprintf(stderr, "forge: out of memory\n");
		abort();
	}
	return q;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xrealloc(NULL, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

fg_file *fg_file_get(fg_bundle *b, const char *path)
{
	size_t i;

	for (i = 0; i < b->nfiles; i++)
		if (strcmp(b->files[i].path, path) == 0)
			return &b->files[i];
	return NULL;
}

int fg_file_set(fg_bundle *b, const char *path, const void *data, size_t len)
{
	fg_file *f = fg_file_get(b, path);

	if (!f) {
		if (b->nfiles == b->capfiles) {
			b->capfiles = b->capfiles ? 2 * b->capfiles : 16;
			b->files = xrealloc(b->files, b->capfiles * sizeof(*b->files));
		}
		f = &b->files[b->nfiles++];
		f->path = strdup(path);
		f->data = NULL;
	}
	free(f->data);
	f->data = xrealloc(NULL, len);
	if (len)
		memcpy(f->data, data, len);
	f->len = len;
	return 0;
}

void fg_file_remove(fg_bundle *b, const char *path)
{
	fg_file *f = fg_file_get(b, path);

	if (!f)
		return;
	free(f->path);
	free(f->data);
	memmove(f, f + 1, (size_t)(&b->files[b->nfiles] - (f + 1)) * sizeof(*f));
	b->nfiles--;
}

static int parse_log(fg_bundle *b)
{
	fg_file *ef = fg_file_get(b, "log/events.jsonl"),
		*sf = fg_file_get(b, "log/signatures.jsonl");
	json_t *sigs = json_object();
	const char *p, *end, *nl;
	char k[24];

	if (!ef) {
		json_decref(sigs);
		fprintf(stderr, "forge: the bundle has no log/events.jsonl\n");
		return -1;
	}
	for (p = sf ? (const char *)sf->data : NULL, end = p ? p + sf->len : NULL; p && p < end;
	     p = nl + 1) {
		json_t *line;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		line = json_loadb(p, (size_t)(nl - p), 0, NULL);
		if (line) {
			snprintf(k, sizeof(k), "%lld", (long long)ss_ji(line, "seq"));
			json_object_set(sigs, k, json_object_get(line, "sig"));
		}
		json_decref(line);
	}
	b->events_final_newline = ef->len > 0 && ef->data[ef->len - 1] == '\n';
	for (p = (const char *)ef->data, end = p + ef->len; p < end; p = nl + 1) {
		json_t *ev;
		fg_event *e;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (!(ev = json_loadb(p, (size_t)(nl - p), 0, NULL))) {
			fprintf(stderr, "forge: event line %zu is not JSON\n", b->n + 1);
			json_decref(sigs);
			return -1;
		}
		if (b->n == b->cap) {
			b->cap = b->cap ? 2 * b->cap : 256;
			b->ev = xrealloc(b->ev, b->cap * sizeof(*b->ev));
		}
		e = &b->ev[b->n++];
		memset(e, 0, sizeof(*e));
		e->ev = ev;
		e->orig = (int64_t)b->n;
		snprintf(k, sizeof(k), "%zu", b->n);
		if (ss_js_or_null(sigs, k))
			e->sig = strdup(ss_js(sigs, k));
		e->line = xstrndup(p, (size_t)(nl - p));
		e->len = (size_t)(nl - p);
	}
	json_decref(sigs);
	return 0;
}

int fg_read(fg_bundle *b, const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ent;
	int r, error = -1;

	memset(b, 0, sizeof(*b));
	archive_read_support_format_all(a);
	archive_read_support_filter_all(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		fprintf(stderr, "forge: %s: %s\n", path, archive_error_string(a));
		goto out;
	}
	while ((r = archive_read_next_header(a, &ent)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(ent);
		size_t size = (size_t)archive_entry_size(ent), got = 0;
		unsigned char *data;
		la_ssize_t n;

		if (strncmp(name, ROOT, strlen(ROOT)) != 0 ||
		    archive_entry_filetype(ent) != AE_IFREG)
			continue;
		data = xrealloc(NULL, size);
		while (got < size && (n = archive_read_data(a, data + got, size - got)) > 0)
			got += (size_t)n;
		if (strcmp(name + strlen(ROOT), "MANIFEST.json") == 0)
			b->manifest = json_loadb((const char *)data, got, 0, NULL);
		else
			fg_file_set(b, name + strlen(ROOT), data, got);
		free(data);
	}
	if (r != ARCHIVE_EOF || !b->manifest) {
		fprintf(stderr, "forge: %s: not a readable bundle\n", path);
		goto out;
	}
	snprintf(b->project, sizeof(b->project), "%s", ss_js(b->manifest, "project"));
	error = parse_log(b);
out:
	archive_read_free(a);
	return error;
}

void fg_release(fg_bundle *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		json_decref(b->ev[i].ev);
		free(b->ev[i].sig);
		free(b->ev[i].line);
	}
	free(b->ev);
	for (i = 0; i < b->nfiles; i++) {
		free(b->files[i].path);
		free(b->files[i].data);
	}
	free(b->files);
	for (i = 0; i < b->nsigners; i++) {
		free(b->signers[i].person);
		ss_key_free(b->signers[i].key);
	}
	free(b->signers);
	for (i = 0; i < b->nextra; i++) {
		free(b->extra[i].name);
		free(b->extra[i].data);
		free(b->extra[i].link);
	}
	json_decref(b->manifest);
	free(b->manifest_raw);
	memset(b, 0, sizeof(*b));
}

int fg_add_signer(fg_bundle *b, const char *spec)
{
	const char *eq = strchr(spec, '=');
	ss_key *k = NULL;

	if (!eq || ss_key_load_private(&k, eq + 1, NULL) < 0) {
		fprintf(stderr, "forge: cannot load key %s: %s\n", spec, ss_error_last());
		return -1;
	}
	b->signers = xrealloc(b->signers, (b->nsigners + 1) * sizeof(*b->signers));
	b->signers[b->nsigners].person = xstrndup(spec, (size_t)(eq - spec));
	b->signers[b->nsigners].key = k;
	b->nsigners++;
	return 0;
}

const ss_key *fg_signer_by_fpr(const fg_bundle *b, const char *fpr)
{
	size_t i;

	for (i = 0; fpr && i < b->nsigners; i++)
		if (strcmp(ss_key_fingerprint(b->signers[i].key), fpr) == 0)
			return b->signers[i].key;
	return NULL;
}

const ss_key *fg_signer_of(const fg_bundle *b, const char *person)
{
	size_t i;

	for (i = 0; i < b->nsigners; i++)
		if (strcmp(b->signers[i].person, person) == 0)
			return b->signers[i].key;
	return NULL;
}

char *fg_sign(const ss_key *k, const void *data, size_t len)
{
	char sig[129];

	if (ss_key_sign(k, data, len, sig) < 0)
		return NULL;
	return strdup(sig);
}

int fg_insert(fg_bundle *b, size_t at, json_t *ev)
{
	if (!ev)
		return -1;
	if (at > b->n)
		at = b->n;
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->ev = xrealloc(b->ev, b->cap * sizeof(*b->ev));
	}
	memmove(&b->ev[at + 1], &b->ev[at], (b->n - at) * sizeof(*b->ev));
	memset(&b->ev[at], 0, sizeof(b->ev[at]));
	b->ev[at].ev = ev;
	b->n++;
	return 0;
}

void fg_remove(fg_bundle *b, size_t at)
{
	if (at >= b->n)
		return;
	json_decref(b->ev[at].ev);
	free(b->ev[at].sig);
	free(b->ev[at].line);
	memmove(&b->ev[at], &b->ev[at + 1], (b->n - at - 1) * sizeof(*b->ev));
	b->n--;
}

bool fg_state_at(const fg_bundle *b, size_t at, const char *person, const char **side,
		 const char **role, const char **fpr)
{
	const char *s = NULL, *r = NULL, *f = NULL;
	bool active = false;
	size_t i;

	for (i = 0; i < at && i < b->n; i++) {
		const json_t *ev = b->ev[i].ev, *d = json_object_get(ev, "data");
		const char *type = ss_js(ev, "type");

		if (strcmp(type, "project.create") == 0 &&
		    strcmp(ss_js(ev, "actor"), person) == 0) {
			s = ss_js(ev, "side");
			r = "lead";
			active = true;
		} else if (strcmp(type, "member.add") == 0 &&
			   strcmp(ss_js(d, "person"), person) == 0) {
			s = ss_js(d, "side");
			r = ss_js(d, "role");
			active = true;
		} else if (strcmp(type, "member.remove") == 0 &&
			   strcmp(ss_js(d, "person"), person) == 0) {
			active = false;
		} else if (strcmp(type, "key.register") == 0 &&
			   strcmp(ss_js(d, "person"), person) == 0) {
			if (!f)
				f = ss_js(d, "fingerprint");
		} else if (strcmp(type, "key.revoke") == 0 && f &&
			   strcmp(ss_js(d, "fingerprint"), f) == 0) {
			f = NULL;
		}
	}
	if (side)
		*side = s;
	if (role)
		*role = r;
	if (fpr)
		*fpr = f;
	return active;
}

json_t *fg_make(const fg_bundle *b, size_t at, const char *actor, const char *type,
		const char *data_fmt, ...)
{
	const char *side = NULL, *role = NULL, *fpr = NULL;
	char data[16384];
	json_t *ev, *d;
	va_list ap;

	va_start(ap, data_fmt);
	vsnprintf(data, sizeof(data), data_fmt, ap);
	va_end(ap);
	if (!(d = json_loads(data, 0, NULL))) {
		fprintf(stderr, "forge: bad data for %s: %s\n", type, data);
		return NULL;
	}
	fg_state_at(b, at, actor, &side, &role, &fpr);
	ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1, "project",
		       b->project, "seq", (json_int_t)0, "prev", "", "time",
		       at > 0 && at <= b->n ? ss_js(b->ev[at - 1].ev, "time")
					    : "2026-11-26T10:00:00Z",
		       "actor", actor, "side", side ? side : "user", "role", role ? role : "lead",
		       "type", type, "data", d);
	if (ev && fpr)
		json_object_set_new(ev, "key", json_string(fpr));
	return ev;
}

static bool matches(const json_t *ev, const char *type, const char *actor, const char *dk,
		    const char *dv)
{
	if (type && strcmp(ss_js(ev, "type"), type) != 0)
		return false;
	if (actor && strcmp(ss_js(ev, "actor"), actor) != 0)
		return false;
	if (dk && strcmp(ss_js(json_object_get(ev, "data"), dk), dv) != 0)
		return false;
	return true;
}

long fg_find(const fg_bundle *b, size_t from, const char *type, const char *actor,
	     const char *data_key, const char *data_val)
{
	size_t i;

	for (i = from; i < b->n; i++)
		if (matches(b->ev[i].ev, type, actor, data_key, data_val))
			return (long)i;
	return -1;
}

long fg_find_last(const fg_bundle *b, const char *type, const char *actor, const char *data_key,
		  const char *data_val)
{
	size_t i;

	for (i = b->n; i > 0; i--)
		if (matches(b->ev[i - 1].ev, type, actor, data_key, data_val))
			return (long)i - 1;
	return -1;
}

/* keys.json as the exporter writes it: every key in registration order. */
static int derive_keys(fg_bundle *b)
{
	json_t *keys = json_array(), *k;
	ss_buf out = SS_BUF_INIT(0);
	size_t i, j;
	int error;

	for (i = 0; i < b->n; i++) {
		const json_t *ev = b->ev[i].ev, *d = json_object_get(ev, "data");

		if (strcmp(ss_js(ev, "type"), "key.register") == 0) {
			json_array_append_new(keys,
					      json_pack("{s:b, s:s, s:s, s:s, s:I}", "active", 1,
							"fingerprint", ss_js(d, "fingerprint"),
							"person", ss_js(d, "person"), "public_key",
							ss_js(d, "public_key"), "seq",
							(json_int_t)(i + 1)));
		} else if (strcmp(ss_js(ev, "type"), "key.revoke") == 0) {
			json_array_foreach(keys, j, k) {
				if (strcmp(ss_js(k, "fingerprint"), ss_js(d, "fingerprint")) == 0)
					json_object_set_new(k, "active", json_false());
			}
		}
	}
	if ((error = ss_json_canonical(&out, keys)) == 0)
		fg_file_set(b, "keys.json", out.ptr, out.len);
	ss_buf_release(&out);
	json_decref(keys);
	return error;
}

/* INDEX.<lang>.md as docs/evidence-bundle.md has the exporter write it:
 * text from the log escaped for Markdown, hashes and times as they are when
 * well-formed, relative links to the bundle's files. */
static void md(ss_buf *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			ss_buf_putc(o, ' ');
		else if (c < 0x80 && strchr("\\`*_~[]()!<>&|#:@.", (char)c))
			ss_buf_printf(o, "\\%c", (char)c);
		else
			ss_buf_putc(o, (char)c);
	}
}

static bool hex_only(const char *s, size_t want)
{
	size_t n = strspn(s, "0123456789abcdef");

	return s[n] == '\0' && (want ? n == want : n > 0);
}

static void md_hex(ss_buf *o, const char *s)
{
	if (hex_only(s, 0))
		ss_buf_printf(o, "`%s`", s);
	else
		md(o, s);
}

static void md_when(ss_buf *o, const char *s)
{
	const char *shape = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	for (i = 0; shape[i] && s[i]; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			break;
	if (!shape[i] && !s[i])
		ss_buf_puts(o, s);
	else
		md(o, s);
}

static bool path_name(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      (i > 0 && strchr("._@+-", c))))
			return false;
	}
	return i > 0 && i <= 64;
}

static void md_file(ss_buf *o, const char *dir, const char *name, const char *rest)
{
	const char *p;

	ss_buf_printf(o, "[%s/%s%s](%s/", dir, name, rest, dir);
	for (p = name; *p; p++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_", *p))
			ss_buf_putc(o, *p);
		else
			ss_buf_printf(o, "%%%02X", (unsigned char)*p);
	}
	ss_buf_printf(o, "%s)", rest);
}

static void index_text(ss_buf *o, bool ja, const fg_bundle *b, const json_t *ms,
		       const json_t *minutes)
{
	const json_t *m, *s, *a;
	size_t i, j, k;

	ss_buf_printf(o, "# %s: ", ja ? "証跡バンドル" : "Evidence bundle");
	md(o, ss_js(b->manifest, "project"));
	ss_buf_printf(o, "\n\n- %s: %lld\n- %s: ", ja ? "変更記録の件数" : "Events in the log",
		      (long long)ss_ji(b->manifest, "tree_size"),
		      ja ? "Merkle木のルート" : "Merkle tree root");
	md_hex(o, ss_js(b->manifest, "root"));
	ss_buf_printf(o, "\n- %s: ", ja ? "書き出し日時" : "Exported at");
	md_when(o, ss_js(b->manifest, "exported_at"));
	ss_buf_printf(o, "\n\n## %s\n\n",
		      ja ? "合意（マイルストーン）" : "Agreements (milestones)");
	if (json_array_size(ms) == 0)
		ss_buf_printf(o, "%s\n\n", ja ? "なし。" : "None.");
	json_array_foreach(ms, i, m) {
		json_t *missing = ss_rules_milestone_missing(
			json_object_get(m, "signatures"),
			json_is_true(json_object_get(m, "needs_management")),
			strcmp(ss_js(m, "parties"), "user") == 0);

		ss_buf_puts(o, "### ");
		md(o, ss_js(m, "name"));
		ss_buf_printf(o, "\n\n- %s: %lld\n- %s: ", ja ? "対象の変更記録" : "Events covered",
			      (long long)ss_ji(m, "tree_size"), ja ? "ルート" : "Root");
		md_hex(o, ss_js(m, "root"));
		ss_buf_printf(o, "\n- %s: ", ja ? "仕様書" : "Specification");
		if (path_name(ss_js(m, "name")))
			md_file(o, "documents", ss_js(m, "name"), "/spec.json");
		else
			ss_buf_puts(o,
				    ja ? "（名前がパスにならない）" : "(the name is not a path)");
		ss_buf_puts(o, " (SHA-256 ");
		md_hex(o, ss_js(m, "spec_hash"));
		ss_buf_printf(
			o, ")\n- %s: %s\n", ja ? "状態" : "Status",
			json_array_size(missing) > 0 ? (ja ? "署名待ち" : "awaiting signatures")
			: strcmp(ss_js(m, "parties"), "user") == 0
				? (ja ? "成立（ユーザー側のみの記録。ベンダーとの合意ではない）"
				      : "complete (the user side's own record, not an agreement "
					"with the vendor)")
				: (ja ? "成立" : "complete"));
		json_decref(missing);
		json_array_foreach(json_object_get(m, "signatures"), j, s) {
			ss_buf_printf(o, "- %s: ", ja ? "署名" : "Signed by");
			md(o, ss_js(s, "person"));
			ss_buf_puts(o, " (");
			md(o, ss_js(s, "side"));
			ss_buf_puts(o, ", ");
			md(o, ss_js(s, "role"));
			ss_buf_puts(o, ") ");
			md_when(o, ss_js(s, "time"));
			ss_buf_puts(o, "\n");
		}
		ss_buf_puts(o, "\n");
	}
	ss_buf_printf(o, "## %s\n\n", ja ? "議事録" : "Minutes");
	if (json_array_size(minutes) == 0)
		ss_buf_printf(o, "%s\n\n", ja ? "なし。" : "None.");
	json_array_foreach(minutes, i, m) {
		ss_buf_puts(o, "- ");
		md(o, ss_js(m, "id"));
		ss_buf_puts(o, " ");
		md(o, ss_js(m, "date"));
		ss_buf_puts(o, " ");
		md(o, ss_js(m, "title"));
		ss_buf_puts(o, "\n");
		json_array_foreach(json_object_get(m, "attachments"), k, a) {
			ss_buf_puts(o, "  - ");
			if (hex_only(ss_js(a, "sha256"), 64))
				md_file(o, "attachments", ss_js(a, "sha256"), "");
			else
				md(o, ss_js(a, "sha256"));
			ss_buf_puts(o, " ");
			md(o, ss_js(a, "name"));
			ss_buf_printf(o, " (%lld %s)\n", (long long)ss_ji(a, "size"),
				      ja ? "バイト" : "bytes");
		}
	}
	ss_buf_printf(o, "\n## %s\n\n%s\n", ja ? "検証" : "Verifying",
		      ja ? "`secspec verify FILE` "
			   "がデータベースもネットワークも使わずにすべてのハッシュ・"
			   "証明・署名を検証する。形式は docs/evidence-bundle.md に記載している。"
			 : "`secspec verify FILE` checks every hash, proof and signature with no "
			   "database and no network. The format is described in "
			   "docs/evidence-bundle.md.");
}

static void derive_index(fg_bundle *b)
{
	json_t *ms = json_array(), *byname = json_object(), *minutes = json_array();
	ss_buf o = SS_BUF_INIT(0);
	size_t i;
	int l;

	for (i = 0; i < b->n; i++) {
		const json_t *ev = b->ev[i].ev, *d = json_object_get(ev, "data");
		const char *type = ss_js(ev, "type");
		json_t *sig = json_pack("{s:s, s:s, s:s, s:s*, s:s}", "person", ss_js(ev, "actor"),
					"side", ss_js(ev, "side"), "role", ss_js(ev, "role"), "key",
					ss_js_or_null(ev, "key"), "time", ss_js(ev, "time"));

		if (strcmp(type, "milestone.open") == 0 &&
		    !json_object_get(byname, ss_js(d, "name"))) {
			json_t *m = json_deep_copy(d);

			json_object_set_new(m, "signatures", json_pack("[O]", sig));
			json_object_set(byname, ss_js(d, "name"), m);
			json_array_append_new(ms, m);
		} else if (strcmp(type, "milestone.sign") == 0 &&
			   json_object_get(byname, ss_js(d, "name"))) {
			json_array_append(json_object_get(json_object_get(byname, ss_js(d, "name")),
							  "signatures"),
					  sig);
		} else if (strcmp(type, "minutes.add") == 0) {
			json_array_append(minutes, (json_t *)d);
		}
		json_decref(sig);
	}
	for (l = 0; l < 2; l++) {
		ss_buf_clear(&o);
		index_text(&o, l == 0, b, ms, minutes);
		fg_file_set(b, l == 0 ? "INDEX.ja.md" : "INDEX.en.md", o.ptr, o.len);
	}
	ss_buf_release(&o);
	json_decref(ms);
	json_decref(byname);
	json_decref(minutes);
}

static void remap(json_t *d, const char *key, const int64_t *map, size_t nmap)
{
	json_t *v = json_object_get(d, key);
	json_int_t s;

	if (!json_is_integer(v))
		return;
	s = json_integer_value(v);
	if (s > 0 && (size_t)s < nmap && map[s] > 0)
		json_object_set_new(d, key, json_integer(map[s]));
}

/* One pass; returns the index of a timestamp to drop (its checkpoint moved)
 * or -1. */
static long rebuild_pass(fg_bundle *b, unsigned flags, ss_buf *events, ss_buf *sigs)
{
	ss_tile_builder tree;
	char prev[2 * SS_HASH_LEN + 1];
	int64_t *map;
	json_t *moved = json_object();
	size_t i, nmap = 1;
	long drop = -1;

	for (i = 0; i < b->n; i++)
		if (b->ev[i].orig >= (int64_t)nmap)
			nmap = (size_t)b->ev[i].orig + 1;
	map = calloc(nmap, sizeof(*map));
	for (i = 0; i < b->n; i++)
		if (b->ev[i].orig > 0)
			map[b->ev[i].orig] = (int64_t)(i + 1);
	ss_tile_builder_init(&tree, 0);
	memset(prev, '0', 2 * SS_HASH_LEN);
	prev[2 * SS_HASH_LEN] = '\0';
	ss_buf_clear(events);
	ss_buf_clear(sigs);
	for (i = 0; i < b->n && drop < 0; i++) {
		fg_event *e = &b->ev[i];
		json_t *d = json_object_get(e->ev, "data");
		const char *type = ss_js(e->ev, "type");
		const ss_key *k;
		ss_buf line = SS_BUF_INIT(0);
		ss_hash leaf;

		if (!(flags & FG_KEEP_SEQ))
			json_object_set_new(e->ev, "seq", json_integer((json_int_t)(i + 1)));
		if (!(flags & FG_NO_CHAIN))
			json_object_set_new(e->ev, "prev", json_string(prev));
		if (!(flags & FG_KEEP_SEQ) && json_is_object(d)) {
			if (strcmp(type, "approval.set") == 0)
				remap(d, "decision_seq", map, nmap);
			if (strcmp(type, "decision.set") == 0 || strcmp(type, "asset.set") == 0 ||
			    strcmp(type, "system.set") == 0)
				remap(d, "supersedes", map, nmap);
		}
		if (strcmp(type, "milestone.open") == 0 && !(flags & FG_KEEP_CHECKPOINT) &&
		    json_is_object(d)) {
			char root[2 * SS_HASH_LEN + 1];
			ss_hash r;

			ss_tile_builder_root(&tree, r);
			ss_hash_hex(root, r);
			if (ss_ji(d, "tree_size") != (int64_t)i ||
			    strcmp(ss_js(d, "root"), root) != 0)
				json_object_set_new(moved, ss_js(d, "name"), json_true());
			json_object_set_new(d, "tree_size", json_integer((json_int_t)i));
			json_object_set_new(d, "root", json_string(root));
		}
		if (strcmp(type, "timestamp.add") == 0 && !(flags & FG_KEEP_TS) &&
		    json_object_get(moved, ss_js(d, "milestone"))) {
			drop = (long)i;
			break;
		}
		if (strcmp(type, "key.register") == 0 && !(flags & FG_KEEP_POP) &&
		    ss_js_or_null(d, "pop") &&
		    ((k = e->sign_with) != NULL ||
		     (k = fg_signer_by_fpr(b, ss_js(d, "fingerprint"))) != NULL)) {
			ss_buf msg = SS_BUF_INIT(4096);
			char *pop;

			ss_key_pop_message(&msg, b->project, ss_js(d, "person"),
					   ss_js(d, "fingerprint"));
			if ((pop = fg_sign(k, msg.ptr, msg.len)) != NULL)
				json_object_set_new(d, "pop", json_string(pop));
			free(pop);
			ss_buf_release(&msg);
		}
		if (ss_json_canonical(&line, e->ev) < 0) {
			fprintf(stderr, "forge: event %zu cannot be canonicalised: %s\n", i + 1,
				ss_error_last());
			abort();
		}
		free(e->line);
		e->len = line.len;
		e->line = ss_buf_detach(&line);
		if (e->tweak && e->tweak(&e->line, &e->len) < 0) {
			fprintf(stderr, "forge: the tweak of event %zu does not apply\n", i + 1);
			b->failed = true;
		}
		if (!(flags & FG_NO_SIGN) && ss_js_or_null(e->ev, "key") &&
		    ((k = e->sign_with) != NULL ||
		     (k = fg_signer_by_fpr(b, ss_js(e->ev, "key"))) != NULL)) {
			free(e->sig);
			e->sig = fg_sign(k, e->line, e->len);
		} else if (!(flags & FG_NO_SIGN) && !ss_js_or_null(e->ev, "key")) {
			/* an event that names no key carries no signature */
			free(e->sig);
			e->sig = NULL;
		}
		ss_merkle_leaf(leaf, e->line, e->len);
		ss_tile_builder_add(&tree, leaf, NULL, NULL);
		ss_hash_hex(prev, leaf);
		ss_buf_put(events, e->line, e->len);
		if (i + 1 < b->n || b->events_final_newline)
			ss_buf_putc(events, '\n');
		if (e->sig)
			ss_buf_printf(sigs, "{\"seq\":%zu,\"sig\":\"%s\"}\n", i + 1, e->sig);
	}
	if (drop < 0) {
		ss_hash r;
		char root[2 * SS_HASH_LEN + 1];

		ss_tile_builder_root(&tree, r);
		ss_hash_hex(root, r);
		json_object_set_new(b->manifest, "tree_size", json_integer((json_int_t)b->n));
		json_object_set_new(b->manifest, "root", json_string(root));
		json_object_set_new(b->manifest, "head", json_string(b->n ? prev : ""));
	}
	json_decref(moved);
	free(map);
	return drop;
}

int fg_rebuild(fg_bundle *b, unsigned flags)
{
	ss_buf events = SS_BUF_INIT(0), sigs = SS_BUF_INIT(0);
	json_t *saved = json_deep_copy(b->manifest);
	long drop;

	b->events_final_newline = true;
	while ((drop = rebuild_pass(b, flags, &events, &sigs)) >= 0)
		fg_remove(b, (size_t)drop);
	if (b->failed)
		return -1;
	fg_file_set(b, "log/events.jsonl", events.ptr, events.len);
	fg_file_set(b, "log/signatures.jsonl", sigs.ptr, sigs.len);
	if (!(flags & FG_NO_DERIVED))
		fg_derive(b);
	if (flags & FG_NO_MANIFEST) {
		json_decref(b->manifest);
		b->manifest = saved;
		saved = NULL;
	}
	json_decref(saved);
	ss_buf_release(&events);
	ss_buf_release(&sigs);
	return 0;
}

int fg_derive(fg_bundle *b)
{
	derive_index(b);
	return derive_keys(b);
}

int fg_sigs_file(fg_bundle *b)
{
	ss_buf sigs = SS_BUF_INIT(0);
	size_t i;
	int error;

	for (i = 0; i < b->n; i++)
		if (b->ev[i].sig)
			ss_buf_printf(&sigs, "{\"seq\":%zu,\"sig\":\"%s\"}\n", i + 1, b->ev[i].sig);
	error = fg_file_set(b, "log/signatures.jsonl", sigs.ptr, sigs.len);
	ss_buf_release(&sigs);
	return error;
}

static int by_path(const void *x, const void *y)
{
	return strcmp(((const fg_file *)x)->path, ((const fg_file *)y)->path);
}

int fg_manifest(fg_bundle *b)
{
	json_t *files = json_array();
	size_t i;

	qsort(b->files, b->nfiles, sizeof(*b->files), by_path);
	for (i = 0; i < b->nfiles; i++) {
		char hash[SS_SHA256_HEX];

		ss_sha256_hex(hash, b->files[i].data, b->files[i].len);
		json_array_append_new(files, json_pack("{s:s, s:s, s:I}", "path", b->files[i].path,
						       "sha256", hash, "size",
						       (json_int_t)b->files[i].len));
	}
	json_object_set_new(b->manifest, "files", files);
	return 0;
}

static int put(struct archive *a, const char *name, const void *data, size_t len, int type,
	       const char *link)
{
	struct archive_entry *e = archive_entry_new();
	int error = 0;

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, (unsigned)type);
	archive_entry_set_perm(e, type == AE_IFDIR ? 0755 : 0644);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_size(e, type == AE_IFREG ? (la_int64_t)len : 0);
	if (link)
		archive_entry_set_symlink(e, link);
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    (type == AE_IFREG && len && archive_write_data(a, data, len) != (la_ssize_t)len))
		error = -1;
	archive_entry_free(e);
	return error;
}

int fg_write(const fg_bundle *b, const char *path)
{
	struct archive *a = archive_write_new();
	ss_buf name = SS_BUF_INIT(0), man = SS_BUF_INIT(0);
	size_t i;
	int error = -1;

	archive_write_set_format_pax_restricted(a);
	if (b->gzip)
		archive_write_add_filter_gzip(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK)
		goto out;
	for (i = 0; i < b->nfiles; i++) {
		ss_buf_clear(&name);
		ss_buf_printf(&name, "%s%s", ROOT, b->files[i].path);
		if (put(a, name.ptr, b->files[i].data, b->files[i].len, AE_IFREG, NULL) < 0)
			goto out;
	}
	for (i = 0; i < b->nextra; i++)
		if (put(a, b->extra[i].name, b->extra[i].data, b->extra[i].len, b->extra[i].type,
			b->extra[i].link) < 0)
			goto out;
	if (b->manifest_raw) {
		ss_buf_put(&man, b->manifest_raw, b->manifest_raw_len);
	} else {
		ss_json_canonical(&man, b->manifest);
		ss_buf_putc(&man, '\n');
	}
	if (put(a, ROOT "MANIFEST.json", man.ptr, man.len, AE_IFREG, NULL) < 0)
		goto out;
	if (archive_write_close(a) != ARCHIVE_OK)
		goto out;
	error = 0;
out:
	if (error < 0)
		fprintf(stderr, "forge: writing %s: %s\n", path, archive_error_string(a));
	archive_write_free(a);
	ss_buf_release(&name);
	ss_buf_release(&man);
	return error;
}
