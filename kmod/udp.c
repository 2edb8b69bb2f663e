// SPDX-License-Identifier: GPL-2.0
/*
 * The UDP encapsulation, in the VXLAN wire format (RFC 7348) with the
 * segment id as VNI, so that a Linux vxlan device, Open vSwitch or any
 * VTEP can be a peer. All segments of a network namespace that receive
 * on the same port and family share one kernel UDP tunnel socket, bound
 * to the wildcard address as vxlan's are; the VNI picks the segment.
 * Sockets live in the netns the segment was created in, wherever the
 * device moves later.
 */

#include <linux/etherdevice.h>
#include <linux/hash.h>
#include <linux/if_vlan.h>
#include <net/dst_cache.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "forward.h"
#include "peer.h"
#include "udp.h"
#include "uapi/linux/vnetfab.h"

static struct hlist_head *vnetfab_vni_head(struct vnetfab_sock *vs, u32 vni)
{
	return &vs->vni_hash[hash_32(vni, VNETFAB_VNI_HASH_BITS)];
}

/* RCU or RTNL held */
static struct vnetfab_dev *vnetfab_vni_lookup(struct vnetfab_sock *vs, u32 vni)
{
	struct hlist_head *head = vnetfab_vni_head(vs, vni);
	struct vnetfab_dev *vf;

	if (vs->family == AF_INET) {
		hlist_for_each_entry_rcu(vf, head, vni_node4,
					 lockdep_rtnl_is_held())
			if (vf->id == vni)
				return vf;
	} else {
		hlist_for_each_entry_rcu(vf, head, vni_node6,
					 lockdep_rtnl_is_held())
			if (vf->id == vni)
				return vf;
	}
	return NULL;
}

static int vnetfab_udp_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct vnetfab_peer *peer;
	struct vnetfab_sock *vs;
	struct vnetfab_dev *vf;
	union vnetfab_ip saddr;
	struct vxlanhdr *vxh;
	unsigned long now;
	u32 vni;

	vs = rcu_dereference_sk_user_data(sk);
	if (unlikely(!vs))
		goto drop;
	if (unlikely(!pskb_may_pull(skb, VNETFAB_UDP_HLEN)))
		goto drop;
	vxh = (struct vxlanhdr *)(udp_hdr(skb) + 1);
	vni = be32_to_cpu(vxh->vx_vni) >> 8;
	vf = vnetfab_vni_lookup(vs, vni);
	if (unlikely(!vf))
		goto drop;	/* no segment here: not ours to count */
	/* as Linux vxlan: the I flag alone, reserved bits zero */
	if (unlikely(vxh->vx_flags != VXLAN_HF_VNI ||
		     (vxh->vx_vni & ~VXLAN_VNI_MASK)))
		goto invalid;

	memset(&saddr, 0, sizeof(saddr));
	if (vs->family == AF_INET)
		saddr.v4 = ip_hdr(skb)->saddr;
	else
		saddr.v6 = ipv6_hdr(skb)->saddr;
	peer = vnetfab_peer_lookup(vf, vs->family, &saddr);
	if (unlikely(!peer)) {
		vnetfab_count(vf, VNETFAB_CNT_RX_UNKNOWN_PEER);
		dev_core_stats_rx_dropped_inc(vf->dev);
		goto drop;
	}

	if (unlikely(__iptunnel_pull_header(skb, VNETFAB_UDP_HLEN,
					    htons(ETH_P_TEB), false,
					    !net_eq(vf->net, dev_net(vf->dev)))))
		goto invalid;
	skb_reset_mac_header(skb);
	/* the inner one, for packet taps on the port it goes out of */
	skb_set_network_header(skb, ETH_HLEN);
	if (unlikely(!is_valid_ether_addr(eth_hdr(skb)->h_source)))
		goto invalid;
	if (unlikely(!netif_running(vf->dev)))
		goto drop;

	vnetfab_peer_count(peer, false, skb->len);
	now = jiffies;
	if (READ_ONCE(peer->last_rx) != now)
		WRITE_ONCE(peer->last_rx, now);
	vnetfab_forward(vf, skb, &peer->ep, true);
	return 0;

invalid:
	vnetfab_count(vf, VNETFAB_CNT_RX_INVALID);
	dev_core_stats_rx_dropped_inc(vf->dev);
drop:
	kfree_skb(skb);
	return 0;
}

static struct vnetfab_sock *vnetfab_sock_create(struct net *net,
						sa_family_t family,
						__be16 port)
{
	struct udp_tunnel_sock_cfg tunnel_cfg = {};
	struct udp_port_cfg cfg = {};
	struct vnetfab_sock *vs;
	struct socket *sock;
	int err, h;

	vs = kzalloc(sizeof(*vs), GFP_KERNEL);
	if (!vs)
		return ERR_PTR(-ENOMEM);
	for (h = 0; h < ARRAY_SIZE(vs->vni_hash); h++)
		INIT_HLIST_HEAD(&vs->vni_hash[h]);

	cfg.family = family;
	cfg.local_udp_port = port;
	if (family == AF_INET6) {
		cfg.ipv6_v6only = 1;
		cfg.use_udp6_rx_checksums = 1;
	}
	err = udp_sock_create(net, &cfg, &sock);
	if (err) {
		kfree(vs);
		return ERR_PTR(err);
	}
	vs->sock = sock;
	vs->family = family;
	vs->port = port;
	vs->refs = 1;

	tunnel_cfg.sk_user_data = vs;
	tunnel_cfg.encap_type = 1;
	tunnel_cfg.encap_rcv = vnetfab_udp_rcv;
	setup_udp_tunnel_sock(net, sock, &tunnel_cfg);
	list_add(&vs->list, &vnetfab_net(net)->socks);
	return vs;
}

static struct vnetfab_sock *vnetfab_sock_get(struct net *net,
					     sa_family_t family, __be16 port)
{
	struct vnetfab_sock *vs;

	list_for_each_entry(vs, &vnetfab_net(net)->socks, list) {
		if (vs->family == family && vs->port == port) {
			vs->refs++;
			return vs;
		}
	}
	return vnetfab_sock_create(net, family, port);
}

static void vnetfab_sock_put(struct vnetfab_sock *vs)
{
	if (--vs->refs)
		return;
	list_del(&vs->list);
	udp_tunnel_sock_release(vs->sock);
	kfree_rcu(vs, rcu);
}

static int vnetfab_udp_attach(struct vnetfab_dev *vf, sa_family_t family)
{
	struct vnetfab_sock *vs;

	vs = vnetfab_sock_get(vf->net, family, htons(vf->cfg.dstport));
	if (IS_ERR(vs))
		return PTR_ERR(vs);
	if (vnetfab_vni_lookup(vs, vf->id)) {
		/* another segment of this netns took the id meanwhile */
		vnetfab_sock_put(vs);
		return -EADDRINUSE;
	}
	if (family == AF_INET) {
		hlist_add_head_rcu(&vf->vni_node4, vnetfab_vni_head(vs, vf->id));
		rcu_assign_pointer(vf->sock4, vs);
	} else {
		hlist_add_head_rcu(&vf->vni_node6, vnetfab_vni_head(vs, vf->id));
		rcu_assign_pointer(vf->sock6, vs);
	}
	return 0;
}

/* On open: receive on IPv4 and IPv6 unless the local address says which. */
int vnetfab_udp_open(struct vnetfab_dev *vf)
{
	int err;

	ASSERT_RTNL();
	if (vf->cfg.local_family == AF_INET6 && !ipv6_mod_enabled())
		return -EAFNOSUPPORT;
	if (vf->cfg.local_family != AF_INET6) {
		err = vnetfab_udp_attach(vf, AF_INET);
		if (err)
			return err;
	}
	if (vf->cfg.local_family != AF_INET && ipv6_mod_enabled()) {
		err = vnetfab_udp_attach(vf, AF_INET6);
		/* without an IPv6 local address, IPv6 is optional */
		if (err && vf->cfg.local_family == AF_INET6)
			return err;
	}
	return 0;
}

void vnetfab_udp_stop(struct vnetfab_dev *vf)
{
	struct vnetfab_sock *vs4, *vs6;

	ASSERT_RTNL();
	vs4 = rtnl_dereference(vf->sock4);
	vs6 = rtnl_dereference(vf->sock6);
	if (vs4)
		hlist_del_init_rcu(&vf->vni_node4);
	if (vs6)
		hlist_del_init_rcu(&vf->vni_node6);
	RCU_INIT_POINTER(vf->sock4, NULL);
	RCU_INIT_POINTER(vf->sock6, NULL);
	/* no receiver may still walk the nodes when a later open reuses them */
	synchronize_net();
	if (vs4)
		vnetfab_sock_put(vs4);
	if (vs6)
		vnetfab_sock_put(vs6);
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

static int vnetfab_vxlan_push(struct vnetfab_dev *vf, struct sk_buff *skb,
			      unsigned int headroom, bool udp_csum)
{
	struct vxlanhdr *vxh;
	int err;

	err = skb_cow_head(skb, headroom);
	if (unlikely(err))
		return err;
	err = udp_tunnel_handle_offloads(skb, udp_csum);
	if (unlikely(err))
		return err;
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));
	vxh = __skb_push(skb, sizeof(*vxh));
	vxh->vx_flags = VXLAN_HF_VNI;
	vxh->vx_vni = vxlan_vni_field(cpu_to_be32(vf->id));
	return 0;
}

static void vnetfab_xmit4(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			  struct vnetfab_sock *vs, struct sk_buff *skb,
			  __be16 sport, u8 tos, u8 ttl, bool xnet)
{
	unsigned int len = skb->len;
	struct rtable *rt;
	__be32 saddr;
	__be16 df;

	rt = dst_cache_get_ip4(&peer->dst_cache, &saddr);
	if (!rt) {
		struct flowi4 fl4 = {
			.daddr = peer->addr.v4,
			.saddr = vf->cfg.local.v4,
			.flowi4_oif = vf->cfg.link,
			.flowi4_proto = IPPROTO_UDP,
			.fl4_dport = peer->dstport,
		};

		rt = ip_route_output_key(vf->net, &fl4);
		if (IS_ERR(rt))
			goto tx_error;
		if (unlikely(rt->dst.dev == vf->dev)) {
			ip_rt_put(rt);	/* the route to the peer is us */
			goto tx_error;
		}
		saddr = fl4.saddr;
		dst_cache_set_ip4(&peer->dst_cache, &rt->dst, saddr);
	}
	df = vnetfab_df(vf, skb);
	if (df && vnetfab_check_pmtu(vf, peer, skb, &rt->dst,
				     VNETFAB_UDP4_OVERHEAD, &df)) {
		ip_rt_put(rt);
		return;
	}
	tos = ip_tunnel_ecn_encap(tos, ip_hdr(skb), skb);
	if (unlikely(vnetfab_vxlan_push(vf, skb, LL_RESERVED_SPACE(rt->dst.dev) +
					VNETFAB_UDP4_OVERHEAD, false))) {
		ip_rt_put(rt);
		goto tx_error;
	}
	vnetfab_peer_count(peer, true, len);
	/* no netdev counts the copy: fab0's counters are the host's frames */
	skb->dev = NULL;
	udp_tunnel_xmit_skb(rt, vs->sock->sk, skb, saddr, peer->addr.v4, tos,
			    ttl ? : ip4_dst_hoplimit(&rt->dst), df, sport,
			    peer->dstport, xnet, true);
	return;

tx_error:
	vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
	vnetfab_peer_drop(peer);
	kfree_skb(skb);
}

#if IS_ENABLED(CONFIG_IPV6)
static void vnetfab_xmit6(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			  struct vnetfab_sock *vs, struct sk_buff *skb,
			  __be16 sport, u8 tos, u8 ttl, bool xnet)
{
	unsigned int len = skb->len;
	struct dst_entry *dst;
	struct in6_addr saddr;
	__be16 df;

	dst = dst_cache_get_ip6(&peer->dst_cache, &saddr);
	if (!dst) {
		struct flowi6 fl6 = {
			.daddr = peer->addr.v6,
			.flowi6_oif = vf->cfg.link,
			.flowi6_proto = IPPROTO_UDP,
			.fl6_dport = peer->dstport,
		};

		if (vf->cfg.local_family == AF_INET6)
			fl6.saddr = vf->cfg.local.v6;
		dst = ipv6_stub->ipv6_dst_lookup_flow(vf->net, vs->sock->sk,
						      &fl6, NULL);
		if (IS_ERR(dst))
			goto tx_error;
		if (unlikely(dst->dev == vf->dev)) {
			dst_release(dst);
			goto tx_error;
		}
		saddr = fl6.saddr;
		dst_cache_set_ip6(&peer->dst_cache, dst, &saddr);
	}
	df = READ_ONCE(vf->cfg.df) == VNETFAB_DF_SET ? htons(IP_DF) : 0;
	if (df && vnetfab_check_pmtu(vf, peer, skb, dst,
				     VNETFAB_UDP6_OVERHEAD, &df)) {
		dst_release(dst);
		return;
	}
	tos = ip_tunnel_ecn_encap(tos, ip_hdr(skb), skb);
	skb_scrub_packet(skb, xnet);
	if (unlikely(vnetfab_vxlan_push(vf, skb, LL_RESERVED_SPACE(dst->dev) +
					VNETFAB_UDP6_OVERHEAD, true))) {
		dst_release(dst);
		goto tx_error;
	}
	/* without DF the outer packet may be fragmented here */
	skb->ignore_df = !df;
	vnetfab_peer_count(peer, true, len);
	udp_tunnel6_xmit_skb(dst, vs->sock->sk, skb, NULL, &saddr,
			     &peer->addr.v6, tos,
			     ttl ? : ip6_dst_hoplimit(dst), 0, sport,
			     peer->dstport, false);
	return;

tx_error:
	vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
	vnetfab_peer_drop(peer);
	kfree_skb(skb);
}
#endif

/* Encapsulate a frame (skb->data at its Ethernet header) to @peer. */
void vnetfab_udp_xmit(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
		      struct sk_buff *skb)
{
	bool xnet = !net_eq(vf->net, dev_net(vf->dev));
	struct vnetfab_sock *vs;
	__be16 sport;
	u8 tos;

	if (peer->family == AF_INET)
		vs = rcu_dereference(vf->sock4);
	else
		vs = rcu_dereference(vf->sock6);
	if (unlikely(!vs))
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
	sport = udp_flow_src_port(vf->net, skb, 0, 0, true);
	tos = READ_ONCE(vf->cfg.tos);
	if (tos == 1)
		tos = ip_tunnel_get_dsfield(ip_hdr(skb), skb);

	if (peer->family == AF_INET) {
		vnetfab_xmit4(vf, peer, vs, skb, sport, tos,
			      READ_ONCE(vf->cfg.ttl), xnet);
		return;
	}
#if IS_ENABLED(CONFIG_IPV6)
	vnetfab_xmit6(vf, peer, vs, skb, sport, tos, READ_ONCE(vf->cfg.ttl),
		      xnet);
	return;
#endif
tx_error:
	vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
	vnetfab_peer_drop(peer);
	kfree_skb(skb);
}
