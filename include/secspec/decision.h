/*
 * secspec: the specification's requirements and the decisions on them.
 *
 * Single-item calls take an item id; bulk calls take a filter instead
 * (item NULL) and record one event per item, all in one transaction.
 */
#ifndef SECSPEC_DECISION_H
#define SECSPEC_DECISION_H

#include <jansson.h>
#include <stdbool.h>

#include "secspec/catalog.h"
#include "secspec/store.h"

typedef struct {
	const char *policy;      /**< implement | accept | alternative | na | existing (rules 3) */
	const char *reason;      /**< the user's reason; required unless implement or existing */
	const char *alternative; /**< the other measure; required for alternative */
	const char *review_by;   /**< YYYY-MM-DD re-review date of a risk acceptance */
	/* rules 3 (a project under older rules refuses them: rules-version) */
	const char *scenario; /**< the attack scenario of accept or alternative (required) */
	const char *owner;    /**< vendor | user | both: who carries out implement (default
				   vendor) or alternative (required) */
	const char *duty;     /**< the user's duty; required with owner user or both */
	const char *evidence; /**< what already provides an existing control (required) */
} ss_decision_input;

/** Put every item of the pinned catalog version into the project as open. */
int ss_spec_draft(json_t **out, ss_store *st, const char *project, const char *by);

/** Requirements with their decisions; status "open", "decided" or NULL. */
int ss_requirement_list(json_t **out, ss_store *st, const char *project, const ss_filter *f,
			const char *status);

/**
 * Decide one item, or every item of a filter. *out: {project, policy,
 * changed: n, items: [...], notes?: [{items: [...], ja, en}]}: a note when
 * the user gives up a minimum default mitigation (accept or na), for the
 * front end to show in the user's language.
 */
int ss_decide(json_t **out, ss_store *st, const char *project, const char *item, const ss_filter *f,
	      bool open_only, const ss_decision_input *in, const char *by);
int ss_advise(json_t **out, ss_store *st, const char *project, const char *item, const ss_filter *f,
	      const char *note, const char *by);
/** Approve (approve = true) or reject a pending risk acceptance or alternative. */
int ss_approve(json_t **out, ss_store *st, const char *project, const char *item,
	       const ss_filter *f, bool approve, const char *note, const char *by);

#endif
