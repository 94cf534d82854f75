/*
 * The offline log checker: everything that can be proven from a project's
 * events alone, with no database. `log verify` feeds it from the store and
 * `secspec verify` from an evidence bundle, so both apply the same rules.
 *
 * Per event: sequence, RFC 6962 leaf hash, canonical form, the envelope's
 * fields, hash chain, then every rule of the rule book (src/rules/rules.h:
 * membership, permissions, signatures, keys, decisions, milestones …)
 * against the state folded from the events before it. Problems carry the
 * rule id they break.
 */
#ifndef SS_LEDGER_CHECK_H
#define SS_LEDGER_CHECK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ledger/tiles.h"

typedef struct ss_checker ss_checker;

ss_checker *ss_checker_new(const char *project);
void ss_checker_free(ss_checker *c);
/* Feed the next stored event. stored_hash (hex) may be NULL when the store
 * keeps none; sig is the hex signature or NULL; cols, when the store keeps
 * them beside the body, are its time, actor, side, role and type (NULL:
 * none), which must equal the body's. */
void ss_checker_add(ss_checker *c, int64_t seq, const char *body, size_t len,
		    const char *stored_hash, const char *sig, const char *const *cols);
/* Check on a second thread from now on (before the first event): events
 * are copied and checked in batches while the caller reads the next ones;
 * tiles still reach the on_tile function on the caller's thread, and every
 * function below first waits for what was fed. 0, or an error (the checker
 * then stays on the caller's thread). */
int ss_checker_async(ss_checker *c);
/* Record a problem found outside the checker (e.g. a stored tile), under
 * rule id rule ("log-tiles", "log-head", … or a rule book id). fmt is the
 * English format: it is translated here into the message language of the
 * thread (pass the literal; xgettext knows this function). The problems of
 * the events are in the language of the thread that called
 * ss_checker_async (or that feeds them, without it). */
void ss_checker_problem(ss_checker *c, int64_t seq, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Events fed so far, and the hex leaf hash of the last one ("" when none). */
int64_t ss_checker_size(const ss_checker *c);
const char *ss_checker_last_hash(const ss_checker *c);
/* Hand fn (and its ctx) every tile of the tree the checker builds: the full
 * ones as they fill, the partial ones at ss_checker_tiles_end. Set before
 * the first event; fn's return value is not looked at. */
void ss_checker_tiles(ss_checker *c, ss_tile_fn fn, void *ctx);
void ss_checker_tiles_end(ss_checker *c);
/* Root of the tree of everything fed (hex, 65 bytes). */
void ss_checker_root(const ss_checker *c, char *out);
/* Problems so far: [{seq, rule, problem}]; borrowed. */
const json_t *ss_checker_problems(const ss_checker *c);
/* No problem found, and none lost for want of memory. */
bool ss_checker_ok(const ss_checker *c);
/* What the log proves: {project, events, root, head, signed, unsigned,
 * keys: [{fingerprint, person, public_key, seq, revoked?}], milestones:
 * [{name, seq, tree_size, root, spec_hash, catalog_version,
 * needs_management, signatures: [...], timestamps?, complete, missing}],
 * problems, ok}. New reference. */
json_t *ss_checker_report(const ss_checker *c);

/* Check every timestamp token recorded for the milestones against ca_file
 * (a PEM CA certificate); results go into the report's milestones. */
void ss_checker_check_timestamps(ss_checker *c, json_t *report, const char *ca_file);

#endif
