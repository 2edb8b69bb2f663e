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
#include <linux/ipv6.h>
#include <net/gro.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>
#include <net/udp_tunnel.h>

#include "forward.h"
#include "liveness.h"
#include "offload.h"
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

/*
 * RFC 6040 on decapsulation, as vxlan_ecn_decapsulate(): an outer CE
 * mark is copied into an ECN-capable inner IP header, an outer ECT(1)
 * into an ECT(0) one; a CE mark on a frame whose inner header is not
 * ECN-capable cannot be passed on, and the frame is dropped (true).
 * @skb starts at the inner Ethernet header, untagged (skb->protocol is
 * its type); the network header is the inner one.
 */
static bool vnetfab_ecn_drop(struct sk_buff *skb, u8 outer)
{
	u8 inner;

	if (likely(INET_ECN_is_not_ect(outer)))
		return false;
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (unlikely(!pskb_may_pull(skb, ETH_HLEN + sizeof(struct iphdr))))
			return false;
		inner = ip_hdr(skb)->tos;
		break;
	case htons(ETH_P_IPV6):
		if (unlikely(!pskb_may_pull(skb,
					    ETH_HLEN + sizeof(struct ipv6hdr))))
			return false;
		inner = ipv6_get_dsfield(ipv6_hdr(skb));
		break;
	default:
		return false;
	}
	return INET_ECN_decapsulate(skb, outer, inner) > 1;
}

static int vnetfab_udp_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct vnetfab_path *path;
	struct vnetfab_sock *vs;
	struct vnetfab_dev *vf;
	union vnetfab_ip saddr;
	struct vxlanhdr *vxh;
	u8 outer_tos;
	bool probe;
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
	/* as Linux vxlan: the I flag alone, reserved bits zero; or a probe */
	probe = vxh->vx_flags == VNETFAB_PROBE_VXFLAGS;
	if (unlikely((!probe && vxh->vx_flags != VXLAN_HF_VNI) ||
		     (vxh->vx_vni & ~VXLAN_VNI_MASK)))
		goto invalid;

	memset(&saddr, 0, sizeof(saddr));
	if (vs->family == AF_INET) {
		saddr.v4 = ip_hdr(skb)->saddr;
		outer_tos = ip_hdr(skb)->tos;
	} else {
		saddr.v6 = ipv6_hdr(skb)->saddr;
		outer_tos = ipv6_get_dsfield(ipv6_hdr(skb));
	}
	path = vnetfab_path_lookup(vf, vs->family, &saddr);
	if (unlikely(!path)) {
		vnetfab_count(vf, VNETFAB_CNT_RX_UNKNOWN_PEER);
		dev_core_stats_rx_dropped_inc(vf->dev);
		goto drop;
	}

	if (unlikely(probe)) {
		if (unlikely(!netif_running(vf->dev)))
			goto drop;
		__skb_pull(skb, VNETFAB_UDP_HLEN);
		vnetfab_probe_rcv(vf, path, skb);
		return 0;
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
	if (unlikely(vnetfab_ecn_drop(skb, outer_tos)))
		goto invalid;

	vnetfab_forward_from_peer(vf, path, skb);
	return 0;

invalid:
	vnetfab_count(vf, VNETFAB_CNT_RX_INVALID);
	dev_core_stats_rx_dropped_inc(vf->dev);
drop:
	kfree_skb(skb);
	return 0;
}

/*
 * GRO on the tunnel socket, as vxlan's: consecutive datagrams of one
 * segment whose inner frames belong to one flow merge into a single
 * super-packet before decapsulation, so a peer whose NIC (or GSO) cut a
 * TCP stream into MTU-sized datagrams costs one trip through the switch
 * per super-packet. Only the header vnetfab accepts takes part (the I
 * flag alone: no remote checksum offload); anything else is flushed and
 * left to vnetfab_udp_rcv() to count.
 */
static struct sk_buff *vnetfab_gro_receive(struct sock *sk,
					   struct list_head *head,
					   struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	struct vxlanhdr *vh, *vh2;
	struct sk_buff *pp = NULL;
	struct sk_buff *p;
	int flush = 1;

	vh = skb_gro_header(skb, off + sizeof(*vh), off);
	if (unlikely(!vh))
		goto out;
	if (vh->vx_flags != VXLAN_HF_VNI || (vh->vx_vni & ~VXLAN_VNI_MASK))
		goto out;
	skb_gro_postpull_rcsum(skb, vh, sizeof(*vh));
	skb_gro_pull(skb, sizeof(*vh));

	list_for_each_entry(p, head, list) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		vh2 = (struct vxlanhdr *)(p->data + off);
		if (vh->vx_vni != vh2->vx_vni)
			NAPI_GRO_CB(p)->same_flow = 0;
	}
	pp = call_gro_receive(eth_gro_receive, head, skb);
	flush = 0;
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

static int vnetfab_gro_complete(struct sock *sk, struct sk_buff *skb,
				int nhoff)
{
	/* skb->encapsulation is set: this records the inner MAC header */
	return eth_gro_complete(skb, nhoff + sizeof(struct vxlanhdr));
}

/*
 * An ICMP error about a datagram sent from this socket (fragmentation
 * needed, packet too big) quotes its UDP header, whose source port is a
 * flow hash that no socket is bound to: without this the error is lost
 * and a smaller hop in the underlay is never learned (IPv6 routers do
 * not fragment: full-size frames vanish). As vxlan_err_lookup(): the
 * quoted datagram is ours if it carries the VNI of one of our segments,
 * and went to one of its peers; the UDP core then updates the path MTU
 * to that peer. Limits, as vxlan's: the core offers the error to the
 * socket bound to the quoted destination port, so errors about frames
 * to a peer with a port of its own that no local segment listens on
 * are still lost; so are errors quoting less than the VXLAN header.
 * @skb: the ICMP error; its network and transport headers are the
 * quoted ones.
 */
static int vnetfab_err_lookup(struct sock *sk, struct sk_buff *skb)
{
	struct vnetfab_sock *vs;
	struct vnetfab_dev *vf;
	union vnetfab_ip daddr;
	struct vxlanhdr *vxh;

	if (!pskb_may_pull(skb, skb_transport_offset(skb) + VNETFAB_UDP_HLEN))
		return -EINVAL;
	vxh = (struct vxlanhdr *)(udp_hdr(skb) + 1);
	if (vxh->vx_flags != VXLAN_HF_VNI)
		return -EINVAL;
	vs = rcu_dereference_sk_user_data(sk);
	if (!vs)
		return -ENOENT;
	vf = vnetfab_vni_lookup(vs, be32_to_cpu(vxh->vx_vni) >> 8);
	if (!vf)
		return -ENOENT;
	memset(&daddr, 0, sizeof(daddr));
	if (vs->family == AF_INET)
		daddr.v4 = ip_hdr(skb)->daddr;
	else
		daddr.v6 = ipv6_hdr(skb)->daddr;
	if (!vnetfab_path_lookup(vf, vs->family, &daddr))
		return -ENOENT;
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
	tunnel_cfg.encap_err_lookup = vnetfab_err_lookup;
	tunnel_cfg.gro_receive = vnetfab_gro_receive;
	tunnel_cfg.gro_complete = vnetfab_gro_complete;
	setup_udp_tunnel_sock(net, sock, &tunnel_cfg);
	list_add(&vs->list, &vnetfab_net(net)->socks);
	vnetfab_offload_add(vs);
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
	vnetfab_offload_del(vs);
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
		/*
		 * Without an IPv6 local address, IPv6 is optional where the
		 * netns cannot have it or another socket holds the port on
		 * IPv6 only; any other failure (no memory) fails the open,
		 * not a segment quietly deaf to IPv6 peers.
		 */
		if (err && (vf->cfg.local_family == AF_INET6 ||
			    (err != -EAFNOSUPPORT && err != -EADDRINUSE)))
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

/*
 * Push the VXLAN header in front of the frame at skb->data; room is made.
 * A liveness probe (@probe) has the I flag clear: vxlan drops it.
 */
void vnetfab_udp_push(struct vnetfab_dev *vf, struct sk_buff *skb, bool probe)
{
	struct vxlanhdr *vxh;

	vxh = __skb_push(skb, sizeof(*vxh));
	vxh->vx_flags = probe ? VNETFAB_PROBE_VXFLAGS : VXLAN_HF_VNI;
	vxh->vx_vni = vxlan_vni_field(cpu_to_be32(vf->id));
}
