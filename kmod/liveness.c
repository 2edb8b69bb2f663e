// SPDX-License-Identifier: GPL-2.0
/*
 * Peer liveness, in the kernel, with no daemon, path by path (a peer has
 * one path per underlay address it is reached at; path.c makes the
 * peer's state and the path its frames take out of theirs): every frame
 * over a path is proof of life; a path silent for a probe interval is
 * sent a probe, which the other host's kernel answers over the same path
 * (the wire format is in the uapi header). A path that has answered once
 * and is then silent for probe_misses intervals is down. A peer with no
 * path up is down: the switch copies no flood to it and drops unicast to
 * the MACs behind it (forward.c), counting both, and keeps those MACs, so
 * that nothing has to be flooded or relearned when it answers again. A
 * path that never answered is never judged: a stock vxlan or gretap VTEP
 * drops probes, and keeps working as before.
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
 * One timer per path of a probed peer, armed only while the segment is
 * up: it fires once per interval (earlier when the detection time or a
 * hold-down runs out), and sends a probe only if the path was silent for
 * an interval or has not answered yet; a silent path that never
 * answered backs off, to one probe in VNETFAB_PROBE_BACKOFF_MAX
 * intervals. Frames in either direction cost one jiffies read.
 */

#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "liveness.h"
#include "netlink.h"
#include "path.h"
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

/*
 * A path's state change between up and down; the peer's state and the
 * path its frames take follow (path.c). Any context.
 */
static void vnetfab_path_set_state(struct vnetfab_dev *vf,
				   struct vnetfab_path *path, u32 to,
				   u8 reason)
{
	u32 old = READ_ONCE(path->state);
	unsigned long now = jiffies;

	do {
		/* an unprobed path is never judged; down needs an up first */
		if (old == to || old == VNETFAB_PEER_UNPROBED ||
		    (to == VNETFAB_PEER_DOWN && old != VNETFAB_PEER_UP))
			return;
		/*
		 * Back from down: preferred again only after the hold-down.
		 * Set while the path is not up, so that no one choosing a
		 * path (path.c) sees it up with an old one.
		 */
		if (to == VNETFAB_PEER_UP)
			WRITE_ONCE(path->hold_until, old != VNETFAB_PEER_DOWN ?
				   now : now + msecs_to_jiffies(READ_ONCE(vf->cfg.hold_ms)));
	} while (!try_cmpxchg(&path->state, &old, to));
	if (to == VNETFAB_PEER_DOWN)
		WRITE_ONCE(path->down_seq, READ_ONCE(path->probe_seq));
	WRITE_ONCE(path->state_since, now);
	if (old != VNETFAB_PEER_UNKNOWN)
		atomic_inc(&path->state_changes);
	vnetfab_paths_update(vf, path->peer, path, reason);
}

/* whether we heard over @path within the detection time */
static bool vnetfab_hears(struct vnetfab_dev *vf, struct vnetfab_path *path,
			  u32 ms)
{
	unsigned long last = READ_ONCE(path->last_rx);

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
				       struct vnetfab_path *path,
				       unsigned long now)
{
	u32 ms = vnetfab_probe_interval(vf, path->peer);

	return READ_ONCE(path->state) == VNETFAB_PEER_UP && ms &&
	       time_after_eq(now, READ_ONCE(path->state_since) +
			     vnetfab_detect_time(vf, ms));
}

/* RCU held, BH off */
static void vnetfab_probe_send(struct vnetfab_dev *vf,
			       struct vnetfab_path *path, u8 type, __be32 seq)
{
	u32 ms = vnetfab_probe_interval(vf, path->peer);
	struct vnetfab_probe_hdr *h;
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
	/* up until our own timer says otherwise, even if it runs late */
	if (READ_ONCE(path->state) == VNETFAB_PEER_UP ||
	    vnetfab_hears(vf, path, ms ? : VNETFAB_DEFAULT_PROBE_INTERVAL))
		h->flags = VNETFAB_PROBE_F_HEARS;
	h->seq = seq;
	skb->protocol = htons(ETH_P_802_EX1);
	vnetfab_probe_xmit(vf, path, skb);
}

static void vnetfab_probe_timer(struct timer_list *t)
{
	struct vnetfab_path *path = from_timer(path, t, probe_timer);
	struct vnetfab_peer *peer = path->peer;
	struct vnetfab_dev *vf = peer->vf;
	unsigned long now = jiffies, last, next, detect, hold;
	u32 ms = vnetfab_probe_interval(vf, peer);
	u32 state = READ_ONCE(path->state);
	bool late;

	if (!ms || !READ_ONCE(peer->probing))
		return;
	last = READ_ONCE(path->last_rx);
	detect = vnetfab_detect_time(vf, ms);
	/*
	 * More than an interval late, this host was not running (a stalled
	 * VM, a softirq storm): the silence it sees is its own. Probe, and
	 * judge an interval later, when the answer has had its chance.
	 */
	late = time_after(now, path->due + msecs_to_jiffies(ms));
	if (state == VNETFAB_PEER_UP && !late &&
	    time_after_eq(now, last + detect)) {
		vnetfab_path_set_state(vf, path, VNETFAB_PEER_DOWN,
				       VNETFAB_REASON_TIMEOUT);
		state = VNETFAB_PEER_DOWN;
	}
	/*
	 * A path that never answered, and from which nothing comes, is
	 * probed ever less often, up to once every VNETFAB_PROBE_BACKOFF_MAX
	 * intervals: a stock VTEP, or one of thousands of peers that are not
	 * there, costs a timer tick an interval and next to no probe. The
	 * timer keeps its interval, so that a path found up (an answer, or
	 * a probe of the other side's that hears us) is judged on time; one
	 * that we hear from is probed every interval, to find it up soon.
	 */
	if (state != VNETFAB_PEER_UNKNOWN || vnetfab_hears(vf, path, ms)) {
		path->backoff = 1;
		path->skip = 0;
	}
	if (path->skip) {
		path->skip--;
	} else if (state != VNETFAB_PEER_UP ||
		   time_after_eq(now, last + msecs_to_jiffies(ms))) {
		WRITE_ONCE(path->probe_seq, path->probe_seq + 1);
		atomic_inc(&path->probes_sent);
		rcu_read_lock();
		vnetfab_probe_send(vf, path, VNETFAB_PROBE_REQUEST,
				   htonl(path->probe_seq));
		rcu_read_unlock();
		if (state == VNETFAB_PEER_UNKNOWN) {
			path->skip = path->backoff - 1;
			if (path->backoff < VNETFAB_PROBE_BACKOFF_MAX)
				path->backoff *= 2;
		}
	}
	next = now + msecs_to_jiffies(ms);
	/*
	 * An up path that was heard from within the interval is probed as
	 * soon as it has been silent for one, not at the next tick after
	 * that: the two sides' timers would otherwise leave it silent for
	 * up to two intervals of the three that find it down.
	 */
	if (state == VNETFAB_PEER_UP &&
	    time_before(now, last + msecs_to_jiffies(ms)))
		next = last + msecs_to_jiffies(ms);
	/* an up path is judged when its detection time runs out */
	if (state == VNETFAB_PEER_UP && !late && time_before(last + detect, next))
		next = last + detect;
	/* a preferred path back up is taken when its hold-down ends */
	if (state == VNETFAB_PEER_UP && path->index < READ_ONCE(peer->active)) {
		hold = READ_ONCE(path->hold_until);
		if (time_after_eq(now, hold))
			vnetfab_paths_update(vf, peer, NULL,
					     VNETFAB_REASON_HOLD_DOWN);
		else if (time_before(hold, next))
			next = hold;
	}
	if (time_before(next, now + 1))
		next = now + 1;
	path->due = next;
	if (READ_ONCE(peer->probing))
		mod_timer(&path->probe_timer, next);
}

void vnetfab_path_unreachable(struct vnetfab_dev *vf,
			      struct vnetfab_path *path)
{
	if (READ_ONCE(path->state) == VNETFAB_PEER_UP)
		vnetfab_path_set_state(vf, path, VNETFAB_PEER_DOWN,
				       VNETFAB_REASON_UNREACHABLE);
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
	unsigned int i;

	peer->vf = vf;
	peer->state = VNETFAB_PEER_UNPROBED;
	peer->state_since = jiffies;
	for (i = 0; i < peer->n_paths; i++) {
		peer->path[i].state = VNETFAB_PEER_UNPROBED;
		peer->path[i].state_since = jiffies;
		timer_setup(&peer->path[i].probe_timer, vnetfab_probe_timer, 0);
	}
}

void vnetfab_liveness_stop(struct vnetfab_peer *peer)
{
	unsigned int i;

	ASSERT_RTNL();
	WRITE_ONCE(peer->probing, false);
	/* waits for a running callback, then takes the timer it re-armed */
	for (i = 0; i < peer->n_paths; i++)
		del_timer_sync(&peer->path[i].probe_timer);
}

void vnetfab_liveness_update(struct vnetfab_dev *vf, struct vnetfab_peer *peer)
{
	u32 ms = vnetfab_probe_interval(vf, peer);
	bool off = !ms || !netif_running(vf->dev);
	unsigned int i;

	vnetfab_liveness_stop(peer);
	for (i = 0; i < peer->n_paths; i++) {
		struct vnetfab_path *path = &peer->path[i];
		u32 old = READ_ONCE(path->state), to = old;

		if (off)
			to = VNETFAB_PEER_UNPROBED;
		else if (old == VNETFAB_PEER_UNPROBED)
			to = VNETFAB_PEER_UNKNOWN;
		if (to != old) {
			/* receivers move it on only from the state they read */
			xchg(&path->state, to);
			WRITE_ONCE(path->state_since, jiffies);
		}
	}
	vnetfab_paths_update(vf, peer, NULL, VNETFAB_REASON_UNSPEC);
	if (off)
		return;
	WRITE_ONCE(peer->probing, true);
	/*
	 * The first probe within an interval, at a random point of it: the
	 * peers of a segment set up at once (4096 of them, say) do not all
	 * send in the same jiffy, every interval after.
	 */
	for (i = 0; i < peer->n_paths; i++) {
		struct vnetfab_path *path = &peer->path[i];

		path->backoff = 1;
		path->skip = 0;
		path->due = jiffies + 1 + get_random_u32() % msecs_to_jiffies(ms);
		mod_timer(&path->probe_timer, path->due);
	}
}

void vnetfab_liveness_update_all(struct vnetfab_dev *vf)
{
	struct vnetfab_peer *peer;

	ASSERT_RTNL();
	list_for_each_entry(peer, &vf->peers, list)
		vnetfab_liveness_update(vf, peer);
}

void vnetfab_probe_rcv(struct vnetfab_dev *vf, struct vnetfab_path *path,
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
	if (READ_ONCE(path->last_rx) != now)
		WRITE_ONCE(path->last_rx, now);
	switch (h->type) {
	case VNETFAB_PROBE_REQUEST:
		atomic_inc(&path->probes_received);
		vnetfab_probe_send(vf, path, VNETFAB_PROBE_REPLY, h->seq);
		/* news for a path never judged; a down one must answer */
		if (h->flags & VNETFAB_PROBE_F_HEARS) {
			if (READ_ONCE(path->state) == VNETFAB_PEER_UNKNOWN)
				vnetfab_path_set_state(vf, path,
						       VNETFAB_PEER_UP,
						       VNETFAB_REASON_HEARS);
		} else if (vnetfab_up_for_detect_time(vf, path, now)) {
			vnetfab_path_set_state(vf, path, VNETFAB_PEER_DOWN,
					       VNETFAB_REASON_NOT_HEARD);
		}
		break;
	case VNETFAB_PROBE_REPLY:
		atomic_inc(&path->probes_answered);
		/* a late answer to a probe sent before it went down is old */
		if (READ_ONCE(path->state) == VNETFAB_PEER_DOWN &&
		    (s32)(ntohl(h->seq) - READ_ONCE(path->down_seq)) <= 0)
			break;
		vnetfab_path_set_state(vf, path, VNETFAB_PEER_UP,
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
