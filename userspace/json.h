/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json.h - a tiny streaming JSON writer (compact output, no allocation).
 */
#ifndef VNETFABCTL_JSON_H
#define VNETFABCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_MAXDEPTH	16

/* iproute2's -p: JSON indented by four spaces, one value a line */
extern bool json_pretty;

struct json {
	FILE *f;
	bool pretty;		/* json_pretty when it was started */
	int depth;
	bool need_comma[JSON_MAXDEPTH + 1];
	bool after_key;
	bool misuse;	/* unbalanced nesting, too deep, key outside object */
	bool in_object[JSON_MAXDEPTH + 1];
};

void json_init(struct json *j, FILE *f);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_u64(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* key/value shorthands, for use inside an object */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_u64(struct json *j, const char *key, uint64_t v);
void json_kv_bool(struct json *j, const char *key, bool v);

/*
 * Ends the document with a newline. Returns 0, or -1 when the writer was
 * misused (nesting not closed, too deep, ...) or the stream had an error.
 */
int json_finish(struct json *j);

/*
 * Writes @s as a quoted JSON string: '"' and '\\' escaped, control
 * characters as \b \f \n \r \t or \u00XX, DEL as \u007f, and every byte
 * that is not part of valid UTF-8 as \ufffd, so the output is always
 * valid JSON whatever bytes a device name holds.
 */
void json_write_string(FILE *f, const char *s);

/*
 * The length (1..4) of the valid UTF-8 sequence at @p, of at most @n
 * bytes (@n >= 1), or 0: no overlong form, surrogate, or code point
 * above U+10FFFF.
 */
size_t json_utf8_len(const unsigned char *p, size_t n);

#endif /* VNETFABCTL_JSON_H */
