// SPDX-License-Identifier: GPL-2.0
/*
 * json_samples DIR: the JSON of every printer of a read command, for
 * made-up state with every key each can print, written to DIR/COMMAND.json
 * (show, peer_list, fdb_show, stats, port_show, monitor, graph), for
 * scripts/json-validate.py to check against the documented schema
 * (Documentation/vnetfabctl.schema.json). share show reads tc's dumps
 * itself: selftests/json_schema.sh checks it in a guest.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/vnetfab.h>

#include "graph.h"
#include "port.h"
#include "print.h"

static struct vf_addr addr(const char *s)
{
	struct vf_addr a = { 0 };

	if (inet_pton(AF_INET, s, &a.v4) == 1) {
		a.family = AF_INET;
	} else if (inet_pton(AF_INET6, s, &a.v6) == 1) {
		a.family = AF_INET6;
	} else {
		fprintf(stderr, "json_samples: bad address %s\n", s);
		exit(1);
	}
	return a;
}

static FILE *out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.json", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static int done(FILE *f, int ret)
{
	return fclose(f) || ret ? 1 : 0;
}

static int show(const char *dir)
{
	const unsigned int settings = SEG_TTL | SEG_TOS | SEG_DF | SEG_AGEING |
				      SEG_LEARNING | SEG_MAX_ADDRS | SEG_LOCAL;
	struct vnetfab_segment s[3] = {
		{
			.has = SEG_IFINDEX | SEG_IFNAME | SEG_ID | SEG_ENCAP |
			       SEG_MTU | SEG_UP | SEG_STATS | SEG_DSTPORT |
			       SEG_N_PORTS | SEG_N_PEERS | SEG_N_ADDRS |
			       settings | SEG_LINK,
			.ifindex = 7, .ifname = "fab0", .id = 100,
			.encap = VNETFAB_ENCAP_UDP, .mtu = 1450, .up = true,
			.stats_has = (1u << SEG_ST_N) - 1,
			.stats = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 },
			.dstport = 4789, .n_ports = 2, .n_peers = 3,
			.n_addrs = 4, .ttl = 16, .tos = 0x10,
			.df = VNETFAB_DF_SET, .ageing = 120, .learning = false,
			.max_addrs = 1000, .local.family = AF_INET,
			.local.v4.s_addr = htonl(0xc0000201), .link = 1,
		},
		{
			/* IPv6 underlay: "local6", TOS and DF inherited */
			.has = SEG_IFINDEX | SEG_IFNAME | SEG_ID | SEG_ENCAP |
			       SEG_MTU | settings,
			.ifindex = 9, .ifname = "fab6", .id = 600,
			.encap = VNETFAB_ENCAP_UDP, .mtu = 1430, .ttl = 0,
			.tos = VF_TOS_INHERIT, .df = VNETFAB_DF_INHERIT,
			.ageing = 300, .learning = true, .max_addrs = 0,
			.local.family = AF_INET6,
			.local.v6.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
		},
		{
			/* an older module: fewer fields and counters */
			.has = SEG_IFINDEX | SEG_IFNAME | SEG_ID | SEG_ENCAP |
			       SEG_MTU | SEG_STATS,
			.ifindex = 8, .ifname = "fab1", .id = 200,
			.encap = VNETFAB_ENCAP_GRE, .mtu = 1462,
			.stats_has = (1u << SEG_ST_DROPS_FIRST) - 1,
		},
	};
	FILE *f = out(dir, "show");

	return done(f, print_segments_json(f, s, 3));
}

static int peer_list(const char *dir)
{
	struct vnetfab_peer p[3] = {
		{
			.has = PEER_ADDR | PEER_LOCAL | PEER_DSTPORT |
			       PEER_STATS | PEER_LAST_RX | PEER_STATE |
			       PEER_STATE_MS | PEER_PROBE | PEER_ACTIVE_PATH,
			.addr = addr("192.0.2.2"), .local = addr("192.0.2.1"),
			.dstport = 4789, .last_rx_ms = 20, .probe = 500,
			.state = VNETFAB_PEER_UP, .state_ms = 5000,
			.active_path = 1,
			.stats_has = (1u << PEER_ST_N) - 1,
			.stats = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 },
			.n_paths = 2,
			.paths = {
				{
					.has = PATH_ADDR | PATH_LOCAL |
					       PATH_INDEX | PATH_STATE,
					.addr = addr("192.0.2.2"),
					.local = addr("192.0.2.1"),
					.index = 0, .state = VNETFAB_PEER_DOWN,
					.v_has = (1u << PATH_V_N) - 1,
					.v = { 100, 101, 102, 103, 104 },
				},
				{
					.has = PATH_ADDR | PATH_INDEX |
					       PATH_STATE,
					.addr = addr("198.51.100.2"),
					.index = 1, .state = VNETFAB_PEER_UP,
					.v_has = (1u << PATH_V_N) - 1 -
						 (1u << PATH_V_LAST_RX_MS),
					.v = { 200, 0, 202, 203, 204 },
				},
			},
		},
		{
			.has = PEER_ADDR | PEER_STATE,
			.addr = addr("2001:db8::2"),
			.state = VNETFAB_PEER_UNPROBED,
		},
		{
			/* a state this build does not know */
			.has = PEER_ADDR | PEER_STATE,
			.addr = addr("192.0.2.3"), .state = 9,
		},
	};
	FILE *f = out(dir, "peer_list");

	return done(f, print_peers_json(f, p, 3));
}

static int fdb_show(const char *dir)
{
	struct vnetfab_fdb e[4] = {
		{
			.has = FDB_MAC | FDB_PORT | FDB_AGE,
			.mac = { 2, 0, 0, 0, 0, 1 },
			/* no such device: its ifindex as its name */
			.port_ifindex = 0x7ffffff0, .age_ms = 1200,
		},
		{
			.has = FDB_MAC | FDB_PEER | FDB_STATIC | FDB_STICKY,
			.mac = { 2, 0, 0, 0, 0, 2 },
			.peer = { .has = PEER_ADDR | PEER_DSTPORT,
				  .addr = addr("2001:db8::1"), .dstport = 4790 },
		},
		{
			.has = FDB_MAC | FDB_LOCAL | FDB_STATIC,
			.mac = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff },
		},
		{
			.has = FDB_MAC | FDB_PEER | FDB_AGE,
			.mac = { 2, 0, 0, 0, 0, 4 },
			.peer = { .has = PEER_ADDR, .addr = addr("192.0.2.2") },
		},
	};
	FILE *f = out(dir, "fdb_show");

	return done(f, print_fdb_json(f, e, 4));
}

static int stats(const char *dir)
{
	struct vnetfab_segment s = {
		.has = SEG_IFNAME | SEG_ID | SEG_ENCAP,
		.ifname = "fab0", .id = 100, .encap = VNETFAB_ENCAP_UDP,
		.stats_has = (1u << SEG_ST_N) - 1,
		.stats = { 1, 100, 2, 200, 0, 7 },
	};
	struct vnetfab_peer p[2] = {
		{
			.has = PEER_ADDR | PEER_STATS | PEER_LAST_RX,
			.addr = addr("192.0.2.2"), .last_rx_ms = 12,
			.stats_has = (1u << PEER_ST_N) - 1,
			.stats = { 10, 1000, 20, 2000, 1, 0 },
		},
		{
			.has = PEER_ADDR | PEER_STATS,
			.addr = addr("2001:db8::3"),
			.stats_has = (1u << PEER_ST_TX_PEER_DOWN) - 1,
			.stats = { 5, 500 },
		},
	};
	FILE *f = out(dir, "stats");

	return done(f, print_stats_json(f, &s, p, 2));
}

static int port_show(const char *dir)
{
	struct vf_port v[2] = {
		{
			.has = PORT_LOCKED | PORT_MAX_MACS | PORT_STORM |
			       PORT_STORM_BURST | PORT_N_MACS | PORT_STATS,
			.ifindex = 9, .ifname = "vm1", .master = 7,
			.segment = "fab0", .locked = true, .max_macs = 2,
			.storm = 100, .storm_burst = 10, .n_macs = 1,
			.stats = { 50, 3, 7 },
		},
		{
			.ifindex = 10, .ifname = "vm2", .master = 7,
			.segment = "fab0",
		},
	};
	FILE *f = out(dir, "port_show");

	return done(f, vf_port_print_json(f, v, 2));
}

static int monitor(const char *dir)
{
	struct vnetfab_event_msg ev[5] = {
		{
			.event = VNETFAB_EVENT_PEER_ADDED, .ifindex = 7,
			.id = 100, .ifname = "fab0", .has_peer = true,
			.peer = { .has = PEER_ADDR | PEER_DSTPORT | PEER_PROBE,
				  .addr = addr("192.0.2.2"), .dstport = 4789,
				  .probe = 100 },
		},
		{
			.event = VNETFAB_EVENT_PEER_DOWN, .ifindex = 7,
			.id = 100, .ifname = "fab0", .has_peer = true,
			.has_reason = true, .reason = VNETFAB_REASON_TIMEOUT,
			.peer = { .has = PEER_ADDR | PEER_STATE | PEER_STATE_MS,
				  .addr = addr("192.0.2.2"),
				  .state = VNETFAB_PEER_DOWN, .state_ms = 3 },
		},
		{
			.event = VNETFAB_EVENT_PATH_ACTIVE, .ifindex = 7,
			.id = 100, .ifname = "fab0", .has_peer = true,
			.has_reason = true, .has_path = true, .path = 0,
			.reason = VNETFAB_REASON_HOLD_DOWN,
			.peer = { .has = PEER_ADDR | PEER_STATE,
				  .addr = addr("2001:db8::2"),
				  .state = VNETFAB_PEER_UP },
		},
		{
			.event = VNETFAB_EVENT_FDB_LEARNED, .ifindex = 7,
			.id = 100, .ifname = "fab0", .has_fdb = true,
			.fdb = { .has = FDB_MAC | FDB_PEER,
				 .mac = { 2, 0, 0, 0, 2, 1 },
				 .peer = { .has = PEER_ADDR | PEER_DSTPORT,
					   .addr = addr("192.0.2.2"),
					   .dstport = 4789 } },
		},
		{
			.event = VNETFAB_EVENT_PORT_VIOLATION, .ifindex = 7,
			.id = 100, .ifname = "fab0", .has_fdb = true,
			.fdb = { .has = FDB_MAC | FDB_PORT | FDB_STATIC,
				 .mac = { 2, 0, 0, 0, 1, 1 },
				 .port_ifindex = 0x7ffffff0 },
		},
	};
	FILE *f = out(dir, "monitor");
	int ret = 0;
	size_t i;

	for (i = 0; i < sizeof(ev) / sizeof(ev[0]); i++)
		ret |= print_event_json(f, &ev[i]);
	return done(f, ret);
}

static int graph(const char *dir)
{
	char addrs[2][GRAPH_ADDRLEN] = { "192.0.2.1", "2001:db8::1" };
	char ports[2][IFNAMSIZ] = { "vm1", "vm2" };
	struct graph_peer peers[2] = {
		{ .remote = "192.0.2.2", .tx_packets = 1, .tx_bytes = 100,
		  .rx_packets = 2, .rx_bytes = 200, .state = "up" },
		{ .remote = "192.0.2.3" },
	};
	struct graph_seg segs[2] = {
		{ .ifname = "fab0", .id = 100, .encap = "udp",
		  .local = "192.0.2.1", .ports = ports, .n_ports = 2,
		  .peers = peers, .n_peers = 2 },
		{ .ifname = "fab1", .id = 200, .encap = "gre" },
	};
	struct graph_host h = {
		.name = "h1", .addrs = addrs, .n_addrs = 2, .segs = segs,
		.n_segs = 2,
	};
	FILE *f = out(dir, "graph");

	return done(f, graph_write_json(f, &h));
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	return show(dir) | peer_list(dir) | fdb_show(dir) | stats(dir) |
	       port_show(dir) | monitor(dir) | graph(dir);
}
