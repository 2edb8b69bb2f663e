// SPDX-License-Identifier: GPL-2.0
/*
 * paths.c - a peer's underlay paths, and underlay addresses (paths.h).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

bool vf_addr_eq(const struct vf_addr *a, const struct vf_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return a->v4.s_addr == b->v4.s_addr;
	if (a->family == AF_INET6)
		return !memcmp(&a->v6, &b->v6, sizeof(a->v6));
	return true;
}

int vf_addr_cmp(const struct vf_addr *a, const struct vf_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if (a->family == AF_INET)
		return memcmp(&a->v4, &b->v4, sizeof(a->v4));
	if (a->family == AF_INET6)
		return memcmp(&a->v6, &b->v6, sizeof(a->v6));
	return 0;
}

bool vf_addr_unicast(const struct vf_addr *a)
{
	static const struct in6_addr any6 = IN6ADDR_ANY_INIT;
	uint32_t v4;

	if (a->family == AF_INET) {
		v4 = ntohl(a->v4.s_addr);
		/* not 0.0.0.0/8, multicast or the limited broadcast */
		return (v4 >> 24) != 0 && (v4 >> 28) != 0xe &&
		       v4 != 0xffffffffu;
	}
	return a->v6.s6_addr[0] != 0xff && memcmp(&a->v6, &any6, sizeof(any6));
}

const char *vf_addr_str(const struct vf_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family, a->family == AF_INET ? (const void *)&a->v4 :
		       (const void *)&a->v6, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

/* "remote" for a peer's own address, "path" for the others */
static const char *path_kw(size_t i)
{
	return i ? "path" : "remote";
}

/* "local ADDR": the source of the path given last */
static int path_local(struct vf_paths *p, const char *val, char *err,
		      size_t errlen)
{
	char ab[INET6_ADDRSTRLEN], lb[INET6_ADDRSTRLEN];
	struct vf_path *last;
	struct vf_addr a;

	if (!p->n)
		return args_fail(err, errlen,
			    "'local' goes after 'remote ADDR' or 'path ADDR' (the source address of frames over that path)");
	last = &p->v[p->n - 1];
	vf_addr_str(&last->addr, ab, sizeof(ab));
	if (last->has_local)
		return args_fail(err, errlen,
			    "'local' given twice for %s %s (one after each remote or path)",
			    path_kw(p->n - 1), ab);
	if (args_parse_addr(val, "local", &a, err, errlen))
		return -1;
	if (a.family != last->addr.family)
		return args_fail(err, errlen,
			    "local %s: another family than %s %s (the source address of a path is of its family)",
			    vf_addr_str(&a, lb, sizeof(lb)), path_kw(p->n - 1),
			    ab);
	last->local = a;
	last->has_local = true;
	return 0;
}

int vf_paths_word(struct vf_paths *p, const char *kw, const char *val,
		  char *err, size_t errlen)
{
	char ab[INET6_ADDRSTRLEN], rb[INET6_ADDRSTRLEN];
	bool path = !strcmp(kw, "path");
	struct vf_addr a;
	size_t i;

	if (!strcmp(kw, "local"))
		return path_local(p, val, err, errlen);
	if (path && !p->n)
		return args_fail(err, errlen,
			    "'path' goes after 'remote ADDR' (a further underlay address of that peer)");
	if (!path && p->n)
		return args_fail(err, errlen, "'%s' given twice", kw);
	if (p->n == VF_MAX_PATHS)
		return args_fail(err, errlen,
			    "at most %u paths (remote and %u path) per peer",
			    VF_MAX_PATHS, VF_MAX_PATHS - 1);
	if (args_parse_addr(val, kw, &a, err, errlen))
		return -1;
	vf_addr_str(&a, ab, sizeof(ab));
	if (p->n && a.family != p->v[0].addr.family)
		return args_fail(err, errlen,
			    "path %s: another family than remote %s (the paths of a peer are of one family)",
			    ab, vf_addr_str(&p->v[0].addr, rb, sizeof(rb)));
	for (i = 0; i < p->n; i++)
		if (vf_addr_eq(&p->v[i].addr, &a))
			return args_fail(err, errlen,
				    "path %s: given twice for this peer (each address once)",
				    ab);
	memset(&p->v[p->n], 0, sizeof(p->v[p->n]));
	p->v[p->n++].addr = a;
	return 0;
}

bool vf_paths_eq(const struct vf_paths *a, const struct vf_paths *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		if (!vf_addr_eq(&a->v[i].addr, &b->v[i].addr) ||
		    a->v[i].has_local != b->v[i].has_local ||
		    (a->v[i].has_local &&
		     !vf_addr_eq(&a->v[i].local, &b->v[i].local)))
			return false;
	}
	return true;
}

int vf_paths_unicast(const struct vf_paths *p, char *err, size_t errlen)
{
	char ab[INET6_ADDRSTRLEN];
	size_t i;

	for (i = 0; i < p->n; i++) {
		vf_addr_str(&p->v[i].addr, ab, sizeof(ab));
		if (!i && !vf_addr_unicast(&p->v[i].addr))
			return args_fail(err, errlen,
				    "%s is not a unicast address (a peer is a host's unicast IPv4 or IPv6 address)",
				    ab);
		if (i && !vf_addr_unicast(&p->v[i].addr))
			return args_fail(err, errlen,
				    "path %s is not a unicast address (a path is a unicast IPv4 or IPv6 address of the peer host)",
				    ab);
		if (p->v[i].has_local && !vf_addr_unicast(&p->v[i].local))
			return args_fail(err, errlen,
				    "local %s is not a unicast address (expected this host's unicast IPv4 or IPv6 address)",
				    vf_addr_str(&p->v[i].local, ab,
						sizeof(ab)));
	}
	return 0;
}

void vf_paths_write(FILE *f, const struct vf_paths *p)
{
	char ab[INET6_ADDRSTRLEN];
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (i)
			fprintf(f, " path %s",
				vf_addr_str(&p->v[i].addr, ab, sizeof(ab)));
		if (p->v[i].has_local)
			fprintf(f, " local %s",
				vf_addr_str(&p->v[i].local, ab, sizeof(ab)));
	}
}

size_t vf_addr_refs_add(struct vf_addr_ref *v, const struct vf_paths *p,
			size_t group, size_t order)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		v[i] = (struct vf_addr_ref){
			.addr = p->v[i].addr, .group = group, .order = order,
			.path = i,
		};
	return p->n;
}

static int ref_cmp(const void *a, const void *b)
{
	const struct vf_addr_ref *x = a, *y = b;
	int r;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	r = vf_addr_cmp(&x->addr, &y->addr);
	if (r)
		return r;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->path < y->path ? -1 : x->path > y->path;
}

void vf_addr_refs_sort(struct vf_addr_ref *v, size_t n)
{
	qsort(v, n, sizeof(*v), ref_cmp);
}

size_t vf_addr_refs_find(const struct vf_addr_ref *v, size_t n,
			 const struct vf_addr_ref *key)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ref_cmp(&v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int vf_paths_set_check(const struct vf_paths *v, size_t n, char *err,
		       size_t errlen)
{
	char ab[INET6_ADDRSTRLEN];
	struct vf_addr_ref *r;
	size_t i, k = 0;
	int ret = 0;

	for (i = 0; i < n; i++)
		k += v[i].n;
	if (k < 2)
		return 0;
	r = malloc(k * sizeof(*r));
	if (!r)
		return -2;
	for (i = 0, k = 0; i < n; i++)
		k += vf_addr_refs_add(r + k, &v[i], 0, i);
	vf_addr_refs_sort(r, k);
	for (i = 1; i < k && !ret; i++) {
		if (!vf_addr_eq(&r[i - 1].addr, &r[i].addr))
			continue;
		vf_addr_str(&r[i].addr, ab, sizeof(ab));
		if (!r[i - 1].path && !r[i].path)
			ret = args_fail(err, errlen, "remote %s given twice", ab);
		else
			ret = args_fail(err, errlen,
				   "%s given twice, as a remote or path of two peers (each address once per segment)",
				   ab);
	}
	free(r);
	return ret;
}
