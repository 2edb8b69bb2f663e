/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_DEVICE_H
#define _VNETFAB_DEVICE_H

#include <linux/hashtable.h>
#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/gro_cells.h>
#include <net/rtnetlink.h>

struct vnetfab_sock;

union vnetfab_ip {
	__be32 v4;
	struct in6_addr v6;
};

/*
 * Where a frame can go to or come from: the host endpoint (fab0 itself),
 * a local port or a peer host. Embedded in each, so that one RCU pointer
 * in an FDB entry names any of them.
 */
enum vnetfab_ep_kind {
	VNETFAB_EP_LOCAL,
	VNETFAB_EP_PORT,
	VNETFAB_EP_PEER,
};

struct vnetfab_ep {
	u8 kind;
};

/* Configuration; fields that may change at run time are read locklessly. */
struct vnetfab_cfg {
	union vnetfab_ip local;
	sa_family_t local_family;	/* AF_UNSPEC: none given */
	u16 dstport;
	int link;			/* underlay ifindex, 0 = any */
	u8 ttl;
	u8 tos;
	u8 df;				/* enum vnetfab_df */
	u8 learning;
	u32 ageing;			/* seconds */
	u32 max_addrs;
	u32 probe_ms;			/* 0: off (liveness.c) */
	u8 probe_misses;
	u32 hold_ms;			/* failback hold-down (path.c) */
	u32 peer_storm_pps;		/* storm.c; 0: off */
	u32 peer_storm_burst;
	u32 share;			/* share.c; 0: none */
	u32 share_class;		/* its skb->priority; 0: none */
	u8 priority;
};

/* Segment counters that netdev stats have no place for. */
enum vnetfab_counter {
	VNETFAB_CNT_RX_UNKNOWN_PEER,
	VNETFAB_CNT_RX_INVALID,
	VNETFAB_CNT_LEARN_LIMIT,
	VNETFAB_CNT_TX_ERRORS,
	VNETFAB_CNT_TOO_BIG,
	VNETFAB_CNT_PORT_LOCKED,
	VNETFAB_CNT_MAC_MOVE_DENIED,
	VNETFAB_CNT_STORM,
	VNETFAB_CNT_MAX
};

struct vnetfab_pcpu_stats {
	u64_stats_t c[VNETFAB_CNT_MAX];
	struct u64_stats_sync syncp;
};

/* One segment of the fabric on this host: the private part of fab0. */
struct vnetfab_dev {
	struct net_device *dev;
	struct net *net;		/* underlay netns: where it was created */
	struct list_head net_list;	/* in vnetfab_net.devs, RTNL */
	u32 id;				/* segment id, fixed at creation */
	u8 encap;			/* enum vnetfab_encap, fixed */
	struct vnetfab_cfg cfg;
	struct vnetfab_ep local_ep;

	/* the shared UDP sockets this segment receives on while up */
	struct vnetfab_sock __rcu *sock4;
	struct vnetfab_sock __rcu *sock6;
	struct hlist_node vni_node4;
	struct hlist_node vni_node6;
	/* GRE: in vnetfab_gre.key_hash of the underlay netns, RTNL */
	struct hlist_node gre_node;
	bool gre_held;			/* counted in vnetfab_gre.refs */

	struct list_head ports;		/* RCU; changed under RTNL */
	u32 n_ports;
	struct list_head peers;		/* RCU; changed under RTNL */
	struct rhashtable peer_hash;	/* peers by address; RCU */
	u32 n_peers;
	u32 peer_seq;			/* RTNL; bumped on every change */

	/* MAC table: see fdb.c */
	struct rhashtable fdb;
	struct hlist_head fdb_list;	/* every entry; RCU, fdb_lock */
	spinlock_t fdb_lock;
	atomic_t n_learned;
	u32 n_addrs;			/* fdb_lock */
	u32 fdb_seq;			/* fdb_lock; bumped on every change */
	struct delayed_work fdb_gc;

	struct gro_cells gro_cells;
	struct vnetfab_pcpu_stats __percpu *stats;
};

#define VNETFAB_KEY_HASH_BITS	8

/* GRE receive of a network namespace (see gre.c); RTNL for changes. */
struct vnetfab_gre {
	struct net_device *dev;		/* ip_gre's flow-based device */
	netdevice_tracker dev_tracker;
	unsigned int refs;		/* GRE segments of the netns */
	struct hlist_head key_hash[1 << VNETFAB_KEY_HASH_BITS]; /* RCU */
};

/* Per network namespace: the segments whose underlay it is. */
struct vnetfab_net {
	struct list_head devs;		/* vnetfab_dev.net_list, RTNL */
	struct list_head socks;		/* vnetfab_sock.list, RTNL */
	struct vnetfab_gre gre;
};

struct vnetfab_net *vnetfab_net(struct net *net);

extern struct rtnl_link_ops vnetfab_link_ops;

static inline bool netif_is_vnetfab(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &vnetfab_link_ops;
}

static inline void vnetfab_count(struct vnetfab_dev *vf,
				 enum vnetfab_counter c)
{
	struct vnetfab_pcpu_stats *s = get_cpu_ptr(vf->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->c[c]);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(vf->stats);
}

/* The segment's counters summed over CPUs, in @sum[VNETFAB_CNT_MAX]. */
void vnetfab_get_stats(struct vnetfab_dev *vf, u64 *sum);

/* Look up a segment device by name or ifindex; RTNL held. */
struct vnetfab_dev *vnetfab_dev_find(struct net *net, struct nlattr **attrs,
				     struct netlink_ext_ack *extack);

/* queue @dev's unregistration on @head (NULL: now); RTNL held */
void vnetfab_dellink(struct net_device *dev, struct list_head *head);
int vnetfab_device_init(void);
void vnetfab_device_uninit(void);

#endif /* _VNETFAB_DEVICE_H */
