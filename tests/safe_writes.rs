//! `--fix` on the real file system (DESIGN §7): the original survives every failure, links
//! and modes are kept, concurrent runs leave a valid file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::process::Command as StdCommand;

const FIXABLE: &str = "@misc{a,\n  title = {T},\n  note = {},\n  year = 2020\n}\n";
const FIXED: &str = "@misc{a,\n  title = {T},\n  year = 2020\n}\n";

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("citelint")
}

#[test]
fn a_full_disk_leaves_the_original_intact() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.bib");
    // Bigger than the 1-block (512 bytes) file size limit below, so that writing the fixed
    // copy fails (EFBIG); SIGXFSZ is ignored so that the write returns an error instead.
    let big = format!("{FIXABLE}% {}\n", "x".repeat(4096));
    fs::write(&p, &big).unwrap();
    let script = format!("trap '' XFSZ; ulimit -f 1; exec {} --isolated --fix {}", bin().display(), p.display());
    let out = StdCommand::new("bash").arg("-c").arg(script).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not written"));
    assert_eq!(fs::read_to_string(&p).unwrap(), big);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().path() != p).collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

#[test]
fn a_read_only_folder_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("ro");
    fs::create_dir(&sub).unwrap();
    let p = sub.join("a.bib");
    fs::write(&p, FIXABLE).unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
    let out = StdCommand::new(bin()).args(["--isolated", "--fix"]).arg(&p).output().unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    assert_eq!(fs::read_to_string(&p).unwrap(), FIXABLE);
}

#[test]
fn a_symlink_is_kept_and_its_target_written() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.bib");
    fs::write(&real, FIXABLE).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.bib");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = StdCommand::new(bin()).args(["--isolated", "--fix"]).arg(&link).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), FIXED);
    assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn concurrent_fixes_leave_a_valid_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.bib");
    let many: String = (0..2000).map(|i| FIXABLE.replace("{a,", &format!("{{a{i},"))).collect();
    fs::write(&p, &many).unwrap();
    let runs: Vec<_> =
        (0..4).map(|_| StdCommand::new(bin()).args(["--isolated", "--fix"]).arg(&p).spawn().unwrap()).collect();
    for mut r in runs {
        let status = r.wait().unwrap();
        assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
    }
    let expected: String = (0..2000).map(|i| FIXED.replace("{a,", &format!("{{a{i},"))).collect();
    assert_eq!(fs::read_to_string(&p).unwrap(), expected);
}
