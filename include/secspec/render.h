/* secspec: the security specification document. */
#ifndef SECSPEC_RENDER_H
#define SECSPEC_RENDER_H

#include <jansson.h>
#include <stdbool.h>

#include "secspec/buf.h"
#include "secspec/store.h"

/** The document model of a project (also the json format's content). */
int ss_spec_model(json_t **out, ss_store *st, const char *project);
/**
 * The view of one reader, made on a model in place: viewer is a member's
 * person id or "candidate:ID" (a vendor candidate). A reader of the vendor
 * side, or a candidate, sees the details disclosed only under an NDA (asset
 * names, devices and answers; systems' devices, measures and legacy details;
 * the components of FOSS proposals) once an NDA with that vendor (or
 * candidate) is recorded; until then they are null, and the model's
 * "withheld" says which and for whom. A candidate sees only its own record
 * of the vendor selection. A user-side member sees the whole model.
 * SS_ENOTFOUND when viewer is neither a member nor a candidate.
 */
int ss_spec_model_redact(json_t *model, const char *viewer);
/**
 * Whether the details disclosed only under an NDA may reach person, a
 * member of project, today: always for the user side; for the vendor side
 * once an NDA with the vendor is recorded and in force (the test
 * ss_spec_model_redact makes). SS_ENOTFOUND for a person who is not a member.
 */
int ss_project_discloses(bool *out, ss_store *st, const char *project, const char *person);
/**
 * Render a model. format: md | html | json; lang: ja | en. Output is a
 * pure function of the model: the same state gives the same bytes.
 */
int ss_render(ss_buf *out, const json_t *model, const char *format, const char *lang);
/**
 * Render the acceptance and switchover report: ss_acceptance_show's answer
 * (secspec/check.h). format: md | html | json; lang: ja | en. The hosts,
 * what failed on each with what it showed, each implemented item's
 * verification, the accepted risks with their approval, the switchover
 * checklist and the milestones of a stage with their signers. A pure
 * function of the report: the same log gives the same bytes.
 */
int ss_render_acceptance(ss_buf *out, const json_t *report, const char *format, const char *lang);

#endif
