// SPDX-License-Identifier: GPL-2.0
/*
 * Peers: the other hosts of a segment. Frames for MACs behind a peer, and
 * copies of every flooded frame, are encapsulated to it; frames arriving
 * from an address that is not a peer are dropped and counted.
 */

#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/route.h>

#include "fdb.h"
#include "liveness.h"
#include "netlink.h"
#include "ndo_fdb.h"
#include "peer.h"
#include "uapi/linux/vnetfab.h"

static_assert(VNETFAB_MAX_PEERS == 4096);	/* named in a message */

/*
 * The peers of a segment by address: an rhashtable, which grows with the
 * peer set (up to 4096), so that a received frame's lookup stays a short
 * chain however many peers there are. For IPv4 only the first word of
 * the address union counts (callers leave the rest as it happens to be),
 * hence hash and compare functions of our own.
 */
struct vnetfab_peer_key {
	sa_family_t family;
	const union vnetfab_ip *addr;
};

static u32 vnetfab_peer_hash(sa_family_t family, const union vnetfab_ip *addr,
			     u32 seed)
{
	if (family == AF_INET)
		return jhash_1word((__force u32)addr->v4, seed);
	return jhash2((const u32 *)&addr->v6, 4, seed);
}

static u32 vnetfab_peer_key_hashfn(const void *data, u32 len, u32 seed)
{
	const struct vnetfab_peer_key *key = data;

	return vnetfab_peer_hash(key->family, key->addr, seed);
}

static u32 vnetfab_path_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct vnetfab_path *path = data;

	return vnetfab_peer_hash(path->peer->family, &path->addr, seed);
}

static bool vnetfab_path_match(const struct vnetfab_path *path,
			       sa_family_t family, const union vnetfab_ip *addr)
{
	if (path->peer->family != family)
		return false;
	if (family == AF_INET)
		return path->addr.v4 == addr->v4;
	return ipv6_addr_equal(&path->addr.v6, &addr->v6);
}

static int vnetfab_path_obj_cmpfn(struct rhashtable_compare_arg *arg,
				  const void *obj)
{
	const struct vnetfab_peer_key *key = arg->key;

	return !vnetfab_path_match(obj, key->family, key->addr);
}

/*
 * Every path of every peer, by address: a frame over any of them is the
 * peer's. While SET_PEERS replaces a peer, its successor's paths are
 * inserted before its own are removed: an insert goes to the head of its
 * chain, so receive finds the successor first, and never neither.
 */
static const struct rhashtable_params vnetfab_peer_params = {
	.head_offset = offsetof(struct vnetfab_path, hnode),
	.hashfn = vnetfab_peer_key_hashfn,
	.obj_hashfn = vnetfab_path_obj_hashfn,
	.obj_cmpfn = vnetfab_path_obj_cmpfn,
	.automatic_shrinking = true,
};

int vnetfab_peer_hash_init(struct vnetfab_dev *vf)
{
	return rhashtable_init(&vf->peer_hash, &vnetfab_peer_params);
}

/* once every peer is gone (vnetfab_peer_del_all()) */
void vnetfab_peer_hash_destroy(struct vnetfab_dev *vf)
{
	rhashtable_destroy(&vf->peer_hash);
}

/* the path to a peer at @addr; RCU or RTNL held */
struct vnetfab_path *vnetfab_path_lookup(struct vnetfab_dev *vf,
					 sa_family_t family,
					 const union vnetfab_ip *addr)
{
	struct vnetfab_peer_key key = { .family = family, .addr = addr };

	return rhashtable_lookup_fast(&vf->peer_hash, &key,
				      vnetfab_peer_params);
}

/* the peer whose own address (its first path's) is @addr */
struct vnetfab_peer *vnetfab_peer_lookup(struct vnetfab_dev *vf,
					 sa_family_t family,
					 const union vnetfab_ip *addr)
{
	struct vnetfab_path *path = vnetfab_path_lookup(vf, family, addr);

	return path && !path->index ? path->peer : NULL;
}

/*
 * Is @addr an address of this host, in the netns the segment's sockets
 * live in? Frames to it would be sent from there by whoever may change
 * the peers (a container's root after "ip link set fab0 netns"), to any
 * local service: refused, loopback included.
 */
static bool vnetfab_addr_is_local(struct vnetfab_dev *vf, sa_family_t family,
				  const union vnetfab_ip *addr)
{
	if (family == AF_INET)
		return ipv4_is_loopback(addr->v4) ||
		       inet_addr_type(vf->net, addr->v4) == RTN_LOCAL;
	/* with ipv6.disable=1 the address tables do not exist */
	if (!ipv6_mod_enabled())
		return false;
#if IS_ENABLED(CONFIG_IPV6)
	return ipv6_addr_loopback(&addr->v6) ||
	       ipv6_chk_addr(vf->net, &addr->v6, NULL, 0);
#else
	return false;
#endif
}

/*
 * A segment's frames to its peers leave from the netns its sockets live
 * in (vf->net), which after "ip link set fab0 netns CONTAINER" is not the
 * one the device, and whoever changes it, is in: changing the peers then
 * takes CAP_NET_ADMIN over that netns as well. @skb: the genetlink
 * request, NULL for an rtnetlink one (handled in the sender's context).
 */
int vnetfab_peer_perm(struct vnetfab_dev *vf, const struct sk_buff *skb,
		      struct netlink_ext_ack *extack)
{
	struct user_namespace *ns = vf->net->user_ns;

	if (net_eq(vf->net, dev_net(vf->dev)))
		return 0;
	if (skb ? netlink_ns_capable(skb, ns, CAP_NET_ADMIN) :
		  ns_capable(ns, CAP_NET_ADMIN))
		return 0;
	NL_SET_ERR_MSG(extack,
		       "the segment sends from the network namespace it was created in; its peers change only with CAP_NET_ADMIN there");
	return -EPERM;
}

/* May @vf have a peer of @family at @addr? */
int vnetfab_peer_check(struct vnetfab_dev *vf, sa_family_t family,
		       const union vnetfab_ip *addr,
		       struct netlink_ext_ack *extack)
{
	if (family == AF_INET6 && !ipv6_mod_enabled()) {
		NL_SET_ERR_MSG(extack,
			       "IPv6 is disabled on this host (ipv6.disable=1 or no IPv6 in the kernel); add an IPv4 peer");
		return -EAFNOSUPPORT;
	}
	if (vnetfab_addr_is_local(vf, family, addr)) {
		NL_SET_ERR_MSG(extack,
			       "the peer address is a loopback or local address of this host; give another host's underlay address");
		return -EADDRNOTAVAIL;
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
	return 0;
}

static struct vnetfab_peer *
vnetfab_peer_alloc(struct vnetfab_dev *vf, const struct vnetfab_peer_spec *spec)
{
	struct vnetfab_peer *peer;
	unsigned int i = 0;	/* paths with a dst_cache, for the unwind */

	/* charged to whoever adds the peer, a container's root perhaps */
	peer = kzalloc(sizeof(*peer), GFP_KERNEL_ACCOUNT);
	if (!peer)
		return NULL;
	peer->ep.kind = VNETFAB_EP_PEER;
	peer->family = spec->family;
	peer->addr = spec->addr;
	peer->dstport = htons(spec->dstport);
	peer->probe_ms = spec->probe_ms;
	peer->n_paths = spec->n_paths;
	spin_lock_init(&peer->lock);
	peer->stats = __netdev_alloc_pcpu_stats(struct vnetfab_peer_stats,
						GFP_KERNEL_ACCOUNT);
	if (!peer->stats)
		goto err;
	for (i = 0; i < peer->n_paths; i++) {
		struct vnetfab_path *path = &peer->path[i];

		path->peer = peer;
		path->index = i;
		path->addr = spec->path[i].addr;
		path->local = spec->path[i].local;
		path->has_local = spec->path[i].has_local;
		if (dst_cache_init(&path->dst_cache, GFP_KERNEL_ACCOUNT))
			goto err;
	}
	vnetfab_liveness_init(vf, peer);
	return peer;

err:
	while (i--)
		dst_cache_destroy(&peer->path[i].dst_cache);
	free_percpu(peer->stats);
	kfree(peer);
	return NULL;
}

/* once no reader can see it, or never could */
static void vnetfab_peer_free(struct vnetfab_peer *peer)
{
	unsigned int i;

	for (i = 0; i < peer->n_paths; i++)
		dst_cache_destroy(&peer->path[i].dst_cache);
	free_percpu(peer->stats);
	kfree(peer);
}

/* every path into the hash: may fail (memory), before anything is done */
static int vnetfab_peer_hash_add(struct vnetfab_dev *vf,
				 struct vnetfab_peer *peer)
{
	unsigned int i;
	int err;

	for (i = 0; i < peer->n_paths; i++) {
		err = rhashtable_insert_fast(&vf->peer_hash,
					     &peer->path[i].hnode,
					     vnetfab_peer_params);
		if (err)
			goto undo;
	}
	return 0;
undo:
	while (i--)
		rhashtable_remove_fast(&vf->peer_hash, &peer->path[i].hnode,
				       vnetfab_peer_params);
	return err;
}

static void vnetfab_peer_hash_del(struct vnetfab_dev *vf,
				  struct vnetfab_peer *peer)
{
	unsigned int i;

	for (i = 0; i < peer->n_paths; i++)
		rhashtable_remove_fast(&vf->peer_hash, &peer->path[i].hnode,
				       vnetfab_peer_params);
}

/* @peer is in the hash already; @event: what to announce */
static void vnetfab_peer_link(struct vnetfab_dev *vf,
			      struct vnetfab_peer *peer, u8 event)
{
	list_add_tail_rcu(&peer->list, &vf->peers);
	WRITE_ONCE(vf->n_peers, vf->n_peers + 1);
	WRITE_ONCE(vf->peer_seq, vf->peer_seq + 1);
	vnetfab_notify_peer(vf, peer, event);
	vnetfab_ndo_peer_notify(vf, peer, RTM_NEWNEIGH);
	vnetfab_liveness_update(vf, peer);
}

/*
 * Readers may still see @peer until a grace period has passed. @notify:
 * announce the removal (not for a peer replaced by another).
 */
static void vnetfab_peer_unlink(struct vnetfab_dev *vf,
				struct vnetfab_peer *peer, bool notify)
{
	vnetfab_liveness_stop(peer);
	vnetfab_peer_hash_del(vf, peer);
	list_del_rcu(&peer->list);
	WRITE_ONCE(vf->n_peers, vf->n_peers - 1);
	WRITE_ONCE(vf->peer_seq, vf->peer_seq + 1);
	if (notify) {
		vnetfab_notify_peer(vf, peer, VNETFAB_EVENT_PEER_REMOVED);
		vnetfab_ndo_peer_notify(vf, peer, RTM_DELNEIGH);
	}
}

/* Is any of @spec's addresses a path of a peer of @vf already? */
static int vnetfab_peer_spec_taken(struct vnetfab_dev *vf,
				   const struct vnetfab_peer_spec *spec,
				   struct netlink_ext_ack *extack)
{
	unsigned int i;

	for (i = 0; i < spec->n_paths; i++) {
		if (!vnetfab_path_lookup(vf, spec->family,
					 &spec->path[i].addr))
			continue;
		if (i)
			NL_SET_ERR_MSG_ATTR(extack, spec->path[i].nla,
					    "this path's address is already an address of a peer of the segment");
		else
			NL_SET_ERR_MSG(extack,
				       "the segment already has this peer, or a peer with a path to this address");
		return -EEXIST;
	}
	return 0;
}

int vnetfab_peer_add(struct vnetfab_dev *vf,
		     const struct vnetfab_peer_spec *spec,
		     struct netlink_ext_ack *extack)
{
	struct vnetfab_peer *peer;
	int err;

	ASSERT_RTNL();
	err = vnetfab_peer_spec_taken(vf, spec, extack);
	if (err)
		return err;
	if (vf->n_peers >= VNETFAB_MAX_PEERS) {
		NL_SET_ERR_MSG(extack, "a segment has at most 4096 peers");
		return -ENOSPC;
	}
	err = vnetfab_peer_check(vf, spec->family, &spec->addr, extack);
	if (err)
		return err;
	peer = vnetfab_peer_alloc(vf, spec);
	if (!peer)
		return -ENOMEM;
	err = vnetfab_peer_hash_add(vf, peer);
	if (err) {
		vnetfab_peer_free(peer);
		return err;
	}
	vnetfab_peer_link(vf, peer, VNETFAB_EVENT_PEER_ADDED);
	return 0;
}

static void vnetfab_peer_free_rcu(struct rcu_head *head)
{
	vnetfab_peer_free(container_of(head, struct vnetfab_peer, rcu));
}

int vnetfab_peer_del(struct vnetfab_dev *vf, struct vnetfab_peer *peer)
{
	ASSERT_RTNL();
	vnetfab_peer_unlink(vf, peer, true);
	/* once no receiver can find the peer, nothing learns it again */
	synchronize_net();
	vnetfab_fdb_flush_ep(vf, &peer->ep);
	call_rcu(&peer->rcu, vnetfab_peer_free_rcu);
	return 0;
}

/*
 * From ndo_uninit only: the device is unregistered, and the core's
 * synchronize_net() since its close has let every reader go, so no grace
 * period of our own (one per device made a netns with thousands of
 * segments take as many under RTNL); the peers are still freed from RCU
 * callbacks.
 */
void vnetfab_peer_del_all(struct vnetfab_dev *vf)
{
	struct vnetfab_peer *peer, *tmp;
	LIST_HEAD(dead);

	ASSERT_RTNL();
	list_for_each_entry(peer, &vf->peers, list) {
		vnetfab_liveness_stop(peer);
		vnetfab_peer_hash_del(vf, peer);
	}
	list_splice_init(&vf->peers, &dead);
	WRITE_ONCE(vf->n_peers, 0);
	WRITE_ONCE(vf->peer_seq, vf->peer_seq + 1);
	vnetfab_fdb_flush_kind(vf, VNETFAB_EP_PEER);
	list_for_each_entry_safe(peer, tmp, &dead, list)
		call_rcu(&peer->rcu, vnetfab_peer_free_rcu);
}

/* A kept peer takes the new port and interval of its spec. */
static void vnetfab_peer_update(struct vnetfab_dev *vf,
				struct vnetfab_peer *peer)
{
	unsigned int i;

	if (peer->want_dstport == peer->dstport &&
	    peer->want_probe_ms == peer->probe_ms)
		return;
	if (peer->want_dstport != peer->dstport) {
		WRITE_ONCE(peer->dstport, peer->want_dstport);
		/* routes were looked up for the old port */
		for (i = 0; i < peer->n_paths; i++)
			dst_cache_reset(&peer->path[i].dst_cache);
	}
	if (peer->want_probe_ms != peer->probe_ms) {
		WRITE_ONCE(peer->probe_ms, peer->want_probe_ms);
		vnetfab_liveness_update(vf, peer);
	}
	WRITE_ONCE(vf->peer_seq, vf->peer_seq + 1);
	vnetfab_notify_peer(vf, peer, VNETFAB_EVENT_PEER_CHANGED);
}

/*
 * Make the segment's peers exactly @want[0..@n) (checked by the caller:
 * families allowed, no address twice, @n <= VNETFAB_MAX_PEERS). Peers in
 * both keep their counters, routes and MACs and never stop carrying
 * frames, whatever their new port; a peer whose paths change is replaced
 * by a new one that takes over its MACs and counters (its liveness starts
 * again); the others go, with the MACs learned behind them; the new ones
 * come. All or nothing: every allocation is made before the first change.
 */
int vnetfab_peer_replace_all(struct vnetfab_dev *vf,
			     const struct vnetfab_peer_spec *want,
			     unsigned int n)
{
	struct vnetfab_peer **fresh, **prev, **dead, *peer, *old;
	unsigned int i, n_fresh = 0, n_dead = 0;
	int err = -ENOMEM;

	ASSERT_RTNL();
	fresh = kvcalloc(n ? : 1, sizeof(*fresh), GFP_KERNEL);
	prev = kvcalloc(n ? : 1, sizeof(*prev), GFP_KERNEL);
	dead = kvcalloc(vf->n_peers ? : 1, sizeof(*dead), GFP_KERNEL);
	if (!fresh || !prev || !dead)
		goto out;
	for (i = 0; i < n; i++) {
		old = vnetfab_peer_lookup(vf, want[i].family, &want[i].addr);
		if (old && vnetfab_paths_equal(old, &want[i])) {
			/* a new port only: the same peer, MACs and counters */
			old->keep = true;
			old->want_dstport = htons(want[i].dstport);
			old->want_probe_ms = want[i].probe_ms;
			continue;
		}
		fresh[n_fresh] = vnetfab_peer_alloc(vf, &want[i]);
		if (!fresh[n_fresh])
			goto undo;
		/* into the hash now, where it may fail: receive finds a
		 * new peer before flooding reaches it, which is harmless
		 */
		if (vnetfab_peer_hash_add(vf, fresh[n_fresh])) {
			vnetfab_peer_free(fresh[n_fresh]);
			goto undo;
		}
		if (old)	/* the successor counts on */
			swap(old->stats, fresh[n_fresh]->stats);
		prev[n_fresh++] = old;
	}

	for (i = 0; i < n_fresh; i++)
		if (prev[i])
			prev[i]->successor = fresh[i];
	list_for_each_entry(peer, &vf->peers, list) {
		if (!peer->keep) {
			dead[n_dead++] = peer;
			continue;
		}
		peer->keep = false;
		vnetfab_peer_update(vf, peer);
	}
	for (i = 0; i < n_dead; i++)
		vnetfab_peer_unlink(vf, dead[i], !dead[i]->successor);
	for (i = 0; i < n_fresh; i++)
		vnetfab_peer_link(vf, fresh[i], prev[i] ?
				  VNETFAB_EVENT_PEER_CHANGED :
				  VNETFAB_EVENT_PEER_ADDED);
	if (n_dead) {
		/* once no receiver can find them, nothing learns them again */
		synchronize_net();
		for (i = 0; i < n_dead; i++) {
			old = dead[i];
			if (old->successor)	/* no flood, no relearning */
				vnetfab_fdb_move_ep(vf, &old->ep,
						    &old->successor->ep);
			else
				vnetfab_fdb_flush_ep(vf, &old->ep);
			call_rcu(&old->rcu, vnetfab_peer_free_rcu);
		}
	}
	err = 0;
	goto out;

undo:
	list_for_each_entry(peer, &vf->peers, list)
		peer->keep = false;
	for (i = 0; i < n_fresh; i++) {
		vnetfab_peer_hash_del(vf, fresh[i]);
		if (prev[i])
			swap(prev[i]->stats, fresh[i]->stats);
	}
	if (n_fresh)
		synchronize_net();	/* a receiver may have found one */
	for (i = 0; i < n_fresh; i++)
		vnetfab_peer_free(fresh[i]);
out:
	kvfree(dead);
	kvfree(prev);
	kvfree(fresh);
	return err;
}

void vnetfab_peer_get_stats(struct vnetfab_peer *peer,
			    struct vnetfab_peer_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct vnetfab_peer_stats *s = per_cpu_ptr(peer->stats, cpu);
		u64 txp, txb, rxp, rxb, txd, txpd, rxs;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txd = u64_stats_read(&s->tx_dropped);
			txpd = u64_stats_read(&s->tx_peer_down);
			rxs = u64_stats_read(&s->rx_storm);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		u64_stats_add(&sum->tx_packets, txp);
		u64_stats_add(&sum->tx_bytes, txb);
		u64_stats_add(&sum->rx_packets, rxp);
		u64_stats_add(&sum->rx_bytes, rxb);
		u64_stats_add(&sum->tx_dropped, txd);
		u64_stats_add(&sum->tx_peer_down, txpd);
		u64_stats_add(&sum->rx_storm, rxs);
	}
}
