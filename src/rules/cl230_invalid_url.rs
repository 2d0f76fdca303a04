//! CL230 invalid-url. Docs and cases: rules/CL230-invalid-url/
//!
//! URL syntax: RFC 3986 §3 (`scheme ":" hier-part`; `http`, `https` and `ftp` need `//host`).
use super::literal::literal;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::doi;
use crate::model::{Field, Record};

pub(crate) struct InvalidUrl;

static META: RuleMeta = RuleMeta {
    code: "CL230",
    name: "invalid-url",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL230-invalid-url/README.md"),
};

/// What is wrong with a URL.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// `www.example.com/x`, `example.org/x`: a host but no scheme.
    NoScheme,
    /// Neither scheme nor host.
    NotUrl,
    /// `http:` or `https:` without `//host`.
    NoHost,
    /// White space inside.
    Space,
}

/// The value without outer braces, and how many bytes were dropped before it.
fn unbrace(s: &str) -> (usize, &str) {
    let mut off = 0;
    let mut s = s;
    while let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        if !balanced(inner) {
            break;
        }
        off += 1;
        s = inner;
    }
    (off, s)
}

/// Endings that make `paper.pdf` a file name rather than a host without a scheme.
const FILE_EXTENSIONS: [&str; 10] = ["pdf", "ps", "html", "htm", "txt", "gz", "zip", "doc", "docx", "bib"];

fn balanced(s: &str) -> bool {
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let ok = scheme.len() >= 2
        && first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    ok.then_some(scheme)
}

fn problem(url: &str) -> Option<Problem> {
    let spaced = url.chars().any(char::is_whitespace);
    if let Some(scheme) = scheme(url) {
        if spaced {
            return Some(Problem::Space);
        }
        let rest = url.get(scheme.len() + 1..).unwrap_or("");
        let needs_host = ["http", "https", "ftp", "ftps"].iter().any(|s| s.eq_ignore_ascii_case(scheme));
        let host = rest.strip_prefix("//").map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        return (needs_host && host.is_none_or(str::is_empty)).then_some(Problem::NoHost);
    }
    let host = url.split(['/', '?', '#']).next().unwrap_or("");
    let hostlike = !spaced
        && host.contains('.')
        && !host.starts_with('.')
        && host.chars().all(|c| c.is_alphanumeric() || "-.:".contains(c))
        && host.rsplit('.').next().is_some_and(|tld| {
            tld.len() >= 2
                && tld.chars().all(char::is_alphabetic)
                && !FILE_EXTENSIONS.contains(&tld.to_ascii_lowercase().as_str())
        });
    Some(if hostlike { Problem::NoScheme } else { Problem::NotUrl })
}

impl Rule for InvalidUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        let doi = record.first(Field::Doi).and_then(|e| e.value.text().filter(|t| !t.is_empty()).map(|t| (t, e.raw)));
        for entry in record.all(Field::Url) {
            let (value, span) = literal(cx, entry);
            if value.is_empty() {
                continue;
            }
            let (off, url) = unbrace(value);
            let at = span.map_or(entry.raw, |s| s.within(off..off + url.len()));
            if let Some((doi, doi_at)) = &doi {
                let is_resolver = doi::prefix_len(url).is_some() && url.contains('/');
                if is_resolver && doi::normalize(url) == doi::normalize(doi) {
                    let d = cx.report(at, format!("url `{url}` repeats the doi"));
                    d.label(*doi_at, "the doi");
                    d.note("styles print the DOI as a link already; the url adds nothing");
                    continue;
                }
            }
            let Some(problem) = problem(url) else { continue };
            let message = match problem {
                Problem::Space => format!("url `{url}` contains white space"),
                Problem::NoScheme => format!("url `{url}` has no scheme (such as `https://`)"),
                Problem::NotUrl => format!("url `{url}` has no scheme or host"),
                Problem::NoHost => format!("url `{url}` has no host"),
            };
            let d = cx.report(at, message);
            if let (Problem::NoScheme, Some(s)) = (problem, span) {
                d.fix(Fix::unsafe_edit("Add `https://`", s.within(off..off), "https://"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems() {
        assert_eq!(problem("https://example.org/a?b#c"), None);
        assert_eq!(problem("mailto:ann@example.org"), None);
        assert_eq!(problem("urn:nbn:de:1234"), None);
        assert_eq!(problem("ftp://ftp.example.org/pub"), None);
        assert_eq!(problem(r"https://example.org/a\_b"), None);
        assert_eq!(problem("www.example.org"), Some(Problem::NoScheme));
        assert_eq!(problem("example.org/paper.pdf"), Some(Problem::NoScheme));
        assert_eq!(problem("paper.pdf"), Some(Problem::NotUrl));
        assert_eq!(problem("see the website"), Some(Problem::NotUrl));
        assert_eq!(problem("https://x.org/a b"), Some(Problem::Space));
        assert_eq!(problem("https:/example.org"), Some(Problem::NoHost));
        assert_eq!(problem("http://"), Some(Problem::NoHost));
        assert_eq!(problem("files/paper"), Some(Problem::NotUrl));
        assert_eq!(unbrace("{{https://x.org}}"), (2, "https://x.org"));
    }
}
