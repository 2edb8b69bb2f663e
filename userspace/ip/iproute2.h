/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iproute2.h - what the plugin needs of ip, declared here as no iproute2
 * header is installed (see link_vnetfab.c), and the helpers that the
 * segment's (link_vnetfab.c) and the port's (link_vnetfab_slave.c) parts
 * of the plugin share. The helpers are hidden: ip sees only the two
 * link_util structures.
 */
#ifndef VNETFAB_IP_IPROUTE2_H
#define VNETFAB_IP_IPROUTE2_H

#include <stdbool.h>
#include <stdio.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/* struct link_util, unchanged in iproute2 since 2018 (ip/ip_common.h) */
struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f,
			     struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv,
			   FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};

/* include/libnetlink.h */
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr16(struct nlmsghdr *n, int maxlen, int type, __u16 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen);

/* include/json_print.h; the values are those of ip 6.1 and 6.15 alike */
enum output_type {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = 4,
};

/* include/color.h: COLOR_NONE is 6 in ip 6.1 and 6.15 */
enum color_attr {
	COLOR_IFNAME,
	COLOR_MAC,
	COLOR_INET,
	COLOR_INET6,
	COLOR_OPERSTATE_UP,
	COLOR_OPERSTATE_DOWN,
	COLOR_NONE
};

int print_color_string(enum output_type t, enum color_attr color,
		       const char *key, const char *fmt, const char *value);
int print_color_uint(enum output_type t, enum color_attr color,
		     const char *key, const char *fmt, unsigned int value);
int print_color_bool(enum output_type t, enum color_attr color,
		     const char *key, const char *fmt, bool value);
void open_json_array(enum output_type type, const char *name);
void close_json_array(enum output_type type, const char *delim);

/*
 * ip's request buffer for RTM_NEWLINK holds 1024 bytes of attributes
 * (struct iplink_req); in-tree link plugins pass the same bound.
 */
#define VF_REQ_MAX	1024

#define VF_HIDDEN	__attribute__((visibility("hidden")))

/* a decimal or 0x-prefixed number in @min..@max, nothing else: 0 or -1 */
VF_HIDDEN int parse_num(const char *s, unsigned long min, unsigned long max,
			unsigned long *v);
VF_HIDDEN void print_str(enum output_type t, const char *key,
			 const char *fmt, const char *value);
VF_HIDDEN void print_u32(enum output_type t, const char *key,
			 const char *fmt, unsigned int value);
/* attribute @type of @tb, if it is there with room for the value */
VF_HIDDEN bool get_u8(struct rtattr *tb[], int type, __u8 *v);
VF_HIDDEN bool get_u32(struct rtattr *tb[], int type, __u32 *v);

#endif /* VNETFAB_IP_IPROUTE2_H */
