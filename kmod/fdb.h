/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_FDB_H
#define _VNETFAB_FDB_H

#include <linux/if_ether.h>
#include <linux/rhashtable.h>

#include "device.h"

struct vnetfab_port;

struct vnetfab_fdb_entry {
	struct rhash_head node;
	u8 addr[ETH_ALEN];
	bool is_static;
	bool sticky;			/* locked port's: not aged nor moved */
	bool dead;			/* removed; fdb_lock */
	u8 ntf;				/* NTF_EXT_LEARNED, NTF_STICKY (ndo_fdb.c) */
	struct vnetfab_ep __rcu *dst;
	unsigned long updated;		/* jiffies of the last frame from addr */
	struct hlist_node list;		/* vnetfab_dev.fdb_list */
	struct rcu_head rcu;
};

int vnetfab_fdb_init(struct vnetfab_dev *vf);
void vnetfab_fdb_uninit(struct vnetfab_dev *vf);
void vnetfab_fdb_start(struct vnetfab_dev *vf);

struct vnetfab_fdb_entry *vnetfab_fdb_lookup(struct vnetfab_dev *vf,
					     const u8 *addr);
void vnetfab_fdb_learn(struct vnetfab_dev *vf, const u8 *addr,
		       struct vnetfab_ep *src);
/*
 * A locked port's new source MAC @addr: learned, sticky, if the port may
 * learn one more (0), or refused (-EPERM: it may learn none, -ENOSPC:
 * it has its max_macs, -EEXIST: the MAC lives elsewhere). portsec.c.
 */
int vnetfab_fdb_learn_sticky(struct vnetfab_dev *vf, const u8 *addr,
			     struct vnetfab_port *port);
/*
 * Lock or unlock @port; the learned entries behind it become sticky (or
 * stop being so) in the same step. RTNL held.
 */
void vnetfab_fdb_set_locked(struct vnetfab_dev *vf, struct vnetfab_port *port,
			    bool locked);
int vnetfab_fdb_add_static(struct vnetfab_dev *vf, const u8 *addr,
			   struct vnetfab_ep *dst);
int vnetfab_fdb_set_static(struct vnetfab_dev *vf, const u8 *addr,
			   struct vnetfab_ep *dst, bool create, bool excl,
			   u8 ntf);
int vnetfab_fdb_del(struct vnetfab_dev *vf, const u8 *addr);
int vnetfab_fdb_del_dst(struct vnetfab_dev *vf, const u8 *addr,
			struct vnetfab_ep *dst);
/* Every learned entry, and the static ones if @with_static: how many */
unsigned int vnetfab_fdb_flush_table(struct vnetfab_dev *vf, bool with_static);

/*
 * What a flush removes: entries of the kinds named (extern_learn ones
 * count as learned, as the neighbour API shows them) whose flags match,
 * behind @dst if set
 */
struct vnetfab_fdb_match {
	struct vnetfab_ep *dst;
	bool learned;
	bool statics;
	u8 ntf_mask, ntf_want;		/* (e->ntf & mask) == want */
};

unsigned int vnetfab_fdb_flush_match(struct vnetfab_dev *vf,
				     const struct vnetfab_fdb_match *m);
void vnetfab_fdb_flush_ep(struct vnetfab_dev *vf, struct vnetfab_ep *ep);
void vnetfab_fdb_move_ep(struct vnetfab_dev *vf, struct vnetfab_ep *from,
			 struct vnetfab_ep *to);
void vnetfab_fdb_flush_kind(struct vnetfab_dev *vf, enum vnetfab_ep_kind kind);

int vnetfab_fdb_module_init(void);
void vnetfab_fdb_module_exit(void);

#endif /* _VNETFAB_FDB_H */
