// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of a peer's underlay paths and the segment's hold-down, on
 * the host (no socket, no module): the words (paths.c, liveness.c), the
 * command line (args.c), the configuration file and its round trip
 * (config.c), the requests and dumps (genl.c) and what is printed of
 * them (print.c). Run from userspace/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "config.h"
#include "genl.h"
#include "liveness.h"
#include "paths.h"
#include "print.h"
#include "tests/helpers.h"

static char err[CONFIG_ERRLEN];

static struct vf_addr addr(const char *s)
{
	struct vf_addr a;

	memset(&a, 0, sizeof(a));
	assert_int_equal(args_parse_addr(s, "remote", &a, NULL, 0), 0);
	return a;
}

/* each (keyword, value) pair of @words into @p, which must all pass */
static void words(struct vf_paths *p, const char *const *w)
{
	for (; *w; w += 2) {
		err[0] = '\0';
		if (vf_paths_word(p, w[0], w[1], err, sizeof(err)))
			print_error("%s %s: %s\n", w[0], w[1], err);
		assert_string_equal(err, "");
	}
}

/* a word that must fail with @msg, leaving @p as it was */
static void word_bad(struct vf_paths *p, const char *kw, const char *val,
		     const char *msg)
{
	struct vf_paths before = *p;

	assert_int_equal(vf_paths_word(p, kw, val, err, sizeof(err)), -1);
	assert_string_equal(err, msg);
	assert_memory_equal(&before, p, sizeof(before));
}

/* the paths of the tests: 3, the first two with a source address */
static const char *const three[] = {
	"remote", "192.0.2.2", "local", "192.0.2.1",
	"path", "198.51.100.2", "local", "198.51.100.1",
	"path", "203.0.113.2", NULL,
};

/* ---- paths.c -------------------------------------------------------- */

static void test_words(void **state)
{
	struct vf_paths p = { 0 }, q = { 0 };
	struct vf_addr a = addr("198.51.100.1");

	(void)state;
	words(&p, three);
	assert_int_equal(p.n, 3);
	a = addr("192.0.2.2");
	assert_true(vf_addr_eq(&p.v[0].addr, &a));
	a = addr("198.51.100.1");
	assert_true(p.v[0].has_local && p.v[1].has_local);
	assert_false(p.v[2].has_local);
	assert_true(vf_addr_eq(&p.v[1].local, &a));

	words(&p, (const char *const[]){ "local", "203.0.113.1", NULL });
	word_bad(&p, "local", "203.0.113.9",
		 "'local' given twice for path 203.0.113.2 (one after each remote or path)");
	words(&p, (const char *const[]){ "path", "203.0.113.3", NULL });
	assert_int_equal(p.n, VF_MAX_PATHS);
	word_bad(&p, "path", "203.0.113.4",
		 "at most 4 paths (remote and 3 path) per peer");
	word_bad(&p, "remote", "203.0.113.4", "'remote' given twice");

	words(&q, (const char *const[]){ "remote", "192.0.2.2", NULL });
	word_bad(&q, "path", "2001:db8::2",
		 "path 2001:db8::2: another family than remote 192.0.2.2 (the paths of a peer are of one family)");
	word_bad(&q, "local", "2001:db8::1",
		 "local 2001:db8::1: another family than remote 192.0.2.2 (the source address of a path is of its family)");
	word_bad(&q, "path", "192.0.2.2",
		 "path 192.0.2.2: given twice for this peer (each address once)");
	word_bad(&q, "path", "nope",
		 "invalid path address 'nope' (expected IPv4 or IPv6)");
	word_bad(&q, "local", "",
		 "missing local address");
	words(&q, (const char *const[]){ "local", "192.0.2.1", NULL });
	word_bad(&q, "local", "192.0.2.9",
		 "'local' given twice for remote 192.0.2.2 (one after each remote or path)");

	memset(&q, 0, sizeof(q));
	word_bad(&q, "path", "192.0.2.2",
		 "'path' goes after 'remote ADDR' (a further underlay address of that peer)");
	word_bad(&q, "local", "192.0.2.1",
		 "'local' goes after 'remote ADDR' or 'path ADDR' (the source address of frames over that path)");
	words(&q, (const char *const[]){ "remote", "2001:db8::2", "path",
		"2001:db8:1::2", NULL });
	word_bad(&q, "local", "192.0.2.1",
		 "local 192.0.2.1: another family than path 2001:db8:1::2 (the source address of a path is of its family)");
}

static void test_paths_misc(void **state)
{
	struct vf_paths p = { 0 }, q = { 0 };
	struct vf_paths set[3] = { { 0 } };
	char *buf = NULL;
	size_t len;
	FILE *f;

	(void)state;
	words(&p, three);
	q = p;
	assert_true(vf_paths_eq(&p, &q));
	q.v[1].has_local = false;
	assert_false(vf_paths_eq(&p, &q));
	q = p;
	q.v[0].local = addr("192.0.2.9");
	assert_false(vf_paths_eq(&p, &q));
	q = p;
	q.v[1] = p.v[2];
	q.v[2] = p.v[1];
	assert_false(vf_paths_eq(&p, &q));	/* the order is the preference */
	q = p;
	q.n = 2;
	assert_false(vf_paths_eq(&p, &q));

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	vf_paths_write(f, &p);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, " local 192.0.2.1 path 198.51.100.2 local 198.51.100.1 path 203.0.113.2");
	free(buf);

	assert_int_equal(vf_paths_unicast(&p, err, sizeof(err)), 0);
	q = p;
	q.v[2].addr = addr("224.0.0.1");
	assert_int_equal(vf_paths_unicast(&q, err, sizeof(err)), -1);
	assert_string_equal(err, "path 224.0.0.1 is not a unicast address (a path is a unicast IPv4 or IPv6 address of the peer host)");
	q = p;
	q.v[1].local = addr("0.1.2.3");
	assert_int_equal(vf_paths_unicast(&q, err, sizeof(err)), -1);
	assert_string_equal(err, "local 0.1.2.3 is not a unicast address (expected this host's unicast IPv4 or IPv6 address)");
	q = p;
	q.v[0].addr = addr("255.255.255.255");
	assert_int_equal(vf_paths_unicast(&q, err, sizeof(err)), -1);
	assert_string_equal(err, "255.255.255.255 is not a unicast address (a peer is a host's unicast IPv4 or IPv6 address)");

	/* the peers of one set: no address in two of them */
	set[0] = p;
	words(&set[1], (const char *const[]){ "remote", "192.0.2.3", "path",
		"198.51.100.3", NULL });
	words(&set[2], (const char *const[]){ "remote", "2001:db8::3", NULL });
	assert_int_equal(vf_paths_set_check(set, 3, err, sizeof(err)), 0);
	assert_int_equal(vf_paths_set_check(set, 0, err, sizeof(err)), 0);
	set[2] = set[1];
	set[2].v[0].addr = addr("192.0.2.4");
	assert_int_equal(vf_paths_set_check(set, 3, err, sizeof(err)), -1);
	assert_string_equal(err, "198.51.100.3 given twice, as a remote or path of two peers (each address once per segment)");
	set[2].v[0].addr = addr("192.0.2.3");
	set[2].n = 1;
	assert_int_equal(vf_paths_set_check(set, 3, err, sizeof(err)), -1);
	assert_string_equal(err, "remote 192.0.2.3 given twice");
	set[2].v[0].addr = addr("203.0.113.2");	/* a path of the first */
	assert_int_equal(vf_paths_set_check(set, 3, err, sizeof(err)), -1);
	assert_string_equal(err, "203.0.113.2 given twice, as a remote or path of two peers (each address once per segment)");
}

static void test_addr_refs(void **state)
{
	struct vf_addr_ref r[8], key = { .addr = addr("198.51.100.2") };
	struct vf_paths p = { 0 }, q = { 0 };
	size_t n, i;

	(void)state;
	words(&p, three);
	words(&q, (const char *const[]){ "remote", "198.51.100.2", NULL });
	n = vf_addr_refs_add(r, &p, 0, 7);
	assert_int_equal(n, 3);
	n += vf_addr_refs_add(r + n, &q, 0, 3);
	n += vf_addr_refs_add(r + n, &q, 1, 1);
	assert_int_equal(n, 5);
	vf_addr_refs_sort(r, n);
	/* group 0: 192.0.2.2, 198.51.100.2 (line 3, then 7), 203.0.113.2 */
	assert_int_equal(r[1].order, 3);
	assert_int_equal(r[1].path, 0);
	assert_int_equal(r[2].order, 7);
	assert_int_equal(r[2].path, 1);
	assert_int_equal(r[4].group, 1);
	i = vf_addr_refs_find(r, n, &key);
	assert_int_equal(i, 1);
	key.addr = addr("198.51.100.9");
	i = vf_addr_refs_find(r, n, &key);
	assert_false(vf_addr_eq(&r[i].addr, &key.addr));
	key.group = 2;
	assert_int_equal(vf_addr_refs_find(r, n, &key), n);
}

/* ---- the command line ------------------------------------------------- */

/* command lines args_parse() refuses, and its message (NULL: any) */
struct bad_args {
	char **argv;
	const char *msg;
};

static void check_bad_args(const struct bad_args *bad, size_t n)
{
	struct vf_args a;
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(parse_argv(&a, bad[i].argv, err, sizeof(err)),
				 -1);
		if (bad[i].msg)
			assert_string_equal(err, bad[i].msg);
		args_free(&a);
	}
}

static void test_args_peer_paths(void **state)
{
	/* refused: paths, and hold-down (a setting of segments only) */
	const struct bad_args bad_paths[] = {
		{ ARGV("peer", "add", "dev", "fab0", "remote", "192.0.2.2",
		       "path", "1.0.0.1", "path", "1.0.0.2", "path", "1.0.0.3",
		       "path", "1.0.0.4"),
		  "peer add: at most 4 paths (remote and 3 path) per peer" },
		{ ARGV("peer", "add", "dev", "fab0", "remote", "192.0.2.2",
		       "path", "2001:db8::2"),
		  "peer add: path 2001:db8::2: another family than remote 192.0.2.2 (the paths of a peer are of one family)" },
		{ ARGV("peer", "add", "dev", "fab0", "remote", "192.0.2.2",
		       "path"),
		  "peer add: 'path' needs a value" },
		{ ARGV("peer", "add", "dev", "fab0", "local", "192.0.2.1",
		       "remote", "192.0.2.2"),
		  "peer add: 'local' goes after 'remote ADDR' or 'path ADDR' (the source address of frames over that path)" },
		{ ARGV("peer", "add", "dev", "fab0", "path", "192.0.2.2"),
		  "peer add: 'path' goes after 'remote ADDR' (a further underlay address of that peer)" },
		{ ARGV("peer", "add", "dev", "fab0", "remote", "192.0.2.2",
		       "remote", "192.0.2.3"),
		  "peer add: 'remote' given twice" },
		{ ARGV("peer", "set", "dev", "fab0", "path", "192.0.2.2",
		       "remote", "192.0.2.3"),
		  "peer set: 'path' goes after 'remote ADDR' (a further underlay address of that peer)" },
		{ ARGV("peer", "set", "dev", "fab0", "remote", "192.0.2.2",
		       "path", "198.51.100.2", "remote", "198.51.100.2"),
		  "peer set: 198.51.100.2 given twice, as a remote or path of two peers (each address once per segment)" },
		{ ARGV("peer", "set", "dev", "fab0", "none", "path",
		       "192.0.2.2"), NULL },
		{ ARGV("peer", "del", "dev", "fab0", "remote", "192.0.2.2",
		       "path", "198.51.100.2"),
		  "peer del: unknown argument 'path'" },
		{ ARGV("peer", "del", "dev", "fab0", "remote", "192.0.2.2",
		       "local", "192.0.2.1"),
		  "peer del: unknown argument 'local'" },
		{ ARGV("peer", "list", "dev", "fab0", "path", "192.0.2.2"),
		  "peer list: unknown argument 'path'" },
		{ ARGV("fdb", "add", "dev", "fab0", "02:00:00:00:00:01",
		       "remote", "192.0.2.2", "path", "198.51.100.2"),
		  "fdb add: unknown argument 'path'" },
		{ ARGV("segment", "set", "fab0", "hold-down", "600001"),
		  "invalid hold-down '600001': hold-down must be 0..600000 ms" },
		{ ARGV("segment", "set", "fab0", "hold-down"),
		  "segment set: 'hold-down' needs a value" },
		{ ARGV("segment", "add", "fab0", "hold-down", "1", "hold-down",
		       "2"),
		  "segment add: 'hold-down' given twice" },
		{ ARGV("peer", "add", "dev", "fab0", "remote", "192.0.2.2",
		       "hold-down", "5"),
		  "peer add: unknown argument 'hold-down'" },
	};
	struct vf_paths p = { 0 };
	struct vf_args a;

	(void)state;
	words(&p, three);
	assert_int_equal(PARSE("peer", "add", "dev", "fab0", "remote",
			       "192.0.2.2", "local", "192.0.2.1", "path",
			       "198.51.100.2", "local", "198.51.100.1", "path",
			       "203.0.113.2", "dstport", "4790", "probe", "off"),
			 0);
	assert_int_equal(a.cmd, VF_CMD_PEER_ADD);
	assert_true(vf_paths_eq(&a.paths, &p));
	assert_true(a.has_remote);
	assert_true(vf_addr_eq(&a.remote, &p.v[0].addr));
	assert_true(a.has_dstport && a.has_probe);
	assert_int_equal(a.dstport, 4790);

	/* "local": the source of the remote or path given last */
	assert_int_equal(PARSE("peer", "add", "remote", "192.0.2.2", "dstport",
			       "4790", "local", "192.0.2.1", "dev", "fab0"), 0);
	assert_int_equal(a.paths.n, 1);
	assert_true(a.paths.v[0].has_local);

	assert_int_equal(PARSE("peer", "set", "dev", "fab0", "remote",
			       "192.0.2.2", "path", "198.51.100.2", "remote",
			       "192.0.2.3", "local", "192.0.2.1", "path",
			       "198.51.100.3", "remote", "192.0.2.4", "probe",
			       "500"), 0);
	assert_int_equal(a.n_peers, 3);
	assert_int_equal(a.peers[0].n, 2);
	assert_false(a.peers[0].v[0].has_local);
	assert_int_equal(a.peers[1].n, 2);
	assert_true(a.peers[1].v[0].has_local);
	assert_false(a.peers[1].v[1].has_local);
	assert_int_equal(a.peers[2].n, 1);
	args_free(&a);

	check_bad_args(bad_paths, sizeof(bad_paths) / sizeof(bad_paths[0]));
}

static void test_hold_down(void **state)
{
	static const char *const bad[] = {
		"600001", "-1", "+5", "", "abc", "5s", "0x10g", "4294967296",
	};
	struct vf_args a;
	uint32_t ms;
	size_t i;

	(void)state;
	assert_int_equal(vf_parse_hold_down("0", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 0);
	assert_int_equal(vf_parse_hold_down("600000", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, VNETFAB_HOLD_DOWN_MAX);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ms = 7;
		assert_int_equal(vf_parse_hold_down(bad[i], &ms, err,
						    sizeof(err)), -1);
		assert_int_equal(ms, 7);
		assert_non_null(strstr(err, "hold-down must be 0..600000 ms"));
	}
	assert_int_equal(vf_parse_hold_down(NULL, &ms, NULL, 0), -1);

	assert_int_equal(PARSE("segment", "add", "fab0", "hold-down", "0"), 0);
	assert_true(a.has_hold_down);
	assert_int_equal(a.hold_down, 0);
	assert_int_equal(PARSE("segment", "set", "fab0", "hold-down", "10000"), 0);
	assert_true(a.has_hold_down);
	assert_false(a.has_probe || a.has_ttl);
	assert_int_equal(a.hold_down, 10000);
	assert_int_equal(PARSE("segment", "add", "fab0", "ttl", "9"), 0);
	assert_false(a.has_hold_down);
}

/* ---- the configuration file ------------------------------------------- */

#define parse_mem(text, c) parse_conf((text), strlen(text), (c), err, sizeof(err))

static void test_config_paths(void **state)
{
	static const char text[] =
		"segment fab100 id 100 hold-down 250\n"
		"peer fab100 192.0.2.2 local 192.0.2.1 path 198.51.100.2 local 198.51.100.1 path 203.0.113.2 dstport 4790 probe 500\n"
		"peer fab100 192.0.2.3 dstport 4789 path 198.51.100.3\n"
		"fdb fab100 02:00:00:00:00:01 remote 192.0.2.2\n"
		"segment fab101 id 101 local 2001:db8::1 hold-down 0\n"
		"peer fab101 2001:db8::2 path 2001:db8:1::2 local 2001:db8:1::1\n"
		"# an address of one segment may be one of another's too\n"
		"peer fab101 2001:db8::3 path 2001:db8::2:3\n"
		"segment fab102 id 102\n"
		"peer fab102 198.51.100.2\n";
	static const char want[] =
		"segment fab100 id 100 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 250\n"
		"peer fab100 192.0.2.2 local 192.0.2.1 path 198.51.100.2 local 198.51.100.1 path 203.0.113.2 dstport 4790 probe 500\n"
		"peer fab100 192.0.2.3 path 198.51.100.3\n"
		"fdb fab100 02:00:00:00:00:01 remote 192.0.2.2\n"
		"\n"
		"segment fab101 id 101 encap udp local 2001:db8::1 dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 0\n"
		"peer fab101 2001:db8::2 path 2001:db8:1::2 local 2001:db8:1::1\n"
		"peer fab101 2001:db8::3 path 2001:db8::2:3\n"
		"\n"
		"segment fab102 id 102 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab102 198.51.100.2\n";
	struct vf_paths p = { 0 };
	struct vf_config c, d;
	char *one, *two;
	size_t i, len;

	(void)state;
	assert_int_equal(parse_mem(text, &c), 0);
	assert_string_equal(err, "");
	assert_int_equal(c.n_peers, 5);
	assert_int_equal(c.segs[0].hold_down, 250);
	assert_int_equal(c.segs[1].hold_down, 0);
	assert_int_equal(c.segs[2].hold_down, VNETFAB_DEFAULT_HOLD_DOWN);
	words(&p, three);
	assert_true(vf_paths_eq(&c.peers[0].paths, &p));
	assert_int_equal(c.peers[1].paths.n, 2);
	assert_true(c.peers[2].paths.v[1].has_local);
	assert_false(c.peers[3].paths.v[1].has_local);

	/* written, read back: the same; written again: the same text */
	one = write_conf(&c, &len);
	assert_string_equal(one, want);
	assert_int_equal(parse_mem(one, &d), 0);
	assert_int_equal(d.n_peers, c.n_peers);
	for (i = 0; i < c.n_peers; i++)
		assert_true(vf_paths_eq(&c.peers[i].paths, &d.peers[i].paths));
	assert_int_equal(d.segs[0].hold_down, 250);
	two = write_conf(&d, &len);
	assert_string_equal(one, two);
	free(one);
	free(two);
	config_free(&c);
	config_free(&d);
}

static void test_config_paths_bad(void **state)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "segment a\npeer a 192.0.2.2 path 2001:db8::2\n",
		  "mem:2: peer: path 2001:db8::2: another family than remote 192.0.2.2 (the paths of a peer are of one family)" },
		{ "segment a\npeer a 192.0.2.2 path 1.0.0.1 path 1.0.0.2 path 1.0.0.3 path 1.0.0.4\n",
		  "mem:2: peer: at most 4 paths (remote and 3 path) per peer" },
		{ "segment a\npeer a 192.0.2.2 path\n",
		  "mem:2: peer: 'path' needs a value" },
		{ "segment a\npeer a 192.0.2.2 local 192.0.2.1 local 192.0.2.9\n",
		  "mem:2: peer: 'local' given twice for remote 192.0.2.2 (one after each remote or path)" },
		{ "segment a\npeer a 192.0.2.2 path 198.51.100.2 local 2001:db8::1\n",
		  "mem:2: peer: local 2001:db8::1: another family than path 198.51.100.2 (the source address of a path is of its family)" },
		{ "segment a\npeer a 192.0.2.2 path 192.0.2.2\n",
		  "mem:2: peer: path 192.0.2.2: given twice for this peer (each address once)" },
		{ "segment a\npeer a 192.0.2.2 path 224.0.0.1\n",
		  "mem:2: peer: path 224.0.0.1 is not a unicast address (a path is a unicast IPv4 or IPv6 address of the peer host)" },
		{ "segment a\npeer a 192.0.2.2 local 224.0.0.1\n",
		  "mem:2: peer: local 224.0.0.1 is not a unicast address (expected this host's unicast IPv4 or IPv6 address)" },
		{ "segment a\npeer a 224.0.0.1 path 192.0.2.2\n",
		  "mem:2: peer: 224.0.0.1 is not a unicast address (a peer is a host's unicast IPv4 or IPv6 address)" },
		{ "segment a\npeer a 192.0.2.2\npeer a 192.0.2.3 path 192.0.2.2\n",
		  "mem:3: peer: path 192.0.2.2 is already a peer of a on line 2 (each address once per segment, paths included)" },
		{ "segment a\npeer a 192.0.2.3 path 192.0.2.2\npeer a 192.0.2.2\n",
		  "mem:3: peer: 192.0.2.2 is already a path of a peer of a on line 2 (each address once per segment, paths included)" },
		{ "segment a\npeer a 192.0.2.2 path 198.51.100.9\npeer a 192.0.2.3\npeer a 192.0.2.4 path 198.51.100.9\n",
		  "mem:4: peer: path 198.51.100.9 is already a path of a peer of a on line 2 (each address once per segment, paths included)" },
		{ "segment a\npeer a 192.0.2.2\npeer a 192.0.2.2 path 198.51.100.9\n",
		  "mem:3: peer: 192.0.2.2 is already a peer of a on line 2 (each address once per segment)" },
		{ "segment a\npeer a 192.0.2.2 path 198.51.100.9\nfdb a 02:00:00:00:00:01 remote 198.51.100.9\n",
		  "mem:3: fdb: remote 198.51.100.9 is not a peer of a in this file (add a line 'peer a 198.51.100.9')" },
		{ "segment a encap gre\npeer a 192.0.2.2 path 198.51.100.9 local 198.51.100.1 dstport 4790\n",
		  "mem:2: peer: dstport applies to encap udp only, and segment a (line 1) is encap gre" },
		{ "segment a hold-down 600001\n",
		  "mem:1: segment: invalid hold-down '600001': hold-down must be 0..600000 ms" },
		{ "segment a hold-down 1 hold-down 2\n",
		  "mem:1: segment: 'hold-down' given twice (each keyword once per line)" },
		{ "segment a\npeer a 192.0.2.2 via 198.51.100.9\n",
		  "mem:2: peer: unknown keyword 'via' (expected local, path, dstport or probe)" },
	};
	struct vf_config c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_mem(bad[i].text, &c), -1);
		if (strcmp(err, bad[i].msg))
			print_error("%s got: %s\nwant: %s\n", bad[i].text, err,
				    bad[i].msg);
		assert_string_equal(err, bad[i].msg);
		assert_null(c.peers);
	}
}

/* ---- requests and dumps ----------------------------------------------- */

/* the VNETFAB_PATH_A_* of path nest @a */
static void path_attrs(struct nlattr *a, struct nlattr **tb)
{
	assert_int_equal(nla_type(a), VNETFAB_PEER_A_PATH);
	assert_int_equal(nla_parse_nested(tb, VNETFAB_PATH_A_MAX, a, NULL), 0);
}

static void test_put_peer(void **state)
{
	struct nlattr *tb[VNETFAB_A_MAX + 1], *p[VNETFAB_PEER_A_MAX + 1];
	struct nlattr *pa[VNETFAB_PATH_A_MAX + 1], *a, *paths[4];
	struct vnetfab_peer_spec spec = {
		.has_dstport = true, .dstport = 4790,
	};
	struct vf_paths *set;
	struct nl_msg *msg;
	int rem, n = 0;
	size_t i, k;

	(void)state;
	words(&spec.paths, three);
	msg = vnetfab_peer_req(0x1c, VNETFAB_CMD_ADD_PEER, "fab0", &spec);
	assert_non_null(msg);
	assert_int_equal(genlmsg_parse(nlmsg_hdr(msg), 0, tb, VNETFAB_A_MAX,
				       NULL), 0);
	assert_int_equal(nla_parse_nested(p, VNETFAB_PEER_A_MAX,
					  tb[VNETFAB_A_PEER], NULL), 0);
	assert_memory_equal(nla_data(p[VNETFAB_PEER_A_ADDR4]), "\xc0\x00\x02\x02", 4);
	assert_int_equal(nla_len(p[VNETFAB_PEER_A_LOCAL4]), 4);
	assert_memory_equal(nla_data(p[VNETFAB_PEER_A_LOCAL4]), "\xc0\x00\x02\x01", 4);
	assert_null(p[VNETFAB_PEER_A_LOCAL6]);
	assert_int_equal(nla_get_u16(p[VNETFAB_PEER_A_DSTPORT]), 4790);
	assert_null(p[VNETFAB_PEER_A_PROBE_INTERVAL]);
	assert_null(p[VNETFAB_PEER_A_ACTIVE_PATH]);
	/* one nest per further path, in order; not the peer's own */
	nla_for_each_nested(a, tb[VNETFAB_A_PEER], rem)
		if (nla_type(a) == VNETFAB_PEER_A_PATH)
			paths[n++] = a;
	assert_int_equal(n, 2);
	path_attrs(paths[0], pa);
	assert_memory_equal(nla_data(pa[VNETFAB_PATH_A_ADDR4]), "\xc6\x33\x64\x02", 4);
	assert_memory_equal(nla_data(pa[VNETFAB_PATH_A_LOCAL4]), "\xc6\x33\x64\x01", 4);
	assert_null(pa[VNETFAB_PATH_A_INDEX]);
	path_attrs(paths[1], pa);
	assert_memory_equal(nla_data(pa[VNETFAB_PATH_A_ADDR4]), "\xcb\x00\x71\x02", 4);
	assert_null(pa[VNETFAB_PATH_A_LOCAL4]);
	nlmsg_free(msg);

	/* IPv6: ADDR6, LOCAL6 */
	memset(&spec, 0, sizeof(spec));
	words(&spec.paths, (const char *const[]){ "remote", "2001:db8::2",
		"path", "2001:db8:1::2", "local", "2001:db8:1::1", NULL });
	msg = vnetfab_peer_req(0x1c, VNETFAB_CMD_ADD_PEER, "fab0", &spec);
	assert_non_null(msg);
	assert_int_equal(genlmsg_parse(nlmsg_hdr(msg), 0, tb, VNETFAB_A_MAX,
				       NULL), 0);
	assert_int_equal(nla_parse_nested(p, VNETFAB_PEER_A_MAX,
					  tb[VNETFAB_A_PEER], NULL), 0);
	assert_non_null(p[VNETFAB_PEER_A_ADDR6]);
	assert_null(p[VNETFAB_PEER_A_LOCAL6]);
	assert_null(p[VNETFAB_PEER_A_DSTPORT]);
	path_attrs(p[VNETFAB_PEER_A_PATH], pa);
	assert_int_equal(nla_len(pa[VNETFAB_PATH_A_ADDR6]), 16);
	assert_int_equal(nla_len(pa[VNETFAB_PATH_A_LOCAL6]), 16);
	nlmsg_free(msg);

	/* the largest SET_PEERS: every peer with 4 IPv6 paths and sources */
	set = calloc(VF_MAX_PEERS, sizeof(*set));
	assert_non_null(set);
	for (i = 0; i < VF_MAX_PEERS; i++) {
		set[i].n = VF_MAX_PATHS;
		for (k = 0; k < VF_MAX_PATHS; k++) {
			set[i].v[k].addr = addr("2001:db8::");
			set[i].v[k].addr.v6.s6_addr[14] = (uint8_t)(i >> 8);
			set[i].v[k].addr.v6.s6_addr[15] = (uint8_t)i;
			set[i].v[k].addr.v6.s6_addr[13] = (uint8_t)k;
			set[i].v[k].has_local = true;
			set[i].v[k].local = addr("2001:db8:ffff::1");
		}
	}
	msg = vnetfab_set_peers_req(0x1c, "fab0", set, VF_MAX_PEERS, true, 4790,
				    true, 60000);
	assert_non_null(msg);
	assert_true(nlmsg_hdr(msg)->nlmsg_len <=
		    vnetfab_set_peers_size(VF_MAX_PEERS));
	nlmsg_free(msg);
	free(set);
}

/* a path nest of a dump: index, address, source if given, state, ... */
static void put_dump_path(struct nl_msg *msg, uint8_t index, const char *a4,
			  const char *l4, uint8_t state, uint32_t base)
{
	struct nlattr *nest = nla_nest_start(msg, VNETFAB_PEER_A_PATH);
	struct vf_addr a = addr(a4), l;

	assert_int_equal(nla_put_u8(msg, VNETFAB_PATH_A_INDEX, index), 0);
	assert_int_equal(nla_put(msg, VNETFAB_PATH_A_ADDR4, 4, &a.v4), 0);
	if (l4) {
		l = addr(l4);
		assert_int_equal(nla_put(msg, VNETFAB_PATH_A_LOCAL4, 4, &l.v4), 0);
	}
	assert_int_equal(nla_put_u8(msg, VNETFAB_PATH_A_STATE, state), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PATH_A_STATE_MS, base), 0);
	if (state == VNETFAB_PEER_UP)
		assert_int_equal(nla_put_u32(msg, VNETFAB_PATH_A_LAST_RX_MS,
					     base + 1), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PATH_A_PROBES_SENT, base + 2), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PATH_A_PROBES_ANSWERED,
				     base + 3), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PATH_A_STATE_CHANGES, base + 4), 0);
	assert_int_equal(nla_put_u32(msg, VNETFAB_PATH_A_MAX + 1, 9), 0);
	nla_nest_end(msg, nest);
}

/* a GET_PEER reply of 192.0.2.2 and its 3 paths, sent out of order */
static struct nl_msg *dump_msg(bool local)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest, *st;
	struct vf_addr a = addr("192.0.2.2"), l = addr("192.0.2.1");

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, NLM_F_MULTI,
				    VNETFAB_CMD_GET_PEER, VNETFAB_GENL_VERSION));
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 4, &a.v4), 0);
	if (local)
		assert_int_equal(nla_put(msg, VNETFAB_PEER_A_LOCAL4, 4, &l.v4), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_PEER_A_STATE, VNETFAB_PEER_UP), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_PEER_A_ACTIVE_PATH, 1), 0);
	put_dump_path(msg, 0, "192.0.2.2", "192.0.2.1", VNETFAB_PEER_DOWN, 100);
	put_dump_path(msg, 2, "203.0.113.2", NULL, VNETFAB_PEER_UNKNOWN, 300);
	put_dump_path(msg, 1, "198.51.100.2", "198.51.100.1", VNETFAB_PEER_UP,
		      200);
	st = nla_nest_start(msg, VNETFAB_PEER_A_STATS);
	assert_int_equal(nla_put_u64(msg, VNETFAB_PEER_STATS_PATH_CHANGES, 3), 0);
	nla_nest_end(msg, st);
	nla_nest_end(msg, nest);
	return msg;
}

static void test_dump_paths(void **state)
{
	struct vf_paths want = { 0 }, got;
	struct vnetfab_peer p;
	struct nlattr *nest;
	struct nl_msg *msg;
	int i;

	(void)state;
	words(&want, three);
	msg = dump_msg(true);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	nlmsg_free(msg);
	assert_int_equal(p.has, PEER_ADDR | PEER_LOCAL | PEER_STATE |
				PEER_ACTIVE_PATH | PEER_STATS);
	assert_int_equal(p.active_path, 1);
	assert_int_equal(p.stats_has, 1u << PEER_ST_PATH_CHANGES);
	assert_int_equal(p.stats[PEER_ST_PATH_CHANGES], 3);
	assert_int_equal(p.n_paths, 3);
	assert_int_equal(p.paths[0].has, PATH_ADDR | PATH_LOCAL | PATH_INDEX |
				PATH_STATE);
	/* no last rx: nothing came over it */
	assert_int_equal(p.paths[0].v_has, ((1u << PATH_V_N) - 1) &
					   ~(1u << PATH_V_LAST_RX_MS));
	assert_int_equal(p.paths[2].v_has, (1u << PATH_V_N) - 1);
	assert_int_equal(p.paths[1].index, 2);
	assert_int_equal(p.paths[1].state, VNETFAB_PEER_UNKNOWN);
	assert_false(p.paths[1].has & PATH_LOCAL);
	assert_int_equal(p.paths[2].index, 1);
	assert_int_equal(p.paths[2].v[PATH_V_STATE_MS], 200);
	assert_int_equal(p.paths[2].v[PATH_V_LAST_RX_MS], 201);
	assert_int_equal(p.paths[2].v[PATH_V_PROBES_SENT], 202);
	assert_int_equal(p.paths[2].v[PATH_V_PROBES_ANSWERED], 203);
	assert_int_equal(p.paths[2].v[PATH_V_STATE_CHANGES], 204);
	/* as a request gives them: by index, path 0 its own */
	vnetfab_peer_paths(&p, &got);
	assert_true(vf_paths_eq(&got, &want));

	/* the source of its own address from its path 0 alone */
	msg = dump_msg(false);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	nlmsg_free(msg);
	assert_false(p.has & PEER_LOCAL);
	vnetfab_peer_paths(&p, &got);
	assert_true(vf_paths_eq(&got, &want));

	/* a gap in the indexes ends the paths */
	p.paths[2].index = 3;
	vnetfab_peer_paths(&p, &got);
	assert_int_equal(got.n, 1);

	/* at most VF_MAX_PATHS path nests are kept */
	msg = nlmsg_alloc();
	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, 0, VNETFAB_CMD_GET_PEER,
				    VNETFAB_GENL_VERSION));
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	for (i = 0; i <= VF_MAX_PATHS; i++)
		put_dump_path(msg, (uint8_t)i, "198.51.100.2", NULL,
			      VNETFAB_PEER_UP, 0);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p), 0);
	nlmsg_free(msg);
	assert_int_equal(p.n_paths, VF_MAX_PATHS);
	assert_int_equal(p.paths[VF_MAX_PATHS - 1].index, VF_MAX_PATHS - 1);

	/* a peer of one path: no path nest */
	memset(&p, 0, sizeof(p));
	p.has = PEER_ADDR;
	p.addr = want.v[0].addr;
	vnetfab_peer_paths(&p, &got);
	assert_int_equal(got.n, 1);
	assert_false(got.v[0].has_local);
}

static void test_event_path(void **state)
{
	struct vnetfab_event_msg ev;
	struct nl_msg *msg = nlmsg_alloc();
	struct vf_addr a = addr("192.0.2.2");
	struct nlattr *nest;

	(void)state;
	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 1, 1, 0x20, 0, 0, VNETFAB_CMD_EVENT,
				    VNETFAB_GENL_VERSION));
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_EVENT,
				    VNETFAB_EVENT_PATH_ACTIVE), 0);
	assert_int_equal(nla_put_string(msg, VNETFAB_A_IFNAME, "fab0"), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_PATH, 0), 0);
	assert_int_equal(nla_put_u8(msg, VNETFAB_A_REASON,
				    VNETFAB_REASON_HOLD_DOWN), 0);
	nest = nla_nest_start(msg, VNETFAB_A_PEER);
	assert_int_equal(nla_put(msg, VNETFAB_PEER_A_ADDR4, 4, &a.v4), 0);
	put_dump_path(msg, 1, "198.51.100.2", NULL, VNETFAB_PEER_UP, 5);
	nla_nest_end(msg, nest);
	assert_int_equal(vnetfab_parse_event(nlmsg_hdr(msg), &ev), 0);
	nlmsg_free(msg);
	assert_int_equal(ev.event, VNETFAB_EVENT_PATH_ACTIVE);
	assert_true(ev.has_path && ev.has_reason && ev.has_peer);
	assert_int_equal(ev.path, 0);
	assert_int_equal(ev.reason, VNETFAB_REASON_HOLD_DOWN);
	assert_int_equal(ev.peer.n_paths, 1);
}

/* ---- output ----------------------------------------------------------- */

static void test_print_paths(void **state)
{
	struct vnetfab_peer p[2];
	struct nl_msg *msg;
	struct cap c;

	(void)state;
	msg = dump_msg(true);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &p[0]), 0);
	nlmsg_free(msg);
	p[0].has |= PEER_DSTPORT | PEER_STATE_MS;
	p[0].dstport = 4789;
	p[0].state_ms = 900;
	/* a peer of one path: its active path, no path list */
	memset(&p[1], 0, sizeof(p[1]));
	p[1].has = PEER_ADDR | PEER_ACTIVE_PATH | PEER_STATE;
	p[1].addr = addr("192.0.2.3");
	p[1].state = VNETFAB_PEER_UNKNOWN;

	print_peers_text(cap_open(&c), p, 2);
	cap_check(&c,
		  "192.0.2.2 local 192.0.2.1 dstport 4789  tx - pkts - bytes  rx - pkts - bytes  dropped -  state up for 900 ms  active-path 1  probes sent - answered - received -  state-changes -  path-changes 3  tx-peer-down -\n"
		  "    path 0 192.0.2.2 local 192.0.2.1  state down for 100 ms  probes sent 102 answered 103  state-changes 104\n"
		  "    path 2 203.0.113.2  state unknown for 300 ms  probes sent 302 answered 303  state-changes 304\n"
		  "    path 1 198.51.100.2 local 198.51.100.1  state up for 200 ms  last rx 201 ms  probes sent 202 answered 203  state-changes 204\n"
		  "192.0.2.3  state unknown  active-path 0\n");

	print_peers_json(cap_open(&c), p, 2);
	cap_check(&c,
		  "[{\"remote\":\"192.0.2.2\",\"local\":\"192.0.2.1\","
		  "\"dstport\":4789,\"stats\":{\"path_changes\":3},"
		  "\"state\":\"up\",\"state_ms\":900,"
		  "\"active_path\":1,\"paths\":["
		  "{\"index\":0,\"remote\":\"192.0.2.2\",\"local\":\"192.0.2.1\","
		  "\"state\":\"down\",\"state_ms\":100,\"probes_sent\":102,"
		  "\"probes_answered\":103,\"state_changes\":104},"
		  "{\"index\":2,\"remote\":\"203.0.113.2\",\"state\":\"unknown\","
		  "\"state_ms\":300,\"probes_sent\":302,\"probes_answered\":303,"
		  "\"state_changes\":304},"
		  "{\"index\":1,\"remote\":\"198.51.100.2\","
		  "\"local\":\"198.51.100.1\",\"state\":\"up\",\"state_ms\":200,"
		  "\"last_rx_ms\":201,\"probes_sent\":202,\"probes_answered\":203,"
		  "\"state_changes\":204}]},"
		  "{\"remote\":\"192.0.2.3\",\"state\":\"unknown\","
		  "\"active_path\":0}]\n");

	/* the stats: path_changes with the others */
	p[0].has = PEER_ADDR | PEER_STATS;
	p[0].n_paths = 0;
	p[0].stats_has = 1u << PEER_ST_PATH_CHANGES;
	print_peers_json(cap_open(&c), p, 1);
	cap_check(&c, "[{\"remote\":\"192.0.2.2\",\"stats\":{\"path_changes\":3}}]\n");
}

/* the JSON of a path event: its fields after "id":100 */
#define EV_JSON(name, rest) "{\"event\":\"" name "\",\"ifname\":\"fab0\"," \
	"\"ifindex\":7,\"id\":100," rest "}\n"
#define EV_PEER "\"remote\":\"192.0.2.2\",\"state\":\"up\","

static void test_print_path_events(void **state)
{
	static const struct {
		uint8_t event, reason, path;
		bool peer, paths;	/* a peer nest; with its paths */
		const char *text, *json;
	} cases[] = {
		{ VNETFAB_EVENT_PATH_DOWN, VNETFAB_REASON_TIMEOUT, 1, true, true,
		  "fab0 path_down remote 192.0.2.2 state up path 1 198.51.100.2 reason timeout\n",
		  EV_JSON("path_down", EV_PEER "\"path\":1,"
			  "\"path_addr\":\"198.51.100.2\",\"reason\":\"timeout\"") },
		/* failback to the peer's own address: path 0 */
		{ VNETFAB_EVENT_PATH_ACTIVE, VNETFAB_REASON_HOLD_DOWN, 0, true,
		  false,
		  "fab0 path_active remote 192.0.2.2 state up path 0 192.0.2.2 reason hold_down\n",
		  EV_JSON("path_active", EV_PEER "\"path\":0,"
			  "\"path_addr\":\"192.0.2.2\",\"reason\":\"hold_down\"") },
		/* a path the peer nest does not list: its index alone */
		{ VNETFAB_EVENT_PATH_UP, VNETFAB_REASON_REPLY, 2, true, false,
		  "fab0 path_up remote 192.0.2.2 state up path 2 reason reply\n",
		  EV_JSON("path_up", EV_PEER "\"path\":2,\"reason\":\"reply\"") },
		/* no peer nest; a reason this build does not know */
		{ VNETFAB_EVENT_PATH_UP, VNETFAB_REASON_UNREACHABLE + 1, 2, false,
		  false, "fab0 path_up path 2 reason reason(7)\n",
		  EV_JSON("path_up", "\"path\":2,\"reason\":\"reason(7)\"") },
	};
	struct vnetfab_event_msg ev = {
		.ifindex = 7, .id = 100, .ifname = "fab0", .has_reason = true,
		.has_path = true,
	};
	struct vnetfab_peer peer;
	struct nl_msg *msg;
	struct cap c;
	size_t i;

	(void)state;
	assert_string_equal(print_event_name(VNETFAB_EVENT_PATH_UP), "path_up");
	assert_string_equal(print_event_name(VNETFAB_EVENT_PATH_DOWN), "path_down");
	assert_string_equal(print_event_name(VNETFAB_EVENT_PATH_ACTIVE), "path_active");
	assert_string_equal(print_event_name(VNETFAB_EVENT_PORT_VIOLATION),
			    "port_violation");
	assert_string_equal(print_event_name(VNETFAB_EVENT_PORT_VIOLATION + 1), "unknown");
	msg = dump_msg(false);
	assert_int_equal(vnetfab_parse_peer(nlmsg_hdr(msg), &peer), 0);
	nlmsg_free(msg);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ev.event = cases[i].event;
		ev.reason = cases[i].reason;
		ev.path = cases[i].path;
		ev.has_peer = cases[i].peer;
		ev.peer = peer;
		if (!cases[i].paths)
			ev.peer.n_paths = 0;
		print_event_text(cap_open(&c), &ev);
		cap_check(&c, cases[i].text);
		print_event_json(cap_open(&c), &ev);
		cap_check(&c, cases[i].json);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_paths_misc),
		cmocka_unit_test(test_addr_refs),
		cmocka_unit_test(test_args_peer_paths),
		cmocka_unit_test(test_hold_down),
		cmocka_unit_test(test_config_paths),
		cmocka_unit_test(test_config_paths_bad),
		cmocka_unit_test(test_put_peer),
		cmocka_unit_test(test_dump_paths),
		cmocka_unit_test(test_event_path),
		cmocka_unit_test(test_print_paths),
		cmocka_unit_test(test_print_path_events),
	};

	return cmocka_run_group_tests_name("paths", tests, NULL, NULL);
}
