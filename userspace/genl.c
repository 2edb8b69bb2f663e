// SPDX-License-Identifier: GPL-2.0
/*
 * genl.c - the vnetfab generic netlink family (reads).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

static bool get_u8(const struct nlattr *a, uint8_t *v)
{
	if (!a || nla_len(a) < (int)sizeof(*v))
		return false;
	*v = nla_get_u8((struct nlattr *)a);
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

static void parse_stats(struct nlattr *nest, struct vnetfab_segment *seg)
{
	static const int map[SEG_ST_N] = {
		[SEG_ST_RX_PACKETS] = VNETFAB_STATS_RX_PACKETS,
		[SEG_ST_RX_BYTES]   = VNETFAB_STATS_RX_BYTES,
		[SEG_ST_TX_PACKETS] = VNETFAB_STATS_TX_PACKETS,
		[SEG_ST_TX_BYTES]   = VNETFAB_STATS_TX_BYTES,
		[SEG_ST_TX_DROPPED] = VNETFAB_STATS_TX_DROPPED,
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
	return 0;
}

struct seg_list {
	struct vnetfab_segment *v;
	size_t n, cap;
};

static int seg_cb(struct nl_msg *msg, void *arg)
{
	struct seg_list *l = arg;
	struct vnetfab_segment seg, *nv;
	size_t cap;

	if (vnetfab_parse_segment(nlmsg_hdr(msg), &seg))
		return 0;	/* not ours to judge: skip what we cannot read */
	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 8;
		nv = realloc(l->v, cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = seg;
	return 0;
}

int vnetfab_get_segments(struct nl_sock *sk, int family, const char *ifname,
			 struct vnetfab_segment **segs, size_t *n,
			 struct nlu_err *e)
{
	struct seg_list l = { 0 };
	struct nl_msg *msg;
	int flags = ifname ? NLM_F_ACK : NLM_F_DUMP;

	*segs = NULL;
	*n = 0;
	msg = nlmsg_alloc();
	if (!msg)
		goto nomem;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 VNETFAB_CMD_GET_SEGMENT, VNETFAB_GENL_VERSION))
		goto nomem;
	if (ifname && nla_put_string(msg, VNETFAB_A_IFNAME, ifname) < 0)
		goto nomem;

	if (nlu_transact(sk, msg, seg_cb, &l, e)) {
		nlmsg_free(msg);
		free(l.v);
		return -1;
	}
	nlmsg_free(msg);
	*segs = l.v;
	*n = l.n;
	return 0;

nomem:
	nlmsg_free(msg);	/* NULL is fine */
	e->err = ENOMEM;
	e->nlerr = 0;
	e->msg[0] = '\0';
	return -1;
}
