//! The command line (DESIGN §8): `check` (the default), `rule`, `inspect`, `completions`.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::config::{self, Dialect, Settings};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover;
use crate::engine;
use crate::fix::Applicability;
use crate::formats::{self, ParsedFile};
use crate::model::Format;
use crate::output::{self, messages, OutputFormat, ReportOptions};
use crate::rules;
use crate::source::{FileId, SourceDb, SourceFile};

/// A fast, exact linter for bibliographic records.
#[derive(Debug, Parser)]
#[command(name = "citelint", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files (the default).
    Check(CheckArgs),
    /// Show a rule's documentation (`citelint rule CL202`), or list every rule.
    Rule {
        /// A rule code or name.
        rule: Option<String>,
        /// Print the documentation of every rule.
        #[arg(long, conflicts_with = "rule")]
        all: bool,
    },
    /// Print the records as citelint understands them, as JSON.
    Inspect(InspectArgs),
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Show the configuration in force.
    Config(ConfigArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the resolved settings (configuration file and defaults).
    #[arg(long)]
    pub show_settings: bool,
    /// Use this configuration file.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    Bibtex,
    Biblatex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Bibtex,
    Mods,
    Ris,
    Refer,
    CslJson,
    /// ACL Anthology "ACL" citation lines.
    AclText,
    /// ACL Anthology "Markdown (Informal)" citation lines.
    Markdown,
    /// Several formats of one record in one file (an export page).
    Bundle,
}

#[derive(Debug, Args, Default)]
pub struct CommonArgs {
    /// Files, directories or glob patterns (default: `.`; `-` reads stdin).
    pub paths: Vec<String>,
    /// Use this configuration file.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// The BibTeX dialect's data model (default: detected per file).
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,
    /// Read every file as this format.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// The file name to report for stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Apply `[files] exclude` to files named explicitly too.
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Debug, Args, Default)]
pub struct InspectArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args, Default)]
#[allow(clippy::struct_excessive_bools)] // reason: one bool per command-line flag
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Apply safe fixes.
    #[arg(long)]
    pub fix: bool,
    /// Also apply (with --fix) or show (with --diff) unsafe fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// Rules to run: codes, names, code prefixes or ALL (replaces the default set).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Rules to run in addition.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "full")]
    pub output_format: OutputFormat,
    /// Print the number of diagnostics per rule instead of the diagnostics.
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even when diagnostics remain.
    #[arg(long)]
    pub exit_zero: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// The lowest severity that makes the run exit 1 (default: info, i.e. any diagnostic).
    #[arg(long, value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// Write the report to this file instead of stdout.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// List the fixes that were applied (with --fix) or that could be (otherwise).
    #[arg(long)]
    pub show_fixes: bool,
    /// Record today's findings in FILE; later runs with --baseline FILE report only new ones.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only the findings that FILE (written by --write-baseline) does not record.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// How many threads to use (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Exit codes (DESIGN §8).
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FOUND: u8 = 1;
    pub const ERROR: u8 = 2;
}

/// Runs the command line; errors here are exit 2.
///
/// # Errors
/// Usage errors, bad configuration, unreadable paths, failed writes.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Check(args)) => check(&args),
        None => check(&cli.check),
        Some(Command::Rule { rule, all }) => rule_doc(rule.as_deref(), all),
        Some(Command::Inspect(args)) => inspect(&args),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "citelint", &mut io::stdout());
            Ok(ExitCode::from(exit::CLEAN))
        }
        Some(Command::Config(args)) => {
            let common = CommonArgs { config: args.config.clone(), isolated: args.isolated, ..CommonArgs::default() };
            let settings = settings(&common, None)?;
            if !args.show_settings {
                bail!("nothing to do: use `citelint config --show-settings`");
            }
            write!(io::stdout().lock(), "{}", config::show(&settings))?;
            Ok(ExitCode::from(exit::CLEAN))
        }
    }
}

fn rule_doc(rule: Option<&str>, all: bool) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    if all {
        for (i, r) in rules::ALL.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            messages::rule_doc(&mut out, *r)?;
        }
        return Ok(ExitCode::from(exit::CLEAN));
    }
    let Some(name) = rule else {
        messages::rule_table(&mut out, rules::ALL)?;
        return Ok(ExitCode::from(exit::CLEAN));
    };
    let Some(r) = rules::find(name) else { bail!("unknown rule `{name}` (see `citelint rule` for the list)") };
    messages::rule_doc(&mut out, r)?;
    Ok(ExitCode::from(exit::CLEAN))
}

/// Settings from the configuration file and the command line.
fn settings(common: &CommonArgs, check: Option<&CheckArgs>) -> Result<Settings> {
    let path = if common.isolated {
        None
    } else if let Some(p) = &common.config {
        Some(p.clone())
    } else {
        std::env::current_dir().ok().and_then(|d| config::find_config(&d))
    };
    let mut settings = match path {
        Some(p) => config::load(&p).map_err(|e| {
            let mut err = io::stderr().lock();
            let _ = output::full::config_error(&mut err, &e);
            anyhow::anyhow!("{e}")
        })?,
        None => Settings { root: std::env::current_dir().unwrap_or_default(), ..Settings::default() },
    };
    if let Some(d) = common.dialect {
        settings.dialect = match d {
            DialectArg::Bibtex => Dialect::Bibtex,
            DialectArg::Biblatex => Dialect::Biblatex,
        };
    }
    if let Some(args) = check {
        for s in args.select.iter().flatten().chain(&args.extend_select).chain(&args.ignore) {
            if !rules::selector_is_known(s) {
                bail!("unknown rule selector `{s}` (see `citelint rule` for the list)");
            }
        }
        if let Some(select) = &args.select {
            settings.select = Some(select.clone());
        }
        settings.extend_select.extend(args.extend_select.iter().cloned());
        settings.ignore.extend(args.ignore.iter().cloned());
        if let Some(f) = args.fail_on {
            settings.fail_on = Some(f.into());
        }
    }
    Ok(settings)
}

/// The files of one run, loaded and parsed.
struct Loaded {
    db: SourceDb,
    inputs: Vec<Input>,
    /// Problems reading paths: each makes the run exit 2.
    errors: usize,
}

struct Input {
    id: FileId,
    format: Format,
    /// `None` for stdin.
    path: Option<PathBuf>,
}

fn load(common: &CommonArgs, settings: &Settings) -> Result<Loaded> {
    let forced = common.format.map(|f| match f {
        FormatArg::Bibtex => Format::Bibtex,
        FormatArg::Mods => Format::Mods,
        FormatArg::Ris => Format::Ris,
        FormatArg::Refer => Format::Refer,
        FormatArg::CslJson => Format::CslJson,
        FormatArg::AclText => Format::AclText,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Bundle => Format::Bundle,
    });
    let mut stderr = io::stderr().lock();
    let mut db = SourceDb::new();
    let mut inputs = Vec::new();
    let mut errors = 0;
    let mut args = common.paths.clone();
    if args.is_empty() {
        args.push(".".into());
    }
    let stdin = args.iter().any(|a| a == "-");
    args.retain(|a| a != "-");
    if stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).context("cannot read stdin")?;
        let name = common.stdin_filename.clone().unwrap_or_else(|| "-".into());
        let source = SourceFile::from_vec(name.clone(), None, bytes);
        let format = forced.or_else(|| formats::detect(Path::new(&name), &source.text)).unwrap_or(Format::Bibtex);
        inputs.push(Input { id: db.add(source), format, path: None });
    }
    let filter = discover::Filter::new(settings, common.force_exclude);
    let (candidates, problems) =
        if args.is_empty() { (Vec::new(), Vec::new()) } else { discover::discover(&args, &filter) };
    for p in problems {
        messages::error(&mut stderr, &format!("{}: {}", p.path, p.message))?;
        errors += 1;
    }
    one_thread_for_small_runs(&candidates, stdin);
    let read: Vec<_> = candidates.into_par_iter().map(|c| (std::fs::read(&c.path), c)).collect();
    for (bytes, c) in read {
        let name = display_name(&c.path);
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                messages::error(&mut stderr, &format!("{name}: {e}"))?;
                errors += 1;
                continue;
            }
        };
        let source = SourceFile::from_vec(name.clone(), Some(c.path.clone()), bytes);
        let Some(format) = discover::format_of(&c.path, &source.text, forced) else {
            if c.explicit {
                messages::warning(&mut stderr, &format!("{name}: format not recognized; skipped (use --format)"))?;
            }
            continue;
        };
        inputs.push(Input { id: db.add(source), format, path: Some(c.path) });
    }
    Ok(Loaded { db, inputs, errors })
}

/// A run of a few small files (a pre-commit hook's) is done on the main thread: starting the
/// worker threads would cost more than they save. Without `--threads` only (that builds the
/// pool first, and then this does nothing).
fn one_thread_for_small_runs(candidates: &[discover::Candidate], stdin: bool) {
    const FILES: usize = 16;
    const BYTES: u64 = 1 << 20;
    if stdin || candidates.len() > FILES {
        return;
    }
    let bytes: u64 = candidates.iter().map(|c| std::fs::metadata(&c.path).map_or(BYTES, |m| m.len())).sum();
    if bytes < BYTES {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build_global();
    }
}

fn display_name(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

fn parse_all(db: &SourceDb, settings: &Settings, inputs: &[Input], progress: &Progress) -> Vec<ParsedFile> {
    inputs
        .par_iter()
        .flat_map_iter(|i| {
            let parsed = formats::parse_file(db, i.id, i.format, settings);
            progress.tick();
            parsed
        })
        .collect()
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal(),
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        // Fails only if a pool was already built (a second run in one process): keep that one.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let settings = settings(&args.common, Some(args))?;
    let Loaded { mut db, inputs, mut errors } = load(&args.common, &settings)?;
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut stderr = io::stderr().lock();
    let mut applied = Vec::new();
    let mut diffs = 0usize;
    if args.fix || args.diff {
        let threshold = if args.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
        // The texts before the fixes: shared, not copied (a fix gives its file a new text).
        let originals: Vec<std::sync::Arc<String>> = inputs.iter().map(|i| db.get(i.id).text.clone()).collect();
        for input in &inputs {
            let outcome = engine::fix_file(&mut db, &settings, input.id, input.format, threshold);
            if outcome.not_converged {
                let name = &db.get(input.id).name;
                let msg = format!("{name}: fixes did not converge after {} passes", engine::MAX_FIX_PASSES);
                messages::error(&mut stderr, &msg)?;
                errors += 1;
            }
            applied.extend(outcome.titles.into_iter().map(|t| (input.id, t)));
        }
        let ids: Vec<(FileId, Format)> = inputs.iter().map(|i| (i.id, i.format)).collect();
        applied.extend(engine::remove_unused_suppressions(&mut db, &settings, &ids));
        for (input, before) in inputs.iter().zip(&originals) {
            let source = db.get(input.id);
            if source.text == *before {
                continue;
            }
            if args.diff {
                messages::diff(&mut stdout, &source.name, before, &source.text)?;
                diffs += 1;
                continue;
            }
            let Some(path) = &input.path else { continue };
            let Some(bytes) = source.encode(&source.text) else {
                let msg =
                    format!("{}: a fix needs a character the file's encoding cannot hold; not written", source.name);
                messages::error(&mut stderr, &msg)?;
                errors += 1;
                continue;
            };
            if let Err(e) = crate::write::write_atomic(path, &bytes) {
                messages::error(&mut stderr, &format!("{}: {e}", source.name))?;
                errors += 1;
            }
        }
        if args.diff {
            // The diff is the report: diagnostics describe the files as they are.
            for (input, before) in inputs.iter().zip(originals) {
                db.replace_text(input.id, before);
            }
        }
    }
    let progress = Progress::new(args, &db, &inputs);
    let files = parse_all(&db, &settings, &inputs, &progress);
    let mut diagnostics = engine::lint(&db, &settings, &files);
    progress.finish();
    if let Some(path) = &args.write_baseline {
        let baseline = crate::baseline::build(&db, &settings, &files, &diagnostics);
        let json = serde_json::to_vec_pretty(&baseline)?;
        crate::write::write_new(path, &json)
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
        messages::info(&mut stderr, &format!("recorded {} diagnostics in {}", diagnostics.len(), path.display()))?;
        return Ok(ExitCode::from(if errors > 0 { exit::ERROR } else { exit::CLEAN }));
    }
    if let Some(path) = &args.baseline {
        let text = std::fs::read(path).with_context(|| format!("cannot read the baseline {}", path.display()))?;
        let baseline: crate::baseline::Baseline =
            serde_json::from_slice(&text).with_context(|| format!("{} is not a citelint baseline", path.display()))?;
        diagnostics = crate::baseline::filter(&baseline, &db, &settings, &files, diagnostics);
    }
    let stdin_fixed = args.fix && inputs.iter().any(|i| i.path.is_none());
    if stdin_fixed {
        // As ruff does: with --fix, stdin's fixed text goes to stdout, diagnostics to stderr.
        for i in inputs.iter().filter(|i| i.path.is_none()) {
            write!(stdout, "{}", db.get(i.id).text)?;
        }
    }
    if !args.diff {
        if let Some(path) = &args.output_file {
            let mut buf = Vec::new();
            report(args, &db, &diagnostics, &applied, &mut buf)?;
            crate::write::write_new(path, &buf).with_context(|| format!("cannot write {}", path.display()))?;
        } else {
            let out: &mut dyn Write = if stdin_fixed { &mut stderr } else { &mut stdout };
            report(args, &db, &diagnostics, &applied, out)?;
        }
    }
    stdout.flush()?;
    let fail_on = settings.fail_on.unwrap_or(Severity::Info);
    let failing = diagnostics.iter().any(|d| d.severity >= fail_on);
    // The process ends here: freeing every record and tree would only cost time.
    std::mem::forget(files);
    std::mem::forget(db);
    let code = if errors > 0 {
        exit::ERROR
    } else if args.exit_zero {
        exit::CLEAN
    } else if (args.diff && diffs > 0) || (!args.diff && failing) {
        exit::FOUND
    } else {
        exit::CLEAN
    };
    Ok(ExitCode::from(code))
}

fn report(
    args: &CheckArgs,
    db: &SourceDb,
    diagnostics: &[Diagnostic],
    applied: &[(FileId, String)],
    out: &mut dyn Write,
) -> Result<()> {
    if args.statistics {
        output::statistics::write(diagnostics, args.unsafe_fixes, out)?;
        return Ok(());
    }
    let options = ReportOptions { color: use_color(args.color), unsafe_fixes: args.unsafe_fixes, fixing: args.fix };
    let options = ReportOptions { color: options.color && args.output_file.is_none(), ..options };
    output::report(args.output_format, db, diagnostics, options, out)?;
    if args.show_fixes && matches!(args.output_format, OutputFormat::Full | OutputFormat::Concise) {
        messages::fixes(out, db, applied, diagnostics, args.fix, args.unsafe_fixes)?;
    }
    Ok(())
}

/// A progress bar on stderr for long runs on a terminal; never in CI or when piped.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Bytes above which a run is long enough to show progress.
    const THRESHOLD: usize = 64 << 20;

    fn new(args: &CheckArgs, db: &SourceDb, inputs: &[Input]) -> Self {
        let bytes: usize = inputs.iter().map(|i| db.get(i.id).text.len()).sum();
        let show = !args.no_progress
            && bytes > Self::THRESHOLD
            && io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        if !show {
            return Self::hidden();
        }
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {elapsed}")
        {
            bar.set_style(style);
        }
        Self(Some(bar))
    }

    fn hidden() -> Self {
        Self(None)
    }

    fn tick(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

fn inspect(args: &InspectArgs) -> Result<ExitCode> {
    let settings = settings(&args.common, None)?;
    let loaded = load(&args.common, &settings)?;
    let files = parse_all(&loaded.db, &settings, &loaded.inputs, &Progress::hidden());
    output::inspect::write(&loaded.db, &settings, &files, &mut io::stdout().lock())?;
    Ok(ExitCode::from(if loaded.errors > 0 { exit::ERROR } else { exit::CLEAN }))
}
