// SPDX-License-Identifier: GPL-2.0
/*
 * liveness.c - peer liveness as every front end spells it (liveness.h).
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "liveness.h"

int vf_parse_probe(const char *s, uint32_t *ms, char *err, size_t errlen)
{
	uint32_t v;

	if (!s)
		s = "";
	if (!strcmp(s, "off")) {
		*ms = 0;
		return 0;
	}
	if (args_parse_uint(s, "probe", 0, VF_PROBE_MAX, &v, NULL, 0) ||
	    (v && v < VF_PROBE_MIN)) {
		if (err && errlen)
			snprintf(err, errlen,
				 "invalid probe '%.*s%s': probe must be off or %u..%u ms",
				 TOK(s), VF_PROBE_MIN, VF_PROBE_MAX);
		return -1;
	}
	*ms = v;
	return 0;
}

/*
 * @s as args_parse_uint() takes it, @min..@max; else "invalid WHAT 'S':
 * WHAT must be MIN..MAX[ UNIT]" in @err
 */
static int parse_range(const char *s, const char *what, uint32_t min,
		       uint32_t max, const char *unit, uint32_t *v, char *err,
		       size_t errlen)
{
	if (!s)
		s = "";
	if (!args_parse_uint(s, what, min, max, v, NULL, 0))
		return 0;
	if (err && errlen)
		snprintf(err, errlen, "invalid %s '%.*s%s': %s must be %u..%u%s",
			 what, TOK(s), what, min, max, unit);
	return -1;
}

int vf_parse_probe_misses(const char *s, uint8_t *n, char *err,
			  size_t errlen)
{
	uint32_t v;

	if (parse_range(s, "probe-misses", VF_PROBE_MISSES_MIN,
			VF_PROBE_MISSES_MAX, "", &v, err, errlen))
		return -1;
	*n = (uint8_t)v;
	return 0;
}

int vf_parse_hold_down(const char *s, uint32_t *ms, char *err, size_t errlen)
{
	return parse_range(s, "hold-down", 0, VF_HOLD_DOWN_MAX, " ms", ms, err,
			   errlen);
}

const char *vf_probe_str(uint32_t ms, char *buf, size_t len)
{
	if (ms)
		snprintf(buf, len, "%u", ms);
	else
		snprintf(buf, len, "off");
	return buf;
}

static const char *const state_names[] = {
	[VNETFAB_PEER_UNPROBED]	= "unprobed",
	[VNETFAB_PEER_UNKNOWN]	= "unknown",
	[VNETFAB_PEER_UP]	= "up",
	[VNETFAB_PEER_DOWN]	= "down",
};

static const char *const reason_names[] = {
	[VNETFAB_REASON_REPLY]		= "reply",
	[VNETFAB_REASON_HEARS]		= "hears",
	[VNETFAB_REASON_TIMEOUT]	= "timeout",
	[VNETFAB_REASON_NOT_HEARD]	= "not_heard",
	[VNETFAB_REASON_HOLD_DOWN]	= "hold_down",
	[VNETFAB_REASON_UNREACHABLE]	= "unreachable",
};

const char *vf_peer_state_name(unsigned int state)
{
	return state < sizeof(state_names) / sizeof(state_names[0]) ?
	       state_names[state] : NULL;
}

const char *vf_reason_name(unsigned int reason)
{
	return reason < sizeof(reason_names) / sizeof(reason_names[0]) ?
	       reason_names[reason] : NULL;
}
