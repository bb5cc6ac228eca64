//! The reader's text selection as a byte span of the document's text.
//!
//! The reader draws every piece of text inside an element carrying its byte offset
//! (`data-at`, see `views::reader`), so a point of the browser's selection (a text node
//! and an offset in UTF-16 units) maps to bytes without counting what else the page
//! shows (region labels, entity cards). Points outside those pieces (a region's label)
//! map to nothing, and so does a selection that is not in the text.

use dossier_model::Span;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The attribute holding a piece's byte offset into the document's text.
pub const OFFSET_ATTR: &str = "data-at";

/// The span of `text` the page's selection covers inside the element matching `root`
/// (a CSS selector) that holds its start, trimmed of white space; `None` for no
/// selection, an empty one, or one reaching outside that element.
pub fn selected_span(root: &str, text: &str) -> Option<Span> {
    let selection = gloo::utils::window().get_selection().ok().flatten()?;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (start_node, end_node) = (range.start_container().ok()?, range.end_container().ok()?);
    let start_element = match start_node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => start_node.parent_element()?,
    };
    let root = start_element.closest(root).ok().flatten()?;
    if !root.contains(Some(&end_node)) {
        return None;
    }
    let start = byte_at(&start_node, range.start_offset().ok()?, text)?;
    let end = byte_at(&end_node, range.end_offset().ok()?, text)?;
    trimmed(text, Span::new(start.min(end) as usize, start.max(end) as usize))
}

/// The byte offset of a selection point: a text node inside a piece and a UTF-16 offset
/// into it, or an element and a child index (the start of the piece at or after it).
fn byte_at(node: &Node, offset: u32, text: &str) -> Option<u32> {
    if node.node_type() == Node::TEXT_NODE {
        let start = piece_start(&node.parent_element()?)?;
        return Some(start + utf16_to_bytes(text.get(start as usize..)?, offset)?);
    }
    let element: &Element = node.dyn_ref()?;
    match node.child_nodes().item(offset) {
        Some(child) => {
            let piece = match child.dyn_ref::<Element>() {
                Some(e) if e.has_attribute(OFFSET_ATTR) => Some(e.clone()),
                Some(e) => e.query_selector(&format!("[{OFFSET_ATTR}]")).ok().flatten(),
                // A piece's own text node: the piece's start.
                None if element.has_attribute(OFFSET_ATTR) => Some(element.clone()),
                None => child.next_sibling().and_then(|s| s.dyn_into::<Element>().ok()),
            };
            piece.and_then(|p| piece_start(&p))
        }
        // After the last child: the end of the last piece inside.
        None => {
            let pieces = element.query_selector_all(&format!("[{OFFSET_ATTR}]")).ok()?;
            let last: Element = pieces.item(pieces.length().checked_sub(1)?)?.dyn_into().ok()?;
            let start = piece_start(&last)?;
            let len = last.text_content().unwrap_or_default().len() as u32;
            Some(start + len)
        }
    }
}

fn piece_start(element: &Element) -> Option<u32> {
    element.get_attribute(OFFSET_ATTR)?.parse().ok()
}

/// How many bytes of `text` its first `units` UTF-16 code units are (`None` past the
/// end or inside a character).
pub fn utf16_to_bytes(text: &str, units: u32) -> Option<u32> {
    let mut counted = 0;
    for (at, c) in text.char_indices() {
        if counted == units {
            return Some(at as u32);
        }
        counted += c.len_utf16() as u32;
        if counted > units {
            return None;
        }
    }
    (counted == units).then_some(text.len() as u32)
}

/// `span` without white space at either end, `None` when nothing else is left.
pub fn trimmed(text: &str, span: Span) -> Option<Span> {
    let inner = text.get(span.range())?;
    let lead = inner.len() - inner.trim_start().len();
    let kept = inner.trim();
    (!kept.is_empty()).then(|| {
        Span::new(
            span.start as usize + lead,
            span.start as usize + lead + kept.len(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_units_become_bytes() {
        assert_eq!(utf16_to_bytes("Xi said", 2), Some(2));
        assert_eq!(utf16_to_bytes("«Xi»", 1), Some(2), "« is two bytes, one unit");
        assert_eq!(
            utf16_to_bytes("a😀b", 3),
            Some(5),
            "an emoji is two units, four bytes"
        );
        assert_eq!(utf16_to_bytes("a😀b", 2), None, "inside the emoji");
        assert_eq!(utf16_to_bytes("ab", 2), Some(2));
        assert_eq!(utf16_to_bytes("ab", 3), None);
    }

    #[test]
    fn white_space_is_trimmed_and_blank_is_nothing() {
        let text = "Putin met  Xi .";
        assert_eq!(trimmed(text, Span::new(5, 12)), Some(Span::new(6, 12)));
        assert_eq!(trimmed(text, Span::new(9, 11)), None);
    }
}
