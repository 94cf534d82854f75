/*
 * Evidence bundles: one self-contained file with the log, signatures, public
 * keys, attachments and the documents at every milestone, and the offline
 * verifier for it (docs/evidence-bundle.md).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/sbom_store.h"
#include "rules/rules.h"
#include "formats/bundle.h"
#include "ledger/check.h"
#include "util/progress.h"
#include "util/banned.h"

#define BUNDLE_FORMAT "secspec-evidence/1"

static const char *const langs[] = {"ja", "en"};
static const char *const doc_formats[] = {"html", "md"};

/* documents/<dir>/spec.json and its renditions. */
static int add_documents(ss_bundle_writer *w, const char *dir, const json_t *model)
{
	ss_buf doc = SS_BUF_INIT(0), path = SS_BUF_INIT(4096);
	size_t l, f;
	int error;

	if ((error = ss_render(&doc, model, "json", "en")) < 0 ||
	    (error = ss_buf_printf(&path, "documents/%s/spec.json", dir)) < 0 ||
	    (error = ss_bundle_add(w, path.ptr, doc.ptr, doc.len)) < 0)
		goto out;
	for (l = 0; l < 2; l++) {
		for (f = 0; f < 2; f++) {
			ss_buf_clear(&doc);
			ss_buf_clear(&path);
			if ((error = ss_render(&doc, model, doc_formats[f], langs[l])) < 0 ||
			    (error = ss_buf_printf(&path, "documents/%s/spec.%s.%s", dir, langs[l],
						   doc_formats[f])) < 0 ||
			    (error = ss_bundle_add(w, path.ptr, doc.ptr, doc.len)) < 0)
				goto out;
		}
	}
out:
	ss_buf_release(&doc);
	ss_buf_release(&path);
	return error;
}

struct docs_ctx {
	ss_bundle_writer *w;
	const json_t *ms;
	int64_t *sizes;
};

static int docs_at(void *vctx, size_t i, json_t **model)
{
	struct docs_ctx *d = vctx;
	const json_t *m = json_array_get(d->ms, i);

	return add_documents(d->w, ss_js(m, "name"), *model);
}

/* --- what the log itself says, for export and verify alike --- */

/* keys.json, INDEX.*.md and the attachments are derived from these, by the
 * exporter and again by the verifier, so that their bytes can be compared. */
typedef struct {
	ss_checker *check;
	json_t *minutes; /* [{id, body}]: minutes.add data, in log order */
	json_t *pubkeys; /* fingerprint -> public_key, from key.register */
} log_view;

static void log_view_release(log_view *lv)
{
	ss_checker_free(lv->check);
	json_decref(lv->minutes);
	json_decref(lv->pubkeys);
	memset(lv, 0, sizeof(*lv));
}

static int log_view_init(log_view *lv, const char *project)
{
	memset(lv, 0, sizeof(*lv));
	if (!(lv->check = ss_checker_new(project)) || !(lv->minutes = json_array()) ||
	    !(lv->pubkeys = json_object())) {
		log_view_release(lv);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	return 0;
}

/* Note what later derivations need from one parsed event (NULL: not JSON). */
static void log_view_note(log_view *lv, const json_t *ev)
{
	const json_t *d = json_object_get(ev, "data");
	const char *type = ss_js(ev, "type");

	if (strcmp(type, "minutes.add") == 0 && json_is_object(d))
		json_array_append_new(lv->minutes,
				      json_pack("{s:s, s:O}", "id", ss_js(d, "id"), "body", d));
	else if (strcmp(type, "key.register") == 0 && ss_js_or_null(d, "fingerprint") &&
		 ss_js_or_null(d, "public_key") &&
		 !json_object_get(lv->pubkeys, ss_js(d, "fingerprint")))
		json_object_set(lv->pubkeys, ss_js(d, "fingerprint"),
				json_object_get(d, "public_key"));
}

static int by_seq(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "seq"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "seq"));

	return (x > y) - (x < y);
}

/* keys.json: every key the log registers, by registration, with its public
 * key and whether it is still unrevoked; canonical JSON, no newline. */
static int keys_json(ss_buf *out, const json_t *report, const json_t *pubkeys)
{
	const json_t *keys = json_object_get(report, "keys");
	size_t i, n = json_array_size(keys);
	json_t **v = calloc(n ? n : 1, sizeof(*v)), *arr = json_array();
	int error = 0;

	if (!v || !arr) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		v[i] = json_array_get(keys, i);
	qsort(v, n, sizeof(*v), by_seq);
	for (i = 0; i < n; i++) {
		const char *fp = ss_js(v[i], "fingerprint");

		if (json_array_append_new(arr, json_pack("{s:b, s:s, s:s, s:s, s:I}", "active",
							 !json_object_get(v[i], "revoked"),
							 "fingerprint", fp, "person",
							 ss_js(v[i], "person"), "public_key",
							 ss_js(pubkeys, fp), "seq",
							 (json_int_t)ss_ji(v[i], "seq"))) < 0) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
	}
	error = ss_json_canonical(out, arr);
out:
	free(v);
	json_decref(arr);
	return error;
}

/* Untrusted text in Markdown, never at the start of a line: the characters
 * that could start a link, image, autolink (scheme ':', e-mail '@', "www."),
 * raw HTML, entity, code span, emphasis or table cell are backslash-escaped
 * and control characters become spaces (so no new block can start). */
static void md_text(ss_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			ss_buf_putc(b, ' ');
		else if (c < 0x80 && strchr("\\`*_~[]()!<>&|#:@.", (char)c))
			ss_buf_printf(b, "\\%c", (char)c);
		else
			ss_buf_putc(b, (char)c);
	}
}

static bool is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return n ? i == n : i > 0;
}

/* A hash in a code span when it is hex, else as escaped text. */
/* A milestone's status in the bundle's README; a user-only one (rules 3)
 * says that the vendor is no party to it. */
static const char *status_text(const json_t *m, bool ja)
{
	bool user_only = strcmp(ss_js(m, "parties"), "user") == 0;

	if (!json_is_true(json_object_get(m, "complete")))
		return ja ? "署名待ち" : "awaiting signatures";
	if (user_only)
		return ja ? "成立（ユーザー側のみの記録。ベンダーとの合意ではない）"
			  : "complete (the user side's own record, not an agreement with the "
			    "vendor)";
	return ja ? "成立" : "complete";
}

static void md_hash(ss_buf *b, const char *s)
{
	if (is_hex(s, 0))
		ss_buf_printf(b, "`%s`", s);
	else
		md_text(b, s);
}

/* What ss_name_check accepts, without touching the error message: only such
 * milestone names become paths. */
/* A real UTC time, as the log's own times (the rule book's check). */
static bool is_time(const char *s)
{
	return ss_rules_time_valid(s);
}

/* A time as it is when well-formed, else as escaped text. */
static void md_time(ss_buf *b, const char *s)
{
	if (is_time(s))
		ss_buf_puts(b, s);
	else
		md_text(b, s);
}

static bool is_name(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || (i > 0 && strchr("._@+-", s[i]))))
			return false;
	return i > 0 && i <= SS_NAME_MAX;
}

/* A relative link to a file of the bundle: dir is "documents" or
 * "attachments", name one that is_name() or is_hex() accepts (so it is safe
 * as link text), rest a constant; the target is percent-encoded. */
static void md_link(ss_buf *b, const char *dir, const char *name, const char *rest)
{
	const char *p;

	ss_buf_printf(b, "[%s/%s%s](%s/", dir, name, rest, dir);
	for (p = name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
			ss_buf_putc(b, *p);
		else
			ss_buf_printf(b, "%%%02X", (unsigned char)*p);
	}
	ss_buf_printf(b, "%s)", rest);
}

/* INDEX.<lang>.md: what the log says, for people. Every value from the log
 * or the manifest is escaped; the only links are relative ones to files of
 * the bundle. */
static void index_text(ss_buf *b, const char *lang, const json_t *manifest, const json_t *ms,
		       const json_t *minutes)
{
	bool ja = strcmp(lang, "ja") == 0;
	const json_t *m, *s, *a;
	size_t i, j, k;

	ss_buf_printf(b, "# %s: ", ja ? "証跡バンドル" : "Evidence bundle");
	md_text(b, ss_js(manifest, "project"));
	ss_buf_printf(b, "\n\n- %s: %lld\n- %s: ", ja ? "変更記録の件数" : "Events in the log",
		      (long long)ss_ji(manifest, "tree_size"),
		      ja ? "Merkle木のルート" : "Merkle tree root");
	md_hash(b, ss_js(manifest, "root"));
	ss_buf_printf(b, "\n- %s: ", ja ? "書き出し日時" : "Exported at");
	md_time(b, ss_js(manifest, "exported_at"));
	ss_buf_printf(b, "\n\n## %s\n\n",
		      ja ? "合意（マイルストーン）" : "Agreements (milestones)");
	if (json_array_size(ms) == 0)
		ss_buf_printf(b, "%s\n\n", ja ? "なし。" : "None.");
	json_array_foreach(ms, i, m) {
		ss_buf_puts(b, "### ");
		md_text(b, ss_js(m, "name"));
		ss_buf_printf(b, "\n\n- %s: %lld\n- %s: ", ja ? "対象の変更記録" : "Events covered",
			      (long long)ss_ji(m, "tree_size"), ja ? "ルート" : "Root");
		md_hash(b, ss_js(m, "root"));
		ss_buf_printf(b, "\n- %s: ", ja ? "仕様書" : "Specification");
		if (is_name(ss_js(m, "name")))
			md_link(b, "documents", ss_js(m, "name"), "/spec.json");
		else
			ss_buf_puts(b,
				    ja ? "（名前がパスにならない）" : "(the name is not a path)");
		ss_buf_puts(b, " (SHA-256 ");
		md_hash(b, ss_js(m, "spec_hash"));
		ss_buf_printf(b, ")\n- %s: %s\n", ja ? "状態" : "Status", status_text(m, ja));
		json_array_foreach(json_object_get(m, "signatures"), j, s) {
			ss_buf_printf(b, "- %s: ", ja ? "署名" : "Signed by");
			md_text(b, ss_js(s, "person"));
			ss_buf_puts(b, " (");
			md_text(b, ss_js(s, "side"));
			ss_buf_puts(b, ", ");
			md_text(b, ss_js(s, "role"));
			ss_buf_puts(b, ") ");
			md_time(b, ss_js(s, "time"));
			ss_buf_puts(b, "\n");
		}
		ss_buf_puts(b, "\n");
	}
	ss_buf_printf(b, "## %s\n\n", ja ? "議事録" : "Minutes");
	if (json_array_size(minutes) == 0)
		ss_buf_printf(b, "%s\n\n", ja ? "なし。" : "None.");
	json_array_foreach(minutes, i, m) {
		const json_t *body = json_object_get(m, "body");

		ss_buf_puts(b, "- ");
		md_text(b, ss_js(m, "id"));
		ss_buf_puts(b, " ");
		md_text(b, ss_js(body, "date"));
		ss_buf_puts(b, " ");
		md_text(b, ss_js(body, "title"));
		ss_buf_puts(b, "\n");
		json_array_foreach(json_object_get(body, "attachments"), k, a) {
			ss_buf_puts(b, "  - ");
			if (is_hex(ss_js(a, "sha256"), 64))
				md_link(b, "attachments", ss_js(a, "sha256"), "");
			else
				md_text(b, ss_js(a, "sha256"));
			ss_buf_puts(b, " ");
			md_text(b, ss_js(a, "name"));
			ss_buf_printf(b, " (%lld %s)\n", (long long)ss_ji(a, "size"),
				      ja ? "バイト" : "bytes");
		}
	}
	ss_buf_printf(b, "\n## %s\n\n%s\n", ja ? "検証" : "Verifying",
		      ja ? "`secspec verify FILE` "
			   "がデータベースもネットワークも使わずにすべてのハッシュ・"
			   "証明・署名を検証する。形式は docs/evidence-bundle.md に記載している。"
			 : "`secspec verify FILE` checks every hash, proof and signature with no "
			   "database and no network. The format is described in "
			   "docs/evidence-bundle.md.");
}

/* The index as secspec 1.x before escaping wrote it; verify accepts it, as
 * unverified, only in a bundle of that version (docs/evidence-bundle.md). */
static void index_text_legacy(ss_buf *b, const char *lang, const json_t *manifest, const json_t *ms,
			      const json_t *minutes)
{
	bool ja = strcmp(lang, "ja") == 0;
	const json_t *m, *s, *a;
	size_t i, j, k;

	ss_buf_printf(b, "# %s: %s\n\n", ja ? "証跡バンドル" : "Evidence bundle",
		      ss_js(manifest, "project"));
	ss_buf_printf(b, "- %s: %lld\n- %s: `%s`\n- %s: %s\n\n",
		      ja ? "変更記録の件数" : "Events in the log",
		      (long long)ss_ji(manifest, "tree_size"),
		      ja ? "Merkle木のルート" : "Merkle tree root", ss_js(manifest, "root"),
		      ja ? "書き出し日時" : "Exported at", ss_js(manifest, "exported_at"));
	ss_buf_printf(b, "## %s\n\n", ja ? "合意（マイルストーン）" : "Agreements (milestones)");
	if (json_array_size(ms) == 0)
		ss_buf_printf(b, "%s\n\n", ja ? "なし。" : "None.");
	json_array_foreach(ms, i, m) {
		ss_buf_printf(b,
			      "### %s\n\n- %s: %lld\n- %s: `%s`\n- %s: `documents/%s/spec.json` "
			      "(SHA-256 `%s`)\n- %s: %s\n",
			      ss_js(m, "name"), ja ? "対象の変更記録" : "Events covered",
			      (long long)ss_ji(m, "tree_size"), ja ? "ルート" : "Root",
			      ss_js(m, "root"), ja ? "仕様書" : "Specification", ss_js(m, "name"),
			      ss_js(m, "spec_hash"), ja ? "状態" : "Status", status_text(m, ja));
		json_array_foreach(json_object_get(m, "signatures"), j, s) {
			ss_buf_printf(b, "- %s: %s (%s, %s) %s\n", ja ? "署名" : "Signed by",
				      ss_js(s, "person"), ss_js(s, "side"), ss_js(s, "role"),
				      ss_js(s, "time"));
		}
		ss_buf_puts(b, "\n");
	}
	ss_buf_printf(b, "## %s\n\n", ja ? "議事録" : "Minutes");
	if (json_array_size(minutes) == 0)
		ss_buf_printf(b, "%s\n\n", ja ? "なし。" : "None.");
	json_array_foreach(minutes, i, m) {
		const json_t *body = json_object_get(m, "body");

		ss_buf_printf(b, "- %s %s %s\n", ss_js(m, "id"), ss_js(body, "date"),
			      ss_js(body, "title"));
		json_array_foreach(json_object_get(body, "attachments"), k, a) {
			ss_buf_printf(b, "  - `attachments/%s` %s (%lld bytes)\n",
				      ss_js(a, "sha256"), ss_js(a, "name"),
				      (long long)ss_ji(a, "size"));
		}
	}
	ss_buf_printf(b, "\n## %s\n\n%s\n", ja ? "検証" : "Verifying",
		      ja ? "`secspec verify FILE` "
			   "がデータベースもネットワークも使わずにすべてのハッシュ・"
			   "証明・署名を検証する。形式は docs/evidence-bundle.md に記載している。"
			 : "`secspec verify FILE` checks every hash, proof and signature with no "
			   "database and no network. The format is described in "
			   "docs/evidence-bundle.md.");
}

/* --- export --- */

struct export_ctx {
	ss_buf events, sigs;
	log_view lv;
	int64_t head;
};

static int export_one(void *vctx, const ss_event_row *e)
{
	struct export_ctx *c = vctx;
	json_t *ev;
	int error;

	if ((error = ss_buf_put(&c->events, e->body, e->body_len)) < 0 ||
	    (error = ss_buf_putc(&c->events, '\n')) < 0)
		return error;
	if (e->sig && (error = ss_buf_printf(&c->sigs, "{\"seq\":%lld,\"sig\":\"%s\"}\n",
					     (long long)e->seq, e->sig)) < 0)
		return error;
	ss_checker_add(c->lv.check, e->seq, e->body, e->body_len, NULL, e->sig, NULL);
	ev = ss_json_loadb_bounded(e->body, e->body_len, 0);
	log_view_note(&c->lv, ev);
	json_decref(ev);
	ss_progress(N_("exporting the log"), SS_PROGRESS_EVENTS, (uint64_t)e->seq,
		    (uint64_t)c->head);
	return 0;
}

int ss_evidence_export(json_t **out, ss_store *st, const char *project, const char *path)
{
	struct export_ctx c = {SS_BUF_INIT(0), SS_BUF_INIT(0), {0}, 0};
	json_t *key = NULL, *report = NULL, *manifest = NULL, *written = json_object(), *m, *a;
	const json_t *ms;
	ss_bundle_writer *w = NULL;
	ss_buf b = SS_BUF_INIT(0), name = SS_BUF_INIT(4096);
	char now[SS_TIME_MAX], root_hex[2 * SS_HASH_LEN + 1];
	int64_t n, pid;
	ss_hash root;
	size_t i, j;
	int error;

	if (!out || !st || !path)
		return ss_error_set(SS_EINVAL, "ss_evidence_export: NULL argument");
	if ((error = ss_time_now(now)) < 0 ||
	    (error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	pid = ss_ji(key, "id");
	n = ss_ji(key, "head_seq");
	c.head = n;
	if ((error = log_view_init(&c.lv, project)) < 0 ||
	    (error = ss_lstore_each(st, pid, n, export_one, &c)) < 0 ||
	    (error = ss_lstore_root(st, pid, (uint64_t)n, root)) < 0)
		goto out;
	/* keys, milestones and minutes as the log says them: what verify derives */
	if (!(report = ss_checker_report(c.lv.check))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	ms = json_object_get(report, "milestones");
	ss_hash_hex(root_hex, root);
	if ((error = ss_bundle_writer_open(&w, path)) < 0 ||
	    (error = ss_bundle_add(w, "log/events.jsonl", c.events.ptr, c.events.len)) < 0 ||
	    (error = ss_bundle_add(w, "log/signatures.jsonl", c.sigs.ptr, c.sigs.len)) < 0 ||
	    (error = keys_json(&b, report, c.lv.pubkeys)) < 0 ||
	    (error = ss_bundle_add(w, "keys.json", b.ptr, b.len)) < 0)
		goto out;
	/* the documents at every milestone, in one pass; the state as exported
	 * is not shipped: no signature covers it */
	if (json_array_size(ms) > 0) {
		struct docs_ctx d = {w, ms, NULL};

		if (!(d.sizes = calloc(json_array_size(ms), sizeof(*d.sizes)))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		json_array_foreach(ms, i, m) {
			d.sizes[i] = ss_ji(m, "tree_size");
		}
		error = ss__models_as_of(st, project, d.sizes, i, docs_at, &d);
		free(d.sizes);
		if (error < 0)
			goto out;
	}
	json_array_foreach(c.lv.minutes, i, m) {
		json_array_foreach(json_object_get(json_object_get(m, "body"), "attachments"), j,
				   a) {
			if (json_object_get(written, ss_js(a, "sha256")))
				continue; /* stored once, however often it is referenced */
			json_object_set_new(written, ss_js(a, "sha256"), json_true());
			ss_buf_clear(&b);
			ss_buf_clear(&name);
			if ((error = ss_blob_get(&b, st, ss_js(a, "sha256"))) < 0 ||
			    (error = ss_buf_printf(&name, "attachments/%s", ss_js(a, "sha256"))) <
				    0)
				goto out;
			if ((error = ss_bundle_add(w, name.ptr, b.ptr, b.len)) < 0)
				goto out;
		}
	}
	/* rules 5: the SBOM files, kept by their hash (those small enough to
	 * be kept) */
	{
		json_t *sboms = NULL, *sb;

		if ((error = ss_sbstore_versions(&sboms, st, ss_ji(key, "id"))) < 0)
			goto out;
		json_array_foreach(sboms, i, sb) {
			const char *h = ss_js(sb, "file");
			int64_t size = 0;

			if (json_object_get(written, h))
				continue;
			if ((error = ss_blob_held(&size, st, ss_ji(key, "id"), h)) < 0)
				break;
			if (error == 0)
				continue; /* recorded by hash only */
			json_object_set_new(written, h, json_true());
			ss_buf_clear(&b);
			ss_buf_clear(&name);
			if ((error = ss_blob_get(&b, st, h)) < 0 ||
			    (error = ss_buf_printf(&name, "attachments/%s", h)) < 0 ||
			    (error = ss_bundle_add(w, name.ptr, b.ptr, b.len)) < 0)
				break;
		}
		json_decref(sboms);
		if (error < 0)
			goto out;
		error = 0;
	}
	manifest = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "format", BUNDLE_FORMAT, "project",
			     project, "exported_at", now, "tree_size", (json_int_t)n, "root",
			     root_hex, "head", ss_js(key, "head_hash"));
	for (i = 0; i < 2; i++) {
		ss_buf_clear(&b);
		ss_buf_clear(&name);
		index_text(&b, langs[i], manifest, ms, c.lv.minutes);
		if ((error = ss_buf_printf(&name, "INDEX.%s.md", langs[i])) < 0 ||
		    (error = ss_bundle_add(w, name.ptr, b.ptr, b.len)) < 0)
			goto out;
	}
	if ((error = ss_bundle_writer_close(w, manifest)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:I, s:s, s:I, s:I}", "project", project, "bundle", path,
			 "tree_size", (json_int_t)n, "root", root_hex, "milestones",
			 (json_int_t)json_array_size(ms), "files",
			 (json_int_t)json_array_size(json_object_get(manifest, "files")) + 1);
out:
	ss_bundle_writer_free(w);
	log_view_release(&c.lv);
	json_decref(key);
	json_decref(report);
	json_decref(manifest);
	json_decref(written);
	ss_buf_release(&c.events);
	ss_buf_release(&c.sigs);
	ss_buf_release(&b);
	ss_buf_release(&name);
	return error;
}

/* --- verification --- */

typedef struct {
	const ss_bundle *b;
	log_view lv;
	const json_t *manifest;
	json_t *problems;   /* bundle-level: {file, rule, problem} */
	json_t *unverified; /* {file, reason}: shipped by earlier versions, anchored to nothing */
	json_t *documents, *attachments;
	json_t *referenced; /* sha256 -> true: attachments some minutes.add names */
	bool lost;          /* a problem could not be recorded: never verified */
	bool legacy;        /* written by secspec before bundles were fully anchored */
} verifier;

/* A bundle-level problem; fmt is English and translated here (po/xgettext.opts
 * names vbad as a keyword). */
static void vbad(verifier *v, const char *file, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void vbad(verifier *v, const char *file, const char *rule, const char *fmt, ...)
{
	char msg[SS_ERROR_MAX], name[256];
	va_list ap;

	if (json_array_size(v->problems) >= 200) {
		v->lost = true; /* counted, not listed */
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), ss_gettext(fmt), ap);
	va_end(ap);
	/* both quote the untrusted bundle and %.Ns may cut a character */
	snprintf(name, sizeof(name), "%s", file ? file : "");
	ss_text_printable(msg, false);
	ss_text_printable(name, false);
	if (json_array_append_new(v->problems, json_pack("{s:s, s:s, s:s}", "file", name, "rule",
							 rule, "problem", msg)) < 0)
		v->lost = true;
}

static void vunverified(verifier *v, const char *file, const char *reason)
{
	json_array_append_new(v->unverified,
			      json_pack("{s:s, s:s}", "file", file, "reason", reason));
}

static bool file_hash_is(const ss_bundle_file *f, const char *want)
{
	char hash[SS_SHA256_HEX];

	if (!f)
		return false;
	ss_sha256_hex(hash, f->data, f->len);
	return strcmp(hash, want) == 0;
}

static bool same_bytes(const ss_bundle_file *f, const ss_buf *b)
{
	return f && f->len == b->len && memcmp(f->data, b->ptr, b->len) == 0;
}

/* The manifest: exactly these fields, of these types, and exactly the bytes
 * of its canonical form plus one newline. */
static void check_manifest_form(verifier *v, const ss_bundle_file *mf)
{
	static const char *const fields[] = {"exported_at", "files", "format",   "head",
					     "project",     "root",  "tree_size"};
	const json_t *m = v->manifest, *files = json_object_get(m, "files"), *f;
	ss_buf text = SS_BUF_INIT(0);
	const char *key, *prev = NULL;
	json_t *val;
	size_t i;

	json_object_foreach((json_t *)m, key, val) {
		bool known = false;

		for (i = 0; i < sizeof(fields) / sizeof(*fields); i++)
			known = known || strcmp(key, fields[i]) == 0;
		if (!known)
			vbad(v, "MANIFEST.json", "bundle-manifest", "unknown field '%.60s'", key);
	}
	if (!is_time(ss_js(m, "exported_at")))
		vbad(v, "MANIFEST.json", "bundle-manifest",
		     "exported_at is not a time YYYY-MM-DDTHH:MM:SSZ");
	if (!is_hex(ss_js(m, "head"), 64) || !is_hex(ss_js(m, "root"), 64))
		vbad(v, "MANIFEST.json", "bundle-manifest",
		     "head and root must be 64 lowercase hex digits");
	if (!json_is_integer(json_object_get(m, "tree_size")) || ss_ji(m, "tree_size") < 0)
		vbad(v, "MANIFEST.json", "bundle-manifest",
		     "tree_size is not a non-negative integer");
	if (!json_is_array(files))
		vbad(v, "MANIFEST.json", "bundle-manifest", "files is not an array");
	json_array_foreach(files, i, f) {
		const char *path = ss_js_or_null(f, "path");

		if (!json_is_object(f) || json_object_size(f) != 3 || !path ||
		    !is_hex(ss_js(f, "sha256"), 64) ||
		    !json_is_integer(json_object_get(f, "size")) || ss_ji(f, "size") < 0) {
			vbad(v, "MANIFEST.json", "bundle-manifest",
			     "files[%zu] is not exactly {path, sha256, size}", i);
			continue;
		}
		if (strcmp(path, "MANIFEST.json") == 0)
			vbad(v, "MANIFEST.json", "bundle-manifest", "lists itself");
		if (prev && strcmp(prev, path) == 0)
			vbad(v, path, "bundle-manifest", "listed twice");
		prev = path;
	}
	if (ss_json_canonical(&text, m) < 0 || ss_buf_putc(&text, '\n') < 0 ||
	    !same_bytes(mf, &text))
		vbad(v, "MANIFEST.json", "bundle-manifest",
		     "not its canonical JSON followed by one newline");
	ss_buf_release(&text);
}

/* Listed files are there with that size and hash; every file is listed and
 * is one the format has. */
static void check_listing(verifier *v)
{
	static const char *const fixed[] = {"log/events.jsonl", "log/signatures.jsonl", "keys.json",
					    "INDEX.ja.md", "INDEX.en.md"};
	const json_t *f;
	json_t *listed = json_object();
	size_t i, k;

	json_array_foreach(json_object_get(v->manifest, "files"), i, f) {
		const char *path = ss_js(f, "path");
		const ss_bundle_file *bf = ss_bundle_get(v->b, path);

		json_object_set_new(listed, path, json_true());
		if (!bf)
			vbad(v, path, "bundle-file", "listed in the manifest but missing");
		else if (bf->len != (size_t)ss_ji(f, "size") ||
			 !file_hash_is(bf, ss_js(f, "sha256")))
			vbad(v, path, "bundle-file", "its content is not what the manifest lists");
	}
	for (i = 0; i < v->b->n; i++) {
		const char *p = v->b->files[i].path;
		bool known =
			strncmp(p, "documents/", 10) == 0 || strncmp(p, "attachments/", 12) == 0;

		if (strcmp(p, "MANIFEST.json") == 0)
			continue;
		for (k = 0; k < sizeof(fixed) / sizeof(*fixed); k++)
			known = known || strcmp(p, fixed[k]) == 0;
		if (!json_object_get(listed, p))
			vbad(v, p, "bundle-file", "not listed in the manifest");
		if (!known)
			vbad(v, p, "bundle-file", "not a file of the %s format", BUNDLE_FORMAT);
	}
	for (k = 0; k < sizeof(fixed) / sizeof(*fixed); k++)
		if (!ss_bundle_get(v->b, fixed[k]))
			vbad(v, fixed[k], "bundle-file", "missing");
	json_decref(listed);
}

typedef struct {
	int64_t seq;
	char sig[129];
} sig_line;

/* One line of signatures.jsonl: exactly {"seq":N,"sig":HEX} with N a
 * positive integer without leading zeros and 128 lowercase hex digits. */
static bool parse_sig_line(sig_line *out, const char *p, size_t n)
{
	static const char pre[] = "{\"seq\":", mid[] = ",\"sig\":\"", post[] = "\"}";
	size_t i = sizeof(pre) - 1, digits = 0;
	int64_t seq = 0;

	if (n < i || memcmp(p, pre, i) != 0 || i >= n || p[i] < '1' || p[i] > '9')
		return false;
	for (; i < n && p[i] >= '0' && p[i] <= '9' && digits < 15; i++, digits++)
		seq = seq * 10 + (p[i] - '0');
	if (n - i != sizeof(mid) - 1 + 128 + sizeof(post) - 1 ||
	    memcmp(p + i, mid, sizeof(mid) - 1) != 0)
		return false;
	i += sizeof(mid) - 1;
	memcpy(out->sig, p + i, 128);
	out->sig[128] = '\0';
	if (!is_hex(out->sig, 128) || memcmp(p + i + 128, post, sizeof(post) - 1) != 0)
		return false;
	out->seq = seq;
	return true;
}

/* Lines of a .jsonl file: each ends with exactly one \n, none is empty, no
 * \r anywhere. Calls fn for every line, even a bad one (problems named). */
static void each_line(verifier *v, const char *file, const char *rule, const ss_bundle_file *f,
		      void (*fn)(verifier *v, int64_t n, const char *p, size_t len, void *ctx),
		      void *ctx)
{
	const char *p = (const char *)f->data, *end = p + f->len, *nl;
	int64_t n = 0;

	if (f->len && end[-1] != '\n')
		vbad(v, file, rule, "does not end with a newline");
	if (memchr(p, '\r', f->len))
		vbad(v, file, rule, "holds a carriage return");
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl == p)
			vbad(v, file, rule, "line %lld is empty", (long long)n + 1);
		fn(v, ++n, p, (size_t)(nl - p), ctx);
	}
}

struct sigs {
	sig_line *lines;
	size_t n, cap, next;
};

static void one_sig(verifier *v, int64_t n, const char *p, size_t len, void *vctx)
{
	struct sigs *s = vctx;
	sig_line line;

	if (!parse_sig_line(&line, p, len)) {
		if (len)
			vbad(v, "log/signatures.jsonl", "bundle-signatures",
			     "line %lld is not exactly {\"seq\":N,\"sig\":HEX}", (long long)n);
		return;
	}
	if (s->n && line.seq <= s->lines[s->n - 1].seq) {
		vbad(v, "log/signatures.jsonl", "bundle-signatures",
		     "line %lld: seq %lld does not increase", (long long)n, (long long)line.seq);
		return;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		sig_line *grown = realloc(s->lines, cap * sizeof(*grown));

		if (!grown) {
			v->lost = true;
			return;
		}
		s->lines = grown;
		s->cap = cap;
	}
	s->lines[s->n++] = line;
}

static void check_attachments(verifier *v, const json_t *ev)
{
	const json_t *d = json_object_get(ev, "data"), *a;
	char path[128];
	size_t i;

	json_array_foreach(json_object_get(d, "attachments"), i, a) {
		const ss_bundle_file *f;
		bool ok;

		snprintf(path, sizeof(path), "attachments/%.64s", ss_js(a, "sha256"));
		json_object_set_new(v->referenced, ss_js(a, "sha256"), json_true());
		f = ss_bundle_get(v->b, path);
		ok = f && json_is_integer(json_object_get(a, "size")) &&
		     f->len == (size_t)ss_ji(a, "size") && file_hash_is(f, ss_js(a, "sha256"));
		if (!ok && f)
			vbad(v, path, "bundle-attachment",
			     "attachment '%.100s' of minutes %.20s is altered", ss_js(a, "name"),
			     ss_js(d, "id"));
		else if (!ok)
			vbad(v, path, "bundle-attachment",
			     "attachment '%.100s' of minutes %.20s is missing", ss_js(a, "name"),
			     ss_js(d, "id"));
		json_array_append_new(v->attachments,
				      json_pack("{s:s, s:s, s:I, s:s, s:b}", "minutes",
						ss_js(d, "id"), "name", ss_js(a, "name"), "size",
						(json_int_t)ss_ji(a, "size"), "sha256",
						ss_js(a, "sha256"), "verified", ok));
	}
}

/* Rules 5: an SBOM version's file, when the bundle carries it, is the one
 * the event names (a file too large to keep is recorded by hash only). */
static void check_sbom_file(verifier *v, const json_t *ev)
{
	const json_t *d = json_object_get(ev, "data");
	const ss_bundle_file *f;
	char path[128];
	bool ok;

	snprintf(path, sizeof(path), "attachments/%.64s", ss_js(d, "file"));
	json_object_set_new(v->referenced, ss_js(d, "file"), json_true());
	if (!(f = ss_bundle_get(v->b, path)))
		return;
	ok = file_hash_is(f, ss_js(d, "file"));
	if (!ok)
		vbad(v, path, "bundle-attachment", "the file of SBOM %lld (%.100s) is altered",
		     (long long)ss_ji(d, "sbom"), ss_js(d, "name"));
	json_array_append_new(v->attachments,
			      json_pack("{s:I, s:s, s:I, s:s, s:b}", "sbom",
					(json_int_t)ss_ji(d, "sbom"), "name", ss_js(d, "name"),
					"size", (json_int_t)f->len, "sha256", ss_js(d, "file"),
					"verified", ok));
}

static void one_event(verifier *v, int64_t seq, const char *p, size_t len, void *vctx)
{
	struct sigs *s = vctx;
	const char *sig = NULL;
	json_t *ev;

	if (s->next < s->n && s->lines[s->next].seq == seq)
		sig = s->lines[s->next++].sig;
	ss_checker_add(v->lv.check, seq, p, len, NULL, sig, NULL);
	ss_progress(N_("verifying the log"), SS_PROGRESS_EVENTS, seq > 0 ? (uint64_t)seq : 0, 0);
	ev = ss_json_loadb_bounded(p, len, 0);
	if (sig && !ss_js_or_null(ev, "key"))
		vbad(v, "log/signatures.jsonl", "bundle-signatures",
		     "a signature for event %lld, which names no key", (long long)seq);
	if (strcmp(ss_js(ev, "type"), "minutes.add") == 0)
		check_attachments(v, ev);
	else if (strcmp(ss_js(ev, "type"), "sbom.add") == 0)
		check_sbom_file(v, ev);
	log_view_note(&v->lv, ev);
	json_decref(ev);
}

static void check_log(verifier *v)
{
	const ss_bundle_file *ef = ss_bundle_get(v->b, "log/events.jsonl");
	const ss_bundle_file *sf = ss_bundle_get(v->b, "log/signatures.jsonl");
	struct sigs s = {0};

	if (sf)
		each_line(v, "log/signatures.jsonl", "bundle-signatures", sf, one_sig, &s);
	if (!ef)
		vbad(v, "log/events.jsonl", "bundle-log", "missing");
	else if (ef->len == 0)
		vbad(v, "log/events.jsonl", "bundle-log", "empty");
	else
		each_line(v, "log/events.jsonl", "bundle-log", ef, one_event, &s);
	if (s.next < s.n)
		vbad(v, "log/signatures.jsonl", "bundle-signatures",
		     "a signature for event %lld, which is not in the log or out of order",
		     (long long)s.lines[s.next].seq);
	free(s.lines);
}

/* documents/<milestone>/ and nothing else; documents/current/ of an
 * earlier export is shown as unverified. */
static const char *const doc_files[] = {"spec.json", "spec.ja.html", "spec.ja.md", "spec.en.html",
					"spec.en.md"};

/* The four renderings of model in documents/dir/: of the signed
 * specification, or (current) of an earlier export's documents/current. */
static void check_renditions(verifier *v, const char *dir, const json_t *model, bool current)
{
	char path[256];
	size_t l, f;

	for (l = 0; l < 2; l++) {
		for (f = 0; f < 2; f++) {
			ss_buf doc = SS_BUF_INIT(0);
			const ss_bundle_file *r;
			bool ok;

			snprintf(path, sizeof(path), "documents/%.100s/spec.%s.%s", dir, langs[l],
				 doc_formats[f]);
			r = ss_bundle_get(v->b, path);
			ok = ss_render(&doc, model, doc_formats[f], langs[l]) == 0 &&
			     same_bytes(r, &doc);
			if (!ok && current && r)
				vbad(v, path, "bundle-document",
				     "altered: not the rendering of documents/current/spec.json");
			else if (!ok && current)
				vbad(v, path, "bundle-document",
				     "missing: not the rendering of documents/current/spec.json");
			else if (!ok && r)
				vbad(v, path, "bundle-document",
				     "altered: not the rendering of the signed specification");
			else if (!ok)
				vbad(v, path, "bundle-document",
				     "missing: not the rendering of the signed specification");
			ss_buf_release(&doc);
		}
	}
}

static void check_documents(verifier *v, const json_t *report)
{
	const json_t *ms = json_object_get(report, "milestones"), *m;
	json_t *names = json_object();
	char path[256];
	size_t i, k;

	json_array_foreach(ms, i, m) {
		const char *name = ss_js(m, "name");
		const ss_bundle_file *spec;
		json_t *model = NULL;
		bool ok;

		if (!is_name(name)) {
			vbad(v, "documents", "bundle-document",
			     "milestone %.60s: its name cannot be a directory", name);
			continue;
		}
		json_object_set_new(names, name, json_true());
		snprintf(path, sizeof(path), "documents/%s/spec.json", name);
		spec = ss_bundle_get(v->b, path);
		ok = file_hash_is(spec, ss_js(m, "spec_hash"));
		if (!ok && spec)
			vbad(v, path, "bundle-document",
			     "altered: not the specification signed at milestone %.60s", name);
		else if (!ok)
			vbad(v, path, "bundle-document",
			     "missing: not the specification signed at milestone %.60s", name);
		if (ok && !(model = ss_json_loadb_bounded((const char *)spec->data, spec->len, 0)))
			vbad(v, path, "bundle-document", "not JSON");
		if (model)
			check_renditions(v, name, model, false);
		json_decref(model);
		json_array_append_new(v->documents,
				      json_pack("{s:s, s:s, s:b}", "milestone", name, "spec_hash",
						ss_js(m, "spec_hash"), "verified", ok));
	}
	for (i = 0; i < v->b->n; i++) {
		const char *p = v->b->files[i].path, *dir, *slash;
		char name[256];
		bool known = false;

		if (strncmp(p, "documents/", 10) != 0)
			continue;
		dir = p + 10;
		slash = strchr(dir, '/');
		snprintf(name, sizeof(name), "%.*s", slash ? (int)(slash - dir) : 0, dir);
		for (k = 0; slash && k < sizeof(doc_files) / sizeof(*doc_files); k++)
			known = known || strcmp(slash + 1, doc_files[k]) == 0;
		if (!known)
			vbad(v, p, "bundle-document", "not a document of the %s format",
			     BUNDLE_FORMAT);
		else if (v->legacy && strcmp(name, "current") == 0)
			vunverified(v, p,
				    "the state as exported by an earlier version: no event or "
				    "signature covers it");
		else if (!json_object_get(names, name))
			vbad(v, p, "bundle-document", "milestone %.60s is not in the log", name);
	}
	if (v->legacy) {
		const ss_bundle_file *cur = ss_bundle_get(v->b, "documents/current/spec.json");
		json_t *model =
			cur ? ss_json_loadb_bounded((const char *)cur->data, cur->len, 0) : NULL;

		if (!model)
			vbad(v, "documents/current/spec.json", "bundle-document", "not JSON");
		else
			check_renditions(v, "current", model, true);
		json_decref(model);
	}
	json_decref(names);
}

static void check_orphans(verifier *v)
{
	size_t i;

	for (i = 0; i < v->b->n; i++) {
		const char *p = v->b->files[i].path;

		if (strncmp(p, "attachments/", 12) != 0)
			continue;
		if (!is_hex(p + 12, 64))
			vbad(v, p, "bundle-attachment",
			     "not named by a SHA-256 (64 lowercase hex)");
		else if (!json_object_get(v->referenced, p + 12))
			vbad(v, p, "bundle-attachment",
			     "no minutes in the log names this attachment");
	}
}

/* The files list of an earlier export: log, signatures, keys, the documents
 * by milestone then current, attachments as first named, the two indexes. */
static bool legacy_order(const verifier *v, const json_t *report)
{
	const json_t *files = json_object_get(v->manifest, "files"), *m, *a;
	json_t *want = json_array(), *seen = json_object();
	ss_buf p = SS_BUF_INIT(4096);
	size_t i, j, k;
	bool same = true;

	json_array_append_new(want, json_string("log/events.jsonl"));
	json_array_append_new(want, json_string("log/signatures.jsonl"));
	json_array_append_new(want, json_string("keys.json"));
	for (i = 0; i <= json_array_size(json_object_get(report, "milestones")); i++) {
		m = json_array_get(json_object_get(report, "milestones"), i);
		for (k = 0; k < sizeof(doc_files) / sizeof(*doc_files); k++) {
			ss_buf_clear(&p);
			ss_buf_printf(&p, "documents/%s/%s", m ? ss_js(m, "name") : "current",
				      doc_files[k]);
			json_array_append_new(want, json_string(p.ptr));
		}
	}
	json_array_foreach(v->lv.minutes, i, m) {
		json_array_foreach(json_object_get(json_object_get(m, "body"), "attachments"), j,
				   a) {
			if (json_object_get(seen, ss_js(a, "sha256")))
				continue;
			json_object_set_new(seen, ss_js(a, "sha256"), json_true());
			ss_buf_clear(&p);
			ss_buf_printf(&p, "attachments/%s", ss_js(a, "sha256"));
			json_array_append_new(want, json_string(p.ptr));
		}
	}
	json_array_append_new(want, json_string("INDEX.ja.md"));
	json_array_append_new(want, json_string("INDEX.en.md"));
	if (json_array_size(want) != json_array_size(files))
		same = false;
	for (i = 0; same && i < json_array_size(files); i++)
		same = strcmp(ss_js(json_array_get(files, i), "path"),
			      json_string_value(json_array_get(want, i))) == 0;
	json_decref(want);
	json_decref(seen);
	ss_buf_release(&p);
	return same;
}

static void check_order(verifier *v, const json_t *report)
{
	const json_t *files = json_object_get(v->manifest, "files");
	size_t i;
	bool sorted = true;

	for (i = 1; i < json_array_size(files); i++)
		if (strcmp(ss_js(json_array_get(files, i - 1), "path"),
			   ss_js(json_array_get(files, i), "path")) > 0)
			sorted = false;
	if (!sorted && !(v->legacy && legacy_order(v, report)))
		vbad(v, "MANIFEST.json", "bundle-manifest",
		     "files are not listed in order of path (bytewise)");
}

/* keys.json and INDEX.*.md are derived from the log again and compared. */
static void check_derived(verifier *v, const json_t *report)
{
	const json_t *ms = json_object_get(report, "milestones");
	ss_buf b = SS_BUF_INIT(0);
	char path[32];
	size_t i;

	if (keys_json(&b, report, v->lv.pubkeys) < 0)
		v->lost = true;
	else if (ss_bundle_get(v->b, "keys.json") &&
		 !same_bytes(ss_bundle_get(v->b, "keys.json"), &b))
		vbad(v, "keys.json", "bundle-keys",
		     "not the keys the log registers and revokes (compare 'secspec verify --json' "
		     ".keys)");
	for (i = 0; i < 2; i++) {
		const ss_bundle_file *f;

		snprintf(path, sizeof(path), "INDEX.%s.md", langs[i]);
		if (!(f = ss_bundle_get(v->b, path)))
			continue; /* reported as missing */
		ss_buf_clear(&b);
		index_text(&b, langs[i], v->manifest, ms, v->lv.minutes);
		if (same_bytes(f, &b))
			continue;
		ss_buf_clear(&b);
		index_text_legacy(&b, langs[i], v->manifest, ms, v->lv.minutes);
		if (v->legacy && same_bytes(f, &b))
			vunverified(v, path,
				    "an earlier version's index: it matches the log, but names in "
				    "it are not escaped; read it as plain text");
		else
			vbad(v, path, "bundle-index",
			     "not the index of this log (regenerated and compared byte for byte)");
	}
	ss_buf_release(&b);
}

/* Without a trust anchor a token proves only that it names this checkpoint:
 * its time is the TSA's word, unchecked. */
static void label_times(json_t *report, const char *tsa_ca)
{
	json_t *m, *t;
	size_t i, j;

	json_array_foreach(json_object_get(report, "milestones"), i, m) {
		json_array_foreach(json_object_get(m, "timestamps"), j, t) {
			const char *trust = !tsa_ca ? "untrusted (no trust anchor)"
					    : json_is_true(json_object_get(t, "signature_checked"))
						    ? "verified"
						    : "failed";

			json_object_set_new(t, "trust", json_string(trust));
		}
	}
}

/* A bundle refused before its content is looked at still gets a report. */
static json_t *refusal_report(const char *path, const ss_bundle_refusal *why)
{
	const char *msg = ss_error_last();
	size_t n = strlen(path);

	if (strncmp(msg, path, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
		msg += n + 2;
	return json_pack("{s:s, s:b, s:[], s:[{s:s, s:s, s:s}]}", "bundle", path, "ok", 0,
			 "problems", "bundle_problems", "file", why->entry, "rule", why->rule,
			 "problem", msg);
}

int ss_evidence_verify(json_t **out, const char *path, const char *tsa_ca)
{
	verifier v = {0};
	ss_bundle b = {0};
	ss_bundle_refusal why = {{0}, {0}};
	json_t *manifest = NULL, *report = NULL;
	const json_t *m;
	const ss_bundle_file *mf;
	char root[2 * SS_HASH_LEN + 1];
	size_t nproblems, i;
	int error;

	if (!out || !path)
		return ss_error_set(SS_EINVAL, "ss_evidence_verify: NULL argument");
	if (tsa_ca) {
		FILE *f = fopen(tsa_ca, "r");

		if (!f)
			return ss_error_set(SS_EIO, "%s: cannot read the TSA's CA certificate",
					    tsa_ca);
		fclose(f);
	}
	if ((error = ss_bundle_read_file(&b, path, &why)) < 0) {
		if (why.rule[0])
			*out = refusal_report(path, &why); /* the refusal's message stays */
		return error;
	}
	v.b = &b;
	v.problems = json_array();
	v.unverified = json_array();
	v.documents = json_array();
	v.attachments = json_array();
	v.referenced = json_object();
	if (!(mf = ss_bundle_get(&b, "MANIFEST.json")) ||
	    !(manifest = ss_json_loadb_bounded((const char *)mf->data, mf->len,
					       JSON_REJECT_DUPLICATES)) ||
	    !json_is_object(manifest) || !ss_js_or_null(manifest, "project") ||
	    strcmp(ss_js(manifest, "format"), BUNDLE_FORMAT) != 0) {
		error = ss_error_set(SS_EPARSE,
				     "%s: no %s manifest (MANIFEST.json, a JSON object with "
				     "format \"%s\" and the project) [bundle-manifest]",
				     path, BUNDLE_FORMAT, BUNDLE_FORMAT);
		goto out;
	}
	v.manifest = manifest;
	if ((error = log_view_init(&v.lv, ss_js(manifest, "project"))) < 0)
		goto out;
	check_manifest_form(&v, mf);
	check_listing(&v);
	check_log(&v);
	ss_checker_root(v.lv.check, root);
	if (ss_checker_size(v.lv.check) != ss_ji(manifest, "tree_size") ||
	    strcmp(root, ss_js(manifest, "root")) != 0)
		vbad(&v, "MANIFEST.json", "bundle-manifest",
		     "the log holds %lld events with root %.16s…, the manifest says %lld with "
		     "root %.16s…",
		     (long long)ss_checker_size(v.lv.check), root,
		     (long long)ss_ji(manifest, "tree_size"), ss_js(manifest, "root"));
	if (strcmp(ss_checker_last_hash(v.lv.check), ss_js(manifest, "head")) != 0)
		vbad(&v, "MANIFEST.json", "bundle-manifest",
		     "the log's last event is %.16s…, the manifest's head %.16s…",
		     ss_checker_last_hash(v.lv.check), ss_js(manifest, "head"));
	if (!(report = ss_checker_report(v.lv.check))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	ss_checker_check_timestamps(v.lv.check, report, tsa_ca);
	label_times(report, tsa_ca);
	/* an earlier export shipped the state as exported in documents/current */
	v.legacy = ss_bundle_get(&b, "documents/current/spec.json") != NULL;
	json_array_foreach(json_object_get(report, "milestones"), i, m) {
		if (strcmp(ss_js(m, "name"), "current") == 0)
			v.legacy = false;
	}
	check_order(&v, report);
	check_documents(&v, report);
	check_orphans(&v);
	check_derived(&v, report);
	json_object_set(report, "bundle_problems", v.problems);
	json_object_set(report, "unverified", v.unverified);
	json_object_set(report, "documents", v.documents);
	json_object_set(report, "attachments", v.attachments);
	json_object_set_new(report, "bundle", json_string(path));
	json_object_set(report, "exported_at", json_object_get(manifest, "exported_at"));
	nproblems =
		json_array_size(json_object_get(report, "problems")) + json_array_size(v.problems);
	if (v.lost || !ss_checker_ok(v.lv.check))
		nproblems++;
	json_object_set_new(report, "ok", json_boolean(nproblems == 0));
	if (nproblems) {
		const json_t *p = json_array_get(json_object_get(report, "problems"), 0);
		const json_t *bp = json_array_get(v.problems, 0);

		if (bp)
			error = ss_error_set(SS_ECORRUPT,
					     "%s does not verify: %s: %s [%s] (%zu problem(s))",
					     path, ss_js(bp, "file"), ss_js(bp, "problem"),
					     ss_js(bp, "rule"), nproblems);
		else if (p)
			error = ss_error_set(
				SS_ECORRUPT, "%s does not verify: event %lld: %s (%zu problem(s))",
				path, (long long)ss_ji(p, "seq"), ss_js(p, "problem"), nproblems);
		else
			error = ss_error_set(
				SS_ECORRUPT,
				"%s does not verify: more problems than could be recorded", path);
	}
	*out = report;
	report = NULL;
out:
	log_view_release(&v.lv);
	json_decref(v.problems);
	json_decref(v.unverified);
	json_decref(v.documents);
	json_decref(v.attachments);
	json_decref(v.referenced);
	json_decref(manifest);
	json_decref(report);
	ss_bundle_release(&b);
	return error;
}
