//! One module per view, plus the small widgets they share.

pub mod document_list;
pub mod load_error;
pub mod meta;
pub mod not_found;
pub mod reader;
