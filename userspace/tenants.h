/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tenants.h - the values of port security and storm control, as every
 * front end spells them (port.c sends them, config.c reads them).
 */
#ifndef VNETFABCTL_TENANTS_H
#define VNETFABCTL_TENANTS_H

#include <stdbool.h>
#include <stdint.h>

#include "args.h"

/* "on" or "off" as 1 or 0; @what names the keyword in the message */
int vf_parse_on_off(const char *s, const char *what, uint8_t *v, char *err,
		    size_t errlen);
/* "off" (0) or 1..VNETFAB_STORM_PPS_MAX frames a second */
int vf_parse_storm(const char *s, const char *what, uint32_t *pps, char *err,
		   size_t errlen);
/* 0 (none of the port's own)..16777216 */
/* "share N|off": 1..VNETFAB_SHARE_MAX, off is 0 (none); 0 or -1 */
int vf_parse_share(const char *s, uint32_t *share, char *err, size_t errlen);
int vf_parse_max_macs(const char *s, uint32_t *n, char *err, size_t errlen);

/*
 * A rate as tc writes it: a number of bits a second with an optional SI
 * unit (bit, kbit, mbit, gbit, tbit; 1000-based), e.g. "200mbit". 0 or
 * -1 with a message in @err.
 */
int vf_parse_rate(const char *s, uint64_t *bps, char *err, size_t errlen);

/* "200Mbit" for 200000000: the largest unit that divides it */
void vf_rate_str(uint64_t bps, char *buf, size_t len);

#endif /* VNETFABCTL_TENANTS_H */
