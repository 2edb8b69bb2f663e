// SPDX-License-Identifier: GPL-2.0
/*
 * link.c - create, change and delete vnetfab segment devices over
 * rtnetlink.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include <linux/vnetfab.h>

#include "link.h"

struct nl_msg *vnetfab_link_msg(int type, int flags, int ifindex)
{
	struct ifinfomsg ifm = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
	};
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(type, flags);
	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ifm, sizeof(ifm), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int set_nomem(struct nlu_err *e)
{
	e->err = ENOMEM;
	e->nlerr = 0;
	e->msg[0] = '\0';
	return -1;
}

int vnetfab_link_run(int type, int flags, int ifindex, const char *ifname,
		     nlu_msg_fn fn, void *arg, struct nlu_err *e)
{
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret;

	if (nlu_open(&sk, NETLINK_ROUTE, e))
		return -1;
	msg = vnetfab_link_msg(type, flags, ifindex);
	if (!msg || (ifname && nla_put_string(msg, IFLA_IFNAME, ifname) < 0)) {
		nlmsg_free(msg);
		nlu_close(sk);
		return set_nomem(e);
	}
	ret = nlu_transact(sk, msg, fn, arg, e);
	nlmsg_free(msg);
	nlu_close(sk);
	return ret;
}

static bool has_data(const struct vf_args *a)
{
	return a->has_id || a->has_encap || a->has_local || a->link ||
	       a->has_dstport || a->has_ttl || a->has_tos || a->has_df ||
	       a->has_ageing || a->has_learning || a->has_maxaddr ||
	       a->has_probe || a->has_probe_misses || a->has_hold_down ||
	       a->has_peer_storm || a->has_peer_storm_burst ||
	       a->has_share || a->has_priority;
}

/* IFLA_VNETFAB_* of what the user gave; 0 or -1 (no room) */
static int put_data(struct nl_msg *msg, const struct vf_args *a,
		    uint32_t link_ifindex)
{
	const struct vf_addr *l = &a->local;

	if (a->has_id && nla_put_u32(msg, IFLA_VNETFAB_ID, a->id) < 0)
		return -1;
	if (a->has_encap && nla_put_u8(msg, IFLA_VNETFAB_ENCAP, a->encap) < 0)
		return -1;
	if (a->has_local) {
		if (l->family == AF_INET) {
			if (nla_put(msg, IFLA_VNETFAB_LOCAL, sizeof(l->v4),
				    &l->v4) < 0)
				return -1;
		} else if (l->family == AF_INET6) {
			if (nla_put(msg, IFLA_VNETFAB_LOCAL6, sizeof(l->v6),
				    &l->v6) < 0)
				return -1;
		} else {
			return -1;
		}
	}
	if (a->has_dstport &&
	    nla_put_u16(msg, IFLA_VNETFAB_DSTPORT, a->dstport) < 0)
		return -1;
	if (a->link && nla_put_u32(msg, IFLA_VNETFAB_LINK, link_ifindex) < 0)
		return -1;
	if (a->has_ttl && nla_put_u8(msg, IFLA_VNETFAB_TTL, a->ttl) < 0)
		return -1;
	if (a->has_tos && nla_put_u8(msg, IFLA_VNETFAB_TOS, a->tos) < 0)
		return -1;
	if (a->has_df && nla_put_u8(msg, IFLA_VNETFAB_DF, a->df) < 0)
		return -1;
	if (a->has_ageing &&
	    nla_put_u32(msg, IFLA_VNETFAB_AGEING, a->ageing) < 0)
		return -1;
	if (a->has_learning &&
	    nla_put_u8(msg, IFLA_VNETFAB_LEARNING, a->learning) < 0)
		return -1;
	if (a->has_maxaddr &&
	    nla_put_u32(msg, IFLA_VNETFAB_MAX_ADDRS, a->maxaddr) < 0)
		return -1;
	if (a->has_probe &&
	    nla_put_u32(msg, IFLA_VNETFAB_PROBE_INTERVAL, a->probe) < 0)
		return -1;
	if (a->has_probe_misses &&
	    nla_put_u8(msg, IFLA_VNETFAB_PROBE_MISSES, a->probe_misses) < 0)
		return -1;
	if (a->has_hold_down &&
	    nla_put_u32(msg, IFLA_VNETFAB_HOLD_DOWN, a->hold_down) < 0)
		return -1;
	if (a->has_share &&
	    nla_put_u32(msg, IFLA_VNETFAB_SHARE, a->share) < 0)
		return -1;
	if (a->has_priority &&
	    nla_put_u8(msg, IFLA_VNETFAB_PRIORITY, a->priority) < 0)
		return -1;
	if (a->has_peer_storm &&
	    nla_put_u32(msg, IFLA_VNETFAB_PEER_STORM_PPS, a->peer_storm) < 0)
		return -1;
	if (a->has_peer_storm_burst &&
	    nla_put_u32(msg, IFLA_VNETFAB_PEER_STORM_BURST,
			a->peer_storm_burst) < 0)
		return -1;
	return 0;
}

struct nl_msg *vnetfab_link_req(const struct vf_args *a, int ifindex,
				uint32_t link_ifindex)
{
	bool add = a->cmd == VF_CMD_SEG_ADD;
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;

	msg = vnetfab_link_msg(RTM_NEWLINK,
		       add ? NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK : NLM_F_ACK,
		       add ? 0 : ifindex);
	if (!msg)
		return NULL;
	if (add && nla_put_string(msg, IFLA_IFNAME, a->ifname) < 0)
		goto fail;
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo || nla_put_string(msg, IFLA_INFO_KIND, VNETFAB_KIND) < 0)
		goto fail;
	if (has_data(a)) {
		data = nla_nest_start(msg, IFLA_INFO_DATA);
		if (!data || put_data(msg, a, link_ifindex))
			goto fail;
		nla_nest_end(msg, data);
	}
	nla_nest_end(msg, linkinfo);
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

int vnetfab_rtnl_run(struct nl_msg *msg, nlu_msg_fn fn, void *arg,
		     struct nlu_err *e)
{
	struct nl_sock *sk;
	int ret;

	if (!msg)
		return set_nomem(e);
	if (nlu_open(&sk, NETLINK_ROUTE, e)) {
		nlmsg_free(msg);
		return -1;
	}
	ret = nlu_transact(sk, msg, fn, arg, e);
	nlmsg_free(msg);
	nlu_close(sk);
	return ret;
}

int vnetfab_link_send(struct nl_msg *msg, struct nlu_err *e)
{
	return vnetfab_rtnl_run(msg, NULL, NULL, e);
}

int vnetfab_link_add(const struct vf_args *a, uint32_t link_ifindex,
		     struct nlu_err *e)
{
	return vnetfab_link_send(vnetfab_link_req(a, 0, link_ifindex), e);
}

struct lookup {
	int ifindex;
	bool is_vnetfab;
	bool found;
};

static int getlink_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct lookup *lk = arg;
	struct ifinfomsg *ifm;
	const char *kind;
	int len;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(nlh, sizeof(*ifm), tb, IFLA_MAX, NULL) < 0)
		return 0;
	ifm = nlmsg_data(nlh);
	lk->found = true;
	lk->ifindex = ifm->ifi_index;
	if (!tb[IFLA_LINKINFO] ||
	    nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) < 0 ||
	    !li[IFLA_INFO_KIND])
		return 0;
	kind = nla_data(li[IFLA_INFO_KIND]);
	len = nla_len(li[IFLA_INFO_KIND]);
	lk->is_vnetfab = strnlen(kind, (size_t)len) == strlen(VNETFAB_KIND) &&
			 !memcmp(kind, VNETFAB_KIND, strlen(VNETFAB_KIND));
	return 0;
}

/*
 * The ifindex of segment @ifname in *@ifindex: returns 0, -1 with @e filled
 * in, or VNETFAB_LINK_NOTSEG.
 */
static int lookup_segment(const char *ifname, int *ifindex, struct nlu_err *e)
{
	struct lookup lk = { 0 };

	if (vnetfab_link_run(RTM_GETLINK, NLM_F_ACK, 0, ifname, getlink_cb, &lk, e))
		return -1;
	if (!lk.found || lk.ifindex <= 0) {
		e->err = ENODEV;
		return -1;
	}
	if (!lk.is_vnetfab)
		return VNETFAB_LINK_NOTSEG;
	*ifindex = lk.ifindex;
	return 0;
}

int vnetfab_link_set(const struct vf_args *a, struct nlu_err *e)
{
	int ifindex, ret;

	ret = lookup_segment(a->ifname, &ifindex, e);
	if (ret)
		return ret;
	return vnetfab_link_send(vnetfab_link_req(a, ifindex, 0), e);
}

int vnetfab_link_del(const char *ifname, struct nlu_err *e)
{
	int ifindex, ret;

	ret = lookup_segment(ifname, &ifindex, e);
	if (ret)
		return ret;
	return vnetfab_link_run(RTM_DELLINK, NLM_F_ACK, ifindex, NULL, NULL, NULL, e);
}
