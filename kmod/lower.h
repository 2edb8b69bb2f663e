/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_LOWER_H
#define _VNETFAB_LOWER_H

int vnetfab_lower_module_init(void);
void vnetfab_lower_module_exit(void);

#endif
