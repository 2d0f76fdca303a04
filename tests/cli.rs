//! The command line: exit codes, output formats, fixes on disk, stdin, subcommands.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn citelint() -> Command {
    let mut c = Command::cargo_bin("citelint").unwrap();
    c.arg("--isolated").current_dir(common::root());
    c
}

/// For subcommands, which take their own options.
fn subcommand(name: &str) -> Command {
    let mut c = Command::cargo_bin("citelint").unwrap();
    c.arg(name).current_dir(common::root());
    c
}

fn citelint_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("citelint").unwrap();
    c.current_dir(dir);
    c
}

const CLEAN: &str = "@misc{a, title = {T}, year = 2020}\n";
const EMPTY_NOTE: &str = "@misc{a,\n  title = {T},\n  note = {},\n  year = 2020\n}\n";

#[test]
fn clean_file_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.bib"), CLEAN).unwrap();
    citelint_in(dir.path())
        .args(["--isolated", "a.bib"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("All checks passed"));
}

#[test]
fn findings_exit_1_and_exit_zero_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.bib"), EMPTY_NOTE).unwrap();
    citelint_in(dir.path()).args(["--isolated", "a.bib"]).assert().code(1);
    citelint_in(dir.path()).args(["--isolated", "--exit-zero", "a.bib"]).assert().code(0);
}

#[test]
fn missing_path_and_bad_selector_exit_2() {
    citelint().arg("no/such/file.bib").assert().code(2).stderr(predicate::str::contains("no such file"));
    citelint().args(["--select", "CL999", "fixtures/acl/hu-etal-2026-towards.bib"]).assert().code(2);
    citelint().arg("--no-such-flag").assert().code(2);
}

#[test]
fn acl_sample_is_clean() {
    citelint().arg("fixtures/acl/hu-etal-2026-towards.bib").assert().code(0);
}

#[test]
fn demo_reports_every_problem_and_checks_entries_after_the_broken_one() {
    let out =
        citelint().args(["--output-format", "concise", "fixtures/demo"]).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for code in [
        "CL001", "CL010", "CL011", "CL012", "CL013", "CL014", "CL015", "CL021", "CL022", "CL201", "CL202", "CL211",
        "CL221", "CL302",
    ] {
        assert!(out.contains(code), "{code} missing from:\n{out}");
    }
    assert_eq!(out.matches("CL001").count(), 1, "one syntax error:\n{out}");
    // lee2020 comes after the unclosed title and is still checked.
    assert!(out.lines().any(|l| l.contains("CL011") && l.contains("references.bib:49:")), "{out}");
}

#[test]
fn json_output_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.bib"), EMPTY_NOTE).unwrap();
    let out = citelint_in(dir.path())
        .args(["--isolated", "--output-format", "json", "a.bib"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let d = &v[0];
    assert_eq!(d["code"], "CL012");
    assert_eq!(d["rule"], "empty-field");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "a.bib");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(3)));
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(3), Some(12)));
    assert_eq!(d["record"], "a");
    assert_eq!(d["fix"]["applicability"], "safe");
    assert_eq!(d["fix"]["edits"][0]["line"], 3);
    assert_eq!(d["fix"]["edits"][0]["content"], "");
    assert!(d["related"].as_array().unwrap().is_empty());
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "code",
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "record",
        "fix",
        "related",
    ];
    expected.sort_unstable();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    assert_eq!(keys_sorted, expected);
}

#[test]
fn concise_and_full_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.bib"), EMPTY_NOTE).unwrap();
    citelint_in(dir.path())
        .args(["--isolated", "--output-format", "concise", "a.bib"])
        .assert()
        .stdout(predicate::str::contains("a.bib:3:3: CL012 [*] field `note` is empty"));
    citelint_in(dir.path())
        .args(["--isolated", "a.bib"])
        .assert()
        .stdout(predicate::str::contains("warning[CL012 empty-field]: field `note` is empty"))
        .stdout(predicate::str::contains("┌─ a.bib:3:3"));
    citelint_in(dir.path())
        .args(["--isolated", "--statistics", "a.bib"])
        .assert()
        .stdout(predicate::str::contains("1\tCL012\t[*] empty-field"));
}

#[test]
fn output_is_deterministic() {
    let run = || citelint().args(["--output-format", "json", "fixtures"]).output().unwrap().stdout;
    assert_eq!(run(), run());
}

#[test]
fn fix_writes_once_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.bib");
    fs::write(&p, EMPTY_NOTE).unwrap();
    citelint_in(dir.path()).args(["--isolated", "--fix", "a.bib"]).assert().code(0);
    let once = fs::read_to_string(&p).unwrap();
    assert_eq!(once, "@misc{a,\n  title = {T},\n  year = 2020\n}\n");
    let mtime = fs::metadata(&p).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    citelint_in(dir.path()).args(["--isolated", "--fix", "a.bib"]).assert().code(0);
    assert_eq!(fs::read_to_string(&p).unwrap(), once);
    assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), mtime, "an unchanged file is not rewritten");
}

#[test]
fn fix_keeps_crlf_bom_and_latin1() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = dir.path().join("crlf.bib");
    fs::write(&crlf, "\u{feff}@misc{a,\r\n  title = {T},\r\n  note = {},\r\n  year = 2020\r\n}\r\n").unwrap();
    let latin1 = dir.path().join("latin1.bib");
    fs::write(&latin1, b"@misc{m\xFCller,\n  title = {M\xFCller},\n  note = {},\n}\n").unwrap();
    let _ =
        citelint_in(dir.path()).args(["--isolated", "--fix", "--ignore", "CL002", "crlf.bib", "latin1.bib"]).assert();
    assert_eq!(fs::read(&crlf).unwrap(), "\u{feff}@misc{a,\r\n  title = {T},\r\n  year = 2020\r\n}\r\n".as_bytes());
    assert_eq!(fs::read(&latin1).unwrap(), b"@misc{m\xFCller,\n  title = {M\xFCller},\n}\n");
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.bib");
    fs::write(&p, EMPTY_NOTE).unwrap();
    citelint_in(dir.path())
        .args(["--isolated", "--diff", "a.bib"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("-  note = {},"));
    assert_eq!(fs::read_to_string(&p).unwrap(), EMPTY_NOTE);
}

#[test]
fn read_only_file_is_reported_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.bib");
    fs::write(&p, EMPTY_NOTE).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    citelint_in(dir.path())
        .args(["--isolated", "--fix", "a.bib"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("read-only"));
    assert_eq!(fs::read_to_string(&p).unwrap(), EMPTY_NOTE);
}

#[test]
fn stdin_is_linted_and_fixed_to_stdout() {
    citelint()
        .args(["-", "--stdin-filename", "in.bib"])
        .write_stdin(EMPTY_NOTE)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("in.bib:3:3"));
    citelint()
        .args(["--fix", "-"])
        .write_stdin(EMPTY_NOTE)
        .assert()
        .code(0)
        .stdout("@misc{a,\n  title = {T},\n  year = 2020\n}\n");
}

#[test]
fn select_and_ignore() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.bib"), EMPTY_NOTE).unwrap();
    citelint_in(dir.path()).args(["--isolated", "--ignore", "empty-field", "a.bib"]).assert().code(0);
    citelint_in(dir.path()).args(["--isolated", "--select", "CL01", "--ignore", "CL012", "a.bib"]).assert().code(0);
    citelint_in(dir.path()).args(["--isolated", "--select", "CL012", "a.bib"]).assert().code(1);
}

#[test]
fn config_file_is_found_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.bib"), EMPTY_NOTE).unwrap();
    fs::write(dir.path().join("citelint.toml"), "[lint]\nignore = [\"CL012\"]\n").unwrap();
    citelint_in(dir.path()).arg("a.bib").assert().code(0);
    fs::write(dir.path().join("citelint.toml"), "[lint]\nignroe = [\"CL012\"]\n").unwrap();
    citelint_in(dir.path()).arg("a.bib").assert().code(2).stderr(predicate::str::contains("ignroe"));
}

#[test]
fn walks_skip_hidden_and_gitignored_but_explicit_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".hidden")).unwrap();
    fs::write(dir.path().join(".hidden/x.bib"), EMPTY_NOTE).unwrap();
    fs::write(dir.path().join(".gitignore"), "ignored.bib\n").unwrap();
    fs::write(dir.path().join("ignored.bib"), EMPTY_NOTE).unwrap();
    fs::write(dir.path().join("notes.txt"), "not a bibliography").unwrap();
    fs::write(dir.path().join("ok.bib"), CLEAN).unwrap();
    citelint_in(dir.path()).args(["--isolated", "."]).assert().code(0);
    citelint_in(dir.path()).args(["--isolated", "ignored.bib"]).assert().code(1);
    citelint_in(dir.path()).args(["--isolated", "*.bib"]).assert().code(1);
    citelint_in(dir.path())
        .args(["--isolated", "notes.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("format not recognized"));
}

#[test]
fn rule_subcommand_prints_docs() {
    subcommand("rule").args(["CL012"]).assert().code(0).stdout(predicate::str::starts_with("# CL012 empty-field"));
    subcommand("rule").args(["duplicate-key"]).assert().code(0).stdout(predicate::str::contains("# CL010"));
    subcommand("rule").args(["--all"]).assert().code(0).stdout(predicate::str::contains("# CL022 unknown-field"));
    subcommand("rule").assert().code(0).stdout(predicate::str::contains("CL001"));
    subcommand("rule").args(["CL999"]).assert().code(2);
}

#[test]
fn completions_are_generated() {
    subcommand("completions").arg("bash").assert().code(0).stdout(predicate::str::contains("citelint"));
}

#[test]
fn inspect_shows_the_acl_sample_as_understood() {
    let out = subcommand("inspect")
        .args(["--isolated", "fixtures/acl/hu-etal-2026-towards.bib"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let r = &v[0];
    assert_eq!(r["format"], "bibtex");
    assert_eq!(r["key"], "hu-etal-2026-towards");
    assert_eq!(r["type"], "inproceedings");
    let f = &r["fields"];
    let authors: Vec<(String, String)> = f["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["family"].as_str().unwrap().into(), n["given"].as_str().unwrap().into()))
        .collect();
    let expected = [
        ("Hu", "Yi"),
        ("Gu", "Jiaqi"),
        ("Wang", "Ruxin"),
        ("Yao", "Zijun"),
        ("Peng", "Hao"),
        ("Wu", "Xiaobao"),
        ("Chen", "Jianhui"),
        ("Zhang", "Muhan"),
        ("Pan", "Liangming"),
    ];
    assert_eq!(authors, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let editors: Vec<&str> = f["editor"].as_array().unwrap().iter().map(|n| n["family"].as_str().unwrap()).collect();
    assert_eq!(editors, ["Liakata", "Moreira", "Zhang", "Jurgens"]);
    assert_eq!(f["editor"][1]["given"], "Viviane P.");
    assert_eq!(f["pages"]["start"], "19449");
    assert_eq!(f["pages"]["end"], "19466");
    assert_eq!(f["issued"]["year"], 2026);
    assert_eq!(f["issued"]["month"], 7);
    assert_eq!(f["isbn"], "979-8-89176-390-6");
    assert_eq!(
        f["container_title"],
        "Proceedings of the 64th Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)"
    );
}
