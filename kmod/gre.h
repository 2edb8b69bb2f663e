/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_GRE_H
#define _VNETFAB_GRE_H

#include <linux/ip.h>
#include <net/gre.h>

#include "device.h"

/* GRE header with a key (RFC 2890): 4 bytes base, 4 bytes key. */
#define VNETFAB_GRE_HLEN	(sizeof(struct gre_base_hdr) + sizeof(__be32))
#define VNETFAB_GRE4_OVERHEAD	(sizeof(struct iphdr) + VNETFAB_GRE_HLEN)

/* The name of the flow-based gretap device receiving for vnetfab. */
#define VNETFAB_GRE_DEVNAME	"vnetfab_gre"

int vnetfab_gre_attach(struct vnetfab_dev *vf, struct netlink_ext_ack *extack);
void vnetfab_gre_start(struct vnetfab_dev *vf);
void vnetfab_gre_detach(struct vnetfab_dev *vf, struct list_head *head);
void vnetfab_gre_push(struct vnetfab_dev *vf, struct sk_buff *skb, bool probe);

int vnetfab_gre_module_init(void);
void vnetfab_gre_module_exit(void);

#endif /* _VNETFAB_GRE_H */
