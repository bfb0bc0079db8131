#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hedui_core::fuzzing::json_loader(data));
