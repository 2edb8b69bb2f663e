// SPDX-License-Identifier: GPL-2.0
/*
 * applyhost.c - the part of a fabric file (vnetfab.conf(5), a file with
 * host lines) that "vnetfabctl apply" makes the running state: that of
 * the host --host names, else that of the one host line with an address
 * of this host (of this network namespace). A file without host lines
 * is applied whole, as it always was.
 */
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "applydiff.h"

/* this network namespace's IPv4 and IPv6 addresses; -1 if unreadable */
static int local_addrs(struct vf_addr **v, size_t *n)
{
	struct ifaddrs *all, *i;
	size_t cap = 0;

	*v = NULL;
	*n = 0;
	if (getifaddrs(&all))
		return -1;
	for (i = all; i; i = i->ifa_next)
		cap++;
	*v = calloc(cap ? cap : 1, sizeof(**v));
	if (!*v) {
		freeifaddrs(all);
		return -1;
	}
	for (i = all; i; i = i->ifa_next) {
		struct vf_addr *a = &(*v)[*n];

		if (!i->ifa_addr)
			continue;
		if (i->ifa_addr->sa_family == AF_INET) {
			a->family = AF_INET;
			memcpy(&a->v4, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr,
			       sizeof(a->v4));
		} else if (i->ifa_addr->sa_family == AF_INET6) {
			a->family = AF_INET6;
			memcpy(&a->v6, &((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr,
			       sizeof(a->v6));
		} else {
			continue;
		}
		(*n)++;
	}
	freeifaddrs(all);
	return 0;
}

/* "FILE: host NAME is not defined in this file (its hosts: A, B, ...)" */
static void not_defined(const struct vf_config *c, const char *fname,
			const char *host, char *err, size_t errlen)
{
	size_t i, n;

	n = (size_t)snprintf(err, errlen,
			     "%s: host %s is not defined in this file (its hosts:",
			     fname, host);
	for (i = 0; i < c->n_hosts && n + CONFIG_HOSTLEN + 8 < errlen; i++)
		n += (size_t)snprintf(err + n, errlen - n, "%s %s",
				      i ? "," : "", c->hosts[i].name);
	snprintf(err + n, errlen - n, "%s)", i < c->n_hosts ? ", ..." : "");
}

int apply_host_config(struct vf_config *c, const char *fname,
		      const char *host, char *found, char *err, size_t errlen)
{
	struct vf_config part;
	struct vf_addr *local;
	size_t idx, n;
	long h;
	int ret;

	if (found)
		found[0] = '\0';
	if (!config_is_fabric(c)) {
		if (!host)
			return APPLY_OK;
		snprintf(err, errlen, "%s: --host %s: this file has no host lines (it is the configuration of one host: apply it without --host)",
			 fname, host);
		return APPLY_USAGE;
	}
	if (host) {
		h = config_host_find(c, host);
		if (h < 0) {
			not_defined(c, fname, host, err, errlen);
			return APPLY_USAGE;
		}
		idx = (size_t)h;
	} else {
		if (local_addrs(&local, &n)) {
			snprintf(err, errlen, "%s: cannot read this host's addresses to find its host line (pass --host NAME)",
				 fname);
			return APPLY_RUNTIME;
		}
		ret = config_host_by_addrs(c, fname, local, n, &idx, err,
					   errlen);
		free(local);
		if (ret)
			return APPLY_USAGE;
	}
	ret = config_host_part(c, idx, fname, &part, err, errlen);
	if (ret)
		return ret == -2 ? APPLY_RUNTIME : APPLY_USAGE;
	if (found)
		snprintf(found, CONFIG_HOSTLEN, "%s", c->hosts[idx].name);
	config_free(c);
	*c = part;
	return APPLY_OK;
}
