//! The core's top-level modules form layers: no module reaches, through the
//! `crate::` paths of its non-test code, a module that reaches it back. A
//! cycle (measures → packs → reports → measures was one) makes each module
//! impossible to read, test or move without the others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `core/src` and the top-level modules its
/// non-test code (comments aside) names through `crate::`.
fn module_edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pending = vec![src.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("core/src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).expect("under core/src");
            let first = relative.components().next().expect("a component");
            let module = Path::new(first.as_os_str())
                .file_stem()
                .and_then(|stem| stem.to_str())
                .expect("a UTF-8 module name")
                .to_string();
            if module == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            // Code only: tests, and comments (a doc may point to a module
            // above without depending on it), are left out.
            let code: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let named = edges.entry(module.clone()).or_default();
            for (at, _) in code.match_indices("crate::") {
                let rest = &code[at + "crate::".len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()))
                    .unwrap_or(rest.len());
                let target = &rest[..end];
                if !target.is_empty() && target != module {
                    named.insert(target.to_string());
                }
            }
        }
    }
    edges
}

/// The modules reachable from `start` by following `edges`.
fn reachable(edges: &BTreeMap<String, BTreeSet<String>>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![start.to_string()];
    while let Some(module) = pending.pop() {
        for next in edges.get(&module).into_iter().flatten() {
            if seen.insert(next.clone()) {
                pending.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn no_module_of_the_core_reaches_itself() {
    let edges = module_edges();
    assert!(edges.len() > 10, "the core's modules were found: {edges:?}");
    let in_cycles: Vec<_> = edges
        .keys()
        .filter(|module| reachable(&edges, module).contains(*module))
        .collect();
    assert!(
        in_cycles.is_empty(),
        "modules in a cycle: {in_cycles:?}; edges: {edges:#?}"
    );
}

#[test]
fn the_leaf_modules_name_no_other_module() {
    let edges = module_edges();
    for leaf in ["locale", "geodesy", "photo", "atomic_file"] {
        assert_eq!(edges.get(leaf), Some(&BTreeSet::new()), "{leaf}");
    }
}
