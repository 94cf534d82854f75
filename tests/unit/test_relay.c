/* The advisory relay (core/relay.c): rows parsed in a second thread reach
 * the writer's sink whole and in order; an error on either side stops both
 * and is the caller's, message and code, in the caller's thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "core/vulnmatch.h"
#include "util/util.h"

#define ROWS 20000

/* The parser: ROWS advisories, each followed by two affected rows, an EPSS
 * and a KEV row every 100th; fails at fail_at when it is not 0. */
typedef struct {
	int rows, fail_at, handed;
	int stopped;    /* the rows it was refused */
	bool no_scores; /* it was given no EPSS and KEV callbacks */
} parser;

static int fake_parse(ss_vuln_sink *s, void *arg)
{
	parser *p = arg;
	char id[32], al[64], pkg[32], det[600];
	int error;

	for (int i = 0; i < p->rows; i++) {
		ss_sink_advisory a = {.id = id,
				      .source = "osv",
				      .aliases = al,
				      .details = det,
				      .severity = "[]",
				      .cwes = "[]",
				      .references = "[]"};

		if (p->fail_at && i == p->fail_at)
			return ss_error_set(SS_EPARSE, "rec-%d.json: line 3: broken", i);
		snprintf(id, sizeof(id), "GO-%06d", i);
		snprintf(al, sizeof(al), "[\"CVE-%06d\"]", i);
		/* rows of different sizes, some large, to fill the byte cap too */
		memset(det, 'a' + i % 26, sizeof(det) - 1);
		det[(i * 37) % (sizeof(det) - 1)] = '\0';
		if ((error = s->advisory(s, &a)) < 0) {
			p->stopped++;
			return error;
		}
		for (int k = 0; k < 2; k++) {
			ss_sink_affected f = {.advisory = id,
					      .ecosystem = "Go",
					      .package = pkg,
					      .ranges = "[]",
					      .versions = "[]",
					      .vulnerable = 1};

			snprintf(pkg, sizeof(pkg), "example.com/m%d/%d", i, k);
			if ((error = s->affected(s, &f)) < 0)
				return error;
		}
		if (!s->epss && !s->kev)
			p->no_scores = true;
		else if (i % 100 == 0) {
			ss_sink_epss e = {.cve = al + 2, .epss = i / (double)p->rows, .date = NULL};
			ss_sink_kev k = {.cve = id, .vendor = "v", .ransomware = "Unknown"};

			if ((error = s->epss(s, &e)) < 0 || (error = s->kev(s, &k)) < 0)
				return error;
		}
		p->handed++;
	}
	return 0;
}

/* The writer: checks each row against what the parser made of it. */
typedef struct {
	ss_vuln_sink sink;
	int advisories, affected, epss, kev, fail_at;
	bool bad;
} writer;

static int w_advisory(ss_vuln_sink *s, const ss_sink_advisory *a)
{
	writer *w = (writer *)s;
	char id[32];
	size_t len = (size_t)((w->advisories * 37) % 599);

	snprintf(id, sizeof(id), "GO-%06d", w->advisories);
	if (strcmp(a->id, id) != 0 || strcmp(a->source, "osv") != 0 || a->summary ||
	    strlen(a->details) != len || (len && a->details[0] != 'a' + w->advisories % 26) ||
	    strcmp(a->cwes, "[]") != 0)
		w->bad = true;
	if (w->fail_at && w->advisories == w->fail_at)
		return ss_error_set(SS_EDB, "the disk is full (row %d)", w->advisories);
	w->advisories++;
	return 0;
}

static int w_affected(ss_vuln_sink *s, const ss_sink_affected *f)
{
	writer *w = (writer *)s;
	char pkg[32];

	snprintf(pkg, sizeof(pkg), "example.com/m%d/%d", w->advisories - 1, w->affected % 2);
	if (strcmp(f->package, pkg) != 0 || f->purl || f->vulnerable != 1)
		w->bad = true;
	w->affected++;
	return 0;
}

static int w_epss(ss_vuln_sink *s, const ss_sink_epss *e)
{
	writer *w = (writer *)s;

	if (strncmp(e->cve, "CVE-", 4) != 0 || e->date)
		w->bad = true;
	w->epss++;
	return 0;
}

static int w_kev(ss_vuln_sink *s, const ss_sink_kev *k)
{
	writer *w = (writer *)s;

	if (strcmp(k->ransomware, "Unknown") != 0 || k->product)
		w->bad = true;
	w->kev++;
	return 0;
}

static writer new_writer(void)
{
	return (writer){.sink = {.advisory = w_advisory,
				 .affected = w_affected,
				 .epss = w_epss,
				 .kev = w_kev}};
}

static void every_row_in_order(void **state)
{
	parser p = {.rows = ROWS};
	writer w = new_writer();

	(void)state;
	assert_int_equal(ss__vuln_relay(&w.sink, fake_parse, &p), 0);
	assert_false(w.bad);
	assert_int_equal(w.advisories, ROWS);
	assert_int_equal(w.affected, 2 * ROWS);
	assert_int_equal(w.epss, ROWS / 100);
	assert_int_equal(w.kev, ROWS / 100);
}

static void parse_error_is_the_callers(void **state)
{
	parser p = {.rows = ROWS, .fail_at = 7777};
	writer w = new_writer();

	(void)state;
	assert_int_equal(ss__vuln_relay(&w.sink, fake_parse, &p), SS_EPARSE);
	assert_string_equal(ss_error_last(), "rec-7777.json: line 3: broken");
	assert_false(w.bad);
	/* the rows before it were handed; the caller rolls them back */
	assert_int_equal(w.advisories, 7777);
}

static void store_error_stops_the_parser(void **state)
{
	parser p = {.rows = ROWS};
	writer w = new_writer();

	(void)state;
	w.fail_at = 500;
	assert_int_equal(ss__vuln_relay(&w.sink, fake_parse, &p), SS_EDB);
	assert_string_equal(ss_error_last(), "the disk is full (row 500)");
	/* the parser was refused its next row and did not go on to the end */
	assert_true(p.handed < ROWS);
}

static void dropped_kinds_stay_dropped(void **state)
{
	parser p = {.rows = 300};
	writer w = new_writer();

	(void)state;
	/* a sink without EPSS and KEV callbacks: the relay gives the parser
	 * none either (a NULL callback drops that kind of row) */
	w.sink.epss = NULL;
	w.sink.kev = NULL;
	assert_int_equal(ss__vuln_relay(&w.sink, fake_parse, &p), 0);
	assert_true(p.no_scores);
	assert_int_equal(w.advisories, 300);
	assert_false(w.bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_in_order),
		cmocka_unit_test(parse_error_is_the_callers),
		cmocka_unit_test(store_error_stops_the_parser),
		cmocka_unit_test(dropped_kinds_stay_dropped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
