//! CL301 invalid-year. Docs and cases: rules/CL301-invalid-year/
use std::borrow::Cow;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::config::Dialect;
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::bibtex::strings::{single_literal, Strings};
use crate::formats::bibtex::FieldAst;
use crate::formats::ParsedFile;
use crate::model::date::{classify_year, current_year, YearForm};
use crate::model::tex;

pub(crate) struct InvalidYear;

static META: RuleMeta = RuleMeta {
    code: "CL301",
    name: "invalid-year",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL301-invalid-year/README.md"),
};

/// Option `allow-publication-status` (README `## Options`): `forthcoming`, `in press`, ... in
/// `year` pass in BibTeX files.
const ALLOW_PUBLICATION_STATUS: &str = "allow-publication-status";

impl Rule for InvalidYear {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let text = cx.db.get(file.file).text.as_str();
        let strings = Strings::new(bib, text);
        let biblatex = file.dialect == Dialect::Biblatex;
        let next_year = current_year() + 1;
        let db = cx.db;
        for entry in bib.entries() {
            for field in entry.fields.iter().filter(|f| db.slice(f.name).eq_ignore_ascii_case("year")) {
                let value = tex::strip_braces(&without_noopsort(&strings.resolve(&field.value).text));
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                let allow_status = cx.settings.option_bool(META.code, ALLOW_PUBLICATION_STATUS).unwrap_or(true);
                check_year(field, value, biblatex, next_year, allow_status, cx);
            }
        }
    }
}

fn check_year(field: &FieldAst, value: &str, biblatex: bool, next_year: i64, allow_status: bool, cx: &mut Context) {
    let span = field.value.span;
    match classify_year(value) {
        YearForm::Number { value: year, digits: 4 } if year <= next_year => {}
        YearForm::Number { value: year, digits: 4 } => {
            cx.report(span, format!("year {year} is after next year ({next_year})"));
        }
        YearForm::Number { .. } => {
            cx.report(span, format!("year `{value}` does not have four digits"));
        }
        YearForm::Suffixed { year, suffix } => {
            let letter = single_literal(&field.value).and_then(|inner| {
                let source = cx.text(inner);
                let lead = source.len() - source.trim_start().len();
                (source.trim() == format!("{year}{suffix}")).then(|| inner.within(lead + 4..lead + 5))
            });
            let d = cx.report(span, format!("year `{value}` has a letter after it"));
            d.note("styles add `a`, `b`, ... themselves when an author has several works in one year");
            if let Some(letter) = letter {
                d.fix(Fix::unsafe_edit(format!("Remove `{suffix}`"), letter, ""));
            }
        }
        YearForm::Range { start, end } if end < start => {
            cx.report(span, format!("year range `{value}` ends before it starts"));
        }
        YearForm::Range { start, end } if biblatex => {
            let d = cx.report(span, format!("year `{value}` is a range: biblatex reads `year` as one number"));
            d.note(format!("write the range as `date = {{{start}/{end}}}`"));
        }
        YearForm::Approximate(year) if biblatex => {
            let d = cx.report(span, format!("year `{value}` is not a number: biblatex reads `year` as one number"));
            d.note(format!("write an approximate year as `date = {{{year}~}}`"));
        }
        YearForm::Range { .. } | YearForm::Approximate(_) => {}
        YearForm::Status if !biblatex && allow_status => {}
        YearForm::Status => {
            let d = cx.report(span, format!("year `{value}` is a publication status, not a year"));
            d.note("biblatex has a field for it: `pubstate = {inpress}` (or `forthcoming`, `submitted`, ...)");
        }
        YearForm::Other => {
            let d = cx.report(span, format!("year `{value}` is not a year"));
            let has_year = value.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4);
            if has_year {
                d.note("keep only the year in `year`; a month goes in `month`, a status in `note` or `pubstate`");
            }
        }
    }
}

/// The value without `\noopsort{...}` groups: `{\noopsort{1973b}}1973` is btxdoc's trick to
/// sort an entry differently from what is printed; only the printed year counts. Borrowed when
/// there is no `\noopsort`.
fn without_noopsort(s: &str) -> Cow<'_, str> {
    if !s.contains("\\noopsort") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("\\noopsort") {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + "\\noopsort".len()..).unwrap_or("").trim_start();
        let Some(group) = after.strip_prefix('{') else {
            rest = after;
            continue;
        };
        let mut depth = 1usize;
        let end = group.char_indices().find_map(|(i, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(i + 1)
        });
        rest = end.and_then(|e| group.get(e..)).unwrap_or("");
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::without_noopsort;

    #[test]
    fn noopsort_is_not_printed() {
        assert_eq!(without_noopsort("{\\noopsort{1973b}}1973"), "{}1973");
        assert_eq!(without_noopsort("1973"), "1973");
        assert_eq!(without_noopsort("\\noopsort{1973"), "");
    }
}
