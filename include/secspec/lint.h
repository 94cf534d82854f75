/* secspec: the completeness and evidence rules (docs/lint-rules.md). */
#ifndef SECSPEC_LINT_H
#define SECSPEC_LINT_H

#include <jansson.h>

#include "secspec/store.h"

/**
 * Check a project. *out: {project, errors, warnings, findings: [{rule,
 * severity, item, subject, message, fix}]}. Returns 0 even when there are
 * findings; the caller reads the counts.
 */
int ss_lint(json_t **out, ss_store *st, const char *project);
/** The rule table: [{id, severity, summary_ja, summary_en, fix}]. */
json_t *ss_lint_rules(void);

#endif
