/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vnetfab: shared Ethernet segments across hosts.
 *
 * Two interfaces reach the module:
 *
 * 1. rtnetlink, link kind "vnetfab": creates and changes segment devices.
 *    Attributes go in IFLA_INFO_DATA and are the IFLA_VNETFAB_* below.
 *
 *      ip link add fab0 type vnetfab [id N]
 *
 * 2. generic netlink, family VNETFAB_GENL_NAME, version
 *    VNETFAB_GENL_VERSION: reads and run-time state (peers, FDB, counters).
 *    Commands are VNETFAB_CMD_*, attributes VNETFAB_A_*.
 *
 * 3. the neighbour API (PF_BRIDGE RTM_NEWNEIGH/DELNEIGH/GETNEIGH, "bridge
 *    fdb"), as for vxlan: the MAC table of 2., through ndo_fdb_*.
 *
 *      bridge fdb add|replace MAC dev fab0 dst ADDR    behind that peer
 *      bridge fdb add|replace MAC dev fab0 via PORT    behind that port
 *      bridge fdb add|replace MAC dev fab0             the host endpoint
 *      bridge fdb del MAC dev fab0 [dst ADDR | via PORT]
 *      bridge fdb show dev fab0 / bridge fdb get MAC dev fab0 self
 *
 *    Entries added are static (state static or permanent; dynamic is
 *    refused) and take unicast MACs; dst must be a peer already
 *    (vnetfabctl peer add); port, if given, must be the peer's UDP port;
 *    vni, if given, the segment id; vlan, src_vni, nhid and append are
 *    refused. "add" fails with EEXIST if the MAC has an entry, learned
 *    or static: "replace" changes it. "bridge fdb add MAC dev PORT
 *    master" does not reach vnetfab (the kernel sends it to bridge
 *    masters only): name the port with "via". Dumps list every entry on
 *    fab0 with NTF_SELF: learned ones NUD_REACHABLE, static ones
 *    NUD_NOARP | NUD_PERMANENT ("permanent"), a peer entry with NDA_DST
 *    (NDA_PORT if not the segment's port; NDA_LINK_NETNSID if fab0
 *    left its underlay netns), a port entry with NDA_IFINDEX ("via"),
 *    a host-endpoint entry with neither; NDA_CACHEINFO ages as
 *    VNETFAB_FDB_A_AGE_MS. Changes made this way are notified to
 *    RTNLGRP_NEIGH by the core; learning and ageing are not.
 *
 * Unless stated otherwise, integers are in host byte order.
 */
#ifndef _UAPI_LINUX_VNETFAB_H
#define _UAPI_LINUX_VNETFAB_H

#include <linux/types.h>

#define VNETFAB_KIND		"vnetfab"
#define VNETFAB_GENL_NAME	"vnetfab"
#define VNETFAB_GENL_VERSION	1

/* Segment ids are 24 bits (the VXLAN VNI, the GRE key). */
#define VNETFAB_ID_MIN		1
#define VNETFAB_ID_MAX		0xffffff
#define VNETFAB_ID_DEFAULT	1

/*
 * enum vnetfab_encap - how frames travel to peer hosts
 * @VNETFAB_ENCAP_UDP: UDP, VXLAN wire format (RFC 7348), VNI = segment id
 * @VNETFAB_ENCAP_GRE: GRE, Transparent Ethernet Bridging, key = segment id,
 *	no checksum or sequence number: the format of a Linux gretap device
 *	with "key N". IPv4 underlay only. Received through ip_gre's
 *	flow-based gretap device, which vnetfab creates as "vnetfab_gre" in
 *	the network namespace with the first GRE segment and deletes with
 *	the last; a namespace whose flow-based gretap device ("gretap
 *	external") belongs to someone else cannot have GRE segments.
 */
enum vnetfab_encap {
	VNETFAB_ENCAP_UDP,
	VNETFAB_ENCAP_GRE,
};

/* Defaults of the segment device. */
#define VNETFAB_DEFAULT_DSTPORT		4789	/* IANA VXLAN port */
#define VNETFAB_DEFAULT_TTL		64
#define VNETFAB_DEFAULT_AGEING		300	/* seconds */
#define VNETFAB_DEFAULT_MAX_ADDRS	16384	/* learned MACs per segment */
/* more takes CAP_NET_ADMIN in the initial user namespace */
#define VNETFAB_MAX_ADDRS_USERNS	65536

/* Limits of the segment device's settings (IFLA_VNETFAB_* below). */
#define VNETFAB_DSTPORT_MIN		1
#define VNETFAB_DSTPORT_MAX		65535
#define VNETFAB_TTL_MIN			1
#define VNETFAB_TTL_MAX			255
#define VNETFAB_TOS_MAX			255
#define VNETFAB_TOS_INHERIT		1	/* copy the inner header's */
#define VNETFAB_AGEING_MIN		1
#define VNETFAB_AGEING_MAX		1000000	/* seconds */
#define VNETFAB_MAX_ADDRS_MIN		1
#define VNETFAB_MAX_ADDRS_MAX		16777216

/*
 * enum vnetfab_df - the outer Don't Fragment bit, and so what happens to a
 * frame that does not fit the underlay path MTU
 * @VNETFAB_DF_UNSET: DF clear: the underlay fragments the outer packet.
 *	The default, as for vxlan: no frame is lost whatever the underlay
 *	MTU, at the price of fragmentation.
 * @VNETFAB_DF_SET: DF set (IPv4; IPv6 never fragments in the path): a
 *	frame that does not fit and carries an IPv6 packet or an IPv4 packet
 *	with DF is dropped, counted in VNETFAB_STATS_TOO_BIG, and its sender
 *	gets an ICMPv6 "packet too big" / ICMP "fragmentation needed" naming
 *	the MTU that fits, so it resends smaller (PMTU discovery). Any other
 *	frame that does not fit (IPv4 without DF, not IP) cannot learn from
 *	an ICMP error: it is sent without DF and fragmented, as with
 *	VNETFAB_DF_UNSET, rather than lost.
 * @VNETFAB_DF_INHERIT: DF copied from an inner IPv4 header, clear for
 *	anything else.
 */
enum vnetfab_df {
	VNETFAB_DF_UNSET,
	VNETFAB_DF_SET,
	VNETFAB_DF_INHERIT,
};

/*
 * rtnetlink attributes, nested in IFLA_INFO_DATA.
 *
 * Fixed at creation (a change is refused):
 * @IFLA_VNETFAB_ID: u32, segment id, VNETFAB_ID_MIN..VNETFAB_ID_MAX,
 *	default VNETFAB_ID_DEFAULT.
 * @IFLA_VNETFAB_ENCAP: u8, enum vnetfab_encap, default VNETFAB_ENCAP_UDP.
 * @IFLA_VNETFAB_LOCAL: be32 (struct in_addr), local IPv4 underlay address:
 *	the source of encapsulated packets. Unset: the route's choice.
 *	Setting it also restricts the segment to IPv4 peers.
 * @IFLA_VNETFAB_LOCAL6: struct in6_addr, the same for IPv6. At most one of
 *	LOCAL and LOCAL6. Refused with VNETFAB_ENCAP_GRE.
 * @IFLA_VNETFAB_DSTPORT: u16, UDP destination port peers listen on and this
 *	host receives on (default VNETFAB_DEFAULT_DSTPORT). Segments of one
 *	network namespace using the same port share one socket. UDP only:
 *	refused with VNETFAB_ENCAP_GRE, and not reported for GRE segments.
 * @IFLA_VNETFAB_LINK: u32, ifindex of the underlay device: packets leave
 *	through it and the device MTU defaults to its MTU less the overhead.
 *	0 or absent: routing decides.
 *
 * May change at run time (ip link set fab0 type vnetfab ...):
 * @IFLA_VNETFAB_TTL: u8, outer TTL / hop limit, 1..255 (default
 *	VNETFAB_DEFAULT_TTL).
 * @IFLA_VNETFAB_TOS: u8, outer TOS / traffic class; 1 means inherit from
 *	the inner IP header (default 0).
 * @IFLA_VNETFAB_DF: u8, enum vnetfab_df (default VNETFAB_DF_UNSET).
 * @IFLA_VNETFAB_AGEING: u32, seconds a learned MAC lives without a frame
 *	from it, 1..1000000 (default VNETFAB_DEFAULT_AGEING).
 * @IFLA_VNETFAB_LEARNING: u8, 1 learn source MACs (default), 0 do not.
 * @IFLA_VNETFAB_MAX_ADDRS: u32, most learned MACs the segment keeps,
 *	1..16777216 (default VNETFAB_DEFAULT_MAX_ADDRS; above
 *	VNETFAB_MAX_ADDRS_USERNS only with CAP_NET_ADMIN in the initial user
 *	namespace, as no memory cgroup is charged). Frames from further
 *	new MACs are still switched (flooded back) but not learned, and
 *	counted in VNETFAB_STATS_LEARN_LIMIT. Static entries do not count.
 * @IFLA_VNETFAB_PEERS: nest of VNETFAB_A_PEER nests (the generic netlink
 *	family's peer format: VNETFAB_PEER_A_ADDR4 or ADDR6, DSTPORT for a
 *	UDP peer whose port differs from the segment's, PROBE_INTERVAL for a
 *	peer with an interval of its own, LOCAL4/6 and PATH for a peer with
 *	a source address or further paths). In RTM_NEWLINK:
 *	the segment's first peers; in RTM_SETLINK: the whole new peer set,
 *	as VNETFAB_CMD_SET_PEERS (peers in both sets keep their counters and
 *	MACs; an empty nest deletes every peer); absent: peers unchanged.
 *	Reported while the segment has at most VNETFAB_LINK_PEERS_MAX peers
 *	(all of them, with address, port and interval: their paths and
 *	everything else are in the generic netlink family's dumps, which
 *	list any number).
 * @IFLA_VNETFAB_N_PEERS: u32, read only: how many peers the segment has.
 * @IFLA_VNETFAB_PROBE_INTERVAL: u32, milliseconds: a peer silent this long
 *	is probed (see "Peer liveness" below), VNETFAB_PROBE_INTERVAL_MIN..
 *	VNETFAB_PROBE_INTERVAL_MAX, or 0: no peer of the segment is probed
 *	unless it has an interval of its own (default
 *	VNETFAB_DEFAULT_PROBE_INTERVAL).
 * @IFLA_VNETFAB_PROBE_MISSES: u8, a peer that answered probes before is
 *	down once silent for this many intervals, 2..255 (default
 *	VNETFAB_DEFAULT_PROBE_MISSES).
 * @IFLA_VNETFAB_HOLD_DOWN: u32, milliseconds a peer's preferred path must
 *	have been up again before frames go back to it (failback; see
 *	"Underlay paths" below), 0..VNETFAB_HOLD_DOWN_MAX (default
 *	VNETFAB_DEFAULT_HOLD_DOWN).
 */
#define VNETFAB_LINK_PEERS_MAX	64

/*
 * Peer liveness. Every frame from a peer is proof of life. A peer silent
 * for a probe interval gets a probe, which the kernel of a vnetfab host
 * answers; a peer that has answered once and then stays silent for
 * PROBE_MISSES intervals is down: no flood is copied to it and unicast to
 * MACs behind it is dropped and counted (VNETFAB_PEER_STATS_TX_PEER_DOWN);
 * its MACs are kept, so that traffic resumes without a flood when it
 * answers again. A peer that never answered (a stock vxlan or gretap
 * VTEP, which drops probes: see README) is never judged.
 *
 * On the wire, a probe is VNETFAB_PROBE_LEN bytes: an Ethernet header
 * with zero addresses and ethertype 0x88b5 (IEEE local experimental),
 * then the magic "VFBP", version 1, type (1 request, 2 reply), flags
 * (0x01: the sender has heard from the receiver within its detection
 * time), a zero byte and a 32-bit sequence number that a reply echoes.
 * UDP: behind an 8-byte header that is VXLAN's with the I flag clear
 * (first word 0x00564642, then the VNI): Linux vxlan drops it. GRE: as
 * a frame with key 0x80000000 | segment id, which no segment id takes.
 */
#define VNETFAB_DEFAULT_PROBE_INTERVAL	1000	/* ms */
#define VNETFAB_DEFAULT_PROBE_MISSES	3
#define VNETFAB_PROBE_INTERVAL_MIN	100	/* ms */
#define VNETFAB_PROBE_INTERVAL_MAX	60000	/* ms */
#define VNETFAB_PROBE_MISSES_MIN	2
/* a path that never answered is probed after 1, 2, 4 .. 32 intervals */
#define VNETFAB_PROBE_BACKOFF_MAX	32
#define VNETFAB_PROBE_LEN		26

/*
 * Underlay paths. A peer host may be reached at up to VNETFAB_MAX_PATHS
 * addresses of one family (two NICs, two underlay networks), in order of
 * preference: its own address (VNETFAB_PEER_A_ADDR4/6) first, then each
 * VNETFAB_PEER_A_PATH; each path may have a source address of its own.
 * Liveness probes every path of a probed peer on its own. Frames go over
 * the first path that is up; when it goes down, everything behind the
 * peer (its MACs, learned or static) moves to the next one at once. A
 * preferred path that comes back is used again once it has been up for
 * the segment's hold-down. A path that never answered is used only while
 * no path ever did (a stock VTEP); a peer that answered on some path and
 * has no path up is down. Frames are accepted from every path of a peer.
 */
#define VNETFAB_MAX_PATHS		4
#define VNETFAB_DEFAULT_HOLD_DOWN	5000	/* ms */
#define VNETFAB_HOLD_DOWN_MAX		600000	/* ms */

/*
 * enum vnetfab_peer_state - a peer as liveness sees it
 * @VNETFAB_PEER_UNPROBED: not probed (probe interval 0): always used
 * @VNETFAB_PEER_UNKNOWN: probed, never answered (yet): used
 * @VNETFAB_PEER_UP: answered, and heard from within the detection time
 * @VNETFAB_PEER_DOWN: answered once, then silent for PROBE_MISSES
 *	intervals, or reported that it no longer hears us: not used
 */
enum vnetfab_peer_state {
	VNETFAB_PEER_UNPROBED,
	VNETFAB_PEER_UNKNOWN,
	VNETFAB_PEER_UP,
	VNETFAB_PEER_DOWN,
};

/*
 * enum vnetfab_peer_reason - why a peer's state changed, in events
 * @VNETFAB_REASON_REPLY: it answered a probe
 * @VNETFAB_REASON_HEARS: its probe says it hears us
 * @VNETFAB_REASON_TIMEOUT: nothing from it for PROBE_MISSES intervals
 * @VNETFAB_REASON_NOT_HEARD: its probe says it hears nothing from us
 * @VNETFAB_REASON_HOLD_DOWN: a preferred path has been up for the
 *	hold-down time (failback), in VNETFAB_EVENT_PATH_ACTIVE
 * @VNETFAB_REASON_UNREACHABLE: this host has no route to the path's
 *	address, or the device the route leaves by has no carrier: a path
 *	that was up is down at the first frame or probe that finds it so,
 *	without waiting for the detection time
 */
enum vnetfab_peer_reason {
	VNETFAB_REASON_UNSPEC,
	VNETFAB_REASON_REPLY,
	VNETFAB_REASON_HEARS,
	VNETFAB_REASON_TIMEOUT,
	VNETFAB_REASON_NOT_HEARD,
	VNETFAB_REASON_HOLD_DOWN,
	VNETFAB_REASON_UNREACHABLE,
};

enum {
	IFLA_VNETFAB_UNSPEC,
	IFLA_VNETFAB_ID,
	IFLA_VNETFAB_ENCAP,
	IFLA_VNETFAB_LOCAL,
	IFLA_VNETFAB_LOCAL6,
	IFLA_VNETFAB_DSTPORT,
	IFLA_VNETFAB_LINK,
	IFLA_VNETFAB_TTL,
	IFLA_VNETFAB_TOS,
	IFLA_VNETFAB_DF,
	IFLA_VNETFAB_AGEING,
	IFLA_VNETFAB_LEARNING,
	IFLA_VNETFAB_MAX_ADDRS,
	IFLA_VNETFAB_PEERS,
	IFLA_VNETFAB_N_PEERS,
	IFLA_VNETFAB_PROBE_INTERVAL,
	IFLA_VNETFAB_PROBE_MISSES,
	IFLA_VNETFAB_HOLD_DOWN,
	IFLA_VNETFAB_PEER_STORM_PPS,
	IFLA_VNETFAB_PEER_STORM_BURST,
	IFLA_VNETFAB_SHARE,
	IFLA_VNETFAB_PRIORITY,
	IFLA_VNETFAB_SHARE_CLASS,
	__IFLA_VNETFAB_MAX
};

#define IFLA_VNETFAB_MAX (__IFLA_VNETFAB_MAX - 1)

/*
 * Storm control: how many broadcast, multicast and unknown-unicast frames
 * a second one port, or one peer, may send into the segment; the excess
 * is dropped and counted. Off by default, as the bridge and vxlan have
 * no such limit: what a tenant's multicast needs (VRRP, mDNS, a video
 * stream) is not known in advance. A burst of up to STORM_BURST frames
 * passes at once (0, the default: STORM_PPS, one second's worth).
 *
 * IFLA_VNETFAB_PEER_STORM_PPS and IFLA_VNETFAB_PEER_STORM_BURST (u32, on
 * the segment) give every peer of the segment its own limit of that size.
 */
#define VNETFAB_STORM_PPS_MAX		100000000

/*
 * Fair sharing of the underlay between segments (share.c).
 *
 * IFLA_VNETFAB_SHARE (u32): the segment's weight on this host's underlay,
 *	1..VNETFAB_SHARE_MAX; 0 (the default): no share, the segment's
 *	packets are not classified. While every segment with a share is
 *	busy, each gets at least its share of the underlay rate; what one
 *	leaves unused the others borrow.
 * IFLA_VNETFAB_PRIORITY (u8, 0..VNETFAB_PRIORITY_MAX, default 0): a
 *	segment of higher priority is sent first while within its share.
 * IFLA_VNETFAB_SHARE_CLASS (u32, read only): the traffic control class
 *	of the segment, TC_H_MAKE(VNETFAB_SHARE_MAJOR << 16, minor), set as
 *	skb->priority of every packet the segment sends into the underlay
 *	while it has a share; 0 when it has none. An HTB qdisc with handle
 *	VNETFAB_SHARE_MAJOR: on the underlay device classifies them with no
 *	filter (HTB takes an skb->priority that names one of its classes).
 *	vnetfabctl builds that qdisc from the shares and priorities
 *	("vnetfabctl share set dev UL rate RATE"): class MAJOR:1 is the
 *	underlay's rate, each segment's class a child with rate RATE *
 *	share / sum of shares, ceil RATE, HTB prio 7 - priority, and
 *	MAJOR:VNETFAB_SHARE_MINOR_OTHER the rest of the host's traffic,
 *	with weight 1.
 */
#define VNETFAB_SHARE_MAX		10000
#define VNETFAB_PRIORITY_MAX		7
#define VNETFAB_SHARE_MAJOR		0xfab
#define VNETFAB_SHARE_MINOR_ROOT	1
#define VNETFAB_SHARE_MINOR_FIRST	2
#define VNETFAB_SHARE_MINOR_OTHER	0xffff

/*
 * A port's settings: the slave data of a port of a segment
 * (IFLA_INFO_SLAVE_DATA, "ip link set tap0 type vnetfab_slave ...", as
 * the bridge's and bonding's ports have), and its counters in dumps.
 *
 * @IFLA_VNETFAB_PORT_LOCKED: u8, 0 or 1: the port takes frames only from
 *	source MACs with an entry pointing at it: static ones (its allow
 *	list: "vnetfabctl fdb add ... port tap0") and, up to MAX_MACS, the
 *	ones it learns while locked, which stick (never aged, never moved).
 *	Frames from any other source MAC are dropped and counted
 *	(IFLA_VNETFAB_PORT_STATS_LOCKED), and reported by a
 *	VNETFAB_EVENT_PORT_VIOLATION, at most one a second per port.
 * @IFLA_VNETFAB_PORT_MAX_MACS: u32, the most MACs learned from the port
 *	at once (0: no limit of its own; the segment's MAX_ADDRS holds in
 *	any case). Unlocked, frames from further MACs pass unlearned, as
 *	over MAX_ADDRS; locked, they are dropped. Counted in
 *	IFLA_VNETFAB_PORT_STATS_LEARN_LIMIT.
 * @IFLA_VNETFAB_PORT_STORM_PPS: u32, the port's storm control (above);
 *	0: none. At most VNETFAB_STORM_PPS_MAX.
 * @IFLA_VNETFAB_PORT_STORM_BURST: u32, the burst (0: STORM_PPS)
 * @IFLA_VNETFAB_PORT_N_MACS: u32, read only: MACs learned from the port
 * @IFLA_VNETFAB_PORT_STATS: nest of IFLA_VNETFAB_PORT_STATS_*, u64, read
 *	only
 *
 * A MAC whose entry is static or sticky is never taken over by a frame
 * from elsewhere: the frame passes, the entry stays, and the attempt is
 * counted (VNETFAB_STATS_MAC_MOVE_DENIED).
 */
enum {
	IFLA_VNETFAB_PORT_UNSPEC,
	IFLA_VNETFAB_PORT_LOCKED,
	IFLA_VNETFAB_PORT_MAX_MACS,
	IFLA_VNETFAB_PORT_STORM_PPS,
	IFLA_VNETFAB_PORT_STORM_BURST,
	IFLA_VNETFAB_PORT_N_MACS,
	IFLA_VNETFAB_PORT_STATS,
	__IFLA_VNETFAB_PORT_MAX
};

#define IFLA_VNETFAB_PORT_MAX (__IFLA_VNETFAB_PORT_MAX - 1)

/*
 * @IFLA_VNETFAB_PORT_STATS_LOCKED: frames dropped by the port's lock
 * @IFLA_VNETFAB_PORT_STATS_LEARN_LIMIT: new source MACs over MAX_MACS
 * @IFLA_VNETFAB_PORT_STATS_STORM: frames over the storm limit, dropped
 */
enum {
	IFLA_VNETFAB_PORT_STATS_UNSPEC,
	IFLA_VNETFAB_PORT_STATS_PAD,
	IFLA_VNETFAB_PORT_STATS_LOCKED,
	IFLA_VNETFAB_PORT_STATS_LEARN_LIMIT,
	IFLA_VNETFAB_PORT_STATS_STORM,
	__IFLA_VNETFAB_PORT_STATS_MAX
};

#define IFLA_VNETFAB_PORT_STATS_MAX (__IFLA_VNETFAB_PORT_STATS_MAX - 1)

/*
 * Generic netlink commands. Every command names its segment with
 * VNETFAB_A_IFINDEX or VNETFAB_A_IFNAME (a dump of segments needs
 * neither). Changes need CAP_NET_ADMIN in the user namespace owning the
 * device's network namespace; reads are open to all, as `ip link` is.
 *
 * @VNETFAB_CMD_GET_SEGMENT: get one segment or dump every segment of the
 *	caller's network namespace (NLM_F_DUMP). Each reply carries
 *	VNETFAB_A_IFINDEX, VNETFAB_A_IFNAME, VNETFAB_A_ID, VNETFAB_A_ENCAP,
 *	VNETFAB_A_MTU, VNETFAB_A_OPER_UP, VNETFAB_A_DSTPORT, VNETFAB_A_N_PORTS,
 *	VNETFAB_A_N_PEERS, VNETFAB_A_N_ADDRS and VNETFAB_A_STATS, and the
 *	segment's settings: VNETFAB_A_TTL, VNETFAB_A_TOS, VNETFAB_A_DF,
 *	VNETFAB_A_AGEING, VNETFAB_A_LEARNING, VNETFAB_A_MAX_ADDRS, and
 *	VNETFAB_A_LOCAL4 or VNETFAB_A_LOCAL6 and VNETFAB_A_LINK when set.
 * @VNETFAB_CMD_ADD_PEER: add the peer host in VNETFAB_A_PEER (needs an
 *	address; port defaults to the segment's). EEXIST if present.
 * @VNETFAB_CMD_DEL_PEER: delete the peer in VNETFAB_A_PEER, and every MAC
 *	learned behind it.
 * @VNETFAB_CMD_GET_PEER: dump the segment's peers, one VNETFAB_A_PEER
 *	(with VNETFAB_PEER_A_STATS) per message.
 * @VNETFAB_CMD_ADD_FDB: add or replace the static MAC entry in
 *	VNETFAB_A_FDB: VNETFAB_FDB_A_MAC and exactly one of
 *	VNETFAB_FDB_A_PORT_IFINDEX (a port's ifindex), VNETFAB_FDB_A_PEER (a peer of
 *	the segment, nest of VNETFAB_PEER_A_*) or VNETFAB_FDB_A_LOCAL.
 *	Or many entries at once: VNETFAB_A_FDB_LIST instead of VNETFAB_A_FDB
 *	(one lookup of the segment and one RTNL hold for all of them).
 * @VNETFAB_CMD_DEL_FDB: delete the entry for VNETFAB_FDB_A_MAC in
 *	VNETFAB_A_FDB, static or learned; or of each entry of
 *	VNETFAB_A_FDB_LIST.
 * @VNETFAB_CMD_GET_FDB: dump the segment's MAC table, one VNETFAB_A_FDB
 *	per message.
 * @VNETFAB_CMD_SET_PEERS: replace the segment's peers with the set of
 *	VNETFAB_A_PEER attributes in the request (zero or more, at most
 *	4096, no address twice; each checked as for ADD_PEER), atomically:
 *	on any error nothing changes. Peers in both the old and the new set
 *	are left untouched (counters, MACs, and frames in flight to them);
 *	a peer whose dstport changes is replaced. Peers not in the new set
 *	are deleted with the MACs learned behind them. No attribute at all
 *	deletes every peer.
 * @VNETFAB_CMD_FLUSH_FDB: delete every learned entry of the segment's MAC
 *	table; static ones too if VNETFAB_A_FDB carries VNETFAB_FDB_A_STATIC
 *	(and nothing else: a MAC or a destination is refused).
 * @VNETFAB_CMD_EVENT: never a request: the notification sent to the
 *	VNETFAB_MCGRP_EVENTS multicast group, in the segment's network
 *	namespace, for each change of a segment's peers and MAC table.
 *	Carries VNETFAB_A_IFINDEX, VNETFAB_A_IFNAME, VNETFAB_A_ID,
 *	VNETFAB_A_EVENT (enum vnetfab_event) and VNETFAB_A_PEER or
 *	VNETFAB_A_FDB: the peer or the MAC entry as it is (learned, moved,
 *	added) or was (removed, aged, deleted).
 */
enum vnetfab_cmd {
	VNETFAB_CMD_UNSPEC,
	VNETFAB_CMD_GET_SEGMENT,
	VNETFAB_CMD_ADD_PEER,
	VNETFAB_CMD_DEL_PEER,
	VNETFAB_CMD_GET_PEER,
	VNETFAB_CMD_ADD_FDB,
	VNETFAB_CMD_DEL_FDB,
	VNETFAB_CMD_GET_FDB,
	VNETFAB_CMD_SET_PEERS,
	VNETFAB_CMD_EVENT,
	VNETFAB_CMD_FLUSH_FDB,
	__VNETFAB_CMD_MAX
};

#define VNETFAB_CMD_MAX (__VNETFAB_CMD_MAX - 1)

/*
 * Generic netlink attributes.
 *
 * @VNETFAB_A_IFINDEX: u32, ifindex of the segment device
 * @VNETFAB_A_IFNAME: string, name of the segment device (< IFNAMSIZ)
 * @VNETFAB_A_ID: u32, segment id
 * @VNETFAB_A_ENCAP: u8, enum vnetfab_encap
 * @VNETFAB_A_MTU: u32, device MTU in bytes
 * @VNETFAB_A_OPER_UP: u8, 1 when the device is up and running
 * @VNETFAB_A_STATS: nest of VNETFAB_STATS_*, the segment's counters
 * @VNETFAB_A_PAD: padding for 64-bit attributes
 * @VNETFAB_A_DSTPORT: u16, the segment's UDP port (UDP segments only)
 * @VNETFAB_A_N_PORTS: u32, local ports (enslaved devices)
 * @VNETFAB_A_N_PEERS: u32, peer hosts
 * @VNETFAB_A_N_ADDRS: u32, MACs in the table (learned and static)
 * @VNETFAB_A_PEER: nest of VNETFAB_PEER_A_*
 * @VNETFAB_A_FDB: nest of VNETFAB_FDB_A_*
 * @VNETFAB_A_EVENT: u8, enum vnetfab_event, in VNETFAB_CMD_EVENT only
 * @VNETFAB_A_REASON: u8, enum vnetfab_peer_reason, in PEER_UP,
 *	PEER_DOWN and PATH_* events
 * @VNETFAB_A_PATH: u8, the index of a peer's path (0: its own address),
 *	in PATH_* events
 * @VNETFAB_A_FDB_LIST: nest of entries, each a nest of VNETFAB_FDB_A_*
 *	as in VNETFAB_A_FDB (its type is ignored; VNETFAB_A_FDB by
 *	convention), in ADD_FDB and DEL_FDB requests: the entries are
 *	applied in order; the first one refused stops the request, those
 *	before it stay applied, and the extended ACK's offset points into
 *	the refused one. (An attribute holds at most 64 KiB: 2340 entries
 *	behind an IPv4 peer, 4095 for deletion.)
 *
 * The segment's settings, in GET_SEGMENT replies only (read only: a
 * request carrying one is refused; they are set through rtnetlink), each
 * of the type of its IFLA_VNETFAB_* attribute:
 * @VNETFAB_A_TTL: u8, outer TTL / hop limit (IFLA_VNETFAB_TTL)
 * @VNETFAB_A_TOS: u8, outer TOS / traffic class, 1: inherit
 *	(IFLA_VNETFAB_TOS)
 * @VNETFAB_A_DF: u8, enum vnetfab_df (IFLA_VNETFAB_DF)
 * @VNETFAB_A_AGEING: u32, seconds a learned MAC lives without a frame
 *	from it (IFLA_VNETFAB_AGEING)
 * @VNETFAB_A_LEARNING: u8, 1 when source MACs are learned
 *	(IFLA_VNETFAB_LEARNING)
 * @VNETFAB_A_MAX_ADDRS: u32, most learned MACs the segment keeps
 *	(IFLA_VNETFAB_MAX_ADDRS)
 * @VNETFAB_A_LOCAL4: be32 (struct in_addr), the local IPv4 underlay
 *	address (IFLA_VNETFAB_LOCAL); absent when none was given
 * @VNETFAB_A_LOCAL6: struct in6_addr, the same for IPv6
 *	(IFLA_VNETFAB_LOCAL6)
 * @VNETFAB_A_LINK: u32, ifindex of the underlay device, in the
 *	segment's underlay network namespace (the one it was created in:
 *	rtnetlink's IFLA_LINK_NETNSID names it when the device moved);
 *	absent when routing decides (IFLA_VNETFAB_LINK), and while the
 *	device is in another namespace than that one, where the index
 *	would name some other device
 */
enum vnetfab_attr {
	VNETFAB_A_UNSPEC,
	VNETFAB_A_IFINDEX,
	VNETFAB_A_IFNAME,
	VNETFAB_A_ID,
	VNETFAB_A_ENCAP,
	VNETFAB_A_MTU,
	VNETFAB_A_OPER_UP,
	VNETFAB_A_STATS,
	VNETFAB_A_PAD,
	VNETFAB_A_DSTPORT,
	VNETFAB_A_N_PORTS,
	VNETFAB_A_N_PEERS,
	VNETFAB_A_N_ADDRS,
	VNETFAB_A_PEER,
	VNETFAB_A_FDB,
	VNETFAB_A_EVENT,
	VNETFAB_A_REASON,
	VNETFAB_A_PATH,
	VNETFAB_A_FDB_LIST,
	VNETFAB_A_TTL,
	VNETFAB_A_TOS,
	VNETFAB_A_DF,
	VNETFAB_A_AGEING,
	VNETFAB_A_LEARNING,
	VNETFAB_A_MAX_ADDRS,
	VNETFAB_A_LOCAL4,
	VNETFAB_A_LOCAL6,
	VNETFAB_A_LINK,
	__VNETFAB_A_MAX
};

#define VNETFAB_A_MAX (__VNETFAB_A_MAX - 1)

/*
 * Segment counters, nested in VNETFAB_A_STATS; all u64 (padded with
 * VNETFAB_STATS_PAD), totals since the device was created.
 *
 * @VNETFAB_STATS_RX_PACKETS, @VNETFAB_STATS_RX_BYTES: frames delivered to
 *	the host endpoint
 * @VNETFAB_STATS_TX_PACKETS, @VNETFAB_STATS_TX_BYTES: frames the host
 *	endpoint sent
 * @VNETFAB_STATS_TX_DROPPED: frames the host endpoint sent that were
 *	dropped
 * @VNETFAB_STATS_RX_UNKNOWN_PEER: encapsulated frames for this segment
 *	from an address that is not one of its peers: dropped, not learned
 * @VNETFAB_STATS_RX_INVALID: frames dropped as malformed (bad header,
 *	runt, invalid source MAC, CE-marked outer header over a not
 *	ECN-capable inner one), and those no segment carries: IEEE 802.1D
 *	link-local frames but BPDUs from a peer, PAUSE frames from a port
 * @VNETFAB_STATS_LEARN_LIMIT: new source MACs not learned because the
 *	table held VNETFAB_A_MAX_ADDRS learned entries
 * @VNETFAB_STATS_TX_ERRORS: frames for peers lost to routing or
 *	allocation failures
 * @VNETFAB_STATS_TOO_BIG: frames dropped for not fitting a port's MTU
 *	or, with df set, the underlay path (the sender got an ICMP error)
 * @VNETFAB_STATS_PORT_LOCKED: frames dropped by a locked port (every
 *	port's IFLA_VNETFAB_PORT_STATS_LOCKED)
 * @VNETFAB_STATS_MAC_MOVE_DENIED: frames whose source MAC has a static or
 *	sticky entry pointing elsewhere: the entry was not moved
 * @VNETFAB_STATS_STORM: broadcast, multicast and unknown-unicast frames
 *	from ports and peers over their storm limits, dropped
 */
enum vnetfab_stats_attr {
	VNETFAB_STATS_UNSPEC,
	VNETFAB_STATS_RX_PACKETS,
	VNETFAB_STATS_RX_BYTES,
	VNETFAB_STATS_TX_PACKETS,
	VNETFAB_STATS_TX_BYTES,
	VNETFAB_STATS_TX_DROPPED,
	VNETFAB_STATS_PAD,
	VNETFAB_STATS_RX_UNKNOWN_PEER,
	VNETFAB_STATS_RX_INVALID,
	VNETFAB_STATS_LEARN_LIMIT,
	VNETFAB_STATS_TX_ERRORS,
	VNETFAB_STATS_TOO_BIG,
	VNETFAB_STATS_PORT_LOCKED,
	VNETFAB_STATS_MAC_MOVE_DENIED,
	VNETFAB_STATS_STORM,
	__VNETFAB_STATS_MAX
};

#define VNETFAB_STATS_MAX (__VNETFAB_STATS_MAX - 1)

/*
 * A peer host, nested in VNETFAB_A_PEER (and in VNETFAB_FDB_A_PEER).
 *
 * @VNETFAB_PEER_A_ADDR4: be32, its IPv4 underlay address
 * @VNETFAB_PEER_A_ADDR6: struct in6_addr, its IPv6 underlay address
 *	(exactly one of ADDR4 and ADDR6)
 * @VNETFAB_PEER_A_DSTPORT: u16, its UDP port (default: the segment's);
 *	UDP segments only: refused for GRE
 * @VNETFAB_PEER_A_STATS: nest of VNETFAB_PEER_STATS_*, in dumps
 * @VNETFAB_PEER_A_LAST_RX_MS: u32, milliseconds since its last frame
 *	arrived; absent if none ever did
 * @VNETFAB_PEER_A_PROBE_INTERVAL: u32, milliseconds: the peer's own probe
 *	interval (VNETFAB_PROBE_INTERVAL_MIN..MAX, or 0: never probe it,
 *	for a VTEP that cannot answer); absent: the segment's. In dumps
 *	only if set.
 * @VNETFAB_PEER_A_STATE: u8, enum vnetfab_peer_state, in dumps: of the
 *	peer (up if a path is, down if none is and one answered once)
 * @VNETFAB_PEER_A_STATE_MS: u32, milliseconds since the state last
 *	changed, in dumps
 * @VNETFAB_PEER_A_LOCAL4: be32, the source address of frames to the
 *	peer's own address (default: the segment's local, else the route's)
 * @VNETFAB_PEER_A_LOCAL6: struct in6_addr, the same for IPv6
 * @VNETFAB_PEER_A_PATH: nest of VNETFAB_PATH_A_*, repeated: in requests,
 *	the peer's further paths in order of preference (address and
 *	optional source; no address twice in a segment, every one of the
 *	peer's family, at most VNETFAB_MAX_PATHS in all). In dumps of a
 *	peer with more than one path: every path, its own address first
 *	(VNETFAB_PATH_A_INDEX 0), with its state and counters.
 * @VNETFAB_PEER_A_ACTIVE_PATH: u8, in dumps: the index of the path frames
 *	to the peer take
 */
enum vnetfab_peer_attr {
	VNETFAB_PEER_A_UNSPEC,
	VNETFAB_PEER_A_ADDR4,
	VNETFAB_PEER_A_ADDR6,
	VNETFAB_PEER_A_DSTPORT,
	VNETFAB_PEER_A_STATS,
	VNETFAB_PEER_A_LAST_RX_MS,
	VNETFAB_PEER_A_PROBE_INTERVAL,
	VNETFAB_PEER_A_STATE,
	VNETFAB_PEER_A_STATE_MS,
	VNETFAB_PEER_A_LOCAL4,
	VNETFAB_PEER_A_LOCAL6,
	VNETFAB_PEER_A_PATH,
	VNETFAB_PEER_A_ACTIVE_PATH,
	__VNETFAB_PEER_A_MAX
};

#define VNETFAB_PEER_A_MAX (__VNETFAB_PEER_A_MAX - 1)

/*
 * An underlay path of a peer, nested in VNETFAB_PEER_A_PATH.
 *
 * @VNETFAB_PATH_A_ADDR4, @VNETFAB_PATH_A_ADDR6: the peer's address on it
 * @VNETFAB_PATH_A_LOCAL4, @VNETFAB_PATH_A_LOCAL6: the source address of
 *	frames over it (default: as for the peer's own address)
 * In dumps only:
 * @VNETFAB_PATH_A_INDEX: u8, its place in the order of preference
 * @VNETFAB_PATH_A_STATE: u8, enum vnetfab_peer_state, of the path
 * @VNETFAB_PATH_A_STATE_MS: u32, milliseconds since it last changed
 * @VNETFAB_PATH_A_LAST_RX_MS: u32, milliseconds since a frame or probe
 *	last arrived over it; absent if none ever did
 * @VNETFAB_PATH_A_PROBES_SENT: u32, probes sent over it
 * @VNETFAB_PATH_A_PROBES_ANSWERED: u32, replies to them
 * @VNETFAB_PATH_A_STATE_CHANGES: u32, its changes between up and down
 */
enum vnetfab_path_attr {
	VNETFAB_PATH_A_UNSPEC,
	VNETFAB_PATH_A_ADDR4,
	VNETFAB_PATH_A_ADDR6,
	VNETFAB_PATH_A_LOCAL4,
	VNETFAB_PATH_A_LOCAL6,
	VNETFAB_PATH_A_INDEX,
	VNETFAB_PATH_A_STATE,
	VNETFAB_PATH_A_STATE_MS,
	VNETFAB_PATH_A_LAST_RX_MS,
	VNETFAB_PATH_A_PROBES_SENT,
	VNETFAB_PATH_A_PROBES_ANSWERED,
	VNETFAB_PATH_A_STATE_CHANGES,
	__VNETFAB_PATH_A_MAX
};

#define VNETFAB_PATH_A_MAX (__VNETFAB_PATH_A_MAX - 1)

/*
 * Per-peer counters, nested in VNETFAB_PEER_A_STATS, u64 each: what went
 * to and came from that host on this segment.
 * @VNETFAB_PEER_STATS_TX_PEER_DOWN: frames not sent because the peer was
 *	down: flood copies left out, and unicast dropped (also in TX_DROPPED)
 * @VNETFAB_PEER_STATS_PROBES_SENT: probes sent to it
 * @VNETFAB_PEER_STATS_PROBES_ANSWERED: replies from it to our probes
 * @VNETFAB_PEER_STATS_PROBES_RECEIVED: its probes, each answered
 * @VNETFAB_PEER_STATS_STATE_CHANGES: changes of VNETFAB_PEER_A_STATE
 *	between up and down
 * @VNETFAB_PEER_STATS_PATH_CHANGES: changes of the active path
 * @VNETFAB_PEER_STATS_RX_STORM: broadcast, multicast and unknown-unicast
 *	frames from it over the segment's IFLA_VNETFAB_PEER_STORM_PPS, dropped
 */
enum vnetfab_peer_stats_attr {
	VNETFAB_PEER_STATS_UNSPEC,
	VNETFAB_PEER_STATS_TX_PACKETS,
	VNETFAB_PEER_STATS_TX_BYTES,
	VNETFAB_PEER_STATS_RX_PACKETS,
	VNETFAB_PEER_STATS_RX_BYTES,
	VNETFAB_PEER_STATS_TX_DROPPED,
	VNETFAB_PEER_STATS_PAD,
	VNETFAB_PEER_STATS_TX_PEER_DOWN,
	VNETFAB_PEER_STATS_PROBES_SENT,
	VNETFAB_PEER_STATS_PROBES_ANSWERED,
	VNETFAB_PEER_STATS_PROBES_RECEIVED,
	VNETFAB_PEER_STATS_STATE_CHANGES,
	VNETFAB_PEER_STATS_PATH_CHANGES,
	VNETFAB_PEER_STATS_RX_STORM,
	__VNETFAB_PEER_STATS_MAX
};

#define VNETFAB_PEER_STATS_MAX (__VNETFAB_PEER_STATS_MAX - 1)

/*
 * A MAC table entry, nested in VNETFAB_A_FDB.
 *
 * @VNETFAB_FDB_A_MAC: 6 bytes, the Ethernet address
 * @VNETFAB_FDB_A_PORT_IFINDEX: u32, ifindex of the local port the MAC is behind
 * @VNETFAB_FDB_A_PEER: nest of VNETFAB_PEER_A_ADDR4/6 (and DSTPORT): the
 *	peer host the MAC is behind
 * @VNETFAB_FDB_A_LOCAL: flag, the MAC is the host endpoint's side (fab0
 *	itself, or a bridge fab0 is a port of)
 * @VNETFAB_FDB_A_STATIC: flag, a static entry: never aged, never moved
 *	by learning (in dumps; ADD_FDB always makes static entries)
 * @VNETFAB_FDB_A_AGE_MS: u32, milliseconds since a frame from the MAC was
 *	last seen; for a static entry, since it was added
 * @VNETFAB_FDB_A_STICKY: flag, in dumps: learned on a locked port with
 *	MAX_MACS: never aged, never moved (IFLA_VNETFAB_PORT_LOCKED)
 */
enum vnetfab_fdb_attr {
	VNETFAB_FDB_A_UNSPEC,
	VNETFAB_FDB_A_MAC,
	VNETFAB_FDB_A_PORT_IFINDEX,
	VNETFAB_FDB_A_PEER,
	VNETFAB_FDB_A_LOCAL,
	VNETFAB_FDB_A_STATIC,
	VNETFAB_FDB_A_AGE_MS,
	VNETFAB_FDB_A_STICKY,
	__VNETFAB_FDB_A_MAX
};

#define VNETFAB_FDB_A_MAX (__VNETFAB_FDB_A_MAX - 1)

/*
 * The multicast group of VNETFAB_CMD_EVENT notifications. Anyone may
 * listen, as anyone may dump the tables it reports on.
 */
#define VNETFAB_MCGRP_EVENTS	"events"

/*
 * enum vnetfab_event - what a VNETFAB_CMD_EVENT reports
 * @VNETFAB_EVENT_PEER_ADDED: a peer was added (ADD_PEER, SET_PEERS)
 * @VNETFAB_EVENT_PEER_REMOVED: a peer was deleted (DEL_PEER, SET_PEERS);
 *	the MACs behind it go without an event each. Deleting the segment
 *	device sends none (rtnetlink reports the device).
 * @VNETFAB_EVENT_FDB_LEARNED: a MAC was learned from a frame
 * @VNETFAB_EVENT_FDB_MOVED: a learned MAC now lives somewhere else
 * @VNETFAB_EVENT_FDB_AGED: a learned MAC aged out
 * @VNETFAB_EVENT_PEER_CHANGED: a peer's UDP port or probe interval
 *	changed (SET_PEERS); it keeps its MACs and counters
 * @VNETFAB_EVENT_PEER_UP: liveness found the peer up (VNETFAB_A_REASON)
 * @VNETFAB_EVENT_PEER_DOWN: liveness found the peer down (VNETFAB_A_REASON)
 * @VNETFAB_EVENT_PATH_UP: liveness found a path of a peer with more than
 *	one up (VNETFAB_A_PATH, VNETFAB_A_REASON)
 * @VNETFAB_EVENT_PATH_DOWN: the same, found down
 * @VNETFAB_EVENT_PATH_ACTIVE: frames to the peer now take path
 *	VNETFAB_A_PATH; VNETFAB_A_REASON: why the one before went down
 *	(failover), or HOLD_DOWN (failback)
 * @VNETFAB_EVENT_PORT_VIOLATION: a locked port dropped a frame from a
 *	source MAC it may not use (VNETFAB_A_FDB: the MAC and the port); at
 *	most one a second per port, the drops are all counted
 */
enum vnetfab_event {
	VNETFAB_EVENT_UNSPEC,
	VNETFAB_EVENT_PEER_ADDED,
	VNETFAB_EVENT_PEER_REMOVED,
	VNETFAB_EVENT_FDB_LEARNED,
	VNETFAB_EVENT_FDB_MOVED,
	VNETFAB_EVENT_FDB_AGED,
	VNETFAB_EVENT_PEER_CHANGED,
	VNETFAB_EVENT_PEER_UP,
	VNETFAB_EVENT_PEER_DOWN,
	VNETFAB_EVENT_PATH_UP,
	VNETFAB_EVENT_PATH_DOWN,
	VNETFAB_EVENT_PATH_ACTIVE,
	VNETFAB_EVENT_PORT_VIOLATION,
};

#endif /* _UAPI_LINUX_VNETFAB_H */
