//! `cargo xtask fuzz <target> [-- libFuzzer options]`: writes the target's seed inputs into
//! `fuzz/corpus/<target>/` (generated, not committed) and runs `cargo +nightly fuzz run`
//! on them with the target's input-size cap.
//!
//! Seeds are built from the repository's own data (the seed articles, a corpus encoded by
//! the current `store`, a tiny tagger trained here), so they always match the formats the
//! code reads, even after a format bump.

use crate::{cmd, root, Result, TaskError};
use dossier_ingest::source::{self, SourceFile};
use dossier_nlp::entity;
use dossier_nlp::ner::{self, clusters::Clusters, conll, train};
use std::path::Path;

/// The targets in `fuzz/fuzz_targets/`, each with the longest input libFuzzer may build:
/// long enough for a whole article (or a small encoded corpus), short enough that each
/// target runs ten million inputs in a sitting.
pub const TARGETS: [(&str, usize); 7] = [
    ("query", 64),
    ("analyze", 1024),
    ("ingest", 2048),
    ("recognise", 256),
    ("store", 4096),
    ("dictionary", 4096),
    ("case_file", 4096),
];

/// Targets built without libFuzzer's comparison tracing. The recogniser's time goes to the
/// tagger's Viterbi loop, 17 x 17 float comparisons per token: tracing each one cut its
/// throughput 3.3 times (1,264 against 4,235 executions a second, docs/BENCHMARKS.md), and
/// the inputs it would help solve (magic numbers, checksums) are not in running text.
const UNTRACED_COMPARES: [&str; 1] = ["recognise"];

pub fn run(args: &[String]) -> Result {
    let usage = || {
        let names: Vec<&str> = TARGETS.iter().map(|t| t.0).collect();
        TaskError(format!(
            "usage: cargo xtask fuzz <{}> [-- libFuzzer options]",
            names.join("|")
        ))
    };
    let name = args.first().ok_or_else(usage)?;
    let &(target, max_len) = TARGETS.iter().find(|t| t.0 == name).ok_or_else(usage)?;
    let extra = match args.get(1).map(String::as_str) {
        Some("--") => &args[2..],
        None => &[][..],
        Some(_) => return Err(usage()),
    };
    let dir = root().join("fuzz/corpus").join(target);
    write_seeds(target, &dir)?;
    let max_len = format!("-max_len={max_len}");
    let mut fuzz = cmd::Cmd::new("cargo").args(["+nightly", "fuzz", "run", "--sanitizer", "none", target]);
    if UNTRACED_COMPARES.contains(&target) {
        // Built apart, so switching targets does not rebuild everything.
        let target_dir = root().join("fuzz/target/untraced-compares");
        fuzz = fuzz
            .args(["--no-trace-compares", "--target-dir"])
            .args([target_dir.as_os_str()]);
    }
    fuzz.args([dir.as_os_str()])
        .args(["--", max_len.as_str()])
        .args(extra)
        .run()
}

/// Writes the seeds of `target` into `dir` (kept: the fuzzer adds its finds beside them).
pub fn write_seeds(target: &str, dir: &Path) -> Result {
    std::fs::create_dir_all(dir)?;
    for (i, seed) in seeds(target)?.into_iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i:02}")), seed)?;
    }
    Ok(())
}

fn seeds(target: &str) -> Result<Vec<Vec<u8>>> {
    let (articles, _) =
        source::read_corpus_dir(&root().join("seeds")).map_err(|e| TaskError(e.to_string()))?;
    let with_mode = |mode: u8, bytes: &[u8], max: usize| {
        let mut seed = vec![mode];
        seed.extend_from_slice(&bytes[..bytes.len().min(max)]);
        seed
    };
    Ok(match target {
        "query" => [
            "putin",
            "\"xi jinping\"",
            "russia -china",
            "outlet:bbc",
            "date:2022-09",
            "putn xi",
            "sco OR summit",
            "title:queen",
            "elysee café",
            "\"vostok",
            "samarkand date:2022..2023",
        ]
        .iter()
        .enumerate()
        .map(|(i, q)| with_mode(i as u8 & 1, q.as_bytes(), 256))
        .collect(),
        "analyze" => articles
            .iter()
            .map(|a| a.bytes[..a.bytes.len().min(1024)].to_vec())
            .chain([
                "Mr. Putin's U.S. trip isn't Franco-German: 1996-08-22, Élysée, Москва, 北京, 🙂 e\u{301}"
                    .as_bytes()
                    .to_vec(),
            ])
            .collect(),
        "ingest" | "recognise" => {
            let max = if target == "ingest" { 2046 } else { 254 };
            let mut seeds: Vec<Vec<u8>> = articles.iter().map(|a| with_mode(0, &a.bytes, max)).collect();
            let half = max / 2;
            let mut two = vec![1, u8::try_from(half.min(255)).unwrap_or(255)];
            two.extend_from_slice(&articles[0].bytes[..half.min(255)]);
            two.extend_from_slice(&articles[1].bytes[..half]);
            seeds.push(two);
            seeds
        }
        "store" => store_seeds(&articles)?,
        "dictionary" => dictionary_seeds(&articles)?,
        "case_file" => case_file_seeds(articles),
        _ => return Err(TaskError(format!("no seeds for fuzz target {target}"))),
    })
}

/// Encoded corpora (as payloads to be sealed by the target, and whole) and a tiny model.
fn store_seeds(articles: &[SourceFile]) -> Result<Vec<Vec<u8>>> {
    let model = ner::Model::from_bytes(ner::MODEL).map_err(|e| TaskError(e.to_string()))?;
    let short = |a: &SourceFile| {
        let text = String::from_utf8_lossy(&a.bytes);
        let cut: String = text.lines().take(4).collect::<Vec<_>>().join("\n");
        SourceFile::new(a.name.clone(), cut.into_bytes())
    };
    let mut seeds = Vec::new();
    for files in [
        vec![short(&articles[0])],
        vec![short(&articles[1]), short(&articles[2])],
    ] {
        let mut corpus = dossier_ingest::ingest(files);
        corpus.entities = entity::recognise(&corpus, &model);
        let file = dossier_store::encode(&corpus, &dossier_search::index::build(&corpus));
        seeds.push(payloads_seed(&file)?);
        seeds.push([&[1][..], &file[..]].concat());
    }
    let tiny = tiny_model()?;
    seeds.push([&[2][..], &tiny[24..]].concat());
    seeds.push([&[3][..], &tiny[..]].concat());
    Ok(seeds)
}

/// The `store` target's mode 0 for an encoded file: its three payloads, unsealed, after
/// the head's and the positions' lengths.
fn payloads_seed(file: &[u8]) -> Result<Vec<u8>> {
    const HEADER: usize = dossier_format::envelope::HEADER_LEN;
    let ends = dossier_store::head_len(file).zip(dossier_store::positions_end(file));
    let (head, end) = ends
        .and_then(|(h, e)| Some((usize::try_from(h).ok()?, usize::try_from(e).ok()?)))
        .filter(|&(h, e)| HEADER <= h && h + HEADER <= e && e + HEADER <= file.len())
        .ok_or_else(|| TaskError("an encoded corpus without its three parts".to_owned()))?;
    let positions = end - head;
    let short =
        |n: usize| u16::try_from(n - HEADER).map_err(|_| TaskError("a seed part over 64 KiB".to_owned()));
    let mut seed = vec![0];
    seed.extend(short(head)?.to_le_bytes());
    seed.extend(short(positions)?.to_le_bytes());
    seed.extend(&file[HEADER..head]);
    seed.extend(&file[head + HEADER..head + positions]);
    seed.extend(&file[head + positions + HEADER..]);
    Ok(seed)
}

/// Case files for the seed articles (what the target imports into): one empty, one with
/// a record of every kind and a correction of every kind.
fn case_file_seeds(articles: Vec<SourceFile>) -> Vec<Vec<u8>> {
    use dossier_model::entity::EntityType::{Gpe, Org, Person};
    use dossier_work::work::{Colour, FacetPicks, NameList, Note, SavedSearch, Tag};
    use dossier_work::{Correction, EntityRef, MentionRef};
    let corpus = dossier_ingest::ingest(articles);
    let hashes = dossier_work::DocHashes::new(&corpus.documents);
    let keys: Vec<dossier_work::DocKey> = (0..corpus.documents.len())
        .filter_map(|i| hashes.key(dossier_model::document::DocId(i as u32)))
        .collect();
    let xi = corpus.documents[0].text.find("Xi").unwrap_or(0);
    let mention = MentionRef {
        doc: keys[0],
        span: dossier_model::Span::new(xi, xi + 2),
    };
    let person = |name: &str| EntityRef::new(name, Person);
    let work = dossier_work::Work {
        tags: vec![Tag {
            name: "Leads".into(),
            colour: Colour::try_from("#aa3300".to_owned()).expect("a colour"),
            documents: keys[..2].to_vec(),
        }],
        stars: vec![keys[1]],
        notes: vec![Note {
            doc: keys[0],
            span: mention.span,
            text: "Check".into(),
            created: 1,
            edited: 2,
        }],
        corrections: vec![
            Correction::Rename {
                entity: person("Xi Jinping"),
                to: "Xi".into(),
            },
            Correction::Merge {
                from: person("Putin"),
                into: person("Vladimir Putin"),
            },
            Correction::SplitMention {
                mention,
                into: person("Xi"),
            },
            Correction::SplitAlias {
                entity: person("Xi"),
                alias: "Jinping".into(),
            },
            Correction::Retype {
                entity: EntityRef::new("Samarkand", Gpe),
                to: Org,
            },
            Correction::NotAnEntity { entity: person("Xi") },
            Correction::NotAMention { mention },
            Correction::Add {
                mention,
                kind: Person,
                everywhere: true,
            },
        ],
        name_lists: vec![NameList {
            name: "Leaders".into(),
            names: vec!["Xi".into(), "Putin".into()],
        }],
        saved_searches: vec![SavedSearch {
            name: "Summit".into(),
            query: "summit -sco".into(),
            facets: FacetPicks {
                types: vec![Person],
                ..FacetPicks::default()
            },
        }],
    };
    [dossier_work::Work::default(), work]
        .iter()
        .map(|w| dossier_work::case_file::export(w, &hashes).into_bytes())
        .collect()
}

/// `fst` maps of every node kind: the seed articles' words (small and large term ids),
/// a node with over 32 transitions (an input index), the empty map and the empty key.
fn dictionary_seeds(articles: &[SourceFile]) -> Result<Vec<Vec<u8>>> {
    let build = |mut pairs: Vec<(Vec<u8>, u64)>| -> Result<Vec<u8>> {
        pairs.sort();
        pairs.dedup_by(|a, b| a.0 == b.0);
        let mut builder = fst::MapBuilder::memory();
        for (key, value) in pairs {
            builder.insert(key, value).map_err(|e| TaskError(e.to_string()))?;
        }
        builder.into_inner().map_err(|e| TaskError(e.to_string()))
    };
    let mut seeds = Vec::new();
    for (a, scale) in articles.iter().zip([1u64, 1 << 20, 1 << 40]) {
        let text = String::from_utf8_lossy(&a.bytes).to_lowercase();
        let words: Vec<(Vec<u8>, u64)> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(150)
            .enumerate()
            .map(|(i, w)| (w.as_bytes().to_vec(), i as u64 * scale))
            .collect();
        seeds.push(build(words)?);
    }
    seeds.push(build((0..40u8).map(|b| (vec![b'k', b], u64::from(b))).collect())?);
    seeds.push(build(Vec::new())?);
    seeds.push(build(vec![(Vec::new(), 7)])?);
    Ok(seeds)
}

/// A tagger trained on two sentences: a valid model file of a few kilobytes.
fn tiny_model() -> Result<Vec<u8>> {
    let text = "-DOCSTART- O\n\nAnna B-PER\nmet O\nBoris B-PER\nin O\nParis B-LOC\n. O\n\n\
                -DOCSTART- O\n\nChen B-PER\nvisited O\nOslo B-LOC\nfor O\nAcme B-ORG\n. O\n\n";
    let docs = conll::parse(text).map_err(|e| TaskError(e.to_string()))?;
    let options = train::Options {
        max_epochs: 2,
        patience: 1,
        folds: 2,
        seed: 1,
        runs: 1,
        schedule: None,
    };
    let (bytes, _) = train::train(&docs, &docs, &Clusters::default(), &options, &mut |_| {});
    Ok(bytes)
}
