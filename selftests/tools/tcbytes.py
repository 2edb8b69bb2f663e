#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""tcbytes.py DEV INTERVAL CLASS...: every INTERVAL seconds, one line
"MS BYTES..." on stdout: the wall clock in ms and the bytes each traffic
control CLASS (MAJ:MIN, hex, as tc writes it) of DEV has sent, from one
RTM_GETTCLASS dump over one netlink socket, until killed. A sampler that
forks no process per sample: on a one-vCPU guest a costlier one takes
from the traffic it measures, and samples seconds apart."""
import socket
import struct
import sys
import time

RTM_GETTCLASS, RTM_NEWTCLASS = 42, 40
NLM_F_REQUEST, NLM_F_DUMP = 1, 0x300
NLMSG_DONE, NLMSG_ERROR = 3, 2
TCA_STATS2, TCA_STATS_BASIC = 7, 1


def attrs(buf):
    off = 0
    while off + 4 <= len(buf):
        alen, kind = struct.unpack_from("HH", buf, off)
        if alen < 4:
            return
        yield kind & 0x3fff, buf[off + 4:off + alen]
        off += (alen + 3) & ~3


def dump(sock, ifindex, seq):
    msg = struct.pack("BxxxiIII", socket.AF_UNSPEC, ifindex, 0, 0, 0)
    sock.send(struct.pack("IHHII", 16 + len(msg), RTM_GETTCLASS,
                          NLM_F_REQUEST | NLM_F_DUMP, seq, 0) + msg)
    out = {}
    while True:
        data = sock.recv(1 << 16)
        off = 0
        while off + 16 <= len(data):
            length, typ = struct.unpack_from("IH", data, off)
            if length < 16:
                return out
            if typ in (NLMSG_DONE, NLMSG_ERROR):
                return out
            if typ == RTM_NEWTCLASS:
                handle = struct.unpack_from("I", data, off + 24)[0]
                for kind, val in attrs(data[off + 36:off + length]):
                    if kind != TCA_STATS2:
                        continue
                    for k2, v2 in attrs(val):
                        if k2 == TCA_STATS_BASIC and len(v2) >= 8:
                            out[handle] = struct.unpack_from("Q", v2)[0]
            off += (length + 3) & ~3


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    ifindex = socket.if_nametoindex(sys.argv[1])
    interval = float(sys.argv[2])
    want = []
    for c in sys.argv[3:]:
        maj, mnr = c.split(":")
        want.append(int(maj, 16) << 16 | int(mnr or "0", 16))
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    seq = 0
    while True:
        seq += 1
        got = dump(sock, ifindex, seq)
        print(int(time.time() * 1000), *[got.get(h, 0) for h in want],
              flush=True)
        time.sleep(interval)


if __name__ == "__main__":
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
