/* SPDX-License-Identifier: GPL-2.0 */
/*
 * liveness.h - peer liveness as every front end spells it: the probe
 * settings ("probe MS|off", "probe-misses N", "hold-down MS") and the
 * names of peer states and of the reasons of their changes.
 *
 * Shared by vnetfabctl (args.c, config.c, print.c, apply.c) and the ip
 * plugin (ip/link_vnetfab.c, which links liveness.c too), so that what
 * one prints every other one takes back. libc only, nothing printed:
 * failures are one message in a caller's buffer.
 */
#ifndef VNETFABCTL_LIVENESS_H
#define VNETFABCTL_LIVENESS_H

#include <stddef.h>
#include <stdint.h>

#include <linux/vnetfab.h>

/* bounds of the ABI header (0 = off is allowed besides MIN..MAX) */
#define VF_PROBE_MIN		VNETFAB_PROBE_INTERVAL_MIN	/* ms */
#define VF_PROBE_MAX		VNETFAB_PROBE_INTERVAL_MAX	/* ms */
#define VF_PROBE_MISSES_MIN	VNETFAB_PROBE_MISSES_MIN
#define VF_PROBE_MISSES_MAX	255
#define VF_HOLD_DOWN_MAX	VNETFAB_HOLD_DOWN_MAX		/* ms */

/* room for "off" or "60000" */
#define VF_PROBE_STRLEN		12

/*
 * The value of "probe": "off" or "0" (no probing: 0), or milliseconds,
 * decimal digits only, VF_PROBE_MIN..VF_PROBE_MAX. 0, or -1 with
 * "invalid probe 'S': probe must be off or 100..60000 ms" in @err.
 */
int vf_parse_probe(const char *s, uint32_t *ms, char *err, size_t errlen);

/*
 * The value of "probe-misses": decimal digits only, 2..255. 0, or -1
 * with "invalid probe-misses 'S': probe-misses must be 2..255" in @err.
 */
int vf_parse_probe_misses(const char *s, uint8_t *n, char *err,
			  size_t errlen);

/*
 * The value of "hold-down": milliseconds a peer's preferred path must be
 * up again before frames go back to it, decimal digits only,
 * 0..VF_HOLD_DOWN_MAX. 0, or -1 with "invalid hold-down 'S': hold-down
 * must be 0..600000 ms" in @err.
 */
int vf_parse_hold_down(const char *s, uint32_t *ms, char *err, size_t errlen);

/* "off" for 0, else the decimal milliseconds: what vf_parse_probe takes */
const char *vf_probe_str(uint32_t ms, char *buf, size_t len);

/* "unprobed", "unknown", "up", "down"; NULL for a value not known here */
const char *vf_peer_state_name(unsigned int state);

/*
 * "reply", "hears", "timeout", "not_heard", "hold_down"; NULL if not
 * known here
 */
const char *vf_reason_name(unsigned int reason);

#endif /* VNETFABCTL_LIVENESS_H */
