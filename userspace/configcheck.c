// SPDX-License-Identifier: GPL-2.0
/*
 * configcheck.c - the checks of a vnetfab.conf(5) file across its lines
 * (duplicates, references, families): config_validate(), and
 * config_check_file() for config_parse() (config.c). Those of a fabric
 * file (host lines) are configfabric.c's, which these call.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/vnetfab.h>

#include "config.h"
#include "paths.h"

void config_note(struct config_verr *v, unsigned int line, const char *fmt,
		 ...)
{
	va_list ap;
	int n;

	if (v->line && v->line <= line)
		return;
	v->line = line;
	if (!v->err || !v->errlen)
		return;
	n = snprintf(v->err, v->errlen, "%s:%u: ", v->fname, line);
	if (n < 0 || (size_t)n >= v->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(v->err + n, v->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static int fdb_cmp(const void *a, const void *b, void *arg)
{
	const struct cfg_fdb *x = a, *y = b;
	int r;

	(void)arg;
	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	r = memcmp(x->mac, y->mac, VF_MACLEN);
	if (r)
		return r;
	return x->line < y->line ? -1 : x->line > y->line;
}

int config_seg_key_cmp(const struct cfg_segment *s,
		       const struct cfg_segment *t)
{
	if (s->encap != t->encap)
		return s->encap < t->encap ? -1 : 1;
	if (s->id != t->id)
		return s->id < t->id ? -1 : 1;
	return s->dstport < t->dstport ? -1 : s->dstport > t->dstport;
}

static int seg_key_cmp(const void *a, const void *b, void *arg)
{
	const struct cfg_segment *segs = arg;
	const size_t *x = a, *y = b;
	const struct cfg_segment *s = &segs[*x], *t = &segs[*y];
	int r = config_seg_key_cmp(s, t);

	if (r)
		return r;
	return s->line < t->line ? -1 : s->line > t->line;
}

static int seg_name_cmp(const void *a, const void *b, void *arg)
{
	const struct cfg_segment *segs = arg;
	const size_t *x = a, *y = b;
	int r = strcmp(segs[*x].name, segs[*y].name);

	if (r)
		return r;
	return segs[*x].line < segs[*y].line ? -1 :
	       segs[*x].line > segs[*y].line;
}

/* Checks of the segments alone; @byname gets their indexes by name. */
static void check_segments(const struct vf_config *c, size_t *byname,
			   size_t *bykey, struct config_verr *v)
{
	const struct cfg_segment *s, *t;
	size_t i;

	for (i = 0; i < c->n_segs; i++)
		byname[i] = bykey[i] = i;
	qsort_r(byname, c->n_segs, sizeof(*byname), seg_name_cmp, c->segs);
	for (i = 1; i < c->n_segs; i++) {
		s = &c->segs[byname[i - 1]];
		t = &c->segs[byname[i]];
		if (!strcmp(s->name, t->name))
			config_note(v, t->line, "segment %s is already defined on line %u (one line per segment)",
				    t->name, s->line);
	}
	qsort_r(bykey, c->n_segs, sizeof(*bykey), seg_key_cmp, c->segs);
	for (i = 1; i < c->n_segs; i++) {
		s = &c->segs[bykey[i - 1]];
		t = &c->segs[bykey[i]];
		if (s->encap != t->encap || s->id != t->id ||
		    s->dstport != t->dstport || !strcmp(s->name, t->name))
			continue;
		if (t->encap == VNETFAB_ENCAP_GRE)
			config_note(v, t->line, "segment %s: encap gre id %u is also that of segment %s on line %u (GRE segments need distinct ids)",
				    t->name, t->id, s->name, s->line);
		else
			config_note(v, t->line, "segment %s: id %u and dstport %u are also those of segment %s on line %u (UDP segments need distinct id and dstport pairs)",
				    t->name, t->id, t->dstport, s->name, s->line);
	}
}

struct name_key {
	const struct cfg_segment *segs;
	const char *name;
};

static int name_find_cmp(const void *key, const void *elem)
{
	const struct name_key *k = key;

	return strcmp(k->name, k->segs[*(const size_t *)elem].name);
}

/* index of segment @name in the file, or -1 */
static long find_seg(const struct vf_config *c, const size_t *byname,
		     const char *name)
{
	struct name_key k = { c->segs, name };
	const size_t *e;

	e = bsearch(&k, byname, c->n_segs, sizeof(*byname), name_find_cmp);
	if (!e)
		return -1;
	/* the first line defining it, for duplicated names */
	while (e > byname && !strcmp(c->segs[e[-1]].name, name))
		e--;
	return (long)*e;
}

static void check_peers(struct vf_config *c, struct config_verr *v)
{
	char buf[INET6_ADDRSTRLEN], lbuf[INET6_ADDRSTRLEN];
	struct cfg_segment *s;
	struct cfg_peer *pe;
	size_t i;

	for (i = 0; i < c->n_peers; i++) {
		pe = &c->peers[i];
		s = &c->segs[pe->seg];
		vf_addr_str(cfg_peer_addr(pe), buf, sizeof(buf));
		if (++s->n_peers == VF_MAX_PEERS + 1)
			config_note(v, pe->line, "peer: segment %s has more than %u peers (the most a segment takes)",
				    s->name, VF_MAX_PEERS);
		if (s->encap == VNETFAB_ENCAP_GRE) {
			if (cfg_peer_addr(pe)->family != AF_INET)
				config_note(v, pe->line, "peer: %s is IPv6, but segment %s (line %u) is encap gre, which carries IPv4 peers only",
					    buf, s->name, s->line);
			else if (pe->has_dstport)
				config_note(v, pe->line, "peer: dstport applies to encap udp only, and segment %s (line %u) is encap gre",
					    s->name, s->line);
		} else if (s->has_local &&
			   s->local.family != cfg_peer_addr(pe)->family) {
			config_note(v, pe->line, "peer: %s is IPv%d, but segment %s (line %u) has the IPv%d local address %s (its peers must be of the same family)",
				    buf, cfg_peer_addr(pe)->family == AF_INET ? 4 : 6,
				    s->name, s->line,
				    s->local.family == AF_INET ? 4 : 6,
				    vf_addr_str(&s->local, lbuf, sizeof(lbuf)));
		}
		if (!pe->has_dstport)
			pe->dstport = s->dstport;
	}
}

/* one address given twice in a segment, at @r[1] (and first at @r[0]) */
static void note_dup(const struct vf_config *c, const struct vf_addr_ref *r,
		     struct config_verr *v)
{
	char buf[INET6_ADDRSTRLEN];

	vf_addr_str(&r[1].addr, buf, sizeof(buf));
	if (!r[0].path && !r[1].path)
		config_note(v, (unsigned int)r[1].order, "peer: %s is already a peer of %s on line %zu (each address once per segment)",
			    buf, c->segs[r[1].group].name, r[0].order);
	else
		config_note(v, (unsigned int)r[1].order, "peer: %s%s is already %s of %s on line %zu (each address once per segment, paths included)",
			    r[1].path ? "path " : "", buf,
			    r[0].path ? "a path of a peer" : "a peer",
			    c->segs[r[1].group].name, r[0].order);
}

static int check_dups(struct vf_config *c, struct config_verr *v)
{
	char buf[INET6_ADDRSTRLEN];
	struct vf_addr_ref *r = NULL;
	struct cfg_fdb *sf = NULL;
	size_t i, n = 0, lo;

	/* every address of every peer of a segment, in line order */
	for (i = 0; i < c->n_peers; i++)
		n += c->peers[i].paths.n;
	if (n) {
		r = malloc(n * sizeof(*r));
		if (!r)
			return -1;
	}
	for (i = 0, n = 0; i < c->n_peers; i++)
		n += vf_addr_refs_add(r + n, &c->peers[i].paths,
				      c->peers[i].seg, c->peers[i].line);
	if (n)
		vf_addr_refs_sort(r, n);
	for (i = 1; i < n; i++)
		if (r[i].group == r[i - 1].group &&
		    vf_addr_eq(&r[i].addr, &r[i - 1].addr))
			note_dup(c, &r[i - 1], v);
	for (i = 0; i < c->n_fdb; i++) {
		struct cfg_fdb *f = &c->fdb[i];
		struct vf_addr_ref key = { .addr = f->remote, .group = f->seg };

		/* a fabric file's "host NAME": configfabric.c checks it */
		if (f->dest != VF_FDB_REMOTE || f->has_host)
			continue;
		/* a peer's own address: path 0 */
		lo = vf_addr_refs_find(r, n, &key);
		if (lo < n && r[lo].group == f->seg && !r[lo].path &&
		    vf_addr_eq(&r[lo].addr, &f->remote))
			continue;
		vf_addr_str(&f->remote, buf, sizeof(buf));
		config_note(v, f->line, "fdb: remote %s is not a peer of %s in this file (add a line 'peer %s %s')",
			    buf, c->segs[f->seg].name, c->segs[f->seg].name, buf);
	}
	free(r);
	if (c->n_fdb) {
		char mbuf[18];

		sf = malloc(c->n_fdb * sizeof(*sf));
		if (!sf)
			return -1;
		memcpy(sf, c->fdb, c->n_fdb * sizeof(*sf));
		qsort_r(sf, c->n_fdb, sizeof(*sf), fdb_cmp, NULL);
		for (i = 1; i < c->n_fdb; i++) {
			if (sf[i].seg != sf[i - 1].seg ||
			    memcmp(sf[i].mac, sf[i - 1].mac, VF_MACLEN))
				continue;
			config_note(v, sf[i].line, "fdb: %s of %s already has an entry on line %u (one entry per MAC address and segment)",
				    config_mac_str(sf[i].mac, mbuf, sizeof(mbuf)),
				    c->segs[sf[i].seg].name, sf[i - 1].line);
		}
		free(sf);
	}
	return 0;
}

/* the index of segment @name of an @obj line, or (size_t)-1 noted */
static size_t seg_of(const struct vf_config *c, const size_t *byname,
		     const char *obj, const char *name, unsigned int line,
		     struct config_verr *v)
{
	long s = find_seg(c, byname, name);

	if (s >= 0)
		return (size_t)s;
	config_note(v, line, "%s: segment %s is not defined in this file (add a line 'segment %s ...')",
		    obj, name, name);
	return (size_t)-1;
}

/*
 * Resolves the segment names of peer, fdb and port lines (@nm) into
 * indexes.
 */
static void resolve(struct vf_config *c, const size_t *byname,
		    const struct config_names *nm, struct config_verr *v)
{
	size_t i;

	for (i = 0; i < c->n_peers; i++)
		c->peers[i].seg = seg_of(c, byname, "peer", nm->peer_segs[i],
					 c->peers[i].line, v);
	for (i = 0; i < c->n_fdb; i++)
		c->fdb[i].seg = seg_of(c, byname, "fdb", nm->fdb_segs[i],
				       c->fdb[i].line, v);
	for (i = 0; i < c->n_ports; i++)
		c->ports[i].seg = seg_of(c, byname, "port", nm->port_segs[i],
					 c->ports[i].line, v);
}

/* the checks after resolve(), when every reference resolved */
static int validate_resolved(struct vf_config *c, struct config_verr *v)
{
	size_t i;

	for (i = 0; i < c->n_segs; i++)
		c->segs[i].n_peers = 0;
	check_peers(c, v);
	if (config_check_ports(c, v))
		return -1;
	return check_dups(c, v);
}

/*
 * check_segments() with indexes of its own: *@byname by name (free() it).
 * 0, or -1 out of memory.
 */
static int seg_checks(const struct vf_config *c, size_t **byname,
		      struct config_verr *v)
{
	size_t *bykey;

	*byname = NULL;
	if (!c->n_segs)
		return 0;
	*byname = malloc(c->n_segs * sizeof(**byname));
	bykey = malloc(c->n_segs * sizeof(*bykey));
	if (!*byname || !bykey) {
		free(bykey);
		return -1;
	}
	check_segments(c, *byname, bykey, v);
	free(bykey);
	return 0;
}

int config_validate(struct vf_config *c, const char *fname, char *err,
		    size_t errlen)
{
	struct config_verr v = { .fname = fname, .err = err, .errlen = errlen };
	size_t *byname, i;

	if (seg_checks(c, &byname, &v))
		goto nomem;
	for (i = 0; i < c->n_peers; i++)
		if (c->peers[i].seg >= c->n_segs)
			config_note(&v, c->peers[i].line,
				    "peer: no such segment");
	for (i = 0; i < c->n_fdb; i++)
		if (c->fdb[i].seg >= c->n_segs)
			config_note(&v, c->fdb[i].line, "fdb: no such segment");
	for (i = 0; i < c->n_ports; i++)
		if (c->ports[i].seg >= c->n_segs)
			config_note(&v, c->ports[i].line,
				    "port: no such segment");
	/* a fabric file's: members by segment, the hosts of fdb lines */
	for (i = 0; i < c->n_members; i++) {
		if (c->members[i].seg >= c->n_segs)
			config_note(&v, 1, "segment: a host of no such segment");
		else if (c->members[i].host >= c->n_hosts)
			config_note(&v, c->segs[c->members[i].seg].line,
				    "segment: no such host");
	}
	for (i = 0; i < c->n_fdb; i++)
		if (c->fdb[i].has_host && c->fdb[i].host >= c->n_hosts)
			config_note(&v, c->fdb[i].line, "fdb: no such host");
	if (!v.line && config_check_fabric(c, &v))
		goto nomem;
	if (!v.line && validate_resolved(c, &v))
		goto nomem;
	free(byname);
	return v.line ? -1 : 0;
nomem:
	free(byname);
	snprintf(err, errlen, "%s: out of memory", fname);
	return -1;
}

int config_check_file(struct vf_config *c, const char *fname,
		      const struct config_names *names, char *err,
		      size_t errlen)
{
	struct config_verr v = { .fname = fname, .err = err, .errlen = errlen };
	size_t *byname;
	int ret = -1;

	if (seg_checks(c, &byname, &v))
		goto nomem;
	resolve(c, byname, names, &v);
	if (config_resolve_hosts(c, names->fdb_hosts, names->n_fdb_hosts, &v))
		goto nomem;
	if (v.line)
		goto out;	/* the checks below need every reference */
	if (config_check_fabric(c, &v) || validate_resolved(c, &v))
		goto nomem;
	ret = v.line ? -1 : 0;
	goto out;
nomem:
	snprintf(err, errlen, "%s: out of memory", fname);
out:
	free(byname);
	return ret;
}
