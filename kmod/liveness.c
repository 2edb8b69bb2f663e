// SPDX-License-Identifier: GPL-2.0
/*
 * Peer liveness, in the kernel, with no daemon: every frame from a peer
 * is proof of life; a peer silent for a probe interval is sent a probe,
 * which the other host's kernel answers (the wire format is in the uapi
 * header). A peer that has answered once and is then silent for
 * probe_misses intervals is down: the switch copies no flood to it and
 * drops unicast to the MACs behind it (forward.c), counting both, and
 * keeps those MACs, so that nothing has to be flooded or relearned when
 * it answers again. A peer that never answered is never judged: a stock
 * vxlan or gretap VTEP drops probes, and keeps working as before.
 *
 * Each probe says whether its sender hears the receiver (anything from it
 * within the detection time), as BFD's state field does: a path that
 * fails one way only is then found down on both sides, not only on the
 * side that stopped hearing. A down peer comes back up on an answer to
 * a probe sent since it went down, nothing else: ordinary frames keep an
 * up peer up but do not revive a down one (a one-way failure would flap
 * it), nor do its own probes or answers that were queued somewhere for
 * longer than the detection time (a slow host's backlog did).
 *
 * One timer per probed peer, armed only while the segment is up: it
 * fires once per interval (earlier when the detection time runs out),
 * and sends a probe only if the peer was silent for an interval or has
 * not answered yet. Frames in either direction cost one jiffies read.
 */

#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "liveness.h"
#include "netlink.h"
#include "peer.h"
#include "xmit.h"

static u32 vnetfab_probe_interval(struct vnetfab_dev *vf,
				  struct vnetfab_peer *peer)
{
	u32 ms = READ_ONCE(peer->probe_ms);

	return ms == VNETFAB_PROBE_SEGMENT ? READ_ONCE(vf->cfg.probe_ms) : ms;
}

static unsigned long vnetfab_detect_time(struct vnetfab_dev *vf, u32 ms)
{
	return msecs_to_jiffies(ms) * READ_ONCE(vf->cfg.probe_misses);
}

/* A state change between up and down, announced; any context. */
static void vnetfab_peer_set_state(struct vnetfab_dev *vf,
				   struct vnetfab_peer *peer, u32 to,
				   u8 reason)
{
	u32 old = READ_ONCE(peer->state);

	do {
		/* an unprobed peer is never judged; down needs an up first */
		if (old == to || old == VNETFAB_PEER_UNPROBED ||
		    (to == VNETFAB_PEER_DOWN && old != VNETFAB_PEER_UP))
			return;
	} while (!try_cmpxchg(&peer->state, &old, to));
	if (to == VNETFAB_PEER_DOWN)
		WRITE_ONCE(peer->down_seq, READ_ONCE(peer->probe_seq));
	WRITE_ONCE(peer->state_since, jiffies);
	if (old != VNETFAB_PEER_UNKNOWN)
		atomic_inc(&peer->state_changes);
	vnetfab_notify_peer_state(vf, peer,
				  to == VNETFAB_PEER_UP ? VNETFAB_EVENT_PEER_UP :
				  VNETFAB_EVENT_PEER_DOWN, reason);
}

/* whether we heard from @peer within the detection time */
static bool vnetfab_hears(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			  u32 ms)
{
	unsigned long last = READ_ONCE(peer->last_rx);

	return last && ms &&
	       time_before(jiffies, last + vnetfab_detect_time(vf, ms));
}

/*
 * Up for a detection time at least. A peer that found us up by our
 * answer heard our probe then; a probe of its own saying that it does
 * not hear us, sent before that probe reached it, may arrive after the
 * answer: it cannot say anything new until a detection time has passed.
 */
static bool vnetfab_up_for_detect_time(struct vnetfab_dev *vf,
				       struct vnetfab_peer *peer,
				       unsigned long now)
{
	u32 ms = vnetfab_probe_interval(vf, peer);

	return READ_ONCE(peer->state) == VNETFAB_PEER_UP && ms &&
	       time_after_eq(now, READ_ONCE(peer->state_since) +
			     vnetfab_detect_time(vf, ms));
}

/* RCU held, BH off */
static void vnetfab_probe_send(struct vnetfab_dev *vf,
			       struct vnetfab_peer *peer, u8 type, __be32 seq)
{
	struct vnetfab_probe_hdr *h;
	u32 ms = vnetfab_probe_interval(vf, peer);
	struct sk_buff *skb;

	skb = alloc_skb(LL_MAX_HEADER + VNETFAB_MAX_OVERHEAD + sizeof(*h),
			GFP_ATOMIC);
	if (unlikely(!skb)) {
		vnetfab_count(vf, VNETFAB_CNT_TX_ERRORS);
		return;
	}
	skb_reserve(skb, LL_MAX_HEADER + VNETFAB_MAX_OVERHEAD);
	h = skb_put_zero(skb, sizeof(*h));
	h->eth.h_proto = htons(ETH_P_802_EX1);
	h->magic = htonl(VNETFAB_PROBE_MAGIC);
	h->version = VNETFAB_PROBE_VERSION;
	h->type = type;
	if (vnetfab_hears(vf, peer, ms ? : VNETFAB_DEFAULT_PROBE_INTERVAL))
		h->flags = VNETFAB_PROBE_F_HEARS;
	h->seq = seq;
	skb->protocol = htons(ETH_P_802_EX1);
	vnetfab_probe_xmit(vf, peer, skb);
}

static void vnetfab_probe_timer(struct timer_list *t)
{
	struct vnetfab_peer *peer = from_timer(peer, t, probe_timer);
	struct vnetfab_dev *vf = peer->vf;
	unsigned long now = jiffies, last, next, detect;
	u32 ms = vnetfab_probe_interval(vf, peer);
	u32 state = READ_ONCE(peer->state);

	if (!ms || !READ_ONCE(peer->probing))
		return;
	last = READ_ONCE(peer->last_rx);
	detect = vnetfab_detect_time(vf, ms);
	if (state == VNETFAB_PEER_UP && time_after_eq(now, last + detect)) {
		vnetfab_peer_set_state(vf, peer, VNETFAB_PEER_DOWN,
				       VNETFAB_REASON_TIMEOUT);
		state = VNETFAB_PEER_DOWN;
	}
	if (state != VNETFAB_PEER_UP ||
	    time_after_eq(now, last + msecs_to_jiffies(ms))) {
		WRITE_ONCE(peer->probe_seq, peer->probe_seq + 1);
		atomic_inc(&peer->probes_sent);
		rcu_read_lock();
		vnetfab_probe_send(vf, peer, VNETFAB_PROBE_REQUEST,
				   htonl(peer->probe_seq));
		rcu_read_unlock();
	}
	next = now + msecs_to_jiffies(ms);
	/* an up peer is judged when its detection time runs out */
	if (state == VNETFAB_PEER_UP && time_before(last + detect, next))
		next = last + detect;
	if (time_before(next, now + 1))
		next = now + 1;
	if (READ_ONCE(peer->probing))
		mod_timer(&peer->probe_timer, next);
}

int vnetfab_probe_interval_check(const struct nlattr *nla,
				 struct netlink_ext_ack *extack)
{
	u32 ms = nla_get_u32(nla);

	if (ms && ms < VNETFAB_PROBE_INTERVAL_MIN) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "probe interval must be 0 (off) or 100..60000 ms");
		return -ERANGE;
	}
	return 0;
}

void vnetfab_liveness_init(struct vnetfab_dev *vf, struct vnetfab_peer *peer)
{
	peer->vf = vf;
	peer->state = VNETFAB_PEER_UNPROBED;
	peer->state_since = jiffies;
	timer_setup(&peer->probe_timer, vnetfab_probe_timer, 0);
}

void vnetfab_liveness_stop(struct vnetfab_peer *peer)
{
	ASSERT_RTNL();
	WRITE_ONCE(peer->probing, false);
	/* waits for a running callback, then takes the timer it re-armed */
	del_timer_sync(&peer->probe_timer);
}

void vnetfab_liveness_update(struct vnetfab_dev *vf, struct vnetfab_peer *peer)
{
	u32 ms = vnetfab_probe_interval(vf, peer);
	u32 old = READ_ONCE(peer->state), to = old;

	vnetfab_liveness_stop(peer);
	if (!ms || !netif_running(vf->dev))
		to = VNETFAB_PEER_UNPROBED;
	else if (old == VNETFAB_PEER_UNPROBED)
		to = VNETFAB_PEER_UNKNOWN;
	if (to != old) {
		/* receivers move it on only from the state they read */
		xchg(&peer->state, to);
		WRITE_ONCE(peer->state_since, jiffies);
	}
	if (to == VNETFAB_PEER_UNPROBED)
		return;
	WRITE_ONCE(peer->probing, true);
	/*
	 * The first probe within an interval, at a random point of it: the
	 * peers of a segment set up at once (4096 of them, say) do not all
	 * send in the same jiffy, every interval after.
	 */
	mod_timer(&peer->probe_timer, jiffies + 1 +
		  get_random_u32() % msecs_to_jiffies(ms));
}

void vnetfab_liveness_update_all(struct vnetfab_dev *vf)
{
	struct vnetfab_peer *peer;

	ASSERT_RTNL();
	list_for_each_entry(peer, &vf->peers, list)
		vnetfab_liveness_update(vf, peer);
}

void vnetfab_probe_rcv(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
		       struct sk_buff *skb)
{
	const struct vnetfab_probe_hdr *h;
	unsigned long now = jiffies;

	if (unlikely(!pskb_may_pull(skb, sizeof(*h))))
		goto invalid;
	h = (const struct vnetfab_probe_hdr *)skb->data;
	if (unlikely(h->magic != htonl(VNETFAB_PROBE_MAGIC) ||
		     h->version != VNETFAB_PROBE_VERSION))
		goto invalid;
	if (READ_ONCE(peer->last_rx) != now)
		WRITE_ONCE(peer->last_rx, now);
	switch (h->type) {
	case VNETFAB_PROBE_REQUEST:
		atomic_inc(&peer->probes_received);
		vnetfab_probe_send(vf, peer, VNETFAB_PROBE_REPLY, h->seq);
		/* news for a peer never judged; a down one must answer */
		if (h->flags & VNETFAB_PROBE_F_HEARS) {
			if (READ_ONCE(peer->state) == VNETFAB_PEER_UNKNOWN)
				vnetfab_peer_set_state(vf, peer,
						       VNETFAB_PEER_UP,
						       VNETFAB_REASON_HEARS);
		} else if (vnetfab_up_for_detect_time(vf, peer, now))
			vnetfab_peer_set_state(vf, peer, VNETFAB_PEER_DOWN,
					       VNETFAB_REASON_NOT_HEARD);
		break;
	case VNETFAB_PROBE_REPLY:
		atomic_inc(&peer->probes_answered);
		/* a late answer to a probe sent before it went down is old */
		if (READ_ONCE(peer->state) == VNETFAB_PEER_DOWN &&
		    (s32)(ntohl(h->seq) - READ_ONCE(peer->down_seq)) <= 0)
			break;
		vnetfab_peer_set_state(vf, peer, VNETFAB_PEER_UP,
				       VNETFAB_REASON_REPLY);
		break;
	default:
		goto invalid;
	}
	consume_skb(skb);
	return;

invalid:
	vnetfab_count(vf, VNETFAB_CNT_RX_INVALID);
	dev_core_stats_rx_dropped_inc(vf->dev);
	kfree_skb(skb);
}
