/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_PEER_H
#define _VNETFAB_PEER_H

#include <linux/timer.h>
#include <net/dst_cache.h>

#include "device.h"
#include "uapi/linux/vnetfab.h"

#define VNETFAB_MAX_PEERS	4096

struct vnetfab_peer_stats {
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_dropped;
	u64_stats_t tx_peer_down;
	u64_stats_t rx_storm;
	struct u64_stats_sync syncp;
};

/*
 * One way to reach a peer host: its address on one underlay network, and
 * our source address there (path.c). Path 0 is the peer's own address.
 */
struct vnetfab_path {
	struct rhash_head hnode;	/* vnetfab_dev.peer_hash */
	struct vnetfab_peer *peer;
	union vnetfab_ip addr;
	union vnetfab_ip local;		/* if has_local */
	bool has_local;
	u8 index;
	struct dst_cache dst_cache;
	unsigned long last_rx;		/* jiffies, 0 = never */

	/* liveness (liveness.c) */
	u32 state;			/* enum vnetfab_peer_state; cmpxchg */
	u32 probe_seq;			/* the timer's; WRITE_ONCE */
	u32 down_seq;			/* probe_seq when found down */
	unsigned long state_since;	/* jiffies */
	unsigned long hold_until;	/* jiffies: not preferred before */
	unsigned long due;		/* the timer's, set with it */
	u8 backoff;			/* the timer's: intervals between probes */
	u8 skip;			/* the timer's: ticks left without one */
	struct timer_list probe_timer;
	atomic_t probes_sent;
	atomic_t probes_answered;
	atomic_t probes_received;
	atomic_t state_changes;
};

/* A path as a request names it. */
struct vnetfab_path_spec {
	union vnetfab_ip addr;
	union vnetfab_ip local;
	bool has_local;
	const struct nlattr *nla;
};

/* A peer host of the segment, reached through the underlay. */
struct vnetfab_peer {
	struct vnetfab_ep ep;
	struct list_head list;		/* vnetfab_dev.peers */
	sa_family_t family;
	union vnetfab_ip addr;		/* path[0]'s: who the peer is */
	__be16 dstport;			/* RTNL, WRITE_ONCE */
	__be16 want_dstport;		/* vnetfab_peer_replace_all(); RTNL */
	bool keep;			/* vnetfab_peer_replace_all(); RTNL */
	struct vnetfab_peer *successor;	/* vnetfab_peer_replace_all(); RTNL */
	struct vnetfab_peer_stats __percpu *stats;
	struct rcu_head rcu;
	atomic64_t storm_tat;		/* storm.c */

	/* liveness (liveness.c) and paths (path.c) */
	struct vnetfab_dev *vf;
	u32 state;			/* of the peer: under lock */
	u32 probe_ms;			/* own interval, or VNETFAB_PROBE_SEGMENT */
	u32 want_probe_ms;		/* vnetfab_peer_replace_all(); RTNL */
	bool probing;			/* timers armed; set under RTNL */
	u8 n_paths;			/* fixed */
	u8 active;			/* path frames take; READ_ONCE */
	unsigned long state_since;	/* jiffies */
	spinlock_t lock;		/* state changes, never per frame */
	atomic_t state_changes;
	atomic_t path_changes;
	struct vnetfab_path path[VNETFAB_MAX_PATHS];
};

/* A peer as a request names it. */
struct vnetfab_peer_spec {
	sa_family_t family;
	union vnetfab_ip addr;
	u16 dstport;
	u32 probe_ms;			/* or VNETFAB_PROBE_SEGMENT */
	u8 n_paths;			/* path[0]: addr, and its local */
	struct vnetfab_path_spec path[VNETFAB_MAX_PATHS];
	const struct nlattr *nla;	/* where the request named it */
};

int vnetfab_peer_hash_init(struct vnetfab_dev *vf);
void vnetfab_peer_hash_destroy(struct vnetfab_dev *vf);
struct vnetfab_path *vnetfab_path_lookup(struct vnetfab_dev *vf,
					 sa_family_t family,
					 const union vnetfab_ip *addr);
struct vnetfab_peer *vnetfab_peer_lookup(struct vnetfab_dev *vf,
					 sa_family_t family,
					 const union vnetfab_ip *addr);
int vnetfab_peer_add(struct vnetfab_dev *vf,
		     const struct vnetfab_peer_spec *spec,
		     struct netlink_ext_ack *extack);
int vnetfab_peer_perm(struct vnetfab_dev *vf, const struct sk_buff *skb,
		      struct netlink_ext_ack *extack);
int vnetfab_peer_check(struct vnetfab_dev *vf, sa_family_t family,
		       const union vnetfab_ip *addr,
		       struct netlink_ext_ack *extack);
bool vnetfab_paths_equal(const struct vnetfab_peer *peer,
			 const struct vnetfab_peer_spec *spec);
int vnetfab_peer_replace_all(struct vnetfab_dev *vf,
			     const struct vnetfab_peer_spec *want,
			     unsigned int n);
int vnetfab_peer_del(struct vnetfab_dev *vf, struct vnetfab_peer *peer);
void vnetfab_peer_del_all(struct vnetfab_dev *vf);
void vnetfab_peer_get_stats(struct vnetfab_peer *peer,
			    struct vnetfab_peer_stats *sum);

static inline void vnetfab_peer_count(struct vnetfab_peer *peer, bool tx,
				      unsigned int len)
{
	struct vnetfab_peer_stats *s = get_cpu_ptr(peer->stats);

	u64_stats_update_begin(&s->syncp);
	if (tx) {
		u64_stats_inc(&s->tx_packets);
		u64_stats_add(&s->tx_bytes, len);
	} else {
		u64_stats_inc(&s->rx_packets);
		u64_stats_add(&s->rx_bytes, len);
	}
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(peer->stats);
}

static inline void vnetfab_peer_drop(struct vnetfab_peer *peer)
{
	struct vnetfab_peer_stats *s = get_cpu_ptr(peer->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->tx_dropped);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(peer->stats);
}

/* the path frames to @peer take; RCU held */
static inline struct vnetfab_path *vnetfab_peer_path(struct vnetfab_peer *peer)
{
	return &peer->path[READ_ONCE(peer->active)];
}

/* Liveness found @peer down: nothing goes to it. */
static inline bool vnetfab_peer_is_down(const struct vnetfab_peer *peer)
{
	return READ_ONCE(peer->state) == VNETFAB_PEER_DOWN;
}

/* a frame not sent to @peer because it is down; @unicast: also a drop */
static inline void vnetfab_peer_down_drop(struct vnetfab_peer *peer,
					  bool unicast)
{
	struct vnetfab_peer_stats *s = get_cpu_ptr(peer->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->tx_peer_down);
	if (unicast)
		u64_stats_inc(&s->tx_dropped);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(peer->stats);
}

/* a flood frame from @peer over the segment's storm limit */
static inline void vnetfab_peer_storm_drop(struct vnetfab_peer *peer)
{
	struct vnetfab_peer_stats *s = get_cpu_ptr(peer->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->rx_storm);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(peer->stats);
}

#endif /* _VNETFAB_PEER_H */
