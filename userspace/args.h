/* SPDX-License-Identifier: GPL-2.0 */
/*
 * args.h - pure command-line parsing helpers for vnetfabctl.
 *
 * Nothing here prints or touches the network: every failure is reported
 * as a message in a caller-supplied buffer so that it can be unit tested.
 */
#ifndef VNETFABCTL_ARGS_H
#define VNETFABCTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Large enough for every message args.c writes, offending token included. */
#define ARGS_ERRLEN	192

enum vf_cmd {
	VF_CMD_NONE,
	VF_CMD_HELP,
	VF_CMD_VERSION,
	VF_CMD_SHOW,
	VF_CMD_SEG_ADD,
	VF_CMD_SEG_DEL,
};

struct vf_args {
	enum vf_cmd cmd;
	bool json;		/* --json seen anywhere */
	const char *ifname;	/* points into argv; NULL for "show" of all */
	bool has_id;
	uint32_t id;
	bool has_encap;
	uint8_t encap;		/* enum vnetfab_encap */
};

/* Segment id: decimal digits only, VNETFAB_ID_MIN..VNETFAB_ID_MAX. */
int args_parse_id(const char *s, uint32_t *id, char *err, size_t errlen);

/* Encapsulation name: "udp" or "gre". */
int args_parse_encap(const char *s, uint8_t *encap, char *err, size_t errlen);

/* "udp"/"gre", or NULL for a value this build does not know. */
const char *args_encap_name(unsigned int encap);

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

#endif /* VNETFABCTL_ARGS_H */
