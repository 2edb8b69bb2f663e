// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for applydiff.c, applycheck.c and apply.c's walk in a dry
 * run: a vnetfab.conf(5) file against a running state fabricated in
 * memory (from a second file, plus learned entries and devices that are
 * not segments), without netlink. What a dry run prints is what apply
 * would change, in order.
 *
 * A fabric file (host lines) is applied as the part of one host: each
 * host's part on an empty namespace, on its own running state (nothing
 * to do), and after a change of membership.
 *
 * VNETFAB_DIFF_BENCH=SEGSxPEERSxFDB (e.g. 4096x64x0) times the dry run
 * of a file equal to its running state at that size, and prints it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>
#include <valgrind/valgrind.h>

#include <linux/vnetfab.h>

#include "apply.h"
#include "applydiff.h"
#include "tests/helpers.h"

static char err[CONFIG_ERRLEN];

/* dry_run() with --prune */
static bool prune;

/* a device that is not a segment: an underlay, or a port of @master */
struct extra {
	const char *name;
	const char *master;	/* a segment of the running state, or NULL */
};

/* the running peer of file peer @p, as a dump gives it */
static void run_peer_of(const struct cfg_peer *p, struct vnetfab_peer *rp)
{
	size_t k;

	memset(rp, 0, sizeof(*rp));
	rp->has = PEER_ADDR;
	rp->addr = p->paths.v[0].addr;
	if (p->paths.v[0].has_local) {
		rp->has |= PEER_LOCAL;
		rp->local = p->paths.v[0].local;
	}
	if (p->dstport) {
		rp->has |= PEER_DSTPORT;
		rp->dstport = p->dstport;
	}
	if (p->has_probe) {
		rp->has |= PEER_PROBE;
		rp->probe = p->probe;
	}
	for (k = 1; k < p->paths.n; k++) {
		struct vnetfab_path *pa = &rp->paths[rp->n_paths++];

		pa->has = PATH_INDEX | PATH_ADDR;
		pa->index = (uint8_t)k;
		pa->addr = p->paths.v[k].addr;
		if (p->paths.v[k].has_local) {
			pa->has |= PATH_LOCAL;
			pa->local = p->paths.v[k].local;
		}
	}
}

/* the running entry of file entry @f; ports by name among @r's devices */
static void run_fdb_of(const struct cfg_fdb *f, const struct running *r,
		       struct vnetfab_fdb *e)
{
	memset(e, 0, sizeof(*e));
	e->has = FDB_MAC | FDB_STATIC;
	memcpy(e->mac, f->mac, VF_MACLEN);
	if (f->dest == VF_FDB_REMOTE) {
		e->has |= FDB_PEER;
		e->peer.has = PEER_ADDR;
		e->peer.addr = f->remote;
	} else if (f->dest == VF_FDB_PORT) {
		e->has |= FDB_PORT;
		e->port_ifindex = (uint32_t)running_link(r, f->port)->ifindex;
	} else {
		e->has |= FDB_LOCAL;
	}
}

/*
 * The running state that @c describes: its segments (ifindex 100, 101...)
 * with their peers and static entries, in file order, and the devices
 * @x (ifindex 2, 3...), each ending with a NULL name. @learned more
 * learned entries on the first segment, MACs 02:1e:00:00:00:01...
 */
static void fabricate(const struct vf_config *c, const struct extra *x,
		      size_t learned, struct running *r)
{
	size_t i, j, nx = 0;
	struct rlink *l;

	while (x && x[nx].name)
		nx++;
	memset(r, 0, sizeof(*r));
	r->n = c->n_segs + nx;
	r->v = calloc(r->n, sizeof(*r->v));
	assert_non_null(r->v);
	for (i = 0; i < c->n_segs; i++) {
		l = &r->v[i];
		l->ifindex = 100 + (int)i;
		memcpy(l->name, c->segs[i].name, IFNAMSIZ);
		l->vnetfab = true;
		/* made by apply (marked), but for those named hand* */
		l->owned = strncmp(l->name, "hand", 4) != 0;
		l->cfg = c->segs[i];
		l->cfg.line = 0;
		l->cfg.n_peers = 0;
		l->peers = calloc(c->segs[i].n_peers + 1, sizeof(*l->peers));
		l->fdb = calloc(c->n_fdb + learned + 1, sizeof(*l->fdb));
		assert_non_null(l->peers);
		assert_non_null(l->fdb);
	}
	for (j = 0; j < nx; j++) {
		l = &r->v[c->n_segs + j];
		l->ifindex = 2 + (int)j;
		snprintf(l->name, sizeof(l->name), "%s", x[j].name);
	}
	/* the devices by name, for running_link() */
	assert_int_equal(running_index(r), 0);
	for (j = 0; j < nx; j++)
		if (x[j].master)
			r->v[c->n_segs + j].master =
				running_link(r, x[j].master)->ifindex;
	for (i = 0; i < c->n_segs; i++) {
		l = &r->v[i];
		if (l->cfg.dev[0])
			l->link = (uint32_t)running_link(r, l->cfg.dev)->ifindex;
	}
	for (i = 0; i < c->n_peers; i++) {
		l = &r->v[c->peers[i].seg];
		run_peer_of(&c->peers[i], &l->peers[l->n_peers++]);
	}
	for (i = 0; i < c->n_fdb; i++) {
		l = &r->v[c->fdb[i].seg];
		run_fdb_of(&c->fdb[i], r, &l->fdb[l->n_fdb++]);
	}
	for (i = 0; i < learned && c->n_segs; i++) {
		struct vnetfab_fdb *e = &r->v[0].fdb[r->v[0].n_fdb++];

		e->has = FDB_MAC | FDB_LOCAL;
		e->mac[0] = 0x02;
		e->mac[1] = 0x1e;
		e->mac[4] = (uint8_t)((i + 1) >> 8);
		e->mac[5] = (uint8_t)(i + 1);
	}
	assert_int_equal(running_index(r), 0);
}

/* parse_conf() of a string */
static void conf(const char *text, struct vf_config *c)
{
	if (parse_conf(text, strlen(text), c, err, sizeof(err)))
		fail_msg("%s", err);
}

/* the running state that the file @text describes */
static void running_of(const char *text, const struct extra *x,
		       size_t learned, struct running *r)
{
	struct vf_config c;

	conf(text, &c);
	fabricate(&c, x, learned, r);
	config_free(&c);
}

/*
 * What a dry run of @c on @r prints (free() it); its status in *@ret,
 * what it says on stderr in *@errout if not NULL (free() it).
 */
static char *dry_run(const struct vf_config *c, struct running *r, int *ret,
		     char **errout)
{
	struct diff d;
	struct walk w;
	struct cap out, errs;
	FILE *so = stdout, *se = stderr;

	assert_int_equal(diff_init(&d, c, r), 0);
	d.prune = prune;
	cap_open(&out);
	cap_open(&errs);
	stdout = out.f;
	stderr = errs.f;
	*ret = apply_check(&d, "mem");
	if (!*ret) {
		w = (struct walk){ .c = c, .fname = "mem", .r = r, .d = &d,
				   .dry = true };
		*ret = apply_walk(&w);
	}
	stdout = so;
	stderr = se;
	diff_free(&d);
	assert_int_equal(fclose(errs.f), 0);
	if (errout)
		*errout = errs.buf;
	else
		free(errs.buf);
	assert_int_equal(fclose(out.f), 0);
	return out.buf;
}

/* a dry run of file @file on the running state @running prints @want */
static void check_run(const char *file, const char *running,
		      const struct extra *x, size_t learned, const char *want)
{
	struct vf_config c;
	struct running r;
	char *got;
	int ret;

	conf(file, &c);
	running_of(running, x, learned, &r);
	got = dry_run(&c, &r, &ret, NULL);
	assert_int_equal(ret, 0);
	assert_string_equal(got, want);
	free(got);
	running_free(&r);
	config_free(&c);
}

/* every kind of object: segments, peers with paths, entries of each kind */
static const char full[] =
	"segment fab0 id 10 dev eth0 ttl 16 learning off\n"
	"peer fab0 192.0.2.2\n"
	"peer fab0 192.0.2.3 dstport 4790 probe 500\n"
	"peer fab0 192.0.2.4 local 192.0.2.1 path 198.51.100.4\n"
	"fdb fab0 02:00:00:00:00:05 remote 192.0.2.3\n"
	"fdb fab0 02:00:00:00:00:01 local\n"
	"fdb fab0 02:00:00:00:00:03 port tap0\n"
	"segment fab1 id 11 encap gre\n"
	"peer fab1 192.0.2.9\n";

static const struct extra full_x[] = {
	{ "eth0", NULL }, { "tap0", "fab0" }, { NULL, NULL },
};

/* file == running: nothing to do, and nothing said */
static void test_same(void **state)
{
	struct vf_config c;
	struct running r;
	struct vf_args a = { 0 };
	struct diff d;
	struct fdb_op ops[16];
	char line[256];
	size_t i;

	(void)state;
	check_run(full, full, full_x, 3, "");
	/* and each step of the comparison finds nothing */
	conf(full, &c);
	fabricate(&c, full_x, 3, &r);
	assert_int_equal(diff_init(&d, &c, &r), 0);
	for (i = 0; i < c.n_segs; i++) {
		const struct rlink *l = diff_running_seg(&d, &c.segs[i]);

		assert_non_null(l);
		assert_int_equal(diff_seg_set(&c.segs[i], &l->cfg, &a, line,
					      sizeof(line)), 0);
		assert_int_equal(diff_peers(&d, i, l, NULL, NULL), 0);
		assert_true(diff_fdb_room(&d, i, l) <= 16);
		assert_int_equal(diff_fdb(&d, i, l, ops), 0);
	}
	for (i = 0; i < r.n; i++)
		assert_true(!r.v[i].vnetfab || diff_in_file(&d, r.v[i].name));
	diff_free(&d);
	running_free(&r);
	config_free(&c);
}

/* the changes diff_peers() reports, as " +ADDR -ADDR" */
static void peer_line(void *arg, char op, const struct vf_addr *a)
{
	char ab[PRINT_ADDRLEN], *s = arg;

	snprintf(s + strlen(s), 256 - strlen(s), " %c%s", op,
		 print_addr(a, ab, sizeof(ab)));
}

/* a peer added and one removed: one SET_PEERS, both named */
static void test_peer_added_removed(void **state)
{
	static const char file[] =
		"segment fab0\n"
		"peer fab0 192.0.2.2\npeer fab0 192.0.2.9\npeer fab0 192.0.2.4\n";
	static const char run[] =
		"segment fab0\n"
		"peer fab0 192.0.2.4\npeer fab0 192.0.2.3\npeer fab0 192.0.2.2\n";
	struct vf_config c;
	struct running r;
	struct diff d;
	char line[256] = "";

	(void)state;
	check_run(file, run, NULL, 0,
		  "peers of fab0: 3 (was 3): +192.0.2.9 -192.0.2.3\n");
	/* '+' in file order, '-' in running order */
	conf("segment fab0\npeer fab0 192.0.2.7\npeer fab0 192.0.2.5\n", &c);
	running_of(run, NULL, 0, &r);
	assert_int_equal(diff_init(&d, &c, &r), 0);
	assert_int_equal(diff_peers(&d, 0, &r.v[0], peer_line, line), 5);
	assert_string_equal(line, " +192.0.2.7 +192.0.2.5 -192.0.2.4 -192.0.2.3 -192.0.2.2");
	diff_free(&d);
	running_free(&r);
	config_free(&c);
}

/* a kept peer whose port, probe or paths change: '~' */
static void test_peer_changed(void **state)
{
	(void)state;
	check_run("segment fab0\npeer fab0 192.0.2.2 dstport 4790\n"
		  "peer fab0 192.0.2.3 probe off\n"
		  "peer fab0 192.0.2.4 path 198.51.100.4\n"
		  "peer fab0 192.0.2.5\n",
		  "segment fab0\npeer fab0 192.0.2.2\npeer fab0 192.0.2.3\n"
		  "peer fab0 192.0.2.4 path 198.51.100.5\n"
		  "peer fab0 192.0.2.5\n", NULL, 0,
		  "peers of fab0: 4 (was 4): ~192.0.2.2 ~192.0.2.3 ~192.0.2.4\n");
}

/* run-time settings that differ: one "segment set" with those only */
static void test_segment_set(void **state)
{
	struct vf_config c, rc;
	struct vf_args a = { 0 };
	char line[256];

	(void)state;
	check_run("segment fab0 ttl 32 learning off tos inherit\nsegment fab1 id 2\n",
		  "segment fab0\nsegment fab1 id 2\n", NULL, 0,
		  "set fab0 ttl 32 tos inherit learning off\n");
	conf("segment fab0 id 7 ageing 60 probe off share 10\n", &c);
	conf("segment fab0 id 7\n", &rc);
	assert_int_equal(diff_seg_set(&c.segs[0], &rc.segs[0], &a, line,
				      sizeof(line)),
			 strlen(" ageing 60 probe off share 10"));
	assert_string_equal(line, " ageing 60 probe off share 10");
	assert_true(a.has_ageing && a.has_probe && a.has_share);
	assert_int_equal(a.ageing, 60);
	assert_int_equal(a.probe, 0);
	assert_int_equal(a.share, 10);
	assert_false(a.has_ttl || a.has_tos || a.has_df || a.has_learning ||
		     a.has_maxaddr || a.has_probe_misses || a.has_hold_down ||
		     a.has_peer_storm || a.has_peer_storm_burst ||
		     a.has_priority);
	config_free(&rc);
	config_free(&c);
}

/*
 * Segments: one in the way of a new one (same id) goes first, then the
 * new ones are created with their peers and entries, then the other
 * running ones absent from the file go.
 */
static void test_segments(void **state)
{
	(void)state;
	check_run("segment fab0 id 5\npeer fab0 192.0.2.2\n"
		  "fdb fab0 02:00:00:00:00:01 remote 192.0.2.2\n"
		  "segment fab1 id 6\n",
		  "segment old9 id 9\nsegment old5 id 5\nsegment fab1 id 6\n",
		  NULL, 0,
		  "deleted segment old5\n"
		  "created segment fab0\n"
		  "peers of fab0: 1 (was 0): +192.0.2.2\n"
		  "fdb fab0 02:00:00:00:00:01: remote 192.0.2.2\n"
		  "deleted segment old9\n");
}

/*
 * Segments made by hand (not marked: hand*) and absent from the file are
 * left alone, and deleted with --prune; those apply made go either way.
 * A segment of the file is reconciled whoever made it.
 */
static void test_hand(void **state)
{
	static const char file[] =
		"segment fab0 id 5\nsegment hand1 id 6 ttl 9\n";
	static const char run[] =
		"segment hand9 id 9\nsegment old8 id 8\nsegment hand1 id 6\n";
	static const struct extra eth0[] = { { "eth0", NULL }, { NULL, NULL } };
	struct vf_config c;
	struct running r;
	struct diff d;
	char *got, *msg;
	int ret;

	(void)state;
	check_run(file, run, NULL, 0,
		  "created segment fab0\n"
		  "set hand1 ttl 9\n"
		  "deleted segment old8\n");
	/* what diff_goes() says of each */
	conf(file, &c);
	running_of(run, eth0, 0, &r);
	assert_int_equal(diff_init(&d, &c, &r), 0);
	assert_false(diff_goes(&d, running_link(&r, "hand9")));
	assert_true(diff_goes(&d, running_link(&r, "old8")));
	assert_false(diff_goes(&d, running_link(&r, "hand1")));
	assert_false(diff_goes(&d, running_link(&r, "eth0")));
	d.prune = true;
	assert_true(diff_goes(&d, running_link(&r, "hand9")));
	assert_false(diff_goes(&d, running_link(&r, "hand1")));
	assert_false(diff_goes(&d, running_link(&r, "eth0")));
	diff_free(&d);
	running_free(&r);
	config_free(&c);

	prune = true;
	check_run(file, run, NULL, 0,
		  "created segment fab0\n"
		  "set hand1 ttl 9\n"
		  "deleted segment hand9\n"
		  "deleted segment old8\n");
	/* one in the way of a new segment (its id): deleted first */
	check_run("segment fab0 id 9\n", run, NULL, 0,
		  "deleted segment hand9\n"
		  "created segment fab0\n"
		  "deleted segment old8\n"
		  "deleted segment hand1\n");
	prune = false;
	/* without --prune: refused, nothing done */
	conf("segment fab0 id 9\n", &c);
	running_of(run, NULL, 0, &r);
	got = dry_run(&c, &r, &ret, &msg);
	assert_int_equal(ret, -1);
	assert_string_equal(got, "");
	assert_string_equal(msg, "vnetfabctl: mem:1: segment fab0: its id 9 is taken by segment hand9, which is not in the file and was not made by apply (left alone); delete it (vnetfabctl segment del hand9), or apply with --prune\n");
	free(got);
	free(msg);
	running_free(&r);
	config_free(&c);
	/* one of apply's in the way: deleted first, as ever */
	check_run("segment fab0 id 8\n", run, NULL, 0,
		  "deleted segment old8\n"
		  "created segment fab0\n");
}

/* an MTU the file gives is set, with the other settings; none: left */
static void test_mtu(void **state)
{
	struct vf_config c, rc;

	(void)state;
	check_run("segment fab0 mtu 1400\nsegment fab1 id 2 ttl 9 mtu 9000\n"
		  "segment fab2 id 3\nsegment fab3 id 4 mtu 1450\n",
		  "segment fab0\nsegment fab1 id 2\nsegment fab2 id 3 mtu 1280\n"
		  "segment fab3 id 4 mtu 1450\n", NULL, 0,
		  "set fab0 mtu 1400\n"
		  "set fab1 ttl 9 mtu 9000\n");
	conf("segment fab0 mtu 1400\n", &c);
	conf("segment fab0 mtu 1500\n", &rc);
	assert_int_equal(diff_mtu(&c.segs[0], &rc.segs[0]), 1400);
	assert_int_equal(diff_mtu(&rc.segs[0], &rc.segs[0]), 0);
	config_free(&c);
	/* a file without mtu: whatever runs is kept */
	conf("segment fab0\n", &c);
	assert_int_equal(diff_mtu(&c.segs[0], &rc.segs[0]), 0);
	config_free(&c);
	config_free(&rc);
}

/*
 * Port lines: the devices that are not ports of their segments are
 * enslaved once the segments exist, before the entries that name them;
 * a port without a line stays.
 */
static void test_ports(void **state)
{
	static const struct extra x[] = {
		{ "tap0", "fab0" }, { "tap1", NULL }, { "tap2", NULL },
		{ "tap3", "fab0" }, { NULL, NULL },
	};
	static const char file[] =
		"segment fab0\nport fab0 tap0\nport fab0 tap1\n"
		"segment fab1 id 2\nport fab1 tap2\n"
		"fdb fab1 02:00:00:00:00:01 port tap2\n";

	(void)state;
	check_run(file, "segment fab0\n", x, 0,
		  "created segment fab1\n"
		  "port fab0: tap1 enslaved\n"
		  "port fab1: tap2 enslaved\n"
		  "fdb fab1 02:00:00:00:00:01: port tap2\n");
	/* all in place: nothing */
	check_run("segment fab0\nport fab0 tap0\nport fab0 tap3\n",
		  "segment fab0\n", x, 0, "");
}

/* a fixed setting that differs, a name taken: refused, nothing done */
static void test_check(void **state)
{
	static const struct {
		const char *file, *running, *msg;
	} t[] = {
		{ "segment fab0 id 6\n", "segment fab0 id 5\n",
		  "vnetfabctl: mem:1: segment fab0 runs with id 5, the file says id 6: id, encap, local, dstport and dev are fixed at creation; delete the segment first (vnetfabctl segment del fab0), then apply\n" },
		{ "segment eth0\n", "segment fab0\n",
		  "vnetfabctl: mem:1: segment eth0: a device named eth0 exists and is not a vnetfab segment (delete or rename it, or choose another name)\n" },
		{ "segment fab0\nfdb fab0 02:00:00:00:00:01 port eth0\n",
		  "segment fab0\n",
		  "vnetfabctl: mem:2: fdb: eth0 is not a port of fab0 (add a line 'port fab0 eth0', or enslave it first: ip link set eth0 master fab0)\n" },
		/* port lines: a device that exists, no segment, no other's port */
		{ "segment fab0\nport fab0 tap9\n", "segment fab0\n",
		  "vnetfabctl: mem:2: port: tap9 does not exist in this network namespace (create it first, or leave the line out)\n" },
		{ "segment fab1\nport fab1 tap0\n", "segment fab0\n",
		  "vnetfabctl: mem:2: port: tap0 is a port of fab0 (release it first: ip link set tap0 nomaster)\n" },
		{ "segment fab1\nport fab1 fab0\n", "segment fab0\n",
		  "vnetfabctl: mem:2: port: fab0 is a vnetfab segment (a port is a device such as a VM's tap or a veth)\n" },
	};
	struct vf_config c;
	struct running r;
	char *got, *msg;
	size_t i;
	int ret;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		conf(t[i].file, &c);
		running_of(t[i].running, full_x, 0, &r);
		got = dry_run(&c, &r, &ret, &msg);
		assert_int_equal(ret, -1);
		assert_string_equal(got, "");
		assert_string_equal(msg, t[i].msg);
		free(got);
		free(msg);
		running_free(&r);
		config_free(&c);
	}
}

/*
 * The file's entries out of MAC order against the running table (by
 * MAC): every one is found. A binary search on the file's own order
 * missed some, and apply deleted entries that the file has.
 */
static void test_fdb_unsorted(void **state)
{
	static const char seg[] =
		"segment fab0\npeer fab0 192.0.2.2\n";
	char file[1024], run[1024];
	static const int order[] = { 9, 2, 7, 1, 8, 3, 6, 4, 5, 10, 0 };
	size_t i, n = 0, m = 0;

	(void)state;
	n += (size_t)snprintf(file + n, sizeof(file) - n, "%s", seg);
	m += (size_t)snprintf(run + m, sizeof(run) - m, "%s", seg);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		n += (size_t)snprintf(file + n, sizeof(file) - n,
				      "fdb fab0 02:00:00:00:00:%02x remote 192.0.2.2\n",
				      order[i] + 1);
	/* the running table in another order: running_index() sorts it */
	for (i = sizeof(order) / sizeof(order[0]); i-- > 0;)
		m += (size_t)snprintf(run + m, sizeof(run) - m,
				      "fdb fab0 02:00:00:00:00:%02x remote 192.0.2.2\n",
				      (int)i + 1);
	check_run(file, run, NULL, 5, "");
	/* one more running entry: only that one goes */
	snprintf(run + m, sizeof(run) - m,
		 "fdb fab0 02:00:00:00:00:0c remote 192.0.2.2\n");
	check_run(file, run, NULL, 5, "fdb fab0 02:00:00:00:00:0c: deleted\n");
}

/* entries that change, and entries that go with their peer */
static void test_fdb_changes(void **state)
{
	(void)state;
	/* another destination: replaced; a learned entry: left alone */
	check_run("segment fab0\npeer fab0 192.0.2.2\npeer fab0 192.0.2.3\n"
		  "fdb fab0 02:00:00:00:00:02 remote 192.0.2.3\n"
		  "fdb fab0 02:00:00:00:00:01 local\n",
		  "segment fab0\npeer fab0 192.0.2.2\npeer fab0 192.0.2.3\n"
		  "fdb fab0 02:00:00:00:00:01 local\n"
		  "fdb fab0 02:00:00:00:00:02 remote 192.0.2.2\n", NULL, 2,
		  "fdb fab0 02:00:00:00:00:02: remote 192.0.2.3\n");
	/*
	 * the peer of :02 and :03 goes: :03 is not deleted (SET_PEERS takes
	 * it), :02 is added anew, towards the new peer
	 */
	check_run("segment fab0\npeer fab0 192.0.2.4\n"
		  "fdb fab0 02:00:00:00:00:02 remote 192.0.2.4\n",
		  "segment fab0\npeer fab0 192.0.2.2\n"
		  "fdb fab0 02:00:00:00:00:02 remote 192.0.2.2\n"
		  "fdb fab0 02:00:00:00:00:03 remote 192.0.2.2\n", NULL, 0,
		  "peers of fab0: 1 (was 1): +192.0.2.4 -192.0.2.2\n"
		  "fdb fab0 02:00:00:00:00:02: remote 192.0.2.4\n");
}

/* host @host's part of fabric file @text, as apply takes it */
static void part_of(const char *text, const char *host, struct vf_config *c)
{
	conf(text, c);
	if (apply_host_config(c, "mem", host, NULL, err, sizeof(err)))
		fail_msg("%s", err);
}

/*
 * A dry run of host @host's part of fabric file @file on the running
 * state of its part of fabric file @was (NULL: no segment at all)
 * prints @want.
 */
static void check_fabric(const char *file, const char *was, const char *host,
			 const char *want)
{
	static const struct extra ul[] = { { "ul0", NULL }, { NULL, NULL } };
	struct vf_config c, rc;
	struct running r;
	char *got;
	int ret;

	part_of(file, host, &c);
	if (was)
		part_of(was, host, &rc);
	else
		conf("", &rc);
	fabricate(&rc, ul, 0, &r);
	config_free(&rc);
	got = dry_run(&c, &r, &ret, NULL);
	assert_int_equal(ret, 0);
	if (strcmp(got, want))
		print_error("%s:\n%s\nwant:\n%s\n", host, got, want);
	assert_string_equal(got, want);
	free(got);
	running_free(&r);
	config_free(&c);
}

#define FABRIC_HOSTS \
	"host h1 192.0.2.1\nhost h2 192.0.2.2\nhost h3 192.0.2.3\n"

/* fab200 on h1 and h2, a MAC behind h1 on each segment */
static const char fabric1[] = FABRIC_HOSTS
	"segment fab100 id 100 hosts h1,h2,h3\n"
	"segment fab200 id 200 hosts h1,h2\n"
	"fdb fab100 02:00:00:00:01:01 host h1\n"
	"fdb fab200 02:00:00:00:02:01 host h1\n";

/* fab200 moved from h1 to h3, its MAC now behind h2; h4 joins fab100 */
static const char fabric2[] = FABRIC_HOSTS
	"host h4 192.0.2.4\n"
	"segment fab100 id 100 hosts h1,h2,h3,h4\n"
	"segment fab200 id 200 hosts h2,h3\n"
	"fdb fab100 02:00:00:00:01:01 host h1\n"
	"fdb fab200 02:00:00:00:02:02 host h2\n";

static void test_fabric(void **state)
{
	(void)state;
	/* on empty namespaces: each host creates its part */
	check_fabric(fabric1, NULL, "h1",
		     "created segment fab100\n"
		     "created segment fab200\n"
		     "peers of fab100: 2 (was 0): +192.0.2.2 +192.0.2.3\n"
		     "peers of fab200: 1 (was 0): +192.0.2.2\n");
	check_fabric(fabric1, NULL, "h3",
		     "created segment fab100\n"
		     "peers of fab100: 2 (was 0): +192.0.2.1 +192.0.2.2\n"
		     "fdb fab100 02:00:00:00:01:01: remote 192.0.2.1\n");
	/* the same file again: nothing on any host */
	check_fabric(fabric1, fabric1, "h1", "");
	check_fabric(fabric1, fabric1, "h2", "");
	check_fabric(fabric1, fabric1, "h3", "");
	check_fabric(fabric2, fabric2, "h4", "");
	/* membership changed: each host makes its share of the change */
	check_fabric(fabric2, fabric1, "h1",
		     "peers of fab100: 3 (was 2): +192.0.2.4\n"
		     "deleted segment fab200\n");
	/* (02:00:00:00:02:01 goes with its peer; 02:..:02:02 is h2's own) */
	check_fabric(fabric2, fabric1, "h2",
		     "peers of fab100: 3 (was 2): +192.0.2.4\n"
		     "peers of fab200: 1 (was 1): +192.0.2.3 -192.0.2.1\n");
	check_fabric(fabric2, fabric1, "h3",
		     "created segment fab200\n"
		     "peers of fab100: 3 (was 2): +192.0.2.4\n"
		     "peers of fab200: 1 (was 0): +192.0.2.2\n"
		     "fdb fab200 02:00:00:00:02:02: remote 192.0.2.2\n");
	check_fabric(fabric2, NULL, "h4",
		     "created segment fab100\n"
		     "peers of fab100: 3 (was 0): +192.0.2.1 +192.0.2.2 +192.0.2.3\n"
		     "fdb fab100 02:00:00:00:01:01: remote 192.0.2.1\n");
}

/*
 * A file of @segs segments of @peers peers and @fdb static entries each
 * (towards its peers), fabricated: segment i is fabI, id i + 1.
 */
static void big_config(size_t segs, size_t peers, size_t fdb,
		       struct vf_config *c)
{
	size_t i, k;

	memset(c, 0, sizeof(*c));
	c->segs = calloc(segs, sizeof(*c->segs));
	c->peers = calloc(segs * peers + 1, sizeof(*c->peers));
	c->fdb = calloc(segs * fdb + 1, sizeof(*c->fdb));
	assert_true(c->segs && c->peers && c->fdb);
	for (i = 0; i < segs; i++) {
		struct cfg_segment *s = &c->segs[c->n_segs++];

		config_segment_defaults(s);
		s->line = (unsigned int)i + 1;
		snprintf(s->name, sizeof(s->name), "fab%zu", i);
		s->id = (uint32_t)i + 1;
		for (k = 0; k < peers; k++) {
			struct cfg_peer *p = &c->peers[c->n_peers++];

			p->seg = i;
			p->paths.n = 1;
			p->paths.v[0].addr.family = AF_INET;
			/* 10.0.K/250.K%250+1, the same in every segment */
			p->paths.v[0].addr.v4.s_addr =
				htonl(0x0a000000u | (uint32_t)(k / 250) << 8 |
				      (uint32_t)(k % 250 + 1));
		}
		for (k = 0; k < fdb; k++) {
			struct cfg_fdb *f = &c->fdb[c->n_fdb++];

			f->seg = i;
			f->mac[0] = 0x02;
			f->mac[2] = (uint8_t)(i >> 8);
			f->mac[3] = (uint8_t)i;
			/* out of MAC order, as a file may be */
			f->mac[4] = (uint8_t)((fdb - k) >> 8);
			f->mac[5] = (uint8_t)(fdb - k);
			f->dest = VF_FDB_REMOTE;
			f->remote = c->peers[i * peers + k % peers].paths.v[0].addr;
		}
	}
	if (config_validate(c, "big", err, sizeof(err)))
		fail_msg("%s", err);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Seconds of the comparison and dry run of a file of that size against
 * a running state equal to it but for one setting of one segment.
 */
static double time_diff(size_t segs, size_t peers, size_t fdb)
{
	struct vf_config c;
	struct running r;
	char *got;
	double t;
	int ret;

	big_config(segs, peers, fdb, &c);
	fabricate(&c, NULL, 0, &r);
	r.v[segs / 2].cfg.ttl = 1;
	t = now();
	got = dry_run(&c, &r, &ret, NULL);
	t = now() - t;
	assert_int_equal(ret, 0);
	assert_non_null(strstr(got, " ttl 64\n"));
	assert_null(strstr(got, "peers of"));
	assert_null(strstr(got, "fdb "));
	free(got);
	running_free(&r);
	config_free(&c);
	return t;
}

/* seconds of config_write() of a file of that size, to /dev/null */
static double time_write(size_t segs, size_t peers, size_t fdb)
{
	struct vf_config c;
	FILE *f = fopen("/dev/null", "w");
	double t;

	assert_non_null(f);
	big_config(segs, peers, fdb, &c);
	t = now();
	assert_int_equal(config_write(f, &c), 0);
	t = now() - t;
	assert_int_equal(fclose(f), 0);
	config_free(&c);
	return t;
}

/*
 * 2000 segments of 64 peers and 16 static entries each: the comparison
 * is n log n, not quadratic in segments x peers as it was (tens of
 * seconds). The bound is generous: several times what a slow machine
 * takes, and a small part of what the quadratic one took (under
 * valgrind, forty times more).
 */
static void test_scale(void **state)
{
	double t, bound = RUNNING_ON_VALGRIND ? 60.0 : 1.5;
	unsigned int segs, peers, fdb;
	const char *b = getenv("VNETFAB_DIFF_BENCH");

	(void)state;
	if (b && sscanf(b, "%ux%ux%u", &segs, &peers, &fdb) == 3) {
		t = time_diff(segs, peers, fdb);
		print_message("# diff and dry run, %u segments x %u peers x %u fdb: %.3f s\n",
			      segs, peers, fdb, t);
		return;
	}
	t = time_diff(2000, 64, 16);
	print_message("# diff and dry run, 2000 segments x 64 peers x 16 fdb: %.3f s (bound %.1f s)\n",
		      t, bound);
	assert_true(t < bound);
	/* and dump-config's writer: linear too (it was segments x lines) */
	t = time_write(2000, 64, 16);
	print_message("# config_write, 2000 segments x 64 peers x 16 fdb: %.3f s (bound %.1f s)\n",
		      t, bound);
	assert_true(t < bound);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_peer_added_removed),
		cmocka_unit_test(test_peer_changed),
		cmocka_unit_test(test_segment_set),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_hand),
		cmocka_unit_test(test_mtu),
		cmocka_unit_test(test_ports),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_fdb_unsorted),
		cmocka_unit_test(test_fdb_changes),
		cmocka_unit_test(test_fabric),
		cmocka_unit_test(test_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
