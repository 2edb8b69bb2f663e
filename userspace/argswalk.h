/* SPDX-License-Identifier: GPL-2.0 */
/*
 * argswalk.h - between args.c and argscmd.c: the walk over argv both
 * parse with, and the parsers of the commands argscmd.c holds, which
 * args_parse() calls. Not for the other files of vnetfabctl.
 */
#ifndef VNETFABCTL_ARGSWALK_H
#define VNETFABCTL_ARGSWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "args.h"

/* argv walker that hides every "--json" (it may appear anywhere) */
struct walk {
	int argc;
	char **argv;
	int i;
};

static inline const char *next(struct walk *w)
{
	while (w->i < w->argc) {
		const char *s = w->argv[w->i++];

		if (strcmp(s, "--json"))
			return s;
	}
	return NULL;
}

/*
 * The value after keyword @kw of command @ctx ("segment add"), which may be
 * given once: @seen says whether it was already.
 */
static inline int value(struct walk *w, const char *ctx, const char *kw,
			bool seen, const char **val, char *err, size_t errlen)
{
	*val = NULL;	/* for the compiler: args_fail() returns -1 */
	if (seen)
		return args_fail(err, errlen, "%s: '%s' given twice", ctx, kw);
	*val = next(w);
	if (!*val)
		return args_fail(err, errlen, "%s: '%s' needs a value", ctx, kw);
	return 0;
}

/* a device name given as a keyword's value */
static inline int dev_value(struct walk *w, const char *ctx, const char *kw,
			    bool seen, const char **name, char *err,
			    size_t errlen)
{
	const char *val;

	if (value(w, ctx, kw, seen, &val, err, errlen))
		return -1;
	if (args_check_ifname(val, err, errlen))
		return -1;
	*name = val;
	return 0;
}

/* argscmd.c: the command after its name, into @a; 0 or -1 with @err */

/*
 * "CTX: unknown argument 'KW'", and while no "dev SEG" was given, what
 * names the segment (a user writing "peer list fab0" meant "dev fab0").
 */
int args_unknown(const char *ctx, const char *kw, bool have_dev, char *err,
		 size_t errlen);

/* "stats dev SEG" */
int args_parse_stats(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen);
/* "apply [--host NAME] FILE [--dry-run|--check] [--prune]" */
int args_parse_apply(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen);
/* "dump-config" */
int args_parse_dump_config(struct walk *w, struct vf_args *a, char *err,
			   size_t errlen);
/* "monitor [dev SEG] [count N]" */
int args_parse_monitor(struct walk *w, struct vf_args *a, char *err,
		       size_t errlen);
/* "share set|show|del ..." */
int args_parse_share(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen);
/* "port set|show ..." */
int args_parse_port(struct walk *w, struct vf_args *a, char *err,
		    size_t errlen);

#endif /* VNETFABCTL_ARGSWALK_H */
