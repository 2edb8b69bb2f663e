// SPDX-License-Identifier: GPL-2.0
/*
 * The segment device: an Ethernet netdev created with
 * "ip link add fab0 type vnetfab", its rtnetlink link ops and its
 * netdev ops.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "device.h"
#include "uapi/linux/vnetfab.h"

/* Outer IPv6 + UDP + VXLAN + inner Ethernet: the most a frame can grow. */
#define VNETFAB_MAX_OVERHEAD	(sizeof(struct ipv6hdr) + 8 + 8 + ETH_HLEN)

static int vnetfab_dev_init(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	return 0;
}

static void vnetfab_dev_uninit(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static int vnetfab_open(struct net_device *dev)
{
	netif_carrier_on(dev);
	return 0;
}

static int vnetfab_stop(struct net_device *dev)
{
	netif_carrier_off(dev);
	return 0;
}

static netdev_tx_t vnetfab_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* No port and no peer to deliver to yet: count and drop. */
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops vnetfab_netdev_ops = {
	.ndo_init		= vnetfab_dev_init,
	.ndo_uninit		= vnetfab_dev_uninit,
	.ndo_open		= vnetfab_open,
	.ndo_stop		= vnetfab_stop,
	.ndo_start_xmit		= vnetfab_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static void vnetfab_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &vnetfab_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	vnetfab_set_lltx(dev);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - VNETFAB_MAX_OVERHEAD;
	eth_hw_addr_random(dev);
}

static const struct nla_policy vnetfab_link_policy[IFLA_VNETFAB_MAX + 1] = {
	[IFLA_VNETFAB_ID]	= { .type = NLA_U32 },
	[IFLA_VNETFAB_ENCAP]	= { .type = NLA_U8 },
};

static int vnetfab_validate(struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "MAC address must be 6 bytes");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "MAC address must be unicast and not all-zero");
			return -EADDRNOTAVAIL;
		}
	}
	if (!data)
		return 0;
	if (data[IFLA_VNETFAB_ID]) {
		u32 id = nla_get_u32(data[IFLA_VNETFAB_ID]);

		if (id < VNETFAB_ID_MIN || id > VNETFAB_ID_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_ID],
					    "segment id must be 1..16777215");
			return -ERANGE;
		}
	}
	if (data[IFLA_VNETFAB_ENCAP] &&
	    nla_get_u8(data[IFLA_VNETFAB_ENCAP]) > VNETFAB_ENCAP_GRE) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_ENCAP],
				    "encap must be udp (0) or gre (1)");
		return -EINVAL;
	}
	return 0;
}

static int vnetfab_newlink(struct net *src_net, struct net_device *dev,
			   struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(dev);

	vf->dev = dev;
	vf->id = VNETFAB_ID_DEFAULT;
	vf->encap = VNETFAB_ENCAP_UDP;
	if (data && data[IFLA_VNETFAB_ID])
		vf->id = nla_get_u32(data[IFLA_VNETFAB_ID]);
	if (data && data[IFLA_VNETFAB_ENCAP])
		vf->encap = nla_get_u8(data[IFLA_VNETFAB_ENCAP]);

	return register_netdevice(dev);
}

static int vnetfab_changelink(struct net_device *dev, struct nlattr *tb[],
			      struct nlattr *data[],
			      struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(dev);

	if (!data)
		return 0;
	if (data[IFLA_VNETFAB_ID] &&
	    nla_get_u32(data[IFLA_VNETFAB_ID]) != vf->id) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_ID],
				    "segment id is fixed at creation; delete and re-create the device");
		return -EOPNOTSUPP;
	}
	if (data[IFLA_VNETFAB_ENCAP] &&
	    nla_get_u8(data[IFLA_VNETFAB_ENCAP]) != vf->encap) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_ENCAP],
				    "encap is fixed at creation; delete and re-create the device");
		return -EOPNOTSUPP;
	}
	return 0;
}

static size_t vnetfab_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +	/* IFLA_VNETFAB_ID */
	       nla_total_size(sizeof(u8));	/* IFLA_VNETFAB_ENCAP */
}

static int vnetfab_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct vnetfab_dev *vf = netdev_priv(dev);

	if (nla_put_u32(skb, IFLA_VNETFAB_ID, vf->id) ||
	    nla_put_u8(skb, IFLA_VNETFAB_ENCAP, vf->encap))
		return -EMSGSIZE;
	return 0;
}

struct rtnl_link_ops vnetfab_link_ops __read_mostly = {
	.kind		= VNETFAB_KIND,
	.priv_size	= sizeof(struct vnetfab_dev),
	.maxtype	= IFLA_VNETFAB_MAX,
	.policy		= vnetfab_link_policy,
	.setup		= vnetfab_setup,
	.validate	= vnetfab_validate,
	.newlink	= vnetfab_newlink,
	.changelink	= vnetfab_changelink,
	.get_size	= vnetfab_get_size,
	.fill_info	= vnetfab_fill_info,
};

int __init vnetfab_device_init(void)
{
	return rtnl_link_register(&vnetfab_link_ops);
}

void vnetfab_device_uninit(void)
{
	rtnl_link_unregister(&vnetfab_link_ops);
}
