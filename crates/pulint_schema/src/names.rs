//! Name spellings: the SDKs write one schema name as `cidr_block` (Python) or `cidrBlock`
//! (Node), and acronyms fold differently (`instanceIDs`, `instance_ids`), so names compare in a
//! normal form; and suggestions for a name that exists in neither.

/// Lower case without underscores: the form every spelling of a schema name shares.
pub fn normalize(name: &str) -> String {
    if name.is_ascii() {
        // Byte by byte: `char::to_lowercase` per character cost more than the lookups it serves.
        let mut out = String::with_capacity(name.len());
        out.extend(name.bytes().filter(|b| *b != b'_').map(|b| char::from(b.to_ascii_lowercase())));
        return out;
    }
    folded(name).collect()
}

/// Whether two spellings name the same schema name (`normalize(a) == normalize(b)`), without
/// allocating: rules compare names in their inner loops.
pub fn same_name(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return folded_ascii(a).eq(folded_ascii(b));
    }
    folded(a).eq(folded(b))
}

/// Whether `key`, a name already in normal form, is the normal form of `name`, without
/// allocating (`key == normalize(name)`): schema lookups compare one name with every property.
pub fn is_normal_of(key: &str, name: &str) -> bool {
    if !name.is_ascii() {
        return folded(name).eq(key.chars());
    }
    let underscores = name.bytes().filter(|b| *b == b'_').count();
    key.len() + underscores == name.len() && folded_ascii(name).eq(key.bytes())
}

/// The bytes of an ASCII name's normal form.
fn folded_ascii(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().filter(|b| *b != b'_').map(|b| b.to_ascii_lowercase())
}

/// The candidate closest to `name` when it is close enough to be a likely typo or a near miss
/// (`version` for `versioning`, `BucketReplicationConfig` for `BucketReplication`).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n: Vec<char> = folded(name).collect();
    // Buffers reused across candidates: a name is compared with up to thousands of them.
    let (mut m, mut row) = (Vec::new(), Vec::new());
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        m.clear();
        m.extend(folded(c));
        let limit = (n.len().max(m.len()) / 3).max(1);
        // The distance is at least the difference in length: skip what cannot be close without
        // computing it (a 20,000-character key against every candidate took seconds).
        if m.len().abs_diff(n.len()) > limit {
            continue;
        }
        let d = if m.starts_with(&n) || n.starts_with(&m) { m.len().abs_diff(n.len()) } else { bounded_distance(&n, &m, limit, &mut row) };
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || d == bd && c < bc) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The characters of a name's normal form (see [`normalize`]).
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| *c != '_').flat_map(char::to_lowercase)
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_distance(&a, &b, usize::MAX, &mut Vec::new())
}

/// Levenshtein distance, or some value above `limit` as soon as every prefix alignment costs
/// more than `limit` (the distance cannot come back down).
fn bounded_distance(a: &[char], b: &[char], limit: usize, row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            least = least.min(row[j + 1]);
            prev = cur;
        }
        if least > limit {
            return least;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_suggestions() {
        assert_eq!(normalize("instance_ids"), normalize("instanceIDs"));
        for (key, name) in [("cidrblock", "cidr_block"), ("cidrblock", "cidrBlock"), ("größe", "Grö_ße"), ("", "__")] {
            assert!(is_normal_of(key, name), "{key} {name}");
            assert_eq!(normalize(name), key);
        }
        for (key, name) in [("cidrblock", "cidr_blocks"), ("cidrblocks", "cidrBlock"), ("größe", "grosse"), ("a", "")] {
            assert!(!is_normal_of(key, name), "{key} {name}");
        }
        assert!(same_name("Instance_IDs", "instanceIds") && !same_name("instanceId", "instanceIds") && same_name("Größe", "grö_ße"));
        assert_eq!(closest("versionning", ["versioning", "website"]), Some("versioning"));
        assert_eq!(closest("BucketReplication", ["BucketReplicationConfig", "BucketPolicy"]), Some("BucketReplicationConfig"));
        assert_eq!(closest("tags", ["acl", "bucket"]), None);
    }
}
