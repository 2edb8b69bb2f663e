// SPDX-License-Identifier: GPL-2.0
/*
 * configwrite.c - a struct vf_config in the format of vnetfab.conf(5), as
 * "vnetfabctl dump-config" prints the running state: config_write(); a
 * fabric file's host lines, "hosts" and "host NAME" too.
 */
#include <arpa/inet.h>
#include <stdio.h>

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

int config_write(FILE *f, const struct vf_config *c)
{
	char buf[INET6_ADDRSTRLEN], mbuf[18], pb[VF_PROBE_STRLEN];
	const struct cfg_segment *s;
	const char *encap, *df;
	size_t i, j;

	write_hosts(f, c);
	for (i = 0; i < c->n_segs; i++) {
		s = &c->segs[i];
		encap = args_encap_name(s->encap);
		df = config_df_name(s->df);
		if (i)
			fputc('\n', f);
		fprintf(f, "segment %s id %u encap %s", s->name, s->id,
			encap ? encap : "?");
		if (s->has_local)
			fprintf(f, " local %s",
				vf_addr_str(&s->local, buf,
					    sizeof(buf)));
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
		for (j = 0; j < c->n_peers; j++) {
			const struct cfg_peer *pe = &c->peers[j];

			if (pe->seg != i)
				continue;
			fprintf(f, "peer %s %s", s->name,
				vf_addr_str(cfg_peer_addr(pe), buf,
					    sizeof(buf)));
			vf_paths_write(f, &pe->paths);
			if (pe->dstport && pe->dstport != s->dstport)
				fprintf(f, " dstport %u", pe->dstport);
			if (pe->has_probe)
				fprintf(f, " probe %s",
					vf_probe_str(pe->probe, pb, sizeof(pb)));
			fputc('\n', f);
		}
		for (j = 0; j < c->n_ports; j++)
			if (c->ports[j].seg == i)
				fprintf(f, "port %s %s\n", s->name,
					c->ports[j].dev);
		for (j = 0; j < c->n_fdb; j++) {
			const struct cfg_fdb *fe = &c->fdb[j];

			if (fe->seg != i)
				continue;
			fprintf(f, "fdb %s %s", s->name,
				config_mac_str(fe->mac, mbuf, sizeof(mbuf)));
			if (fe->has_host) {
				fprintf(f, " host %s\n", c->hosts[fe->host].name);
				continue;
			}
			switch (fe->dest) {
			case VF_FDB_REMOTE:
				fprintf(f, " remote %s\n",
					vf_addr_str(&fe->remote, buf,
						    sizeof(buf)));
				break;
			case VF_FDB_PORT:
				fprintf(f, " port %s\n", fe->port);
				break;
			default:
				fprintf(f, " local\n");
				break;
			}
		}
	}
	return ferror(f) ? -1 : 0;
}
