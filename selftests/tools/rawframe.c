// SPDX-License-Identifier: GPL-2.0
/*
 * rawframe: send and receive whole Ethernet frames on an interface with
 * AF_PACKET, for tests that need byte-exact frames of any ethertype.
 *
 *   rawframe send IFACE HEX [COUNT]
 *	send the frame HEX (dst, src, type/length, payload) COUNT times
 *	(a frame the device drops for want of buffer space is sent again)
 *   rawframe srcflood IFACE HEX COUNT
 *	send the frame HEX COUNT times, each time from a new source MAC
 *	(the last four bytes of the source count up from 1)
 *   rawframe recv IFACE SRCMAC TIMEOUT_MS [COUNT [TYPE]]
 *	print, one hex line each, the first COUNT frames (default 1) from
 *	SRCMAC (and with bytes 12-13 equal to TYPE, hex, if given) that
 *	arrive within TIMEOUT_MS; an 802.1Q tag the driver stripped is put
 *	back where it was on the wire. Exit 1 if fewer came. COUNT 0: every
 *	frame from SRCMAC until one of TYPE (a marker) arrives, exit 1 if
 *	the marker does not come in time.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int open_sock(const char *ifname, struct sockaddr_ll *sll)
{
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

	if (fd < 0) {
		perror("rawframe: socket");
		exit(2);
	}
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_protocol = htons(ETH_P_ALL);
	sll->sll_ifindex = if_nametoindex(ifname);
	if (!sll->sll_ifindex) {
		fprintf(stderr, "rawframe: no interface %s\n", ifname);
		exit(2);
	}
	if (bind(fd, (struct sockaddr *)sll, sizeof(*sll)) < 0) {
		perror("rawframe: bind");
		exit(2);
	}
	return fd;
}

static size_t parse_hex(const char *s, unsigned char *buf, size_t max)
{
	size_t n = 0;

	while (*s) {
		unsigned int b;

		if (*s == ':' || *s == ' ' || *s == '-') {
			s++;
			continue;
		}
		if (n == max || sscanf(s, "%2x", &b) != 1 || !s[1]) {
			fprintf(stderr, "rawframe: bad hex near '%s'\n", s);
			exit(2);
		}
		buf[n++] = b;
		s += 2;
	}
	return n;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * send_one: one frame. ENOBUFS means the device dropped it (a veth whose
 * peer's backlog is full: the receiver has not caught up); wait for it
 * and send again, for up to 10 s, so that COUNT frames are sent.
 */
static int send_one(int fd, const void *frame, size_t len,
		    const struct sockaddr_ll *sll)
{
	const struct timespec pause = { .tv_nsec = 200000 };
	long deadline = now_ms() + 10000;

	for (;;) {
		ssize_t n = sendto(fd, frame, len, 0,
				   (const struct sockaddr *)sll, sizeof(*sll));

		if (n == (ssize_t)len)
			return 0;
		if (n >= 0)
			errno = EMSGSIZE;
		if (errno != ENOBUFS || now_ms() > deadline)
			return -1;
		nanosleep(&pause, NULL);
	}
}

static int do_send(const char *ifname, const char *hex, int count,
		   bool srcflood)
{
	unsigned char frame[65536];
	struct sockaddr_ll sll;
	size_t len = parse_hex(hex, frame, sizeof(frame));
	int fd = open_sock(ifname, &sll);

	if (len < ETH_HLEN) {
		fprintf(stderr, "rawframe: a frame needs at least 14 bytes\n");
		return 2;
	}
	for (unsigned int i = 1; count--; i++) {
		if (srcflood) {
			frame[8] = i >> 24;
			frame[9] = i >> 16;
			frame[10] = i >> 8;
			frame[11] = i;
		}
		if (send_one(fd, frame, len, &sll) < 0) {
			perror("rawframe: send");
			return 1;
		}
	}
	close(fd);
	return 0;
}

static int do_recv(const char *ifname, const char *srcmac, int timeout,
		   int count, int type)
{
	unsigned char want[ETH_ALEN], frame[65536 + 4];
	char cbuf[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
	long deadline = now_ms() + timeout;
	struct sockaddr_ll sll;
	int fd, one = 1, got = 0;

	if (parse_hex(srcmac, want, sizeof(want)) != ETH_ALEN) {
		fprintf(stderr, "rawframe: bad MAC %s\n", srcmac);
		return 2;
	}
	fd = open_sock(ifname, &sll);
	setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one));
	while (!count || got < count) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct iovec iov = { frame + 4, sizeof(frame) - 4 };
		struct msghdr msg = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
			.msg_name = &sll, .msg_namelen = sizeof(sll),
		};
		unsigned char *f = frame + 4;
		struct cmsghdr *c;
		long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		n = recvmsg(fd, &msg, 0);
		if (n < ETH_HLEN || sll.sll_pkttype == PACKET_OUTGOING)
			continue;
		if (memcmp(f + ETH_ALEN, want, ETH_ALEN))
			continue;
		for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
			struct tpacket_auxdata *aux = (void *)CMSG_DATA(c);

			if (c->cmsg_level != SOL_PACKET ||
			    c->cmsg_type != PACKET_AUXDATA ||
			    !(aux->tp_status & TP_STATUS_VLAN_VALID))
				continue;
			/* put the stripped tag back after the MACs */
			memmove(f - 4, f, 2 * ETH_ALEN);
			f -= 4;
			f[12] = aux->tp_status & TP_STATUS_VLAN_TPID_VALID ?
				aux->tp_vlan_tpid >> 8 : 0x81;
			f[13] = aux->tp_status & TP_STATUS_VLAN_TPID_VALID ?
				aux->tp_vlan_tpid & 0xff : 0x00;
			f[14] = aux->tp_vlan_tci >> 8;
			f[15] = aux->tp_vlan_tci & 0xff;
			n += 4;
		}
		if (count && type >= 0 && (f[12] << 8 | f[13]) != type)
			continue;
		for (ssize_t i = 0; i < n; i++)
			printf("%02x", f[i]);
		printf("\n");
		got++;
		if (!count && (f[12] << 8 | f[13]) == type) {
			close(fd);
			return 0;
		}
	}
	close(fd);
	return count && got == count ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "send"))
		return do_send(argv[2], argv[3], argc > 4 ? atoi(argv[4]) : 1,
			       false);
	if (argc == 5 && !strcmp(argv[1], "srcflood"))
		return do_send(argv[2], argv[3], atoi(argv[4]), true);
	if (argc >= 5 && !strcmp(argv[1], "recv"))
		return do_recv(argv[2], argv[3], atoi(argv[4]),
			       argc > 5 ? atoi(argv[5]) : 1,
			       argc > 6 ? (int)strtol(argv[6], NULL, 16) : -1);
	fprintf(stderr,
		"usage: rawframe send IFACE HEX [COUNT]\n"
		"       rawframe srcflood IFACE HEX COUNT\n"
		"       rawframe recv IFACE SRCMAC TIMEOUT_MS [COUNT [TYPE]]\n");
	return 2;
}
