#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""linkset.py DEV NAME=VALUE...: one RTM_NEWLINK changing segment DEV with
the IFLA_VNETFAB_<NAME> attributes given (u8, u16 or u32 by the size the
module's policy expects: NAME:8|16|32=VALUE, default 32), past every
front end's own checks, so that what answers is the kernel. Prints the
kernel's extack message and exits 1 when it refuses, exits 0 when it
takes the change. The attribute numbers come from the uapi header."""
import os
import re
import socket
import struct
import sys

from nlack import attr, request

NETLINK_ROUTE = 0
RTM_NEWLINK = 16
NLM_F_REQUEST, NLM_F_ACK = 1, 4
IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_DATA = 18, 1, 2


def numbers():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../..")
    text = open(os.path.join(top, "kmod/uapi/linux/vnetfab.h")).read()
    body = re.search(r"enum \{\s*IFLA_VNETFAB_UNSPEC,(.*?)\};", text, re.S)
    names = re.findall(r"IFLA_VNETFAB_(\w+),", body.group(1))
    return {n: i + 1 for i, n in enumerate(names)}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    num = numbers()
    data = b""
    for arg in sys.argv[2:]:
        name, value = arg.split("=", 1)
        name, _, bits = name.partition(":")
        fmt = {"8": "B", "16": "H", "32": "I", "": "I"}[bits]
        data += attr(num[name.upper()], struct.pack(fmt, int(value, 0)))
    info = attr(IFLA_INFO_KIND, b"vnetfab\0") + attr(IFLA_INFO_DATA, data)
    ifindex = socket.if_nametoindex(sys.argv[1])
    body = struct.pack("BxHiII", socket.AF_UNSPEC, 0, ifindex, 0, 0)
    body += attr(IFLA_LINKINFO, info)
    msg = struct.pack("IHHII", 16 + len(body), RTM_NEWLINK,
                      NLM_F_REQUEST | NLM_F_ACK, 1, 0) + body
    return request(NETLINK_ROUTE, msg)


if __name__ == "__main__":
    sys.exit(main())
