#include <string.h>

#include "cli.h"

static const char usage[] =
	"secspec catalog list [--section S] [--platform P] [--category C] [--technique T] "
	"[--version V]\n"
	"       secspec catalog show ITEM [--version V]\n"
	"       secspec catalog validate [DIR]\n"
	"       secspec catalog load DIR   (alias: new-version)\n"
	"       secspec catalog diff FROM TO\n"
	"       secspec catalog versions\n"
	"       secspec catalog sections|platforms|categories|kinds [--version V]";

static const cli_optspec spec[] = {
	CLI_OPT_FILTER,
	{"technique", 1, "only the items that cite this ATT&CK technique",
	 "この ATT&CK 攻撃手法を引用する項目だけ"},
	{"version", 1, "the catalog version (default: the newest loaded)",
	 "カタログの版 (既定は読み込み済みの最新)"},
	CLI_OPT_END};

static void print_i18n_field(const cli_args *a, const json_t *item, const char *key,
			     const char *label)
{
	const json_t *v = json_object_get(item, key);

	if (v)
		cli_out("%s:\n  %s", label, cli_pick(a, v));
}

static void print_list(const cli_args *a, const json_t *item, const char *key, const char *label)
{
	const json_t *v = json_object_get(item, key), *e;
	size_t i;

	if (!json_array_size(v))
		return;
	printf("%s:", label);
	json_array_foreach(v, i, e) {
		printf(" %s", json_string_value(e));
	}
	printf("\n");
}

static void show_item(const cli_args *a, const json_t *it)
{
	const json_t *s, *chk;
	size_t i;

	cli_out("%s  %s", json_string_value(json_object_get(it, "id")),
		cli_pick(a, json_object_get(it, "title")));
	cli_out(json_is_true(json_object_get(it, "default"))
			? _("section %s, platform %s, category %s (default mitigation); scores "
			    "incident %lld, ease %lld")
			: _("section %s, platform %s, category %s; scores incident %lld, ease "
			    "%lld"),
		json_string_value(json_object_get(it, "section")),
		json_string_value(json_object_get(it, "platform")),
		json_string_value(json_object_get(it, "category")),
		(long long)json_integer_value(
			json_object_get(json_object_get(it, "scores"), "incident")),
		(long long)json_integer_value(
			json_object_get(json_object_get(it, "scores"), "ease")));
	if (json_string_value(json_object_get(json_object_get(it, "scores"), "technique")))
		cli_out(_("scored by %s"), json_string_value(json_object_get(
						   json_object_get(it, "scores"), "technique")));
	if (json_object_get(it, "change"))
		cli_out(_("Changed in %s: %s"),
			json_string_value(
				json_object_get(json_object_get(it, "change"), "version")),
			cli_pick(a, json_object_get(it, "change")));
	/* the labels are messages; the catalog's text follows --lang */
	print_i18n_field(a, it, "overview", _("Overview"));
	print_i18n_field(a, it, "mitigation", _("Mitigation"));
	if (json_array_size(json_object_get(it, "settings"))) {
		cli_out("%s:", _("Settings"));
		json_array_foreach(json_object_get(it, "settings"), i, s) {
			cli_out("  %s: %s = %s", json_string_value(json_object_get(s, "where")),
				json_string_value(json_object_get(s, "key")),
				json_string_value(json_object_get(s, "value")));
		}
	}
	print_i18n_field(a, it, "rationale", _("Rationale"));
	print_i18n_field(a, it, "operational_impact", _("Operational impact"));
	print_i18n_field(a, it, "user_responsibility", _("User's responsibility"));
	print_list(a, it, "tactics", _("ATT&CK tactics"));
	print_list(a, it, "attack", "ATT&CK");
	print_list(a, it, "mitigations", _("ATT&CK mitigations"));
	print_list(a, it, "cwe", "CWE");
	print_list(a, it, "asvs", "ASVS 4.0.3");
	print_list(a, it, "stig", "STIG");
	print_list(a, it, "cis", "CIS");
	{
		const char *k;
		const json_t *list, *r;
		size_t n;

		json_object_foreach(json_object_get(it, "references"), k, list) {
			json_array_foreach(list, n, r) {
				const char *state = json_is_true(json_object_get(r, "revoked"))
							    ? _("(revoked)")
						    : json_is_true(json_object_get(r, "deprecated"))
							    ? _("(deprecated)")
							    : NULL;

				cli_out("  %s %s%s%s", json_string_value(json_object_get(r, "id")),
					json_string_value(json_object_get(r, "name")),
					state ? " " : "", state ? state : "");
			}
		}
	}
	if ((chk = json_object_get(it, "check")))
		cli_out(_("check: %s"), json_string_value(json_object_get(chk, "kind")));
	cli_out(_("catalog %s, content hash %s"), json_string_value(json_object_get(it, "version")),
		json_string_value(json_object_get(it, "content_hash")));
}

static int labels(const cli_args *a, ss_store *st, const char *list)
{
	json_t *meta = NULL;
	const json_t *e, *q;
	size_t i, j;
	int error;

	if ((error = ss_catalog_meta(&meta, st, cli_opt_get(a, "version"))) < 0)
		return error;
	if (a->json) {
		cli_print_json(json_object_get(meta, list));
	} else {
		json_array_foreach(json_object_get(meta, list), i, e) {
			cli_out("%-26s %s", json_string_value(json_object_get(e, "id")),
				cli_pick(a, e));
			json_array_foreach(json_object_get(e, "questions"), j, q) {
				cli_out("    --answer %s=...  %s",
					json_string_value(json_object_get(q, "id")),
					cli_pick(a, q));
			}
		}
	}
	json_decref(meta);
	return 0;
}

/* The reason the newer version gives for an item's change, indented. */
static void print_note(const cli_args *a, const json_t *diff, const char *id)
{
	const json_t *n = json_object_get(json_object_get(diff, "notes"), id), *r;
	size_t i;

	if (!n)
		return;
	cli_out("         %s", cli_pick(a, n));
	json_array_foreach(json_object_get(n, "replaced_by"), i, r) {
		cli_out("         -> %s", json_string_value(r));
	}
}

/* Check a catalog directory: its files, and when that version is loaded in
 * the database, its references against the imported data. */
static int validate(cli_args *a, const char *dir)
{
	json_t *res = NULL, *check = NULL, *loaded = NULL;
	const json_t *p;
	ss_store *st = NULL;
	size_t i;
	int error, refs_error = 0;

	error = ss_catalog_validate(&res, dir);
	if (!res)
		return cli_fail(a, error); /* nothing could be read */
	if (error == 0 && ss_store_open(&st, a->db, 0) == 0 && ss_store_check(st) == 0 &&
	    ss_catalog_list(&loaded, st, json_string_value(json_object_get(res, "version")),
			    NULL) == 0) {
		refs_error = ss_refs_check_catalog(
			&check, st, json_string_value(json_object_get(res, "version")));
		if (check)
			json_object_set(res, "references", check);
	}
	if (a->json) {
		cli_print_json(res);
	} else {
		json_array_foreach(json_object_get(res, "problems"), i, p) {
			const char *item = json_string_value(json_object_get(p, "item"));
			const char *field = json_string_value(json_object_get(p, "field"));

			fprintf(stderr, "%s/%s:%lld: %s%s%s: %s\n",
				json_string_value(json_object_get(p, "dir")),
				json_string_value(json_object_get(p, "file")),
				(long long)json_integer_value(json_object_get(p, "line")),
				item ? item : "", item ? " " : "", field ? field : "file",
				json_string_value(json_object_get(p, "message")));
		}
		json_array_foreach(json_object_get(check, "problems"), i, p) {
			fprintf(stderr, "%s %s %s: %s\n",
				json_string_value(json_object_get(p, "item")),
				json_string_value(json_object_get(p, "kind")),
				json_string_value(json_object_get(p, "ref")),
				json_string_value(json_object_get(p, "problem")));
		}
		if (error == 0) {
			const json_t *v;

			json_array_foreach(json_object_get(res, "versions"), i, v) {
				cli_out(_("catalog %s in %s: %lld items, files without problems"),
					json_string_value(json_object_get(v, "version")),
					json_string_value(json_object_get(v, "dir")),
					(long long)json_integer_value(json_object_get(v, "items")));
			}
		}
		if (check)
			cli_out(_("references: %lld checked against the imported data, %zu "
				  "problem(s)"),
				(long long)json_integer_value(json_object_get(check, "checked")),
				json_array_size(json_object_get(check, "problems")));
		if (error < 0)
			fprintf(stderr, "secspec catalog validate: %s\n", ss_error_last());
	}
	json_decref(res);
	json_decref(check);
	json_decref(loaded);
	ss_store_free(st);
	if (error < 0)
		return ss_error_exit_status(error);
	return refs_error < 0 ? ss_error_exit_status(refs_error) : 0;
}

int cmd_catalog(int argc, char **argv)
{
	const char *sub = cli_sub(argc, argv);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "catalog", argc, argv, spec, 0, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if (strcmp(sub, "validate") == 0)
		return validate(&a, a.npos ? a.pos[0] : ss_catalog_builtin_dir());
	if (strcmp(sub, "load") == 0 || strcmp(sub, "new-version") == 0) {
		if (a.npos != 1) {
			return cli_usage_error(usage, NULL);
		}
		if ((error = cli_open(&st, &a, 0)) == 0 &&
		    (error = ss_catalog_load(&res, st, a.pos[0])) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				cli_print_loaded(res);
		}
		goto out;
	}
	if (strcmp(sub, "diff") == 0) {
		const json_t *c, *x;
		size_t i, j;

		if (a.npos != 2) {
			return cli_usage_error(usage, NULL);
		}
		if ((error = cli_open(&st, &a, 0)) < 0 ||
		    (error = ss_catalog_diff(&res, st, a.pos[0], a.pos[1])) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
			goto out;
		}
		json_array_foreach(json_object_get(res, "added"), i, x) {
			cli_out("added    %s", json_string_value(x));
		}
		json_array_foreach(json_object_get(res, "retired"), i, x) {
			cli_out("retired  %s", json_string_value(x));
			print_note(&a, res, json_string_value(x));
		}
		json_array_foreach(json_object_get(res, "changed"), i, c) {
			printf("changed  %s:", json_string_value(json_object_get(c, "id")));
			json_array_foreach(json_object_get(c, "fields"), j, x) {
				printf(" %s", json_string_value(x));
			}
			printf("\n");
			print_note(&a, res, json_string_value(json_object_get(c, "id")));
		}
		json_array_foreach(json_object_get(res, "references"), i, c) {
			cli_out("technique %s %s",
				json_string_value(json_object_get(c, "technique")),
				json_string_value(json_object_get(c, "status")));
		}
		cli_out(_("%s -> %s: %zu added, %zu retired, %zu changed, %zu technique(s) to "
			  "review"),
			a.pos[0], a.pos[1], json_array_size(json_object_get(res, "added")),
			json_array_size(json_object_get(res, "retired")),
			json_array_size(json_object_get(res, "changed")),
			json_array_size(json_object_get(res, "references")));
		goto out;
	}
	if (strcmp(sub, "show") != 0 && a.npos > 0) {
		char cmd[64], msg[1024];

		snprintf(cmd, sizeof(cmd), "catalog %.40s", sub);
		snprintf(msg, sizeof(msg), _("unexpected argument '%s'"), a.pos[0]);
		return cli_usage_fail(cmd, msg, usage);
	}
	if ((error = cli_open(&st, &a, 0)) < 0)
		goto out;
	if (strcmp(sub, "list") == 0) {
		ss_filter f = {cli_opt_get(&a, "section"), cli_opt_get(&a, "platform"),
			       cli_opt_get(&a, "category"), cli_opt_get(&a, "technique")};
		const json_t *it;
		size_t i;

		if ((error = ss_catalog_list(&res, st, cli_opt_get(&a, "version"), &f)) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(json_object_get(res, "items"), i, it) {
				cli_out("%-11s %-13s %-8s %s%s",
					json_string_value(json_object_get(it, "id")),
					json_string_value(json_object_get(it, "section")),
					json_string_value(json_object_get(it, "platform")),
					json_is_true(json_object_get(it, "default")) ? "* " : "  ",
					json_string_value(json_object_get(
						it, strcmp(a.lang, "ja") == 0 ? "title_ja"
									      : "title_en")));
			}
			cli_out(_("%lld items (catalog %s; * = default mitigation)"),
				(long long)json_integer_value(json_object_get(res, "count")),
				json_string_value(json_object_get(res, "version")));
		}
	} else if (strcmp(sub, "show") == 0) {
		if (a.npos != 1) {
			fprintf(stderr, _("usage: %s\n"), usage);
			error = SS_EINVAL;
			ss_error_set(error, "give one item id");
			goto out;
		}
		if ((error = ss_catalog_show(&res, st, cli_opt_get(&a, "version"), a.pos[0])) < 0)
			goto out;
		if (a.json)
			cli_print_json(res);
		else
			show_item(&a, res);
	} else if (strcmp(sub, "versions") == 0) {
		const json_t *v;
		size_t i;

		if ((error = ss_catalog_versions(&res, st)) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(res, i, v) {
				cli_out(_("%s  released %s  %lld items  %s"),
					json_string_value(json_object_get(v, "version")),
					json_string_value(json_object_get(v, "released")),
					(long long)json_integer_value(json_object_get(v, "items")),
					json_string_value(json_object_get(v, "content_hash")));
			}
		}
	} else if (strcmp(sub, "sections") == 0) {
		error = labels(&a, st, "sections");
	} else if (strcmp(sub, "platforms") == 0) {
		error = labels(&a, st, "platforms");
	} else if (strcmp(sub, "categories") == 0) {
		error = labels(&a, st, "categories");
	} else if (strcmp(sub, "kinds") == 0) {
		error = labels(&a, st, "asset_kinds");
	} else {
		return cli_usage_error(usage, st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
