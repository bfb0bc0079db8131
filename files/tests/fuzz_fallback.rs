//! `cargo xtask fuzz` where no nightly toolchain exists: the file fuzz targets on random and
//! mutated input for a set time (`HEDUI_FUZZ_SECONDS`, default 60). Ignored in normal runs.

use hedui_files::fuzzing::TARGETS;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use std::time::{Duration, Instant};

#[test]
#[ignore = "long-running; run by `cargo xtask fuzz` when cargo-fuzz cannot run"]
fn fuzz_targets_on_random_input() {
    let seconds: u64 = std::env::var("HEDUI_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let seeds: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    for (name, target) in TARGETS {
        let start = Instant::now();
        let mut runs = 0u64;
        let mut runner = TestRunner::new(Config {
            cases: u32::MAX,
            ..Config::default()
        });
        let seeds = seeds.clone();
        let input = prop_oneof![
            prop::collection::vec(any::<u8>(), 0..1024),
            (
                0..seeds.len(),
                prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)
            )
                .prop_map(move |(k, edits)| {
                    let mut v = seeds[k].clone();
                    for (at, b) in edits {
                        let i = at.index(v.len());
                        v[i] = b;
                    }
                    v
                }),
        ];
        while start.elapsed() < Duration::from_secs(seconds) {
            let data = input.new_tree(&mut runner).unwrap().current();
            target(&data);
            runs += 1;
        }
        println!("{name}: {runs} executions in {seconds} s");
    }
}
