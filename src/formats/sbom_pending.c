/* TEMPORARY: importers not merged yet. */
#include "formats/sbom.h"
#include "util/util.h"
#define PENDING(name, ...) int name(__VA_ARGS__) { return ss_error_set(SS_ERROR, #name " is not built yet"); }
const ss_import_limits ss_nvd_limits = {.bytes = 512u << 20}, ss_jvn_limits = {.bytes = 512u << 20}, ss_csaf_limits = {.bytes = 64u << 20};
int ss_format_nvd(ss_vuln_sink *o, ss_input *i, const ss_import_limits *l, json_t *f) { (void)o; (void)i; (void)l; (void)f; return ss_error_set(SS_ERROR, "pending"); }
int ss_format_jvn(ss_vuln_sink *o, ss_input *i, const ss_import_limits *l, json_t *f) { (void)o; (void)i; (void)l; (void)f; return ss_error_set(SS_ERROR, "pending"); }
int ss_format_csaf(ss_vuln_sink *o, ss_input *i, const ss_import_limits *l, json_t *f) { (void)o; (void)i; (void)l; (void)f; return ss_error_set(SS_ERROR, "pending"); }
