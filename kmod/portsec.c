// SPDX-License-Identifier: GPL-2.0
/*
 * Port security: a locked port takes frames only from source MACs whose
 * entry in the segment's MAC table points at it. Those are the static
 * entries an administrator gave it (its allow list, as a locked bridge
 * port's) and, up to the port's max_macs, the MACs it learns while
 * locked, which stick: never aged, never moved, as a switch's "sticky"
 * secure addresses. A frame from any other source is dropped, counted on
 * the port and the segment, and reported by an event, at most one a
 * second per port. A MAC whose entry is static or sticky is not taken
 * over by a frame from another port or a peer (fdb.c counts the try), so
 * a VM cannot draw another one's traffic by sending with its MAC.
 *
 * max_macs also limits an unlocked port: it learns that many MACs at
 * most, and frames from further ones pass unlearned, as over the
 * segment's maxaddr.
 *
 * The settings are the port's rtnetlink slave data, as the bridge's and
 * bonding's are: "ip link set tap0 type vnetfab_slave locked on" with
 * the iproute2 plugin, or "vnetfabctl port set tap0 locked on". The
 * receive path reads them with READ_ONCE; changes take RTNL.
 */

#include <linux/etherdevice.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>

#include "fdb.h"
#include "netlink.h"
#include "portsec.h"

bool vnetfab_portsec_admit(struct vnetfab_dev *vf, struct vnetfab_port *port,
			   const u8 *addr)
{
	struct vnetfab_fdb_entry *e = vnetfab_fdb_lookup(vf, addr);
	unsigned long now, last;

	if (likely(e && rcu_access_pointer(e->dst) == &port->ep))
		return true;
	if (!e && READ_ONCE(vf->cfg.learning) &&
	    !vnetfab_fdb_learn_sticky(vf, addr, port))
		return true;
	vnetfab_port_count(port, VNETFAB_PORT_CNT_LOCKED);
	vnetfab_count(vf, VNETFAB_CNT_PORT_LOCKED);
	now = jiffies;
	last = READ_ONCE(port->violation_at);
	if (time_after_eq(now, last + HZ) &&
	    cmpxchg(&port->violation_at, last, now) == last)
		vnetfab_notify_violation(vf, port, addr);
	return false;
}

const struct nla_policy vnetfab_port_policy[IFLA_VNETFAB_PORT_MAX + 1] = {
	[IFLA_VNETFAB_PORT_LOCKED]	= { .type = NLA_U8 },
	[IFLA_VNETFAB_PORT_MAX_MACS]	= { .type = NLA_U32 },
	[IFLA_VNETFAB_PORT_STORM_PPS]	= { .type = NLA_U32 },
	[IFLA_VNETFAB_PORT_STORM_BURST]	= { .type = NLA_U32 },
	[IFLA_VNETFAB_PORT_N_MACS]	= { .type = NLA_REJECT,
					    .reject_message = "n_macs is read only" },
	[IFLA_VNETFAB_PORT_STATS]	= { .type = NLA_REJECT,
					    .reject_message = "a port's counters are read only" },
};

/*
 * rtnetlink parses slave data liberally: lengths are checked here, with
 * the ranges, each with a message a user can act on.
 */
static const struct {
	int attr;
	int len;
	u32 max;
	const char *msg;
} vnetfab_port_ranges[] = {
	{ IFLA_VNETFAB_PORT_LOCKED, 1, 1, "locked must be on (1) or off (0)" },
	{ IFLA_VNETFAB_PORT_MAX_MACS, 4, 16777216,
	  "max-macs must be 0 (no limit of the port's own)..16777216" },
	{ IFLA_VNETFAB_PORT_STORM_PPS, 4, VNETFAB_STORM_PPS_MAX,
	  "storm must be 0 (off)..100000000 frames a second" },
	{ IFLA_VNETFAB_PORT_STORM_BURST, 4, VNETFAB_STORM_PPS_MAX,
	  "storm-burst must be 0 (a second's worth)..100000000 frames" },
};

static u32 vnetfab_port_uint(const struct nlattr *nla)
{
	return nla_len(nla) == 1 ? nla_get_u8(nla) : nla_get_u32(nla);
}

int vnetfab_port_changelink(struct net_device *master, struct net_device *dev,
			    struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(master);
	struct vnetfab_port *port;
	unsigned int i;
	bool locked;

	ASSERT_RTNL();
	port = vnetfab_port_find(vf, dev);
	if (!port) {
		NL_SET_ERR_MSG(extack, "not a port of this segment");
		return -EINVAL;
	}
	if (!data)
		return 0;
	/* everything checked before anything changes */
	for (i = 0; i < ARRAY_SIZE(vnetfab_port_ranges); i++) {
		const struct nlattr *nla = data[vnetfab_port_ranges[i].attr];

		if (!nla)
			continue;
		if (nla_len(nla) != vnetfab_port_ranges[i].len ||
		    vnetfab_port_uint(nla) > vnetfab_port_ranges[i].max) {
			NL_SET_BAD_ATTR(extack, nla);
			if (extack)
				extack->_msg = vnetfab_port_ranges[i].msg;
			return -EINVAL;
		}
	}

	if (data[IFLA_VNETFAB_PORT_MAX_MACS])
		WRITE_ONCE(port->max_macs,
			   nla_get_u32(data[IFLA_VNETFAB_PORT_MAX_MACS]));
	if (data[IFLA_VNETFAB_PORT_STORM_PPS] ||
	    data[IFLA_VNETFAB_PORT_STORM_BURST]) {
		if (data[IFLA_VNETFAB_PORT_STORM_PPS])
			WRITE_ONCE(port->storm_pps,
				   nla_get_u32(data[IFLA_VNETFAB_PORT_STORM_PPS]));
		if (data[IFLA_VNETFAB_PORT_STORM_BURST])
			WRITE_ONCE(port->storm_burst,
				   nla_get_u32(data[IFLA_VNETFAB_PORT_STORM_BURST]));
		/* a full burst under the new limit */
		atomic64_set(&port->storm_tat, 0);
	}
	if (data[IFLA_VNETFAB_PORT_LOCKED]) {
		locked = nla_get_u8(data[IFLA_VNETFAB_PORT_LOCKED]);
		/* what it learned so far is what it keeps */
		if (locked != port->locked)
			vnetfab_fdb_set_locked(vf, port, locked);
	}
	return 0;
}

size_t vnetfab_port_get_size(const struct net_device *master,
			     const struct net_device *dev)
{
	return nla_total_size(sizeof(u8)) +		/* LOCKED */
	       nla_total_size(sizeof(u32)) * 4 +	/* MAX_MACS..N_MACS */
	       nla_total_size(0) +			/* STATS */
	       nla_total_size_64bit(sizeof(u64)) * VNETFAB_PORT_CNT_MAX;
}

int vnetfab_port_fill_info(struct sk_buff *skb,
			   const struct net_device *master,
			   const struct net_device *dev)
{
	const struct vnetfab_port *port;
	u64 sum[VNETFAB_PORT_CNT_MAX];
	struct nlattr *nest;

	/* under RTNL, or RCU for a dump: the port outlives either */
	port = rcu_dereference_rtnl(dev->rx_handler_data);
	if (!port)
		return 0;
	vnetfab_port_get_stats(port, sum);
	if (nla_put_u8(skb, IFLA_VNETFAB_PORT_LOCKED, READ_ONCE(port->locked)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_PORT_MAX_MACS,
			READ_ONCE(port->max_macs)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_PORT_STORM_PPS,
			READ_ONCE(port->storm_pps)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_PORT_STORM_BURST,
			READ_ONCE(port->storm_burst)) ||
	    nla_put_u32(skb, IFLA_VNETFAB_PORT_N_MACS,
			atomic_read(&port->n_learned)))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, IFLA_VNETFAB_PORT_STATS);
	if (!nest ||
	    nla_put_u64_64bit(skb, IFLA_VNETFAB_PORT_STATS_LOCKED,
			      sum[VNETFAB_PORT_CNT_LOCKED],
			      IFLA_VNETFAB_PORT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_VNETFAB_PORT_STATS_LEARN_LIMIT,
			      sum[VNETFAB_PORT_CNT_LEARN_LIMIT],
			      IFLA_VNETFAB_PORT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_VNETFAB_PORT_STATS_STORM,
			      sum[VNETFAB_PORT_CNT_STORM],
			      IFLA_VNETFAB_PORT_STATS_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}
