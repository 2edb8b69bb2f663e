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
#include "tests/helpers.h"

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
			/* a module without liveness */
			.stats_has = (1u << PEER_ST_TX_PEER_DOWN) - 1,
			.stats = { 5, 500, 0, 0, 0 },
		},
	};
	struct cap c;

	(void)state;
	print_stats_json(cap_open(&c), &seg, p, 2);
	cap_check(&c, "{\"ifname\":\"fab0\",\"id\":100,\"encap\":\"udp\","
		  "\"host\":{\"rx_packets\":1,\"rx_bytes\":100,"
		  "\"tx_packets\":2,\"tx_bytes\":200,\"tx_dropped\":0},"
		  "\"peers\":[{\"remote\":\"192.0.2.2\",\"tx_packets\":10,"
		  "\"tx_bytes\":1000,\"rx_packets\":20,\"rx_bytes\":2000,"
		  "\"tx_dropped\":1,\"tx_peer_down\":0,\"last_rx_ms\":12},"
		  "{\"remote\":\"2001:db8::3\",\"tx_packets\":5,"
		  "\"tx_bytes\":500,\"rx_packets\":0,\"rx_bytes\":0,"
		  "\"tx_dropped\":0}],"
		  "\"drops\":{\"rx_unknown_peer\":7,\"rx_invalid\":0,"
		  "\"learn_limit\":0,\"tx_errors\":0,\"too_big\":0,\"port_locked\":0,\"mac_move_denied\":0,\"storm\":0}}\n");

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
		.stats = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 },
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
		  "    tenants: locked 11 move-denied 12 storm 13\n"
		  "fab1: id 100 encap unknown(7) mtu 1450\n"
		  "    rx 1 packets 2 bytes  tx 3 packets 4 bytes 5 dropped\n");

	/* one drop counter present: the line, with "-" for the others */
	s[0].stats_has &= ~(1u << SEG_ST_TOO_BIG | 1u << SEG_ST_RX_INVALID);
	print_segments_text(cap_open(&c), s, 1);
	cap_check(&c,
		  "fab0: id 100 encap udp mtu 1450 up dstport 4789 ports 2 peers 3 addrs 4\n"
		  "    rx 1 packets 2 bytes  tx 3 packets 4 bytes 5 dropped\n"
		  "    drops: unknown-peer 6 invalid - learn-limit 8 tx-errors 9 too-big -\n"
		  "    tenants: locked 11 move-denied 12 storm 13\n");

	s[0] = full_segment();
	print_segments_json(cap_open(&c), s, 2);
	cap_check(&c,
		  "[{\"ifindex\":7,\"ifname\":\"fab0\",\"id\":100,\"encap\":\"udp\","
		  "\"mtu\":1450,\"up\":true,\"dstport\":4789,\"n_ports\":2,"
		  "\"n_peers\":3,\"n_addrs\":4,\"stats\":{\"rx_packets\":1,"
		  "\"rx_bytes\":2,\"tx_packets\":3,\"tx_bytes\":4,\"tx_dropped\":5,"
		  "\"rx_unknown_peer\":6,\"rx_invalid\":7,\"learn_limit\":8,"
		  "\"tx_errors\":9,\"too_big\":10,\"port_locked\":11,"
		  "\"mac_move_denied\":12,\"storm\":13}},"
		  "{\"ifindex\":7,\"ifname\":\"fab1\",\"id\":100,"
		  "\"encap\":\"unknown(7)\",\"mtu\":1450,\"stats\":{"
		  "\"rx_packets\":1,\"rx_bytes\":2,\"tx_packets\":3,"
		  "\"tx_bytes\":4,\"tx_dropped\":5}}]\n");

	print_segments_json(cap_open(&c), s, 0);
	cap_check(&c, "[]\n");
}

/* the settings line and keys; each is left out when not sent */
static void test_segment_settings(void **state)
{
	struct vnetfab_segment s[2] = {
		{
			.has = SEG_IFNAME | SEG_ID | SEG_TTL | SEG_TOS |
			       SEG_DF | SEG_AGEING | SEG_LEARNING |
			       SEG_MAX_ADDRS | SEG_LOCAL | SEG_LINK,
			.ifname = "fab0", .id = 100,
			.ttl = 16, .tos = 0x10, .df = VNETFAB_DF_SET,
			.ageing = 120, .learning = false, .max_addrs = 1000,
			.local = addr("192.0.2.1"),
			.link = 1,	/* lo, in every network namespace */
		},
		{
			/* no such device here; a df this build cannot name */
			.has = SEG_IFNAME | SEG_TOS | SEG_DF | SEG_LEARNING |
			       SEG_LOCAL | SEG_LINK,
			.ifname = "fab1",
			.tos = VF_TOS_INHERIT, .df = 7, .learning = true,
			.local = addr("2001:db8::1"),
			.link = 4000000000u,
		},
	};
	struct cap c;

	(void)state;
	print_segments_text(cap_open(&c), s, 2);
	cap_check(&c,
		  "fab0: id 100\n"
		  "    local 192.0.2.1 dev lo ttl 16 tos 0x10 df set ageing 120 nolearning maxaddr 1000\n"
		  "fab1:\n"
		  "    local 2001:db8::1 dev if4000000000 tos inherit df 7 learning\n");

	print_segments_json(cap_open(&c), s, 2);
	cap_check(&c,
		  "[{\"ifname\":\"fab0\",\"id\":100,\"local\":\"192.0.2.1\","
		  "\"link\":\"lo\",\"ttl\":16,\"tos\":16,\"df\":\"set\","
		  "\"ageing\":120,\"learning\":false,\"limit\":1000},"
		  "{\"ifname\":\"fab1\",\"local6\":\"2001:db8::1\","
		  "\"link\":\"if4000000000\",\"tos\":\"inherit\",\"df\":7,"
		  "\"learning\":true}]\n");

	/* tos 0 as ip writes it; df inherit */
	s[0].has = SEG_IFNAME | SEG_TOS | SEG_DF;
	s[0].tos = 0;
	s[0].df = VNETFAB_DF_INHERIT;
	print_segments_text(cap_open(&c), s, 1);
	cap_check(&c, "fab0:\n    tos 0 df inherit\n");
	print_segments_json(cap_open(&c), s, 1);
	cap_check(&c, "[{\"ifname\":\"fab0\",\"tos\":0,\"df\":\"inherit\"}]\n");
}

static void test_peers(void **state)
{
	struct vnetfab_peer p[3] = {
		{
			.has = PEER_ADDR | PEER_DSTPORT | PEER_STATS |
			       PEER_LAST_RX,
			.addr = addr("192.0.2.2"), .dstport = 4789,
			.last_rx_ms = 120,
			/* a module without liveness */
			.stats_has = (1u << PEER_ST_TX_PEER_DOWN) - 1,
			.stats = { 10, 1500, 9, 1400, 0 },
		},
		{
			/* never heard from */
			.has = PEER_ADDR | PEER_DSTPORT | PEER_STATS,
			.addr = addr("2001:db8::2"), .dstport = 8472,
			.stats_has = ((1u << PEER_ST_TX_PEER_DOWN) - 1) &
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

/* a module with liveness, before underlay paths */
#define ST_BEFORE_PATHS	(((1u << PEER_ST_N) - 1) & ~(1u << PEER_ST_PATH_CHANGES))

/* liveness: state, its age, an own interval, the probe counters */
static void test_peers_liveness(void **state)
{
	struct vnetfab_peer p[3] = {
		{
			.has = PEER_ADDR | PEER_STATS | PEER_STATE |
			       PEER_STATE_MS | PEER_LAST_RX,
			.addr = addr("192.0.2.2"), .last_rx_ms = 20,
			.state = VNETFAB_PEER_UP, .state_ms = 5000,
			.stats_has = ST_BEFORE_PATHS,
			.stats = { 1, 2, 3, 4, 0, 0, 12, 11, 10, 2 },
		},
		{
			/* never probed: interval 0 of its own */
			.has = PEER_ADDR | PEER_STATS | PEER_STATE |
			       PEER_STATE_MS | PEER_PROBE,
			.addr = addr("192.0.2.3"), .probe = 0,
			.state = VNETFAB_PEER_UNPROBED, .state_ms = 70,
			.stats_has = ST_BEFORE_PATHS,
			.stats = { 0 },
		},
		{
			/* down, with an interval of its own; a state unknown
			 * to this build is shown by number */
			.has = PEER_ADDR | PEER_STATE | PEER_PROBE,
			.addr = addr("2001:db8::2"), .probe = 500,
			.state = VNETFAB_PEER_DOWN,
		},
	};
	struct cap c;

	(void)state;
	print_peers_text(cap_open(&c), p, 3);
	cap_check(&c,
		  "192.0.2.2  tx 1 pkts 2 bytes  rx 3 pkts 4 bytes  dropped 0  last rx 20 ms  state up for 5000 ms  probes sent 12 answered 11 received 10  state-changes 2  tx-peer-down 0\n"
		  "192.0.2.3  tx 0 pkts 0 bytes  rx 0 pkts 0 bytes  dropped 0  state unprobed for 70 ms  probe off  probes sent 0 answered 0 received 0  state-changes 0  tx-peer-down 0\n"
		  "2001:db8::2  state down  probe 500\n");

	print_peers_json(cap_open(&c), p, 3);
	cap_check(&c,
		  "[{\"remote\":\"192.0.2.2\",\"stats\":{\"tx_packets\":1,"
		  "\"tx_bytes\":2,\"rx_packets\":3,\"rx_bytes\":4,"
		  "\"tx_dropped\":0,\"tx_peer_down\":0,\"probes_sent\":12,"
		  "\"probes_answered\":11,\"probes_received\":10,"
		  "\"state_changes\":2,\"rx_storm\":0},\"last_rx_ms\":20,\"state\":\"up\","
		  "\"state_ms\":5000},"
		  "{\"remote\":\"192.0.2.3\",\"stats\":{\"tx_packets\":0,"
		  "\"tx_bytes\":0,\"rx_packets\":0,\"rx_bytes\":0,"
		  "\"tx_dropped\":0,\"tx_peer_down\":0,\"probes_sent\":0,"
		  "\"probes_answered\":0,\"probes_received\":0,"
		  "\"state_changes\":0,\"rx_storm\":0},\"state\":\"unprobed\","
		  "\"state_ms\":70,\"probe\":0},"
		  "{\"remote\":\"2001:db8::2\",\"state\":\"down\","
		  "\"probe\":500}]\n");

	p[0].state = 9;
	p[0].has = PEER_ADDR | PEER_STATE;
	print_peers_text(cap_open(&c), p, 1);
	cap_check(&c, "192.0.2.2  state state(9)\n");
}

/* monitor: liveness events with their reason and the peer's state */
static void test_events_liveness(void **state)
{
	struct vnetfab_event_msg ev = {
		.event = VNETFAB_EVENT_PEER_DOWN, .ifindex = 7, .id = 100,
		.ifname = "fab0", .has_peer = true, .has_reason = true,
		.reason = VNETFAB_REASON_TIMEOUT,
		.peer = {
			.has = PEER_ADDR | PEER_STATE | PEER_STATE_MS,
			.addr = addr("192.0.2.2"),
			.state = VNETFAB_PEER_DOWN,
		},
	};
	struct cap c;

	(void)state;
	assert_string_equal(print_event_name(VNETFAB_EVENT_PEER_UP), "peer_up");
	assert_string_equal(print_event_name(VNETFAB_EVENT_PEER_DOWN), "peer_down");
	print_event_text(cap_open(&c), &ev);
	cap_check(&c, "fab0 peer_down remote 192.0.2.2 state down reason timeout\n");
	print_event_json(cap_open(&c), &ev);
	cap_check(&c, "{\"event\":\"peer_down\",\"ifname\":\"fab0\",\"ifindex\":7,"
		  "\"id\":100,\"remote\":\"192.0.2.2\",\"state\":\"down\","
		  "\"state_ms\":0,\"reason\":\"timeout\"}\n");

	ev.event = VNETFAB_EVENT_PEER_UP;
	ev.reason = VNETFAB_REASON_UNREACHABLE + 1;
	ev.peer.has = PEER_ADDR | PEER_STATE | PEER_PROBE;
	ev.peer.state = VNETFAB_PEER_UP;
	ev.peer.probe = 250;
	print_event_text(cap_open(&c), &ev);
	cap_check(&c, "fab0 peer_up remote 192.0.2.2 probe 250 state up reason reason(7)\n");
	ev.reason = VNETFAB_REASON_HEARS;
	print_event_json(cap_open(&c), &ev);
	cap_check(&c, "{\"event\":\"peer_up\",\"ifname\":\"fab0\",\"ifindex\":7,"
		  "\"id\":100,\"remote\":\"192.0.2.2\",\"state\":\"up\","
		  "\"probe\":250,\"reason\":\"hears\"}\n");
	ev.reason = VNETFAB_REASON_REPLY;
	print_event_text(cap_open(&c), &ev);
	cap_check(&c, "fab0 peer_up remote 192.0.2.2 probe 250 state up reason reply\n");
	ev.reason = VNETFAB_REASON_NOT_HEARD;
	ev.event = VNETFAB_EVENT_PEER_DOWN;
	ev.peer.has = PEER_ADDR;
	print_event_text(cap_open(&c), &ev);
	cap_check(&c, "fab0 peer_down remote 192.0.2.2 reason not_heard\n");
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
		cmocka_unit_test(test_segment_settings),
		cmocka_unit_test(test_peers),
		cmocka_unit_test(test_peers_liveness),
		cmocka_unit_test(test_events_liveness),
		cmocka_unit_test(test_fdb),
		cmocka_unit_test(test_stats),
	};

	return cmocka_run_group_tests_name("print", tests, NULL, NULL);
}
