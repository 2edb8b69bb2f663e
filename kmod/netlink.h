/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_NETLINK_H
#define _VNETFAB_NETLINK_H

#include <linux/types.h>

struct vnetfab_dev;
struct vnetfab_peer;
struct vnetfab_port;
struct vnetfab_fdb_entry;
struct vnetfab_peer_spec;
struct netlink_ext_ack;
struct nlattr;
struct sk_buff;

int vnetfab_genetlink_init(void);
void vnetfab_genetlink_uninit(void);

/*
 * VNETFAB_CMD_EVENT to the events group, if anyone listens; nothing is
 * allocated otherwise. @gfp: GFP_ATOMIC from the data path.
 */
void vnetfab_notify_peer(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			 u8 event);
/* @path: the index of the path the event is about, or -1 */
void vnetfab_notify_peer_state(struct vnetfab_dev *vf,
			       struct vnetfab_peer *peer, u8 event, u8 reason,
			       int path);
void vnetfab_notify_fdb(struct vnetfab_dev *vf, struct vnetfab_fdb_entry *e,
			u8 event, gfp_t gfp);
/* VNETFAB_EVENT_PORT_VIOLATION: @addr refused at @port; RCU held */
void vnetfab_notify_violation(struct vnetfab_dev *vf,
			      struct vnetfab_port *port, const u8 *addr);

/* A peer set as a request gives it; see netlink.c. RTNL held. */
int vnetfab_parse_peer_set(struct vnetfab_dev *vf, struct nlattr *head,
			   int len, bool only_peers,
			   struct vnetfab_peer_spec **want, unsigned int *n,
			   struct netlink_ext_ack *extack);
/* VNETFAB_PEER_A_ADDR4|6 and DSTPORT of @peer (the inside of a peer nest) */
int vnetfab_put_peer_addr(struct sk_buff *skb, struct vnetfab_peer *peer);
/* VNETFAB_PEER_A_PROBE_INTERVAL of @peer, if it has an interval of its own */
int vnetfab_put_peer_probe(struct sk_buff *skb, struct vnetfab_peer *peer);

#endif /* _VNETFAB_NETLINK_H */
