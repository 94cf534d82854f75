/* Rendering a model: the json format, or the document through an emitter. */
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

int ss_render(ss_buf *out, const json_t *model, const char *format, const char *lang)
{
	ss_doc d = {.m = model, .lang = lang, .out = out};

	if (!out || !model || !format || !lang)
		return ss_error_set(SS_EINVAL, "ss_render: NULL argument");
	if (strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
		return ss_error_set(SS_EINVAL, "--lang must be ja or en, not '%.20s'", lang);
	if (strcmp(format, "json") == 0) {
		int error = ss_json_canonical(out, model);

		return error < 0 ? error : ss_buf_putc(out, '\n');
	}
	if (strcmp(format, "md") == 0)
		d.em = &ss_emitter_md;
	else if (strcmp(format, "html") == 0)
		d.em = &ss_emitter_html;
	if (d.em)
		return ss_render_doc(&d);
	if (strcmp(format, "xlsx") == 0)
		return ss__render_xlsx(&d);
	if (strcmp(format, "oscal-ssp") == 0)
		return ss__render_oscal_ssp(&d);
	if (strcmp(format, "oscal-poam") == 0)
		return ss__render_oscal_poam(&d);
	if (strcmp(format, "csv") == 0)
		return ss__render_csv(&d);
	return ss_error_set(SS_EINVAL,
			    "--format must be md, html, json, xlsx, csv, oscal-ssp or oscal-poam, "
			    "not '%.20s'",
			    format);
}
