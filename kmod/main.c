// SPDX-License-Identifier: GPL-2.0
/*
 * vnetfab: shared Ethernet segments for virtual machines, emulators and
 * containers across hosts.
 */

#include <linux/module.h>
#include <net/genetlink.h>

#include "device.h"
#include "fdb.h"
#include "gre.h"
#include "netlink.h"
#include "port.h"
#include "uapi/linux/vnetfab.h"

static int __init vnetfab_mod_init(void)
{
	int err;

	err = vnetfab_fdb_module_init();
	if (err)
		return err;
	err = vnetfab_port_module_init();
	if (err)
		goto err_fdb;
	err = vnetfab_gre_module_init();
	if (err)
		goto err_port;
	err = vnetfab_device_init();
	if (err)
		goto err_gre;
	err = vnetfab_genetlink_init();
	if (err)
		goto err_device;
	pr_info("loaded, genl family %s v%d\n",
		VNETFAB_GENL_NAME, VNETFAB_GENL_VERSION);
	return 0;

err_device:
	vnetfab_device_uninit();
err_gre:
	vnetfab_gre_module_exit();
err_port:
	vnetfab_port_module_exit();
err_fdb:
	vnetfab_fdb_module_exit();
	return err;
}

static void __exit vnetfab_mod_exit(void)
{
	vnetfab_genetlink_uninit();
	vnetfab_device_uninit();
	vnetfab_gre_module_exit();
	vnetfab_port_module_exit();
	vnetfab_fdb_module_exit();
}

module_init(vnetfab_mod_init);
module_exit(vnetfab_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vnetfab: shared Ethernet segments across hosts");
MODULE_AUTHOR("The vnetfab developers");
MODULE_VERSION(VNETFAB_VERSION);
MODULE_ALIAS_RTNL_LINK(VNETFAB_KIND);
MODULE_ALIAS_GENL_FAMILY(VNETFAB_GENL_NAME);
