/* SPDX-License-Identifier: GPL-2.0 */
/*
 * link.h - create and delete vnetfab segment devices over rtnetlink.
 */
#ifndef VNETFABCTL_LINK_H
#define VNETFABCTL_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "nlutil.h"

/* vnetfab_link_del() result when the device is not of kind "vnetfab" */
#define VNETFAB_LINK_NOTSEG	1

/*
 * RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, kind "vnetfab". IFLA_VNETFAB_ID
 * and IFLA_VNETFAB_ENCAP are sent only when given, so the module's
 * defaults apply otherwise. Returns 0 or -1 with @e filled in.
 */
int vnetfab_link_add(const char *ifname, bool has_id, uint32_t id,
		     bool has_encap, uint8_t encap, struct nlu_err *e);

/*
 * Looks @ifname up (RTM_GETLINK) and deletes it by ifindex (RTM_DELLINK)
 * only if its link kind is "vnetfab". Returns 0, -1 with @e filled in
 * (ENODEV if there is no such device), or VNETFAB_LINK_NOTSEG.
 */
int vnetfab_link_del(const char *ifname, struct nlu_err *e);

#endif /* VNETFABCTL_LINK_H */
