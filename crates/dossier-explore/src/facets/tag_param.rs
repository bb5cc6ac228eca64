//! The tag facet's picks in the address bar: `tag=Urgent,"a, b",*`.
//!
//! Tag names are the reader's, so any string: items are separated by commas, and a name
//! that is empty, holds a comma, starts with a quote or is `*` is written in quotes, a
//! quote inside doubled (as CSV does). A bare `*` is the starred pick, which no quoted
//! or bare name can be. Reading is lenient, so a hand-edited link still opens: an
//! unclosed quote runs to the end, text after a closing quote is kept, empty bare items
//! are dropped, and a name repeated in any case counts once.

/// Writes the picked tag names and the starred pick as one parameter value.
pub fn write(tags: &[String], starred: bool) -> String {
    let mut items: Vec<String> = tags.iter().map(|name| quoted_if_needed(name)).collect();
    if starred {
        items.push(STARRED.to_owned());
    }
    items.join(",")
}

/// Reads a parameter value written by [`write`] (or by hand): the tag names, then
/// whether starred was picked.
pub fn read(value: &str) -> (Vec<String>, bool) {
    let mut tags: Vec<String> = Vec::new();
    let mut starred = false;
    let mut rest = value;
    while !rest.is_empty() {
        let (item, was_quoted, after) = next_item(rest);
        rest = after;
        if !was_quoted && item == STARRED {
            starred = true;
        } else if (was_quoted || !item.is_empty())
            && !tags.iter().any(|t| t.to_lowercase() == item.to_lowercase())
        {
            tags.push(item);
        }
    }
    (tags, starred)
}

/// How the starred pick is spelled.
const STARRED: &str = "*";

fn quoted_if_needed(name: &str) -> String {
    let bare = !name.is_empty() && name != STARRED && !name.contains(',') && !name.starts_with('"');
    if bare {
        name.to_owned()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// The first item of `text`, whether it was quoted, and what follows its comma.
fn next_item(text: &str) -> (String, bool, &str) {
    let Some(inside) = text.strip_prefix('"') else {
        let (item, rest) = text.split_once(',').unwrap_or((text, ""));
        return (item.to_owned(), false, rest);
    };
    let mut name = String::new();
    let mut chars = inside.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '"' {
            name.push(c);
        } else if chars.peek().is_some_and(|&(_, next)| next == '"') {
            chars.next();
            name.push('"');
        } else {
            // Past the closing quote: keep anything before the next comma.
            let after = &inside[at + 1..];
            let (tail, rest) = after.split_once(',').unwrap_or((after, ""));
            name.push_str(tail);
            return (name, true, rest);
        }
    }
    (name, true, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn plain_names_are_written_bare_and_odd_ones_quoted() {
        assert_eq!(write(&names(&["Urgent", "to check"]), true), "Urgent,to check,*");
        assert_eq!(
            write(&names(&["a, b", "say \"hi\"", "\"q", "*", ""]), false),
            r#""a, b",say "hi","""q","*","""#
        );
    }

    #[test]
    fn starred_cannot_clash_with_a_tag_named_star() {
        assert_eq!(read("*"), (vec![], true));
        assert_eq!(read("\"*\""), (names(&["*"]), false));
        assert_eq!(read(&write(&names(&["*"]), true)), (names(&["*"]), true));
    }

    #[test]
    fn odd_names_round_trip() {
        let odd = names(&[
            "a,b",
            "\"quoted\"",
            "Ölfeld 東京",
            " spaced ",
            "",
            "*",
            "**",
            "x\"y",
        ]);
        assert_eq!(read(&write(&odd, false)), (odd.clone(), false));
        assert_eq!(read(&write(&odd, true)), (odd, true));
    }

    #[test]
    fn hand_edited_values_still_read() {
        assert_eq!(read(""), (vec![], false));
        assert_eq!(read(",,a,,"), (names(&["a"]), false));
        assert_eq!(read("\"unclosed, still"), (names(&["unclosed, still"]), false));
        assert_eq!(read("\"a\"b,c"), (names(&["ab", "c"]), false));
        assert_eq!(read("Urgent,URGENT,urgent"), (names(&["Urgent"]), false));
    }

    proptest! {
        /// Any names, distinct in any case, come back as written.
        #[test]
        fn any_names_round_trip(raw in prop::collection::vec(".{0,12}", 0..8), starred: bool) {
            let mut tags: Vec<String> = Vec::new();
            for name in raw {
                if !tags.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
                    tags.push(name);
                }
            }
            prop_assert_eq!(read(&write(&tags, starred)), (tags, starred));
        }
    }
}
