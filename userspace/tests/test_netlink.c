// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the netlink encoding and decoding in genl.c, link.c and
 * nlutil.c, on messages built in memory (no socket, no kernel module
 * needed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "genl.h"
#include "link.h"
#include "nlutil.h"
#include "port.h"

static struct nl_msg *seg_msg(void)
{
	struct nl_msg *msg = nlmsg_alloc();

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, NLM_F_MULTI,
				    VNETFAB_CMD_GET_SEGMENT,
				    VNETFAB_GENL_VERSION));
	return msg;
}

static void test_full_segment(void **state)
{
	struct vnetfab_segment s;
	struct nl_msg *msg = seg_msg();
	struct nlattr *st;

	(void)state;
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_IFINDEX, 7), 0);
	assert_int_equal(nla_put_string(msg, VNETFAB_A_IFNAME, "fab0"), 0);
	/* an attribute from a newer kernel, before the ones we know */
	assert_int_equal(nla_put_u64(msg, VNETFAB_A_MAX + 5, 42), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_ID, 100), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_ENCAP, VNETFAB_ENCAP_GRE), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_MTU, 1450), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_OPER_UP, 1), 0);
	st = nla_nest_start(msg, VNETFAB_A_STATS);
	assert_non_null(st);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_RX_PACKETS, 1), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_RX_BYTES, 2), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_STATS_PAD, 0), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_TX_PACKETS, 3), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_TX_BYTES, UINT64_MAX), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_TX_DROPPED, 5), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_MAX + 3, 99), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_RX_UNKNOWN_PEER, 6), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_RX_INVALID, 7), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_LEARN_LIMIT, 8), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_TX_ERRORS, 9), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_TOO_BIG, 10), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_PORT_LOCKED, 11), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_MAC_MOVE_DENIED, 12), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_STORM, 13), 0);
	nla_nest_end(msg, st);
	assert_int_equal(nla_put_u16(msg, VNETFAB_A_DSTPORT, 4789), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_N_PORTS, 2), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_N_PEERS, 3), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_N_ADDRS, 40000), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_TTL, 16), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_TOS, 0x10), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_DF, VNETFAB_DF_SET), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_AGEING, 120), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_LEARNING, 0), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_MAX_ADDRS, 1000), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_LOCAL4,
				     htonl(0xc0000201)), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_LINK, 5), 0);

	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, SEG_IFINDEX | SEG_IFNAME | SEG_ID | SEG_ENCAP |
				SEG_MTU | SEG_UP | SEG_STATS | SEG_DSTPORT |
				SEG_N_PORTS | SEG_N_PEERS | SEG_N_ADDRS |
				SEG_TTL | SEG_TOS | SEG_DF | SEG_AGEING |
				SEG_LEARNING | SEG_MAX_ADDRS | SEG_LOCAL |
				SEG_LINK);
	assert_int_equal(s.ifindex, 7);
	assert_string_equal(s.ifname, "fab0");
	assert_int_equal(s.id, 100);
	assert_int_equal(s.encap, VNETFAB_ENCAP_GRE);
	assert_int_equal(s.mtu, 1450);
	assert_true(s.up);
	assert_int_equal(s.stats_has, (1u << SEG_ST_N) - 1);
	assert_int_equal(s.stats[SEG_ST_RX_PACKETS], 1);
	assert_int_equal(s.stats[SEG_ST_RX_BYTES], 2);
	assert_int_equal(s.stats[SEG_ST_TX_PACKETS], 3);
	assert_true(s.stats[SEG_ST_TX_BYTES] == UINT64_MAX);
	assert_int_equal(s.stats[SEG_ST_TX_DROPPED], 5);
	assert_int_equal(s.stats[SEG_ST_RX_UNKNOWN_PEER], 6);
	assert_int_equal(s.stats[SEG_ST_RX_INVALID], 7);
	assert_int_equal(s.stats[SEG_ST_LEARN_LIMIT], 8);
	assert_int_equal(s.stats[SEG_ST_TX_ERRORS], 9);
	assert_int_equal(s.stats[SEG_ST_TOO_BIG], 10);
	assert_int_equal(s.dstport, 4789);
	assert_int_equal(s.n_ports, 2);
	assert_int_equal(s.n_peers, 3);
	assert_int_equal(s.n_addrs, 40000);
	assert_int_equal(s.ttl, 16);
	assert_int_equal(s.tos, 0x10);
	assert_int_equal(s.df, VNETFAB_DF_SET);
	assert_int_equal(s.ageing, 120);
	assert_false(s.learning);
	assert_int_equal(s.max_addrs, 1000);
	assert_int_equal(s.local.family, AF_INET);
	assert_int_equal(s.local.v4.s_addr, htonl(0xc0000201));
	assert_int_equal(s.link, 5);
	nlmsg_free(msg);
}

/* the settings: IPv6 local, learning on, and what is not taken */
static void test_segment_settings(void **state)
{
	struct in6_addr a6 = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8,
					    [15] = 1 } };
	struct vnetfab_segment s;
	struct nl_msg *msg = seg_msg();
	uint16_t short_ageing = 300;

	(void)state;
	assert_int_equal(nla_put(msg, VNETFAB_A_LOCAL6, sizeof(a6), &a6), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_LEARNING, 1), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_TOS, 1), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_DF, VNETFAB_DF_INHERIT), 0);
	/* malformed: too short */
	assert_int_equal(nla_put(msg, VNETFAB_A_AGEING, sizeof(short_ageing),
				 &short_ageing), 0);
	assert_int_equal(nla_put(msg, VNETFAB_A_TTL, 0, NULL), 0);
	/* link 0 is no device: not taken */
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_LINK, 0), 0);

	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, SEG_LOCAL | SEG_LEARNING | SEG_TOS | SEG_DF);
	assert_int_equal(s.local.family, AF_INET6);
	assert_memory_equal(&s.local.v6, &a6, sizeof(a6));
	assert_true(s.learning);
	assert_int_equal(s.tos, 1);
	assert_int_equal(s.df, VNETFAB_DF_INHERIT);
	nlmsg_free(msg);

	/* an IPv4 local too short is no local */
	msg = seg_msg();
	assert_int_equal(nla_put_u16(msg, VNETFAB_A_LOCAL4, 1), 0);
	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, 0);
	nlmsg_free(msg);
}

static void test_missing_and_malformed(void **state)
{
	struct vnetfab_segment s;
	struct nl_msg *msg = seg_msg();
	struct nlattr *st;
	uint16_t shortid = 5;

	(void)state;
	/* name without its NUL, id too short, no mtu/up/encap */
	assert_int_equal(nla_put(msg, VNETFAB_A_IFNAME, 4, "fab1"), 0);
	assert_int_equal(nla_put(msg, VNETFAB_A_ID, sizeof(shortid), &shortid), 0);
	st = nla_nest_start(msg, VNETFAB_A_STATS);
	assert_int_equal(nla_put_u64(msg, VNETFAB_STATS_RX_PACKETS, 9), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_STATS_TX_BYTES, 1), 0);
	nla_nest_end(msg, st);

	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, SEG_IFNAME | SEG_STATS);
	assert_string_equal(s.ifname, "fab1");
	/* an older module: no drop counters, no dstport, no counts */
	assert_int_equal(s.stats_has, 1u << SEG_ST_RX_PACKETS);
	assert_int_equal(s.stats[SEG_ST_RX_PACKETS], 9);
	nlmsg_free(msg);

	/* a name that does not fit IFNAMSIZ is dropped, not truncated */
	msg = seg_msg();
	assert_int_equal(nla_put_string(msg, VNETFAB_A_IFNAME,
					"0123456789abcdefXYZ"), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_IFINDEX, 3), 0);
	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, SEG_IFINDEX);
	nlmsg_free(msg);

	/* no attributes at all */
	msg = seg_msg();
	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, 0);
	nlmsg_free(msg);

	/* no room for a genl header */
	msg = nlmsg_alloc_simple(0x20, 0);
	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), -EINVAL);
	nlmsg_free(msg);
}

/* NLMSG_ERROR with @err, echoing a request of @reqlen payload bytes */
static struct nl_msg *err_msg(int err, int flags, size_t reqlen)
{
	struct nl_msg *msg = nlmsg_alloc_simple(NLMSG_ERROR, flags);
	struct nlmsgerr *me;

	assert_non_null(msg);
	me = nlmsg_reserve(msg, sizeof(*me), NLMSG_ALIGNTO);
	assert_non_null(me);
	me->error = err;
	me->msg.nlmsg_len = NLMSG_HDRLEN + reqlen;
	me->msg.nlmsg_type = 0x10;
	if (!(flags & NLM_F_CAPPED) && reqlen)
		assert_non_null(nlmsg_reserve(msg, reqlen, NLMSG_ALIGNTO));
	return msg;
}

static void test_extack(void **state)
{
	struct nl_msg *msg;
	char buf[NLU_MSGLEN];
	int errnum;

	(void)state;
	/* capped, message after the offset attribute */
	msg = err_msg(-EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 40);
	assert_int_equal(nla_put_u32(msg, NLMSGERR_ATTR_OFFS, 20), 0);
	assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG,
					"Segment id out of range"), 0);
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf,
					  sizeof(buf)), 0);
	assert_int_equal(errnum, EINVAL);
	assert_string_equal(buf, "Segment id out of range");
	nlmsg_free(msg);

	/* uncapped: the request (odd length, padded) precedes the TLVs */
	msg = err_msg(-EOPNOTSUPP, NLM_F_ACK_TLVS, 13);
	assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG,
					"Unknown device type"), 0);
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf,
					  sizeof(buf)), 0);
	assert_int_equal(errnum, EOPNOTSUPP);
	assert_string_equal(buf, "Unknown device type");
	nlmsg_free(msg);

	/* TLVs present but flag not set: ignored */
	msg = err_msg(-EEXIST, NLM_F_CAPPED, 0);
	assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG, "x"), 0);
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf,
					  sizeof(buf)), 0);
	assert_int_equal(errnum, EEXIST);
	assert_string_equal(buf, "");
	nlmsg_free(msg);

	/* echoed length lies beyond the message: no read past the end */
	msg = err_msg(-EPERM, NLM_F_ACK_TLVS, 0);
	((struct nlmsgerr *)nlmsg_data(nlmsg_hdr(msg)))->msg.nlmsg_len = 60000;
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf,
					  sizeof(buf)), 0);
	assert_int_equal(errnum, EPERM);
	assert_string_equal(buf, "");
	nlmsg_free(msg);

	/* a message longer than our buffer is cut, still terminated */
	msg = err_msg(-EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG,
					"abcdefghijklmnop"), 0);
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf, 5), 0);
	assert_string_equal(buf, "abcd");
	nlmsg_free(msg);
}

static void test_done_status(void **state)
{
	struct nl_msg *msg;
	char buf[NLU_MSGLEN];
	int errnum, st = -ENODEV;

	(void)state;
	msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS);
	assert_int_equal(nlmsg_append(msg, &st, sizeof(st), NLMSG_ALIGNTO), 0);
	assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG, "gone"), 0);
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf,
					  sizeof(buf)), 0);
	assert_int_equal(errnum, ENODEV);
	assert_string_equal(buf, "gone");
	nlmsg_free(msg);

	/* an empty NLMSG_DONE (old kernels) is success */
	msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf,
					  sizeof(buf)), 0);
	assert_int_equal(errnum, 0);
	nlmsg_free(msg);

	/* neither ERROR nor DONE */
	msg = nlmsg_alloc_simple(0x20, 0);
	assert_int_equal(nlu_parse_status(nlmsg_hdr(msg), &errnum, buf,
					  sizeof(buf)), -1);
	nlmsg_free(msg);
}

/* ---- rtnetlink requests (link.c) ---- */

static const uint8_t ip6_db8_1[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
};

struct linkreq {
	struct nl_msg *msg;
	struct ifinfomsg *ifm;
	struct nlattr *tb[IFLA_MAX + 1];
	struct nlattr *li[IFLA_INFO_MAX + 1];
	struct nlattr *data[IFLA_VNETFAB_MAX + 1];
};

/* builds the request of @a and splits it into its attributes */
static void link_decode(struct linkreq *r, const struct vf_args *a,
			int ifindex, uint32_t link_ifindex)
{
	struct nlmsghdr *nlh;
	char kind[16] = "";

	memset(r, 0, sizeof(*r));
	r->msg = vnetfab_link_req(a, ifindex, link_ifindex);
	assert_non_null(r->msg);
	nlh = nlmsg_hdr(r->msg);
	assert_int_equal(nlh->nlmsg_type, RTM_NEWLINK);
	assert_int_equal(nlmsg_parse(nlh, sizeof(*r->ifm), r->tb, IFLA_MAX,
				     NULL), 0);
	r->ifm = nlmsg_data(nlh);
	assert_non_null(r->tb[IFLA_LINKINFO]);
	assert_int_equal(nla_parse_nested(r->li, IFLA_INFO_MAX,
					  r->tb[IFLA_LINKINFO], NULL), 0);
	assert_non_null(r->li[IFLA_INFO_KIND]);
	nla_strlcpy(kind, r->li[IFLA_INFO_KIND], sizeof(kind));
	assert_string_equal(kind, VNETFAB_KIND);
	if (r->li[IFLA_INFO_DATA])
		assert_int_equal(nla_parse_nested(r->data, IFLA_VNETFAB_MAX,
						  r->li[IFLA_INFO_DATA], NULL), 0);
}

/* the IFLA_VNETFAB_* present, as a bit mask */
static unsigned int data_mask(const struct linkreq *r)
{
	unsigned int m = 0;
	int i;

	for (i = 0; i <= IFLA_VNETFAB_MAX; i++)
		if (r->data[i])
			m |= 1u << i;
	return m;
}

#define B(x)	(1u << (x))

static void test_link_add_local6(void **state)
{
	struct vf_args a = { .cmd = VF_CMD_SEG_ADD, .ifname = "fab0" };
	struct linkreq r;
	uint16_t flags;

	(void)state;
	a.has_local = true;
	assert_int_equal(args_parse_addr("2001:db8::1", "local", &a.local,
					 NULL, 0), 0);
	link_decode(&r, &a, 0, 0);
	flags = nlmsg_hdr(r.msg)->nlmsg_flags;
	assert_true(flags & NLM_F_CREATE);
	assert_true(flags & NLM_F_EXCL);
	assert_int_equal(r.ifm->ifi_index, 0);
	assert_non_null(r.tb[IFLA_IFNAME]);
	assert_string_equal(nla_data(r.tb[IFLA_IFNAME]), "fab0");
	/* only what was given: LOCAL6, 16 bytes, as written */
	assert_int_equal(data_mask(&r), B(IFLA_VNETFAB_LOCAL6));
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_LOCAL6]), 16);
	assert_memory_equal(nla_data(r.data[IFLA_VNETFAB_LOCAL6]), ip6_db8_1, 16);
	nlmsg_free(r.msg);
}

static void test_link_add_all(void **state)
{
	struct vf_args a;
	struct linkreq r;
	char err[ARGS_ERRLEN];
	char *argv[] = {
		"vnetfabctl", "segment", "add", "fab0", "id", "100", "encap",
		"gre", "local", "192.0.2.1", "dstport", "8472", "dev", "eth0",
		"ttl", "200", "tos", "inherit", "df", "inherit", "ageing",
		"600", "learning", "off", "maxaddr", "16777216", NULL,
	};

	(void)state;
	assert_int_equal(args_parse(26, argv, &a, err, sizeof(err)), 0);
	link_decode(&r, &a, 0, 42);
	assert_int_equal(data_mask(&r),
			 B(IFLA_VNETFAB_ID) | B(IFLA_VNETFAB_ENCAP) |
			 B(IFLA_VNETFAB_LOCAL) | B(IFLA_VNETFAB_DSTPORT) |
			 B(IFLA_VNETFAB_LINK) | B(IFLA_VNETFAB_TTL) |
			 B(IFLA_VNETFAB_TOS) | B(IFLA_VNETFAB_DF) |
			 B(IFLA_VNETFAB_AGEING) | B(IFLA_VNETFAB_LEARNING) |
			 B(IFLA_VNETFAB_MAX_ADDRS));
	assert_int_equal(nla_get_u32(r.data[IFLA_VNETFAB_ID]), 100);
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_ENCAP]), 1);
	assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_ENCAP]), VNETFAB_ENCAP_GRE);
	/* be32: the bytes of 192.0.2.1 in order */
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_LOCAL]), 4);
	assert_memory_equal(nla_data(r.data[IFLA_VNETFAB_LOCAL]),
			    "\xc0\x00\x02\x01", 4);
	/* u16 in host order */
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_DSTPORT]), 2);
	assert_int_equal(nla_get_u16(r.data[IFLA_VNETFAB_DSTPORT]), 8472);
	assert_int_equal(nla_get_u32(r.data[IFLA_VNETFAB_LINK]), 42);
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_TTL]), 1);
	assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_TTL]), 200);
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_TOS]), 1);
	assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_TOS]), 1);
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_DF]), 1);
	assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_DF]), VNETFAB_DF_INHERIT);
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_AGEING]), 4);
	assert_int_equal(nla_get_u32(r.data[IFLA_VNETFAB_AGEING]), 600);
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_LEARNING]), 1);
	assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_LEARNING]), 0);
	assert_int_equal(nla_len(r.data[IFLA_VNETFAB_MAX_ADDRS]), 4);
	assert_int_equal(nla_get_u32(r.data[IFLA_VNETFAB_MAX_ADDRS]), 16777216);
	nlmsg_free(r.msg);
}

static void test_link_add_minimal(void **state)
{
	struct vf_args a = { .cmd = VF_CMD_SEG_ADD, .ifname = "fab0" };
	struct linkreq r;

	(void)state;
	/* no option: no IFLA_INFO_DATA at all, the module's defaults */
	link_decode(&r, &a, 0, 0);
	assert_null(r.li[IFLA_INFO_DATA]);
	nlmsg_free(r.msg);

	/* ttl 0 is not "unset": has_* decides, not the value */
	a.has_learning = true;
	a.learning = 0;
	link_decode(&r, &a, 0, 0);
	assert_int_equal(data_mask(&r), B(IFLA_VNETFAB_LEARNING));
	assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_LEARNING]), 0);
	nlmsg_free(r.msg);

	/* a local address of no family cannot be encoded */
	a.has_local = true;
	a.local.family = AF_UNSPEC;
	assert_null(vnetfab_link_req(&a, 0, 0));
}

static void test_link_set(void **state)
{
	struct vf_args a;
	struct linkreq r;
	char err[ARGS_ERRLEN];
	char *argv[] = {
		"vnetfabctl", "segment", "set", "fab0", "ttl", "7", "maxaddr",
		"5", NULL,
	};
	uint16_t flags;

	(void)state;
	assert_int_equal(args_parse(8, argv, &a, err, sizeof(err)), 0);
	link_decode(&r, &a, 17, 0);
	flags = nlmsg_hdr(r.msg)->nlmsg_flags;
	assert_false(flags & NLM_F_CREATE);
	assert_false(flags & NLM_F_EXCL);
	assert_int_equal(r.ifm->ifi_index, 17);
	assert_null(r.tb[IFLA_IFNAME]);
	assert_int_equal(data_mask(&r), B(IFLA_VNETFAB_TTL) |
					B(IFLA_VNETFAB_MAX_ADDRS));
	assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_TTL]), 7);
	assert_int_equal(nla_get_u32(r.data[IFLA_VNETFAB_MAX_ADDRS]), 5);
	nlmsg_free(r.msg);
	args_free(&a);

	/* liveness: probe off is a u32 0, probe-misses a u8 */
	{
		char *argv2[] = {
			"vnetfabctl", "segment", "set", "fab0", "probe", "off",
			"probe-misses", "255", NULL,
		};

		assert_int_equal(args_parse(8, argv2, &a, err, sizeof(err)), 0);
		link_decode(&r, &a, 17, 0);
		assert_int_equal(data_mask(&r),
				 B(IFLA_VNETFAB_PROBE_INTERVAL) |
				 B(IFLA_VNETFAB_PROBE_MISSES));
		assert_int_equal(nla_len(r.data[IFLA_VNETFAB_PROBE_INTERVAL]), 4);
		assert_int_equal(nla_get_u32(r.data[IFLA_VNETFAB_PROBE_INTERVAL]), 0);
		assert_int_equal(nla_len(r.data[IFLA_VNETFAB_PROBE_MISSES]), 1);
		assert_int_equal(nla_get_u8(r.data[IFLA_VNETFAB_PROBE_MISSES]), 255);
		nlmsg_free(r.msg);
	}
}

/* ---- generic netlink requests (genl.c) ---- */

struct genlreq {
	struct genlmsghdr *gnlh;
	struct nlattr *tb[VNETFAB_A_MAX + 1];
	struct nlattr *nest[VNETFAB_FDB_A_MAX + VNETFAB_PEER_A_MAX + 2];
};

/* splits a vnetfab request; checks cmd, family and VNETFAB_A_IFNAME */
static void genl_decode(struct nl_msg *msg, struct genlreq *r, uint8_t cmd,
			const char *ifname)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	memset(r, 0, sizeof(*r));
	assert_int_equal(nlh->nlmsg_type, 0x1c);
	assert_int_equal(genlmsg_parse(nlh, 0, r->tb, VNETFAB_A_MAX, NULL), 0);
	r->gnlh = nlmsg_data(nlh);
	assert_int_equal(r->gnlh->cmd, cmd);
	assert_int_equal(r->gnlh->version, VNETFAB_GENL_VERSION);
	assert_non_null(r->tb[VNETFAB_A_IFNAME]);
	assert_string_equal(nla_data(r->tb[VNETFAB_A_IFNAME]), ifname);
}

static void test_peer_req(void **state)
{
	struct nlattr *p[VNETFAB_PEER_A_MAX + 1];
	struct vnetfab_peer_spec spec = {
		.paths.n = 1, .has_dstport = true, .dstport = 4790,
		.has_probe = true, .probe = 500,
	};
	struct vf_addr *addr = &spec.paths.v[0].addr;
	struct nl_msg *msg;
	struct genlreq r;

	(void)state;
	assert_int_equal(args_parse_addr("192.0.2.2", "remote", addr, NULL, 0), 0);
	msg = vnetfab_peer_req(0x1c, VNETFAB_CMD_ADD_PEER, "fab0", &spec);
	assert_non_null(msg);
	genl_decode(msg, &r, VNETFAB_CMD_ADD_PEER, "fab0");
	assert_false(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP);
	assert_non_null(r.tb[VNETFAB_A_PEER]);
	assert_null(r.tb[VNETFAB_A_FDB]);
	assert_int_equal(nla_parse_nested(p, VNETFAB_PEER_A_MAX,
					  r.tb[VNETFAB_A_PEER], NULL), 0);
	assert_int_equal(nla_len(p[VNETFAB_PEER_A_ADDR4]), 4);
	assert_memory_equal(nla_data(p[VNETFAB_PEER_A_ADDR4]), "\xc0\x00\x02\x02", 4);
	assert_null(p[VNETFAB_PEER_A_ADDR6]);
	assert_int_equal(nla_len(p[VNETFAB_PEER_A_DSTPORT]), 2);
	assert_int_equal(nla_get_u16(p[VNETFAB_PEER_A_DSTPORT]), 4790);
	assert_int_equal(nla_len(p[VNETFAB_PEER_A_PROBE_INTERVAL]), 4);
	assert_int_equal(nla_get_u32(p[VNETFAB_PEER_A_PROBE_INTERVAL]), 500);
	nlmsg_free(msg);

	/* probe off is an interval of 0, sent */
	spec.has_dstport = false;
	spec.probe = 0;
	msg = vnetfab_peer_req(0x1c, VNETFAB_CMD_ADD_PEER, "fab0", &spec);
	assert_non_null(msg);
	genl_decode(msg, &r, VNETFAB_CMD_ADD_PEER, "fab0");
	assert_int_equal(nla_parse_nested(p, VNETFAB_PEER_A_MAX,
					  r.tb[VNETFAB_A_PEER], NULL), 0);
	assert_int_equal(nla_get_u32(p[VNETFAB_PEER_A_PROBE_INTERVAL]), 0);
	assert_null(p[VNETFAB_PEER_A_DSTPORT]);
	nlmsg_free(msg);

	/* IPv6, no dstport, no probe: none sent */
	assert_int_equal(args_parse_addr("2001:db8::1", "remote", addr, NULL, 0), 0);
	spec.dstport = 4790;
	spec.has_probe = false;
	spec.probe = 500;
	msg = vnetfab_peer_req(0x1c, VNETFAB_CMD_DEL_PEER, "fab1", &spec);
	assert_non_null(msg);
	genl_decode(msg, &r, VNETFAB_CMD_DEL_PEER, "fab1");
	assert_int_equal(nla_parse_nested(p, VNETFAB_PEER_A_MAX,
					  r.tb[VNETFAB_A_PEER], NULL), 0);
	assert_null(p[VNETFAB_PEER_A_ADDR4]);
	assert_int_equal(nla_len(p[VNETFAB_PEER_A_ADDR6]), 16);
	assert_memory_equal(nla_data(p[VNETFAB_PEER_A_ADDR6]), ip6_db8_1, 16);
	assert_null(p[VNETFAB_PEER_A_DSTPORT]);
	assert_null(p[VNETFAB_PEER_A_PROBE_INTERVAL]);
	nlmsg_free(msg);

	/* no family: refused */
	addr->family = AF_UNSPEC;
	assert_null(vnetfab_peer_req(0x1c, VNETFAB_CMD_ADD_PEER, "fab0", &spec));
	/* nor no address at all */
	spec.paths.n = 0;
	assert_null(vnetfab_peer_req(0x1c, VNETFAB_CMD_ADD_PEER, "fab0", &spec));

	/* the dump request: NLM_F_DUMP, the segment's name, nothing else */
	msg = vnetfab_genl_req(0x1c, VNETFAB_CMD_GET_PEER, NLM_F_DUMP, "fab0");
	assert_non_null(msg);
	genl_decode(msg, &r, VNETFAB_CMD_GET_PEER, "fab0");
	assert_int_equal(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP, NLM_F_DUMP);
	assert_null(r.tb[VNETFAB_A_PEER]);
	nlmsg_free(msg);
}

static void fdb_nest(struct genlreq *r, struct nlattr **f)
{
	assert_non_null(r->tb[VNETFAB_A_FDB]);
	assert_int_equal(nla_parse_nested(f, VNETFAB_FDB_A_MAX,
					  r->tb[VNETFAB_A_FDB], NULL), 0);
	assert_non_null(f[VNETFAB_FDB_A_MAC]);
	assert_int_equal(nla_len(f[VNETFAB_FDB_A_MAC]), 6);
	assert_memory_equal(nla_data(f[VNETFAB_FDB_A_MAC]),
			    "\x02\x00\x00\x00\x00\x01", 6);
}

static void test_fdb_req(void **state)
{
	struct vnetfab_fdb req = {
		.has = FDB_MAC | FDB_PORT,
		.mac = { 2, 0, 0, 0, 0, 1 },
		.port_ifindex = 9,
	}, back;
	struct nlattr *f[VNETFAB_FDB_A_MAX + 1], *p[VNETFAB_PEER_A_MAX + 1];
	struct nl_msg *msg;
	struct genlreq r;

	(void)state;
	/* port */
	msg = vnetfab_fdb_req(0x1c, VNETFAB_CMD_ADD_FDB, "fab0", &req);
	assert_non_null(msg);
	genl_decode(msg, &r, VNETFAB_CMD_ADD_FDB, "fab0");
	fdb_nest(&r, f);
	assert_int_equal(nla_get_u32(f[VNETFAB_FDB_A_PORT_IFINDEX]), 9);
	assert_null(f[VNETFAB_FDB_A_PEER]);
	assert_null(f[VNETFAB_FDB_A_LOCAL]);
	assert_null(f[VNETFAB_FDB_A_STATIC]);	/* the kernel's to say */
	/* and the decoder reads back what the encoder wrote */
	assert_int_equal(vnetfab_parse_fdb(nlmsg_hdr(msg), &back), 0);
	assert_int_equal(back.has, FDB_MAC | FDB_PORT);
	assert_int_equal(back.port_ifindex, 9);
	nlmsg_free(msg);

	/* remote with dstport */
	req.has = FDB_MAC | FDB_PEER;
	req.peer.has = PEER_ADDR | PEER_DSTPORT;
	req.peer.dstport = 4789;
	assert_int_equal(args_parse_addr("2001:db8::1", "remote",
					 &req.peer.addr, NULL, 0), 0);
	msg = vnetfab_fdb_req(0x1c, VNETFAB_CMD_ADD_FDB, "fab0", &req);
	assert_non_null(msg);
	genl_decode(msg, &r, VNETFAB_CMD_ADD_FDB, "fab0");
	fdb_nest(&r, f);
	assert_null(f[VNETFAB_FDB_A_PORT_IFINDEX]);
	assert_non_null(f[VNETFAB_FDB_A_PEER]);
	assert_int_equal(nla_parse_nested(p, VNETFAB_PEER_A_MAX,
					  f[VNETFAB_FDB_A_PEER], NULL), 0);
	assert_memory_equal(nla_data(p[VNETFAB_PEER_A_ADDR6]), ip6_db8_1, 16);
	assert_int_equal(nla_get_u16(p[VNETFAB_PEER_A_DSTPORT]), 4789);
	assert_int_equal(vnetfab_parse_fdb(nlmsg_hdr(msg), &back), 0);
	assert_int_equal(back.has, FDB_MAC | FDB_PEER);
	assert_int_equal(back.peer.has, PEER_ADDR | PEER_DSTPORT);
	assert_int_equal(back.peer.addr.family, AF_INET6);
	nlmsg_free(msg);

	/* local: a flag */
	req.has = FDB_MAC | FDB_LOCAL;
	msg = vnetfab_fdb_req(0x1c, VNETFAB_CMD_ADD_FDB, "fab0", &req);
	genl_decode(msg, &r, VNETFAB_CMD_ADD_FDB, "fab0");
	fdb_nest(&r, f);
	assert_non_null(f[VNETFAB_FDB_A_LOCAL]);
	assert_int_equal(nla_len(f[VNETFAB_FDB_A_LOCAL]), 0);
	assert_null(f[VNETFAB_FDB_A_PEER]);
	assert_null(f[VNETFAB_FDB_A_PORT_IFINDEX]);
	nlmsg_free(msg);

	/* del: the MAC only */
	req.has = FDB_MAC;
	msg = vnetfab_fdb_req(0x1c, VNETFAB_CMD_DEL_FDB, "fab2", &req);
	genl_decode(msg, &r, VNETFAB_CMD_DEL_FDB, "fab2");
	fdb_nest(&r, f);
	assert_null(f[VNETFAB_FDB_A_LOCAL]);
	assert_null(f[VNETFAB_FDB_A_PEER]);
	assert_null(f[VNETFAB_FDB_A_PORT_IFINDEX]);
	nlmsg_free(msg);
}

/* ---- GET_PEER / GET_FDB replies ---- */

static struct nl_msg *reply_msg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, NLM_F_MULTI, cmd,
				    VNETFAB_GENL_VERSION));
	return msg;
}

static void test_peer_reply(void **state)
{
	struct nlattr *nest, *st;
	struct vnetfab_peer p;
	struct nl_msg *msg;
	uint16_t shortv = 1;

	(void)state;
	/* everything, with PAD and unknown attributes in each layer */
	msg = reply_msg(VNETFAB_CMD_GET_PEER);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_MAX + 7, 1), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_IFINDEX, 7), 0);
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 4, "\xc0\x00\x02\x02"), 0);
	assert_int_equal(nla_put_u16(msg, VNETFAB_PEER_A_DSTPORT, 4789), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PEER_A_MAX + 1, 5), 0);
	st = nla_nest_start(msg, VNETFAB_PEER_A_STATS);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PEER_STATS_PAD, 0), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_TX_PACKETS, 10), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_TX_BYTES, 1500), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PEER_STATS_PAD, 0), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_RX_PACKETS, 9), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_RX_BYTES, 1400), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_TX_DROPPED, UINT64_MAX), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_MAX + 2, 77), 0);
	nla_nest_end(msg, st);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PEER_A_LAST_RX_MS, 120), 0);
	nla_nest_end(msg, nest);

	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	assert_int_equal(p.has, PEER_ADDR | PEER_DSTPORT | PEER_STATS |
				PEER_LAST_RX);
	assert_int_equal(p.stats_has, (1u << PEER_ST_TX_PEER_DOWN) - 1);
	assert_int_equal(p.addr.family, AF_INET);
	assert_memory_equal(&p.addr.v4, "\xc0\x00\x02\x02", 4);
	assert_int_equal(p.dstport, 4789);
	assert_int_equal(p.last_rx_ms, 120);
	assert_int_equal(p.stats[PEER_ST_TX_PACKETS], 10);
	assert_int_equal(p.stats[PEER_ST_TX_BYTES], 1500);
	assert_int_equal(p.stats[PEER_ST_RX_PACKETS], 9);
	assert_int_equal(p.stats[PEER_ST_RX_BYTES], 1400);
	assert_true(p.stats[PEER_ST_TX_DROPPED] == UINT64_MAX);
	nlmsg_free(msg);

	/* liveness: own interval, state, its age, the new counters */
	msg = reply_msg(VNETFAB_CMD_GET_PEER);
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 4, "\xc0\x00\x02\x02"), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PEER_A_PROBE_INTERVAL, 0), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_PEER_A_STATE, VNETFAB_PEER_DOWN), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PEER_A_STATE_MS, 4200), 0);
	st = nla_nest_start(msg, VNETFAB_PEER_A_STATS);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_TX_PEER_DOWN, 7), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_PROBES_SENT, 8), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_PROBES_ANSWERED, 9), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_PROBES_RECEIVED, 10), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_STATE_CHANGES, 11), 0);
	nla_nest_end(msg, st);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	assert_int_equal(p.has, PEER_ADDR | PEER_STATS | PEER_PROBE |
				PEER_STATE | PEER_STATE_MS);
	assert_int_equal(p.probe, 0);
	assert_int_equal(p.state, VNETFAB_PEER_DOWN);
	assert_int_equal(p.state_ms, 4200);
	assert_int_equal(p.stats_has, ((1u << PEER_ST_N) - 1) &
				      ~((1u << PEER_ST_TX_PEER_DOWN) - 1) &
				      ~(1u << PEER_ST_PATH_CHANGES) &
				      ~(1u << PEER_ST_RX_STORM));
	assert_int_equal(p.stats[PEER_ST_TX_PEER_DOWN], 7);
	assert_int_equal(p.stats[PEER_ST_PROBES_SENT], 8);
	assert_int_equal(p.stats[PEER_ST_PROBES_ANSWERED], 9);
	assert_int_equal(p.stats[PEER_ST_PROBES_RECEIVED], 10);
	assert_int_equal(p.stats[PEER_ST_STATE_CHANGES], 11);
	nlmsg_free(msg);

	/* IPv6, no last rx, no stats, a short dstport */
	msg = reply_msg(VNETFAB_CMD_GET_PEER);
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR6, 16, ip6_db8_1), 0);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_DSTPORT, 1, &shortv), 0);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	assert_int_equal(p.has, PEER_ADDR);
	assert_int_equal(p.addr.family, AF_INET6);
	assert_memory_equal(&p.addr.v6, ip6_db8_1, 16);
	nlmsg_free(msg);

	/* a short address is no address; a stats nest with one counter */
	msg = reply_msg(VNETFAB_CMD_GET_PEER);
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 2, &shortv), 0);
	st = nla_nest_start(msg, VNETFAB_PEER_A_STATS);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_RX_BYTES, 3), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PEER_STATS_TX_BYTES, 3), 0);
	nla_nest_end(msg, st);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	assert_int_equal(p.has, PEER_STATS);
	assert_int_equal(p.stats_has, 1u << PEER_ST_RX_BYTES);
	nlmsg_free(msg);

	/* no peer nest: not a peer */
	msg = reply_msg(VNETFAB_CMD_GET_PEER);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_IFINDEX, 7), 0);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), -ENOENT);
	nlmsg_free(msg);

	/* an empty nest (libnl's nla_nest_end would drop it) is a peer we
	 * know nothing of */
	msg = reply_msg(VNETFAB_CMD_GET_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_A_PEER, 0, NULL), 0);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	assert_int_equal(p.has, 0);
	nlmsg_free(msg);

	/* no room for a genl header */
	msg = nlmsg_alloc_simple(0x20, 0);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), -EINVAL);
	nlmsg_free(msg);
}

/* a liveness event: PEER_DOWN with its reason and the peer's state */
static void test_event_reason(void **state)
{
	struct vnetfab_event_msg ev;
	struct nlattr *nest;
	struct nl_msg *msg;

	(void)state;
	msg = reply_msg(VNETFAB_CMD_EVENT);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_EVENT, VNETFAB_EVENT_PEER_DOWN), 0);
	assert_int_equal(nla_put_string(msg, VNETFAB_A_IFNAME, "fab0"), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_REASON, VNETFAB_REASON_TIMEOUT), 0);
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 4, "\xc0\x00\x02\x02"), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_PEER_A_STATE, VNETFAB_PEER_DOWN), 0);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_event(nlmsg_hdr(msg), &ev), 0);
	assert_int_equal(ev.event, VNETFAB_EVENT_PEER_DOWN);
	assert_string_equal(ev.ifname, "fab0");
	assert_true(ev.has_reason);
	assert_int_equal(ev.reason, VNETFAB_REASON_TIMEOUT);
	assert_true(ev.has_peer);
	assert_int_equal(ev.peer.has, PEER_ADDR | PEER_STATE);
	assert_int_equal(ev.peer.state, VNETFAB_PEER_DOWN);
	nlmsg_free(msg);

	/* no reason: none claimed */
	msg = reply_msg(VNETFAB_CMD_EVENT);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_EVENT, VNETFAB_EVENT_PEER_ADDED), 0);
	assert_int_equal(vnetfab_parse_event(nlmsg_hdr(msg), &ev), 0);
	assert_false(ev.has_reason);
	nlmsg_free(msg);
}

static void test_fdb_reply(void **state)
{
	struct nlattr *nest, *peer;
	struct vnetfab_fdb f;
	struct nl_msg *msg;

	(void)state;
	/* a learned MAC behind a port */
	msg = reply_msg(VNETFAB_CMD_GET_FDB);
	nest = nla_nest_start(msg, VNETFAB_A_FDB);
	assert_int_equal(nla_put(msg, VNETFAB_FDB_A_MAC, 6, "\x02\x00\x00\x00\x00\x01"), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_FDB_A_PORT_IFINDEX, 5), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_FDB_A_AGE_MS, 1200), 0);
	assert_int_equal(nla_put_u64(msg, VNETFAB_FDB_A_MAX + 1, 1), 0);
	nla_nest_end(msg, nest);
	assert_int_equal(nla_put_string(msg, VNETFAB_A_MAX + 1, "future"), 0);
	assert_int_equal(vnetfab_parse_fdb(nlmsg_hdr(msg), &f), 0);
	assert_int_equal(f.has, FDB_MAC | FDB_PORT | FDB_AGE);
	assert_memory_equal(f.mac, "\x02\x00\x00\x00\x00\x01", 6);
	assert_int_equal(f.port_ifindex, 5);
	assert_int_equal(f.age_ms, 1200);
	nlmsg_free(msg);

	/* static, behind a peer (with its port and an unknown attribute) */
	msg = reply_msg(VNETFAB_CMD_GET_FDB);
	nest = nla_nest_start(msg, VNETFAB_A_FDB);
	assert_int_equal(nla_put(msg, VNETFAB_FDB_A_MAC, 6, "\xaa\xbb\xcc\xdd\xee\xff"), 0);
	peer = nla_nest_start(msg, VNETFAB_FDB_A_PEER);
	assert_int_equal(nla_put_u8(msg, VNETFAB_PEER_A_MAX + 3, 1), 0);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 4, "\xc0\x00\x02\x02"), 0);
	assert_int_equal(nla_put_u16(msg, VNETFAB_PEER_A_DSTPORT, 4790), 0);
	nla_nest_end(msg, peer);
	assert_int_equal(nla_put_flag(msg, VNETFAB_FDB_A_STATIC), 0);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_fdb(nlmsg_hdr(msg), &f), 0);
	assert_int_equal(f.has, FDB_MAC | FDB_PEER | FDB_STATIC);
	assert_int_equal(f.peer.has, PEER_ADDR | PEER_DSTPORT);
	assert_int_equal(f.peer.addr.family, AF_INET);
	assert_int_equal(f.peer.dstport, 4790);
	nlmsg_free(msg);

	/* local and static; short MAC and short age are dropped */
	msg = reply_msg(VNETFAB_CMD_GET_FDB);
	nest = nla_nest_start(msg, VNETFAB_A_FDB);
	assert_int_equal(nla_put(msg, VNETFAB_FDB_A_MAC, 5, "\x02\x00\x00\x00\x00"), 0);
	assert_int_equal(nla_put_flag(msg, VNETFAB_FDB_A_LOCAL), 0);
	assert_int_equal(nla_put_flag(msg, VNETFAB_FDB_A_STATIC), 0);
	assert_int_equal(nla_put_u16(msg, VNETFAB_FDB_A_AGE_MS, 3), 0);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_fdb(nlmsg_hdr(msg), &f), 0);
	assert_int_equal(f.has, FDB_LOCAL | FDB_STATIC);
	nlmsg_free(msg);

	/* no FDB nest */
	msg = reply_msg(VNETFAB_CMD_GET_FDB);
	assert_int_equal(nla_put_u32(msg, VNETFAB_A_IFINDEX, 7), 0);
	assert_int_equal(vnetfab_parse_fdb(nlmsg_hdr(msg), &f), -ENOENT);
	nlmsg_free(msg);

	msg = nlmsg_alloc_simple(0x20, 0);
	assert_int_equal(vnetfab_parse_fdb(nlmsg_hdr(msg), &f), -EINVAL);
	nlmsg_free(msg);
}

/* port set: the slave data carries what was given, and reads back */
static void test_port_req(void **state)
{
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct vf_args a = { .cmd = VF_CMD_PORT_SET, .has_locked = true,
			     .locked = 1, .has_storm = true, .storm = 100,
			     .has_max_macs = true, .max_macs = 0 };
	struct vf_port p = { 0 };
	struct nl_msg *msg;
	struct ifinfomsg *ifm;

	(void)state;
	msg = vf_port_req(&a, 9);
	assert_non_null(msg);
	ifm = nlmsg_data(nlmsg_hdr(msg));
	assert_int_equal(ifm->ifi_index, 9);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifm), tb, IFLA_MAX,
				     NULL), 0);
	assert_non_null(tb[IFLA_LINKINFO]);
	assert_int_equal(nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
					  NULL), 0);
	assert_null(li[IFLA_INFO_KIND]);
	assert_string_equal(nla_data(li[IFLA_INFO_SLAVE_KIND]), "vnetfab");
	assert_int_equal(vf_port_parse_data(nla_data(li[IFLA_INFO_SLAVE_DATA]),
					    nla_len(li[IFLA_INFO_SLAVE_DATA]),
					    &p), 0);
	/* what was not given is not sent: the port keeps its burst */
	assert_int_equal(p.has, PORT_LOCKED | PORT_STORM | PORT_MAX_MACS);
	assert_true(p.locked);
	assert_int_equal(p.storm, 100);
	assert_int_equal(p.max_macs, 0);
	nlmsg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_segment),
		cmocka_unit_test(test_segment_settings),
		cmocka_unit_test(test_missing_and_malformed),
		cmocka_unit_test(test_extack),
		cmocka_unit_test(test_done_status),
		cmocka_unit_test(test_link_add_local6),
		cmocka_unit_test(test_link_add_all),
		cmocka_unit_test(test_link_add_minimal),
		cmocka_unit_test(test_link_set),
		cmocka_unit_test(test_peer_req),
		cmocka_unit_test(test_fdb_req),
		cmocka_unit_test(test_peer_reply),
		cmocka_unit_test(test_fdb_reply),
		cmocka_unit_test(test_port_req),
		cmocka_unit_test(test_event_reason),
	};

	return cmocka_run_group_tests_name("netlink", tests, NULL, NULL);
}
