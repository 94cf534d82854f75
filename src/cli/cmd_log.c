#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] = "secspec log PROJECT\n"
			    "       secspec log verify PROJECT\n"
			    "       secspec log replay PROJECT";

static void data_summary(const json_t *data, char *out, size_t n)
{
	static const char *const keys[] = {"item", "person", "id", "name", "policy", "verdict",
					   "side", "role", "phase", "milestone", NULL};
	size_t used = 0;

	out[0] = '\0';
	for (const char *const *k = keys; *k && used < n; k++) {
		const json_t *v = json_object_get(data, *k);
		int w = 0;

		if (json_is_string(v))
			w = snprintf(out + used, n - used, "%s%s=%s", used ? " " : "", *k,
				     json_string_value(v));
		else if (json_is_integer(v))
			w = snprintf(out + used, n - used, "%s%s=%lld", used ? " " : "", *k,
				     (long long)json_integer_value(v));
		if (w > 0)
			used += (size_t)w;
	}
}

int cmd_log(int argc, char **argv)
{
	static const cli_optspec spec[] = {{NULL, 0}};
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	const char *sub = "list";
	int error;

	if (argc > 0 && (strcmp(argv[0], "verify") == 0 || strcmp(argv[0], "replay") == 0)) {
		sub = argv[0];
		argc--;
		argv++;
	}
	if ((error = cli_parse(&a, "log", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, 0)) < 0)
		goto out;
	if (strcmp(sub, "verify") == 0) {
		const json_t *p;
		size_t i;

		error = ss_log_verify(&res, st, a.pos[0]);
		if (res && a.json) {
			cli_print_json(res);
		} else if (res) {
			json_array_foreach(json_object_get(res, "problems"), i, p) {
				fprintf(stderr, "event %lld: %s\n",
					(long long)json_integer_value(json_object_get(p, "seq")),
					json_string_value(json_object_get(p, "problem")));
			}
			if (error == 0)
				cli_out("log of %s verified: %lld events, head %s", a.pos[0],
					(long long)json_integer_value(json_object_get(res, "events")),
					json_string_value(json_object_get(res, "head")));
		}
	} else if (strcmp(sub, "replay") == 0) {
		error = ss_log_replay_check(&res, st, a.pos[0]);
		if (res && a.json)
			cli_print_json(res);
		else if (error == 0)
			cli_out("state of %s equals the replay of its %lld events", a.pos[0],
				(long long)json_integer_value(json_object_get(res, "events")));
	} else {
		const json_t *e;
		char summary[512];
		size_t i;

		if ((error = ss_log_list(&res, st, a.pos[0])) < 0)
			goto out;
		if (a.json) {
			cli_print_json(res);
		} else {
			json_array_foreach(json_object_get(res, "events"), i, e) {
				const json_t *d = json_object_get(e, "data");
				const char *why = json_string_value(json_object_get(d, "reason"));

				data_summary(d, summary, sizeof(summary));
				char line[4096];
				size_t n;

				snprintf(line, sizeof(line), "%5lld %s %-6s %-10s %-16s %-14s %s%s%s",
					 (long long)json_integer_value(json_object_get(e, "seq")),
					 json_string_value(json_object_get(e, "time")),
					 json_string_value(json_object_get(e, "side")),
					 json_string_value(json_object_get(e, "role")),
					 json_string_value(json_object_get(e, "actor")),
					 json_string_value(json_object_get(e, "type")), summary,
					 why ? " why: " : "", why ? why : "");
				n = strlen(line);
				while (n && line[n - 1] == ' ')
					line[--n] = '\0';
				cli_out("%s", line);
			}
		}
	}
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
