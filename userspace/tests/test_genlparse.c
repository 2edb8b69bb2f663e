// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the libnl policies of genlparse.c: every attribute the
 * parsers read, of every attribute set (segment, its counters, peer, its
 * counters, path, MAC table entry, notification), sent too short for its
 * type, is left out, and an attribute sent after it in the same message is
 * still read. Messages are built in memory: no socket, no module.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "genl.h"

/* an attribute: its type, its size, the bit that says it was read */
struct kind {
	int type;
	int len;
	unsigned int bit;
	const char *name;
};

#define K(type, len, bit)	{ type, len, bit, #type }

/*
 * A set of attributes: the nests they sit in (outermost first, up to 2),
 * the command of the message, and what a parse of it read, as bits.
 */
struct set {
	const struct kind *kinds;
	size_t n;
	uint8_t cmd;
	int nests[2];
	int depth;
	unsigned int (*read)(struct nlmsghdr *nlh);
};

static unsigned int read_segment(struct nlmsghdr *nlh)
{
	struct vnetfab_segment s;

	assert_int_equal(vnetfab_parse_segment(nlh, &s), 0);
	return s.has;
}

static unsigned int read_segment_stats(struct nlmsghdr *nlh)
{
	struct vnetfab_segment s;

	assert_int_equal(vnetfab_parse_segment(nlh, &s), 0);
	assert_true(s.has & SEG_STATS);
	return s.stats_has;
}

static unsigned int read_peer(struct nlmsghdr *nlh)
{
	struct vnetfab_peer p;

	assert_int_equal(vnetfab_parse_peer(nlh, &p), 0);
	return p.has;
}

static unsigned int read_peer_stats(struct nlmsghdr *nlh)
{
	struct vnetfab_peer p;

	assert_int_equal(vnetfab_parse_peer(nlh, &p), 0);
	assert_true(p.has & PEER_STATS);
	return p.stats_has;
}

/* PATH_* in the low byte, 1u << PATH_V_* above it */
static unsigned int read_path(struct nlmsghdr *nlh)
{
	struct vnetfab_peer p;

	assert_int_equal(vnetfab_parse_peer(nlh, &p), 0);
	assert_int_equal(p.n_paths, 1);
	return p.paths[0].has | p.paths[0].v_has << 8;
}

static unsigned int read_fdb(struct nlmsghdr *nlh)
{
	struct vnetfab_fdb f;

	assert_int_equal(vnetfab_parse_fdb(nlh, &f), 0);
	return f.has;
}

enum { EV_EVENT = 1, EV_REASON = 2, EV_PATH = 4, EV_IFNAME = 8,
       EV_IFINDEX = 16, EV_ID = 32 };

/* what a notification carried (every value sent is non-zero) */
static unsigned int read_event(struct nlmsghdr *nlh)
{
	struct vnetfab_event_msg ev;

	assert_int_equal(vnetfab_parse_event(nlh, &ev), 0);
	return (ev.event ? EV_EVENT : 0) | (ev.has_reason ? EV_REASON : 0) |
	       (ev.has_path ? EV_PATH : 0) | (ev.ifname[0] ? EV_IFNAME : 0) |
	       (ev.ifindex ? EV_IFINDEX : 0) | (ev.id ? EV_ID : 0);
}

static const struct kind seg_kinds[] = {
	K(VNETFAB_A_IFINDEX, 4, SEG_IFINDEX),
	K(VNETFAB_A_IFNAME, 1, SEG_IFNAME),
	K(VNETFAB_A_ID, 4, SEG_ID),
	K(VNETFAB_A_ENCAP, 1, SEG_ENCAP),
	K(VNETFAB_A_MTU, 4, SEG_MTU),
	K(VNETFAB_A_OPER_UP, 1, SEG_UP),
	K(VNETFAB_A_DSTPORT, 2, SEG_DSTPORT),
	K(VNETFAB_A_N_PORTS, 4, SEG_N_PORTS),
	K(VNETFAB_A_N_PEERS, 4, SEG_N_PEERS),
	K(VNETFAB_A_N_ADDRS, 4, SEG_N_ADDRS),
	K(VNETFAB_A_TTL, 1, SEG_TTL),
	K(VNETFAB_A_TOS, 1, SEG_TOS),
	K(VNETFAB_A_DF, 1, SEG_DF),
	K(VNETFAB_A_AGEING, 4, SEG_AGEING),
	K(VNETFAB_A_LEARNING, 1, SEG_LEARNING),
	K(VNETFAB_A_MAX_ADDRS, 4, SEG_MAX_ADDRS),
	K(VNETFAB_A_LOCAL4, 4, SEG_LOCAL),
	K(VNETFAB_A_LOCAL6, 16, SEG_LOCAL),
	K(VNETFAB_A_LINK, 4, SEG_LINK),
};

static const struct kind seg_stats_kinds[] = {
	K(VNETFAB_STATS_RX_PACKETS, 8, 1u << SEG_ST_RX_PACKETS),
	K(VNETFAB_STATS_RX_BYTES, 8, 1u << SEG_ST_RX_BYTES),
	K(VNETFAB_STATS_TX_PACKETS, 8, 1u << SEG_ST_TX_PACKETS),
	K(VNETFAB_STATS_TX_BYTES, 8, 1u << SEG_ST_TX_BYTES),
	K(VNETFAB_STATS_TX_DROPPED, 8, 1u << SEG_ST_TX_DROPPED),
	K(VNETFAB_STATS_RX_UNKNOWN_PEER, 8, 1u << SEG_ST_RX_UNKNOWN_PEER),
	K(VNETFAB_STATS_RX_INVALID, 8, 1u << SEG_ST_RX_INVALID),
	K(VNETFAB_STATS_LEARN_LIMIT, 8, 1u << SEG_ST_LEARN_LIMIT),
	K(VNETFAB_STATS_TX_ERRORS, 8, 1u << SEG_ST_TX_ERRORS),
	K(VNETFAB_STATS_TOO_BIG, 8, 1u << SEG_ST_TOO_BIG),
	K(VNETFAB_STATS_PORT_LOCKED, 8, 1u << SEG_ST_PORT_LOCKED),
	K(VNETFAB_STATS_MAC_MOVE_DENIED, 8, 1u << SEG_ST_MAC_MOVE_DENIED),
	K(VNETFAB_STATS_STORM, 8, 1u << SEG_ST_STORM),
};

static const struct kind peer_kinds[] = {
	K(VNETFAB_PEER_A_ADDR4, 4, PEER_ADDR),
	K(VNETFAB_PEER_A_ADDR6, 16, PEER_ADDR),
	K(VNETFAB_PEER_A_DSTPORT, 2, PEER_DSTPORT),
	K(VNETFAB_PEER_A_LAST_RX_MS, 4, PEER_LAST_RX),
	K(VNETFAB_PEER_A_PROBE_INTERVAL, 4, PEER_PROBE),
	K(VNETFAB_PEER_A_STATE, 1, PEER_STATE),
	K(VNETFAB_PEER_A_STATE_MS, 4, PEER_STATE_MS),
	K(VNETFAB_PEER_A_LOCAL4, 4, PEER_LOCAL),
	K(VNETFAB_PEER_A_LOCAL6, 16, PEER_LOCAL),
	K(VNETFAB_PEER_A_ACTIVE_PATH, 1, PEER_ACTIVE_PATH),
};

static const struct kind peer_stats_kinds[] = {
	K(VNETFAB_PEER_STATS_TX_PACKETS, 8, 1u << PEER_ST_TX_PACKETS),
	K(VNETFAB_PEER_STATS_TX_BYTES, 8, 1u << PEER_ST_TX_BYTES),
	K(VNETFAB_PEER_STATS_RX_PACKETS, 8, 1u << PEER_ST_RX_PACKETS),
	K(VNETFAB_PEER_STATS_RX_BYTES, 8, 1u << PEER_ST_RX_BYTES),
	K(VNETFAB_PEER_STATS_TX_DROPPED, 8, 1u << PEER_ST_TX_DROPPED),
	K(VNETFAB_PEER_STATS_TX_PEER_DOWN, 8, 1u << PEER_ST_TX_PEER_DOWN),
	K(VNETFAB_PEER_STATS_PROBES_SENT, 8, 1u << PEER_ST_PROBES_SENT),
	K(VNETFAB_PEER_STATS_PROBES_ANSWERED, 8, 1u << PEER_ST_PROBES_ANSWERED),
	K(VNETFAB_PEER_STATS_PROBES_RECEIVED, 8, 1u << PEER_ST_PROBES_RECEIVED),
	K(VNETFAB_PEER_STATS_STATE_CHANGES, 8, 1u << PEER_ST_STATE_CHANGES),
	K(VNETFAB_PEER_STATS_PATH_CHANGES, 8, 1u << PEER_ST_PATH_CHANGES),
	K(VNETFAB_PEER_STATS_RX_STORM, 8, 1u << PEER_ST_RX_STORM),
};

static const struct kind path_kinds[] = {
	K(VNETFAB_PATH_A_ADDR4, 4, PATH_ADDR),
	K(VNETFAB_PATH_A_ADDR6, 16, PATH_ADDR),
	K(VNETFAB_PATH_A_LOCAL4, 4, PATH_LOCAL),
	K(VNETFAB_PATH_A_LOCAL6, 16, PATH_LOCAL),
	K(VNETFAB_PATH_A_INDEX, 1, PATH_INDEX),
	K(VNETFAB_PATH_A_STATE, 1, PATH_STATE),
	K(VNETFAB_PATH_A_STATE_MS, 4, 1u << PATH_V_STATE_MS << 8),
	K(VNETFAB_PATH_A_LAST_RX_MS, 4, 1u << PATH_V_LAST_RX_MS << 8),
	K(VNETFAB_PATH_A_PROBES_SENT, 4, 1u << PATH_V_PROBES_SENT << 8),
	K(VNETFAB_PATH_A_PROBES_ANSWERED, 4, 1u << PATH_V_PROBES_ANSWERED << 8),
	K(VNETFAB_PATH_A_STATE_CHANGES, 4, 1u << PATH_V_STATE_CHANGES << 8),
};

static const struct kind fdb_kinds[] = {
	K(VNETFAB_FDB_A_MAC, 6, FDB_MAC),
	K(VNETFAB_FDB_A_PORT_IFINDEX, 4, FDB_PORT),
	K(VNETFAB_FDB_A_AGE_MS, 4, FDB_AGE),
};

static const struct kind event_kinds[] = {
	K(VNETFAB_A_EVENT, 1, EV_EVENT),
	K(VNETFAB_A_REASON, 1, EV_REASON),
	K(VNETFAB_A_PATH, 1, EV_PATH),
	K(VNETFAB_A_IFNAME, 1, EV_IFNAME),
	K(VNETFAB_A_IFINDEX, 4, EV_IFINDEX),
	K(VNETFAB_A_ID, 4, EV_ID),
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const struct set sets[] = {
	{ seg_kinds, N(seg_kinds), VNETFAB_CMD_GET_SEGMENT, { 0 }, 0,
	  read_segment },
	{ seg_stats_kinds, N(seg_stats_kinds), VNETFAB_CMD_GET_SEGMENT,
	  { VNETFAB_A_STATS }, 1, read_segment_stats },
	{ peer_kinds, N(peer_kinds), VNETFAB_CMD_GET_PEER, { VNETFAB_A_PEER },
	  1, read_peer },
	{ peer_stats_kinds, N(peer_stats_kinds), VNETFAB_CMD_GET_PEER,
	  { VNETFAB_A_PEER, VNETFAB_PEER_A_STATS }, 2, read_peer_stats },
	{ path_kinds, N(path_kinds), VNETFAB_CMD_GET_PEER,
	  { VNETFAB_A_PEER, VNETFAB_PEER_A_PATH }, 2, read_path },
	{ fdb_kinds, N(fdb_kinds), VNETFAB_CMD_GET_FDB, { VNETFAB_A_FDB }, 1,
	  read_fdb },
	{ event_kinds, N(event_kinds), VNETFAB_CMD_EVENT, { 0 }, 0,
	  read_event },
};

/*
 * What set @s reads of a message with attribute @k of @len bytes, then
 * @sib whole, in the set's nests.
 */
static unsigned int parse_with(const struct set *s, const struct kind *k,
			       int len, const struct kind *sib)
{
	uint8_t bytes[16];
	struct nlattr *nest[2];
	struct nl_msg *msg = nlmsg_alloc();
	unsigned int got;
	int i;

	memset(bytes, 0x5a, sizeof(bytes));	/* non-zero, no NUL */
	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, 0, s->cmd,
				    VNETFAB_GENL_VERSION));
	for (i = 0; i < s->depth; i++) {
		nest[i] = nla_nest_start(msg, s->nests[i]);
		assert_non_null(nest[i]);
	}
	assert_int_equal(nla_put(msg, k->type, len, bytes), 0);
	assert_int_equal(nla_put(msg, sib->type, sib->len, bytes), 0);
	for (i = s->depth - 1; i >= 0; i--)
		nla_nest_end(msg, nest[i]);
	got = s->read(nlmsg_hdr(msg));
	nlmsg_free(msg);
	return got;
}

static void check_kind(const struct set *s, const struct kind *k)
{
	const struct kind *sib = NULL;
	unsigned int got, want;
	int len;
	size_t i;

	/* a sibling whose bit is not this one's */
	for (i = 0; i < s->n && !sib; i++)
		if (s->kinds[i].bit != k->bit)
			sib = &s->kinds[i];
	assert_non_null(sib);
	for (len = 0; len <= k->len; len++) {
		if (len > 0 && len < k->len - 1)
			continue;	/* 0, one byte short, whole */
		want = sib->bit | (len == k->len ? k->bit : 0);
		got = parse_with(s, k, len, sib);
		if (got != want)
			fail_msg("%s of %d bytes: read %#x, want %#x", k->name,
				 len, got, want);
	}
}

/* each attribute of each set, too short: left out, its sibling read */
static void test_short_each(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < N(sets); i++)
		for (j = 0; j < sets[i].n; j++)
			check_kind(&sets[i], &sets[i].kinds[j]);
}

/* a short IPv4 address does not hide the IPv6 one beside it */
static void test_short_addr4_then_addr6(void **state)
{
	static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 3 };
	struct vnetfab_peer p;
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest;

	(void)state;
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, 0,
				    VNETFAB_CMD_GET_PEER, VNETFAB_GENL_VERSION));
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 3, "\xc0\0\2"), 0);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR6, 16, a6), 0);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	assert_int_equal(p.has, PEER_ADDR);
	assert_int_equal(p.addr.family, AF_INET6);
	assert_memory_equal(&p.addr.v6, a6, 16);
	nlmsg_free(msg);
}

/* repeated: the last one counts, whole or short, as nla_parse() keeps it */
static void test_short_repeated(void **state)
{
	struct vnetfab_segment s;
	struct nl_msg *msg;
	uint16_t shortv = 7;

	(void)state;
	msg = nlmsg_alloc();
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, 0,
				    VNETFAB_CMD_GET_SEGMENT,
				    VNETFAB_GENL_VERSION));
	assert_int_equal(nla_put(msg, VNETFAB_A_ID, 2, &shortv), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_ID, 100), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_MTU, 1500), 0);
	assert_int_equal(nla_put(msg, VNETFAB_A_MTU, 2, &shortv), 0);
	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, SEG_ID);
	assert_int_equal(s.id, 100);
	nlmsg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_each),
		cmocka_unit_test(test_short_addr4_then_addr6),
		cmocka_unit_test(test_short_repeated),
	};

	return cmocka_run_group_tests_name("genlparse", tests, NULL, NULL);
}
