//! Validation of a SARIF log against the OASIS SARIF 2.1.0 schema in this directory; included
//! by the emitter's and the CLI's format tests (`#[path]`), so both check against one copy.

pub fn validate(log: &serde_json::Value) -> Result<(), String> {
    let text = include_str!("sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("urn:sarif-schema-2.1.0", schema).map_err(|e| e.to_string())?;
    let mut schemas = boon::Schemas::new();
    let id = compiler.compile("urn:sarif-schema-2.1.0", &mut schemas).map_err(|e| format!("{e:#}"))?;
    schemas.validate(log, id).map_err(|e| format!("{e:#}"))
}
