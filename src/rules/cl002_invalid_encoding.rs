//! CL002 invalid-encoding. Docs and cases: rules/CL002-invalid-encoding/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;
use crate::source::{Encoding, Span};

pub(crate) struct InvalidEncoding;

static META: RuleMeta = RuleMeta {
    code: "CL002",
    name: "invalid-encoding",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL002-invalid-encoding/README.md"),
};

impl Rule for InvalidEncoding {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let source = cx.db.get(file.file);
        if let Encoding::Utf16 { little_endian } = source.encoding {
            let order = if little_endian { "little-endian" } else { "big-endian" };
            cx.report(Span::new(file.file, 0, 0), format!("file is UTF-16 ({order}), not UTF-8"))
                .note("citelint reads it and keeps its encoding when it writes fixes; most tools expect UTF-8");
            return;
        }
        let Encoding::Windows1252 { first_invalid } = source.encoding else { return };
        let start = first_invalid as usize;
        let end = source.text.get(start..).and_then(|s| s.chars().next()).map_or(start, |c| start + c.len_utf8());
        let shown = source.text.get(start..end).and_then(|s| s.chars().next()).unwrap_or('?');
        cx.report(Span::new(file.file, start, end), "file is not valid UTF-8; read as Windows-1252")
            .note(format!("the first byte that is not UTF-8 reads as `{shown}` in Windows-1252"))
            .note("citelint keeps the file's encoding when it writes fixes; convert it to UTF-8 to silence this");
    }
}
