//! The envelope around every binary the core writes (the embedded corpus, the NER model):
//! an 8-byte marker, a format version (u32 LE), the CRC-32 of the payload (u32 LE) and
//! the payload's length (u64 LE), then the payload. Opening checks all four, in that
//! order, so a loader never decodes bytes that are foreign, stale, cut short or damaged.

/// Bytes before the payload.
pub const HEADER_LEN: usize = 8 + 4 + 4 + 8;

/// Why bytes failed the envelope's checks; each format says it in its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    TooShort { len: usize },
    WrongMarker,
    WrongVersion { found: u32, expected: u32 },
    Truncated { expected: u64, found: usize },
    Checksum { stored: u32, computed: u32 },
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
