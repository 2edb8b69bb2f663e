// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - pure command-line parsing helpers for vnetfabctl: args_parse(),
 * show, segment, peer and fdb (the other commands: argscmd.c).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "argswalk.h"
#include "liveness.h"
#include "paths.h"
#include "tenants.h"

static int parse_dstport(struct walk *w, struct vf_args *a, const char *ctx,
			 char *err, size_t errlen)
{
	const char *val;
	uint32_t v;

	if (value(w, ctx, "dstport", a->has_dstport, &val, err, errlen) ||
	    vf_segopt_parse(VF_SO_DSTPORT, val, &v, err, errlen))
		return -1;
	a->dstport = (uint16_t)v;
	a->has_dstport = true;
	return 0;
}

/* "probe MS|off": a segment's interval, or a peer's own */
static int parse_probe(struct walk *w, struct vf_args *a, const char *ctx,
		       char *err, size_t errlen)
{
	const char *val;

	if (value(w, ctx, "probe", a->has_probe, &val, err, errlen) ||
	    vf_parse_probe(val, &a->probe, err, errlen))
		return -1;
	a->has_probe = true;
	return 0;
}

static int parse_remote(struct walk *w, struct vf_args *a, const char *ctx,
			char *err, size_t errlen)
{
	const char *val;

	if (value(w, ctx, "remote", a->has_remote, &val, err, errlen) ||
	    args_parse_addr(val, "remote", &a->remote, err, errlen))
		return -1;
	a->has_remote = true;
	return 0;
}

/* setting @o of the table (segopts.h), learning aside, into @a */
static int parse_seg_value(struct walk *w, struct vf_args *a, const char *ctx,
			   enum vf_segopt o, char *err, size_t errlen)
{
	bool *const has[VF_SO_N] = {
		[VF_SO_ID] = &a->has_id, [VF_SO_ENCAP] = &a->has_encap,
		[VF_SO_DSTPORT] = &a->has_dstport, [VF_SO_TTL] = &a->has_ttl,
		[VF_SO_TOS] = &a->has_tos, [VF_SO_DF] = &a->has_df,
		[VF_SO_AGEING] = &a->has_ageing,
		[VF_SO_LEARNING] = &a->has_learning,
		[VF_SO_MAXADDR] = &a->has_maxaddr,
	};
	const char *val;
	uint32_t v;

	if (value(w, ctx, vf_segopts[o].kw, *has[o], &val, err, errlen) ||
	    vf_segopt_parse(o, val, &v, err, errlen))
		return -1;
	*has[o] = true;
	switch (o) {
	case VF_SO_ID:		a->id = v; break;
	case VF_SO_ENCAP:	a->encap = (uint8_t)v; break;
	case VF_SO_DSTPORT:	a->dstport = (uint16_t)v; break;
	case VF_SO_TTL:		a->ttl = (uint8_t)v; break;
	case VF_SO_TOS:		a->tos = (uint8_t)v; break;
	case VF_SO_DF:		a->df = (uint8_t)v; break;
	case VF_SO_AGEING:	a->ageing = v; break;
	case VF_SO_LEARNING:	a->learning = (uint8_t)v; break;
	case VF_SO_MAXADDR:	a->maxaddr = v; break;
	case VF_SO_N:		break;
	}
	return 0;
}

/* "learning [on|off]" or "nolearning" at @kw: 1 taken, 0 not, -1 bad */
static int parse_learning(struct walk *w, struct vf_args *a, const char *ctx,
			  const char *kw, char *err, size_t errlen)
{
	int at = w->i, n;
	uint8_t v;

	n = vf_segopt_learning(kw, next(w), &v, err, errlen);
	if (n <= 1)
		w->i = at;	/* the word after was not its value */
	if (n <= 0)
		return n;
	if (a->has_learning)
		return args_fail(err, errlen, "%s: 'learning' given twice",
				 ctx);
	a->learning = v;
	a->has_learning = true;
	return 1;
}

/* The options of "segment add" after NAME, or of "segment set". */
static int parse_seg_opts(struct walk *w, struct vf_args *a, char *err,
			  size_t errlen)
{
	static const char *const fixed[] = {
		"id", "encap", "local", "dstport", "dev",
	};
	bool add = a->cmd == VF_CMD_SEG_ADD;
	const char *ctx = add ? "segment add" : "segment set";
	const char *kw, *val;
	enum vf_segopt o;
	size_t i;
	int n;

	while ((kw = next(w))) {
		if (!add) {
			for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
				if (!strcmp(kw, fixed[i]))
					return args_fail(err, errlen,
						    "segment set: '%s' is fixed at creation (delete and add the segment to change it)",
						    kw);
		}
		for (o = 0; o < VF_SO_N; o++)
			if (!strcmp(kw, vf_segopts[o].kw))
				break;
		n = parse_learning(w, a, ctx, kw, err, errlen);
		if (n < 0)
			return -1;
		if (n > 0)
			continue;
		if (o < VF_SO_N) {
			if (parse_seg_value(w, a, ctx, o, err, errlen))
				return -1;
		} else if (!strcmp(kw, "local")) {
			if (value(w, ctx, kw, a->has_local, &val, err, errlen) ||
			    args_parse_addr(val, "local", &a->local, err, errlen))
				return -1;
			a->has_local = true;
		} else if (!strcmp(kw, "dev")) {
			if (dev_value(w, ctx, kw, a->link != NULL, &a->link,
				      err, errlen))
				return -1;
		} else if (!strcmp(kw, "probe")) {
			if (parse_probe(w, a, ctx, err, errlen))
				return -1;
		} else if (!strcmp(kw, "probe-misses")) {
			if (value(w, ctx, kw, a->has_probe_misses, &val, err,
				  errlen) ||
			    vf_parse_probe_misses(val, &a->probe_misses, err,
						  errlen))
				return -1;
			a->has_probe_misses = true;
		} else if (!strcmp(kw, "hold-down")) {
			if (value(w, ctx, kw, a->has_hold_down, &val, err,
				  errlen) ||
			    vf_parse_hold_down(val, &a->hold_down, err, errlen))
				return -1;
			a->has_hold_down = true;
		} else if (!strcmp(kw, "peer-storm")) {
			if (value(w, ctx, kw, a->has_peer_storm, &val, err,
				  errlen) ||
			    vf_parse_storm(val, kw, &a->peer_storm, err, errlen))
				return -1;
			a->has_peer_storm = true;
		} else if (!strcmp(kw, "peer-storm-burst")) {
			if (value(w, ctx, kw, a->has_peer_storm_burst, &val,
				  err, errlen) ||
			    args_parse_uint(val, kw, 0, VNETFAB_STORM_PPS_MAX,
					    &a->peer_storm_burst, err, errlen))
				return -1;
			a->has_peer_storm_burst = true;
		} else if (!strcmp(kw, "share")) {
			if (value(w, ctx, kw, a->has_share, &val, err, errlen) ||
			    vf_parse_share(val, &a->share, err, errlen))
				return -1;
			a->has_share = true;
		} else if (!strcmp(kw, "priority")) {
			if (value(w, ctx, kw, a->has_priority, &val, err,
				  errlen) ||
			    args_parse_uint(val, kw, 0, VNETFAB_PRIORITY_MAX,
					    &a->priority, err, errlen))
				return -1;
			a->has_priority = true;
		} else {
			return args_fail(err, errlen, "%s: unknown argument '%.*s%s'",
				    ctx, TOK(kw));
		}
	}
	if (!add && !(a->has_ttl || a->has_tos || a->has_df ||
		      a->has_ageing || a->has_learning || a->has_maxaddr ||
		      a->has_probe || a->has_probe_misses || a->has_hold_down ||
		      a->has_peer_storm || a->has_peer_storm_burst ||
		      a->has_share || a->has_priority))
		return args_fail(err, errlen,
			    "segment set: nothing to change (ttl, tos, df, ageing, learning, maxaddr, probe, probe-misses, hold-down, peer-storm, peer-storm-burst, share or priority)");
	return 0;
}

static int parse_segment(struct walk *w, struct vf_args *a, char *err,
			 size_t errlen)
{
	const char *sub, *s, *ctx;

	sub = next(w);
	if (!sub)
		return args_fail(err, errlen,
			    "segment: missing subcommand (add, set or del)");
	if (!strcmp(sub, "add")) {
		a->cmd = VF_CMD_SEG_ADD;
		ctx = "segment add";
	} else if (!strcmp(sub, "set")) {
		a->cmd = VF_CMD_SEG_SET;
		ctx = "segment set";
	} else if (!strcmp(sub, "del") || !strcmp(sub, "delete")) {
		a->cmd = VF_CMD_SEG_DEL;
		ctx = "segment del";
	} else {
		return args_fail(err, errlen,
			    "segment: unknown subcommand '%.*s%s' (expected add, set or del)",
			    TOK(sub));
	}
	s = next(w);
	if (!s)
		return args_fail(err, errlen, "%s: missing device name", ctx);
	if (s[0] == '-')
		return args_fail(err, errlen, "unknown option '%.*s%s'", TOK(s));
	if (args_check_ifname(s, err, errlen))
		return -1;
	a->ifname = s;
	if (a->cmd != VF_CMD_SEG_DEL)
		return parse_seg_opts(w, a, err, errlen);
	s = next(w);
	if (s)
		return args_fail(err, errlen,
			    "segment del: unexpected argument '%.*s%s'", TOK(s));
	return 0;
}

/*
 * "remote ADDR", "path ADDR", "local ADDR" of "peer add" (its one peer)
 * and "peer set" (each "remote" starts one more peer of the set)
 */
static int parse_peer_path(struct walk *w, struct vf_args *a, const char *ctx,
			   const char *kw, char *err, size_t errlen)
{
	struct vf_paths none = { 0 }, *p = &a->paths, *v;
	char msg[ARGS_ERRLEN];
	const char *val;

	if (value(w, ctx, kw, a->cmd == VF_CMD_PEER_ADD && a->has_remote &&
		  !strcmp(kw, "remote"), &val, err, errlen))
		return -1;
	if (a->cmd == VF_CMD_PEER_SET && !strcmp(kw, "remote")) {
		if (a->n_peers >= VF_MAX_PEERS)
			return args_fail(err, errlen,
				    "peer set: more than %u remotes (a segment has at most %u peers)",
				    VF_MAX_PEERS, VF_MAX_PEERS);
		v = realloc(a->peers, (a->n_peers + 1) * sizeof(*v));
		if (!v)
			return args_fail(err, errlen, "%s: out of memory", ctx);
		a->peers = v;
		memset(&a->peers[a->n_peers++], 0, sizeof(*v));
	}
	if (a->cmd == VF_CMD_PEER_SET)
		p = a->n_peers ? &a->peers[a->n_peers - 1] : &none;
	if (vf_paths_word(p, kw, val, msg, sizeof(msg)))
		return args_fail(err, errlen, "%s: %s", ctx, msg);
	a->has_remote = true;
	a->remote = p->v[0].addr;
	return 0;
}

/*
 * "peer add|del|list|set" with "dev SEG", "remote ADDR", "dstport N", and
 * for add and set "path ADDR", "local ADDR" and "probe MS|off"
 */
static int parse_peer(struct walk *w, struct vf_args *a, char *err,
		      size_t errlen)
{
	const char *sub, *kw, *ctx;
	char msg[ARGS_ERRLEN];
	bool none = false, paths;
	int ret;

	sub = next(w);
	if (!sub)
		return args_fail(err, errlen,
			    "peer: missing subcommand (add, del, set or list)");
	if (!strcmp(sub, "add")) {
		a->cmd = VF_CMD_PEER_ADD;
		ctx = "peer add";
	} else if (!strcmp(sub, "del") || !strcmp(sub, "delete")) {
		a->cmd = VF_CMD_PEER_DEL;
		ctx = "peer del";
	} else if (!strcmp(sub, "list") || !strcmp(sub, "show")) {
		a->cmd = VF_CMD_PEER_LIST;
		ctx = "peer list";
	} else if (!strcmp(sub, "set")) {
		a->cmd = VF_CMD_PEER_SET;
		ctx = "peer set";
	} else {
		return args_fail(err, errlen,
			    "peer: unknown subcommand '%.*s%s' (expected add, del, set or list)",
			    TOK(sub));
	}
	paths = a->cmd == VF_CMD_PEER_ADD || a->cmd == VF_CMD_PEER_SET;
	while ((kw = next(w))) {
		if (!strcmp(kw, "dev")) {
			if (dev_value(w, ctx, kw, a->ifname != NULL, &a->ifname,
				      err, errlen))
				return -1;
		} else if (paths && (!strcmp(kw, "remote") ||
				     !strcmp(kw, "path") || !strcmp(kw, "local"))) {
			if (parse_peer_path(w, a, ctx, kw, err, errlen))
				return -1;
		} else if (a->cmd == VF_CMD_PEER_SET && !strcmp(kw, "none")) {
			none = true;
		} else if (a->cmd != VF_CMD_PEER_LIST && !strcmp(kw, "remote")) {
			if (parse_remote(w, a, ctx, err, errlen))
				return -1;
		} else if (a->cmd != VF_CMD_PEER_LIST && !strcmp(kw, "dstport")) {
			if (parse_dstport(w, a, ctx, err, errlen))
				return -1;
		} else if ((a->cmd == VF_CMD_PEER_ADD ||
			    a->cmd == VF_CMD_PEER_SET) && !strcmp(kw, "probe")) {
			if (parse_probe(w, a, ctx, err, errlen))
				return -1;
		} else {
			return args_unknown(ctx, kw, a->ifname, err, errlen);
		}
	}
	if (!a->ifname)
		return args_fail(err, errlen, "%s: missing 'dev SEG'", ctx);
	if (a->cmd == VF_CMD_PEER_SET) {
		/* an empty set must be asked for: it deletes every peer */
		if (none == !!a->n_peers)
			return args_fail(err, errlen,
				    "peer set: give 'remote ADDR' for each peer of the new set, or 'none' to delete every peer");
		ret = vf_paths_set_check(a->peers, a->n_peers, msg,
					 sizeof(msg));
		if (ret)
			return args_fail(err, errlen, "peer set: %s",
				    ret == -2 ? "out of memory" : msg);
		return 0;
	}
	if (a->cmd != VF_CMD_PEER_LIST && !a->has_remote)
		return args_fail(err, errlen, "%s: missing 'remote ADDR'", ctx);
	return 0;
}

/* one of "port IFNAME", "remote ADDR", "local" */
static int fdb_dest(struct vf_args *a, enum vf_fdb_dest d, const char *kw,
		    char *err, size_t errlen)
{
	if (a->fdb_dest == d)
		return args_fail(err, errlen, "fdb add: '%s' given twice", kw);
	if (a->fdb_dest != VF_FDB_NONE)
		return args_fail(err, errlen,
			    "fdb add: give only one of 'port', 'remote' and 'local'");
	a->fdb_dest = d;
	return 0;
}

/* "fdb add|del|show" with "dev SEG", a MAC and, for add, a destination */
/* "fdb flush dev SEG [all]" */
static int parse_fdb_flush(struct walk *w, struct vf_args *a, char *err,
			   size_t errlen)
{
	const char *kw;

	a->cmd = VF_CMD_FDB_FLUSH;
	while ((kw = next(w))) {
		if (!strcmp(kw, "dev")) {
			if (dev_value(w, "fdb flush", kw, a->ifname != NULL,
				      &a->ifname, err, errlen))
				return -1;
		} else if (!strcmp(kw, "all") && !a->flush_all) {
			a->flush_all = true;
		} else {
			return args_fail(err, errlen,
				    "fdb flush: unknown argument '%.*s%s' (expected 'dev SEG' and optionally 'all')",
				    TOK(kw));
		}
	}
	if (!a->ifname)
		return args_fail(err, errlen, "fdb flush: missing 'dev SEG'");
	return 0;
}

static int parse_fdb(struct walk *w, struct vf_args *a, char *err,
		     size_t errlen)
{
	const char *sub, *kw, *ctx;
	bool add;

	sub = next(w);
	if (!sub)
		return args_fail(err, errlen,
			    "fdb: missing subcommand (add, del, flush or show)");
	if (!strcmp(sub, "flush"))
		return parse_fdb_flush(w, a, err, errlen);
	if (!strcmp(sub, "add")) {
		a->cmd = VF_CMD_FDB_ADD;
		ctx = "fdb add";
	} else if (!strcmp(sub, "del") || !strcmp(sub, "delete")) {
		a->cmd = VF_CMD_FDB_DEL;
		ctx = "fdb del";
	} else if (!strcmp(sub, "show") || !strcmp(sub, "list")) {
		a->cmd = VF_CMD_FDB_SHOW;
		ctx = "fdb show";
	} else {
		return args_fail(err, errlen,
			    "fdb: unknown subcommand '%.*s%s' (expected add, del, flush or show)",
			    TOK(sub));
	}
	add = a->cmd == VF_CMD_FDB_ADD;
	while ((kw = next(w))) {
		if (!strcmp(kw, "dev")) {
			if (dev_value(w, ctx, kw, a->ifname != NULL, &a->ifname,
				      err, errlen))
				return -1;
		} else if (add && !strcmp(kw, "port")) {
			if (fdb_dest(a, VF_FDB_PORT, kw, err, errlen) ||
			    dev_value(w, ctx, kw, false, &a->port, err, errlen))
				return -1;
		} else if (add && !strcmp(kw, "remote")) {
			if (fdb_dest(a, VF_FDB_REMOTE, kw, err, errlen) ||
			    parse_remote(w, a, ctx, err, errlen))
				return -1;
		} else if (add && !strcmp(kw, "local")) {
			if (fdb_dest(a, VF_FDB_LOCAL, kw, err, errlen))
				return -1;
		} else if (add && !strcmp(kw, "dstport")) {
			if (parse_dstport(w, a, ctx, err, errlen))
				return -1;
		} else if (a->cmd != VF_CMD_FDB_SHOW && !a->has_mac &&
			   kw[0] != '-' && strchr(kw, ':')) {
			/* the one positional argument: a MAC address */
			if (args_parse_mac(kw, a->mac, err, errlen))
				return -1;
			a->has_mac = true;
		} else {
			return args_unknown(ctx, kw, a->ifname, err, errlen);
		}
	}
	if (!a->ifname)
		return args_fail(err, errlen, "%s: missing 'dev SEG'", ctx);
	if (a->cmd == VF_CMD_FDB_SHOW)
		return 0;
	if (!a->has_mac)
		return args_fail(err, errlen, "%s: missing MAC address", ctx);
	if (!add)
		return 0;
	if (a->fdb_dest == VF_FDB_NONE)
		return args_fail(err, errlen,
			    "fdb add: missing destination ('port IFNAME', 'remote ADDR' or 'local')");
	if (a->has_dstport && a->fdb_dest != VF_FDB_REMOTE)
		return args_fail(err, errlen,
			    "fdb add: 'dstport' goes with 'remote ADDR' only");
	return 0;
}

void args_free(struct vf_args *a)
{
	free(a->peers);
	a->peers = NULL;
	a->n_peers = 0;
}

static char json_word[] = "--json";

static bool is_command(const char *cmd)
{
	static const char *const cmds[] = {
		"show", "segment", "peer", "fdb", "stats", "port", "share",
		"monitor", "apply", "dump-config", "graph",
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(cmd, cmds[i]))
			return true;
	return false;
}

int args_short_options(int argc, char **argv, bool *pretty)
{
	bool lead = true;	/* still in the options before the command */
	int i, o;

	for (i = 1, o = 1; i < argc; i++) {
		lead = lead && argv[i][0] == '-';
		if (lead) {
			if (!strcmp(argv[i], "-p") || !strcmp(argv[i], "-pretty") ||
			    !strcmp(argv[i], "--pretty")) {
				*pretty = true;
				continue;
			}
			if (!strcmp(argv[i], "-j"))
				argv[i] = json_word;
		}
		argv[o++] = argv[i];
	}
	if (o < argc)
		argv[o] = NULL;
	return o;
}

int args_unknown(const char *ctx, const char *kw, bool have_dev, char *err,
		 size_t errlen)
{
	if (have_dev)
		return args_fail(err, errlen, "%s: unknown argument '%.*s%s'",
				 ctx, TOK(kw));
	return args_fail(err, errlen,
			 "%s: unknown argument '%.*s%s' (expected 'dev SEG' to name the segment)",
			 ctx, TOK(kw));
}

int args_parse(int argc, char **argv, struct vf_args *a, char *err,
	       size_t errlen)
{
	struct walk w = { .argc = argc, .argv = argv, .i = 1 };
	const char *cmd, *s;
	int i;

	memset(a, 0, sizeof(*a));
	if (err && errlen)
		err[0] = '\0';
	argc = args_short_options(argc, argv, &a->pretty);
	w.argc = argc;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--json"))
			a->json = true;

	cmd = next(&w);
	if (!cmd)
		return args_fail(err, errlen, "missing command");
	if (!strcmp(cmd, "help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "--help")) {
		a->cmd = VF_CMD_HELP;
		return 0;
	}
	/* "COMMAND help", as "ip link help": that command's help */
	if (w.i < argc && !strcmp(argv[w.i], "help") && is_command(cmd)) {
		a->cmd = VF_CMD_HELP;
		a->help_cmd = cmd;
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		a->cmd = VF_CMD_VERSION;
		return 0;
	}

	if (!strcmp(cmd, "show")) {
		a->cmd = VF_CMD_SHOW;
		s = next(&w);
		/* "show dev SEG" as "show SEG", the iproute2 way */
		if (s && !strcmp(s, "dev")) {
			s = next(&w);
			if (!s)
				return args_fail(err, errlen,
					    "show: 'dev' needs a segment name");
		}
		if (s) {
			if (s[0] == '-')
				return args_fail(err, errlen, "unknown option '%.*s%s'",
					    TOK(s));
			if (args_check_ifname(s, err, errlen))
				return -1;
			a->ifname = s;
		}
		s = next(&w);
		if (s)
			return args_fail(err, errlen, "show: unexpected argument '%.*s%s'",
				    TOK(s));
		return 0;
	}

	if (!strcmp(cmd, "segment"))
		return parse_segment(&w, a, err, errlen);
	if (!strcmp(cmd, "peer"))
		return parse_peer(&w, a, err, errlen);
	if (!strcmp(cmd, "fdb"))
		return parse_fdb(&w, a, err, errlen);
	if (!strcmp(cmd, "monitor"))
		return args_parse_monitor(&w, a, err, errlen);
	if (!strcmp(cmd, "apply"))
		return args_parse_apply(&w, a, err, errlen);
	if (!strcmp(cmd, "dump-config"))
		return args_parse_dump_config(&w, a, err, errlen);
	if (!strcmp(cmd, "stats"))
		return args_parse_stats(&w, a, err, errlen);
	if (!strcmp(cmd, "port"))
		return args_parse_port(&w, a, err, errlen);
	if (!strcmp(cmd, "share"))
		return args_parse_share(&w, a, err, errlen);

	if (cmd[0] == '-')
		return args_fail(err, errlen, "unknown option '%.*s%s'", TOK(cmd));
	return args_fail(err, errlen, "unknown command '%.*s%s'", TOK(cmd));
}
