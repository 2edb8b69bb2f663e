// SPDX-License-Identifier: GPL-2.0
/*
 * share.c - fair sharing of the underlay between segments.
 *
 * The module names each segment's traffic control class in the
 * skb->priority of what the segment sends into the underlay
 * (IFLA_VNETFAB_SHARE_CLASS, kmod/share.c); this file builds the HTB
 * qdisc that takes those classes, with no filter, from the shares and
 * priorities of the segments:
 *
 *   fab:     htb, default fab:ffff            (root of the underlay dev)
 *   fab:1    rate R ceil R                    (the underlay)
 *   fab:N    rate R * share / total, ceil R, prio 7 - priority,
 *            quantum in proportion to share   (one per segment)
 *   fab:ffff rate R * 1 / total, ceil R, prio 7  (the host's own traffic)
 *
 * total being the sum of the shares plus one. Each class is guaranteed
 * its rate and borrows up to R what the others leave (HTB's ceil);
 * borrowed bandwidth is split by quantum, so in the same ratio as the
 * shares; a class of lower HTB prio is dequeued first while within its
 * rate. Messages are rtnetlink's tc messages as tc(8) sends them, with
 * extended ACKs so that the kernel's reason reaches the user.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <linux/gen_stats.h>
#include <linux/if_link.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include <linux/vnetfab.h>

#include "json.h"
#include "link.h"
#include "share.h"
#include "tenants.h"

#define ROOT_HANDLE	TC_H_MAKE(VNETFAB_SHARE_MAJOR << 16, 0)
#define CLASS(minor)	TC_H_MAKE(VNETFAB_SHARE_MAJOR << 16, (minor))
#define MTU_BYTES	1514u
#define QUANTUM_MAX	200000u		/* where HTB starts to warn */

uint64_t vf_share_rate(uint64_t rate, uint32_t share, uint64_t total)
{
	uint64_t r;

	if (!total)
		return rate;
	/* no overflow for any rate below 1.8e15 bit/s (share <= 10000) */
	r = rate / total * share + rate % total * share / total;
	return r ? r : 1;
}

/* --- what the segments ask ------------------------------------------- */

struct segs {
	struct vf_share_seg *v;
	size_t n, cap;
};

/*
 * @v, an array of @n elements of @size in room for *@cap, with room for
 * one more: @v itself, or a larger copy (*@cap updated); NULL if out of
 * memory (@v is left as it was)
 */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	size_t c = *cap ? *cap * 2 : 16;

	if (n < *cap)
		return v;
	v = realloc(v, c * size);
	if (v)
		*cap = c;
	return v;
}

static bool is_vnetfab(const struct nlattr *kind)
{
	return kind && nla_len(kind) >= (int)sizeof(VNETFAB_KIND) &&
	       !strcmp(nla_data(kind), VNETFAB_KIND);
}

static int seg_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct nlattr *d[IFLA_VNETFAB_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ifinfomsg *ifm = nlmsg_data(nlh);
	struct segs *ss = arg;
	struct vf_share_seg *s, *v;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(nlh, sizeof(*ifm), tb, IFLA_MAX, NULL) < 0 ||
	    !tb[IFLA_LINKINFO] ||
	    nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) < 0 ||
	    !is_vnetfab(li[IFLA_INFO_KIND]) || !li[IFLA_INFO_DATA] ||
	    nla_parse_nested(d, IFLA_VNETFAB_MAX, li[IFLA_INFO_DATA], NULL) < 0)
		return 0;
	v = grow(ss->v, ss->n, &ss->cap, sizeof(*v));
	if (!v)
		return -ENOMEM;
	ss->v = v;
	s = &ss->v[ss->n++];
	memset(s, 0, sizeof(*s));
	s->ifindex = ifm->ifi_index;
	if (tb[IFLA_IFNAME])
		nla_strlcpy(s->ifname, tb[IFLA_IFNAME], sizeof(s->ifname));
	if (d[IFLA_VNETFAB_ID] && nla_len(d[IFLA_VNETFAB_ID]) >= 4)
		s->id = nla_get_u32(d[IFLA_VNETFAB_ID]);
	if (d[IFLA_VNETFAB_SHARE] && nla_len(d[IFLA_VNETFAB_SHARE]) >= 4)
		s->share = nla_get_u32(d[IFLA_VNETFAB_SHARE]);
	if (d[IFLA_VNETFAB_PRIORITY] && nla_len(d[IFLA_VNETFAB_PRIORITY]) >= 1)
		s->priority = nla_get_u8(d[IFLA_VNETFAB_PRIORITY]);
	if (d[IFLA_VNETFAB_SHARE_CLASS] &&
	    nla_len(d[IFLA_VNETFAB_SHARE_CLASS]) >= 4)
		s->class = nla_get_u32(d[IFLA_VNETFAB_SHARE_CLASS]);
	/* a segment with a share but no class: a module without sharing */
	if (!s->share || TC_H_MAJ(s->class) != CLASS(0))
		ss->n--;
	return 0;
}

static int get_segs(struct segs *ss, struct nlu_err *e)
{
	memset(ss, 0, sizeof(*ss));
	if (vnetfab_link_run(RTM_GETLINK, NLM_F_DUMP, 0, NULL, seg_cb, ss, e)) {
		free(ss->v);
		ss->v = NULL;
		return -1;
	}
	return 0;
}

/* --- tc messages ------------------------------------------------------ */

static struct nl_msg *tc_msg(int type, int flags, int ifindex, uint32_t handle,
			     uint32_t parent)
{
	struct tcmsg t = {
		.tcm_family = AF_UNSPEC,
		.tcm_ifindex = ifindex,
		.tcm_handle = handle,
		.tcm_parent = parent,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags | NLM_F_REQUEST);

	if (msg && nlmsg_append(msg, &t, sizeof(t), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* microseconds to the kernel's packet scheduler ticks (/proc/net/psched) */
static double tick_in_usec(void)
{
	unsigned int t2us = 1000, us2t = 64, clock_res = 1000000, hz;
	FILE *f = fopen("/proc/net/psched", "r");

	if (f) {
		if (fscanf(f, "%08x%08x%08x%08x", &t2us, &us2t, &clock_res,
			   &hz) < 3 || !us2t) {
			t2us = 1000;
			us2t = 64;
			clock_res = 1000000;
		}
		fclose(f);
	}
	if (clock_res == 1000000000)
		t2us = us2t;
	return (double)t2us / us2t * ((double)clock_res / 1000000);
}

/* the time @bytes take at @rate bit/s, in ticks of @tick per us */
static uint32_t ticks(uint64_t bytes, uint64_t rate, double tick)
{
	double t = 8e6 * (double)bytes / (double)rate * tick;

	return t >= UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

/* HTB class @minor under @parent: rate, ceil, prio, quantum */
static int put_class(int ifindex, uint32_t minor, uint32_t parent,
		     uint64_t rate, uint64_t ceil, uint32_t prio,
		     uint32_t quantum, struct nlu_err *e)
{
	struct tc_htb_opt o = { 0 };
	struct nlattr *opts;
	struct nl_msg *msg;
	double tick = tick_in_usec();
	uint64_t burst = rate / 8 / 100;	/* 10 ms of the rate */
	uint64_t cburst = ceil / 8 / 100;

	if (burst < 2 * MTU_BYTES)
		burst = 2 * MTU_BYTES;
	if (cburst < 2 * MTU_BYTES)
		cburst = 2 * MTU_BYTES;
	o.rate.rate = rate / 8 >= UINT32_MAX ? UINT32_MAX : (uint32_t)(rate / 8);
	o.ceil.rate = ceil / 8 >= UINT32_MAX ? UINT32_MAX : (uint32_t)(ceil / 8);
	if (!o.rate.rate)
		o.rate.rate = 1;
	o.rate.linklayer = TC_LINKLAYER_ETHERNET;
	o.ceil.linklayer = TC_LINKLAYER_ETHERNET;
	o.rate.mpu = o.ceil.mpu = 0;
	o.buffer = ticks(burst, rate, tick);
	o.cbuffer = ticks(cburst, ceil, tick);
	o.prio = prio;
	o.quantum = quantum;

	msg = tc_msg(RTM_NEWTCLASS, NLM_F_CREATE, ifindex, CLASS(minor), parent);
	if (!msg)
		goto nomem;
	if (nla_put_string(msg, TCA_KIND, "htb") < 0)
		goto nomem;
	opts = nla_nest_start(msg, TCA_OPTIONS);
	if (!opts || nla_put(msg, TCA_HTB_PARMS, sizeof(o), &o) < 0)
		goto nomem;
	if (rate / 8 >= UINT32_MAX &&
	    nla_put_u64(msg, TCA_HTB_RATE64, rate / 8) < 0)
		goto nomem;
	if (ceil / 8 >= UINT32_MAX &&
	    nla_put_u64(msg, TCA_HTB_CEIL64, ceil / 8) < 0)
		goto nomem;
	nla_nest_end(msg, opts);
	return vnetfab_rtnl_run(msg, NULL, NULL, e);
nomem:
	nlmsg_free(msg);
	memset(e, 0, sizeof(*e));
	e->err = ENOMEM;
	return -1;
}

/* --- the qdiscs and classes there are -------------------------------- */

struct tcobj {
	int ifindex;
	uint32_t handle, parent;
	uint32_t leaf;			/* classes: the leaf qdisc's handle */
	char kind[16];
	uint64_t rate, ceil;		/* bit/s, HTB classes */
	uint32_t prio, quantum;
	uint64_t bytes, packets;
	uint32_t drops;
};

struct tcobjs {
	struct tcobj *v;
	size_t n, cap;
};

static void parse_htb(struct nlattr *opts, struct tcobj *o)
{
	struct nlattr *h[TCA_HTB_MAX + 1];
	struct tc_htb_opt p;

	if (nla_parse_nested(h, TCA_HTB_MAX, opts, NULL) < 0 ||
	    !h[TCA_HTB_PARMS] || nla_len(h[TCA_HTB_PARMS]) < (int)sizeof(p))
		return;
	memcpy(&p, nla_data(h[TCA_HTB_PARMS]), sizeof(p));
	o->rate = (uint64_t)p.rate.rate * 8;
	o->ceil = (uint64_t)p.ceil.rate * 8;
	if (h[TCA_HTB_RATE64] && nla_len(h[TCA_HTB_RATE64]) >= 8)
		o->rate = nla_get_u64(h[TCA_HTB_RATE64]) * 8;
	if (h[TCA_HTB_CEIL64] && nla_len(h[TCA_HTB_CEIL64]) >= 8)
		o->ceil = nla_get_u64(h[TCA_HTB_CEIL64]) * 8;
	o->prio = p.prio;
	o->quantum = p.quantum;
}

static void parse_stats(struct nlattr *stats2, struct tcobj *o)
{
	struct nlattr *s[TCA_STATS_MAX + 1];
	struct gnet_stats_basic b;
	struct gnet_stats_queue q;

	if (nla_parse_nested(s, TCA_STATS_MAX, stats2, NULL) < 0)
		return;
	if (s[TCA_STATS_BASIC] && nla_len(s[TCA_STATS_BASIC]) >= 12) {
		memset(&b, 0, sizeof(b));
		memcpy(&b, nla_data(s[TCA_STATS_BASIC]),
		       (size_t)nla_len(s[TCA_STATS_BASIC]) < sizeof(b) ?
		       (size_t)nla_len(s[TCA_STATS_BASIC]) : sizeof(b));
		o->bytes = b.bytes;
		o->packets = b.packets;
	}
	if (s[TCA_STATS_QUEUE] && nla_len(s[TCA_STATS_QUEUE]) >= (int)sizeof(q)) {
		memcpy(&q, nla_data(s[TCA_STATS_QUEUE]), sizeof(q));
		o->drops = q.drops;
	}
}

static int tcobj_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct tcmsg *t = nlmsg_data(nlh);
	struct nlattr *tb[TCA_MAX + 1];
	struct tcobjs *os = arg;
	struct tcobj *o, *v;

	if ((nlh->nlmsg_type != RTM_NEWQDISC &&
	     nlh->nlmsg_type != RTM_NEWTCLASS) ||
	    nlmsg_parse(nlh, sizeof(*t), tb, TCA_MAX, NULL) < 0)
		return 0;
	v = grow(os->v, os->n, &os->cap, sizeof(*v));
	if (!v)
		return -ENOMEM;
	os->v = v;
	o = &os->v[os->n++];
	memset(o, 0, sizeof(*o));
	o->ifindex = t->tcm_ifindex;
	o->handle = t->tcm_handle;
	o->parent = t->tcm_parent;
	o->leaf = t->tcm_info;
	if (tb[TCA_KIND])
		nla_strlcpy(o->kind, tb[TCA_KIND], sizeof(o->kind));
	if (!strcmp(o->kind, "htb") && tb[TCA_OPTIONS] &&
	    nlh->nlmsg_type == RTM_NEWTCLASS)
		parse_htb(tb[TCA_OPTIONS], o);
	if (tb[TCA_STATS2])
		parse_stats(tb[TCA_STATS2], o);
	return 0;
}

/* the qdiscs of every device (@ifindex 0) or the classes of one */
static int dump_tc(int type, int ifindex, struct tcobjs *os, struct nlu_err *e)
{
	memset(os, 0, sizeof(*os));
	if (vnetfab_rtnl_run(tc_msg(type, NLM_F_DUMP, ifindex, 0, 0), tcobj_cb, os, e)) {
		free(os->v);
		os->v = NULL;
		return -1;
	}
	return 0;
}

static bool ours(const struct tcobj *q)
{
	return q->parent == TC_H_ROOT && q->handle == ROOT_HANDLE &&
	       !strcmp(q->kind, "htb");
}

static void fail(struct nlu_err *e, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct nlu_err *e, int err, const char *fmt, ...)
{
	va_list ap;

	memset(e, 0, sizeof(*e));
	e->err = err;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

/* --- building --------------------------------------------------------- */

/* the classes of @ifindex, whose root qdisc is ours, for rate @rate */
static int build(int ifindex, uint64_t rate, struct nlu_err *e)
{
	struct segs ss;
	struct tcobjs cls;
	uint64_t total = 1;
	uint32_t min_share = UINT32_MAX;
	size_t i, j;
	int ret = -1;

	if (get_segs(&ss, e))
		return -1;
	for (i = 0; i < ss.n; i++) {
		total += ss.v[i].share;
		if (ss.v[i].share < min_share)
			min_share = ss.v[i].share;
	}
	if (put_class(ifindex, VNETFAB_SHARE_MINOR_ROOT, ROOT_HANDLE, rate,
		      rate, 0, MTU_BYTES, e))
		goto out;
	for (i = 0; i < ss.n; i++) {
		const struct vf_share_seg *s = &ss.v[i];
		uint64_t q = (uint64_t)MTU_BYTES * s->share / min_share;

		if (put_class(ifindex, TC_H_MIN(s->class),
			      CLASS(VNETFAB_SHARE_MINOR_ROOT),
			      vf_share_rate(rate, s->share, total), rate,
			      vf_share_htb_prio(s->priority),
			      q > QUANTUM_MAX ? QUANTUM_MAX : (uint32_t)q, e))
			goto out;
	}
	if (put_class(ifindex, VNETFAB_SHARE_MINOR_OTHER,
		      CLASS(VNETFAB_SHARE_MINOR_ROOT),
		      vf_share_rate(rate, 1, total), rate, 7, MTU_BYTES, e))
		goto out;
	/*
	 * No class for a segment that has no share any more; and in each
	 * class, for HTB's default pfifo of txqueuelen packets (seconds of
	 * queue at a small share), fq_codel, as an operator would put there.
	 * A leaf qdisc someone put there (tcm_info not 0) stays.
	 */
	if (dump_tc(RTM_GETTCLASS, ifindex, &cls, e))
		goto out;
	for (i = 0; i < cls.n; i++) {
		uint32_t h = cls.v[i].handle;
		struct nl_msg *m;

		if (TC_H_MAJ(h) != CLASS(0) ||
		    TC_H_MIN(h) == VNETFAB_SHARE_MINOR_ROOT)
			continue;
		for (j = 0; j < ss.n && ss.v[j].class != h; j++)
			;
		if (j == ss.n && TC_H_MIN(h) != VNETFAB_SHARE_MINOR_OTHER) {
			m = tc_msg(RTM_DELTCLASS, 0, ifindex, h, 0);
		} else if (!cls.v[i].leaf) {
			m = tc_msg(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL,
				   ifindex, 0, h);
			if (m && nla_put_string(m, TCA_KIND, "fq_codel") < 0) {
				nlmsg_free(m);
				m = NULL;
			}
		} else {
			continue;
		}
		if (vnetfab_rtnl_run(m, NULL, NULL, e)) {
			free(cls.v);
			goto out;
		}
	}
	free(cls.v);
	ret = 0;
out:
	free(ss.v);
	return ret;
}

int vf_share_set(const char *dev, uint64_t rate, struct nlu_err *e)
{
	int ifindex = (int)if_nametoindex(dev);
	struct tcobjs qs;
	const struct tcobj *root = NULL;
	struct nl_msg *msg;
	struct nlattr *opts;
	struct tc_htb_glob g = {
		.version = 3,
		.rate2quantum = 10,
		.defcls = VNETFAB_SHARE_MINOR_OTHER,
	};
	size_t i;

	if (!ifindex) {
		fail(e, ENODEV, "no device %s in this network namespace", dev);
		return -1;
	}
	if (dump_tc(RTM_GETQDISC, 0, &qs, e))
		return -1;
	for (i = 0; i < qs.n; i++)
		if (qs.v[i].ifindex == ifindex && qs.v[i].parent == TC_H_ROOT)
			root = &qs.v[i];
	if (root && ours(root)) {
		free(qs.v);
		return build(ifindex, rate, e);
	}
	/* the kernel's default root qdiscs have no handle; a user's has */
	if (root && TC_H_MAJ(root->handle)) {
		fail(e, EEXIST,
		     "%s has a root qdisc of its own (%s %x:); shares need theirs at the root: remove it first (tc qdisc del dev %s root)",
		     dev, root->kind, TC_H_MAJ(root->handle) >> 16, dev);
		free(qs.v);
		return -1;
	}
	free(qs.v);
	msg = tc_msg(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE, ifindex,
		     ROOT_HANDLE, TC_H_ROOT);
	if (!msg || nla_put_string(msg, TCA_KIND, "htb") < 0)
		goto nomem;
	opts = nla_nest_start(msg, TCA_OPTIONS);
	if (!opts || nla_put(msg, TCA_HTB_INIT, sizeof(g), &g) < 0)
		goto nomem;
	nla_nest_end(msg, opts);
	if (vnetfab_rtnl_run(msg, NULL, NULL, e))
		return -1;
	return build(ifindex, rate, e);
nomem:
	nlmsg_free(msg);
	fail(e, ENOMEM, "out of memory");
	return -1;
}

/* the root qdisc of @ifindex if it is ours: 1, 0 if not, -1 */
static int has_ours(int ifindex, struct nlu_err *e)
{
	struct tcobjs qs;
	int found = 0;
	size_t i;

	if (dump_tc(RTM_GETQDISC, 0, &qs, e))
		return -1;
	for (i = 0; i < qs.n; i++)
		if (qs.v[i].ifindex == ifindex && ours(&qs.v[i]))
			found = 1;
	free(qs.v);
	return found;
}

int vf_share_del(const char *dev, struct nlu_err *e)
{
	int ifindex = (int)if_nametoindex(dev);
	int r;

	if (!ifindex) {
		fail(e, ENODEV, "no device %s in this network namespace", dev);
		return -1;
	}
	r = has_ours(ifindex, e);
	if (r < 0)
		return -1;
	if (!r) {
		fail(e, ENOENT, "%s has no share scheduler (vnetfabctl share set dev %s rate RATE makes one)",
		     dev, dev);
		return -1;
	}
	return vnetfab_rtnl_run(tc_msg(RTM_DELQDISC, 0, ifindex, ROOT_HANDLE, TC_H_ROOT),
		      NULL, NULL, e);
}

/* the underlay rate of an underlay with our qdisc: its class fab:1 */
static int underlay_rate(int ifindex, uint64_t *rate, struct tcobjs *cls,
			 struct nlu_err *e)
{
	size_t i;

	if (dump_tc(RTM_GETTCLASS, ifindex, cls, e))
		return -1;
	*rate = 0;
	for (i = 0; i < cls->n; i++)
		if (cls->v[i].handle == CLASS(VNETFAB_SHARE_MINOR_ROOT))
			*rate = cls->v[i].rate;
	return 0;
}

int vf_share_sync(struct nlu_err *e)
{
	struct tcobjs qs, cls;
	uint64_t rate;
	size_t i;
	int ret = 0;

	if (dump_tc(RTM_GETQDISC, 0, &qs, e))
		return -1;
	for (i = 0; i < qs.n && !ret; i++) {
		if (!ours(&qs.v[i]))
			continue;
		ret = underlay_rate(qs.v[i].ifindex, &rate, &cls, e);
		free(cls.v);
		if (!ret && rate)
			ret = build(qs.v[i].ifindex, rate, e);
	}
	free(qs.v);
	return ret;
}

/* --- display ---------------------------------------------------------- */

static const struct vf_share_seg *seg_of(const struct segs *ss, uint32_t h)
{
	size_t i;

	for (i = 0; i < ss->n; i++)
		if (ss->v[i].class == h)
			return &ss->v[i];
	return NULL;
}

static void show_class(FILE *f, struct json *j, const struct tcobj *c,
		       const struct vf_share_seg *s)
{
	char rb[32], cb[32];

	if (j) {
		json_begin_object(j);
		if (s) {
			json_kv_string(j, "ifname", s->ifname);
			json_kv_u64(j, "id", s->id);
			json_kv_u64(j, "share", s->share);
			json_kv_u64(j, "priority", s->priority);
		} else {
			json_kv_string(j, "ifname", "other");
		}
		snprintf(rb, sizeof(rb), "%x:%x", VNETFAB_SHARE_MAJOR,
			 TC_H_MIN(c->handle));
		json_kv_string(j, "class", rb);
		json_kv_u64(j, "rate", c->rate);
		json_kv_u64(j, "ceil", c->ceil);
		json_kv_u64(j, "bytes", c->bytes);
		json_kv_u64(j, "packets", c->packets);
		json_kv_u64(j, "drops", c->drops);
		json_end_object(j);
		return;
	}
	vf_rate_str(c->rate, rb, sizeof(rb));
	vf_rate_str(c->ceil, cb, sizeof(cb));
	if (s)
		fprintf(f, "  %s: id %" PRIu32 " share %" PRIu32 " priority %" PRIu32,
			s->ifname, s->id, s->share, s->priority);
	else
		fprintf(f, "  other: share 1 priority 0");
	fprintf(f, " class %x:%x rate %s ceil %s sent %" PRIu64 " bytes %" PRIu64 " packets dropped %" PRIu32 "\n",
		VNETFAB_SHARE_MAJOR, TC_H_MIN(c->handle), rb, cb, c->bytes,
		c->packets, c->drops);
}

static int show_dev(FILE *f, struct json *j, int ifindex, const struct segs *ss,
		    struct nlu_err *e)
{
	char name[IF_NAMESIZE] = "?", rb[32];
	struct tcobjs cls;
	uint64_t rate;
	size_t i;

	if (underlay_rate(ifindex, &rate, &cls, e))
		return -1;
	if_indextoname((unsigned int)ifindex, name);
	if (j) {
		json_begin_object(j);
		json_kv_string(j, "ifname", name);
		json_kv_u64(j, "rate", rate);
		json_key(j, "classes");
		json_begin_array(j);
	} else {
		vf_rate_str(rate, rb, sizeof(rb));
		fprintf(f, "%s: rate %s\n", name, rb);
	}
	for (i = 0; i < cls.n; i++) {
		const struct tcobj *c = &cls.v[i];

		if (c->parent != CLASS(VNETFAB_SHARE_MINOR_ROOT))
			continue;
		show_class(f, j, c, seg_of(ss, c->handle));
	}
	if (j) {
		json_end_array(j);
		json_end_object(j);
	}
	free(cls.v);
	return 0;
}

int vf_share_show(FILE *f, const char *dev, bool json, struct nlu_err *e)
{
	struct json j;
	struct tcobjs qs;
	struct segs ss;
	int ifindex = 0, ret = 0;
	size_t i, shown = 0;

	if (dev) {
		ifindex = (int)if_nametoindex(dev);
		if (!ifindex) {
			fail(e, ENODEV, "no device %s in this network namespace",
			     dev);
			return -1;
		}
	}
	if (get_segs(&ss, e))
		return -1;
	if (dump_tc(RTM_GETQDISC, 0, &qs, e)) {
		free(ss.v);
		return -1;
	}
	if (json) {
		json_init(&j, f);
		json_begin_array(&j);
	}
	for (i = 0; i < qs.n && !ret; i++) {
		if (!ours(&qs.v[i]) || (ifindex && qs.v[i].ifindex != ifindex))
			continue;
		ret = show_dev(f, json ? &j : NULL, qs.v[i].ifindex, &ss, e);
		shown++;
	}
	if (json) {
		json_end_array(&j);
		if (json_finish(&j) && !ret) {
			fail(e, EIO, "write error");
			ret = -1;
		}
	} else if (!ret && !shown) {
		if (dev)
			fprintf(f, "%s: no share scheduler (vnetfabctl share set dev %s rate RATE)\n",
				dev, dev);
		else
			fprintf(f, "no underlay has a share scheduler (vnetfabctl share set dev UNDERLAY rate RATE)\n");
		for (i = 0; i < ss.n; i++)
			fprintf(f, "  %s: id %" PRIu32 " share %" PRIu32 " priority %" PRIu32 " class %x:%x\n",
				ss.v[i].ifname, ss.v[i].id, ss.v[i].share,
				ss.v[i].priority, VNETFAB_SHARE_MAJOR,
				TC_H_MIN(ss.v[i].class));
	}
	free(qs.v);
	free(ss.v);
	return ret;
}
