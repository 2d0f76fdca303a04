//! The `citelint` binary: parse arguments, run, map the result to an exit code (0/1/2).

use std::process::ExitCode;

use citelint::cli::{self, Cli};
use clap::Parser;

/// mimalloc: the engine allocates many small values per record; glibc's malloc and free were a
/// quarter of a profile of the 20 MB benchmark (issue: performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        Ok(Err(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
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

/// A reader that closed the pipe early (`citelint ... | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
