//! Name spellings: the SDKs write one schema name as `cidr_block` (Python) or `cidrBlock`
//! (Node), and acronyms fold differently (`instanceIDs`, `instance_ids`), so names compare in a
//! normal form; and suggestions for a name that exists in neither.

/// Lower case without underscores: the form every spelling of a schema name shares.
pub fn normalize(name: &str) -> String {
    if name.is_ascii() {
        // Byte by byte: `char::to_lowercase` per character cost more than the lookups it serves.
        return folded_ascii(name).map(char::from).collect();
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

/// Calls `f` with the normal form of `name` (see [`normalize`]), built on the stack when the
/// name is short ASCII: lookups that compare one name with many stored normal forms fold it once.
pub(crate) fn with_normal<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    if !name.is_ascii() {
        return f(&normalize(name));
    }
    // Lower-cased ASCII is ASCII: the conversion cannot fail.
    with_folded(name, |b| b != b'_', |bytes| f(std::str::from_utf8(bytes).unwrap_or_default()))
}

/// Calls `f` with the bytes of `text` that `keep` lets through, in ASCII lower case, folded on the
/// stack when they fit: names and keys are folded for every lookup and every value, and short.
pub fn with_folded<R>(text: &str, keep: impl Fn(u8) -> bool, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for b in text.bytes().filter(|b| keep(*b)) {
        if n == buf.len() {
            let long: Vec<u8> = text.bytes().filter(|b| keep(*b)).map(|b| b.to_ascii_lowercase()).collect();
            return f(&long);
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    f(&buf[..n])
}

/// The bytes of an ASCII name's normal form.
fn folded_ascii(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().filter(|b| *b != b'_').map(|b| b.to_ascii_lowercase())
}

/// The candidate closest to `name` when it is close enough to be a likely typo or a near miss
/// (`version` for `versioning`, `BucketReplicationConfig` for `BucketReplication`).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n: Vec<char> = folded(name).collect();
    let counts = char_counts(&n);
    // Buffers reused across candidates: a name is compared with up to thousands of them.
    let (mut m, mut row) = (Vec::new(), Vec::new());
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        m.clear();
        if c.is_ascii() {
            m.extend(folded_ascii(c).map(char::from));
        } else {
            m.extend(folded(c));
        }
        let limit = (n.len().max(m.len()) / 3).max(1);
        // Only a distance up to the best so far can still win (a tie by the smaller name).
        let bound = best.map_or(limit, |(bd, _)| limit.min(bd));
        // The distance is at least the difference in length and at least the difference of
        // the letter counts: skip what cannot be close without computing it (a 20,000-character
        // key against every candidate took seconds).
        if m.len().abs_diff(n.len()) > bound || count_distance(&counts, n.len(), &m) > bound {
            continue;
        }
        let d = if m.starts_with(&n) || n.starts_with(&m) { m.len().abs_diff(n.len()) } else { bounded_distance(&n, &m, bound, &mut row) };
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

/// How often each ASCII character occurs (all other characters share the last slot).
fn char_counts(s: &[char]) -> [i32; 129] {
    let mut counts = [0; 129];
    for &c in s {
        counts[(c as usize).min(128)] += 1;
    }
    counts
}

/// A lower bound of the Levenshtein distance between the text `n` counted in `counts` and `m`:
/// each edit changes at most one count up and one down.
fn count_distance(counts: &[i32; 129], n_len: usize, m: &[char]) -> usize {
    let mut left = *counts;
    // Characters of `m` beyond what `n` has; `n` then has `fewer + n_len - m_len` beyond `m`.
    let mut fewer = 0usize;
    for &c in m {
        let slot = &mut left[(c as usize).min(128)];
        *slot -= 1;
        if *slot < 0 {
            fewer += 1;
        }
    }
    let more = (fewer + n_len).saturating_sub(m.len());
    more.max(fewer)
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_distance(&a, &b, usize::MAX, &mut Vec::new())
}

/// Whether the Levenshtein distance of `a` and `b` is at most `limit`, stopping as soon as it
/// cannot be.
pub fn within(a: &str, b: &str, limit: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    a.len().abs_diff(b.len()) <= limit && bounded_distance(&a, &b, limit, &mut Vec::new()) <= limit
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
            assert_eq!(normalize(name), key);
            assert!(with_normal(name, |n| n == key), "{key} {name}");
        }
        assert_eq!(with_normal("Cidr_Block", str::to_string), "cidrblock");
        assert!(within("versioning", "versionning", 1) && !within("versioning", "website", 2) && within("", "ab", 2) && !within("", "abc", 2));
        assert_eq!(with_normal("Grö_ße", str::to_string), "größe");
        let long = "A_b".repeat(40);
        assert_eq!(with_normal(&long, str::to_string), normalize(&long));
        assert!(same_name("Instance_IDs", "instanceIds") && !same_name("instanceId", "instanceIds") && same_name("Größe", "grö_ße"));
        assert_eq!(closest("versionning", ["versioning", "website"]), Some("versioning"));
        assert_eq!(closest("BucketReplication", ["BucketReplicationConfig", "BucketPolicy"]), Some("BucketReplicationConfig"));
        assert_eq!(closest("tags", ["acl", "bucket"]), None);
    }

    /// The pruned search picks what comparing every candidate's full distance picks.
    #[test]
    fn closest_agrees_with_the_full_search() {
        let candidates = ["Bucket", "BucketV2", "BucketPolicy", "BucketVersioning", "BucketVersioningV2", "BucketAclV2", "Vpc", "VpcPeeringConnection", "VpcPeeringConnectionAccepter", "SecurityGroup", "SecurityGroupRule", "Subnet", "RouteTable", "Route", "Größe", "Grösse", "a", "ab", "ba"];
        let full = |name: &str| {
            let n = normalize(name).chars().count();
            candidates
                .iter()
                .map(|c| (distance(&normalize(name), &normalize(c)), *c, (n.max(normalize(c).chars().count()) / 3).max(1)))
                .filter(|(d, _, limit)| d <= limit)
                .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
                .map(|(_, c, _)| c)
        };
        for name in ["bucket", "Buckt", "bucket_policy", "BucketVersionng", "bucketversioningv3", "VpcPeering", "vpc_peering_connection_acceptor", "securitygrouprules", "subnets", "routetables", "grosse", "größe", "b", "abc", "", "zzzzzzzzzzzz"] {
            assert_eq!(closest(name, candidates), full(name), "{name}");
        }
    }
}
