// SPDX-License-Identifier: GPL-2.0
/*
 * configfabric.c - fabric files of vnetfab.conf(5): one file describes
 * the hosts of a fabric, the segments each carries and the MACs that
 * live behind each; every host applies the same file and takes its own
 * part ("vnetfabctl apply [--host NAME] FILE").
 *
 *   host NAME ADDR [path ADDR]...
 *   segment NAME ... hosts NAME[,NAME]...
 *   fdb SEG MAC host NAME
 *
 * Host lines and "hosts" values are parsed here for config.c; the checks
 * of a fabric file run from configcheck.c; config_host_part() makes of
 * a fabric file the plain configuration of one of its hosts. Pure: no
 * netlink, nothing printed.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/vnetfab.h>

#include "config.h"
#include "paths.h"

#define HOST_USAGE	"host NAME ADDR [path ADDR]..."

/* ---- parsing ------------------------------------------------------------- */

int config_check_host_name(const char *name, char *err, size_t errlen)
{
	size_t i, n = strlen(name);

	if (!n)
		return args_fail(err, errlen, "missing host name");
	if (n >= CONFIG_HOSTLEN)
		return args_fail(err, errlen,
			    "invalid host name '%.*s%s': longer than %d bytes",
			    TOK(name), CONFIG_HOSTLEN - 1);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)name[i];

		if (isalnum(ch) || ch == '_' || ch == '.' ||
		    (ch == '-' && i))
			continue;
		return args_fail(err, errlen,
			    "invalid host name '%.*s%s' (letters, digits, '.', '_' and '-', not first)",
			    TOK(name));
	}
	return 0;
}

int config_parse_host(char **w, int n, struct cfg_host *h, char *err,
		      size_t errlen)
{
	char ab[INET6_ADDRSTRLEN], fb[INET6_ADDRSTRLEN];
	struct vf_addr a;
	size_t k;
	int i;

	memset(h->name, 0, sizeof(h->name));
	memset(&h->addrs, 0, sizeof(h->addrs));
	if (n < 2)
		return args_fail(err, errlen, "missing host name (%s)",
				 HOST_USAGE);
	if (config_check_host_name(w[1], err, errlen))
		return -1;
	memcpy(h->name, w[1], strlen(w[1]));
	if (n < 3)
		return args_fail(err, errlen, "missing address of host %s (%s)",
				 h->name, HOST_USAGE);
	for (i = 2; i < n; i++) {
		if (i > 2) {
			if (strcmp(w[i], "path"))
				return args_fail(err, errlen,
					    "unknown keyword '%.*s%s' (expected path ADDR)",
					    TOK(w[i]));
			if (++i == n)
				return args_fail(err, errlen,
					    "'path' needs a value");
			if (h->addrs.n == VF_MAX_PATHS)
				return args_fail(err, errlen,
					    "at most %u addresses per host (ADDR and %u path)",
					    VF_MAX_PATHS, VF_MAX_PATHS - 1);
		}
		if (args_parse_addr(w[i], i == 2 ? "host" : "path", &a, err,
				    errlen))
			return -1;
		vf_addr_str(&a, ab, sizeof(ab));
		if (!vf_addr_unicast(&a))
			return args_fail(err, errlen,
				    "%s is not a unicast address (a host's underlay addresses are unicast IPv4 or IPv6 addresses)",
				    ab);
		if (h->addrs.n && a.family != h->addrs.v[0].addr.family)
			return args_fail(err, errlen,
				    "path %s: another family than %s (the addresses of a host are of one family)",
				    ab, vf_addr_str(&h->addrs.v[0].addr, fb,
						    sizeof(fb)));
		for (k = 0; k < h->addrs.n; k++)
			if (vf_addr_eq(&h->addrs.v[k].addr, &a))
				return args_fail(err, errlen,
					    "path %s: given twice for this host (each address once)",
					    ab);
		h->addrs.v[h->addrs.n++].addr = a;
	}
	return 0;
}

int config_parse_members(struct vf_config *c, size_t seg, const char *val,
			 char *err, size_t errlen)
{
	struct cfg_segment *s = &c->segs[seg];
	char name[CONFIG_HOSTLEN + 1];
	struct cfg_member *m;
	const char *p = val, *e;
	size_t len;

	s->first_member = c->n_members;
	s->n_members = 0;
	for (;;) {
		e = strchr(p, ',');
		len = e ? (size_t)(e - p) : strlen(p);
		if (!len)
			return args_fail(err, errlen,
				    "hosts: an empty name in '%.*s%s' (hosts NAME[,NAME]...: names separated by commas, without spaces)",
				    TOK(val));
		/* cut to one byte too many: the check says it is too long */
		if (len > CONFIG_HOSTLEN)
			len = CONFIG_HOSTLEN;
		memcpy(name, p, len);
		name[len] = '\0';
		if (config_check_host_name(name, err, errlen))
			return -1;
		if (config_grow((void **)&c->members, c->n_members,
				sizeof(*c->members)))
			return -2;
		m = &c->members[c->n_members++];
		memset(m, 0, sizeof(*m));
		m->seg = seg;
		m->host = (size_t)-1;
		memcpy(m->name, name, len + 1);
		s->n_members++;
		if (!e)
			return 0;
		p = e + 1;
	}
}

/* ---- lookups ------------------------------------------------------------- */

long config_host_find(const struct vf_config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_hosts; i++)
		if (!strcmp(c->hosts[i].name, name))
			return (long)i;
	return -1;
}

static int host_name_cmp(const void *a, const void *b, void *ctx)
{
	const struct cfg_host *h = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int r = strcmp(h[x].name, h[y].name);

	if (r)
		return r;
	return x < y ? -1 : x > y;
}

/* the hosts of @c by name (free() it), or NULL out of memory */
static size_t *hosts_by_name(const struct vf_config *c)
{
	size_t *v = malloc((c->n_hosts ? c->n_hosts : 1) * sizeof(*v));
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < c->n_hosts; i++)
		v[i] = i;
	qsort_r(v, c->n_hosts, sizeof(*v), host_name_cmp, c->hosts);
	return v;
}

struct host_key {
	const struct cfg_host *hosts;
	const char *name;
};

static int host_find_cmp(const void *key, const void *elem)
{
	const struct host_key *k = key;

	return strcmp(k->name, k->hosts[*(const size_t *)elem].name);
}

/* the first host named @name, by @byname; (size_t)-1 if none */
static size_t find_host(const struct vf_config *c, const size_t *byname,
			const char *name)
{
	struct host_key k = { c->hosts, name };
	const size_t *e;

	e = bsearch(&k, byname, c->n_hosts, sizeof(*byname), host_find_cmp);
	if (!e)
		return (size_t)-1;
	while (e > byname && !strcmp(c->hosts[e[-1]].name, name))
		e--;
	return *e;
}

int config_resolve_hosts(struct vf_config *c, const struct cfg_fdb_host *fh,
			 size_t n_fh, struct config_verr *v)
{
	size_t *byname = hosts_by_name(c), i;
	struct cfg_member *m;
	struct cfg_fdb *f;

	if (!byname)
		return -1;
	for (i = 0; i < c->n_members; i++) {
		m = &c->members[i];
		m->host = find_host(c, byname, m->name);
		if (m->host == (size_t)-1)
			config_note(v, c->segs[m->seg].line,
				    "segment %s: host %s is not defined in this file (add a line 'host %s ADDR')",
				    c->segs[m->seg].name, m->name, m->name);
	}
	for (i = 0; i < n_fh; i++) {
		f = &c->fdb[fh[i].fdb];
		f->host = find_host(c, byname, fh[i].name);
		if (f->host == (size_t)-1)
			config_note(v, f->line,
				    "fdb: host %s is not defined in this file (add a line 'host %s ADDR')",
				    fh[i].name, fh[i].name);
	}
	free(byname);
	return 0;
}

/* ---- the checks of a fabric file ----------------------------------------- */

/* host names and addresses: each once in the file */
static int check_hosts(const struct vf_config *c, struct config_verr *v)
{
	char ab[INET6_ADDRSTRLEN];
	const struct cfg_host *h, *g;
	struct vf_addr_ref *r;
	size_t *byname, i, n = 0;

	byname = hosts_by_name(c);
	if (!byname)
		return -1;
	for (i = 1; i < c->n_hosts; i++) {
		g = &c->hosts[byname[i - 1]];
		h = &c->hosts[byname[i]];
		if (!strcmp(g->name, h->name))
			config_note(v, h->line, "host %s is already defined on line %u (one line per host)",
				    h->name, g->line);
	}
	free(byname);

	r = malloc((c->n_hosts * VF_MAX_PATHS + 1) * sizeof(*r));
	if (!r)
		return -1;
	for (i = 0; i < c->n_hosts; i++)
		n += vf_addr_refs_add(r + n, &c->hosts[i].addrs, 0, i);
	vf_addr_refs_sort(r, n);
	for (i = 1; i < n; i++) {
		if (!vf_addr_eq(&r[i - 1].addr, &r[i].addr))
			continue;
		g = &c->hosts[r[i - 1].order];
		h = &c->hosts[r[i].order];
		config_note(v, h->line, "host %s: %s is also an address of host %s on line %u (each address is one host's)",
			    h->name, vf_addr_str(&r[i].addr, ab, sizeof(ab)),
			    g->name, g->line);
	}
	free(r);
	return 0;
}

/* members by segment, then host */
static int member_cmp(const void *a, const void *b, void *ctx)
{
	const struct cfg_member *m = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (m[x].seg != m[y].seg)
		return m[x].seg < m[y].seg ? -1 : 1;
	if (m[x].host != m[y].host)
		return m[x].host < m[y].host ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int host_family(const struct cfg_host *h)
{
	return h->addrs.v[0].addr.family == AF_INET6 ? 6 : 4;
}

/* each segment: carried by hosts, each once, of one family */
static void check_segment(const struct vf_config *c, size_t seg,
			  struct config_verr *v)
{
	const struct cfg_segment *s = &c->segs[seg];
	const struct cfg_host *h, *first;
	size_t i;

	if (!s->n_members) {
		config_note(v, s->line, "segment %s is carried by no host (add 'hosts NAME[,NAME]...': the hosts of this file that carry it)",
			    s->name);
		return;
	}
	if (s->has_local)
		config_note(v, s->line, "segment %s: in a file with host lines, its local address is each host's first address (leave 'local' out)",
			    s->name);
	first = &c->hosts[c->members[s->first_member].host];
	for (i = s->first_member; i < s->first_member + s->n_members; i++) {
		h = &c->hosts[c->members[i].host];
		if (s->encap == VNETFAB_ENCAP_GRE && host_family(h) == 6)
			config_note(v, s->line, "segment %s: encap gre carries an IPv4 underlay only, and host %s (line %u) is IPv6",
				    s->name, h->name, h->line);
		else if (host_family(h) != host_family(first))
			config_note(v, s->line, "segment %s: host %s (line %u) is IPv%d, host %s (line %u) IPv%d (the hosts of a segment share one address family)",
				    s->name, h->name, h->line, host_family(h),
				    first->name, first->line,
				    host_family(first));
	}
}

struct member_key {
	const struct cfg_member *m;
	size_t seg, host;
};

static int member_find_cmp(const void *key, const void *elem)
{
	const struct member_key *k = key;
	const struct cfg_member *m = &k->m[*(const size_t *)elem];

	if (k->seg != m->seg)
		return k->seg < m->seg ? -1 : 1;
	return k->host < m->host ? -1 : k->host > m->host;
}

/* whether host @host carries segment @seg, by @bymember */
static bool carries(const struct vf_config *c, const size_t *bymember,
		    size_t seg, size_t host)
{
	struct member_key k = { c->members, seg, host };

	return bsearch(&k, bymember, c->n_members, sizeof(*bymember),
		       member_find_cmp) != NULL;
}

static void check_fdb(const struct vf_config *c, const size_t *bymember,
		      struct config_verr *v)
{
	const struct cfg_segment *s;
	const struct cfg_fdb *f;
	char mb[18];
	size_t i;

	for (i = 0; i < c->n_fdb; i++) {
		f = &c->fdb[i];
		s = &c->segs[f->seg];
		if (!f->has_host)
			config_note(v, f->line, "fdb: in a file with host lines, a MAC lives behind a host (fdb %s %s host NAME)",
				    s->name,
				    config_mac_str(f->mac, mb, sizeof(mb)));
		else if (!carries(c, bymember, f->seg, f->host))
			config_note(v, f->line, "fdb: host %s does not carry segment %s (line %u names its hosts; a MAC lives behind a host of its segment)",
				    c->hosts[f->host].name, s->name, s->line);
	}
}

int config_check_fabric(const struct vf_config *c, struct config_verr *v)
{
	const struct cfg_member *m, *p;
	char ab[INET6_ADDRSTRLEN];
	size_t *bymember, i;

	if (!config_is_fabric(c))
		return 0;	/* a name of a host: not defined, said */
	if (check_hosts(c, v))
		return -1;
	bymember = malloc((c->n_members ? c->n_members : 1) *
			  sizeof(*bymember));
	if (!bymember)
		return -1;
	for (i = 0; i < c->n_members; i++)
		bymember[i] = i;
	qsort_r(bymember, c->n_members, sizeof(*bymember), member_cmp,
		c->members);
	for (i = 1; i < c->n_members; i++) {
		p = &c->members[bymember[i - 1]];
		m = &c->members[bymember[i]];
		if (p->seg == m->seg && p->host == m->host)
			config_note(v, c->segs[m->seg].line, "segment %s: host %s is named twice in its hosts (each host once)",
				    c->segs[m->seg].name, c->hosts[m->host].name);
	}
	for (i = 0; i < c->n_segs; i++)
		check_segment(c, i, v);
	for (i = 0; i < c->n_peers; i++)
		config_note(v, c->peers[i].line, "peer: a file with host lines has no peer lines: a host's peers are the other hosts that carry its segments (give %s a host line and name it in the hosts of %s)",
			    vf_addr_str(cfg_peer_addr(&c->peers[i]), ab,
					sizeof(ab)),
			    c->segs[c->peers[i].seg].name);
	check_fdb(c, bymember, v);
	free(bymember);
	return 0;
}

/* ---- a host's part ------------------------------------------------------- */

int config_host_by_addrs(const struct vf_config *c, const char *fname,
			 const struct vf_addr *local, size_t n, size_t *host,
			 char *err, size_t errlen)
{
	const struct cfg_host *h, *first = NULL;
	size_t i, j, k;

	for (i = 0; i < c->n_hosts; i++) {
		h = &c->hosts[i];
		for (k = 0; k < h->addrs.n; k++) {
			for (j = 0; j < n; j++)
				if (vf_addr_eq(&h->addrs.v[k].addr, &local[j]))
					break;
			if (j < n)
				break;
		}
		if (k == h->addrs.n)
			continue;
		if (first) {
			snprintf(err, errlen, "%s: hosts %s (line %u) and %s (line %u) both have addresses of this host (pass --host NAME)",
				 fname, first->name, first->line, h->name,
				 h->line);
			return -2;
		}
		first = h;
		*host = i;
	}
	if (first)
		return 0;
	snprintf(err, errlen, "%s: no host line of this file has an address of this host (pass --host NAME)",
		 fname);
	return -1;
}

/* the peer on host @me of host @h, a peer of @seg */
static void host_peer(const struct cfg_host *me, const struct cfg_host *h,
		      size_t seg, unsigned int line, struct cfg_peer *p)
{
	size_t k;

	memset(p, 0, sizeof(*p));
	p->line = line;
	p->seg = seg;
	p->paths.n = h->addrs.n;
	for (k = 0; k < h->addrs.n; k++) {
		p->paths.v[k].addr = h->addrs.v[k].addr;
		/* path k from this host's address k; path 0: the segment's */
		if (k && k < me->addrs.n) {
			p->paths.v[k].has_local = true;
			p->paths.v[k].local = me->addrs.v[k].addr;
		}
	}
}

int config_host_part(const struct vf_config *c, size_t host,
		     const char *fname, struct vf_config *part, char *err,
		     size_t errlen)
{
	const struct cfg_host *me = &c->hosts[host];
	size_t *to = NULL, i, j, np = 0, nf = 0;
	const struct cfg_segment *s;
	const struct cfg_member *m;
	struct cfg_segment *t;

	memset(part, 0, sizeof(*part));
	/* to[i]: the index in @part of segment i of the file, if carried */
	to = malloc((c->n_segs ? c->n_segs : 1) * sizeof(*to));
	if (!to)
		goto nomem;
	for (i = 0; i < c->n_segs; i++)
		to[i] = (size_t)-1;
	for (i = 0; i < c->n_members; i++)
		if (c->members[i].host == host)
			to[c->members[i].seg] = part->n_segs++;
	for (i = 0; i < c->n_segs; i++)
		if (to[i] != (size_t)-1)
			np += c->segs[i].n_members - 1;
	for (i = 0; i < c->n_fdb; i++)
		if (to[c->fdb[i].seg] != (size_t)-1 && c->fdb[i].host != host)
			nf++;
	part->segs = calloc(part->n_segs + 1, sizeof(*part->segs));
	part->peers = calloc(np + 1, sizeof(*part->peers));
	part->fdb = calloc(nf + 1, sizeof(*part->fdb));
	if (!part->segs || !part->peers || !part->fdb)
		goto nomem;
	for (i = 0; i < c->n_segs; i++) {
		s = &c->segs[i];
		if (to[i] == (size_t)-1)
			continue;
		t = &part->segs[to[i]];
		*t = *s;
		t->first_member = t->n_members = 0;
		t->has_local = true;
		t->local = me->addrs.v[0].addr;
		for (j = s->first_member; j < s->first_member + s->n_members;
		     j++) {
			m = &c->members[j];
			if (m->host != host)
				host_peer(me, &c->hosts[m->host], to[i],
					  s->line,
					  &part->peers[part->n_peers++]);
		}
	}
	for (i = 0; i < c->n_fdb; i++) {
		const struct cfg_fdb *f = &c->fdb[i];
		struct cfg_fdb *g;

		if (to[f->seg] == (size_t)-1 || f->host == host)
			continue;
		g = &part->fdb[part->n_fdb++];
		*g = *f;
		g->seg = to[f->seg];
		g->has_host = false;
		g->host = 0;
		g->dest = VF_FDB_REMOTE;
		g->remote = c->hosts[f->host].addrs.v[0].addr;
	}
	free(to);
	if (config_validate(part, fname, err, errlen)) {
		config_free(part);
		return -1;
	}
	return 0;
nomem:
	free(to);
	config_free(part);
	snprintf(err, errlen, "%s: out of memory", fname);
	return -2;
}
