//! BM25F over the title and body fields, with the per-document length norms computed
//! once when the engine starts, so scoring a posting is two multiplications and no
//! division by a length.
//!
//! For a term `t` and document `d` (`N` documents, `df` of them holding `t`):
//! `idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))`,
//! `tf~ = W_TITLE * tf_title / (1 - B_TITLE + B_TITLE * len_title / avg_title)
//!      + tf_body / (1 - B_BODY + B_BODY * len_body / avg_body)`,
//! `score = idf * tf~ * (K1 + 1) / (K1 + tf~)`.

use super::index::SearchIndex;

pub const K1: f32 = 1.2;
pub const B_TITLE: f32 = 0.5;
pub const B_BODY: f32 = 0.75;
pub const W_TITLE: f32 = 3.0;

/// Which fields a score counts: `title:` atoms count the title alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fields {
    TitleAndBody,
    TitleOnly,
}

/// The corpus statistics BM25F needs, precomputed per document.
#[derive(Debug, Clone, Default)]
pub struct Bm25f {
    docs: f32,
    /// `W_TITLE / title norm` per document.
    title_factor: Vec<f32>,
    /// `1 / body norm` per document.
    body_factor: Vec<f32>,
}

impl Bm25f {
    pub fn new(index: &SearchIndex) -> Bm25f {
        let n = index.doc_count();
        let norm = |len: u32, avg: f32, b: f32| 1.0 - b + b * len as f32 / avg;
        let (avg_title, avg_body) = (index.avg_title_len(), index.avg_body_len());
        Bm25f {
            docs: n as f32,
            title_factor: (0..n as u32)
                .map(|d| W_TITLE / norm(index.title_len(d), avg_title, B_TITLE))
                .collect(),
            body_factor: (0..n as u32)
                .map(|d| 1.0 / norm(index.body_len(d), avg_body, B_BODY))
                .collect(),
        }
    }

    /// Inverse document frequency of a term held by `df` documents.
    pub fn idf(&self, df: usize) -> f32 {
        let df = df as f32;
        (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln()
    }

    /// The score of one document for a term with inverse document frequency `idf`.
    #[inline]
    pub fn score(&self, idf: f32, doc: u32, tf_title: u32, tf_body: u32, fields: Fields) -> f32 {
        let d = doc as usize;
        let title = tf_title as f32 * self.title_factor.get(d).copied().unwrap_or(0.0);
        let body = match fields {
            Fields::TitleAndBody => tf_body as f32 * self.body_factor.get(d).copied().unwrap_or(0.0),
            Fields::TitleOnly => 0.0,
        };
        let tf = title + body;
        idf * tf * (K1 + 1.0) / (K1 + tf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::build;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;

    fn scorer(texts: &[&str]) -> Bm25f {
        let files = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("{i}.txt"), t.as_bytes().to_vec()))
            .collect();
        Bm25f::new(&build(&ingest(files)))
    }

    #[test]
    fn rarer_terms_weigh_more() {
        let s = scorer(&["A title\n\nSome body text here.", "Another\n\nMore body text."]);
        assert!(s.idf(1) > s.idf(2));
        assert!(s.idf(2) > 0.0);
    }

    #[test]
    fn a_title_hit_outweighs_a_body_hit_and_title_only_ignores_the_body() {
        let s = scorer(&[
            "Putin visit\n\nThe visit was long.",
            "Other news\n\nNothing here at all.",
        ]);
        let idf = s.idf(1);
        let in_title = s.score(idf, 0, 1, 0, Fields::TitleAndBody);
        let in_body = s.score(idf, 0, 0, 1, Fields::TitleAndBody);
        assert!(in_title > in_body, "{in_title} vs {in_body}");
        assert_eq!(s.score(idf, 0, 0, 3, Fields::TitleOnly), 0.0);
    }

    #[test]
    fn more_occurrences_score_more_but_saturate() {
        let s = scorer(&["T\n\nword word word word word word word word.", "U\n\nword."]);
        let idf = s.idf(2);
        let (one, two, eight) = (
            s.score(idf, 0, 0, 1, Fields::TitleAndBody),
            s.score(idf, 0, 0, 2, Fields::TitleAndBody),
            s.score(idf, 0, 0, 8, Fields::TitleAndBody),
        );
        assert!(one < two && two < eight);
        assert!(eight < idf * (K1 + 1.0));
    }
}
