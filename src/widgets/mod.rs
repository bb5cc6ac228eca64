//! The small pieces several views share (search box, lists, highlights, facets,
//! exports): kept apart from the views so each view reads as its page's layout.

pub mod counting;
pub mod entities;
pub mod export;
pub mod facets;
pub mod keys;
pub mod marked_text;
pub mod media;
pub mod meta;
pub mod scope;
pub mod search_box;
pub mod virtual_list;
