// SPDX-License-Identifier: GPL-2.0
/* Unit tests for json.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"

/* output captured in memory */
struct cap {
	FILE *f;
	char *buf;
	size_t len;
};

static void cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

/* closes the stream; the caller frees c->buf */
static const char *cap_close(struct cap *c)
{
	assert_int_equal(fclose(c->f), 0);
	return c->buf;
}

static void check_escape(const char *in, const char *want)
{
	struct cap c;

	cap_open(&c);
	json_write_string(c.f, in);
	assert_string_equal(cap_close(&c), want);
	free(c.buf);
}

static void test_escape_basic(void **state)
{
	(void)state;
	check_escape("", "\"\"");
	check_escape("fab0", "\"fab0\"");
	check_escape("a\"b", "\"a\\\"b\"");
	check_escape("a\\b", "\"a\\\\b\"");
	check_escape("\"\\\"", "\"\\\"\\\\\\\"\"");
	check_escape("a/b", "\"a/b\"");
}

static void test_escape_control(void **state)
{
	(void)state;
	check_escape("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	check_escape("\x01", "\"\\u0001\"");
	check_escape("x\x1fy", "\"x\\u001fy\"");
	check_escape("\x7f", "\"\\u007f\"");
	check_escape("\x1b[31m", "\"\\u001b[31m\"");
	check_escape(" ", "\" \"");	/* 0x20 is not a control char */
}

static void test_escape_utf8(void **state)
{
	(void)state;
	/* valid UTF-8 passes through untouched */
	check_escape("caf\xc3\xa9", "\"caf\xc3\xa9\"");
	check_escape("\xe2\x82\xac", "\"\xe2\x82\xac\"");
	check_escape("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
	/* invalid bytes become U+FFFD, one per byte */
	check_escape("\xff", "\"\\ufffd\"");
	check_escape("a\x80z", "\"a\\ufffdz\"");
	check_escape("\xc0\xaf", "\"\\ufffd\\ufffd\"");		/* overlong */
	check_escape("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""); /* surrogate */
	check_escape("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	check_escape("\xc3", "\"\\ufffd\"");		/* truncated at end */
	check_escape("\xe2\x82", "\"\\ufffd\\ufffd\"");
}

static void test_document(void **state)
{
	struct json j;
	struct cap c;

	(void)state;
	cap_open(&c);
	json_init(&j, c.f);
	json_begin_array(&j);
	json_begin_object(&j);
	json_kv_u64(&j, "ifindex", 3);
	json_kv_string(&j, "ifname", "fa\"b0");
	json_kv_bool(&j, "up", true);
	json_key(&j, "stats");
	json_begin_object(&j);
	json_kv_u64(&j, "rx_bytes", UINT64_MAX);
	json_kv_u64(&j, "tx_bytes", 0);
	json_end_object(&j);
	json_end_object(&j);
	json_begin_object(&j);
	json_kv_bool(&j, "up", false);
	json_key(&j, "x");
	json_null(&j);
	json_end_object(&j);
	json_end_array(&j);
	assert_int_equal(json_finish(&j), 0);
	assert_string_equal(cap_close(&c),
		"[{\"ifindex\":3,\"ifname\":\"fa\\\"b0\",\"up\":true,"
		"\"stats\":{\"rx_bytes\":18446744073709551615,\"tx_bytes\":0}},"
		"{\"up\":false,\"x\":null}]\n");
	free(c.buf);
}

static void test_empty(void **state)
{
	struct json j;
	struct cap c;

	(void)state;
	cap_open(&c);
	json_init(&j, c.f);
	json_begin_array(&j);
	json_end_array(&j);
	assert_int_equal(json_finish(&j), 0);
	assert_string_equal(cap_close(&c), "[]\n");
	free(c.buf);

	cap_open(&c);
	json_init(&j, c.f);
	json_begin_array(&j);
	json_string(&j, "a");
	json_u64(&j, 1);
	json_begin_array(&j);
	json_end_array(&j);
	json_end_array(&j);
	assert_int_equal(json_finish(&j), 0);
	assert_string_equal(cap_close(&c), "[\"a\",1,[]]\n");
	free(c.buf);
}

/* -p: iproute2's layout, four spaces a level, ": " after a key */
static void test_pretty(void **state)
{
	struct json j;
	struct cap c;

	(void)state;
	json_pretty = true;
	cap_open(&c);
	json_init(&j, c.f);
	json_begin_array(&j);
	json_begin_object(&j);
	json_kv_string(&j, "ifname", "fab0");
	json_key(&j, "stats");
	json_begin_object(&j);
	json_kv_u64(&j, "rx_bytes", 1);
	json_end_object(&j);
	json_key(&j, "paths");
	json_begin_array(&j);
	json_end_array(&j);
	json_end_object(&j);
	json_u64(&j, 2);
	json_end_array(&j);
	assert_int_equal(json_finish(&j), 0);
	json_pretty = false;
	assert_string_equal(cap_close(&c),
		"[\n"
		"    {\n"
		"        \"ifname\": \"fab0\",\n"
		"        \"stats\": {\n"
		"            \"rx_bytes\": 1\n"
		"        },\n"
		"        \"paths\": []\n"
		"    },\n"
		"    2\n"
		"]\n");
	free(c.buf);
}

static void test_misuse(void **state)
{
	struct json j;
	struct cap c;
	int i;

	(void)state;
	/* unclosed */
	cap_open(&c);
	json_init(&j, c.f);
	json_begin_array(&j);
	assert_int_equal(json_finish(&j), -1);
	cap_close(&c);
	free(c.buf);

	/* mismatched close */
	cap_open(&c);
	json_init(&j, c.f);
	json_begin_array(&j);
	json_end_object(&j);
	assert_true(j.misuse);
	cap_close(&c);
	free(c.buf);

	/* value without key in an object, key in an array */
	cap_open(&c);
	json_init(&j, c.f);
	json_begin_object(&j);
	json_u64(&j, 1);
	assert_true(j.misuse);
	cap_close(&c);
	free(c.buf);

	cap_open(&c);
	json_init(&j, c.f);
	json_begin_array(&j);
	json_key(&j, "k");
	assert_true(j.misuse);
	cap_close(&c);
	free(c.buf);

	/* too deep */
	cap_open(&c);
	json_init(&j, c.f);
	for (i = 0; i <= JSON_MAXDEPTH; i++)
		json_begin_array(&j);
	assert_true(j.misuse);
	assert_int_equal(json_finish(&j), -1);
	cap_close(&c);
	free(c.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_basic),
		cmocka_unit_test(test_escape_control),
		cmocka_unit_test(test_escape_utf8),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_misuse),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
