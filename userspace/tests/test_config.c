// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for config.c, configcheck.c and configwrite.c: the parser
 * and validator of vnetfab.conf(5) on the corpus of tests/config/
 * (good-*.conf parse, each bad-*.conf is refused with its message, line
 * number included), on files made in memory, and the writer (what it
 * writes parses back the same).
 * Run from userspace/.
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

#include <linux/vnetfab.h>

#include "config.h"
#include "tests/helpers.h"

#define DIR	"tests/config/"

static char err[CONFIG_ERRLEN];

/* every bad file of the corpus, and what it must say */
static const struct {
	const char *file;
	const char *msg;
} bad[] = {
	{ "bad-unknown-object.conf",
	  "3: unknown object 'bridge' (expected segment, peer, fdb, port or host; '#' starts a comment)" },
	{ "bad-unknown-keyword.conf",
	  "1: segment: unknown keyword 'colour' (expected id, encap, local, dstport, dev, ttl, tos, df, ageing, learning, maxaddr, probe, probe-misses, hold-down, peer-storm, peer-storm-burst, share, priority, mtu or hosts)" },
	{ "bad-twice.conf",
	  "2: segment: 'ttl' given twice (each keyword once per line)" },
	{ "bad-missing-value.conf", "1: segment: 'id' needs a value" },
	{ "bad-missing-name.conf",
	  "2: segment: missing segment name (segment NAME [id N] [encap udp|gre] [local ADDR] [dstport N] [dev IFNAME] [ttl N] [tos N|inherit] [df unset|set|inherit] [ageing SECONDS] [learning on|off] [maxaddr N] [probe MS|off] [probe-misses N] [hold-down MS] [peer-storm PPS|off] [peer-storm-burst N] [mtu N] [hosts NAME[,NAME]...])" },
	{ "bad-id-range.conf",
	  "1: segment: invalid segment id '16777216' (expected 1..16777215)" },
	{ "bad-id-junk.conf",
	  "1: segment: invalid segment id '0x10g' (expected 1..16777215)" },
	{ "bad-ttl.conf", "1: segment: invalid ttl '0' (expected 1..255)" },
	{ "bad-tos.conf",
	  "1: segment: invalid tos '256' (expected 0..255, 0x00..0xff or inherit)" },
	{ "bad-df.conf",
	  "1: segment: invalid df 'on' (expected unset, set or inherit)" },
	{ "bad-ageing.conf",
	  "1: segment: invalid ageing '1000001' (expected 1..1000000)" },
	{ "bad-learning.conf",
	  "1: segment: invalid learning 'yes' (expected on or off)" },
	{ "bad-maxaddr.conf",
	  "1: segment: invalid maxaddr '16777217' (expected 1..16777216)" },
	{ "bad-encap.conf",
	  "1: segment: invalid encap 'ipip' (expected udp or gre)" },
	{ "bad-dstport.conf",
	  "2: peer: invalid dstport '65536' (expected 1..65535)" },
	{ "bad-ifname.conf",
	  "1: segment: invalid device name 'fab1234567890123': longer than 15 bytes" },
	{ "bad-dev.conf",
	  "1: segment: invalid device name 'a/b': contains '/', ':' or whitespace" },
	{ "bad-local.conf",
	  "1: segment: invalid local address '192.0.2.999' (expected IPv4 or IPv6)" },
	{ "bad-local-multicast.conf",
	  "1: segment: local address 239.1.1.1 is not a unicast address (expected this host's unicast IPv4 or IPv6 address)" },
	{ "bad-dup-segment.conf",
	  "3: segment fab100 is already defined on line 1 (one line per segment)" },
	{ "bad-dup-key.conf",
	  "2: segment fab101: id 100 and dstport 4789 are also those of segment fab100 on line 1 (UDP segments need distinct id and dstport pairs)" },
	{ "bad-dup-gre.conf",
	  "2: segment fab101: encap gre id 5 is also that of segment fab100 on line 1 (GRE segments need distinct ids)" },
	{ "bad-dup-peer.conf",
	  "4: peer: 192.0.2.2 is already a peer of fab100 on line 2 (each address once per segment)" },
	{ "bad-dup-peer6.conf",
	  "3: peer: 2001:db8::2 is already a peer of fab100 on line 2 (each address once per segment)" },
	{ "bad-dup-mac.conf",
	  "3: fdb: 02:00:00:00:00:01 of fab100 already has an entry on line 2 (one entry per MAC address and segment)" },
	{ "bad-peer-addr.conf",
	  "2: peer: invalid peer address '192.0.2.999' (expected IPv4 or IPv6)" },
	{ "bad-peer-multicast.conf",
	  "2: peer: 224.0.0.9 is not a unicast address (a peer is a host's unicast IPv4 or IPv6 address)" },
	{ "bad-peer-missing-addr.conf",
	  "2: peer: missing peer address (peer SEG ADDR [local ADDR] [path ADDR [local ADDR]]... [dstport N] [probe MS|off])" },
	{ "bad-peer-keyword.conf",
	  "2: peer: unknown keyword 'port' (expected local, path, dstport or probe)" },
	{ "bad-probe-min.conf",
	  "1: segment: invalid probe '50': probe must be off or 100..60000 ms" },
	{ "bad-probe-max.conf",
	  "2: segment: invalid probe '60001': probe must be off or 100..60000 ms" },
	{ "bad-probe-misses-min.conf",
	  "1: segment: invalid probe-misses '1': probe-misses must be 2..255" },
	{ "bad-probe-misses-max.conf",
	  "1: segment: invalid probe-misses '256': probe-misses must be 2..255" },
	{ "bad-peer-probe.conf",
	  "2: peer: invalid probe 'abc': probe must be off or 100..60000 ms" },
	{ "bad-peer-probe-twice.conf",
	  "2: peer: 'probe' given twice (each keyword once per line)" },
	{ "bad-peer-undefined.conf",
	  "2: peer: segment fab101 is not defined in this file (add a line 'segment fab101 ...')" },
	{ "bad-fdb-undefined.conf",
	  "2: fdb: segment fab101 is not defined in this file (add a line 'segment fab101 ...')" },
	{ "bad-fdb-not-peer.conf",
	  "3: fdb: remote 192.0.2.3 is not a peer of fab100 in this file (add a line 'peer fab100 192.0.2.3')" },
	{ "bad-fdb-other-seg-peer.conf",
	  "4: fdb: remote 192.0.2.2 is not a peer of fab100 in this file (add a line 'peer fab100 192.0.2.2')" },
	{ "bad-fdb-mac.conf",
	  "2: fdb: invalid MAC address '02:00:00:00:00' (expected aa:bb:cc:dd:ee:ff)" },
	{ "bad-fdb-multicast.conf",
	  "2: fdb: 01:00:5e:00:00:01 is a multicast MAC address (static entries take unicast, non-zero MAC addresses)" },
	{ "bad-fdb-zero.conf",
	  "2: fdb: the MAC address is all zeros (static entries take unicast, non-zero MAC addresses)" },
	{ "bad-fdb-two-dests.conf",
	  "2: fdb: give only one of 'remote ADDR', 'port IFNAME', 'local' and 'host NAME'" },
	{ "bad-fdb-no-dest.conf",
	  "2: fdb: missing destination (fdb SEG MAC remote ADDR | port IFNAME | local | host NAME)" },
	{ "bad-fdb-port.conf", "2: fdb: 'port' needs a value" },
	{ "bad-gre-ipv6-peer.conf",
	  "2: peer: 2001:db8::2 is IPv6, but segment fab100 (line 1) is encap gre, which carries IPv4 peers only" },
	{ "bad-gre-dstport.conf",
	  "1: segment: dstport applies to encap udp only (a GRE segment has no port)" },
	{ "bad-gre-peer-dstport.conf",
	  "2: peer: dstport applies to encap udp only, and segment fab100 (line 1) is encap gre" },
	{ "bad-gre-local6.conf",
	  "1: segment: encap gre carries an IPv4 underlay only (use an IPv4 local address or encap udp)" },
	{ "bad-local-family.conf",
	  "3: peer: 2001:db8::2 is IPv6, but segment fab100 (line 1) has the IPv4 local address 192.0.2.1 (its peers must be of the same family)" },
	{ "bad-first-line.conf",
	  "3: peer: segment fab101 is not defined in this file (add a line 'segment fab101 ...')" },
	/* mtu and port lines */
	{ "bad-mtu.conf", "1: segment: invalid mtu '67' (expected 68..65465)" },
	{ "bad-mtu-max.conf",
	  "1: segment: invalid mtu '65466' (expected 68..65465)" },
	{ "bad-port-undefined.conf",
	  "2: port: segment fab101 is not defined in this file (add a line 'segment fab101 ...')" },
	{ "bad-port-twice.conf",
	  "4: port: tap0 is already a port on line 3 (a device is the port of one segment, named once)" },
	{ "bad-port-segment.conf",
	  "3: port: fab101 is a segment of this file (a port is a device such as a VM's tap or a veth)" },
	{ "bad-port-underlay.conf",
	  "2: port: ul0 is the underlay device of segment fab100 (line 1): it carries the tunnel and cannot be a port" },
	{ "bad-port-missing.conf",
	  "2: port: missing the device to enslave (port SEG IFNAME)" },
	{ "bad-port-extra.conf",
	  "2: port: unexpected word 'tap1' (port SEG IFNAME: one device a line)" },
	{ "bad-fabric-port.conf",
	  "4: port: a fabric file has no port lines (ports are each host's own: enslave them with 'ip link set IFNAME master SEG', or apply a plain file on that host)" },
	/* host lines, and fabric files (files with host lines) */
	{ "bad-host-name.conf",
	  "2: host: invalid host name '-h2' (letters, digits, '.', '_' and '-', not first)" },
	{ "bad-host-missing-addr.conf",
	  "2: host: missing address of host h2 (host NAME ADDR [path ADDR]...)" },
	{ "bad-host-addr.conf",
	  "1: host: invalid host address '192.0.2.300' (expected IPv4 or IPv6)" },
	{ "bad-host-path-family.conf",
	  "1: host: path 2001:db8::1: another family than 192.0.2.1 (the addresses of a host are of one family)" },
	{ "bad-host-keyword.conf",
	  "1: host: unknown keyword 'local' (expected path ADDR)" },
	{ "bad-host-multicast.conf",
	  "1: host: 224.0.0.1 is not a unicast address (a host's underlay addresses are unicast IPv4 or IPv6 addresses)" },
	{ "bad-host-paths.conf",
	  "1: host: at most 4 addresses per host (ADDR and 3 path)" },
	{ "bad-host-path-twice.conf",
	  "1: host: path 192.0.2.1: given twice for this host (each address once)" },
	{ "bad-hosts-plain.conf",
	  "2: segment fab100: host h1 is not defined in this file (add a line 'host h1 ADDR')" },
	{ "bad-fdb-host-plain.conf",
	  "3: fdb: host h2 is not defined in this file (add a line 'host h2 ADDR')" },
	{ "bad-fdb-host-twice.conf",
	  "4: fdb: 'host' given twice (each keyword once per line)" },
	{ "bad-fabric-host-undefined.conf",
	  "3: segment fab100: host h3 is not defined in this file (add a line 'host h3 ADDR')" },
	{ "bad-fabric-no-host.conf",
	  "4: segment fab200 is carried by no host (add 'hosts NAME[,NAME]...': the hosts of this file that carry it)" },
	{ "bad-fabric-dup-host.conf",
	  "3: host h1 is already defined on line 1 (one line per host)" },
	{ "bad-fabric-dup-id.conf",
	  "4: segment fab101: id 100 and dstport 4789 are also those of segment fab100 on line 3 (UDP segments need distinct id and dstport pairs)" },
	{ "bad-fabric-dup-addr.conf",
	  "3: host h3: 198.51.100.1 is also an address of host h1 on line 1 (each address is one host's)" },
	{ "bad-fabric-mac-host.conf",
	  "6: fdb: host h3 does not carry segment fab100 (line 4 names its hosts; a MAC lives behind a host of its segment)" },
	{ "bad-fabric-fdb-undefined.conf",
	  "3: fdb: host h2 is not defined in this file (add a line 'host h2 ADDR')" },
	{ "bad-fabric-peer.conf",
	  "4: peer: a file with host lines has no peer lines: a host's peers are the other hosts that carry its segments (give 192.0.2.9 a host line and name it in the hosts of fab100)" },
	{ "bad-fabric-fdb-local.conf",
	  "4: fdb: in a file with host lines, a MAC lives behind a host (fdb fab100 02:00:00:00:00:01 host NAME)" },
	{ "bad-fabric-local.conf",
	  "3: segment fab100: in a file with host lines, its local address is each host's first address (leave 'local' out)" },
	{ "bad-fabric-family.conf",
	  "3: segment fab100: host h2 (line 2) is IPv6, host h1 (line 1) IPv4 (the hosts of a segment share one address family)" },
	{ "bad-fabric-gre6.conf",
	  "4: segment fab200: encap gre carries an IPv4 underlay only, and host h2 (line 2) is IPv6" },
	{ "bad-fabric-dup-member.conf",
	  "3: segment fab100: host h1 is named twice in its hosts (each host once)" },
	{ "bad-fabric-empty-member.conf",
	  "2: segment: hosts: an empty name in 'h1,' (hosts NAME[,NAME]...: names separated by commas, without spaces)" },
	{ "bad-fabric-hosts-twice.conf",
	  "3: segment: 'hosts' given twice (each keyword once per line)" },
	{ "bad-quotes.conf",
	  "1: quotes in '\"fab0\"': the file has no quoting (write words bare, separated by blanks)" },
	{ "bad-control.conf", "2: a control byte (0x01) in 'fab\\x01x'" },
	{ "bad-bom-line2.conf",
	  "2: a UTF-8 byte order mark (bytes EF BB BF) inside the file: it may only start the file" },
};

#define N_BAD	(sizeof(bad) / sizeof(bad[0]))

static void test_bad_corpus(void **state)
{
	char path[128], want[CONFIG_ERRLEN];
	struct vf_config c;
	size_t i;

	(void)state;
	for (i = 0; i < N_BAD; i++) {
		snprintf(path, sizeof(path), DIR "%s", bad[i].file);
		snprintf(want, sizeof(want), "%s:%s", path, bad[i].msg);
		memset(err, 0, sizeof(err));
		assert_int_equal(config_load(path, &c, err, sizeof(err)), -1);
		if (strcmp(err, want))
			print_error("%s\n got: %s\nwant: %s\n", bad[i].file, err,
				    want);
		assert_string_equal(err, want);
		/* nothing left behind */
		assert_null(c.segs);
		assert_null(c.peers);
		assert_null(c.fdb);
		assert_null(c.ports);
		assert_int_equal(c.n_segs + c.n_peers + c.n_fdb + c.n_ports, 0);
	}
}

/* every bad-*.conf of the directory has its entry above */
static void test_bad_corpus_complete(void **state)
{
	char line[256];
	FILE *p;
	size_t i, n = 0;
	bool found;

	(void)state;
	p = popen("ls " DIR " | grep '^bad-.*\\.conf$'", "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = '\0';
		found = false;
		for (i = 0; i < N_BAD; i++)
			found |= !strcmp(line, bad[i].file);
		if (!found)
			print_error("%s has no expected message\n", line);
		assert_true(found);
		n++;
	}
	assert_int_equal(pclose(p), 0);
	assert_int_equal(n, N_BAD);
}

static struct vf_config load_ok(const char *file)
{
	char path[128];
	struct vf_config c;

	snprintf(path, sizeof(path), DIR "%s", file);
	err[0] = '\0';
	if (config_load(path, &c, err, sizeof(err)))
		print_error("%s: %s\n", file, err);
	assert_string_equal(err, "");
	return c;
}

static void v4(struct vf_addr *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, s, &a->v4), 1);
}

static void v6(struct vf_addr *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, s, &a->v6), 1);
}

static void test_good_full(void **state)
{
	struct vf_config c = load_ok("good-full.conf");
	const struct cfg_segment *s;
	struct vf_addr a;

	(void)state;
	assert_int_equal(c.n_segs, 3);
	assert_int_equal(c.n_peers, 5);
	assert_int_equal(c.n_fdb, 4);

	s = &c.segs[0];
	assert_string_equal(s->name, "fab100");
	assert_int_equal(s->line, 4);
	assert_int_equal(s->id, 100);
	assert_int_equal(s->encap, VNETFAB_ENCAP_UDP);
	assert_false(s->has_local);
	assert_int_equal(s->dstport, 4789);
	assert_string_equal(s->dev, "");
	assert_int_equal(s->ttl, 64);
	assert_int_equal(s->tos, 0);
	assert_int_equal(s->df, VNETFAB_DF_UNSET);
	assert_int_equal(s->ageing, 300);
	assert_int_equal(s->learning, 1);
	assert_int_equal(s->maxaddr, 16384);
	assert_int_equal(s->probe, VNETFAB_DEFAULT_PROBE_INTERVAL);
	assert_int_equal(s->probe_misses, VNETFAB_DEFAULT_PROBE_MISSES);
	assert_int_equal(s->n_peers, 2);

	s = &c.segs[1];
	assert_string_equal(s->name, "fab101");
	assert_true(s->has_local);
	v6(&a, "2001:db8::1");
	assert_true(config_addr_eq(&s->local, &a));
	assert_int_equal(s->dstport, VNETFAB_DEFAULT_DSTPORT);
	assert_int_equal(s->ttl, 10);
	assert_int_equal(s->tos, VF_TOS_INHERIT);
	assert_int_equal(s->df, VNETFAB_DF_SET);
	assert_int_equal(s->ageing, 600);
	assert_int_equal(s->learning, 0);
	assert_int_equal(s->maxaddr, 100);

	s = &c.segs[2];
	assert_string_equal(s->name, "fab200");
	assert_int_equal(s->encap, VNETFAB_ENCAP_GRE);
	assert_int_equal(s->dstport, 0);
	assert_string_equal(s->dev, "ul0");
	v4(&a, "192.0.2.1");
	assert_true(config_addr_eq(&s->local, &a));

	/* peers: effective ports */
	v4(&a, "192.0.2.2");
	assert_true(config_addr_eq(cfg_peer_addr(&c.peers[0]), &a));
	assert_int_equal(c.peers[0].paths.n, 1);
	assert_int_equal(c.peers[0].seg, 0);
	assert_false(c.peers[0].has_dstport);
	assert_false(c.peers[0].has_probe);
	assert_int_equal(c.peers[0].dstport, 4789);
	assert_true(c.peers[1].has_dstport);
	assert_int_equal(c.peers[1].dstport, 4790);
	assert_int_equal(c.peers[1].line, 6);
	assert_int_equal(c.peers[3].seg, 1);
	assert_int_equal(c.peers[3].dstport, 4789);
	assert_int_equal(c.peers[4].seg, 2);
	assert_int_equal(c.peers[4].dstport, 0);	/* GRE */

	/* fdb */
	assert_int_equal(c.fdb[0].dest, VF_FDB_REMOTE);
	v4(&a, "192.0.2.2");
	assert_true(config_addr_eq(&c.fdb[0].remote, &a));
	assert_int_equal(c.fdb[1].dest, VF_FDB_PORT);
	assert_string_equal(c.fdb[1].port, "tap0");
	assert_int_equal(c.fdb[2].dest, VF_FDB_LOCAL);
	assert_int_equal(c.fdb[2].mac[5], 3);
	assert_int_equal(c.fdb[3].seg, 2);
	config_free(&c);
}

static void test_good_probe(void **state)
{
	struct vf_config c = load_ok("good-probe.conf");

	(void)state;
	assert_int_equal(c.n_segs, 3);
	assert_int_equal(c.n_peers, 5);
	assert_int_equal(c.segs[0].probe, 500);
	assert_int_equal(c.segs[0].probe_misses, 5);
	assert_int_equal(c.segs[1].probe, 0);		/* off */
	assert_int_equal(c.segs[1].probe_misses, VNETFAB_DEFAULT_PROBE_MISSES);
	assert_int_equal(c.segs[2].probe, 60000);
	assert_int_equal(c.segs[2].probe_misses, 255);
	assert_true(c.peers[0].has_probe);
	assert_int_equal(c.peers[0].probe, 0);
	assert_true(c.peers[1].has_probe);
	assert_int_equal(c.peers[1].probe, 2000);
	assert_int_equal(c.peers[1].dstport, 4790);
	assert_false(c.peers[2].has_probe);
	assert_true(c.peers[3].has_probe);		/* "probe 0" */
	assert_int_equal(c.peers[3].probe, 0);
	assert_true(c.peers[4].has_probe);
	assert_int_equal(c.peers[4].probe, 100);
	config_free(&c);
}

static void test_good_small(void **state)
{
	struct vf_config c;

	(void)state;
	c = load_ok("good-minimal.conf");
	assert_int_equal(c.n_segs, 1);
	assert_int_equal(c.segs[0].id, VNETFAB_ID_DEFAULT);
	assert_int_equal(c.segs[0].dstport, VNETFAB_DEFAULT_DSTPORT);
	assert_int_equal(c.segs[0].ttl, VNETFAB_DEFAULT_TTL);
	assert_int_equal(c.segs[0].ageing, VNETFAB_DEFAULT_AGEING);
	assert_int_equal(c.segs[0].maxaddr, VNETFAB_DEFAULT_MAX_ADDRS);
	assert_int_equal(c.segs[0].learning, 1);
	config_free(&c);

	/* a byte order mark before the first word: skipped */
	c = load_ok("good-bom.conf");
	assert_int_equal(c.n_segs, 1);
	assert_string_equal(c.segs[0].name, "fab0");
	config_free(&c);

	c = load_ok("good-empty.conf");
	assert_int_equal(c.n_segs + c.n_peers + c.n_fdb, 0);
	config_free(&c);

	c = load_ok("good-order.conf");
	assert_int_equal(c.n_segs, 3);
	assert_int_equal(c.n_peers, 1);
	assert_int_equal(c.n_fdb, 1);
	assert_int_equal(c.peers[0].seg, 0);
	assert_int_equal(c.peers[0].dstport, 8472);
	assert_int_equal(c.fdb[0].seg, 0);
	assert_int_equal(c.fdb[0].mac[1], 0xaa);	/* case-blind */
	assert_int_equal(c.segs[2].encap, VNETFAB_ENCAP_GRE);
	config_free(&c);
}

/* parse @text as file "mem" */
#define parse_mem(text, len, c)	parse_conf((text), (len), (c), err, sizeof(err))

static void test_mem_files(void **state)
{
	static const char nul[] = "segment fab0\nsegment fab1\0x\n";
	struct vf_config c;

	(void)state;
	assert_int_equal(parse_mem(nul, sizeof(nul) - 1, &c), -1);
	assert_string_equal(err, "mem:2: the line holds a NUL byte (this is a text file)");

	/* CRLF line ends and no final newline are fine */
	assert_int_equal(parse_mem("segment fab0 id 3\r\npeer fab0 192.0.2.2\r\nfdb fab0 02:00:00:00:00:01 remote 192.0.2.2",
				   strlen("segment fab0 id 3\r\npeer fab0 192.0.2.2\r\nfdb fab0 02:00:00:00:00:01 remote 192.0.2.2"),
				   &c), 0);
	assert_int_equal(c.segs[0].id, 3);
	assert_int_equal(c.n_fdb, 1);
	config_free(&c);

	/* ip's "nolearning" is learning off; with learning too, twice */
	assert_int_equal(parse_mem("segment fab0 nolearning ttl 5\n", 29, &c), 0);
	assert_int_equal(c.segs[0].learning, 0);
	assert_int_equal(c.segs[0].ttl, 5);
	config_free(&c);
	assert_int_equal(parse_mem("segment fab0 learning on nolearning\n", 36, &c), -1);
	assert_string_equal(err, "mem:1: segment: 'learning' given twice (each keyword once per line)");

	/* a comment must start a word */
	assert_int_equal(parse_mem("segment fab#0\n", 14, &c), 0);
	assert_string_equal(c.segs[0].name, "fab#0");
	config_free(&c);

	{
		char line[400] = "segment fab0";
		int i;

		for (i = 0; i < 16; i++)
			strcat(line, " ttl 1");
		strcat(line, "\n");
		assert_int_equal(parse_mem(line, strlen(line), &c), -1);
		assert_string_equal(err, "mem:1: more than 32 words on one line");
	}

	/* tos as ip -d link show prints it */
	assert_int_equal(parse_mem("segment fab0 tos 0x10\n", 22, &c), 0);
	assert_int_equal(c.segs[0].tos, 0x10);
	config_free(&c);

	/* an empty file: no segment at all */
	assert_int_equal(parse_mem("", 0, &c), 0);
	assert_int_equal(c.n_segs, 0);
	config_free(&c);
}

static void test_too_many_peers(void **state)
{
	size_t cap = 64 + 32 * (VF_MAX_PEERS + 1), n;
	struct vf_config c;
	char *text;
	int i;

	(void)state;
	text = malloc(cap);
	assert_non_null(text);
	n = (size_t)snprintf(text, cap, "segment fab0\n");
	for (i = 0; i < VF_MAX_PEERS; i++)
		n += (size_t)snprintf(text + n, cap - n, "peer fab0 10.%d.%d.1\n",
				      i / 250, i % 250 + 1);
	assert_int_equal(parse_mem(text, n, &c), 0);
	assert_int_equal(c.segs[0].n_peers, VF_MAX_PEERS);
	config_free(&c);
	n += (size_t)snprintf(text + n, cap - n, "peer fab0 10.99.0.1\n");
	assert_int_equal(parse_mem(text, n, &c), -1);
	assert_string_equal(err, "mem:4098: peer: segment fab0 has more than 4096 peers (the most a segment takes)");
	free(text);
}

static void test_load_errors(void **state)
{
	struct vf_config c;

	(void)state;
	assert_int_equal(config_load(DIR "no-such-file.conf", &c, err,
				     sizeof(err)), -2);
	assert_string_equal(err, DIR "no-such-file.conf: No such file or directory");
	assert_int_equal(c.n_segs, 0);
}

/* what the writer writes parses back to the same, and is written the same */
static void test_write_roundtrip(void **state)
{
	static const char *const good[] = {
		"good-full.conf", "good-minimal.conf", "good-empty.conf",
		"good-order.conf", "good-probe.conf", "good-ports.conf",
	};
	struct vf_config c, d;
	char *one, *two;
	size_t i, n1, n2;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		c = load_ok(good[i]);
		one = write_conf(&c, &n1);
		assert_int_equal(parse_mem(one, n1, &d), 0);
		assert_int_equal(d.n_segs, c.n_segs);
		assert_int_equal(d.n_peers, c.n_peers);
		assert_int_equal(d.n_fdb, c.n_fdb);
		assert_int_equal(d.n_ports, c.n_ports);
		two = write_conf(&d, &n2);
		assert_string_equal(one, two);
		free(one);
		free(two);
		config_free(&c);
		config_free(&d);
	}

	c = load_ok("good-full.conf");
	one = write_conf(&c, &n1);
	assert_string_equal(one,
		"segment fab100 id 100 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab100 192.0.2.2\n"
		"peer fab100 192.0.2.3 dstport 4790\n"
		"fdb fab100 02:00:00:00:00:01 remote 192.0.2.2\n"
		"fdb fab100 02:00:00:00:00:02 port tap0\n"
		"fdb fab100 02:00:00:00:00:03 local\n"
		"\n"
		"segment fab101 id 101 encap udp local 2001:db8::1 dstport 4789 ttl 10 tos inherit df set ageing 600 learning off maxaddr 100 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab101 2001:db8::3 dstport 4790\n"
		"peer fab101 2001:db8::4\n"
		"\n"
		"segment fab200 id 100 encap gre local 192.0.2.1 dev ul0 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab200 192.0.2.2\n"
		"fdb fab200 02:00:00:00:02:01 remote 192.0.2.2\n");
	free(one);
	config_free(&c);

	/* mtu on the segment line, when given; port lines after the peers */
	c = load_ok("good-ports.conf");
	assert_int_equal(c.segs[0].mtu, 1400);
	assert_int_equal(c.segs[1].mtu, 9000);
	assert_int_equal(c.n_ports, 3);
	assert_int_equal(c.ports[2].seg, 1);
	assert_int_equal(c.ports[2].line, 8);
	assert_string_equal(c.ports[1].dev, "veth1");
	one = write_conf(&c, &n1);
	assert_string_equal(one,
		"segment fab100 id 100 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 mtu 1400\n"
		"port fab100 tap0\n"
		"port fab100 veth1\n"
		"fdb fab100 02:00:00:00:00:02 port tap0\n"
		"\n"
		"segment fab101 id 101 encap udp dstport 4789 dev ul0 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 mtu 9000\n"
		"port fab101 tap1\n");
	free(one);
	config_free(&c);

	/* another segment's underlay may be a port (stacked segments) */
	one = "segment fab100 dev ul0\nsegment fab101 id 2\nport fab101 ul0\n";
	assert_int_equal(parse_mem(one, strlen(one), &c), 0);
	assert_int_equal(c.n_ports, 1);
	config_free(&c);

	/* liveness: every segment line says both, a peer line its own */
	c = load_ok("good-probe.conf");
	one = write_conf(&c, &n1);
	assert_string_equal(one,
		"segment fab100 id 100 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 500 probe-misses 5 hold-down 5000\n"
		"peer fab100 192.0.2.2 probe off\n"
		"peer fab100 192.0.2.3 dstport 4790 probe 2000\n"
		"peer fab100 192.0.2.4\n"
		"\n"
		"segment fab101 id 101 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe off probe-misses 3 hold-down 5000\n"
		"peer fab101 192.0.2.2 probe off\n"
		"\n"
		"segment fab102 id 102 encap gre ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 60000 probe-misses 255 hold-down 5000\n"
		"peer fab102 192.0.2.2 probe 100\n");
	assert_int_equal(parse_mem(one, n1, &d), 0);
	assert_int_equal(d.segs[1].probe, 0);
	assert_true(d.peers[0].has_probe);
	assert_int_equal(d.peers[0].probe, 0);
	assert_int_equal(d.peers[1].probe, 2000);
	assert_false(d.peers[2].has_probe);
	free(one);
	config_free(&c);
	config_free(&d);
}

/* config_validate() on a configuration built by hand (as dump-config's) */
static void test_validate(void **state)
{
	struct cfg_segment segs[2];
	struct cfg_peer peers[2];
	struct cfg_fdb fdb[1];
	struct vf_config c = {
		.segs = segs, .n_segs = 2, .peers = peers, .n_peers = 2,
		.fdb = fdb, .n_fdb = 1,
	};

	(void)state;
	config_segment_defaults(&segs[0]);
	config_segment_defaults(&segs[1]);
	strcpy(segs[0].name, "a");
	strcpy(segs[1].name, "b");
	segs[0].line = 1;
	segs[1].line = 2;
	segs[1].id = 2;
	memset(peers, 0, sizeof(peers));
	peers[0].line = 3;
	peers[1].line = 4;
	v4(&peers[0].paths.v[0].addr, "192.0.2.2");
	v4(&peers[1].paths.v[0].addr, "192.0.2.2");
	peers[0].paths.n = peers[1].paths.n = 1;
	peers[1].seg = 1;
	memset(fdb, 0, sizeof(fdb));
	fdb[0].line = 5;
	fdb[0].seg = 1;
	fdb[0].mac[0] = 2;
	fdb[0].dest = VF_FDB_REMOTE;
	v4(&fdb[0].remote, "192.0.2.2");
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), 0);
	assert_int_equal(segs[0].n_peers, 1);
	assert_int_equal(peers[1].dstport, 4789);

	segs[1].id = 1;
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), -1);
	assert_string_equal(err, "x:2: segment b: id 1 and dstport 4789 are also those of segment a on line 1 (UDP segments need distinct id and dstport pairs)");
	segs[1].id = 2;
	fdb[0].seg = 0;
	v4(&fdb[0].remote, "192.0.2.3");
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), -1);
	assert_string_equal(err, "x:5: fdb: remote 192.0.2.3 is not a peer of a in this file (add a line 'peer a 192.0.2.3')");
	peers[1].seg = 7;
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), -1);
	assert_string_equal(err, "x:4: peer: no such segment");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_corpus),
		cmocka_unit_test(test_bad_corpus_complete),
		cmocka_unit_test(test_good_full),
		cmocka_unit_test(test_good_probe),
		cmocka_unit_test(test_good_small),
		cmocka_unit_test(test_mem_files),
		cmocka_unit_test(test_too_many_peers),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_write_roundtrip),
		cmocka_unit_test(test_validate),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
