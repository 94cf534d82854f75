/*
 * secspec: signed tree heads, and each party's own verified copy of a log.
 *
 * A server signs the head of a project's log (tree size, Merkle root,
 * time) with its own Ed25519 key. A party that syncs keeps the events and
 * the last signed head it verified (a checkpoint) in its own database; a
 * later head that does not extend the checkpoint, or whose root is not the
 * root of the events served, is proof that the server rewrote history or
 * shows the parties different logs (docs/server-model.md).
 */
#ifndef SECSPEC_SYNC_H
#define SECSPEC_SYNC_H

#include <jansson.h>
#include <stdint.h>

#include "secspec/buf.h"
#include "secspec/keys.h"
#include "secspec/store.h"

/** Version of the signed head message ("v"). */
#define SS_HEAD_VERSION 1
/** Most events one request of ss_log_events returns. */
#define SS_LOG_EVENTS_MAX 1000
/** Most events one sync takes in (a longer gap: sync again). */
#define SS_SYNC_EVENTS_MAX 1000000

/**
 * The bytes a server signs for a head: the canonical JSON (RFC 8785) of
 * {"project", "root", "time", "tree_size", "type": "tree-head", "v": 1}.
 * root: 64 lowercase hex digits; time: YYYY-MM-DDTHH:MM:SSZ.
 */
int ss_head_message(ss_buf *out, const char *project, int64_t tree_size, const char *root,
		    const char *time);
/**
 * Sign a head with k (a private key). *out (new reference): {project,
 * tree_size, root, time, key (fingerprint), public_key, signature}.
 */
int ss_head_sign(json_t **out, const ss_key *k, const char *project, int64_t tree_size,
		 const char *root, const char *time);
/**
 * Check a signed head as ss_head_sign makes it: every field present and well
 * formed, key the fingerprint of public_key, and the signature over
 * ss_head_message. 0, or SS_ECORRUPT naming what is wrong.
 */
int ss_head_verify(const json_t *head);

/** The signed head of the project's log as it is now, signed with k. */
int ss_log_signed_head(json_t **out, ss_store *st, const char *project, const ss_key *k);
/**
 * Events from..from + limit - 1 of the log (limit 1 to SS_LOG_EVENTS_MAX)
 * exactly as stored: {project, tree_size, from, events: [{seq, body (the
 * canonical JSON text), sig (hex or null)}]}.
 */
int ss_log_events(json_t **out, ss_store *st, const char *project, int64_t from, int64_t limit);

/**
 * The local copy of a project: {project, tree_size, root, checkpoint (the
 * last signed head verified, or null)}; tree_size 0 when the database does
 * not hold the project yet.
 */
int ss_sync_local(json_t **out, ss_store *st, const char *project);

typedef struct {
	const json_t *head;   /**< the server's signed head */
	const json_t *events; /**< [{seq, body, sig}]: every event after the local copy's */
	const json_t
		*proof; /**< ss_log_consistency's answer from the checkpoint to head, or NULL */
	const char *server_key; /**< the fingerprint the head must be signed with, or NULL */
} ss_sync_input;

/**
 * Take a server's events into the local copy of project, in one
 * transaction, after checking that: the head's signature holds, it is
 * signed by the key of the last checkpoint (or server_key), it extends the
 * checkpoint (the consistency proof; a same-size head has the same root),
 * the whole log (local events and new ones) passes the rule book as `log
 * verify` checks it, and its root is the head's root. A project the
 * database does not hold is created from its log. The head is recorded as
 * the new checkpoint.
 *
 * *out is written in every case where a verdict was reached: {project,
 * ok, from, to, added, root, head} on success; on refusal {project, ok:
 * false, reason, conflict: {what, checkpoint, head, proof, problems}} and
 * SS_ECORRUPT, with nothing written to the database. SS_EPERM when the
 * head is signed by another key than before.
 */
int ss_sync_apply(json_t **out, ss_store *st, const char *project, const ss_sync_input *in);
/** The checkpoints recorded by sync, newest first: [{tree_size, root, time, key, recorded}]. */
int ss_sync_checkpoints(json_t **out, ss_store *st, const char *project);

/**
 * A member's copy agrees with this server: head is a signed head of this
 * server (checked with ss_head_verify and against the key fingerprint
 * key_fp) whose root is the root of this log at its tree size. Recorded
 * per login (deployment data, not an event). SS_ECONFLICT when the root
 * differs, SS_EINVAL for a head of another key or a size beyond the log.
 */
int ss_witness_record(json_t **out, ss_store *st, const char *project, const char *login,
		      const json_t *head, const char *key_fp);
/** [{login, side, role, tree_size, root, head_time, agreed}] of a project. */
int ss_witness_list(json_t **out, ss_store *st, const char *project);

#endif
