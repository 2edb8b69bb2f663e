// SPDX-License-Identifier: GPL-2.0
/*
 * applyfdb.c - step 4 of "vnetfabctl apply": the static MAC entries of a
 * segment that differ from the file (diff_fdb()), sent in bulk: runs of
 * adds or deletes, FDB_PER_MSG entries a VNETFAB_A_FDB_LIST request, or
 * NLU_BATCH requests of one entry a write for a module without the list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vnetfab.h>

#include "args.h"
#include "applydiff.h"
#include "paths.h"

/* appends @s at @at, returns the end */
static char *put(char *at, const char *s)
{
	size_t n = strlen(s);

	memcpy(at, s, n);
	return at + n;
}

/* the line of one change made (or to make, in a dry run) */
static void fdb_done(struct walk *w, size_t seg, const struct fdb_op *op)
{
	/* "fdb " SEG " " MAC ": remote " ADDR "\n", the longest */
	char line[4 + IFNAMSIZ + 18 + sizeof(w->last_remote_str) + 16];
	char *at = line;

	/* built here and written once: 100 000 lines in an apply */
	at = put(at, "fdb ");
	at = put(at, w->c->segs[seg].name);
	*at++ = ' ';
	print_mac(op->req.mac, at, 18);
	at += 17;
	if (!op->cf) {
		at = put(at, ": deleted");
	} else if (op->cf->dest == VF_FDB_REMOTE) {
		/* the same few peers, line after line */
		if (!vf_addr_eq(&w->last_remote, &op->cf->remote)) {
			w->last_remote = op->cf->remote;
			print_addr(&op->cf->remote, w->last_remote_str,
				   sizeof(w->last_remote_str));
		}
		at = put(at, ": remote ");
		at = put(at, w->last_remote_str);
	} else if (op->cf->dest == VF_FDB_PORT) {
		at = put(at, ": port ");
		at = put(at, op->cf->port);
	} else {
		at = put(at, ": local");
	}
	*at++ = '\n';
	fwrite(line, 1, at - line, stdout);
}

/* entries in one ADD_FDB or DEL_FDB list request: 16 KiB at most */
#define FDB_PER_MSG	160

/*
 * Sends @n ops of one kind (add if @add) to segment @seg as one request
 * with VNETFAB_A_FDB_LIST, and reports each one done; at a refusal, the
 * ones before it (applied: the kernel goes in order) and the refused one,
 * found by the extended ACK's offset. *@old is set when the module
 * predates VNETFAB_A_FDB_LIST (nothing was applied then).
 */
static int send_fdb_list(struct walk *w, size_t seg, const struct fdb_op *ops,
			 size_t n, bool add, bool *old)
{
	const struct cfg_segment *s = &w->c->segs[seg];
	int offs[FDB_PER_MSG], list_offs, errs[1], ret;
	struct nlattr *list;
	struct nl_msg *msg;
	struct nlu_err e;
	size_t j, k;

	msg = vnetfab_genl_req_size(w->r->family,
				    add ? VNETFAB_CMD_ADD_FDB :
					  VNETFAB_CMD_DEL_FDB, 0, s->name,
				    VNETFAB_FDB_REQ_SIZE +
				    n * VNETFAB_FDB_ENTRY_MAX);
	if (!msg)
		goto oom;
	list_offs = (int)nlmsg_hdr(msg)->nlmsg_len;
	list = nla_nest_start(msg, VNETFAB_A_FDB_LIST);
	for (k = 0; list && k < n; k++) {
		offs[k] = (int)nlmsg_hdr(msg)->nlmsg_len;
		if (vnetfab_put_fdb(msg, VNETFAB_A_FDB, &ops[k].req))
			break;
	}
	if (!list || k < n) {
		nlmsg_free(msg);
		goto oom;
	}
	nla_nest_end(msg, list);
	ret = nlu_transact_batch(w->r->sk, &msg, 1, errs, &e);
	nlmsg_free(msg);
	if (ret && e.err == EINVAL && e.offs == list_offs) {
		/* "Unknown attribute type": a module older than the list */
		*old = true;
		return 0;
	}
	if (!ret) {
		for (k = 0; k < n; k++)
			fdb_done(w, seg, &ops[k]);
		return 0;
	}
	/*
	 * The refused entry is the last one starting at or before the
	 * offset; none of them if the offset is before the first (the
	 * segment itself) or missing. The ones before it were applied.
	 */
	if (e.offs < offs[0])
		return apply_kfail(w, s->line, s->name, &e);
	for (j = 0, k = 0; k < n && offs[k] <= e.offs; k++)
		j = k;
	for (k = 0; k < j; k++)
		fdb_done(w, seg, &ops[k]);
	return apply_kfail(w, ops[j].cf ? ops[j].cf->line : s->line, s->name,
			   &e);
oom:
	vf_eprintf("vnetfabctl: out of memory\n");
	return -1;
}

/*
 * Sends @ops to segment @seg NLU_BATCH at a time, one request each (one
 * write and a bulk read of the ACKs), for a module without
 * VNETFAB_A_FDB_LIST; reports each one done; at the first refusal,
 * reports it and stops after that batch.
 */
static int send_fdb_each(struct walk *w, size_t seg, const struct fdb_op *ops,
			 size_t n)
{
	const struct cfg_segment *s = &w->c->segs[seg];
	struct nl_msg *msgs[NLU_BATCH];
	int errs[NLU_BATCH];
	struct nlu_err e;
	size_t i, k, cnt;
	int ret = 0;

	for (i = 0; i < n && !ret; i += cnt) {
		cnt = n - i < NLU_BATCH ? n - i : NLU_BATCH;
		for (k = 0; k < cnt; k++) {
			msgs[k] = vnetfab_fdb_req(w->r->family,
						  ops[i + k].cf ?
						  VNETFAB_CMD_ADD_FDB :
						  VNETFAB_CMD_DEL_FDB,
						  s->name, &ops[i + k].req);
			if (!msgs[k])
				break;
		}
		if (k < cnt) {
			while (k--)
				nlmsg_free(msgs[k]);
			vf_eprintf("vnetfabctl: out of memory\n");
			return -1;
		}
		ret = nlu_transact_batch(w->r->sk, msgs, cnt, errs, &e);
		for (k = 0; k < cnt; k++)
			nlmsg_free(msgs[k]);
		for (k = 0; k < cnt; k++)
			if (!errs[k])
				fdb_done(w, seg, &ops[i + k]);
		if (ret) {
			/* the first refused one of the batch names the line */
			for (k = 0; k < cnt && errs[k] <= 0; k++)
				;
			return apply_kfail(w, k < cnt && ops[i + k].cf ?
					   ops[i + k].cf->line : s->line,
					   s->name, &e);
		}
	}
	return ret;
}

/*
 * Sends @ops to segment @seg: runs of adds or deletes, FDB_PER_MSG
 * entries a request (one RTNL hold each in the kernel).
 */
static int send_fdb_ops(struct walk *w, size_t seg, const struct fdb_op *ops,
			size_t n)
{
	bool old = false;
	size_t i, cnt;

	for (i = 0; i < n; i += cnt) {
		for (cnt = 1; i + cnt < n && cnt < FDB_PER_MSG &&
		     !ops[i + cnt].cf == !ops[i].cf; cnt++)
			;
		if (send_fdb_list(w, seg, ops + i, cnt, ops[i].cf, &old))
			return -1;
		if (old)
			return send_fdb_each(w, seg, ops + i, n - i);
	}
	return 0;
}

int apply_set_fdb(struct walk *w, size_t seg, const struct rlink *l)
{
	struct fdb_op *ops;
	size_t i, n;
	int ret;

	ops = calloc(diff_fdb_room(w->d, seg, l), sizeof(*ops));
	if (!ops) {
		vf_eprintf("vnetfabctl: out of memory\n");
		return -1;
	}
	n = diff_fdb(w->d, seg, l, ops);
	ret = w->dry ? 0 : send_fdb_ops(w, seg, ops, n);
	for (i = 0; w->dry && i < n; i++)
		fdb_done(w, seg, &ops[i]);
	free(ops);
	return ret;
}
