#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "secspec/check.h"

int cmd_render(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"format", 1,
		 "md, html, json, xlsx (the Excel checklist), csv, oscal-ssp or oscal-poam (OSCAL "
		 "1.1.2 "
		 "system security plan, plan of action and milestones); default md",
		 "md、html、json、xlsx (Excel のチェックリスト)、oscal-ssp、oscal-poam (OSCAL "
		 "1.1.2 "
		 "のシステムセキュリティ計画、対応計画)。既定は md"},
		{"o", 1, "write to FILE instead of standard output",
		 "標準出力ではなく FILE に書き出す"},
		{"output", 1, "the same as -o", "-o と同じ"},
		{"as-of", 1,
		 "the specification as it was at a milestone, an event number or a time",
		 "マイルストーン・イベント番号・時刻の時点の仕様書"},
		{"for", 1,
		 "the view of one reader, or candidate:ID for the RFP view of a candidate",
		 "一人の読み手から見た内容、または candidate:ID で候補向けの RFP の内容"},
		{"acceptance", 0,
		 "the acceptance and switchover report instead of the specification (rules 6)",
		 "仕様書の代わりに受入・切替報告書を出力する (規則 6)"},
		CLI_OPT_END};
	ss_buf doc = SS_BUF_INIT(SS_BUF_DOC_MAX);
	const char *format, *outpath;
	ss_store *st = NULL;
	json_t *model = NULL;
	cli_args a;
	int error;

	/* -o FILE (the one-letter option "o") is accepted as well as --output FILE */
	if ((error = cli_parse(&a, "render", argc, argv, spec, 1, 1,
			       "secspec render PROJECT [--format "
			       "md|html|json|xlsx|oscal-ssp|oscal-poam] [--lang ja|en] "
			       "[--as-of MILESTONE|SEQ|TIME] [--for PERSON|candidate:ID] "
			       "[--acceptance] [-o FILE | --output FILE]")) < 0)
		return ss_error_exit_status(error);
	format = cli_opt_get(&a, "format") ? cli_opt_get(&a, "format") : "md";
	outpath = cli_opt_get(&a, "o") ? cli_opt_get(&a, "o") : cli_opt_get(&a, "output");
	if ((error = cli_open(&st, &a, 0)) < 0)
		goto out;
	if (cli_flag(&a, "acceptance")) {
		/* the report is the log's as it stands: no earlier point, no
		 * reader's view (the page of serve withholds what it must) */
		if (cli_opt_get(&a, "as-of") || cli_opt_get(&a, "for")) {
			error = ss_error_set(SS_EINVAL,
					     _("--acceptance takes neither --as-of nor --for"));
			goto out;
		}
		if ((error = ss_acceptance_show(&model, st, a.pos[0])) < 0 ||
		    (error = ss_render_acceptance(&doc, model, format, a.lang)) < 0)
			goto out;
	} else {
		/* as of an earlier point the model is a replay of the log; the
		 * live one is read from the state tables, which must be the
		 * log's projection */
		if (cli_opt_get(&a, "as-of"))
			error = ss_spec_model_as_of(&model, st, a.pos[0], cli_opt_get(&a, "as-of"));
		else if ((error = ss_store_check_state(st, a.pos[0])) == 0)
			error = ss_spec_model(&model, st, a.pos[0]);
		/* the view of one reader: what it may not see yet is left out */
		if (error == 0 && cli_opt_get(&a, "for"))
			error = ss_spec_model_redact(model, cli_opt_get(&a, "for"));
		if (error < 0 || (error = ss_render(&doc, model, format, a.lang)) < 0)
			goto out;
	}
	if (outpath && strcmp(outpath, "-") != 0) {
		if ((error = ss_file_write_atomic(outpath, doc.ptr, doc.len)) < 0)
			goto out;
		fprintf(stderr, _("wrote %s (%zu bytes)\n"), outpath, doc.len);
	} else if (fwrite(doc.ptr, 1, doc.len, stdout) != doc.len) {
		error = ss_error_set(SS_EIO, "writing the document to standard output failed");
	}
out:
	json_decref(model);
	ss_buf_release(&doc);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
