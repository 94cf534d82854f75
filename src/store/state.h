/* The store's domain operations, one file each: the catalog tables
 * (catalog_store.c), the ledger (log_store.c, tiles.c), the state tables
 * projected from it (state.c writes them, state_read.c reads them),
 * attachments (blob_store.c) and reference data (refs_store.c, refs.h).
 * Only src/store/ holds SQL. */
#ifndef SS_STORE_STATE_H
#define SS_STORE_STATE_H

#include <jansson.h>

#include "ledger/merkle.h"
#include "secspec/buf.h"
#include "store/refs.h"
#include "store/store.h"

/* --- catalog (catalog_store.c) --- */
int ss_cstore_version_get(json_t **out, ss_store *st, const char *version);
/* 0 when VERSION is loaded, SS_ENOTFOUND (with the message of _get) when not */
int ss_cstore_version_has(ss_store *st, const char *version);
/* Latest loaded version (by released date, then version string), or SS_ENOTFOUND. */
int ss_cstore_latest(json_t **out, ss_store *st);
int ss_cstore_versions(json_t **out, ss_store *st);
int ss_cstore_version_put(ss_store *st, const char *version, const char *name, const char *released,
			  const char *title_ja, const char *title_en, const char *content_hash,
			  const char *meta, const char *loaded_at);
int ss_cstore_item_put(ss_store *st, const char *version, const char *id, int64_t ord,
		       const char *section, const char *platform, const char *category,
		       int is_default, const char *title_ja, const char *title_en, int64_t incident,
		       int64_t ease, const char *hash, const char *body, const char *mitigation_ja,
		       const char *mitigation_en, const char *doc);
int ss_cstore_ref_put(ss_store *st, const char *version, const char *id, const char *kind,
		      const char *ref);
/* Items of a version; NULL filter fields match everything. technique also
 * matches its sub-techniques. Rows: id, section, platform, category,
 * is_default, title_ja, title_en, incident, ease, content_hash (+ body when
 * with_body). */
int ss_cstore_items(json_t **out, ss_store *st, const char *version, const char *section,
		    const char *platform, const char *category, const char *technique,
		    int with_body);
int ss_cstore_item_get(json_t **out, ss_store *st, const char *version, const char *id);
/* Every reference of a version: rows id, kind, ref. */
int ss_cstore_refs_all(json_t **out, ss_store *st, const char *version);

/* --- ledger (log_store.c) --- */
/* Project identity: {id, name, head_seq, head_hash}. */
int ss_lstore_project_key(json_t **out, ss_store *st, const char *name);
int ss_lstore_project_key_new(int64_t *out_id, ss_store *st, const char *name);
/* Append an event: event is the object, body its canonical JSON text, sig
 * the hex Ed25519 signature over body or NULL. Stores the body and its
 * RFC 6962 leaf hash, the Merkle nodes it completes, and applies the event
 * to the state tables. Call inside a write transaction, and move the head
 * (ss_lstore_set_head_cas) before it commits. The first append of a
 * transaction refuses (SS_ECORRUPT) when the state tables have drifted from
 * the log (ss_state_check_head): a change is not built on a wrong state.
 * hash_out (65 bytes) receives the leaf hash in hex. */
int ss_lstore_append(ss_store *st, int64_t project_id, const json_t *event, const char *body,
		     size_t len, const char *sig, char *hash_out);
/* Events of a project in order: rows seq, time, actor, side, role, type, body, hash, sig. */
int ss_lstore_events(json_t **out, ss_store *st, int64_t project_id);

/* One stored event, borrowed for the duration of a callback. */
typedef struct {
	int64_t seq;
	const char *time, *actor, *side, *role, *type, *body, *hash, *sig;
	size_t body_len;
} ss_event_row;
/* Stream events 1..upto (from..upto) in order without loading them all. */
int ss_lstore_each(ss_store *st, int64_t pid, int64_t upto,
		   int (*fn)(void *ctx, const ss_event_row *row), void *ctx);
/* Hand fn every row of an open query of the columns seq, time, actor,
 * side, role, type, body, hash, sig; closes the query. */
int ss__event_rows(ss_query *q, int (*fn)(void *ctx, const ss_event_row *row), void *ctx);
int ss_lstore_range(ss_store *st, int64_t pid, int64_t from, int64_t upto,
		    int (*fn)(void *ctx, const ss_event_row *row), void *ctx);

/* The Merkle tree of a project's log (src/ledger/merkle.h), stored as tiles
 * (src/ledger/tiles.h, src/store/tiles.c). A node at level 0 is the hash
 * stored with the event. */
int ss_lstore_node(ss_store *st, int64_t pid, int level, uint64_t idx, ss_hash out);
int ss_lstore_root(ss_store *st, int64_t pid, uint64_t size, ss_hash out);
int ss_lstore_inclusion(ss_store *st, int64_t pid, uint64_t leaf, uint64_t size, ss_hash *path,
			size_t *count);
int ss_lstore_consistency(ss_store *st, int64_t pid, uint64_t m, uint64_t n, ss_hash *path,
			  size_t *count);

/* Append leaf number size + 1 to the tree of pid; ss__tiles_flush writes the
 * partial tiles (ss_lstore_set_head does). ss__tiles_rebuild makes the
 * tiles of a project again from its events' hashes. */
int ss__tiles_append(ss_store *st, int64_t pid, uint64_t size, const ss_hash leaf);
int ss__tiles_flush(ss_store *st);
int ss__tiles_rebuild(ss_store *st, int64_t pid);

/* Check every stored tile against the tiles the events make, given one by
 * one to ss_tile_check_compare (an ss_tile_fn; the checker's tree hands them
 * over): ss_tile_check_end leaves what is wrong in what ("" when nothing). */
typedef struct ss_tile_check ss_tile_check;
int ss_tile_check_new(ss_tile_check **out, ss_store *st, int64_t pid);
int ss_tile_check_compare(void *ctx, int level, uint64_t idx, const ss_hash *hashes,
			  unsigned count);
int ss_tile_check_end(ss_tile_check *c, char *what, size_t n);
void ss_tile_check_free(ss_tile_check *c);

/* --- projection (state.c) --- */
/* Apply one event to the state tables (used by append and by replay). */
int ss_state_apply(ss_store *st, int64_t project_id, const json_t *event);
/* Delete every state row of a project (replay starts from here). */
int ss_state_clear(ss_store *st, int64_t project_id);
/* All state rows of a project, as {table: [rows...]} in key order. */
int ss_state_dump(json_t **out, ss_store *st, int64_t project_id);

/* The log head (seq, hex hash) the state tables of pid were built from,
 * recorded in the transaction that applied the events, and the edited mark
 * cleared. ss_lstore_set_head_cas does it; replay --repair too. */
int ss_state_record_head(ss_store *st, int64_t pid, int64_t seq, const char *hash);
/* SS_ECORRUPT, naming the repair command, when the state tables of pid
 * were built from another head than the log's, record none, or were
 * changed outside ss_state_apply since (the triggers of schema 3). A project
 * without events and without state passes. */
int ss_state_check_head(ss_store *st, int64_t pid);

/* --- state reads (state_read.c) --- */
int ss_state_projects(json_t **out, ss_store *st);
int ss_state_project(json_t **out, ss_store *st, int64_t project_id);
int ss_state_members(json_t **out, ss_store *st, int64_t project_id);
int ss_state_member(json_t **out, ss_store *st, int64_t project_id, const char *person);
int ss_state_assets(json_t **out, ss_store *st, int64_t project_id);
int ss_state_asset(json_t **out, ss_store *st, int64_t project_id, const char *asset_id);
/* Systems with their computed level (highest level of their assets, 0 if none). */
int ss_state_systems(json_t **out, ss_store *st, int64_t project_id);
int ss_state_system(json_t **out, ss_store *st, int64_t project_id, const char *name);
/* Requirements joined with their catalog items, in catalog order, filtered
 * like ss_cstore_items; status "open"/"decided" or NULL for all. */
int ss_state_requirements(json_t **out, ss_store *st, int64_t project_id, const char *version,
			  const char *section, const char *platform, const char *category,
			  const char *status);
int ss_state_requirement(json_t **out, ss_store *st, int64_t project_id, const char *version,
			 const char *item);
int ss_state_requirement_count(int64_t *out, ss_store *st, int64_t project_id);

/* One requirement as the document shows it; borrowed during a callback.
 * doc is the item's {settings, attack, cwe, asvs} as JSON text. */
typedef struct {
	const char *id, *section, *platform, *category, *title_ja, *title_en;
	const char *mitigation_ja, *mitigation_en, *doc, *item_hash, *status, *policy;
	const char *reason, *alternative, *review_by, *decided_by, *decided_at, *approval;
	const char *approved_by, *approved_at, *approval_note;
	int64_t is_default, incident, ease, level, decision_seq;
	/* rules 3 (NULL when not recorded): the attack scenario, who carries the
	 * measure out, the user's duty, the evidence of an existing control */
	const char *scenario, *owner, *duty, *evidence;
} ss_req_row;
/* What a change to requirements acts on: one item, or those a filter
 * matches, in catalog order. Texts are "" where the column is NULL. */
typedef struct {
	const char *id, *item_hash, *catalog_hash, *status, *policy, *reason, *alternative,
		*decided_by, *approval;
	int64_t decision_seq;
} ss_target;
typedef struct {
	ss_target *v;
	size_t n;
} ss_targets;
int ss_state_targets(ss_targets *out, ss_store *st, int64_t project_id, const char *version,
		     const char *item, const char *section, const char *platform,
		     const char *category);
void ss_targets_free(ss_targets *t);
/* Stream a project's requirements in catalog order. */
int ss_state_requirements_each(ss_store *st, int64_t pid, const char *version,
			       int (*fn)(void *ctx, const ss_req_row *r), void *ctx);
/* Advice notes of a project in order: rows seq, item_id, person, time, note. */
int ss_state_advice(json_t **out, ss_store *st, int64_t project_id);

/* Keys registered to members: rows person, fingerprint, public_key, active, seq. */
int ss_state_keys(json_t **out, ss_store *st, int64_t pid);
/* Milestones with their signatures, in order. */
int ss_state_milestones(json_t **out, ss_store *st, int64_t pid);
/* Minutes: rows id, seq, body (object). */
int ss_state_minutes(json_t **out, ss_store *st, int64_t pid);
/* The first event after seq that can change the specification document (not
 * signatures, keys, minutes, timestamps, threat scores or change-request
 * steps): *out_seq 0 when none. */
int ss_lstore_change_after(int64_t *out_seq, char *type_out, size_t n, ss_store *st, int64_t pid,
			   int64_t seq);
/* Number of events recorded at or before time t. */
int ss_lstore_count_until(int64_t *out, ss_store *st, int64_t pid, const char *t);
/* Move the head of pid from event old_seq to event seq (hash: its hex
 * hash) by compare-and-swap, and record it as the state tables' head (they
 * hold the events applied in this transaction). SS_ECONFLICT when the head
 * is no longer old_seq: another writer moved the log; retry. Flushes the
 * Merkle tiles first. */
int ss_lstore_set_head_cas(ss_store *st, int64_t pid, int64_t old_seq, int64_t seq,
			   const char *hash);
/* ss_lstore_set_head_cas with the old head taken from this transaction's
 * first append to pid, or, when nothing was appended (as-of views that
 * replay and are rolled back), the head as it stands. */
int ss_lstore_set_head(ss_store *st, int64_t pid, int64_t seq, const char *hash);
/* Change requests and project threat scores. */
int ss_state_changes(json_t **out, ss_store *st, int64_t pid);
int ss_state_threat_scores(json_t **out, ss_store *st, int64_t pid);
/* --- catalog (catalog_store.c) --- */
/* Items added, retired and changed (by content hash) between two versions:
 * rows id, change, old_body, new_body, hash. */
int ss_cstore_diff(json_t **out, ss_store *st, const char *v1, const char *v2);
/* The ATT&CK references of a version's items: rows id, ref (index only). */
int ss_cstore_attack_refs(json_t **out, ss_store *st, const char *version);
/* The references of one kind (attack, mitigations, cwe, …) of a version's
 * items: rows id, ref, in item then reference order. */
int ss_cstore_refs_of(json_t **out, ss_store *st, const char *version, const char *kind);
/* The ATT&CK techniques a version cites: rows ref. */
int ss_cstore_techniques(json_t **out, ss_store *st, const char *version);
/* The reference sources a catalog version was checked against: {kind: id}. */
int ss_cstore_set_refs(ss_store *st, const char *version, const char *refs);
/* Content-addressed attachments (blob_store.c). */
int ss_blob_put(ss_store *st, const char *sha256, const void *data, size_t len);
int ss_blob_get(ss_buf *out, ss_store *st, const char *sha256);
/* The project pid holds blob sha256 (stored for it: an upload or its
 * minutes), which must be stored. */
int ss_blob_hold(ss_store *st, int64_t pid, const char *sha256);
/* The size of blob sha256 when project pid holds it; SS_ENOTFOUND (naming
 * the hash) when it does not. */
int ss_blob_held(int64_t *size, ss_store *st, int64_t pid, const char *sha256);

#endif
