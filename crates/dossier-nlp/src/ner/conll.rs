//! Reads CoNLL-2003 text: one token per line (word first, entity tag last), documents
//! split by `-DOCSTART-`, sentences by blank lines.
//!
//! Only the word and the entity tag are read: the POS and chunk columns are ignored on
//! purpose, since real text has none. Both IOB2 ("B-" starts every entity) and the
//! original IOB1 ("B-" only between two adjacent entities of one type) are accepted.

use super::label::{Entity, Label};
use dossier_model::span::Span;
use std::fmt;

/// A CoNLL document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub entities: Vec<Entity>,
}

impl Document {
    /// The document's sentences as word slices, as [`super::Model::tag_tokens`] takes them.
    pub fn words(&self) -> Vec<Vec<&str>> {
        self.sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect()
    }

    /// The document as a news file would hold it: a sentence a line, tokens separated by
    /// spaces; and its gold entities as byte spans of that text, to score the whole entity
    /// pipeline (which reads text, not tokens) against CoNLL.
    pub fn text(&self) -> (String, Vec<(Span, Label)>) {
        let mut text = String::new();
        let mut entities = Vec::new();
        for sentence in &self.sentences {
            let mut starts = Vec::with_capacity(sentence.tokens.len());
            for (i, token) in sentence.tokens.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                starts.push(text.len());
                text.push_str(token);
            }
            for e in &sentence.entities {
                let end = starts[e.end - 1] + sentence.tokens[e.end - 1].len();
                entities.push((Span::new(starts[e.start], end), e.label));
            }
            text.push('\n');
        }
        (text, entities)
    }

    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// Why CoNLL text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConllError {
    /// A token line with fewer than two columns.
    MissingTag { line: usize },
    /// A tag that is not "O" nor B-/I- with a known label.
    UnknownTag { line: usize, tag: String },
}

impl fmt::Display for ConllError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConllError::MissingTag { line } => write!(f, "line {line}: a token without an entity tag"),
            ConllError::UnknownTag { line, tag } => write!(f, "line {line}: unknown entity tag {tag:?}"),
        }
    }
}

impl std::error::Error for ConllError {}

/// Parses a CoNLL-2003 file's text into documents.
pub fn parse(text: &str) -> Result<Vec<Document>, ConllError> {
    let mut docs: Vec<Document> = Vec::new();
    let mut sentence = Sentence::default();
    let mut open: Option<(usize, Label)> = None;
    let finish = |docs: &mut Vec<Document>, sentence: &mut Sentence, open: &mut Option<(usize, Label)>| {
        if let Some((start, label)) = open.take() {
            sentence.entities.push(Entity {
                start,
                end: sentence.tokens.len(),
                label,
            });
        }
        if !sentence.tokens.is_empty() {
            if docs.is_empty() {
                docs.push(Document::default());
            }
            if let Some(doc) = docs.last_mut() {
                doc.sentences.push(std::mem::take(sentence));
            }
        }
    };
    for (n, line) in text.lines().enumerate() {
        let mut columns = line.split_whitespace();
        let Some(word) = columns.next() else {
            finish(&mut docs, &mut sentence, &mut open);
            continue;
        };
        if word == "-DOCSTART-" {
            finish(&mut docs, &mut sentence, &mut open);
            docs.push(Document::default());
            continue;
        }
        let tag = columns
            .next_back()
            .ok_or(ConllError::MissingTag { line: n + 1 })?;
        let here = match tag {
            "O" => None,
            _ => {
                let unknown = || ConllError::UnknownTag {
                    line: n + 1,
                    tag: tag.to_owned(),
                };
                let (part, name) = tag.split_once('-').ok_or_else(unknown)?;
                let label = Label::from_conll(name).ok_or_else(unknown)?;
                match part {
                    "B" => Some((true, label)),
                    "I" => Some((false, label)),
                    _ => return Err(unknown()),
                }
            }
        };
        let i = sentence.tokens.len();
        let continues = matches!((here, open), (Some((false, l)), Some((_, o))) if l == o);
        if !continues {
            if let Some((start, label)) = open.take() {
                sentence.entities.push(Entity { start, end: i, label });
            }
            open = here.map(|(_, label)| (i, label));
        }
        sentence.tokens.push(word.to_owned());
    }
    finish(&mut docs, &mut sentence, &mut open);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_sentences_and_entities() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n\
                    BRUSSELS NNP B-NP B-LOC\n\n-DOCSTART- -X- -X- O\n\nA x x I-MISC\nB x x B-MISC\nC x x I-MISC\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].words()[0], ["EU", "rejects", "Peter", "Blackburn"]);
        assert_eq!(
            docs[0].sentences[0].entities,
            [
                Entity {
                    start: 0,
                    end: 1,
                    label: Label::Organization
                },
                Entity {
                    start: 2,
                    end: 4,
                    label: Label::Person
                }
            ]
        );
        // IOB1: an entity may start with I-, and B- splits two adjacent ones.
        assert_eq!(
            docs[1].sentences[0].entities,
            [
                Entity {
                    start: 0,
                    end: 1,
                    label: Label::Misc
                },
                Entity {
                    start: 1,
                    end: 3,
                    label: Label::Misc
                }
            ]
        );
        assert_eq!(docs[0].token_count(), 5);
        let (text, entities) = docs[0].text();
        assert_eq!(text, "EU rejects Peter Blackburn\nBRUSSELS\n");
        let named: Vec<(&str, Label)> = entities.iter().map(|(s, l)| (&text[s.range()], *l)).collect();
        assert_eq!(
            named,
            [
                ("EU", Label::Organization),
                ("Peter Blackburn", Label::Person),
                ("BRUSSELS", Label::Location)
            ]
        );
    }

    #[test]
    fn refuses_unknown_tags_with_the_line() {
        assert_eq!(
            parse("a x B-GPE\n"),
            Err(ConllError::UnknownTag {
                line: 1,
                tag: "B-GPE".into()
            })
        );
        assert_eq!(parse("\nword\n"), Err(ConllError::MissingTag { line: 2 }));
    }
}
