// SPDX-License-Identifier: GPL-2.0
/*
 * link_vnetfab.c - iproute2 plugin for the "vnetfab" link kind.
 *
 * ip resolves an unknown link kind by dlopen("$IP_LIB_DIR/link_vnetfab.so")
 * and dlsym("vnetfab_link_util"). No iproute2 header is installed, so what
 * the plugin needs of ip is declared here, and it may call only functions
 * and globals that every supported ip exports (Debian 6.1 and 6.15; see
 * scripts/ip-plugin-symbols.sh). The static inline helpers of iproute2's
 * headers (print_string(), rta_getattr_u32(), matches(), ...) are not in
 * the binary and are replaced by libc and the few lines below.
 *
 *   ip link add fab0 type vnetfab id 100 encap udp local 192.0.2.1 \
 *	remote 192.0.2.2 remote 192.0.2.3
 *   ip link set fab0 type vnetfab ttl 16 nolearning
 *   ip link set fab0 type vnetfab remote 192.0.2.4	# the whole new set
 *   ip link set fab0 type vnetfab probe 500 probe-misses 4
 *   ip link set fab0 type vnetfab hold-down 10000
 *   ip link set fab0 type vnetfab remote 192.0.2.4 probe off	# its own
 *   ip -d [-j] link show fab0
 *   ip link help vnetfab
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <linux/vnetfab.h>

/*
 * "probe MS|off", "probe-misses N", "hold-down MS", shared with vnetfabctl
 * (../liveness.c)
 */
#include "../liveness.h"
/* the other settings: names, limits and the one parser of their values */
#include "../args.h"
#include "../segopts.h"
#include "iproute2.h"

/* ---- limits and names: ../segopts.h ---------------------------------- */

/* the most "remote" options one request holds (ip's buffer: 1024 bytes) */
#define VF_REMOTES_MAX	32

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static void print_usage(FILE *f)
{
	fprintf(f,
		"Usage: ... vnetfab [ id ID ] [ encap { udp | gre } ] [ local ADDR ]\n"
		"                   [ dstport PORT ] [ dev PHYS_DEV ]\n"
		"                   [ ttl TTL ] [ tos { TOS | inherit } ]\n"
		"                   [ df { unset | set | inherit } ] [ ageing SECONDS ]\n"
		"                   [ { learning [ on | off ] | nolearning } ]\n"
		"                   [ maxaddr NUMBER ]\n"
		"                   [ probe { MS | off } ] [ probe-misses MISSES ]\n"
		"                   [ hold-down HOLD_MS ] [ share SHARE ] [ priority PRIO ]\n"
		"                   [ remote PEER [ probe { MS | off } ] ]... | [ remote none ]\n"
		"\n"
		"Where: ID       := %u..%u (default %u): the segment, VXLAN VNI or GRE key\n"
		"       encap    udp: VXLAN wire format (default); gre: gretap with key ID,\n"
		"                IPv4 underlay only\n"
		"       ADDR     := IPv4 or IPv6 source address of encapsulated packets\n"
		"                (default: the route's choice)\n"
		"       PORT     := %u..%u (default %u), UDP port of the segment\n"
		"       PHYS_DEV := underlay device the packets leave through\n"
		"       TTL      := %u..%u (default %u), outer TTL / hop limit\n"
		"       TOS      := 0..%u (default 0), outer TOS; inherit (or 1) copies\n"
		"                the inner header's\n"
		"       df       outer Don't Fragment bit (default unset)\n"
		"       SECONDS  := %u..%u (default %u), lifetime of a learned MAC\n"
		"       learning learn source MACs (default); nolearning: do not\n"
		"       NUMBER   := %u..%u (default %u), most learned MACs kept\n"
		"       MS       := %u..%u (default %u), a peer silent this many ms is\n"
		"                probed; off: no peer is (unless it has its own); a\n"
		"                probe right after \"remote PEER\" is that peer's own\n"
		"       MISSES   := %u..%u (default %u), a peer that answered probes is\n"
		"                down once silent this many intervals\n"
		"       HOLD_MS  := 0..%u (default %u), ms a peer's preferred underlay\n"
		"                path must be up again before frames go back to it\n"
		"       SHARE    := 1..%u, or off (none, the default), the segment's weight on the\n"
		"                underlay; PRIO := 0..%u (default 0), higher is sent\n"
		"                first; they take effect through \"vnetfabctl share\"\n"
		"       PEER     := IPv4 or IPv6 address of a peer host (at most %u here;\n"
		"                more with vnetfabctl peer set); on \"set\", the remotes\n"
		"                given replace all peers, \"remote none\" deletes them\n"
		"\n"
		"id, encap, local, dstport and dev are fixed at creation; the others\n"
		"change with \"ip link set DEV type vnetfab ...\".\n"
		"A segment with more than %u peers shows only their number: list them\n"
		"with \"vnetfabctl peer list dev DEV\". A remote here is a peer's own\n"
		"address alone: give peers further underlay paths (and a remote set\n"
		"that keeps them) with \"vnetfabctl peer set ... path ADDR\".\n",
		VNETFAB_ID_MIN, VNETFAB_ID_MAX, VNETFAB_ID_DEFAULT,
		VF_DSTPORT_MIN, VF_DSTPORT_MAX, VNETFAB_DEFAULT_DSTPORT,
		VF_TTL_MIN, VF_TTL_MAX, VNETFAB_DEFAULT_TTL,
		VF_TOS_MAX,
		VF_AGEING_MIN, VF_AGEING_MAX, VNETFAB_DEFAULT_AGEING,
		VF_MAXADDR_MIN, VF_MAXADDR_MAX, VNETFAB_DEFAULT_MAX_ADDRS,
		VF_PROBE_MIN, VF_PROBE_MAX, VNETFAB_DEFAULT_PROBE_INTERVAL,
		VF_PROBE_MISSES_MIN, VF_PROBE_MISSES_MAX,
		VNETFAB_DEFAULT_PROBE_MISSES,
		VF_HOLD_DOWN_MAX, VNETFAB_DEFAULT_HOLD_DOWN,
		VNETFAB_SHARE_MAX, VNETFAB_PRIORITY_MAX,
		VF_REMOTES_MAX, VNETFAB_LINK_PEERS_MAX);
}

/* ---- parsing ---------------------------------------------------------- */

/*
 * A number as every front end takes it (args_parse_uint(): decimal, or
 * 0x and hex digits) in min..max; for link_vnetfab_slave.c. 0 or -1.
 */
int parse_num(const char *s, unsigned long min, unsigned long max,
	      unsigned long *v)
{
	uint32_t n;

	if (max > UINT32_MAX ||
	    args_parse_uint(s, "number", (uint32_t)min, (uint32_t)max, &n,
			    NULL, 0))
		return -1;
	*v = n;
	return 0;
}

/* index of @s in @names, or -1 */
static int parse_name(const char *s, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(s, names[i]))
			return (int)i;
	return -1;
}

static int bad_value(const char *opt, const char *val, const char *allowed)
{
	fprintf(stderr,
		"vnetfab: invalid %s \"%s\" (expected %s); try \"ip link help vnetfab\"\n",
		opt, val, allowed);
	return -1;
}

static int bad_range(const char *opt, const char *val, unsigned long min,
		     unsigned long max)
{
	fprintf(stderr,
		"vnetfab: invalid %s \"%s\" (expected %lu..%lu); try \"ip link help vnetfab\"\n",
		opt, val, min, max);
	return -1;
}

/* what the command line gave; only that is sent */
struct vf_opts {
	bool has_id, has_encap, has_dstport, has_link, has_ttl, has_tos;
	bool has_df, has_ageing, has_learning, has_maxaddr;
	bool has_probe, has_probe_misses, has_hold_down;
	bool has_share, has_priority;
	int local_family;	/* 0: none, AF_INET or AF_INET6 */
	struct in_addr local4;
	struct in6_addr local6;
	bool has_remotes, remote_none;	/* "remote" given; "remote none" */
	unsigned int n_remotes;
	struct {
		int family;
		struct in6_addr addr;	/* or the struct in_addr at its start */
		bool has_probe;		/* its own interval */
		__u32 probe;
	} remotes[VF_REMOTES_MAX];
	__u32 id, link, ageing, maxaddr, probe, hold_down, share;
	__u16 dstport;
	__u8 encap, ttl, tos, df, learning, probe_misses, priority;
};

/* the option names that take a value, for "needs a value" */
static const char *const valued_opts[] = {
	"id", "encap", "local", "dstport", "ttl", "tos", "df", "ageing",
	"maxaddr", "dev", "remote", "probe", "probe-misses", "hold-down",
	"share", "priority",
};

/* a message of ../liveness.c */
static int liveness_fail(const char *msg)
{
	fprintf(stderr, "vnetfab: %s; try \"ip link help vnetfab\"\n", msg);
	return -1;
}

/*
 * "probe MS|off": right after "remote PEER" (@peer_probe), that peer's own
 * interval, else the segment's
 */
static int parse_probe(struct vf_opts *o, const char *val, bool peer_probe)
{
	char msg[128];
	__u32 ms;

	if (vf_parse_probe(val, &ms, msg, sizeof(msg)))
		return liveness_fail(msg);
	if (peer_probe) {
		o->remotes[o->n_remotes - 1].has_probe = true;
		o->remotes[o->n_remotes - 1].probe = ms;
		return 0;
	}
	if (o->has_probe) {
		fprintf(stderr,
			"vnetfab: \"probe\" given twice for the segment (a peer's own goes right after its \"remote PEER\")\n");
		return -1;
	}
	o->probe = ms;
	o->has_probe = true;
	return 0;
}

/* "remote PEER" (one more peer of the set) or "remote none" (no peer) */
static int parse_remote(struct vf_opts *o, const char *val)
{
	void *a;

	if (!strcmp(val, "none")) {
		if (o->n_remotes)
			goto both;
		o->has_remotes = o->remote_none = true;
		return 0;
	}
	if (o->remote_none)
		goto both;
	if (o->n_remotes == VF_REMOTES_MAX) {
		fprintf(stderr,
			"vnetfab: at most %u remotes in one command; set more with \"vnetfabctl peer set\"\n",
			VF_REMOTES_MAX);
		return -1;
	}
	a = &o->remotes[o->n_remotes].addr;
	if (inet_pton(AF_INET, val, a) == 1)
		o->remotes[o->n_remotes].family = AF_INET;
	else if (inet_pton(AF_INET6, val, a) == 1)
		o->remotes[o->n_remotes].family = AF_INET6;
	else
		return bad_value("remote", val,
				 "an IPv4 or IPv6 address, or none");
	o->n_remotes++;
	o->has_remotes = true;
	return 0;
both:
	fprintf(stderr,
		"vnetfab: \"remote none\" deletes every peer: give it alone, or only remotes\n");
	return -1;
}

/* setting @so of the table, its value parsed, into @o */
static int set_opt(struct vf_opts *o, enum vf_segopt so, uint32_t v)
{
	switch (so) {
	case VF_SO_ID:		o->id = v; o->has_id = true; break;
	case VF_SO_ENCAP:	o->encap = (__u8)v; o->has_encap = true; break;
	case VF_SO_DSTPORT:	o->dstport = (__u16)v; o->has_dstport = true; break;
	case VF_SO_TTL:		o->ttl = (__u8)v; o->has_ttl = true; break;
	case VF_SO_TOS:		o->tos = (__u8)v; o->has_tos = true; break;
	case VF_SO_DF:		o->df = (__u8)v; o->has_df = true; break;
	case VF_SO_AGEING:	o->ageing = v; o->has_ageing = true; break;
	case VF_SO_LEARNING:	o->learning = (__u8)v; o->has_learning = true; break;
	case VF_SO_MAXADDR:	o->maxaddr = v; o->has_maxaddr = true; break;
	case VF_SO_N:		break;
	}
	return 0;
}

static int parse_one(struct vf_opts *o, const char *opt, const char *val)
{
	char msg[ARGS_ERRLEN];
	unsigned long n;
	uint32_t v;
	int i;

	for (i = 0; i < VF_SO_N; i++)
		if (!strcmp(opt, vf_segopts[i].kw))
			break;
	if (i < VF_SO_N) {
		if (vf_segopt_parse((enum vf_segopt)i, val, &v, msg,
				    sizeof(msg)))
			return liveness_fail(msg);
		return set_opt(o, (enum vf_segopt)i, v);
	}
	if (!strcmp(opt, "local")) {
		if (inet_pton(AF_INET, val, &o->local4) == 1)
			o->local_family = AF_INET;
		else if (inet_pton(AF_INET6, val, &o->local6) == 1)
			o->local_family = AF_INET6;
		else
			return bad_value(opt, val,
					 "an IPv4 or IPv6 address");
	} else if (!strcmp(opt, "dev")) {
		o->link = if_nametoindex(val);
		if (!o->link)
			return bad_value(opt, val,
					 "the name of an existing network device");
		o->has_link = true;
	} else if (!strcmp(opt, "remote")) {
		return parse_remote(o, val);
	} else if (!strcmp(opt, "probe-misses")) {
		if (vf_parse_probe_misses(val, &o->probe_misses, msg,
					  sizeof(msg)))
			return liveness_fail(msg);
		o->has_probe_misses = true;
	} else if (!strcmp(opt, "hold-down")) {
		if (vf_parse_hold_down(val, &o->hold_down, msg, sizeof(msg)))
			return liveness_fail(msg);
		o->has_hold_down = true;
	} else if (!strcmp(opt, "share")) {
		/* off: none (0 on the wire), as vnetfabctl's */
		if (!strcmp(val, "off"))
			n = 0;
		else if (parse_num(val, 1, VNETFAB_SHARE_MAX, &n))
			return bad_range(opt, val, 1, VNETFAB_SHARE_MAX);
		o->share = (__u32)n;
		o->has_share = true;
	} else if (!strcmp(opt, "priority")) {
		if (parse_num(val, 0, VNETFAB_PRIORITY_MAX, &n))
			return bad_range(opt, val, 0, VNETFAB_PRIORITY_MAX);
		o->priority = (__u8)n;
		o->has_priority = true;
	}
	return 0;
}

/* the start of a nest; nest_end() sets its length (iproute2's own way) */
static struct rtattr *nest_start(struct nlmsghdr *n, int type)
{
	struct rtattr *nest = (struct rtattr *)((char *)n +
						NLMSG_ALIGN(n->nlmsg_len));

	if (addattr_l(n, VF_REQ_MAX, type | NLA_F_NESTED, NULL, 0))
		return NULL;
	return nest;
}

static void nest_end(struct nlmsghdr *n, struct rtattr *nest)
{
	nest->rta_len = (char *)n + NLMSG_ALIGN(n->nlmsg_len) - (char *)nest;
}

/* IFLA_VNETFAB_PEERS: one VNETFAB_A_PEER nest per remote */
static int put_remotes(const struct vf_opts *o, struct nlmsghdr *n)
{
	struct rtattr *peers, *peer;
	unsigned int i;
	int len;

	peers = nest_start(n, IFLA_VNETFAB_PEERS);
	if (!peers)
		return -1;
	for (i = 0; i < o->n_remotes; i++) {
		peer = nest_start(n, VNETFAB_A_PEER);
		len = o->remotes[i].family == AF_INET ?
		      (int)sizeof(struct in_addr) : (int)sizeof(struct in6_addr);
		if (!peer ||
		    addattr_l(n, VF_REQ_MAX,
			      o->remotes[i].family == AF_INET ?
			      VNETFAB_PEER_A_ADDR4 : VNETFAB_PEER_A_ADDR6,
			      &o->remotes[i].addr, len) ||
		    (o->remotes[i].has_probe &&
		     addattr32(n, VF_REQ_MAX, VNETFAB_PEER_A_PROBE_INTERVAL,
			       o->remotes[i].probe)))
			return -1;
		nest_end(n, peer);
	}
	nest_end(n, peers);
	return 0;
}

static int put_opts(const struct vf_opts *o, struct nlmsghdr *n)
{
	int err = 0;

	if (o->has_id)
		err |= addattr32(n, VF_REQ_MAX, IFLA_VNETFAB_ID, o->id);
	if (o->has_encap)
		err |= addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_ENCAP, o->encap);
	if (o->local_family == AF_INET)
		err |= addattr_l(n, VF_REQ_MAX, IFLA_VNETFAB_LOCAL,
				 &o->local4, sizeof(o->local4));
	if (o->local_family == AF_INET6)
		err |= addattr_l(n, VF_REQ_MAX, IFLA_VNETFAB_LOCAL6,
				 &o->local6, sizeof(o->local6));
	if (o->has_dstport)
		err |= addattr16(n, VF_REQ_MAX, IFLA_VNETFAB_DSTPORT,
				 o->dstport);
	if (o->has_link)
		err |= addattr32(n, VF_REQ_MAX, IFLA_VNETFAB_LINK, o->link);
	if (o->has_ttl)
		err |= addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_TTL, o->ttl);
	if (o->has_tos)
		err |= addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_TOS, o->tos);
	if (o->has_df)
		err |= addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_DF, o->df);
	if (o->has_ageing)
		err |= addattr32(n, VF_REQ_MAX, IFLA_VNETFAB_AGEING,
				 o->ageing);
	if (o->has_learning)
		err |= addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_LEARNING,
				o->learning);
	if (o->has_maxaddr)
		err |= addattr32(n, VF_REQ_MAX, IFLA_VNETFAB_MAX_ADDRS,
				 o->maxaddr);
	if (o->has_probe)
		err |= addattr32(n, VF_REQ_MAX, IFLA_VNETFAB_PROBE_INTERVAL,
				 o->probe);
	if (o->has_probe_misses)
		err |= addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_PROBE_MISSES,
				o->probe_misses);
	if (o->has_hold_down)
		err |= addattr32(n, VF_REQ_MAX, IFLA_VNETFAB_HOLD_DOWN,
				 o->hold_down);
	if (o->has_share)
		err |= addattr32(n, VF_REQ_MAX, IFLA_VNETFAB_SHARE, o->share);
	if (o->has_priority)
		err |= addattr8(n, VF_REQ_MAX, IFLA_VNETFAB_PRIORITY,
				o->priority);
	if (o->has_remotes)
		err |= put_remotes(o, n);
	/* addattr*() said why on stderr */
	return err ? -1 : 0;
}

static int vnetfab_parse_opt(struct link_util *lu, int argc, char **argv,
			     struct nlmsghdr *n)
{
	struct vf_opts o = { 0 };
	bool after_remote = false;	/* the word before was "remote PEER" */
	char msg[ARGS_ERRLEN];
	const char *opt;
	__u8 v8;
	int taken;

	(void)lu;
	for (; argc > 0; argc--, argv++) {
		opt = *argv;
		if (after_remote && !strcmp(opt, "probe") && argc >= 2) {
			after_remote = false;
			argc--, argv++;
			if (parse_probe(&o, *argv, true))
				return -1;
			continue;
		}
		after_remote = false;
		/* "learning [on|off]", "nolearning": as every front end */
		taken = vf_segopt_learning(opt, argc > 1 ? argv[1] : NULL,
					   &v8, msg, sizeof(msg));
		if (taken < 0)
			return liveness_fail(msg);
		if (taken > 0) {
			o.learning = v8;
			o.has_learning = true;
			argc -= taken - 1;
			argv += taken - 1;
			continue;
		}
		if (!strcmp(opt, "help")) {
			print_usage(stderr);
			return -1;
		}
		if (!strcmp(opt, "mtu")) {
			/* dump-config writes it on the segment line */
			fprintf(stderr,
				"vnetfab: \"mtu\" is ip's: give it before \"type vnetfab\" (ip link add DEV mtu MTU type vnetfab ...)\n");
			return -1;
		}
		if (parse_name(opt, valued_opts, ARRAY_SIZE(valued_opts)) < 0) {
			fprintf(stderr,
				"vnetfab: unknown option \"%s\"; try \"ip link help vnetfab\"\n",
				opt);
			return -1;
		}
		if (argc < 2) {
			fprintf(stderr,
				"vnetfab: option \"%s\" needs a value; try \"ip link help vnetfab\"\n",
				opt);
			return -1;
		}
		argc--, argv++;
		if (!strcmp(opt, "probe")) {
			if (parse_probe(&o, *argv, false))
				return -1;
			continue;
		}
		if (parse_one(&o, opt, *argv))
			return -1;
		after_remote = !strcmp(opt, "remote") && !o.remote_none;
	}
	return put_opts(&o, n);
}

/* ---- printing --------------------------------------------------------- */

void print_str(enum output_type t, const char *key, const char *fmt,
	       const char *value)
{
	print_color_string(t, COLOR_NONE, key, fmt, value);
}

void print_u32(enum output_type t, const char *key, const char *fmt,
	       unsigned int value)
{
	print_color_uint(t, COLOR_NONE, key, fmt, value);
}

/* the attribute's value if it has at least @len bytes, else NULL */
static const void *attr_data(struct rtattr *tb[], int type, size_t len)
{
	struct rtattr *a = tb[type];

	if (!a || RTA_PAYLOAD(a) < len)
		return NULL;
	return RTA_DATA(a);
}

bool get_u8(struct rtattr *tb[], int type, __u8 *v)
{
	const void *d = attr_data(tb, type, sizeof(*v));

	if (d)
		memcpy(v, d, sizeof(*v));
	return !!d;
}

static bool get_u16(struct rtattr *tb[], int type, __u16 *v)
{
	const void *d = attr_data(tb, type, sizeof(*v));

	if (d)
		memcpy(v, d, sizeof(*v));
	return !!d;
}

bool get_u32(struct rtattr *tb[], int type, __u32 *v)
{
	const void *d = attr_data(tb, type, sizeof(*v));

	if (d)
		memcpy(v, d, sizeof(*v));
	return !!d;
}

static void print_local(struct rtattr *tb[])
{
	char buf[INET6_ADDRSTRLEN];
	const void *d;

	d = attr_data(tb, IFLA_VNETFAB_LOCAL, sizeof(struct in_addr));
	if (d && inet_ntop(AF_INET, d, buf, sizeof(buf)))
		print_str(PRINT_ANY, "local", "local %s ", buf);
	d = attr_data(tb, IFLA_VNETFAB_LOCAL6, sizeof(struct in6_addr));
	if (d && inet_ntop(AF_INET6, d, buf, sizeof(buf)))
		print_str(PRINT_ANY, "local6", "local %s ", buf);
}

/*
 * The peers: "remote ADDR" each, and "probe MS|off" after a peer with an
 * interval of its own (text only: the JSON array holds the addresses),
 * or their number if too many to list.
 */
static void print_remotes(struct rtattr *tb[])
{
	char buf[INET6_ADDRSTRLEN], pb[VF_PROBE_STRLEN];
	struct rtattr *peer, *a;
	int rem, arem, family;
	bool listed = false, has_probe;
	const void *addr;
	__u32 n, probe;

	if (tb[IFLA_VNETFAB_PEERS]) {
		listed = true;
		open_json_array(PRINT_JSON, "remote");
		peer = RTA_DATA(tb[IFLA_VNETFAB_PEERS]);
		rem = RTA_PAYLOAD(tb[IFLA_VNETFAB_PEERS]);
		for (; RTA_OK(peer, rem); peer = RTA_NEXT(peer, rem)) {
			family = 0;
			addr = NULL;
			has_probe = false;
			probe = 0;
			a = RTA_DATA(peer);
			arem = RTA_PAYLOAD(peer);
			for (; RTA_OK(a, arem); a = RTA_NEXT(a, arem)) {
				switch (a->rta_type & NLA_TYPE_MASK) {
				case VNETFAB_PEER_A_ADDR4:
					if (RTA_PAYLOAD(a) == sizeof(struct in_addr)) {
						family = AF_INET;
						addr = RTA_DATA(a);
					}
					break;
				case VNETFAB_PEER_A_ADDR6:
					if (RTA_PAYLOAD(a) == sizeof(struct in6_addr)) {
						family = AF_INET6;
						addr = RTA_DATA(a);
					}
					break;
				case VNETFAB_PEER_A_PROBE_INTERVAL:
					if (RTA_PAYLOAD(a) >= sizeof(probe)) {
						memcpy(&probe, RTA_DATA(a),
						       sizeof(probe));
						has_probe = true;
					}
					break;
				}
			}
			if (!family || !inet_ntop(family, addr, buf, sizeof(buf)))
				continue;
			print_str(PRINT_ANY, NULL, "remote %s ", buf);
			if (has_probe)
				print_str(PRINT_FP, NULL, "probe %s ",
					  vf_probe_str(probe, pb, sizeof(pb)));
		}
		close_json_array(PRINT_JSON, NULL);
	}
	if (get_u32(tb, IFLA_VNETFAB_N_PEERS, &n)) {
		print_u32(PRINT_JSON, "peers", NULL, n);
		if (!listed)
			print_u32(PRINT_FP, NULL, "peers %u ", n);
	}
}

/*
 * One line of text (ip -d link show): the options as "ip link add" takes
 * them; in JSON (ip -d -j) one key each in linkinfo.info_data.
 */
static void vnetfab_print_opt(struct link_util *lu, FILE *f,
			      struct rtattr *tb[])
{
	char name[IF_NAMESIZE], pb[VF_PROBE_STRLEN];
	__u32 v32;
	__u16 v16;
	__u8 v8;

	(void)lu;
	(void)f;	/* print_color_*() write where ip prints */
	if (!tb)
		return;

	if (get_u32(tb, IFLA_VNETFAB_ID, &v32))
		print_u32(PRINT_ANY, "id", "id %u ", v32);
	if (get_u8(tb, IFLA_VNETFAB_ENCAP, &v8)) {
		if (vf_segopt_name(VF_SO_ENCAP, v8))
			print_str(PRINT_ANY, "encap", "encap %s ",
				  vf_segopt_name(VF_SO_ENCAP, v8));
		else
			print_u32(PRINT_ANY, "encap", "encap %u ", v8);
	}
	print_local(tb);
	if (get_u16(tb, IFLA_VNETFAB_DSTPORT, &v16))
		print_u32(PRINT_ANY, "dstport", "dstport %u ", v16);
	if (get_u32(tb, IFLA_VNETFAB_LINK, &v32) && v32) {
		/* resolved where ip runs, as ip resolves its own "@link" */
		if (!if_indextoname(v32, name))
			snprintf(name, sizeof(name), "if%u", v32);
		print_str(PRINT_ANY, "link", "dev %s ", name);
	}
	if (get_u8(tb, IFLA_VNETFAB_TTL, &v8))
		print_u32(PRINT_ANY, "ttl", "ttl %u ", v8);
	if (get_u8(tb, IFLA_VNETFAB_TOS, &v8)) {
		if (vf_segopt_name(VF_SO_TOS, v8))
			print_str(PRINT_ANY, "tos", "tos %s ",
				  vf_segopt_name(VF_SO_TOS, v8));
		else
			print_u32(PRINT_ANY, "tos", "tos %#x ", v8);
	}
	if (get_u8(tb, IFLA_VNETFAB_DF, &v8)) {
		if (vf_segopt_name(VF_SO_DF, v8))
			print_str(PRINT_ANY, "df", "df %s ",
				  vf_segopt_name(VF_SO_DF, v8));
		else
			print_u32(PRINT_ANY, "df", "df %u ", v8);
	}
	if (get_u32(tb, IFLA_VNETFAB_AGEING, &v32))
		print_u32(PRINT_ANY, "ageing", "ageing %u ", v32);
	if (get_u8(tb, IFLA_VNETFAB_LEARNING, &v8)) {
		print_color_bool(PRINT_JSON, COLOR_NONE, "learning", NULL, v8);
		print_str(PRINT_FP, NULL, "%s ",
			  v8 ? "learning" : "nolearning");
	}
	if (get_u32(tb, IFLA_VNETFAB_MAX_ADDRS, &v32))
		print_u32(PRINT_ANY, "maxaddr", "maxaddr %u ", v32);
	if (get_u32(tb, IFLA_VNETFAB_PROBE_INTERVAL, &v32)) {
		/* JSON: the milliseconds, 0 for off */
		print_u32(PRINT_JSON, "probe", NULL, v32);
		print_str(PRINT_FP, NULL, "probe %s ",
			  vf_probe_str(v32, pb, sizeof(pb)));
	}
	if (get_u8(tb, IFLA_VNETFAB_PROBE_MISSES, &v8))
		print_u32(PRINT_ANY, "probe_misses", "probe-misses %u ", v8);
	if (get_u32(tb, IFLA_VNETFAB_HOLD_DOWN, &v32))
		print_u32(PRINT_ANY, "hold_down", "hold-down %u ", v32);
	/* sharing: shown when set, as storm control is */
	if (get_u32(tb, IFLA_VNETFAB_SHARE, &v32) && v32) {
		print_u32(PRINT_ANY, "share", "share %u ", v32);
		if (get_u8(tb, IFLA_VNETFAB_PRIORITY, &v8))
			print_u32(PRINT_ANY, "priority", "priority %u ", v8);
		if (get_u32(tb, IFLA_VNETFAB_SHARE_CLASS, &v32)) {
			char cls[16];

			/* as tc writes a class: "fab:2" */
			snprintf(cls, sizeof(cls), "%x:%x", v32 >> 16,
				 v32 & 0xffff);
			print_str(PRINT_ANY, "share_class", "class %s ", cls);
		}
	}
	print_remotes(tb);
}

static void vnetfab_print_help(struct link_util *lu, int argc, char **argv,
			       FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	print_usage(f);
}

struct link_util vnetfab_link_util = {
	.id		= VNETFAB_KIND,
	.maxattr	= IFLA_VNETFAB_MAX,
	.parse_opt	= vnetfab_parse_opt,
	.print_opt	= vnetfab_print_opt,
	.print_help	= vnetfab_print_help,
};
