#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Add or delete many MAC entries of a segment in one generic netlink
request (VNETFAB_CMD_ADD_FDB / DEL_FDB with VNETFAB_A_FDB_LIST), over a
raw socket, and say what the kernel answered:

  fdblist.py add|del SEG N PEER [--bad K] [--single]

N entries 02:bb:00:00:HH:LL (0..N-1) behind peer PEER (IPv4); with
--bad K (1-based) the K-th names 192.0.2.254 instead, which is not a
peer; with --single, a VNETFAB_A_FDB as well as the list. Prints
{"error": ERRNO, "msg": EXTACK, "entry": I}: I the 1-based entry the
extended ACK's offset points into (0: none, before the first)."""

import json
import socket
import struct
import sys

from fdbdump import Genl, attr, family_id, uapi_enums

NLMSG_ERROR = 2
NLM_F_ACK = 0x4
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NETLINK_EXT_ACK, NETLINK_CAP_ACK, SOL_NETLINK = 11, 10, 270
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS = 1, 2
NLA_F_NESTED = 0x8000


def main():
    op, seg, n, peer = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    bad = int(sys.argv[sys.argv.index("--bad") + 1]) \
        if "--bad" in sys.argv else 0
    e = uapi_enums()
    nl = Genl()
    nl.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    nl.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    family = family_id(nl)

    def entry(i, addr):
        mac = bytes([2, 0xbb, 0, 0, i >> 8, i & 255])
        body = attr(e["VNETFAB_FDB_A_MAC"], mac)
        if op == "add":
            body += attr(e["VNETFAB_FDB_A_PEER"] | NLA_F_NESTED,
                         attr(e["VNETFAB_PEER_A_ADDR4"],
                              socket.inet_aton(addr)))
        return attr(e["VNETFAB_A_FDB"] | NLA_F_NESTED, body)

    head = attr(e["VNETFAB_A_IFNAME"], seg.encode() + b"\0")
    if "--single" in sys.argv:
        head += entry(n, peer)
    # offsets into the request: nlmsghdr 16, genlmsghdr 4, then attributes
    first = 16 + 4 + len(head) + 4
    entries, starts = b"", []
    for i in range(n):
        starts.append(first + len(entries))
        entries += entry(i, "192.0.2.254" if i + 1 == bad else peer)
    cmd = e["VNETFAB_CMD_ADD_FDB" if op == "add" else "VNETFAB_CMD_DEL_FDB"]
    payload = head + attr(e["VNETFAB_A_FDB_LIST"] | NLA_F_NESTED, entries)
    nl.send(family, NLM_F_ACK, cmd, e["VNETFAB_GENL_VERSION"], payload)
    reply = nl.sock.recv(1 << 20)
    length, rtype, rflags = struct.unpack_from("IHH", reply)
    if rtype != NLMSG_ERROR:
        sys.exit("unexpected reply type %d" % rtype)
    err = -struct.unpack_from("i", reply, 16)[0]
    # the request is echoed unless capped; the TLVs follow it
    off = 20 + (16 if rflags & NLM_F_CAPPED else 16 + 4 + len(payload))
    msg, where = "", -1
    while err and rflags & NLM_F_ACK_TLVS and off + 4 <= length:
        alen, akind = struct.unpack_from("HH", reply, off)
        if alen < 4:
            break
        if akind == NLMSGERR_ATTR_MSG:
            msg = reply[off + 4:off + alen].rstrip(b"\0").decode()
        elif akind == NLMSGERR_ATTR_OFFS:
            where = struct.unpack_from("I", reply, off + 4)[0]
        off += (alen + 3) & ~3
    index = sum(1 for s in starts if s <= where) if where >= 0 else 0
    print(json.dumps({"error": err, "msg": msg, "entry": index}))


if __name__ == "__main__":
    main()
