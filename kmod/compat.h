/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where differences between the supported kernels
 * (Debian's 6.1 and 6.12) are hidden. Nothing else tests versions.
 * The VNETFAB_HAVE_* macros come from feature probes in kmod/Kbuild,
 * which look at the headers rather than at version numbers (Debian
 * backports features into its stable kernels).
 */
#ifndef _VNETFAB_COMPAT_H
#define _VNETFAB_COMPAT_H

#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/ip_tunnels.h>

#include "ndo_fdb.h"

/* 6.12 turned NETIF_F_LLTX into the dev->lltx bit. */
static inline void vnetfab_set_lltx(struct net_device *dev)
{
#ifdef VNETFAB_HAVE_DEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

/* 6.2 put a struct genl_info into struct genl_dumpit_info. */
static inline struct nlattr **vnetfab_dump_attrs(struct netlink_callback *cb)
{
#ifdef VNETFAB_HAVE_DUMPIT_INFO_INFO
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* 6.10 turned the tunnel flags into a bitmap. */
static inline bool vnetfab_tun_has_key(const struct ip_tunnel_info *info)
{
#ifdef VNETFAB_HAVE_TUN_FLAGS_BITMAP
	return test_bit(IP_TUNNEL_KEY_BIT, info->key.tun_flags);
#else
	return info->key.tun_flags & TUNNEL_KEY;
#endif
}

/*
 * 6.2 gave the extack a buffer for formatted messages (80 bytes with the
 * NUL): there the message names what was wrong; before, it is @msg, a
 * string literal (NL_SET_ERR_MSG keeps a pointer to it). Both builds
 * check both.
 */
#ifdef VNETFAB_HAVE_EXTACK_FMT
#define vnetfab_err_fmt(extack, msg, fmt, args...) do {		\
	BUILD_BUG_ON(!__builtin_constant_p(msg));		\
	NL_SET_ERR_MSG_FMT(extack, fmt, ##args);		\
} while (0)
#else
#define vnetfab_err_fmt(extack, msg, fmt, args...) do {		\
	NL_SET_ERR_MSG(extack, msg);				\
	no_printk(fmt, ##args);					\
} while (0)
#endif

/*
 * ndo_fdb_dump resumes after the entries earlier parts of the dump sent:
 * their number is cb->args[2] in 6.1 and 6.12 (6.13 moved it into
 * struct ndo_fdb_dump_context, and changed ndo_fdb_add and ndo_fdb_del).
 */
static inline long vnetfab_fdb_dump_done(const struct netlink_callback *cb)
{
	return cb->args[2];
}

/*
 * "bridge fdb flush" (ndo_fdb_del_bulk): 6.1 hands the driver the
 * attributes it parsed and the vlan; 6.8 hands it the message to parse.
 * vnetfab_ndo_fdb_flush (ndo_fdb.c) takes the 6.1 form.
 */
#ifdef VNETFAB_HAVE_FDB_DEL_BULK_NLH
static inline int vnetfab_ndo_fdb_del_bulk(struct nlmsghdr *nlh,
					   struct net_device *dev,
					   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NDA_MAX + 1];
	u16 vid = 0;
	int err;

	err = nlmsg_parse(nlh, sizeof(struct ndmsg), tb, NDA_MAX,
			  vnetfab_ndo_flush_policy, extack);
	if (err)
		return err;
	if (tb[NDA_VLAN])
		vid = nla_get_u16(tb[NDA_VLAN]);
	return vnetfab_ndo_fdb_flush(nlmsg_data(nlh), tb, dev, vid, extack);
}
#else
#define vnetfab_ndo_fdb_del_bulk vnetfab_ndo_fdb_flush
#endif

#endif /* _VNETFAB_COMPAT_H */
