//! A small stable hash (FNV-1a, 64 bit) for fingerprints that must not change between runs,
//! versions or machines (GitLab fingerprints, baseline entries).

/// FNV-1a over the parts, each followed by a 0xFF separator.
#[must_use]
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xFF]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The hash as 16 hex digits.
#[must_use]
pub fn hex(parts: &[&str]) -> String {
    format!("{:016x}", fnv1a(parts))
}
