/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_OFFLOAD_H
#define _VNETFAB_OFFLOAD_H

struct vnetfab_sock;

void vnetfab_offload_add(struct vnetfab_sock *vs);
void vnetfab_offload_del(struct vnetfab_sock *vs);

int vnetfab_offload_module_init(void);
void vnetfab_offload_module_exit(void);

#endif /* _VNETFAB_OFFLOAD_H */
