#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetfab-encaps: udp
# vnetfab-timeout: 2400
# A big MAC table through generic netlink: 100000 static entries (10000
# on the debug kernel) installed by vnetfabctl apply and dumped complete,
# each once, each where the file put it; a dump the table changes under
# is flagged NLM_F_DUMP_INTR by the kernel, and vnetfabctl then dumps
# again rather than show a table that never was. Many entries in one
# request (VNETFAB_A_FDB_LIST, which apply sends): applied in order up to
# the first refused one, which the extended ACK points at.
. "$(dirname "$0")/lib.sh"
require_root
require_encap
require_cmd jq awk python3
[ -x "$VNETFABCTL" ] || ktap_skip_all "build userspace/vnetfabctl first"
ktap_header
ktap_plan 19

N=100000
case "$(uname -r)" in *-vnetfab-debug) N=10000 ;; esac
FDBDUMP="/usr/bin/python3 $TOP/selftests/tools/fdbdump.py"
FDBLIST="/usr/bin/python3 $TOP/selftests/tools/fdblist.py"
T=$(mktemp -d /tmp/fdb_dump.XXXXXX)

vnetfab_load
topo_underlay h1 h2
seg_add h1 fab100 100 learning off
ctl h1 peer add dev fab100 remote 192.0.2.2
vm_add h1 vm1 fab100 02:00:00:00:01:01 198.51.100.1/24 -
# since: seconds since a date +%s.%N, one decimal
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# the file: the segment as it is, and N entries behind the peer, the port
# and the host endpoint in turn; MACs 02:aa:00:XX:XX:XX
ctl h1 dump-config >"$T/big.conf"
awk -v n=$N 'BEGIN {
	split("remote 192.0.2.2|port vm1|local", dst, "|")
	for (i = 0; i < n; i++)
		printf "fdb fab100 02:aa:00:%02x:%02x:%02x %s\n",
			int(i / 65536), int(i / 256) % 256, i % 256, dst[i % 3 + 1]
}' >>"$T/big.conf"
# the entries as "MAC DESTINATION", sorted: the file's, and host 1's
awk '$1 == "fdb" { $1 = $2 = ""; sub(/^  /, ""); print }' "$T/big.conf" |
	sort >"$T/want"
have()
{
	ctl h1 fdb show dev fab100 --json |
		jq -r '.[] | .mac + " " + (if .port then "port " + .port
			elif .remote then "remote " + .remote else "local" end)' |
		sort
}

t0=$(date +%s.%N)
check "vnetfabctl apply installs $N static entries" \
	sh -c "ip netns exec h1 $VNETFABCTL apply $T/big.conf >/dev/null"
echo "# apply of $N entries: $(since "$t0") s"
t0=$(date +%s.%N)
have >"$T/have"
echo "# vnetfabctl fdb show --json of $N entries: $(since "$t0") s"
check_eq "vnetfabctl fdb show lists $N entries" $N "$(wc -l <"$T/have")"
check_eq "... each MAC once" $N "$(cut -d' ' -f1 "$T/have" | sort -u | wc -l)"
check "... each where the file put it" cmp -s "$T/want" "$T/have"
check_eq "a second apply changes nothing" "" \
	"$(ctl h1 apply "$T/big.conf" 2>&1)"

# the kernel's side, read one part at a time by a raw genl client
q=$(ip netns exec h1 $FDBDUMP fab100)
echo "# quiet dump: $q"
check_eq "a dump of a quiet table: $N entries, each once, not flagged" \
	"$N $N false" "$(echo "$q" | jq -r '"\(.entries) \(.unique) \(.intr)"')"
check "... in many parts (messages of at most 32 KiB)" \
	test "$(echo "$q" | jq .parts)" -ge 10
# an entry added between parts: the table the dump shows never was, and
# the kernel says so
q=$(ip netns exec h1 $FDBDUMP fab100 --between \
	"$VNETFABCTL fdb add dev fab100 02:bb:00:00:00:01 local")
echo "# dump with an add between parts 2 and 3: $q"
check_eq "a dump the table changed under is flagged NLM_F_DUMP_INTR" true \
	"$(echo "$q" | jq .intr)"

# a file with the first 3000 of them: apply deletes the others
grep -v '^fdb' "$T/big.conf" >"$T/small.conf"
grep '^fdb' "$T/big.conf" | head -n 3000 >>"$T/small.conf"
check "apply of a file with 3000 of the $N deletes the others" \
	sh -c "ip netns exec h1 $VNETFABCTL apply $T/small.conf >/dev/null"
check_eq "... 3000 left" 3000 "$(ctl h1 fdb show dev fab100 --json | jq length)"

# vnetfabctl under churn: an entry added and deleted, one change every
# half second, while it dumps; each dump is either the whole table (the
# 3000 file entries, each once) or refused after 10 attempts, saying so
(
	while :; do
		ctl h1 fdb add dev fab100 02:bb:00:00:00:02 local
		sleep 0.5
		ctl h1 fdb del dev fab100 02:bb:00:00:00:02
		sleep 0.5
	done
) >/dev/null 2>&1 &
churn=$!
ok=0 complete=0 refused=0
for i in $(seq 1 20); do
	if ctl h1 fdb show dev fab100 --json >"$T/d" 2>"$T/err"; then
		complete=$((complete + 1))
		n=$(jq -r '[.[].mac | select(startswith("02:aa:"))] |
			"\(length) \(unique | length)"' "$T/d")
		[ "$n" = "3000 3000" ] && ok=$((ok + 1))
		[ "$n" = "3000 3000" ] || echo "# dump $i: $n of the file's entries"
	elif grep -q "changed during each of 10 dumps" "$T/err"; then
		refused=$((refused + 1))
		ok=$((ok + 1))
	else
		sed 's/^/# /' "$T/err"
	fi
done
kill $churn
wait $churn 2>/dev/null
echo "# under churn: $complete dumps complete, $refused refused as changed"
check_eq "20 dumps under churn: each whole (every file entry once) or refused" \
	20 "$ok"
check "vnetfabctl fdb flush all empties the table" \
	ctl h1 fdb flush dev fab100 all
check_eq "... of all its entries" 0 \
	"$(ctl h1 fdb show dev fab100 --json | jq length)"

# VNETFAB_A_FDB_LIST from a raw client: {"error", "msg", "entry"}
nbb() { ctl h1 fdb show dev fab100 --json | jq '[.[] | select(.mac | startswith("02:bb:"))] | length'; }
fl() { ip netns exec h1 $FDBLIST "$@" | jq -r '[.error, .entry, .msg] | map(tostring) | map(select(. != "")) | join(" ")'; }
check_eq "one request of 2000 entries: all added" "0 0 2000" \
	"$(fl add fab100 2000 192.0.2.2) $(nbb)"
check_eq "one request deletes them" "0 0 0" "$(fl del fab100 2000 192.0.2.2) $(nbb)"
check_eq "the 4th of 10 behind a non-peer: refused, the ACK points at it, the 3 before stay" \
	"2 4 not a peer of this segment; add the peer first 3" \
	"$(fl add fab100 10 192.0.2.2 --bad 4) $(nbb)"
check_eq "an entry and a list in one request: refused, nothing changed" \
	"22 0 give one MAC entry (VNETFAB_A_FDB) or a list (VNETFAB_A_FDB_LIST) 3" \
	"$(fl add fab100 5 192.0.2.2 --single) $(nbb)"
check_eq "an empty list: nothing to do, nothing changed" "0 0 3" \
	"$(fl add fab100 0 192.0.2.2) $(nbb)"
check_eq "deleting 10 of which 7 are not there: the 4th is refused, 3 deleted" \
	"2 4 no entry for that MAC address 0" "$(fl del fab100 10 192.0.2.2) $(nbb)"
rm -rf "$T"
ktap_finish
