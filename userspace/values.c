// SPDX-License-Identifier: GPL-2.0
/*
 * values.c - the values of vnetfabctl's words (numbers, addresses, MACs,
 * encapsulations, device names), shared by the command line (args.c)
 * and the configuration file (config.c).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vnetfab.h>

#include "args.h"

void args_escape(char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[ARGS_ERRLEN * 4];
	size_t i, o = 0;
	unsigned char c;

	if (!len)
		return;
	for (i = 0; s[i] && o + 5 <= sizeof(tmp); i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != 0x7f) {
			tmp[o++] = (char)c;
			continue;
		}
		tmp[o++] = '\\';
		tmp[o++] = 'x';
		tmp[o++] = hex[c >> 4];
		tmp[o++] = hex[c & 0xf];
	}
	if (o >= len)
		o = len - 1;
	memcpy(s, tmp, o);
	s[o] = '\0';
}

void vf_veprintf(const char *fmt, va_list ap)
{
	char buf[1024], *s = buf;
	const unsigned char *c;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= 0 && (size_t)n >= sizeof(buf)) {
		s = malloc((size_t)n + 1);
		if (s)
			vsnprintf(s, (size_t)n + 1, fmt, aq);
		else
			s = buf;
	}
	va_end(aq);
	if (n < 0)
		return;
	for (c = (const unsigned char *)s; *c; c++) {
		if ((*c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7f)
			fprintf(stderr, "\\x%02x", *c);
		else
			fputc(*c, stderr);
	}
	if (s != buf)
		free(s);
}

void vf_eprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vf_veprintf(fmt, ap);
	va_end(ap);
}

int args_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
		args_escape(err, errlen);
	}
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int args_parse_uint(const char *s, const char *what, uint32_t min,
		    uint32_t max, uint32_t *v, char *err, size_t errlen)
{
	unsigned int base = 10;
	uint64_t n = 0;
	const char *p = s;
	int d;

	if (!s || !*s)
		return args_fail(err, errlen, "missing %s", what);
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!*p)
			goto bad;
	}
	for (; *p; p++) {
		d = hexval(*p);
		if (d < 0 || (unsigned int)d >= base)
			goto bad;
		n = n * base + (uint64_t)d;
		if (n > max)	/* also stops any overflow */
			goto bad;
	}
	if (n < min)
		goto bad;
	*v = (uint32_t)n;
	return 0;
bad:
	return args_fail(err, errlen, "invalid %s '%.*s%s' (expected %" PRIu32
		    "..%" PRIu32 ")", what, TOK(s), min, max);
}

int args_parse_addr(const char *s, const char *what, struct vf_addr *addr,
		    char *err, size_t errlen)
{
	struct vf_addr a = { 0 };

	if (!s || !*s)
		return args_fail(err, errlen, "missing %s address", what);
	if (inet_pton(AF_INET, s, &a.v4) == 1) {
		a.family = AF_INET;
	} else if (inet_pton(AF_INET6, s, &a.v6) == 1) {
		a.family = AF_INET6;
	} else {
		return args_fail(err, errlen,
			    "invalid %s address '%.*s%s' (expected IPv4 or IPv6)",
			    what, TOK(s));
	}
	*addr = a;
	return 0;
}


int args_parse_mac(const char *s, uint8_t mac[VF_MACLEN], char *err,
		   size_t errlen)
{
	uint8_t m[VF_MACLEN];
	int i, hi, lo;

	if (!s || !*s)
		return args_fail(err, errlen, "missing MAC address");
	/* "aa:bb:cc:dd:ee:ff": 17 characters exactly */
	if (strlen(s) != 3 * VF_MACLEN - 1)
		goto bad;
	for (i = 0; i < VF_MACLEN; i++) {
		hi = hexval(s[3 * i]);
		lo = hexval(s[3 * i + 1]);
		if (hi < 0 || lo < 0)
			goto bad;
		if (i < VF_MACLEN - 1 && s[3 * i + 2] != ':')
			goto bad;
		m[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(mac, m, sizeof(m));
	return 0;
bad:
	return args_fail(err, errlen,
		    "invalid MAC address '%.*s%s' (expected aa:bb:cc:dd:ee:ff)",
		    TOK(s));
}

int args_check_ifname(const char *s, char *err, size_t errlen)
{
	const char *p;
	size_t len;

	if (!s || !*s)
		return args_fail(err, errlen, "missing device name");
	len = strlen(s);
	if (len >= IFNAMSIZ)
		return args_fail(err, errlen,
			    "invalid device name '%.*s%s': longer than %d bytes",
			    TOK(s), IFNAMSIZ - 1);
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return args_fail(err, errlen, "invalid device name '%s'", s);
	for (p = s; *p; p++) {
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			return args_fail(err, errlen,
				    "invalid device name '%s': contains '/', ':' or whitespace",
				    s);
	}
	return 0;
}
