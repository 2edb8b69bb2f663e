// SPDX-License-Identifier: GPL-2.0
/*
 * jsonread.c - a small recursive-descent JSON reader.
 *
 * The tree is kept consistent at every step (a container counts the
 * child it is parsing, which starts as null), so that on any error
 * jr_free() of the root frees exactly what was built.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "jsonread.h"

struct parser {
	const char *s;
	size_t len, i;
	int depth;
	size_t values;
	char *err;
	size_t errlen;
	bool failed;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct parser *p, const char *fmt, ...)
{
	size_t k, line = 1, col = 1;
	int n = 0;
	va_list ap;

	if (p->failed)
		return -1;
	p->failed = true;
	for (k = 0; k < p->i && k < p->len; k++) {
		if (p->s[k] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	if (p->err && p->errlen)
		n = snprintf(p->err, p->errlen, "line %zu, column %zu: ", line,
			     col);
	if (p->err && n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void skip_ws(struct parser *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
				 p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

/* "unexpected 'x'" / "unexpected byte 0x01" / "unexpected end" */
static int unexpected(struct parser *p, const char *wanted)
{
	unsigned char c;

	if (p->i >= p->len)
		return fail(p, "unexpected end of the text (expected %s)", wanted);
	c = (unsigned char)p->s[p->i];
	if (c > 0x20 && c < 0x7f)
		return fail(p, "unexpected '%c' (expected %s)", c, wanted);
	return fail(p, "unexpected byte 0x%02x (expected %s)", c, wanted);
}


static int hex4(struct parser *p, unsigned int *v)
{
	unsigned int k, d;
	char c;

	*v = 0;
	for (k = 0; k < 4; k++) {
		if (p->i >= p->len)
			return unexpected(p, "4 hex digits after \\u");
		c = p->s[p->i];
		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return unexpected(p, "4 hex digits after \\u");
		*v = *v << 4 | d;
		p->i++;
	}
	return 0;
}

static size_t put_utf8(char *o, unsigned int cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* \uXXXX (p->i after the 'u'), a surrogate pair as one code point */
static int unicode_escape(struct parser *p, unsigned int *cp)
{
	unsigned int lo;

	if (hex4(p, cp))
		return -1;
	if (*cp >= 0xdc00 && *cp <= 0xdfff)
		return fail(p, "\\u%04x: a low surrogate without a high one", *cp);
	if (*cp >= 0xd800 && *cp <= 0xdbff) {
		if (p->i + 2 > p->len || p->s[p->i] != '\\' ||
		    p->s[p->i + 1] != 'u')
			return fail(p, "\\u%04x: a high surrogate without a low one",
				    *cp);
		p->i += 2;
		if (hex4(p, &lo))
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(p, "\\u%04x: a high surrogate without a low one",
				    *cp);
		*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (!*cp)
		return fail(p, "\\u0000 in a string is not supported");
	return 0;
}

/* a string, p->i on its opening quote: into a new buffer in *@out */
static int parse_string(struct parser *p, char **out)
{
	unsigned int cp;
	unsigned char c;
	size_t start = ++p->i, end = start, n;
	char *o;

	*out = NULL;
	/* its end first: the decoded string is never longer than the text */
	while (end < p->len && p->s[end] != '"')
		end += p->s[end] == '\\' ? 2 : 1;
	if (end >= p->len) {
		p->i = p->len;
		return fail(p, "unterminated string");
	}
	*out = o = malloc(end - start + 1);
	if (!o)
		return fail(p, "out of memory");
	while (p->s[p->i] != '"') {
		c = (unsigned char)p->s[p->i];
		if (c < 0x20)
			return fail(p, "control character 0x%02x in a string (escape it)",
				    c);
		if (c >= 0x80) {
			n = json_utf8_len((const unsigned char *)p->s + p->i,
				     end - p->i);
			if (!n)
				return fail(p, "invalid UTF-8 in a string");
			memcpy(o, p->s + p->i, n);
			o += n;
			p->i += n;
			continue;
		}
		p->i++;
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		c = (unsigned char)p->s[p->i++];
		switch (c) {
		case '"': case '\\': case '/': *o++ = (char)c; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (unicode_escape(p, &cp))
				return -1;
			o += put_utf8(o, cp);
			break;
		default:
			p->i--;
			return unexpected(p, "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u");
		}
	}
	*o = '\0';
	p->i++;
	return 0;
}

static bool digit(const struct parser *p)
{
	return p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9';
}

static int parse_number(struct parser *p, struct jr_value *v)
{
	/* a fraction or an exponent: a number, but not read as an integer */
	bool neg = false, overflow = false, frac = false;
	uint64_t u = 0;
	unsigned int d;

	v->type = JR_NUMBER;
	if (p->s[p->i] == '-') {
		neg = true;
		p->i++;
	}
	if (!digit(p))
		return unexpected(p, "a digit");
	if (p->s[p->i] == '0') {
		p->i++;
		if (digit(p))
			return fail(p, "a number with a leading zero");
	}
	while (digit(p)) {
		d = (unsigned int)(p->s[p->i++] - '0');
		if (u > (UINT64_MAX - d) / 10)
			overflow = true;
		else
			u = u * 10 + d;
	}
	if (p->i < p->len && p->s[p->i] == '.') {
		p->i++;
		if (!digit(p))
			return unexpected(p, "a digit after '.'");
		frac = true;
		while (digit(p))
			p->i++;
	}
	if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		frac = true;
		p->i++;
		if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!digit(p))
			return unexpected(p, "a digit in the exponent");
		while (digit(p))
			p->i++;
	}
	v->is_u64 = !overflow && !frac && (!neg || !u);
	v->u = v->is_u64 ? u : 0;
	return 0;
}

static int literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	if (p->len - p->i < n || memcmp(p->s + p->i, word, n))
		return unexpected(p, "a JSON value");
	p->i += n;
	return 0;
}

static int parse_value(struct parser *p, struct jr_value *v);

/* room for one more child of @v (items, and keys of an object) */
static int grow(struct parser *p, struct jr_value *v, size_t *cap)
{
	struct jr_value *nv;
	char **nk;
	size_t c;

	if (v->n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 4;
	nv = realloc(v->v, c * sizeof(*nv));
	if (!nv)
		return fail(p, "out of memory");
	v->v = nv;
	if (v->type == JR_OBJECT) {
		nk = realloc(v->keys, c * sizeof(*nk));
		if (!nk)
			return fail(p, "out of memory");
		v->keys = nk;
	}
	*cap = c;
	return 0;
}

/* an array or object, p->i on its '[' or '{' */
static int parse_container(struct parser *p, struct jr_value *v)
{
	bool obj = p->s[p->i] == '{';
	char close = obj ? '}' : ']';
	size_t cap = 0;
	char *key;

	if (++p->depth > JR_MAXDEPTH)
		return fail(p, "nested deeper than %d", JR_MAXDEPTH);
	v->type = obj ? JR_OBJECT : JR_ARRAY;
	p->i++;
	skip_ws(p);
	if (p->i < p->len && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return 0;
	}
	for (;;) {
		if (grow(p, v, &cap))
			return -1;
		key = NULL;
		if (obj) {
			if (p->i >= p->len || p->s[p->i] != '"')
				return unexpected(p, v->n ? "a string key" :
						  "a string key or '}'");
			if (parse_string(p, &key)) {
				free(key);
				return -1;
			}
		}
		/*
		 * counted (a null, with its key) before its value is parsed:
		 * jr_free() of the root frees what was built on any error
		 */
		memset(&v->v[v->n], 0, sizeof(v->v[0]));
		if (obj)
			v->keys[v->n] = key;
		v->n++;
		if (obj) {
			skip_ws(p);
			if (p->i >= p->len || p->s[p->i] != ':')
				return unexpected(p, "':'");
			p->i++;
		}
		if (parse_value(p, &v->v[v->n - 1]))
			return -1;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			p->i++;
			skip_ws(p);
			continue;
		}
		if (p->i < p->len && p->s[p->i] == close) {
			p->i++;
			p->depth--;
			return 0;
		}
		return unexpected(p, obj ? "',' or '}'" : "',' or ']'");
	}
}

static int parse_value(struct parser *p, struct jr_value *v)
{
	skip_ws(p);
	if (++p->values > JR_MAXVALUES)
		return fail(p, "more than %d values", JR_MAXVALUES);
	if (p->i >= p->len)
		return unexpected(p, "a JSON value");
	switch (p->s[p->i]) {
	case 'n':
		v->type = JR_NULL;
		return literal(p, "null");
	case 't':
		v->type = JR_BOOL;
		v->b = true;
		return literal(p, "true");
	case 'f':
		v->type = JR_BOOL;
		return literal(p, "false");
	case '"':
		v->type = JR_STRING;
		return parse_string(p, &v->s);
	case '[':
	case '{':
		return parse_container(p, v);
	default:
		if (p->s[p->i] == '-' || digit(p))
			return parse_number(p, v);
		return unexpected(p, "a JSON value");
	}
}

static void free_inner(struct jr_value *v)
{
	size_t k;

	if (v->type == JR_STRING) {
		free(v->s);
	} else if (v->type == JR_ARRAY || v->type == JR_OBJECT) {
		for (k = 0; k < v->n; k++) {
			free_inner(&v->v[k]);
			if (v->type == JR_OBJECT)
				free(v->keys[k]);
		}
		free(v->v);
		free(v->keys);
	}
}

void jr_free(struct jr_value *v)
{
	if (!v)
		return;
	free_inner(v);
	free(v);
}

struct jr_value *jr_parse(const char *text, size_t len, char *err,
			  size_t errlen)
{
	struct parser p = { .s = text, .len = len, .err = err,
			    .errlen = errlen };
	struct jr_value *v;

	if (err && errlen)
		err[0] = '\0';
	v = calloc(1, sizeof(*v));
	if (!v) {
		fail(&p, "out of memory");
		return NULL;
	}
	skip_ws(&p);
	if (p.i == len) {
		fail(&p, "no JSON value (the text is empty)");
	} else if (!parse_value(&p, v)) {
		skip_ws(&p);
		if (p.i < len)
			fail(&p, "text after the JSON value");
	}
	if (p.failed) {
		jr_free(v);
		return NULL;
	}
	return v;
}

const struct jr_value *jr_get(const struct jr_value *o, const char *key)
{
	size_t k;

	if (!o || o->type != JR_OBJECT)
		return NULL;
	for (k = 0; k < o->n; k++)
		if (!strcmp(o->keys[k], key))
			return &o->v[k];
	return NULL;
}

const char *jr_type_name(enum jr_type t)
{
	static const char *const names[] = {
		[JR_NULL] = "null", [JR_BOOL] = "true or false",
		[JR_NUMBER] = "a number", [JR_STRING] = "a string",
		[JR_ARRAY] = "an array", [JR_OBJECT] = "an object",
	};

	return (unsigned int)t < sizeof(names) / sizeof(names[0]) ?
	       names[t] : "?";
}
