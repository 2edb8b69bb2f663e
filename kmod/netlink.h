/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_NETLINK_H
#define _VNETFAB_NETLINK_H

int vnetfab_genetlink_init(void);
void vnetfab_genetlink_uninit(void);

#endif /* _VNETFAB_NETLINK_H */
