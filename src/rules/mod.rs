//! The rule engine's vocabulary: the [`Rule`] trait, [`RuleMeta`], [`Context`] and the registry.
//!
//! One rule = one file here, one folder in `rules/` (README + cases), one line in [`ALL`].

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::formats::ParsedFile;
use crate::model::Record;
use crate::source::{SourceDb, Span};
use crate::works::Work;

mod cl001_syntax_error;
mod cl002_invalid_encoding;
mod cl010_duplicate_key;
mod cl011_duplicate_field;
mod cl012_empty_field;
mod cl013_undefined_string;
mod cl014_unused_string;
mod cl015_missing_crossref;
mod cl016_duplicate_entry;
mod cl020_unknown_entry_type;
mod cl021_missing_required_field;
mod cl022_unknown_field;
mod cl030_key_pattern;
mod cl040_unused_suppression;
mod cl101_malformed_name_list;
mod cl102_comma_separated_names;
mod cl103_too_many_commas_in_name;
mod cl104_literal_et_al;
mod cl105_name_case;
mod cl201_page_range_separator;
mod cl202_reversed_page_range;
mod cl203_invalid_pages;
mod cl210_invalid_isbn;
mod cl211_isbn_checksum;
mod cl212_isbn_hyphenation;
mod cl215_issn_checksum;
mod cl220_invalid_doi;
mod cl221_doi_as_url;
mod cl230_invalid_url;
mod cl301_invalid_year;
mod cl302_month_format;
mod cl303_invalid_date;
mod cl304_date_year_mismatch;
mod cl401_mods_schema;
mod cl402_mods_invalid_id;
mod cl403_unknown_relator;
mod cl410_ris_structure;
mod cl411_unknown_tag;
mod cl420_refer_structure;
mod cl430_csl_json_schema;
mod cl440_malformed_citation_text;
mod cl501_title_mismatch;
mod cl502_author_mismatch;
mod cl503_author_order_mismatch;
mod cl504_editor_mismatch;
mod cl505_date_mismatch;
mod cl506_pages_mismatch;
mod cl507_container_mismatch;
mod cl508_publisher_mismatch;
mod cl509_identifier_mismatch;
mod cl510_field_dropped;
mod cl511_et_al_mismatch;
mod cl601_unprotected_capitals;
mod cl602_html_entity;
mod cl603_unescaped_special;
mod cl604_non_nfc;
mod cl605_control_character;

mod crossformat;
pub mod datamodel;
mod literal;
mod namelist;
#[cfg(test)]
mod testutil;
mod texscan;

pub(crate) use cl040_unused_suppression::{report as report_unused_suppressions, META as UNUSED_SUPPRESSION};

/// Whether a rule can fix what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    Never,
    Sometimes,
    Always,
}

/// What describes a rule: code, name, default severity, fix availability, documentation.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// Off unless selected explicitly (house-style rules).
    pub opt_in: bool,
    /// The rule's README (rules/CLnnn-name/README.md).
    pub doc: &'static str,
}

impl RuleMeta {
    /// The one-line summary: the first paragraph under "What it does".
    #[must_use]
    pub fn summary(&self) -> &'static str {
        let Some(start) = self.doc.find("## What it does") else { return "" };
        let rest = self.doc.get(start + "## What it does".len()..).unwrap_or("").trim_start();
        rest.split("\n\n").next().unwrap_or("").trim()
    }

    /// The README folder name: `CL202-reversed-page-range`.
    #[must_use]
    pub fn folder(&self) -> String {
        format!("{}-{}", self.code, self.name)
    }
}

/// A check. Hooks have empty defaults: a rule implements the ones it needs.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Structure, syntax and shape of one parsed file.
    fn check_file(&self, _file: &ParsedFile, _cx: &mut Context) {}
    /// One record, lowered to canonical fields.
    fn check_record(&self, _record: &Record, _cx: &mut Context) {}
    /// The records of one work, across files and formats.
    fn check_work(&self, _work: &Work, _cx: &mut Context) {}
    /// Every file of the run at once (such as duplicate keys across files).
    fn check_run(&self, _files: &[ParsedFile], _cx: &mut Context) {}
}

/// What a rule sees while it runs, and where its diagnostics go.
pub struct Context<'a> {
    pub db: &'a SourceDb,
    pub settings: &'a Settings,
    meta: &'static RuleMeta,
    severity: Severity,
    /// The key of the record being checked (a reused buffer: set once per record per rule).
    record: String,
    has_record: bool,
    /// Or the span of that key in the source, which costs nothing to set.
    record_span: Option<Span>,
    out: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    #[must_use]
    pub fn new(db: &'a SourceDb, settings: &'a Settings, meta: &'static RuleMeta) -> Self {
        let severity = settings.severity_of(meta);
        Self {
            db,
            settings,
            meta,
            severity,
            record: String::new(),
            has_record: false,
            record_span: None,
            out: Vec::new(),
        }
    }

    pub fn set_record(&mut self, key: Option<&str>) {
        self.record_span = None;
        self.record.clear();
        self.has_record = key.is_some();
        if let Some(k) = key {
            self.record.push_str(k);
        }
    }

    /// Sets the record being checked by its key's span in the source (the key as written).
    pub fn set_record_key(&mut self, key: Option<Span>) {
        self.has_record = false;
        self.record_span = key;
    }

    /// Reports a finding at `span`; the returned diagnostic takes labels, notes and a fix.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let mut d = Diagnostic::new(self.meta, span, message);
        d.severity = self.severity;
        d.record = match self.record_span {
            Some(span) => Some(self.db.slice(span).to_owned()),
            None => self.has_record.then(|| self.record.clone()),
        };
        self.out.push(d);
        let last = self.out.len() - 1;
        #[allow(clippy::indexing_slicing)] // reason: pushed just above
        &mut self.out[last]
    }

    /// The source text of a span.
    #[must_use]
    pub fn text(&self, span: Span) -> &'a str {
        self.db.slice(span)
    }

    #[must_use]
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }

    /// An empty context for the same rule and record, to check part of a file on another
    /// thread; [`Context::absorb`] takes its findings back.
    #[must_use]
    pub fn fork(&self) -> Self {
        Self {
            db: self.db,
            settings: self.settings,
            meta: self.meta,
            severity: self.severity,
            record: self.record.clone(),
            has_record: self.has_record,
            record_span: self.record_span,
            out: Vec::new(),
        }
    }

    /// Takes the findings of a [`Context::fork`].
    pub fn absorb(&mut self, other: Self) {
        self.out.extend(other.out);
    }
}

/// Every rule, in code order.
pub static ALL: &[&dyn Rule] = &[
    &cl001_syntax_error::SyntaxErrorRule,
    &cl002_invalid_encoding::InvalidEncoding,
    &cl010_duplicate_key::DuplicateKey,
    &cl011_duplicate_field::DuplicateField,
    &cl012_empty_field::EmptyField,
    &cl013_undefined_string::UndefinedString,
    &cl014_unused_string::UnusedString,
    &cl015_missing_crossref::MissingCrossref,
    &cl016_duplicate_entry::DuplicateEntry,
    &cl020_unknown_entry_type::UnknownEntryType,
    &cl021_missing_required_field::MissingRequiredField,
    &cl022_unknown_field::UnknownField,
    &cl030_key_pattern::KeyPattern,
    &cl040_unused_suppression::UnusedSuppression,
    &cl101_malformed_name_list::MalformedNameList,
    &cl102_comma_separated_names::CommaSeparatedNames,
    &cl103_too_many_commas_in_name::TooManyCommasInName,
    &cl104_literal_et_al::LiteralEtAl,
    &cl105_name_case::NameCase,
    &cl201_page_range_separator::PageRangeSeparator,
    &cl202_reversed_page_range::ReversedPageRange,
    &cl203_invalid_pages::InvalidPages,
    &cl210_invalid_isbn::InvalidIsbn,
    &cl211_isbn_checksum::IsbnChecksum,
    &cl212_isbn_hyphenation::IsbnHyphenation,
    &cl215_issn_checksum::IssnChecksum,
    &cl220_invalid_doi::InvalidDoi,
    &cl221_doi_as_url::DoiAsUrl,
    &cl230_invalid_url::InvalidUrl,
    &cl301_invalid_year::InvalidYear,
    &cl302_month_format::MonthFormat,
    &cl303_invalid_date::InvalidDate,
    &cl304_date_year_mismatch::DateYearMismatch,
    &cl401_mods_schema::ModsSchema,
    &cl402_mods_invalid_id::ModsInvalidId,
    &cl403_unknown_relator::UnknownRelator,
    &cl410_ris_structure::RisStructure,
    &cl411_unknown_tag::UnknownTag,
    &cl420_refer_structure::ReferStructure,
    &cl430_csl_json_schema::CslJsonSchema,
    &cl440_malformed_citation_text::MalformedCitationText,
    &cl501_title_mismatch::TitleMismatch,
    &cl502_author_mismatch::AuthorMismatch,
    &cl503_author_order_mismatch::AuthorOrderMismatch,
    &cl504_editor_mismatch::EditorMismatch,
    &cl505_date_mismatch::DateMismatch,
    &cl506_pages_mismatch::PagesMismatch,
    &cl507_container_mismatch::ContainerMismatch,
    &cl508_publisher_mismatch::PublisherMismatch,
    &cl509_identifier_mismatch::IdentifierMismatch,
    &cl510_field_dropped::FieldDropped,
    &cl511_et_al_mismatch::EtAlMismatch,
    &cl601_unprotected_capitals::UnprotectedCapitals,
    &cl602_html_entity::HtmlEntity,
    &cl603_unescaped_special::UnescapedSpecial,
    &cl604_non_nfc::NonNfc,
    &cl605_control_character::ControlCharacter,
];

/// Why a rule option's value is not accepted (beyond its type), for the config reader.
#[must_use]
pub fn option_problem(code: &str, key: &str, value: &toml::Value) -> Option<String> {
    match code {
        "CL030" => cl030_key_pattern::option_problem(key, value),
        _ => None,
    }
}

/// Finds a rule by code (`CL202`, any case) or name (`reversed-page-range`).
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.meta().code.eq_ignore_ascii_case(code_or_name) || r.meta().name == code_or_name)
}

/// Whether a selector (`ALL`, a code, a code prefix such as `CL0`, or a name) selects a rule.
#[must_use]
pub fn selector_matches(selector: &str, meta: &RuleMeta) -> bool {
    if selector.eq_ignore_ascii_case("ALL") || selector == meta.name {
        return true;
    }
    let upper = selector.to_ascii_uppercase();
    upper.starts_with("CL") && meta.code.starts_with(&upper)
}

/// Whether a selector names at least one rule.
#[must_use]
pub fn selector_is_known(selector: &str) -> bool {
    ALL.iter().any(|r| selector_matches(selector, r.meta()))
}
