// SPDX-License-Identifier: MIT
//! The WebAssembly boundary: the only module that knows wasm-bindgen.
//!
//! Reports cross as JSON text, parsed once on the JavaScript side, so the
//! page, the npm package and the CLI serialise the same structure the
//! same way. Failures cross as JavaScript `Error`s named `PantulError`
//! with a stable `code` (`"empty"`, `"too-large"`, `"binary"`,
//! `"invalid-ip"`, `"internal"`) and a message in the caller's language.
//! Nothing here may panic: every input-derived value is checked.

use wasm_bindgen::prelude::*;

#[cfg(feature = "npm")]
mod pool;

/// The npm package's module allocates small blocks from free lists
/// (`pool`); the page's keeps the standard allocator alone.
#[cfg(feature = "npm")]
#[global_allocator]
static POOL: pool::Pool = pool::Pool::new();

use crate::json::WriteJson;
use crate::sending_ip::check;
use crate::{Error, Lang, Options};

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG `TextDecoder` (browsers, workers and Node).
    type TextDecoder;

    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

/// Decodes a charset that this build leaves to the host (see
/// `crate::charset`); `None` if the host does not know the encoding.
fn host_decode(encoding: &str, bytes: &[u8]) -> Option<String> {
    TextDecoder::new(encoding).ok()?.decode(bytes).ok()
}

/// A JavaScript `Error` named `PantulError` that carries `code`.
fn failure(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("PantulError");
    // Setting a property on a fresh Error object cannot fail; should it,
    // the caller still gets the error and its message.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

/// The language with this code; Bahasa Indonesia for anything unknown.
fn lang(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or_default()
}

/// Decoding options from the JavaScript arguments. A blank sending IP
/// counts as none; anything else must be a public IP address.
fn options(lang: Lang, sending_ip: Option<String>) -> Result<Options, JsValue> {
    let typed = sending_ip.filter(|ip| !ip.trim().is_empty());
    let sending_ip =
        match typed {
            None => None,
            Some(ip) => Some(check(&ip).map_err(|why| {
                failure("invalid-ip", &why.message(&ip, lang))
            })?),
        };
    Ok(Options { lang, sending_ip, ..Options::default() })
}

/// The compact JSON of a report, reports or the catalog
/// (`crate::json`, which writes what `serde_json` would).
fn to_json<T: WriteJson>(value: &T) -> String {
    crate::json::to_string(value)
}

/// Runs `decode` on `input` with the options from the JavaScript
/// arguments; returns what it gives as JSON text, or its error as a
/// `PantulError`.
fn decode_with<T: WriteJson>(
    input: &[u8],
    lang: &str,
    sending_ip: Option<String>,
    decode: fn(&[u8], &Options) -> Result<T, Error>,
) -> Result<String, JsValue> {
    let lang = self::lang(lang);
    let options = options(lang, sending_ip)?;
    crate::charset::set_host_decoder(host_decode);
    match decode(input, &options) {
        Ok(value) => Ok(to_json(&value)),
        Err(e) => Err(failure(e.id(), &e.message(lang))),
    }
}

/// Decodes a notice given as bytes; returns the report as JSON text.
///
/// `lang` is `"id"` or `"en"`; `sending_ip` is the sender's IP address
/// for the lookup links when the notice hides it.
#[wasm_bindgen(js_name = decodeBytes)]
pub fn decode_bytes(
    input: &[u8],
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsValue> {
    decode_with(input, lang, sending_ip, crate::decode)
}

/// Decodes a notice given as text; returns the report as JSON text.
#[wasm_bindgen(js_name = decodeString)]
pub fn decode_string(
    input: &str,
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsValue> {
    decode_bytes(input.as_bytes(), lang, sending_ip)
}

/// Decodes every message of an mbox file given as bytes (any other input
/// is one message); returns a JSON array of reports.
#[wasm_bindgen(js_name = decodeAllBytes)]
pub fn decode_all_bytes(
    input: &[u8],
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsValue> {
    decode_with(input, lang, sending_ip, crate::decode_all)
}

/// Decodes every message of an mbox file given as text; returns a JSON
/// array of reports.
#[wasm_bindgen(js_name = decodeAllString)]
pub fn decode_all_string(
    input: &str,
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsValue> {
    decode_all_bytes(input.as_bytes(), lang, sending_ip)
}

/// Decodes a mail log or queue listing given as bytes, one report per
/// queued message (`crate::split_log::decode_log`; any other input as
/// [`decode_all_bytes`] does); returns a JSON array of reports.
#[wasm_bindgen(js_name = decodeLogBytes)]
pub fn decode_log_bytes(
    input: &[u8],
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsValue> {
    decode_with(input, lang, sending_ip, crate::split_log::decode_log)
}

/// Decodes a mail log or queue listing given as text, one report per
/// queued message; returns a JSON array of reports.
#[wasm_bindgen(js_name = decodeLogString)]
pub fn decode_log_string(
    input: &str,
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsValue> {
    decode_log_bytes(input.as_bytes(), lang, sending_ip)
}

/// Decodes an input of `size` bytes, more than [`max_size`], from its
/// first bytes `head` (the caller copies no more than `max_size() + 1`
/// of them), as the `pantul` command reads such a file: a MIME message
/// of several parts is read up to the limit with the warning
/// `warning.input-cut` (`crate::input::message_head`); an mbox file and
/// any other input fail as too large, with `size` in the message.
/// Returns the report as JSON text.
#[wasm_bindgen(js_name = decodeHeadBytes)]
pub fn decode_head_bytes(
    head: &[u8],
    size: f64,
    lang: &str,
    sending_ip: Option<String>,
) -> Result<String, JsValue> {
    options(self::lang(lang), sending_ip.clone())?;
    let limit = max_size();
    let line = memchr::memchr(b'\n', head).map_or(&[][..], |i| &head[..=i]);
    let mbox = crate::input::is_from_line(crate::input::strip_utf8_bom(line));
    if mbox || crate::input::message_head(head, limit).is_none() {
        return Err(too_large_error(size, lang));
    }
    decode_bytes(head, lang, sending_ip)
}

/// The error an input of `size` bytes gets for being too large, for
/// callers that check the size before copying the input in.
#[wasm_bindgen(js_name = tooLargeError)]
pub fn too_large_error(size: f64, lang: &str) -> JsValue {
    let error = Error::TooLarge { size: size as usize, limit: max_size() };
    failure(error.id(), &error.message(self::lang(lang)))
}

/// The largest input decoded, in bytes.
#[wasm_bindgen(js_name = maxSize)]
pub fn max_size() -> usize {
    crate::input::DEFAULT_MAX_SIZE
}

/// The sending IP address in canonical form, or `undefined` if `text`
/// is not a public IP address (`crate::sending_ip`).
#[wasm_bindgen(js_name = checkIp)]
pub fn check_ip(text: &str) -> Option<String> {
    check(text).ok()
}

/// The catalog of reasons, blocklists and policies, as JSON text.
#[wasm_bindgen(js_name = catalogJson)]
pub fn catalog_json(lang: &str) -> Result<String, JsValue> {
    Ok(to_json(&crate::knowledge::export::catalog(self::lang(lang))))
}
