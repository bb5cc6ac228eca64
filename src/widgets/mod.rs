//! The small pieces several views share (search box, lists, highlights, facets,
//! exports): kept apart from the views so each view reads as its page's layout.

pub mod citation;
pub mod correct_entity;
pub mod counting;
pub mod doc_work;
pub mod entities;
pub mod export;
pub mod facets;
pub mod keys;
pub mod linked;
pub mod list_work;
pub mod marked_text;
pub mod media;
pub mod meta;
pub mod needs_text;
pub mod notes;
pub mod passage;
pub mod scope;
pub mod search_box;
pub mod selection;
pub mod virtual_list;
pub mod work_status;
