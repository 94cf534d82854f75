/* The rule book's internals, shared by its files: the state (rules.c), the
 * requirements' table (items.c), the shapes of event data and the data
 * accessors (data.c), the fold and the reports (fold.c). */
#ifndef SS_RULES_INT_H
#define SS_RULES_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules.h"

enum { SIDE_USER, SIDE_VENDOR };

#define NAME_MAX_BYTES 200

/*
 * The verifier's requirements: an open-addressing table of fixed entries
 * keyed by item id (a log of a million decisions and advice events looks an
 * item up per event). Strings keep the lengths the rules read them at
 * (item_state); the decider's name is interned, as a project has few.
 */
typedef struct {
	uint64_t hash;
	bool used, live; /* used: the slot holds an id; live: not retired */
	char sid[22];    /* the id, when it fits (the common case: no pointer to chase) */
	char *id;        /* else the id, on the heap */
	const char *by;
	int64_t seq;
	char policy[32], approval[16];
	char content[65]; /* the catalog item's content hash ("" when not known) */
} item_entry;

typedef struct {
	item_entry *slot;
	size_t cap, used; /* cap a power of two, or 0 */
	char **names;     /* interned deciders: open addressing too */
	size_t ncap, nused;
} item_table;

/* Indexes into shapes[]. */
enum {
	T_PROJECT_CREATE,
	T_MEMBER_ADD,
	T_MEMBER_REMOVE,
	T_PHASE_SET,
	T_ASSET_SET,
	T_SYSTEM_SET,
	T_SPEC_DRAFT,
	T_DECISION_SET,
	T_ADVICE_ADD,
	T_APPROVAL_SET,
	T_KEY_REGISTER,
	T_KEY_REVOKE,
	T_MILESTONE_OPEN,
	T_MILESTONE_SIGN,
	T_MINUTES_ADD,
	T_TIMESTAMP_ADD,
	T_PROJECT_UPGRADE,
	T_CHANGE_OPEN,
	T_CHANGE_ASSESS,
	T_CHANGE_DECIDE,
	T_CHANGE_CLOSE,
	T_THREAT_SCORE,
	/* rules 3 */
	T_PROPOSAL_ADD,
	T_PROPOSAL_ANSWER,
	T_COST_SET,
	T_COST_APPROVE,
	T_CANDIDATE_ADD,
	T_CANDIDATE_DOCUMENT,
	T_NDA_RECORD,
	T_VENDOR_SELECT,
	T_LAW_SET,
	T_ASSET_RETENTION,
	T_CONTRACT_SET,
	T_CONTRACT_AGREE,
	T_TERMS_ACKNOWLEDGE,
	T_STANDARD_SET,
	T_DIAGNOSIS_ADD,
	T_RULES_PROPOSE,
	T_RULES_ACCEPT,
	/* rules 5 */
	T_SBOM_ADD,
	T_SBOM_POLICY,
	T_VULN_NOTICE,
	T_VULN_ANALYSIS,
	T_VULN_DECIDE,
	T_VULN_APPROVE,
	T_ITASSET_SET,
	T_NETWORK_SET,
	/* rules 6 */
	T_CHECK_RUN,
	T_VERIFY_RECORD,
	T_COUNT
};

struct ss_rules {
	char *project;
	int version;
	bool created;
	ss_rules_verify_fn verify;
	const ss_rules_source *src;
	char catalog[128];
	int64_t phase;
	json_t *members; /* person -> {side, role, active} */
	bool lead_ever[2];
	json_t *keys;       /* fingerprint -> {person, public_key, seq, revoked?} */
	json_t *key_order;  /* [fingerprint] */
	json_t *holders;    /* person -> number of keys not revoked */
	json_t *milestones; /* name -> {…, signers {person: true}} */
	json_t *ms_order;   /* [name] */
	json_t *changes;    /* id -> state */
	int64_t nminutes;
	/* verifier mode: the requirements, from the log */
	item_table items; /* id -> {seq, policy, by, approval} */
	bool drafted;
	int64_t risky;
	int64_t last_change;  /* the last event that changed the specification */
	json_t *assets;       /* id -> {seq, level} */
	json_t *systems;      /* name -> seq */
	char last_time[24];   /* of the last event folded */
	int64_t last_seq;     /* the last event folded */
	json_t *upgrade;      /* the upgrade whose change requests are being opened, or NULL */
	bool last_time_known; /* a writer learns it from its store at its first check */
	/* rules 4: the change of several events the last event was part of
	 * (parts 0: none), and its first event's seq, actor, time and key */
	int64_t part, parts, part_seq;
	char part_actor[256], part_time[40], part_key[72];
	/* writer mode: after ITEM_LOOKUPS_BULK lookups through the source, every
	 * item is read at once into items; kept while the events appended touch
	 * no requirement (advice only) */
	int64_t lookups;
	bool items_cached;
	/* the type of the events before, which runs of one type share */
	char last_type[48];
	int last_index;
	int action[T_COUNT]; /* ss_perm_action_of each type */
	/* rules 3: the negotiation's records (negotiate.c): kind -> {key ->
	 * record}, each record {seq, by, side, role, time, data, …} */
	json_t *reg;
	bool vendor_named;    /* the project names its vendor, from the start or by selection */
	char vendor_org[256]; /* the vendor's organisation */
	json_t *vendor_nda;   /* the NDA with the project's vendor, or NULL */
	json_t *selected;     /* the vendor.select record, or NULL */
	json_t *ack;          /* the terms.acknowledge record, or NULL */
	json_t *rules_prop;   /* the pending rules.propose record, or NULL */
	json_t *estimates;    /* change id -> reestimate, from change.assess */
	int64_t declined;     /* proposals whose answer declines them */
	/* the asset or system change after agreement whose change request must
	 * come next: {kind, item}, or NULL */
	json_t *pending;
	bool agreed; /* a milestone of both parties was opened */
	/* rules 5: SBOMs and vulnerabilities (sbom.c). sbom_n: the newest SBOM's
	 * number, and sbom_refs its components (ref -> true), folded by a
	 * verifier (a writer asks its source); policy: the sbom.policy record or
	 * NULL; vulns: "vuln component" -> {vuln, component, notice, analysis,
	 * decision, approval}, folded in both modes */
	int64_t sbom_n;
	json_t *sbom_refs;
	json_t *policy;
	json_t *vulns;
	/* rules 6: acceptance (accept.c), folded in both modes: hosts: host ->
	 * its newest check.run {seq, by, side, time, stage, target, counts,
	 * verdicts {item: verdict}}; verified: subject -> its newest
	 * verify.record {seq, by, side, time, method, result}; switchover_runs:
	 * the check runs recorded during switchover */
	json_t *hosts, *verified;
	int64_t switchover_runs;
	/* the actor of the events before: member, side, role, active, keys;
	 * dropped by a fold that changes members or keys */
	struct {
		bool valid, active, has_key;
		const json_t *m;
		const char *side, *role;
		signed char allowed[SS_ACT_COUNT]; /* -1: not yet asked */
		char person[256];
	} actor;
};

static inline bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Internals of more than one file. The files call downwards only: the
 * checks (rules.c) and the fold (fold.c) call the negotiation's checks and
 * fold (negotiate.c); all three call the state (state.c), which calls the
 * data and rule ids (data.c) and the requirements' table (items.c). */

/* sbom.c */
int ss_rules__check_sbom(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int t);
void ss_rules__fold_sbom(ss_rules *r, const ss_rules_event *ev, int t);
/* accepted vulnerabilities that are exploitable and not fixed: risky, as
 * decisions that accept a risk */
int64_t ss_rules__vuln_risky(const ss_rules *r);
/* the kind of change request r->pending wants, in a sentence */
int ss_rules__pending_hit(ss_rule_hit *h, const ss_rules *r, bool at_end);
/* accept.c */
int ss_rules__check_accept(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int t);
void ss_rules__fold_accept(ss_rules *r, const ss_rules_event *ev, int t);
/* the rules a milestone of stage acceptance or switchover adds */
int ss_rules__check_stage(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev);
/* negotiate.c */
int ss_rules__check_negotiation(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int t);
void ss_rules__fold_negotiation(ss_rules *r, const ss_rules_event *ev, int t);
int ss_rules__needs_version(ss_rule_hit *h, const ss_rules *r, int version, const char *what);

/* state.c */
typedef struct {
	int64_t seq;
	char policy[32], approval[16], hash[65];
	const char *by; /* the writer's source fills by_buf */
	char by_buf[NAME_MAX_BYTES + 1];
} item_state;
/* a writer's item lookups after which every item is read at once */
#define ITEM_LOOKUPS_BULK 64
int ss_rules__item_get(ss_rule_hit *h, ss_rules *r, const char *id, item_state *out);
int ss_rules__asset_get(const ss_rules *r, const char *id, int64_t *seq, int64_t *level);
int ss_rules__source_error(ss_rule_hit *h, int error);
json_t *ss_rules__member(const ss_rules *r, const char *person);
bool ss_rules__active(const json_t *m); /* a member record that is active */
int ss_rules__side_index(const char *side);
int ss_rules__negotiation_init(ss_rules *r);
void ss_rules__negotiation_free(ss_rules *r);

/* items.c */
item_entry *ss_rules__items_find(const item_table *t, const char *id);
const char *ss_rules__items_name(item_table *t, const char *name);
item_entry *ss_rules__items_put(item_table *t, const char *id);
void ss_rules__items_release(item_table *t);

/* data.c: rule hits, shapes, the data accessors and value kinds */
/* part and parts name a place in a change of 2 to SS_RULES_PARTS_MAX events. */
bool ss_rules__part_valid(const ss_rules_event *ev);
int ss_rules__hit(ss_rule_hit *h, ss_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool ss_rules__risky_policy(const char *p);
int ss_rules__check_shape(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int *shape);
int ss_rules__type_index(ss_rules *r, const char *type);
void ss_rules__init_types(ss_rules *r);
int ss_rules__since(int t);
bool ss_rules__dfield(const ss_rules_data *d, const char *key, ss_rules_field *f);
bool ss_rules__dhas(const ss_rules_data *d, const char *key);
int64_t ss_rules__dint(const ss_rules_data *d, const char *key);
const json_t *ss_rules__djson(const ss_rules_data *d, const char *key);
const char *ss_rules__dstr(const ss_rules_data *d, const char *key);
const char *ss_rules__dstr_or_null(const ss_rules_data *d, const char *key);
bool ss_rules__dtrue(const ss_rules_data *d, const char *key);
size_t ss_rules__dlen(const ss_rules_data *d, const char *key);
/* whether a text is empty or white space only: a rules-3 text a rule
 * requires must say something */
bool ss_rules__blank_text(const char *s);
bool ss_rules__blank(const ss_rules_data *d, const char *key);
/* a copy of the data as a jansson object */
json_t *ss_rules__data_copy(const ss_rules_data *d);
bool ss_rules__name_ok(const char *s, size_t n);
bool ss_rules__text_ok(const char *s, size_t n);
bool ss_rules__is_hex(const char *s, size_t n);
bool ss_rules__field_ok(const ss_rules_field *f, char kind);
bool ss_rules__value_ok(const json_t *v, char kind);
bool ss_rules__array_of_texts(const json_t *a);
bool ss_rules__one_of(const char *s, const char *const *set);

#endif
