//! The bodies of Dossier's fuzz targets, one function per target, so the regression tests
//! in `crates/dossier-core/tests/it/fuzz_regressions.rs` run every kept input through exactly
//! the code the fuzzer ran (they include this file by path).
//!
//! Each body takes arbitrary bytes and must return: the core may answer with a value or
//! an error, never a panic, and whatever it answers keeps the invariants the app relies
//! on (spans inside their text on char boundaries, sorted and disjoint), which the bodies
//! assert.

use dossier_format::fst_guard;
use dossier_ingest::source::SourceFile;
use dossier_model::document::TitleSource;
use dossier_model::Corpus;
use dossier_model::Span;
use dossier_nlp::entity;
use dossier_nlp::ner;
use dossier_search::analyze::{self, Analyzer};
use dossier_search::typo::WithinEdits;
use dossier_search::Engine;
use dossier_work::{case_file, DocHashes, Work};
use fst::{Automaton, IntoStreamer, Streamer};
use std::sync::LazyLock;

thread_local! {
    /// The five seed articles, ingested with entities: what queries run against (per
    /// thread: an engine keeps single-threaded caches between queries, as in the app).
    static SEEDS_ENGINE: Engine = {
        let corpus = seeds_corpus();
        dossier_store::decode(&dossier_store::encode(&corpus, &dossier_search::index::build(&corpus))).expect("seed corpus round-trips")
    };
}

/// The tagger, loaded once (loading builds hash maps of a megabyte of features).
static MODEL: LazyLock<ner::Model> =
    LazyLock::new(|| ner::Model::from_bytes(ner::MODEL).expect("the embedded model loads"));

/// The gazetteer and compiled rules, built once.
static RECOGNISER: LazyLock<entity::Recogniser> = LazyLock::new(entity::Recogniser::new);

const SEEDS: [&str; 5] = [
    include_str!("../../seeds/000_2d672b17c4549254.txt"),
    include_str!("../../seeds/001_f9c06428318d3c91.txt"),
    include_str!("../../seeds/002_5c4786249e1bb76c.txt"),
    include_str!("../../seeds/003_0f233200d26df207.txt"),
    include_str!("../../seeds/004_3d0ebdbd1c5cc7ca.txt"),
];

fn seeds_corpus() -> Corpus {
    let files = SEEDS
        .iter()
        .enumerate()
        .map(|(i, s)| SourceFile::new(format!("{i}.txt"), s.as_bytes().to_vec()))
        .collect();
    let mut corpus = dossier_ingest::ingest(files);
    corpus.entities = RECOGNISER.recognise(&corpus, &MODEL);
    corpus
}

/// `query`: any string parses, and searching it (typing or not) gives marks and snippets
/// inside their text.
pub fn query(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input = String::from_utf8_lossy(rest);
    let typing = mode & 1 == 1;
    let parsed = dossier_search::parse(&input, typing);
    let _ = parsed.is_empty();
    SEEDS_ENGINE.with(|engine| search_and_check(engine, &input, typing));
}

/// Searches `input` and checks the marks and snippets of the best hits.
fn search_and_check(engine: &Engine, input: &str, typing: bool) {
    let results = engine.search(input, typing);
    for hit in results.hits.iter().take(3) {
        let doc = &engine.corpus().documents[hit.doc.0 as usize];
        let marks = results.marks(engine, hit.doc);
        assert_spans_in(&doc.title.text, &marks.title, "title mark");
        assert_spans_in(&doc.text, &marks.body, "body mark");
        let explanation = results.explain(engine, hit.doc);
        assert_spans_in(
            &explanation.snippet.text,
            &explanation.snippet.marks,
            "snippet mark",
        );
    }
}

/// `analyze`: the search analyser and the tagger's tokeniser on any text: offsets on char
/// boundaries, in order, covering the word they name.
pub fn analyze(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let analyzer = Analyzer::default();
    let mut last = 0;
    for token in analyzer.tokens(&text) {
        assert!(token.start >= last, "search tokens out of order");
        assert_eq!(
            text.get(token.start..token.start + token.word.len()),
            Some(token.word)
        );
        let end = analyze::word_end(&text, token.start);
        assert!(text.is_char_boundary(end) && end > token.start && end <= text.len());
        assert_eq!(
            analyze::fold(&token.folded),
            token.folded,
            "folding is idempotent"
        );
        last = token.start + token.word.len();
    }
    let tokens = ner::tokenize::tokenize(&text);
    let mut end = 0;
    for token in &tokens {
        assert!(
            token.span.start >= end && token.span.start < token.span.end,
            "tagger tokens overlap"
        );
        assert_eq!(text.get(token.span.range()), Some(token.text));
        end = token.span.end;
    }
    let mut next = 0;
    for sentence in ner::tokenize::sentences(&tokens) {
        assert_eq!(sentence.start, next, "sentences tile the tokens");
        assert!(sentence.end > sentence.start);
        next = sentence.end;
    }
    assert_eq!(next, tokens.len(), "sentences cover every token");
}

/// The files of a fuzz input: one file, or two when the first byte is odd (split where the
/// second byte says), so repetition across files (page templates) is reached too.
fn files(data: &[u8]) -> Vec<SourceFile> {
    match data {
        [mode, at, rest @ ..] if mode & 1 == 1 => {
            let cut = usize::from(*at).min(rest.len());
            vec![
                SourceFile::new("a.txt", rest[..cut].to_vec()),
                SourceFile::new("b.txt", rest[cut..].to_vec()),
            ]
        }
        [_, rest @ ..] => vec![SourceFile::new("a.txt", rest.to_vec())],
        [] => Vec::new(),
    }
}

/// `ingest`: decode and ingest of arbitrary bytes as one or two files. Every file becomes
/// documents or a skipped file with a reason; every span of every document is valid.
pub fn ingest(data: &[u8]) {
    let files = files(data);
    let count = files.len();
    let corpus = dossier_ingest::ingest(files);
    assert_corpus(&corpus);
    let named: std::collections::HashSet<&str> = corpus
        .documents
        .iter()
        .map(|d| d.origin.file.as_str())
        .chain(corpus.skipped.iter().map(|s| s.file.as_str()))
        .collect();
    assert_eq!(named.len(), count, "every file is a document or a skipped file");
    for s in &corpus.skipped {
        assert!(!s.reason.is_empty(), "a skipped file says why");
    }
}

/// `recognise`: ingest, then entity recognition and linking with the real model.
pub fn recognise(data: &[u8]) {
    let mut corpus = dossier_ingest::ingest(files(data));
    corpus.entities = RECOGNISER.recognise(&corpus, &MODEL);
    assert_corpus(&corpus);
}

/// `dictionary`: any bytes as an `fst` map, the form of the search index's dictionaries
/// and the model's feature and cluster tables. Whatever `fst_guard::check` passes, `fst`
/// opens and walks without a panic (every key streamed and looked up again, a prefix and a
/// typo automaton run over it), and it holds the keys and values the check counted. The
/// checksum is not verified here, so mutations reach the structure directly.
pub fn dictionary(data: &[u8]) {
    let Ok(shape) = fst_guard::check(data) else {
        return;
    };
    let map = fst::Map::new(data).expect("fst opens what the check passed");
    let mut stream = map.stream();
    let mut keys = Vec::new();
    let mut previous: Option<Vec<u8>> = None;
    while let Some((key, value)) = stream.next() {
        assert!(value <= shape.max_value, "a value above the checked maximum");
        assert!(previous.as_deref().is_none_or(|p| p < key), "keys out of order");
        previous = Some(key.to_vec());
        keys.push((key.to_vec(), value));
    }
    assert_eq!(keys.len(), shape.keys, "the check counted the keys");
    for (key, value) in &keys {
        assert_eq!(map.get(key), Some(*value));
        // A lookup of a near miss finds exactly what streaming found.
        for near in [
            &key[..key.len().saturating_sub(1)],
            &[key.as_slice(), b"\x80"].concat(),
        ] {
            let streamed = keys.binary_search_by(|k| k.0.as_slice().cmp(near)).ok();
            assert_eq!(map.get(near), streamed.map(|i| keys[i].1));
        }
    }
    let probe = keys
        .first()
        .map_or_else(|| "a".into(), |k| String::from_utf8_lossy(&k.0).into_owned());
    let mut prefixed = map
        .search(fst::automaton::Str::new(&probe).starts_with())
        .into_stream();
    while prefixed.next().is_some() {}
    if let Some(typo) = WithinEdits::new(&probe, 2) {
        let mut near = map.search_with_state(typo).into_stream();
        while near.next().is_some() {}
    }
}

/// `store`: bytes the app might embed. The first byte picks what they are:
/// - 0: a corpus's head, positions and body payloads (u16 LE lengths of the head's and the
///   positions', then all three), each sealed here with a correct header (so mutations
///   reach the payload decoders rather than failing the checksum); decoded as the app
///   does while the file arrives: the head alone, then with its positions, then the body
///   joined to that, and the whole file at once;
/// - 1: the whole embedded file as is (header checks);
/// - 2: an entity-model payload, sealed with the model's header;
/// - else: a model file as is.
///
/// Whatever decodes must then be usable as the app uses it without a panic.
pub fn store(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0 => {
            let Some((lens, payloads)) = rest.split_first_chunk::<4>() else {
                return;
            };
            let len = |at: usize| usize::from(u16::from_le_bytes([lens[at], lens[at + 1]]));
            let (head, rest) = payloads.split_at(len(0).min(payloads.len()));
            let (positions, body) = rest.split_at(len(2).min(rest.len()));
            let mut file = seal(&dossier_store::MAGIC, dossier_store::FORMAT_VERSION, head);
            let early = dossier_store::decode_head(&file);
            file.extend(seal(
                &dossier_store::POSITIONS_MAGIC,
                dossier_store::FORMAT_VERSION,
                positions,
            ));
            let positioned = early
                .as_ref()
                .ok()
                .map(|e| dossier_store::decode_positions(e, &file));
            file.extend(seal(
                &dossier_store::BODY_MAGIC,
                dossier_store::FORMAT_VERSION,
                body,
            ));
            if let Some(Ok(engine)) = &positioned {
                use_engine(dossier_store::decode_body(engine, &file));
            }
            if let Ok(engine) = &early {
                use_engine(dossier_store::decode_body(engine, &file));
            }
            use_head(early);
            if let Some(positioned) = positioned {
                use_head(positioned);
            }
            use_engine(dossier_store::decode(&file));
        }
        1 => use_engine(dossier_store::decode(rest)),
        2 => use_model(ner::Model::from_bytes(&seal(
            &ner::MAGIC,
            ner::FORMAT_VERSION,
            rest,
        ))),
        _ => use_model(ner::Model::from_bytes(rest)),
    }
}

/// The envelope the core writes: marker, version, CRC-32, length (see `envelope.rs`).
pub fn seal(marker: &[u8; 8], version: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(24 + payload.len());
    out.extend_from_slice(marker);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

fn use_engine(decoded: Result<Engine, dossier_store::StoreError>) {
    let engine = match decoded {
        Ok(engine) => engine,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let corpus = engine.corpus();
    assert_corpus(corpus);
    for query in [
        "the",
        "a OR b",
        "\"said the\"",
        "-the x",
        "date:2022",
        "outlet:bbc",
    ] {
        search_and_check(&engine, query, true);
    }
}

/// A head the app shows before the texts: it has no text to slice, and searching it must
/// not panic either.
fn use_head(decoded: Result<Engine, dossier_store::StoreError>) {
    match decoded {
        Ok(engine) => {
            for query in ["the", "\"said the\"", "type:person x", "outlet:bbc"] {
                search_and_check(&engine, query, true);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

fn use_model(decoded: Result<ner::Model, ner::ModelError>) {
    match decoded {
        Ok(model) => {
            let text = "Vladimir Putin met Xi Jinping in Samarkand on Friday.";
            for m in model.tag(text) {
                assert!(text.get(m.span.range()).is_some());
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// The seeds with entities, their documents' hashes, and a reader's work on them (the
/// first seed starred): what an imported case file meets.
static SEEDS_WORK: LazyLock<(Corpus, DocHashes, Work)> = LazyLock::new(|| {
    let corpus = seeds_corpus();
    let hashes = DocHashes::new(&corpus.documents);
    let work = Work {
        stars: hashes
            .key(dossier_model::document::DocId(0))
            .into_iter()
            .collect(),
        ..Work::default()
    };
    (corpus, hashes, work)
});

/// `case_file`: any file imported into the reader's work gives a merge or an error; the
/// merged corrections applied to the seeds' entities leave entities the app can slice
/// with; and the merged work exports and reads back as itself.
pub fn case_file(data: &[u8]) {
    let (corpus, hashes, mine) = &*SEEDS_WORK;
    let text = String::from_utf8_lossy(data);
    let (merged, _) = match case_file::import(&text, &corpus.documents, hashes, mine) {
        Ok(imported) => imported,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let applied = dossier_work::apply(&corpus.entities, &corpus.documents, hashes, &merged.corrections);
    let corrected = Corpus {
        entities: applied.entities,
        ..corpus.clone()
    };
    assert_corpus(&corrected);
    let again = case_file::read(&case_file::export(&merged, hashes), &corpus.documents, hashes)
        .expect("an exported file reads back");
    assert_eq!(again.work, merged);
}

/// Everything the app slices with: every span inside its text on char boundaries; regions,
/// paragraphs and mentions sorted and disjoint; paragraphs tiled exactly by their pieces.
pub fn assert_corpus(corpus: &Corpus) {
    for doc in &corpus.documents {
        let text = doc.text.as_str();
        let regions: Vec<Span> = doc.regions.iter().map(|r| r.span).collect();
        assert_sorted_spans_in(text, &regions, "region");
        assert_sorted_spans_in(text, &doc.paragraphs, "paragraph");
        let mentions: Vec<Span> = corpus
            .entities
            .mentions_in(doc.id)
            .iter()
            .map(|m| m.span)
            .collect();
        assert_sorted_spans_in(text, &mentions, "mention");
        for m in corpus.entities.mentions_in(doc.id) {
            assert!(
                corpus.entities.entity(m.entity).is_some(),
                "a mention names a known entity"
            );
        }
        let (TitleSource::Headline(title) | TitleSource::Derived(title)) = doc.title.source;
        let facts = [
            Some(title),
            doc.outlet.as_ref().map(|o| o.span),
            doc.published.map(|p| p.span),
            doc.saved.map(|s| s.span),
        ];
        assert_spans_in(
            text,
            &facts.into_iter().flatten().collect::<Vec<_>>(),
            "metadata span",
        );
        for &paragraph in &doc.paragraphs {
            let pieces = doc.pieces_layered(paragraph, &[], &mentions);
            let joined: String = pieces.iter().map(|p| doc.slice(p.span)).collect();
            assert_eq!(joined, doc.slice(paragraph), "pieces tile their paragraph");
        }
    }
}

fn assert_spans_in(text: &str, spans: &[Span], what: &str) {
    for s in spans {
        assert!(
            s.start <= s.end && text.get(s.range()).is_some(),
            "{what} {s:?} outside its text"
        );
    }
}

fn assert_sorted_spans_in(text: &str, spans: &[Span], what: &str) {
    assert_spans_in(text, spans, what);
    for pair in spans.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "{what}s overlap or are unsorted: {pair:?}"
        );
    }
}
