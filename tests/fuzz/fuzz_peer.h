/* Shared by the peer result targets (xccdf_results, ckl, cklb): the input
 * is a buffer, the rows go to a sink that checks them (fuzz_peer_read), and
 * nothing touches a database. */
#ifndef SS_FUZZ_PEER_H
#define SS_FUZZ_PEER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/peer_int.h"
#include "util/util.h"
#include "fuzz.h"

/* At most this many rows are kept (for the CKLB round trip). */
#define FUZZ_PEER_KEEP 256

typedef struct {
	char *rule_id, *version, *group_id, *title, *severity, *details, *comments;
	ss_peer_status status;
} fuzz_peer_row;

typedef struct {
	ss_peer_sink sink;
	int64_t results, runs, run_results;
	fuzz_peer_row rows[FUZZ_PEER_KEEP];
	size_t kept;
} fuzz_peer;

static void fp_text(const char *what, const char *s, bool required)
{
	fuzz_row_text("fuzz_peer", what, s, required);
}

/* A canonical JSON value of the reader's making parses back as one of the
 * kind, and is canonical. */
static void fp_json(const char *what, const char *s, bool array_of_text)
{
	json_t *v, *e;
	size_t i;

	fp_text(what, s, true);
	if (!ss_json_is_canonical(s, strlen(s), NULL) || !(v = json_loads(s, 0, NULL)) ||
	    !json_is_array(v)) {
		fprintf(stderr, "fuzz_peer: %s is not a canonical JSON array: %s\n", what, s);
		abort();
	}
	json_array_foreach(v, i, e) {
		if (array_of_text ? !json_is_string(e) || json_string_length(e) == 0
				  : !json_is_object(e)) {
			fprintf(stderr, "fuzz_peer: %s[%zu] is not of its kind\n", what, i);
			abort();
		}
	}
	json_decref(v);
}

static char *fp_dup(const char *s)
{
	char *d = s ? strdup(s) : NULL;

	if (s && !d)
		abort();
	return d;
}

static int fp_result(ss_peer_sink *s, const ss_sink_peer_result *r)
{
	fuzz_peer *f = s->ctx;

	if (!r->rule_id && !r->group_id)
		abort();
	if (!ss_peer_status_name(r->status))
		abort();
	fp_text("rule_id", r->rule_id, false);
	fp_text("group_id", r->group_id, false);
	fp_text("version", r->version, false);
	fp_text("title", r->title, false);
	fp_text("benchmark", r->benchmark, false);
	fp_text("status_text", r->status_text, true);
	fp_text("severity", r->severity, false);
	fp_text("severity_override", r->severity_override, false);
	fp_text("severity_justification", r->severity_justification, false);
	fp_text("time", r->time, false);
	fp_text("finding_details", r->finding_details, false);
	fp_text("comments", r->comments, false);
	fp_json("idents", r->idents, true);
	fp_json("messages", r->messages, true);
	if (r->run != f->runs) {
		fprintf(stderr, "fuzz_peer: a result of run %d before run %lld ended\n", r->run,
			(long long)f->runs);
		abort();
	}
	f->results++;
	f->run_results++;
	if (f->kept < FUZZ_PEER_KEEP) {
		fuzz_peer_row *k = &f->rows[f->kept++];

		k->rule_id = fp_dup(r->rule_id ? r->rule_id : r->group_id);
		k->version = fp_dup(r->version);
		k->group_id = fp_dup(r->group_id);
		k->title = fp_dup(r->title);
		k->severity = fp_dup(r->severity);
		k->details = fp_dup(r->finding_details);
		k->comments = fp_dup(r->comments);
		k->status = r->status;
	}
	return 0;
}

static int fp_run(ss_peer_sink *s, const ss_sink_peer_run *r)
{
	fuzz_peer *f = s->ctx;

	fp_text("format", r->format, true);
	fp_text("id", r->id, false);
	fp_text("title", r->title, false);
	fp_text("tool", r->tool, false);
	fp_text("host_name", r->host_name, false);
	fp_text("fqdn", r->fqdn, false);
	fp_text("role", r->role, false);
	fp_json("addresses", r->addresses, true);
	fp_json("macs", r->macs, true);
	fp_json("facts", r->facts, false);
	fp_json("scores", r->scores, false);
	fp_json("stigs", r->stigs, false);
	if (r->run != f->runs || r->results != f->run_results) {
		fprintf(stderr, "fuzz_peer: run %d counts %lld results, %lld were handed\n", r->run,
			(long long)r->results, (long long)f->run_results);
		abort();
	}
	/* a checklist's FQDN is checked (an XCCDF fact is as the scanner saw it) */
	if (strcmp(r->format, "xccdf") != 0 && r->fqdn && !ss_peer__fqdn_valid(r->fqdn))
		abort();
	f->runs++;
	f->run_results = 0;
	return 0;
}

static void fuzz_peer_init(fuzz_peer *f)
{
	memset(f, 0, sizeof(*f));
	f->sink.ctx = f;
	f->sink.result = fp_result;
	f->sink.run = fp_run;
}

static void fuzz_peer_free(fuzz_peer *f)
{
	for (size_t i = 0; i < f->kept; i++) {
		fuzz_peer_row *k = &f->rows[i];

		free(k->rule_id);
		free(k->version);
		free(k->group_id);
		free(k->title);
		free(k->severity);
		free(k->details);
		free(k->comments);
	}
	f->kept = 0;
}

typedef int (*fuzz_peer_fn)(ss_peer_sink *, ss_input *, const ss_import_limits *, json_t *);

/* Read data with fn; any failure must be a clean parse or limit error, and
 * on success the hash is the data's and every run was handed. */
static int fuzz_peer_read(fuzz_peer *f, fuzz_peer_fn fn, const ss_import_limits *lim,
			  const uint8_t *data, size_t size)
{
	char hash[SS_SHA256_HEX], want[SS_SHA256_HEX];
	json_t *info = json_object();
	ss_input in;
	int error;

	if (!info || ss_input_open_mem(&in, "fuzz", data, size, lim->bytes) < 0)
		abort();
	error = fn(&f->sink, &in, NULL, info);
	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_peer: unexpected error %d: %s\n", error, ss_error_last());
		abort();
	}
	if (error == 0) {
		if (ss_input_finish(&in, hash) < 0)
			abort();
		ss_sha256_hex(want, data, size);
		if (strcmp(hash, want) != 0 || f->runs == 0 || f->run_results != 0) {
			fprintf(stderr, "fuzz_peer: wrong hash, or results after the last run\n");
			abort();
		}
		if (!json_is_string(json_object_get(info, "name")) ||
		    !json_is_string(json_object_get(info, "version"))) {
			fprintf(stderr, "fuzz_peer: no name or version\n");
			abort();
		}
	}
	ss_input_close(&in);
	json_decref(info);
	return error;
}

#endif
