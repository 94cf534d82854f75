/* The OSV importer's record parser, for its unit tests and fuzz target
 * (src/formats/osv.c; docs/internals/osv.md). */
#ifndef SS_FORMATS_OSV_H
#define SS_FORMATS_OSV_H

#include <stddef.h>
#include <stdint.h>

#include "formats/sbom.h"

/* The zip-bomb cap: the bytes unpacked from a zip may be at most
 * SS_OSV_RATIO_MAX times the bytes read from the file, checked as they are
 * unpacked once more than SS_OSV_RATIO_FLOOR bytes were. */
#define SS_OSV_RATIO_MAX 100
#define SS_OSV_RATIO_FLOOR ((uint64_t)8 << 20)
/* Directories below the one given that are walked. */
#define SS_OSV_DIR_DEPTH 16
/* References of an advisory that are handed (the first ones). */
#define SS_OSV_REFERENCES_MAX 64

/* Parse and check one OSV record of len bytes (name: the file or entry, for
 * messages) and hand it to out as an advisory and its affected rows, as
 * ss_format_osv does. lim NULL means ss_osv_limits. 0, SS_EPARSE,
 * SS_ELIMIT, SS_ENOMEM or the sink's code. */
int ss_osv_record(ss_vuln_sink *out, const char *name, const void *data, size_t len,
		  const ss_import_limits *lim);

#endif
