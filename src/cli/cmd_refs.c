/* import and refs: reference data from ATT&CK, CWE, ASVS and XCCDF files. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_import(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"version", 1,
		 "the release of the imported data (import) or the catalog version (refs check)",
		 "取り込むデータのリリース (import)、またはカタログの版 (refs check)"},
		CLI_OPT_END};
	static const char usage[] = "secspec import attack|cwe|asvs|xccdf FILE [--version RELEASE]";
	const char *file;
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse(&a, "import", argc, argv, spec, 2, 2, usage)) < 0)
		return ss_error_exit_status(error);
	/* "-": the importers read a pipe in one pass, within the format's limit */
	file = strcmp(a.pos[1], "-") == 0 ? "/dev/stdin" : a.pos[1];
	if ((error = cli_open(&st, &a, 0)) == 0 &&
	    (error = ss_import(&res, st, a.pos[0], file, cli_opt_get(&a, "version"))) == 0) {
		if (a.json) {
			cli_print_json(res);
		} else if (!json_is_true(json_object_get(res, "imported"))) {
			cli_out(_("%s was imported before (source %lld); nothing to do"), a.pos[1],
				(long long)json_integer_value(json_object_get(res, "source")));
		} else {
			const char *k;
			json_t *v;

			const char *sep = ":";

			printf(_("imported %s %s (source %lld)"),
			       json_string_value(json_object_get(res, "name")),
			       json_string_value(json_object_get(res, "version")),
			       (long long)json_integer_value(json_object_get(res, "source")));
			json_object_foreach(json_object_get(res, "counts"), k, v) {
				printf("%s %s %lld", sep, k, (long long)json_integer_value(v));
				sep = ",";
			}
			printf("\n");
		}
	}
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}

int cmd_refs(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"version", 1,
		 "the release of the imported data (import) or the catalog version (refs check)",
		 "取り込むデータのリリース (import)、またはカタログの版 (refs check)"},
		CLI_OPT_END};
	static const char usage[] = "secspec refs list\n"
				    "       secspec refs show ID\n"
				    "       secspec refs check [--version CATALOG-VERSION]";
	const char *sub = cli_sub(argc, argv);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "refs", argc, argv, spec, 0, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, 0)) < 0)
		goto out;
	if (strcmp(sub, "list") == 0 && a.npos == 0) {
		const json_t *s;
		size_t i;

		if ((error = ss_refs_sources(&res, st)) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				json_array_foreach(res, i, s) {
					cli_out("%3lld %-6s %s %s  %s",
						(long long)json_integer_value(
							json_object_get(s, "id")),
						json_string_value(json_object_get(s, "kind")),
						json_string_value(json_object_get(s, "name")),
						json_string_value(json_object_get(s, "version")),
						json_string_value(json_object_get(s, "file")));
				}
		}
	} else if (strcmp(sub, "show") == 0 && a.npos == 1) {
		if ((error = ss_refs_lookup(&res, st, a.pos[0])) == 0) {
			if (a.json) {
				cli_print_json(res);
			} else {
				const char *name = json_string_value(json_object_get(res, "name"));
				const char *title =
					json_string_value(json_object_get(res, "title"));
				const char *desc =
					json_string_value(json_object_get(res, "description"));

				cli_out("%s  %s%s%s", a.pos[0],
					name    ? name
					: title ? title
						: "",
					json_is_true(json_object_get(res, "revoked"))
						? _(" (revoked)")
					: json_is_true(json_object_get(res, "deprecated"))
						? _(" (deprecated)")
						: "",
					"");
				if (desc && *desc)
					cli_out("%s", desc);
			}
		}
	} else if (strcmp(sub, "check") == 0 && a.npos == 0) {
		const json_t *p;
		size_t i;

		error = ss_refs_check_catalog(&res, st, cli_opt_get(&a, "version"));
		if (res && a.json) {
			cli_print_json(res);
		} else if (res) {
			json_array_foreach(json_object_get(res, "problems"), i, p) {
				fprintf(stderr, "%s %s %s: %s\n",
					json_string_value(json_object_get(p, "item")),
					json_string_value(json_object_get(p, "kind")),
					json_string_value(json_object_get(p, "ref")),
					json_string_value(json_object_get(p, "problem")));
			}
			cli_out(_("catalog %s: %lld references checked, %zu problem(s)"),
				json_string_value(json_object_get(res, "version")),
				(long long)json_integer_value(json_object_get(res, "checked")),
				json_array_size(json_object_get(res, "problems")));
		}
	} else {
		return cli_usage_error(usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? (res && error == SS_ERULE ? ss_error_exit_status(error)
						     : cli_fail(&a, error))
			 : 0;
}
