// SPDX-License-Identifier: GPL-2.0
/*
 * The GRE encapsulation, in the wire format of Linux gretap: IP protocol
 * 47, protocol type 0x6558 (Transparent Ethernet Bridging), the segment
 * id as key, no checksum, no sequence number. A gretap device with
 * "key N" is a peer of GRE segment N.
 *
 * Receiving. The kernel's GRE demultiplexer has one slot for GRE version
 * 0 and ip_gre owns it: a handler of our own there would break ip_gre,
 * or fail whenever it is loaded. So vnetfab receives GRE through ip_gre,
 * as Open vSwitch does: the first GRE segment of a network namespace
 * creates ip_gre's flow-based gretap device there (gretap_fb_dev_create(),
 * "gretap external": it gets every GRE/TEB packet that no configured
 * gretap device claims, with the key and the outer addresses as tunnel
 * metadata) and becomes its rx_handler; the key picks the segment. The
 * device goes with the last GRE segment of the namespace. gretap devices
 * keep working beside it, because ip_gre matches its configured tunnels
 * first. A namespace has room for one flow-based gretap device: if a user
 * already has one, creating a GRE segment there fails and says so.
 *
 * vnetfab does not depend on ip_gre at link time: it loads ip_gre when it
 * loads itself, and holds it (symbol_get) only while GRE segments exist,
 * so "modprobe -r vnetfab" leaves ip_gre and its gretap devices alone and
 * ip_gre can be unloaded whenever no GRE segment needs it.
 *
 * Sending needs no demultiplexer: the header is built here and the packet
 * goes out through iptunnel_xmit() (xmit.c), with our routing, PMTU and
 * GSO handling shared with the UDP encapsulation.
 *
 * IPv6 underlay: ip6_gre registers the only IPv6 handler of protocol 47
 * (there is no IPv6 GRE demultiplexer) and exports no way to create its
 * flow-based device, so a module outside the kernel tree has no sound way
 * to receive ip6gretap packets. GRE segments take IPv4 peers only.
 */

#include <linux/etherdevice.h>
#include <linux/hash.h>
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <net/dst_metadata.h>
#include <net/ip_tunnels.h>

#include "compat.h"
#include "forward.h"
#include "gre.h"
#include "liveness.h"
#include "peer.h"

/* ip_gre's gretap_fb_dev_create(), held while vnetfab_gre_users > 0 */
static struct net_device *(*vnetfab_gretap_create)(struct net *net,
						   const char *name,
						   u8 name_assign_type);
static unsigned int vnetfab_gre_users;	/* GRE segments, all netns; RTNL */

static struct hlist_head *vnetfab_key_head(struct vnetfab_gre *gre, u32 key)
{
	return &gre->key_hash[hash_32(key, VNETFAB_KEY_HASH_BITS)];
}

/* RCU or RTNL held */
static struct vnetfab_dev *vnetfab_key_lookup(struct vnetfab_gre *gre, u32 key)
{
	struct vnetfab_dev *vf;

	hlist_for_each_entry_rcu(vf, vnetfab_key_head(gre, key), gre_node,
				 lockdep_rtnl_is_held())
		if (vf->id == key)
			return vf;
	return NULL;
}

/*
 * A frame decapsulated by ip_gre on the flow-based device: skb->data at
 * the inner network header, the tunnel metadata in skb's dst.
 */
static rx_handler_result_t vnetfab_gre_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	const struct ip_tunnel_info *info;
	struct vnetfab_path *path;
	struct vnetfab_gre *gre;
	struct vnetfab_dev *vf;
	union vnetfab_ip saddr;
	u32 key;

	gre = rcu_dereference(skb->dev->rx_handler_data);
	info = skb_tunnel_info(skb);
	if (unlikely(!info || ip_tunnel_info_af(info) != AF_INET ||
		     !vnetfab_tun_has_key(info)))
		goto drop;
	key = be32_to_cpu(tunnel_id_to_key32(info->key.tun_id));
	vf = vnetfab_key_lookup(gre, key & ~VNETFAB_PROBE_GRE_KEY);
	if (unlikely(!vf || !netif_running(vf->dev)))
		goto drop;

	memset(&saddr, 0, sizeof(saddr));
	saddr.v4 = info->key.u.ipv4.src;
	path = vnetfab_path_lookup(vf, AF_INET, &saddr);
	if (unlikely(!path)) {
		vnetfab_count(vf, VNETFAB_CNT_RX_UNKNOWN_PEER);
		dev_core_stats_rx_dropped_inc(vf->dev);
		goto drop;
	}

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	/* drops the metadata dst: @info is gone from here on */
	skb_scrub_packet(skb, !net_eq(vf->net, dev_net(vf->dev)));
	/* give the switch the whole frame, Ethernet header included */
	skb_push_rcsum(skb, skb->data - skb_mac_header(skb));
	if (unlikely(key & VNETFAB_PROBE_GRE_KEY)) {
		vnetfab_probe_rcv(vf, path, skb);
		return RX_HANDLER_CONSUMED;
	}
	if (unlikely(!is_valid_ether_addr(eth_hdr(skb)->h_source))) {
		vnetfab_count(vf, VNETFAB_CNT_RX_INVALID);
		dev_core_stats_rx_dropped_inc(vf->dev);
		goto drop;
	}

	vnetfab_forward_from_peer(vf, path, skb);
	return RX_HANDLER_CONSUMED;

drop:
	kfree_skb(skb);
	return RX_HANDLER_CONSUMED;
}

static bool vnetfab_is_gre_dev(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == vnetfab_gre_rx;
}

static int vnetfab_gre_create_dev(struct net *net, struct vnetfab_gre *gre,
				  struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	if (__dev_get_by_name(net, VNETFAB_GRE_DEVNAME)) {
		NL_SET_ERR_MSG(extack,
			       "a device named vnetfab_gre already exists in this network namespace; vnetfab needs the name for its GRE receive device");
		return -EEXIST;
	}
	dev = vnetfab_gretap_create(net, VNETFAB_GRE_DEVNAME, NET_NAME_USER);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack,
				       "another flow-based gretap device (gretap external) holds this network namespace's GRE receive path; delete it or use encap udp");
		else
			NL_SET_ERR_MSG(extack,
				       "ip_gre could not create the flow-based gretap device GRE segments receive on");
		return err;
	}
	/* ours before it is up: no frame of a segment reaches the netns */
	err = netdev_rx_handler_register(dev, vnetfab_gre_rx, gre);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "the flow-based gretap device has another receive handler");
		goto err_unregister;
	}
	err = dev_change_flags(dev, dev->flags | IFF_UP, extack);
	if (err) {
		netdev_rx_handler_unregister(dev);
		goto err_unregister;
	}
	netdev_hold(dev, &gre->dev_tracker, GFP_KERNEL);
	gre->dev = dev;
	return 0;

err_unregister:
	unregister_netdevice(dev);
	return err;
}

/* Stop receiving on the flow-based device; the caller deletes it or not. */
static struct net_device *vnetfab_gre_release(struct vnetfab_gre *gre)
{
	struct net_device *dev = gre->dev;

	netdev_rx_handler_unregister(dev);
	netdev_put(dev, &gre->dev_tracker);
	gre->dev = NULL;
	return dev;
}

/*
 * A GRE segment is being created: make sure its netns receives GRE. Before
 * the device registers, so that a conflict refuses the creation; its key
 * is hashed by vnetfab_gre_start() once it is registered. RTNL held.
 */
int vnetfab_gre_attach(struct vnetfab_dev *vf, struct netlink_ext_ack *extack)
{
	struct vnetfab_gre *gre = &vnetfab_net(vf->net)->gre;
	int err;

	ASSERT_RTNL();
	if (vnetfab_key_lookup(gre, vf->id)) {
		NL_SET_ERR_MSG(extack,
			       "a GRE segment with this id already exists in this network namespace");
		return -EEXIST;
	}
	if (!vnetfab_gre_users) {
		vnetfab_gretap_create = symbol_get(gretap_fb_dev_create);
		if (!vnetfab_gretap_create) {
			NL_SET_ERR_MSG(extack,
				       "encap gre receives through the ip_gre module, which is not loaded: modprobe ip_gre");
			return -EPROTONOSUPPORT;
		}
	}
	vnetfab_gre_users++;
	if (!gre->dev) {
		err = vnetfab_gre_create_dev(vf->net, gre, extack);
		if (err)
			goto err_put;
	}
	gre->refs++;
	vf->gre_held = true;
	return 0;

err_put:
	if (!--vnetfab_gre_users)
		symbol_put(gretap_fb_dev_create);
	return err;
}

/* The segment is registered: frames with its key reach it from now on. */
void vnetfab_gre_start(struct vnetfab_dev *vf)
{
	struct vnetfab_gre *gre = &vnetfab_net(vf->net)->gre;

	hlist_add_head_rcu(&vf->gre_node, vnetfab_key_head(gre, vf->id));
}

/*
 * A GRE segment goes: the last one of its netns queues the flow-based
 * device for deletion on @head (NULL: now). Safe to call twice; RTNL held.
 */
void vnetfab_gre_detach(struct vnetfab_dev *vf, struct list_head *head)
{
	struct vnetfab_gre *gre = &vnetfab_net(vf->net)->gre;

	ASSERT_RTNL();
	if (!vf->gre_held)
		return;
	vf->gre_held = false;
	/* readers are done with it before the device is freed: the
	 * unregistration of the device waits for them
	 */
	if (!hlist_unhashed(&vf->gre_node))
		hlist_del_init_rcu(&vf->gre_node);
	if (!--gre->refs && gre->dev)
		unregister_netdevice_queue(vnetfab_gre_release(gre), head);
	if (!--vnetfab_gre_users)
		symbol_put(gretap_fb_dev_create);
}

/*
 * Push the GRE header in front of the frame at skb->data; room is made.
 * A liveness probe (@probe) has the key bit no segment id takes.
 */
void vnetfab_gre_push(struct vnetfab_dev *vf, struct sk_buff *skb, bool probe)
{
	struct gre_base_hdr *greh;

	greh = __skb_push(skb, VNETFAB_GRE_HLEN);
	greh->flags = GRE_KEY;
	greh->protocol = htons(ETH_P_TEB);
	*(__be32 *)(greh + 1) = cpu_to_be32(vf->id |
					    (probe ? VNETFAB_PROBE_GRE_KEY : 0));
	skb_reset_transport_header(skb);
}

/* The flow-based device is deleted or moved by someone else. */
static int vnetfab_gre_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vnetfab_gre *gre;

	if (event != NETDEV_UNREGISTER || !vnetfab_is_gre_dev(dev))
		return NOTIFY_DONE;
	gre = rtnl_dereference(dev->rx_handler_data);
	vnetfab_gre_release(gre);
	if (gre->refs)
		pr_warn("%s deleted or moved: the GRE segments of its network namespace receive nothing until one is created there again\n",
			VNETFAB_GRE_DEVNAME);
	return NOTIFY_OK;
}

static struct notifier_block vnetfab_gre_notifier = {
	.notifier_call = vnetfab_gre_event,
};

int __init vnetfab_gre_module_init(void)
{
	/* no link-time dependency (see above); failure shows at first use */
	if (IS_MODULE(CONFIG_NET_IPGRE))
		request_module("ip_gre");
	return register_netdevice_notifier(&vnetfab_gre_notifier);
}

void vnetfab_gre_module_exit(void)
{
	unregister_netdevice_notifier(&vnetfab_gre_notifier);
}
