//! Every input a fuzzer ever crashed on, replayed through the same target bodies
//! (`core/fuzz/regressions/<target>/<file>`), plus the seed corpus itself.

use hedui_core::fuzzing::TARGETS;
use std::path::PathBuf;

#[test]
fn every_saved_crash_and_seed_input_runs_clean() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut replayed = 0;
    for (name, target) in TARGETS {
        let dir = root.join("fuzz/regressions").join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let data = std::fs::read(entry.path()).unwrap();
            target(&data);
            replayed += 1;
        }
    }
    // The seeds every target starts from.
    for (_, target) in TARGETS {
        target(hedui_core::sample::SEED_TEXT.as_bytes());
        target(include_bytes!("../fixtures/seed.json"));
        target(b"\x1f\x1f9.00\x1f8.00\x1f\xff\xfe");
    }
    println!("replayed {replayed} saved crash inputs");
}
