//! CL511 et-al-mismatch. Docs and cases: rules/CL511-et-al-mismatch/
use crate::diagnostic::Severity;
use crate::model::{Field, Format};
use crate::rules::crossformat::{format_label, name_items, reference, Names};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct EtAlMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL511",
    name: "et-al-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL511-et-al-mismatch/README.md"),
};

/// How a citation abbreviates `n` authors: `Hu`, `Hu & Gu`, `Hu et al.` (FORMATS §7.5).
fn expected(n: usize) -> &'static str {
    match n {
        1 => "one name",
        2 => "two names",
        _ => "the first name and `et al.`",
    }
}

impl Rule for EtAlMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        let items = name_items(work, Field::Author);
        let full: Vec<&Names> = items.iter().filter(|n| !n.truncated()).collect();
        let formats: Vec<Format> = full.iter().map(|n| n.record.format).collect();
        let truth = cx.settings.works.source_of_truth;
        let Some(r) = reference(&formats, &full, |a, b| a.keys.len() == b.keys.len(), truth) else { return };
        let Some(reference) = full.get(r).copied() else { return };
        let n = reference.keys.len();
        let ref_label = format_label(reference.record.format);
        for item in items.iter().filter(|i| i.truncated()) {
            let k = item.keys.len();
            let et_al = item.list.others.is_some();
            let ok = if item.record.format == Format::Markdown {
                if n >= 3 {
                    k == 1 && et_al
                } else {
                    k == n && !et_al
                }
            } else {
                n > k
            };
            if ok {
                continue;
            }
            let shown = if et_al { format!("{k} name(s) and `et al.`") } else { format!("{k} name(s)") };
            let message = if item.record.format == Format::Markdown {
                format!("{shown} here, but the {ref_label} record has {n} authors: expected {}", expected(n))
            } else {
                format!("`et al.` after {k} name(s) here, but the {ref_label} record lists only {n} authors")
            };
            let span = item.list.others.unwrap_or(item.span);
            let why = work.why();
            let d = cx.report(span, message);
            d.record(item.record.key_str());
            d.label(reference.span, format!("{n} authors in the {ref_label} record"));
            d.note(why);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // reason: tests may panic
    use super::EtAlMismatch;
    use crate::config::Settings;
    use crate::model::{Format, Record};
    use crate::rules::{Context, Rule};
    use crate::source::{Encoding, SourceDb, SourceFile};
    use crate::works::Work;

    /// The Markdown citation parser lives elsewhere: its records are built here from BibTeX
    /// ones (`others` = `et al.`), which is all CL511 reads.
    fn records(full: &str, shown: &str) -> (SourceDb, Record, Record) {
        let text = format!("@article{{a, author = {{{full}}}}}\n@article{{b, author = {{{shown}}}}}\n");
        let mut db = SourceDb::new();
        let id = db.add(SourceFile::from_text("t.bib".into(), None, text, Encoding::Utf8 { bom: false }));
        let file = crate::formats::parse(&db, id, Format::Bibtex, &Settings::default());
        let mut it = file.records.into_iter();
        let full = it.next().unwrap();
        let mut md = it.next().unwrap();
        md.format = Format::Markdown;
        (db, full, md)
    }

    fn count(full: &str, shown: &str) -> usize {
        let (db, a, b) = records(full, shown);
        let settings = Settings::default();
        let mut cx = Context::new(&db, &settings, EtAlMismatch.meta());
        EtAlMismatch.check_work(&Work { records: vec![&a, &b], reasons: Vec::new() }, &mut cx);
        cx.into_diagnostics().len()
    }

    #[test]
    fn markdown_follows_the_one_two_many_rule() {
        let three = "Hu, Yi and Gu, Jiaqi and Wang, Ruxin";
        assert_eq!(count(three, "Hu and others"), 0);
        assert_eq!(count(three, "Hu and Gu"), 1);
        assert_eq!(count(three, "Hu"), 1);
        assert_eq!(count("Hu, Yi and Gu, Jiaqi", "Hu and Gu"), 0);
        assert_eq!(count("Hu, Yi and Gu, Jiaqi", "Hu and others"), 1);
        assert_eq!(count("Hu, Yi", "Hu"), 0);
    }
}
