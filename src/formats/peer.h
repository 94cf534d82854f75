/*
 * Peers' check results in and out (docs/peer-results.md): OpenSCAP's XCCDF
 * 1.2 results and ARF reports, DISA STIG Viewer's CKL (2.x, XML) and CKLB
 * (3.x, JSON) checklists read into typed rows; a CKLB checklist written
 * from a list of results.
 *
 * Like the other importers (sink.h, sbom.h): one pass over an ss_input,
 * every row handed to a callback as it is read, strings borrowed for the
 * call only, NULL meaning absent. A NULL callback drops that kind of row; a
 * callback returns 0 or a negative SS_E* code (message set) that stops the
 * read with that code. An error may come after rows went to the sink: the
 * caller discards them. JSON-valued fields are canonical JSON text.
 */
#ifndef SS_FORMATS_PEER_H
#define SS_FORMATS_PEER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/import.h"
#include "util/util.h"

/* A verdict, normalised: XCCDF 1.2's result values, which every format
 * maps onto (the table is in docs/peer-results.md). */
typedef enum {
	SS_PEER_PASS,
	SS_PEER_FAIL,
	SS_PEER_ERROR,
	SS_PEER_UNKNOWN,
	SS_PEER_NOTAPPLICABLE,
	SS_PEER_NOTCHECKED,
	SS_PEER_NOTSELECTED,
	SS_PEER_INFORMATIONAL,
	SS_PEER_FIXED,
} ss_peer_status;

#define SS_PEER_STATUS_COUNT 9

/* "pass", "fail", ... "fixed"; NULL for a value out of range. */
const char *ss_peer_status_name(ss_peer_status st);
/* The status named by an XCCDF result value ("pass" ... "fixed"): 0, or
 * SS_EINVAL (no message) for another text. */
int ss_peer_status_parse(ss_peer_status *out, const char *name);
/* The status of a CKL STATUS (NotAFinding, Open, Not_Applicable,
 * Not_Reviewed) or a CKLB status (not_a_finding, open, not_applicable,
 * not_reviewed): 0, or SS_EINVAL (no message). */
int ss_peer_status_ckl(ss_peer_status *out, const char *text);
/* The CKLB status the writer gives st: not_a_finding (pass, fixed), open
 * (fail), not_applicable (notapplicable), else not_reviewed. */
const char *ss_peer_status_cklb(ss_peer_status st);

/* One check run: an XCCDF TestResult, or the checklist of a CKL / CKLB. It
 * is handed after the last of its results. */
typedef struct {
	int run;                       /* 0, 1, ... in the order of the file */
	const char *format;            /* "xccdf", "ckl" or "cklb" */
	const char *id;                /* TestResult@id; CKLB id; NULL for CKL */
	const char *title;             /* TestResult/title; CKLB title */
	const char *tool;              /* TestResult@test-system ("cpe:/a:redhat:openscap:1.3.7");
					  CKL: the comment before the root ("DISA STIG Viewer :: 2.17") */
	const char *benchmark;         /* XCCDF: TestResult/benchmark@id, else the Benchmark's id */
	const char *benchmark_version; /* TestResult@version, else Benchmark/version */
	const char *profile;           /* TestResult/profile@idref */
	const char *identity;          /* TestResult/identity: the account the scan ran as */
	const char *host_name;         /* XCCDF target; CKL HOST_NAME; CKLB target_data.host_name */
	const char *fqdn;      /* XCCDF fact urn:xccdf:fact:asset:identifier:fqdn; HOST_FQDN */
	const char *role;      /* CKL ROLE, CKLB role ("None", "Member Server" ...) */
	const char *addresses; /* JSON array of text: target-address; HOST_IP; ip_address */
	const char *macs;      /* JSON array of text: fact ...:mac; HOST_MAC; mac_address */
	const char *facts;     /* JSON array of {name, type, value}: target-facts/fact */
	const char *start_time, *end_time; /* TestResult@start-time, @end-time */
	const char *scores; /* JSON array of {system, maximum?, score} (text as written) */
	const char *stigs;  /* CKL / CKLB: JSON array of {stig_id, title, version,
			       release_info, uuid?}; "[]" for XCCDF */
	int64_t results;    /* results of this run handed to the sink */
} ss_sink_peer_run;

/* One verdict on one rule. */
typedef struct {
	int run;
	const char *rule_id;   /* XCCDF rule-result@idref; CKL Rule_ID; CKLB rule_id_src,
				  else rule_id ("SV-257777r925318_rule") */
	const char *version;   /* the STIG id: CKL Rule_Ver, CKLB rule_version, the XCCDF
				  Rule's version ("RHEL-09-211010") */
	const char *group_id;  /* CKL Vuln_Num, CKLB group_id; XCCDF: the V- id of a DISA
				  Group around the rule ("V-257777") */
	const char *title;     /* CKL Rule_Title, CKLB rule_title, XCCDF Rule/title */
	const char *benchmark; /* the STIG's stigid / stig_id; the XCCDF benchmark id */
	ss_peer_status status;
	const char *status_text; /* as the file spells it */
	const char *severity;    /* as written, lower case: high, medium, low, info, unknown */
	const char *severity_override, *severity_justification; /* CKL SEVERITY_OVERRIDE /
				   _JUSTIFICATION; CKLB overrides.severity */
	const char *time;                                       /* rule-result@time */
	const char *idents;   /* JSON array of text, in the order found, without repeats:
				 CCE / CCI / SRG / SV- / V- / STIG ids, legacy ids */
	const char *messages; /* JSON array of text, without repeats: rule-result/message;
				 "[]" otherwise */
	const char *finding_details, *comments; /* CKL / CKLB */
} ss_sink_peer_result;

typedef struct ss_peer_sink ss_peer_sink;
struct ss_peer_sink {
	void *ctx;
	int (*result)(ss_peer_sink *s, const ss_sink_peer_result *row);
	int (*run)(ss_peer_sink *s, const ss_sink_peer_run *row);
};

/*
 * The readers. info gets {name, version, counts: {result, run}} and, when
 * the file's metadata is partly invalid, warnings: [text] (the field is then
 * left out of the row). Errors: SS_EPARSE naming the file, the line (XML) or
 * the JSON pointer (CKLB) and the element or field; SS_ELIMIT naming the
 * limit; the input's error. lim NULL means the reader's own limits.
 *
 * ss_format_xccdf_results: an XCCDF 1.1/1.2 document holding TestResults
 * (`oscap xccdf eval --results`), or an ARF report (`--results-arf`);
 * plain or gzip. A rule's title, version and idents come from the benchmark
 * in the same file when it is there (a results file embeds it, an ARF
 * carries it in its report request), joined with the rule-result's own
 * idents. A file without a TestResult (a benchmark, a data stream) is
 * refused with SS_EPARSE.
 */
int ss_format_xccdf_results(ss_peer_sink *out, ss_input *in, const ss_import_limits *lim,
			    json_t *info);
int ss_format_ckl(ss_peer_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_cklb(ss_peer_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);

/* XCCDF results / ARF and CKL (XML, streamed); CKLB (JSON, read whole). */
extern const ss_import_limits ss_peer_xml_limits, ss_cklb_limits;

/* ---- the CKLB writer ---------------------------------------------------- */

typedef struct {
	const char *rule_id;      /* "SV-257777r925318_rule" (required) */
	const char *rule_version; /* the STIG id, "RHEL-09-211010" */
	const char *group_id;     /* "V-257777" */
	const char *group_title;  /* the SRG id, "SRG-OS-000480-GPOS-00227"; NULL: "" */
	const char *title;
	const char *severity; /* high, medium or low (required) */
	ss_peer_status status;
	const char *finding_details, *comments;
	const char *const *ccis; /* NULL-terminated; NULL for none */
} ss_cklb_rule;

typedef struct {
	const char *stig_id;      /* "RHEL_9_STIG" (required) */
	const char *stig_name;    /* "Red Hat Enterprise Linux 9 Security Technical ..." */
	const char *display_name; /* NULL: stig_name */
	const char *version;      /* "2" */
	const char *release_info; /* "Release: 5 Benchmark Date: 02 Jul 2025" */
	const ss_cklb_rule *rules;
	size_t n_rules;
} ss_cklb_stig;

typedef struct {
	const char *ns;    /* a UUID ("6ba7b811-9dad-11d1-80b4-00c04fd430c8") every id
			      of the document derives from, with the content (required) */
	const char *title; /* the checklist's title (required) */
	const char *host_name, *ip_address, *mac_address, *fqdn, *comments;
	const char *role; /* None, Workstation, Member Server, Domain Controller; NULL: None */
	const ss_cklb_stig *stigs;
	size_t n_stigs;
} ss_cklb_doc;

/*
 * Append the CKLB (STIG Viewer 3, cklb_version 1.0) document of doc to out:
 * STIG Viewer's key order, two-space indent, a final newline. The same doc
 * gives the same bytes: no clock, no randomness; the checklist, STIG and
 * rule uuids are UUIDv5 of doc->ns and the checklist title, the STIG id /
 * version / release, the rule id. 0, SS_EINVAL naming the field (a missing
 * required field, a severity or role outside its set, text that is not
 * UTF-8, a repeated rule id in a STIG), SS_ENOMEM, SS_ELIMIT (out's max).
 */
int ss_cklb_write(ss_buf *out, const ss_cklb_doc *doc);

#endif
