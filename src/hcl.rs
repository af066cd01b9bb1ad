//! A small HCL (HashiCorp Configuration Language) reader: enough of HCL's native syntax for what fixity
//! reads in `.tf` files and `.terraform.lock.hcl` — blocks with labels, attributes, string literals,
//! numbers, booleans, lists, objects and function calls (`jsonencode({…})`) — with the byte span of every
//! value as written. Expressions it does not need to understand (references, operators, conditionals,
//! templates with `${…}`, heredocs) are kept as their source text. Comments (`#`, `//`, `/* */`) are skipped. Nesting deeper than
//! [`MAX_DEPTH`](crate::yaml::MAX_DEPTH) is an error.

use crate::model::Span;
use crate::yaml::MAX_DEPTH;

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

/// [`parse`], noting in `comments` every comment passed (up to a syntax error), from its `#`, `//` or `/*`.
pub fn parse_with_comments(text: &str, comments: &mut Vec<Span>) -> Result<Body, HclError> {
    let mut p = Parser { chars: text.chars().collect(), at: 0, byte: 0, depth: 0, comments };
    p.body(None)
}

struct Parser<'c> {
    comments: &'c mut Vec<Span>,
    chars: Vec<char>,
    at: usize,
    /// The byte offset of `chars[at]`.
    byte: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        self.byte += c.len_utf8();
        Some(c)
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, HclError> {
        Err(HclError { span: Span::at(self.byte), message: message.into() })
    }

    /// From `start` to here.
    fn since(&self, start: usize) -> Span {
        Span::new(start, self.byte)
    }

    /// Skips blanks and comments; newlines too when `newlines`.
    fn skip(&mut self, newlines: bool) -> Result<(), HclError> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(' ' | '\t' | '\r'), _) => {
                    self.bump();
                }
                (Some('\n'), _) if newlines => {
                    self.bump();
                }
                (Some('#'), _) | (Some('/'), Some('/')) => {
                    let start = self.byte;
                    while self.peek().is_some_and(|c| c != '\n' && c != '\r') {
                        self.bump();
                    }
                    self.comments.push(self.since(start));
                }
                (Some('/'), Some('*')) => {
                    let start = self.byte;
                    self.bump();
                    self.bump();
                    loop {
                        match self.bump() {
                            Some('*') if self.peek() == Some('/') => {
                                self.bump();
                                break;
                            }
                            Some(_) => {}
                            None => return Err(HclError { span: Span::at(start), message: "unterminated comment".into() }),
                        }
                    }
                    self.comments.push(self.since(start));
                }
                _ => return Ok(()),
            }
        }
    }

    fn identifier(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-')) {
            s.push(c);
            self.bump();
        }
        s
    }

    fn enter(&mut self) -> Result<(), HclError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }

    /// A body up to `close` (or the end of the text).
    fn body(&mut self, close: Option<char>) -> Result<Body, HclError> {
        self.enter()?;
        let mut body = Body::default();
        loop {
            self.skip(true)?;
            match self.peek() {
                None if close.is_none() => break,
                None => return self.error("unexpected end of file: a block is not closed with `}`"),
                Some(c) if Some(c) == close => {
                    self.bump();
                    break;
                }
                _ => {}
            }
            let start = self.byte;
            let name = self.identifier();
            let span = self.since(start);
            if name.is_empty() {
                return self.error(format!("expected an attribute or block name, found `{}`", self.peek().unwrap_or(' ')));
            }
            self.skip(false)?;
            if self.peek() == Some('=') {
                self.bump();
                self.skip(false)?;
                let value = self.expression(&['\n'])?;
                body.attributes.push((name, value));
                continue;
            }
            let mut labels = Vec::new();
            loop {
                self.skip(false)?;
                let start = self.byte;
                match self.peek() {
                    Some('"') => match self.string()?.expr {
                        Expr::Str(s) | Expr::Other(s) => labels.push((s, self.since(start))),
                        _ => {}
                    },
                    Some('{') => break,
                    Some(c) if c.is_alphabetic() || c == '_' => {
                        let label = self.identifier();
                        labels.push((label, self.since(start)));
                    }
                    _ => return self.error(format!("expected `=` or `{{` after `{name}`")),
                }
            }
            self.bump();
            let inner = self.body(Some('}'))?;
            body.blocks.push(Block { kind: name, span, labels, body: inner });
        }
        self.depth -= 1;
        Ok(body)
    }

    /// An expression that ends before one of `stops` (or a newline) at nesting level zero.
    fn expression(&mut self, stops: &[char]) -> Result<Value, HclError> {
        let (start, start_byte) = (self.at, self.byte);
        let value = match self.peek() {
            Some('"') => self.string()?,
            Some('[') => self.collection(']')?,
            Some('{') => self.collection('}')?,
            Some(c) if c.is_ascii_digit() || (c == '-' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) => {
                let mut n = String::new();
                while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')) {
                    n.push(c);
                    self.bump();
                }
                Value { expr: Expr::Number(n), span: self.since(start_byte) }
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let word = self.identifier();
                let expr = match word.as_str() {
                    "true" => Expr::Bool(true),
                    "false" => Expr::Bool(false),
                    "null" => Expr::Null,
                    _ if self.peek() == Some('(') => Expr::Call(word, self.arguments()?),
                    _ => Expr::Other(word),
                };
                Value { expr, span: self.since(start_byte) }
            }
            _ => Value { expr: Expr::Other(String::new()), span: Span::at(start_byte) },
        };
        // Whatever follows on the same level (an operator, a traversal, a call) makes it an expression
        // fixity keeps as text.
        self.skip(false)?;
        if self.peek().is_none_or(|c| c == '\n' || stops.contains(&c)) {
            return Ok(value);
        }
        self.rest_of_expression(stops)?;
        let text: String = self.chars[start..self.at].iter().collect();
        let written = text.trim_end();
        Ok(Value { expr: Expr::Other(written.to_string()), span: Span::new(start_byte, start_byte + written.len()) })
    }

    /// Skips to the end of an expression, through brackets, strings and heredocs.
    fn rest_of_expression(&mut self, stops: &[char]) -> Result<(), HclError> {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    self.string()?;
                    continue;
                }
                '<' if self.peek_at(1) == Some('<') && depth == 0 => return self.heredoc(),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                '\n' if depth == 0 => return Ok(()),
                c if depth == 0 && stops.contains(&c) => return Ok(()),
                '#' => {
                    self.skip(false)?;
                    continue;
                }
                '/' if matches!(self.peek_at(1), Some('/' | '*')) => {
                    self.skip(false)?;
                    continue;
                }
                _ => {}
            }
            self.bump();
        }
        Ok(())
    }

    fn heredoc(&mut self) -> Result<(), HclError> {
        self.bump();
        self.bump();
        if self.peek() == Some('-') {
            self.bump();
        }
        let marker = self.identifier();
        if marker.is_empty() {
            return self.error("expected a heredoc marker after `<<`");
        }
        loop {
            while self.peek().is_some_and(|c| c != '\n') {
                self.bump();
            }
            if self.bump().is_none() {
                return self.error(format!("heredoc `{marker}` is not closed"));
            }
            let line: String = self.chars[self.at..].iter().take_while(|c| **c != '\n').collect();
            if line.trim() == marker {
                for _ in 0..line.chars().count() {
                    self.bump();
                }
                return Ok(());
            }
        }
    }

    /// A quoted string: a literal when it has no `${…}`/`%{…}`, else kept as written.
    fn string(&mut self) -> Result<Value, HclError> {
        let (start, start_byte) = (self.at, self.byte);
        let unterminated = |message: &str| Err(HclError { span: Span::at(start_byte), message: message.into() });
        self.bump();
        let mut out = String::new();
        let mut template = false;
        loop {
            let Some(c) = self.bump() else { return unterminated("unterminated string") };
            match c {
                '"' => break,
                '\n' => return unterminated("unterminated string (strings end on their line)"),
                '\\' => match self.bump() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('u') | Some('U') => {
                        let digits: String = (0..4).filter_map(|_| self.bump()).collect();
                        out.push(u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).unwrap_or('\u{fffd}'));
                    }
                    Some(c) => out.push(c),
                    None => {}
                },
                '$' | '%' if self.peek() == Some('{') => {
                    template = true;
                    out.push(c);
                    let mut depth = 0;
                    while let Some(c) = self.bump() {
                        out.push(c);
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            '\n' => return unterminated("unterminated template interpolation"),
                            _ => {}
                        }
                    }
                }
                c => out.push(c),
            }
        }
        let expr = if template { Expr::Other(self.chars[start..self.at].iter().collect()) } else { Expr::Str(out) };
        Ok(Value { expr, span: self.since(start_byte) })
    }

    /// A call's arguments, from its `(` to its `)`.
    fn arguments(&mut self) -> Result<Vec<Value>, HclError> {
        let start = self.byte;
        self.enter()?;
        self.bump();
        let mut arguments = Vec::new();
        loop {
            self.skip(true)?;
            match self.peek() {
                None => return Err(HclError { span: Span::at(start), message: "`)` expected: this call is not closed".into() }),
                Some(')') => {
                    self.bump();
                    break;
                }
                Some(',') => {
                    self.bump();
                }
                _ => arguments.push(self.expression(&[',', ')'])?),
            }
        }
        self.depth -= 1;
        Ok(arguments)
    }

    /// A list (`]`) or an object (`}`), items separated by commas or newlines.
    fn collection(&mut self, close: char) -> Result<Value, HclError> {
        let start = self.byte;
        self.enter()?;
        self.bump();
        let mut items = Vec::new();
        let mut entries = Vec::new();
        loop {
            self.skip(true)?;
            match self.peek() {
                None => return Err(HclError { span: Span::at(start), message: format!("`{close}` expected: this collection is not closed") }),
                Some(c) if c == close => {
                    self.bump();
                    break;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            if close == ']' {
                items.push(self.expression(&[',', ']'])?);
                continue;
            }
            let key = match self.peek() {
                Some('"') => self.string()?,
                _ => {
                    let key_start = self.byte;
                    let word = self.identifier();
                    if word.is_empty() {
                        return self.error("expected an object key");
                    }
                    Value { expr: Expr::Str(word), span: self.since(key_start) }
                }
            };
            self.skip(false)?;
            if !matches!(self.peek(), Some('=' | ':')) {
                return self.error("expected `=` after an object key");
            }
            self.bump();
            self.skip(false)?;
            let value = self.expression(&[',', '}'])?;
            let key = match key.expr {
                Expr::Str(s) | Expr::Other(s) => s,
                _ => String::new(),
            };
            entries.push((key, value));
        }
        self.depth -= 1;
        let expr = if close == ']' { Expr::List(items) } else { Expr::Object(entries) };
        Ok(Value { expr, span: self.since(start) })
    }
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
        assert_eq!(vpc.body.attributes.len(), 7);
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
        assert_eq!(parse("a {\n  b = \"x\n}\n").unwrap_err(), HclError { span: Span::at(10), message: "unterminated string (strings end on their line)".into() });
        assert_eq!(parse("a {\n  b = 1\n").unwrap_err().message, "unexpected end of file: a block is not closed with `}`");
        assert!(parse(&"a {".repeat(300)).unwrap_err().message.contains("nesting"));
        assert!(parse("x = ").is_ok());
    }
}
