/* SPDX-License-Identifier: GPL-2.0 */
/*
 * paths.h - a peer's underlay paths as vnetfabctl and vnetfab.conf(5)
 * spell them: "remote ADDR [local ADDR] [path ADDR [local ADDR]]...", up
 * to VF_MAX_PATHS addresses of one family in order of preference, each
 * with the source address of the frames over it if given (struct
 * vf_paths, args.h); and the underlay addresses every front end compares,
 * orders and prints.
 *
 * Shared by the command line (args.c), the configuration file (config.c)
 * and apply (apply.c, applydiff.c). libc only, nothing printed: failures
 * are one message in a caller's buffer.
 */
#ifndef VNETFABCTL_PATHS_H
#define VNETFABCTL_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "args.h"

/* two addresses of the same family and value */
bool vf_addr_eq(const struct vf_addr *a, const struct vf_addr *b);

/* a total order on addresses: family, then bytes */
int vf_addr_cmp(const struct vf_addr *a, const struct vf_addr *b);

/*
 * Not 0.0.0.0/8, IPv4 multicast or the limited broadcast; not IPv6
 * multicast or ::.
 */
bool vf_addr_unicast(const struct vf_addr *a);

/* "192.0.2.2", "2001:db8::1", or "?"; @len: INET6_ADDRSTRLEN */
const char *vf_addr_str(const struct vf_addr *a, char *buf, size_t len);

/*
 * One word of a peer's paths and its value, in the order given:
 *  - "remote ADDR": the peer's own address, the first path (@p empty);
 *  - "path ADDR": one more, of the family of the first, not given
 *    before for this peer, at most VF_MAX_PATHS in all;
 *  - "local ADDR": the source address of the path given last (once
 *    each, of its family).
 * 0, or -1 with what is wrong and what to do in @err ("path 2001:db8::2:
 * another family than remote 192.0.2.2 (...)"), @p unchanged.
 */
int vf_paths_word(struct vf_paths *p, const char *kw, const char *val,
		  char *err, size_t errlen);

/* the same paths and sources, in the same order */
bool vf_paths_eq(const struct vf_paths *a, const struct vf_paths *b);

/*
 * Every address of @p is unicast (vf_addr_unicast()): 0, or -1 naming
 * the first that is not in @err.
 */
int vf_paths_unicast(const struct vf_paths *p, char *err, size_t errlen);

/*
 * Writes what follows the peer's own address: " local ADDR" if it has
 * one, then " path ADDR [local ADDR]" for each further path.
 */
void vf_paths_write(FILE *f, const struct vf_paths *p);

/*
 * An address of a segment's peers, their own or a path's: no address
 * may be given twice in a segment (the kernel refuses it).
 */
struct vf_addr_ref {
	struct vf_addr addr;
	size_t group;		/* the segment */
	size_t order;		/* the caller's order: a line, an index */
	size_t path;		/* its index in the peer's paths (0: own) */
};

/*
 * Appends the addresses of @p to @v, of segment @group, in @order;
 * returns how many (p->n).
 */
size_t vf_addr_refs_add(struct vf_addr_ref *v, const struct vf_paths *p,
			size_t group, size_t order);

/*
 * Sorts @v by group, address, order and path: an address given twice in
 * a group is then in two neighbours, the first given first.
 */
void vf_addr_refs_sort(struct vf_addr_ref *v, size_t n);

/*
 * In @v sorted, the index of the first that does not sort before @key
 * (@n if none): order and path 0 in @key find the first of its address.
 */
size_t vf_addr_refs_find(const struct vf_addr_ref *v, size_t n,
			 const struct vf_addr_ref *key);

/*
 * The peers of one set (peer set): no address twice among their paths.
 * 0, or -1 ("remote 192.0.2.2 given twice") in @err; -2 out of memory.
 */
int vf_paths_set_check(const struct vf_paths *v, size_t n, char *err,
		       size_t errlen);

#endif /* VNETFABCTL_PATHS_H */
