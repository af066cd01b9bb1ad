//! Versions and version constraints: Terraform's (`~> 5.40`, `>= 1.2, < 2.0`, `!= 1.3.0`) and the npm-style
//! ranges Helm takes from Masterminds/semver (`^1.2.3`, `~1.2`, `1.2.x`, `>=1.0 <2.0 || 3.x`,
//! `1.2 - 1.4`). A version is `major[.minor[.patch]][-prerelease][+build]`, with an optional `v`.

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub parts: [u64; 3],
    /// How many of major, minor, patch were written (a partial version in a range is a wildcard).
    pub written: usize,
    pub pre: String,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim();
        let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
        let text = text.split_once('+').map_or(text, |(v, _)| v);
        let (core, pre) = text.split_once('-').unwrap_or((text, ""));
        let mut parts = [0u64; 3];
        let mut written = 0;
        for (i, part) in core.split('.').enumerate() {
            if i >= 3 || part.is_empty() {
                return None;
            }
            if matches!(part, "x" | "X" | "*") {
                break;
            }
            parts[i] = part.parse().ok()?;
            written = i + 1;
        }
        Some(Version { parts, written, pre: pre.to_string() })
    }

    /// Whether all of major, minor and patch are written (no wildcard).
    pub fn is_exact(&self) -> bool {
        self.written == 3
    }

    fn bump(&self, index: usize) -> Version {
        let mut parts = [0; 3];
        parts[..index].copy_from_slice(&self.parts[..index]);
        parts[index] = self.parts[index].saturating_add(1);
        Version { parts, written: 3, pre: String::new() }
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> Ordering {
        self.parts.cmp(&other.parts).then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => compare_pre(&self.pre, &other.pre),
        })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn compare_pre(a: &str, b: &str) -> Ordering {
    for (x, y) in a.split('.').zip(b.split('.')) {
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.split('.').count().cmp(&b.split('.').count())
}

/// One comparison, e.g. `>= 1.2.0`.
fn holds(op: &str, bound: &Version, v: &Version) -> bool {
    match op {
        "=" | "" => v == bound,
        "!=" => v != bound,
        ">" => v > bound,
        ">=" => v >= bound,
        "<" => v < bound,
        "<=" => v <= bound,
        _ => false,
    }
}

fn split_operator(term: &str) -> (&str, &str) {
    let end = term.find(|c: char| !matches!(c, '=' | '!' | '<' | '>' | '~' | '^')).unwrap_or(term.len());
    (&term[..end], term[end..].trim())
}

/// Whether `v` meets Terraform constraints (comma-separated, all must hold). `~> 1.2` allows `>= 1.2,
/// < 2.0`; `~> 1.2.3` allows `>= 1.2.3, < 1.3.0`. Errors name a term that is not a constraint.
pub fn terraform_allows(constraints: &str, v: &Version) -> Result<bool, String> {
    let mut ok = true;
    for term in constraints.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let (op, rest) = split_operator(term);
        let bound = Version::parse(rest).filter(|b| b.written > 0).ok_or_else(|| format!("`{term}` is not a version constraint"))?;
        ok &= match op {
            "~>" => *v >= bound && *v < bound.bump(bound.written.saturating_sub(2)),
            "=" | "" | "!=" | ">" | ">=" | "<" | "<=" => holds(op, &bound, v),
            _ => return Err(format!("`{term}` has an unknown operator `{op}`")),
        };
    }
    Ok(ok)
}

/// Whether a Terraform constraint string pins exactly one version (`1.2.3` or `= 1.2.3`).
pub fn terraform_is_exact(constraints: &str) -> bool {
    let (op, rest) = split_operator(constraints.trim());
    matches!(op, "" | "=") && !rest.contains(',') && Version::parse(rest).is_some_and(|v| v.is_exact())
}

/// Whether `v` is in a Masterminds/semver range as Helm reads `version:` in `Chart.yaml`.
pub fn range_allows(range: &str, v: &Version) -> Result<bool, String> {
    for alternative in range.split("||") {
        if alternative_allows(alternative.trim(), v)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn alternative_allows(alternative: &str, v: &Version) -> Result<bool, String> {
    if let Some((low, high)) = alternative.split_once(" - ") {
        let (low, high) = (parse_bound(low)?, parse_bound(high)?);
        let below_high = if high.is_exact() { *v <= high } else { *v < high.bump(high.written.saturating_sub(1)) };
        return Ok(*v >= low && below_high);
    }
    // Operators may be followed by a space (`>= 1.2`): join them to their version first.
    let mut terms: Vec<String> = Vec::new();
    for word in alternative.split([' ', ',']).filter(|w| !w.is_empty()) {
        match terms.last_mut() {
            Some(last) if !last.is_empty() && last.chars().all(|c| matches!(c, '=' | '!' | '<' | '>' | '~' | '^')) => last.push_str(word),
            _ => terms.push(word.to_string()),
        }
    }
    for term in &terms {
        if !term_allows(term, v)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn parse_bound(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("`{}` is not a version", text.trim()))
}

fn term_allows(term: &str, v: &Version) -> Result<bool, String> {
    let (op, rest) = split_operator(term);
    if matches!(rest, "*" | "x" | "X") || rest.is_empty() && op.is_empty() {
        return Ok(v.pre.is_empty());
    }
    let bound = parse_bound(rest)?;
    let upper = |index: usize| bound.bump(index);
    Ok(match op {
        "^" => {
            let index = match (bound.parts, bound.written) {
                ([0, 0, _], 3) => 2,
                ([0, _, _], w) if w >= 2 => 1,
                _ => 0,
            };
            *v >= bound && *v < upper(index)
        }
        "~" | "~>" => *v >= bound && *v < upper(if bound.written >= 2 { 1 } else { 0 }),
        "" | "=" if !bound.is_exact() => bound.written == 0 || (*v >= bound && *v < upper(bound.written - 1)),
        ">" if !bound.is_exact() => bound.written > 0 && *v >= upper(bound.written - 1),
        "<=" if !bound.is_exact() => bound.written > 0 && *v < upper(bound.written - 1),
        "=" | "" | "!=" | ">" | ">=" | "<" | "<=" => holds(op, &bound, v),
        _ => return Err(format!("`{term}` has an unknown operator `{op}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn terraform_constraints() {
        assert!(terraform_allows("~> 5.40", &v("5.99.1")).unwrap());
        assert!(!terraform_allows("~> 5.40", &v("6.0.0")).unwrap());
        assert!(!terraform_allows("~> 5.40", &v("5.39.0")).unwrap());
        assert!(terraform_allows("~> 5.40.1", &v("5.40.9")).unwrap());
        assert!(!terraform_allows("~> 5.40.1", &v("5.41.0")).unwrap());
        assert!(terraform_allows(">= 4.0, < 6.0, != 5.1.0", &v("5.2.0")).unwrap());
        assert!(!terraform_allows(">= 4.0, < 6.0, != 5.1.0", &v("5.1.0")).unwrap());
        assert!(terraform_allows("3.1.0", &v("3.1.0")).unwrap());
        assert!(terraform_allows("", &v("3.1.0")).unwrap());
        assert!(terraform_allows("=> 1", &v("1.0.0")).is_err());
        assert!(terraform_is_exact("= 5.5.1") && terraform_is_exact("5.5.1"));
        assert!(!terraform_is_exact("~> 5.5") && !terraform_is_exact("5.5") && !terraform_is_exact(">= 5.5.1"));
    }

    #[test]
    fn helm_ranges() {
        let cases = [
            ("^1.2.3", "1.9.0", true),
            ("^1.2.3", "2.0.0", false),
            ("^0.2.3", "0.3.0", false),
            ("^0.0.3", "0.0.4", false),
            ("~1.2.3", "1.2.9", true),
            ("~1.2.3", "1.3.0", false),
            ("12.x.x", "12.1.2", true),
            ("12.x", "13.0.0", false),
            ("1.2", "1.2.7", true),
            ("*", "3.0.0", true),
            (">=1.0 <2.0", "1.5.0", true),
            (">= 1.0, < 2.0", "2.0.0", false),
            ("<1.0 || >=3.0", "3.1.0", true),
            ("1.2 - 1.4", "1.4.9", true),
            ("1.2 - 1.4.5", "1.4.6", false),
            ("1.2.3", "1.2.3", true),
            ("!=1.2.3", "1.2.3", false),
        ];
        for (range, version, want) in cases {
            assert_eq!(range_allows(range, &v(version)), Ok(want), "{range} {version}");
        }
        assert!(range_allows("^abc", &v("1.0.0")).is_err());
    }
}
