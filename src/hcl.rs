//! HCL (HashiCorp Configuration Language), as Terraform reads it: `.tf` files and `.terraform.lock.hcl`,
//! parsed by [`hcl_edit`] (the whole native syntax: for-expressions, splats, templates with directives,
//! heredocs, operators) and converted to the few shapes fixity reads — blocks with labels, attributes,
//! string literals, numbers, booleans, lists, objects and function calls (`jsonencode({…})`) — with the
//! byte span of every value as written. Expressions fixity does not interpret (references, operators,
//! conditionals, templates with `${…}`, heredocs) are kept as their source text. Comments (`#`, `//`,
//! `/* */`) are noted with their spans.
//!
//! Two things Terraform accepts and `hcl-edit` rejects are repaired before giving up, in a copy of the
//! text with the same byte offsets: a key given twice in an object constructor (fixity keeps both, so
//! both are checked), and a line break inside a for-expression before an operator (`? … : …` on their
//! own lines), which Terraform ignores. Nesting deeper than 64 levels or more than 128 chained binary
//! operators (`hcl-edit`'s limits, which keep its recursion off the end of the stack) is an error.

use crate::model::Span;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{self as edit, Structure};
use hcl_edit::template::{HeredocTemplate, StringTemplate};
use hcl_edit::visit::{self, Visit};
use hcl_edit::{Decorated, Span as _};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string literal without interpolation, unescaped.
    Str(String),
    Number(String),
    Bool(bool),
    Null,
    List(Vec<Value>),
    Object(Vec<(String, Value)>),
    /// A function call (`jsonencode({…})`) with its arguments.
    Call(String, Vec<Value>),
    /// Anything else, as written (`var.region`, `"${local.x}"`, `max(1, 2)`).
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub expr: Expr,
    /// As written: a string with its quotes, an expression up to where it ends.
    pub span: Span,
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match &self.expr {
            Expr::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value of a key of an object expression.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.expr {
            Expr::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub attributes: Vec<(String, Value)>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attribute(&self, name: &str) -> Option<&Value> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn blocks<'b>(&'b self, kind: &'b str) -> impl Iterator<Item = &'b Block> + 'b {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: String,
    /// The block's type as written.
    pub span: Span,
    /// The labels, each with its span (quotes included).
    pub labels: Vec<(String, Span)>,
    pub body: Body,
}

impl Block {
    pub fn label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).map(|(l, _)| l.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HclError {
    pub span: Span,
    pub message: String,
}

pub fn parse(text: &str) -> Result<Body, HclError> {
    parse_with_comments(text, &mut Vec::new())
}

/// [`parse`], noting in `comments` every comment, from its `#`, `//` or `/*`.
pub fn parse_with_comments(text: &str, comments: &mut Vec<Span>) -> Result<Body, HclError> {
    let (parsed, renamed) = parse_repairing(text)?;
    comments.extend(comments_outside(text, &quoted_ranges(&parsed)));
    Ok(Converter { text, renamed: &renamed }.body(&parsed))
}

/// How many repairs (one per error) a file gets before its first error is reported: each is a new parse,
/// so a large file gets fewer, within [`REPARSE_BYTES`] parsed again.
const MAX_REPAIRS: usize = 16;
const REPARSE_BYTES: usize = 32 << 20;

/// The file parsed by `hcl-edit`, repaired where it rejects what Terraform accepts; with the offsets of the
/// object keys renamed by a repair (their names are read from `text`, as written).
fn parse_repairing(text: &str) -> Result<(edit::Body, Vec<usize>), HclError> {
    let mut repaired: Option<String> = None;
    let mut renamed = Vec::new();
    let mut first_error = None;
    for _ in 0..=MAX_REPAIRS.min(REPARSE_BYTES / text.len().max(1)) {
        let error = match hcl_edit::parser::parse_body(repaired.as_deref().unwrap_or(text)) {
            Ok(body) => return Ok((body, renamed)),
            Err(e) => e,
        };
        let at = error.location().offset();
        first_error.get_or_insert_with(|| HclError { span: Span::at(at), message: error.message().to_string() });
        let copy = repaired.get_or_insert_with(|| text.to_string());
        let fixed = match error.message().contains("redefined object key") {
            true => rename_key(copy, at).inspect(|&offset| renamed.push(offset)).is_some(),
            false => join_lines_around(copy, at),
        };
        if !fixed {
            break;
        }
    }
    Err(first_error.unwrap_or_else(|| HclError { span: Span::at(0), message: "unreadable HCL".into() }))
}

/// The characters a renamed key's first character cycles through until the key is unique.
const RENAMES: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Makes the object key at `at` (given twice) another key of the same length by changing its first
/// character (the first inside the quotes of a quoted key); the offset changed, or `None` for a key that
/// cannot be renamed so (an empty or escaped string, an expression).
fn rename_key(text: &mut String, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = at + usize::from(*bytes.get(at)? == b'"');
    let c = *bytes.get(first)?;
    if !(c.is_ascii_alphanumeric() || c == b'_') {
        return None;
    }
    let next = RENAMES[RENAMES.iter().position(|&r| r == c).map_or(0, |i| (i + 1) % RENAMES.len())];
    text.replace_range(first..first + 1, char::from(next).encode_utf8(&mut [0; 4]));
    Some(first)
}

/// Puts the lines around `at` on one line when only blanks and line breaks surround it (`\n  ? 1`
/// inside a for-expression), unless the line before ends in a comment; whether it did.
fn join_lines_around(text: &mut String, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else { return false };
    let blank = [' ', '\t', '\r', '\n'];
    let code = before.trim_end_matches(blank);
    let breaks = code.len()..text.len() - after.trim_start_matches(blank).len();
    let previous_line = code.rsplit('\n').next().unwrap_or("");
    if !text[breaks.clone()].contains('\n') || code.is_empty() || ["#", "//", "*/"].iter().any(|c| previous_line.contains(c)) {
        return false;
    }
    let blanks = " ".repeat(breaks.len());
    text.replace_range(breaks, &blanks);
    true
}

/// The ranges of every quoted string, string template and heredoc, where `#` and `//` are text.
fn quoted_ranges(body: &edit::Body) -> Vec<Range<usize>> {
    struct Quoted(Vec<Range<usize>>);
    impl Visit for Quoted {
        fn visit_string(&mut self, node: &Decorated<String>) {
            self.0.extend(node.span());
        }
        fn visit_string_template(&mut self, node: &StringTemplate) {
            self.0.extend(node.span());
        }
        fn visit_heredoc_template(&mut self, node: &HeredocTemplate) {
            self.0.extend(node.span());
        }
    }
    let mut quoted = Quoted(Vec::new());
    visit::visit_body(&mut quoted, body);
    quoted.0.sort_by_key(|r| r.start);
    quoted.0
}

/// The comments of `text` outside the `quoted` ranges (sorted): `#` and `//` to the end of their line,
/// `/*` to its `*/`.
fn comments_outside(text: &str, quoted: &[Range<usize>]) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut quoted = quoted.iter().peekable();
    let mut at = 0;
    while at < bytes.len() {
        while quoted.next_if(|q| q.end <= at).is_some() {}
        if let Some(q) = quoted.peek().filter(|q| q.start <= at) {
            at = q.end;
            continue;
        }
        let end = match (bytes[at], bytes.get(at + 1)) {
            (b'#', _) | (b'/', Some(b'/')) => text[at..].find(['\n', '\r']).map_or(text.len(), |e| at + e),
            (b'/', Some(b'*')) => text[at + 2..].find("*/").map_or(text.len(), |e| at + 2 + e + 2),
            _ => {
                at += 1;
                continue;
            }
        };
        comments.push(Span::new(at, end));
        at = end;
    }
    comments
}

/// From `hcl-edit`'s syntax tree to fixity's values, spans and names as written in `text`.
struct Converter<'t> {
    text: &'t str,
    /// Where a repair renamed an object key (see [`rename_key`]).
    renamed: &'t [usize],
}

impl Converter<'_> {
    fn written(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
    }

    fn body(&self, body: &edit::Body) -> Body {
        let mut converted = Body::default();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attribute) => converted.attributes.push((attribute.key.as_str().to_string(), self.value(&attribute.value))),
                Structure::Block(block) => converted.blocks.push(Block {
                    kind: block.ident.as_str().to_string(),
                    span: span(block.ident.span()),
                    labels: block.labels.iter().map(|l| (l.as_str().to_string(), span(l.span()))).collect(),
                    body: self.body(&block.body),
                }),
            }
        }
        converted
    }

    fn value(&self, expression: &Expression) -> Value {
        let range = expression.span().unwrap_or_default();
        let written = self.written(&range);
        let expr = match expression {
            Expression::Null(_) => Expr::Null,
            Expression::Bool(b) => Expr::Bool(*b.value()),
            Expression::Number(_) => Expr::Number(written.to_string()),
            // `$${` is a literal `${`: kept as written, a template `sources::terraform::evaluate` reads.
            Expression::String(s) if !written.contains("${") && !written.contains("%{") => Expr::Str(s.value().clone()),
            Expression::Array(items) => Expr::List(items.iter().map(|item| self.value(item)).collect()),
            Expression::Object(entries) => Expr::Object(entries.iter().map(|(key, value)| (self.key(key), self.value(value.expr()))).collect()),
            Expression::FuncCall(call) if !call.name.is_namespaced() && !call.args.expand_final() => {
                Expr::Call(call.name.name.as_str().to_string(), call.args.iter().map(|argument| self.value(argument)).collect())
            }
            _ => Expr::Other(written.to_string()),
        };
        Value { expr, span: span(Some(range)) }
    }

    /// An object key: a name or a string's value; an expression (`(var.key)`) as written.
    fn key(&self, key: &ObjectKey) -> String {
        let range = key.span().unwrap_or_default();
        let written = self.written(&range);
        match key {
            ObjectKey::Ident(_) => written.to_string(),
            // A repair changed the first character, never an escape (see [`rename_key`]): that one as
            // written, the rest as read.
            ObjectKey::Expression(Expression::String(s)) if self.renamed.iter().any(|r| range.contains(r)) => {
                format!("{}{}", written.get(1..2).unwrap_or(""), s.value().get(1..).unwrap_or(""))
            }
            ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
            ObjectKey::Expression(_) => written.to_string(),
        }
    }
}

fn span(range: Option<Range<usize>>) -> Span {
    range.map_or_else(Span::default, |r| Span::new(r.start, r.end))
}

#[cfg(test)]
mod tests {
    use super::*;


    #[test]
    fn reads_terraform_shapes() {
        let text = r#"
# comment
terraform {
  required_version = ">= 1.5" // trailing
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    legacy = "~> 2.0"
  }
}

/* block
   comment */
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = var.cidr
  tags   = merge(local.tags, { Name = "x" })
  name   = "${var.env}-vpc"
  azs    = ["a", "b"]
  policy = <<-EOT
    {"a": "}"}
  EOT
  count = 2
}
"#;
        let body = parse(text).unwrap();
        let tf = body.blocks("terraform").next().unwrap();
        let providers = tf.body.blocks("required_providers").next().unwrap();
        let aws = providers.body.attribute("aws").unwrap();
        assert_eq!(aws.get("version").and_then(Value::as_str), Some("~> 5.40"));
        assert_eq!(&text[aws.span.start as usize..aws.span.end as usize], "{\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.40\"\n    }");
        let version = aws.get("version").unwrap().span;
        assert_eq!(&text[version.start as usize..version.end as usize], "\"~> 5.40\"");
        assert_eq!(providers.body.attribute("legacy").and_then(Value::as_str), Some("~> 2.0"));
        let vpc = body.blocks("module").next().unwrap();
        assert_eq!(vpc.label(0), Some("vpc"));
        let label = vpc.labels[0].1;
        assert_eq!(&text[label.start as usize..label.end as usize], "\"vpc\"");
        let tags = vpc.body.attribute("tags").unwrap().span;
        assert_eq!(&text[tags.start as usize..tags.end as usize], "merge(local.tags, { Name = \"x\" })");
        assert_eq!(vpc.body.attribute("source").and_then(Value::as_str), Some("terraform-aws-modules/vpc/aws"));
        assert_eq!(vpc.body.attribute("cidr").unwrap().expr, Expr::Other("var.cidr".into()));
        let Expr::Call(merge, arguments) = &vpc.body.attribute("tags").unwrap().expr else { panic!("not a call") };
        assert_eq!((merge.as_str(), &arguments[0].expr, arguments[1].get("Name").and_then(Value::as_str)), ("merge", &Expr::Other("local.tags".into()), Some("x")));
        assert_eq!(parse("a = f(x) + 1\n").unwrap().attributes[0].1.expr, Expr::Other("f(x) + 1".into()));
        assert_eq!(parse("a = f(\n  1,\n  [2],\n)\n").unwrap().attributes[0].1.expr, Expr::Call("f".into(), vec![Value { expr: Expr::Number("1".into()), span: Span::new(9, 10) }, Value { expr: Expr::List(vec![Value { expr: Expr::Number("2".into()), span: Span::new(15, 16) }]), span: Span::new(14, 17) }]));
        assert!(parse("a = f(1\n").is_err());
        assert_eq!(vpc.body.attribute("name").unwrap().expr, Expr::Other("\"${var.env}-vpc\"".into()));
        assert_eq!(vpc.body.attribute("count").unwrap().expr, Expr::Number("2".into()));
        assert_eq!(vpc.body.attribute("policy").unwrap().expr, Expr::Other("<<-EOT\n    {\"a\": \"}\"}\n  EOT".into()));
        assert_eq!(comments_of(text), ["# comment", "// trailing", "/* block\n   comment */"]);
        assert_eq!(vpc.body.attributes.len(), 7);
    }

    fn comments_of(text: &str) -> Vec<&str> {
        let mut comments = Vec::new();
        parse_with_comments(text, &mut comments).unwrap();
        comments.iter().map(|c| &text[c.start as usize..c.end as usize]).collect()
    }

    /// `null`, `true` and `false` are values of their own, not expressions kept as written.
    #[test]
    fn reads_null_and_booleans() {
        let body = parse("a = null\nb = true\nc = false\nd = [null, true]\n").unwrap();
        let exprs: Vec<_> = body.attributes.iter().map(|(name, value)| (name.as_str(), &value.expr)).collect();
        let item = |expr, at| Value { expr, span: Span::new(at, at + 4) };
        let list = Expr::List(vec![item(Expr::Null, 33), item(Expr::Bool(true), 39)]);
        assert_eq!(exprs, [("a", &Expr::Null), ("b", &Expr::Bool(true)), ("c", &Expr::Bool(false)), ("d", &list)]);
    }

    /// A call is read as one when its arguments are: not a provider's function (`provider::…::f`), whose
    /// name alone is not what it calls, nor one whose last argument is expanded (`f(xs...)`).
    #[test]
    fn reads_plain_calls_only() {
        let expr = |text: &str| parse(text).unwrap().attributes.remove(0).1.expr;
        let one = Value { expr: Expr::Number("1".into()), span: Span::new(6, 7) };
        assert_eq!(expr("a = f(1)\n"), Expr::Call("f".into(), vec![one]));
        for call in ["provider::p::f(1)", "f(xs...)", "provider::p::f(xs...)"] {
            assert_eq!(expr(&format!("a = {call}\n")), Expr::Other(call.into()), "{call}");
        }
    }

    /// Escapes make the written string longer than its value: the span is what is written.
    #[test]
    fn string_spans_include_escapes() {
        let text = "a = \"x\\u00e9\\\"y\" # c\n";
        let a = parse(text).unwrap().attributes.remove(0).1;
        assert_eq!((a.as_str(), &text[a.span.start as usize..a.span.end as usize]), (Some("xé\"y"), "\"x\\u00e9\\\"y\""));
    }

    #[test]
    fn errors_have_places() {
        assert_eq!(parse("a {\n  b = \"x\n}\n").unwrap_err(), HclError { span: Span::at(6), message: "invalid block body; expected `}`, newline or identifier".into() });
        assert_eq!(parse("a {\n  b = 1\n").unwrap_err(), HclError { span: Span::at(11), message: "invalid block body; expected `}`, newline or identifier".into() });
        assert_eq!(parse("a = 1\0").unwrap_err(), HclError { span: Span::at(5), message: "expected newline or eof".into() });
        assert!(parse("x = ").is_err());
    }

    /// What Terraform reads and the hand-written parser before `hcl-edit` did not: each value as written.
    #[test]
    fn reads_the_whole_native_syntax() {
        let text = r#"locals {
  tags = { for k, v in merge(var.tags, var.cluster_tags) :
    k => v if local.create && k != "Name"
  }
  groups = {
    (var.guardduty_log_group_id) = ""
  }
  location = "s3://bucket-${data.aws_caller_identity.current.account_id
  }-${var.region}/logs"
  ids   = aws_subnet.private[*].id
  hello = "Hi %{if var.name != ""}${var.name}%{endif}"
  escaped = "$${not.interpolated}"
  name = provider::aws::arn_parse(var.arn).resource
}
"#;
        let locals = parse(text).unwrap().blocks.remove(0).body;
        let written = |name: &str| {
            let value = locals.attribute(name).unwrap();
            (&value.expr, &text[value.span.start as usize..value.span.end as usize])
        };
        let tags = "{ for k, v in merge(var.tags, var.cluster_tags) :\n    k => v if local.create && k != \"Name\"\n  }";
        assert_eq!(written("tags"), (&Expr::Other(tags.into()), tags));
        let groups = locals.attribute("groups").unwrap();
        assert_eq!(groups.expr, Expr::Object(vec![("(var.guardduty_log_group_id)".into(), Value { expr: Expr::Str(String::new()), span: Span::new(162, 164) })]));
        assert_eq!(&text[162..164], "\"\"");
        let location = "\"s3://bucket-${data.aws_caller_identity.current.account_id\n  }-${var.region}/logs\"";
        assert_eq!(written("location"), (&Expr::Other(location.into()), location));
        assert_eq!(written("ids").1, "aws_subnet.private[*].id");
        assert_eq!(written("hello").1, "\"Hi %{if var.name != \"\"}${var.name}%{endif}\"");
        assert_eq!(written("escaped"), (&Expr::Other("\"$${not.interpolated}\"".into()), "\"$${not.interpolated}\""));
        assert_eq!(written("name").1, "provider::aws::arn_parse(var.arn).resource");
    }

    /// A key given twice and a for-expression's conditional across lines: Terraform reads both.
    #[test]
    fn repairs_what_terraform_accepts() {
        let text = "a = {\n  image = \"x:1\"\n  image = \"x:2\"\n  \"Sid\" = 1\n  \"Sid\" = 2\n}\nb = { for k, v in var.m : k =>\n  v\n  ? 1\n  : 2\n}\nc = 1 # after\n";
        let mut comments = Vec::new();
        let body = parse_with_comments(text, &mut comments).unwrap();
        let Expr::Object(entries) = &body.attribute("a").unwrap().expr else { panic!("not an object") };
        let keys: Vec<_> = entries.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or(""), &text[v.span.start as usize..v.span.end as usize])).collect();
        assert_eq!(keys, [("image", "x:1", "\"x:1\""), ("image", "x:2", "\"x:2\""), ("Sid", "", "1"), ("Sid", "", "2")]);
        let b = body.attribute("b").unwrap().span;
        assert_eq!(&text[b.start as usize..b.end as usize], "{ for k, v in var.m : k =>\n  v\n  ? 1\n  : 2\n}");
        assert_eq!(body.attribute("c").unwrap().expr, Expr::Number("1".into()));
        assert_eq!(comments.iter().map(|c| &text[c.start as usize..c.end as usize]).collect::<Vec<_>>(), ["# after"]);
        // Nor is a line break that ends the line's comment.
        assert_eq!(parse("a = {for k, v in y : k => v # c\n  ? 1 : 2}\n").unwrap_err().span, Span::at(34));
    }

    /// A quoted key is its string's value, escapes read, whether or not a repair renamed it.
    #[test]
    fn reads_quoted_keys_unescaped() {
        let keys = |text: &str| {
            let body = parse(text).unwrap();
            let Expr::Object(entries) = &body.attributes[0].1.expr else { panic!("not an object") };
            entries.iter().map(|(key, _)| key.clone()).collect::<Vec<_>>()
        };
        assert_eq!(keys("a = {\n  \"b\\\"c\" = 1\n  (d) = 2\n}\n"), ["b\"c", "(d)"]);
        assert_eq!(keys("a = {\n  \"A\\u0041\" = 1\n  \"A\\u0041\" = 2\n}\n"), ["AA", "AA"]);
        assert_eq!(keys("a = {\n  1 = 1\n  1 = 2\n}\n"), ["1", "1"]);
    }

    /// A renamed key's first character (inside the quotes of a quoted one) moves one letter on, from `Z`
    /// back to `A`, from anything else to `A`; a key that starts with no letter, digit or `_` is not renamed.
    #[test]
    fn renames_a_key_by_its_first_character() {
        let renamed = |text: &str, at: usize| {
            let mut text = text.to_string();
            let offset = rename_key(&mut text, at);
            (offset, text)
        };
        let cases = [
            (("x = {Ab = 1}", 5), (Some(5), "x = {Bb = 1}")),
            (("x = {Bb = 1}", 5), (Some(5), "x = {Cb = 1}")),
            (("x = {Zb = 1}", 5), (Some(5), "x = {Ab = 1}")),
            (("x = {kb = 1}", 5), (Some(5), "x = {Ab = 1}")),
            (("x = {_b = 1}", 5), (Some(5), "x = {Ab = 1}")),
            (("x = {\"Mb\" = 1}", 5), (Some(6), "x = {\"Nb\" = 1}")),
            (("x = {-b = 1}", 5), (None, "x = {-b = 1}")),
            (("x = {\"\" = 1}", 5), (None, "x = {\"\" = 1}")),
            (("x = {\"\\u0041\" = 1}", 5), (None, "x = {\"\\u0041\" = 1}")),
            (("x = {", 5), (None, "x = {")),
        ];
        for ((text, at), (offset, after)) in cases {
            assert_eq!(renamed(text, at), (offset, after.to_string()), "{text:?} at {at}");
        }
    }

    /// Only blanks holding a line break are joined, and not after a line holding a comment, which the join
    /// would extend over the next line; whether the text changed.
    #[test]
    fn joins_only_broken_lines() {
        let joined = |text: &str, at: usize| {
            let mut text = text.to_string();
            let fixed = join_lines_around(&mut text, at);
            (fixed, text)
        };
        let cases = [
            (("a = (b\n \t? 1 : 2)", 9), (true, "a = (b   ? 1 : 2)")),
            (("a = (b\r\n? 1 : 2)", 8), (true, "a = (b  ? 1 : 2)")),
            (("a = (b \t? 1 : 2)", 8), (false, "a = (b \t? 1 : 2)")),
            (("a = (b # c\n  ? 1 : 2)", 13), (false, "a = (b # c\n  ? 1 : 2)")),
            (("a = (b // c\n? 1 : 2)", 12), (false, "a = (b // c\n? 1 : 2)")),
            (("a = (b /* c */\n? 1 : 2)", 15), (false, "a = (b /* c */\n? 1 : 2)")),
            (("\n\t? 1", 2), (false, "\n\t? 1")),
            (("a = \"é\"", 6), (false, "a = \"é\"")),
        ];
        for ((text, at), (fixed, after)) in cases {
            assert_eq!(joined(text, at), (fixed, after.to_string()), "{text:?} at {at}");
        }
        // Joined after a comment, `a = b # c   ? 1 : 2` would read as `a = b`.
        assert_eq!(parse("a = b # c\n  ? 1 : 2\n").unwrap_err(), HclError { span: Span::at(12), message: "unexpected token".into() });
    }

    /// Each repair is a new parse: a file gets 16, fewer when it is large, so that at most 32 MiB are parsed
    /// again (`n` repairs for a file of more than 32 MiB / (`n` + 1) bytes).
    #[test]
    fn repairs_are_counted() {
        // An object with `repairs` keys given twice, padded with a comment to `len` bytes.
        let twice = |repairs: usize, len: usize| {
            let keys: String = (0..repairs).map(|i| format!("k{i} = 1\nk{i} = 2\n")).collect();
            let mut text = format!("a = {{\n{keys}}}\n#");
            assert!(text.len() <= len);
            text.extend(std::iter::repeat_n('#', len - text.len()));
            text
        };
        let repaired = |repairs: usize, len: usize| parse(&twice(repairs, len)).map(|body| body.attributes.len());
        // 512 bytes divide 32 MiB: the budget is not what is left of that division.
        assert_eq!(repaired(16, 512), Ok(1));
        assert_eq!(repaired(17, 512).unwrap_err(), HclError { span: Span::at(13), message: "invalid object item; expected unique object key; found redefined object key".into() });
        let large = (32 << 20) / 2 + 1;
        assert_eq!(repaired(1, large), Ok(1));
        assert_eq!(repaired(2, large).unwrap_err().span, Span::at(13));
    }

    /// Comments everywhere but in strings, templates and heredocs, each from its `#`, `//` or `/*`.
    #[test]
    fn notes_comments_outside_strings() {
        let text = "# one\r\na = \"# no\" // two\nb = <<EOT\n# no\nEOT\nc = [ /* three\n */ \"${x} // no\", 1 ] # four";
        assert_eq!(comments_of(text), ["# one", "// two", "/* three\n */", "# four"]);
    }

    /// The deepest input `hcl-edit` accepts, of every kind of nesting, parses on a thread's stack: it counts
    /// its own levels (64) and chained operators (128) and rejects more. In a release build (what ships)
    /// 1 MiB, wasm's stack, is enough (the CLI is checked on such files too); debug frames are larger.
    #[test]
    fn deep_nesting_stays_on_the_stack() {
        let deep = |open: &str, inner: &str, close: &str, n: usize| format!("a = {}{inner}{}\n", open.repeat(n), close.repeat(n));
        let inputs = move |n: usize| {
            vec![
                deep("[", "1", "]", n),
                deep("(", "1", ")", n),
                deep("{a = ", "1", "}", n),
                deep("f(", "1", ")", n),
                deep("\"${", "1", "}\"", n),
                deep("\"%{if x}", "1", "%{endif}\"", n),
                deep("[for x in ", "y", " : x]", n),
                deep("{for k, v in ", "y", " : k => v}", n),
                deep("x ? ", "1", " : 2", n),
                deep("!", "x", "", n),
                deep("-", "x", "", n),
                deep("1 + ", "1", "", n * 2),
                deep("x[", "1", "]", n),
                format!("{}{}", "a {\n".repeat(n), "}\n".repeat(n)),
            ]
        };
        let stack = if cfg!(debug_assertions) { 8 << 20 } else { 1 << 20 };
        let parsed = std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || [64, 65, 100_000].map(|n| inputs(n).iter().map(|i| parse(i).is_ok()).collect::<Vec<_>>()))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(parsed, [vec![true; 14], vec![false; 14], vec![false; 14]]);
    }
}
