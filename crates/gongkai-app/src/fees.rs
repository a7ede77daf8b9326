//! 信息处理费 in the ledger's transaction: the notice stores its amount, the payment marks it
//! paid, and the annual report states what was collected (section 六).

use crate::AppError;
use gongkai_domain::clock::{Event, FeeCount};
use gongkai_store::Tx;
use gongkai_store::fees::NewFee;

/// What the clerk counted for a fee notice, refused when it comes to nothing to charge.
pub(crate) fn fee_count(note: &str) -> Result<FeeCount, AppError> {
    let count = FeeCount::parse(note).ok_or_else(|| {
        AppError::Missing(
            "发出收费通知时请在“说明”中填写计费数量：按量计收填页数（如 120页），按件计收填该申请人本月申请件数（如 15件）".into(),
        )
    })?;
    if count.fee().total == 0 {
        return Err(AppError::Invalid(format!(
            "按《政府信息公开信息处理费管理办法》，{}{}不收费，无需发出收费通知",
            count.n,
            if count.per_application { "件" } else { "页" }
        )));
    }
    Ok(count)
}

/// Stores what a fee event means for the money.
pub(crate) async fn record_fee(
    tx: &mut Tx,
    application_id: i64,
    event: &Event,
    note: &str,
) -> Result<(), AppError> {
    match event {
        Event::FeeNoticeIssued { on } => {
            let count = fee_count(note)?;
            let on = on.to_string();
            let fee = NewFee {
                application_id,
                basis: count.basis(),
                quantity: i64::try_from(count.n).unwrap_or(i64::MAX),
                amount_yuan: i64::try_from(count.fee().total).unwrap_or(i64::MAX),
                notified_on: &on,
            };
            tx.insert_fee(&fee).await?;
        }
        Event::FeePaid { on } => tx.fee_paid(application_id, &on.to_string()).await?,
        _ => {}
    }
    Ok(())
}
