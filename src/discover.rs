//! Finding the files to lint: explicit files, directory walks (`.gitignore` respected, hidden
//! folders skipped) and glob patterns (DESIGN §8).

use std::path::{Path, PathBuf};

use crate::formats;
use crate::model::Format;

/// A file to read, and whether the user named it (explicit files are always read).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    pub explicit: bool,
}

/// A path argument that matched nothing or could not be read.
#[derive(Debug)]
pub struct DiscoverError {
    pub path: String,
    pub message: String,
}

/// Extensions a directory walk picks up.
const WALK_EXTENSIONS: &[&str] = &["bib", "bibtex", "biblatex"];

/// Expands paths, directories and glob patterns into a sorted, deduplicated list of files.
///
/// # Errors
/// Each argument that names nothing is returned as an error; the others are still listed.
pub fn discover(args: &[String]) -> (Vec<Candidate>, Vec<DiscoverError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            walk(path, &mut out, &mut errors);
        } else if path.exists() {
            out.push(Candidate { path: path.to_owned(), explicit: true });
        } else if arg.contains(['*', '?', '[']) {
            expand_glob(arg, &mut out, &mut errors);
        } else {
            errors.push(DiscoverError { path: arg.clone(), message: "no such file or directory".into() });
        }
    }
    out.sort();
    out.dedup_by(|a, b| {
        if a.path == b.path {
            b.explicit |= a.explicit;
            true
        } else {
            false
        }
    });
    (out, errors)
}

fn expand_glob(pattern: &str, out: &mut Vec<Candidate>, errors: &mut Vec<DiscoverError>) {
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(e) => {
            errors.push(DiscoverError { path: pattern.to_owned(), message: format!("invalid pattern: {e}") });
            return;
        }
    };
    let before = out.len();
    for entry in paths {
        match entry {
            Ok(p) if p.is_dir() => walk(&p, out, errors),
            Ok(p) => out.push(Candidate { path: p, explicit: true }),
            Err(e) => errors.push(DiscoverError { path: e.path().display().to_string(), message: e.to_string() }),
        }
    }
    if out.len() == before {
        errors.push(DiscoverError { path: pattern.to_owned(), message: "the pattern matches no file".into() });
    }
}

fn walk(dir: &Path, out: &mut Vec<Candidate>, errors: &mut Vec<DiscoverError>) {
    let walker = ignore::WalkBuilder::new(dir).hidden(true).git_ignore(true).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                let p = e.into_path();
                if has_walk_extension(&p) {
                    out.push(Candidate { path: p, explicit: false });
                }
            }
            Ok(_) => {}
            Err(e) => errors.push(DiscoverError { path: dir.display().to_string(), message: e.to_string() }),
        }
    }
}

fn has_walk_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| WALK_EXTENSIONS.iter().any(|w| e.eq_ignore_ascii_case(w)))
}

/// The format of a file, forced or detected.
#[must_use]
pub fn format_of(path: &Path, text: &str, forced: Option<Format>) -> Option<Format> {
    forced.or_else(|| formats::detect(path, text))
}
