// SPDX-License-Identifier: GPL-2.0
/*
 * pktfuzz: send malformed encapsulated packets at a vnetfab segment, from
 * the network namespace it runs in.
 *
 *   pktfuzz udp|gre DST VNI COUNT SEED [--srcmac MAC]
 *
 * COUNT packets to DST (udp: IPv4 or IPv6, VXLAN format to port 4789;
 * gre: IPv4, a raw IPPROTO_GRE socket), pseudo-random but the same for
 * the same SEED, cycling over categories: trunc (cut at every byte of
 * the header and of the inner frame's first 42), flags (udp: I flag
 * clear or other flags set; gre: no key, checksum, routing, sequence or
 * reserved bits, version 1-7), rsvd (udp: reserved bytes, the VNI's
 * included, nonzero) or proto (gre: type other than 0x6558), id (VNI + 1,
 * which the test has a segment for, or one without), runt (inner frame
 * of 0-13 bytes), big (up to the largest datagram), badlen (802.3
 * length, inner IPv4 total length or IHL that do not fit), badsrc (inner
 * source MAC zero, broadcast, multicast), garbage. Inner frames go to an
 * unknown unicast MAC from MAC (default 02:00:00:00:fa:01) where the
 * source is meant to be valid.
 *
 * The fate of each packet is worked out as vnetfab_udp_rcv(), or ip_gre
 * and vnetfab_gre_rx(), decide it; one line of key=value pairs at the
 * end gives the count of each category, then peer_invalid (what
 * rx_invalid of segment VNI counts when the sender is its peer),
 * stranger_invalid and stranger_unknown (rx_invalid and rx_unknown_peer
 * when it is not), forward (frames switched when it is a peer),
 * other_unknown and other_invalid (the counters of segment VNI + 1,
 * which has no peer in the sender) and retries (sends repeated).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HDR_LEN		8	/* VXLAN header; GRE header with a key */
#define ETH_HLEN	14
#define TYPE_TEB	0x6558
#define TYPE_LOCAL	0x88b5	/* IEEE local experimental */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define get16(p)	((p)[0] << 8 | (p)[1])

enum { C_TRUNC, C_FLAGS, C_RSVD, C_ID, C_RUNT, C_BIG, C_BADLEN, C_BADSRC,
       C_GARBAGE, NCAT };
static const char *cat_name[NCAT] = {
	"trunc", "flags", "rsvd", "id", "runt", "big", "badlen", "badsrc",
	"garbage",
};

enum { F_SILENT, F_INVALID, F_INVALID_PEER, F_FORWARD, F_OTHER,
       F_OTHER_INVALID, NFATE };

static bool gre;
static uint32_t vni;
static unsigned char srcmac[6] = { 0x02, 0, 0, 0, 0xfa, 0x01 };
static const unsigned char dstmac[6] = { 0x02, 0, 0, 0, 0xfa, 0xfe };
static uint64_t rng;
static unsigned long ncat[NCAT], nfate[NFATE], retries;
static struct sockaddr_storage dst;
static unsigned char pkt[65536];

static uint64_t rnd(void)	/* xorshift64* */
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static size_t rnd_in(size_t lo, size_t hi)	/* lo..hi */
{
	return lo + rnd() % (hi - lo + 1);
}

static void fill_rand(unsigned char *p, size_t len)
{
	uint64_t r = 0;

	for (size_t i = 0; i < len; i++)
		p[i] = (i & 7) ? r >> (8 * (i & 7)) : (r = rnd());
}

static void put16(unsigned char *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static unsigned int csum16(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 2)
		sum += i + 1 < len ? get16(p + i) : p[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static bool valid_src(const unsigned char *mac)	/* is_valid_ether_addr() */
{
	return !(mac[0] & 1) && (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] |
				 mac[5]);
}

/* the segment's own header: VXLAN with the I flag, or GRE with a key */
static void put_hdr(uint32_t id)
{
	memset(pkt, 0, HDR_LEN);
	pkt[0] = gre ? 0x20 : 0x08;
	if (gre)
		put16(pkt + 2, TYPE_TEB);
	put32(pkt + 4, gre ? id : id << 8);
}

/*
 * An Ethernet frame of @len (>= 14) bytes at @f, from the --srcmac MAC
 * to an unknown one; of type 0x0800, a well-formed IPv4 header (protocol
 * 253: no GRO merges it) first. GRE never gets an IPv4 or IPv6 frame
 * shorter than the IP header: ip_gre drops those, on kernels with
 * pskb_inet_may_pull() in ip_tunnel_rcv() only.
 */
static void put_frame(unsigned char *f, size_t len, unsigned int type)
{
	unsigned char *ip = f + ETH_HLEN;

	fill_rand(f, len);
	memcpy(f, dstmac, 6);
	memcpy(f + 6, srcmac, 6);
	put16(f + 12, type);
	if (type != 0x0800 || len < ETH_HLEN + 20)
		return;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, len - ETH_HLEN);
	ip[8] = 64;
	ip[9] = 253;
	put32(ip + 12, 0xc63364fa);	/* 198.51.100.250 -> .251 */
	put32(ip + 16, 0xc63364fb);
	put16(ip + 10, csum16(ip, 20));
}

/* what segment @id makes of the inner frame of a header it accepted */
static int fate_inner(uint32_t id, const unsigned char *f, size_t len)
{
	if (id != vni)
		return id == vni + 1 ? F_OTHER : F_SILENT;
	if (len < ETH_HLEN)	/* __iptunnel_pull_header() */
		return F_INVALID_PEER;
	return valid_src(f + 6) ? F_FORWARD : F_INVALID_PEER;
}

/* vnetfab_udp_rcv() */
static int fate_udp(const unsigned char *p, size_t len)
{
	uint32_t id = p[4] << 16 | p[5] << 8 | p[6];

	if (len < HDR_LEN || (id != vni && id != vni + 1))
		return F_SILENT;
	if (p[0] != 0x08 || p[1] || p[2] || p[3] || p[7])
		return id == vni ? F_INVALID : F_OTHER_INVALID;
	return fate_inner(id, p + HDR_LEN, len - HDR_LEN);
}

/* gre_demux; ip_gre: gre_parse_header(), ip_tunnel_rcv(); vnetfab_gre_rx() */
static int fate_gre(const unsigned char *p, size_t len)
{
	unsigned int flags = get16(p), type, hlen;

	/* checksum (good or bad: the device takes none), routing, version
	 * (gre_demux reads 7 bits: the low 4 reserved ones too), no key (a
	 * segment needs one), not TEB
	 */
	hlen = 4 + (flags & 0x2000 ? 4 : 0) + (flags & 0x1000 ? 4 : 0);
	if (len < hlen || (flags & 0xc07f) || !(flags & 0x2000) ||
	    get16(p + 2) != TYPE_TEB || len - hlen < ETH_HLEN)
		return F_SILENT;
	type = get16(p + hlen + 12);
	if ((type == 0x0800 && len - hlen < ETH_HLEN + 20) ||
	    (type == 0x86dd && len - hlen < ETH_HLEN + 40))
		return F_SILENT;	/* pskb_inet_may_pull() */
	return fate_inner((uint32_t)get16(p + 4) << 16 | get16(p + 6),
			  p + hlen, len - hlen);
}

/* the @k-th packet of category @cat, at pkt; its length */
static size_t make(int cat, unsigned long k)
{
	static const unsigned int gre_flags[] = {
		0x0000, 0xa000, 0x6000, 0x2001, 0x2002, 0x2007, 0x3000,
		0x2800, 0x2100, 0x2700, 0x2040, 0x2008, 0x2080,
	};
	static const unsigned int gre_types[] = {
		0x0800, 0x86dd, 0x88be, 0x22eb, 0x883e, 0x6559, 0x0000, 0xffff,
	};
	size_t len = HDR_LEN + rnd_in(60, 200), n;
	unsigned char *f = pkt + HDR_LEN;

	put_hdr(vni);
	put_frame(f, len - HDR_LEN, TYPE_LOCAL);
	switch (cat) {
	case C_TRUNC:	/* inner IPv4 (udp) or local type (gre) */
		put_frame(f, ETH_HLEN + 28, gre ? TYPE_LOCAL : 0x0800);
		return k % (HDR_LEN + ETH_HLEN + 28);
	case C_FLAGS:
		if (!gre) {
			pkt[0] = k % 3 == 0 ? 0 : k % 3 == 1 ?
				 0x08u | 1u << (k / 3 % 8) : (rnd() & 0xf7);
			pkt[0] = pkt[0] == 0x08 ? 0x88 : pkt[0];
			return len;
		}
		n = gre_flags[k % ARRAY_SIZE(gre_flags)];
		if (n & 0x8000) {	/* checksum and reserved1, then the key */
			memmove(pkt + 8, pkt + 4, len - 4);
			len += 4;
		} else if (n & 0x1000) {	/* a sequence number after it */
			memmove(pkt + 12, pkt + 8, len - 8);
			len += 4;
		}
		put16(pkt, n);
		if (n & 0x1000)
			put32(pkt + 8, k);
		if (n & 0x8000) {	/* right half the time: refused still */
			memset(pkt + 4, 0, 4);
			put16(pkt + 4, k & 1 ? csum16(pkt, len) : rnd());
		}
		return len;
	case C_RSVD:
		if (gre)
			put16(pkt + 2, k % 2 ? rnd() | 1 :
			      gre_types[k / 2 % ARRAY_SIZE(gre_types)]);
		else if (k % 2)
			pkt[7] = rnd() | 1;	/* the VNI's reserved byte */
		else
			pkt[1 + k / 2 % 3] = rnd() | 0x10;
		return len;
	case C_ID:
		put_hdr(k % 2 ? vni + 1 : vni + 2 + rnd() % 1000000);
		return len;
	case C_RUNT:
		return HDR_LEN + k % ETH_HLEN;
	case C_BIG:	/* the largest, or sizes around the underlay's MTU */
		len = gre ? 65535 - 20 :
		      dst.ss_family == AF_INET ? 65535 - 28 : 65535 - 8;
		len = k % 64 == 0 ? len : k % 8 == 0 ? rnd_in(1500, len) :
		      rnd_in(1400, 3000);
		put_frame(f, len - HDR_LEN, TYPE_LOCAL);
		return len;
	case C_BADLEN:
		n = len - HDR_LEN - ETH_HLEN;	/* the inner payload, >= 46 */
		if (k % 6 < 2) {	/* 802.3 length beyond it, short of it */
			put16(f + 12, k % 2 ? rnd_in(n + 1, 1500) : rnd_in(0, n - 1));
			return len;
		}
		put_frame(f, ETH_HLEN + n, 0x0800);
		if (k % 6 == 2)
			put16(f + 16, rnd_in(n + 1, 65535));
		else if (k % 6 == 3)
			put16(f + 16, rnd_in(0, n - 1));
		else	/* IHL below 5, or beyond the packet */
			f[14] = 0x40 | (k % 6 == 4 ? rnd() % 5 : rnd_in(6, 15));
		put16(f + 24, 0);
		put16(f + 24, csum16(f + 14, 20));
		return len;
	case C_BADSRC:	/* zero, broadcast, multicast */
		if (k % 4 < 2)
			memset(f + 6, k % 4 ? 0xff : 0, 6);
		else if (k % 4 == 2)
			f[6] |= 1;
		else
			memcpy(f + 6, "\x01\x00\x5e\x00\x00\x01", 6);
		return len;
	}
	/* garbage: after the segment's header half the time */
	len = rnd_in(0, k % 16 ? 256 : 1500);
	fill_rand(k % 2 ? pkt : f, len);
	if (k % 2 || len < ETH_HLEN)
		return k % 2 ? len : HDR_LEN + len;
	/* learn no random MACs; no short IP frames for gre (see above) */
	if (valid_src(f + 6))
		memcpy(f + 6, srcmac, 6);
	if (gre && (get16(f + 12) == 0x0800 || get16(f + 12) == 0x86dd))
		put16(f + 12, TYPE_LOCAL);
	return HDR_LEN + len;
}

/*
 * ENOBUFS: the underlay device dropped the packet (a veth whose peer's
 * backlog is full), told with IP_RECVERR only; an ICMP error: it is
 * about an earlier packet and this one was not sent. Send it again, for
 * up to 10 s.
 */
static void send_pkt(int fd, size_t len)
{
	const struct timespec pause = { .tv_nsec = 200000 };
	time_t deadline = time(NULL) + 10;
	char buf[256];

	while (sendto(fd, pkt, len, 0, (struct sockaddr *)&dst,
		      sizeof(dst)) != (ssize_t)len) {
		if (errno == ENOBUFS || errno == EAGAIN)
			nanosleep(&pause, NULL);
		else if (errno == ECONNREFUSED || errno == EHOSTUNREACH ||
			 errno == ENETUNREACH || errno == EPROTO)
			while (recv(fd, buf, sizeof(buf),
				    MSG_ERRQUEUE | MSG_DONTWAIT) >= 0)
				;
		else
			deadline = 0;
		retries++;
		if (time(NULL) > deadline) {
			fprintf(stderr, "pktfuzz: send of %zu bytes: %s\n",
				len, strerror(errno));
			exit(1);
		}
	}
}

static int open_sock(const char *addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&dst;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&dst;
	struct sock_filter none = BPF_STMT(BPF_RET | BPF_K, 0);
	struct sock_fprog prog = { .len = 1, .filter = &none };
	int fd, one = 1;

	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(gre ? 0 : 4789);
	} else if (!gre && inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(4789);
	} else {
		fprintf(stderr, "pktfuzz: bad address %s%s\n", addr,
			gre ? " (gre: IPv4 only)" : "");
		exit(2);
	}
	fd = socket(dst.ss_family, gre ? SOCK_RAW : SOCK_DGRAM,
		    gre ? IPPROTO_GRE : 0);
	/* told of drops; receive nothing (a raw socket gets all GRE) */
	if (fd < 0 ||
	    (dst.ss_family == AF_INET ?
	     setsockopt(fd, IPPROTO_IP, IP_RECVERR, &one, sizeof(one)) :
	     setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &one, sizeof(one))) ||
	    setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog))) {
		perror("pktfuzz: socket");
		exit(2);
	}
	return fd;
}

int main(int argc, char **argv)
{
	unsigned char *m = srcmac;
	unsigned long count, i;
	int fd, cat;
	size_t len;

	if (argc == 8 && !strcmp(argv[6], "--srcmac") &&
	    sscanf(argv[7], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &m[0], &m[1],
		   &m[2], &m[3], &m[4], &m[5]) == 6 && valid_src(m))
		argc = 6;
	if (argc != 6 || (strcmp(argv[1], "udp") && strcmp(argv[1], "gre"))) {
		fprintf(stderr,
			"usage: pktfuzz udp|gre DST VNI COUNT SEED [--srcmac MAC]\n");
		return 2;
	}
	gre = !strcmp(argv[1], "gre");
	vni = strtoul(argv[3], NULL, 0);
	count = strtoul(argv[4], NULL, 0);
	rng = strtoull(argv[5], NULL, 0) * 0x9e3779b97f4a7c15ULL + 1;
	if (!vni || vni > 0xfff000) {
		fprintf(stderr, "pktfuzz: VNI out of range\n");
		return 2;
	}
	fd = open_sock(argv[2]);

	for (i = 0; i < count; i++) {
		cat = i % NCAT;
		len = make(cat, i / NCAT);
		nfate[gre ? fate_gre(pkt, len) : fate_udp(pkt, len)]++;
		ncat[cat]++;
		send_pkt(fd, len);
	}
	close(fd);

	printf("sent=%lu", count);
	for (cat = 0; cat < NCAT; cat++)
		printf(" %s=%lu", gre && cat == C_RSVD ? "proto" : cat_name[cat],
		       ncat[cat]);
	printf(" silent=%lu forward=%lu peer_invalid=%lu stranger_invalid=%lu stranger_unknown=%lu other_unknown=%lu other_invalid=%lu retries=%lu\n",
	       nfate[F_SILENT], nfate[F_FORWARD],
	       nfate[F_INVALID] + nfate[F_INVALID_PEER], nfate[F_INVALID],
	       nfate[F_INVALID_PEER] + nfate[F_FORWARD], nfate[F_OTHER],
	       nfate[F_OTHER_INVALID], retries);
	return 0;
}
