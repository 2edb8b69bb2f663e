// SPDX-License-Identifier: GPL-2.0
/*
 * config.c - parse the configuration file of "vnetfabctl apply" /
 * "vnetfabctl dump-config" (vnetfab.conf(5)); its checks across lines
 * are in configcheck.c, the writer in configwrite.c.
 *
 * One object per line:
 *   segment NAME [id N] [encap udp|gre] [local ADDR] [dstport N]
 *                [dev IFNAME] [ttl N] [tos N|inherit] [df unset|set|inherit]
 *                [ageing SECONDS] [learning on|off] [maxaddr N]
 *                [probe MS|off] [probe-misses N] [hold-down MS]
 *                [peer-storm PPS|off] [peer-storm-burst N] [mtu N]
 *   peer SEG ADDR [local ADDR] [path ADDR [local ADDR]]... [dstport N]
 *                [probe MS|off]
 *   fdb SEG MAC remote ADDR | port IFNAME | local
 *   port SEG IFNAME			(configport.c)
 *   host NAME ADDR [path ADDR]...
 * '#' starts a comment (at the start of a word); blank lines are ignored.
 * A file with host lines describes a fabric of several hosts (a segment
 * line then says "hosts NAME[,NAME]...", an fdb line "host NAME"):
 * configfabric.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "config.h"
#include "liveness.h"
#include "paths.h"
#include "tenants.h"

bool config_addr_eq(const struct vf_addr *a, const struct vf_addr *b)
{
	return vf_addr_eq(a, b);
}

const char *config_mac_str(const uint8_t m[VF_MACLEN], char *buf,
			   size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
		 m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

void config_segment_defaults(struct cfg_segment *s)
{
	memset(s, 0, sizeof(*s));
	s->id = VNETFAB_ID_DEFAULT;
	s->encap = VNETFAB_ENCAP_UDP;
	s->dstport = VNETFAB_DEFAULT_DSTPORT;
	s->ttl = VNETFAB_DEFAULT_TTL;
	s->tos = 0;
	s->df = VNETFAB_DF_UNSET;
	s->ageing = VNETFAB_DEFAULT_AGEING;
	s->learning = 1;
	s->maxaddr = VNETFAB_DEFAULT_MAX_ADDRS;
	s->probe = VNETFAB_DEFAULT_PROBE_INTERVAL;
	s->probe_misses = VNETFAB_DEFAULT_PROBE_MISSES;
	s->hold_down = VNETFAB_DEFAULT_HOLD_DOWN;
}

void config_free(struct vf_config *c)
{
	free(c->segs);
	free(c->peers);
	free(c->fdb);
	free(c->ports);
	free(c->hosts);
	free(c->members);
	memset(c, 0, sizeof(*c));
}

/* ---- one line ----------------------------------------------------------- */

struct pctx {
	const char *fname;
	unsigned int line;
	char *err;
	size_t errlen;
};

static int lfail(const struct pctx *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int lfail(const struct pctx *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!p->err || !p->errlen)
		return -1;
	n = snprintf(p->err, p->errlen, "%s:%u: ", p->fname, p->line);
	if (n < 0 || (size_t)n >= p->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	args_escape(p->err, p->errlen);
	return -1;
}

/* an args.c message about the value of a line of object @obj */
static int vfail(const struct pctx *p, const char *obj, const char *msg)
{
	return lfail(p, "%s: %s", obj, msg);
}

int config_grow(void **v, size_t n, size_t size)
{
	size_t cap;
	void *nv;

	/* capacities are 8, 16, 32...: grow when @n reaches one */
	if (n && (n < 8 || (n & (n - 1))))
		return 0;
	cap = n ? n * 2 : 8;
	nv = realloc(*v, cap * size);
	if (!nv)
		return -1;
	*v = nv;
	return 0;
}

/* The value after keyword words[*i]; advances *i past it. */
static int kw_value(const struct pctx *p, const char *obj, char **w, int n,
		    int *i, unsigned int *seen, unsigned int bit,
		    const char **val)
{
	const char *kw = w[*i];

	if (*seen & bit)
		return lfail(p, "%s: '%s' given twice (each keyword once per line)",
			     obj, kw);
	*seen |= bit;
	if (*i + 1 >= n)
		return lfail(p, "%s: '%s' needs a value", obj, kw);
	*i += 1;
	*val = w[*i];
	return 0;
}

/* @src, checked as a device name, into @dst (no printf: 100 000 lines) */
static void set_name(char dst[IFNAMSIZ], const char *src)
{
	size_t n = strnlen(src, IFNAMSIZ - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* name of the segment on a line, checked as a device name */
static int seg_name(const struct pctx *p, const char *obj, char **w, int n,
		    const char *usage, char name[IFNAMSIZ])
{
	char msg[ARGS_ERRLEN];

	if (n < 2)
		return lfail(p, "%s: missing segment name (%s)", obj, usage);
	if (args_check_ifname(w[1], msg, sizeof(msg)))
		return vfail(p, obj, msg);
	set_name(name, w[1]);
	return 0;
}

#define SEGMENT_USAGE \
	"segment NAME [id N] [encap udp|gre] [local ADDR] [dstport N] [dev IFNAME] [ttl N] [tos N|inherit] [df unset|set|inherit] [ageing SECONDS] [learning on|off] [maxaddr N] [probe MS|off] [probe-misses N] [hold-down MS] [peer-storm PPS|off] [peer-storm-burst N] [mtu N] [hosts NAME[,NAME]...]"
#define PEER_USAGE \
	"peer SEG ADDR [local ADDR] [path ADDR [local ADDR]]... [dstport N] [probe MS|off]"
#define FDB_USAGE	"fdb SEG MAC remote ADDR | port IFNAME | local | host NAME"

/* keywords besides the table's (segopts.h), whose enum they follow */
enum {
	K_LOCAL = VF_SO_N, K_DEV, K_PROBE, K_PROBE_MISSES, K_HOLD_DOWN,
	K_PEER_STORM, K_PEER_STORM_BURST, K_SHARE, K_PRIORITY, K_MTU, K_HOSTS,
	K_N
};

static const char *const seg_kw[K_N - VF_SO_N] = {
	[K_LOCAL - VF_SO_N] = "local", [K_DEV - VF_SO_N] = "dev",
	[K_PROBE - VF_SO_N] = "probe",
	[K_PROBE_MISSES - VF_SO_N] = "probe-misses",
	[K_HOLD_DOWN - VF_SO_N] = "hold-down",
	[K_PEER_STORM - VF_SO_N] = "peer-storm",
	[K_PEER_STORM_BURST - VF_SO_N] = "peer-storm-burst",
	[K_SHARE - VF_SO_N] = "share", [K_PRIORITY - VF_SO_N] = "priority",
	[K_MTU - VF_SO_N] = "mtu", [K_HOSTS - VF_SO_N] = "hosts",
};

static const char *seg_keyword(int k)
{
	return k < VF_SO_N ? vf_segopts[k].kw : seg_kw[k - VF_SO_N];
}

/* setting @k of the table into @s */
static void seg_set(struct cfg_segment *s, int k, uint32_t v)
{
	switch (k) {
	case VF_SO_ID:		s->id = v; break;
	case VF_SO_ENCAP:	s->encap = (uint8_t)v; break;
	case VF_SO_DSTPORT:	s->dstport = (uint16_t)v; break;
	case VF_SO_TTL:		s->ttl = (uint8_t)v; break;
	case VF_SO_TOS:		s->tos = (uint8_t)v; break;
	case VF_SO_DF:		s->df = (uint8_t)v; break;
	case VF_SO_AGEING:	s->ageing = v; break;
	case VF_SO_LEARNING:	s->learning = (uint8_t)v; break;
	case VF_SO_MAXADDR:	s->maxaddr = v; break;
	}
}

/* a segment line into @s; its "hosts" value, if any, into *@hosts */
static int parse_segment(const struct pctx *p, char **w, int n,
			 struct cfg_segment *s, const char **hosts)
{
	char msg[ARGS_ERRLEN], buf[INET6_ADDRSTRLEN];
	unsigned int seen = 0;
	const char *val;
	uint32_t v;
	int i, k;

	config_segment_defaults(s);
	s->line = p->line;
	*hosts = NULL;
	if (seg_name(p, "segment", w, n, SEGMENT_USAGE, s->name))
		return -1;
	for (i = 2; i < n; i++) {
		/* "nolearning", "learning" alone, as ip -d link show prints */
		k = vf_segopt_learning(w[i], i + 1 < n ? w[i + 1] : NULL,
				       &s->learning, msg, sizeof(msg));
		if (k < 0)
			return vfail(p, "segment", msg);
		if (k > 0) {
			if (seen & (1u << VF_SO_LEARNING))
				return lfail(p, "segment: 'learning' given twice (each keyword once per line)");
			seen |= 1u << VF_SO_LEARNING;
			i += k - 1;
			continue;
		}
		for (k = 0; k < K_N; k++)
			if (!strcmp(w[i], seg_keyword(k)))
				break;
		if (k == K_N)
			return lfail(p, "segment: unknown keyword '%.*s%s' (expected id, encap, local, dstport, dev, ttl, tos, df, ageing, learning, maxaddr, probe, probe-misses, hold-down, peer-storm, peer-storm-burst, share, priority, mtu or hosts)",
				     TOK(w[i]));
		if (kw_value(p, "segment", w, n, &i, &seen, 1u << k, &val))
			return -1;
		msg[0] = '\0';
		if (k < VF_SO_N) {
			if (vf_segopt_parse(k, val, &v, msg, sizeof(msg)))
				return vfail(p, "segment", msg);
			seg_set(s, k, v);
			continue;
		}
		switch (k) {
		case K_LOCAL:
			if (args_parse_addr(val, "local", &s->local, msg,
					    sizeof(msg)))
				return vfail(p, "segment", msg);
			if (!vf_addr_unicast(&s->local))
				return lfail(p, "segment: local address %s is not a unicast address (expected this host's unicast IPv4 or IPv6 address)",
					     vf_addr_str(&s->local, buf,
							 sizeof(buf)));
			s->has_local = true;
			break;
		case K_DEV:
			if (args_check_ifname(val, msg, sizeof(msg)))
				return vfail(p, "segment", msg);
			snprintf(s->dev, sizeof(s->dev), "%s", val);
			break;
		case K_PROBE:
			if (vf_parse_probe(val, &s->probe, msg, sizeof(msg)))
				return vfail(p, "segment", msg);
			break;
		case K_PROBE_MISSES:
			if (vf_parse_probe_misses(val, &s->probe_misses, msg,
						  sizeof(msg)))
				return vfail(p, "segment", msg);
			break;
		case K_HOLD_DOWN:
			if (vf_parse_hold_down(val, &s->hold_down, msg,
					       sizeof(msg)))
				return vfail(p, "segment", msg);
			break;
		case K_PEER_STORM:
			if (vf_parse_storm(val, "peer-storm", &s->peer_storm,
					   msg, sizeof(msg)))
				return vfail(p, "segment", msg);
			break;
		case K_PEER_STORM_BURST:
			if (args_parse_uint(val, "peer-storm-burst", 0,
					    VNETFAB_STORM_PPS_MAX,
					    &s->peer_storm_burst, msg,
					    sizeof(msg)))
				return vfail(p, "segment", msg);
			break;
		case K_SHARE:
			if (vf_parse_share(val, &s->share, msg, sizeof(msg)))
				return vfail(p, "segment", msg);
			break;
		case K_PRIORITY:
			if (args_parse_uint(val, "priority", 0,
					    VNETFAB_PRIORITY_MAX, &v, msg,
					    sizeof(msg)))
				return vfail(p, "segment", msg);
			s->priority = v;
			break;
		case K_MTU:
			if (args_parse_uint(val, "mtu", CONFIG_MTU_MIN,
					    CONFIG_MTU_MAX, &s->mtu, msg,
					    sizeof(msg)))
				return vfail(p, "segment", msg);
			break;
		case K_HOSTS:
			*hosts = val;	/* config_parse_members() reads it */
			break;
		}
	}
	if (s->encap == VNETFAB_ENCAP_GRE) {
		if (seen & (1u << VF_SO_DSTPORT))
			return lfail(p, "segment: dstport applies to encap udp only (a GRE segment has no port)");
		if (s->has_local && s->local.family != AF_INET)
			return lfail(p, "segment: encap gre carries an IPv4 underlay only (use an IPv4 local address or encap udp)");
		s->dstport = 0;
	}
	return 0;
}

static int parse_peer(const struct pctx *p, char **w, int n,
		      struct cfg_peer *pe, char segname[IFNAMSIZ])
{
	char msg[ARGS_ERRLEN];
	unsigned int seen = 0;
	const char *val;
	uint32_t v;
	int i, pr;

	memset(pe, 0, sizeof(*pe));
	pe->line = p->line;
	if (seg_name(p, "peer", w, n, PEER_USAGE, segname))
		return -1;
	if (n < 3)
		return lfail(p, "peer: missing peer address (%s)", PEER_USAGE);
	if (args_parse_addr(w[2], "peer", &pe->paths.v[0].addr, msg,
			    sizeof(msg)))
		return vfail(p, "peer", msg);
	pe->paths.n = 1;
	if (vf_paths_unicast(&pe->paths, msg, sizeof(msg)))
		return vfail(p, "peer", msg);
	for (i = 3; i < n; i++) {
		if (!strcmp(w[i], "path") || !strcmp(w[i], "local")) {
			if (i + 1 >= n)
				return lfail(p, "peer: '%s' needs a value", w[i]);
			if (vf_paths_word(&pe->paths, w[i], w[i + 1], msg,
					  sizeof(msg)))
				return vfail(p, "peer", msg);
			i++;
			continue;
		}
		pr = !strcmp(w[i], "probe");
		if (!pr && strcmp(w[i], "dstport"))
			return lfail(p, "peer: unknown keyword '%.*s%s' (expected local, path, dstport or probe)",
				     TOK(w[i]));
		if (kw_value(p, "peer", w, n, &i, &seen, 1u << pr, &val))
			return -1;
		if (pr) {
			if (vf_parse_probe(val, &pe->probe, msg, sizeof(msg)))
				return vfail(p, "peer", msg);
			pe->has_probe = true;
			continue;
		}
		if (vf_segopt_parse(VF_SO_DSTPORT, val, &v, msg, sizeof(msg)))
			return vfail(p, "peer", msg);
		pe->dstport = (uint16_t)v;
		pe->has_dstport = true;
	}
	if (vf_paths_unicast(&pe->paths, msg, sizeof(msg)))
		return vfail(p, "peer", msg);
	return 0;
}

/* the destinations of an fdb line: one of them */
enum { FD_REMOTE, FD_PORT, FD_LOCAL, FD_HOST, FD_N };

static const char *const fdb_kw[FD_N] = {
	[FD_REMOTE] = "remote", [FD_PORT] = "port", [FD_LOCAL] = "local",
	[FD_HOST] = "host",
};

/* an fdb line into @f; the name of "host NAME", if any, into @host */
static int parse_fdb(const struct pctx *p, char **w, int n,
		     struct cfg_fdb *f, char segname[IFNAMSIZ],
		     char host[CONFIG_HOSTLEN])
{
	char msg[ARGS_ERRLEN], buf[18];
	const char *val;
	unsigned int seen = 0;
	int i, d, given = -1;

	memset(f, 0, sizeof(*f));
	host[0] = '\0';
	f->line = p->line;
	f->dest = VF_FDB_NONE;
	if (seg_name(p, "fdb", w, n, FDB_USAGE, segname))
		return -1;
	if (n < 3)
		return lfail(p, "fdb: missing MAC address (%s)", FDB_USAGE);
	if (args_parse_mac(w[2], f->mac, msg, sizeof(msg)))
		return vfail(p, "fdb", msg);
	if (f->mac[0] & 1)
		return lfail(p, "fdb: %s is a multicast MAC address (static entries take unicast, non-zero MAC addresses)",
			     config_mac_str(f->mac, buf, sizeof(buf)));
	if (!(f->mac[0] | f->mac[1] | f->mac[2] | f->mac[3] | f->mac[4] |
	      f->mac[5]))
		return lfail(p, "fdb: the MAC address is all zeros (static entries take unicast, non-zero MAC addresses)");
	for (i = 3; i < n; i++) {
		for (d = 0; d < FD_N; d++)
			if (!strcmp(w[i], fdb_kw[d]))
				break;
		if (d == FD_N)
			return lfail(p, "fdb: unknown keyword '%.*s%s' (expected remote ADDR, port IFNAME, local or host NAME)",
				     TOK(w[i]));
		if (given == d)
			return lfail(p, "fdb: '%s' given twice (each keyword once per line)",
				     w[i]);
		if (given >= 0)
			return lfail(p, "fdb: give only one of 'remote ADDR', 'port IFNAME', 'local' and 'host NAME'");
		given = d;
		if (d == FD_LOCAL) {
			f->dest = VF_FDB_LOCAL;
			continue;
		}
		if (kw_value(p, "fdb", w, n, &i, &seen, 1u << d, &val))
			return -1;
		switch (d) {
		case FD_REMOTE:
			f->dest = VF_FDB_REMOTE;
			if (args_parse_addr(val, "remote", &f->remote, msg,
					    sizeof(msg)))
				return vfail(p, "fdb", msg);
			break;
		case FD_PORT:
			f->dest = VF_FDB_PORT;
			if (args_check_ifname(val, msg, sizeof(msg)))
				return vfail(p, "fdb", msg);
			set_name(f->port, val);
			break;
		default:
			/* towards that host: its address, once resolved */
			f->dest = VF_FDB_REMOTE;
			f->has_host = true;
			if (config_check_host_name(val, msg, sizeof(msg)))
				return vfail(p, "fdb", msg);
			snprintf(host, CONFIG_HOSTLEN, "%s", val);
			break;
		}
	}
	if (f->dest == VF_FDB_NONE)
		return lfail(p, "fdb: missing destination (%s)", FDB_USAGE);
	return 0;
}

/*
 * Splits @s into words at blanks, up to a word starting with '#'.
 * Returns the number of words, or -1 if there are more than @max.
 */
static bool blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int split(char *s, char **w, int max)
{
	int n = 0;

	/* a loop of our own: strspn() and strcspn() cost more on short words */
	for (;;) {
		while (blank(*s))
			s++;
		if (!*s || *s == '#')
			return n;
		if (n == max)
			return -1;
		w[n++] = s;
		while (*s && !blank(*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
}

/*
 * Quotes are no syntax in the file, and a word holding one (a device
 * named "fab0" with its quotes) is refused rather than taken; so is a
 * control byte, which no name or value holds, and a byte order mark
 * anywhere but at the start of the file.
 */
static int bad_words(const struct pctx *p, char **w, int n)
{
	const unsigned char *c;
	int i;

	/* one pass over each word: 100 000 fdb lines in a bulk install */
	for (i = 0; i < n; i++) {
		for (c = (const unsigned char *)w[i]; *c; c++) {
			if (*c > '\'' && *c < 0x7f)
				continue;
			if (*c == 0xef && c[1] == 0xbb && c[2] == 0xbf)
				return lfail(p, "a UTF-8 byte order mark (bytes EF BB BF) inside the file: it may only start the file");
			if (*c == '"' || *c == '\'')
				return lfail(p, "quotes in '%.*s%s': the file has no quoting (write words bare, separated by blanks)",
					     TOK(w[i]));
			if (*c < 0x20 || *c == 0x7f)
				return lfail(p, "a control byte (0x%02x) in '%.*s%s'",
					     *c, TOK(w[i]));
		}
	}
	return 0;
}

/* Segment names of peer and fdb lines, until they are resolved. */
struct names {
	char (*v)[IFNAMSIZ];
	size_t n;
};

static int names_push(struct names *nm, const char *name)
{
	if (config_grow((void **)&nm->v, nm->n, sizeof(*nm->v)))
		return -1;
	set_name(nm->v[nm->n++], name);
	return 0;
}

int config_parse(FILE *f, const char *fname, struct vf_config *c, char *err,
		 size_t errlen)
{
	struct pctx p = { .fname = fname, .err = err, .errlen = errlen };
	struct names pn = { 0 }, fn = { 0 }, on = { 0 };
	struct config_names names = { 0 };
	char *w[CONFIG_MAXWORDS], name[IFNAMSIZ], host[CONFIG_HOSTLEN];
	char msg[ARGS_ERRLEN];
	const char *hosts;
	size_t cap = 0;
	char *line = NULL;
	ssize_t len;
	int n, r, ret = -1;

	memset(c, 0, sizeof(*c));
	if (err && errlen)
		err[0] = '\0';
	errno = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		p.line++;
		if (strlen(line) != (size_t)len) {
			lfail(&p, "the line holds a NUL byte (this is a text file)");
			goto out;
		}
		/* a UTF-8 byte order mark, as some editors write: skipped */
		n = p.line == 1 && !strncmp(line, "\xef\xbb\xbf", 3) ? 3 : 0;
		n = split(line + n, w, CONFIG_MAXWORDS);
		if (n < 0) {
			lfail(&p, "more than %d words on one line", CONFIG_MAXWORDS);
			goto out;
		}
		if (n == 0)
			continue;
		if (bad_words(&p, w, n))
			goto out;
		if (!strcmp(w[0], "segment")) {
			if (config_grow((void **)&c->segs, c->n_segs, sizeof(*c->segs)))
				goto nomem;
			if (parse_segment(&p, w, n, &c->segs[c->n_segs], &hosts))
				goto out;
			r = hosts ? config_parse_members(c, c->n_segs, hosts,
							 msg, sizeof(msg)) : 0;
			if (r == -2)
				goto nomem;
			if (r) {
				vfail(&p, "segment", msg);
				goto out;
			}
			c->n_segs++;
		} else if (!strcmp(w[0], "peer")) {
			if (config_grow((void **)&c->peers, c->n_peers,
				 sizeof(*c->peers)))
				goto nomem;
			if (parse_peer(&p, w, n, &c->peers[c->n_peers], name))
				goto out;
			if (names_push(&pn, name))
				goto nomem;
			c->n_peers++;
		} else if (!strcmp(w[0], "fdb")) {
			if (config_grow((void **)&c->fdb, c->n_fdb, sizeof(*c->fdb)))
				goto nomem;
			if (parse_fdb(&p, w, n, &c->fdb[c->n_fdb], name, host))
				goto out;
			if (names_push(&fn, name))
				goto nomem;
			if (host[0]) {
				struct cfg_fdb_host *fh;

				if (config_grow((void **)&names.fdb_hosts,
						names.n_fdb_hosts,
						sizeof(*names.fdb_hosts)))
					goto nomem;
				fh = &names.fdb_hosts[names.n_fdb_hosts++];
				fh->fdb = c->n_fdb;
				memcpy(fh->name, host, sizeof(fh->name));
			}
			c->n_fdb++;
		} else if (!strcmp(w[0], "port")) {
			if (config_grow((void **)&c->ports, c->n_ports,
					sizeof(*c->ports)))
				goto nomem;
			c->ports[c->n_ports].line = p.line;
			if (config_parse_port(w, n, &c->ports[c->n_ports], name,
					      msg, sizeof(msg))) {
				vfail(&p, "port", msg);
				goto out;
			}
			if (names_push(&on, name))
				goto nomem;
			c->n_ports++;
		} else if (!strcmp(w[0], "host")) {
			if (config_grow((void **)&c->hosts, c->n_hosts,
					sizeof(*c->hosts)))
				goto nomem;
			c->hosts[c->n_hosts].line = p.line;
			if (config_parse_host(w, n, &c->hosts[c->n_hosts], msg,
					      sizeof(msg))) {
				vfail(&p, "host", msg);
				goto out;
			}
			c->n_hosts++;
		} else {
			lfail(&p, "unknown object '%.*s%s' (expected segment, peer, fdb, port or host; '#' starts a comment)",
			      TOK(w[0]));
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", fname,
			 strerror(errno ? errno : EIO));
		goto out;
	}

	names.peer_segs = pn.v;
	names.fdb_segs = fn.v;
	names.port_segs = on.v;
	ret = config_check_file(c, fname, &names, err, errlen);
	goto out;
nomem:
	snprintf(err, errlen, "%s: out of memory", fname);
	ret = -1;
out:
	free(line);
	free(pn.v);
	free(fn.v);
	free(on.v);
	free(names.fdb_hosts);
	if (ret)
		config_free(c);
	return ret;
}

int config_load(const char *path, struct vf_config *c, char *err,
		size_t errlen)
{
	FILE *f;
	int ret;

	memset(c, 0, sizeof(*c));
	if (!strcmp(path, "-"))
		return config_parse(stdin, "-", c, err, errlen);
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -2;
	}
	ret = config_parse(f, path, c, err, errlen);
	fclose(f);
	return ret;
}
