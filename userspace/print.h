/* SPDX-License-Identifier: GPL-2.0 */
/*
 * print.h - text and JSON output of segments, peers and MAC tables.
 *
 * Fields the kernel did not send are left out (JSON keys) or shown as "-"
 * (text counters), so output from an older or newer module stays readable.
 * The JSON printers return 0, or -1 when the stream had an error.
 */
#ifndef VNETFABCTL_PRINT_H
#define VNETFABCTL_PRINT_H

#include <stddef.h>
#include <stdio.h>

#include "genl.h"

/* INET6_ADDRSTRLEN, and room for "?" */
#define PRINT_ADDRLEN	46

/* "192.0.2.2", "2001:db8::1", or "?" for an unknown family */
const char *print_addr(const struct vf_addr *a, char *buf, size_t len);

/* "aa:bb:cc:dd:ee:ff" in lower case; @buf needs 18 bytes */
const char *print_mac(const uint8_t mac[VF_MACLEN], char *buf, size_t len);

void print_segments_text(FILE *f, const struct vnetfab_segment *v, size_t n);
int print_segments_json(FILE *f, const struct vnetfab_segment *v, size_t n);

void print_peers_text(FILE *f, const struct vnetfab_peer *v, size_t n);
int print_peers_json(FILE *f, const struct vnetfab_peer *v, size_t n);

/* Ports are shown by name (if_indextoname), else by ifindex. */
void print_fdb_text(FILE *f, const struct vnetfab_fdb *v, size_t n);
int print_fdb_json(FILE *f, const struct vnetfab_fdb *v, size_t n);

/*
 * The traffic matrix of segment @s: for the host endpoint and each of the
 * @n peers, the frames and bytes that went to it and came from it, and
 * the segment's drop counters.
 */
void print_stats_text(FILE *f, const struct vnetfab_segment *s,
		      const struct vnetfab_peer *v, size_t n);
int print_stats_json(FILE *f, const struct vnetfab_segment *s,
		     const struct vnetfab_peer *v, size_t n);

/* "peer_added", ..., or "unknown" for an event this build does not know */
const char *print_event_name(unsigned int event);
/* one line: "DEV EVENT peer-or-entry", or one JSON object on a line */
void print_event_text(FILE *f, const struct vnetfab_event_msg *ev);
int print_event_json(FILE *f, const struct vnetfab_event_msg *ev);

#endif /* VNETFABCTL_PRINT_H */
