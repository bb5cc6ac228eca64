//! The envelope around every binary the core writes (the embedded corpus, the NER model):
//! an 8-byte marker, a format version (u32 LE), the CRC-32 of the payload (u32 LE) and
//! the payload's length (u64 LE), then the payload. Opening checks all four, in that
//! order, so a loader never decodes bytes that are foreign, stale, cut short or damaged.

use std::fmt;

/// Bytes before the payload.
pub const HEADER_LEN: usize = 8 + 4 + 4 + 8;

/// Why bytes failed the envelope's checks. Each format's error carries it as one
/// variant and tells it in its own words through [`Fault::told`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    TooShort { len: usize },
    WrongMarker,
    WrongVersion { found: u32, expected: u32 },
    Truncated { expected: u64, found: usize },
    Checksum { stored: u32, computed: u32 },
}

/// What a sealed binary is, in its reader's words: the nouns and the remedy a fault's
/// message needs ("corpus data is 5 bytes, shorter than its header").
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    /// What the bytes hold: "corpus", "model".
    pub data: &'static str,
    /// The format's name in a version message: "corpus", "NER model".
    pub format: &'static str,
    /// The marker's name: "Dossier's corpus marker".
    pub marker: &'static str,
    /// Who reads it: "this app".
    pub reader: &'static str,
    /// What to do about a stale version: "rebuild the app".
    pub remedy: &'static str,
}

impl Fault {
    /// The fault as a message about `subject`.
    pub fn told<'a>(&'a self, subject: &'a Subject) -> impl fmt::Display + 'a {
        Told { fault: self, subject }
    }
}

struct Told<'a> {
    fault: &'a Fault,
    subject: &'a Subject,
}

impl fmt::Display for Told<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.subject;
        match *self.fault {
            Fault::TooShort { len } => write!(f, "{} data is {len} bytes, shorter than its header", s.data),
            Fault::WrongMarker => write!(f, "the data does not start with {}", s.marker),
            Fault::WrongVersion { found, expected } => write!(
                f,
                "{} format version {found}, but {} reads version {expected}: {}",
                s.format, s.reader, s.remedy
            ),
            Fault::Truncated { expected, found } => write!(
                f,
                "{} payload should be {expected} bytes but {found} are present",
                s.data
            ),
            Fault::Checksum { stored, computed } => write!(
                f,
                "{} checksum mismatch (stored {stored:08x}, computed {computed:08x}): the data is corrupted",
                s.data
            ),
        }
    }
}

/// `payload` behind a header naming `marker` and `version`.
pub fn seal(marker: &[u8; 8], version: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(marker);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// How many bytes the sealed binary starting at `bytes` takes, header included, read from
/// its header alone: lets a reader of several binaries in one stream cut the first off as
/// soon as it has arrived. `None` until the header has. The header is not checked here
/// ([`open`] checks it), so the length may be wrong; `open` then says so.
pub fn sealed_len(bytes: &[u8]) -> Option<u64> {
    let len: [u8; 8] = bytes.get(16..HEADER_LEN)?.try_into().ok()?;
    Some(u64::from_le_bytes(len).saturating_add(HEADER_LEN as u64))
}

/// The payload of sealed `bytes`, if they carry `marker` and `version` and are intact.
pub fn open<'a>(bytes: &'a [u8], marker: &[u8; 8], version: u32) -> Result<&'a [u8], Fault> {
    if bytes.len() < HEADER_LEN {
        return Err(Fault::TooShort { len: bytes.len() });
    }
    let (header, payload) = bytes.split_at(HEADER_LEN);
    if header[..8] != marker[..] {
        return Err(Fault::WrongMarker);
    }
    let word = |at: usize| u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let found = word(8);
    if found != version {
        return Err(Fault::WrongVersion {
            found,
            expected: version,
        });
    }
    let stored = word(12);
    let mut len_bytes = [0u8; 8];
    len_bytes.copy_from_slice(&header[16..24]);
    let expected = u64::from_le_bytes(len_bytes);
    if expected != payload.len() as u64 {
        return Err(Fault::Truncated {
            expected,
            found: payload.len(),
        });
    }
    let computed = crc32fast::hash(payload);
    if stored != computed {
        return Err(Fault::Checksum { stored, computed });
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: [u8; 8] = *b"TESTING\0";

    #[test]
    fn a_header_tells_the_sealed_length() {
        let sealed = seal(&MARK, 7, b"payload");
        assert_eq!(sealed_len(&sealed[..HEADER_LEN - 1]), None);
        assert_eq!(sealed_len(&sealed[..HEADER_LEN]), Some(sealed.len() as u64));
        assert_eq!(sealed_len(&[0xFF; HEADER_LEN]), Some(u64::MAX));
    }

    #[test]
    fn what_is_sealed_opens() {
        let sealed = seal(&MARK, 7, b"payload");
        assert_eq!(open(&sealed, &MARK, 7), Ok(&b"payload"[..]));
    }

    #[test]
    fn each_check_names_its_fault() {
        let sealed = seal(&MARK, 7, b"payload");
        assert_eq!(open(&sealed[..5], &MARK, 7), Err(Fault::TooShort { len: 5 }));
        assert_eq!(open(&sealed, b"OTHERXX\0", 7), Err(Fault::WrongMarker));
        assert_eq!(
            open(&sealed, &MARK, 8),
            Err(Fault::WrongVersion {
                found: 7,
                expected: 8
            })
        );
        assert!(matches!(
            open(&sealed[..sealed.len() - 1], &MARK, 7),
            Err(Fault::Truncated {
                expected: 7,
                found: 6
            })
        ));
        let mut flipped = sealed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(matches!(open(&flipped, &MARK, 7), Err(Fault::Checksum { .. })));
    }
}
