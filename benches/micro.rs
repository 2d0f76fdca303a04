//! Micro-benchmarks of the parsers and the rule engine (issue #8), through the crate's public API.
//!
//! `cargo bench --bench micro [-- FILTER]` prints, for each benchmark whose name contains
//! FILTER, the median of its iterations as ns/iter and MB/s. The inputs are made in-process by a
//! seeded generator (the same bytes every run), so nothing else is needed: about 2 MB of BibTeX
//! in the style of `benches/gen_corpus.py`, and the same works as MODS, RIS, EndNote Refer and
//! CSL-JSON. The rules run on one thread unless `MICRO_THREADS` says otherwise, so that the
//! numbers are per core. `MICRO_SCALE` scales the inputs (default 1.0 = 2,500 works);
//! `MICRO_DUMP=DIR` writes them to DIR/micro.{bib,xml,ris,enw,json}.
//!
//! Run as a test (`cargo test --benches`, no `--bench` argument), every benchmark runs once
//! on a small input, as a smoke test.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use citelint::config::Settings;
use citelint::formats::{self, bibtex};
use citelint::model::Format;
use citelint::source::{FileId, SourceDb, SourceFile};

/// Each benchmark runs at least this many times (after one warm-up run) ...
const MIN_ITERS: usize = 5;
/// ... and at most this many, or until this much time has gone by.
const MAX_ITERS: usize = 50;
const BUDGET: Duration = Duration::from_secs(3);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let filter = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_default();
    let threads = std::env::var("MICRO_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    // Fails only if a pool exists already, and then that one is used.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(threads).build_global();
    let scale = std::env::var("MICRO_SCALE").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(1.0);
    let works = if bench { (2500.0 * scale).max(1.0) as usize } else { 20 };
    let runner = Runner { bench, filter };

    let inputs = Inputs::generate(works);
    if let Ok(dir) = std::env::var("MICRO_DUMP") {
        inputs.dump(std::path::Path::new(&dir));
    }
    let settings = Settings::default();
    if bench {
        println!("micro-benchmarks: {works} works, rules on {threads} thread(s), median of {MIN_ITERS}..{MAX_ITERS} iterations");
    }

    let (db, bib) = one_file("bench.bib", &inputs.bibtex);
    let text = db.get(bib).text.as_str();
    runner.run("bibtex: parse", text.len(), || {
        let (ast, errors) = bibtex::parser::parse(bib, text);
        (ast.entries().count(), errors)
    });
    runner.run("bibtex: parse + lower", text.len(), || {
        let parsed = formats::parse(&db, bib, Format::Bibtex, &settings);
        (parsed.records.len(), parsed)
    });
    let parsed = vec![formats::parse(&db, bib, Format::Bibtex, &settings)];
    runner.run("bibtex: lint (default rules, parsed input)", text.len(), || {
        let diagnostics = citelint::engine::lint(&db, &settings, &parsed);
        (parsed.iter().map(|p| p.records.len()).sum(), diagnostics)
    });
    runner.run("bibtex: check (parse + lower + lint)", text.len(), || {
        let checked = citelint::api::check_format("bench.bib", inputs.bibtex.as_bytes(), Format::Bibtex, &settings);
        (checked.files.iter().map(|p| p.records.len()).sum(), checked)
    });

    for (name, format, source) in [
        ("mods: parse + lower", Format::Mods, &inputs.mods),
        ("ris: parse + lower", Format::Ris, &inputs.ris),
        ("refer: parse + lower", Format::Refer, &inputs.refer),
        ("csl-json: parse + lower", Format::CslJson, &inputs.csl_json),
    ] {
        let (db, id) = one_file("bench", source);
        runner.run(name, db.get(id).text.len(), || {
            let parsed = formats::parse(&db, id, format, &settings);
            (parsed.records.len(), parsed)
        });
    }
}

fn one_file(name: &str, text: &str) -> (SourceDb, FileId) {
    let mut db = SourceDb::new();
    let id = db.add(SourceFile::from_bytes(name.to_owned(), None, text.as_bytes()));
    (db, id)
}

struct Runner {
    bench: bool,
    filter: String,
}

impl Runner {
    /// Times `f` (which returns the number of records it saw, and what it made: dropped
    /// outside the timing) and prints the median.
    fn run<T>(&self, name: &str, bytes: usize, mut f: impl FnMut() -> (usize, T)) {
        if !name.contains(&self.filter) {
            return;
        }
        let (records, out) = black_box(f());
        drop(out);
        assert!(records > 0, "{name}: no records read");
        if !self.bench {
            println!("{name}: ok ({records} records)");
            return;
        }
        let mut times = Vec::with_capacity(MAX_ITERS);
        let start = Instant::now();
        while times.len() < MIN_ITERS || (times.len() < MAX_ITERS && start.elapsed() < BUDGET) {
            let t = Instant::now();
            let out = black_box(f());
            times.push(t.elapsed());
            drop(out);
        }
        times.sort_unstable();
        let median = times.get(times.len() / 2).copied().unwrap_or_default().max(Duration::from_nanos(1));
        let mbs = bytes as f64 / 1e6 / median.as_secs_f64();
        println!(
            "{name:44} {:>6.2} MB {:>7} records {:>14} ns/iter {:>9.1} MB/s ({} iters)",
            bytes as f64 / 1e6,
            records,
            group(median.as_nanos()),
            mbs,
            times.len()
        );
    }
}

/// 12345678 -> "12,345,678".
fn group(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// SplitMix64: small, seeded, the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        let span = u64::from(hi.saturating_sub(lo)) + 1;
        lo + u32::try_from(self.next() % span).unwrap_or(0)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u32) -> bool {
        self.range(0, 99) < percent
    }

    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let len = u32::try_from(items.len()).unwrap_or(u32::MAX).max(1);
        items.get(self.range(0, len - 1) as usize).copied().unwrap_or_default()
    }
}

/// (TeX, Unicode) spellings.
const FAMILY: &[Spelling] = &[
    ("Smith", "Smith"),
    ("M{\\\"u}ller", "Müller"),
    ("Garc{\\'\\i}a", "García"),
    ("Nguyen", "Nguyen"),
    ("van der Berg", "van der Berg"),
    ("Zhang", "Zhang"),
    ("Kowalski", "Kowalski"),
    ("{\\O}stergaard", "Østergaard"),
    ("Dubois", "Dubois"),
    ("de la Cruz", "de la Cruz"),
    ("Tanaka", "Tanaka"),
    ("Sch{\\\"o}n", "Schön"),
    ("Patel", "Patel"),
    ("Lef{\\`e}vre", "Lefèvre"),
    ("{\\v{S}}imon", "Šimon"),
    ("Okafor", "Okafor"),
];
const GIVEN: &[Spelling] = &[
    ("Ann", "Ann"),
    ("Bo", "Bo"),
    ("Chen", "Chen"),
    ("J.~R.", "J. R."),
    ("Maria", "Maria"),
    ("N{\\'u}ria", "Núria"),
    ("Omar", "Omar"),
    ("Ravi", "Ravi"),
    ("Tom\\'a\\v{s}", "Tomáš"),
    ("Yuki", "Yuki"),
    ("Zo{\\\"e}", "Zoë"),
];
const WORDS: &[&str] = &[
    "learning",
    "neural",
    "networks",
    "language",
    "models",
    "attention",
    "graph",
    "retrieval",
    "evaluation",
    "robust",
    "efficient",
    "transformers",
    "multilingual",
    "parsing",
    "translation",
    "corpus",
    "annotation",
    "fairness",
    "reasoning",
    "inference",
    "dialogue",
    "summarization",
    "speech",
    "causal",
];
const VENUES: &[&str] = &[
    "Proceedings of the Annual Meeting of the Association for Computational Linguistics",
    "Proceedings of the Conference on Empirical Methods in Natural Language Processing",
    "Advances in Neural Information Processing Systems",
];
const JOURNALS: &[&str] =
    &["Computational Linguistics", "Journal of Machine Learning Research", "Transactions of the ACL"];

#[derive(Clone, Copy, Default, PartialEq)]
enum Kind {
    #[default]
    Paper,
    Article,
    Book,
    Thesis,
}

/// A name's part in TeX and in Unicode.
type Spelling = (&'static str, &'static str);

/// One generated work, written out in every format.
struct Work {
    kind: Kind,
    key: String,
    title: String,
    authors: Vec<(Spelling, Spelling)>,
    year: u32,
    container: Option<&'static str>,
    volume: Option<u32>,
    pages: Option<(u32, u32)>,
    doi: Option<String>,
    url: Option<String>,
    abstract_: Option<String>,
    publisher: Option<&'static str>,
}

impl Work {
    fn generate(r: &mut Rng, i: usize) -> Work {
        let kind = match r.range(0, 99) {
            0..=44 => Kind::Paper,
            45..=84 => Kind::Article,
            85..=92 => Kind::Book,
            _ => Kind::Thesis,
        };
        let year = r.range(1970, 2026);
        let words = |r: &mut Rng, n: u32| (0..n).map(|_| r.pick(WORDS)).collect::<Vec<_>>().join(" ");
        let n_words = r.range(4, 12);
        let mut title = words(r, n_words);
        if let Some(first) = title.get(..1) {
            title = first.to_uppercase() + title.get(1..).unwrap_or("");
        }
        let key = format!("{}{year}{}{i}", r.pick(FAMILY).1.to_lowercase().replace(' ', ""), r.pick(WORDS));
        let n_authors = r.pick(&[1, 2, 2, 3, 3, 4, 5, 7]);
        let authors = (0..n_authors).map(|_| (r.pick(FAMILY), r.pick(GIVEN))).collect();
        let (container, volume, publisher) = match kind {
            Kind::Paper => (Some(r.pick(VENUES)), None, Some("Association for Computational Linguistics")),
            Kind::Article => (Some(r.pick(JOURNALS)), Some(r.range(1, 60)), None),
            Kind::Book => (None, None, Some("Springer")),
            Kind::Thesis => (None, None, None),
        };
        let pages = r.chance(80).then(|| r.range(1, 19000)).map(|a| (a, a + r.range(1, 30)));
        let doi = r.chance(50).then(|| format!("10.{}/{key}", r.range(1000, 99999)));
        let url = r.chance(50).then(|| format!("https://example.org/{key}/"));
        let abstract_ = r.chance(30).then(|| {
            let n = r.range(80, 220);
            words(r, n) + "."
        });
        Work { kind, key, title, authors, year, container, volume, pages, doi, url, abstract_, publisher }
    }
}

/// The same works in each format.
struct Inputs {
    bibtex: String,
    mods: String,
    ris: String,
    refer: String,
    csl_json: String,
}

impl Inputs {
    fn generate(n: usize) -> Inputs {
        let mut r = Rng(1);
        let works: Vec<Work> = (0..n).map(|i| Work::generate(&mut r, i)).collect();
        let mut inputs = Inputs {
            bibtex: String::from(
                "@string{acl = {Annual Meeting of the Association for Computational Linguistics}}\n\n",
            ),
            mods: String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<modsCollection xmlns=\"http://www.loc.gov/mods/v3\">\n",
            ),
            ris: String::new(),
            refer: String::new(),
            csl_json: String::from("["),
        };
        for (i, w) in works.iter().enumerate() {
            // `fmt::Write` for a `String` cannot fail.
            let _ = bibtex_entry(&mut inputs.bibtex, w, &mut r);
            let _ = mods_record(&mut inputs.mods, w);
            let _ = ris_record(&mut inputs.ris, w);
            let _ = refer_record(&mut inputs.refer, w);
            inputs.csl_json.push_str(if i == 0 { "\n" } else { ",\n" });
            let _ = csl_item(&mut inputs.csl_json, w);
        }
        inputs.mods.push_str("</modsCollection>\n");
        inputs.csl_json.push_str("\n]\n");
        inputs
    }

    /// Writes the inputs into `dir` as micro.bib, .xml, .ris, .enw and .json (to look at them,
    /// or to run the CLI on them).
    fn dump(&self, dir: &std::path::Path) {
        for (ext, text) in [
            ("bib", &self.bibtex),
            ("xml", &self.mods),
            ("ris", &self.ris),
            ("enw", &self.refer),
            ("json", &self.csl_json),
        ] {
            let path = dir.join(format!("micro.{ext}"));
            if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)) {
                eprintln!("{}: {e}", path.display());
            }
        }
    }
}

fn bibtex_entry(out: &mut String, w: &Work, r: &mut Rng) -> std::fmt::Result {
    let kind = match w.kind {
        Kind::Paper => "inproceedings",
        Kind::Article => "article",
        Kind::Book => "book",
        Kind::Thesis => "phdthesis",
    };
    let brace = r.chance(50);
    let q = |v: &str| if brace { format!("{{{v}}}") } else { format!("\"{v}\"") };
    let indent = r.pick(&["  ", "    ", "\t"]);
    let authors: Vec<String> = w.authors.iter().map(|(f, g)| format!("{}, {}", f.0, g.0)).collect();
    write!(
        out,
        "@{kind}{{{},\n{indent}title = {},\n{indent}author = {}",
        w.key,
        q(&w.title),
        q(&authors.join(" and "))
    )?;
    match (w.kind, w.container) {
        (Kind::Paper, Some(_)) if r.chance(30) => write!(out, ",\n{indent}booktitle = acl # \" {}\"", w.year)?,
        (Kind::Paper, Some(c)) => write!(out, ",\n{indent}booktitle = {}", q(c))?,
        (Kind::Article, Some(c)) => write!(out, ",\n{indent}journal = {}", q(c))?,
        (Kind::Thesis, _) => write!(out, ",\n{indent}school = {}", q("University of Oslo"))?,
        _ => {}
    }
    if let Some(v) = w.volume {
        write!(out, ",\n{indent}volume = {v}")?;
    }
    if let Some(p) = w.publisher {
        write!(out, ",\n{indent}publisher = {}", q(p))?;
    }
    write!(out, ",\n{indent}year = {}", w.year)?;
    if let Some((a, b)) = w.pages {
        // One range in ten with `-`, so that some rules have something to report.
        let dash = if r.chance(10) { "-" } else { "--" };
        write!(out, ",\n{indent}pages = {}", q(&format!("{a}{dash}{b}")))?;
    }
    if let Some(d) = &w.doi {
        write!(out, ",\n{indent}doi = {}", q(d))?;
    }
    if let Some(u) = &w.url {
        write!(out, ",\n{indent}url = {}", q(u))?;
    }
    if let Some(a) = &w.abstract_ {
        write!(out, ",\n{indent}abstract = {}", q(a))?;
    }
    out.push_str("\n}\n\n");
    Ok(())
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn mods_record(out: &mut String, w: &Work) -> std::fmt::Result {
    writeln!(out, "<mods ID=\"{}\">\n  <titleInfo>\n    <title>{}</title>\n  </titleInfo>", w.key, xml(&w.title))?;
    for (f, g) in &w.authors {
        write!(
            out,
            "  <name type=\"personal\">\n    <namePart type=\"given\">{}</namePart>\n    \
             <namePart type=\"family\">{}</namePart>\n    <role>\n      \
             <roleTerm authority=\"marcrelator\" type=\"text\">author</roleTerm>\n    </role>\n  </name>\n",
            g.1, f.1
        )?;
    }
    writeln!(out, "  <originInfo>\n    <dateIssued>{}</dateIssued>", w.year)?;
    if let (Some(p), Kind::Book) = (w.publisher, w.kind) {
        writeln!(out, "    <publisher>{}</publisher>", xml(p))?;
    }
    out.push_str("  </originInfo>\n  <typeOfResource>text</typeOfResource>\n");
    let genre = match w.kind {
        Kind::Paper => "conference publication",
        Kind::Article => "journal article",
        Kind::Book => "book",
        Kind::Thesis => "thesis",
    };
    writeln!(out, "  <genre authority=\"marcgt\">{genre}</genre>")?;
    if let Some(c) = w.container {
        write!(
            out,
            "  <relatedItem type=\"host\">\n    <titleInfo>\n      <title>{}</title>\n    </titleInfo>\n",
            xml(c)
        )?;
        if let (Some(p), Kind::Paper) = (w.publisher, w.kind) {
            writeln!(out, "    <originInfo>\n      <publisher>{}</publisher>\n    </originInfo>", xml(p))?;
        }
        out.push_str("  </relatedItem>\n");
    }
    if let Some(d) = &w.doi {
        writeln!(out, "  <identifier type=\"doi\">{d}</identifier>")?;
    }
    if let Some(u) = &w.url {
        writeln!(out, "  <location>\n    <url>{u}</url>\n  </location>")?;
    }
    if let Some(a) = &w.abstract_ {
        writeln!(out, "  <abstract>{}</abstract>", xml(a))?;
    }
    if w.volume.is_some() || w.pages.is_some() {
        out.push_str("  <part>\n");
        if let Some(v) = w.volume {
            writeln!(out, "    <detail type=\"volume\"><number>{v}</number></detail>")?;
        }
        if let Some((a, b)) = w.pages {
            writeln!(out, "    <extent unit=\"page\">\n      <start>{a}</start>\n      <end>{b}</end>\n    </extent>")?;
        }
        out.push_str("  </part>\n");
    }
    out.push_str("</mods>\n");
    Ok(())
}

fn ris_record(out: &mut String, w: &Work) -> std::fmt::Result {
    let ty = match w.kind {
        Kind::Paper => "CONF",
        Kind::Article => "JOUR",
        Kind::Book => "BOOK",
        Kind::Thesis => "THES",
    };
    writeln!(out, "TY  - {ty}")?;
    for (f, g) in &w.authors {
        writeln!(out, "AU  - {}, {}", f.1, g.1)?;
    }
    writeln!(out, "PY  - {}\nTI  - {}", w.year, w.title)?;
    if let Some(c) = w.container {
        writeln!(out, "{}  - {c}", if w.kind == Kind::Article { "JO" } else { "T2" })?;
    }
    if let Some(v) = w.volume {
        writeln!(out, "VL  - {v}")?;
    }
    if let Some((a, b)) = w.pages {
        writeln!(out, "SP  - {a}\nEP  - {b}")?;
    }
    if let Some(p) = w.publisher {
        writeln!(out, "PB  - {p}")?;
    }
    if let Some(d) = &w.doi {
        writeln!(out, "DO  - {d}")?;
    }
    if let Some(u) = &w.url {
        writeln!(out, "UR  - {u}")?;
    }
    if let Some(a) = &w.abstract_ {
        writeln!(out, "AB  - {a}")?;
    }
    write!(out, "ID  - {}\nER  - \n\n", w.key)
}

fn refer_record(out: &mut String, w: &Work) -> std::fmt::Result {
    let ty = match w.kind {
        Kind::Paper => "Conference Paper",
        Kind::Article => "Journal Article",
        Kind::Book => "Book",
        Kind::Thesis => "Thesis",
    };
    writeln!(out, "%0 {ty}\n%T {}", w.title)?;
    for (f, g) in &w.authors {
        writeln!(out, "%A {}, {}", f.1, g.1)?;
    }
    writeln!(out, "%D {}", w.year)?;
    if let Some(c) = w.container {
        writeln!(out, "{} {c}", if w.kind == Kind::Article { "%J" } else { "%B" })?;
    }
    if let Some(v) = w.volume {
        writeln!(out, "%V {v}")?;
    }
    if let Some((a, b)) = w.pages {
        writeln!(out, "%P {a}-{b}")?;
    }
    if let Some(p) = w.publisher {
        writeln!(out, "%I {p}")?;
    }
    if let Some(d) = &w.doi {
        writeln!(out, "%R {d}")?;
    }
    if let Some(u) = &w.url {
        writeln!(out, "%U {u}")?;
    }
    if let Some(a) = &w.abstract_ {
        writeln!(out, "%X {a}")?;
    }
    write!(out, "%F {}\n\n", w.key)
}

fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn csl_item(out: &mut String, w: &Work) -> std::fmt::Result {
    let ty = match w.kind {
        Kind::Paper => "paper-conference",
        Kind::Article => "article-journal",
        Kind::Book => "book",
        Kind::Thesis => "thesis",
    };
    write!(out, "  {{\n    \"id\": {},\n    \"type\": \"{ty}\",\n    \"title\": {}", json(&w.key), json(&w.title))?;
    let authors: Vec<String> =
        w.authors.iter().map(|(f, g)| format!("{{\"family\": {}, \"given\": {}}}", json(f.1), json(g.1))).collect();
    write!(out, ",\n    \"author\": [{}]", authors.join(", "))?;
    write!(out, ",\n    \"issued\": {{\"date-parts\": [[{}]]}}", w.year)?;
    if let Some(c) = w.container {
        write!(out, ",\n    \"container-title\": {}", json(c))?;
    }
    if let Some(v) = w.volume {
        write!(out, ",\n    \"volume\": \"{v}\"")?;
    }
    if let Some((a, b)) = w.pages {
        write!(out, ",\n    \"page\": \"{a}-{b}\"")?;
    }
    if let Some(p) = w.publisher {
        write!(out, ",\n    \"publisher\": {}", json(p))?;
    }
    if let Some(d) = &w.doi {
        write!(out, ",\n    \"DOI\": {}", json(d))?;
    }
    if let Some(u) = &w.url {
        write!(out, ",\n    \"URL\": {}", json(u))?;
    }
    if let Some(a) = &w.abstract_ {
        write!(out, ",\n    \"abstract\": {}", json(a))?;
    }
    out.push_str("\n  }");
    Ok(())
}
