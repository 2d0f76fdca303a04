//! Suppressions: configuration ignores (per file, per record) and inline comments
//! (DESIGN §8). `% citelint: ignore[CL202, reversed-page-range] reason` on the lines right
//! before a BibTeX entry (or field) suppresses those rules there; `% citelint:
//! ignore-file[...]` anywhere at the top level suppresses them in the whole file.

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::formats::ParsedFile;
use crate::rules::{self, RuleMeta};
use crate::source::{SourceDb, Span, Spanned};

/// What a suppression covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    File,
    /// An entry or a field: diagnostics that start inside it.
    Range(Span),
    /// A comment that precedes nothing it could suppress.
    Nothing,
}

/// One inline suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub scope: Scope,
    /// The whole comment line, with its line break.
    pub line: Span,
    pub selectors: Vec<Spanned<String>>,
}

/// A suppression selector that suppressed nothing.
#[derive(Clone, Debug)]
pub struct Unused {
    pub selector: Spanned<String>,
    /// The span to delete to remove it: the selector with a comma, or the whole line.
    pub removal: Span,
    /// Why it is unused.
    pub reason: UnusedReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnusedReason {
    UnknownRule,
    NotEnabled,
    NothingSuppressed,
}

/// Finds the inline suppressions of a BibTeX or MODS file.
#[must_use]
pub fn find(db: &SourceDb, parsed: &ParsedFile) -> Vec<Suppression> {
    if let Some(mods) = parsed.mods() {
        return find_mods(mods, parsed.file);
    }
    let Some(bib) = parsed.bibtex() else { return Vec::new() };
    let text = db.get(parsed.file).text.as_str();
    if !text.contains("citelint:") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let trimmed = line.trim_start();
        let Some(comment) = trimmed.strip_prefix('%') else { continue };
        let body = comment.trim_start_matches('%').trim_start();
        let Some((file_wide, rest, list)) = directive(body) else { continue };
        let list_start = start + (line.len() - rest.len());
        let selectors = split_selectors(list, list_start, parsed.file);
        let line_span = Span::new(parsed.file, start, start + line.len());
        let scope = if file_wide { Scope::File } else { following(bib, text, start + line.len()) };
        out.push(Suppression { scope, line: line_span, selectors });
    }
    out
}

/// MODS: `<!-- citelint: ignore[CL401] reason -->` suppresses in the element that follows the
/// comment (only white space and comments between); `<!-- citelint: ignore-file[...] -->`
/// anywhere suppresses in the whole file. The comment itself is the suppression's line.
fn find_mods(mods: &crate::formats::mods::ModsFile, file: crate::source::FileId) -> Vec<Suppression> {
    let mut out = Vec::new();
    for c in &mods.comments {
        let body = c.text.trim_start();
        let Some((file_wide, rest, list)) = directive(body) else { continue };
        // The comment's text starts after `<!--`; its raw text equals its value (no entities).
        let text_start = c.span.start as usize + 4;
        let list_start = text_start + (c.text.len() - rest.len());
        let selectors = split_selectors(list, list_start, file);
        let scope = if file_wide {
            Scope::File
        } else {
            c.following.and_then(|id| mods.element(id)).map_or(Scope::Nothing, |e| Scope::Range(e.span))
        };
        out.push(Suppression { scope, line: c.span, selectors });
    }
    out
}

/// Reads `citelint: ignore[a, b] reason` or `citelint: ignore-file[...]` at the start of a
/// comment's text: whether it is file-wide, the text from the list on (for offsets), and the
/// list between the brackets.
fn directive(body: &str) -> Option<(bool, &str, &str)> {
    let d = body.strip_prefix("citelint:")?.trim_start();
    let (file_wide, rest) = match d.strip_prefix("ignore-file[") {
        Some(r) => (true, r),
        None => (false, d.strip_prefix("ignore[")?),
    };
    let list = rest.get(..rest.find(']')?)?;
    Some((file_wide, rest, list))
}

/// The selectors of `ignore[a, b]` with their spans.
fn split_selectors(list: &str, base: usize, file: crate::source::FileId) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in list.split(',') {
        let lead = part.len() - part.trim_start().len();
        let s = part.trim();
        if !s.is_empty() {
            let at = base + offset + lead;
            out.push(Spanned::new(s.to_owned(), Span::new(file, at, at + s.len())));
        }
        offset += part.len() + 1;
    }
    out
}

/// The entry or field that starts after `from`, with only blank space and `%` comment lines
/// between.
fn following(bib: &crate::formats::bibtex::BibFile, text: &str, from: usize) -> Scope {
    let rest = text.get(from..).unwrap_or("");
    let mut skip = 0;
    for line in rest.split_inclusive('\n') {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('%') {
            skip += line.len();
        } else {
            skip += line.len() - t.len();
            break;
        }
    }
    let at = u32::try_from(from + skip).unwrap_or(u32::MAX);
    for item in &bib.items {
        let e = item.entry();
        if e.span.start == at {
            return Scope::Range(e.span);
        }
        if e.span.start < at && at < e.span.end {
            // Inside an entry: the field that starts there.
            return e.fields.iter().find(|f| f.span.start == at).map_or(Scope::Nothing, |f| Scope::Range(f.span));
        }
    }
    Scope::Nothing
}

/// Drops the diagnostics that configuration ignores (per file, per record).
pub fn apply_config(db: &SourceDb, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    if settings.per_file_ignores.is_empty() && settings.per_record_ignores.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let path = db.get(d.span.file).path.as_deref();
        !settings.ignores(d.rule, path, d.record.as_deref())
    });
}

/// Drops diagnostics that an inline suppression covers; returns the selectors that
/// suppressed nothing.
pub fn apply_inline(
    settings: &Settings,
    suppressions: &[Suppression],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Unused> {
    let mut used: Vec<Vec<bool>> = suppressions.iter().map(|s| vec![false; s.selectors.len()]).collect();
    diagnostics.retain(|d| {
        let mut keep = true;
        for (si, s) in suppressions.iter().enumerate() {
            let covers = match s.scope {
                Scope::File => s.line.file == d.span.file,
                Scope::Range(r) => {
                    r.file == d.span.file && r.start <= d.span.start && d.span.start < r.end.max(r.start + 1)
                }
                Scope::Nothing => false,
            };
            if !covers {
                continue;
            }
            for (i, sel) in s.selectors.iter().enumerate() {
                if rules::selector_matches(&sel.value, d.rule) {
                    if let Some(u) = used.get_mut(si).and_then(|u| u.get_mut(i)) {
                        *u = true;
                    }
                    keep = false;
                }
            }
        }
        keep
    });
    let mut unused = Vec::new();
    for (s, flags) in suppressions.iter().zip(&used) {
        let all_unused = flags.iter().all(|u| !u);
        for (i, (sel, &u)) in s.selectors.iter().zip(flags).enumerate() {
            if u {
                continue;
            }
            let reason = if !rules::selector_is_known(&sel.value) {
                UnusedReason::UnknownRule
            } else if !rules::ALL
                .iter()
                .any(|r| rules::selector_matches(&sel.value, r.meta()) && settings.is_enabled(r.meta()))
            {
                UnusedReason::NotEnabled
            } else {
                UnusedReason::NothingSuppressed
            };
            let removal = if all_unused { s.line } else { selector_removal(s, i) };
            unused.push(Unused { selector: sel.clone(), removal, reason });
        }
    }
    unused
}

/// The selector and the comma that joins it to a neighbour.
fn selector_removal(s: &Suppression, i: usize) -> Span {
    let this = s.selectors.get(i).map_or(s.line, |x| x.span);
    match (i.checked_sub(1).and_then(|p| s.selectors.get(p)), s.selectors.get(i + 1)) {
        (_, Some(next)) => Span { end: next.span.start, ..this },
        (Some(prev), None) => Span { start: prev.span.end, ..this },
        (None, None) => this,
    }
}

/// Whether `meta` is CL040, which reports unused suppressions.
#[must_use]
pub fn is_unused_suppression_rule(meta: &RuleMeta) -> bool {
    meta.code == "CL040"
}
