#include <string.h>

#include "cli.h"

static const char usage[] =
	"secspec member add PROJECT PERSON --side user|vendor "
	"--role lead|member|management|auditor|operations|provider|expert [--name DISPLAY] "
	"--by PERSON\n"
	"       secspec member remove PROJECT PERSON --by PERSON\n"
	"       secspec member list PROJECT";

int cmd_member(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"side", 1, "the person's side: user or vendor", "参加者の側: user または vendor"},
		{"role", 1, "the role (operations, provider and expert are roles of rules 3)",
		 "役割 (operations、provider、expert は規則 3 の役割)"},
		{"name", 1, "the person's display name", "参加者の表示名"},
		CLI_OPT_BY,
		CLI_OPT_END};
	const char *sub = cli_sub(argc, argv);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "member", argc, argv, spec, 0, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, strcmp(sub, "list") == 0 ? 0 : CLI_SIGN)) < 0)
		goto out;
	if (strcmp(sub, "add") == 0 && a.npos == 2) {
		error = ss_member_add(st, a.pos[0], a.pos[1], cli_opt_get(&a, "side"),
				      cli_opt_get(&a, "role"), cli_opt_get(&a, "name"),
				      cli_opt_get(&a, "by"));
		if (error == 0 && !a.json)
			cli_out(_("%s is now a %s-side %s of %s"), a.pos[1],
				cli_opt_get(&a, "side"), cli_opt_get(&a, "role"), a.pos[0]);
	} else if (strcmp(sub, "remove") == 0 && a.npos == 2) {
		error = ss_member_remove(st, a.pos[0], a.pos[1], cli_opt_get(&a, "by"));
		if (error == 0 && !a.json)
			cli_out(_("%s removed from %s"), a.pos[1], a.pos[0]);
	} else if (strcmp(sub, "list") == 0 && a.npos == 1) {
		const json_t *m;
		size_t i;

		if ((error = ss_member_list(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(res, i, m) {
				cli_out("%-7s %-11s %s%s%s%s",
					json_string_value(json_object_get(m, "side")),
					json_string_value(json_object_get(m, "role")),
					json_string_value(json_object_get(m, "person")),
					json_string_value(json_object_get(m, "display_name")) ? "  "
											      : "",
					json_string_value(json_object_get(m, "display_name"))
						? json_string_value(
							  json_object_get(m, "display_name"))
						: "",
					json_is_true(json_object_get(m, "active"))
						? ""
						: _(" (removed)"));
			}
		}
	} else {
		return cli_usage_error(usage, st);
	}
	if (error == 0 && a.json && !res) {
		res = json_pack("{s:b}", "ok", 1);
		cli_print_json(res);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
