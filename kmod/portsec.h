/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_PORTSEC_H
#define _VNETFAB_PORTSEC_H

#include <linux/netlink.h>

#include "port.h"
#include "uapi/linux/vnetfab.h"

/*
 * May a frame with source @addr come in on the locked @port? Learns it,
 * sticky, if the port may learn one more; counts and reports a refusal.
 * RCU held.
 */
bool vnetfab_portsec_admit(struct vnetfab_dev *vf, struct vnetfab_port *port,
			   const u8 *addr);

/* The port side of vnetfab_link_ops: IFLA_INFO_SLAVE_DATA. */
extern const struct nla_policy vnetfab_port_policy[IFLA_VNETFAB_PORT_MAX + 1];
int vnetfab_port_changelink(struct net_device *master, struct net_device *dev,
			    struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack);
size_t vnetfab_port_get_size(const struct net_device *master,
			     const struct net_device *dev);
int vnetfab_port_fill_info(struct sk_buff *skb,
			   const struct net_device *master,
			   const struct net_device *dev);

#endif /* _VNETFAB_PORTSEC_H */
