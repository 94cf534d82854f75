/* The verifier's requirements table (rules_int.h). */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void ss_rules__items_release(item_table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slot[i].id);
	for (i = 0; i < t->ncap; i++)
		free(t->names[i]);
	free(t->slot);
	free(t->names);
	memset(t, 0, sizeof(*t));
}

/* The slot of id, or the free slot where it would go (NULL: empty table). */
static const char *item_key(const item_entry *e)
{
	return e->id ? e->id : e->sid;
}

static item_entry *items_slot(const item_table *t, const char *id)
{
	size_t i;

	uint64_t h;

	if (!t->cap)
		return NULL;
	h = str_hash(id);
	for (i = (size_t)h & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
		if (!t->slot[i].used ||
		    (t->slot[i].hash == h && strcmp(item_key(&t->slot[i]), id) == 0))
			return &t->slot[i];
}

item_entry *ss_rules__items_find(const item_table *t, const char *id)
{
	item_entry *e = id ? items_slot(t, id) : NULL;

	return e && e->used && e->live ? e : NULL;
}

static bool items_grow(item_table *t)
{
	item_table n = *t;
	size_t i;

	n.cap = t->cap ? t->cap * 2 : 1024;
	if (!(n.slot = calloc(n.cap, sizeof(*n.slot))))
		return false;
	for (i = 0; i < t->cap; i++)
		if (t->slot[i].used)
			*items_slot(&n, item_key(&t->slot[i])) = t->slot[i];
	free(t->slot);
	*t = n;
	return true;
}

const char *ss_rules__items_name(item_table *t, const char *name)
{
	char cut[NAME_MAX_BYTES + 1], **p;
	size_t i;

	snprintf(cut, sizeof(cut), "%s", name);
	if (t->nused * 2 >= t->ncap) {
		char **old = t->names;
		size_t ocap = t->ncap;

		t->ncap = ocap ? ocap * 2 : 64;
		if (!(t->names = calloc(t->ncap, sizeof(*t->names)))) {
			t->names = old;
			t->ncap = ocap;
			return NULL;
		}
		for (i = 0; i < ocap; i++) {
			size_t j;

			if (!old[i])
				continue;
			for (j = (size_t)str_hash(old[i]) & (t->ncap - 1); t->names[j];
			     j = (j + 1) & (t->ncap - 1))
				;
			t->names[j] = old[i];
		}
		free(old);
	}
	for (i = (size_t)str_hash(cut) & (t->ncap - 1);; i = (i + 1) & (t->ncap - 1)) {
		p = &t->names[i];
		if (!*p)
			break;
		if (strcmp(*p, cut) == 0)
			return *p;
	}
	if (!(*p = strdup(cut)))
		return NULL;
	t->nused++;
	return *p;
}

/* The entry of id, made (live, open) when it is not there; NULL on no memory. */
item_entry *ss_rules__items_put(item_table *t, const char *id)
{
	item_entry *e;

	if ((t->used + 1) * 4 > t->cap * 3 && !items_grow(t))
		return NULL;
	e = items_slot(t, id);
	if (!e->used) {
		size_t n = strlen(id);

		if (n < sizeof(e->sid))
			memcpy(e->sid, id, n + 1);
		else if (!(e->id = strdup(id)))
			return NULL;
		e->used = true;
		e->hash = str_hash(id);
		t->used++;
		e->live = false;
	}
	if (!e->live) {
		e->live = true;
		e->seq = 0;
		e->by = "";
		e->policy[0] = '\0';
		e->content[0] = '\0';
		snprintf(e->approval, sizeof(e->approval), "none");
	}
	return e;
}
