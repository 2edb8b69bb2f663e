#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Validate vnetfabctl --json output against Documentation/vnetfabctl.schema.json.

Usage: json-validate.py [--schema FILE] [--invalid] COMMAND FILE [COMMAND FILE]...

COMMAND names a definition of the schema: show, peer_list (also "peer
list" or peer-list), fdb_show, stats, port_show, share_show, monitor,
graph. FILE ('-': standard input) is one JSON document, or one a line
as vnetfabctl prints them (monitor: an event a line; the others: one
line). One line is printed per pair: "COMMAND FILE: valid (N
documents)" or "COMMAND FILE: invalid: line L: PATH: MESSAGE" for each
error. Exit status 0 when every pair is valid (with --invalid: when every
pair is invalid, each line of each FILE failing), 1 otherwise, 2 on a
usage error, an unreadable file or a schema that is not one.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("json-validate.py: no python3-jsonschema (make deps)\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "Documentation", "vnetfabctl.schema.json")


def usage(msg):
    sys.stderr.write("json-validate.py: %s\n" % msg)
    sys.stderr.write("usage: json-validate.py [--schema FILE] [--invalid] "
                     "COMMAND FILE [COMMAND FILE]...\n")
    sys.exit(2)


def where(err):
    path = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p
                   for p in err.absolute_path)
    return path or "."


def check_file(validator, name, path, want_invalid):
    """True when FILE is as wanted; prints its line"""
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        sys.stderr.write("json-validate.py: %s: %s\n" % (path, e))
        sys.exit(2)
    errors, n, bad = [], 0, 0
    try:
        # a file of one document over several lines (a saved graph view)
        lines = [(1, json.dumps(json.loads(text)))]
    except ValueError:
        lines = enumerate(text.splitlines(), 1)
    for lineno, line in lines:
        if not line.strip():
            continue
        n += 1
        try:
            doc = json.loads(line)
        except ValueError as e:
            errors.append("line %d: not JSON: %s" % (lineno, e))
            bad += 1
            continue
        errs = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errs:
            bad += 1
        for e in errs:
            errors.append("line %d: %s: %s" % (lineno, where(e), e.message))
    if not n:
        errors.append("no document")
    if errors:
        for e in errors:
            print("%s %s: invalid: %s" % (name, path, e))
    else:
        print("%s %s: valid (%d document%s)" % (name, path, n, "" if n == 1 else "s"))
    if want_invalid:
        return n > 0 and bad == n
    return not errors


def main(argv):
    schema_path, want_invalid = SCHEMA, False
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--schema" and argv:
            schema_path = argv.pop(0)
        elif opt == "--invalid":
            want_invalid = True
        else:
            usage("unknown option %s" % opt)
    if not argv or len(argv) % 2:
        usage("expected COMMAND FILE pairs")
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        sys.stderr.write("json-validate.py: %s: %s\n" % (schema_path, e))
        sys.exit(2)
    ok = True
    for i in range(0, len(argv), 2):
        name = argv[i].replace(" ", "_").replace("-", "_")
        if name not in schema.get("$defs", {}):
            usage("%s: no such command in %s" % (argv[i], schema_path))
        # the command's definition, with the others its $refs name
        sub = {"$schema": schema.get("$schema"), "$defs": schema["$defs"],
               "$ref": "#/$defs/" + name}
        validator = cls(sub, format_checker=cls.FORMAT_CHECKER)
        ok = check_file(validator, name, argv[i + 1], want_invalid) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
