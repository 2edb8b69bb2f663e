#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Dump a segment's MAC table (VNETFAB_CMD_GET_FDB) over a raw generic
netlink socket, one part at a time, and say what came back:

  fdbdump.py SEG [--between CMD]

prints {"parts": N, "entries": N, "unique": N, "intr": BOOL}: the
messages that carried an entry, the distinct MACs among them, and whether
any message had NLM_F_DUMP_INTR. With --between, CMD runs (through the
shell) once the first two parts have been read, so that the table changes
while the kernel still has parts to build: each read of a part makes the
kernel build the next one, and the first part built after CMD must carry
the flag.

The command and attribute numbers are read from the uapi header."""

import json
import os
import re
import socket
import struct
import subprocess
import sys

HDR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "../../kmod/uapi/linux/vnetfab.h")
NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x4, 0x300
NLM_F_DUMP_INTR = 0x10
NLMSG_ERROR, NLMSG_DONE = 2, 3


def uapi_enums():
    """name -> value for the members of the header's enums"""
    text = open(HDR).read()
    values = {}
    for body in re.findall(r"enum[^{]*\{([^}]*)\}", text):
        n = 0
        for item in body.split(","):
            item = re.sub(r"/\*.*?\*/", "", item, flags=re.S).strip()
            if not item:
                continue
            name, _, val = item.partition("=")
            if val.strip():
                n = int(val.strip(), 0)
            values[name.strip()] = n
            n += 1
    for name, val in re.findall(r"#define\s+(VNETFAB_\w+)\s+(\d+)\s*$", text,
                                flags=re.M):
        values[name] = int(val)
    return values


def attr(atype, data):
    length = 4 + len(data)
    return struct.pack("HH", length, atype) + data + b"\0" * (-length % 4)


def attrs(data):
    out = {}
    while len(data) >= 4:
        length, atype = struct.unpack_from("HH", data)
        if length < 4:
            break
        out[atype & 0x3fff] = data[4:length]
        data = data[(length + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = 0

    def send(self, family, flags, cmd, version, payload):
        self.seq += 1
        body = struct.pack("BBH", cmd, version, 0) + payload
        self.sock.send(struct.pack("IHHII", 16 + len(body), family,
                                   NLM_F_REQUEST | flags, self.seq, 0) + body)

    def parts(self):
        """each datagram of the reply, as a list of (type, flags, payload)"""
        while True:
            data = self.sock.recv(1 << 20)
            msgs = []
            while len(data) >= 16:
                length, mtype, flags, _, _ = struct.unpack_from("IHHII", data)
                msgs.append((mtype, flags, data[16:length]))
                data = data[(length + 3) & ~3:]
            yield msgs


def family_id(nl):
    """the id of generic netlink family vnetfab, or exit"""
    nl.send(GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1,
            attr(CTRL_ATTR_FAMILY_NAME, b"vnetfab\0"))
    family = None
    for msgs in nl.parts():
        for mtype, _, payload in msgs:
            if mtype == GENL_ID_CTRL:
                a = attrs(payload[4:])
                family = struct.unpack("H", a[CTRL_ATTR_FAMILY_ID][:2])[0]
            elif mtype == NLMSG_ERROR:
                err = struct.unpack_from("i", payload)[0]
                if err:
                    sys.exit("family vnetfab: error %d" % err)
                break
        else:
            continue
        break
    if family is None:
        sys.exit("family vnetfab not found: is the module loaded?")
    return family


def main():
    seg = sys.argv[1]
    between = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--between" \
        else None
    e = uapi_enums()
    nl = Genl()
    family = family_id(nl)

    nl.send(family, NLM_F_DUMP, e["VNETFAB_CMD_GET_FDB"],
            e["VNETFAB_GENL_VERSION"],
            attr(e["VNETFAB_A_IFNAME"], seg.encode() + b"\0"))
    parts = entries = 0
    macs = set()
    intr = False
    for msgs in nl.parts():
        done = False
        for mtype, flags, payload in msgs:
            if flags & NLM_F_DUMP_INTR:
                intr = True
            if mtype == NLMSG_DONE:
                done = True
            elif mtype == NLMSG_ERROR:
                err = struct.unpack_from("i", payload)[0]
                sys.exit("dump of %s: error %d" % (seg, err))
            elif mtype == family:
                fdb = attrs(payload[4:]).get(e["VNETFAB_A_FDB"])
                if fdb is not None:
                    entries += 1
                    macs.add(attrs(fdb)[e["VNETFAB_FDB_A_MAC"]])
        parts += 1
        if done:
            break
        if parts == 2 and between:
            subprocess.run(between, shell=True, check=True)
    print(json.dumps({"parts": parts, "entries": entries,
                      "unique": len(macs), "intr": intr}))


if __name__ == "__main__":
    main()
