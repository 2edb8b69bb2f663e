// SPDX-License-Identifier: GPL-2.0
/*
 * The switch of a segment. Known unicast goes to exactly one place;
 * broadcast, multicast and unknown unicast go to every local port but the
 * one it came in on, to the host endpoint and to every peer (head-end
 * replication), one clone per destination. What came from a peer never
 * goes to a peer (split horizon), so a full mesh of peers cannot loop.
 */

#include <linux/etherdevice.h>
#include <linux/ip.h>

#include "fdb.h"
#include "forward.h"
#include "peer.h"
#include "port.h"
#include "storm.h"
#include "xmit.h"

void vnetfab_deliver_local(struct vnetfab_dev *vf, struct sk_buff *skb)
{
	struct net_device *dev = vf->dev;

	skb->protocol = eth_type_trans(skb, dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	dev_sw_netstats_rx_add(dev, skb->len + ETH_HLEN);
	gro_cells_receive(&vf->gro_cells, skb);
}

static void vnetfab_deliver(struct vnetfab_dev *vf, struct sk_buff *skb,
			    struct vnetfab_ep *dst, struct vnetfab_ep *src)
{
	switch (dst->kind) {
	case VNETFAB_EP_LOCAL:
		vnetfab_deliver_local(vf, skb);
		return;
	case VNETFAB_EP_PORT:
		vnetfab_port_xmit(vf, container_of(dst, struct vnetfab_port, ep),
				  skb);
		return;
	case VNETFAB_EP_PEER: {
		struct vnetfab_peer *peer;

		/* split horizon holds for known unicast too */
		if (src->kind == VNETFAB_EP_PEER)
			break;
		peer = container_of(dst, struct vnetfab_peer, ep);
		if (unlikely(vnetfab_peer_is_down(peer))) {
			/* not into the void: see liveness.c */
			vnetfab_peer_down_drop(peer, true);
			kfree_skb(skb);
			return;
		}
		vnetfab_tunnel_xmit(vf, peer, skb);
		return;
	}
	}
	consume_skb(skb);
}

/* Deliver a clone to @dst; the original goes on to the next one. */
static void vnetfab_deliver_clone(struct vnetfab_dev *vf, struct sk_buff *skb,
				  struct vnetfab_ep *dst,
				  struct vnetfab_ep *src)
{
	struct sk_buff *clone = skb_clone(skb, GFP_ATOMIC);

	if (unlikely(!clone)) {
		vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
		return;
	}
	vnetfab_deliver(vf, clone, dst, src);
}

static void vnetfab_flood(struct vnetfab_dev *vf, struct sk_buff *skb,
			  struct vnetfab_ep *src)
{
	struct vnetfab_ep *last = NULL;
	struct vnetfab_port *port;
	struct vnetfab_peer *peer;

	list_for_each_entry_rcu(port, &vf->ports, list) {
		if (&port->ep == src)
			continue;
		if (last)
			vnetfab_deliver_clone(vf, skb, last, src);
		last = &port->ep;
	}
	if (src->kind != VNETFAB_EP_LOCAL) {
		if (last)
			vnetfab_deliver_clone(vf, skb, last, src);
		last = &vf->local_ep;
	}
	if (src->kind != VNETFAB_EP_PEER) {
		/*
		 * Each copy to a UDP peer takes its source port from the
		 * flow hash: dissect the frame once here, the clones
		 * inherit the hash, rather than once per copy.
		 */
		if (vf->encap == VNETFAB_ENCAP_UDP &&
		    !list_empty(&vf->peers))
			skb_get_hash(skb);
		list_for_each_entry_rcu(peer, &vf->peers, list) {
			if (unlikely(vnetfab_peer_is_down(peer))) {
				vnetfab_peer_down_drop(peer, false);
				continue;
			}
			if (last)
				vnetfab_deliver_clone(vf, skb, last, src);
			last = &peer->ep;
		}
	}
	if (last)
		vnetfab_deliver(vf, skb, last, src);
	else
		consume_skb(skb);
}

void vnetfab_forward(struct vnetfab_dev *vf, struct sk_buff *skb,
		     struct vnetfab_ep *src, bool learn)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct vnetfab_fdb_entry *e;
	struct vnetfab_ep *dst;

	skb_reset_mac_header(skb);
	if (learn && READ_ONCE(vf->cfg.learning))
		vnetfab_fdb_learn(vf, eth->h_source, src);

	if (is_multicast_ether_addr(eth->h_dest))
		goto flood;
	if (src->kind != VNETFAB_EP_LOCAL &&
	    ether_addr_equal(eth->h_dest, vf->dev->dev_addr)) {
		vnetfab_deliver_local(vf, skb);
		return;
	}
	e = vnetfab_fdb_lookup(vf, eth->h_dest);
	if (!e)
		goto flood;
	dst = rcu_dereference(e->dst);
	if (unlikely(dst == src)) {
		/* never back where it came from */
		consume_skb(skb);
		return;
	}
	vnetfab_deliver(vf, skb, dst, src);
	return;
flood:
	if (unlikely(!vnetfab_storm_admit(vf, src))) {
		kfree_skb(skb);
		return;
	}
	vnetfab_flood(vf, skb, src);
}

/*
 * A super-packet a veth underlay hands over whole, or that GRO built on
 * the tunnel socket, still has the outer UDP or GRE header as its
 * transport header, behind skb->data now. Whoever sends it on reads it
 * there: a qdisc sizes the packet from it, GSO cuts it there. Point it
 * at the inner TCP or UDP header, which the sender (or GRO) recorded as
 * the inner one. One that GRO built from the decapsulated frames (ip_gre
 * runs GRO on its flow-based device, behind GRE segments) has its
 * transport header on the inner one already, and no inner headers.
 */
static bool vnetfab_gso_inner_headers(struct sk_buff *skb)
{
	int off;

	if (likely(!skb_is_gso(skb)))
		return true;
	off = skb_transport_offset(skb);
	if (skb_transport_header_was_set(skb) &&
	    off >= ETH_HLEN + (int)sizeof(struct iphdr) &&
	    off < skb_headlen(skb))
		return true;
	off = skb_inner_transport_offset(skb);
	if (unlikely(off < ETH_HLEN + (int)sizeof(struct iphdr) ||
		     off >= skb_headlen(skb)))
		return false;
	skb_set_transport_header(skb, off);
	return true;
}

void vnetfab_forward_from_peer(struct vnetfab_dev *vf,
			       struct vnetfab_path *path, struct sk_buff *skb)
{
	struct vnetfab_peer *peer = path->peer;
	unsigned long now = jiffies;

	if (unlikely(!vnetfab_gso_inner_headers(skb) ||
		     vnetfab_link_local_stop(skb->data))) {
		vnetfab_count(vf, VNETFAB_CNT_RX_INVALID);
		dev_core_stats_rx_dropped_inc(vf->dev);
		kfree_skb(skb);
		return;
	}
	vnetfab_peer_count(peer, false, skb->len);
	if (READ_ONCE(path->last_rx) != now)
		WRITE_ONCE(path->last_rx, now);
	vnetfab_forward(vf, skb, &peer->ep, true);
}
