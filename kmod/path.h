/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_PATH_H
#define _VNETFAB_PATH_H

#include <linux/types.h>
#include <net/netlink.h>

#include "device.h"
#include "uapi/linux/vnetfab.h"

struct netlink_ext_ack;
struct nlattr;
struct sk_buff;
struct vnetfab_dev;
struct vnetfab_path;
struct vnetfab_peer;
struct vnetfab_peer_spec;

/*
 * After a change of @path's state (NULL: of the settings, or a hold-down
 * that ended): the peer's state and the path its frames take, announced.
 * Any context.
 */
void vnetfab_paths_update(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			  struct vnetfab_path *path, u8 reason);
extern const struct nla_policy vnetfab_path_policy[VNETFAB_PATH_A_MAX + 1];

int vnetfab_nla_get_ip(struct nlattr *a4, struct nlattr *a6, bool optional,
		       sa_family_t want, sa_family_t *family,
		       union vnetfab_ip *addr, const struct nlattr *where,
		       struct netlink_ext_ack *extack);
/*
 * The paths of the peer nest @nest (parsed into @tb; spec->family and
 * spec->addr set): its own address with VNETFAB_PEER_A_LOCAL4/6, then
 * each VNETFAB_PEER_A_PATH, into @spec.
 */
int vnetfab_parse_paths(struct nlattr *nest, struct nlattr **tb,
			struct vnetfab_peer_spec *spec,
			struct netlink_ext_ack *extack);
/* the paths of @peer, into a peer nest being dumped */
int vnetfab_put_paths(struct sk_buff *skb, struct vnetfab_peer *peer);
/* the most recent frame over any path of @peer, in jiffies; 0: none */
unsigned long vnetfab_peer_last_rx(const struct vnetfab_peer *peer);

#endif /* _VNETFAB_PATH_H */
