#include "cli.h"

int cmd_init(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"catalog", 1, "load the catalog from this directory instead of the built-in one",
		 "組み込みではなくこのディレクトリのカタログを読み込む"},
		CLI_OPT_END};
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	const char *dir;
	int error;

	if ((error = cli_parse(&a, "init", argc, argv, spec, 0, 0,
			       "secspec init [--db PATH] [--catalog DIR]")) < 0)
		return ss_error_exit_status(error);
	dir = cli_opt_get(&a, "catalog") ? cli_opt_get(&a, "catalog") : ss_catalog_builtin_dir();
	if ((error = cli_open(&st, &a, CLI_CREATE)) < 0 || (error = ss_store_init(st)) < 0 ||
	    (error = ss_catalog_load(&res, st, dir)) < 0)
		goto out;
	if (a.json) {
		json_object_set_new(res, "db", json_string(a.db));
		json_object_set_new(res, "schema_version", json_integer(SS_SCHEMA_VERSION));
		cli_print_json(res);
	} else {
		cli_out(_("database %s ready (schema %d)"), a.db, SS_SCHEMA_VERSION);
		cli_print_loaded(res);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
