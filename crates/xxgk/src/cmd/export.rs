//! `xxgk export DIR`: every public view as a CSV file (with `--parquet`, a Parquet file
//! too; with `--xlsx`, one workbook).

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use xxgk_db::query;

use crate::cli::{coded, exit, Ctx};
use crate::output::{self, xlsx, OutFormat, OutOptions, Rows, Val};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory for the CSV files (created if missing).
    pub dir: PathBuf,
    /// Also write one workbook with a sheet per view.
    #[arg(long, value_name = "FILE.xlsx")]
    pub xlsx: Option<PathBuf>,
    /// Also write a Parquet file per view (typed columns) into DIR, for DuckDB, Polars, Spark.
    #[arg(long)]
    pub parquet: bool,
}

/// Rows per Parquet row group: what an export holds in memory at a time, per view.
const PARQUET_GROUP_ROWS: usize = 100_000;

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    let store = ctx.open_ro()?;
    let unwritable = |path: &std::path::Path, e: &dyn std::fmt::Display| {
        coded(exit::INPUT)(anyhow!("cannot write {}: {e}", path.display()))
    };
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| coded(exit::INPUT)(anyhow!("cannot create {}: {e}", args.dir.display())))?;
    let mut written = Rows::new(&["view", "rows", "file"]);
    // Each view written row by row as the query gives them: memory holds one row, whatever
    // the database's size.
    let opts = OutOptions { format: OutFormat::Csv, bom: ctx.cli.bom };
    // Each view's row count, as written.
    let mut counts: Vec<(&str, usize)> = Vec::with_capacity(query::PUBLIC_VIEWS.len());
    for name in query::PUBLIC_VIEWS {
        let sql = query::export_sql(&store.conn, name)?;
        let columns = query::columns_of(&store.conn, &sql)?;
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let path = args.dir.join(format!("{name}.csv"));
        let file = std::fs::File::create(&path).map_err(|e| unwritable(&path, &e))?;
        let mut f = std::io::BufWriter::new(file);
        let mut stream = output::RowStream::start(&columns, opts, &mut f)?;
        let count = query::each_row(&store.conn, &sql, &mut |row| Ok(stream.row(row, &mut f)?))?;
        stream.finish(&mut f)?;
        f.flush()?;
        counts.push((name, count));
        written.push(vec![Val::text(name.to_string()), Val::Int(count as i64), Val::text(path.display().to_string())]);
    }
    if args.parquet {
        for name in query::PUBLIC_VIEWS {
            // Written a row group at a time: the column types first (a pass over the view
            // for the columns without a declared type), then the rows.
            let sql = query::export_sql(&store.conn, name)?;
            let columns = query::typed_columns(&store.conn, &sql)?;
            let path = args.dir.join(format!("{name}.parquet"));
            let failed = |e: anyhow::Error| unwritable(&path, &format!("{e:#}"));
            let mut file = output::parquet::ParquetFile::create(&path, &columns).map_err(failed)?;
            let count = query::typed_each(&store.conn, &sql, PARQUET_GROUP_ROWS, &mut |rows| file.row_group(rows))
                .map_err(failed)?;
            file.close().map_err(failed)?;
            written.push(vec![
                Val::text(name.to_string()),
                Val::Int(count as i64),
                Val::text(path.display().to_string()),
            ]);
        }
    }
    if let Some(x) = &args.xlsx {
        // A sheet holds 1,048,575 rows under its header: told from the counts of the CSV
        // pass, before any view is read into memory.
        if let Some((name, n)) = counts.iter().find(|(_, n)| *n > xlsx::MAX_DATA_ROWS) {
            return Err(coded(exit::USAGE)(anyhow!(
                "cannot write {}: the view {name} has {n} rows, more than an Excel sheet holds ({}); the CSV files in {} hold every row (--parquet writes Parquet files too)",
                x.display(),
                xlsx::MAX_DATA_ROWS,
                args.dir.display()
            )));
        }
        // One view's rows in memory at a time (the workbook itself keeps what it was given).
        let mut book = xlsx::Book::new();
        for name in query::PUBLIC_VIEWS {
            let rows = query::public_view(&store.conn, name)?;
            book.add(name, &rows)?;
        }
        book.save(x).map_err(coded(exit::INPUT))?;
        written.push(vec![
            Val::text("(workbook)"),
            Val::Int(query::PUBLIC_VIEWS.len() as i64),
            Val::text(x.display().to_string()),
        ]);
    }
    ctx.print(&written)?;
    Ok(exit::OK)
}
