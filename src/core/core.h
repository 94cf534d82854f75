/* Internals shared by the core modules: the one write path and permissions. */
#ifndef SS_CORE_H
#define SS_CORE_H

#include <jansson.h>
#include <stdbool.h>

#include "secspec/secspec.h"
#include "rules/rules.h"
#include "secspec/keys.h"
#include "store/state.h"
#include "util/util.h"

/* Limits on text that users type. */
#define SS_NAME_MAX 200  /* ids, person ids, names */
#define SS_TEXT_MAX 4000 /* reasons, notes, alternatives, answers */
#define SS_LIST_MAX 64   /* devices, answers, measures per record */

/* What a change does, and who may: src/ledger/perm.c. */
#include "rules/perm.h"

/* One write: a transaction on one project by one person. */
typedef struct {
	ss_store *st;
	json_t *key;     /* project_key row */
	json_t *project; /* project state row (NULL while creating) */
	json_t *actor;   /* member row of the person making the change */
	int64_t pid;
	int64_t seq; /* seq of the last appended event */
	char prev[SS_SHA256_HEX];
	char time[SS_TIME_MAX];
	ss_buf body;   /* canonical JSON of the event being appended */
	json_t *keys;  /* registered keys, read once per write */
	bool appended; /* events were appended: the head moves at commit */
	bool open;
	ss_rules *rules;     /* the rule book's state, asked before every append */
	ss_rules_source src; /* the requirements, for the rule book, from the store */
	int64_t parts, part; /* rules 4: a change of parts events; the last one made */
} ss_write;

/* Start a write on an existing project: a write transaction, load the project,
 * check that by is an active member allowed to do action, and fold the
 * rule book's state. Every event appended is then checked by the rule book
 * (src/rules/rules.h) first: what it refuses is never written. */
int ss_write__begin(ss_write *w, ss_store *st, const char *project, const char *by,
		    ss_action action);
/* Start the write that creates a project. */
int ss_write__begin_create(ss_write *w, ss_store *st, const char *project, const char *by,
			   const char *side);
/* A change of n events follows (a bulk change): under rules 4 each event
 * carries its place in it, and the commit refuses a change that made
 * another number. Call before the first event; n < 2 changes nothing. */
int ss_write__parts(ss_write *w, size_t n);
/* Append one event; data is stolen. */
int ss_write__event(ss_write *w, const char *type, json_t *data);
int ss_write__commit(ss_write *w);
/* Roll back unless committed, and free. */
void ss_write__release(ss_write *w);

/* Read helpers: a read transaction plus project lookup. */
/* Clear the project's state and rebuild it from its events 1..upto, in the
 * caller's transaction. count: events applied; last: hex hash of the last
 * one (65 bytes); either may be NULL. */
int ss__replay(ss_store *st, int64_t pid, int64_t upto, int64_t *count, char *last);
/* Apply events from..upto on top of the state as it is (after ss__replay
 * up to from - 1). */
int ss__replay_more(ss_store *st, int64_t pid, int64_t from, int64_t upto, int64_t *count,
		    char *last);
/* The document model as of each of sizes[0..n) (ascending event counts), in
 * one pass over the log: fn gets each model and may take it (setting *model
 * to NULL). In a write transaction that is always rolled back. */
int ss__models_as_of(ss_store *st, const char *project, const int64_t *sizes, size_t n,
		     int (*fn)(void *ctx, size_t i, json_t **model), void *ctx);
int ss__project_read(json_t **key_out, json_t **project_out, ss_store *st, const char *name);
/* a catalog item as ss_catalog_show gives it, without resolving its
 * references (one lookup each): for callers that read only its fields */
int ss__catalog_item(json_t **out, ss_store *st, const char *version, const char *id);
/* A verification's detail built a line at a time: at most 3900 bytes of
 * whole lines (a record's text holds 4000); a line that does not fit ends
 * it. Initialise with {.used = 0}. */
typedef struct {
	char text[3901];
	size_t used;
	bool full;
} ss__detail;
void ss__detail_add(ss__detail *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Record res, the answer of a switchover check ({verdict, detail, ...}),
 * as a verification by test of entry; its evidence the SHA-256 of the
 * canonical JSON of res[seen] ("certificates"), or of the whole of res when
 * seen is NULL (it is all what was read, and the verdict). Takes res
 * (freed on error); *out is res with recorded (the event's seq). */
int ss__switchover_test(json_t **out, ss_store *st, const char *project, const char *entry,
			json_t *res, const char *seen, const char *host, bool supersede,
			const char *by);
/* The catalog meta (parsed index) for a version. */
int ss__catalog_meta(json_t **out, ss_store *st, const char *version);
/* What of a catalog item the parties agree to, and so what its content hash
 * covers: the item without its ATT&CK mitigation classification and without
 * the technique its inherited score came from (a new copy). */
json_t *ss__catalog_item_agreed(const json_t *item);
int ss__catalog_item_hash(char hash[SS_SHA256_HEX], const json_t *item);
/* Find {id, ja, en, ...} with id in list array; NULL if absent. */
const json_t *ss__meta_find(const json_t *meta, const char *list, const char *id);
/* Replace integer flag `from` (0/1) of every row with boolean `to`. */
void ss__bool_field(json_t *rows, const char *from, const char *to);
/* Check a filter's ids against a catalog's index: SS_EINVAL naming the
 * unknown id and the known ones. */
int ss__filter_check(const json_t *meta, const ss_filter *f);
/* {step, stage {ja, en}, name {ja, en}} of step 1..12 (phase.c). */
json_t *ss__phase_step(int step);
/* Coverage of the techniques a version cites, from requirements already
 * read (coverage.c); names from the imported ATT&CK when names. */
int ss__coverage(json_t **out, ss_store *st, int64_t pid, const char *version, const json_t *reqs,
		 bool names);
/* Milestones of a project with completeness (agree.c). */
int ss__milestones(json_t **out, ss_store *st, int64_t pid);
/* Fold one stored event into r (the rule book's state). */
int ss__rules_fold_row(ss_rules *r, const ss_event_row *row);
/* The negotiation's records of a project (ss_rules_negotiation), folded
 * from its log up to event upto (INT64_MAX: all of it; a model as of an
 * earlier point is built on a head moved back inside a rolled-back
 * transaction, and later records are not part of it). */
int ss__negotiation(json_t **out, ss_store *st, int64_t pid, const char *project, int64_t upto);
/* The data object of event seq of project pid (SS_ENOTFOUND when the log
 * has no such event). */
int ss__event_data(json_t **out, ss_store *st, int64_t pid, int64_t seq);
/* Rules 3: an asset or system recorded after a milestone of both parties
 * was opened is followed, in the same write, by the change request the rule
 * book expects (rule change-missing): change.open {id, kind, item, from, to,
 * fields}. Under older rules, or before such a milestone (the user's own
 * draft owes none: !due), nothing is appended and id is "". old and data are the record's data
 * before (NULL when new) and now, or both NULL for a change with no fields to list (rules 5:
 * an SBOM version, a vulnerability found); id: 32 bytes. versions.c. */
int ss__change_follow(char *id, ss_write *w, bool due, const char *kind, const char *item,
		      const char *from, const char *to, const json_t *old, const json_t *data);
/* Whether a change of an asset or system now owes a change request (due is
 * what ss__change_follow takes; a writer announces 2 events then). */
int ss__change_due(bool *out, ss_write *w);
/* Highest asset level of a project (0 if none). */
int ss__project_level(int *out, ss_store *st, int64_t pid);

#endif
