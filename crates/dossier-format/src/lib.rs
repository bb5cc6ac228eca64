//! The bytes Dossier reads without trusting them: the only crate that parses untrusted
//! binary input before any other crate looks at it.
//!
//! [`envelope`] checks the header around every binary the build writes (marker, version,
//! CRC-32, length); [`fst_guard`] proves an `fst` map safe to walk before `fst` reads it;
//! [`varint`] decodes LEB128 without overflow or overrun.

pub mod envelope;
pub mod fst_guard;
pub mod varint;
