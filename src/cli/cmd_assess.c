/* secspec asset ... and secspec system ... */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char asset_usage[] =
	"secspec asset add PROJECT ID --kind KIND [--label TEXT] --name TEXT --system NAME "
	"[--device D]... [--answer QID=TEXT]... --duration L --reach L --damage L --trust L "
	"[--supersede] --by PERSON\n"
	"       secspec asset list PROJECT";

static const char system_usage[] =
	"secspec system add PROJECT NAME [--device D]... [--measure POLICY=IMPLEMENTATION]... "
	"[--legacy TEXT --compensating TEXT] [--supersede] --by PERSON\n"
	"       secspec system list PROJECT\n"
	"       secspec system show PROJECT NAME";

static const char *const lv[] = {"-", "L1", "L2", "L3"};

/* What a recorded asset or system says: rules 3 raises a change request
 * when the specification was agreed before. */
static void print_recorded(const cli_args *a, json_t *res)
{
	const char *what = json_string_value(json_object_get(res, "what"));
	bool asset = what && strcmp(what, "asset") == 0;
	const char *name = json_string_value(json_object_get(res, asset ? "id" : "name"));
	const char *cr = json_string_value(json_object_get(res, "change"));

	if (a->json) {
		json_object_set_new(res, "ok", json_true());
		cli_print_json(res);
	} else if (cr && asset) {
		cli_out(_("asset %s recorded; change request %s opened (the specification was "
			  "agreed before)"),
			name, cr);
	} else if (cr) {
		cli_out(_("system %s recorded; change request %s opened (the specification was "
			  "agreed before)"),
			name, cr);
	} else if (asset) {
		cli_out(_("asset %s recorded"), name);
	} else {
		cli_out(_("system %s recorded"), name);
	}
}

static const char *level_text(const json_t *v)
{
	json_int_t n = json_integer_value(v);

	return n >= 1 && n <= 3 ? lv[n] : lv[0];
}

/* Split KEY=VALUE pairs of a repeatable option; the strings stay owned by argv. */
static int split_pairs(const cli_opt *o, const char **keys, const char **vals, char *buf,
		       size_t bufsize, const char *what)
{
	size_t i, used = 0;

	for (i = 0; o && i < o->n; i++) {
		const char *eq = strchr(o->values[i], '=');
		size_t klen;

		if (!eq || eq == o->values[i])
			return ss_error_set(SS_EINVAL, "%s '%.60s' must be KEY=VALUE", what,
					    o->values[i]);
		klen = (size_t)(eq - o->values[i]);
		if (used + klen + 1 > bufsize)
			return ss_error_set(SS_ELIMIT, "%s: keys too long", what);
		memcpy(buf + used, o->values[i], klen);
		buf[used + klen] = '\0';
		keys[i] = buf + used;
		vals[i] = eq + 1;
		used += klen + 1;
	}
	return 0;
}

int cmd_asset(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"kind", 1, "the asset kind (see catalog kinds)",
		 "資産の種別 (catalog kinds を参照)"},
		{"label", 1, "a short label shown in the documents", "文書に表示する短いラベル"},
		{"name", 1, "the asset's name", "資産の名前"},
		{"system", 1, "the system that holds the asset", "資産を保持するシステム"},
		{"device", 2, "a device or component of the system", "システムの機器・構成要素"},
		{"answer", 2,
		 "an answer to a question of the asset kind (QID=TEXT; see catalog kinds)",
		 "資産種別の質問への回答 (QID=TEXT。catalog kinds を参照)"},
		{"duration", 1, "impact: how long an incident lasts (L1-L3)",
		 "影響度: 事故の継続期間 (L1-L3)"},
		{"reach", 1, "impact: how far an incident reaches (L1-L3)",
		 "影響度: 事故の影響範囲 (L1-L3)"},
		{"damage", 1, "impact: the damage an incident causes (L1-L3)",
		 "影響度: 事故による損害 (L1-L3)"},
		{"trust", 1, "impact: the loss of trust an incident causes (L1-L3)",
		 "影響度: 事故による信用の失墜 (L1-L3)"},
		{"supersede", 0, "replace the record with the same id instead of refusing it",
		 "同じ ID の記録を拒否せずに置き換える"},
		CLI_OPT_BY,
		CLI_OPT_END};
	const char *sub = cli_sub(argc, argv);
	const char *keys[CLI_MAX_VALUES], *vals[CLI_MAX_VALUES];
	char keybuf[4096];
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "asset", argc, argv, spec, 0, 2, asset_usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, strcmp(sub, "add") == 0 ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "add") == 0 && a.npos == 2) {
		const cli_opt *dev = cli_opt_all(&a, "device"), *ans = cli_opt_all(&a, "answer");
		ss_asset_input in = {
			.id = a.pos[1],
			.kind = cli_opt_get(&a, "kind"),
			.label = cli_opt_get(&a, "label"),
			.name = cli_opt_get(&a, "name"),
			.system = cli_opt_get(&a, "system"),
			.devices = dev ? dev->values : NULL,
			.ndevices = dev ? dev->n : 0,
			.answer_ids = keys,
			.answers = vals,
			.nanswers = ans ? ans->n : 0,
			.supersede = cli_flag(&a, "supersede"),
		};

		if ((error = split_pairs(ans, keys, vals, keybuf, sizeof(keybuf), "--answer")) <
			    0 ||
		    (error = ss_level_parse(&in.impact.duration, "--duration",
					    cli_opt_get(&a, "duration"))) < 0 ||
		    (error = ss_level_parse(&in.impact.reach, "--reach",
					    cli_opt_get(&a, "reach"))) < 0 ||
		    (error = ss_level_parse(&in.impact.damage, "--damage",
					    cli_opt_get(&a, "damage"))) < 0 ||
		    (error = ss_level_parse(&in.impact.trust, "--trust",
					    cli_opt_get(&a, "trust"))) < 0)
			goto out;
		if ((error = ss_asset_set(&res, st, a.pos[0], &in, cli_opt_get(&a, "by"))) < 0)
			goto out;
		print_recorded(&a, res);
	} else if (strcmp(sub, "list") == 0 && a.npos == 1) {
		const json_t *x;
		size_t i;

		if ((error = ss_asset_list(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(res, i, x) {
				cli_out("%-24s %s  %-22s %s / %s (%s %s %s %s)",
					json_string_value(json_object_get(x, "id")),
					level_text(json_object_get(x, "level")),
					json_string_value(json_object_get(x, "kind")),
					json_string_value(json_object_get(x, "system")),
					json_string_value(json_object_get(x, "name")),
					level_text(json_object_get(x, "duration")),
					level_text(json_object_get(x, "reach")),
					level_text(json_object_get(x, "damage")),
					level_text(json_object_get(x, "trust")));
			}
		}
	} else {
		return cli_usage_error(asset_usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}

static void print_system(const json_t *s)
{
	const json_t *m, *d;
	size_t i;

	printf(_("%s  %s  devices:"), json_string_value(json_object_get(s, "name")),
	       level_text(json_object_get(s, "level")));
	json_array_foreach(json_object_get(s, "devices"), i, d) {
		printf("%s %s", i ? "," : "", json_string_value(d));
	}
	printf("\n");
	json_array_foreach(json_object_get(s, "measures"), i, m) {
		cli_out("    %s: %s", json_string_value(json_object_get(m, "policy")),
			json_string_value(json_object_get(m, "implementation")));
	}
}

int cmd_system(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"device", 2, "a device or component of the system", "システムの機器・構成要素"},
		{"measure", 2, "a policy and how the system implements it",
		 "方針とシステムでの実装"},
		{"supersede", 0, "replace the record with the same id instead of refusing it",
		 "同じ ID の記録を拒否せずに置き換える"},
		{"legacy", 1, "rules 3: why the system is legacy and cannot meet a policy",
		 "規則 3: 既存システムで方針を満たせない理由"},
		{"compensating", 1,
		 "rules 3: the compensating control for a legacy system (with --legacy)",
		 "規則 3: 既存システムの代替コントロール (--legacy とともに)"},
		CLI_OPT_BY,
		CLI_OPT_END};
	const char *sub = cli_sub(argc, argv);
	const char *keys[CLI_MAX_VALUES], *vals[CLI_MAX_VALUES];
	char keybuf[4096];
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "system", argc, argv, spec, 0, 2, system_usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, strcmp(sub, "add") == 0 ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "add") == 0 && a.npos == 2) {
		const cli_opt *dev = cli_opt_all(&a, "device"), *ms = cli_opt_all(&a, "measure");
		ss_system_input in = {
			.name = a.pos[1],
			.devices = dev ? dev->values : NULL,
			.ndevices = dev ? dev->n : 0,
			.policies = keys,
			.implementations = vals,
			.nmeasures = ms ? ms->n : 0,
			.supersede = cli_flag(&a, "supersede"),
			.legacy = cli_opt_get(&a, "legacy"),
			.compensating = cli_opt_get(&a, "compensating"),
		};

		if ((error = split_pairs(ms, keys, vals, keybuf, sizeof(keybuf), "--measure")) <
			    0 ||
		    (error = ss_system_set(&res, st, a.pos[0], &in, cli_opt_get(&a, "by"))) < 0)
			goto out;
		print_recorded(&a, res);
	} else if (strcmp(sub, "list") == 0 && a.npos == 1) {
		const json_t *s;
		size_t i;

		if ((error = ss_system_list(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json)
			cli_print_json(res);
		else
			json_array_foreach(res, i, s)
				print_system(s);
	} else if (strcmp(sub, "show") == 0 && a.npos == 2) {
		const json_t *x;
		size_t i;

		if ((error = ss_system_show(&res, st, a.pos[0], a.pos[1])) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			print_system(res);
			json_array_foreach(json_object_get(res, "asset_list"), i, x) {
				cli_out(_("    asset %s %s: %s"),
					json_string_value(json_object_get(x, "id")),
					level_text(json_object_get(x, "level")),
					json_string_value(json_object_get(x, "name")));
			}
		}
	} else {
		return cli_usage_error(system_usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
