// SPDX-License-Identifier: GPL-2.0
/*
 * genl.c - the vnetfab generic netlink family: segments, peers, MAC table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "genl.h"

int vnetfab_genl_open(struct nl_sock **skp, int *family, struct nlu_err *e)
{
	int ret;

	if (nlu_open(skp, NETLINK_GENERIC, e))
		return -1;
	ret = genl_ctrl_resolve(*skp, VNETFAB_GENL_NAME);
	if (ret >= 0) {
		*family = ret;
		return 0;
	}
	nlu_close(*skp);
	*skp = NULL;
	if (ret == -NLE_OBJ_NOTFOUND)
		return VNETFAB_GENL_NOFAMILY;
	e->nlerr = -ret;
	return -1;
}

static int set_nomem(struct nlu_err *e)
{
	e->err = ENOMEM;
	e->nlerr = 0;
	e->msg[0] = '\0';
	return -1;
}

static bool get_u8(const struct nlattr *a, uint8_t *v)
{
	if (!a || nla_len(a) < (int)sizeof(*v))
		return false;
	*v = nla_get_u8((struct nlattr *)a);
	return true;
}

static bool get_u16(const struct nlattr *a, uint16_t *v)
{
	if (!a || nla_len(a) < (int)sizeof(*v))
		return false;
	*v = nla_get_u16((struct nlattr *)a);
	return true;
}

static bool get_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || nla_len(a) < (int)sizeof(*v))
		return false;
	*v = nla_get_u32((struct nlattr *)a);
	return true;
}

static bool get_u64(const struct nlattr *a, uint64_t *v)
{
	if (!a || nla_len(a) < (int)sizeof(*v))
		return false;
	*v = nla_get_u64((struct nlattr *)a);	/* memcpy: alignment safe */
	return true;
}

/* an address of attribute @a4 (be32) or else @a6 (in6_addr); false if none */
static bool get_addr(const struct nlattr *a4, const struct nlattr *a6,
		     struct vf_addr *addr)
{
	if (a4 && nla_len(a4) >= (int)sizeof(addr->v4)) {
		addr->family = AF_INET;
		memcpy(&addr->v4, nla_data(a4), sizeof(addr->v4));
		return true;
	}
	if (a6 && nla_len(a6) >= (int)sizeof(addr->v6)) {
		addr->family = AF_INET6;
		memcpy(&addr->v6, nla_data(a6), sizeof(addr->v6));
		return true;
	}
	return false;
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

	/* no policy: types above the max are skipped, lengths checked below */
	if (nla_parse_nested(tb, VNETFAB_STATS_MAX, nest, NULL) < 0)
		return;
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
	struct genlmsghdr *gnlh;
	struct nlattr *a;
	uint8_t up;
	size_t n;

	memset(seg, 0, sizeof(*seg));
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	gnlh = nlmsg_data(nlh);
	if (nla_parse(tb, VNETFAB_A_MAX, genlmsg_attrdata(gnlh, 0),
		      genlmsg_attrlen(gnlh, 0), NULL) < 0)
		return -EINVAL;

	if (get_u32(tb[VNETFAB_A_IFINDEX], &seg->ifindex))
		seg->has |= SEG_IFINDEX;
	a = tb[VNETFAB_A_IFNAME];
	if (a && nla_len(a) > 0) {
		n = strnlen(nla_data(a), (size_t)nla_len(a));
		if (n > 0 && n < sizeof(seg->ifname)) {
			memcpy(seg->ifname, nla_data(a), n);
			seg->ifname[n] = '\0';
			seg->has |= SEG_IFNAME;
		}
	}
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

	/* PAD and types above the max are skipped */
	if (nla_parse_nested(tb, VNETFAB_PEER_STATS_MAX, nest, NULL) < 0)
		return;
	p->has |= PEER_STATS;
	for (i = 0; i < PEER_ST_N; i++)
		if (get_u64(tb[map[i]], &p->stats[i]))
			p->stats_has |= 1u << i;
}

/* a nest of VNETFAB_PATH_A_*; false if it is not one */
static bool parse_path(struct nlattr *nest, struct vnetfab_path *p)
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
	if (nla_parse_nested(tb, VNETFAB_PATH_A_MAX, nest, NULL) < 0)
		return false;
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
	return true;
}

int vnetfab_parse_peer_nest(struct nlattr *nest, struct vnetfab_peer *p)
{
	struct nlattr *tb[VNETFAB_PEER_A_MAX + 1];
	struct nlattr *a;
	int rem;

	memset(p, 0, sizeof(*p));
	if (nla_parse_nested(tb, VNETFAB_PEER_A_MAX, nest, NULL) < 0)
		return -EINVAL;
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
		if (nla_type(a) == VNETFAB_PEER_A_PATH &&
		    p->n_paths < VF_MAX_PATHS &&
		    parse_path(a, &p->paths[p->n_paths]))
			p->n_paths++;
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
	struct genlmsghdr *gnlh;

	*err = -EINVAL;
	if (!genlmsg_valid_hdr(nlh, 0))
		return NULL;
	gnlh = nlmsg_data(nlh);
	if (nla_parse(tb, VNETFAB_A_MAX, genlmsg_attrdata(gnlh, 0),
		      genlmsg_attrlen(gnlh, 0), NULL) < 0)
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
	if (nla_parse(tb, VNETFAB_A_MAX, genlmsg_attrdata(gnlh, 0),
		      genlmsg_attrlen(gnlh, 0), NULL) < 0)
		return -EINVAL;
	if (tb[VNETFAB_A_EVENT] && nla_len(tb[VNETFAB_A_EVENT]) >= 1)
		ev->event = nla_get_u8(tb[VNETFAB_A_EVENT]);
	get_u32(tb[VNETFAB_A_IFINDEX], &ev->ifindex);
	get_u32(tb[VNETFAB_A_ID], &ev->id);
	if (tb[VNETFAB_A_IFNAME] && nla_len(tb[VNETFAB_A_IFNAME]) > 0) {
		size_t n = strnlen(nla_data(tb[VNETFAB_A_IFNAME]),
				   (size_t)nla_len(tb[VNETFAB_A_IFNAME]));

		if (n < sizeof(ev->ifname))
			memcpy(ev->ifname, nla_data(tb[VNETFAB_A_IFNAME]), n);
	}
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
	struct nlattr *nest, *a;
	int err;

	memset(f, 0, sizeof(*f));
	nest = reply_attr(nlh, VNETFAB_A_FDB, &err);
	if (!nest)
		return err;
	if (nla_parse_nested(tb, VNETFAB_FDB_A_MAX, nest, NULL) < 0)
		return -EINVAL;
	a = tb[VNETFAB_FDB_A_MAC];
	if (a && nla_len(a) >= VF_MACLEN) {
		memcpy(f->mac, nla_data(a), VF_MACLEN);
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

struct nl_msg *vnetfab_genl_req(int family, uint8_t cmd, int flags,
				const char *ifname)
{
	return vnetfab_genl_req_size(family, cmd, flags, ifname, 0);
}

struct nl_msg *vnetfab_genl_req_size(int family, uint8_t cmd, int flags,
				     const char *ifname, size_t size)
{
	/* libnl's default (@size 0) is a zeroed page */
	struct nl_msg *msg = size ? nlmsg_alloc_size(size) : nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 cmd, VNETFAB_GENL_VERSION) ||
	    (ifname && nla_put_string(msg, VNETFAB_A_IFNAME, ifname) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* @addr as attribute @a4 (IPv4) or @a6 (IPv6); -1 for another family */
static int put_addr(struct nl_msg *msg, int a4, int a6,
		    const struct vf_addr *addr)
{
	int ret = -1;

	if (addr->family == AF_INET)
		ret = nla_put(msg, a4, sizeof(addr->v4), &addr->v4);
	else if (addr->family == AF_INET6)
		ret = nla_put(msg, a6, sizeof(addr->v6), &addr->v6);
	return ret < 0 ? -1 : 0;
}

/* a path's address as @a4|@a6, and its source as @l4|@l6 if it has one */
static int put_path(struct nl_msg *msg, const struct vf_path *p, int a4,
		    int a6, int l4, int l6)
{
	if (put_addr(msg, a4, a6, &p->addr))
		return -1;
	return p->has_local ? put_addr(msg, l4, l6, &p->local) : 0;
}

int vnetfab_put_peer(struct nl_msg *msg, int type,
		     const struct vnetfab_peer_spec *p)
{
	struct nlattr *nest, *path;
	size_t i;

	nest = nla_nest_start(msg, type);
	if (!nest || !p->paths.n ||
	    put_path(msg, &p->paths.v[0], VNETFAB_PEER_A_ADDR4,
		     VNETFAB_PEER_A_ADDR6, VNETFAB_PEER_A_LOCAL4,
		     VNETFAB_PEER_A_LOCAL6))
		return -1;
	for (i = 1; i < p->paths.n; i++) {
		path = nla_nest_start(msg, VNETFAB_PEER_A_PATH);
		if (!path ||
		    put_path(msg, &p->paths.v[i], VNETFAB_PATH_A_ADDR4,
			     VNETFAB_PATH_A_ADDR6, VNETFAB_PATH_A_LOCAL4,
			     VNETFAB_PATH_A_LOCAL6))
			return -1;
		nla_nest_end(msg, path);
	}
	if ((p->has_dstport &&
	     nla_put_u16(msg, VNETFAB_PEER_A_DSTPORT, p->dstport) < 0) ||
	    (p->has_probe &&
	     nla_put_u32(msg, VNETFAB_PEER_A_PROBE_INTERVAL, p->probe) < 0))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

struct nl_msg *vnetfab_peer_req(int family, uint8_t cmd, const char *ifname,
				const struct vnetfab_peer_spec *p)
{
	struct nl_msg *msg = vnetfab_genl_req(family, cmd, 0, ifname);

	if (msg && vnetfab_put_peer(msg, VNETFAB_A_PEER, p)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

size_t vnetfab_set_peers_size(size_t n)
{
	/*
	 * a peer: its nest, its IPv6 address and source, 3 more paths of
	 * both (a nest each), its port and its probe interval
	 */
	return 256 + n * (4 + 2 * 20 + (VF_MAX_PATHS - 1) * (4 + 2 * 20) +
			  8 + 8);
}

struct nl_msg *vnetfab_set_peers_req(int family, const char *ifname,
				     const struct vf_paths *peers, size_t n,
				     bool has_dstport, uint16_t dstport,
				     bool has_probe, uint32_t probe)
{
	struct nl_msg *msg = nlmsg_alloc_size(vnetfab_set_peers_size(n));
	struct vnetfab_peer_spec p = {
		.has_dstport = has_dstport, .dstport = dstport,
		.has_probe = has_probe, .probe = probe,
	};
	size_t i;

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
			 VNETFAB_CMD_SET_PEERS, VNETFAB_GENL_VERSION) ||
	    nla_put_string(msg, VNETFAB_A_IFNAME, ifname) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		p.paths = peers[i];
		if (vnetfab_put_peer(msg, VNETFAB_A_PEER, &p))
			goto fail;
	}
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

int vnetfab_put_fdb(struct nl_msg *msg, int type, const struct vnetfab_fdb *f)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	if (!nest)
		return -1;
	if ((f->has & FDB_MAC) &&
	    nla_put(msg, VNETFAB_FDB_A_MAC, VF_MACLEN, f->mac) < 0)
		return -1;
	if ((f->has & FDB_PORT) &&
	    nla_put_u32(msg, VNETFAB_FDB_A_PORT_IFINDEX, f->port_ifindex) < 0)
		return -1;
	if (f->has & FDB_PEER) {
		struct vnetfab_peer_spec p = {
			.paths = { .n = 1, .v[0].addr = f->peer.addr },
			.has_dstport = f->peer.has & PEER_DSTPORT,
			.dstport = f->peer.dstport,
		};

		if (vnetfab_put_peer(msg, VNETFAB_FDB_A_PEER, &p))
			return -1;
	}
	if ((f->has & FDB_LOCAL) && nla_put_flag(msg, VNETFAB_FDB_A_LOCAL) < 0)
		return -1;
	if ((f->has & FDB_STATIC) && nla_put_flag(msg, VNETFAB_FDB_A_STATIC) < 0)
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

struct nl_msg *vnetfab_fdb_req(int family, uint8_t cmd, const char *ifname,
			       const struct vnetfab_fdb *f)
{
	struct nl_msg *msg = vnetfab_genl_req_size(family, cmd, 0, ifname,
						   VNETFAB_FDB_REQ_SIZE);

	if (msg && vnetfab_put_fdb(msg, VNETFAB_A_FDB, f)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Sends @msg (and frees it); NULL @msg means it could not be built. */
static int request(struct nl_sock *sk, struct nl_msg *msg, nlu_msg_fn fn,
		   void *arg, struct nlu_err *e)
{
	int ret;

	if (!msg)
		return set_nomem(e);
	ret = nlu_transact(sk, msg, fn, arg, e);
	nlmsg_free(msg);
	return ret;
}

int vnetfab_peer_change(struct nl_sock *sk, int family, uint8_t cmd,
			const char *ifname, const struct vnetfab_peer_spec *p,
			struct nlu_err *e)
{
	return request(sk, vnetfab_peer_req(family, cmd, ifname, p), NULL,
		       NULL, e);
}

int vnetfab_set_peers(struct nl_sock *sk, int family, const char *ifname,
		      const struct vf_paths *peers, size_t n, bool has_dstport,
		      uint16_t dstport, bool has_probe, uint32_t probe,
		      struct nlu_err *e)
{
	return request(sk, vnetfab_set_peers_req(family, ifname, peers, n,
						 has_dstport, dstport,
						 has_probe, probe),
		       NULL, NULL, e);
}

int vnetfab_fdb_change(struct nl_sock *sk, int family, uint8_t cmd,
		       const char *ifname, const struct vnetfab_fdb *f,
		       struct nlu_err *e)
{
	return request(sk, vnetfab_fdb_req(family, cmd, ifname, f), NULL, NULL,
		       e);
}

/* a growing array of @size-byte entries, filled by the dump callbacks */
struct vec {
	void *v;
	size_t n, cap, size;
};

static int vec_push(struct vec *l, const void *item)
{
	size_t cap;
	void *nv;

	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 8;
		nv = realloc(l->v, cap * l->size);
		if (!nv)
			return -ENOMEM;
		l->v = nv;
		l->cap = cap;
	}
	memcpy((char *)l->v + l->n * l->size, item, l->size);
	l->n++;
	return 0;
}

/* Replies we cannot read are skipped: not ours to judge. */
static int seg_cb(struct nl_msg *msg, void *arg)
{
	struct vnetfab_segment seg;

	if (vnetfab_parse_segment(nlmsg_hdr(msg), &seg))
		return 0;
	return vec_push(arg, &seg);
}

static int peer_cb(struct nl_msg *msg, void *arg)
{
	struct vnetfab_peer p;

	if (vnetfab_parse_peer(nlmsg_hdr(msg), &p))
		return 0;
	return vec_push(arg, &p);
}

static int fdb_cb(struct nl_msg *msg, void *arg)
{
	struct vnetfab_fdb f;

	if (vnetfab_parse_fdb(nlmsg_hdr(msg), &f))
		return 0;
	return vec_push(arg, &f);
}

/*
 * A dump the kernel marks NLM_F_DUMP_INTR saw the table change between
 * two of its parts: it may repeat or miss entries. It is taken again,
 * from the start, this many times before the caller is told.
 */
#define DUMP_ATTEMPTS	10

/*
 * Sends @msg (and frees it), collecting the replies into *@v, *@n; a
 * dump that was interrupted is sent again, up to DUMP_ATTEMPTS times.
 */
static int collect(struct nl_sock *sk, struct nl_msg *msg, nlu_msg_fn fn,
		   size_t size, void **v, size_t *n, struct nlu_err *e)
{
	struct vec l = { .size = size };
	int attempt, ret;

	*v = NULL;
	*n = 0;
	if (!msg)
		return set_nomem(e);
	for (attempt = 1;; attempt++) {
		l.n = 0;
		ret = nlu_transact(sk, msg, fn, &l, e);
		if (!ret || e->nlerr != NLE_DUMP_INTR ||
		    attempt == DUMP_ATTEMPTS)
			break;
		/* a new request: a new sequence number */
		nlmsg_hdr(msg)->nlmsg_seq = NL_AUTO_SEQ;
	}
	nlmsg_free(msg);
	if (ret) {
		if (e->nlerr == NLE_DUMP_INTR)
			snprintf(e->msg, sizeof(e->msg),
				 "the table changed during each of %d dumps; run the command again",
				 DUMP_ATTEMPTS);
		free(l.v);
		return -1;
	}
	*v = l.v;
	*n = l.n;
	return 0;
}

int vnetfab_get_segments(struct nl_sock *sk, int family, const char *ifname,
			 struct vnetfab_segment **segs, size_t *n,
			 struct nlu_err *e)
{
	int flags = ifname ? NLM_F_ACK : NLM_F_DUMP;
	void *v;
	int ret;

	ret = collect(sk, vnetfab_genl_req(family, VNETFAB_CMD_GET_SEGMENT,
					   flags, ifname),
		      seg_cb, sizeof(**segs), &v, n, e);
	*segs = v;
	return ret;
}

int vnetfab_get_peers(struct nl_sock *sk, int family, const char *ifname,
		      struct vnetfab_peer **peers, size_t *n,
		      struct nlu_err *e)
{
	void *v;
	int ret;

	ret = collect(sk, vnetfab_genl_req(family, VNETFAB_CMD_GET_PEER,
					   NLM_F_DUMP, ifname),
		      peer_cb, sizeof(**peers), &v, n, e);
	*peers = v;
	return ret;
}

int vnetfab_get_fdb(struct nl_sock *sk, int family, const char *ifname,
		    struct vnetfab_fdb **fdb, size_t *n, struct nlu_err *e)
{
	void *v;
	int ret;

	ret = collect(sk, vnetfab_genl_req(family, VNETFAB_CMD_GET_FDB,
					   NLM_F_DUMP, ifname),
		      fdb_cb, sizeof(**fdb), &v, n, e);
	*fdb = v;
	return ret;
}
