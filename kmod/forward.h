/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_FORWARD_H
#define _VNETFAB_FORWARD_H

#include <linux/etherdevice.h>
#include <linux/skbuff.h>

#include "device.h"

/*
 * Switch one frame (skb->data at its Ethernet header) that arrived from
 * @src: learn its source (if @learn), then deliver it to the one place
 * its destination lives, or flood it. Consumes @skb. RCU (BH) held.
 */
void vnetfab_forward(struct vnetfab_dev *vf, struct sk_buff *skb,
		     struct vnetfab_ep *src, bool learn);

struct vnetfab_path;
struct vnetfab_peer;

/*
 * A frame decapsulated from a peer, over @path (skb->data at its Ethernet
 * header): count it for the peer, note when it came over the path, switch
 * it. Consumes @skb.
 */
void vnetfab_forward_from_peer(struct vnetfab_dev *vf,
			       struct vnetfab_path *path, struct sk_buff *skb);

/*
 * IEEE 802.1D link-local destinations (01:80:c2:00:00:0X) that a segment
 * does not switch, as the bridge with STP off: all but the group address
 * 00 (a BPDU goes through, so that bridges and their STP behind ports see
 * a loop the fabric closes). From a port they stay on the port device
 * (LLDP, 802.1X and LACP are for whoever listens there), PAUSE (01)
 * is dropped; a peer's are dropped and counted as invalid.
 */
static inline bool vnetfab_link_local_stop(const u8 *dest)
{
	return is_link_local_ether_addr(dest) && dest[5] != 0x00;
}

/* Hand a frame to the host endpoint's stack. Consumes @skb. */
void vnetfab_deliver_local(struct vnetfab_dev *vf, struct sk_buff *skb);

#endif /* _VNETFAB_FORWARD_H */
