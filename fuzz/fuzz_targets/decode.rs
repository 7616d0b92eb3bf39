//! Fuzzes `candor::share::decode`: whatever the bytes, decoding returns a
//! draft or a `LinkError`, never panics or runs away with memory (libFuzzer's
//! -rss_limit_mb and -malloc_limit_mb catch that), and a draft it returns
//! survives a new link unchanged.
//!
//! Each input is also opened as a reader's link. It is tried four ways, so the fuzzer reaches every layer:
//! as the fragment text itself; as the payload of a link (the deflate stream
//! and CRC behind a valid version and length); and as the body of a
//! well-formed link (stored deflate blocks and a right CRC, so it reaches
//! the draft reader), once as this version's body (postcard, through serde)
//! and once as a version `1` body (the read-only legacy reader). The last
//! three build the link here, independently of Candor's encoder.
#![no_main]

use candor::share::{self, LinkError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // 1. The fragment as text: directly when it is UTF-8, else lossily.
    let result = match std::str::from_utf8(data) {
        Ok(text) => share::decode(text),
        Err(_) => share::decode(&String::from_utf8_lossy(data)),
    };
    check(result);
    // The same text as a reader's link (the notice for readers): it opens or
    // gets a sentence, and what opens links again the same.
    let text = String::from_utf8_lossy(data);
    if let Ok(notice) = share::decode_for_readers(&text) {
        let again = share::encode_for_readers(&notice.draft, notice.form);
        assert_eq!(share::decode_for_readers(&again), Ok(notice));
    }

    // 2. The bytes as a link's payload (deflate stream, then CRC).
    check(share::decode(&share::link_around_payload(data)));

    // 3. The bytes as a draft's body, in stored deflate blocks with its CRC:
    //    a well-formed link, so only the draft reader can refuse it.
    let mut payload = Vec::with_capacity(data.len() + 16);
    let mut blocks = data.chunks(65_535).peekable();
    if blocks.peek().is_none() {
        payload.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let len = block.len() as u16;
        payload.push(u8::from(blocks.peek().is_none()));
        payload.extend_from_slice(&len.to_le_bytes());
        payload.extend_from_slice(&(!len).to_le_bytes());
        payload.extend_from_slice(block);
    }
    payload.extend_from_slice(&share::checksum(data).to_le_bytes());
    let link = share::link_around_payload(&payload);
    // 4. The same link as a version `1` link: the same framing and dictionary.
    let v1 = format!("1{}", &link[1..]);
    for link in [link, v1] {
        match share::decode(&link) {
            Ok(draft) => check(Ok(draft)),
            Err(LinkError::InvalidDraft(_)) | Err(LinkError::NewerVersion) => {}
            Err(other) => panic!("a well-formed link failed with {other:?}"),
        }
    }
});

/// A draft that opens must open again, the same, from its own new link.
fn check(result: Result<candor::model::Draft, LinkError>) {
    if let Ok(draft) = result {
        assert_eq!(share::decode(&share::encode(&draft)), Ok(draft));
    }
}
