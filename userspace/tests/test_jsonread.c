// SPDX-License-Identifier: GPL-2.0
/* Unit tests for jsonread.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"
#include "jsonread.h"

static struct jr_value *parse(const char *text)
{
	char err[JR_ERRLEN];
	struct jr_value *v = jr_parse(text, strlen(text), err, sizeof(err));

	if (!v)
		print_error("%s: %s\n", text, err);
	assert_non_null(v);
	return v;
}

/* @text is refused with the message @want */
static void refused(const char *text, size_t len, const char *want)
{
	char err[JR_ERRLEN];
	struct jr_value *v = jr_parse(text, len, err, sizeof(err));

	if (v)
		jr_free(v);
	assert_null(v);
	assert_string_equal(err, want);
}

#define REFUSED(text, want) refused(text, sizeof(text) - 1, want)

static void test_scalars(void **state)
{
	struct jr_value *v;

	(void)state;
	v = parse(" null ");
	assert_int_equal(v->type, JR_NULL);
	jr_free(v);
	v = parse("true");
	assert_int_equal(v->type, JR_BOOL);
	assert_true(v->b);
	jr_free(v);
	v = parse("\tfalse\r\n");
	assert_int_equal(v->type, JR_BOOL);
	assert_false(v->b);
	jr_free(v);
}

/* @text is a number, an integer that fits 64 bits with @want, or not */
static void number(const char *text, bool is_u64, uint64_t want)
{
	struct jr_value *v = parse(text);

	assert_int_equal(v->type, JR_NUMBER);
	assert_int_equal(v->is_u64, is_u64);
	if (is_u64)
		assert_true(v->u == want);
	jr_free(v);
}

static void test_numbers(void **state)
{
	(void)state;
	number("0", true, 0);
	number("123", true, 123);
	number("18446744073709551615", true, UINT64_MAX);
	/* numbers, but none vnetfabctl reads as a counter */
	number("18446744073709551616", false, 0);
	number("99999999999999999999999999", false, 0);
	number("-1", false, 0);
	number("1.5", false, 0);
	number("1.0", false, 0);
	number("1e3", false, 0);
	number("2E-2", false, 0);
	number("-0", true, 0);
	REFUSED("01", "line 1, column 2: a number with a leading zero");
	REFUSED("-", "line 1, column 2: unexpected end of the text (expected a digit)");
	REFUSED("1.", "line 1, column 3: unexpected end of the text (expected a digit after '.')");
	REFUSED("1e+", "line 1, column 4: unexpected end of the text (expected a digit in the exponent)");
	REFUSED("+1", "line 1, column 1: unexpected '+' (expected a JSON value)");
	REFUSED(".5", "line 1, column 1: unexpected '.' (expected a JSON value)");
}

/* @text is a string whose bytes are @want */
static void string(const char *text, const char *want)
{
	struct jr_value *v = parse(text);

	assert_int_equal(v->type, JR_STRING);
	assert_string_equal(v->s, want);
	jr_free(v);
}

static void test_strings(void **state)
{
	(void)state;
	string("\"\"", "");
	string("\"fab100\"", "fab100");
	string("\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d");
	string("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t");
	string("\"caf\\u00e9\"", "caf\xc3\xa9");
	string("\"\\u20AC\"", "\xe2\x82\xac");
	string("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80");	/* a pair */
	string("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "caf\xc3\xa9 \xf0\x9f\x98\x80");
	REFUSED("\"abc", "line 1, column 5: unterminated string");
	REFUSED("\"a\\", "line 1, column 4: unterminated string");
	REFUSED("\"\\x\"", "line 1, column 3: unexpected 'x' (expected an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u)");
	REFUSED("\"\\u12\"", "line 1, column 6: unexpected '\"' (expected 4 hex digits after \\u)");
	REFUSED("\"\\ud800\"", "line 1, column 8: \\ud800: a high surrogate without a low one");
	REFUSED("\"\\ud800\\u0041\"", "line 1, column 14: \\ud800: a high surrogate without a low one");
	REFUSED("\"\\udc00\"", "line 1, column 8: \\udc00: a low surrogate without a high one");
	REFUSED("\"a\\u0000b\"", "line 1, column 9: \\u0000 in a string is not supported");
	REFUSED("\"a\tb\"", "line 1, column 3: control character 0x09 in a string (escape it)");
	REFUSED("\"a\nb\"", "line 1, column 3: control character 0x0a in a string (escape it)");
	REFUSED("\"\xff\"", "line 1, column 2: invalid UTF-8 in a string");
	REFUSED("\"\xc0\xaf\"", "line 1, column 2: invalid UTF-8 in a string");
	REFUSED("\"\xed\xa0\x80\"", "line 1, column 2: invalid UTF-8 in a string");
	REFUSED("\"\xe2\x82\"", "line 1, column 2: invalid UTF-8 in a string");
}

static void test_containers(void **state)
{
	struct jr_value *v;

	(void)state;
	v = parse("[]");
	assert_int_equal(v->type, JR_ARRAY);
	assert_int_equal(v->n, 0);
	jr_free(v);
	v = parse("{}");
	assert_int_equal(v->type, JR_OBJECT);
	assert_int_equal(v->n, 0);
	assert_null(jr_get(v, "a"));
	jr_free(v);
	v = parse(" [ 1 , \"two\" , [ null ] , { \"k\" : true } ] ");
	assert_int_equal(v->n, 4);
	assert_true(v->v[0].is_u64 && v->v[0].u == 1);
	assert_string_equal(v->v[1].s, "two");
	assert_int_equal(v->v[2].type, JR_ARRAY);
	assert_int_equal(v->v[2].v[0].type, JR_NULL);
	assert_true(jr_get(&v->v[3], "k")->b);
	assert_null(jr_get(&v->v[0], "k"));	/* not an object */
	jr_free(v);
	/* a key given twice: the first counts */
	v = parse("{\"a\":1,\"b\":[2,3],\"a\":4}");
	assert_int_equal(v->n, 3);
	assert_true(jr_get(v, "a")->u == 1);
	assert_int_equal(jr_get(v, "b")->n, 2);
	assert_null(jr_get(v, "c"));
	assert_null(jr_get(NULL, "a"));
	jr_free(v);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	REFUSED("", "line 1, column 1: no JSON value (the text is empty)");
	REFUSED(" \n\t ", "line 2, column 3: no JSON value (the text is empty)");
	REFUSED("nope", "line 1, column 1: unexpected 'n' (expected a JSON value)");
	REFUSED("tru", "line 1, column 1: unexpected 't' (expected a JSON value)");
	REFUSED("[1,]", "line 1, column 4: unexpected ']' (expected a JSON value)");
	REFUSED("[1 2]", "line 1, column 4: unexpected '2' (expected ',' or ']')");
	REFUSED("[1", "line 1, column 3: unexpected end of the text (expected ',' or ']')");
	REFUSED("{\"a\" 1}", "line 1, column 6: unexpected '1' (expected ':')");
	REFUSED("{\"a\":1,}", "line 1, column 8: unexpected '}' (expected a string key)");
	REFUSED("{a:1}", "line 1, column 2: unexpected 'a' (expected a string key or '}')");
	REFUSED("{\"a\":1 \"b\":2}", "line 1, column 8: unexpected '\"' (expected ',' or '}')");
	REFUSED("{\"a\":", "line 1, column 6: unexpected end of the text (expected a JSON value)");
	REFUSED("{\n  \"host\": \"h1\",\n  \"segments\": tru\n}",
		"line 3, column 15: unexpected 't' (expected a JSON value)");
	REFUSED("1 2", "line 1, column 3: text after the JSON value");
	REFUSED("{} x", "line 1, column 4: text after the JSON value");
	REFUSED("[\x01]", "line 1, column 2: unexpected byte 0x01 (expected a JSON value)");
	/* a NUL is no white space: the text is counted, not NUL-ended */
	REFUSED("1\0", "line 1, column 2: text after the JSON value");
	/* errors deep inside: what was built is freed (valgrind) */
	REFUSED("{\"a\":[{\"b\":[1,2,{\"c\":\"d\"}],\"e\":[\"f\",x]}]}",
		"line 1, column 37: unexpected 'x' (expected a JSON value)");
	REFUSED("{\"a\":{\"b\":\"x", "line 1, column 13: unterminated string");
	REFUSED("{\"k\xff\":1}", "line 1, column 4: invalid UTF-8 in a string");
}

/* @depth arrays in one another */
static char *nested(int depth)
{
	char *s = malloc((size_t)depth * 2 + 1);
	int i;

	assert_non_null(s);
	for (i = 0; i < depth; i++) {
		s[i] = '[';
		s[depth * 2 - 1 - i] = ']';
	}
	s[depth * 2] = '\0';
	return s;
}

static void test_limits(void **state)
{
	char err[JR_ERRLEN], *s;
	struct jr_value *v;
	size_t i, n;

	(void)state;
	s = nested(JR_MAXDEPTH);
	v = parse(s);
	jr_free(v);
	free(s);
	s = nested(JR_MAXDEPTH + 1);
	refused(s, strlen(s), "line 1, column 65: nested deeper than 64");
	free(s);
	/* far deeper than the stack would bear, refused at the limit */
	s = nested(1000000);
	refused(s, strlen(s), "line 1, column 65: nested deeper than 64");
	free(s);
	/* JR_MAXVALUES values: the array and its items */
	n = JR_MAXVALUES - 1;
	s = malloc(n * 2 + 2);
	assert_non_null(s);
	s[0] = '[';
	for (i = 0; i < n; i++) {
		s[1 + i * 2] = '0';
		s[2 + i * 2] = i + 1 < n ? ',' : ']';
	}
	s[n * 2 + 1] = '\0';
	v = jr_parse(s, strlen(s), err, sizeof(err));
	assert_non_null(v);
	assert_int_equal(v->n, n);
	jr_free(v);
	/* one more is refused */
	s[n * 2] = ',';
	s = realloc(s, n * 2 + 4);
	assert_non_null(s);
	memcpy(s + n * 2 + 1, "0]", 3);
	v = jr_parse(s, strlen(s), err, sizeof(err));
	assert_null(v);
	assert_non_null(strstr(err, "more than 2000000 values"));
	free(s);
}

static void test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(json_utf8_len((const unsigned char *)"a", 1), 1);
	assert_int_equal(json_utf8_len((const unsigned char *)"\xc3\xa9", 2), 2);
	assert_int_equal(json_utf8_len((const unsigned char *)"\xc3\xa9", 1), 0);
	assert_int_equal(json_utf8_len((const unsigned char *)"\xe2\x82\xac", 3), 3);
	assert_int_equal(json_utf8_len((const unsigned char *)"\xf0\x9f\x98\x80", 4), 4);
	assert_int_equal(json_utf8_len((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(json_utf8_len((const unsigned char *)"\x80", 1), 0);
	assert_int_equal(json_utf8_len((const unsigned char *)"\xe0\x80\x80", 3), 0);
	assert_string_equal(jr_type_name(JR_OBJECT), "an object");
	assert_string_equal(jr_type_name(JR_BOOL), "true or false");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_containers),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_utf8_len),
	};

	return cmocka_run_group_tests_name("jsonread", tests, NULL, NULL);
}
