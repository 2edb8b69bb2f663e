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
 * most words on a line: a segment line with every keyword is 30, a peer
 * line with every keyword and 4 paths 21
 */
#define CONFIG_MAXWORDS	32

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
	/* set by validation: the segment's peer lines */
	size_t n_peers;
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
};

/* A whole file, in file order within each array. */
struct vf_config {
	struct cfg_segment *segs;
	size_t n_segs;
	struct cfg_peer *peers;
	size_t n_peers;
	struct cfg_fdb *fdb;
	size_t n_fdb;
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

/*
 * configcheck.c, for config_parse(): the checks across the lines of a
 * file read whole. Resolves the segment names of its peer lines
 * (@peer_segs) and fdb lines (@fdb_segs), one a line in file order, into
 * indexes, then checks as config_validate() does. 0, or -1 with the
 * message of the lowest line in @err (or "FNAME: out of memory").
 */
int config_check_file(struct vf_config *c, const char *fname,
		      char (*peer_segs)[IFNAMSIZ], char (*fdb_segs)[IFNAMSIZ],
		      char *err, size_t errlen);

/*
 * Writes @c in the file format: per segment, its "segment" line with
 * every setting, then its peers and its fdb entries, a blank line between
 * segments. Returns 0, or -1 when the stream had an error.
 */
int config_write(FILE *f, const struct vf_config *c);

/* Frees what @c holds and empties it. */
void config_free(struct vf_config *c);

/* the name of an enum vnetfab_df value, NULL if unknown */
const char *config_df_name(unsigned int df);

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
