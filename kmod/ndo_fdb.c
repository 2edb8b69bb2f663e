// SPDX-License-Identifier: GPL-2.0
/*
 * The MAC table through the neighbour API, as vxlan has it: "bridge fdb
 * add|replace|del|get|show dev fab0 ...". There is one table, the one
 * the generic netlink family shows (fdb.c); this file only translates.
 *
 * A destination is written as vxlan writes one, with NDA_DST for a peer
 * and NDA_IFINDEX ("via") for a local port; an entry naming neither is
 * the host endpoint's:
 *
 *	MAC dst ADDR [port N]	behind peer ADDR, which must be a peer
 *	MAC via PORT		behind PORT, which must be a port of fab0
 *	MAC			on the host endpoint (fab0 itself)
 *
 * Every entry is dumped on fab0 (ndm_ifindex) with NTF_SELF, so that
 * "bridge fdb show dev fab0" lists the whole table: learned entries as
 * NUD_REACHABLE, static ones as NUD_NOARP | NUD_PERMANENT (vxlan's
 * state for an entry added without "static", the one iproute2 sends by
 * default); NDA_CACHEINFO says how long ago the MAC was last seen, for
 * a static entry how long ago it was added.
 *
 * vxlan's all-zeros entry, its flood list, is the segment's peers: each
 * peer is dumped as "00:00:00:00:00:00 dst ADDR self permanent", and
 * "bridge fdb append 00:00:00:00:00:00 dev fab0 dst ADDR" adds a peer
 * ("add" too while there is none, "replace" as "append"), "bridge fdb
 * del 00:00:00:00:00:00 dev fab0 dst ADDR" deletes one (without dst:
 * every peer, as vxlan deletes the whole entry). A MAC entry whose dst is
 * not a peer makes it one, floods included: a segment takes frames from
 * its peers only, and an entry names a host to trust (vxlan sends to any
 * dst, and takes frames from anywhere); deleting the entry leaves the
 * peer. extern_learn (NTF_EXT_LEARNED, zebra's remote MACs, added with
 * state reachable) and sticky (NTF_STICKY) are kept and reported; every
 * entry added here is static: never aged, never moved by a frame.
 *
 * Add, delete and flush ("bridge fdb flush") run under RTNL, dumps and
 * gets under RCU. Every change of the table, whoever made it (learning,
 * ageing, vnetfabctl, a flush, a peer or port going away), is announced
 * to RTNLGRP_NEIGH as vxlan announces its own ("bridge monitor fdb"):
 * RTM_NEWNEIGH for an entry added or changed, RTM_DELNEIGH for one
 * removed; nothing is built when no one listens, and nothing is sent
 * for the entries a segment takes with it when it is deleted (its
 * RTM_DELLINK says that).
 */

#include <linux/etherdevice.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "compat.h"
#include "fdb.h"
#include "liveness.h"
#include "ndo_fdb.h"
#include "path.h"
#include "peer.h"
#include "port.h"

#define VNETFAB_NUD_STATIC	(NUD_NOARP | NUD_PERMANENT)
#define VNETFAB_NTF_KEPT	(NTF_EXT_LEARNED | NTF_STICKY)

/* the underlay address of a peer, and its port where not the segment's */
static int vnetfab_ndo_put_peer(struct sk_buff *skb, struct vnetfab_dev *vf,
				struct vnetfab_peer *peer)
{
	struct net *net = dev_net(vf->dev), *link_net = READ_ONCE(vf->net);
	__be16 dport = READ_ONCE(peer->dstport);	/* dumps: RCU only */

	if (peer->family == AF_INET) {
		if (nla_put_in_addr(skb, NDA_DST, peer->addr.v4))
			return -EMSGSIZE;
	} else if (nla_put_in6_addr(skb, NDA_DST, &peer->addr.v6)) {
		return -EMSGSIZE;
	}
	if (dport && dport != htons(vf->cfg.dstport) &&
	    nla_put_be16(skb, NDA_PORT, dport))
		return -EMSGSIZE;
	/* the address is one of the underlay netns, as for vxlan */
	if (!net_eq(net, link_net) &&
	    nla_put_s32(skb, NDA_LINK_NETNSID, peernet2id(net, link_net)))
		return -EMSGSIZE;
	return 0;
}

/* the message and its ndmsg, for an entry of @vf in @state with @ntf */
static struct nlmsghdr *vnetfab_ndo_put_ndm(struct sk_buff *skb,
					    struct vnetfab_dev *vf, int type,
					    u32 portid, u32 seq,
					    unsigned int flags, u16 state,
					    u8 ntf)
{
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	nlh = nlmsg_put(skb, portid, seq, type, sizeof(*ndm), flags);
	if (!nlh)
		return NULL;
	ndm = nlmsg_data(nlh);
	memset(ndm, 0, sizeof(*ndm));
	ndm->ndm_family = AF_BRIDGE;
	ndm->ndm_ifindex = vf->dev->ifindex;
	ndm->ndm_state = state;
	ndm->ndm_flags = NTF_SELF | ntf;
	ndm->ndm_type = RTN_UNICAST;
	return nlh;
}

/* RCU held */
static int vnetfab_ndo_fdb_fill(struct sk_buff *skb, struct vnetfab_dev *vf,
				struct vnetfab_fdb_entry *e, int type,
				u32 portid, u32 seq, unsigned int flags)
{
	struct vnetfab_ep *dst = rcu_dereference(e->dst);
	u16 state = READ_ONCE(e->is_static) ? VNETFAB_NUD_STATIC :
					      NUD_REACHABLE;
	struct nda_cacheinfo ci = {};
	u8 ntf = READ_ONCE(e->ntf);
	struct vnetfab_port *port;
	struct nlmsghdr *nlh;

	/* zebra's remote MACs: added reachable, extern_learn, shown so */
	if (ntf & NTF_EXT_LEARNED)
		state = NUD_REACHABLE;
	nlh = vnetfab_ndo_put_ndm(skb, vf, type, portid, seq, flags, state, ntf);
	if (!nlh)
		return -EMSGSIZE;

	if (nla_put(skb, NDA_LLADDR, ETH_ALEN, e->addr))
		goto err;
	switch (dst->kind) {
	case VNETFAB_EP_PORT:
		port = container_of(dst, struct vnetfab_port, ep);
		if (nla_put_u32(skb, NDA_IFINDEX, port->dev->ifindex))
			goto err;
		break;
	case VNETFAB_EP_PEER:
		if (vnetfab_ndo_put_peer(skb, vf, container_of(dst,
							       struct vnetfab_peer,
							       ep)))
			goto err;
		break;
	}
	/* one timestamp: the last frame from the MAC, or when it was added */
	ci.ndm_updated = jiffies_to_clock_t(jiffies - READ_ONCE(e->updated));
	ci.ndm_used = ci.ndm_updated;
	if (nla_put(skb, NDA_CACHEINFO, sizeof(ci), &ci))
		goto err;
	nlmsg_end(skb, nlh);
	return 0;
err:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

static size_t vnetfab_ndo_fdb_msg_size(void)
{
	return NLMSG_ALIGN(sizeof(struct ndmsg)) +
	       nla_total_size(ETH_ALEN) +			/* NDA_LLADDR */
	       nla_total_size(sizeof(struct in6_addr)) +	/* NDA_DST */
	       nla_total_size(sizeof(__be16)) +			/* NDA_PORT */
	       nla_total_size(sizeof(s32)) +		/* NDA_LINK_NETNSID */
	       nla_total_size(sizeof(u32)) +			/* NDA_IFINDEX */
	       nla_total_size(sizeof(struct nda_cacheinfo));
}

/* RCU or RTNL held: a peer as vxlan's all-zeros entry to it */
static int vnetfab_ndo_zero_fill(struct sk_buff *skb, struct vnetfab_dev *vf,
				 struct vnetfab_peer *peer, int type,
				 u32 portid, u32 seq, unsigned int flags)
{
	static const u8 zero[ETH_ALEN];
	struct nda_cacheinfo ci = {};
	struct nlmsghdr *nlh;

	nlh = vnetfab_ndo_put_ndm(skb, vf, type, portid, seq, flags,
				  VNETFAB_NUD_STATIC, 0);
	if (!nlh)
		return -EMSGSIZE;
	if (nla_put(skb, NDA_LLADDR, ETH_ALEN, zero) ||
	    vnetfab_ndo_put_peer(skb, vf, peer) ||
	    nla_put(skb, NDA_CACHEINFO, sizeof(ci), &ci)) {
		nlmsg_cancel(skb, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(skb, nlh);
	return 0;
}

/*
 * Announce @e (fdb_lock held) or, if NULL, @peer as its all-zeros entry
 * (RTNL held): @type RTM_NEWNEIGH or RTM_DELNEIGH
 */
static void vnetfab_ndo_notify(struct vnetfab_dev *vf,
			       struct vnetfab_fdb_entry *e,
			       struct vnetfab_peer *peer, int type, gfp_t gfp)
{
	struct net *net = dev_net(vf->dev);
	struct sk_buff *skb;
	int err;

	if (READ_ONCE(vf->dev->reg_state) != NETREG_REGISTERED ||
	    !rtnl_has_listeners(net, RTNLGRP_NEIGH))
		return;
	skb = nlmsg_new(vnetfab_ndo_fdb_msg_size(), gfp);
	if (!skb) {
		err = -ENOBUFS;
		goto err;
	}
	rcu_read_lock();
	if (e)
		err = vnetfab_ndo_fdb_fill(skb, vf, e, type, 0, 0, 0);
	else
		err = vnetfab_ndo_zero_fill(skb, vf, peer, type, 0, 0, 0);
	rcu_read_unlock();
	if (err) {
		WARN_ON_ONCE(err == -EMSGSIZE);	/* msg_size is wrong */
		kfree_skb(skb);
		goto err;
	}
	rtnl_notify(skb, net, 0, RTNLGRP_NEIGH, NULL, gfp);
	return;
err:
	rtnl_set_sk_err(net, RTNLGRP_NEIGH, err);
}

/* fdb_lock held: announce a change of @e (@type: RTM_NEWNEIGH or DELNEIGH) */
void vnetfab_ndo_fdb_notify(struct vnetfab_dev *vf,
			    struct vnetfab_fdb_entry *e, int type)
{
	vnetfab_ndo_notify(vf, e, NULL, type, GFP_ATOMIC);
}

/* RTNL held: announce a peer added or gone, as its all-zeros entry */
void vnetfab_ndo_peer_notify(struct vnetfab_dev *vf, struct vnetfab_peer *peer,
			     int type)
{
	vnetfab_ndo_notify(vf, NULL, peer, type, GFP_KERNEL);
}

/* What no vnetfab entry has; common to add and del. */
static int vnetfab_ndo_check(struct vnetfab_dev *vf, struct ndmsg *ndm,
			     struct nlattr *tb[], u16 vid,
			     struct netlink_ext_ack *extack)
{
	if (vid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_VLAN],
				    "vnetfab segments are VLAN-unaware: give no vlan");
		return -EINVAL;
	}
	if (tb[NDA_SRC_VNI]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_SRC_VNI],
				    "src_vni is not supported: a segment has one id");
		return -EOPNOTSUPP;
	}
	if (tb[NDA_NH_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_NH_ID],
				    "nexthop groups are not supported: give one peer with dst");
		return -EOPNOTSUPP;
	}
	if (tb[NDA_FDB_EXT_ATTRS] || tb[NDA_FLAGS_EXT]) {
		NL_SET_ERR_MSG(extack,
			       "bridge FDB extensions and extended flags are not supported");
		return -EOPNOTSUPP;
	}
	if (tb[NDA_VNI] && (nla_len(tb[NDA_VNI]) != sizeof(u32) ||
			    nla_get_u32(tb[NDA_VNI]) != vf->id)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_VNI],
				    "vni: a segment carries its own id only; give that or none");
		return -EINVAL;
	}
	if (ndm->ndm_flags & ~(NTF_SELF | NTF_MASTER | VNETFAB_NTF_KEPT)) {
		NL_SET_ERR_MSG(extack,
			       "flags use and router are not supported (extern_learn and sticky are)");
		return -EINVAL;
	}
	return 0;
}

/* RTNL held: the peer NDA_DST and NDA_PORT name, as a request to add */
static int vnetfab_ndo_peer_spec(struct vnetfab_dev *vf, struct nlattr *tb[],
				 struct vnetfab_peer_spec *spec,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *a = tb[NDA_DST];
	int err;

	memset(spec, 0, sizeof(*spec));
	if (nla_len(a) != sizeof(__be32) &&
	    nla_len(a) != sizeof(struct in6_addr)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "dst must be an IPv4 or IPv6 address");
		return -EINVAL;
	}
	/* a unicast address, as for any peer (vxlan takes a multicast group) */
	err = vnetfab_nla_get_ip(nla_len(a) == sizeof(__be32) ? a : NULL,
				 nla_len(a) == sizeof(struct in6_addr) ? a : NULL,
				 false, AF_UNSPEC, &spec->family, &spec->addr,
				 a, extack);
	if (err)
		return err;
	spec->dstport = vf->cfg.dstport;
	if (tb[NDA_PORT]) {
		if (nla_len(tb[NDA_PORT]) != sizeof(__be16) ||
		    vf->encap != VNETFAB_ENCAP_UDP) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NDA_PORT],
					    "port: a UDP port (encap gre has none)");
			return -EINVAL;
		}
		spec->dstport = be16_to_cpu(nla_get_be16(tb[NDA_PORT]));
		if (!spec->dstport) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NDA_PORT],
					    "port must be 1..65535");
			return -EINVAL;
		}
	}
	spec->probe_ms = VNETFAB_PROBE_SEGMENT;
	spec->n_paths = 1;
	spec->path[0].addr = spec->addr;
	spec->path[0].nla = a;
	spec->nla = a;
	return vnetfab_peer_check(vf, spec->family, &spec->addr, extack);
}

/* RTNL held: add the peer NDA_DST names (it is not one yet) */
static int vnetfab_ndo_add_peer(struct vnetfab_dev *vf, struct nlattr *tb[],
				struct netlink_ext_ack *extack)
{
	struct vnetfab_peer_spec spec;
	int err;

	err = vnetfab_peer_perm(vf, NULL, extack);
	if (!err)
		err = vnetfab_ndo_peer_spec(vf, tb, &spec, extack);
	if (!err)
		err = vnetfab_peer_add(vf, &spec, extack);
	return err;
}

/*
 * RTNL held: the peer NDA_DST names, with the port NDA_PORT names; made a
 * peer first if it is none and @fresh is not NULL (*@fresh: the new peer,
 * for the caller to delete again if the rest of its request fails)
 */
static struct vnetfab_ep *vnetfab_ndo_peer(struct vnetfab_dev *vf,
					   struct nlattr *tb[],
					   struct vnetfab_peer **fresh,
					   struct netlink_ext_ack *extack)
{
	struct nlattr *a = tb[NDA_DST];
	struct vnetfab_peer *peer;
	union vnetfab_ip addr;
	sa_family_t family;

	memset(&addr, 0, sizeof(addr));
	if (nla_len(a) == sizeof(__be32)) {
		family = AF_INET;
		addr.v4 = nla_get_in_addr(a);
	} else if (nla_len(a) == sizeof(struct in6_addr)) {
		family = AF_INET6;
		addr.v6 = nla_get_in6_addr(a);
	} else {
		NL_SET_ERR_MSG_ATTR(extack, a, "dst must be an IPv4 or IPv6 address");
		return ERR_PTR(-EINVAL);
	}
	peer = vnetfab_peer_lookup(vf, family, &addr);
	if (!peer && fresh) {
		int err = vnetfab_ndo_add_peer(vf, tb, extack);

		if (err)
			return ERR_PTR(err);
		*fresh = vnetfab_peer_lookup(vf, family, &addr);
		return &(*fresh)->ep;
	}
	if (!peer) {
		NL_SET_BAD_ATTR(extack, a);
		if (family == AF_INET)
			vnetfab_err_fmt(extack,
					"dst is not a peer of this segment; run vnetfabctl peer add first",
					"no peer %pI4; run vnetfabctl peer add first",
					&addr.v4);
		else
			vnetfab_err_fmt(extack,
					"dst is not a peer of this segment; run vnetfabctl peer add first",
					"no peer %pI6c; run vnetfabctl peer add first",
					&addr.v6);
		return ERR_PTR(-ENOENT);
	}
	a = tb[NDA_PORT];
	if (a && (nla_len(a) != sizeof(__be16) || !peer->dstport)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "port: give none (encap gre has no ports) or the peer's UDP port");
		return ERR_PTR(-EINVAL);
	}
	if (a && nla_get_be16(a) != peer->dstport) {
		NL_SET_BAD_ATTR(extack, a);
		vnetfab_err_fmt(extack,
				"port differs from the peer's: give none or the peer's (vnetfabctl peer list)",
				"port: the peer listens on %u; give none or that",
				ntohs(peer->dstport));
		return ERR_PTR(-EINVAL);
	}
	return &peer->ep;
}

/* RTNL held: the local port NDA_IFINDEX names */
static struct vnetfab_ep *vnetfab_ndo_port(struct vnetfab_dev *vf,
					   struct nlattr *a,
					   struct netlink_ext_ack *extack)
{
	struct vnetfab_port *port = NULL;
	struct net_device *pdev;

	if (nla_len(a) != sizeof(u32)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "via must be an ifindex");
		return ERR_PTR(-EINVAL);
	}
	pdev = __dev_get_by_index(dev_net(vf->dev), nla_get_u32(a));
	if (pdev)
		port = vnetfab_port_find(vf, pdev);
	if (!port) {
		NL_SET_BAD_ATTR(extack, a);
		if (pdev)
			vnetfab_err_fmt(extack,
					"via: that device is not a port of this segment",
					"via: %s is not a port of %s",
					pdev->name, vf->dev->name);
		else
			NL_SET_ERR_MSG(extack,
				       "via: no such device in the segment's network namespace");
		return ERR_PTR(-ENODEV);
	}
	return &port->ep;
}

/* RTNL held: the peer or port @tb names, NULL if it names neither */
static struct vnetfab_ep *vnetfab_ndo_dst(struct vnetfab_dev *vf,
					  struct nlattr *tb[],
					  struct vnetfab_peer **fresh,
					  struct netlink_ext_ack *extack)
{
	if (tb[NDA_DST] && tb[NDA_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_IFINDEX],
				    "give dst (a peer) or via (a local port), not both");
		return ERR_PTR(-EINVAL);
	}
	if (tb[NDA_PORT] && !tb[NDA_DST]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_PORT],
				    "port is a peer's UDP port: it goes with dst");
		return ERR_PTR(-EINVAL);
	}
	if (tb[NDA_DST])
		return vnetfab_ndo_peer(vf, tb, fresh, extack);
	if (tb[NDA_IFINDEX])
		return vnetfab_ndo_port(vf, tb[NDA_IFINDEX], extack);
	return NULL;
}

/*
 * The all-zeros MAC: append (add while there is no peer, replace as
 * append) makes dst a peer; one already: nothing to do, as for vxlan
 */
static int vnetfab_ndo_zero_add(struct vnetfab_dev *vf, struct nlattr *tb[],
				u16 flags, struct netlink_ext_ack *extack)
{
	struct vnetfab_peer *fresh = NULL;
	struct vnetfab_ep *dst;

	if (!tb[NDA_DST]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_LLADDR],
				    "00:00:00:00:00:00 is the flood list: give dst, a peer host's address");
		return -EINVAL;
	}
	if (tb[NDA_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_IFINDEX],
				    "the flood list holds peers (dst), not ports (via)");
		return -EINVAL;
	}
	if ((flags & NLM_F_EXCL) && !(flags & NLM_F_APPEND) && vf->n_peers) {
		NL_SET_ERR_MSG(extack,
			       "00:00:00:00:00:00 has peers already: bridge fdb append adds one more");
		return -EEXIST;
	}
	dst = vnetfab_ndo_peer(vf, tb, &fresh, extack);
	return PTR_ERR_OR_ZERO(dst);
}

/* del of the all-zeros MAC: the peer dst, or without dst every peer */
static int vnetfab_ndo_zero_del(struct vnetfab_dev *vf, struct nlattr *tb[],
				struct netlink_ext_ack *extack)
{
	struct vnetfab_ep *dst;
	int err;

	err = vnetfab_peer_perm(vf, NULL, extack);
	if (err)
		return err;
	if (!tb[NDA_DST]) {
		err = vnetfab_peer_replace_all(vf, NULL, 0);
		if (err)
			NL_SET_ERR_MSG(extack, "no memory to delete the peers");
		return err;
	}
	dst = vnetfab_ndo_peer(vf, tb, NULL, extack);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	return vnetfab_peer_del(vf, container_of(dst, struct vnetfab_peer, ep));
}

int vnetfab_ndo_fdb_add(struct ndmsg *ndm, struct nlattr *tb[],
			struct net_device *dev, const unsigned char *addr,
			u16 vid, u16 flags, struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	struct vnetfab_peer *fresh = NULL;
	struct vnetfab_ep *dst;
	int err;

	ASSERT_RTNL();
	err = vnetfab_ndo_check(vf, ndm, tb, vid, extack);
	if (err)
		return err;
	if (is_zero_ether_addr(addr))
		return vnetfab_ndo_zero_add(vf, tb, flags, extack);
	if (!is_valid_ether_addr(addr)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_LLADDR],
				    "multicast and broadcast MACs go to every port and peer; entries take unicast MACs");
		return -EINVAL;
	}
	if (!(ndm->ndm_state & VNETFAB_NUD_STATIC) &&
	    !((ndm->ndm_state & NUD_REACHABLE) &&
	      (ndm->ndm_flags & NTF_EXT_LEARNED))) {
		NL_SET_ERR_MSG(extack,
			       "entries added by hand are static: give static or permanent, or extern_learn (dynamic ones are learned)");
		return -EINVAL;
	}
	if (flags & NLM_F_APPEND) {
		NL_SET_ERR_MSG(extack,
			       "a MAC has one destination (unknown MACs go to every peer: append to 00:00:00:00:00:00): use add or replace");
		return -EOPNOTSUPP;
	}

	dst = vnetfab_ndo_dst(vf, tb, &fresh, extack);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	err = vnetfab_fdb_set_static(vf, addr, dst ?: &vf->local_ep,
				     flags & NLM_F_CREATE, flags & NLM_F_EXCL,
				     ndm->ndm_flags & VNETFAB_NTF_KEPT);
	/* a refused request changes nothing: not even the peer it made */
	if (err && fresh)
		vnetfab_peer_del(vf, fresh);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(extack,
			       "the MAC has an entry (static or learned); bridge fdb replace changes it");
	else if (err == -ENOENT)
		NL_SET_ERR_MSG(extack, "the MAC has no entry to change");
	else if (err)
		NL_SET_ERR_MSG(extack, "no memory for the entry");
	return err;
}

int vnetfab_ndo_fdb_del(struct ndmsg *ndm, struct nlattr *tb[],
			struct net_device *dev, const unsigned char *addr,
			u16 vid, struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	struct vnetfab_ep *dst;
	int err;

	ASSERT_RTNL();
	err = vnetfab_ndo_check(vf, ndm, tb, vid, extack);
	if (err)
		return err;
	if (is_zero_ether_addr(addr))
		return vnetfab_ndo_zero_del(vf, tb, extack);
	/* with dst or via: only if the entry points there */
	dst = vnetfab_ndo_dst(vf, tb, NULL, extack);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	err = vnetfab_fdb_del_dst(vf, addr, dst);
	if (err == -ESRCH) {
		NL_SET_ERR_MSG(extack, "the MAC's entry points elsewhere");
		err = -ENOENT;
	} else if (err) {
		NL_SET_ERR_MSG(extack, "no entry for that MAC address");
	}
	return err;
}

/*
 * "bridge fdb flush dev fab0 self [brport DEV] [[no]permanent|[no]static|
 * [no]dynamic]": the entries whose state, as the dump shows it, matches
 * ndm_state under NDA_NDM_STATE_MASK (vxlan's rule: a static entry is
 * NUD_NOARP | NUD_PERMANENT, so "permanent" and "nodynamic" select it,
 * "dynamic" and "nostatic" select learned ones); brport selects the
 * entries behind that port (fab0 itself: the host endpoint's);
 * [no]extern_learn and [no]sticky select by those flags (extern_learn
 * entries are "dynamic" here, as their state shows); a filter that wants
 * any other flag matches nothing. The flood list (the all-zeros entries)
 * is not flushed: its entries are peers.
 */
int vnetfab_ndo_fdb_flush(struct ndmsg *ndm, struct nlattr *tb[],
			  struct net_device *dev, u16 vid,
			  struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	struct vnetfab_fdb_match m = {};
	u16 smask = 0;
	u8 fmask = 0;

	ASSERT_RTNL();
	if (vid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_VLAN],
				    "vnetfab segments are VLAN-unaware: give no vlan");
		return -EINVAL;
	}
	if (ndm->ndm_state & ~VNETFAB_NUD_STATIC) {
		NL_SET_ERR_MSG(extack,
			       "entries are selected by [no]permanent, [no]static or [no]dynamic only");
		return -EINVAL;
	}
	if (tb[NDA_NDM_STATE_MASK])
		smask = nla_get_u16(tb[NDA_NDM_STATE_MASK]);
	if (tb[NDA_NDM_FLAGS_MASK])
		fmask = nla_get_u8(tb[NDA_NDM_FLAGS_MASK]);
	/* no entry has a flag but extern_learn and sticky */
	if (ndm->ndm_flags & fmask & ~(NTF_SELF | NTF_MASTER | VNETFAB_NTF_KEPT))
		return 0;
	m.ntf_mask = fmask & VNETFAB_NTF_KEPT;
	m.ntf_want = ndm->ndm_flags & m.ntf_mask;
	m.learned = (NUD_REACHABLE & smask) == (ndm->ndm_state & smask);
	m.statics = (VNETFAB_NUD_STATIC & smask) == (ndm->ndm_state & smask);
	if (tb[NDA_IFINDEX] && nla_len(tb[NDA_IFINDEX]) == sizeof(u32) &&
	    nla_get_u32(tb[NDA_IFINDEX]) == dev->ifindex) {
		m.dst = &vf->local_ep;
	} else if (tb[NDA_IFINDEX]) {
		m.dst = vnetfab_ndo_port(vf, tb[NDA_IFINDEX], extack);
		if (IS_ERR(m.dst))
			return PTR_ERR(m.dst);
	}
	vnetfab_fdb_flush_match(vf, &m);
	return 0;
}

/* what "bridge fdb flush" may name, where the driver parses it (6.8+) */
const struct nla_policy vnetfab_ndo_flush_policy[NDA_MAX + 1] = {
	[NDA_VLAN]		= { .type = NLA_U16 },
	[NDA_IFINDEX]		= NLA_POLICY_MIN(NLA_S32, 1),
	[NDA_NDM_STATE_MASK]	= { .type = NLA_U16 },
	[NDA_NDM_FLAGS_MASK]	= { .type = NLA_U8 },
};

/*
 * One part of a dump: skip the entries earlier parts sent, add the rest
 * until the skb is full, count in *@idx each one sent or skipped; the
 * core keeps the count where a part ended. Entries are in the order of
 * vnetfab_dev.fdb_list; one added or deleted between two parts can make
 * the next part repeat or miss one, as for the bridge and vxlan.
 * @filter_dev is the port of a bridge whose master dumps: never ours.
 */
int vnetfab_ndo_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb,
			 struct net_device *dev, struct net_device *filter_dev,
			 int *idx)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	long done = vnetfab_fdb_dump_done(cb);
	struct vnetfab_fdb_entry *e;
	struct vnetfab_peer *peer;
	int err = 0;

	rcu_read_lock();
	hlist_for_each_entry_rcu(e, &vf->fdb_list, list) {
		if (*idx >= done) {
			err = vnetfab_ndo_fdb_fill(skb, vf, e, RTM_NEWNEIGH,
						   NETLINK_CB(cb->skb).portid,
						   cb->nlh->nlmsg_seq,
						   NLM_F_MULTI);
			if (err)
				goto out;
		}
		*idx += 1;
	}
	/* then the flood list, one all-zeros entry per peer, as vxlan's */
	list_for_each_entry_rcu(peer, &vf->peers, list) {
		if (*idx >= done) {
			err = vnetfab_ndo_zero_fill(skb, vf, peer, RTM_NEWNEIGH,
						    NETLINK_CB(cb->skb).portid,
						    cb->nlh->nlmsg_seq,
						    NLM_F_MULTI);
			if (err)
				goto out;
		}
		*idx += 1;
	}
out:
	rcu_read_unlock();
	return err;
}

int vnetfab_ndo_fdb_get(struct sk_buff *skb, struct nlattr *tb[],
			struct net_device *dev, const unsigned char *addr,
			u16 vid, u32 portid, u32 seq,
			struct netlink_ext_ack *extack)
{
	struct vnetfab_dev *vf = netdev_priv(dev);
	struct vnetfab_fdb_entry *e;
	int err;

	if (vid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NDA_VLAN],
				    "vnetfab segments are VLAN-unaware: give no vlan");
		return -EINVAL;
	}
	rcu_read_lock();
	e = vnetfab_fdb_lookup(vf, addr);
	if (e) {
		err = vnetfab_ndo_fdb_fill(skb, vf, e, RTM_NEWNEIGH, portid, seq,
					   0);
	} else {
		NL_SET_ERR_MSG(extack, "no entry for that MAC address");
		err = -ENOENT;
	}
	rcu_read_unlock();
	return err;
}
