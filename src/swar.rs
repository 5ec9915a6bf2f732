//! Eight bytes at a time: tests on the bytes of a `u64` ("SIMD within a register"), for the
//! scans that touch every byte of a report.
//!
//! A lane is one byte of the word, read little-endian (lane 0 is the first byte). The tests
//! set the high bit of a lane; a mask is nonzero exactly when some byte passes, and its lowest
//! set bit marks the first. Bits above a passing lane may be set falsely (a borrow runs on), so
//! callers use a mask to find candidates and check the bytes themselves.

/// One in every lane.
pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
/// The high bit of every lane.
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// The lanes of `w` that are `b`.
#[inline]
pub(crate) fn byte_lanes(w: u64, b: u8) -> u64 {
    let x = w ^ LO.wrapping_mul(u64::from(b));
    x.wrapping_sub(LO) & !x & HI
}

/// The lanes of `w` that are ASCII digits.
#[inline]
pub(crate) fn digit_lanes(w: u64) -> u64 {
    // Digits are the bytes below 10 once '0' is xored away.
    let x = w ^ LO.wrapping_mul(u64::from(b'0'));
    x.wrapping_sub(LO.wrapping_mul(10)) & !x & HI
}

/// The lanes of `w` that are below `n` (at most 128).
#[inline]
pub(crate) fn below_lanes(w: u64, n: u8) -> u64 {
    w.wrapping_sub(LO.wrapping_mul(u64::from(n))) & !w & HI
}

/// The lanes of `w` that are ASCII letters or digits, exactly (no false marks).
#[inline]
pub(crate) fn alnum_lanes(w: u64) -> u64 {
    let ascii = !w & HI;
    let x = w & !HI;
    // With the high bit of each lane set, subtracting never borrows across lanes.
    let at_least = |lo: u8| (x | HI).wrapping_sub(LO * u64::from(lo)) & HI;
    let at_most = |hi: u8| (LO * u64::from(hi | 0x80)).wrapping_sub(x) & HI;
    let lower = at_least(b'a') & at_most(b'z');
    let upper = at_least(b'A') & at_most(b'Z');
    let digit = at_least(b'0') & at_most(b'9');
    ascii & (lower | upper | digit)
}

/// Eight bytes of ASCII (no high bit set) with their capitals lowercased.
#[inline]
pub(crate) fn ascii_lowercase(w: u64) -> u64 {
    // With the high bit of each lane set, subtracting never borrows across lanes.
    let at_least_a = (w | HI).wrapping_sub(LO.wrapping_mul(u64::from(b'A'))) & HI;
    let at_most_z = (LO.wrapping_mul(u64::from(b'Z' | 0x80))).wrapping_sub(w) & HI;
    w | (at_least_a & at_most_z) >> 2
}

/// The eight bytes of `bytes` from `at` as a word, padded with `pad` past the end.
#[inline]
pub(crate) fn word_at(bytes: &[u8], at: usize, pad: u8) -> u64 {
    match bytes.get(at..at + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().unwrap_or([pad; 8])),
        None => {
            let rest = bytes.get(at..).unwrap_or_default();
            let mut padded = [pad; 8];
            if let Some(dst) = padded.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            u64::from_le_bytes(padded)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The high bits of the lanes whose byte passes `f`, byte by byte.
    fn exact(bytes: [u8; 8], f: impl Fn(u8) -> bool) -> u64 {
        bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| f(b))
            .fold(0, |m, (k, _)| m | 0x80 << (8 * k))
    }

    proptest::proptest! {
        #[test]
        fn lanes_mark_every_passing_byte_and_the_first_exactly(bytes in proptest::array::uniform8(proptest::num::u8::ANY), b in proptest::num::u8::ANY) {
            let w = u64::from_le_bytes(bytes);
            for (mask, want) in [
                (byte_lanes(w, b), exact(bytes, |x| x == b)),
                (digit_lanes(w), exact(bytes, |x| x.is_ascii_digit())),
                (below_lanes(w, 0x20), exact(bytes, |x| x < 0x20)),
            ] {
                // Every passing byte is marked; the lowest mark is a passing byte.
                proptest::prop_assert_eq!(mask & want, want);
                proptest::prop_assert_eq!(mask.trailing_zeros(), want.trailing_zeros());
            }
            proptest::prop_assert_eq!(alnum_lanes(w), exact(bytes, |x| x.is_ascii_alphanumeric()));
            if w & HI == 0 {
                proptest::prop_assert_eq!(ascii_lowercase(w), u64::from_le_bytes(bytes.map(|x| x.to_ascii_lowercase())));
            }
            proptest::prop_assert_eq!(word_at(&bytes[..3], 0, b'a').to_le_bytes(), [bytes[0], bytes[1], bytes[2], b'a', b'a', b'a', b'a', b'a']);
        }
    }
}
