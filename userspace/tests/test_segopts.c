// SPDX-License-Identifier: GPL-2.0
/*
 * test_segopts.c - every printed form of a segment's settings is taken
 * back by every front end to the same value: the table's own strings,
 * "vnetfabctl show"'s settings line (the words of ip -d link show) into
 * "segment add", into a configuration file line, and dump-config's line
 * back into "segment add".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <cmocka.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "config.h"
#include "paths.h"
#include "print.h"
#include "segopts.h"
#include "tests/helpers.h"

static char err[CONFIG_ERRLEN];

/* @s back through the one parser */
static uint32_t parse(enum vf_segopt o, const char *s)
{
	uint32_t v = 0xdeadbeef;

	if (vf_segopt_parse(o, s, &v, err, sizeof(err)))
		fail_msg("%s '%s': %s", vf_segopts[o].kw, s, err);
	return v;
}

/* value @v of @o in every form a front end prints */
static void roundtrip(enum vf_segopt o, uint32_t v)
{
	char buf[32];

	/* ip -d link show, vnetfabctl show */
	assert_int_equal(parse(o, vf_segopt_str(o, v, buf, sizeof(buf))), v);
	if (vf_segopt_name(o, v))
		return;
	/* dump-config, JSON numbers: decimal; and hex */
	snprintf(buf, sizeof(buf), "%u", (unsigned int)v);
	assert_int_equal(parse(o, buf), v);
	snprintf(buf, sizeof(buf), "%#x", (unsigned int)v);
	assert_int_equal(parse(o, buf), v);
}

static void test_every_value_form(void **state)
{
	const struct vf_segopt_def *d;
	uint32_t v;
	int o;

	(void)state;
	for (o = 0; o < VF_SO_N; o++) {
		d = &vf_segopts[o];
		for (v = 0; v < d->n_names; v++)
			if (d->names[v])
				roundtrip((enum vf_segopt)o, v);
		if (!d->max)
			continue;
		roundtrip((enum vf_segopt)o, d->min);
		roundtrip((enum vf_segopt)o, d->max);
		roundtrip((enum vf_segopt)o, d->min + (d->max - d->min) / 3);
		/* and nothing beyond */
		v = 0;
		if (d->max < UINT32_MAX) {
			char buf[32];

			snprintf(buf, sizeof(buf), "%u", d->max + 1);
			assert_int_equal(vf_segopt_parse((enum vf_segopt)o, buf,
							 &v, err, sizeof(err)), -1);
		}
	}
	/* tos as ip prints it: 0x10; 1 is inherit */
	assert_int_equal(parse(VF_SO_TOS, "0x10"), 16);
	assert_int_equal(parse(VF_SO_TOS, "1"), VF_TOS_INHERIT);
}

static void test_learning_forms(void **state)
{
	static const struct {
		const char *kw, *next;
		int taken;
		uint8_t v;
	} t[] = {
		{ "learning", NULL, 1, 1 },	/* at the end */
		{ "nolearning", "ttl", 1, 0 },
		{ "learning", "maxaddr", 1, 1 },	/* before a keyword */
		{ "learning", "off", 2, 0 },	/* dump-config's */
		{ "learning", "on", 2, 1 },
		{ "learning", "yes", -1, 7 },
		{ "ttl", "1", 0, 7 },
	};
	size_t i;
	uint8_t v;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = 7;
		assert_int_equal(vf_segopt_learning(t[i].kw, t[i].next, &v,
						    err, sizeof(err)),
				 t[i].taken);
		assert_int_equal(v, t[i].v);
	}
	assert_string_equal(err, "invalid learning 'yes' (expected on or off)");
}

/* the words of @line after its first @skip, into @w (at most @max) */
static int words(char *line, char **w, int max, int skip)
{
	char *save = NULL, *t;
	int n = 0;

	for (t = strtok_r(line, " \n", &save); t;
	     t = strtok_r(NULL, " \n", &save)) {
		if (skip) {
			skip--;
			continue;
		}
		assert_true(n < max);
		w[n++] = t;
	}
	return n;
}

/* "vnetfabctl segment add fab0 WORDS" into @a */
static void parse_add(char **w, int n, struct vf_args *a)
{
	char *argv[64];
	int i;

	argv[0] = "vnetfabctl";
	argv[1] = "segment";
	argv[2] = "add";
	argv[3] = "fab0";
	for (i = 0; i < n; i++)
		argv[4 + i] = w[i];
	memset(a, 0, sizeof(*a));
	if (args_parse(4 + n, argv, a, err, sizeof(err)))
		fail_msg("segment add: %s", err);
}

static void check_args(const struct vf_args *a, const struct vnetfab_segment *s)
{
	assert_true(a->has_ttl && a->has_tos && a->has_df && a->has_ageing &&
		    a->has_learning && a->has_maxaddr && a->has_local);
	assert_int_equal(a->ttl, s->ttl);
	assert_int_equal(a->tos, s->tos);
	assert_int_equal(a->df, s->df);
	assert_int_equal(a->ageing, s->ageing);
	assert_int_equal(a->learning, s->learning);
	assert_int_equal(a->maxaddr, s->max_addrs);
	assert_true(vf_addr_eq(&a->local, &s->local));
	assert_string_equal(a->link, "lo");
}

static void check_cfg(const struct cfg_segment *c,
		      const struct vnetfab_segment *s)
{
	assert_int_equal(c->ttl, s->ttl);
	assert_int_equal(c->tos, s->tos);
	assert_int_equal(c->df, s->df);
	assert_int_equal(c->ageing, s->ageing);
	assert_int_equal(c->learning, s->learning);
	assert_int_equal(c->maxaddr, s->max_addrs);
	assert_true(c->has_local && vf_addr_eq(&c->local, &s->local));
	assert_string_equal(c->dev, "lo");
}

/*
 * One segment's settings: show's settings line -> segment add; -> a
 * file's segment line -> config_parse -> config_write -> segment add.
 */
static void show_set_config_dump(const struct vnetfab_segment *s)
{
	char *w[64], line[512], *dump, *nl;
	struct vf_config c;
	struct vf_args a;
	struct cap cap;
	FILE *f;
	size_t len;
	int n;

	print_segments_text(cap_open(&cap), s, 1);
	assert_int_equal(fclose(cap.f), 0);
	/* the settings: the second line */
	nl = strchr(cap.buf, '\n');
	assert_non_null(nl);
	snprintf(line, sizeof(line), "%s", nl + 1);
	free(cap.buf);
	n = words(line, w, 64, 0);
	parse_add(w, n, &a);
	check_args(&a, s);

	/* those words on a segment line of a file */
	print_segments_text(cap_open(&cap), s, 1);
	assert_int_equal(fclose(cap.f), 0);
	nl = strchr(cap.buf, '\n');
	*strchr(nl + 1, '\n') = '\0';
	snprintf(line, sizeof(line), "segment fab0 id 5%s\n", nl + 1);
	free(cap.buf);
	f = fmemopen(line, strlen(line), "r");
	assert_non_null(f);
	if (config_parse(f, "t.conf", &c, err, sizeof(err)))
		fail_msg("config: %s (%s)", err, line);
	fclose(f);
	assert_int_equal(c.n_segs, 1);
	check_cfg(&c.segs[0], s);

	/* dump-config's line, back into segment add */
	dump = write_conf(&c, &len);
	config_free(&c);
	n = words(dump, w, 64, 2);	/* "segment fab0" */
	parse_add(w, n, &a);
	check_args(&a, s);	/* before free(): a.link points into it */
	free(dump);
}

static void test_show_set_config_dump(void **state)
{
	struct vnetfab_segment s = {
		.has = SEG_IFNAME | SEG_ID | SEG_ENCAP | SEG_TTL | SEG_TOS |
		       SEG_DF | SEG_AGEING | SEG_LEARNING | SEG_MAX_ADDRS |
		       SEG_LOCAL | SEG_LINK,
		.ifname = "fab0", .id = 5, .encap = VNETFAB_ENCAP_UDP,
		.link = 1,	/* lo */
	};
	static const uint8_t tos[] = { 0, VF_TOS_INHERIT, 0x10, 0xff };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(tos); i++) {
		s.ttl = i ? 16 : 1;
		s.tos = tos[i];
		s.df = (uint8_t)(i % 3);
		s.ageing = i ? VF_AGEING_MAX : VF_AGEING_MIN;
		s.learning = i & 1;
		s.max_addrs = i ? 1000 : VF_MAXADDR_MAX;
		s.local.family = AF_INET;
		s.local.v4.s_addr = htonl(0xc0000201);
		if (i == 3) {
			s.local.family = AF_INET6;
			inet_pton(AF_INET6, "2001:db8::1", &s.local.v6);
		}
		show_set_config_dump(&s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_value_form),
		cmocka_unit_test(test_learning_forms),
		cmocka_unit_test(test_show_set_config_dump),
	};

	return cmocka_run_group_tests_name("segopts", tests, NULL, NULL);
}
