/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vnetfab: shared Ethernet segments across hosts.
 *
 * Two interfaces reach the module:
 *
 * 1. rtnetlink, link kind "vnetfab": creates and changes segment devices.
 *    Attributes go in IFLA_INFO_DATA and are the IFLA_VNETFAB_* below.
 *
 *      ip link add fab0 type vnetfab [id N]
 *
 * 2. generic netlink, family VNETFAB_GENL_NAME, version
 *    VNETFAB_GENL_VERSION: reads and run-time state (peers, FDB, counters).
 *    Commands are VNETFAB_CMD_*, attributes VNETFAB_A_*.
 *
 * Unless stated otherwise, integers are in host byte order.
 */
#ifndef _UAPI_LINUX_VNETFAB_H
#define _UAPI_LINUX_VNETFAB_H

#include <linux/types.h>

#define VNETFAB_KIND		"vnetfab"
#define VNETFAB_GENL_NAME	"vnetfab"
#define VNETFAB_GENL_VERSION	1

/* Segment ids are 24 bits (the VXLAN VNI, the GRE key). */
#define VNETFAB_ID_MIN		1
#define VNETFAB_ID_MAX		0xffffff
#define VNETFAB_ID_DEFAULT	1

/*
 * enum vnetfab_encap - how frames travel to peer hosts
 * @VNETFAB_ENCAP_UDP: UDP, VXLAN wire format (RFC 7348), VNI = segment id
 * @VNETFAB_ENCAP_GRE: GRE, Transparent Ethernet Bridging, key = segment id
 */
enum vnetfab_encap {
	VNETFAB_ENCAP_UDP,
	VNETFAB_ENCAP_GRE,
};

/*
 * rtnetlink attributes, nested in IFLA_INFO_DATA.
 *
 * @IFLA_VNETFAB_ID: u32, segment id, VNETFAB_ID_MIN..VNETFAB_ID_MAX,
 *	default VNETFAB_ID_DEFAULT. Fixed at creation.
 * @IFLA_VNETFAB_ENCAP: u8, enum vnetfab_encap, default VNETFAB_ENCAP_UDP.
 *	Fixed at creation.
 */
enum {
	IFLA_VNETFAB_UNSPEC,
	IFLA_VNETFAB_ID,
	IFLA_VNETFAB_ENCAP,
	__IFLA_VNETFAB_MAX
};

#define IFLA_VNETFAB_MAX (__IFLA_VNETFAB_MAX - 1)

/*
 * Generic netlink commands.
 *
 * @VNETFAB_CMD_GET_SEGMENT: get one segment (request carries
 *	VNETFAB_A_IFINDEX or VNETFAB_A_IFNAME) or dump every segment of the
 *	caller's network namespace (NLM_F_DUMP). Each reply carries
 *	VNETFAB_A_IFINDEX, VNETFAB_A_IFNAME, VNETFAB_A_ID, VNETFAB_A_ENCAP,
 *	VNETFAB_A_MTU, VNETFAB_A_OPER_UP and VNETFAB_A_STATS. Unprivileged
 *	callers may read: nothing here is secret that `ip -s link` does
 *	not already show.
 */
enum vnetfab_cmd {
	VNETFAB_CMD_UNSPEC,
	VNETFAB_CMD_GET_SEGMENT,
	__VNETFAB_CMD_MAX
};

#define VNETFAB_CMD_MAX (__VNETFAB_CMD_MAX - 1)

/*
 * Generic netlink attributes.
 *
 * @VNETFAB_A_IFINDEX: u32, ifindex of the segment device
 * @VNETFAB_A_IFNAME: string, name of the segment device (< IFNAMSIZ)
 * @VNETFAB_A_ID: u32, segment id
 * @VNETFAB_A_ENCAP: u8, enum vnetfab_encap
 * @VNETFAB_A_MTU: u32, device MTU in bytes
 * @VNETFAB_A_OPER_UP: u8, 1 when the device is up and running
 * @VNETFAB_A_STATS: nest of VNETFAB_STATS_*, the device counters
 */
enum vnetfab_attr {
	VNETFAB_A_UNSPEC,
	VNETFAB_A_IFINDEX,
	VNETFAB_A_IFNAME,
	VNETFAB_A_ID,
	VNETFAB_A_ENCAP,
	VNETFAB_A_MTU,
	VNETFAB_A_OPER_UP,
	VNETFAB_A_STATS,
	VNETFAB_A_PAD,
	__VNETFAB_A_MAX
};

#define VNETFAB_A_MAX (__VNETFAB_A_MAX - 1)

/*
 * Counters, nested in VNETFAB_A_STATS; all u64 (padded with
 * VNETFAB_STATS_PAD), totals since the device was created.
 *
 * @VNETFAB_STATS_RX_PACKETS, @VNETFAB_STATS_RX_BYTES: frames delivered to
 *	the host endpoint
 * @VNETFAB_STATS_TX_PACKETS, @VNETFAB_STATS_TX_BYTES: frames the host
 *	endpoint sent
 * @VNETFAB_STATS_TX_DROPPED: frames the host endpoint sent that were
 *	dropped
 */
enum vnetfab_stats_attr {
	VNETFAB_STATS_UNSPEC,
	VNETFAB_STATS_RX_PACKETS,
	VNETFAB_STATS_RX_BYTES,
	VNETFAB_STATS_TX_PACKETS,
	VNETFAB_STATS_TX_BYTES,
	VNETFAB_STATS_TX_DROPPED,
	VNETFAB_STATS_PAD,
	__VNETFAB_STATS_MAX
};

#define VNETFAB_STATS_MAX (__VNETFAB_STATS_MAX - 1)

#endif /* _UAPI_LINUX_VNETFAB_H */
