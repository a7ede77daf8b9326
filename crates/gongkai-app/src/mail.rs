//! Notifications by e-mail. A letter to an applicant who gave an e-mail address is queued in
//! the outbox in the transaction that records it; a background task sends the queue through
//! the configured SMTP server and retries with a growing pause. Without a server the messages
//! wait in the outbox (the console shows them), so nothing is lost.

use crate::auth::Actor;
use crate::views::CaseView;
use crate::{App, AppError};
use gongkai_domain::disclosure::Permission;
use gongkai_domain::letters::Letter;
use gongkai_store::Tx;
use gongkai_store::outbox::{NewMessage, OutboxRow};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Pauses before the next attempt after 1, 2, … failures; after the last one the message is
/// given up (`failed`) until staff send it again.
const RETRY_MINUTES: [i64; 4] = [1, 10, 60, 360];

/// How long a sender holds a claimed message (longer than one SMTP attempt can take).
const CLAIM_MS: i64 = 5 * 60_000;

/// An SMTP server to send through.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// A server from a URL (`smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host:465`) and the sender (`七里营镇人民政府 <gk@example.gov.cn>`).
    /// Call it inside the Tokio runtime: the connection pool starts a task.
    pub fn parse(url: &str, from: &str) -> Result<Mailer, AppError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| AppError::Internal(format!("邮件服务器地址无效（{e}）")))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|_| AppError::Internal(format!("发件人地址无效：{from}")))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, m: &OutboxRow) -> Result<(), String> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|_| format!("收件人地址无效：{}", m.recipient))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&m.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The first e-mail address in free-text contact details (`13800000000，wang@example.com`).
pub fn email_in(contact: &str) -> Option<String> {
    contact
        .split(|c: char| c.is_whitespace() || "，,;；、/（）()<>".contains(c))
        .find_map(|part| part.parse::<Address>().ok())
        .map(|a| a.to_string())
}

/// Queues a letter for the applicant, if the applicant gave an e-mail address.
pub(crate) async fn queue_letter(
    tx: &mut Tx,
    view: &CaseView,
    letter: &Letter,
    now: i64,
) -> Result<(), AppError> {
    let Some(recipient) = email_in(&view.case.applicant_contact) else {
        return Ok(());
    };
    let subject = format!("{}（查询码 {}）", letter.title, view.case.tracking_code);
    let mut body = format!("{}\n\n{}", letter.title, letter.paragraphs.join("\n\n"));
    body.push_str("\n\n——\n本邮件由政府信息公开系统自动发送，请勿直接回复。您也可以凭查询码和查询密码在政府信息公开专栏“依申请公开”栏目查询办理进度和文书。\n");
    let message = NewMessage {
        agency_id: view.case.agency_id,
        application_id: Some(view.case.id),
        recipient: &recipient,
        subject: &subject,
        body: &body,
    };
    tx.queue_message(&message, now).await?;
    Ok(())
}

/// What one pass over the outbox did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Messages sent.
    pub sent: usize,
    /// Messages that failed this time (retried later or given up).
    pub failed: usize,
}

impl App {
    /// Whether an SMTP server is configured.
    pub fn mail_configured(&self) -> bool {
        self.mailer.is_some()
    }

    /// Sends the messages that are due (none without a configured server).
    pub async fn deliver_outbox(&self) -> Result<Delivery, AppError> {
        let Some(mailer) = &self.mailer else {
            return Ok(Delivery::default());
        };
        let now = self.clock.now_ms();
        let mut done = Delivery::default();
        for m in self.store.due_messages(now, 50).await? {
            if !self.store.claim_message(m.id, now, now + CLAIM_MS).await? {
                continue;
            }
            match mailer.send(&m).await {
                Ok(()) => {
                    self.store.message_sent(m.id).await?;
                    done.sent += 1;
                }
                Err(e) => {
                    let retry = retry_at(now, m.attempts);
                    self.store.message_failed(m.id, &e, retry).await?;
                    done.failed += 1;
                }
            }
        }
        Ok(done)
    }

    /// Sends due messages every `every` until the task is dropped or aborted.
    pub fn follow_outbox(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            loop {
                // A failed round (database restarting) is retried on the next tick.
                if let Err(e) = app.deliver_outbox().await {
                    tracing::warn!(code = e.code(), "outbox delivery failed, retrying: {e}");
                }
                tokio::time::sleep(every).await;
            }
        })
    }

    /// The agency's recent messages, newest first (the 党政办, who sends the letters).
    pub async fn outbox(&self, actor: &Actor) -> Result<Vec<crate::views::Message>, AppError> {
        actor.require(Permission::Register)?;
        let rows = self.store.agency_messages(actor.agency_id, 200).await?;
        Ok(crate::views::all(rows))
    }

    /// Puts a message that was given up back in the queue.
    pub async fn resend_message(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        actor.require(Permission::Register)?;
        if self
            .store
            .retry_message(actor.agency_id, id, self.clock.now_ms())
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound("可重新发送的通知"))
        }
    }
}

/// When to try again after the `attempts`+1-th failure, or `None` to give up.
fn retry_at(now: i64, attempts: i64) -> Option<i64> {
    let index = usize::try_from(attempts).ok()?;
    RETRY_MINUTES.get(index).map(|m| now + m * 60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_address_is_found_among_other_contact_details() {
        assert_eq!(
            email_in("13800000000，wang@example.com").as_deref(),
            Some("wang@example.com")
        );
        assert_eq!(email_in("电话 0373-5550000"), None);
    }

    #[tokio::test]
    async fn tls_and_plain_servers_are_configured_from_a_url_and_mistakes_are_explained() {
        for url in [
            "smtps://gk%40example.gov.cn:pw@smtp.example.gov.cn:465",
            "smtp://user:pw@smtp.example.gov.cn:587?tls=required",
            "smtp://relay.intranet:25",
        ] {
            assert!(
                Mailer::parse(url, "七里营镇 <gk@example.gov.cn>").is_ok(),
                "{url}"
            );
        }
        let bad = Mailer::parse("mail.example.gov.cn", "gk@example.gov.cn").unwrap_err();
        assert!(bad.to_string().starts_with("邮件服务器地址无效"), "{bad}");
        let from = Mailer::parse("smtp://relay:25", "党政办").unwrap_err();
        assert_eq!(from.to_string(), "发件人地址无效：党政办");
    }

    #[test]
    fn failures_are_retried_with_growing_pauses_then_given_up() {
        assert_eq!(retry_at(0, 0), Some(60_000));
        assert_eq!(retry_at(0, 3), Some(360 * 60_000));
        assert_eq!(retry_at(0, 4), None, "the fifth failure gives up");
    }
}
