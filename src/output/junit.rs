//! `--output-format junit`: JUnit XML, one test suite per file, one failing test case per
//! diagnostic, for CI systems that show test reports.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Location;
use crate::diagnostic::Diagnostic;
use crate::source::SourceDb;

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// # Errors
/// Writing failed.
pub fn write(db: &SourceDb, diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diagnostics {
        by_file.entry(db.get(d.span.file).name.as_str()).or_default().push(d);
    }
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="citelint" tests="{0}" failures="{0}">"#, diagnostics.len())?;
    for (file, list) in by_file {
        let file = xml_escape(file);
        writeln!(out, r#"  <testsuite name="{file}" tests="{0}" failures="{0}">"#, list.len())?;
        for d in list {
            let loc = Location::of(db, d.span);
            writeln!(
                out,
                r#"    <testcase name="{} {} at {}:{}" classname="{file}">"#,
                d.rule.code, d.rule.name, loc.line, loc.column
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{file}:{}:{}: {} {}</failure>"#,
                d.severity.name(),
                xml_escape(&d.message),
                loc.line,
                loc.column,
                d.rule.code,
                xml_escape(&d.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
