/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_XMIT_H
#define _VNETFAB_XMIT_H

#include <linux/ipv6.h>
#include <linux/skbuff.h>

#include "device.h"

struct vnetfab_path;
struct vnetfab_peer;

/* Bytes an encapsulation adds over an underlay family, outer L2 excluded. */
unsigned int vnetfab_overhead(u8 encap, sa_family_t family);

/* Encapsulate a frame (skb->data at its Ethernet header) to @peer. */
void vnetfab_tunnel_xmit(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			 struct sk_buff *skb);
/* A liveness probe at skb->data to @peer (liveness.c); RCU held. */
void vnetfab_probe_xmit(struct vnetfab_dev *vf, struct vnetfab_path *path,
			struct sk_buff *skb);

/* Headroom enough for any encapsulation's headers, outer L2 excluded */
#define VNETFAB_MAX_OVERHEAD	(sizeof(struct ipv6hdr) + 32)

#endif /* _VNETFAB_XMIT_H */
