/* SPDX-License-Identifier: GPL-2.0 */
/*
 * args.h - pure command-line parsing helpers for vnetfabctl.
 *
 * Nothing here prints or touches the network: every failure is reported
 * as a message in a caller-supplied buffer so that it can be unit tested.
 */
#ifndef VNETFABCTL_ARGS_H
#define VNETFABCTL_ARGS_H

#include <netinet/in.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vnetfab.h>

#include "segopts.h"

/* Large enough for every message args.c writes, offending token included. */
#define ARGS_ERRLEN	192

enum vf_cmd {
	VF_CMD_NONE,
	VF_CMD_HELP,
	VF_CMD_VERSION,
	VF_CMD_SHOW,
	VF_CMD_SEG_ADD,
	VF_CMD_SEG_DEL,
	VF_CMD_SEG_SET,
	VF_CMD_PEER_ADD,
	VF_CMD_PEER_DEL,
	VF_CMD_PEER_LIST,
	VF_CMD_PEER_SET,
	VF_CMD_FDB_ADD,
	VF_CMD_FDB_DEL,
	VF_CMD_FDB_SHOW,
	VF_CMD_FDB_FLUSH,
	VF_CMD_MONITOR,
	VF_CMD_APPLY,		/* apply [--host NAME] FILE [--dry-run] [--prune] */
	VF_CMD_DUMP_CONFIG,
	VF_CMD_STATS,
	VF_CMD_PORT_SET,	/* port set PORT SETTINGS */
	VF_CMD_PORT_SHOW,	/* port show [PORT | dev SEG] */
	VF_CMD_SHARE_SET,	/* share set dev UL rate RATE */
	VF_CMD_SHARE_SHOW,	/* share show [dev UL] */
	VF_CMD_SHARE_DEL,	/* share del dev UL */
};

#define VF_MACLEN	6

/* An underlay address, as inet_pton() gave it (network byte order). */
struct vf_addr {
	int family;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

/* Underlay paths of a peer: its address first, then its "path"s. */
#define VF_MAX_PATHS	VNETFAB_MAX_PATHS

/* One underlay path of a peer: its address there, and the source of frames. */
struct vf_path {
	struct vf_addr addr;
	bool has_local;
	struct vf_addr local;
};

/*
 * A peer's paths in order of preference: v[0] is its own address (the
 * "remote"), v[1..n) its further paths, all of one family (paths.c).
 */
struct vf_paths {
	size_t n;		/* 0 (none yet) .. VF_MAX_PATHS */
	struct vf_path v[VF_MAX_PATHS];
};

/* Where "fdb add" sends a MAC. */
enum vf_fdb_dest {
	VF_FDB_NONE,
	VF_FDB_PORT,		/* port IFNAME */
	VF_FDB_REMOTE,		/* remote ADDR [dstport N] */
	VF_FDB_LOCAL,		/* local */
};

#define VF_MAX_PEERS		4096	/* peers of a segment */

/*
 * Every value points into argv or is a copy; has_* says what the user
 * gave, so that only that is sent and the module's defaults apply to the
 * rest.
 */
struct vf_args {
	enum vf_cmd cmd;
	bool json;		/* --json seen anywhere */
	bool pretty;		/* -p before the command */
	const char *help_cmd;	/* "COMMAND help": the help of COMMAND */
	/*
	 * The segment: NAME of "segment", DEV of "show", SEG of "dev SEG"
	 * for "peer" and "fdb". NULL for "show" of all.
	 */
	const char *ifname;
	bool has_id;
	uint32_t id;
	bool has_encap;
	uint8_t encap;		/* enum vnetfab_encap */

	/* segment add (fixed at creation) */
	bool has_local;
	struct vf_addr local;
	const char *link;	/* dev IFNAME: the underlay device, or NULL */
	/* segment add, peer add|del, fdb add ... remote */
	bool has_dstport;
	uint16_t dstport;
	/* segment add|set (may change at run time) */
	bool has_ttl;
	uint8_t ttl;
	bool has_tos;
	uint8_t tos;		/* VF_TOS_INHERIT for "inherit" */
	bool has_df;
	uint8_t df;		/* enum vnetfab_df */
	bool has_ageing;
	uint32_t ageing;	/* seconds */
	bool has_learning;
	uint8_t learning;	/* 0 or 1 */
	bool has_maxaddr;
	uint32_t maxaddr;
	/*
	 * segment add|set: the segment's probe interval; peer add|set: the
	 * peer's own (absent: the segment's). Milliseconds, 0 = off.
	 */
	bool has_probe;
	uint32_t probe;
	bool has_probe_misses;	/* segment add|set */
	uint8_t probe_misses;
	bool has_hold_down;	/* segment add|set: failback, ms */
	uint32_t hold_down;
	/* segment add|set: every peer's storm limit (frames/s, 0 = off) */
	bool has_peer_storm;
	uint32_t peer_storm;
	bool has_peer_storm_burst;
	uint32_t peer_storm_burst;
	bool has_share;		/* segment add|set: underlay share, 0: none */
	uint32_t share;
	bool has_priority;	/* 0..7, 7 sent first */
	uint32_t priority;
	uint64_t rate;		/* share set: the underlay's, bit/s */

	/* port set (port: the port's name, also "port show PORT") */
	bool has_locked;
	uint8_t locked;
	bool has_max_macs;
	uint32_t max_macs;
	bool has_storm;
	uint32_t storm;		/* frames/s, 0 = off */
	bool has_storm_burst;
	uint32_t storm_burst;

	/* peer add|del; fdb add ... remote */
	bool has_remote;
	struct vf_addr remote;
	/* peer add: the peer's paths (paths.v[0].addr is remote) */
	struct vf_paths paths;
	/* peer set: the whole set (malloc'd; args_free() frees it) */
	struct vf_paths *peers;
	size_t n_peers;

	/* fdb */
	bool has_mac;
	uint8_t mac[VF_MACLEN];
	enum vf_fdb_dest fdb_dest;
	const char *port;	/* fdb add ... port IFNAME; port set|show */
	bool flush_all;		/* fdb flush ... all: static entries too */

	/* monitor: stop after this many events, 0 = never */
	unsigned long count;

	/* apply: the file ("-": standard input), --host, --dry-run, --check,
	 * --prune */
	const char *file;
	const char *host;
	bool dry_run;
	bool check;
	bool prune;
};

/* values.c: the values of words, for args.c and config.c */

/* Offending tokens are quoted in messages, cut to this many bytes. */
#define TOKMAX	32
/* printf arguments for a token quoted as '%.*s%s' */
#define TOK(s)	(int)(strlen(s) > TOKMAX ? TOKMAX : strlen(s)), (s), \
		(strlen(s) > TOKMAX ? "..." : "")

/*
 * @s (a message holding words of the user's) with each control byte
 * written as \xNN, in place, cut to @len bytes with its NUL: a byte of
 * a device name or a file must not reach the user's terminal raw.
 */
void args_escape(char *s, size_t len);

/*
 * A message to standard error, each control byte but newline and tab
 * written as \xNN (the words of a message may be the user's): every
 * message of vnetfabctl goes through these.
 */
void vf_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vf_veprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/*
 * iproute2's -j and -p before the command: -j rewritten in @argv as
 * --json, -p (-pretty, --pretty: indented JSON) taken out and said in
 * @pretty. Returns the new argc.
 */
int args_short_options(int argc, char **argv, bool *pretty);

/* a message into @err (if any), control bytes escaped, and -1 */
int args_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Unsigned decimal digits, or "0x" and hex digits (no sign, space or
 * other base), @min..@max (@max <= UINT32_MAX): the one rule for numbers
 * of every front end. @what names the value in the message:
 * "invalid WHAT 'S' (expected MIN..MAX)".
 */
int args_parse_uint(const char *s, const char *what, uint32_t min,
		    uint32_t max, uint32_t *v, char *err, size_t errlen);

/*
 * IPv4 or IPv6 address in the forms inet_pton() accepts (no scope, no
 * prefix length). @what names it in the message ("local", "remote").
 */
int args_parse_addr(const char *s, const char *what, struct vf_addr *addr,
		    char *err, size_t errlen);

/* MAC address: six pairs of hex digits separated by ':'. */
int args_parse_mac(const char *s, uint8_t mac[VF_MACLEN], char *err,
		   size_t errlen);

/*
 * Device name as the kernel's dev_valid_name() accepts it: 1..IFNAMSIZ-1
 * bytes, not "." or "..", no '/', ':' or whitespace.
 */
int args_check_ifname(const char *s, char *err, size_t errlen);

/*
 * Parse the whole command line (argv[0] is the program name). Returns 0 on
 * success and fills @a, or -1 with a one-line message in @err (usage error).
 */
int args_parse(int argc, char **argv, struct vf_args *a, char *err,
	       size_t errlen);

/* What args_parse() allocated, whether it succeeded or not. */
void args_free(struct vf_args *a);

#endif /* VNETFABCTL_ARGS_H */
