// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: a deterministic netlink fuzzer for the vnetfab generic netlink
 * family and link kind, on raw netlink sockets.
 *
 * Usage: nlfuzz -m genl|rtnl|dump [-s SEED] [-n COUNT] [-t SEG]...
 *               [-i DEV]... [-p PREFIX] [-T SECS] [-x N] [-k]
 *
 *   -m genl   COUNT requests to family "vnetfab": valid templates of every
 *             command, mutated (unknown, duplicate, missing attributes,
 *             wrong lengths and types, garbage nests, huge values, bad
 *             devices, NLM_F_DUMP on do-commands and the reverse)
 *   -m rtnl   COUNT rtnetlink requests: RTM_NEWLINK creating PREFIX0..31
 *             (kind vnetfab, random IFLA_INFO_DATA) or changing a SEG,
 *             RTM_DELLINK of PREFIXn, RTM_NEWNEIGH/DELNEIGH/GETNEIGH
 *             AF_BRIDGE, RTM_GETLINK
 *   -m dump   COUNT multi-part dump scenarios on the first SEG: dumps the
 *             table changes under, dumps abandoned midway, sockets
 *             closed mid-dump, a device deleted mid-dump (PREFIXd)
 *   -t SEG    a vnetfab device the requests aim at
 *   -i DEV    another device whose ifindex requests may name
 *   -T SECS   reply timeout (default 10)
 *   -x N      print request N in hex and send nothing (the requests
 *             depend on the seed and arguments only, never on replies)
 *   -k        a marker in /dev/kmsg every 1000 requests
 *
 * Prints one line of counts; "links=N anon=M" are the PREFIX devices the
 * replies say exist, and the unnamed ones created. Exit 1 on setup error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include "../../kmod/uapi/linux/vnetfab.h"

#ifndef NLM_F_BULK
#define NLM_F_BULK 0x200
#endif
#define MAXDEV 16
#define MAXKEYS 32768

static uint64_t rs;
static unsigned int mut, depth, safe0, seq, timeout = 10, nseg, ndev;
static int famid, fd_genl, fd_rtnl, fd_strict, kmsg = -1;
static unsigned int seg_idx[MAXDEV], dev_idx[MAXDEV];
static const char *seg_name[MAXDEV], *prefix = "nfz";
static unsigned long sent, ok, errs, ecount[4096], timeouts, dumps, intr;
static unsigned long d_clean, d_changed, d_abandoned, d_closed, d_gone, d_busy, d_err,
	d_dup_unflagged, d_intr_clean;
static uint32_t links, anon;
static struct { unsigned char b[16384]; unsigned int len; } q;
static unsigned char rbuf[65536];

static uint32_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return (rs * 2685821657736338717ULL) >> 32;
}

static uint32_t rn(uint32_t n) { return n ? rnd() % n : 0; }
static int chance(unsigned int p) { return rn(256) < p; }

static void raw(const void *d, unsigned int n)
{
	if (q.len + NLA_ALIGN(n) > sizeof(q.b))
		return;
	memcpy(q.b + q.len, d, n);
	memset(q.b + q.len + n, 0, NLA_ALIGN(n) - n);
	q.len += NLA_ALIGN(n);
}

static void put_one(uint16_t type, const void *d, unsigned int len)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	if (q.len + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(q.b))
		return;
	raw(&a, NLA_HDRLEN);
	raw(d, len);
}

/* an attribute; at top level of link messages only harmless mutations */
static void put(uint16_t type, const void *data, unsigned int len)
{
	unsigned char b[80];
	unsigned int i, m = 99;

	len = len > 64 ? 64 : len;
	memcpy(b, data, len);
	if (chance(mut))
		m = rn(depth || !safe0 ? 10 : 3);
	switch (m) {
	case 0: return;					/* missing */
	case 1: type = rn(4) ? 1000 + rn(64) : 0; break; /* unknown */
	case 2: put_one(type, b, len); break;		/* duplicate */
	case 3: type = rn(2) ? rn(40) : 0x3fff; break;	/* another type */
	case 4: len = rn(2) ? 0 : rn(len + 1); break;	/* short */
	case 5:						/* long */
		for (i = len; i < len + 8; i++)
			b[i] = rnd();
		len += 1 + rn(8);
		break;
	case 6: memset(b, 0xff, len); break;		/* huge */
	case 7: type |= rn(2) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER; break;
	case 8: case 9:					/* garbage */
		for (i = 0; i < len; i++)
			b[i] = rnd();
		break;
	}
	put_one(type, b, len);
}

static void put_u8(uint16_t t, uint8_t v) { put(t, &v, 1); }
static void put_u16(uint16_t t, uint16_t v) { put(t, &v, 2); }
static void put_u32(uint16_t t, uint32_t v) { put(t, &v, 4); }
static void put_str(uint16_t t, const char *s) { put(t, s, strlen(s) + 1); }
static void put_fixed(uint16_t t, const void *d, unsigned int l) { put_one(t, d, l); }

static unsigned int nest_start(uint16_t type)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN, .nla_type = type | NLA_F_NESTED };

	if ((depth || !safe0) && chance(mut / 2))
		a.nla_type ^= NLA_F_NESTED;
	raw(&a, NLA_HDRLEN);
	depth++;
	return q.len - NLA_HDRLEN;
}

static void nest_end(unsigned int off)
{
	struct nlattr *a = (struct nlattr *)(q.b + off);
	unsigned int i, n;

	depth--;
	a->nla_len = q.len - off;
	if (!chance(mut / 2))
		return;
	switch (rn(4)) {
	case 0:						/* garbage */
		q.len = off + NLA_HDRLEN;
		n = rn(64);
		for (i = 0; i < n; i++)
			q.b[q.len + i] = rn(4) ? rnd() : rn(16);
		q.len += NLA_ALIGN(n);
		a->nla_len = NLA_HDRLEN + n;
		break;
	case 1: a->nla_len += 4 * (1 + rn(4)); break;	/* claims more */
	case 2: a->nla_len = NLA_HDRLEN + rn(a->nla_len - NLA_HDRLEN + 1); break;
	case 3: q.len = off + NLA_HDRLEN; a->nla_len = NLA_HDRLEN; break;
	}
}

static void msg_start(uint16_t type, uint16_t flags, const void *hdr,
		      unsigned int hlen)
{
	struct nlmsghdr n = {
		.nlmsg_type = type, .nlmsg_seq = ++seq,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags,
	};

	q.len = 0;
	depth = 0;
	raw(&n, sizeof(n));
	raw(hdr, hlen);
}

static void msg_end(void)
{
	struct nlmsghdr *n = (struct nlmsghdr *)q.b;
	unsigned int i, k;

	if (chance(mut / 4)) {
		if (rn(2)) {			/* trailing garbage */
			k = 1 + rn(12);
			for (i = 0; i < k; i++)
				q.b[q.len + i] = rnd();
			q.len += k;
		} else if (q.len > NLMSG_HDRLEN + 8) {	/* truncated */
			q.len -= 1 + rn(q.len - NLMSG_HDRLEN - 4);
		}
	}
	n->nlmsg_len = q.len;
}

/* ---- values: mostly sensible, sometimes not ---------------------------- */

static uint32_t pick_ifindex(void)
{
	static const uint32_t bad[] = { 0, 1, 0x7fffffff, 0xffffffff, 99999 };

	if (rn(8) < 5 && nseg)
		return seg_idx[rn(nseg)];
	if (rn(2) && ndev)
		return dev_idx[rn(ndev)];
	return rn(2) ? bad[rn(5)] : rnd();
}

static void put_mac(uint16_t t)
{
	unsigned char m[6] = { 2, 0, 0, 0, 0, 1 + rn(16) };

	if (!rn(8))
		m[0] = rn(2) ? 1 : 0;		/* multicast or zero */
	if (!m[0])
		memset(m, 0, 6);
	put(t, m, 6);
}

static void put_addr(uint16_t t4, uint16_t t6)
{
	unsigned char a[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	uint32_t v4 = htonl(0xc0000200 | (1 + rn(8)));

	switch (rn(10)) {
	case 0: v4 = htonl(0xe0000001); break;
	case 1: v4 = rn(2) ? 0 : 0xffffffff; break;
	case 2: memset(a, 0, 16); if (rn(2)) a[0] = 0xff; /* fall through */
	case 3: case 4: case 5:
		a[15] = 1 + rn(8);
		put(t6, a, 16);
		return;
	}
	put(t4, &v4, 4);
}

static void put_dev(void)	/* VNETFAB_A_IFINDEX and/or IFNAME */
{
	static const char *names[] = { "lo", "nosuch0", "", "0123456789abcdefXYZ" };
	unsigned int r = rn(10);

	if (r < 5 || r == 8)
		put_u32(VNETFAB_A_IFINDEX, pick_ifindex());
	if ((r >= 5 && r < 9) && nseg)
		put_str(VNETFAB_A_IFNAME, seg_name[rn(nseg)]);
	if (r == 9)
		put_str(VNETFAB_A_IFNAME, names[rn(4)]);
}

static void put_peer(uint16_t type)
{
	static const uint16_t ports[] = { 4789, 4790, 0, 65535 };
	unsigned int off = nest_start(type);

	put_addr(VNETFAB_PEER_A_ADDR4, VNETFAB_PEER_A_ADDR6);
	if (!rn(6))
		put_addr(VNETFAB_PEER_A_ADDR4, VNETFAB_PEER_A_ADDR6);
	if (!rn(4))
		put_u16(VNETFAB_PEER_A_DSTPORT, ports[rn(4)]);
	if (!rn(16))
		put_u32(rn(2) ? VNETFAB_PEER_A_STATS : VNETFAB_PEER_A_LAST_RX_MS, 1);
	nest_end(off);
}

static void put_fdb(int dest)
{
	unsigned int off = nest_start(VNETFAB_A_FDB), r = rn(8);

	put_mac(VNETFAB_FDB_A_MAC);
	if (dest && (r < 3 || r == 6))
		put_u32(VNETFAB_FDB_A_PORT_IFINDEX, rn(2) && ndev ? dev_idx[rn(ndev)] : pick_ifindex());
	if (dest && (r == 3 || r == 4 || r == 6))
		put_peer(VNETFAB_FDB_A_PEER);
	if (dest && r >= 5)
		put(VNETFAB_FDB_A_LOCAL, NULL, 0);
	if (!rn(8))
		put(VNETFAB_FDB_A_STATIC, NULL, 0);
	if (!rn(32))
		put_u32(VNETFAB_FDB_A_AGE_MS, 0);
	nest_end(off);
}

/* ---- replies ---------------------------------------------------------- */

struct res {
	int err, done, intr, msgs, timedout;
	unsigned int nkeys;
	uint64_t *keys;
};

static uint64_t key_of(const unsigned char *d, unsigned int l)
{
	uint64_t k = 1469598103934665603ULL;

	while (l--)
		k = (k ^ *d++) * 1099511628211ULL;
	return k;
}

/* the MAC or peer address a dump message carries (nested one deep) */
static void get_key(struct nlmsghdr *n, unsigned int hlen, struct res *r)
{
	unsigned char *p = (unsigned char *)NLMSG_DATA(n) + hlen;
	int rem = n->nlmsg_len - NLMSG_HDRLEN - hlen;
	struct nlattr *a;

	if (!r->keys || r->nkeys >= MAXKEYS)
		return;
	for (a = (void *)p; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	     a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len), a = (void *)((char *)a + NLA_ALIGN(a->nla_len))) {
		unsigned int t = a->nla_type & NLA_TYPE_MASK;

		if (hlen == sizeof(struct ndmsg) && t == NDA_LLADDR) {
			r->keys[r->nkeys++] = key_of((void *)(a + 1), 6);
			return;
		}
		if (t == VNETFAB_A_PEER || t == VNETFAB_A_FDB) {
			struct nlattr *b = a + 1;
			int brem = a->nla_len - NLA_HDRLEN;
			uint64_t k = 0;

			for (; brem >= NLA_HDRLEN && b->nla_len >= NLA_HDRLEN &&
			     b->nla_len <= brem;
			     brem -= NLA_ALIGN(b->nla_len),
			     b = (void *)((char *)b + NLA_ALIGN(b->nla_len)))
				if ((b->nla_type & NLA_TYPE_MASK) == 1 ||
				    (t == VNETFAB_A_PEER && (b->nla_type & NLA_TYPE_MASK) == 2))
					k ^= key_of((void *)(b + 1), b->nla_len - NLA_HDRLEN);
			r->keys[r->nkeys++] = k;
			return;
		}
	}
}

/* Read until the reply to @s ends; @parts: stop after that many reads. */
static int reply(int fd, uint32_t s, unsigned int hlen, struct res *r,
		 int parts, size_t bufsz)
{
	struct nlmsghdr *n;
	ssize_t len;

	while (parts--) {
		len = recv(fd, rbuf, bufsz, 0);
		if (len < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				r->timedout = 1;
				timeouts++;
				return -1;
			}
			if (errno == ENOBUFS || errno == EINTR)
				continue;
			perror("nlfuzz: recv");
			exit(1);
		}
		for (n = (void *)rbuf; NLMSG_OK(n, (size_t)len); n = NLMSG_NEXT(n, len)) {
			if (n->nlmsg_seq != s)
				continue;
			if (n->nlmsg_type == NLMSG_ERROR || n->nlmsg_type == NLMSG_DONE) {
				r->err = n->nlmsg_len >= NLMSG_HDRLEN + 4 ?
					 -*(int *)NLMSG_DATA(n) : 0;
				r->done = n->nlmsg_type == NLMSG_DONE;
				return 1;
			}
			r->msgs++;
			if (n->nlmsg_flags & NLM_F_DUMP_INTR)
				r->intr = 1;
			get_key(n, hlen, r);
		}
	}
	return 0;
}

static void count(struct res *r)
{
	if (r->timedout)
		return;
	if (!r->err)
		ok++;
	else
		errs++;
	ecount[r->err > 0 && r->err < 4096 ? r->err : 0]++;
	if (r->done) {
		dumps++;
		intr += r->intr;
	}
}

static int nl_open(int proto, int strict)
{
	struct timeval tv = { .tv_sec = timeout };
	int one = 1, buf = 1 << 20, fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);

	if (fd < 0) {
		perror("nlfuzz: socket");
		exit(1);
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (strict)
		setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	return fd;
}

/* send the request built; -x: print it instead */
static long xmsg = -1;

static void xmit(int fd)
{
	unsigned int i;

	if (xmsg >= 0) {
		if ((long)sent == xmsg) {
			for (i = 0; i < q.len; i++)
				fprintf(stderr, "%02x%s", q.b[i], i % 16 == 15 ? "\n" : " ");
			fprintf(stderr, "\n");
			exit(0);
		}
		sent++;
		return;
	}
	if (kmsg >= 0 && sent % 1000 == 0)
		dprintf(kmsg, "nlfuzz: request %lu\n", sent);
	if (send(fd, q.b, q.len, 0) < 0 && errno != ENOBUFS) {
		perror("nlfuzz: send");
		exit(1);
	}
	sent++;
}

/* send and read the whole reply; a timeout reopens the socket */
static struct res exchange(int *fd, int proto, int strict, unsigned int hlen)
{
	struct res r = { 0 };

	xmit(*fd);
	if (xmsg >= 0)
		return r;
	if (reply(*fd, seq, hlen, &r, 1 << 30, sizeof(rbuf)) < 0) {
		close(*fd);
		*fd = nl_open(proto, strict);
	}
	count(&r);
	return r;
}

static void resolve_family(void)
{
	struct { struct genlmsghdr g; } h = { { .cmd = CTRL_CMD_GETFAMILY, .version = 1 } };
	struct nlmsghdr *n = (void *)rbuf;
	struct nlattr *a;
	ssize_t len;
	int rem;

	msg_start(GENL_ID_CTRL, 0, &h, sizeof(h));
	put_fixed(CTRL_ATTR_FAMILY_NAME, VNETFAB_GENL_NAME, sizeof(VNETFAB_GENL_NAME));
	msg_end();
	len = send(fd_genl, q.b, q.len, 0) < 0 ? -1 : recv(fd_genl, rbuf, sizeof(rbuf), 0);
	if (len < (ssize_t)NLMSG_HDRLEN || n->nlmsg_type != GENL_ID_CTRL) {
		fprintf(stderr, "nlfuzz: no generic netlink family %s\n", VNETFAB_GENL_NAME);
		exit(1);
	}
	a = (void *)((char *)NLMSG_DATA(n) + GENL_HDRLEN);
	for (rem = n->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN; rem >= NLA_HDRLEN;
	     rem -= NLA_ALIGN(a->nla_len), a = (void *)((char *)a + NLA_ALIGN(a->nla_len)))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			famid = *(uint16_t *)(a + 1);
	reply(fd_genl, seq, 0, &(struct res){ 0 }, 1, sizeof(rbuf));	/* the ack */
}

/* ---- generic netlink ---------------------------------------------------- */

static void genl_one(void)
{
	static const unsigned int muts[] = { 0, 8, 32, 96 };
	struct genlmsghdr g = { .version = VNETFAB_GENL_VERSION };
	unsigned int i, n, flags = 0;

	mut = muts[rn(4)];
	g.cmd = rn(10) ? 1 + rn(VNETFAB_CMD_MAX) : rn(256);
	if (g.cmd == VNETFAB_CMD_GET_PEER || g.cmd == VNETFAB_CMD_GET_FDB ||
	    (g.cmd == VNETFAB_CMD_GET_SEGMENT && rn(2)))
		flags = NLM_F_DUMP;
	if (chance(mut))
		flags ^= NLM_F_DUMP;
	if (chance(mut / 4))
		flags |= rn(2) ? NLM_F_ECHO : (rnd() & 0xff0);
	if (chance(mut / 4))
		g.version = rnd();
	if (chance(mut / 8))
		g.reserved = rnd();
	msg_start(famid, flags, &g, sizeof(g));
	if (g.cmd != VNETFAB_CMD_GET_SEGMENT || !(flags & NLM_F_DUMP) || !rn(4))
		put_dev();
	switch (g.cmd) {
	case VNETFAB_CMD_ADD_PEER:
	case VNETFAB_CMD_DEL_PEER:
		put_peer(VNETFAB_A_PEER);
		break;
	case VNETFAB_CMD_SET_PEERS:
		for (i = 0, n = rn(7); i < n; i++)
			put_peer(VNETFAB_A_PEER);
		break;
	case VNETFAB_CMD_ADD_FDB:
	case VNETFAB_CMD_DEL_FDB:
		if (rn(3)) {
			put_fdb(g.cmd == VNETFAB_CMD_ADD_FDB);
			break;
		}
		/* a list of entries, now and then beside a single one */
		i = nest_start(VNETFAB_A_FDB_LIST);
		for (n = rn(9); n; n--)
			put_fdb(g.cmd == VNETFAB_CMD_ADD_FDB);
		nest_end(i);
		if (!rn(8))
			put_fdb(g.cmd == VNETFAB_CMD_ADD_FDB);
		break;
	case VNETFAB_CMD_FLUSH_FDB:
		if (rn(2)) {
			i = nest_start(VNETFAB_A_FDB);
			put(VNETFAB_FDB_A_STATIC, NULL, 0);
			if (!rn(8))
				put_mac(VNETFAB_FDB_A_MAC);
			nest_end(i);
		}
		break;
	}
	if (chance(mut / 2))		/* read-only or out-of-place attributes */
		put_u32(1 + rn(VNETFAB_A_MAX), rnd());
	msg_end();
	exchange(&fd_genl, NETLINK_GENERIC, 0, GENL_HDRLEN);
}

/* ---- rtnetlink ---------------------------------------------------------- */

static void put_info_data(int change)
{
	static const uint32_t ids[] = { 100, 200, 300, 0, 0xffffff, 0x1000000, 0xffffffff };
	static const uint32_t age[] = { 0, 1, 300, 1000000, 1000001, 0xffffffff };
	static const uint32_t maxa[] = { 0, 1, 16384, 16777216, 16777217, 0xffffffff };
	static const uint16_t ports[] = { 4789, 4790, 0, 65535 };
	unsigned int i, n, off = nest_start(IFLA_INFO_DATA);
	uint32_t v4 = htonl(rn(4) ? 0xc0000201 : 0xe0000001);
	unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	unsigned int p = change ? 5 : 3;	/* 1 in p: a fixed attribute */

	if (!rn(p))
		put_u32(IFLA_VNETFAB_ID, rn(3) ? 1000 + rn(16) : ids[rn(7)]);
	if (!rn(p))
		put_u8(IFLA_VNETFAB_ENCAP, rn(4) ? rn(2) : rnd());
	if (!rn(p * 2))
		put(IFLA_VNETFAB_LOCAL, &v4, 4);
	if (!rn(p * 2))
		put(IFLA_VNETFAB_LOCAL6, v6, 16);
	if (!rn(p))
		put_u16(IFLA_VNETFAB_DSTPORT, rn(2) ? ports[rn(4)] : 4789 + rn(8));
	if (!rn(p * 2))
		put_u32(IFLA_VNETFAB_LINK, rn(2) ? 0 : pick_ifindex());
	if (!rn(3))
		put_u8(IFLA_VNETFAB_TTL, rn(2) ? 1 + rn(255) : rn(2) * 255);
	if (!rn(3))
		put_u8(IFLA_VNETFAB_TOS, rnd());
	if (!rn(3))
		put_u8(IFLA_VNETFAB_DF, rn(4));
	if (!rn(3))
		put_u32(IFLA_VNETFAB_AGEING, age[rn(6)]);
	if (!rn(3))
		put_u8(IFLA_VNETFAB_LEARNING, rn(3));
	if (!rn(3))
		put_u32(IFLA_VNETFAB_MAX_ADDRS, maxa[rn(6)]);
	if (!rn(3)) {
		i = nest_start(IFLA_VNETFAB_PEERS);
		for (n = rn(5); n; n--)
			put_peer(rn(16) ? VNETFAB_A_PEER : rn(16));
		nest_end(i);
	}
	if (!rn(16))
		put_u32(IFLA_VNETFAB_N_PEERS, 1);
	nest_end(off);
}

static void put_linkinfo(int change)
{
	unsigned int off = nest_start(IFLA_LINKINFO);

	/* with or without its NUL; no other kind (the core runs modprobe) */
	put_fixed(IFLA_INFO_KIND, VNETFAB_KIND, sizeof(VNETFAB_KIND) - !rn(8));
	if (rn(16))
		put_info_data(change);
	if (!rn(32))
		put_u32(IFLA_INFO_SLAVE_DATA, rnd());
	nest_end(off);
}

static void rtnl_one(void)
{
	static const unsigned int muts[] = { 0, 8, 32, 96 };
	static const char *badname[] = { "", ".", "a/b", "nfz 1", "0123456789abcdefgh" };
	struct ifinfomsg ifm = { .ifi_family = AF_UNSPEC };
	struct ndmsg ndm = { .ndm_family = AF_BRIDGE };
	unsigned int r = rn(100), nm = 0, k, flags;
	char name[32];
	struct res res;
	int track = 0, *fd = rn(2) ? &fd_rtnl : &fd_strict;	/* 1 nm, 2 anon, 3 del */

	mut = muts[rn(4)];
	safe0 = 1;
	if (r < 32) {				/* create */
		nm = rn(32);
		snprintf(name, sizeof(name), "%s%u", prefix, nm);
		flags = NLM_F_CREATE | (rn(4) ? NLM_F_EXCL : 0);
		if (!rn(16))
			flags = rn(2) ? NLM_F_REPLACE : 0;
		track = 1;
		if (!rn(16))	/* a new device may ask for its ifindex */
			ifm.ifi_index = 100000 + rn(4);
		else if (!rn(32))	/* no name or "": named vnetfabN */
			track = 2;
		msg_start(RTM_NEWLINK, flags, &ifm, sizeof(ifm));
		if (track == 1) {
			put_fixed(IFLA_IFNAME, name, strlen(name) + 1);
		} else if (rn(2)) {
			k = rn(5);
			put_fixed(IFLA_IFNAME, badname[k], 1 + strlen(badname[k]));
		}
		if (!rn(8))
			put_u32(IFLA_MTU, rn(2) ? 68 + rn(9000) : rnd());
		if (!rn(8)) {
			unsigned char mac[8] = { rn(4) ? 2 : 3, 0, 0, 0xfe, rnd(), rnd() };

			put(IFLA_ADDRESS, mac, rn(4) ? 6 : rn(9));
		}
		put_linkinfo(0);
	} else if (r < 52 && nseg) {		/* change a segment */
		k = rn(nseg);
		ifm.ifi_index = rn(8) ? (rn(2) ? seg_idx[k] : 0) : 100000 + rn(4);
		msg_start(RTM_NEWLINK, rn(4) || ifm.ifi_index >= 100000 ? 0 : NLM_F_CREATE,
			  &ifm, sizeof(ifm));
		if (!ifm.ifi_index)
			put_fixed(IFLA_IFNAME, seg_name[k], strlen(seg_name[k]) + 1);
		put_linkinfo(1);
	} else if (r < 54) {			/* delete PREFIXn */
		nm = rn(32);
		snprintf(name, sizeof(name), "%s%u", prefix, nm);
		msg_start(RTM_DELLINK, 0, &ifm, sizeof(ifm));
		put_fixed(IFLA_IFNAME, name, strlen(name) + 1);
		track = 3;
	} else if (r < 92) {			/* bridge fdb add/del/get */
		static const uint16_t st[] = { NUD_PERMANENT, NUD_NOARP, NUD_REACHABLE,
			NUD_PERMANENT | NUD_NOARP, 0 };
		static const uint8_t fl[] = { NTF_SELF, NTF_SELF, 0, NTF_MASTER,
			NTF_SELF | NTF_MASTER, NTF_USE | NTF_SELF };
		uint16_t type = r < 72 ? RTM_NEWNEIGH : r < 86 ? RTM_DELNEIGH : RTM_GETNEIGH;

		safe0 = 0;
		ndm.ndm_ifindex = pick_ifindex();
		ndm.ndm_state = rn(8) ? st[rn(5)] : rnd();
		ndm.ndm_flags = rn(8) ? fl[rn(6)] : rnd();
		flags = type == RTM_NEWNEIGH ? NLM_F_CREATE | (rn(2) ? NLM_F_EXCL : NLM_F_REPLACE) : 0;
		if (type == RTM_DELNEIGH && !rn(8))
			flags = NLM_F_BULK;
		if (type == RTM_GETNEIGH && rn(2)) {
			flags = NLM_F_DUMP;
			if (rn(2))
				ndm.ndm_state = ndm.ndm_flags = 0;
		}
		if (chance(mut))
			flags ^= rn(2) ? NLM_F_DUMP : NLM_F_APPEND;
		msg_start(type, flags, &ndm, sizeof(ndm));
		if (!(flags & NLM_F_DUMP) || rn(2))
			put_mac(NDA_LLADDR);
		if (!rn(3))
			put_addr(NDA_DST, NDA_DST);
		if (!rn(8))
			put_u16(NDA_PORT, htons(rn(2) ? 4789 : rnd()));
		if (!rn(6))
			put_u32(NDA_VNI, rn(2) ? 100 * (1 + rn(3)) : rnd());
		if (!rn(5))
			put_u32(NDA_IFINDEX, pick_ifindex());
		if (!rn(16))
			put_u16(NDA_VLAN, rn(4096));
		if (!rn(24))
			put_u32(rn(2) ? NDA_SRC_VNI : NDA_NH_ID, rnd());
		if (!rn(24))
			put_u32(rn(2) ? NDA_FLAGS_EXT : NDA_MASTER, rnd());
		if (flags & NLM_F_BULK)
			put_u16(NDA_NDM_STATE_MASK, rnd());
	} else {				/* get links */
		flags = rn(2) ? NLM_F_DUMP : 0;
		if (!flags)
			ifm.ifi_index = pick_ifindex();
		msg_start(RTM_GETLINK, flags, &ifm, sizeof(ifm));
		if (flags && rn(2))
			put_linkinfo(0);
		if (rn(2))
			put_u32(IFLA_EXT_MASK, rnd());
	}
	msg_end();
	res = exchange(fd, NETLINK_ROUTE, fd == &fd_strict, sizeof(struct ndmsg));
	if (res.err || res.timedout || xmsg >= 0)
		return;
	if (track == 1)
		links |= 1u << nm;
	else if (track == 2)
		anon++;
	else if (track == 3)
		links &= ~(1u << nm);
}

/* ---- multi-part dumps --------------------------------------------------- */

static int cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* a change of the first segment's table, by a request on fd_genl */
static void change_table(unsigned int ifindex, int fdb)
{
	struct genlmsghdr g = { .version = VNETFAB_GENL_VERSION };
	unsigned char mac[6] = { 2, 0xbb, 0, 0, rn(4), 1 + rn(250) };
	uint32_t a = htonl(0x0a090000 | rn(4) << 8 | (1 + rn(250)));
	unsigned int off;

	g.cmd = fdb ? (rn(2) ? VNETFAB_CMD_ADD_FDB : VNETFAB_CMD_DEL_FDB) :
		      (rn(2) ? VNETFAB_CMD_ADD_PEER : VNETFAB_CMD_DEL_PEER);
	mut = 0;
	msg_start(famid, 0, &g, sizeof(g));
	put_u32(VNETFAB_A_IFINDEX, ifindex);
	off = nest_start(fdb ? VNETFAB_A_FDB : VNETFAB_A_PEER);
	if (fdb) {
		put(VNETFAB_FDB_A_MAC, mac, 6);
		if (g.cmd == VNETFAB_CMD_ADD_FDB)
			put(VNETFAB_FDB_A_LOCAL, NULL, 0);
	} else {
		put(VNETFAB_PEER_A_ADDR4, &a, 4);
	}
	nest_end(off);
	msg_end();
	exchange(&fd_genl, NETLINK_GENERIC, 0, GENL_HDRLEN);
}

/* the dump request of table t (0 fdb, 1 peers, 2 bridge fdb, 3 segments) */
static void dump_req(unsigned int t, unsigned int ifindex)
{
	struct genlmsghdr g = { .version = VNETFAB_GENL_VERSION };
	struct ndmsg ndm = { .ndm_family = AF_BRIDGE, .ndm_ifindex = ifindex };
	static const uint8_t cmd[] = { VNETFAB_CMD_GET_FDB, VNETFAB_CMD_GET_PEER,
		0, VNETFAB_CMD_GET_SEGMENT };

	mut = 0;
	if (t == 2) {
		msg_start(RTM_GETNEIGH, NLM_F_DUMP, &ndm, sizeof(ndm));
	} else {
		g.cmd = cmd[t];
		msg_start(famid, NLM_F_DUMP, &g, sizeof(g));
		put_u32(VNETFAB_A_IFINDEX, ifindex);
	}
	msg_end();
}

static void peers_of(unsigned int ifindex, unsigned int n)
{
	struct genlmsghdr g = { .cmd = VNETFAB_CMD_SET_PEERS, .version = VNETFAB_GENL_VERSION };
	unsigned int i, off;
	uint32_t a;

	mut = 0;
	msg_start(famid, 0, &g, sizeof(g));
	put_u32(VNETFAB_A_IFINDEX, ifindex);
	for (i = 0; i < n; i++) {
		a = htonl(0x0a0a0000 + 1 + i);
		off = nest_start(VNETFAB_A_PEER);
		put(VNETFAB_PEER_A_ADDR4, &a, 4);
		nest_end(off);
	}
	msg_end();
	exchange(&fd_genl, NETLINK_GENERIC, 0, GENL_HDRLEN);
}

static void dump_one(int *dfd)
{
	static uint64_t keys[MAXKEYS];
	struct ifinfomsg ifm = { 0 };
	unsigned int s, i, t = rn(4), kind = rn(6), ifindex = seg_idx[0], hlen;
	int fd, proto, *fdp;
	struct res r = { .keys = keys };
	char name[32];

	if (kind == 5) {	/* on a device of its own, deleted mid-dump */
		snprintf(name, sizeof(name), "%sd", prefix);
		msg_start(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifm, sizeof(ifm));
		put_fixed(IFLA_IFNAME, name, strlen(name) + 1);
		i = nest_start(IFLA_LINKINFO);
		put_fixed(IFLA_INFO_KIND, VNETFAB_KIND, sizeof(VNETFAB_KIND));
		nest_end(i);
		msg_end();
		exchange(&fd_rtnl, NETLINK_ROUTE, 0, 0);
		ifindex = if_nametoindex(name);
		if (xmsg < 0 && !ifindex) {
			fprintf(stderr, "nlfuzz: cannot create %s\n", name);
			exit(1);
		}
		peers_of(ifindex, 300);
		t = rn(2) ? 1 : 3;
	}
	proto = t == 2 ? NETLINK_ROUTE : NETLINK_GENERIC;
	fdp = &dfd[(t == 2 ? 2 : 0) + rn(2)];	/* 0, 1 genl; 2, 3 rtnl */
	fd = *fdp;
	hlen = t == 2 ? sizeof(struct ndmsg) : GENL_HDRLEN;
	dump_req(t, ifindex);
	s = seq;
	xmit(fd);
	if (xmsg >= 0)
		goto out;
	/* one part: 8 KiB reads make the kernel fill 8 KiB parts */
	if (reply(fd, s, hlen, &r, 1, 8192) != 0 || kind == 4) {
		/* ended in one part, or abandoned: the next use drains it */
		if (!r.done && !r.timedout && kind == 4)
			d_abandoned++;
		goto end;
	}
	if (kind == 3) {
		close(fd);
		*fdp = nl_open(proto, proto == NETLINK_ROUTE);
		d_closed++;
		goto out;
	}
	if (kind == 5) {
		msg_start(RTM_DELLINK, 0, &ifm, sizeof(ifm));
		put_fixed(IFLA_IFNAME, name, strlen(name) + 1);
		msg_end();
		exchange(&fd_rtnl, NETLINK_ROUTE, 0, 0);
	} else if (kind >= 1 && t < 3) {
		for (i = 1 + rn(8); i; i--)
			change_table(seg_idx[0], t != 1);
		d_changed++;
	}
	reply(fd, s, hlen, &r, 1 << 30, 8192);
end:
	if (r.timedout) {
		close(fd);
		*fdp = nl_open(proto, proto == NETLINK_ROUTE);
		goto out;
	}
	if (!r.done && !r.err)	/* abandoned */
		goto out;
	count(&r);
	if (kind == 5 && r.err == ENODEV)
		d_gone++;
	else if (r.err == EBUSY)	/* a dump abandoned on this socket runs */
		d_busy++;
	else if (r.err)
		d_err++;
	if (kind == 0 && t < 3 && !r.err) {
		d_clean++;
		d_intr_clean += r.intr;
	}
	qsort(keys, r.nkeys, sizeof(keys[0]), cmp64);
	for (i = 1; i < r.nkeys; i++)
		if (keys[i] == keys[i - 1] && !r.intr && t < 2) {
			d_dup_unflagged++;
			break;
		}
out:
	if (kind == 5 && xmsg < 0 && if_nametoindex(name)) {
		msg_start(RTM_DELLINK, 0, &ifm, sizeof(ifm));
		put_fixed(IFLA_IFNAME, name, strlen(name) + 1);
		msg_end();
		exchange(&fd_rtnl, NETLINK_ROUTE, 0, 0);
	}
}

int main(int argc, char **argv)
{
	unsigned long n = 1000, i, seed = 1;
	const char *mode = "genl";
	int c, dfd[4];

	while ((c = getopt(argc, argv, "m:s:n:t:i:p:T:x:k")) != -1) {
		switch (c) {
		case 'm': mode = optarg; break;
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'n': n = strtoul(optarg, NULL, 0); break;
		case 'p': prefix = optarg; break;
		case 'T': timeout = strtoul(optarg, NULL, 0); break;
		case 'x': xmsg = strtol(optarg, NULL, 0); break;
		case 'k': kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC); break;
		case 't':
		case 'i':
			if (nseg >= MAXDEV || ndev >= MAXDEV)
				return 1;
			if (!if_nametoindex(optarg) && xmsg < 0) {
				fprintf(stderr, "nlfuzz: no device %s\n", optarg);
				return 1;
			}
			if (c == 't') {
				seg_name[nseg] = optarg;
				seg_idx[nseg++] = if_nametoindex(optarg);
			} else {
				dev_idx[ndev++] = if_nametoindex(optarg);
			}
			break;
		default:
			fprintf(stderr, "usage: nlfuzz -m genl|rtnl|dump [-s SEED] [-n COUNT] "
				"[-t SEG]... [-i DEV]... [-p PREFIX] [-T SECS] [-x N] [-k]\n");
			return 1;
		}
	}
	rs = seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
	fd_genl = nl_open(NETLINK_GENERIC, 0);
	fd_rtnl = nl_open(NETLINK_ROUTE, 0);
	fd_strict = nl_open(NETLINK_ROUTE, 1);
	if (xmsg < 0)
		resolve_family();
	else
		famid = 0x20;	/* the requests must not depend on the kernel */
	seq = 0;
	if (!strcmp(mode, "dump")) {
		if (!nseg)
			return 1;
		for (c = 0; c < 4; c++)
			dfd[c] = nl_open(c < 2 ? NETLINK_GENERIC : NETLINK_ROUTE, c >= 2);
	}
	for (i = 0; i < n; i++) {
		if (!strcmp(mode, "genl"))
			genl_one();
		else if (!strcmp(mode, "rtnl"))
			rtnl_one();
		else
			dump_one(dfd);
	}
	printf("nlfuzz: mode=%s seed=%lu sent=%lu ok=%lu err=%lu dumps=%lu intr=%lu "
	       "timeouts=%lu links=%u anon=%u", mode, seed, sent, ok, errs, dumps,
	       intr, timeouts, (unsigned int)__builtin_popcount(links), anon);
	if (!strcmp(mode, "dump"))
		printf(" clean=%lu changed=%lu abandoned=%lu closed=%lu gone=%lu "
		       "busy=%lu dump_err=%lu dup_unflagged=%lu intr_clean=%lu", d_clean,
		       d_changed, d_abandoned, d_closed, d_gone, d_busy, d_err,
		       d_dup_unflagged, d_intr_clean);
	for (i = 1; i < 4096; i++)
		if (ecount[i])
			printf(" %s=%lu", strerrorname_np(i) ? : "E?", ecount[i]);
	printf("\n");
	return 0;
}
