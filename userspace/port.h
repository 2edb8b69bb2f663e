/* SPDX-License-Identifier: GPL-2.0 */
/*
 * port.h - a segment's ports: their port security and storm control
 * settings (rtnetlink slave data, as the bridge's ports have), read and
 * changed, and their display.
 */
#ifndef VNETFABCTL_PORT_H
#define VNETFABCTL_PORT_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "args.h"
#include "nlutil.h"

/* Which fields of a port's slave data the kernel sent. */
enum {
	PORT_LOCKED	= 1u << 0,
	PORT_MAX_MACS	= 1u << 1,
	PORT_STORM	= 1u << 2,
	PORT_STORM_BURST = 1u << 3,
	PORT_N_MACS	= 1u << 4,
	PORT_STATS	= 1u << 5,
};

enum { PORT_ST_LOCKED, PORT_ST_LEARN_LIMIT, PORT_ST_STORM, PORT_ST_N };

/* A port of a segment, as RTM_GETLINK gives it. */
struct vf_port {
	unsigned int has;		/* PORT_* */
	int ifindex;
	char ifname[IF_NAMESIZE];
	int master;			/* the segment's ifindex */
	char segment[IF_NAMESIZE];
	bool locked;
	uint32_t max_macs, storm, storm_burst, n_macs;
	uint64_t stats[PORT_ST_N];
};

/*
 * Decodes IFLA_INFO_SLAVE_DATA of a vnetfab port into @p (its has bits);
 * unknown attributes are skipped. 0, or -1 if @data is malformed.
 */
int vf_port_parse_data(const void *data, int len, struct vf_port *p);

/*
 * The RTM_NEWLINK of "port set" for port @ifindex: IFLA_LINKINFO {
 * IFLA_INFO_SLAVE_KIND "vnetfab", IFLA_INFO_SLAVE_DATA { what @a gave } }.
 * NULL when out of memory.
 */
struct nl_msg *vf_port_req(const struct vf_args *a, int ifindex);

/* vf_port_set() result when @a->port is not a port of a vnetfab segment */
#define VF_PORT_NOTPORT	1

/* port set: 0, -1 with @e filled in, or VF_PORT_NOTPORT. */
int vf_port_set(const struct vf_args *a, struct nlu_err *e);

/*
 * The ports of segment @seg (NULL: of every segment), or port @port
 * alone (NULL: all): *@v (free() it) holds *@n. 0 or -1 with @e.
 */
int vf_port_list(const char *seg, const char *port, struct vf_port **v,
		 size_t *n, struct nlu_err *e);

void vf_port_print_text(FILE *f, const struct vf_port *v, size_t n);
int vf_port_print_json(FILE *f, const struct vf_port *v, size_t n);

#endif /* VNETFABCTL_PORT_H */
