//! Indexes the embedded schema at build time: where each resource, function and nested type
//! sits in `data/aws.json`. Loading the schema at run time then fills its maps from this index
//! instead of scanning 3 MB of JSON, which cost every run about 10 ms (56 M instructions) before
//! the first file was read. The entries' properties stay in the JSON, parsed on first use.

use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt::Write;

const DATA: &str = "data/aws.json";

fn main() {
    println!("cargo:rerun-if-changed={DATA}");
    let text = std::fs::read_to_string(DATA).expect("data/aws.json is readable");
    let top: BTreeMap<&str, &RawValue> = serde_json::from_str(&text).expect("data/aws.json is a JSON object");
    let section = |name: &str| *top.get(name).unwrap_or_else(|| panic!("data/aws.json has no `{name}`"));
    // Byte range of a value inside the file (every raw value borrows from `text`).
    let range = |raw: Option<&RawValue>| match raw {
        Some(raw) => {
            let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            (start, start + raw.get().len())
        }
        None => (0, 0),
    };
    let string = |raw: Option<&RawValue>| raw.map(|r| serde_json::from_str::<String>(r.get()).expect("a JSON string"));

    let mut out = String::new();
    let entries = |name: &str| -> BTreeMap<&str, BTreeMap<&str, &RawValue>> {
        serde_json::from_str(section(name).get()).unwrap_or_else(|e| panic!("`{name}` of data/aws.json: {e}"))
    };
    out.push_str("/// (token, class, inputs, outputs, deprecated in favour of)\n");
    out.push_str("pub(crate) static RESOURCES: &[(&str, &str, Range, Range, Option<&str>)] = &[\n");
    for (token, e) in entries("resources") {
        let class = string(e.get("class").copied()).expect("every resource has a class");
        let deprecated = string(e.get("deprecated").copied());
        let (i, o) = (range(e.get("in").copied()), range(e.get("out").copied()));
        writeln!(out, "    ({token:?}, {class:?}, ({}, {}), ({}, {}), {deprecated:?}),", i.0, i.1, o.0, o.1).unwrap();
    }
    out.push_str("];\n\n/// (token, Python SDK path, inputs, outputs)\n");
    out.push_str("pub(crate) static FUNCTIONS: &[(&str, &str, Range, Range)] = &[\n");
    for (token, e) in entries("functions") {
        let python = string(e.get("function").copied()).expect("every function has its SDK path");
        let (i, o) = (range(e.get("in").copied()), range(e.get("out").copied()));
        writeln!(out, "    ({token:?}, {python:?}, ({}, {}), ({}, {})),", i.0, i.1, o.0, o.1).unwrap();
    }
    out.push_str("];\n\n/// (type key, fields)\npub(crate) static TYPES: &[(&str, Range)] = &[\n");
    let types: BTreeMap<&str, &RawValue> = serde_json::from_str(section("types").get()).expect("`types` is an object");
    for (key, raw) in types {
        let r = range(Some(raw));
        writeln!(out, "    ({key:?}, ({}, {})),", r.0, r.1).unwrap();
    }
    out.push_str("];\n\n");
    let version = string(Some(section("version"))).expect("a version");
    writeln!(out, "pub(crate) const VERSION: &str = {version:?};").unwrap();
    for (name, key) in [("MODULES", "modules"), ("ENUMS", "enums"), ("DEPRECATED_ENUM_VALUES", "deprecated_enum_values"), ("NODE_ONLY", "node_only"), ("V6", "v6"), ("PULUMI", "pulumi")] {
        let r = range(Some(section(key)));
        writeln!(out, "pub(crate) const {name}: Range = ({}, {});", r.0, r.1).unwrap();
    }
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("index.rs");
    std::fs::write(dest, out).expect("write the schema index");
}
