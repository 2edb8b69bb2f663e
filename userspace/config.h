/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config.h - the configuration file of "vnetfabctl apply" and
 * "vnetfabctl dump-config" (vnetfab.conf(5)): parse and validate a whole
 * file into a struct vf_config, and write one back in the same format.
 *
 * Pure: no netlink, nothing printed. Every failure is one message,
 * "FILE:LINE: what is wrong (what is allowed)", in a caller's buffer, so
 * that it can be unit tested.
 */
#ifndef VNETFABCTL_CONFIG_H
#define VNETFABCTL_CONFIG_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "args.h"

/*
 * Room for every message config.c and configcheck.c write (a path of up
 * to ~300 bytes).
 */
#define CONFIG_ERRLEN	640

/*
 * most words on a line: a segment line with every keyword is 32 (30 and
 * a fabric file's "hosts"), a peer line with every keyword and 4 paths 21
 */
#define CONFIG_MAXWORDS	32

/*
 * a segment's "mtu": ETH_MIN_MTU to the module's max_mtu (IP_MAX_MTU less
 * the UDP over IPv6 overhead and the Ethernet header)
 */
#define CONFIG_MTU_MIN	68
#define CONFIG_MTU_MAX	65465

/* a host name of a fabric file: 1..63 bytes, and its NUL */
#define CONFIG_HOSTLEN	64

/*
 * A "segment" line. Every value is the effective one: what the line gave,
 * else the module's default, so that a segment compares with the running
 * one field by field.
 */
struct cfg_segment {
	unsigned int line;
	char name[IFNAMSIZ];
	/* fixed at creation */
	uint32_t id;
	uint8_t encap;			/* enum vnetfab_encap */
	bool has_local;
	struct vf_addr local;
	uint16_t dstport;		/* 0 for encap gre */
	char dev[IFNAMSIZ];		/* underlay device, "" for none */
	/* run-time settings */
	uint8_t ttl;
	uint8_t tos;			/* VF_TOS_INHERIT (1) is "inherit" */
	uint8_t df;			/* enum vnetfab_df */
	uint32_t ageing;
	uint8_t learning;		/* 0 or 1 */
	uint32_t maxaddr;
	uint32_t probe;			/* ms, 0 = off */
	uint8_t probe_misses;
	uint32_t hold_down;		/* ms */
	uint32_t peer_storm;		/* frames/s, 0 = off */
	uint32_t peer_storm_burst;	/* 0: a second's worth */
	uint32_t share;			/* underlay share, 0 = none */
	uint8_t priority;		/* 0..7 */
	uint32_t mtu;			/* 0: not given, the running MTU
					 * is left as it is */
	/* set by validation: the segment's peer lines */
	size_t n_peers;
	/* a fabric file: the "hosts" of the line, members [first, first + n) */
	size_t first_member, n_members;
};

/* A "peer" line. */
struct cfg_peer {
	unsigned int line;
	size_t seg;			/* index into vf_config.segs */
	struct vf_paths paths;		/* v[0].addr: its address */
	bool has_dstport;		/* the line gave one */
	uint16_t dstport;		/* effective: the line's, else the
					 * segment's; 0 for encap gre */
	bool has_probe;			/* its own probe interval: */
	uint32_t probe;			/* ms, 0 = off */
};

/* An "fdb" line: a static MAC table entry. */
struct cfg_fdb {
	unsigned int line;
	size_t seg;			/* index into vf_config.segs */
	uint8_t mac[VF_MACLEN];
	enum vf_fdb_dest dest;		/* VF_FDB_REMOTE, _PORT or _LOCAL */
	struct vf_addr remote;		/* VF_FDB_REMOTE: a peer's address */
	char port[IFNAMSIZ];		/* VF_FDB_PORT: the port's name */
	bool has_host;			/* a fabric file's "host NAME" */
	size_t host;			/* then: index into vf_config.hosts */
};

/* A "port" line (configport.c): a device apply enslaves to a segment. */
struct cfg_port {
	unsigned int line;
	size_t seg;			/* index into vf_config.segs */
	char dev[IFNAMSIZ];
};

/*
 * A "host" line of a fabric file (configfabric.c): a host of the fabric
 * and its underlay addresses, one family, in order of preference (its
 * paths; no "local": they are its own).
 */
struct cfg_host {
	unsigned int line;
	char name[CONFIG_HOSTLEN];
	struct vf_paths addrs;		/* v[0].addr: its address */
};

/* A host that the "hosts" of a segment line names: it carries it. */
struct cfg_member {
	size_t seg;			/* index into vf_config.segs */
	size_t host;			/* index into vf_config.hosts */
	char name[CONFIG_HOSTLEN];	/* as the line names it */
};

/*
 * A whole file, in file order within each array. A file with host lines
 * describes a fabric of several hosts (a "fabric file"): its segments
 * name the hosts that carry them, its fdb lines the host a MAC lives
 * behind, and it has no peer lines; config_host_part() makes of it the
 * plain configuration of one of its hosts.
 */
struct vf_config {
	struct cfg_segment *segs;
	size_t n_segs;
	struct cfg_peer *peers;
	size_t n_peers;
	struct cfg_fdb *fdb;
	size_t n_fdb;
	struct cfg_port *ports;
	size_t n_ports;
	struct cfg_host *hosts;
	size_t n_hosts;
	struct cfg_member *members;	/* by segment, in the lines' order */
	size_t n_members;
};

/* The defaults of a segment line without settings. */
void config_segment_defaults(struct cfg_segment *s);

/*
 * Parses and validates everything @f holds; @fname names it in messages.
 * Returns 0 and fills @c (config_free() it), or -1 with "FNAME:LINE: ..."
 * (or "FNAME: ..." for a read error) in @err and @c empty. The first error
 * in line order of the syntax checks is reported, else the first of the
 * checks across lines.
 */
int config_parse(FILE *f, const char *fname, struct vf_config *c, char *err,
		 size_t errlen);

/*
 * config_parse() of the file at @path ("-": standard input). Returns 0,
 * -1 for an invalid file, or -2 when it cannot be read (with
 * "PATH: strerror" in @err).
 */
int config_load(const char *path, struct vf_config *c, char *err,
		size_t errlen);

/*
 * Checks @c as config_parse() checks a file across lines (duplicates,
 * references, families); fills each segment's n_peers. 0 or -1 with a
 * message naming @fname and the line.
 */
int config_validate(struct vf_config *c, const char *fname, char *err,
		    size_t errlen);

/*
 * Segments in the order of what no two of them may share: encap, id,
 * dstport. <0, 0 or >0.
 */
int config_seg_key_cmp(const struct cfg_segment *a,
		       const struct cfg_segment *b);

/* The host name of an fdb line's "host NAME", until it is resolved. */
struct cfg_fdb_host {
	size_t fdb;			/* index into vf_config.fdb */
	char name[CONFIG_HOSTLEN];
};

/* The names config_parse() resolves once the whole file is read. */
struct config_names {
	char (*peer_segs)[IFNAMSIZ];	/* the segment of each peer line */
	char (*fdb_segs)[IFNAMSIZ];	/* the segment of each fdb line */
	char (*port_segs)[IFNAMSIZ];	/* the segment of each port line */
	struct cfg_fdb_host *fdb_hosts;	/* the fdb lines with "host NAME" */
	size_t n_fdb_hosts;
};

/*
 * configcheck.c, for config_parse(): the checks across the lines of a
 * file read whole. Resolves the segment names of its peer and fdb lines
 * and the host names of a fabric file (@names) into indexes, then checks
 * as config_validate() does, and a fabric file as config_check_fabric()
 * does. 0, or -1 with the message of the lowest line in @err (or "FNAME:
 * out of memory").
 */
int config_check_file(struct vf_config *c, const char *fname,
		      const struct config_names *names, char *err,
		      size_t errlen);

/*
 * The error of the lowest line found so far, of the checks across lines
 * (configcheck.c, configfabric.c): config_note() keeps a message when
 * its line is lower than the one kept, if any.
 */
struct config_verr {
	const char *fname;
	unsigned int line;	/* 0: none yet */
	char *err;
	size_t errlen;
};

void config_note(struct config_verr *v, unsigned int line, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

/* ---- port lines (configport.c) ------------------------------------------ */

/*
 * config.c's parser of a "port SEG IFNAME" line (@w, @n words): the
 * device into @pt, the segment's name into @segname. 0, or -1 with "what
 * is wrong" (no FILE:LINE) in @err.
 */
int config_parse_port(char **w, int n, struct cfg_port *pt,
		      char segname[IFNAMSIZ], char *err, size_t errlen);

/*
 * The checks of port lines across the file, their segments resolved: a
 * device once, no segment of the file, not its own segment's underlay,
 * no port lines in a fabric file. Errors into @v; 0, or -1 out of memory.
 */
int config_check_ports(const struct vf_config *c, struct config_verr *v);

/* ---- fabric files (configfabric.c) -------------------------------------- */

/*
 * config.c's parser of a "host NAME ADDR [path ADDR]..." line (@w, @n
 * words): 0, or -1 with "what is wrong" (no FILE:LINE) in @err.
 */
int config_parse_host(char **w, int n, struct cfg_host *h, char *err,
		      size_t errlen);

/*
 * The value of a segment line's "hosts NAME[,NAME]...", appended to
 * c->members for segment @seg (the segment's first_member and
 * n_members set): 0, -1 with what is wrong in @err, -2 out of memory.
 */
int config_parse_members(struct vf_config *c, size_t seg, const char *val,
			 char *err, size_t errlen);

/* a host name as a fabric file takes it: 0, or -1 saying why in @err */
int config_check_host_name(const char *name, char *err, size_t errlen);

/*
 * For config_check_file(): resolves the host names of the segments'
 * members and of the fdb lines with "host NAME" (@fh, @n_fh) into
 * indexes; a name the file does not define is an error, into @v. 0, or
 * -1 out of memory.
 */
int config_resolve_hosts(struct vf_config *c, const struct cfg_fdb_host *fh,
			 size_t n_fh, struct config_verr *v);

/*
 * The checks of a fabric file, once its names are resolved: hosts with
 * distinct names and addresses; every segment carried by hosts, each
 * once, that share an address family (IPv4 for encap gre), without a
 * "local" of its own; no peer lines; fdb lines "host NAME" only, of a
 * host that carries the segment. In a file without host lines: no
 * segment names hosts, no fdb line a host. Errors into @v; 0, or -1 out
 * of memory.
 */
int config_check_fabric(const struct vf_config *c, struct config_verr *v);

/* whether @c is a fabric file: it has host lines */
static inline bool config_is_fabric(const struct vf_config *c)
{
	return c->n_hosts != 0;
}

/* the index of host @name in @c, or -1 */
long config_host_find(const struct vf_config *c, const char *name);

/*
 * The host of fabric file @c that has one of the @n addresses @local
 * (this host's own): 0 and its index in *@host; -1 when none has, -2
 * when several have, with "FNAME: ..." saying so (and to pass --host) in
 * @err.
 */
int config_host_by_addrs(const struct vf_config *c, const char *fname,
			 const struct vf_addr *local, size_t n, size_t *host,
			 char *err, size_t errlen);

/*
 * The part of host @host of fabric file @c, as a plain configuration in
 * @part (config_free() it): the segments it carries, with its first
 * address as their "local"; as their peers, the other hosts that carry
 * them, at their addresses (a further address of the peer is a path,
 * from this host's address of the same rank if it has one); as static
 * MAC entries, the MACs that live behind those hosts, towards them. The
 * lines are the file's: a peer's is its segment's. 0, -1 with
 * "FNAME:LINE: ..." in @err when the part is invalid (more peers than a
 * segment takes), or -2 with "FNAME: out of memory".
 */
int config_host_part(const struct vf_config *c, size_t host,
		     const char *fname, struct vf_config *part, char *err,
		     size_t errlen);

/*
 * Writes @c in the file format: per segment, its "segment" line with
 * every setting, then its peers, its ports and its fdb entries (each in
 * their order in @c), a blank line between segments; in time linear in
 * the lines. Returns 0, or -1 when the stream had an error or memory ran
 * out.
 */
int config_write(FILE *f, const struct vf_config *c);

/*
 * The @n elements of @base (@size bytes each, a segment index at @off)
 * by segment, each segment's in their order: those of segment s are
 * (*@order)[(*@first)[s]] up to (*@first)[s + 1] (an index of @n_segs or
 * more counts as @n_segs). A counting sort, linear. 0 or -1 out of memory;
 * free() both either way.
 */
int config_by_seg(const void *base, size_t n, size_t size, size_t off,
		  size_t n_segs, size_t **first, size_t **order);

/*
 * Makes room for element @n of the array at *@v (capacities 8, 16,
 * 32...: it grows when @n reaches one). 0, or -1 out of memory.
 */
int config_grow(void **v, size_t n, size_t size);

/* Frees what @c holds and empties it. */
void config_free(struct vf_config *c);

/* "aa:bb:cc:dd:ee:ff", for messages and the file; @len: 18 */
const char *config_mac_str(const uint8_t m[VF_MACLEN], char *buf,
			   size_t len);

/* two addresses of the same family and value (vf_addr_eq()) */
bool config_addr_eq(const struct vf_addr *a, const struct vf_addr *b);

/* the address of peer @p: its own, the first of its paths */
static inline const struct vf_addr *cfg_peer_addr(const struct cfg_peer *p)
{
	return &p->paths.v[0].addr;
}

#endif /* VNETFABCTL_CONFIG_H */
