/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jsonread.h - a small JSON reader (RFC 8259) for "vnetfabctl graph
 * FILE...": the whole text into a tree, every limit bounded.
 *
 * Strings are decoded to NUL-terminated UTF-8 (a \u0000 or an invalid
 * UTF-8 byte is refused). Numbers keep whether they are an unsigned
 * integer that fits 64 bits, which is all vnetfabctl reads. Nesting is
 * limited to JR_MAXDEPTH, so a hostile text cannot exhaust the stack,
 * and a text to JR_MAXVALUES values, so it cannot take more than a few
 * dozen bytes of memory per value.
 */
#ifndef VNETFABCTL_JSONREAD_H
#define VNETFABCTL_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JR_MAXDEPTH	64
#define JR_MAXVALUES	2000000
/* Room for every message jr_parse() writes. */
#define JR_ERRLEN	128

enum jr_type { JR_NULL, JR_BOOL, JR_NUMBER, JR_STRING, JR_ARRAY, JR_OBJECT };

struct jr_value {
	enum jr_type type;
	bool b;			/* JR_BOOL */
	bool is_u64;		/* JR_NUMBER: an integer 0..UINT64_MAX, in u */
	size_t n;		/* JR_ARRAY: items; JR_OBJECT: members */
	union {
		uint64_t u;	/* JR_NUMBER */
		char *s;	/* JR_STRING */
		struct {
			struct jr_value *v;	/* items, or member values */
			char **keys;		/* JR_OBJECT: keys[i] of v[i] */
		};
	};
};

/*
 * Parses the @len bytes at @text: one JSON value, white space around
 * it. Returns the tree (jr_free() it), or NULL with "line L, column C:
 * WHAT" in @err (the column counted in bytes, from 1).
 */
struct jr_value *jr_parse(const char *text, size_t len, char *err,
			  size_t errlen);

void jr_free(struct jr_value *v);

/* The member @key of object @o (the first, if given twice), or NULL. */
const struct jr_value *jr_get(const struct jr_value *o, const char *key);


/* "null", "true or false", "a number", "a string", "an array", "an object" */
const char *jr_type_name(enum jr_type t);

#endif /* VNETFABCTL_JSONREAD_H */
