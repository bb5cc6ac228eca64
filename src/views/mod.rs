//! One module per page the user sees (and the panel and error pages around them): each
//! owns its route's layout and state, and draws with the shared [`crate::widgets`].

pub mod case_file;
pub mod compare;
pub mod document_list;
pub mod entity_page;
pub mod graph;
pub mod load_error;
pub mod matrix;
pub mod names;
pub mod not_found;
pub mod notes;
pub mod reader;
pub mod timeline;
pub mod user_docs;
pub mod work_page;
