//! CL304 date-year-mismatch. Docs and cases: rules/CL304-date-year-mismatch/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::bibtex::strings::Strings;
use crate::formats::bibtex::{Entry, FieldAst, PartKind};
use crate::formats::ParsedFile;
use crate::model::date::{classify_year, month_macro, parse_month, YearForm};
use crate::model::edtf::{validate, DatePoint, DateSyntax, ParsedDate};
use crate::model::tex;
use crate::source::SourceDb;

pub(crate) struct DateYearMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL304",
    name: "date-year-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL304-date-year-mismatch/README.md"),
};

impl Rule for DateYearMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let text = cx.db.get(file.file).text.as_str();
        let strings = Strings::new(bib, text);
        for entry in bib.entries() {
            check_entry(entry, &strings, cx);
        }
    }
}

fn named<'e>(entry: &'e Entry, name: &'e str, db: &'e SourceDb) -> impl Iterator<Item = &'e FieldAst> + 'e {
    entry.fields.iter().filter(move |f| db.slice(f.name).eq_ignore_ascii_case(name))
}

fn check_entry(entry: &Entry, strings: &Strings, cx: &mut Context) {
    let Some(date_field) = named(entry, "date", cx.db).next() else { return };
    let date_text = tex::strip_braces(&strings.resolve(&date_field.value).text);
    let date_text = date_text.trim().to_owned();
    // An invalid date is CL303's; biber then keeps `year` and `month`.
    let Ok(date) = validate(DateSyntax::Edtf, &date_text) else { return };
    let ends: Vec<&DatePoint> = date.start.iter().chain(date.end.iter()).collect();
    let years: Vec<&FieldAst> = named(entry, "year", cx.db).collect();
    for year_field in years {
        let value = tex::decode(&strings.resolve(&year_field.value).text);
        let YearForm::Number { value: year, digits: 4 } = classify_year(&value) else { continue };
        if date.start.as_ref().is_some_and(|p| p.year.is_none() && p.year_text.starts_with('Y')) {
            continue;
        }
        if ends.is_empty() || ends.iter().any(|p| p.year_matches(year)) {
            continue;
        }
        let d = cx.report(year_field.value.span, format!("`year` ({year}) disagrees with `date` ({date_text})"));
        d.label(date_field.value.span, format!("`date` says {}", says_year(&date)));
        d.note("biber prints `date` and ignores `year`; keep one of them");
    }
    let months: Vec<&FieldAst> = named(entry, "month", cx.db).collect();
    for month_field in months {
        let Some(month) = month_value(month_field, strings, cx) else { continue };
        let shown = cx.text(month_field.value.span).to_owned();
        let Some(start) = date.start.as_ref() else { continue };
        if start.season.is_some() || (start.month.is_none() && start.year_text.contains('X')) {
            continue;
        }
        let given: Vec<u32> = ends.iter().filter_map(|p| p.month).collect();
        if given.contains(&u32::from(month)) {
            continue;
        }
        let message = if given.is_empty() {
            format!("`month` ({shown}) is lost: `date` ({date_text}) has no month")
        } else {
            format!("`month` ({shown}) disagrees with `date` ({date_text})")
        };
        let d = cx.report(month_field.value.span, message);
        d.label(date_field.value.span, "biber uses `date`");
        d.note("biber prints `date` and ignores `month`; keep one of them");
    }
}

fn says_year(date: &ParsedDate) -> String {
    let year = |p: &Option<DatePoint>| p.as_ref().map_or("..", |p| p.year_text.as_str()).to_owned();
    if date.is_range {
        format!("{}/{}", year(&date.start), year(&date.end))
    } else {
        year(&date.start)
    }
}

/// The month of a `month` field: `jul` (unless redefined), `{July}`, `7`; `None` for anything
/// else (CL302 reports those).
fn month_value(field: &FieldAst, strings: &Strings, cx: &Context) -> Option<u8> {
    match field.value.parts.as_slice() {
        [p] if p.kind == PartKind::Macro => {
            let name = cx.text(p.span);
            match strings.lookup(name, field.span.start) {
                None => month_macro(name),
                Some(def) => parse_month(&tex::decode(&strings.resolve(&def.value).text)),
            }
        }
        [p] => parse_month(&tex::decode(cx.text(p.inner))),
        _ => None,
    }
}
