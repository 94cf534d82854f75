/*
 * Fuzz target: ss_catalog_validate on a format-2 release tree
 * (src/core/catalog.c, src/core/catalog_rules.c).
 *
 * A scratch directory holds a release tree: 1.0.0/ is the fixed test catalog
 * tests/data/catalog2/1.0.0, and 1.1.0/ has a fixed index (catalog2_index.yaml
 * beside this file) and three files made from the input, split at lines that
 * are exactly "#threats" and "#index":
 *
 *   items.yaml          everything before the first marker
 *   threats.yaml        after "#threats" (else tests/data's threats.yaml)
 *   catalog.yaml        the fixed index followed by the part after "#index"
 *                       (terms, register, retired, excluded_mitigations;
 *                       else those of tests/data's 1.1.0)
 *
 * so that the item checks, the threat file, the whole-version rules and the
 * comparison with 1.0.0 all run on hostile input. Validation must end in 0
 * or SS_EPARSE with a result whose problem list is empty exactly when it
 * returned 0; a tree that validates must load into a new database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secspec/catalog.h"
#include "secspec/common.h"
#include "secspec/store.h"
#include "util/util.h"
#include "fuzz.h"

#ifndef FUZZ_CATALOG2_INDEX
#error "FUZZ_CATALOG2_INDEX must name the fixed catalog.yaml"
#endif
#ifndef FUZZ_CATALOG2_DATA
#error "FUZZ_CATALOG2_DATA must name tests/data/catalog2"
#endif

#define PATH_LEN 4200

static char root[PATH_LEN], v1[PATH_LEN], v2[PATH_LEN], db[PATH_LEN];
static ss_buf index_text = SS_BUF_INIT((size_t)1 << 20);
static ss_buf default_threats = SS_BUF_INIT((size_t)1 << 20);

static const char default_index_part[] =
	"terms:\n"
	"  - use: サーバー\n"
	"    avoid: [サーバ]\n"
	"    en: server\n"
	"  - use: 認証情報\n"
	"    avoid: [資格情報]\n"
	"    allow: [資格情報マネージャー]\n"
	"    en: credentials\n"
	"register:\n"
	"  avoid: [です, ます]\n"
	"retired:\n"
	"  - id: LNX-DM-003\n"
	"    replaced_by: [LNX-DM-002]\n"
	"    reason:\n"
	"      ja: LNX-DM-002 に統合した。\n"
	"      en: Merged into LNX-DM-002.\n"
	"excluded_mitigations:\n"
	"  - id: M1056\n"
	"    reason:\n"
	"      ja: 攻撃の準備段階は利用者側で対処できない。\n"
	"      en: The preparation phase of an attack is beyond the parties' reach.\n";

static void fail(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz_catalog2: %s: %s\n", what, msg);
	abort();
}

static const char *in(const char *dir, const char *name)
{
	static char p[4][PATH_LEN + 64];
	static int k;
	char *s = p[k++ % 4];

	snprintf(s, sizeof(p[0]), "%s/%s", dir, name);
	return s;
}

static void copy_file(const char *from, const char *to)
{
	ss_buf b = SS_BUF_INIT((size_t)1 << 20);

	if (ss_file_read(&b, from, b.max) < 0)
		fail(from, ss_error_last());
	fuzz_write_file(to, b.ptr, b.len);
	ss_buf_release(&b);
}

static void cleanup(void)
{
	static const char *const files[] = {"catalog.yaml", "items.yaml", "threats.yaml"};

	for (size_t i = 0; i < 3; i++) {
		unlink(in(v1, files[i]));
		unlink(in(v2, files[i]));
	}
	unlink(db);
	rmdir(v1);
	rmdir(v2);
	rmdir(root);
}

/* What validates loads: scores inherited, content hashes, references. */
static void load(void)
{
	ss_store *st = NULL;
	json_t *res = NULL;

	unlink(db);
	if (ss_store_open(&st, db, 1) < 0 || ss_store_init(st) < 0)
		fail("database", ss_error_last());
	if (ss_catalog_load(&res, st, root) < 0)
		fail("a valid catalog does not load", ss_error_last());
	json_decref(res);
	ss_store_free(st);
}

static int validate(json_t **out)
{
	const json_t *problems;
	int error;

	*out = NULL;
	error = ss_catalog_validate(out, root);
	if (error != 0 && error != SS_EPARSE)
		fail(ss_error_name(error), ss_error_last());
	problems = json_object_get(*out, "problems");
	if (!json_is_array(problems))
		fail("result", "no problems list");
	if ((error == 0) != (json_array_size(problems) == 0))
		fail("result", "return code disagrees with the problems list");
	if (error == 0)
		load();
	return error;
}

/* The line "marker\n" in [p, end), or NULL. */
static const char *find_marker(const char *p, const char *end, const char *marker)
{
	size_t n = strlen(marker);

	for (; p && p + n + 1 <= end; p = memchr(p, '\n', (size_t)(end - p)), p = p ? p + 1 : p) {
		if (memcmp(p, marker, n) == 0 && p[n] == '\n')
			return p;
	}
	return NULL;
}

static void write_version(const char *items, size_t ni, const char *threats, size_t nt,
			  const char *idx, size_t nx)
{
	ss_buf cat = SS_BUF_INIT((size_t)4 << 20);

	if (ss_buf_put(&cat, index_text.ptr, index_text.len) < 0 || ss_buf_put(&cat, idx, nx) < 0)
		fail("index", ss_error_last());
	fuzz_write_file(in(v2, "catalog.yaml"), cat.ptr, cat.len);
	fuzz_write_file(in(v2, "items.yaml"), items, ni);
	fuzz_write_file(in(v2, "threats.yaml"), threats, nt);
	ss_buf_release(&cat);
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	ss_buf items = SS_BUF_INIT((size_t)1 << 20);
	json_t *res = NULL;

	snprintf(root, sizeof(root), "%s/secspec-fuzz2-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		fail("mkdtemp", root);
	snprintf(v1, sizeof(v1), "%.4000s/1.0.0", root);
	snprintf(v2, sizeof(v2), "%.4000s/1.1.0", root);
	snprintf(db, sizeof(db), "%.4000s/t.db", root);
	if (mkdir(v1, 0700) < 0 || mkdir(v2, 0700) < 0)
		fail("mkdir", root);
	atexit(cleanup);
	copy_file(FUZZ_CATALOG2_DATA "/1.0.0/catalog.yaml", in(v1, "catalog.yaml"));
	copy_file(FUZZ_CATALOG2_DATA "/1.0.0/items.yaml", in(v1, "items.yaml"));
	if (ss_file_read(&index_text, FUZZ_CATALOG2_INDEX, index_text.max) < 0 ||
	    ss_file_read(&default_threats, FUZZ_CATALOG2_DATA "/1.1.0/threats.yaml",
			 default_threats.max) < 0 ||
	    ss_file_read(&items, FUZZ_CATALOG2_DATA "/1.1.0/items.yaml", items.max) < 0)
		fail("reading the fixed files", ss_error_last());
	write_version(items.ptr, items.len, default_threats.ptr, default_threats.len,
		      default_index_part, sizeof(default_index_part) - 1);
	ss_buf_release(&items);
	if (validate(&res) != 0)
		fail("the fixed catalog is not valid", ss_error_last());
	json_decref(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const char *p = (const char *)data, *end = p + size, *t, *x;
	const char *items_end, *threats = default_threats.ptr, *idx = default_index_part;
	size_t nt = default_threats.len, nx = sizeof(default_index_part) - 1;
	json_t *res = NULL;

	if (!ready) {
		setup();
		ready = 1;
	}
	t = find_marker(p, end, "#threats");
	x = find_marker(t ? t : p, end, "#index");
	items_end = t ? t : x ? x : end;
	if (t) {
		threats = t + sizeof("#threats");
		nt = (size_t)((x ? x : end) - threats);
	}
	if (x) {
		idx = x + sizeof("#index");
		nx = (size_t)(end - idx);
	}
	write_version(p, (size_t)(items_end - p), threats, nt, idx, nx);
	validate(&res);
	json_decref(res);
	return 0;
}
