#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seeds (the corpus directories are not committed).
# Sources: the bundled examples, tests/fixtures, and the shared corpus of real reports
# (../shared/corpus/real beside the repository, or /work/shared/corpus/real).
# PDF seeds are pdftotext's -bbox-layout output of the real PDFs (the target never runs
# pdftotext itself). Run from anywhere: bash fuzz/seed.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
real=""
for c in "$repo/../shared/corpus/real" "$repo/../../shared/corpus/real" /work/shared/corpus/real; do
  if [ -d "$c" ]; then real="$c"; break; fi
done
c="$here/corpus"
mkdir -p "$c/text" "$c/html" "$c/docx" "$c/doc" "$c/pdf_grid" "$c/extract_grid"
cp "$repo"/examples/*.txt "$c/text/"
cp "$repo"/tests/fixtures/html/*.html "$c/html/"
cp "$repo"/examples/*.docx "$repo"/tests/fixtures/docx/*.docx "$c/docx/"
# Word 97: the small format samples (written by Word and by WPS Office) and one corpus copy.
cp "$repo"/tests/fixtures/doc/shanghai-office-2019.docx.doc "$c/doc/"
if [ -n "$real" ]; then
  cp "$real"/*.txt "$c/text/" 2>/dev/null || true
  cp "$real"/*.html "$c/html/" 2>/dev/null || true
  cp "$real"/*.docx "$c/docx/" 2>/dev/null || true
  cp "$real"/../formats/*.doc "$real"/../formats/*.wps "$c/doc/" 2>/dev/null || true
  if command -v pdftotext >/dev/null; then
    for pdf in "$real"/*.pdf; do
      pdftotext -bbox-layout -enc UTF-8 "$pdf" "$c/pdf_grid/$(basename "$pdf" .pdf).xhtml"
    done
  fi
fi
# A tiny hand-made page so the PDF target has a seed even without poppler.
printf '<page width="595" height="842"><word xMin="10" yMin="10" xMax="40" yMax="20">总计</word><word xMin="300" yMin="10" xMax="320" yMax="20">15</word></page>\n' > "$c/pdf_grid/tiny.xhtml"
# The grid seeds come from the seed-grid program, built by `cargo fuzz build` beside the
# targets (or built here if missing).
tdir="${CARGO_TARGET_DIR:-$here/target}"
seed="$(ls "$tdir"/*/release/seed-grid 2>/dev/null | head -1 || true)"
if [ -n "$seed" ]; then "$seed" "$c/extract_grid"; else (cd "$here" && cargo run --quiet --release --bin seed-grid -- "$c/extract_grid"); fi
ls "$c"/* | head -50
