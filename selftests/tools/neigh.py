#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""neigh.py new|del DEV MAC [flags=CREATE,APPEND,...] [state=PERMANENT,NOARP,...]
           [ntf=SELF,EXT_LEARNED,...] [dst=ADDR] [port=N] [vni=N] [vlan=N]

One AF_BRIDGE RTM_NEWNEIGH or RTM_DELNEIGH for DEV, built field by field
as an agent builds it (FRR's zebra, flannel's netlink library), not as
bridge(8) does: the message is what the test names, nothing added. Prints
the kernel's extack message and exits 1 on a refusal, exits 0 on success.
"""
import ipaddress
import socket
import struct
import sys

from nlack import attr, request

RTM_NEWNEIGH, RTM_DELNEIGH = 28, 29
NLM_F = {"REQUEST": 1, "ACK": 4, "REPLACE": 0x100, "EXCL": 0x200,
         "CREATE": 0x400, "APPEND": 0x800}
NUD = {"INCOMPLETE": 1, "REACHABLE": 2, "STALE": 4, "DELAY": 8, "PROBE": 0x10,
       "FAILED": 0x20, "NOARP": 0x40, "PERMANENT": 0x80}
NTF = {"USE": 1, "SELF": 2, "MASTER": 4, "PROXY": 8, "EXT_LEARNED": 0x10,
       "OFFLOADED": 0x20, "STICKY": 0x40, "ROUTER": 0x80}
NDA_DST, NDA_LLADDR, NDA_VLAN, NDA_PORT, NDA_VNI = 1, 2, 5, 6, 7
NETLINK_ROUTE = 0


def bits(table, spec):
    v = 0
    for name in filter(None, spec.split(",")):
        v |= table[name.upper()]
    return v


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("new", "del"):
        sys.exit(__doc__)
    opts = dict(a.split("=", 1) for a in sys.argv[4:])
    ifindex = socket.if_nametoindex(sys.argv[2])
    flags = NLM_F["REQUEST"] | NLM_F["ACK"] | bits(NLM_F, opts.get("flags", ""))
    state = bits(NUD, opts.get("state", ""))
    ntf = bits(NTF, opts.get("ntf", "SELF"))
    body = struct.pack("BxxxiHBB", socket.AF_BRIDGE, ifindex, state, ntf, 0)
    body += attr(NDA_LLADDR, bytes.fromhex(sys.argv[3].replace(":", "")))
    if "dst" in opts:
        body += attr(NDA_DST, ipaddress.ip_address(opts["dst"]).packed)
    if "port" in opts:
        body += attr(NDA_PORT, struct.pack("!H", int(opts["port"])))
    if "vni" in opts:
        body += attr(NDA_VNI, struct.pack("I", int(opts["vni"])))
    if "vlan" in opts:
        body += attr(NDA_VLAN, struct.pack("H", int(opts["vlan"])))
    typ = RTM_NEWNEIGH if sys.argv[1] == "new" else RTM_DELNEIGH
    msg = struct.pack("IHHII", 16 + len(body), typ, flags, 1, 0) + body
    return request(NETLINK_ROUTE, msg)


if __name__ == "__main__":
    sys.exit(main())
