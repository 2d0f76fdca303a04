//! Parses every fixture under `fixtures/parse/bibtex/`: valid ones give no syntax errors;
//! invalid ones give errors, the first on the line named by `% expect: line N`, and (when
//! given) `% entries: N` regular entries.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // reason: test code (DESIGN §10.3)
use std::path::{Path, PathBuf};

use citelint::formats::bibtex::ast::{BibFile, Item, SyntaxError};
use citelint::formats::bibtex::parser::parse;
use citelint::source::{decode, FileId, Span};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/parse/bibtex").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "bib"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    decode(&std::fs::read(path).unwrap()).0
}

fn line_of(text: &str, offset: u32) -> usize {
    text.as_bytes().iter().take(offset as usize).filter(|&&b| b == b'\n').count() + 1
}

fn header(text: &str, key: &str) -> Option<usize> {
    text.lines().take_while(|l| l.starts_with('%')).find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
}

fn entry_count(f: &BibFile) -> usize {
    f.items.iter().filter(|i| matches!(i, Item::Entry(_))).count()
}

/// Every span of the tree and the errors lies within the text, on char boundaries.
pub fn check_spans(text: &str, f: &BibFile, errors: &[SyntaxError]) {
    let ok = |s: Span| {
        assert!(s.start <= s.end, "{s:?}");
        assert!(text.get(s.range()).is_some(), "span {s:?} not within text / on char boundaries");
    };
    for item in &f.items {
        let e = item.entry();
        ok(e.span);
        ok(e.kind);
        e.key.into_iter().for_each(ok);
        for field in &e.fields {
            ok(field.span);
            ok(field.name);
            ok(field.value.span);
            field.comma.into_iter().for_each(ok);
            for p in &field.value.parts {
                ok(p.span);
                ok(p.inner);
                assert!(p.span.contains(p.inner));
            }
            assert!(e.span.contains(field.span), "{:?} {:?}", e.span, field.span);
        }
    }
    for err in errors {
        ok(err.span);
        err.labels.iter().for_each(|(s, _)| ok(*s));
    }
}

#[test]
fn valid_fixtures_parse_cleanly() {
    let files = fixtures("valid");
    assert!(files.len() >= 10);
    for path in files {
        let text = read(&path);
        let (f, errors) = parse(FileId(0), &text);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        check_spans(&text, &f, &errors);
        if let Some(n) = header(&text, "% entries:") {
            assert_eq!(entry_count(&f), n, "{}", path.display());
        }
    }
}

#[test]
fn invalid_fixtures_report_the_right_line() {
    let files = fixtures("invalid");
    assert!(files.len() >= 10);
    for path in files {
        let text = read(&path);
        let (f, errors) = parse(FileId(0), &text);
        assert!(!errors.is_empty(), "{}: no error", path.display());
        check_spans(&text, &f, &errors);
        let expect = header(&text, "% expect: line").unwrap_or_else(|| panic!("{}: no expect header", path.display()));
        let first = errors.first().unwrap();
        assert_eq!(line_of(&text, first.span.start), expect, "{}: {errors:#?}", path.display());
        assert_eq!(errors.len(), 1, "{}: {errors:#?}", path.display());
        if let Some(n) = header(&text, "% entries:") {
            assert_eq!(entry_count(&f), n, "{}", path.display());
        }
    }
}

#[test]
fn valid_fixture_details() {
    let text = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/parse/bibtex/valid/comment_preamble.bib"));
    let (f, _) = parse(FileId(0), &text);
    let kinds: Vec<&str> = f
        .items
        .iter()
        .map(|i| match i {
            Item::Entry(_) => "entry",
            Item::String(_) => "string",
            Item::Preamble(_) => "preamble",
            Item::Comment(_) => "comment",
        })
        .collect();
    assert_eq!(kinds, ["preamble", "comment", "comment", "comment", "entry"]);
}

#[test]
fn deep_nesting_and_huge_inputs() {
    let text = format!("@misc{{a, title = {}x{}}}\n@misc{{b}}", "{".repeat(100_000), "}".repeat(100_000));
    let (f, errors) = parse(FileId(0), &text);
    assert!(errors.is_empty());
    assert_eq!(entry_count(&f), 2);
    let text = format!("@misc{{a, title = {}\n\n@misc{{b}}", "{".repeat(100_000));
    let (f, errors) = parse(FileId(0), &text);
    assert_eq!(errors.len(), 1);
    assert_eq!(entry_count(&f), 2);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../fixtures/parse/bibtex/valid/concat_strings.bib");

    fn check(text: &str) {
        let (f, errors) = parse(FileId(0), text);
        check_spans(text, &f, &errors);
    }

    /// Applies (position, action) edits at char boundaries.
    fn mutate(seed: &str, edits: &[(usize, u8)]) -> String {
        let mut chars: Vec<char> = seed.chars().collect();
        const INSERTS: &[char] = &['{', '}', '(', ')', '"', '@', '#', '=', ',', '%', '\n', 'é', ' '];
        for &(pos, action) in edits {
            if chars.is_empty() {
                break;
            }
            let i = pos % chars.len();
            match action % 3 {
                0 => {
                    chars.remove(i);
                }
                1 => chars.insert(i, INSERTS[action as usize % INSERTS.len()]),
                _ => chars[i] = INSERTS[action as usize % INSERTS.len()],
            }
        }
        chars.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            check(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn bibtex_alphabet_never_panics(text in "[@{}()\"#=,% a-zA-Z0-9\n\t\ré€]{0,300}") {
            check(&text);
        }

        #[test]
        fn mutated_fixture_never_panics(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..12)) {
            check(&mutate(SEED, &edits));
        }
    }
}

/// Parses the shared corpus (read-only) and prints entries and errors per file.
/// Run with `cargo test --release --test parse corpus -- --ignored --nocapture`.
#[test]
#[ignore = "needs /work/shared/corpus"]
fn corpus() {
    let mut files: Vec<PathBuf> = glob::glob("/work/shared/corpus/bib/*")
        .unwrap()
        .chain(glob::glob("/work/shared/corpus/peer-tests/**/*.bib").unwrap())
        .filter_map(Result::ok)
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let (mut entries, mut bad, mut bytes) = (0, 0, 0);
    let start = std::time::Instant::now();
    for path in &files {
        let text = read(path);
        bytes += text.len();
        let (f, errors) = parse(FileId(0), &text);
        check_spans(&text, &f, &errors);
        entries += entry_count(&f);
        if !errors.is_empty() {
            bad += 1;
            println!("{}: {} entries, {} errors", path.display(), entry_count(&f), errors.len());
            for e in errors.iter().take(3) {
                println!("    line {}: {}", line_of(&text, e.span.start), e.message);
            }
        }
    }
    println!("{} files, {bytes} bytes, {entries} entries, {bad} files with errors, {:?}", files.len(), start.elapsed());
    let tug = "/work/shared/corpus/bib/plk__biber__etc__tugboat.bib";
    if let Ok(bytes) = std::fs::read(tug) {
        let text = decode(&bytes).0;
        let n = 20;
        let start = std::time::Instant::now();
        let mut count = 0;
        for _ in 0..n {
            count += parse(FileId(0), std::hint::black_box(&text)).0.items.len();
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "tugboat: {} bytes, {} items, {:.0} MB/s",
            text.len(),
            count / n,
            (text.len() * n) as f64 / secs / 1e6
        );
    }
}
