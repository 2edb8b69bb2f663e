/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_LIVENESS_H
#define _VNETFAB_LIVENESS_H

#include <linux/if_ether.h>
#include <linux/types.h>

#include "uapi/linux/vnetfab.h"

struct netlink_ext_ack;
struct nlattr;
struct sk_buff;
struct vnetfab_dev;
struct vnetfab_path;
struct vnetfab_peer;

/* a peer's probe_ms when it has no interval of its own */
#define VNETFAB_PROBE_SEGMENT	U32_MAX

/* The probe, after the encapsulation header (see the uapi header). */
struct vnetfab_probe_hdr {
	struct ethhdr eth;	/* zero addresses, ETH_P_802_EX1 */
	__be32 magic;
	u8 version;
	u8 type;
	u8 flags;
	u8 reserved;
	__be32 seq;
} __packed;

static_assert(sizeof(struct vnetfab_probe_hdr) == VNETFAB_PROBE_LEN);

#define VNETFAB_PROBE_MAGIC	0x56464250	/* "VFBP" */
#define VNETFAB_PROBE_VERSION	1
#define VNETFAB_PROBE_REQUEST	1
#define VNETFAB_PROBE_REPLY	2
#define VNETFAB_PROBE_F_HEARS	0x01

/* UDP: the first word of the header in place of VXLAN's, I flag clear */
#define VNETFAB_PROBE_VXFLAGS	cpu_to_be32(0x00564642)
/* GRE: the key bit above the 24 of segment ids */
#define VNETFAB_PROBE_GRE_KEY	0x80000000U

/*
 * A probe interval attribute (u32, length and maximum checked by the
 * policy): 0 (off) or VNETFAB_PROBE_INTERVAL_MIN and up, else an extack.
 */
int vnetfab_probe_interval_check(const struct nlattr *nla,
				 struct netlink_ext_ack *extack);
void vnetfab_liveness_init(struct vnetfab_dev *vf, struct vnetfab_peer *peer);
/* RTNL: (re)start or stop probing @peer after a change of its settings,
 * of the segment's or of the device's state
 */
void vnetfab_liveness_update(struct vnetfab_dev *vf, struct vnetfab_peer *peer);
void vnetfab_liveness_stop(struct vnetfab_peer *peer);
/* RTNL: every peer of @vf, after open, close or a new segment interval */
void vnetfab_liveness_update_all(struct vnetfab_dev *vf);
/*
 * No route to @path's address, or no carrier on the device the route
 * leaves by: a path that was up is down now, as bonding's miimon would
 * have it, rather than after the detection time (in which what is sent
 * there waits in a neighbour queue for ARP to give up, holding its
 * senders' socket buffers). An answer to a probe brings it back. Any
 * context.
 */
void vnetfab_path_unreachable(struct vnetfab_dev *vf,
			      struct vnetfab_path *path);
/* a probe over @path at skb->data; consumes @skb. RCU held. */
void vnetfab_probe_rcv(struct vnetfab_dev *vf, struct vnetfab_path *path,
		       struct sk_buff *skb);

#endif /* _VNETFAB_LIVENESS_H */
