// SPDX-License-Identifier: GPL-2.0
/*
 * vnetfabctl - control vnetfab segments (command dispatch and output).
 *
 * Exit status: 0 success, 1 runtime or kernel error, 2 usage error.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/vnetfab.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "apply.h"
#include "args.h"
#include "genl.h"
#include "json.h"
#include "graph.h"
#include "link.h"
#include "liveness.h"
#include "netns.h"
#include "port.h"
#include "share.h"
#include "print.h"
#include "usage.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };


/* Opens the generic netlink socket, or says why not. 0 or -1. */
static int genl_open(struct nl_sock **sk, int *family)
{
	struct nlu_err e;
	int ret;

	ret = vnetfab_genl_open(sk, family, &e);
	if (ret == VNETFAB_GENL_NOFAMILY) {
		vf_eprintf("%s\n", VNETFAB_NOFAMILY_MSG);
		return -1;
	}
	if (ret) {
		nlu_perror("generic netlink", &e);
		return -1;
	}
	return 0;
}

static int cmd_show(const struct vf_args *a)
{
	struct vnetfab_segment *segs;
	struct nl_sock *sk;
	struct nlu_err e;
	int family, ret;
	size_t n;

	if (genl_open(&sk, &family))
		return EXIT_RUNTIME;
	ret = vnetfab_get_segments(sk, family, a->ifname, &segs, &n, &e);
	nlu_close(sk);
	if (ret) {
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	if (a->ifname && n == 0) {
		free(segs);
		e = (struct nlu_err){ .err = ENODEV };
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	if (a->json)
		ret = print_segments_json(stdout, segs, n);
	else
		print_segments_text(stdout, segs, n);
	free(segs);
	return ret ? EXIT_RUNTIME : EXIT_OK;
}

/* ifindex of device @name, or 0 after saying it does not exist */
static unsigned int dev_index(const char *name)
{
	struct nlu_err e = { .err = ENODEV };
	unsigned int ifindex;

	errno = 0;
	ifindex = if_nametoindex(name);
	if (!ifindex) {
		if (errno && errno != ENXIO && errno != ENODEV)
			e.err = errno;
		nlu_perror(name, &e);
	}
	return ifindex;
}

/* shares changed: the underlays' schedulers follow (share.c) */
static int share_sync(void)
{
	struct nlu_err e;

	if (!vf_share_sync(&e))
		return EXIT_OK;
	nlu_perror("updating the underlay share scheduler", &e);
	return EXIT_RUNTIME;
}

static int cmd_add(const struct vf_args *a)
{
	unsigned int link = 0;
	struct nlu_err e;

	if (a->link) {
		link = dev_index(a->link);
		if (!link)
			return EXIT_RUNTIME;
	}
	if (!vnetfab_link_add(a, link, &e))
		return a->has_share ? share_sync() : EXIT_OK;
	nlu_perror(NULL, &e);
	/* "Unknown device type": the link kind is not registered */
	if (e.err == EOPNOTSUPP && access("/sys/module/vnetfab", F_OK))
		vf_eprintf(
			"vnetfabctl: is the module loaded? (modprobe vnetfab)\n");
	return EXIT_RUNTIME;
}

static int cmd_set(const struct vf_args *a)
{
	struct nlu_err e;
	int ret;

	ret = vnetfab_link_set(a, &e);
	if (ret == VNETFAB_LINK_NOTSEG) {
		vf_eprintf("vnetfabctl: %s: not a vnetfab segment\n",
			a->ifname);
		return EXIT_RUNTIME;
	}
	if (ret) {
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	return a->has_share || a->has_priority ? share_sync() : EXIT_OK;
}

static int cmd_del(const struct vf_args *a)
{
	struct nlu_err e;
	int ret;

	ret = vnetfab_link_del(a->ifname, &e);
	if (ret == VNETFAB_LINK_NOTSEG) {
		vf_eprintf("vnetfabctl: %s: not a vnetfab segment\n",
			a->ifname);
		return EXIT_RUNTIME;
	}
	if (ret) {
		nlu_perror(e.err == ENODEV ? a->ifname : NULL, &e);
		return EXIT_RUNTIME;
	}
	return share_sync();
}

static int cmd_share(const struct vf_args *a)
{
	struct nlu_err e;
	int ret;

	if (a->cmd == VF_CMD_SHARE_SET)
		ret = vf_share_set(a->ifname, a->rate, &e);
	else if (a->cmd == VF_CMD_SHARE_DEL)
		ret = vf_share_del(a->ifname, &e);
	else
		ret = vf_share_show(stdout, a->ifname, a->json, &e);
	if (ret) {
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

static int cmd_peer(const struct vf_args *a)
{
	struct vnetfab_peer *peers;
	struct nl_sock *sk;
	struct nlu_err e;
	int family, ret;
	size_t n;

	if (genl_open(&sk, &family))
		return EXIT_RUNTIME;
	if (a->cmd == VF_CMD_PEER_SET) {
		ret = vnetfab_set_peers(sk, family, a->ifname, a->peers,
					a->n_peers, a->has_dstport,
					a->dstport, a->has_probe, a->probe,
					&e);
		nlu_close(sk);
		if (ret) {
			nlu_perror(a->ifname, &e);
			return EXIT_RUNTIME;
		}
		return EXIT_OK;
	}
	if (a->cmd != VF_CMD_PEER_LIST) {
		struct vnetfab_peer_spec p = {
			.paths = a->paths,
			.has_dstport = a->has_dstport, .dstport = a->dstport,
			.has_probe = a->has_probe, .probe = a->probe,
		};

		if (a->cmd == VF_CMD_PEER_DEL)
			p.paths = (struct vf_paths){ .n = 1,
						     .v[0].addr = a->remote };
		ret = vnetfab_peer_change(sk, family,
					  a->cmd == VF_CMD_PEER_ADD ?
					  VNETFAB_CMD_ADD_PEER :
					  VNETFAB_CMD_DEL_PEER,
					  a->ifname, &p, &e);
		nlu_close(sk);
		if (ret) {
			nlu_perror(a->ifname, &e);
			return EXIT_RUNTIME;
		}
		return EXIT_OK;
	}
	ret = vnetfab_get_peers(sk, family, a->ifname, &peers, &n, &e);
	nlu_close(sk);
	if (ret) {
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	if (a->json)
		ret = print_peers_json(stdout, peers, n);
	else
		print_peers_text(stdout, peers, n);
	free(peers);
	return ret ? EXIT_RUNTIME : EXIT_OK;
}

static int cmd_stats(const struct vf_args *a)
{
	struct vnetfab_segment *segs = NULL;
	struct vnetfab_peer *peers = NULL;
	struct nl_sock *sk;
	struct nlu_err e;
	size_t n_segs, n;
	int family, ret;

	if (genl_open(&sk, &family))
		return EXIT_RUNTIME;
	ret = vnetfab_get_segments(sk, family, a->ifname, &segs, &n_segs, &e);
	if (!ret && n_segs == 1)
		ret = vnetfab_get_peers(sk, family, a->ifname, &peers, &n, &e);
	nlu_close(sk);
	if (ret || n_segs != 1) {
		if (!ret)
			e = (struct nlu_err){ .err = ENODEV };
		nlu_perror(a->ifname, &e);
		free(segs);
		return EXIT_RUNTIME;
	}
	if (a->json)
		ret = print_stats_json(stdout, segs, peers, n);
	else
		print_stats_text(stdout, segs, peers, n);
	free(peers);
	free(segs);
	return ret ? EXIT_RUNTIME : EXIT_OK;
}

static int not_a_port(const char *port)
{
	vf_eprintf(
		"vnetfabctl: %s: not a port of a vnetfab segment (make it one with: ip link set %s master SEG)\n",
		port, port);
	return EXIT_RUNTIME;
}

static int cmd_port(const struct vf_args *a)
{
	struct vf_port *v;
	struct nlu_err e;
	size_t n;
	int ret = 0;

	if (a->cmd == VF_CMD_PORT_SET) {
		ret = vf_port_set(a, &e);
		if (ret == VF_PORT_NOTPORT)
			return not_a_port(a->port);
		if (ret) {
			nlu_perror(a->port, &e);
			return EXIT_RUNTIME;
		}
		return EXIT_OK;
	}
	if (vf_port_list(a->ifname, a->port, &v, &n, &e)) {
		nlu_perror(a->port ? a->port : NULL, &e);
		return EXIT_RUNTIME;
	}
	if (a->port && !n) {
		free(v);
		return not_a_port(a->port);
	}
	if (a->json)
		ret = vf_port_print_json(stdout, v, n);
	else
		vf_port_print_text(stdout, v, n);
	free(v);
	return ret ? EXIT_RUNTIME : EXIT_OK;
}

struct monitor {
	const struct vf_args *a;
	unsigned long seen;
	int ret;
};

static int monitor_cb(struct nl_msg *msg, void *arg)
{
	struct vnetfab_event_msg ev;
	struct monitor *m = arg;

	if (vnetfab_parse_event(nlmsg_hdr(msg), &ev))
		return NL_OK;	/* not an event: not ours */
	if (m->a->ifname && strcmp(ev.ifname, m->a->ifname))
		return NL_OK;
	if (m->a->json) {
		if (print_event_json(stdout, &ev))
			m->ret = EXIT_RUNTIME;
	} else {
		print_event_text(stdout, &ev);
	}
	/* a reader behind a pipe sees each event as it comes */
	if (fflush(stdout))
		m->ret = EXIT_RUNTIME;
	m->seen++;
	if (m->a->count && m->seen >= m->a->count)
		return NL_STOP;
	return NL_OK;
}

static int cmd_monitor(const struct vf_args *a)
{
	struct monitor m = { .a = a, .ret = EXIT_OK };
	struct nl_sock *sk;
	int family, grp, ret;

	if (genl_open(&sk, &family))
		return EXIT_RUNTIME;
	grp = genl_ctrl_resolve_grp(sk, VNETFAB_GENL_NAME, VNETFAB_MCGRP_EVENTS);
	if (grp < 0) {
		vf_eprintf(
			"vnetfabctl: the vnetfab module has no '%s' group: %s (load a module as new as this tool)\n",
			VNETFAB_MCGRP_EVENTS, nl_geterror(grp));
		nlu_close(sk);
		return EXIT_RUNTIME;
	}
	ret = nl_socket_add_membership(sk, grp);
	if (ret < 0) {
		vf_eprintf("vnetfabctl: cannot join the events group: %s\n",
			nl_geterror(ret));
		nlu_close(sk);
		return EXIT_RUNTIME;
	}
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, monitor_cb, &m);
	vf_eprintf("vnetfabctl: listening for events%s%s\n",
		a->ifname ? " of " : "", a->ifname ? a->ifname : "");
	while (m.ret == EXIT_OK && (!a->count || m.seen < a->count)) {
		ret = nl_recvmsgs_default(sk);
		if (ret == -NLE_NOMEM) {
			/* the socket overran: say so, go on */
			vf_eprintf("vnetfabctl: events lost (receive buffer overrun)\n");
			continue;
		}
		if (ret < 0) {
			vf_eprintf("vnetfabctl: receiving events: %s\n",
				nl_geterror(ret));
			m.ret = EXIT_RUNTIME;
		}
	}
	nlu_close(sk);
	return m.ret;
}

static int cmd_fdb(const struct vf_args *a)
{
	struct vnetfab_fdb req = { .has = FDB_MAC }, *fdb;
	struct nl_sock *sk;
	struct nlu_err e;
	int family, ret;
	uint8_t cmd;
	size_t n;

	memcpy(req.mac, a->mac, sizeof(req.mac));
	switch (a->fdb_dest) {
	case VF_FDB_PORT:
		/* before the module's absence: says which name is wrong */
		req.port_ifindex = dev_index(a->port);
		if (!req.port_ifindex)
			return EXIT_RUNTIME;
		req.has |= FDB_PORT;
		break;
	case VF_FDB_REMOTE:
		req.has |= FDB_PEER;
		req.peer.has = PEER_ADDR;
		req.peer.addr = a->remote;
		if (a->has_dstport) {
			req.peer.has |= PEER_DSTPORT;
			req.peer.dstport = a->dstport;
		}
		break;
	case VF_FDB_LOCAL:
		req.has |= FDB_LOCAL;
		break;
	case VF_FDB_NONE:
		break;
	}

	if (a->cmd == VF_CMD_FDB_FLUSH)
		/* the nest says "static too", or is empty: learned only */
		req.has = a->flush_all ? FDB_STATIC : 0;
	if (genl_open(&sk, &family))
		return EXIT_RUNTIME;
	if (a->cmd != VF_CMD_FDB_SHOW) {
		if (a->cmd == VF_CMD_FDB_FLUSH)
			cmd = VNETFAB_CMD_FLUSH_FDB;
		else if (a->cmd == VF_CMD_FDB_ADD)
			cmd = VNETFAB_CMD_ADD_FDB;
		else
			cmd = VNETFAB_CMD_DEL_FDB;
		ret = vnetfab_fdb_change(sk, family, cmd, a->ifname, &req, &e);
		nlu_close(sk);
		if (ret) {
			nlu_perror(a->ifname, &e);
			return EXIT_RUNTIME;
		}
		return EXIT_OK;
	}
	ret = vnetfab_get_fdb(sk, family, a->ifname, &fdb, &n, &e);
	nlu_close(sk);
	if (ret) {
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	if (a->json)
		ret = print_fdb_json(stdout, fdb, n);
	else
		print_fdb_text(stdout, fdb, n);
	free(fdb);
	return ret ? EXIT_RUNTIME : EXIT_OK;
}

/* a failed write of standard output fails the command */
static int flushed(int ret)
{
	if (fflush(stdout) || ferror(stdout)) {
		perror("vnetfabctl: write error");
		if (ret == EXIT_OK)
			ret = EXIT_RUNTIME;
	}
	return ret;
}

/*
 * "graph" parses its own words (graph.c): the index of the word "graph"
 * after any leading "--json", or 0
 */
static int graph_cmd(int argc, char **argv)
{
	int i = 1;

	while (i < argc && !strcmp(argv[i], "--json"))
		i++;
	return i < argc && !strcmp(argv[i], "graph") ? i : 0;
}

/*
 * "-j -n NS ...": -n NS first, where netns_args() takes it (ip takes its
 * options in any order)
 */
static void netns_first(int argc, char **argv)
{
	char *opt, *name;
	int i;

	for (i = 1; i + 1 < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-n") && strcmp(argv[i], "-netns") &&
		    strcmp(argv[i], "--netns"))
			continue;
		opt = argv[i];
		name = argv[i + 1];
		memmove(argv + 3, argv + 1, (i - 1) * sizeof(*argv));
		argv[1] = opt;
		argv[2] = name;
		return;
	}
}

int main(int argc, char **argv)
{
	const char *netns = NULL;
	char err[ARGS_ERRLEN];
	struct vf_args a;
	int ret, g;

	netns_first(argc, argv);
	/* the name of -n NETNS names this host in "graph" */
	if (argc > 2 && (!strcmp(argv[1], "-n") || !strcmp(argv[1], "-netns") ||
			 !strcmp(argv[1], "--netns")))
		netns = argv[2];
	ret = netns_args(&argc, &argv, err, sizeof(err));
	if (ret) {
		vf_eprintf("vnetfabctl: %s\n", err);
		return ret == -1 ? EXIT_USAGE : EXIT_RUNTIME;
	}
	argc = args_short_options(argc, argv, &json_pretty);
	g = graph_cmd(argc, argv);
	if (g && g + 1 < argc && !strcmp(argv[g + 1], "help")) {
		usage_of(stdout, "graph");
		return flushed(EXIT_OK);
	}
	if (g) {
		/* the words but "graph": a leading "--json" moves up one */
		for (; g > 1; g--)
			argv[g] = argv[g - 1];
		return flushed(graph_main(argc - 2, argv + 2, netns));
	}
	if (args_parse(argc, argv, &a, err, sizeof(err))) {
		vf_eprintf("vnetfabctl: %s\nsee 'vnetfabctl help'\n", err);
		args_free(&a);
		return EXIT_USAGE;
	}

	switch (a.cmd) {
	case VF_CMD_HELP:
		if (a.help_cmd)
			usage_of(stdout, a.help_cmd);
		else
			usage(stdout);
		ret = EXIT_OK;
		break;
	case VF_CMD_VERSION:
		printf("vnetfabctl %s (generic netlink family %s v%d)\n",
		       VNETFAB_VERSION, VNETFAB_GENL_NAME,
		       VNETFAB_GENL_VERSION);
		ret = EXIT_OK;
		break;
	case VF_CMD_SHOW:
		ret = cmd_show(&a);
		break;
	case VF_CMD_SEG_ADD:
		ret = cmd_add(&a);
		break;
	case VF_CMD_SEG_SET:
		ret = cmd_set(&a);
		break;
	case VF_CMD_SEG_DEL:
		ret = cmd_del(&a);
		break;
	case VF_CMD_PEER_ADD:
	case VF_CMD_PEER_DEL:
	case VF_CMD_PEER_LIST:
	case VF_CMD_PEER_SET:
		ret = cmd_peer(&a);
		break;
	case VF_CMD_FDB_ADD:
	case VF_CMD_FDB_DEL:
	case VF_CMD_FDB_SHOW:
	case VF_CMD_FDB_FLUSH:
		ret = cmd_fdb(&a);
		break;
	case VF_CMD_APPLY:
		ret = apply_file(a.file, a.host, a.dry_run, a.check, a.prune);
		if (ret == EXIT_OK && !a.dry_run && !a.check)
			ret = share_sync();
		break;
	case VF_CMD_DUMP_CONFIG:
		ret = dump_config();
		break;
	case VF_CMD_MONITOR:
		ret = cmd_monitor(&a);
		break;
	case VF_CMD_STATS:
		ret = cmd_stats(&a);
		break;
	case VF_CMD_PORT_SET:
	case VF_CMD_PORT_SHOW:
		ret = cmd_port(&a);
		break;
	case VF_CMD_SHARE_SET:
	case VF_CMD_SHARE_SHOW:
	case VF_CMD_SHARE_DEL:
		ret = cmd_share(&a);
		break;
	default:
		ret = EXIT_USAGE;
		break;
	}

	args_free(&a);
	return flushed(ret);
}
