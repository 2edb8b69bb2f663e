#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-boot: ipv6.disable=1
# Configurations the kernel may lack, a bug class of tunnel drivers.
# check.sh boots each kernel once more for this test, with the arguments
# of the line above: IPv6 disabled on the command line (the ipv6 code is
# there, its sockets and routes are not). The module loads; UDP and GRE
# segments carry IPv4 underlays; an IPv6 peer and an IPv6 local address
# are refused, saying why, and the IPv4 peer keeps working (the peer
# check read IPv6's address table, absent then: a NULL dereference);
# and, while ip_gre cannot be loaded (an install rule in modprobe.d,
# where ip_gre is a module), a GRE segment is refused naming it, and
# nothing is left.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd jq ping
[ -d /proc/sys/net/ipv6 ] &&
	ktap_skip_all "needs a boot with ipv6.disable=1 (check.sh makes one)"
ktap_header
ktap_plan 10

# no ip_gre: vnetfab asks for it when it loads; an install rule in
# modprobe.d makes that fail, as on a kernel built without it
rule=/etc/modprobe.d/vnetfab-test-no-ip-gre.conf
module_builtin ip_gre || echo "install ip_gre /bin/false" >$rule
check "the module loads with IPv6 disabled" vnetfab_load
ns_create h0
if ! module_builtin ip_gre; then
	check_err "no ip_gre: a GRE segment is refused naming it" "ip_gre" \
		ctl h0 segment add fab7 id 7 encap gre
	check_eq "no ip_gre: the refused segment left no device" 0 "$(count_links h0)"
else
	ktap_result SKIP "no ip_gre: a GRE segment is refused naming it" \
		"ip_gre is built into this kernel"
	ktap_result SKIP "no ip_gre: the refused segment left no device" \
		"ip_gre is built into this kernel"
fi
rm -f $rule
modprobe ip_gre

# the underlay and VMs, IPv4 only (lib.sh adds no IPv6 without it)
topo_underlay h1 h2
for e in udp gre; do
	id=100
	[ $e = gre ] && id=200
	for h in h1 h2; do
		ctl $h segment add fab$id id $id encap $e
		ip -n $h link set fab$id up
	done
	ctl h1 peer add dev fab$id remote 192.0.2.2
	ctl h2 peer add dev fab$id remote 192.0.2.1
	vm_add h1 vm1$e fab$id 02:00:00:00:01:$((id / 100)) 198.51.$id.1/24 -
	vm_add h2 vm2$e fab$id 02:00:00:00:02:$((id / 100)) 198.51.$id.2/24 -
done
check "a UDP segment carries an IPv4 underlay" ping_ok vm1udp 198.51.100.2
check "a GRE segment carries an IPv4 underlay" ping_ok vm1gre 198.51.200.2

# IPv6 addresses: refused with a reason, nothing changed
check_err "an IPv6 peer is refused, naming IPv6 disabled" "IPv6 is disabled" \
	ctl h1 peer add dev fab100 remote 2001:db8::2
check_eq "the segment keeps its one IPv4 peer" 1 \
	"$(ctl h1 peer list dev fab100 --json | jq length)"
check "the IPv4 peer still carries traffic" ping_ok vm1udp 198.51.100.2
check_err "an IPv6 local address is refused, naming IPv6 disabled" \
	"IPv6 is disabled" ctl h1 segment add fab9 id 9 local 2001:db8::1
ns_cleanup
check "the module unloads" vnetfab_unload
ktap_finish
