/*
 * CycloneDX 1.2 to 1.7 SBOMs in XML (namespace
 * http://cyclonedx.org/schema/bom/1.N; plain or gzip), streamed with the
 * safe reader of xml.h (no DTD): the same rows and the same checks as the
 * JSON edition (cyclonedx.c), an element path and a line in place of the
 * JSON pointer. A nested component is handed when its element ends, so
 * after the components it holds (the JSON edition hands it before them).
 * Elements of other namespaces (extensions) are skipped whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/cyclonedx_int.h"
#include "formats/xml.h"
#include "util/util.h"
#include "util/banned.h"

#define NS_PREFIX "http://cyclonedx.org/schema/bom/1."
#define MAXD 130 /* element depths tracked; the depth limit stops deeper files first */
#define PATH_MAX_LEN 400

typedef struct {
	int depth;
	bool row, root, tool, named;
	bool external, range; /* isExternal="true" (1.7); a <versionRange> */
	char *ref;            /* the bom-ref or "#<index>" (row only) */
	const char *parent;
	ss_cdx_row r;
	char *tool_version;
} xcomp;

typedef struct {
	ss_cdx c;
	ss_xml x;
	const char *names[MAXD]; /* local name of the open element at each depth */
	int idx[MAXD];           /* its position among same-named siblings, from 1 */
	int skip;                /* > 0: inside a foreign element opened at depth skip - 1 */
	xcomp comp[MAXD / 2 + 1];
	int ncomp;
	int svc_depth[MAXD / 2 + 1];
	bool svc_named[MAXD / 2 + 1];
	int nsvc;
	int lic_depth, lic_ids;            /* the open <license> and its <id>/<name> */
	bool lic_concluded;                /* it is acknowledged "concluded" */
	int lics_depth, lics_n, lics_expr; /* the open <licenses> */
	int ref_depth;                     /* the open <reference> of an externalReferences */
	char *ref_type;
	int dep_depth; /* the open top-level <dependency> */
	char *dep_from;
	int tool_depth; /* <tool> of the 1.2-1.4 metadata */
	char *tool_name, *tool_version;
	int cit_depth; /* the open <citation> (1.7) and what it holds */
	int cit_attr, cit_proc, cit_ptrs, cit_exprs;
	bool seen_bom;
} xctx;

/* "/bom/components/component[2]/hashes/hash[1]": the elements open now. */
static const char *where(xctx *xc, char *buf)
{
	size_t n = 0;
	int d, depth = ss_xml_depth(&xc->x);

	buf[0] = '\0';
	for (d = 0; d <= depth && d < MAXD && n < PATH_MAX_LEN - 80; d++) {
		int w = d == 0 ? snprintf(buf + n, PATH_MAX_LEN - n, "/%.60s",
					  xc->names[d] ? xc->names[d] : "?")
			       : snprintf(buf + n, PATH_MAX_LEN - n, "/%.60s[%d]",
					  xc->names[d] ? xc->names[d] : "?", xc->idx[d]);

		if (w < 0)
			break;
		n += (size_t)w;
	}
	return buf;
}

/* An error at the current node: "FILE:LINE: " before its message. */
static int at(xctx *xc, int error)
{
	ss_error_prefix(error, "%s:%d: ", xc->c.path, ss_xml_line(&xc->x));
	return error;
}

static const char *parent_name(const xctx *xc, int up)
{
	int d = ss_xml_depth(&xc->x) - up;

	return d >= 0 && d < MAXD && xc->names[d] ? xc->names[d] : "";
}

static bool is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static xcomp *top_comp(xctx *xc)
{
	return xc->ncomp ? &xc->comp[xc->ncomp - 1] : NULL;
}

/* The text of the current element (ss_xml_text: reads to its end). */
static int text(xctx *xc, char **out)
{
	return ss_xml_text(out, &xc->x);
}

static void comp_free(xcomp *k)
{
	free(k->ref);
	free(k->tool_version);
	ss_cdx_row_clear(&k->r);
	memset(k, 0, sizeof(*k));
}

static int comp_start(xctx *xc, int depth)
{
	const char *p = parent_name(xc, 1), *gp = parent_name(xc, 2);
	xcomp *enclosing = top_comp(xc), *k;
	char *type, *ref, *ext, w[PATH_MAX_LEN], gen[32];
	bool row = false, root = false, tool = false;
	int error = 0;

	if (is(p, "metadata") && is(gp, "bom"))
		row = root = true;
	else if (is(p, "components") && is(gp, "bom"))
		row = true;
	else if (is(p, "components") && is(gp, "component") && enclosing &&
		 enclosing->depth == depth - 2)
		row = enclosing->row;
	else if (is(p, "components") && is(gp, "tools"))
		tool = true;
	else if (!is(p, "ancestors") && !is(p, "descendants") && !is(p, "variants") &&
		 !(is(p, "components") && is(gp, "component")))
		return 0; /* a component elsewhere (formulation ...): not read */
	if (xc->ncomp >= (int)(sizeof(xc->comp) / sizeof(xc->comp[0])))
		return at(xc, ss_error_set(SS_ELIMIT,
					   "over the nesting depth limit: components nested "
					   "deeper than %d",
					   (int)(sizeof(xc->comp) / sizeof(xc->comp[0]))));
	type = ss_xml_attr(&xc->x, "type");
	ref = ss_xml_attr(&xc->x, "bom-ref");
	ext = ss_xml_attr(&xc->x, "isExternal");
	if (!type)
		error = at(xc,
			   ss_error_set(SS_EPARSE, "%s: the required attribute 'type' is missing",
					where(xc, w)));
	else if (!ss_cdx_component_type(type))
		error = at(xc,
			   ss_error_set(SS_EPARSE,
					"%s/@type: '%.60s' is not a component type of CycloneDX",
					where(xc, w), type));
	else if (ref && !*ref)
		error = at(xc, ss_error_set(SS_EPARSE,
					    "%s/@bom-ref: an empty ref (the schema wants one "
					    "character at least)",
					    where(xc, w)));
	if (error == 0 && row && (error = ss_cdx_count(&xc->c)) < 0)
		error = at(xc, error);
	k = &xc->comp[xc->ncomp];
	memset(k, 0, sizeof(*k));
	ss_cdx_row_init(&k->r);
	xc->ncomp++;
	k->depth = depth;
	k->row = row;
	k->root = root;
	k->tool = tool;
	k->external = ext && (is(ext, "true") || is(ext, "1"));
	xmlFree(ext);
	if (error == 0 && row) {
		snprintf(gen, sizeof(gen), "#%lld", (long long)(root ? 0 : ++xc->c.index));
		if (!(k->ref = strdup(ref ? ref : gen)))
			error = ss_error_set(SS_ENOMEM, "out of memory");
		else if ((error = ss_cdx_define(&xc->c, k->ref, where(xc, w))) < 0)
			at(xc, error);
		k->parent = root || !enclosing || !is(gp, "component") ? NULL : enclosing->ref;
	}
	if (error == 0)
		ss_cdx_set(&k->r, CDX_TYPE, type);
	xmlFree(type);
	xmlFree(ref);
	return error;
}

static int comp_end(xctx *xc)
{
	xcomp *k = top_comp(xc);
	char w[PATH_MAX_LEN];
	int error = 0;

	if (!k->r.f[CDX_NAME])
		error = at(xc, ss_error_set(SS_EPARSE, "%s: the required element 'name' is missing",
					    where(xc, w)));
	else if (k->range && k->r.f[CDX_VERSION])
		error = at(xc, ss_error_set(SS_EPARSE,
					    "%s: a component has 'version' or 'versionRange', not "
					    "both",
					    where(xc, w)));
	else if (k->range && !k->external)
		error = at(xc, ss_error_set(SS_EPARSE,
					    "%s/versionRange: only an external component "
					    "(isExternal true) has a version range",
					    where(xc, w)));
	else if (k->row)
		error = ss_cdx_emit(&xc->c, &k->r, k->ref, k->parent, k->root);
	else if (k->tool)
		error = ss_cdx_tool(&xc->c, k->r.f[CDX_NAME], k->r.f[CDX_VERSION]);
	comp_free(k);
	xc->ncomp--;
	return error;
}

/* A child element of the innermost component, with its text. */
static int comp_field(xctx *xc, xcomp *k, const char *name, int rel)
{
	static const struct {
		const char *name;
		int field;
	} plain[] = {{"group", CDX_GROUP},         {"name", CDX_NAME},    {"version", CDX_VERSION},
		     {"purl", CDX_PURL},           {"cpe", CDX_CPE},      {"scope", CDX_SCOPE},
		     {"publisher", CDX_PUBLISHER}, {"author", CDX_AUTHOR}};
	char *t = NULL, w[PATH_MAX_LEN];
	size_t i;
	int error;

	if (rel == 1) {
		for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
			if (is(name, plain[i].name))
				break;
		if (i == sizeof(plain) / sizeof(plain[0])) {
			if (is(name, "versionRange"))
				k->range = true;
			return 0;
		}
		where(xc, w);
		if ((error = text(xc, &t)) < 0)
			return error;
		if (plain[i].field == CDX_SCOPE && !ss_cdx_scope(t))
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s: '%.60s' is not a scope of CycloneDX "
						    "(required, optional, excluded)",
						    w, t));
		else
			ss_cdx_set(&k->r, plain[i].field, t);
		free(t);
		return error;
	}
	if (rel == 2 && is(name, "name") && is(parent_name(xc, 1), "supplier")) {
		if ((error = text(xc, &t)) == 0)
			ss_cdx_set(&k->r, CDX_SUPPLIER, t);
	} else if (rel == 3 && is(name, "name") && is(parent_name(xc, 1), "author") &&
		   is(parent_name(xc, 2), "authors")) {
		if ((error = text(xc, &t)) == 0 && *t &&
		    ((k->r.authors.len && (error = ss_buf_puts(&k->r.authors, ", ")) < 0) ||
		     (error = ss_buf_puts(&k->r.authors, t)) < 0))
			error = ss_error_set(SS_ENOMEM, "out of memory");
	} else if (rel == 4 && is(name, "location") && is(parent_name(xc, 1), "occurrence") &&
		   is(parent_name(xc, 3), "evidence")) {
		if ((error = text(xc, &t)) == 0)
			ss_cdx_set(&k->r, CDX_OCCURRENCE, t);
	} else if (rel == 3 && is(name, "url") && xc->ref_depth == k->depth + 2) {
		if ((error = text(xc, &t)) == 0)
			ss_cdx_extref(&k->r, xc->ref_type, t);

	} else {
		return 0;
	}
	free(t);
	return error;
}

static int hash(xctx *xc, xcomp *k, int depth)
{
	char *alg = ss_xml_attr(&xc->x, "alg"), *t = NULL, w[PATH_MAX_LEN];
	int error, bad;

	where(xc, w);
	if (!alg) {
		error = at(xc, ss_error_set(SS_EPARSE,
					    "%s: the required attribute 'alg' is missing", w));
		goto out;
	}
	if ((error = text(xc, &t)) < 0)
		goto out;
	if ((bad = ss_cdx_hash(alg, t)) == 1)
		error = at(xc, ss_error_set(SS_EPARSE,
					    "%s/@alg: '%.60s' is not a hash algorithm of CycloneDX",
					    w, alg));
	else if (bad)
		error = at(xc, ss_error_set(SS_EPARSE,
					    "%s: not a %s hash (hex of the algorithm's length): "
					    "'%.140s'",
					    w, alg, t));
	else if (k && k->depth == depth - 2)
		error = ss_cdx_hash_add(&k->r, alg, t);
out:
	xmlFree(alg);
	free(t);
	return error;
}

static int property(xctx *xc, xcomp *k, int depth)
{
	char *name = ss_xml_attr(&xc->x, "name"), *t = NULL, w[PATH_MAX_LEN];
	int error = 0;

	where(xc, w);
	if (!name)
		error = at(xc, ss_error_set(SS_EPARSE,
					    "%s: the required attribute 'name' is missing", w));
	else if (k && k->depth == depth - 2 && strncmp(name, "secspec:", 8) == 0 &&
		 (error = text(xc, &t)) == 0 && (error = ss_cdx_property(&k->r, name, t, w)) < 0)
		at(xc, error);
	xmlFree(name);
	free(t);
	return error;
}

/* A ref attribute of a dependency or provides element. */
static int dep_ref(xctx *xc, char **out)
{
	char *ref = ss_xml_attr(&xc->x, "ref"), w[PATH_MAX_LEN];
	int error = 0;

	where(xc, w);
	if (!ref || !*ref)
		error = at(xc,
			   ss_error_set(SS_EPARSE,
					"%s: the required attribute 'ref' is missing or empty", w));
	else if ((error = ss_cdx_use(&xc->c, ref, w)) < 0)
		at(xc, error);
	if (error < 0 || !out)
		xmlFree(ref);
	else
		*out = ref;
	return error;
}

static int bom_start(xctx *xc)
{
	const char *ns = ss_xml_ns(&xc->x);
	char *serial = NULL, *version = NULL, spec[8];
	int error = 0;

	if (!is(xc->x.name, "bom") || strncmp(ns, NS_PREFIX, strlen(NS_PREFIX)) != 0)
		return ss_error_set(SS_EPARSE,
				    "%s:%d: not a CycloneDX XML BOM (the root element is not bom "
				    "in the namespace %sN)",
				    xc->c.path, ss_xml_line(&xc->x), NS_PREFIX);
	snprintf(spec, sizeof(spec), "1.%.3s", ns + strlen(NS_PREFIX));
	if (!ss_cdx_spec_version(spec))
		return ss_error_set(SS_EPARSE,
				    "%s:%d: /bom: the namespace %.100s is not a CycloneDX version "
				    "this importer reads (1.2 to 1.7)",
				    xc->c.path, ss_xml_line(&xc->x), ns);
	xc->c.spec = strdup(spec);
	serial = ss_xml_attr(&xc->x, "serialNumber");
	version = ss_xml_attr(&xc->x, "version");
	if (serial && !ss_cdx_serial(serial))
		error = at(xc,
			   ss_error_set(SS_EPARSE,
					"/bom/@serialNumber: '%.80s' is not urn:uuid: and an RFC "
					"4122 UUID in lowercase",
					serial));
	else if (version && (strspn(version, "0123456789") != strlen(version) || !*version ||
			     strspn(version, "0") == strlen(version) || strlen(version) > 18))
		error = at(xc, ss_error_set(SS_EPARSE,
					    "/bom/@version: '%.40s' is not an integer of 1 or more",
					    version));
	else if (serial)
		xc->c.serial = strdup(serial);
	xmlFree(serial);
	xmlFree(version);
	return error;
}

static int element(xctx *xc, int depth)
{
	const char *name = xc->x.name, *p = parent_name(xc, 1);
	xcomp *k = top_comp(xc);
	int rel = k ? depth - k->depth : 0, error = 0;
	char *t = NULL, *a, w[PATH_MAX_LEN];

	if (is(name, "component"))
		return comp_start(xc, depth);
	if (is(name, "hash") && is(p, "hashes"))
		return hash(xc, k, depth);
	if (is(name, "property") && is(p, "properties"))
		return property(xc, k, depth);
	if (is(name, "license") && is(p, "licenses")) {
		xc->lic_depth = depth;
		xc->lic_ids = 0;
		xc->lic_concluded = false;
		if ((a = ss_xml_attr(&xc->x, "acknowledgement"))) {
			xc->lic_concluded = is(a, "concluded");
			xmlFree(a);
		}
		xc->lics_n++;
		return 0;
	}
	if (is(name, "licenses")) {
		xc->lics_depth = depth;
		xc->lics_n = xc->lics_expr = 0;
		return 0;
	}
	if (is(name, "expression") && is(p, "licenses") && xc->lics_depth == depth - 1) {
		bool concluded = false;

		xc->lics_expr++;
		if ((a = ss_xml_attr(&xc->x, "acknowledgement"))) {
			concluded = is(a, "concluded");
			xmlFree(a);
		}
		if ((error = text(xc, &t)) == 0 && k && k->depth == depth - 2)
			ss_cdx_set(&k->r, concluded ? CDX_CONCLUDED : CDX_EXPRESSION, t);
		free(t);
		return error;
	}
	if ((is(name, "id") || is(name, "name")) && is(p, "license") &&
	    xc->lic_depth == depth - 1) {
		xc->lic_ids++;
		where(xc, w);
		if ((error = text(xc, &t)) < 0)
			return error;
		if (is(name, "id") && ss_cdx_license_known && !ss_cdx_license_known(t))
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s: '%.100s' is not an SPDX license id (give "
						    "it as 'name', or an expression)",
						    w, t));
		else if (k && k->depth == depth - 3 && is(parent_name(xc, 2), "licenses")) {
			if (xc->lic_concluded)
				ss_cdx_set(&k->r, CDX_CONCLUDED, t);
			error = ss_cdx_license_add(&k->r, t);
		}
		free(t);
		return error;
	}
	if (is(name, "text") && (a = ss_xml_attr(&xc->x, "encoding"))) {
		if (!is(a, "base64"))
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s/@encoding: '%.60s' is not an encoding of "
						    "CycloneDX (base64)",
						    where(xc, w), a));
		xmlFree(a);
		return error;
	}
	if ((is(name, "patch") && is(p, "patches")) || (is(name, "issue") && is(p, "resolves"))) {
		bool patch = is(name, "patch");

		where(xc, w);
		if (!(a = ss_xml_attr(&xc->x, "type")))
			return at(xc,
				  ss_error_set(SS_EPARSE,
					       "%s: the required attribute 'type' is missing", w));
		if (patch && !ss_cdx_patch_type(a))
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s/@type: '%.60s' is not a patch type of "
						    "CycloneDX",
						    w, a));
		else if (!patch && !ss_cdx_issue_type(a))
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s/@type: '%.60s' is not an issue type of "
						    "CycloneDX",
						    w, a));
		xmlFree(a);
		return error;
	}
	if (is(name, "swid") && k && rel == 1) {
		char *tag = ss_xml_attr(&xc->x, "tagId"), *nm = ss_xml_attr(&xc->x, "name");

		if (!tag || !nm)
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s: the required attribute '%s' is missing",
						    where(xc, w), !tag ? "tagId" : "name"));
		xmlFree(tag);
		xmlFree(nm);
		return error;
	}
	if ((a = ss_xml_attr(&xc->x, "flow"))) {
		if (!ss_cdx_flow(a))
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s/@flow: '%.60s' is not a data flow of "
						    "CycloneDX (inbound, outbound, bi-directional, "
						    "unknown)",
						    where(xc, w), a));
		xmlFree(a);
		return error;
	}
	if (is(name, "reference") && is(p, "externalReferences")) {
		free(xc->ref_type);
		xc->ref_type = NULL;
		xc->ref_depth = depth;
		if ((a = ss_xml_attr(&xc->x, "type"))) {
			xc->ref_type = strdup(a);
			xmlFree(a);
		}
		return 0;
	}
	if (is(name, "service") && is(p, "services")) {
		where(xc, w);
		a = ss_xml_attr(&xc->x, "bom-ref");
		if (a && !*a)
			error = at(xc,
				   ss_error_set(SS_EPARSE,
						"%s/@bom-ref: an empty ref (the schema wants one "
						"character at least)",
						w));
		else if (a && (error = ss_cdx_define(&xc->c, a, w)) < 0)
			at(xc, error);
		xmlFree(a);
		if (error == 0 && xc->nsvc < (int)(sizeof(xc->svc_depth) / sizeof(int))) {
			xc->svc_depth[xc->nsvc] = depth;
			xc->svc_named[xc->nsvc++] = false;
			if (xc->x.empty)
				return at(xc, ss_error_set(SS_EPARSE,
							   "%s: the required element 'name' is "
							   "missing",
							   w));
		}
		return error;
	}
	if (is(name, "name") && xc->nsvc && xc->svc_depth[xc->nsvc - 1] == depth - 1)
		xc->svc_named[xc->nsvc - 1] = true;
	if (is(name, "dependency") && is(p, "dependencies") && is(parent_name(xc, 2), "bom")) {
		free(xc->dep_from);
		xc->dep_from = NULL;
		xc->dep_depth = depth;
		if ((error = dep_ref(xc, &a)) < 0)
			return error;
		xc->dep_from = strdup(a);
		xmlFree(a);
		return xc->dep_from ? 0 : ss_error_set(SS_ENOMEM, "out of memory");
	}
	if ((is(name, "dependency") || is(name, "provides")) && is(p, "dependency") &&
	    xc->dep_from && xc->dep_depth == depth - 1) {
		if ((error = dep_ref(xc, is(name, "dependency") ? &a : NULL)) < 0)
			return error;
		if (is(name, "dependency")) {
			error = ss_cdx_edge(&xc->c, xc->dep_from, a);
			xmlFree(a);
		}
		return error;
	}
	if (depth == 2 && is(p, "metadata") && !ss_cdx_metadata_member(name))
		return at(xc,
			  ss_error_set(SS_EPARSE, "%s: not a member of the metadata in CycloneDX",
				       where(xc, w)));
	if (depth == 3 && is(name, "tlp") && is(p, "distributionConstraints")) {
		where(xc, w);
		if ((error = text(xc, &t)) == 0 && !ss_cdx_tlp(t))
			error = at(xc,
				   ss_error_set(SS_EPARSE,
						"%s: '%.60s' is not a TLP classification (CLEAR, "
						"GREEN, AMBER, AMBER_AND_STRICT, RED)",
						w, t));
		free(t);
		return error;
	}
	if (depth == 2 && is(name, "citation") && is(p, "citations")) {
		xc->cit_depth = depth;
		xc->cit_attr = xc->cit_proc = xc->cit_ptrs = xc->cit_exprs = 0;
		where(xc, w);
		a = ss_xml_attr(&xc->x, "bom-ref");
		if (a && !*a)
			error = at(xc,
				   ss_error_set(SS_EPARSE,
						"%s/@bom-ref: an empty ref (the schema wants one "
						"character at least)",
						w));
		else if (a && (error = ss_cdx_define(&xc->c, a, w)) < 0)
			at(xc, error);
		xmlFree(a);
		return error;
	}
	if (depth == 3 && xc->cit_depth == 2 && is(p, "citation")) {
		xc->cit_attr += is(name, "attributedTo");
		xc->cit_proc += is(name, "process");
		xc->cit_ptrs += is(name, "pointers");
		xc->cit_exprs += is(name, "expressions");
		return 0;
	}
	/* the metadata */
	if (depth == 2 && is(p, "metadata") && is(name, "timestamp")) {
		where(xc, w);
		if ((error = text(xc, &t)) < 0)
			return error;
		if (!ss_cdx_timestamp(t, true))
			error = at(xc, ss_error_set(SS_EPARSE,
						    "%s: '%.60s' is not an xs:dateTime "
						    "(2024-05-01T12:00:00Z)",
						    w, t));
		else if (!xc->c.timestamp)
			xc->c.timestamp = strdup(t);
		free(t);
		return error;
	}
	if (depth == 3 && is(name, "name") && is(p, "supplier") &&
	    is(parent_name(xc, 2), "metadata")) {
		if ((error = text(xc, &t)) == 0 && !xc->c.supplier)
			xc->c.supplier = strdup(t);
		free(t);
		return error;
	}
	if (depth == 4 && is(name, "name") && is(p, "author") &&
	    is(parent_name(xc, 2), "authors") && is(parent_name(xc, 3), "metadata")) {
		if ((error = text(xc, &t)) == 0 && *t)
			json_array_append_new(xc->c.authors, json_string(t));
		free(t);
		return error;
	}
	if (depth == 3 && is(name, "tool") && is(p, "tools")) {
		xc->tool_depth = depth;
		free(xc->tool_name);
		free(xc->tool_version);
		xc->tool_name = xc->tool_version = NULL;
		return 0;
	}
	if (depth == 4 && xc->tool_depth == 3 && is(p, "tool") &&
	    (is(name, "name") || is(name, "version"))) {
		if ((error = text(xc, &t)) < 0)
			return error;
		if (is(name, "name") && !xc->tool_name)
			xc->tool_name = t;
		else if (is(name, "version") && !xc->tool_version)
			xc->tool_version = t;
		else
			free(t);
		return 0;
	}
	if (k && rel >= 1)
		return comp_field(xc, k, name, rel);
	return 0;
}

/* An element ends (or was empty). */
static int element_end(xctx *xc, int depth)
{
	const char *name = xc->x.name;
	char w[PATH_MAX_LEN];
	xcomp *k = top_comp(xc);

	if (is(name, "component") && k && k->depth == depth)
		return comp_end(xc);
	if (is(name, "license") && xc->lic_depth == depth) {
		xc->lic_depth = -1;
		if (xc->lic_ids != 1)
			return at(xc, ss_error_set(SS_EPARSE,
						   "%s: a license has exactly one of 'id' (SPDX) "
						   "and 'name'",
						   where(xc, w)));
	}
	if (is(name, "licenses") && xc->lics_depth == depth) {
		xc->lics_depth = -1;
		/* 1.7 takes several expressions and a mix (cyclonedx.c) */
		if (xc->lics_expr && (xc->lics_expr > 1 || xc->lics_n) && !is(xc->c.spec, "1.7"))
			return at(xc, ss_error_set(SS_EPARSE,
						   "%s: an expression must be the only child of "
						   "'licenses' before CycloneDX 1.7 (no other "
						   "expression or license beside it)",
						   where(xc, w)));
	}
	if (is(name, "citation") && xc->cit_depth == depth) {
		xc->cit_depth = -1;
		if (!xc->cit_attr && !xc->cit_proc)
			return at(xc,
				  ss_error_set(SS_EPARSE,
					       "%s: a citation names 'attributedTo' or 'process' "
					       "(or both)",
					       where(xc, w)));
		if (xc->cit_attr > 1 || xc->cit_proc > 1)
			return at(xc,
				  ss_error_set(SS_EPARSE,
					       "%s: a citation names one 'attributedTo' and one "
					       "'process' at most",
					       where(xc, w)));
		if ((xc->cit_ptrs > 0) == (xc->cit_exprs > 0) || xc->cit_ptrs + xc->cit_exprs > 1)
			return at(xc,
				  ss_error_set(SS_EPARSE,
					       "%s: a citation has exactly one of 'pointers' and "
					       "'expressions'",
					       where(xc, w)));
	}
	if (is(name, "reference") && xc->ref_depth == depth)
		xc->ref_depth = -1;
	if (is(name, "dependency") && xc->dep_depth == depth && xc->dep_from) {
		free(xc->dep_from);
		xc->dep_from = NULL;
	}
	if (is(name, "tool") && xc->tool_depth == depth) {
		int error = 0;

		xc->tool_depth = -1;
		if (xc->tool_name)
			error = ss_cdx_tool(&xc->c, xc->tool_name, xc->tool_version);
		free(xc->tool_name);
		free(xc->tool_version);
		xc->tool_name = xc->tool_version = NULL;
		return error;
	}
	if (is(name, "service") && xc->nsvc && xc->svc_depth[xc->nsvc - 1] == depth) {
		xc->nsvc--;
		if (!xc->svc_named[xc->nsvc])
			return at(xc, ss_error_set(SS_EPARSE,
						   "%s: the required element 'name' is missing",
						   where(xc, w)));
	}
	return 0;
}

int ss_format_cyclonedx_xml(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim,
			    json_t *info)
{
	xctx *xc;
	int rc, error = 0, depth;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_cyclonedx_xml: NULL argument");
	if (!(xc = calloc(1, sizeof(*xc))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	ss_cdx_init(&xc->c, out, in->path, lim ? lim : &ss_sbom_limits, info);
	xc->lic_depth = xc->lics_depth = xc->ref_depth = xc->dep_depth = xc->tool_depth = -1;
	xc->cit_depth = -1;
	if ((error = ss_xml_open(&xc->x, in, xc->c.lim)) < 0)
		goto out;
	while ((rc = ss_xml_next(&xc->x)) > 0) {
		bool start = xc->x.type == XML_READER_TYPE_ELEMENT;

		if (!start && xc->x.type != XML_READER_TYPE_END_ELEMENT)
			continue;
		depth = ss_xml_depth(&xc->x);
		if (depth >= MAXD) {
			error = ss_xml_limit(&xc->x, "over the nesting depth limit: deeper than %d",
					     MAXD - 1);
			goto out;
		}
		if (xc->skip) {
			if (!start && depth == xc->skip - 1)
				xc->skip = 0;
			continue;
		}
		if (start && depth == 0) {
			if (xc->seen_bom || (error = bom_start(xc)) < 0)
				goto out;
			xc->seen_bom = true;
			xc->names[0] = xc->x.name;
			xc->idx[0] = 1;
			continue;
		}
		if (start && strncmp(ss_xml_ns(&xc->x), NS_PREFIX, strlen(NS_PREFIX)) != 0) {
			if (!xc->x.empty)
				xc->skip = depth + 1;
			continue;
		}
		if (start) {
			xc->idx[depth] = xc->names[depth] && is(xc->names[depth], xc->x.name)
						 ? xc->idx[depth] + 1
						 : 1;
			xc->names[depth] = xc->x.name;
			if (depth + 1 < MAXD)
				xc->names[depth + 1] = NULL;
			if ((error = element(xc, depth)) < 0)
				goto out;
			/* element() may have read the element to its end (its text) */
			if (xc->x.type == XML_READER_TYPE_END_ELEMENT)
				continue;
			if (xc->x.empty && (error = element_end(xc, depth)) < 0)
				goto out;
		} else if ((error = element_end(xc, depth)) < 0) {
			goto out;
		}
	}
	if (rc < 0) {
		error = rc;
		goto out;
	}
	if (!xc->seen_bom) {
		error = ss_error_set(SS_EPARSE, "%s: no root element", in->path);
		goto out;
	}
	error = ss_cdx_finish(&xc->c, "xml");
out:
	while (xc->ncomp > 0)
		comp_free(&xc->comp[--xc->ncomp]);
	free(xc->ref_type);
	free(xc->dep_from);
	free(xc->tool_name);
	free(xc->tool_version);
	ss_xml_close(&xc->x);
	ss_cdx_release(&xc->c);
	free(xc);
	return error;
}
