//! Fuzz lint-then-fix on BibTeX: the fixed text re-parses with no new syntax error, and fixing
//! again changes nothing. Run: `cargo +nightly fuzz run lint_fix`.
#![no_main]

use citelint::config::Settings;
use citelint::fix::Applicability;
use citelint::model::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let all = Settings { select: Some(vec!["ALL".into()]), ..Settings::default() };
    let syntax = Settings { select: Some(vec!["CL001".into()]), ..Settings::default() };
    let Some(fixed) = citelint::api::fix("fuzz.bib", data, &all, Applicability::Unsafe) else { return };
    let before = citelint::api::check_format("fuzz.bib", data, Format::Bibtex, &syntax).diagnostics.len();
    let after = citelint::api::check_format("fuzz.bib", &fixed, Format::Bibtex, &syntax).diagnostics.len();
    assert!(after <= before, "a fix added a syntax error");
    let again = citelint::api::fix("fuzz.bib", &fixed, &all, Applicability::Unsafe);
    assert!(again.is_none(), "fixing twice changed the text again");
});
