/* SPDX-License-Identifier: GPL-2.0 */
/*
 * applydiff.h - between the files of "vnetfabctl apply" and
 * "vnetfabctl dump-config" (apply.c reads the running state and walks
 * the changes, applycheck.c checks that the file can be applied to it,
 * applydiff.c compares the file with it, applyfdb.c sends the static
 * MAC entries) and their unit tests.
 *
 * The comparison is pure: no netlink, nothing printed but the messages
 * of apply_check(), so that it runs on a fabricated running state.
 */
#ifndef VNETFABCTL_APPLYDIFF_H
#define VNETFABCTL_APPLYDIFF_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "genl.h"
#include "nlutil.h"
#include "print.h"

/* ---- the running state (apply.c reads it) -------------------------------- */

/*
 * The IFLA_IFALIAS that apply gives each segment it creates: a running
 * segment absent from the file is deleted only if it carries it (apply
 * made it), or with --prune. Segments made by hand are left alone.
 */
#define APPLY_MARK	"vnetfab-apply"

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
	bool owned;			/* its alias is APPLY_MARK */
	struct vnetfab_peer *peers;
	size_t n_peers;
	struct vnetfab_fdb *fdb;	/* by MAC, once running_index() ran */
	size_t n_fdb;
	size_t *peers_byaddr;		/* running_index(): peers by address */
	/* the walk */
	bool deleted;
};

struct running {
	struct rlink *v;		/* malloc()ed, as each peers and fdb */
	size_t n;
	size_t *byname, *byindex;	/* running_index(): v by name, ifindex */
	struct nl_sock *sk;		/* generic netlink */
	int family;
};

/* Frees what @r holds (its socket too) and empties it. */
void running_free(struct running *r);

/*
 * Once @r holds every device, peer and MAC entry: indexes the devices by
 * name and ifindex and each segment's peers by address, and sorts its
 * MAC table by MAC, for the binary searches of the lookups below and of
 * the comparison. 0, or -1 out of memory.
 */
int running_index(struct running *r);

/* the device named @name, or NULL */
struct rlink *running_link(const struct running *r, const char *name);

/* the device of @ifindex, or NULL */
struct rlink *running_link_at(const struct running *r, int ifindex);

/* ---- the comparison (applydiff.c) --------------------------------------- */

/*
 * A file and the running state, with what their comparison looks up:
 * indexes into the arrays of @c, sorted for binary searches, or grouped
 * by segment (all that segment s has is [first[s], first[s + 1]) of
 * order, in file order). Made in n log n; each lookup is log n.
 */
struct diff {
	const struct vf_config *c;
	struct running *r;
	struct cfg_fdb *fdb;		/* c->fdb, by segment and MAC */
	size_t *segs_byname;		/* c->segs by name */
	size_t *fresh;			/* those that do not run, by encap,
					 * id and dstport */
	size_t n_fresh;
	size_t *peers_byaddr;		/* c->peers by segment and address */
	size_t *peer_first, *peer_order; /* c->peers by segment */
	size_t *fdb_first, *fdb_order;	/* c->fdb by segment */
	size_t *ports_bydev;		/* c->ports by device name */
	bool prune;			/* --prune: set after diff_init() */
};

/* 0, or -1 out of memory; diff_free() it either way */
int diff_init(struct diff *d, const struct vf_config *c, struct running *r);
void diff_free(struct diff *d);

/* the file's peers of segment @seg in file order: indexes into c->peers */
size_t diff_file_peers(const struct diff *d, size_t seg, const size_t **idx);

/* the order of diff.fdb, and of dump-config's entries: segment, MAC */
int diff_cfg_fdb_cmp(const void *a, const void *b);

/* applycheck.c: "vnetfabctl: FILE:LINE: what", to stderr */
void apply_lerr(const char *fname, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Whether the file can be applied to the running state: names, fixed
 * settings, underlay devices, ports. Says what is wrong on the first
 * failure (FILE:LINE, @fname). 0 or -1.
 */
int apply_check(const struct diff *d, const char *fname);

/* the running segment of the file's segment @s, or NULL */
struct rlink *diff_running_seg(const struct diff *d,
			       const struct cfg_segment *s);

/* whether the file has a segment named @name */
bool diff_in_file(const struct diff *d, const char *name);

/* the port line of device @dev, or NULL (a device has one at most) */
const struct cfg_port *diff_file_port(const struct diff *d, const char *dev);

/*
 * 1. Whether port line @p needs its device enslaved: its segment does not
 * run, or the device is not its port.
 */
bool diff_port_moves(const struct diff *d, const struct cfg_port *p);

/*
 * Whether running device @l is a segment absent from the file that apply
 * deletes: one it made (l->owned), or any with d->prune.
 */
bool diff_goes(const struct diff *d, const struct rlink *l);

/*
 * 0. The segment of the file that does not run and takes the id (and
 * port) of running segment @l, absent from the file, or NULL. If
 * diff_goes(@l), @l is deleted first; else apply_check() refuses.
 */
const struct cfg_segment *diff_displaced(const struct diff *d,
					 const struct rlink *l);

/*
 * 2. The run-time settings of file segment @s that running segment
 * settings @t do not have: into @a (a "segment set" of @s; the MTU, if
 * the file gives one that differs, is the caller's: diff_mtu()), and as
 * " ttl 32 learning off mtu 1400" into @line. Returns strlen of what
 * @line would hold (0: nothing to change).
 */
size_t diff_seg_set(const struct cfg_segment *s, const struct cfg_segment *t,
		    struct vf_args *a, char *line, size_t len);

/* 2. the MTU file segment @s gives that running settings @t lack, or 0 */
static inline uint32_t diff_mtu(const struct cfg_segment *s,
				const struct cfg_segment *t)
{
	return s->mtu && s->mtu != t->mtu ? s->mtu : 0;
}

/* one peer change: '+' added, '~' kept with other settings, '-' removed */
typedef void diff_peer_fn(void *arg, char op, const struct vf_addr *addr);

/*
 * 3. The peers of file segment @seg against those of running segment @l
 * (NULL: it does not run): @fn (if any) for each change, '+' and '~' in
 * file order, then '-' in running order. Returns how many.
 */
size_t diff_peers(const struct diff *d, size_t seg, const struct rlink *l,
		  diff_peer_fn *fn, void *arg);

/* 4. one change of a static MAC entry: to add (@cf) or to delete (@f) */
struct fdb_op {
	const struct cfg_fdb *cf;
	const struct vnetfab_fdb *f;
	struct vnetfab_fdb req;
};

/* room diff_fdb() needs for the ops of @seg */
size_t diff_fdb_room(const struct diff *d, size_t seg, const struct rlink *l);

/*
 * 4. The static MAC entries of file segment @seg against the table of
 * running segment @l (NULL: it does not run): entries missing or
 * different, in file order, to add; static entries not in the file, in
 * MAC order, to delete. Learned entries, and those that go with a peer
 * the file removes, are left alone. Returns how many ops, in @ops.
 */
size_t diff_fdb(const struct diff *d, size_t seg, const struct rlink *l,
		struct fdb_op *ops);

/* ---- the walk (apply.c, applyfdb.c) ------------------------------------- */

struct walk {
	const struct vf_config *c;
	const char *fname;
	struct running *r;
	const struct diff *d;
	bool dry;			/* (d->prune: --prune) */
	struct vf_addr last_remote;	/* fdb_done()'s last address */
	char last_remote_str[PRINT_ADDRLEN];
};

/*
 * Walks the changes from the running state of @w to its file, printing
 * one line per change (and making none with w->dry). 0 or -1 (said why).
 */
int apply_walk(struct walk *w);

/* kernel error of a change: "vnetfabctl: FILE:LINE: SEG: reason: extack" */
int apply_kfail(const struct walk *w, unsigned int line, const char *seg,
		const struct nlu_err *e);

/*
 * applyhost.c: when @c is a fabric file (it has host lines), replaces it
 * by the part of host @host (NULL: the host line with an address of this
 * network namespace). APPLY_OK (@c unchanged if it is no fabric file and
 * @host is NULL), else APPLY_USAGE or APPLY_RUNTIME with "FNAME[:LINE]:
 * what is wrong" in @err and @c as it was. @found (CONFIG_HOSTLEN bytes,
 * if not NULL): the name of the host taken, "" for no fabric file.
 */
int apply_host_config(struct vf_config *c, const char *fname,
		      const char *host, char *found, char *err, size_t errlen);

/*
 * applyport.c: 1. the devices of the file's port lines that are not
 * ports of their segments, enslaved to them. 0 or -1 (said why).
 */
int apply_ports(struct walk *w);

/* applyfdb.c: 4. the static MAC entries of file segment @seg */
int apply_set_fdb(struct walk *w, size_t seg, const struct rlink *l);

#endif /* VNETFABCTL_APPLYDIFF_H */
