/* SPDX-License-Identifier: GPL-2.0 */
/* usage.h - vnetfabctl's help text */
#ifndef VNETFABCTL_USAGE_H
#define VNETFABCTL_USAGE_H

#include <stdio.h>

/* the whole help: synopsis, what each command does, exit statuses */
void usage(FILE *f);
/* the help of command @cmd alone ("segment", "peer"...) */
void usage_of(FILE *f, const char *cmd);

#endif /* VNETFABCTL_USAGE_H */
