//! The share link's compressor: raw deflate (RFC 1951) of a draft's body,
//! with back-references into a dictionary that the decoder puts in front of
//! its output.
//!
//! Written here rather than taken from miniz_oxide's compressor, which cost
//! 9.4 KB of gzip in the wasm for options a link never needs. It does what a
//! good deflate does on small inputs: lazy LZ77 matching over hash chains,
//! then one block with Huffman codes built for this input (or the fixed
//! codes, when they come out shorter). The tests check every stream with
//! miniz_oxide's decoder, independent of Candor's own (`inflate.rs`).

use crate::order::sort_by;

const WINDOW: usize = 32 * 1024;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const HASH_BITS: u32 = 15;
/// How many earlier places with the same three bytes are compared.
const MAX_CHAIN: usize = 4096;
/// A three-byte match further back than this costs more than three literals.
const FAR_FOR_THREE: usize = 4096;
const NONE: u32 = u32::MAX;

/// A literal byte (`dist` 0) or a match of `len` bytes `dist` back.
#[derive(Clone, Copy)]
struct Token {
    len: u16,
    dist: u16,
}

/// The raw deflate stream of `body`, which may refer back into `prefix`.
pub fn compress(prefix: &[u8], body: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(prefix.len() + body.len());
    data.extend_from_slice(prefix);
    data.extend_from_slice(body);
    let tokens = lz77(&data, prefix.len());
    let dynamic = block(&tokens, None);
    let fixed = block(&tokens, Some(fixed_lengths()));
    if fixed.len() < dynamic.len() {
        fixed
    } else {
        dynamic
    }
}

// ---------------------------------------------------------------------------
// Finding repeats

struct Chains<'a> {
    data: &'a [u8],
    head: Vec<u32>,
    prev: Vec<u32>,
}

impl Chains<'_> {
    fn hash(&self, at: usize) -> usize {
        let d = self.data;
        let word = u32::from_le_bytes([d[at], d[at + 1], d[at + 2], 0]);
        (word.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
    }

    fn insert(&mut self, at: usize) {
        if at + MIN_MATCH <= self.data.len() {
            let h = self.hash(at);
            self.prev[at] = self.head[h];
            self.head[h] = at as u32;
        }
    }

    /// The longest earlier copy of the bytes at `at`: (length, distance).
    fn longest(&self, at: usize) -> (usize, usize) {
        let d = self.data;
        let most = (d.len() - at).min(MAX_MATCH);
        if most < MIN_MATCH {
            return (0, 0);
        }
        let (mut best_len, mut best_dist) = (0, 0);
        let mut candidate = self.head[self.hash(at)];
        let mut probes = 0;
        while candidate != NONE && probes < MAX_CHAIN {
            let from = candidate as usize;
            let dist = at - from;
            if dist > WINDOW {
                break;
            }
            if d[from + best_len.min(most - 1)] == d[at + best_len.min(most - 1)] {
                let len = d[from..from + most]
                    .iter()
                    .zip(&d[at..at + most])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best_len && (len > MIN_MATCH || dist <= FAR_FOR_THREE) {
                    (best_len, best_dist) = (len, dist);
                    if len == most {
                        break;
                    }
                }
            }
            candidate = self.prev[from];
            probes += 1;
        }
        if best_len >= MIN_MATCH {
            (best_len, best_dist)
        } else {
            (0, 0)
        }
    }
}

/// Literals and matches for `data[start..]`, lazily: a match is put off by
/// a byte when the next place has a longer one.
fn lz77(data: &[u8], start: usize) -> Vec<Token> {
    let mut chains = Chains {
        data,
        head: vec![NONE; 1 << HASH_BITS],
        prev: vec![NONE; data.len()],
    };
    for at in 0..start {
        chains.insert(at);
    }
    let mut tokens = Vec::with_capacity(data.len() - start);
    let literal = |byte: u8| Token {
        len: u16::from(byte),
        dist: 0,
    };
    let mut at = start;
    while at < data.len() {
        let (len, dist) = chains.longest(at);
        chains.insert(at);
        if len == 0 || (at + 1 < data.len() && chains.longest(at + 1).0 > len) {
            tokens.push(literal(data[at]));
            at += 1;
            continue;
        }
        tokens.push(Token {
            len: len as u16,
            dist: dist as u16,
        });
        for next in at + 1..at + len {
            chains.insert(next);
        }
        at += len;
    }
    tokens
}

// ---------------------------------------------------------------------------
// Writing the block

// The format's tables (RFC 1951, 3.2.5 and 3.2.7), shared with inflate.rs.
pub(super) const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
pub(super) const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
pub(super) const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
pub(super) const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order the code-length code's own lengths are sent in.
pub(super) const CL_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];
const END: usize = 256;

/// Which base in `bases` a value falls under.
fn slot(bases: &[u16], value: u16) -> usize {
    bases.partition_point(|&b| b <= value) - 1
}

/// The symbols a token is sent as: (literal/length symbol, distance symbol).
fn symbols(token: Token) -> (usize, Option<usize>) {
    if token.dist == 0 {
        (usize::from(token.len), None)
    } else {
        let len = 257 + slot(&LEN_BASE, token.len);
        (len, Some(slot(&DIST_BASE, token.dist)))
    }
}

/// The fixed codes' lengths (RFC 1951 3.2.6): literal/length, then distance.
fn fixed_lengths() -> (Vec<u8>, Vec<u8>) {
    let lit = (0..288)
        .map(|s| match s {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        })
        .collect();
    (lit, vec![5; 30])
}

/// One final block of `tokens` and the end symbol: with the fixed codes
/// when `fixed` is given, else with codes made for these tokens.
fn block(tokens: &[Token], fixed: Option<(Vec<u8>, Vec<u8>)>) -> Vec<u8> {
    let mut out = Bits::default();
    out.put(1, 1); // the last block
    let (lit_lengths, dist_lengths) = match fixed {
        Some(lengths) => {
            out.put(1, 2);
            lengths
        }
        None => {
            let mut lit_freq = vec![0u32; 286];
            let mut dist_freq = vec![0u32; 30];
            lit_freq[END] = 1;
            for &token in tokens {
                let (lit, dist) = symbols(token);
                lit_freq[lit] += 1;
                if let Some(d) = dist {
                    dist_freq[d] += 1;
                }
            }
            let lit_lengths = code_lengths(&lit_freq, 15);
            let dist_lengths = code_lengths(&dist_freq, 15);
            out.put(2, 2);
            write_trees(&mut out, &lit_lengths, &dist_lengths);
            (lit_lengths, dist_lengths)
        }
    };
    let lit_codes = codes(&lit_lengths);
    let dist_codes = codes(&dist_lengths);
    for &token in tokens {
        let (lit, dist) = symbols(token);
        out.put(lit_codes[lit], u32::from(lit_lengths[lit]));
        if let Some(d) = dist {
            let l = lit - 257;
            out.put(u32::from(token.len - LEN_BASE[l]), u32::from(LEN_EXTRA[l]));
            out.put(dist_codes[d], u32::from(dist_lengths[d]));
            out.put(
                u32::from(token.dist - DIST_BASE[d]),
                u32::from(DIST_EXTRA[d]),
            );
        }
    }
    out.put(lit_codes[END], u32::from(lit_lengths[END]));
    out.finish()
}

/// The dynamic block's header: how many codes, then both code-length lists,
/// run-length coded with the code-length code.
fn write_trees(out: &mut Bits, lit_lengths: &[u8], dist_lengths: &[u8]) {
    let used = |lengths: &[u8], least: usize| {
        (lengths.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1)).max(least)
    };
    let hlit = used(lit_lengths, 257);
    let hdist = used(dist_lengths, 1);
    let all: Vec<u8> = lit_lengths[..hlit]
        .iter()
        .chain(&dist_lengths[..hdist])
        .copied()
        .collect();
    // (symbol, extra bits value, extra bit count)
    let mut runs: Vec<(usize, u32, u32)> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let value = all[i];
        let mut run = all[i..].iter().take_while(|&&v| v == value).count();
        i += run;
        if value == 0 {
            while run >= 11 {
                let n = run.min(138);
                runs.push((18, (n - 11) as u32, 7));
                run -= n;
            }
            if run >= 3 {
                runs.push((17, (run - 3) as u32, 3));
                run = 0;
            }
        } else {
            runs.push((usize::from(value), 0, 0));
            run -= 1;
            while run >= 3 {
                let n = run.min(6);
                runs.push((16, (n - 3) as u32, 2));
                run -= n;
            }
        }
        runs.extend(std::iter::repeat_n((usize::from(value), 0, 0), run));
    }
    let mut cl_freq = vec![0u32; 19];
    for &(symbol, _, _) in &runs {
        cl_freq[symbol] += 1;
    }
    let cl_lengths = code_lengths(&cl_freq, 7);
    let cl_codes = codes(&cl_lengths);
    let hclen = CL_ORDER
        .iter()
        .rposition(|&s| cl_lengths[s] != 0)
        .map_or(0, |i| i + 1)
        .max(4);
    out.put((hlit - 257) as u32, 5);
    out.put((hdist - 1) as u32, 5);
    out.put((hclen - 4) as u32, 4);
    for &s in &CL_ORDER[..hclen] {
        out.put(u32::from(cl_lengths[s]), 3);
    }
    for (symbol, extra, bits) in runs {
        out.put(cl_codes[symbol], u32::from(cl_lengths[symbol]));
        out.put(extra, bits);
    }
}

/// Huffman code lengths for these symbol counts, none longer than `max`.
/// At least two symbols get a code, so every decoder accepts the tree.
fn code_lengths(freq: &[u32], max: u8) -> Vec<u8> {
    let mut freq = freq.to_vec();
    for s in 0..2 {
        if freq.iter().filter(|&&f| f > 0).count() < 2 && freq[s] == 0 {
            freq[s] = 1;
        }
    }
    let mut leaves: Vec<usize> = (0..freq.len()).filter(|&s| freq[s] > 0).collect();
    sort_by(&mut leaves, |a, b| freq[*a].cmp(&freq[*b]));
    let n = leaves.len();

    // Two queues: the leaves in order, and the joined nodes, which are made
    // in order of weight too. Node k < n is leaf k; parents come after.
    let mut weight: Vec<u64> = leaves.iter().map(|&s| u64::from(freq[s])).collect();
    let mut parent = vec![0usize; 2 * n - 1];
    let (mut next_leaf, mut next_joined) = (0, n);
    for joined in n..2 * n - 1 {
        let mut smallest = || {
            let take_leaf = next_leaf < n
                && (next_joined >= joined || weight[next_leaf] <= weight[next_joined]);
            if take_leaf {
                next_leaf += 1;
                next_leaf - 1
            } else {
                next_joined += 1;
                next_joined - 1
            }
        };
        let (a, b) = (smallest(), smallest());
        weight.push(weight[a] + weight[b]);
        parent[a] = joined;
        parent[b] = joined;
    }
    let mut depth = vec![0u32; 2 * n - 1];
    for k in (0..2 * n - 2).rev() {
        depth[k] = depth[parent[k]] + 1;
    }

    // How many codes of each length; too-long codes are shortened and the
    // total moved back under 2^max by lengthening shorter ones.
    let max = usize::from(max);
    let mut count = vec![0u32; max + 1];
    for &d in &depth[..n] {
        count[(d as usize).min(max)] += 1;
    }
    let kraft =
        |count: &[u32]| -> u64 { (1..=max).map(|l| u64::from(count[l]) << (max - l)).sum() };
    let mut total = kraft(&count);
    while total > 1 << max {
        count[max] -= 1;
        if let Some(l) = (1..max).rev().find(|&l| count[l] > 0) {
            count[l] -= 1;
            count[l + 1] += 2;
        }
        total -= 1;
    }

    // The rarest symbols get the longest codes.
    let mut lengths = vec![0u8; freq.len()];
    let mut rarest = leaves.iter();
    for len in (1..=max).rev() {
        for _ in 0..count[len] {
            if let Some(&s) = rarest.next() {
                lengths[s] = len as u8;
            }
        }
    }
    lengths
}

/// Canonical codes (RFC 1951 3.2.2) for these lengths, bit-reversed as
/// deflate sends them.
fn codes(lengths: &[u8]) -> Vec<u32> {
    let mut count = [0u32; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    for bits in 1..16 {
        next[bits] = (next[bits - 1] + count[bits - 1]) << 1;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return 0;
            }
            let code = next[usize::from(l)];
            next[usize::from(l)] += 1;
            code.reverse_bits() >> (32 - u32::from(l))
        })
        .collect()
}

/// Bits, least significant first, as deflate packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::inflate::decompress_to_vec;

    /// Inflates with miniz_oxide, the dictionary in front as the link decoder does.
    fn inflate(prefix: &[u8], stream: &[u8]) -> Vec<u8> {
        // A stored block holding the prefix, then the stream: one deflate
        // stream whose output is prefix + body.
        let mut whole = Vec::new();
        for chunk in prefix.chunks(65_535) {
            let len = chunk.len() as u16;
            whole.push(0);
            whole.extend_from_slice(&len.to_le_bytes());
            whole.extend_from_slice(&(!len).to_le_bytes());
            whole.extend_from_slice(chunk);
        }
        whole.extend_from_slice(stream);
        let out = decompress_to_vec(&whole).expect("a valid deflate stream");
        out[prefix.len()..].to_vec()
    }

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn every_kind_of_input_inflates_back() {
        let dict = b"the service was unavailable and we are sorry; the service ";
        let mut seed = 7;
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"a".to_vec(),
            b"the service was unavailable".to_vec(),
            vec![0; 100_000],
            (0..=255).collect(),
        ];
        for len in [3, 50, 700, 5_000, 70_000] {
            // Random bytes, and text-like bytes from a small alphabet.
            cases.push((0..len).map(|_| lcg(&mut seed) as u8).collect());
            cases.push(
                (0..len)
                    .map(|_| b"abc de"[(lcg(&mut seed) % 6) as usize])
                    .collect(),
            );
        }
        for body in cases {
            for prefix in [&dict[..], &[][..]] {
                let stream = compress(prefix, &body);
                assert_eq!(inflate(prefix, &stream), body, "{} bytes", body.len());
            }
        }
    }

    #[test]
    fn code_lengths_are_complete_and_limited() {
        let mut seed = 3;
        // As used: up to 19 symbols with codes of at most 7 bits, up to 286
        // with at most 15.
        for (n, max) in [
            (2, 7u8),
            (3, 7),
            (19, 7),
            (2, 15),
            (19, 15),
            (30, 15),
            (286, 15),
        ] {
            {
                // Very skewed counts force lengths past the limit.
                let freq: Vec<u32> = (0..n)
                    .map(|i| {
                        if i % 2 == 0 {
                            1 << (i % 25)
                        } else {
                            (lcg(&mut seed) % 5) as u32
                        }
                    })
                    .collect();
                let lengths = code_lengths(&freq, max);
                assert!(lengths.iter().all(|&l| l <= max));
                let kraft: f64 = lengths
                    .iter()
                    .filter(|&&l| l > 0)
                    .map(|&l| 0.5f64.powi(l.into()))
                    .sum();
                assert!((kraft - 1.0).abs() < 1e-9, "n {n} max {max}: {kraft}");
                for (s, &f) in freq.iter().enumerate() {
                    assert!(f == 0 || lengths[s] > 0, "a used symbol has a code");
                }
            }
        }
    }

    #[test]
    fn repeats_of_the_dictionary_cost_little() {
        let dict = crate::share::DICTIONARY.as_bytes();
        let body = &dict[1_000..3_000];
        let stream = compress(dict, body);
        assert!(
            stream.len() < 40,
            "{} bytes for 2,000 repeated",
            stream.len()
        );
        assert_eq!(inflate(dict, &stream), body);
    }
}
