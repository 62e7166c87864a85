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

    pub fn text(s: impl Into<String>) -> Val {
        Val::Text(s.into())
    }

    /// Text, or null when it is empty: a missing value is null in every machine format,
    /// never `""`.
    pub fn nonempty(s: impl Into<String>) -> Val {
        let s = s.into();
        if s.is_empty() {
            Val::Null
        } else {
            Val::Text(s)
        }
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

    /// The value as plain text ("" for null), numbers at full precision (the shortest text
    /// that reads back as the same double): what CSV, TSV and Markdown print.
    pub fn plain(&self) -> String {
        match self {
            Val::Null => String::new(),
            Val::Int(i) => i.to_string(),
            Val::Float(f) => f.to_string(),
            Val::Text(s) => s.clone(),
        }
    }

    /// The value as the table format shows it to people: fractions rounded to two
    /// decimals (to four significant digits when that would show a non-zero as 0).
    pub fn display(&self) -> String {
        match self {
            Val::Float(f) if f.is_finite() => {
                let trim = |s: String| {
                    if s.contains('.') {
                        s.trim_end_matches('0').trim_end_matches('.').to_string()
                    } else {
                        s
                    }
                };
                let two = trim(format!("{f:.2}"));
                if (two == "0" || two == "-0") && *f != 0.0 {
                    let digits = (3 - f.abs().log10().floor() as i32).clamp(0, 12) as usize;
                    trim(format!("{f:.digits$}"))
                } else {
                    two
                }
            }
            other => other.plain(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_text_is_full_precision_and_tables_round() {
        let v = Val::num(Some(800.0 / 23.0));
        assert_eq!(v.plain(), "34.78260869565217");
        assert_eq!(v.display(), "34.78");
        assert_eq!(Val::num(Some(200.0 / 3.0)).display(), "66.67");
        assert_eq!(Val::num(Some(0.5)).display(), "0.5");
        assert_eq!(Val::num(Some(0.000123456)).display(), "0.0001235");
        assert_eq!(Val::num(Some(15.0)).display(), "15");
        assert_eq!(Val::nonempty(""), Val::Null);
        assert_eq!(Val::nonempty("x"), Val::text("x"));
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
