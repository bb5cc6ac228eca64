//! `cargo xtask bench workbench [--corpus DIR]`: issue 22's targets for the reader's work,
//! measured in headless Chromium on the BBC corpus by default (`../shared/corpora/bbc`).
//!
//! The app is built once for the corpus (release, as shipped). A case file of the issue's
//! size is made natively from the built corpus ([`case_file`]): 1,000 corrections, 10,000
//! notes, 2,000 tagged documents. In one fresh browser profile ([`browser`]): every view
//! opened with no work, the case file imported through the Your work page, the same views
//! again with the work, keystroke-to-frame on the list with a tag picked, one more
//! correction through the entity page, and the export. The figures are printed as a
//! markdown table beside the targets, each said met or not.

mod browser;
mod case_file;

use crate::app_cache::trunk_build;
use crate::views_bench::{corpus_or_bbc, median};
use crate::{root, tools, Result, TaskError};
use dossier_work::DocHashes;
use std::path::PathBuf;
use std::time::Instant;

/// One frame at 60 Hz, in milliseconds.
const FRAME_MS: f64 = 1000.0 / 60.0;
/// What opening a view may cost on top of its time with no work.
const VIEW_BUDGET_MS: f64 = 20.0;
const CORRECTION_BUDGET_MS: f64 = 100.0;
const CASE_FILE_BUDGET_MS: f64 = 1000.0;

pub fn run(corpus: Option<PathBuf>) -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let corpus = corpus_or_bbc(corpus)?;
    let dist = root().join("target").join("bench-dist-workbench");
    trunk_build(Some(&corpus), &dist)?;

    let engine = case_file::built_engine(&dist)?;
    let built = engine.corpus();
    let hashes = DocHashes::new(&built.documents);
    let work = case_file::make(built, &hashes)?;
    let started = Instant::now();
    let applied = dossier_work::apply(&built.entities, &built.documents, &hashes, &work.corrections);
    let native_apply = started.elapsed();
    if !applied.unapplied.is_empty() {
        return Err(TaskError(format!(
            "{} of the benchmark's corrections apply to nothing, the first: {:?}",
            applied.unapplied.len(),
            applied.unapplied[0]
        )));
    }
    // The rest of what the page does on every change of the corrections
    // (`CorpusHandle::corrected`, inside its `dossier:corrections-applied` measure).
    let started = Instant::now();
    let mut corrected = built.clone();
    let native_clone = started.elapsed();
    corrected.entities = applied.entities;
    let started = Instant::now();
    corrected.insights = dossier_explore::relink(&corrected);
    let native_relink = started.elapsed();
    let started = Instant::now();
    let _engine = engine.with_corpus(corrected);
    let native_engine = started.elapsed();
    println!(
        "natively, what the page does on a change of the corrections: apply {:.1} ms, clone the corpus \
         {:.1} ms, relink the insights {:.1} ms, a new engine over it {:.1} ms",
        native_apply.as_secs_f64() * 1e3,
        native_clone.as_secs_f64() * 1e3,
        native_relink.as_secs_f64() * 1e3,
        native_engine.as_secs_f64() * 1e3,
    );
    let started = Instant::now();
    let text = dossier_work::case_file::export(&work, &hashes);
    let native_export = started.elapsed();
    let started = Instant::now();
    dossier_work::case_file::import(&text, &built.documents, &hashes, &dossier_work::Work::default())
        .map_err(|e| TaskError(format!("the benchmark's own case file: {e}")))?;
    let native_import = started.elapsed();
    let folder = root().join("target").join("bench-workbench");
    std::fs::create_dir_all(&folder)?;
    let file = folder.join("dossier-case-bench.json");
    std::fs::write(&file, &text)?;
    // WebDriver takes a file for an input only by its canonical path.
    let file = file.canonicalize()?;
    println!(
        "case file: {} corrections, {} notes, {} tagged documents under {} tags, {:.1} MiB; natively: \
         apply {:.1} ms, export {:.1} ms, import (read and merge) {:.1} ms",
        work.corrections.len(),
        work.notes.len(),
        case_file::TAGGED,
        case_file::TAGS,
        text.len() as f64 / (1024.0 * 1024.0),
        native_apply.as_secs_f64() * 1e3,
        native_export.as_secs_f64() * 1e3,
        native_import.as_secs_f64() * 1e3,
    );

    let figures = tokio::runtime::Runtime::new()?.block_on(browser::measure(&dist, &file))?;
    println!("\n{}", report(&figures));
    Ok(())
}

fn report(f: &browser::Figures) -> String {
    let met = |ok: bool| if ok { "met" } else { "**not met**" };
    let mut out = String::from(
        "| view | route | to frame, no work (median) | to frame, with the work (median) | difference | within +20 ms |\n\
         |---|---|---|---|---|---|\n",
    );
    let mut views_met = true;
    let rows = f.views.iter().zip(&f.views_without_work).zip(&f.views_with_work);
    for ((view, without), with) in rows {
        let (a, b) = (median(&without.frame), median(&with.frame));
        let ok = b - a <= VIEW_BUDGET_MS;
        views_met &= ok;
        out.push_str(&format!(
            "| {} | `{}` | {a:.1} ms | {b:.1} ms | {:+.1} ms | {} |\n",
            view.what,
            view.path,
            b - a,
            met(ok)
        ));
    }
    let correction = median(&f.correction);
    let frame_with_tag = median(&f.keystrokes_tag.frame);
    let in_frame = f
        .keystrokes_tag
        .frame
        .iter()
        .filter(|&&ms| ms <= FRAME_MS)
        .count();
    out.push_str(&format!(
        "\n| target | measured | |\n|---|---|---|\n\
         | opening any view: within its time with no work + 20 ms | worst difference {:+.1} ms | {} |\n\
         | a correction's effect visible < 100 ms (rename on the entity page: submit to the new name in the frame) | median {correction:.0} ms (of {}: {}), of which applying 1,001 corrections {:.0} ms (median `dossier:corrections-applied`) | {} |\n\
         | list with a tag picked: keystroke to the frame showing results within one frame ({FRAME_MS:.1} ms) | median {frame_with_tag:.1} ms, {} of {} keystrokes in the first frame; to the DOM median {:.1} ms (no work, no tag: to frame {:.1} ms, to DOM {:.1} ms) | {} |\n\
         | case file import < 1 s: file picked to summary shown | {:.0} ms | {} |\n\
         | case file import < 1 s: Merge to saved list shown (stored, applied, drawn) | {:.0} ms, of which applying the corrections {:.0} ms (applied {}x) | {} |\n\
         | case file export < 1 s: click to the download's start (the page's work) | {:.0} ms | {} |\n\
         | case file export < 1 s: click to the file finished on disk | {} | {} |\n",
        f.worst_view_difference(),
        met(views_met),
        f.correction.len(),
        list(&f.correction),
        median(&f.corrections_applied),
        met(correction < CORRECTION_BUDGET_MS),
        in_frame,
        f.keystrokes_tag.frame.len(),
        median(&f.keystrokes_tag.render),
        median(&f.keystrokes_plain.frame),
        median(&f.keystrokes_plain.render),
        met(frame_with_tag <= FRAME_MS),
        f.import.summary,
        met(f.import.summary < CASE_FILE_BUDGET_MS),
        f.import.merge,
        f.import.applied,
        f.import.applied_times,
        met(f.import.merge < CASE_FILE_BUDGET_MS),
        f.export.to_download_start,
        met(f.export.to_download_start < CASE_FILE_BUDGET_MS),
        f.export.finished.map_or_else(
            || format!("not finished after 20 s: the folder held {:?}", f.export.left),
            |ms| format!("{ms:.0} ms")
        ),
        met(f.export.finished.is_some_and(|ms| ms < CASE_FILE_BUDGET_MS)),
    ));
    out
}

fn list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}
