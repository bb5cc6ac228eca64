//! LEB128 variable-length integers: postings and offset tables are mostly small gaps, so
//! most values take one byte.

pub fn push(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads one value at `*at` and moves past it. Malformed or truncated data reads as the
/// bits present so far (never a panic); the index checksum rejects damaged data earlier.
#[inline]
pub fn read(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        if shift < 32 {
            value |= u32::from(b & 0x7F) << shift;
        }
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    value
}

/// As [`push`], for values that carry flags in their low bits and so may pass `u32::MAX`.
pub fn push_u64(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// As [`read`], for values written by [`push_u64`].
#[inline]
pub fn read_u64(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        if shift < 64 {
            value |= u64::from(b & 0x7F) << shift;
        }
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_edge_values() {
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX];
        let mut bytes = Vec::new();
        for v in values {
            push(&mut bytes, v);
        }
        let mut at = 0;
        for v in values {
            assert_eq!(read(&bytes, &mut at), v);
        }
        assert_eq!(at, bytes.len());
        assert_eq!(read(&bytes, &mut at), 0, "reading past the end yields 0");
    }

    #[test]
    fn round_trips_wide_values() {
        let values = [0, 127, 1 << 32, u64::MAX];
        let mut bytes = Vec::new();
        for v in values {
            push_u64(&mut bytes, v);
        }
        let mut at = 0;
        for v in values {
            assert_eq!(read_u64(&bytes, &mut at), v);
        }
        assert_eq!(at, bytes.len());
    }
}
