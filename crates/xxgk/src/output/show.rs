//! `xxgk show`: one report's three tables laid out as the template prints them, with the
//! template's labels, rows and columns in its order.

use xxgk_core::template::{Table, TableDef};
use xxgk_db::query::StoredCell;

use super::{Rows, Val};

/// The three tables of one report as grids: (heading, rows). Tables the report does not
/// have are left out; rows and columns it did not print are too. `keys` adds each key
/// beside its label. A cell read by OCR under the confidence threshold is shown with a `?`
/// after it (a blank as a lone `?`).
pub fn layout(cells: &[StoredCell], keys: bool) -> Vec<(String, Rows)> {
    let mut out = Vec::new();
    for table in Table::ALL {
        let def = table.def();
        let mine: Vec<&StoredCell> = cells.iter().filter(|c| c.tbl == def.key).collect();
        if mine.is_empty() {
            continue;
        }
        let rows = row_order(def, &mine);
        let cols: Vec<&'static str> =
            def.column_keys().into_iter().filter(|k| mine.iter().any(|c| c.col == *k)).collect();
        let name = |label: String, key: &str| if keys { format!("{label} [{key}]") } else { label };
        let mut header = vec![name("项目".to_string(), def.key)];
        header.extend(cols.iter().map(|c| name(def.column_label(c).unwrap_or(c).to_string(), c)));
        let mut grid = Rows { columns: header, rows: Vec::new() };
        for r in &rows {
            let label = match def.row(r) {
                Some(row) => row.display(),
                None => r.strip_prefix("extra:").unwrap_or(r).to_string(),
            };
            let mut line = vec![Val::text(name(label, r))];
            for c in &cols {
                let cell = mine.iter().find(|x| x.row == *r && x.col == *c);
                line.push(match cell {
                    None => Val::Null,
                    Some(x) if x.is_uncertain() => Val::text(format!("{} ?", x.raw).trim_start().to_string()),
                    Some(x) if x.state == "blank" => Val::Null,
                    Some(x) => Val::text(x.raw.clone()),
                });
            }
            grid.rows.push(line);
        }
        out.push((def.title.to_string(), grid));
    }
    out
}

/// The rows a report printed, in template order; rows an agency added (`extra:`) last.
fn row_order(def: &TableDef, cells: &[&StoredCell]) -> Vec<String> {
    let mut rows: Vec<String> =
        def.rows().filter(|r| cells.iter().any(|c| c.row == r.key)).map(|r| r.key.to_string()).collect();
    for c in cells {
        if def.row(&c.row).is_none() && !rows.contains(&c.row) {
            rows.push(c.row.clone());
        }
    }
    rows
}
