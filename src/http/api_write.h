/* Handlers of api_write.c: the signed changes beyond decisions, and their reads. */
#ifndef SS_HTTP_API_WRITE_H
#define SS_HTTP_API_WRITE_H

#include "http.h"

int h_asset_set(http_req *rq, http_resp *rs);
int h_system_set(http_req *rq, http_resp *rs);
int h_minutes_add(http_req *rq, http_resp *rs);
int h_proposal_add(http_req *rq, http_resp *rs);
int h_proposal_answer(http_req *rq, http_resp *rs);
int h_cost_set(http_req *rq, http_resp *rs);
int h_cost_approve(http_req *rq, http_resp *rs);
int h_candidate_add(http_req *rq, http_resp *rs);
int h_candidate_document(http_req *rq, http_resp *rs);
int h_nda_record(http_req *rq, http_resp *rs);
int h_vendor_select(http_req *rq, http_resp *rs);
int h_law_set(http_req *rq, http_resp *rs);
int h_retention_set(http_req *rq, http_resp *rs);
int h_contract_set(http_req *rq, http_resp *rs);
int h_contract_agree(http_req *rq, http_resp *rs);
int h_terms_acknowledge(http_req *rq, http_resp *rs);
int h_standard_set(http_req *rq, http_resp *rs);
int h_diagnosis_add(http_req *rq, http_resp *rs);
int h_change_assess(http_req *rq, http_resp *rs);
int h_change_decide(http_req *rq, http_resp *rs);
int h_change_close(http_req *rq, http_resp *rs);
int h_threat_set(http_req *rq, http_resp *rs);
int h_rules_move(http_req *rq, http_resp *rs);
int h_upgrade(http_req *rq, http_resp *rs);
int h_change_show(http_req *rq, http_resp *rs);
int h_rules(http_req *rq, http_resp *rs);
int h_attachment(http_req *rq, http_resp *rs);
int h_attachment_put(http_req *rq, http_resp *rs);
int h_verify_record(http_req *rq, http_resp *rs);
int h_acceptance(http_req *rq, http_resp *rs);
/* Acceptance (ss_acceptance_show) as a reader without an NDA sees it: what
 * a host showed (seen, expected, the path read, the note) and what a
 * verification saw (detail) are null, and withheld says until when. */
void http_acceptance_withhold(json_t *rep);

#endif
