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

/* ---- lookups: binary searches on sorted indexes ------------------------- */

/* how @key compares with element @i of @ctx */
typedef int key_cmp(const void *key, const void *ctx, size_t i);

/* in @idx (@n, sorted by @cmp), the first that does not sort before @key */
static size_t lower(const size_t *idx, size_t n, key_cmp *cmp,
		    const void *key, const void *ctx)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp(key, ctx, idx[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* the element of @idx equal to @key that comes first in @ctx, or -1 */
static long find(const size_t *idx, size_t n, key_cmp *cmp, const void *key,
		 const void *ctx)
{
	size_t i = lower(idx, n, cmp, key, ctx);

	return i < n && !cmp(key, ctx, idx[i]) ? (long)idx[i] : -1;
}

/* @r, else @a and @b in their order: what find() returns is the first */
static int or_order(int r, size_t a, size_t b)
{
	if (r)
		return r;
	return a < b ? -1 : a > b;
}

/* 0..@n-1 sorted by qsort_r(@cmp, @ctx) into *@idx; 0 or -1 */
static int index_of(size_t **idx, size_t n,
		    int (*cmp)(const void *, const void *, void *),
		    const void *ctx)
{
	size_t i;

	free(*idx);
	*idx = malloc((n ? n : 1) * sizeof(**idx));
	if (!*idx)
		return -1;
	for (i = 0; i < n; i++)
		(*idx)[i] = i;
	qsort_r(*idx, n, sizeof(**idx), cmp, (void *)ctx);
	return 0;
}

/* ---- the running state --------------------------------------------------- */

void running_free(struct running *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].peers);
		free(r->v[i].fdb);
		free(r->v[i].peers_byaddr);
	}
	free(r->v);
	free(r->byname);
	free(r->byindex);
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

static int link_name_key(const void *key, const void *ctx, size_t i)
{
	return strcmp(key, ((const struct rlink *)ctx)[i].name);
}

static int link_name_cmp(const void *a, const void *b, void *ctx)
{
	const struct rlink *v = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return or_order(link_name_key(v[x].name, v, y), x, y);
}

static int link_index_key(const void *key, const void *ctx, size_t i)
{
	int a = *(const int *)key, b = ((const struct rlink *)ctx)[i].ifindex;

	return a < b ? -1 : a > b;
}

static int link_index_cmp(const void *a, const void *b, void *ctx)
{
	const struct rlink *v = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return or_order(link_index_key(&v[x].ifindex, v, y), x, y);
}

/* a running peer's address; peers without one sort first, and match none */
static int run_peer_key(const void *key, const void *ctx, size_t i)
{
	const struct vnetfab_peer *p = &((const struct vnetfab_peer *)ctx)[i];

	if (!(p->has & PEER_ADDR))
		return 1;
	return vf_addr_cmp(key, &p->addr);
}

static int run_peer_cmp(const void *a, const void *b, void *ctx)
{
	const struct vnetfab_peer *v = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (!(v[x].has & PEER_ADDR))
		return or_order(v[y].has & PEER_ADDR ? -1 : 0, x, y);
	return or_order(run_peer_key(&v[x].addr, v, y), x, y);
}

int running_index(struct running *r)
{
	struct rlink *l;
	size_t i;

	if (index_of(&r->byname, r->n, link_name_cmp, r->v) ||
	    index_of(&r->byindex, r->n, link_index_cmp, r->v))
		return -1;
	for (i = 0; i < r->n; i++) {
		l = &r->v[i];
		if (!l->vnetfab)
			continue;
		/* by MAC, for run_fdb()'s binary search */
		if (l->n_fdb)
			qsort(l->fdb, l->n_fdb, sizeof(*l->fdb), run_fdb_sort);
		if (index_of(&l->peers_byaddr, l->n_peers, run_peer_cmp,
			     l->peers))
			return -1;
	}
	return 0;
}

struct rlink *running_link(const struct running *r, const char *name)
{
	long i = find(r->byname, r->n, link_name_key, name, r->v);

	return i < 0 ? NULL : &r->v[i];
}

struct rlink *running_link_at(const struct running *r, int ifindex)
{
	long i = find(r->byindex, r->n, link_index_key, &ifindex, r->v);

	return i < 0 ? NULL : &r->v[i];
}

/* ---- the file's side ----------------------------------------------------- */

int diff_cfg_fdb_cmp(const void *a, const void *b)
{
	const struct cfg_fdb *x = a, *y = b;

	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return memcmp(x->mac, y->mac, VF_MACLEN);
}

static int seg_name_key(const void *key, const void *ctx, size_t i)
{
	return strcmp(key, ((const struct cfg_segment *)ctx)[i].name);
}

static int seg_name_cmp(const void *a, const void *b, void *ctx)
{
	const struct cfg_segment *v = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return or_order(seg_name_key(v[x].name, v, y), x, y);
}

/* what a new segment takes that a running one may have: encap, id, port */
static int seg_key_key(const void *key, const void *ctx, size_t i)
{
	return config_seg_key_cmp(key, &((const struct cfg_segment *)ctx)[i]);
}

static int seg_key_cmp(const void *a, const void *b, void *ctx)
{
	const struct cfg_segment *v = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return or_order(seg_key_key(&v[x], v, y), x, y);
}

/* a file peer's segment and address */
struct peer_key {
	size_t seg;
	const struct vf_addr *addr;
};

static int file_peer_key(const void *key, const void *ctx, size_t i)
{
	const struct peer_key *k = key;
	const struct cfg_peer *p = &((const struct cfg_peer *)ctx)[i];

	if (k->seg != p->seg)
		return k->seg < p->seg ? -1 : 1;
	return vf_addr_cmp(k->addr, cfg_peer_addr(p));
}

static int file_peer_cmp(const void *a, const void *b, void *ctx)
{
	const struct cfg_peer *v = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	struct peer_key k = { v[x].seg, cfg_peer_addr(&v[x]) };

	return or_order(file_peer_key(&k, v, y), x, y);
}

static int port_dev_key(const void *key, const void *ctx, size_t i)
{
	return strcmp(key, ((const struct cfg_port *)ctx)[i].dev);
}

static int port_dev_cmp(const void *a, const void *b, void *ctx)
{
	const struct cfg_port *v = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return or_order(port_dev_key(v[x].dev, v, y), x, y);
}

/* the file's segments that do not run, by key */
static int index_fresh(struct diff *d)
{
	const struct vf_config *c = d->c;
	size_t i, n = 0;

	if (index_of(&d->fresh, c->n_segs, seg_key_cmp, c->segs))
		return -1;
	for (i = 0; i < c->n_segs; i++)
		if (!diff_running_seg(d, &c->segs[d->fresh[i]]))
			d->fresh[n++] = d->fresh[i];
	d->n_fresh = n;
	return 0;
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
	if (index_of(&d->segs_byname, c->n_segs, seg_name_cmp, c->segs) ||
	    index_of(&d->peers_byaddr, c->n_peers, file_peer_cmp, c->peers) ||
	    config_by_seg(c->peers, c->n_peers, sizeof(*c->peers),
		   offsetof(struct cfg_peer, seg), c->n_segs, &d->peer_first,
		   &d->peer_order) ||
	    config_by_seg(c->fdb, c->n_fdb, sizeof(*c->fdb),
		   offsetof(struct cfg_fdb, seg), c->n_segs, &d->fdb_first,
		   &d->fdb_order) ||
	    index_of(&d->ports_bydev, c->n_ports, port_dev_cmp, c->ports) ||
	    index_fresh(d))
		return -1;
	return 0;
}

void diff_free(struct diff *d)
{
	free(d->fdb);
	free(d->segs_byname);
	free(d->peers_byaddr);
	free(d->peer_first);
	free(d->peer_order);
	free(d->fdb_first);
	free(d->fdb_order);
	free(d->fresh);
	free(d->ports_bydev);
	memset(d, 0, sizeof(*d));
}

size_t diff_file_peers(const struct diff *d, size_t seg, const size_t **idx)
{
	*idx = d->peer_order + d->peer_first[seg];
	return d->peer_first[seg + 1] - d->peer_first[seg];
}

/* the file's entries of segment @seg, in file order, as diff_file_peers() */
static size_t file_fdb(const struct diff *d, size_t seg, const size_t **idx)
{
	*idx = d->fdb_order + d->fdb_first[seg];
	return d->fdb_first[seg + 1] - d->fdb_first[seg];
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
	return find(d->segs_byname, d->c->n_segs, seg_name_key, name,
		    d->c->segs) >= 0;
}

const struct cfg_port *diff_file_port(const struct diff *d, const char *dev)
{
	long i = find(d->ports_bydev, d->c->n_ports, port_dev_key, dev,
		      d->c->ports);

	return i < 0 ? NULL : &d->c->ports[i];
}

bool diff_port_moves(const struct diff *d, const struct cfg_port *p)
{
	const struct rlink *l = diff_running_seg(d, &d->c->segs[p->seg]);
	const struct rlink *dev = running_link(d->r, p->dev);

	return !l || !dev || dev->master != l->ifindex;
}

bool diff_goes(const struct diff *d, const struct rlink *l)
{
	return l->vnetfab && !diff_in_file(d, l->name) &&
	       (l->owned || d->prune);
}

const struct cfg_segment *diff_displaced(const struct diff *d,
					 const struct rlink *l)
{
	long i = find(d->fresh, d->n_fresh, seg_key_key, &l->cfg, d->c->segs);

	return i < 0 ? NULL : &d->c->segs[i];
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
		ADDF(" df %s", vf_segopt_name(VF_SO_DF, s->df));
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
	if (diff_mtu(s, t))
		ADDF(" mtu %u", s->mtu);
#undef ADDF
	return n;
}

/* ---- 3: peers ------------------------------------------------------------ */

/* the running peer of @l with address @a, or NULL */
static const struct vnetfab_peer *run_peer(const struct rlink *l,
					   const struct vf_addr *a)
{
	long i;

	if (!l)
		return NULL;
	i = find(l->peers_byaddr, l->n_peers, run_peer_key, a, l->peers);
	return i < 0 ? NULL : &l->peers[i];
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

/* whether the file has a peer of segment @seg with address @a */
static bool file_peer(const struct diff *d, size_t seg,
		      const struct vf_addr *a)
{
	struct peer_key k = { seg, a };

	return find(d->peers_byaddr, d->c->n_peers, file_peer_key, &k,
		    d->c->peers) >= 0;
}

/*
 * A running peer that SET_PEERS with the file's set removes: the MACs
 * behind it, static ones too, go with it. A peer whose port alone
 * changes stays, with its MACs and counters.
 */
static bool peer_goes(const struct diff *d, size_t seg,
		      const struct vnetfab_peer *p)
{
	return !file_peer(d, seg, &p->addr);
}

size_t diff_peers(const struct diff *d, size_t seg, const struct rlink *l,
		  diff_peer_fn *fn, void *arg)
{
	const struct vnetfab_peer *rp;
	size_t i, n, changes = 0;
	const size_t *idx;

	n = diff_file_peers(d, seg, &idx);
	for (i = 0; i < n; i++) {
		const struct cfg_peer *p = &d->c->peers[idx[i]];

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
	const size_t *idx;

	return file_fdb(d, seg, &idx) + (l ? l->n_fdb : 0) + 1;
}

size_t diff_fdb(const struct diff *d, size_t seg, const struct rlink *l,
		struct fdb_op *ops)
{
	const struct vnetfab_fdb *f;
	size_t i, n = 0, nf;
	const size_t *idx;
	struct fdb_op *op;

	nf = file_fdb(d, seg, &idx);
	for (i = 0; i < nf; i++) {
		const struct cfg_fdb *cf = &d->c->fdb[idx[i]];

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
