# SPDX-License-Identifier: GPL-2.0
"""nlack.py: one netlink request and its ACK, for the tools beside it
(linkset.py, neigh.py): what the kernel said, and its extack message."""
import os
import socket
import struct

NLMSG_ERROR = 2
NETLINK_EXT_ACK = 11
NLMSGERR_ATTR_MSG = 1
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
SOL_NETLINK = 270


def attr(kind, payload):
    """A netlink attribute, padded."""
    n = 4 + len(payload)
    return struct.pack("HH", n, kind) + payload + b"\0" * ((4 - n % 4) % 4)


def request(protocol, msg):
    """Sends @msg (with NLM_F_ACK) on a socket of @protocol: 0, or 1 after
    printing the error and the kernel's extack message."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, protocol)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    s.send(msg)
    reply = s.recv(65536)
    length, rtype, rflags = struct.unpack_from("IHH", reply)
    if rtype != NLMSG_ERROR:
        raise SystemExit("unexpected reply type %d" % rtype)
    err = struct.unpack_from("i", reply, 16)[0]
    if not err:
        return 0
    # the request is echoed unless capped; the TLVs follow it
    off = 20 + (16 if rflags & NLM_F_CAPPED else len(msg))
    text = ""
    while rflags & NLM_F_ACK_TLVS and off + 4 <= length:
        alen, akind = struct.unpack_from("HH", reply, off)
        if alen < 4:
            break
        if akind == NLMSGERR_ATTR_MSG:
            text = reply[off + 4:off + alen].rstrip(b"\0").decode()
        off += (alen + 3) & ~3
    print("%s: %s" % (os.strerror(-err), text or "(no message)"))
    return 1
