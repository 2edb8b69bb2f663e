// SPDX-License-Identifier: GPL-2.0
/*
 * genl.c - the vnetfab generic netlink family: segments, peers, MAC table.
 * Requests and dumps; genlparse.c decodes the replies.
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
