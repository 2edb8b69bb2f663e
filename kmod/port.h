/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_PORT_H
#define _VNETFAB_PORT_H

#include "device.h"

/* A local port: an Ethernet netdev enslaved to a segment device. */
struct vnetfab_port {
	struct vnetfab_ep ep;
	struct list_head list;		/* vnetfab_dev.ports */
	struct net_device *dev;
	struct vnetfab_dev *vf;
	netdevice_tracker dev_tracker;
	struct rcu_head rcu;
};

int vnetfab_port_add(struct net_device *master, struct net_device *dev,
		     struct netlink_ext_ack *extack);
int vnetfab_port_del(struct net_device *master, struct net_device *dev);
void vnetfab_port_del_all(struct vnetfab_dev *vf);
/* the port of @dev in @vf, or NULL; RTNL held */
struct vnetfab_port *vnetfab_port_find(struct vnetfab_dev *vf,
				       struct net_device *dev);
void vnetfab_port_xmit(struct vnetfab_dev *vf, struct vnetfab_port *port,
		       struct sk_buff *skb);

int vnetfab_port_module_init(void);
void vnetfab_port_module_exit(void);

#endif /* _VNETFAB_PORT_H */
