//! Resolved settings: rule selection, severities, dialect (DESIGN §8).
//!
//! Read from `citelint.toml` / `.citelint.toml` (found by walking up) and the command line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// Everything the engine and the rules need to know about the user's choices.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub dialect: Dialect,
    /// Where the settings came from, if from a file.
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
        self.severity.get(meta.code).or_else(|| self.severity.get(meta.name)).copied().unwrap_or(meta.severity)
    }
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
pub struct ConfigFile {
    #[serde(default)]
    pub lint: LintSection,
    #[serde(default)]
    pub bibtex: BibtexSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintSection {
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub extend_select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BibtexSection {
    pub dialect: Option<Dialect>,
}

/// A configuration that could not be read; shown with a snippet of the file.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub message: String,
    pub range: Option<std::ops::Range<usize>>,
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

/// Reads and validates a configuration file.
///
/// # Errors
/// The file cannot be read, is not TOML, has unknown keys or bad values.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let err = |text: &str, message: String, range| ConfigError {
        path: path.to_owned(),
        text: text.to_owned(),
        message,
        range,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err("", e.to_string(), None))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| err(&text, e.message().to_owned(), e.span()))?;
    let mut settings = Settings { config_path: Some(path.to_owned()), ..Settings::default() };
    let selectors = file.lint.select.iter().flatten().chain(&file.lint.extend_select).chain(&file.lint.ignore);
    for s in selectors.chain(file.lint.severity.keys()) {
        if !rules::selector_is_known(s) {
            let range = find_in(&text, s);
            return Err(err(&text, format!("unknown rule selector `{s}`"), range));
        }
    }
    for (rule, sev) in &file.lint.severity {
        let Some(severity) = Severity::parse(sev) else {
            let range = find_in(&text, sev);
            return Err(err(&text, format!("unknown severity `{sev}` (expected error, warning or info)"), range));
        };
        let Some(r) = rules::find(rule) else {
            let range = find_in(&text, rule);
            return Err(err(&text, format!("severity overrides take a rule code or name, not `{rule}`"), range));
        };
        settings.severity.insert(r.meta().code.to_owned(), severity);
    }
    settings.select = file.lint.select;
    settings.extend_select = file.lint.extend_select;
    settings.ignore = file.lint.ignore;
    settings.dialect = file.bibtex.dialect.unwrap_or_default();
    Ok(settings)
}

fn find_in(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    let quoted = format!("\"{needle}\"");
    text.find(&quoted).map(|i| i..i + quoted.len()).or_else(|| text.find(needle).map(|i| i..i + needle.len()))
}
