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
    // The same text as bytes when it is ASCII: most names are, and bytes compare faster.
    let n_ascii: Option<Vec<u8>> = name.is_ascii().then(|| folded_ascii(name).collect());
    let counts = char_counts(&n);
    // Buffers reused across candidates: a name is compared with up to thousands of them.
    let (mut m, mut m_ascii, mut row) = (Vec::new(), Vec::new(), Vec::new());
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let best_distance = best.map(|(d, _)| d);
        let judged = match &n_ascii {
            Some(n_ascii) if c.is_ascii() => {
                // Folding only drops characters: a candidate too short before it is too short after.
                if c.len() + (n.len() / 3).max(1) < n.len() {
                    continue;
                }
                m_ascii.clear();
                m_ascii.extend(folded_ascii(c));
                near(n_ascii, &counts, &m_ascii, best_distance, &mut row)
            }
            _ => {
                m.clear();
                m.extend(folded(c));
                near(&n, &counts, &m, best_distance, &mut row)
            }
        };
        let Some((d, limit)) = judged else { continue };
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || d == bd && c < bc) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The distance between the folded name `n` (counted in `counts`) and a folded candidate `m`,
/// with the most a suggestion may differ by, or None when `m` cannot be closer than `best`.
fn near<T: Copy + PartialEq + Into<u32>>(n: &[T], counts: &[i32; 129], m: &[T], best: Option<usize>, row: &mut Vec<usize>) -> Option<(usize, usize)> {
    let limit = (n.len().max(m.len()) / 3).max(1);
    // Only a distance up to the best so far can still win (a tie by the smaller name).
    let bound = best.map_or(limit, |bd| limit.min(bd));
    // The distance is at least the difference in length and at least the difference of the
    // letter counts: skip what cannot be close without computing it (a 20,000-character key
    // against every candidate took seconds).
    if m.len().abs_diff(n.len()) > bound || count_distance(counts, n.len(), m) > bound {
        return None;
    }
    let d = if m.starts_with(n) || n.starts_with(m) { m.len().abs_diff(n.len()) } else { bounded_distance(n, m, bound, row) };
    Some((d, limit))
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
fn count_distance<T: Copy + Into<u32>>(counts: &[i32; 129], n_len: usize, m: &[T]) -> usize {
    let mut left = *counts;
    // Characters of `m` beyond what `n` has; `n` then has `fewer + n_len - m_len` beyond `m`.
    let mut fewer = 0usize;
    for &c in m {
        let slot = &mut left[(c.into() as usize).min(128)];
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

/// Levenshtein distance, or some value above `limit` when the distance is above it. Only the
/// cells within `limit` of the diagonal can stay within `limit`, so only they are computed
/// (values are capped at `limit + 1`), and the scan stops when a whole band exceeds `limit`.
fn bounded_distance<T: PartialEq>(a: &[T], b: &[T], limit: usize, row: &mut Vec<usize>) -> usize {
    // A common prefix or suffix never changes the distance (most candidates share `Args`, a
    // module's words, ...): only the middles are compared.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let big = limit.saturating_add(1);
    row.clear();
    row.extend((0..=b.len()).map(|j| j.min(big)));
    for (i, ca) in a.iter().enumerate() {
        let r = i + 1;
        // The band of row `r`: columns `lo..=hi`; column `lo - 1` is its left edge.
        let lo = r.saturating_sub(limit).max(1);
        if lo - 1 > b.len() {
            return big;
        }
        let hi = r.saturating_add(limit).min(b.len());
        let mut diagonal = row[lo - 1];
        row[lo - 1] = if lo == 1 { r.min(big) } else { big };
        let mut least = row[lo - 1];
        for j in lo..=hi {
            let above = row[j];
            let v = (diagonal + usize::from(*ca != b[j - 1])).min(row[j - 1] + 1).min(above + 1).min(big);
            row[j] = v;
            least = least.min(v);
            diagonal = above;
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

    /// The banded distance is exact up to its limit and above the limit beyond it, checked
    /// against the textbook table on random strings over a small alphabet (many near misses).
    #[test]
    fn bounded_distance_is_exact_within_its_limit() {
        fn textbook(a: &[u8], b: &[u8]) -> usize {
            let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for (i, row) in t.iter_mut().enumerate() {
                row[0] = i;
            }
            for j in 0..=b.len() {
                t[0][j] = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    t[i][j] = (t[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1])).min(t[i - 1][j] + 1).min(t[i][j - 1] + 1);
                }
            }
            t[a.len()][b.len()]
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let mut row = Vec::new();
        for _ in 0..20_000 {
            let a: Vec<u8> = (0..next(12)).map(|_| b'a' + next(3) as u8).collect();
            let b: Vec<u8> = (0..next(12)).map(|_| b'a' + next(3) as u8).collect();
            let exact = textbook(&a, &b);
            for limit in 0..6 {
                let d = bounded_distance(&a, &b, limit, &mut row);
                assert!(if exact <= limit { d == exact } else { d > limit }, "{a:?} {b:?} limit {limit}: {d}, exactly {exact}");
            }
            assert_eq!(bounded_distance(&a, &b, usize::MAX, &mut row), exact);
        }
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
