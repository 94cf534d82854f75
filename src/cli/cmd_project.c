#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"secspec project create NAME --user ORG [--vendor ORG] --by PERSON --side user|vendor "
	"[--name DISPLAY] [--catalog-version V] [--rules 1|2|3]\n"
	"       secspec project list\n"
	"       secspec project show NAME\n"
	"       secspec project phase NAME [STEP --by PERSON [--force --reason TEXT]]\n"
	"       secspec project upgrade NAME --to VERSION --by LEAD\n"
	"       secspec project rules NAME [--to N | --accept] [--by LEAD]";

static const cli_optspec spec[] = {
	{"user", 1, "the user company (organisation)", "ユーザー企業 (組織名)"},
	{"vendor", 1,
	 "the vendor (organisation); under rules 3 it may wait until the vendor is selected",
	 "ベンダー (組織名)。規則 3 ではベンダー選定まで省略できる"},
	{"by", 1, "the member who records this (create: the first lead)",
	 "記録する参加者 (create では最初の責任者)"},
	{"side", 1, "the side of the first lead: user or vendor",
	 "最初の責任者の側: user または vendor"},
	{"name", 1, "the project's display name", "プロジェクトの表示名"},
	{"catalog-version", 1, "the catalog version the project uses (default: the newest)",
	 "プロジェクトが使うカタログの版 (既定は最新)"},
	{"force", 0, "move to the step although lint reports errors (needs --reason)",
	 "lint のエラーがあっても手順を進める (--reason が必要)"},
	{"reason", 1, "why, in words the other side will read", "理由 (相手側が読む文章)"},
	{"to", 1, "upgrade: the new catalog version; rules: the rule version proposed",
	 "upgrade: 新しいカタログの版、rules: 提案する規則の版"},
	{"rules", 1, "the rule version (default 3, the newest; 1 and 2 reproduce older evidence)",
	 "規則の版 (既定は最新の 3。1 と 2 は古い証跡の再現用)"},
	{"accept", 0, "accept the other side's proposal to move to new rules",
	 "相手側による規則の版の変更提案を受け入れる"},
	CLI_OPT_END};

static const char *text(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* A rule version typed as an option. */
static int rules_opt(int *out, const char *opt, const char *v)
{
	int64_t n = 0;

	if (ss_parse_int(&n, v, 1, 99) < 0)
		return ss_error_set(SS_EINVAL, "%s must be a rule version 1 to %d, not '%.20s'",
				    opt, ss_rules_newest(), v ? v : "");
	*out = (int)n;
	return 0;
}

static void print_rules(const json_t *res)
{
	const json_t *p = json_object_get(res, "proposal");

	cli_out(_("project %s is under rules version %lld (the newest is %lld)"),
		json_string_value(json_object_get(res, "project")),
		(long long)json_integer_value(json_object_get(res, "rules")),
		(long long)json_integer_value(json_object_get(res, "newest")));
	if (json_is_object(p))
		cli_out(_("  %s (%s side) proposed version %lld at event %lld; the other "
			  "side's lead accepts with --accept"),
			json_string_value(json_object_get(p, "by")),
			json_string_value(json_object_get(p, "side")),
			(long long)json_integer_value(json_object_get(p, "to")),
			(long long)json_integer_value(json_object_get(p, "seq")));
}

static void print_phases(const cli_args *a, const json_t *res)
{
	const json_t *s, *m;
	size_t i, j;

	json_array_foreach(json_object_get(res, "steps"), i, s) {
		const char *state = json_string_value(json_object_get(s, "state"));
		long long step = (long long)json_integer_value(json_object_get(s, "step"));
		const char *stage = cli_pick(a, json_object_get(s, "stage"));
		const char *name = cli_pick(a, json_object_get(s, "name"));

		if (strcmp(state, "current") == 0)
			cli_out("=> (%2lld) %s / %s", step, stage, name);
		else if (strcmp(state, "done") == 0)
			/* TRANSLATORS: a step done; the mark is two columns wide */
			cli_out(_("ok (%2lld) %s / %s"), step, stage, name);
		else
			cli_out("   (%2lld) %s / %s", step, stage, name);
		cli_out(_("        deliverables: %s"),
			cli_pick(a, json_object_get(s, "deliverables")));
		json_array_foreach(json_object_get(s, "missing"), j, m) {
			cli_out(_("        missing: %s"), cli_pick(a, m));
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
					      (strcmp(sub, "phase") == 0 && a.npos == 2) ||
					      (strcmp(sub, "rules") == 0 &&
					       (cli_opt_get(&a, "to") || cli_flag(&a, "accept")))
				      ? CLI_SIGN
				      : 0)) < 0)
		goto out;
	if (strcmp(sub, "create") == 0 && a.npos == 1) {
		ss_project_input in = {.name = a.pos[0],
				       .user_org = cli_opt_get(&a, "user"),
				       .vendor_org = cli_opt_get(&a, "vendor"),
				       .catalog_version = cli_opt_get(&a, "catalog-version"),
				       .by = cli_opt_get(&a, "by"),
				       .by_side = cli_opt_get(&a, "side"),
				       .by_display_name = cli_opt_get(&a, "name")};

		if (cli_opt_get(&a, "rules") &&
		    (error = rules_opt(&in.rules, "--rules", cli_opt_get(&a, "rules"))) < 0)
			goto out;
		if ((error = ss_project_create_from(st, &in)) < 0)
			goto out;
		if ((error = ss_project_show(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json)
			cli_print_json(res);
		else
			cli_out(_("project %s created, catalog %s, step 1"), a.pos[0],
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
				cli_out(_("%-20s step %2lld  catalog %s  %s / %s"),
					json_string_value(json_object_get(p, "name")),
					(long long)json_integer_value(json_object_get(p, "phase")),
					json_string_value(json_object_get(p, "catalog_version")),
					json_string_value(json_object_get(p, "user_org")),
					text(p, "vendor_org")[0] ? text(p, "vendor_org") : "-");
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
			/* TRANSLATORS: the labels of project show are aligned */
			cli_out(_("project   %s"), a.pos[0]);
			cli_out(_("user      %s"),
				json_string_value(json_object_get(res, "user_org")));
			cli_out(_("vendor    %s"), text(res, "vendor_org")[0]
							   ? text(res, "vendor_org")
							   : _("(not selected yet)"));
			cli_out(_("rules     %lld"),
				(long long)json_integer_value(json_object_get(res, "rules")));
			cli_out(_("catalog   %s"),
				json_string_value(json_object_get(res, "catalog_version")));
			cli_out(_("step      %lld of 12"),
				(long long)json_integer_value(json_object_get(res, "phase")));
			cli_out(_("events    %lld, head %s"),
				(long long)json_integer_value(json_object_get(res, "head_seq")),
				json_string_value(json_object_get(res, "head_hash")));
			cli_out(_("assets %lld, systems %lld, requirements %lld "
				  "(decided %lld, open %lld)"),
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
					json_is_true(json_object_get(m, "active"))
						? ""
						: _(" (removed)"));
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
			cli_out(_("project %s moved from catalog %s to %s: %lld decisions carried "
				  "over, %lld items added, %zu change request(s)"),
				a.pos[0], json_string_value(json_object_get(res, "from")),
				json_string_value(json_object_get(res, "to")),
				(long long)json_integer_value(json_object_get(res, "carried")),
				(long long)json_integer_value(json_object_get(res, "added")),
				json_array_size(json_object_get(res, "changes")));
			json_array_foreach(json_object_get(res, "changes"), i, x) {
				cli_out("  %s", json_string_value(x));
			}
		}
	} else if (strcmp(sub, "rules") == 0 && a.npos == 1 &&
		   !(cli_opt_get(&a, "to") && cli_flag(&a, "accept"))) {
		int to = 0;

		if (cli_opt_get(&a, "to") &&
		    (error = rules_opt(&to, "--to", cli_opt_get(&a, "to"))) < 0)
			goto out;
		if (to || cli_flag(&a, "accept")) {
			if ((error = ss_project_rules_move(&res, st, a.pos[0], to,
							   cli_opt_get(&a, "by"))) < 0)
				goto out;
			if (a.json) {
				cli_print_json(res);
			} else if (strcmp(text(res, "step"), "accepted") == 0) {
				cli_out(_("project %s moved to rules version %lld"), a.pos[0],
					(long long)json_integer_value(
						json_object_get(res, "rules")));
			} else {
				cli_out(_("proposed moving %s to rules version %lld; the other "
					  "side's lead accepts with 'secspec project rules %s "
					  "--accept'"),
					a.pos[0],
					(long long)json_integer_value(json_object_get(res, "to")),
					a.pos[0]);
			}
		} else {
			if ((error = ss_project_rules(&res, st, a.pos[0])) < 0)
				goto out;
			if (a.json)
				cli_print_json(res);
			else
				print_rules(res);
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
