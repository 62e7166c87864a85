//! Shared by the fuzz targets: running extraction and checks on whatever a reader made,
//! and the byte encoding of a synthetic grid for the `extract_grid` target.

use std::path::Path;
use std::sync::OnceLock;

use xxgk_core::source::{Block, Cell, Document, Limits, Span, Table};

/// Limits for fuzzing: small enough that one input cannot take seconds.
pub fn limits() -> Limits {
    Limits { max_file_bytes: 4 << 20, max_inflated_bytes: 8 << 20, pdf_timeout_secs: 5, ..Limits::default() }
}

/// Everything after the reader: extraction, the checks, every metric.
pub fn downstream(doc: &Document) {
    let report = xxgk_core::extract::extract(doc, Path::new("fuzz-2021.txt"));
    let _ = xxgk_core::checks::run(&report);
    for m in xxgk_core::metrics::CATALOG {
        let _ = m.compute(&report);
        let _ = m.parts(&report);
    }
}

/// The tokens a synthetic grid is made of: every paragraph and cell text of the bundled
/// sample reports (real labels, headings, numbers, n.a. marks), plus odd numbers.
pub fn dictionary() -> &'static [String] {
    static DICT: OnceLock<Vec<String>> = OnceLock::new();
    DICT.get_or_init(|| {
        let mut words: Vec<String> = Vec::new();
        let mut add = |s: &str| {
            if !words.iter().any(|w| w == s) {
                words.push(s.to_string());
            }
        };
        for extra in [
            "",
            "0",
            "1",
            "-1",
            "12",
            "15",
            "1,234",
            "7142.40万元",
            "3.5",
            "1e309",
            "NaN",
            "/",
            "-",
            "—",
            "无",
            "99999999999999999999",
            "０",
            "１２",
            "（一）",
            "1.",
            "合计",
            "总计",
            "其他",
            "某某市某某局2021年政府信息公开工作年度报告",
            "统计期限为2021年1月1日至2021年12月31日",
            "较上年增长25%",
            "共收到政府信息公开申请15件",
            "较上年下降100%",
        ] {
            add(extra);
        }
        let docs = [
            xxgk_core::source::text::read(include_bytes!("../../examples/zibo-psb-2020.txt")),
            xxgk_core::source::docx::read(include_bytes!("../../examples/shili-2022.docx"), &Limits::default()),
        ];
        for doc in docs.into_iter().flatten() {
            for b in &doc.blocks {
                match b {
                    Block::Paragraph(p) => add(p),
                    Block::Table(t) => t.rows.iter().flatten().for_each(|c| add(&c.text)),
                    Block::Break => {}
                }
            }
        }
        words
    })
}

/// Decode fuzz bytes into a document. Each step is one control byte, then (for text) a
/// two-byte token index: `c % 8` = 0 new table, 1 new row, 2 a paragraph, 7 an empty
/// line (no token), else a cell whose span is `(c >> 3) % 3` (own, column copy, row copy).
pub fn grid_from_bytes(data: &[u8]) -> Document {
    let dict = dictionary();
    let mut doc = Document::default();
    let mut table: Option<Table> = None;
    let mut row: Vec<Cell> = Vec::new();
    let mut i = 0;
    let token = |i: usize| -> &str {
        let hi = *data.get(i).unwrap_or(&0) as usize;
        let lo = *data.get(i + 1).unwrap_or(&0) as usize;
        &dict[(hi << 8 | lo) % dict.len()]
    };
    let flush = |table: &mut Option<Table>, row: &mut Vec<Cell>, doc: &mut Document, end_table: bool| {
        if !row.is_empty() {
            table.get_or_insert_with(Table::default).rows.push(std::mem::take(row));
        }
        if end_table {
            if let Some(t) = table.take() {
                doc.blocks.push(Block::Table(t));
            }
        }
    };
    while i < data.len() {
        let c = data[i];
        match c % 8 {
            0 => {
                flush(&mut table, &mut row, &mut doc, true);
                i += 1;
            }
            1 => {
                flush(&mut table, &mut row, &mut doc, false);
                i += 1;
            }
            2 => {
                flush(&mut table, &mut row, &mut doc, true);
                let t = token(i + 1);
                if !t.is_empty() {
                    doc.blocks.push(Block::Paragraph(t.to_string()));
                }
                i += 3;
            }
            7 => {
                flush(&mut table, &mut row, &mut doc, true);
                doc.blocks.push(Block::Break);
                i += 1;
            }
            _ => {
                let span = match (c >> 3) % 3 {
                    0 => Span::Own,
                    1 => Span::ColCopy,
                    _ => Span::RowCopy,
                };
                row.push(Cell { text: token(i + 1).into(), span, ocr: None });
                i += 3;
            }
        }
    }
    flush(&mut table, &mut row, &mut doc, true);
    doc
}

/// The inverse of [`grid_from_bytes`] for documents made of dictionary tokens: seeds.
pub fn grid_to_bytes(doc: &Document) -> Vec<u8> {
    let dict = dictionary();
    let index = |s: &str| -> [u8; 2] {
        let i = dict.iter().position(|w| w == s).unwrap_or(0) as u16;
        i.to_be_bytes()
    };
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                out.push(2);
                out.extend(index(p));
            }
            Block::Table(t) => {
                for r in &t.rows {
                    for c in r {
                        let span = match c.span {
                            Span::Own => 0,
                            Span::ColCopy => 1,
                            Span::RowCopy => 2,
                        };
                        out.push(3 | span << 3);
                        out.extend(index(&c.text));
                    }
                    out.push(1);
                }
                out.push(0);
            }
            Block::Break => out.push(7),
        }
    }
    out
}
