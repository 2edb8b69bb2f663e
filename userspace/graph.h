/* SPDX-License-Identifier: GPL-2.0 */
/*
 * graph.h - "vnetfabctl graph": the fabric as Graphviz DOT (or SVG, by
 * Graphviz's dot): the segments of each host, their local ports, their
 * peers, and the traffic to each peer on the edges. One host's view
 * comes from the kernel (and is written as JSON with --json); the views
 * of several hosts come from such JSON files, merged into one picture.
 */
#ifndef VNETFABCTL_GRAPH_H
#define VNETFABCTL_GRAPH_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* INET6_ADDRSTRLEN */
#define GRAPH_ADDRLEN	46
/* a host's name: a host name, a netns name, or a file's "host" */
#define GRAPH_NAMELEN	256
/* encap names: "udp", "gre", "unknown(255)" */
#define GRAPH_ENCAPLEN	16
/* the largest file "graph FILE..." reads */
#define GRAPH_MAXFILE	(16u << 20)
/* room for every message of the functions below */
#define GRAPH_ERRLEN	(GRAPH_NAMELEN + 256)

struct graph_peer {
	char remote[GRAPH_ADDRLEN];	/* as inet_ntop() writes it */
	uint64_t tx_packets, tx_bytes, rx_packets, rx_bytes;
	char state[GRAPH_ENCAPLEN];	/* "up", "down", ...; "" unknown */
};

struct graph_seg {
	char ifname[IFNAMSIZ];
	uint32_t id;
	char encap[GRAPH_ENCAPLEN];
	char local[GRAPH_ADDRLEN];	/* "": none set (the route's choice) */
	char (*ports)[IFNAMSIZ];
	size_t n_ports;
	struct graph_peer *peers;
	size_t n_peers;
};

struct graph_host {
	char name[GRAPH_NAMELEN];
	/* the host's own addresses (not loopback's, not the segments') */
	char (*addrs)[GRAPH_ADDRLEN];
	size_t n_addrs;
	struct graph_seg *segs;
	size_t n_segs;
};

void graph_host_free(struct graph_host *h);

/* --- graph.c: nothing that talks to the kernel or runs a program ----- */

/* "graph [--json] [--svg FILE] [FILE...]" */
struct graph_args {
	bool json;
	const char *svg;	/* --svg FILE, or NULL */
	char **files;		/* into argv */
	size_t n_files;
};

/*
 * Parses the words after "graph" (@argc of them; "--json" may be
 * anywhere), moving the FILEs to the front of @argv, in order, where
 * @g->files points. 0, or -1 with a message in @err (a usage error).
 */
int graph_parse_args(int argc, char **argv, struct graph_args *g, char *err,
		     size_t errlen);

/* writes host @h as one JSON object ("graph --json"); 0 or -1 */
int graph_write_json(FILE *f, const struct graph_host *h);

/*
 * Reads a host from the @len bytes of @text, as graph_write_json()
 * writes it (unknown keys are ignored). 0, or -1 with what is wrong
 * (and where) in @err; @h is then empty.
 */
int graph_read_json(const char *text, size_t len, struct graph_host *h,
		    char *err, size_t errlen);

/*
 * Where the edge of peer @p of segment @s of host @hosts[@hi] goes: the
 * segment with the same id and encapsulation of another host of @hosts
 * whose local address is the peer's address, else of another host that
 * has that address (graph_host.addrs); NULL when no host, or more than
 * one, is found (the edge then goes to a node of the address). *@host
 * gets the index of the host found.
 */
const struct graph_seg *graph_peer_seg(const struct graph_host *hosts,
				       size_t n, size_t hi,
				       const struct graph_seg *s,
				       const struct graph_peer *p,
				       size_t *host);

/*
 * The DOT of @n hosts: a cluster per host, a box per segment, an
 * ellipse per port joined to its segment, and an edge per peer entry
 * from its segment to the peer's segment (graph_peer_seg()) or address
 * node, labelled "HOST sent N pkts, BYTES". An entry and its reverse
 * (the peer's segment's entry back to it) make one edge, both ways,
 * with both lines. 0, or -1 when out of memory or the stream failed.
 */
int graph_write_dot(FILE *f, const struct graph_host *hosts, size_t n);

/* "980 B", "1.9 KiB", "12.0 MiB": @bytes in binary units, into @buf */
const char *graph_human_bytes(uint64_t bytes, char *buf, size_t len);

/*
 * The penwidth of an edge carrying @bytes: 1 + 7/12 * log10(1 + bytes),
 * at most 8 (1 for nothing, 2.75 for a kilobyte, 6.25 for a gigabyte)
 */
double graph_penwidth(uint64_t bytes);

/* shared by graph.c and graphhost.c */

/* @s cut to 32 bytes, control characters as '?': fit for a message */
const char *graph_tok(const char *s, char *buf, size_t len);
/* @h has address @addr (as inet_ntop() writes it) */
bool graph_has_addr(const struct graph_host *h, const char *addr);
/* qsort() order of segments: by name */
int graph_seg_cmp(const void *a, const void *b);

/* --- graphhost.c ------------------------------------------------------ */

struct nlmsghdr;
struct vnetfab_peer;
struct vnetfab_segment;

/* name, id and encapsulation of segment @s from the kernel's @v */
void graph_seg_from(struct graph_seg *s, const struct vnetfab_segment *v);

/* peer @p from the kernel's @v: 0, or -1 if @v has no address */
int graph_peer_from(struct graph_peer *p, const struct vnetfab_peer *v);

/*
 * An RTM_NEWLINK of a vnetfab device with a local address (IFLA_VNETFAB_
 * LOCAL or LOCAL6): 1 with its ifindex and the address (GRAPH_ADDRLEN
 * bytes), else 0.
 */
int graph_link_local(struct nlmsghdr *nlh, uint32_t *ifindex, char *addr);

/*
 * Pipes @len bytes of DOT into "@dot -Tsvg -o @out" (@dot: "dot", from
 * PATH). 0, or -1 with why in @err.
 */
int graph_svg(const char *dot, const char *out, const char *text, size_t len,
	      char *err, size_t errlen);

/* --- the command ------------------------------------------------------- */

/*
 * "vnetfabctl graph ...", with @argv the words after "graph" and @netns
 * the name given to -n (NULL: none; it names this host). Returns the
 * exit status: 0, 1 runtime error or bad file, 2 usage error.
 */
int graph_main(int argc, char **argv, const char *netns);

#endif /* VNETFABCTL_GRAPH_H */
