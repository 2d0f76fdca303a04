//! Hostile inputs, end to end through the binary: each ends with exit 0, 1 or 2 and a clear
//! diagnostic, no panic, in bounded time and memory (generous bounds here; the benchmark
//! measures the real figures).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use std::fs;
use std::process::Command as StdCommand;
use std::time::{Duration, Instant};

/// Runs citelint on `name` = `bytes` with every rule on, under a memory limit of 20x the
/// input plus 512 MiB and a 10 s time limit; returns (exit code, stdout, stderr).
fn hostile(name: &str, bytes: &[u8]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let limit_kib = (bytes.len() * 20) / 1024 + 512 * 1024;
    let bin = assert_cmd::cargo::cargo_bin("citelint");
    let script = format!(
        "ulimit -v {limit_kib}; exec {} --isolated --select ALL --output-format concise {}",
        bin.display(),
        path.display()
    );
    let start = Instant::now();
    let out = StdCommand::new("bash").arg("-c").arg(&script).output().unwrap();
    let took = start.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(took < Duration::from_secs(10), "{name}: took {took:?}");
    let code = out.status.code().unwrap_or_else(|| panic!("{name}: killed by a signal\n{stderr}"));
    assert!((0..=2).contains(&code), "{name}: exit {code}\n{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{name}: {stderr}");
    assert!(!stdout.contains('\u{202e}') && !stdout.contains('\u{1b}'), "{name}: raw control characters in output");
    (code, stdout, stderr)
}

#[test]
fn deep_braces_in_a_value_and_at_the_top() {
    let deep = "{".repeat(100_000);
    let (code, out, _) =
        hostile("deep.bib", format!("@misc{{a, title = {deep}}}\n@misc{{b, title = {{ok}}}}\n").as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("CL001"), "{out}");
    let (code, _, _) = hostile("top.bib", format!("{}\n@misc{{b, title = {{ok}}}}\n", "}".repeat(100_000)).as_bytes());
    assert!(code <= 1);
}

#[test]
fn string_doubling_bomb_and_cycles() {
    let mut bomb = String::from("@string{a0 = \"xxxxxxxxxx\"}\n");
    for i in 1..=60 {
        bomb.push_str(&format!("@string{{a{i} = a{} # a{}}}\n", i - 1, i - 1));
    }
    bomb.push_str("@misc{k, title = a60, year = 2020}\n");
    hostile("bomb.bib", bomb.as_bytes());
    let cycle = "@string{a = b}\n@string{b = a}\n@string{c = c # c}\n@misc{k, title = a # c, year = 2020}\n";
    hostile("cycle.bib", cycle.as_bytes());
}

#[test]
fn ten_megabyte_line() {
    let long = "word ".repeat(2 * 1024 * 1024);
    let (code, _, _) =
        hostile("long.bib", format!("@misc{{k, title = {{T}}, abstract = {{{long}}}, year = 2020}}").as_bytes());
    assert_eq!(code, 0);
}

#[test]
fn nul_bytes_and_binary_files() {
    let (code, out, _) = hostile("nul.bib", b"@misc{k, title = {a\0b}}\n");
    assert_eq!(code, 1);
    assert!(out.contains("NUL byte"), "{out}");
    let binary: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let (code, _, _) = hostile("binary.bib", &binary);
    assert!(code <= 1);
}

#[test]
fn latin1_utf16_bom_crlf_and_mixed_line_endings() {
    let (code, out, _) = hostile("latin1.bib", b"@misc{k, title = {M\xfcller}, year = 2020}\n");
    assert_eq!(code, 1);
    assert!(out.contains("CL002"), "{out}");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "@misc{k, title = {Müller}, year = 2020}\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let (_, out, _) = hostile("utf16.bib", &utf16);
    assert!(out.contains("UTF-16"), "{out}");
    assert!(!out.contains("CL001"), "{out}");
    let (code, out, _) = hostile(
        "bom.bib",
        "\u{feff}@misc{k, title = {T}, year = 2020}\r\n@misc{j,\n title = {U},\r year = 2021}\n".as_bytes(),
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn unbalanced_quote_mid_file() {
    let text = "@misc{a, title = \"Open, year = 2020}\n\n@misc{b, title = {B}, note = {}}\n";
    let (code, out, _) = hostile("quote.bib", text.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(out.matches("CL001").count(), 1, "{out}");
    assert!(out.contains("quote.bib:3:") && out.contains("CL012"), "the entry after is checked: {out}");
}

#[test]
fn control_and_bidi_characters_are_escaped_in_output() {
    let text = "@misc{k, title = {a\u{202e}b\u{1b}[2J}, note = {}}\n";
    let (_, out, _) = hostile("bidi.bib", text.as_bytes());
    assert!(out.contains("CL012"), "{out}");
    let bin = assert_cmd::cargo::cargo_bin("citelint");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bidi.bib"), text).unwrap();
    let full =
        StdCommand::new(bin).args(["--isolated", "--select", "ALL"]).arg(dir.path().join("bidi.bib")).output().unwrap();
    let shown = String::from_utf8_lossy(&full.stdout);
    assert!(!shown.contains('\u{202e}') && !shown.contains('\u{1b}'), "{shown}");
}

#[test]
fn xml_bombs_and_deep_nesting() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>&lol3;</title></titleInfo></mods></modsCollection>
"#;
    let (code, out, _) = hostile("laughs.xml", laughs.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("CL001") && out.contains("DOCTYPE"), "{out}");
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE mods [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>&xxe;</title></titleInfo></mods>
"#;
    let (_, out, _) = hostile("xxe.xml", xxe.as_bytes());
    assert!(!out.contains("root:"), "{out}");
    assert!(out.contains("CL001"), "{out}");
    let deep = format!(
        "<mods xmlns=\"http://www.loc.gov/mods/v3\">{}{}</mods>",
        "<note>".repeat(100_000),
        "</note>".repeat(100_000)
    );
    let (_, out, _) = hostile("deep.xml", deep.as_bytes());
    assert!(out.contains("CL001"), "{out}");
}

#[test]
fn tagged_and_json_oddities() {
    hostile("no-er.ris", b"TY  - JOUR\nTI  - A title\nAU  - Smith, Ann\n");
    hostile("deep.json", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes());
    hostile("bad.json", b"[{\"id\": \"a\", \"type\": \"book\", \"title\": \"x}");
    hostile("bad.enw", b"%A Smith, Ann\n%0 Journal Article\n\n%T x\n");
}

#[test]
fn empty_files_of_every_format() {
    for name in ["e.bib", "e.xml", "e.ris", "e.enw", "e.json"] {
        hostile(name, b"");
    }
}

#[test]
fn regression_fixtures_never_crash() {
    let dir = common::root().join("fixtures/regressions");
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        hostile(path.file_name().unwrap().to_str().unwrap(), &bytes);
    }
}

#[test]
fn a_key_repeated_thousands_of_times() {
    // Each duplicate names a bounded number of the others: no quadratic pile of labels.
    let text: String = (0..20_000).map(|_| "@misc{dup, title = {T}, year = 2020}\n").collect();
    let (code, out, _) = hostile("dups.bib", text.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(out.matches("CL010").count(), 19_999);
}
