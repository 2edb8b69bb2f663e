// SPDX-License-Identifier: GPL-2.0
/*
 * Storm control: a port, or a peer, may send at most so many broadcast,
 * multicast and unknown-unicast frames a second into the segment, with a
 * burst; the excess is dropped and counted. A bridging loop or a flood
 * tool in one VM then costs the other hosts of the segment that rate, not
 * everything they have.
 *
 * The limit is a generic cell rate algorithm (ITU-T I.371's virtual
 * scheduling): one 64-bit "theoretical arrival time" per port or peer,
 * moved on by one emission interval (1 s / rate) for every frame let
 * through; a frame is refused if it would put that time more than a
 * burst's worth of intervals ahead of now. One cmpxchg per flood frame
 * of a limited port or peer, no lock, nothing at all for the others or
 * for known unicast.
 */

#include <linux/atomic.h>
#include <linux/ktime.h>

#include "peer.h"
#include "port.h"
#include "storm.h"

static bool vnetfab_gcra(atomic64_t *tat, u32 pps, u32 burst)
{
	u64 emission = NSEC_PER_SEC / pps;
	u64 tolerance = emission * ((burst ? : pps) - 1);
	s64 now = ktime_get_ns();
	s64 old = atomic64_read(tat), t;

	do {
		t = max(old, now);
		if (t - now > (s64)tolerance)
			return false;
	} while (!atomic64_try_cmpxchg(tat, &old, t + emission));
	return true;
}

bool vnetfab_storm_admit(struct vnetfab_dev *vf, struct vnetfab_ep *src)
{
	struct vnetfab_port *port;
	struct vnetfab_peer *peer;
	u32 pps;

	switch (src->kind) {
	case VNETFAB_EP_PORT:
		port = container_of(src, struct vnetfab_port, ep);
		pps = READ_ONCE(port->storm_pps);
		if (likely(!pps) ||
		    vnetfab_gcra(&port->storm_tat, pps,
				 READ_ONCE(port->storm_burst)))
			return true;
		vnetfab_port_count(port, VNETFAB_PORT_CNT_STORM);
		break;
	case VNETFAB_EP_PEER:
		peer = container_of(src, struct vnetfab_peer, ep);
		pps = READ_ONCE(vf->cfg.peer_storm_pps);
		if (likely(!pps) ||
		    vnetfab_gcra(&peer->storm_tat, pps,
				 READ_ONCE(vf->cfg.peer_storm_burst)))
			return true;
		vnetfab_peer_storm_drop(peer);
		break;
	default:
		return true;
	}
	vnetfab_count(vf, VNETFAB_CNT_STORM);
	return false;
}
