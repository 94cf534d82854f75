#include <string.h>

#include "cli.h"

static const char usage[] = "secspec spec draft PROJECT --by PERSON\n"
			    "       secspec spec list PROJECT [--section S] [--platform P] "
			    "[--category C] [--status open|decided]";

int cmd_spec(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		CLI_OPT_BY,
		CLI_OPT_FILTER,
		{"status", 1, "only requirements with this status", "この状態の要件だけ"},
		CLI_OPT_END};
	const char *sub = cli_sub(argc, argv);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "spec", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, strcmp(sub, "draft") == 0 ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "draft") == 0) {
		if ((error = ss_spec_draft(&res, st, a.pos[0], cli_opt_get(&a, "by"))) < 0)
			goto out;
		if (a.json)
			cli_print_json(res);
		else
			cli_out(_("drafted %lld requirements from catalog %s into %s; every one "
				  "is open until decided"),
				(long long)json_integer_value(json_object_get(res, "requirements")),
				json_string_value(json_object_get(res, "catalog_version")),
				a.pos[0]);
	} else if (strcmp(sub, "list") == 0) {
		ss_filter f = {cli_opt_get(&a, "section"), cli_opt_get(&a, "platform"),
			       cli_opt_get(&a, "category"), NULL};
		const char *status = cli_opt_get(&a, "status");
		const json_t *r;
		size_t i;

		if (status && strcmp(status, "open") != 0 && strcmp(status, "decided") != 0) {
			error = ss_error_set(SS_EINVAL, "--status must be open or decided");
			goto out;
		}
		if ((error = ss_requirement_list(&res, st, a.pos[0], &f, status)) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(res, i, r) {
				const char *pol = json_string_value(json_object_get(r, "policy"));
				const char *appr =
					json_string_value(json_object_get(r, "approval"));

				cli_out("%-11s %-8s %-12s %-9s %s",
					json_string_value(json_object_get(r, "id")),
					json_string_value(json_object_get(r, "status")),
					pol ? pol : "-",
					appr && strcmp(appr, "none") != 0 ? appr : "",
					json_string_value(json_object_get(
						r, strcmp(a.lang, "ja") == 0 ? "title_ja"
									     : "title_en")));
			}
			cli_out(_("%zu requirements"), json_array_size(res));
		}
	} else {
		return cli_usage_error(usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
