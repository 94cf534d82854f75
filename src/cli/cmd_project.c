#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"secspec project create NAME --user ORG --vendor ORG --by PERSON --side user|vendor "
	"[--name DISPLAY] [--catalog-version V]\n"
	"       secspec project list\n"
	"       secspec project show NAME\n"
	"       secspec project phase NAME [STEP --by PERSON [--force --reason TEXT]]\n"
	"       secspec project upgrade NAME --to VERSION --by LEAD";

static const cli_optspec spec[] = {
	{"user", 1},  {"vendor", 1}, {"by", 1}, {"side", 1}, {"name", 1}, {"catalog-version", 1},
	{"force", 0}, {"reason", 1}, {"to", 1}, {NULL, 0}};

static void print_phases(const cli_args *a, const json_t *res)
{
	const json_t *s, *m;
	size_t i, j;

	json_array_foreach(json_object_get(res, "steps"), i, s) {
		const char *state = json_string_value(json_object_get(s, "state"));

		cli_out("%s (%2lld) %s / %s",
			strcmp(state, "current") == 0 ? "=>"
			: strcmp(state, "done") == 0  ? "ok"
						      : "  ",
			(long long)json_integer_value(json_object_get(s, "step")),
			cli_pick(a, json_object_get(s, "stage")),
			cli_pick(a, json_object_get(s, "name")));
		cli_out("        %s: %s", strcmp(a->lang, "ja") == 0 ? "成果物" : "deliverables",
			cli_pick(a, json_object_get(s, "deliverables")));
		json_array_foreach(json_object_get(s, "missing"), j, m) {
			cli_out("        %s: %s", strcmp(a->lang, "ja") == 0 ? "不足" : "missing",
				cli_pick(a, m));
		}
	}
}

int cmd_project(int argc, char **argv)
{
	const char *sub = cli_sub(argc, argv);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "project", argc, argv, spec, 0, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a,
			      strcmp(sub, "create") == 0 || strcmp(sub, "upgrade") == 0 ||
					      (strcmp(sub, "phase") == 0 && a.npos == 2)
				      ? CLI_SIGN
				      : 0)) < 0)
		goto out;
	if (strcmp(sub, "create") == 0 && a.npos == 1) {
		if ((error = ss_project_create(
			     st, a.pos[0], cli_opt_get(&a, "user"), cli_opt_get(&a, "vendor"),
			     cli_opt_get(&a, "catalog-version"), cli_opt_get(&a, "by"),
			     cli_opt_get(&a, "side"), cli_opt_get(&a, "name"))) < 0)
			goto out;
		if ((error = ss_project_show(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json)
			cli_print_json(res);
		else
			cli_out("project %s created, catalog %s, step 1", a.pos[0],
				json_string_value(json_object_get(res, "catalog_version")));
	} else if (strcmp(sub, "list") == 0 && a.npos == 0) {
		const json_t *p;
		size_t i;

		if ((error = ss_project_list(&res, st)) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(res, i, p) {
				cli_out("%-20s step %2lld  catalog %s  %s / %s",
					json_string_value(json_object_get(p, "name")),
					(long long)json_integer_value(json_object_get(p, "phase")),
					json_string_value(json_object_get(p, "catalog_version")),
					json_string_value(json_object_get(p, "user_org")),
					json_string_value(json_object_get(p, "vendor_org")));
			}
		}
	} else if (strcmp(sub, "show") == 0 && a.npos == 1) {
		const json_t *c, *m;
		size_t i;

		if ((error = ss_project_show(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			c = json_object_get(res, "counts");
			cli_out("project   %s", a.pos[0]);
			cli_out("user      %s",
				json_string_value(json_object_get(res, "user_org")));
			cli_out("vendor    %s",
				json_string_value(json_object_get(res, "vendor_org")));
			cli_out("catalog   %s",
				json_string_value(json_object_get(res, "catalog_version")));
			cli_out("step      %lld of 12",
				(long long)json_integer_value(json_object_get(res, "phase")));
			cli_out("events    %lld, head %s",
				(long long)json_integer_value(json_object_get(res, "head_seq")),
				json_string_value(json_object_get(res, "head_hash")));
			cli_out("assets %lld, systems %lld, requirements %lld (decided %lld, open "
				"%lld)",
				(long long)json_integer_value(json_object_get(c, "assets")),
				(long long)json_integer_value(json_object_get(c, "systems")),
				(long long)json_integer_value(json_object_get(c, "requirements")),
				(long long)json_integer_value(json_object_get(c, "decided")),
				(long long)json_integer_value(json_object_get(c, "open")));
			json_array_foreach(json_object_get(res, "members"), i, m) {
				cli_out("  %-7s %-11s %s%s",
					json_string_value(json_object_get(m, "side")),
					json_string_value(json_object_get(m, "role")),
					json_string_value(json_object_get(m, "person")),
					json_is_true(json_object_get(m, "active")) ? ""
										   : " (removed)");
			}
		}
	} else if (strcmp(sub, "upgrade") == 0 && a.npos == 1 && cli_opt_get(&a, "to")) {
		const json_t *x;
		size_t i;

		if ((error = ss_project_upgrade(&res, st, a.pos[0], cli_opt_get(&a, "to"),
						cli_opt_get(&a, "by"))) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			cli_out("project %s moved from catalog %s to %s: %lld decisions carried "
				"over, "
				"%lld items added, %zu change request(s)",
				a.pos[0], json_string_value(json_object_get(res, "from")),
				json_string_value(json_object_get(res, "to")),
				(long long)json_integer_value(json_object_get(res, "carried")),
				(long long)json_integer_value(json_object_get(res, "added")),
				json_array_size(json_object_get(res, "changes")));
			json_array_foreach(json_object_get(res, "changes"), i, x) {
				cli_out("  %s", json_string_value(x));
			}
		}
	} else if (strcmp(sub, "phase") == 0 && (a.npos == 1 || a.npos == 2)) {
		if (a.npos == 2) {
			char *end;
			long step = strtol(a.pos[1], &end, 10);

			if (*end || end == a.pos[1]) {
				error = ss_error_set(SS_EINVAL, "STEP must be a number 1 to 12");
				goto out;
			}
			if ((error = ss_project_phase_set(
				     st, a.pos[0], (int)step, cli_opt_get(&a, "by"),
				     cli_flag(&a, "force"), cli_opt_get(&a, "reason"))) < 0)
				goto out;
		}
		if ((error = ss_project_phases(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json)
			cli_print_json(res);
		else
			print_phases(&a, res);
	} else {
		return cli_usage_error(usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
