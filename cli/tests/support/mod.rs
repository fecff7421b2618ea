//! What the command's tests share: running `sentier` on a data folder with
//! `--json`, and reading the one JSON document it prints.

#![allow(dead_code)] // Each test file uses its own subset.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `sentier --data-dir DATA_DIR --json ARGS…`, run to its end.
pub fn sentier(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sentier"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--json")
        .args(args)
        .output()
        .unwrap()
}

/// The JSON document a successful run printed.
pub fn json(output: &Output) -> Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}
