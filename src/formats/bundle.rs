//! Bundles: one file holding several formats of one record, like the ACL Anthology's export
//! page (spec/acl-export-2026.acl-long.889.txt): BibTeX, MODS XML, EndNote, then a
//! `Markdown (Informal)` heading with its line and an `ACL` heading with a `- ...` line.
//!
//! Segments are found by their content, never by offsets:
//! * BibTeX: `@type{` (or `(`) to its balanced closing delimiter;
//! * XML: `<?xml`, `<modsCollection` or `<mods` to the closing tag of the root element;
//! * EndNote: a `%0 ` line and the lines after it, up to a blank line, a heading or the start of
//!   another segment;
//! * RIS: a `TY  - ` line to its `ER  - ` line;
//! * CSL-JSON: a line starting with `[{`, `[` alone, `{"` or `{` alone, to the balanced end;
//! * Markdown: a line starting with `[` (after a `Markdown (Informal)` heading or not);
//! * ACL: the line after an `ACL` heading (a `- ` list bullet allowed).
//!
//! Each segment is parsed by its format's own parser on a masked copy of the whole text: every
//! byte outside the segment becomes a space (line breaks kept), so every span is a span of
//! the original file and line numbers stay right.

use std::ops::Range;

use crate::model::Format;

/// One segment of a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub format: Format,
    /// Byte range in the file.
    pub range: Range<usize>,
}

/// Headings of the Anthology's export page; they belong to no segment.
fn heading(line: &str) -> Option<Option<Format>> {
    match line.trim() {
        "Markdown (Informal)" | "Markdown" => Some(Some(Format::Markdown)),
        "ACL" => Some(Some(Format::AclText)),
        "BibTeX" | "MODS XML" | "Endnote" | "EndNote" | "RIS" | "CSL-JSON" => Some(None),
        _ => None,
    }
}

/// Finds the segments of a file. A file is a bundle when it has segments of two formats.
#[must_use]
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut expect: Option<Format> = None;
    while pos < text.len() {
        let line_end = text.get(pos..).and_then(|r| r.find('\n')).map_or(text.len(), |k| pos + k + 1);
        let line = text.get(pos..line_end).unwrap_or("");
        let lead = line.len() - line.trim_start_matches([' ', '\t', '\u{feff}']).len();
        let at = pos + lead;
        let body = line.get(lead..).unwrap_or("");
        let trimmed = body.trim_end();
        if trimmed.is_empty() {
            pos = line_end;
            continue;
        }
        if let Some(h) = heading(trimmed) {
            expect = h;
            pos = line_end;
            continue;
        }
        let end = if let Some(e) = bibtex_end(text, at) {
            out.push(Segment { format: Format::Bibtex, range: at..e });
            e
        } else if let Some(e) = xml_end(text, at) {
            out.push(Segment { format: Format::Mods, range: at..e });
            e
        } else if body.starts_with("%0 ") || body.starts_with("%0\t") {
            let e = refer_end(text, line_end);
            out.push(Segment { format: Format::Refer, range: at..e });
            e
        } else if body.starts_with("TY  -") {
            let e = ris_end(text, line_end);
            out.push(Segment { format: Format::Ris, range: at..e });
            e
        } else if let Some(e) = json_end(text, at) {
            out.push(Segment { format: Format::CslJson, range: at..e });
            e
        } else if expect == Some(Format::AclText) {
            out.push(Segment { format: Format::AclText, range: at..pos + line.trim_end().len() });
            line_end
        } else if super::citation::markdown::looks_like(body) && body.contains("](") {
            out.push(Segment { format: Format::Markdown, range: at..pos + line.trim_end().len() });
            line_end
        } else {
            line_end
        };
        expect = None;
        // Segments that end mid-line (`}<?xml`): go on from the end, not the next line.
        pos = end.max(pos + 1).min(text.len());
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// Whether a file is a bundle: segments of at least two formats.
#[must_use]
pub fn looks_like_bundle(text: &str) -> bool {
    let segs = segments(text);
    segs.iter().any(|s| segs.first().is_some_and(|f| f.format != s.format))
}

fn bibtex_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let after = rest.strip_prefix('@')?;
    let name_len = after.find(|c: char| !c.is_ascii_alphabetic())?;
    if name_len == 0 {
        return None;
    }
    let delim_at = at + 1 + name_len + (after.get(name_len..)?.len() - after.get(name_len..)?.trim_start().len());
    let (open, close) = match text.get(delim_at..)?.chars().next()? {
        '{' => (b'{', b'}'),
        '(' => (b'(', b')'),
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, &b) in text.as_bytes().iter().enumerate().skip(delim_at) {
        if b == open || (open == b'(' && b == b'{') {
            depth += 1;
        } else if b == close || (open == b'(' && b == b'}') {
            depth = depth.saturating_sub(1);
            if depth == 0 && b == close {
                return Some(i + 1);
            }
        }
    }
    Some(text.len())
}

fn xml_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    if !(rest.starts_with("<?xml") || rest.starts_with("<modsCollection") || rest.starts_with("<mods")) {
        return None;
    }
    // The root element: the first `<name` that is not `<?` or `<!`.
    let mut i = 0;
    let root = loop {
        let k = rest.get(i..)?.find('<')? + i;
        let next = rest.get(k + 1..)?;
        if next.starts_with('?') || next.starts_with('!') {
            i = k + 1;
            continue;
        }
        let len = next.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(next.len());
        break next.get(..len)?;
    };
    let close = format!("</{root}>");
    Some(rest.find(&close).map_or(text.len(), |k| at + k + close.len()))
}

fn refer_end(text: &str, mut pos: usize) -> usize {
    let mut end = pos;
    while pos < text.len() {
        let line_end = text.get(pos..).and_then(|r| r.find('\n')).map_or(text.len(), |k| pos + k + 1);
        let line = text.get(pos..line_end).unwrap_or("");
        let t = line.trim();
        let starts_other = t.starts_with('@') || t.starts_with('<') || t.starts_with("TY  -") || t.starts_with('[');
        if t.is_empty() || heading(t).is_some() || (!t.starts_with('%') && starts_other) {
            break;
        }
        end = pos + line.trim_end().len();
        pos = line_end;
    }
    end
}

fn ris_end(text: &str, mut pos: usize) -> usize {
    let mut end = pos;
    while pos < text.len() {
        let line_end = text.get(pos..).and_then(|r| r.find('\n')).map_or(text.len(), |k| pos + k + 1);
        let line = text.get(pos..line_end).unwrap_or("");
        end = pos + line.trim_end().len();
        pos = line_end;
        if line.starts_with("ER  -") {
            break;
        }
    }
    end
}

fn json_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let first_line = rest.lines().next().unwrap_or("").trim_end();
    let ok = first_line == "[" || first_line == "{" || rest.starts_with("[{") || rest.starts_with("{\"");
    if !ok {
        return None;
    }
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, b) in rest.bytes().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(at + i + 1);
                }
            }
            _ => {}
        }
    }
    Some(text.len())
}

/// The text with every byte outside `keep` replaced by a space (line breaks kept): same length,
/// same line starts.
#[must_use]
pub fn mask(text: &str, keep: &Range<usize>) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if keep.contains(&i) || c == '\n' || c == '\r' {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

/// For XML: the segment without what precedes its root element (the declaration, comments),
/// which a parser would reject after the masked bytes.
#[must_use]
pub fn xml_root_start(text: &str, seg: &Range<usize>) -> usize {
    let Some(rest) = text.get(seg.clone()) else { return seg.start };
    let mut i = 0;
    while let Some(k) = rest.get(i..).and_then(|r| r.find('<')).map(|k| k + i) {
        let next = rest.get(k + 1..).unwrap_or("");
        if next.starts_with("!--") {
            i = rest.get(k..).and_then(|r| r.find("-->")).map_or(rest.len(), |e| k + e + 3);
        } else if next.starts_with('?') || next.starts_with('!') {
            i = rest.get(k..).and_then(|r| r.find('>')).map_or(rest.len(), |e| k + e + 1);
        } else {
            return seg.start + k;
        }
    }
    seg.start
}
