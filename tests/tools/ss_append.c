/*
 * A test tool: appends one event to a project through the core's one write
 * path, so that the rule book checks it exactly as it checks the commands'
 * events. The CLI tests use it for records that no command writes yet, and
 * to make projects under an earlier rule version.
 *
 *   ss_append create PROJECT BY SIDE RULES USER_ORG VENDOR_ORG
 *   ss_append PROJECT BY TYPE JSON
 *
 * The database is $SECSPEC_DB; $SECSPEC_KEY (a key file without a
 * passphrase) signs. For decision.set, item_hash and level are filled in
 * from the specification when JSON leaves them out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static int fill_decision(json_t *data, ss_store *st, const ss_write *w)
{
	json_t *req = NULL;
	int level = 0, error;

	if (!json_object_get(data, "item_hash")) {
		if ((error = ss_state_requirement(&req, st, w->pid,
						  ss_js(w->project, "catalog_version"),
						  ss_js(data, "item"))) < 0)
			return error;
		json_object_set_new(data, "item_hash", json_string(ss_js(req, "catalog_hash")));
		json_decref(req);
	}
	if (!json_object_get(data, "level")) {
		if ((error = ss__project_level(&level, st, w->pid)) < 0)
			return error;
		json_object_set_new(data, "level", json_integer(level));
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *db = getenv("SECSPEC_DB"), *keyfile = getenv("SECSPEC_KEY");
	ss_store *st = NULL;
	ss_key *key = NULL;
	json_t *data = NULL;
	ss_write w;
	int error, rc = 0;

	if (argc < 2 || (strcmp(argv[1], "create") == 0 ? argc != 8 : argc != 5)) {
		fprintf(stderr,
			"usage: ss_append create PROJECT BY SIDE RULES USER_ORG VENDOR_ORG\n"
			"       ss_append PROJECT BY TYPE JSON\n");
		return 64;
	}
	if ((error = ss_store_open(&st, db ? db : "secspec.db", 0)) < 0)
		goto out;
	if (keyfile && *keyfile) {
		if ((error = ss_key_load_private(&key, keyfile, NULL)) < 0)
			goto out;
		ss_store_set_signer(st, key);
	}
	if (strcmp(argv[1], "create") == 0) {
		if ((error = ss_write__begin_create(&w, st, argv[2], argv[3], argv[4])) < 0)
			goto out;
		data = json_pack("{s:s, s:s, s:s, s:s, s:i}", "name", argv[2], "user_org", argv[6],
				 "vendor_org", argv[7], "catalog_version", "1.0.0", "rules",
				 atoi(argv[5]));
		error = ss_write__event(&w, "project.create", data);
	} else {
		json_error_t jerr;
		int action = ss_perm_action_of(argv[3]);

		if (!(data = json_loads(argv[4], 0, &jerr))) {
			fprintf(stderr, "ss_append: JSON: %s\n", jerr.text);
			rc = 64;
			goto out;
		}
		if ((error = ss_write__begin(&w, st, argv[1], argv[2],
					     action < 0 ? SS_ACT_MEMBER : (ss_action)action)) < 0) {
			json_decref(data);
			goto out;
		}
		if (strcmp(argv[3], "decision.set") == 0 &&
		    (error = fill_decision(data, st, &w)) < 0) {
			json_decref(data);
			ss_write__release(&w);
			goto out;
		}
		error = ss_write__event(&w, argv[3], data);
	}
	if (error == 0)
		error = ss_write__commit(&w);
	ss_write__release(&w);
out:
	if (error < 0) {
		fprintf(stderr, "ss_append: %s\n", ss_error_last());
		rc = ss_error_exit_status(error);
	}
	ss_key_free(key);
	ss_store_free(st);
	return rc;
}
