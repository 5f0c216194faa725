//! PUL: pulint's own problems, reported so that nothing fails silently.
//! These rules have no `check`: the runner raises them from frontend notes and rule panics.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a program file that does not parse.
    ///
    /// ## Why is this bad?
    /// Pulumi cannot run a program with a syntax error: `pulumi preview` fails at once, and
    /// pulint cannot check the parts of the file it could not read.
    ///
    /// ## Example
    /// ```python
    /// vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16"
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
    /// ```
    pub SyntaxError { code: "PUL001", name: "syntax-error", family: Pul, severity: Error, status: Stable,
        summary: "a program file does not parse" }
}

declare_rule! {
    /// ## What it does
    /// Reports a file pulint cannot read as UTF-8 text: binary content is skipped; text with
    /// invalid UTF-8 bytes is analysed with those bytes replaced.
    ///
    /// ## Why is this bad?
    /// A binary file is not checked at all. Invalid bytes usually come from another encoding
    /// (a Windows-1252 quote); Python and Node read such a source with an error or mojibake.
    pub UnreadableFile { code: "PUL002", name: "unreadable-file", family: Pul, severity: Warning, status: Stable,
        summary: "a file cannot be read as UTF-8 text" }
}

declare_rule! {
    /// ## What it does
    /// Reports a file over the size budget, or a program whose evaluation ran out of budget.
    ///
    /// ## Why is this bad?
    /// Part of the program was not analysed; findings may be missing.
    pub BudgetExceeded { code: "PUL003", name: "budget-exceeded", family: Pul, severity: Warning, status: Stable,
        summary: "analysis stopped at a size or work budget" }
}

declare_rule! {
    /// ## What it does
    /// Reports a rule that failed internally on this program.
    ///
    /// ## Why is this bad?
    /// It is a bug in pulint; the rule's findings for this program are missing. Please report it.
    pub InternalError { code: "PUL004", name: "internal-error", family: Pul, severity: Error, status: Stable,
        summary: "a rule failed internally" }
}

declare_rule! {
    /// ## What it does
    /// Notes a Markdown code fence without a file name that does not parse, such as an elided
    /// excerpt (`...`).
    ///
    /// ## Why is this bad?
    /// Usually it is not: excerpts are not program files. Select this rule to see them.
    pub FragmentSyntaxError { code: "PUL005", name: "fragment-syntax-error", family: Pul, severity: Info, status: Preview,
        summary: "an unnamed code fragment does not parse" }
}
