/*
 * What the SBOM, advisory and VEX importers hand to core: typed rows through
 * callbacks, like the reference importers (sink.h). The importers never see
 * the store. Every string of a row is borrowed for the duration of the call
 * only; NULL means absent. A NULL callback drops that kind of row; a
 * callback returns 0 or a negative SS_E* code (message set) that stops the
 * import with that code. An error may come after rows went to the sink: core
 * imports in one transaction and discards them.
 *
 * JSON-valued fields are canonical JSON text (ss_json_canonical), so that
 * the same input gives the same bytes.
 */
#ifndef SS_FORMATS_SBOM_H
#define SS_FORMATS_SBOM_H

#include <jansson.h>
#include <stdint.h>

#include "formats/import.h"

/* ---- SBOMs ------------------------------------------------------------ */

/* The document: handed once, after the last component and dependency. */
typedef struct {
	const char *format;       /* "cyclonedx" or "spdx" */
	const char *encoding;     /* "json", "xml" or "tag-value" */
	const char *spec_version; /* "1.4", "SPDX-2.3" */
	const char *serial;       /* CycloneDX serialNumber / SPDX documentNamespace */
	const char *name;         /* the main component / the document's name */
	const char *version;      /* the main component's version */
	const char *timestamp;    /* metadata.timestamp / creationInfo.created */
	const char *authors;  /* JSON array of text: authors, creators (Person:/Organization:) */
	const char *tools;    /* JSON array of text: "name version" of each tool */
	const char *supplier; /* metadata.supplier.name / the document's Organization creator */
	int64_t components, dependencies;
} ss_sink_sbom;

/*
 * One component (CycloneDX component, nested ones included, and
 * metadata.component with root = 1; SPDX package, and SPDX file when it
 * carries a checksum).
 */
typedef struct {
	const char *ref;    /* bom-ref / SPDXID; unique in the document (never NULL:
			       the importer makes "#<index>" for a component without) */
	const char *parent; /* ref of the component this one is nested in; NULL at the top */
	int root;           /* 1 for the document's subject (metadata.component,
			       SPDX documentDescribes) */
	const char *type;   /* CycloneDX type; SPDX primaryPackagePurpose lowercased, "file"
			       for a file, else "library" */
	const char *group, *name, *version; /* group: CycloneDX group (Maven groupId, npm scope) */
	const char *purl;                   /* as given, not checked here */
	const char *cpe;                    /* as given */
	const char *licenses; /* one SPDX expression as given: CycloneDX expression, or ids / names
				 of a licence list joined with " OR "; SPDX licenseConcluded when
				 not NOASSERTION/NONE, else licenseDeclared; NULL when none */
	const char *supplier; /* upstream: supplier.name, else publisher, else author; SPDX
				 PackageSupplier without the "Organization: " prefix */
	const char *brought_by; /* who brought it into this system (the subcontractor, project
				   or owner; "A > B > C" through layers): CycloneDX property
				   "secspec:brought-by"; SPDX annotation or PackageComment line
				   "secspec:brought-by: ..." */
	const char *repository; /* externalReferences type "vcs" / SPDX PackageDownloadLocation
				   (not NOASSERTION/NONE) */
	const char *hashes;     /* JSON object {"SHA-256": "hex", ...}: algorithm names as
				   CycloneDX spells them (MD5, SHA-1, SHA-256, SHA-384, SHA-512,
				   SHA3-256, SHA3-512, BLAKE2b-256, ...), hex lowercase */
	const char *file;       /* a path in the delivered tree when the SBOM names one (SPDX
				   fileName without "./"; CycloneDX evidence.occurrences[0].location
				   or property "secspec:file"); NULL otherwise */
	const char *scope;      /* CycloneDX required / optional / excluded */
	/* for software that is not FOSS (the seed's management items): */
	const char *vuln_contact; /* externalReferences "security-contact" / "advisories" URL */
	const char *end_of_life;  /* property "secspec:end-of-life" (a date) */
	const char *support;      /* property "secspec:support": "paid", "free" or "none" */
} ss_sink_component;

/* One dependency edge: CycloneDX dependencies[].dependsOn, SPDX DEPENDS_ON /
 * DEPENDENCY_OF / CONTAINS / CONTAINED_BY (turned to from -> to). */
typedef struct {
	const char *from, *to;
	const char *kind; /* "depends" or "contains" */
} ss_sink_dependency;

typedef struct ss_sbom_sink ss_sbom_sink;
struct ss_sbom_sink {
	void *ctx;
	int (*sbom)(ss_sbom_sink *s, const ss_sink_sbom *row);
	int (*component)(ss_sbom_sink *s, const ss_sink_component *row);
	int (*dependency)(ss_sbom_sink *s, const ss_sink_dependency *row);
};

/*
 * The SBOM importers. Each reads one file in one pass (ss_input) and hands
 * every component, every dependency, then the document, to out. Refused,
 * with SS_EPARSE and a message naming the file, the field (a JSON pointer
 * such as /components/3/type, or the XML element, or the tag-value line) and
 * the position: what the format's schema refuses (a missing required field,
 * a value outside an enumeration, a malformed hash or serial number), a
 * duplicate ref, a dependency naming a ref the document does not hold.
 * Limits: SS_ELIMIT naming the limit. info gets {name, version, counts}.
 */
int ss_format_cyclonedx_json(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim,
			     json_t *info);
int ss_format_cyclonedx_xml(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim,
			    json_t *info);
int ss_format_spdx_json(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_spdx_tv(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);

extern const ss_import_limits ss_sbom_limits;

/* ---- advisories --------------------------------------------------------- */

/* One advisory: an OSV record, an NVD CVE, a JVN VULDEF entry, a CSAF
 * document's vulnerability. */
typedef struct {
	const char *id;      /* GO-2022-0001, RUSTSEC-2021-0001, CVE-2023-0001, JVNDB-2022-000097 */
	const char *source;  /* "osv", "nvd", "jvn", "csaf" */
	const char *aliases; /* JSON array of text: the other ids of the same flaw (OSV aliases,
				JVN's CVE references, CSAF cve); "[]" when none */
	const char *summary; /* one line, English (JVN: the Japanese title) */
	const char *details; /* text (JVN: the Japanese overview) */
	const char *lang;    /* "en" or "ja" */
	const char *published, *modified; /* RFC 3339 as given */
	const char *withdrawn;            /* OSV withdrawn / NVD vulnStatus "Rejected" time;
					     the importer hands it, core drops the record */
	const char *severity;             /* JSON array of {"type":"CVSS_V3"|"CVSS_V4"|"CVSS_V2",
					     "vector":"CVSS:3.1/...", "score": number or absent} */
	const char *cwes;                 /* JSON array of text "CWE-89" */
	const char *references;           /* JSON array of URLs (at most 64) */
} ss_sink_advisory;

/*
 * What one advisory affects, handed right after it. OSV: one row per
 * affected[] entry, ranges and versions as the OSV schema has them. NVD and
 * JVN and CSAF: one row per CPE match (ecosystem "cpe").
 */
typedef struct {
	const char *advisory;  /* the id of the advisory handed last */
	const char *ecosystem; /* OSV ecosystem as given ("Go", "crates.io", "npm", "PyPI",
				  "Maven", "Debian:12", ...), or "cpe" */
	const char *package;   /* the name in the ecosystem; for "cpe": "vendor:product" */
	const char *purl;      /* OSV package.purl when given */
	const char *ranges;    /* JSON array. OSV: its ranges[] unchanged ({type, events[],
				  repo?}); cpe: one {"type":"CPE","criteria":"cpe:2.3:...",
				  "start_including"|"start_excluding":v, "end_including"|
				  "end_excluding":v} (absent bounds left out); "[]" when none */
	const char *versions;  /* JSON array of text: OSV versions[] ("[]" when none) */
	int vulnerable;        /* NVD cpeMatch vulnerable; 1 for OSV */
} ss_sink_affected;

/* FIRST.org EPSS (the daily CSV): one row per CVE. */
typedef struct {
	const char *cve;
	double epss, percentile; /* 0..1 */
	const char *date;        /* the score_date of the file's comment line, "YYYY-MM-DD" */
} ss_sink_epss;

/* CISA Known Exploited Vulnerabilities (the JSON catalog): one row per CVE. */
typedef struct {
	const char *cve, *vendor, *product, *name;
	const char *date_added, *due_date; /* "YYYY-MM-DD" */
	const char *ransomware;            /* "Known" / "Unknown" */
	const char *catalog_version;       /* the catalog's catalogVersion */
} ss_sink_kev;

typedef struct ss_vuln_sink ss_vuln_sink;
struct ss_vuln_sink {
	void *ctx;
	int (*advisory)(ss_vuln_sink *s, const ss_sink_advisory *row);
	int (*affected)(ss_vuln_sink *s, const ss_sink_affected *row);
	int (*epss)(ss_vuln_sink *s, const ss_sink_epss *row);
	int (*kev)(ss_vuln_sink *s, const ss_sink_kev *row);
};

/*
 * The advisory importers. OSV: one record file (.json), a directory of them
 * (walked in name order, not following links), or an osv.dev
 * "<ecosystem>-all.zip" (entries read through libarchive with the caps:
 * entries, bytes of each entry and of all, compression ratio; an entry that
 * is not a regular .json file skipped). NVD: the CVE API 2.0 answer
 * ({"vulnerabilities": [...]}, plain or gzip), streamed. JVN: VULDEF 3.2
 * (getVulnDetailInfo answers and the detail data feed; Japanese kept). CSAF
 * 2.0: one document (its product tree resolved to CPEs and purls).
 */
int ss_format_osv(ss_vuln_sink *out, const char *path, const ss_import_limits *lim, json_t *info);
int ss_format_nvd(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_jvn(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_csaf(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);

int ss_format_epss(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);
int ss_format_kev(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info);

extern const ss_import_limits ss_osv_limits, ss_nvd_limits, ss_jvn_limits, ss_csaf_limits,
	ss_epss_limits, ss_kev_limits;

#endif
