/*
 * The OpenAPI 3.1 document of secspec serve, made from the route table: the
 * fields a route's body and query accept are the ones the dispatcher checks,
 * so the description and the server cannot disagree.
 */
#include <stdio.h>
#include <string.h>

#include "http.h"

static json_t *field_schema(const http_field *f)
{
	json_t *s;

	switch (f->type) {
	case HF_INT:
		s = json_pack("{s:s}", "type", "integer");
		break;
	case HF_BOOL:
		s = json_pack("{s:s}", "type", "boolean");
		break;
	case HF_STRINGS:
		s = json_pack("{s:s, s:{s:s, s:i}, s:I}", "type", "array", "items", "type",
			      "string", "maxLength", 20000, "maxItems",
			      (json_int_t)(f->max ? f->max : 1000));
		break;
	case HF_FILES:
		s = json_pack("{s:s, s:{s:s, s:{s:{s:s, s:i, s:i}, s:{s:s, s:s}}, s:[s, s], s:b}, "
			      "s:I}",
			      "type", "array", "items", "type", "object", "properties", "name",
			      "type", "string", "minLength", 1, "maxLength", 200, "sha256", "type",
			      "string", "pattern", "^[0-9a-f]{64}$", "required", "name", "sha256",
			      "additionalProperties", 0, "maxItems",
			      (json_int_t)(f->max ? f->max : 1000));
		break;
	default:
		s = json_pack("{s:s, s:I}", "type", "string", "maxLength",
			      (json_int_t)(f->max ? f->max : 20000));
		if (f->enumv) {
			json_t *e = json_array();
			const char *a = f->enumv;

			while (a && *a) {
				size_t n = strcspn(a, "|");

				json_array_append_new(e, json_stringn(a, n));
				a = a[n] ? a + n + 1 : NULL;
			}
			json_object_set_new(s, "enum", e);
		}
	}
	if (f->desc)
		json_object_set_new(s, "description", json_string(f->desc));
	return s;
}

static json_t *body_schema(const http_field *fields)
{
	json_t *props = json_object(), *req = json_array();
	const http_field *f;

	for (f = fields; f->name; f++) {
		json_object_set_new(props, f->name, field_schema(f));
		if (f->required)
			json_array_append_new(req, json_string(f->name));
	}
	return json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props, "required",
			 req, "additionalProperties", 0);
}

static json_t *parameters(const http_route *r)
{
	json_t *ps = json_array();
	const char *p = r->pattern;
	const http_field *f;

	while ((p = strchr(p, '{'))) {
		const char *e = strchr(p, '}');

		json_array_append_new(ps, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", p + 1,
						    (size_t)(e - p - 1), "in", "path", "required",
						    1, "schema", "type", "string"));
		p = e;
	}
	for (f = r->query; f && f->name; f++)
		json_array_append_new(ps, json_pack("{s:s, s:s, s:b, s:o}", "name", f->name, "in",
						    "query", "required", f->required, "schema",
						    field_schema(f)));
	json_array_append_new(ps, json_pack("{s:s}", "$ref", "#/components/parameters/lang"));
	return ps;
}

static json_t *responses(const http_route *r)
{
	json_t *rs = json_object();
	const char *s = r->ok;
	char code[4];

	while (s && *s) {
		size_t n = strcspn(s, " ");
		const char *what = "";

		snprintf(code, sizeof(code), "%.*s", (int)(n < 3 ? n : 3), s);
		if (strcmp(code, "200") == 0 || strcmp(code, "201") == 0)
			what = "done";
		else if (strcmp(code, "202") == 0)
			what = "checked, not written: sign the bodies and send them back";
		else if (strcmp(code, "409") == 0)
			what = "the log moved: sign the fresh bodies";
		json_object_set_new(rs, code,
				    strcmp(code, "202") == 0 || strcmp(code, "409") == 0
					    ? json_pack("{s:s, s:{s:{s:{s:s}}}}", "description",
							what, "content", "application/json",
							"schema", "$ref",
							"#/components/schemas/SignRequest")
					    : json_pack("{s:s}", "description", what));
		s += n;
		while (*s == ' ')
			s++;
	}
	json_object_set_new(rs, "default",
			    json_pack("{s:s, s:{s:{s:{s:s}}}}", "description",
				      "an error: 400 bad input, 401 not logged in, 403 not "
				      "permitted or CSRF, 404 not found (or not a member), 413 too "
				      "large, 415 not JSON (or not octet-stream), 422 a rule of "
				      "the process, 429 throttled, 503 busy",
				      "content", "application/json", "schema", "$ref",
				      "#/components/schemas/Error"));
	return rs;
}

/* Everything but the paths: the API's description, its security schemes
 * (the session cookie and the CSRF header) and the shared schemas. */
static const char frame[] =
	"{\"openapi\": \"3.1.0\","
	" \"info\": {\"title\": \"secspec\", \"version\": \"\","
	"  \"description\": \"The security specification of a system-development contract, "
	"agreed between the user and the vendor, as a signed log. Changes are signed in the "
	"person's browser: a first request answers 202 with the event bodies to sign; the same "
	"request with the signatures appends them (201), or answers 409 with fresh bodies when "
	"the log moved meanwhile.\"},"
	" \"security\": [{\"session\": [], \"csrf\": []}],"
	" \"components\": {"
	"  \"securitySchemes\": {"
	"   \"session\": {\"type\": \"apiKey\", \"in\": \"cookie\", \"name\": \"secspec_session\","
	"    \"description\": \"the session cookie that POST /api/session sets\"},"
	"   \"csrf\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-CSRF-Token\","
	"    \"description\": \"the session's CSRF token, required on every POST and DELETE\"}},"
	"  \"parameters\": {\"lang\": {\"name\": \"lang\", \"in\": \"query\", \"required\": false,"
	"   \"description\": \"the language of messages (else the secspec_lang cookie, then "
	"Accept-Language)\", \"schema\": {\"type\": \"string\", \"enum\": [\"ja\", \"en\"]}}},"
	"  \"schemas\": {"
	"   \"Error\": {\"type\": \"object\", \"required\": [\"error\", \"code\", \"status\"],"
	"    \"properties\": {\"error\": {\"type\": \"string\"}, \"code\": {\"type\": \"string\"},"
	"     \"status\": {\"type\": \"integer\"}}},"
	"   \"SignRequest\": {\"type\": \"object\", \"required\": [\"sign\"],"
	"    \"properties\": {\"error\": {\"type\": \"string\"}, \"code\": {\"type\": \"string\"},"
	"     \"status\": {\"type\": \"integer\"},"
	"     \"sign\": {\"type\": \"object\", \"required\": [\"time\", \"fingerprint\", "
	"\"bodies\"],"
	"      \"properties\": {\"time\": {\"type\": \"string\"}, \"fingerprint\": {\"type\": "
	"\"string\"},"
	"       \"bodies\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}}}}}}";

int http_openapi(json_t **out)
{
	json_t *paths = json_object(), *doc;

	size_t i;

	for (i = 0; i < http_nroutes; i++) {
		const http_route *r = &http_routes[i];
		json_t *item, *op;
		char method[8];
		size_t k;

		if (r->flags & HTTP_HTML)
			continue;
		for (k = 0; r->method[k] && k < sizeof(method) - 1; k++)
			method[k] = (char)(r->method[k] | 0x20);
		method[k] = '\0';
		op = json_pack("{s:s, s:[s], s:o, s:o}", "summary", r->summary, "tags", r->tag,
			       "parameters", parameters(r), "responses", responses(r));
		if (r->flags & HTTP_RAW)
			json_object_set_new(
				op, "requestBody",
				json_pack(
					"{s:b, s:s, s:{s:{s:{s:s, s:s, s:s, s:I}}}}", "required", 1,
					"description",
					"the file's bytes as they are; at most 64 MiB "
					"(413 when more is announced), and a 503 while the server "
					"holds as many uploads as it may",
					"content", "application/octet-stream", "schema", "type",
					"string", "format", "binary", "contentMediaType",
					"application/octet-stream", "maxLength",
					(json_int_t)HTTP_RAW_MAX));
		else if (r->body)
			json_object_set_new(op, "requestBody",
					    json_pack("{s:b, s:{s:{s:o}}}", "required", 1,
						      "content", "application/json", "schema",
						      body_schema(r->body)));
		if (r->flags & HTTP_PUBLIC)
			json_object_set_new(op, "security", json_array());
		json_object_set_new(op, "x-secspec-access",
				    json_string(r->flags & HTTP_ADMIN     ? "admin"
						: r->flags & HTTP_PROJECT ? "member"
						: r->flags & HTTP_PUBLIC  ? "public"
									  : "session"));
		if (r->flags & HTTP_SIGNED)
			json_object_set_new(op, "x-secspec-signed", json_true());
		item = json_object_get(paths, r->pattern);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, r->pattern, item);
		}
		json_object_set_new(item, method, op);
	}
	doc = json_loads(frame, 0, NULL);
	if (!doc) {
		json_decref(paths);
		return ss_error_set(SS_ERROR, "the OpenAPI frame does not parse");
	}
	json_object_set_new(json_object_get(doc, "info"), "version", json_string(SECSPEC_VERSION));
	json_object_set_new(doc, "paths", paths);
	*out = doc;
	return 0;
}
