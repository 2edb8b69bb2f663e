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
#include "graph.h"
#include "link.h"
#include "liveness.h"
#include "netns.h"
#include "port.h"
#include "share.h"
#include "print.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: vnetfabctl [-n NETNS] [-j] COMMAND ...  (-n: in netns NETNS of\n"
		"       'ip netns'; -j: --json)\n"
		"       vnetfabctl show [[dev] DEV] [--json]\n"
		"       vnetfabctl segment add NAME [id N] [encap udp|gre] [local ADDR]\n"
		"                              [dstport N] [dev IFNAME] [SETTINGS]\n"
		"       vnetfabctl segment set NAME SETTINGS\n"
		"       vnetfabctl segment del NAME\n"
		"       vnetfabctl peer add dev SEG remote ADDR [local ADDR] [PATH]...\n"
		"                           [dstport N] [probe MS|off]\n"
		"       vnetfabctl peer del dev SEG remote ADDR [dstport N]\n"
		"       vnetfabctl peer set dev SEG (remote ADDR [local ADDR] [PATH]...)...\n"
		"                           | none [dstport N] [probe MS|off]\n"
		"       vnetfabctl peer list dev SEG [--json]\n"
		"       vnetfabctl fdb add dev SEG MAC\n"
		"                          (port IFNAME | remote ADDR [dstport N] | local)\n"
		"       vnetfabctl fdb del dev SEG MAC\n"
		"       vnetfabctl fdb flush dev SEG [all]\n"
		"       vnetfabctl fdb show dev SEG [--json]\n"
		"       vnetfabctl stats dev SEG [--json]\n"
		"       vnetfabctl port set PORT [locked on|off] [max-macs N]\n"
		"                           [storm PPS|off] [storm-burst N]\n"
		"       vnetfabctl port show [PORT | dev SEG] [--json]\n"
		"       vnetfabctl share set dev UNDERLAY rate RATE\n"
		"       vnetfabctl share show [dev UNDERLAY] [--json]\n"
		"       vnetfabctl share del dev UNDERLAY\n"
		"       vnetfabctl monitor [dev SEG] [count N] [--json]\n"
		"       vnetfabctl apply [--host NAME] FILE [--dry-run|--check]\n"
		"       vnetfabctl dump-config\n"
		"       vnetfabctl graph [--json] [--svg FILE] [FILE...]\n"
		"       vnetfabctl help | -h | --help | --version\n"
		"SETTINGS := [ttl N] [tos N|inherit] [df unset|set|inherit] [ageing SECONDS]\n"
		"            [learning on|off] [maxaddr N] [probe MS|off] [probe-misses N]\n"
		"            [hold-down MS] [peer-storm PPS|off] [peer-storm-burst N]\n"
		"            [share N|off] [priority N]\n"
		"PATH     := path ADDR [local ADDR]\n"
		"\n"
		"  show         list segments: id, encap, mtu, state, dstport, number of\n"
		"               ports, peers and MACs, and counters (--json: JSON array)\n"
		"  segment add  create segment device NAME; fixed at creation:\n"
		"                 id       %u..%u (default %u)\n"
		"                 encap    udp (VXLAN wire format, default) or gre\n"
		"                 local    IPv4 or IPv6 source address of the tunnel\n"
		"                          (default: the route's choice)\n"
		"                 dstport  UDP port of this host and its peers, %u..%u\n"
		"                          (default %u)\n"
		"                 dev      underlay device the tunnel leaves through\n"
		"  segment set  change the SETTINGS of segment NAME:\n"
		"                 ttl      outer TTL / hop limit, %u..%u (default %u)\n"
		"                 tos      outer TOS, 0..%u, or inherit from the inner\n"
		"                          header (tos 1 also means inherit; default 0)\n"
		"                 df       outer Don't Fragment: unset (default), set, or\n"
		"                          inherit from the inner IPv4 header\n"
		"                 ageing   seconds a learned MAC lives, %u..%u (default %u)\n"
		"                 learning learn source MACs, on (default) or off\n"
		"                 maxaddr  most learned MACs, %u..%u (default %u)\n"
		"                 probe    probe a peer silent this many ms, %u..%u,\n"
		"                          or off (default %u)\n"
		"                 probe-misses  a peer that answered probes is down\n"
		"                          once silent this many intervals, %u..%u\n"
		"                          (default %u)\n"
		"                 hold-down  ms a peer's preferred path must be up\n"
		"                          again before frames go back to it, 0..%u\n"
		"                          (default %u)\n"
		"                 peer-storm  broadcast, multicast and unknown-unicast\n"
		"                          frames a second each peer may send into the\n"
		"                          segment, or off (default); peer-storm-burst:\n"
		"                          how many at once (default: a second's worth)\n"
		"                 share  the segment's weight on the underlay, 1..%u,\n"
		"                          or off (none, the default); priority: 0..%u,\n"
		"                          higher is sent first (default 0); see share\n"
		"  segment del  delete segment device NAME\n"
		"  peer add     add peer host ADDR (IPv4 or IPv6) to segment SEG;\n"
		"               dstport defaults to the segment's; probe: the peer's\n"
		"               own probe interval (off: never probe it), default\n"
		"               the segment's; path: one more underlay address of\n"
		"               the host (at most %u paths in all, of one family, in\n"
		"               order of preference: frames take the first one up);\n"
		"               local: the source address of the remote or path\n"
		"               before it (default the segment's, else the route's)\n"
		"  peer del     delete the peer, and the MACs learned behind it\n"
		"  peer set     make the peers of SEG exactly the ADDRs given, at once:\n"
		"               peers that stay keep carrying frames and their MACs;\n"
		"               'none' deletes every peer; each remote is a peer, the\n"
		"               paths and locals after it are its own; dstport and\n"
		"               probe apply to every peer of the set\n"
		"  peer list    list the peers of SEG with their counters and liveness\n"
		"               state (unprobed, unknown, up or down), the path frames\n"
		"               take, and each path of a peer that has more than one\n"
		"  fdb add      add or replace the static entry of MAC\n"
		"               (aa:bb:cc:dd:ee:ff): behind local port IFNAME, behind\n"
		"               peer ADDR, or local (the segment device's own side)\n"
		"  fdb del      delete the entry of MAC, static or learned\n"
		"  fdb flush    delete every learned MAC of SEG; with 'all', the\n"
		"               static ones too\n"
		"  fdb show     list the MAC table of SEG\n"
		"  stats        the traffic matrix of SEG: for the host endpoint and\n"
		"               each peer, frames and bytes sent to it and received\n"
		"               from it, drops, and the segment's drop counters\n"
		"  port set     port security and storm control of PORT, a port of a\n"
		"               segment: locked on: only source MACs with an entry\n"
		"               behind PORT (static ones: fdb add ... port PORT; and\n"
		"               the first max-macs it learns, which stick) pass, the\n"
		"               rest is dropped and counted; max-macs: most MACs PORT\n"
		"               may have learned (0: no limit of its own); storm: its\n"
		"               broadcast, multicast and unknown-unicast frames a\n"
		"               second (off: no limit, the default)\n"
		"  port show    list ports (all, PORT, or those of SEG) with their\n"
		"               settings and drops\n"
		"  share set    schedule UNDERLAY, of RATE (e.g. 1gbit), between the\n"
		"               segments with a share: each gets RATE * share / (sum\n"
		"               of shares + 1) at least, borrows what the others leave\n"
		"               up to RATE; the host's other traffic has share 1.\n"
		"               An HTB qdisc (handle fab:) at the root of UNDERLAY,\n"
		"               kept in step with the shares by vnetfabctl\n"
		"  share show   the shares, rates and bytes sent of each segment, per\n"
		"               underlay\n"
		"  share del    remove the scheduler of UNDERLAY\n"
		"  monitor      print peer, path and MAC table changes as they happen,\n"
		"               one per line (--json: one object per line), of every\n"
		"               segment of this network namespace or of SEG; stop after\n"
		"               N events\n"
		"  apply        make the segments, peers and static MAC entries of this\n"
		"               network namespace those of FILE (vnetfab.conf(5); '-':\n"
		"               standard input), with the fewest changes, one line printed\n"
		"               per change; FILE is checked whole before any change;\n"
		"               --dry-run: print the changes, make none; --check:\n"
		"               validate FILE alone (no module needed), change nothing;\n"
		"               of a file\n"
		"               with host lines (a fabric), the part of host NAME, or\n"
		"               of the host line with one of this host's addresses\n"
		"  dump-config  print the segments, peers and static MAC entries of this\n"
		"               network namespace in the format of apply's FILE\n"
		"  graph        the fabric as Graphviz DOT: a cluster per host, a node per\n"
		"               segment and per port, an edge per peer labelled with the\n"
		"               frames and bytes sent to it; --json: this host's view,\n"
		"               for FILE; FILE...: several hosts' --json views ('-':\n"
		"               standard input) in one picture, a peer that is one of\n"
		"               those hosts drawn to its segment; --svg: SVG into FILE,\n"
		"               by Graphviz's dot\n"
		"\n"
		"Exit status: 0 ok, 1 runtime or kernel error, 2 usage error.\n",
		VNETFAB_ID_MIN, VNETFAB_ID_MAX, VNETFAB_ID_DEFAULT,
		VF_DSTPORT_MIN, VF_DSTPORT_MAX, VNETFAB_DEFAULT_DSTPORT,
		VF_TTL_MIN, VF_TTL_MAX, VNETFAB_DEFAULT_TTL,
		VF_TOS_MAX,
		VF_AGEING_MIN, VF_AGEING_MAX, VNETFAB_DEFAULT_AGEING,
		VF_MAXADDR_MIN, VF_MAXADDR_MAX, VNETFAB_DEFAULT_MAX_ADDRS,
		VF_PROBE_MIN, VF_PROBE_MAX, VNETFAB_DEFAULT_PROBE_INTERVAL,
		VF_PROBE_MISSES_MIN, VF_PROBE_MISSES_MAX,
		VNETFAB_DEFAULT_PROBE_MISSES,
		VF_HOLD_DOWN_MAX, VNETFAB_DEFAULT_HOLD_DOWN,
		VNETFAB_SHARE_MAX, VNETFAB_PRIORITY_MAX,
		VF_MAX_PATHS);
}

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

int main(int argc, char **argv)
{
	const char *netns = NULL;
	char err[ARGS_ERRLEN];
	struct vf_args a;
	int ret, g;

	/* the name of -n NETNS names this host in "graph" */
	if (argc > 2 && (!strcmp(argv[1], "-n") || !strcmp(argv[1], "-netns") ||
			 !strcmp(argv[1], "--netns")))
		netns = argv[2];
	ret = netns_args(&argc, &argv, err, sizeof(err));
	if (ret) {
		vf_eprintf("vnetfabctl: %s\n", err);
		return ret == -1 ? EXIT_USAGE : EXIT_RUNTIME;
	}
	args_short_options(argc, argv);
	g = graph_cmd(argc, argv);
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
		ret = apply_file(a.file, a.host, a.dry_run, a.check);
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
