//! The floor for `stride merge-driver`: parsing the three versions of the
//! file (base, ours, theirs) into `toml_edit` documents, the least a
//! format-preserving merge must do, on one thread, and nothing else.
//!
//! ```text
//! cargo run --release --example floor_edit -- BASE OURS THEIRS
//! ```
//!
//! Prints the number of top-level keys of each document, so that the
//! parse cannot be optimised away.

use std::process::ExitCode;

use toml_edit::DocumentMut;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.len() != 3 {
        eprintln!("usage: floor_edit BASE OURS THEIRS");
        return ExitCode::from(2);
    }
    let mut keys = Vec::new();
    for p in &paths {
        let text = match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("floor_edit: {p}: {e}");
                return ExitCode::FAILURE;
            }
        };
        match text.parse::<DocumentMut>() {
            Ok(doc) => keys.push(doc.as_table().len()),
            Err(e) => {
                eprintln!("floor_edit: {p}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("top-level keys: {keys:?}");
    ExitCode::SUCCESS
}
