// SPDX-License-Identifier: GPL-2.0
/*
 * print.c - text and JSON output of segments, peers, MAC tables and events
 * (the stats matrix: printstats.c).
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/socket.h>

#include <linux/vnetfab.h>

#include "json.h"
#include "liveness.h"
#include "print.h"

const char *print_addr(const struct vf_addr *a, char *buf, size_t len)
{
	const char *s = NULL;

	if (a->family == AF_INET || a->family == AF_INET6)
		s = inet_ntop(a->family, a->family == AF_INET ?
			      (const void *)&a->v4 : (const void *)&a->v6,
			      buf, (socklen_t)len);
	if (!s)
		snprintf(buf, len, "?");
	return buf;
}

const char *print_mac(const uint8_t mac[VF_MACLEN], char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char *p = buf;
	int i;

	if (len < 3 * VF_MACLEN) {
		if (len)
			buf[0] = '\0';
		return buf;
	}
	/* 100 000 of them in an apply: no printf */
	for (i = 0; i < VF_MACLEN; i++) {
		*p++ = hex[mac[i] >> 4];
		*p++ = hex[mac[i] & 15];
		*p++ = i < VF_MACLEN - 1 ? ':' : '\0';
	}
	return buf;
}

static void encap_str(const struct vnetfab_segment *s, char *buf, size_t len)
{
	const char *name = vf_segopt_name(VF_SO_ENCAP, s->encap);

	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "unknown(%u)", s->encap);
}

static const char *seg_name(const struct vnetfab_segment *s, char *buf,
			    size_t len)
{
	if (s->has & SEG_IFNAME)
		return s->ifname;
	if (s->has & SEG_IFINDEX)
		snprintf(buf, len, "ifindex %" PRIu32, s->ifindex);
	else
		snprintf(buf, len, "?");
	return buf;
}

/* counter @i of @stats, or "-" if bit @i of @has is clear */
static const char *ctr(unsigned int has, const uint64_t *stats, int i,
		       char *buf, size_t len)
{
	if (!(has & (1u << i)))
		return "-";
	snprintf(buf, len, "%" PRIu64, stats[i]);
	return buf;
}

#define SEG_CTR(s, i, b)	ctr((s)->stats_has, (s)->stats, (i), (b), sizeof(b))

#define SEG_SETTINGS	(SEG_TTL | SEG_TOS | SEG_DF | SEG_AGEING | \
			 SEG_LEARNING | SEG_MAX_ADDRS | SEG_LOCAL | SEG_LINK)

/* the underlay device's name where we run, as ip resolves its own "@link" */
static const char *link_name(uint32_t ifindex, char *buf)
{
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%" PRIu32, ifindex);
	return buf;
}

/*
 * "    local ADDR dev DEV ttl N tos T df D ageing N [no]learning maxaddr
 * N": the settings, in ip -d link show's words and order
 */
static void settings_text(FILE *f, const struct vnetfab_segment *s)
{
	char ab[PRINT_ADDRLEN], lb[IF_NAMESIZE], vb[16];

	if (!(s->has & SEG_SETTINGS))
		return;
	fputs("   ", f);
	if (s->has & SEG_LOCAL)
		fprintf(f, " local %s", print_addr(&s->local, ab, sizeof(ab)));
	if (s->has & SEG_LINK)
		fprintf(f, " dev %s", link_name(s->link, lb));
	if (s->has & SEG_TTL)
		fprintf(f, " ttl %u", s->ttl);
	/* the plugin's forms: "inherit" or hex; a df name or its number */
	if (s->has & SEG_TOS)
		fprintf(f, " tos %s", vf_segopt_str(VF_SO_TOS, s->tos, vb,
						    sizeof(vb)));
	if (s->has & SEG_DF)
		fprintf(f, " df %s", vf_segopt_str(VF_SO_DF, s->df, vb,
						   sizeof(vb)));
	if (s->has & SEG_AGEING)
		fprintf(f, " ageing %" PRIu32, s->ageing);
	if (s->has & SEG_LEARNING)
		fputs(s->learning ? " learning" : " nolearning", f);
	if (s->has & SEG_MAX_ADDRS)
		fprintf(f, " maxaddr %" PRIu32, s->max_addrs);
	fputc('\n', f);
}

/* the settings, with the keys of ip -j -d link show of a vxlan device */
static void settings_json(struct json *j, const struct vnetfab_segment *s)
{
	char ab[PRINT_ADDRLEN], lb[IF_NAMESIZE];
	const char *df;

	if (s->has & SEG_LOCAL)
		json_kv_string(j, s->local.family == AF_INET6 ? "local6" : "local",
			       print_addr(&s->local, ab, sizeof(ab)));
	if (s->has & SEG_LINK)
		json_kv_string(j, "link", link_name(s->link, lb));
	if (s->has & SEG_TTL)
		json_kv_u64(j, "ttl", s->ttl);
	/* as the ip plugin: a number, or "inherit" */
	if (s->has & SEG_TOS && s->tos == VF_TOS_INHERIT)
		json_kv_string(j, "tos", "inherit");
	else if (s->has & SEG_TOS)
		json_kv_u64(j, "tos", s->tos);
	if (s->has & SEG_DF) {
		df = vf_segopt_name(VF_SO_DF, s->df);
		if (df)
			json_kv_string(j, "df", df);
		else
			json_kv_u64(j, "df", s->df);
	}
	if (s->has & SEG_AGEING)
		json_kv_u64(j, "ageing", s->ageing);
	if (s->has & SEG_LEARNING)
		json_kv_bool(j, "learning", s->learning);
	if (s->has & SEG_MAX_ADDRS)
		json_kv_u64(j, "limit", s->max_addrs);
}

void print_segments_text(FILE *f, const struct vnetfab_segment *v, size_t n)
{
	const unsigned int drops = ((1u << SEG_ST_N) - 1) &
				   ~((1u << SEG_ST_DROPS_FIRST) - 1);
	char nb[32], eb[32], c[SEG_ST_N][24];
	const struct vnetfab_segment *s;
	size_t i;

	for (i = 0; i < n; i++) {
		s = &v[i];
		fprintf(f, "%s:", seg_name(s, nb, sizeof(nb)));
		if (s->has & SEG_ID)
			fprintf(f, " id %" PRIu32, s->id);
		if (s->has & SEG_ENCAP) {
			encap_str(s, eb, sizeof(eb));
			fprintf(f, " encap %s", eb);
		}
		if (s->has & SEG_MTU)
			fprintf(f, " mtu %" PRIu32, s->mtu);
		if (s->has & SEG_UP)
			fprintf(f, " %s", s->up ? "up" : "down");
		if (s->has & SEG_DSTPORT)
			fprintf(f, " dstport %u", s->dstport);
		if (s->has & SEG_N_PORTS)
			fprintf(f, " ports %" PRIu32, s->n_ports);
		if (s->has & SEG_N_PEERS)
			fprintf(f, " peers %" PRIu32, s->n_peers);
		if (s->has & SEG_N_ADDRS)
			fprintf(f, " addrs %" PRIu32, s->n_addrs);
		fputc('\n', f);
		settings_text(f, s);
		if (!(s->has & SEG_STATS))
			continue;
		fprintf(f, "    rx %s packets %s bytes  tx %s packets %s bytes %s dropped\n",
			SEG_CTR(s, SEG_ST_RX_PACKETS, c[0]),
			SEG_CTR(s, SEG_ST_RX_BYTES, c[1]),
			SEG_CTR(s, SEG_ST_TX_PACKETS, c[2]),
			SEG_CTR(s, SEG_ST_TX_BYTES, c[3]),
			SEG_CTR(s, SEG_ST_TX_DROPPED, c[4]));
		/* a module without the drop counters gets no third line */
		if (!(s->stats_has & drops))
			continue;
		fprintf(f, "    drops: unknown-peer %s invalid %s learn-limit %s tx-errors %s too-big %s\n",
			SEG_CTR(s, SEG_ST_RX_UNKNOWN_PEER, c[5]),
			SEG_CTR(s, SEG_ST_RX_INVALID, c[6]),
			SEG_CTR(s, SEG_ST_LEARN_LIMIT, c[7]),
			SEG_CTR(s, SEG_ST_TX_ERRORS, c[8]),
			SEG_CTR(s, SEG_ST_TOO_BIG, c[9]));
		/* nor one without port security and storm control a fourth */
		if (!(s->stats_has & (1u << SEG_ST_STORM)))
			continue;
		fprintf(f, "    tenants: locked %s move-denied %s storm %s\n",
			SEG_CTR(s, SEG_ST_PORT_LOCKED, c[10]),
			SEG_CTR(s, SEG_ST_MAC_MOVE_DENIED, c[11]),
			SEG_CTR(s, SEG_ST_STORM, c[12]));
	}
}

/* "stats": { the counters of @has } */
static void json_stats(struct json *j, const char *const *keys, int nkeys,
		       unsigned int has, const uint64_t *stats)
{
	int k;

	json_key(j, "stats");
	json_begin_object(j);
	for (k = 0; k < nkeys; k++)
		if (has & (1u << k))
			json_kv_u64(j, keys[k], stats[k]);
	json_end_object(j);
}

int print_segments_json(FILE *f, const struct vnetfab_segment *v, size_t n)
{
	static const char *const stat_keys[SEG_ST_N] = {
		"rx_packets", "rx_bytes", "tx_packets", "tx_bytes", "tx_dropped",
		"rx_unknown_peer", "rx_invalid", "learn_limit", "tx_errors",
		"too_big", "port_locked", "mac_move_denied", "storm",
	};
	const struct vnetfab_segment *s;
	struct json j;
	char eb[32];
	size_t i;

	json_init(&j, f);
	json_begin_array(&j);
	for (i = 0; i < n; i++) {
		s = &v[i];
		json_begin_object(&j);
		if (s->has & SEG_IFINDEX)
			json_kv_u64(&j, "ifindex", s->ifindex);
		if (s->has & SEG_IFNAME)
			json_kv_string(&j, "ifname", s->ifname);
		if (s->has & SEG_ID)
			json_kv_u64(&j, "id", s->id);
		if (s->has & SEG_ENCAP) {
			encap_str(s, eb, sizeof(eb));
			json_kv_string(&j, "encap", eb);
		}
		if (s->has & SEG_MTU)
			json_kv_u64(&j, "mtu", s->mtu);
		if (s->has & SEG_UP)
			json_kv_bool(&j, "up", s->up);
		if (s->has & SEG_DSTPORT)
			json_kv_u64(&j, "dstport", s->dstport);
		if (s->has & SEG_N_PORTS)
			json_kv_u64(&j, "n_ports", s->n_ports);
		if (s->has & SEG_N_PEERS)
			json_kv_u64(&j, "n_peers", s->n_peers);
		if (s->has & SEG_N_ADDRS)
			json_kv_u64(&j, "n_addrs", s->n_addrs);
		settings_json(&j, s);
		if (s->has & SEG_STATS)
			json_stats(&j, stat_keys, SEG_ST_N, s->stats_has,
				   s->stats);
		json_end_object(&j);
	}
	json_end_array(&j);
	return json_finish(&j);
}

#define PEER_CTR(p, i, b)	ctr((p)->stats_has, (p)->stats, (i), (b), sizeof(b))

/* the liveness counters: a module without liveness sends none */
#define PEER_ST_LIVENESS	(((1u << PEER_ST_N) - 1) & \
				 ~((1u << PEER_ST_TX_PEER_DOWN) - 1))

/* @name, or "KIND(7)" for a value this build has no name for */
static const char *name_or_num(const char *name, const char *kind,
			       unsigned int v, char *buf, size_t len)
{
	if (name)
		return name;
	snprintf(buf, len, "%s(%u)", kind, v);
	return buf;
}

/* "up", or "state(7)" for a state this build does not know */
static const char *state_str(uint8_t state, char *buf, size_t len)
{
	return name_or_num(vf_peer_state_name(state), "state", state, buf, len);
}

/* "  state up for N ms": the state of a peer or a path, if sent */
static void state_text(FILE *f, bool has_state, uint8_t state,
		       bool has_ms, uint32_t ms)
{
	char sb[24];

	if (!has_state)
		return;
	fprintf(f, "  state %s", state_str(state, sb, sizeof(sb)));
	if (has_ms)
		fprintf(f, " for %" PRIu32 " ms", ms);
}

/*
 * "  state up for N ms  active-path N  probe MS|off  probes sent ...":
 * what liveness sent
 */
static void peer_liveness_text(FILE *f, const struct vnetfab_peer *p)
{
	char pb[VF_PROBE_STRLEN], c[7][24];

	state_text(f, p->has & PEER_STATE, p->state, p->has & PEER_STATE_MS,
		   p->state_ms);
	if (p->has & PEER_ACTIVE_PATH)
		fprintf(f, "  active-path %u", p->active_path);
	if (p->has & PEER_PROBE)
		fprintf(f, "  probe %s", vf_probe_str(p->probe, pb, sizeof(pb)));
	if (!(p->has & PEER_STATS) || !(p->stats_has & PEER_ST_LIVENESS))
		return;
	fprintf(f, "  probes sent %s answered %s received %s  state-changes %s",
		PEER_CTR(p, PEER_ST_PROBES_SENT, c[0]),
		PEER_CTR(p, PEER_ST_PROBES_ANSWERED, c[1]),
		PEER_CTR(p, PEER_ST_PROBES_RECEIVED, c[2]),
		PEER_CTR(p, PEER_ST_STATE_CHANGES, c[3]));
	/* a peer of one path never changes it */
	if (p->n_paths)
		fprintf(f, "  path-changes %s",
			PEER_CTR(p, PEER_ST_PATH_CHANGES, c[5]));
	fprintf(f, "  tx-peer-down %s", PEER_CTR(p, PEER_ST_TX_PEER_DOWN, c[4]));
	if (p->stats_has & (1u << PEER_ST_RX_STORM) &&
	    p->stats[PEER_ST_RX_STORM])
		fprintf(f, "  rx-storm %s",
			PEER_CTR(p, PEER_ST_RX_STORM, c[6]));
}

/* "state", "state_ms" and "probe" keys of what the kernel sent */
static void peer_liveness_json(struct json *j, const struct vnetfab_peer *p)
{
	char sb[24];

	if (p->has & PEER_STATE)
		json_kv_string(j, "state", state_str(p->state, sb, sizeof(sb)));
	if (p->has & PEER_STATE_MS)
		json_kv_u64(j, "state_ms", p->state_ms);
	if (p->has & PEER_PROBE)
		json_kv_u64(j, "probe", p->probe);
}

/* "?" for an address the kernel did not send */
static const char *addr_or_q(bool has, const struct vf_addr *a, char *buf,
			     size_t len)
{
	return has ? print_addr(a, buf, len) : "?";
}

/* the numbers of a path: "  last rx N ms", its JSON key "last_rx_ms" */
static const struct {
	const char *fmt, *key;
} path_v[PATH_V_N] = {
	[PATH_V_STATE_MS]	= { NULL, "state_ms" },	/* in state_text() */
	[PATH_V_LAST_RX_MS]	= { "  last rx %" PRIu32 " ms", "last_rx_ms" },
	[PATH_V_PROBES_SENT]	= { "  probes sent %" PRIu32, "probes_sent" },
	[PATH_V_PROBES_ANSWERED] = { " answered %" PRIu32, "probes_answered" },
	[PATH_V_STATE_CHANGES]	= { "  state-changes %" PRIu32, "state_changes" },
};

#define PATH_HAS(pa, i)	((pa)->v_has & (1u << (i)))

/*
 * "    path 1 198.51.100.2 local 198.51.100.1  state up for N ms  last rx
 * N ms  probes sent N answered N  state-changes N"
 */
static void path_text(FILE *f, const struct vnetfab_path *pa)
{
	char ab[PRINT_ADDRLEN];
	int i;

	fputs("    path", f);
	if (pa->has & PATH_INDEX)
		fprintf(f, " %u", pa->index);
	fprintf(f, " %s", addr_or_q(pa->has & PATH_ADDR, &pa->addr, ab,
				    sizeof(ab)));
	if (pa->has & PATH_LOCAL)
		fprintf(f, " local %s", print_addr(&pa->local, ab, sizeof(ab)));
	state_text(f, pa->has & PATH_STATE, pa->state,
		   PATH_HAS(pa, PATH_V_STATE_MS), pa->v[PATH_V_STATE_MS]);
	for (i = 0; i < PATH_V_N; i++)
		if (path_v[i].fmt && PATH_HAS(pa, i))
			fprintf(f, path_v[i].fmt, pa->v[i]);
	fputc('\n', f);
}

/* "paths": [{"index", "remote", "local", "state", ...}]: what was sent */
static void paths_json(struct json *j, const struct vnetfab_peer *p)
{
	char ab[PRINT_ADDRLEN], sb[24];
	const struct vnetfab_path *pa;
	size_t i;
	int k;

	json_key(j, "paths");
	json_begin_array(j);
	for (i = 0; i < p->n_paths; i++) {
		pa = &p->paths[i];
		json_begin_object(j);
		if (pa->has & PATH_INDEX)
			json_kv_u64(j, "index", pa->index);
		if (pa->has & PATH_ADDR)
			json_kv_string(j, "remote",
				       print_addr(&pa->addr, ab, sizeof(ab)));
		if (pa->has & PATH_LOCAL)
			json_kv_string(j, "local",
				       print_addr(&pa->local, ab, sizeof(ab)));
		if (pa->has & PATH_STATE)
			json_kv_string(j, "state",
				       state_str(pa->state, sb, sizeof(sb)));
		for (k = 0; k < PATH_V_N; k++)
			if (PATH_HAS(pa, k))
				json_kv_u64(j, path_v[k].key, pa->v[k]);
		json_end_object(j);
	}
	json_end_array(j);
}

void print_peers_text(FILE *f, const struct vnetfab_peer *v, size_t n)
{
	char ab[PRINT_ADDRLEN], c[PEER_ST_N][24];
	const struct vnetfab_peer *p;
	size_t i, k;

	for (i = 0; i < n; i++) {
		p = &v[i];
		fputs(addr_or_q(p->has & PEER_ADDR, &p->addr, ab, sizeof(ab)),
		      f);
		if (p->has & PEER_LOCAL)
			fprintf(f, " local %s",
				print_addr(&p->local, ab, sizeof(ab)));
		if (p->has & PEER_DSTPORT)
			fprintf(f, " dstport %u", p->dstport);
		if (p->has & PEER_STATS)
			fprintf(f, "  tx %s pkts %s bytes  rx %s pkts %s bytes  dropped %s",
				PEER_CTR(p, PEER_ST_TX_PACKETS, c[0]),
				PEER_CTR(p, PEER_ST_TX_BYTES, c[1]),
				PEER_CTR(p, PEER_ST_RX_PACKETS, c[2]),
				PEER_CTR(p, PEER_ST_RX_BYTES, c[3]),
				PEER_CTR(p, PEER_ST_TX_DROPPED, c[4]));
		if (p->has & PEER_LAST_RX)
			fprintf(f, "  last rx %" PRIu32 " ms", p->last_rx_ms);
		peer_liveness_text(f, p);
		fputc('\n', f);
		for (k = 0; k < p->n_paths; k++)
			path_text(f, &p->paths[k]);
	}
}

int print_peers_json(FILE *f, const struct vnetfab_peer *v, size_t n)
{
	static const char *const stat_keys[PEER_ST_N] = {
		"tx_packets", "tx_bytes", "rx_packets", "rx_bytes", "tx_dropped",
		"tx_peer_down", "probes_sent", "probes_answered",
		"probes_received", "state_changes", "path_changes", "rx_storm",
	};
	const struct vnetfab_peer *p;
	char ab[PRINT_ADDRLEN];
	struct json j;
	size_t i;

	json_init(&j, f);
	json_begin_array(&j);
	for (i = 0; i < n; i++) {
		p = &v[i];
		json_begin_object(&j);
		if (p->has & PEER_ADDR)
			json_kv_string(&j, "remote",
				       print_addr(&p->addr, ab, sizeof(ab)));
		if (p->has & PEER_LOCAL)
			json_kv_string(&j, "local",
				       print_addr(&p->local, ab, sizeof(ab)));
		if (p->has & PEER_DSTPORT)
			json_kv_u64(&j, "dstport", p->dstport);
		if (p->has & PEER_STATS)
			json_stats(&j, stat_keys, PEER_ST_N, p->stats_has,
				   p->stats);
		if (p->has & PEER_LAST_RX)
			json_kv_u64(&j, "last_rx_ms", p->last_rx_ms);
		peer_liveness_json(&j, p);
		if (p->has & PEER_ACTIVE_PATH)
			json_kv_u64(&j, "active_path", p->active_path);
		if (p->n_paths)
			paths_json(&j, p);
		json_end_object(&j);
	}
	json_end_array(&j);
	return json_finish(&j);
}

/*
 * Port names met in one listing: a table names the same few ports again
 * and again, and if_indextoname() costs a socket and an ioctl each time
 * (10000 entries took 148 s to list on the debug kernel).
 */
#define PORT_NAMES 16
struct port_names {
	uint32_t ifindex[PORT_NAMES];
	char name[PORT_NAMES][IF_NAMESIZE];
	unsigned int next;
};

/* the port's name, or its ifindex in decimal if it has none here;
 * @pn: names met so far in this listing, or NULL */
static const char *port_name(struct port_names *pn, uint32_t ifindex,
			     char *buf, size_t len)
{
	char name[IF_NAMESIZE];
	unsigned int i;

	for (i = 0; pn && ifindex && i < PORT_NAMES; i++) {
		if (pn->ifindex[i] == ifindex) {
			snprintf(buf, len, "%s", pn->name[i]);
			return buf;
		}
	}
	if (ifindex && if_indextoname(ifindex, name)) {
		snprintf(buf, len, "%s", name);
		if (pn) {
			pn->ifindex[pn->next] = ifindex;
			memcpy(pn->name[pn->next], name, IF_NAMESIZE);
			pn->next = (pn->next + 1) % PORT_NAMES;
		}
	} else {
		snprintf(buf, len, "%" PRIu32, ifindex);
	}
	return buf;
}

void print_fdb_text(FILE *f, const struct vnetfab_fdb *v, size_t n)
{
	char mb[18], pb[IF_NAMESIZE + 12], ab[PRINT_ADDRLEN];
	struct port_names pn = { 0 };
	const struct vnetfab_fdb *e;
	size_t i;

	for (i = 0; i < n; i++) {
		e = &v[i];
		fputs(e->has & FDB_MAC ? print_mac(e->mac, mb, sizeof(mb)) : "?",
		      f);
		if (e->has & FDB_PORT)
			fprintf(f, " port %s",
				port_name(&pn, e->port_ifindex, pb, sizeof(pb)));
		if (e->has & FDB_PEER) {
			fprintf(f, " remote %s",
				e->peer.has & PEER_ADDR ?
				print_addr(&e->peer.addr, ab, sizeof(ab)) : "?");
			if (e->peer.has & PEER_DSTPORT)
				fprintf(f, " dstport %u", e->peer.dstport);
		}
		if (e->has & FDB_LOCAL)
			fputs(" local", f);
		if (e->has & FDB_AGE)
			fprintf(f, " age %" PRIu32 " ms", e->age_ms);
		if (e->has & FDB_STATIC)
			fputs(" static", f);
		if (e->has & FDB_STICKY)
			fputs(" sticky", f);
		fputc('\n', f);
	}
}

int print_fdb_json(FILE *f, const struct vnetfab_fdb *v, size_t n)
{
	char mb[18], pb[IF_NAMESIZE + 12], ab[PRINT_ADDRLEN];
	struct port_names pn = { 0 };
	const struct vnetfab_fdb *e;
	struct json j;
	size_t i;

	json_init(&j, f);
	json_begin_array(&j);
	for (i = 0; i < n; i++) {
		e = &v[i];
		json_begin_object(&j);
		if (e->has & FDB_MAC)
			json_kv_string(&j, "mac", print_mac(e->mac, mb, sizeof(mb)));
		if (e->has & FDB_PORT) {
			json_kv_string(&j, "port",
				       port_name(&pn, e->port_ifindex, pb,
						 sizeof(pb)));
			json_kv_u64(&j, "port_ifindex", e->port_ifindex);
		}
		if ((e->has & FDB_PEER) && (e->peer.has & PEER_ADDR))
			json_kv_string(&j, "remote",
				       print_addr(&e->peer.addr, ab, sizeof(ab)));
		if ((e->has & FDB_PEER) && (e->peer.has & PEER_DSTPORT))
			json_kv_u64(&j, "dstport", e->peer.dstport);
		if (e->has & FDB_LOCAL)
			json_kv_bool(&j, "local", true);
		json_kv_bool(&j, "static", e->has & FDB_STATIC);
		if (e->has & FDB_STICKY)
			json_kv_bool(&j, "sticky", true);
		if (e->has & FDB_AGE)
			json_kv_u64(&j, "age_ms", e->age_ms);
		json_end_object(&j);
	}
	json_end_array(&j);
	return json_finish(&j);
}

static const char *const event_names[] = {
	[VNETFAB_EVENT_PEER_ADDED]	= "peer_added",
	[VNETFAB_EVENT_PEER_REMOVED]	= "peer_removed",
	[VNETFAB_EVENT_FDB_LEARNED]	= "fdb_learned",
	[VNETFAB_EVENT_FDB_MOVED]	= "fdb_moved",
	[VNETFAB_EVENT_FDB_AGED]	= "fdb_aged",
	[VNETFAB_EVENT_PEER_CHANGED]	= "peer_changed",
	[VNETFAB_EVENT_PEER_UP]		= "peer_up",
	[VNETFAB_EVENT_PEER_DOWN]	= "peer_down",
	[VNETFAB_EVENT_PATH_UP]		= "path_up",
	[VNETFAB_EVENT_PATH_DOWN]	= "path_down",
	[VNETFAB_EVENT_PATH_ACTIVE]	= "path_active",
	[VNETFAB_EVENT_PORT_VIOLATION]	= "port_violation",
};

/* "timeout", or "reason(9)" for a reason this build does not know */
static const char *reason_str(uint8_t reason, char *buf, size_t len)
{
	return name_or_num(vf_reason_name(reason), "reason", reason, buf, len);
}

const char *print_event_name(unsigned int event)
{
	if (event < sizeof(event_names) / sizeof(event_names[0]) &&
	    event_names[event])
		return event_names[event];
	return "unknown";
}

/*
 * The address of path @index of the peer of @ev, if the peer nest says
 * it (path 0 is the peer's own address), or NULL
 */
static const struct vf_addr *event_path_addr(const struct vnetfab_event_msg *ev)
{
	const struct vnetfab_peer *p = &ev->peer;
	size_t i;

	if (!ev->has_peer)
		return NULL;
	for (i = 0; i < p->n_paths; i++)
		if ((p->paths[i].has & (PATH_INDEX | PATH_ADDR)) ==
		    (PATH_INDEX | PATH_ADDR) && p->paths[i].index == ev->path)
			return &p->paths[i].addr;
	return !ev->path && (p->has & PEER_ADDR) ? &p->addr : NULL;
}

void print_event_text(FILE *f, const struct vnetfab_event_msg *ev)
{
	char ab[PRINT_ADDRLEN], sb[24], pb[VF_PROBE_STRLEN];
	const struct vf_addr *pa;

	fprintf(f, "%s %s", ev->ifname[0] ? ev->ifname : "?",
		print_event_name(ev->event));
	if (ev->has_peer) {
		fprintf(f, " remote %s", addr_or_q(ev->peer.has & PEER_ADDR,
						   &ev->peer.addr, ab,
						   sizeof(ab)));
		if (ev->peer.has & PEER_DSTPORT)
			fprintf(f, " dstport %u", ev->peer.dstport);
		if (ev->peer.has & PEER_PROBE)
			fprintf(f, " probe %s",
				vf_probe_str(ev->peer.probe, pb, sizeof(pb)));
		if (ev->peer.has & PEER_STATE)
			fprintf(f, " state %s",
				state_str(ev->peer.state, sb, sizeof(sb)));
	}
	if (ev->has_path) {
		fprintf(f, " path %u", ev->path);
		pa = event_path_addr(ev);
		if (pa)
			fprintf(f, " %s", print_addr(pa, ab, sizeof(ab)));
	}
	if (ev->has_reason)
		fprintf(f, " reason %s", reason_str(ev->reason, sb, sizeof(sb)));
	if (ev->has_fdb) {
		fputc(' ', f);
		print_fdb_text(f, &ev->fdb, 1);	/* ends the line */
		return;
	}
	fputc('\n', f);
}

int print_event_json(FILE *f, const struct vnetfab_event_msg *ev)
{
	char mb[18], pb[IF_NAMESIZE + 12], ab[PRINT_ADDRLEN], sb[24];
	const struct vnetfab_fdb *e = &ev->fdb;
	bool fdb_peer = ev->has_fdb && (e->has & FDB_PEER);
	/* the peer: the event's, or the one of the entry */
	unsigned int has = fdb_peer ? e->peer.has : ev->has_peer ?
			   ev->peer.has : 0;
	const struct vf_addr *pa;
	struct json j;

	json_init(&j, f);
	json_begin_object(&j);
	json_kv_string(&j, "event", print_event_name(ev->event));
	json_kv_string(&j, "ifname", ev->ifname);
	json_kv_u64(&j, "ifindex", ev->ifindex);
	json_kv_u64(&j, "id", ev->id);
	if (ev->has_fdb && (e->has & FDB_MAC))
		json_kv_string(&j, "mac", print_mac(e->mac, mb, sizeof(mb)));
	if (ev->has_fdb && (e->has & FDB_PORT))
		json_kv_string(&j, "port",
			       port_name(NULL, e->port_ifindex, pb, sizeof(pb)));
	if (ev->has_fdb && (e->has & FDB_LOCAL))
		json_kv_bool(&j, "local", true);
	if (has & PEER_ADDR)
		json_kv_string(&j, "remote",
			       print_addr(fdb_peer ? &e->peer.addr :
					  &ev->peer.addr, ab, sizeof(ab)));
	if (has & PEER_DSTPORT)
		json_kv_u64(&j, "dstport", fdb_peer ? e->peer.dstport :
			    ev->peer.dstport);
	if (ev->has_peer)
		peer_liveness_json(&j, &ev->peer);
	if (ev->has_path) {
		json_kv_u64(&j, "path", ev->path);
		pa = event_path_addr(ev);
		if (pa)
			json_kv_string(&j, "path_addr",
				       print_addr(pa, ab, sizeof(ab)));
	}
	if (ev->has_reason)
		json_kv_string(&j, "reason", reason_str(ev->reason, sb,
							sizeof(sb)));
	if (ev->has_fdb)
		json_kv_bool(&j, "static", e->has & FDB_STATIC);
	json_end_object(&j);
	return json_finish(&j);
}

