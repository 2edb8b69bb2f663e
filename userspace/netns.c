// SPDX-License-Identifier: GPL-2.0
/*
 * vnetfabctl -n NETNS: run the command in a named network namespace, as
 * "ip -n NETNS" does (iproute2's netns_switch()): the name is looked up
 * in /run/netns, where "ip netns add" bind-mounts it. vnetfabctl talks
 * only netlink, so unlike "ip netns exec" no mount namespace or /sys is
 * set up.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "netns.h"

#define NETNS_RUN_DIR "/run/netns"

int netns_switch(const char *name, char *err, size_t errlen)
{
	char path[PATH_MAX];
	int fd;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		snprintf(err, errlen,
			 "-n: '%s' is not a network namespace name (see 'ip netns list')",
			 name);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen,
			 "-n %s: %s (see 'ip netns list')", name,
			 errno == ENOENT ? "no such network namespace" :
			 strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET)) {
		snprintf(err, errlen, "-n %s: cannot enter it: %s%s", name,
			 strerror(errno),
			 errno == EPERM ? " (run as root)" : "");
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int netns_args(int *argc, char ***argv, char *err, size_t errlen)
{
	char **v = *argv;

	if (*argc < 2 || (strcmp(v[1], "-n") && strcmp(v[1], "-netns") &&
			  strcmp(v[1], "--netns")))
		return 0;
	if (*argc < 3) {
		snprintf(err, errlen, "%s needs a network namespace name", v[1]);
		return -1;
	}
	if (netns_switch(v[2], err, errlen))
		return -2;
	/* drop "-n NAME": the command follows as if it had been first */
	v[2] = v[0];
	*argv = v + 2;
	*argc -= 2;
	return 0;
}
