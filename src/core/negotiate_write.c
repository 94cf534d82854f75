/*
 * Recording the negotiation (rules 3): one event per call, through the one
 * write path. Core checks the arguments, numbers proposals and diagnoses,
 * and fills what the user does not type (the record a correction
 * supersedes, the allocation an approval concerns, the terms an agreement
 * accepts, the organisation of the selected candidate) from the records as
 * the write's rule book holds them; whether the record is allowed is the
 * rule book's to say.
 */
#include <stdio.h>
#include <string.h>

#include "core/negotiate_int.h"
#include "util/banned.h"

/* --- proposals ---------------------------------------------------------------- */

static const char *const proposal_kinds[] = {"advice", "warning", "improvement", "foss", NULL};
static const char *const answers[] = {"adopt", "decline", "defer", NULL};

int ss_proposal_add(json_t **out, ss_store *st, const char *project, const ss_proposal_input *in,
		    const char *by)
{
	ss_write w = {0};
	char id[32];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_proposal_add: NULL argument");
	if ((error = ss__nego_pick("--kind", in->kind, proposal_kinds,
				   "advice, warning, improvement or foss")) < 0 ||
	    (error = ss__nego_text("--title", in->title, false)) < 0 ||
	    (error = ss__nego_text("--text", in->text, true)) < 0 ||
	    (in->item && (error = ss__nego_name("--item", in->item)) < 0) ||
	    (error = ss__nego_text("--component", in->component, false)) < 0 ||
	    (error = ss__nego_text("--version", in->version, false)) < 0 ||
	    (error = ss__nego_text("--licence", in->licence, false)) < 0 ||
	    (error = ss__nego_text("--defects", in->defects, true)) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "proposal.add")) < 0)
		return error;
	snprintf(id, sizeof(id), "P-%04zu",
		 json_object_size(ss_rules_register(w.rules, "proposals")) + 1);
	/* an empty title or text is the rule book's to refuse (proposal-text) */
	error = ss__nego_append(
		out, &w, project, "proposal.add",
		json_pack("{s:s, s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:s*}", "id", id, "kind",
			  in->kind, "title", in->title ? in->title : "", "text",
			  in->text ? in->text : "", "item", in->item, "component", in->component,
			  "version", in->version, "licence", in->licence, "defects", in->defects));
	ss_write__release(&w);
	return error;
}

int ss_proposal_answer(json_t **out, ss_store *st, const char *project, const char *id,
		       const char *answer, const char *reason, bool supersede, const char *by)
{
	json_t *data = NULL;
	const json_t *p;
	ss_write w = {0};
	char what[80];
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_proposal_answer: NULL argument");
	if ((error = ss__nego_name(N_("the proposal id (P-0001 …)"), id)) < 0 ||
	    (error = ss__nego_pick("--answer", answer, answers, "adopt, decline or defer")) < 0 ||
	    (error = ss__nego_text("--reason", reason, true)) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "proposal.answer")) < 0)
		return error;
	p = ss__nego_record(&w, "proposals", id);
	snprintf(what, sizeof(what), _("an answer to %.40s"), id);
	if (!(data = json_pack("{s:s, s:s, s:s*}", "id", id, "answer", answer, "reason", reason))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss__nego_supersedes(data, json_object_get(p, "answer"), supersede, what)) < 0)
		goto out;
	error = ss__nego_append(out, &w, project, "proposal.answer", data);
	data = NULL;
out:
	ss_write__release(&w);
	json_decref(data);
	return error;
}

/* --- costs -------------------------------------------------------------------- */

static const char *const subjects[] = {"item", "proposal", "change", NULL};
static const char *const bearers[] = {"user", "vendor", "shared", NULL};

/* The current allocation on on/ref, or NULL. */
static const json_t *cost_find(const ss_write *w, const char *on, const char *ref)
{
	const char *key;
	json_t *c;

	json_object_foreach((json_t *)ss_rules_register(w->rules, "costs"), key, c) {
		if (strcmp(ss_js(c, "on"), on) == 0 && strcmp(ss_js(c, "ref"), ref) == 0)
			return c;
	}
	return NULL;
}

static int cost_subject(const char *on, const char *ref)
{
	int error;

	if ((error = ss__nego_pick("--on", on, subjects, "item, proposal or change")) < 0)
		return error;
	return ss__nego_name("--ref", ref);
}

int ss_cost_set(json_t **out, ss_store *st, const char *project, const ss_cost_input *in,
		const char *by)
{
	json_t *data = NULL;
	ss_write w = {0};
	char what[300];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_cost_set: NULL argument");
	if ((error = cost_subject(in->on, in->ref)) < 0 ||
	    (error = ss__nego_pick("--bearer", in->bearer, bearers, "user, vendor or shared")) <
		    0 ||
	    (error = ss__nego_need("--basis", in->basis, "why this party bears the cost")) < 0 ||
	    (error = ss__nego_text("--basis", in->basis, true)) < 0 ||
	    (error = ss__nego_text("--share", in->share, true)) < 0 ||
	    (in->currency && (error = ss__nego_name("--currency", in->currency)) < 0))
		return error;
	if (in->has_amount && in->amount < 0)
		return ss_error_set(SS_EINVAL, "--amount must be 0 or more, not %lld",
				    (long long)in->amount);
	if ((error = ss__nego_begin(&w, st, project, by, "cost.set")) < 0)
		return error;
	/* amount without currency, and share without shared (or shared without
	 * share), are the rule book's to refuse */
	if (!(data = json_pack("{s:s, s:s, s:s, s:s, s:s*, s:s*}", "on", in->on, "ref", in->ref,
			       "bearer", in->bearer, "basis", in->basis, "share", in->share,
			       "currency", in->currency)) ||
	    (in->has_amount &&
	     json_object_set_new(data, "amount", json_integer((json_int_t)in->amount)) < 0)) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	snprintf(what, sizeof(what), _("a cost on %s %.100s"), in->on, in->ref);
	if ((error = ss__nego_supersedes(data, cost_find(&w, in->on, in->ref), in->supersede,
					 what)) < 0)
		goto out;
	error = ss__nego_append(out, &w, project, "cost.set", data);
	data = NULL;
out:
	ss_write__release(&w);
	json_decref(data);
	return error;
}

int ss_cost_approve(json_t **out, ss_store *st, const char *project, const char *on,
		    const char *ref, bool approve, const char *note, const char *by)
{
	const json_t *c;
	ss_write w = {0};
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_cost_approve: NULL argument");
	if ((error = cost_subject(on, ref)) < 0 ||
	    (error = ss__nego_text("--note", note, true)) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "cost.approve")) < 0)
		return error;
	if (!(c = cost_find(&w, on, ref))) {
		error = ss_error_set(SS_ENOTFOUND,
				     "no cost on %s %.100s is recorded: allocate it first with "
				     "'secspec cost set'",
				     on, ref);
		goto out;
	}
	/* an allocation decided already is the rule book's to refuse (record-target) */
	error = ss__nego_append(out, &w, project, "cost.approve",
				json_pack("{s:s, s:s, s:I, s:s, s:s*}", "on", on, "ref", ref,
					  "cost_seq", (json_int_t)ss_ji(c, "seq"), "verdict",
					  approve ? "approved" : "rejected", "note", note));
out:
	ss_write__release(&w);
	return error;
}

/* --- candidates, NDAs and the selection --------------------------------------- */

static const char *const document_kinds[] = {"rfi", "rfp", "proposal", "answer", "other", NULL};

int ss_candidate_add(json_t **out, ss_store *st, const char *project, const char *id,
		     const char *org, const char *by)
{
	ss_write w = {0};
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_candidate_add: NULL argument");
	if ((error = ss__nego_name(N_("the candidate id"), id)) < 0 ||
	    (error = ss__nego_need("--org", org, "the candidate's organisation")) < 0 ||
	    (error = ss__nego_text("--org", org, false)) < 0)
		return error;
	if (!*org)
		return ss_error_set(SS_EINVAL, "--org is empty: name the candidate's organisation");
	if ((error = ss__nego_begin(&w, st, project, by, "candidate.add")) < 0)
		return error;
	error = ss__nego_append(out, &w, project, "candidate.add",
				json_pack("{s:s, s:s}", "id", id, "org", org));
	ss_write__release(&w);
	return error;
}

int ss_candidate_document(json_t **out, ss_store *st, const char *project, const char *candidate,
			  const char *kind, const ss_document *doc, const char *by)
{
	ss_write w = {0};
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_candidate_document: NULL argument");
	if ((error = ss__nego_name(N_("the candidate id"), candidate)) < 0 ||
	    (error = ss__nego_pick("--kind", kind, document_kinds,
				   "rfi, rfp, proposal, answer or other")) < 0 ||
	    (error = ss__nego_need("FILE", doc, "the document exchanged")) < 0 ||
	    (error = ss__nego_need(N_("the document's name"), doc->name, "its file name")) < 0 ||
	    (error = ss__nego_text(N_("the document's name"), doc->name, false)) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "candidate.document")) < 0)
		return error;
	error = ss__nego_append(out, &w, project, "candidate.document",
				json_pack("{s:s, s:s, s:s, s:s, s:I}", "candidate", candidate,
					  "kind", kind, "name", doc->name, "sha256", doc->sha256,
					  "size", (json_int_t)doc->size));
	ss_write__release(&w);
	return error;
}

int ss_nda_record(json_t **out, ss_store *st, const char *project, const char *party,
		  const char *date, const ss_document *doc, const char *title, const char *expires,
		  bool supersede, const char *by)
{
	ss_write w = {0};
	json_t *data = NULL;
	char what[100];
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_nda_record: NULL argument");
	if ((error = ss__nego_need("--party", party,
				   "a candidate's id, or vendor for the selected vendor")) < 0 ||
	    (error = ss__nego_name("--party", party)) < 0 ||
	    (error = ss__nego_need("--date", date, "the day the NDA was signed, YYYY-MM-DD")) < 0 ||
	    (error = ss__nego_date("--date", date)) < 0 ||
	    (error = ss__nego_date("--expires", expires)) < 0 ||
	    (error = ss__nego_text("--title", title, false)) < 0 ||
	    (error = ss__nego_need("FILE", doc, "the signed NDA")) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "nda.record")) < 0)
		return error;
	data = json_pack("{s:s, s:s, s:s, s:s*, s:s*}", "party", party, "date", date, "document",
			 doc->sha256, "title", title, "expires", expires);
	snprintf(what, sizeof(what), _("an NDA with %.60s"), party);
	if (!data) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss__nego_supersedes(data, ss_rules_nda(w.rules, party), supersede, what)) < 0)
		goto out;
	error = ss__nego_append(out, &w, project, "nda.record", data);
	data = NULL;
out:
	ss_write__release(&w);
	json_decref(data);
	return error;
}

int ss_vendor_select(json_t **out, ss_store *st, const char *project, const char *candidate,
		     const char *reason, const char *by)
{
	const json_t *c;
	ss_write w = {0};
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_vendor_select: NULL argument");
	if ((error = ss__nego_name(N_("the candidate id"), candidate)) < 0 ||
	    (error = ss__nego_text("--reason", reason, true)) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "vendor.select")) < 0)
		return error;
	c = ss__nego_record(&w, "candidates", candidate);
	/* an unknown candidate, a missing NDA or reason: the rule book's to refuse */
	error = ss__nego_append(out, &w, project, "vendor.select",
				json_pack("{s:s, s:s, s:s}", "candidate", candidate, "org",
					  c ? ss_js(c, "org") : "", "reason",
					  reason ? reason : ""));
	ss_write__release(&w);
	return error;
}

/* --- laws and retention -------------------------------------------------------- */

static const char *const law_kinds[] = {"law", "regulation", "guideline", NULL};

int ss_law_set(json_t **out, ss_store *st, const char *project, const ss_law_input *in,
	       const char *by)
{
	json_t *data, *assets;
	char what[100];
	size_t i;
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_law_set: NULL argument");
	if ((error = ss__nego_name(N_("the law's id"), in->id)) < 0 ||
	    (error = ss__nego_need("--title", in->title, "the law's name")) < 0 ||
	    (error = ss__nego_text("--title", in->title, false)) < 0 ||
	    (error = ss__nego_pick("--kind", in->kind, law_kinds, "law, regulation or guideline")) <
		    0 ||
	    (error = ss__nego_text("--authority", in->authority, false)) < 0 ||
	    (error = ss__nego_text("--duties", in->duties, true)) < 0 ||
	    (error = ss__nego_need("--review-by", in->review_by,
				   "when the law's hold on the assets is reviewed, YYYY-MM-DD")) <
		    0 ||
	    (error = ss__nego_date("--review-by", in->review_by)) < 0)
		return error;
	if (in->nassets == 0)
		return ss_error_set(SS_EINVAL, "--asset is required: the assets the law binds "
					       "(repeat it for each)");
	if (in->nassets > SS_LIST_MAX)
		return ss_error_set(SS_ELIMIT, "--asset: at most %d", SS_LIST_MAX);
	if (!(assets = json_array()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (i = 0; i < in->nassets; i++) {
		if ((error = ss__nego_name("--asset", in->assets[i])) < 0) {
			json_decref(assets);
			return error;
		}
		json_array_append_new(assets, json_string(in->assets[i]));
	}
	if (!(data = json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:o, s:s}", "id", in->id, "title",
			       in->title, "kind", in->kind, "authority", in->authority, "duties",
			       in->duties, "assets", assets, "review_by", in->review_by)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	snprintf(what, sizeof(what), _("law %.60s"), in->id);
	return ss__nego_set(out, st, project, by, "law.set", data, "laws", "id", in->supersede,
			    what);
}

/* --- IT assets and the network (rules 5) ----------------------------------------- */

/* The category and kind are the rule book's to refuse (event-data), as is
 * an IT asset without the management items of its category (itasset-items). */
int ss_itasset_set(json_t **out, ss_store *st, const char *project, const ss_itasset_input *in,
		   const char *by)
{
	json_t *data;
	char what[100];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_itasset_set: NULL argument");
	if ((error = ss__nego_name(N_("the IT asset's id"), in->id)) < 0 ||
	    (error = ss__nego_need("--category", in->category,
				   "application, component, package, platform or hardware")) < 0 ||
	    (error = ss__nego_need("--name", in->name, "what the IT asset is")) < 0 ||
	    (error = ss__nego_text("--name", in->name, false)) < 0 ||
	    (error = ss__nego_text("--version", in->version, false)) < 0 ||
	    (error = ss__nego_text("--system", in->system, false)) < 0 ||
	    (error = ss__nego_text("--permission", in->permission, true)) < 0 ||
	    (error = ss__nego_text("--licence", in->licence, false)) < 0 ||
	    (error = ss__nego_text("--vuln-link", in->vuln_link, true)) < 0 ||
	    (error = ss__nego_text("--config", in->config, true)) < 0 ||
	    (error = ss__nego_text("--revision", in->revision, false)) < 0 ||
	    (error = ss__nego_text("--network", in->network, false)) < 0 ||
	    (error = ss__nego_text("--note", in->note, true)) < 0)
		return error;
	if (!(data = json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:b, s:s*, s:s*, s:s*, s:s*, s:s*, "
			       "s:s*, s:s*}",
			       "id", in->id, "category", in->category, "name", in->name, "version",
			       in->version, "system", in->system, "permitted", in->permitted,
			       "permission", in->permission, "licence", in->licence, "vuln_link",
			       in->vuln_link, "config", in->config, "revision", in->revision,
			       "network", in->network, "note", in->note)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	snprintf(what, sizeof(what), _("IT asset %.60s"), in->id);
	return ss__nego_set(out, st, project, by, "itasset.set", data, "itassets", "id",
			    in->supersede, what);
}

int ss_network_set(json_t **out, ss_store *st, const char *project, const ss_network_input *in,
		   const char *by)
{
	json_t *data;
	char what[100];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_network_set: NULL argument");
	if ((error = ss__nego_name(N_("the network record's id"), in->id)) < 0 ||
	    (error = ss__nego_need("--kind", in->kind,
				   "segment, routing, firewall, vpn, public-server, asset-server, "
				   "terminal or planned-change")) < 0 ||
	    (error = ss__nego_need("--name", in->name, "what the record is called")) < 0 ||
	    (error = ss__nego_text("--name", in->name, false)) < 0 ||
	    (error = ss__nego_need("--detail", in->detail, "what the record says")) < 0 ||
	    (error = ss__nego_text("--detail", in->detail, true)) < 0 ||
	    (error = ss__nego_text("--protocols", in->protocols, false)) < 0 ||
	    (error = ss__nego_text("--address", in->address, false)) < 0 ||
	    (error = ss__nego_text("--auth", in->auth, false)) < 0 ||
	    (error = ss__nego_text("--storage", in->storage, true)) < 0 ||
	    (error = ss__nego_text("--system", in->system, false)) < 0)
		return error;
	if (!(data = json_pack("{s:s, s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:s*}", "id", in->id,
			       "kind", in->kind, "name", in->name, "detail", in->detail,
			       "protocols", in->protocols, "address", in->address, "auth", in->auth,
			       "storage", in->storage, "system", in->system)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (in->encrypted >= 0)
		json_object_set_new(data, "encrypted", json_boolean(in->encrypted));
	snprintf(what, sizeof(what), _("network record %.60s"), in->id);
	return ss__nego_set(out, st, project, by, "network.set", data, "network", "id",
			    in->supersede, what);
}

int ss_retention_set(json_t **out, ss_store *st, const char *project, const ss_retention_input *in,
		     const char *by)
{
	json_t *data;
	char what[100];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_retention_set: NULL argument");
	if ((error = ss__nego_name(N_("the asset id"), in->asset)) < 0 ||
	    (error = ss__nego_text("--period", in->period, false)) < 0 ||
	    (error = ss__nego_text("--method", in->method, true)) < 0 ||
	    (error = ss__nego_text("--reason", in->reason, true)) < 0)
		return error;
	if (!(data = json_pack("{s:s, s:b, s:s*, s:s, s:s*}", "asset", in->asset, "keep", in->keep,
			       "period", in->period, "method", in->method ? in->method : "",
			       "reason", in->reason)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	snprintf(what, sizeof(what), _("the retention of %.60s"), in->asset);
	return ss__nego_set(out, st, project, by, "asset.retention", data, "retention", "asset",
			    in->supersede, what);
}

/* --- contracts, terms, the standard and diagnoses ------------------------------ */

static const char *const contract_kinds[] = {"operation", "maintenance", "maintenance-development",
					     NULL};
static const char *const diagnosis_kinds[] = {"diagnosis", "pentest", "review", NULL};

int ss_contract_set(json_t **out, ss_store *st, const char *project, const ss_contract_input *in,
		    const char *by)
{
	json_t *data;
	char what[100];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_contract_set: NULL argument");
	if ((error = ss__nego_name(N_("the contract id"), in->id)) < 0 ||
	    (error = ss__nego_pick("--kind", in->kind, contract_kinds,
				   "operation, maintenance or maintenance-development")) < 0 ||
	    (error = ss__nego_need("--title", in->title, "the contract's name")) < 0 ||
	    (error = ss__nego_text("--title", in->title, false)) < 0 ||
	    (error = ss__nego_need("--sla", in->sla, "the service levels agreed")) < 0 ||
	    (error = ss__nego_text("--sla", in->sla, true)) < 0 ||
	    (error = ss__nego_need("--diagnosis", in->diagnosis,
				   "how often and to what standard security is diagnosed, and "
				   "who pays")) < 0 ||
	    (error = ss__nego_text("--diagnosis", in->diagnosis, true)) < 0 ||
	    (error = ss__nego_need("--incident", in->incident,
				   "how incidents are reported and handled")) < 0 ||
	    (error = ss__nego_text("--incident", in->incident, true)) < 0)
		return error;
	if (!(data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s*}", "id", in->id, "kind",
			       in->kind, "title", in->title, "sla", in->sla, "diagnosis",
			       in->diagnosis, "incident", in->incident, "document",
			       in->document ? in->document->sha256 : NULL)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	snprintf(what, sizeof(what), _("contract %.60s"), in->id);
	return ss__nego_set(out, st, project, by, "contract.set", data, "contracts", "id",
			    in->supersede, what);
}

int ss_contract_agree(json_t **out, ss_store *st, const char *project, const char *id,
		      const char *by)
{
	const json_t *c;
	ss_write w = {0};
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_contract_agree: NULL argument");
	if ((error = ss__nego_name(N_("the contract id"), id)) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "contract.agree")) < 0)
		return error;
	c = ss__nego_record(&w, "contracts", id);
	/* an unknown contract, terms agreed already, or the side that wrote
	 * them: the rule book's to refuse */
	error = ss__nego_append(out, &w, project, "contract.agree",
				json_pack("{s:s, s:I}", "id", id, "contract_seq",
					  (json_int_t)(c ? ss_ji(c, "seq") : 0)));
	ss_write__release(&w);
	return error;
}

int ss_terms_acknowledge(json_t **out, ss_store *st, const char *project, const char *text,
			 const char *by)
{
	ss_write w = {0};
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_terms_acknowledge: NULL argument");
	if ((error = ss__nego_need("--text", text,
				   "what is acknowledged, in the words of the terms")) < 0 ||
	    (error = ss__nego_text("--text", text, true)) < 0)
		return error;
	if (!*text)
		return ss_error_set(SS_EINVAL, "--text is empty: quote the terms acknowledged");
	if ((error = ss__nego_begin(&w, st, project, by, "terms.acknowledge")) < 0)
		return error;
	error = ss__nego_append(out, &w, project, "terms.acknowledge",
				json_pack("{s:s}", "text", text));
	ss_write__release(&w);
	return error;
}

int ss_standard_set(json_t **out, ss_store *st, const char *project, const ss_standard_input *in,
		    const char *by)
{
	json_t *data;
	char what[100];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_standard_set: NULL argument");
	if ((error = ss__nego_name(N_("the standard (asvs …)"), in->standard)) < 0 ||
	    (error = ss__nego_need("--version", in->version, "the standard's version")) < 0 ||
	    (error = ss__nego_text("--version", in->version, false)) < 0 ||
	    (error = ss__nego_text("--note", in->note, true)) < 0)
		return error;
	if (in->level < 0 || in->level > 3)
		return ss_error_set(SS_EINVAL, "--level must be 0 to 3, not %d", in->level);
	if (!(data = json_pack("{s:s, s:s, s:i, s:s*}", "standard", in->standard, "version",
			       in->version, "level", in->level, "note", in->note)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	snprintf(what, sizeof(what), _("standard %.60s"), in->standard);
	return ss__nego_set(out, st, project, by, "standard.set", data, "standards", "standard",
			    in->supersede, what);
}

int ss_diagnosis_add(json_t **out, ss_store *st, const char *project, const ss_diagnosis_input *in,
		     const char *by)
{
	ss_write w = {0};
	char id[32];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_diagnosis_add: NULL argument");
	if ((error = ss__nego_pick("--kind", in->kind, diagnosis_kinds,
				   "diagnosis, pentest or review")) < 0 ||
	    (error = ss__nego_need("--standard", in->standard,
				   "what it was measured against (ASVS 4.0.3 L2 …)")) < 0 ||
	    (error = ss__nego_text("--standard", in->standard, false)) < 0 ||
	    (error = ss__nego_need("--date", in->date, "the day it was made, YYYY-MM-DD")) < 0 ||
	    (error = ss__nego_date("--date", in->date)) < 0 ||
	    (error = ss__nego_need("--result", in->result, "what it found")) < 0 ||
	    (error = ss__nego_text("--result", in->result, true)) < 0 ||
	    (in->contract && (error = ss__nego_name("--contract", in->contract)) < 0))
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "diagnosis.add")) < 0)
		return error;
	snprintf(id, sizeof(id), "D-%04zu",
		 json_object_size(ss_rules_register(w.rules, "diagnoses")) + 1);
	error = ss__nego_append(out, &w, project, "diagnosis.add",
				json_pack("{s:s, s:s, s:s, s:s, s:s, s:s*, s:s*}", "id", id, "kind",
					  in->kind, "standard", in->standard, "date", in->date,
					  "result", in->result, "report",
					  in->report ? in->report->sha256 : NULL, "contract",
					  in->contract));
	ss_write__release(&w);
	return error;
}
