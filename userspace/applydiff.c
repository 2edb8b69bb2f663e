// SPDX-License-Identifier: GPL-2.0
/*
 * applydiff.c - what "vnetfabctl apply" compares: a vnetfab.conf(5) file
 * with the running state apply.c read. Which segments are in the way,
 * to create, to set, to delete; which peers and static MAC entries
 * differ (whether the file can be applied at all: applycheck.c). Pure: no
 * netlink, nothing printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "applydiff.h"
#include "liveness.h"
#include "paths.h"

/* ---- the running state --------------------------------------------------- */

void running_free(struct running *r)
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

/* running FDB entries by MAC; entries without one (never sent) first */
static int run_fdb_sort(const void *a, const void *b)
{
	const struct vnetfab_fdb *x = a, *y = b;

	if ((x->has & FDB_MAC) != (y->has & FDB_MAC))
		return (x->has & FDB_MAC) ? 1 : -1;
	return memcmp(x->mac, y->mac, VF_MACLEN);
}

int running_index(struct running *r)
{
	struct rlink *l;
	size_t i;

	for (i = 0; i < r->n; i++) {
		l = &r->v[i];
		/* by MAC, for run_fdb()'s binary search */
		if (l->vnetfab && l->n_fdb)
			qsort(l->fdb, l->n_fdb, sizeof(*l->fdb), run_fdb_sort);
	}
	return 0;
}

struct rlink *running_link(const struct running *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	return NULL;
}

struct rlink *running_link_at(const struct running *r, int ifindex)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].ifindex == ifindex)
			return &r->v[i];
	return NULL;
}

/* ---- the file's side ----------------------------------------------------- */

int diff_cfg_fdb_cmp(const void *a, const void *b)
{
	const struct cfg_fdb *x = a, *y = b;

	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return memcmp(x->mac, y->mac, VF_MACLEN);
}

int diff_init(struct diff *d, const struct vf_config *c, struct running *r)
{
	*d = (struct diff){ .c = c, .r = r };
	d->fdb = malloc((c->n_fdb ? c->n_fdb : 1) * sizeof(*d->fdb));
	if (!d->fdb)
		return -1;
	if (c->n_fdb)
		memcpy(d->fdb, c->fdb, c->n_fdb * sizeof(*d->fdb));
	qsort(d->fdb, c->n_fdb, sizeof(*d->fdb), diff_cfg_fdb_cmp);
	return 0;
}

void diff_free(struct diff *d)
{
	free(d->fdb);
	memset(d, 0, sizeof(*d));
}

/* ---- segments ------------------------------------------------------------ */

struct rlink *diff_running_seg(const struct diff *d,
			       const struct cfg_segment *s)
{
	struct rlink *l = running_link(d->r, s->name);

	return l && l->vnetfab ? l : NULL;
}

bool diff_in_file(const struct diff *d, const char *name)
{
	size_t j;

	for (j = 0; j < d->c->n_segs; j++)
		if (!strcmp(d->c->segs[j].name, name))
			return true;
	return false;
}

static bool same_key(const struct cfg_segment *a, const struct cfg_segment *b)
{
	return a->encap == b->encap && a->id == b->id &&
	       a->dstport == b->dstport;
}

bool diff_displaced(const struct diff *d, const struct rlink *l)
{
	const struct cfg_segment *s;
	size_t j;

	for (j = 0; j < d->c->n_segs; j++) {
		s = &d->c->segs[j];
		if (!diff_running_seg(d, s) && same_key(s, &l->cfg))
			return true;
	}
	return false;
}

/* ---- 2: run-time settings ------------------------------------------------ */

size_t diff_seg_set(const struct cfg_segment *s, const struct cfg_segment *t,
		    struct vf_args *a, char *line, size_t len)
{
	char pb[VF_PROBE_STRLEN];
	size_t n = 0;

#define ADDF(...) (n += (size_t)snprintf(line + n, n < len ? len - n : 0, \
					 __VA_ARGS__))
	line[0] = '\0';
	if (s->ttl != t->ttl) {
		a->has_ttl = true;
		a->ttl = s->ttl;
		ADDF(" ttl %u", s->ttl);
	}
	if (s->tos != t->tos) {
		a->has_tos = true;
		a->tos = s->tos;
		if (s->tos == VF_TOS_INHERIT)
			ADDF(" tos inherit");
		else
			ADDF(" tos %u", s->tos);
	}
	if (s->df != t->df) {
		a->has_df = true;
		a->df = s->df;
		ADDF(" df %s", config_df_name(s->df));
	}
	if (s->ageing != t->ageing) {
		a->has_ageing = true;
		a->ageing = s->ageing;
		ADDF(" ageing %u", s->ageing);
	}
	if (s->learning != t->learning) {
		a->has_learning = true;
		a->learning = s->learning;
		ADDF(" learning %s", s->learning ? "on" : "off");
	}
	if (s->maxaddr != t->maxaddr) {
		a->has_maxaddr = true;
		a->maxaddr = s->maxaddr;
		ADDF(" maxaddr %u", s->maxaddr);
	}
	if (s->probe != t->probe) {
		a->has_probe = true;
		a->probe = s->probe;
		ADDF(" probe %s", vf_probe_str(s->probe, pb, sizeof(pb)));
	}
	if (s->probe_misses != t->probe_misses) {
		a->has_probe_misses = true;
		a->probe_misses = s->probe_misses;
		ADDF(" probe-misses %u", s->probe_misses);
	}
	if (s->hold_down != t->hold_down) {
		a->has_hold_down = true;
		a->hold_down = s->hold_down;
		ADDF(" hold-down %u", s->hold_down);
	}
	if (s->peer_storm != t->peer_storm) {
		a->has_peer_storm = true;
		a->peer_storm = s->peer_storm;
		ADDF(" peer-storm %u", s->peer_storm);
	}
	if (s->peer_storm_burst != t->peer_storm_burst) {
		a->has_peer_storm_burst = true;
		a->peer_storm_burst = s->peer_storm_burst;
		ADDF(" peer-storm-burst %u", s->peer_storm_burst);
	}
	if (s->share != t->share) {
		a->has_share = true;
		a->share = s->share;
		ADDF(" share %u", s->share);
	}
	if (s->priority != t->priority) {
		a->has_priority = true;
		a->priority = s->priority;
		ADDF(" priority %u", s->priority);
	}
#undef ADDF
	return n;
}

/* ---- 3: peers ------------------------------------------------------------ */

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
static bool peer_goes(const struct diff *d, size_t seg,
		      const struct vnetfab_peer *p)
{
	return !file_peer(d->c, seg, &p->addr);
}

size_t diff_peers(const struct diff *d, size_t seg, const struct rlink *l,
		  diff_peer_fn *fn, void *arg)
{
	const struct vnetfab_peer *rp;
	size_t i, changes = 0;

	for (i = 0; i < d->c->n_peers; i++) {
		const struct cfg_peer *p = &d->c->peers[i];

		if (p->seg != seg)
			continue;
		rp = run_peer(l, cfg_peer_addr(p));
		if (!rp || peer_changes(rp, p)) {
			if (fn)
				fn(arg, rp ? '~' : '+', cfg_peer_addr(p));
			changes++;
		}
	}
	for (i = 0; l && i < l->n_peers; i++) {
		if ((l->peers[i].has & PEER_ADDR) &&
		    peer_goes(d, seg, &l->peers[i])) {
			if (fn)
				fn(arg, '-', &l->peers[i].addr);
			changes++;
		}
	}
	return changes;
}

/* ---- 4: static MAC entries ----------------------------------------------- */

/* the running entry of @mac that survives the peer change, or NULL */
static const struct vnetfab_fdb *run_fdb(const struct diff *d, size_t seg,
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

		if (!p || peer_goes(d, seg, p))
			return NULL;
	}
	return f;
}

/*
 * Whether the file has an entry of @mac on segment @seg: in d->fdb, its
 * entries sorted (the file's own are in the file's order).
 */
static bool cfg_has_fdb(const struct diff *d, size_t seg,
			const uint8_t mac[VF_MACLEN])
{
	struct cfg_fdb key;

	key.seg = seg;
	memcpy(key.mac, mac, VF_MACLEN);
	return bsearch(&key, d->fdb, d->c->n_fdb, sizeof(key),
		       diff_cfg_fdb_cmp);
}

static bool fdb_same(const struct diff *d, const struct cfg_fdb *cf,
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
		port = running_link(d->r, cf->port);
		return (f->has & FDB_PORT) && port &&
		       f->port_ifindex == (uint32_t)port->ifindex;
	default:
		return false;
	}
}

/* the request that adds file entry @cf */
static void add_req(const struct diff *d, const struct cfg_fdb *cf,
		    struct vnetfab_fdb *req)
{
	const struct rlink *port;

	req->has = FDB_MAC;
	memcpy(req->mac, cf->mac, VF_MACLEN);
	switch (cf->dest) {
	case VF_FDB_REMOTE:
		req->has |= FDB_PEER;
		req->peer.has = PEER_ADDR;
		req->peer.addr = cf->remote;
		break;
	case VF_FDB_PORT:
		port = running_link(d->r, cf->port);
		req->has |= FDB_PORT;
		req->port_ifindex = port ? (uint32_t)port->ifindex : 0;
		break;
	default:
		req->has |= FDB_LOCAL;
		break;
	}
}

size_t diff_fdb_room(const struct diff *d, size_t seg, const struct rlink *l)
{
	(void)seg;
	return d->c->n_fdb + (l ? l->n_fdb : 0) + 1;
}

size_t diff_fdb(const struct diff *d, size_t seg, const struct rlink *l,
		struct fdb_op *ops)
{
	const struct vnetfab_fdb *f;
	struct fdb_op *op;
	size_t i, n = 0;

	for (i = 0; i < d->c->n_fdb; i++) {
		const struct cfg_fdb *cf = &d->c->fdb[i];

		if (cf->seg != seg)
			continue;
		f = run_fdb(d, seg, l, cf->mac);
		if (f && fdb_same(d, cf, f))
			continue;
		op = &ops[n++];
		memset(op, 0, sizeof(*op));
		op->cf = cf;
		add_req(d, cf, &op->req);
	}
	for (i = 0; l && i < l->n_fdb; i++) {
		f = &l->fdb[i];
		if (!(f->has & FDB_STATIC) || !(f->has & FDB_MAC) ||
		    run_fdb(d, seg, l, f->mac) != f)
			continue;	/* learned, or gone with its peer */
		if (cfg_has_fdb(d, seg, f->mac))
			continue;
		op = &ops[n++];
		memset(op, 0, sizeof(*op));
		op->f = f;
		op->req.has = FDB_MAC;
		memcpy(op->req.mac, f->mac, VF_MACLEN);
	}
	return n;
}
