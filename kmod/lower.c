// SPDX-License-Identifier: GPL-2.0
/*
 * The underlay device a segment is bound to ("dev IFNAME" at creation,
 * kept as an ifindex in vf->cfg.link, fixed for the segment's life): when
 * that device is unregistered, the segments bound to it go with it, as
 * vxlan's do (vxlan_handle_lowerdev_unregister()). Left alone, they would
 * send nothing (no route has the dead ifindex as its oif) and, once the
 * ifindex is given to a new device, send through a device nobody bound
 * them to.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "device.h"
#include "lower.h"

static int vnetfab_lower_event(struct notifier_block *nb,
			       unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vnetfab_dev *vf, *tmp;
	LIST_HEAD(kill);

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	/* RTNL held; the list is the underlay netns's, where dev lives */
	list_for_each_entry_safe(vf, tmp, &vnetfab_net(dev_net(dev))->devs,
				 net_list) {
		if (vf->cfg.link && vf->cfg.link == dev->ifindex &&
		    vf->dev != dev) {
			netdev_info(vf->dev, "underlay %s unregistered: segment removed\n",
				    dev->name);
			vnetfab_dellink(vf->dev, &kill);
		}
	}
	unregister_netdevice_many(&kill);
	return NOTIFY_DONE;
}

static struct notifier_block vnetfab_lower_notifier = {
	.notifier_call = vnetfab_lower_event,
};

int __init vnetfab_lower_module_init(void)
{
	return register_netdevice_notifier(&vnetfab_lower_notifier);
}

void vnetfab_lower_module_exit(void)
{
	unregister_netdevice_notifier(&vnetfab_lower_notifier);
}
