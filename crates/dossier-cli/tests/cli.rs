//! End-to-end runs of the built `dossier-cli` on the seeds and on a folder of broken files.
//!
//! Offsets are checked the way a caller would use them: by slicing the file's text as
//! the test itself decodes it (code points, line endings as written), never through the
//! core's decoder.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier-cli"))
        .args(args)
        .arg(dir)
        .output()
        .expect("the built binary runs")
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_str(stdout(output)).expect("stdout is one JSON value")
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// Each seed's text as a reader of the file sees it: UTF-8, its byte-order mark dropped.
fn seed_texts() -> BTreeMap<String, Vec<char>> {
    let mut texts = BTreeMap::new();
    for entry in std::fs::read_dir(seeds()).expect("seeds/ is listed") {
        let path = entry.expect("a seeds/ entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text =
                String::from_utf8(std::fs::read(&path).expect("a seed reads")).expect("seeds are UTF-8");
            let name = path
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            texts.insert(name, text.trim_start_matches('\u{feff}').chars().collect());
        }
    }
    texts
}

fn slice(text: &[char], start: u64, end: u64) -> String {
    let (start, end) = (start as usize, end as usize);
    assert!(
        start <= end && end <= text.len(),
        "{start}..{end} outside {} chars",
        text.len()
    );
    text[start..end].iter().collect()
}

/// One mention as the JSON holds it.
#[derive(Debug, Clone, PartialEq)]
struct Mention {
    file: String,
    start: u64,
    end: u64,
    text: String,
    label: String,
    entity: u64,
    name: String,
    place: String,
}

/// Checks the shape `{"<file>": [{"start", "end", "text", "label", "entity", ...}]}`, that
/// every mention slices back to its text, and that a file's mentions are in order and never
/// overlap; returns the mentions.
fn checked_mentions(json: &Value, texts: &BTreeMap<String, Vec<char>>) -> Vec<Mention> {
    let files = json.as_object().expect("an object keyed by file name");
    let mut all = Vec::new();
    for (file, mentions) in files {
        let text = texts
            .get(file)
            .unwrap_or_else(|| panic!("{file} is not a readable file"));
        let mut previous_end = 0;
        for m in mentions.as_array().expect("a file's mentions are an array") {
            let field = |k: &str| m.get(k).unwrap_or_else(|| panic!("{m} has no {k}"));
            let mention = Mention {
                file: file.clone(),
                start: field("start").as_u64().expect("start is a number"),
                end: field("end").as_u64().expect("end is a number"),
                text: field("text").as_str().expect("text is a string").to_owned(),
                label: field("label").as_str().expect("label is a string").to_owned(),
                entity: field("entity").as_u64().expect("entity is an id"),
                name: field("name").as_str().expect("name is a string").to_owned(),
                place: field("place").as_str().expect("place is a string").to_owned(),
            };
            assert_eq!(
                slice(text, mention.start, mention.end),
                mention.text,
                "{file}: {m}"
            );
            assert!(!mention.text.is_empty(), "{file}: {m}");
            assert!(
                mention.start >= previous_end,
                "{file}: {m} overlaps or is out of order"
            );
            assert!(
                mention.label.chars().all(|c| c.is_ascii_uppercase()),
                "{file}: label {}",
                mention.label
            );
            previous_end = mention.end;
            all.push(mention);
        }
    }
    all
}

/// One entity id is one entity: the same name and type wherever it is mentioned.
fn assert_ids_are_consistent(mentions: &[Mention]) {
    let mut by_id: HashMap<u64, (&str, &str)> = HashMap::new();
    for m in mentions {
        let seen = by_id.entry(m.entity).or_insert((&m.name, &m.label));
        assert_eq!(*seen, (m.name.as_str(), m.label.as_str()), "entity {}", m.entity);
    }
}

#[test]
fn entities_on_the_seeds_slice_back_to_their_text_and_link_across_files() {
    let output = run(&["entities"], &seeds());
    assert!(output.status.success(), "{}", stderr(&output));
    let texts = seed_texts();
    let value = json(&output);
    let files: BTreeSet<&String> = value.as_object().expect("an object").keys().collect();
    assert_eq!(files, texts.keys().collect(), "every seed has its entry");
    let mentions = checked_mentions(&value, &texts);
    assert!(mentions.len() > 100, "{} mentions", mentions.len());
    assert_ids_are_consistent(&mentions);

    let xi: BTreeSet<&str> = mentions
        .iter()
        .filter(|m| m.name == "Xi Jinping")
        .map(|m| m.file.as_str())
        .collect();
    assert_eq!(xi.len(), 5, "Xi Jinping is one entity across the seeds: {xi:?}");
    assert!(
        mentions.iter().any(|m| m.place == "removed"),
        "page furniture has mentions, marked"
    );
    assert!(
        mentions.iter().any(|m| m.place == "flagged"),
        "spliced headlines have mentions, marked"
    );
    assert!(mentions.iter().any(|m| m.place == "text"));
    assert!(
        stderr(&output).contains("mentions of"),
        "progress goes to stderr: {}",
        stderr(&output)
    );
}

#[test]
fn a_mentions_place_is_the_region_it_lies_in() {
    let entities = run(&["entities"], &seeds());
    let documents = run(&["documents"], &seeds());
    assert!(entities.status.success() && documents.status.success());
    let documents = json(&documents);
    for m in checked_mentions(&json(&entities), &seed_texts()) {
        let regions = documents[&m.file]["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .flat_map(|d| d["regions"].as_array().expect("regions").iter());
        let overlapping: Vec<&Value> = regions
            .filter(|r| r["start"].as_u64() < Some(m.end) && Some(m.start) < r["end"].as_u64())
            .collect();
        let expected = if overlapping.iter().any(|r| r["kind"] == "Headline") {
            "headline"
        } else if overlapping.iter().any(|r| r["treatment"] == "removed") {
            "removed"
        } else if overlapping.iter().any(|r| r["treatment"] == "flagged") {
            "flagged"
        } else {
            "text"
        };
        assert_eq!(m.place, expected, "{m:?}");
    }
}

#[test]
fn csv_has_one_header_and_the_same_mentions_as_json() {
    let csv_output = run(&["entities", "--quiet", "--format", "csv"], &seeds());
    let json_output = run(&["entities", "--quiet", "--format", "json"], &seeds());
    assert!(csv_output.status.success() && json_output.status.success());
    assert!(csv_output.stderr.is_empty(), "--quiet: {}", stderr(&csv_output));
    let mut reader = csv::Reader::from_reader(stdout(&csv_output).as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        ["file", "start", "end", "text", "label", "entity", "name", "place"]
    );
    let rows: Vec<Mention> = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed record");
            let number = |i: usize| r[i].parse::<u64>().expect("a number");
            Mention {
                file: r[0].to_owned(),
                start: number(1),
                end: number(2),
                text: r[3].to_owned(),
                label: r[4].to_owned(),
                entity: number(5),
                name: r[6].to_owned(),
                place: r[7].to_owned(),
            }
        })
        .collect();
    assert_eq!(rows, checked_mentions(&json(&json_output), &seed_texts()));
}

#[test]
fn documents_on_the_seeds_cover_each_file_with_titles_and_regions() {
    let output = run(&["documents"], &seeds());
    assert!(output.status.success(), "{}", stderr(&output));
    let value = json(&output);
    let texts = seed_texts();
    for (file, text) in &texts {
        let report = &value[file];
        assert_eq!(report["encoding"], "UTF-8", "{file}");
        assert_eq!(report["skipped"], Value::Null);
        let documents = report["documents"].as_array().expect("documents");
        assert_eq!(documents.len(), 1, "{file} is one article");
        let doc = &documents[0];
        assert_eq!(
            (doc["start"].as_u64(), doc["end"].as_u64()),
            (Some(0), Some(text.len() as u64))
        );
        assert!(doc["title_derived"].is_boolean());
        let title = doc["title"].as_str().expect("a title");
        let title_span = slice(
            text,
            doc["title_span"]["start"].as_u64().unwrap_or(0),
            doc["title_span"]["end"].as_u64().unwrap_or(0),
        );
        if doc["title_derived"] == false {
            assert_eq!(title_span.trim(), title, "{file}: the headline is the title");
        }
        let mut previous_end = 0;
        for region in doc["regions"].as_array().expect("regions") {
            let (start, end) = (
                region["start"].as_u64().expect("start"),
                region["end"].as_u64().expect("end"),
            );
            assert!(
                previous_end <= start && start < end && end <= text.len() as u64,
                "{file}: {region}"
            );
            previous_end = end;
            assert!(["removed", "flagged", "metadata"].contains(&region["treatment"].as_str().unwrap_or("")));
            assert!(region["kind"].is_string() && region["label"].is_string());
        }
        if let Some(outlet) = doc["outlet"].as_object() {
            let span = slice(
                text,
                outlet["start"].as_u64().unwrap_or(0),
                outlet["end"].as_u64().unwrap_or(0),
            );
            assert!(
                span.contains(outlet["name"].as_str().unwrap_or("?")),
                "{file}: outlet {span}"
            );
        }
    }
    let published: Vec<&str> = texts
        .keys()
        .filter_map(|f| value[f]["documents"][0]["published"]["date"].as_str())
        .collect();
    assert!(!published.is_empty(), "some seed has a publication date");
    for date in published {
        let iso = date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
        assert!(iso || date.starts_with("--"), "{date} is ISO 8601");
    }
}

#[test]
fn check_finds_nothing_wrong_with_the_seeds() {
    let output = run(&["check"], &seeds());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("5 .txt files: 0 would be skipped"),
        "{}",
        stderr(&output)
    );
}

/// A folder of the files real corpora contain, each with the text a reader of it sees.
struct BrokenFolder {
    dir: tempfile::TempDir,
    /// The readable files' texts as written (what slicing must match).
    texts: BTreeMap<String, Vec<char>>,
}

const LATIN1: &str = "Zürich bank posts record profit\n\nShares in the Zürich bank UBS rose on Tuesday after it reported a profit of £3bn, chief executive Sergio Ermotti said in Geneva.\n";
const UTF16: &str = "Apple unveils new iPhone 🎉\r\n\r\nApple chief executive Tim Cook showed the phone in Cupertino, California, on Wednesday; it costs €900 in France.\r\n";
const CRLF: &str = "Merkel visits Paris\r\n\r\nGerman Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Monday, the Élysée said in a statement.\r\n\r\nRussia’s Putin Meets Xi In Samarkand\r\n\r\nSAMARKAND, September 15 - Russian President Vladimir Putin met Chinese leader Xi Jinping on Thursday at a summit in Uzbekistan.\r\n";

fn broken_folder() -> BrokenFolder {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).expect("written");
    write("empty.txt", b"");
    write("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    write(
        "furniture.txt",
        b"Share this article\nAdvertisement\n[ad_1]\nRELATED ARTICLES\n",
    );
    write("notes.md", b"Not a .txt file: not read.\n");
    let latin1: Vec<u8> = LATIN1
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
        .collect();
    write("latin1.txt", &latin1);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(UTF16.encode_utf16().flat_map(u16::to_le_bytes));
    write("utf16.txt", &utf16);
    write("crlf.txt", CRLF.as_bytes());
    let texts = [("latin1.txt", LATIN1), ("utf16.txt", UTF16), ("crlf.txt", CRLF)]
        .into_iter()
        .map(|(name, text)| (name.to_owned(), text.chars().collect()))
        .collect();
    BrokenFolder { dir, texts }
}

const SKIPPED: [&str; 3] = ["binary.txt", "empty.txt", "furniture.txt"];

#[test]
fn check_names_each_broken_file_and_why() {
    let folder = broken_folder();
    let output = run(&["check"], folder.dir.path());
    assert!(
        output.status.success(),
        "three files are readable: {}",
        stderr(&output)
    );
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), SKIPPED.len(), "{lines:?}");
    for (line, file) in lines.iter().zip(SKIPPED) {
        assert!(line.starts_with(&format!("{file}: ")), "{line}");
    }
    assert!(lines[0].contains("binary"), "{}", lines[0]);
    assert!(lines[1].contains("empty"), "{}", lines[1]);
    assert!(lines[2].contains("furniture"), "{}", lines[2]);
    assert!(
        stderr(&output).contains("6 .txt files: 3 would be skipped"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn entities_in_broken_files_slice_back_through_encodings_and_line_endings() {
    let folder = broken_folder();
    let output = run(&["entities"], folder.dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let value = json(&output);
    let files: Vec<&String> = value.as_object().expect("an object").keys().collect();
    assert_eq!(
        files,
        folder.texts.keys().collect::<Vec<_>>(),
        "only readable files"
    );
    let mentions = checked_mentions(&value, &folder.texts);
    assert_ids_are_consistent(&mentions);
    // Offsets past a multi-byte character and a CRLF in each file: byte offsets, or
    // offsets into `\n` text, would not slice back.
    for (file, after) in [
        ("latin1.txt", "Zürich bank UBS"),
        ("utf16.txt", "Tim Cook"),
        ("crlf.txt", "Xi Jinping"),
    ] {
        let text: String = folder.texts[file].iter().collect();
        let at = text[..text.find(after).expect("in the text")].chars().count() as u64;
        assert!(
            mentions.iter().any(|m| m.file == file && m.start >= at),
            "{file} has a mention after {after:?}: {mentions:?}"
        );
    }
    let warnings = stderr(&output);
    for file in SKIPPED {
        assert!(warnings.contains(&format!("skipped {file}: ")), "{warnings}");
    }
}

#[test]
fn documents_report_encodings_skipped_files_and_split_parts() {
    let folder = broken_folder();
    let output = run(&["documents"], folder.dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let value = json(&output);
    assert_eq!(value["latin1.txt"]["encoding"], "windows-1252");
    assert_eq!(value["utf16.txt"]["encoding"], "UTF-16LE");
    assert_eq!(value["crlf.txt"]["encoding"], "UTF-8");
    for file in SKIPPED {
        assert!(value[file]["skipped"].is_string(), "{file}: {}", value[file]);
        assert_eq!(value[file]["documents"], Value::Array(Vec::new()));
    }
    assert_eq!(value.get("notes.md"), None);

    // crlf.txt holds two stories; its parts tile the file, and each title slices back.
    let text = &folder.texts["crlf.txt"];
    let parts = value["crlf.txt"]["documents"].as_array().expect("documents");
    let bounds: Vec<(u64, u64, u64)> = parts
        .iter()
        .map(|d| {
            (
                d["part"].as_u64().unwrap_or(99),
                d["start"].as_u64().unwrap_or(0),
                d["end"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let second = CRLF[..CRLF.find("Russia’s Putin").expect("second headline")]
        .chars()
        .count() as u64;
    assert_eq!(bounds, [(0, 0, second), (1, second, text.len() as u64)]);
    let titles: Vec<String> = parts
        .iter()
        .map(|d| {
            slice(
                text,
                d["title_span"]["start"].as_u64().unwrap_or(0),
                d["title_span"]["end"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        titles,
        ["Merkel visits Paris", "Russia’s Putin Meets Xi In Samarkand"]
    );
    assert_eq!(parts[1]["title"], "Russia’s Putin Meets Xi In Samarkand");
    let dateline = parts[1]["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|r| r["kind"] == "Dateline")
        .expect("the second story's dateline");
    assert_eq!(dateline["treatment"], "metadata");
    let dateline_text = slice(
        text,
        dateline["start"].as_u64().unwrap_or(0),
        dateline["end"].as_u64().unwrap_or(0),
    );
    assert!(
        dateline_text.starts_with("SAMARKAND, September 15"),
        "{dateline_text}"
    );
}

#[test]
fn a_folder_with_nothing_readable_exits_non_zero_with_a_reason() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("empty.txt"), b"").expect("written");
    std::fs::write(dir.path().join("binary.txt"), b"\0\x01\x02").expect("written");
    for command in ["entities", "documents", "check"] {
        let output = run(&[command], dir.path());
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert!(
            stderr(&output).contains("none of the 2 .txt files"),
            "{command}: {}",
            stderr(&output)
        );
    }
    // `check` still lists what is wrong.
    assert_eq!(
        run(&["check"], dir.path())
            .stdout
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        2
    );
}

#[test]
fn a_missing_or_empty_folder_exits_non_zero_with_a_reason() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("missing");
    let output = run(&["entities"], &missing);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot read corpus folder"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());

    let output = run(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("holds no .txt file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = run(&["entities", "--format", "xml"], &seeds());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("json"),
        "the message lists the formats: {}",
        stderr(&output)
    );
}

/// A case file for the seeds holding `corrections`, written into `dir`.
fn seeds_case_file(dir: &Path, corrections: Vec<dossier_work::Correction>) -> PathBuf {
    let corpus = dossier_ingest::load_corpus(&seeds()).expect("the seeds read");
    let hashes = dossier_work::DocHashes::new(&corpus.documents);
    let work = dossier_work::Work {
        corrections,
        ..dossier_work::Work::default()
    };
    let path = dir.join("case.json");
    std::fs::write(&path, dossier_work::case_file::export(&work, &hashes)).expect("written");
    path
}

#[test]
fn entities_with_corrections_show_the_corrected_entities() {
    use dossier_model::entity::EntityType;
    use dossier_work::{Correction, EntityRef, MentionRef};
    let before = checked_mentions(&json(&run(&["entities", "--quiet"], &seeds())), &seed_texts());
    let xi = before.iter().filter(|m| m.name == "Xi Jinping").count();
    let org = before
        .iter()
        .find(|m| m.label == "ORG")
        .expect("the seeds mention an organisation")
        .name
        .clone();
    assert!(
        before.iter().all(|m| m.text != "summit"),
        "the tagger marks no summit"
    );

    // A span of the first document's text: the case file names it by bytes of that text.
    let corpus = dossier_ingest::load_corpus(&seeds()).expect("the seeds read");
    let hashes = dossier_work::DocHashes::new(&corpus.documents);
    let at = corpus.documents[0]
        .text
        .find("summit")
        .expect("a summit in the first seed");
    let summit = MentionRef {
        doc: hashes.key(corpus.documents[0].id).expect("a document"),
        span: dossier_model::Span::new(at, at + "summit".len()),
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let case = seeds_case_file(
        dir.path(),
        vec![
            Correction::Rename {
                entity: EntityRef::new("Xi Jinping", EntityType::Person),
                to: "President Xi".into(),
            },
            Correction::NotAnEntity {
                entity: EntityRef::new(org.clone(), EntityType::Org),
            },
            Correction::Add {
                mention: summit,
                kind: EntityType::Event,
                everywhere: true,
            },
            Correction::Rename {
                entity: EntityRef::new("Nobody At All", EntityType::Person),
                to: "Somebody".into(),
            },
        ],
    );
    let case = case.to_str().expect("a UTF-8 path");
    let output = run(&["entities", "--corrections", case], &seeds());
    assert!(output.status.success(), "{}", stderr(&output));
    let after = checked_mentions(&json(&output), &seed_texts());
    assert_ids_are_consistent(&after);
    assert_eq!(after.iter().filter(|m| m.name == "President Xi").count(), xi);
    assert!(after.iter().all(|m| m.name != "Xi Jinping"));
    assert!(
        after.iter().all(|m| !(m.name == org && m.label == "ORG")),
        "{org} is no entity"
    );
    let summits: Vec<&Mention> = after
        .iter()
        .filter(|m| m.label == "EVENT" && m.name == "summit")
        .collect();
    assert!(summits.len() >= 10, "every whole-word summit: {summits:?}");
    assert!(summits.iter().all(|m| m.text == "summit"));
    let warnings = stderr(&output);
    assert!(
        warnings.contains("correction 4 of") && warnings.contains("\"Nobody At All\""),
        "{warnings}"
    );
    assert!(warnings.contains("3 of 4 corrections applied"), "{warnings}");

    // The CSV output shows the same corrected mentions.
    let csv_output = run(
        &["entities", "--quiet", "--format", "csv", "--corrections", case],
        &seeds(),
    );
    let rows = stdout(&csv_output)
        .lines()
        .filter(|l| l.contains(",President Xi,"))
        .count();
    assert_eq!(rows, xi);
}

#[test]
fn a_case_file_that_cannot_be_used_stops_with_a_reason() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good = std::fs::read_to_string(seeds_case_file(dir.path(), Vec::new())).expect("read back");
    let other_corpus = good.replace(
        &dossier_work::DocHashes::new(&dossier_ingest::load_corpus(&seeds()).expect("seeds").documents)
            .corpus()
            .to_string(),
        "00000000000000000000000000000000",
    );
    let cases = [
        ("cut.json", good[..good.len() / 2].to_owned(), "not readable JSON"),
        (
            "newer.json",
            good.replace("\"version\": 1", "\"version\": 99"),
            "newer Dossier",
        ),
        ("other.json", other_corpus, "another corpus"),
        ("list.json", "[]".to_owned(), "not a Dossier case file"),
    ];
    for (name, text, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("written");
        let output = run(
            &["entities", "--corrections", path.to_str().expect("UTF-8")],
            &seeds(),
        );
        assert_eq!(output.status.code(), Some(1), "{name}");
        assert!(stderr(&output).contains(says), "{name}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{name}");
    }
    let missing = dir.path().join("missing.json");
    let output = run(
        &["entities", "--corrections", missing.to_str().expect("UTF-8")],
        &seeds(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot read the case file"),
        "{}",
        stderr(&output)
    );
}
