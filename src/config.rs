//! Resolved settings: rule selection, severities, ignores, files, dialect, rule options
//! (DESIGN §8). Read from `citelint.toml` / `.citelint.toml` (the nearest one above the current
//! folder, or `--config`), possibly extending another file, then the command line.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{self, RuleMeta};

/// The BibTeX dialect whose data model the rules use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Decide per file from what it uses (`date`, `journaltitle`, `@online`, ...).
    #[default]
    Auto,
    Bibtex,
    Biblatex,
}

/// Rule options the configuration accepts: `[rules.CODE]` keys and what they take.
pub const RULE_OPTIONS: &[(&str, &str, OptionKind)] = &[
    ("CL022", "report-all-unknown", OptionKind::Bool),
    ("CL030", "preset", OptionKind::String),
    ("CL030", "pattern", OptionKind::String),
    ("CL301", "allow-publication-status", OptionKind::Bool),
    ("CL411", "extra-tags", OptionKind::Strings),
    ("CL601", "fields", OptionKind::Strings),
];

/// The type of a rule option's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Bool,
    String,
    Strings,
}

/// `[works]`: how records are grouped and which format is right when they disagree.
#[derive(Clone, Debug, Default)]
pub struct WorksSettings {
    /// The format whose values the others are compared against (and fixed from).
    pub source_of_truth: Option<crate::model::Format>,
    /// `[[works.group]]`: records named together, by name.
    pub groups: Vec<(String, Vec<WorkMember>)>,
}

/// One record named in a `[[works.group]]`: `path#key` (the path may be a suffix, or empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkMember {
    pub path: String,
    pub key: String,
}

impl WorkMember {
    /// Whether the record is this member: the same key, in a file whose name ends with `path`.
    #[must_use]
    pub fn matches(&self, file_name: &str, record: &crate::model::Record) -> bool {
        record.key_str() == Some(self.key.as_str()) && (self.path.is_empty() || file_name.ends_with(&self.path))
    }
}

/// Ignores that apply to files matching a glob.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    pub pattern: String,
    pub matcher: globset::GlobMatcher,
    pub selectors: Vec<String>,
}

/// Everything the engine and the rules need to know about the user's choices.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// Record key -> selectors (for formats without comments).
    pub per_record_ignores: BTreeMap<String, Vec<String>>,
    pub dialect: Dialect,
    /// Globs of files a directory walk picks up, replacing the default extensions.
    pub include: Option<Vec<String>>,
    /// Globs of paths walks skip (and explicit files too, with `--force-exclude`).
    pub exclude: Vec<String>,
    /// The lowest severity that makes the run exit 1.
    pub fail_on: Option<Severity>,
    /// `[rules.CODE]` options, by rule code.
    pub rule_options: BTreeMap<String, toml::Table>,
    /// `[works]`.
    pub works: WorksSettings,
    /// Relative globs are matched against paths relative to this folder.
    pub root: PathBuf,
    /// Where the settings came from, if from a file (the last in an `extend` chain first).
    pub config_path: Option<PathBuf>,
}

impl Settings {
    /// Whether a rule runs: selected (or on by default), extended, and not ignored.
    /// The most specific selector wins between select and ignore, as in ruff.
    #[must_use]
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let specificity = |list: &[String]| {
            list.iter().filter(|s| rules::selector_matches(s, meta)).map(|s| selector_specificity(s)).max()
        };
        let selected = match &self.select {
            Some(list) => specificity(list),
            None => (!meta.opt_in).then_some(0),
        };
        let selected = selected.max(specificity(&self.extend_select));
        let ignored = specificity(&self.ignore);
        match (selected, ignored) {
            (Some(s), Some(i)) => s > i,
            (Some(_), None) => true,
            _ => false,
        }
    }

    #[must_use]
    pub fn severity_of(&self, meta: &RuleMeta) -> Severity {
        self.severity.get(meta.code).copied().unwrap_or(meta.severity)
    }

    /// Whether per-file or per-record ignores drop a diagnostic of `meta` in `path` / `record`.
    #[must_use]
    pub fn ignores(&self, meta: &RuleMeta, path: Option<&Path>, record: Option<&str>) -> bool {
        let by_record = record
            .and_then(|k| self.per_record_ignores.get(k))
            .is_some_and(|sels| sels.iter().any(|s| rules::selector_matches(s, meta)));
        by_record
            || path.is_some_and(|p| {
                let rel = self.relative(p);
                self.per_file_ignores
                    .iter()
                    .any(|i| i.matcher.is_match(&rel) && i.selectors.iter().any(|s| rules::selector_matches(s, meta)))
            })
    }

    /// A path relative to the settings' root when it lies below it.
    #[must_use]
    pub fn relative(&self, path: &Path) -> PathBuf {
        relative_to(&self.root, path)
    }

    /// Globs as a set; an invalid glob was rejected when the settings were read.
    #[must_use]
    pub fn globset(globs: &[String]) -> GlobSet {
        let mut b = GlobSetBuilder::new();
        for g in globs {
            if let Ok(glob) = Glob::new(g) {
                b.add(glob);
            }
        }
        b.build().unwrap_or_else(|_| GlobSet::empty())
    }

    /// A boolean rule option (`[rules.CL022] report-all-unknown = true`).
    #[must_use]
    pub fn option_bool(&self, code: &str, key: &str) -> Option<bool> {
        self.rule_options.get(code)?.get(key)?.as_bool()
    }

    /// A string rule option.
    #[must_use]
    pub fn option_str(&self, code: &str, key: &str) -> Option<&str> {
        self.rule_options.get(code)?.get(key)?.as_str()
    }

    /// A list-of-strings rule option.
    #[must_use]
    pub fn option_strings(&self, code: &str, key: &str) -> Option<Vec<String>> {
        let list = self.rule_options.get(code)?.get(key)?.as_array()?;
        Some(list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
    }
}

/// `path` (made absolute from the current folder, `.` parts dropped) relative to `root` when
/// it lies below it; globs in the configuration are matched against that.
#[must_use]
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_owned())
    };
    let clean: PathBuf = abs.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    clean.strip_prefix(root).map(Path::to_owned).unwrap_or(clean)
}

/// `ALL` < prefix `CL` < `CL0` < ... < a full code or a name.
fn selector_specificity(s: &str) -> usize {
    if s.eq_ignore_ascii_case("ALL") {
        0
    } else if s.len() >= 5 || !s.to_ascii_uppercase().starts_with("CL") {
        10
    } else {
        s.len()
    }
}

/// The `citelint.toml` file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    extend: Option<String>,
    #[serde(default)]
    lint: LintSection,
    #[serde(default)]
    files: FilesSection,
    #[serde(default)]
    bibtex: BibtexSection,
    #[serde(default)]
    rules: BTreeMap<String, toml::Table>,
    #[serde(default)]
    works: WorksSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WorksSection {
    source_of_truth: Option<String>,
    #[serde(default)]
    group: Vec<WorkGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WorkGroup {
    name: String,
    records: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LintSection {
    select: Option<Vec<String>>,
    #[serde(default)]
    extend_select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    per_record_ignores: BTreeMap<String, Vec<String>>,
    fail_on: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FilesSection {
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BibtexSection {
    dialect: Option<Dialect>,
}

/// A configuration that could not be read; shown with a snippet of the file.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub message: String,
    pub range: Option<Range<usize>>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid configuration {}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The configuration file that applies to `dir`: the nearest `citelint.toml` or `.citelint.toml`.
#[must_use]
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().flat_map(|d| ["citelint.toml", ".citelint.toml"].map(|n| d.join(n))).find(|p| p.is_file())
}

/// How many files an `extend` chain may have.
const MAX_EXTEND_DEPTH: usize = 16;

/// Reads and validates a configuration file and the files it extends.
///
/// # Errors
/// A file cannot be read, is not TOML, has unknown keys or bad values, or extends in a cycle.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let mut chain = Vec::new();
    let mut settings = load_chain(path, &mut chain)?;
    settings.config_path = Some(path.to_owned());
    settings.root = absolute(path).parent().map(Path::to_owned).unwrap_or_default();
    Ok(settings)
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned())
}

fn load_chain(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Settings, ConfigError> {
    let err = |text: &str, message: String, range| ConfigError {
        path: path.to_owned(),
        text: text.to_owned(),
        message,
        range,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err("", format!("cannot read it: {e}"), None))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| err(&text, e.message().to_owned(), e.span()))?;
    let here = absolute(path);
    if chain.contains(&here) || chain.len() >= MAX_EXTEND_DEPTH {
        let range = find_in(&text, file.extend.as_deref().unwrap_or(""));
        return Err(err(&text, "`extend` makes a cycle (or a chain too long)".into(), range));
    }
    chain.push(here.clone());
    let mut settings = match &file.extend {
        Some(base) => {
            let base_path = here.parent().unwrap_or_else(|| Path::new(".")).join(base);
            if !base_path.is_file() {
                return Err(err(&text, format!("`extend` names `{base}`, which is not a file"), find_in(&text, base)));
            }
            let mut s = load_chain(&base_path, chain)?;
            // Globs of the base are relative to the base: rebase them onto this file's folder.
            let base_dir = absolute(&base_path).parent().map(Path::to_owned).unwrap_or_default();
            let this_dir = here.parent().map(Path::to_owned).unwrap_or_default();
            if base_dir != this_dir {
                rebase(&mut s, &base_dir, &this_dir);
            }
            s
        }
        None => Settings::default(),
    };
    apply(&mut settings, file, &text).map_err(|(message, range)| err(&text, message, range))?;
    Ok(settings)
}

/// Makes the base's relative globs absolute, so they keep meaning what they meant.
fn rebase(s: &mut Settings, base_dir: &Path, _this_dir: &Path) {
    let fix = |g: &str| {
        if Path::new(g).is_absolute() || g.starts_with("**") {
            g.to_owned()
        } else {
            base_dir.join(g).display().to_string()
        }
    };
    for i in &mut s.per_file_ignores {
        i.pattern = fix(&i.pattern);
        if let Ok(g) = Glob::new(&i.pattern) {
            i.matcher = g.compile_matcher();
        }
    }
    s.exclude = s.exclude.iter().map(|g| fix(g)).collect();
}

type Problem = (String, Option<Range<usize>>);

fn apply(s: &mut Settings, file: ConfigFile, text: &str) -> Result<(), Problem> {
    let lint = file.lint;
    let selectors = lint.select.iter().flatten().chain(&lint.extend_select).chain(&lint.ignore);
    let more = lint.per_file_ignores.values().chain(lint.per_record_ignores.values()).flatten();
    for sel in selectors.chain(more) {
        if !rules::selector_is_known(sel) {
            return Err((format!("unknown rule selector `{sel}`"), find_in(text, sel)));
        }
    }
    for (rule, sev) in &lint.severity {
        let Some(r) = rules::find(rule) else {
            return Err((format!("severity overrides take a rule code or name, not `{rule}`"), find_in(text, rule)));
        };
        let severity = parse_severity(sev, text)?;
        s.severity.insert(r.meta().code.to_owned(), severity);
    }
    if let Some(f) = &lint.fail_on {
        s.fail_on = Some(parse_severity(f, text)?);
    }
    for (pattern, selectors) in lint.per_file_ignores {
        let glob =
            Glob::new(&pattern).map_err(|e| (format!("invalid glob `{pattern}`: {e}"), find_in(text, &pattern)))?;
        s.per_file_ignores.push(PerFileIgnore { pattern, matcher: glob.compile_matcher(), selectors });
    }
    for (key, selectors) in lint.per_record_ignores {
        s.per_record_ignores.entry(key).or_default().extend(selectors);
    }
    if lint.select.is_some() {
        s.select = lint.select;
    }
    s.extend_select.extend(lint.extend_select);
    s.ignore.extend(lint.ignore);
    for g in file.files.include.iter().flatten().chain(&file.files.exclude) {
        Glob::new(g).map_err(|e| (format!("invalid glob `{g}`: {e}"), find_in(text, g)))?;
    }
    if file.files.include.is_some() {
        s.include = file.files.include;
    }
    s.exclude.extend(file.files.exclude);
    if let Some(d) = file.bibtex.dialect {
        s.dialect = d;
    }
    if let Some(truth) = &file.works.source_of_truth {
        let format = crate::formats::detect::by_name(truth).ok_or_else(|| {
            (format!("unknown format `{truth}` (bibtex, mods, ris, refer, csl-json)"), find_in(text, truth))
        })?;
        s.works.source_of_truth = Some(format);
    }
    for group in file.works.group {
        let members = group
            .records
            .iter()
            .map(|r| {
                let (path, key) = r.rsplit_once('#').unwrap_or(("", r.as_str()));
                WorkMember { path: path.to_owned(), key: key.to_owned() }
            })
            .collect();
        s.works.groups.push((group.name, members));
    }
    for (rule, table) in file.rules {
        let Some(r) = rules::find(&rule) else {
            return Err((format!("`[rules.{rule}]` names no rule"), find_in(text, &rule)));
        };
        let code = r.meta().code;
        for (key, value) in &table {
            let Some(&(_, _, kind)) = RULE_OPTIONS.iter().find(|(c, k, _)| *c == code && k == key) else {
                let known: Vec<&str> = RULE_OPTIONS.iter().filter(|(c, ..)| *c == code).map(|(_, k, _)| *k).collect();
                let also = if known.is_empty() {
                    "it has no options".to_owned()
                } else {
                    format!("it has {}", known.join(", "))
                };
                return Err((format!("unknown option `{key}` for {code} ({also})"), find_in(text, key)));
            };
            let ok = match kind {
                OptionKind::Bool => value.is_bool(),
                OptionKind::String => value.is_str(),
                OptionKind::Strings => value.as_array().is_some_and(|a| a.iter().all(toml::Value::is_str)),
            };
            if !ok {
                return Err((format!("option `{key}` of {code} takes a {kind:?}"), find_in(text, key)));
            }
            if let Some(problem) = crate::rules::option_problem(code, key, value) {
                return Err((problem, find_in(text, key)));
            }
        }
        s.rule_options.entry(code.to_owned()).or_default().extend(table);
    }
    Ok(())
}

fn parse_severity(s: &str, text: &str) -> Result<Severity, Problem> {
    Severity::parse(s)
        .ok_or_else(|| (format!("unknown severity `{s}` (expected error, warning or info)"), find_in(text, s)))
}

fn find_in(text: &str, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let quoted = format!("\"{needle}\"");
    text.find(&quoted).map(|i| i..i + quoted.len()).or_else(|| text.find(needle).map(|i| i..i + needle.len()))
}

/// The resolved settings as TOML-like text (`citelint config --show-settings`).
#[must_use]
pub fn show(s: &Settings) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# configuration: {}",
        s.config_path.as_ref().map_or("(none)".into(), |p| p.display().to_string())
    );
    let _ = writeln!(out, "root = {:?}", s.root.display().to_string());
    let _ = writeln!(out, "\n[lint]");
    let _ = writeln!(out, "fail-on = {:?}", s.fail_on.unwrap_or(Severity::Info).name());
    let _ = writeln!(out, "enabled = [");
    for r in rules::ALL.iter().filter(|r| s.is_enabled(r.meta())) {
        let m = r.meta();
        let _ = writeln!(out, "  {:?}, # {} ({})", m.code, m.name, s.severity_of(m).name());
    }
    let _ = writeln!(out, "]");
    let _ = writeln!(out, "[lint.per-file-ignores]");
    for i in &s.per_file_ignores {
        let _ = writeln!(out, "{:?} = {:?}", i.pattern, i.selectors);
    }
    let _ = writeln!(out, "[lint.per-record-ignores]");
    for (k, v) in &s.per_record_ignores {
        let _ = writeln!(out, "{k:?} = {v:?}");
    }
    let _ = writeln!(out, "\n[files]");
    let _ = writeln!(out, "include = {:?}", s.include.as_deref().unwrap_or(&[]));
    let _ = writeln!(out, "exclude = {:?}", s.exclude);
    let _ = writeln!(out, "\n[bibtex]\ndialect = {:?}", format!("{:?}", s.dialect).to_lowercase());
    for (code, table) in &s.rule_options {
        let _ = writeln!(out, "\n[rules.{code}]\n{}", toml::to_string(table).unwrap_or_default().trim_end());
    }
    out
}
