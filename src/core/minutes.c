/* Minutes of meetings (議事録) with attachments stored once by content hash. */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

#define ATTACHMENT_MAX SS_ATTACHMENT_MAX

static int text_list(json_t **out, const char *field, const char *const *v, size_t n, size_t max,
		     bool multiline)
{
	json_t *arr = json_array();
	size_t i;
	int error;

	if (n > SS_LIST_MAX) {
		json_decref(arr);
		return ss_error_set(SS_ELIMIT, "%s: at most %d", field, SS_LIST_MAX);
	}
	for (i = 0; i < n; i++) {
		if ((error = ss_text_check(field, v[i], max, multiline)) < 0) {
			json_decref(arr);
			return error;
		}
		json_array_append_new(arr, json_string(v[i]));
	}
	*out = arr;
	return 0;
}

/* An attachment by reference: a plain file name and a SHA-256 in hex. */
static int ref_check(const ss_attachment_ref *a)
{
	const char *h = a->sha256;
	int error;

	if ((error = ss_text_check(_("attachment name"), a->name, SS_NAME_MAX, false)) < 0)
		return error;
	if (!a->name[0] || strchr(a->name, '/') || strchr(a->name, '\\') ||
	    strcmp(a->name, ".") == 0 || strcmp(a->name, "..") == 0)
		return ss_error_set(SS_EINVAL,
				    "attachment name '%.100s' must be a file name, without a "
				    "directory",
				    a->name);
	if (!h || strlen(h) != SS_SHA256_HEX - 1 ||
	    strspn(h, "0123456789abcdef") != SS_SHA256_HEX - 1)
		return ss_error_set(SS_EINVAL,
				    "an attachment's sha256 must be 64 lowercase hex characters");
	return 0;
}

int ss_minutes_add(json_t **out, ss_store *st, const char *project, const ss_minutes_input *in,
		   const char *by)
{
	json_t *attendees = NULL, *topics = NULL, *items = NULL, *files = NULL, *existing = NULL;
	json_t *m = NULL, *r = NULL;
	ss_buf data = SS_BUF_INIT(ATTACHMENT_MAX);
	char id[32], hash[SS_SHA256_HEX];
	ss_write w = {0};
	size_t i;
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_minutes_add: NULL argument");
	if (!in->date || !ss_date_valid(in->date))
		return ss_error_set(SS_EINVAL, "--date must be the meeting's date, YYYY-MM-DD");
	if (in->title && (error = ss_text_check("--title", in->title, SS_NAME_MAX, false)) < 0)
		return error;
	if (in->nattendees == 0)
		return ss_error_set(SS_EINVAL, "name the attendees with --attendee PERSON");
	if (in->nattachments + in->nattached > SS_LIST_MAX ||
	    in->nattached > SS_LIST_MAX) /* the sum may wrap */
		return ss_error_set(SS_ELIMIT, "--attach: at most %d files", SS_LIST_MAX);
	if (in->nattached && !in->attached)
		return ss_error_set(SS_EINVAL, "ss_minutes_add: NULL argument");
	for (i = 0; i < in->nattached; i++)
		if ((error = ref_check(&in->attached[i])) < 0)
			return error;
	if ((error = text_list(&attendees, "--attendee", in->attendees, in->nattendees, SS_NAME_MAX,
			       false)) < 0 ||
	    (error = text_list(&topics, "--topic", in->topics, in->ntopics, SS_TEXT_MAX, true)) <
		    0 ||
	    (error = text_list(&items, "--item", in->items, in->nitems, SS_NAME_MAX, false)) < 0)
		goto out;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_MINUTES)) < 0)
		goto out;
	for (i = 0; i < in->nattendees; i++) {
		if ((error = ss_state_member(&m, st, w.pid, in->attendees[i])) < 0)
			goto out;
		json_decref(m);
		m = NULL;
	}
	for (i = 0; i < in->nitems; i++) {
		if ((error = ss_state_requirement(
			     &r, st, w.pid, ss_js(w.project, "catalog_version"), in->items[i])) < 0)
			goto out;
		json_decref(r);
		r = NULL;
	}
	files = json_array();
	for (i = 0; i < in->nattachments; i++) {
		const char *name = ss_base_name(in->attachments[i]);

		ss_buf_clear(&data);
		if ((error = ss_text_check(_("attachment name"), name, SS_NAME_MAX, false)) < 0 ||
		    (error = ss_file_read(&data, in->attachments[i], ATTACHMENT_MAX)) < 0)
			goto out;
		ss_sha256_hex(hash, data.ptr, data.len);
		if ((error = ss_blob_put(st, hash, data.ptr, data.len)) < 0 ||
		    (error = ss_blob_hold(st, w.pid, hash)) < 0)
			goto out;
		json_array_append_new(files, json_pack("{s:s, s:s, s:I}", "name", name, "sha256",
						       hash, "size", (json_int_t)data.len));
	}
	/* by reference: only what this project holds, at its stored size */
	for (i = 0; i < in->nattached; i++) {
		int64_t size = 0;

		if ((error = ss_blob_held(&size, st, w.pid, in->attached[i].sha256)) < 0)
			goto out;
		json_array_append_new(
			files, json_pack("{s:s, s:s, s:I}", "name", in->attached[i].name, "sha256",
					 in->attached[i].sha256, "size", (json_int_t)size));
	}
	if ((error = ss_state_minutes(&existing, st, w.pid)) < 0)
		goto out;
	snprintf(id, sizeof(id), "M-%04zu", json_array_size(existing) + 1);
	if ((error = ss_write__event(&w, "minutes.add",
				     json_pack("{s:s, s:s, s:s*, s:O, s:O, s:O, s:O}", "id", id,
					       "date", in->date, "title", in->title, "attendees",
					       attendees, "topics", topics, "items", items,
					       "attachments", files))) < 0)
		goto out;
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:O}", "project", project, "id", id, "attachments", files);
out:
	ss_write__release(&w);
	ss_buf_release(&data);
	json_decref(attendees);
	json_decref(topics);
	json_decref(items);
	json_decref(files);
	json_decref(existing);
	json_decref(m);
	json_decref(r);
	return error;
}

int ss_minutes_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_minutes_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	error = ss_state_minutes(out, st, ss_ji(key, "id"));
	json_decref(key);
	return error;
}

int ss_attachment_get(ss_buf *out, ss_store *st, const char *sha256)
{
	if (!out || !st || !sha256)
		return ss_error_set(SS_EINVAL, "ss_attachment_get: NULL argument");
	return ss_blob_get(out, st, sha256);
}

int ss_attachment_put(char sha256_out[65], ss_store *st, const char *project, const char *by,
		      const void *data, size_t len)
{
	char hash[SS_SHA256_HEX];
	ss_write w = {0};
	int error;

	if (!sha256_out || !st || (!data && len))
		return ss_error_set(SS_EINVAL, "ss_attachment_put: NULL argument");
	if (len > ATTACHMENT_MAX)
		return ss_error_set(SS_ELIMIT, "the attachment is larger than %zu bytes",
				    ATTACHMENT_MAX);
	ss_sha256_hex(hash, data ? data : "", len);
	/* whoever may record minutes may store their files; nothing is appended */
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_MINUTES)) < 0)
		return error;
	if ((error = ss_blob_put(st, hash, data ? data : "", len)) == 0 &&
	    (error = ss_blob_hold(st, w.pid, hash)) == 0 && (error = ss_write__commit(&w)) == 0)
		memcpy(sha256_out, hash, SS_SHA256_HEX);
	ss_write__release(&w);
	return error;
}
