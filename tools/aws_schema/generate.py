#!/usr/bin/env python3
"""Derive pulint's compact AWS schema from a pinned pulumi-aws wheel (and the matching npm package).

usage: generate.py [--cache DIR] [--check | --fetch]

Reads the Python SDK with the `ast` module (never imports or runs it) and writes
`crates/pulint_schema/data/aws.json`: resource and function tokens with their SDK class paths,
input properties (name, type shape, required, secret, deprecated and the replacement it names),
output attribute names, nested input types and enums. The npm package adds the names that exist
only in the Node SDK (mixins such as `lambda.CallbackFunction`) and the deprecated enum members.
The last v6 release adds `v6`: what v7 removed or renamed, so programs pinned to v6 are judged by
v6. Only facts are kept, no documentation text.

The wheels come from PyPI (`pip download`), the npm package from `npm pack`; both are cached in
--cache (default target/aws-schema-cache). `--check` regenerates into memory and exits 1 when the
committed file differs (the freshness test runs this); `--fetch` only fills the cache.
"""
import argparse, ast, io, json, os, re, subprocess, sys, tarfile, zipfile

V7 = '7.48.0'  # newest release published on both PyPI and npm when the schema was generated
V6 = '6.83.4'  # the last v6 release
PULUMI_PY = '3.272.0'  # the core SDKs, for the names `pulumi.<name>` may use
PULUMI_NODE = '3.248.0'
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'crates', 'pulint_schema', 'data', 'aws.json')

REQUIRED, SECRET, DEPRECATED = 1, 2, 4


def fetch(cache, kind, version, package='aws'):
    os.makedirs(cache, exist_ok=True)
    py_name = 'pulumi' if package == 'pulumi' else 'pulumi_aws'
    if kind == 'py':
        name = f'{py_name}-{version}-py3-none-any.whl'
        if not os.path.exists(os.path.join(cache, name)):
            subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', '-q', '-d', cache,
                            f'{py_name.replace("_", "-")}=={version}'], check=True)
    else:
        name = f'pulumi-{package}-{version}.tgz'
        if not os.path.exists(os.path.join(cache, name)):
            subprocess.run(['npm', 'pack', '-q', f'@pulumi/{package}@{version}'], cwd=cache, check=True,
                           stdout=subprocess.DEVNULL)
    return os.path.join(cache, name)


def pulumi_python_names(wheel):
    """What `pulumi.<name>` may be in Python: `__all__` of the package and its submodules."""
    names = set()
    with zipfile.ZipFile(wheel) as z:
        for n in z.namelist():
            parts = n.split('/')
            if parts[0] == 'pulumi' and len(parts) >= 2 and not parts[1].startswith('_'):
                names.add(parts[1][:-3] if parts[1].endswith('.py') else parts[1])
        tree = ast.parse(z.read('pulumi/__init__.py').decode('utf-8'))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', '') == '__all__' for t in node.targets):
            names.update(e.value for e in node.value.elts)
    return sorted(x for x in names if x and '.' not in x)


def pulumi_node_names(tgz):
    """What `pulumi.<name>` may be in Node: the exports of the package's index, followed through
    `export * from`."""
    with tarfile.open(tgz) as t:
        files = {m.name[len('package/'):]: m for m in t.getmembers() if m.name.endswith('.d.ts')}
        def text(path):
            m = files.get(path)
            return t.extractfile(m).read().decode('utf-8') if m else ''
        names, seen, todo = set(), set(), ['index.d.ts']
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen.add(path)
            src = text(path)
            for target in re.findall(r'export \* from "\./([^"]+)"', src):
                todo.append(f'{os.path.normpath(os.path.join(os.path.dirname(path), target))}.d.ts')
            names.update(re.findall(r'export (?:declare )?(?:abstract )?(?:function|class|const|let|var|namespace|enum|type|interface) (\w+)', src))
            for group in re.findall(r'export \{([^}]*)\}', src):
                names.update(x.split(' as ')[-1].strip() for x in group.split(',') if x.strip())
    return sorted(names)


# ---------------------------------------------------------------- Python SDK

def py_files(wheel):
    with zipfile.ZipFile(wheel) as z:
        for n in sorted(z.namelist()):
            if n.startswith('pulumi_aws/') and n.endswith('.py'):
                yield n, z.read(n).decode('utf-8')


def module_of(path):
    """`pulumi_aws/lambda_/function.py` -> `lambda`; top-level files -> `index`."""
    parts = path.split('/')
    return parts[1].rstrip('_') if len(parts) > 2 else 'index'


def type_of(node, module):
    """A Python annotation as a compact type string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ref(node.value, module)
    if isinstance(node, ast.Constant) and node.value is None:
        return 'null'
    if isinstance(node, ast.Attribute):
        name = node.attr
        base = ast.unparse(node.value)
        if base in ('_builtins', 'builtins'):
            return {'str': 'string', 'int': 'integer', 'float': 'number', 'bool': 'boolean'}.get(name, 'any')
        if base == 'pulumi':
            return {'Archive': 'archive', 'Asset': 'asset', 'AssetOrArchive': 'asset'}.get(name, 'any')
        return 'any'
    if isinstance(node, ast.Name):
        return {'str': 'string', 'int': 'integer', 'float': 'number', 'bool': 'boolean', 'Any': 'any'}.get(node.id, 'any')
    if isinstance(node, ast.Subscript):
        head = ast.unparse(node.value)
        inner = node.slice
        if head in ('pulumi.Input', 'pulumi.Output', 'Optional'):
            return type_of(inner, module) or 'any'
        if head == 'Sequence':
            return f'list<{type_of(inner, module) or "any"}>'
        if head == 'Mapping':
            return f'map<{type_of(inner.elts[1], module) or "any"}>'
        if head == 'Union':
            parts = []
            for e in inner.elts:
                t = type_of(e, module)
                if t is not None and t != 'null' and t not in parts:
                    parts.append(t)
            return '|'.join(parts)
    return 'any'


def ref(text, module):
    """A quoted forward reference: `'BucketVersioningArgs'`, `'_iam.PolicyStatementArgs'`, `'CannedAcl'`."""
    text = text.strip()
    if '[' in text:  # a quoted generic; rare, parse it as code
        try:
            return type_of(ast.parse(text, mode='eval').body, module)
        except SyntaxError:
            return 'any'
    if text.endswith('ArgsDict') or text.endswith('Result'):
        return None  # the TypedDict twin of an input type, or a function result: not a new shape
    mod = module
    if '.' in text:
        mod, text = text.rsplit('.', 1)
        mod = mod.lstrip('_').rstrip('_') or 'index'
    if text.endswith('Args'):
        return f'ref:{mod}.{text[:-4]}'
    return f'enum:{mod}.{text}'


def replacement(message):
    """The replacement a deprecation names: a resource (`s3.BucketVersioning`) or an argument."""
    m = re.search(r'[Uu]se (?:the )?(?:resource )?`?([A-Za-z0-9_.]+)`? (?:resource )?instead', message)
    if not m:
        m = re.search(r'in favor of (?:the )?`?([A-Za-z0-9_.]+)`?', message)
    return m.group(1).rstrip('.') if m else ''


def getter_name(fn):
    """The wire (camelCase) name of a property getter, and its deprecation if any."""
    wire, deprecated = None, None
    for d in fn.decorator_list:
        if isinstance(d, ast.Call) and ast.unparse(d.func) == 'pulumi.getter':
            wire = fn.name
            for kw in d.keywords:
                if kw.arg == 'name':
                    wire = kw.value.value
        elif isinstance(d, ast.Attribute) and ast.unparse(d) == 'pulumi.getter':
            wire = fn.name
        elif isinstance(d, ast.Call) and ast.unparse(d.func) == '_utilities.deprecated':
            deprecated = d.args[0].value if d.args else ''
    return wire, deprecated


def input_class(cls, module):
    """An `@pulumi.input_type` class: {wire name: [type, flags, replacement?]}."""
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == '__init__'), None)
    if init is None:
        return {}
    a = init.args
    defaults = dict(zip([x.arg for x in a.kwonlyargs], a.kw_defaults))
    params = {x.arg: x for x in a.kwonlyargs}
    # `warnings.warn` in __init__ names deprecated parameters (older SDKs have no decorator).
    warned = {}
    for node in ast.walk(init):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            left = node.test.left
            for s in node.body:
                if (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                        and ast.unparse(s.value.func) == 'warnings.warn' and isinstance(left, ast.Name)):
                    warned[left.id] = s.value.args[0].value
    props = {}
    for fn in cls.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        wire, deprecated = getter_name(fn)
        if wire is None or fn.name not in params:
            continue
        p = params[fn.name]
        flags = 0 if defaults.get(fn.name) is not None else REQUIRED
        deprecated = deprecated if deprecated is not None else warned.get(fn.name)
        entry = [type_of(p.annotation, module), flags]
        if deprecated is not None:
            entry[1] |= DEPRECATED
            entry.append(replacement(deprecated))
        props[wire] = entry
    return props


def output_names(cls):
    names = []
    for fn in cls.body:
        if isinstance(fn, ast.FunctionDef):
            wire, _ = getter_name(fn)
            if wire is not None:
                names.append(wire)
    return sorted(set(names))


def secrets_of(cls):
    """Inputs the SDK wraps in `pulumi.Output.secret` in `_internal_init`."""
    out = set()
    for node in ast.walk(cls):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == 'pulumi.Output.secret' and node.args:
            if isinstance(node.args[0], ast.Name):
                out.add(node.args[0].id)
    return out


def read_python(wheel):
    resources, functions, types, enums, modules = {}, {}, {}, {}, set()
    for path, text in py_files(wheel):
        module = module_of(path)
        if module != 'index':
            modules.add(module)
        tree = ast.parse(text)
        classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
        for c in classes.values():
            decos = [ast.unparse(d) for d in c.decorator_list]
            bases = [ast.unparse(b) for b in c.bases]
            if 'pulumi.input_type' in decos and c.name.endswith('Args') and path.endswith('_inputs.py'):
                types[f'{module}.{c.name[:-4]}'] = input_class(c, module)
            elif any(b.endswith('Enum') for b in bases) and path.endswith('_enums.py'):
                enums[f'{module}.{c.name}'] = sorted({s.value.value for s in c.body if isinstance(s, ast.Assign)
                                                       and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str)})
            elif 'pulumi.CustomResource' in bases or 'pulumi.ProviderResource' in bases:
                token = next((d.args[0].value for d in c.decorator_list if isinstance(d, ast.Call)
                              and ast.unparse(d.func) == 'pulumi.type_token'), None)
                if token is None:
                    token = 'pulumi:providers:aws' if c.name == 'Provider' else None
                if token is None:
                    continue
                args_cls = classes.get(f'{c.name}Args') or classes.get(f'{c.name}InitArgs')
                props = input_class(args_cls, module) if args_cls else {}
                secret_names = secrets_of(c)
                for wire, entry in props.items():
                    if pyname_guess(wire) in secret_names or wire in secret_names:
                        entry[1] |= SECRET
                entry = {'class': f'{module}.{c.name}', 'in': props, 'out': output_names(c)}
                dep = resource_deprecation(tree, c)
                if dep is not None:
                    entry['deprecated'] = replacement(dep)
                resources[token] = entry
        for f in tree.body:
            if isinstance(f, ast.FunctionDef) and not f.name.endswith('_output'):
                token = invoke_token(f)
                if token is None:
                    continue
                a = f.args
                params = a.args[:len(a.args)]
                defaults = [None] * (len(a.args) - len(a.defaults)) + list(a.defaults)
                props = {}
                for p, d in zip(params, defaults):
                    if p.arg == 'opts':
                        continue
                    props[camel_of(p.arg)] = [type_of(p.annotation, module) if p.annotation else 'any',
                                              REQUIRED if d is None else 0]
                result = classes.get(f'{f.name.title().replace("_", "")}Result') or find_result(classes, token)
                functions[token] = {'function': f'{module}.{f.name}', 'in': props,
                                    'out': output_names(result) if result else []}
    return resources, functions, types, enums, sorted(modules)


def find_result(classes, token):
    name = token.rsplit(':', 1)[1]
    return classes.get(name[0].upper() + name[1:] + 'Result')


def invoke_token(f):
    for node in ast.walk(f):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == 'pulumi.runtime.invoke' and node.args:
            if isinstance(node.args[0], ast.Constant):
                return node.args[0].value
    return None


def resource_deprecation(tree, cls):
    """Resource-level deprecation: a `warnings.warn` in the class body."""
    for s in cls.body:
        if (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                and ast.unparse(s.value.func) == 'warnings.warn' and s.value.args):
            return s.value.args[0].value
    return None


def camel_of(snake):
    head, *rest = snake.split('_')
    return head + ''.join(w[:1].upper() + w[1:] for w in rest)


def pyname_guess(wire):
    return re.sub(r'(?<!^)(?=[A-Z])', '_', wire).lower()


# ---------------------------------------------------------------- Node SDK

def read_node(tgz):
    """Classes exported by the Node SDK per module, and deprecated enum members."""
    classes, deprecated_members = {}, {}
    with tarfile.open(tgz) as t:
        for m in sorted(t.getmembers(), key=lambda m: m.name):
            n = m.name
            if not n.endswith('.d.ts') or '/types/' in n and '/types/enums/' not in n:
                continue
            text = t.extractfile(m).read().decode('utf-8')
            parts = n.split('/')[1:]  # drop `package/`
            if parts[0] == 'types' and parts[1] == 'enums':
                module = parts[2] if len(parts) > 3 else 'index'
                for const, body in re.findall(r'export declare const (\w+): \{(.*?)\};', text, re.S):
                    for member in re.finditer(r'(/\*\*(?:(?!\*/).)*?\*/\s*)?readonly (\w+): "([^"]*)"', body, re.S):
                        if member.group(1) and '@deprecated' in member.group(1):
                            deprecated_members.setdefault(f'{module}.{const}', []).append(member.group(3))
                continue
            module = parts[0] if len(parts) > 1 else 'index'
            for name in re.findall(r'export declare (?:class|const|let|function) (\w+)', text):
                classes.setdefault(module, set()).add(name)
    return {k: sorted(v) for k, v in classes.items()}, {k: sorted(set(v)) for k, v in deprecated_members.items()}


# ---------------------------------------------------------------- v6 delta

def delta(v6, v7):
    """What a v6 program may write that v7 lacks, and what v7 deprecates that v6 did not."""
    r6, r7 = v6[0], v7[0]
    out = {'resources': {}, 'inputs': {}, 'not_deprecated': {}}
    for token, e in sorted(r6.items()):
        if token not in r7:
            out['resources'][token] = {'class': e['class'], 'in': e['in']}
            continue
        added = {k: v for k, v in e['in'].items() if k not in r7[token]['in']}
        if added:
            out['inputs'][token] = added
        was = [k for k, v in r7[token]['in'].items() if v[1] & DEPRECATED and k in e['in'] and not e['in'][k][1] & DEPRECATED]
        if was:
            out['not_deprecated'][token] = sorted(was)
    for token, e in sorted(r7.items()):
        if 'deprecated' in e and token in r6 and 'deprecated' not in r6[token]:
            out['not_deprecated'].setdefault(token, []).append('*')
    out['new_resources'] = sorted(t for t in r7 if t not in r6)
    # Nested fields deprecated in v7 that v6 had without deprecation, or did not have at all.
    t6, t7 = v6[2], v7[2]
    nested = {}
    for key, fields in sorted(t7.items()):
        old = t6.get(key, {})
        was = [f for f, e in fields.items() if e[1] & DEPRECATED and not (f in old and old[f][1] & DEPRECATED)]
        if was:
            nested[key] = sorted(was)
    out['not_deprecated_types'] = nested
    return out


def render(doc):
    """One entry a line, sorted, so that diffs of a regenerated schema are readable."""
    lines = ['{']
    sections = list(doc.items())
    for i, (key, value) in enumerate(sections):
        comma = ',' if i + 1 < len(sections) else ''
        if isinstance(value, dict) and value and key not in ('v6', 'pulumi'):
            lines.append(f'{json.dumps(key)}: {{')
            items = sorted(value.items())
            for j, (k, v) in enumerate(items):
                c = ',' if j + 1 < len(items) else ''
                lines.append(f'{json.dumps(k)}: {json.dumps(v, separators=(",", ":"), sort_keys=True)}{c}')
            lines.append('}' + comma)
        else:
            lines.append(f'{json.dumps(key)}: {json.dumps(value, separators=(",", ":"), sort_keys=True)}{comma}')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cache', default=os.path.join(ROOT, 'target', 'aws-schema-cache'))
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--fetch', action='store_true', help='only download the pinned packages into the cache')
    a = ap.parse_args()
    if a.fetch:
        for kind, version in (('py', V7), ('py', V6), ('npm', V7)):
            fetch(a.cache, kind, version)
        fetch(a.cache, 'py', PULUMI_PY, 'pulumi')
        fetch(a.cache, 'npm', PULUMI_NODE, 'pulumi')
        return
    v7 = read_python(fetch(a.cache, 'py', V7))
    v6 = read_python(fetch(a.cache, 'py', V6))
    node_classes, deprecated_members = read_node(fetch(a.cache, 'npm', V7))
    resources, functions, types, enums, modules = v7
    py_names = {}
    for e in list(resources.values()):
        m, c = e['class'].split('.', 1)
        py_names.setdefault(m, set()).add(c)
    node_only = {m: [c for c in names if c not in py_names.get(m, set()) and c[:1].isupper()]
                 for m, names in node_classes.items()}
    doc = {
        'package': 'pulumi-aws',
        'version': V7,
        'modules': modules,
        'resources': resources,
        'functions': functions,
        'types': types,
        'enums': enums,
        'deprecated_enum_values': deprecated_members,
        'node_only': {m: v for m, v in node_only.items() if v},
        'v6': {'version': V6, **delta(v6, v7)},
        'pulumi': {'python': pulumi_python_names(fetch(a.cache, 'py', PULUMI_PY, 'pulumi')),
                   'node': pulumi_node_names(fetch(a.cache, 'npm', PULUMI_NODE, 'pulumi'))},
    }
    text = render(doc)
    if a.check:
        current = open(OUT, encoding='utf-8').read() if os.path.exists(OUT) else ''
        if current != text:
            sys.exit(f'{OUT} is stale: run tools/aws_schema/generate.py')
        print('schema is fresh')
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)
    print(f'{OUT}: {len(resources)} resources, {len(functions)} functions, {len(types)} types, '
          f'{len(enums)} enums, {len(text)} bytes')


if __name__ == '__main__':
    main()
