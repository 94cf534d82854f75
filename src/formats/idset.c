#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/idset.h"
#include "secspec/common.h"
#include "util/banned.h"

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static char **find(char **slot, size_t cap, const char *s)
{
	size_t i = hash(s) & (cap - 1);

	while (slot[i] && strcmp(slot[i], s) != 0)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static int grow(ss_idset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 1024, i;
	char **slot = calloc(cap, sizeof(*slot));

	if (!slot)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (i = 0; i < set->cap; i++)
		if (set->slot[i])
			*find(slot, cap, set->slot[i]) = set->slot[i];
	free(set->slot);
	set->slot = slot;
	set->cap = cap;
	return 0;
}

int ss_idset_add(ss_idset *set, const char *s)
{
	char **at;
	int error;

	if ((set->len + 1) * 2 > set->cap && (error = grow(set)) < 0)
		return error;
	at = find(set->slot, set->cap, s);
	if (*at)
		return 0;
	if (!(*at = strdup(s)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	set->len++;
	return 0;
}

bool ss_idset_has(const ss_idset *set, const char *s)
{
	return set->cap && *find(set->slot, set->cap, s);
}

void ss_idset_release(ss_idset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	set->slot = NULL;
	set->cap = set->len = 0;
}
