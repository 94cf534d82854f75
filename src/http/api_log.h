/* secspec serve: the log's signed heads, its events for sync, and the
 * parties' witnesses (api_log.c; the rows are in routes.c). */
#ifndef SS_HTTP_API_LOG_H
#define SS_HTTP_API_LOG_H

#include "http.h"

int http_log_signed_head(http_req *rq, http_resp *rs);
int http_log_events(http_req *rq, http_resp *rs);
int http_log_witness(http_req *rq, http_resp *rs);
int http_log_witnesses(http_req *rq, http_resp *rs);

/* Their query and body fields. */
extern const http_field http_q_log_events[];
extern const http_field http_b_log_witness[];

#endif
