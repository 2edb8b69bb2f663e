// SPDX-License-Identifier: GPL-2.0
/*
 * configwrite.c - a struct vf_config in the format of vnetfab.conf(5), as
 * "vnetfabctl dump-config" prints the running state: config_write(); a
 * fabric file's host lines, "hosts" and "host NAME" too. Each segment's
 * lines are grouped first (config_by_seg(), which applydiff.c uses too),
 * so that the writing is linear in the lines.
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "config.h"
#include "liveness.h"
#include "paths.h"

/* a fabric file's host lines, then a blank line */
static void write_hosts(FILE *f, const struct vf_config *c)
{
	char buf[INET6_ADDRSTRLEN];
	const struct cfg_host *h;
	size_t i, k;

	for (i = 0; i < c->n_hosts; i++) {
		h = &c->hosts[i];
		fprintf(f, "host %s %s", h->name,
			vf_addr_str(&h->addrs.v[0].addr, buf, sizeof(buf)));
		for (k = 1; k < h->addrs.n; k++)
			fprintf(f, " path %s",
				vf_addr_str(&h->addrs.v[k].addr, buf,
					    sizeof(buf)));
		fputc('\n', f);
	}
	if (c->n_hosts && c->n_segs)
		fputc('\n', f);
}

/* a fabric file's " hosts NAME,NAME" of segment @s */
static void write_members(FILE *f, const struct vf_config *c,
			  const struct cfg_segment *s)
{
	size_t i;

	for (i = 0; i < s->n_members; i++)
		fprintf(f, "%s%s", i ? "," : " hosts ",
			c->hosts[c->members[s->first_member + i].host].name);
}

int config_by_seg(const void *base, size_t n, size_t size, size_t off,
		  size_t n_segs, size_t **first, size_t **order)
{
	size_t i, s, *at;

	*first = calloc(n_segs + 2, sizeof(**first));
	*order = malloc((n ? n : 1) * sizeof(**order));
	if (!*first || !*order)
		return -1;
	at = *first + 1;
	for (i = 0; i < n; i++) {
		s = *(const size_t *)((const char *)base + i * size + off);
		at[s < n_segs ? s : n_segs]++;
	}
	/* (*first)[s]: where segment s starts */
	for (s = 0; s < n_segs; s++)
		at[s + 1] += at[s];
	/* (*first)[s] goes up to its end as s is filled: shifted after */
	for (i = 0; i < n; i++) {
		s = *(const size_t *)((const char *)base + i * size + off);
		(*order)[(*first)[s < n_segs ? s : n_segs]++] = i;
	}
	memmove(*first + 1, *first, (n_segs + 1) * sizeof(**first));
	(*first)[0] = 0;
	return 0;
}

/* the "segment" line of @s, every setting given */
static void write_segment(FILE *f, const struct vf_config *c,
			  const struct cfg_segment *s)
{
	char buf[INET6_ADDRSTRLEN], pb[VF_PROBE_STRLEN];
	const char *encap = vf_segopt_name(VF_SO_ENCAP, s->encap);
	const char *df = vf_segopt_name(VF_SO_DF, s->df);

	fprintf(f, "segment %s id %u encap %s", s->name, s->id,
		encap ? encap : "?");
	if (s->has_local)
		fprintf(f, " local %s",
			vf_addr_str(&s->local, buf, sizeof(buf)));
	if (s->encap != VNETFAB_ENCAP_GRE)
		fprintf(f, " dstport %u", s->dstport);
	if (s->dev[0])
		fprintf(f, " dev %s", s->dev);
	fprintf(f, " ttl %u", s->ttl);
	if (s->tos == VF_TOS_INHERIT)
		fprintf(f, " tos inherit");
	else
		fprintf(f, " tos %u", s->tos);
	fprintf(f, " df %s ageing %u learning %s maxaddr %u probe %s probe-misses %u hold-down %u",
		df ? df : "?", s->ageing, s->learning ? "on" : "off",
		s->maxaddr, vf_probe_str(s->probe, pb, sizeof(pb)),
		s->probe_misses, s->hold_down);
	/* not given: the running MTU is left as it is */
	if (s->mtu)
		fprintf(f, " mtu %u", s->mtu);
	/* storm control is off by default, and then not written */
	if (s->peer_storm)
		fprintf(f, " peer-storm %u", s->peer_storm);
	if (s->peer_storm_burst)
		fprintf(f, " peer-storm-burst %u", s->peer_storm_burst);
	/* and so is sharing */
	if (s->share)
		fprintf(f, " share %u", s->share);
	if (s->priority)
		fprintf(f, " priority %u", s->priority);
	write_members(f, c, s);
	fputc('\n', f);
}

static void write_peer(FILE *f, const struct cfg_segment *s,
		       const struct cfg_peer *pe)
{
	char buf[INET6_ADDRSTRLEN], pb[VF_PROBE_STRLEN];

	fprintf(f, "peer %s %s", s->name,
		vf_addr_str(cfg_peer_addr(pe), buf, sizeof(buf)));
	vf_paths_write(f, &pe->paths);
	if (pe->dstport && pe->dstport != s->dstport)
		fprintf(f, " dstport %u", pe->dstport);
	if (pe->has_probe)
		fprintf(f, " probe %s", vf_probe_str(pe->probe, pb, sizeof(pb)));
	fputc('\n', f);
}

static void write_fdb(FILE *f, const struct vf_config *c,
		      const struct cfg_segment *s, const struct cfg_fdb *fe)
{
	char buf[INET6_ADDRSTRLEN], mbuf[18];

	fprintf(f, "fdb %s %s", s->name,
		config_mac_str(fe->mac, mbuf, sizeof(mbuf)));
	if (fe->has_host) {
		fprintf(f, " host %s\n", c->hosts[fe->host].name);
		return;
	}
	switch (fe->dest) {
	case VF_FDB_REMOTE:
		fprintf(f, " remote %s\n",
			vf_addr_str(&fe->remote, buf, sizeof(buf)));
		break;
	case VF_FDB_PORT:
		fprintf(f, " port %s\n", fe->port);
		break;
	default:
		fprintf(f, " local\n");
		break;
	}
}

/* each segment's peers, ports and entries (see config_by_seg()) */
struct by_seg {
	size_t *first, *order;
};

int config_write(FILE *f, const struct vf_config *c)
{
	struct by_seg pe = { 0 }, po = { 0 }, fd = { 0 };
	const struct cfg_segment *s;
	int ret = -1;
	size_t i, j;

	if (config_by_seg(c->peers, c->n_peers, sizeof(*c->peers),
			  offsetof(struct cfg_peer, seg), c->n_segs, &pe.first,
			  &pe.order) ||
	    config_by_seg(c->ports, c->n_ports, sizeof(*c->ports),
			  offsetof(struct cfg_port, seg), c->n_segs, &po.first,
			  &po.order) ||
	    config_by_seg(c->fdb, c->n_fdb, sizeof(*c->fdb),
			  offsetof(struct cfg_fdb, seg), c->n_segs, &fd.first,
			  &fd.order))
		goto out;
	write_hosts(f, c);
	for (i = 0; i < c->n_segs; i++) {
		s = &c->segs[i];
		if (i)
			fputc('\n', f);
		write_segment(f, c, s);
		for (j = pe.first[i]; j < pe.first[i + 1]; j++)
			write_peer(f, s, &c->peers[pe.order[j]]);
		for (j = po.first[i]; j < po.first[i + 1]; j++)
			fprintf(f, "port %s %s\n", s->name,
				c->ports[po.order[j]].dev);
		for (j = fd.first[i]; j < fd.first[i + 1]; j++)
			write_fdb(f, c, s, &c->fdb[fd.order[j]]);
	}
	ret = ferror(f) ? -1 : 0;
out:
	free(pe.first);
	free(pe.order);
	free(po.first);
	free(po.order);
	free(fd.first);
	free(fd.order);
	return ret;
}
