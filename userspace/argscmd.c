// SPDX-License-Identifier: GPL-2.0
/*
 * argscmd.c - the command lines of vnetfabctl's commands other than
 * show, segment, peer and fdb: stats, apply, dump-config, monitor, share
 * and port (args_parse() in args.c hands them over).
 */
#include <stdint.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "argswalk.h"
#include "tenants.h"

/* "stats dev SEG" */
int args_parse_stats(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen)
{
	const char *kw;

	a->cmd = VF_CMD_STATS;
	while ((kw = next(w))) {
		if (strcmp(kw, "dev"))
			return args_unknown("stats", kw, a->ifname, err,
					    errlen);
		if (dev_value(w, "stats", kw, a->ifname != NULL, &a->ifname,
			      err, errlen))
			return -1;
	}
	if (!a->ifname)
		return args_fail(err, errlen, "stats: missing 'dev SEG'");
	return 0;
}

/*
 * "apply [--host NAME] FILE [--dry-run|--check] [--prune]" (options
 * before or after FILE)
 */
int args_parse_apply(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen)
{
	const char *s;

	a->cmd = VF_CMD_APPLY;
	while ((s = next(w))) {
		if (!strcmp(s, "--dry-run")) {
			if (a->dry_run)
				return args_fail(err, errlen,
					    "apply: '--dry-run' given twice");
			a->dry_run = true;
		} else if (!strcmp(s, "--check")) {
			if (a->check)
				return args_fail(err, errlen,
					    "apply: '--check' given twice");
			a->check = true;
		} else if (!strcmp(s, "--prune")) {
			if (a->prune)
				return args_fail(err, errlen,
					    "apply: '--prune' given twice");
			a->prune = true;
		} else if (!strcmp(s, "--host")) {
			if (a->host)
				return args_fail(err, errlen,
					    "apply: '--host' given twice");
			a->host = next(w);
			if (!a->host || !*a->host)
				return args_fail(err, errlen,
					    "apply: '--host' needs the name of a host line of FILE");
		} else if (s[0] == '-' && s[1]) {
			return args_fail(err, errlen,
				    "apply: unknown option '%.*s%s' (expected --host NAME, --dry-run, --check or --prune)",
				    TOK(s));
		} else if (a->file) {
			return args_fail(err, errlen,
				    "apply: unexpected argument '%.*s%s' (one FILE only)",
				    TOK(s));
		} else if (!*s) {
			return args_fail(err, errlen, "apply: empty file name");
		} else {
			a->file = s;
		}
	}
	if (!a->file)
		return args_fail(err, errlen,
			    "apply: missing FILE (the configuration to apply, '-' for standard input)");
	if (a->dry_run && a->check)
		return args_fail(err, errlen,
			    "apply: --dry-run or --check, not both (--check reads the file alone; --dry-run compares it with the running state)");
	return 0;
}

/* "dump-config" */
int args_parse_dump_config(struct walk *w, struct vf_args *a, char *err,
			   size_t errlen)
{
	const char *s;

	a->cmd = VF_CMD_DUMP_CONFIG;
	s = next(w);
	if (s)
		return args_fail(err, errlen,
			    "dump-config: unexpected argument '%.*s%s'", TOK(s));
	return 0;
}

/* "monitor [dev SEG] [count N]" */
int args_parse_monitor(struct walk *w, struct vf_args *a, char *err,
		       size_t errlen)
{
	const char *kw, *val = NULL;
	uint32_t v;

	a->cmd = VF_CMD_MONITOR;
	while ((kw = next(w))) {
		if (!strcmp(kw, "dev")) {
			if (dev_value(w, "monitor", kw, a->ifname != NULL,
				      &a->ifname, err, errlen))
				return -1;
		} else if (!strcmp(kw, "count")) {
			if (value(w, "monitor", kw, a->count != 0, &val, err,
				  errlen) ||
			    args_parse_uint(val, "count", 1, UINT32_MAX, &v, err,
					    errlen))
				return -1;
			a->count = v;
		} else {
			return args_unknown("monitor", kw, a->ifname, err,
					    errlen);
		}
	}
	return 0;
}

/* share set dev UL rate RATE | share show [dev UL] | share del dev UL */
int args_parse_share(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen)
{
	const char *sub = next(w), *kw, *val;

	if (!sub || (strcmp(sub, "set") && strcmp(sub, "show") &&
		     strcmp(sub, "del")))
		return args_fail(err, errlen,
			    "share: expected set, show or del (share set dev UNDERLAY rate RATE)");
	a->cmd = !strcmp(sub, "set") ? VF_CMD_SHARE_SET :
		 !strcmp(sub, "show") ? VF_CMD_SHARE_SHOW : VF_CMD_SHARE_DEL;
	while ((kw = next(w))) {
		if (!strcmp(kw, "dev")) {
			if (dev_value(w, "share", kw, a->ifname != NULL,
				      &a->ifname, err, errlen))
				return -1;
		} else if (a->cmd == VF_CMD_SHARE_SET && !strcmp(kw, "rate")) {
			if (value(w, "share set", kw, a->rate != 0, &val, err,
				  errlen) ||
			    vf_parse_rate(val, &a->rate, err, errlen))
				return -1;
		} else {
			return args_fail(err, errlen,
				    "share %s: unexpected argument '%.*s%s'",
				    sub, TOK(kw));
		}
	}
	if (a->cmd != VF_CMD_SHARE_SHOW && !a->ifname)
		return args_fail(err, errlen,
			    "share %s: which underlay device? expected dev UNDERLAY",
			    sub);
	if (a->cmd == VF_CMD_SHARE_SET && !a->rate)
		return args_fail(err, errlen,
			    "share set: the underlay's rate is missing (rate RATE, e.g. rate 1gbit)");
	return 0;
}

/* port set PORT SETTINGS | port show [PORT | dev SEG] */
int args_parse_port(struct walk *w, struct vf_args *a, char *err,
		    size_t errlen)
{
	const char *sub = next(w), *kw, *val, *ctx;

	if (!sub)
		return args_fail(err, errlen, "port: expected set or show");
	if (!strcmp(sub, "show")) {
		a->cmd = VF_CMD_PORT_SHOW;
		ctx = "port show";
		while ((kw = next(w))) {
			if (!strcmp(kw, "dev")) {
				if (dev_value(w, ctx, kw, a->ifname != NULL,
					      &a->ifname, err, errlen))
					return -1;
			} else if (!a->port && kw[0] != '-') {
				if (args_check_ifname(kw, err, errlen))
					return -1;
				a->port = kw;
			} else {
				return args_fail(err, errlen,
					    "port show: unexpected argument '%.*s%s'",
					    TOK(kw));
			}
		}
		return 0;
	}
	if (strcmp(sub, "set"))
		return args_fail(err, errlen,
			    "port: unknown command '%.*s%s' (expected set or show)",
			    TOK(sub));
	a->cmd = VF_CMD_PORT_SET;
	ctx = "port set";
	a->port = next(w);
	if (!a->port)
		return args_fail(err, errlen, "port set: which port? (port set PORT ...)");
	if (args_check_ifname(a->port, err, errlen))
		return -1;
	while ((kw = next(w))) {
		if (!strcmp(kw, "locked")) {
			if (value(w, ctx, kw, a->has_locked, &val, err, errlen) ||
			    vf_parse_on_off(val, kw, &a->locked, err, errlen))
				return -1;
			a->has_locked = true;
		} else if (!strcmp(kw, "max-macs")) {
			if (value(w, ctx, kw, a->has_max_macs, &val, err,
				  errlen) ||
			    vf_parse_max_macs(val, &a->max_macs, err, errlen))
				return -1;
			a->has_max_macs = true;
		} else if (!strcmp(kw, "storm")) {
			if (value(w, ctx, kw, a->has_storm, &val, err, errlen) ||
			    vf_parse_storm(val, kw, &a->storm, err, errlen))
				return -1;
			a->has_storm = true;
		} else if (!strcmp(kw, "storm-burst")) {
			if (value(w, ctx, kw, a->has_storm_burst, &val, err,
				  errlen) ||
			    args_parse_uint(val, kw, 0, VNETFAB_STORM_PPS_MAX,
					    &a->storm_burst, err, errlen))
				return -1;
			a->has_storm_burst = true;
		} else {
			return args_fail(err, errlen,
				    "port set: unknown argument '%.*s%s'", TOK(kw));
		}
	}
	if (!(a->has_locked || a->has_max_macs || a->has_storm ||
	      a->has_storm_burst))
		return args_fail(err, errlen,
			    "port set: nothing to change (locked, max-macs, storm or storm-burst)");
	return 0;
}
