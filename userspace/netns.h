/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VNETFAB_NETNS_H
#define VNETFAB_NETNS_H

#include <stddef.h>

/* enter the network namespace NAME of "ip netns" (/run/netns/NAME) */
int netns_switch(const char *name, char *err, size_t errlen);

/*
 * A leading "-n NAME" (or -netns/--netns): enter it and drop the two
 * words from argv; 0 when there is none (or done), -1 when the name is
 * missing, -2 when the namespace cannot be entered; err says why.
 */
int netns_args(int *argc, char ***argv, char *err, size_t errlen);

#endif
