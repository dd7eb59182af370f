import { escapeHtml, intoTemplate, scriptJson, sessionTime, summaryOf } from './render';

const BUILT = `<!doctype html>
<html lang="zh-CN">
  <head>
    <title>梧桐 Wutong</title>
    <script type="module" crossorigin src="/assets/index-A.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/client-B.js">
    <link rel="stylesheet" crossorigin href="/assets/index-C.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

describe('public pages: rendering', () => {
  it('moves the stylesheets below the content and hands the app to the loader', () => {
    const html = intoTemplate(
      BUILT,
      { head: '<title>活动</title>', body: '<div id="ssr">内容</div>', data: {} },
      'en',
    );
    const content = html.indexOf('<div id="ssr">');
    expect(content).toBeGreaterThan(0);
    expect(html.indexOf('<link rel="stylesheet" crossorigin href="/assets/index-C.css">')).toBeGreaterThan(
      content,
    );
    // No module is fetched before the page has loaded: the loader starts the app after it.
    expect(html).not.toContain('modulepreload');
    expect(html).not.toContain('<script type="module"');
    expect(
      html.indexOf(
        '<script defer src="/app-loader.js" data-entry="/assets/index-A.js" data-preload="/assets/client-B.js"></script>',
      ),
    ).toBeGreaterThan(content);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>活动</title>');
    expect(html).not.toContain('梧桐 Wutong</title>');
  });

  it('never lets data or text close an element', () => {
    const json = scriptJson({ title: '</script><script>alert(1)</script> & more' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ title: '</script><script>alert(1)</script> & more' });
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it("writes a session in the carrier's zone, across midnight with both days", () => {
    expect(sessionTime('2026-03-10T11:00:00Z', '2026-03-10T13:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe(
      '2026年3月10日周二 19:00–21:00',
    );
    expect(sessionTime('2026-03-10T11:00:00Z', '2026-03-10T13:00:00Z', 'en', 'America/New_York')).toBe(
      'Tue, March 10, 2026 07:00–09:00',
    );
    expect(sessionTime('2026-03-10T15:00:00Z', '2026-03-10T17:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe(
      '2026年3月10日周二 23:00 – 2026年3月11日周三 01:00',
    );
  });

  it('shortens a description for previews', () => {
    expect(summaryOf('一\n\n二  三', 10)).toBe('一 二 三');
    expect(summaryOf('a'.repeat(20), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
