//! What the CL5xx rules share: which record is the reference (the majority, or the configured
//! source of truth), how a disagreement is reported (primary label on the disagreeing value,
//! related labels on the agreeing records in their own files, a note saying why the records
//! are one work), the format field map (FORMATS §8, `rules/data/format-fields.tsv`), and small
//! writers that put a value back in a format's own syntax for fixes.
//!
//! Only records of different formats are compared, and only on values both carry: a record
//! without the value is CL510's business, not a mismatch.
//!
//! Severity: every CL5xx rule is a warning. A disagreement says the formats drifted, not which
//! one is wrong, and some differences are legitimate splits of one datum (the Anthology's own
//! first/last split of a name in citation lines, FORMATS §8); `--select`/severity overrides can
//! make CL502/CL503 errors in a repository that generates every format from one source.

use crate::fix::{Applicability, Edit, Fix};
use crate::model::normalize::{self, NameKey};
use crate::model::{Field, Format, Name, NameList, Record, Value};
use crate::rules::Context;
use crate::source::Span;
use crate::works::Work;

/// How a format is named in messages.
#[must_use]
pub(crate) fn format_label(f: Format) -> &'static str {
    match f {
        Format::Bibtex => "BibTeX",
        Format::Mods => "MODS",
        Format::Refer => "EndNote",
        Format::Ris => "RIS",
        Format::CslJson => "CSL-JSON",
        Format::AclText => "ACL citation",
        Format::Markdown => "Markdown citation",
        // Records are never of the bundle format: a bundle's records have their segments' formats.
        Format::Bundle => "bundle",
    }
}

/// Ties are broken for the format earlier in the export pipeline: the others are derived from
/// BibTeX (the ACL Anthology: BibTeX -> MODS -> EndNote; citation lines from the same data).
fn priority(f: Format) -> u8 {
    match f {
        Format::Bibtex => 0,
        Format::Mods => 1,
        Format::CslJson => 2,
        Format::Ris => 3,
        Format::Refer => 4,
        Format::AclText => 5,
        Format::Markdown => 6,
        Format::Bundle => 7,
    }
}

static FORMAT_FIELDS: &str = include_str!("../../rules/data/format-fields.tsv");

/// Whether `format` carries `field` (a row name of `format-fields.tsv`: a [`Field`] name or `month`).
#[must_use]
pub(crate) fn carries(format: Format, field: &str) -> bool {
    let columns = ["bibtex", "mods", "refer", "ris", "csl-json", "acl-text", "markdown"];
    let Some(col) = columns.iter().position(|c| *c == format.name()) else { return false };
    FORMAT_FIELDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|cells| cells.first() == Some(&field))
        .is_some_and(|cells| cells.get(col + 1) == Some(&"yes"))
}

/// Whether this record carries `field`: its format does ([`carries`]), and for an ACL
/// citation line its form does too (FORMATS §7.4: a paper in proceedings has no volume or
/// issue, a journal paper no publisher or address, a line without parent none of these).
#[must_use]
pub(crate) fn record_carries(record: &Record, field: &str) -> bool {
    if !carries(record.format, field) {
        return false;
    }
    if record.format != Format::AclText {
        return true;
    }
    match (record.kind.value.as_str(), field) {
        ("inproceedings", "volume" | "issue") => false,
        // `(ISSUE)` follows the volume: a journal line without volume has no issue either.
        ("article", "issue") => record.first(Field::Volume).is_some(),
        ("article", "publisher" | "place") => false,
        ("inproceedings" | "article", _) => true,
        (_, f) => !matches!(f, "container_title" | "pages" | "volume" | "issue" | "publisher" | "place"),
    }
}

/// The field names of the format map, in order.
pub(crate) fn mapped_fields() -> impl Iterator<Item = &'static str> {
    FORMAT_FIELDS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| l.split('\t').next())
}

/// Picks the reference among `items` (record formats, in work order): the item of the source
/// of truth's format when configured and present, else the one that agrees with the most items
/// of other formats, ties broken by [`priority`].
pub(crate) fn reference<T>(
    formats: &[Format],
    items: &[T],
    same: impl Fn(&T, &T) -> bool,
    truth: Option<Format>,
) -> Option<usize> {
    if let Some(t) = truth {
        if let Some(i) = formats.iter().position(|f| *f == t) {
            return Some(i);
        }
    }
    let mut best: Option<(usize, usize, u8)> = None;
    for (i, (a, fa)) in items.iter().zip(formats).enumerate() {
        let agree = items.iter().zip(formats).filter(|(b, fb)| *fb != fa && same(a, b)).count();
        let p = priority(*fa);
        let better = match best {
            None => true,
            Some((_, n, bp)) => agree > n || (agree == n && p < bp),
        };
        if better {
            best = Some((i, agree, p));
        }
    }
    best.map(|(i, _, _)| i)
}

/// "the BibTeX record", "the BibTeX and MODS records".
#[must_use]
pub(crate) fn records_phrase(formats: &[Format]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for f in formats {
        let l = format_label(*f);
        if !names.contains(&l) {
            names.push(l);
        }
    }
    match names.as_slice() {
        [] => "the other records".to_owned(),
        [one] => format!("the {one} record"),
        [init @ .., last] => format!("the {} and {last} records", init.join(", ")),
    }
}

/// One value of one record, as compared.
pub(crate) struct Scalar<'r> {
    pub record: &'r Record,
    pub key: String,
    /// The value as shown in messages.
    pub shown: String,
    pub span: Span,
}

/// How a fix writes the reference value over a disagreeing one: `(record, current text of the
/// span, reference) -> edits`; `None` when no fix can be written.
pub(crate) type Writer<'w> = &'w dyn Fn(&Context, &Scalar, &Scalar) -> Option<Vec<Edit>>;

/// Compares one scalar value across the records of a work and reports each record whose value
/// disagrees with the reference.
pub(crate) fn check_scalar(work: &Work, cx: &mut Context, what: &str, items: &[Scalar], write: Option<Writer>) {
    if items.len() < 2 {
        return;
    }
    let formats: Vec<Format> = items.iter().map(|s| s.record.format).collect();
    let truth = cx.settings.works.source_of_truth;
    let Some(r) = reference(&formats, items, |a, b| a.key == b.key, truth) else { return };
    let Some(reference) = items.get(r) else { return };
    let agreeing: Vec<&Scalar> = items.iter().filter(|s| s.key == reference.key).collect();
    let agreeing_formats: Vec<Format> = agreeing.iter().map(|s| s.record.format).collect();
    for item in items {
        if item.key == reference.key || item.record.format == reference.record.format {
            continue;
        }
        let fix = write.and_then(|w| w(cx, item, reference)).map(|edits| Fix {
            title: format!("Use the {} value `{}`", format_label(reference.record.format), reference.shown),
            // Unsafe only when the reference is the configured source of truth itself.
            applicability: if truth == Some(reference.record.format) {
                Applicability::Unsafe
            } else {
                Applicability::DisplayOnly
            },
            edits,
        });
        let why = work.why();
        let message =
            format!("{what} `{}` here, `{}` in {}", item.shown, reference.shown, records_phrase(&agreeing_formats));
        let d = cx.report(item.span, message);
        d.record(item.record.key_str());
        for a in &agreeing {
            d.label(a.span, format!("{} has `{}`", format_label(a.record.format), a.shown));
        }
        d.note(why);
        if let Some(f) = fix {
            d.fix(f);
        }
    }
}

/// The text values of a field, one per record that has it (the first entry).
pub(crate) fn text_items<'r>(work: &Work<'r>, field: Field, key: impl Fn(&str) -> Option<String>) -> Vec<Scalar<'r>> {
    work.records
        .iter()
        .filter(|r| carries(r.format, field.name()))
        .filter_map(|r| {
            let e = r.first(field)?;
            let t = e.value.text()?;
            let k = key(t).filter(|k| !k.is_empty())?;
            Some(Scalar { record: r, key: k, shown: t.to_owned(), span: e.raw })
        })
        .collect()
}

/// Writes a text value over a field's raw text in the record's own syntax.
pub(crate) fn write_text(cx: &Context, item: &Scalar, reference: &Scalar) -> Option<Vec<Edit>> {
    let raw = cx.text(item.span);
    let replacement = encode(item.record.format, raw, &reference.shown);
    Some(vec![Edit { span: item.span, replacement }])
}

/// A value in a format's syntax, keeping the delimiters of the text it replaces: BibTeX
/// braces or quotes (specials escaped), XML escaping, JSON string escaping, plain one-line
/// text for Refer, RIS and citation lines.
#[must_use]
pub(crate) fn encode(format: Format, raw: &str, value: &str) -> String {
    let raw = raw.trim();
    match format {
        Format::Bibtex => {
            let mut body = String::with_capacity(value.len());
            for c in value.chars() {
                if matches!(c, '&' | '%' | '$' | '#' | '_') {
                    body.push('\\');
                }
                body.push(c);
            }
            if raw.starts_with('"') && !body.contains('"') {
                format!("\"{body}\"")
            } else if !raw.starts_with('{') && !raw.starts_with('"') && body.bytes().all(|b| b.is_ascii_digit()) {
                body
            } else {
                format!("{{{body}}}")
            }
        }
        Format::Mods => value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"),
        Format::CslJson => {
            let escaped = serde_json::to_string(value).unwrap_or_default();
            if raw.starts_with('"') {
                escaped
            } else {
                escaped.trim_matches('"').to_owned()
            }
        }
        Format::Refer | Format::Ris | Format::AclText | Format::Markdown | Format::Bundle => {
            value.replace(['\n', '\r'], " ")
        }
    }
}

/// The text of a span without the delimiters a format puts around a value (quotes, braces).
#[must_use]
pub(crate) fn bare(text: &str) -> &str {
    text.trim().trim_start_matches(['"', '{']).trim_end_matches(['"', '}']).trim()
}

// ---- names -------------------------------------------------------------------------------

/// A name list of one record.
pub(crate) struct Names<'r> {
    pub record: &'r Record,
    pub list: &'r NameList,
    pub span: Span,
    pub keys: Vec<NameKey>,
}

impl Names<'_> {
    /// A citation that abbreviates the list (`and others`, `et al.`, or any Markdown citation).
    pub fn truncated(&self) -> bool {
        self.list.others.is_some() || self.record.format == Format::Markdown
    }
}

pub(crate) fn name_items<'r>(work: &Work<'r>, field: Field) -> Vec<Names<'r>> {
    work.records
        .iter()
        .filter(|r| carries(r.format, field.name()))
        .filter_map(|r| {
            let e = r.first(field)?;
            let Value::Names(list) = &e.value else { return None };
            if list.names.is_empty() {
                return None;
            }
            let keys = list.names.iter().map(normalize::name_key).collect();
            Some(Names { record: r, list, span: e.raw, keys })
        })
        .collect()
}

/// "Moreira, Viviane P." / "van Merriënboer, Bart".
#[must_use]
pub(crate) fn show_name(n: &Name) -> String {
    let mut s = String::new();
    if let Some(p) = n.particle() {
        s.push_str(p);
        s.push(' ');
    }
    s.push_str(n.family());
    if let Some(g) = n.given().filter(|g| !g.is_empty()) {
        s.push_str(", ");
        s.push_str(g);
    }
    s
}

/// Matches the names of `a` to those of `b`: exact keys first, then compatible ones
/// (initials missing on one side). `result[i]` is the index in `b` of `a`'s i-th name.
#[must_use]
pub(crate) fn match_names(a: &[NameKey], b: &[NameKey]) -> Vec<Option<usize>> {
    let mut used = vec![false; b.len()];
    let mut out = vec![None; a.len()];
    for pass in 0..2 {
        for (i, ka) in a.iter().enumerate() {
            if out.get(i).copied().flatten().is_some() {
                continue;
            }
            let found = b.iter().enumerate().position(|(j, kb)| {
                !used.get(j).copied().unwrap_or(true) && if pass == 0 { ka == kb } else { ka.compatible(kb) }
            });
            if let Some(j) = found {
                if let Some(u) = used.get_mut(j) {
                    *u = true;
                }
                if let Some(o) = out.get_mut(i) {
                    *o = Some(j);
                }
            }
        }
    }
    out
}

/// Whether two lists hold the same people (in any order).
#[must_use]
pub(crate) fn same_people(a: &[NameKey], b: &[NameKey]) -> bool {
    a.len() == b.len() && match_names(a, b).iter().all(Option::is_some)
}

/// Whether two lists hold the same people in the same order.
#[must_use]
pub(crate) fn same_order(a: &[NameKey], b: &[NameKey]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.compatible(y))
}

/// The positions of `order` (indices into the reference list) that are not in a longest
/// increasing subsequence: the names that moved.
#[must_use]
pub(crate) fn moved(order: &[usize]) -> Vec<usize> {
    let n = order.len();
    if n > 2000 {
        // Quadratic below; beyond this, report the first position out of place.
        return order.iter().enumerate().find(|(i, j)| i != *j).map(|(i, _)| vec![i]).unwrap_or_default();
    }
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if let (Some(oj), Some(oi), Some(&lj), Some(&li)) = (order.get(j), order.get(i), len.get(j), len.get(i)) {
                if oj < oi && lj + 1 > li {
                    if let Some(l) = len.get_mut(i) {
                        *l = lj + 1;
                    }
                    if let Some(p) = prev.get_mut(i) {
                        *p = j;
                    }
                }
            }
        }
    }
    let mut keep = vec![false; n];
    let mut at = len.iter().enumerate().max_by_key(|(i, l)| (**l, usize::MAX - i)).map(|(i, _)| i);
    while let Some(i) = at {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
        at = prev.get(i).copied().filter(|p| *p != usize::MAX);
    }
    (0..n).filter(|i| !keep.get(*i).copied().unwrap_or(true)).collect()
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// CL502/CL504: names missing, added or different, between full lists; and the names of
/// abbreviated lists against the first names of the reference.
pub(crate) fn check_membership(work: &Work, cx: &mut Context, role: &str, items: &[Names]) {
    let full: Vec<&Names> = items.iter().filter(|n| !n.truncated()).collect();
    if items.len() < 2 || full.is_empty() {
        return;
    }
    let formats: Vec<Format> = full.iter().map(|n| n.record.format).collect();
    let truth = cx.settings.works.source_of_truth;
    let Some(r) = reference(&formats, &full, |a, b| same_people(&a.keys, &b.keys), truth) else { return };
    // An abbreviated list shows the first names of the full list: its reference is the full
    // list whose order most others share (not one that only has the same people).
    let o = reference(&formats, &full, |a, b| same_order(&a.keys, &b.keys), truth);
    let Some(reference) = full.get(r).copied() else { return };
    let ordered = o.and_then(|o| full.get(o).copied()).unwrap_or(reference);
    let ref_label = format_label(reference.record.format);
    for item in items {
        if item.truncated() {
            if item.record.format == ordered.record.format {
                continue;
            }
            let (reference, ref_label) = (ordered, format_label(ordered.record.format));
            // The names an abbreviated list shows are the first of the full list.
            for (i, (k, n)) in item.keys.iter().zip(&item.list.names).enumerate() {
                let Some(rk) = reference.keys.get(i) else { break };
                if !k.compatible(rk) {
                    let rn = reference.list.names.get(i).map(show_name).unwrap_or_default();
                    let why = work.why();
                    let d =
                        cx.report(n.span, format!("{role} `{}` here, `{rn}` in the {ref_label} record", show_name(n)));
                    d.record(item.record.key_str());
                    if let Some(rname) = reference.list.names.get(i) {
                        d.label(rname.span, format!("{} {role} in the {ref_label} record", ordinal(i + 1)));
                    }
                    d.note(why);
                    break;
                }
            }
            continue;
        }
        if item.record.format == reference.record.format {
            continue;
        }
        let here = match_names(&item.keys, &reference.keys);
        let there = match_names(&reference.keys, &item.keys);
        let extra: Vec<&Name> =
            here.iter().zip(&item.list.names).filter(|(m, _)| m.is_none()).map(|(_, n)| n).collect();
        let missing: Vec<&Name> =
            there.iter().zip(&reference.list.names).filter(|(m, _)| m.is_none()).map(|(_, n)| n).collect();
        if extra.is_empty() && missing.is_empty() {
            continue;
        }
        let list = |ns: &[&Name]| ns.iter().map(|n| format!("`{}`", show_name(n))).collect::<Vec<_>>().join(", ");
        let message = match (extra.as_slice(), missing.as_slice()) {
            ([e], [m]) => format!("{role} `{}` here, `{}` in the {ref_label} record", show_name(e), show_name(m)),
            ([], ms) => format!("{role} {} missing here, listed in the {ref_label} record", list(ms)),
            (es, []) => format!("{role} {} here, not in the {ref_label} record", list(es)),
            (es, ms) => format!("{role}s {} here, {} in the {ref_label} record", list(es), list(ms)),
        };
        let span = extra.first().map_or(item.span, |n| n.span);
        let why = work.why();
        let d = cx.report(span, message);
        d.record(item.record.key_str());
        for e in extra.iter().skip(1) {
            d.label(e.span, "not in the other record");
        }
        if missing.is_empty() {
            d.label(reference.span, format!("the {role}s in the {ref_label} record"));
        }
        for m in &missing {
            d.label(m.span, format!("{ref_label} has `{}`", show_name(m)));
        }
        d.note(why);
    }
}

/// CL503/CL504: the same people in another order. The moved names (outside a longest run in
/// the reference's order) get the labels in the disagreeing record, the reference's list one.
pub(crate) fn check_order(work: &Work, cx: &mut Context, role: &str, items: &[Names]) {
    let full: Vec<&Names> = items.iter().filter(|n| !n.truncated()).collect();
    if full.len() < 2 {
        return;
    }
    let formats: Vec<Format> = full.iter().map(|n| n.record.format).collect();
    let truth = cx.settings.works.source_of_truth;
    let Some(r) = reference(&formats, &full, |a, b| same_order(&a.keys, &b.keys), truth) else { return };
    let Some(reference) = full.get(r).copied() else { return };
    let ref_label = format_label(reference.record.format);
    for item in &full {
        if item.record.format == reference.record.format
            || !same_people(&item.keys, &reference.keys)
            || same_order(&item.keys, &reference.keys)
        {
            continue;
        }
        let order: Vec<usize> = match_names(&item.keys, &reference.keys).into_iter().flatten().collect();
        let moved = moved(&order);
        let Some(&first) = moved.first() else { continue };
        let (Some(name), Some(&at)) = (item.list.names.get(first), order.get(first)) else { continue };
        let message = format!(
            "{role} `{}` is {} here, {} in the {ref_label} record",
            show_name(name),
            ordinal(first + 1),
            ordinal(at + 1)
        );
        let why = work.why();
        let d = cx.report(name.span, message);
        d.record(item.record.key_str());
        for &m in moved.iter().skip(1) {
            if let (Some(n), Some(&a)) = (item.list.names.get(m), order.get(m)) {
                d.label(n.span, format!("also moved: {} in the {ref_label} record", ordinal(a + 1)));
            }
        }
        d.label(reference.span, format!("the order in the {ref_label} record"));
        d.note(why);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_map() {
        assert!(carries(Format::Bibtex, "isbn"));
        assert!(!carries(Format::Markdown, "pages"));
        assert!(carries(Format::Refer, "month"));
        assert!(mapped_fields().any(|f| f == "container_title"));
    }

    #[test]
    fn moved_names() {
        assert_eq!(moved(&[0, 1, 2, 3, 5, 6, 4]), vec![6]);
        assert_eq!(moved(&[1, 0]).len(), 1);
        assert!(moved(&[0, 1, 2]).is_empty());
    }

    #[test]
    fn encoding() {
        assert_eq!(encode(Format::Bibtex, "\"x\"", "A & B"), "\"A \\& B\"");
        assert_eq!(encode(Format::Bibtex, "{x}", "A"), "{A}");
        assert_eq!(encode(Format::Mods, "x", "A & B"), "A &amp; B");
        assert_eq!(encode(Format::CslJson, "\"x\"", "a\"b"), "\"a\\\"b\"");
        assert_eq!(encode(Format::Refer, "x", "a\nb"), "a b");
    }

    #[test]
    fn phrases() {
        assert_eq!(records_phrase(&[Format::Bibtex]), "the BibTeX record");
        assert_eq!(
            records_phrase(&[Format::Bibtex, Format::Mods, Format::Refer]),
            "the BibTeX, MODS and EndNote records"
        );
    }
}
