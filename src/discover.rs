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

/// Extensions a directory walk picks up unless `[files] include` says otherwise.
const WALK_EXTENSIONS: &[&str] = &["bib", "bibtex", "biblatex", "xml", "mods", "ris", "enw", "endf", "refer", "json"];

/// What `[files] include / exclude` let through.
pub struct Filter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
    force_exclude: bool,
    settings_root: PathBuf,
}

impl Filter {
    #[must_use]
    pub fn new(settings: &crate::config::Settings, force_exclude: bool) -> Self {
        use crate::config::Settings;
        Self {
            include: settings.include.as_deref().map(Settings::globset),
            exclude: Settings::globset(&settings.exclude),
            force_exclude,
            settings_root: settings.root.clone(),
        }
    }

    fn relative(&self, path: &Path) -> PathBuf {
        crate::config::relative_to(&self.settings_root, path)
    }

    fn excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && {
            let rel = self.relative(path);
            self.exclude.is_match(&rel)
                || rel.ancestors().skip(1).any(|a| !a.as_os_str().is_empty() && self.exclude.is_match(a))
        }
    }

    fn walk_picks(&self, path: &Path) -> bool {
        let included = match &self.include {
            Some(set) => set.is_match(self.relative(path)) || path.file_name().is_some_and(|n| set.is_match(n)),
            None => has_walk_extension(path),
        };
        included && !self.excluded(path)
    }

    fn explicit_passes(&self, path: &Path) -> bool {
        !self.force_exclude || !self.excluded(path)
    }
}

/// Expands paths, directories and glob patterns into a sorted, deduplicated list of files.
///
/// # Errors
/// Each argument that names nothing is returned as an error; the others are still listed.
pub fn discover(args: &[String], filter: &Filter) -> (Vec<Candidate>, Vec<DiscoverError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            walk(path, filter, &mut out, &mut errors);
        } else if path.exists() {
            if filter.explicit_passes(path) {
                out.push(Candidate { path: path.to_owned(), explicit: true });
            }
        } else if arg.contains(['*', '?', '[']) {
            expand_glob(arg, filter, &mut out, &mut errors);
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

fn expand_glob(pattern: &str, filter: &Filter, out: &mut Vec<Candidate>, errors: &mut Vec<DiscoverError>) {
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
            Ok(p) if p.is_dir() => walk(&p, filter, out, errors),
            Ok(p) if filter.explicit_passes(&p) => out.push(Candidate { path: p, explicit: true }),
            Ok(_) => {}
            Err(e) => errors.push(DiscoverError { path: e.path().display().to_string(), message: e.to_string() }),
        }
    }
    if out.len() == before {
        errors.push(DiscoverError { path: pattern.to_owned(), message: "the pattern matches no file".into() });
    }
}

fn walk(dir: &Path, filter: &Filter, out: &mut Vec<Candidate>, errors: &mut Vec<DiscoverError>) {
    let walker = ignore::WalkBuilder::new(dir).hidden(true).git_ignore(true).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                let p = e.into_path();
                if filter.walk_picks(&p) {
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
