/* change, threat and coverage: keeping a project up with the guideline. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void print_change(const json_t *c)
{
	cli_out("%s  %-12s %-12s %s  (%s -> %s)", json_string_value(json_object_get(c, "id")),
		json_string_value(json_object_get(c, "state")),
		json_string_value(json_object_get(c, "kind")),
		json_string_value(json_object_get(c, "item")),
		json_string_value(json_object_get(c, "from_version")),
		json_string_value(json_object_get(c, "to_version")));
}

/* Who records each step of a change request. */
#define CHANGE_BY                                                                                           \
	{                                                                                                   \
		"by", 1,                                                                                    \
			"the member who records this: assess by the vendor, decide by the user "            \
			"(rules 3: "                                                                        \
			"management when re-estimated), close by a lead",                                   \
			"記録する参加者: assess はベンダー、decide はユーザー (規則 3 " \
			"で再見積りなら経営層)、close は責任者"                              \
	}

int cmd_change(int argc, char **argv)
{
	static const cli_optspec list_spec[] = {
		{"state", 1, "only change requests in this state", "この状態の変更要求だけ"},
		CLI_OPT_END};
	static const cli_optspec assess_spec[] = {
		{"note", 1, "the assessment, decision or closing note", "評価・決定・完了の注記"},
		{"reestimate", 1, "what the change re-estimates: none, cost, date or both",
		 "変更に伴う再見積り: none、cost、date、both"},
		CHANGE_BY,
		CLI_OPT_END};
	static const cli_optspec step_spec[] = {
		{"note", 1, "the assessment, decision or closing note", "評価・決定・完了の注記"},
		CHANGE_BY,
		CLI_OPT_END};
	/* TRANSLATORS: keep the syntax lines as they are */
	static const char usage[] = N_(
		"secspec change list PROJECT [--state open|assessed|decided|closed]\n"
		"       secspec change show PROJECT ID\n"
		"       secspec change assess PROJECT ID --note TEXT --reestimate "
		"none|cost|date|both "
		"--by VENDOR\n"
		"       secspec change decide PROJECT ID --note TEXT --by USER\n"
		"       secspec change close PROJECT ID [--note TEXT] --by LEAD\n"
		"  rules 3: a change assessed to re-estimate cost or date is decided by the user "
		"side's\n"
		"  management (--by MANAGER); other changes by the user side's lead or members");
	const char *sub = cli_sub(argc, argv);
	bool writes = strcmp(sub, "assess") == 0 || strcmp(sub, "decide") == 0 ||
		      strcmp(sub, "close") == 0;
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if (cli_wants_help(argc, argv))
		cli_help("change", usage,
			 (const cli_optspec *const[]){list_spec, assess_spec, step_spec, NULL});
	if ((error = cli_parse_sub(&a, "change", argc, argv,
				   strcmp(sub, "assess") == 0 ? assess_spec
				   : writes                   ? step_spec
							      : list_spec,
				   1, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if (cli_opt_get(&a, "state") && strcmp(cli_opt_get(&a, "state"), "open") != 0 &&
	    strcmp(cli_opt_get(&a, "state"), "assessed") != 0 &&
	    strcmp(cli_opt_get(&a, "state"), "decided") != 0 &&
	    strcmp(cli_opt_get(&a, "state"), "closed") != 0) {
		fprintf(stderr, "secspec change: %s\n",
			_("--state must be open, assessed, decided or closed"));
		return 64;
	}
	if ((error = cli_open(&st, &a, writes ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "list") == 0 && a.npos == 1) {
		const json_t *c;
		size_t i;

		if ((error = ss_change_list(&res, st, a.pos[0], cli_opt_get(&a, "state"))) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				json_array_foreach(res, i, c)
					print_change(c);
		}
	} else if (strcmp(sub, "show") == 0 && a.npos == 2) {
		if ((error = ss_change_show(&res, st, a.pos[0], a.pos[1])) == 0) {
			if (a.json) {
				cli_print_json(res);
			} else {
				/* the recorded steps: the key and its label (in English
				 * the key itself, as docs/cli.md shows) */
				static const char *const keys[][2] = {
					/* TRANSLATORS: labels of change show */
					{"assessment", N_("assessment")},
					{"reestimate", N_("reestimate")},
					{"assessed_by", N_("assessed_by")},
					{"decision", N_("decision")},
					{"decided_by", N_("decided_by")},
					{"closing", N_("closing")},
					{"closed_by", N_("closed_by")},
					{NULL, NULL}};
				const json_t *f;
				size_t i;

				print_change(res);
				if (json_object_get(res, "catalog_note"))
					cli_out(_("  catalog: %s"),
						cli_pick(&a, json_object_get(res, "catalog_note")));
				if (json_array_size(json_object_get(res, "fields"))) {
					printf("%s", _("  changed fields:"));
					json_array_foreach(json_object_get(res, "fields"), i, f) {
						printf(" %s", json_string_value(f));
					}
					printf("\n");
				}
				for (size_t k = 0; keys[k][0]; k++)
					if (json_string_value(json_object_get(res, keys[k][0])))
						cli_out("  %s: %s", _(keys[k][1]),
							json_string_value(
								json_object_get(res, keys[k][0])));
			}
		}
	} else if (writes && a.npos == 2) {
		if (strcmp(sub, "assess") == 0)
			error = ss_change_assess(st, a.pos[0], a.pos[1], cli_opt_get(&a, "note"),
						 cli_opt_get(&a, "reestimate"),
						 cli_opt_get(&a, "by"));
		else if (strcmp(sub, "decide") == 0)
			error = ss_change_decide(st, a.pos[0], a.pos[1], cli_opt_get(&a, "note"),
						 cli_opt_get(&a, "by"));
		else
			error = ss_change_close(st, a.pos[0], a.pos[1], cli_opt_get(&a, "note"),
						cli_opt_get(&a, "by"));
		if (error == 0 && (error = ss_change_show(&res, st, a.pos[0], a.pos[1])) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				print_change(res);
		}
	} else {
		return cli_usage_error(usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}

static void print_coverage(FILE *f, const json_t *cov)
{
	const json_t *t, *it;
	size_t i, j;

	json_array_foreach(json_object_get(cov, "techniques"), i, t) {
		bool important = json_is_true(json_object_get(t, "important"));

		fprintf(f, "%-10s %-20s %lld/%lld%s %s",
			json_string_value(json_object_get(t, "technique")),
			json_string_value(json_object_get(t, "state")),
			(long long)json_integer_value(json_object_get(t, "incident")),
			(long long)json_integer_value(json_object_get(t, "ease")),
			important ? " !" : "  ",
			json_string_value(json_object_get(t, "name"))
				? json_string_value(json_object_get(t, "name"))
				: "");
		json_array_foreach(json_object_get(t, "items"), j, it) {
			fprintf(f, "%s%s", j ? ", " : "  [",
				json_string_value(json_object_get(it, "item")));
		}
		fprintf(f, "]\n");
	}
}

/* secspec coverage --catalog V: the ATT&CK mitigations the catalog implements. */
static int catalog_coverage(cli_args *a, ss_store *st, const char *version)
{
	json_t *res = NULL;
	const json_t *m, *c, *it;
	size_t i, j;
	int error;

	if ((error = ss_catalog_coverage(&res, st, version)) < 0)
		return error;
	if (a->json) {
		cli_print_json(res);
		json_decref(res);
		return 0;
	}
	json_array_foreach(json_object_get(res, "mitigations"), i, m) {
		printf("%-6s %-12s %s", json_string_value(json_object_get(m, "id")),
		       json_string_value(json_object_get(m, "state")),
		       json_string_value(json_object_get(m, "name")));
		json_array_foreach(json_object_get(m, "items"), j, it) {
			printf("%s%s", j ? ", " : "  [", json_string_value(it));
		}
		printf("%s\n", json_array_size(json_object_get(m, "items")) ? "]" : "");
		if (json_object_get(m, "excluded"))
			cli_out("       %s", cli_pick(a, json_object_get(m, "excluded")));
	}
	c = json_object_get(res, "counts");
	cli_out(_("catalog %s: %lld covered, %lld left out with a reason, %lld missing, %lld out "
		  "of scope (not for Windows, Linux or network devices)"),
		json_string_value(json_object_get(res, "version")),
		(long long)json_integer_value(json_object_get(c, "covered")),
		(long long)json_integer_value(json_object_get(c, "excluded")),
		(long long)json_integer_value(json_object_get(c, "missing")),
		(long long)json_integer_value(json_object_get(c, "out_of_scope")));
	json_decref(res);
	return 0;
}

int cmd_coverage(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"format", 1, "text, json or navigator (an ATT&CK Navigator layer)",
		 "text、json、navigator (ATT&CK Navigator のレイヤー)"},
		{"o", 1, "write to FILE instead of standard output",
		 "標準出力ではなく FILE に書き出す"},
		{"important", 0, "only the important techniques", "重要な攻撃手法だけ"},
		{"catalog", 1,
		 "the ATT&CK coverage of a catalog version (or latest) instead of a project",
		 "プロジェクトではなくカタログの版 (または latest) の ATT&CK カバレッジ"},
		CLI_OPT_END};
	ss_buf doc = SS_BUF_INIT(0);
	const char *format;
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse(
		     &a, "coverage", argc, argv, spec, 0, 1,
		     "secspec coverage PROJECT [--important] [--format text|json|navigator] "
		     "[-o FILE]\n       secspec coverage --catalog VERSION|latest")) < 0)
		return ss_error_exit_status(error);
	if (cli_opt_get(&a, "catalog")) {
		const char *v = cli_opt_get(&a, "catalog");

		if (a.npos != 0)
			return cli_usage_error("secspec coverage --catalog VERSION|latest", NULL);
		if ((error = cli_open(&st, &a, 0)) == 0)
			error = catalog_coverage(&a, st, strcmp(v, "latest") == 0 ? NULL : v);
		goto out;
	}
	if (a.npos != 1)
		return cli_usage_error("secspec coverage PROJECT [--important] [--format "
				       "text|json|navigator] [-o FILE]",
				       NULL);
	format = cli_opt_get(&a, "format") ? cli_opt_get(&a, "format") : a.json ? "json" : "text";
	if ((error = cli_open(&st, &a, 0)) < 0 || (error = ss_coverage(&res, st, a.pos[0])) < 0)
		goto out;
	if (cli_flag(&a, "important")) {
		json_t *keep = json_array(), *t;
		size_t k;

		json_array_foreach(json_object_get(res, "techniques"), k, t) {
			if (json_is_true(json_object_get(t, "important")))
				json_array_append(keep, t);
		}
		json_object_set_new(res, "techniques", keep);
	}
	if (strcmp(format, "navigator") == 0) {
		error = ss_coverage_navigator(&doc, res);
	} else if (strcmp(format, "json") == 0) {
		char *text = json_dumps(res, JSON_INDENT(2) | JSON_SORT_KEYS);

		error = text ? ss_buf_printf(&doc, "%s\n", text)
			     : ss_error_set(SS_ENOMEM, "out of memory");
		free(text);
	} else if (strcmp(format, "text") == 0) {
		FILE *mem = NULL;
		char *text = NULL;
		size_t len = 0;

		if (!(mem = open_memstream(&text, &len))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
		} else {
			print_coverage(mem, res);
			fclose(mem);
			error = ss_buf_put(&doc, text, len);
		}
		free(text);
	} else {
		error = ss_error_set(SS_EINVAL, "--format must be text, json or navigator");
	}
	if (error == 0) {
		if (cli_opt_get(&a, "o"))
			error = cli_output(cli_opt_get(&a, "o"), doc.ptr, doc.len);
		else
			fwrite(doc.ptr, 1, doc.len, stdout);
	}
out:
	ss_buf_release(&doc);
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}

int cmd_threat(int argc, char **argv)
{
	static const cli_optspec spec[] = {{"incident", 1,
					    "threat score: how likely an incident is (1-3)",
					    "脅威評点: 事故の起こりやすさ (1-3)"},
					   {"ease", 1, "threat score: how easy the attack is (1-3)",
					    "脅威評点: 攻撃の容易さ (1-3)"},
					   {"reason", 1, "why the scores differ from the catalog's",
					    "カタログの評点と異なる理由"},
					   CLI_OPT_BY,
					   CLI_OPT_END};
	static const char usage[] =
		"secspec threat score PROJECT TECHNIQUE --incident 1-3 --ease 1-3 "
		"--reason TEXT --by LEAD";
	ss_store *st = NULL;
	int64_t incident = 0, ease = 0;
	cli_args a;
	int error;

	if (cli_wants_help(argc, argv))
		cli_help("threat", usage, (const cli_optspec *const[]){spec, NULL});
	if (argc < 1 || strcmp(argv[0], "score") != 0)
		return cli_usage_error(usage, NULL);
	if ((error = cli_parse(&a, "threat", argc - 1, argv + 1, spec, 2, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if (ss_parse_int(&incident, cli_opt_get(&a, "incident"), 1, 3) < 0 ||
	    ss_parse_int(&ease, cli_opt_get(&a, "ease"), 1, 3) < 0) {
		error = ss_error_set(SS_EINVAL, "--incident and --ease are 1, 2 or 3");
		goto out;
	}
	if ((error = cli_open(&st, &a, CLI_SIGN)) < 0 ||
	    (error = ss_threat_score(st, a.pos[0], a.pos[1], (int)incident, (int)ease,
				     cli_opt_get(&a, "reason"), cli_opt_get(&a, "by"))) < 0)
		goto out;
	if (a.json) {
		json_t *res =
			json_pack("{s:s, s:s, s:I, s:I, s:s}", "project", a.pos[0], "technique",
				  a.pos[1], "incident", (json_int_t)incident, "ease",
				  (json_int_t)ease, "reason", cli_opt_get(&a, "reason"));

		cli_print_json(res);
		json_decref(res);
	} else {
		cli_out(_("%s scored incident %lld, ease %lld"), a.pos[1], (long long)incident,
			(long long)ease);
	}
out:
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
