#!/usr/bin/env bash
# OCR speed: seconds per scanned page and per scanned report.
#
# Renders corpus PDFs to 300-dpi grey PNG pages (the scan), then times
# `xxgk import DIR --as-one-report` on each (pages are read in parallel on all cores),
# release build, fresh database each time. Usage: benches/ocr.sh [DPI]
set -euo pipefail
cd "$(dirname "$0")/.."
dpi=${1:-300}
corpus=${CORPUS:-../shared/corpus}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total_pages=0
total_secs=0
printf '| report | pages | seconds | s/page |\n|---|---:|---:|---:|\n'
for name in huaian-2024 hongze-2023 pingtan-2021; do
  dir="$tmp/$name"
  mkdir -p "$dir"
  pdftoppm -r "$dpi" -gray -png "$corpus/real/$name.pdf" "$dir/p"
  pages=$(find "$dir" -name '*.png' | wc -l)
  start=$(date +%s.%N)
  ./target/release/xxgk --db "$tmp/$name.db" import --as-one-report -q "$dir"
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  awk -v n="$name" -v p="$pages" -v s="$secs" 'BEGIN { printf "| %s | %d | %.1f | %.2f |\n", n, p, s, s / p }'
  total_pages=$((total_pages + pages))
  total_secs=$(awk -v a="$total_secs" -v b="$secs" 'BEGIN { print a + b }')
done
awk -v p="$total_pages" -v s="$total_secs" -v c="$(nproc)" 'BEGIN { printf "| all (%d cores) | %d | %.1f | %.2f |\n", c, p, s, s / p }'
