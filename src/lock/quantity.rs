//! Kubernetes resource quantities (`500m`, `1Gi`, `0.5`, `1e3`) in one canonical spelling, so that two
//! ways of writing the same amount hash the same: the exact value as an integer with the largest decimal
//! SI suffix that keeps it whole (`1000m` → `1`, `0.5` → `500m`, `1024` → `1024`, `2000Mi` →
//! `2097152k`). Like the API server, precision below `n` (10^-9) rounds up.

/// The canonical spelling of a quantity, or `None` when the text is not one.
pub fn canonical(text: &str) -> Option<String> {
    let (negative, mut mantissa, mut exp10) = parse(text.trim())?;
    if mantissa == 0 {
        return Some("0".into());
    }
    while mantissa % 10 == 0 {
        mantissa /= 10;
        exp10 += 1;
    }
    if exp10 < -9 {
        // Round up to whole nanos.
        let divisor = 10u128.checked_pow((-9 - exp10) as u32)?;
        mantissa = mantissa.div_ceil(divisor);
        exp10 = -9;
    }
    let suffix_exp = (exp10.div_euclid(3) * 3).clamp(-9, 18);
    let mantissa = mantissa.checked_mul(10u128.checked_pow((exp10 - suffix_exp) as u32)?)?;
    let suffix = match suffix_exp {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => "",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        _ => "E",
    };
    Some(format!("{}{mantissa}{suffix}", if negative { "-" } else { "" }))
}

/// Sign, integer mantissa and power of ten of a quantity's exact value.
fn parse(text: &str) -> Option<(bool, u128, i32)> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let number_end = body.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(body.len());
    let (number, suffix) = body.split_at(number_end);
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.len() + frac.len() > 30 {
        return None;
    }
    // No digits, or a second `.`, does not parse.
    let mut mantissa: u128 = format!("{int}{frac}").parse().ok()?;
    let mut exp10 = -(frac.len() as i32);
    match suffix {
        "" => {}
        "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" => {
            let power = "KMGTPE".find(&suffix[..1])? as u32 + 1;
            mantissa = mantissa.checked_mul(1u128 << (10 * power))?;
        }
        "n" | "u" | "m" | "k" | "M" | "G" | "T" | "P" | "E" => {
            exp10 += ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"].iter().position(|s| *s == suffix)? as i32 * 3 - 9;
        }
        _ => {
            let exponent = suffix.strip_prefix(['e', 'E'])?;
            let value: i32 = exponent.parse().ok().filter(|e: &i32| e.abs() <= 40)?;
            exp10 += value;
        }
    }
    Some((negative, mantissa, exp10))
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn same_amount_same_spelling() {
        let cases = [
            ("1000m", "1"),
            ("1", "1"),
            ("0.5", "500m"),
            ("500m", "500m"),
            ("1.5", "1500m"),
            ("1k", "1k"),
            ("1000", "1k"),
            ("1e3", "1k"),
            ("1Gi", "1073741824"),
            ("1024Mi", "1073741824"),
            ("128Mi", "134217728"),
            ("2000Mi", "2097152k"),
            ("0.1m", "100u"),
            ("1.0000000001", "1000000001n"),
            ("0", "0"),
            ("-250m", "-250m"),
            ("12E", "12E"),
            ("+1.5", "1500m"),
            ("3e6", "3M"),
            ("2.5G", "2500M"),
            ("7G", "7G"),
            ("1T", "1T"),
            ("4P", "4P"),
            ("0.0000000015", "2n"),
            // 30 digits are the most a quantity may write (a sign and suffix aside).
            ("1.00000000000000000000000000000", "1"),
            ("1e40", "10000000000000000000000E"),
        ];
        for (text, want) in cases {
            assert_eq!(canonical(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(canonical("0.00000000001").as_deref(), Some("1n"));
        let too_long = ["1.000000000000000000000000000000", "1000000000000000000000000000000"];
        for bad in ["", "abc", "1.2.3", "1Ki5", "1x", ".", "1e41", too_long[0], too_long[1]] {
            assert_eq!(canonical(bad), None, "{bad}");
        }
    }
}
