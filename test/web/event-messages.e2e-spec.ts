import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import type { EventMessageView } from '@wutong/shared';
import {
  DESKTOP,
  chooseOption,
  launchBrowser,
  openPage,
  settledValue,
  webUrl,
  type LaunchedBrowser,
} from './browser';
import { api } from './events-fixtures';
import { seedMessages, type MessageWorld } from './event-messages-fixtures';

jest.setTimeout(60_000);

/** The app's database (the browser tests' shared app), to count what the send queued. */
function appDb(): Client {
  const url = new URL(process.env.DATABASE_URL!);
  if (process.env.WUTONG_WEB_DB) url.pathname = `/${process.env.WUTONG_WEB_DB}`;
  return new Client({ connectionString: url.toString() });
}

describe('messages to an event’s registrants in the browser (issue 18, point 3)', () => {
  let launched: LaunchedBrowser;
  let browser: Browser;
  let base: string;
  let world: MessageWorld;

  beforeAll(async () => {
    base = webUrl();
    launched = await launchBrowser();
    browser = launched.browser;
    world = await seedMessages(base);
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('previews a template in both languages, then sends it once after a confirmation and lists it', async () => {
    const { context, page } = await openPage(browser, {
      viewport: DESKTOP,
      token: world.carrier.organizer.token,
    });
    try {
      await page.goto(`${base}/manage/events/${world.event.id}`);
      await page.getByTestId('sent-messages').getByText('还没有发过消息').waitFor();
      await page.getByTestId('message-event').click();
      const dialog = page.locator('.ant-modal', { hasText: '发消息' });
      const template = dialog.getByTestId('message-template');
      await chooseOption(page, template, '明天见', template.getByText('明天见'));
      await expect(settledValue(dialog.getByTestId('message-subject'), '明天见：{event}')).resolves.toBe(
        '明天见：{event}',
      );
      // Nothing to send before a preview.
      await expect(dialog.getByTestId('send-message').isDisabled()).resolves.toBe(true);

      await dialog.getByTestId('preview-message').click();
      await dialog
        .getByTestId('message-recipients')
        .getByText('将发给 2 人（邮件 2 封，短信 0 条）')
        .waitFor();
      const zh = dialog.getByTestId('message-preview-zh-CN');
      const en = dialog.getByTestId('message-preview-en');
      await zh.getByText(`明天见：${world.title}`).waitFor();
      await en.getByText(`See you tomorrow: ${world.title}`).waitFor();
      // Placeholders are filled for a reader: the time in the carrier's zone, no braces left.
      await expect(zh.innerText()).resolves.not.toMatch(/\{(name|event|start|place)\}/);
      await expect(en.innerText()).resolves.toMatch(/starts .*19:00/);

      // Changing the text asks for a new preview.
      await dialog.getByTestId('message-body').fill('{name}，您好！{event}明晚 {start} 开始，请准时到场。');
      await expect(dialog.getByTestId('send-message').isDisabled()).resolves.toBe(true);
      await dialog.getByTestId('preview-message').click();
      await zh.getByText('请准时到场').waitFor();

      await dialog.getByTestId('send-message').click();
      await page.getByText('消息将发给 2 人，发出后不能撤回。').waitFor();
      await page.getByTestId('confirm-send-message').click();
      await page.getByText('已发送给 2 人').waitFor();
      await page.getByTestId('sent-messages').getByText(`明天见：{event}`).waitFor();
      // Mail: 2 waiting or already sent, none failed (the app's outbox may have run meanwhile).
      await page
        .getByTestId('sent-messages')
        .getByText(/邮件: 已发 [0-2] · 失败 0 · 待发 [0-2]/)
        .waitFor();

      const sent = await api<EventMessageView[]>(base, `/events/${world.event.id}/messages`, {
        token: world.carrier.organizer.token,
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ segment: 'confirmed', recipients: 2, channels: ['email'] });
      const db = appDb();
      await db.connect();
      try {
        const { rows } = await db.query<{ recipient: string; subject: string }>(
          `SELECT recipient, subject FROM outbox_messages WHERE batch_id = $1 ORDER BY subject`,
          [sent[0].id],
        );
        // One mail each, in the reader's language.
        expect(rows.map((r) => r.subject)).toEqual([
          `See you tomorrow: ${world.title}`,
          `明天见：${world.title}`,
        ]);
      } finally {
        await db.end();
      }
    } finally {
      await context.close();
    }
  });
});
