//! Checking replies against Discord's limits, and reading a reply back as plain text (for
//! tests and the command line).

use super::*;

// ---------------------------------------------------------------------------------------------
// Checking replies against the limits.

/// Every Discord limit a serialized interaction response (or edit) breaks; empty when it
/// keeps them all.
pub fn limit_violations(response: &Value) -> Vec<String> {
    let mut v = Vec::new();
    let data = response.get("data").unwrap_or(response);
    let s = |x: &Value| x.as_str().map_or(0, len);
    if let Some(c) = data.get("content") {
        if s(c) > limits::CONTENT {
            v.push(format!("content has {} characters", s(c)));
        }
    }
    if let Some(embeds) = data.get("embeds").and_then(Value::as_array) {
        if embeds.len() > limits::EMBEDS {
            v.push(format!("{} embeds", embeds.len()));
        }
        let mut total = 0;
        for (i, e) in embeds.iter().enumerate() {
            let mut check = |what: &str, x: Option<&Value>, max: usize| {
                let n = x.map_or(0, s);
                total += n;
                if n > max {
                    v.push(format!("embed {i} {what} has {n} characters (max {max})"));
                }
            };
            check("title", e.get("title"), limits::TITLE);
            check("description", e.get("description"), limits::DESCRIPTION);
            check("footer", e.pointer("/footer/text"), limits::FOOTER);
            check("author", e.pointer("/author/name"), limits::AUTHOR);
            let fields = e.get("fields").and_then(Value::as_array);
            if let Some(fields) = fields {
                for f in fields {
                    check("field name", f.get("name"), limits::FIELD_NAME);
                    check("field value", f.get("value"), limits::FIELD_VALUE);
                }
            }
            if let Some(fields) = fields {
                if fields.len() > limits::FIELDS {
                    v.push(format!("embed {i} has {} fields", fields.len()));
                }
                for f in fields {
                    if f.get("name").map_or(0, s) == 0 || f.get("value").map_or(0, s) == 0 {
                        v.push(format!("embed {i} has an empty field"));
                    }
                }
            }
        }
        if total > limits::EMBEDS_TOTAL {
            v.push(format!("embeds have {total} characters in all"));
        }
    }
    if let Some(rows) = data.get("components").and_then(Value::as_array) {
        for row in rows {
            for c in row
                .get("components")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let n = c.get("custom_id").map_or(0, s);
                if n > limits::CUSTOM_ID {
                    v.push(format!("custom id has {n} characters"));
                }
                if c.get("label").map_or(0, s) > limits::BUTTON_LABEL {
                    v.push("button label too long".into());
                }
            }
        }
    }
    if let Some(choices) = data.get("choices").and_then(Value::as_array) {
        if choices.len() > limits::CHOICES {
            v.push(format!("{} choices", choices.len()));
        }
        for c in choices {
            if c.get("name").map_or(0, s) > limits::CHOICE_NAME {
                v.push("choice name too long".into());
            }
            if c.get("value").map_or(0, s) > limits::CHOICE_VALUE {
                v.push("choice value too long".into());
            }
        }
    }
    v
}

/// A serialized response as a person would read it, for `whosaid reply` without `--json`.
pub fn to_text(response: &Value) -> String {
    let mut out = String::new();
    let data = response.get("data").unwrap_or(response);
    let kind = response.get("type").and_then(Value::as_u64);
    if data.get("flags").and_then(Value::as_u64).unwrap_or(0) & 64 != 0 {
        out.push_str("(only you can see this)\n");
    }
    if let Some(c) = data.get("content").and_then(Value::as_str) {
        if !c.is_empty() {
            out.push_str(c);
            out.push('\n');
        }
    }
    for e in data
        .get("embeds")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let get = |p: &str| e.pointer(p).and_then(Value::as_str).unwrap_or("");
        if !get("/title").is_empty() {
            out.push_str(&format!("# {}\n", get("/title")));
        }
        if !get("/description").is_empty() {
            out.push_str(&format!("{}\n", get("/description")));
        }
        for f in e
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = f.get("name").and_then(Value::as_str).unwrap_or("");
            let value = f.get("value").and_then(Value::as_str).unwrap_or("");
            out.push_str(&format!("\n## {name}\n{value}\n"));
        }
        if !get("/footer/text").is_empty() {
            out.push_str(&format!("\n[{}]\n", get("/footer/text")));
        }
    }
    for row in data
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let labels: Vec<String> = row
            .get("components")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                let label = c.get("label").and_then(Value::as_str).unwrap_or("?");
                if c.get("disabled").and_then(Value::as_bool).unwrap_or(false) {
                    format!("({label})")
                } else {
                    format!("[{label}]")
                }
            })
            .collect();
        out.push_str(&format!("{}\n", labels.join(" ")));
    }
    for c in data
        .get("choices")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.push_str(&format!(
            "- {}\n",
            c.get("name").and_then(Value::as_str).unwrap_or("")
        ));
    }
    if out.is_empty() {
        out = match kind {
            Some(1) => "PONG\n".into(),
            Some(5) => "(thinking…)\n".into(),
            _ => format!("{response}\n"),
        };
    }
    out
}
