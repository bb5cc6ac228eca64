//! One module per view, plus the small widgets they share.

pub mod compare_view;
pub mod document_list;
pub mod entities;
pub mod entity_page;
pub mod export;
pub mod facets;
pub mod graph_view;
pub mod load_error;
pub mod marked_text;
pub mod matrix_view;
pub mod meta;
pub mod not_found;
pub mod reader;
pub mod scope;
pub mod search_box;
pub mod timeline_view;
pub mod user_docs;
pub mod virtual_list;
