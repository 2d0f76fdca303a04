//! CL302 month-format. Docs and cases: rules/CL302-month-format/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::config::Dialect;
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::bibtex::strings::Strings;
use crate::formats::bibtex::{FieldAst, PartKind};
use crate::formats::ParsedFile;
use crate::model::date::parse_month;
use crate::model::tex;

pub(crate) struct MonthFormat;

static META: RuleMeta = RuleMeta {
    code: "CL302",
    name: "month-format",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL302-month-format/README.md"),
};

/// The month macros of the standard styles (plain.bst `MACRO {jan}`...) and of biber.
const MACROS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

impl Rule for MonthFormat {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let text = cx.db.get(file.file).text.as_str();
        let strings = Strings::new(bib, text);
        let biblatex = file.dialect == Dialect::Biblatex;
        let db = cx.db;
        for entry in bib.entries() {
            for field in entry.fields.iter().filter(|f| db.slice(f.name).eq_ignore_ascii_case("month")) {
                check_month(field, &strings, biblatex, cx);
            }
        }
    }
}

fn check_month(field: &FieldAst, strings: &Strings, biblatex: bool, cx: &mut Context) {
    let span = field.value.span;
    let part = match field.value.parts.as_slice() {
        // A macro: `jul`, or one the file defines (such as `crypto24month`).
        [p] if p.kind == PartKind::Macro => return,
        [p] => *p,
        [] => return,
        _ if biblatex => {
            let shown = cx.text(span).to_owned();
            let d = cx.report(span, format!("month `{shown}` is not one month: biblatex reads 1-12"));
            d.note("write a span of months as a date range: `date = {2026-10/2026-11}`");
            return;
        }
        // `oct # "-" # nov`: the BibTeX way to write a range.
        _ => return,
    };
    let shown = cx.text(span).to_owned();
    let value = tex::decode(cx.text(part.inner));
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let number = value.parse::<u32>().ok();
    if biblatex && number.is_some_and(|n| (1..=12).contains(&n)) {
        return;
    }
    let Some(month) = parse_month(value) else {
        let d = match number {
            Some(n) => cx.report(span, format!("there is no month {n}")),
            None => cx.report(span, format!("month `{shown}` is not one month")),
        };
        if !biblatex && value.contains(['-', '/', '\u{2013}']) {
            d.note("write a span of months with the macros: `jul # \"--\" # aug`");
        }
        return;
    };
    let macro_name = MACROS.get(usize::from(month).saturating_sub(1)).copied().unwrap_or("jan");
    if biblatex {
        let d = cx.report(span, format!("month `{shown}` is not a number: biblatex reads 1-12"));
        d.fix(Fix::safe_edit(format!("Replace with `{month}`"), span, month.to_string()));
        return;
    }
    let d = cx.report(span, format!("month `{shown}` is not the macro `{macro_name}`"));
    if macro_means(strings, macro_name, field.span.start, month) {
        d.fix(Fix::safe_edit(format!("Replace with `{macro_name}`"), span, macro_name));
    } else {
        d.note(format!("the file redefines `{macro_name}`, so the value is left as it is"));
    }
}

/// Whether the macro `name`, where `at` uses it, still means `month`: not redefined by an
/// `@string`, or redefined to a spelling of the same month (`@string{jul = "Juli"}` is not).
fn macro_means(strings: &Strings, name: &str, at: u32, month: u8) -> bool {
    let Some(def) = strings.lookup(name, at) else { return true };
    parse_month(&tex::decode(&strings.resolve(&def.value).text)) == Some(month)
}
