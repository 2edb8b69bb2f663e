// SPDX-License-Identifier: GPL-2.0
/*
 * Sending a frame to a peer host, for both encapsulations: the route to
 * the peer (cached per peer), the outer TOS, TTL and DF, the PMTU answer
 * to a frame that does not fit, and the hand-off to the IP stack. Only
 * the header differs: VXLAN over UDP (udp.c) or GRE (gre.c). The frame
 * stays one GSO packet until after encapsulation.
 */

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <net/dst_cache.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "forward.h"
#include "gre.h"
#include "liveness.h"
#include "peer.h"
#include "share.h"
#include "udp.h"
#include "xmit.h"
#include "uapi/linux/vnetfab.h"

unsigned int vnetfab_overhead(u8 encap, sa_family_t family)
{
	if (encap == VNETFAB_ENCAP_GRE)
		return VNETFAB_GRE4_OVERHEAD;
	return family == AF_INET6 ? VNETFAB_UDP6_OVERHEAD :
				    VNETFAB_UDP4_OVERHEAD;
}

static __be16 vnetfab_df(struct vnetfab_dev *vf, struct sk_buff *skb)
{
	switch (READ_ONCE(vf->cfg.df)) {
	case VNETFAB_DF_SET:
		return htons(IP_DF);
	case VNETFAB_DF_INHERIT:
		if (skb->protocol == htons(ETH_P_IP) &&
		    (ip_hdr(skb)->frag_off & htons(IP_DF)))
			return htons(IP_DF);
		break;
	}
	return 0;
}

/*
 * The outer ECN field follows the inner IP header's (RFC 6040), except for
 * VLAN-tagged frames: Linux receivers (ip_tunnel_rcv for gretap and our
 * GRE, vxlan_rcv) look for the inner IP header right after an untagged
 * Ethernet header when they decapsulate ECN, and an outer ECT(1) there
 * rewrites the tag and two bytes of the frame. Tagged frames go Not-ECT.
 */
static u8 vnetfab_ecn_encap(u8 tos, struct sk_buff *skb)
{
	if (eth_type_vlan(skb->protocol))
		return tos & ~INET_ECN_MASK;
	return ip_tunnel_ecn_encap(tos, ip_hdr(skb), skb);
}

/* Can the sender of this frame learn a path MTU from an ICMP error? */
static bool vnetfab_pmtu_capable(struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IPV6))
		return true;
	return skb->protocol == htons(ETH_P_IP) &&
	       (ip_hdr(skb)->frag_off & htons(IP_DF));
}

/*
 * With DF set, a frame that does not fit the path becomes an ICMP or
 * ICMPv6 error for its sender, switched back to it as if the peer had
 * sent it (but not learned from: we wrote it); true if @skb was consumed
 * that way. A frame whose sender cannot do PMTU discovery (IPv4 without
 * DF, not IP at all) goes out with *@df cleared instead, fragmented, as
 * it would with df unset: no frame is lost without a word.
 */
static bool vnetfab_check_pmtu(struct vnetfab_dev *vf,
			       struct vnetfab_peer *peer, struct sk_buff *skb,
			       struct dst_entry *dst, int overhead, __be16 *df)
{
	/* what the outer headers and the inner Ethernet (and tag) take */
	int mtu = dst_mtu(dst) - overhead - skb_network_offset(skb);
	int err;

	if (skb_is_gso(skb) ? skb_gso_validate_network_len(skb, mtu) :
	    skb->len - skb_network_offset(skb) <= mtu)
		return false;
	if (!vnetfab_pmtu_capable(skb)) {
		*df = 0;
		return false;
	}
	vnetfab_count(vf, VNETFAB_CNT_TOO_BIG);
	/* the reply is built in place: flood copies must not see it */
	if (skb_unclone(skb, GFP_ATOMIC)) {
		kfree_skb(skb);
		return true;
	}
	err = skb_tunnel_check_pmtu(skb, dst,
				    overhead + skb_network_offset(skb), true);
	if (err > 0)
		vnetfab_forward(vf, skb, &peer->ep, false);
	else
		kfree_skb(skb);
	return true;
}

/*
 * Room for the outer headers, and the GSO type the encapsulation adds:
 * a super-packet stays one until it has all its headers.
 */
static int vnetfab_encap_prepare(struct sk_buff *skb, unsigned int headroom,
				 int gso_type)
{
	int err;

	err = skb_cow_head(skb, headroom);
	if (unlikely(err))
		return err;
	err = iptunnel_handle_offloads(skb, gso_type);
	if (unlikely(err))
		return err;
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));
	return 0;
}

/*
 * @sk: the UDP tunnel socket, NULL for GRE. @probe: a liveness probe
 * (liveness.c), not a frame: its own header, and no frame counter.
 */
static void vnetfab_xmit4(struct vnetfab_dev *vf, struct vnetfab_path *path,
			  struct sock *sk, struct sk_buff *skb,
			  __be16 sport, u8 tos, u8 ttl, bool xnet, bool probe)
{
	bool gre = vf->encap == VNETFAB_ENCAP_GRE;
	unsigned int overhead = vnetfab_overhead(vf->encap, AF_INET);
	struct vnetfab_peer *peer = path->peer;
	__be16 dport = READ_ONCE(peer->dstport);
	unsigned int len = skb->len;
	unsigned int headroom;
	struct rtable *rt;
	__be32 saddr;
	__be16 df;

	rt = dst_cache_get_ip4(&path->dst_cache, &saddr);
	if (!rt) {
		struct flowi4 fl4 = {
			.daddr = path->addr.v4,
			.saddr = path->has_local ? path->local.v4 :
						   vf->cfg.local.v4,
			.flowi4_oif = vf->cfg.link,
		};

		if (gre) {
			fl4.flowi4_proto = IPPROTO_GRE;
			fl4.fl4_gre_key = cpu_to_be32(vf->id);
		} else {
			fl4.flowi4_proto = IPPROTO_UDP;
			fl4.fl4_dport = dport;
		}
		rt = ip_route_output_key(vf->net, &fl4);
		if (IS_ERR(rt)) {
			vnetfab_path_unreachable(vf, path);
			goto tx_error;
		}
		if (unlikely(rt->dst.dev == vf->dev)) {
			ip_rt_put(rt);	/* the route to the peer is us */
			goto tx_error;
		}
		saddr = fl4.saddr;
		/* not a route for a port the peer no longer has */
		if (likely(READ_ONCE(peer->dstport) == dport))
			dst_cache_set_ip4(&path->dst_cache, &rt->dst, saddr);
	}
	if (unlikely(!netif_carrier_ok(rt->dst.dev))) {
		ip_rt_put(rt);
		vnetfab_path_unreachable(vf, path);
		goto tx_error;
	}
	df = vnetfab_df(vf, skb);
	if (df && vnetfab_check_pmtu(vf, peer, skb, &rt->dst, overhead, &df)) {
		ip_rt_put(rt);
		return;
	}
	tos = vnetfab_ecn_encap(tos, skb);
	ttl = ttl ? : ip4_dst_hoplimit(&rt->dst);
	headroom = LL_RESERVED_SPACE(rt->dst.dev) + overhead;
	if (unlikely(vnetfab_encap_prepare(skb, headroom, gre ? SKB_GSO_GRE :
					   SKB_GSO_UDP_TUNNEL))) {
		ip_rt_put(rt);
		goto tx_error;
	}
	if (gre)
		vnetfab_gre_push(vf, skb, probe);
	else
		vnetfab_udp_push(vf, skb, probe);
	if (!probe)
		vnetfab_peer_count(peer, true, len);
	/* no netdev counts the copy: fab0's counters are the host's frames */
	skb->dev = NULL;
	if (gre)
		iptunnel_xmit(NULL, rt, skb, saddr, path->addr.v4, IPPROTO_GRE,
			      tos, ttl, df, xnet);
	else
		udp_tunnel_xmit_skb(rt, sk, skb, saddr, path->addr.v4, tos, ttl,
				    df, sport, dport, xnet, true);
	return;

tx_error:
	if (!probe) {
		vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
		vnetfab_peer_drop(peer);
	}
	kfree_skb(skb);
}

#if IS_ENABLED(CONFIG_IPV6)
/* UDP only: GRE segments have no IPv6 peers (see gre.c) */
static void vnetfab_xmit6(struct vnetfab_dev *vf, struct vnetfab_path *path,
			  struct sock *sk, struct sk_buff *skb,
			  __be16 sport, u8 tos, u8 ttl, bool xnet, bool probe)
{
	struct vnetfab_peer *peer = path->peer;
	__be16 dport = READ_ONCE(peer->dstport);
	unsigned int len = skb->len;
	struct dst_entry *dst;
	struct in6_addr saddr;
	__be16 df;

	dst = dst_cache_get_ip6(&path->dst_cache, &saddr);
	if (!dst) {
		struct flowi6 fl6 = {
			.daddr = path->addr.v6,
			.flowi6_oif = vf->cfg.link,
			.flowi6_proto = IPPROTO_UDP,
			.fl6_dport = dport,
		};

		if (path->has_local)
			fl6.saddr = path->local.v6;
		else if (vf->cfg.local_family == AF_INET6)
			fl6.saddr = vf->cfg.local.v6;
		dst = ipv6_stub->ipv6_dst_lookup_flow(vf->net, sk,
						      &fl6, NULL);
		if (IS_ERR(dst)) {
			vnetfab_path_unreachable(vf, path);
			goto tx_error;
		}
		if (unlikely(dst->dev == vf->dev)) {
			dst_release(dst);
			goto tx_error;
		}
		saddr = fl6.saddr;
		if (likely(READ_ONCE(peer->dstport) == dport))
			dst_cache_set_ip6(&path->dst_cache, dst, &saddr);
	}
	if (unlikely(!netif_carrier_ok(dst->dev))) {
		dst_release(dst);
		vnetfab_path_unreachable(vf, path);
		goto tx_error;
	}
	df = vnetfab_df(vf, skb);
	if (df && vnetfab_check_pmtu(vf, peer, skb, dst,
				     VNETFAB_UDP6_OVERHEAD, &df)) {
		dst_release(dst);
		return;
	}
	tos = vnetfab_ecn_encap(tos, skb);
	skb_scrub_packet(skb, xnet);
	if (unlikely(vnetfab_encap_prepare(skb, LL_RESERVED_SPACE(dst->dev) +
					   VNETFAB_UDP6_OVERHEAD,
					   SKB_GSO_UDP_TUNNEL_CSUM))) {
		dst_release(dst);
		goto tx_error;
	}
	vnetfab_udp_push(vf, skb, probe);
	/* without DF the outer packet may be fragmented here */
	skb->ignore_df = !df;
	if (!probe)
		vnetfab_peer_count(peer, true, len);
	udp_tunnel6_xmit_skb(dst, sk, skb, NULL, &saddr,
			     &path->addr.v6, tos,
			     ttl ? : ip6_dst_hoplimit(dst), 0, sport,
			     dport, false);
	return;

tx_error:
	if (!probe) {
		vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
		vnetfab_peer_drop(peer);
	}
	kfree_skb(skb);
}
#endif

/*
 * The UDP tunnel socket of @peer's family, NULL for GRE, or an error: a
 * UDP segment without one (being closed). RCU held.
 */
static struct sock *vnetfab_peer_sock(struct vnetfab_dev *vf,
				      struct vnetfab_peer *peer)
{
	struct vnetfab_sock *vs;

	if (vf->encap != VNETFAB_ENCAP_UDP)
		return NULL;
	if (peer->family == AF_INET)
		vs = rcu_dereference(vf->sock4);
	else
		vs = rcu_dereference(vf->sock6);
	return vs ? vs->sock->sk : ERR_PTR(-ENOTCONN);
}

/*
 * Encapsulate and send over @path, the frame's headers set; @sk:
 * vnetfab_peer_sock()
 */
static void vnetfab_xmit_to(struct vnetfab_dev *vf, struct vnetfab_path *path,
			    struct sock *sk, struct sk_buff *skb, u8 tos,
			    bool probe)
{
	struct vnetfab_peer *peer = path->peer;
	bool xnet = !net_eq(vf->net, dev_net(vf->dev));
	u8 ttl = READ_ONCE(vf->cfg.ttl);
	__be16 sport = 0;

	if (sk)
		sport = udp_flow_src_port(vf->net, skb, 0, 0, true);
	vnetfab_share_mark(vf, skb);
	if (peer->family == AF_INET) {
		vnetfab_xmit4(vf, path, sk, skb, sport, tos, ttl, xnet, probe);
		return;
	}
#if IS_ENABLED(CONFIG_IPV6)
	if (sk) {
		vnetfab_xmit6(vf, path, sk, skb, sport, tos, ttl, xnet, probe);
		return;
	}
#endif
	if (!probe) {
		vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
		vnetfab_peer_drop(peer);
	}
	kfree_skb(skb);
}

static void vnetfab_tunnel_xmit_one(struct vnetfab_dev *vf,
				    struct vnetfab_peer *peer,
				    struct sk_buff *skb)
{
	struct sock *sk = vnetfab_peer_sock(vf, peer);
	u8 tos;

	if (IS_ERR(sk))
		goto tx_error;
	if (skb_vlan_tag_present(skb)) {
		/* the tag travels inside the frame */
		skb = __vlan_hwaccel_push_inside(skb);
		if (unlikely(!skb)) {
			vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
			vnetfab_peer_drop(peer);
			return;
		}
	}
	skb->dev = vf->dev;
	skb_reset_mac_header(skb);
	/*
	 * DF, ECN, TOS inherit and the PMTU check read the inner IP header:
	 * pull it into the linear area and point the network header at it
	 * (behind a tag too). A tap's frame may carry it in a page fragment
	 * (virtio_net_hdr.hdr_len = 14); a truncated one is dropped.
	 */
	if (unlikely(skb_vlan_inet_prepare(skb, false)))
		goto tx_error;
	tos = READ_ONCE(vf->cfg.tos);
	if (tos == 1)
		tos = ip_tunnel_get_dsfield(ip_hdr(skb), skb);
	vnetfab_xmit_to(vf, vnetfab_peer_path(peer), sk, skb, tos, false);
	return;

tx_error:
	vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
	vnetfab_peer_drop(peer);
	kfree_skb(skb);
}

/*
 * A liveness probe at skb->data (liveness.c) over @path, by the route and
 * socket frames over it take: probes test the path the frames use. The
 * segment's TOS (0 for inherit: a probe has no inner header), and no
 * counter: a probe that cannot leave is simply not answered. RCU held.
 */
void vnetfab_probe_xmit(struct vnetfab_dev *vf, struct vnetfab_path *path,
			struct sk_buff *skb)
{
	struct sock *sk = vnetfab_peer_sock(vf, path->peer);
	u8 tos = READ_ONCE(vf->cfg.tos);

	if (IS_ERR(sk)) {
		kfree_skb(skb);
		return;
	}
	skb->dev = vf->dev;
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	vnetfab_xmit_to(vf, path, sk, skb, tos == 1 ? 0 : tos, true);
}

/*
 * How deep in nested transmits (each device without a queue, and on 6.12
 * each IP tunnel, is a level) a segment still sends to a peer. Deeper, it
 * is a loop: a peer routed through the segment itself, segments each
 * other's underlay, a segment that is a port of its own underlay bridge.
 * The kernel stops those too (ip_tunnel's limit of 5 on 6.12, the 8 of
 * __dev_queue_xmit() on 6.1), but silently for a packet no device sends;
 * here they are counted.
 */
#define VNETFAB_XMIT_NEST_MAX	4

void vnetfab_tunnel_xmit(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			 struct sk_buff *skb)
{
	struct sk_buff *segs, *next;

	if (unlikely(dev_recursion_level() > VNETFAB_XMIT_NEST_MAX)) {
		net_warn_ratelimited("%s: transmit loop: the route to a peer leads back into the segment\n",
				     vf->dev->name);
		vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
		vnetfab_peer_drop(peer);
		kfree_skb(skb);
		return;
	}

	if (likely(!skb_is_gso(skb) || !skb->encapsulation)) {
		vnetfab_tunnel_xmit_one(vf, peer, skb);
		return;
	}
	/*
	 * A tunnel super-packet (a container's own vxlan over a veth port,
	 * say): GSO cannot nest tunnels, so it is segmented here, then each
	 * segment is encapsulated.
	 */
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR(segs)) {
		vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
		vnetfab_peer_drop(peer);
		kfree_skb(skb);
		return;
	}
	if (!segs) {
		/* nothing to cut (no GSO type the stack knows): as it is */
		vnetfab_tunnel_xmit_one(vf, peer, skb);
		return;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		vnetfab_tunnel_xmit_one(vf, peer, skb);
	}
}
