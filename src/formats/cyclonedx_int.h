/* What the CycloneDX JSON (cyclonedx.c) and XML (cyclonedx_xml.c) importers
 * share: the checks of values, the set of refs, the row being built. */
#ifndef SS_FORMATS_CYCLONEDX_INT_H
#define SS_FORMATS_CYCLONEDX_INT_H

#include <stdbool.h>

#include "formats/idset.h"
#include "formats/sbom.h"
#include "util/util.h"

/*
 * Whether id is an SPDX license id. NULL (the default) checks nothing; the
 * integrator (or a test) points it at the SPDX license list, and then a
 * license id outside the list is refused as the schema does.
 */
extern bool (*ss_cdx_license_known)(const char *id);

typedef struct {
	ss_sbom_sink *sink;
	const char *path;
	const ss_import_limits *lim;
	json_t *info;
	ss_idset refs;   /* bom-refs of the components and services */
	json_t *pending; /* [[ref, where], ...]: refs used before they were defined */
	int64_t count;   /* components read, for "#<index>" and the record cap */
	int64_t index;   /* components outside the metadata, for "#<index>" (from 1) */
	int64_t edges;
	int64_t components, dependencies;
	json_t *authors, *tools;
	char *doc_name, *doc_version, *serial, *spec, *timestamp, *supplier;
	char *mix; /* JSON: where a license list first mixes expressions (1.7 only) */
} ss_cdx;

enum {
	CDX_TYPE,
	CDX_GROUP,
	CDX_NAME,
	CDX_VERSION,
	CDX_PURL,
	CDX_CPE,
	CDX_SCOPE,
	CDX_EXPRESSION,
	CDX_CONCLUDED,
	CDX_SUPPLIER,
	CDX_PUBLISHER,
	CDX_AUTHOR,
	CDX_BROUGHT_BY,
	CDX_REPOSITORY,
	CDX_SECURITY_CONTACT,
	CDX_ADVISORIES,
	CDX_OCCURRENCE,
	CDX_PROP_FILE,
	CDX_END_OF_LIFE,
	CDX_SUPPORT,
	SS_CDX_NFIELDS
};

/* A component being read: its fields (malloc'd; the first value kept). */
typedef struct {
	char *f[SS_CDX_NFIELDS];
	json_t *hashes;  /* {alg: hex} */
	ss_buf licenses; /* ids / names joined with " OR " */
	ss_buf authors;  /* authors[].name joined with ", " */
} ss_cdx_row;

bool ss_cdx_component_type(const char *s);
bool ss_cdx_scope(const char *s);
bool ss_cdx_patch_type(const char *s);
bool ss_cdx_issue_type(const char *s);
bool ss_cdx_flow(const char *s);
bool ss_cdx_metadata_member(const char *s);
bool ss_cdx_tlp(const char *s);
/* 0 ok, 1 an unknown algorithm, 2 content not hex of the algorithm's length */
int ss_cdx_hash(const char *alg, const char *content);
bool ss_cdx_timestamp(const char *s, bool offset_optional);
bool ss_cdx_serial(const char *s);
bool ss_cdx_spec_version(const char *s);

void ss_cdx_init(ss_cdx *c, ss_sbom_sink *sink, const char *path, const ss_import_limits *lim,
		 json_t *info);
void ss_cdx_release(ss_cdx *c);
int ss_cdx_count(ss_cdx *c);
int ss_cdx_define(ss_cdx *c, const char *ref, const char *where);
int ss_cdx_use(ss_cdx *c, const char *ref, const char *where);
int ss_cdx_edge(ss_cdx *c, const char *from, const char *to);
int ss_cdx_tool(ss_cdx *c, const char *name, const char *version);
/* The refs checked, the document handed, info filled. */
int ss_cdx_finish(ss_cdx *c, const char *encoding);

void ss_cdx_row_init(ss_cdx_row *r);
void ss_cdx_row_clear(ss_cdx_row *r);
void ss_cdx_set(ss_cdx_row *r, int field, const char *v);
int ss_cdx_license_add(ss_cdx_row *r, const char *v);
int ss_cdx_hash_add(ss_cdx_row *r, const char *alg, const char *content);
int ss_cdx_property(ss_cdx_row *r, const char *name, const char *value, const char *where);
void ss_cdx_extref(ss_cdx_row *r, const char *type, const char *url);
int ss_cdx_emit(ss_cdx *c, ss_cdx_row *r, const char *ref, const char *parent, int root);

#endif
