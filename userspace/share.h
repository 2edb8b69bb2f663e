/* SPDX-License-Identifier: GPL-2.0 */
/*
 * share.h - fair sharing of the underlay between segments: the HTB qdisc
 * that vnetfabctl builds on an underlay device from the segments' shares
 * and priorities, and its display.
 */
#ifndef VNETFABCTL_SHARE_H
#define VNETFABCTL_SHARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nlutil.h"

/* What a segment asks of the underlay, from its link (IFLA_VNETFAB_*). */
struct vf_share_seg {
	char ifname[16];
	int ifindex;
	uint32_t id, share, priority, class;	/* class: 0 if no share */
};

/*
 * The rate each class of an underlay of @rate bits/s gets: @share parts
 * of the segments' shares plus one for the rest of the host's traffic.
 */
uint64_t vf_share_rate(uint64_t rate, uint32_t share, uint64_t total);

/* HTB's prio (0 first) for a segment priority (7 first) */
static inline uint32_t vf_share_htb_prio(uint32_t priority)
{
	return 7 - (priority > 7 ? 7 : priority);
}

/*
 * share set dev @dev rate @rate: builds (or rebuilds) the HTB qdisc of
 * handle VNETFAB_SHARE_MAJOR: at the root of @dev, one class per segment
 * with a share. Refuses a device whose root qdisc is someone else's. 0,
 * or -1 with @e filled in (@e->msg says what to do).
 */
int vf_share_set(const char *dev, uint64_t rate, struct nlu_err *e);

/* share del dev @dev: removes that qdisc. 0 or -1 with @e filled in. */
int vf_share_del(const char *dev, struct nlu_err *e);

/*
 * Rebuilds the classes of every underlay that has the qdisc, at its
 * rate, after shares changed. 0 or -1 with @e filled in.
 */
int vf_share_sync(struct nlu_err *e);

/* share show [dev @dev]: text or JSON on @f. 0 or -1 with @e filled in. */
int vf_share_show(FILE *f, const char *dev, bool json, struct nlu_err *e);

#endif /* VNETFABCTL_SHARE_H */
