//! Peers and floors for `benches/compare.sh`. Each mode reads FILE and prints one count:
//!
//! - `raw FILE`, `full FILE`: parse with the `biblatex` crate (raw or full), print the entries.
//! - `floor-count FILE`: read into one buffer sized up front, count `@` with memchr.
//! - `floor-split FILE`: read, validate UTF-8, split into top-level entries at `@` by brace
//!   balance; print the entries whose braces balance.
//! - `roxmltree FILE`: parse with roxmltree (default options), print the element count.
use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let path = args.next().unwrap_or_default();
    let count = match mode.as_str() {
        "raw" | "full" => Ok(biblatex_count(&mode, &path)),
        "floor-count" => read(&path).map(|bytes| memchr::memchr_iter(b'@', &bytes).count()),
        "floor-split" => read(&path).and_then(|bytes| {
            let text = std::str::from_utf8(&bytes).map_err(|e| format!("{path}: {e}"))?;
            Ok(balanced_entries(text))
        }),
        "roxmltree" => read(&path).and_then(|bytes| {
            let text = std::str::from_utf8(&bytes).map_err(|e| format!("{path}: {e}"))?;
            let doc = roxmltree::Document::parse(text).map_err(|e| format!("{path}: {e}"))?;
            Ok(doc.descendants().filter(roxmltree::Node::is_element).count())
        }),
        _ => Err("usage: peer-biblatex raw|full|floor-count|floor-split|roxmltree FILE".to_owned()),
    };
    match count {
        Ok(n) => {
            println!("{n}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("peer-biblatex: {e}");
            ExitCode::FAILURE
        }
    }
}

fn biblatex_count(mode: &str, path: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if mode == "raw" {
        biblatex::RawBibliography::parse(&text).map(|b| b.entries.len()).unwrap_or(0)
    } else {
        biblatex::Bibliography::parse(&text).map(|b| b.len()).unwrap_or(0)
    }
}

/// The whole file in one buffer allocated once, at the size the file system reports.
fn read(path: &str) -> Result<Vec<u8>, String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    // One spare byte, so that `read_to_end` sees the end without growing the buffer.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes).map_err(|e| format!("{path}: {e}"))?;
    Ok(bytes)
}

/// Top-level entries: an `@` outside braces starts one, and it ends when the braces opened
/// after it are closed again. An `@` at the start of a line inside an unclosed entry gives that
/// entry up (as BibTeX parsers recover) and starts the next. Counts the entries that close.
fn balanced_entries(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_entry = false;
    let mut opened = false;
    let mut count = 0;
    for i in memchr::memchr3_iter(b'@', b'{', b'}', bytes) {
        match bytes.get(i) {
            Some(b'@') => {
                let line_start = i == 0 || bytes.get(i - 1) == Some(&b'\n');
                if !in_entry || (depth > 0 && line_start) {
                    in_entry = true;
                    opened = false;
                    depth = 0;
                }
            }
            Some(b'{') if in_entry => {
                depth += 1;
                opened = true;
            }
            Some(b'}') if in_entry && depth > 0 => {
                depth -= 1;
                if depth == 0 && opened {
                    count += 1;
                    in_entry = false;
                }
            }
            _ => {}
        }
    }
    count
}
