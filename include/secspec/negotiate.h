/*
 * secspec: the negotiation between the user and the vendor (rules version 3)
 * — proposals and warnings outside the catalog and the user's answers, who
 * bears which cost, the vendor's selection among candidates under NDA, the
 * laws that bind the assets, how long each asset is kept, the operation and
 * maintenance contracts, the requirement standard, security diagnoses and
 * the acknowledgement that changes after agreement are re-estimated.
 *
 * Every write names the person making it (by), is one transaction that
 * appends one event, and is checked by the rule book first (who may record
 * what, and when): a refusal returns the rule's code with a message ending
 * in "(rule ID)". Records are never edited: a correction is recorded again
 * with supersede set, and names the record it replaces (the rule book
 * refuses a second record without supersede, and core refuses supersede
 * when there is nothing to replace).
 *
 * On success *out (caller frees) is the event's data with "project" and
 * "seq" (the event's number) added.
 */
#ifndef SECSPEC_NEGOTIATE_H
#define SECSPEC_NEGOTIATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secspec/store.h"

/** The largest file recorded by its hash (contracts, NDAs, reports, RFP documents). */
#define SS_DOCUMENT_MAX ((int64_t)64 * 1024 * 1024)

/** A document recorded by its SHA-256 and size (the file itself is not stored). */
typedef struct {
	const char *name; /**< base name of the file (borrowed from the path given) */
	char sha256[65];  /**< lowercase hex */
	int64_t size;     /**< bytes */
} ss_document;

/**
 * Hash a file: a regular file of at most SS_DOCUMENT_MAX bytes (a directory,
 * a FIFO or a device is refused with SS_EINVAL, a larger file with
 * SS_ELIMIT, before it is read). out->name points into path.
 */
int ss_document_read(ss_document *out, const char *path);
/** The document of bytes already in memory, named name (borrowed). */
void ss_document_of(ss_document *out, const char *name, const void *data, size_t len);

/** A proposal or warning outside the catalog, numbered P-0001, P-0002, … */
typedef struct {
	const char *kind;  /**< advice | warning | improvement | foss */
	const char *title; /**< one line */
	const char *text;  /**< what is proposed or warned of, in writing */
	const char *item;  /**< optional: the requirement it concerns */
	/* kind foss only, and then all four: */
	const char *component, *version, *licence;
	const char *defects; /**< the known defects disclosed ("none known" says so) */
} ss_proposal_input;

/** The vendor's side (lead, members, experts; the user side's experts) proposes. */
int ss_proposal_add(json_t **out, ss_store *st, const char *project, const ss_proposal_input *in,
		    const char *by);
/**
 * The user side answers: adopt | decline | defer; a reason is needed unless
 * adopt. supersede replaces the current answer.
 */
int ss_proposal_answer(json_t **out, ss_store *st, const char *project, const char *id,
		       const char *answer, const char *reason, bool supersede, const char *by);
/** Proposals in order, each with its "answer" record if any; open_only: those not answered,
 * or deferred. */
int ss_proposal_list(json_t **out, ss_store *st, const char *project, bool open_only);

/** Who bears the cost of an item, a proposal or a change request. */
typedef struct {
	const char *on;     /**< item | proposal | change */
	const char *ref;    /**< the item id, proposal id (P-0001) or change id */
	const char *bearer; /**< user | vendor | shared */
	const char *basis;  /**< why this party bears it */
	const char *share;  /**< how a shared cost is split (bearer shared only, and then needed) */
	bool has_amount;    /**< amount and currency given */
	int64_t amount;     /**< >= 0, in the currency's units */
	const char *currency; /**< e.g. JPY */
	bool supersede;       /**< replace the current allocation of on/ref */
} ss_cost_input;

int ss_cost_set(json_t **out, ss_store *st, const char *project, const ss_cost_input *in,
		const char *by);
/** The user side's management approves or rejects (a rejection needs a note) the current
 * allocation of on/ref. */
int ss_cost_approve(json_t **out, ss_store *st, const char *project, const char *on,
		    const char *ref, bool approve, const char *note, const char *by);

/** The user side's lead records vendor candidates (before a vendor is selected). */
int ss_candidate_add(json_t **out, ss_store *st, const char *project, const char *id,
		     const char *org, const char *by);
/** A document exchanged with a candidate: kind rfi | rfp | proposal | answer | other. */
int ss_candidate_document(json_t **out, ss_store *st, const char *project, const char *candidate,
			  const char *kind, const ss_document *doc, const char *by);
/** An NDA with a candidate (its id) or with the selected vendor ("vendor"); date and expires
 * YYYY-MM-DD; title and expires optional. supersede: it replaces the NDA standing with that
 * party (a renewal; once a candidate is selected, its NDA is the vendor's). */
int ss_nda_record(json_t **out, ss_store *st, const char *project, const char *party,
		  const char *date, const ss_document *doc, const char *title, const char *expires,
		  bool supersede, const char *by);
/** Select a candidate (under NDA) as the vendor, with the reason; its organisation is the
 * candidate's. */
int ss_vendor_select(json_t **out, ss_store *st, const char *project, const char *candidate,
		     const char *reason, const char *by);

/** A law, regulation or guideline that binds assets of the project. */
typedef struct {
	const char *id, *title;
	const char *kind;               /**< law | regulation | guideline */
	const char *authority, *duties; /**< optional */
	const char *const *assets;      /**< asset ids, at least one */
	size_t nassets;
	const char *review_by; /**< YYYY-MM-DD */
	bool supersede;
} ss_law_input;

int ss_law_set(json_t **out, ss_store *st, const char *project, const ss_law_input *in,
	       const char *by);

/** How long an asset is kept and how it is disposed of. */
typedef struct {
	const char *asset;
	bool keep;          /**< kept (period needed) or disposed of */
	const char *period; /**< how long it is kept */
	const char *method; /**< how it is disposed of (at the end of the period) */
	const char *reason; /**< optional */
	bool supersede;
} ss_retention_input;

int ss_retention_set(json_t **out, ss_store *st, const char *project, const ss_retention_input *in,
		     const char *by);

/** The terms of an operation or maintenance contract; a lead records them, the other side's
 * lead agrees to them. */
typedef struct {
	const char *id;
	const char *kind; /**< operation | maintenance | maintenance-development */
	const char *title, *sla, *diagnosis, *incident;
	const ss_document *document; /**< optional: the contract document */
	bool supersede;
} ss_contract_input;

int ss_contract_set(json_t **out, ss_store *st, const char *project, const ss_contract_input *in,
		    const char *by);
/** Agree to the current terms of contract id. */
int ss_contract_agree(json_t **out, ss_store *st, const char *project, const char *id,
		      const char *by);

/** The user side (lead or management) acknowledges, once, that changes after agreement are
 * re-estimated. */
int ss_terms_acknowledge(json_t **out, ss_store *st, const char *project, const char *text,
			 const char *by);

/** The requirement standard (e.g. asvs 4.0.3, level 2). */
typedef struct {
	const char *standard; /**< an identifier: asvs, … */
	const char *version;
	int level;        /**< 0 to 3 */
	const char *note; /**< optional */
	bool supersede;
} ss_standard_input;

int ss_standard_set(json_t **out, ss_store *st, const char *project, const ss_standard_input *in,
		    const char *by);

/** A security diagnosis, penetration test or review, numbered D-0001, D-0002, … */
typedef struct {
	const char *kind; /**< diagnosis | pentest | review */
	const char *standard, *date, *result;
	const ss_document *report; /**< optional */
	const char *contract;      /**< optional: the contract it was made under */
} ss_diagnosis_input;

int ss_diagnosis_add(json_t **out, ss_store *st, const char *project, const ss_diagnosis_input *in,
		     const char *by);

/** Rules 5: an IT asset of the system by its development category, with its management
 * items (the requirements document's table of IT assets). */
typedef struct {
	const char *id;
	const char *category; /**< application | component | package | platform | hardware */
	const char *name;
	const char *version, *system; /**< optional; system: a target system's name */
	bool permitted;               /**< its use is permitted under asset management */
	const char *permission;       /**< optional: by whom, on what basis */
	const char *licence;   /**< needed for component, package and platform (itasset-items) */
	const char *vuln_link; /**< how it is tied to current vulnerability information; needed
				    for all but application */
	const char *config, *revision, *network, *note; /**< optional */
	bool supersede;
} ss_itasset_input;

int ss_itasset_set(json_t **out, ss_store *st, const char *project, const ss_itasset_input *in,
		   const char *by);

/** Rules 5: one record of the network configuration (a segment, the routing, the firewall, a
 * VPN, a public server, a server holding important assets, a terminal that reaches them, a
 * planned change). The user side's lead or members record it. */
typedef struct {
	const char *id;
	const char *kind; /**< segment | routing | firewall | vpn | public-server | asset-server |
			       terminal | planned-change */
	const char *name, *detail;
	const char *protocols, *address, *auth; /**< optional */
	int encrypted;                          /**< -1 not said, 0 no, 1 yes */
	const char *storage, *system;           /**< optional */
	bool supersede;
} ss_network_input;

int ss_network_set(json_t **out, ss_store *st, const char *project, const ss_network_input *in,
		   const char *by);

/**
 * The negotiation's records as the rule book holds them: {vendor {named,
 * org, selected, nda}, candidates, proposals, costs, laws, contracts,
 * retention, diagnoses, standards, itassets and network (rules 5, only when they hold a
 * record), acknowledgement, rules_proposal, rules}.
 * Each record is its event's data with seq, by, side, role and time.
 */
int ss_negotiation_show(json_t **out, ss_store *st, const char *project);
/** One list of it: kind candidates | proposals | costs | laws | contracts | retention |
 * diagnoses | standards | itassets | network. */
int ss_negotiation_list(json_t **out, ss_store *st, const char *project, const char *kind);

#endif
