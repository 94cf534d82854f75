#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "cli.h"

/* Build the sample project, write its specification in ja and en, and
 * print where and the lint summary. */
int cmd_demo(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"out", 1, "also write the rendered documents to this directory",
		 "生成した文書をこのディレクトリにも書き出す"},
		{"name", 1, "the project's name (default demo)", "プロジェクト名 (既定は demo)"},
		{"catalog-version", 1, "the catalog version the project uses (default: the newest)",
		 "プロジェクトが使うカタログの版 (既定は最新)"},
		CLI_OPT_END};
	static const char *const langs[] = {"ja", "en"};
	static const char *const formats[] = {"html", "md"};
	ss_buf doc = SS_BUF_INIT(SS_BUF_DOC_MAX), path = SS_BUF_INIT(4096);
	json_t *res = NULL, *model = NULL, *lint = NULL, *written = json_array();
	const char *name, *outdir;
	ss_store *st = NULL;
	cli_args a;
	size_t l, f;
	int error;

	if ((error = cli_parse(&a, "demo", argc, argv, spec, 0, 0,
			       "secspec demo [--db PATH] [--name PROJECT] [--out DIR] "
			       "[--catalog-version V]")) < 0)
		return ss_error_exit_status(error);
	name = cli_opt_get(&a, "name") ? cli_opt_get(&a, "name") : "demo";
	outdir = cli_opt_get(&a, "out") ? cli_opt_get(&a, "out") : ".";
	/* refuse before building anything, so a bad --out leaves no project behind */
	{
		struct stat sb;

		if (stat(outdir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
			error = ss_error_set(SS_EIO, "--out %s is not a directory", outdir);
			goto out;
		}
	}
	if (access(outdir, W_OK) != 0) {
		error = ss_error_set(SS_EIO, "cannot write the documents to %s: %s", outdir,
				     strerror(errno));
		goto out;
	}
	/* the sample project is unsigned: no key is loaded */
	if ((error = cli_open(&st, &a, CLI_CREATE)) < 0 || (error = ss_store_init(st)) < 0)
		goto out;
	{
		json_t *cat = NULL;

		error = ss_catalog_load(&cat, st, ss_catalog_builtin_dir());
		json_decref(cat);
		if (error < 0)
			goto out;
	}
	if ((error = ss_demo_build(&res, st, name, cli_opt_get(&a, "catalog-version"))) < 0 ||
	    (error = ss_spec_model(&model, st, name)) < 0 || (error = ss_lint(&lint, st, name)) < 0)
		goto out;
	for (l = 0; l < 2; l++) {
		for (f = 0; f < 2; f++) {
			ss_buf_clear(&doc);
			ss_buf_clear(&path);
			if ((error = ss_render(&doc, model, formats[f], langs[l])) < 0 ||
			    (error = ss_buf_printf(&path, "%s/%s-spec.%s.%s", outdir, name,
						   langs[l], formats[f])) < 0 ||
			    (error = ss_file_write_atomic(path.ptr, doc.ptr, doc.len)) < 0)
				goto out;
			json_array_append_new(written, json_string(path.ptr));
		}
	}
	if (a.json) {
		json_object_set(res, "written", written);
		json_object_set(res, "lint", lint);
		cli_print_json(res);
	} else {
		const json_t *p;
		size_t i;

		cli_out(_("demo project '%s' built in %s (%lld events)"), name, a.db,
			(long long)json_integer_value(json_object_get(res, "events")));
		json_array_foreach(written, i, p) {
			cli_out(_("  wrote %s"), json_string_value(p));
		}
		cli_out(_("lint: %lld errors, %lld warnings in %lld requirements"),
			(long long)json_integer_value(json_object_get(lint, "errors")),
			(long long)json_integer_value(json_object_get(lint, "warnings")),
			(long long)json_integer_value(json_object_get(lint, "requirements")));
	}
out:
	json_decref(res);
	json_decref(model);
	json_decref(lint);
	json_decref(written);
	ss_buf_release(&doc);
	ss_buf_release(&path);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
