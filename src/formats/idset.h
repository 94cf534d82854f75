/* A set of strings (open addressing), for checks that need to know what an
 * import has already read, such as relationships between STIX objects. */
#ifndef SS_FORMATS_IDSET_H
#define SS_FORMATS_IDSET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char **slot;
	size_t cap, len;
} ss_idset;

#define SS_IDSET_INIT                                                                              \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Add a copy of s; 0 or SS_ENOMEM. */
int ss_idset_add(ss_idset *set, const char *s);
bool ss_idset_has(const ss_idset *set, const char *s);
void ss_idset_release(ss_idset *set);

#endif
