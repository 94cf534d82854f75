/*
 * Importers of reference data: one file per format. Each reads one input in
 * a single pass, hands every record to the sink as it is read, and fills
 * info with {name, version, counts: {...}}. Errors name the file and the
 * position (line and byte); a limit that is exceeded is SS_ELIMIT and the
 * message names the limit. An error may come after some rows went to the
 * sink: the caller discards them (core imports in one transaction).
 */
#ifndef SS_FORMATS_IMPORT_H
#define SS_FORMATS_IMPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/input.h"
#include "formats/sink.h"

/* The caps of one kind of import (docs/cli.md "import" lists them). */
typedef struct {
	uint64_t bytes;       /* the whole input, unpacked */
	size_t string;        /* JSON string or key; XML text node or attribute value */
	size_t name;          /* XML element or attribute name */
	uint64_t values;      /* JSON values / XML nodes in the whole input */
	int depth;            /* nesting of JSON containers / XML elements */
	uint64_t records;     /* records handed to the sink, plus STIX objects read */
	size_t record_bytes;  /* JSON: text of one record (one element of the array) */
	size_t record_values; /* JSON: values in one record; XML: links in one record */
} ss_import_limits;

typedef int (*ss_format_fn)(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim,
			    json_t *info);

typedef struct {
	const char *kind; /* attack, cwe, asvs, xccdf */
	ss_format_fn fn;
	const ss_import_limits *limits;
} ss_format;

/* The importer of kind, or NULL. */
const ss_format *ss_format_find(const char *kind);

/* lim NULL means the kind's own limits (ss_format_find(kind)->limits). */
int ss_format_attack(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_cwe(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_asvs(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_xccdf(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);

extern const ss_import_limits ss_attack_limits, ss_cwe_limits, ss_asvs_limits, ss_xccdf_limits;

/* Read a small JSON document whole under lim's caps (bytes as it is read,
 * values before it is parsed, depth and string lengths after) and parse it
 * with duplicate keys refused. what names the kind of document in messages
 * ("CSAF", "VEX"); errors name the file (in->path, else what). */
int ss_json_load_whole(json_t **out, ss_input *in, const ss_import_limits *lim, const char *what);

/* Count one more of `what` in info.counts. what is an English name that
 * stays English (a JSON key, stored with the import); callers mark it with
 * N_() so that a display can show _(what). */
void ss_format_count(json_t *info, const char *what);

#endif
