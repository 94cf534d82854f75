/* secspec: the security specification document. */
#ifndef SECSPEC_RENDER_H
#define SECSPEC_RENDER_H

#include <jansson.h>

#include "secspec/buf.h"
#include "secspec/store.h"

/** The document model of a project (also the json format's content). */
int ss_spec_model(json_t **out, ss_store *st, const char *project);
/**
 * Render a model. format: md | html | json; lang: ja | en. Output is a
 * pure function of the model: the same state gives the same bytes.
 */
int ss_render(ss_buf *out, const json_t *model, const char *format, const char *lang);

#endif
