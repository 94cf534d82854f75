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
#include "formats/bundle.h"
#include "ledger/check.h"
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

	return add_documents(d->w, m ? ss_js(m, "name") : "current", *model);
}

struct export_ctx {
	ss_buf events, sigs;
};

static int export_one(void *vctx, const ss_event_row *e)
{
	struct export_ctx *c = vctx;
	int error;

	if ((error = ss_buf_put(&c->events, e->body, e->body_len)) < 0 ||
	    (error = ss_buf_putc(&c->events, '\n')) < 0)
		return error;
	if (e->sig)
		error = ss_buf_printf(&c->sigs, "{\"seq\":%lld,\"sig\":\"%s\"}\n",
				      (long long)e->seq, e->sig);
	return error;
}

static void index_text(ss_buf *b, const char *lang, const json_t *manifest, const json_t *ms,
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
			      ss_js(m, "spec_hash"), ja ? "状態" : "Status",
			      json_is_true(json_object_get(m, "complete"))
				      ? (ja ? "成立" : "complete")
				      : (ja ? "署名待ち" : "awaiting signatures"));
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

int ss_evidence_export(json_t **out, ss_store *st, const char *project, const char *path)
{
	struct export_ctx c = {SS_BUF_INIT(0), SS_BUF_INIT(0)};
	json_t *key = NULL, *keys = NULL, *ms = NULL, *minutes = NULL;
	json_t *manifest = NULL, *written = json_object(), *m, *a;
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
	if ((error = ss_lstore_each(st, pid, n, export_one, &c)) < 0 ||
	    (error = ss_lstore_root(st, pid, (uint64_t)n, root)) < 0 ||
	    (error = ss_state_keys(&keys, st, pid)) < 0 ||
	    (error = ss__milestones(&ms, st, pid)) < 0 ||
	    (error = ss_state_minutes(&minutes, st, pid)) < 0)
		goto out;
	ss_hash_hex(root_hex, root);
	if ((error = ss_bundle_writer_open(&w, path)) < 0 ||
	    (error = ss_bundle_add(w, "log/events.jsonl", c.events.ptr, c.events.len)) < 0 ||
	    (error = ss_bundle_add(w, "log/signatures.jsonl", c.sigs.ptr, c.sigs.len)) < 0)
		goto out;
	ss__bool_field(keys, "active", "active");
	if ((error = ss_json_canonical(&b, keys)) < 0 ||
	    (error = ss_bundle_add(w, "keys.json", b.ptr, b.len)) < 0)
		goto out;
	/* the documents at every milestone, and as of the export: one pass */
	if (n > 0) {
		struct docs_ctx d = {w, ms, NULL};

		if (!(d.sizes = calloc(json_array_size(ms) + 1, sizeof(*d.sizes)))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		json_array_foreach(ms, i, m) {
			d.sizes[i] = ss_ji(m, "tree_size");
		}
		d.sizes[i] = n;
		error = ss__models_as_of(st, project, d.sizes, i + 1, docs_at, &d);
		free(d.sizes);
		if (error < 0)
			goto out;
	}
	json_array_foreach(minutes, i, m) {
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
	manifest = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "format", BUNDLE_FORMAT, "project",
			     project, "exported_at", now, "tree_size", (json_int_t)n, "root",
			     root_hex, "head", ss_js(key, "head_hash"));
	for (i = 0; i < 2; i++) {
		ss_buf_clear(&b);
		ss_buf_clear(&name);
		index_text(&b, langs[i], manifest, ms, minutes);
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
	json_decref(key);
	json_decref(keys);
	json_decref(ms);
	json_decref(minutes);
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
	ss_checker *check;
	json_t *problems; /* bundle-level problems: {file, problem} */
	bool lost;        /* a problem could not be recorded: never verified */
	json_t *documents, *attachments;
} verifier;

static void vbad(verifier *v, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void vbad(verifier *v, const char *file, const char *fmt, ...)
{
	char msg[SS_ERROR_MAX], name[256];
	va_list ap;

	if (json_array_size(v->problems) >= 200)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* both quote the untrusted bundle and %.Ns may cut a character */
	snprintf(name, sizeof(name), "%s", file ? file : "");
	ss_text_printable(msg, false);
	ss_text_printable(name, false);
	if (json_array_append_new(v->problems,
				  json_pack("{s:s, s:s}", "file", name, "problem", msg)) < 0)
		v->lost = true;
}

static bool file_hash_is(const ss_bundle_file *f, const char *want)
{
	char hash[SS_SHA256_HEX];

	if (!f)
		return false;
	ss_sha256_hex(hash, f->data, f->len);
	return strcmp(hash, want) == 0;
}

static void check_manifest(verifier *v, const json_t *manifest)
{
	const json_t *files = json_object_get(manifest, "files"), *f;
	json_t *listed = json_object();
	size_t i;

	json_array_foreach(files, i, f) {
		const ss_bundle_file *bf = ss_bundle_get(v->b, ss_js(f, "path"));

		json_object_set_new(listed, ss_js(f, "path"), json_true());

		if (!bf)
			vbad(v, ss_js(f, "path"), "listed in the manifest but missing");
		else if (bf->len != (size_t)ss_ji(f, "size") ||
			 !file_hash_is(bf, ss_js(f, "sha256")))
			vbad(v, ss_js(f, "path"), "its content is not what the manifest lists");
	}
	for (i = 0; i < v->b->n; i++) {
		const char *p = v->b->files[i].path;

		if (strcmp(p, "MANIFEST.json") != 0 && !json_object_get(listed, p))
			vbad(v, p, "not listed in the manifest");
	}
	json_decref(listed);
}

/* signatures.jsonl -> {"seq": sig} */
static json_t *read_signatures(verifier *v)
{
	const ss_bundle_file *f = ss_bundle_get(v->b, "log/signatures.jsonl");
	json_t *map = json_object();
	const char *p, *end, *nl;
	char seq[24];

	if (!f)
		return map;
	for (p = (const char *)f->data, end = p + f->len; p < end; p = nl + 1) {
		json_t *line;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		line = ss_json_loadb_bounded(p, (size_t)(nl - p), 0);
		if (!line || !ss_js_or_null(line, "sig")) {
			vbad(v, "log/signatures.jsonl", "a line is not {\"seq\", \"sig\"}");
		} else {
			snprintf(seq, sizeof(seq), "%lld", (long long)ss_ji(line, "seq"));
			json_object_set(map, seq, json_object_get(line, "sig"));
		}
		json_decref(line);
	}
	return map;
}

static void check_attachments(verifier *v, const json_t *ev)
{
	const json_t *a;
	char path[128];
	size_t i;

	json_array_foreach(json_object_get(json_object_get(ev, "data"), "attachments"), i, a) {
		const ss_bundle_file *f;
		bool ok;

		snprintf(path, sizeof(path), "attachments/%.64s", ss_js(a, "sha256"));
		f = ss_bundle_get(v->b, path);
		ok = f && f->len == (size_t)ss_ji(a, "size") && file_hash_is(f, ss_js(a, "sha256"));
		if (!ok)
			vbad(v, path, "attachment '%.100s' of minutes %.20s is %s",
			     ss_js(a, "name"), ss_js(json_object_get(ev, "data"), "id"),
			     f ? "altered" : "missing");
		json_array_append_new(v->attachments,
				      json_pack("{s:s, s:s, s:I, s:s, s:b}", "minutes",
						ss_js(json_object_get(ev, "data"), "id"), "name",
						ss_js(a, "name"), "size",
						(json_int_t)ss_ji(a, "size"), "sha256",
						ss_js(a, "sha256"), "verified", ok));
	}
}

static void check_events(verifier *v)
{
	const ss_bundle_file *f = ss_bundle_get(v->b, "log/events.jsonl");
	json_t *sigs = read_signatures(v);
	const char *p, *end, *nl;
	int64_t seq = 0;
	char key[24];

	if (!f) {
		vbad(v, "log/events.jsonl", "missing");
		json_decref(sigs);
		return;
	}
	for (p = (const char *)f->data, end = p + f->len; p < end; p = nl + 1) {
		json_t *ev;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		snprintf(key, sizeof(key), "%lld", (long long)++seq);
		ss_checker_add(v->check, seq, p, (size_t)(nl - p), NULL,
			       json_string_value(json_object_get(sigs, key)), NULL);
		json_object_del(sigs, key);
		ev = ss_json_loadb_bounded(p, (size_t)(nl - p), 0);
		if (ev && strcmp(ss_js(ev, "type"), "minutes.add") == 0)
			check_attachments(v, ev);
		json_decref(ev);
	}
	if (json_object_size(sigs) > 0)
		vbad(v, "log/signatures.jsonl", "signatures of events that are not in the log");
	json_decref(sigs);
}

/* The milestone's document is the one that was signed, and its renditions
 * are what the renderer makes of it. */
static void check_documents(verifier *v, const json_t *report)
{
	const json_t *m;
	char path[256];
	size_t i, l, f;

	json_array_foreach(json_object_get(report, "milestones"), i, m) {
		const ss_bundle_file *spec;
		json_t *model = NULL;
		bool ok;

		snprintf(path, sizeof(path), "documents/%.100s/spec.json", ss_js(m, "name"));
		spec = ss_bundle_get(v->b, path);
		ok = file_hash_is(spec, ss_js(m, "spec_hash"));
		if (!ok)
			vbad(v, path, "%s: not the specification signed at milestone %.60s",
			     spec ? "altered" : "missing", ss_js(m, "name"));
		if (ok && !(model = ss_json_loadb_bounded((const char *)spec->data, spec->len, 0)))
			vbad(v, path, "not JSON");
		for (l = 0; model && l < 2; l++) {
			for (f = 0; f < 2; f++) {
				ss_buf doc = SS_BUF_INIT(0);
				const ss_bundle_file *r;

				snprintf(path, sizeof(path), "documents/%.100s/spec.%s.%s",
					 ss_js(m, "name"), langs[l], doc_formats[f]);
				r = ss_bundle_get(v->b, path);
				if (ss_render(&doc, model, doc_formats[f], langs[l]) < 0 || !r ||
				    r->len != doc.len || memcmp(r->data, doc.ptr, doc.len) != 0)
					vbad(v, path,
					     "%s: not the rendering of the signed specification",
					     r ? "altered" : "missing");
				ss_buf_release(&doc);
			}
		}
		json_decref(model);
		json_array_append_new(v->documents,
				      json_pack("{s:s, s:s, s:b}", "milestone", ss_js(m, "name"),
						"spec_hash", ss_js(m, "spec_hash"), "verified",
						ok));
	}
}

int ss_evidence_verify(json_t **out, const char *path, const char *tsa_ca)
{
	verifier v = {0};
	ss_bundle b = {0};
	json_t *manifest = NULL, *report = NULL;
	const ss_bundle_file *mf;
	char root[2 * SS_HASH_LEN + 1];
	size_t nproblems;
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
	if ((error = ss_bundle_read_file(&b, path)) < 0)
		return error;
	v.b = &b;
	v.problems = json_array();
	v.documents = json_array();
	v.attachments = json_array();
	if (!(mf = ss_bundle_get(&b, "MANIFEST.json")) ||
	    !(manifest = ss_json_loadb_bounded((const char *)mf->data, mf->len,
					       JSON_REJECT_DUPLICATES)) ||
	    strcmp(ss_js(manifest, "format"), BUNDLE_FORMAT) != 0) {
		error = ss_error_set(SS_EPARSE, "%s: no %s manifest (MANIFEST.json)", path,
				     BUNDLE_FORMAT);
		goto out;
	}
	if (!(v.check = ss_checker_new(ss_js(manifest, "project")))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	check_manifest(&v, manifest);
	check_events(&v);
	ss_checker_root(v.check, root);
	if (ss_checker_size(v.check) != ss_ji(manifest, "tree_size") ||
	    strcmp(root, ss_js(manifest, "root")) != 0)
		vbad(&v, "MANIFEST.json",
		     "the log holds %lld events with root %.16s…, the manifest says %lld with "
		     "root %.16s…",
		     (long long)ss_checker_size(v.check), root,
		     (long long)ss_ji(manifest, "tree_size"), ss_js(manifest, "root"));
	if (strcmp(ss_checker_last_hash(v.check), ss_js(manifest, "head")) != 0)
		vbad(&v, "MANIFEST.json",
		     "the log's last event is %.16s…, the manifest's head %.16s…",
		     ss_checker_last_hash(v.check), ss_js(manifest, "head"));
	report = ss_checker_report(v.check);
	ss_checker_check_timestamps(v.check, report, tsa_ca);
	check_documents(&v, report);
	json_object_set(report, "bundle_problems", v.problems);
	json_object_set(report, "documents", v.documents);
	json_object_set(report, "attachments", v.attachments);
	json_object_set_new(report, "bundle", json_string(path));
	json_object_set(report, "exported_at", json_object_get(manifest, "exported_at"));
	nproblems =
		json_array_size(json_object_get(report, "problems")) + json_array_size(v.problems);
	if (v.lost || !ss_checker_ok(v.check))
		nproblems++;
	json_object_set_new(report, "ok", json_boolean(nproblems == 0));
	if (nproblems) {
		const json_t *p = json_array_get(json_object_get(report, "problems"), 0);

		const json_t *bp = json_array_get(v.problems, 0);

		if (p)
			error = ss_error_set(
				SS_ECORRUPT, "%s does not verify: event %lld: %s (%zu problem(s))",
				path, (long long)ss_ji(p, "seq"), ss_js(p, "problem"), nproblems);
		else if (bp)
			error = ss_error_set(SS_ECORRUPT,
					     "%s does not verify: %s: %s (%zu problem(s))", path,
					     ss_js(bp, "file"), ss_js(bp, "problem"), nproblems);
		else
			error = ss_error_set(
				SS_ENOMEM, "%s does not verify: out of memory recording a problem",
				path);
	}
	*out = report;
	report = NULL;
out:
	ss_checker_free(v.check);
	json_decref(v.problems);
	json_decref(v.documents);
	json_decref(v.attachments);
	json_decref(manifest);
	json_decref(report);
	ss_bundle_release(&b);
	return error;
}
