/* secspec: the sample project built from the guideline's own example tables. */
#ifndef SECSPEC_DEMO_H
#define SECSPEC_DEMO_H

#include <jansson.h>

#include "secspec/store.h"

/**
 * Build project name (replacing nothing: it must not exist) on catalog
 * version catalog_version (NULL: the newest loaded). *out: summary.
 */
int ss_demo_build(json_t **out, ss_store *st, const char *name, const char *catalog_version);

#endif
