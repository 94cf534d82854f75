/* The negotiation's records (rules 3): what their writers share. */
#ifndef SS_CORE_NEGOTIATE_INT_H
#define SS_CORE_NEGOTIATE_INT_H

#include "core/core.h"

/*
 * Begin a write of one negotiation record of the given event type: the
 * write path checks that by is an active member allowed the type (the
 * permission table the rule book reads, its refusal naming the rule); the
 * rule book judges the rest before the event is appended.
 */
int ss__nego_begin(ss_write *w, ss_store *st, const char *project, const char *by,
		   const char *type);
/* The record that stands under key in one register of the negotiation, as
 * the write's rule book holds it (ss_rules_register): borrowed until the
 * event is appended. NULL when there is none. */
const json_t *ss__nego_record(const ss_write *w, const char *kind, const char *key);
/* A correction: with supersede, data.supersedes names current (the record
 * it replaces); SS_ENOTFOUND when there is none. Without, nothing: a second
 * record is the rule book's to refuse. what: "law L-1", for the message, in
 * the message language (the caller translates it). */
int ss__nego_supersedes(json_t *data, const json_t *current, bool supersede, const char *what);
/* Append the event (data stolen), commit, and set *out to a copy of data
 * with project and seq. The write is left for the caller to release. */
int ss__nego_append(json_t **out, ss_write *w, const char *project, const char *type, json_t *data);

/* The whole write of a record kept under data[field] in the register
 * kind: begin, the correction (--supersede) against the record that
 * stands, append, commit (data stolen). what names the record in
 * messages, translated ("law L-1", "the retention of A-1"). */
int ss__nego_set(json_t **out, ss_store *st, const char *project, const char *by, const char *type,
		 json_t *data, const char *kind, const char *field, bool supersede,
		 const char *what);

/* Friendly argument checks, naming the option: a value that must be given;
 * one of set (list: the choices, for the message); an identifier; a text
 * (NULL: not given, which is fine); a date YYYY-MM-DD. They translate opt,
 * what and list where they format them: callers mark a phrase (rather than
 * an option) given as opt with N_(); what and list are marked by keyword
 * (po/xgettext.opts). */
int ss__nego_need(const char *opt, const void *value, const char *what);
int ss__nego_pick(const char *opt, const char *value, const char *const *set, const char *list);
int ss__nego_name(const char *opt, const char *value);
int ss__nego_text(const char *opt, const char *value, bool multiline);
int ss__nego_date(const char *opt, const char *value);

#endif
