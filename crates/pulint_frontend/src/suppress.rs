//! Inline suppression comments, the same in every language:
//! `pulint: ignore[SEC001, NET002] optional reason`, `pulint: ignore` (every rule), and
//! `pulint: ignore-file[SEC001]` for the whole file.

use pulint_model::{Span, Suppression, SuppressionScope};

/// Reads one comment's text (without `#` or `//`). `own_line` is true when nothing but
/// whitespace precedes the comment on its line.
pub fn parse_comment(comment: &str, span: Span, own_line: bool) -> Option<Suppression> {
    let body = comment.trim_start_matches(['#', '/', '*', ' ', '\t']);
    let at = body.find("pulint:")?;
    let rest = body[at + "pulint:".len()..].trim_start();
    let (file_level, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix("ignore") {
        (false, r)
    } else {
        return None;
    };
    let (codes, rest) = match rest.strip_prefix('[') {
        Some(inner) => {
            let close = inner.find(']')?;
            let codes = inner[..close].split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
            (codes, &inner[close + 1..])
        }
        None if rest.is_empty() || rest.starts_with(char::is_whitespace) => (Vec::new(), rest),
        None => return None,
    };
    let reason = rest.trim().trim_start_matches(['-', ':', '—']).trim();
    let scope = if file_level {
        SuppressionScope::File
    } else if own_line {
        SuppressionScope::NextLine
    } else {
        SuppressionScope::Line
    };
    Some(Suppression { codes, reason: (!reason.is_empty()).then(|| reason.to_string()), scope, span })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulint_model::FileId;

    fn span() -> Span {
        Span::new(FileId(0), 0, 1)
    }

    #[test]
    fn forms() {
        let s = parse_comment("# pulint: ignore[SEC001, NET002] dev only", span(), false).unwrap();
        assert_eq!(s.codes, ["SEC001", "NET002"]);
        assert_eq!(s.reason.as_deref(), Some("dev only"));
        assert_eq!(s.scope, SuppressionScope::Line);
        let s = parse_comment("// pulint: ignore", span(), true).unwrap();
        assert!(s.codes.is_empty());
        assert_eq!(s.scope, SuppressionScope::NextLine);
        let s = parse_comment("# pulint: ignore-file[OPS]", span(), true).unwrap();
        assert_eq!(s.scope, SuppressionScope::File);
        assert!(parse_comment("# pulint: ignored", span(), false).is_none());
        assert!(parse_comment("# just a comment", span(), false).is_none());
    }
}
