// SPDX-License-Identifier: MIT
//! What a reader sees of an HTML part, as plain text: tags dropped, block
//! ends as line breaks, the common entities decoded, and nothing of what
//! a mail reader does not show (scripts, styles, comments, and elements
//! hidden by `display:none`, `visibility:hidden` or the `hidden`
//! attribute, inline or through a class or id of the part's own style
//! sheet). Hidden text must not decide what a bounce says:
//!
//! ```text
//! <style>.h{display:none}</style>
//! <p class="h">550 5.1.1 user unknown</p>
//! <p>552 5.2.2 Mailbox full</p>            -> "552 5.2.2 Mailbox full"
//! ```
//!
//! One pass over the text; the elements open inside a hidden one are
//! counted up to [`MAX_OPEN`], so time stays linear in the input.

use std::borrow::Cow;

use memchr::memchr3;

use crate::mta::layout::find_ignore_case;

/// Elements whose content is never shown.
const UNSHOWN: &[&str] = &["style", "script", "title", "template"];

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
];

/// Elements whose end tag may be left out: the next sibling of the same
/// kind, or the end of the parent, ends them.
const OPTIONAL_END: &[&str] = &["p", "li", "td", "th", "tr", "dt", "dd"];

/// Elements that end a paragraph whose end tag was left out.
const ENDS_PARAGRAPH: &[&str] = &[
    "p",
    "div",
    "table",
    "ul",
    "ol",
    "dl",
    "pre",
    "blockquote",
    "form",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
];

/// Elements that end a line.
const BLOCK: &[&str] =
    &["br", "p", "div", "tr", "li", "h1", "h2", "h3", "table"];

/// At most this many elements are followed inside a hidden one.
const MAX_OPEN: usize = 256;

/// At most this many hidden classes and ids are kept from style sheets.
const MAX_SELECTORS: usize = 64;

/// Names of the HTML elements that helpdesks, webmail and word
/// processors put into the text they give when a bounce is copied: in
/// pasted text, a tag of another name (`<neko@example.org>`) is text.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "b",
    "base",
    "big",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "wbr",
];

/// Elements that lay out a ticket's or web page's text (lines,
/// paragraphs, quotes, tables, styled runs): the tags that make a paste
/// evidently HTML. Markup quoted inside a server's words (`<img
/// onerror=…>`, `<script>`, `<a href=…>`) is text to show, not a page.
const LAYOUT: &[&str] = &[
    "blockquote",
    "body",
    "br",
    "div",
    "font",
    "html",
    "li",
    "p",
    "span",
    "table",
    "td",
    "tr",
];

/// Layout tags a pasted text must hold to be taken for HTML, and how
/// many of their names must differ unless it holds [`PASTE_LINES`]
/// tags: one `<br>` in a sentence is a mention of it, a ticket's markup
/// has many tags.
const PASTE_TAGS: usize = 4;
const PASTE_NAMES: usize = 2;
const PASTE_LINES: usize = 8;

/// A plain rendering of the HTML a reader sees.
pub fn to_text(html: &str) -> String {
    render(html, false)
}

/// What a reader sees of a pasted text that is evidently HTML (a
/// ticket's or a webmail page's markup copied as text), or `None` when
/// it is not: fewer than [`PASTE_TAGS`] tags of [`LAYOUT`] elements,
/// or of fewer than [`PASTE_NAMES`] names and fewer than
/// [`PASTE_LINES`] tags in all. Unlike [`to_text`], a tag whose
/// name is no element's stays as it is written, so that an address in
/// angle brackets that the paste did not escape is kept.
///
/// ```text
/// <div>550 5.1.1 &lt;neko@example.org&gt;<br>&nbsp;User unknown</div><p>Thanks</p>
///   -> "\n550 5.1.1 <neko@example.org>\n User unknown\n\nThanks\n"
/// ```
pub fn from_paste(text: &str) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    let mut tags = 0;
    let mut rest = text;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        rest = &rest[lt + 1..];
        let name = element_name(rest.strip_prefix('/').unwrap_or(rest));
        let Some(name) = name.filter(|n| LAYOUT.contains(n)) else {
            continue;
        };
        tags += 1;
        if !names.contains(&name) {
            names.push(name);
        }
        let enough = names.len() >= PASTE_NAMES || tags >= PASTE_LINES;
        if tags >= PASTE_TAGS && enough {
            return Some(render(text, true));
        }
    }
    None
}

/// The fewest escaped angle brackets (`&lt;`, `&gt;`) that make a text
/// with no angle bracket of its own an escaped one.
const ESCAPED_BRACKETS: usize = 3;

/// A pasted text whose markup characters are all escaped, as a ticket
/// system or a "view source" copy shows a quoted bounce, with its
/// character references decoded; `None` when it holds a `<` of its
/// own or fewer than [`ESCAPED_BRACKETS`] escaped ones.
///
/// ```text
/// &gt; Your message wasn&#39;t delivered to &lt;neko@example.org&gt;
///   -> "> Your message wasn't delivered to <neko@example.org>"
/// ```
pub fn from_escaped(text: &str) -> Option<String> {
    if memchr::memchr(b'<', text.as_bytes()).is_some() {
        return None;
    }
    let brackets = ["&lt;", "&gt;", "&LT;", "&GT;"]
        .iter()
        .map(|e| memchr::memmem::find_iter(text.as_bytes(), e).count())
        .sum::<usize>();
    (brackets >= ESCAPED_BRACKETS).then(|| decode_entities(text))
}

/// The known element (see [`ELEMENTS`]) whose name `text` opens with,
/// followed by what may follow a tag's name: white space, `>` or `/`.
fn element_name(text: &str) -> Option<&'static str> {
    let end =
        text.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(text.len());
    let next = text[end..].chars().next()?;
    if !(next.is_ascii_whitespace() || next == '>' || next == '/') {
        return None;
    }
    let name = &text.as_bytes()[..end];
    let lowercase = |b: &u8| b.to_ascii_lowercase();
    let at = ELEMENTS
        .binary_search_by(|e| e.bytes().cmp(name.iter().map(lowercase)))
        .ok()?;
    Some(ELEMENTS[at])
}

/// [`to_text`], or with `pasted` [`from_paste`]'s rendering, in which
/// only the tags of known elements are markup.
fn render(html: &str, pasted: bool) -> String {
    let hidden = HiddenSelectors::of(html);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let after_lt = rest[1..].strip_prefix('/').unwrap_or(&rest[1..]);
        // `<!DOCTYPE html>` is markup too.
        let markup =
            after_lt.starts_with('!') || element_name(after_lt).is_some();
        if pasted && !markup {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let Some(tag) = Tag::read(rest) else {
            rest = "";
            break;
        };
        rest = &rest[tag.len..];
        if BLOCK.contains(&&*tag.name) {
            out.push('\n');
        }
        if tag.closing {
            continue;
        }
        if UNSHOWN.contains(&&*tag.name) {
            rest = after_unshown(rest, &tag.name);
        } else if !tag.void() && hidden.hides(&tag) {
            rest = after_element(rest, &tag.name);
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// The text from the end tag of the unshown element `name` (one of
/// [`UNSHOWN`]) whose start tag was just read: `</name`, in any case.
fn after_unshown<'a>(rest: &'a str, name: &str) -> &'a str {
    let mut close = [0u8; 10];
    close[..2].copy_from_slice(b"</");
    let Some(end) = close.get_mut(2..2 + name.len()) else { return "" };
    end.copy_from_slice(name.as_bytes());
    let close = std::str::from_utf8(&close[..2 + name.len()]).unwrap_or("");
    find_ignore_case(rest, close).map_or("", |i| &rest[i..])
}

/// The text after the element `name` whose start tag was just read.
fn after_element<'a>(mut rest: &'a str, name: &str) -> &'a str {
    let optional_end = OPTIONAL_END.contains(&name);
    let mut open: Vec<Cow<'a, str>> = Vec::new();
    while let Some(lt) = rest.find('<') {
        let here = &rest[lt..];
        if here.starts_with("<!--") {
            rest = here.find("-->").map_or("", |end| &here[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::read(here) else { return "" };
        let after = &here[tag.len..];
        if tag.closing {
            if let Some(at) = open.iter().rposition(|n| *n == tag.name) {
                open.truncate(at);
            } else if tag.name == name {
                return after;
            } else if optional_end {
                // Its parent ends: so does the element.
                return here;
            }
            // Else a stray end tag inside it.
        } else if optional_end && open.is_empty() && ends(name, &tag.name) {
            return here;
        } else if UNSHOWN.contains(&&*tag.name) {
            rest = after_unshown(after, &tag.name);
            continue;
        } else if !tag.void() && open.len() < MAX_OPEN {
            open.push(tag.name);
        }
        rest = after;
    }
    ""
}

/// True if and only if a start tag `next` ends the element `name` whose
/// end tag may be left out.
fn ends(name: &str, next: &str) -> bool {
    name == next || (name == "p" && ENDS_PARAGRAPH.contains(&next))
}

/// One tag: its name (lowercase), whether it ends an element, and the
/// attributes that can hide it, as written (the last of a name counts).
struct Tag<'a> {
    name: Cow<'a, str>,
    closing: bool,
    self_closing: bool,
    /// The bytes of the tag, `<` to `>`.
    len: usize,
    hidden_attribute: bool,
    style: Option<&'a str>,
    /// The `class` attribute: class names apart by white space.
    classes: &'a str,
    id: Option<&'a str>,
}

impl<'a> Tag<'a> {
    /// The tag at the start of `text` (which starts with `<`); none when
    /// it has no end.
    fn read(text: &'a str) -> Option<Tag<'a>> {
        let inner_end = tag_end(text)?;
        let inner = &text[1..inner_end];
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name_end = inner
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(inner.len());
        let name = &inner[..name_end];
        let name = match name.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(name.to_ascii_lowercase()),
            false => Cow::Borrowed(name),
        };
        let mut tag = Tag {
            name,
            closing,
            self_closing: inner.ends_with('/'),
            len: inner_end + 1,
            hidden_attribute: false,
            style: None,
            classes: "",
            id: None,
        };
        attributes(&inner[name_end..], |name, value| {
            let is = |n: &str| name.eq_ignore_ascii_case(n);
            if is("hidden") {
                tag.hidden_attribute = true;
            } else if is("style") {
                tag.style = Some(value);
            } else if is("class") {
                tag.classes = value;
            } else if is("id") {
                tag.id = Some(value.trim());
            }
        });
        Some(tag)
    }

    /// True if and only if the element has no content.
    fn void(&self) -> bool {
        self.self_closing || VOID.contains(&&*self.name)
    }
}

/// Where the tag at the start of `text` ends: its `>` outside quotes,
/// else (a quote left open) its first `>`.
fn tag_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 1;
    while let Some(i) =
        bytes.get(at..).and_then(|b| memchr3(b'"', b'\'', b'>', b))
    {
        let found = at + i;
        match bytes[found] {
            b'>' => return Some(found),
            quote => match memchr::memchr(quote, &bytes[found + 1..]) {
                Some(close) => at = found + 1 + close + 1,
                None => break,
            },
        }
    }
    memchr::memchr(b'>', bytes)
}

/// Calls `found` with each attribute of a tag's inside after its name:
/// `name="value"`, `name='value'`, `name=value`, or a bare `name`
/// (value empty).
fn attributes<'a>(mut text: &'a str, mut found: impl FnMut(&'a str, &'a str)) {
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_end = text
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(text.len());
        if name_end == 0 {
            return;
        }
        let name = &text[..name_end];
        text = text[name_end..].trim_start();
        let Some(after_eq) = text.strip_prefix('=') else {
            found(name, "");
            continue;
        };
        let after_eq = after_eq.trim_start();
        let (value, rest) = match after_eq.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                let end = body.find(q).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after_eq
                    .find(char::is_whitespace)
                    .unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        found(name, value);
        text = rest;
    }
}

/// The two declarations that hide, property and value, as CSS reads
/// them with no white space and in lowercase.
const HIDING: [(&str, &str); 2] =
    [("display", "none"), ("visibility", "hidden")];

/// True if and only if CSS declarations hide what they apply to: with
/// white space left out and ASCII letters in lowercase, they hold one
/// of [`HIDING`]. Each declaration holds a colon: the text before a
/// colon is read backwards for the property, the text after it forwards
/// for the value, so that a long `style` is passed over at `memchr`'s
/// pace.
fn hides(declarations: &str) -> bool {
    memchr::memchr_iter(b':', declarations.as_bytes()).any(|colon| {
        let before = &declarations[..colon];
        let after = &declarations[colon + 1..];
        HIDING.iter().any(|(property, value)| {
            compact_ends_with(before, property)
                && compact_starts_with(after, value)
        })
    })
}

/// True if and only if the characters of `text` that are not white
/// space end with `word` (lowercase ASCII), in any ASCII case.
fn compact_ends_with(text: &str, word: &str) -> bool {
    let mut chars = text.chars().rev().filter(|c| !c.is_whitespace());
    word.bytes().rev().all(|w| {
        chars.next().is_some_and(|c| c.to_ascii_lowercase() == char::from(w))
    })
}

/// True if and only if the characters of `text` that are not white
/// space start with `word` (lowercase ASCII), in any ASCII case.
fn compact_starts_with(text: &str, word: &str) -> bool {
    let mut chars = text.chars().filter(|c| !c.is_whitespace());
    word.bytes().all(|w| {
        chars.next().is_some_and(|c| c.to_ascii_lowercase() == char::from(w))
    })
}

/// The classes and ids that the part's style sheets hide.
#[derive(Default)]
struct HiddenSelectors {
    classes: Vec<String>,
    ids: Vec<String>,
}

impl HiddenSelectors {
    /// The selectors hidden by every `<style>` element of `html`.
    fn of(html: &str) -> HiddenSelectors {
        let mut hidden = HiddenSelectors::default();
        let mut rest = html;
        while let Some(at) = find_ignore_case(rest, "<style") {
            let sheet = &rest[at..];
            let Some(open_end) = sheet.find('>') else { break };
            let body = &sheet[open_end + 1..];
            let end = find_ignore_case(body, "</style").unwrap_or(body.len());
            hidden.read_sheet(&body[..end]);
            rest = &body[end..];
        }
        hidden
    }

    /// Reads one style sheet: `selectors { declarations }` rules.
    fn read_sheet(&mut self, sheet: &str) {
        let mut rest = sheet;
        while let Some(open) = rest.find('{') {
            let selectors = &rest[..open];
            let body = &rest[open + 1..];
            let close = body.find('}').unwrap_or(body.len());
            if hides(&body[..close]) {
                for selector in selectors.split(',') {
                    self.add(selector);
                }
            }
            rest = body.get(close + 1..).unwrap_or("");
        }
    }

    /// Adds the class or id a simple selector ends with (`.h`, `p.h`,
    /// `#note`); other selectors are left alone.
    fn add(&mut self, selector: &str) {
        let last = selector.split_whitespace().next_back().unwrap_or("");
        let last = last.rsplit('>').next().unwrap_or(last);
        let (list, name) = match last.rfind(['.', '#']) {
            Some(at) if last[at..].starts_with('.') => {
                (&mut self.classes, &last[at + 1..])
            }
            Some(at) => (&mut self.ids, &last[at + 1..]),
            None => return,
        };
        let name = name.to_ascii_lowercase();
        let plain = !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || "-_".contains(c));
        let room = list.len() < MAX_SELECTORS;
        if plain && room && !list.contains(&name) {
            list.push(name);
        }
    }

    /// True if and only if `tag` starts an element the reader does not
    /// see.
    fn hides(&self, tag: &Tag<'_>) -> bool {
        let known = |list: &[String], name: &str| {
            list.iter().any(|n| n.eq_ignore_ascii_case(name))
        };
        tag.hidden_attribute
            || tag.style.is_some_and(hides)
            || tag
                .classes
                .split_ascii_whitespace()
                .any(|c| known(&self.classes, c))
            || tag.id.is_some_and(|id| known(&self.ids, id))
    }
}

/// Named character references that bounce and ticket markup uses, and
/// what each stands for (a no-break space reads as a space).
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("amp", '&'),
];

/// Longest reference read, `&` and `;` left out (`#x10FFFF`).
const MAX_ENTITY: usize = 8;

/// `text` with its character references decoded in one pass: the names
/// of [`ENTITIES`] and numbers (`&#39;`, `&#x27;`); any other, and a
/// number that names a control character, stays as it is written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest.bytes().take(MAX_ENTITY + 1).position(|b| b == b';');
        let decoded = end.and_then(|end| Some((end, entity(&rest[..end])?)));
        match decoded {
            Some((end, c)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The character the reference `name` (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    let number = match name.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => n.parse::<u32>().ok(),
        },
        None => {
            let found = ENTITIES.iter().find(|(n, _)| *n == name);
            return found.map(|&(_, c)| c);
        }
    };
    match number? {
        0xa0 => Some(' '),
        n => char::from_u32(n).filter(|c| !c.is_control() || *c == '\n'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`element_name`] searches [`ELEMENTS`] in halves.
    #[test]
    fn elements_are_sorted() {
        assert!(ELEMENTS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(element_name("TD>"), Some("td"));
        assert_eq!(element_name("Colgroup "), Some("colgroup"));
        assert_eq!(element_name("neko@example.org>"), None);
    }

    /// What [`hides`] says, with the declarations compacted into a new
    /// string and searched.
    fn hides_compacted(declarations: &str) -> bool {
        let compact: String = declarations
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none")
            || compact.contains("visibility:hidden")
    }

    #[test]
    fn hiding_declarations_are_found_in_any_spacing_and_case() {
        for declarations in [
            "display:none",
            "color: red; DISPLAY : None",
            "dis play:\tno ne",
            "displaydisplay:none",
            "visibility:visible; visibility:hidden",
            "Visibility:\u{a0}Hidden",
            "display:n\u{e9}one",
            "display:nonE; x",
            "visibility:hidde",
            "xisibility:hidden",
            "vvisibility:hidden",
            "\u{e9}isibility:hidden",
            "isplay:none",
            "display::none",
            "display : : none",
            "x:display:none:y",
            "dis\u{3000}play:\u{2003}none",
            "display\u{e9}:none",
            ":",
            "",
            "e",
        ] {
            assert_eq!(
                hides(declarations),
                hides_compacted(declarations),
                "{declarations:?}"
            );
        }
    }

    #[test]
    fn a_tag_ends_at_its_first_unquoted_angle_bracket() {
        assert_eq!(tag_end("<a title=\"x>y\">z"), Some(14));
        assert_eq!(tag_end("<a title='x\"y>'>"), Some(15));
        assert_eq!(tag_end("<a title=\"x>y"), Some(11));
        assert_eq!(tag_end("<a"), None);
    }

    #[test]
    fn keeps_the_text_between_styles() {
        let html = "<STYLE>p {}</STYLE>550 <b>5.1.1</b><style>x</style> \
                    unknown<BR>&lt;neko@example.org&gt;";
        assert_eq!(to_text(html), "550 5.1.1 unknown\n<neko@example.org>");
    }

    #[test]
    fn reads_a_pasted_ticket_as_text() {
        let ticket = "<div>550 5.1.1 &lt;neko@example.org&gt;<br>&nbsp;User \
                      unknown</div><p>Thanks, <b>Sri</b> &amp; team&#33;</p>";
        let text = from_paste(ticket).unwrap();
        assert_eq!(
            text,
            "\n550 5.1.1 <neko@example.org>\n User unknown\n\nThanks, Sri & team!\n"
        );
    }

    #[test]
    fn keeps_what_a_paste_only_mentions() {
        assert_eq!(from_paste("The reply had a <br> in it, <br> twice."), None);
        let unescaped =
            "<div><p>550 <tora@example.org>: <b>unknown</b></p><br></div>";
        let text = from_paste(unescaped).unwrap();
        assert!(text.contains("\n550 <tora@example.org>: unknown\n"), "{text}");
        // A local part named like an element is no tag.
        let text = from_paste("<p><a@example.org></p><br><br>").unwrap();
        assert!(text.contains("<a@example.org>"), "{text}");
    }

    #[test]
    fn markup_inside_a_server_reply_is_no_page() {
        let reply = "550 5.1.1 <script>x()</script> <img src=x onerror=y> \
                     <a href=\"javascript:z\">x</a> <iframe></iframe> <meta \
                     http-equiv=refresh> User unknown";
        assert_eq!(from_paste(reply), None);
        let lines = "a<br>b<br>c<br>d<br>e<br>f<br>g<br>h<br>i";
        let text = from_paste(lines);
        assert_eq!(text.as_deref(), Some("a\nb\nc\nd\ne\nf\ng\nh\ni"));
    }

    #[test]
    fn decodes_references_once() {
        assert_eq!(
            decode_entities("&amp;lt; &#x41;&#66; &#0; &bogus; &"),
            "&lt; AB &#0; &bogus; &"
        );
    }

    #[test]
    fn gives_what_it_has_without_ends() {
        assert_eq!(to_text("a<script>b"), "a");
        assert_eq!(to_text("a<p"), "a");
        assert_eq!(to_text("a<div hidden>b"), "a\n");
    }

    #[test]
    fn leaves_out_what_a_reader_does_not_see() {
        let html = "<style>.h, p.x { display : none }</style>\
                    <p class=\"h\">550 5.1.1 hidden</p>\
                    <p>552 5.2.2 <span style=\"visibility:hidden\">no\
                    </span>full</p><div hidden><b>x</b> y</div>\
                    <p class='a x'>gone</p><!-- 550 <b>5.1.1</b> -->ok";
        let text = to_text(html);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            "552 5.2.2 full ok"
        );
    }

    #[test]
    fn a_hidden_paragraph_ends_without_its_end_tag() {
        let html = "<p style=display:none>hidden<p>shown</p>\
                    <ul><li hidden>a<li>b</ul><div><p hidden>c</div>d";
        let text = to_text(html);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            "shown b d"
        );
    }

    #[test]
    fn ids_and_nested_hidden_elements() {
        let html = "<style>#n{display:none}</style>\
                    <div id=N><div>in</div>still</div>out";
        assert_eq!(to_text(html).trim(), "out");
    }
}
