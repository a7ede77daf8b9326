//! 机关: what identifies an agency on the platform.

use std::fmt;

/// 机关代码: the agency's 统一社会信用代码 (18 characters) or 组织机构代码 (for example
/// `00557001-1`). It goes into every 索引号 and is the path of the agency's 专栏 on the platform
/// (`/{code}/`), so it is ASCII: digits, capital letters and `-`, 6 to 32 characters, starting
/// with a digit or a letter. Capitals only: the platform's own paths (`/zhinan`, `/console`, …)
/// are lower case and can never be taken for an agency.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgencyCode(String);

/// Why a text is not an agency code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgencyCodeError {
    /// Too short or too long.
    Length,
    /// A character outside 0-9, A-Z and `-`, or a leading `-`.
    Character,
}

impl AgencyCode {
    /// The shortest code (组织机构代码 without its check digit is 8; a little slack).
    pub const MIN: usize = 6;
    /// The longest code accepted.
    pub const MAX: usize = 32;

    /// Reads a code; surrounding spaces are dropped, nothing else is changed.
    pub fn parse(text: &str) -> Result<AgencyCode, AgencyCodeError> {
        let text = text.trim();
        if !(Self::MIN..=Self::MAX).contains(&text.len()) {
            return Err(AgencyCodeError::Length);
        }
        let allowed = |c: char| c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-';
        if text.starts_with('-') || !text.chars().all(allowed) {
            return Err(AgencyCodeError::Character);
        }
        Ok(AgencyCode(text.to_string()))
    }

    /// Whether a path segment could be an agency's (cheap, before any lookup).
    pub fn looks_like(segment: &str) -> bool {
        AgencyCode::parse(segment).is_ok() && segment.trim() == segment
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AgencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for AgencyCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AgencyCodeError::Length => "机关代码应为6至32个字符",
            AgencyCodeError::Character => {
                "机关代码只能由数字、大写字母和“-”组成，且以数字或字母开头"
            }
        })
    }
}

impl std::error::Error for AgencyCodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_codes_and_organisation_codes_are_agency_codes() {
        for ok in ["11410721MB1C75730P", "00557001-1", "114107"] {
            assert_eq!(AgencyCode::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn platform_paths_and_odd_text_are_not_agency_codes() {
        for bad in [
            "zhinan",
            "console",
            "-12345",
            "11410721/..",
            "机关代码123",
            "ABC",
        ] {
            assert!(AgencyCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            AgencyCode::parse(&"1".repeat(33)),
            Err(AgencyCodeError::Length)
        );
        assert!(!AgencyCode::looks_like(" 11410721MB1C75730P"));
    }
}
