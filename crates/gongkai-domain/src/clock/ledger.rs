//! The application clock as a ledger of events (条例第三十条至第三十三条, 国办函〔2020〕109号): from
//! what happened, the state, the statutory due date, the working days used and left, the paused
//! intervals, and an explanation a clerk or applicant can read.

use super::{Calendar, Date, Outcome, Reason};
use std::fmt;

/// 条例第三十一条: how an application arrived, which decides its date of receipt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// 当面提交: the day it is handed in.
    InPerson,
    /// 邮寄 with signature: the day the agency signs for it.
    RegisteredMail,
    /// 平常信函: the day the office confirms it with the applicant.
    OrdinaryMail,
    /// 互联网: the day both parties confirm.
    Online,
    /// 传真: the day both parties confirm.
    Fax,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 5] = [
        Channel::Online,
        Channel::InPerson,
        Channel::RegisteredMail,
        Channel::OrdinaryMail,
        Channel::Fax,
    ];

    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InPerson => "in_person",
            Channel::RegisteredMail => "registered_mail",
            Channel::OrdinaryMail => "mail",
            Channel::Online => "online",
            Channel::Fax => "fax",
        }
    }

    /// Parses the stored id.
    pub fn parse(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交",
            Channel::RegisteredMail => "邮政挂号或EMS",
            Channel::OrdinaryMail => "平常信函",
            Channel::Online => "网上申请",
            Channel::Fax => "传真",
        }
    }

    /// Whether the date of receipt is a later confirmation.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, Channel::OrdinaryMail | Channel::Online | Channel::Fax)
    }

    /// How this channel fixes the date of receipt, with its article (条例第三十一条).
    pub fn describe(self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交，提交之日为收到之日（条例第三十一条第（一）项）",
            Channel::RegisteredMail => "邮寄，签收之日为收到之日（条例第三十一条第（二）项）",
            Channel::OrdinaryMail => {
                "平常信函，与申请人确认之日为收到之日（条例第三十一条第（二）项）"
            }
            Channel::Online => "互联网，双方确认之日为收到之日（条例第三十一条第（三）项）",
            Channel::Fax => "传真，双方确认之日为收到之日（条例第三十一条第（三）项）",
        }
    }
}

/// Whose opinion is asked (the time it takes does not count, 条例第三十三条第三款).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consulted {
    /// 第三方 (条例第三十二条).
    ThirdParty,
    /// 其他机关 (条例第三十四条).
    OtherAgency,
}

/// Something that happened to an application. `on` is always the day it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
#[expect(
    missing_docs,
    reason = "the fields are the day (`on`) and the one detail the variant's doc names"
)]
pub enum Event {
    /// Received by a channel.
    Received { on: Date, channel: Channel },
    /// Receipt confirmed with the applicant (ordinary mail, online, fax).
    Confirmed { on: Date },
    /// 补正告知 sent.
    CorrectionRequested { on: Date },
    /// The corrected application arrived: the clock restarts (条例第三十条).
    CorrectionReceived { on: Date },
    /// No correction in time: the application is abandoned.
    CorrectionLapsed { on: Date },
    /// Opinion asked; the clock pauses.
    ConsultationSent { on: Date, with: Consulted },
    /// Opinion received (or its 15 working days ran out); the clock runs again.
    ConsultationAnswered { on: Date },
    /// Extension approved by the head of the office (once, at most 20 working days).
    ExtensionApproved { on: Date, days: u32 },
    /// 收费通知 issued; the clock pauses while the applicant may pay (20 working days).
    FeeNoticeIssued { on: Date },
    /// Fee paid; the clock runs again.
    FeePaid { on: Date },
    /// Fee not paid in time: the application is abandoned.
    FeeExpired { on: Date },
    /// Answered, with its one outcome.
    Answered { on: Date, outcome: Outcome },
    /// Withdrawn by the applicant.
    Withdrawn { on: Date },
    /// Sent on to the agency of the platform that holds the information (the application
    /// was addressed to the wrong 专栏). The receiving agency's date of receipt is this day:
    /// its 20 working days start again and it may extend once (条例第三十一条、第三十三条).
    Transferred { on: Date },
    /// 更正: the event at position `target` was recorded by mistake and no longer counts
    /// (the reason and the person are kept with the stored event).
    Voided { on: Date, target: usize },
}

impl Event {
    /// The day it happened.
    pub fn on(&self) -> Date {
        match self {
            Event::Received { on, .. }
            | Event::Confirmed { on }
            | Event::CorrectionRequested { on }
            | Event::CorrectionReceived { on }
            | Event::CorrectionLapsed { on }
            | Event::ConsultationSent { on, .. }
            | Event::ConsultationAnswered { on }
            | Event::ExtensionApproved { on, .. }
            | Event::FeeNoticeIssued { on }
            | Event::FeePaid { on }
            | Event::FeeExpired { on }
            | Event::Answered { on, .. }
            | Event::Withdrawn { on }
            | Event::Transferred { on }
            | Event::Voided { on, .. } => *on,
        }
    }
}

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Received, waiting for the confirmation that fixes the date of receipt.
    AwaitingConfirmation,
    /// The clock runs.
    InProgress,
    /// 补正 asked; the clock starts again when the correction arrives.
    AwaitingCorrection,
    /// Paused while an opinion is asked.
    Consulting,
    /// Paused while the applicant may pay the fee.
    AwaitingFee,
    /// Closed with its outcome.
    Closed(Outcome),
}

/// An impossible sequence of events; `index` is the offending event's position.
#[derive(Clone, Debug, PartialEq, Eq)]
#[expect(
    missing_docs,
    reason = "the fields are the event's index and the values the variant's doc names"
)]
pub enum LedgerError {
    /// An event before the application was received.
    NotReceived { index: usize },
    /// An event dated before the one before it.
    OutOfOrder { index: usize },
    /// An event that cannot happen in the current state.
    Unexpected { index: usize, state: State },
    /// A second extension (条例第三十三条第二款 allows one).
    SecondExtension { index: usize },
    /// An extension of 0 or more than 20 working days.
    ExtensionTooLong { index: usize, days: u32 },
    /// An extension decided after the answer was due (条例第三十三条第二款: it must be decided
    /// before the period ends, so it cannot cure a delay).
    ExtensionLate { index: usize, due: Date },
    /// An event dated after today.
    Future { index: usize, today: Date },
    /// A correction that names no event it may void (the receipt, a correction, an event
    /// already voided, a later event, or one dated after the correction).
    BadCorrection { index: usize },
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::NotReceived { index } => {
                write!(f, "第{}项事件发生在收到申请之前", index + 1)
            }
            LedgerError::OutOfOrder { index } => write!(f, "第{}项事件的日期早于前一项", index + 1),
            LedgerError::Unexpected { index, state } => {
                write!(f, "第{}项事件在当前状态（{state:?}）下不能发生", index + 1)
            }
            LedgerError::SecondExtension { index } => write!(
                f,
                "第{}项：答复期限只能延长一次（条例第三十三条第二款）",
                index + 1
            ),
            LedgerError::ExtensionTooLong { index, days } => {
                write!(
                    f,
                    "第{}项：延长{days}个工作日，延长的期限应为1至20个工作日（条例第三十三条第二款）",
                    index + 1
                )
            }
            LedgerError::ExtensionLate { index, due } => write!(
                f,
                "第{}项：答复期限已于{due}届满，延期应在期限届满前决定（条例第三十三条第二款），不能事后延长",
                index + 1
            ),
            LedgerError::Future { index, today } => write!(
                f,
                "第{}项：日期晚于今天（{today}），只能记录已经发生的事项",
                index + 1
            ),
            LedgerError::BadCorrection { index } => write!(
                f,
                "第{}项：更正只能撤销此前已记录且未被撤销的事项（收到申请不能撤销）",
                index + 1
            ),
        }
    }
}

/// What the ledger says at a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Where the application stands.
    pub state: State,
    /// The day the clock counts from (the date of receipt, or of the corrected application).
    pub clock_start: Option<Date>,
    /// The statutory due date of the answer (None while the clock has not started or waits
    /// for a correction).
    pub due: Option<Date>,
    /// Working days counted so far (up to today or the closing day).
    pub used: u32,
    /// Working days left (negative when overdue).
    pub left: i64,
    /// Late: open after its due date, or closed after it.
    pub overdue: bool,
    /// Paused intervals (start, end; end None while still paused).
    pub paused: Vec<(Date, Option<Date>)>,
    /// Things done late that are not errors (a late 补正 notice).
    pub warnings: Vec<String>,
    /// How it was worked out, in Chinese.
    pub explanation: Vec<String>,
}

/// The statutory answer period (条例第三十三条第二款): 20 working days.
pub const ANSWER_DAYS: u32 = 20;
/// The time to ask for a correction (条例第三十条): 7 working days.
pub const CORRECTION_NOTICE_DAYS: u32 = 7;
/// The longest extension (条例第三十三条第二款): 20 working days.
pub const MAX_EXTENSION_DAYS: u32 = 20;

/// A pause of the clock: from, the day it ended (if it has), and the latest day it can last
/// (15 working days for an opinion, 条例第三十二条、第三十四条; 20 for paying a fee).
#[derive(Clone, Copy)]
struct Pause {
    from: Date,
    to: Option<Date>,
    cap: Date,
}

impl Pause {
    /// The last paused day, with an open pause running to `open_until` (at most its cap).
    fn end(&self, open_until: Date) -> Date {
        self.to.unwrap_or(open_until).min(self.cap)
    }
}

/// 条例第三十二条、第三十四条: an opinion is due within 15 working days.
pub const CONSULTATION_DAYS: u32 = 15;
/// 国办函〔2020〕109号: the fee is due within 20 working days of the notice.
pub const FEE_DAYS: u32 = 20;

struct Walk {
    state: Option<State>,
    clock_start: Option<Date>,
    extension: Option<u32>,
    paused: Vec<Pause>,
    closed_on: Option<Date>,
    warnings: Vec<String>,
    explanation: Vec<String>,
}

/// Evaluates the ledger with `new` appended, as the clerk records it on `today`: `new` may
/// not be dated after today, and the ledger with it must be possible (in order, allowed in
/// its state, an extension only once and before the answer is due).
pub fn append(
    events: &[Event],
    new: Event,
    calendar: &Calendar,
    today: Date,
) -> Result<Status, LedgerError> {
    if new.on() > today {
        let index = events.len();
        return Err(LedgerError::Future { index, today });
    }
    let mut all = events.to_vec();
    all.push(new);
    evaluate(&all, calendar, today)
}

/// Evaluates the events as of `today`.
pub fn evaluate(events: &[Event], calendar: &Calendar, today: Date) -> Result<Status, LedgerError> {
    let mut walk = Walk {
        state: None,
        clock_start: None,
        extension: None,
        paused: Vec::new(),
        closed_on: None,
        warnings: Vec::new(),
        explanation: Vec::new(),
    };
    let mut last: Option<Date> = None;
    for (index, event) in super::correction::standing(events)? {
        if last.is_some_and(|l| event.on() < l) {
            return Err(LedgerError::OutOfOrder { index });
        }
        last = Some(event.on());
        walk.apply(index, event, calendar)?;
    }
    for e in events {
        if let Event::Voided { on, target } = *e {
            walk.explanation.push(format!(
                "{on} 更正：第{}项（{}）记录有误，已撤销，不再计算",
                target + 1,
                events[target].kind().label()
            ));
        }
    }
    let state = walk.state.ok_or(LedgerError::NotReceived { index: 0 })?;
    Ok(walk.status(state, calendar, today))
}

impl Walk {
    fn apply(
        &mut self,
        index: usize,
        event: &Event,
        calendar: &Calendar,
    ) -> Result<(), LedgerError> {
        let unexpected = |state| LedgerError::Unexpected { index, state };
        let Some(state) = self.state else {
            return match event {
                Event::Received { on, channel } => {
                    self.explanation
                        .push(format!("{on} 收到申请：{}", channel.describe()));
                    self.state = Some(if channel.needs_confirmation() {
                        State::AwaitingConfirmation
                    } else {
                        State::InProgress
                    });
                    self.clock_start = (!channel.needs_confirmation()).then_some(*on);
                    Ok(())
                }
                _ => Err(LedgerError::NotReceived { index }),
            };
        };
        let next = match (state, event) {
            (State::Closed(_), _) | (_, Event::Received { .. }) => return Err(unexpected(state)),
            (State::AwaitingConfirmation, Event::Confirmed { on }) => {
                self.start(*on, "与申请人确认，确认之日为收到之日")
            }
            (State::InProgress, Event::CorrectionRequested { on }) => {
                self.correction_requested(*on, calendar)
            }
            (State::InProgress, Event::ConsultationSent { on, with }) => {
                self.pause(*on, *with, calendar)
            }
            (State::AwaitingCorrection, Event::CorrectionReceived { on }) => self.restart(*on),
            (State::AwaitingCorrection, Event::CorrectionLapsed { on }) => {
                self.close(*on, Outcome::OtherNoCorrection)
            }
            (State::Consulting, Event::ConsultationAnswered { on }) => {
                self.resume(*on, "收到意见，恢复计算")
            }
            (
                State::InProgress | State::Consulting | State::AwaitingFee,
                Event::ExtensionApproved { on, days },
            ) => self.extend(index, (*on, *days), state, calendar)?,
            (State::InProgress, Event::FeeNoticeIssued { on }) => self.fee_notice(*on, calendar),
            (State::AwaitingFee, Event::FeePaid { on }) => self.resume(*on, "申请人缴费，恢复计算"),
            (State::AwaitingFee, Event::FeeExpired { on }) => {
                self.close(*on, Outcome::OtherFeeUnpaid)
            }
            (State::InProgress, Event::Answered { on, outcome }) => self.close(*on, *outcome),
            (_, Event::Withdrawn { on }) => self.close(*on, Outcome::OtherOther),
            (
                State::AwaitingConfirmation | State::InProgress | State::AwaitingCorrection,
                Event::Transferred { on },
            ) => self.transferred(*on),
            _ => return Err(unexpected(state)),
        };
        self.state = Some(next);
        Ok(())
    }

    fn start(&mut self, on: Date, why: &str) -> State {
        self.clock_start = Some(on);
        self.explanation
            .push(format!("{on} {why}，从次日起计算答复期限"));
        State::InProgress
    }

    fn correction_requested(&mut self, on: Date, calendar: &Calendar) -> State {
        if let Some(start) = self.clock_start {
            let limit = calendar
                .add_working_days(start, CORRECTION_NOTICE_DAYS)
                .date;
            if on > limit {
                self.warnings.push(format!(
                    "补正告知于{on}发出，晚于收到申请后7个工作日（{limit}，条例第三十条）"
                ));
            }
        }
        self.explanation.push(format!(
            "{on} 告知申请人补正，答复期限自收到补正后的申请之日起重新计算（条例第三十条）"
        ));
        State::AwaitingCorrection
    }

    fn transferred(&mut self, on: Date) -> State {
        self.paused.clear();
        self.extension = None;
        self.start(on, "转至本平台接收机关办理，接收之日为收到申请之日")
    }

    fn restart(&mut self, on: Date) -> State {
        self.paused.clear();
        self.start(on, "收到补正后的申请")
    }

    fn pause(&mut self, on: Date, with: Consulted, calendar: &Calendar) -> State {
        let whom = match with {
            Consulted::ThirdParty => "第三方（条例第三十二条）",
            Consulted::OtherAgency => "其他机关（条例第三十四条）",
        };
        let cap = calendar.add_working_days(on, CONSULTATION_DAYS).date;
        self.paused.push(Pause {
            from: on,
            to: None,
            cap,
        });
        self.explanation.push(format!(
            "{on} 征求{whom}意见，所需时间不计算在答复期限内（条例第三十三条第三款），最长至{cap}"
        ));
        State::Consulting
    }

    fn fee_notice(&mut self, on: Date, calendar: &Calendar) -> State {
        let cap = calendar.add_working_days(on, FEE_DAYS).date;
        self.paused.push(Pause {
            from: on,
            to: None,
            cap,
        });
        self.explanation.push(format!("{on} 发出收费通知，申请人应在20个工作日内缴费，其间不计算答复期限（国办函〔2020〕109号）"));
        State::AwaitingFee
    }

    fn resume(&mut self, on: Date, why: &str) -> State {
        if let Some(open) = self.paused.last_mut().filter(|p| p.to.is_none()) {
            open.to = Some(on);
        }
        self.explanation.push(format!("{on} {why}"));
        State::InProgress
    }

    fn extend(
        &mut self,
        index: usize,
        (on, days): (Date, u32),
        state: State,
        calendar: &Calendar,
    ) -> Result<State, LedgerError> {
        if self.extension.is_some() {
            return Err(LedgerError::SecondExtension { index });
        }
        if days == 0 || days > MAX_EXTENSION_DAYS {
            return Err(LedgerError::ExtensionTooLong { index, days });
        }
        if let Some(start) = self.clock_start {
            let (due, _) = due_date(calendar, start, ANSWER_DAYS, &self.paused, on);
            if on > due {
                return Err(LedgerError::ExtensionLate { index, due });
            }
        }
        self.extension = Some(days);
        self.explanation.push(format!(
            "{on} 经负责人同意延长答复期限{days}个工作日并告知申请人（条例第三十三条第二款）"
        ));
        Ok(state)
    }

    fn close(&mut self, on: Date, outcome: Outcome) -> State {
        self.closed_on = Some(on);
        self.explanation.push(format!(
            "{on} 办结：{}（{}）",
            outcome_label(outcome),
            outcome.basis()
        ));
        State::Closed(outcome)
    }

    fn status(mut self, state: State, calendar: &Calendar, today: Date) -> Status {
        let total = ANSWER_DAYS + self.extension.unwrap_or(0);
        let counting = self
            .clock_start
            .filter(|_| state != State::AwaitingCorrection);
        let end = self.closed_on.unwrap_or(today);
        let (due, used) = match counting {
            Some(start) => {
                let (due, lines) = due_date(calendar, start, total, &self.paused, end);
                self.explanation.push(format!(
                    "答复期限：自{start}次日起{total}个工作日，至{due}（条例第三十三条）"
                ));
                self.explanation.extend(lines);
                (Some(due), counted_days(calendar, start, end, &self.paused))
            }
            None => (None, 0),
        };
        let overdue = due.is_some_and(|d| end > d);
        if let Some(d) = due.filter(|d| !calendar.years().any(|y| y == d.year())) {
            self.warnings.push(format!(
                "{}年的节假日安排尚未载入，答复期限{d}暂按周一至周五计算，可能落在节假日；请系统管理员载入该年安排后核对",
                d.year()
            ));
        }
        let paused = self
            .paused
            .iter()
            .map(|p| (p.from, p.to.map(|to| to.min(p.cap))))
            .collect();
        Status {
            state,
            clock_start: counting,
            due,
            used,
            left: i64::from(total) - i64::from(used),
            overdue,
            paused,
            warnings: self.warnings,
            explanation: self.explanation,
        }
    }
}

fn outcome_label(outcome: Outcome) -> &'static str {
    crate::layout::Format::Current2021.application_rows()[outcome.row()].label
}

/// Whether `day` falls in a pause: after its start, up to and including its end (an open pause
/// runs to `open_until`; no pause runs past its cap).
fn is_paused(day: Date, paused: &[Pause], open_until: Date) -> bool {
    paused
        .iter()
        .any(|p| day > p.from && day <= p.end(open_until))
}

/// The `total`-th counted working day after `start`, with the days skipped for a reason.
fn due_date(
    calendar: &Calendar,
    start: Date,
    total: u32,
    paused: &[Pause],
    today: Date,
) -> (Date, Vec<String>) {
    let mut lines = Vec::new();
    let (mut day, mut counted) = (start, 0);
    while counted < total {
        day = day.succ();
        let info = calendar.day(day);
        if is_paused(day, paused, today) {
            if info.working {
                lines.push(format!("{day} {}：暂停计算", day.weekday_name()));
            }
            continue;
        }
        if info.working {
            counted += 1;
        }
        if info.reason != Reason::Weekday {
            let verb = if info.working {
                format!("计第{counted}个工作日")
            } else {
                "跳过".into()
            };
            lines.push(format!(
                "{day} {} {}：{verb}",
                day.weekday_name(),
                info.reason
            ));
        }
    }
    (day, lines)
}

/// Working days counted from after `start` up to and including `end`.
fn counted_days(calendar: &Calendar, start: Date, end: Date, paused: &[Pause]) -> u32 {
    let (mut day, mut counted) = (start, 0);
    while day < end {
        day = day.succ();
        counted += u32::from(calendar.is_working_day(day) && !is_paused(day, paused, end));
    }
    counted
}

impl std::error::Error for LedgerError {}

impl LedgerError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            LedgerError::NotReceived { .. } => "ledger-not-received",
            LedgerError::OutOfOrder { .. } => "ledger-out-of-order",
            LedgerError::Unexpected { .. } => "ledger-unexpected",
            LedgerError::SecondExtension { .. } => "ledger-second-extension",
            LedgerError::ExtensionTooLong { .. } => "ledger-extension-too-long",
            LedgerError::ExtensionLate { .. } => "ledger-extension-late",
            LedgerError::Future { .. } => "ledger-future",
            LedgerError::BadCorrection { .. } => "ledger-bad-correction",
        }
    }
}
