/* key, agree, minutes, evidence and verify: the evidence commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A CA certificate file (PEM): a chain of a few certificates at most. */
#define CA_MAX ((uint64_t)1024 * 1024)

static int finish(cli_args *a, ss_store *st, json_t *res, int error)
{
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(a, error) : 0;
}

int cmd_key(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		CLI_OPT_BY,
		{"new-key", 1, "the new key that replaces the registered one",
		 "登録済みの鍵に代わる新しい鍵"},
		{"reason", 1, "why the key is revoked", "鍵を失効させる理由"},
		{"o", 1, "key sign: write the signed proposal there (default: FILE itself)",
		 "key sign: 署名した提案の書き出し先 (既定は FILE 自身)"},
		CLI_OPT_END};
	static const char usage[] =
		"secspec key gen FILE\n"
		"       secspec key sign FILE --key KEY [-o OUT]\n"
		"       secspec key register PROJECT --by PERSON --key FILE "
		"[--new-key FILE]\n"
		"       secspec key revoke PROJECT FINGERPRINT --reason TEXT --by "
		"PERSON [--key FILE]\n"
		"       secspec key list PROJECT";
	const char *sub = cli_sub(argc, argv);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "key", argc, argv, spec, 1, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if ((a.npos == 2) != (strcmp(sub, "revoke") == 0))
		return cli_usage_error(usage, NULL);
	if (strcmp(sub, "sign") == 0)
		return finish(&a, NULL, NULL, cli_key_sign(&a));
	if (strcmp(sub, "gen") == 0) {
		char *pass = NULL;

		if ((error = cli_secret_path(a.pos[0], N_("a private key"))) == 0 &&
		    (error = cli_passphrase(&pass)) == 0)
			error = ss_key_generate(a.pos[0], pass);
		if (error == 0 && a.json) {
			char pub[4096];
			ss_key *k = NULL;

			/* the public half gives the fingerprint without paying for the
			 * passphrase's key derivation a second time */
			snprintf(pub, sizeof(pub), "%s.pub", a.pos[0]);
			if ((error = ss_key_load_public(&k, pub)) == 0) {
				res = json_pack("{s:s, s:s+, s:s, s:b}", "private", a.pos[0],
						"public", a.pos[0], ".pub", "fingerprint",
						ss_key_fingerprint(k), "encrypted", pass != NULL);
				cli_print_json(res);
				json_decref(res);
				res = NULL;
			}
			ss_key_free(k);
		} else if (error == 0) {
			cli_out(pass ? _("wrote %s (private key, mode 0600, encrypted) and %s.pub "
					 "(public key)")
				     : _("wrote %s (private key, mode 0600) and %s.pub (public "
					 "key)"),
				a.pos[0], a.pos[0]);
		}
		ss_account_secret_free(pass);
		return finish(&a, NULL, NULL, error);
	}
	if ((error = cli_open(&st, &a,
			      strcmp(sub, "register") == 0 || strcmp(sub, "revoke") == 0 ? CLI_SIGN
											 : 0)) < 0)
		return finish(&a, st, res, error);
	if (strcmp(sub, "register") == 0) {
		ss_key *fresh = NULL;
		const ss_key *k = cli_signer();
		char *pass = NULL;

		/* --new-key: a further key, registered under the one given with --key */
		if (cli_opt_get(&a, "new-key") &&
		    ((error = cli_secret_path(cli_opt_get(&a, "new-key"),
					      N_("the private key of --new-key"))) < 0 ||
		     (error = cli_passphrase(&pass)) < 0 ||
		     (error = ss_key_load_private(&fresh, cli_opt_get(&a, "new-key"), pass)) < 0)) {
			ss_account_secret_free(pass);
			return finish(&a, st, res, error);
		}
		ss_account_secret_free(pass);
		if (fresh)
			k = fresh;
		if (!k) {
			error = ss_error_set(SS_EINVAL, "give the key to register with --key FILE");
		} else if ((error = ss_key_register(st, a.pos[0], cli_opt_get(&a, "by"), k)) == 0) {
			if (a.json) {
				res = json_pack("{s:s, s:s, s:s}", "project", a.pos[0], "person",
						cli_opt_get(&a, "by"), "fingerprint",
						ss_key_fingerprint(k));
				cli_print_json(res);
			} else {
				cli_out(_("key %s registered to %s in %s"), ss_key_fingerprint(k),
					cli_opt_get(&a, "by"), a.pos[0]);
			}
		}
		ss_key_free(fresh);
	} else if (strcmp(sub, "revoke") == 0) {
		if ((error = ss_key_revoke(st, a.pos[0], a.pos[1], cli_opt_get(&a, "reason"),
					   cli_opt_get(&a, "by"))) == 0) {
			if (a.json) {
				res = json_pack("{s:s, s:s, s:s}", "project", a.pos[0],
						"fingerprint", a.pos[1], "revoked_by",
						cli_opt_get(&a, "by"));
				cli_print_json(res);
			} else {
				cli_out(_("key %s revoked in %s"), a.pos[1], a.pos[0]);
			}
		}
	} else if (strcmp(sub, "list") == 0) {
		const json_t *k;
		size_t i;

		if ((error = ss_key_list(&res, st, a.pos[0])) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				json_array_foreach(res, i, k) {
					cli_out("%-20s %s%s%s",
						json_string_value(json_object_get(k, "person")),
						json_string_value(
							json_object_get(k, "fingerprint")),
						json_is_true(json_object_get(k, "active")) ? ""
											   : " ",
						json_is_true(json_object_get(k, "active"))
							? ""
							: _("(revoked)"));
				}
		}
	} else {
		return cli_usage_error(usage, st);
	}
	return finish(&a, st, res, error);
}

/* An attachment "-" is standard input, read once; 64 MiB at most, the limit
 * of an attachment read from a file. */
static int attach_stdin(cli_args *a)
{
	size_t i, k;
	int error;

	for (i = 0; i < a->nopts; i++)
		for (k = 0; strcmp(a->opts[i].name, "attach") == 0 && k < a->opts[i].n; k++)
			if ((error = cli_input(&a->opts[i].values[k], (uint64_t)64 * 1024 * 1024,
					       N_("an attachment"))) < 0)
				return error;
	return 0;
}

/* The most a bundle on standard input may hold: what the verifier accepts
 * unpacked ($SECSPEC_BUNDLE_MAX_BYTES, else 1 GiB), with room for the
 * archive's headers of its entries. */
static uint64_t bundle_max(void)
{
	const char *env = getenv("SECSPEC_BUNDLE_MAX_BYTES");
	char *end = NULL;
	unsigned long long v = env ? strtoull(env, &end, 10) : 0;
	const uint64_t gib = (uint64_t)1024 * 1024 * 1024;

	return (env && *end == '\0' && v > 0 && v < gib ? v : gib) + (uint64_t)16 * 1024 * 1024;
}

static void print_milestone(const json_t *m)
{
	const json_t *s, *x, *t;
	size_t i;

	const char *parties = json_string_value(json_object_get(m, "parties"));

	cli_out(parties && strcmp(parties, "user") == 0
			? _("%s: %s (events 1-%lld, root %s), the user side's own")
			: _("%s: %s (events 1-%lld, root %s)"),
		json_string_value(json_object_get(m, "name")),
		json_is_true(json_object_get(m, "complete")) ? _("complete")
							     : _("awaiting signatures"),
		(long long)json_integer_value(json_object_get(m, "tree_size")),
		json_string_value(json_object_get(m, "root")));
	cli_out(_("  specification sha256 %s"), json_string_value(json_object_get(m, "spec_hash")));
	json_array_foreach(json_object_get(m, "signatures"), i, s) {
		cli_out(_("  signed by %s (%s %s) at %s, event %lld"),
			json_string_value(json_object_get(s, "person")),
			json_string_value(json_object_get(s, "side")),
			json_string_value(json_object_get(s, "role")),
			json_string_value(json_object_get(s, "time")),
			(long long)json_integer_value(json_object_get(s, "seq")));
	}
	json_array_foreach(json_object_get(m, "missing"), i, x) {
		cli_out(_("  missing: %s"), json_string_value(x));
	}
	json_array_foreach(json_object_get(m, "timestamps"), i, t) {
		const char *trust = json_string_value(json_object_get(t, "trust"));

		if (!trust) /* agree --list: the store's record */
			cli_out(_("  trusted time %s (TSA signature checked when it was recorded)"),
				json_string_value(json_object_get(t, "time")));
		else if (strcmp(trust, "verified") == 0)
			cli_out(_("  trusted time %s: verified (TSA signature checked up to "
				  "--tsa-ca)"),
				json_string_value(json_object_get(t, "time")));
		else if (strcmp(trust, "failed") == 0)
			cli_out(_("  time %s: NOT VERIFIED (the TSA signature does not check)"),
				json_string_value(json_object_get(t, "time")));
		else
			cli_out(_("  time %s: untrusted (no trust anchor): the token covers this "
				  "checkpoint; give --tsa-ca to check who signed it"),
				json_string_value(json_object_get(t, "time")));
	}
}

int cmd_agree(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"milestone", 1, "the agreement milestone (spec-v1, switchover ...)",
		 "合意のマイルストーン (spec-v1、switchover など)"},
		CLI_OPT_BY,
		{"list", 0, "list the milestones and their signatures",
		 "マイルストーンとその署名を一覧する"},
		{"parties", 1, "rules 3: who signs: both sides or the user side only",
		 "規則 3: 署名する側: 双方 (both) またはユーザー側のみ (user)"},
		{"stage", 1,
		 "rules 6: the milestone closes a stage: acceptance or switchover (its completion)",
		 "規則 6: マイルストーンが区切る段階: 受入 (acceptance) または切替完了 "
		 "(switchover)"},
		CLI_OPT_END};
	static const char usage[] =
		"secspec agree PROJECT --milestone NAME [--parties both|user | --stage "
		"acceptance|switchover] --by PERSON --key FILE\n"
		"       secspec agree PROJECT --list";
	ss_store *st = NULL;
	json_t *res = NULL;
	const json_t *m;
	cli_args a;
	size_t i;
	int error;

	if ((error = cli_parse(&a, "agree", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, cli_flag(&a, "list") ? 0 : CLI_SIGN)) < 0)
		return finish(&a, st, res, error);
	if (cli_flag(&a, "list")) {
		if ((error = ss_milestone_list(&res, st, a.pos[0])) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				json_array_foreach(res, i, m)
					print_milestone(m);
		}
	} else if (!cli_opt_get(&a, "milestone")) {
		return cli_usage_error(usage, st);
	} else if (cli_opt_get(&a, "stage") && cli_opt_get(&a, "parties")) {
		return cli_usage_error(usage, st);
	} else if ((error = cli_opt_get(&a, "stage")
				    ? ss_agree_stage(
					      &res, st, a.pos[0], cli_opt_get(&a, "milestone"),
					      cli_opt_get(&a, "stage"), cli_opt_get(&a, "by"))
				    : ss_agree_parties(&res, st, a.pos[0],
						       cli_opt_get(&a, "milestone"),
						       cli_opt_get(&a, "parties"),
						       cli_opt_get(&a, "by"))) == 0) {
		if (a.json)
			cli_print_json(res);
		else
			print_milestone(res);
	}
	return finish(&a, st, res, error);
}

int cmd_minutes(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"date", 1, "the meeting's date (YYYY-MM-DD)", "会議の日付 (YYYY-MM-DD)"},
		{"title", 1, "the meeting's title", "会議の表題"},
		{"attendee", 2, "a person who attended", "出席者"},
		{"topic", 2, "a topic discussed", "議題"},
		{"item", 2, "a catalog item discussed", "議論したカタログ項目"},
		{"attach", 2, "a file attached to the minutes", "議事録に添付するファイル"},
		CLI_OPT_BY,
		{"o", 1, "write to FILE", "FILE に書き出す"},
		CLI_OPT_END};
	static const char usage[] =
		"secspec minutes add PROJECT --date YYYY-MM-DD [--title T] --attendee PERSON... "
		"[--topic TEXT]... [--item ITEM]... [--attach FILE]... --by PERSON\n"
		"       secspec minutes list PROJECT\n"
		"       secspec minutes attachment SHA256 -o FILE";
	const char *sub = cli_sub(argc, argv);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "minutes", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, strcmp(sub, "add") == 0 ? CLI_SIGN : 0)) < 0 ||
	    (strcmp(sub, "add") == 0 && (error = attach_stdin(&a)) < 0))
		return finish(&a, st, res, error);
	if (strcmp(sub, "add") == 0) {
		const cli_opt *att = cli_opt_all(&a, "attendee"), *top = cli_opt_all(&a, "topic");
		const cli_opt *it = cli_opt_all(&a, "item"), *fil = cli_opt_all(&a, "attach");
		ss_minutes_input in = {
			cli_opt_get(&a, "date"),
			cli_opt_get(&a, "title"),
			att ? att->values : NULL,
			att ? att->n : 0,
			top ? top->values : NULL,
			top ? top->n : 0,
			it ? it->values : NULL,
			it ? it->n : 0,
			fil ? fil->values : NULL,
			fil ? fil->n : 0,
			NULL,
			0,
		};

		if ((error = ss_minutes_add(&res, st, a.pos[0], &in, cli_opt_get(&a, "by"))) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				cli_out(_("minutes %s recorded with %zu attachment(s)"),
					json_string_value(json_object_get(res, "id")),
					json_array_size(json_object_get(res, "attachments")));
		}
	} else if (strcmp(sub, "list") == 0) {
		const json_t *m, *x;
		size_t k, j;

		if ((error = ss_minutes_list(&res, st, a.pos[0])) == 0) {
			if (a.json) {
				cli_print_json(res);
			} else {
				json_array_foreach(res, k, m) {
					const json_t *b = json_object_get(m, "body");

					const char *title =
						json_string_value(json_object_get(b, "title"));

					cli_out("%s %s%s%s",
						json_string_value(json_object_get(m, "id")),
						json_string_value(json_object_get(b, "date")),
						title ? " " : "", title ? title : "");
					json_array_foreach(json_object_get(b, "attachments"), j,
							   x) {
						cli_out("    %s %lld %s",
							json_string_value(
								json_object_get(x, "sha256")),
							(long long)json_integer_value(
								json_object_get(x, "size")),
							json_string_value(
								json_object_get(x, "name")));
					}
				}
			}
		}
	} else if (strcmp(sub, "attachment") == 0 && cli_opt_get(&a, "o")) {
		ss_buf data = SS_BUF_INIT(0);

		if ((error = ss_attachment_get(&data, st, a.pos[0])) == 0 &&
		    (error = cli_output(cli_opt_get(&a, "o"), data.ptr, data.len)) == 0 && a.json &&
		    strcmp(cli_opt_get(&a, "o"), "-") != 0) {
			res = json_pack("{s:s, s:s, s:I}", "sha256", a.pos[0], "written",
					cli_opt_get(&a, "o"), "size", (json_int_t)data.len);
			cli_print_json(res);
		}
		ss_buf_release(&data);
	} else {
		return cli_usage_error(usage, st);
	}
	return finish(&a, st, res, error);
}

int cmd_evidence(int argc, char **argv)
{
	static const cli_optspec spec[] = {{"o", 1, "write to FILE", "FILE に書き出す"},
					   CLI_OPT_END};
	static const char usage[] = "secspec evidence export PROJECT -o FILE";
	const char *out;
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if (cli_wants_help(argc, argv))
		cli_help("evidence", usage, (const cli_optspec *const[]){spec, NULL});
	if (argc < 1 || strcmp(argv[0], "export") != 0)
		return cli_usage_error(usage, NULL);
	if ((error = cli_parse(&a, "evidence", argc - 1, argv + 1, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if (!cli_opt_get(&a, "o"))
		return cli_usage_error(usage, NULL);
	if ((error = cli_open(&st, &a, 0)) < 0)
		return finish(&a, st, res, error);
	out = cli_opt_get(&a, "o");
	/* -o -: the bundle is written to a private temporary file, then copied
	 * to standard output, which then carries nothing else */
	if ((error = cli_spool_path(&out)) < 0)
		return finish(&a, st, res, error);
	if ((error = ss_evidence_export(&res, st, a.pos[0], out)) == 0 &&
	    strcmp(cli_opt_get(&a, "o"), "-") == 0) {
		error = cli_spool_flush();
	} else if (error == 0) {
		if (a.json)
			cli_print_json(res);
		else
			cli_out(_("wrote %s: %lld events, %lld milestone(s), %lld files, root %s"),
				cli_opt_get(&a, "o"),
				(long long)json_integer_value(json_object_get(res, "tree_size")),
				(long long)json_integer_value(json_object_get(res, "milestones")),
				(long long)json_integer_value(json_object_get(res, "files")),
				json_string_value(json_object_get(res, "root")));
	}
	return finish(&a, st, res, error);
}

static void print_bundle(const char *path, const json_t *res)
{
	const json_t *m, *d;
	size_t i;

	cli_out(_("bundle %s: project %s, %lld events, root %s"), path,
		json_string_value(json_object_get(res, "project")),
		(long long)json_integer_value(json_object_get(res, "events")),
		json_string_value(json_object_get(res, "root")));
	cli_out(_("%lld signed and %lld unsigned events; %zu registered key(s)"),
		(long long)json_integer_value(json_object_get(res, "signed")),
		(long long)json_integer_value(json_object_get(res, "unsigned")),
		json_array_size(json_object_get(res, "keys")));
	json_array_foreach(json_object_get(res, "keys"), i, d) {
		if (json_object_get(d, "revoked"))
			cli_out(_("key %s of %s: revoked at event %lld"),
				json_string_value(json_object_get(d, "fingerprint")),
				json_string_value(json_object_get(d, "person")),
				(long long)json_integer_value(json_object_get(d, "revoked")));
	}
	json_array_foreach(json_object_get(res, "milestones"), i, m)
		print_milestone(m);
	json_array_foreach(json_object_get(res, "documents"), i, d) {
		cli_out(json_is_true(json_object_get(d, "verified"))
				? _("specification of %s (documents/…/spec.json): the one signed")
				: _("specification of %s (documents/…/spec.json): DOES NOT MATCH "
				    "the one signed"),
			json_string_value(json_object_get(d, "milestone")));
	}
	json_array_foreach(json_object_get(res, "attachments"), i, d) {
		if (json_object_get(d, "sbom"))
			cli_out(json_is_true(json_object_get(d, "verified"))
					? _("file of SBOM %lld (%s): verified")
					: _("file of SBOM %lld (%s): DOES NOT MATCH"),
				(long long)json_integer_value(json_object_get(d, "sbom")),
				json_string_value(json_object_get(d, "name")));
		else
			cli_out(json_is_true(json_object_get(d, "verified"))
					? _("attachment %s of %s: verified")
					: _("attachment %s of %s: DOES NOT MATCH"),
				json_string_value(json_object_get(d, "name")),
				json_string_value(json_object_get(d, "minutes")));
	}
	json_array_foreach(json_object_get(res, "unverified"), i, d) {
		cli_out(_("%s: unverified: %s"), json_string_value(json_object_get(d, "file")),
			json_string_value(json_object_get(d, "reason")));
	}
}

int cmd_verify(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"tsa-ca", 1, "the CA certificate that checks the bundle's RFC 3161 timestamps",
		 "バンドルの RFC 3161 タイムスタンプを検証する CA 証明書"},
		CLI_OPT_END};
	json_t *res = NULL;
	const json_t *p;
	const char *bundle, *tsa_ca;
	cli_args a;
	size_t i, n;
	int error;

	if ((error = cli_parse(&a, "verify", argc, argv, spec, 1, 1,
			       "secspec verify FILE [--tsa-ca CA.pem]")) < 0)
		return ss_error_exit_status(error);
	/* a bundle on standard input is kept in a temporary file: the archive
	 * is read more than once */
	bundle = a.pos[0];
	tsa_ca = cli_opt_get(&a, "tsa-ca");
	if ((error = cli_input(&bundle, bundle_max(), N_("the bundle"))) < 0 ||
	    (tsa_ca && (error = cli_input(&tsa_ca, CA_MAX, N_("the CA certificate"))) < 0))
		return cli_fail(&a, error);
	error = ss_evidence_verify(&res, bundle, tsa_ca);
	if (!res)
		return cli_fail(&a, error);
	if (bundle != a.pos[0] && json_object_get(res, "bundle"))
		json_object_set_new(res, "bundle", json_string(a.pos[0]));
	if (a.json) {
		cli_print_json(res);
	} else {
		if (json_object_get(res, "project"))
			print_bundle(a.pos[0], res);
		json_array_foreach(json_object_get(res, "problems"), i, p) {
			const char *rule = json_string_value(json_object_get(p, "rule"));

			if (rule)
				fprintf(stderr, _("event %lld: %s [%s]\n"),
					(long long)json_integer_value(json_object_get(p, "seq")),
					json_string_value(json_object_get(p, "problem")), rule);
			else
				fprintf(stderr, _("event %lld: %s\n"),
					(long long)json_integer_value(json_object_get(p, "seq")),
					json_string_value(json_object_get(p, "problem")));
		}
		json_array_foreach(json_object_get(res, "bundle_problems"), i, p) {
			fprintf(stderr, "%s: %s [%s]\n",
				json_string_value(json_object_get(p, "file")),
				json_string_value(json_object_get(p, "problem")),
				json_string_value(json_object_get(p, "rule")));
		}
		n = json_array_size(json_object_get(res, "unverified"));
		if (!json_is_true(json_object_get(res, "ok")))
			cli_out("%s", _("NOT VERIFIED"));
		else if (n)
			cli_out(_("verified: every hash, proof and signature holds; %zu file(s) "
				  "unverified (not trusted)"),
				n);
		else
			cli_out("%s", _("verified: every hash, proof and signature holds"));
	}
	json_decref(res);
	return error < 0 ? cli_fail(&a, error) : 0;
}

int cmd_timestamp(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"milestone", 1, "the agreement milestone (spec-v1, switchover ...)",
		 "合意のマイルストーン (spec-v1、switchover など)"},
		{"o", 1, "write to FILE", "FILE に書き出す"},
		{"response", 1, "the RFC 3161 response of the time-stamping authority",
		 "時刻認証局の RFC 3161 応答"},
		{"ca", 1, "the CA certificate of the time-stamping authority",
		 "時刻認証局の CA 証明書"},
		CLI_OPT_BY,
		CLI_OPT_END};
	static const char usage[] =
		"secspec timestamp request PROJECT --milestone NAME -o REQUEST.tsq\n"
		"       secspec timestamp add PROJECT --milestone NAME --response RESPONSE.tsr "
		"--ca TSA-CA.pem --by PERSON";
	const char *sub = cli_sub(argc, argv);
	ss_buf data = SS_BUF_INIT(1024 * 1024);
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse_sub(&a, "timestamp", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if (!cli_opt_get(&a, "milestone"))
		return cli_usage_error(usage, NULL);
	if ((error = cli_open(&st, &a, strcmp(sub, "add") == 0 ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "request") == 0 && cli_opt_get(&a, "o")) {
		if ((error = ss_timestamp_request(&data, st, a.pos[0],
						  cli_opt_get(&a, "milestone"))) == 0 &&
		    (error = cli_output(cli_opt_get(&a, "o"), data.ptr, data.len)) == 0) {
			if (strcmp(cli_opt_get(&a, "o"), "-") == 0) {
				/* standard output carries the request alone */
			} else if (a.json) {
				res = json_pack("{s:s, s:s}", "milestone",
						cli_opt_get(&a, "milestone"), "request",
						cli_opt_get(&a, "o"));
				cli_print_json(res);
			} else {
				cli_out(_("wrote %s: send it to the timestamp authority"),
					cli_opt_get(&a, "o"));
			}
		}
	} else if (strcmp(sub, "add") == 0 && cli_opt_get(&a, "response")) {
		const char *resp = cli_opt_get(&a, "response"), *ca = cli_opt_get(&a, "ca");

		if ((error = cli_input(&resp, 1024 * 1024, N_("the timestamp response"))) == 0 &&
		    (!ca || (error = cli_input(&ca, CA_MAX, N_("the CA certificate"))) == 0) &&
		    (error = ss_file_read(&data, resp, 1024 * 1024)) == 0 &&
		    (error = ss_timestamp_add(&res, st, a.pos[0], cli_opt_get(&a, "milestone"),
					      data.ptr, data.len, ca, cli_opt_get(&a, "by"))) ==
			    0) {
			if (a.json)
				cli_print_json(res);
			else
				cli_out(_("trusted time %s recorded for %s"),
					json_string_value(json_object_get(res, "time")),
					cli_opt_get(&a, "milestone"));
		}
	} else {
		ss_buf_release(&data);
		return cli_usage_error(usage, st);
	}
out:
	ss_buf_release(&data);
	return finish(&a, st, res, error);
}
