// SPDX-License-Identifier: GPL-2.0
/*
 * configport.c - the "port SEG IFNAME" lines of vnetfab.conf(5): a
 * device that apply enslaves to segment SEG (as "ip link set IFNAME
 * master SEG" does). Parsed for config.c, checked across lines for
 * configcheck.c: a device is the port of one segment, is no segment of
 * the file nor the underlay of its own segment, and a fabric file has no
 * port lines (ports are each host's own).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define PORT_USAGE	"port SEG IFNAME"

int config_parse_port(char **w, int n, struct cfg_port *pt,
		      char segname[IFNAMSIZ], char *err, size_t errlen)
{
	if (n < 2) {
		snprintf(err, errlen, "missing segment name (%s)", PORT_USAGE);
		return -1;
	}
	if (args_check_ifname(w[1], err, errlen))
		return -1;
	if (n < 3) {
		snprintf(err, errlen, "missing the device to enslave (%s)",
			 PORT_USAGE);
		return -1;
	}
	if (n > 3) {
		snprintf(err, errlen,
			 "unexpected word '%.32s%s' (%s: one device a line)",
			 w[3], strlen(w[3]) > 32 ? "..." : "", PORT_USAGE);
		return -1;
	}
	if (args_check_ifname(w[2], err, errlen))
		return -1;
	snprintf(segname, IFNAMSIZ, "%s", w[1]);
	snprintf(pt->dev, sizeof(pt->dev), "%s", w[2]);
	return 0;
}

static int port_dev_cmp(const void *a, const void *b, void *arg)
{
	const struct cfg_port *p = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int r = strcmp(p[x].dev, p[y].dev);

	if (r)
		return r;
	return p[x].line < p[y].line ? -1 : p[x].line > p[y].line;
}

static int seg_name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cfg_segment *)a)->name,
		      ((const struct cfg_segment *)b)->name);
}

/* the segment named @name of @byname (@n, sorted by name), or NULL */
static const struct cfg_segment *seg_named(const struct cfg_segment *byname,
					   size_t n, const char *name)
{
	struct cfg_segment key;

	snprintf(key.name, sizeof(key.name), "%s", name);
	return bsearch(&key, byname, n, sizeof(key), seg_name_cmp);
}

/* the first port line of device @name (in @idx: c->ports by device), or NULL */
static const struct cfg_port *port_named(const struct vf_config *c,
					 const size_t *idx, const char *name)
{
	size_t lo = 0, hi = c->n_ports, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(c->ports[idx[mid]].dev, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n_ports && !strcmp(c->ports[idx[lo]].dev, name) ?
	       &c->ports[idx[lo]] : NULL;
}

int config_check_ports(const struct vf_config *c, struct config_verr *v)
{
	struct cfg_segment *segs = NULL;
	const struct cfg_segment *s;
	const struct cfg_port *p;
	size_t *idx, i;

	if (!c->n_ports)
		return 0;
	if (config_is_fabric(c)) {
		config_note(v, c->ports[0].line,
			    "port: a fabric file has no port lines (ports are each host's own: enslave them with 'ip link set IFNAME master SEG', or apply a plain file on that host)");
		return 0;
	}
	idx = malloc(c->n_ports * sizeof(*idx));
	segs = malloc((c->n_segs ? c->n_segs : 1) * sizeof(*segs));
	if (!idx || !segs) {
		free(idx);
		free(segs);
		return -1;
	}
	for (i = 0; i < c->n_ports; i++)
		idx[i] = i;
	qsort_r(idx, c->n_ports, sizeof(*idx), port_dev_cmp, c->ports);
	for (i = 1; i < c->n_ports; i++)
		if (!strcmp(c->ports[idx[i]].dev, c->ports[idx[i - 1]].dev))
			config_note(v, c->ports[idx[i]].line,
				    "port: %s is already a port on line %u (a device is the port of one segment, named once)",
				    c->ports[idx[i]].dev,
				    c->ports[idx[i - 1]].line);
	if (c->n_segs)
		memcpy(segs, c->segs, c->n_segs * sizeof(*segs));
	qsort(segs, c->n_segs, sizeof(*segs), seg_name_cmp);
	for (i = 0; i < c->n_ports; i++) {
		p = &c->ports[i];
		if (seg_named(segs, c->n_segs, p->dev))
			config_note(v, p->line,
				    "port: %s is a segment of this file (a port is a device such as a VM's tap or a veth)",
				    p->dev);
	}
	for (i = 0; i < c->n_segs; i++) {
		s = &c->segs[i];
		p = s->dev[0] ? port_named(c, idx, s->dev) : NULL;
		/* (another segment's underlay may be a port: stacking) */
		if (p && p->seg == i)
			config_note(v, p->line,
				    "port: %s is the underlay device of segment %s (line %u): it carries the tunnel and cannot be a port",
				    p->dev, s->name, s->line);
	}
	free(idx);
	free(segs);
	return 0;
}
