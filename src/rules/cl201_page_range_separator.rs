//! CL201 page-range-separator. Docs and cases: rules/CL201-page-range-separator/
//!
//! BibTeX writes `12--34` (spec/FORMATS.md §2.6: `--` is the en dash, `n.dashify` in the
//! standard styles). BibLaTeX (FORMATS §3) normalises ranges with `\mkpageprefix` and
//! `\bibrangedash`, so a single `-` is accepted there.
use std::borrow::Cow;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::config::Dialect;
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::ParsedFile;
use crate::model::pages::{is_locator, PageItem};
use crate::model::{Field, Value};

pub(crate) struct PageRangeSeparator;

static META: RuleMeta = RuleMeta {
    code: "CL201",
    name: "page-range-separator",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    opt_in: false,
    doc: include_str!("../../rules/CL201-page-range-separator/README.md"),
};

impl Rule for PageRangeSeparator {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        // `--` is BibTeX's spelling of a range; other formats write `-` or `–` (CSL `page`).
        if file.format != crate::model::Format::Bibtex {
            return;
        }
        let biblatex = file.dialect == Dialect::Biblatex;
        for record in &file.records {
            cx.set_record(record.key_str());
            for entry in record.all(Field::Pages) {
                let Value::Pages(pages) = &entry.value else { continue };
                for item in &pages.items {
                    check_item(item, biblatex, cx);
                }
            }
        }
        cx.set_record(None);
    }
}

fn check_item(item: &PageItem, biblatex: bool, cx: &mut Context) {
    let (Some(sep), Some(end), Some(gap)) = (&item.separator, &item.end, item.gap) else { return };
    if item.ambiguous || !is_locator(&unbraced(&item.start.value)) || !is_locator(&unbraced(&end.value)) {
        return; // not two pages (`A-12`, `n/a-n/a`): CL203's if anything
    }
    let written = cx.text(gap);
    let exact = cx.text(sep.span) == sep.value && written.trim() == sep.value;
    let spaced = exact && written != sep.value;
    let accepted = sep.value == "--" || (biblatex && sep.value == "-");
    if accepted && !spaced {
        return;
    }
    let shown = if exact { written } else { sep.value.as_str() };
    let d = cx.report(
        if exact { gap } else { item.span },
        format!("`{shown}` between the pages of `{}`; BibTeX ranges use `--`", item.text),
    );
    if exact {
        d.fix(Fix::safe_edit(format!("Replace `{shown}` with `--`"), gap, "--"));
    }
}

/// A page without its braces (`{1}23` is `123`); borrowed when it has none.
pub(crate) fn unbraced(page: &str) -> Cow<'_, str> {
    if page.contains(['{', '}']) {
        Cow::Owned(page.replace(['{', '}'], ""))
    } else {
        Cow::Borrowed(page)
    }
}
