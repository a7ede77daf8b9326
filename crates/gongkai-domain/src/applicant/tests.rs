//! 条例第二十九条 (issue 17): what a walk-in registration accepted ("abc", "123", "x") is
//! refused, all at once, with the field named.

use super::*;
use crate::clock::ApplicantType;

/// A valid 居民身份证 number (the GB 11643 standard's example).
const ID: &str = "11010519491231002X";

fn person<'a>() -> Applicant<'a> {
    Applicant {
        applicant_type: Some(ApplicantType::NaturalPerson),
        name: "王小明",
        id_kind: Some(IdKind::ResidentId),
        id_no: ID,
        contact: "13812345678",
        request: "七里营村2025年道路硬化工程招标文件",
        ..Applicant::default()
    }
}

#[test]
fn art29_a_complete_application_passes() {
    assert_eq!(validate(&person()), []);
}

#[test]
fn art29_every_problem_is_reported_at_once_with_its_field() {
    let bad = Applicant {
        id_no: "123",
        contact: "abc",
        request: "x",
        ..person()
    };
    let fields: Vec<&str> = validate(&bad).iter().map(|e| e.field).collect();
    assert_eq!(fields, ["id_no", "contact", "request"]);
    let messages: Vec<String> = validate(&bad).into_iter().map(|e| e.message).collect();
    assert!(messages[0].contains("18位"), "{messages:?}");
    assert!(messages[2].contains("至少8个字"), "{messages:?}");
}

#[test]
fn the_resident_id_check_digit_catches_a_mistyped_digit() {
    assert!(check_resident_id(ID).is_ok());
    assert!(
        check_resident_id("11010519491231002x").is_ok(),
        "lower-case x"
    );
    let typo = check_resident_id("11010519491231003X").unwrap_err();
    assert!(typo.contains("校验位"), "{typo}");
    assert!(
        check_resident_id("110105194913310027")
            .unwrap_err()
            .contains("出生日期")
    );
}

#[test]
fn other_documents_are_accepted_by_their_shape() {
    for (kind, no) in [
        (IdKind::Passport, "E12345678"),
        (IdKind::HkMacauPermit, "H12345678"),
        (IdKind::TaiwanPermit, "12345678"),
    ] {
        let a = Applicant {
            id_kind: Some(kind),
            id_no: no,
            ..person()
        };
        assert_eq!(validate(&a), [], "{kind:?}");
    }
    assert!(IdKind::HkMacauPermit.check("X12345678").is_err());
}

#[test]
fn an_organisation_gives_its_credit_code_legal_representative_and_liaison() {
    // GB 32100-2015's example, and real ones.
    for code in [
        "91350100M000100Y43",
        "91110108551385082Q",
        "91440300708461136t",
    ] {
        assert!(check_credit_code(code).is_ok(), "{code}");
    }
    assert!(
        check_credit_code("91350100M000100Y44")
            .unwrap_err()
            .contains("校验位")
    );
    assert!(check_credit_code("91410700MA44IOZS").is_err());
    let company = Applicant {
        applicant_type: Some(ApplicantType::Commercial),
        name: "新乡市某建设有限公司",
        id_no: "91350100M000100Y44",
        ..person()
    };
    let fields: Vec<&str> = validate(&company).iter().map(|e| e.field).collect();
    assert_eq!(fields, ["id_no", "legal_rep", "liaison"]);
    let complete = Applicant {
        id_no: "91350100M000100Y43",
        legal_rep: "张三",
        liaison: "李四",
        ..company
    };
    assert_eq!(validate(&complete), []);
}

#[test]
fn a_contact_needs_a_phone_or_an_email() {
    for ok in [
        "13812345678",
        "0373-5551234",
        "wang@example.com",
        "电话 13812345678，邮箱 a@b.cn",
    ] {
        assert!(check_contact(ok).is_ok(), "{ok}");
    }
    for bad in ["abc", "12345", "a@b", "1234567890123"] {
        assert!(check_contact(bad).is_err(), "{bad}");
    }
}
