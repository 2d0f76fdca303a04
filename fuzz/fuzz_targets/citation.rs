//! Fuzz the citation-line parsers (ACL text and Markdown) and every rule on their records: no
//! panic, and every span reported lies in the input on char boundaries. Run:
//! `cargo +nightly fuzz run citation`.
#![no_main]

use citelint::config::Settings;
use citelint::model::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let settings = Settings { select: Some(vec!["ALL".into()]), ..Settings::default() };
    for format in [Format::AclText, Format::Markdown] {
        let checked = citelint::api::check_format("fuzz", data, format, &settings);
        if let Err(e) = citelint::api::check_spans(&checked) {
            panic!("{e}");
        }
    }
});
