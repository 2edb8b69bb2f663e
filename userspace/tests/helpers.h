/* SPDX-License-Identifier: GPL-2.0 */
/*
 * helpers.h - what several unit tests do alike: run args_parse() on a
 * list of words, parse and write a configuration in memory, capture
 * output in memory. Include after cmocka.h. Static inline: a test links
 * only what it calls.
 */
#ifndef VNETFABCTL_TESTS_HELPERS_H
#define VNETFABCTL_TESTS_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* args_parse() of the NULL-ended words @v, argv[0] included */
static inline int parse_argv(struct vf_args *a, char **v, char *err,
			     size_t errlen)
{
	int argc = 0;

	while (v[argc])
		argc++;
	return args_parse(argc, v, a, err, errlen);
}

/* ARGV("show", "fab0"): the words of "vnetfabctl show fab0" */
#define ARGV(...) ((char *[]){ "vnetfabctl", __VA_ARGS__, NULL })

/*
 * PARSE("show", "fab0") runs args_parse on "vnetfabctl show fab0", into
 * the caller's struct vf_args a and message buffer err
 */
#define PARSE(...) parse_argv(&a, ARGV(__VA_ARGS__), err, sizeof(err))

/* config_parse() of the @len bytes of @text, as file "mem" */
static inline int parse_conf(const char *text, size_t len, struct vf_config *c,
			     char *err, size_t errlen)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int ret;

	assert_non_null(f);
	err[0] = '\0';
	ret = config_parse(f, "mem", c, err, errlen);
	fclose(f);
	return ret;
}

/* what config_write() writes of @c, in *@len bytes (free() it) */
static inline char *write_conf(const struct vf_config *c, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	assert_int_equal(config_write(f, c), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* output captured in memory */
struct cap {
	FILE *f;
	char *buf;
	size_t len;
};

static inline FILE *cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	return c->f;
}

/* compares what was written with @want, and frees it */
static inline void cap_check(struct cap *c, const char *want)
{
	assert_int_equal(fclose(c->f), 0);
	assert_string_equal(c->buf, want);
	free(c->buf);
}

#endif /* VNETFABCTL_TESTS_HELPERS_H */
