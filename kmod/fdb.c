// SPDX-License-Identifier: GPL-2.0
/*
 * The MAC table of a segment: which endpoint (host, port or peer) each
 * Ethernet address lives behind. Lookups are RCU only. Learning an
 * address already known at the same place writes nothing but its
 * timestamp, and only once per jiffy; new addresses and moves take
 * fdb_lock. Learned entries age out; their number is capped by
 * max_addrs so that a flood of random source MACs cannot grow memory
 * without bound.
 */

#include <linux/etherdevice.h>
#include <linux/slab.h>

#include "fdb.h"
#include "ndo_fdb.h"
#include "netlink.h"
#include "port.h"
#include "uapi/linux/vnetfab.h"

static struct kmem_cache *vnetfab_fdb_cache __read_mostly;

static const struct rhashtable_params vnetfab_fdb_params = {
	.head_offset		= offsetof(struct vnetfab_fdb_entry, node),
	.key_offset		= offsetof(struct vnetfab_fdb_entry, addr),
	.key_len		= ETH_ALEN,
	.automatic_shrinking	= true,
};

struct vnetfab_fdb_entry *vnetfab_fdb_lookup(struct vnetfab_dev *vf,
					     const u8 *addr)
{
	return rhashtable_lookup(&vf->fdb, addr, vnetfab_fdb_params);
}

static void vnetfab_fdb_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(vnetfab_fdb_cache,
			container_of(head, struct vnetfab_fdb_entry, rcu));
}

/*
 * fdb_lock held: a learned entry behind a port counts against the port's
 * max_macs; @d: +1 when @e starts pointing at @dst, -1 when it stops
 */
static void vnetfab_fdb_port_count(struct vnetfab_fdb_entry *e,
				   struct vnetfab_ep *dst, int d)
{
	if (!e->is_static && dst->kind == VNETFAB_EP_PORT)
		atomic_add(d, &container_of(dst, struct vnetfab_port,
					    ep)->n_learned);
}

static struct vnetfab_ep *vnetfab_fdb_dst(struct vnetfab_dev *vf,
					  struct vnetfab_fdb_entry *e)
{
	return rcu_dereference_protected(e->dst,
					 lockdep_is_held(&vf->fdb_lock));
}

/* fdb_lock held */
static void vnetfab_fdb_remove(struct vnetfab_dev *vf,
			       struct vnetfab_fdb_entry *e)
{
	vnetfab_fdb_port_count(e, vnetfab_fdb_dst(vf, e), -1);
	vnetfab_ndo_fdb_notify(vf, e, RTM_DELNEIGH);
	rhashtable_remove_fast(&vf->fdb, &e->node, vnetfab_fdb_params);
	hlist_del_rcu(&e->list);
	if (!e->is_static)
		atomic_dec(&vf->n_learned);
	WRITE_ONCE(vf->n_addrs, vf->n_addrs - 1);
	WRITE_ONCE(vf->fdb_seq, vf->fdb_seq + 1);
	e->dead = true;
	call_rcu(&e->rcu, vnetfab_fdb_free_rcu);
}

/* fdb_lock held; the new entry, or an ERR_PTR */
static struct vnetfab_fdb_entry *
vnetfab_fdb_insert(struct vnetfab_dev *vf, const u8 *addr,
		   struct vnetfab_ep *dst, bool is_static, bool sticky, u8 ntf)
{
	struct vnetfab_fdb_entry *e;
	int err;

	/*
	 * Static entries are charged to whoever adds them; learned ones
	 * are made on receive, in whatever task happens to run (a tap's
	 * writer, softirq): bounded by max_addrs instead
	 */
	e = kmem_cache_alloc(vnetfab_fdb_cache,
			     GFP_ATOMIC | (is_static ? __GFP_ACCOUNT : 0));
	if (!e)
		return ERR_PTR(-ENOMEM);
	ether_addr_copy(e->addr, addr);
	e->is_static = is_static;
	e->sticky = sticky;
	e->ntf = ntf;
	e->dead = false;
	RCU_INIT_POINTER(e->dst, dst);
	e->updated = jiffies;
	err = rhashtable_lookup_insert_fast(&vf->fdb, &e->node,
					    vnetfab_fdb_params);
	if (err) {
		kmem_cache_free(vnetfab_fdb_cache, e);
		return ERR_PTR(err);
	}
	hlist_add_head_rcu(&e->list, &vf->fdb_list);
	vnetfab_fdb_port_count(e, dst, 1);
	if (!is_static)
		atomic_inc(&vf->n_learned);
	WRITE_ONCE(vf->n_addrs, vf->n_addrs + 1);
	WRITE_ONCE(vf->fdb_seq, vf->fdb_seq + 1);
	vnetfab_ndo_fdb_notify(vf, e, RTM_NEWNEIGH);
	return e;
}

/*
 * May an entry be learned behind, or moved to, @src? Not behind a locked
 * port (portsec.c learns for those), nor behind a port at its max_macs
 * (counted). Checked again under fdb_lock, where lock changes are made.
 */
static bool vnetfab_fdb_port_may_learn(struct vnetfab_ep *src)
{
	struct vnetfab_port *port;
	u32 max;

	if (src->kind != VNETFAB_EP_PORT)
		return true;
	port = container_of(src, struct vnetfab_port, ep);
	if (READ_ONCE(port->locked))
		return false;
	max = READ_ONCE(port->max_macs);
	if (max && atomic_read(&port->n_learned) >= max) {
		vnetfab_port_count(port, VNETFAB_PORT_CNT_LEARN_LIMIT);
		return false;
	}
	return true;
}

void vnetfab_fdb_learn(struct vnetfab_dev *vf, const u8 *addr,
		       struct vnetfab_ep *src)
{
	struct vnetfab_fdb_entry *e;
	unsigned long now = jiffies;

	e = vnetfab_fdb_lookup(vf, addr);
	if (likely(e)) {
		struct vnetfab_ep *dst = rcu_dereference(e->dst);

		if (unlikely(dst != src) &&
		    (READ_ONCE(e->is_static) || READ_ONCE(e->sticky))) {
			/* a port's own MAC, from elsewhere: it stays */
			if (dst->kind == VNETFAB_EP_PORT)
				vnetfab_count(vf, VNETFAB_CNT_MAC_MOVE_DENIED);
			return;
		}
		if (READ_ONCE(e->is_static))
			return;
		if (unlikely(rcu_access_pointer(e->dst) != src)) {
			/* the address moved: the first frame from the new
			 * place takes effect
			 */
			spin_lock_bh(&vf->fdb_lock);
			if (!e->dead && !e->is_static && !e->sticky &&
			    vnetfab_fdb_port_may_learn(src)) {
				vnetfab_fdb_port_count(e, vnetfab_fdb_dst(vf, e),
						       -1);
				vnetfab_fdb_port_count(e, src, 1);
				rcu_assign_pointer(e->dst, src);
				WRITE_ONCE(vf->fdb_seq, vf->fdb_seq + 1);
				vnetfab_ndo_fdb_notify(vf, e, RTM_NEWNEIGH);
				vnetfab_notify_fdb(vf, e,
						   VNETFAB_EVENT_FDB_MOVED,
						   GFP_ATOMIC);
			}
			spin_unlock_bh(&vf->fdb_lock);
		}
		if (READ_ONCE(e->updated) != now)
			WRITE_ONCE(e->updated, now);
		return;
	}

	if (atomic_read(&vf->n_learned) >= READ_ONCE(vf->cfg.max_addrs)) {
		vnetfab_count(vf, VNETFAB_CNT_LEARN_LIMIT);
		return;
	}
	if (!vnetfab_fdb_port_may_learn(src))
		return;
	spin_lock_bh(&vf->fdb_lock);
	if (atomic_read(&vf->n_learned) >= READ_ONCE(vf->cfg.max_addrs)) {
		vnetfab_count(vf, VNETFAB_CNT_LEARN_LIMIT);
	} else if (vnetfab_fdb_port_may_learn(src)) {
		e = vnetfab_fdb_insert(vf, addr, src, false, false, 0);
		if (!IS_ERR(e))
			vnetfab_notify_fdb(vf, e, VNETFAB_EVENT_FDB_LEARNED,
					   GFP_ATOMIC);
	}
	spin_unlock_bh(&vf->fdb_lock);
}

int vnetfab_fdb_learn_sticky(struct vnetfab_dev *vf, const u8 *addr,
			     struct vnetfab_port *port)
{
	u32 max = READ_ONCE(port->max_macs);
	struct vnetfab_fdb_entry *e;
	int err = 0;

	if (!max)
		return -EPERM;
	if (atomic_read(&port->n_learned) >= max) {
		vnetfab_port_count(port, VNETFAB_PORT_CNT_LEARN_LIMIT);
		return -ENOSPC;
	}
	spin_lock_bh(&vf->fdb_lock);
	e = rhashtable_lookup_fast(&vf->fdb, addr, vnetfab_fdb_params);
	if (e) {
		/* another CPU learned it here a moment ago, or it is elsewhere */
		err = vnetfab_fdb_dst(vf, e) == &port->ep ? 0 : -EEXIST;
	} else if (atomic_read(&port->n_learned) >= max) {
		vnetfab_port_count(port, VNETFAB_PORT_CNT_LEARN_LIMIT);
		err = -ENOSPC;
	} else if (atomic_read(&vf->n_learned) >=
		   READ_ONCE(vf->cfg.max_addrs)) {
		vnetfab_count(vf, VNETFAB_CNT_LEARN_LIMIT);
		err = -ENOSPC;
	} else {
		/* unlocked meanwhile: an ordinary learned entry */
		e = vnetfab_fdb_insert(vf, addr, &port->ep, false,
				       READ_ONCE(port->locked), 0);
		if (IS_ERR(e))
			err = PTR_ERR(e);
		else
			vnetfab_notify_fdb(vf, e, VNETFAB_EVENT_FDB_LEARNED,
					   GFP_ATOMIC);
	}
	spin_unlock_bh(&vf->fdb_lock);
	return err;
}

void vnetfab_fdb_set_locked(struct vnetfab_dev *vf, struct vnetfab_port *port,
			    bool locked)
{
	struct vnetfab_fdb_entry *e;

	/* with the entries, so that no learner sees one without the other */
	spin_lock_bh(&vf->fdb_lock);
	WRITE_ONCE(port->locked, locked);
	hlist_for_each_entry(e, &vf->fdb_list, list)
		if (!e->is_static && vnetfab_fdb_dst(vf, e) == &port->ep) {
			WRITE_ONCE(e->sticky, locked);
			WRITE_ONCE(e->updated, jiffies);
		}
	WRITE_ONCE(vf->fdb_seq, vf->fdb_seq + 1);
	spin_unlock_bh(&vf->fdb_lock);
}

/*
 * Make the entry of @addr a static one pointing at @dst: -EEXIST if
 * @addr has an entry (static or learned) and @excl, -ENOENT if it has
 * none and !@create.
 */
int vnetfab_fdb_set_static(struct vnetfab_dev *vf, const u8 *addr,
			   struct vnetfab_ep *dst, bool create, bool excl,
			   u8 ntf)
{
	struct vnetfab_fdb_entry *e;
	int err = 0;

	spin_lock_bh(&vf->fdb_lock);
	e = rhashtable_lookup_fast(&vf->fdb, addr, vnetfab_fdb_params);
	if (e && excl) {
		err = -EEXIST;
	} else if (e) {
		/* replace: a learned entry becomes static */
		if (!e->is_static) {
			vnetfab_fdb_port_count(e, vnetfab_fdb_dst(vf, e), -1);
			atomic_dec(&vf->n_learned);
			WRITE_ONCE(e->is_static, true);
			WRITE_ONCE(e->sticky, false);
		}
		rcu_assign_pointer(e->dst, dst);
		WRITE_ONCE(e->ntf, ntf);
		WRITE_ONCE(e->updated, jiffies);
		WRITE_ONCE(vf->fdb_seq, vf->fdb_seq + 1);
		vnetfab_ndo_fdb_notify(vf, e, RTM_NEWNEIGH);
	} else if (!create) {
		err = -ENOENT;
	} else {
		err = PTR_ERR_OR_ZERO(vnetfab_fdb_insert(vf, addr, dst, true,
							 false, ntf));
	}
	spin_unlock_bh(&vf->fdb_lock);
	return err;
}

int vnetfab_fdb_add_static(struct vnetfab_dev *vf, const u8 *addr,
			   struct vnetfab_ep *dst)
{
	return vnetfab_fdb_set_static(vf, addr, dst, true, false, 0);
}

/*
 * Delete the entry of @addr if it points at @dst (NULL: wherever it
 * points): -ENOENT if there is none, -ESRCH if it points elsewhere.
 */
int vnetfab_fdb_del_dst(struct vnetfab_dev *vf, const u8 *addr,
			struct vnetfab_ep *dst)
{
	struct vnetfab_fdb_entry *e;
	int err = -ENOENT;

	spin_lock_bh(&vf->fdb_lock);
	e = rhashtable_lookup_fast(&vf->fdb, addr, vnetfab_fdb_params);
	if (e && dst && rcu_access_pointer(e->dst) != dst) {
		err = -ESRCH;
	} else if (e) {
		vnetfab_fdb_remove(vf, e);
		err = 0;
	}
	spin_unlock_bh(&vf->fdb_lock);
	return err;
}

int vnetfab_fdb_del(struct vnetfab_dev *vf, const u8 *addr)
{
	return vnetfab_fdb_del_dst(vf, addr, NULL);
}

static void vnetfab_fdb_flush(struct vnetfab_dev *vf, struct vnetfab_ep *ep,
			      int kind)
{
	struct vnetfab_fdb_entry *e;
	struct hlist_node *tmp;
	struct vnetfab_ep *dst;

	spin_lock_bh(&vf->fdb_lock);
	hlist_for_each_entry_safe(e, tmp, &vf->fdb_list, list) {
		dst = rcu_dereference_protected(e->dst,
						lockdep_is_held(&vf->fdb_lock));
		if ((!ep && kind < 0) || dst == ep || dst->kind == kind)
			vnetfab_fdb_remove(vf, e);
	}
	spin_unlock_bh(&vf->fdb_lock);
}

/*
 * Every entry that points at @from points at @to now, static ones too: a
 * peer replaced by another with new paths keeps its MACs (SET_PEERS).
 */
void vnetfab_fdb_move_ep(struct vnetfab_dev *vf, struct vnetfab_ep *from,
			 struct vnetfab_ep *to)
{
	struct vnetfab_fdb_entry *e;

	spin_lock_bh(&vf->fdb_lock);
	hlist_for_each_entry(e, &vf->fdb_list, list)
		if (rcu_access_pointer(e->dst) == from) {
			vnetfab_fdb_port_count(e, from, -1);
			vnetfab_fdb_port_count(e, to, 1);
			rcu_assign_pointer(e->dst, to);
		}
	WRITE_ONCE(vf->fdb_seq, vf->fdb_seq + 1);
	spin_unlock_bh(&vf->fdb_lock);
}

/* Forget the entries @m names; how many */
unsigned int vnetfab_fdb_flush_match(struct vnetfab_dev *vf,
				     const struct vnetfab_fdb_match *m)
{
	struct vnetfab_fdb_entry *e;
	struct hlist_node *tmp;
	unsigned int n = 0;

	spin_lock_bh(&vf->fdb_lock);
	hlist_for_each_entry_safe(e, tmp, &vf->fdb_list, list) {
		bool as_static = e->is_static && !(e->ntf & NTF_EXT_LEARNED);

		if (!(as_static ? m->statics : m->learned))
			continue;
		if ((e->ntf & m->ntf_mask) != m->ntf_want)
			continue;
		if (m->dst && rcu_access_pointer(e->dst) != m->dst)
			continue;
		vnetfab_fdb_remove(vf, e);
		n++;
	}
	spin_unlock_bh(&vf->fdb_lock);
	return n;
}

unsigned int vnetfab_fdb_flush_table(struct vnetfab_dev *vf, bool with_static)
{
	struct vnetfab_fdb_match m = { .learned = true, .statics = with_static };

	return vnetfab_fdb_flush_match(vf, &m);
}

/* Forget every entry that points at @ep (NULL: every entry). */
void vnetfab_fdb_flush_ep(struct vnetfab_dev *vf, struct vnetfab_ep *ep)
{
	vnetfab_fdb_flush(vf, ep, -1);
}

/* Forget every entry that points at an endpoint of @kind. */
void vnetfab_fdb_flush_kind(struct vnetfab_dev *vf, enum vnetfab_ep_kind kind)
{
	vnetfab_fdb_flush(vf, NULL, kind);
}

static unsigned long vnetfab_fdb_gc_interval(struct vnetfab_dev *vf)
{
	unsigned long ageing = READ_ONCE(vf->cfg.ageing) * HZ;

	return clamp(ageing / 4, HZ / 10, 10UL * HZ);
}

static void vnetfab_fdb_gc(struct work_struct *work)
{
	struct vnetfab_dev *vf = container_of(to_delayed_work(work),
					      struct vnetfab_dev, fdb_gc);
	unsigned long ageing = READ_ONCE(vf->cfg.ageing) * HZ;
	struct vnetfab_fdb_entry *e;

	/* walk under RCU, lock only to remove */
	rcu_read_lock();
	hlist_for_each_entry_rcu(e, &vf->fdb_list, list) {
		if (READ_ONCE(e->is_static) || READ_ONCE(e->sticky) ||
		    !time_after(jiffies, READ_ONCE(e->updated) + ageing))
			continue;
		spin_lock_bh(&vf->fdb_lock);
		if (!e->dead && !e->is_static && !e->sticky) {
			vnetfab_fdb_remove(vf, e);
			vnetfab_notify_fdb(vf, e, VNETFAB_EVENT_FDB_AGED,
					   GFP_ATOMIC);
		}
		spin_unlock_bh(&vf->fdb_lock);
	}
	rcu_read_unlock();
	queue_delayed_work(system_power_efficient_wq, &vf->fdb_gc,
			   vnetfab_fdb_gc_interval(vf));
}

int vnetfab_fdb_init(struct vnetfab_dev *vf)
{
	spin_lock_init(&vf->fdb_lock);
	INIT_HLIST_HEAD(&vf->fdb_list);
	atomic_set(&vf->n_learned, 0);
	INIT_DELAYED_WORK(&vf->fdb_gc, vnetfab_fdb_gc);
	return rhashtable_init(&vf->fdb, &vnetfab_fdb_params);
}

void vnetfab_fdb_start(struct vnetfab_dev *vf)
{
	queue_delayed_work(system_power_efficient_wq, &vf->fdb_gc,
			   vnetfab_fdb_gc_interval(vf));
}

/* No reader is left: the device is unregistered and its ports gone. */
void vnetfab_fdb_uninit(struct vnetfab_dev *vf)
{
	cancel_delayed_work_sync(&vf->fdb_gc);
	vnetfab_fdb_flush_ep(vf, NULL);
	rhashtable_destroy(&vf->fdb);
}

int __init vnetfab_fdb_module_init(void)
{
	vnetfab_fdb_cache = KMEM_CACHE(vnetfab_fdb_entry, 0);
	return vnetfab_fdb_cache ? 0 : -ENOMEM;
}

void vnetfab_fdb_module_exit(void)
{
	rcu_barrier();	/* call_rcu of removed entries */
	kmem_cache_destroy(vnetfab_fdb_cache);
}
