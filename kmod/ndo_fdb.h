/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_NDO_FDB_H
#define _VNETFAB_NDO_FDB_H

#include <linux/netdevice.h>
#include <linux/neighbour.h>
#include <net/netlink.h>

struct vnetfab_dev;
struct vnetfab_fdb_entry;

/* The MAC table through the neighbour API ("bridge fdb"): ndo_fdb.c */
int vnetfab_ndo_fdb_add(struct ndmsg *ndm, struct nlattr *tb[],
			struct net_device *dev, const unsigned char *addr,
			u16 vid, u16 flags, struct netlink_ext_ack *extack);
int vnetfab_ndo_fdb_del(struct ndmsg *ndm, struct nlattr *tb[],
			struct net_device *dev, const unsigned char *addr,
			u16 vid, struct netlink_ext_ack *extack);
int vnetfab_ndo_fdb_flush(struct ndmsg *ndm, struct nlattr *tb[],
			  struct net_device *dev, u16 vid,
			  struct netlink_ext_ack *extack);
extern const struct nla_policy vnetfab_ndo_flush_policy[NDA_MAX + 1];
int vnetfab_ndo_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb,
			 struct net_device *dev, struct net_device *filter_dev,
			 int *idx);
int vnetfab_ndo_fdb_get(struct sk_buff *skb, struct nlattr *tb[],
			struct net_device *dev, const unsigned char *addr,
			u16 vid, u32 portid, u32 seq,
			struct netlink_ext_ack *extack);
/* fdb_lock held: tell RTNLGRP_NEIGH listeners that @e changed */
void vnetfab_ndo_fdb_notify(struct vnetfab_dev *vf,
			    struct vnetfab_fdb_entry *e, int type);
struct vnetfab_peer;
void vnetfab_ndo_peer_notify(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			     int type);

#endif /* _VNETFAB_NDO_FDB_H */
