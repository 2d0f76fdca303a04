//! CI and pre-commit features: output formats, configuration, suppressions, baselines,
//! exit policy.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn run(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("citelint").unwrap();
    c.current_dir(dir).env_remove("CI");
    c
}

const EMPTY_NOTE: &str = "@misc{a,\n  title = {T},\n  note = {},\n  year = 2020\n}\n";
const TWO_PROBLEMS: &str = "@article{a,\n  title = {T: a, b},\n  note = {},\n  year = 2020\n}\n";

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

#[test]
fn sarif_validates_against_the_oasis_schema() {
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(common::root())
        .args(["--isolated", "--output-format", "sarif", "fixtures/demo"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(common::root().join("tests/data/sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().iter().any(|r| r["id"] == "CL010"));
    let result = run["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "CL010").unwrap();
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 32);
    assert_eq!(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 5);
    assert!(run["tool"]["driver"]["rules"][0]["help"]["markdown"].as_str().unwrap().starts_with("# CL001"));
}

#[test]
fn github_annotations_are_escaped() {
    let dir = repo(&[("a b.bib", EMPTY_NOTE)]);
    run(dir.path()).args(["--isolated", "--output-format", "github", "a b.bib"]).assert().code(1).stdout(
        "::warning file=a b.bib,line=3,col=3,endLine=3,endColumn=12,title=CL012 empty-field::field `note` is empty\n",
    );
}

#[test]
fn json_lines_junit_and_gitlab() {
    let dir = repo(&[("a.bib", EMPTY_NOTE)]);
    let out = run(dir.path()).args(["--isolated", "--output-format", "json-lines", "a.bib"]).output().unwrap().stdout;
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(v["code"], "CL012");
    run(dir.path())
        .args(["--isolated", "--output-format", "junit", "a.bib"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(r#"<testsuite name="a.bib" tests="1" failures="1">"#))
        .stdout(predicate::str::contains("field `note` is empty"));
    let out = run(dir.path()).args(["--isolated", "--output-format", "gitlab", "a.bib"]).output().unwrap().stdout;
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["check_name"], "CL012 empty-field");
    assert_eq!(v[0]["severity"], "minor");
    assert_eq!(v[0]["location"]["path"], "a.bib");
    assert_eq!(v[0]["location"]["lines"]["begin"], 3);
    assert_eq!(v[0]["fingerprint"].as_str().unwrap().len(), 16);
}

#[test]
fn output_file_receives_the_report() {
    let dir = repo(&[("a.bib", EMPTY_NOTE)]);
    run(dir.path())
        .args(["--isolated", "--output-format", "json", "--output-file", "report.json", "a.bib"])
        .assert()
        .code(1)
        .stdout("");
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(v[0]["code"], "CL012");
}

#[test]
fn fail_on_sets_the_lowest_failing_severity() {
    let dir = repo(&[("a.bib", EMPTY_NOTE)]);
    run(dir.path()).args(["--isolated", "--fail-on", "error", "a.bib"]).assert().code(0);
    run(dir.path()).args(["--isolated", "--fail-on", "warning", "a.bib"]).assert().code(1);
    let dir = repo(&[("a.bib", EMPTY_NOTE), ("citelint.toml", "[lint]\nfail-on = \"error\"\n")]);
    run(dir.path()).arg("a.bib").assert().code(0);
}

#[test]
fn per_file_and_per_record_ignores() {
    let config = "[lint]\nper-file-ignores = { \"legacy/*.bib\" = [\"empty-field\"] }\nper-record-ignores = { b = [\"CL012\"] }\n";
    let dir = repo(&[
        ("citelint.toml", config),
        ("legacy/old.bib", EMPTY_NOTE),
        ("new.bib", "@misc{b, title = {T}, note = {}}\n"),
        ("other.bib", "@misc{c, title = {T}, note = {}}\n"),
    ]);
    run(dir.path())
        .args(["--output-format", "concise", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("other.bib:1:23: CL012"))
        .stdout(predicate::str::contains("legacy").not())
        .stdout(predicate::str::contains("new.bib").not());
}

#[test]
fn config_extends_and_severity_overrides() {
    let dir = repo(&[
        ("base.toml", "[lint]\nignore = [\"CL012\"]\n"),
        ("citelint.toml", "extend = \"base.toml\"\n[lint]\nseverity = { CL011 = \"info\" }\n"),
        ("a.bib", EMPTY_NOTE),
    ]);
    run(dir.path()).arg("a.bib").assert().code(0);
    run(dir.path())
        .args(["config", "--show-settings"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"CL011\", # duplicate-field (info)"))
        .stdout(predicate::str::contains("\"CL012\"").not());
}

#[test]
fn config_errors_show_a_snippet() {
    let dir = repo(&[("citelint.toml", "[lint]\nselect = [\"CL0\"]\nignroe = [\"CL012\"]\n"), ("a.bib", EMPTY_NOTE)]);
    run(dir.path())
        .arg("a.bib")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `ignroe`"))
        .stderr(predicate::str::contains("citelint.toml:3:1"));
    let dir = repo(&[("citelint.toml", "[lint]\nselect = [\"CL9\"]\n"), ("a.bib", EMPTY_NOTE)]);
    run(dir.path()).arg("a.bib").assert().code(2).stderr(predicate::str::contains("unknown rule selector `CL9`"));
    let dir = repo(&[("citelint.toml", "[rules.CL022]\nreport-everything = true\n"), ("a.bib", EMPTY_NOTE)]);
    run(dir.path())
        .arg("a.bib")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown option `report-everything`"));
    let dir = repo(&[("citelint.toml", "extend = \"citelint.toml\"\n"), ("a.bib", EMPTY_NOTE)]);
    run(dir.path()).arg("a.bib").assert().code(2).stderr(predicate::str::contains("cycle"));
}

#[test]
fn files_include_exclude_and_force_exclude() {
    let dir = repo(&[
        ("citelint.toml", "[files]\nexclude = [\"vendor\"]\n"),
        ("vendor/x.bib", EMPTY_NOTE),
        ("ok.bib", "@misc{a, title = {T}}\n"),
    ]);
    run(dir.path()).arg(".").assert().code(0);
    run(dir.path()).arg("vendor/x.bib").assert().code(1);
    run(dir.path()).args(["--force-exclude", "vendor/x.bib"]).assert().code(0);
    let dir = repo(&[
        ("citelint.toml", "[files]\ninclude = [\"*.references\"]\n"),
        ("refs.references", EMPTY_NOTE),
        ("a.bib", EMPTY_NOTE),
    ]);
    run(dir.path())
        .args(["--output-format", "concise", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("refs.references:3:3"))
        .stdout(predicate::str::contains("a.bib").not());
}

#[test]
fn inline_suppressions_and_unused_ones() {
    let text = "% citelint: ignore[CL012] the exporter writes it\n@misc{a, title = {T}, note = {}}\n\n% citelint: ignore[CL011]\n@misc{b, title = {T}}\n";
    let dir = repo(&[("a.bib", text)]);
    run(dir.path())
        .args(["--isolated", "--output-format", "concise", "a.bib"])
        .assert()
        .code(1)
        .stdout("a.bib:4:20: CL040 [*] unused suppression of `CL011`: nothing to suppress here\nFound 1 diagnostic (1 fixable with `--fix`).\n");
    run(dir.path()).args(["--isolated", "--fix", "a.bib"]).assert().code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.bib")).unwrap(),
        "% citelint: ignore[CL012] the exporter writes it\n@misc{a, title = {T}, note = {}}\n\n@misc{b, title = {T}}\n"
    );
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = repo(&[("a.bib", "% header\n@misc{a, title = {T}, note = {}}\n")]);
    run(dir.path()).args(["--isolated", "--write-baseline", "baseline.json", "a.bib"]).assert().code(0);
    run(dir.path()).args(["--isolated", "--baseline", "baseline.json", "a.bib"]).assert().code(0);
    // Moving the entry down does not break the baseline; a new finding is reported.
    fs::write(
        dir.path().join("a.bib"),
        "% header\n\n\n@misc{z, title = {New}, note = {}}\n@misc{a, title = {T}, note = {}}\n",
    )
    .unwrap();
    run(dir.path())
        .args(["--isolated", "--baseline", "baseline.json", "--output-format", "concise", "a.bib"])
        .assert()
        .code(1)
        .stdout("a.bib:4:25: CL012 [*] field `note` is empty\nFound 1 diagnostic (1 fixable with `--fix`).\n");
}

#[test]
fn show_fixes_lists_what_was_fixed() {
    let dir = repo(&[("a.bib", EMPTY_NOTE)]);
    run(dir.path())
        .args(["--isolated", "--show-fixes", "a.bib"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1 fix available:"));
    run(dir.path())
        .args(["--isolated", "--fix", "--show-fixes", "a.bib"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 1 problem:\n  a.bib: Remove the empty `note` field"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = repo(&[("a.bib", EMPTY_NOTE)]);
    run(dir.path()).args(["--isolated", "a.bib"]).assert().stdout(predicate::str::contains("\x1b[").not());
    run(dir.path())
        .args(["--isolated", "--color", "always", "a.bib"])
        .assert()
        .stdout(predicate::str::contains("\x1b["));
}

#[test]
fn two_problems_sorted_by_position() {
    let dir = repo(&[("a.bib", TWO_PROBLEMS)]);
    let out = run(dir.path()).args(["--isolated", "--output-format", "concise", "a.bib"]).output().unwrap().stdout;
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("a.bib:1:1: CL021"), "{text}");
    assert!(lines[1].starts_with("a.bib:1:1: CL021"), "{text}");
    assert!(lines[2].starts_with("a.bib:3:3: CL012"), "{text}");
}

#[test]
fn rule_options_are_read() {
    let entry = "@misc{a, title = {T}, projectcode = {5}}\n";
    let dir = repo(&[("a.bib", entry)]);
    run(dir.path()).args(["--isolated", "a.bib"]).assert().code(0);
    let dir = repo(&[("a.bib", entry), ("citelint.toml", "[rules.unknown-field]\nreport-all-unknown = true\n")]);
    run(dir.path())
        .args(["--output-format", "concise", "a.bib"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.bib:1:23: CL022 unknown field `projectcode`"));
}
