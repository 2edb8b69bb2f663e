// SPDX-License-Identifier: GPL-2.0
/* Unit tests for args.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/vnetfab.h>

#include "args.h"

static char err[ARGS_ERRLEN];

static int id_ok(const char *s, uint32_t want)
{
	uint32_t v = 0xdeadbeef;

	err[0] = '\0';
	if (args_parse_id(s, &v, err, sizeof(err)))
		return 0;
	return v == want;
}

static int id_bad(const char *s)
{
	uint32_t v = 0xdeadbeef;

	err[0] = '\0';
	return args_parse_id(s, &v, err, sizeof(err)) == -1 &&
	       v == 0xdeadbeef && err[0] != '\0';
}

static void test_id_bounds(void **state)
{
	(void)state;
	assert_true(id_ok("1", 1));
	assert_true(id_ok("100", 100));
	assert_true(id_ok("16777215", VNETFAB_ID_MAX));
	assert_true(id_ok("007", 7));
	assert_true(id_bad("0"));
	assert_true(id_bad("000"));
	assert_true(id_bad("16777216"));
	assert_true(id_bad("4294967296"));	/* would wrap a u32 */
	assert_true(id_bad("99999999999999999999999"));
}

static void test_id_junk(void **state)
{
	(void)state;
	assert_true(id_bad("12x"));
	assert_true(id_bad("-1"));
	assert_true(id_bad("+1"));
	assert_true(id_bad(" 5"));
	assert_true(id_bad("5 "));
	assert_true(id_bad("0x10"));
	assert_true(id_bad("1e3"));
	assert_true(id_bad(""));
	assert_true(id_bad(NULL));
	assert_true(id_bad("12x"));
	assert_non_null(strstr(err, "'12x'"));
	assert_non_null(strstr(err, "1..16777215"));
}

static void test_encap(void **state)
{
	uint8_t e = 0xff;

	(void)state;
	assert_int_equal(args_parse_encap("udp", &e, err, sizeof(err)), 0);
	assert_int_equal(e, VNETFAB_ENCAP_UDP);
	assert_int_equal(args_parse_encap("gre", &e, err, sizeof(err)), 0);
	assert_int_equal(e, VNETFAB_ENCAP_GRE);
	assert_int_equal(args_parse_encap("UDP", &e, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'UDP'"));
	assert_int_equal(args_parse_encap("vxlan", &e, err, sizeof(err)), -1);
	assert_int_equal(args_parse_encap("", &e, err, sizeof(err)), -1);
	assert_int_equal(args_parse_encap("udp ", &e, err, sizeof(err)), -1);
	assert_string_equal(args_encap_name(VNETFAB_ENCAP_UDP), "udp");
	assert_string_equal(args_encap_name(VNETFAB_ENCAP_GRE), "gre");
	assert_null(args_encap_name(2));
	assert_null(args_encap_name(255));
}

static void test_ifname(void **state)
{
	char big[4096];

	(void)state;
	assert_int_equal(args_check_ifname("fab0", err, sizeof(err)), 0);
	assert_int_equal(args_check_ifname("a", err, sizeof(err)), 0);
	assert_int_equal(args_check_ifname("123456789012345", err, sizeof(err)), 0);
	assert_int_equal(args_check_ifname("1234567890123456", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "longer than 15"));
	assert_int_equal(args_check_ifname("", err, sizeof(err)), -1);
	assert_int_equal(args_check_ifname(NULL, err, sizeof(err)), -1);
	assert_int_equal(args_check_ifname(".", err, sizeof(err)), -1);
	assert_int_equal(args_check_ifname("..", err, sizeof(err)), -1);
	assert_int_equal(args_check_ifname("a/b", err, sizeof(err)), -1);
	assert_int_equal(args_check_ifname("a:b", err, sizeof(err)), -1);
	assert_int_equal(args_check_ifname("a b", err, sizeof(err)), -1);
	assert_int_equal(args_check_ifname("a\tb", err, sizeof(err)), -1);
	/* a huge name: message stays bounded and NUL-terminated */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(args_check_ifname(big, err, sizeof(err)), -1);
	assert_true(strlen(err) < sizeof(err));
	assert_non_null(strstr(err, "..."));
}

static int parse_list(struct vf_args *a, char **v)
{
	int argc = 0;

	while (v[argc])
		argc++;
	return args_parse(argc, v, a, err, sizeof(err));
}

/* PARSE("show", "fab0") runs args_parse on "vnetfabctl show fab0" */
#define PARSE(...) parse_list(&a, (char *[]){ "vnetfabctl", __VA_ARGS__, NULL })

static void test_parse_show(void **state)
{
	char *v0[] = { "vnetfabctl" };
	struct vf_args a;

	(void)state;
	assert_int_equal(args_parse(1, v0, &a, err, sizeof(err)), -1);
	assert_string_equal(err, "missing command");

	assert_int_equal(PARSE("show"), 0);
	assert_int_equal(a.cmd, VF_CMD_SHOW);
	assert_null(a.ifname);
	assert_false(a.json);

	assert_int_equal(PARSE("show", "fab0"), 0);
	assert_string_equal(a.ifname, "fab0");

	assert_int_equal(PARSE("--json", "show"), 0);
	assert_true(a.json);
	assert_int_equal(PARSE("show", "--json", "fab0"), 0);
	assert_true(a.json);
	assert_string_equal(a.ifname, "fab0");
	assert_int_equal(PARSE("show", "fab0", "--json"), 0);
	assert_true(a.json);

	assert_int_equal(PARSE("show", "fab0", "fab1"), -1);
	assert_non_null(strstr(err, "'fab1'"));
	assert_int_equal(PARSE("show", "-j"), -1);
	assert_non_null(strstr(err, "unknown option"));
	assert_int_equal(PARSE("show", "1234567890123456"), -1);
	assert_int_equal(PARSE("bogus"), -1);
	assert_non_null(strstr(err, "unknown command 'bogus'"));
	assert_int_equal(PARSE("--bogus"), -1);
	assert_non_null(strstr(err, "unknown option"));
}

static void test_parse_help(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("help"), 0);
	assert_int_equal(a.cmd, VF_CMD_HELP);
	assert_int_equal(PARSE("-h"), 0);
	assert_int_equal(a.cmd, VF_CMD_HELP);
	assert_int_equal(PARSE("--help"), 0);
	assert_int_equal(a.cmd, VF_CMD_HELP);
	assert_int_equal(PARSE("--version"), 0);
	assert_int_equal(a.cmd, VF_CMD_VERSION);
}

static void test_parse_add(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("segment", "add", "fab0"), 0);
	assert_int_equal(a.cmd, VF_CMD_SEG_ADD);
	assert_string_equal(a.ifname, "fab0");
	assert_false(a.has_id);
	assert_false(a.has_encap);

	assert_int_equal(PARSE("segment", "add", "fab0", "id", "100"), 0);
	assert_true(a.has_id);
	assert_int_equal(a.id, 100);

	assert_int_equal(PARSE("segment", "add", "fab0", "encap", "gre",
			       "id", "16777215"), 0);
	assert_true(a.has_id && a.has_encap);
	assert_int_equal(a.id, 16777215);
	assert_int_equal(a.encap, VNETFAB_ENCAP_GRE);

	assert_int_equal(PARSE("segment", "--json", "add", "fab0", "id",
			       "--json", "7"), 0);
	assert_int_equal(a.id, 7);

	assert_int_equal(PARSE("segment", "add", "fab0", "id", "0"), -1);
	assert_non_null(strstr(err, "'0'"));
	assert_int_equal(PARSE("segment", "add", "fab0", "id", "16777216"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "id"), -1);
	assert_non_null(strstr(err, "needs a value"));
	assert_int_equal(PARSE("segment", "add", "fab0", "encap"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "encap", "ip"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "id", "1", "id", "2"), -1);
	assert_non_null(strstr(err, "twice"));
	assert_int_equal(PARSE("segment", "add", "fab0", "mtu", "1400"), -1);
	assert_non_null(strstr(err, "unknown argument 'mtu'"));
	assert_int_equal(PARSE("segment", "add"), -1);
	assert_non_null(strstr(err, "missing device name"));
	assert_int_equal(PARSE("segment", "add", "averyveryverylongname"), -1);
	assert_non_null(strstr(err, "longer than"));
	assert_int_equal(PARSE("segment"), -1);
	assert_int_equal(PARSE("segment", "frob", "x"), -1);
}

static void test_parse_del(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("segment", "del", "fab0"), 0);
	assert_int_equal(a.cmd, VF_CMD_SEG_DEL);
	assert_string_equal(a.ifname, "fab0");
	assert_int_equal(PARSE("segment", "del"), -1);
	assert_int_equal(PARSE("segment", "del", "fab0", "id", "1"), -1);
	assert_non_null(strstr(err, "unexpected argument 'id'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_bounds),
		cmocka_unit_test(test_id_junk),
		cmocka_unit_test(test_encap),
		cmocka_unit_test(test_ifname),
		cmocka_unit_test(test_parse_show),
		cmocka_unit_test(test_parse_help),
		cmocka_unit_test(test_parse_add),
		cmocka_unit_test(test_parse_del),
	};

	return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}
