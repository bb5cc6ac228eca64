//! Offsets into a file's text as written, for tools outside Dossier.
//!
//! Every span in Dossier is a byte range into text whose line endings [`crate::decode`]
//! turned into `\n`. A program that reads the file itself sees the text with the file's own
//! line endings (`\r\n`, `\r`) and usually counts characters (code points: Python's `str`,
//! Rust's `chars()`), not bytes. [`FileOffsets`] maps the first kind of offset onto the
//! second, so what Dossier found can be sliced out of the file as read.
//!
//! ```
//! use dossier_ingest::{decode, file_offsets::FileOffsets};
//!
//! let bytes = "Caf\u{e9}\r\nXi Jinping".as_bytes();
//! let ours = decode::decode(bytes).unwrap().text; // "Café\nXi Jinping"
//! let written = decode::decode_as_written(bytes).unwrap().text; // "Café\r\nXi Jinping"
//! let offsets = FileOffsets::new(&written);
//! let xi = ours.find("Xi").unwrap(); // byte 6: "é" is two bytes, "\n" one
//! let start = offsets.code_point(xi); // code point 6: "é" is one, "\r\n" two
//! let end = offsets.code_point(ours.len());
//! let sliced: String = written.chars().skip(start).take(end - start).collect();
//! assert_eq!(sliced, "Xi Jinping");
//! let bytes = offsets.written_byte(xi)..offsets.written_byte(ours.len());
//! assert_eq!(&written[bytes], "Xi Jinping");
//! ```

/// Maps byte offsets in a file's decoded text (`\n` line endings, as ingest sees it) to
/// offsets in the same text with its line endings as written: code points, for callers,
/// and bytes, to slice it.
///
/// The offsets move in step except after a character that takes a different number of
/// bytes in the first text than code points or bytes in the second: a multi-byte
/// character, or a `\r\n` that became one `\n`. Only those steps are kept, so an ASCII
/// file with `\n` endings costs nothing, and a lookup is a binary search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOffsets {
    /// The offsets just after each step, sorted (all three grow together).
    steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    /// In the `\n` text.
    byte: u32,
    /// In the written text.
    code_point: u32,
    written_byte: u32,
}

impl FileOffsets {
    /// The map for `written`: a file's text decoded with its line endings kept
    /// ([`crate::decode::decode_as_written`]).
    pub fn new(written: &str) -> FileOffsets {
        let mut steps = Vec::new();
        let mut at = Step {
            byte: 0,
            code_point: 0,
            written_byte: 0,
        };
        let mut chars = written.chars().peekable();
        while let Some(c) = chars.next() {
            // (bytes in the `\n` text, code points and bytes as written)
            let (bytes, code_points, written_bytes) = match c {
                '\r' if chars.next_if_eq(&'\n').is_some() => (1, 2, 2),
                '\r' => (1, 1, 1),
                c => (c.len_utf8(), 1, c.len_utf8()),
            };
            // Files are capped far below 4 GiB by `decode::MAX_FILE_BYTES`.
            at.byte = at.byte.saturating_add(narrow(bytes));
            at.code_point = at.code_point.saturating_add(code_points);
            at.written_byte = at.written_byte.saturating_add(narrow(written_bytes));
            if bytes != 1 || written_bytes != 1 {
                steps.push(at);
            }
        }
        FileOffsets { steps }
    }

    /// The code-point offset in the written text of `byte`, a byte offset in the
    /// `\n`-ending text on a character boundary (every span Dossier keeps is one; a
    /// split file's document adds its [`dossier_model::document::Origin::offset`]).
    pub fn code_point(&self, byte: usize) -> usize {
        match self.step_before(byte) {
            Some(step) => step.code_point as usize + (byte - step.byte as usize),
            None => byte,
        }
    }

    /// The byte offset in the written text of `byte`, as for [`FileOffsets::code_point`]:
    /// slicing the written text by two of these gives what the `\n` text holds between
    /// the two, with the file's own line endings.
    pub fn written_byte(&self, byte: usize) -> usize {
        match self.step_before(byte) {
            Some(step) => step.written_byte as usize + (byte - step.byte as usize),
            None => byte,
        }
    }

    fn step_before(&self, byte: usize) -> Option<Step> {
        let after = self.steps.partition_point(|s| s.byte as usize <= byte);
        after.checked_sub(1).map(|i| self.steps[i])
    }
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The same as ingest's newline normalisation, written out plainly.
    fn with_lf(written: &str) -> String {
        written.replace("\r\n", "\n").replace('\r', "\n")
    }

    #[test]
    fn ascii_with_lf_maps_to_itself() {
        let offsets = FileOffsets::new("Putin met Xi\nin Samarkand");
        assert_eq!(offsets.code_point(0), 0);
        assert_eq!(offsets.code_point(13), 13);
        assert!(offsets.steps.is_empty());
    }

    #[test]
    fn crlf_counts_two_and_a_lone_cr_one() {
        // Ours: "a\nb\nc" (bytes 0..5); written: "a\r\nb\rc".
        let offsets = FileOffsets::new("a\r\nb\rc");
        let mapped: Vec<usize> = (0..=5).map(|b| offsets.code_point(b)).collect();
        assert_eq!(mapped, [0, 1, 3, 4, 5, 6]);
        let bytes: Vec<usize> = (0..=5).map(|b| offsets.written_byte(b)).collect();
        assert_eq!(bytes, mapped);
    }

    #[test]
    fn multi_byte_characters_count_one() {
        // "£" is 2 bytes, "𝄞" 4; each one code point.
        let offsets = FileOffsets::new("£5 𝄞 x");
        assert_eq!(offsets.code_point(2), 1);
        assert_eq!(offsets.code_point(4), 3);
        assert_eq!(offsets.code_point(8), 4);
        assert_eq!(offsets.code_point(10), 6);
        assert_eq!(offsets.written_byte(10), 10);
    }

    proptest! {
        /// Every character boundary of the `\n` text maps to a prefix of the written text
        /// that normalises to the same prefix: slicing by mapped offsets gives what was found.
        #[test]
        fn prefixes_agree(written in "[ab\r\n£é𝄞 ]{0,40}") {
            let ours = with_lf(&written);
            let offsets = FileOffsets::new(&written);
            let chars: Vec<char> = written.chars().collect();
            for (byte, _) in ours.char_indices().chain([(ours.len(), ' ')]) {
                let prefix: String = chars[..offsets.code_point(byte)].iter().collect();
                prop_assert_eq!(with_lf(&prefix), &ours[..byte]);
                prop_assert_eq!(&written[..offsets.written_byte(byte)], prefix.as_str());
            }
        }
    }
}
