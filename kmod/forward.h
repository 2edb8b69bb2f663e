/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_FORWARD_H
#define _VNETFAB_FORWARD_H

#include <linux/skbuff.h>

#include "device.h"

/*
 * Switch one frame (skb->data at its Ethernet header) that arrived from
 * @src: learn its source (if @learn), then deliver it to the one place
 * its destination lives, or flood it. Consumes @skb. RCU (BH) held.
 */
void vnetfab_forward(struct vnetfab_dev *vf, struct sk_buff *skb,
		     struct vnetfab_ep *src, bool learn);

struct vnetfab_peer;

/*
 * A frame decapsulated from @peer (skb->data at its Ethernet header):
 * count it for the peer, note when it came, switch it. Consumes @skb.
 */
void vnetfab_forward_from_peer(struct vnetfab_dev *vf,
			       struct vnetfab_peer *peer, struct sk_buff *skb);

/* Hand a frame to the host endpoint's stack. Consumes @skb. */
void vnetfab_deliver_local(struct vnetfab_dev *vf, struct sk_buff *skb);

#endif /* _VNETFAB_FORWARD_H */
