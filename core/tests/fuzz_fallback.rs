//! `cargo xtask fuzz` where no nightly toolchain exists: the fuzz target bodies on random and
//! mutated input for a set time (`HEDUI_FUZZ_SECONDS`, default 60). Ignored in normal runs.

use hedui_core::fuzzing::TARGETS;
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
    let seed = hedui_core::sample::SEED_TEXT.as_bytes().to_vec();
    for (name, target) in TARGETS {
        let start = Instant::now();
        let mut runs = 0u64;
        let mut runner = TestRunner::new(Config {
            cases: u32::MAX,
            ..Config::default()
        });
        let input = prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            (
                0..seed.len(),
                0..seed.len(),
                prop::collection::vec(any::<u8>(), 0..64)
            )
                .prop_map({
                    let seed = seed.clone();
                    move |(a, b, junk)| {
                        let (a, b) = (a.min(b), a.max(b));
                        let mut v = seed[..a].to_vec();
                        v.extend(junk);
                        v.extend(&seed[b..]);
                        v
                    }
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
