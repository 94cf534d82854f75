/*
 * The offline log checker: everything that can be proven from a project's
 * events alone, with no database. `log verify` feeds it from the store and
 * `secspec verify` from an evidence bundle, so both apply the same rules.
 *
 * Per event: sequence, RFC 6962 leaf hash, hash chain, the actor's side and
 * role as the membership events so far define them, the permission table,
 * signatures (a person with a registered key signs every later change),
 * milestone checkpoints against the tree built so far.
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
/* Record a problem found outside the checker (e.g. a database column). */
void ss_checker_problem(ss_checker *c, int64_t seq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
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
/* Problems so far: [{seq, problem}]; borrowed. */
const json_t *ss_checker_problems(const ss_checker *c);
/* No problem found, and none lost for want of memory. */
bool ss_checker_ok(const ss_checker *c);
/* What the log proves: {events, root, head, signed, unsigned, keys, members,
 * milestones: [{name, seq, tree_size, root, spec_hash, catalog_version,
 * needs_management, signatures: [...], complete, missing}]}. New reference. */
json_t *ss_checker_report(const ss_checker *c);

/* The digest a trusted timestamp covers: SHA-256 (hex) of the canonical
 * JSON {milestone, project, root, spec_hash, tree_size}. */
int ss_checkpoint_digest(char out[65], const char *project, const char *name, int64_t tree_size,
			 const char *root, const char *spec_hash);
/* Check every timestamp token recorded for the milestones against ca_file
 * (a PEM CA certificate); results go into the report's milestones. */
void ss_checker_check_timestamps(ss_checker *c, json_t *report, const char *ca_file);

/* Who is still missing from a milestone's signatures ([{side, role, key}]):
 * the user lead and the vendor lead, and the user side's management when
 * needs_management. Only signed entries count. New array of role names. */
json_t *ss_milestone_missing(const json_t *signatures, int needs_management);

#endif
