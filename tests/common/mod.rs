//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use citelint::config::Settings;
use citelint::output::{self, OutputFormat, ReportOptions};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Settings that run exactly one rule.
pub fn only(code: &str) -> Settings {
    Settings { select: Some(vec![code.to_owned()]), ..Settings::default() }
}

/// Renders diagnostics as the user sees them (full format, no colour).
pub fn render(checked: &citelint::api::Checked) -> String {
    let mut out = Vec::new();
    let options = ReportOptions { color: false, unsafe_fixes: true, fixing: false };
    output::report(OutputFormat::Full, &checked.db, &checked.diagnostics, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Reads a documentation example: `\xNN` stands for a raw byte (to show non-UTF-8 input).
pub fn unescape_bytes(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            if let Some(hex) = s.get(i + 2..i + 4) {
                if let Ok(v) = u8::from_str_radix(hex, 16) {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// Every rule folder under `rules/` (not `data/`).
pub fn rule_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().unwrap().to_str().unwrap().starts_with("CL"))
        .collect();
    dirs.sort();
    dirs
}

pub fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}
