/*
 * secspec: evidence that holds years later — agreement milestones, minutes
 * with attachments, the specification as it was agreed, and self-contained
 * evidence bundles that a third party verifies without a database.
 */
#ifndef SECSPEC_EVIDENCE_H
#define SECSPEC_EVIDENCE_H

#include <jansson.h>
#include <stddef.h>

#include "secspec/buf.h"
#include "secspec/store.h"

/**
 * Sign milestone name (e.g. spec-v1) of project as `by`, with the store's
 * signer (ss_store_set_signer), which must be a key registered to `by`.
 * The first signature opens the milestone: a checkpoint of the log (tree
 * size and root), the pinned catalog version and the SHA-256 of the
 * specification (`render --format json` at that point). Later signatures
 * must be over the same specification; a change in between is refused. The
 * milestone is complete when the user lead and the vendor lead have signed,
 * and the user side's management too when the specification accepts risks.
 * *out: the milestone's status.
 */
int ss_agree(json_t **out, ss_store *st, const char *project, const char *name, const char *by);
/**
 * ss_agree with the milestone's parties (rules 3): "user" opens a user-only
 * milestone (the user's own draft, before a vendor is chosen), opened and
 * signed by the user side alone; "both" or NULL: both parties. Management
 * must sign too when the specification accepts risks, relies on other
 * measures or declines the vendor's proposals.
 */
int ss_agree_parties(json_t **out, ss_store *st, const char *project, const char *name,
		     const char *parties, const char *by);
/**
 * ss_agree opening a milestone of a stage (rules 6): "acceptance" needs
 * every implemented item verified (no host's newest check fails it, and a
 * check or a named verification passed it); "switchover" (its completion)
 * needs that, a check recorded during switchover and every entry of the
 * switchover checklist done or not applicable. Both parties sign it.
 */
int ss_agree_stage(json_t **out, ss_store *st, const char *project, const char *name,
		   const char *stage, const char *by);
/**
 * RFC 3161 trusted time for a milestone's checkpoint. The request (DER,
 * into out) covers the SHA-256 of the canonical JSON {milestone, project,
 * root, spec_hash, tree_size}; send it to a timestamp authority. The
 * response is checked against that digest and, up to ca_file, the TSA's
 * signature before it is recorded.
 */
int ss_timestamp_request(ss_buf *out, ss_store *st, const char *project, const char *milestone);
int ss_timestamp_add(json_t **out, ss_store *st, const char *project, const char *milestone,
		     const void *response, size_t len, const char *ca_file, const char *by);
/** Milestones with their signatures and completeness. */
int ss_milestone_list(json_t **out, ss_store *st, const char *project);

/**
 * The document model as it was at `as_of`: a milestone name, an event
 * number, or a UTC time (YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD, end of day).
 * Rebuilt by replaying the log inside a transaction that is rolled back.
 */
int ss_spec_model_as_of(json_t **out, ss_store *st, const char *project, const char *as_of);

/** An attachment given by reference: a file stored for the project before. */
typedef struct {
	const char *name;   /**< the file's name, without a directory */
	const char *sha256; /**< 64 lowercase hex, as ss_attachment_put gave it */
} ss_attachment_ref;

typedef struct {
	const char *date; /**< YYYY-MM-DD of the meeting */
	const char *title;
	const char *const *attendees; /**< members */
	size_t nattendees;
	const char *const *topics;
	size_t ntopics;
	const char *const *items; /**< catalog items discussed */
	size_t nitems;
	const char *const *attachments; /**< files to attach (paths, read and stored) */
	size_t nattachments;
	/** files stored for this project before (ss_attachment_put), by reference */
	const ss_attachment_ref *attached;
	size_t nattached;
} ss_minutes_input;

/** The largest attachment, in bytes (64 MiB). */
#define SS_ATTACHMENT_MAX ((size_t)64 * 1024 * 1024)

/**
 * Record minutes (議事録); attachments are stored once by SHA-256, and the
 * project holds them from then on. An attachment by reference must be held
 * by this project (SS_ENOTFOUND naming its hash otherwise): a hash alone
 * does not open another project's file. Its size is the stored blob's.
 */
int ss_minutes_add(json_t **out, ss_store *st, const char *project, const ss_minutes_input *in,
		   const char *by);
int ss_minutes_list(json_t **out, ss_store *st, const char *project);
/**
 * Store a file for project before the minutes that attach it are recorded
 * (an upload in the browser). `by` must be an active member who may record
 * minutes; no event is written. At most SS_ATTACHMENT_MAX bytes (SS_ELIMIT).
 * sha256_out: its SHA-256 (64 lowercase hex and a NUL), the reference that
 * ss_minutes_input.attached takes.
 */
int ss_attachment_put(char sha256_out[65], ss_store *st, const char *project, const char *by,
		      const void *data, size_t len);
/** The bytes of an attachment by its SHA-256. */
int ss_attachment_get(ss_buf *out, ss_store *st, const char *sha256);

/**
 * Write the evidence bundle of a project to path (a POSIX tar file; the
 * format is docs/evidence-bundle.md). Nothing secret is included.
 */
int ss_evidence_export(json_t **out, ss_store *st, const char *project, const char *path);
/**
 * Verify a bundle with no database and no network. *out says what is
 * proven (who signed what, when, over which content) and every problem.
 * Trusted timestamps are checked up to tsa_ca (a PEM CA certificate) when
 * it is given, else only against the content they cover. Returns
 * SS_ECORRUPT when anything fails.
 */
int ss_evidence_verify(json_t **out, const char *path, const char *tsa_ca);

#endif
