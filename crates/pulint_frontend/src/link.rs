//! Linking: imports between the program's own files, and for every resource and invoke the
//! parent, the provider it really uses and the region it lands in.

use pulint_model::*;
use pulint_model::path::{join, normalize};
use rustc_hash::FxHashMap;

/// A program file an import resolved to. `exact` is false when only the file name matched (the
/// import path is wrong for the layout, but the intent is clear enough to follow).
#[derive(Clone, Copy)]
pub struct Found {
    pub index: usize,
    pub exact: bool,
}

/// The program's modules by path, and its code files by file stem for the loose match by name
/// (indexed once: looking through every path for each import was quadratic in large programs).
pub struct ModulePaths {
    by_path: FxHashMap<String, usize>,
    /// (Python or not, file stem) -> the paths and indexes of the code files with that stem.
    by_stem: FxHashMap<(bool, String), Vec<(String, usize)>>,
}

impl ModulePaths {
    pub fn new(by_path: FxHashMap<String, usize>) -> Self {
        let mut by_stem: FxHashMap<(bool, String), Vec<(String, usize)>> = FxHashMap::default();
        for (p, &i) in &by_path {
            let file = p.rsplit('/').next().unwrap_or(p);
            let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
            let python = file.ends_with(".py");
            if python || file.ends_with(".ts") || file.ends_with(".js") || file.ends_with(".tsx") {
                by_stem.entry((python, stem.to_string())).or_default().push((p.clone(), i));
            }
        }
        ModulePaths { by_path, by_stem }
    }
}

/// Resolves `spec` imported from the file at `from` against the program's paths. The second
/// value says whether the import looks like one of the program's own modules.
pub fn resolve_import(spec: &str, from: &str, python: bool, paths: &ModulePaths) -> (Option<Found>, bool) {
    let dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let candidates: Vec<String>;
    let local_hint;
    if python {
        let dots = spec.chars().take_while(|c| *c == '.').count();
        let rest = &spec[dots..];
        let rel = rest.replace('.', "/");
        let base = if dots > 0 {
            let mut d = dir.to_string();
            for _ in 1..dots {
                d = d.rsplit_once('/').map(|(a, _)| a.to_string()).unwrap_or_default();
            }
            d
        } else {
            String::new()
        };
        let joined = join(&base, &rel);
        candidates = vec![format!("{joined}.py"), format!("{joined}/__init__.py")];
        local_hint = dots > 0;
    } else {
        if !(spec.starts_with('.') || spec.starts_with('/')) {
            return (None, false);
        }
        // Specs from the file-system root are looked up from the program's root.
        let joined = normalize(&join(dir, spec)).trim_start_matches('/').to_string();
        let stem = joined.strip_suffix(".js").unwrap_or(&joined).to_string();
        candidates = vec![
            joined.clone(),
            format!("{stem}.ts"),
            format!("{stem}.tsx"),
            format!("{stem}.js"),
            format!("{joined}/index.ts"),
            format!("{joined}/index.js"),
        ];
        local_hint = true;
    }
    for c in &candidates {
        if let Some(&i) = paths.by_path.get(c.trim_start_matches("./")) {
            return (Some(Found { index: i, exact: true }), true);
        }
    }
    // Loose match by file name: `from tap_stack import X` when the file is lib/tap_stack.py.
    let last = if python { spec.rsplit('.').next().unwrap_or(spec) } else { spec.rsplit('/').next().unwrap_or(spec) };
    let last = last.strip_suffix(".js").unwrap_or(last);
    if last.is_empty() {
        return (None, local_hint);
    }
    let mut matches: Vec<usize> = paths
        .by_stem
        .get(&(python, last.to_string()))
        .into_iter()
        .flatten()
        .filter(|(p, _)| p != from)
        .map(|&(_, i)| i)
        .collect();
    matches.sort_unstable();
    match matches.as_slice() {
        [one] => (Some(Found { index: *one, exact: false }), true),
        _ => (None, local_hint),
    }
}

/// The package of a token: `aws:ec2/vpc:Vpc` -> `aws`.
fn package(token: &str) -> &str {
    token.split(':').next().unwrap_or("")
}

/// The provider an options list names explicitly for resources of `pkg`.
fn explicit_provider(p: &Program, opts: &ResourceOptions, pkg: &str) -> Option<ProviderUse> {
    // `pulumi:providers:{pkg}`, compared without building it (this runs for every resource).
    let wanted = |token: &str| token.strip_prefix("pulumi:providers:") == Some(pkg);
    if let Some(v) = opts.get("provider") {
        return Some(match &p.resolve(v).kind {
            ValueKind::Resource(id) if wanted(&p.resource(*id).token) => ProviderUse::Explicit(*id),
            // A provider of another package does not apply to this resource.
            ValueKind::Resource(_) | ValueKind::Null => return None,
            _ => ProviderUse::Unknown,
        });
    }
    let providers = opts.get("providers")?;
    let items: Vec<&Value> = match &providers.kind {
        ValueKind::List(items) => items.iter().collect(),
        ValueKind::Object(props) => props.iter().map(|pr| &pr.value).collect(),
        _ => return Some(ProviderUse::Unknown),
    };
    for item in items {
        match &item.kind {
            ValueKind::Resource(id) if wanted(&p.resource(*id).token) => return Some(ProviderUse::Explicit(*id)),
            ValueKind::Resource(_) => {}
            _ => return Some(ProviderUse::Unknown),
        }
    }
    None
}

fn parent_of(p: &Program, opts: &ResourceOptions) -> Option<ResourceId> {
    match &p.resolve(opts.get("parent")?).kind {
        ValueKind::Resource(id) => Some(*id),
        _ => None,
    }
}

/// The provider used by something with these options: its own, else its parents'.
fn provider_use(p: &Program, opts: &ResourceOptions, pkg: &str) -> ProviderUse {
    if let Some(u) = explicit_provider(p, opts, pkg) {
        return u;
    }
    let mut cur = parent_of(p, opts);
    for _ in 0..32 {
        let Some(parent) = cur else { break };
        let r = p.resource(parent);
        match explicit_provider(p, &r.options, pkg) {
            Some(ProviderUse::Explicit(id)) => return ProviderUse::Inherited { provider: id, via: parent },
            Some(other) => return other,
            None => cur = parent_of(p, &r.options),
        }
    }
    if opts.get("*").is_some() {
        return ProviderUse::Unknown;
    }
    ProviderUse::Default
}

fn region_of(p: &Program, own: Option<&Value>, u: ProviderUse) -> Option<String> {
    if let Some(v) = own {
        return p.str_of(v).map(str::to_string);
    }
    match u {
        ProviderUse::Default => p.stack.default_region.clone(),
        ProviderUse::Explicit(id) | ProviderUse::Inherited { provider: id, .. } => {
            p.resource(id).arg("region").and_then(|v| p.str_of(v)).map(str::to_string)
        }
        ProviderUse::Unknown => None,
    }
}

/// Fills parents, providers and regions.
pub fn link(p: &mut Program) {
    let mut updates = Vec::with_capacity(p.resources.len());
    for r in &p.resources {
        let parent = parent_of(p, &r.options);
        let pkg = package(&r.token);
        let (provider, region) = if r.kind == ResourceKind::Provider {
            (ProviderUse::Default, r.arg("region").and_then(|v| p.str_of(v)).map(str::to_string))
        } else {
            let u = provider_use(p, &r.options, pkg);
            (u, region_of(p, r.arg("region"), u))
        };
        updates.push((parent, provider, region));
    }
    for (r, (parent, provider, region)) in p.resources.iter_mut().zip(updates) {
        r.parent = parent;
        r.provider = provider;
        r.region = region;
    }
    let mut inv_updates = Vec::with_capacity(p.invokes.len());
    for inv in &p.invokes {
        let u = provider_use(p, &inv.options, package(&inv.token));
        inv_updates.push((u, region_of(p, inv.args.iter().find(|a| a.key.canonical == "region").map(|a| &a.value), u)));
    }
    for (inv, (u, region)) in p.invokes.iter_mut().zip(inv_updates) {
        inv.provider = u;
        inv.region = region;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> ModulePaths {
        ModulePaths::new(list.iter().enumerate().map(|(i, p)| (p.to_string(), i)).collect())
    }

    #[test]
    fn python_imports() {
        let ps = paths(&["tap.py", "lib/tap_stack.py", "lib/vpc.py", "lib/__init__.py"]);
        let (f, local) = resolve_import("lib.tap_stack", "tap.py", true, &ps);
        assert!(local && f.is_some_and(|f| f.exact && f.index == 1));
        let (f, _) = resolve_import(".vpc", "lib/tap_stack.py", true, &ps);
        assert!(f.is_some_and(|f| f.exact && f.index == 2));
        let (f, local) = resolve_import("tap_stack", "tap.py", true, &ps);
        assert!(local && f.is_some_and(|f| !f.exact && f.index == 1));
        let (f, local) = resolve_import("boto3", "tap.py", true, &ps);
        assert!(f.is_none() && !local);
        let (f, _) = resolve_import("lib", "tap.py", true, &ps);
        assert!(f.is_some_and(|f| f.index == 3));
    }

    #[test]
    fn typescript_imports() {
        let ps = paths(&["bin/tap.ts", "lib/tap-stack.ts", "lib/net/index.ts"]);
        let (f, _) = resolve_import("../lib/tap-stack", "bin/tap.ts", false, &ps);
        assert!(f.is_some_and(|f| f.exact && f.index == 1));
        let (f, _) = resolve_import("./net", "lib/tap-stack.ts", false, &ps);
        assert!(f.is_some_and(|f| f.exact && f.index == 2));
        let (f, _) = resolve_import("./tap-stack.js", "lib/x.ts", false, &ps);
        assert!(f.is_some_and(|f| f.exact && f.index == 1));
        let (f, local) = resolve_import("@pulumi/aws", "bin/tap.ts", false, &ps);
        assert!(f.is_none() && !local);
    }
}
