// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the netlink decoding in genl.c and nlutil.c, on messages
 * built in memory (no socket, no kernel module needed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "genl.h"
#include "nlutil.h"

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
	nla_nest_end(msg, st);

	assert_int_equal(vnetfab_parse_segment(nlmsg_hdr(msg), &s), 0);
	assert_int_equal(s.has, SEG_IFINDEX | SEG_IFNAME | SEG_ID | SEG_ENCAP |
				SEG_MTU | SEG_UP | SEG_STATS);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_segment),
		cmocka_unit_test(test_missing_and_malformed),
		cmocka_unit_test(test_extack),
		cmocka_unit_test(test_done_status),
	};

	return cmocka_run_group_tests_name("netlink", tests, NULL, NULL);
}
