//! What `cargo run -p maia-provision --example generate` writes, rendered from the core's own
//! tables: `docs/violations.md` whole, and the delimited generated sections of the Python and
//! TypeScript type files. `core/tests/generated.rs` includes this file and fails when a file on
//! disk differs from what it renders; it never writes.

use maia_provision::{Code, Operation, combinations, field_options, variant_members};
use serde_json::Value;
use std::fmt::Write as _;

/// The command that regenerates every output, named in every drift message.
pub const COMMAND: &str = "cargo run -p maia-provision --example generate";

/// One generated file: its path from the repository root and how to render it from what is there.
pub struct Output {
    /// Path from the repository root.
    pub path: &'static str,
    /// The file as it should be, given its current text (sections keep the hand-written rest).
    pub render: fn(&str) -> Result<String, String>,
}

/// Every generated file.
pub const OUTPUTS: &[Output] = &[
    Output { path: "docs/violations.md", render: |_| Ok(violations_doc()) },
    Output { path: "bindings-python/python/maia_provision/_types.py", render: |text| replace_section(text, "# ", &python_types()) },
    Output { path: "bindings-js/types.d.ts", render: |text| replace_section(text, "// ", &typescript_types()) },
];

/// The named value unions, each the allowed values of one field of [`field_options`]
/// (name, doc, operation, pointer, any_case); `any_case` marks the data-platform connection's
/// values, which the vendor documents in both cases (Python lists both; TypeScript has `AnyCase`).
const UNIONS: &[(&str, &str, &str, &str, bool)] = &[
    ("Warehouse", "The project's data warehouse.", "createProject", "/warehouse", false),
    ("AgentDeploymentType", "Where the project's agents run.", "createProject", "/agentDeploymentType", false),
    ("DataPlatformConnectionType", "The kind of a data-platform connection.", "createDataPlatformConnection", "/platformConnectionType", true),
    ("WarehouseProvider", "The warehouse of a data-platform connection.", "createDataPlatformConnection", "/authProvider", true),
    ("WarehouseAuthType", "How the warehouse authenticates.", "createDataPlatformConnection", "/authType", true),
    ("CloudProvider", "The cloud of a cloud-credentials secret.", "createSecretValue", "/secret/value/type", false),
    ("PlatformConnectionType", "The kind of project connection.", "createProjectConnection", "/platformConnectionType", false),
    ("AuthType", "The kind of secret a connection references.", "createProjectConnection", "/authType", false),
    (
        "VaultType",
        "The kind of vault that holds a connection's secrets.",
        "createProjectConnection",
        "/connectionDetails/secretsLocation/type",
        false,
    ),
    ("UserAccessLevel", "The access level users get on the environment.", "createEnvironment", "/defaultUserAccessLevel", false),
    ("DwhProvider", "The warehouses an environment's `DWH` entry may name.", "createEnvironment", "/defaultConnections/DWH/*", false),
    (
        "CloudPlatform",
        "The clouds an environment's `CLOUD_PLATFORM` entry may name.",
        "createEnvironment",
        "/defaultConnections/CLOUD_PLATFORM/*",
        false,
    ),
    ("GitProvider", "A Git provider.", "createRepository", "/provider", false),
];

/// The warehouse override property types: (type name, warehouse, doc).
const WAREHOUSES: &[(&str, &str, &str)] = &[
    ("SnowflakeProperties", "snowflake", "Snowflake (key pair) override properties."),
    ("RedshiftProperties", "redshift", "Redshift (password) override properties."),
];

const BEGIN: &str = "BEGIN GENERATED";
const END: &str = "END GENERATED";

/// `text` with the lines from its `BEGIN GENERATED` line to its `END GENERATED` line replaced.
fn replace_section(text: &str, comment: &str, body: &str) -> Result<String, String> {
    let begin_line = format!("{comment}{BEGIN} by `{COMMAND}` from the core's tables; do not edit by hand\n");
    let end_line = format!("{comment}{END}\n");
    // Markers count only at the start of a line, so prose may name them.
    let line_start = |marker: &str| text.match_indices(marker).map(|(at, _)| at).find(|at| *at == 0 || text[..*at].ends_with('\n'));
    let begin = line_start(&format!("{comment}{BEGIN}")).ok_or_else(|| format!("no `{comment}{BEGIN}` line"))?;
    let end = line_start(&end_line).filter(|end| *end > begin).ok_or_else(|| format!("no `{}` line after the begin line", end_line.trim_end()))?;
    let (head, tail) = (&text[..begin], &text[end + end_line.len()..]);
    Ok(format!("{head}{begin_line}{body}{end_line}{tail}"))
}

fn values(operation: &str, pointer: &str) -> Vec<String> {
    let options = field_options();
    let list = options[operation][pointer].as_array().unwrap_or_else(|| panic!("field_options() has no {operation} {pointer}"));
    list.iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
}

fn union_values(operation: &str, pointer: &str, any_case: bool) -> Vec<String> {
    let mut out = values(operation, pointer);
    if any_case {
        let upper: Vec<String> = out.iter().map(|v| v.to_ascii_uppercase()).filter(|v| !out.contains(v)).collect();
        out.extend(upper);
    }
    out
}

/// (name, kind `value`/`secret`, required) of each override property of a warehouse.
fn warehouse_properties(warehouse: &str) -> Vec<(String, String, bool)> {
    let members = variant_members();
    let list = members["environmentProperties"][warehouse].as_array().cloned().unwrap_or_else(|| panic!("no properties of {warehouse}"));
    list.iter()
        .map(|p| {
            (p["name"].as_str().unwrap_or_default().to_owned(), p["kind"].as_str().unwrap_or_default().to_owned(), p["required"] == Value::Bool(true))
        })
        .collect()
}

fn python_literal(out: &mut String, name: &str, items: &[String]) {
    let quoted: Vec<String> = items.iter().map(|v| format!("\"{v}\"")).collect();
    let one_line = format!("{name} = Literal[{}]", quoted.join(", "));
    if one_line.len() <= 100 {
        let _ = writeln!(out, "{one_line}");
    } else {
        let _ = writeln!(out, "{name} = Literal[");
        for item in &quoted {
            let _ = writeln!(out, "    {item},");
        }
        let _ = writeln!(out, "]");
    }
}

fn python_types() -> String {
    let mut out = String::new();
    let ids: Vec<String> = Operation::ALL.iter().map(|op| op.id().to_owned()).collect();
    python_literal(&mut out, "OperationId", &ids);
    out.push_str("\"\"\"The camelCase operation ids (the same in every language).\"\"\"\n\n");
    let snake: Vec<String> = Operation::ALL.iter().map(|op| op.snake_id()).collect();
    python_literal(&mut out, "SnakeOperationId", &snake);
    out.push_str("\"\"\"The snake_case spellings of the operation ids, accepted too.\"\"\"\n\n");
    let codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    python_literal(&mut out, "ViolationCode", &codes);
    out.push_str("\"\"\"Every violation code, in the core's documentation order (``VIOLATION_CODES``).\"\"\"\n\n");
    for (name, doc, operation, pointer, any_case) in UNIONS {
        python_literal(&mut out, name, &union_values(operation, pointer, *any_case));
        let _ = writeln!(out, "\"\"\"{}\"\"\"\n", doc.replace('`', "``"));
    }
    for (name, warehouse, doc) in WAREHOUSES {
        let properties = warehouse_properties(warehouse);
        let kind = |k: &str| if k == "secret" { "SecretReferenceProperty" } else { "LiteralProperty" };
        let _ = writeln!(out, "\nclass _{name}Required(TypedDict):");
        for (property, k, _) in properties.iter().filter(|p| p.2) {
            let _ = writeln!(out, "    {property}: {}", kind(k));
        }
        let _ = writeln!(out, "\n\nclass {name}(_{name}Required, total=False):\n    \"\"\"{doc}\"\"\"\n");
        for (property, k, _) in properties.iter().filter(|p| !p.2) {
            let _ = writeln!(out, "    {property}: {}", kind(k));
        }
        out.push('\n');
    }
    let names: Vec<String> = ["OperationId", "SnakeOperationId", "ViolationCode"]
        .into_iter()
        .chain(UNIONS.iter().map(|u| u.0))
        .chain(WAREHOUSES.iter().map(|w| w.0))
        .map(|n| format!("    \"{n}\","))
        .collect();
    let _ = writeln!(out, "\n_GENERATED_NAMES = [\n{}\n]", names.join("\n"));
    out
}

fn typescript_union(out: &mut String, name: &str, doc: &str, items: &[String]) {
    let quoted: Vec<String> = items.iter().map(|v| format!("'{v}'")).collect();
    let _ = writeln!(out, "/** {doc} */");
    let one_line = format!("export type {name} = {};", quoted.join(" | "));
    if one_line.len() <= 110 {
        let _ = writeln!(out, "{one_line}");
    } else {
        let _ = writeln!(out, "export type {name} =");
        let last = quoted.len().saturating_sub(1);
        for (i, item) in quoted.iter().enumerate() {
            let _ = writeln!(out, "  | {item}{}", if i == last { ";" } else { "" });
        }
    }
}

fn typescript_types() -> String {
    let mut out = String::new();
    let ids: Vec<String> = Operation::ALL.iter().map(|op| op.id().to_owned()).collect();
    typescript_union(&mut out, "OperationId", "Every operation id.", &ids);
    let codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    typescript_union(&mut out, "ViolationCode", "Every violation code (the core's `Code::ALL`).", &codes);
    for (name, doc, operation, pointer, _) in UNIONS {
        typescript_union(&mut out, name, doc, &values(operation, pointer));
    }
    for (name, warehouse, doc) in WAREHOUSES {
        let _ = writeln!(out, "\n/** {doc} */\nexport interface {name} {{");
        for (property, kind, required) in warehouse_properties(warehouse) {
            let ty = if kind == "secret" { "SecretProperty" } else { "ValueProperty" };
            let _ = writeln!(out, "  {property}{}: {ty};", if required { "" } else { "?" });
        }
        out.push_str("}\n");
    }
    out
}

fn violations_doc() -> String {
    let mut out = format!(
        "# Violation codes\n\n\
         Generated from `core/src/violation.rs` by `{COMMAND}`.\n\
         Every binding exports the same list (`VIOLATION_CODES`); a violation is\n\
         `{{location, pointer, code, severity, message}}` and only `error` severity blocks `buildRequest`.\n\n\
         | code | meaning |\n|---|---|\n",
    );
    for code in Code::ALL {
        let _ = writeln!(out, "| `{}` | {} |", code.as_str(), code.meaning().replace('|', "\\|"));
    }
    out.push_str(
        "\n## The combination table (createProjectConnection)\n\n| platformConnectionType | authProvider | authType | use for |\n|---|---|---|---|\n",
    );
    for row in combinations().as_array().cloned().unwrap_or_default() {
        let providers = row["authProviders"].as_array().map_or_else(
            || "any connector name except `NONE`".to_owned(),
            |list| list.iter().map(|p| format!("`{}`", p.as_str().unwrap_or_default())).collect::<Vec<_>>().join(", "),
        );
        let types: Vec<String> =
            row["authTypes"].as_array().cloned().unwrap_or_default().iter().map(|t| format!("`{}`", t.as_str().unwrap_or_default())).collect();
        let _ = writeln!(
            out,
            "| `{}` | {providers} | {} | {} |",
            row["platformConnectionType"].as_str().unwrap_or_default(),
            types.join(", "),
            row["useFor"].as_str().unwrap_or_default()
        );
    }
    out
}
