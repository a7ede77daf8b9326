use super::*;
use crate::clock::{Calendar, Date, YearSchedule};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn first_review_then_publish_xian_shencha_hou_gongkai() {
    let s = ItemState::Draft;
    let s = s.apply(&Action::Submit, &[Role::Drafter], 0).unwrap();
    assert_eq!(s, ItemState::PendingRegistration);
    assert!(!s.is_public());
    let s = s.apply(&Action::Register, &[Role::Registrar], 0).unwrap();
    assert_eq!(s, ItemState::PendingApproval);
    assert!(!s.is_public());
    let s = s.apply(&Action::Approve, &[Role::Approver], 0).unwrap();
    assert_eq!(s, ItemState::Published);
    assert!(s.is_public());
}

#[test]
fn no_role_can_skip_a_review_step() {
    for role in Role::ALL {
        let err = ItemState::Draft.apply(&Action::Approve, &[role], 0);
        assert!(err.is_err(), "{role:?} approved a draft");
        let err = ItemState::PendingRegistration.apply(&Action::Approve, &[role], 0);
        assert!(err.is_err(), "{role:?} approved before registration");
    }
}

#[test]
fn only_the_step_owner_returns_and_a_reason_is_required() {
    let ret = |r: &str| Action::Return { reason: r.into() };
    let pending = ItemState::PendingApproval;
    assert_eq!(
        pending.apply(&ret("文号有误"), &[Role::Approver], 0),
        Ok(ItemState::Draft)
    );
    assert!(matches!(
        pending.apply(&ret("文号有误"), &[Role::Registrar], 0),
        Err(WorkflowError::NotAllowed { .. })
    ));
    assert_eq!(
        pending.apply(&ret("  "), &[Role::Approver], 0),
        Err(WorkflowError::ReasonRequired)
    );
    assert!(matches!(
        ItemState::Draft.apply(&ret("x"), &[Role::Drafter], 0),
        Err(WorkflowError::NotAllowed { .. })
    ));
}

#[test]
fn open_flags_block_approval() {
    let s = ItemState::PendingApproval;
    assert_eq!(
        s.apply(&Action::Approve, &[Role::Approver], 2),
        Err(WorkflowError::OpenFlags(2))
    );
}

#[test]
fn abolished_items_stay_public_withdrawn_ones_do_not() {
    let s = ItemState::Published;
    let abolished = s
        .apply(
            &Action::Abolish {
                on: d("2026-01-01"),
            },
            &[Role::Registrar],
            0,
        )
        .unwrap();
    assert!(abolished.is_public());
    let withdrawn = s
        .apply(
            &Action::Withdraw {
                reason: "误发".into(),
            },
            &[Role::Registrar],
            0,
        )
        .unwrap();
    assert!(!withdrawn.is_public());
    assert_eq!(
        withdrawn.apply(&Action::Revise, &[Role::Drafter], 0),
        Ok(ItemState::Draft)
    );
}

#[test]
fn roles_are_separated_san_yuan_fen_li() {
    assert!(!Role::Admin.grants(Permission::Approve));
    assert!(!Role::Admin.grants(Permission::ReadAudit));
    assert!(!Role::Auditor.grants(Permission::Administer));
    assert!(!Role::Approver.grants(Permission::ReadAudit));
    for r in Role::ALL {
        assert_eq!(Role::parse(r.as_str()), Ok(r));
    }
    assert!(Role::parse("root").is_err());
}

fn kinds(text: &str) -> Vec<(FlagKind, String)> {
    scan(text).into_iter().map(|f| (f.kind, f.text)).collect()
}

#[test]
fn id_numbers_are_flagged_only_with_a_valid_check_digit() {
    // 11010519491231002X is the GB 11643 standard's example number.
    assert_eq!(
        kinds("申请人身份证11010519491231002X，"),
        vec![(FlagKind::IdNumber, "11010519491231002X".into())]
    );
    assert_eq!(kinds("编号110105194912310021"), vec![]);
}

#[test]
fn mobiles_cards_and_emails_are_flagged() {
    assert_eq!(
        kinds("联系电话13812345678"),
        vec![(FlagKind::Mobile, "13812345678".into())]
    );
    assert_eq!(kinds("固定电话0373-5551234"), vec![]);
    // 4111 1111 1111 1111 passes Luhn; 4111 1111 1111 1112 does not.
    assert_eq!(
        kinds("账号4111 1111 1111 1111。"),
        vec![(FlagKind::BankCard, "4111 1111 1111 1111".into())]
    );
    assert_eq!(kinds("账号4111111111111112"), vec![]);
    assert_eq!(
        kinds("邮箱qlyzf@163.com。"),
        vec![(FlagKind::Email, "qlyzf@163.com".into())]
    );
}

#[test]
fn markings_are_flagged_but_the_laws_own_words_are_not() {
    assert_eq!(
        kinds("机密★1年"),
        vec![
            (FlagKind::Classification, "机密".into()),
            (FlagKind::Classification, "★".into())
        ]
    );
    assert_eq!(
        kinds("内部资料，不得外传"),
        vec![
            (FlagKind::InternalOnly, "内部资料".into()),
            (FlagKind::InternalOnly, "不得外传".into())
        ]
    );
    assert_eq!(kinds("涉及商业秘密、国家秘密的不予公开"), vec![]);
}

#[test]
fn codes_and_index_numbers_are_not_personal_data() {
    assert_eq!(kinds("索引号 11410721MB1234567X/2025-00001"), vec![]);
    assert_eq!(kinds("新政〔2025〕12号"), vec![]);
}

#[test]
fn article_26_twenty_working_days_from_the_written_date() {
    let mut cal = Calendar::new();
    cal.insert(YearSchedule::parse(include_str!("../../../../data/calendar/2025.txt")).unwrap());
    let t = timeliness(
        d("2025-09-26"),
        Some(d("2025-10-30")),
        d("2025-12-01"),
        &cal,
    );
    assert_eq!(t.due, d("2025-10-30"));
    assert!(!t.late);
    let t = timeliness(d("2025-09-26"), None, d("2025-10-31"), &cal);
    assert!(t.late);
}
