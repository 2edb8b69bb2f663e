// SPDX-License-Identifier: GPL-2.0
/* Unit tests for args.c and argscmd.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "liveness.h"
#include "tenants.h"
#include "tests/helpers.h"

static char err[ARGS_ERRLEN];

static int id_ok(const char *s, uint32_t want)
{
	uint32_t v = 0xdeadbeef;

	err[0] = '\0';
	if (vf_segopt_parse(VF_SO_ID, s, &v, err, sizeof(err)))
		return 0;
	return v == want;
}

static int id_bad(const char *s)
{
	uint32_t v = 0xdeadbeef;

	err[0] = '\0';
	return vf_segopt_parse(VF_SO_ID, s, &v, err, sizeof(err)) == -1 &&
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
	/* hex, as every front end takes numbers */
	assert_true(id_ok("0x10", 16));
	assert_true(id_ok("0xFFFFFF", VNETFAB_ID_MAX));
	assert_true(id_bad("0x1000000"));
	assert_true(id_bad("0x"));
	assert_true(id_bad("0x-1"));
	assert_true(id_bad("00x10"));
	assert_true(id_bad("010x"));
	assert_true(id_bad("1e3"));
	assert_true(id_bad(""));
	assert_true(id_bad(NULL));
	assert_true(id_bad("12x"));
	assert_non_null(strstr(err, "'12x'"));
	assert_non_null(strstr(err, "1..16777215"));
}

static int encap_parse(const char *s, uint32_t *e)
{
	return vf_segopt_parse(VF_SO_ENCAP, s, e, err, sizeof(err));
}

static void test_encap(void **state)
{
	uint32_t e = 0xff;

	(void)state;
	assert_int_equal(encap_parse("udp", &e), 0);
	assert_int_equal(e, VNETFAB_ENCAP_UDP);
	assert_int_equal(encap_parse("gre", &e), 0);
	assert_int_equal(e, VNETFAB_ENCAP_GRE);
	assert_int_equal(encap_parse("UDP", &e), -1);
	assert_non_null(strstr(err, "'UDP'"));
	assert_string_equal(err, "invalid encap 'UDP' (expected udp or gre)");
	assert_int_equal(encap_parse("vxlan", &e), -1);
	assert_int_equal(encap_parse("", &e), -1);
	assert_int_equal(encap_parse("udp ", &e), -1);
	assert_int_equal(encap_parse("0", &e), -1);
	assert_string_equal(vf_segopt_name(VF_SO_ENCAP, VNETFAB_ENCAP_UDP), "udp");
	assert_string_equal(vf_segopt_name(VF_SO_ENCAP, VNETFAB_ENCAP_GRE), "gre");
	assert_null(vf_segopt_name(VF_SO_ENCAP, 2));
	assert_null(vf_segopt_name(VF_SO_ENCAP, 255));
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

static int uint_ok(const char *s, uint32_t min, uint32_t max, uint32_t want)
{
	uint32_t v = 0xdeadbeef;

	if (args_parse_uint(s, "ttl", min, max, &v, err, sizeof(err)))
		return 0;
	return v == want;
}

static int uint_bad(const char *s, uint32_t min, uint32_t max)
{
	uint32_t v = 0xdeadbeef;

	err[0] = '\0';
	return args_parse_uint(s, "ttl", min, max, &v, err, sizeof(err)) == -1 &&
	       v == 0xdeadbeef && err[0] != '\0';
}

static void test_uint(void **state)
{
	(void)state;
	assert_true(uint_ok("1", 1, 255, 1));
	assert_true(uint_ok("255", 1, 255, 255));
	assert_true(uint_ok("0", 0, 255, 0));
	assert_true(uint_ok("4294967295", 0, UINT32_MAX, UINT32_MAX));
	assert_true(uint_bad("0", 1, 255));
	assert_true(uint_bad("256", 1, 255));
	assert_non_null(strstr(err, "invalid ttl '256' (expected 1..255)"));
	assert_true(uint_bad("4294967296", 0, UINT32_MAX));
	assert_true(uint_bad("99999999999999999999999", 0, UINT32_MAX));
	assert_true(uint_bad("-1", 0, 255));
	assert_true(uint_bad("+1", 0, 255));
	assert_true(uint_bad("1 ", 0, 255));
	assert_true(uint_ok("0x1", 0, 255, 1));
	assert_true(uint_ok("0XfF", 0, 255, 255));
	assert_true(uint_ok("0xffffffff", 0, UINT32_MAX, UINT32_MAX));
	assert_true(uint_bad("0x100000000", 0, UINT32_MAX));
	assert_true(uint_bad("0x100", 0, 255));
	assert_true(uint_bad("0x", 0, 255));
	assert_true(uint_bad("0x1g", 0, 255));
	assert_true(uint_bad("0x+1", 0, 255));
	assert_true(uint_bad("1a", 0, 255));
	assert_true(uint_bad("", 0, 255));
	assert_string_equal(err, "missing ttl");
	assert_true(uint_bad(NULL, 0, 255));
}

static void test_addr(void **state)
{
	static const uint8_t want6[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	};
	static const char *const bad[] = {
		"", "1.2.3", "192.0.2.256", "192.0.2.1/24", " 192.0.2.1",
		"192.0.2.1 ", "2001:db8::1/64", "fe80::1%lo", "2001:db8:::1",
		"::g", "[2001:db8::1]", "localhost", "0x7f.1",
	};
	struct vf_addr a;
	size_t i;

	(void)state;
	assert_int_equal(args_parse_addr("192.0.2.2", "remote", &a, err,
					 sizeof(err)), 0);
	assert_int_equal(a.family, AF_INET);
	assert_memory_equal(&a.v4, "\xc0\x00\x02\x02", 4);	/* be32 */
	assert_int_equal(args_parse_addr("2001:db8::1", "local", &a, err,
					 sizeof(err)), 0);
	assert_int_equal(a.family, AF_INET6);
	assert_memory_equal(&a.v6, want6, 16);
	assert_int_equal(args_parse_addr("::ffff:192.0.2.1", "local", &a, err,
					 sizeof(err)), 0);
	assert_int_equal(a.family, AF_INET6);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a.family = 12345;
		assert_int_equal(args_parse_addr(bad[i], "remote", &a, err,
						 sizeof(err)), -1);
		assert_int_equal(a.family, 12345);	/* untouched */
	}
	assert_int_equal(args_parse_addr("192.0.2.256", "remote", &a, err,
					 sizeof(err)), -1);
	assert_string_equal(err,
			    "invalid remote address '192.0.2.256' (expected IPv4 or IPv6)");
	assert_int_equal(args_parse_addr(NULL, "local", &a, err, sizeof(err)), -1);
	assert_string_equal(err, "missing local address");
}

static void test_mac(void **state)
{
	static const char *const bad[] = {
		"", "02:00:00:00:00", "02:00:00:00:00:01:02", "02-00-00-00-00-01",
		"2:0:0:0:0:1", "02:00:00:00:00:0g", "02:00:00:00:00:012",
		"02:00:00:00:00:1", "0200.0000.0001", "02:00:00:00:00:01 ",
		" 02:00:00:00:00:01", "02::00:00:00:00:01", "020:0:00:00:00:01",
		"+2:00:00:00:00:01",
	};
	uint8_t m[VF_MACLEN];
	size_t i;

	(void)state;
	assert_int_equal(args_parse_mac("02:00:00:00:00:01", m, err,
					sizeof(err)), 0);
	assert_memory_equal(m, "\x02\x00\x00\x00\x00\x01", 6);
	assert_int_equal(args_parse_mac("aA:bB:cC:dD:eE:fF", m, err,
					sizeof(err)), 0);
	assert_memory_equal(m, "\xaa\xbb\xcc\xdd\xee\xff", 6);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(m, 0x55, sizeof(m));
		assert_int_equal(args_parse_mac(bad[i], m, err, sizeof(err)), -1);
		assert_memory_equal(m, "\x55\x55\x55\x55\x55\x55", 6);
	}
	assert_int_equal(args_parse_mac("zz:00:00:00:00:01", m, err,
					sizeof(err)), -1);
	assert_string_equal(err,
			    "invalid MAC address 'zz:00:00:00:00:01' (expected aa:bb:cc:dd:ee:ff)");
	assert_int_equal(args_parse_mac(NULL, m, err, sizeof(err)), -1);
}


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
	/* -j before the command, as ip's; after it, no option */
	assert_int_equal(PARSE("-j", "show"), 0);
	assert_true(a.json);
	assert_int_equal(PARSE("show", "-j"), -1);
	assert_non_null(strstr(err, "unknown option"));
	/* -p (-pretty, --pretty) before the command: indented JSON */
	assert_int_equal(PARSE("-j", "-p", "show", "fab0"), 0);
	assert_true(a.json);
	assert_true(a.pretty);
	assert_string_equal(a.ifname, "fab0");
	assert_int_equal(PARSE("--pretty", "-j", "show"), 0);
	assert_true(a.pretty);
	assert_int_equal(PARSE("-j", "show"), 0);
	assert_false(a.pretty);
	assert_int_equal(PARSE("show", "-p"), -1);
	assert_non_null(strstr(err, "unknown option"));
	/* COMMAND help: that command's help */
	assert_int_equal(PARSE("segment", "help"), 0);
	assert_int_equal(a.cmd, VF_CMD_HELP);
	assert_string_equal(a.help_cmd, "segment");
	assert_int_equal(PARSE("help"), 0);
	assert_null(a.help_cmd);
	assert_int_equal(PARSE("bogus", "help"), -1);
	assert_string_equal(err, "unknown command 'bogus'");
	/* "show dev SEG", as "show SEG" */
	assert_int_equal(PARSE("show", "dev", "fab0"), 0);
	assert_string_equal(a.ifname, "fab0");
	assert_int_equal(PARSE("-j", "show", "dev", "fab0"), 0);
	assert_true(a.json);
	assert_string_equal(a.ifname, "fab0");
	assert_int_equal(PARSE("show", "dev"), -1);
	assert_string_equal(err, "show: 'dev' needs a segment name");
	assert_int_equal(PARSE("show", "dev", "fab0", "fab1"), -1);
	assert_non_null(strstr(err, "'fab1'"));
	/* a segment named without "dev": what was meant */
	assert_int_equal(PARSE("peer", "list", "fab0"), -1);
	assert_string_equal(err, "peer list: unknown argument 'fab0' (expected 'dev SEG' to name the segment)");
	assert_int_equal(PARSE("fdb", "show", "fab0"), -1);
	assert_string_equal(err, "fdb show: unknown argument 'fab0' (expected 'dev SEG' to name the segment)");
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

static void test_parse_seg_add_opts(void **state)
{
	static const uint8_t want6[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	};
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("segment", "add", "fab0", "id", "100", "encap",
			       "udp", "local", "2001:db8::1", "dstport", "8472",
			       "dev", "eth0", "ttl", "255", "tos", "inherit",
			       "df", "set", "ageing", "1000000", "learning",
			       "off", "maxaddr", "16777216"), 0);
	assert_int_equal(a.cmd, VF_CMD_SEG_ADD);
	assert_true(a.has_id && a.has_encap && a.has_local && a.has_dstport &&
		    a.has_ttl && a.has_tos && a.has_df && a.has_ageing &&
		    a.has_learning && a.has_maxaddr);
	assert_int_equal(a.local.family, AF_INET6);
	assert_memory_equal(&a.local.v6, want6, 16);
	assert_int_equal(a.dstport, 8472);
	assert_string_equal(a.link, "eth0");
	assert_int_equal(a.ttl, 255);
	assert_int_equal(a.tos, VF_TOS_INHERIT);
	assert_int_equal(a.df, VNETFAB_DF_SET);
	assert_int_equal(a.ageing, 1000000);
	assert_int_equal(a.learning, 0);
	assert_int_equal(a.maxaddr, 16777216);

	/* nothing given: nothing set */
	assert_int_equal(PARSE("segment", "add", "fab0"), 0);
	assert_false(a.has_local || a.has_dstport || a.link || a.has_ttl ||
		     a.has_tos || a.has_df || a.has_ageing || a.has_learning ||
		     a.has_maxaddr);

	assert_int_equal(PARSE("segment", "add", "fab0", "local", "192.0.2.1",
			       "ttl", "1", "tos", "0", "df", "inherit",
			       "ageing", "1", "learning", "on", "maxaddr", "1",
			       "dstport", "65535"), 0);
	assert_int_equal(a.local.family, AF_INET);
	assert_memory_equal(&a.local.v4, "\xc0\x00\x02\x01", 4);
	assert_int_equal(a.ttl, 1);
	assert_int_equal(a.tos, 0);
	assert_int_equal(a.df, VNETFAB_DF_INHERIT);
	assert_int_equal(a.ageing, 1);
	assert_int_equal(a.learning, 1);
	assert_int_equal(a.maxaddr, 1);
	assert_int_equal(a.dstport, 65535);

	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "255", "df",
			       "unset"), 0);
	assert_int_equal(a.tos, 255);
	assert_int_equal(a.df, VNETFAB_DF_UNSET);
	assert_true(a.has_df);
}

static void test_parse_seg_add_bad(void **state)
{
	struct vf_args a;

	(void)state;
	/* bounds */
	assert_int_equal(PARSE("segment", "add", "fab0", "ttl", "0"), -1);
	assert_string_equal(err, "invalid ttl '0' (expected 1..255)");
	assert_int_equal(PARSE("segment", "add", "fab0", "ttl", "256"), -1);
	assert_string_equal(err, "invalid ttl '256' (expected 1..255)");
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "256"), -1);
	assert_string_equal(err, "invalid tos '256' (expected 0..255, 0x00..0xff or inherit)");
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "Inherit"), -1);
	/* hex, as ip -d link show prints tos */
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "0x10"), 0);
	assert_int_equal(a.tos, 0x10);
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "0XfF"), 0);
	assert_int_equal(a.tos, 255);
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "0x100"), -1);
	assert_string_equal(err, "invalid tos '0x100' (expected 0..255, 0x00..0xff or inherit)");
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "0x"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "0x1g"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "ttl", "0x40"), 0);
	assert_int_equal(a.ttl, 64);
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "-1"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "df", "on"), -1);
	assert_string_equal(err, "invalid df 'on' (expected unset, set or inherit)");
	assert_int_equal(PARSE("segment", "add", "fab0", "ageing", "0"), -1);
	assert_non_null(strstr(err, "expected 1..1000000"));
	assert_int_equal(PARSE("segment", "add", "fab0", "ageing", "1000001"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "learning", "1"), -1);
	assert_string_equal(err, "invalid learning '1' (expected on or off)");
	assert_int_equal(PARSE("segment", "add", "fab0", "maxaddr", "0"), -1);
	assert_non_null(strstr(err, "expected 1..16777216"));
	assert_int_equal(PARSE("segment", "add", "fab0", "maxaddr", "16777217"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "dstport", "0"), -1);
	assert_string_equal(err, "invalid dstport '0' (expected 1..65535)");
	assert_int_equal(PARSE("segment", "add", "fab0", "dstport", "65536"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "local", "2001:db8::zz"), -1);
	assert_non_null(strstr(err, "invalid local address '2001:db8::zz'"));
	assert_int_equal(PARSE("segment", "add", "fab0", "dev", "a/b"), -1);
	assert_non_null(strstr(err, "invalid device name"));
	assert_int_equal(PARSE("segment", "add", "fab0", "dev",
			       "1234567890123456"), -1);

	/* missing values, each keyword */
	{
		static const char *const kws[] = {
			"id", "encap", "local", "dstport", "dev", "ttl", "tos",
			"df", "ageing", "maxaddr",
		};
		char want[64];
		size_t i;

		for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
			assert_int_equal(PARSE("segment", "add", "fab0",
					       (char *)kws[i]), -1);
			snprintf(want, sizeof(want),
				 "segment add: '%s' needs a value", kws[i]);
			assert_string_equal(err, want);
			/* --json is no value */
			assert_int_equal(PARSE("segment", "add", "fab0",
					       (char *)kws[i], "--json"), -1);
			assert_string_equal(err, want);
		}
	}

	/* learning alone, as ip -d link show prints it: on */
	assert_int_equal(PARSE("segment", "add", "fab0", "learning"), 0);
	assert_true(a.has_learning && a.learning == 1);
	assert_int_equal(PARSE("segment", "add", "fab0", "learning", "--json",
			       "ttl", "3"), 0);
	assert_true(a.has_learning && a.learning == 1 && a.ttl == 3);

	/* duplicates */
	assert_int_equal(PARSE("segment", "add", "fab0", "ttl", "1", "ttl", "2"), -1);
	assert_string_equal(err, "segment add: 'ttl' given twice");
	assert_int_equal(PARSE("segment", "add", "fab0", "local", "192.0.2.1",
			       "local", "2001:db8::1"), -1);
	assert_string_equal(err, "segment add: 'local' given twice");
	assert_int_equal(PARSE("segment", "add", "fab0", "dev", "eth0", "dev",
			       "eth1"), -1);
	assert_string_equal(err, "segment add: 'dev' given twice");
	assert_int_equal(PARSE("segment", "add", "fab0", "dstport", "1",
			       "dstport", "1"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "learning", "on",
			       "learning", "on"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "df", "set", "df",
			       "set"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "tos", "inherit",
			       "tos", "0"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "ageing", "5",
			       "ageing", "5"), -1);
	assert_int_equal(PARSE("segment", "add", "fab0", "maxaddr", "5",
			       "maxaddr", "5"), -1);
	assert_string_equal(err, "segment add: 'maxaddr' given twice");

	/* keywords that belong elsewhere */
	assert_int_equal(PARSE("segment", "add", "fab0", "remote", "192.0.2.1"), -1);
	assert_string_equal(err, "segment add: unknown argument 'remote'");
}

static void test_parse_seg_set(void **state)
{
	static const char *const fixed[] = {
		"id", "encap", "local", "dstport", "dev",
	};
	struct vf_args a;
	size_t i;

	(void)state;
	assert_int_equal(PARSE("segment", "set", "fab0", "ttl", "9"), 0);
	assert_int_equal(a.cmd, VF_CMD_SEG_SET);
	assert_string_equal(a.ifname, "fab0");
	assert_true(a.has_ttl);
	assert_int_equal(a.ttl, 9);
	assert_false(a.has_tos || a.has_df || a.has_ageing || a.has_learning ||
		     a.has_maxaddr);

	assert_int_equal(PARSE("segment", "set", "fab0", "tos", "inherit", "df",
			       "set", "ageing", "60", "learning", "off",
			       "maxaddr", "100", "ttl", "3"), 0);
	assert_true(a.has_ttl && a.has_tos && a.has_df && a.has_ageing &&
		    a.has_learning && a.has_maxaddr);
	assert_int_equal(a.ageing, 60);
	assert_int_equal(a.maxaddr, 100);
	/* ip's "nolearning" */
	assert_int_equal(PARSE("segment", "set", "fab0", "nolearning"), 0);
	assert_true(a.has_learning);
	assert_int_equal(a.learning, 0);
	assert_int_equal(PARSE("segment", "set", "fab0", "nolearning",
			       "learning", "on"), -1);
	assert_string_equal(err, "segment set: 'learning' given twice");

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		assert_int_equal(PARSE("segment", "set", "fab0", (char *)fixed[i],
				       "1"), -1);
		assert_non_null(strstr(err, "is fixed at creation"));
		assert_non_null(strstr(err, fixed[i]));
		/* even after valid settings, and without a value */
		assert_int_equal(PARSE("segment", "set", "fab0", "ttl", "3",
				       (char *)fixed[i]), -1);
		assert_non_null(strstr(err, "is fixed at creation"));
	}
	assert_int_equal(PARSE("segment", "set", "fab0"), -1);
	assert_non_null(strstr(err, "nothing to change"));
	assert_int_equal(PARSE("segment", "set", "fab0", "--json"), -1);
	assert_int_equal(PARSE("segment", "set"), -1);
	assert_string_equal(err, "segment set: missing device name");
	assert_int_equal(PARSE("segment", "set", "fab0", "ttl", "0"), -1);
	assert_int_equal(PARSE("segment", "set", "fab0", "ttl", "1", "ttl", "1"), -1);
	assert_string_equal(err, "segment set: 'ttl' given twice");
	assert_int_equal(PARSE("segment", "set", "fab0", "mtu", "1400"), -1);
	assert_string_equal(err, "segment set: unknown argument 'mtu'");
}

static void test_parse_peer_set(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("peer", "set", "dev", "fab0", "remote",
			       "192.0.2.2", "remote", "2001:db8::3",
			       "dstport", "4790"), 0);
	assert_int_equal(a.cmd, VF_CMD_PEER_SET);
	assert_int_equal(a.n_peers, 2);
	assert_int_equal(a.peers[0].n, 1);
	assert_int_equal(a.peers[0].v[0].addr.family, AF_INET);
	assert_int_equal(a.peers[1].v[0].addr.family, AF_INET6);
	assert_true(a.has_dstport);
	args_free(&a);
	assert_null(a.peers);

	assert_int_equal(PARSE("peer", "set", "dev", "fab0", "none"), 0);
	assert_int_equal(a.n_peers, 0);
	args_free(&a);

	/* an empty set must be asked for by name */
	assert_int_equal(PARSE("peer", "set", "dev", "fab0"), -1);
	assert_non_null(strstr(err, "or 'none' to delete every peer"));
	args_free(&a);
	assert_int_equal(PARSE("peer", "set", "dev", "fab0", "none", "remote",
			       "192.0.2.2"), -1);
	args_free(&a);
	assert_int_equal(PARSE("peer", "set", "dev", "fab0", "remote",
			       "192.0.2.2", "remote", "192.0.2.2"), -1);
	assert_string_equal(err, "peer set: remote 192.0.2.2 given twice");
	args_free(&a);
	assert_int_equal(PARSE("peer", "set", "dev", "fab0", "remote",
			       "192.0.2.2", "remote", "nope"), -1);
	assert_non_null(strstr(err, "invalid remote address 'nope'"));
	args_free(&a);
	assert_int_equal(PARSE("peer", "set", "remote", "192.0.2.2"), -1);
	assert_string_equal(err, "peer set: missing 'dev SEG'");
	args_free(&a);
}

static void test_parse_fdb_flush(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("fdb", "flush", "dev", "fab0"), 0);
	assert_int_equal(a.cmd, VF_CMD_FDB_FLUSH);
	assert_false(a.flush_all);
	assert_int_equal(PARSE("fdb", "flush", "all", "dev", "fab0"), 0);
	assert_true(a.flush_all);
	assert_int_equal(PARSE("fdb", "flush"), -1);
	assert_string_equal(err, "fdb flush: missing 'dev SEG'");
	assert_int_equal(PARSE("fdb", "flush", "dev", "fab0", "all", "all"), -1);
	assert_non_null(strstr(err, "unknown argument 'all'"));
	assert_int_equal(PARSE("fdb", "flush", "dev", "fab0",
			       "02:00:00:00:00:01"), -1);
}

static void test_parse_stats(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("stats", "dev", "fab0", "--json"), 0);
	assert_int_equal(a.cmd, VF_CMD_STATS);
	assert_string_equal(a.ifname, "fab0");
	assert_true(a.json);
	assert_int_equal(PARSE("stats"), -1);
	assert_string_equal(err, "stats: missing 'dev SEG'");
	assert_int_equal(PARSE("stats", "fab0"), -1);
	assert_string_equal(err, "stats: unknown argument 'fab0' (expected 'dev SEG' to name the segment)");
}

/* share set|show|del, segment share/priority, and rates (tenants.c) */
static void test_parse_share(void **state)
{
	static const char *const bad_rate[] = {
		"", "0", "-1", "fast", "10 mbit", "10mbps", "1.5gbit",
		"18446744073709551616", "20000000tbit",
	};
	char buf[32];
	struct vf_args a;
	uint64_t r;
	size_t i;

	(void)state;
	assert_int_equal(PARSE("share", "set", "dev", "ul0", "rate", "200mbit"), 0);
	assert_int_equal(a.cmd, VF_CMD_SHARE_SET);
	assert_string_equal(a.ifname, "ul0");
	assert_true(a.rate == 200000000ull);
	assert_int_equal(PARSE("share", "show", "--json"), 0);
	assert_int_equal(a.cmd, VF_CMD_SHARE_SHOW);
	assert_null(a.ifname);
	assert_int_equal(PARSE("share", "del", "dev", "ul0"), 0);
	assert_int_equal(a.cmd, VF_CMD_SHARE_DEL);
	assert_int_equal(PARSE("share", "set", "dev", "ul0"), -1);
	assert_non_null(strstr(err, "rate RATE"));
	assert_int_equal(PARSE("share", "set", "rate", "1gbit"), -1);
	assert_non_null(strstr(err, "expected dev UNDERLAY"));
	assert_int_equal(PARSE("share", "del", "dev", "ul0", "rate", "1"), -1);
	assert_int_equal(PARSE("share", "frob"), -1);
	assert_int_equal(PARSE("segment", "set", "fab0", "share", "10",
			       "priority", "7"), 0);
	assert_true(a.has_share && a.share == 10 && a.has_priority &&
		    a.priority == 7);
	assert_int_equal(PARSE("segment", "set", "fab0", "share", "10001"), -1);
	assert_non_null(strstr(err, "share must be 1..10000, or off (none)"));
	assert_int_equal(PARSE("segment", "set", "fab0", "share", "0"), -1);
	assert_int_equal(PARSE("segment", "set", "fab0", "share", "off"), 0);
	assert_true(a.has_share && a.share == 0);
	assert_int_equal(PARSE("segment", "set", "fab0", "priority", "8"), -1);

	assert_int_equal(vf_parse_rate("1", &r, err, sizeof(err)), 0);
	assert_true(r == 1);
	assert_int_equal(vf_parse_rate("10Mbit", &r, err, sizeof(err)), 0);
	assert_true(r == 10000000ull);
	assert_int_equal(vf_parse_rate("3tbit", &r, err, sizeof(err)), 0);
	assert_true(r == 3000000000000ull);
	for (i = 0; i < sizeof(bad_rate) / sizeof(bad_rate[0]); i++) {
		r = 7;
		assert_int_equal(vf_parse_rate(bad_rate[i], &r, err,
					       sizeof(err)), -1);
		assert_true(r == 7);
		assert_non_null(strstr(err, "is not a rate"));
	}
	vf_rate_str(200000000, buf, sizeof(buf));
	assert_string_equal(buf, "200Mbit");
	vf_rate_str(1500, buf, sizeof(buf));
	assert_string_equal(buf, "1500bit");
}

static void test_parse_apply(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("apply", "/etc/vnetfab.conf"), 0);
	assert_int_equal(a.cmd, VF_CMD_APPLY);
	assert_string_equal(a.file, "/etc/vnetfab.conf");
	assert_false(a.dry_run);
	assert_int_equal(PARSE("apply", "f.conf", "--dry-run"), 0);
	assert_string_equal(a.file, "f.conf");
	assert_true(a.dry_run);
	assert_int_equal(PARSE("apply", "--dry-run", "-"), 0);
	assert_string_equal(a.file, "-");
	assert_true(a.dry_run);

	assert_int_equal(PARSE("apply"), -1);
	assert_string_equal(err, "apply: missing FILE (the configuration to apply, '-' for standard input)");
	assert_int_equal(PARSE("apply", "--dry-run"), -1);
	assert_string_equal(err, "apply: missing FILE (the configuration to apply, '-' for standard input)");
	assert_int_equal(PARSE("apply", "a", "b"), -1);
	assert_string_equal(err, "apply: unexpected argument 'b' (one FILE only)");
	assert_int_equal(PARSE("apply", "a", "--dry-run", "--dry-run"), -1);
	assert_string_equal(err, "apply: '--dry-run' given twice");
	assert_int_equal(PARSE("apply", "-n", "a"), -1);
	assert_string_equal(err, "apply: unknown option '-n' (expected --host NAME, --dry-run, --check or --prune)");
	assert_int_equal(PARSE("apply", ""), -1);
	assert_string_equal(err, "apply: empty file name");

	/* --host NAME: before or after FILE */
	assert_int_equal(PARSE("apply", "--host", "h2", "fabric.conf"), 0);
	assert_string_equal(a.host, "h2");
	assert_string_equal(a.file, "fabric.conf");
	assert_false(a.dry_run);
	assert_int_equal(PARSE("apply", "fabric.conf", "--dry-run", "--host",
			       "h3"), 0);
	assert_string_equal(a.host, "h3");
	assert_true(a.dry_run);
	assert_int_equal(PARSE("apply", "f.conf"), 0);
	assert_null(a.host);
	assert_int_equal(PARSE("apply", "f.conf", "--host"), -1);
	assert_string_equal(err, "apply: '--host' needs the name of a host line of FILE");
	assert_int_equal(PARSE("apply", "--host", "", "f.conf"), -1);
	assert_string_equal(err, "apply: '--host' needs the name of a host line of FILE");
	assert_int_equal(PARSE("apply", "--host", "a", "--host", "b", "f"), -1);
	assert_string_equal(err, "apply: '--host' given twice");

	/* --check: the file alone; not with --dry-run */
	assert_int_equal(PARSE("apply", "--check", "f.conf"), 0);
	assert_true(a.check);
	assert_false(a.dry_run);
	assert_int_equal(PARSE("apply", "f.conf"), 0);
	assert_false(a.check);
	assert_int_equal(PARSE("apply", "f.conf", "--check", "--check"), -1);
	assert_string_equal(err, "apply: '--check' given twice");
	assert_int_equal(PARSE("apply", "f.conf", "--check", "--dry-run"), -1);
	assert_string_equal(err, "apply: --dry-run or --check, not both (--check reads the file alone; --dry-run compares it with the running state)");

	/* --prune: with either, before or after FILE */
	assert_int_equal(PARSE("apply", "f.conf"), 0);
	assert_false(a.prune);
	assert_int_equal(PARSE("apply", "--prune", "f.conf", "--dry-run"), 0);
	assert_true(a.prune);
	assert_true(a.dry_run);
	assert_string_equal(a.file, "f.conf");
	assert_int_equal(PARSE("apply", "f.conf", "--check", "--prune"), 0);
	assert_true(a.prune);
	assert_true(a.check);
	assert_int_equal(PARSE("apply", "f.conf", "--prune", "--prune"), -1);
	assert_string_equal(err, "apply: '--prune' given twice");

	assert_int_equal(PARSE("dump-config"), 0);
	assert_int_equal(a.cmd, VF_CMD_DUMP_CONFIG);
	assert_int_equal(PARSE("dump-config", "fab0"), -1);
	assert_string_equal(err, "dump-config: unexpected argument 'fab0'");
}

static void test_parse_monitor(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("monitor"), 0);
	assert_int_equal(a.cmd, VF_CMD_MONITOR);
	assert_null(a.ifname);
	assert_int_equal(a.count, 0);
	assert_int_equal(PARSE("monitor", "dev", "fab0", "count", "3",
			       "--json"), 0);
	assert_string_equal(a.ifname, "fab0");
	assert_int_equal(a.count, 3);
	assert_true(a.json);
	assert_int_equal(PARSE("monitor", "count", "0"), -1);
	assert_int_equal(PARSE("monitor", "count", "1", "count", "2"), -1);
	assert_string_equal(err, "monitor: 'count' given twice");
	assert_int_equal(PARSE("monitor", "fab0"), -1);
	assert_string_equal(err, "monitor: unknown argument 'fab0' (expected 'dev SEG' to name the segment)");
}

static void test_parse_peer(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2"), 0);
	assert_int_equal(a.cmd, VF_CMD_PEER_ADD);
	assert_string_equal(a.ifname, "fab0");
	assert_true(a.has_remote);
	assert_int_equal(a.remote.family, AF_INET);
	assert_false(a.has_dstport);

	/* any order, IPv6, dstport */
	assert_int_equal(PARSE("peer", "del", "remote", "2001:db8::2",
			       "dstport", "4790", "dev", "fab0"), 0);
	assert_int_equal(a.cmd, VF_CMD_PEER_DEL);
	assert_int_equal(a.remote.family, AF_INET6);
	assert_true(a.has_dstport);
	assert_int_equal(a.dstport, 4790);
	assert_int_equal(PARSE("peer", "delete", "dev", "fab0", "remote",
			       "192.0.2.2"), 0);
	assert_int_equal(a.cmd, VF_CMD_PEER_DEL);

	assert_int_equal(PARSE("peer", "list", "dev", "fab0", "--json"), 0);
	assert_int_equal(a.cmd, VF_CMD_PEER_LIST);
	assert_true(a.json);
	assert_int_equal(PARSE("peer", "show", "dev", "fab0"), 0);
	assert_int_equal(a.cmd, VF_CMD_PEER_LIST);

	assert_int_equal(PARSE("peer", "add", "remote", "192.0.2.2"), -1);
	assert_string_equal(err, "peer add: missing 'dev SEG'");
	assert_int_equal(PARSE("peer", "add", "dev", "fab0"), -1);
	assert_string_equal(err, "peer add: missing 'remote ADDR'");
	assert_int_equal(PARSE("peer", "del", "dev", "fab0", "dstport", "1"), -1);
	assert_string_equal(err, "peer del: missing 'remote ADDR'");
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote"), -1);
	assert_string_equal(err, "peer add: 'remote' needs a value");
	assert_int_equal(PARSE("peer", "add", "dev"), -1);
	assert_string_equal(err, "peer add: 'dev' needs a value");
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.300"), -1);
	assert_non_null(strstr(err, "invalid remote address '192.0.2.300'"));
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "remote", "192.0.2.3"), -1);
	assert_string_equal(err, "peer add: 'remote' given twice");
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "dev", "fab1",
			       "remote", "192.0.2.2"), -1);
	assert_string_equal(err, "peer add: 'dev' given twice");
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "dstport", "0"), -1);
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "dstport", "65536"), -1);
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "dstport", "1", "dstport", "2"), -1);
	assert_string_equal(err, "peer add: 'dstport' given twice");
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "192.0.2.2"), -1);
	assert_string_equal(err, "peer add: unknown argument '192.0.2.2'");
	assert_int_equal(PARSE("peer", "add", "dev", "a/b", "remote",
			       "192.0.2.2"), -1);
	assert_non_null(strstr(err, "invalid device name"));

	assert_int_equal(PARSE("peer", "list"), -1);
	assert_string_equal(err, "peer list: missing 'dev SEG'");
	assert_int_equal(PARSE("peer", "list", "dev", "fab0", "remote",
			       "192.0.2.2"), -1);
	assert_string_equal(err, "peer list: unknown argument 'remote'");
	assert_int_equal(PARSE("peer"), -1);
	assert_non_null(strstr(err, "missing subcommand"));
	assert_int_equal(PARSE("peer", "frob"), -1);
	assert_non_null(strstr(err, "unknown subcommand 'frob'"));
}

/* "probe MS|off" and "probe-misses N": liveness.c and where args.c takes them */
static void test_liveness(void **state)
{
	static const char *const bad_probe[] = {
		"50", "99", "60001", "abc", "", "-1", "+100", "0x63", "100ms",
		"1e3", "Off", "4294967296",
	};
	static const char *const bad_misses[] = {
		"0", "1", "256", "abc", "", "-3", "0x100", "3 ",
	};
	char buf[VF_PROBE_STRLEN];
	struct vf_args a;
	uint32_t ms;
	uint8_t n;
	size_t i;

	(void)state;
	assert_int_equal(vf_parse_probe("off", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 0);
	ms = 7;
	assert_int_equal(vf_parse_probe("0", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 0);
	assert_int_equal(vf_parse_probe("100", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 100);
	assert_int_equal(vf_parse_probe("60000", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 60000);
	for (i = 0; i < sizeof(bad_probe) / sizeof(bad_probe[0]); i++) {
		ms = 7;
		assert_int_equal(vf_parse_probe(bad_probe[i], &ms, err,
						sizeof(err)), -1);
		assert_int_equal(ms, 7);
		assert_non_null(strstr(err, "probe must be off or 100..60000 ms"));
	}
	assert_int_equal(vf_parse_probe("50", &ms, err, sizeof(err)), -1);
	assert_string_equal(err, "invalid probe '50': probe must be off or 100..60000 ms");
	assert_int_equal(vf_parse_probe(NULL, &ms, NULL, 0), -1);

	assert_int_equal(vf_parse_probe_misses("2", &n, err, sizeof(err)), 0);
	assert_int_equal(n, 2);
	assert_int_equal(vf_parse_probe_misses("255", &n, err, sizeof(err)), 0);
	assert_int_equal(n, 255);
	for (i = 0; i < sizeof(bad_misses) / sizeof(bad_misses[0]); i++) {
		n = 7;
		assert_int_equal(vf_parse_probe_misses(bad_misses[i], &n, err,
						       sizeof(err)), -1);
		assert_int_equal(n, 7);
		assert_non_null(strstr(err, "probe-misses must be 2..255"));
	}
	assert_int_equal(vf_parse_probe_misses("1", &n, err, sizeof(err)), -1);
	assert_string_equal(err, "invalid probe-misses '1': probe-misses must be 2..255");

	/* what is printed parses back */
	assert_string_equal(vf_probe_str(0, buf, sizeof(buf)), "off");
	assert_string_equal(vf_probe_str(60000, buf, sizeof(buf)), "60000");
	assert_int_equal(vf_parse_probe(vf_probe_str(0, buf, sizeof(buf)), &ms,
					err, sizeof(err)), 0);
	assert_int_equal(ms, 0);

	assert_string_equal(vf_peer_state_name(VNETFAB_PEER_UNPROBED), "unprobed");
	assert_string_equal(vf_peer_state_name(VNETFAB_PEER_UNKNOWN), "unknown");
	assert_string_equal(vf_peer_state_name(VNETFAB_PEER_UP), "up");
	assert_string_equal(vf_peer_state_name(VNETFAB_PEER_DOWN), "down");
	assert_null(vf_peer_state_name(VNETFAB_PEER_DOWN + 1));
	assert_null(vf_reason_name(VNETFAB_REASON_UNSPEC));
	assert_string_equal(vf_reason_name(VNETFAB_REASON_REPLY), "reply");
	assert_string_equal(vf_reason_name(VNETFAB_REASON_HEARS), "hears");
	assert_string_equal(vf_reason_name(VNETFAB_REASON_TIMEOUT), "timeout");
	assert_string_equal(vf_reason_name(VNETFAB_REASON_NOT_HEARD), "not_heard");
	assert_string_equal(vf_reason_name(VNETFAB_REASON_HOLD_DOWN), "hold_down");
	assert_string_equal(vf_reason_name(VNETFAB_REASON_UNREACHABLE), "unreachable");
	assert_null(vf_reason_name(VNETFAB_REASON_UNREACHABLE + 1));

	/* segment add|set */
	assert_int_equal(PARSE("segment", "add", "fab0", "probe", "250",
			       "probe-misses", "4"), 0);
	assert_true(a.has_probe && a.has_probe_misses);
	assert_int_equal(a.probe, 250);
	assert_int_equal(a.probe_misses, 4);
	assert_int_equal(PARSE("segment", "set", "fab0", "probe", "off"), 0);
	assert_true(a.has_probe);
	assert_false(a.has_probe_misses);
	assert_int_equal(a.probe, 0);
	assert_int_equal(PARSE("segment", "set", "fab0", "probe-misses", "2"), 0);
	assert_false(a.has_probe);
	assert_int_equal(a.probe_misses, 2);
	assert_int_equal(PARSE("segment", "set", "fab0", "probe", "50"), -1);
	assert_string_equal(err, "invalid probe '50': probe must be off or 100..60000 ms");
	assert_int_equal(PARSE("segment", "add", "fab0", "probe", "60001"), -1);
	assert_string_equal(err, "invalid probe '60001': probe must be off or 100..60000 ms");
	assert_int_equal(PARSE("segment", "set", "fab0", "probe", "abc"), -1);
	assert_string_equal(err, "invalid probe 'abc': probe must be off or 100..60000 ms");
	assert_int_equal(PARSE("segment", "set", "fab0", "probe-misses", "1"), -1);
	assert_string_equal(err, "invalid probe-misses '1': probe-misses must be 2..255");
	assert_int_equal(PARSE("segment", "set", "fab0", "probe-misses", "256"), -1);
	assert_string_equal(err, "invalid probe-misses '256': probe-misses must be 2..255");
	assert_int_equal(PARSE("segment", "set", "fab0", "probe"), -1);
	assert_string_equal(err, "segment set: 'probe' needs a value");
	assert_int_equal(PARSE("segment", "set", "fab0", "probe", "off",
			       "probe", "100"), -1);
	assert_string_equal(err, "segment set: 'probe' given twice");
	assert_int_equal(PARSE("segment", "set", "fab0"), -1);
	assert_string_equal(err, "segment set: nothing to change (ttl, tos, df, ageing, learning, maxaddr, probe, probe-misses, hold-down, peer-storm, peer-storm-burst, share or priority)");

	/* a peer's own: add and set, not del or list */
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "probe", "off"), 0);
	assert_true(a.has_probe);
	assert_int_equal(a.probe, 0);
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2"), 0);
	assert_false(a.has_probe);
	assert_int_equal(PARSE("peer", "set", "dev", "fab0", "remote",
			       "192.0.2.2", "probe", "500", "remote",
			       "192.0.2.3"), 0);
	assert_true(a.has_probe);
	assert_int_equal(a.probe, 500);
	assert_int_equal(a.n_peers, 2);
	args_free(&a);
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "probe", "50"), -1);
	assert_string_equal(err, "invalid probe '50': probe must be off or 100..60000 ms");
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "probe", "100", "probe", "off"), -1);
	assert_string_equal(err, "peer add: 'probe' given twice");
	assert_int_equal(PARSE("peer", "del", "dev", "fab0", "remote",
			       "192.0.2.2", "probe", "100"), -1);
	assert_string_equal(err, "peer del: unknown argument 'probe'");
	assert_int_equal(PARSE("peer", "list", "dev", "fab0", "probe", "100"), -1);
	assert_string_equal(err, "peer list: unknown argument 'probe'");
}

static void test_parse_fdb(void **state)
{
	struct vf_args a;

	(void)state;
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "port", "veth1"), 0);
	assert_int_equal(a.cmd, VF_CMD_FDB_ADD);
	assert_string_equal(a.ifname, "fab0");
	assert_true(a.has_mac);
	assert_memory_equal(a.mac, "\x02\x00\x00\x00\x00\x01", 6);
	assert_int_equal(a.fdb_dest, VF_FDB_PORT);
	assert_string_equal(a.port, "veth1");

	assert_int_equal(PARSE("fdb", "add", "02:00:00:00:00:02", "remote",
			       "2001:db8::2", "dstport", "4790", "dev", "fab0"), 0);
	assert_int_equal(a.fdb_dest, VF_FDB_REMOTE);
	assert_int_equal(a.remote.family, AF_INET6);
	assert_true(a.has_dstport);
	assert_int_equal(a.dstport, 4790);
	/* dstport before remote is fine too */
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:02",
			       "dstport", "4790", "remote", "192.0.2.2"), 0);
	assert_int_equal(a.remote.family, AF_INET);

	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:03",
			       "local"), 0);
	assert_int_equal(a.fdb_dest, VF_FDB_LOCAL);

	assert_int_equal(PARSE("fdb", "del", "dev", "fab0", "02:00:00:00:00:03"), 0);
	assert_int_equal(a.cmd, VF_CMD_FDB_DEL);
	assert_true(a.has_mac);
	assert_int_equal(a.fdb_dest, VF_FDB_NONE);
	assert_int_equal(PARSE("fdb", "show", "dev", "fab0", "--json"), 0);
	assert_int_equal(a.cmd, VF_CMD_FDB_SHOW);
	assert_true(a.json);
	assert_false(a.has_mac);
	assert_int_equal(PARSE("fdb", "list", "dev", "fab0"), 0);
	assert_int_equal(a.cmd, VF_CMD_FDB_SHOW);

	/* mutually exclusive destinations */
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "port", "veth1", "remote", "192.0.2.2"), -1);
	assert_string_equal(err,
			    "fdb add: give only one of 'port', 'remote' and 'local'");
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "local", "port", "veth1"), -1);
	assert_non_null(strstr(err, "only one of"));
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "remote", "192.0.2.2", "local"), -1);
	assert_non_null(strstr(err, "only one of"));
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "local", "local"), -1);
	assert_string_equal(err, "fdb add: 'local' given twice");
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "port", "a", "port", "b"), -1);
	assert_string_equal(err, "fdb add: 'port' given twice");
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "remote", "192.0.2.2", "remote", "192.0.2.3"), -1);
	assert_string_equal(err, "fdb add: 'remote' given twice");

	/* missing pieces */
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01"), -1);
	assert_non_null(strstr(err, "missing destination"));
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "local"), -1);
	assert_string_equal(err, "fdb add: missing MAC address");
	assert_int_equal(PARSE("fdb", "add", "02:00:00:00:00:01", "local"), -1);
	assert_string_equal(err, "fdb add: missing 'dev SEG'");
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "port"), -1);
	assert_string_equal(err, "fdb add: 'port' needs a value");
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "remote"), -1);
	assert_string_equal(err, "fdb add: 'remote' needs a value");
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "port", "veth1", "dstport", "4789"), -1);
	assert_non_null(strstr(err, "'dstport' goes with 'remote ADDR' only"));
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "local", "dstport", "4789"), -1);
	assert_int_equal(PARSE("fdb", "del", "dev", "fab0"), -1);
	assert_string_equal(err, "fdb del: missing MAC address");
	assert_int_equal(PARSE("fdb", "show"), -1);
	assert_string_equal(err, "fdb show: missing 'dev SEG'");

	/* junk */
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:0z",
			       "local"), -1);
	assert_non_null(strstr(err, "invalid MAC address '02:00:00:00:00:0z'"));
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "02:00:00:00:00:02", "local"), -1);
	assert_string_equal(err, "fdb add: unknown argument '02:00:00:00:00:02'");
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "remote", "fe80::1%lo"), -1);
	assert_non_null(strstr(err, "invalid remote address"));
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
			       "port", "1234567890123456"), -1);
	assert_non_null(strstr(err, "longer than"));
	assert_int_equal(PARSE("fdb", "add", "dev", "fab0", "0200.0000.0001",
			       "local"), -1);
	assert_string_equal(err, "fdb add: unknown argument '0200.0000.0001'");
	assert_int_equal(PARSE("fdb", "del", "dev", "fab0", "02:00:00:00:00:01",
			       "port", "veth1"), -1);
	assert_string_equal(err, "fdb del: unknown argument 'port'");
	assert_int_equal(PARSE("fdb", "del", "dev", "fab0", "02:00:00:00:00:01",
			       "local"), -1);
	assert_int_equal(PARSE("fdb", "show", "dev", "fab0", "02:00:00:00:00:01"), -1);
	assert_string_equal(err, "fdb show: unknown argument '02:00:00:00:00:01'");
	assert_int_equal(PARSE("fdb"), -1);
	assert_non_null(strstr(err, "missing subcommand"));
	assert_int_equal(PARSE("fdb", "replace"), -1);
	assert_non_null(strstr(err, "unknown subcommand 'replace'"));
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
		cmocka_unit_test(test_uint),
		cmocka_unit_test(test_addr),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_parse_seg_add_opts),
		cmocka_unit_test(test_parse_seg_add_bad),
		cmocka_unit_test(test_parse_seg_set),
		cmocka_unit_test(test_parse_peer),
		cmocka_unit_test(test_parse_peer_set),
		cmocka_unit_test(test_parse_monitor),
		cmocka_unit_test(test_parse_apply),
		cmocka_unit_test(test_parse_stats),
		cmocka_unit_test(test_parse_fdb_flush),
		cmocka_unit_test(test_parse_fdb),
		cmocka_unit_test(test_liveness),
		cmocka_unit_test(test_parse_share),
	};

	return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}
