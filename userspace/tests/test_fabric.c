// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for configfabric.c and applyhost.c: fabric files of
 * vnetfab.conf(5) (files with host lines) parsed, written back, and
 * each host's part derived from them as the plain configuration
 * "vnetfabctl apply --host NAME" applies; the host found by its
 * addresses; a --host the file does not name. (The bad fabric files of
 * tests/config/ are test_config's corpus; a dry run of a host's part on
 * a running state is test_apply's.) Run from userspace/.
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

#include "apply.h"
#include "applydiff.h"
#include "tests/helpers.h"

#define DIR	"tests/config/"

static char err[CONFIG_ERRLEN];

static struct vf_config load_ok(const char *file)
{
	struct vf_config c;

	err[0] = '\0';
	if (config_load(file, &c, err, sizeof(err)))
		fail_msg("%s: %s", file, err);
	return c;
}

static struct vf_config mem_ok(const char *text)
{
	struct vf_config c;

	if (parse_conf(text, strlen(text), &c, err, sizeof(err)))
		fail_msg("%s", err);
	return c;
}

static void v4(struct vf_addr *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, s, &a->v4), 1);
}

/* what config_write() writes of host @name's part of @c */
static char *part_of(const struct vf_config *c, const char *name)
{
	struct vf_config p;
	long h = config_host_find(c, name);
	size_t n;
	char *text;

	assert_true(h >= 0);
	if (config_host_part(c, (size_t)h, "mem", &p, err, sizeof(err)))
		fail_msg("%s", err);
	text = write_conf(&p, &n);
	config_free(&p);
	return text;
}

static void check_part(const struct vf_config *c, const char *name,
		       const char *want)
{
	char *got = part_of(c, name);

	if (strcmp(got, want))
		print_error("part of %s:\n%s\nwant:\n%s\n", name, got, want);
	assert_string_equal(got, want);
	free(got);
}

/* the file whole: hosts, who carries what, the MACs behind whom */
static void test_parse(void **state)
{
	struct vf_config c = load_ok(DIR "good-fabric.conf");
	struct vf_addr a;

	(void)state;
	assert_true(config_is_fabric(&c));
	assert_int_equal(c.n_hosts, 4);
	assert_int_equal(c.n_segs, 3);
	assert_int_equal(c.n_peers, 0);
	assert_int_equal(c.n_fdb, 3);
	assert_string_equal(c.hosts[1].name, "h2");
	assert_int_equal(c.hosts[1].line, 3);
	assert_int_equal(c.hosts[1].addrs.n, 2);
	v4(&a, "198.51.100.2");
	assert_true(config_addr_eq(&c.hosts[1].addrs.v[1].addr, &a));
	assert_false(c.hosts[1].addrs.v[1].has_local);
	/* h4 comes after the segment that names it */
	assert_string_equal(c.hosts[3].name, "h4");
	assert_int_equal(c.hosts[3].line, 14);

	assert_int_equal(c.n_members, 7);
	assert_int_equal(c.segs[1].first_member, 3);
	assert_int_equal(c.segs[1].n_members, 2);
	assert_int_equal(c.members[3].host, 1);	/* fab200: h2, h3 */
	assert_int_equal(c.members[4].host, 2);
	assert_int_equal(c.members[5].host, 3);	/* fab300: h4, h1 */
	assert_int_equal(c.members[6].host, 0);
	assert_false(c.segs[0].has_local);
	assert_int_equal(c.segs[1].encap, VNETFAB_ENCAP_GRE);
	assert_int_equal(c.segs[1].ttl, 32);

	assert_true(c.fdb[1].has_host);
	assert_int_equal(c.fdb[1].host, 2);
	assert_int_equal(c.fdb[2].seg, 1);
	assert_int_equal(c.fdb[2].host, 1);
	config_free(&c);
}

/* written back: host lines first, "hosts" and "host NAME"; parses the same */
static void test_write(void **state)
{
	struct vf_config c = load_ok(DIR "good-fabric.conf"), d;
	char *one, *two;
	size_t n1, n2;

	(void)state;
	one = write_conf(&c, &n1);
	assert_string_equal(one,
		"host h1 192.0.2.1\n"
		"host h2 192.0.2.2 path 198.51.100.2\n"
		"host h3 192.0.2.3 path 198.51.100.3\n"
		"host h4 192.0.2.4\n"
		"\n"
		"segment fab100 id 100 encap udp dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 hosts h1,h2,h3\n"
		"fdb fab100 02:00:00:00:01:01 host h1\n"
		"fdb fab100 02:00:00:00:01:03 host h3\n"
		"\n"
		"segment fab200 id 200 encap gre ttl 32 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 hosts h2,h3\n"
		"fdb fab200 02:00:00:00:02:02 host h2\n"
		"\n"
		"segment fab300 id 300 encap udp dstport 8472 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000 hosts h4,h1\n");
	assert_int_equal(parse_conf(one, n1, &d, err, sizeof(err)), 0);
	two = write_conf(&d, &n2);
	assert_string_equal(one, two);
	free(one);
	free(two);
	config_free(&d);
	config_free(&c);
}

static const char three[] =
	"host h1 192.0.2.1\n"
	"host h2 192.0.2.2\n"
	"host h3 192.0.2.3\n"
	"segment fab100 id 100 hosts h1,h2,h3\n"
	"segment fab200 id 200 ageing 600 hosts h1,h2\n"
	"fdb fab100 02:00:00:00:01:01 host h1\n"
	"fdb fab100 02:00:00:00:01:02 host h2\n"
	"fdb fab100 02:00:00:00:01:03 host h3\n"
	"fdb fab200 02:00:00:00:02:01 host h1\n";

/*
 * Each host's view of a file of three: its segments with its own
 * address as local, the other hosts of each as peers, the MACs behind
 * them as static entries towards them; its own MACs are not there.
 */
static void test_part_three(void **state)
{
	struct vf_config c = mem_ok(three), p;

	(void)state;
	check_part(&c, "h1",
		"segment fab100 id 100 encap udp local 192.0.2.1 dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab100 192.0.2.2\n"
		"peer fab100 192.0.2.3\n"
		"fdb fab100 02:00:00:00:01:02 remote 192.0.2.2\n"
		"fdb fab100 02:00:00:00:01:03 remote 192.0.2.3\n"
		"\n"
		"segment fab200 id 200 encap udp local 192.0.2.1 dstport 4789 ttl 64 tos 0 df unset ageing 600 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab200 192.0.2.2\n");
	check_part(&c, "h2",
		"segment fab100 id 100 encap udp local 192.0.2.2 dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab100 192.0.2.1\n"
		"peer fab100 192.0.2.3\n"
		"fdb fab100 02:00:00:00:01:01 remote 192.0.2.1\n"
		"fdb fab100 02:00:00:00:01:03 remote 192.0.2.3\n"
		"\n"
		"segment fab200 id 200 encap udp local 192.0.2.2 dstport 4789 ttl 64 tos 0 df unset ageing 600 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab200 192.0.2.1\n"
		"fdb fab200 02:00:00:00:02:01 remote 192.0.2.1\n");
	check_part(&c, "h3",
		"segment fab100 id 100 encap udp local 192.0.2.3 dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab100 192.0.2.1\n"
		"peer fab100 192.0.2.2\n"
		"fdb fab100 02:00:00:00:01:01 remote 192.0.2.1\n"
		"fdb fab100 02:00:00:00:01:02 remote 192.0.2.2\n");

	/* the part is a valid plain file: lines kept, ports filled in */
	assert_int_equal(config_host_part(&c, 2, "mem", &p, err, sizeof(err)),
			 0);
	assert_false(config_is_fabric(&p));
	assert_int_equal(p.n_members, 0);
	assert_int_equal(p.segs[0].line, 4);
	assert_int_equal(p.segs[0].n_peers, 2);
	assert_int_equal(p.peers[0].line, 4);
	assert_int_equal(p.peers[0].dstport, 4789);
	assert_int_equal(p.fdb[1].line, 7);
	assert_false(p.fdb[1].has_host);
	config_free(&p);
	config_free(&c);
}

/*
 * Paths: a host's further addresses are the further paths of the peer
 * that it is, each sent from this host's address of the same rank when
 * it has one (path 0: from the segment's local); GRE, another port.
 */
static void test_part_paths(void **state)
{
	struct vf_config c = load_ok(DIR "good-fabric.conf");

	(void)state;
	check_part(&c, "h1",
		"segment fab100 id 100 encap udp local 192.0.2.1 dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab100 192.0.2.2 path 198.51.100.2\n"
		"peer fab100 192.0.2.3 path 198.51.100.3\n"
		"fdb fab100 02:00:00:00:01:03 remote 192.0.2.3\n"
		"\n"
		"segment fab300 id 300 encap udp local 192.0.2.1 dstport 8472 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab300 192.0.2.4\n");
	check_part(&c, "h2",
		"segment fab100 id 100 encap udp local 192.0.2.2 dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab100 192.0.2.1\n"
		"peer fab100 192.0.2.3 path 198.51.100.3 local 198.51.100.2\n"
		"fdb fab100 02:00:00:00:01:01 remote 192.0.2.1\n"
		"fdb fab100 02:00:00:00:01:03 remote 192.0.2.3\n"
		"\n"
		"segment fab200 id 200 encap gre local 192.0.2.2 ttl 32 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab200 192.0.2.3 path 198.51.100.3 local 198.51.100.2\n");
	check_part(&c, "h4",
		"segment fab300 id 300 encap udp local 192.0.2.4 dstport 8472 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab300 192.0.2.1\n");
	config_free(&c);

	/* IPv6; a host that carries nothing has an empty part */
	c = load_ok(DIR "good-fabric6.conf");
	check_part(&c, "b",
		"segment fab100 id 100 encap udp local 2001:db8::2 dstport 4789 ttl 64 tos 0 df unset ageing 300 learning on maxaddr 16384 probe 1000 probe-misses 3 hold-down 5000\n"
		"peer fab100 2001:db8::1\n");
	check_part(&c, "spare", "");
	config_free(&c);
}

/* a part the kernel could not take: more peers than a segment has */
static void test_part_too_many_peers(void **state)
{
	size_t cap = 64 + 40 * (VF_MAX_PEERS + 2), n = 0;
	struct vf_config c, p;
	char *text;
	int i;

	(void)state;
	text = malloc(cap);
	assert_non_null(text);
	n += (size_t)snprintf(text + n, cap - n, "segment fab0 hosts all\n");
	for (i = 0; i <= VF_MAX_PEERS + 1; i++)
		n += (size_t)snprintf(text + n, cap - n, "host h%d 10.%d.%d.1\n",
				      i, i / 250, i % 250 + 1);
	/* "hosts all" is no keyword: a host named all */
	n += (size_t)snprintf(text + n, cap - n, "host all 10.99.0.1\n");
	assert_int_equal(parse_conf(text, n, &c, err, sizeof(err)), 0);
	/* all (alone on fab0) has no peer; nor does h0, which carries nothing */
	assert_int_equal(config_host_part(&c, c.n_hosts - 1, "mem", &p, err,
					  sizeof(err)), 0);
	assert_int_equal(p.n_segs, 1);
	assert_int_equal(p.n_peers, 0);
	config_free(&p);
	config_free(&c);

	/* 4098 hosts on one segment: each has 4097 peers */
	n = (size_t)snprintf(text, cap, "segment fab0 hosts h0");
	for (i = 1; i <= VF_MAX_PEERS + 1; i++)
		n += (size_t)snprintf(text + n, cap - n, ",h%d", i);
	n += (size_t)snprintf(text + n, cap - n, "\n");
	for (i = 0; i <= VF_MAX_PEERS + 1; i++)
		n += (size_t)snprintf(text + n, cap - n, "host h%d 10.%d.%d.1\n",
				      i, i / 250, i % 250 + 1);
	assert_int_equal(parse_conf(text, n, &c, err, sizeof(err)), 0);
	assert_int_equal(config_host_part(&c, 0, "mem", &p, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "mem:1: peer: segment fab0 has more than 4096 peers (the most a segment takes)");
	assert_null(p.segs);
	config_free(&c);
	free(text);
}

/* config_validate() of a fabric made in memory: indexes checked too */
static void test_validate(void **state)
{
	struct vf_config c = mem_ok(three);

	(void)state;
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), 0);
	c.members[4].host = 7;
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), -1);
	assert_string_equal(err, "x:5: segment: no such host");
	c.members[4].host = 0;
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), -1);
	assert_string_equal(err, "x:5: segment fab200: host h1 is named twice in its hosts (each host once)");
	c.members[4].host = 1;
	c.fdb[3].host = 2;	/* fab200's MAC behind h3, which lacks it */
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), -1);
	assert_string_equal(err, "x:9: fdb: host h3 does not carry segment fab200 (line 5 names its hosts; a MAC lives behind a host of its segment)");
	c.fdb[3].host = 9;
	assert_int_equal(config_validate(&c, "x", err, sizeof(err)), -1);
	assert_string_equal(err, "x:9: fdb: no such host");
	config_free(&c);
}

/* the host of this host's addresses: one, none, two */
static void test_by_addrs(void **state)
{
	struct vf_config c = load_ok(DIR "good-fabric.conf");
	struct vf_addr local[3];
	size_t host = 99;

	(void)state;
	v4(&local[0], "10.0.0.1");
	v4(&local[1], "198.51.100.3");		/* h3's second address */
	v4(&local[2], "127.0.0.1");
	assert_int_equal(config_host_by_addrs(&c, "f.conf", local, 3, &host,
					      err, sizeof(err)), 0);
	assert_int_equal(host, 2);
	assert_int_equal(config_host_by_addrs(&c, "f.conf", local, 1, &host,
					      err, sizeof(err)), -1);
	assert_string_equal(err, "f.conf: no host line of this file has an address of this host (pass --host NAME)");
	v4(&local[0], "192.0.2.1");
	assert_int_equal(config_host_by_addrs(&c, "f.conf", local, 2, &host,
					      err, sizeof(err)), -2);
	assert_string_equal(err, "f.conf: hosts h1 (line 2) and h3 (line 4) both have addresses of this host (pass --host NAME)");
	config_free(&c);
}

/* apply's choice: --host NAME, a name the file lacks, a plain file */
static void test_apply_host(void **state)
{
	char found[CONFIG_HOSTLEN];
	struct vf_config c;

	(void)state;
	c = mem_ok(three);
	assert_int_equal(apply_host_config(&c, "f.conf", "h2", found, err,
					   sizeof(err)), APPLY_OK);
	assert_string_equal(found, "h2");
	assert_false(config_is_fabric(&c));
	assert_int_equal(c.n_segs, 2);
	assert_int_equal(c.n_peers, 3);
	assert_int_equal(c.n_fdb, 3);
	config_free(&c);

	c = mem_ok(three);
	assert_int_equal(apply_host_config(&c, "f.conf", "h9", NULL, err,
					   sizeof(err)), APPLY_USAGE);
	assert_string_equal(err, "f.conf: host h9 is not defined in this file (its hosts: h1, h2, h3)");
	/* left as it was */
	assert_int_equal(c.n_hosts, 3);
	assert_int_equal(c.n_fdb, 4);
	config_free(&c);

	c = mem_ok("segment fab0\npeer fab0 192.0.2.2\n");
	assert_int_equal(apply_host_config(&c, "f.conf", NULL, found, err,
					   sizeof(err)), APPLY_OK);
	assert_string_equal(found, "");
	assert_int_equal(c.n_peers, 1);
	assert_int_equal(apply_host_config(&c, "f.conf", "h1", NULL, err,
					   sizeof(err)), APPLY_USAGE);
	assert_string_equal(err, "f.conf: --host h1: this file has no host lines (it is the configuration of one host: apply it without --host)");
	config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_part_three),
		cmocka_unit_test(test_part_paths),
		cmocka_unit_test(test_part_too_many_peers),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_by_addrs),
		cmocka_unit_test(test_apply_host),
	};

	return cmocka_run_group_tests_name("fabric", tests, NULL, NULL);
}
