/*
 * bench/osv-import.sh: the OSV importer (src/formats/osv.c) over a record,
 * a directory or an <ecosystem>-all.zip, through a sink that only counts,
 * so that the figure is the importer's own. Prints the import's info.
 *
 *   secspec-bench-osv PATH [--rows]
 *
 * --rows prints each row as a line (advisory: id TAB aliases TAB severity
 * ...; affected: "  " ecosystem TAB package TAB ranges TAB versions).
 * Exit status: 0, or the CLI's for the error (message on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sbom.h"
#include "util/util.h"

typedef struct {
	ss_vuln_sink sink;
	long long advisories, affected;
	int rows;
} counter;

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

static int on_advisory(ss_vuln_sink *s, const ss_sink_advisory *r)
{
	counter *c = (counter *)s;

	c->advisories++;
	if (c->rows)
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, r->aliases, r->modified,
		       or_dash(r->withdrawn), r->severity, r->cwes, r->references);
	return 0;
}

static int on_affected(ss_vuln_sink *s, const ss_sink_affected *r)
{
	counter *c = (counter *)s;

	c->affected++;
	if (c->rows)
		printf("  %s\t%s\t%s\t%s\t%s\n", or_dash(r->ecosystem), or_dash(r->package),
		       or_dash(r->purl), r->ranges, r->versions);
	return 0;
}

int main(int argc, char **argv)
{
	counter c = {.sink = {.advisory = on_advisory, .affected = on_affected}};
	json_t *info = json_object();
	char *text;
	int error;

	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "--rows") != 0)) {
		fprintf(stderr, "usage: %s PATH [--rows]\n", argv[0]);
		return 64;
	}
	c.rows = argc == 3;
	if ((error = ss_format_osv(&c.sink, argv[1], NULL, info)) < 0) {
		fprintf(stderr, "%s: %s\n", ss_error_name(error), ss_error_last());
		json_decref(info);
		return ss_error_exit_status(error);
	}
	text = json_dumps(info, JSON_SORT_KEYS | JSON_COMPACT);
	printf("%s advisories=%lld affected=%lld\n", text, c.advisories, c.affected);
	free(text);
	json_decref(info);
	return 0;
}
