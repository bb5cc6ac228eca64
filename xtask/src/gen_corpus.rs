//! `cargo xtask corpus --from DIR [--from DIR]... --count N --out DIR`: a larger corpus made
//! from real ones, for scale tests and benchmarks (the 10,000-article corpus is
//! `--from ../shared/corpora/bbc --count 10000`; the 100,000-article one adds Reuters:
//! `--from ../shared/corpora/reuters21578 --from ../shared/corpora/bbc --count 100000`).
//!
//! The originals are copied unchanged (so known-item queries still have their answer);
//! each further article takes the headline and lead of one original and the paragraphs of
//! two others of the same section (the file name's first word, within its folder), chosen
//! by a fixed pseudo-random sequence, so the output is the same on every machine and its
//! vocabulary and lengths are those of real news.

use crate::{Options, Result, TaskError};
use std::path::PathBuf;

pub fn run(options: Options) -> Result {
    let (false, Some(count), Some(out)) = (options.from.is_empty(), options.count, options.out) else {
        return Err(TaskError(
            "corpus needs --from DIR [--from DIR]... --count N --out DIR".to_owned(),
        ));
    };
    // Each original's folder, file name and text.
    let mut originals: Vec<(PathBuf, String, String)> = Vec::new();
    for from in &options.from {
        let mut names: Vec<PathBuf> = std::fs::read_dir(from)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        if names.is_empty() {
            return Err(TaskError(format!("{}: no .txt files", from.display())));
        }
        names.sort();
        for path in names {
            let bytes = std::fs::read(&path)?;
            // Generated articles are UTF-8; an original in another encoding is still copied.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            originals.push((from.clone(), name, text));
        }
    }
    let mut names = std::collections::HashSet::new();
    if let Some((_, name, _)) = originals.iter().find(|(_, name, _)| !names.insert(name)) {
        return Err(TaskError(format!(
            "{name} is in two of the --from folders: the copies would overwrite each other"
        )));
    }
    std::fs::create_dir_all(&out)?;
    for (from, name, _) in &originals {
        std::fs::copy(from.join(name), out.join(name))?;
    }
    // Each original's section (folder and the file name's first word), and the texts of
    // each section in the originals' order.
    let section_of = |(from, name, _): &(PathBuf, String, String)| {
        (
            from.clone(),
            name.split('_').next().unwrap_or_default().to_owned(),
        )
    };
    let mut sections: std::collections::HashMap<(PathBuf, String), Vec<&String>> =
        std::collections::HashMap::new();
    for original in &originals {
        sections
            .entry(section_of(original))
            .or_default()
            .push(&original.2);
    }
    let mut rng = SplitMix(0x00D0_5513_u64);
    for i in originals.len()..count {
        let original = &originals[rng.below(originals.len())];
        let base = &original.2;
        let key = section_of(original);
        let same = &sections[&key];
        let section = &key.1;
        let (a, b) = (same[rng.below(same.len())], same[rng.below(same.len())]);
        let paragraphs = |t: &str| {
            t.split("\n\n")
                .skip(1)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        let head: Vec<&str> = base.split("\n\n").take(2).collect();
        let mut body = vec![head.join("\n\n")];
        let (pa, pb) = (paragraphs(a), paragraphs(b));
        for k in 0..pa.len().max(pb.len()) {
            for p in [pa.get(k), pb.get(k)].into_iter().flatten() {
                if rng.below(3) > 0 {
                    body.push(p.clone());
                }
            }
        }
        std::fs::write(
            out.join(format!("{section}_gen_{i:05}.txt")),
            body.join("\n\n") + "\n",
        )?;
    }
    println!(
        "{} articles in {} ({} generated)",
        count.max(originals.len()),
        out.display(),
        count.saturating_sub(originals.len())
    );
    Ok(())
}

/// SplitMix64: a tiny, fixed pseudo-random sequence (no dependency needed for this).
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    }
}
