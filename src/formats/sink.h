/*
 * Where the importers put what they read: typed rows handed to callbacks that
 * the caller provides. The importers never see the store; core passes a sink
 * that writes each row inside its transaction, the fuzzers and unit tests
 * pass one that checks or counts the rows.
 *
 * Every string of a row is borrowed for the duration of the call only. A NULL
 * callback drops that kind of row. A callback returns 0, or a negative SS_E*
 * code (with its message set) that stops the import with that code.
 */
#ifndef SS_FORMATS_SINK_H
#define SS_FORMATS_SINK_H

#include <stdint.h>

/* An ATT&CK technique, sub-technique, mitigation or tactic. */
typedef struct {
	const char *stix_id, *kind; /* kind: technique, mitigation or tactic */
	const char *ext_id;         /* T1110.001, M1036, TA0006; NULL when none */
	const char *name, *shortname, *description;
	const char *platforms, *tactics; /* canonical JSON arrays of text */
	int revoked, deprecated;
	const char *modified, *version;
} ss_sink_attack;

/* A `mitigates` or `subtechnique-of` relationship between two of the above. */
typedef struct {
	const char *type, *from, *to, *stix_id;
} ss_sink_attack_rel;

/* A CWE weakness, category or view. */
typedef struct {
	const char *kind; /* weakness, category or view */
	int64_t id;
	const char *name, *status, *abstraction, *usage; /* NULL when absent */
	const char *parents; /* canonical JSON array of the ChildOf ids */
} ss_sink_cwe;

/* An ASVS requirement. */
typedef struct {
	const char *id, *level, *description, *cwe; /* cwe NULL when absent */
} ss_sink_asvs;

/* An XCCDF rule; idents is a canonical JSON array of text. */
typedef struct {
	const char *rule_id, *version, *severity, *title, *idents;
} ss_sink_xccdf_rule;

/* An XCCDF profile. It is given again, with its title, once the title is
 * read: a second row for the same profile_id replaces the first. */
typedef struct {
	const char *profile_id, *title;
} ss_sink_xccdf_profile;

/* A rule the profile selects. */
typedef struct {
	const char *profile_id, *rule_id;
} ss_sink_xccdf_select;

typedef struct ss_ref_sink ss_ref_sink;
struct ss_ref_sink {
	void *ctx;
	int (*attack)(ss_ref_sink *s, const ss_sink_attack *row);
	int (*attack_rel)(ss_ref_sink *s, const ss_sink_attack_rel *row);
	int (*cwe)(ss_ref_sink *s, const ss_sink_cwe *row);
	int (*asvs)(ss_ref_sink *s, const ss_sink_asvs *row);
	int (*xccdf_rule)(ss_ref_sink *s, const ss_sink_xccdf_rule *row);
	int (*xccdf_profile)(ss_ref_sink *s, const ss_sink_xccdf_profile *row);
	int (*xccdf_select)(ss_ref_sink *s, const ss_sink_xccdf_select *row);
};

/* Hand a row to the sink: 0 when the callback is NULL. */
#define SS_SINK_PUT(sink, member, row) ((sink)->member ? (sink)->member((sink), (row)) : 0)

#endif
