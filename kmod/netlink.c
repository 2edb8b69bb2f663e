// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "vnetfab": segment state and counters, the
 * peers of a segment, its MAC table. Reads are open to everyone, as
 * "ip -s link" is; changes need CAP_NET_ADMIN in the user namespace that
 * owns the device's network namespace, and run under RTNL.
 */

#include <linux/etherdevice.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/sort.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "compat.h"
#include "device.h"
#include "fdb.h"
#include "liveness.h"
#include "netlink.h"
#include "path.h"
#include "peer.h"
#include "port.h"
#include "uapi/linux/vnetfab.h"

static struct genl_family vnetfab_genl_family;

/*
 * 0 (off) passes here; 1..99 is refused with its own message. Not const:
 * 6.1's nla_policy points at it without.
 */
static struct netlink_range_validation vnetfab_probe_range = {
	.max = VNETFAB_PROBE_INTERVAL_MAX,
};

static const struct nla_policy vnetfab_peer_policy[VNETFAB_PEER_A_MAX + 1] = {
	[VNETFAB_PEER_A_ADDR4]		= { .type = NLA_BE32 },
	[VNETFAB_PEER_A_ADDR6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[VNETFAB_PEER_A_DSTPORT]	= NLA_POLICY_MIN(NLA_U16, 1),
	[VNETFAB_PEER_A_STATS]		= { .type = NLA_REJECT },
	[VNETFAB_PEER_A_LAST_RX_MS]	= { .type = NLA_REJECT },
	[VNETFAB_PEER_A_PROBE_INTERVAL]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &vnetfab_probe_range),
	[VNETFAB_PEER_A_STATE]		= { .type = NLA_REJECT },
	[VNETFAB_PEER_A_STATE_MS]	= { .type = NLA_REJECT },
	[VNETFAB_PEER_A_LOCAL4]		= { .type = NLA_BE32 },
	[VNETFAB_PEER_A_LOCAL6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[VNETFAB_PEER_A_PATH]		= NLA_POLICY_NESTED(vnetfab_path_policy),
	[VNETFAB_PEER_A_ACTIVE_PATH]	= { .type = NLA_REJECT },
};

static const struct nla_policy vnetfab_fdb_policy[VNETFAB_FDB_A_MAX + 1] = {
	[VNETFAB_FDB_A_MAC]		= NLA_POLICY_ETH_ADDR,
	[VNETFAB_FDB_A_PORT_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[VNETFAB_FDB_A_PEER]		= NLA_POLICY_NESTED(vnetfab_peer_policy),
	[VNETFAB_FDB_A_LOCAL]		= { .type = NLA_FLAG },
	[VNETFAB_FDB_A_STATIC]		= { .type = NLA_FLAG },
	[VNETFAB_FDB_A_AGE_MS]		= { .type = NLA_REJECT },
};

static const struct nla_policy vnetfab_policy[VNETFAB_A_MAX + 1] = {
	[VNETFAB_A_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[VNETFAB_A_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VNETFAB_A_PEER]	= NLA_POLICY_NESTED(vnetfab_peer_policy),
	[VNETFAB_A_FDB]		= NLA_POLICY_NESTED(vnetfab_fdb_policy),
	[VNETFAB_A_FDB_LIST]	= NLA_POLICY_NESTED_ARRAY(vnetfab_fdb_policy),
};

static int vnetfab_put_u64s(struct sk_buff *skb, int type, const u64 *v,
			    int n, int pad)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		if (i + 1 == pad)
			continue;
		if (nla_put_u64_64bit(skb, i + 1, v[i], pad)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vnetfab_put_stats(struct sk_buff *skb, struct vnetfab_dev *vf)
{
	u64 sum[VNETFAB_CNT_MAX], v[VNETFAB_STATS_MAX];
	struct rtnl_link_stats64 st;
	struct nlattr *nest;
	int i;

	dev_get_stats(vf->dev, &st);
	vnetfab_get_stats(vf, sum);
	memset(v, 0, sizeof(v));
	v[VNETFAB_STATS_RX_PACKETS - 1] = st.rx_packets;
	v[VNETFAB_STATS_RX_BYTES - 1] = st.rx_bytes;
	v[VNETFAB_STATS_TX_PACKETS - 1] = st.tx_packets;
	v[VNETFAB_STATS_TX_BYTES - 1] = st.tx_bytes;
	v[VNETFAB_STATS_TX_DROPPED - 1] = st.tx_dropped;
	v[VNETFAB_STATS_RX_UNKNOWN_PEER - 1] = sum[VNETFAB_CNT_RX_UNKNOWN_PEER];
	v[VNETFAB_STATS_RX_INVALID - 1] = sum[VNETFAB_CNT_RX_INVALID];
	v[VNETFAB_STATS_LEARN_LIMIT - 1] = sum[VNETFAB_CNT_LEARN_LIMIT];
	v[VNETFAB_STATS_TX_ERRORS - 1] = sum[VNETFAB_CNT_TX_ERRORS];
	v[VNETFAB_STATS_TOO_BIG - 1] = sum[VNETFAB_CNT_TOO_BIG];
	v[VNETFAB_STATS_PORT_LOCKED - 1] = sum[VNETFAB_CNT_PORT_LOCKED];
	v[VNETFAB_STATS_MAC_MOVE_DENIED - 1] = sum[VNETFAB_CNT_MAC_MOVE_DENIED];
	v[VNETFAB_STATS_STORM - 1] = sum[VNETFAB_CNT_STORM];

	nest = nla_nest_start(skb, VNETFAB_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 1; i <= VNETFAB_STATS_MAX; i++) {
		if (i == VNETFAB_STATS_PAD)
			continue;
		if (nla_put_u64_64bit(skb, i, v[i - 1], VNETFAB_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The settings, as rtnetlink reports them (IFLA_VNETFAB_*): read without
 * RTNL, as those that may change at run time are.
 */
static int vnetfab_put_settings(struct sk_buff *skb, struct vnetfab_dev *vf)
{
	const struct vnetfab_cfg *cfg = &vf->cfg;

	if (nla_put_u8(skb, VNETFAB_A_TTL, READ_ONCE(cfg->ttl)) ||
	    nla_put_u8(skb, VNETFAB_A_TOS, READ_ONCE(cfg->tos)) ||
	    nla_put_u8(skb, VNETFAB_A_DF, READ_ONCE(cfg->df)) ||
	    nla_put_u32(skb, VNETFAB_A_AGEING, READ_ONCE(cfg->ageing)) ||
	    nla_put_u8(skb, VNETFAB_A_LEARNING, READ_ONCE(cfg->learning)) ||
	    nla_put_u32(skb, VNETFAB_A_MAX_ADDRS, READ_ONCE(cfg->max_addrs)))
		return -EMSGSIZE;
	/* fixed at creation */
	if (cfg->local_family == AF_INET &&
	    nla_put_in_addr(skb, VNETFAB_A_LOCAL4, cfg->local.v4))
		return -EMSGSIZE;
	if (cfg->local_family == AF_INET6 &&
	    nla_put_in6_addr(skb, VNETFAB_A_LOCAL6, &cfg->local.v6))
		return -EMSGSIZE;
	/* an index of the underlay's namespace: not where the device moved */
	if (cfg->link && net_eq(READ_ONCE(vf->net), dev_net(vf->dev)) &&
	    nla_put_u32(skb, VNETFAB_A_LINK, cfg->link))
		return -EMSGSIZE;
	return 0;
}

/* Caller holds RCU or RTNL, so @dev stays valid. */
static int vnetfab_fill_segment(struct sk_buff *skb, struct net_device *dev,
				u32 portid, u32 seq, int flags,
				struct netlink_callback *cb)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
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
	    (vf->cfg.dstport &&
	     nla_put_u16(skb, VNETFAB_A_DSTPORT, vf->cfg.dstport)) ||
	    nla_put_u32(skb, VNETFAB_A_N_PORTS, READ_ONCE(vf->n_ports)) ||
	    nla_put_u32(skb, VNETFAB_A_N_PEERS, READ_ONCE(vf->n_peers)) ||
	    nla_put_u32(skb, VNETFAB_A_N_ADDRS, READ_ONCE(vf->n_addrs)) ||
	    vnetfab_put_settings(skb, vf) ||
	    vnetfab_put_stats(skb, vf)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vnetfab_get_segment_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnetfab_dev *vf;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	vf = vnetfab_dev_find(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vf))
		err = PTR_ERR(vf);
	else
		err = vnetfab_fill_segment(msg, vf->dev, info->snd_portid,
					   info->snd_seq, 0, NULL);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
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

/*
 * The peer nest @nest into @spec: its address always; with @full also
 * its paths, and its port and probe interval if the request names them
 * (else left as the caller set them).
 */
static int vnetfab_parse_peer(struct nlattr *nest,
			      struct vnetfab_peer_spec *spec, bool full,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNETFAB_PEER_A_MAX + 1];
	int err;

	if (!nest) {
		NL_SET_ERR_MSG(extack, "missing peer (VNETFAB_A_PEER)");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, VNETFAB_PEER_A_MAX, nest,
			       vnetfab_peer_policy, extack);
	if (err)
		return err;
	err = vnetfab_nla_get_ip(tb[VNETFAB_PEER_A_ADDR4],
				 tb[VNETFAB_PEER_A_ADDR6], false, AF_UNSPEC,
				 &spec->family, &spec->addr, nest, extack);
	if (err || !full)
		return err;
	if (tb[VNETFAB_PEER_A_DSTPORT])
		spec->dstport = nla_get_u16(tb[VNETFAB_PEER_A_DSTPORT]);
	if (tb[VNETFAB_PEER_A_PROBE_INTERVAL]) {
		err = vnetfab_probe_interval_check(tb[VNETFAB_PEER_A_PROBE_INTERVAL],
						   extack);
		if (err)
			return err;
		spec->probe_ms = nla_get_u32(tb[VNETFAB_PEER_A_PROBE_INTERVAL]);
	}
	return vnetfab_parse_paths(nest, tb, spec, extack);
}

/*
 * A peer of an ADD_PEER or SET_PEERS request, checked against @vf: its
 * port applies, and each of its paths may be a path of @vf's.
 */
static int vnetfab_parse_peer_for(struct vnetfab_dev *vf, struct nlattr *nest,
				  struct vnetfab_peer_spec *spec,
				  struct netlink_ext_ack *extack)
{
	unsigned int i;
	int err;

	memset(spec, 0, sizeof(*spec));
	spec->dstport = vf->cfg.dstport;
	spec->probe_ms = VNETFAB_PROBE_SEGMENT;
	spec->nla = nest;
	err = vnetfab_parse_peer(nest, spec, true, extack);
	if (err)
		return err;
	if (vf->encap == VNETFAB_ENCAP_GRE && spec->dstport) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a peer's dstport applies to encap udp only");
		return -EINVAL;
	}
	for (i = 0; i < spec->n_paths; i++) {
		err = vnetfab_peer_check(vf, spec->family, &spec->path[i].addr,
					 extack);
		if (err) {
			NL_SET_BAD_ATTR(extack, spec->path[i].nla);
			return err;
		}
	}
	return 0;
}

static int vnetfab_add_peer_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnetfab_peer_spec spec;
	struct vnetfab_dev *vf;
	int err;

	rtnl_lock();
	vf = vnetfab_dev_find(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vf)) {
		err = PTR_ERR(vf);
		goto out;
	}
	err = vnetfab_peer_perm(vf, skb, info->extack);
	if (err)
		goto out;
	err = vnetfab_parse_peer_for(vf, info->attrs[VNETFAB_A_PEER], &spec,
				     info->extack);
	if (!err)
		err = vnetfab_peer_add(vf, &spec, info->extack);
out:
	rtnl_unlock();
	return err;
}

static int vnetfab_del_peer_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnetfab_peer_spec spec;
	struct vnetfab_peer *peer;
	struct vnetfab_dev *vf;
	int err;

	rtnl_lock();
	vf = vnetfab_dev_find(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vf)) {
		err = PTR_ERR(vf);
		goto out;
	}
	err = vnetfab_peer_perm(vf, skb, info->extack);
	if (err)
		goto out;
	err = vnetfab_parse_peer(info->attrs[VNETFAB_A_PEER], &spec, false,
				 info->extack);
	if (err)
		goto out;
	peer = vnetfab_peer_lookup(vf, spec.family, &spec.addr);
	if (!peer) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VNETFAB_A_PEER],
				    "the segment has no such peer");
		err = -ENOENT;
		goto out;
	}
	err = vnetfab_peer_del(vf, peer);
out:
	rtnl_unlock();
	return err;
}

/* one address of a peer set, for the check that none is given twice */
struct vnetfab_set_addr {
	sa_family_t family;
	union vnetfab_ip addr;
	const struct nlattr *nla;
};

static int vnetfab_set_addr_cmp(const void *a, const void *b)
{
	const struct vnetfab_set_addr *x = a, *y = b;

	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	return memcmp(&x->addr, &y->addr, sizeof(x->addr));
}

/* No address, of a peer or a path, twice in @set[0..@n). */
static int vnetfab_peer_set_unique(const struct vnetfab_peer_spec *set,
				   unsigned int n,
				   struct netlink_ext_ack *extack)
{
	struct vnetfab_set_addr *all;
	unsigned int i, j, k = 0;
	int err = 0;

	all = kvcalloc(n * VNETFAB_MAX_PATHS ? : 1, sizeof(*all), GFP_KERNEL);
	if (!all)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		for (j = 0; j < set[i].n_paths; j++, k++) {
			all[k].family = set[i].family;
			all[k].addr = set[i].path[j].addr;
			all[k].nla = set[i].path[j].nla;
		}
	}
	sort(all, k, sizeof(*all), vnetfab_set_addr_cmp, NULL);
	for (i = 1; i < k; i++) {
		if (!vnetfab_set_addr_cmp(&all[i - 1], &all[i])) {
			NL_SET_ERR_MSG_ATTR(extack, all[i].nla,
					    "the same peer or path address is given twice");
			err = -EINVAL;
			break;
		}
	}
	kvfree(all);
	return err;
}

/*
 * A whole peer set: every VNETFAB_A_PEER among the @len bytes of
 * attributes at @head, each checked as ADD_PEER checks one, then no
 * address twice. With @only_peers anything else there is refused (the
 * IFLA_VNETFAB_PEERS nest of rtnetlink; a genl request also names its
 * segment). RTNL held. The set is in *@want (kvfree it), its size in *@n.
 */
int vnetfab_parse_peer_set(struct vnetfab_dev *vf, struct nlattr *head,
			   int len, bool only_peers,
			   struct vnetfab_peer_spec **want, unsigned int *n,
			   struct netlink_ext_ack *extack)
{
	struct vnetfab_peer_spec *set;
	unsigned int count = 0, i;
	struct nlattr *nla;
	int err, rem;

	nla_for_each_attr(nla, head, len, rem) {
		if (nla_type(nla) == VNETFAB_A_PEER) {
			count++;
		} else if (only_peers) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "the peer list holds peers (VNETFAB_A_PEER) only");
			return -EINVAL;
		}
	}
	if (rem > 0) {
		NL_SET_ERR_MSG(extack,
			       "the peer list ends in a truncated attribute");
		return -EINVAL;
	}
	if (count > VNETFAB_MAX_PEERS) {
		NL_SET_ERR_MSG(extack, "a segment has at most 4096 peers");
		return -ENOSPC;
	}
	set = kvcalloc(count ? : 1, sizeof(*set), GFP_KERNEL);
	if (!set)
		return -ENOMEM;

	i = 0;
	nla_for_each_attr(nla, head, len, rem) {
		if (nla_type(nla) != VNETFAB_A_PEER)
			continue;
		err = vnetfab_parse_peer_for(vf, nla, &set[i], extack);
		if (err)
			goto err;
		i++;
	}
	err = vnetfab_peer_set_unique(set, count, extack);
	if (err)
		goto err;
	*want = set;
	*n = count;
	return 0;
err:
	kvfree(set);
	return err;
}

/* SET_PEERS: the peer set of the request replaces the segment's. */
static int vnetfab_set_peers_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnetfab_peer_spec *want = NULL;
	struct vnetfab_dev *vf;
	unsigned int n;
	int err;

	rtnl_lock();
	vf = vnetfab_dev_find(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(vf)) {
		err = PTR_ERR(vf);
		goto out;
	}
	err = vnetfab_peer_perm(vf, skb, extack);
	if (err)
		goto out;
	err = vnetfab_parse_peer_set(vf, genlmsg_data(info->genlhdr),
				     genlmsg_len(info->genlhdr), false, &want,
				     &n, extack);
	if (!err)
		err = vnetfab_peer_replace_all(vf, want, n);
out:
	rtnl_unlock();
	kvfree(want);
	return err;
}

/* the peer's address, and its UDP port (GRE peers have none) */
int vnetfab_put_peer_addr(struct sk_buff *skb, struct vnetfab_peer *peer)
{
	__be16 dport = READ_ONCE(peer->dstport);	/* dumps: RCU only */

	if (dport && nla_put_u16(skb, VNETFAB_PEER_A_DSTPORT, ntohs(dport)))
		return -EMSGSIZE;
	if (peer->family == AF_INET)
		return nla_put_in_addr(skb, VNETFAB_PEER_A_ADDR4, peer->addr.v4);
	return nla_put_in6_addr(skb, VNETFAB_PEER_A_ADDR6, &peer->addr.v6);
}

/* the sums of a peer's probe counters over its paths */
static void vnetfab_peer_probe_counts(struct vnetfab_peer *peer, u64 *v)
{
	unsigned int i;

	for (i = 0; i < peer->n_paths; i++) {
		struct vnetfab_path *path = &peer->path[i];

		v[VNETFAB_PEER_STATS_PROBES_SENT - 1] +=
			atomic_read(&path->probes_sent);
		v[VNETFAB_PEER_STATS_PROBES_ANSWERED - 1] +=
			atomic_read(&path->probes_answered);
		v[VNETFAB_PEER_STATS_PROBES_RECEIVED - 1] +=
			atomic_read(&path->probes_received);
	}
}

/* the peer's own probe interval, if it has one */
int vnetfab_put_peer_probe(struct sk_buff *skb, struct vnetfab_peer *peer)
{
	u32 ms = READ_ONCE(peer->probe_ms);

	if (ms == VNETFAB_PROBE_SEGMENT)
		return 0;
	return nla_put_u32(skb, VNETFAB_PEER_A_PROBE_INTERVAL, ms);
}

static int vnetfab_put_peer(struct sk_buff *skb, struct vnetfab_peer *peer)
{
	struct vnetfab_peer_stats st;
	unsigned long last = vnetfab_peer_last_rx(peer);
	unsigned long since = READ_ONCE(peer->state_since);
	struct nlattr *nest;
	u64 v[VNETFAB_PEER_STATS_MAX] = {};

	nest = nla_nest_start(skb, VNETFAB_A_PEER);
	if (!nest)
		return -EMSGSIZE;
	vnetfab_peer_get_stats(peer, &st);
	v[VNETFAB_PEER_STATS_TX_PACKETS - 1] = u64_stats_read(&st.tx_packets);
	v[VNETFAB_PEER_STATS_TX_BYTES - 1] = u64_stats_read(&st.tx_bytes);
	v[VNETFAB_PEER_STATS_RX_PACKETS - 1] = u64_stats_read(&st.rx_packets);
	v[VNETFAB_PEER_STATS_RX_BYTES - 1] = u64_stats_read(&st.rx_bytes);
	v[VNETFAB_PEER_STATS_TX_DROPPED - 1] = u64_stats_read(&st.tx_dropped);
	v[VNETFAB_PEER_STATS_TX_PEER_DOWN - 1] =
		u64_stats_read(&st.tx_peer_down);
	v[VNETFAB_PEER_STATS_RX_STORM - 1] = u64_stats_read(&st.rx_storm);
	vnetfab_peer_probe_counts(peer, v);
	v[VNETFAB_PEER_STATS_STATE_CHANGES - 1] =
		atomic_read(&peer->state_changes);
	v[VNETFAB_PEER_STATS_PATH_CHANGES - 1] =
		atomic_read(&peer->path_changes);
	if (vnetfab_put_peer_addr(skb, peer) ||
	    vnetfab_put_peer_probe(skb, peer) ||
	    vnetfab_put_paths(skb, peer) ||
	    nla_put_u8(skb, VNETFAB_PEER_A_STATE, READ_ONCE(peer->state)) ||
	    nla_put_u32(skb, VNETFAB_PEER_A_STATE_MS,
			jiffies_to_msecs(jiffies - since)) ||
	    vnetfab_put_u64s(skb, VNETFAB_PEER_A_STATS, v, ARRAY_SIZE(v),
			     VNETFAB_PEER_STATS_PAD) ||
	    (last && nla_put_u32(skb, VNETFAB_PEER_A_LAST_RX_MS,
				 jiffies_to_msecs(jiffies - last)))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* RCU: find the dump's segment again in each part. */
static struct vnetfab_dev *vnetfab_dump_dev(struct sk_buff *skb,
					    struct netlink_callback *cb)
{
	struct nlattr **attrs = vnetfab_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	struct net_device *dev = NULL;

	if (attrs[VNETFAB_A_IFINDEX])
		dev = dev_get_by_index_rcu(net,
					   nla_get_u32(attrs[VNETFAB_A_IFINDEX]));
	else if (attrs[VNETFAB_A_IFNAME])
		dev = dev_get_by_name_rcu(net, nla_data(attrs[VNETFAB_A_IFNAME]));
	if (!dev || !netif_is_vnetfab(dev)) {
		NL_SET_ERR_MSG(cb->extack,
			       "name an existing vnetfab device with VNETFAB_A_IFINDEX or VNETFAB_A_IFNAME");
		return NULL;
	}
	return netdev_priv(dev);
}

static int vnetfab_get_peer_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	long skip = cb->args[0], idx = 0;
	struct vnetfab_peer *peer;
	struct vnetfab_dev *vf;
	int err = 0;
	void *hdr;

	rcu_read_lock();
	vf = vnetfab_dump_dev(skb, cb);
	if (!vf) {
		rcu_read_unlock();
		return -ENODEV;
	}
	cb->seq = READ_ONCE(vf->peer_seq);
	list_for_each_entry_rcu(peer, &vf->peers, list) {
		if (idx++ < skip)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vnetfab_genl_family,
				  NLM_F_MULTI, VNETFAB_CMD_GET_PEER);
		if (!hdr) {
			err = -EMSGSIZE;
			idx--;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u32(skb, VNETFAB_A_IFINDEX, vf->dev->ifindex) ||
		    vnetfab_put_peer(skb, peer)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			idx--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

/*
 * The peer of the previous entry of a VNETFAB_A_FDB_LIST: the entries of a
 * bulk install name the same few peers, each time with the same bytes, so
 * that an identical nest is not parsed and looked up again. Valid while
 * RTNL is held (peers change only under it).
 */
struct vnetfab_fdb_last {
	const struct nlattr *nest;
	struct vnetfab_ep *ep;
};

/* RTNL held: add or replace the static entry in nest @nest */
static int vnetfab_add_fdb_one(struct vnetfab_dev *vf, struct nlattr *nest,
			       struct vnetfab_fdb_last *last,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNETFAB_FDB_A_MAX + 1];
	struct vnetfab_ep *dst;
	const u8 *mac;
	int err, ndst;

	/* checked against vnetfab_fdb_policy with the request (genetlink) */
	err = nla_parse_nested(tb, VNETFAB_FDB_A_MAX, nest, NULL, extack);
	if (err)
		return err;
	if (!tb[VNETFAB_FDB_A_MAC]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "missing MAC address");
		return -EINVAL;
	}
	mac = nla_data(tb[VNETFAB_FDB_A_MAC]);
	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNETFAB_FDB_A_MAC],
				    "static entries take unicast, non-zero MAC addresses");
		return -EINVAL;
	}
	ndst = !!tb[VNETFAB_FDB_A_PORT_IFINDEX] + !!tb[VNETFAB_FDB_A_PEER] +
	       !!tb[VNETFAB_FDB_A_LOCAL];
	if (ndst != 1) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "give exactly one destination: a port, a peer or local");
		return -EINVAL;
	}

	if (tb[VNETFAB_FDB_A_LOCAL]) {
		dst = &vf->local_ep;
	} else if (tb[VNETFAB_FDB_A_PORT_IFINDEX]) {
		struct net_device *pdev;
		struct vnetfab_port *port = NULL;

		pdev = __dev_get_by_index(dev_net(vf->dev),
					  nla_get_u32(tb[VNETFAB_FDB_A_PORT_IFINDEX]));
		if (pdev)
			port = vnetfab_port_find(vf, pdev);
		if (!port) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNETFAB_FDB_A_PORT_IFINDEX],
					    "that device is not a port of this segment");
			return -ENODEV;
		}
		dst = &port->ep;
	} else if (last->nest &&
		   nla_len(last->nest) == nla_len(tb[VNETFAB_FDB_A_PEER]) &&
		   !memcmp(nla_data(last->nest),
			   nla_data(tb[VNETFAB_FDB_A_PEER]),
			   nla_len(last->nest))) {
		dst = last->ep;
	} else {
		struct vnetfab_peer_spec spec;
		struct vnetfab_peer *peer;

		err = vnetfab_parse_peer(tb[VNETFAB_FDB_A_PEER], &spec, false,
					 extack);
		if (err)
			return err;
		peer = vnetfab_peer_lookup(vf, spec.family, &spec.addr);
		if (!peer) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNETFAB_FDB_A_PEER],
					    "not a peer of this segment; add the peer first");
			return -ENOENT;
		}
		dst = &peer->ep;
		last->nest = tb[VNETFAB_FDB_A_PEER];
		last->ep = dst;
	}
	return vnetfab_fdb_add_static(vf, mac, dst);
}

/* RTNL held: delete the entry of the MAC in nest @nest */
static int vnetfab_del_fdb_one(struct vnetfab_dev *vf, struct nlattr *nest,
			       struct vnetfab_fdb_last *last,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNETFAB_FDB_A_MAX + 1];
	int err;

	/* checked against vnetfab_fdb_policy with the request (genetlink) */
	err = nla_parse_nested(tb, VNETFAB_FDB_A_MAX, nest, NULL, extack);
	if (err)
		return err;
	if (!tb[VNETFAB_FDB_A_MAC]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "missing MAC address");
		return -EINVAL;
	}
	err = vnetfab_fdb_del(vf, nla_data(tb[VNETFAB_FDB_A_MAC]));
	if (err)
		NL_SET_ERR_MSG_ATTR(extack, tb[VNETFAB_FDB_A_MAC],
				    "no entry for that MAC address");
	return err;
}

/*
 * ADD_FDB and DEL_FDB: the entry in VNETFAB_A_FDB, or each entry of
 * VNETFAB_A_FDB_LIST in order, under one RTNL hold, up to the first
 * refused one (an attribute holds at most 64 KiB: 2340 to 4095 entries).
 */
static int vnetfab_fdb_doit(struct genl_info *info,
			    int (*one)(struct vnetfab_dev *vf,
				       struct nlattr *nest,
				       struct vnetfab_fdb_last *last,
				       struct netlink_ext_ack *extack))
{
	struct nlattr *list = info->attrs[VNETFAB_A_FDB_LIST];
	struct nlattr *nest = info->attrs[VNETFAB_A_FDB];
	struct netlink_ext_ack *extack = info->extack;
	struct vnetfab_fdb_last last = {};
	struct vnetfab_dev *vf;
	int err = 0, rem;

	if (!nest == !list) {
		NL_SET_ERR_MSG(extack,
			       "give one MAC entry (VNETFAB_A_FDB) or a list (VNETFAB_A_FDB_LIST)");
		return -EINVAL;
	}
	rtnl_lock();
	vf = vnetfab_dev_find(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(vf)) {
		err = PTR_ERR(vf);
	} else if (!list) {
		err = one(vf, nest, &last, extack);
	} else {
		nla_for_each_nested(nest, list, rem) {
			err = one(vf, nest, &last, extack);
			if (err)
				break;
		}
	}
	rtnl_unlock();
	return err;
}

static int vnetfab_add_fdb_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vnetfab_fdb_doit(info, vnetfab_add_fdb_one);
}

static int vnetfab_del_fdb_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vnetfab_fdb_doit(info, vnetfab_del_fdb_one);
}

static int vnetfab_put_fdb(struct sk_buff *skb, struct vnetfab_fdb_entry *e)
{
	struct vnetfab_ep *dst = rcu_dereference(e->dst);
	struct nlattr *nest, *pn;
	struct vnetfab_port *port;
	struct vnetfab_peer *peer;

	nest = nla_nest_start(skb, VNETFAB_A_FDB);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, VNETFAB_FDB_A_MAC, ETH_ALEN, e->addr))
		goto err;
	switch (dst->kind) {
	case VNETFAB_EP_LOCAL:
		if (nla_put_flag(skb, VNETFAB_FDB_A_LOCAL))
			goto err;
		break;
	case VNETFAB_EP_PORT:
		port = container_of(dst, struct vnetfab_port, ep);
		if (nla_put_u32(skb, VNETFAB_FDB_A_PORT_IFINDEX,
				port->dev->ifindex))
			goto err;
		break;
	case VNETFAB_EP_PEER:
		peer = container_of(dst, struct vnetfab_peer, ep);
		pn = nla_nest_start(skb, VNETFAB_FDB_A_PEER);
		if (!pn || vnetfab_put_peer_addr(skb, peer))
			goto err;
		nla_nest_end(skb, pn);
		break;
	}
	if (READ_ONCE(e->is_static) &&
	    nla_put_flag(skb, VNETFAB_FDB_A_STATIC))
		goto err;
	if (READ_ONCE(e->sticky) && nla_put_flag(skb, VNETFAB_FDB_A_STICKY))
		goto err;
	if (nla_put_u32(skb, VNETFAB_FDB_A_AGE_MS,
			jiffies_to_msecs(jiffies - READ_ONCE(e->updated))))
		goto err;
	nla_nest_end(skb, nest);
	return 0;
err:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* RCU: the entry at @node of the MAC table's list, or NULL */
static struct vnetfab_fdb_entry *vnetfab_fdb_at(struct hlist_node __rcu *node)
{
	return hlist_entry_safe(rcu_dereference(node),
				struct vnetfab_fdb_entry, list);
}

/*
 * cb->args[0]: entries sent so far; args[1..2]: the last one's MAC,
 * args[3]: set when they hold one. Each part resumes after that entry, found
 * by its hash, instead of walking past every entry sent (a dump of 100 000
 * entries in parts of a few hundred was quadratic); if it is gone, by the
 * count, and the changed fdb_seq marks the dump interrupted.
 */
static int vnetfab_get_fdb_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	long skip = cb->args[0], idx = 0;
	struct vnetfab_fdb_entry *e = NULL;
	struct vnetfab_dev *vf;
	u8 last[ETH_ALEN];
	int err = 0;
	void *hdr;

	rcu_read_lock();
	vf = vnetfab_dump_dev(skb, cb);
	if (!vf) {
		rcu_read_unlock();
		return -ENODEV;
	}
	cb->seq = READ_ONCE(vf->fdb_seq);
	if (cb->args[3]) {
		memcpy(last, &cb->args[1], ETH_ALEN);
		e = vnetfab_fdb_lookup(vf, last);
	}
	if (e) {
		idx = skip;
		e = vnetfab_fdb_at(hlist_next_rcu(&e->list));
	} else {
		e = vnetfab_fdb_at(hlist_first_rcu(&vf->fdb_list));
		for (; e && idx < skip; idx++)
			e = vnetfab_fdb_at(hlist_next_rcu(&e->list));
	}
	for (; e; e = vnetfab_fdb_at(hlist_next_rcu(&e->list))) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vnetfab_genl_family,
				  NLM_F_MULTI, VNETFAB_CMD_GET_FDB);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u32(skb, VNETFAB_A_IFINDEX, vf->dev->ifindex) ||
		    vnetfab_put_fdb(skb, e)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
		memcpy(&cb->args[1], e->addr, ETH_ALEN);
		cb->args[3] = 1;
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static int vnetfab_flush_fdb_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNETFAB_FDB_A_MAX + 1] = {};
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest = info->attrs[VNETFAB_A_FDB];
	struct vnetfab_dev *vf;
	int err, i;

	if (nest) {
		err = nla_parse_nested(tb, VNETFAB_FDB_A_MAX, nest,
				       vnetfab_fdb_policy, extack);
		if (err)
			return err;
		for (i = 1; i <= VNETFAB_FDB_A_MAX; i++) {
			if (tb[i] && i != VNETFAB_FDB_A_STATIC) {
				NL_SET_ERR_MSG_ATTR(extack, tb[i],
						    "a flush takes only the static flag; delete one MAC with DEL_FDB");
				return -EINVAL;
			}
		}
	}
	rtnl_lock();
	vf = vnetfab_dev_find(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(vf)) {
		err = PTR_ERR(vf);
	} else {
		vnetfab_fdb_flush_table(vf, !!tb[VNETFAB_FDB_A_STATIC]);
		err = 0;
	}
	rtnl_unlock();
	return err;
}

enum vnetfab_mcgrp_id {
	VNETFAB_MCGRP_EVENTS_ID,
};

static const struct genl_multicast_group vnetfab_mcgrps[] = {
	[VNETFAB_MCGRP_EVENTS_ID] = { .name = VNETFAB_MCGRP_EVENTS },
};

static struct sk_buff *vnetfab_event_new(struct vnetfab_dev *vf, u8 event,
					 gfp_t gfp, void **hdr)
{
	struct net *net = dev_net(vf->dev);
	struct sk_buff *skb;

	if (!genl_has_listeners(&vnetfab_genl_family, net,
				VNETFAB_MCGRP_EVENTS_ID))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &vnetfab_genl_family, 0,
			   VNETFAB_CMD_EVENT);
	if (!*hdr ||
	    nla_put_u32(skb, VNETFAB_A_IFINDEX, vf->dev->ifindex) ||
	    nla_put_string(skb, VNETFAB_A_IFNAME, vf->dev->name) ||
	    nla_put_u32(skb, VNETFAB_A_ID, vf->id) ||
	    nla_put_u8(skb, VNETFAB_A_EVENT, event)) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

static void vnetfab_event_send(struct vnetfab_dev *vf, struct sk_buff *skb,
			       void *hdr, gfp_t gfp)
{
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&vnetfab_genl_family, dev_net(vf->dev), skb, 0,
				VNETFAB_MCGRP_EVENTS_ID, gfp);
}

void vnetfab_notify_peer(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			 u8 event)
{
	struct sk_buff *skb;
	void *hdr;

	skb = vnetfab_event_new(vf, event, GFP_KERNEL, &hdr);
	if (!skb)
		return;
	if (vnetfab_put_peer(skb, peer)) {
		nlmsg_free(skb);
		return;
	}
	vnetfab_event_send(vf, skb, hdr, GFP_KERNEL);
}

/* from liveness: any context, RCU held or @peer otherwise alive */
void vnetfab_notify_peer_state(struct vnetfab_dev *vf,
			       struct vnetfab_peer *peer, u8 event, u8 reason,
			       int path)
{
	struct sk_buff *skb;
	void *hdr;

	skb = vnetfab_event_new(vf, event, GFP_ATOMIC, &hdr);
	if (!skb)
		return;
	if (nla_put_u8(skb, VNETFAB_A_REASON, reason) ||
	    (path >= 0 && nla_put_u8(skb, VNETFAB_A_PATH, path)) ||
	    vnetfab_put_peer(skb, peer)) {
		nlmsg_free(skb);
		return;
	}
	vnetfab_event_send(vf, skb, hdr, GFP_ATOMIC);
}

/* RCU or fdb_lock held: @e stays readable */
void vnetfab_notify_fdb(struct vnetfab_dev *vf, struct vnetfab_fdb_entry *e,
			u8 event, gfp_t gfp)
{
	struct sk_buff *skb;
	void *hdr;

	int err;

	skb = vnetfab_event_new(vf, event, gfp, &hdr);
	if (!skb)
		return;
	rcu_read_lock();
	err = vnetfab_put_fdb(skb, e);
	rcu_read_unlock();
	if (err) {
		nlmsg_free(skb);
		return;
	}
	vnetfab_event_send(vf, skb, hdr, gfp);
}

/* from a locked port's receive: @addr may not come from @port */
void vnetfab_notify_violation(struct vnetfab_dev *vf,
			      struct vnetfab_port *port, const u8 *addr)
{
	struct sk_buff *skb;
	struct nlattr *nest;
	void *hdr;

	skb = vnetfab_event_new(vf, VNETFAB_EVENT_PORT_VIOLATION, GFP_ATOMIC,
				&hdr);
	if (!skb)
		return;
	nest = nla_nest_start(skb, VNETFAB_A_FDB);
	if (!nest || nla_put(skb, VNETFAB_FDB_A_MAC, ETH_ALEN, addr) ||
	    nla_put_u32(skb, VNETFAB_FDB_A_PORT_IFINDEX, port->dev->ifindex)) {
		nlmsg_free(skb);
		return;
	}
	nla_nest_end(skb, nest);
	vnetfab_event_send(vf, skb, hdr, GFP_ATOMIC);
}

static const struct genl_ops vnetfab_genl_ops[] = {
	{
		.cmd	= VNETFAB_CMD_GET_SEGMENT,
		.doit	= vnetfab_get_segment_doit,
		.dumpit	= vnetfab_get_segment_dumpit,
	},
	{
		.cmd	= VNETFAB_CMD_ADD_PEER,
		.doit	= vnetfab_add_peer_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VNETFAB_CMD_DEL_PEER,
		.doit	= vnetfab_del_peer_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VNETFAB_CMD_GET_PEER,
		.dumpit	= vnetfab_get_peer_dumpit,
	},
	{
		.cmd	= VNETFAB_CMD_ADD_FDB,
		.doit	= vnetfab_add_fdb_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VNETFAB_CMD_DEL_FDB,
		.doit	= vnetfab_del_fdb_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VNETFAB_CMD_GET_FDB,
		.dumpit	= vnetfab_get_fdb_dumpit,
	},
	{
		.cmd	= VNETFAB_CMD_SET_PEERS,
		.doit	= vnetfab_set_peers_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VNETFAB_CMD_FLUSH_FDB,
		.doit	= vnetfab_flush_fdb_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
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
	.mcgrps		= vnetfab_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vnetfab_mcgrps),
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
