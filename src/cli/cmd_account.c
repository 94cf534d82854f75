/* account: the local accounts of a deployment (who may log in to secspec
 * serve). Passwords come from the file $SECSPEC_PASSWORD_FILE names or from
 * the terminal without echo, never from the command line. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cli.h"

/* One line from the terminal without echo, after prompt; *out freed with
 * ss_account_secret_free. */
static int tty_line(char **out, int fd, const char *prompt)
{
	char buf[SS_PASSWORD_MAX + 2];
	struct termios old, quiet;
	size_t n = 0;
	int error = 0;
	char c;

	if (tcgetattr(fd, &old) < 0)
		return ss_error_set(SS_EIO, "cannot turn off the terminal's echo");
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(fd, TCSAFLUSH, &quiet) < 0)
		return ss_error_set(SS_EIO, "cannot turn off the terminal's echo");
	if (write(fd, prompt, strlen(prompt)) < 0) {
		error = ss_error_set(SS_EIO, "cannot write to the terminal");
		goto out;
	}
	while (read(fd, &c, 1) == 1 && c != '\n' && c != '\r') {
		if (n < sizeof(buf) - 1)
			buf[n++] = c;
		else
			error = SS_ELIMIT;
	}
	buf[n] = '\0';
	if (error == SS_ELIMIT)
		error = ss_error_set(SS_ELIMIT, "the password is longer than %d bytes",
				     SS_PASSWORD_MAX);
	else if (!(*out = strdup(buf)))
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	tcsetattr(fd, TCSAFLUSH, &old);
	OPENSSL_cleanse(buf, sizeof(buf));
	return error;
}

/* The new password: from $SECSPEC_PASSWORD_FILE, else typed twice. */
static int read_password(char **out)
{
	const char *file = getenv("SECSPEC_PASSWORD_FILE");
	char *first = NULL, *again = NULL;
	int fd, error;

	if (file && *file)
		return ss_account_password_read(out, file, "SECSPEC_PASSWORD_FILE");
	if ((fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return ss_error_set(SS_EINVAL, "no terminal to type the password on: name a file "
					       "holding it (mode 0600) with SECSPEC_PASSWORD_FILE");
	if ((error = tty_line(&first, fd, _("New password: "))) == 0 &&
	    (error = tty_line(&again, fd, _("The same password again: "))) == 0) {
		if (strcmp(first, again) != 0) {
			error = ss_error_set(SS_EINVAL,
					     "the two passwords differ; nothing changed");
		} else {
			*out = first;
			first = NULL;
		}
	}
	close(fd);
	ss_account_secret_free(first);
	ss_account_secret_free(again);
	return error;
}

static void print_list(const cli_args *a, const json_t *list)
{
	const json_t *acc;
	size_t i;

	if (a->json) {
		cli_print_json(list);
		return;
	}
	json_array_foreach(list, i, acc) {
		const char *until = json_string_value(json_object_get(acc, "locked_until"));
		char state[128], lock[96] = "";

		if (until)
			snprintf(lock, sizeof(lock), _(", locked until %s"), until);
		snprintf(state, sizeof(state), "%s%s%s",
			 json_is_true(json_object_get(acc, "admin")) ? _("admin") : _("user"),
			 json_is_true(json_object_get(acc, "disabled")) ? _(", disabled") : "",
			 lock);
		cli_out("%-20s %-30s %s", json_string_value(json_object_get(acc, "login")),
			json_string_value(json_object_get(acc, "name")), state);
	}
}

int cmd_account(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"name", 1, "the person's display name (account add)",
		 "本人の表示名 (account add)"},
		{"admin", 0, "the account may create accounts and reset passwords (account add)",
		 "アカウントの作成とパスワードの再設定ができる (account add)"},
		CLI_OPT_END};
	static const char usage[] = "secspec account add LOGIN --name TEXT [--admin]\n"
				    "       secspec account passwd LOGIN\n"
				    "       secspec account disable LOGIN\n"
				    "       secspec account list";
	const char *sub = cli_sub(argc, argv);
	char *password = NULL;
	ss_store *st = NULL;
	json_t *res = NULL;
	int64_t now = 0;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "account", argc, argv, spec, 0, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if (strcmp(sub, "list") == 0  ? a.npos != 0
	    : strcmp(sub, "add") == 0 ? a.npos != 1 || !cli_opt_get(&a, "name")
	    : strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0
		    ? a.npos != 1 || cli_opt_get(&a, "name") || cli_flag(&a, "admin")
		    : true)
		return cli_usage_error(usage, NULL);
	if ((error = ss_account_now(&now)) < 0 || (error = cli_open(&st, &a, 0)) < 0)
		goto out;
	if (strcmp(sub, "add") == 0) {
		ss_account_new req = {a.pos[0], cli_opt_get(&a, "name"), NULL,
				      cli_flag(&a, "admin")};

		if ((error = read_password(&password)) < 0)
			goto out;
		req.password = password;
		if ((error = ss_account_add(st, &req, now)) < 0)
			goto out;
		res = json_pack("{s:s, s:b}", "added", a.pos[0], "admin", req.admin);
		if (a.json)
			cli_print_json(res);
		else
			cli_out(_("account %s added"), a.pos[0]);
	} else if (strcmp(sub, "passwd") == 0) {
		/* whoever runs this holds the database: an administrator's reset */
		if ((error = read_password(&password)) < 0 ||
		    (error = ss_account_password(st, a.pos[0], NULL, password, now)) < 0)
			goto out;
		res = json_pack("{s:s}", "password_changed", a.pos[0]);
		if (a.json)
			cli_print_json(res);
		else
			cli_out(_("password of %s changed"), a.pos[0]);
	} else if (strcmp(sub, "disable") == 0) {
		if ((error = ss_account_disable(st, a.pos[0], true)) < 0)
			goto out;
		res = json_pack("{s:s}", "disabled", a.pos[0]);
		if (a.json)
			cli_print_json(res);
		else
			cli_out(_("account %s disabled"), a.pos[0]);
	} else {
		if ((error = ss_account_list(&res, st, now)) < 0)
			goto out;
		print_list(&a, res);
	}
out:
	ss_account_secret_free(password);
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : 0;
}
