/*
 * The advisory importers' rows relayed from a parsing thread to the
 * writing one.
 *
 * Importing advisories is two kinds of work of about the same size:
 * inflating and parsing JSON or XML, and writing rows with their indexes
 * into the database. One thread doing both in turn leaves the second core
 * idle, where `unzip -p | jq` has two processes. So the parser runs in a
 * thread of its own and hands each row, copied into one block, to a bounded
 * queue; the calling thread takes them in batches, in the same order, and
 * hands them to the real sink, which alone touches the store (a database connection
 * belongs to one thread). The result is the same rows in the same order
 * as without the relay; memory is bounded by twice the queue's caps (a batch
 * being written, the queue filling again).
 *
 * Errors: the first one on either side stops both. A store error makes the
 * parser's next row fail (the parser then unwinds); a parse error ends the
 * queue and is set again in the calling thread (error messages are per
 * thread), which rolls back as it would have.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/vulnmatch.h"
#include "util/banned.h"

/* Caps of the queue: rows and bytes held at once. */
#define RELAY_ROWS 1024
#define RELAY_BYTES (4u << 20)

enum { ROW_ADVISORY, ROW_AFFECTED, ROW_EPSS, ROW_KEV };

typedef struct {
	int kind;
	size_t size;
	union {
		ss_sink_advisory advisory;
		ss_sink_affected affected;
		ss_sink_epss epss;
		ss_sink_kev kev;
	} u; /* its strings follow in the same block */
} row;

typedef struct {
	ss_vuln_sink sink; /* what the parser is given */
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	row *q[RELAY_ROWS];
	size_t n, bytes;
	bool done, stop;
	bool pwait, cwait; /* the parser / the writer waits: to be woken */
	int perror;        /* the parser's result */
	char pmsg[SS_ERROR_MAX];
	int (*parse)(ss_vuln_sink *, void *);
	void *arg;
} relay;

/* --- copies ------------------------------------------------------------------ */

static size_t text_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* *s moved into the block at *at. */
static void put_text(const char **s, char **at)
{
	size_t n;

	if (!*s)
		return;
	n = strlen(*s) + 1;
	memcpy(*at, *s, n);
	*s = *at;
	*at += n;
}

/* A row with its n texts (pointers into the row's union) in one block. */
static row *copy_row(int kind, const void *src, size_t len, const char **texts[], size_t n)
{
	size_t size = sizeof(row);
	row *r;
	char *at;

	for (size_t i = 0; i < n; i++)
		size += text_size(*texts[i]);
	if (!(r = malloc(size)))
		return NULL;
	r->kind = kind;
	r->size = size;
	memcpy(&r->u, src, len);
	at = (char *)(r + 1);
	for (size_t i = 0; i < n; i++) {
		/* the same field in the copy */
		const char **dst =
			(const char **)((char *)&r->u + ((char *)texts[i] - (char *)src));

		put_text(dst, &at);
	}
	return r;
}

/* --- the parser's side -------------------------------------------------------- */

static int enqueue(relay *x, row *r)
{
	int error = 0;

	if (!r)
		return ss_error_set(SS_ENOMEM, "out of memory");
	pthread_mutex_lock(&x->mu);
	while (!x->stop && (x->n == RELAY_ROWS || (x->n && x->bytes + r->size > RELAY_BYTES))) {
		x->pwait = true;
		pthread_cond_wait(&x->room, &x->mu);
		x->pwait = false;
	}
	if (x->stop) {
		error = ss_error_set(SS_ERROR, "stopped: the import failed while writing");
		free(r);
	} else {
		x->q[x->n++] = r;
		x->bytes += r->size;
		if (x->cwait)
			pthread_cond_signal(&x->more);
	}
	pthread_mutex_unlock(&x->mu);
	return error;
}

static int put_advisory(ss_vuln_sink *s, const ss_sink_advisory *a)
{
	ss_sink_advisory c = *a;
	const char **t[] = {&c.id,        &c.source,   &c.aliases,   &c.summary,
			    &c.details,   &c.lang,     &c.published, &c.modified,
			    &c.withdrawn, &c.severity, &c.cwes,      &c.references};

	return enqueue((relay *)s,
		       copy_row(ROW_ADVISORY, &c, sizeof(c), t, sizeof(t) / sizeof(t[0])));
}

static int put_affected(ss_vuln_sink *s, const ss_sink_affected *a)
{
	ss_sink_affected c = *a;
	const char **t[] = {&c.advisory, &c.ecosystem, &c.package, &c.purl, &c.ranges, &c.versions};

	return enqueue((relay *)s,
		       copy_row(ROW_AFFECTED, &c, sizeof(c), t, sizeof(t) / sizeof(t[0])));
}

static int put_epss(ss_vuln_sink *s, const ss_sink_epss *e)
{
	ss_sink_epss c = *e;
	const char **t[] = {&c.cve, &c.date};

	return enqueue((relay *)s, copy_row(ROW_EPSS, &c, sizeof(c), t, sizeof(t) / sizeof(t[0])));
}

static int put_kev(ss_vuln_sink *s, const ss_sink_kev *k)
{
	ss_sink_kev c = *k;
	const char **t[] = {&c.cve,        &c.vendor,   &c.product,    &c.name,
			    &c.date_added, &c.due_date, &c.ransomware, &c.catalog_version};

	return enqueue((relay *)s, copy_row(ROW_KEV, &c, sizeof(c), t, sizeof(t) / sizeof(t[0])));
}

static void *parser_main(void *arg)
{
	relay *x = arg;
	int error = x->parse(&x->sink, x->arg);

	pthread_mutex_lock(&x->mu);
	x->perror = error;
	if (error < 0)
		snprintf(x->pmsg, sizeof(x->pmsg), "%s", ss_error_last());
	x->done = true;
	if (x->cwait)
		pthread_cond_signal(&x->more);
	pthread_mutex_unlock(&x->mu);
	return NULL;
}

/* --- the writer's side -------------------------------------------------------- */

static int hand(ss_vuln_sink *out, const row *r)
{
	switch (r->kind) {
	case ROW_ADVISORY:
		return out->advisory ? out->advisory(out, &r->u.advisory) : 0;
	case ROW_AFFECTED:
		return out->affected ? out->affected(out, &r->u.affected) : 0;
	case ROW_EPSS:
		return out->epss ? out->epss(out, &r->u.epss) : 0;
	default:
		return out->kev ? out->kev(out, &r->u.kev) : 0;
	}
}

int ss__vuln_relay(ss_vuln_sink *out, int (*parse)(ss_vuln_sink *, void *), void *arg)
{
	relay *x = calloc(1, sizeof(*x));
	pthread_t t;
	int error = 0;

	if (!x)
		return ss_error_set(SS_ENOMEM, "out of memory");
	x->sink = (ss_vuln_sink){.ctx = x,
				 .advisory = out->advisory ? put_advisory : NULL,
				 .affected = out->affected ? put_affected : NULL,
				 .epss = out->epss ? put_epss : NULL,
				 .kev = out->kev ? put_kev : NULL};
	x->parse = parse;
	x->arg = arg;
	pthread_mutex_init(&x->mu, NULL);
	pthread_cond_init(&x->more, NULL);
	pthread_cond_init(&x->room, NULL);
	if (pthread_create(&t, NULL, parser_main, x) != 0) {
		/* no second thread: parse here, straight into out */
		error = parse(out, arg);
		goto out;
	}
	/* the writer takes every row queued at once, and hands them while the
	 * parser fills the queue again: at most twice the caps are held */
	for (;;) {
		row *batch[RELAY_ROWS];
		size_t n, i;

		pthread_mutex_lock(&x->mu);
		while (!x->n && !x->done) {
			x->cwait = true;
			pthread_cond_wait(&x->more, &x->mu);
			x->cwait = false;
		}
		n = x->n;
		memcpy(batch, x->q, n * sizeof(batch[0]));
		x->n = 0;
		x->bytes = 0;
		if (x->pwait)
			pthread_cond_signal(&x->room);
		pthread_mutex_unlock(&x->mu);
		if (!n)
			break; /* the parser is done and everything is handed */
		for (i = 0; i < n && error == 0; i++)
			error = hand(out, batch[i]);
		for (i = 0; i < n; i++)
			free(batch[i]);
		if (error < 0)
			break;
	}
	pthread_mutex_lock(&x->mu);
	x->stop = true; /* after a store error: the parser's next row fails */
	pthread_cond_signal(&x->room);
	pthread_mutex_unlock(&x->mu);
	pthread_join(t, NULL);
	for (size_t i = 0; i < x->n; i++) /* what was queued after a store error */
		free(x->q[i]);
	if (error == 0 && x->perror < 0)
		error = ss_error_set(x->perror, "%s", x->pmsg);
out:
	pthread_cond_destroy(&x->room);
	pthread_cond_destroy(&x->more);
	pthread_mutex_destroy(&x->mu);
	free(x);
	return error;
}
