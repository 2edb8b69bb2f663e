// SPDX-License-Identifier: GPL-2.0
/*
 * tenants.c - the values of port security, storm control and underlay
 * shares (tenants.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

int vf_parse_share(const char *s, uint32_t *share, char *err, size_t errlen)
{
	if (!s)
		s = "";
	if (!strcmp(s, "off")) {
		*share = 0;
		return 0;
	}
	if (!args_parse_uint(s, "share", 1, VNETFAB_SHARE_MAX, share, NULL, 0))
		return 0;
	return args_fail(err, errlen,
			 "invalid share '%.*s%s': share must be 1..%u, or off (none)",
			 TOK(s), VNETFAB_SHARE_MAX);
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

static const struct {
	const char *name;
	uint64_t mult;
} units[] = {
	{ "tbit", 1000000000000ull }, { "gbit", 1000000000ull },
	{ "mbit", 1000000ull }, { "kbit", 1000ull }, { "bit", 1ull },
};

int vf_parse_rate(const char *s, uint64_t *bps, char *err, size_t errlen)
{
	unsigned long long v;
	uint64_t mult = 1;
	char *end;
	size_t i;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || s[0] == '-' || errno)
		goto bad;
	if (*end) {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strcasecmp(end, units[i].name))
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			goto bad;
		mult = units[i].mult;
	}
	if (!v || v > UINT64_MAX / mult)
		goto bad;
	*bps = v * mult;
	return 0;
bad:
	snprintf(err, errlen,
		 "rate: '%.32s' is not a rate (a number of bits a second, 1 or more, with an optional unit: kbit, mbit, gbit, tbit; e.g. 200mbit)",
		 s);
	return -1;
}

void vf_rate_str(uint64_t bps, char *buf, size_t len)
{
	static const char *const cap[] = { "Tbit", "Gbit", "Mbit", "Kbit" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (bps >= units[i].mult && !(bps % units[i].mult)) {
			snprintf(buf, len, "%" PRIu64 "%s", bps / units[i].mult,
				 cap[i]);
			return;
		}
	snprintf(buf, len, "%" PRIu64 "bit", bps);
}
