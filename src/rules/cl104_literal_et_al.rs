//! CL104 literal-et-al. Docs and cases: rules/CL104-literal-et-al/
//!
//! BibTeX's "et al." is the name `others` (spec/FORMATS.md §2.4; btxdoc §4): styles print
//! "et al." for it, biblatex sets `\ifmorenames`. A written `et al.` is read as a name part.
use super::namelist::{name_source, tokens};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::{Field, Record, Value};

pub(crate) struct LiteralEtAl;

static META: RuleMeta = RuleMeta {
    code: "CL104",
    name: "literal-et-al",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL104-literal-et-al/README.md"),
};

/// A token of a written "et al.", braces and case ignored: `et`, `et.`, `al.`, `al`, `alii`.
fn plain(token: &str) -> String {
    token.chars().filter(|c| !matches!(c, '{' | '}')).collect::<String>().to_lowercase()
}

/// Where the written "et al." starts in the name (byte offset), if the name ends with one:
/// `et al.`, `et al`, `et. al.`, `et alii`, `etal.`, or the whole name `al.` (`and al.`).
fn et_al_start(text: &str) -> Option<usize> {
    let toks = tokens(text);
    let words: Vec<String> = toks.iter().map(|r| plain(text.get(r.clone()).unwrap_or(""))).collect();
    let n = words.len();
    let last = words.last()?.trim_end_matches(',');
    if matches!(last, "etal." | "etal" | "et.al." | "et.al" | "et al." | "et al" | "et. al." | "et. al") {
        return toks.last().map(|r| r.start);
    }
    if !matches!(last, "al." | "al" | "alii" | "alii.") {
        return None;
    }
    let prev = n.checked_sub(2).and_then(|i| words.get(i));
    match prev.map(String::as_str) {
        Some("et" | "et.") => toks.get(n - 2).map(|r| r.start),
        // A whole name `al.` (from `and al.`), written in lower case: `Al` is a given name.
        None if matches!(text.trim_matches(['{', '}']), "al." | "al") => toks.first().map(|r| r.start),
        _ => None,
    }
}

impl Rule for LiteralEtAl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Author).chain(record.all(Field::Editor)) {
            let Value::Names(list) = &entry.value else { continue };
            let field = entry.native.value.to_ascii_lowercase();
            let count = list.names.len();
            for (i, name) in list.names.iter().enumerate() {
                let Some(text) = name_source(cx, entry, name) else { continue };
                let Some(at) = et_al_start(text) else { continue };
                let written = text.get(at..).unwrap_or("").to_owned();
                let span = name.span.within(at..text.len());
                let d =
                    cx.report(span, format!("`{written}` written into `{field}`; BibTeX's \"et al.\" is `and others`"));
                if i + 1 != count || list.others.is_some() {
                    continue; // `others` must be last and single: no fix in the middle of a list
                }
                let head = text.get(..at).unwrap_or("").trim_end().trim_end_matches(',').trim_end();
                let fix = if head.is_empty() {
                    // `Smith and et al.`: the name itself becomes `others`.
                    Fix::safe_edit(format!("Replace `{written}` with `others`"), name.span, "others")
                } else {
                    let cut = name.span.within(head.len()..text.len());
                    Fix::safe_edit(format!("Replace `{written}` with `and others`"), cut, " and others")
                };
                d.fix(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::et_al_start;

    #[test]
    fn written_et_al() {
        assert_eq!(et_al_start("Smith, John et al."), Some(12));
        assert_eq!(et_al_start("J. Smith et. al."), Some(9));
        assert_eq!(et_al_start("Smith et~al"), Some(6));
        assert_eq!(et_al_start("et al."), Some(0));
        assert_eq!(et_al_start("al."), Some(0));
        assert_eq!(et_al_start("{et al.}"), Some(0));
        assert_eq!(et_al_start("Smith, John"), None);
        assert_eq!(et_al_start("Al, Mohammed"), None);
        assert_eq!(et_al_start("Ahmad Al"), None);
        assert_eq!(et_al_start("Vidal, Al"), None);
        assert_eq!(et_al_start("Al"), None);
    }
}
