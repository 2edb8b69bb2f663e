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
 *   1. segments of the file that do not run: created, set up (their MTU
 *      too), and marked as apply's (IFLA_IFALIAS APPLY_MARK); then the
 *      devices of port lines enslaved (applyport.c);
 *   2. run-time settings that differ: one "segment set" per segment (with
 *      the MTU, when the file gives one);
 *   3. peers that differ (address, paths and their sources, port, own
 *      probe interval): one SET_PEERS per segment, with the file's set;
 *   4. static MAC entries missing or different: added (replaced); static
 *      entries not in the file: deleted; learned ones are left alone;
 *   5. the other running segments absent from the file: deleted.
 * Steps 0 and 5 delete only segments that apply made (marked), or with
 * --prune any: segments made by hand are left alone (applycheck.c
 * refuses a file whose new segment one of them is in the way of).
 * A dry run walks the same changes, printing them, making none. Of a
 * fabric file (a file with host lines), apply takes the part of this host
 * (applyhost.c).
 *
 * What differs, and whether the file can be applied at all, is
 * applydiff.c's; step 4 is applyfdb.c's.
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

#include "args.h"
#include "apply.h"
#include "applydiff.h"
#include "link.h"
#include "liveness.h"
#include "paths.h"

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
	/* the kernel sends the alias with its NUL, as nla_strcmp() wants */
	l.owned = tb[IFLA_IFALIAS] && !nla_strcmp(tb[IFLA_IFALIAS], APPLY_MARK);
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
			if (tb[IFLA_MTU] && nla_len(tb[IFLA_MTU]) >= 4)
				l.cfg.mtu = nla_get_u32(tb[IFLA_MTU]);
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
		vf_eprintf("%s\n", VNETFAB_NOFAMILY_MSG);
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
		if (vnetfab_get_peers(r->sk, r->family, l->name, &l->peers,
				      &l->n_peers, &e) ||
		    vnetfab_get_fdb(r->sk, r->family, l->name, &l->fdb,
				    &l->n_fdb, &e)) {
			nlu_perror(l->name, &e);
			return APPLY_RUNTIME;
		}
	}
	if (running_index(r)) {
		vf_eprintf("vnetfabctl: out of memory\n");
		return APPLY_RUNTIME;
	}
	for (i = 0; i < r->n; i++) {
		l = &r->v[i];
		if (!l->vnetfab || !l->link || l->link_foreign)
			continue;
		d = running_link_at(r, (int)l->link);
		if (d)
			memcpy(l->cfg.dev, d->name, sizeof(d->name));
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

/*
 * The port lines of @c, the running configuration of @r: the devices
 * whose master is a segment, by segment, in the order of the dump.
 * 0, or -1 out of memory.
 */
static int running_ports(const struct running *r, struct vf_config *c)
{
	const struct rlink *m;
	size_t i, n = 0, *seg;
	struct cfg_port *p;

	/* the index in c->segs of each segment of @r, as they were taken */
	seg = calloc(r->n ? r->n : 1, sizeof(*seg));
	c->ports = calloc(r->n ? r->n : 1, sizeof(*c->ports));
	if (!seg || !c->ports) {
		free(seg);
		config_free(c);
		return -1;
	}
	for (i = 0; i < r->n; i++)
		if (r->v[i].vnetfab)
			seg[i] = n++;
	for (i = 0; i < r->n; i++) {
		m = r->v[i].master ? running_link_at(r, r->v[i].master) : NULL;
		if (!m || !m->vnetfab)
			continue;
		p = &c->ports[c->n_ports++];
		p->seg = seg[m - r->v];
		memcpy(p->dev, r->v[i].name, sizeof(p->dev));
	}
	free(seg);
	return 0;
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
			vf_eprintf(
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
				port = running_link_at(r, (int)f->port_ifindex);
				if (!port) {
					vf_eprintf(
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
	qsort(c->fdb, c->n_fdb, sizeof(*c->fdb), diff_cfg_fdb_cmp);
	return running_ports(r, c);
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
		vf_eprintf("vnetfabctl: out of memory\n");
		running_free(&r);
		return APPLY_RUNTIME;
	}
	ret = config_write(stdout, &c) ? APPLY_RUNTIME : APPLY_OK;
	config_free(&c);
	running_free(&r);
	return ret;
}

/* ---- apply: the walk ---------------------------------------------------- */

/* kernel error of a change: "vnetfabctl: FILE:LINE: SEG: reason: extack" */
int apply_kfail(const struct walk *w, unsigned int line, const char *seg,
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

static int delete_segment(struct walk *w, struct rlink *l)
{
	struct nlu_err e;
	int ret;

	if (!w->dry) {
		ret = vnetfab_link_del(l->name, &e);
		if (ret == VNETFAB_LINK_NOTSEG) {
			vf_eprintf("vnetfabctl: %s: not a vnetfab segment\n",
				l->name);
			return -1;
		}
		if (ret)
			return apply_kfail(w, 0, l->name, &e);
	}
	l->deleted = true;
	done("deleted segment %s\n", l->name);
	return 0;
}

/* 0: running segments that a new segment of the file displaces */
static int walk_displaced(struct walk *w)
{
	struct rlink *l;
	size_t i;

	for (i = 0; i < w->r->n; i++) {
		l = &w->r->v[i];
		if (l->deleted || !diff_goes(w->d, l))
			continue;
		if (diff_displaced(w->d, l) && delete_segment(w, l))
			return -1;
	}
	return 0;
}

/*
 * 1: the mark of a segment apply made, its alias (RTM_NEWLINK does not
 * take IFLA_IFALIAS at creation: set after). 0 or -1 with @e.
 */
static int mark_segment(const char *name, struct nlu_err *e)
{
	struct nl_msg *msg = vnetfab_link_msg(RTM_SETLINK, 0, 0);

	if (msg && (nla_put_string(msg, IFLA_IFNAME, name) < 0 ||
		    nla_put_string(msg, IFLA_IFALIAS, APPLY_MARK) < 0)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return vnetfab_link_send(msg, e);
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
	const struct rlink *d = s->dev[0] ? running_link(w->r, s->dev) : NULL;
	struct ifinfomsg *ifm;
	struct nl_sock *sk;
	struct nl_msg *msg;
	struct nlu_err e;
	int ret;

	if (!w->dry) {
		msg = vnetfab_link_req(&a, 0, d ? (uint32_t)d->ifindex : 0);
		if (!msg) {
			e = (struct nlu_err){ .err = ENOMEM };
			return apply_kfail(w, s->line, s->name, &e);
		}
		/* created up, as "ip link add ... up" does */
		ifm = nlmsg_data(nlmsg_hdr(msg));
		ifm->ifi_flags |= IFF_UP;
		ifm->ifi_change |= IFF_UP;
		if (s->mtu && nla_put_u32(msg, IFLA_MTU, s->mtu) < 0) {
			nlmsg_free(msg);
			e = (struct nlu_err){ .err = ENOMEM };
			return apply_kfail(w, s->line, s->name, &e);
		}
		ret = nlu_open(&sk, NETLINK_ROUTE, &e);
		if (!ret) {
			ret = nlu_transact(sk, msg, NULL, NULL, &e);
			nlu_close(sk);
		}
		nlmsg_free(msg);
		if (ret)
			return apply_kfail(w, s->line, s->name, &e);
		if (mark_segment(s->name, &e)) {
			struct nlu_err de;

			/* unmarked, a later apply would never own it */
			vnetfab_link_del(s->name, &de);
			return apply_kfail(w, s->line, s->name, &e);
		}
	}
	done("created segment %s\n", s->name);
	return 0;
}

/* 2: one "segment set" with the run-time settings that differ */
static int set_segment(struct walk *w, const struct cfg_segment *s,
		       const struct rlink *l)
{
	struct vf_args a = { .cmd = VF_CMD_SEG_SET, .ifname = s->name };
	uint32_t mtu = diff_mtu(s, &l->cfg);
	struct nl_msg *msg;
	char line[256];
	struct nlu_err e;

	if (!diff_seg_set(s, &l->cfg, &a, line, sizeof(line)))
		return 0;
	if (!w->dry) {
		/* the device read: of kind vnetfab, which the request names */
		msg = vnetfab_link_req(&a, l->ifindex, 0);
		if (msg && mtu && nla_put_u32(msg, IFLA_MTU, mtu) < 0) {
			nlmsg_free(msg);
			msg = NULL;
		}
		if (vnetfab_link_send(msg, &e))
			return apply_kfail(w, s->line, s->name, &e);
	}
	done("set %s%s\n", s->name, line);
	return 0;
}

/* SET_PEERS with the file's peers of @seg, each with its own port */
static struct nl_msg *set_peers_req(int family, const struct diff *d,
				    size_t seg)
{
	const struct cfg_segment *s = &d->c->segs[seg];
	struct vnetfab_peer_spec spec;
	const size_t *idx;
	struct nl_msg *msg;
	size_t i, n;

	msg = nlmsg_alloc_size(vnetfab_set_peers_size(s->n_peers));
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
			 VNETFAB_CMD_SET_PEERS, VNETFAB_GENL_VERSION) ||
	    nla_put_string(msg, VNETFAB_A_IFNAME, s->name) < 0)
		goto fail;
	n = diff_file_peers(d, seg, &idx);
	for (i = 0; i < n; i++) {
		const struct cfg_peer *p = &d->c->peers[idx[i]];

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

/* set_peers()' line: the first PEERS_NAMED changes, " +ADDR -ADDR" */
struct peers_line {
	char v[PEERS_NAMED * (INET6_ADDRSTRLEN + 2) + 16];
	size_t n, named;
};

static void name_peer(void *arg, char op, const struct vf_addr *a)
{
	struct peers_line *pl = arg;
	char ab[PRINT_ADDRLEN];

	if (pl->named++ < PEERS_NAMED)
		pl->n += (size_t)snprintf(pl->v + pl->n, pl->n < sizeof(pl->v) ?
					  sizeof(pl->v) - pl->n : 0, " %c%s",
					  op, print_addr(a, ab, sizeof(ab)));
}

/* 3: the peers, when the sets differ */
static int set_peers(struct walk *w, size_t seg, const struct rlink *l)
{
	const struct cfg_segment *s = &w->c->segs[seg];
	struct peers_line pl = { .v = "" };
	size_t before = l ? l->n_peers : 0;
	struct nl_msg *msg;
	struct nlu_err e;
	int ret;

	if (!diff_peers(w->d, seg, l, name_peer, &pl))
		return 0;
	if (!w->dry) {
		msg = set_peers_req(w->r->family, w->d, seg);
		if (!msg) {
			e = (struct nlu_err){ .err = ENOMEM };
			return apply_kfail(w, s->line, s->name, &e);
		}
		ret = nlu_transact(w->r->sk, msg, NULL, NULL, &e);
		nlmsg_free(msg);
		if (ret)
			return apply_kfail(w, s->line, s->name, &e);
	}
	done("peers of %s: %zu (was %zu):%s%s\n", s->name, s->n_peers, before,
	     pl.v, pl.named > PEERS_NAMED ? " ..." : "");
	return 0;
}

int apply_walk(struct walk *w)
{
	const struct cfg_segment *s;
	struct rlink *l;
	size_t i;

	if (walk_displaced(w))
		return -1;
	for (i = 0; i < w->c->n_segs; i++) {
		s = &w->c->segs[i];
		if (!diff_running_seg(w->d, s) && create_segment(w, s))
			return -1;
	}
	if (apply_ports(w))
		return -1;
	for (i = 0; i < w->c->n_segs; i++) {
		s = &w->c->segs[i];
		l = diff_running_seg(w->d, s);
		if (l && set_segment(w, s, l))
			return -1;
	}
	for (i = 0; i < w->c->n_segs; i++)
		if (set_peers(w, i, diff_running_seg(w->d, &w->c->segs[i])))
			return -1;
	for (i = 0; i < w->c->n_segs; i++)
		if (apply_set_fdb(w, i, diff_running_seg(w->d, &w->c->segs[i])))
			return -1;
	for (i = 0; i < w->r->n; i++) {
		l = &w->r->v[i];
		if (l->deleted || !diff_goes(w->d, l))
			continue;
		if (delete_segment(w, l))
			return -1;
	}
	return 0;
}

int apply_file(const char *path, const char *host, bool dry_run, bool check,
	       bool prune)
{
	char err[CONFIG_ERRLEN], found[CONFIG_HOSTLEN];
	struct vf_config c;
	struct running r;
	struct diff d = { 0 };
	struct walk w;
	int ret;

	ret = config_load(path, &c, err, sizeof(err));
	if (ret) {
		vf_eprintf("vnetfabctl: %s\n", err);
		return ret == -2 ? APPLY_RUNTIME : APPLY_USAGE;
	}
	/* a fabric file: this host's part */
	ret = apply_host_config(&c, path, host, found, err, sizeof(err));
	if (ret) {
		vf_eprintf("vnetfabctl: %s\n", err);
		config_free(&c);
		return ret;
	}
	if (check) {
		printf("%s: valid: %zu segments, %zu peers, %zu static MAC entries%s%s\n",
		       path, c.n_segs, c.n_peers, c.n_fdb,
		       found[0] ? " for host " : "", found);
		config_free(&c);
		return APPLY_OK;
	}
	ret = read_running(&r);
	if (ret)
		goto out;
	if (diff_init(&d, &c, &r)) {
		vf_eprintf("vnetfabctl: out of memory\n");
		ret = APPLY_RUNTIME;
		goto out;
	}
	d.prune = prune;
	if (apply_check(&d, path)) {
		ret = APPLY_RUNTIME;
		goto out;
	}
	w = (struct walk){ .c = &c, .fname = path, .r = &r, .d = &d,
			   .dry = dry_run };
	ret = apply_walk(&w) ? APPLY_RUNTIME : APPLY_OK;
out:
	diff_free(&d);
	running_free(&r);
	config_free(&c);
	return ret;
}
