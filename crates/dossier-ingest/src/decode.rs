//! Bytes to text: UTF-8 (BOM stripped), UTF-16 with a BOM, and Windows-1252 for the
//! Latin-1 files real corpora contain. Line endings become `\n`.
//!
//! The decoded, newline-normalised text is a document's "original text": every span in
//! Dossier points into it.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::fmt;

/// Files larger than this are refused: [`decode`] refuses their bytes and
/// `source` skips them without reading. A news article is a few kilobytes
/// (BBC's largest is 25 KB); a file of megabytes is a dump, a log or a mistake, and
/// whatever the build keeps the browser must download and hold.
pub const MAX_FILE_BYTES: usize = 10_000_000;

/// Text decoded from a file, with the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why a file's bytes could not become text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// NUL bytes outside UTF-16: an image, archive or other binary file.
    Binary,
    TooLarge {
        bytes: usize,
        limit: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty or holds only whitespace"),
            DecodeError::Binary => write!(f, "the file is binary (it contains NUL bytes), not text"),
            DecodeError::TooLarge { bytes, limit } => {
                let mb = |n: usize| n as f64 / 1e6;
                write!(
                    f,
                    "the file is too large ({:.1} MB, limit {} MB)",
                    mb(*bytes),
                    mb(*limit)
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a file's bytes. A byte-order mark decides the encoding when present; otherwise
/// valid UTF-8 is UTF-8 and anything else is read as Windows-1252 (a superset of the
/// printable Latin-1 range, so it never fails).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut decoded = decode_as_written(bytes)?;
    decoded.text = normalise_newlines(decoded.text);
    Ok(decoded)
}

/// Decodes a file's bytes as [`decode`] does but keeps its line endings (`\r\n`, `\r`):
/// the text a program reading the file sees, which callers outside Dossier index (the
/// byte-order mark is not part of it). `file_offsets` maps spans onto it.
pub fn decode_as_written(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let (encoding, body): (&'static Encoding, &[u8]) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None if bytes.contains(&0) => return Err(DecodeError::Binary),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
        None => (WINDOWS_1252, bytes),
    };
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    if encoding != UTF_8 && encoding != WINDOWS_1252 && text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// `\r\n` and lone `\r` become `\n`.
fn normalise_newlines(s: String) -> String {
    if !s.contains('\r') {
        return s;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let d = decode(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hello", "UTF-8"));
    }

    #[test]
    fn latin1_pound_sign_falls_back_to_windows_1252() {
        let d = decode(b"It cost \xA35m").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("It cost \u{A3}5m", "windows-1252")
        );
    }

    #[test]
    fn utf16_le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Xi\r\nPutin".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Xi\nPutin", "UTF-16LE"));
    }

    #[test]
    fn crlf_becomes_lf() {
        assert_eq!(decode(b"a\r\nb\rc").unwrap().text, "a\nb\nc");
    }

    #[test]
    fn as_written_keeps_line_endings_but_not_the_bom() {
        let d = decode_as_written(b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("a\r\nb\rc", "UTF-8"));
        assert_eq!(decode_as_written(b"\r\n \r"), Err(DecodeError::Empty));
    }

    #[test]
    fn refuses_binary_empty_and_huge_files() {
        assert_eq!(decode(b"PK\x03\x04\0\0"), Err(DecodeError::Binary));
        assert_eq!(decode(b" \n\t "), Err(DecodeError::Empty));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        let huge = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(matches!(decode(&huge), Err(DecodeError::TooLarge { .. })));
    }
}
