/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_DEVICE_H
#define _VNETFAB_DEVICE_H

#include <linux/netdevice.h>
#include <net/rtnetlink.h>

/* One segment of the fabric on this host: the private part of fab0. */
struct vnetfab_dev {
	struct net_device *dev;
	u32 id;		/* segment id, fixed at creation */
	u8 encap;	/* enum vnetfab_encap, fixed at creation */
};

extern struct rtnl_link_ops vnetfab_link_ops;

static inline bool netif_is_vnetfab(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &vnetfab_link_ops;
}

int vnetfab_device_init(void);
void vnetfab_device_uninit(void);

#endif /* _VNETFAB_DEVICE_H */
