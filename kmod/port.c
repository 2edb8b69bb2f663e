// SPDX-License-Identifier: GPL-2.0
/*
 * Local ports: "ip link set tap0 master fab0" makes tap0 a port of the
 * segment's switch. Frames arriving on a port are taken by an rx_handler
 * and switched; frames for a port are sent with dev_queue_xmit. A port
 * leaves with "nomaster" or when its device goes away: QEMU closes its
 * tap without warning, so NETDEV_UNREGISTER releases it.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "forward.h"
#include "port.h"
#include "portsec.h"
#include "fdb.h"

static rx_handler_result_t vnetfab_port_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vnetfab_port *port;
	struct vnetfab_dev *vf;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	port = rcu_dereference(skb->dev->rx_handler_data);
	vf = port->vf;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	if (unlikely(!netif_running(vf->dev))) {
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	if (unlikely(!is_valid_ether_addr(eth_hdr(skb)->h_source))) {
		vnetfab_count(vf, VNETFAB_CNT_RX_INVALID);
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	if (unlikely(vnetfab_link_local_stop(eth_hdr(skb)->h_dest))) {
		if (eth_hdr(skb)->h_dest[5] == 0x01) {
			vnetfab_count(vf, VNETFAB_CNT_RX_INVALID);
			kfree_skb(skb);
			return RX_HANDLER_CONSUMED;
		}
		*pskb = skb;
		return RX_HANDLER_PASS;
	}
	if (unlikely(READ_ONCE(port->locked))) {
		if (!vnetfab_portsec_admit(vf, port, eth_hdr(skb)->h_source)) {
			kfree_skb(skb);
			return RX_HANDLER_CONSUMED;
		}
		/* what it may learn, portsec learned */
		skb_push_rcsum(skb, skb->data - skb_mac_header(skb));
		vnetfab_forward(vf, skb, &port->ep, false);
		return RX_HANDLER_CONSUMED;
	}
	/* give the switch the whole frame, Ethernet header included */
	skb_push_rcsum(skb, skb->data - skb_mac_header(skb));
	vnetfab_forward(vf, skb, &port->ep, true);
	return RX_HANDLER_CONSUMED;
}

static bool vnetfab_is_port(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == vnetfab_port_rx;
}

void vnetfab_port_xmit(struct vnetfab_dev *vf, struct vnetfab_port *port,
		       struct sk_buff *skb)
{
	struct net_device *dev = port->dev;
	unsigned int max = dev->mtu + ETH_HLEN;

	if (skb_vlan_tagged(skb))
		max += VLAN_HLEN;
	if (unlikely(!skb_is_gso(skb) && skb->len > max)) {
		vnetfab_count(vf, VNETFAB_CNT_TOO_BIG);
		kfree_skb(skb);
		return;
	}
	skb->dev = dev;
	skb_forward_csum(skb);
	dev_queue_xmit(skb);
}

struct vnetfab_port *vnetfab_port_find(struct vnetfab_dev *vf,
				       struct net_device *dev)
{
	struct vnetfab_port *port;

	if (!vnetfab_is_port(dev))
		return NULL;
	port = rtnl_dereference(dev->rx_handler_data);
	return port->vf == vf ? port : NULL;
}

int vnetfab_port_add(struct net_device *master, struct net_device *dev,
		     struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(master);
	struct vnetfab_port *port;
	int err;

	ASSERT_RTNL();
	if (dev == master) {
		NL_SET_ERR_MSG(extack, "a vnetfab device cannot be its own port");
		return -ELOOP;
	}
	if (netif_is_vnetfab(dev)) {
		NL_SET_ERR_MSG(extack,
			       "a vnetfab device cannot be a port of another; give both segments the same id instead");
		return -EINVAL;
	}
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "loopback devices cannot be ports");
		return -EINVAL;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    !is_valid_ether_addr(dev->dev_addr)) {
		NL_SET_ERR_MSG(extack,
			       "only Ethernet devices can be ports (this one is not, or has no valid MAC address)");
		return -EPROTONOSUPPORT;
	}
	if (netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG(extack,
			       "device already has a master; release it first (ip link set DEV nomaster)");
		return -EBUSY;
	}
	if (netdev_is_rx_handler_busy(dev)) {
		NL_SET_ERR_MSG(extack,
			       "device is already in use by another driver (bridge, bond, macvlan, ...)");
		return -EBUSY;
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL_ACCOUNT);
	if (!port)
		return -ENOMEM;
	port->stats = netdev_alloc_pcpu_stats(struct vnetfab_port_stats);
	if (!port->stats) {
		kfree(port);
		return -ENOMEM;
	}
	port->violation_at = jiffies - HZ;
	port->ep.kind = VNETFAB_EP_PORT;
	port->dev = dev;
	port->vf = vf;
	netdev_hold(dev, &port->dev_tracker, GFP_KERNEL);

	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_put;
	err = netdev_rx_handler_register(dev, vnetfab_port_rx, port);
	if (err) {
		NL_SET_ERR_MSG(extack, "device is already in use by another driver");
		goto err_promisc;
	}
	err = netdev_master_upper_dev_link(dev, master, NULL, NULL, extack);
	if (err)
		goto err_rx;
	dev_disable_lro(dev);
	list_add_tail_rcu(&port->list, &vf->ports);
	WRITE_ONCE(vf->n_ports, vf->n_ports + 1);
	return 0;

err_rx:
	netdev_rx_handler_unregister(dev);
	/* frames may have been switched, and their sources learned, already */
	vnetfab_fdb_flush_ep(vf, &port->ep);
	synchronize_net();
err_promisc:
	dev_set_promiscuity(dev, -1);
err_put:
	netdev_put(dev, &port->dev_tracker);
	free_percpu(port->stats);
	kfree(port);
	return err;
}

static void vnetfab_port_free_rcu(struct rcu_head *head)
{
	struct vnetfab_port *port = container_of(head, struct vnetfab_port,
						 rcu);

	netdev_put(port->dev, &port->dev_tracker);
	free_percpu(port->stats);
	kfree(port);
}

void vnetfab_port_get_stats(const struct vnetfab_port *port, u64 *sum)
{
	u64 v[VNETFAB_PORT_CNT_MAX];
	unsigned int start;
	int cpu, i;

	memset(sum, 0, sizeof(u64) * VNETFAB_PORT_CNT_MAX);
	for_each_possible_cpu(cpu) {
		const struct vnetfab_port_stats *s = per_cpu_ptr(port->stats,
								 cpu);

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < VNETFAB_PORT_CNT_MAX; i++)
				v[i] = u64_stats_read(&s->c[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i < VNETFAB_PORT_CNT_MAX; i++)
			sum[i] += v[i];
	}
}

static void vnetfab_port_release(struct vnetfab_port *port)
{
	struct vnetfab_dev *vf = port->vf;
	struct net_device *dev = port->dev;

	/* no new frames from the port (this waits for RCU readers) ... */
	netdev_rx_handler_unregister(dev);
	list_del_rcu(&port->list);
	WRITE_ONCE(vf->n_ports, vf->n_ports - 1);
	/* ... so nothing learns it again once its addresses are gone */
	vnetfab_fdb_flush_ep(vf, &port->ep);
	netdev_upper_dev_unlink(dev, vf->dev);
	dev_set_promiscuity(dev, -1);
	/*
	 * Senders that found the port (flood list, an FDB entry) before it
	 * went may still use it: it is freed after a grace period, from an
	 * RCU callback, as the bridge frees its ports (del_nbp()). A
	 * synchronize_net() here made two grace periods a port under RTNL.
	 */
	call_rcu(&port->rcu, vnetfab_port_free_rcu);
}

int vnetfab_port_del(struct net_device *master, struct net_device *dev)
{
	struct vnetfab_port *port;

	port = vnetfab_port_find(netdev_priv(master), dev);
	if (!port)
		return -EINVAL;
	vnetfab_port_release(port);
	return 0;
}

void vnetfab_port_del_all(struct vnetfab_dev *vf)
{
	struct vnetfab_port *port, *tmp;

	list_for_each_entry_safe(port, tmp, &vf->ports, list)
		vnetfab_port_release(port);
}

static int vnetfab_port_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vnetfab_port *port;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	if (netif_is_vnetfab(dev)) {
		/* deleted, or moving to another netns: ports stay behind */
		vnetfab_port_del_all(netdev_priv(dev));
		return NOTIFY_OK;
	}
	if (vnetfab_is_port(dev)) {
		port = rtnl_dereference(dev->rx_handler_data);
		vnetfab_port_release(port);
		return NOTIFY_OK;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vnetfab_port_notifier = {
	.notifier_call = vnetfab_port_event,
};

int __init vnetfab_port_module_init(void)
{
	return register_netdevice_notifier(&vnetfab_port_notifier);
}

void vnetfab_port_module_exit(void)
{
	unregister_netdevice_notifier(&vnetfab_port_notifier);
}
