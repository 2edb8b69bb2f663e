/* SPDX-License-Identifier: GPL-2.0 */
/*
 * link.h - create, change and delete vnetfab segment devices over
 * rtnetlink.
 */
#ifndef VNETFABCTL_LINK_H
#define VNETFABCTL_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "args.h"
#include "nlutil.h"

/* vnetfab_link_del() result when the device is not of kind "vnetfab" */
#define VNETFAB_LINK_NOTSEG	1

/* An rtnetlink link message: @type, @flags, an ifinfomsg for @ifindex. */
struct nl_msg *vnetfab_link_msg(int type, int flags, int ifindex);

/*
 * One rtnetlink exchange on a socket of its own: a @type message with
 * @flags for @ifindex, and IFLA_IFNAME @ifname if not NULL; @fn gets
 * every reply. 0, or -1 with @e filled in.
 */
int vnetfab_link_run(int type, int flags, int ifindex, const char *ifname,
		     nlu_msg_fn fn, void *arg, struct nlu_err *e);

/*
 * Sends @msg (and frees it; NULL: out of memory) on an rtnetlink socket
 * of its own, waiting for the ACK; @fn (if not NULL) gets every reply.
 * 0, or -1 with @e filled in.
 */
int vnetfab_rtnl_run(struct nl_msg *msg, nlu_msg_fn fn, void *arg,
		     struct nlu_err *e);

/* vnetfab_rtnl_run() of @msg with no reply expected but the ACK */
int vnetfab_link_send(struct nl_msg *msg, struct nlu_err *e);

/*
 * Builds the RTM_NEWLINK request of @a (no socket: unit tested):
 *  - VF_CMD_SEG_ADD: NLM_F_CREATE | NLM_F_EXCL, IFLA_IFNAME @a->ifname;
 *    @link_ifindex is the ifindex of @a->link (ignored when it is NULL);
 *  - VF_CMD_SEG_SET: ifi_index @ifindex, no IFLA_IFNAME.
 * Both carry IFLA_LINKINFO { IFLA_INFO_KIND "vnetfab", IFLA_INFO_DATA {
 * the IFLA_VNETFAB_* the user gave, and nothing else } }, so the module's
 * defaults apply otherwise. NULL when out of memory.
 */
struct nl_msg *vnetfab_link_req(const struct vf_args *a, int ifindex,
				uint32_t link_ifindex);

/*
 * segment add: sends vnetfab_link_req(@a, 0, @link_ifindex). Returns 0 or
 * -1 with @e filled in.
 */
int vnetfab_link_add(const struct vf_args *a, uint32_t link_ifindex,
		     struct nlu_err *e);

/*
 * segment set: looks @a->ifname up (RTM_GETLINK) and, only if its link
 * kind is "vnetfab", sends vnetfab_link_req() for its ifindex. Returns 0,
 * -1 with @e filled in (ENODEV if there is no such device), or
 * VNETFAB_LINK_NOTSEG.
 */
int vnetfab_link_set(const struct vf_args *a, struct nlu_err *e);

/*
 * Looks @ifname up (RTM_GETLINK) and deletes it by ifindex (RTM_DELLINK)
 * only if its link kind is "vnetfab". Returns 0, -1 with @e filled in
 * (ENODEV if there is no such device), or VNETFAB_LINK_NOTSEG.
 */
int vnetfab_link_del(const char *ifname, struct nlu_err *e);

#endif /* VNETFABCTL_LINK_H */
