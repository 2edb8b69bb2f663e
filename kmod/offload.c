// SPDX-License-Identifier: GPL-2.0
/*
 * The UDP ports the segments receive on, announced to the NICs of their
 * network namespace that offload the VXLAN format (RX checksums, RSS and
 * GRO on the inner headers; the udp_tunnel_nic tables), as vxlan does
 * for its own: without it such a NIC sees vnetfab's traffic as plain UDP
 * and its offloads do nothing for it. A port is announced when its
 * socket opens and withdrawn when it closes; a NIC that registers later
 * or turns the offload on asks for the ports with
 * NETDEV_UDP_TUNNEL_PUSH_INFO, one that turns it off (or leaves a shared
 * table) gives them back on NETDEV_UDP_TUNNEL_DROP_INFO. The IPv4 and
 * IPv6 sockets of a port are announced each with its family; the NIC's
 * core counts them. GRE segments have nothing to announce.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/udp_tunnel.h>

#include "device.h"
#include "offload.h"
#include "udp.h"

/* RTNL held: the socket was just made and is on vnetfab_net.socks. */
void vnetfab_offload_add(struct vnetfab_sock *vs)
{
	udp_tunnel_notify_add_rx_port(vs->sock, UDP_TUNNEL_TYPE_VXLAN);
}

/* RTNL held: the socket is off vnetfab_net.socks, not yet released. */
void vnetfab_offload_del(struct vnetfab_sock *vs)
{
	udp_tunnel_notify_del_rx_port(vs->sock, UDP_TUNNEL_TYPE_VXLAN);
}

static int vnetfab_offload_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vnetfab_sock *vs;

	if (event != NETDEV_UDP_TUNNEL_PUSH_INFO &&
	    event != NETDEV_UDP_TUNNEL_DROP_INFO)
		return NOTIFY_DONE;
	ASSERT_RTNL();
	/* the sockets of the NIC's netns, where they receive */
	list_for_each_entry(vs, &vnetfab_net(dev_net(dev))->socks, list) {
		if (event == NETDEV_UDP_TUNNEL_PUSH_INFO)
			udp_tunnel_push_rx_port(dev, vs->sock,
						UDP_TUNNEL_TYPE_VXLAN);
		else
			udp_tunnel_drop_rx_port(dev, vs->sock,
						UDP_TUNNEL_TYPE_VXLAN);
	}
	return NOTIFY_DONE;
}

static struct notifier_block vnetfab_offload_notifier = {
	.notifier_call = vnetfab_offload_event,
};

int __init vnetfab_offload_module_init(void)
{
	return register_netdevice_notifier(&vnetfab_offload_notifier);
}

void vnetfab_offload_module_exit(void)
{
	unregister_netdevice_notifier(&vnetfab_offload_notifier);
}
