//! Identity documents: the 居民身份证 number by its check digit (GB 11643-1999), the
//! 统一社会信用代码 by its check character (GB 32100-2015), and the shapes of passports and
//! the 港澳台 permits.

/// Which document a natural person identifies with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// 居民身份证.
    ResidentId,
    /// 护照.
    Passport,
    /// 港澳居民来往内地通行证.
    HkMacauPermit,
    /// 台湾居民来往大陆通行证.
    TaiwanPermit,
    /// 外国人永久居留身份证 and other documents.
    Other,
}

impl IdKind {
    /// Every kind, in the form's order.
    pub const ALL: [IdKind; 5] = [
        IdKind::ResidentId,
        IdKind::Passport,
        IdKind::HkMacauPermit,
        IdKind::TaiwanPermit,
        IdKind::Other,
    ];

    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::ResidentId => "resident_id",
            IdKind::Passport => "passport",
            IdKind::HkMacauPermit => "hk_macau_permit",
            IdKind::TaiwanPermit => "taiwan_permit",
            IdKind::Other => "other",
        }
    }

    /// Reads a stored id.
    pub fn parse(id: &str) -> Option<IdKind> {
        IdKind::ALL.into_iter().find(|k| k.as_str() == id)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::ResidentId => "居民身份证",
            IdKind::Passport => "护照",
            IdKind::HkMacauPermit => "港澳居民来往内地通行证",
            IdKind::TaiwanPermit => "台湾居民来往大陆通行证",
            IdKind::Other => "其他身份证件",
        }
    }

    /// Whether `no` has this document's shape (and, for the 居民身份证, its check digit).
    pub fn check(self, no: &str) -> Result<(), String> {
        let no = no.trim();
        let alnum = |min: usize, max: usize| {
            (min..=max).contains(&no.len()) && no.chars().all(|c| c.is_ascii_alphanumeric())
        };
        let ok = match self {
            IdKind::ResidentId => return check_resident_id(no),
            IdKind::Passport => alnum(5, 20),
            IdKind::HkMacauPermit => {
                no.starts_with(['H', 'M', 'h', 'm'])
                    && alnum(9, 11)
                    && no[1..].chars().all(|c| c.is_ascii_digit())
            }
            IdKind::TaiwanPermit => alnum(8, 10),
            IdKind::Other => alnum(4, 30),
        };
        if ok {
            Ok(())
        } else {
            Err(format!("{}号码“{no}”格式不正确，请核对", self.label()))
        }
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// A 居民身份证 number: 18 characters, a real birth date, the right check digit.
pub fn check_resident_id(no: &str) -> Result<(), String> {
    let bytes = no.trim().as_bytes();
    let shape = bytes.len() == 18 && bytes[..17].iter().all(u8::is_ascii_digit);
    if !shape {
        return Err(format!(
            "居民身份证号码应为18位（前17位为数字），“{no}”不符"
        ));
    }
    let birth = std::str::from_utf8(&bytes[6..14]).unwrap_or_default();
    let date = format!("{}-{}-{}", &birth[..4], &birth[4..6], &birth[6..]);
    if crate::clock::Date::parse(&date).is_err() {
        return Err(format!("居民身份证号码中的出生日期{birth}无效，请核对"));
    }
    let expected = resident_id_check(&no.trim()[..17]).unwrap_or('?');
    if char::from(bytes[17].to_ascii_uppercase()) == expected {
        Ok(())
    } else {
        Err("居民身份证号码校验位不符，可能有数字输错，请核对".into())
    }
}

/// The check character of a 居民身份证 number from its first 17 digits.
pub fn resident_id_check(first17: &str) -> Option<char> {
    let digits: Option<Vec<u32>> = first17.chars().map(|c| c.to_digit(10)).collect();
    let digits = digits.filter(|d| d.len() == 17)?;
    let sum: u32 = digits.iter().zip(ID_WEIGHTS).map(|(d, w)| d * w).sum();
    Some(char::from(ID_CHECK[(sum % 11) as usize]))
}

const CREDIT_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A 统一社会信用代码: 18 characters of its alphabet with the right check character.
pub fn check_credit_code(no: &str) -> Result<(), String> {
    let upper = no.trim().to_ascii_uppercase();
    let values: Option<Vec<u32>> = upper
        .chars()
        .map(|c| CREDIT_CHARS.find(c).and_then(|i| u32::try_from(i).ok()))
        .collect();
    if values.filter(|v| v.len() == 18).is_none() {
        return Err(format!(
            "统一社会信用代码应为18位数字或大写字母，“{no}”不符"
        ));
    }
    let check = credit_code_check(&upper[..17]).unwrap_or('?');
    if upper.ends_with(check) {
        Ok(())
    } else {
        Err("统一社会信用代码校验位不符，可能有字符输错，请核对".into())
    }
}

/// The check character of a 统一社会信用代码 from its first 17 characters.
pub fn credit_code_check(first17: &str) -> Option<char> {
    let values: Option<Vec<u32>> = first17
        .chars()
        .map(|c| CREDIT_CHARS.find(c).and_then(|i| u32::try_from(i).ok()))
        .collect();
    let values = values.filter(|v| v.len() == 17)?;
    let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    let index = usize::try_from((31 - sum % 31) % 31).ok()?;
    CREDIT_CHARS.chars().nth(index)
}
