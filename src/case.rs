//! Lower case for the letters Candor's texts and place names use: ASCII,
//! Latin-1 and Latin Extended-A, as `char::to_lowercase` maps them. Other
//! letters stay as they are, and so does İ (whose lower case, i and a
//! combining dot, is longer): a text keeps its length in bytes, so offsets
//! into it still hold. Written out because std's tables for all of Unicode
//! cost about 7 KB of gzipped wasm.

pub(crate) fn lower(c: char) -> char {
    let n = u32::from(c);
    let lower = match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => n + 0x20,
        // Pairs, capital first: Āā … Ķķ and Ŋŋ … Ŷŷ with the capital even,
        // Ĺĺ … Ňň and Źź Żż Žž with it odd.
        'Ā'..='ķ' | 'Ŋ'..='ŷ' if n % 2 == 0 && c != 'İ' => n + 1,
        'Ĺ'..='ň' | 'Ź'..='ž' if n % 2 == 1 => n + 1,
        'Ÿ' => u32::from('ÿ'),
        _ => n,
    };
    char::from_u32(lower).unwrap_or(c)
}

pub(crate) fn lower_str(text: &str) -> String {
    text.chars().map(lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_std_lowercase_for_latin_and_leaves_the_rest() {
        for c in (0..=0x2FFF).filter_map(char::from_u32) {
            let std: String = c.to_lowercase().collect();
            if u32::from(c) <= 0x17F && c != 'İ' {
                assert_eq!(lower(c).to_string(), std, "{c}");
            } else {
                assert_eq!(lower(c), c, "{c}");
            }
            assert_eq!(lower(c).len_utf8(), c.len_utf8(), "{c}");
        }
        assert_eq!(
            lower_str("ZÜRICH, SÃO PAULO, ŁÓDŹ"),
            "zürich, são paulo, łódź"
        );
    }
}
