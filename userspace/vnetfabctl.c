// SPDX-License-Identifier: GPL-2.0
/*
 * vnetfabctl - control vnetfab segments (command dispatch and output).
 *
 * Exit status: 0 success, 1 runtime or kernel error, 2 usage error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "genl.h"
#include "json.h"
#include "link.h"

#define VNETFABCTL_VERSION	"0.1.0"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: vnetfabctl show [DEV] [--json]\n"
		"       vnetfabctl segment add NAME [id N] [encap udp|gre]\n"
		"       vnetfabctl segment del NAME\n"
		"       vnetfabctl help | -h | --help | --version\n"
		"\n"
		"  show         list segments and their counters (--json: JSON array)\n"
		"  segment add  create segment device NAME; id %u..%u (default %u),\n"
		"               encap udp (VXLAN wire format, default) or gre\n"
		"  segment del  delete segment device NAME\n"
		"\n"
		"Exit status: 0 ok, 1 runtime or kernel error, 2 usage error.\n",
		VNETFAB_ID_MIN, VNETFAB_ID_MAX, VNETFAB_ID_DEFAULT);
}

static void encap_str(const struct vnetfab_segment *s, char *buf, size_t len)
{
	const char *name = args_encap_name(s->encap);

	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "unknown(%u)", s->encap);
}

static const char *seg_name(const struct vnetfab_segment *s, char *buf,
			    size_t len)
{
	if (s->has & SEG_IFNAME)
		return s->ifname;
	if (s->has & SEG_IFINDEX)
		snprintf(buf, len, "ifindex %" PRIu32, s->ifindex);
	else
		snprintf(buf, len, "?");
	return buf;
}

/* a counter, or "-" if the kernel did not send it */
static const char *ctr(const struct vnetfab_segment *s, int i, char *buf,
		       size_t len)
{
	if (!(s->stats_has & (1u << i)))
		return "-";
	snprintf(buf, len, "%" PRIu64, s->stats[i]);
	return buf;
}

static void print_text(const struct vnetfab_segment *v, size_t n)
{
	char nb[32], eb[32], c[SEG_ST_N][24];
	const struct vnetfab_segment *s;
	size_t i;

	for (i = 0; i < n; i++) {
		s = &v[i];
		printf("%s:", seg_name(s, nb, sizeof(nb)));
		if (s->has & SEG_ID)
			printf(" id %" PRIu32, s->id);
		if (s->has & SEG_ENCAP) {
			encap_str(s, eb, sizeof(eb));
			printf(" encap %s", eb);
		}
		if (s->has & SEG_MTU)
			printf(" mtu %" PRIu32, s->mtu);
		if (s->has & SEG_UP)
			printf(" %s", s->up ? "up" : "down");
		putchar('\n');
		if (!(s->has & SEG_STATS))
			continue;
		printf("    rx %s packets %s bytes  tx %s packets %s bytes %s dropped\n",
		       ctr(s, SEG_ST_RX_PACKETS, c[0], sizeof(c[0])),
		       ctr(s, SEG_ST_RX_BYTES, c[1], sizeof(c[1])),
		       ctr(s, SEG_ST_TX_PACKETS, c[2], sizeof(c[2])),
		       ctr(s, SEG_ST_TX_BYTES, c[3], sizeof(c[3])),
		       ctr(s, SEG_ST_TX_DROPPED, c[4], sizeof(c[4])));
	}
}

/* Missing attributes leave their key out. */
static int print_json(const struct vnetfab_segment *v, size_t n)
{
	static const char *const stat_keys[SEG_ST_N] = {
		"rx_packets", "rx_bytes", "tx_packets", "tx_bytes", "tx_dropped",
	};
	const struct vnetfab_segment *s;
	struct json j;
	char eb[32];
	size_t i;
	int k;

	json_init(&j, stdout);
	json_begin_array(&j);
	for (i = 0; i < n; i++) {
		s = &v[i];
		json_begin_object(&j);
		if (s->has & SEG_IFINDEX)
			json_kv_u64(&j, "ifindex", s->ifindex);
		if (s->has & SEG_IFNAME)
			json_kv_string(&j, "ifname", s->ifname);
		if (s->has & SEG_ID)
			json_kv_u64(&j, "id", s->id);
		if (s->has & SEG_ENCAP) {
			encap_str(s, eb, sizeof(eb));
			json_kv_string(&j, "encap", eb);
		}
		if (s->has & SEG_MTU)
			json_kv_u64(&j, "mtu", s->mtu);
		if (s->has & SEG_UP)
			json_kv_bool(&j, "up", s->up);
		if (s->has & SEG_STATS) {
			json_key(&j, "stats");
			json_begin_object(&j);
			for (k = 0; k < SEG_ST_N; k++)
				if (s->stats_has & (1u << k))
					json_kv_u64(&j, stat_keys[k], s->stats[k]);
			json_end_object(&j);
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	return json_finish(&j);
}

static int cmd_show(const struct vf_args *a)
{
	struct vnetfab_segment *segs;
	struct nl_sock *sk;
	struct nlu_err e;
	int family, ret;
	size_t n;

	ret = vnetfab_genl_open(&sk, &family, &e);
	if (ret == VNETFAB_GENL_NOFAMILY) {
		fprintf(stderr, "%s\n", VNETFAB_NOFAMILY_MSG);
		return EXIT_RUNTIME;
	}
	if (ret) {
		nlu_perror("generic netlink", &e);
		return EXIT_RUNTIME;
	}
	ret = vnetfab_get_segments(sk, family, a->ifname, &segs, &n, &e);
	nlu_close(sk);
	if (ret) {
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	if (a->ifname && n == 0) {
		free(segs);
		e = (struct nlu_err){ .err = ENODEV };
		nlu_perror(a->ifname, &e);
		return EXIT_RUNTIME;
	}
	if (a->json)
		ret = print_json(segs, n);
	else
		print_text(segs, n);
	free(segs);
	return ret ? EXIT_RUNTIME : EXIT_OK;
}

static int cmd_add(const struct vf_args *a)
{
	struct nlu_err e;

	if (!vnetfab_link_add(a->ifname, a->has_id, a->id, a->has_encap,
			      a->encap, &e))
		return EXIT_OK;
	nlu_perror(NULL, &e);
	/* "Unknown device type": the link kind is not registered */
	if (e.err == EOPNOTSUPP && access("/sys/module/vnetfab", F_OK))
		fprintf(stderr,
			"vnetfabctl: is the module loaded? (modprobe vnetfab)\n");
	return EXIT_RUNTIME;
}

static int cmd_del(const struct vf_args *a)
{
	struct nlu_err e;
	int ret;

	ret = vnetfab_link_del(a->ifname, &e);
	if (ret == VNETFAB_LINK_NOTSEG) {
		fprintf(stderr, "vnetfabctl: %s: not a vnetfab segment\n",
			a->ifname);
		return EXIT_RUNTIME;
	}
	if (ret) {
		nlu_perror(e.err == ENODEV ? a->ifname : NULL, &e);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	char err[ARGS_ERRLEN];
	struct vf_args a;
	int ret;

	if (args_parse(argc, argv, &a, err, sizeof(err))) {
		fprintf(stderr, "vnetfabctl: %s\nsee 'vnetfabctl help'\n", err);
		return EXIT_USAGE;
	}

	switch (a.cmd) {
	case VF_CMD_HELP:
		usage(stdout);
		ret = EXIT_OK;
		break;
	case VF_CMD_VERSION:
		printf("vnetfabctl %s (generic netlink family %s v%d)\n",
		       VNETFABCTL_VERSION, VNETFAB_GENL_NAME,
		       VNETFAB_GENL_VERSION);
		ret = EXIT_OK;
		break;
	case VF_CMD_SHOW:
		ret = cmd_show(&a);
		break;
	case VF_CMD_SEG_ADD:
		ret = cmd_add(&a);
		break;
	case VF_CMD_SEG_DEL:
		ret = cmd_del(&a);
		break;
	default:
		ret = EXIT_USAGE;
		break;
	}

	if (fflush(stdout) || ferror(stdout)) {
		perror("vnetfabctl: write error");
		if (ret == EXIT_OK)
			ret = EXIT_RUNTIME;
	}
	return ret;
}
