//! How an application ends: exactly one outcome, which is exactly one row of table 三
//! (regulations.md §1.9), and who applied, which is its column.

use crate::layout::Format;

/// The outcome of a closed application: one row of table 三 (2021 format).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// （一）予以公开: provided, or told where it is already published (第三十六条第（一）（二）项).
    Granted,
    /// （二）部分公开: partly provided after separating content (第三十七条).
    Partial,
    /// （三）1 属于国家秘密 (第十四条).
    WithheldStateSecret,
    /// （三）2 其他法律行政法规禁止公开 (第十四条).
    WithheldLawProhibited,
    /// （三）3 危及“三安全一稳定” (第十四条).
    WithheldSecurityStability,
    /// （三）4 保护第三方合法权益 (第十五条).
    WithheldThirdParty,
    /// （三）5 属于三类内部事务信息 (第十六条第一款).
    WithheldInternalAffairs,
    /// （三）6 属于四类过程性信息 (第十六条第二款).
    WithheldProcessInfo,
    /// （三）7 属于行政执法案卷 (第十六条第二款).
    WithheldEnforcementFile,
    /// （三）8 属于行政查询事项 (第三十六条第（七）项).
    WithheldAdministrativeQuery,
    /// （四）1 本机关不掌握相关政府信息 (第三十六条第（四）（五）项).
    UnableNotHeld,
    /// （四）2 没有现成信息需要另行制作 (第三十八条).
    UnableNeedsCreation,
    /// （四）3 补正后申请内容仍不明确 (第三十条).
    UnableStillUnclear,
    /// （五）1 信访举报投诉类申请 (第三十九条第一款).
    RejectedPetition,
    /// （五）2 重复申请 (第三十六条第（六）项).
    RejectedRepeated,
    /// （五）3 要求提供公开出版物 (第三十九条第二款).
    RejectedPublication,
    /// （五）4 无正当理由大量反复申请 (第三十五条).
    RejectedExcessive,
    /// （五）5 要求行政机关确认或重新出具已获取信息.
    RejectedConfirmation,
    /// （六）1 申请人无正当理由逾期不补正 (第三十条).
    OtherNoCorrection,
    /// （六）2 申请人逾期未按收费通知要求缴纳费用 (国办函〔2020〕109号).
    OtherFeeUnpaid,
    /// （六）3 其他 (e.g. withdrawn).
    OtherOther,
}

impl Outcome {
    /// All 21, in the order of table 三 (whose 三、本年度办理结果 block has 22 rows: these and
    /// （七）总计).
    pub const ALL: [Outcome; 21] = [
        Outcome::Granted,
        Outcome::Partial,
        Outcome::WithheldStateSecret,
        Outcome::WithheldLawProhibited,
        Outcome::WithheldSecurityStability,
        Outcome::WithheldThirdParty,
        Outcome::WithheldInternalAffairs,
        Outcome::WithheldProcessInfo,
        Outcome::WithheldEnforcementFile,
        Outcome::WithheldAdministrativeQuery,
        Outcome::UnableNotHeld,
        Outcome::UnableNeedsCreation,
        Outcome::UnableStillUnclear,
        Outcome::RejectedPetition,
        Outcome::RejectedRepeated,
        Outcome::RejectedPublication,
        Outcome::RejectedExcessive,
        Outcome::RejectedConfirmation,
        Outcome::OtherNoCorrection,
        Outcome::OtherFeeUnpaid,
        Outcome::OtherOther,
    ];

    /// The index of its row in table 三 of the 2021 format.
    pub fn row(self) -> usize {
        let key = self.row_key();
        Format::Current2021
            .application_rows()
            .iter()
            .position(|r| r.key == key)
            .unwrap_or(0)
    }

    /// The outcome whose row has this JSON key.
    pub fn from_key(key: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.row_key() == key)
    }

    /// The JSON key of its row (product.md §5).
    pub fn row_key(self) -> &'static str {
        match self {
            Outcome::Granted => "granted",
            Outcome::Partial => "partial",
            Outcome::WithheldStateSecret => "withheld_state_secret",
            Outcome::WithheldLawProhibited => "withheld_law_prohibited",
            Outcome::WithheldSecurityStability => "withheld_security_stability",
            Outcome::WithheldThirdParty => "withheld_third_party",
            Outcome::WithheldInternalAffairs => "withheld_internal_affairs",
            Outcome::WithheldProcessInfo => "withheld_process_info",
            Outcome::WithheldEnforcementFile => "withheld_enforcement_file",
            Outcome::WithheldAdministrativeQuery => "withheld_administrative_query",
            Outcome::UnableNotHeld => "unable_not_held",
            Outcome::UnableNeedsCreation => "unable_needs_creation",
            Outcome::UnableStillUnclear => "unable_still_unclear",
            Outcome::RejectedPetition => "rejected_petition",
            Outcome::RejectedRepeated => "rejected_repeated",
            Outcome::RejectedPublication => "rejected_publication",
            Outcome::RejectedExcessive => "rejected_excessive",
            Outcome::RejectedConfirmation => "rejected_confirmation",
            Outcome::OtherNoCorrection => "other_no_correction",
            Outcome::OtherFeeUnpaid => "other_fee_unpaid",
            Outcome::OtherOther => "other_other",
        }
    }

    /// What the answer must say in words besides its decision and basis: the reasons for
    /// anything withheld, not provided or not processed (条例第三十六条、第三十七条; a 复议机关
    /// overturns an answer that gives none). `None`: the decision and its basis suffice.
    pub fn reason_asked(self) -> Option<&'static str> {
        use Outcome::*;
        Some(match self {
            Partial => {
                "部分公开须写明不予公开的是哪些内容，以及每一部分不予公开的理由和依据（区分处理，条例第三十七条）"
            }
            WithheldThirdParty => {
                "不予公开须写明具体理由，并说明征求第三方意见的情况（条例第十五条、第三十二条）"
            }
            WithheldStateSecret
            | WithheldLawProhibited
            | WithheldSecurityStability
            | WithheldInternalAffairs
            | WithheldProcessInfo
            | WithheldEnforcementFile
            | WithheldAdministrativeQuery => "不予公开须写明具体理由（条例第三十六条第（三）项）",
            UnableNotHeld => {
                "无法提供须写明检索的情况；知道由其他机关负责公开的，写明该机关的名称和联系方式（条例第三十六条第（四）项、第（五）项）"
            }
            UnableNeedsCreation | UnableStillUnclear => "无法提供须写明理由以及申请人可以怎么做",
            RejectedPetition | RejectedRepeated | RejectedPublication | RejectedExcessive
            | RejectedConfirmation => "不予处理须写明理由",
            Granted | OtherNoCorrection | OtherFeeUnpaid | OtherOther => return None,
        })
    }

    /// The reason as the clerk wrote it, or why it is not enough (stable code
    /// `answer-reason-missing`): an outcome that asks for one needs at least a sentence.
    pub fn check_reason(self, reason: &str) -> Result<(), MissingReason> {
        match self.reason_asked() {
            Some(what) if too_short(reason) => Err(MissingReason {
                what,
                field: "说明",
                code: "answer-reason-missing",
            }),
            _ => Ok(()),
        }
    }

    /// What the answer must say about how the applicant gets what is released (条例第四十条):
    /// asked of 予以公开 and 部分公开.
    pub fn delivery_asked(self) -> Option<&'static str> {
        matches!(self, Outcome::Granted | Outcome::Partial).then_some(
            "予以公开或部分公开须写明提供信息的形式和途径（条例第三十六条第（一）（二）项、第四十条），或上传提供的文件",
        )
    }

    /// Both texts an answer needs before it can be recorded: the reason, and for a release the
    /// form and channel of delivery (stable code `answer-delivery-missing`).
    pub fn check_answer(self, text: &AnswerText) -> Result<(), MissingReason> {
        self.check_reason(&text.reason)?;
        match self.delivery_asked() {
            Some(what) if too_short(&text.delivery) => Err(MissingReason {
                what,
                field: "获取方式",
                code: "answer-delivery-missing",
            }),
            _ => Ok(()),
        }
    }

    /// The legal basis, as a clerk cites it.
    pub fn basis(self) -> &'static str {
        match self {
            Outcome::Granted => "条例第三十六条第（一）项、第（二）项",
            Outcome::Partial => "条例第三十七条",
            Outcome::WithheldStateSecret
            | Outcome::WithheldLawProhibited
            | Outcome::WithheldSecurityStability => "条例第十四条、第三十六条第（三）项",
            Outcome::WithheldThirdParty => "条例第十五条、第三十六条第（三）项",
            Outcome::WithheldInternalAffairs => "条例第十六条第一款、第三十六条第（三）项",
            Outcome::WithheldProcessInfo | Outcome::WithheldEnforcementFile => {
                "条例第十六条第二款、第三十六条第（三）项"
            }
            Outcome::WithheldAdministrativeQuery => "条例第三十六条第（七）项",
            Outcome::UnableNotHeld => "条例第三十六条第（四）项、第（五）项",
            Outcome::UnableNeedsCreation => "条例第三十八条",
            Outcome::UnableStillUnclear => "条例第三十条",
            Outcome::RejectedPetition => "条例第三十九条第一款",
            Outcome::RejectedRepeated => "条例第三十六条第（六）项",
            Outcome::RejectedPublication => "条例第三十九条第二款",
            Outcome::RejectedExcessive => "条例第三十五条",
            Outcome::RejectedConfirmation => "条例第二条、国办公开办函〔2021〕30号（表三（五）5）",
            Outcome::OtherNoCorrection => "条例第三十条",
            Outcome::OtherFeeUnpaid => "条例第四十二条、国办函〔2020〕109号",
            Outcome::OtherOther => "条例第三十六条、国办公开办函〔2021〕30号（表三（六）3）",
        }
    }
}

/// The shortest reason accepted: a sentence, not "x".
pub const MIN_REASON_CHARS: usize = 6;

fn too_short(text: &str) -> bool {
    text.trim().chars().count() < MIN_REASON_CHARS
}

/// What an answer says in words besides its outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerText {
    /// Why anything is withheld, not provided or not processed; for 部分公开 which parts are
    /// withheld and on what ground (区分处理, 条例第三十七条).
    pub reason: String,
    /// How what is released reaches the applicant: form and channel (条例第四十条).
    pub delivery: String,
}

/// An answer recorded without a text its outcome needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingReason {
    /// What the text must say.
    pub what: &'static str,
    /// The form field it goes in.
    pub field: &'static str,
    code: &'static str,
}

impl MissingReason {
    /// The stable code: `answer-reason-missing` or `answer-delivery-missing`.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl std::fmt::Display for MissingReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}，请在“{}”中填写（至少{MIN_REASON_CHARS}个字）",
            self.what, self.field
        )
    }
}

impl std::error::Error for MissingReason {}

/// Who applied: the columns of table 三.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApplicantType {
    /// 自然人.
    NaturalPerson,
    /// 商业企业.
    Commercial,
    /// 科研机构.
    Research,
    /// 社会公益组织.
    PublicInterest,
    /// 法律服务机构.
    LegalServices,
    /// 其他.
    Other,
}

impl ApplicantType {
    /// Every type, in column order.
    pub const ALL: [ApplicantType; 6] = [
        ApplicantType::NaturalPerson,
        ApplicantType::Commercial,
        ApplicantType::Research,
        ApplicantType::PublicInterest,
        ApplicantType::LegalServices,
        ApplicantType::Other,
    ];

    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicantType::NaturalPerson => "natural_person",
            ApplicantType::Commercial => "commercial",
            ApplicantType::Research => "research",
            ApplicantType::PublicInterest => "public_interest",
            ApplicantType::LegalServices => "legal_services",
            ApplicantType::Other => "other",
        }
    }

    /// Parses the stored id.
    pub fn parse(text: &str) -> Option<ApplicantType> {
        ApplicantType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The Chinese name (the column heading of table 三).
    pub fn label(self) -> &'static str {
        match self {
            ApplicantType::NaturalPerson => "自然人",
            ApplicantType::Commercial => "商业企业",
            ApplicantType::Research => "科研机构",
            ApplicantType::PublicInterest => "社会公益组织",
            ApplicantType::LegalServices => "法律服务机构",
            ApplicantType::Other => "其他",
        }
    }

    /// Its column in table 三.
    pub fn column(self) -> usize {
        self as usize
    }
}
