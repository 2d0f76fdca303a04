//! CL203 invalid-pages. Docs and cases: rules/CL203-invalid-pages/
//!
//! What a page is: spec/FORMATS.md §2.6 (ranges, `e1234`, `xii--xx`, `12+`, lists) and §3
//! (BibLaTeX `pages` is a range list).
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::pages::{is_valid_item, parse_pages, PageItem};
use crate::model::{Field, Record, Value};
use crate::source::Span;

pub(crate) struct InvalidPages;

static META: RuleMeta = RuleMeta {
    code: "CL203",
    name: "invalid-pages",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL203-invalid-pages/README.md"),
};

/// The length of a `pp. `, `p. `, `pp `, `S. ` prefix (with the white space after it) when
/// something follows it.
fn prefix_len(text: &str) -> Option<usize> {
    let rest = ["pp.", "PP.", "Pp.", "p.", "P.", "S.", "pp"]
        .iter()
        .find_map(|p| text.strip_prefix(p).map(|r| (p, r)))
        .filter(|(p, r)| p.ends_with('.') || r.starts_with(char::is_whitespace))?
        .1;
    let body = rest.trim_start();
    (!body.is_empty()).then(|| text.len() - body.len())
}

impl Rule for InvalidPages {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Pages) {
            let Value::Pages(pages) = &entry.value else { continue };
            for item in &pages.items {
                if is_valid_item(item) {
                    continue;
                }
                if let Some(len) = prefix_len(&item.text).filter(|&l| rest_is_valid(item, l)) {
                    let prefix = item.text.get(..len).unwrap_or("").trim_end().to_owned();
                    let exact = cx.text(item.span) == item.text;
                    let d = cx.report(
                        item.span.within(0..len),
                        format!("`{prefix}` written before the pages `{}`; styles add it themselves", item.text),
                    );
                    if exact {
                        d.fix(Fix::safe_deletion(format!("Remove `{prefix}`"), item.span.within(0..len)));
                    }
                    continue;
                }
                cx.report(item.span, format!("`{}` is not a page, a page range or a list of them", item.text));
            }
        }
    }
}

fn rest_is_valid(item: &PageItem, len: usize) -> bool {
    let rest = item.text.get(len..).unwrap_or("");
    let parsed = parse_pages(rest, &|_| Span::default());
    !parsed.items.is_empty() && parsed.items.iter().all(is_valid_item)
}
