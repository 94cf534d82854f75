#include <string.h>

#include "cli.h"

int cmd_lint(int argc, char **argv)
{
	static const cli_optspec spec[] = {{"rules", 0, "print the lint rules with their severity",
					    "lint の規則を重大度とともに表示する"},
					   CLI_OPT_END};
	ss_store *st = NULL;
	json_t *res = NULL;
	const json_t *f;
	cli_args a;
	size_t i;
	int error, status = 0;

	if ((error = cli_parse(&a, "lint", argc, argv, spec, 0, 1,
			       "secspec lint PROJECT | secspec lint --rules")) < 0)
		return ss_error_exit_status(error);
	if (cli_flag(&a, "rules")) {
		res = ss_lint_rules();
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(res, i, f) {
				cli_out("%-20s %-7s %s",
					json_string_value(json_object_get(f, "id")),
					json_string_value(json_object_get(f, "severity")),
					json_string_value(json_object_get(
						f, strcmp(a.lang, "ja") == 0 ? "summary_ja"
									     : "summary_en")));
			}
		}
		json_decref(res);
		return 0;
	}
	if (a.npos != 1) {
		fprintf(stderr, _("usage: %s\n"), "secspec lint PROJECT");
		return 64;
	}
	if ((error = cli_open(&st, &a, 0)) < 0 || (error = ss_lint(&res, st, a.pos[0])) < 0)
		goto out;
	if (a.json) {
		cli_print_json(res);
	} else {
		json_array_foreach(json_object_get(res, "findings"), i, f) {
			const char *item = json_string_value(json_object_get(f, "item"));
			const char *subj = json_string_value(json_object_get(f, "subject"));
			const char *detail = json_string_value(json_object_get(f, "detail"));

			cli_out("%s: %s [%s] %s%s%s%s",
				item   ? item
				: subj ? subj
				       : a.pos[0],
				json_string_value(json_object_get(f, "severity")),
				json_string_value(json_object_get(f, "rule")),
				json_string_value(json_object_get(f, strcmp(a.lang, "ja") == 0
									     ? "message_ja"
									     : "message_en")),
				detail ? " (" : "", detail ? detail : "", detail ? ")" : "");
			cli_out(_("    fix: %s"), json_string_value(json_object_get(f, "fix")));
		}
		cli_out(_("%s: %lld errors, %lld warnings in %lld requirements"), a.pos[0],
			(long long)json_integer_value(json_object_get(res, "errors")),
			(long long)json_integer_value(json_object_get(res, "warnings")),
			(long long)json_integer_value(json_object_get(res, "requirements")));
	}
	if (json_integer_value(json_object_get(res, "errors")) > 0)
		status = ss_error_exit_status(SS_ERULE);
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : status;
}
