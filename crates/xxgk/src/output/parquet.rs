//! Rows out as Parquet files, with typed columns, so DuckDB, Polars and Spark read the
//! exports directly (`xxgk export DIR --parquet`).
//!
//! Each column is optional (NULL stays NULL) and typed from the database
//! ([`xxgk_db::query::typed_columns`]): INTEGER → INT64, REAL → DOUBLE, TEXT → UTF-8 string,
//! a DATE column (`reports.published_on`) → DATE. Written a row group at a time; no compression
//! (the build carries no codec), which keeps files readable by every Parquet reader.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use rusqlite::types::Value;
use xxgk_db::query::ColumnType;

/// A Parquet file written a row group at a time ([`ParquetFile::row_group`]), so that a
/// view of any size is written with one group's rows in memory.
pub struct ParquetFile {
    writer: SerializedFileWriter<std::fs::File>,
    columns: Vec<ColumnType>,
    groups: usize,
}

impl ParquetFile {
    /// A new file at `path` with these columns.
    pub fn create(path: &Path, columns: &[(String, ColumnType)]) -> Result<ParquetFile> {
        let fields = columns
            .iter()
            .map(|(name, kind)| {
                let builder = match kind {
                    ColumnType::Integer => Type::primitive_type_builder(name, PhysicalType::INT64),
                    ColumnType::Real => Type::primitive_type_builder(name, PhysicalType::DOUBLE),
                    ColumnType::Text => Type::primitive_type_builder(name, PhysicalType::BYTE_ARRAY)
                        .with_logical_type(Some(LogicalType::String)),
                    ColumnType::Date => Type::primitive_type_builder(name, PhysicalType::INT32)
                        .with_logical_type(Some(LogicalType::Date)),
                };
                Ok(Arc::new(builder.with_repetition(Repetition::OPTIONAL).build()?))
            })
            .collect::<Result<Vec<_>>>()?;
        let schema = Arc::new(Type::group_type_builder("schema").with_fields(fields).build()?);
        let file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        let writer = SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::builder().build()))?;
        Ok(ParquetFile { writer, columns: columns.iter().map(|(_, kind)| *kind).collect(), groups: 0 })
    }

    /// Write `rows` as one row group.
    pub fn row_group(&mut self, rows: &[Vec<Value>]) -> Result<()> {
        let mut group = self.writer.next_row_group()?;
        let mut index = 0;
        while let Some(mut column) = group.next_column()? {
            let kind = self.columns[index];
            let cells = rows.iter().map(|r| &r[index]);
            let defined: Vec<i16> = cells.clone().map(|v| i16::from(present(v, kind))).collect();
            match kind {
                ColumnType::Integer => {
                    let values: Vec<i64> = cells.filter_map(integer).collect();
                    column.typed::<Int64Type>().write_batch(&values, Some(&defined), None)?;
                }
                ColumnType::Real => {
                    let values: Vec<f64> = cells.filter_map(real).collect();
                    column.typed::<DoubleType>().write_batch(&values, Some(&defined), None)?;
                }
                ColumnType::Text => {
                    let values: Vec<ByteArray> = cells.filter_map(text).map(|s| ByteArray::from(s.as_str())).collect();
                    column.typed::<ByteArrayType>().write_batch(&values, Some(&defined), None)?;
                }
                ColumnType::Date => {
                    let values: Vec<i32> = cells.filter_map(date).collect();
                    column.typed::<Int32Type>().write_batch(&values, Some(&defined), None)?;
                }
            }
            column.close()?;
            index += 1;
        }
        group.close()?;
        self.groups += 1;
        Ok(())
    }

    /// Finish the file (a file given no rows still has one, empty, row group).
    pub fn close(mut self) -> Result<()> {
        if self.groups == 0 {
            self.row_group(&[])?;
        }
        self.writer.close()?;
        Ok(())
    }
}

/// Does the value give a cell of this column (else NULL)?
fn present(v: &Value, kind: ColumnType) -> bool {
    match kind {
        ColumnType::Integer => integer(v).is_some(),
        ColumnType::Real => real(v).is_some(),
        ColumnType::Text => text(v).is_some(),
        ColumnType::Date => date(v).is_some(),
    }
}

fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Integer(i) => Some(*i),
        Value::Real(f) if f.fract() == 0.0 && f.abs() < 9e15 => Some(*f as i64),
        _ => None,
    }
}

fn real(v: &Value) -> Option<f64> {
    match v {
        Value::Integer(i) => Some(*i as f64),
        Value::Real(f) => Some(*f),
        _ => None,
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
        Value::Null => None,
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` text.
fn date(v: &Value) -> Option<i32> {
    let Value::Text(s) = v else { return None };
    let d = chrono_like(s)?;
    Some(d)
}

/// Days from the civil date (proleptic Gregorian) to 1970-01-01, without a date library.
fn chrono_like(s: &str) -> Option<i32> {
    let mut parts = s.get(..10)?.split('-');
    let (y, m, d): (i64, i64, i64) =
        (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(chrono_like("1970-01-01"), Some(0));
        assert_eq!(chrono_like("2020-01-20"), Some(18281));
        assert_eq!(chrono_like("2024-03-08"), Some(19790));
        assert_eq!(chrono_like("2024-13-08"), None);
    }

    #[test]
    fn a_file_reads_back_with_its_types_and_nulls() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let columns = vec![
            ("report_id".to_string(), ColumnType::Integer),
            ("agency".to_string(), ColumnType::Text),
            ("value".to_string(), ColumnType::Real),
            ("published_on".to_string(), ColumnType::Date),
        ];
        let rows = vec![
            vec![
                Value::Integer(1),
                Value::Text("平潭综合实验区".into()),
                Value::Real(800.0 / 23.0),
                Value::Text("2024-03-08".into()),
            ],
            vec![Value::Integer(2), Value::Null, Value::Null, Value::Null],
        ];
        // A row group per row: the file reads back as one table, in order.
        let mut file = ParquetFile::create(&path, &columns).unwrap();
        for row in &rows {
            file.row_group(std::slice::from_ref(row)).unwrap();
        }
        file.close().unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        assert_eq!(reader.metadata().num_row_groups(), 2);
        let schema = reader.metadata().file_metadata().schema_descr();
        let types: Vec<String> = (0..4).map(|i| format!("{:?}", schema.column(i).physical_type())).collect();
        assert_eq!(types, ["INT64", "BYTE_ARRAY", "DOUBLE", "INT32"]);
        let got: Vec<String> = reader.get_row_iter(None).unwrap().map(|r| r.unwrap().to_string()).collect();
        assert!(
            got[0].contains("平潭综合实验区") && got[0].contains("34.78260869565217") && got[0].contains("2024-03-08"),
            "{got:?}"
        );
        assert!(got[1].contains("agency: null") && got[1].contains("published_on: null"), "{got:?}");
        // No rows: still a file with its columns and one empty row group.
        let empty = dir.path().join("e.parquet");
        ParquetFile::create(&empty, &columns).unwrap().close().unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&empty).unwrap()).unwrap();
        assert_eq!((reader.metadata().file_metadata().num_rows(), reader.metadata().num_row_groups()), (0, 1));
    }
}
