// SPDX-License-Identifier: GPL-2.0
/*
 * Peers: the other hosts of a segment. Frames for MACs behind a peer, and
 * copies of every flooded frame, are encapsulated to it; frames arriving
 * from an address that is not a peer are dropped and counted.
 */

#include <linux/jhash.h>
#include <linux/slab.h>

#include "fdb.h"
#include "peer.h"
#include "uapi/linux/vnetfab.h"

static_assert(VNETFAB_MAX_PEERS == 4096);	/* named in a message */

static u32 vnetfab_peer_hash(sa_family_t family, const union vnetfab_ip *addr)
{
	if (family == AF_INET)
		return jhash_1word((__force u32)addr->v4, 0);
	return jhash2((const u32 *)&addr->v6, 4, 0);
}

static bool vnetfab_peer_match(const struct vnetfab_peer *peer,
			       sa_family_t family, const union vnetfab_ip *addr)
{
	if (peer->family != family)
		return false;
	if (family == AF_INET)
		return peer->addr.v4 == addr->v4;
	return ipv6_addr_equal(&peer->addr.v6, &addr->v6);
}

/* RCU or RTNL held */
struct vnetfab_peer *vnetfab_peer_lookup(struct vnetfab_dev *vf,
					 sa_family_t family,
					 const union vnetfab_ip *addr)
{
	struct vnetfab_peer *peer;

	hash_for_each_possible_rcu(vf->peer_hash, peer, hnode,
				   vnetfab_peer_hash(family, addr),
				   lockdep_rtnl_is_held()) {
		if (vnetfab_peer_match(peer, family, addr))
			return peer;
	}
	return NULL;
}

int vnetfab_peer_add(struct vnetfab_dev *vf, sa_family_t family,
		     const union vnetfab_ip *addr, u16 dstport,
		     struct netlink_ext_ack *extack)
{
	struct vnetfab_peer *peer;
	int err;

	ASSERT_RTNL();
	if (vnetfab_peer_lookup(vf, family, addr)) {
		NL_SET_ERR_MSG(extack, "the segment already has this peer");
		return -EEXIST;
	}
	if (vf->n_peers >= VNETFAB_MAX_PEERS) {
		NL_SET_ERR_MSG(extack, "a segment has at most 4096 peers");
		return -ENOSPC;
	}
	if (vf->encap == VNETFAB_ENCAP_GRE && family != AF_INET) {
		NL_SET_ERR_MSG(extack,
			       "encap gre carries an IPv4 underlay only (the kernel gives no way to receive IPv6 GRE beside ip6_gre); add an IPv4 peer or use encap udp");
		return -EAFNOSUPPORT;
	}
	if (vf->cfg.local_family && vf->cfg.local_family != family) {
		NL_SET_ERR_MSG(extack,
			       "the peer's address family differs from the segment's local address");
		return -EAFNOSUPPORT;
	}

	peer = kzalloc(sizeof(*peer), GFP_KERNEL);
	if (!peer)
		return -ENOMEM;
	peer->ep.kind = VNETFAB_EP_PEER;
	peer->family = family;
	peer->addr = *addr;
	peer->dstport = htons(dstport);
	peer->stats = netdev_alloc_pcpu_stats(struct vnetfab_peer_stats);
	if (!peer->stats) {
		err = -ENOMEM;
		goto err_free;
	}
	err = dst_cache_init(&peer->dst_cache, GFP_KERNEL);
	if (err)
		goto err_stats;

	list_add_tail_rcu(&peer->list, &vf->peers);
	hash_add_rcu(vf->peer_hash, &peer->hnode,
		     vnetfab_peer_hash(family, addr));
	vf->n_peers++;
	vf->peer_seq++;
	return 0;

err_stats:
	free_percpu(peer->stats);
err_free:
	kfree(peer);
	return err;
}

static void vnetfab_peer_free_rcu(struct rcu_head *head)
{
	struct vnetfab_peer *peer = container_of(head, struct vnetfab_peer, rcu);

	dst_cache_destroy(&peer->dst_cache);
	free_percpu(peer->stats);
	kfree(peer);
}

int vnetfab_peer_del(struct vnetfab_dev *vf, struct vnetfab_peer *peer)
{
	ASSERT_RTNL();
	hash_del_rcu(&peer->hnode);
	list_del_rcu(&peer->list);
	vf->n_peers--;
	vf->peer_seq++;
	/* once no receiver can find the peer, nothing learns it again */
	synchronize_net();
	vnetfab_fdb_flush_ep(vf, &peer->ep);
	call_rcu(&peer->rcu, vnetfab_peer_free_rcu);
	return 0;
}

void vnetfab_peer_del_all(struct vnetfab_dev *vf)
{
	struct vnetfab_peer *peer, *tmp;
	LIST_HEAD(dead);

	ASSERT_RTNL();
	list_for_each_entry(peer, &vf->peers, list)
		hash_del_rcu(&peer->hnode);
	list_splice_init_rcu(&vf->peers, &dead, synchronize_net);
	vf->n_peers = 0;
	vf->peer_seq++;
	vnetfab_fdb_flush_kind(vf, VNETFAB_EP_PEER);
	list_for_each_entry_safe(peer, tmp, &dead, list)
		call_rcu(&peer->rcu, vnetfab_peer_free_rcu);
}

void vnetfab_peer_get_stats(struct vnetfab_peer *peer,
			    struct vnetfab_peer_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct vnetfab_peer_stats *s = per_cpu_ptr(peer->stats, cpu);
		u64 txp, txb, rxp, rxb, txd;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txd = u64_stats_read(&s->tx_dropped);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		u64_stats_add(&sum->tx_packets, txp);
		u64_stats_add(&sum->tx_bytes, txb);
		u64_stats_add(&sum->rx_packets, rxp);
		u64_stats_add(&sum->rx_bytes, rxb);
		u64_stats_add(&sum->tx_dropped, txd);
	}
}
