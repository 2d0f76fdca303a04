//! The `citelint` binary: parse arguments, run, map the result to an exit code (0/1/2).

use std::process::ExitCode;

use clap::Parser;
use citelint::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(cli::exit::ERROR) } else { ExitCode::SUCCESS };
        }
    };
    match std::panic::catch_unwind(|| cli::run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(cli::exit::ERROR)
        }
        Err(_) => {
            eprintln!("error: internal error (a bug in citelint): please report it with the input");
            ExitCode::from(cli::exit::ERROR)
        }
    }
}
