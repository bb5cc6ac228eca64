//! What the query parser makes of what people type, as one snapshot: every operator, the
//! filters, and the repairs it notes, in `snapshots/`. `UPDATE_EXPECT=1 cargo test -p
//! dossier-search` rewrites them after a deliberate change; review the diff.

use dossier_search::query::{parse, Atom, AtomKind, Field, Mark, Query};
use expect_test::expect_file;

/// One atom as the user would write it back: `title:` for the title field, quotes for a
/// phrase, `*` for the word still being typed.
fn atom(a: &Atom) -> String {
    let field = match a.field {
        Field::Any => "",
        Field::Title => "title:",
    };
    match a.kind {
        AtomKind::Word { prefix } => format!("{field}{}{}", a.text, if prefix { "*" } else { "" }),
        AtomKind::Phrase => format!("{field}\"{}\"", a.text),
    }
}

/// A parsed query on one line: groups (AND) of alternatives (OR), then exclusions,
/// filters and notes.
fn render(q: &Query) -> String {
    let mut parts: Vec<String> = q
        .groups
        .iter()
        .map(|g| g.iter().map(atom).collect::<Vec<_>>().join(" OR "))
        .map(|g| format!("({g})"))
        .collect();
    parts.extend(q.excluded.iter().map(|a| format!("-{}", atom(a))));
    parts.extend(q.outlets.iter().map(|o| format!("outlet={o}")));
    parts.extend(q.entities.iter().map(|e| format!("entity={e}")));
    parts.extend(q.types.iter().map(|t| format!("type={t}")));
    parts.extend(q.marks.iter().map(|m| {
        let minus = if m.negated { "-" } else { "" };
        match &m.mark {
            Mark::Tag(name) => format!("{minus}tag={name}"),
            Mark::Starred => format!("{minus}is=starred"),
            Mark::Note(a) => format!("{minus}note={}", atom(a)),
        }
    }));
    if let Some(d) = q.date {
        parts.push(format!("date={}", d.to_param()));
    }
    parts.extend(q.notes.iter().map(|n| format!("note={n:?}")));
    parts.join(" ")
}

#[test]
fn what_people_type() {
    let queries = [
        "putin xi",
        "\"xi jinping\" samarkand",
        "putin -ukraine",
        "-\"white house\" summit",
        "kremlin OR moscow beijing",
        "title:summit title:\"a phrase\"",
        "outlet:press date:2022-09",
        "date:2022-09-01..2022-09-15 date:..2022-09-15",
        "entity:\"Xi Jinping\" type:gpe",
        "\"unclosed phrase",
        "putin -",
        "OR moscow",
        "outlet: putin",
        "date:someday",
        "-ukraine",
        "tag:Urgent tag:\"two words\" -tag:done",
        "is:starred -is:starred is:read",
        "note:embassy note:\"check the date\" -note:draft",
        "tag: note:?! is:",
        "",
    ];
    let typed: String = queries
        .iter()
        .map(|q| format!("{q:?} => {}\n", render(&parse(q, false))))
        .collect();
    expect_file!["snapshots/queries.txt"].assert_eq(&typed);
}

#[test]
fn the_word_being_typed_is_a_prefix() {
    expect_file!["snapshots/typing.txt"].assert_eq(&render(&parse("putin sam", true)));
    expect_file!["snapshots/typing_note.txt"].assert_eq(&render(&parse("putin note:emb", true)));
}
