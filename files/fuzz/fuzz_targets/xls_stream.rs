#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hedui_files::fuzzing::xls_stream(data));
