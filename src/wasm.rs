// SPDX-License-Identifier: MIT
//! The WebAssembly boundary: the only module that knows wasm-bindgen.
//!
//! Reports cross as JSON text, parsed once on the JavaScript side, so the
//! page, the npm package and the CLI serialise the same structure the
//! same way.

use wasm_bindgen::prelude::*;

use crate::{Lang, Options};

fn options(lang: &str, sending_ip: Option<String>) -> Options {
    Options {
        lang: Lang::from_code(lang).unwrap_or_default(),
        sending_ip: sending_ip.filter(|ip| !ip.trim().is_empty()),
        ..Options::default()
    }
}

fn to_json(report: &crate::Report) -> Result<String, JsError> {
    serde_json::to_string(report).map_err(|e| JsError::new(&e.to_string()))
}

/// Decodes a notice given as bytes; returns the report as JSON text.
#[wasm_bindgen(js_name = decodeBytes)]
pub fn decode_bytes(
    input: &[u8],
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsError> {
    let options = options(lang, sending_ip);
    match crate::decode(input, &options) {
        Ok(report) => to_json(&report),
        Err(e) => Err(JsError::new(&e.message(options.lang))),
    }
}

/// Decodes a notice given as text; returns the report as JSON text.
#[wasm_bindgen(js_name = decodeText)]
pub fn decode_text(
    input: &str,
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsError> {
    decode_bytes(input.as_bytes(), lang, sending_ip)
}

/// The catalog of reasons, blocklists and policies, as JSON text.
#[wasm_bindgen(js_name = catalogJson)]
pub fn catalog_json(lang: &str) -> Result<String, JsError> {
    let lang = Lang::from_code(lang).unwrap_or_default();
    let catalog = crate::knowledge::export::catalog(lang);
    serde_json::to_string(&catalog).map_err(|e| JsError::new(&e.to_string()))
}
