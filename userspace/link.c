// SPDX-License-Identifier: GPL-2.0
/*
 * link.c - create and delete vnetfab segment devices over rtnetlink.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include <linux/vnetfab.h>

#include "link.h"

static struct nl_msg *link_msg(int type, int flags, int ifindex)
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

static int run(int type, int flags, int ifindex, const char *ifname,
	       nlu_msg_fn fn, void *arg, struct nlu_err *e)
{
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret;

	if (nlu_open(&sk, NETLINK_ROUTE, e))
		return -1;
	msg = link_msg(type, flags, ifindex);
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

int vnetfab_link_add(const char *ifname, bool has_id, uint32_t id,
		     bool has_encap, uint8_t encap, struct nlu_err *e)
{
	struct nlattr *linkinfo, *data;
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret;

	if (nlu_open(&sk, NETLINK_ROUTE, e))
		return -1;
	msg = link_msg(RTM_NEWLINK,
		       NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, 0);
	if (!msg)
		goto nomem;
	if (nla_put_string(msg, IFLA_IFNAME, ifname) < 0)
		goto nomem;
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo || nla_put_string(msg, IFLA_INFO_KIND, VNETFAB_KIND) < 0)
		goto nomem;
	if (has_id || has_encap) {
		data = nla_nest_start(msg, IFLA_INFO_DATA);
		if (!data)
			goto nomem;
		if (has_id && nla_put_u32(msg, IFLA_VNETFAB_ID, id) < 0)
			goto nomem;
		if (has_encap && nla_put_u8(msg, IFLA_VNETFAB_ENCAP, encap) < 0)
			goto nomem;
		nla_nest_end(msg, data);
	}
	nla_nest_end(msg, linkinfo);

	ret = nlu_transact(sk, msg, NULL, NULL, e);
	nlmsg_free(msg);
	nlu_close(sk);
	return ret;

nomem:
	nlmsg_free(msg);
	nlu_close(sk);
	return set_nomem(e);
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

int vnetfab_link_del(const char *ifname, struct nlu_err *e)
{
	struct lookup lk = { 0 };

	if (run(RTM_GETLINK, NLM_F_ACK, 0, ifname, getlink_cb, &lk, e))
		return -1;
	if (!lk.found || lk.ifindex <= 0) {
		e->err = ENODEV;
		return -1;
	}
	if (!lk.is_vnetfab)
		return VNETFAB_LINK_NOTSEG;
	return run(RTM_DELLINK, NLM_F_ACK, lk.ifindex, NULL, NULL, NULL, e);
}
