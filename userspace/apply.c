// SPDX-License-Identifier: GPL-2.0
/*
 * apply.c - "vnetfabctl apply FILE" and "vnetfabctl dump-config".
 *
 * The running state is read whole first: every device of the network
 * namespace (RTM_GETLINK dump: names, masters, and the IFLA_VNETFAB_*
 * settings of the vnetfab ones), then the peers and the MAC table of each
 * segment (generic netlink). apply then checks the file against it and,
 * only when that passes, walks the changes in this order:
 *   0. running segments absent from the file whose id (and port) a new
 *      segment of the file takes: deleted first, else it could not be made;
 *   1. segments of the file that do not run: created and set up;
 *   2. run-time settings that differ: one "segment set" per segment;
 *   3. peers that differ (address, paths and their sources, port, own
 *      probe interval): one SET_PEERS per segment, with the file's set;
 *   4. static MAC entries missing or different: added (replaced); static
 *      entries not in the file: deleted; learned ones are left alone;
 *   5. the other running segments absent from the file: deleted.
 * A dry run walks the same changes, printing them, making none.
 */
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "apply.h"
#include "config.h"
#include "genl.h"
#include "link.h"
#include "liveness.h"
#include "paths.h"
#include "print.h"

/* A network device of the namespace; the vnetfab ones with their state. */
struct rlink {
	int ifindex;
	char name[IFNAMSIZ];
	int master;
	bool vnetfab;
	/* vnetfab only */
	struct cfg_segment cfg;		/* its settings; cfg.dev resolved */
	uint32_t link;			/* IFLA_VNETFAB_LINK */
	bool link_foreign;		/* the underlay is another netns */
	struct vnetfab_peer *peers;
	size_t n_peers;
	struct vnetfab_fdb *fdb;
	size_t n_fdb;
	/* the walk */
	bool deleted;
};

struct running {
	struct rlink *v;
	size_t n;
	struct nl_sock *sk;		/* generic netlink */
	int family;
};

static void running_free(struct running *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].peers);
		free(r->v[i].fdb);
	}
	free(r->v);
	nlu_close(r->sk);
	memset(r, 0, sizeof(*r));
}

static struct rlink *link_by_name(const struct running *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	return NULL;
}

static struct rlink *link_by_index(const struct running *r, int ifindex)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].ifindex == ifindex)
			return &r->v[i];
	return NULL;
}

static void parse_vnetfab_data(struct nlattr *data, struct rlink *l)
{
	struct nlattr *tb[IFLA_VNETFAB_MAX + 1];
	struct cfg_segment *s = &l->cfg;

	/* unreported settings keep the module's defaults */
	if (nla_parse_nested(tb, IFLA_VNETFAB_MAX, data, NULL) < 0)
		return;
	if (tb[IFLA_VNETFAB_ID] && nla_len(tb[IFLA_VNETFAB_ID]) >= 4)
		s->id = nla_get_u32(tb[IFLA_VNETFAB_ID]);
	if (tb[IFLA_VNETFAB_ENCAP] && nla_len(tb[IFLA_VNETFAB_ENCAP]) >= 1)
		s->encap = nla_get_u8(tb[IFLA_VNETFAB_ENCAP]);
	if (tb[IFLA_VNETFAB_LOCAL] && nla_len(tb[IFLA_VNETFAB_LOCAL]) >= 4) {
		s->has_local = true;
		s->local.family = AF_INET;
		memcpy(&s->local.v4, nla_data(tb[IFLA_VNETFAB_LOCAL]), 4);
	} else if (tb[IFLA_VNETFAB_LOCAL6] &&
		   nla_len(tb[IFLA_VNETFAB_LOCAL6]) >= 16) {
		s->has_local = true;
		s->local.family = AF_INET6;
		memcpy(&s->local.v6, nla_data(tb[IFLA_VNETFAB_LOCAL6]), 16);
	}
	/* GRE segments report no port */
	s->dstport = 0;
	if (tb[IFLA_VNETFAB_DSTPORT] && nla_len(tb[IFLA_VNETFAB_DSTPORT]) >= 2)
		s->dstport = nla_get_u16(tb[IFLA_VNETFAB_DSTPORT]);
	if (tb[IFLA_VNETFAB_LINK] && nla_len(tb[IFLA_VNETFAB_LINK]) >= 4)
		l->link = nla_get_u32(tb[IFLA_VNETFAB_LINK]);
	if (tb[IFLA_VNETFAB_TTL] && nla_len(tb[IFLA_VNETFAB_TTL]) >= 1)
		s->ttl = nla_get_u8(tb[IFLA_VNETFAB_TTL]);
	if (tb[IFLA_VNETFAB_TOS] && nla_len(tb[IFLA_VNETFAB_TOS]) >= 1)
		s->tos = nla_get_u8(tb[IFLA_VNETFAB_TOS]);
	if (tb[IFLA_VNETFAB_DF] && nla_len(tb[IFLA_VNETFAB_DF]) >= 1)
		s->df = nla_get_u8(tb[IFLA_VNETFAB_DF]);
	if (tb[IFLA_VNETFAB_AGEING] && nla_len(tb[IFLA_VNETFAB_AGEING]) >= 4)
		s->ageing = nla_get_u32(tb[IFLA_VNETFAB_AGEING]);
	if (tb[IFLA_VNETFAB_LEARNING] &&
	    nla_len(tb[IFLA_VNETFAB_LEARNING]) >= 1)
		s->learning = nla_get_u8(tb[IFLA_VNETFAB_LEARNING]) ? 1 : 0;
	if (tb[IFLA_VNETFAB_MAX_ADDRS] &&
	    nla_len(tb[IFLA_VNETFAB_MAX_ADDRS]) >= 4)
		s->maxaddr = nla_get_u32(tb[IFLA_VNETFAB_MAX_ADDRS]);
	if (tb[IFLA_VNETFAB_PROBE_INTERVAL] &&
	    nla_len(tb[IFLA_VNETFAB_PROBE_INTERVAL]) >= 4)
		s->probe = nla_get_u32(tb[IFLA_VNETFAB_PROBE_INTERVAL]);
	if (tb[IFLA_VNETFAB_PROBE_MISSES] &&
	    nla_len(tb[IFLA_VNETFAB_PROBE_MISSES]) >= 1)
		s->probe_misses = nla_get_u8(tb[IFLA_VNETFAB_PROBE_MISSES]);
	if (tb[IFLA_VNETFAB_HOLD_DOWN] &&
	    nla_len(tb[IFLA_VNETFAB_HOLD_DOWN]) >= 4)
		s->hold_down = nla_get_u32(tb[IFLA_VNETFAB_HOLD_DOWN]);
	if (tb[IFLA_VNETFAB_SHARE] && nla_len(tb[IFLA_VNETFAB_SHARE]) >= 4)
		s->share = nla_get_u32(tb[IFLA_VNETFAB_SHARE]);
	if (tb[IFLA_VNETFAB_PRIORITY] && nla_len(tb[IFLA_VNETFAB_PRIORITY]) >= 1)
		s->priority = nla_get_u8(tb[IFLA_VNETFAB_PRIORITY]);
	if (tb[IFLA_VNETFAB_PEER_STORM_PPS] &&
	    nla_len(tb[IFLA_VNETFAB_PEER_STORM_PPS]) >= 4)
		s->peer_storm = nla_get_u32(tb[IFLA_VNETFAB_PEER_STORM_PPS]);
	if (tb[IFLA_VNETFAB_PEER_STORM_BURST] &&
	    nla_len(tb[IFLA_VNETFAB_PEER_STORM_BURST]) >= 4)
		s->peer_storm_burst =
			nla_get_u32(tb[IFLA_VNETFAB_PEER_STORM_BURST]);
}

/* running FDB entries by MAC; entries without one (never sent) first */
static int run_fdb_sort(const void *a, const void *b)
{
	const struct vnetfab_fdb *x = a, *y = b;

	if ((x->has & FDB_MAC) != (y->has & FDB_MAC))
		return (x->has & FDB_MAC) ? 1 : -1;
	return memcmp(x->mac, y->mac, VF_MACLEN);
}

static int link_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct running *r = arg;
	struct ifinfomsg *ifm;
	struct rlink l, *v;
	const char *kind;
	size_t n;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(nlh, sizeof(*ifm), tb, IFLA_MAX, NULL) < 0 ||
	    !tb[IFLA_IFNAME])
		return 0;
	ifm = nlmsg_data(nlh);
	memset(&l, 0, sizeof(l));
	l.ifindex = ifm->ifi_index;
	n = strnlen(nla_data(tb[IFLA_IFNAME]), (size_t)nla_len(tb[IFLA_IFNAME]));
	if (!n || n >= IFNAMSIZ)
		return 0;
	memcpy(l.name, nla_data(tb[IFLA_IFNAME]), n);
	if (tb[IFLA_MASTER] && nla_len(tb[IFLA_MASTER]) >= 4)
		l.master = (int)nla_get_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_LINKINFO] &&
	    nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) >= 0 &&
	    li[IFLA_INFO_KIND]) {
		kind = nla_data(li[IFLA_INFO_KIND]);
		n = strnlen(kind, (size_t)nla_len(li[IFLA_INFO_KIND]));
		if (n == strlen(VNETFAB_KIND) && !memcmp(kind, VNETFAB_KIND, n)) {
			l.vnetfab = true;
			config_segment_defaults(&l.cfg);
			memcpy(l.cfg.name, l.name, sizeof(l.name));
			if (li[IFLA_INFO_DATA])
				parse_vnetfab_data(li[IFLA_INFO_DATA], &l);
			l.link_foreign = tb[IFLA_LINK_NETNSID] != NULL;
		}
	}
	v = realloc(r->v, (r->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	r->v = v;
	r->v[r->n++] = l;
	return 0;
}

static int read_links(struct running *r, struct nlu_err *e)
{
	struct ifinfomsg ifm = { .ifi_family = AF_UNSPEC };
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret;

	if (nlu_open(&sk, NETLINK_ROUTE, e))
		return -1;
	msg = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_DUMP);
	if (!msg || nlmsg_append(msg, &ifm, sizeof(ifm), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0) {
		nlmsg_free(msg);
		nlu_close(sk);
		*e = (struct nlu_err){ .err = ENOMEM };
		return -1;
	}
	ret = nlu_transact(sk, msg, link_cb, r, e);
	nlmsg_free(msg);
	nlu_close(sk);
	return ret;
}

/* Reads the whole running state. APPLY_OK or APPLY_RUNTIME (said why). */
static int read_running(struct running *r)
{
	struct nlu_err e;
	struct rlink *l, *d;
	size_t i;
	int ret;

	memset(r, 0, sizeof(*r));
	ret = vnetfab_genl_open(&r->sk, &r->family, &e);
	if (ret == VNETFAB_GENL_NOFAMILY) {
		fprintf(stderr, "%s\n", VNETFAB_NOFAMILY_MSG);
		return APPLY_RUNTIME;
	}
	if (ret) {
		nlu_perror("generic netlink", &e);
		return APPLY_RUNTIME;
	}
	if (read_links(r, &e)) {
		nlu_perror("reading the network devices", &e);
		return APPLY_RUNTIME;
	}
	for (i = 0; i < r->n; i++) {
		l = &r->v[i];
		if (!l->vnetfab)
			continue;
		if (l->link && !l->link_foreign) {
			d = link_by_index(r, (int)l->link);
			if (d)
				memcpy(l->cfg.dev, d->name, sizeof(d->name));
		}
		if (vnetfab_get_peers(r->sk, r->family, l->name, &l->peers,
				      &l->n_peers, &e) ||
		    vnetfab_get_fdb(r->sk, r->family, l->name, &l->fdb,
				    &l->n_fdb, &e)) {
			nlu_perror(l->name, &e);
			return APPLY_RUNTIME;
		}
		/* by MAC, for run_fdb()'s binary search */
		qsort(l->fdb, l->n_fdb, sizeof(*l->fdb), run_fdb_sort);
	}
	return APPLY_OK;
}

/* ---- dump-config -------------------------------------------------------- */

static int peer_sort(const void *a, const void *b)
{
	const struct cfg_peer *x = a, *y = b;

	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return vf_addr_cmp(cfg_peer_addr(x), cfg_peer_addr(y));
}

static int fdb_sort(const void *a, const void *b)
{
	const struct cfg_fdb *x = a, *y = b;

	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return memcmp(x->mac, y->mac, VF_MACLEN);
}

/* The running state as a configuration; 0, or -1 out of memory. */
static int running_config(const struct running *r, struct vf_config *c)
{
	char mb[18];
	size_t i, j, np = 0, nf = 0;
	const struct rlink *l, *port;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < r->n; i++) {
		if (!r->v[i].vnetfab)
			continue;
		c->n_segs++;
		np += r->v[i].n_peers;
		nf += r->v[i].n_fdb;
	}
	c->segs = calloc(c->n_segs ? c->n_segs : 1, sizeof(*c->segs));
	c->peers = calloc(np ? np : 1, sizeof(*c->peers));
	c->fdb = calloc(nf ? nf : 1, sizeof(*c->fdb));
	if (!c->segs || !c->peers || !c->fdb) {
		config_free(c);
		return -1;
	}
	c->n_segs = 0;
	for (i = 0; i < r->n; i++) {
		l = &r->v[i];
		if (!l->vnetfab)
			continue;
		c->segs[c->n_segs] = l->cfg;
		if (l->link && !l->cfg.dev[0])
			fprintf(stderr,
				"vnetfabctl: %s: its underlay device (ifindex %u) %s; 'dev' left out\n",
				l->name, l->link, l->link_foreign ?
				"is in another network namespace" :
				"has no name");
		for (j = 0; j < l->n_peers; j++) {
			const struct vnetfab_peer *p = &l->peers[j];
			struct cfg_peer *cp = &c->peers[c->n_peers];

			if (!(p->has & PEER_ADDR))
				continue;
			cp->seg = c->n_segs;
			vnetfab_peer_paths(p, &cp->paths);
			cp->dstport = p->has & PEER_DSTPORT ? p->dstport : 0;
			cp->has_dstport = cp->dstport != l->cfg.dstport;
			cp->has_probe = p->has & PEER_PROBE;
			cp->probe = p->probe;
			c->n_peers++;
		}
		for (j = 0; j < l->n_fdb; j++) {
			const struct vnetfab_fdb *f = &l->fdb[j];
			struct cfg_fdb *cf = &c->fdb[c->n_fdb];

			if (!(f->has & FDB_STATIC) || !(f->has & FDB_MAC))
				continue;
			memset(cf, 0, sizeof(*cf));
			cf->seg = c->n_segs;
			memcpy(cf->mac, f->mac, VF_MACLEN);
			if (f->has & FDB_LOCAL) {
				cf->dest = VF_FDB_LOCAL;
			} else if (f->has & FDB_PEER) {
				cf->dest = VF_FDB_REMOTE;
				cf->remote = f->peer.addr;
			} else if (f->has & FDB_PORT) {
				port = link_by_index(r, (int)f->port_ifindex);
				if (!port) {
					fprintf(stderr,
						"vnetfabctl: %s: the port of %s (ifindex %u) has no name; entry left out\n",
						l->name,
						print_mac(f->mac, mb, sizeof(mb)),
						f->port_ifindex);
					continue;
				}
				cf->dest = VF_FDB_PORT;
				memcpy(cf->port, port->name, sizeof(port->name));
			} else {
				continue;
			}
			c->n_fdb++;
		}
		c->n_segs++;
	}
	qsort(c->peers, c->n_peers, sizeof(*c->peers), peer_sort);
	qsort(c->fdb, c->n_fdb, sizeof(*c->fdb), fdb_sort);
	return 0;
}

int dump_config(void)
{
	struct vf_config c;
	struct running r;
	int ret;

	ret = read_running(&r);
	if (ret) {
		running_free(&r);
		return ret;
	}
	if (running_config(&r, &c)) {
		fprintf(stderr, "vnetfabctl: out of memory\n");
		running_free(&r);
		return APPLY_RUNTIME;
	}
	ret = config_write(stdout, &c) ? APPLY_RUNTIME : APPLY_OK;
	config_free(&c);
	running_free(&r);
	return ret;
}

/* ---- apply: checks against the running state ----------------------------- */

/* the running segment of the file's segment @s, or NULL */
static struct rlink *running_seg(const struct running *r,
				 const struct cfg_segment *s)
{
	struct rlink *l = link_by_name(r, s->name);

	return l && l->vnetfab ? l : NULL;
}

/* "FILE:LINE: " messages of the checks, to stderr */
static void lerr(const char *fname, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void lerr(const char *fname, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vnetfabctl: %s:%u: ", fname, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The first fixed setting of @s that @l does not have, in @what/@was/@want. */
static bool fixed_differs(const struct cfg_segment *s, const struct rlink *l,
			  const struct running *r, const char **what,
			  char *was, char *want, size_t len)
{
	const struct cfg_segment *t = &l->cfg;
	const char *e;

	if (s->id != t->id) {
		*what = "id";
		snprintf(was, len, "%u", t->id);
		snprintf(want, len, "%u", s->id);
		return true;
	}
	if (s->encap != t->encap) {
		*what = "encap";
		e = args_encap_name(t->encap);
		snprintf(was, len, "%s", e ? e : "?");
		snprintf(want, len, "%s", args_encap_name(s->encap));
		return true;
	}
	if (s->has_local != t->has_local ||
	    (s->has_local && !config_addr_eq(&s->local, &t->local))) {
		*what = "local";
		if (t->has_local)
			print_addr(&t->local, was, len);
		else
			snprintf(was, len, "(none)");
		if (s->has_local)
			print_addr(&s->local, want, len);
		else
			snprintf(want, len, "(none)");
		return true;
	}
	if (s->dstport != t->dstport) {
		*what = "dstport";
		snprintf(was, len, "%u", t->dstport);
		snprintf(want, len, "%u", s->dstport);
		return true;
	}
	/* an underlay in another netns cannot be named: not compared */
	if (!l->link_foreign) {
		const struct rlink *d = s->dev[0] ? link_by_name(r, s->dev) : NULL;
		uint32_t want_link = d ? (uint32_t)d->ifindex : 0;

		if (want_link != l->link) {
			*what = "dev";
			snprintf(was, len, "%s", l->link ?
				 (t->dev[0] ? t->dev : "(unnamed)") : "(none)");
			snprintf(want, len, "%s", s->dev[0] ? s->dev : "(none)");
			return true;
		}
	}
	return false;
}

/*
 * Checks that the file can be applied to the running state: names, fixed
 * settings, underlay devices, ports. Says what is wrong on the first
 * failure. 0 or -1.
 */
static int check_running(const struct vf_config *c, const char *fname,
			 const struct running *r)
{
	char was[INET6_ADDRSTRLEN + 16], want[INET6_ADDRSTRLEN + 16];
	const struct cfg_segment *s;
	const struct rlink *l, *p;
	const char *what;
	size_t i;

	for (i = 0; i < c->n_segs; i++) {
		s = &c->segs[i];
		l = link_by_name(r, s->name);
		if (l && !l->vnetfab) {
			lerr(fname, s->line,
			     "segment %s: a device named %s exists and is not a vnetfab segment (delete or rename it, or choose another name)",
			     s->name, s->name);
			return -1;
		}
		if (s->dev[0] && !link_by_name(r, s->dev)) {
			lerr(fname, s->line,
			     "segment %s: underlay device %s does not exist in this network namespace",
			     s->name, s->dev);
			return -1;
		}
		if (l && fixed_differs(s, l, r, &what, was, want,
				       sizeof(was))) {
			lerr(fname, s->line,
			     "segment %s runs with %s %s, the file says %s %s: id, encap, local, dstport and dev are fixed at creation; delete the segment first (vnetfabctl segment del %s), then apply",
			     s->name, what, was, what, want, s->name);
			return -1;
		}
	}
	for (i = 0; i < c->n_fdb; i++) {
		const struct cfg_fdb *f = &c->fdb[i];

		if (f->dest != VF_FDB_PORT)
			continue;
		s = &c->segs[f->seg];
		l = running_seg(r, s);
		p = link_by_name(r, f->port);
		if (!p) {
			lerr(fname, f->line,
			     "fdb: port %s does not exist in this network namespace",
			     f->port);
			return -1;
		}
		if (!l || p->master != l->ifindex) {
			lerr(fname, f->line,
			     "fdb: %s is not a port of %s (enslave it first: ip link set %s master %s%s)",
			     f->port, s->name, f->port, s->name,
			     l ? "" : "; the segment is created by this apply: apply, enslave, then apply again");
			return -1;
		}
	}
	return 0;
}

/* ---- apply: the walk ---------------------------------------------------- */

struct walk {
	const struct vf_config *c;
	const char *fname;
	struct running *r;
	bool dry;
	struct cfg_fdb *fdb;		/* c->fdb, sorted by fdb_sort() */
	struct vf_addr last_remote;	/* fdb_done()'s last address */
	char last_remote_str[PRINT_ADDRLEN];
};

/* kernel error of a change: "vnetfabctl: FILE:LINE: SEG: reason: extack" */
static int kfail(const struct walk *w, unsigned int line, const char *seg,
		 const struct nlu_err *e)
{
	char what[CONFIG_ERRLEN];

	fflush(stdout);		/* what was done, before the error */
	if (line)
		snprintf(what, sizeof(what), "%s:%u: %s", w->fname, line, seg);
	else
		snprintf(what, sizeof(what), "%s", seg);
	nlu_perror(what, e);
	return -1;
}

static void done(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void done(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static bool same_key(const struct cfg_segment *a, const struct cfg_segment *b)
{
	return a->encap == b->encap && a->id == b->id &&
	       a->dstport == b->dstport;
}

static int delete_segment(struct walk *w, struct rlink *l)
{
	struct nlu_err e;
	int ret;

	if (!w->dry) {
		ret = vnetfab_link_del(l->name, &e);
		if (ret == VNETFAB_LINK_NOTSEG) {
			fprintf(stderr, "vnetfabctl: %s: not a vnetfab segment\n",
				l->name);
			return -1;
		}
		if (ret)
			return kfail(w, 0, l->name, &e);
	}
	l->deleted = true;
	done("deleted segment %s\n", l->name);
	return 0;
}

/* 0: running segments that a new segment of the file displaces */
static int walk_displaced(struct walk *w)
{
	const struct cfg_segment *s;
	struct rlink *l;
	size_t i, j;

	for (i = 0; i < w->r->n; i++) {
		l = &w->r->v[i];
		if (!l->vnetfab || l->deleted)
			continue;
		for (j = 0; j < w->c->n_segs; j++)
			if (!strcmp(w->c->segs[j].name, l->name))
				break;
		if (j < w->c->n_segs)
			continue;	/* in the file */
		for (j = 0; j < w->c->n_segs; j++) {
			s = &w->c->segs[j];
			if (!running_seg(w->r, s) && same_key(s, &l->cfg))
				break;
		}
		if (j < w->c->n_segs && delete_segment(w, l))
			return -1;
	}
	return 0;
}

/* 1: create and set up */
static int create_segment(struct walk *w, const struct cfg_segment *s)
{
	struct vf_args a = {
		.cmd = VF_CMD_SEG_ADD, .ifname = s->name,
		.has_id = true, .id = s->id,
		.has_encap = true, .encap = s->encap,
		.has_local = s->has_local, .local = s->local,
		.link = s->dev[0] ? s->dev : NULL,
		.has_dstport = s->encap != VNETFAB_ENCAP_GRE,
		.dstport = s->dstport,
		.has_ttl = true, .ttl = s->ttl,
		.has_tos = true, .tos = s->tos,
		.has_df = true, .df = s->df,
		.has_ageing = true, .ageing = s->ageing,
		.has_learning = true, .learning = s->learning,
		.has_maxaddr = true, .maxaddr = s->maxaddr,
		.has_probe = true, .probe = s->probe,
		.has_probe_misses = true, .probe_misses = s->probe_misses,
		.has_hold_down = true, .hold_down = s->hold_down,
		.has_peer_storm = s->peer_storm != 0,
		.peer_storm = s->peer_storm,
		.has_peer_storm_burst = s->peer_storm_burst != 0,
		.peer_storm_burst = s->peer_storm_burst,
		.has_share = s->share != 0, .share = s->share,
		.has_priority = s->priority != 0, .priority = s->priority,
	};
	const struct rlink *d = s->dev[0] ? link_by_name(w->r, s->dev) : NULL;
	struct ifinfomsg *ifm;
	struct nl_sock *sk;
	struct nl_msg *msg;
	struct nlu_err e;
	int ret;

	if (!w->dry) {
		msg = vnetfab_link_req(&a, 0, d ? (uint32_t)d->ifindex : 0);
		if (!msg) {
			e = (struct nlu_err){ .err = ENOMEM };
			return kfail(w, s->line, s->name, &e);
		}
		/* created up, as "ip link add ... up" does */
		ifm = nlmsg_data(nlmsg_hdr(msg));
		ifm->ifi_flags |= IFF_UP;
		ifm->ifi_change |= IFF_UP;
		ret = nlu_open(&sk, NETLINK_ROUTE, &e);
		if (!ret) {
			ret = nlu_transact(sk, msg, NULL, NULL, &e);
			nlu_close(sk);
		}
		nlmsg_free(msg);
		if (ret)
			return kfail(w, s->line, s->name, &e);
	}
	done("created segment %s\n", s->name);
	return 0;
}

/* 2: one "segment set" with the run-time settings that differ */
static int set_segment(struct walk *w, const struct cfg_segment *s,
		       const struct rlink *l)
{
	const struct cfg_segment *t = &l->cfg;
	struct vf_args a = { .cmd = VF_CMD_SEG_SET, .ifname = s->name };
	char line[256], pb[VF_PROBE_STRLEN];
	struct nlu_err e;
	size_t n = 0;
	int ret;

#define ADDF(...) (n += (size_t)snprintf(line + n, n < sizeof(line) ? \
					 sizeof(line) - n : 0, __VA_ARGS__))
	line[0] = '\0';
	if (s->ttl != t->ttl) {
		a.has_ttl = true;
		a.ttl = s->ttl;
		ADDF(" ttl %u", s->ttl);
	}
	if (s->tos != t->tos) {
		a.has_tos = true;
		a.tos = s->tos;
		if (s->tos == VF_TOS_INHERIT)
			ADDF(" tos inherit");
		else
			ADDF(" tos %u", s->tos);
	}
	if (s->df != t->df) {
		a.has_df = true;
		a.df = s->df;
		ADDF(" df %s", config_df_name(s->df));
	}
	if (s->ageing != t->ageing) {
		a.has_ageing = true;
		a.ageing = s->ageing;
		ADDF(" ageing %u", s->ageing);
	}
	if (s->learning != t->learning) {
		a.has_learning = true;
		a.learning = s->learning;
		ADDF(" learning %s", s->learning ? "on" : "off");
	}
	if (s->maxaddr != t->maxaddr) {
		a.has_maxaddr = true;
		a.maxaddr = s->maxaddr;
		ADDF(" maxaddr %u", s->maxaddr);
	}
	if (s->probe != t->probe) {
		a.has_probe = true;
		a.probe = s->probe;
		ADDF(" probe %s", vf_probe_str(s->probe, pb, sizeof(pb)));
	}
	if (s->probe_misses != t->probe_misses) {
		a.has_probe_misses = true;
		a.probe_misses = s->probe_misses;
		ADDF(" probe-misses %u", s->probe_misses);
	}
	if (s->hold_down != t->hold_down) {
		a.has_hold_down = true;
		a.hold_down = s->hold_down;
		ADDF(" hold-down %u", s->hold_down);
	}
	if (s->peer_storm != t->peer_storm) {
		a.has_peer_storm = true;
		a.peer_storm = s->peer_storm;
		ADDF(" peer-storm %u", s->peer_storm);
	}
	if (s->peer_storm_burst != t->peer_storm_burst) {
		a.has_peer_storm_burst = true;
		a.peer_storm_burst = s->peer_storm_burst;
		ADDF(" peer-storm-burst %u", s->peer_storm_burst);
	}
	if (s->share != t->share) {
		a.has_share = true;
		a.share = s->share;
		ADDF(" share %u", s->share);
	}
	if (s->priority != t->priority) {
		a.has_priority = true;
		a.priority = s->priority;
		ADDF(" priority %u", s->priority);
	}
#undef ADDF
	if (!n)
		return 0;
	if (!w->dry) {
		ret = vnetfab_link_set(&a, &e);
		if (ret == VNETFAB_LINK_NOTSEG) {
			lerr(w->fname, s->line, "%s: not a vnetfab segment",
			     s->name);
			return -1;
		}
		if (ret)
			return kfail(w, s->line, s->name, &e);
	}
	done("set %s%s\n", s->name, line);
	return 0;
}

/* the running peer of @l with address @a, or NULL */
static const struct vnetfab_peer *run_peer(const struct rlink *l,
					   const struct vf_addr *a)
{
	size_t i;

	if (!l)
		return NULL;
	for (i = 0; i < l->n_peers; i++)
		if ((l->peers[i].has & PEER_ADDR) &&
		    config_addr_eq(&l->peers[i].addr, a))
			return &l->peers[i];
	return NULL;
}

static uint16_t run_peer_port(const struct vnetfab_peer *p)
{
	return p->has & PEER_DSTPORT ? p->dstport : 0;
}

/*
 * a peer the file keeps whose port, own probe interval, paths or their
 * sources change
 */
static bool peer_changes(const struct vnetfab_peer *rp,
			 const struct cfg_peer *p)
{
	struct vf_paths paths;

	vnetfab_peer_paths(rp, &paths);
	return run_peer_port(rp) != p->dstport ||
	       !(rp->has & PEER_PROBE) != !p->has_probe ||
	       (p->has_probe && rp->probe != p->probe) ||
	       !vf_paths_eq(&paths, &p->paths);
}

/* the file's peer of segment @seg with address @a, or NULL */
static const struct cfg_peer *file_peer(const struct vf_config *c, size_t seg,
					const struct vf_addr *a)
{
	size_t i;

	for (i = 0; i < c->n_peers; i++)
		if (c->peers[i].seg == seg &&
		    config_addr_eq(cfg_peer_addr(&c->peers[i]), a))
			return &c->peers[i];
	return NULL;
}

/*
 * A running peer that SET_PEERS with the file's set removes: the MACs
 * behind it, static ones too, go with it. A peer whose port alone
 * changes stays, with its MACs and counters.
 */
static bool peer_goes(const struct walk *w, size_t seg,
		      const struct vnetfab_peer *p)
{
	return !file_peer(w->c, seg, &p->addr);
}

/* SET_PEERS with the file's peers of @seg, each with its own port */
static struct nl_msg *set_peers_req(int family, const struct vf_config *c,
				    size_t seg)
{
	const struct cfg_segment *s = &c->segs[seg];
	struct vnetfab_peer_spec spec;
	struct nl_msg *msg;
	size_t i;

	msg = nlmsg_alloc_size(vnetfab_set_peers_size(s->n_peers));
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
			 VNETFAB_CMD_SET_PEERS, VNETFAB_GENL_VERSION) ||
	    nla_put_string(msg, VNETFAB_A_IFNAME, s->name) < 0)
		goto fail;
	for (i = 0; i < c->n_peers; i++) {
		const struct cfg_peer *p = &c->peers[i];

		if (p->seg != seg)
			continue;
		spec = (struct vnetfab_peer_spec){
			.paths = p->paths,
			.has_dstport = p->dstport != 0, .dstport = p->dstport,
			.has_probe = p->has_probe, .probe = p->probe,
		};
		if (vnetfab_put_peer(msg, VNETFAB_A_PEER, &spec))
			goto fail;
	}
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

/* at most this many peers named in the line of a peer change */
#define PEERS_NAMED	8

/* 3: the peers, when the sets differ */
static int set_peers(struct walk *w, size_t seg, const struct rlink *l)
{
	const struct cfg_segment *s = &w->c->segs[seg];
	char line[PEERS_NAMED * (INET6_ADDRSTRLEN + 2) + 16];
	char ab[PRINT_ADDRLEN];
	size_t i, n = 0, named = 0, changes = 0, before = l ? l->n_peers : 0;
	const struct vnetfab_peer *rp;
	struct nl_msg *msg;
	struct nlu_err e;
	int ret;

#define NAME(c, a) do { \
	changes++; \
	if (named++ < PEERS_NAMED) \
		n += (size_t)snprintf(line + n, n < sizeof(line) ? \
				      sizeof(line) - n : 0, " %c%s", (c), \
				      print_addr((a), ab, sizeof(ab))); \
	} while (0)
	line[0] = '\0';
	for (i = 0; i < w->c->n_peers; i++) {
		const struct cfg_peer *p = &w->c->peers[i];

		if (p->seg != seg)
			continue;
		rp = run_peer(l, cfg_peer_addr(p));
		if (!rp)
			NAME('+', cfg_peer_addr(p));
		else if (peer_changes(rp, p))
			NAME('~', cfg_peer_addr(p));
	}
	for (i = 0; l && i < l->n_peers; i++) {
		if ((l->peers[i].has & PEER_ADDR) &&
		    !file_peer(w->c, seg, &l->peers[i].addr))
			NAME('-', &l->peers[i].addr);
	}
#undef NAME
	if (!changes)
		return 0;
	if (!w->dry) {
		msg = set_peers_req(w->r->family, w->c, seg);
		if (!msg) {
			e = (struct nlu_err){ .err = ENOMEM };
			return kfail(w, s->line, s->name, &e);
		}
		ret = nlu_transact(w->r->sk, msg, NULL, NULL, &e);
		nlmsg_free(msg);
		if (ret)
			return kfail(w, s->line, s->name, &e);
	}
	done("peers of %s: %zu (was %zu):%s%s\n", s->name, s->n_peers, before,
	     line, named > PEERS_NAMED ? " ..." : "");
	return 0;
}

/* the running entry of @mac that survives the peer change, or NULL */
static const struct vnetfab_fdb *run_fdb(const struct walk *w, size_t seg,
					 const struct rlink *l,
					 const uint8_t mac[VF_MACLEN])
{
	const struct vnetfab_fdb *f;
	struct vnetfab_fdb key;

	if (!l || !l->n_fdb)
		return NULL;
	key.has = FDB_MAC;
	memcpy(key.mac, mac, VF_MACLEN);
	f = bsearch(&key, l->fdb, l->n_fdb, sizeof(*f), run_fdb_sort);
	if (!f)
		return NULL;
	if (f->has & FDB_PEER) {
		const struct vnetfab_peer *p = run_peer(l, &f->peer.addr);

		if (!p || peer_goes(w, seg, p))
			return NULL;
	}
	return f;
}

/*
 * Whether the file has an entry of @mac on segment @seg: in w->fdb, its
 * entries sorted (the file's own are in the file's order).
 */
static bool cfg_has_fdb(const struct walk *w, size_t seg,
			const uint8_t mac[VF_MACLEN])
{
	struct cfg_fdb key;

	key.seg = seg;
	memcpy(key.mac, mac, VF_MACLEN);
	return bsearch(&key, w->fdb, w->c->n_fdb, sizeof(key), fdb_sort);
}

static bool fdb_same(const struct walk *w, const struct cfg_fdb *cf,
		     const struct vnetfab_fdb *f)
{
	const struct rlink *port;

	if (!(f->has & FDB_STATIC))
		return false;
	switch (cf->dest) {
	case VF_FDB_LOCAL:
		return f->has & FDB_LOCAL;
	case VF_FDB_REMOTE:
		return (f->has & FDB_PEER) &&
		       config_addr_eq(&f->peer.addr, &cf->remote);
	case VF_FDB_PORT:
		port = link_by_name(w->r, cf->port);
		return (f->has & FDB_PORT) && port &&
		       f->port_ifindex == (uint32_t)port->ifindex;
	default:
		return false;
	}
}

/* 4: static MAC entries */
/* one change of set_fdb(): an entry to add (@cf) or to delete (@f) */
struct fdb_op {
	const struct cfg_fdb *cf;
	const struct vnetfab_fdb *f;
	struct vnetfab_fdb req;
};

static void fdb_done(struct walk *w, size_t seg, const struct fdb_op *op)
{
	char mb[18];

	/* "fdb SEG MAC: what", without printf: 100 000 lines in an apply */
	print_mac(op->req.mac, mb, sizeof(mb));
	fputs("fdb ", stdout);
	fputs(w->c->segs[seg].name, stdout);
	putchar(' ');
	fputs(mb, stdout);
	if (!op->cf) {
		fputs(": deleted\n", stdout);
	} else if (op->cf->dest == VF_FDB_REMOTE) {
		/* the same few peers, line after line */
		if (!vf_addr_eq(&w->last_remote, &op->cf->remote)) {
			w->last_remote = op->cf->remote;
			print_addr(&op->cf->remote, w->last_remote_str,
				   sizeof(w->last_remote_str));
		}
		fputs(": remote ", stdout);
		fputs(w->last_remote_str, stdout);
		putchar('\n');
	} else if (op->cf->dest == VF_FDB_PORT) {
		fputs(": port ", stdout);
		fputs(op->cf->port, stdout);
		putchar('\n');
	} else {
		fputs(": local\n", stdout);
	}
}

/* entries in one ADD_FDB or DEL_FDB list request: 16 KiB at most */
#define FDB_PER_MSG	160

/*
 * Sends @n ops of one kind (add if @add) to segment @seg as one request
 * with VNETFAB_A_FDB_LIST, and reports each one done; at a refusal, the
 * ones before it (applied: the kernel goes in order) and the refused one,
 * found by the extended ACK's offset. *@old is set when the module
 * predates VNETFAB_A_FDB_LIST (nothing was applied then).
 */
static int send_fdb_list(struct walk *w, size_t seg, const struct fdb_op *ops,
			 size_t n, bool add, bool *old)
{
	const struct cfg_segment *s = &w->c->segs[seg];
	int offs[FDB_PER_MSG], list_offs, errs[1], ret;
	struct nlattr *list;
	struct nl_msg *msg;
	struct nlu_err e;
	size_t j, k;

	msg = vnetfab_genl_req_size(w->r->family,
				    add ? VNETFAB_CMD_ADD_FDB :
					  VNETFAB_CMD_DEL_FDB, 0, s->name,
				    VNETFAB_FDB_REQ_SIZE +
				    n * VNETFAB_FDB_ENTRY_MAX);
	if (!msg)
		goto oom;
	list_offs = (int)nlmsg_hdr(msg)->nlmsg_len;
	list = nla_nest_start(msg, VNETFAB_A_FDB_LIST);
	for (k = 0; list && k < n; k++) {
		offs[k] = (int)nlmsg_hdr(msg)->nlmsg_len;
		if (vnetfab_put_fdb(msg, VNETFAB_A_FDB, &ops[k].req))
			break;
	}
	if (!list || k < n) {
		nlmsg_free(msg);
		goto oom;
	}
	nla_nest_end(msg, list);
	ret = nlu_transact_batch(w->r->sk, &msg, 1, errs, &e);
	nlmsg_free(msg);
	if (ret && e.err == EINVAL && e.offs == list_offs) {
		/* "Unknown attribute type": a module older than the list */
		*old = true;
		return 0;
	}
	if (!ret) {
		for (k = 0; k < n; k++)
			fdb_done(w, seg, &ops[k]);
		return 0;
	}
	/*
	 * The refused entry is the last one starting at or before the
	 * offset; none of them if the offset is before the first (the
	 * segment itself) or missing. The ones before it were applied.
	 */
	if (e.offs < offs[0])
		return kfail(w, s->line, s->name, &e);
	for (j = 0, k = 0; k < n && offs[k] <= e.offs; k++)
		j = k;
	for (k = 0; k < j; k++)
		fdb_done(w, seg, &ops[k]);
	return kfail(w, ops[j].cf ? ops[j].cf->line : s->line, s->name, &e);
oom:
	fprintf(stderr, "vnetfabctl: out of memory\n");
	return -1;
}

/*
 * Sends @ops to segment @seg NLU_BATCH at a time, one request each (one
 * write and a bulk read of the ACKs), for a module without
 * VNETFAB_A_FDB_LIST; reports each one done; at the first refusal,
 * reports it and stops after that batch.
 */
static int send_fdb_each(struct walk *w, size_t seg, const struct fdb_op *ops,
			 size_t n)
{
	const struct cfg_segment *s = &w->c->segs[seg];
	struct nl_msg *msgs[NLU_BATCH];
	int errs[NLU_BATCH];
	struct nlu_err e;
	size_t i, k, cnt;
	int ret = 0;

	for (i = 0; i < n && !ret; i += cnt) {
		cnt = n - i < NLU_BATCH ? n - i : NLU_BATCH;
		for (k = 0; k < cnt; k++) {
			msgs[k] = vnetfab_fdb_req(w->r->family,
						  ops[i + k].cf ?
						  VNETFAB_CMD_ADD_FDB :
						  VNETFAB_CMD_DEL_FDB,
						  s->name, &ops[i + k].req);
			if (!msgs[k])
				break;
		}
		if (k < cnt) {
			while (k--)
				nlmsg_free(msgs[k]);
			fprintf(stderr, "vnetfabctl: out of memory\n");
			return -1;
		}
		ret = nlu_transact_batch(w->r->sk, msgs, cnt, errs, &e);
		for (k = 0; k < cnt; k++)
			nlmsg_free(msgs[k]);
		for (k = 0; k < cnt; k++)
			if (!errs[k])
				fdb_done(w, seg, &ops[i + k]);
		if (ret) {
			/* the first refused one of the batch names the line */
			for (k = 0; k < cnt && errs[k] <= 0; k++)
				;
			return kfail(w, k < cnt && ops[i + k].cf ?
				     ops[i + k].cf->line : s->line,
				     s->name, &e);
		}
	}
	return ret;
}

/*
 * Sends @ops to segment @seg: runs of adds or deletes, FDB_PER_MSG
 * entries a request (one RTNL hold each in the kernel).
 */
static int send_fdb_ops(struct walk *w, size_t seg, const struct fdb_op *ops,
			size_t n)
{
	bool old = false;
	size_t i, cnt;

	for (i = 0; i < n; i += cnt) {
		for (cnt = 1; i + cnt < n && cnt < FDB_PER_MSG &&
		     !ops[i + cnt].cf == !ops[i].cf; cnt++)
			;
		if (send_fdb_list(w, seg, ops + i, cnt, ops[i].cf, &old))
			return -1;
		if (old)
			return send_fdb_each(w, seg, ops + i, n - i);
	}
	return 0;
}

static int set_fdb(struct walk *w, size_t seg, const struct rlink *l)
{
	const struct vnetfab_fdb *f;
	const struct rlink *port;
	struct fdb_op *ops, *op;
	size_t i, n = 0;
	int ret;

	ops = calloc(w->c->n_fdb + (l ? l->n_fdb : 0) + 1, sizeof(*ops));
	if (!ops) {
		fprintf(stderr, "vnetfabctl: out of memory\n");
		return -1;
	}
	for (i = 0; i < w->c->n_fdb; i++) {
		const struct cfg_fdb *cf = &w->c->fdb[i];

		if (cf->seg != seg)
			continue;
		f = run_fdb(w, seg, l, cf->mac);
		if (f && fdb_same(w, cf, f))
			continue;
		op = &ops[n++];
		op->cf = cf;
		op->req.has = FDB_MAC;
		memcpy(op->req.mac, cf->mac, VF_MACLEN);
		switch (cf->dest) {
		case VF_FDB_REMOTE:
			op->req.has |= FDB_PEER;
			op->req.peer.has = PEER_ADDR;
			op->req.peer.addr = cf->remote;
			break;
		case VF_FDB_PORT:
			port = link_by_name(w->r, cf->port);
			op->req.has |= FDB_PORT;
			op->req.port_ifindex = port ? (uint32_t)port->ifindex : 0;
			break;
		default:
			op->req.has |= FDB_LOCAL;
			break;
		}
	}
	for (i = 0; l && i < l->n_fdb; i++) {
		f = &l->fdb[i];
		if (!(f->has & FDB_STATIC) || !(f->has & FDB_MAC) ||
		    run_fdb(w, seg, l, f->mac) != f)
			continue;	/* learned, or gone with its peer */
		if (cfg_has_fdb(w, seg, f->mac))
			continue;
		op = &ops[n++];
		op->f = f;
		op->req.has = FDB_MAC;
		memcpy(op->req.mac, f->mac, VF_MACLEN);
	}
	ret = w->dry ? 0 : send_fdb_ops(w, seg, ops, n);
	for (i = 0; w->dry && i < n; i++)
		fdb_done(w, seg, &ops[i]);
	free(ops);
	return ret;
}

static int walk(struct walk *w)
{
	const struct cfg_segment *s;
	struct rlink *l;
	size_t i, j;

	if (walk_displaced(w))
		return -1;
	for (i = 0; i < w->c->n_segs; i++) {
		s = &w->c->segs[i];
		if (!running_seg(w->r, s) && create_segment(w, s))
			return -1;
	}
	for (i = 0; i < w->c->n_segs; i++) {
		s = &w->c->segs[i];
		l = running_seg(w->r, s);
		if (l && set_segment(w, s, l))
			return -1;
	}
	for (i = 0; i < w->c->n_segs; i++)
		if (set_peers(w, i, running_seg(w->r, &w->c->segs[i])))
			return -1;
	for (i = 0; i < w->c->n_segs; i++)
		if (set_fdb(w, i, running_seg(w->r, &w->c->segs[i])))
			return -1;
	for (i = 0; i < w->r->n; i++) {
		l = &w->r->v[i];
		if (!l->vnetfab || l->deleted)
			continue;
		for (j = 0; j < w->c->n_segs; j++)
			if (!strcmp(w->c->segs[j].name, l->name))
				break;
		if (j == w->c->n_segs && delete_segment(w, l))
			return -1;
	}
	return 0;
}

int apply_file(const char *path, bool dry_run)
{
	char err[CONFIG_ERRLEN];
	struct vf_config c;
	struct running r;
	struct walk w;
	int ret;

	ret = config_load(path, &c, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "vnetfabctl: %s\n", err);
		return ret == -2 ? APPLY_RUNTIME : APPLY_USAGE;
	}
	ret = read_running(&r);
	if (ret)
		goto out;
	if (check_running(&c, path, &r)) {
		ret = APPLY_RUNTIME;
		goto out;
	}
	w = (struct walk){ .c = &c, .fname = path, .r = &r, .dry = dry_run };
	w.fdb = malloc((c.n_fdb ? c.n_fdb : 1) * sizeof(*w.fdb));
	if (!w.fdb) {
		fprintf(stderr, "vnetfabctl: out of memory\n");
		ret = APPLY_RUNTIME;
		goto out;
	}
	if (c.n_fdb)
		memcpy(w.fdb, c.fdb, c.n_fdb * sizeof(*w.fdb));
	qsort(w.fdb, c.n_fdb, sizeof(*w.fdb), fdb_sort);
	ret = walk(&w) ? APPLY_RUNTIME : APPLY_OK;
	free(w.fdb);
out:
	running_free(&r);
	config_free(&c);
	return ret;
}
