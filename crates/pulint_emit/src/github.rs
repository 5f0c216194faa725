//! `--format github`: GitHub Actions workflow commands, one line per finding, which the runner
//! turns into annotations on the pull request:
//! `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message`.
//! Errors are `error`, warnings `warning`, info `notice`.

use crate::Report;
use pulint_model::Severity;
use std::fmt::Write;

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The message part of a workflow command: `%`, CR and LF are percent-encoded.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value of a workflow command: as data, and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[Report<'_>]) -> String {
    let mut out = String::new();
    for f in crate::findings(reports) {
        let d = f.diagnostic;
        let p = &f.place;
        let mut title = format!("{} {}", d.code, d.name);
        if let Some(e) = p.embedded_path {
            let _ = write!(title, " ({e})");
        }
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            let _ = write!(message, "\nhelp: {h}");
        }
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(d.severity),
            escape_property(p.file),
            p.start.line,
            p.start.column,
            p.end.line,
            p.end.column,
            escape_property(&title),
            escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
