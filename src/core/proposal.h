/* The proposal's inside, for the write path (write.c). */
#ifndef SS_CORE_PROPOSAL_H
#define SS_CORE_PROPOSAL_H

#include <jansson.h>
#include <stdbool.h>

#include "secspec/proposal.h"
#include "util/util.h"

/* A bulk decision over a filter is one change of up to a few hundred
 * events; each is signed by hand in a browser, so a bound keeps a proposal
 * small enough to show and sign. */
#define SS_PROPOSAL_MAX 1000

struct ss_proposal {
	char fingerprint[65]; /* "" until chosen */
	char time[SS_TIME_MAX];
	json_t *bodies; /* canonical bodies of this pass */
	json_t *sigs;   /* signatures given, in body order */
	size_t next;    /* the event being written in this pass */
	bool pending;   /* a body lacks its signature: nothing is written */
};

/* A new pass of the write path. */
void ss__proposal_start(ss_proposal *p);
/* The signature given for body i, or NULL. */
const char *ss__proposal_sig(const ss_proposal *p, size_t i);
int ss__proposal_record(ss_proposal *p, const char *body, size_t len);

#endif
