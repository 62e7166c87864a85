//! `xxgk agencies`: every agency with its names, region, kind and years;
//! `xxgk agencies alias NAME CANONICAL` records another name.

use anyhow::Result;
use clap::Subcommand;
use xxgk_db::{query, store};

use super::FilterArgs;
use crate::cli::{coded, exit, Ctx};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub list: super::ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Record NAME as another name of the agency CANONICAL (its reports, if any, move over).
    Alias {
        /// The other name.
        name: String,
        /// A name the agency already has.
        canonical: String,
    },
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    match &args.action {
        None => {
            let store = ctx.open_ro()?;
            let filter = args.filter.checked(&store.conn)?;
            if ctx.streams_or_groups() {
                ctx.stream(query::AGENCY_COLUMNS, |emit| query::agencies_each(&store.conn, &filter, emit))?;
            } else {
                let rows = query::agencies(&store.conn, &filter)?;
                ctx.print(&rows)?;
            }
        }
        Some(Action::Alias { name, canonical }) => {
            let mut db = ctx.open_rw()?;
            store::record_alias(&mut db, name, canonical).map_err(coded(exit::NOT_FOUND))?;
            if !ctx.cli.quiet {
                eprintln!("{name} is now a name of {canonical}");
            }
        }
    }
    Ok(exit::OK)
}
