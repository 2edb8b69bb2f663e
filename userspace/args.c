// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - pure command-line parsing helpers for vnetfabctl.
 */
#include <ctype.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "args.h"

/* Offending tokens are quoted in messages, cut to this many bytes. */
#define TOKMAX	32

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* printf arguments for a token quoted as '%.*s%s' */
#define TOK(s)	(int)(strlen(s) > TOKMAX ? TOKMAX : strlen(s)), (s), \
		(strlen(s) > TOKMAX ? "..." : "")

int args_parse_id(const char *s, uint32_t *id, char *err, size_t errlen)
{
	uint32_t v = 0;
	const char *p;

	if (!s || !*s)
		return fail(err, errlen, "missing segment id");
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		v = v * 10 + (uint32_t)(*p - '0');
		if (v > VNETFAB_ID_MAX)	/* also stops any overflow */
			goto bad;
	}
	if (v < VNETFAB_ID_MIN)
		goto bad;
	*id = v;
	return 0;
bad:
	return fail(err, errlen, "invalid segment id '%.*s%s' (expected %u..%u)",
		    TOK(s), VNETFAB_ID_MIN, VNETFAB_ID_MAX);
}

static const char *const encap_names[] = {
	[VNETFAB_ENCAP_UDP] = "udp",
	[VNETFAB_ENCAP_GRE] = "gre",
};

#define N_ENCAP	(sizeof(encap_names) / sizeof(encap_names[0]))

int args_parse_encap(const char *s, uint8_t *encap, char *err, size_t errlen)
{
	size_t i;

	if (!s || !*s)
		return fail(err, errlen, "missing encap");
	for (i = 0; i < N_ENCAP; i++) {
		if (!strcmp(s, encap_names[i])) {
			*encap = (uint8_t)i;
			return 0;
		}
	}
	return fail(err, errlen, "invalid encap '%.*s%s' (expected udp or gre)",
		    TOK(s));
}

const char *args_encap_name(unsigned int encap)
{
	return encap < N_ENCAP ? encap_names[encap] : NULL;
}

int args_check_ifname(const char *s, char *err, size_t errlen)
{
	const char *p;
	size_t len;

	if (!s || !*s)
		return fail(err, errlen, "missing device name");
	len = strlen(s);
	if (len >= IFNAMSIZ)
		return fail(err, errlen,
			    "invalid device name '%.*s%s': longer than %d bytes",
			    TOK(s), IFNAMSIZ - 1);
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return fail(err, errlen, "invalid device name '%s'", s);
	for (p = s; *p; p++) {
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			return fail(err, errlen,
				    "invalid device name '%s': contains '/', ':' or whitespace",
				    s);
	}
	return 0;
}

/* argv walker that hides every "--json" (it may appear anywhere) */
struct walk {
	int argc;
	char **argv;
	int i;
};

static const char *next(struct walk *w)
{
	while (w->i < w->argc) {
		const char *s = w->argv[w->i++];

		if (strcmp(s, "--json"))
			return s;
	}
	return NULL;
}

static int parse_add(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen)
{
	const char *kw, *val;

	while ((kw = next(w))) {
		if (!strcmp(kw, "id")) {
			if (a->has_id)
				return fail(err, errlen, "segment add: 'id' given twice");
			val = next(w);
			if (!val)
				return fail(err, errlen, "segment add: 'id' needs a value");
			if (args_parse_id(val, &a->id, err, errlen))
				return -1;
			a->has_id = true;
		} else if (!strcmp(kw, "encap")) {
			if (a->has_encap)
				return fail(err, errlen, "segment add: 'encap' given twice");
			val = next(w);
			if (!val)
				return fail(err, errlen, "segment add: 'encap' needs a value");
			if (args_parse_encap(val, &a->encap, err, errlen))
				return -1;
			a->has_encap = true;
		} else {
			return fail(err, errlen,
				    "segment add: unknown argument '%.*s%s'",
				    TOK(kw));
		}
	}
	return 0;
}

int args_parse(int argc, char **argv, struct vf_args *a, char *err,
	       size_t errlen)
{
	struct walk w = { .argc = argc, .argv = argv, .i = 1 };
	const char *cmd, *sub, *s;
	int i;

	memset(a, 0, sizeof(*a));
	if (err && errlen)
		err[0] = '\0';
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--json"))
			a->json = true;

	cmd = next(&w);
	if (!cmd)
		return fail(err, errlen, "missing command");
	if (!strcmp(cmd, "help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "--help")) {
		a->cmd = VF_CMD_HELP;
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		a->cmd = VF_CMD_VERSION;
		return 0;
	}

	if (!strcmp(cmd, "show")) {
		a->cmd = VF_CMD_SHOW;
		s = next(&w);
		if (s) {
			if (s[0] == '-')
				return fail(err, errlen, "unknown option '%.*s%s'",
					    TOK(s));
			if (args_check_ifname(s, err, errlen))
				return -1;
			a->ifname = s;
		}
		s = next(&w);
		if (s)
			return fail(err, errlen, "show: unexpected argument '%.*s%s'",
				    TOK(s));
		return 0;
	}

	if (!strcmp(cmd, "segment")) {
		sub = next(&w);
		if (!sub)
			return fail(err, errlen, "segment: missing subcommand (add or del)");
		if (!strcmp(sub, "add"))
			a->cmd = VF_CMD_SEG_ADD;
		else if (!strcmp(sub, "del") || !strcmp(sub, "delete"))
			a->cmd = VF_CMD_SEG_DEL;
		else
			return fail(err, errlen,
				    "segment: unknown subcommand '%.*s%s' (expected add or del)",
				    TOK(sub));
		s = next(&w);
		if (!s)
			return fail(err, errlen, "segment %s: missing device name",
				    a->cmd == VF_CMD_SEG_ADD ? "add" : "del");
		if (s[0] == '-')
			return fail(err, errlen, "unknown option '%.*s%s'", TOK(s));
		if (args_check_ifname(s, err, errlen))
			return -1;
		a->ifname = s;
		if (a->cmd == VF_CMD_SEG_ADD)
			return parse_add(&w, a, err, errlen);
		s = next(&w);
		if (s)
			return fail(err, errlen,
				    "segment del: unexpected argument '%.*s%s'",
				    TOK(s));
		return 0;
	}

	if (cmd[0] == '-')
		return fail(err, errlen, "unknown option '%.*s%s'", TOK(cmd));
	return fail(err, errlen, "unknown command '%.*s%s'", TOK(cmd));
}
