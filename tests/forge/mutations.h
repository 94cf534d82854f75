/* The table of forgeries (mutations.c). */
#ifndef SS_TEST_MUTATIONS_H
#define SS_TEST_MUTATIONS_H

#include "forge.h"

typedef struct {
	const char *name;
	/* structure, manifest, canonical, chain, signature, key-lifecycle,
	 * membership, permission, milestone, documents, timestamps; control */
	const char *cls;
	/* rule ids, '|' between alternatives: the verifier must report one;
	 * "" for a control, which must verify */
	const char *rules;
	unsigned flags;            /* FG_* for the rebuild */
	int (*pre)(fg_bundle *b);  /* on the events, before the rebuild */
	int (*post)(fg_bundle *b); /* on files, signatures or the manifest, after it */
	const char *what;
} fg_mutation;

extern const fg_mutation fg_mutations[];

#endif
