/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VNETFAB_STORM_H
#define _VNETFAB_STORM_H

#include "device.h"

/*
 * May the flood frame (broadcast, multicast or unknown unicast) from @src
 * enter the segment? Drops nothing itself; counts what it refuses. RCU
 * held.
 */
bool vnetfab_storm_admit(struct vnetfab_dev *vf, struct vnetfab_ep *src);

#endif /* _VNETFAB_STORM_H */
