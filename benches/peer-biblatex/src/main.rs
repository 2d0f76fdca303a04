//! `peer-biblatex raw|full FILE`: parse FILE with the `biblatex` crate, print the entry count.
fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let path = args.next().unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let n = if mode == "raw" {
        biblatex::RawBibliography::parse(&text).map(|b| b.entries.len()).unwrap_or(0)
    } else {
        biblatex::Bibliography::parse(&text).map(|b| b.len()).unwrap_or(0)
    };
    println!("{n}");
}
