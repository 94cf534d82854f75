/* decide, advise, approve, reject: one item, or every item of a filter. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Each command accepts only its own options, so that nothing typed is dropped. */
static const cli_optspec decide_spec[] = {
	{"policy", 1, "the decision: implement, accept, alternative, na or existing",
	 "判断: implement (実装)、accept (受容)、alternative (代替)、na (対象外)、existing (既存)"},
	{"reason", 1, "why, in words the other side will read", "理由 (相手側が読む文章)"},
	{"alternative", 1, "the alternative measure (policy alternative)",
	 "代替策 (alternative のとき)"},
	{"review-by", 1, "the date by which the decision is reviewed (YYYY-MM-DD)",
	 "判断を見直す期日 (YYYY-MM-DD)"},
	CLI_OPT_BY,
	CLI_OPT_FILTER,
	{"open-only", 0, "only the items not yet decided", "未判断の項目だけ"},
	{"scenario", 1, "rules 3: the attack the mitigation would stop (accept, alternative)",
	 "規則 3: 対策が防ぐはずの攻撃 (accept、alternative のとき)"},
	{"owner", 1, "rules 3: who carries out the mitigation: vendor, user or both",
	 "規則 3: 対策の担い手: vendor、user、both"},
	{"duty", 1, "rules 3: the user's part (owner user or both)",
	 "規則 3: ユーザー側の役割 (owner が user か both のとき)"},
	{"evidence", 1, "rules 3: the control the user's environment already provides (existing)",
	 "規則 3: ユーザーの環境が既に備えるコントロール (existing のとき)"},
	CLI_OPT_END};
static const cli_optspec note_spec[] = {
	{"note", 1, "a note recorded with it", "ともに記録する注記"},
	CLI_OPT_BY,
	CLI_OPT_FILTER,
	CLI_OPT_END};

/* A note on what the decision means for the user (stderr, in the message
 * language). */
static void print_notes(const cli_args *a, const json_t *res)
{
	const json_t *n, *id;
	size_t i, j;

	json_array_foreach(json_object_get(res, "notes"), i, n) {
		ss_buf ids = SS_BUF_INIT(4096), shown = SS_BUF_INIT(0);
		const char *text = json_string_value(json_object_get(n, ss_messages_lang()));

		json_array_foreach(json_object_get(n, "items"), j, id) {
			ss_buf_printf(&ids, "%s%s", j ? ", " : "", json_string_value(id));
		}
		if (ss_text_escape(&shown, ids.ptr ? ids.ptr : "", true) == 0)
			fprintf(stderr, _("secspec %s: note: %s: %s\n"), a->cmd, shown.ptr,
				text ? text : "");
		ss_buf_release(&ids);
		ss_buf_release(&shown);
	}
}

/* What was recorded: one item, or how many. */
static void report(const cli_args *a, const json_t *res, const char *policy)
{
	const json_t *items = json_object_get(res, "items");
	const char *id = json_string_value(json_array_get(items, 0));
	size_t n = json_array_size(items);
	bool one = n == 1 && id;

	print_notes(a, res);
	if (a->json)
		cli_print_json(res);
	else if (strcmp(a->cmd, "decide") == 0 && one)
		cli_out(_("%s: decided %s"), id, policy);
	else if (strcmp(a->cmd, "decide") == 0)
		cli_out(_("%zu items: decided %s"), n, policy);
	else if (strcmp(a->cmd, "advise") == 0 && one)
		cli_out(_("%s: advice recorded"), id);
	else if (strcmp(a->cmd, "advise") == 0)
		cli_out(_("%zu items: advice recorded"), n);
	else if (strcmp(a->cmd, "approve") == 0 && one)
		cli_out(_("%s: approved"), id);
	else if (strcmp(a->cmd, "approve") == 0)
		cli_out(_("%zu items: approved"), n);
	else if (one)
		cli_out(_("%s: rejected"), id);
	else
		cli_out(_("%zu items: rejected"), n);
}

static int run(const char *cmd, int argc, char **argv, const char *usage)
{
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	ss_filter f;
	const char *item;
	int error;

	if ((error = cli_parse(&a, cmd, argc, argv,
			       strcmp(cmd, "decide") == 0 ? decide_spec : note_spec, 1, 2, usage)) <
	    0)
		return ss_error_exit_status(error);
	f = (ss_filter){cli_opt_get(&a, "section"), cli_opt_get(&a, "platform"),
			cli_opt_get(&a, "category"), NULL};
	item = a.npos == 2 ? a.pos[1] : NULL;
	if ((error = cli_open(&st, &a, CLI_SIGN)) < 0)
		goto out;
	if (strcmp(cmd, "decide") == 0) {
		ss_decision_input in = {
			.policy = cli_opt_get(&a, "policy"),
			.reason = cli_opt_get(&a, "reason"),
			.alternative = cli_opt_get(&a, "alternative"),
			.review_by = cli_opt_get(&a, "review-by"),
			.scenario = cli_opt_get(&a, "scenario"),
			.owner = cli_opt_get(&a, "owner"),
			.duty = cli_opt_get(&a, "duty"),
			.evidence = cli_opt_get(&a, "evidence"),
		};

		error = ss_decide(&res, st, a.pos[0], item, &f, cli_flag(&a, "open-only"), &in,
				  cli_opt_get(&a, "by"));
	} else if (strcmp(cmd, "advise") == 0) {
		error = ss_advise(&res, st, a.pos[0], item, &f, cli_opt_get(&a, "note"),
				  cli_opt_get(&a, "by"));
	} else {
		bool approve = strcmp(cmd, "approve") == 0;

		error = ss_approve(&res, st, a.pos[0], item, &f, approve, cli_opt_get(&a, "note"),
				   cli_opt_get(&a, "by"));
	}
	if (error == 0)
		report(&a, res, cli_opt_get(&a, "policy") ? cli_opt_get(&a, "policy") : "");
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}

int cmd_decide(int argc, char **argv)
{
	/* TRANSLATORS: keep the first line (the syntax) as it is */
	return run("decide", argc, argv,
		   N_("secspec decide PROJECT [ITEM | --section S --platform P --category C "
		      "[--open-only]] --policy implement|accept|alternative|na|existing "
		      "[--reason TEXT] [--alternative TEXT] [--review-by YYYY-MM-DD] "
		      "[--scenario TEXT] [--owner vendor|user|both [--duty TEXT]] "
		      "[--evidence TEXT] --by PERSON\n"
		      "  rules 3: accept and alternative need --scenario (the attack the "
		      "mitigation would stop);\n"
		      "  implement without --owner records owner vendor (the delivered system); "
		      "alternative needs --owner;\n"
		      "  --owner user or both needs --duty (the user's part); existing (a control "
		      "the user's environment\n"
		      "  already provides) needs --evidence"));
}

int cmd_advise(int argc, char **argv)
{
	return run("advise", argc, argv,
		   "secspec advise PROJECT [ITEM | --section S --platform P --category C] "
		   "--note TEXT --by PERSON");
}

int cmd_approve(int argc, char **argv)
{
	return run("approve", argc, argv,
		   "secspec approve PROJECT [ITEM | --section S --platform P --category C] "
		   "[--note TEXT] --by MANAGER");
}

int cmd_reject(int argc, char **argv)
{
	return run("reject", argc, argv,
		   "secspec reject PROJECT [ITEM | --section S --platform P --category C] "
		   "--note TEXT --by MANAGER");
}
