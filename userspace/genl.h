/* SPDX-License-Identifier: GPL-2.0 */
/*
 * genl.h - the vnetfab generic netlink family: segments, peers, MAC table.
 */
#ifndef VNETFABCTL_GENL_H
#define VNETFABCTL_GENL_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"
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
	SEG_DSTPORT	= 1u << 7,
	SEG_N_PORTS	= 1u << 8,
	SEG_N_PEERS	= 1u << 9,
	SEG_N_ADDRS	= 1u << 10,
};

enum {
	SEG_ST_RX_PACKETS,
	SEG_ST_RX_BYTES,
	SEG_ST_TX_PACKETS,
	SEG_ST_TX_BYTES,
	SEG_ST_TX_DROPPED,
	SEG_ST_RX_UNKNOWN_PEER,
	SEG_ST_RX_INVALID,
	SEG_ST_LEARN_LIMIT,
	SEG_ST_TX_ERRORS,
	SEG_ST_TOO_BIG,
	SEG_ST_N
};

/* the drop counters, the third line of "show" */
#define SEG_ST_DROPS_FIRST	SEG_ST_RX_UNKNOWN_PEER

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
	uint16_t dstport;
	uint32_t n_ports;
	uint32_t n_peers;
	uint32_t n_addrs;
};

/* Which fields of a peer (VNETFAB_PEER_A_*) the kernel sent. */
enum {
	PEER_ADDR	= 1u << 0,	/* ADDR4 or ADDR6 */
	PEER_DSTPORT	= 1u << 1,
	PEER_STATS	= 1u << 2,	/* the nest; counters have their own bits */
	PEER_LAST_RX	= 1u << 3,
	PEER_PROBE	= 1u << 4,	/* its own probe interval */
	PEER_STATE	= 1u << 5,
	PEER_STATE_MS	= 1u << 6,
};

enum {
	PEER_ST_TX_PACKETS,
	PEER_ST_TX_BYTES,
	PEER_ST_RX_PACKETS,
	PEER_ST_RX_BYTES,
	PEER_ST_TX_DROPPED,
	PEER_ST_TX_PEER_DOWN,		/* liveness */
	PEER_ST_PROBES_SENT,
	PEER_ST_PROBES_ANSWERED,
	PEER_ST_PROBES_RECEIVED,
	PEER_ST_STATE_CHANGES,
	PEER_ST_N
};

struct vnetfab_peer {
	unsigned int has;		/* PEER_* */
	struct vf_addr addr;
	uint16_t dstport;
	uint32_t last_rx_ms;
	uint32_t probe;			/* ms, 0 = off (PEER_PROBE) */
	uint8_t state;			/* enum vnetfab_peer_state */
	uint32_t state_ms;
	unsigned int stats_has;		/* 1u << PEER_ST_* */
	uint64_t stats[PEER_ST_N];
};

/* Which fields of a MAC table entry (VNETFAB_FDB_A_*) are present. */
enum {
	FDB_MAC		= 1u << 0,
	FDB_PORT	= 1u << 1,	/* port_ifindex */
	FDB_PEER	= 1u << 2,	/* peer: its addr and dstport only */
	FDB_LOCAL	= 1u << 3,	/* the flag VNETFAB_FDB_A_LOCAL */
	FDB_STATIC	= 1u << 4,	/* the flag VNETFAB_FDB_A_STATIC */
	FDB_AGE		= 1u << 5,
};

/* A decoded entry of GET_FDB, or the entry ADD_FDB/DEL_FDB sends. */
struct vnetfab_fdb {
	unsigned int has;		/* FDB_* */
	uint8_t mac[VF_MACLEN];
	uint32_t port_ifindex;
	struct vnetfab_peer peer;
	uint32_t age_ms;
};

/* A VNETFAB_CMD_EVENT notification. */
struct vnetfab_event_msg {
	uint8_t event;			/* enum vnetfab_event */
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint32_t id;
	bool has_peer, has_fdb, has_reason;
	uint8_t reason;			/* enum vnetfab_peer_reason */
	struct vnetfab_peer peer;
	struct vnetfab_fdb fdb;
};

/*
 * Decode a notification. Returns 0, -EINVAL without a valid generic
 * netlink header, or -ENOENT when it is not a VNETFAB_CMD_EVENT.
 */
int vnetfab_parse_event(struct nlmsghdr *nlh, struct vnetfab_event_msg *ev);

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

/*
 * Request builders (no socket: unit tested). A generic netlink message of
 * @family for @cmd naming the segment with VNETFAB_A_IFNAME; NULL when out
 * of memory.
 */
struct nl_msg *vnetfab_genl_req(int family, uint8_t cmd, int flags,
				const char *ifname);

/*
 * ADD_PEER or DEL_PEER: VNETFAB_A_PEER { ADDR4 | ADDR6, [DSTPORT],
 * [PROBE_INTERVAL] }. NULL when out of memory or @addr is of no known
 * family.
 */
struct nl_msg *vnetfab_peer_req(int family, uint8_t cmd, const char *ifname,
				const struct vf_addr *addr, bool has_dstport,
				uint16_t dstport, bool has_probe,
				uint32_t probe);

/*
 * ADD_FDB or DEL_FDB: VNETFAB_A_FDB with the fields of @f its FDB_MAC,
 * FDB_PORT, FDB_PEER (address, and dstport if PEER_DSTPORT) and FDB_LOCAL
 * bits name. NULL when out of memory or a peer address of no known family.
 */
struct nl_msg *vnetfab_fdb_req(int family, uint8_t cmd, const char *ifname,
			       const struct vnetfab_fdb *f);

/*
 * Decodes a nest of VNETFAB_PEER_A_*. Unknown attributes are skipped,
 * missing or malformed ones leave their PEER_* bit clear (with ADDR4 and
 * ADDR6 both present, ADDR4 is taken). Returns 0 or -EINVAL.
 */
int vnetfab_parse_peer_nest(struct nlattr *nest, struct vnetfab_peer *p);

/*
 * Decode one GET_PEER / GET_FDB reply. Return 0, -EINVAL without a valid
 * generic netlink header, or -ENOENT without the VNETFAB_A_PEER /
 * VNETFAB_A_FDB nest.
 */
int vnetfab_parse_peer(struct nlmsghdr *nlh, struct vnetfab_peer *p);
int vnetfab_parse_fdb(struct nlmsghdr *nlh, struct vnetfab_fdb *f);

/* ADD_PEER or DEL_PEER. Returns 0 or -1 with @e filled in. */
int vnetfab_peer_change(struct nl_sock *sk, int family, uint8_t cmd,
			const char *ifname, const struct vf_addr *addr,
			bool has_dstport, uint16_t dstport, bool has_probe,
			uint32_t probe, struct nlu_err *e);

/*
 * SET_PEERS: the segment's peers become @addrs[0..@n), each with @dstport
 * if @has_dstport and its own probe interval @probe if @has_probe. NULL
 * when out of memory or an address of no known family.
 */
struct nl_msg *vnetfab_set_peers_req(int family, const char *ifname,
				     const struct vf_addr *addrs, size_t n,
				     bool has_dstport, uint16_t dstport,
				     bool has_probe, uint32_t probe);

/* SET_PEERS. Returns 0 or -1 with @e filled in. */
int vnetfab_set_peers(struct nl_sock *sk, int family, const char *ifname,
		      const struct vf_addr *addrs, size_t n, bool has_dstport,
		      uint16_t dstport, bool has_probe, uint32_t probe,
		      struct nlu_err *e);

/* ADD_FDB or DEL_FDB. Returns 0 or -1 with @e filled in. */
int vnetfab_fdb_change(struct nl_sock *sk, int family, uint8_t cmd,
		       const char *ifname, const struct vnetfab_fdb *f,
		       struct nlu_err *e);

/*
 * Dumps (GET_PEER, GET_FDB) of segment @ifname, across as many messages as
 * the kernel sends. On success *@v (free() it) holds *@n entries. Return 0
 * or -1 with @e filled in.
 */
int vnetfab_get_peers(struct nl_sock *sk, int family, const char *ifname,
		      struct vnetfab_peer **v, size_t *n, struct nlu_err *e);
int vnetfab_get_fdb(struct nl_sock *sk, int family, const char *ifname,
		    struct vnetfab_fdb **v, size_t *n, struct nlu_err *e);

#endif /* VNETFABCTL_GENL_H */
