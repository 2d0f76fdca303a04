//! Cross-format agreement (CL5xx) on the ACL Anthology sample: the same paper in BibTeX, MODS,
//! EndNote and CSL-JSON is one work and its formats agree.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

fn acl_set() -> Vec<(String, Vec<u8>)> {
    ["bib", "xml", "enw", "json"]
        .iter()
        .map(|ext| {
            let name = format!("fixtures/acl/hu-etal-2026-towards.{ext}");
            let bytes = std::fs::read(common::root().join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

fn check(files: &[(String, Vec<u8>)]) -> citelint::api::Checked {
    let sources: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    citelint::api::check(&sources, &common::only("CL5"))
}

#[test]
fn the_acl_sample_agrees_across_formats() {
    let checked = check(&acl_set());
    assert!(checked.diagnostics.is_empty(), "{}", common::render(&checked));
}

#[test]
fn one_changed_value_is_found_by_the_right_rule() {
    let cases: [(&str, &str, &str, &str); 5] = [
        ("enw", "%D 2026", "%D 2025", "CL505"),
        ("enw", "%P 19449-19466", "%P 19449-19467", "CL506"),
        ("json", "\"ISBN\": \"979-8-89176-390-6\",\n", "", "CL510"),
        ("xml", "<namePart type=\"family\">Gu</namePart>", "<namePart type=\"family\">Gao</namePart>", "CL502"),
        ("bib", "month = jul,", "month = aug,", "CL505"),
    ];
    for (ext, old, new, code) in cases {
        let mut files = acl_set();
        let file = files.iter_mut().find(|(n, _)| n.ends_with(ext)).unwrap();
        let text = String::from_utf8(file.1.clone()).unwrap();
        assert!(text.contains(old), "{old}");
        file.1 = text.replacen(old, new, 1).into_bytes();
        let changed = file.0.clone();
        let checked = check(&files);
        let codes: Vec<_> = checked.diagnostics.iter().map(|d| d.rule.code).collect();
        assert_eq!(codes, vec![code], "{ext}: {old} -> {new}\n{}", common::render(&checked));
        assert!(checked.diagnostics[0].notes.iter().any(|n| n.contains("grouped by")));
        assert_eq!(checked.db.get(checked.diagnostics[0].span.file).name, changed);
    }
}

/// Records as bibutils converts them (FORMATS §7.1): `organization` is the MODS publisher when
/// there is no `publisher`, `number` the MODS `detail[@type=number]`; an ACL line of a paper in
/// proceedings has no volume (§7.4). None of it is a disagreement.
#[test]
fn bibutils_conventions_and_acl_forms_agree() {
    let bib = "@inproceedings{k,\n author = {Smith, Bob and Jones, Ann},\n title = {T},\n booktitle = {Proc. of B},\n year = {2020},\n number = {7},\n volume = {3447},\n organization = {Org},\n}\n";
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<modsCollection xmlns=\"http://www.loc.gov/mods/v3\">\n<mods ID=\"k\">\n<titleInfo>\n<title>T</title>\n</titleInfo>\n<name type=\"personal\">\n<namePart type=\"given\">Bob</namePart>\n<namePart type=\"family\">Smith</namePart>\n<role>\n<roleTerm authority=\"marcrelator\" type=\"text\">author</roleTerm>\n</role>\n</name>\n<name type=\"personal\">\n<namePart type=\"given\">Ann</namePart>\n<namePart type=\"family\">Jones</namePart>\n<role>\n<roleTerm authority=\"marcrelator\" type=\"text\">author</roleTerm>\n</role>\n</name>\n<originInfo>\n<dateIssued>2020</dateIssued>\n</originInfo>\n<typeOfResource>text</typeOfResource>\n<relatedItem type=\"host\">\n<titleInfo>\n<title>Proc. of B</title>\n</titleInfo>\n<originInfo>\n<publisher>Org</publisher>\n</originInfo>\n<genre authority=\"marcgt\">conference publication</genre>\n</relatedItem>\n<identifier type=\"citekey\">k</identifier>\n<part>\n<date>2020</date>\n<detail type=\"volume\"><number>3447</number></detail>\n<detail type=\"number\"><number>7</number></detail>\n</part>\n</mods>\n</modsCollection>\n";
    let page = format!("{bib}\nACL\n- Bob Smith and Ann Jones. 2020. T. In Proc. of B. Org.\n");
    let files = vec![("e.xml".to_owned(), xml.as_bytes().to_vec()), ("page.txt".to_owned(), page.into_bytes())];
    let checked = check(&files);
    assert!(checked.diagnostics.is_empty(), "{}", common::render(&checked));
    // The publisher of the ACL line still counts when it differs.
    let page = format!("{bib}\nACL\n- Bob Smith and Ann Jones. 2020. T. In Proc. of B. Other.\n");
    let files = vec![("e.xml".to_owned(), xml.as_bytes().to_vec()), ("page.txt".to_owned(), page.into_bytes())];
    let codes: Vec<_> = check(&files).diagnostics.iter().map(|d| d.rule.code).collect();
    assert_eq!(codes, vec!["CL508"]);
}

/// A Markdown line names the first author of the order most records share, and an ACL line may
/// split a many-word family name elsewhere (FORMATS §8).
#[test]
fn citation_lines_against_the_majority() {
    let bib = "@inproceedings{k,\n author = {De Mingo L{\\'o}pez, Luis and Smith, Bob and Jones, Ann},\n title = {T},\n booktitle = {B},\n year = {2020},\n url = {https://x.org/k/},\n}\n";
    let swapped = bib.replace("De Mingo L{\\'o}pez, Luis and Smith, Bob", "Smith, Bob and De Mingo L{\\'o}pez, Luis");
    let lines = "Markdown (Informal)\n[T](https://x.org/k/) (De Mingo López et al., B 2020)\nACL\n- Luis De Mingo López, Bob Smith, and Ann Jones. 2020. T. In B.\n";
    let ris = "TY  - CONF\nAU  - De Mingo López, Luis\nAU  - Smith, Bob\nAU  - Jones, Ann\nTI  - T\nBT  - B\nPY  - 2020\nUR  - https://x.org/k/\nID  - k\nER  - \n";
    let files = vec![
        ("page.txt".to_owned(), format!("{bib}\n{lines}").into_bytes()),
        ("e.ris".to_owned(), ris.as_bytes().to_vec()),
    ];
    let checked = check(&files);
    assert!(checked.diagnostics.is_empty(), "{}", common::render(&checked));
    let files = vec![
        ("page.txt".to_owned(), format!("{swapped}\n{lines}").into_bytes()),
        ("e.ris".to_owned(), ris.as_bytes().to_vec()),
    ];
    let checked = check(&files);
    let codes: Vec<_> = checked.diagnostics.iter().map(|d| d.rule.code).collect();
    assert_eq!(codes, vec!["CL503"], "{}", common::render(&checked));
}

/// bibutils writes a JSTOR `url` as `identifier[@type=jstor]` with the id only; EndNote and RIS
/// get the URL back. The MODS record carries that URL.
#[test]
fn jstor_identifier_is_the_url() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<modsCollection xmlns=\"http://www.loc.gov/mods/v3\">\n<mods ID=\"k\">\n<titleInfo><title>T</title></titleInfo>\n<originInfo><dateIssued>1992</dateIssued></originInfo>\n<identifier type=\"citekey\">k</identifier>\n<identifier type=\"jstor\">10.2307/2185045</identifier>\n</mods>\n</modsCollection>\n";
    let ris = "TY  - JOUR\nTI  - T\nPY  - 1992\nUR  - http://www.jstor.org/stable/10.2307/2185045\nID  - k\nER  - \n";
    let files = vec![("e.xml".to_owned(), xml.as_bytes().to_vec()), ("e.ris".to_owned(), ris.as_bytes().to_vec())];
    let checked = check(&files);
    assert!(checked.diagnostics.is_empty(), "{}", common::render(&checked));
    let other = ris.replace("2185045", "2185046");
    let files = vec![("e.xml".to_owned(), xml.as_bytes().to_vec()), ("e.ris".to_owned(), other.into_bytes())];
    let codes: Vec<_> = check(&files).diagnostics.iter().map(|d| d.rule.code).collect();
    assert_eq!(codes, vec!["CL509"]);
}
