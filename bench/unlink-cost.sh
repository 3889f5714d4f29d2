#!/bin/bash
# How long the file system takes to remove a file of N MB: one whose blocks were written (as an
# InnoDB tablespace's are) and one made with fallocate (no blocks written). TRUNCATE and DROP TABLE
# remove the table's tablespace file; on a file system that discards freed blocks this grows with
# the file (docs/benchmarks.md, "The demo at production size").
#
# Run: bash bench/unlink-cost.sh [MB ...]   (default 16 160 480 1300; DIR=/some/disk to measure
# another file system than /var/tmp's: a fresh folder is made there and removed; needs that much
# free space)
set -euo pipefail
dir=$(mktemp -d "${DIR:-/var/tmp}/drydock-unlink.XXXXXX")
trap 'rm -rf "$dir"' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
echo "| MB | round | remove written file | remove fallocated file |"
echo "|---|---|---|---|"
for mb in ${@:-16 160 480 1300}; do
  for round in 1 2 3; do
    dd if=/dev/zero of="$dir/written" bs=1M count="$mb" oflag=direct status=none
    fallocate -l "${mb}M" "$dir/allocated"
    sync
    start=$(now_ms); rm "$dir/written"; written=$(( $(now_ms) - start ))
    start=$(now_ms); rm "$dir/allocated"; allocated=$(( $(now_ms) - start ))
    echo "| $mb | $round | $written ms | $allocated ms |"
  done
done
