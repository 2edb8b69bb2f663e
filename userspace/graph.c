// SPDX-License-Identifier: GPL-2.0
/*
 * graph.c - "vnetfabctl graph": hosts' views of the fabric as JSON (out
 * and in), drawn as Graphviz DOT.
 *
 * A host's view (struct graph_host, read from the kernel by graphhost.c)
 * is written by "graph --json"; "graph FILE..." reads such files and
 * draws them together: a peer whose address is another host's becomes an
 * edge to that host's segment of the same id. Nothing here talks to the
 * kernel or runs a program.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "graph.h"
#include "json.h"
#include "jsonread.h"

void graph_host_free(struct graph_host *h)
{
	size_t i;

	for (i = 0; i < h->n_segs; i++) {
		free(h->segs[i].ports);
		free(h->segs[i].peers);
	}
	free(h->segs);
	free(h->addrs);
	memset(h, 0, sizeof(*h));
}

const char *graph_tok(const char *s, char *buf, size_t len)
{
	size_t k;

	for (k = 0; s[k] && k < 32 && k + 4 < len; k++)
		buf[k] = (unsigned char)s[k] < 0x20 || s[k] == 0x7f ? '?' : s[k];
	snprintf(buf + k, len - k, "%s", s[k] ? "..." : "");
	return buf;
}

/* --- arguments ------------------------------------------------------- */

int graph_parse_args(int argc, char **argv, struct graph_args *g, char *err,
		     size_t errlen)
{
	char tb[40];
	int i;

	memset(g, 0, sizeof(*g));
	g->files = argv;
	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (!strcmp(s, "--json")) {
			g->json = true;
		} else if (!strcmp(s, "--svg")) {
			if (g->svg)
				return args_fail(err, errlen, "graph: '--svg' given twice");
			if (i + 1 >= argc || !argv[i + 1][0] ||
			    (argv[i + 1][0] == '-' && argv[i + 1][1]))
				return args_fail(err, errlen,
						 "graph: '--svg' needs a file name (--svg FILE)");
			g->svg = argv[++i];
		} else if (s[0] == '-' && s[1]) {
			return args_fail(err, errlen, "graph: unknown option '%s'",
					 graph_tok(s, tb, sizeof(tb)));
		} else {
			/* files to the front of argv, in order */
			argv[g->n_files++] = argv[i];
		}
	}
	if (g->json && g->svg)
		return args_fail(err, errlen, "graph: --json and --svg exclude each other");
	if (g->json && g->n_files)
		return args_fail(err, errlen,
				 "graph: --json writes this host's view and reads no FILE");
	return 0;
}

/* --- JSON out ---------------------------------------------------------- */

static void kv_string_or_null(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s[0])
		json_string(j, s);
	else
		json_null(j);
}

int graph_write_json(FILE *f, const struct graph_host *h)
{
	const struct graph_seg *s;
	const struct graph_peer *p;
	struct json j;
	size_t i, k;

	json_init(&j, f);
	json_begin_object(&j);
	json_kv_string(&j, "host", h->name);
	json_key(&j, "addresses");
	json_begin_array(&j);
	for (i = 0; i < h->n_addrs; i++)
		json_string(&j, h->addrs[i]);
	json_end_array(&j);
	json_key(&j, "segments");
	json_begin_array(&j);
	for (i = 0; i < h->n_segs; i++) {
		s = &h->segs[i];
		json_begin_object(&j);
		json_kv_string(&j, "ifname", s->ifname);
		json_kv_u64(&j, "id", s->id);
		json_kv_string(&j, "encap", s->encap);
		kv_string_or_null(&j, "local", s->local);
		json_key(&j, "ports");
		json_begin_array(&j);
		for (k = 0; k < s->n_ports; k++)
			json_string(&j, s->ports[k]);
		json_end_array(&j);
		json_key(&j, "peers");
		json_begin_array(&j);
		for (k = 0; k < s->n_peers; k++) {
			p = &s->peers[k];
			json_begin_object(&j);
			json_kv_string(&j, "remote", p->remote);
			json_kv_u64(&j, "tx_packets", p->tx_packets);
			json_kv_u64(&j, "tx_bytes", p->tx_bytes);
			json_kv_u64(&j, "rx_packets", p->rx_packets);
			json_kv_u64(&j, "rx_bytes", p->rx_bytes);
			kv_string_or_null(&j, "state", p->state);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	return json_finish(&j);
}

/* --- JSON in ----------------------------------------------------------- */

/*
 * Each getter reads member @key of object @o at @where ("segments[0]",
 * "" at the top): 0, or -1 with "WHERE.KEY: what is wrong" in @err.
 */
struct rd {
	char *err;
	size_t errlen;
};

#define DOT(w)	((w)[0] ? "." : "")

/* member @key, of type @type (null: as absent, unless @required); NULL: absent */
static int member(struct rd *r, const struct jr_value *o, const char *where,
		  const char *key, enum jr_type type, bool required,
		  const struct jr_value **v)
{
	*v = jr_get(o, key);
	if (!*v) {
		if (required)
			return args_fail(r->err, r->errlen, "%s%smissing \"%s\"",
					 where, where[0] ? ": " : "", key);
		return 0;
	}
	if ((*v)->type == JR_NULL && !required) {
		*v = NULL;
		return 0;
	}
	if ((*v)->type != type)
		return args_fail(r->err, r->errlen, "%s%s%s: expected %s, got %s",
				 where, DOT(where), key, jr_type_name(type),
				 jr_type_name((*v)->type));
	return 0;
}

static int get_u64(struct rd *r, const struct jr_value *o, const char *where,
		   const char *key, bool required, uint64_t min, uint64_t max,
		   uint64_t *out)
{
	const struct jr_value *v;

	*out = 0;
	if (member(r, o, where, key, JR_NUMBER, required, &v))
		return -1;
	if (v && (!v->is_u64 || v->u < min || v->u > max))
		return args_fail(r->err, r->errlen,
				 "%s%s%s: expected an integer %" PRIu64 "..%" PRIu64,
				 where, DOT(where), key, min, max);
	if (v)
		*out = v->u;
	return 0;
}

/* a string of 1..@len - 1 bytes, no control character; "" if absent */
static int get_str(struct rd *r, const struct jr_value *o, const char *where,
		   const char *key, bool required, char *buf, size_t len)
{
	const struct jr_value *v;
	char tb[40];
	size_t k;

	buf[0] = '\0';
	if (member(r, o, where, key, JR_STRING, required, &v))
		return -1;
	if (!v)
		return 0;
	if (!v->s[0] || strlen(v->s) >= len)
		return args_fail(r->err, r->errlen, "%s%s%s: '%s' is not 1..%zu bytes",
				 where, DOT(where), key, graph_tok(v->s, tb, sizeof(tb)),
				 len - 1);
	for (k = 0; v->s[k]; k++)
		if ((unsigned char)v->s[k] < 0x20 || v->s[k] == 0x7f)
			return args_fail(r->err, r->errlen,
					 "%s%s%s: '%s' holds a control character",
					 where, DOT(where), key,
					 graph_tok(v->s, tb, sizeof(tb)));
	memcpy(buf, v->s, strlen(v->s) + 1);
	return 0;
}

/* an IPv4 or IPv6 address, into buf as inet_ntop() writes it */
static int canon_addr(struct rd *r, const char *where, const char *key,
		      char *buf)
{
	struct in6_addr a;
	int af = AF_INET;
	char tb[40];

	if (!buf[0])
		return 0;
	if (inet_pton(AF_INET, buf, &a) != 1) {
		af = AF_INET6;
		if (inet_pton(AF_INET6, buf, &a) != 1)
			return args_fail(r->err, r->errlen,
					 "%s%s%s: '%s' is not an IPv4 or IPv6 address",
					 where, DOT(where), key,
					 graph_tok(buf, tb, sizeof(tb)));
	}
	inet_ntop(af, &a, buf, GRAPH_ADDRLEN);
	return 0;
}

/* a device name, as the kernel would take it */
static int get_ifname(struct rd *r, const struct jr_value *v, const char *where,
		      char *buf)
{
	char e[ARGS_ERRLEN];

	if (v->type != JR_STRING)
		return args_fail(r->err, r->errlen, "%s: expected a string, got %s",
				 where, jr_type_name(v->type));
	buf[0] = '\0';
	for (const char *c = v->s; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return args_fail(r->err, r->errlen,
					 "%s: a device name with a control character",
					 where);
	if (args_check_ifname(v->s, e, sizeof(e)))
		return args_fail(r->err, r->errlen, "%s: %s", where, e);
	memcpy(buf, v->s, strlen(v->s) + 1);
	return 0;
}

static int read_peer(struct rd *r, const struct jr_value *o, const char *w,
		     struct graph_peer *p)
{
	if (o->type != JR_OBJECT)
		return args_fail(r->err, r->errlen, "%s: expected an object, got %s",
				 w, jr_type_name(o->type));
	if (get_str(r, o, w, "remote", true, p->remote, sizeof(p->remote)) ||
	    canon_addr(r, w, "remote", p->remote) ||
	    get_u64(r, o, w, "tx_packets", true, 0, UINT64_MAX, &p->tx_packets) ||
	    get_u64(r, o, w, "tx_bytes", true, 0, UINT64_MAX, &p->tx_bytes) ||
	    get_u64(r, o, w, "rx_packets", false, 0, UINT64_MAX, &p->rx_packets) ||
	    get_u64(r, o, w, "rx_bytes", false, 0, UINT64_MAX, &p->rx_bytes) ||
	    get_str(r, o, w, "state", false, p->state, sizeof(p->state)))
		return -1;
	return 0;
}

static int read_seg(struct rd *r, const struct jr_value *o, const char *w,
		    struct graph_seg *s)
{
	const struct jr_value *v;
	char pw[96];
	uint64_t id;
	size_t k;

	if (o->type != JR_OBJECT)
		return args_fail(r->err, r->errlen, "%s: expected an object, got %s",
				 w, jr_type_name(o->type));
	if (member(r, o, w, "ifname", JR_STRING, true, &v))
		return -1;
	snprintf(pw, sizeof(pw), "%s.ifname", w);
	if (get_ifname(r, v, pw, s->ifname) ||
	    get_u64(r, o, w, "id", true, VNETFAB_ID_MIN, VNETFAB_ID_MAX, &id) ||
	    get_str(r, o, w, "encap", true, s->encap, sizeof(s->encap)) ||
	    get_str(r, o, w, "local", false, s->local, sizeof(s->local)) ||
	    canon_addr(r, w, "local", s->local))
		return -1;
	s->id = (uint32_t)id;
	if (member(r, o, w, "ports", JR_ARRAY, false, &v))
		return -1;
	if (v && v->n) {
		s->ports = calloc(v->n, sizeof(*s->ports));
		if (!s->ports)
			return args_fail(r->err, r->errlen, "out of memory");
		for (k = 0; k < v->n; k++) {
			snprintf(pw, sizeof(pw), "%s.ports[%zu]", w, k);
			if (get_ifname(r, &v->v[k], pw, s->ports[s->n_ports++]))
				return -1;
		}
	}
	if (member(r, o, w, "peers", JR_ARRAY, true, &v))
		return -1;
	if (!v->n)
		return 0;
	s->peers = calloc(v->n, sizeof(*s->peers));
	if (!s->peers)
		return args_fail(r->err, r->errlen, "out of memory");
	for (k = 0; k < v->n; k++) {
		snprintf(pw, sizeof(pw), "%s.peers[%zu]", w, k);
		if (read_peer(r, &v->v[k], pw, &s->peers[s->n_peers++]))
			return -1;
	}
	return 0;
}

int graph_seg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct graph_seg *)a)->ifname,
		      ((const struct graph_seg *)b)->ifname);
}

static int read_host(struct rd *r, const struct jr_value *root,
		     struct graph_host *h)
{
	const struct jr_value *v;
	char w[40];
	size_t k;

	if (root->type != JR_OBJECT)
		return args_fail(r->err, r->errlen,
				 "expected an object (vnetfabctl graph --json), got %s",
				 jr_type_name(root->type));
	if (get_str(r, root, "", "host", true, h->name, sizeof(h->name)))
		return -1;
	/* the host's name and a '/' begin its nodes' names (dot_id()) */
	if (strchr(h->name, '/'))
		return args_fail(r->err, r->errlen, "host: '%s' holds a '/'",
				 graph_tok(h->name, w, sizeof(w)));
	if (member(r, root, "", "addresses", JR_ARRAY, false, &v))
		return -1;
	if (v && v->n) {
		h->addrs = calloc(v->n, sizeof(*h->addrs));
		if (!h->addrs)
			return args_fail(r->err, r->errlen, "out of memory");
		for (k = 0; k < v->n; k++) {
			char *a = h->addrs[h->n_addrs++];

			snprintf(w, sizeof(w), "addresses[%zu]", k);
			if (v->v[k].type != JR_STRING || !v->v[k].s[0] ||
			    strlen(v->v[k].s) >= GRAPH_ADDRLEN)
				return args_fail(r->err, r->errlen,
						 "%s: expected an address", w);
			memcpy(a, v->v[k].s, strlen(v->v[k].s) + 1);
			if (canon_addr(r, "", w, a))
				return -1;
		}
	}
	if (member(r, root, "", "segments", JR_ARRAY, true, &v))
		return -1;
	if (!v->n)
		return 0;
	h->segs = calloc(v->n, sizeof(*h->segs));
	if (!h->segs)
		return args_fail(r->err, r->errlen, "out of memory");
	for (k = 0; k < v->n; k++) {
		snprintf(w, sizeof(w), "segments[%zu]", k);
		if (read_seg(r, &v->v[k], w, &h->segs[h->n_segs++]))
			return -1;
	}
	/* one node per segment name: sorted, a name given twice is found */
	qsort(h->segs, h->n_segs, sizeof(*h->segs), graph_seg_cmp);
	for (k = 1; k < h->n_segs; k++)
		if (!strcmp(h->segs[k].ifname, h->segs[k - 1].ifname))
			return args_fail(r->err, r->errlen,
					 "segments: '%s' given twice", h->segs[k].ifname);
	return 0;
}

int graph_read_json(const char *text, size_t len, struct graph_host *h,
		    char *err, size_t errlen)
{
	struct rd r = { .err = err, .errlen = errlen };
	struct jr_value *root;
	int ret;

	memset(h, 0, sizeof(*h));
	root = jr_parse(text, len, err, errlen);
	if (!root)
		return -1;
	ret = read_host(&r, root, h);
	jr_free(root);
	if (ret)
		graph_host_free(h);
	return ret;
}

/* --- merging and DOT --------------------------------------------------- */

bool graph_has_addr(const struct graph_host *h, const char *a)
{
	size_t i;

	for (i = 0; i < h->n_addrs; i++)
		if (!strcmp(h->addrs[i], a))
			return true;
	return false;
}

static bool same_segment(const struct graph_seg *a, const struct graph_seg *b)
{
	return a->id == b->id && !strcmp(a->encap, b->encap);
}

const struct graph_seg *graph_peer_seg(const struct graph_host *hosts,
				       size_t n, size_t hi,
				       const struct graph_seg *s,
				       const struct graph_peer *p,
				       size_t *host)
{
	const struct graph_seg *found = NULL;
	size_t i, k, count = 0;
	int pass;

	/* first by the segments' local addresses, then the hosts' */
	for (pass = 0; pass < 2 && !count; pass++) {
		for (i = 0; i < n; i++) {
			if (i == hi || (pass && !graph_has_addr(&hosts[i], p->remote)))
				continue;
			for (k = 0; k < hosts[i].n_segs; k++) {
				const struct graph_seg *t = &hosts[i].segs[k];

				if (!same_segment(s, t) ||
				    (!pass && strcmp(t->local, p->remote)))
					continue;
				found = t;
				*host = i;
				count++;
			}
		}
	}
	return count == 1 ? found : NULL;
}

const char *graph_human_bytes(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = {
		"KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
	};
	double v = (double)bytes;
	int u = -1;

	if (bytes < 1024) {
		snprintf(buf, len, "%" PRIu64 " B", bytes);
		return buf;
	}
	/* 1023.96 KiB would print as "1024.0 KiB": one unit up instead */
	while (u < 5 && (u < 0 || v >= 1023.95)) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s", v, units[u]);
	return buf;
}

double graph_penwidth(uint64_t bytes)
{
	/* 1 for nothing, 8 from a terabyte: 7/12 more per factor of 10 */
	double w = 1 + log10(1 + (double)bytes) * 7 / 12;

	return w > 8 ? 8 : w;
}

/* @s inside a DOT string: '"' and '\' escaped, what is not UTF-8 as '?' */
static void dot_text(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p) {
		if (*p == '"' || *p == '\\') {
			fputc('\\', f);
			fputc(*p++, f);
			continue;
		}
		n = *p < 0x20 || *p == 0x7f ? 0 :
			json_utf8_len(p, strnlen((const char *)p, 4));
		if (!n) {
			fputc('?', f);
			p++;
			continue;
		}
		fwrite(p, 1, n, f);
		p += n;
	}
}

/*
 * The id of a node: "HOST/SEG" for a segment, "HOST/SEG/PORT" for a
 * port (device names have no '/', so two are never the same), the
 * address itself (no '/') for a peer that is no known host.
 */
static void dot_id(FILE *f, const char *host, const char *seg,
		   const char *port)
{
	fputc('"', f);
	dot_text(f, host);
	if (seg) {
		fputc('/', f);
		dot_text(f, seg);
	}
	if (port) {
		fputc('/', f);
		dot_text(f, port);
	}
	fputc('"', f);
}

static void dot_host(FILE *f, const struct graph_host *h, size_t hi)
{
	const struct graph_seg *s;
	size_t k, q;

	fprintf(f, "\tsubgraph \"cluster_%zu\" {\n\t\tlabel=\"", hi);
	dot_text(f, h->name);
	fputs("\";\n\t\tstyle=rounded;\n\t\tcolor=\"#7f7f7f\";\n", f);
	if (!h->n_segs) {
		fputs("\t\t", f);
		dot_id(f, h->name, "", NULL);
		fputs(" [shape=plaintext, label=\"no segments\"];\n", f);
	}
	for (k = 0; k < h->n_segs; k++) {
		s = &h->segs[k];
		fputs("\t\t", f);
		dot_id(f, h->name, s->ifname, NULL);
		fputs(" [shape=box, style=\"rounded,filled\", fillcolor=\"#dce8f5\", label=\"", f);
		dot_text(f, s->ifname);
		fprintf(f, "\\nid %" PRIu32 " ", s->id);
		dot_text(f, s->encap);
		if (s->local[0])
			fprintf(f, "\\nlocal %s", s->local);
		fputs("\"];\n", f);
		for (q = 0; q < s->n_ports; q++) {
			fputs("\t\t", f);
			dot_id(f, h->name, s->ifname, s->ports[q]);
			fputs(" [shape=ellipse, label=\"", f);
			dot_text(f, s->ports[q]);
			fputs("\"];\n\t\t", f);
			dot_id(f, h->name, s->ifname, s->ports[q]);
			fputs(" -> ", f);
			dot_id(f, h->name, s->ifname, NULL);
			fputs(" [dir=none];\n", f);
		}
	}
	fputs("\t}\n", f);
}

/* a peer entry: the segment's peer @p, and where its edge goes */
struct end {
	const struct graph_host *h;
	const struct graph_seg *s;
	const struct graph_peer *p;
	const struct graph_host *to_h;	/* NULL: an address node */
	const struct graph_seg *to;
	size_t first, n;		/* the entries of segment s */
	size_t pair;			/* the reverse entry, or SIZE_MAX */
};

/* "h1 sent 20 pkts, 1.9 KiB": a line of an edge's label */
static void label_line(FILE *f, const struct end *e)
{
	char hb[32];

	dot_text(f, e->h->name);
	fprintf(f, " sent %" PRIu64 " pkts, %s%s", e->p->tx_packets,
		graph_human_bytes(e->p->tx_bytes, hb, sizeof(hb)),
		strcmp(e->p->state, "down") ? "" : " (peer down)");
}

/* "h1 fab100 to 192.0.2.2: tx ... rx ..., state up": its tooltip's */
static void tooltip_line(FILE *f, const struct end *e)
{
	dot_text(f, e->h->name);
	fputc(' ', f);
	dot_text(f, e->s->ifname);
	fprintf(f, " to %s: tx %" PRIu64 " packets %" PRIu64 " bytes, rx %" PRIu64
		" packets %" PRIu64 " bytes%s%s", e->p->remote, e->p->tx_packets,
		e->p->tx_bytes, e->p->rx_packets, e->p->rx_bytes,
		e->p->state[0] ? ", state " : "", e->p->state);
}

/* the edge of entry @e, and of its reverse @r if not NULL (both ways) */
static void dot_edge(FILE *f, const struct end *e, const struct end *r)
{
	uint64_t bytes = e->p->tx_bytes, pkts = e->p->tx_packets;
	bool down = !strcmp(e->p->state, "down");

	if (r) {
		bytes = bytes > r->p->tx_bytes ? bytes : r->p->tx_bytes;
		pkts += r->p->tx_packets;
		down |= !strcmp(r->p->state, "down");
	}
	fputc('\t', f);
	dot_id(f, e->h->name, e->s->ifname, NULL);
	fputs(" -> ", f);
	if (e->to)
		dot_id(f, e->to_h->name, e->to->ifname, NULL);
	else
		dot_id(f, e->p->remote, NULL, NULL);
	fputs(" [label=\"", f);
	label_line(f, e);
	if (r) {
		fputs("\\n", f);
		label_line(f, r);
	}
	fputs("\", tooltip=\"", f);
	tooltip_line(f, e);
	if (r) {
		fputs("\\n", f);
		tooltip_line(f, r);
	}
	fprintf(f, "\", penwidth=%.2f%s%s%s];\n", graph_penwidth(bytes),
		r ? ", dir=both" : "", pkts ? "" : ", style=dashed",
		down ? ", color=red, fontcolor=red" : "");
}

/* the first of the @n entries from @v[@first] whose edge goes to @to */
static size_t first_to(const struct end *v, size_t first, size_t n,
		       const struct graph_seg *to)
{
	size_t k;

	for (k = first; k < first + n; k++)
		if (v[k].to == to)
			return k;
	return SIZE_MAX;
}

static int addr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The peer entries of @n hosts, each with where its edge goes, and its
 * reverse: the entry of the segment it goes to that comes back, when
 * each is the first of its segment to go to the other (so that they
 * pair one to one). *@v: malloc'd, *@ne entries.
 */
static int ends(const struct graph_host *hosts, size_t n, struct end **v,
		size_t *ne)
{
	size_t i, k, q, e = 0, t, *first = NULL, n_segs = 0, g = 0;
	const struct graph_seg *s;

	*v = NULL;
	*ne = 0;
	for (i = 0; i < n; i++)
		for (k = 0, n_segs += hosts[i].n_segs; k < hosts[i].n_segs; k++)
			*ne += hosts[i].segs[k].n_peers;
	/* where each segment's entries start: segment g of all, in order */
	first = malloc((n_segs + 1) * sizeof(*first));
	*v = malloc((*ne + 1) * sizeof(**v));
	if (!first || !*v) {
		free(first);
		free(*v);
		return -1;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < hosts[i].n_segs; k++, g++) {
			s = &hosts[i].segs[k];
			first[g] = e;
			for (q = 0; q < s->n_peers; q++, e++) {
				(*v)[e] = (struct end){
					.h = &hosts[i], .s = s, .p = &s->peers[q],
					.first = first[g], .n = s->n_peers,
					.pair = SIZE_MAX,
				};
				(*v)[e].to = graph_peer_seg(hosts, n, i, s,
							    &s->peers[q], &t);
				if ((*v)[e].to)
					(*v)[e].to_h = &hosts[t];
			}
		}
	}
	for (e = 0; e < *ne; e++) {
		struct end *x = &(*v)[e];

		if (!x->to || first_to(*v, x->first, x->n, x->to) != e)
			continue;
		/* the entries of x->to: segment g of host x->to_h */
		for (g = 0, i = 0; &hosts[i] != x->to_h; i++)
			g += hosts[i].n_segs;
		g += (size_t)(x->to - x->to_h->segs);
		x->pair = first_to(*v, first[g], x->to->n_peers, x->s);
	}
	free(first);
	return 0;
}

int graph_write_dot(FILE *f, const struct graph_host *hosts, size_t n)
{
	size_t i, q, ne, n_unknown = 0, n_edges = 0, n_segs = 0;
	const char **unknown;
	struct end *v;

	if (ends(hosts, n, &v, &ne))
		return -1;
	/* the peers that are no known host: one node per address */
	unknown = malloc((ne + 1) * sizeof(*unknown));
	if (!unknown) {
		free(v);
		return -1;
	}
	for (q = 0; q < ne; q++) {
		if (!v[q].to)
			unknown[n_unknown++] = v[q].p->remote;
		n_edges += v[q].pair == SIZE_MAX || q < v[q].pair;
	}
	qsort(unknown, n_unknown, sizeof(*unknown), addr_cmp);
	for (i = 0; i < n; i++)
		n_segs += hosts[i].n_segs;

	fprintf(f, "// vnetfabctl graph: %zu host%s, %zu segment%s, %zu peer entr%s, %zu edge%s\n",
		n, n == 1 ? "" : "s", n_segs, n_segs == 1 ? "" : "s",
		ne, ne == 1 ? "y" : "ies", n_edges, n_edges == 1 ? "" : "s");
	fputs("digraph vnetfab {\n"
	      "\tgraph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, ranksep=1.2];\n"
	      "\tnode [fontname=\"Helvetica\", fontsize=11];\n"
	      "\tedge [fontname=\"Helvetica\", fontsize=10];\n", f);
	for (i = 0; i < n; i++)
		dot_host(f, &hosts[i], i);
	for (q = 0; q < n_unknown; q++) {
		if (q && !strcmp(unknown[q], unknown[q - 1]))
			continue;
		fputc('\t', f);
		dot_id(f, unknown[q], NULL, NULL);
		fputs(" [shape=box, style=dashed];\n", f);
	}
	free(unknown);
	/* an entry and its reverse: one edge, both ways, where the first is */
	for (q = 0; q < ne; q++) {
		if (v[q].pair == SIZE_MAX)
			dot_edge(f, &v[q], NULL);
		else if (q < v[q].pair)
			dot_edge(f, &v[q], &v[v[q].pair]);
	}
	free(v);
	fputs("}\n", f);
	return fflush(f) || ferror(f) ? -1 : 0;
}
