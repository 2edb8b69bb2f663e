/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_PORT_H
#define _VNETFAB_PORT_H

#include "device.h"

enum vnetfab_port_counter {
	VNETFAB_PORT_CNT_LOCKED,
	VNETFAB_PORT_CNT_LEARN_LIMIT,
	VNETFAB_PORT_CNT_STORM,
	VNETFAB_PORT_CNT_MAX
};

struct vnetfab_port_stats {
	u64_stats_t c[VNETFAB_PORT_CNT_MAX];
	struct u64_stats_sync syncp;
};

/* A local port: an Ethernet netdev enslaved to a segment device. */
struct vnetfab_port {
	struct vnetfab_ep ep;
	struct list_head list;		/* vnetfab_dev.ports */
	struct net_device *dev;
	struct vnetfab_dev *vf;
	netdevice_tracker dev_tracker;
	struct rcu_head rcu;

	/* port security (portsec.c): set under RTNL, read locklessly */
	bool locked;
	u32 max_macs;			/* 0: none of its own */
	atomic_t n_learned;		/* learned entries behind it */
	unsigned long violation_at;	/* jiffies of the last event */
	/* storm control (storm.c) */
	u32 storm_pps;			/* 0: off */
	u32 storm_burst;
	atomic64_t storm_tat;
	struct vnetfab_port_stats __percpu *stats;
};

int vnetfab_port_add(struct net_device *master, struct net_device *dev,
		     struct netlink_ext_ack *extack);
int vnetfab_port_del(struct net_device *master, struct net_device *dev);
void vnetfab_port_del_all(struct vnetfab_dev *vf);
/* the port of @dev in @vf, or NULL; RTNL held */
struct vnetfab_port *vnetfab_port_find(struct vnetfab_dev *vf,
				       struct net_device *dev);
void vnetfab_port_xmit(struct vnetfab_dev *vf, struct vnetfab_port *port,
		       struct sk_buff *skb);

static inline void vnetfab_port_count(struct vnetfab_port *port,
				      enum vnetfab_port_counter c)
{
	struct vnetfab_port_stats *s = get_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->c[c]);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(port->stats);
}

/* The port's counters summed over CPUs, in @sum[VNETFAB_PORT_CNT_MAX]. */
void vnetfab_port_get_stats(const struct vnetfab_port *port, u64 *sum);

int vnetfab_port_module_init(void);
void vnetfab_port_module_exit(void);

#endif /* _VNETFAB_PORT_H */
