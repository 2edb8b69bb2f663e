/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_SHARE_H
#define _VNETFAB_SHARE_H

#include <linux/skbuff.h>

#include "device.h"

int vnetfab_share_pick(struct vnetfab_dev *vf, struct nlattr *data[],
		       u32 *share_class, struct netlink_ext_ack *extack);

/* Classify a packet into the underlay: one read, no lock. */
static inline void vnetfab_share_mark(const struct vnetfab_dev *vf,
				      struct sk_buff *skb)
{
	u32 cls = READ_ONCE(vf->cfg.share_class);

	if (cls)
		skb->priority = cls;
}

#endif /* _VNETFAB_SHARE_H */
