//! Every input a fuzzer ever crashed on, replayed through the same target bodies
//! (`files/fuzz/regressions/<target>/<file>`), plus the fixtures the corpus starts from.

use hedui_files::fuzzing::TARGETS;
use std::path::PathBuf;

#[test]
fn every_saved_crash_and_seed_input_runs_clean() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut replayed = 0;
    for (name, target) in TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join("fuzz/regressions").join(name)) else {
            continue;
        };
        for entry in entries.flatten() {
            target(&std::fs::read(entry.path()).unwrap());
            replayed += 1;
        }
    }
    for entry in std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .flatten()
    {
        let data = std::fs::read(entry.path()).unwrap();
        for (_, target) in TARGETS {
            target(&data);
        }
    }
    println!("replayed {replayed} saved crash inputs");
}
