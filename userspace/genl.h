/* SPDX-License-Identifier: GPL-2.0 */
/*
 * genl.h - the vnetfab generic netlink family (reads).
 */
#ifndef VNETFABCTL_GENL_H
#define VNETFABCTL_GENL_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nlutil.h"

#define VNETFAB_NOFAMILY_MSG \
	"vnetfab: generic netlink family not found; is the module loaded? (modprobe vnetfab)"

/* vnetfab_genl_open() result when the family is not registered */
#define VNETFAB_GENL_NOFAMILY	1

/* Which optional fields of a segment the kernel sent. */
enum {
	SEG_IFINDEX	= 1u << 0,
	SEG_IFNAME	= 1u << 1,
	SEG_ID		= 1u << 2,
	SEG_ENCAP	= 1u << 3,
	SEG_MTU		= 1u << 4,
	SEG_UP		= 1u << 5,
	SEG_STATS	= 1u << 6,	/* the nest; counters have their own bits */
};

enum {
	SEG_ST_RX_PACKETS,
	SEG_ST_RX_BYTES,
	SEG_ST_TX_PACKETS,
	SEG_ST_TX_BYTES,
	SEG_ST_TX_DROPPED,
	SEG_ST_N
};

struct vnetfab_segment {
	unsigned int has;		/* SEG_* */
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	uint32_t id;
	uint8_t encap;
	uint32_t mtu;
	bool up;
	unsigned int stats_has;		/* 1u << SEG_ST_* */
	uint64_t stats[SEG_ST_N];
};

/*
 * Opens a generic netlink socket and resolves the family. Returns 0, -1
 * with @e filled in, or VNETFAB_GENL_NOFAMILY.
 */
int vnetfab_genl_open(struct nl_sock **skp, int *family, struct nlu_err *e);

/*
 * VNETFAB_CMD_GET_SEGMENT: one segment by name, or a dump of all when
 * @ifname is NULL. On success *@segs (free() it) holds *@n entries.
 * Returns 0 or -1 with @e filled in.
 */
int vnetfab_get_segments(struct nl_sock *sk, int family, const char *ifname,
			 struct vnetfab_segment **segs, size_t *n,
			 struct nlu_err *e);

/*
 * Decodes one GET_SEGMENT reply. Unknown attributes are skipped, missing
 * or malformed ones leave their SEG_* bit clear. Returns 0, or -EINVAL if
 * the message has no valid generic netlink header.
 */
int vnetfab_parse_segment(struct nlmsghdr *nlh, struct vnetfab_segment *seg);

#endif /* VNETFABCTL_GENL_H */
