/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_XMIT_H
#define _VNETFAB_XMIT_H

#include <linux/skbuff.h>

#include "device.h"

struct vnetfab_peer;

/* Bytes an encapsulation adds over an underlay family, outer L2 excluded. */
unsigned int vnetfab_overhead(u8 encap, sa_family_t family);

/* Encapsulate a frame (skb->data at its Ethernet header) to @peer. */
void vnetfab_tunnel_xmit(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			 struct sk_buff *skb);

#endif /* _VNETFAB_XMIT_H */
