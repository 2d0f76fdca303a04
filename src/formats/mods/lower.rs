//! Lowering `<mods>` elements to [`Record`]s (FORMATS §1.3, §8): every value keeps the span of
//! its element's text (attribute values: the value's span).

use super::tree::{Element, ModsFile};
use crate::model::date::{parse_month, parse_year};
use crate::model::{Date, Field, FieldEntry, Format, Name, NameList, PageRange, Record, Value, ValueError};
use crate::source::{Span, Spanned};

/// One record per `<mods>` element, in document order.
#[must_use]
pub fn lower(tree: &ModsFile) -> Vec<Record> {
    crate::formats::lower_all(&tree.records, |&id| tree.element(id).map(|m| lower_mods(tree, m)))
}

/// White space collapsed (XML text is indented and wrapped), NFC.
fn clean(s: &str) -> String {
    crate::model::normalize::into_nfc(crate::model::normalize::collapse_whitespace(s))
}

fn native(e: &Element, path: &str) -> Spanned<String> {
    Spanned::new(path.to_owned(), e.name_span)
}

fn text_entry(e: &Element, path: &str) -> Option<FieldEntry> {
    let value = clean(&e.text_value());
    if value.is_empty() {
        return None;
    }
    Some(FieldEntry { native: native(e, path), raw: e.text_span(), value: Value::Text(value) })
}

#[derive(Default)]
struct Collected {
    authors: Vec<(Name, Span)>,
    editors: Vec<(Name, Span)>,
}

fn lower_mods(t: &ModsFile, m: &Element) -> Record {
    let kind = t.child(m, "genre").or_else(|| t.child(m, "typeOfResource")).map_or_else(
        || Spanned::new("mods".to_owned(), m.name_span),
        |e| Spanned::new(clean(&e.text_value()), e.text_span()),
    );
    let mut record = Record::new(Format::Mods, m.span, kind);
    record.key = m.attr("ID").map(|a| Spanned::new(a.value.trim().to_owned(), a.value_span));
    let mut names = Collected::default();
    let mut issued: Option<FieldEntry> = None;
    let mut fallback_dates: Vec<FieldEntry> = Vec::new();
    let mut host_fields: Vec<(Field, FieldEntry)> = Vec::new();
    let mut host_editors = Collected::default();

    if let Some(title) = t.mods_children(m, "titleInfo").find(|ti| ti.attr("type").is_none()) {
        if let Some(entry) = title_entry(t, title, "titleInfo/title") {
            record.push(Field::Title, entry);
        }
    }
    for child in t.children(m).filter(|c| t.is_mods(c)) {
        match child.name.as_ref() {
            "name" => collect_name(t, child, &mut names),
            "originInfo" => {
                origin_info(t, child, &mut record, &mut issued);
            }
            "relatedItem" if child.attr_value("type") == Some("host") => {
                host(t, child, &mut host_fields, &mut host_editors, &mut fallback_dates);
            }
            "part" => part(t, child, &mut host_fields, &mut fallback_dates),
            "identifier" => identifier(t, child, &mut record),
            "location" => {
                for url in t.mods_children(child, "url") {
                    record.extend_text(Field::Url, url, "location/url");
                }
            }
            "abstract" => record.extend_text(Field::Abstract, child, "abstract"),
            "note" => record.extend_text(Field::Note, child, "note"),
            "language" => {
                let term = t
                    .mods_children(child, "languageTerm")
                    .find(|l| l.attr_value("type") == Some("text"))
                    .or_else(|| t.child(child, "languageTerm"));
                if let Some(term) = term {
                    record.extend_text(Field::Language, term, "language/languageTerm");
                }
            }
            _ => {}
        }
    }
    if record.first(Field::Url).is_none() {
        for id in t.mods_children(m, "identifier") {
            if let Some(entry) = link_identifier(id) {
                record.push(Field::Url, entry);
            }
        }
    }
    push_names(&mut record, Field::Author, names.authors, "name");
    let mut editors = names.editors;
    editors.extend(host_editors.editors);
    push_names(&mut record, Field::Editor, editors, "relatedItem/name");
    for (field, entry) in host_fields {
        // The record's own values come first; the host adds what the record lacks.
        if field == Field::ContainerTitle
            || !record.fields.contains(field)
            || matches!(field, Field::Isbn | Field::Issn)
        {
            record.push(field, entry);
        }
    }
    if let Some(entry) = issued.or_else(|| fallback_dates.into_iter().next()) {
        record.push(Field::Issued, entry);
    }
    record
}

trait PushText {
    fn extend_text(&mut self, field: Field, e: &Element, path: &str);
}

impl PushText for Record {
    fn extend_text(&mut self, field: Field, e: &Element, path: &str) {
        if let Some(entry) = text_entry(e, path) {
            self.push(field, entry);
        }
    }
}

/// `titleInfo`: nonSort + title, `: ` subTitle, `. ` partNumber / partName (MODS 3.8 user
/// guidelines, titleInfo). Span: the `title` element's text.
fn title_entry(t: &ModsFile, ti: &Element, path: &str) -> Option<FieldEntry> {
    let title = t.child(ti, "title")?;
    let mut value = String::new();
    if let Some(ns) = t.child(ti, "nonSort") {
        let v = ns.text_value();
        value.push_str(v.trim_start());
        if !v.ends_with([' ', '\'', '’']) && !v.trim().is_empty() {
            value.push(' ');
        }
    }
    value.push_str(&title.text_value());
    if let Some(sub) = t.child(ti, "subTitle") {
        value.push_str(": ");
        value.push_str(&sub.text_value());
    }
    for part in t.children(ti).filter(|c| c.name == "partNumber" || c.name == "partName") {
        value.push_str(". ");
        value.push_str(&part.text_value());
    }
    let value = clean(&value);
    if value.is_empty() {
        return None;
    }
    Some(FieldEntry { native: native(title, path), raw: title.text_span(), value: Value::Text(value) })
}

/// What a `name`'s roles say: author (also when it has none), editor.
fn roles(t: &ModsFile, name: &Element) -> (bool, bool) {
    let mut any = false;
    let (mut author, mut editor) = (false, false);
    for role in t.mods_children(name, "role") {
        for term in t.mods_children(role, "roleTerm") {
            let v = term.text_value();
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            any = true;
            if v.eq_ignore_ascii_case("author")
                || v.eq_ignore_ascii_case("aut")
                || v.eq_ignore_ascii_case("creator")
                || v.eq_ignore_ascii_case("cre")
            {
                author = true;
            }
            if v.eq_ignore_ascii_case("editor") || v.eq_ignore_ascii_case("edt") {
                editor = true;
            }
        }
    }
    (author || !any, editor)
}

fn collect_name(t: &ModsFile, e: &Element, out: &mut Collected) {
    let Some(name) = lower_name(t, e) else { return };
    let (author, editor) = roles(t, e);
    if author {
        out.authors.push((name.clone(), e.span));
    }
    if editor {
        out.editors.push((name, e.span));
    }
}

/// `name`: personal names from `namePart` given (several joined by a space: "Viviane" + "P"),
/// family and termsOfAddress (as suffix); an untyped part is "Family, Given" or a whole name;
/// corporate and conference names are one family string. Span: the `name` element.
fn lower_name(t: &ModsFile, e: &Element) -> Option<Name> {
    let mut given: Vec<String> = Vec::new();
    let mut family: Vec<String> = Vec::new();
    let mut suffix: Vec<String> = Vec::new();
    let mut untyped: Vec<String> = Vec::new();
    for part in t.mods_children(e, "namePart") {
        let v = clean(&part.text_value());
        if v.is_empty() {
            continue;
        }
        match part.attr_value("type") {
            Some("given") => given.push(v),
            Some("family") => family.push(v),
            Some("termsOfAddress") => suffix.push(v),
            Some(_) => {}
            None => untyped.push(v),
        }
    }
    let personal = matches!(e.attr_value("type"), None | Some("personal"));
    if family.is_empty() && given.is_empty() && !untyped.is_empty() {
        if personal && untyped.len() == 1 {
            let whole = untyped.first().cloned().unwrap_or_default();
            if let Some((f, g)) = whole.split_once(',') {
                family.push(f.trim().to_owned());
                if !g.trim().is_empty() {
                    given.push(g.trim().to_owned());
                }
            } else {
                family.push(whole);
            }
        } else {
            family.push(untyped.join(", "));
        }
    } else if !untyped.is_empty() && family.is_empty() {
        family.append(&mut untyped);
    }
    if family.is_empty() && given.is_empty() {
        let display = t.child(e, "displayForm").map(|d| clean(&d.text_value())).unwrap_or_default();
        if display.is_empty() {
            return None;
        }
        family.push(display);
    }
    let given = (!given.is_empty()).then(|| given.join(" "));
    let suffix = (!suffix.is_empty()).then(|| suffix.join(" "));
    Some(Name::new(e.span, &family.join(" "), given.as_deref(), None, suffix.as_deref()))
}

fn push_names(record: &mut Record, field: Field, names: Vec<(Name, Span)>, path: &str) {
    let (Some(first), Some(last)) = (names.first(), names.last()) else { return };
    let raw = first.1.cover(last.1);
    let native = Spanned::new(path.to_owned(), first.1);
    let list = NameList { names: names.into_iter().map(|(n, _)| n).collect(), others: None, problems: Vec::new() };
    record.push(field, FieldEntry { native, raw, value: Value::Names(Box::new(list)) });
}

fn origin_info(t: &ModsFile, o: &Element, record: &mut Record, issued: &mut Option<FieldEntry>) {
    for child in t.children(o).filter(|c| t.is_mods(c)) {
        match child.name.as_ref() {
            "dateIssued" if issued.is_none() => *issued = date_entry(child, "originInfo/dateIssued"),
            "publisher" => record.extend_text(Field::Publisher, child, "originInfo/publisher"),
            "edition" => record.extend_text(Field::Edition, child, "originInfo/edition"),
            "place" => {
                if let Some(term) = place_term(t, child) {
                    record.extend_text(Field::Place, term, "originInfo/place/placeTerm");
                }
            }
            _ => {}
        }
    }
}

/// The text `placeTerm` of a `place` (untyped counts as text; codes are not places' names).
fn place_term<'a>(t: &'a ModsFile, place: &'a Element) -> Option<&'a Element> {
    t.mods_children(place, "placeTerm").find(|p| p.attr_value("type") != Some("code"))
}

fn host(
    t: &ModsFile,
    h: &Element,
    out: &mut Vec<(Field, FieldEntry)>,
    names: &mut Collected,
    dates: &mut Vec<FieldEntry>,
) {
    if let Some(ti) = t.mods_children(h, "titleInfo").find(|ti| ti.attr("type").is_none()) {
        if let Some(entry) = title_entry(t, ti, "relatedItem/titleInfo/title") {
            out.push((Field::ContainerTitle, entry));
        }
    }
    for child in t.children(h).filter(|c| t.is_mods(c)) {
        match child.name.as_ref() {
            "name" => {
                if let Some(name) = lower_name(t, child) {
                    if roles(t, child).1 {
                        names.editors.push((name, child.span));
                    }
                }
            }
            "originInfo" => {
                for c in t.children(child).filter(|c| t.is_mods(c)) {
                    match c.name.as_ref() {
                        "publisher" => push_text(out, Field::Publisher, c, "relatedItem/originInfo/publisher"),
                        "edition" => push_text(out, Field::Edition, c, "relatedItem/originInfo/edition"),
                        "place" => {
                            if let Some(term) = place_term(t, c) {
                                push_text(out, Field::Place, term, "relatedItem/originInfo/place/placeTerm");
                            }
                        }
                        "dateIssued" => dates.extend(date_entry(c, "relatedItem/originInfo/dateIssued")),
                        _ => {}
                    }
                }
            }
            "identifier" => match child.attr_value("type") {
                Some("isbn") => push_text(out, Field::Isbn, child, "relatedItem/identifier[@type=isbn]"),
                Some("issn") => push_text(out, Field::Issn, child, "relatedItem/identifier[@type=issn]"),
                _ => {}
            },
            "part" => part(t, child, out, dates),
            _ => {}
        }
    }
}

fn push_text(out: &mut Vec<(Field, FieldEntry)>, field: Field, e: &Element, path: &str) {
    if let Some(entry) = text_entry(e, path) {
        out.push((field, entry));
    }
}

/// `part`: `detail[@type=volume|issue|number]/number`, `extent[@unit=page|pages]` start/end
/// (or list), `date`.
fn part(t: &ModsFile, p: &Element, out: &mut Vec<(Field, FieldEntry)>, dates: &mut Vec<FieldEntry>) {
    for child in t.children(p).filter(|c| t.is_mods(c)) {
        match child.name.as_ref() {
            "detail" => {
                let field = match child.attr_value("type") {
                    Some("volume") => Field::Volume,
                    Some("issue" | "number") => Field::Issue,
                    _ => continue,
                };
                if let Some(n) = t.child(child, "number") {
                    push_text(out, field, n, "part/detail/number");
                }
            }
            "extent" if matches!(child.attr_value("unit"), None | Some("page" | "pages" | "pp")) => {
                if let Some(pages) = extent_pages(t, child) {
                    out.push((Field::Pages, pages));
                }
            }
            "date" => dates.extend(date_entry(child, "part/date")),
            _ => {}
        }
    }
}

fn extent_pages(t: &ModsFile, extent: &Element) -> Option<FieldEntry> {
    let start = t.child(extent, "start").map(|s| Spanned::new(clean(&s.text_value()), s.text_span()));
    let end = t.child(extent, "end").map(|s| Spanned::new(clean(&s.text_value()), s.text_span()));
    let native = native(extent, "part/extent");
    if let Some(start) = start.filter(|s| !s.value.is_empty()) {
        let end = end.filter(|e| !e.value.is_empty());
        let range = PageRange::from_ends(extent.span, start, end);
        return Some(FieldEntry { native, raw: extent.span, value: Value::Pages(Box::new(range)) });
    }
    let list = t.child(extent, "list")?;
    let raw = list.text_span();
    let text = list.text_value();
    if text.trim().is_empty() {
        return None;
    }
    let exact = raw.len() == text.len();
    let range = crate::model::pages::parse_pages(&text, &|r| if exact { raw.within(r) } else { raw });
    Some(FieldEntry { native, raw, value: Value::Pages(Box::new(range)) })
}

/// The link an identifier stands for, where bibutils made it from a URL: it writes a BibTeX
/// `url` of JSTOR, PubMed, PubMed Central or arXiv as `identifier[@type=jstor]` etc. with the
/// id only (and EndNote/RIS get the URL back). Used when the record has no `location/url`.
fn link_identifier(e: &Element) -> Option<FieldEntry> {
    let prefix = match e.attr_value("type").map(str::to_ascii_lowercase).as_deref() {
        Some("jstor") => "http://www.jstor.org/stable/",
        Some("pubmed" | "pmid") => "http://www.ncbi.nlm.nih.gov/pubmed/",
        Some("pmc") => "http://www.ncbi.nlm.nih.gov/pmc/articles/",
        Some("arxiv") => "http://arxiv.org/abs/",
        _ => return None,
    };
    let id = clean(&e.text_value());
    if id.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    let native = native(e, "identifier");
    Some(FieldEntry { native, raw: e.text_span(), value: Value::Text(format!("{prefix}{id}")) })
}

fn identifier(t: &ModsFile, e: &Element, record: &mut Record) {
    let _ = t;
    match e.attr_value("type").map(str::to_ascii_lowercase).as_deref() {
        Some("isbn") => record.extend_text(Field::Isbn, e, "identifier[@type=isbn]"),
        Some("issn") => record.extend_text(Field::Issn, e, "identifier[@type=issn]"),
        Some("doi") => record.extend_text(Field::Doi, e, "identifier[@type=doi]"),
        Some("uri" | "url") => record.extend_text(Field::Url, e, "identifier[@type=uri]"),
        Some("citekey") if record.key.is_none() => {
            let v = clean(&e.text_value());
            if !v.is_empty() {
                record.key = Some(Spanned::new(v, e.text_span()));
            }
        }
        _ => {}
    }
}

/// A W3CDTF date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with a time after `T`), also the older
/// bibutils `2019-jul` (FORMATS §1.3). Spans of year, month and day are exact when the text
/// has no entity references.
fn date_entry(e: &Element, path: &str) -> Option<FieldEntry> {
    let text = e.text_value();
    if text.trim().is_empty() {
        return None;
    }
    let raw = e.text_span();
    let lead = text.len() - text.trim_start().len();
    let exact = e.text.len() == 1 && raw.len() == text.trim().len();
    let span_of = |r: std::ops::Range<usize>| {
        if exact {
            raw.within(r.start.saturating_sub(lead)..r.end.saturating_sub(lead))
        } else {
            raw
        }
    };
    let value = match parse_w3cdtf(&text, &span_of) {
        Some(d) => Value::Date(Box::new(d)),
        None => Value::Invalid(ValueError::Unreadable(clean(&text))),
    };
    Some(FieldEntry { native: native(e, path), raw, value })
}

fn parse_w3cdtf(text: &str, span_of: &dyn Fn(std::ops::Range<usize>) -> Span) -> Option<Date> {
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    let body = body.split('T').next().unwrap_or(body);
    let mut date = Date::default();
    let mut offset = lead;
    let mut pieces = body.split('-');
    let y = pieces.next()?;
    date.year = Some(Spanned::new(parse_year(y)?, span_of(offset..offset + y.len())));
    offset += y.len() + 1;
    if let Some(m) = pieces.next() {
        let month = if m.bytes().all(|b| b.is_ascii_digit()) && !m.is_empty() {
            m.parse::<u8>().ok().filter(|n| (1..=12).contains(n))?
        } else {
            parse_month(m)?
        };
        date.month = Some(Spanned::new(month, span_of(offset..offset + m.len())));
        offset += m.len() + 1;
        if let Some(d) = pieces.next() {
            let day: u8 = d.parse().ok().filter(|n| (1..=31).contains(n))?;
            date.day = Some(Spanned::new(day, span_of(offset..offset + d.len())));
        }
    }
    if pieces.next().is_some() {
        return None;
    }
    Some(date)
}
