// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "vnetfab": state and counters of the
 * segments in the caller's network namespace.
 */

#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "device.h"
#include "netlink.h"
#include "uapi/linux/vnetfab.h"

static struct genl_family vnetfab_genl_family;

static const struct nla_policy vnetfab_policy[VNETFAB_A_MAX + 1] = {
	[VNETFAB_A_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[VNETFAB_A_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

static int vnetfab_put_stats(struct sk_buff *skb, struct net_device *dev)
{
	struct rtnl_link_stats64 st;
	struct nlattr *nest;

	dev_get_stats(dev, &st);
	nest = nla_nest_start(skb, VNETFAB_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VNETFAB_STATS_RX_PACKETS, st.rx_packets,
			      VNETFAB_STATS_PAD) ||
	    nla_put_u64_64bit(skb, VNETFAB_STATS_RX_BYTES, st.rx_bytes,
			      VNETFAB_STATS_PAD) ||
	    nla_put_u64_64bit(skb, VNETFAB_STATS_TX_PACKETS, st.tx_packets,
			      VNETFAB_STATS_PAD) ||
	    nla_put_u64_64bit(skb, VNETFAB_STATS_TX_BYTES, st.tx_bytes,
			      VNETFAB_STATS_PAD) ||
	    nla_put_u64_64bit(skb, VNETFAB_STATS_TX_DROPPED, st.tx_dropped,
			      VNETFAB_STATS_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Caller holds RCU or RTNL, so @dev stays valid. */
static int vnetfab_fill_segment(struct sk_buff *skb, struct net_device *dev,
				u32 portid, u32 seq, int flags,
				struct netlink_callback *cb)
{
	const struct vnetfab_dev *vf = netdev_priv(dev);
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vnetfab_genl_family, flags,
			  VNETFAB_CMD_GET_SEGMENT);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);

	if (nla_put_u32(skb, VNETFAB_A_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VNETFAB_A_IFNAME, dev->name) ||
	    nla_put_u32(skb, VNETFAB_A_ID, vf->id) ||
	    nla_put_u8(skb, VNETFAB_A_ENCAP, vf->encap) ||
	    nla_put_u32(skb, VNETFAB_A_MTU, READ_ONCE(dev->mtu)) ||
	    nla_put_u8(skb, VNETFAB_A_OPER_UP, netif_oper_up(dev)) ||
	    vnetfab_put_stats(skb, dev)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vnetfab_get_segment_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct net_device *dev = NULL;
	struct nlattr *attr = NULL;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rcu_read_lock();
	if (info->attrs[VNETFAB_A_IFINDEX]) {
		attr = info->attrs[VNETFAB_A_IFINDEX];
		dev = dev_get_by_index_rcu(net, nla_get_u32(attr));
	} else if (info->attrs[VNETFAB_A_IFNAME]) {
		attr = info->attrs[VNETFAB_A_IFNAME];
		dev = dev_get_by_name_rcu(net, nla_data(attr));
	}
	if (!attr) {
		NL_SET_ERR_MSG(info->extack,
			       "name the segment with VNETFAB_A_IFINDEX or VNETFAB_A_IFNAME, or dump all");
		err = -EINVAL;
		goto err_unlock;
	}
	if (!dev || !netif_is_vnetfab(dev)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "no vnetfab device by that name or index in this network namespace");
		err = -ENODEV;
		goto err_unlock;
	}
	err = vnetfab_fill_segment(msg, dev, info->snd_portid, info->snd_seq,
				   0, NULL);
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);

err_unlock:
	rcu_read_unlock();
	nlmsg_free(msg);
	return err;
}

/* cb->args[0]: how many vnetfab devices earlier parts of the dump sent. */
static int vnetfab_get_segment_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long skip = cb->args[0], idx = 0;
	struct net_device *dev;
	int err = 0;

	rcu_read_lock();
	cb->seq = READ_ONCE(net->dev_base_seq);
	for_each_netdev_rcu(net, dev) {
		if (!netif_is_vnetfab(dev))
			continue;
		if (idx < skip) {
			idx++;
			continue;
		}
		err = vnetfab_fill_segment(skb, dev,
					   NETLINK_CB(cb->skb).portid,
					   cb->nlh->nlmsg_seq, NLM_F_MULTI, cb);
		if (err)
			break;
		idx++;
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	/* A full skb ends this part; the core calls us again. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static const struct genl_ops vnetfab_genl_ops[] = {
	{
		.cmd	= VNETFAB_CMD_GET_SEGMENT,
		.doit	= vnetfab_get_segment_doit,
		.dumpit	= vnetfab_get_segment_dumpit,
		/* reading is open to unprivileged users, like ip link */
	},
};

static struct genl_family vnetfab_genl_family __ro_after_init = {
	.name		= VNETFAB_GENL_NAME,
	.version	= VNETFAB_GENL_VERSION,
	.maxattr	= VNETFAB_A_MAX,
	.policy		= vnetfab_policy,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= vnetfab_genl_ops,
	.n_ops		= ARRAY_SIZE(vnetfab_genl_ops),
	.resv_start_op	= VNETFAB_CMD_GET_SEGMENT,
};

int __init vnetfab_genetlink_init(void)
{
	return genl_register_family(&vnetfab_genl_family);
}

void vnetfab_genetlink_uninit(void)
{
	genl_unregister_family(&vnetfab_genl_family);
}
