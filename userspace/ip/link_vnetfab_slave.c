// SPDX-License-Identifier: GPL-2.0
/*
 * link_vnetfab_slave.c - the port part of the iproute2 plugin: a port of a
 * segment's port security and storm control, as "bridge_slave" is a
 * bridge port's.
 *
 * For "type vnetfab_slave" ip dlopen()s link_vnetfab_slave.so (installed
 * as a link to link_vnetfab.so, which holds both parts) and takes
 * "vnetfab_slave_link_util"; "ip -d link show" of a port does the same
 * to print the IFLA_INFO_SLAVE_DATA of slave kind "vnetfab".
 *
 *   ip link set tap0 type vnetfab_slave locked on max-macs 2
 *   ip link set tap0 type vnetfab_slave storm 1000 storm-burst 100
 *   ip -d [-j] link show tap0
 */
#include <stdio.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "iproute2.h"

static void slave_usage(FILE *f)
{
	fprintf(f,
		"Usage: ... vnetfab_slave [ locked { on | off } ] [ max-macs N ]\n"
		"                         [ storm { PPS | off } ] [ storm-burst N ]\n"
		"\n"
		"Where: locked    on: the port passes only frames from source MACs\n"
		"                 with an entry behind it (static ones, and the first\n"
		"                 max-macs it learns, which stick)\n"
		"       N         := 0..16777216 for max-macs (0: no limit of the\n"
		"                 port's own), 0..%u for storm-burst (0: a second's\n"
		"                 worth)\n"
		"       PPS       := 1..%u broadcast, multicast and unknown-unicast\n"
		"                 frames a second from the port; off: no limit (default)\n",
		VNETFAB_STORM_PPS_MAX, VNETFAB_STORM_PPS_MAX);
}

static int slave_bad(const char *opt, const char *val, const char *allowed)
{
	fprintf(stderr,
		"vnetfab_slave: invalid %s \"%s\" (expected %s); try \"ip link help vnetfab_slave\"\n",
		opt, val, allowed);
	return -1;
}

static int slave_parse_opt(struct link_util *lu, int argc, char **argv,
			   struct nlmsghdr *n)
{
	unsigned long v;
	const char *opt, *val;
	int err = 0;

	(void)lu;
	for (; argc > 0 && !err; argc--, argv++) {
		opt = *argv;
		if (!strcmp(opt, "help")) {
			slave_usage(stderr);
			return -1;
		}
		if (strcmp(opt, "locked") && strcmp(opt, "max-macs") &&
		    strcmp(opt, "storm") && strcmp(opt, "storm-burst")) {
			fprintf(stderr,
				"vnetfab_slave: unknown option \"%s\"; try \"ip link help vnetfab_slave\"\n",
				opt);
			return -1;
		}
		if (argc < 2) {
			fprintf(stderr,
				"vnetfab_slave: option \"%s\" needs a value; try \"ip link help vnetfab_slave\"\n",
				opt);
			return -1;
		}
		argc--, argv++;
		val = *argv;
		if (!strcmp(opt, "locked")) {
			if (strcmp(val, "on") && strcmp(val, "off"))
				return slave_bad(opt, val, "on or off");
			err = addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_PORT_LOCKED,
				       !strcmp(val, "on"));
		} else if (!strcmp(opt, "max-macs")) {
			if (parse_num(val, 0, 16777216, &v))
				return slave_bad(opt, val, "0..16777216");
			err = addattr32(n, VF_REQ_MAX,
					IFLA_VNETFAB_PORT_MAX_MACS, v);
		} else if (!strcmp(opt, "storm")) {
			if (!strcmp(val, "off"))
				v = 0;
			else if (parse_num(val, 1, VNETFAB_STORM_PPS_MAX, &v))
				return slave_bad(opt, val,
						 "off or 1..100000000 frames a second");
			err = addattr32(n, VF_REQ_MAX,
					IFLA_VNETFAB_PORT_STORM_PPS, v);
		} else {
			if (parse_num(val, 0, VNETFAB_STORM_PPS_MAX, &v))
				return slave_bad(opt, val, "0..100000000");
			err = addattr32(n, VF_REQ_MAX,
					IFLA_VNETFAB_PORT_STORM_BURST, v);
		}
	}
	return err ? -1 : 0;
}

/* as "ip link set" takes them; in JSON one key each */
static void slave_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	__u32 v32;
	__u8 v8;

	(void)lu;
	(void)f;
	if (!tb)
		return;
	if (get_u8(tb, IFLA_VNETFAB_PORT_LOCKED, &v8)) {
		print_color_bool(PRINT_JSON, COLOR_NONE, "locked", NULL, v8);
		print_str(PRINT_FP, NULL, "locked %s ", v8 ? "on" : "off");
	}
	if (get_u32(tb, IFLA_VNETFAB_PORT_MAX_MACS, &v32))
		print_u32(PRINT_ANY, "max_macs", "max-macs %u ", v32);
	if (get_u32(tb, IFLA_VNETFAB_PORT_STORM_PPS, &v32)) {
		print_u32(PRINT_JSON, "storm", NULL, v32);
		if (v32)
			print_u32(PRINT_FP, NULL, "storm %u ", v32);
		else
			print_str(PRINT_FP, NULL, "storm %s ", "off");
	}
	if (get_u32(tb, IFLA_VNETFAB_PORT_STORM_BURST, &v32))
		print_u32(PRINT_ANY, "storm_burst", "storm-burst %u ", v32);
	if (get_u32(tb, IFLA_VNETFAB_PORT_N_MACS, &v32))
		print_u32(PRINT_JSON, "n_macs", NULL, v32);
}

static void slave_print_help(struct link_util *lu, int argc, char **argv,
			     FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	slave_usage(f);
}

struct link_util vnetfab_slave_link_util = {
	.id		= VNETFAB_KIND "_slave",
	.maxattr	= IFLA_VNETFAB_PORT_MAX,
	.parse_opt	= slave_parse_opt,
	.print_opt	= slave_print_opt,
	.print_help	= slave_print_help,
};
