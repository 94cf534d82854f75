/*
 * secspec: risk assessment — assets (kinds of information and operation
 * with their impact) and target systems with their policies.
 */
#ifndef SECSPEC_ASSESS_H
#define SECSPEC_ASSESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "secspec/store.h"

/** Impact axes, each 1..3 (L1..L3). */
typedef struct {
	int duration, reach, damage, trust;
} ss_impact;

typedef struct {
	const char *id;             /**< project-unique asset id, e.g. crm-customers */
	const char *kind;           /**< an asset kind id of the catalog, or "custom" */
	const char *label;          /**< label of a custom kind (required for custom) */
	const char *name;           /**< what the information or operation is */
	const char *system;         /**< target system name; must exist */
	const char *const *devices; /**< devices holding it */
	size_t ndevices;
	const char *const *answer_ids; /**< question ids of the kind */
	const char *const *answers;    /**< the answers, same order */
	size_t nanswers;
	ss_impact impact;
	bool supersede; /**< replace an existing asset of the same id */
} ss_asset_input;

typedef struct {
	const char *name;
	const char *const *devices;
	size_t ndevices;
	const char *const *policies;        /**< policy category ids */
	const char *const *implementations; /**< implementation of each policy */
	size_t nmeasures;
	bool supersede;
	/* rules 3: a system that cannot be replaced, and the measures that make
	 * up for it; both or neither */
	const char *legacy;       /**< why it cannot be replaced */
	const char *compensating; /**< the compensating measures */
} ss_system_input;

/** Parse "L1".."L3" or "1".."3". field names the option for the error. */
int ss_level_parse(int *out, const char *field, const char *s);

int ss_asset_add(ss_store *st, const char *project, const ss_asset_input *in, const char *by);
/**
 * ss_asset_add with a result: {what: "asset", id, change?}. Under rules 3,
 * an asset recorded after a milestone of both parties was opened raises a
 * change request
 * in the same transaction (change: its id; from and to: the asset's level
 * before, "none" for a new asset, and now). ss_system_set likewise gives
 * {what: "system", name, change?} (from: "new", "recorded" or "legacy";
 * to: "recorded" or "legacy").
 */
int ss_asset_set(json_t **out, ss_store *st, const char *project, const ss_asset_input *in,
		 const char *by);
int ss_system_set(json_t **out, ss_store *st, const char *project, const ss_system_input *in,
		  const char *by);
int ss_asset_list(json_t **out, ss_store *st, const char *project);
int ss_system_add(ss_store *st, const char *project, const ss_system_input *in, const char *by);
int ss_system_list(json_t **out, ss_store *st, const char *project);
int ss_system_show(json_t **out, ss_store *st, const char *project, const char *name);

#endif
