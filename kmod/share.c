// SPDX-License-Identifier: GPL-2.0
/*
 * Fair sharing of the underlay between segments.
 *
 * The scheduling itself is the kernel's: an HTB qdisc on the underlay
 * device gives each segment's class a guaranteed rate in proportion to
 * its share, lets it borrow up to the underlay's rate what the others
 * leave unused, and serves classes of higher priority first while they
 * are within their rate (HTB's rate, ceil and prio). What a segment
 * does here is name its class: every packet it sends into the underlay
 * carries the class in skb->priority, which HTB takes as the class
 * without any filter (htb_classify()). The priority survives the
 * encapsulation (iptunnel_xmit() and ip6tunnel_xmit() keep it) and a
 * change of network namespace (skb_scrub_packet() clears the mark, not
 * the priority).
 *
 * The class minor is picked once, when a segment first gets a share, as
 * the lowest one no other segment of the same underlay namespace holds,
 * and kept while the segment has a share; vnetfabctl reads it from the
 * link (IFLA_VNETFAB_SHARE_CLASS) to build the qdisc's classes.
 */

#include <linux/bitmap.h>
#include <linux/pkt_sched.h>
#include <linux/slab.h>

#include "share.h"
#include "uapi/linux/vnetfab.h"

/*
 * The class @vf is to have after a change with @data: its own if it keeps
 * a share, the lowest free one if it gets its first, 0 if it gives its
 * share up. Changes nothing. RTNL held.
 */
int vnetfab_share_pick(struct vnetfab_dev *vf, struct nlattr *data[],
		       u32 *share_class, struct netlink_ext_ack *extack)
{
	const struct vnetfab_dev *o;
	unsigned long *used;
	unsigned long minor;

	*share_class = vf->cfg.share_class;
	if (!data || !data[IFLA_VNETFAB_SHARE])
		return 0;
	if (!nla_get_u32(data[IFLA_VNETFAB_SHARE])) {
		*share_class = 0;
		return 0;
	}
	if (*share_class)
		return 0;

	used = bitmap_zalloc(VNETFAB_SHARE_MINOR_OTHER, GFP_KERNEL);
	if (!used)
		return -ENOMEM;
	list_for_each_entry(o, &vnetfab_net(vf->net)->devs, net_list)
		if (o->cfg.share_class)
			__set_bit(TC_H_MIN(o->cfg.share_class), used);
	minor = find_next_zero_bit(used, VNETFAB_SHARE_MINOR_OTHER,
				   VNETFAB_SHARE_MINOR_FIRST);
	bitmap_free(used);
	if (minor >= VNETFAB_SHARE_MINOR_OTHER) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_VNETFAB_SHARE],
				    "every share class of this underlay namespace is taken: give another segment's share up first");
		return -ENOSPC;
	}
	*share_class = TC_H_MAKE(VNETFAB_SHARE_MAJOR << 16, minor);
	return 0;
}
