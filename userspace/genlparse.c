// SPDX-License-Identifier: GPL-2.0
/*
 * genlparse.c - decoding the vnetfab generic netlink family's replies and
 * notifications: segments, peers and their paths, MAC table entries.
 *
 * The size of each attribute is checked by the libnl policies below, one
 * per attribute set of kmod/uapi/linux/vnetfab.h. An attribute its
 * policy refuses (too short for its type) is left out, as if the kernel
 * had not sent it, and the rest of the message is read: a reply read in
 * part says more than none. Longer than its type is taken (the leading
 * bytes), as before; attributes above the set's max (a newer module's)
 * are skipped.
 */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "genl.h"

#define ADDR4	{ .type = NLA_UNSPEC, .minlen = sizeof(struct in_addr) }
#define ADDR6	{ .type = NLA_UNSPEC, .minlen = sizeof(struct in6_addr) }
/* a NUL is not required: what fits IF_NAMESIZE is checked when copied */
#define IFNAME	{ .type = NLA_UNSPEC, .minlen = 1 }

/* VNETFAB_A_*: segments, peer and FDB replies, notifications */
static const struct nla_policy attr_policy[VNETFAB_A_MAX + 1] = {
	[VNETFAB_A_IFINDEX]	= { .type = NLA_U32 },
	[VNETFAB_A_IFNAME]	= IFNAME,
	[VNETFAB_A_ID]		= { .type = NLA_U32 },
	[VNETFAB_A_ENCAP]	= { .type = NLA_U8 },
	[VNETFAB_A_MTU]		= { .type = NLA_U32 },
	[VNETFAB_A_OPER_UP]	= { .type = NLA_U8 },
	[VNETFAB_A_STATS]	= { .type = NLA_NESTED },
	[VNETFAB_A_DSTPORT]	= { .type = NLA_U16 },
	[VNETFAB_A_N_PORTS]	= { .type = NLA_U32 },
	[VNETFAB_A_N_PEERS]	= { .type = NLA_U32 },
	[VNETFAB_A_N_ADDRS]	= { .type = NLA_U32 },
	[VNETFAB_A_PEER]	= { .type = NLA_NESTED },
	[VNETFAB_A_FDB]		= { .type = NLA_NESTED },
	[VNETFAB_A_EVENT]	= { .type = NLA_U8 },
	[VNETFAB_A_REASON]	= { .type = NLA_U8 },
	[VNETFAB_A_PATH]	= { .type = NLA_U8 },
	[VNETFAB_A_FDB_LIST]	= { .type = NLA_NESTED },
	[VNETFAB_A_TTL]		= { .type = NLA_U8 },
	[VNETFAB_A_TOS]		= { .type = NLA_U8 },
	[VNETFAB_A_DF]		= { .type = NLA_U8 },
	[VNETFAB_A_AGEING]	= { .type = NLA_U32 },
	[VNETFAB_A_LEARNING]	= { .type = NLA_U8 },
	[VNETFAB_A_MAX_ADDRS]	= { .type = NLA_U32 },
	[VNETFAB_A_LOCAL4]	= ADDR4,
	[VNETFAB_A_LOCAL6]	= ADDR6,
	[VNETFAB_A_LINK]	= { .type = NLA_U32 },
};

/* VNETFAB_STATS_*: every counter a u64; PAD is whatever it is */
static const struct nla_policy stats_policy[VNETFAB_STATS_MAX + 1] = {
	[VNETFAB_STATS_RX_PACKETS]	= { .type = NLA_U64 },
	[VNETFAB_STATS_RX_BYTES]	= { .type = NLA_U64 },
	[VNETFAB_STATS_TX_PACKETS]	= { .type = NLA_U64 },
	[VNETFAB_STATS_TX_BYTES]	= { .type = NLA_U64 },
	[VNETFAB_STATS_TX_DROPPED]	= { .type = NLA_U64 },
	[VNETFAB_STATS_RX_UNKNOWN_PEER]	= { .type = NLA_U64 },
	[VNETFAB_STATS_RX_INVALID]	= { .type = NLA_U64 },
	[VNETFAB_STATS_LEARN_LIMIT]	= { .type = NLA_U64 },
	[VNETFAB_STATS_TX_ERRORS]	= { .type = NLA_U64 },
	[VNETFAB_STATS_TOO_BIG]		= { .type = NLA_U64 },
	[VNETFAB_STATS_PORT_LOCKED]	= { .type = NLA_U64 },
	[VNETFAB_STATS_MAC_MOVE_DENIED]	= { .type = NLA_U64 },
	[VNETFAB_STATS_STORM]		= { .type = NLA_U64 },
};

static const struct nla_policy peer_policy[VNETFAB_PEER_A_MAX + 1] = {
	[VNETFAB_PEER_A_ADDR4]		= ADDR4,
	[VNETFAB_PEER_A_ADDR6]		= ADDR6,
	[VNETFAB_PEER_A_DSTPORT]	= { .type = NLA_U16 },
	[VNETFAB_PEER_A_STATS]		= { .type = NLA_NESTED },
	[VNETFAB_PEER_A_LAST_RX_MS]	= { .type = NLA_U32 },
	[VNETFAB_PEER_A_PROBE_INTERVAL]	= { .type = NLA_U32 },
	[VNETFAB_PEER_A_STATE]		= { .type = NLA_U8 },
	[VNETFAB_PEER_A_STATE_MS]	= { .type = NLA_U32 },
	[VNETFAB_PEER_A_LOCAL4]		= ADDR4,
	[VNETFAB_PEER_A_LOCAL6]		= ADDR6,
	[VNETFAB_PEER_A_PATH]		= { .type = NLA_NESTED },
	[VNETFAB_PEER_A_ACTIVE_PATH]	= { .type = NLA_U8 },
};

static const struct nla_policy peer_stats_policy[VNETFAB_PEER_STATS_MAX + 1] = {
	[VNETFAB_PEER_STATS_TX_PACKETS]		= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_TX_BYTES]		= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_RX_PACKETS]		= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_RX_BYTES]		= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_TX_DROPPED]		= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_TX_PEER_DOWN]	= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_PROBES_SENT]	= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_PROBES_ANSWERED]	= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_PROBES_RECEIVED]	= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_STATE_CHANGES]	= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_PATH_CHANGES]	= { .type = NLA_U64 },
	[VNETFAB_PEER_STATS_RX_STORM]		= { .type = NLA_U64 },
};

static const struct nla_policy path_policy[VNETFAB_PATH_A_MAX + 1] = {
	[VNETFAB_PATH_A_ADDR4]		= ADDR4,
	[VNETFAB_PATH_A_ADDR6]		= ADDR6,
	[VNETFAB_PATH_A_LOCAL4]		= ADDR4,
	[VNETFAB_PATH_A_LOCAL6]		= ADDR6,
	[VNETFAB_PATH_A_INDEX]		= { .type = NLA_U8 },
	[VNETFAB_PATH_A_STATE]		= { .type = NLA_U8 },
	[VNETFAB_PATH_A_STATE_MS]	= { .type = NLA_U32 },
	[VNETFAB_PATH_A_LAST_RX_MS]	= { .type = NLA_U32 },
	[VNETFAB_PATH_A_PROBES_SENT]	= { .type = NLA_U32 },
	[VNETFAB_PATH_A_PROBES_ANSWERED] = { .type = NLA_U32 },
	[VNETFAB_PATH_A_STATE_CHANGES]	= { .type = NLA_U32 },
};

static const struct nla_policy fdb_policy[VNETFAB_FDB_A_MAX + 1] = {
	[VNETFAB_FDB_A_MAC]		= { .type = NLA_UNSPEC,
					    .minlen = VF_MACLEN },
	[VNETFAB_FDB_A_PORT_IFINDEX]	= { .type = NLA_U32 },
	[VNETFAB_FDB_A_PEER]		= { .type = NLA_NESTED },
	[VNETFAB_FDB_A_LOCAL]		= { .type = NLA_FLAG },
	[VNETFAB_FDB_A_STATIC]		= { .type = NLA_FLAG },
	[VNETFAB_FDB_A_AGE_MS]		= { .type = NLA_U32 },
	[VNETFAB_FDB_A_STICKY]		= { .type = NLA_FLAG },
};

/*
 * The attributes of @head..@len into @tb by @policy: nla_parse() refuses
 * the whole stream when one attribute breaks the policy, so then each is
 * checked alone and those it refuses are left out (with repeats, the last
 * one counts, as nla_parse() keeps it).
 */
static void parse_attrs(struct nlattr **tb, int max, struct nlattr *head,
			int len, const struct nla_policy *policy)
{
	int i;

	if (!nla_parse(tb, max, head, len, policy))
		return;
	nla_parse(tb, max, head, len, NULL);	/* cannot fail without one */
	for (i = 0; i <= max; i++)
		if (tb[i] && nla_validate(tb[i], tb[i]->nla_len, max, policy))
			tb[i] = NULL;
}

static void parse_nested(struct nlattr **tb, int max, struct nlattr *nest,
			 const struct nla_policy *policy)
{
	parse_attrs(tb, max, nla_data(nest), nla_len(nest), policy);
}

/* The VNETFAB_A_* of @nlh into @tb; -EINVAL without a genl header. */
static int parse_msg(struct nlmsghdr *nlh, struct nlattr **tb)
{
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	/* the common case: every attribute passes the policy */
	if (!genlmsg_parse(nlh, 0, tb, VNETFAB_A_MAX, attr_policy))
		return 0;
	parse_attrs(tb, VNETFAB_A_MAX, genlmsg_attrdata(nlmsg_data(nlh), 0),
		    genlmsg_attrlen(nlmsg_data(nlh), 0), attr_policy);
	return 0;
}

/* Each takes an attribute the policy passed; false if there is none. */
static bool get_u8(struct nlattr *a, uint8_t *v)
{
	if (a)
		*v = nla_get_u8(a);
	return a;
}

static bool get_u16(struct nlattr *a, uint16_t *v)
{
	if (a)
		*v = nla_get_u16(a);
	return a;
}

static bool get_u32(struct nlattr *a, uint32_t *v)
{
	if (a)
		*v = nla_get_u32(a);
	return a;
}

static bool get_u64(struct nlattr *a, uint64_t *v)
{
	if (a)
		*v = nla_get_u64(a);	/* memcpy: alignment safe */
	return a;
}

/* an address of attribute @a4 (be32) or else @a6 (in6_addr); false if none */
static bool get_addr(struct nlattr *a4, struct nlattr *a6,
		     struct vf_addr *addr)
{
	if (a4) {
		addr->family = AF_INET;
		memcpy(&addr->v4, nla_data(a4), sizeof(addr->v4));
		return true;
	}
	if (a6) {
		addr->family = AF_INET6;
		memcpy(&addr->v6, nla_data(a6), sizeof(addr->v6));
		return true;
	}
	return false;
}

/* a device name into @buf: false (and @buf untouched) unless it fits */
static bool get_ifname(struct nlattr *a, char *buf, size_t size)
{
	size_t n;

	if (!a)
		return false;
	n = strnlen(nla_data(a), (size_t)nla_len(a));
	if (n == 0 || n >= size)
		return false;
	memcpy(buf, nla_data(a), n);
	buf[n] = '\0';
	return true;
}

static void parse_stats(struct nlattr *nest, struct vnetfab_segment *seg)
{
	static const int map[SEG_ST_N] = {
		[SEG_ST_RX_PACKETS] = VNETFAB_STATS_RX_PACKETS,
		[SEG_ST_RX_BYTES]   = VNETFAB_STATS_RX_BYTES,
		[SEG_ST_TX_PACKETS] = VNETFAB_STATS_TX_PACKETS,
		[SEG_ST_TX_BYTES]   = VNETFAB_STATS_TX_BYTES,
		[SEG_ST_TX_DROPPED] = VNETFAB_STATS_TX_DROPPED,
		[SEG_ST_RX_UNKNOWN_PEER] = VNETFAB_STATS_RX_UNKNOWN_PEER,
		[SEG_ST_RX_INVALID] = VNETFAB_STATS_RX_INVALID,
		[SEG_ST_LEARN_LIMIT] = VNETFAB_STATS_LEARN_LIMIT,
		[SEG_ST_TX_ERRORS]  = VNETFAB_STATS_TX_ERRORS,
		[SEG_ST_TOO_BIG]    = VNETFAB_STATS_TOO_BIG,
		[SEG_ST_PORT_LOCKED] = VNETFAB_STATS_PORT_LOCKED,
		[SEG_ST_MAC_MOVE_DENIED] = VNETFAB_STATS_MAC_MOVE_DENIED,
		[SEG_ST_STORM]      = VNETFAB_STATS_STORM,
	};
	struct nlattr *tb[VNETFAB_STATS_MAX + 1];
	int i;

	parse_nested(tb, VNETFAB_STATS_MAX, nest, stats_policy);
	seg->has |= SEG_STATS;
	for (i = 0; i < SEG_ST_N; i++)
		if (get_u64(tb[map[i]], &seg->stats[i]))
			seg->stats_has |= 1u << i;
}

/* the settings, as IFLA_VNETFAB_* has them */
static void parse_settings(struct nlattr **tb, struct vnetfab_segment *seg)
{
	uint8_t learning;

	if (get_u8(tb[VNETFAB_A_TTL], &seg->ttl))
		seg->has |= SEG_TTL;
	if (get_u8(tb[VNETFAB_A_TOS], &seg->tos))
		seg->has |= SEG_TOS;
	if (get_u8(tb[VNETFAB_A_DF], &seg->df))
		seg->has |= SEG_DF;
	if (get_u32(tb[VNETFAB_A_AGEING], &seg->ageing))
		seg->has |= SEG_AGEING;
	if (get_u8(tb[VNETFAB_A_LEARNING], &learning)) {
		seg->learning = learning != 0;
		seg->has |= SEG_LEARNING;
	}
	if (get_u32(tb[VNETFAB_A_MAX_ADDRS], &seg->max_addrs))
		seg->has |= SEG_MAX_ADDRS;
	if (get_addr(tb[VNETFAB_A_LOCAL4], tb[VNETFAB_A_LOCAL6], &seg->local))
		seg->has |= SEG_LOCAL;
	/* 0 would be "none", which the kernel sends as no attribute */
	if (get_u32(tb[VNETFAB_A_LINK], &seg->link) && seg->link)
		seg->has |= SEG_LINK;
}

int vnetfab_parse_segment(struct nlmsghdr *nlh, struct vnetfab_segment *seg)
{
	struct nlattr *tb[VNETFAB_A_MAX + 1];
	uint8_t up;

	memset(seg, 0, sizeof(*seg));
	if (parse_msg(nlh, tb))
		return -EINVAL;
	if (get_u32(tb[VNETFAB_A_IFINDEX], &seg->ifindex))
		seg->has |= SEG_IFINDEX;
	if (get_ifname(tb[VNETFAB_A_IFNAME], seg->ifname, sizeof(seg->ifname)))
		seg->has |= SEG_IFNAME;
	if (get_u32(tb[VNETFAB_A_ID], &seg->id))
		seg->has |= SEG_ID;
	if (get_u8(tb[VNETFAB_A_ENCAP], &seg->encap))
		seg->has |= SEG_ENCAP;
	if (get_u32(tb[VNETFAB_A_MTU], &seg->mtu))
		seg->has |= SEG_MTU;
	if (get_u8(tb[VNETFAB_A_OPER_UP], &up)) {
		seg->up = up != 0;
		seg->has |= SEG_UP;
	}
	if (tb[VNETFAB_A_STATS])
		parse_stats(tb[VNETFAB_A_STATS], seg);
	if (get_u16(tb[VNETFAB_A_DSTPORT], &seg->dstport))
		seg->has |= SEG_DSTPORT;
	if (get_u32(tb[VNETFAB_A_N_PORTS], &seg->n_ports))
		seg->has |= SEG_N_PORTS;
	if (get_u32(tb[VNETFAB_A_N_PEERS], &seg->n_peers))
		seg->has |= SEG_N_PEERS;
	if (get_u32(tb[VNETFAB_A_N_ADDRS], &seg->n_addrs))
		seg->has |= SEG_N_ADDRS;
	parse_settings(tb, seg);
	return 0;
}

static void parse_peer_stats(struct nlattr *nest, struct vnetfab_peer *p)
{
	static const int map[PEER_ST_N] = {
		[PEER_ST_TX_PACKETS] = VNETFAB_PEER_STATS_TX_PACKETS,
		[PEER_ST_TX_BYTES]   = VNETFAB_PEER_STATS_TX_BYTES,
		[PEER_ST_RX_PACKETS] = VNETFAB_PEER_STATS_RX_PACKETS,
		[PEER_ST_RX_BYTES]   = VNETFAB_PEER_STATS_RX_BYTES,
		[PEER_ST_TX_DROPPED] = VNETFAB_PEER_STATS_TX_DROPPED,
		[PEER_ST_TX_PEER_DOWN] = VNETFAB_PEER_STATS_TX_PEER_DOWN,
		[PEER_ST_PROBES_SENT] = VNETFAB_PEER_STATS_PROBES_SENT,
		[PEER_ST_PROBES_ANSWERED] = VNETFAB_PEER_STATS_PROBES_ANSWERED,
		[PEER_ST_PROBES_RECEIVED] = VNETFAB_PEER_STATS_PROBES_RECEIVED,
		[PEER_ST_STATE_CHANGES] = VNETFAB_PEER_STATS_STATE_CHANGES,
		[PEER_ST_PATH_CHANGES] = VNETFAB_PEER_STATS_PATH_CHANGES,
		[PEER_ST_RX_STORM] = VNETFAB_PEER_STATS_RX_STORM,
	};
	struct nlattr *tb[VNETFAB_PEER_STATS_MAX + 1];
	int i;

	parse_nested(tb, VNETFAB_PEER_STATS_MAX, nest, peer_stats_policy);
	p->has |= PEER_STATS;
	for (i = 0; i < PEER_ST_N; i++)
		if (get_u64(tb[map[i]], &p->stats[i]))
			p->stats_has |= 1u << i;
}

/* a nest of VNETFAB_PATH_A_* */
static void parse_path(struct nlattr *nest, struct vnetfab_path *p)
{
	static const int map[PATH_V_N] = {
		[PATH_V_STATE_MS]	= VNETFAB_PATH_A_STATE_MS,
		[PATH_V_LAST_RX_MS]	= VNETFAB_PATH_A_LAST_RX_MS,
		[PATH_V_PROBES_SENT]	= VNETFAB_PATH_A_PROBES_SENT,
		[PATH_V_PROBES_ANSWERED] = VNETFAB_PATH_A_PROBES_ANSWERED,
		[PATH_V_STATE_CHANGES]	= VNETFAB_PATH_A_STATE_CHANGES,
	};
	struct nlattr *tb[VNETFAB_PATH_A_MAX + 1];
	int i;

	memset(p, 0, sizeof(*p));
	parse_nested(tb, VNETFAB_PATH_A_MAX, nest, path_policy);
	if (get_addr(tb[VNETFAB_PATH_A_ADDR4], tb[VNETFAB_PATH_A_ADDR6],
		     &p->addr))
		p->has |= PATH_ADDR;
	if (get_addr(tb[VNETFAB_PATH_A_LOCAL4], tb[VNETFAB_PATH_A_LOCAL6],
		     &p->local))
		p->has |= PATH_LOCAL;
	p->has |= get_u8(tb[VNETFAB_PATH_A_INDEX], &p->index) ? PATH_INDEX : 0;
	p->has |= get_u8(tb[VNETFAB_PATH_A_STATE], &p->state) ? PATH_STATE : 0;
	for (i = 0; i < PATH_V_N; i++)
		if (get_u32(tb[map[i]], &p->v[i]))
			p->v_has |= 1u << i;
}

int vnetfab_parse_peer_nest(struct nlattr *nest, struct vnetfab_peer *p)
{
	struct nlattr *tb[VNETFAB_PEER_A_MAX + 1];
	struct nlattr *a;
	int rem;

	memset(p, 0, sizeof(*p));
	parse_nested(tb, VNETFAB_PEER_A_MAX, nest, peer_policy);
	if (get_addr(tb[VNETFAB_PEER_A_ADDR4], tb[VNETFAB_PEER_A_ADDR6],
		     &p->addr))
		p->has |= PEER_ADDR;
	if (get_addr(tb[VNETFAB_PEER_A_LOCAL4], tb[VNETFAB_PEER_A_LOCAL6],
		     &p->local))
		p->has |= PEER_LOCAL;
	if (get_u16(tb[VNETFAB_PEER_A_DSTPORT], &p->dstport))
		p->has |= PEER_DSTPORT;
	if (get_u32(tb[VNETFAB_PEER_A_LAST_RX_MS], &p->last_rx_ms))
		p->has |= PEER_LAST_RX;
	if (get_u32(tb[VNETFAB_PEER_A_PROBE_INTERVAL], &p->probe))
		p->has |= PEER_PROBE;
	if (get_u8(tb[VNETFAB_PEER_A_STATE], &p->state))
		p->has |= PEER_STATE;
	if (get_u32(tb[VNETFAB_PEER_A_STATE_MS], &p->state_ms))
		p->has |= PEER_STATE_MS;
	if (get_u8(tb[VNETFAB_PEER_A_ACTIVE_PATH], &p->active_path))
		p->has |= PEER_ACTIVE_PATH;
	if (tb[VNETFAB_PEER_A_STATS])
		parse_peer_stats(tb[VNETFAB_PEER_A_STATS], p);
	/* repeated: nla_parse() kept the last one only */
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != VNETFAB_PEER_A_PATH ||
		    p->n_paths == VF_MAX_PATHS)
			continue;
		parse_path(a, &p->paths[p->n_paths++]);
	}
	return 0;
}
void vnetfab_peer_paths(const struct vnetfab_peer *p, struct vf_paths *out)
{
	const struct vnetfab_path *path;
	unsigned int want;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->n = 1;
	out->v[0].addr = p->addr;
	out->v[0].has_local = p->has & PEER_LOCAL;
	out->v[0].local = p->local;
	/* by index: 1, 2, ... as long as the dump has the next one */
	for (want = 1; out->n < VF_MAX_PATHS; want++) {
		for (i = 0; i < p->n_paths; i++) {
			path = &p->paths[i];
			if ((path->has & (PATH_INDEX | PATH_ADDR)) ==
			    (PATH_INDEX | PATH_ADDR) && path->index == want)
				break;
		}
		if (i == p->n_paths)
			break;
		out->v[out->n].addr = path->addr;
		out->v[out->n].has_local = path->has & PATH_LOCAL;
		out->v[out->n++].local = path->local;
	}
	/* the source of its own address, if only its path 0 says it */
	for (i = 0; i < p->n_paths && !(p->has & PEER_LOCAL); i++) {
		path = &p->paths[i];
		if ((path->has & (PATH_INDEX | PATH_LOCAL)) ==
		    (PATH_INDEX | PATH_LOCAL) && path->index == 0) {
			out->v[0].has_local = true;
			out->v[0].local = path->local;
		}
	}
}

/* The attribute @type of a vnetfab reply, or NULL. */
static struct nlattr *reply_attr(struct nlmsghdr *nlh, int type, int *err)
{
	struct nlattr *tb[VNETFAB_A_MAX + 1];

	*err = -EINVAL;
	if (parse_msg(nlh, tb))
		return NULL;
	*err = -ENOENT;
	return tb[type];
}

int vnetfab_parse_peer(struct nlmsghdr *nlh, struct vnetfab_peer *p)
{
	struct nlattr *nest;
	int err;

	memset(p, 0, sizeof(*p));
	nest = reply_attr(nlh, VNETFAB_A_PEER, &err);
	if (!nest)
		return err;
	return vnetfab_parse_peer_nest(nest, p);
}

int vnetfab_parse_event(struct nlmsghdr *nlh, struct vnetfab_event_msg *ev)
{
	struct nlattr *tb[VNETFAB_A_MAX + 1];
	struct genlmsghdr *gnlh;

	memset(ev, 0, sizeof(*ev));
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	gnlh = nlmsg_data(nlh);
	if (gnlh->cmd != VNETFAB_CMD_EVENT)
		return -ENOENT;
	if (parse_msg(nlh, tb))
		return -EINVAL;
	get_u8(tb[VNETFAB_A_EVENT], &ev->event);
	get_u32(tb[VNETFAB_A_IFINDEX], &ev->ifindex);
	get_u32(tb[VNETFAB_A_ID], &ev->id);
	get_ifname(tb[VNETFAB_A_IFNAME], ev->ifname, sizeof(ev->ifname));
	ev->has_reason = get_u8(tb[VNETFAB_A_REASON], &ev->reason);
	ev->has_path = get_u8(tb[VNETFAB_A_PATH], &ev->path);
	if (tb[VNETFAB_A_PEER] &&
	    !vnetfab_parse_peer_nest(tb[VNETFAB_A_PEER], &ev->peer))
		ev->has_peer = true;
	if (tb[VNETFAB_A_FDB] && !vnetfab_parse_fdb(nlh, &ev->fdb))
		ev->has_fdb = true;
	return 0;
}

int vnetfab_parse_fdb(struct nlmsghdr *nlh, struct vnetfab_fdb *f)
{
	struct nlattr *tb[VNETFAB_FDB_A_MAX + 1];
	struct vnetfab_peer peer;
	struct nlattr *nest;
	int err;

	memset(f, 0, sizeof(*f));
	nest = reply_attr(nlh, VNETFAB_A_FDB, &err);
	if (!nest)
		return err;
	parse_nested(tb, VNETFAB_FDB_A_MAX, nest, fdb_policy);
	if (tb[VNETFAB_FDB_A_MAC]) {
		memcpy(f->mac, nla_data(tb[VNETFAB_FDB_A_MAC]), VF_MACLEN);
		f->has |= FDB_MAC;
	}
	if (get_u32(tb[VNETFAB_FDB_A_PORT_IFINDEX], &f->port_ifindex))
		f->has |= FDB_PORT;
	if (tb[VNETFAB_FDB_A_PEER] &&
	    !vnetfab_parse_peer_nest(tb[VNETFAB_FDB_A_PEER], &peer)) {
		f->has |= FDB_PEER;
		f->peer.has = peer.has & (PEER_ADDR | PEER_DSTPORT);
		f->peer.addr = peer.addr;
		f->peer.dstport = peer.dstport;
	}
	if (tb[VNETFAB_FDB_A_LOCAL])
		f->has |= FDB_LOCAL;
	if (tb[VNETFAB_FDB_A_STATIC])
		f->has |= FDB_STATIC;
	if (tb[VNETFAB_FDB_A_STICKY])
		f->has |= FDB_STICKY;
	if (get_u32(tb[VNETFAB_FDB_A_AGE_MS], &f->age_ms))
		f->has |= FDB_AGE;
	return 0;
}
