//! The core's layers, checked: each module imports only from its own layer or the layers
//! below it, and the module graph has no circle. The layers are the top folders of `src/`,
//! from the bottom: vocab, model, wire, validation, rules, staging, the form definition, reportability, the
//! registry of every rule, the case lifecycle (which validates a report before it is
//! sent), and batch validation; `lib.rs` sits above them all.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// From the bottom; `lib.rs` sits above them all.
const LAYERS: [&str; 11] = [
    "vocab",
    "model",
    "wire",
    "validation",
    "rules",
    "staging",
    "form",
    "reportability",
    "registry",
    "lifecycle",
    "batch",
];

/// Upward imports that are allowed, as (from module, to module). The issue allows two; the
/// tree needs none.
const ALLOWED_UPWARD: &[(&str, &str)] = &[];

fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or("");
    LAYERS
        .iter()
        .position(|l| *l == top)
        .unwrap_or(LAYERS.len())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/model/field.rs` → `model::field`, `src/rules/mod.rs` →
/// `rules`, `src/lib.rs` → `` (the crate root).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The modules a source text refers to through `crate::` and `super::` paths (comments and
/// strings aside are not parsed; comment lines are skipped).
fn references(module: &str, text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // Inside an inline `mod name { … }` (a test module), `super` is the file's own module.
    let mut inline_mod = false;
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let t = code.trim();
        if (t.starts_with("mod ") || t.starts_with("pub mod ")) && t.ends_with('{') {
            inline_mod = true;
        }
        let sup = if inline_mod {
            module.to_string()
        } else {
            parent(module)
        };
        for (prefix, base) in [("crate::", String::new()), ("super::", sup)] {
            let mut rest = code;
            while let Some(at) = rest.find(prefix) {
                // Not part of a longer identifier (e.g. `my_crate::`).
                let before = rest[..at].chars().last();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let path: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
                let mut full: Vec<String> = base
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                // The longest known module the path names.
                let mut target = String::new();
                while !segments.is_empty() {
                    full.push(segments.remove(0).to_string());
                    let candidate = full.join("::");
                    if known.contains(&candidate) {
                        target = candidate;
                    } else {
                        break;
                    }
                }
                if target.is_empty() && base.is_empty() {
                    target = "(crate root)".to_string();
                } else if target.is_empty() {
                    target = base.clone();
                }
                if target != module {
                    out.insert(target);
                }
            }
        }
    }
    out
}

/// The parent module: `super` at the top of the file of `a::b` is `a`.
fn parent(module: &str) -> String {
    module
        .rsplit_once("::")
        .map_or(String::new(), |(p, _)| p.to_string())
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<String, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(m, f)| {
            let text = std::fs::read_to_string(f).unwrap();
            (m.clone(), references(m, &text, &known))
        })
        .collect()
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let mut upward = Vec::new();
    for (from, tos) in graph() {
        if from.is_empty() {
            continue; // the crate root joins everything
        }
        for to in tos {
            let to_layer = if to == "(crate root)" {
                LAYERS.len()
            } else {
                layer(&to)
            };
            if to_layer > layer(&from) && !ALLOWED_UPWARD.contains(&(from.as_str(), to.as_str())) {
                upward.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports from a higher layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn module_graph_has_no_circle() {
    let g = graph();
    // Depth-first search with colours; a grey node met again closes a circle.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => {
                let at = stack.iter().position(|s| s == n).unwrap();
                let mut circle = stack[at..].to_vec();
                circle.push(n.to_string());
                return Some(circle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            // A child module's `use super::*` (its tests) is part of its parent.
            if m.is_empty() || n.starts_with(&format!("{m}::")) {
                continue;
            }
            if let Some(c) = visit(m, g, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if let Some(circle) = visit(n, &g, &mut state, &mut Vec::new()) {
            panic!("import circle: {}", circle.join(" → "));
        }
    }
}

#[test]
fn the_check_sees_imports() {
    // The test would be worthless if it found no edges at all.
    let g = graph();
    assert!(
        g["rules::site"].contains("vocab::icd10"),
        "{:?}",
        g["rules::site"]
    );
    assert!(g["validation::engine"].contains("validation::rule"));
    assert!(g["wire::decode"].contains("model::field"));
    let known: BTreeSet<String> = ["vocab".into(), "vocab::lang".into(), "rules".into()].into();
    let refs = references(
        "vocab::lang",
        "use crate::rules::RULES; // crate::model",
        &known,
    );
    assert_eq!(refs.into_iter().collect::<Vec<_>>(), ["rules"]);
}
