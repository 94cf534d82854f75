/* Handlers of api_sbom.c: the components (SBOM) and their vulnerabilities. */
#ifndef SS_HTTP_API_SBOM_H
#define SS_HTTP_API_SBOM_H

#include "http.h"
#include "secspec/sbom.h"

int h_sbom_versions(http_req *rq, http_resp *rs);
int h_sbom_show(http_req *rq, http_resp *rs);
int h_sbom_diff(http_req *rq, http_resp *rs);
int h_sbom_policy(http_req *rq, http_resp *rs);
int h_vuln_register(http_req *rq, http_resp *rs);
int h_vuln_match(http_req *rq, http_resp *rs);
int h_vuln_notice(http_req *rq, http_resp *rs);
int h_vuln_analysis(http_req *rq, http_resp *rs);
int h_vuln_decision(http_req *rq, http_resp *rs);
int h_vuln_approval(http_req *rq, http_resp *rs);

#endif
