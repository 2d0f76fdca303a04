//! Fuzz bundle splitting (several formats of one record in one file) and every rule on its
//! segments: no panic, and every span reported lies in the input on char boundaries. Run:
//! `cargo +nightly fuzz run bundle`.
#![no_main]

use citelint::config::Settings;
use citelint::model::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let settings = Settings { select: Some(vec!["ALL".into()]), ..Settings::default() };
    let checked = citelint::api::check_format("fuzz", data, Format::Bundle, &settings);
    if let Err(e) = citelint::api::check_spans(&checked) {
        panic!("{e}");
    }
});
