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
	/* the settings (a module before them sends none) */
	SEG_TTL		= 1u << 11,
	SEG_TOS		= 1u << 12,
	SEG_DF		= 1u << 13,
	SEG_AGEING	= 1u << 14,
	SEG_LEARNING	= 1u << 15,
	SEG_MAX_ADDRS	= 1u << 16,
	SEG_LOCAL	= 1u << 17,	/* LOCAL4 or LOCAL6: only when set */
	SEG_LINK	= 1u << 18,	/* only when set */
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
	SEG_ST_PORT_LOCKED,		/* port security */
	SEG_ST_MAC_MOVE_DENIED,
	SEG_ST_STORM,			/* storm control */
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
	uint8_t ttl;
	uint8_t tos;			/* VF_TOS_INHERIT: inherit */
	uint8_t df;			/* enum vnetfab_df */
	bool learning;
	uint32_t ageing;		/* seconds */
	uint32_t max_addrs;
	struct vf_addr local;
	uint32_t link;			/* underlay ifindex */
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
	PEER_LOCAL	= 1u << 7,	/* LOCAL4 or LOCAL6 */
	PEER_ACTIVE_PATH = 1u << 8,
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
	PEER_ST_PATH_CHANGES,		/* of the active path */
	PEER_ST_RX_STORM,		/* storm control */
	PEER_ST_N
};

/* Which fields of a path (VNETFAB_PATH_A_*) the kernel sent. */
enum {
	PATH_ADDR	= 1u << 0,	/* ADDR4 or ADDR6 */
	PATH_LOCAL	= 1u << 1,	/* LOCAL4 or LOCAL6 */
	PATH_INDEX	= 1u << 2,
	PATH_STATE	= 1u << 3,
};

/* The numbers of a path, u32 each; each has its bit in v_has. */
enum {
	PATH_V_STATE_MS,
	PATH_V_LAST_RX_MS,		/* absent if nothing ever came */
	PATH_V_PROBES_SENT,
	PATH_V_PROBES_ANSWERED,
	PATH_V_STATE_CHANGES,
	PATH_V_N
};

/* A path of a peer with more than one, as dumps give it. */
struct vnetfab_path {
	unsigned int has;		/* PATH_* */
	struct vf_addr addr;
	struct vf_addr local;
	uint8_t index;			/* 0: the peer's own address */
	uint8_t state;			/* enum vnetfab_peer_state */
	unsigned int v_has;		/* 1u << PATH_V_* */
	uint32_t v[PATH_V_N];
};

struct vnetfab_peer {
	unsigned int has;		/* PEER_* */
	struct vf_addr addr;
	struct vf_addr local;		/* its own address's: PEER_LOCAL */
	uint16_t dstport;
	uint32_t last_rx_ms;
	uint32_t probe;			/* ms, 0 = off (PEER_PROBE) */
	uint8_t state;			/* enum vnetfab_peer_state */
	uint32_t state_ms;
	uint8_t active_path;		/* PEER_ACTIVE_PATH */
	unsigned int stats_has;		/* 1u << PEER_ST_* */
	uint64_t stats[PEER_ST_N];
	/* a peer with more than one path: each, its own address first */
	size_t n_paths;
	struct vnetfab_path paths[VF_MAX_PATHS];
};

/*
 * The peer of a MAC table entry: PEER_ADDR, PEER_DSTPORT (kept small: a
 * table may hold millions).
 */
struct vnetfab_peer_ref {
	unsigned int has;		/* PEER_ADDR, PEER_DSTPORT */
	struct vf_addr addr;
	uint16_t dstport;
};

/* A peer of ADD_PEER, DEL_PEER and SET_PEERS requests. */
struct vnetfab_peer_spec {
	struct vf_paths paths;		/* v[0]: its own address */
	bool has_dstport;
	uint16_t dstport;
	bool has_probe;			/* its own probe interval */
	uint32_t probe;
};

/* Which fields of a MAC table entry (VNETFAB_FDB_A_*) are present. */
enum {
	FDB_MAC		= 1u << 0,
	FDB_PORT	= 1u << 1,	/* port_ifindex */
	FDB_PEER	= 1u << 2,	/* peer: its addr and dstport only */
	FDB_LOCAL	= 1u << 3,	/* the flag VNETFAB_FDB_A_LOCAL */
	FDB_STATIC	= 1u << 4,	/* the flag VNETFAB_FDB_A_STATIC */
	FDB_AGE		= 1u << 5,
	FDB_STICKY	= 1u << 6,	/* the flag VNETFAB_FDB_A_STICKY */
};

/* A decoded entry of GET_FDB, or the entry ADD_FDB/DEL_FDB sends. */
struct vnetfab_fdb {
	unsigned int has;		/* FDB_* */
	uint8_t mac[VF_MACLEN];
	uint32_t port_ifindex;
	struct vnetfab_peer_ref peer;
	uint32_t age_ms;
};

/* A VNETFAB_CMD_EVENT notification. */
struct vnetfab_event_msg {
	uint8_t event;			/* enum vnetfab_event */
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint32_t id;
	bool has_peer, has_fdb, has_reason, has_path;
	uint8_t reason;			/* enum vnetfab_peer_reason */
	uint8_t path;			/* path index, in PATH_* events */
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
 * Decodes one GET_SEGMENT reply (genlparse.c). Unknown attributes are
 * skipped, missing ones and those too short for their type (by the libnl
 * policies of genlparse.c) leave their SEG_* bit clear. Returns 0, or
 * -EINVAL if the message has no valid generic netlink header.
 */
int vnetfab_parse_segment(struct nlmsghdr *nlh, struct vnetfab_segment *seg);

/*
 * Request builders (no socket: unit tested). A generic netlink message of
 * @family for @cmd naming the segment with VNETFAB_A_IFNAME; NULL when out
 * of memory.
 */
struct nl_msg *vnetfab_genl_req(int family, uint8_t cmd, int flags,
				const char *ifname);
/* ... in a buffer of @size bytes (0: libnl's default, a page) */
struct nl_msg *vnetfab_genl_req_size(int family, uint8_t cmd, int flags,
				     const char *ifname, size_t size);

/*
 * Appends nest @type of peer @p: VNETFAB_PEER_A_ADDR4 | ADDR6 (its own
 * address), [LOCAL4 | LOCAL6], a VNETFAB_PEER_A_PATH { ADDR4 | ADDR6,
 * [LOCAL4 | LOCAL6] } per further path, [DSTPORT], [PROBE_INTERVAL].
 * 0, or -1 when out of room or an address is of no known family.
 */
int vnetfab_put_peer(struct nl_msg *msg, int type,
		     const struct vnetfab_peer_spec *p);

/*
 * ADD_PEER or DEL_PEER: VNETFAB_A_PEER of @p. NULL when out of memory or
 * an address is of no known family.
 */
struct nl_msg *vnetfab_peer_req(int family, uint8_t cmd, const char *ifname,
				const struct vnetfab_peer_spec *p);

/*
 * The paths of peer @p of a dump as a request gives them: its own
 * address and source, then its further paths in order (path index 0 of
 * the dump, its own address, is not one of them).
 */
void vnetfab_peer_paths(const struct vnetfab_peer *p, struct vf_paths *out);

/*
 * ADD_FDB or DEL_FDB: VNETFAB_A_FDB with the fields of @f its FDB_MAC,
 * FDB_PORT, FDB_PEER (address, and dstport if PEER_DSTPORT) and FDB_LOCAL
 * bits name. NULL when out of memory or a peer address of no known family.
 */
struct nl_msg *vnetfab_fdb_req(int family, uint8_t cmd, const char *ifname,
			       const struct vnetfab_fdb *f);

/*
 * Appends nest @type of entry @f, as vnetfab_fdb_req() puts it (in a
 * VNETFAB_A_FDB_LIST, one per entry); 0, or -1 when out of room or a peer
 * address is of no known family. An entry takes at most
 * VNETFAB_FDB_ENTRY_MAX bytes; a request for one, VNETFAB_FDB_REQ_SIZE.
 */
#define VNETFAB_FDB_ENTRY_MAX	96
#define VNETFAB_FDB_REQ_SIZE	256
int vnetfab_put_fdb(struct nl_msg *msg, int type, const struct vnetfab_fdb *f);

/*
 * Decodes a nest of VNETFAB_PEER_A_*. Unknown attributes are skipped,
 * missing ones and those too short for their type leave their PEER_* bit
 * clear (with ADDR4 and ADDR6 both present, ADDR4 is taken); the first
 * VF_MAX_PATHS VNETFAB_PEER_A_PATH nests go in @p->paths, in the order
 * sent. Returns 0.
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
			const char *ifname, const struct vnetfab_peer_spec *p,
			struct nlu_err *e);

/*
 * SET_PEERS: the segment's peers become those whose paths are
 * @peers[0..@n), each with @dstport if @has_dstport and its own probe
 * interval @probe if @has_probe. NULL when out of memory or an address
 * of no known family.
 */
struct nl_msg *vnetfab_set_peers_req(int family, const char *ifname,
				     const struct vf_paths *peers, size_t n,
				     bool has_dstport, uint16_t dstport,
				     bool has_probe, uint32_t probe);

/* the room SET_PEERS needs for @n peers, headers included */
size_t vnetfab_set_peers_size(size_t n);

/* SET_PEERS. Returns 0 or -1 with @e filled in. */
int vnetfab_set_peers(struct nl_sock *sk, int family, const char *ifname,
		      const struct vf_paths *peers, size_t n, bool has_dstport,
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
