/*
 * The negotiation's records (rules 3): proposal, cost, candidate, nda,
 * vendor, law, retention, contract, terms, standard and diagnosis, and (rules
 * 5) itasset and network. Each
 * command group is a table of verbs, `secspec GROUP VERB PROJECT …`, with
 * options named after the event's fields.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
	const char *name;
	const cli_optspec *spec;
	size_t min_pos, max_pos; /* PROJECT included */
	bool writes;
	int (*run)(json_t **out, ss_store *st, const cli_args *a);
	void (*print)(const cli_args *a, const json_t *res);
} verb;

typedef struct {
	const char *name;
	const char *usage;
	const verb *verbs; /* ends with {NULL} */
} group;

static const char *opt(const cli_args *a, const char *name)
{
	return cli_opt_get(a, name);
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static long long num(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

static int whole_number(int64_t *out, const char *opt_name, const char *s, int64_t lo, int64_t hi)
{
	char *end = NULL;
	long long v;

	errno = 0;
	v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v < lo || v > hi)
		return ss_error_set(SS_EINVAL,
				    "%s must be a whole number from %lld to %lld, not '%.40s'",
				    opt_name, (long long)lo, (long long)hi, s ? s : "");
	*out = v;
	return 0;
}

static void print_recorded(const cli_args *a, const json_t *res)
{
	cli_out(_("%s recorded in %s (event %lld)"), a->cmd, str(res, "project"), num(res, "seq"));
}

static int run_group(const group *g, int argc, char **argv)
{
	static const cli_optspec none[] = {CLI_OPT_END};
	const char *sub = cli_sub(argc, argv);
	const verb *v = g->verbs;
	ss_store *st = NULL;
	json_t *res = NULL;
	char cmd[64];
	cli_args a;
	int error;

	if (cli_wants_help(argc, argv)) {
		const cli_optspec *specs[16];
		size_t n = 0;

		for (v = g->verbs; v->name && n + 1 < 16; v++)
			specs[n++] = v->spec;
		specs[n] = NULL;
		cli_help(g->name, g->usage, specs);
	}
	while (v->name && strcmp(v->name, sub) != 0)
		v++;
	if (!v->name) {
		/* anything but --help (above) is a usage error */
		if ((error = cli_parse_sub(&a, g->name, argc, argv, none, 0, CLI_MAX_POS,
					   g->usage)) < 0)
			return ss_error_exit_status(error);
		return cli_usage_error(g->usage, NULL);
	}
	snprintf(cmd, sizeof(cmd), "%s %s", g->name, v->name);
	if ((error = cli_parse_sub(&a, cmd, argc, argv, v->spec, v->min_pos, v->max_pos,
				   g->usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, v->writes ? CLI_SIGN : 0)) < 0 ||
	    (error = v->run(&res, st, &a)) < 0)
		goto out;
	if (a.json)
		cli_print_json(res);
	else
		v->print(&a, res);
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}

/* --- proposal ----------------------------------------------------------------- */

static int proposal_add(json_t **out, ss_store *st, const cli_args *a)
{
	ss_proposal_input in = {opt(a, "kind"),    opt(a, "title"),     opt(a, "text"),
				opt(a, "item"),    opt(a, "component"), opt(a, "version"),
				opt(a, "licence"), opt(a, "defects")};

	return ss_proposal_add(out, st, a->pos[0], &in, opt(a, "by"));
}

static void proposal_added(const cli_args *a, const json_t *res)
{
	(void)a;
	cli_out(_("proposal %s (%s) recorded in %s (event %lld)"), str(res, "id"), str(res, "kind"),
		str(res, "project"), num(res, "seq"));
}

static int proposal_answer(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_proposal_answer(out, st, a->pos[0], a->pos[1], opt(a, "answer"), opt(a, "reason"),
				  cli_flag(a, "supersede"), opt(a, "by"));
}

static void proposal_answered(const cli_args *a, const json_t *res)
{
	(void)a;
	cli_out(_("%s: %s (event %lld)"), str(res, "id"), str(res, "answer"), num(res, "seq"));
}

static int proposal_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_proposal_list(out, st, a->pos[0], cli_flag(a, "open"));
}

static void proposals_print(const cli_args *a, const json_t *res)
{
	const json_t *p, *ans;
	size_t i;

	(void)a;
	json_array_foreach(res, i, p) {
		const char *state;

		ans = json_object_get(p, "answer");
		state = ans ? str(ans, "answer") : "open"; /* the answer's keyword, or open */
		if (json_object_get(p, "item"))
			cli_out(_("%s  %-11s %-7s %s  item %s  (%s)"), str(p, "id"), str(p, "kind"),
				state, str(p, "title"), str(p, "item"), str(p, "by"));
		else
			cli_out("%s  %-11s %-7s %s  (%s)", str(p, "id"), str(p, "kind"), state,
				str(p, "title"), str(p, "by"));
		if (json_object_get(p, "component"))
			cli_out(_("    %s %s (%s); known defects: %s"), str(p, "component"),
				str(p, "version"), str(p, "licence"), str(p, "defects"));
		if (ans && json_object_get(ans, "reason"))
			cli_out(_("    reason (%s): %s"), str(ans, "by"), str(ans, "reason"));
	}
}

static const cli_optspec proposal_add_spec[] = {
	{"kind", 1, "the kind (one of the usage's list)", "種類 (書式に示す一覧から)"},
	{"title", 1, "the title", "表題"},
	{"text", 1, "the text of the proposal, or of the acknowledgement", "提案または了承の本文"},
	{"item", 1, "the catalog item the proposal is about", "提案の対象のカタログ項目"},
	{"component", 1, "FOSS: the component's name", "FOSS: コンポーネント名"},
	{"version", 1, "FOSS: the component's version; standard: the standard's version",
	 "FOSS: コンポーネントの版、standard: 基準の版"},
	{"licence", 1, "FOSS: the component's licence", "FOSS: コンポーネントのライセンス"},
	{"defects", 1, "FOSS: the known defects", "FOSS: 既知の不具合"},
	CLI_OPT_BY,
	CLI_OPT_END};
static const cli_optspec proposal_answer_spec[] = {
	{"answer", 1, "the answer: adopt, decline or defer",
	 "回答: adopt (採用)、decline (不採用)、defer (保留)"},
	{"reason", 1, "why (needed unless the answer is adopt)", "理由 (adopt 以外では必須)"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};
static const cli_optspec open_spec[] = {
	{"open", 0, "only proposals not answered yet", "未回答の提案だけ"}, CLI_OPT_END};
static const cli_optspec no_spec[] = {CLI_OPT_END};

static const group proposal = {
	"proposal",
	"secspec proposal add PROJECT --kind advice|warning|improvement|foss --title TEXT --text "
	"TEXT\n"
	"           [--item ITEM] [--component NAME --version V --licence L --defects TEXT] "
	"--by PERSON\n"
	"       secspec proposal answer PROJECT ID --answer adopt|decline|defer [--reason TEXT] "
	"[--supersede] --by PERSON\n"
	"       secspec proposal list PROJECT [--open]",
	(const verb[]){
		{"add", proposal_add_spec, 1, 1, true, proposal_add, proposal_added},
		{"answer", proposal_answer_spec, 2, 2, true, proposal_answer, proposal_answered},
		{"list", open_spec, 1, 1, false, proposal_list, proposals_print},
		{NULL, NULL, 0, 0, false, NULL, NULL}}};

int cmd_proposal(int argc, char **argv)
{
	return run_group(&proposal, argc, argv);
}

/* --- cost --------------------------------------------------------------------- */

static int cost_set(json_t **out, ss_store *st, const cli_args *a)
{
	ss_cost_input in = {.on = opt(a, "on"),
			    .ref = opt(a, "ref"),
			    .bearer = opt(a, "bearer"),
			    .basis = opt(a, "basis"),
			    .share = opt(a, "share"),
			    .has_amount = opt(a, "amount") != NULL,
			    .currency = opt(a, "currency"),
			    .supersede = cli_flag(a, "supersede")};
	int error;

	if (in.has_amount &&
	    (error = whole_number(&in.amount, "--amount", opt(a, "amount"), 0, INT64_MAX)) < 0)
		return error;
	return ss_cost_set(out, st, a->pos[0], &in, opt(a, "by"));
}

static int cost_verdict(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_cost_approve(out, st, a->pos[0], opt(a, "on"), opt(a, "ref"),
			       strcmp(a->cmd, "cost approve") == 0, opt(a, "note"), opt(a, "by"));
}

static int cost_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "costs");
}

static void costs_print(const cli_args *a, const json_t *res)
{
	const json_t *c, *v;
	char amount[64] = "";
	size_t i;

	(void)a;
	json_array_foreach(res, i, c) {
		v = json_object_get(c, "approval");
		if (json_object_get(c, "amount"))
			snprintf(amount, sizeof(amount), "  %lld %s", num(c, "amount"),
				 str(c, "currency"));
		else
			amount[0] = '\0';
		cli_out("%s %s  %s%s  %s  (%s)", str(c, "on"), str(c, "ref"), str(c, "bearer"),
			amount, v ? str(v, "verdict") : _("awaiting approval"), str(c, "by"));
		cli_out(_("    basis: %s"), str(c, "basis"));
		if (json_object_get(c, "share"))
			cli_out(_("    share: %s"), str(c, "share"));
		if (v && json_object_get(v, "note"))
			cli_out(_("    note (%s): %s"), str(v, "by"), str(v, "note"));
	}
}

static const cli_optspec cost_set_spec[] = {
	{"on", 1, "what the cost is for: item, proposal or change",
	 "費用の対象: item、proposal、change"},
	{"ref", 1, "the id of the item, proposal or change", "項目・提案・変更の ID"},
	{"bearer", 1, "who bears the cost: user, vendor or shared",
	 "費用の負担者: user、vendor、shared"},
	{"basis", 1, "how the cost was estimated", "費用の見積りの根拠"},
	{"amount", 1, "the amount (a whole number, with --currency)",
	 "金額 (整数。--currency とともに)"},
	{"currency", 1, "the currency of the amount (JPY ...)", "金額の通貨 (JPY など)"},
	{"share", 1, "how a shared cost is split (only with bearer shared)",
	 "分担の割合 (bearer が shared のときだけ)"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};
static const cli_optspec cost_verdict_spec[] = {
	{"on", 1, "what the cost is for: item, proposal or change",
	 "費用の対象: item、proposal、change"},
	{"ref", 1, "the id of the item, proposal or change", "項目・提案・変更の ID"},
	{"note", 1, "a note (needed when the cost is rejected)", "注記 (費用を却下するときは必須)"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group cost = {
	"cost",
	"secspec cost set PROJECT --on item|proposal|change --ref REF --bearer user|vendor|shared "
	"--basis TEXT\n"
	"           [--amount N --currency JPY] [--share TEXT] [--supersede] --by PERSON\n"
	"       secspec cost approve|reject PROJECT --on item|proposal|change --ref REF "
	"[--note TEXT] --by MANAGEMENT\n"
	"       secspec cost list PROJECT",
	(const verb[]){{"set", cost_set_spec, 1, 1, true, cost_set, print_recorded},
		       {"approve", cost_verdict_spec, 1, 1, true, cost_verdict, print_recorded},
		       {"reject", cost_verdict_spec, 1, 1, true, cost_verdict, print_recorded},
		       {"list", no_spec, 1, 1, false, cost_list, costs_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

int cmd_cost(int argc, char **argv)
{
	return run_group(&cost, argc, argv);
}

/* --- candidate, nda, vendor --------------------------------------------------- */

/* A document's file, or "-": standard input, read once (as much as a file
 * may hold) and recorded under the name "stdin". */
static int read_document(ss_document *doc, const char *path)
{
	int error;

	if ((error = cli_input(&path, (uint64_t)SS_DOCUMENT_MAX, N_("the document"))) < 0)
		return error;
	return ss_document_read(doc, path);
}

static int candidate_add(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_candidate_add(out, st, a->pos[0], a->pos[1], opt(a, "org"), opt(a, "by"));
}

static int candidate_document(json_t **out, ss_store *st, const cli_args *a)
{
	ss_document doc;
	int error;

	if ((error = read_document(&doc, a->pos[2])) < 0)
		return error;
	return ss_candidate_document(out, st, a->pos[0], a->pos[1], opt(a, "kind"), &doc,
				     opt(a, "by"));
}

static void document_recorded(const cli_args *a, const json_t *res)
{
	(void)a;
	cli_out(_("%s (%s) of %s recorded: %s %lld bytes (event %lld)"), str(res, "name"),
		str(res, "kind"), str(res, "candidate"), str(res, "sha256"), num(res, "size"),
		num(res, "seq"));
}

static int candidate_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "candidates");
}

static void candidates_print(const cli_args *a, const json_t *res)
{
	const json_t *c, *d, *nda;
	size_t i, j;

	(void)a;
	json_array_foreach(res, i, c) {
		nda = json_object_get(c, "nda");
		if (nda)
			cli_out(_("%s  %s  NDA %s"), str(c, "id"), str(c, "org"), str(nda, "date"));
		else
			cli_out(_("%s  %s  no NDA"), str(c, "id"), str(c, "org"));
		json_array_foreach(json_object_get(c, "documents"), j, d) {
			cli_out("    %-8s %s %lld %s", str(d, "kind"), str(d, "sha256"),
				num(d, "size"), str(d, "name"));
		}
	}
}

static int nda_record(json_t **out, ss_store *st, const cli_args *a)
{
	ss_document doc;
	int error;

	if ((error = read_document(&doc, a->pos[1])) < 0)
		return error;
	return ss_nda_record(out, st, a->pos[0], opt(a, "party"), opt(a, "date"), &doc,
			     opt(a, "title"), opt(a, "expires"), cli_flag(a, "supersede"),
			     opt(a, "by"));
}

static void nda_recorded(const cli_args *a, const json_t *res)
{
	(void)a;
	cli_out(_("NDA with %s dated %s recorded: %s (event %lld)"), str(res, "party"),
		str(res, "date"), str(res, "document"), num(res, "seq"));
}

static int vendor_select(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_vendor_select(out, st, a->pos[0], a->pos[1], opt(a, "reason"), opt(a, "by"));
}

static void vendor_selected(const cli_args *a, const json_t *res)
{
	(void)a;
	cli_out(_("%s (%s) is the vendor of %s (event %lld)"), str(res, "org"),
		str(res, "candidate"), str(res, "project"), num(res, "seq"));
}

static int vendor_show(json_t **out, ss_store *st, const cli_args *a)
{
	json_t *all = NULL;
	int error;

	if ((error = ss_negotiation_show(&all, st, a->pos[0])) < 0)
		return error;
	*out = json_incref(json_object_get(all, "vendor"));
	json_decref(all);
	return 0;
}

static void vendor_print(const cli_args *a, const json_t *res)
{
	const json_t *sel = json_object_get(res, "selected"), *nda = json_object_get(res, "nda");

	(void)a;
	if (!json_is_true(json_object_get(res, "named"))) {
		cli_out("%s", _("no vendor yet: select one with 'secspec vendor select'"));
		return;
	}
	cli_out(_("vendor: %s"), str(res, "org"));
	if (json_is_object(sel))
		cli_out(_("    selected from candidate %s by %s (event %lld): %s"),
			str(sel, "candidate"), str(sel, "by"), num(sel, "seq"), str(sel, "reason"));
	if (json_is_object(nda))
		cli_out(_("    NDA of %s: %s"), str(nda, "date"), str(nda, "document"));
}

static const cli_optspec candidate_add_spec[] = {
	{"org", 1, "the candidate's organisation", "候補の組織名"}, CLI_OPT_BY, CLI_OPT_END};
static const cli_optspec kind_by_spec[] = {
	{"kind", 1, "the kind (one of the usage's list)", "種類 (書式に示す一覧から)"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group candidate = {
	"candidate",
	"secspec candidate add PROJECT ID --org ORG --by LEAD\n"
	"       secspec candidate document PROJECT ID FILE --kind rfi|rfp|proposal|answer|other "
	"--by LEAD\n"
	"       secspec candidate list PROJECT",
	(const verb[]){
		{"add", candidate_add_spec, 2, 2, true, candidate_add, print_recorded},
		{"document", kind_by_spec, 3, 3, true, candidate_document, document_recorded},
		{"list", no_spec, 1, 1, false, candidate_list, candidates_print},
		{NULL, NULL, 0, 0, false, NULL, NULL}}};

static const cli_optspec nda_spec[] = {
	{"party", 1, "the candidate id, or vendor", "候補の ID、または vendor"},
	{"date", 1, "the date (YYYY-MM-DD)", "日付 (YYYY-MM-DD)"},
	{"title", 1, "the title", "表題"},
	{"expires", 1, "the date the NDA expires (YYYY-MM-DD)", "秘密保持契約の期限 (YYYY-MM-DD)"},
	{"supersede", 0, "it replaces the NDA standing with that party (a renewal)",
	 "その相手との現行の秘密保持契約を置き換える（更新）"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group nda = {"nda",
			  "secspec nda record PROJECT FILE --party ID|vendor --date YYYY-MM-DD "
			  "[--title TEXT] [--expires YYYY-MM-DD] [--supersede] --by LEAD",
			  (const verb[]){{"record", nda_spec, 2, 2, true, nda_record, nda_recorded},
					 {NULL, NULL, 0, 0, false, NULL, NULL}}};

static const cli_optspec vendor_spec[] = {
	{"reason", 1, "why (needed unless the answer is adopt)", "理由 (adopt 以外では必須)"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group vendor = {
	"vendor",
	"secspec vendor select PROJECT CANDIDATE --reason TEXT --by LEAD\n"
	"       secspec vendor show PROJECT",
	(const verb[]){{"select", vendor_spec, 2, 2, true, vendor_select, vendor_selected},
		       {"show", no_spec, 1, 1, false, vendor_show, vendor_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

int cmd_candidate(int argc, char **argv)
{
	return run_group(&candidate, argc, argv);
}

int cmd_nda(int argc, char **argv)
{
	return run_group(&nda, argc, argv);
}

int cmd_vendor(int argc, char **argv)
{
	return run_group(&vendor, argc, argv);
}

/* --- law, retention ----------------------------------------------------------- */

static int law_set(json_t **out, ss_store *st, const cli_args *a)
{
	const cli_opt *assets = cli_opt_all(a, "asset");
	ss_law_input in = {.id = a->pos[1],
			   .title = opt(a, "title"),
			   .kind = opt(a, "kind"),
			   .authority = opt(a, "authority"),
			   .duties = opt(a, "duties"),
			   .assets = assets ? assets->values : NULL,
			   .nassets = assets ? assets->n : 0,
			   .review_by = opt(a, "review-by"),
			   .supersede = cli_flag(a, "supersede")};

	return ss_law_set(out, st, a->pos[0], &in, opt(a, "by"));
}

static int law_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "laws");
}

static void laws_print(const cli_args *a, const json_t *res)
{
	const json_t *l, *as;
	size_t i, j;

	(void)a;
	json_array_foreach(res, i, l) {
		ss_buf assets = SS_BUF_INIT(4096);

		json_array_foreach(json_object_get(l, "assets"), j, as) {
			ss_buf_printf(&assets, "%s%s", j ? ", " : "", json_string_value(as));
		}
		cli_out(_("%s  %-10s %s  (review by %s)"), str(l, "id"), str(l, "kind"),
			str(l, "title"), str(l, "review_by"));
		cli_out(_("    assets: %s"), assets.ptr ? assets.ptr : "");
		if (json_object_get(l, "authority"))
			cli_out(_("    authority: %s"), str(l, "authority"));
		if (json_object_get(l, "duties"))
			cli_out(_("    duties: %s"), str(l, "duties"));
		ss_buf_release(&assets);
	}
}

static int retention_set(json_t **out, ss_store *st, const cli_args *a)
{
	ss_retention_input in = {.asset = a->pos[1],
				 .keep = cli_flag(a, "keep"),
				 .period = opt(a, "period"),
				 .method = opt(a, "method"),
				 .reason = opt(a, "reason"),
				 .supersede = cli_flag(a, "supersede")};

	if (cli_flag(a, "keep") == cli_flag(a, "dispose"))
		return ss_error_set(SS_EINVAL, "give --keep (with --period and --method) or "
					       "--dispose (with --method), one of them");
	return ss_retention_set(out, st, a->pos[0], &in, opt(a, "by"));
}

static int retention_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "retention");
}

static void retention_print(const cli_args *a, const json_t *res)
{
	const json_t *r;
	size_t i;

	(void)a;
	json_array_foreach(res, i, r) {
		if (json_is_true(json_object_get(r, "keep")))
			cli_out(_("%s  keep %s; then %s"), str(r, "asset"), str(r, "period"),
				str(r, "method"));
		else
			cli_out(_("%s  dispose: %s"), str(r, "asset"), str(r, "method"));
		if (json_object_get(r, "reason"))
			cli_out(_("    reason: %s"), str(r, "reason"));
	}
}

static const cli_optspec law_spec[] = {
	{"title", 1, "the title", "表題"},
	{"kind", 1, "the kind (one of the usage's list)", "種類 (書式に示す一覧から)"},
	{"asset", 2, "an asset the law binds", "法令が適用される資産"},
	{"review-by", 1, "the date by which the law's bearing is reviewed (YYYY-MM-DD)",
	 "適用を見直す期日 (YYYY-MM-DD)"},
	{"authority", 1, "the authority that issued it", "発行した機関"},
	{"duties", 1, "the duties it imposes", "課される義務"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};
static const cli_optspec retention_spec[] = {
	{"keep", 0, "the asset is kept (with --period)", "資産を保存する (--period とともに)"},
	{"dispose", 0, "the asset is disposed of", "資産を廃棄する"},
	{"period", 1, "how long the asset is kept", "保存期間"},
	{"method", 1, "how the asset is kept or disposed of", "保存または廃棄の方法"},
	{"reason", 1, "why (needed unless the answer is adopt)", "理由 (adopt 以外では必須)"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group law = {
	"law",
	"secspec law set PROJECT ID --title TEXT --kind law|regulation|guideline --asset ASSET... "
	"--review-by YYYY-MM-DD\n"
	"           [--authority TEXT] [--duties TEXT] [--supersede] --by PERSON\n"
	"       secspec law list PROJECT",
	(const verb[]){{"set", law_spec, 2, 2, true, law_set, print_recorded},
		       {"list", no_spec, 1, 1, false, law_list, laws_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

static const group retention = {
	"retention",
	"secspec retention set PROJECT ASSET (--keep --period TEXT | --dispose) --method TEXT "
	"[--reason TEXT] [--supersede] --by PERSON\n"
	"       secspec retention list PROJECT",
	(const verb[]){{"set", retention_spec, 2, 2, true, retention_set, print_recorded},
		       {"list", no_spec, 1, 1, false, retention_list, retention_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

int cmd_law(int argc, char **argv)
{
	return run_group(&law, argc, argv);
}

int cmd_retention(int argc, char **argv)
{
	return run_group(&retention, argc, argv);
}

/* --- contract, terms ---------------------------------------------------------- */

static int contract_set(json_t **out, ss_store *st, const cli_args *a)
{
	ss_contract_input in = {.id = a->pos[1],
				.kind = opt(a, "kind"),
				.title = opt(a, "title"),
				.sla = opt(a, "sla"),
				.diagnosis = opt(a, "diagnosis"),
				.incident = opt(a, "incident"),
				.supersede = cli_flag(a, "supersede")};
	ss_document doc;
	int error;

	if (a->npos == 3) {
		if ((error = read_document(&doc, a->pos[2])) < 0)
			return error;
		in.document = &doc;
	}
	return ss_contract_set(out, st, a->pos[0], &in, opt(a, "by"));
}

static int contract_agree(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_contract_agree(out, st, a->pos[0], a->pos[1], opt(a, "by"));
}

static int contract_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "contracts");
}

static void contracts_print(const cli_args *a, const json_t *res)
{
	const json_t *c, *ag;
	size_t i;

	(void)a;
	json_array_foreach(res, i, c) {
		ag = json_object_get(c, "agreed");
		if (ag)
			cli_out(_("%s  %-23s %s  (%s; agreed by %s)"), str(c, "id"), str(c, "kind"),
				str(c, "title"), str(c, "by"), str(ag, "by"));
		else
			cli_out(_("%s  %-23s %s  (%s; awaiting the other side's lead)"),
				str(c, "id"), str(c, "kind"), str(c, "title"), str(c, "by"));
		cli_out(_("    SLA: %s"), str(c, "sla"));
		cli_out(_("    diagnosis: %s"), str(c, "diagnosis"));
		cli_out(_("    incident: %s"), str(c, "incident"));
		if (json_object_get(c, "document"))
			cli_out(_("    document: %s"), str(c, "document"));
	}
}

static int terms_acknowledge(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_terms_acknowledge(out, st, a->pos[0], opt(a, "text"), opt(a, "by"));
}

static int terms_show(json_t **out, ss_store *st, const cli_args *a)
{
	json_t *all = NULL;
	int error;

	if ((error = ss_negotiation_show(&all, st, a->pos[0])) < 0)
		return error;
	*out = json_incref(json_object_get(all, "acknowledgement"));
	json_decref(all);
	return 0;
}

static void terms_print(const cli_args *a, const json_t *res)
{
	(void)a;
	if (!json_is_object(res))
		cli_out("%s", _("the terms of re-estimation are not acknowledged yet"));
	else
		cli_out(_("acknowledged by %s at %s (event %lld): %s"), str(res, "by"),
			str(res, "time"), num(res, "seq"), str(res, "text"));
}

static const cli_optspec contract_spec[] = {
	{"kind", 1, "the kind (one of the usage's list)", "種類 (書式に示す一覧から)"},
	{"title", 1, "the title", "表題"},
	{"sla", 1, "the service level agreed", "合意するサービスレベル"},
	{"diagnosis", 1, "how often and how the system is diagnosed", "診断の頻度と方法"},
	{"incident", 1, "how incidents are handled", "事故対応の方法"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};
static const cli_optspec by_spec[] = {CLI_OPT_BY, CLI_OPT_END};
static const cli_optspec terms_spec[] = {
	{"text", 1, "the text of the proposal, or of the acknowledgement", "提案または了承の本文"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group contract = {
	"contract",
	"secspec contract set PROJECT ID [FILE] --kind operation|maintenance|"
	"maintenance-development --title TEXT\n"
	"           --sla TEXT --diagnosis TEXT --incident TEXT [--supersede] --by LEAD\n"
	"       secspec contract agree PROJECT ID --by LEAD\n"
	"       secspec contract list PROJECT",
	(const verb[]){{"set", contract_spec, 2, 3, true, contract_set, print_recorded},
		       {"agree", by_spec, 2, 2, true, contract_agree, print_recorded},
		       {"list", no_spec, 1, 1, false, contract_list, contracts_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

static const group terms = {
	"terms",
	"secspec terms acknowledge PROJECT --text TEXT --by PERSON\n"
	"       secspec terms show PROJECT",
	(const verb[]){{"acknowledge", terms_spec, 1, 1, true, terms_acknowledge, print_recorded},
		       {"show", no_spec, 1, 1, false, terms_show, terms_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

int cmd_contract(int argc, char **argv)
{
	return run_group(&contract, argc, argv);
}

int cmd_terms(int argc, char **argv)
{
	return run_group(&terms, argc, argv);
}

/* --- standard, diagnosis ------------------------------------------------------ */

static int standard_set(json_t **out, ss_store *st, const cli_args *a)
{
	ss_standard_input in = {.standard = a->pos[1],
				.version = opt(a, "version"),
				.note = opt(a, "note"),
				.supersede = cli_flag(a, "supersede")};
	int64_t level = 0;
	int error;

	if (!opt(a, "level"))
		return ss_error_set(SS_EINVAL, "--level is required: the level required, 0 to 3");
	if ((error = whole_number(&level, "--level", opt(a, "level"), 0, 3)) < 0)
		return error;
	in.level = (int)level;
	return ss_standard_set(out, st, a->pos[0], &in, opt(a, "by"));
}

static int standard_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "standards");
}

static void standards_print(const cli_args *a, const json_t *res)
{
	const json_t *s;
	size_t i;

	(void)a;
	json_array_foreach(res, i, s) {
		cli_out(_("%s %s level %lld  (%s)"), str(s, "standard"), str(s, "version"),
			num(s, "level"), str(s, "by"));
		if (json_object_get(s, "note"))
			cli_out("    %s", str(s, "note"));
	}
}

static int diagnosis_add(json_t **out, ss_store *st, const cli_args *a)
{
	ss_diagnosis_input in = {opt(a, "kind"), opt(a, "standard"),
				 opt(a, "date"), opt(a, "result"),
				 NULL,           opt(a, "contract")};
	ss_document doc;
	int error;

	if (opt(a, "report")) {
		if ((error = read_document(&doc, opt(a, "report"))) < 0)
			return error;
		in.report = &doc;
	}
	return ss_diagnosis_add(out, st, a->pos[0], &in, opt(a, "by"));
}

static void diagnosis_added(const cli_args *a, const json_t *res)
{
	(void)a;
	cli_out(_("%s (%s) recorded in %s (event %lld)"), str(res, "id"), str(res, "kind"),
		str(res, "project"), num(res, "seq"));
}

static int diagnosis_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "diagnoses");
}

static void diagnoses_print(const cli_args *a, const json_t *res)
{
	const json_t *d;
	size_t i;

	(void)a;
	json_array_foreach(res, i, d) {
		if (json_object_get(d, "contract"))
			cli_out(_("%s  %-9s %s  %s  (%s; contract %s)"), str(d, "id"),
				str(d, "kind"), str(d, "date"), str(d, "standard"), str(d, "by"),
				str(d, "contract"));
		else
			cli_out("%s  %-9s %s  %s  (%s)", str(d, "id"), str(d, "kind"),
				str(d, "date"), str(d, "standard"), str(d, "by"));
		cli_out("    %s", str(d, "result"));
		if (json_object_get(d, "report"))
			cli_out(_("    report: %s"), str(d, "report"));
	}
}

static const cli_optspec standard_spec[] = {
	{"version", 1, "FOSS: the component's version; standard: the standard's version",
	 "FOSS: コンポーネントの版、standard: 基準の版"},
	{"level", 1, "the level of the standard (0-3)", "基準のレベル (0-3)"},
	{"note", 1, "a note (needed when the cost is rejected)", "注記 (費用を却下するときは必須)"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};
static const cli_optspec diagnosis_spec[] = {
	{"kind", 1, "the kind (one of the usage's list)", "種類 (書式に示す一覧から)"},
	{"standard", 1, "the standard it follows (asvs ...)", "準拠する基準 (asvs など)"},
	{"date", 1, "the date (YYYY-MM-DD)", "日付 (YYYY-MM-DD)"},
	{"result", 1, "the result", "結果"},
	{"report", 1, "the report file (its SHA-256 is recorded)",
	 "報告書のファイル (SHA-256 を記録する)"},
	{"contract", 1, "the contract it was done under", "実施の根拠となる契約"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group standard = {
	"standard",
	"secspec standard set PROJECT STANDARD --version V --level 0-3 [--note TEXT] "
	"[--supersede] --by PERSON\n"
	"       secspec standard list PROJECT",
	(const verb[]){{"set", standard_spec, 2, 2, true, standard_set, print_recorded},
		       {"list", no_spec, 1, 1, false, standard_list, standards_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

static const group diagnosis = {
	"diagnosis",
	"secspec diagnosis add PROJECT --kind diagnosis|pentest|review --standard TEXT "
	"--date YYYY-MM-DD --result TEXT\n"
	"           [--report FILE] [--contract ID] --by PERSON\n"
	"       secspec diagnosis list PROJECT",
	(const verb[]){{"add", diagnosis_spec, 1, 1, true, diagnosis_add, diagnosis_added},
		       {"list", no_spec, 1, 1, false, diagnosis_list, diagnoses_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

int cmd_standard(int argc, char **argv)
{
	return run_group(&standard, argc, argv);
}

int cmd_diagnosis(int argc, char **argv)
{
	return run_group(&diagnosis, argc, argv);
}

/* --- itasset, network (rules 5) ------------------------------------------------ */

static int itasset_set(json_t **out, ss_store *st, const cli_args *a)
{
	ss_itasset_input in = {.id = a->pos[1],
			       .category = opt(a, "category"),
			       .name = opt(a, "name"),
			       .version = opt(a, "version"),
			       .system = opt(a, "system"),
			       .permitted = cli_flag(a, "permitted"),
			       .permission = opt(a, "permission"),
			       .licence = opt(a, "licence"),
			       .vuln_link = opt(a, "vuln-link"),
			       .config = opt(a, "config"),
			       .revision = opt(a, "revision"),
			       .network = opt(a, "network"),
			       .note = opt(a, "note"),
			       .supersede = cli_flag(a, "supersede")};

	return ss_itasset_set(out, st, a->pos[0], &in, opt(a, "by"));
}

static int itasset_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "itassets");
}

static void itassets_print(const cli_args *a, const json_t *res)
{
	const json_t *r;
	size_t i;

	(void)a;
	json_array_foreach(res, i, r) {
		cli_out(_("%s  %-11s %s %s (%s)"), str(r, "id"), str(r, "category"), str(r, "name"),
			str(r, "version"),
			json_is_true(json_object_get(r, "permitted")) ? _("use permitted")
								      : _("use not permitted"));
		if (json_object_get(r, "system"))
			cli_out(_("    system: %s"), str(r, "system"));
		if (json_object_get(r, "licence"))
			cli_out(_("    licence: %s"), str(r, "licence"));
		if (json_object_get(r, "vuln_link"))
			cli_out(_("    vulnerability information: %s"), str(r, "vuln_link"));
		if (json_object_get(r, "config"))
			cli_out(_("    configuration: %s"), str(r, "config"));
		if (json_object_get(r, "revision"))
			cli_out(_("    revision: %s"), str(r, "revision"));
		if (json_object_get(r, "network"))
			cli_out(_("    network: %s"), str(r, "network"));
	}
}

static int network_set(json_t **out, ss_store *st, const cli_args *a)
{
	ss_network_input in = {.id = a->pos[1],
			       .kind = opt(a, "kind"),
			       .name = opt(a, "name"),
			       .detail = opt(a, "detail"),
			       .protocols = opt(a, "protocols"),
			       .address = opt(a, "address"),
			       .auth = opt(a, "auth"),
			       .encrypted = cli_flag(a, "encrypted")     ? 1
					    : cli_flag(a, "unencrypted") ? 0
									 : -1,
			       .storage = opt(a, "storage"),
			       .system = opt(a, "system"),
			       .supersede = cli_flag(a, "supersede")};

	if (cli_flag(a, "encrypted") && cli_flag(a, "unencrypted"))
		return ss_error_set(SS_EINVAL, "give --encrypted or --unencrypted, not both");
	return ss_network_set(out, st, a->pos[0], &in, opt(a, "by"));
}

static int network_list(json_t **out, ss_store *st, const cli_args *a)
{
	return ss_negotiation_list(out, st, a->pos[0], "network");
}

static void network_print(const cli_args *a, const json_t *res)
{
	const json_t *r;
	size_t i;

	(void)a;
	json_array_foreach(res, i, r) {
		cli_out(_("%s  %-14s %s: %s"), str(r, "id"), str(r, "kind"), str(r, "name"),
			str(r, "detail"));
		if (json_object_get(r, "address"))
			cli_out(_("    address: %s"), str(r, "address"));
		if (json_object_get(r, "protocols"))
			cli_out(_("    protocols: %s"), str(r, "protocols"));
		if (json_object_get(r, "auth"))
			cli_out(_("    authentication: %s"), str(r, "auth"));
		if (json_object_get(r, "encrypted"))
			cli_out("    %s", json_is_true(json_object_get(r, "encrypted"))
						  ? _("encrypted")
						  : _("not encrypted"));
		if (json_object_get(r, "storage"))
			cli_out(_("    storage: %s"), str(r, "storage"));
	}
}

static const cli_optspec itasset_spec[] = {
	{"category", 1, "the category (one of the usage's list)", "カテゴリ (書式に示す一覧から)"},
	{"name", 1, "what the IT asset is", "IT資産の名称"},
	{"version", 1, "its version", "版"},
	{"system", 1, "the target system it belongs to", "属する対象システム"},
	{"permitted", 0, "its use is permitted under asset management",
	 "資産管理のもとで使用が許可されている"},
	{"permission", 1, "who permitted it, on what basis", "許可した者と根拠"},
	{"licence", 1, "its licence (needed for component, package and platform)",
	 "ライセンス (component・package・platform では必須)"},
	{"vuln-link", 1,
	 "how it is tied to current vulnerability information (needed but for application)",
	 "最新の脆弱性情報との紐付け (application 以外では必須)"},
	{"config", 1, "where its configuration is managed", "構成設定の管理"},
	{"revision", 1, "the module revision (hardware)", "モジュールRev (ハードウェア)"},
	{"network", 1, "its place in the network (segment or node)",
	 "ネットワーク上の位置 (セグメントまたはノード)"},
	{"note", 1, "a note", "備考"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};
static const cli_optspec network_spec[] = {
	{"kind", 1, "the kind (one of the usage's list)", "種類 (書式に示す一覧から)"},
	{"name", 1, "what the record is called", "名称"},
	{"detail", 1, "what it says (the segment, the rule, the server's role …)",
	 "内容 (セグメント、規則、サーバの役割など)"},
	{"protocols", 1, "the protocols allowed", "許可するプロトコル"},
	{"address", 1, "the IP address or segment", "IPアドレスまたはセグメント"},
	{"auth", 1, "how it authenticates", "認証方式"},
	{"encrypted", 0, "the sensitive data it holds is encrypted",
	 "保有する機密データは暗号化されている"},
	{"unencrypted", 0, "the sensitive data it holds is not encrypted",
	 "保有する機密データは暗号化されていない"},
	{"storage", 1, "how data is stored on it", "データの保存方法"},
	{"system", 1, "the target system it belongs to", "属する対象システム"},
	{"supersede", 0, "replace the earlier record with the same id",
	 "同じ ID の以前の記録を置き換える"},
	CLI_OPT_BY,
	CLI_OPT_END};

static const group itasset = {
	"itasset",
	"secspec itasset set PROJECT ID --category application|component|package|platform|hardware "
	"--name TEXT\n"
	"           [--version V] [--system NAME] [--permitted] [--permission TEXT] "
	"[--licence TEXT]\n"
	"           [--vuln-link TEXT] [--config TEXT] [--revision REV] [--network TEXT] "
	"[--note TEXT]\n"
	"           [--supersede] --by PERSON\n"
	"       secspec itasset list PROJECT",
	(const verb[]){{"set", itasset_spec, 2, 2, true, itasset_set, print_recorded},
		       {"list", no_spec, 1, 1, false, itasset_list, itassets_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

static const group network = {
	"network",
	"secspec network set PROJECT ID --kind segment|routing|firewall|vpn|public-server|"
	"asset-server|terminal|planned-change\n"
	"           --name TEXT --detail TEXT [--protocols TEXT] [--address IP] [--auth TEXT]\n"
	"           [--encrypted | --unencrypted] [--storage TEXT] [--system NAME] [--supersede] "
	"--by PERSON\n"
	"       secspec network list PROJECT",
	(const verb[]){{"set", network_spec, 2, 2, true, network_set, print_recorded},
		       {"list", no_spec, 1, 1, false, network_list, network_print},
		       {NULL, NULL, 0, 0, false, NULL, NULL}}};

int cmd_itasset(int argc, char **argv)
{
	return run_group(&itasset, argc, argv);
}

int cmd_network(int argc, char **argv)
{
	return run_group(&network, argc, argv);
}
