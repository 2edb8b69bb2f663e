// SPDX-License-Identifier: GPL-2.0
/*
 * applycheck.c - whether "vnetfabctl apply" can make the running state
 * what a file says, before it changes anything: no device in the way of
 * a segment's name, no fixed setting (id, encap, local, dstport, dev)
 * that differs, underlay devices and ports that exist.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>

#include "args.h"
#include "applydiff.h"

void apply_lerr(const char *fname, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	vf_eprintf("vnetfabctl: %s:%u: ", fname, line);
	va_start(ap, fmt);
	vf_veprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The first fixed setting of @s that @l does not have, in @what/@was/@want. */
static bool fixed_differs(const struct cfg_segment *s, const struct rlink *l,
			  const struct running *r, const char **what,
			  char *was, char *want, size_t len)
{
	const struct cfg_segment *t = &l->cfg;
	const char *e;

	if (s->id != t->id) {
		*what = "id";
		snprintf(was, len, "%u", t->id);
		snprintf(want, len, "%u", s->id);
		return true;
	}
	if (s->encap != t->encap) {
		*what = "encap";
		e = vf_segopt_name(VF_SO_ENCAP, t->encap);
		snprintf(was, len, "%s", e ? e : "?");
		snprintf(want, len, "%s", vf_segopt_name(VF_SO_ENCAP, s->encap));
		return true;
	}
	if (s->has_local != t->has_local ||
	    (s->has_local && !config_addr_eq(&s->local, &t->local))) {
		*what = "local";
		if (t->has_local)
			print_addr(&t->local, was, len);
		else
			snprintf(was, len, "(none)");
		if (s->has_local)
			print_addr(&s->local, want, len);
		else
			snprintf(want, len, "(none)");
		return true;
	}
	if (s->dstport != t->dstport) {
		*what = "dstport";
		snprintf(was, len, "%u", t->dstport);
		snprintf(want, len, "%u", s->dstport);
		return true;
	}
	/* an underlay in another netns cannot be named: not compared */
	if (!l->link_foreign) {
		const struct rlink *dv = s->dev[0] ? running_link(r, s->dev) :
				       NULL;
		uint32_t want_link = dv ? (uint32_t)dv->ifindex : 0;

		if (want_link != l->link) {
			*what = "dev";
			snprintf(was, len, "%s", l->link ?
				 (t->dev[0] ? t->dev : "(unnamed)") : "(none)");
			snprintf(want, len, "%s", s->dev[0] ? s->dev : "(none)");
			return true;
		}
	}
	return false;
}

/* the port of fdb line @f is a port of its segment; 0 or -1 (said why) */
static int check_port(const struct diff *d, const char *fname,
		      const struct cfg_fdb *f)
{
	const struct cfg_segment *s = &d->c->segs[f->seg];
	const struct rlink *l = diff_running_seg(d, s);
	const struct rlink *p = running_link(d->r, f->port);

	const struct cfg_port *fp = diff_file_port(d, f->port);

	if (!p) {
		apply_lerr(fname, f->line,
			   "fdb: port %s does not exist in this network namespace",
			   f->port);
		return -1;
	}
	/* a port line of its segment: enslaved before the entries are sent */
	if (fp && fp->seg == f->seg)
		return 0;
	if (!l || p->master != l->ifindex) {
		apply_lerr(fname, f->line,
			   "fdb: %s is not a port of %s (add a line 'port %s %s', or enslave it first: ip link set %s master %s)",
			   f->port, s->name, s->name, f->port, f->port,
			   s->name);
		return -1;
	}
	return 0;
}

/*
 * the device of port line @pt exists, is no segment, and is no other
 * device's port; 0 or -1 (said why)
 */
static int check_port_line(const struct diff *d, const char *fname,
			   const struct cfg_port *pt)
{
	const struct cfg_segment *s = &d->c->segs[pt->seg];
	const struct rlink *l = diff_running_seg(d, s);
	const struct rlink *p = running_link(d->r, pt->dev);
	const struct rlink *m;

	if (!p) {
		apply_lerr(fname, pt->line,
			   "port: %s does not exist in this network namespace (create it first, or leave the line out)",
			   pt->dev);
		return -1;
	}
	if (p->vnetfab) {
		apply_lerr(fname, pt->line,
			   "port: %s is a vnetfab segment (a port is a device such as a VM's tap or a veth)",
			   pt->dev);
		return -1;
	}
	if (p->master && (!l || p->master != l->ifindex)) {
		m = running_link_at(d->r, p->master);
		apply_lerr(fname, pt->line,
			   "port: %s is a port of %s (release it first: ip link set %s nomaster)",
			   pt->dev, m ? m->name : "another device", pt->dev);
		return -1;
	}
	return 0;
}

/*
 * running device @l is no segment made by hand, absent from the file,
 * that a new segment of the file needs deleted (its id and port): apply
 * deletes only its own without --prune. 0 or -1 (said why).
 */
static int check_in_the_way(const struct diff *d, const char *fname,
			    const struct rlink *l)
{
	const struct cfg_segment *s;

	if (!l->vnetfab || diff_in_file(d, l->name) || diff_goes(d, l))
		return 0;
	s = diff_displaced(d, l);
	if (!s)
		return 0;
	apply_lerr(fname, s->line,
		   "segment %s: its id %u is taken by segment %s, which is not in the file and was not made by apply (left alone); delete it (vnetfabctl segment del %s), or apply with --prune",
		   s->name, s->id, l->name, l->name);
	return -1;
}

int apply_check(const struct diff *d, const char *fname)
{
	char was[INET6_ADDRSTRLEN + 16], want[INET6_ADDRSTRLEN + 16];
	const struct cfg_segment *s;
	const struct rlink *l;
	const char *what;
	size_t i;

	for (i = 0; i < d->c->n_segs; i++) {
		s = &d->c->segs[i];
		l = running_link(d->r, s->name);
		if (l && !l->vnetfab) {
			apply_lerr(fname, s->line,
				   "segment %s: a device named %s exists and is not a vnetfab segment (delete or rename it, or choose another name)",
				   s->name, s->name);
			return -1;
		}
		if (s->dev[0] && !running_link(d->r, s->dev)) {
			apply_lerr(fname, s->line,
				   "segment %s: underlay device %s does not exist in this network namespace",
				   s->name, s->dev);
			return -1;
		}
		if (l && fixed_differs(s, l, d->r, &what, was, want,
				       sizeof(was))) {
			apply_lerr(fname, s->line,
				   "segment %s runs with %s %s, the file says %s %s: id, encap, local, dstport and dev are fixed at creation; delete the segment first (vnetfabctl segment del %s), then apply",
				   s->name, what, was, what, want, s->name);
			return -1;
		}
	}
	for (i = 0; i < d->r->n; i++)
		if (check_in_the_way(d, fname, &d->r->v[i]))
			return -1;
	for (i = 0; i < d->c->n_ports; i++)
		if (check_port_line(d, fname, &d->c->ports[i]))
			return -1;
	for (i = 0; i < d->c->n_fdb; i++)
		if (d->c->fdb[i].dest == VF_FDB_PORT &&
		    check_port(d, fname, &d->c->fdb[i]))
			return -1;
	return 0;
}
