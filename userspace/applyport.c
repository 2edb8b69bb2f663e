// SPDX-License-Identifier: GPL-2.0
/*
 * applyport.c - step 1 of "vnetfabctl apply", after the segments are
 * created: the devices of the file's port lines enslaved to their
 * segments (RTM_SETLINK IFLA_MASTER, as "ip link set DEV master SEG"
 * does). A port is never released: a device that is a port of its
 * segment and has no line stays one (applycheck.c refused a device that
 * is another one's port).
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include "applydiff.h"
#include "link.h"

/* RTM_SETLINK of port @port's master: @master; 0 or -1 with @e */
static int enslave(int port, int master, struct nlu_err *e)
{
	struct nl_msg *msg = vnetfab_link_msg(RTM_SETLINK, 0, port);

	if (msg && nla_put_u32(msg, IFLA_MASTER, (uint32_t)master) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return vnetfab_link_send(msg, e);
}

int apply_ports(struct walk *w)
{
	const struct cfg_segment *s;
	const struct cfg_port *p;
	const struct rlink *l, *dev;
	struct nlu_err e;
	size_t i;
	int master;

	for (i = 0; i < w->c->n_ports; i++) {
		p = &w->c->ports[i];
		if (!diff_port_moves(w->d, p))
			continue;
		s = &w->c->segs[p->seg];
		if (!w->dry) {
			l = diff_running_seg(w->d, s);
			dev = running_link(w->r, p->dev);
			/* created by this apply: not in the state read */
			master = l ? l->ifindex : (int)if_nametoindex(s->name);
			if (!master) {
				e = (struct nlu_err){ .err = ENODEV };
				return apply_kfail(w, p->line, s->name, &e);
			}
			if (!dev) {
				e = (struct nlu_err){ .err = ENODEV };
				return apply_kfail(w, p->line, p->dev, &e);
			}
			if (enslave(dev->ifindex, master, &e))
				return apply_kfail(w, p->line, p->dev, &e);
		}
		printf("port %s: %s enslaved\n", s->name, p->dev);
	}
	return 0;
}
