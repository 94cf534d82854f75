/* Importers of reference data: one file per format. Each reads one file
 * into the reference tables under source id `src`, inside the caller's
 * transaction, and fills info with {name, version, counts: {...}}. Errors
 * name the file and the position. */
#ifndef SS_FORMATS_IMPORT_H
#define SS_FORMATS_IMPORT_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

int ss_format_attack(ss_store *st, int64_t src, const char *path, json_t *info);
int ss_format_cwe(ss_store *st, int64_t src, const char *path, json_t *info);
int ss_format_asvs(ss_store *st, int64_t src, const char *path, json_t *info);
int ss_format_xccdf(ss_store *st, int64_t src, const char *path, json_t *info);

/* Count one more of `what` in info.counts. */
void ss_format_count(json_t *info, const char *what);

#endif
