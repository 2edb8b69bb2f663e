#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Command-line checks for vnetfabctl: exit codes, messages, and no leaks
# under valgrind. Usage: tests/cli.sh ./vnetfabctl   ($VALGRIND optional)
# Checks that need the module to be absent are skipped where it is loaded.

BIN=${1:-./vnetfabctl}
VG=${VALGRIND:-valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect -q}
VG_RC=99	# valgrind's own exit code: distinct from ours (0, 1, 2)
OUT=$(mktemp) ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT
pass=0 fail=0 skip=0 n=0

# check WANT_RC STDERR_GREP DESC -- ARGS...   (runs plain and under valgrind)
check() {
	want=$1 pat=$2 desc=$3
	shift 4
	for mode in plain valgrind; do
		n=$((n + 1))
		if [ $mode = plain ]; then
			"$BIN" "$@" >"$OUT" 2>"$ERR"
		else
			$VG --error-exitcode=$VG_RC "$BIN" "$@" >"$OUT" 2>"$ERR"
		fi
		rc=$?
		if [ $rc -eq "$want" ] && { [ -z "$pat" ] || grep -q -- "$pat" "$ERR" "$OUT"; }; then
			pass=$((pass + 1))
			echo "ok $n - $desc ($mode)"
		else
			fail=$((fail + 1))
			echo "not ok $n - $desc ($mode): exit $rc, want $want, grep '$pat'"
			sed 's/^/#   /' "$ERR"
		fi
	done
}

skipn() {
	n=$((n + 2)); skip=$((skip + 2))
	echo "ok $((n - 1)) # SKIP $1"
	echo "ok $n # SKIP $1"
}

usage_hint="see 'vnetfabctl help'"

check 0 "Usage:" "help" -- help
check 0 "Usage:" "-h" -- -h
check 0 "Usage:" "--help" -- --help
check 0 "vnetfabctl " "--version" -- --version
check 2 "$usage_hint" "no command" --
check 2 "unknown command 'bogus'" "unknown command" -- bogus
check 2 "unknown option" "unknown option" -- --bogus
check 2 "$usage_hint" "show with two devices" -- show a b
check 2 "longer than 15" "show with an overlong name" -- show 1234567890123456
check 2 "expected 1..16777215" "id 0" -- segment add fab0 id 0
check 2 "expected 1..16777215" "id 16777216" -- segment add fab0 id 16777216
check 2 "'12x'" "id 12x" -- segment add fab0 id 12x
check 2 "expected udp or gre" "bad encap" -- segment add fab0 encap ipip
check 2 "needs a value" "id without value" -- segment add fab0 id
check 2 "missing device name" "del without name" -- segment del
check 2 "$usage_hint" "segment without subcommand" -- segment
check 0 "segment set NAME SETTINGS" "help documents segment set" -- help
check 0 "peer list dev SEG" "help documents peer" -- help
check 0 "fdb show dev SEG" "help documents fdb" -- help

# -n NETNS
check 2 "-n needs a network namespace name" "-n without a name" -- -n
check 1 "-n vnf-no-such-ns: no such network namespace (see 'ip netns list')" \
	"-n of a missing netns" -- -n vnf-no-such-ns show
check 1 "not a network namespace name" "-n with a path" -- -n ../x show
# after -j or -p too, as ip takes them
check 1 "-n vnf-no-such-ns: no such network namespace (see 'ip netns list')" \
	"-j -p -n of a missing netns" -- -j -p -n vnf-no-such-ns show

# segment add/set options
check 2 "invalid ttl '0' (expected 1..255)" "ttl 0" -- segment add fab0 ttl 0
check 2 "invalid ttl '256' (expected 1..255)" "ttl 256" -- segment add fab0 ttl 256
check 2 "expected 0..255, 0x00..0xff or inherit" "bad tos" -- segment add fab0 tos 256
check 2 "expected 0..255, 0x00..0xff or inherit" "bad hex tos" -- segment add fab0 tos 0x1g
check 2 "expected unset, set or inherit" "bad df" -- segment add fab0 df on
check 2 "invalid ageing '0'" "ageing 0" -- segment add fab0 ageing 0
check 2 "expected on or off" "bad learning" -- segment add fab0 learning yes
check 2 "expected 1..16777216" "maxaddr too big" -- segment add fab0 maxaddr 16777217
check 2 "expected 1..65535" "dstport 65536" -- segment add fab0 dstport 65536
check 2 "invalid local address '192.0.2.999'" "bad local" -- segment add fab0 local 192.0.2.999
check 2 "'ttl' given twice" "duplicate ttl" -- segment add fab0 ttl 1 ttl 2
check 2 "'local' needs a value" "local without value" -- segment add fab0 local
check 2 "invalid device name" "bad underlay name" -- segment add fab0 dev a/b
# COMMAND help: that command's part of the help
check 0 "vnetfabctl segment set NAME SETTINGS" "segment help" -- segment help
check 0 "SETTINGS := \[ttl N\]" "segment help: its SETTINGS" -- segment help
check 0 "  peer list    list the peers of SEG" "peer help" -- peer help
check 0 "vnetfabctl graph \[--json\]" "graph help" -- graph help
check 0 "vnetfabctl show \[\[dev\] DEV\]" "show help" -- show help
# a control byte of the user's reaches the terminal escaped, not raw
check 2 "invalid encap '\\\\x1b\\[31mred'" "escape sequence escaped" -- \
	segment add fab0 encap "$(printf '\033[31mred')"
check 1 "fab\\\\x01: No such device" "a device name's control byte escaped" -- \
	segment set "$(printf 'fab\001')" ttl 5
check 2 "'id' is fixed at creation" "set id" -- segment set fab0 id 5
check 2 "'dstport' is fixed at creation" "set dstport" -- segment set fab0 dstport 4789
check 2 "'dev' is fixed at creation" "set dev" -- segment set fab0 ttl 3 dev eth0
check 2 "nothing to change" "set without settings" -- segment set fab0
check 2 "$usage_hint" "set without name" -- segment set

# peer liveness
check 2 "invalid probe '50': probe must be off or 100..60000 ms" "probe 50" -- segment add fab0 probe 50
check 2 "probe must be off or 100..60000 ms" "probe 60001" -- segment set fab0 probe 60001
check 2 "invalid probe 'abc'" "probe abc" -- segment set fab0 probe abc
check 2 "probe-misses must be 2..255" "probe-misses 1" -- segment add fab0 probe-misses 1
check 2 "invalid probe-misses '256'" "probe-misses 256" -- segment set fab0 probe-misses 256
check 2 "probe must be off or 100..60000 ms" "peer probe 50" -- peer add dev fab0 remote 192.0.2.2 probe 50
check 2 "peer del: unknown argument 'probe'" "peer del with probe" -- peer del dev fab0 remote 192.0.2.2 probe off
check 0 "probe-misses" "help documents probe-misses" -- help
check 1 "vnfctltest1: No such device" "segment set probe of a missing device" -- segment set vnfctltest1 probe off probe-misses 5

# underlay paths, and the hold-down of failback
check 2 "peer add: at most 4 paths (remote and 3 path) per peer" "peer add with 5 paths" -- \
	peer add dev fab0 remote 192.0.2.2 path 1.0.0.1 path 1.0.0.2 path 1.0.0.3 path 1.0.0.4
check 2 "path 2001:db8::2: another family than remote 192.0.2.2" "a path of another family" -- \
	peer add dev fab0 remote 192.0.2.2 path 2001:db8::2
check 2 "local 2001:db8::1: another family than path 198.51.100.2" "a local of another family" -- \
	peer set dev fab0 remote 192.0.2.2 path 198.51.100.2 local 2001:db8::1
check 2 "'path' goes after 'remote ADDR'" "path before remote" -- peer add dev fab0 path 192.0.2.2
check 2 "peer set: 192.0.2.3 given twice, as a remote or path of two peers" "a path of one peer as another's remote" -- \
	peer set dev fab0 remote 192.0.2.2 path 192.0.2.3 remote 192.0.2.3
check 2 "peer del: unknown argument 'path'" "peer del with a path" -- peer del dev fab0 remote 192.0.2.2 path 192.0.2.3
check 2 "invalid hold-down '600001': hold-down must be 0..600000 ms" "hold-down 600001" -- segment set fab0 hold-down 600001
check 2 "segment add: 'hold-down' needs a value" "hold-down without value" -- segment add fab0 hold-down
check 0 "PATH     := path ADDR \[local ADDR\]" "help documents path" -- help
check 0 "hold-down" "help documents hold-down" -- help
check 1 "vnfctltest1: No such device" "segment set hold-down of a missing device" -- segment set vnfctltest1 hold-down 0

# peers
check 2 "missing 'remote ADDR'" "peer add without remote" -- peer add dev fab0
check 2 "missing 'dev SEG'" "peer add without dev" -- peer add remote 192.0.2.2
check 2 "invalid remote address 'bogus'" "peer add bad address" -- peer add dev fab0 remote bogus
check 2 "'remote' given twice" "peer add two remotes" -- peer add dev fab0 remote 192.0.2.2 remote 192.0.2.3
check 2 "expected 1..65535" "peer dstport 0" -- peer del dev fab0 remote 2001:db8::2 dstport 0
check 2 "missing 'dev SEG'" "peer list without dev" -- peer list --json
check 2 "unknown argument 'remote'" "peer list with remote" -- peer list dev fab0 remote 192.0.2.2
check 2 "unknown subcommand 'frob'" "peer frob" -- peer frob

# MAC table
check 2 "missing destination" "fdb add without destination" -- fdb add dev fab0 02:00:00:00:00:01
check 2 "invalid MAC address 'zz:00:00:00:00:01'" "fdb add bad MAC" -- fdb add dev fab0 zz:00:00:00:00:01 local
check 2 "only one of 'port', 'remote' and 'local'" "fdb add two destinations" -- fdb add dev fab0 02:00:00:00:00:01 port veth1 local
check 2 "'dstport' goes with 'remote ADDR' only" "fdb add dstport without remote" -- fdb add dev fab0 02:00:00:00:00:01 local dstport 4789
check 2 "missing MAC address" "fdb del without MAC" -- fdb del dev fab0
check 2 "missing 'dev SEG'" "fdb show without dev" -- fdb show
check 2 "unknown argument 'port'" "fdb del with a destination" -- fdb del dev fab0 02:00:00:00:00:01 port veth1

# names resolved before anything is sent (no module needed)
check 1 "vnfnosuch0: No such device" "segment add with a missing underlay" -- segment add vnfctltest2 dev vnfnosuch0
check 1 "vnfnosuch0: No such device" "fdb add with a missing port" -- fdb add dev fab0 02:00:00:00:00:01 port vnfnosuch0
check 1 "vnfctltest1: No such device" "segment set of a missing device" -- segment set vnfctltest1 ttl 5
check 1 "lo: not a vnetfab segment" "segment set of a non-vnetfab device" -- segment set lo ttl 5

# apply of a fabric file (tests/config/): the host's part is chosen and
# checked before the running state is read (no module needed)
C=tests/config
check 0 "apply \[--host NAME\] FILE \[--dry-run|--check\] \[--prune\]" "help documents apply --host and --check" -- help
check 2 "apply: '--host' needs the name of a host line of FILE" "apply --host without NAME" -- apply $C/good-fabric.conf --host
check 2 "good-fabric.conf: host h9 is not defined in this file (its hosts: h1, h2, h3, h4)" \
	"apply --host that the file does not name" -- apply --host h9 $C/good-fabric.conf
check 2 "good-minimal.conf: --host h1: this file has no host lines" "apply --host of a plain file" -- apply --host h1 $C/good-minimal.conf
check 2 "bad-fabric-mac-host.conf:6: fdb: host h3 does not carry segment fab100" \
	"apply of a bad fabric file names its line" -- apply --host h1 $C/bad-fabric-mac-host.conf
# apply --check: the file alone, no module and no running state read
check 0 "good-full.conf: valid: 3 segments, 5 peers, 4 static MAC entries$" \
	"apply --check of a good file" -- apply --check $C/good-full.conf
check 0 "good-fabric.conf: valid: 2 segments, 3 peers, 1 static MAC entries for host h1$" \
	"apply --check of a fabric file: the host's part" -- apply --host h1 $C/good-fabric.conf --check
check 2 "bad-quotes.conf:1: quotes in '\"fab0\"'" "apply --check of a bad file names its line" -- \
	apply --check $C/bad-quotes.conf

# graph: its arguments, and files of hosts' views (tests/graph/)
G=tests/graph
check 0 "graph \[--json\] \[--svg FILE\] \[FILE...\]" "help documents graph" -- help
check 2 "graph: '--svg' needs a file name (--svg FILE)" "graph --svg without FILE" -- graph --svg
check 2 "graph: '--svg' needs a file name" "graph --svg followed by an option" -- graph --svg --json
check 2 "graph: '--svg' given twice" "graph --svg twice" -- graph --svg a.svg --svg b.svg
check 2 "graph: --json writes this host's view and reads no FILE" "graph --json FILE" -- graph --json $G/h1.json
check 2 "graph: --json writes this host's view" "--json before graph" -- --json graph $G/h1.json
check 2 "graph: unknown option '--dot'" "graph --dot" -- graph --dot
check 1 "vnf-no-such-file.json: No such file or directory" "graph of a missing file" -- graph $G/h1.json vnf-no-such-file.json
check 1 "$G: Is a directory" "graph of a directory" -- graph $G
check 1 "$G/truncated.json: line 2, column 1: unexpected end of the text (expected a JSON value)" \
	"graph of a truncated file" -- graph $G/truncated.json
check 1 "$G/huge.json: segments\[0\].peers\[0\].tx_packets: expected an integer 0..18446744073709551615" \
	"graph of a file with a huge counter" -- graph $G/huge.json
check 1 "vnetfabctl: tests/cli.sh: line 1, column 1: unexpected '#'" \
	"graph of a file that is not JSON" -- graph tests/cli.sh $G/h1.json
check 1 "$G/h1.json: host 'h1' is $G/h1.json's too (the same host twice?)" \
	"graph of one host twice" -- graph $G/h1.json $G/h1.json
check 0 "// vnetfabctl graph: 3 hosts, 5 segments, 9 peer entries, 5 edges" \
	"graph of three hosts" -- graph $G/h1.json $G/h2.json $G/h3.json
if command -v dot >/dev/null; then
	SVG=$(mktemp)
	check 0 "" "graph --svg of three hosts" -- graph --svg "$SVG" $G/h1.json $G/h2.json $G/h3.json
	n=$((n + 1))
	if grep -q "<svg" "$SVG" && grep -q "h1 sent 20 pkts, 1.9 KiB" "$SVG"; then
		pass=$((pass + 1)); echo "ok $n - graph --svg wrote the SVG"
	else
		fail=$((fail + 1)); echo "not ok $n - graph --svg wrote the SVG"
	fi
	rm -f "$SVG"
	check 1 "dot -Tsvg failed (exit status 1)" "graph --svg into a missing directory" -- \
		graph --svg /nonexistent-vnf-dir/x.svg $G/h1.json
else
	skipn "no Graphviz dot (graph --svg)"
	n=$((n + 1)); skip=$((skip + 1)); echo "ok $n # SKIP no Graphviz dot (graph --svg)"
	check 1 "apt install graphviz" "graph --svg without Graphviz" -- graph --svg x.svg $G/h1.json
fi

if [ -d /sys/module/vnetfab ]; then
	for d in "show" "show --json" "show DEV" "segment add" "segment del" \
		 "peer add" "peer list" "fdb add" "fdb show" "graph" "graph --json"; do
		skipn "vnetfab module is loaded ($d)"
	done
else
	check 1 "(modprobe vnetfab)" "show without the module" -- show
	check 1 "(modprobe vnetfab)" "show --json without the module" -- show --json
	check 1 "(modprobe vnetfab)" "show DEV without the module" -- show fab0
	# No module, so no device can appear; should the kernel load one on
	# demand after all, remove what we made and skip.
	"$BIN" segment add vnfctltest0 >/dev/null 2>&1
	if [ $? -eq 0 ]; then
		"$BIN" segment del vnfctltest0 >/dev/null 2>&1
		skipn "module loaded on demand (segment add)"
	else
		check 1 "^vnetfabctl: " "segment add without the module" -- segment add vnfctltest0 id 5 encap gre
	fi
	check 1 "vnfctltest1: No such device" "segment del of a missing device" -- segment del vnfctltest1
	check 1 "(modprobe vnetfab)" "peer add without the module" -- peer add dev vnfctltest1 remote 192.0.2.2 dstport 4789
	check 1 "(modprobe vnetfab)" "peer list without the module" -- peer list dev vnfctltest1 --json
	check 1 "(modprobe vnetfab)" "fdb add without the module" -- fdb add dev vnfctltest1 02:00:00:00:00:01 remote 2001:db8::1
	check 1 "(modprobe vnetfab)" "fdb show without the module" -- fdb show dev vnfctltest1
	check 1 "(modprobe vnetfab)" "graph without the module" -- graph
	check 1 "(modprobe vnetfab)" "graph --json without the module" -- graph --json
fi
# lo is no vnetfab segment (and the kernel never deletes lo anyway)
check 1 "lo: not a vnetfab segment" "segment del of a non-vnetfab device" -- segment del lo

echo "1..$n"
echo "cli: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
