// SPDX-License-Identifier: GPL-2.0
/* Unit tests for print.c: the exact text and JSON output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <cmocka.h>

#include <linux/vnetfab.h>

#include "print.h"

/* output captured in memory */
struct cap {
	FILE *f;
	char *buf;
	size_t len;
};

static FILE *cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	return c->f;
}

/* compares what was written with @want, and frees it */
static void cap_check(struct cap *c, const char *want)
{
	assert_int_equal(fclose(c->f), 0);
	assert_string_equal(c->buf, want);
	free(c->buf);
}

static struct vf_addr addr(const char *s)
{
	struct vf_addr a;

	assert_int_equal(args_parse_addr(s, "remote", &a, NULL, 0), 0);
	return a;
}

static void test_stats(void **state)
{
	struct vnetfab_segment seg = {
		.has = SEG_IFNAME | SEG_ID,
		.ifname = "fab0",
		.id = 100,
		.encap = VNETFAB_ENCAP_UDP,
		.stats_has = (1u << SEG_ST_N) - 1,
		.stats = { 1, 100, 2, 200, 0, 7, 0, 0, 0, 0 },
	};
	struct vnetfab_peer p[2] = {
		{
			.has = PEER_ADDR | PEER_STATS | PEER_LAST_RX,
			.addr = addr("192.0.2.2"),
			.last_rx_ms = 12,
			.stats_has = (1u << PEER_ST_N) - 1,
			.stats = { 10, 1000, 20, 2000, 1 },
		},
		{
			.has = PEER_ADDR | PEER_STATS,
			.addr = addr("2001:db8::3"),
			.stats_has = (1u << PEER_ST_N) - 1,
			.stats = { 5, 500, 0, 0, 0 },
		},
	};
	struct cap c;

	(void)state;
	print_stats_json(cap_open(&c), &seg, p, 2);
	cap_check(&c, "{\"dev\":\"fab0\",\"id\":100,\"encap\":\"udp\","
		  "\"host\":{\"to_packets\":1,\"to_bytes\":100,"
		  "\"from_packets\":2,\"from_bytes\":200,\"dropped\":0},"
		  "\"peers\":[{\"remote\":\"192.0.2.2\",\"to_packets\":10,"
		  "\"to_bytes\":1000,\"from_packets\":20,\"from_bytes\":2000,"
		  "\"dropped\":1,\"last_rx_ms\":12},"
		  "{\"remote\":\"2001:db8::3\",\"to_packets\":5,"
		  "\"to_bytes\":500,\"from_packets\":0,\"from_bytes\":0,"
		  "\"dropped\":0}],"
		  "\"drops\":{\"rx_unknown_peer\":7,\"rx_invalid\":0,"
		  "\"learn_limit\":0,\"tx_errors\":0,\"too_big\":0}}\n");

	print_stats_text(cap_open(&c), &seg, p, 2);
	assert_int_equal(fclose(c.f), 0);
	assert_non_null(strstr(c.buf, "fab0: segment 100 (udp), 2 peers\n"));
	assert_non_null(strstr(c.buf, "peer 192.0.2.2"));
	assert_non_null(strstr(c.buf, "12 ms ago"));
	assert_non_null(strstr(c.buf, "never"));
	/* the total row sums the peers: 15 frames to them, 3000 bytes from */
	assert_non_null(strstr(c.buf, "all peers"));
	assert_non_null(strstr(c.buf, "15           1500           20           2000        1"));
	assert_non_null(strstr(c.buf, "rx_unknown_peer 7"));
	free(c.buf);
}

static void test_addr_mac(void **state)
{
	static const uint8_t mac[VF_MACLEN] = { 0x02, 0xab, 0, 0xcd, 0xef, 1 };
	struct vf_addr a = addr("2001:db8::1");
	char buf[PRINT_ADDRLEN], mb[18];

	(void)state;
	assert_string_equal(print_addr(&a, buf, sizeof(buf)), "2001:db8::1");
	a = addr("192.0.2.2");
	assert_string_equal(print_addr(&a, buf, sizeof(buf)), "192.0.2.2");
	a.family = AF_UNSPEC;
	assert_string_equal(print_addr(&a, buf, sizeof(buf)), "?");
	assert_string_equal(print_mac(mac, mb, sizeof(mb)), "02:ab:00:cd:ef:01");
}

static struct vnetfab_segment full_segment(void)
{
	struct vnetfab_segment s = {
		.has = SEG_IFINDEX | SEG_IFNAME | SEG_ID | SEG_ENCAP | SEG_MTU |
		       SEG_UP | SEG_STATS | SEG_DSTPORT | SEG_N_PORTS |
		       SEG_N_PEERS | SEG_N_ADDRS,
		.ifindex = 7, .ifname = "fab0", .id = 100,
		.encap = VNETFAB_ENCAP_UDP, .mtu = 1450, .up = true,
		.stats_has = (1u << SEG_ST_N) - 1,
		.stats = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 },
		.dstport = 4789, .n_ports = 2, .n_peers = 3, .n_addrs = 4,
	};
	return s;
}

static void test_segments(void **state)
{
	struct vnetfab_segment s[2];
	struct cap c;

	(void)state;
	s[0] = full_segment();
	/* a module without the new fields and counters */
	s[1] = full_segment();
	s[1].has &= ~(SEG_DSTPORT | SEG_N_PORTS | SEG_N_PEERS | SEG_N_ADDRS |
		      SEG_UP);
	s[1].stats_has = (1u << SEG_ST_DROPS_FIRST) - 1;
	snprintf(s[1].ifname, sizeof(s[1].ifname), "fab1");
	s[1].encap = 7;

	print_segments_text(cap_open(&c), s, 2);
	cap_check(&c,
		  "fab0: id 100 encap udp mtu 1450 up dstport 4789 ports 2 peers 3 addrs 4\n"
		  "    rx 1 packets 2 bytes  tx 3 packets 4 bytes 5 dropped\n"
		  "    drops: unknown-peer 6 invalid 7 learn-limit 8 tx-errors 9 too-big 10\n"
		  "fab1: id 100 encap unknown(7) mtu 1450\n"
		  "    rx 1 packets 2 bytes  tx 3 packets 4 bytes 5 dropped\n");

	/* one drop counter present: the line, with "-" for the others */
	s[0].stats_has &= ~(1u << SEG_ST_TOO_BIG | 1u << SEG_ST_RX_INVALID);
	print_segments_text(cap_open(&c), s, 1);
	cap_check(&c,
		  "fab0: id 100 encap udp mtu 1450 up dstport 4789 ports 2 peers 3 addrs 4\n"
		  "    rx 1 packets 2 bytes  tx 3 packets 4 bytes 5 dropped\n"
		  "    drops: unknown-peer 6 invalid - learn-limit 8 tx-errors 9 too-big -\n");

	s[0] = full_segment();
	print_segments_json(cap_open(&c), s, 2);
	cap_check(&c,
		  "[{\"ifindex\":7,\"ifname\":\"fab0\",\"id\":100,\"encap\":\"udp\","
		  "\"mtu\":1450,\"up\":true,\"dstport\":4789,\"n_ports\":2,"
		  "\"n_peers\":3,\"n_addrs\":4,\"stats\":{\"rx_packets\":1,"
		  "\"rx_bytes\":2,\"tx_packets\":3,\"tx_bytes\":4,\"tx_dropped\":5,"
		  "\"rx_unknown_peer\":6,\"rx_invalid\":7,\"learn_limit\":8,"
		  "\"tx_errors\":9,\"too_big\":10}},"
		  "{\"ifindex\":7,\"ifname\":\"fab1\",\"id\":100,"
		  "\"encap\":\"unknown(7)\",\"mtu\":1450,\"stats\":{"
		  "\"rx_packets\":1,\"rx_bytes\":2,\"tx_packets\":3,"
		  "\"tx_bytes\":4,\"tx_dropped\":5}}]\n");

	print_segments_json(cap_open(&c), s, 0);
	cap_check(&c, "[]\n");
}

static void test_peers(void **state)
{
	struct vnetfab_peer p[3] = {
		{
			.has = PEER_ADDR | PEER_DSTPORT | PEER_STATS |
			       PEER_LAST_RX,
			.addr = addr("192.0.2.2"), .dstport = 4789,
			.last_rx_ms = 120,
			.stats_has = (1u << PEER_ST_N) - 1,
			.stats = { 10, 1500, 9, 1400, 0 },
		},
		{
			/* never heard from */
			.has = PEER_ADDR | PEER_DSTPORT | PEER_STATS,
			.addr = addr("2001:db8::2"), .dstport = 8472,
			.stats_has = ((1u << PEER_ST_N) - 1) &
				     ~(1u << PEER_ST_TX_DROPPED),
			.stats = { 1, 2, 3, 4, 5 },
		},
		{
			/* the kernel sent nothing we know */
			.has = 0,
		},
	};
	struct cap c;

	(void)state;
	print_peers_text(cap_open(&c), p, 3);
	cap_check(&c,
		  "192.0.2.2 dstport 4789  tx 10 pkts 1500 bytes  rx 9 pkts 1400 bytes  dropped 0  last rx 120 ms\n"
		  "2001:db8::2 dstport 8472  tx 1 pkts 2 bytes  rx 3 pkts 4 bytes  dropped -\n"
		  "?\n");

	print_peers_json(cap_open(&c), p, 3);
	cap_check(&c,
		  "[{\"remote\":\"192.0.2.2\",\"dstport\":4789,\"stats\":{"
		  "\"tx_packets\":10,\"tx_bytes\":1500,\"rx_packets\":9,"
		  "\"rx_bytes\":1400,\"tx_dropped\":0},\"last_rx_ms\":120},"
		  "{\"remote\":\"2001:db8::2\",\"dstport\":8472,\"stats\":{"
		  "\"tx_packets\":1,\"tx_bytes\":2,\"rx_packets\":3,"
		  "\"rx_bytes\":4}},{}]\n");

	print_peers_text(cap_open(&c), p, 0);
	cap_check(&c, "");
	print_peers_json(cap_open(&c), p, 0);
	cap_check(&c, "[]\n");
}

static void test_fdb(void **state)
{
	unsigned int lo = if_nametoindex("lo");
	struct vnetfab_fdb f[4] = {
		{
			.has = FDB_MAC | FDB_PORT | FDB_AGE,
			.mac = { 2, 0, 0, 0, 0, 1 },
			.port_ifindex = lo, .age_ms = 1200,
		},
		{
			.has = FDB_MAC | FDB_PEER | FDB_STATIC,
			.mac = { 2, 0, 0, 0, 0, 2 },
			.peer = { .has = PEER_ADDR, .addr = addr("192.0.2.2") },
		},
		{
			.has = FDB_MAC | FDB_LOCAL | FDB_STATIC,
			.mac = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff },
		},
		{
			/* a port this namespace has no name for */
			.has = FDB_MAC | FDB_PORT,
			.mac = { 2, 0, 0, 0, 0, 4 },
			.port_ifindex = 0x7ffffff0,
		},
	};
	struct cap c;

	(void)state;
	assert_true(lo > 0);
	print_fdb_text(cap_open(&c), f, 4);
	cap_check(&c,
		  "02:00:00:00:00:01 port lo age 1200 ms\n"
		  "02:00:00:00:00:02 remote 192.0.2.2 static\n"
		  "aa:bb:cc:dd:ee:ff local static\n"
		  "02:00:00:00:00:04 port 2147483632\n");

	print_fdb_json(cap_open(&c), f, 4);
	{
		char want[512];

		snprintf(want, sizeof(want),
			 "[{\"mac\":\"02:00:00:00:00:01\",\"port\":\"lo\","
			 "\"port_ifindex\":%u,\"static\":false,\"age_ms\":1200},"
			 "{\"mac\":\"02:00:00:00:00:02\",\"remote\":\"192.0.2.2\","
			 "\"static\":true},"
			 "{\"mac\":\"aa:bb:cc:dd:ee:ff\",\"local\":true,"
			 "\"static\":true},"
			 "{\"mac\":\"02:00:00:00:00:04\",\"port\":\"2147483632\","
			 "\"port_ifindex\":2147483632,\"static\":false}]\n", lo);
		cap_check(&c, want);
	}

	/* a remote IPv6 peer with its port; an entry without MAC */
	f[0].has = FDB_MAC | FDB_PEER | FDB_AGE;
	f[0].peer.has = PEER_ADDR | PEER_DSTPORT;
	f[0].peer.addr = addr("2001:db8::1");
	f[0].peer.dstport = 4790;
	f[1].has = FDB_PEER;
	f[1].peer.has = 0;
	print_fdb_text(cap_open(&c), f, 2);
	cap_check(&c,
		  "02:00:00:00:00:01 remote 2001:db8::1 dstport 4790 age 1200 ms\n"
		  "? remote ?\n");
	print_fdb_json(cap_open(&c), f, 2);
	cap_check(&c,
		  "[{\"mac\":\"02:00:00:00:00:01\",\"remote\":\"2001:db8::1\","
		  "\"dstport\":4790,\"static\":false,\"age_ms\":1200},"
		  "{\"static\":false}]\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addr_mac),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_peers),
		cmocka_unit_test(test_fdb),
		cmocka_unit_test(test_stats),
	};

	return cmocka_run_group_tests_name("print", tests, NULL, NULL);
}
