#!/usr/bin/env bash
# Run one fuzz target for a while: bash fuzz/run.sh TARGET SECONDS
# Needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz); seeds: fuzz/seed.sh.
# Crashes land in fuzz/artifacts/TARGET/; minimise with `cargo fuzz tmin TARGET FILE`,
# then add the result under tests/fixtures/regress/TARGET/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$1"; secs="${2:-600}"
cd "$here"
mkdir -p "corpus/$target"
exec cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "${@:3}"
