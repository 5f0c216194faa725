//! Name spellings: the SDKs write one schema name as `cidr_block` (Python) or `cidrBlock`
//! (Node), and acronyms fold differently (`instanceIDs`, `instance_ids`), so names compare in a
//! normal form; and suggestions for a name that exists in neither.

/// Lower case without underscores: the form every spelling of a schema name shares.
pub fn normalize(name: &str) -> String {
    name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}

/// Whether two spellings name the same schema name (`normalize(a) == normalize(b)`), without
/// allocating: rules compare names in their inner loops.
pub fn same_name(a: &str, b: &str) -> bool {
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| *c != '_').flat_map(char::to_lowercase)
    }
    folded(a).eq(folded(b))
}

/// The candidate closest to `name` when it is close enough to be a likely typo or a near miss
/// (`version` for `versioning`, `BucketReplicationConfig` for `BucketReplication`).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = normalize(name);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let m = normalize(c);
        let limit = (n.len().max(m.len()) / 3).max(1);
        // The distance is at least the difference in length: skip what cannot be close without
        // computing it (a 20,000-character key against every candidate took seconds).
        if m.chars().count().abs_diff(n.chars().count()) > limit {
            continue;
        }
        let d = if m.starts_with(&n) || n.starts_with(&m) { m.len().abs_diff(n.len()) } else { distance(&n, &m) };
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || d == bd && c < bc) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
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
        assert_eq!(closest("versionning", ["versioning", "website"]), Some("versioning"));
        assert_eq!(closest("BucketReplication", ["BucketReplicationConfig", "BucketPolicy"]), Some("BucketReplicationConfig"));
        assert_eq!(closest("tags", ["acl", "bucket"]), None);
    }
}
