/* secspec: the project's change log (hash-chained events). */
#ifndef SECSPEC_LEDGER_H
#define SECSPEC_LEDGER_H

#include <jansson.h>

#include "secspec/store.h"

/** Every event of a project, oldest first: [{seq, time, actor, side, role, type, data, hash}]. */
int ss_log_list(json_t **out, ss_store *st, const char *project);
/**
 * Withhold from ss_log_list's answer what a reader without an NDA in force
 * may not read (ss_project_discloses): the fields of each event's data that
 * the specification withholds (asset names, devices and answers, systems'
 * devices and measures, a proposal's component and version, IT assets' and
 * network records' details) and what hosts showed (a check run's path and
 * note, each result's seen and expected; a verification's detail), set to
 * null. Each event so changed names its fields in "withheld"; the answer
 * gains {"withheld": {"until": "nda"}}. An event's hash stays: it places the
 * event in the tree but cannot be recomputed from what is shown.
 */
int ss_log_withhold(json_t *log);
/**
 * Recompute the chain. *out: {project, events, head, ok, problems: [{seq,
 * problem}]}. Returns SS_ECORRUPT when anything was altered, removed or
 * reordered; the first problem is the error message.
 */
int ss_log_verify(json_t **out, ss_store *st, const char *project);
/**
 * Rebuild the project's state from its events inside a transaction that is
 * rolled back, and compare with the live state. *out: {events, ok,
 * difference}. SS_ECORRUPT when they differ.
 */
int ss_log_replay_check(json_t **out, ss_store *st, const char *project);
/**
 * Rebuild the project's state tables from its events, up to the log's head,
 * in one write transaction, and record that head as the one they were
 * built from (what ss_store_check_state checks). *out: {project, events,
 * repaired}. SS_ECORRUPT when the events do not reach the head.
 */
int ss_log_replay_repair(json_t **out, ss_store *st, const char *project);

/** The Merkle tree head (RFC 6962) of the log: {project, tree_size, root}. */
int ss_log_head(json_t **out, ss_store *st, const char *project);
/**
 * Inclusion proof of event seq in the tree of tree_size events (0: the
 * whole log): {seq, leaf_index, tree_size, leaf_hash, root, path: [hex]}.
 * The proof is checked before it is returned.
 */
int ss_log_proof(json_t **out, ss_store *st, const char *project, int64_t seq, int64_t tree_size);
/** Consistency proof that the tree of n events extends the tree of m (n 0: the whole log). */
int ss_log_consistency(json_t **out, ss_store *st, const char *project, int64_t m, int64_t n);

#endif
