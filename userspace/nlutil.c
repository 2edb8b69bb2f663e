// SPDX-License-Identifier: GPL-2.0
/*
 * nlutil.c - netlink plumbing shared by genl.c and link.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/handlers.h>
#include <netlink/socket.h>

#include "args.h"
#include "nlutil.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

static void err_reset(struct nlu_err *e)
{
	e->err = 0;
	e->nlerr = 0;
	e->msg[0] = '\0';
	e->offs = -1;
}

int nlu_open(struct nl_sock **skp, int protocol, struct nlu_err *e)
{
	struct nl_sock *sk;
	int one = 1, ret;

	err_reset(e);
	*skp = NULL;
	sk = nl_socket_alloc();
	if (!sk) {
		e->nlerr = NLE_NOMEM;
		return -1;
	}
	ret = nl_connect(sk, protocol);
	if (ret < 0) {
		e->nlerr = -ret;
		nl_socket_free(sk);
		return -1;
	}
	/* We ask for ACKs ourselves where we want them (not on dumps). */
	nl_socket_disable_auto_ack(sk);
	nl_socket_enable_msg_peek(sk);
	/*
	 * Extended ACKs carry the kernel's reason for an error; capped ACKs
	 * leave our request out of the error. Both are best effort: kernels
	 * before 4.12 do not know them and we then just lack the message.
	 */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	*skp = sk;
	return 0;
}

void nlu_close(struct nl_sock *sk)
{
	if (sk)
		nl_socket_free(sk);	/* closes the socket too */
}

static void copy_attr_string(const struct nlattr *nla, char *buf,
			     size_t buflen)
{
	const char *s = nla_data(nla);
	size_t n = (size_t)nla_len(nla);

	if (!buflen)
		return;
	/* the string may or may not carry its NUL inside the attribute */
	n = strnlen(s, n);
	if (n >= buflen)
		n = buflen - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/*
 * Find NLMSGERR_ATTR_MSG (into @buf) and NLMSGERR_ATTR_OFFS (into *@offs,
 * if not NULL) in the TLVs at @off bytes into @nlh's payload.
 */
static void parse_tlvs(const struct nlmsghdr *nlh, size_t off, char *buf,
		       size_t buflen, int *offs)
{
	const struct nlattr *nla;
	size_t plen;
	int rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	plen = nlh->nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_ALIGN(off);
	if (off >= plen)
		return;
	nla_for_each_attr(nla, (struct nlattr *)((char *)NLMSG_DATA(nlh) + off),
			  (int)(plen - off), rem) {
		if (nla_type(nla) == NLMSGERR_ATTR_MSG)
			copy_attr_string(nla, buf, buflen);
		else if (nla_type(nla) == NLMSGERR_ATTR_OFFS && offs &&
			 nla_len(nla) >= (int)sizeof(uint32_t) &&
			 nla_get_u32(nla) <= INT32_MAX)
			*offs = (int)nla_get_u32(nla);
	}
}

int nlu_parse_status(const struct nlmsghdr *nlh, int *errnum, char *buf,
		     size_t buflen)
{
	return nlu_parse_status_offs(nlh, errnum, buf, buflen, NULL);
}

int nlu_parse_status_offs(const struct nlmsghdr *nlh, int *errnum,
			  char *buf, size_t buflen, int *offs)
{
	const struct nlmsgerr *me;
	size_t plen, off;
	int status;

	if (buflen)
		buf[0] = '\0';
	if (offs)
		*offs = -1;
	*errnum = 0;
	if (nlh->nlmsg_len < NLMSG_HDRLEN)
		return -1;
	plen = nlh->nlmsg_len - NLMSG_HDRLEN;

	if (nlh->nlmsg_type == NLMSG_DONE) {
		/* old kernels may send an empty NLMSG_DONE */
		if (plen < sizeof(int))
			return 0;
		memcpy(&status, NLMSG_DATA(nlh), sizeof(status));
		*errnum = status < 0 ? -status : 0;
		parse_tlvs(nlh, sizeof(int), buf, buflen, offs);
		return 0;
	}
	if (nlh->nlmsg_type != NLMSG_ERROR || plen < sizeof(*me))
		return -1;

	me = NLMSG_DATA(nlh);
	*errnum = me->error < 0 ? -me->error : me->error;
	off = sizeof(*me);
	/* Uncapped: our whole request is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    me->msg.nlmsg_len > NLMSG_HDRLEN)
		off += me->msg.nlmsg_len - NLMSG_HDRLEN;
	parse_tlvs(nlh, off, buf, buflen, offs);
	return 0;
}

struct xact {
	nlu_msg_fn fn;
	void *arg;
	struct nlu_err *e;
	bool done;
	bool failed;
};

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	int ret;

	if (!x->fn)
		return NL_OK;
	ret = x->fn(msg, x->arg);
	if (ret < 0) {
		x->e->err = -ret;
		x->failed = true;
		x->done = true;
		return NL_STOP;
	}
	return NL_OK;
}

static int finish_cb(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	int errnum;

	/* Dumps report a late error in the payload of NLMSG_DONE. */
	if (!nlu_parse_status(nlmsg_hdr(msg), &errnum, x->e->msg,
			      sizeof(x->e->msg)) && errnum) {
		x->e->err = errnum;
		x->failed = true;
	}
	x->done = true;
	return NL_STOP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;

	(void)msg;
	x->done = true;
	return NL_STOP;
}

static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *nlerr,
		    void *arg)
{
	/* libnl hands us the payload: the header sits right before it */
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((const char *)nlerr - NLMSG_HDRLEN);
	struct xact *x = arg;
	int errnum;

	(void)nla;
	if (nlu_parse_status(nlh, &errnum, x->e->msg, sizeof(x->e->msg)) ||
	    !errnum)
		errnum = nlerr->error < 0 ? -nlerr->error : EPROTO;
	x->e->err = errnum;
	x->failed = true;
	x->done = true;
	return NL_STOP;
}

/*
 * The kernel refuses a request larger than the socket's send buffer
 * (EMSGSIZE): 64 KiB after libnl's nl_connect(), less than a SET_PEERS
 * of thousands of peers with several paths. A larger buffer for @len
 * bytes, best effort: SO_SNDBUFFORCE goes past net.core.wmem_max with
 * CAP_NET_ADMIN, which such a change needs anyway.
 */
static void sndbuf_for(struct nl_sock *sk, uint32_t len)
{
	int fd = nl_socket_get_fd(sk), cur, want;
	socklen_t optlen = sizeof(cur);

	if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &cur, &optlen) ||
	    (cur > 0 && (uint32_t)cur >= len + 4096) || len > INT_MAX / 2)
		return;
	want = (int)len + 4096;	/* the kernel doubles it */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &want, sizeof(want)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &want, sizeof(want));
}

int nlu_transact(struct nl_sock *sk, struct nl_msg *msg, nlu_msg_fn fn,
		 void *arg, struct nlu_err *e)
{
	struct xact x = { .fn = fn, .arg = arg, .e = e };
	struct nl_cb *cb;
	int ret;

	err_reset(e);
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		e->nlerr = NLE_NOMEM;
		return -1;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, &x);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, &x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, &x);
	nl_cb_err(cb, NL_CB_CUSTOM, error_cb, &x);

	/* Always ask for the ACK: it is how a non-dump exchange ends. */
	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	sndbuf_for(sk, nlmsg_hdr(msg)->nlmsg_len);
	ret = nl_send_auto(sk, msg);
	while (ret >= 0 && !x.done)
		ret = nl_recvmsgs(sk, cb);
	nl_cb_put(cb);

	if (x.failed)
		return -1;
	if (ret < 0) {
		e->nlerr = -ret;
		return -1;
	}
	return 0;
}

void nlu_perror(const char *what, const struct nlu_err *e)
{
	const char *reason;

	if (e->err)
		reason = strerror(e->err);
	else if (e->nlerr)
		reason = nl_geterror(e->nlerr);
	else
		reason = "unknown error";
	vf_eprintf("vnetfabctl: %s%s%s%s%s\n", what ? what : "",
		what ? ": " : "", reason, e->msg[0] ? ": " : "", e->msg);
}

int nlu_transact_batch(struct nl_sock *sk, struct nl_msg **msgs, size_t n,
		       int *errs, struct nlu_err *e)
{
	size_t i, len = 0, acked = 0, nfail = 0;
	int fd = nl_socket_get_fd(sk);
	uint32_t seq0 = 0;
	char rbuf[32768];
	char *buf, *p;
	ssize_t r;

	err_reset(e);
	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		struct nlmsghdr *h = nlmsg_hdr(msgs[i]);

		nl_complete_msg(sk, msgs[i]);
		h->nlmsg_flags |= NLM_F_ACK;
		if (!i)
			seq0 = h->nlmsg_seq;
		else
			h->nlmsg_seq = seq0 + (uint32_t)i;
		len += NLMSG_ALIGN(h->nlmsg_len);
		errs[i] = -1;
	}
	/* the sequence numbers used above, past the socket's counter */
	for (i = 1; i < n; i++)
		nl_socket_use_seq(sk);
	buf = malloc(len);
	if (!buf) {
		e->nlerr = NLE_NOMEM;
		return -1;
	}
	for (p = buf, i = 0; i < n; i++) {
		struct nlmsghdr *h = nlmsg_hdr(msgs[i]);

		memcpy(p, h, h->nlmsg_len);
		memset(p + h->nlmsg_len, 0,
		       NLMSG_ALIGN(h->nlmsg_len) - h->nlmsg_len);
		p += NLMSG_ALIGN(h->nlmsg_len);
	}
	r = nl_sendto(sk, buf, len);
	free(buf);
	if (r < 0) {
		e->nlerr = (int)-r;
		return -1;
	}
	while (acked < n) {
		struct nlmsghdr *h = (struct nlmsghdr *)rbuf;
		int left;

		r = recv(fd, rbuf, sizeof(rbuf), 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			e->err = r < 0 ? errno : EPROTO;
			return -1;
		}
		for (left = (int)r; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			uint32_t k = h->nlmsg_seq - seq0;
			int errnum, offs;
			char msg[NLU_MSGLEN];

			if (h->nlmsg_type != NLMSG_ERROR || k >= n ||
			    errs[k] != -1)
				continue;
			if (nlu_parse_status_offs(h, &errnum, msg, sizeof(msg),
						  &offs))
				errnum = EPROTO;
			errs[k] = errnum;
			acked++;
			if (errnum && !nfail++) {
				e->err = errnum;
				e->offs = offs;
				memcpy(e->msg, msg, sizeof(e->msg));
			}
		}
	}
	return nfail ? -1 : 0;
}
