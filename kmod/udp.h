/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_UDP_H
#define _VNETFAB_UDP_H

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/vxlan.h>

#include "device.h"

struct vnetfab_peer;

/* Encapsulation overhead in the VXLAN format, outer Ethernet excluded. */
#define VNETFAB_UDP_HLEN	(sizeof(struct udphdr) + sizeof(struct vxlanhdr))
#define VNETFAB_UDP4_OVERHEAD	(sizeof(struct iphdr) + VNETFAB_UDP_HLEN)
#define VNETFAB_UDP6_OVERHEAD	(sizeof(struct ipv6hdr) + VNETFAB_UDP_HLEN)

#define VNETFAB_VNI_HASH_BITS	8

/*
 * A UDP tunnel socket of a network namespace, shared by every segment
 * that receives on its family and port; the VNI picks the segment.
 */
struct vnetfab_sock {
	struct list_head list;		/* vnetfab_net.socks, RTNL */
	struct socket *sock;
	unsigned int refs;		/* segments using it, RTNL */
	sa_family_t family;
	__be16 port;
	struct hlist_head vni_hash[1 << VNETFAB_VNI_HASH_BITS];
	struct rcu_head rcu;
};

int vnetfab_udp_open(struct vnetfab_dev *vf);
void vnetfab_udp_stop(struct vnetfab_dev *vf);
void vnetfab_udp_push(struct vnetfab_dev *vf, struct sk_buff *skb, bool probe);

#endif /* _VNETFAB_UDP_H */
