//! The JavaScript door: `analyze`, `clean` and `version`, results as plain objects.
//!
//! Only this file names `wasm_bindgen`, `js_sys` and `serde_wasm_bindgen`.

use crate::analysis::{self, Options};
use crate::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&message).into()
}

fn to_js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let name = match e {
        Error::InvalidOptions(_) | Error::InvalidInput(_) => {
            return type_error(format!("newsmark: {e}"));
        }
        Error::InputTooLarge { .. } => "RangeError",
        Error::Model(_) => "Error",
    };
    err.set_name(name);
    err.into()
}

fn text_arg(text: &JsValue) -> Result<String, JsValue> {
    text.as_string().ok_or_else(|| {
        type_error(format!(
            "newsmark: text must be a string, got {}",
            text.js_typeof().as_string().unwrap_or_default()
        ))
    })
}

fn options_arg(options: JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(type_error("newsmark: options must be an object".into()));
    }
    // Through serde_json::Value: serde_wasm_bindgen reads only the known fields of a struct,
    // so unknown keys would be ignored silently; serde_json rejects them (deny_unknown_fields).
    let value: serde_json::Value = serde_wasm_bindgen::from_value(options)
        .map_err(|e| type_error(format!("newsmark: invalid options: {}", js_message(e))))?;
    serde_json::from_value(value).map_err(|e| type_error(format!("newsmark: invalid options: {e}")))
}

/// The message of a serde_wasm_bindgen error, without the "Error: " of its display.
fn js_message(e: serde_wasm_bindgen::Error) -> String {
    let v: JsValue = e.into();
    match v.dyn_ref::<js_sys::Error>() {
        Some(err) => err.message().into(),
        None => v.as_string().unwrap_or_else(|| "invalid value".into()),
    }
}

fn to_js(result: &analysis::Analysis) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(result, &ser)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// Analyses an article: cleaned text, removals, paragraphs, mentions, entities and quotes.
#[wasm_bindgen]
pub fn analyze(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text_arg(&text)?;
    let options = options_arg(options)?;
    let result = analysis::analyze(&text, &options).map_err(to_js_error)?;
    to_js(&result)
}

/// Cleans an article: the cleaned text, what was removed and the paragraphs.
#[wasm_bindgen]
pub fn clean(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text_arg(&text)?;
    let options = options_arg(options)?;
    let result = analysis::clean(&text, &options).map_err(to_js_error)?;
    to_js(&result)
}

/// The version of the module.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
