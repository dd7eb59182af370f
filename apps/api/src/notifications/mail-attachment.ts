/** A file sent with a mail (kept with it in outbox_messages.attachments, jsonb). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text content (calendar files, CSV). */
  content: string;
}
