// SPDX-License-Identifier: GPL-2.0
/*
 * port.c - a segment's ports: port security and storm control settings
 * over rtnetlink (IFLA_INFO_SLAVE_DATA, as "ip link set tap0 type
 * bridge_slave ..." does for a bridge port), and their display.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include <linux/vnetfab.h>

#include "json.h"
#include "link.h"
#include "port.h"

static bool is_kind(const struct nlattr *a, const char *kind)
{
	return a && strnlen(nla_data(a), (size_t)nla_len(a)) == strlen(kind) &&
	       !memcmp(nla_data(a), kind, strlen(kind));
}

int vf_port_parse_data(const void *data, int len, struct vf_port *p)
{
	/* in the order of dst[] below */
	static const struct {
		int attr, bit;
	} u32s[] = {
		{ IFLA_VNETFAB_PORT_MAX_MACS, PORT_MAX_MACS },
		{ IFLA_VNETFAB_PORT_STORM_PPS, PORT_STORM },
		{ IFLA_VNETFAB_PORT_STORM_BURST, PORT_STORM_BURST },
		{ IFLA_VNETFAB_PORT_N_MACS, PORT_N_MACS },
	};
	static const int st_attr[PORT_ST_N] = {
		[PORT_ST_LOCKED] = IFLA_VNETFAB_PORT_STATS_LOCKED,
		[PORT_ST_LEARN_LIMIT] = IFLA_VNETFAB_PORT_STATS_LEARN_LIMIT,
		[PORT_ST_STORM] = IFLA_VNETFAB_PORT_STATS_STORM,
	};
	struct nlattr *tb[IFLA_VNETFAB_PORT_MAX + 1];
	struct nlattr *st[IFLA_VNETFAB_PORT_STATS_MAX + 1];
	uint32_t *dst[] = { &p->max_macs, &p->storm, &p->storm_burst,
			    &p->n_macs };
	size_t i;

	if (nla_parse(tb, IFLA_VNETFAB_PORT_MAX, (struct nlattr *)data, len,
		      NULL) < 0)
		return -1;
	if (tb[IFLA_VNETFAB_PORT_LOCKED] &&
	    nla_len(tb[IFLA_VNETFAB_PORT_LOCKED]) >= 1) {
		p->locked = nla_get_u8(tb[IFLA_VNETFAB_PORT_LOCKED]);
		p->has |= PORT_LOCKED;
	}
	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++) {
		const struct nlattr *a = tb[u32s[i].attr];

		if (a && nla_len(a) >= 4) {
			*dst[i] = nla_get_u32((struct nlattr *)a);
			p->has |= u32s[i].bit;
		}
	}
	if (tb[IFLA_VNETFAB_PORT_STATS] &&
	    !nla_parse_nested(st, IFLA_VNETFAB_PORT_STATS_MAX,
			      tb[IFLA_VNETFAB_PORT_STATS], NULL)) {
		p->has |= PORT_STATS;
		for (i = 0; i < PORT_ST_N; i++)
			if (st[st_attr[i]] && nla_len(st[st_attr[i]]) >= 8)
				p->stats[i] = nla_get_u64(st[st_attr[i]]);
	}
	return 0;
}

struct nl_msg *vf_port_req(const struct vf_args *a, int ifindex)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = vnetfab_link_msg(RTM_NEWLINK, NLM_F_ACK, ifindex);

	if (!msg)
		return NULL;
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo ||
	    nla_put_string(msg, IFLA_INFO_SLAVE_KIND, VNETFAB_KIND) < 0)
		goto fail;
	data = nla_nest_start(msg, IFLA_INFO_SLAVE_DATA);
	if (!data ||
	    (a->has_locked &&
	     nla_put_u8(msg, IFLA_VNETFAB_PORT_LOCKED, a->locked) < 0) ||
	    (a->has_max_macs &&
	     nla_put_u32(msg, IFLA_VNETFAB_PORT_MAX_MACS, a->max_macs) < 0) ||
	    (a->has_storm &&
	     nla_put_u32(msg, IFLA_VNETFAB_PORT_STORM_PPS, a->storm) < 0) ||
	    (a->has_storm_burst &&
	     nla_put_u32(msg, IFLA_VNETFAB_PORT_STORM_BURST,
			 a->storm_burst) < 0))
		goto fail;
	nla_nest_end(msg, data);
	nla_nest_end(msg, linkinfo);
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

/* what RTM_GETLINK tells of one device */
struct link {
	int ifindex, master;
	char ifname[IF_NAMESIZE];
	bool is_vnetfab;		/* a segment */
	bool is_port;			/* a segment's port: slave kind vnetfab */
	struct vf_port port;
};

static void parse_link(struct nlmsghdr *nlh, struct link *l)
{
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct ifinfomsg *ifm = nlmsg_data(nlh);

	memset(l, 0, sizeof(*l));
	if (nlmsg_parse(nlh, sizeof(*ifm), tb, IFLA_MAX, NULL) < 0)
		return;
	l->ifindex = ifm->ifi_index;
	if (tb[IFLA_IFNAME])
		nla_strlcpy(l->ifname, tb[IFLA_IFNAME], sizeof(l->ifname));
	if (tb[IFLA_MASTER] && nla_len(tb[IFLA_MASTER]) >= 4)
		l->master = (int)nla_get_u32(tb[IFLA_MASTER]);
	if (!tb[IFLA_LINKINFO] ||
	    nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) < 0)
		return;
	l->is_vnetfab = is_kind(li[IFLA_INFO_KIND], VNETFAB_KIND);
	l->is_port = is_kind(li[IFLA_INFO_SLAVE_KIND], VNETFAB_KIND);
	if (l->is_port && li[IFLA_INFO_SLAVE_DATA])
		vf_port_parse_data(nla_data(li[IFLA_INFO_SLAVE_DATA]),
				   nla_len(li[IFLA_INFO_SLAVE_DATA]), &l->port);
}

struct links {
	struct link *v;
	size_t n, cap;
};

static int links_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct links *ls = arg;
	struct link *v;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 16;
		v = realloc(ls->v, ls->cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		ls->v = v;
	}
	parse_link(nlh, &ls->v[ls->n++]);
	return 0;
}

/* every device (@ifname NULL) or one: 0 or -1 with @e filled in */
static int get_links(const char *ifname, struct links *ls, struct nlu_err *e)
{
	int ret;

	memset(ls, 0, sizeof(*ls));
	ret = vnetfab_link_run(RTM_GETLINK, ifname ? 0 : NLM_F_DUMP, 0, ifname,
			       links_cb, ls, e);
	if (ret) {
		free(ls->v);
		ls->v = NULL;
	}
	return ret;
}

int vf_port_set(const struct vf_args *a, struct nlu_err *e)
{
	struct links ls, master;
	struct nl_msg *msg;
	bool ok;

	if (get_links(a->port, &ls, e))
		return -1;
	ok = ls.n == 1 && ls.v[0].is_port && ls.v[0].master;
	/* the master must be a segment: another master reads other slave data */
	if (ok) {
		char name[IF_NAMESIZE];

		ok = if_indextoname((unsigned int)ls.v[0].master, name) &&
		     !get_links(name, &master, e);
		ok = ok && master.n == 1 && master.v[0].is_vnetfab;
		if (ok)
			free(master.v);
	}
	if (!ok) {
		free(ls.v);
		return VF_PORT_NOTPORT;
	}
	msg = vf_port_req(a, ls.v[0].ifindex);
	free(ls.v);
	return vnetfab_link_send(msg, e);
}

int vf_port_list(const char *seg, const char *port, struct vf_port **v,
		 size_t *n, struct nlu_err *e)
{
	struct links ls;
	size_t i, j, k = 0;

	*v = NULL;
	*n = 0;
	if (get_links(port, &ls, e))
		return -1;
	for (i = 0; i < ls.n; i++) {
		struct link *l = &ls.v[i];

		if (!l->is_port)
			continue;
		l->port.ifindex = l->ifindex;
		memcpy(l->port.ifname, l->ifname, sizeof(l->ifname));
		l->port.master = l->master;
		if (!if_indextoname((unsigned int)l->master, l->port.segment))
			snprintf(l->port.segment, sizeof(l->port.segment),
				 "if%d", l->master);
		if (seg && strcmp(seg, l->port.segment))
			continue;
		ls.v[k++] = *l;
	}
	if (k) {
		*v = calloc(k, sizeof(**v));
		if (!*v) {
			free(ls.v);
			*e = (struct nlu_err){ .err = ENOMEM };
			return -1;
		}
		for (j = 0; j < k; j++)
			(*v)[j] = ls.v[j].port;
	}
	*n = k;
	free(ls.v);
	return 0;
}

/* the names of the segment's sums of them (show), as the text's */
static const char *const st_keys[PORT_ST_N] = {
	"port_locked", "learn_limit", "storm",
};

void vf_port_print_text(FILE *f, const struct vf_port *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct vf_port *p = &v[i];

		fprintf(f, "%s: segment %s", p->ifname, p->segment);
		if (p->has & PORT_LOCKED)
			fprintf(f, " locked %s", p->locked ? "on" : "off");
		if (p->has & PORT_MAX_MACS) {
			if (p->max_macs)
				fprintf(f, " max-macs %" PRIu32, p->max_macs);
			else
				fputs(" max-macs none", f);
		}
		if (p->has & PORT_N_MACS)
			fprintf(f, " learned %" PRIu32, p->n_macs);
		if (p->has & PORT_STORM) {
			if (p->storm)
				fprintf(f, " storm %" PRIu32 "/s burst %" PRIu32,
					p->storm,
					p->storm_burst ? p->storm_burst :
							 p->storm);
			else
				fputs(" storm off", f);
		}
		fputc('\n', f);
		if (p->has & PORT_STATS)
			fprintf(f, "    dropped: locked %" PRIu64
				" storm %" PRIu64 "  not learned: %" PRIu64 "\n",
				p->stats[PORT_ST_LOCKED], p->stats[PORT_ST_STORM],
				p->stats[PORT_ST_LEARN_LIMIT]);
	}
}

int vf_port_print_json(FILE *f, const struct vf_port *v, size_t n)
{
	struct json j;
	size_t i;
	int k;

	json_init(&j, f);
	json_begin_array(&j);
	for (i = 0; i < n; i++) {
		const struct vf_port *p = &v[i];

		json_begin_object(&j);
		json_kv_string(&j, "ifname", p->ifname);
		json_kv_u64(&j, "ifindex", (uint64_t)p->ifindex);
		json_kv_string(&j, "master", p->segment);
		if (p->has & PORT_LOCKED)
			json_kv_bool(&j, "locked", p->locked);
		if (p->has & PORT_MAX_MACS)
			json_kv_u64(&j, "max_macs", p->max_macs);
		if (p->has & PORT_N_MACS)
			json_kv_u64(&j, "n_macs", p->n_macs);
		if (p->has & PORT_STORM)
			json_kv_u64(&j, "storm", p->storm);
		if (p->has & PORT_STORM_BURST)
			json_kv_u64(&j, "storm_burst", p->storm_burst);
		if (p->has & PORT_STATS) {
			json_key(&j, "stats");
			json_begin_object(&j);
			for (k = 0; k < PORT_ST_N; k++)
				json_kv_u64(&j, st_keys[k], p->stats[k]);
			json_end_object(&j);
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	return json_finish(&j);
}
