#!/usr/bin/env bash
# Scale benchmark: generated reports → import rate, database size, peak memory, and
# query latency, printed as a Markdown table.
#
#   benches/scale.sh [-f txt,html,docx] N [N …]      e.g. benches/scale.sh 1000 10000 100000
#
# Reports are generated once per (format, N) under ${XXGK_SCALE_DIR:-/tmp/xxgk-scale}
# by `cargo run --release -p xxgk-synth`. Each import starts from a fresh database;
# query latency is the median of 5 runs of the whole command (process start included),
# output to /dev/null as CSV. The machine's speed at the time is printed before and after the
# table: the same one-core awk loop every time, whose time tells a slow spell of a shared
# machine from a slower build.
set -euo pipefail
cd "$(dirname "$0")/.."
formats=txt,html,docx
if [ "${1:-}" = "-f" ]; then formats=$2; shift 2; fi
[ $# -gt 0 ] || set -- 1000 10000
root=${XXGK_SCALE_DIR:-/tmp/xxgk-scale}
cargo build -q --release -p xxgk-synth --example synth
cargo build -q --release
x=target/release/xxgk
synth=target/release/examples/synth

median_ms() { # command… → median wall time of 5 runs, in ms
  local times=()
  for _ in 1 2 3 4 5; do
    local t0=$(date +%s%N); "$@" >/dev/null; local t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

calibrate() { # → wall time of a fixed one-core loop (20 million additions in awk), in ms
  local t0=$(date +%s%N)
  awk 'BEGIN { for (i = 0; i < 20000000; i++) s += i }'
  local t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; calibration (awk, 20 million additions): $(calibrate) ms"
echo
echo "| format | reports | import s | reports/s | DB KB/report | peak RSS MB | trend ms | trend --by province ms | compare ms | rank ms | show ms | agencies ms |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for fmt in ${formats//,/ }; do
  for n in "$@"; do
    dir=$root/$fmt-$n
    if [ ! -d "$dir/reports" ]; then
      $synth --reports "$n" --formats "$fmt" --out "$dir" --seed 42 >/dev/null 2>&1
    fi
    db=$root/$fmt-$n.db
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f '%e %M' -o "$root/time" $x --db "$db" -q import "$dir/reports"
    read -r secs peak_kb < "$root/time"
    size=$(stat -c %s "$db")
    mid=$($x --db "$db" sql "SELECT report_id FROM reports ORDER BY report_id LIMIT 1 OFFSET $((n / 2))" -f csv | tail -1)
    printf '| %s | %d | %.1f | %.0f | %.1f | %.0f | %s | %s | %s | %s | %s | %s |\n' \
      "$fmt" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$size / $n / 1024" | bc -l)" "$(echo "$peak_kb / 1024" | bc -l)" \
      "$(median_ms $x --db "$db" -f csv trend applications)" \
      "$(median_ms $x --db "$db" -f csv trend applications --by province)" \
      "$(median_ms $x --db "$db" -f csv compare 2021 2022)" \
      "$(median_ms $x --db "$db" -f csv rank applications --year 2022 --top 20)" \
      "$(median_ms $x --db "$db" -f csv show "$mid")" \
      "$(median_ms $x --db "$db" -f csv agencies)"
  done
done
echo
echo "calibration after the runs: $(calibrate) ms"
