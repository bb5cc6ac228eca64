//! One module per view, plus the small widgets they share.

pub mod document_list;
pub mod entities;
pub mod facets;
pub mod load_error;
pub mod marked_text;
pub mod meta;
pub mod not_found;
pub mod reader;
pub mod search_box;
pub mod virtual_list;
