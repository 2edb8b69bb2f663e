/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlutil.h - netlink plumbing shared by genl.c and link.c: socket setup
 * with extended ACKs, one request/reply exchange, kernel error reporting.
 */
#ifndef VNETFABCTL_NLUTIL_H
#define VNETFABCTL_NLUTIL_H

#include <stddef.h>

#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>

#define NLU_MSGLEN	256

struct nlu_err {
	int err;		/* positive errno from the kernel, or 0 */
	int nlerr;		/* positive libnl NLE_* code if err == 0 */
	char msg[NLU_MSGLEN];	/* kernel extack message, "" if none */
	int offs;		/* extack's offset into the request, or -1 */
};

/* Allocates and connects a socket of @protocol with extended ACKs on. */
int nlu_open(struct nl_sock **skp, int protocol, struct nlu_err *e);
void nlu_close(struct nl_sock *sk);

/*
 * Called for every reply that is not a control message; returns 0 to go
 * on or a negative errno to stop (the exchange then fails with it).
 */
typedef int (*nlu_msg_fn)(struct nl_msg *msg, void *arg);

/*
 * Sends @msg (caller still owns it) with NLM_F_ACK added, and reads
 * replies until the kernel's ACK, NLMSG_DONE, or an error. Returns 0, or -1 with @e filled in.
 */
int nlu_transact(struct nl_sock *sk, struct nl_msg *msg, nlu_msg_fn fn,
		 void *arg, struct nlu_err *e);

/*
 * Sends the @n requests of @msgs (caller still owns them) in one go,
 * each with NLM_F_ACK, and reads their @n ACKs: errs[i] gets 0 or the
 * positive errno of request i. Returns 0 if all succeeded, else -1 with
 * @e the first failure (by arrival) or the socket's error. Every request
 * is applied or refused on its own: a failure does not undo the others.
 * Keep @n small enough that its ACKs fit the socket's receive buffer
 * (NLU_BATCH).
 */
#define NLU_BATCH	64
int nlu_transact_batch(struct nl_sock *sk, struct nl_msg **msgs, size_t n,
		       int *errs, struct nlu_err *e);

/*
 * Decodes the status of an NLMSG_ERROR or NLMSG_DONE message: *errnum gets
 * the positive errno (0 for success) and @buf the extended ACK message
 * (NLMSGERR_ATTR_MSG), "" if none. Truncated or malformed TLVs are
 * ignored. Returns 0, or -1 if @nlh is neither type or too short.
 */
int nlu_parse_status(const struct nlmsghdr *nlh, int *errnum, char *buf,
		     size_t buflen);
/* ... and *@offs the offset of NLMSGERR_ATTR_OFFS into the request, or -1 */
int nlu_parse_status_offs(const struct nlmsghdr *nlh, int *errnum,
			  char *buf, size_t buflen, int *offs);

/* Prints "vnetfabctl: [WHAT: ]<strerror>[: <extack>]" to stderr. */
void nlu_perror(const char *what, const struct nlu_err *e);

#endif /* VNETFABCTL_NLUTIL_H */
