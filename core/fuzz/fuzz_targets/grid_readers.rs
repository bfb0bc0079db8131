#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hedui_core::fuzzing::grid_readers(data));
