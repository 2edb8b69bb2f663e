// SPDX-License-Identifier: GPL-2.0
/*
 * Underlay paths: a peer host reached at more than one address (two NICs,
 * two underlay networks), in order of preference, each with a source
 * address of its own where routing would not pick the right one.
 * Liveness (liveness.c) judges every path of a probed peer on its own;
 * here the peer's state and the path its frames take follow from theirs:
 *
 * - frames take the first path that is up; a path back from down is
 *   preferred to the one in use only after the segment's hold-down, so
 *   that a flapping link does not flap the peer's traffic;
 * - with no path up, a peer that answered on some path is down (forward.c
 *   then sends it nothing); one that never answered anywhere (a stock
 *   VTEP, or not probed) takes its first path not found down;
 * - the MACs behind the peer point at the peer, not at a path: when the
 *   path changes, all of them move at once, with no flood and nothing to
 *   relearn; frames arriving over any of its paths are the peer's.
 *
 * The choice is made under the peer's lock, on a change of a path's state
 * only: the data path reads peer->active and nothing else.
 */

#include <linux/ipv6.h>
#include <net/netlink.h>

#include "netlink.h"
#include "path.h"
#include "peer.h"

const struct nla_policy vnetfab_path_policy[VNETFAB_PATH_A_MAX + 1] = {
	[VNETFAB_PATH_A_ADDR4]		= { .type = NLA_BE32 },
	[VNETFAB_PATH_A_ADDR6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[VNETFAB_PATH_A_LOCAL4]		= { .type = NLA_BE32 },
	[VNETFAB_PATH_A_LOCAL6]		= NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[VNETFAB_PATH_A_INDEX]		= { .type = NLA_REJECT },
	[VNETFAB_PATH_A_STATE]		= { .type = NLA_REJECT },
	[VNETFAB_PATH_A_STATE_MS]	= { .type = NLA_REJECT },
	[VNETFAB_PATH_A_LAST_RX_MS]	= { .type = NLA_REJECT },
	[VNETFAB_PATH_A_PROBES_SENT]	= { .type = NLA_REJECT },
	[VNETFAB_PATH_A_PROBES_ANSWERED] = { .type = NLA_REJECT },
	[VNETFAB_PATH_A_STATE_CHANGES]	= { .type = NLA_REJECT },
};

static bool vnetfab_path_held(const struct vnetfab_path *path,
			      unsigned long now)
{
	return time_before(now, READ_ONCE(path->hold_until));
}

/*
 * The path frames to @peer should take, and in *@state the peer's state.
 * A path up is taken unless it is still in its hold-down and not the one
 * in use; with none such, any path up; with none up, the first not down
 * if no path is down. With a path down and none up the peer is down and
 * keeps the path it had.
 */
static u8 vnetfab_path_choose(struct vnetfab_peer *peer, unsigned long now,
			      u32 *state)
{
	u8 active = peer->active, n = peer->n_paths;
	u8 i, up = n, held = n, other = n;
	bool down = false, unknown = false;

	for (i = 0; i < n; i++) {
		const struct vnetfab_path *path = &peer->path[i];

		switch (READ_ONCE(path->state)) {
		case VNETFAB_PEER_UP:
			if (i != active && vnetfab_path_held(path, now)) {
				if (held == n)
					held = i;
			} else if (up == n) {
				up = i;
			}
			break;
		case VNETFAB_PEER_DOWN:
			down = true;
			break;
		case VNETFAB_PEER_UNKNOWN:
			unknown = true;
			fallthrough;
		default:
			if (other == n)
				other = i;
		}
	}
	if (up < n || held < n) {
		*state = VNETFAB_PEER_UP;
		return up < n ? up : held;
	}
	if (down) {
		*state = VNETFAB_PEER_DOWN;
		return active;
	}
	*state = unknown ? VNETFAB_PEER_UNKNOWN : VNETFAB_PEER_UNPROBED;
	return other < n ? other : 0;
}

static bool vnetfab_state_judged(u32 state)
{
	return state == VNETFAB_PEER_UP || state == VNETFAB_PEER_DOWN;
}

void vnetfab_paths_update(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			  struct vnetfab_path *path, u8 reason)
{
	unsigned long now = jiffies;
	u32 old_state, state;
	u8 old_active, active;

	spin_lock_bh(&peer->lock);
	old_state = peer->state;
	old_active = peer->active;
	active = vnetfab_path_choose(peer, now, &state);
	if (state != old_state) {
		WRITE_ONCE(peer->state, state);
		WRITE_ONCE(peer->state_since, now);
		if (vnetfab_state_judged(old_state) &&
		    vnetfab_state_judged(state))
			atomic_inc(&peer->state_changes);
	}
	if (active != old_active) {
		WRITE_ONCE(peer->active, active);
		atomic_inc(&peer->path_changes);
	}
	spin_unlock_bh(&peer->lock);

	if (path && peer->n_paths > 1) {
		u32 ps = READ_ONCE(path->state);

		if (vnetfab_state_judged(ps))
			vnetfab_notify_peer_state(vf, peer,
						  ps == VNETFAB_PEER_UP ?
						  VNETFAB_EVENT_PATH_UP :
						  VNETFAB_EVENT_PATH_DOWN,
						  reason, path->index);
	}
	if (active != old_active)
		vnetfab_notify_peer_state(vf, peer, VNETFAB_EVENT_PATH_ACTIVE,
					  reason, active);
	if (state != old_state && vnetfab_state_judged(state))
		vnetfab_notify_peer_state(vf, peer, state == VNETFAB_PEER_UP ?
					  VNETFAB_EVENT_PEER_UP :
					  VNETFAB_EVENT_PEER_DOWN, reason, -1);
}

/*
 * An address from a pair of attributes, one for each family (exactly one
 * given unless @optional): a unicast address, of @want's family if that
 * is set. *@family is set to the address's.
 */
int vnetfab_nla_get_ip(struct nlattr *a4, struct nlattr *a6, bool optional,
		       sa_family_t want, sa_family_t *family,
		       union vnetfab_ip *addr, const struct nlattr *where,
		       struct netlink_ext_ack *extack)
{
	memset(addr, 0, sizeof(*addr));
	*family = AF_UNSPEC;
	if (a4 && a6) {
		NL_SET_ERR_MSG_ATTR(extack, a6,
				    "give one address, IPv4 or IPv6, not both");
		return -EINVAL;
	}
	if (!a4 && !a6) {
		if (optional)
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, where,
				    "a peer or path needs exactly one address, IPv4 or IPv6");
		return -EINVAL;
	}
	if (a4) {
		*family = AF_INET;
		addr->v4 = nla_get_in_addr(a4);
		if (ipv4_is_multicast(addr->v4) || ipv4_is_lbcast(addr->v4) ||
		    ipv4_is_zeronet(addr->v4)) {
			NL_SET_ERR_MSG_ATTR(extack, a4,
					    "the address must be a unicast IPv4 address");
			return -EINVAL;
		}
	} else {
		*family = AF_INET6;
		addr->v6 = nla_get_in6_addr(a6);
		if (ipv6_addr_is_multicast(&addr->v6) ||
		    ipv6_addr_any(&addr->v6)) {
			NL_SET_ERR_MSG_ATTR(extack, a6,
					    "the address must be a unicast IPv6 address");
			return -EINVAL;
		}
	}
	if (want && *family != want) {
		NL_SET_ERR_MSG_ATTR(extack, a4 ? : a6,
				    "every path and source address of a peer must be of the family of its own address");
		return -EAFNOSUPPORT;
	}
	return 0;
}

static bool vnetfab_ip_equal(sa_family_t family, const union vnetfab_ip *x,
			     const union vnetfab_ip *y)
{
	if (family == AF_INET)
		return x->v4 == y->v4;
	return ipv6_addr_equal(&x->v6, &y->v6);
}

int vnetfab_parse_paths(struct nlattr *nest, struct nlattr **tb,
			struct vnetfab_peer_spec *spec,
			struct netlink_ext_ack *extack)
{
	struct nlattr *ptb[VNETFAB_PATH_A_MAX + 1];
	struct vnetfab_path_spec *p;
	sa_family_t family;
	struct nlattr *nla;
	int err, rem, i;

	spec->n_paths = 1;
	p = &spec->path[0];
	memset(p, 0, sizeof(*p));
	p->addr = spec->addr;
	p->nla = nest;
	err = vnetfab_nla_get_ip(tb[VNETFAB_PEER_A_LOCAL4],
				 tb[VNETFAB_PEER_A_LOCAL6], true, spec->family,
				 &family, &p->local, nest, extack);
	if (err)
		return err;
	p->has_local = family != AF_UNSPEC;

	nla_for_each_nested(nla, nest, rem) {
		if (nla_type(nla) != VNETFAB_PEER_A_PATH)
			continue;
		if (spec->n_paths == VNETFAB_MAX_PATHS) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "a peer has at most 4 paths: its own address and 3 more");
			return -E2BIG;
		}
		err = nla_parse_nested(ptb, VNETFAB_PATH_A_MAX, nla,
				       vnetfab_path_policy, extack);
		if (err)
			return err;
		p = &spec->path[spec->n_paths];
		memset(p, 0, sizeof(*p));
		p->nla = nla;
		err = vnetfab_nla_get_ip(ptb[VNETFAB_PATH_A_ADDR4],
					 ptb[VNETFAB_PATH_A_ADDR6], false,
					 spec->family, &family, &p->addr, nla,
					 extack);
		if (err)
			return err;
		err = vnetfab_nla_get_ip(ptb[VNETFAB_PATH_A_LOCAL4],
					 ptb[VNETFAB_PATH_A_LOCAL6], true,
					 spec->family, &family, &p->local, nla,
					 extack);
		if (err)
			return err;
		p->has_local = family != AF_UNSPEC;
		for (i = 0; i < spec->n_paths; i++) {
			if (vnetfab_ip_equal(spec->family, &spec->path[i].addr,
					     &p->addr)) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "the same address is given twice among the peer's paths");
				return -EINVAL;
			}
		}
		spec->n_paths++;
	}
	return 0;
}

bool vnetfab_paths_equal(const struct vnetfab_peer *peer,
			 const struct vnetfab_peer_spec *spec)
{
	unsigned int i;

	if (peer->n_paths != spec->n_paths)
		return false;
	for (i = 0; i < peer->n_paths; i++) {
		const struct vnetfab_path *path = &peer->path[i];
		const struct vnetfab_path_spec *p = &spec->path[i];

		if (!vnetfab_ip_equal(peer->family, &path->addr, &p->addr) ||
		    path->has_local != p->has_local ||
		    (p->has_local &&
		     !vnetfab_ip_equal(peer->family, &path->local, &p->local)))
			return false;
	}
	return true;
}

static int vnetfab_put_ip(struct sk_buff *skb, int type4, int type6,
			  sa_family_t family, const union vnetfab_ip *addr)
{
	if (family == AF_INET)
		return nla_put_in_addr(skb, type4, addr->v4);
	return nla_put_in6_addr(skb, type6, &addr->v6);
}

static int vnetfab_put_path(struct sk_buff *skb, struct vnetfab_peer *peer,
			    struct vnetfab_path *path)
{
	unsigned long last = READ_ONCE(path->last_rx);
	unsigned long since = READ_ONCE(path->state_since);
	struct nlattr *nest;

	nest = nla_nest_start(skb, VNETFAB_PEER_A_PATH);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, VNETFAB_PATH_A_INDEX, path->index) ||
	    vnetfab_put_ip(skb, VNETFAB_PATH_A_ADDR4, VNETFAB_PATH_A_ADDR6,
			   peer->family, &path->addr) ||
	    (path->has_local &&
	     vnetfab_put_ip(skb, VNETFAB_PATH_A_LOCAL4, VNETFAB_PATH_A_LOCAL6,
			    peer->family, &path->local)) ||
	    nla_put_u8(skb, VNETFAB_PATH_A_STATE, READ_ONCE(path->state)) ||
	    nla_put_u32(skb, VNETFAB_PATH_A_STATE_MS,
			jiffies_to_msecs(jiffies - since)) ||
	    (last && nla_put_u32(skb, VNETFAB_PATH_A_LAST_RX_MS,
				 jiffies_to_msecs(jiffies - last))) ||
	    nla_put_u32(skb, VNETFAB_PATH_A_PROBES_SENT,
			atomic_read(&path->probes_sent)) ||
	    nla_put_u32(skb, VNETFAB_PATH_A_PROBES_ANSWERED,
			atomic_read(&path->probes_answered)) ||
	    nla_put_u32(skb, VNETFAB_PATH_A_STATE_CHANGES,
			atomic_read(&path->state_changes))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int vnetfab_put_paths(struct sk_buff *skb, struct vnetfab_peer *peer)
{
	struct vnetfab_path *first = &peer->path[0];
	unsigned int i;

	if (nla_put_u8(skb, VNETFAB_PEER_A_ACTIVE_PATH,
		       READ_ONCE(peer->active)) ||
	    (first->has_local &&
	     vnetfab_put_ip(skb, VNETFAB_PEER_A_LOCAL4, VNETFAB_PEER_A_LOCAL6,
			    peer->family, &first->local)))
		return -EMSGSIZE;
	if (peer->n_paths < 2)
		return 0;
	for (i = 0; i < peer->n_paths; i++)
		if (vnetfab_put_path(skb, peer, &peer->path[i]))
			return -EMSGSIZE;
	return 0;
}

unsigned long vnetfab_peer_last_rx(const struct vnetfab_peer *peer)
{
	unsigned long last = 0, t;
	unsigned int i;

	for (i = 0; i < peer->n_paths; i++) {
		t = READ_ONCE(peer->path[i].last_rx);
		if (t && (!last || time_after(t, last)))
			last = t;
	}
	return last;
}
