/*
 * YAML to jansson, via libyaml's event parser.
 *
 * secspec's catalog files are plain data: mappings, sequences and string
 * scalars. Everything else YAML can express (anchors, aliases, tags,
 * multiple documents, complex keys) is refused so that what a reviewer reads
 * is exactly what is loaded.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "util/util.h"
#include "util/banned.h"

/*
 * Memory follows the file's size: every value costs a JSON node and every
 * mapping or sequence a container, so a file may hold at most a value per
 * 8 bytes and a container per 32 bytes (plus a small allowance). The
 * catalogs hold one value per 27 bytes or more and one container per 80 or
 * more; 4 MB of "- {}" would otherwise build half a gigabyte of objects.
 */
#define NODES_PER_BYTE_SHIFT 3
#define CONTAINERS_PER_BYTE_SHIFT 5

struct loader {
	yaml_parser_t parser;
	const char *path;
	int max_depth;
	size_t nodes_left, containers_left;
};

/* what: an English message marked with N_(), translated here */
static int fail_at(struct loader *l, const yaml_mark_t *m, int code, const char *what)
{
	return ss_error_set(code, "%s:%zu:%zu: %s", l->path, m->line + 1, m->column + 1, _(what));
}

static int next(struct loader *l, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&l->parser, ev)) {
		const yaml_mark_t *m = &l->parser.problem_mark;

		return ss_error_set(
			SS_EPARSE, "%s:%zu:%zu: YAML syntax error: %s%s%s", l->path, m->line + 1,
			m->column + 1, l->parser.problem ? l->parser.problem : _("unknown problem"),
			l->parser.context ? " " : "", l->parser.context ? l->parser.context : "");
	}
	return 0;
}

static int check_plain(struct loader *l, const yaml_event_t *ev)
{
	const unsigned char *anchor = NULL, *tag = NULL;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	case YAML_ALIAS_EVENT:
		return fail_at(l, &ev->start_mark, SS_EPARSE, N_("aliases are not allowed"));
	default:
		break;
	}
	if (anchor)
		return fail_at(l, &ev->start_mark, SS_EPARSE, N_("anchors are not allowed"));
	if (tag)
		return fail_at(l, &ev->start_mark, SS_EPARSE, N_("tags are not allowed"));
	return 0;
}

static int node(struct loader *l, yaml_event_t *ev, json_t **out, int depth);

static int scalar(struct loader *l, yaml_event_t *ev, json_t **out)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;

	if (memchr(v, '\0', len))
		return fail_at(l, &ev->start_mark, SS_EPARSE, N_("NUL character in a value"));
	if (!(*out = json_stringn(v, len)))
		return fail_at(l, &ev->start_mark, SS_EPARSE, N_("value is not valid UTF-8"));
	return 0;
}

static int mapping(struct loader *l, yaml_event_t *start, json_t **out, int depth)
{
	json_t *map = json_object(), *val = NULL;
	yaml_event_t ev;
	int error = 0;

	if (!map) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_object_set_new(map, "__line", json_integer((json_int_t)start->start_mark.line + 1));
	for (;;) {
		char key[256], line_key[260];
		size_t line;

		if ((error = next(l, &ev)) < 0)
			goto out;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if ((error = check_plain(l, &ev)) < 0) {
			yaml_event_delete(&ev);
			goto out;
		}
		if (ev.type != YAML_SCALAR_EVENT || ev.data.scalar.length == 0 ||
		    ev.data.scalar.length >= sizeof(key) || ev.data.scalar.value[0] == '_' ||
		    memchr(ev.data.scalar.value, '\0', ev.data.scalar.length)) {
			error = fail_at(l, &ev.start_mark, SS_EPARSE,
					N_("mapping keys must be short plain names"));
			yaml_event_delete(&ev);
			goto out;
		}
		memcpy(key, ev.data.scalar.value, ev.data.scalar.length);
		key[ev.data.scalar.length] = '\0';
		line = ev.start_mark.line + 1;
		if (json_object_get(map, key)) {
			error = fail_at(l, &ev.start_mark, SS_EPARSE, N_("duplicate key"));
			yaml_event_delete(&ev);
			goto out;
		}
		yaml_event_delete(&ev);
		if ((error = next(l, &ev)) < 0)
			goto out;
		error = node(l, &ev, &val, depth + 1);
		yaml_event_delete(&ev);
		if (error < 0)
			goto out;
		json_object_set_new(map, key, val);
		/* the key's line beside it ("__L" + key): no second object */
		snprintf(line_key, sizeof(line_key), "__L%s", key);
		json_object_set_new(map, line_key, json_integer((json_int_t)line));
		val = NULL;
	}
	*out = map;
	map = NULL;
out:
	json_decref(map);
	return error;
}

static int sequence(struct loader *l, json_t **out, int depth)
{
	json_t *arr = json_array(), *val = NULL;
	yaml_event_t ev;
	int error = 0;

	if (!arr)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (;;) {
		if ((error = next(l, &ev)) < 0)
			goto out;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		error = node(l, &ev, &val, depth + 1);
		yaml_event_delete(&ev);
		if (error < 0)
			goto out;
		json_array_append_new(arr, val);
		val = NULL;
	}
	*out = arr;
	arr = NULL;
out:
	json_decref(arr);
	return error;
}

static int node(struct loader *l, yaml_event_t *ev, json_t **out, int depth)
{
	int error;

	if ((error = check_plain(l, ev)) < 0)
		return error;
	if (depth > l->max_depth)
		return fail_at(l, &ev->start_mark, SS_ELIMIT, N_("nested too deeply"));
	if (l->nodes_left == 0 ||
	    ((ev->type == YAML_MAPPING_START_EVENT || ev->type == YAML_SEQUENCE_START_EVENT) &&
	     l->containers_left == 0))
		return fail_at(l, &ev->start_mark, SS_ELIMIT,
			       N_("more values, mappings or lists than a file of this size may "
				  "hold (one value per 8 bytes, one mapping or list per 32)"));
	l->nodes_left--;
	if (ev->type == YAML_MAPPING_START_EVENT || ev->type == YAML_SEQUENCE_START_EVENT)
		l->containers_left--;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return scalar(l, ev, out);
	case YAML_MAPPING_START_EVENT:
		return mapping(l, ev, out, depth);
	case YAML_SEQUENCE_START_EVENT:
		return sequence(l, out, depth);
	default:
		return fail_at(l, &ev->start_mark, SS_EPARSE, N_("unexpected YAML event"));
	}
}

int ss_yaml_load(json_t **out, const char *path, size_t max_bytes, int max_depth)
{
	ss_buf data = SS_BUF_INIT(0);
	struct loader l = {.path = path, .max_depth = max_depth};
	json_t *root = NULL;
	yaml_event_t ev;
	int error, inited = 0;

	if (!out || !path)
		return ss_error_set(SS_EINVAL, "ss_yaml_load: NULL argument");
	data.max = max_bytes;
	if ((error = ss_file_read(&data, path, max_bytes)) < 0)
		goto out;
	if (!yaml_parser_initialize(&l.parser)) {
		error = ss_error_set(SS_ENOMEM, "cannot start the YAML parser");
		goto out;
	}
	inited = 1;
	l.nodes_left = 1024 + (data.len >> NODES_PER_BYTE_SHIFT);
	l.containers_left = 256 + (data.len >> CONTAINERS_PER_BYTE_SHIFT);
	yaml_parser_set_input_string(&l.parser, (const unsigned char *)data.ptr, data.len);

	/* stream start, document start */
	if ((error = next(&l, &ev)) < 0)
		goto out;
	yaml_event_delete(&ev);
	if ((error = next(&l, &ev)) < 0)
		goto out;
	if (ev.type != YAML_DOCUMENT_START_EVENT) {
		error = fail_at(&l, &ev.start_mark, SS_EPARSE,
				N_("the file holds no YAML document"));
		yaml_event_delete(&ev);
		goto out;
	}
	yaml_event_delete(&ev);
	if ((error = next(&l, &ev)) < 0)
		goto out;
	error = node(&l, &ev, &root, 0);
	yaml_event_delete(&ev);
	if (error < 0)
		goto out;
	if ((error = next(&l, &ev)) < 0)
		goto out;
	yaml_event_delete(&ev); /* document end */
	if ((error = next(&l, &ev)) < 0)
		goto out;
	if (ev.type != YAML_STREAM_END_EVENT) {
		error = fail_at(&l, &ev.start_mark, SS_EPARSE,
				N_("only one YAML document per file is allowed"));
		yaml_event_delete(&ev);
		goto out;
	}
	yaml_event_delete(&ev);
	*out = root;
	root = NULL;
out:
	if (inited)
		yaml_parser_delete(&l.parser);
	json_decref(root);
	ss_buf_release(&data);
	return error;
}

int ss_yaml_line(const json_t *obj, const char *key)
{
	char line_key[260];
	json_t *l;

	snprintf(line_key, sizeof(line_key), "__L%s", key ? key : "");
	if (key && *key && (l = json_object_get(obj, line_key)) != NULL)
		return (int)json_integer_value(l);
	return (int)json_integer_value(json_object_get(obj, "__line"));
}

size_t ss_yaml_size(const json_t *obj)
{
	const char *key;
	json_t *v;
	size_t n = 0;

	json_object_foreach((json_t *)obj, key, v) {
		(void)v;
		n += strncmp(key, "__", 2) != 0;
	}
	return n;
}
