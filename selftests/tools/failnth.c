// SPDX-License-Identifier: GPL-2.0
/*
 * failnth: sweep one vnetfab operation through every slab allocation it
 * makes, with the per-task fault injection of /proc/thread-self/fail-nth
 * (CONFIG_FAULT_INJECTION_DEBUG_FS, CONFIG_FAILSLAB; set
 * /sys/kernel/debug/failslab/ignore-gfp-wait to N first, or GFP_KERNEL
 * allocations are never failed).
 *
 *   failnth [-m MAX] [-s STEP] [-v] OP ARGS...
 *
 * For N = 1, 1 + STEP, ... (up to MAX, default 20000): arm fail-nth = N,
 * make the one request (a netlink message on a socket opened before, or
 * finit_module), read fail-nth back and disarm. 0 read back: the N-th
 * allocation was failed; > 0: the operation made fewer than N, and the
 * sweep ends once such a run succeeds. After each run the state is
 * checked against the answer: a failure must have changed nothing, a
 * success must have made what was asked; a success is then undone so
 * that every run starts from the same state. An answer lost to the
 * fault itself (ENOBUFS on the socket: the kernel could not allocate
 * the ack) leaves either state acceptable. The operations, run in the
 * network namespace the tool is started in:
 *
 *   link-add NAME ID udp|gre [up] [peer ADDR]...
 *	RTM_NEWLINK of a vnetfab device (with IFF_UP, and first peers in
 *	IFLA_VNETFAB_PEERS); GRE: vnetfab_gre exists only while it does;
 *	UDP and up: a socket on 4789 exists only while it does
 *   enslave FAB PORT
 *	RTM_NEWLINK IFLA_MASTER: PORT (an Ethernet device) becomes a port
 *	of FAB (master, promiscuity + 1, VNETFAB_A_N_PORTS + 1)
 *   peer-add FAB ADDR
 *	VNETFAB_CMD_ADD_PEER
 *   fdb-add FAB MAC local|peer ADDR|port DEV
 *	VNETFAB_CMD_ADD_FDB
 *   bridge-fdb-add FAB MAC
 *	RTM_NEWNEIGH AF_BRIDGE NTF_SELF NUD_PERMANENT (a host-endpoint entry)
 *   netns-move FAB NETNS_PATH
 *	RTM_NEWLINK IFLA_NET_NS_FD: FAB moves to the netns at NETNS_PATH
 *	(e.g. /run/netns/x) keeping its ifindex, kind and peers
 *   modload KO
 *	finit_module of KO, which must be vnetfab.ko, not loaded yet
 *
 * Output, one line: the operation, the injection points swept, how many
 * runs failed with which errno, how many succeeded with a fault
 * injected, and every inconsistency found (also one "# " line each).
 * Exit 0: consistent; 1: an inconsistency, a failure without a fault
 * injected, or a run whose undo failed; 2: usage or setup error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "../../kmod/uapi/linux/vnetfab.h"

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

#define BUFSZ 32768

static bool verbose;
static int fail_fd = -1;
static unsigned int seq = 1;
static int genl_id;

/* ---- netlink messages ------------------------------------------------ */

struct req {
	struct nlmsghdr nh;
	char buf[4096];
};

static void *nl_tail(struct req *r)
{
	return (char *)r + NLMSG_ALIGN(r->nh.nlmsg_len);
}

static void nl_init(struct req *r, int type, int flags, const void *hdr,
		    size_t len)
{
	memset(r, 0, sizeof(*r));
	r->nh.nlmsg_len = NLMSG_LENGTH(len);
	r->nh.nlmsg_type = type;
	r->nh.nlmsg_flags = NLM_F_REQUEST | flags;
	r->nh.nlmsg_seq = seq++;
	memcpy(NLMSG_DATA(&r->nh), hdr, len);
}

static struct nlattr *nl_put(struct req *r, int type, const void *data,
			     size_t len)
{
	struct nlattr *a = nl_tail(r);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	r->nh.nlmsg_len = NLMSG_ALIGN(r->nh.nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

static void nl_put_u32(struct req *r, int type, uint32_t v)
{
	nl_put(r, type, &v, sizeof(v));
}

static void nl_put_u8(struct req *r, int type, uint8_t v)
{
	nl_put(r, type, &v, sizeof(v));
}

static void nl_put_str(struct req *r, int type, const char *s)
{
	nl_put(r, type, s, strlen(s) + 1);
}

static struct nlattr *nl_nest(struct req *r, int type)
{
	return nl_put(r, type | NLA_F_NESTED, NULL, 0);
}

static void nl_nest_end(struct req *r, struct nlattr *a)
{
	a->nla_len = (char *)nl_tail(r) - (char *)a;
}

static void genl_init(struct req *r, int cmd, int flags)
{
	struct genlmsghdr g = { .cmd = cmd, .version = VNETFAB_GENL_VERSION };

	nl_init(r, genl_id, flags, &g, sizeof(g));
}

/* the attributes after a fixed header of @hdrlen bytes, by type */
static void nl_parse(struct nlattr **tb, int max, const void *data, int len)
{
	const struct nlattr *a = data;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= len) {
		int type = a->nla_type & NLA_TYPE_MASK;

		if (type <= max)
			tb[type] = (struct nlattr *)a;
		len -= NLA_ALIGN(a->nla_len);
		a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
}

static void *nla_data(const struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

static int nla_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static uint32_t nla_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a)
		memcpy(&v, nla_data(a), nla_len(a) < 4 ? nla_len(a) : 4);
	return v;
}

static int nl_open(int proto)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 10 };
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("failnth: netlink socket");
		exit(2);
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return fd;
}

/* a netlink socket of the netns at @path */
static int nl_open_in(int proto, int nsfd, int homefd)
{
	int fd;

	if (setns(nsfd, CLONE_NEWNET) < 0) {
		perror("failnth: setns");
		exit(2);
	}
	fd = nl_open(proto);
	if (setns(homefd, CLONE_NEWNET) < 0) {
		perror("failnth: setns back");
		exit(2);
	}
	return fd;
}

#define ACK_LOST 1000	/* no ack: the socket overran (ENOBUFS) */

/*
 * The answer to request @s: 0, -errno from the ack, or ACK_LOST. Each
 * message before the ack, if @cb, goes to @cb (a dump's entries).
 */
static int nl_recv(int fd, unsigned int s,
		   void (*cb)(struct nlmsghdr *, void *), void *arg)
{
	static char buf[BUFSZ];

	for (;;) {
		struct nlmsghdr *nh;
		ssize_t n;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS)
				return ACK_LOST;
			if (errno == EAGAIN)	/* timed out */
				return ACK_LOST;
			return -errno;
		}
		for (nh = (void *)buf; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_seq != s)
				continue;	/* an answer given up on */
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nh);

				return e->error;
			}
			if (nh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (cb)
				cb(nh, arg);
		}
	}
}

static int nl_send(int fd, struct req *r)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (sendto(fd, r, r->nh.nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* a request and its ack, unarmed */
static int nl_talk(int fd, struct req *r,
		   void (*cb)(struct nlmsghdr *, void *), void *arg)
{
	int err = nl_send(fd, r);

	return err ? err : nl_recv(fd, r->nh.nlmsg_seq, cb, arg);
}

/* ---- fault injection ----------------------------------------------- */

static void fail_open(void)
{
	fail_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (fail_fd < 0) {
		perror("failnth: /proc/thread-self/fail-nth (CONFIG_FAULT_INJECTION_DEBUG_FS)");
		exit(2);
	}
}

static void fail_arm(unsigned int n)
{
	char b[16];
	int len = snprintf(b, sizeof(b), "%u", n);

	if (pwrite(fail_fd, b, len, 0) != len) {
		perror("failnth: arm fail-nth");
		exit(2);
	}
}

/* disarm; true if the fault was injected */
static bool fail_disarm(void)
{
	char b[16] = "";
	bool hit;

	if (pread(fail_fd, b, sizeof(b) - 1, 0) <= 0) {
		perror("failnth: read fail-nth");
		exit(2);
	}
	hit = atoi(b) == 0;
	fail_arm(0);
	return hit;
}

/* ---- state probes ---------------------------------------------------- */

struct link {
	bool exists;
	int ifindex, master, promisc;
	unsigned int flags;
	char kind[32];
	uint32_t id, n_peers;
	int encap;
};

static void link_cb(struct nlmsghdr *nh, void *arg)
{
	struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct nlattr *d[IFLA_VNETFAB_MAX + 1];
	struct link *l = arg;

	if (nh->nlmsg_type != RTM_NEWLINK)
		return;
	l->exists = true;
	l->ifindex = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	nl_parse(tb, IFLA_MAX, IFLA_RTA(ifi), IFLA_PAYLOAD(nh));
	l->master = nla_u32(tb[IFLA_MASTER]);
	l->promisc = nla_u32(tb[IFLA_PROMISCUITY]);
	if (!tb[IFLA_LINKINFO])
		return;
	nl_parse(li, IFLA_INFO_MAX, nla_data(tb[IFLA_LINKINFO]),
		 nla_len(tb[IFLA_LINKINFO]));
	if (li[IFLA_INFO_KIND])
		snprintf(l->kind, sizeof(l->kind), "%.*s",
			 nla_len(li[IFLA_INFO_KIND]),
			 (char *)nla_data(li[IFLA_INFO_KIND]));
	if (!li[IFLA_INFO_DATA])
		return;
	nl_parse(d, IFLA_VNETFAB_MAX, nla_data(li[IFLA_INFO_DATA]),
		 nla_len(li[IFLA_INFO_DATA]));
	l->id = nla_u32(d[IFLA_VNETFAB_ID]);
	l->encap = d[IFLA_VNETFAB_ENCAP] ?
		   *(uint8_t *)nla_data(d[IFLA_VNETFAB_ENCAP]) : -1;
	l->n_peers = nla_u32(d[IFLA_VNETFAB_N_PEERS]);
}

/* RTM_GETLINK by name on @fd */
static struct link get_link(int fd, const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct link l = { .encap = -1 };
	struct req r;
	int err;

	nl_init(&r, RTM_GETLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	nl_put_str(&r, IFLA_IFNAME, name);
	err = nl_talk(fd, &r, link_cb, &l);
	if (err && err != -ENODEV) {
		fprintf(stderr, "failnth: RTM_GETLINK %s: %s\n", name,
			strerror(err == ACK_LOST ? ENOBUFS : -err));
		exit(2);
	}
	return l;
}

struct segment {
	bool exists;
	uint32_t n_ports, n_peers, n_addrs;
};

static void segment_cb(struct nlmsghdr *nh, void *arg)
{
	struct nlattr *tb[VNETFAB_A_MAX + 1];
	struct segment *s = arg;

	nl_parse(tb, VNETFAB_A_MAX, (char *)NLMSG_DATA(nh) + GENL_HDRLEN,
		 nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN));
	s->exists = true;
	s->n_ports = nla_u32(tb[VNETFAB_A_N_PORTS]);
	s->n_peers = nla_u32(tb[VNETFAB_A_N_PEERS]);
	s->n_addrs = nla_u32(tb[VNETFAB_A_N_ADDRS]);
}

static struct segment get_segment(int fd, const char *name)
{
	struct segment s = {};
	struct req r;
	int err;

	genl_init(&r, VNETFAB_CMD_GET_SEGMENT, NLM_F_ACK);
	nl_put_str(&r, VNETFAB_A_IFNAME, name);
	err = nl_talk(fd, &r, segment_cb, &s);
	if (err && err != -ENODEV) {
		fprintf(stderr, "failnth: GET_SEGMENT %s: %d\n", name, err);
		exit(2);
	}
	return s;
}

/* a dump of VNETFAB_A_@outer nests: is there one whose @inner is @val? */
struct find {
	int outer, inner;
	const void *val;
	int len;
	int found;
};

static void find_cb(struct nlmsghdr *nh, void *arg)
{
	struct nlattr *tb[VNETFAB_A_MAX + 1], *in[16];
	struct find *f = arg;

	nl_parse(tb, VNETFAB_A_MAX, (char *)NLMSG_DATA(nh) + GENL_HDRLEN,
		 nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN));
	if (!tb[f->outer])
		return;
	nl_parse(in, 15, nla_data(tb[f->outer]), nla_len(tb[f->outer]));
	if (in[f->inner] && nla_len(in[f->inner]) == f->len &&
	    !memcmp(nla_data(in[f->inner]), f->val, f->len))
		f->found++;
}

static int genl_find(int fd, const char *dev, int cmd, int outer, int inner,
		     const void *val, int len)
{
	struct find f = { outer, inner, val, len, 0 };
	struct req r;
	int err;

	genl_init(&r, cmd, NLM_F_DUMP);
	nl_put_str(&r, VNETFAB_A_IFNAME, dev);
	err = nl_talk(fd, &r, find_cb, &f);
	if (err) {
		fprintf(stderr, "failnth: dump of %s: %d\n", dev, err);
		exit(2);
	}
	return f.found;
}

struct family {
	const char *name;
	int id;
};

static void family_cb(struct nlmsghdr *nh, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct family *f = arg;

	nl_parse(tb, CTRL_ATTR_MAX, (char *)NLMSG_DATA(nh) + GENL_HDRLEN,
		 nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN));
	if (tb[CTRL_ATTR_FAMILY_NAME] && tb[CTRL_ATTR_FAMILY_ID] &&
	    !strcmp(nla_data(tb[CTRL_ATTR_FAMILY_NAME]), f->name))
		f->id = *(uint16_t *)nla_data(tb[CTRL_ATTR_FAMILY_ID]);
}

/*
 * The id of genl family @name, 0 if none; by a dump, which (unlike
 * CTRL_CMD_GETFAMILY by name) does not load the module of the family.
 */
static int genl_family(int fd, const char *name)
{
	struct genlmsghdr g = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 };
	struct family f = { name, 0 };
	struct req r;

	nl_init(&r, GENL_ID_CTRL, NLM_F_DUMP, &g, sizeof(g));
	if (nl_talk(fd, &r, family_cb, &f)) {
		fprintf(stderr, "failnth: CTRL_CMD_GETFAMILY dump failed\n");
		exit(2);
	}
	return f.id;
}

/* a UDP socket of this netns is bound to @port (v4 or v6) */
static bool udp_bound(int port, bool v6)
{
	char line[512], local[64], want[8];
	bool found = false;
	size_t n;
	FILE *f;

	f = fopen(v6 ? "/proc/net/udp6" : "/proc/net/udp", "r");
	if (!f)
		return false;
	snprintf(want, sizeof(want), ":%04X", port);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %63s", local) != 1)
			continue;
		n = strlen(local);
		if (n > 5 && !strcmp(local + n - 5, want))
			found = true;
	}
	fclose(f);
	return found;
}

/* ---- the sweep ------------------------------------------------------- */

struct stats {
	unsigned int runs, injected, failed, ok_injected, ack_lost, bad;
	unsigned int err_count[256];
	char bad_msg[4][256];
};

static struct stats st;

static void inconsistent(unsigned int n, int err, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("# N=%u err=%d: %s\n", n, err, msg);
	fflush(stdout);
	if (st.bad < 4)
		snprintf(st.bad_msg[st.bad], sizeof(st.bad_msg[0]),
			 "N=%u err=%d %s", n, err, msg);
	st.bad++;
}

/*
 * One operation: do() makes the request (armed around it by the sweep)
 * and returns 0, -errno or ACK_LOST; state() says whether the state is
 * "done" (1), "untouched" (0) or neither (-1, with a reason in @why);
 * undo() undoes a "done" state.
 */
struct op {
	const char *name;
	int (*send)(void);	/* armed: the request or syscall */
	int (*recv)(void);	/* disarmed: its answer */
	int (*state)(char *why, size_t len);
	int (*undo)(void);
};

/* ---- operations ------------------------------------------------------ */

static int rtnl, genl;		/* sockets of this netns */
static int rtnl2, genl2;	/* of the netns a device moves to */
static int home_fd, ns_fd;
static struct req req;
static unsigned int req_seq;
static const char *a_dev, *a_port, *a_ko, *a_mac_s;
static uint32_t a_id;
static int a_encap;
static bool a_up;
static int a_npeers;
static uint32_t a_peer4[64];
static uint8_t a_mac[6];
static struct link base_port, base_dev;
static struct segment base_seg;
static int a_fdb_dst;	/* 0 local, 1 peer, 2 port */
static int ko_fd;
static bool addr_is6;
static uint8_t a_addr[16];

static int req_send(int fd)
{
	req_seq = req.nh.nlmsg_seq;
	return nl_send(fd, &req);
}

static int req_recv_rtnl(void)
{
	return nl_recv(rtnl, req_seq, NULL, NULL);
}

static int req_recv_genl(void)
{
	return nl_recv(genl, req_seq, NULL, NULL);
}

static int del_link(int fd, const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct req r;

	nl_init(&r, RTM_DELLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	nl_put_str(&r, IFLA_IFNAME, name);
	return nl_talk(fd, &r, NULL, NULL);
}

/* link-add */
static int link_add_send(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *li, *data, *peers, *p;
	int i;

	if (a_up) {
		ifi.ifi_flags = IFF_UP;
		ifi.ifi_change = IFF_UP;
	}
	nl_init(&req, RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
		&ifi, sizeof(ifi));
	nl_put_str(&req, IFLA_IFNAME, a_dev);
	li = nl_nest(&req, IFLA_LINKINFO);
	nl_put_str(&req, IFLA_INFO_KIND, VNETFAB_KIND);
	data = nl_nest(&req, IFLA_INFO_DATA);
	nl_put_u32(&req, IFLA_VNETFAB_ID, a_id);
	nl_put_u8(&req, IFLA_VNETFAB_ENCAP, a_encap);
	if (a_npeers) {
		peers = nl_nest(&req, IFLA_VNETFAB_PEERS);
		for (i = 0; i < a_npeers; i++) {
			p = nl_nest(&req, VNETFAB_A_PEER);
			nl_put(&req, VNETFAB_PEER_A_ADDR4, &a_peer4[i], 4);
			nl_nest_end(&req, p);
		}
		nl_nest_end(&req, peers);
	}
	nl_nest_end(&req, data);
	nl_nest_end(&req, li);
	return req_send(rtnl);
}

static bool gre_dev_exists(void)
{
	return get_link(rtnl, "vnetfab_gre").exists;
}

static int link_add_state(char *why, size_t len)
{
	struct link l = get_link(rtnl, a_dev);
	bool gre = a_encap == VNETFAB_ENCAP_GRE && gre_dev_exists();
	bool udp4 = a_encap == VNETFAB_ENCAP_UDP && udp_bound(4789, false);

	if (!l.exists) {
		if (gre || udp4) {
			snprintf(why, len, "%s absent but %s left behind", a_dev,
				 gre ? "vnetfab_gre" : "a UDP socket on 4789");
			return -1;
		}
		return 0;
	}
	if (strcmp(l.kind, VNETFAB_KIND) || l.id != a_id ||
	    l.encap != a_encap || l.n_peers != (uint32_t)a_npeers ||
	    (a_up && !(l.flags & IFF_UP))) {
		snprintf(why, len,
			 "%s exists but kind '%s' id %u encap %d peers %u flags %#x",
			 a_dev, l.kind, l.id, l.encap, l.n_peers, l.flags);
		return -1;
	}
	if (a_encap == VNETFAB_ENCAP_GRE && !gre) {
		snprintf(why, len, "GRE %s exists without vnetfab_gre", a_dev);
		return -1;
	}
	if (a_encap == VNETFAB_ENCAP_UDP && a_up && !udp4) {
		snprintf(why, len, "%s up without a UDP socket on 4789", a_dev);
		return -1;
	}
	return 1;
}

static int link_add_undo(void)
{
	return del_link(rtnl, a_dev);
}

/* enslave */
static int set_master(int port_ifindex, int master)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC,
				 .ifi_index = port_ifindex };

	nl_init(&req, RTM_NEWLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	nl_put_u32(&req, IFLA_MASTER, master);
	return req_send(rtnl);
}

static int enslave_send(void)
{
	return set_master(base_port.ifindex, base_dev.ifindex);
}

static int enslave_state(char *why, size_t len)
{
	struct link p = get_link(rtnl, a_port);
	struct segment s = get_segment(genl, a_dev);

	if (!p.master && p.promisc == base_port.promisc &&
	    s.n_ports == base_seg.n_ports)
		return 0;
	if (p.master == base_dev.ifindex && p.promisc == base_port.promisc + 1 &&
	    s.n_ports == base_seg.n_ports + 1)
		return 1;
	snprintf(why, len, "%s master %d promiscuity %d (was %d), %s ports %u (was %u)",
		 a_port, p.master, p.promisc, base_port.promisc, a_dev,
		 s.n_ports, base_seg.n_ports);
	return -1;
}

static int enslave_undo(void)
{
	int err = set_master(base_port.ifindex, 0);

	return err ? err : req_recv_rtnl();
}

/* peer-add */
static void put_addr(struct req *r, int outer)
{
	struct nlattr *p = nl_nest(r, outer);

	if (addr_is6)
		nl_put(r, VNETFAB_PEER_A_ADDR6, a_addr, 16);
	else
		nl_put(r, VNETFAB_PEER_A_ADDR4, a_addr, 4);
	nl_nest_end(r, p);
}

static int peer_req(int cmd)
{
	genl_init(&req, cmd, NLM_F_ACK);
	nl_put_str(&req, VNETFAB_A_IFNAME, a_dev);
	put_addr(&req, VNETFAB_A_PEER);
	return req_send(genl);
}

static int peer_add_send(void)
{
	return peer_req(VNETFAB_CMD_ADD_PEER);
}

static int peer_add_state(char *why, size_t len)
{
	int found = genl_find(genl, a_dev, VNETFAB_CMD_GET_PEER, VNETFAB_A_PEER,
			      addr_is6 ? VNETFAB_PEER_A_ADDR6 : VNETFAB_PEER_A_ADDR4,
			      a_addr, addr_is6 ? 16 : 4);
	struct segment s = get_segment(genl, a_dev);

	if (!found && s.n_peers == base_seg.n_peers)
		return 0;
	if (found == 1 && s.n_peers == base_seg.n_peers + 1)
		return 1;
	snprintf(why, len, "peer listed %d times, n_peers %u (was %u)", found,
		 s.n_peers, base_seg.n_peers);
	return -1;
}

static int peer_add_undo(void)
{
	int err = peer_req(VNETFAB_CMD_DEL_PEER);

	return err ? err : req_recv_genl();
}

/* fdb-add, bridge-fdb-add */
static int fdb_add_send(void)
{
	struct nlattr *f;

	genl_init(&req, VNETFAB_CMD_ADD_FDB, NLM_F_ACK);
	nl_put_str(&req, VNETFAB_A_IFNAME, a_dev);
	f = nl_nest(&req, VNETFAB_A_FDB);
	nl_put(&req, VNETFAB_FDB_A_MAC, a_mac, 6);
	if (a_fdb_dst == 0)
		nl_put(&req, VNETFAB_FDB_A_LOCAL, NULL, 0);
	else if (a_fdb_dst == 1)
		put_addr(&req, VNETFAB_FDB_A_PEER);
	else
		nl_put_u32(&req, VNETFAB_FDB_A_PORT_IFINDEX, base_port.ifindex);
	nl_nest_end(&req, f);
	return req_send(genl);
}

static int bridge_fdb_add_send(void)
{
	struct ndmsg nd = {
		.ndm_family = AF_BRIDGE,
		.ndm_ifindex = base_dev.ifindex,
		.ndm_state = NUD_PERMANENT,
		.ndm_flags = NTF_SELF,
	};

	nl_init(&req, RTM_NEWNEIGH, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
		&nd, sizeof(nd));
	nl_put(&req, NDA_LLADDR, a_mac, 6);
	return req_send(rtnl);
}

static int fdb_add_state(char *why, size_t len)
{
	int found = genl_find(genl, a_dev, VNETFAB_CMD_GET_FDB, VNETFAB_A_FDB,
			      VNETFAB_FDB_A_MAC, a_mac, 6);
	struct segment s = get_segment(genl, a_dev);

	if (!found && s.n_addrs == base_seg.n_addrs)
		return 0;
	if (found == 1 && s.n_addrs == base_seg.n_addrs + 1)
		return 1;
	snprintf(why, len, "%s listed %d times, n_addrs %u (was %u)", a_mac_s,
		 found, s.n_addrs, base_seg.n_addrs);
	return -1;
}

static int fdb_add_undo(void)
{
	struct nlattr *f;
	int err;

	genl_init(&req, VNETFAB_CMD_DEL_FDB, NLM_F_ACK);
	nl_put_str(&req, VNETFAB_A_IFNAME, a_dev);
	f = nl_nest(&req, VNETFAB_A_FDB);
	nl_put(&req, VNETFAB_FDB_A_MAC, a_mac, 6);
	nl_nest_end(&req, f);
	err = req_send(genl);
	return err ? err : req_recv_genl();
}

/* netns-move */
static int move_req(int fd, int ifindex, int to)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };

	nl_init(&req, RTM_NEWLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	nl_put_u32(&req, IFLA_NET_NS_FD, to);
	return req_send(fd);
}

static int move_send(void)
{
	return move_req(rtnl, base_dev.ifindex, ns_fd);
}

static int move_state(char *why, size_t len)
{
	struct link here = get_link(rtnl, a_dev), there = get_link(rtnl2, a_dev);
	struct link *l = here.exists ? &here : &there;
	struct segment s = get_segment(here.exists ? genl : genl2, a_dev);

	if (here.exists == there.exists) {
		snprintf(why, len, "%s %s", a_dev,
			 here.exists ? "in both netns" : "in neither netns");
		return -1;
	}
	if (strcmp(l->kind, VNETFAB_KIND) || l->id != base_dev.id ||
	    !s.exists || s.n_peers != base_seg.n_peers ||
	    s.n_addrs != base_seg.n_addrs) {
		snprintf(why, len,
			 "%s (%s) kind '%s' id %u, genl %s, peers %u addrs %u (were %u %u)",
			 a_dev, here.exists ? "not moved" : "moved", l->kind,
			 l->id, s.exists ? "finds it" : "does not find it",
			 s.n_peers, s.n_addrs, base_seg.n_peers, base_seg.n_addrs);
		return -1;
	}
	if (here.exists && here.ifindex != base_dev.ifindex) {
		snprintf(why, len, "%s not moved but its ifindex changed", a_dev);
		return -1;
	}
	return there.exists;
}

static int move_undo(void)
{
	struct link there = get_link(rtnl2, a_dev);
	int err = move_req(rtnl2, there.ifindex, home_fd);

	return err ? err : nl_recv(rtnl2, req_seq, NULL, NULL);
}

/* modload */
static int modload_send(void)
{
	int flags = 0;
	size_t n = strlen(a_ko);

	if ((n > 3 && !strcmp(a_ko + n - 3, ".xz")) ||
	    (n > 3 && !strcmp(a_ko + n - 3, ".gz")) ||
	    (n > 4 && !strcmp(a_ko + n - 4, ".zst")))
		flags = MODULE_INIT_COMPRESSED_FILE;
	if (syscall(SYS_finit_module, ko_fd, "", flags) < 0)
		return -errno;
	return 0;
}

static int modload_recv(void)
{
	return 0;
}

static int modload_state(char *why, size_t len)
{
	struct stat sb;
	bool sys = !stat("/sys/module/vnetfab", &sb);
	bool fam = genl_family(genl, VNETFAB_GENL_NAME) != 0;
	char live[32] = "";
	FILE *f;

	if (!sys && !fam)
		return 0;
	f = fopen("/sys/module/vnetfab/initstate", "r");
	if (f) {
		if (!fgets(live, sizeof(live), f))
			live[0] = 0;
		fclose(f);
	}
	if (sys && fam && !strcmp(live, "live\n"))
		return 1;
	snprintf(why, len, "/sys/module/vnetfab %s (initstate %.*s), genl family %s",
		 sys ? "exists" : "absent", (int)strcspn(live, "\n"), live,
		 fam ? "registered" : "absent");
	return -1;
}

static int modload_undo(void)
{
	if (syscall(SYS_delete_module, "vnetfab", O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

/* ---- main ------------------------------------------------------------ */

static const char *errname(int e)
{
	static char b[16];

	switch (e) {
	case ENOMEM: return "ENOMEM";
	case ENOBUFS: return "ENOBUFS";
	case EINVAL: return "EINVAL";
	case EEXIST: return "EEXIST";
	case ENOENT: return "ENOENT";
	case ENODEV: return "ENODEV";
	case EBUSY: return "EBUSY";
	case EFAULT: return "EFAULT";
	case ENOSPC: return "ENOSPC";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case EADDRINUSE: return "EADDRINUSE";
	case EAGAIN: return "EAGAIN";
	case ENFILE: return "ENFILE";
	}
	snprintf(b, sizeof(b), "errno%d", e);
	return b;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: failnth [-m MAX] [-s STEP] [-v] OP ARGS...\n"
		"  link-add NAME ID udp|gre [up] [peer ADDR4]...\n"
		"  enslave FAB PORT\n"
		"  peer-add FAB ADDR\n"
		"  fdb-add FAB MAC local|peer ADDR|port DEV\n"
		"  bridge-fdb-add FAB MAC\n"
		"  netns-move FAB NETNS_PATH\n"
		"  modload KO\n");
	exit(2);
}

static void parse_addr(const char *s)
{
	addr_is6 = strchr(s, ':');
	if (inet_pton(addr_is6 ? AF_INET6 : AF_INET, s, a_addr) != 1)
		usage();
}

static void parse_mac(const char *s)
{
	a_mac_s = s;
	if (sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &a_mac[0], &a_mac[1],
		   &a_mac[2], &a_mac[3], &a_mac[4], &a_mac[5]) != 6)
		usage();
}

static struct link need_link(const char *name)
{
	struct link l = get_link(rtnl, name);

	if (!l.exists) {
		fprintf(stderr, "failnth: no device %s\n", name);
		exit(2);
	}
	return l;
}

static void setup(const struct op *op, int argc, char **argv)
{
	int i;

	if (!strcmp(op->name, "modload")) {
		struct stat sb;

		a_ko = argv[0];
		ko_fd = open(a_ko, O_RDONLY | O_CLOEXEC);
		if (ko_fd < 0) {
			perror(a_ko);
			exit(2);
		}
		if (!stat("/sys/module/vnetfab", &sb)) {
			fprintf(stderr, "failnth: vnetfab is loaded already\n");
			exit(2);
		}
		return;
	}
	genl_id = genl_family(genl, VNETFAB_GENL_NAME);
	if (!genl_id) {
		fprintf(stderr, "failnth: no genl family %s\n", VNETFAB_GENL_NAME);
		exit(2);
	}
	a_dev = argv[0];
	if (!strcmp(op->name, "link-add")) {
		if (argc < 3)
			usage();
		a_id = strtoul(argv[1], NULL, 0);
		a_encap = !strcmp(argv[2], "gre") ? VNETFAB_ENCAP_GRE :
			  VNETFAB_ENCAP_UDP;
		for (i = 3; i < argc; i++) {
			if (!strcmp(argv[i], "up")) {
				a_up = true;
			} else if (!strcmp(argv[i], "peer") && i + 1 < argc &&
				   a_npeers < 64) {
				if (inet_pton(AF_INET, argv[++i],
					      &a_peer4[a_npeers++]) != 1)
					usage();
			} else {
				usage();
			}
		}
		return;
	}
	base_dev = need_link(a_dev);
	base_seg = get_segment(genl, a_dev);
	if (!strcmp(op->name, "enslave")) {
		if (argc != 2)
			usage();
		a_port = argv[1];
		base_port = need_link(a_port);
		if (base_port.master) {
			fprintf(stderr, "failnth: %s has a master\n", a_port);
			exit(2);
		}
	} else if (!strcmp(op->name, "peer-add")) {
		if (argc != 2)
			usage();
		parse_addr(argv[1]);
	} else if (!strcmp(op->name, "fdb-add")) {
		if (argc < 3)
			usage();
		parse_mac(argv[1]);
		if (!strcmp(argv[2], "local") && argc == 3) {
			a_fdb_dst = 0;
		} else if (!strcmp(argv[2], "peer") && argc == 4) {
			a_fdb_dst = 1;
			parse_addr(argv[3]);
		} else if (!strcmp(argv[2], "port") && argc == 4) {
			a_fdb_dst = 2;
			base_port = need_link(argv[3]);
		} else {
			usage();
		}
	} else if (!strcmp(op->name, "bridge-fdb-add")) {
		if (argc != 2)
			usage();
		parse_mac(argv[1]);
	} else if (!strcmp(op->name, "netns-move")) {
		if (argc != 2)
			usage();
		home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		ns_fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (home_fd < 0 || ns_fd < 0) {
			perror(argv[1]);
			exit(2);
		}
		rtnl2 = nl_open_in(NETLINK_ROUTE, ns_fd, home_fd);
		genl2 = nl_open_in(NETLINK_GENERIC, ns_fd, home_fd);
		if (get_link(rtnl2, a_dev).exists) {
			fprintf(stderr, "failnth: %s in the target netns already\n",
				a_dev);
			exit(2);
		}
	}
}

static const struct op ops[] = {
	{ "link-add", link_add_send, req_recv_rtnl, link_add_state, link_add_undo },
	{ "enslave", enslave_send, req_recv_rtnl, enslave_state, enslave_undo },
	{ "peer-add", peer_add_send, req_recv_genl, peer_add_state, peer_add_undo },
	{ "fdb-add", fdb_add_send, req_recv_genl, fdb_add_state, fdb_add_undo },
	{ "bridge-fdb-add", bridge_fdb_add_send, req_recv_rtnl, fdb_add_state,
	  fdb_add_undo },
	{ "netns-move", move_send, req_recv_rtnl, move_state, move_undo },
	{ "modload", modload_send, modload_recv, modload_state, modload_undo },
};

int main(int argc, char **argv)
{
	unsigned int n, max = 20000, step = 1, last = 0;
	const struct op *op = NULL;
	bool complete = false;
	char why[256];
	int c, i, e;

	while ((c = getopt(argc, argv, "+m:s:v")) != -1) {
		switch (c) {
		case 'm': max = strtoul(optarg, NULL, 0); break;
		case 's': step = strtoul(optarg, NULL, 0) ? : 1; break;
		case 'v': verbose = true; break;
		default: usage();
		}
	}
	if (optind + 1 >= argc)
		usage();
	for (i = 0; i < (int)(sizeof(ops) / sizeof(ops[0])); i++)
		if (!strcmp(argv[optind], ops[i].name))
			op = &ops[i];
	if (!op)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	rtnl = nl_open(NETLINK_ROUTE);
	genl = nl_open(NETLINK_GENERIC);
	setup(op, argc - optind - 1, argv + optind + 1);
	fail_open();

	if (op->state(why, sizeof(why)) != 0) {
		fprintf(stderr, "failnth: %s: not in the start state: %s\n",
			op->name, why);
		return 2;
	}
	for (n = 1; n <= max && !complete; n += step) {
		bool hit;
		int err, s;

		fail_arm(n);
		err = op->send();
		hit = fail_disarm();
		if (!err)
			err = op->recv();
		st.runs++;
		last = n;
		if (hit)
			st.injected++;
		why[0] = 0;
		s = op->state(why, sizeof(why));
		if (verbose)
			printf("# N=%u %s err=%d state=%d\n", n,
			       hit ? "injected" : "not reached", err, s);
		if (s < 0) {
			inconsistent(n, err, "%s", why);
		} else if (err == ACK_LOST) {
			st.ack_lost++;
		} else if (err < 0) {
			e = -err;
			st.failed++;
			st.err_count[e < 256 ? e : 0]++;
			if (s != 0)
				inconsistent(n, err, "failed, but the operation took effect");
			if (!hit)
				inconsistent(n, err, "failed without an injected fault");
		} else {
			if (s != 1)
				inconsistent(n, err, "succeeded, but did not take effect");
			if (hit)
				st.ok_injected++;
			else
				complete = true;
		}
		if (s == 1) {
			err = op->undo();
			if (err) {
				inconsistent(n, err, "cannot undo the success");
				break;
			}
			s = op->state(why, sizeof(why));
			if (s != 0) {
				inconsistent(n, 0, "not back in the start state after the undo: %s",
					     s < 0 ? why : "still done");
				break;
			}
		} else if (s < 0) {
			break;	/* no sound start state for the next run */
		}
	}

	if (step > 1)
		printf("%s: %u of about %u injection points (one in %u)%s, %u failed",
		       op->name, st.runs - complete, last - (complete ? 1 : 0),
		       step, complete ? "" : " (sweep NOT complete)", st.failed);
	else
		printf("%s: %u injection points%s, %u failed", op->name,
		       complete ? last - 1 : last,
		       complete ? "" : " (sweep NOT complete)", st.failed);
	for (e = 0, c = 0; e < 256; e++) {
		if (!st.err_count[e])
			continue;
		printf("%s%s %u", c++ ? ", " : " (", errname(e), st.err_count[e]);
	}
	printf("%s, %u succeeded despite the fault, %u answers lost (ENOBUFS),"
	       " %u inconsistent\n", c ? ")" : "", st.ok_injected, st.ack_lost,
	       st.bad);
	for (i = 0; i < (int)st.bad && i < 4; i++)
		printf("# inconsistent: %s\n", st.bad_msg[i]);
	return st.bad || !complete ? 1 : 0;
}
