/*
 * refcheck: check every reference id of a catalog against the real public data.
 *
 *   refcheck [--expect-problems N] CATALOG_DIR DATA_DIR
 *
 * CATALOG_DIR holds catalog.yaml and the item files it lists; DATA_DIR is the
 * shared data folder (attack/, cwe-capec/, asvs/, stig/). Every ATT&CK
 * technique must exist and be neither revoked nor deprecated, every tactic
 * must exist, every CWE must be a weakness that is neither deprecated nor
 * prohibited for mapping, every ASVS id must be an ASVS 4.0.3 requirement, and
 * every RHEL-09-/UBTU-18- STIG id must be the version of a rule in the local
 * benchmark. STIG ids of other benchmarks are counted as not checkable.
 *
 * Exit status: 0 clean, 1 problems found, 2 the check could not run (also when
 * DATA_DIR exists but lacks one of the files below), 77 DATA_DIR does not
 * exist (CTest SKIP_RETURN_CODE). With --expect-problems N the
 * exit status is 0 only when exactly N problems are found (a negative test).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <libxml/xmlreader.h>

#include "util/util.h"
#include "util/banned.h"

#define EXIT_PROBLEMS 1
#define EXIT_ERROR 2
#define EXIT_SKIP 77

#define YAML_MAX ((size_t)4 * 1024 * 1024)
#define YAML_DEPTH 16
#define PATH_MAX_BYTES 4096

#define ATTACK_FILE "attack/enterprise-attack-v18.1-techniques-mitigations.json"
#define CWE_FILE "cwe-capec/cwec_v4.15.xml.gz"
#define ASVS_FILE "asvs/OWASP_Application_Security_Verification_Standard_4.0.3-en.flat.json"
#define STIG_RHEL9_FILE "stig/U_RHEL_9_STIG_V2R8_Manual-xccdf.xml"
#define STIG_UBTU18_FILE "stig/U_CAN_Ubuntu_18-04_LTS_STIG_V2R15_Manual-xccdf.xml"

/* Flags kept per known id; 0 means usable. */
enum {
	REF_REVOKED = 1,
	REF_DEPRECATED = 2,
	REF_PROHIBITED = 4,
};

/* The reference sets: objects mapping an id to its REF_* flags. */
struct refs {
	json_t *techniques;
	json_t *tactics;
	json_t *mitigations;
	json_t *cwes;
	json_t *asvs;
	json_t *stig_rhel9;
	json_t *stig_ubtu18;
};

struct counts {
	long files;
	long items;
	long attack;
	long tactics;
	long mitigations;
	long cwe;
	long asvs;
	long stig;
	long stig_unchecked;
	long problems;
	json_t *stig_unchecked_by_prefix;
};

static const char *const data_files[] = {
	ATTACK_FILE, CWE_FILE, ASVS_FILE, STIG_RHEL9_FILE, STIG_UBTU18_FILE,
};

static int usage(void)
{
	fprintf(stderr, "usage: refcheck [--expect-problems N] CATALOG_DIR DATA_DIR\n");
	return EXIT_ERROR;
}

static int join(ss_buf *out, const char *dir, const char *name)
{
	ss_buf_clear(out);
	return ss_buf_printf(out, "%s/%s", dir, name);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The first data file that is missing, or NULL when all are there. */
static const char *missing_data(ss_buf *path, const char *data_dir)
{
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(data_files) / sizeof(data_files[0]); i++) {
		if (join(path, data_dir, data_files[i]) < 0 || stat(path->ptr, &st) != 0)
			return data_files[i];
	}
	return NULL;
}

/* Add id to set; an id seen twice keeps only the flags both have (usable wins). */
static int set_add(json_t *set, const char *id, json_int_t flags)
{
	json_t *old = json_object_get(set, id);

	if (old)
		flags &= json_integer_value(old);
	if (json_object_set_new(set, id, json_integer(flags)) < 0)
		return ss_error_set(SS_ENOMEM, "adding '%.60s' to a reference set", id);
	return 0;
}

/* ---- ATT&CK (STIX 2.0 bundle) ---- */

static const char *mitre_id(const json_t *obj)
{
	const json_t *ref;
	size_t i;

	json_array_foreach(json_object_get(obj, "external_references"), i, ref) {
		if (strcmp(ss_js(ref, "source_name"), "mitre-attack") == 0)
			return ss_js_or_null(ref, "external_id");
	}
	return NULL;
}

static int load_attack(struct refs *r, const char *path)
{
	json_error_t jerr;
	json_t *bundle = NULL, *objects, *obj;
	size_t i;
	int error = 0;

	if (!(bundle = json_load_file(path, 0, &jerr))) {
		error = ss_error_set(SS_EPARSE, "%s:%d:%d: %s", path, jerr.line, jerr.column,
				     jerr.text);
		goto out;
	}
	objects = json_object_get(bundle, "objects");
	if (!json_is_array(objects)) {
		error = ss_error_set(SS_EPARSE, "%s: no \"objects\" array", path);
		goto out;
	}
	json_array_foreach(objects, i, obj) {
		const char *type = ss_js(obj, "type"), *id = mitre_id(obj);
		json_int_t flags = 0;
		json_t *set;

		if (strcmp(type, "attack-pattern") == 0)
			set = r->techniques;
		else if (strcmp(type, "x-mitre-tactic") == 0)
			set = r->tactics;
		else if (strcmp(type, "course-of-action") == 0)
			set = r->mitigations;
		else
			continue;
		if (!id || !*id)
			continue;
		if (json_is_true(json_object_get(obj, "revoked")))
			flags |= REF_REVOKED;
		if (json_is_true(json_object_get(obj, "x_mitre_deprecated")))
			flags |= REF_DEPRECATED;
		if ((error = set_add(set, id, flags)) < 0)
			goto out;
	}
	if (json_object_size(r->techniques) == 0 || json_object_size(r->tactics) == 0 ||
	    json_object_size(r->mitigations) == 0)
		error = ss_error_set(SS_EPARSE, "%s: no techniques, tactics or mitigations found",
				     path);
out:
	json_decref(bundle);
	return error;
}

/* ---- ASVS 4.0.3 (flat JSON) ---- */

static int load_asvs(struct refs *r, const char *path)
{
	json_error_t jerr;
	json_t *doc = NULL, *req;
	size_t i;
	int error = 0;

	if (!(doc = json_load_file(path, 0, &jerr))) {
		error = ss_error_set(SS_EPARSE, "%s:%d:%d: %s", path, jerr.line, jerr.column,
				     jerr.text);
		goto out;
	}
	json_array_foreach(json_object_get(doc, "requirements"), i, req) {
		const char *id = ss_js(req, "req_id");

		if (*id && (error = set_add(r->asvs, id, 0)) < 0)
			goto out;
	}
	if (json_object_size(r->asvs) == 0)
		error = ss_error_set(SS_EPARSE, "%s: no requirements[].req_id found", path);
out:
	json_decref(doc);
	return error;
}

/* ---- XML (libxml2 xmlReader, streaming; gzip is handled by libxml2) ---- */

static bool is_element(xmlTextReaderPtr rd, const char *name)
{
	const xmlChar *local = xmlTextReaderConstLocalName(rd);

	return xmlTextReaderNodeType(rd) == XML_READER_TYPE_ELEMENT && local &&
	       strcmp((const char *)local, name) == 0;
}

static int xml_open(xmlTextReaderPtr *out, const char *path)
{
	if (!(*out = xmlReaderForFile(path, NULL, XML_PARSE_NONET)))
		return ss_error_set(SS_EIO, "%s: cannot open as XML", path);
	return 0;
}

/*
 * CWE: <Weakness ID=".." Status=".."> with an optional direct child
 * <Mapping_Notes><Usage>Prohibited</Usage></Mapping_Notes>. Categories and
 * views carry Mapping_Notes too, so the weakness is forgotten as soon as the
 * reader leaves it.
 */
static int load_cwe(struct refs *r, const char *path)
{
	xmlTextReaderPtr rd = NULL;
	xmlChar *id = NULL, *status = NULL, *usage = NULL;
	char cur[32] = "";
	int depth = -1, ret, error;

	if ((error = xml_open(&rd, path)) < 0)
		goto out;
	while ((ret = xmlTextReaderRead(rd)) == 1) {
		int d = xmlTextReaderDepth(rd);

		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
			continue;
		if (*cur && d <= depth)
			cur[0] = '\0';
		if (is_element(rd, "Weakness")) {
			json_int_t flags = 0;

			id = xmlTextReaderGetAttribute(rd, (const xmlChar *)"ID");
			status = xmlTextReaderGetAttribute(rd, (const xmlChar *)"Status");
			if (!id || !*id || strlen((const char *)id) >= sizeof(cur)) {
				error = ss_error_set(SS_EPARSE,
						     "%s:%d: Weakness without a usable ID", path,
						     xmlTextReaderGetParserLineNumber(rd));
				goto out;
			}
			if (status && strcmp((const char *)status, "Deprecated") == 0)
				flags |= REF_DEPRECATED;
			if ((error = set_add(r->cwes, (const char *)id, flags)) < 0)
				goto out;
			memcpy(cur, id, strlen((const char *)id) + 1);
			depth = d;
			xmlFree(id);
			xmlFree(status);
			id = status = NULL;
		} else if (*cur && d == depth + 2 && is_element(rd, "Usage")) {
			/* only Weakness > Mapping_Notes > Usage is at this depth */
			usage = xmlTextReaderReadString(rd);
			if (usage && strcmp((const char *)usage, "Prohibited") == 0) {
				json_t *f = json_object_get(r->cwes, cur);

				json_integer_set(f, json_integer_value(f) | REF_PROHIBITED);
			}
			xmlFree(usage);
			usage = NULL;
		}
	}
	if (ret < 0) {
		error = ss_error_set(SS_EPARSE, "%s: XML parse error", path);
		goto out;
	}
	if (json_object_size(r->cwes) == 0)
		error = ss_error_set(SS_EPARSE, "%s: no Weakness elements found", path);
out:
	xmlFree(id);
	xmlFree(status);
	xmlFree(usage);
	xmlFreeTextReader(rd);
	return error;
}

/* XCCDF 1.1: the text of <version> directly inside each <Rule>. */
static int load_stig(json_t *set, const char *path)
{
	xmlTextReaderPtr rd = NULL;
	xmlChar *version = NULL;
	int rule_depth = -1, ret, error;

	if ((error = xml_open(&rd, path)) < 0)
		goto out;
	while ((ret = xmlTextReaderRead(rd)) == 1) {
		int d = xmlTextReaderDepth(rd);

		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
			continue;
		if (rule_depth >= 0 && d <= rule_depth)
			rule_depth = -1;
		if (is_element(rd, "Rule")) {
			rule_depth = d;
		} else if (rule_depth >= 0 && d == rule_depth + 1 && is_element(rd, "version")) {
			version = xmlTextReaderReadString(rd);
			if (version && *version &&
			    (error = set_add(set, (const char *)version, 0)) < 0)
				goto out;
			xmlFree(version);
			version = NULL;
		}
	}
	if (ret < 0) {
		error = ss_error_set(SS_EPARSE, "%s: XML parse error", path);
		goto out;
	}
	if (json_object_size(set) == 0)
		error = ss_error_set(SS_EPARSE, "%s: no Rule/version found", path);
out:
	xmlFree(version);
	xmlFreeTextReader(rd);
	return error;
}

static void refs_release(struct refs *r)
{
	json_decref(r->techniques);
	json_decref(r->tactics);
	json_decref(r->mitigations);
	json_decref(r->cwes);
	json_decref(r->asvs);
	json_decref(r->stig_rhel9);
	json_decref(r->stig_ubtu18);
	memset(r, 0, sizeof(*r));
}

static int refs_load(struct refs *r, const char *data_dir)
{
	ss_buf path = SS_BUF_INIT(PATH_MAX_BYTES);
	int error;

	r->techniques = json_object();
	r->tactics = json_object();
	r->mitigations = json_object();
	r->cwes = json_object();
	r->asvs = json_object();
	r->stig_rhel9 = json_object();
	r->stig_ubtu18 = json_object();
	if (!r->techniques || !r->tactics || !r->cwes || !r->asvs || !r->stig_rhel9 ||
	    !r->stig_ubtu18) {
		error = ss_error_set(SS_ENOMEM, "allocating reference sets");
		goto out;
	}
	if ((error = join(&path, data_dir, ATTACK_FILE)) < 0 ||
	    (error = load_attack(r, path.ptr)) < 0)
		goto out;
	if ((error = join(&path, data_dir, CWE_FILE)) < 0 || (error = load_cwe(r, path.ptr)) < 0)
		goto out;
	if ((error = join(&path, data_dir, ASVS_FILE)) < 0 || (error = load_asvs(r, path.ptr)) < 0)
		goto out;
	if ((error = join(&path, data_dir, STIG_RHEL9_FILE)) < 0 ||
	    (error = load_stig(r->stig_rhel9, path.ptr)) < 0)
		goto out;
	if ((error = join(&path, data_dir, STIG_UBTU18_FILE)) < 0 ||
	    (error = load_stig(r->stig_ubtu18, path.ptr)) < 0)
		goto out;
out:
	ss_buf_release(&path);
	return error;
}

/* ---- catalog ---- */

struct where {
	const char *file;
	const json_t *item;
	const char *item_id;
	const char *key;
};

static void problem(struct counts *c, const struct where *w, const char *ref, const char *what)
{
	c->problems++;
	printf("%s:%d: %s: %s %s: %s\n", w->file, ss_yaml_line(w->item, w->key), w->item_id, w->key,
	       ref, what);
}

static const char *flag_text(json_int_t flags)
{
	if (flags & REF_REVOKED)
		return "revoked";
	if (flags & REF_DEPRECATED)
		return "deprecated";
	if (flags & REF_PROHIBITED)
		return "prohibited for mapping (CWE Mapping_Notes Usage)";
	return NULL;
}

static void check_in(struct counts *c, const struct where *w, const json_t *set, const char *key,
		     const char *ref, const char *unknown)
{
	const json_t *f = json_object_get(set, key);
	const char *bad;

	if (!f)
		problem(c, w, ref, unknown);
	else if ((bad = flag_text(json_integer_value(f))))
		problem(c, w, ref, bad);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
	}
	return true;
}

static int count_unchecked_stig(struct counts *c, const char *ref)
{
	const char *dash = strchr(ref, '-');
	char prefix[16];
	size_t len = dash ? (size_t)(dash - ref) : strlen(ref);
	json_t *n;

	if (len >= sizeof(prefix))
		len = sizeof(prefix) - 1;
	memcpy(prefix, ref, len);
	prefix[len] = '\0';
	c->stig_unchecked++;
	n = json_object_get(c->stig_unchecked_by_prefix, prefix);
	if (json_object_set_new(c->stig_unchecked_by_prefix, prefix,
				json_integer(n ? json_integer_value(n) + 1 : 1)) < 0)
		return ss_error_set(SS_ENOMEM, "counting STIG prefixes");
	return 0;
}

static int check_ref(struct counts *c, const struct refs *r, const struct where *w, const char *ref)
{
	const char *k = w->key;

	if (strcmp(k, "attack") == 0) {
		c->attack++;
		check_in(c, w, r->techniques, ref, ref,
			 "no such technique in ATT&CK Enterprise v18.1");
	} else if (strcmp(k, "mitigations") == 0) {
		c->mitigations++;
		check_in(c, w, r->mitigations, ref, ref,
			 "no such mitigation in ATT&CK Enterprise v18.1");
	} else if (strcmp(k, "tactics") == 0) {
		c->tactics++;
		check_in(c, w, r->tactics, ref, ref, "no such tactic in ATT&CK Enterprise v18.1");
	} else if (strcmp(k, "cwe") == 0) {
		c->cwe++;
		if (strncmp(ref, "CWE-", 4) != 0 || !all_digits(ref + 4))
			problem(c, w, ref, "not of the form CWE-<number>");
		else
			check_in(c, w, r->cwes, ref + 4, ref, "no such weakness in CWE 4.15");
	} else if (strcmp(k, "asvs") == 0) {
		c->asvs++;
		check_in(c, w, r->asvs, ref, ref, "no such requirement in OWASP ASVS 4.0.3");
	} else if (strncmp(ref, "RHEL-09-", 8) == 0) {
		c->stig++;
		check_in(c, w, r->stig_rhel9, ref, ref, "no such rule in the RHEL 9 STIG V2R8");
	} else if (strncmp(ref, "UBTU-18-", 8) == 0) {
		c->stig++;
		check_in(c, w, r->stig_ubtu18, ref, ref,
			 "no such rule in the Ubuntu 18.04 STIG V2R15");
	} else {
		return count_unchecked_stig(c, ref);
	}
	return 0;
}

static int check_item(struct counts *c, const struct refs *r, const char *file, const json_t *item)
{
	static const char *const keys[] = {"attack", "tactics", "mitigations",
					   "cwe",    "asvs",    "stig"};
	struct where w = {.file = file, .item = item, .item_id = ss_js(item, "id")};
	size_t k, i;
	int error;

	if (!*w.item_id)
		w.item_id = "(item without id)";
	c->items++;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const json_t *list = json_object_get(item, keys[k]), *v;

		w.key = keys[k];
		if (!list)
			continue;
		if (!json_is_array(list)) {
			problem(c, &w, "", "must be a list");
			continue;
		}
		json_array_foreach(list, i, v) {
			if (!json_is_string(v)) {
				problem(c, &w, "", "entries must be plain ids");
				continue;
			}
			if ((error = check_ref(c, r, &w, json_string_value(v))) < 0)
				return error;
		}
	}
	return 0;
}

static int check_catalog(struct counts *c, const struct refs *r, const char *dir)
{
	ss_buf path = SS_BUF_INIT(PATH_MAX_BYTES);
	json_t *index = NULL, *doc = NULL, *files, *name, *items, *item;
	size_t i, j;
	int error;

	if ((error = join(&path, dir, "catalog.yaml")) < 0 ||
	    (error = ss_yaml_load(&index, path.ptr, YAML_MAX, YAML_DEPTH)) < 0)
		goto out;
	files = json_object_get(index, "files");
	if (!json_is_array(files) || json_array_size(files) == 0) {
		error = ss_error_set(SS_EPARSE, "%s: \"files\" must be a non-empty list", path.ptr);
		goto out;
	}
	json_array_foreach(files, i, name) {
		const char *file = json_string_value(name);

		if (!file || !*file) {
			error = ss_error_set(SS_EPARSE, "%s: \"files\" entries must be file names",
					     path.ptr);
			goto out;
		}
		if ((error = join(&path, dir, file)) < 0 ||
		    (error = ss_yaml_load(&doc, path.ptr, YAML_MAX, YAML_DEPTH)) < 0)
			goto out;
		items = json_object_get(doc, "items");
		if (!json_is_array(items)) {
			error = ss_error_set(SS_EPARSE, "%s: no \"items\" list", path.ptr);
			goto out;
		}
		c->files++;
		json_array_foreach(items, j, item) {
			if ((error = check_item(c, r, file, item)) < 0)
				goto out;
		}
		json_decref(doc);
		doc = NULL;
	}
	/* format 2: the techniques the threat file scores */
	if (json_string_value(json_object_get(index, "threats"))) {
		const char *file = json_string_value(json_object_get(index, "threats"));
		struct where w = {.file = file, .key = "attack"};

		if ((error = join(&path, dir, file)) < 0 ||
		    (error = ss_yaml_load(&doc, path.ptr, YAML_MAX, YAML_DEPTH)) < 0)
			goto out;
		c->files++;
		json_array_foreach(json_object_get(doc, "threats"), j, item) {
			w.item = item;
			w.item_id = ss_js(item, "technique");
			if ((error = check_ref(c, r, &w, ss_js(item, "technique"))) < 0)
				goto out;
		}
	}
out:
	json_decref(doc);
	json_decref(index);
	ss_buf_release(&path);
	return error;
}

static size_t count_unusable(json_t *set)
{
	const char *key;
	json_t *f;
	size_t n = 0;

	json_object_foreach(set, key, f) {
		if (json_integer_value(f))
			n++;
	}
	return n;
}

static void data_summary(const struct refs *r)
{
	printf("refcheck: data: %zu techniques (%zu revoked or deprecated), %zu tactics, "
	       "%zu mitigations, %zu CWE weaknesses (%zu deprecated or prohibited), %zu ASVS "
	       "requirements, "
	       "STIG rules RHEL 9 %zu, Ubuntu 18.04 %zu\n",
	       json_object_size(r->techniques), count_unusable(r->techniques),
	       json_object_size(r->tactics), json_object_size(r->mitigations),
	       json_object_size(r->cwes), count_unusable(r->cwes), json_object_size(r->asvs),
	       json_object_size(r->stig_rhel9), json_object_size(r->stig_ubtu18));
}

static void summary(const struct counts *c)
{
	const char *prefix;
	json_t *n;

	printf("refcheck: %ld items in %ld files; ids checked: attack %ld, tactics %ld, "
	       "mitigations %ld, cwe %ld, asvs %ld, stig %ld; %ld problem%s\n",
	       c->items, c->files, c->attack, c->tactics, c->mitigations, c->cwe, c->asvs, c->stig,
	       c->problems, c->problems == 1 ? "" : "s");
	if (!c->stig_unchecked)
		return;
	printf("refcheck: %ld STIG ids not checkable here (no local benchmark):",
	       c->stig_unchecked);
	json_object_foreach(c->stig_unchecked_by_prefix, prefix, n)
		printf(" %s- %lld", prefix, (long long)json_integer_value(n));
	printf("\n");
}

int main(int argc, char **argv)
{
	struct refs r = {0};
	struct counts c = {0};
	ss_buf path = SS_BUF_INIT(PATH_MAX_BYTES);
	const char *catalog_dir, *data_dir, *missing;
	int64_t expect = -1;
	int argi = 1, rc = EXIT_ERROR;

	if (argc > 2 && strcmp(argv[1], "--expect-problems") == 0) {
		if (ss_parse_int(&expect, argv[2], 0, 1000000) < 0) {
			fprintf(stderr, "refcheck: --expect-problems: %s\n", ss_error_last());
			goto out;
		}
		argi = 3;
	}
	if (argc - argi != 2) {
		rc = usage();
		goto out;
	}
	catalog_dir = argv[argi];
	data_dir = argv[argi + 1];

	if (!is_dir(data_dir)) {
		printf("refcheck: SKIP: data directory %s not found (or not a directory)\n",
		       data_dir);
		rc = EXIT_SKIP;
		goto out;
	}
	if ((missing = missing_data(&path, data_dir))) {
		/* a partial data folder is a mismatch to fix, not a reason to skip */
		fprintf(stderr, "refcheck: error: %s/%s not found; the catalog pins this release\n",
			data_dir, missing);
		goto out;
	}
	LIBXML_TEST_VERSION;
	if (!(c.stig_unchecked_by_prefix = json_object()))
		ss_error_set(SS_ENOMEM, "allocating counters");
	if (!c.stig_unchecked_by_prefix || refs_load(&r, data_dir) < 0 ||
	    check_catalog(&c, &r, catalog_dir) < 0) {
		fprintf(stderr, "refcheck: error: %s\n", ss_error_last());
		goto out;
	}
	data_summary(&r);
	summary(&c);
	if (expect >= 0) {
		if (c.problems == expect) {
			printf("refcheck: found the %lld expected problems\n", (long long)expect);
			rc = 0;
		} else {
			printf("refcheck: FAIL: expected %lld problems, found %ld\n",
			       (long long)expect, c.problems);
			rc = EXIT_PROBLEMS;
		}
	} else {
		rc = c.problems ? EXIT_PROBLEMS : 0;
	}
out:
	json_decref(c.stig_unchecked_by_prefix);
	refs_release(&r);
	ss_buf_release(&path);
	xmlCleanupParser();
	return rc;
}
