#include <stdio.h>
#include <string.h>

#include "cli.h"
#include <stdint.h>

static const char usage[] = "secspec log PROJECT\n"
			    "       secspec log verify PROJECT\n"
			    "       secspec log replay PROJECT [--repair]\n"
			    "       secspec log head PROJECT\n"
			    "       secspec log proof PROJECT SEQ [--size N]\n"
			    "       secspec log consistency PROJECT M [--size N]";

/* One field of a listed event: the log is read by people but written from
 * input, so a line break in a reason or a bidirectional override in a name
 * is shown escaped and cannot forge a line or reorder the text. */
static int field(ss_buf *line, const char *v, int width, const char *sep)
{
	ss_buf esc = SS_BUF_INIT(0);
	int error;

	if ((error = ss_text_escape(&esc, v ? v : "", false)) == 0)
		error = ss_buf_printf(line, "%-*s%s", width, esc.ptr, sep);
	ss_buf_release(&esc);
	return error;
}

static int data_summary(ss_buf *line, const json_t *data)
{
	static const char *const keys[] = {
		"item",  "person",    "id",   "name", "policy",    "verdict",  "side", "role",
		"phase", "milestone", "from", "to",   "technique", "incident", "ease", NULL};
	bool first = true;
	int error = 0;

	for (const char *const *k = keys; *k && error == 0; k++) {
		const json_t *v = json_object_get(data, *k);

		if (json_is_string(v) || json_is_integer(v)) {
			error = ss_buf_printf(line, "%s%s=", first ? "" : " ", *k);
			first = false;
		}
		if (error == 0 && json_is_string(v))
			error = field(line, json_string_value(v), 0, "");
		else if (error == 0 && json_is_integer(v))
			error = ss_buf_printf(line, "%lld", (long long)json_integer_value(v));
	}
	return error;
}

static int event_line(ss_buf *line, const json_t *e)
{
	const json_t *d = json_object_get(e, "data");
	const char *why = json_string_value(json_object_get(d, "reason"));
	int error;

	if ((error = ss_buf_printf(line, "%5lld ",
				   (long long)json_integer_value(json_object_get(e, "seq")))) < 0 ||
	    (error = field(line, json_string_value(json_object_get(e, "time")), 0, " ")) < 0 ||
	    (error = field(line, json_string_value(json_object_get(e, "side")), 6, " ")) < 0 ||
	    (error = field(line, json_string_value(json_object_get(e, "role")), 10, " ")) < 0 ||
	    (error = field(line, json_string_value(json_object_get(e, "actor")), 16, " ")) < 0 ||
	    (error = field(line, json_string_value(json_object_get(e, "type")), 14, " ")) < 0 ||
	    (error = data_summary(line, d)) < 0)
		return error;
	/* rules 4: the event's place in its change */
	if (json_object_get(e, "parts") &&
	    (error = ss_buf_printf(line, " [%lld/%lld]",
				   (long long)json_integer_value(json_object_get(e, "part")),
				   (long long)json_integer_value(json_object_get(e, "parts")))) < 0)
		return error;
	if (why &&
	    ((error = ss_buf_puts(line, " why: ")) < 0 || (error = field(line, why, 0, "")) < 0))
		return error;
	while (line->len && line->ptr[line->len - 1] == ' ')
		line->ptr[--line->len] = '\0';
	return 0;
}

int cmd_log(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"size", 1, "the size of the log the proof is for (default: the whole log)",
		 "証明の対象とするログの大きさ (既定はログ全体)"},
		{"repair", 0, "rebuild the state tables from the log",
		 "ログから状態テーブルを作り直す"},
		CLI_OPT_END};
	ss_buf line = SS_BUF_INIT(1 << 20);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	const char *sub = "list";
	int error;

	int64_t size = 0, num = 0;
	bool takes_number;

	if (argc > 0 && (strcmp(argv[0], "verify") == 0 || strcmp(argv[0], "replay") == 0 ||
			 strcmp(argv[0], "head") == 0 || strcmp(argv[0], "proof") == 0 ||
			 strcmp(argv[0], "consistency") == 0)) {
		sub = argv[0];
		argc--;
		argv++;
	}
	takes_number = strcmp(sub, "proof") == 0 || strcmp(sub, "consistency") == 0;
	if ((error = cli_parse(&a, "log", argc, argv, spec, takes_number ? 2 : 1,
			       takes_number ? 2 : 1, usage)) < 0)
		return ss_error_exit_status(error);
	if (takes_number && (ss_parse_int(&num, a.pos[1], 1, INT64_MAX) < 0 ||
			     (cli_opt_get(&a, "size") &&
			      ss_parse_int(&size, cli_opt_get(&a, "size"), 1, INT64_MAX) < 0))) {
		error = SS_EINVAL;
		goto out;
	}
	if (cli_flag(&a, "repair") && strcmp(sub, "replay") != 0)
		return cli_usage_error(usage, NULL);
	if ((error = cli_open(&st, &a, 0)) < 0)
		goto out;
	if (strcmp(sub, "head") == 0 || strcmp(sub, "proof") == 0 ||
	    strcmp(sub, "consistency") == 0) {
		const json_t *p;
		size_t i;

		if (strcmp(sub, "head") == 0)
			error = ss_log_head(&res, st, a.pos[0]);
		else if (strcmp(sub, "proof") == 0)
			error = ss_log_proof(&res, st, a.pos[0], num, size);
		else
			error = ss_log_consistency(&res, st, a.pos[0], num, size);
		if (error < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else if (strcmp(sub, "head") == 0) {
			cli_out("tree_size %lld\nroot %s",
				(long long)json_integer_value(json_object_get(res, "tree_size")),
				json_string_value(json_object_get(res, "root")));
		} else {
			const char *const *k;
			static const char *const keys[] = {
				"seq",        "tree_size",   "leaf_hash",   "root", "first_size",
				"first_root", "second_size", "second_root", NULL};

			for (k = keys; *k; k++) {
				const json_t *v = json_object_get(res, *k);

				if (json_is_integer(v))
					cli_out("%s %lld", *k, (long long)json_integer_value(v));
				else if (v)
					cli_out("%s %s", *k, json_string_value(v));
			}
			json_array_foreach(json_object_get(res, "path"), i, p) {
				cli_out("path %s", json_string_value(p));
			}
		}
	} else if (strcmp(sub, "verify") == 0) {
		const json_t *p;
		size_t i;

		error = ss_log_verify(&res, st, a.pos[0]);
		if (res && a.json) {
			cli_print_json(res);
		} else if (res) {
			json_array_foreach(json_object_get(res, "problems"), i, p) {
				fprintf(stderr, _("event %lld: %s [%s]\n"),
					(long long)json_integer_value(json_object_get(p, "seq")),
					json_string_value(json_object_get(p, "problem")),
					json_string_value(json_object_get(p, "rule")));
			}
			if (error == 0)
				cli_out(_("log of %s verified: %lld events, head %s"), a.pos[0],
					(long long)json_integer_value(
						json_object_get(res, "events")),
					json_string_value(json_object_get(res, "head")));
		}
	} else if (strcmp(sub, "replay") == 0 && cli_flag(&a, "repair")) {
		error = ss_log_replay_repair(&res, st, a.pos[0]);
		if (res && a.json)
			cli_print_json(res);
		else if (error == 0)
			cli_out(_("state of %s rebuilt from its %lld events"), a.pos[0],
				(long long)json_integer_value(json_object_get(res, "events")));
	} else if (strcmp(sub, "replay") == 0) {
		error = ss_log_replay_check(&res, st, a.pos[0]);
		if (res && a.json)
			cli_print_json(res);
		else if (error == 0)
			cli_out(_("state of %s equals the replay of its %lld events"), a.pos[0],
				(long long)json_integer_value(json_object_get(res, "events")));
	} else {
		const json_t *e;
		size_t i;

		if ((error = ss_log_list(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(json_object_get(res, "events"), i, e) {
				ss_buf_clear(&line);
				if ((error = event_line(&line, e)) < 0)
					goto out;
				cli_out("%s", line.ptr);
			}
		}
	}
out:
	ss_buf_release(&line);
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
