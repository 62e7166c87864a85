//! Result rows: what every query returns and every output format prints.
//!
//! A [`Rows`] is a list of column names and rows of [`Val`]s. Queries build them; the
//! command line renders them as a table, CSV, JSON or Markdown. Read a column by its name
//! ([`Rows::get`]), never by position, so that adding a column breaks nothing.

/// One value of a result row.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
}

impl Val {
    /// A float that is whole prints (and serialises) as an integer.
    pub fn num(v: Option<f64>) -> Val {
        match v {
            None => Val::Null,
            Some(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9e15 => Val::Int(f as i64),
            Some(f) => Val::Float(f),
        }
    }

    /// A number rounded to `digits` decimals (for ratios and percentages).
    pub fn rounded(v: Option<f64>, digits: i32) -> Val {
        let p = 10f64.powi(digits);
        Val::num(v.map(|f| (f * p).round() / p))
    }

    pub fn text(s: impl Into<String>) -> Val {
        Val::Text(s.into())
    }

    pub fn opt_text(s: Option<impl Into<String>>) -> Val {
        s.map_or(Val::Null, |s| Val::Text(s.into()))
    }

    pub fn opt_int(i: Option<i64>) -> Val {
        i.map_or(Val::Null, Val::Int)
    }

    /// The value as a number, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Val::Int(i) => Some(*i as f64),
            Val::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The value as plain text ("" for null).
    pub fn plain(&self) -> String {
        match self {
            Val::Null => String::new(),
            Val::Int(i) => i.to_string(),
            Val::Float(f) => {
                let s = format!("{f:.6}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
            Val::Text(s) => s.clone(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        match self {
            Val::Null => serde_json::Value::Null,
            Val::Int(i) => (*i).into(),
            Val::Float(f) => serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into),
            Val::Text(s) => s.clone().into(),
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Val::Int(_) | Val::Float(_))
    }
}

/// A result: column names and rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Val>>,
}

impl Rows {
    pub fn new(columns: &[&str]) -> Rows {
        Rows { columns: columns.iter().map(|c| c.to_string()).collect(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Val>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The index of a column.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Row `i`'s value in the column called `name`.
    pub fn get(&self, i: usize, name: &str) -> Option<&Val> {
        self.rows.get(i)?.get(self.col(name)?)
    }

    /// Row `i`'s value in column `name` as text (None when null or absent).
    pub fn text(&self, i: usize, name: &str) -> Option<String> {
        self.get(i, name).filter(|v| **v != Val::Null).map(Val::plain)
    }

    /// Row `i`'s value in column `name` as a number.
    pub fn number(&self, i: usize, name: &str) -> Option<f64> {
        self.get(i, name).and_then(Val::as_f64)
    }
}

