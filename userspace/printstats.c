// SPDX-License-Identifier: GPL-2.0
/*
 * printstats.c - "vnetfabctl stats dev SEG": the traffic matrix of a
 * segment, text and JSON.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include <linux/vnetfab.h>

#include "json.h"
#include "print.h"

static uint64_t stat_or0(unsigned int has, const uint64_t *stats, int i)
{
	return has & (1u << i) ? stats[i] : 0;
}

/* one row of the matrix: to = towards the endpoint, from = out of it */
struct stats_row {
	uint64_t to_pkts, to_bytes, from_pkts, from_bytes, dropped;
};

static struct stats_row peer_row(const struct vnetfab_peer *p)
{
	return (struct stats_row){
		.to_pkts = stat_or0(p->stats_has, p->stats, PEER_ST_TX_PACKETS),
		.to_bytes = stat_or0(p->stats_has, p->stats, PEER_ST_TX_BYTES),
		.from_pkts = stat_or0(p->stats_has, p->stats, PEER_ST_RX_PACKETS),
		.from_bytes = stat_or0(p->stats_has, p->stats, PEER_ST_RX_BYTES),
		.dropped = stat_or0(p->stats_has, p->stats, PEER_ST_TX_DROPPED),
	};
}

/* the host endpoint: what the segment delivered to it, what it sent */
static struct stats_row host_row(const struct vnetfab_segment *s)
{
	return (struct stats_row){
		.to_pkts = stat_or0(s->stats_has, s->stats, SEG_ST_RX_PACKETS),
		.to_bytes = stat_or0(s->stats_has, s->stats, SEG_ST_RX_BYTES),
		.from_pkts = stat_or0(s->stats_has, s->stats, SEG_ST_TX_PACKETS),
		.from_bytes = stat_or0(s->stats_has, s->stats, SEG_ST_TX_BYTES),
		.dropped = stat_or0(s->stats_has, s->stats, SEG_ST_TX_DROPPED),
	};
}

static void text_row(FILE *f, const char *name, const struct stats_row *r,
		     const char *last)
{
	fprintf(f, "  %-40s %12" PRIu64 " %14" PRIu64 " %12" PRIu64 " %14" PRIu64
		" %8" PRIu64 "  %s\n", name, r->to_pkts, r->to_bytes,
		r->from_pkts, r->from_bytes, r->dropped, last);
}

static const char *const seg_drop_keys[] = {
	[SEG_ST_RX_UNKNOWN_PEER] = "rx_unknown_peer",
	[SEG_ST_RX_INVALID] = "rx_invalid",
	[SEG_ST_LEARN_LIMIT] = "learn_limit",
	[SEG_ST_TX_ERRORS] = "tx_errors",
	[SEG_ST_TOO_BIG] = "too_big",
	[SEG_ST_PORT_LOCKED] = "port_locked",
	[SEG_ST_MAC_MOVE_DENIED] = "mac_move_denied",
	[SEG_ST_STORM] = "storm",
};

void print_stats_text(FILE *f, const struct vnetfab_segment *s,
		      const struct vnetfab_peer *v, size_t n)
{
	struct stats_row r, tot = { 0 };
	char ab[PRINT_ADDRLEN], name[PRINT_ADDRLEN + 16], last[32];
	const char *encap = vf_segopt_name(VF_SO_ENCAP, s->encap);
	size_t i;
	int k;

	fprintf(f, "%s: segment %" PRIu32 " (%s), %zu peer%s\n", s->ifname,
		s->id, encap ? encap : "?", n, n == 1 ? "" : "s");
	fprintf(f, "  %-40s %12s %14s %12s %14s %8s  %s\n", "ENDPOINT",
		"TO FRAMES", "TO BYTES", "FROM FRAMES", "FROM BYTES", "DROPPED",
		"LAST FRAME");
	r = host_row(s);
	text_row(f, "host endpoint", &r, "");
	for (i = 0; i < n; i++) {
		r = peer_row(&v[i]);
		snprintf(name, sizeof(name), "peer %s",
			 v[i].has & PEER_ADDR ?
			 print_addr(&v[i].addr, ab, sizeof(ab)) : "?");
		if (v[i].has & PEER_LAST_RX)
			snprintf(last, sizeof(last), "%" PRIu32 " ms ago",
				 v[i].last_rx_ms);
		else
			snprintf(last, sizeof(last), "never");
		text_row(f, name, &r, last);
		tot.to_pkts += r.to_pkts;
		tot.to_bytes += r.to_bytes;
		tot.from_pkts += r.from_pkts;
		tot.from_bytes += r.from_bytes;
		tot.dropped += r.dropped;
	}
	text_row(f, "all peers", &tot, "");
	fputs("  segment drops:", f);
	for (k = SEG_ST_DROPS_FIRST; k < SEG_ST_N; k++)
		fprintf(f, " %s %" PRIu64, seg_drop_keys[k],
			stat_or0(s->stats_has, s->stats, k));
	fputc('\n', f);
}

/*
 * A row in JSON, each counter under the name it has where it comes from:
 * the host endpoint's are the segment device's own (show: to it is
 * "rx_packets"), a peer's those of peer list (to it is "tx_packets")
 */
static void json_row(struct json *j, const struct stats_row *r, bool host)
{
	json_kv_u64(j, host ? "rx_packets" : "tx_packets", r->to_pkts);
	json_kv_u64(j, host ? "rx_bytes" : "tx_bytes", r->to_bytes);
	json_kv_u64(j, host ? "tx_packets" : "rx_packets", r->from_pkts);
	json_kv_u64(j, host ? "tx_bytes" : "rx_bytes", r->from_bytes);
	json_kv_u64(j, "tx_dropped", r->dropped);
}

int print_stats_json(FILE *f, const struct vnetfab_segment *s,
		     const struct vnetfab_peer *v, size_t n)
{
	char ab[PRINT_ADDRLEN];
	const char *encap = vf_segopt_name(VF_SO_ENCAP, s->encap);
	struct stats_row r;
	struct json j;
	size_t i;
	int k;

	json_init(&j, f);
	json_begin_object(&j);
	json_kv_string(&j, "ifname", s->ifname);
	json_kv_u64(&j, "id", s->id);
	if (encap)
		json_kv_string(&j, "encap", encap);
	json_key(&j, "host");
	json_begin_object(&j);
	r = host_row(s);
	json_row(&j, &r, true);
	json_end_object(&j);
	json_key(&j, "peers");
	json_begin_array(&j);
	for (i = 0; i < n; i++) {
		json_begin_object(&j);
		if (v[i].has & PEER_ADDR)
			json_kv_string(&j, "remote",
				       print_addr(&v[i].addr, ab, sizeof(ab)));
		r = peer_row(&v[i]);
		json_row(&j, &r, false);
		if (v[i].stats_has & (1u << PEER_ST_TX_PEER_DOWN))
			json_kv_u64(&j, "tx_peer_down",
				    v[i].stats[PEER_ST_TX_PEER_DOWN]);
		if (v[i].has & PEER_LAST_RX)
			json_kv_u64(&j, "last_rx_ms", v[i].last_rx_ms);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "drops");
	json_begin_object(&j);
	for (k = SEG_ST_DROPS_FIRST; k < SEG_ST_N; k++)
		json_kv_u64(&j, seg_drop_keys[k],
			    stat_or0(s->stats_has, s->stats, k));
	json_end_object(&j);
	json_end_object(&j);
	return json_finish(&j);
}
