// SPDX-License-Identifier: GPL-2.0
/*
 * usage.c - vnetfabctl's help: the whole text (help), and the part of one
 * command (vnetfabctl COMMAND help), cut from the whole so that the two
 * never disagree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "liveness.h"
#include "tenants.h"
#include "share.h"
#include "usage.h"

void usage(FILE *f)
{
	fprintf(f,
		"Usage: vnetfabctl [-n NETNS] [-j] [-p] COMMAND ...  (-n: in netns NETNS\n"
		"       of 'ip netns'; -j: --json; -p: the JSON indented)\n"
		"       vnetfabctl show [[dev] DEV] [--json]\n"
		"       vnetfabctl segment add NAME [id N] [encap udp|gre] [local ADDR]\n"
		"                              [dstport N] [dev IFNAME] [SETTINGS]\n"
		"       vnetfabctl segment set NAME SETTINGS\n"
		"       vnetfabctl segment del NAME\n"
		"       vnetfabctl peer add dev SEG remote ADDR [local ADDR] [PATH]...\n"
		"                           [dstport N] [probe MS|off]\n"
		"       vnetfabctl peer del dev SEG remote ADDR [dstport N]\n"
		"       vnetfabctl peer set dev SEG (remote ADDR [local ADDR] [PATH]...)...\n"
		"                           | none [dstport N] [probe MS|off]\n"
		"       vnetfabctl peer list dev SEG [--json]\n"
		"       vnetfabctl fdb add dev SEG MAC\n"
		"                          (port IFNAME | remote ADDR [dstport N] | local)\n"
		"       vnetfabctl fdb del dev SEG MAC\n"
		"       vnetfabctl fdb flush dev SEG [all]\n"
		"       vnetfabctl fdb show dev SEG [--json]\n"
		"       vnetfabctl stats dev SEG [--json]\n"
		"       vnetfabctl port set PORT [locked on|off] [max-macs N]\n"
		"                           [storm PPS|off] [storm-burst N]\n"
		"       vnetfabctl port show [PORT | dev SEG] [--json]\n"
		"       vnetfabctl share set dev UNDERLAY rate RATE\n"
		"       vnetfabctl share show [dev UNDERLAY] [--json]\n"
		"       vnetfabctl share del dev UNDERLAY\n"
		"       vnetfabctl monitor [dev SEG] [count N] [--json]\n"
		"       vnetfabctl apply [--host NAME] FILE [--dry-run|--check] [--prune]\n"
		"       vnetfabctl dump-config\n"
		"       vnetfabctl graph [--json] [--svg FILE] [FILE...]\n"
		"       vnetfabctl help | -h | --help | --version | COMMAND help\n"
		"SETTINGS := [ttl N] [tos N|inherit] [df unset|set|inherit] [ageing SECONDS]\n"
		"            [learning on|off] [maxaddr N] [probe MS|off] [probe-misses N]\n"
		"            [hold-down MS] [peer-storm PPS|off] [peer-storm-burst N]\n"
		"            [share N|off] [priority N]\n"
		"PATH     := path ADDR [local ADDR]\n"
		"\n"
		"  show         list segments: id, encap, mtu, state, dstport, number of\n"
		"               ports, peers and MACs, and counters (--json: JSON array)\n"
		"  segment add  create segment device NAME; fixed at creation:\n"
		"                 id       %u..%u (default %u)\n"
		"                 encap    udp (VXLAN wire format, default) or gre\n"
		"                 local    IPv4 or IPv6 source address of the tunnel\n"
		"                          (default: the route's choice)\n"
		"                 dstport  UDP port of this host and its peers, %u..%u\n"
		"                          (default %u)\n"
		"                 dev      underlay device the tunnel leaves through\n"
		"  segment set  change the SETTINGS of segment NAME:\n"
		"                 ttl      outer TTL / hop limit, %u..%u (default %u)\n"
		"                 tos      outer TOS, 0..%u, or inherit from the inner\n"
		"                          header (tos 1 also means inherit; default 0)\n"
		"                 df       outer Don't Fragment: unset (default), set, or\n"
		"                          inherit from the inner IPv4 header\n"
		"                 ageing   seconds a learned MAC lives, %u..%u (default %u)\n"
		"                 learning learn source MACs, on (default) or off\n"
		"                 maxaddr  most learned MACs, %u..%u (default %u)\n"
		"                 probe    probe a peer silent this many ms, %u..%u,\n"
		"                          or off (default %u)\n"
		"                 probe-misses  a peer that answered probes is down\n"
		"                          once silent this many intervals, %u..%u\n"
		"                          (default %u)\n"
		"                 hold-down  ms a peer's preferred path must be up\n"
		"                          again before frames go back to it, 0..%u\n"
		"                          (default %u)\n"
		"                 peer-storm  broadcast, multicast and unknown-unicast\n"
		"                          frames a second each peer may send into the\n"
		"                          segment, or off (default); peer-storm-burst:\n"
		"                          how many at once (default: a second's worth)\n"
		"                 share  the segment's weight on the underlay, 1..%u,\n"
		"                          or off (none, the default); priority: 0..%u,\n"
		"                          higher is sent first (default 0); see share\n"
		"  segment del  delete segment device NAME\n"
		"  peer add     add peer host ADDR (IPv4 or IPv6) to segment SEG;\n"
		"               dstport defaults to the segment's; probe: the peer's\n"
		"               own probe interval (off: never probe it), default\n"
		"               the segment's; path: one more underlay address of\n"
		"               the host (at most %u paths in all, of one family, in\n"
		"               order of preference: frames take the first one up);\n"
		"               local: the source address of the remote or path\n"
		"               before it (default the segment's, else the route's)\n"
		"  peer del     delete the peer, and the MACs learned behind it\n"
		"  peer set     make the peers of SEG exactly the ADDRs given, at once:\n"
		"               peers that stay keep carrying frames and their MACs;\n"
		"               'none' deletes every peer; each remote is a peer, the\n"
		"               paths and locals after it are its own; dstport and\n"
		"               probe apply to every peer of the set\n"
		"  peer list    list the peers of SEG with their counters and liveness\n"
		"               state (unprobed, unknown, up or down), the path frames\n"
		"               take, and each path of a peer that has more than one\n"
		"  fdb add      add or replace the static entry of MAC\n"
		"               (aa:bb:cc:dd:ee:ff): behind local port IFNAME, behind\n"
		"               peer ADDR, or local (the segment device's own side)\n"
		"  fdb del      delete the entry of MAC, static or learned\n"
		"  fdb flush    delete every learned MAC of SEG; with 'all', the\n"
		"               static ones too\n"
		"  fdb show     list the MAC table of SEG\n"
		"  stats        the traffic matrix of SEG: for the host endpoint and\n"
		"               each peer, frames and bytes sent to it and received\n"
		"               from it, drops, and the segment's drop counters\n"
		"  port set     port security and storm control of PORT, a port of a\n"
		"               segment: locked on: only source MACs with an entry\n"
		"               behind PORT (static ones: fdb add ... port PORT; and\n"
		"               the first max-macs it learns, which stick) pass, the\n"
		"               rest is dropped and counted; max-macs: most MACs PORT\n"
		"               may have learned (0: no limit of its own); storm: its\n"
		"               broadcast, multicast and unknown-unicast frames a\n"
		"               second (off: no limit, the default)\n"
		"  port show    list ports (all, PORT, or those of SEG) with their\n"
		"               settings and drops\n"
		"  share set    schedule UNDERLAY, of RATE (e.g. 1gbit), between the\n"
		"               segments with a share: each gets RATE * share / (sum\n"
		"               of shares + 1) at least, borrows what the others leave\n"
		"               up to RATE; the host's other traffic has share 1.\n"
		"               An HTB qdisc (handle fab:) at the root of UNDERLAY,\n"
		"               kept in step with the shares by vnetfabctl\n"
		"  share show   the shares, rates and bytes sent of each segment, per\n"
		"               underlay\n"
		"  share del    remove the scheduler of UNDERLAY\n"
		"  monitor      print peer, path and MAC table changes as they happen,\n"
		"               one per line (--json: one object per line), of every\n"
		"               segment of this network namespace or of SEG; stop after\n"
		"               N events\n"
		"  apply        make the segments, peers and static MAC entries of this\n"
		"               network namespace those of FILE (vnetfab.conf(5); '-':\n"
		"               standard input), with the fewest changes, one line printed\n"
		"               per change; FILE is checked whole before any change;\n"
		"               --dry-run: print the changes, make none; --check:\n"
		"               validate FILE alone (no module needed), change nothing;\n"
		"               segments absent from FILE are deleted if apply made\n"
		"               them (alias vnetfab-apply), any with --prune;\n"
		"               of a file\n"
		"               with host lines (a fabric), the part of host NAME, or\n"
		"               of the host line with one of this host's addresses\n"
		"  dump-config  print the segments, peers and static MAC entries of this\n"
		"               network namespace in the format of apply's FILE\n"
		"  graph        the fabric as Graphviz DOT: a cluster per host, a node per\n"
		"               segment and per port, an edge per peer labelled with the\n"
		"               frames and bytes sent to it; --json: this host's view,\n"
		"               for FILE; FILE...: several hosts' --json views ('-':\n"
		"               standard input) in one picture, a peer that is one of\n"
		"               those hosts drawn to its segment; --svg: SVG into FILE,\n"
		"               by Graphviz's dot\n"
		"\n"
		"Exit status: 0 ok, 1 runtime or kernel error, 2 usage error.\n",
		VNETFAB_ID_MIN, VNETFAB_ID_MAX, VNETFAB_ID_DEFAULT,
		VF_DSTPORT_MIN, VF_DSTPORT_MAX, VNETFAB_DEFAULT_DSTPORT,
		VF_TTL_MIN, VF_TTL_MAX, VNETFAB_DEFAULT_TTL,
		VF_TOS_MAX,
		VF_AGEING_MIN, VF_AGEING_MAX, VNETFAB_DEFAULT_AGEING,
		VF_MAXADDR_MIN, VF_MAXADDR_MAX, VNETFAB_DEFAULT_MAX_ADDRS,
		VF_PROBE_MIN, VF_PROBE_MAX, VNETFAB_DEFAULT_PROBE_INTERVAL,
		VF_PROBE_MISSES_MIN, VF_PROBE_MISSES_MAX,
		VNETFAB_DEFAULT_PROBE_MISSES,
		VF_HOLD_DOWN_MAX, VNETFAB_DEFAULT_HOLD_DOWN,
		VNETFAB_SHARE_MAX, VNETFAB_PRIORITY_MAX,
		VF_MAX_PATHS);
}

/* @line starts with @prefix and then a blank or its end */
static int starts_word(const char *line, const char *prefix)
{
	size_t n = strlen(prefix);

	return !strncmp(line, prefix, n) && (line[n] == ' ' || !line[n]);
}

/* @line is blank up to column @col */
static int indented(const char *line, size_t col)
{
	size_t i;

	for (i = 0; i < col; i++)
		if (line[i] != ' ')
			return 0;
	return 1;
}

void usage_of(FILE *f, const char *cmd)
{
	char syn[64], desc[64], *text = NULL, *line, *nl;
	int part = 0, in = 0, settings = 0, path = 0;
	const char *v;
	size_t len = 0;
	FILE *m;

	m = open_memstream(&text, &len);
	if (!m)
		return;
	usage(m);
	fclose(m);
	snprintf(syn, sizeof(syn), "vnetfabctl %s", cmd);
	snprintf(desc, sizeof(desc), "  %s", cmd);
	fputs("Usage:\n", f);
	for (line = text; (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';		/* the line alone, for strstr() */
		if (nl == line) {	/* a blank line ends a part */
			if (part++ == 0)
				fputc('\n', f);
			in = 0;
			continue;
		}
		if (part == 0) {
			/* synopsis entries, then SETTINGS := and PATH := */
			v = strstr(line, "vnetfabctl ");
			if (!strncmp(line, "SETTINGS :=", 11))
				in = settings;
			else if (!strncmp(line, "PATH     :=", 11))
				in = path;
			else if (v && v < line + 16)
				in = starts_word(v, syn);
			if (in && strstr(line, "SETTINGS") && line[0] == ' ')
				settings = 1;
			if (in && strstr(line, "[PATH]"))
				path = 1;
		} else if (part == 1) {
			/* an entry per command, its lines indented deeper */
			if (!indented(line, 3))
				in = starts_word(line, desc);
		} else {
			in = 0;
		}
		if (in)
			fprintf(f, "%s\n", line);
	}
	free(text);
}
