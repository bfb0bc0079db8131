#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hedui_files::fuzzing::office_parts(data));
