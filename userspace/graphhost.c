// SPDX-License-Identifier: GPL-2.0
/*
 * graphhost.c - "vnetfabctl graph": this host's view read from the
 * kernel (segments and their peers with counters over generic netlink,
 * ports and the segments' local addresses over rtnetlink, the host's
 * own addresses by getifaddrs), the files of other hosts' views, SVG by
 * Graphviz's dot, and the command itself. graph.c draws.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "genl.h"
#include "graph.h"
#include "link.h"
#include "liveness.h"
#include "port.h"
#include "print.h"

extern char **environ;

/* --- this host, from the kernel ---------------------------------------- */

/* the local addresses of the segments, by ifindex (RTM_GETLINK dump) */
struct local_addr {
	uint32_t ifindex;
	char addr[GRAPH_ADDRLEN];
};

struct locals {
	struct local_addr *v;
	size_t n, cap;
};

int graph_link_local(struct nlmsghdr *nlh, uint32_t *ifindex, char *addr)
{
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct nlattr *d[IFLA_VNETFAB_MAX + 1], *k;
	const void *a = NULL;
	int af = AF_INET;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0 ||
	    !tb[IFLA_LINKINFO] ||
	    nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) < 0)
		return 0;
	k = li[IFLA_INFO_KIND];
	if (!k || strnlen(nla_data(k), (size_t)nla_len(k)) != strlen(VNETFAB_KIND) ||
	    memcmp(nla_data(k), VNETFAB_KIND, strlen(VNETFAB_KIND)) ||
	    !li[IFLA_INFO_DATA] ||
	    nla_parse_nested(d, IFLA_VNETFAB_MAX, li[IFLA_INFO_DATA], NULL) < 0)
		return 0;
	if (d[IFLA_VNETFAB_LOCAL] && nla_len(d[IFLA_VNETFAB_LOCAL]) >= 4) {
		a = nla_data(d[IFLA_VNETFAB_LOCAL]);
	} else if (d[IFLA_VNETFAB_LOCAL6] && nla_len(d[IFLA_VNETFAB_LOCAL6]) >= 16) {
		a = nla_data(d[IFLA_VNETFAB_LOCAL6]);
		af = AF_INET6;
	}
	if (!a)
		return 0;
	*ifindex = (uint32_t)((struct ifinfomsg *)nlmsg_data(nlh))->ifi_index;
	inet_ntop(af, a, addr, GRAPH_ADDRLEN);
	return 1;
}

static int local_cb(struct nl_msg *msg, void *arg)
{
	struct locals *l = arg;
	struct local_addr *v;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		v = realloc(l->v, l->cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
	}
	l->n += graph_link_local(nlmsg_hdr(msg), &l->v[l->n].ifindex,
				 l->v[l->n].addr);
	return 0;
}

/* the host's addresses but loopback's and the segments' own */
static int host_addrs(struct graph_host *h)
{
	struct ifaddrs *all, *i;
	char a[GRAPH_ADDRLEN];
	size_t n = 0, k;

	if (getifaddrs(&all))
		return -1;
	for (i = all; i; i = i->ifa_next)
		n++;
	h->addrs = n ? calloc(n, sizeof(*h->addrs)) : NULL;
	if (n && !h->addrs) {
		freeifaddrs(all);
		return -1;
	}
	for (i = all; i; i = i->ifa_next) {
		if (!i->ifa_addr || (i->ifa_flags & IFF_LOOPBACK) ||
		    (i->ifa_addr->sa_family != AF_INET &&
		     i->ifa_addr->sa_family != AF_INET6))
			continue;
		for (k = 0; k < h->n_segs; k++)
			if (!strcmp(i->ifa_name, h->segs[k].ifname))
				break;
		if (k < h->n_segs)
			continue;
		if (i->ifa_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr,
				  a, sizeof(a));
		else
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr,
				  a, sizeof(a));
		if (!graph_has_addr(h, a))
			memcpy(h->addrs[h->n_addrs++], a, sizeof(a));
	}
	freeifaddrs(all);
	return 0;
}

static int peer_cmp(const void *a, const void *b)
{
	return strcmp(((const struct graph_peer *)a)->remote,
		      ((const struct graph_peer *)b)->remote);
}

static int port_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* a counter of @p, 0 if the kernel did not send it */
static uint64_t peer_ctr(const struct vnetfab_peer *p, int i)
{
	return p->stats_has & (1u << i) ? p->stats[i] : 0;
}

void graph_seg_from(struct graph_seg *s, const struct vnetfab_segment *v)
{
	const char *name = vf_segopt_name(VF_SO_ENCAP, v->encap);

	memcpy(s->ifname, v->ifname, sizeof(s->ifname));
	s->ifname[sizeof(s->ifname) - 1] = '\0';
	s->id = v->id;
	if (name)
		snprintf(s->encap, sizeof(s->encap), "%s", name);
	else
		snprintf(s->encap, sizeof(s->encap), "unknown(%u)", v->encap);
}

int graph_peer_from(struct graph_peer *p, const struct vnetfab_peer *v)
{
	const char *name;

	memset(p, 0, sizeof(*p));
	if (!(v->has & PEER_ADDR) ||
	    !strcmp(print_addr(&v->addr, p->remote, sizeof(p->remote)), "?"))
		return -1;
	p->tx_packets = peer_ctr(v, PEER_ST_TX_PACKETS);
	p->tx_bytes = peer_ctr(v, PEER_ST_TX_BYTES);
	p->rx_packets = peer_ctr(v, PEER_ST_RX_PACKETS);
	p->rx_bytes = peer_ctr(v, PEER_ST_RX_BYTES);
	if (!(v->has & PEER_STATE))
		return 0;
	name = vf_peer_state_name(v->state);
	if (name)
		snprintf(p->state, sizeof(p->state), "%s", name);
	else
		snprintf(p->state, sizeof(p->state), "state(%u)", v->state);
	return 0;
}

/* the segments of this host and their peers: 0, or -1 said */
static int read_segments(struct graph_host *h, uint32_t **idx)
{
	struct vnetfab_segment *segs = NULL;
	struct vnetfab_peer *peers;
	struct nl_sock *sk;
	struct nlu_err e;
	int family, ret;
	size_t n, np, i, k;

	ret = vnetfab_genl_open(&sk, &family, &e);
	if (ret == VNETFAB_GENL_NOFAMILY)
		vf_eprintf("%s\n", VNETFAB_NOFAMILY_MSG);
	else if (ret)
		nlu_perror("generic netlink", &e);
	if (ret)
		return -1;
	ret = -1;
	if (vnetfab_get_segments(sk, family, NULL, &segs, &n, &e)) {
		nlu_perror(NULL, &e);
		goto out;
	}
	h->segs = calloc(n + 1, sizeof(*h->segs));
	*idx = calloc(n + 1, sizeof(**idx));
	if (!h->segs || !*idx)
		goto nomem;
	for (i = 0; i < n; i++) {
		struct graph_seg *s = &h->segs[h->n_segs];

		if (!(segs[i].has & SEG_IFNAME))
			continue;
		graph_seg_from(s, &segs[i]);
		if (vnetfab_get_peers(sk, family, s->ifname, &peers, &np, &e)) {
			if (e.err == ENODEV)	/* deleted since: left out */
				continue;
			nlu_perror(s->ifname, &e);
			goto out;
		}
		(*idx)[h->n_segs++] = segs[i].ifindex;
		s->peers = np ? calloc(np, sizeof(*s->peers)) : NULL;
		if (np && !s->peers) {
			free(peers);
			goto nomem;
		}
		for (k = 0; k < np; k++)
			s->n_peers += !graph_peer_from(&s->peers[s->n_peers],
						       &peers[k]);
		free(peers);
		qsort(s->peers, s->n_peers, sizeof(*s->peers), peer_cmp);
	}
	ret = 0;
	goto out;
nomem:
	e = (struct nlu_err){ .err = ENOMEM };
	nlu_perror(NULL, &e);
out:
	free(segs);
	nlu_close(sk);
	return ret;
}

/* the ports and local addresses of the segments (@idx: their ifindex) */
static int read_links(struct graph_host *h, const uint32_t *idx)
{
	struct locals l = { 0 };
	struct vf_port *ports;
	struct nlu_err e;
	size_t n, i, k;

	if (vf_port_list(NULL, NULL, &ports, &n, &e)) {
		nlu_perror(NULL, &e);
		return -1;
	}
	for (i = 0; i < h->n_segs; i++) {
		struct graph_seg *s = &h->segs[i];

		for (k = 0; k < n; k++)
			s->n_ports += idx[i] == (uint32_t)ports[k].master;
		if (!s->n_ports)
			continue;
		s->ports = calloc(s->n_ports, sizeof(*s->ports));
		if (!s->ports) {
			s->n_ports = 0;
			free(ports);
			e = (struct nlu_err){ .err = ENOMEM };
			nlu_perror(NULL, &e);
			return -1;
		}
		s->n_ports = 0;
		for (k = 0; k < n; k++)
			if (idx[i] == (uint32_t)ports[k].master)
				memcpy(s->ports[s->n_ports++], ports[k].ifname,
				       IFNAMSIZ);
		qsort(s->ports, s->n_ports, sizeof(*s->ports), port_cmp);
	}
	free(ports);
	if (vnetfab_link_run(RTM_GETLINK, NLM_F_DUMP, 0, NULL, local_cb, &l, &e)) {
		free(l.v);
		nlu_perror(NULL, &e);
		return -1;
	}
	for (i = 0; i < h->n_segs; i++)
		for (k = 0; k < l.n; k++)
			if (l.v[k].ifindex == idx[i])
				memcpy(h->segs[i].local, l.v[k].addr, GRAPH_ADDRLEN);
	free(l.v);
	return 0;
}

/* this host's view, named @netns or by its host name: 0, or -1 said */
static int this_host(const char *netns, struct graph_host *h)
{
	uint32_t *idx = NULL;
	int ret = -1;

	memset(h, 0, sizeof(*h));
	if (netns)
		snprintf(h->name, sizeof(h->name), "%s", netns);
	else if (gethostname(h->name, sizeof(h->name) - 1) || !h->name[0])
		snprintf(h->name, sizeof(h->name), "localhost");
	if (read_segments(h, &idx) || read_links(h, idx))
		goto out;
	if (host_addrs(h)) {
		perror("vnetfabctl: the host's addresses");
		goto out;
	}
	qsort(h->segs, h->n_segs, sizeof(*h->segs), graph_seg_cmp);
	ret = 0;
out:
	free(idx);
	return ret;
}

/* --- SVG by Graphviz --------------------------------------------------- */

/* @prog is an executable file of a directory of PATH (or its path) */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH"), *p, *c;
	char buf[4096];
	int n;

	if (strchr(prog, '/'))
		return !access(prog, X_OK);
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = c + 1) {
		c = strchrnul(p, ':');
		/* an empty entry is the current directory */
		n = c > p ? snprintf(buf, sizeof(buf), "%.*s/%s", (int)(c - p), p, prog) :
			    snprintf(buf, sizeof(buf), "./%s", prog);
		if (n > 0 && (size_t)n < sizeof(buf) && !access(buf, X_OK))
			return true;
		if (!*c)
			return false;
	}
}

int graph_svg(const char *dot, const char *out, const char *text, size_t len,
	      char *err, size_t errlen)
{
	char *argv[] = { (char *)dot, "-Tsvg", "-o", (char *)out, NULL };
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int fds[2], ret, status, werr = 0;
	sigset_t def;
	ssize_t w;
	pid_t pid;

	/* (posix_spawnp() may not tell: under valgrind the child exits 127) */
	if (!in_path(dot))
		return args_fail(err, errlen,
				 "graph --svg needs Graphviz's '%s', which is not installed (apt install graphviz)",
				 dot);
	if (pipe2(fds, O_CLOEXEC))
		return args_fail(err, errlen, "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
	/* dot gets the default SIGPIPE, whatever ours is */
	posix_spawnattr_init(&attr);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
	ret = posix_spawnp(&pid, dot, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(fds[0]);
	if (ret) {
		close(fds[1]);
		return args_fail(err, errlen, "cannot run %s: %s", dot, strerror(ret));
	}
	/* a dot that stops reading fails the write, not the process */
	sigaction(SIGPIPE, &ign, &old);
	while (len) {
		w = write(fds[1], text, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			werr = errno;
			break;
		}
		text += w;
		len -= (size_t)w;
	}
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return args_fail(err, errlen, "waiting for %s: %s", dot,
					 strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return args_fail(err, errlen, "%s -Tsvg failed (%s %d)", dot,
				 WIFEXITED(status) ? "exit status" : "signal",
				 WIFEXITED(status) ? WEXITSTATUS(status) :
				 WTERMSIG(status));
	if (werr)
		return args_fail(err, errlen, "writing to %s: %s", dot,
				 strerror(werr));
	return 0;
}

/* --- the command ------------------------------------------------------- */

/* the whole of @path ("-": standard input), at most GRAPH_MAXFILE bytes */
static int read_file(const char *path, char **buf, size_t *len, char *err,
		     size_t errlen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t cap = 0, n = 0, r;
	char *b = NULL, *nb;
	int ret = 0;

	if (!f)
		return args_fail(err, errlen, "%s", strerror(errno));
	for (;;) {
		if (n == cap) {
			/* one byte more than allowed tells a file too large */
			cap = cap ? cap * 2 : 65536;
			if (cap > GRAPH_MAXFILE + 1)
				cap = GRAPH_MAXFILE + 1;
			nb = realloc(b, cap);
			if (!nb) {
				ret = args_fail(err, errlen, "out of memory");
				break;
			}
			b = nb;
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
		if (n > GRAPH_MAXFILE) {
			ret = args_fail(err, errlen, "larger than %u MiB",
					GRAPH_MAXFILE >> 20);
			break;
		}
		if (!r) {
			if (ferror(f))
				ret = args_fail(err, errlen, "%s", strerror(errno));
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (ret) {
		free(b);
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
}

/* the hosts of the files of @g into @hosts, *@n of them; 0 or -1 said */
static int read_files(const struct graph_args *g, struct graph_host *hosts,
		      size_t *n)
{
	char err[GRAPH_ERRLEN], tb[40];
	size_t len = 0, j;
	char *buf = NULL;
	int ret;

	for (*n = 0; *n < g->n_files; ++*n) {
		const char *path = g->files[*n];

		ret = read_file(path, &buf, &len, err, sizeof(err));
		if (!ret) {
			ret = graph_read_json(buf, len, &hosts[*n], err,
					      sizeof(err));
			free(buf);
		}
		if (ret) {
			vf_eprintf("vnetfabctl: %s: %s\n",
				strcmp(path, "-") ? path : "standard input", err);
			return -1;
		}
		for (j = 0; j < *n; j++) {
			if (strcmp(hosts[j].name, hosts[*n].name))
				continue;
			vf_eprintf("vnetfabctl: %s: host '%s' is %s's too (the same host twice?)\n",
				path, graph_tok(hosts[*n].name, tb, sizeof(tb)),
				g->files[j]);
			++*n;	/* freed by the caller */
			return -1;
		}
	}
	return 0;
}

int graph_main(int argc, char **argv, const char *netns)
{
	struct graph_host *hosts = NULL;
	char err[GRAPH_ERRLEN], *buf = NULL;
	size_t n = 0, len = 0, i;
	struct graph_args g;
	int ret = 1;
	FILE *f;

	if (graph_parse_args(argc, argv, &g, err, sizeof(err))) {
		vf_eprintf("vnetfabctl: %s\nsee 'vnetfabctl help'\n", err);
		return 2;
	}
	hosts = calloc(g.n_files ? g.n_files : 1, sizeof(*hosts));
	if (!hosts) {
		perror("vnetfabctl");
		return 1;
	}
	if (g.n_files) {
		if (read_files(&g, hosts, &n))
			goto out;
	} else {
		if (this_host(netns, hosts)) {
			graph_host_free(hosts);
			goto out;
		}
		n = 1;
		if (g.json) {
			ret = graph_write_json(stdout, hosts) ? 1 : 0;
			goto out;
		}
	}
	if (!g.svg) {
		ret = graph_write_dot(stdout, hosts, n) ? 1 : 0;
		/* (a write error is main()'s to report) */
		if (ret && !ferror(stdout))
			vf_eprintf("vnetfabctl: out of memory\n");
		goto out;
	}
	f = open_memstream(&buf, &len);
	if (!f) {
		perror("vnetfabctl");
		goto out;
	}
	/* (only memory can fail here) */
	if (graph_write_dot(f, hosts, n) | fclose(f)) {
		vf_eprintf("vnetfabctl: out of memory\n");
		goto out;
	}
	if (graph_svg("dot", g.svg, buf, len, err, sizeof(err)))
		vf_eprintf("vnetfabctl: %s\n", err);
	else
		ret = 0;
out:
	free(buf);
	for (i = 0; i < n; i++)
		graph_host_free(&hosts[i]);
	free(hosts);
	return ret;
}
