/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apply.h - "vnetfabctl apply FILE" and "vnetfabctl dump-config": read the
 * running state of the network namespace (segments, peers, static MAC
 * entries), compare it with a vnetfab.conf(5) file, and make it equal.
 */
#ifndef VNETFABCTL_APPLY_H
#define VNETFABCTL_APPLY_H

#include <stdbool.h>

/* exit statuses, as vnetfabctl's */
enum { APPLY_OK = 0, APPLY_RUNTIME = 1, APPLY_USAGE = 2 };

/*
 * Makes the running state equal to the file at @path ("-": standard
 * input) with the fewest changes, printing one line per change (with
 * @dry_run: the same lines, and no change made). Of a fabric file (one
 * with host lines), the part of host @host, or with @host NULL of the
 * host whose host line has an address of this network namespace.
 * Running segments absent from the file are deleted if apply made them
 * (their alias is "vnetfab-apply"), or all of them with @prune; segments
 * made by hand are left alone. The file is validated whole, then against
 * the running state, before the first change.
 * Returns APPLY_OK, APPLY_USAGE for an invalid file (nothing changed), or
 * APPLY_RUNTIME for a running state the file cannot be applied to
 * (nothing changed) or a kernel error (the changes printed were made).
 * With @check, the file (and of a fabric, this host's part) is validated
 * alone, without the module or the running state, and a line says what
 * it holds.
 */
int apply_file(const char *path, const char *host, bool dry_run, bool check,
	       bool prune);

/* Prints the running state in the file format. APPLY_OK or APPLY_RUNTIME. */
int dump_config(void);

#endif /* VNETFABCTL_APPLY_H */
