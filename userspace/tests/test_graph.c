// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for graph.c: its arguments, a host's view to JSON and back,
 * the refusal of bad views, the DOT of a fabricated three-host fabric
 * (tests/graph/h[123].json: which peers become edges to which segments,
 * their labels, widths and styles), dot's SVG, and what this host's view
 * takes from the kernel's messages. Run from userspace/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include <linux/vnetfab.h>

#include "genl.h"
#include "graph.h"
#include "link.h"

/* ---- arguments ---- */

/* graph_parse_args() of the NULL-ended words @v (after "graph") */
static int gparse(struct graph_args *g, char **v, char *err, size_t errlen)
{
	int argc = 0;

	while (v[argc])
		argc++;
	err[0] = '\0';
	return graph_parse_args(argc, v, g, err, errlen);
}

#define WORDS(...) ((char *[]){ __VA_ARGS__, NULL })
#define GPARSE(...) gparse(&g, WORDS(__VA_ARGS__), err, sizeof(err))
#define GREFUSED(want, ...) do { \
		assert_int_equal(GPARSE(__VA_ARGS__), -1); \
		assert_string_equal(err, want); \
	} while (0)

static void test_args(void **state)
{
	struct graph_args g;
	char err[128];

	(void)state;
	assert_int_equal(gparse(&g, (char *[]){ NULL }, err, sizeof(err)), 0);
	assert_false(g.json);
	assert_null(g.svg);
	assert_int_equal(g.n_files, 0);
	assert_int_equal(GPARSE("--json"), 0);
	assert_true(g.json);
	assert_int_equal(GPARSE("--svg", "out.svg"), 0);
	assert_string_equal(g.svg, "out.svg");
	assert_int_equal(g.n_files, 0);
	/* files and options mixed: the files in order, "-" among them */
	assert_int_equal(GPARSE("a.json", "--svg", "f.svg", "b.json", "-"), 0);
	assert_string_equal(g.svg, "f.svg");
	assert_int_equal(g.n_files, 3);
	assert_string_equal(g.files[0], "a.json");
	assert_string_equal(g.files[1], "b.json");
	assert_string_equal(g.files[2], "-");

	GREFUSED("graph: '--svg' needs a file name (--svg FILE)", "--svg");
	GREFUSED("graph: '--svg' needs a file name (--svg FILE)", "--svg", "");
	GREFUSED("graph: '--svg' needs a file name (--svg FILE)", "--svg", "--json");
	GREFUSED("graph: '--svg' given twice", "--svg", "a", "--svg", "b");
	GREFUSED("graph: --json and --svg exclude each other", "--json", "--svg", "a");
	GREFUSED("graph: --json writes this host's view and reads no FILE",
		 "a.json", "--json");
	GREFUSED("graph: unknown option '--dot'", "--dot");
	GREFUSED("graph: unknown option '-n'", "-n", "h1");
	/* 32 bytes of it */
	GREFUSED("graph: unknown option '--aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'",
		 "--aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

/* ---- small pieces ---- */

static void test_units(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(graph_human_bytes(0, b, sizeof(b)), "0 B");
	assert_string_equal(graph_human_bytes(1023, b, sizeof(b)), "1023 B");
	assert_string_equal(graph_human_bytes(1024, b, sizeof(b)), "1.0 KiB");
	assert_string_equal(graph_human_bytes(1960, b, sizeof(b)), "1.9 KiB");
	assert_string_equal(graph_human_bytes(1048575, b, sizeof(b)), "1.0 MiB");
	assert_string_equal(graph_human_bytes(251403776, b, sizeof(b)), "239.8 MiB");
	assert_string_equal(graph_human_bytes(UINT64_MAX, b, sizeof(b)), "16.0 EiB");

	assert_true(graph_penwidth(0) == 1);
	assert_true(graph_penwidth(999) > 2.74 && graph_penwidth(999) < 2.76);
	assert_true(graph_penwidth(1000000) > graph_penwidth(999999));
	assert_true(graph_penwidth(100000000000ull) < 7.42);
	assert_true(graph_penwidth(1000000000000ull) == 8);
	assert_true(graph_penwidth(UINT64_MAX) == 8);
}

/* ---- JSON: out, in, and refused ---- */

static char *write_json(const struct graph_host *h)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(graph_write_json(f, h), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_json_roundtrip(void **state)
{
	struct graph_peer peers[2] = {
		{ .remote = "192.0.2.2", .tx_packets = 20, .tx_bytes = 1960,
		  .rx_packets = 21, .rx_bytes = UINT64_MAX, .state = "up" },
		{ .remote = "2001:db8::3" },
	};
	char ports[2][IFNAMSIZ] = { "vm1", "tap-web1" };
	char addrs[2][GRAPH_ADDRLEN] = { "192.0.2.1", "2001:db8::1" };
	struct graph_seg segs[2] = {
		{ .ifname = "fab100", .id = 100, .encap = "udp",
		  .ports = ports, .n_ports = 2, .peers = peers, .n_peers = 2 },
		{ .ifname = "fab200", .id = 16777215, .encap = "gre",
		  .local = "192.0.2.1" },
	};
	struct graph_host h = {
		.name = "host \"one\"", .addrs = addrs, .n_addrs = 2,
		.segs = segs, .n_segs = 2,
	}, back;
	char err[GRAPH_ERRLEN], *text, *again;

	(void)state;
	text = write_json(&h);
	assert_string_equal(text,
		"{\"host\":\"host \\\"one\\\"\",\"addresses\":[\"192.0.2.1\",\"2001:db8::1\"],"
		"\"segments\":[{\"ifname\":\"fab100\",\"id\":100,\"encap\":\"udp\",\"local\":null,"
		"\"ports\":[\"vm1\",\"tap-web1\"],\"peers\":["
		"{\"remote\":\"192.0.2.2\",\"tx_packets\":20,\"tx_bytes\":1960,"
		"\"rx_packets\":21,\"rx_bytes\":18446744073709551615,\"state\":\"up\"},"
		"{\"remote\":\"2001:db8::3\",\"tx_packets\":0,\"tx_bytes\":0,"
		"\"rx_packets\":0,\"rx_bytes\":0,\"state\":null}]},"
		"{\"ifname\":\"fab200\",\"id\":16777215,\"encap\":\"gre\",\"local\":\"192.0.2.1\","
		"\"ports\":[],\"peers\":[]}]}\n");
	assert_int_equal(graph_read_json(text, strlen(text), &back, err,
					 sizeof(err)), 0);
	again = write_json(&back);
	assert_string_equal(again, text);
	graph_host_free(&back);
	free(again);
	free(text);
}

/* what graph_read_json() says of @text */
static void refused(const char *text, const char *want)
{
	char err[GRAPH_ERRLEN];
	struct graph_host h;

	assert_int_equal(graph_read_json(text, strlen(text), &h, err,
					 sizeof(err)), -1);
	assert_string_equal(err, want);
	assert_int_equal(h.n_segs, 0);
	assert_null(h.segs);
}

/* a host of one segment whose one peer is @peer */
#define PEER(peer) \
	"{\"host\":\"h\",\"segments\":[{\"ifname\":\"fab1\",\"id\":1,\"encap\":\"udp\"," \
	"\"peers\":[" peer "]}]}"
/* a host of one segment with the members @seg */
#define SEG(seg) "{\"host\":\"h\",\"segments\":[{" seg "}]}"

static void test_json_refused(void **state)
{
	(void)state;
	refused("", "line 1, column 1: no JSON value (the text is empty)");
	refused("host: h1", "line 1, column 1: unexpected 'h' (expected a JSON value)");
	refused("{\"host\":\"h\",\"segments\":[]", "line 1, column 26: unexpected end of the text (expected ',' or '}')");
	refused("[]", "expected an object (vnetfabctl graph --json), got an array");
	refused("{}", "missing \"host\"");
	refused("{\"host\":7,\"segments\":[]}", "host: expected a string, got a number");
	refused("{\"host\":\"\",\"segments\":[]}", "host: '' is not 1..255 bytes");
	refused("{\"host\":\"a/b\",\"segments\":[]}", "host: 'a/b' holds a '/'");
	refused("{\"host\":\"a\\u001b[2Jb\",\"segments\":[]}",
		"host: 'a?[2Jb' holds a control character");
	refused("{\"host\":\"h\"}", "missing \"segments\"");
	refused("{\"host\":\"h\",\"segments\":{}}", "segments: expected an array, got an object");
	refused("{\"host\":\"h\",\"segments\":null}", "segments: expected an array, got null");
	refused("{\"host\":\"h\",\"addresses\":[1],\"segments\":[]}",
		"addresses[0]: expected an address");
	refused("{\"host\":\"h\",\"addresses\":[\"192.0.2.300\"],\"segments\":[]}",
		"addresses[0]: '192.0.2.300' is not an IPv4 or IPv6 address");
	refused("{\"host\":\"h\",\"segments\":[7]}", "segments[0]: expected an object, got a number");
	refused(SEG("\"id\":1,\"encap\":\"udp\",\"peers\":[]"), "segments[0]: missing \"ifname\"");
	refused(SEG("\"ifname\":\"a:b\",\"id\":1,\"encap\":\"udp\",\"peers\":[]"),
		"segments[0].ifname: invalid device name 'a:b': contains '/', ':' or whitespace");
	refused(SEG("\"ifname\":\"fab1234567890123\",\"id\":1,\"encap\":\"udp\",\"peers\":[]"),
		"segments[0].ifname: invalid device name 'fab1234567890123': longer than 15 bytes");
	refused(SEG("\"ifname\":\"fab1\",\"encap\":\"udp\",\"peers\":[]"), "segments[0]: missing \"id\"");
	refused(SEG("\"ifname\":\"fab1\",\"id\":0,\"encap\":\"udp\",\"peers\":[]"),
		"segments[0].id: expected an integer 1..16777215");
	refused(SEG("\"ifname\":\"fab1\",\"id\":16777216,\"encap\":\"udp\",\"peers\":[]"),
		"segments[0].id: expected an integer 1..16777215");
	refused(SEG("\"ifname\":\"fab1\",\"id\":\"100\",\"encap\":\"udp\",\"peers\":[]"),
		"segments[0].id: expected a number, got a string");
	refused(SEG("\"ifname\":\"fab1\",\"id\":1,\"peers\":[]"), "segments[0]: missing \"encap\"");
	refused(SEG("\"ifname\":\"fab1\",\"id\":1,\"encap\":\"udp\""), "segments[0]: missing \"peers\"");
	refused(SEG("\"ifname\":\"fab1\",\"id\":1,\"encap\":\"udp\",\"local\":\"x\",\"peers\":[]"),
		"segments[0].local: 'x' is not an IPv4 or IPv6 address");
	refused(SEG("\"ifname\":\"fab1\",\"id\":1,\"encap\":\"udp\",\"ports\":[\"a\",3],\"peers\":[]"),
		"segments[0].ports[1]: expected a string, got a number");
	refused("{\"host\":\"h\",\"segments\":[{\"ifname\":\"f\",\"id\":1,\"encap\":\"udp\",\"peers\":[]},"
		"{\"ifname\":\"f\",\"id\":2,\"encap\":\"udp\",\"peers\":[]}]}",
		"segments: 'f' given twice");
	refused(PEER("[]"), "segments[0].peers[0]: expected an object, got an array");
	refused(PEER("{\"tx_packets\":1,\"tx_bytes\":1}"), "segments[0].peers[0]: missing \"remote\"");
	refused(PEER("{\"remote\":\"bogus\",\"tx_packets\":1,\"tx_bytes\":1}"),
		"segments[0].peers[0].remote: 'bogus' is not an IPv4 or IPv6 address");
	refused(PEER("{\"remote\":\"192.0.2.1\",\"tx_bytes\":1}"),
		"segments[0].peers[0]: missing \"tx_packets\"");
	refused(PEER("{\"remote\":\"192.0.2.1\",\"tx_packets\":18446744073709551616,\"tx_bytes\":1}"),
		"segments[0].peers[0].tx_packets: expected an integer 0..18446744073709551615");
	refused(PEER("{\"remote\":\"192.0.2.1\",\"tx_packets\":1e3,\"tx_bytes\":1}"),
		"segments[0].peers[0].tx_packets: expected an integer 0..18446744073709551615");
	refused(PEER("{\"remote\":\"192.0.2.1\",\"tx_packets\":-5,\"tx_bytes\":1}"),
		"segments[0].peers[0].tx_packets: expected an integer 0..18446744073709551615");
	refused(PEER("{\"remote\":\"192.0.2.1\",\"tx_packets\":1,\"tx_bytes\":true}"),
		"segments[0].peers[0].tx_bytes: expected a number, got true or false");
	refused(PEER("{\"remote\":\"192.0.2.1\",\"tx_packets\":1,\"tx_bytes\":1,\"state\":\"0123456789abcdef\"}"),
		"segments[0].peers[0].state: '0123456789abcdef' is not 1..15 bytes");
}

/* optional keys may be absent or null, unknown ones are left alone */
static void test_json_lenient(void **state)
{
	const char *text = "{\"host\":\"h\",\"future\":{\"x\":[1]},\"segments\":[{"
		"\"ifname\":\"fab1\",\"id\":1,\"encap\":\"udp\",\"mtu\":1450,\"peers\":["
		"{\"remote\":\"2001:0DB8:0::0001\",\"tx_packets\":3,\"tx_bytes\":4,"
		"\"state\":null,\"stats\":{}}]}]}";
	char err[GRAPH_ERRLEN];
	struct graph_host h;

	(void)state;
	assert_int_equal(graph_read_json(text, strlen(text), &h, err,
					 sizeof(err)), 0);
	assert_int_equal(h.n_addrs, 0);
	assert_int_equal(h.n_segs, 1);
	assert_string_equal(h.segs[0].local, "");
	assert_int_equal(h.segs[0].n_ports, 0);
	/* addresses as inet_ntop() writes them, so that they compare */
	assert_string_equal(h.segs[0].peers[0].remote, "2001:db8::1");
	assert_true(h.segs[0].peers[0].tx_packets == 3);
	assert_true(h.segs[0].peers[0].rx_packets == 0);
	assert_string_equal(h.segs[0].peers[0].state, "");
	graph_host_free(&h);
}

/* ---- the fabric of tests/graph/h[123].json ---- */

static void load(const char *path, struct graph_host *h)
{
	char err[GRAPH_ERRLEN], buf[8192];
	FILE *f = fopen(path, "r");
	size_t len;

	assert_non_null(f);
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_true(len < sizeof(buf));
	if (graph_read_json(buf, len, h, err, sizeof(err)))
		fail_msg("%s: %s", path, err);
}

static char *dot_of(const struct graph_host *hosts, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(graph_write_dot(f, hosts, n), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* @dot has the line @line (tabs and all), exactly once */
static void has_line(const char *dot, const char *line)
{
	const char *p = strstr(dot, line);

	if (!p || (p != dot && p[-1] != '\n') || p[strlen(line)] != '\n')
		fail_msg("no line '%s' in:\n%s", line, dot);
	if (strstr(p + 1, line))
		fail_msg("line '%s' twice in:\n%s", line, dot);
}

/* the number of lines of @dot with @s */
static int lines_with(const char *dot, const char *s)
{
	const char *p = dot, *nl;
	int n = 0;

	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (memmem(p, (size_t)(nl - p), s, strlen(s)))
			n++;
		p = *nl ? nl + 1 : nl;
	}
	return n;
}

struct fabric {
	struct graph_host h[3];
};

static int fabric_setup(void **state)
{
	struct fabric *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	load("tests/graph/h1.json", &fx->h[0]);
	load("tests/graph/h2.json", &fx->h[1]);
	load("tests/graph/h3.json", &fx->h[2]);
	*state = fx;
	return 0;
}

static int fabric_teardown(void **state)
{
	struct fabric *fx = *state;
	int i;

	for (i = 0; i < 3; i++)
		graph_host_free(&fx->h[i]);
	free(fx);
	return 0;
}

static void test_peer_seg(void **state)
{
	struct fabric *fx = *state;
	struct graph_host *h = fx->h;
	const struct graph_seg *s;
	size_t host = 99;

	/* h1 fab100 -> 192.0.2.2: h2 has that address, and its fab100 id 100 */
	s = graph_peer_seg(h, 3, 0, &h[0].segs[0], &h[0].segs[0].peers[0], &host);
	assert_ptr_equal(s, &h[1].segs[0]);
	assert_int_equal(host, 1);
	/* h1 fab200 -> 192.0.2.2: h2's fab200, whose local it is */
	s = graph_peer_seg(h, 3, 0, &h[0].segs[1], &h[0].segs[1].peers[0], &host);
	assert_ptr_equal(s, &h[1].segs[1]);
	/* h3 fab100 -> 192.0.2.99: no host has it */
	s = graph_peer_seg(h, 3, 2, &h[2].segs[0], &h[2].segs[0].peers[2], &host);
	assert_null(s);
	/* h1 alone: nothing to find */
	assert_null(graph_peer_seg(h, 1, 0, &h[0].segs[0], &h[0].segs[0].peers[0],
				   &host));
	/* a segment of another id on that host is not the peer */
	h[1].segs[0].id = 101;
	assert_null(graph_peer_seg(h, 3, 0, &h[0].segs[0], &h[0].segs[0].peers[0],
				   &host));
	h[1].segs[0].id = 100;
	/* nor one of another encapsulation */
	strcpy(h[1].segs[0].encap, "gre");
	assert_null(graph_peer_seg(h, 3, 0, &h[0].segs[0], &h[0].segs[0].peers[0],
				   &host));
	strcpy(h[1].segs[0].encap, "udp");
	/* two hosts with the address: neither is taken */
	strcpy(h[2].addrs[0], "192.0.2.2");
	assert_null(graph_peer_seg(h, 3, 0, &h[0].segs[0], &h[0].segs[0].peers[0],
				   &host));
	/* ... but a segment's own local address settles it */
	strcpy(h[1].segs[0].local, "192.0.2.2");
	s = graph_peer_seg(h, 3, 0, &h[0].segs[0], &h[0].segs[0].peers[0], &host);
	assert_ptr_equal(s, &h[1].segs[0]);
	h[1].segs[0].local[0] = '\0';
	strcpy(h[2].addrs[0], "192.0.2.3");
}

static void test_dot_fabric(void **state)
{
	struct fabric *fx = *state;
	char *dot = dot_of(fx->h, 3);

	/* 9 peer entries; 4 pairs of them go both ways: 5 edges */
	has_line(dot, "// vnetfabctl graph: 3 hosts, 5 segments, 9 peer entries, 5 edges");
	assert_int_equal(lines_with(dot, " pkts, "), 5);
	assert_int_equal(strncmp(strchr(dot, '\n') + 1, "digraph vnetfab {\n", 18), 0);
	assert_int_equal(strcmp(dot + strlen(dot) - 2, "}\n"), 0);
	/* a cluster per host, a box per segment, an ellipse per port */
	assert_int_equal(lines_with(dot, "subgraph \"cluster_"), 3);
	has_line(dot, "\t\tlabel=\"h2\";");
	has_line(dot, "\t\t\"h1/fab100\" [shape=box, style=\"rounded,filled\", fillcolor=\"#dce8f5\", label=\"fab100\\nid 100 udp\"];");
	has_line(dot, "\t\t\"h2/fab200\" [shape=box, style=\"rounded,filled\", fillcolor=\"#dce8f5\", label=\"fab200\\nid 200 udp\\nlocal 192.0.2.2\"];");
	has_line(dot, "\t\t\"h1/fab100/vm1\" [shape=ellipse, label=\"vm1\"];");
	has_line(dot, "\t\t\"h1/fab100/vm1\" -> \"h1/fab100\" [dir=none];");
	assert_int_equal(lines_with(dot, "[dir=none]"), 3);
	/* h1 <-> h2 on fab100, matched by h2's addresses: both counts */
	has_line(dot, "\t\"h1/fab100\" -> \"h2/fab100\" [label=\"h1 sent 20 pkts, 1.9 KiB\\nh2 sent 21 pkts, 2.0 KiB\", "
		 "tooltip=\"h1 fab100 to 192.0.2.2: tx 20 packets 1960 bytes, rx 21 packets 2058 bytes, state up\\n"
		 "h2 fab100 to 192.0.2.1: tx 21 packets 2058 bytes, rx 20 packets 1960 bytes, state up\", "
		 "penwidth=2.93, dir=both];");
	/* h3 says h1 is down: red */
	assert_int_equal(lines_with(dot, "\"h1/fab100\" -> \"h3/fab100\" [label=\"h1 sent 1 pkts, 42 B\\nh3 sent 1 pkts, 42 B (peer down)\""), 1);
	assert_int_equal(lines_with(dot, "dir=both, color=red, fontcolor=red];"), 1);
	/* fab200, matched by the segments' local addresses */
	assert_int_equal(lines_with(dot, "\"h1/fab200\" -> \"h2/fab200\" [label=\"h1 sent 0 pkts, 0 B\\nh2 sent 5 pkts, 300 B\""), 1);
	/* nothing sent either way: dashed */
	assert_int_equal(lines_with(dot, "\"h2/fab100\" -> \"h3/fab100\" [label=\"h2 sent 0 pkts, 0 B\\nh3 sent 0 pkts, 0 B\""), 1);
	assert_int_equal(lines_with(dot, "penwidth=1.00, dir=both, style=dashed];"), 1);
	/* the peer that is no host: a node of its address, a one-way edge */
	has_line(dot, "\t\"192.0.2.99\" [shape=box, style=dashed];");
	has_line(dot, "\t\"h3/fab100\" -> \"192.0.2.99\" [label=\"h3 sent 0 pkts, 0 B\", "
		 "tooltip=\"h3 fab100 to 192.0.2.99: tx 0 packets 0 bytes, rx 0 packets 0 bytes, state unprobed\", "
		 "penwidth=1.00, style=dashed];");
	/* no edge twice, none to a host's address */
	assert_int_equal(lines_with(dot, "\"h2/fab100\" -> \"h1/fab100\""), 0);
	assert_int_equal(lines_with(dot, "-> \"192.0.2.2\""), 0);
	free(dot);
}

/* one host alone: every peer is an address, every edge one way */
static void test_dot_one_host(void **state)
{
	struct fabric *fx = *state;
	char *dot = dot_of(&fx->h[0], 1);

	has_line(dot, "// vnetfabctl graph: 1 host, 2 segments, 3 peer entries, 3 edges");
	assert_int_equal(lines_with(dot, " [shape=box, style=dashed];"), 2);
	has_line(dot, "\t\"192.0.2.2\" [shape=box, style=dashed];");
	assert_int_equal(lines_with(dot, "-> \"192.0.2.2\" [label=\"h1 sent"), 2);
	assert_int_equal(lines_with(dot, "dir=both"), 0);
	free(dot);
}

/* a peer entry with no reverse (h2 lists no h3): a one-way edge */
static void test_dot_one_way(void **state)
{
	struct fabric *fx = *state;
	struct graph_seg *s = &fx->h[1].segs[0];
	char *dot;

	s->n_peers = 1;		/* h2's fab100: 192.0.2.1 only */
	dot = dot_of(fx->h, 3);
	s->n_peers = 2;
	has_line(dot, "// vnetfabctl graph: 3 hosts, 5 segments, 8 peer entries, 5 edges");
	assert_int_equal(lines_with(dot, "\"h3/fab100\" -> \"h2/fab100\" [label=\"h3 sent 0 pkts, 0 B\", "), 1);
	free(dot);
}

/* names are escaped; a host with no segment still shows */
static void test_dot_names(void **state)
{
	struct graph_host h = { .name = "a\"b\\c\xff" };
	char *dot;

	(void)state;
	dot = dot_of(&h, 1);
	has_line(dot, "\t\tlabel=\"a\\\"b\\\\c?\";");
	has_line(dot, "\t\t\"a\\\"b\\\\c?/\" [shape=plaintext, label=\"no segments\"];");
	free(dot);
}

/* ---- SVG ---- */

static void test_svg(void **state)
{
	const char *text = "digraph x { a -> b }\n";
	char err[GRAPH_ERRLEN], out[] = "/tmp/vnetfab-test-graph-XXXXXX", buf[64];
	size_t len;
	FILE *f;
	int fd;

	(void)state;
	assert_int_equal(graph_svg("vnetfab-no-such-dot", "/dev/null", text,
				   strlen(text), err, sizeof(err)), -1);
	assert_string_equal(err, "graph --svg needs Graphviz's 'vnetfab-no-such-dot', which is not installed (apt install graphviz)");
	/* /bin/false reads nothing and fails */
	assert_int_equal(graph_svg("false", "/dev/null", text, strlen(text),
				   err, sizeof(err)), -1);
	assert_string_equal(err, "false -Tsvg failed (exit status 1)");
	if (access("/usr/bin/dot", X_OK))
		skip();
	fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(graph_svg("dot", out, text, strlen(text), err,
				   sizeof(err)), 0);
	f = fopen(out, "r");
	assert_non_null(f);
	len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[len] = '\0';
	fclose(f);
	unlink(out);
	assert_non_null(strstr(buf, "<?xml"));
	/* DOT that dot refuses */
	assert_int_equal(graph_svg("dot", "/dev/null", "digraph {", 9, err,
				   sizeof(err)), -1);
	assert_string_equal(err, "dot -Tsvg failed (exit status 1)");
}

/* ---- this host's view, from what the kernel sends ---- */

static void test_from_kernel(void **state)
{
	struct vnetfab_segment seg = {
		.has = SEG_IFNAME | SEG_ID | SEG_ENCAP, .ifname = "fab100",
		.id = 100, .encap = VNETFAB_ENCAP_GRE,
	};
	struct vnetfab_peer v = {
		.has = PEER_ADDR | PEER_STATS | PEER_STATE,
		.addr = { .family = AF_INET6 }, .state = VNETFAB_PEER_DOWN,
		.stats_has = 1u << PEER_ST_TX_PACKETS | 1u << PEER_ST_TX_BYTES |
			     1u << PEER_ST_RX_BYTES,
		.stats = { [PEER_ST_TX_PACKETS] = 20, [PEER_ST_TX_BYTES] = 1960,
			   [PEER_ST_RX_PACKETS] = 7, [PEER_ST_RX_BYTES] = 99 },
	};
	struct graph_seg s = { 0 };
	struct graph_peer p;

	(void)state;
	graph_seg_from(&s, &seg);
	assert_string_equal(s.ifname, "fab100");
	assert_int_equal(s.id, 100);
	assert_string_equal(s.encap, "gre");
	seg.encap = 9;
	graph_seg_from(&s, &seg);
	assert_string_equal(s.encap, "unknown(9)");

	assert_int_equal(inet_pton(AF_INET6, "2001:db8::2", &v.addr.v6), 1);
	assert_int_equal(graph_peer_from(&p, &v), 0);
	assert_string_equal(p.remote, "2001:db8::2");
	assert_true(p.tx_packets == 20 && p.tx_bytes == 1960);
	/* a counter the kernel did not send is 0 */
	assert_true(p.rx_packets == 0 && p.rx_bytes == 99);
	assert_string_equal(p.state, "down");
	v.state = 77;
	assert_int_equal(graph_peer_from(&p, &v), 0);
	assert_string_equal(p.state, "state(77)");
	v.has &= ~PEER_STATE;
	assert_int_equal(graph_peer_from(&p, &v), 0);
	assert_string_equal(p.state, "");
	v.has &= ~PEER_ADDR;
	assert_int_equal(graph_peer_from(&p, &v), -1);
}

/* an RTM_NEWLINK of @kind for ifindex 7, with @local (of @len bytes) */
static struct nl_msg *link_msg(const char *kind, int type, const void *local,
			       int len)
{
	struct nl_msg *msg = vnetfab_link_msg(RTM_NEWLINK, 0, 7);
	struct nlattr *li, *data;

	assert_non_null(msg);
	li = nla_nest_start(msg, IFLA_LINKINFO);
	assert_int_equal(nla_put_string(msg, IFLA_INFO_KIND, kind), 0);
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	assert_int_equal(nla_put_u32(msg, IFLA_VNETFAB_ID, 100), 0);
	if (local)
		assert_int_equal(nla_put(msg, type, len, local), 0);
	nla_nest_end(msg, data);
	nla_nest_end(msg, li);
	return msg;
}

static void test_link_local(void **state)
{
	struct in6_addr a6;
	struct in_addr a4;
	char addr[GRAPH_ADDRLEN] = "";
	uint32_t ifindex = 0;
	struct nl_msg *msg;

	(void)state;
	assert_int_equal(inet_pton(AF_INET, "192.0.2.1", &a4), 1);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8::1", &a6), 1);
	msg = link_msg(VNETFAB_KIND, IFLA_VNETFAB_LOCAL, &a4, 4);
	assert_int_equal(graph_link_local(nlmsg_hdr(msg), &ifindex, addr), 1);
	assert_int_equal(ifindex, 7);
	assert_string_equal(addr, "192.0.2.1");
	nlmsg_free(msg);
	msg = link_msg(VNETFAB_KIND, IFLA_VNETFAB_LOCAL6, &a6, 16);
	assert_int_equal(graph_link_local(nlmsg_hdr(msg), &ifindex, addr), 1);
	assert_string_equal(addr, "2001:db8::1");
	nlmsg_free(msg);
	/* no local address: the route's choice */
	msg = link_msg(VNETFAB_KIND, 0, NULL, 0);
	assert_int_equal(graph_link_local(nlmsg_hdr(msg), &ifindex, addr), 0);
	nlmsg_free(msg);
	/* too short to be one */
	msg = link_msg(VNETFAB_KIND, IFLA_VNETFAB_LOCAL, &a4, 3);
	assert_int_equal(graph_link_local(nlmsg_hdr(msg), &ifindex, addr), 0);
	nlmsg_free(msg);
	/* another kind, whose attribute of that number means another thing */
	msg = link_msg("vxlan", IFLA_VNETFAB_LOCAL, &a4, 4);
	assert_int_equal(graph_link_local(nlmsg_hdr(msg), &ifindex, addr), 0);
	nlmsg_free(msg);
	msg = link_msg("vnetfab2", IFLA_VNETFAB_LOCAL, &a4, 4);
	assert_int_equal(graph_link_local(nlmsg_hdr(msg), &ifindex, addr), 0);
	nlmsg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_json_roundtrip),
		cmocka_unit_test(test_json_refused),
		cmocka_unit_test(test_json_lenient),
		cmocka_unit_test_setup_teardown(test_peer_seg, fabric_setup,
						fabric_teardown),
		cmocka_unit_test_setup_teardown(test_dot_fabric, fabric_setup,
						fabric_teardown),
		cmocka_unit_test_setup_teardown(test_dot_one_host, fabric_setup,
						fabric_teardown),
		cmocka_unit_test_setup_teardown(test_dot_one_way, fabric_setup,
						fabric_teardown),
		cmocka_unit_test(test_dot_names),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_from_kernel),
		cmocka_unit_test(test_link_local),
	};

	return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
