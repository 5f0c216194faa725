#!/usr/bin/env python3
"""Re-check pulint's unknown-argument (VAL002) and deprecated (VAL005) findings against the
committed schema, independently of the Rust code that produced them.

usage: check_schema_findings.py --bin target/release/pulint FILE_OR_DIR...

For every finding it reads the resource type, the path of nested blocks and the argument from the
message, looks them up in crates/pulint_schema/data/aws.json, and says whether the schema agrees
(the argument is absent, removed in v7, or flagged deprecated). Prints the counts and every
disagreement; exits 1 when there is one.
"""
import argparse, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, '..', 'crates', 'pulint_schema', 'data', 'aws.json')
OPTIONS = {'dependsOn', 'parent', 'provider', 'providers', 'protect', 'ignoreChanges', 'deleteBeforeReplace',
           'retainOnDelete', 'customTimeouts', 'aliases', 'import', 'replaceOnChanges', 'transformations',
           'transforms', 'additionalSecretOutputs'}


def norm(name):
    return name.replace('_', '').lower()


def find(props, name):
    return next((v for k, v in props.items() if norm(k) == norm(name)), None)


def object_key(ty):
    for alt in re.split(r'\|(?![^<]*>)', ty):
        m = re.fullmatch(r'(?:list<)?ref:([\w.]+)>?', alt)
        if m:
            return m.group(1)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('paths', nargs='+')
    a = ap.parse_args()
    schema = json.load(open(SCHEMA))
    by_class = {e['class']: (t, e) for t, e in schema['resources'].items()}
    by_class.update({e['function'].split('.')[0] + '.' + e['function'].split('.')[1]: (t, e) for t, e in schema['functions'].items()})
    fn_by_camel = {}
    for t, e in schema['functions'].items():
        fn_by_camel[t.split(':')[1].replace('/', '.').rsplit('.', 1)[0] + '.' + t.rsplit(':', 1)[1]] = (t, e)
    out = subprocess.run([a.bin, 'check', '--format', 'json', '--select', 'VAL002,VAL005', *a.paths],
                         capture_output=True, text=True)
    findings = json.loads(out.stdout or '[]')
    agree, disagree = 0, []
    for f in findings:
        ok = verdict(f['code'], f['message'], schema, by_class, fn_by_camel)
        if ok:
            agree += 1
        else:
            disagree.append(f)
    print(f'{len(findings)} findings: {agree} agree with the schema, {len(disagree)} do not')
    for f in disagree:
        print(f"  {f['file']}:{f['line']} {f['code']} {f['message']}")
    sys.exit(1 if disagree else 0)


def owner(text, by_class, fn_by_camel):
    """`aws.s3.Bucket` -> its schema entry; nested path `a` of `b` of ... read outside in."""
    m = re.search(r'aws\.([\w.]+)', text)
    if not m:
        return None, None
    key = m.group(1)
    return by_class.get(key) or fn_by_camel.get(key) or (None, None)


def nested_props(schema, entry, path):
    props = entry['in']
    for step in path:
        p = find(props, step)
        if p is None:
            return None
        key = object_key(p[0])
        if key is None or key not in schema['types']:
            return None
        props = schema['types'][key]
    return props


def verdict(code, msg, schema, by_class, fn_by_camel):
    # Messages name nested blocks inside out: "`forward` of `default_actions` of aws.lb.Listener".
    path = list(reversed(re.findall(r'`([\w$]+)` of ', msg)))
    token, entry = owner(msg, by_class, fn_by_camel)
    if entry is None:
        return False
    if code == 'VAL002':
        if 'no longer accepts `__opts__`' in msg:
            return True
        m = re.match(r'`(\w+)` was removed from', msg)
        if m:
            return find(entry['in'], m.group(1)) is None and find(schema['v6']['inputs'].get(token, {}), m.group(1)) is not None
        m = re.match(r'`(\w+)` is a resource option', msg)
        if m:
            return find(entry['in'], m.group(1)) is None and (m.group(1) in OPTIONS or norm(m.group(1)) in {norm(o) for o in OPTIONS})
        m = re.search(r'has no argument `([\w$]+)`', msg)
        props = nested_props(schema, entry, path)
        return bool(m) and props is not None and find(props, m.group(1)) is None
    if code == 'VAL005':
        if re.fullmatch(r'aws\.[\w.]+ is deprecated', msg):
            return 'deprecated' in entry
        m = re.match(r'`(\w+)` (?:of|in) ', msg)
        if not m:
            return False
        outer = re.findall(r'in `(\w+)` of', msg)
        props = nested_props(schema, entry, outer) if outer else entry['in']
        p = find(props or {}, m.group(1))
        return p is not None and bool(p[1] & 4)
    return False


if __name__ == '__main__':
    main()
