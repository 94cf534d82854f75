/*
 * forge: make forged evidence bundles.
 *
 *   forge list                          the mutations: name, class, rules, what
 *   forge apply BASE OUT NAME KEY...    one mutation of BASE into OUT
 *   forge all BASE DIR KEY...           every mutation into DIR/NAME.tar
 *
 * KEY is PERSON=FILE, a private key the forger may sign with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forge.h"
#include "mutations.h"
#include "util/util.h"

static int forge_one(const fg_mutation *m, const char *base, const char *out, char **keys,
		     int nkeys)
{
	fg_bundle b;
	bool manifest_first = strcmp(m->cls, "manifest") == 0;
	int i, error = -1;

	if (fg_read(&b, base) < 0)
		return -1;
	for (i = 0; i < nkeys; i++)
		if (fg_add_signer(&b, keys[i]) < 0)
			goto out;
	if (m->pre && m->pre(&b) < 0) {
		fprintf(stderr, "forge: %s: the mutation does not apply to this bundle\n", m->name);
		goto out;
	}
	if (fg_rebuild(&b, m->flags) < 0) {
		fprintf(stderr, "forge: %s: the mutation does not apply to this bundle\n", m->name);
		goto out;
	}
	if (manifest_first && !(m->flags & FG_NO_MANIFEST))
		fg_manifest(&b);
	if (m->post && m->post(&b) < 0) {
		fprintf(stderr, "forge: %s: the mutation does not apply to this bundle\n", m->name);
		goto out;
	}
	if (manifest_first && !(m->flags & FG_NO_DERIVED)) {
		/* the index follows the manifest's fields, and its listing with it */
		json_t *f;
		size_t k;

		fg_derive(&b);
		json_array_foreach(json_object_get(b.manifest, "files"), k, f) {
			const fg_file *df =
				fg_file_get(&b, json_string_value(json_object_get(f, "path")));
			char hash[65];

			if (!df || strncmp(df->path, "INDEX.", 6) != 0)
				continue;
			ss_sha256_hex(hash, df->data, df->len);
			json_object_set_new(f, "sha256", json_string(hash));
			json_object_set_new(f, "size", json_integer((json_int_t)df->len));
		}
	}
	if (!manifest_first && !(m->flags & FG_NO_MANIFEST))
		fg_manifest(&b);
	error = fg_write(&b, out);
out:
	fg_release(&b);
	return error;
}

int main(int argc, char **argv)
{
	const fg_mutation *m;
	int failed = 0;

	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		for (m = fg_mutations; m->name; m++)
			printf("%s\t%s\t%s\t%s\n", m->name, m->cls, m->rules[0] ? m->rules : "-",
			       m->what);
		return 0;
	}
	if (argc >= 5 && strcmp(argv[1], "apply") == 0) {
		for (m = fg_mutations; m->name; m++)
			if (strcmp(m->name, argv[4]) == 0)
				return forge_one(m, argv[2], argv[3], argv + 5, argc - 5) < 0 ? 1
											      : 0;
		fprintf(stderr, "forge: no mutation %s\n", argv[4]);
		return 2;
	}
	if (argc >= 4 && strcmp(argv[1], "all") == 0) {
		for (m = fg_mutations; m->name; m++) {
			char out[4096];

			snprintf(out, sizeof(out), "%s/%s.tar", argv[3], m->name);
			if (forge_one(m, argv[2], out, argv + 4, argc - 4) < 0)
				failed++;
		}
		return failed ? 1 : 0;
	}
	fprintf(stderr, "usage: forge list | apply BASE OUT NAME [PERSON=KEY]... | "
			"all BASE DIR [PERSON=KEY]...\n");
	return 2;
}
