// SPDX-License-Identifier: GPL-2.0
/*
 * json.c - a tiny streaming JSON writer.
 */
#include <inttypes.h>
#include <string.h>

#include "json.h"

size_t json_utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	size_t len, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	/* no overlong forms, no surrogates, nothing above U+10FFFF */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if (p[k] < 0x80 || p[k] > 0xbf)
			return 0;
	return len;
}

void json_write_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	fputc('"', f);
	while (*p) {
		switch (*p) {
		case '"':  fputs("\\\"", f); p++; continue;
		case '\\': fputs("\\\\", f); p++; continue;
		case '\b': fputs("\\b", f); p++; continue;
		case '\f': fputs("\\f", f); p++; continue;
		case '\n': fputs("\\n", f); p++; continue;
		case '\r': fputs("\\r", f); p++; continue;
		case '\t': fputs("\\t", f); p++; continue;
		default:
			break;
		}
		if (*p < 0x20 || *p == 0x7f) {
			fprintf(f, "\\u%04x", *p);
			p++;
			continue;
		}
		n = json_utf8_len(p, strnlen((const char *)p, 4));
		if (!n) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		fwrite(p, 1, n, f);
		p += n;
	}
	fputc('"', f);
}

bool json_pretty;

void json_init(struct json *j, FILE *f)
{
	*j = (struct json){ .f = f, .pretty = json_pretty };
}

/* -p: a new line, indented to @depth */
static void newline(struct json *j, int depth)
{
	if (!j->pretty)
		return;
	fputc('\n', j->f);
	fprintf(j->f, "%*s", 4 * depth, "");
}

/* separator and sanity checks before any value */
static void value_prefix(struct json *j)
{
	if (j->in_object[j->depth] && !j->after_key)
		j->misuse = true;	/* value without key in an object */
	if (!j->after_key && j->need_comma[j->depth])
		fputc(',', j->f);
	if (!j->after_key && j->depth > 0)
		newline(j, j->depth);
	j->need_comma[j->depth] = true;
	j->after_key = false;
}

static void open_(struct json *j, char c, bool obj)
{
	value_prefix(j);
	if (j->depth >= JSON_MAXDEPTH) {
		j->misuse = true;
		return;
	}
	fputc(c, j->f);
	j->depth++;
	j->need_comma[j->depth] = false;
	j->in_object[j->depth] = obj;
}

static void close_(struct json *j, char c, bool obj)
{
	if (j->depth == 0 || j->in_object[j->depth] != obj || j->after_key) {
		j->misuse = true;
		return;
	}
	if (j->need_comma[j->depth])	/* not empty */
		newline(j, j->depth - 1);
	fputc(c, j->f);
	j->depth--;
}

void json_begin_array(struct json *j)  { open_(j, '[', false); }
void json_end_array(struct json *j)    { close_(j, ']', false); }
void json_begin_object(struct json *j) { open_(j, '{', true); }
void json_end_object(struct json *j)   { close_(j, '}', true); }

void json_key(struct json *j, const char *key)
{
	if (!j->in_object[j->depth] || j->after_key) {
		j->misuse = true;
		return;
	}
	if (j->need_comma[j->depth])
		fputc(',', j->f);
	newline(j, j->depth);
	j->need_comma[j->depth] = true;
	json_write_string(j->f, key);
	fputs(j->pretty ? ": " : ":", j->f);
	j->after_key = true;
}

void json_string(struct json *j, const char *s)
{
	value_prefix(j);
	json_write_string(j->f, s);
}

void json_u64(struct json *j, uint64_t v)
{
	value_prefix(j);
	fprintf(j->f, "%" PRIu64, v);
}

void json_bool(struct json *j, bool v)
{
	value_prefix(j);
	fputs(v ? "true" : "false", j->f);
}

void json_null(struct json *j)
{
	value_prefix(j);
	fputs("null", j->f);
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_u64(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_u64(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

int json_finish(struct json *j)
{
	if (j->depth != 0 || j->after_key)
		j->misuse = true;
	fputc('\n', j->f);
	if (fflush(j->f) || ferror(j->f))
		return -1;
	return j->misuse ? -1 : 0;
}
