/* SPDX-License-Identifier: GPL-2.0 */
/*
 * segopts.h - a segment's settings as every front end names, bounds,
 * parses and prints them: one table for vnetfabctl's command line
 * (args.c), the configuration file (config.c) and the ip plugin
 * (ip/link_vnetfab.c, which links segopts.c and values.c too), so that
 * what one prints every other one takes back. The limits are the ABI
 * header's (VNETFAB_*_MIN/_MAX). libc only, nothing printed: failures
 * are one message in a caller's buffer.
 */
#ifndef VNETFABCTL_SEGOPTS_H
#define VNETFABCTL_SEGOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vnetfab.h>

/* the ABI header's limits, by their older names */
#define VF_DSTPORT_MIN		VNETFAB_DSTPORT_MIN
#define VF_DSTPORT_MAX		VNETFAB_DSTPORT_MAX
#define VF_TTL_MIN		VNETFAB_TTL_MIN
#define VF_TTL_MAX		VNETFAB_TTL_MAX
#define VF_TOS_MAX		VNETFAB_TOS_MAX
#define VF_TOS_INHERIT		VNETFAB_TOS_INHERIT
#define VF_AGEING_MIN		VNETFAB_AGEING_MIN
#define VF_AGEING_MAX		VNETFAB_AGEING_MAX
#define VF_MAXADDR_MIN		VNETFAB_MAX_ADDRS_MIN
#define VF_MAXADDR_MAX		VNETFAB_MAX_ADDRS_MAX

/* the settings with a value of one word, parsed by vf_segopt_parse() */
enum vf_segopt {
	VF_SO_ID,
	VF_SO_ENCAP,
	VF_SO_DSTPORT,
	VF_SO_TTL,
	VF_SO_TOS,
	VF_SO_DF,
	VF_SO_AGEING,
	VF_SO_LEARNING,		/* "learning on|off"; see vf_segopt_learning() */
	VF_SO_MAXADDR,
	VF_SO_N
};

struct vf_segopt_def {
	const char *kw;			/* the keyword: "ttl" */
	const char *what;		/* its name in messages: "segment id" */
	uint32_t min, max;		/* numbers taken; max 0: names only */
	const char *const *names;	/* value names, indexed by value */
	unsigned int n_names;
	const char *expected;		/* messages: NULL for "MIN..MAX" */
};

extern const struct vf_segopt_def vf_segopts[VF_SO_N];

/*
 * The value of setting @o: one of its names, or a number as
 * args_parse_uint() takes it (decimal, or 0x and hex digits) in its
 * limits. 0, or -1 with "invalid WHAT 'S' (expected ...)" in @err.
 */
int vf_segopt_parse(enum vf_segopt o, const char *s, uint32_t *v, char *err,
		    size_t errlen);

/* the name of value @v of @o ("gre", "inherit"), or NULL if it has none */
const char *vf_segopt_name(enum vf_segopt o, uint32_t v);

/*
 * @v as ip -d link show and vnetfabctl show print it: its name, tos in
 * hex ("0x10"), else decimal. Returns @buf.
 */
const char *vf_segopt_str(enum vf_segopt o, uint32_t v, char *buf,
			  size_t len);

/* whether @s is a keyword of a segment's settings in some front end */
bool vf_segopt_keyword(const char *s);

/*
 * Learning as each front end prints it: "nolearning", "learning" alone
 * (at the end, or before another keyword), or "learning on|off". @kw is
 * a word, @next the one after it (NULL at the end). Returns the words
 * taken (1 or 2) with *@v 0 or 1, 0 if @kw is neither "learning" nor
 * "nolearning", or -1 with "invalid learning 'S' (expected on or off)".
 */
int vf_segopt_learning(const char *kw, const char *next, uint8_t *v,
		       char *err, size_t errlen);

#endif /* VNETFABCTL_SEGOPTS_H */
