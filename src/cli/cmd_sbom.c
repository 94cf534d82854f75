/* sbom and vuln: the system's components, the advisories that touch them,
 * and the two sides' record of each vulnerability. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "secspec/sbom.h"

static const char *js(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long ji(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* --strictly-positive integer option, or 0 when absent. */
static int int_opt(int64_t *out, const cli_args *a, const char *name)
{
	const char *v = cli_opt_get(a, name);
	char *end;
	long long n;

	*out = 0;
	if (!v)
		return 0;
	n = strtoll(v, &end, 10);
	if (*end || n < 1 || n > 1000000000000LL) {
		fprintf(stderr, "secspec: ");
		fprintf(stderr, _("--%s must be a number from 1, not '%s'"), name, v);
		fprintf(stderr, "\n");
		return SS_EINVAL;
	}
	*out = n;
	return 0;
}

static void print_lacks(const json_t *lacks, long long total)
{
	const char *k;
	json_t *v;

	json_object_foreach(json_object_get(lacks, "components"), k, v) {
		if (json_integer_value(v))
			cli_out(_("  %lld of %lld components lack %s"),
				(long long)json_integer_value(v), total, k);
	}
	json_array_foreach(json_object_get(lacks, "document"), total, v) {
		cli_out(_("  the document lacks %s"), json_string_value(v));
	}
}

static int sbom_import(cli_args *a, ss_store *st)
{
	ss_sbom_import_req req = {.project = a->pos[0],
				  .path = a->pos[1],
				  .by = cli_opt_get(a, "by"),
				  .brought_by = cli_opt_get(a, "brought-by")};
	json_t *res = NULL;
	int error;

	if ((error = ss_sbom_import(&res, st, &req)) == 0) {
		if (a->json) {
			cli_print_json(res);
		} else if (json_is_true(json_object_get(res, "unchanged"))) {
			cli_out(_("SBOM %lld of %s is this very file; nothing to do"),
				ji(res, "sbom"), a->pos[0]);
		} else {
			cli_out(_("SBOM %lld of %s: %lld components, %lld dependencies (%s %s, "
				  "sha256 %.16s…%s)"),
				ji(res, "sbom"), a->pos[0], ji(res, "components"),
				ji(res, "dependencies"), js(res, "format"), js(res, "spec_version"),
				js(res, "file"),
				json_is_true(json_object_get(res, "kept")) ? "" : _(", not kept"));
			print_lacks(json_object_get(res, "lacks"), ji(res, "components"));
			if (*js(res, "change"))
				cli_out(_("change request %s opened: the components changed after "
					  "the specification was agreed"),
					js(res, "change"));
		}
	}
	json_decref(res);
	return error;
}

static int sbom_show(cli_args *a, ss_store *st)
{
	json_t *res = NULL, *c;
	int64_t n;
	size_t i;
	int error;

	if ((error = int_opt(&n, a, "sbom")) < 0 ||
	    (error = ss_sbom_show(&res, st, a->pos[0], n)) < 0)
		return error;
	if (a->json) {
		cli_print_json(res);
	} else {
		cli_out(_("SBOM %lld of %s: %s (%s %s), by %s at %s"), ji(res, "sbom"), a->pos[0],
			js(res, "name"), js(res, "format"), js(res, "spec_version"), js(res, "by"),
			js(res, "time"));
		json_array_foreach(json_object_get(res, "components"), i, c) {
			cli_out("  %-40s %-20s %-24s %s", js(c, "name"), js(c, "version"),
				js(c, "licenses"), js(c, "purl"));
		}
		print_lacks(json_object_get(res, "lacks"),
			    (long long)json_array_size(json_object_get(res, "components")));
		json_array_foreach(json_object_get(json_object_get(res, "licences"), "licences"), i,
				   c) {
			if (*js(c, "verdict") && strcmp(js(c, "verdict"), "allowed") != 0)
				cli_out(_("  licence %s (%lld components): %s by the policy"),
					js(c, "id"), ji(c, "components"), js(c, "verdict"));
		}
	}
	json_decref(res);
	return 0;
}

static int sbom_diff(cli_args *a, ss_store *st)
{
	static const char *const lists[] = {"added", "removed", "upgraded", "downgraded",
					    "changed"};
	json_t *res = NULL, *c;
	int64_t from, to;
	size_t i;
	int error;

	if ((error = int_opt(&from, a, "from")) < 0 || (error = int_opt(&to, a, "to")) < 0 ||
	    (error = ss_sbom_diff(&res, st, a->pos[0], from, to)) < 0)
		return error;
	if (a->json) {
		cli_print_json(res);
	} else {
		cli_out(_("SBOM %lld -> %lld: %zu added, %zu removed, %zu upgraded, %zu "
			  "downgraded, %zu changed, %lld unchanged"),
			ji(res, "from"), ji(res, "to"),
			json_array_size(json_object_get(res, "added")),
			json_array_size(json_object_get(res, "removed")),
			json_array_size(json_object_get(res, "upgraded")),
			json_array_size(json_object_get(res, "downgraded")),
			json_array_size(json_object_get(res, "changed")), ji(res, "unchanged"));
		for (size_t l = 0; l < 5; l++)
			json_array_foreach(json_object_get(res, lists[l]), i, c) {
				if (l == 2 || l == 3)
					cli_out("  %-10s %s %s -> %s", lists[l], js(c, "name"),
						js(c, "from"), js(c, "to"));
				else
					cli_out("  %-10s %s %s", lists[l], js(c, "name"),
						js(c, "version"));
			}
	}
	json_decref(res);
	return 0;
}

static int sbom_verify(cli_args *a, ss_store *st)
{
	json_t *res = NULL, *c;
	size_t i;
	int error = ss_sbom_verify_hashes(&res, st, a->pos[0], a->pos[1]);

	if (res && a->json) {
		cli_print_json(res);
	} else if (res) {
		json_array_foreach(json_object_get(res, "mismatched"), i, c) {
			cli_out(_("MISMATCH %s (%s): %s %s, the file has %s"), js(c, "ref"),
				js(c, "file"), js(c, "algorithm"), js(c, "expected"),
				js(c, "found"));
		}
		json_array_foreach(json_object_get(res, "missing"), i, c) {
			cli_out(_("MISSING  %s (%s): %s"), js(c, "ref"), js(c, "file"),
				js(c, "error"));
		}
		cli_out(_("SBOM %lld: %lld file(s) checked, %lld matched, %lld component(s) name "
			  "no file or hash"),
			ji(res, "sbom"), ji(res, "checked"), ji(res, "matched"),
			ji(res, "unchecked"));
	}
	json_decref(res);
	return error;
}

static const char *const *values(const cli_args *a, const char *name, const char **buf, size_t cap)
{
	const cli_opt *o = cli_opt_all(a, name);
	size_t i, n = o ? o->n : 0;

	for (i = 0; i < n && i + 1 < cap; i++)
		buf[i] = o->values[i];
	buf[i] = NULL;
	return buf;
}

static int sbom_policy(cli_args *a, ss_store *st)
{
	const char *allow[CLI_MAX_VALUES + 1], *review[CLI_MAX_VALUES + 1],
		*deny[CLI_MAX_VALUES + 1];
	ss_sbom_policy_req req = {.project = a->pos[0],
				  .by = cli_opt_get(a, "by"),
				  .allowed = values(a, "allow", allow, CLI_MAX_VALUES + 1),
				  .review = values(a, "review", review, CLI_MAX_VALUES + 1),
				  .denied = values(a, "deny", deny, CLI_MAX_VALUES + 1),
				  .fallback = cli_opt_get(a, "default"),
				  .reason = cli_opt_get(a, "reason")};
	int error;

	if (!req.fallback)
		req.fallback = "review";
	if ((error = int_opt(&req.supersedes, a, "supersede")) < 0 ||
	    (error = ss_sbom_policy(st, &req)) < 0)
		return error;
	cli_out(_("licence policy of %s recorded: %zu allowed, %zu to review, %zu denied, "
		  "others %s"),
		a->pos[0], cli_opt_all(a, "allow") ? cli_opt_all(a, "allow")->n : 0,
		cli_opt_all(a, "review") ? cli_opt_all(a, "review")->n : 0,
		cli_opt_all(a, "deny") ? cli_opt_all(a, "deny")->n : 0, req.fallback);
	return 0;
}

int cmd_sbom(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		CLI_OPT_BY,
		{"brought-by", 1,
		 "who brought the components in (the subcontractor, project or owner; A > B "
		 "through layers), where the SBOM does not say",
		 "部品を持ち込んだ者 (委託先名・プロジェクト名・オーナー名。多重委託は A > "
		 "B)。SBOM "
		 "に記載がない部品に付ける"},
		{"sbom", 1, "the SBOM version to show (default: the newest)",
		 "表示する SBOM の版 (既定: 最新)"},
		{"from", 1, "the older SBOM version (default: the one before --to)",
		 "比較する古い版 (既定: --to の一つ前)"},
		{"to", 1, "the newer SBOM version (default: the newest)",
		 "比較する新しい版 (既定: 最新)"},
		{"allow", 2, "a licence id the policy allows (repeatable)",
		 "方針で許可するライセンス ID (繰り返し可)"},
		{"review", 2, "a licence id the policy sends to review (repeatable)",
		 "方針で要確認とするライセンス ID (繰り返し可)"},
		{"deny", 2, "a licence id the policy denies (repeatable)",
		 "方針で禁止するライセンス ID (繰り返し可)"},
		{"default", 1,
		 "the verdict of a licence the lists do not name: allowed, review or denied",
		 "一覧にないライセンスの扱い: allowed、review、denied"},
		{"reason", 1, "why the policy is so", "方針の理由"},
		{"supersede", 1, "the event of the policy this one corrects",
		 "この方針が訂正する方針のイベント番号"},
		CLI_OPT_END};
	/* TRANSLATORS: keep the syntax lines as they are */
	static const char usage[] =
		N_("secspec sbom import PROJECT FILE [--brought-by TEXT] --by VENDOR\n"
		   "       secspec sbom list PROJECT\n"
		   "       secspec sbom show PROJECT [--sbom N]\n"
		   "       secspec sbom diff PROJECT [--from N] [--to N]\n"
		   "       secspec sbom verify-hashes PROJECT DIR\n"
		   "       secspec sbom policy PROJECT [--allow ID]... [--review ID]... [--deny "
		   "ID]... "
		   "[--default allowed|review|denied] [--reason TEXT] [--supersede SEQ] --by "
		   "USER-LEAD");
	const char *sub = cli_sub(argc, argv);
	bool writes = strcmp(sub, "import") == 0 || strcmp(sub, "policy") == 0;
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if (cli_wants_help(argc, argv))
		cli_help("sbom", usage, (const cli_optspec *const[]){spec, NULL});
	if ((error = cli_parse_sub(&a, "sbom", argc, argv, spec, 1, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, writes ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "import") == 0 && a.npos == 2) {
		error = sbom_import(&a, st);
	} else if (strcmp(sub, "list") == 0 && a.npos == 1) {
		const json_t *v;
		size_t i;

		if ((error = ss_sbom_versions(&res, st, a.pos[0])) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				json_array_foreach(res, i, v) {
					cli_out("%3lld  %-10s %-8s %6lld  %s  %s  %s",
						ji(v, "sbom"), js(v, "format"),
						js(v, "spec_version"), ji(v, "components"),
						js(v, "time"), js(v, "by"), js(v, "name"));
				}
		}
	} else if (strcmp(sub, "show") == 0 && a.npos == 1) {
		error = sbom_show(&a, st);
	} else if (strcmp(sub, "diff") == 0 && a.npos == 1) {
		error = sbom_diff(&a, st);
	} else if (strcmp(sub, "verify-hashes") == 0 && a.npos == 2) {
		error = sbom_verify(&a, st);
	} else if (strcmp(sub, "policy") == 0 && a.npos == 1) {
		error = sbom_policy(&a, st);
	} else {
		return cli_usage_error(usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? (error == SS_ERULE && strcmp(sub, "verify-hashes") == 0
				    ? ss_error_exit_status(error)
				    : cli_fail(&a, error))
			 : 0;
}

/* --- vuln ------------------------------------------------------------------------ */

static void print_finding(const json_t *f)
{
	const json_t *rec = json_object_get(f, "record");
	const char *status = "";

	if (rec) {
		const json_t *dec = json_object_get(rec, "decision");

		status = dec ? js(dec, "verdict")
			 : json_object_get(rec, "analysis")
				 ? js(json_object_get(rec, "analysis"), "state")
				 : "found";
	}
	cli_out("%-20s %-8s %4s  %-30s %-16s %s", js(f, "vuln"), js(f, "severity"), js(f, "score"),
		js(f, "name"), js(f, "version"), status);
}

static int vuln_match(cli_args *a, ss_store *st)
{
	json_t *res = NULL, *f;
	const char *k;
	json_t *v;
	size_t i;
	int error;

	if ((error = ss_vuln_match(&res, st, a->pos[0])) < 0)
		return error;
	if (cli_flag(a, "timing"))
		fprintf(stderr, "load %.1f ms, match %.1f ms, findings as JSON %.1f ms\n",
			json_real_value(json_object_get(json_object_get(res, "timing"), "load_ms")),
			json_real_value(
				json_object_get(json_object_get(res, "timing"), "match_ms")),
			json_real_value(
				json_object_get(json_object_get(res, "timing"), "output_ms")));
	json_object_del(res, "timing"); /* the rest is deterministic */
	if (a->json) {
		cli_print_json(res);
	} else {
		json_array_foreach(json_object_get(res, "findings"), i, f) {
			print_finding(f);
		}
		json_object_foreach(json_object_get(res, "notes"), k, v) {
			cli_out(_("note: %s (%lld)"), k, (long long)json_integer_value(v));
		}
		cli_out(_("SBOM %lld: %zu finding(s) in %lld components against %lld advisories"),
			ji(res, "sbom"), json_array_size(json_object_get(res, "findings")),
			ji(json_object_get(res, "counts"), "components"),
			ji(json_object_get(res, "counts"), "advisories"));
	}
	json_decref(res);
	return 0;
}

static int vuln_list(cli_args *a, ss_store *st)
{
	json_t *res = NULL, *r;
	size_t i;
	int error;

	if ((error = ss_vuln_register(&res, st, a->pos[0])) < 0)
		return error;
	if (a->json) {
		cli_print_json(res);
	} else {
		json_array_foreach(json_object_get(res, "records"), i, r) {
			cli_out("%-20s %-30s %-16s %-18s%s", js(r, "vuln"), js(r, "component"),
				js(json_object_get(r, "analysis"), "state"), js(r, "status"),
				json_is_true(json_object_get(r, "current"))
					? ""
					: _("  (not in the newest SBOM)"));
		}
		cli_out(_("%zu record(s); %lld exploitable vulnerabilities accepted"),
			json_array_size(json_object_get(res, "records")), ji(res, "risky"));
	}
	json_decref(res);
	return 0;
}

/* One file of `vuln import` (each is its own source and transaction). */
static int vuln_import_one(cli_args *a, ss_store *st, const char *path, json_t *all)
{
	json_t *res = NULL, *ch;
	const char *k, *p;
	json_t *v;
	int error;

	if ((error = ss_vuln_import(&res, st, a->pos[0], path)) < 0)
		return error;
	if (a->json) {
		json_array_append(all, res);
	} else if (!json_is_true(json_object_get(res, "imported"))) {
		cli_out(_("%s was imported before (source %lld); nothing to do"), path,
			ji(res, "source"));
	} else {
		const char *sep = ":";

		printf(_("imported %s (source %lld)"), js(res, "name"), ji(res, "source"));
		json_object_foreach(json_object_get(res, "counts"), k, v) {
			if (json_integer_value(v)) {
				printf("%s %s %lld", sep, k, (long long)json_integer_value(v));
				sep = ",";
			}
		}
		printf("\n");
		json_object_foreach(json_object_get(res, "changes"), p, ch) {
			cli_out(_("%s: %zu new finding(s), %zu gone ('secspec vuln match %s')"), p,
				json_array_size(json_object_get(ch, "new")),
				json_array_size(json_object_get(ch, "gone")), p);
		}
	}
	json_decref(res);
	return 0;
}

/* `vuln import KIND PATH...`: the files one after another; the first that
 * fails stops the command, those before it stay imported. --json: the
 * answer of one file, or an array of them. */
static int vuln_import(cli_args *a, ss_store *st)
{
	json_t *all = json_array();
	int error = 0;

	if (!all)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (size_t i = 1; i < a->npos && error == 0; i++)
		error = vuln_import_one(a, st, a->pos[i], all);
	if (error == 0 && a->json)
		cli_print_json(a->npos == 2 ? json_array_get(all, 0) : all);
	json_decref(all);
	return error;
}

int cmd_vuln(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		CLI_OPT_BY,
		{"state", 1, "the analysis: affected, not_affected, fixed or under_investigation",
		 "分析結果: affected、not_affected、fixed、under_investigation"},
		{"justification", 1,
		 "why it is not affected (CycloneDX or OpenVEX: code_not_reachable, "
		 "vulnerable_code_not_in_execute_path, ...)",
		 "影響を受けない理由 (CycloneDX または OpenVEX の値)"},
		{"response", 2,
		 "what is done: can_not_fix, will_not_fix, update, rollback, workaround_available "
		 "(repeatable)",
		 "対応: can_not_fix、will_not_fix、update、rollback、workaround_available "
		 "(繰り返し可)"},
		{"detail", 1, "what was examined and found", "調べた内容と結果"},
		{"accept", 0, "accept the vendor's analysis", "ベンダーの分析を受け入れる"},
		{"reject", 0, "reject the analysis, or the acceptance (approve)",
		 "分析、または受容 (approve) を却下する"},
		{"reason", 1, "why (needed to reject, and to accept an exploitable vulnerability)",
		 "理由 (却下、および悪用可能な脆弱性の受容に必要)"},
		{"note", 1, "the approval's note (needed to reject)", "承認の注記 (却下に必要)"},
		{"supersede", 1, "the analysis this one replaces (default: the current one)",
		 "置き換える分析のイベント番号 (既定: 現在のもの)"},
		{"target", 1, "the event decided or approved (default: the current one)",
		 "判断・承認の対象となるイベント番号 (既定: 現在のもの)"},
		{"timing", 0, "print how long loading and matching took on standard error",
		 "読み込みと照合にかかった時間を標準エラーに出す"},
		{"format", 1, "the VEX format: cyclonedx (default), openvex or csaf",
		 "VEX の形式: cyclonedx (既定)、openvex、csaf"},
		{"include-undecided", 0,
		 "also the analyses the user side has not accepted, marked as such",
		 "ユーザーが受け入れていない分析も、その旨を付けて含める"},
		{"o", 1, "write to FILE instead of standard output",
		 "標準出力ではなく FILE に書く"},
		{"output", 1, "the same as -o", "-o と同じ"},
		CLI_OPT_END};
	/* TRANSLATORS: keep the syntax lines as they are */
	static const char usage[] =
		N_("secspec vuln import osv|nvd|jvn|csaf|epss|kev PATH...\n"
		   "       secspec vuln sources\n"
		   "       secspec vuln show ID\n"
		   "       secspec vuln match PROJECT [--timing]\n"
		   "       secspec vuln list PROJECT\n"
		   "       secspec vuln vex PROJECT [--format cyclonedx|openvex|csaf] "
		   "[--include-undecided] [-o FILE]\n"
		   "       secspec vuln vex-import PROJECT FILE --by VENDOR\n"
		   "       secspec vuln notice PROJECT VULN COMPONENT --by MEMBER\n"
		   "       secspec vuln analyse PROJECT VULN COMPONENT --state STATE "
		   "[--justification J] "
		   "[--response R]... --detail TEXT [--supersede SEQ] --by VENDOR\n"
		   "       secspec vuln decide PROJECT VULN COMPONENT --accept|--reject [--reason "
		   "TEXT] "
		   "[--target SEQ] --by USER\n"
		   "       secspec vuln approve PROJECT VULN COMPONENT [--reject --note TEXT] "
		   "[--target "
		   "SEQ] --by MANAGER");
	const char *sub = cli_sub(argc, argv);
	bool writes = strcmp(sub, "notice") == 0 || strcmp(sub, "analyse") == 0 ||
		      strcmp(sub, "vex-import") == 0 || strcmp(sub, "decide") == 0 ||
		      strcmp(sub, "approve") == 0;
	const char *resp[CLI_MAX_VALUES + 1];
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if (cli_wants_help(argc, argv))
		cli_help("vuln", usage, (const cli_optspec *const[]){spec, NULL});
	if ((error = cli_parse_sub(&a, "vuln", argc, argv, spec, 0, CLI_MAX_POS, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, writes ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "import") == 0 && a.npos >= 2) {
		error = vuln_import(&a, st);
	} else if (strcmp(sub, "sources") == 0 && a.npos == 0) {
		if ((error = ss_vuln_sources(&res, st)) == 0) {
			const json_t *s;
			size_t i;

			if (a.json)
				cli_print_json(res);
			else {
				json_array_foreach(json_object_get(res, "sources"), i, s) {
					cli_out("%3lld %-5s %-10s %s  %s", ji(s, "id"),
						js(s, "kind"), js(s, "version"),
						js(s, "imported_at"), js(s, "file"));
				}
				cli_out(_("%lld advisories, %lld affected packages, %lld EPSS "
					  "scores, "
					  "%lld KEV entries"),
					ji(res, "advisories"), ji(res, "affected"), ji(res, "epss"),
					ji(res, "kev"));
			}
		}
	} else if (strcmp(sub, "show") == 0 && a.npos == 1) {
		if ((error = ss_vuln_lookup(&res, st, a.pos[0])) == 0) {
			if (a.json) {
				cli_print_json(res);
			} else {
				cli_out("%s  %s", js(res, "id"), js(res, "summary"));
				cli_out("%s", js(res, "details"));
			}
		}
	} else if (strcmp(sub, "match") == 0 && a.npos == 1) {
		error = vuln_match(&a, st);
	} else if (strcmp(sub, "list") == 0 && a.npos == 1) {
		error = vuln_list(&a, st);
	} else if (strcmp(sub, "vex-import") == 0 && a.npos == 2) {
		if ((error = ss_vex_import_project(&res, st, a.pos[0], a.pos[1],
						   cli_opt_get(&a, "by"))) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				cli_out(_("%zu analysis(es) recorded from %s; %zu statement(s) "
					  "name no "
					  "component of SBOM %lld"),
					json_array_size(json_object_get(res, "recorded")), a.pos[1],
					json_array_size(json_object_get(res, "skipped")),
					ji(res, "sbom"));
		}
	} else if (strcmp(sub, "vex") == 0 && a.npos == 1) {
		ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
		const char *o =
			cli_opt_get(&a, "o") ? cli_opt_get(&a, "o") : cli_opt_get(&a, "output");

		if ((error = ss_vex_export_project(
			     &b, st, a.pos[0],
			     cli_opt_get(&a, "format") ? cli_opt_get(&a, "format") : "cyclonedx",
			     cli_flag(&a, "include-undecided"))) == 0)
			error = cli_output(o ? o : "-", b.ptr, b.len);
		ss_buf_release(&b);
	} else if (writes && a.npos == 3) {
		ss_vuln_req req = {.project = a.pos[0],
				   .by = cli_opt_get(&a, "by"),
				   .vuln = a.pos[1],
				   .component = a.pos[2],
				   .state = cli_opt_get(&a, "state"),
				   .justification = cli_opt_get(&a, "justification"),
				   .response = values(&a, "response", resp, CLI_MAX_VALUES + 1),
				   .detail = cli_opt_get(&a, "detail")};

		if (strcmp(sub, "notice") == 0) {
			if ((error = ss_vuln_notice(&res, st, &req)) == 0) {
				cli_out(_("%s on %s recorded as found"), a.pos[1], a.pos[2]);
				if (*js(res, "change"))
					cli_out(_("change request %s opened: found after the "
						  "specification was agreed"),
						js(res, "change"));
			}
		} else if (strcmp(sub, "analyse") == 0) {
			if ((error = int_opt(&req.target, &a, "supersede")) == 0 &&
			    (error = ss_vuln_analyse(st, &req)) == 0)
				cli_out(_("%s on %s analysed: %s"), a.pos[1], a.pos[2], req.state);
		} else if (strcmp(sub, "decide") == 0) {
			if (cli_flag(&a, "accept") == cli_flag(&a, "reject")) {
				fprintf(stderr, "secspec vuln: %s\n",
					_("give --accept or --reject"));
				error = SS_EINVAL;
				goto out;
			}
			req.verdict = cli_flag(&a, "accept") ? "accept" : "reject";
			req.reason = cli_opt_get(&a, "reason");
			if ((error = int_opt(&req.target, &a, "target")) == 0 &&
			    (error = ss_vuln_decide(st, &req)) == 0)
				cli_out(_("%s on %s: the analysis is %s"), a.pos[1], a.pos[2],
					cli_flag(&a, "accept") ? _("accepted") : _("rejected"));
		} else {
			req.verdict = cli_flag(&a, "reject") ? "rejected" : "approved";
			req.reason = cli_opt_get(&a, "note");
			if ((error = int_opt(&req.target, &a, "target")) == 0 &&
			    (error = ss_vuln_approve(st, &req)) == 0)
				cli_out(_("%s on %s: accepting it is %s"), a.pos[1], a.pos[2],
					cli_flag(&a, "reject") ? _("rejected") : _("approved"));
		}
	} else {
		return cli_usage_error(usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? (error == SS_EINVAL && !st ? ss_error_exit_status(error)
						      : cli_fail(&a, error))
			 : 0;
}
