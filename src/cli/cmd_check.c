/* secspec check: the catalog's machine checks against a host. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "secspec/check.h"

static const char *verdict_word(const char *v)
{
	return strcmp(v, "pass") == 0   ? _("pass")
	       : strcmp(v, "fail") == 0 ? _("FAIL")
	       : strcmp(v, "na") == 0   ? _("n/a")
					: _("ERROR");
}

int cmd_check(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"root", 1, "a Linux root tree to read (/ for this host); read only",
		 "読み取る Linux のルートツリー (このホストは /)。読み取りのみ"},
		{"windows", 1, "a directory of settings a Windows host exported (reg export *.reg)",
		 "Windows ホストが書き出した設定のディレクトリ (reg export の *.reg)"},
		CLI_OPT_END};
	static const char usage[] = N_("secspec check PROJECT --root DIR | --windows DIR");
	ss_check_req req = {0};
	ss_store *st = NULL;
	json_t *res = NULL, *it, *c;
	cli_args a;
	size_t i;
	int error, status = 0;

	if ((error = cli_parse(&a, "check", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	req.project = a.pos[0];
	req.root = cli_opt_get(&a, "root");
	req.windows = cli_opt_get(&a, "windows");
	if (!req.root == !req.windows) {
		fprintf(stderr, _("usage: %s\n"), _(usage));
		return 64;
	}
	if ((error = cli_open(&st, &a, 0)) < 0 || (error = ss_check_run(&res, st, &req)) < 0)
		goto out;
	c = json_object_get(res, "counts");
	if (a.json) {
		cli_print_json(res);
	} else {
		json_array_foreach(json_object_get(res, "items"), i, it) {
			cli_out("%-12s %-5s %s", json_string_value(json_object_get(it, "id")),
				verdict_word(json_string_value(json_object_get(it, "verdict"))),
				json_string_value(json_object_get(it, "seen")));
		}
		cli_out(_("%s against %s: %lld passed, %lld failed, %lld not applicable, %lld "
			  "errors; %lld implemented items have no machine check"),
			a.pos[0],
			json_string_value(json_object_get(json_object_get(res, "target"), "path")),
			(long long)json_integer_value(json_object_get(c, "pass")),
			(long long)json_integer_value(json_object_get(c, "fail")),
			(long long)json_integer_value(json_object_get(c, "na")),
			(long long)json_integer_value(json_object_get(c, "error")),
			(long long)json_integer_value(json_object_get(c, "unchecked")));
	}
	if (json_integer_value(json_object_get(c, "fail")) > 0 ||
	    json_integer_value(json_object_get(c, "error")) > 0)
		status = ss_error_exit_status(SS_ERULE);
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : status;
}
