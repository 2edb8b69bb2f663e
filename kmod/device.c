// SPDX-License-Identifier: GPL-2.0
/*
 * The segment device: an Ethernet netdev created with
 * "ip link add fab0 type vnetfab", its rtnetlink link ops, its netdev
 * ops, and the per-netns bookkeeping of segments by underlay netns.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "device.h"
#include "fdb.h"
#include "forward.h"
#include "gre.h"
#include "liveness.h"
#include "lower.h"
#include "offload.h"
#include "ndo_fdb.h"
#include "netlink.h"
#include "peer.h"
#include "port.h"
#include "portsec.h"
#include "share.h"
#include "udp.h"
#include "xmit.h"
#include "uapi/linux/vnetfab.h"

static unsigned int vnetfab_net_id __read_mostly;

struct vnetfab_net *vnetfab_net(struct net *net)
{
	return net_generic(net, vnetfab_net_id);
}

static int vnetfab_dev_init(struct net_device *dev)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	int err;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	vf->stats = netdev_alloc_pcpu_stats(struct vnetfab_pcpu_stats);
	if (!vf->stats) {
		err = -ENOMEM;
		goto err_tstats;
	}
	err = gro_cells_init(&vf->gro_cells, dev);
	if (err)
		goto err_stats;
	err = vnetfab_peer_hash_init(vf);
	if (err)
		goto err_gro;
	err = vnetfab_fdb_init(vf);
	if (err)
		goto err_peer_hash;
	vnetfab_fdb_start(vf);
	return 0;

err_peer_hash:
	vnetfab_peer_hash_destroy(vf);
err_gro:
	gro_cells_destroy(&vf->gro_cells);
err_stats:
	free_percpu(vf->stats);
err_tstats:
	free_percpu(dev->tstats);
	return err;
}

/* After unregistration: no frame reaches the device any more. */
static void vnetfab_dev_uninit(struct net_device *dev)
{
	struct vnetfab_dev *vf = netdev_priv(dev);

	vnetfab_port_del_all(vf);
	vnetfab_peer_del_all(vf);
	vnetfab_peer_hash_destroy(vf);
	vnetfab_fdb_uninit(vf);
	gro_cells_destroy(&vf->gro_cells);
	free_percpu(vf->stats);
	free_percpu(dev->tstats);
}

static int vnetfab_open(struct net_device *dev)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	int err;

	/* GRE receives from the moment of creation (gre.c) */
	if (vf->encap != VNETFAB_ENCAP_UDP)
		goto up;
	err = vnetfab_udp_open(vf);
	if (err) {
		vnetfab_udp_stop(vf);
		return err;
	}
up:
	netif_carrier_on(dev);
	vnetfab_liveness_update_all(vf);
	return 0;
}

static int vnetfab_stop(struct net_device *dev)
{
	struct vnetfab_dev *vf = netdev_priv(dev);

	netif_carrier_off(dev);
	vnetfab_liveness_update_all(vf);
	if (vf->encap == VNETFAB_ENCAP_UDP)
		vnetfab_udp_stop(vf);
	return 0;
}

/* The host endpoint sends a frame into the segment. */
static netdev_tx_t vnetfab_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vnetfab_dev *vf = netdev_priv(dev);

	dev_sw_netstats_tx_add(dev, 1, skb->len);
	rcu_read_lock();
	vnetfab_forward(vf, skb, &vf->local_ep, true);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

void vnetfab_get_stats(struct vnetfab_dev *vf, u64 *sum)
{
	u64 v[VNETFAB_CNT_MAX];
	unsigned int start;
	int cpu, i;

	memset(sum, 0, sizeof(u64) * VNETFAB_CNT_MAX);
	for_each_possible_cpu(cpu) {
		const struct vnetfab_pcpu_stats *s = per_cpu_ptr(vf->stats, cpu);

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < VNETFAB_CNT_MAX; i++)
				v[i] = u64_stats_read(&s->c[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i < VNETFAB_CNT_MAX; i++)
			sum[i] += v[i];
	}
}

static void vnetfab_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *stats)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	u64 sum[VNETFAB_CNT_MAX];

	dev_get_tstats64(dev, stats);
	vnetfab_get_stats(vf, sum);
	stats->tx_errors += sum[VNETFAB_CNT_TX_ERRORS];
	stats->tx_dropped += sum[VNETFAB_CNT_TOO_BIG];
}

static const struct net_device_ops vnetfab_netdev_ops = {
	.ndo_init		= vnetfab_dev_init,
	.ndo_uninit		= vnetfab_dev_uninit,
	.ndo_open		= vnetfab_open,
	.ndo_stop		= vnetfab_stop,
	.ndo_start_xmit		= vnetfab_xmit,
	.ndo_get_stats64	= vnetfab_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_add_slave		= vnetfab_port_add,
	.ndo_del_slave		= vnetfab_port_del,
	.ndo_fdb_add		= vnetfab_ndo_fdb_add,
	.ndo_fdb_del		= vnetfab_ndo_fdb_del,
	.ndo_fdb_del_bulk	= vnetfab_ndo_fdb_del_bulk,
	.ndo_fdb_dump		= vnetfab_ndo_fdb_dump,
	.ndo_fdb_get		= vnetfab_ndo_fdb_get,
};

#define VNETFAB_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM | \
			  NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE)

static void vnetfab_setup(struct net_device *dev)
{
	struct vnetfab_dev *vf = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &vnetfab_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	vnetfab_set_lltx(dev);
	dev->features |= VNETFAB_FEATURES;
	dev->hw_features |= VNETFAB_FEATURES;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - VNETFAB_UDP6_OVERHEAD - ETH_HLEN;
	dev->needed_headroom = LL_MAX_HEADER + VNETFAB_UDP6_OVERHEAD;
	eth_hw_addr_random(dev);

	vf->dev = dev;
	vf->local_ep.kind = VNETFAB_EP_LOCAL;
	INIT_LIST_HEAD(&vf->ports);
	INIT_LIST_HEAD(&vf->peers);
	INIT_LIST_HEAD(&vf->net_list);
	INIT_HLIST_NODE(&vf->vni_node4);
	INIT_HLIST_NODE(&vf->vni_node6);
	INIT_HLIST_NODE(&vf->gre_node);
}

static const struct nla_policy vnetfab_link_policy[IFLA_VNETFAB_MAX + 1] = {
	[IFLA_VNETFAB_ID]	 = { .type = NLA_U32 },
	[IFLA_VNETFAB_ENCAP]	 = { .type = NLA_U8 },
	[IFLA_VNETFAB_LOCAL]	 = { .type = NLA_BE32 },
	[IFLA_VNETFAB_LOCAL6]	 = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[IFLA_VNETFAB_DSTPORT]	 = { .type = NLA_U16 },
	[IFLA_VNETFAB_LINK]	 = { .type = NLA_U32 },
	[IFLA_VNETFAB_TTL]	 = { .type = NLA_U8 },
	[IFLA_VNETFAB_TOS]	 = { .type = NLA_U8 },
	[IFLA_VNETFAB_DF]	 = { .type = NLA_U8 },
	[IFLA_VNETFAB_AGEING]	 = { .type = NLA_U32 },
	[IFLA_VNETFAB_LEARNING] = { .type = NLA_U8 },
	[IFLA_VNETFAB_MAX_ADDRS] = { .type = NLA_U32 },
	[IFLA_VNETFAB_PEERS]	 = { .type = NLA_NESTED },
	[IFLA_VNETFAB_PROBE_INTERVAL] = { .type = NLA_U32 },
	[IFLA_VNETFAB_PROBE_MISSES] = { .type = NLA_U8 },
	[IFLA_VNETFAB_HOLD_DOWN] = { .type = NLA_U32 },
	[IFLA_VNETFAB_PEER_STORM_PPS] = { .type = NLA_U32 },
	[IFLA_VNETFAB_PEER_STORM_BURST] = { .type = NLA_U32 },
	[IFLA_VNETFAB_SHARE]	 = { .type = NLA_U32 },
	[IFLA_VNETFAB_PRIORITY] = { .type = NLA_U8 },
	[IFLA_VNETFAB_SHARE_CLASS] = {
		.type = NLA_REJECT,
		.reject_message = "the share class is read only: it is picked when a share is set",
	},
	[IFLA_VNETFAB_N_PEERS]	 = { .type = NLA_REJECT,
				     .reject_message = "n_peers is read only" },
};

/*
 * rtnetlink parses IFLA_INFO_DATA liberally, so lengths are checked here
 * as well as ranges, each with a message a user can act on.
 */
struct vnetfab_range {
	int attr;
	int len;
	u32 min, max;
	const char *msg;
};

static const struct vnetfab_range vnetfab_ranges[] = {
	{ IFLA_VNETFAB_ID, 4, VNETFAB_ID_MIN, VNETFAB_ID_MAX,
	  "segment id must be 1..16777215" },
	{ IFLA_VNETFAB_ENCAP, 1, VNETFAB_ENCAP_UDP, VNETFAB_ENCAP_GRE,
	  "encap must be udp (0) or gre (1)" },
	{ IFLA_VNETFAB_DSTPORT, 2, VNETFAB_DSTPORT_MIN, VNETFAB_DSTPORT_MAX,
	  "dstport must be 1..65535" },
	{ IFLA_VNETFAB_LINK, 4, 0, INT_MAX, "dev must be an ifindex" },
	{ IFLA_VNETFAB_TTL, 1, VNETFAB_TTL_MIN, VNETFAB_TTL_MAX,
	  "ttl must be 1..255" },
	{ IFLA_VNETFAB_TOS, 1, 0, VNETFAB_TOS_MAX,
	  "tos must be 0..255 (1: inherit)" },
	{ IFLA_VNETFAB_DF, 1, VNETFAB_DF_UNSET, VNETFAB_DF_INHERIT,
	  "df must be unset (0), set (1) or inherit (2)" },
	{ IFLA_VNETFAB_AGEING, 4, VNETFAB_AGEING_MIN, VNETFAB_AGEING_MAX,
	  "ageing must be 1..1000000 seconds" },
	{ IFLA_VNETFAB_LEARNING, 1, 0, 1, "learning must be 0 or 1" },
	{ IFLA_VNETFAB_MAX_ADDRS, 4, VNETFAB_MAX_ADDRS_MIN,
	  VNETFAB_MAX_ADDRS_MAX,
	  "maxaddr must be 1..16777216" },
	{ IFLA_VNETFAB_LOCAL, 4, 0, U32_MAX,
	  "local must be an IPv4 address (4 bytes)" },
	{ IFLA_VNETFAB_PROBE_INTERVAL, 4, 0, VNETFAB_PROBE_INTERVAL_MAX,
	  "probe interval must be 0 (off) or 100..60000 ms" },
	{ IFLA_VNETFAB_PROBE_MISSES, 1, VNETFAB_PROBE_MISSES_MIN, 255,
	  "probe misses must be 2..255" },
	{ IFLA_VNETFAB_HOLD_DOWN, 4, 0, VNETFAB_HOLD_DOWN_MAX,
	  "hold-down must be 0..600000 ms" },
	{ IFLA_VNETFAB_PEER_STORM_PPS, 4, 0, VNETFAB_STORM_PPS_MAX,
	  "peer-storm must be 0 (off)..100000000 frames a second" },
	{ IFLA_VNETFAB_PEER_STORM_BURST, 4, 0, VNETFAB_STORM_PPS_MAX,
	  "peer-storm-burst must be 0 (a second's worth)..100000000 frames" },
	{ IFLA_VNETFAB_SHARE, 4, 0, VNETFAB_SHARE_MAX,
	  "share must be 0 (none)..10000" },
	{ IFLA_VNETFAB_PRIORITY, 1, 0, VNETFAB_PRIORITY_MAX,
	  "priority must be 0..7 (7 is sent first)" },
};

/* NL_SET_ERR_MSG_ATTR for a message from a table of static strings */
static void vnetfab_bad_attr(struct netlink_ext_ack *extack,
			     const struct nlattr *attr, const char *msg)
{
	NL_SET_BAD_ATTR(extack, attr);
	if (extack)
		extack->_msg = msg;
}

static u32 vnetfab_nla_uint(const struct nlattr *nla)
{
	switch (nla_len(nla)) {
	case 1:
		return nla_get_u8(nla);
	case 2:
		return nla_get_u16(nla);
	default:
		return nla_get_u32(nla);
	}
}

static int vnetfab_validate(struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	const struct vnetfab_range *r;

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
	for (r = vnetfab_ranges; r < vnetfab_ranges + ARRAY_SIZE(vnetfab_ranges); r++) {
		u32 v;

		if (!data[r->attr])
			continue;
		if (nla_len(data[r->attr]) != r->len) {
			vnetfab_bad_attr(extack, data[r->attr], r->msg);
			return -EINVAL;
		}
		v = vnetfab_nla_uint(data[r->attr]);
		if (v < r->min || v > r->max) {
			vnetfab_bad_attr(extack, data[r->attr], r->msg);
			return -ERANGE;
		}
	}
	if (data[IFLA_VNETFAB_PROBE_INTERVAL] &&
	    vnetfab_probe_interval_check(data[IFLA_VNETFAB_PROBE_INTERVAL],
					 extack))
		return -ERANGE;
	/*
	 * Learned entries are kernel memory no cgroup is charged for (they
	 * are made on receive): a user namespace's root, who may create
	 * segments, gets a bound per segment.
	 */
	if (data[IFLA_VNETFAB_MAX_ADDRS] &&
	    nla_get_u32(data[IFLA_VNETFAB_MAX_ADDRS]) > VNETFAB_MAX_ADDRS_USERNS &&
	    !capable(CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_MAX_ADDRS],
				    "maxaddr above 65536 takes CAP_NET_ADMIN in the initial user namespace; ask the host's administrator or choose at most 65536");
		return -EPERM;
	}
	if (data[IFLA_VNETFAB_LOCAL] && data[IFLA_VNETFAB_LOCAL6]) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_LOCAL6],
				    "give an IPv4 or an IPv6 local address, not both");
		return -EINVAL;
	}
	if (data[IFLA_VNETFAB_LOCAL]) {
		__be32 a = nla_get_in_addr(data[IFLA_VNETFAB_LOCAL]);

		if (ipv4_is_multicast(a) || ipv4_is_lbcast(a) ||
		    ipv4_is_zeronet(a)) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_LOCAL],
					    "local address must be a unicast IPv4 address");
			return -EADDRNOTAVAIL;
		}
	}
	if (data[IFLA_VNETFAB_LOCAL6]) {
		struct in6_addr a = nla_get_in6_addr(data[IFLA_VNETFAB_LOCAL6]);

		if (ipv6_addr_is_multicast(&a) || ipv6_addr_any(&a)) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_LOCAL6],
					    "local address must be a unicast IPv6 address");
			return -EADDRNOTAVAIL;
		}
		if (!ipv6_mod_enabled()) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_LOCAL6],
					    "IPv6 is disabled on this host (ipv6.disable=1 or no IPv6 in the kernel); give an IPv4 local address");
			return -EAFNOSUPPORT;
		}
	}
	if (data[IFLA_VNETFAB_ENCAP] &&
	    nla_get_u8(data[IFLA_VNETFAB_ENCAP]) == VNETFAB_ENCAP_GRE) {
		if (data[IFLA_VNETFAB_LOCAL6]) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_LOCAL6],
					    "encap gre carries an IPv4 underlay only (the kernel gives no way to receive IPv6 GRE beside ip6_gre); use an IPv4 local address or encap udp");
			return -EAFNOSUPPORT;
		}
		if (data[IFLA_VNETFAB_DSTPORT]) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_DSTPORT],
					    "dstport applies to encap udp only");
			return -EINVAL;
		}
	}
	return 0;
}

/* The run-time tunables; validated already. */
static void vnetfab_apply_tunables(struct vnetfab_dev *vf, struct nlattr *data[])
{
	struct vnetfab_cfg *cfg = &vf->cfg;

	if (data[IFLA_VNETFAB_TTL])
		WRITE_ONCE(cfg->ttl, nla_get_u8(data[IFLA_VNETFAB_TTL]));
	if (data[IFLA_VNETFAB_TOS])
		WRITE_ONCE(cfg->tos, nla_get_u8(data[IFLA_VNETFAB_TOS]));
	if (data[IFLA_VNETFAB_DF])
		WRITE_ONCE(cfg->df, nla_get_u8(data[IFLA_VNETFAB_DF]));
	if (data[IFLA_VNETFAB_AGEING])
		WRITE_ONCE(cfg->ageing, nla_get_u32(data[IFLA_VNETFAB_AGEING]));
	if (data[IFLA_VNETFAB_LEARNING])
		WRITE_ONCE(cfg->learning,
			   nla_get_u8(data[IFLA_VNETFAB_LEARNING]));
	if (data[IFLA_VNETFAB_PROBE_INTERVAL])
		WRITE_ONCE(cfg->probe_ms,
			   nla_get_u32(data[IFLA_VNETFAB_PROBE_INTERVAL]));
	if (data[IFLA_VNETFAB_PROBE_MISSES])
		WRITE_ONCE(cfg->probe_misses,
			   nla_get_u8(data[IFLA_VNETFAB_PROBE_MISSES]));
	if (data[IFLA_VNETFAB_HOLD_DOWN])
		WRITE_ONCE(cfg->hold_ms,
			   nla_get_u32(data[IFLA_VNETFAB_HOLD_DOWN]));
	if (data[IFLA_VNETFAB_MAX_ADDRS])
		WRITE_ONCE(cfg->max_addrs,
			   nla_get_u32(data[IFLA_VNETFAB_MAX_ADDRS]));
	if (data[IFLA_VNETFAB_PEER_STORM_PPS] ||
	    data[IFLA_VNETFAB_PEER_STORM_BURST]) {
		struct vnetfab_peer *peer;

		if (data[IFLA_VNETFAB_PEER_STORM_PPS])
			WRITE_ONCE(cfg->peer_storm_pps,
				   nla_get_u32(data[IFLA_VNETFAB_PEER_STORM_PPS]));
		if (data[IFLA_VNETFAB_PEER_STORM_BURST])
			WRITE_ONCE(cfg->peer_storm_burst,
				   nla_get_u32(data[IFLA_VNETFAB_PEER_STORM_BURST]));
		/* a full burst under the new limit (storm.c) */
		list_for_each_entry(peer, &vf->peers, list)
			atomic64_set(&peer->storm_tat, 0);
	}
	if (data[IFLA_VNETFAB_SHARE])
		WRITE_ONCE(cfg->share, nla_get_u32(data[IFLA_VNETFAB_SHARE]));
	if (data[IFLA_VNETFAB_PRIORITY])
		WRITE_ONCE(cfg->priority, nla_get_u8(data[IFLA_VNETFAB_PRIORITY]));
}

/* A UDP segment of @net with this id and port; GRE ones are in gre.c. */
static struct vnetfab_dev *vnetfab_find_udp_segment(struct net *net, u32 id,
						    u16 dstport)
{
	struct vnetfab_dev *vf;

	list_for_each_entry(vf, &vnetfab_net(net)->devs, net_list)
		if (vf->encap == VNETFAB_ENCAP_UDP && vf->id == id &&
		    vf->cfg.dstport == dstport)
			return vf;
	return NULL;
}

/* May run twice for one device when its netns and its underlay netns die
 * in the same batch.
 */
void vnetfab_dellink(struct net_device *dev, struct list_head *head)
{
	struct vnetfab_dev *vf = netdev_priv(dev);

	list_del_init(&vf->net_list);
	vnetfab_gre_detach(vf, head);
	unregister_netdevice_queue(dev, head);
}

static int vnetfab_newlink(struct net *src_net, struct net_device *dev,
			   struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(dev), *other;
	struct vnetfab_peer_spec *peers = NULL;
	struct vnetfab_cfg *cfg = &vf->cfg;
	struct net_device *lower = NULL;
	unsigned int n_peers = 0;
	int err;

	vf->net = src_net;
	vf->id = VNETFAB_ID_DEFAULT;
	vf->encap = VNETFAB_ENCAP_UDP;
	cfg->dstport = VNETFAB_DEFAULT_DSTPORT;
	cfg->ttl = VNETFAB_DEFAULT_TTL;
	cfg->ageing = VNETFAB_DEFAULT_AGEING;
	cfg->learning = 1;
	cfg->max_addrs = VNETFAB_DEFAULT_MAX_ADDRS;
	cfg->df = VNETFAB_DF_UNSET;
	cfg->probe_ms = VNETFAB_DEFAULT_PROBE_INTERVAL;
	cfg->probe_misses = VNETFAB_DEFAULT_PROBE_MISSES;
	cfg->hold_ms = VNETFAB_DEFAULT_HOLD_DOWN;

	if (!data)
		goto defaults_done;
	if (data[IFLA_VNETFAB_ID])
		vf->id = nla_get_u32(data[IFLA_VNETFAB_ID]);
	if (data[IFLA_VNETFAB_ENCAP])
		vf->encap = nla_get_u8(data[IFLA_VNETFAB_ENCAP]);
	if (data[IFLA_VNETFAB_DSTPORT])
		cfg->dstport = nla_get_u16(data[IFLA_VNETFAB_DSTPORT]);
	if (data[IFLA_VNETFAB_LOCAL]) {
		cfg->local.v4 = nla_get_in_addr(data[IFLA_VNETFAB_LOCAL]);
		cfg->local_family = AF_INET;
	}
	if (data[IFLA_VNETFAB_LOCAL6]) {
		cfg->local.v6 = nla_get_in6_addr(data[IFLA_VNETFAB_LOCAL6]);
		cfg->local_family = AF_INET6;
	}
	if (data[IFLA_VNETFAB_LINK]) {
		cfg->link = nla_get_u32(data[IFLA_VNETFAB_LINK]);
		lower = __dev_get_by_index(src_net, cfg->link);
		if (cfg->link && !lower) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_LINK],
					    "underlay device not found in this network namespace");
			return -ENODEV;
		}
	}
	vnetfab_apply_tunables(vf, data);

defaults_done:
	if (vf->encap == VNETFAB_ENCAP_UDP) {
		other = vnetfab_find_udp_segment(src_net, vf->id, cfg->dstport);
		if (other) {
			NL_SET_ERR_MSG(extack,
				       "a segment with this id and dstport already exists in this network namespace");
			return -EEXIST;
		}
	} else {
		cfg->dstport = 0;
	}

	if (lower) {
		int overhead = vnetfab_overhead(vf->encap, cfg->local_family);

		netif_inherit_tso_max(dev, lower);
		if (!tb[IFLA_MTU])
			dev->mtu = clamp_t(int, lower->mtu - overhead - ETH_HLEN,
					   ETH_MIN_MTU, dev->max_mtu);
	}

	err = vnetfab_share_pick(vf, data, &cfg->share_class, extack);
	if (err)
		return err;

	/* the first peers, checked before anything is set up */
	if (data && data[IFLA_VNETFAB_PEERS]) {
		err = vnetfab_parse_peer_set(vf, nla_data(data[IFLA_VNETFAB_PEERS]),
					     nla_len(data[IFLA_VNETFAB_PEERS]),
					     true, &peers, &n_peers, extack);
		if (err)
			return err;
	}

	if (vf->encap == VNETFAB_ENCAP_GRE) {
		err = vnetfab_gre_attach(vf, extack);
		if (err)
			goto out;
	}
	err = register_netdevice(dev);
	if (err) {
		vnetfab_gre_detach(vf, NULL);
		goto out;
	}
	if (vf->encap == VNETFAB_ENCAP_GRE)
		vnetfab_gre_start(vf);
	list_add(&vf->net_list, &vnetfab_net(src_net)->devs);
	if (peers) {
		err = vnetfab_peer_replace_all(vf, peers, n_peers);
		if (err) {
			NL_SET_ERR_MSG(extack, "no memory for the peers");
			vnetfab_dellink(dev, NULL);
		}
	}
out:
	kvfree(peers);
	return err;
}

/*
 * rtnetlink calls ->changelink() before it applies the generic attributes
 * of the same request (do_setlink()), so a request the core refuses after
 * this returns would leave the kind's half applied. Refuse here, before
 * anything changes, what the core would refuse of the common ones: an MTU
 * out of the device's range, a new name that is invalid or taken, a
 * master that is no device or takes no ports, a target netns that does
 * not exist. (What a master's ndo_add_slave() refuses cannot be known
 * here.)
 */
static int vnetfab_setlink_precheck(struct net_device *dev, struct nlattr *tb[],
				    struct netlink_ext_ack *extack)
{
	if (tb[IFLA_MTU]) {
		u32 mtu = nla_get_u32(tb[IFLA_MTU]);

		if (mtu < dev->min_mtu || mtu > dev->max_mtu) {
			NL_SET_BAD_ATTR(extack, tb[IFLA_MTU]);
			vnetfab_err_fmt(extack,
					"mtu out of this device's range; nothing was changed",
					"mtu %u out of range %u-%u; nothing was changed",
					mtu, dev->min_mtu, dev->max_mtu);
			return -EINVAL;
		}
	}
	if (tb[IFLA_IFNAME]) {
		char name[IFNAMSIZ];
		struct net_device *other;

		nla_strscpy(name, tb[IFLA_IFNAME], IFNAMSIZ);
		if (!dev_valid_name(name)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_IFNAME],
					    "invalid device name; nothing was changed");
			return -EINVAL;
		}
		other = __dev_get_by_name(dev_net(dev), name);
		if (other && other != dev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_IFNAME],
					    "a device of that name exists; nothing was changed");
			return -EEXIST;
		}
	}
	if (tb[IFLA_MASTER] && nla_get_u32(tb[IFLA_MASTER])) {
		struct net_device *upper;

		upper = __dev_get_by_index(dev_net(dev),
					   nla_get_u32(tb[IFLA_MASTER]));
		if (!upper || !upper->netdev_ops->ndo_add_slave) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_MASTER],
					    "master is not a device that takes ports (a bridge, a bond); nothing was changed");
			return upper ? -EOPNOTSUPP : -EINVAL;
		}
	}
	if (tb[IFLA_NET_NS_PID] || tb[IFLA_NET_NS_FD]) {
		struct net *net = rtnl_link_get_net(dev_net(dev), tb);

		if (IS_ERR(net)) {
			NL_SET_ERR_MSG(extack,
				       "target network namespace not found; nothing was changed");
			return PTR_ERR(net);
		}
		put_net(net);
	}
	if (tb[IFLA_TARGET_NETNSID]) {
		struct net *net;

		net = get_net_ns_by_id(dev_net(dev),
				       nla_get_s32(tb[IFLA_TARGET_NETNSID]));
		if (!net) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_TARGET_NETNSID],
					    "target network namespace id not found; nothing was changed");
			return -EINVAL;
		}
		put_net(net);
	}
	return 0;
}

static int vnetfab_changelink(struct net_device *dev, struct nlattr *tb[],
			      struct nlattr *data[],
			      struct netlink_ext_ack *extack)
{
	static const int fixed[] = {
		IFLA_VNETFAB_ID, IFLA_VNETFAB_ENCAP, IFLA_VNETFAB_LOCAL,
		IFLA_VNETFAB_LOCAL6, IFLA_VNETFAB_DSTPORT, IFLA_VNETFAB_LINK,
	};
	struct vnetfab_dev *vf = netdev_priv(dev);
	u32 share_class;
	int i, err;

	if (!data)
		return 0;
	err = vnetfab_setlink_precheck(dev, tb, extack);
	if (err)
		return err;
	/* fixed attributes may be repeated, not changed */
	for (i = 0; i < ARRAY_SIZE(fixed); i++) {
		struct nlattr *a = data[fixed[i]];

		if (!a)
			continue;
		if (fixed[i] == IFLA_VNETFAB_ID &&
		    nla_get_u32(a) == vf->id)
			continue;
		if (fixed[i] == IFLA_VNETFAB_ENCAP &&
		    nla_get_u8(a) == vf->encap)
			continue;
		if (fixed[i] == IFLA_VNETFAB_DSTPORT &&
		    nla_get_u16(a) == vf->cfg.dstport)
			continue;
		if (fixed[i] == IFLA_VNETFAB_LINK &&
		    nla_get_u32(a) == vf->cfg.link)
			continue;
		if (fixed[i] == IFLA_VNETFAB_LOCAL &&
		    vf->cfg.local_family == AF_INET &&
		    nla_get_in_addr(a) == vf->cfg.local.v4)
			continue;
		if (fixed[i] == IFLA_VNETFAB_LOCAL6 &&
		    vf->cfg.local_family == AF_INET6 &&
		    !memcmp(nla_data(a), &vf->cfg.local.v6, sizeof(struct in6_addr)))
			continue;
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "id, encap, local, dstport and dev are fixed at creation; delete and re-create the device");
		return -EOPNOTSUPP;
	}
	err = vnetfab_share_pick(vf, data, &share_class, extack);
	if (err)
		return err;
	/* then the new peer set: the one change here that can fail */
	if (data[IFLA_VNETFAB_PEERS]) {
		struct vnetfab_peer_spec *peers;
		unsigned int n;

		err = vnetfab_peer_perm(vf, NULL, extack);
		if (err)
			return err;
		err = vnetfab_parse_peer_set(vf, nla_data(data[IFLA_VNETFAB_PEERS]),
					     nla_len(data[IFLA_VNETFAB_PEERS]),
					     true, &peers, &n, extack);
		if (err)
			return err;
		err = vnetfab_peer_replace_all(vf, peers, n);
		kvfree(peers);
		if (err) {
			NL_SET_ERR_MSG(extack, "no memory for the new peers");
			return err;
		}
	}
	vnetfab_apply_tunables(vf, data);
	WRITE_ONCE(vf->cfg.share_class, share_class);
	/* a new ageing time takes effect now, not at the old interval */
	if (data[IFLA_VNETFAB_AGEING])
		mod_delayed_work(system_power_efficient_wq, &vf->fdb_gc, 0);
	/* and new probe timers, at once */
	if (data[IFLA_VNETFAB_PROBE_INTERVAL] || data[IFLA_VNETFAB_PROBE_MISSES])
		vnetfab_liveness_update_all(vf);
	return 0;
}

static size_t vnetfab_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +	/* ID */
	       nla_total_size(sizeof(u8)) +	/* ENCAP */
	       nla_total_size(sizeof(struct in6_addr)) + /* LOCAL or LOCAL6 */
	       nla_total_size(sizeof(u16)) +	/* DSTPORT */
	       nla_total_size(sizeof(u32)) +	/* LINK */
	       nla_total_size(sizeof(u8)) * 4 +	/* TTL TOS DF LEARNING */
	       nla_total_size(sizeof(u32)) * 2 +	/* AGEING MAX_ADDRS */
	       nla_total_size(sizeof(u32)) +	/* PROBE_INTERVAL */
	       nla_total_size(sizeof(u8)) +	/* PROBE_MISSES */
	       nla_total_size(sizeof(u32)) +	/* HOLD_DOWN */
	       nla_total_size(sizeof(u32)) * 2 +	/* PEER_STORM_* */
	       nla_total_size(sizeof(u32)) * 2 +	/* SHARE SHARE_CLASS */
	       nla_total_size(sizeof(u8)) +	/* PRIORITY */
	       nla_total_size(sizeof(u32)) +	/* N_PEERS */
	       nla_total_size(0) +		/* PEERS */
	       VNETFAB_LINK_PEERS_MAX *	/* PEER: ADDR6, DSTPORT, PROBE */
	       nla_total_size(nla_total_size(sizeof(struct in6_addr)) +
			      nla_total_size(sizeof(u16)) +
			      nla_total_size(sizeof(u32)));
}

/* RTNL held: the peers, if few enough for a link message */
static int vnetfab_fill_peers(struct sk_buff *skb, const struct vnetfab_dev *vf)
{
	struct vnetfab_peer *peer;
	struct nlattr *nest, *p;

	if (nla_put_u32(skb, IFLA_VNETFAB_N_PEERS, vf->n_peers))
		return -EMSGSIZE;
	if (vf->n_peers > VNETFAB_LINK_PEERS_MAX)
		return 0;
	nest = nla_nest_start(skb, IFLA_VNETFAB_PEERS);
	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry(peer, &vf->peers, list) {
		p = nla_nest_start(skb, VNETFAB_A_PEER);
		if (!p || vnetfab_put_peer_addr(skb, peer) ||
		    vnetfab_put_peer_probe(skb, peer))
			return -EMSGSIZE;
		nla_nest_end(skb, p);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vnetfab_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct vnetfab_dev *vf = netdev_priv(dev);
	const struct vnetfab_cfg *cfg = &vf->cfg;

	if (nla_put_u32(skb, IFLA_VNETFAB_ID, vf->id) ||
	    nla_put_u8(skb, IFLA_VNETFAB_ENCAP, vf->encap) ||
	    nla_put_u8(skb, IFLA_VNETFAB_TTL, READ_ONCE(cfg->ttl)) ||
	    nla_put_u8(skb, IFLA_VNETFAB_TOS, READ_ONCE(cfg->tos)) ||
	    nla_put_u8(skb, IFLA_VNETFAB_DF, READ_ONCE(cfg->df)) ||
	    nla_put_u8(skb, IFLA_VNETFAB_LEARNING, READ_ONCE(cfg->learning)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_AGEING, READ_ONCE(cfg->ageing)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_MAX_ADDRS,
			READ_ONCE(cfg->max_addrs)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_PROBE_INTERVAL,
			READ_ONCE(cfg->probe_ms)) ||
	    nla_put_u8(skb, IFLA_VNETFAB_PROBE_MISSES,
		       READ_ONCE(cfg->probe_misses)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_HOLD_DOWN, READ_ONCE(cfg->hold_ms)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_PEER_STORM_PPS,
			READ_ONCE(cfg->peer_storm_pps)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_PEER_STORM_BURST,
			READ_ONCE(cfg->peer_storm_burst)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_SHARE, READ_ONCE(cfg->share)) ||
	    nla_put_u8(skb, IFLA_VNETFAB_PRIORITY, READ_ONCE(cfg->priority)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_SHARE_CLASS,
			READ_ONCE(cfg->share_class)))
		return -EMSGSIZE;
	if (cfg->dstport && nla_put_u16(skb, IFLA_VNETFAB_DSTPORT, cfg->dstport))
		return -EMSGSIZE;
	if (cfg->link && nla_put_u32(skb, IFLA_VNETFAB_LINK, cfg->link))
		return -EMSGSIZE;
	if (cfg->local_family == AF_INET &&
	    nla_put_in_addr(skb, IFLA_VNETFAB_LOCAL, cfg->local.v4))
		return -EMSGSIZE;
	if (cfg->local_family == AF_INET6 &&
	    nla_put_in6_addr(skb, IFLA_VNETFAB_LOCAL6, &cfg->local.v6))
		return -EMSGSIZE;
	return vnetfab_fill_peers(skb, vf);
}

static struct net *vnetfab_get_link_net(const struct net_device *dev)
{
	const struct vnetfab_dev *vf = netdev_priv(dev);

	return READ_ONCE(vf->net);
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
	.dellink	= vnetfab_dellink,
	.get_size	= vnetfab_get_size,
	.fill_info	= vnetfab_fill_info,
	.get_link_net	= vnetfab_get_link_net,
	.slave_maxtype	= IFLA_VNETFAB_PORT_MAX,
	.slave_policy	= vnetfab_port_policy,
	.slave_changelink = vnetfab_port_changelink,
	.get_slave_size	= vnetfab_port_get_size,
	.fill_slave_info = vnetfab_port_fill_info,
};

struct vnetfab_dev *vnetfab_dev_find(struct net *net, struct nlattr **attrs,
				     struct netlink_ext_ack *extack)
{
	struct net_device *dev = NULL;
	struct nlattr *attr = NULL;

	ASSERT_RTNL();
	if (attrs[VNETFAB_A_IFINDEX]) {
		attr = attrs[VNETFAB_A_IFINDEX];
		dev = __dev_get_by_index(net, nla_get_u32(attr));
	} else if (attrs[VNETFAB_A_IFNAME]) {
		attr = attrs[VNETFAB_A_IFNAME];
		dev = __dev_get_by_name(net, nla_data(attr));
	}
	if (!attr) {
		NL_SET_ERR_MSG(extack,
			       "name the segment with VNETFAB_A_IFINDEX or VNETFAB_A_IFNAME");
		return ERR_PTR(-EINVAL);
	}
	if (!dev || !netif_is_vnetfab(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "no vnetfab device by that name or index in this network namespace");
		return ERR_PTR(-ENODEV);
	}
	return netdev_priv(dev);
}

static __net_init int vnetfab_net_init(struct net *net)
{
	struct vnetfab_net *vn = vnetfab_net(net);

	INIT_LIST_HEAD(&vn->devs);
	INIT_LIST_HEAD(&vn->socks);
	return 0;
}

/* The underlay netns dies: so do its segments, wherever they moved. */
static void __net_exit vnetfab_net_exit_batch_rtnl(struct list_head *net_list,
						   struct list_head *kill)
{
	struct vnetfab_dev *vf, *tmp;
	struct net *net;

	list_for_each_entry(net, net_list, exit_list) {
		list_for_each_entry_safe(vf, tmp, &vnetfab_net(net)->devs,
					 net_list)
			vnetfab_dellink(vf->dev, kill);
	}
}

static struct pernet_operations vnetfab_net_ops = {
	.init		 = vnetfab_net_init,
	.exit_batch_rtnl = vnetfab_net_exit_batch_rtnl,
	.id		 = &vnetfab_net_id,
	.size		 = sizeof(struct vnetfab_net),
};

int __init vnetfab_device_init(void)
{
	int err;

	err = register_pernet_subsys(&vnetfab_net_ops);
	if (err)
		return err;
	/* inside the pernet registration: the underlay notifier reads the
	 * per-netns segment lists, also when unregistering replays
	 * NETDEV_UNREGISTER for every device (by then the lists are empty);
	 * the offload notifier reads the socket lists, and is there before
	 * the first segment can open a socket
	 */
	err = vnetfab_lower_module_init();
	if (err)
		goto err_pernet;
	err = vnetfab_offload_module_init();
	if (err)
		goto err_lower;
	err = rtnl_link_register(&vnetfab_link_ops);
	if (err)
		goto err_offload;
	return 0;

err_offload:
	vnetfab_offload_module_exit();
err_lower:
	vnetfab_lower_module_exit();
err_pernet:
	unregister_pernet_subsys(&vnetfab_net_ops);
	return err;
}

void vnetfab_device_uninit(void)
{
	rtnl_link_unregister(&vnetfab_link_ops);
	vnetfab_offload_module_exit();
	vnetfab_lower_module_exit();
	unregister_pernet_subsys(&vnetfab_net_ops);
}
