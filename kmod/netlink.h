/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_NETLINK_H
#define _VNETFAB_NETLINK_H

#include <linux/types.h>

struct vnetfab_dev;
struct vnetfab_peer;
struct vnetfab_fdb_entry;

int vnetfab_genetlink_init(void);
void vnetfab_genetlink_uninit(void);

/*
 * VNETFAB_CMD_EVENT to the events group, if anyone listens; nothing is
 * allocated otherwise. @gfp: GFP_ATOMIC from the data path.
 */
void vnetfab_notify_peer(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			 u8 event);
void vnetfab_notify_fdb(struct vnetfab_dev *vf, struct vnetfab_fdb_entry *e,
			u8 event, gfp_t gfp);

#endif /* _VNETFAB_NETLINK_H */
