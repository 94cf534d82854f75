/*
 * The rule book: who may append which event, and when.
 *
 * One pure module (no store, no files, no clock): the state folded from a
 * project's events, and one function that says whether the next event is
 * allowed, or which rule it breaks. The write path asks it before every
 * append (src/core/write.c); every verifier (`log verify`, `log replay`,
 * `verify` on a bundle, through src/ledger/check.c) folds every event
 * through the same function. So a verifier refuses exactly what the writer
 * refuses. docs/evidence-bundle.md states each rule; the ids are stable.
 *
 * Rules are versioned: project.create records the version a project was
 * created under (absent: 1), and that version's rules apply to the whole
 * log. Rules added later start a new version. Version 2 adds that an
 * event's time never goes back (event-time-order). Version 3 adds the
 * negotiation records (proposals outside the catalog and their answers,
 * cost allocation, vendor candidates, NDAs and the selection, laws,
 * contracts, retention, diagnoses, the requirement standard), the attack
 * scenario, owner and evidence of a decision, legacy systems, the roles of
 * operations, service providers and experts, change requests raised by
 * asset and system changes after agreement, and management on re-estimates.
 * Version 4 makes a change of several events (a bulk decision, an
 * upgrade with its change requests) one unit: each of its events carries
 * its place, part i of parts n, inside the signed body, and a log in which
 * such a change stops short (event-part, part-order, part-missing) is
 * refused, so a writer holding a person's signatures over a change can
 * append all of it or nothing.
 * Version 5 adds the components of the system and what is known of their
 * vulnerabilities: SBOM versions disclosed by the vendor (each a new
 * version, a change request after agreement), the user side's licence
 * policy, vulnerabilities found in the components (a change request of the
 * development contract after agreement, before operation), and for each the
 * vendor's analysis (VEX), the user side's decision on it and management's
 * approval of accepting an exploitable one.
 * Version 6 adds acceptance and switchover: the results of the catalog's
 * machine checks on a host (check.run, each run a record of its own, every
 * item in it decided implement), a named verification of an implemented
 * item or of an entry of the switchover checklist (verify.record), and the
 * stage of a milestone: acceptance needs every implemented item verified
 * and none failing on a host; switchover (completion) needs that, a check
 * run during switchover and every checklist entry done.
 * Both leads move a project to a newer version (rules.propose, then
 * rules.accept by the other side's lead); the events before keep the
 * version they were written under.
 */
#ifndef SS_RULES_RULES_H
#define SS_RULES_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secspec/common.h"
#include "util/util.h"

/* The rule version new projects are created under, and the highest known. */
#define SS_RULES_VERSION 6

/* The most events one change may have (rules 4: each carries its place). */
#define SS_RULES_PARTS_MAX 100000

/* Rules 5: the most components and dependencies one SBOM version holds. */
#define SS_RULES_SBOM_COMPONENTS_MAX 50000
#define SS_RULES_SBOM_DEPENDENCIES_MAX 200000
/* Rules 6: the most results one check run holds (one per item). */
#define SS_RULES_CHECK_RESULTS_MAX 5000
/* id, error code the writer returns */
#define SS_RULES(X)                                                                                \
	X(EVENT_JSON, "event-json", SS_ECORRUPT)                                                   \
	X(EVENT_CANONICAL, "event-canonical", SS_ECORRUPT)                                         \
	X(EVENT_FIELD, "event-field", SS_ECORRUPT)                                                 \
	X(EVENT_VERSION, "event-version", SS_ECORRUPT)                                             \
	X(EVENT_TIME, "event-time", SS_ECORRUPT)                                                   \
	X(EVENT_TIME_ORDER, "event-time-order", SS_ECONFLICT)                                      \
	X(EVENT_SEQ, "event-seq", SS_ECORRUPT)                                                     \
	X(EVENT_PROJECT, "event-project", SS_ECORRUPT)                                             \
	X(EVENT_CHAIN, "event-chain", SS_ECORRUPT)                                                 \
	X(EVENT_HASH, "event-hash", SS_ECORRUPT)                                                   \
	X(EVENT_COLUMN, "event-column", SS_ECORRUPT)                                               \
	X(EVENT_TYPE, "event-type", SS_EINVAL)                                                     \
	X(EVENT_DATA, "event-data", SS_EINVAL)                                                     \
	X(PROJECT_CREATE, "project-create", SS_EINVAL)                                             \
	X(RULES_VERSION, "rules-version", SS_EINVAL)                                               \
	X(ACTOR_MEMBER, "actor-member", SS_EPERM)                                                  \
	X(ACTOR_CLAIM, "actor-claim", SS_EPERM)                                                    \
	X(PERMISSION, "permission", SS_EPERM)                                                      \
	X(MEMBER_SELF, "member-self", SS_EPERM)                                                    \
	X(MEMBER_SIDE_FIXED, "member-side-fixed", SS_EPERM)                                        \
	X(MEMBER_OWN_SIDE, "member-own-side", SS_EPERM)                                            \
	X(MEMBER_FIRST_LEAD, "member-first-lead", SS_EPERM)                                        \
	X(MEMBER_MANAGEMENT_SIDE, "member-management-side", SS_EINVAL)                             \
	X(MEMBER_UNCHANGED, "member-unchanged", SS_ECONFLICT)                                      \
	X(MEMBER_NOT_ACTIVE, "member-not-active", SS_ECONFLICT)                                    \
	X(SIG_MISSING, "sig-missing", SS_EPERM)                                                    \
	X(SIG_INVALID, "sig-invalid", SS_EPERM)                                                    \
	X(SIG_REQUIRED, "sig-required", SS_EPERM)                                                  \
	X(SIG_UNEXPECTED, "sig-unexpected", SS_EPERM)                                              \
	X(SIG_KEY_UNKNOWN, "sig-key-unknown", SS_EPERM)                                            \
	X(SIG_KEY_OWNER, "sig-key-owner", SS_EPERM)                                                \
	X(SIG_KEY_REVOKED, "sig-key-revoked", SS_EPERM)                                            \
	X(KEY_FINGERPRINT, "key-fingerprint", SS_EINVAL)                                           \
	X(KEY_SELF_SIGNED, "key-self-signed", SS_EPERM)                                            \
	X(KEY_POP, "key-pop", SS_EPERM)                                                            \
	X(KEY_OWNER, "key-owner", SS_EPERM)                                                        \
	X(KEY_DUPLICATE, "key-duplicate", SS_ECONFLICT)                                            \
	X(KEY_REVOKE_UNKNOWN, "key-revoke-unknown", SS_ECONFLICT)                                  \
	X(KEY_REVOKE_HOLDER, "key-revoke-holder", SS_EINVAL)                                       \
	X(KEY_REVOKE_WHO, "key-revoke-who", SS_EPERM)                                              \
	X(ITEM_UNKNOWN, "item-unknown", SS_ENOTFOUND)                                              \
	X(ITEM_HASH, "item-hash", SS_ECONFLICT)                                                    \
	X(DRAFT_REPEAT, "draft-repeat", SS_ECONFLICT)                                              \
	X(ASSET_SUPERSEDES, "asset-supersedes", SS_ECONFLICT)                                      \
	X(ASSET_SYSTEM, "asset-system", SS_ENOTFOUND)                                              \
	X(ASSET_LEVEL, "asset-level", SS_EINVAL)                                                   \
	X(SYSTEM_SUPERSEDES, "system-supersedes", SS_ECONFLICT)                                    \
	X(DECISION_LEVEL, "decision-level", SS_ECONFLICT)                                          \
	X(DECISION_REASON, "decision-reason", SS_ERULE)                                            \
	X(DECISION_SUPERSEDES, "decision-supersedes", SS_ECONFLICT)                                \
	X(ADVICE_NOTE, "advice-note", SS_ERULE)                                                    \
	X(APPROVAL_TARGET, "approval-target", SS_ECONFLICT)                                        \
	X(APPROVAL_SELF, "approval-self", SS_EPERM)                                                \
	X(APPROVAL_REPEAT, "approval-repeat", SS_ECONFLICT)                                        \
	X(APPROVAL_NOTE, "approval-note", SS_ERULE)                                                \
	X(MILESTONE_CHECKPOINT, "milestone-checkpoint", SS_ECONFLICT)                              \
	X(MILESTONE_MANAGEMENT, "milestone-management", SS_ERULE)                                  \
	X(MILESTONE_CATALOG, "milestone-catalog", SS_ERULE)                                        \
	X(MILESTONE_REOPEN, "milestone-reopen", SS_ECONFLICT)                                      \
	X(MILESTONE_UNKNOWN, "milestone-unknown", SS_ENOTFOUND)                                    \
	X(MILESTONE_SPEC_HASH, "milestone-spec-hash", SS_ECONFLICT)                                \
	X(MILESTONE_TWICE, "milestone-twice", SS_ECONFLICT)                                        \
	X(MILESTONE_UNSIGNED, "milestone-unsigned", SS_EPERM)                                      \
	X(MILESTONE_FROZEN, "milestone-frozen", SS_ECONFLICT)                                      \
	X(TIMESTAMP_MILESTONE, "timestamp-milestone", SS_ENOTFOUND)                                \
	X(TIMESTAMP_DIGEST, "timestamp-digest", SS_ECORRUPT)                                       \
	X(TIMESTAMP_REPEAT, "timestamp-repeat", SS_ECONFLICT)                                      \
	X(TIMESTAMP_TOKEN, "timestamp-token", SS_ECORRUPT)                                         \
	X(TIMESTAMP_TIME, "timestamp-time", SS_ECORRUPT)                                           \
	X(MINUTES_ATTENDEE, "minutes-attendee", SS_ENOTFOUND)                                      \
	X(MINUTES_ITEM, "minutes-item", SS_ENOTFOUND)                                              \
	X(MINUTES_ID, "minutes-id", SS_ECONFLICT)                                                  \
	X(CHANGE_UNKNOWN, "change-unknown", SS_ENOTFOUND)                                          \
	X(CHANGE_STATE, "change-state", SS_ECONFLICT)                                              \
	X(CHANGE_ID, "change-id", SS_ECONFLICT)                                                    \
	X(CHANGE_OPEN, "change-open", SS_ECONFLICT)                                                \
	X(CHANGE_NOTE, "change-note", SS_ERULE)                                                    \
	X(UPGRADE_FROM, "upgrade-from", SS_ECONFLICT)                                              \
	X(UPGRADE_DRAFT, "upgrade-draft", SS_ERULE)                                                \
	X(PHASE_FROM, "phase-from", SS_ECONFLICT)                                                  \
	X(PHASE_REASON, "phase-reason", SS_ERULE)                                                  \
	X(THREAT_REASON, "threat-reason", SS_ERULE)                                                \
	X(RECORD_ID, "record-id", SS_ECONFLICT)                                                    \
	X(RECORD_UNKNOWN, "record-unknown", SS_ENOTFOUND)                                          \
	X(RECORD_SUPERSEDES, "record-supersedes", SS_ECONFLICT)                                    \
	X(PROPOSAL_TEXT, "proposal-text", SS_ERULE)                                                \
	X(PROPOSAL_REASON, "proposal-reason", SS_ERULE)                                            \
	X(RECORD_TARGET, "record-target", SS_ECONFLICT)                                            \
	X(DECISION_SCENARIO, "decision-scenario", SS_ERULE)                                        \
	X(DECISION_OWNER, "decision-owner", SS_ERULE)                                              \
	X(DECISION_EVIDENCE, "decision-evidence", SS_ERULE)                                        \
	X(SYSTEM_LEGACY, "system-legacy", SS_ERULE)                                                \
	X(RETENTION_PERIOD, "retention-period", SS_ERULE)                                          \
	X(CONTRACT_AGREE, "contract-agree", SS_EPERM)                                              \
	X(VENDOR_SELECTED, "vendor-selected", SS_ECONFLICT)                                        \
	X(VENDOR_NDA, "vendor-nda", SS_ERULE)                                                      \
	X(VENDOR_REASON, "vendor-reason", SS_ERULE)                                                \
	X(VENDOR_UNSELECTED, "vendor-unselected", SS_ECONFLICT)                                    \
	X(MILESTONE_PARTIES, "milestone-parties", SS_ECONFLICT)                                    \
	X(CHANGE_MISSING, "change-missing", SS_ECONFLICT)                                          \
	X(CHANGE_MANAGEMENT, "change-management", SS_EPERM)                                        \
	X(ACKNOWLEDGE_REPEAT, "acknowledge-repeat", SS_ECONFLICT)                                  \
	X(RULES_UPGRADE, "rules-upgrade", SS_ECONFLICT)                                            \
	X(RULES_UPGRADE_SIDE, "rules-upgrade-side", SS_EPERM)                                      \
	X(EVENT_PART, "event-part", SS_ECORRUPT)                                                   \
	X(PART_ORDER, "part-order", SS_ECORRUPT)                                                   \
	X(PART_MISSING, "part-missing", SS_ECORRUPT)                                               \
	X(SBOM_NUMBER, "sbom-number", SS_ECONFLICT)                                                \
	X(SBOM_COMPONENT, "sbom-component", SS_EINVAL)                                             \
	X(SBOM_POLICY, "sbom-policy", SS_EINVAL)                                                   \
	X(VULN_COMPONENT, "vuln-component", SS_ENOTFOUND)                                          \
	X(VULN_TARGET, "vuln-target", SS_ECONFLICT)                                                \
	X(VULN_REASON, "vuln-reason", SS_ERULE)                                                    \
	X(VULN_REPEAT, "vuln-repeat", SS_ECONFLICT)                                                \
	X(ITASSET_ITEMS, "itasset-items", SS_ERULE)                                                \
	X(CHECK_CATALOG, "check-catalog", SS_ECONFLICT)                                            \
	X(CHECK_ITEM, "check-item", SS_ECONFLICT)                                                  \
	X(CHECK_COUNTS, "check-counts", SS_EINVAL)                                                 \
	X(VERIFY_SUBJECT, "verify-subject", SS_ECONFLICT)                                          \
	X(ACCEPT_COVERAGE, "accept-coverage", SS_ERULE)                                            \
	X(SWITCHOVER_OPEN, "switchover-open", SS_ERULE)

typedef enum {
	SS_RULE_NONE = 0,
#define SS__RULE_ENUM(name, id, code) SS_RULE_##name,
	SS_RULES(SS__RULE_ENUM)
#undef SS__RULE_ENUM
		SS_RULE_COUNT
} ss_rule;

/* A broken rule: which, the writer's error code, and a message naming the
 * event's people and things (untrusted text is quoted, cut and cleaned by
 * whoever prints it). */
typedef struct {
	ss_rule rule;
	int code;
	char msg[SS_ERROR_MAX];
	const char *sig_pub; /* see ss_rules_event.sig_later; valid until the next fold */
} ss_rule_hit;

/* "event-json", … ("" for SS_RULE_NONE). */
const char *ss_rule_id(ss_rule r);
int ss_rule_code(ss_rule r);

/* One member of a flat data object: kind 's' string, 'i' integer, 't'
 * true, 'f' false, 'n' null ('a' array, 'o' object, 'r' real only as read
 * from a jansson object); s and len: the string, unescaped and
 * NUL-terminated. */
typedef struct {
	const char *key;
	size_t key_len;
	char kind;
	const char *s;
	size_t len;
	int64_t i;
} ss_rules_field;

/* An event's `data` object as the rules read it: a jansson object (json
 * set: the writer, and data that nests arrays or objects), or the members
 * of an object of scalars read straight from the event's canonical bytes
 * (json NULL; ss_rules_data_flat), with no allocation. */
#define SS_RULES_FLAT_MAX 16
typedef struct {
	const json_t *json;
	size_t n;
	ss_rules_field f[SS_RULES_FLAT_MAX];
} ss_rules_data;

/* Data read from a jansson object (borrowed; it must outlive d). */
void ss_rules_data_json(ss_rules_data *d, const json_t *obj);
/* Data read from the members of a canonical object (ss_json_canonical_scan:
 * members m[0..n) whose parent is parent); strings are unescaped into
 * scratch (cap bytes). 0, or -1 when the object does not fit a flat view
 * (a nested array or object, more than SS_RULES_FLAT_MAX members, a string
 * holding U+0000, scratch too small): read it with jansson then. */
int ss_rules_data_flat(ss_rules_data *d, const ss_json_member *m, size_t n, int parent,
		       char *scratch, size_t cap);

/* One event as the rules see it. Every field is the event's own (the
 * caller has checked the line's form: canonical JSON with exactly the
 * envelope fields). data is the `data` object. */
typedef struct {
	int64_t seq;
	const char *project, *time, *actor, *side, *role, *type;
	const char *key; /* fingerprint of the signer, or NULL when unsigned */
	const char *sig; /* hex signature, or NULL */
	bool sig_made;   /* the writer made sig itself with the key: no need to verify it */
	/* leave the signature's Ed25519 check to the caller (which may run it on
	 * another thread): the public key it must verify against is given in
	 * hit->sig_pub, and the result stands as computed for a valid signature;
	 * the caller replaces it with sig-invalid when the signature fails */
	bool sig_later;
	const char *body;
	size_t body_len;
	const ss_rules_data *data;
	/* rules 4: the event's place in a change of several events (part of
	 * parts, from 1), when has_part */
	bool has_part;
	int64_t part, parts;
	int64_t tree_size; /* events before this one */
	const char *root;  /* hex Merkle root of those events */
} ss_rules_event;

/* What the writer knows from its store about the requirements, where the
 * verifier folds them from the log. NULL in a verifier. */
typedef struct {
	void *ctx;
	/* The requirement item as it stands: 1 found (fields set; hash: the
	 * content hash of the catalog item, "" when not known), 0 not in the
	 * specification, < 0 error. */
	int (*item)(void *ctx, const char *id, int64_t *decision_seq, char *policy, size_t np,
		    char *decider, size_t nd, char *approval, size_t na, char *hash, size_t nh);
	/* Optional: every item as item gives it, to fn (a writer that looks up
	 * many items in one transaction reads them all at once instead). */
	int (*items)(void *ctx,
		     int (*fn)(void *fctx, const char *id, int64_t decision_seq, const char *policy,
			       const char *decider, const char *approval, const char *hash),
		     void *fctx);
	/* Items of the specification whose decision accepts a risk or relies on
	 * another measure. */
	int (*risky)(void *ctx, int64_t *count);
	/* Whether the specification has been drafted. */
	int (*drafted)(void *ctx, bool *out);
	/* The first event after seq that changes the specification (0: none). */
	int (*changed_after)(void *ctx, int64_t seq, int64_t *out);
	/* An asset (by id) or system (by name) as recorded: 1 with the event
	 * that recorded it (and the asset's level), 0 when there is none. */
	int (*asset)(void *ctx, const char *id, int64_t *seq, int64_t *level);
	int (*system)(void *ctx, const char *name, int64_t *seq);
	/* The highest level of the project's assets (0 when none). */
	int (*level)(void *ctx, int64_t *out);
	/* The time of the log's last event ("" when none). */
	int (*last_time)(void *ctx, char *out, size_t n);
	/* rules 5: the number of the newest SBOM (0: none), and whether ref is a
	 * component of SBOM number sbom (1 yes, 0 no). */
	int (*sbom)(void *ctx, int64_t *number);
	int (*component)(void *ctx, int64_t sbom, const char *ref);
} ss_rules_source;

/* Signature check, given to the rules (they do no cryptography of their
 * own): 0 when sig (hex) is a valid Ed25519 signature of msg by pub (hex). */
typedef int (*ss_rules_verify_fn)(const char *pub_hex, const void *msg, size_t len,
				  const char *sig_hex);

typedef struct ss_rules ss_rules;

/* A fresh state for project name (no event yet). verify checks signatures;
 * src, when given, answers requirement questions (writer mode: the events
 * that only touch requirements are then not folded). NULL on no memory. */
ss_rules *ss_rules_new(const char *project, ss_rules_verify_fn verify, const ss_rules_source *src);
void ss_rules_free(ss_rules *r);

/* Is ev allowed next? 0, or the rule's code with *hit filled. */
int ss_rules_check(ss_rule_hit *hit, ss_rules *r, const ss_rules_event *ev);
/* Is the log allowed to end here? 0, or the rule the end breaks with
 * *hit filled and *seq the event it concerns (rules 3: an asset or system
 * changed after agreement whose change request never came). */
int ss_rules_end(ss_rule_hit *hit, const ss_rules *r, int64_t *seq);
/* Whether the events so far end inside a change of several events (rules
 * 4): a writer asks before it commits. */
bool ss_rules_part_open(const ss_rules *r);
/* A writer's state starts between changes: its store holds whole changes
 * only, and a writer does not fold every event it loads. */
void ss_rules_part_reset(ss_rules *r);
/* Take ev into the state (whether or not it was allowed, so that a
 * verifier goes on and reports each problem once). */
void ss_rules_fold(ss_rules *r, const ss_rules_event *ev);
/* Whether ev's type only touches requirements (decisions, advice,
 * approvals, assets, systems, the draft, threat scores): a writer with a
 * source need not fold those. */
bool ss_rules_type_is_item(const char *type);

/* A UTC time "YYYY-MM-DDTHH:MM:SSZ" naming a real instant. */
bool ss_rules_time_valid(const char *s);

/* The rule version of the project, once project.create is folded. */
int ss_rules_version(const ss_rules *r);
/* Whether person holds a key that is not revoked. */
bool ss_rules_has_key(const ss_rules *r, const char *person);
/* Proposals whose answer declines them (rules 3; folded in both modes): a
 * milestone over them needs the user side's management too. */
int64_t ss_rules_declined(const ss_rules *r);

/* Reports (new references): members {person: {side, role, active}}; keys
 * [{fingerprint, person, public_key, seq, revoked?}] in registration order;
 * milestones [{name, seq, tree_size, root, spec_hash, catalog_version,
 * needs_management, signatures [{person, side, role, key, time, seq}],
 * timestamps [{seq, time, digest, token}]}] in order. */
json_t *ss_rules_members(const ss_rules *r);
json_t *ss_rules_keys(const ss_rules *r);
json_t *ss_rules_milestones(const ss_rules *r);
/* The negotiation records (rules 3), docs/internals/rules.md "Negotiation
 * report": {vendor, candidates, proposals, costs, laws, contracts,
 * retention, diagnoses, standards, itassets and network (rules 5: only when
 * they hold a record), acknowledgement, rules_proposal}. */
json_t *ss_rules_negotiation(const ss_rules *r);
/* Rules 5: {policy (the sbom.policy record or null), risky (accepted
 * exploitable vulnerabilities), records: [{vuln, component, notice?,
 * analysis?, decision? (with needs_approval), approval?}] ordered by
 * vulnerability and component}; each step is the event's data with seq, by,
 * side, role and time. Folded in both modes. */
json_t *ss_rules_vulns(const ss_rules *r);
/* Rules 5: the accepted vulnerabilities that stay exploitable (a milestone
 * over them needs the user side's management). */
int64_t ss_rules_vuln_risky(const ss_rules *r);
/* Rules 6: {hosts: host -> its newest check run {seq, by, side, role, time,
 * stage, target, counts, verdicts {item: verdict}}, verified: subject ->
 * its newest verification {seq, by, side, role, time, method, result},
 * items: [{item, status, host?}] every implemented item by id, status pass
 * (verified), fail, error (a host's newest run could not check it) or open,
 * switchover: [{entry, record?}] the checklist in order, switchover_runs}.
 * Folded in both modes; a writer reads its requirements from its source.
 * NULL on error. */
json_t *ss_rules_acceptance(ss_rules *r);
/* Rules 6: the newest verification of subject (an item, a checklist entry)
 * as ss_rules_acceptance lists it, or NULL; borrowed until the next fold. */
const json_t *ss_rules_verified(const ss_rules *r, const char *subject);
/* Rules 6: the ids of the switchover checklist, NULL-terminated. */
extern const char *const ss_rules_switchover_entries[];
/* The names of the negotiation's registers, in the order of the report;
 * NULL-terminated. */
extern const char *const ss_rules_registers[];
/* One register of the negotiation (kind as in that report: "proposals",
 * "costs", …): an object from each record's key (its id; the asset of a
 * retention; the standard; "on:ref" of a cost) to the record that stands.
 * Borrowed: valid until the next fold. NULL for an unknown kind. */
const json_t *ss_rules_register(const ss_rules *r, const char *kind);
/* The NDA standing with party ("vendor", or a candidate's id; once a
 * candidate is selected its NDA is the vendor's), or NULL. */
const json_t *ss_rules_nda(const ss_rules *r, const char *party);

/* The digest a trusted timestamp covers: SHA-256 (hex) of the canonical
 * JSON {milestone, project, root, spec_hash, tree_size}. */
int ss_rules_checkpoint_digest(char out[65], const char *project, const char *name,
			       int64_t tree_size, const char *root, const char *spec_hash);
/* The message a new key signs to prove possession:
 * "secspec key registration\n" PROJECT "\n" PERSON "\n" FINGERPRINT. */
int ss_rules_pop_message(char *out, size_t n, const char *project, const char *person,
			 const char *fingerprint);

/* Who is still missing from a milestone's signatures: the user lead, the
 * vendor lead (not for a user-only milestone), and the user side's
 * management when needs_management. Only entries with a key count. New
 * array of role names. */
json_t *ss_rules_milestone_missing(const json_t *signatures, bool needs_management, bool user_only);

#endif
