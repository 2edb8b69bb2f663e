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

/* Hand a frame to the host endpoint's stack. Consumes @skb. */
void vnetfab_deliver_local(struct vnetfab_dev *vf, struct sk_buff *skb);

#endif /* _VNETFAB_FORWARD_H */
