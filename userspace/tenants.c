// SPDX-License-Identifier: GPL-2.0
/*
 * tenants.c - the values of port security and storm control (tenants.h).
 */
#include <stdio.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "tenants.h"

int vf_parse_on_off(const char *s, const char *what, uint8_t *v, char *err,
		    size_t errlen)
{
	if (s && !strcmp(s, "on")) {
		*v = 1;
		return 0;
	}
	if (s && !strcmp(s, "off")) {
		*v = 0;
		return 0;
	}
	return args_fail(err, errlen, "invalid %s '%.*s%s' (expected on or off)",
			 what, TOK(s ? s : ""));
}

int vf_parse_storm(const char *s, const char *what, uint32_t *pps, char *err,
		   size_t errlen)
{
	if (!s)
		s = "";
	if (!strcmp(s, "off")) {
		*pps = 0;
		return 0;
	}
	if (!args_parse_uint(s, what, 1, VNETFAB_STORM_PPS_MAX, pps, NULL, 0))
		return 0;
	return args_fail(err, errlen,
			 "invalid %s '%.*s%s': %s must be off or 1..%u frames a second",
			 what, TOK(s), what, VNETFAB_STORM_PPS_MAX);
}

int vf_parse_max_macs(const char *s, uint32_t *n, char *err, size_t errlen)
{
	if (!s)
		s = "";
	if (!args_parse_uint(s, "max-macs", 0, VF_MAXADDR_MAX, n, NULL, 0))
		return 0;
	return args_fail(err, errlen,
			 "invalid max-macs '%.*s%s': max-macs must be 0 (none of the port's own)..%u",
			 TOK(s), VF_MAXADDR_MAX);
}
