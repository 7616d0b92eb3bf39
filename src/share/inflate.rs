//! Raw deflate decoding (RFC 1951) for share links, with the dictionary in
//! front of the output so the stream may refer back into it, and a cap on
//! what it will write.
//!
//! Written here rather than taken from miniz_oxide: its decoder is built for
//! speed with large tables and cost 2.6 KB of gzip in the wasm; a link is a
//! few hundred bytes, so this one decodes a symbol a bit at a time (a 20 KB
//! draft in well under a millisecond). miniz_oxide stays as the tests'
//! independent decoder: every stream is checked against it.

/// Why a stream could not be inflated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// It ends early or does not follow the format.
    Damaged,
    /// It inflates to more than the cap.
    TooLarge,
}

use super::deflate::{CL_ORDER, DIST_BASE, DIST_EXTRA, LEN_BASE, LEN_EXTRA};
use InflateError::{Damaged, TooLarge};

/// Inflates `input` as if `dict` had come just before its output. Returns
/// the output without the dictionary and how many bytes of `input` the
/// stream took (up to the byte its last bit is in). Writes at most `cap`
/// bytes after the dictionary.
pub fn inflate(dict: &[u8], input: &[u8], cap: usize) -> Result<(Vec<u8>, usize), InflateError> {
    let mut bits = Bits {
        input,
        pos: 0,
        buf: 0,
        count: 0,
    };
    let limit = dict.len().saturating_add(cap);
    // Start near what a link inflates to and grow by doubling, never past
    // the cap, so a hostile stream cannot make it reserve more.
    let first = dict.len() + input.len().saturating_mul(4).clamp(1024, cap.max(1024));
    let mut out = Vec::with_capacity(first.min(limit));
    out.extend_from_slice(dict);
    loop {
        let last = bits.take(1)? == 1;
        match bits.take(2)? {
            0 => stored(&mut bits, &mut out, limit)?,
            1 => {
                let (lit, dist) = fixed();
                codes(&mut bits, &mut out, limit, &lit, &dist)?;
            }
            2 => {
                let (lit, dist) = dynamic(&mut bits)?;
                codes(&mut bits, &mut out, limit, &lit, &dist)?;
            }
            _ => return Err(Damaged),
        }
        if last {
            break;
        }
    }
    out.drain(..dict.len());
    Ok((out, bits.pos))
}

/// The input, read least significant bit first.
struct Bits<'a> {
    input: &'a [u8],
    pos: usize,
    buf: u32,
    count: u32,
}

impl Bits<'_> {
    fn take(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.count < n {
            let byte = *self.input.get(self.pos).ok_or(Damaged)?;
            self.pos += 1;
            self.buf |= u32::from(byte) << self.count;
            self.count += 8;
        }
        let value = self.buf & ((1u32 << n) - 1);
        self.buf >>= n;
        self.count -= n;
        Ok(value)
    }
}

/// A stored block: the rest of the byte is dropped, then a length, its
/// complement, and that many bytes as they are.
fn stored(bits: &mut Bits, out: &mut Vec<u8>, limit: usize) -> Result<(), InflateError> {
    bits.buf = 0;
    bits.count = 0;
    let header = bits.input.get(bits.pos..bits.pos + 4).ok_or(Damaged)?;
    let len = u16::from_le_bytes([header[0], header[1]]);
    if !len != u16::from_le_bytes([header[2], header[3]]) {
        return Err(Damaged);
    }
    let start = bits.pos + 4;
    let data = bits
        .input
        .get(start..start + usize::from(len))
        .ok_or(Damaged)?;
    room(out, data.len(), limit)?;
    out.extend_from_slice(data);
    bits.pos = start + data.len();
    Ok(())
}

/// Makes room for `more` bytes, or refuses when they would pass `limit`.
fn room(out: &mut Vec<u8>, more: usize, limit: usize) -> Result<(), InflateError> {
    let need = out.len() + more;
    if need > limit {
        return Err(TooLarge);
    }
    if need > out.capacity() {
        let target = out.capacity().saturating_mul(2).clamp(need, limit);
        out.reserve_exact(target - out.len());
    }
    Ok(())
}

/// A canonical Huffman code: how many codes have each length, and the
/// symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    /// Builds the code from each symbol's code length (0: not used).
    /// Refuses lengths that give more codes than there are bit patterns.
    fn new(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let mut counts = [0u16; 16];
        for &len in lengths {
            counts[usize::from(len)] += 1;
        }
        counts[0] = 0;
        let mut left: i32 = 1;
        for &count in &counts[1..] {
            left = left * 2 - i32::from(count);
            if left < 0 {
                return Err(Damaged);
            }
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (symbol, &len) in lengths.iter().enumerate() {
            if len != 0 {
                symbols[usize::from(offsets[usize::from(len)])] = symbol as u16;
                offsets[usize::from(len)] += 1;
            }
        }
        Ok(Huffman { counts, symbols })
    }

    /// Reads one symbol, a bit at a time. A pattern no symbol has (an
    /// incomplete code) is damage.
    fn decode(&self, bits: &mut Bits) -> Result<u16, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.counts[1..] {
            code |= bits.take(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                return Ok(self.symbols[(index + code - first) as usize]);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(Damaged)
    }
}

/// The fixed codes of block type 1.
fn fixed() -> (Huffman, Huffman) {
    let mut lengths = [8u8; 288];
    lengths[144..256].fill(9);
    lengths[256..280].fill(7);
    let lit = Huffman::new(&lengths).expect("the fixed lengths are a code");
    let dist = Huffman::new(&[5u8; 30]).expect("the fixed lengths are a code");
    (lit, dist)
}

/// The codes of a block of type 2, read from its header.
fn dynamic(bits: &mut Bits) -> Result<(Huffman, Huffman), InflateError> {
    let nlen = bits.take(5)? as usize + 257;
    let ndist = bits.take(5)? as usize + 1;
    let ncode = bits.take(4)? as usize + 4;
    if nlen > 286 || ndist > 30 {
        return Err(Damaged);
    }
    let mut lengths = [0u8; 19];
    for &i in &CL_ORDER[..ncode] {
        lengths[i] = bits.take(3)? as u8;
    }
    let code_lengths = Huffman::new(&lengths)?;
    let mut lengths = vec![0u8; nlen + ndist];
    let mut i = 0;
    while i < lengths.len() {
        let symbol = code_lengths.decode(bits)?;
        let (value, repeat) = match symbol {
            0..=15 => (symbol as u8, 1),
            16 => {
                let previous = *lengths[..i].last().ok_or(Damaged)?;
                (previous, 3 + bits.take(2)? as usize)
            }
            17 => (0, 3 + bits.take(3)? as usize),
            _ => (0, 11 + bits.take(7)? as usize),
        };
        let run = lengths.get_mut(i..i + repeat).ok_or(Damaged)?;
        run.fill(value);
        i += repeat;
    }
    // Without an end-of-block code no block could end.
    if lengths[256] == 0 {
        return Err(Damaged);
    }
    Ok((
        Huffman::new(&lengths[..nlen])?,
        Huffman::new(&lengths[nlen..])?,
    ))
}

/// The literals and copies of a compressed block, up to its end code.
fn codes(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    limit: usize,
    lit: &Huffman,
    dist: &Huffman,
) -> Result<(), InflateError> {
    loop {
        let symbol = usize::from(lit.decode(bits)?);
        if symbol < 256 {
            room(out, 1, limit)?;
            out.push(symbol as u8);
            continue;
        }
        if symbol == 256 {
            return Ok(());
        }
        let i = symbol - 257;
        let (&base, &extra) = LEN_BASE.get(i).zip(LEN_EXTRA.get(i)).ok_or(Damaged)?;
        let len = usize::from(base) + bits.take(u32::from(extra))? as usize;
        let d = usize::from(dist.decode(bits)?);
        let (&base, &extra) = DIST_BASE.get(d).zip(DIST_EXTRA.get(d)).ok_or(Damaged)?;
        let back = usize::from(base) + bits.take(u32::from(extra))? as usize;
        if back > out.len() {
            return Err(Damaged);
        }
        room(out, len, limit)?;
        let from = out.len() - back;
        for k in 0..len {
            out.push(out[from + k]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;
    use miniz_oxide::inflate::decompress_to_vec;
    use proptest::prelude::*;

    fn text(n: usize) -> Vec<u8> {
        "We are sorry. All e-mail sent to our support addresses was lost between 09:00 and 12:00. "
            .bytes()
            .cycle()
            .take(n)
            .collect()
    }

    #[test]
    fn every_block_type_inflates_as_miniz_oxide_does() {
        for level in [0, 1, 6, 10] {
            for n in [0, 1, 100, 5_000, 70_000] {
                let data = text(n);
                let stream = compress_to_vec(&data, level);
                let (out, used) = inflate(&[], &stream, 1 << 20).expect("inflates");
                assert_eq!(out, data, "level {level}, {n} bytes");
                assert_eq!(used, stream.len(), "level {level}, {n} bytes");
            }
        }
    }

    #[test]
    fn the_cap_is_kept() {
        let stream = compress_to_vec(&text(10_000), 6);
        assert_eq!(inflate(&[], &stream, 9_999), Err(TooLarge));
        assert!(inflate(&[], &stream, 10_000).is_ok());
        let stored = compress_to_vec(&text(1_000), 0);
        assert_eq!(inflate(&[], &stored, 999), Err(TooLarge));
    }

    #[test]
    fn a_copy_from_before_the_dictionary_is_damage() {
        // One final block of fixed codes: a copy of length 3 (symbol 257)
        // from distance 1 (code 0), then the end of the block, with no
        // output before the copy.
        let stream = [0x03, 0x02, 0x00];
        assert_eq!(inflate(&[], &stream, 100), Err(Damaged));
        // After a dictionary the same copy repeats the dictionary's last byte.
        let (out, used) = inflate(b"xy", &stream, 100).expect("inflates");
        assert_eq!((out.as_slice(), used), (&b"yyy"[..], 3));
    }

    #[test]
    fn what_follows_the_stream_is_not_read() {
        let mut stream = compress_to_vec(b"the notice", 6);
        let len = stream.len();
        stream.extend_from_slice(&[1, 2, 3, 4]);
        let (out, used) = inflate(&[], &stream, 100).expect("inflates");
        assert_eq!((out.as_slice(), used), (&b"the notice"[..], len));
    }

    proptest! {
        #[test]
        fn agrees_with_miniz_oxide_on_valid_streams(data in proptest::collection::vec(any::<u8>(), 0..3000), level in 0u8..=10) {
            let stream = compress_to_vec(&data, level);
            let (out, used) = inflate(&[], &stream, 1 << 20).expect("inflates");
            prop_assert_eq!(out, data);
            prop_assert_eq!(used, stream.len());
        }

        #[test]
        fn damaged_streams_never_panic_and_agree_when_both_decode(
            data in proptest::collection::vec(any::<u8>(), 1..400),
            level in 0u8..=10,
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4),
        ) {
            let mut stream = compress_to_vec(&data, level);
            for (at, x) in flips {
                let i = at % stream.len();
                stream[i] ^= x;
            }
            let ours = inflate(&[], &stream, 1 << 16);
            if let (Ok((ours, _)), Ok(theirs)) = (&ours, decompress_to_vec(&stream)) {
                prop_assert_eq!(ours, &theirs);
            }
        }

        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = inflate(b"dictionary", &bytes, 4096);
        }
    }
}
