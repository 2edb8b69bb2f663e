// SPDX-License-Identifier: GPL-2.0
/*
 * segopts.c - a segment's settings: their names, limits and value names,
 * and the one parser of their values (segopts.h).
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "segopts.h"

#define N(a)	((unsigned int)(sizeof(a) / sizeof((a)[0])))

static const char *const encap_names[] = {
	[VNETFAB_ENCAP_UDP] = "udp",
	[VNETFAB_ENCAP_GRE] = "gre",
};

static const char *const tos_names[] = {
	[VNETFAB_TOS_INHERIT] = "inherit",
};

static const char *const df_names[] = {
	[VNETFAB_DF_UNSET]   = "unset",
	[VNETFAB_DF_SET]     = "set",
	[VNETFAB_DF_INHERIT] = "inherit",
};

static const char *const learning_names[] = { "off", "on" };

const struct vf_segopt_def vf_segopts[VF_SO_N] = {
	[VF_SO_ID] = { "id", "segment id", VNETFAB_ID_MIN, VNETFAB_ID_MAX },
	[VF_SO_ENCAP] = { "encap", "encap", 0, 0, encap_names,
			  N(encap_names), "udp or gre" },
	[VF_SO_DSTPORT] = { "dstport", "dstport", VNETFAB_DSTPORT_MIN,
			    VNETFAB_DSTPORT_MAX },
	[VF_SO_TTL] = { "ttl", "ttl", VNETFAB_TTL_MIN, VNETFAB_TTL_MAX },
	[VF_SO_TOS] = { "tos", "tos", 0, VNETFAB_TOS_MAX, tos_names,
			N(tos_names), "0..255, 0x00..0xff or inherit" },
	[VF_SO_DF] = { "df", "df", 0, 0, df_names, N(df_names),
		       "unset, set or inherit" },
	[VF_SO_AGEING] = { "ageing", "ageing", VNETFAB_AGEING_MIN,
			   VNETFAB_AGEING_MAX },
	[VF_SO_LEARNING] = { "learning", "learning", 0, 0, learning_names,
			     N(learning_names), "on or off" },
	[VF_SO_MAXADDR] = { "maxaddr", "maxaddr", VNETFAB_MAX_ADDRS_MIN,
			    VNETFAB_MAX_ADDRS_MAX },
};

int vf_segopt_parse(enum vf_segopt o, const char *s, uint32_t *v, char *err,
		    size_t errlen)
{
	const struct vf_segopt_def *d = &vf_segopts[o];
	unsigned int i;

	if (!s || !*s)
		return args_fail(err, errlen, "missing %s", d->what);
	for (i = 0; i < d->n_names; i++) {
		if (d->names[i] && !strcmp(s, d->names[i])) {
			*v = i;
			return 0;
		}
	}
	if (d->max && !args_parse_uint(s, d->what, d->min, d->max, v, NULL, 0))
		return 0;
	if (d->expected)
		return args_fail(err, errlen, "invalid %s '%.*s%s' (expected %s)",
				 d->what, TOK(s), d->expected);
	return args_fail(err, errlen, "invalid %s '%.*s%s' (expected %u..%u)",
			 d->what, TOK(s), (unsigned int)d->min,
			 (unsigned int)d->max);
}

const char *vf_segopt_name(enum vf_segopt o, uint32_t v)
{
	const struct vf_segopt_def *d = &vf_segopts[o];

	return v < d->n_names ? d->names[v] : NULL;
}

const char *vf_segopt_str(enum vf_segopt o, uint32_t v, char *buf,
			  size_t len)
{
	const char *name = vf_segopt_name(o, v);

	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, o == VF_SO_TOS ? "%#x" : "%u",
			 (unsigned int)v);
	return buf;
}

bool vf_segopt_keyword(const char *s)
{
	/* the settings of one word or none, and those of other files */
	static const char *const others[] = {
		"local", "dev", "nolearning", "probe", "probe-misses",
		"hold-down", "peer-storm", "peer-storm-burst", "share",
		"priority", "mtu", "hosts", "remote",
	};
	unsigned int i;

	for (i = 0; i < VF_SO_N; i++)
		if (!strcmp(s, vf_segopts[i].kw))
			return true;
	for (i = 0; i < N(others); i++)
		if (!strcmp(s, others[i]))
			return true;
	return false;
}

int vf_segopt_learning(const char *kw, const char *next, uint8_t *v,
		       char *err, size_t errlen)
{
	uint32_t n;

	if (!strcmp(kw, "nolearning")) {
		*v = 0;
		return 1;
	}
	if (strcmp(kw, "learning"))
		return 0;
	/* alone, as ip -d link show and vnetfabctl show print it */
	if (!next || vf_segopt_keyword(next)) {
		*v = 1;
		return 1;
	}
	if (vf_segopt_parse(VF_SO_LEARNING, next, &n, err, errlen))
		return -1;
	*v = (uint8_t)n;
	return 2;
}
