#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""qmp.py SOCKET JSON...: send each QMP command (JSON text) to the QEMU
monitor at the unix SOCKET, after the capabilities handshake, and print
each reply's "return" as JSON; exit 1 on an "error" reply (printed)."""
import json
import socket
import sys


def main():
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(30)
    sock.connect(sys.argv[1])
    f = sock.makefile("rw")

    def reply():
        while True:
            msg = json.loads(f.readline())
            if "return" in msg or "error" in msg:
                return msg

    json.loads(f.readline())  # the greeting
    f.write('{"execute": "qmp_capabilities"}\n')
    f.flush()
    reply()
    for cmd in sys.argv[2:]:
        f.write(cmd + "\n")
        f.flush()
        msg = reply()
        if "error" in msg:
            print(json.dumps(msg["error"]), file=sys.stderr)
            return 1
        print(json.dumps(msg["return"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
