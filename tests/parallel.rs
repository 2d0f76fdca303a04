//! Large inputs take the parallel paths: a file parsed in parts (4 MB and more), lowered and
//! checked in chunks on every core (2,048 records and more), run-wide rules at once. What is
//! reported must not depend on the number of threads.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: tests may panic

use std::fmt::Write as _;
use std::fs;

use assert_cmd::Command;

/// `n` entries of about 220 bytes, with findings for several rules (a page range written with
/// `-`, an unescaped `&`, a duplicate key, a capitalized family name, an empty field).
fn corpus(n: usize, seed: usize) -> String {
    let mut out = String::from("@string{acl = {Proceedings of ACL}}\n\n");
    for i in 0..n {
        let key = if i % 997 == 0 { 7 } else { i + seed };
        let pages = if i % 5 == 0 { format!("{}-{}", i % 300, i % 300 + 9) } else { format!("{}--{}", i, i + 12) };
        let family = if i % 11 == 0 { "SMITH" } else { "Smith" };
        let title = if i % 13 == 0 { "Parsing & Linting" } else { "A Study of {BibTeX} Records" };
        let note = if i % 17 == 0 { "" } else { "seen" };
        writeln!(
            out,
            "@inproceedings{{key{key},\n  author = {{{family}, Jane and M{{\\\"u}}ller, Karl}},\n  title = {{{title} {i}}},\n  \
             booktitle = acl,\n  year = {year},\n  pages = {{{pages}}},\n  note = {{{note}}},\n  doi = {{10.18653/v1/{i}}}\n}}\n",
            year = 1990 + i % 35,
        )
        .unwrap();
    }
    out
}

fn run(dir: &std::path::Path, threads: &str) -> Vec<u8> {
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--isolated", "--output-format", "json", "--threads", threads, "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn diagnostics_do_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    // Clean syntax: parsed in parts. The other file has a syntax error: parsed whole.
    let clean = corpus(20_000, 0);
    assert!(clean.len() > 4 << 20, "large enough to be parsed in parts: {}", clean.len());
    fs::write(dir.path().join("clean.bib"), &clean).unwrap();
    let mut broken = corpus(3_000, 100_000);
    broken.push_str("@article{open, title = {never closed\n");
    broken.push_str(&corpus(100, 200_000));
    fs::write(dir.path().join("broken.bib"), &broken).unwrap();
    let one = run(dir.path(), "1");
    let two = run(dir.path(), "2");
    let found: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let codes: std::collections::BTreeSet<&str> =
        found.as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    for code in ["CL001", "CL010", "CL012", "CL105", "CL201", "CL603"] {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
    }
    assert!(one == two, "the output with 2 threads differs from the output with 1");
}
